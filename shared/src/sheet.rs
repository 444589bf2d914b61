//! The preview of an uploaded wave spreadsheet as the server sends it and the app shows it:
//! per row what is stored and what the file brings, every problem at its sheet, row and column,
//! the counts, and the digest a confirmation names. The words for them in Czech and English.

use serde::{Deserialize, Serialize};

use crate::format::Lang;

/// What a row of the file does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum RowState {
    /// Nothing entered in it.
    Empty,
    /// The same as is stored.
    Unchanged,
    /// A value where there is none yet.
    New,
    /// A different value than the stored one.
    Changed,
    /// The stored value changed since the template was made: nothing is overwritten.
    Conflict,
    /// A cell breaks a rule.
    Error,
}

impl RowState {
    /// The state in words.
    pub fn text(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (RowState::New, Lang::Cs) => "nová hodnota",
            (RowState::New, Lang::En) => "new value",
            (RowState::Changed, Lang::Cs) => "změna",
            (RowState::Changed, Lang::En) => "change",
            (RowState::Unchanged, Lang::Cs) => "beze změny",
            (RowState::Unchanged, Lang::En) => "unchanged",
            (RowState::Conflict, Lang::Cs) => "konflikt: mezitím změněno",
            (RowState::Conflict, Lang::En) => "conflict: changed meanwhile",
            (RowState::Error, Lang::Cs) => "chyba",
            (RowState::Error, Lang::En) => "error",
            (RowState::Empty, Lang::Cs) => "nevyplněno",
            (RowState::Empty, Lang::En) => "not filled in",
        }
    }

    /// The class name the app styles it by.
    pub fn class(self) -> &'static str {
        match self {
            RowState::Empty => "empty",
            RowState::Unchanged => "unchanged",
            RowState::New => "new",
            RowState::Changed => "changed",
            RowState::Conflict => "conflict",
            RowState::Error => "error",
        }
    }
}

/// One row of the preview.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PreviewRow {
    /// The row's number as the spreadsheet shows it.
    pub row: u32,
    /// What its `ID` cell holds.
    pub id: String,
    pub code: Option<String>,
    pub name: Option<String>,
    pub organisation: Option<String>,
    /// What is stored at the wave's date now.
    pub old: Option<String>,
    pub new: Option<String>,
    pub state: RowState,
}

/// A problem at a place of the file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CellError {
    pub sheet: String,
    pub row: u32,
    /// The column's letter (`I`), none for the row as a whole.
    pub column: Option<String>,
    /// The column's header.
    pub header: Option<String>,
    /// The rule's stable code (`NOT_A_NUMBER`, `OTHER_ORGANISATION` …).
    pub code: String,
    pub message: String,
    pub message_cs: String,
}

impl CellError {
    /// Where it is, in words: "list Hlášení, řádek 6, sloupec I (Nová hodnota)".
    pub fn place(&self, lang: Lang) -> String {
        let (sheet, row, column) = match lang {
            Lang::Cs => ("list", "řádek", "sloupec"),
            Lang::En => ("sheet", "row", "column"),
        };
        let mut out = format!("{sheet} {}, {row} {}", self.sheet, self.row);
        if let Some(c) = &self.column {
            out.push_str(&format!(", {column} {c}"));
            if let Some(h) = &self.header {
                out.push_str(&format!(" ({h})"));
            }
        }
        out
    }

    /// What is wrong, in `lang`.
    pub fn message(&self, lang: Lang) -> &str {
        match lang {
            Lang::Cs => &self.message_cs,
            Lang::En => &self.message,
        }
    }
}

/// How many rows are in each state.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Summary {
    pub rows: u32,
    pub new: u32,
    pub changed: u32,
    pub unchanged: u32,
    pub empty: u32,
    pub conflicts: u32,
    pub errors: u32,
}

impl Summary {
    pub fn add(&mut self, state: RowState) {
        self.rows += 1;
        match state {
            RowState::Empty => self.empty += 1,
            RowState::Unchanged => self.unchanged += 1,
            RowState::New => self.new += 1,
            RowState::Changed => self.changed += 1,
            RowState::Conflict => self.conflicts += 1,
            RowState::Error => self.errors += 1,
        }
    }

    /// The counts in words.
    pub fn text(&self, lang: Lang) -> String {
        let s = self;
        match lang {
            Lang::Cs => format!(
                "Řádků {}: nové {}, změněné {}, beze změny {}, nevyplněné {}, konflikty {}, chyby {}.",
                s.rows, s.new, s.changed, s.unchanged, s.empty, s.conflicts, s.errors
            ),
            Lang::En => format!(
                "{} rows: {} new, {} changed, {} unchanged, {} not filled in, {} conflicts, {} errors.",
                s.rows, s.new, s.changed, s.unchanged, s.empty, s.conflicts, s.errors
            ),
        }
    }
}

/// The wave a preview is of.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WaveRef {
    pub id: i32,
    pub name: String,
}

/// The server's answer to an upload: the preview, and after a confirmation what it stored.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Preview {
    pub wave: WaveRef,
    /// The date the entries refer to (`2026-06-30`).
    pub ref_date: String,
    /// The sheet read (`Hlášení`, or `CSV`).
    pub sheet: String,
    pub summary: Summary,
    pub rows: Vec<PreviewRow>,
    pub errors: Vec<CellError>,
    /// Names the changes and the versions they revise: a confirmation must name it.
    pub digest: String,
    /// No error and no conflict: confirming may store it.
    pub storable: bool,
    /// How many records a confirmation stored (none for a preview).
    pub stored: Option<u32>,
}

impl Preview {
    /// Whether confirming would store anything.
    pub fn has_changes(&self) -> bool {
        self.summary.new + self.summary.changed > 0
    }

    /// The rows worth showing: those that change something or fail.
    pub fn shown_rows(&self) -> impl Iterator<Item = &PreviewRow> {
        self.rows
            .iter()
            .filter(|r| !matches!(r.state, RowState::Empty | RowState::Unchanged))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_and_counts_in_words() {
        let e = CellError {
            sheet: "Hlášení".into(),
            row: 6,
            column: Some("I".into()),
            header: Some("Nová hodnota".into()),
            code: "NOT_A_NUMBER".into(),
            message: "Enter a number.".into(),
            message_cs: "Zadejte číslo.".into(),
        };
        assert_eq!(
            e.place(Lang::Cs),
            "list Hlášení, řádek 6, sloupec I (Nová hodnota)"
        );
        assert_eq!(e.message(Lang::En), "Enter a number.");
        let mut s = Summary::default();
        for state in [
            RowState::New,
            RowState::New,
            RowState::Error,
            RowState::Empty,
        ] {
            s.add(state);
        }
        assert_eq!(
            s.text(Lang::Cs),
            "Řádků 4: nové 2, změněné 0, beze změny 0, nevyplněné 1, konflikty 0, chyby 1."
        );
    }

    #[test]
    fn states_travel_by_their_stable_names() {
        assert_eq!(
            serde_json::to_string(&RowState::Conflict).expect("json"),
            "\"CONFLICT\""
        );
        for s in [
            RowState::Empty,
            RowState::Unchanged,
            RowState::New,
            RowState::Changed,
            RowState::Conflict,
            RowState::Error,
        ] {
            assert_ne!(s.text(Lang::Cs), s.text(Lang::En));
        }
    }
}
