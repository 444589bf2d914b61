//! Open data: the plan's published figures as datasets (a table each, with typed fields), and
//! the files they are downloaded as (CSV, JSON here; `xlsx`, the data package `package`).
//!
//! Every dataset (`datasets`: the table of them) is made from a plan's read model
//! ([`PlanModel`]) by a plain function (`rows`), and only from published rows: a draft value,
//! status or project is in no public file (staff exports mark them). Rows carry their
//! provenance (the document, the place in it) where the figure has one. Money is a decimal
//! number of CZK with two decimals, dates are ISO 8601. `filter` selects the rows a page's table
//! shows.

use crate::store::model::PlanModel;

mod datasets;
mod filter;
pub mod package;
mod rows;
pub mod xlsx;

pub use datasets::{DATASETS, INTERNAL_NOTES};
pub use filter::{Filter, MAX_SEARCH, SEARCH_LIMIT};
use rows::Scope;
pub use rows::note_rows;

/// What the files say about themselves: the plan, its licence and where they come from.
#[derive(Debug, Clone, Copy)]
pub struct Meta<'a> {
    /// The plan's slug (`ostrava`), which names the files.
    pub plan: &'a str,
    pub plan_name: &'a str,
    pub city: &'a str,
    /// The data's licence as an SPDX identifier (`CC-BY-4.0`).
    pub licence: &'a str,
    /// The data page's address (`https://psz.ostrava.cz/data`).
    pub source_url: &'a str,
}

/// The licence the data are published under unless configured otherwise (`--data-licence`).
pub const DEFAULT_LICENCE: &str = "CC-BY-4.0";

/// The address of a licence's text, for the licences data are usually published under.
pub fn licence_url(spdx: &str) -> Option<&'static str> {
    Some(match spdx {
        "CC-BY-4.0" => "https://creativecommons.org/licenses/by/4.0/",
        "CC-BY-SA-4.0" => "https://creativecommons.org/licenses/by-sa/4.0/",
        "CC0-1.0" => "https://creativecommons.org/publicdomain/zero/1.0/",
        "ODbL-1.0" => "https://opendatacommons.org/licenses/odbl/1-0/",
        "PDDL-1.0" => "https://opendatacommons.org/licenses/pddl/1-0/",
        _ => return None,
    })
}

/// What a dataset's field holds, which decides how each format writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, async_graphql::Enum)]
#[graphql(name = "DatasetFieldType")]
pub enum Kind {
    Text,
    Integer,
    Number,
    /// An ISO 8601 date (`2025-02-28`).
    Date,
    /// CZK, written with two decimals (`12170133.36`).
    Money,
    Boolean,
}

impl Kind {
    /// The type in a Frictionless table schema.
    pub fn table_schema_type(self) -> &'static str {
        match self {
            Kind::Text => "string",
            Kind::Integer => "integer",
            Kind::Number | Kind::Money => "number",
            Kind::Date => "date",
            Kind::Boolean => "boolean",
        }
    }

    /// What it is, in Czech (the workbook's description sheet).
    pub fn czech(self) -> &'static str {
        match self {
            Kind::Text => "text",
            Kind::Integer => "celé číslo",
            Kind::Number => "číslo",
            Kind::Date => "datum",
            Kind::Money => "částka v Kč",
            Kind::Boolean => "ano/ne",
        }
    }
}

/// A column of a dataset.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    /// Its name in every format (Czech, ASCII, stable).
    pub name: &'static str,
    pub kind: Kind,
    /// What it is, in Czech.
    pub title: &'static str,
}

/// One value of a row.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Integer(i64),
    Number(f64),
    Date(String),
    /// Hellers.
    Money(i64),
    Boolean(bool),
}

impl Cell {
    fn text(s: &str) -> Cell {
        Cell::Text(s.to_owned())
    }

    fn opt_text(s: Option<&str>) -> Cell {
        s.filter(|s| !s.is_empty()).map_or(Cell::Empty, Cell::text)
    }

    fn opt_date(s: Option<&str>) -> Cell {
        s.filter(|s| !s.is_empty())
            .map_or(Cell::Empty, |d| Cell::Date(d.to_owned()))
    }

