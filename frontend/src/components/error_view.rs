//! The one view every `<ErrorBoundary>` falls back to.

use leptos::prelude::*;

use crate::api::ClientError;

/// "Could not load the data", with each error's message and a reload button.
///
/// The errors come from the boundary; a [`ClientError`] shows its Czech text, anything else its
/// `Display`.
#[component]
pub fn ErrorView(errors: ArcRwSignal<Errors>) -> impl IntoView {
    let messages = move || {
        errors
            .get()
            .into_iter()
            .map(|(_, error)| {
                let text = match error.downcast_ref::<ClientError>() {
                    Some(client_error) => client_error.to_string(),
                    None => error.to_string(),
                };
                view! { <li>{text}</li> }
            })
            .collect_view()
    };
    view! {
        <section class="notice notice-error" role="alert">
            <h2>"Nepodařilo se načíst data"</h2>
            <ul>{messages}</ul>
            <button type="button" on:click=|_| reload_page()>
                "Zkusit znovu"
            </button>
        </section>
    }
}

/// Reloads the page, the simplest retry that also picks up a newer bundle.
fn reload_page() {
    // Reloading cannot fail in a way the user could act on; there is nothing to report.
    let _ = window().location().reload();
}
