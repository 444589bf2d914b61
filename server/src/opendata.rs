//! Open data: the plan's published figures as datasets (a table each, with typed fields), and
//! the files they are downloaded as (CSV, JSON).
//!
//! Every dataset is made from a plan's read model ([`PlanModel`]) by a plain function, and only
//! from published rows: a draft value, status or project is in no dataset. Rows carry their
//! provenance (the document, the place in it) where the figure has one. Money is a decimal
//! number of CZK with two decimals, dates are ISO 8601.

use std::sync::Arc;

use crate::entity as e;
use crate::store::model::PlanModel;

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
    rows: fn(&PlanModel) -> Vec<Vec<Cell>>,
}

impl Dataset {
    /// The dataset's rows for a plan, each with a cell per field.
    pub fn rows(&self, model: &PlanModel) -> Vec<Vec<Cell>> {
        (self.rows)(model)
    }
}

const fn f(name: &'static str, kind: Kind, title: &'static str) -> Field {
    Field { name, kind, title }
}

use Kind::{Boolean, Date, Integer, Money, Number, Text};

/// Provenance of a published figure: the document it comes from and the place in it.
const DOCUMENT: Field = f("dokument", Text, "Dokument, z něhož údaj pochází");
const LOCATOR: Field = f("misto_v_dokumentu", Text, "Tabulka nebo oddíl dokumentu");

