//! A filled file read into cells: XLSX (through `calamine`, cell by cell, never as one dense
//! range a few bytes could make gigabytes of) or CSV (UTF-8, `;`, `,` or tab). Whatever the
//! file, what it may cost is bounded before it is read: its size, the bytes it unpacks to and
//! the number of its parts, its rows, columns and cells.

use std::collections::{BTreeMap, HashMap};
use std::io::{Cursor, Read};

use calamine::{DataRef, Reader, SheetType, Xlsx};
use shared::Date;
use shared::format::Lang;

use super::Key;
use super::cells::Cell;

/// Largest file accepted, in bytes.
pub const MAX_FILE_BYTES: usize = 5 * 1024 * 1024;
/// Most bytes an XLSX may unpack to (its parts together).
pub const MAX_UNPACKED_BYTES: u64 = 50 * 1024 * 1024;
/// Most parts of an XLSX.
pub const MAX_PARTS: usize = 200;
/// Most rows of a sheet (a coordinator's template of the largest plan has a few thousand).
pub const MAX_ROWS: u32 = 20_000;
/// Most columns a row may use.
pub const MAX_COLUMNS: u32 = 40;
/// Most cells of a sheet that hold anything.
pub const MAX_CELLS: usize = 400_000;

/// The name of the sheet to fill in.
pub const DATA_SHEET: &str = "Hlášení";
/// The name of the hidden sheet with the ids and versions.
pub const META_SHEET: &str = "psz";
/// The first cell of the hidden sheet, naming what wrote it.
pub const META_MARK: &str = "psz-monitor: šablona vlny monitoringu";

/// What is wrong with a file as a whole: nothing of it can be read as rows.
#[derive(Clone, Debug, PartialEq)]
pub enum FileError {
    Empty,
    TooLarge,
    /// An old binary Excel file (`.xls`).
    OldExcel,
    /// Not a spreadsheet at all (an image, a PDF, a program…).
    NotASpreadsheet,
    /// A text file not in UTF-8.
    NotUtf8,
    /// A ZIP that is not a workbook, or a damaged one.
    Unreadable,
    /// Unpacks to more than [`MAX_UNPACKED_BYTES`] or has more than [`MAX_PARTS`] parts.
    Unpacked,
    TooManyRows,
    TooManyColumns,
    TooManyCells,
    /// A workbook without a worksheet.
    NoSheet,
    /// No header row naming the template's columns.
    NoHeader,
    /// The header lacks columns of the template.
    MissingColumns(Vec<String>),
    /// The header names columns the template does not have.
    UnknownColumns(Vec<String>),
    /// A template of another plan or wave (its name).
    OtherWave(String),
    /// A template of another organisation.
    OtherOrganisation,
}

