//! The XLSX template of a wave: a title saying which wave, date, deadline and organisation it is
//! for; then one row per expected item with its reference columns locked and only the cells its
//! kind takes open (yellow), each column with Excel's data validation (numbers, the statuses and
//! activities as lists, whole report counts, dates); and a hidden sheet with the ids and
//! versions the import needs. What is stored at the wave's date already is filled in, so a file
//! uploaded unchanged changes nothing.

use rust_xlsxwriter::{
    Color, DataValidation, DataValidationRule, DocProperties, ExcelDateTime, Format, FormatBorder,
    ProtectionOptions, Workbook, Worksheet, XlsxError,
};
use shared::Date;
use shared::format::{self, Lang};

use super::cells::{ACTIVITIES, STATUSES, activity_name, status_name};
use super::import::{self, COLUMNS};
use super::read::{DATA_SHEET, META_MARK, META_SHEET};
use super::{Entry, Expected, Key, Scope, Target};

/// The row (0-based) of the header; the title and instructions stand above it.
pub const HEADER_ROW: u32 = 4;

struct Formats {
    title: Format,
    header: Format,
    locked: Format,
    wrap: Format,
    date: Format,
    open: Format,
    open_date: Format,
    id: Format,
}

impl Formats {
    fn new() -> Formats {
        let open = Format::new()
            .set_unlocked()
            .set_background_color(Color::RGB(0xFF_F4_C2))
            .set_border(FormatBorder::Thin)
            .set_border_color(Color::RGB(0xBF_A8_4A));
        Formats {
            title: Format::new().set_bold().set_font_size(13),
            header: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_background_color(Color::RGB(0xE8_EC_F1))
                .set_border(FormatBorder::Thin),
            locked: Format::new(),
            wrap: Format::new().set_text_wrap(),
            date: Format::new().set_num_format("d\\.\\ m\\.\\ yyyy"),
            open_date: open.clone().set_num_format("d\\.\\ m\\.\\ yyyy"),
            open,
            id: Format::new().set_font_color(Color::RGB(0x59_59_59)),
        }
    }
}

fn excel_date(d: Date) -> Result<ExcelDateTime, XlsxError> {
    let year = u16::try_from(d.year()).map_err(|_| XlsxError::DateTimeRangeError(d.to_string()))?;
    ExcelDateTime::from_ymd(year, d.month(), d.day())
}

/// The template for `target`'s items: the workbook's bytes.
pub fn workbook(
    target: &Target,
    organisation: Option<&str>,
    items: &[Expected],
) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    book.set_properties(
        &DocProperties::new()
            .set_title(format!("Šablona: {}", target.wave.name))
            .set_company("psz-monitor"),
    );
    let f = Formats::new();
    data_sheet(book.add_worksheet(), &f, target, organisation, items)?;
    meta_sheet(book.add_worksheet(), target, items)?;
    book.save_to_buffer()
}

fn data_sheet(
    ws: &mut Worksheet,
    f: &Formats,
    target: &Target,
    organisation: Option<&str>,
    items: &[Expected],
) -> Result<(), XlsxError> {
    ws.set_name(DATA_SHEET)?;
    let deadline = target
        .wave
        .deadline
        .parse::<Date>()
        .map(|d| format::date(d, Lang::Cs))
        .unwrap_or_else(|_| target.wave.deadline.clone());
    ws.write_string_with_format(
        0,
        0,
        format!("Vlna monitoringu: {}", target.wave.name),
        &f.title,
    )?;
    ws.write_string(
        1,
        0,
        format!(
            "Údaje k {}, termín odevzdání {deadline}. {}",
            format::date(target.ref_date, Lang::Cs),
            match (target.scope, organisation) {
                (Scope::Organisation(_), Some(name)) => format!("Organizace: {name}."),
                _ => "Všechny organizace a koordinátoři.".to_owned(),
            }
        ),
    )?;
    ws.write_string(
        2,
        0,
        "Vyplňte žlutá pole: u ukazatele novou hodnotu, u opatření stav (u stavu V realizaci \
         případně počet zpráv z celkového počtu), činnost a období. Prázdný řádek nic nemění. \
         Neměňte sloupec ID, nepřidávejte řádky a sešit nahrajte zpět na stránce Zadávání dat.",
    )?;
    for (col, name) in COLUMNS.iter().enumerate() {
        ws.write_string_with_format(HEADER_ROW, col as u16, *name, &f.header)?;
    }
    let widths: [f64; COLUMNS.len()] = [
        9.0, 14.0, 10.0, 50.0, 26.0, 11.0, 22.0, 11.0, 14.0, 14.0, 8.0, 8.0, 20.0, 12.0, 12.0,
    ];
    for (col, w) in widths.iter().enumerate() {
        ws.set_column_width(col as u16, *w)?;
    }
    let mut row = HEADER_ROW;
    for item in items {
        row += 1;
        write_item(ws, f, row, item)?;
    }
    let last = row.max(HEADER_ROW + 1);
    validations(ws, HEADER_ROW + 1, last)?;
    ws.set_freeze_panes(HEADER_ROW + 1, 1)?;
    ws.protect_with_options(&ProtectionOptions {
        format_columns: true,
        format_rows: true,
        ..ProtectionOptions::default()
    });
    Ok(())
}

