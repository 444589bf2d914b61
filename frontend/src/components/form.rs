//! Form fields, built by one function from a description: a label above its input (or
//! select), a hint, and the inline error of the rule the value breaks, tied to the input by
//! `aria-describedby` and `aria-invalid`. One function for every field keeps the bundle small.

use leptos::prelude::*;
use shared::format::Lang;

/// What a field holds and how it is checked.
pub struct Field {
    /// The input's id (labels and tests find it by this).
    pub id: String,
    pub label: String,
    /// The input's `type` (`text`, `email`, `password`, `date`, `number`); `select` for a
    /// choice among `options`; `textarea` for text of several lines.
    pub kind: &'static str,
    pub value: RwSignal<String>,
    pub hint: Option<String>,
    /// The message of the rule the current value breaks, if any.
    pub check: Option<fn(&str, Lang) -> Option<String>>,
    pub required: bool,
    /// `(value, text)` pairs of a select.
    pub options: Vec<(String, String)>,
    /// `autocomplete` (`username`, `current-password`, `new-password`, `off`).
    pub autocomplete: &'static str,
}

impl Field {
    /// A field of `kind` with no hint, check or options.
    pub fn new(id: String, label: &str, kind: &'static str, value: RwSignal<String>) -> Field {
        Field {
            id,
            label: label.to_owned(),
            kind,
            value,
            hint: None,
            check: None,
            required: false,
            options: Vec::new(),
            autocomplete: "off",
        }
    }

    pub fn hint(mut self, hint: String) -> Field {
        self.hint = Some(hint);
        self
    }

    pub fn check(mut self, check: fn(&str, Lang) -> Option<String>) -> Field {
        self.check = Some(check);
        self
    }

    pub fn required(mut self) -> Field {
        self.required = true;
        self
    }

    pub fn options(mut self, options: Vec<(String, String)>) -> Field {
        self.options = options;
        self
    }

    pub fn autocomplete(mut self, autocomplete: &'static str) -> Field {
        self.autocomplete = autocomplete;
        self
    }
}

/// The fields' views, in order.
pub fn fields(list: Vec<Field>, lang: Lang) -> AnyView {
    list.into_iter()
        .map(|f| field(f, lang))
        .collect_view()
        .into_any()
}

/// The field's view.
pub fn field(f: Field, lang: Lang) -> AnyView {
    let value = f.value;
    let check = f.check;
    let error = move || check.and_then(|c| c(&value.get(), lang));
    let error_id = format!("{}-error", f.id);
    let input = if f.kind == "select" {
        let current = value.get_untracked();
        let options = f
            .options
            .into_iter()
            .map(|(v, text)| {
                let selected = v == current;
                view! { <option value=v selected=selected>{text}</option> }
            })
            .collect_view();
        view! {
            <select id=f.id.clone() on:change=move |ev| value.set(event_target_value(&ev))>
                {options}
            </select>
        }
        .into_any()
    } else if f.kind == "textarea" {
        view! {
            <textarea id=f.id.clone() required=f.required rows="4"
                prop:value=value.get_untracked()
                aria-describedby=error_id.clone()
                aria-invalid=move || error().is_some().to_string()
                on:input=move |ev| value.set(event_target_value(&ev))></textarea>
        }
        .into_any()
    } else {
        view! {
            <input id=f.id.clone() type=f.kind required=f.required autocomplete=f.autocomplete
                value=value.get_untracked()
                aria-describedby=error_id.clone()
                aria-invalid=move || error().is_some().to_string()
                on:input=move |ev| value.set(event_target_value(&ev)) />
        }
        .into_any()
    };
    view! {
        <div class="field">
            <label for=f.id>{f.label}</label>
            {input}
            {f.hint.map(|h| view! { <p class="hint">{h}</p> })}
            <p id=error_id class="field-error" aria-live="polite">{error}</p>
        </div>
    }
    .into_any()
}

/// A saved / failed message under a form.
pub fn notice(m: Result<String, String>) -> AnyView {
    match m {
        Ok(text) => view! { <p class="notice notice-ok" role="status">{text}</p> }.into_any(),
        Err(text) => view! { <p class="notice notice-error" role="alert">{text}</p> }.into_any(),
    }
}