impl FileError {
    pub fn code(&self) -> &'static str {
        match self {
            FileError::Empty => "EMPTY_FILE",
            FileError::TooLarge => "PAYLOAD_TOO_LARGE",
            FileError::OldExcel => "OLD_EXCEL",
            FileError::NotASpreadsheet => "NOT_A_SPREADSHEET",
            FileError::NotUtf8 => "NOT_UTF8",
            FileError::Unreadable => "UNREADABLE",
            FileError::Unpacked => "UNPACKS_TOO_LARGE",
            FileError::TooManyRows => "TOO_MANY_ROWS",
            FileError::TooManyColumns => "TOO_MANY_COLUMNS",
            FileError::TooManyCells => "TOO_MANY_CELLS",
            FileError::NoSheet => "NO_SHEET",
            FileError::NoHeader => "NO_HEADER",
            FileError::MissingColumns(_) => "MISSING_COLUMNS",
            FileError::UnknownColumns(_) => "UNKNOWN_COLUMNS",
            FileError::OtherWave(_) => "OTHER_WAVE",
            FileError::OtherOrganisation => "OTHER_ORGANISATION",
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        let mb = MAX_FILE_BYTES / (1024 * 1024);
        match (self, lang) {
            (FileError::Empty, Lang::Cs) => "Soubor je prázdný.".into(),
            (FileError::Empty, Lang::En) => "The file is empty.".into(),
            (FileError::TooLarge, Lang::Cs) => format!("Soubor je větší než {mb} MB."),
            (FileError::TooLarge, Lang::En) => format!("The file is larger than {mb} MB."),
            (FileError::OldExcel, Lang::Cs) => {
                "Soubor je ve starém formátu Excelu (.xls). Uložte ho jako sešit .xlsx nebo CSV UTF-8."
                    .into()
            }
            (FileError::OldExcel, Lang::En) => {
                "The file is in Excel's old format (.xls). Save it as an .xlsx workbook or UTF-8 CSV."
                    .into()
            }
            (FileError::NotASpreadsheet, Lang::Cs) => {
                "Soubor není tabulka: nahrajte vyplněnou šablonu .xlsx nebo soubor CSV.".into()
            }
            (FileError::NotASpreadsheet, Lang::En) => {
                "The file is not a spreadsheet: upload the filled .xlsx template or a CSV file."
                    .into()
            }
            (FileError::NotUtf8, Lang::Cs) => {
                "Soubor CSV není v kódování UTF-8. V Excelu zvolte Uložit jako › CSV UTF-8.".into()
            }
            (FileError::NotUtf8, Lang::En) => {
                "The CSV file is not in UTF-8. In Excel choose Save as › CSV UTF-8.".into()
            }
            (FileError::Unreadable, Lang::Cs) => {
                "Soubor nelze přečíst jako sešit .xlsx (je poškozený, nebo jde o jiný formát)."
                    .into()
            }
            (FileError::Unreadable, Lang::En) => {
                "The file cannot be read as an .xlsx workbook (it is damaged or another format)."
                    .into()
            }
            (FileError::Unpacked, Lang::Cs) => format!(
                "Sešit se rozbalí na více než {} MB nebo má příliš mnoho částí; takový soubor nepřijímáme.",
                MAX_UNPACKED_BYTES / (1024 * 1024)
            ),
            (FileError::Unpacked, Lang::En) => format!(
                "The workbook unpacks to more than {} MB or has too many parts; it is refused.",
                MAX_UNPACKED_BYTES / (1024 * 1024)
            ),
            (FileError::TooManyRows, Lang::Cs) => {
                format!("Tabulka má více než {MAX_ROWS} řádků.")
            }
            (FileError::TooManyRows, Lang::En) => {
                format!("The sheet has more than {MAX_ROWS} rows.")
            }
            (FileError::TooManyColumns, Lang::Cs) => {
                format!("Tabulka má vyplněno více než {MAX_COLUMNS} sloupců.")
            }
            (FileError::TooManyColumns, Lang::En) => {
                format!("The sheet fills more than {MAX_COLUMNS} columns.")
            }
            (FileError::TooManyCells, Lang::Cs) => {
                format!("Tabulka má více než {MAX_CELLS} vyplněných buněk.")
            }
            (FileError::TooManyCells, Lang::En) => {
                format!("The sheet has more than {MAX_CELLS} filled cells.")
            }
            (FileError::NoSheet, Lang::Cs) => "Sešit nemá žádný list s daty.".into(),
            (FileError::NoSheet, Lang::En) => "The workbook has no worksheet.".into(),
            (FileError::NoHeader, Lang::Cs) => {
                "Nenašli jsme řádek záhlaví se sloupcem „ID“. Použijte šablonu vlny.".into()
            }
            (FileError::NoHeader, Lang::En) => {
                "No header row with an “ID” column was found. Use the wave's template.".into()
            }
            (FileError::MissingColumns(c), Lang::Cs) => {
                format!("V záhlaví chybí sloupce šablony: {}.", c.join(", "))
            }
            (FileError::MissingColumns(c), Lang::En) => {
                format!("The header lacks the template's columns: {}.", c.join(", "))
            }
            (FileError::UnknownColumns(c), Lang::Cs) => format!(
                "Tabulka má sloupce, které šablona nemá: {}. Odstraňte je, jinak by se jejich údaje ztratily.",
                c.join(", ")
            ),
            (FileError::UnknownColumns(c), Lang::En) => format!(
                "The sheet has columns the template does not: {}. Remove them, or their data would be lost.",
                c.join(", ")
            ),
            (FileError::OtherWave(name), Lang::Cs) => format!(
                "Šablona patří k jiné vlně monitoringu („{name}“). Nahrajte ji u té vlny, nebo si stáhněte šablonu této."
            ),
            (FileError::OtherWave(name), Lang::En) => format!(
                "The template belongs to another monitoring wave (“{name}”). Upload it there, or download this wave's template."
            ),
            (FileError::OtherOrganisation, Lang::Cs) => {
                "Šablona patří jiné organizaci. Stáhněte si šablonu své organizace.".into()
            }
            (FileError::OtherOrganisation, Lang::En) => {
                "The template belongs to another organisation. Download your organisation's template."
                    .into()
            }
        }
    }
}

