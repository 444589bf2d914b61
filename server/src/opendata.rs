//! Open data: the plan's published figures as datasets (a table each, with typed fields), and
//! the files they are downloaded as (CSV, JSON).
//!
//! Every dataset is made from a plan's read model ([`PlanModel`]) by a plain function, and only
//! from published rows: a draft value, status or project is in no dataset. Rows carry their
//! provenance (the document, the place in it) where the figure has one. Money is a decimal
//! number of CZK with two decimals, dates are ISO 8601.

use std::sync::Arc;

use shared::format::Lang;

use crate::entity as e;
use crate::store::facts::PlanFacts;
use crate::store::model::PlanModel;

pub mod package;
pub mod xlsx;

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
    Boolean,
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

/// Which rows a dataset's row function makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scope {
    /// Published rows only: what everyone may read.
    Public,
    /// Drafts too, each row ending with whether it is published.
    WithDrafts,
}

impl Scope {
    fn keeps(self, published: bool) -> bool {
        published || self == Scope::WithDrafts
    }

    /// Ends a row with whether it is published, when drafts are asked for.
    fn finish(self, mut row: Vec<Cell>, published: bool) -> Vec<Cell> {
        if self == Scope::WithDrafts {
            row.push(Cell::Boolean(published));
        }
        row
    }
}

const fn f(name: &'static str, kind: Kind, title: &'static str) -> Field {
    Field { name, kind, title }
}

use Kind::{Boolean, Date, Integer, Money, Number, Text};

/// Provenance of a published figure: the document it comes from and the place in it.
const DOCUMENT: Field = f("dokument", Text, "Dokument, z něhož údaj pochází");
const LOCATOR: Field = f("misto_v_dokumentu", Text, "Tabulka nebo oddíl dokumentu");
const DOCUMENT_REF: Ref = r(&["dokument"], "dokumenty", &["nazev"]);
const MEASURE_REF: Ref = r(&["opatreni"], "opatreni", &["kod"]);