fn write_item(ws: &mut Worksheet, f: &Formats, row: u32, item: &Expected) -> Result<(), XlsxError> {
    let col = |i: usize| i as u16;
    ws.write_string_with_format(row, 0, item.key.text(), &f.id)?;
    let kind = match item.key {
        Key::Indicator(_) => "Ukazatel",
        Key::Status { .. } => "Stav opatření",
    };
    ws.write_string(row, 1, kind)?;
    ws.write_string(row, 2, &item.code)?;
    ws.write_string_with_format(row, 3, &item.name, &f.wrap)?;
    if let Some(o) = &item.organisation {
        ws.write_string_with_format(row, 4, o, &f.wrap)?;
    }
    if let Some(u) = &item.unit {
        ws.write_string(row, 5, u)?;
    }
    if let Some(last) = &item.last {
        ws.write_string_with_format(row, 6, &last.text, &f.locked)?;
        if let Some(d) = last.date {
            ws.write_datetime_with_format(row, 7, excel_date(d)?, &f.date)?;
        }
    }
    let current = item.current.as_ref().and_then(|c| c.entry);
    match item.key {
        Key::Indicator(_) => match current {
            Some(Entry::Value(v)) => {
                ws.write_number_with_format(row, col(import::NEW_VALUE), v, &f.open)?;
            }
            _ => {
                ws.write_blank(row, col(import::NEW_VALUE), &f.open)?;
            }
        },
        Key::Status { .. } => {
            let s = match current {
                Some(Entry::Status(s)) => Some(s),
                _ => None,
            };
            let text = |ws: &mut Worksheet, c: usize, v: Option<&str>| match v {
                Some(t) => ws
                    .write_string_with_format(row, col(c), t, &f.open)
                    .map(|_| ()),
                None => ws.write_blank(row, col(c), &f.open).map(|_| ()),
            };
            text(ws, import::STATUS, s.map(|s| status_name(s.status.kind())))?;
            text(ws, import::ACTIVITY, s.map(|s| activity_name(s.activity)))?;
            let reports = s.and_then(|s| s.status.reports());
            for (c, v) in [
                (import::REPORTS, reports.map(|r| r.0)),
                (import::REPORTS_OF, reports.map(|r| r.1)),
            ] {
                match v {
                    Some(n) => ws.write_number_with_format(row, col(c), f64::from(n), &f.open)?,
                    None => ws.write_blank(row, col(c), &f.open)?,
                };
            }
            for (c, v) in [
                (import::FROM, s.and_then(|s| s.from)),
                (import::TO, s.and_then(|s| s.to)),
            ] {
                match v {
                    Some(d) => {
                        ws.write_datetime_with_format(row, col(c), excel_date(d)?, &f.open_date)?
                    }
                    None => ws.write_blank(row, col(c), &f.open_date)?,
                };
            }
        }
    }
    Ok(())
}