/// The rows of a sheet: each row's number (1-based, as the spreadsheet shows it) and its cells
/// from column A; rows that hold nothing are left out.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Table {
    pub sheet: String,
    pub rows: Vec<(u32, Vec<Cell>)>,
}

/// What the hidden sheet of a template says: which wave and organisation it is for, and per
/// row the record an entry revises and its version when the template was made.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Meta {
    pub plan: String,
    pub wave_id: i32,
    pub organisation_id: Option<i32>,
    pub versions: HashMap<Key, Option<(i32, i32)>>,
}

/// A file read: its data sheet and, for a template, the hidden sheet's contents.
#[derive(Clone, Debug, PartialEq)]
pub struct Upload {
    pub table: Table,
    pub meta: Option<Meta>,
}

/// Reads a file of any accepted kind, by what its bytes are (never by its name).
pub fn read(bytes: &[u8]) -> Result<Upload, FileError> {
    if bytes.is_empty() {
        return Err(FileError::Empty);
    }
    if bytes.len() > MAX_FILE_BYTES {
        return Err(FileError::TooLarge);
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return xlsx(bytes);
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(FileError::OldExcel);
    }
    csv(bytes)
}

/// Unpacks every part of a ZIP once, counting, and refuses it past the limits: a part's
/// stated size is not trusted.
fn check_zip(bytes: &[u8]) -> Result<(), FileError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| FileError::Unreadable)?;
    if zip.len() > MAX_PARTS {
        return Err(FileError::Unpacked);
    }
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let part = zip.by_index(i).map_err(|_| FileError::Unreadable)?;
        let left = MAX_UNPACKED_BYTES - total;
        let read = std::io::copy(&mut part.take(left + 1), &mut std::io::sink())
            .map_err(|_| FileError::Unreadable)?;
        total += read;
        if total > MAX_UNPACKED_BYTES {
            return Err(FileError::Unpacked);
        }
    }
    Ok(())
}

fn xlsx(bytes: &[u8]) -> Result<Upload, FileError> {
    check_zip(bytes)?;
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|_| FileError::Unreadable)?;
    let sheets: Vec<(String, bool)> = book
        .sheets_metadata()
        .iter()
        .filter(|s| s.typ == SheetType::WorkSheet)
        .map(|s| (s.name.clone(), s.visible == calamine::SheetVisible::Visible))
        .collect();
    let data = sheets
        .iter()
        .find(|(n, _)| n == DATA_SHEET)
        .or_else(|| {
            sheets
                .iter()
                .find(|(n, visible)| *visible && n != META_SHEET)
        })
        .map(|(n, _)| n.clone())
        .ok_or(FileError::NoSheet)?;
    let table = sheet(&mut book, &data)?;
    let meta = if sheets.iter().any(|(n, _)| n == META_SHEET) {
        meta(&sheet(&mut book, META_SHEET)?)
    } else {
        None
    };
    Ok(Upload { table, meta })
}

/// A worksheet's cells, read one at a time within the limits.
fn sheet<RS: Read + std::io::Seek>(book: &mut Xlsx<RS>, name: &str) -> Result<Table, FileError> {
    let mut reader = book
        .worksheet_cells_reader(name)
        .map_err(|_| FileError::Unreadable)?;
    let mut rows: BTreeMap<u32, Vec<Cell>> = BTreeMap::new();
    let mut count = 0usize;
    while let Some(c) = reader.next_cell().map_err(|_| FileError::Unreadable)? {
        let cell = cell(c.get_value());
        if cell.is_blank() {
            continue;
        }
        let (row, col) = c.get_position();
        if row >= MAX_ROWS {
            return Err(FileError::TooManyRows);
        }
        if col >= MAX_COLUMNS {
            return Err(FileError::TooManyColumns);
        }
        count += 1;
        if count > MAX_CELLS {
            return Err(FileError::TooManyCells);
        }
        let cells = rows.entry(row + 1).or_default();
        let col = col as usize;
        if cells.len() <= col {
            cells.resize(col + 1, Cell::Empty);
        }
        cells[col] = cell;
    }
    Ok(Table {
        sheet: name.to_owned(),
        rows: rows.into_iter().collect(),
    })
}