/// Every dataset, in the order the data page and the workbook list them.
pub static DATASETS: [Dataset; 20] = [
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
        refs: &[],
        rows: area_rows,
        drafts: None,
        search_texts: Some(|m| areas(m).iter().map(|a| a.search_text.clone()).collect()),
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
        refs: &[r(&["oblast"], "oblasti", &["kod"])],
        rows: strategic_goal_rows,
        drafts: None,
        search_texts: Some(|m| {
            strategic_goals(m)
                .map(|(_, s)| s.search_text.clone())
                .collect()
        }),
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
        refs: &[
            r(&["strategicky_cil"], "strategicke-cile", &["kod"]),
            r(&["oblast"], "oblasti", &["kod"]),
        ],
        rows: specific_goal_rows,
        drafts: None,
        search_texts: Some(|m| specific_goals(m).map(|g| g.search_text.clone()).collect()),
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
        refs: &[r(&["specificky_cil"], "specificke-cile", &["kod"])],
        rows: indicator_rows,
        drafts: None,
        search_texts: None,
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
        refs: &[
            r(
                &["specificky_cil", "poradi"],
                "indikatory-dopadu",
                &["specificky_cil", "poradi"],
            ),
            DOCUMENT_REF,
        ],
        rows: |m| value_rows(m, Scope::Public),
        drafts: Some(|m| value_rows(m, Scope::WithDrafts)),
        search_texts: None,
    },
    Dataset {
        slug: "opatreni",
        title: "Opatření",
        title_en: "Measures",
        description: "Opatření akčních plánů se všemi údaji karty: popis, cílová skupina, odpovědný subjekt, harmonogram, náklady, financování, výstupy a vazby.",
        fields: &[
            f("kod", Text, "Kód opatření"),
            f("akcni_plan", Integer, "Číslo akčního plánu"),
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
                "naklady_priblizne",
                Boolean,
                "Náklady jsou uvedeny přibližně",
            ),
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
            f(
                "vystupy",
                Text,
                "Indikátory výstupu, každý na vlastním řádku",
            ),
            f("vazby", Text, "Vazby na jiná opatření a dokumenty"),
            f("druh_sluzby", Text, "Druh sociální služby"),
            f("socialni_sluzba", Boolean, "Jde o sociální službu"),
        ],
        key: &["kod"],
        refs: &[r(&["specificky_cil"], "specificke-cile", &["kod"])],
        rows: measure_rows,
        drafts: None,
        search_texts: Some(|m| measures(m).map(|x| x.search_text.clone()).collect()),
    },
    Dataset {
        slug: "zdroje-financovani",
        title: "Zdroje financování opatření",
        title_en: "Funding sources of measures",
        description: "Zdroje financování, které uvádí karta opatření, každý zvlášť.",
        fields: &[
            f("opatreni", Text, "Kód opatření"),
            f("poradi", Integer, "Pořadí zdroje na kartě"),
            f("zdroj", Text, "Zdroj financování (kód)"),
            f("nazev", Text, "Zdroj financování"),
        ],
        key: &["opatreni", "poradi"],
        refs: &[MEASURE_REF],
        rows: funding_rows,
        drafts: None,
        search_texts: None,
    },
    Dataset {
        slug: "alokace",
        title: "Alokace z operačních programů",
        title_en: "Allocations of operational programmes",
        description: "Částky, které akční plán předpokládá z operačních programů (OPZ+, IROP), s prioritou a cílem programu.",
        fields: &[
            f("opatreni", Text, "Kód opatření"),
            f("poradi", Integer, "Pořadí alokace u opatření"),
            f("program", Text, "Operační program"),
            f("priorita", Text, "Priorita programu"),
            f("cil_programu", Text, "Specifický cíl programu"),
            f("castka", Money, "Částka v Kč"),
            f("castka_text", Text, "Částka, jak ji uvádí dokument"),
            f(
                "v_zavorce",
                Boolean,
                "Dokument uvádí částku v závorce (již započtena jinde)",
            ),
            DOCUMENT,
            LOCATOR,
        ],
        key: &["opatreni", "poradi"],
        refs: &[MEASURE_REF, DOCUMENT_REF],
        rows: allocation_rows,
        drafts: None,
        search_texts: None,
    },
    Dataset {
        slug: "stavy-opatreni",
        title: "Stavy realizace opatření",
        title_en: "Measure statuses",
        description: "Zveřejněné stavy realizace opatření k datům monitoringu (Nerealizováno, V realizaci, Dokončeno).",
        fields: &[
            f("opatreni", Text, "Kód opatření"),
            f("poradi", Integer, "Pořadí záznamu u opatření"),
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
        key: &["opatreni", "poradi"],
        refs: &[MEASURE_REF, DOCUMENT_REF],
        rows: |m| status_rows(m, Scope::Public),
        drafts: Some(|m| status_rows(m, Scope::WithDrafts)),
        search_texts: None,
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
        refs: &[MEASURE_REF, DOCUMENT_REF],
        rows: |m| project_rows(m, Scope::Public),
        drafts: Some(|m| project_rows(m, Scope::WithDrafts)),
        search_texts: None,
    },
    Dataset {
        slug: "souhrn-oblasti",
        title: "Souhrn oblastí",
        title_en: "Areas at a glance",
        description: "Čísla přehledu a rozpočtu za každou oblast, jak je aplikace počítá ze zveřejněných údajů: plnění specifických cílů, stavy opatření, peníze plánované, alokované a čerpané, nevyřešené rozpory.",
        fields: &[
            f("oblast", Text, "Kód oblasti"),
            f("nazev", Text, "Název oblasti"),
            f("cile", Integer, "Specifické cíle"),
            f("cile_s_daty", Integer, "Specifické cíle, k nimž jsou data"),
            f("cile_splnene", Integer, "Splněné cíle"),
            f("cile_na_dobre_ceste", Integer, "Cíle na dobré cestě"),
            f("cile_pozadu", Integer, "Cíle pozadu"),
            f("plneni", Number, "Průměrné plnění cílů s daty (0–1)"),
            f("opatreni_nerealizovano", Integer, "Opatření nerealizovaná"),
            f("opatreni_v_realizaci", Integer, "Opatření v realizaci"),
            f("opatreni_dokoncena", Integer, "Opatření dokončená"),
            f(
                "opatreni_bez_stavu",
                Integer,
                "Opatření bez uvedeného stavu",
            ),
            f("planovano", Money, "Předpokládané náklady opatření v Kč"),
            f("alokovano", Money, "Alokace z výzev KPSV+ v Kč"),
            f("cerpano", Money, "Rozpočty projektů EU v Kč"),
            f("rozpory", Integer, "Nevyřešené rozpory mezi zdroji"),
        ],
        key: &["oblast"],
        refs: &[r(&["oblast"], "oblasti", &["kod"])],
        rows: area_summary_rows,
        drafts: None,
        search_texts: None,
    },
    Dataset {
        slug: "rozpocet-opatreni",
        title: "Rozpočet podle opatření",
        title_en: "Budget by measure",
        description: "Peníze každého opatření: předpokládané náklady karty, alokace z výzev KPSV+ a rozpočty projektů EU.",
        fields: &[
            f("opatreni", Text, "Kód opatření"),
            f("nazev", Text, "Název opatření"),
            f("planovano", Money, "Předpokládané náklady v Kč"),
            f("alokovano", Money, "Alokace z výzev KPSV+ v Kč"),
            f("cerpano", Money, "Rozpočty projektů EU v Kč"),
        ],
        key: &["opatreni"],
        refs: &[MEASURE_REF],
        rows: measure_budget_rows,
        drafts: None,
        search_texts: None,
    },
    Dataset {
        slug: "rozpocet-zdroje",
        title: "Rozpočet podle zdrojů",
        title_en: "Budget by funding source",
        description: "Peníze podle zdrojů financování, které uvádějí karty opatření. Opatření se dvěma zdroji se počítá u obou, součet proto není celkem plánu.",
        fields: &[
            f("zdroj", Text, "Zdroj financování (kód)"),
            f("nazev", Text, "Zdroj financování"),
            f("planovano", Money, "Předpokládané náklady v Kč"),
            f("alokovano", Money, "Alokace z výzev KPSV+ v Kč"),
            f("cerpano", Money, "Rozpočty projektů EU v Kč"),
            f(
                "opatreni_s_naklady",
                Integer,
                "Opatření s uvedenými náklady",
            ),
        ],
        key: &["zdroj"],
        refs: &[],
        rows: source_budget_rows,
        drafts: None,
        search_texts: None,
    },
    Dataset {
        slug: "rozpocet-programy",
        title: "Rozpočet podle programů",
        title_en: "Budget by programme",
        description: "Alokace (Tabulka 6 akčního plánu) a rozpočty projektů (příloha A zprávy) podle operačních programů.",
        fields: &[
            f("program", Text, "Operační program"),
            f("alokovano", Money, "Alokace v Kč"),
            f("cerpano", Money, "Rozpočty projektů v Kč"),
        ],
        key: &["program"],
        refs: &[],
        rows: programme_budget_rows,
        drafts: None,
        search_texts: None,
    },
    Dataset {
        slug: "globalni-indikatory",
        title: "Globální indikátory",
        title_en: "Global indicators",
        description: "Globální indikátory sociálního začleňování města s očekávaným vývojem.",
        fields: &[
            f("poradi", Integer, "Pořadí indikátoru"),
            f("nazev", Text, "Název indikátoru"),
            f("poznamka", Text, "Poznámka"),
            f(
                "ocekavany_vyvoj",
                Text,
                "Očekávaný vývoj, jak jej uvádí dokument",
            ),
            f("druh_cile", Text, "Druh cíle (pokles, růst, hodnota)"),
            f("cilova_hodnota", Number, "Cílová hodnota"),
            f("nizsi_je_lepsi", Boolean, "Nižší hodnota je lepší"),
            DOCUMENT,
            LOCATOR,
        ],
        key: &["poradi"],
        refs: &[DOCUMENT_REF],
        rows: global_rows,
        drafts: None,
        search_texts: None,
    },
    Dataset {
        slug: "hodnoty-globalnich-indikatoru",
        title: "Hodnoty globálních indikátorů",
        title_en: "Global indicator values",
        description: "Hodnoty globálních indikátorů za město a za kraj, výchozí i za jednotlivé roky.",
        fields: &[
            f("indikator", Integer, "Pořadí globálního indikátoru"),
            f("poradi", Integer, "Pořadí hodnoty u indikátoru"),
            f("sloupec", Text, "Sloupec tabulky dokumentu"),
            f("vychozi", Boolean, "Výchozí hodnota"),
            f("obdobi", Text, "Období"),
            f("rok", Integer, "Rok"),
            f("uzemi", Text, "Území"),
            f("hodnota", Number, "Hodnota za město"),
            f(
                "hodnota_text",
                Text,
                "Hodnota za město, jak ji uvádí dokument",
            ),
            f("hodnota_kraj", Number, "Hodnota za kraj"),
            f(
                "hodnota_kraj_text",
                Text,
                "Hodnota za kraj, jak ji uvádí dokument",
            ),
            f("poradi_mezi_mesty", Text, "Pořadí mezi městy"),
            DOCUMENT,
            LOCATOR,
        ],
        key: &["indikator", "poradi"],
        refs: &[
            r(&["indikator"], "globalni-indikatory", &["poradi"]),
            DOCUMENT_REF,
        ],
        rows: global_value_rows,
        drafts: None,
        search_texts: None,
    },
    Dataset {
        slug: "harmonogram",
        title: "Harmonogram",
        title_en: "Timeline",
        description: "Harmonogram implementace a evaluace akčních plánů.",
        fields: &[
            f("akcni_plan", Integer, "Číslo akčního plánu"),
            f("poradi", Integer, "Pořadí kroku"),
            f("obdobi", Text, "Období, jak je uvádí dokument"),
            f("od", Date, "Začátek období"),
            f("do", Date, "Konec období"),
            f("krok", Text, "Krok"),
            DOCUMENT,
            LOCATOR,
        ],
        key: &["akcni_plan", "poradi"],
        refs: &[DOCUMENT_REF],
        rows: milestone_rows,
        drafts: None,
        search_texts: None,
    },
    Dataset {
        slug: "rizika",
        title: "Rizika",
        title_en: "Risks",
        description: "Analýza rizik akčních plánů: pravděpodobnost, dopad, významnost a opatření k jejich snížení.",
        fields: &[
            f("akcni_plan", Integer, "Číslo akčního plánu"),
            f("poradi", Integer, "Pořadí rizika v dokumentu"),
            f("riziko", Text, "Riziko"),
            f("pravdepodobnost", Integer, "Pravděpodobnost (1–5)"),
            f("dopad", Integer, "Dopad (1–5)"),
            f(
                "vyznamnost",
                Integer,
                "Významnost (pravděpodobnost × dopad)",
            ),
            f("opatreni_ke_snizeni", Text, "Opatření ke snížení rizika"),
            DOCUMENT,
            LOCATOR,
        ],
        key: &["akcni_plan", "poradi"],
        refs: &[DOCUMENT_REF],
        rows: risk_rows,
        drafts: None,
        search_texts: None,
    },
    Dataset {
        slug: "rozpory",
        title: "Rozpory mezi zdroji",
        title_en: "Conflicts between sources",
        description: "Nevyřešené rozpory mezi dokumenty: každý údaj, v němž se zdroje liší, s každým z jejich tvrzení.",
        fields: &[
            f("rozpor", Integer, "Číslo rozporu"),
            f(
                "predmet",
                Text,
                "Druh předmětu (measure, specific_goal, indicator …)",
            ),
            f("kod", Text, "Kód předmětu"),
            f("udaj", Text, "Údaj, v němž se zdroje liší"),
            f("zavaznost", Text, "Závažnost (FIGURE, IDENTITY, GAP …)"),
            f("popis", Text, "Popis rozporu"),
            f("tvrzeni", Integer, "Číslo tvrzení"),
            f("hodnota", Text, "Hodnota, jak ji uvádí zdroj"),
            f("datum", Date, "Datum, k němuž tvrzení platí"),
            DOCUMENT,
            LOCATOR,
        ],
        key: &["rozpor", "tvrzeni"],
        refs: &[DOCUMENT_REF],
        rows: conflict_rows,
        drafts: None,
        search_texts: None,
    },
    Dataset {
        slug: "dokumenty",
        title: "Dokumenty",
        title_en: "Documents",
        description: "Dokumenty, z nichž údaje pocházejí.",
        fields: &[
            f("nazev", Text, "Název dokumentu"),
            f("klic", Text, "Zkratka dokumentu"),
            f("vydan", Text, "Kdy byl vydán"),
            f("druh", Text, "Druh dokumentu"),
            f("popis", Text, "Popis"),
        ],
        key: &["nazev"],
        refs: &[],
        rows: document_rows,
        drafts: None,
        search_texts: None,
    },
];