    /// How CSV writes it: money with two decimals, numbers as Rust prints them (shortest form
    /// that reads back the same), booleans as `true`/`false`.
    pub fn to_text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) | Cell::Date(s) => s.clone(),
            Cell::Integer(n) => n.to_string(),
            Cell::Number(x) => x.to_string(),
            Cell::Money(h) => money(*h),
            Cell::Boolean(b) => b.to_string(),
        }
    }

    fn to_json(&self) -> serde_json::Value {
        use serde_json::Value;
        match self {
            Cell::Empty => Value::Null,
            Cell::Text(s) | Cell::Date(s) => Value::String(s.clone()),
            Cell::Integer(n) => Value::from(*n),
            Cell::Number(x) => serde_json::Number::from_f64(*x).map_or(Value::Null, Value::Number),
            // The decimal text read as a JSON number: no binary rounding shows.
            Cell::Money(h) => money(*h)
                .parse::<serde_json::Number>()
                .map_or(Value::Null, Value::Number),
            Cell::Boolean(b) => Value::Bool(*b),
        }
    }
}

/// Hellers as CZK with two decimals: `1217013336` → `12170133.36`.
fn money(hellers: i64) -> String {
    let sign = if hellers < 0 { "-" } else { "" };
    let h = hellers.unsigned_abs();
    format!("{sign}{}.{:02}", h / 100, h % 100)
}

/// A dataset: its address, what it is, its fields and how its rows are made.
pub struct Dataset {
    /// The file name without extension (`opatreni`).
    pub slug: &'static str,
    pub title: &'static str,
    pub title_en: &'static str,
    pub description: &'static str,
    pub fields: &'static [Field],
    /// The fields that identify a row.
    pub key: &'static [&'static str],
    /// Fields that name a row of another dataset.
    pub refs: &'static [Ref],
    rows: RowsOf,
    /// For a dataset whose rows may be drafts: its rows with the drafts, each ending with
    /// whether it is published ([`PUBLISHED`]), for the plan's staff only.
    drafts: Option<RowsOf>,
    /// For a dataset the search finds rows of: each row's folded search text, in row order.
    search_texts: Option<TextsOf>,
}

/// Each row's folded search text (`shared::search::fold`), in the order of the rows.
type TextsOf = fn(&PlanModel) -> Vec<String>;

/// How a dataset's rows are made from a plan's model.
type RowsOf = fn(&PlanModel) -> Vec<Vec<Cell>>;

/// The last field of a staff export: whether the row is published or a draft.
pub const PUBLISHED: Field = f(
    "zverejneno",
    Kind::Boolean,
    "Zveřejněno (false: koncept, který veřejnost nevidí)",
);

// A dataset is named by its slug (downloads are kept by it).
impl std::hash::Hash for Dataset {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.slug.hash(state);
    }
}

impl PartialEq for Dataset {
    fn eq(&self, other: &Dataset) -> bool {
        self.slug == other.slug
    }
}

impl Eq for Dataset {}

impl std::fmt::Debug for Dataset {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.slug)
    }
}

/// A foreign key: `fields` of a row name the row of `dataset` whose `target` fields hold the
/// same values (or are empty).
#[derive(Debug)]
pub struct Ref {
    pub fields: &'static [&'static str],
    pub dataset: &'static str,
    pub target: &'static [&'static str],
}

const fn r(
    fields: &'static [&'static str],
    dataset: &'static str,
    target: &'static [&'static str],
) -> Ref {
    Ref {
        fields,
        dataset,
        target,
    }
}

impl Dataset {
    /// The dataset's rows for a plan, each with a cell per field.
    pub fn rows(&self, model: &PlanModel) -> Vec<Vec<Cell>> {
        (self.rows)(model)
    }

    /// Whether its rows may be drafts (and the plan's staff may export them).
    pub fn has_drafts(&self) -> bool {
        self.drafts.is_some()
    }

    /// Its rows with the drafts, each ending with [`PUBLISHED`]; `None` when it has no drafts.
    pub fn rows_with_drafts(&self, model: &PlanModel) -> Option<Vec<Vec<Cell>>> {
        self.drafts.map(|rows| rows(model))
    }

    /// The fields of its rows with the drafts (its own fields if it has none).
    pub fn fields_with_drafts(&self) -> Vec<Field> {
        let mut fields = self.fields.to_vec();
        if self.has_drafts() {
            fields.push(PUBLISHED);
        }
        fields
    }
}