fn cell(v: &DataRef<'_>) -> Cell {
    match v {
        DataRef::Empty => Cell::Empty,
        DataRef::Int(n) => Cell::Number(*n as f64),
        DataRef::Float(f) => Cell::Number(*f),
        DataRef::String(s) => Cell::Text(s.clone()),
        DataRef::SharedString(s) => Cell::Text((*s).to_owned()),
        DataRef::Bool(b) => Cell::Bool(*b),
        DataRef::DateTime(dt) if dt.is_datetime() => {
            let (y, m, d, ..) = dt.to_ymd_hms_milli();
            Date::new(i32::from(y), m, d).map_or(Cell::Number(dt.as_f64()), Cell::Date)
        }
        DataRef::DateTime(dt) => Cell::Number(dt.as_f64()),
        DataRef::DateTimeIso(s) => s
            .get(..10)
            .and_then(|d| d.parse().ok())
            .map_or_else(|| Cell::Text(s.clone()), Cell::Date),
        DataRef::DurationIso(s) => Cell::Text(s.clone()),
        DataRef::Error(e) => Cell::Error(format!("{e}")),
    }
}

/// The hidden sheet's contents, if it is one this product wrote.
fn meta(table: &Table) -> Option<Meta> {
    let text = |c: &Cell| match c {
        Cell::Text(t) => t.trim().to_owned(),
        Cell::Number(n) => format!("{n}"),
        _ => String::new(),
    };
    let value = |label: &str| {
        table.rows.iter().find_map(|(_, cells)| {
            (cells.first().map(text).as_deref() == Some(label))
                .then(|| cells.get(1).map(text).unwrap_or_default())
        })
    };
    let first = table.rows.first()?.1.first().map(text)?;
    if first != META_MARK {
        return None;
    }
    let id = |s: String| s.parse::<f64>().ok().map(|f| f as i32);
    let mut meta = Meta {
        plan: value("plan")?,
        wave_id: id(value("vlna")?)?,
        organisation_id: value("organizace").and_then(id),
        versions: HashMap::new(),
    };
    for (_, cells) in &table.rows {
        let Some(key) = cells.first().map(text).and_then(|t| Key::parse(&t)) else {
            continue;
        };
        let record = cells.get(1).map(text).and_then(id);
        let version = cells.get(2).map(text).and_then(id);
        meta.versions.insert(key, record.zip(version));
    }
    Some(meta)
}

