//! Datasets as Excel workbooks: a sheet per dataset, typed cells (numbers as numbers, money in a
//! CZK format, dates as dates, booleans), a bold frozen header row of the field names with an
//! autofilter, and columns as wide as their contents (within reason).
//!
//! The whole plan's workbook starts with a sheet that says what each sheet and field is, the
//! licence and where the data come from.

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

use super::{Cell, DATASETS, Dataset, Field, Kind, Meta};
use crate::store::model::PlanModel;

/// Widest a column grows to fit its contents, in pixels (long texts wrap in the cell instead).
const MAX_WIDTH: u32 = 360;

/// The formats every sheet uses.
struct Formats {
    header: Format,
    money: Format,
    date: Format,
    integer: Format,
    wrap: Format,
}

impl Formats {
    fn new() -> Formats {
        Formats {
            header: Format::new().set_bold(),
            money: Format::new().set_num_format("#,##0.00\\ \"Kč\""),
            date: Format::new().set_num_format("d\\.\\ m\\.\\ yyyy"),
            integer: Format::new().set_num_format("0"),
            wrap: Format::new().set_text_wrap(),
        }
    }
}

/// One dataset (its rows of `fields`) as a workbook of one sheet.
pub fn dataset(
    meta: &Meta,
    dataset: &Dataset,
    fields: &[Field],
    rows: &[Vec<Cell>],
) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    book.set_properties(&properties(meta, dataset.title));
    let formats = Formats::new();
    sheet(book.add_worksheet(), &formats, dataset.title, fields, rows)?;
    book.save_to_buffer()
}

/// Every dataset of a plan as one workbook, after a sheet that describes them. Each dataset's
/// rows are made, written and dropped before the next one's are made.
pub fn workbook(meta: &Meta, model: &PlanModel) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    book.set_properties(&properties(meta, meta.plan_name));
    let formats = Formats::new();
    about(book.add_worksheet(), &formats, meta)?;
    for d in &DATASETS {
        let rows = d.rows(model);
        sheet(book.add_worksheet(), &formats, d.title, d.fields, &rows)?;
    }
    book.save_to_buffer()
}

fn properties(meta: &Meta, title: &str) -> DocProperties {
    DocProperties::new()
        .set_title(title)
        .set_subject(meta.plan_name)
        .set_company(meta.city)
        .set_comment(format!(
            "Licence: {}. Zdroj: {}",
            meta.licence, meta.source_url
        ))
}

/// A dataset's sheet, named by the dataset's Czech title.
fn sheet(
    ws: &mut Worksheet,
    formats: &Formats,
    title: &str,
    fields: &[Field],
    rows: &[Vec<Cell>],
) -> Result<(), XlsxError> {
    ws.set_name(title)?;
    for (col, field) in (0_u16..).zip(fields) {
        ws.write_string_with_format(0, col, field.name, &formats.header)?;
    }
    for (r, row) in (1_u32..).zip(rows) {
        for ((col, field), cell) in (0_u16..).zip(fields).zip(row) {
            write(ws, formats, r, col, field.kind, cell)?;
        }
    }
    let last_row = u32::try_from(rows.len()).map_err(|_| XlsxError::RowColumnLimitError)?;
    let last_col = u16::try_from(fields.len().saturating_sub(1))
        .map_err(|_| XlsxError::RowColumnLimitError)?;
    ws.set_freeze_panes(1, 0)?;
    ws.autofilter(0, 0, last_row, last_col)?;
    ws.set_autofit_max_width(MAX_WIDTH);
    ws.autofit();
    Ok(())
}

fn write(
    ws: &mut Worksheet,
    formats: &Formats,
    row: u32,
    col: u16,
    kind: Kind,
    cell: &Cell,
) -> Result<(), XlsxError> {
    match cell {
        Cell::Empty => {}
        Cell::Text(s) if s.contains('\n') => {
            ws.write_string_with_format(row, col, s, &formats.wrap)?;
        }
        Cell::Text(s) => {
            ws.write_string(row, col, s)?;
        }
        Cell::Integer(n) => {
            // Exact in a double up to 2⁵³; the plan's counts and years are far below.
            #[allow(clippy::cast_precision_loss)]
            ws.write_number_with_format(row, col, *n as f64, &formats.integer)?;
        }
        Cell::Number(x) => {
            ws.write_number(row, col, *x)?;
        }
        Cell::Money(h) => {
            #[allow(clippy::cast_precision_loss)]
            ws.write_number_with_format(row, col, *h as f64 / 100.0, &formats.money)?;
        }
        Cell::Date(d) => match ExcelDateTime::parse_from_str(d) {
            Ok(date) if kind == Kind::Date => {
                ws.write_datetime_with_format(row, col, &date, &formats.date)?;
            }
            // Not a date Excel can hold: the text, as every other format writes it.
            _ => {
                ws.write_string(row, col, d)?;
            }
        },
        Cell::Boolean(b) => {
            ws.write_boolean(row, col, *b)?;
        }
    }
    Ok(())
}

/// The first sheet of the whole plan's workbook: what the data are, their licence and source,
/// and every sheet's fields with their types and meaning.
fn about(ws: &mut Worksheet, formats: &Formats, meta: &Meta) -> Result<(), XlsxError> {
    ws.set_name("O datech")?;
    ws.write_string_with_format(0, 0, meta.plan_name, &formats.header)?;
    ws.write_string(
        1,
        0,
        "Zveřejněné údaje plánu; koncepty a interní poznámky v nich nejsou.",
    )?;
    ws.write_string(2, 0, format!("Licence: {}", meta.licence))?;
    ws.write_string(3, 0, format!("Zdroj: {}", meta.source_url))?;
    ws.write_string(
        4,
        0,
        "Údaje se mění s každým zveřejněním; datum a dokument, z nichž údaj pochází, uvádí jeho řádek.",
    )?;
    let top = 6;
    for (col, name) in (0_u16..).zip(["list", "pole", "typ", "popis"]) {
        ws.write_string_with_format(top, col, name, &formats.header)?;
    }
    let mut r = top + 1;
    for d in &DATASETS {
        ws.write_string_with_format(r, 0, d.title, &formats.header)?;
        ws.write_string(r, 3, d.description)?;
        r += 1;
        for field in d.fields {
            ws.write_string(r, 0, d.title)?;
            ws.write_string(r, 1, field.name)?;
            ws.write_string(r, 2, field.kind.czech())?;
            ws.write_string(r, 3, field.title)?;
            r += 1;
        }
    }
    ws.set_freeze_panes(top + 1, 0)?;
    ws.set_autofit_max_width(MAX_WIDTH);
    ws.autofit();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_sheet_name_is_one_excel_accepts() {
        let mut names = std::collections::HashSet::new();
        for d in &DATASETS {
            assert!(d.title.chars().count() <= 31, "{}", d.title);
            assert!(
                !d.title.contains(['[', ']', ':', '*', '?', '/', '\\']),
                "{}",
                d.title
            );
            assert!(names.insert(d.title.to_lowercase()), "{} twice", d.title);
        }
        assert!(!names.contains("o datech"));
    }
}
