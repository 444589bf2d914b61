//! A router link around content built beforehand, so the content may borrow page data (a
//! component's children are a `'static` closure; a finished view is not).

use leptos::prelude::*;
use leptos_router::components::A;

use crate::routes::Route;

/// `<a href>` to `route` (handled by the router) around `content`, carrying the action plan
/// the page reads (`?ap=`).
pub fn link(route: &Route, content: AnyView) -> AnyView {
    let href = crate::routes::carry(route.href());
    view! { <A href=href>{content}</A> }.into_any()
}

/// [`link`] with a CSS class on the `<a>`.
pub fn link_with_class(route: &Route, class: &'static str, content: AnyView) -> AnyView {
    let href = crate::routes::carry(route.href());
    view! { <A href=href attr:class=class>{content}</A> }.into_any()
}

/// A link to a staff page where someone signed in in this browser, else nothing. The public
/// bundle has no staff pages, so there it is a plain link that loads the staff bundle.
pub fn staff_link(route: &Route, content: AnyView) -> Option<AnyView> {
    if !crate::browser::staff_here() {
        return None;
    }
    #[cfg(feature = "staff")]
    return Some(link_with_class(route, "staff-link", content));
    #[cfg(not(feature = "staff"))]
    Some(view! { <a class="staff-link" href=route.href() rel="external">{content}</a> }.into_any())
}
