//! The one view of a failed request: what went wrong, in the user's language, and a retry.

use leptos::prelude::*;
use shared::format::Lang;

use crate::api::ClientError;
use crate::i18n::{self, T};

/// "Could not load the data", the error's message and a button that runs `retry`.
pub fn error_notice(error: &ClientError, lang: Lang, retry: impl Fn() + 'static) -> AnyView {
    let message = i18n::error_message(error, lang);
    view! {
        <section class="notice notice-error" role="alert" data-error-code=error.code().to_owned()>
            <h2>{T::ErrorTitle.get(lang)}</h2>
            <p>{message}</p>
            <button type="button" class="button" on:click=move |_| retry()>
                {T::Retry.get(lang)}
            </button>
        </section>
    }
    .into_any()
}