/// Every dataset, in the order the data page lists them.
pub static DATASETS: [Dataset; 8] = [
    Dataset {
        slug: "oblasti",
        title: "Tematické oblasti",
        title_en: "Thematic areas",
        description: "Šest tematických oblastí Plánu sociálního začleňování.",
        fields: &[
            f("kod", Text, "Kód oblasti"),
            f("nazev", Text, "Název"),
            f("nazev_en", Text, "Název anglicky"),
        ],
        key: &["kod"],
        rows: area_rows,
    },
    Dataset {
        slug: "strategicke-cile",
        title: "Strategické cíle",
        title_en: "Strategic goals",
        description: "Strategické cíle tematických oblastí.",
        fields: &[
            f("kod", Text, "Kód strategického cíle"),
            f("oblast", Text, "Kód tematické oblasti"),
            f("nazev", Text, "Název"),
        ],
        key: &["kod"],
        rows: strategic_goal_rows,
    },
    Dataset {
        slug: "specificke-cile",
        title: "Specifické cíle",
        title_en: "Specific goals",
        description: "Specifické cíle s cílovým stavem a očekávaným dopadem.",
        fields: &[
            f("kod", Text, "Kód specifického cíle"),
            f("strategicky_cil", Text, "Kód strategického cíle"),
            f("oblast", Text, "Kód tematické oblasti"),
            f("cilovy_stav", Text, "Cílový stav, jak jej uvádí Plán"),
            f("ocekavany_dopad", Text, "Očekávaný dopad"),
            f("termin", Date, "Termín splnění"),
        ],
        key: &["kod"],
        rows: specific_goal_rows,
    },
    Dataset {
        slug: "indikatory-dopadu",
        title: "Indikátory dopadu",
        title_en: "Impact indicators",
        description: "Indikátory, jimiž se měří naplňování specifických cílů, s cílovými hodnotami.",
        fields: &[
            f("specificky_cil", Text, "Kód specifického cíle"),
            f("poradi", Integer, "Pořadí indikátoru u cíle"),
            f("nazev", Text, "Název indikátoru"),
            f("klicovy", Boolean, "Klíčový indikátor"),
            f("jednotka", Text, "Jednotka"),
            f("cilova_hodnota", Number, "Cílová hodnota"),
            f("cil_text", Text, "Cíl, jak jej uvádí dokument"),
        ],
        key: &["specificky_cil", "poradi"],
        rows: indicator_rows,
    },
    Dataset {
        slug: "hodnoty-indikatoru",
        title: "Hodnoty indikátorů dopadu",
        title_en: "Impact indicator values",
        description: "Zveřejněné hodnoty indikátorů dopadu k jednotlivým datům monitoringu.",
        fields: &[
            f("specificky_cil", Text, "Kód specifického cíle"),
            f("poradi", Integer, "Pořadí indikátoru u cíle"),
            f("indikator", Text, "Název indikátoru"),
            f("datum", Date, "Datum, k němuž hodnota platí"),
            f("obdobi", Text, "Období, jak je uvádí dokument"),
            f("hodnota", Number, "Hodnota"),
            f("hodnota_text", Text, "Hodnota, jak ji uvádí dokument"),
            DOCUMENT,
            LOCATOR,
        ],
        key: &["specificky_cil", "poradi", "datum"],
        rows: value_rows,
    },
    Dataset {
        slug: "opatreni",
        title: "Opatření",
        title_en: "Measures",
        description: "Opatření Akčního plánu se všemi údaji karty: popis, cílová skupina, odpovědný subjekt, harmonogram, náklady a financování.",
        fields: &[
            f("kod", Text, "Kód opatření"),
            f("specificky_cil", Text, "Kód specifického cíle"),
            f("nazev", Text, "Název"),
            f("popis", Text, "Popis opatření"),
            f("cilova_skupina", Text, "Cílová skupina"),
            f("odpovedny_subjekt", Text, "Odpovědný subjekt"),
            f("harmonogram", Text, "Harmonogram, jak jej uvádí karta"),
            f("harmonogram_od", Date, "Začátek harmonogramu"),
            f("harmonogram_do", Date, "Konec harmonogramu"),
            f("predpokladane_naklady", Money, "Předpokládané náklady v Kč"),
            f(
                "naklady_text",
                Text,
                "Předpokládané náklady, jak je uvádí karta",
            ),
            f(
                "zdroje_financovani",
                Text,
                "Zdroje financování, jak je uvádí karta",
            ),
            f("socialni_sluzba", Boolean, "Jde o sociální službu"),
        ],
        key: &["kod"],
        rows: measure_rows,
    },
    Dataset {
        slug: "stavy-opatreni",
        title: "Stavy realizace opatření",
        title_en: "Measure statuses",
        description: "Zveřejněné stavy realizace opatření k datům monitoringu (Nerealizováno, V realizaci, Dokončeno).",
        fields: &[
            f("opatreni", Text, "Kód opatření"),
            f("datum", Date, "Datum, k němuž stav platí"),
            f(
                "stav",
                Text,
                "Stav (NOT_IMPLEMENTED, IN_PROGRESS, COMPLETED)",
            ),
            f("stav_text", Text, "Stav, jak jej uvádí dokument"),
            f("realizator", Text, "Realizátor"),
            f("typ_aktivity", Text, "Typ aktivity"),
            f("obdobi_od", Date, "Začátek období realizace"),
            f("obdobi_do", Date, "Konec období realizace"),
            DOCUMENT,
            LOCATOR,
        ],
        key: &["opatreni", "datum", "realizator"],
        rows: status_rows,
    },
    Dataset {
        slug: "projekty",
        title: "Projekty EU",
        title_en: "EU projects",
        description: "Zveřejněné projekty, z nichž se opatření financují: registrační číslo, výzva, program, rozpočet a realizátor.",
        fields: &[
            f("registracni_cislo", Text, "Registrační číslo projektu"),
            f("opatreni", Text, "Kód opatření"),
            f("vyzva", Text, "Výzva"),
            f("program", Text, "Operační program"),
            f("rozpocet", Money, "Rozpočet projektu v Kč"),
            f("realizator", Text, "Realizátor"),
            f("od", Date, "Začátek realizace"),
            f("do", Date, "Konec realizace"),
            DOCUMENT,
            LOCATOR,
        ],
        key: &["registracni_cislo", "opatreni"],
        rows: project_rows,
    },
];

/// The dataset with this slug.
pub fn find(slug: &str) -> Option<&'static Dataset> {
    DATASETS.iter().find(|d| d.slug == slug)
}

/// The rows of `index` under `key`, in their order; none when there are none.
fn under<M>(index: &std::collections::HashMap<i32, Arc<[M]>>, key: i32) -> &[M] {
    index.get(&key).map_or(&[], |rows| rows)
}

fn areas(m: &PlanModel) -> &[e::area::Model] {
    under(&m.areas_by_plan, m.plan_id)
}

fn strategic_goals(
    m: &PlanModel,
) -> impl Iterator<Item = (&e::area::Model, &e::strategic_goal::Model)> {
    areas(m).iter().flat_map(|a| {
        under(&m.strategic_goals_by_area, a.id)
            .iter()
            .map(move |s| (a, s))
    })
}

