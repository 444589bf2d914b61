//! A router link around content built beforehand, so the content may borrow page data (a
//! component's children are a `'static` closure; a finished view is not).

use leptos::prelude::*;
use leptos_router::components::A;

use crate::routes::Route;

/// `<a href>` to `route` (handled by the router) around `content`.
pub fn link(route: &Route, content: AnyView) -> AnyView {
    let href = route.href();
    view! { <A href=href>{content}</A> }.into_any()
}

/// [`link`] with a CSS class on the `<a>`.
pub fn link_with_class(route: &Route, class: &'static str, content: AnyView) -> AnyView {
    let href = route.href();
    view! { <A href=href attr:class=class>{content}</A> }.into_any()
}