/// The dataset with this slug.
pub fn find(slug: &str) -> Option<&'static Dataset> {
    DATASETS.iter().find(|d| d.slug == slug)
}

/// The internal notes on areas, goals and measures: a staff export only, never in a public file
/// (its rows come from the database: [`note_rows`]).
pub static INTERNAL_NOTES: Dataset = Dataset {
    slug: "interni-poznamky",
    title: "Interní poznámky",
    title_en: "Internal notes",
    description: "Interní poznámky pracovníků plánu k oblastem, cílům a opatřením. Nejsou veřejné.",
    fields: &[
        f("poznamka", Integer, "Číslo poznámky"),
        f(
            "predmet",
            Text,
            "Druh předmětu (AREA, STRATEGIC_GOAL, SPECIFIC_GOAL, MEASURE)",
        ),
        f("kod", Text, "Kód předmětu"),
        f("text", Text, "Text poznámky"),
        f("autor", Text, "Autor"),
        f("vytvoreno", Text, "Kdy byla napsána (UTC, ISO 8601)"),
    ],
    key: &["poznamka"],
    refs: &[],
    rows: |_| Vec::new(),
    drafts: None,
    search_texts: None,
};

/// The rows of [`INTERNAL_NOTES`].
pub fn note_rows(notes: &[e::internal_note::Model]) -> Vec<Vec<Cell>> {
    notes
        .iter()
        .map(|n| {
            vec![
                Cell::Integer(n.id.into()),
                Cell::text(&n.subject_type),
                Cell::text(&n.subject_code),
                Cell::text(&n.text),
                Cell::text(&n.author_name),
                Cell::text(&n.created_at),
            ]
        })
        .collect()
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

fn value_rows(m: &PlanModel, scope: Scope) -> Vec<Vec<Cell>> {
    let mut rows = Vec::new();
    for g in specific_goals(m) {
        for i in under(&m.indicators_by_goal, g.id) {
            for v in under(&m.values_by_indicator, i.id)
                .iter()
                .filter(|v| scope.keeps(v.published))
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
                rows.push(scope.finish(row, v.published));
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
    let action_plan = |id: i32| {
        under(&m.action_plans_by_plan, m.plan_id)
            .iter()
            .find(|a| a.id == id)
            .map_or(Cell::Empty, |a| Cell::Integer(a.number.into()))
    };
    measures(m)
        .map(|x| {
            let outputs: Vec<&str> = under(&m.outputs_by_measure, x.id)
                .iter()
                .map(|o| o.name.as_str())
                .collect();
            vec![
                Cell::text(&x.code),
                action_plan(x.action_plan_id),
                Cell::opt_text(goal_code(x.specific_goal_id)),
                Cell::text(&x.name),
                Cell::opt_text(Some(&x.description)),
                Cell::opt_text(Some(&x.target_group)),
                Cell::opt_text(Some(&x.responsible_body)),
                Cell::opt_text(Some(&x.schedule_text)),
                Cell::opt_date(x.schedule_from.as_deref()),
                Cell::opt_date(x.schedule_to.as_deref()),
                x.estimated_cost.map_or(Cell::Empty, Cell::Money),
                Cell::Boolean(x.cost_approximate),
                Cell::opt_text(Some(&x.estimated_cost_text)),
                Cell::opt_text(Some(&x.funding_text)),
                Cell::opt_text(Some(&outputs.join("\n"))),
                Cell::opt_text(Some(&x.links_text)),
                Cell::opt_text(x.service_type.as_deref()),
                Cell::Boolean(x.is_social_service),
            ]
        })
        .collect()
}

fn funding_rows(m: &PlanModel) -> Vec<Vec<Cell>> {
    measures(m)
        .flat_map(|x| {
            under(&m.fundings_by_measure, x.id).iter().map(move |s| {
                let name = shared::FundingSource::from_db(&s.source)
                    .map(|f| frontend::i18n::funding_source(f, Lang::Cs));
                vec![
                    Cell::text(&x.code),
                    Cell::Integer(s.position.into()),
                    Cell::text(&s.source),
                    Cell::opt_text(name),
                ]
            })
        })
        .collect()
}

fn allocation_rows(m: &PlanModel) -> Vec<Vec<Cell>> {
    let mut rows = Vec::new();
    for x in measures(m) {
        for (n, a) in (1_i64..).zip(under(&m.allocations_by_measure, x.id)) {
            let mut row = vec![
                Cell::text(&x.code),
                Cell::Integer(n),
                Cell::text(&a.programme),
                Cell::opt_text(Some(&a.priority)),
                Cell::opt_text(Some(&a.programme_goal)),
                Cell::Money(a.amount),
                Cell::opt_text(Some(&a.amount_text)),
                Cell::Boolean(a.bracketed),
            ];
            row.extend(source(m, a.document_id, &a.locator));
            rows.push(row);
        }
    }
    rows
}

fn status_rows(m: &PlanModel, scope: Scope) -> Vec<Vec<Cell>> {
    let mut rows = Vec::new();
    for x in measures(m) {
        for s in under(&m.statuses_by_measure, x.id)
            .iter()
            .filter(|s| scope.keeps(s.published))
        {
            let implementer = organisation(m, s.organisation_id).or(s.implementer_text.as_deref());
            let mut row = vec![
                Cell::text(&x.code),
                Cell::Integer(s.position.into()),
                Cell::opt_date(Some(&s.ref_date)),
                Cell::text(&s.status),
                Cell::opt_text(Some(&s.status_text)),
                Cell::opt_text(implementer),
                Cell::opt_text(Some(&s.activity)),
                Cell::opt_date(s.period_from.as_deref()),
                Cell::opt_date(s.period_to.as_deref()),
            ];
            row.extend(source(m, s.document_id, &s.locator));
            rows.push(scope.finish(row, s.published));
        }
    }
    rows
}

fn project_rows(m: &PlanModel, scope: Scope) -> Vec<Vec<Cell>> {
    let mut rows = Vec::new();
    for x in measures(m) {
        for p in under(&m.projects_by_measure, x.id)
            .iter()
            .filter(|p| scope.keeps(p.published))
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
            rows.push(scope.finish(row, p.published));
        }
    }
    rows
}

/// A sum of money as a cell; a sum that overflows (never a real plan's) is left empty rather
/// than written wrong.
fn money_cell(total: shared::money::Total) -> Cell {
    total
        .get()
        .map_or(Cell::Empty, |c| Cell::Money(c.hellers()))
}

fn count(n: usize) -> Cell {
    Cell::Integer(i64::try_from(n).unwrap_or(i64::MAX))
}

/// The figures the overview and the budget page show for each area.
fn area_summary_rows(m: &PlanModel) -> Vec<Vec<Cell>> {
    let facts = PlanFacts::of_model(m);
    areas(m)
        .iter()
        .map(|a| {
            let g = facts.areas.get(&a.id).cloned().unwrap_or_default();
            let p = g.progress;
            let s = g.statuses;
            vec![
                Cell::text(&a.code),
                Cell::text(&a.name),
                count(p.map_or(0, |p| p.goals)),
                count(p.map_or(0, |p| p.goals_with_data)),
                count(p.map_or(0, |p| p.achieved)),
                count(p.map_or(0, |p| p.on_track)),
                count(p.map_or(0, |p| p.behind)),
                p.and_then(|p| p.attainment)
                    .map_or(Cell::Empty, Cell::Number),
                count(s.not_implemented),
                count(s.in_progress),
                count(s.completed),
                count(s.unknown),
                money_cell(g.money.planned),
                money_cell(g.money.allocated),
                money_cell(g.money.drawn),
                count(g.conflicts),
            ]
        })
        .collect()
}

fn measure_budget_rows(m: &PlanModel) -> Vec<Vec<Cell>> {
    let facts = PlanFacts::of_model(m);
    measures(m)
        .map(|x| {
            let money = facts.measure_money.get(&x.id).copied().unwrap_or_default();
            vec![
                Cell::text(&x.code),
                Cell::text(&x.name),
                money_cell(money.planned),
                money_cell(money.allocated),
                money_cell(money.drawn),
            ]
        })
        .collect()
}

fn source_budget_rows(m: &PlanModel) -> Vec<Vec<Cell>> {
    PlanFacts::of_model(m)
        .by_source
        .iter()
        .filter_map(|(code, money)| {
            let source = shared::FundingSource::from_db(code)?;
            Some(vec![
                Cell::text(code),
                Cell::text(frontend::i18n::funding_source(source, Lang::Cs)),
                money_cell(money.planned),
                money_cell(money.allocated),
                money_cell(money.drawn),
                count(money.measures_with_cost),
            ])
        })
        .collect()
}

fn programme_budget_rows(m: &PlanModel) -> Vec<Vec<Cell>> {
    PlanFacts::of_model(m)
        .by_programme
        .iter()
        .map(|(programme, money)| {
            vec![
                Cell::text(programme),
                money_cell(money.allocated),
                money_cell(money.drawn),
            ]
        })
        .collect()
}

fn global_rows(m: &PlanModel) -> Vec<Vec<Cell>> {
    under(&m.global_by_plan, m.plan_id)
        .iter()
        .map(|g| {
            let mut row = vec![
                Cell::Integer(g.position.into()),
                Cell::text(&g.name),
                Cell::opt_text(g.note.as_deref()),
                Cell::opt_text(Some(&g.expected_text)),
                Cell::text(&g.target_kind),
                g.target_value.map_or(Cell::Empty, Cell::Number),
                Cell::Boolean(g.lower_is_better),
            ];
            row.extend(source(m, g.document_id, &g.locator));
            row
        })
        .collect()
}

fn global_value_rows(m: &PlanModel) -> Vec<Vec<Cell>> {
    let mut rows = Vec::new();
    for g in under(&m.global_by_plan, m.plan_id) {
        for v in under(&m.global_values, g.id) {
            let mut row = vec![
                Cell::Integer(g.position.into()),
                Cell::Integer(v.position.into()),
                Cell::text(&v.column_label),
                Cell::Boolean(v.is_baseline),
                Cell::opt_text(v.period.as_deref()),
                v.year.map_or(Cell::Empty, |y| Cell::Integer(y.into())),
                Cell::opt_text(v.area_text.as_deref()),
                v.value.map_or(Cell::Empty, Cell::Number),
                Cell::opt_text(Some(&v.value_text)),
                v.region_value.map_or(Cell::Empty, Cell::Number),
                Cell::opt_text(v.region_value_text.as_deref()),
                Cell::opt_text(v.rank.as_deref()),
            ];
            row.extend(source(m, v.document_id, &v.locator));
            rows.push(row);
        }
    }
    rows
}

/// The plan's action plans, in their order.
fn action_plans(m: &PlanModel) -> &[e::action_plan::Model] {
    under(&m.action_plans_by_plan, m.plan_id)
}

fn milestone_rows(m: &PlanModel) -> Vec<Vec<Cell>> {
    let mut rows = Vec::new();
    for a in action_plans(m) {
        for s in under(&m.milestones_by_action_plan, a.id) {
            let mut row = vec![
                Cell::Integer(a.number.into()),
                Cell::Integer(s.position.into()),
                Cell::opt_text(Some(&s.period_text)),
                Cell::opt_date(Some(&s.period_from)),
                Cell::opt_date(Some(&s.period_to)),
                Cell::text(&s.text),
            ];
            row.extend(source(m, s.document_id, &s.locator));
            rows.push(row);
        }
    }
    rows
}

fn risk_rows(m: &PlanModel) -> Vec<Vec<Cell>> {
    let mut rows = Vec::new();
    for a in action_plans(m) {
        for k in under(&m.risks_by_action_plan, a.id) {
            let mut row = vec![
                Cell::Integer(a.number.into()),
                Cell::Integer(k.position.into()),
                Cell::text(&k.name),
                Cell::Integer(k.probability.into()),
                Cell::Integer(k.impact.into()),
                Cell::Integer(k.significance.into()),
                Cell::opt_text(Some(&k.mitigation)),
            ];
            row.extend(source(m, k.document_id, &k.locator));
            rows.push(row);
        }
    }
    rows
}

/// Unresolved conflicts (what the public API lists), a row for each of their statements.
fn conflict_rows(m: &PlanModel) -> Vec<Vec<Cell>> {
    let statements = under(&m.statements_by_plan, m.plan_id);
    let mut rows = Vec::new();
    for c in under(&m.conflicts_by_plan, m.plan_id)
        .iter()
        .filter(|c| c.resolved_statement_id.is_none())
    {
        let field = shared::conflict::statement_field(&c.field);
        for s in statements.iter().filter(|s| {
            s.subject_type == c.subject_type && s.subject_code == c.subject_code && s.field == field
        }) {
            let mut row = vec![
                Cell::Integer(c.id.into()),
                Cell::text(&c.subject_type),
                Cell::text(&c.subject_code),
                Cell::text(&c.field),
                Cell::text(&c.severity),
                Cell::opt_text(Some(&c.description)),
                Cell::Integer(s.id.into()),
                Cell::text(&s.value_text),
                Cell::opt_date(s.ref_date.as_deref()),
            ];
            row.extend(source(m, s.document_id, &s.locator));
            rows.push(row);
        }
    }
    rows
}

fn document_rows(m: &PlanModel) -> Vec<Vec<Cell>> {
    under(&m.documents_by_plan, m.plan_id)
        .iter()
        .map(|d| {
            vec![
                Cell::text(&d.title),
                Cell::text(&d.key),
                Cell::opt_text(Some(&d.issued)),
                Cell::text(&d.kind),
                Cell::opt_text(Some(&d.description)),
            ]
        })
        .collect()
}

/// A selection of a dataset's rows: those whose cells under the given fields read the given
/// values (as CSV writes them), as a page's table shows them (`?opatreni=2.1.3.4`), and those
/// the search finds (`?hledat=bydleni`: every word in the row's search text, at most
/// [`SEARCH_LIMIT`], as the search page lists them).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Filter {
    by: Vec<(usize, String)>,
    /// The search's folded words; none when not searching.
    search: Vec<String>,
    /// The search as asked (for the file name).
    asked: String,
}

/// Most rows of each kind the search gives (the search page's and the API's limit).
pub const SEARCH_LIMIT: usize = 50;

/// The longest search (the API's limit, in characters).
pub const MAX_SEARCH: usize = 200;

impl Filter {
    /// Most conditions a filter has.
    pub const MAX_CONDITIONS: usize = 3;

    /// The query parameter of a search.
    pub const SEARCH: &'static str = "hledat";

    /// The filter of `conditions` (field name, value) on `dataset`, or why there is none: an
    /// unknown field, a field named twice, too many conditions.
    pub fn new<'a>(
        dataset: &Dataset,
        conditions: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Filter, String> {
        let mut by = Vec::new();
        let mut filter = Filter::default();
        for (name, value) in conditions {
            if name == Self::SEARCH {
                if dataset.search_texts.is_none() {
                    return Err(format!(
                        "dataset `{}` cannot be searched (hledat works on {})",
                        dataset.slug,
                        DATASETS
                            .iter()
                            .filter(|d| d.search_texts.is_some())
                            .map(|d| d.slug)
                            .collect::<Vec<_>>()
                            .join(", ")
                    ));
                }
                if !filter.asked.is_empty() {
                    return Err("`hledat` is given twice".to_owned());
                }
                if value.chars().count() > MAX_SEARCH {
                    return Err(format!("`hledat` is at most {MAX_SEARCH} characters"));
                }
                filter.search = shared::search::terms(value);
                if filter.search.is_empty() {
                    return Err("`hledat` needs at least one word".to_owned());
                }
                value.clone_into(&mut filter.asked);
                continue;
            }
            let Some(i) = dataset.fields.iter().position(|f| f.name == name) else {
                return Err(format!(
                    "`{name}` is no field of dataset `{}` (its fields: {})",
                    dataset.slug,
                    dataset
                        .fields
                        .iter()
                        .map(|f| f.name)
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
            };
            if by.iter().any(|(j, _)| *j == i) {
                return Err(format!("`{name}` is given twice"));
            }
            by.push((i, value.to_owned()));
        }
        if by.len() > Self::MAX_CONDITIONS {
            return Err(format!(
                "at most {} fields may be filtered on",
                Self::MAX_CONDITIONS
            ));
        }
        by.sort();
        filter.by = by;
        Ok(filter)
    }

    pub fn is_empty(&self) -> bool {
        self.by.is_empty() && self.search.is_empty()
    }

    /// Whether a row's cells are selected (the search aside).
    pub fn keeps(&self, row: &[Cell]) -> bool {
        self.by
            .iter()
            .all(|(i, value)| row.get(*i).is_some_and(|c| c.to_text() == *value))
    }

    /// The selected rows of `dataset` (made from `model`).
    pub fn apply(
        &self,
        dataset: &Dataset,
        model: &PlanModel,
        mut rows: Vec<Vec<Cell>>,
    ) -> Vec<Vec<Cell>> {
        if !self.search.is_empty() {
            let texts = dataset.search_texts.map(|t| t(model)).unwrap_or_default();
            rows = rows
                .into_iter()
                .zip(texts)
                .filter(|(_, text)| self.search.iter().all(|t| text.contains(t.as_str())))
                .map(|(row, _)| row)
                .take(SEARCH_LIMIT)
                .collect();
        }
        if !self.by.is_empty() {
            rows.retain(|row| self.keeps(row));
        }
        rows
    }

    /// What it selects, for a file name: `-opatreni-2.1.3.4` (only letters, digits, `.`, `-`
    /// and `_`; anything else becomes `_`).
    pub fn suffix(&self, dataset: &Dataset) -> String {
        let mut out = String::new();
        let search = (!self.asked.is_empty()).then_some((Self::SEARCH, self.asked.as_str()));
        let by = self.by.iter().map(|(i, value)| {
            (
                dataset.fields.get(*i).map_or("", |f| f.name),
                value.as_str(),
            )
        });
        for (name, value) in search.into_iter().chain(by) {
            out.push('-');
            out.push_str(name);
            out.push('-');
            out.extend(value.chars().take(40).map(|c| {
                if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                    c
                } else {
                    '_'
                }
            }));
        }
        out
    }
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
    fn a_filter_names_fields_of_its_dataset_and_selects_by_their_text() {
        let d = find("projekty").expect("projects");
        let f = Filter::new(d, [("opatreni", "2.1.3.4")]).expect("a filter");
        let row = |code: &str| {
            let mut row = vec![Cell::Empty; d.fields.len()];
            row[1] = Cell::text(code);
            row
        };
        assert!(f.keeps(&row("2.1.3.4")) && !f.keeps(&row("2.1.3.1")));
        assert_eq!(f.suffix(d), "-opatreni-2.1.3.4");
        let odd = Filter::new(d, [("realizator", "Slezská \"diakonie\"")]).expect("a filter");
        assert_eq!(odd.suffix(d), "-realizator-Slezsk___diakonie_");
        assert!(Filter::new(d, [("nic", "1")]).is_err());
        assert!(Filter::new(d, [("opatreni", "1"), ("opatreni", "2")]).is_err());
        assert!(
            Filter::new(
                d,
                [
                    ("opatreni", "1"),
                    ("vyzva", "2"),
                    ("program", "3"),
                    ("od", "4")
                ]
            )
            .is_err()
        );
        // A search is for the datasets the search finds rows of, with a word.
        let measures = find("opatreni").expect("measures");
        let search = Filter::new(measures, [("hledat", "Bydlení  dluhy")]).expect("a search");
        assert_eq!(search.search, ["bydleni", "dluhy"]);
        assert_eq!(search.suffix(measures), "-hledat-Bydlen___dluhy");
        assert!(Filter::new(measures, [("hledat", " ")]).is_err());
        assert!(Filter::new(measures, [("hledat", "a".repeat(MAX_SEARCH + 1).as_str())]).is_err());
        assert!(
            Filter::new(d, [("hledat", "x")]).is_err(),
            "projects are not searched"
        );
        // Money filters by its text as CSV writes it.
        let budget = Filter::new(d, [("rozpocet", "12170133.36")]).expect("a filter");
        let mut r = row("2.1.3.4");
        r[4] = Cell::Money(1_217_013_336);
        assert!(budget.keeps(&r));
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