/// Excel's own checks of the open columns (the import checks everything again).
fn validations(ws: &mut Worksheet, first: u32, last: u32) -> Result<(), XlsxError> {
    let col = |i: usize| i as u16;
    let number = DataValidation::new()
        .allow_decimal_number(DataValidationRule::Between(
            0.0,
            shared::validate::MAX_COUNT,
        ))
        .set_error_title("Neplatná hodnota")?
        .set_error_message("Zadejte nezáporné číslo (u počtu osob, rodin apod. celé).")?;
    ws.add_data_validation(
        first,
        col(import::NEW_VALUE),
        last,
        col(import::NEW_VALUE),
        &number,
    )?;
    let status = DataValidation::new()
        .allow_list_strings(STATUSES)?
        .set_error_title("Neplatný stav")?
        .set_error_message("Zvolte stav ze seznamu.")?;
    ws.add_data_validation(
        first,
        col(import::STATUS),
        last,
        col(import::STATUS),
        &status,
    )?;
    let reports = DataValidation::new()
        .allow_whole_number(DataValidationRule::Between(
            0,
            shared::validate::MAX_REPORTS,
        ))
        .set_error_title("Neplatný počet zpráv")?
        .set_error_message(format!(
            "Zadejte celé číslo 0 až {}.",
            shared::validate::MAX_REPORTS
        ))?;
    ws.add_data_validation(
        first,
        col(import::REPORTS),
        last,
        col(import::REPORTS_OF),
        &reports,
    )?;
    let activity = DataValidation::new()
        .allow_list_strings(ACTIVITIES)?
        .set_error_title("Neplatná činnost")?
        .set_error_message("Zvolte činnost ze seznamu.")?;
    ws.add_data_validation(
        first,
        col(import::ACTIVITY),
        last,
        col(import::ACTIVITY),
        &activity,
    )?;
    let (ey, em, ed) = shared::validate::EARLIEST;
    let (ly, lm, ld) = shared::validate::LATEST;
    let dates = DataValidation::new()
        .allow_date(DataValidationRule::Between(
            ExcelDateTime::from_ymd(ey as u16, em, ed)?,
            ExcelDateTime::from_ymd(ly as u16, lm, ld)?,
        ))
        .set_error_title("Neplatné datum")?
        .set_error_message("Zadejte datum, např. 30. 6. 2026.")?;
    ws.add_data_validation(first, col(import::FROM), last, col(import::TO), &dates)?;
    Ok(())
}

