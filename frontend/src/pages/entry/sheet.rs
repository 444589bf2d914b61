//! The wave as a spreadsheet on `/zadavani`: download the template, upload the filled file, see
//! the server's preview (per row old → new, every error at its sheet, row and column), confirm.
//! Choosing a file checks it at once; nothing is stored until the user confirms.

use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::format::Lang;
use wasm_bindgen::JsCast;

use super::{Flash, saved};
use crate::api;
use crate::components::form::notice;
use crate::i18n::{self, T};
use crate::lang::use_lang;
use crate::logic::sheet::{self, Answer, Preview, SheetTarget};
use crate::session::use_session;

/// The section: one download and upload per template the user may use.
pub(super) fn sheet_section(
    wave: i32,
    targets: Vec<SheetTarget>,
    reload: RwSignal<u32>,
    lang: Lang,
) -> AnyView {
    if targets.is_empty() {
        return ().into_any();
    }
    let blocks = targets
        .into_iter()
        .map(|target| view! { <SheetUpload wave target reload /> })
        .collect_view();
    view! {
        <section class="sheet" aria-labelledby="sheet-title">
            <h2 id="sheet-title">{T::SheetTitle.get(lang)}</h2>
            <p class="hint">{T::SheetLead.get(lang)}</p>
            {blocks}
        </section>
    }
    .into_any()
}

#[component]
fn SheetUpload(wave: i32, target: SheetTarget, reload: RwSignal<u32>) -> impl IntoView {
    let l = use_lang().get_untracked();
    let session = use_session();
    let flash = use_context::<Flash>();
    let file = StoredValue::new_local(None::<web_sys::File>);
    let preview = RwSignal::new(None::<Preview>);
    let problem = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let key = target
        .organisation
        .as_ref()
        .map_or_else(|| "all".to_owned(), |(id, _)| id.to_string());
    let input_id = format!("sheet-file-{key}");
    let whose = target.organisation.as_ref().map_or_else(
        || T::SheetEveryRow.get(l).to_owned(),
        |(_, name)| name.clone(),
    );
    let href = target.template_href(wave);
    let target = StoredValue::new(target);
    let send = move |confirm: Option<String>| {
        let Some(f) = file.get_value() else {
            problem.set(Some(T::SheetChooseFile.get(l).to_owned()));
            return;
        };
        let url = target.with_value(|t| t.import_url(wave, confirm.as_deref()));
        busy.set(true);
        problem.set(None);
        spawn_local(async move {
            let token = session.get_untracked().me().map(|m| m.csrf_token.clone());
            let result = api::post_file(&url, f.into(), token.as_deref()).await;
            busy.set(false);
            match result {
                Err(e) => problem.set(Some(i18n::error_message(&e, l))),
                Ok((status, body)) => match sheet::answer(status, &body, l) {
                    Answer::Preview(p) => match p.stored {
                        Some(n) => {
                            Flash::clear(flash);
                            preview.set(None);
                            saved(flash, i18n::sheet_stored(n, l), reload);
                        }
                        None => preview.set(Some(p)),
                    },
                    Answer::Refused {
                        message,
                        preview: fresh,
                        ..
                    } => {
                        problem.set(Some(message));
                        preview.set(fresh);
                    }
                },
            }
        });
    };
    let chosen = move |ev: leptos::ev::Event| {
        let input = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok());
        let f = input.and_then(|i| i.files()).and_then(|files| files.get(0));
        preview.set(None);
        file.set_value(f);
        send(None);
    };
    let confirm = move |_| {
        if let Some(digest) = preview.with_untracked(|p| p.as_ref().map(|p| p.digest.clone())) {
            send(Some(digest));
        }
    };
    view! {
        <div class="sheet-block" data-sheet=key>
            <h3>{whose}</h3>
            <p><a class="button secondary" href=href download>{T::SheetDownload.get(l)}</a></p>
            <div class="field">
                <label for=input_id.clone()>{T::SheetFile.get(l)}</label>
                <input type="file" id=input_id name="sheet"
                    accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
                    on:change=chosen />
            </div>
            <button type="button" class="button secondary" on:click=move |_| send(None)
                disabled=move || busy.get()>{T::SheetCheck.get(l)}</button>
            <div class="sheet-outcome" aria-live="polite">
                {move || busy.get().then(|| view! { <p class="hint">{T::SheetChecking.get(l)}</p> })}
                {move || problem.get().map(|m| notice(Err(m)))}
                {move || preview.get().map(|p| preview_view(&p, busy, confirm, l))}
            </div>
        </div>
    }
}

fn preview_view(
    p: &Preview,
    busy: RwSignal<bool>,
    confirm: impl Fn(leptos::ev::MouseEvent) + 'static,
    l: Lang,
) -> AnyView {
    let errors = (!p.errors.is_empty()).then(|| {
        let items = p
            .errors
            .iter()
            .map(|e| {
                view! {
                    <li data-row=e.row data-column=e.column.clone().unwrap_or_default() data-code=e.code.clone()>
                        <strong>{e.place(l)}</strong> ": " {e.message(l).to_owned()}
                    </li>
                }
            })
            .collect_view();
        view! {
            <h4>{T::SheetErrors.get(l)}</h4>
            <ul class="sheet-errors">{items}</ul>
        }
    });
    let rows = p
        .shown_rows()
        .map(|r| {
            let item = match (&r.code, &r.name) {
                (Some(c), Some(n)) => format!("{c} {n}"),
                _ => r.id.clone(),
            };
            let item = match &r.organisation {
                Some(o) => format!("{item} ({o})"),
                None => item,
            };
            view! {
                <tr data-state=r.state.class()>
                    <td class="num">{r.row}</td>
                    <td>{item}</td>
                    <td class="num">{r.old.clone().unwrap_or_default()}</td>
                    <td class="num">{r.new.clone().unwrap_or_default()}</td>
                    <td class=format!("sheet-state state-{}", r.state.class())>{r.state.text(l)}</td>
                </tr>
            }
        })
        .collect_view();
    let table = (p.shown_rows().next().is_some()).then(|| {
        view! {
            <div class="table-wrap">
                <table class="values sheet-rows">
                    <thead><tr>
                        <th scope="col" class="num">{T::SheetRow.get(l)}</th>
                        <th scope="col">{T::SheetItem.get(l)}</th>
                        <th scope="col" class="num">{T::SheetOld.get(l)}</th>
                        <th scope="col" class="num">{T::SheetNew.get(l)}</th>
                        <th scope="col">{T::SheetState.get(l)}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
    });
    let action = if !p.storable {
        view! { <p class="notice error">{T::SheetFixFirst.get(l)}</p> }.into_any()
    } else if p.has_changes() {
        view! {
            <button type="button" class="button" id="sheet-confirm" on:click=confirm
                disabled=move || busy.get()>{T::SheetConfirm.get(l)}</button>
        }
        .into_any()
    } else {
        view! { <p class="hint">{T::SheetNothing.get(l)}</p> }.into_any()
    };
    view! {
        <div class="sheet-preview" data-storable=p.storable.to_string()>
            <p>{p.summary.text(l)}</p>
            {errors}
            {table}
            {action}
        </div>
    }
    .into_any()
}
