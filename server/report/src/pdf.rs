//! The report typeset to PDF with Typst, used as a library: the template (`report.typ`) reads
//! the printed report as JSON (`/report.json`), so no text of the data is ever Typst code — a
//! narrative with `#` or `]` in it is only text. Fonts come from `typst-assets`, inside the
//! binary; nothing is read from the disk or the network.

use std::sync::LazyLock;

use typst::diag::{FileError, FileResult, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Smart};
use typst::layout::PagedDocument;
use typst::syntax::{FileId, Source, VirtualPath};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

use crate::view::Report;

/// The template, part of the binary.
const TEMPLATE: &str = include_str!("report.typ");

/// The fonts and the standard library, made once per process.
struct Shared {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

static SHARED: LazyLock<Shared> = LazyLock::new(|| {
    let fonts: Vec<Font> = typst_assets::fonts()
        .flat_map(|data| Font::iter(Bytes::new(data)))
        .collect();
    Shared {
        library: LazyHash::new(Library::builder().build()),
        book: LazyHash::new(FontBook::from_fonts(&fonts)),
        fonts,
    }
});

/// The world one report is typeset in: the template, the report's JSON and the fonts.
struct ReportWorld {
    main: Source,
    data_id: FileId,
    data: Bytes,
    today: Option<Datetime>,
}

impl World for ReportWorld {
    fn library(&self) -> &LazyHash<Library> {
        &SHARED.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &SHARED.book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::NotFound(id.vpath().as_rootless_path().into()))
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.data_id {
            Ok(self.data.clone())
        } else {
            Err(FileError::NotFound(id.vpath().as_rootless_path().into()))
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        SHARED.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<i64>) -> Option<Datetime> {
        self.today
    }
}

/// Typesetting failed: the template's or Typst's messages (a bug, never the user's input).
#[derive(Debug, thiserror::Error)]
#[error("the report could not be typeset: {0}")]
pub struct PdfError(pub String);

fn messages(diagnostics: &[SourceDiagnostic]) -> String {
    diagnostics
        .iter()
        .map(|d| d.message.to_string())
        .collect::<Vec<_>>()
        .join("; ")
}

/// Typesets `report` to a tagged PDF. `ident` names the report stably (its id), and `date` is
/// the document's date (the issue date, or today for a draft): the same inputs give the same
/// bytes.
pub fn render(report: &Report, ident: &str, date: shared::Date) -> Result<Vec<u8>, PdfError> {
    let data = serde_json::to_vec(report).map_err(|e| PdfError(e.to_string()))?;
    let main_id = FileId::new(None, VirtualPath::new("/main.typ"));
    let datetime = Datetime::from_ymd(date.year(), date.month(), date.day());
    let world = ReportWorld {
        main: Source::new(main_id, TEMPLATE.to_owned()),
        data_id: FileId::new(None, VirtualPath::new("/report.json")),
        data: Bytes::new(data),
        today: datetime,
    };
    let document = typst::compile::<PagedDocument>(&world)
        .output
        .map_err(|errors| PdfError(messages(&errors)))?;
    let options = typst_pdf::PdfOptions {
        ident: Smart::Custom(ident),
        timestamp: datetime.map(typst_pdf::Timestamp::new_utc),
        ..Default::default()
    };
    typst_pdf::pdf(&document, &options).map_err(|errors| PdfError(messages(&errors)))
}