fn specific_goals(m: &PlanModel) -> impl Iterator<Item = &e::specific_goal::Model> {
    strategic_goals(m).flat_map(|(_, s)| under(&m.specific_goals_by_strategic_goal, s.id))
}

fn measures(m: &PlanModel) -> impl Iterator<Item = &e::measure::Model> {
    specific_goals(m).flat_map(|g| under(&m.measures_by_goal, g.id))
}

/// A document's title and the place in it.
fn source(m: &PlanModel, document_id: i32, locator: &str) -> [Cell; 2] {
    let title = under(&m.documents, document_id)
        .first()
        .map(|d| d.title.as_str());
    [Cell::opt_text(title), Cell::opt_text(Some(locator))]
}

fn organisation(m: &PlanModel, id: Option<i32>) -> Option<&str> {
    id.and_then(|id| under(&m.organisations, id).first())
        .map(|o| o.name.as_str())
}

fn area_rows(m: &PlanModel) -> Vec<Vec<Cell>> {
    areas(m)
        .iter()
        .map(|a| {
            vec![
                Cell::text(&a.code),
                Cell::text(&a.name),
                Cell::text(&a.name_en),
            ]
        })
        .collect()
}

fn strategic_goal_rows(m: &PlanModel) -> Vec<Vec<Cell>> {
    strategic_goals(m)
        .map(|(a, s)| {
            vec![
                Cell::text(&s.code),
                Cell::text(&a.code),
                Cell::text(&s.name),
            ]
        })
        .collect()
}

fn specific_goal_rows(m: &PlanModel) -> Vec<Vec<Cell>> {
    strategic_goals(m)
        .flat_map(|(a, s)| {
            under(&m.specific_goals_by_strategic_goal, s.id)
                .iter()
                .map(move |g| {
                    vec![
                        Cell::text(&g.code),
                        Cell::text(&s.code),
                        Cell::text(&a.code),
                        Cell::text(&g.target_text),
                        Cell::opt_text(Some(&g.expected_impact)),
                        Cell::opt_date(g.due.as_deref()),
                    ]
                })
        })
        .collect()
}

fn indicator_rows(m: &PlanModel) -> Vec<Vec<Cell>> {
    specific_goals(m)
        .flat_map(|g| {
            under(&m.indicators_by_goal, g.id).iter().map(move |i| {
                vec![
                    Cell::text(&g.code),
                    Cell::Integer(i.position.into()),
                    Cell::text(&i.name),
                    Cell::Boolean(i.is_key),
                    Cell::text(&i.unit),
                    i.target_value.map_or(Cell::Empty, Cell::Number),
                    Cell::opt_text(i.target_text.as_deref()),
                ]
            })
        })
        .collect()
}

fn value_rows(m: &PlanModel) -> Vec<Vec<Cell>> {
    let mut rows = Vec::new();
    for g in specific_goals(m) {
        for i in under(&m.indicators_by_goal, g.id) {
            for v in under(&m.values_by_indicator, i.id)
                .iter()
                .filter(|v| v.published)
            {
                let mut row = vec![
                    Cell::text(&g.code),
                    Cell::Integer(i.position.into()),
                    Cell::text(&i.name),
                    Cell::opt_date(Some(&v.ref_date)),
                    Cell::opt_text(Some(&v.ref_label)),
                    v.value.map_or(Cell::Empty, Cell::Number),
                    Cell::opt_text(Some(&v.value_text)),
                ];
                row.extend(source(m, v.document_id, &v.locator));
                rows.push(row);
            }
        }
    }
    rows
}

fn measure_rows(m: &PlanModel) -> Vec<Vec<Cell>> {
    let goal_code = |id: i32| {
        under(&m.specific_goals, id)
            .first()
            .map(|g| g.code.as_str())
    };
    measures(m)
        .map(|x| {
            vec![
                Cell::text(&x.code),
                Cell::opt_text(goal_code(x.specific_goal_id)),
                Cell::text(&x.name),
                Cell::opt_text(Some(&x.description)),
                Cell::opt_text(Some(&x.target_group)),
                Cell::opt_text(Some(&x.responsible_body)),
                Cell::opt_text(Some(&x.schedule_text)),
                Cell::opt_date(x.schedule_from.as_deref()),
                Cell::opt_date(x.schedule_to.as_deref()),
                x.estimated_cost.map_or(Cell::Empty, Cell::Money),
                Cell::opt_text(Some(&x.estimated_cost_text)),
                Cell::opt_text(Some(&x.funding_text)),
                Cell::Boolean(x.is_social_service),
            ]
        })
        .collect()
}

