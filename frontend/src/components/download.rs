//! "Stáhnout data" under a table: the open-data rows the table shows, as CSV (also
//! semicolon-separated, as Excel in Czech opens it) and XLSX, from the server's `/data/…`
//! downloads (see `server::http::data`).

use leptos::prelude::*;
use shared::format::Lang;

use crate::i18n::T;
use crate::routes::{PLAN, encode_query};

/// The address of a dataset's file (`csv`, `xlsx`), with the rows where `field` is `value`
/// and, for `;`-separated CSV, the delimiter: `/data/ostrava/projekty.csv?opatreni=2.1.3.4`.
pub fn data_url(
    dataset: &str,
    ext: &str,
    filter: Option<(&str, &str)>,
    semicolons: bool,
) -> String {
    let mut query: Vec<String> = Vec::new();
    if let Some((field, value)) = filter {
        query.push(format!("{field}={}", encode_query(value)));
    }
    if semicolons {
        query.push("oddelovac=strednik".to_owned());
    }
    let query = if query.is_empty() {
        String::new()
    } else {
        format!("?{}", query.join("&"))
    };
    format!("/data/{PLAN}/{dataset}.{ext}{query}")
}

/// The download links of what a table (named `what` for screen readers) shows: the rows of
/// `dataset`, all or those where `filter`'s field holds its value.
pub fn download_data(dataset: &str, filter: Option<(&str, &str)>, what: T, lang: Lang) -> AnyView {
    let context = format!(" – {}", what.get(lang));
    let link = |label: &'static str, ext: &str, semicolons: bool| {
        let href = data_url(dataset, ext, filter, semicolons);
        let context = context.clone();
        view! {
            <a href=href download="" data-format=label>
                {label}
                <span class="visually-hidden">{context}</span>
            </a>
        }
    };
    view! {
        <p class="download-data" data-dataset=dataset.to_owned()>
            <span class="download-label">{T::DownloadData.get(lang)} ":"</span>
            " " {link("CSV", "csv", false)}
            " " {link("CSV (;)", "csv", true)}
            " " {link("XLSX", "xlsx", false)}
        </p>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_carry_the_selection_encoded() {
        assert_eq!(
            data_url("projekty", "csv", Some(("opatreni", "2.1.3.4")), false),
            "/data/ostrava/projekty.csv?opatreni=2.1.3.4"
        );
        assert_eq!(
            data_url(
                "projekty",
                "csv",
                Some(("realizator", "Slezská diakonie")),
                true
            ),
            "/data/ostrava/projekty.csv?realizator=Slezsk%C3%A1+diakonie&oddelovac=strednik"
        );
        assert_eq!(
            data_url("rizika", "xlsx", None, false),
            "/data/ostrava/rizika.xlsx"
        );
    }
}