const fn f(name: &'static str, kind: Kind, title: &'static str) -> Field {
    Field { name, kind, title }
}

/// The dataset with this slug.
pub fn find(slug: &str) -> Option<&'static Dataset> {
    DATASETS.iter().find(|d| d.slug == slug)
}

/// The dataset as CSV: UTF-8 with a byte order mark (so Czech Excel shows the diacritics), a
/// header row of the field names, RFC 4180 quoting, `delimiter` between fields (`,`, or `;` for
/// Excel in the Czech locale).
pub fn csv(fields: &[Field], rows: &[Vec<Cell>], delimiter: u8) -> Result<Vec<u8>, csv::Error> {
    let mut out = csv::WriterBuilder::new()
        .delimiter(delimiter)
        .terminator(csv::Terminator::CRLF)
        .from_writer(b"\xEF\xBB\xBF".to_vec());
    out.write_record(fields.iter().map(|f| f.name))?;
    for row in rows {
        out.write_record(row.iter().map(Cell::to_text))?;
    }
    out.into_inner()
        .map_err(|e| csv::Error::from(e.into_error()))
}

/// The dataset as JSON: an array of objects, one per row, keyed by the field names, with
/// numbers, booleans and `null` for an empty cell.
pub fn json(fields: &[Field], rows: &[Vec<Cell>]) -> Vec<u8> {
    let rows: Vec<serde_json::Map<String, serde_json::Value>> = rows
        .iter()
        .map(|row| {
            fields
                .iter()
                .zip(row)
                .map(|(f, c)| (f.name.to_owned(), c.to_json()))
                .collect()
        })
        .collect();
    serde_json::to_vec(&rows).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_has_two_decimals_and_reads_back_exactly() {
        assert_eq!(money(1_217_013_336), "12170133.36");
        assert_eq!(money(250_000_000), "2500000.00");
        assert_eq!(money(-5), "-0.05");
        assert_eq!(
            Cell::Money(1_217_013_336).to_json().to_string(),
            "12170133.36"
        );
    }

    #[test]
    fn every_dataset_has_unique_field_names_and_its_key_among_them() {
        let mut slugs = std::collections::HashSet::new();
        for d in &DATASETS {
            assert!(slugs.insert(d.slug), "{} twice", d.slug);
            let mut names = std::collections::HashSet::new();
            for f in d.fields {
                assert!(names.insert(f.name), "{}: {} twice", d.slug, f.name);
                assert!(f.name.is_ascii(), "{}: {}", d.slug, f.name);
            }
            for k in d.key {
                assert!(names.contains(k), "{}: key {k} is no field", d.slug);
            }
            assert_eq!(
                d.has_drafts(),
                matches!(d.slug, "hodnoty-indikatoru" | "stavy-opatreni" | "projekty"),
                "{}",
                d.slug
            );
            for r in d.refs {
                let target = find(r.dataset).expect("a known dataset");
                assert!(r.fields.iter().all(|f| names.contains(f)), "{}", d.slug);
                assert_eq!(r.target, target.key, "{} → {}", d.slug, r.dataset);
                assert_eq!(r.fields.len(), r.target.len());
            }
        }
        assert!(find("opatreni").is_some() && find("../etc").is_none());
    }

    #[test]
    fn csv_starts_with_a_bom_and_quotes_what_needs_it() {
        static FIELDS: [Field; 2] = [f("a", Kind::Text, "A"), f("b", Kind::Money, "B")];
        let d = Dataset {
            slug: "t",
            title: "T",
            title_en: "T",
            description: "",
            fields: &FIELDS,
            key: &["a"],
            refs: &[],
            rows: |_| Vec::new(),
            drafts: None,
            search_texts: None,
        };
        let rows = vec![vec![
            Cell::text("Bydlení, \"sociální\""),
            Cell::Money(123_456),
        ]];
        let out = csv(d.fields, &rows, b';').expect("csv");
        assert_eq!(
            String::from_utf8(out).expect("utf-8"),
            "\u{feff}a;b\r\n\"Bydlení, \"\"sociální\"\"\";1234.56\r\n"
        );
    }
}