fn csv(bytes: &[u8]) -> Result<Upload, FileError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    // Control characters other than line ends and tabs: a binary file, not a text table.
    if bytes
        .iter()
        .any(|b| *b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t'))
    {
        return Err(FileError::NotASpreadsheet);
    }
    let text = std::str::from_utf8(bytes).map_err(|_| FileError::NotUtf8)?;
    let first = text.lines().next().unwrap_or_default();
    let delimiter = [b';', b',', b'\t']
        .into_iter()
        .max_by_key(|d| first.bytes().filter(|b| b == d).count())
        .unwrap_or(b';');
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut count = 0usize;
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|_| FileError::NotASpreadsheet)?;
        let number = u32::try_from(i + 1).map_err(|_| FileError::TooManyRows)?;
        if number > MAX_ROWS {
            return Err(FileError::TooManyRows);
        }
        let mut cells: Vec<Cell> = record
            .iter()
            .map(|f| {
                if f.trim().is_empty() {
                    Cell::Empty
                } else {
                    Cell::Text(f.to_owned())
                }
            })
            .collect();
        while cells.last().is_some_and(Cell::is_blank) {
            cells.pop();
        }
        if cells.is_empty() {
            continue;
        }
        if cells.len() > MAX_COLUMNS as usize {
            return Err(FileError::TooManyColumns);
        }
        count += cells.iter().filter(|c| !c.is_blank()).count();
        if count > MAX_CELLS {
            return Err(FileError::TooManyCells);
        }
        rows.push((number, cells));
    }
    if rows.is_empty() {
        return Err(FileError::Empty);
    }
    Ok(Upload {
        table: Table {
            sheet: "CSV".to_owned(),
            rows,
        },
        meta: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_in_any_usual_delimiter_and_with_a_bom() {
        for text in [
            "ID;Nová hodnota\nU1;1 234,5\n",
            "\u{feff}ID,Nová hodnota\nU1,\"1 234,5\"\n",
            "ID\tNová hodnota\r\nU1\t1 234,5\r\n",
        ] {
            let u = read(text.as_bytes()).unwrap();
            assert_eq!(u.meta, None);
            assert_eq!(u.table.rows.len(), 2, "{text:?}");
            assert_eq!(u.table.rows[1].0, 2);
            assert_eq!(u.table.rows[1].1[1], Cell::Text("1 234,5".into()));
        }
    }

    #[test]
    fn blank_rows_are_skipped_but_keep_their_numbers() {
        let u = read(b"ID;X\n;\n\nU1;2\n").unwrap();
        let numbers: Vec<u32> = u.table.rows.iter().map(|r| r.0).collect();
        assert_eq!(numbers, vec![1, 3]);
    }

    #[test]
    fn what_is_not_a_table_is_refused() {
        assert_eq!(read(b""), Err(FileError::Empty));
        assert_eq!(
            read(b"\x89PNG\r\n\x1a\n\0\0"),
            Err(FileError::NotASpreadsheet)
        );
        assert_eq!(
            read(&[0xD0, 0xCF, 0x11, 0xE0, 0, 0]),
            Err(FileError::OldExcel)
        );
        // Windows-1250 "Nová" is not UTF-8.
        assert_eq!(read(b"ID;Nov\xe1\n"), Err(FileError::NotUtf8));
        assert_eq!(read(b"PK\x03\x04garbage"), Err(FileError::Unreadable));
        assert_eq!(
            read(&vec![b'a'; MAX_FILE_BYTES + 1]),
            Err(FileError::TooLarge)
        );
    }

    #[test]
    fn csv_limits() {
        let wide = format!("{}\n", vec!["x"; MAX_COLUMNS as usize + 1].join(";"));
        assert_eq!(read(wide.as_bytes()), Err(FileError::TooManyColumns));
        let long = "x\n".repeat(MAX_ROWS as usize + 1);
        assert_eq!(read(long.as_bytes()), Err(FileError::TooManyRows));
    }

    /// A ZIP of one part that unpacks to far more than the limit (zeros compress ~1000:1).
    #[test]
    fn a_zip_bomb_is_refused_before_it_is_parsed() {
        use std::io::Write;
        let mut out = Cursor::new(Vec::new());
        {
            let mut zip = zip::ZipWriter::new(&mut out);
            let options = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated);
            zip.start_file("xl/worksheets/sheet1.xml", options).unwrap();
            let chunk = vec![0u8; 1024 * 1024];
            for _ in 0..(MAX_UNPACKED_BYTES / (1024 * 1024) + 2) {
                zip.write_all(&chunk).unwrap();
            }
            zip.finish().unwrap();
        }
        let bytes = out.into_inner();
        assert!(bytes.len() < MAX_FILE_BYTES, "{}", bytes.len());
        assert_eq!(read(&bytes), Err(FileError::Unpacked));
    }

    #[test]
    fn every_file_error_has_both_messages() {
        for e in [
            FileError::Empty,
            FileError::TooLarge,
            FileError::OldExcel,
            FileError::NotASpreadsheet,
            FileError::NotUtf8,
            FileError::Unreadable,
            FileError::Unpacked,
            FileError::TooManyRows,
            FileError::TooManyColumns,
            FileError::TooManyCells,
            FileError::NoSheet,
            FileError::NoHeader,
            FileError::MissingColumns(vec!["Stav".into()]),
            FileError::UnknownColumns(vec!["X".into()]),
            FileError::OtherWave("2. vlna".into()),
            FileError::OtherOrganisation,
        ] {
            assert_ne!(e.message(Lang::Cs), e.message(Lang::En), "{e:?}");
        }
    }
}