/// The hidden sheet: which plan, wave and organisation, and per row the record an entry
/// revises and its version now.
fn meta_sheet(ws: &mut Worksheet, target: &Target, items: &[Expected]) -> Result<(), XlsxError> {
    ws.set_name(META_SHEET)?;
    ws.write_string(0, 0, META_MARK)?;
    ws.write_string(1, 0, "plan")?;
    ws.write_string(1, 1, &target.plan)?;
    ws.write_string(2, 0, "vlna")?;
    ws.write_number(2, 1, f64::from(target.wave.id))?;
    ws.write_string(3, 0, "organizace")?;
    if let Scope::Organisation(o) = target.scope {
        ws.write_number(3, 1, f64::from(o))?;
    }
    ws.write_string(4, 0, "k datu")?;
    ws.write_string(4, 1, target.ref_date.to_string())?;
    ws.write_string(6, 0, "ID")?;
    ws.write_string(6, 1, "záznam")?;
    ws.write_string(6, 2, "verze")?;
    for (i, item) in items.iter().enumerate() {
        let row = 7 + i as u32;
        ws.write_string(row, 0, item.key.text())?;
        if let Some(c) = &item.current {
            ws.write_number(row, 1, f64::from(c.id))?;
            ws.write_number(row, 2, f64::from(c.version))?;
        }
    }
    ws.set_hidden(true);
    ws.protect();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::import::{Context, RowState, preview};
    use super::super::read::{self, FileError};
    use super::super::{Current, Last, StatusEntry};
    use super::*;
    use crate::entity::monitoring_wave;
    use shared::status::{ActivityKind, MeasureStatus};
    use std::collections::BTreeSet;

    fn target() -> Target {
        Target {
            plan: "ostrava".into(),
            wave: monitoring_wave::Model {
                id: 3,
                plan_id: 1,
                name: "3. vlna, 1. pol. 2026".into(),
                as_of: None,
                opens_on: "2026-01-01".into(),
                deadline: "2026-06-30".into(),
                document_id: 1,
                locator: String::new(),
                version: 1,
            },
            scope: Scope::Organisation(5),
            ref_date: Date::new(2026, 6, 30).unwrap(),
        }
    }

    fn items() -> Vec<Expected> {
        vec![
            Expected {
                key: Key::Indicator(1),
                code: "2.1.3".into(),
                name: "Počet osob".into(),
                organisation: None,
                unit: Some("osoby".into()),
                last: Some(Last {
                    text: "39".into(),
                    date: Date::new(2025, 1, 31),
                }),
                current: Some(Current {
                    id: 70,
                    version: 2,
                    published: false,
                    entry: Some(Entry::Value(41.0)),
                }),
            },
            Expected {
                key: Key::Status {
                    measure: 9,
                    organisation: Some(5),
                },
                code: "2.1.3.4".into(),
                name: "Terénní práce".into(),
                organisation: Some("Slezská diakonie".into()),
                unit: None,
                last: None,
                current: Some(Current {
                    id: 80,
                    version: 1,
                    published: true,
                    entry: Some(Entry::Status(StatusEntry {
                        status: MeasureStatus::InProgress {
                            reports: Some(3),
                            of: Some(6),
                        },
                        activity: ActivityKind::Project,
                        from: Date::new(2024, 1, 1),
                        to: Date::new(2026, 12, 31),
                    })),
                }),
            },
            Expected {
                key: Key::Indicator(2),
                code: "2.1.3".into(),
                name: "Podíl".into(),
                organisation: None,
                unit: Some("%".into()),
                last: None,
                current: None,
            },
        ]
    }

    /// The template read back as it was made is every row unchanged or empty, with the hidden
    /// sheet's ids and versions: downloading and uploading it again changes nothing.
    #[test]
    fn a_template_uploaded_as_it_is_changes_nothing() {
        let t = target();
        let items = items();
        let bytes = workbook(&t, Some("Slezská diakonie"), &items).unwrap();
        let upload = read::read(&bytes).unwrap();
        let meta = upload.meta.clone().unwrap();
        assert_eq!(
            (meta.plan.as_str(), meta.wave_id, meta.organisation_id),
            ("ostrava", 3, Some(5))
        );
        assert_eq!(meta.versions[&Key::Indicator(1)], Some((70, 2)));
        assert_eq!(meta.versions[&Key::Indicator(2)], None);
        assert_eq!(upload.table.sheet, DATA_SHEET);
        let all: BTreeSet<Key> = items.iter().map(|e| e.key).collect();
        let p = preview(
            &upload,
            &Context {
                target: &t,
                wave_name_of: &|_| None,
                expected: &items,
                all_keys: &all,
                default_activity: &|_, _| None,
            },
        )
        .unwrap();
        let states: Vec<RowState> = p.rows.iter().map(|r| r.state).collect();
        assert_eq!(
            states,
            vec![RowState::Unchanged, RowState::Unchanged, RowState::Empty]
        );
        assert!(p.changes.is_empty() && p.errors.is_empty());
        // Its rows keep the spreadsheet's numbers: the header is row 5.
        assert_eq!(p.rows[0].row, HEADER_ROW + 2);
    }

    /// A workbook with cells far apart is refused by its rows or columns, never made into one
    /// dense range.
    #[test]
    fn cells_far_apart_are_refused() {
        let mut book = Workbook::new();
        let ws = book.add_worksheet();
        ws.write_string(0, 0, "ID").unwrap();
        ws.write_string(1_048_575, 0, "x").unwrap();
        let bytes = book.save_to_buffer().unwrap();
        assert_eq!(read::read(&bytes), Err(FileError::TooManyRows));
        let mut book = Workbook::new();
        let ws = book.add_worksheet();
        ws.write_string(0, 0, "ID").unwrap();
        ws.write_string(0, 16_383, "x").unwrap();
        let bytes = book.save_to_buffer().unwrap();
        assert_eq!(read::read(&bytes), Err(FileError::TooManyColumns));
    }
}