fn status_rows(m: &PlanModel) -> Vec<Vec<Cell>> {
    let mut rows = Vec::new();
    for x in measures(m) {
        for s in under(&m.statuses_by_measure, x.id)
            .iter()
            .filter(|s| s.published)
        {
            let implementer = organisation(m, s.organisation_id).or(s.implementer_text.as_deref());
            let mut row = vec![
                Cell::text(&x.code),
                Cell::opt_date(Some(&s.ref_date)),
                Cell::text(&s.status),
                Cell::opt_text(Some(&s.status_text)),
                Cell::opt_text(implementer),
                Cell::opt_text(Some(&s.activity)),
                Cell::opt_date(s.period_from.as_deref()),
                Cell::opt_date(s.period_to.as_deref()),
            ];
            row.extend(source(m, s.document_id, &s.locator));
            rows.push(row);
        }
    }
    rows
}

fn project_rows(m: &PlanModel) -> Vec<Vec<Cell>> {
    let mut rows = Vec::new();
    for x in measures(m) {
        for p in under(&m.projects_by_measure, x.id)
            .iter()
            .filter(|p| p.published)
        {
            let mut row = vec![
                Cell::text(&p.registration_number),
                Cell::text(&x.code),
                Cell::text(&p.call),
                Cell::text(&p.programme),
                Cell::Money(p.budget),
                Cell::opt_text(organisation(m, Some(p.organisation_id))),
                Cell::opt_date(p.period_from.as_deref()),
                Cell::opt_date(p.period_to.as_deref()),
            ];
            row.extend(source(m, p.document_id, &p.locator));
            rows.push(row);
        }
    }
    rows
}

/// The dataset as CSV: UTF-8 with a byte order mark (so Czech Excel shows the diacritics), a
/// header row of the field names, RFC 4180 quoting, `delimiter` between fields (`,`, or `;` for
/// Excel in the Czech locale).
pub fn csv(dataset: &Dataset, rows: &[Vec<Cell>], delimiter: u8) -> Result<Vec<u8>, csv::Error> {
    let mut out = csv::WriterBuilder::new()
        .delimiter(delimiter)
        .terminator(csv::Terminator::CRLF)
        .from_writer(b"\xEF\xBB\xBF".to_vec());
    out.write_record(dataset.fields.iter().map(|f| f.name))?;
    for row in rows {
        out.write_record(row.iter().map(Cell::to_text))?;
    }
    out.into_inner()
        .map_err(|e| csv::Error::from(e.into_error()))
}

/// The dataset as JSON: an array of objects, one per row, keyed by the field names, with
/// numbers, booleans and `null` for an empty cell.
pub fn json(dataset: &Dataset, rows: &[Vec<Cell>]) -> Vec<u8> {
    let rows: Vec<serde_json::Map<String, serde_json::Value>> = rows
        .iter()
        .map(|row| {
            dataset
                .fields
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
        }
        assert!(find("opatreni").is_some() && find("../etc").is_none());
    }

    #[test]
    fn csv_starts_with_a_bom_and_quotes_what_needs_it() {
        static FIELDS: [Field; 2] = [f("a", Text, "A"), f("b", Money, "B")];
        let d = Dataset {
            slug: "t",
            title: "T",
            title_en: "T",
            description: "",
            fields: &FIELDS,
            key: &["a"],
            rows: |_| Vec::new(),
        };
        let rows = vec![vec![
            Cell::text("Bydlení, \"sociální\""),
            Cell::Money(123_456),
        ]];
        let out = csv(&d, &rows, b';').expect("csv");
        assert_eq!(
            String::from_utf8(out).expect("utf-8"),
            "\u{feff}a;b\r\n\"Bydlení, \"\"sociální\"\"\";1234.56\r\n"
        );
    }
}
