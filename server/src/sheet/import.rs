//! A read file checked against the wave it is uploaded to: every cell by the rules of the forms,
//! every row against what the wave expects of the uploader and what is stored now. The result
//! is a preview — per row old → new, and every problem with its sheet, row and column — and the
//! changes to store if the user confirms, with a digest that names them.

use std::collections::{BTreeSet, HashMap, HashSet};

use shared::format::Lang;
pub use shared::sheet::{CellError, PreviewRow, RowState, Summary};
use shared::status::ActivityKind;
use shared::validate::{self, Rule};

use super::cells::{self, Cell, Problem};
use super::read::{FileError, Table, Upload};
use super::{Current, Entry, Expected, Key, Scope, StatusEntry, Target};

/// The template's columns, in order, by their Czech headers.
pub const COLUMNS: [&str; 15] = [
    "ID",
    "Druh",
    "Kód",
    "Název",
    "Organizace",
    "Jednotka",
    "Poslední zveřejněno",
    "K datu",
    "Nová hodnota",
    "Stav",
    "Zpráv",
    "Zpráv celkem",
    "Činnost",
    "Období od",
    "Období do",
];

/// Indexes into [`COLUMNS`] of the columns the import reads.
pub const ID: usize = 0;
pub const NEW_VALUE: usize = 8;
pub const STATUS: usize = 9;
pub const REPORTS: usize = 10;
pub const REPORTS_OF: usize = 11;
pub const ACTIVITY: usize = 12;
pub const FROM: usize = 13;
pub const TO: usize = 14;
/// The columns a status row fills.
const STATUS_COLUMNS: [usize; 6] = [STATUS, REPORTS, REPORTS_OF, ACTIVITY, FROM, TO];

/// A change to store: the row's entry, revising the record at the version the preview saw.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    pub key: Key,
    pub row: u32,
    pub revises: Option<(i32, i32)>,
    pub entry: Entry,
}

/// A checked file.
#[derive(Clone, Debug, PartialEq)]
pub struct Preview {
    pub sheet: String,
    pub rows: Vec<PreviewRow>,
    pub errors: Vec<CellError>,
    pub changes: Vec<Change>,
    pub summary: Summary,
    /// Names the changes and the versions they revise: a confirmation must name it.
    pub digest: String,
}

impl Preview {
    /// Whether confirming may store it: no error, no conflict.
    pub fn storable(&self) -> bool {
        self.summary.errors == 0 && self.summary.conflicts == 0
    }

    /// The preview as the server sends it, with what a confirmation stored.
    pub fn wire(&self, target: &Target, stored: Option<usize>) -> shared::sheet::Preview {
        shared::sheet::Preview {
            wave: shared::sheet::WaveRef {
                id: target.wave.id,
                name: target.wave.name.clone(),
            },
            ref_date: target.ref_date.to_string(),
            sheet: self.sheet.clone(),
            summary: self.summary,
            rows: self.rows.clone(),
            errors: self.errors.clone(),
            digest: self.digest.clone(),
            storable: self.storable(),
            stored: stored.and_then(|n| u32::try_from(n).ok()),
        }
    }
}

/// What the check needs to know besides the file.
pub struct Context<'a> {
    pub target: &'a Target,
    /// The wave's wave name, for a template of another wave.
    pub wave_name_of: &'a dyn Fn(i32) -> Option<String>,
    /// The items expected of the uploader, in template order.
    pub expected: &'a [Expected],
    /// Every item the wave expects of anyone.
    pub all_keys: &'a BTreeSet<Key>,
    /// The activity a status row without one keeps.
    pub default_activity: &'a dyn Fn(Key, Option<&Current>) -> Option<ActivityKind>,
}

/// The letter of a 0-based column (`0` → `A`, `26` → `AA`).
pub fn column_letter(mut col: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

fn fold(s: &str) -> String {
    s.trim().to_lowercase()
}

/// The header row (the first of the first ten whose cell is `ID`) and, per template column,
/// its index in the file.
fn header(table: &Table) -> Result<(usize, [usize; COLUMNS.len()]), FileError> {
    let (at, cells) = table
        .rows
        .iter()
        .take(10)
        .enumerate()
        .find(|(_, (_, cells))| {
            cells
                .iter()
                .any(|c| matches!(c, Cell::Text(t) if fold(t) == "id"))
        })
        .map(|(i, (_, cells))| (i, cells))
        .ok_or(FileError::NoHeader)?;
    let names: Vec<String> = cells
        .iter()
        .map(|c| match c {
            Cell::Text(t) => fold(t),
            other => fold(&other.shown()),
        })
        .collect();
    let mut index = [0usize; COLUMNS.len()];
    let mut missing = Vec::new();
    for (i, want) in COLUMNS.iter().enumerate() {
        match names.iter().position(|n| *n == fold(want)) {
            Some(p) => index[i] = p,
            None => missing.push((*want).to_owned()),
        }
    }
    if !missing.is_empty() {
        return Err(FileError::MissingColumns(missing));
    }
    let unknown: Vec<String> = cells
        .iter()
        .enumerate()
        .filter(|(_, c)| !c.is_blank())
        .filter(|(p, _)| !index.contains(p))
        .map(|(p, c)| format!("{} ({})", c.shown(), column_letter(p)))
        .collect();
    if !unknown.is_empty() {
        return Err(FileError::UnknownColumns(unknown));
    }
    // Anything filled right of the header's last column has no column to go to.
    let width = cells.len();
    let beyond: BTreeSet<usize> = table.rows[at + 1..]
        .iter()
        .flat_map(|(_, cells)| {
            cells
                .iter()
                .enumerate()
                .skip(width)
                .filter(|(_, c)| !c.is_blank())
                .map(|(p, _)| p)
        })
        .collect();
    if !beyond.is_empty() {
        return Err(FileError::UnknownColumns(
            beyond
                .into_iter()
                .map(|p| format!("bez záhlaví ({})", column_letter(p)))
                .collect(),
        ));
    }
    Ok((at, index))
}

/// Checks that a template is this wave's and the uploader's.
fn check_meta(upload: &Upload, cx: &Context<'_>) -> Result<(), FileError> {
    let Some(meta) = &upload.meta else {
        return Ok(());
    };
    if meta.plan != cx.target.plan || meta.wave_id != cx.target.wave.id {
        let name = (cx.wave_name_of)(meta.wave_id)
            .filter(|_| meta.plan == cx.target.plan)
            .unwrap_or_else(|| format!("{} / {}", meta.plan, meta.wave_id));
        return Err(FileError::OtherWave(name));
    }
    match cx.target.scope {
        Scope::Organisation(o) if meta.organisation_id != Some(o) => {
            Err(FileError::OtherOrganisation)
        }
        _ => Ok(()),
    }
}

/// Checks a read file against the wave: the preview and the changes it would store.
pub fn preview(upload: &Upload, cx: &Context<'_>) -> Result<Preview, FileError> {
    check_meta(upload, cx)?;
    let table = &upload.table;
    let (header_at, index) = header(table)?;
    let expected: HashMap<Key, &Expected> = cx.expected.iter().map(|e| (e.key, e)).collect();
    let mut out = Preview {
        sheet: table.sheet.clone(),
        rows: Vec::new(),
        errors: Vec::new(),
        changes: Vec::new(),
        summary: Summary::default(),
        digest: String::new(),
    };
    let mut seen = HashSet::new();
    for (number, cells) in &table.rows[header_at + 1..] {
        let at = |i: usize| cells.get(index[i]).unwrap_or(&Cell::Empty);
        if COLUMNS.iter().enumerate().all(|(i, _)| at(i).is_blank()) {
            continue;
        }
        let mut problems: Vec<(Option<usize>, Problem)> = Vec::new();
        let id_text = at(ID).shown();
        let key = Key::parse(&id_text);
        let item = match key {
            None if id_text.is_empty() => {
                problems.push((Some(ID), Problem::NoId));
                None
            }
            None => {
                problems.push((Some(ID), Problem::UnknownRow));
                None
            }
            Some(k) if !seen.insert(k) => {
                problems.push((Some(ID), Problem::Rule(Rule::Duplicate)));
                None
            }
            Some(k) => match expected.get(&k) {
                Some(e) => Some(*e),
                None if cx.all_keys.contains(&k) => {
                    problems.push((Some(ID), Problem::OtherOrganisation));
                    None
                }
                None => {
                    problems.push((Some(ID), Problem::UnknownRow));
                    None
                }
            },
        };
        let entry = match item {
            Some(e) => entry(e, &at, cx, &mut problems),
            None => None,
        };
        let mut row = PreviewRow {
            row: *number,
            id: id_text.clone(),
            code: item.map(|e| e.code.clone()),
            name: item.map(|e| e.name.clone()),
            organisation: item.and_then(|e| e.organisation.clone()),
            old: item
                .and_then(|e| e.current.as_ref())
                .and_then(|c| c.entry.as_ref())
                .map(Entry::text),
            new: entry.as_ref().map(Entry::text),
            state: RowState::Empty,
        };
        row.state = if !problems.is_empty() {
            RowState::Error
        } else {
            match (item, entry) {
                (Some(e), Some(new)) => {
                    let current = e.current.as_ref();
                    let revises = current.map(|c| (c.id, c.version));
                    let seen_then = upload
                        .meta
                        .as_ref()
                        .map_or(revises, |m| m.versions.get(&e.key).copied().flatten());
                    if current.and_then(|c| c.entry) == Some(new) {
                        RowState::Unchanged
                    } else if seen_then != revises {
                        RowState::Conflict
                    } else {
                        out.changes.push(Change {
                            key: e.key,
                            row: *number,
                            revises,
                            entry: new,
                        });
                        if revises.is_some() {
                            RowState::Changed
                        } else {
                            RowState::New
                        }
                    }
                }
                _ => RowState::Empty,
            }
        };
        for (col, p) in problems {
            out.errors.push(CellError {
                sheet: table.sheet.clone(),
                row: *number,
                column: col.map(|c| column_letter(index[c])),
                header: col.map(|c| COLUMNS[c].to_owned()),
                code: p.code().to_owned(),
                message: p.message(Lang::En),
                message_cs: p.message(Lang::Cs),
            });
        }
        out.summary.add(row.state);
        out.rows.push(row);
    }
    out.digest = digest(cx.target, &out.changes);
    Ok(out)
}

/// The entry a row of `item` makes, if it makes one; what breaks a rule goes to `problems`.
fn entry<'c>(
    item: &Expected,
    at: &dyn Fn(usize) -> &'c Cell,
    cx: &Context<'_>,
    problems: &mut Vec<(Option<usize>, Problem)>,
) -> Option<Entry> {
    match item.key {
        Key::Indicator(_) => {
            let value = take(problems, NEW_VALUE, cells::number(at(NEW_VALUE)));
            for col in STATUS_COLUMNS {
                if !at(col).is_blank() {
                    problems.push((Some(col), Problem::NotForThisRow));
                }
            }
            let unit = item.unit.as_deref().unwrap_or_default();
            let value = take(
                problems,
                NEW_VALUE,
                value
                    .map(|v| validate::indicator_value_in("value", v, unit).map_err(Problem::from))
                    .transpose(),
            )?;
            Some(Entry::Value(value))
        }
        Key::Status { .. } => {
            if !at(NEW_VALUE).is_blank() {
                problems.push((Some(NEW_VALUE), Problem::NotForThisRow));
            }
            if STATUS_COLUMNS.iter().all(|c| at(*c).is_blank()) {
                return None;
            }
            let kind = take(problems, STATUS, cells::status(at(STATUS)));
            let n = take(problems, REPORTS, cells::whole(at(REPORTS)));
            let of = take(problems, REPORTS_OF, cells::whole(at(REPORTS_OF)));
            let activity = take(problems, ACTIVITY, cells::activity(at(ACTIVITY)));
            let from = take(problems, FROM, cells::date(at(FROM)));
            let to = take(problems, TO, cells::date(at(TO)));
            if !problems.is_empty() {
                return None;
            }
            let Some(kind) = kind else {
                problems.push((Some(STATUS), Problem::Rule(Rule::Required)));
                return None;
            };
            let status = match validate::status("reports", kind, n, of) {
                Ok(s) => s,
                Err(e) => {
                    let col = if e.field == "reportsOf" {
                        REPORTS_OF
                    } else {
                        REPORTS
                    };
                    problems.push((Some(col), e.into()));
                    return None;
                }
            };
            let Some(activity) =
                activity.or_else(|| (cx.default_activity)(item.key, item.current.as_ref()))
            else {
                problems.push((Some(ACTIVITY), Problem::Rule(Rule::Required)));
                return None;
            };
            if let (Some(f), Some(t)) = (from, to)
                && t < f
            {
                problems.push((Some(TO), Problem::Rule(Rule::PeriodReversed)));
                return None;
            }
            Some(Entry::Status(StatusEntry {
                status,
                activity,
                from,
                to,
            }))
        }
    }
}

/// The value of a cell's check, its problem (at column `col`) recorded.
fn take<T>(
    problems: &mut Vec<(Option<usize>, Problem)>,
    col: usize,
    r: Result<Option<T>, Problem>,
) -> Option<T> {
    match r {
        Ok(v) => v,
        Err(p) => {
            problems.push((Some(col), p));
            None
        }
    }
}

/// The digest of what a confirmation stores: the wave, and per change its row, the record and
/// version it revises and its entry.
fn digest(target: &Target, changes: &[Change]) -> String {
    use sha2::Digest;
    let mut h = sha2::Sha256::new();
    h.update(format!(
        "{}|{}|{:?}|{}\n",
        target.plan, target.wave.id, target.scope, target.ref_date
    ));
    for c in changes {
        h.update(format!("{}|{:?}|{:?}\n", c.key.text(), c.revises, c.entry));
    }
    h.finalize()[..16]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::Last;
    use super::super::read::Meta;
    use super::*;
    use crate::entity::monitoring_wave;
    use shared::Date;
    use shared::status::MeasureStatus;

    fn target(scope: Scope) -> Target {
        Target {
            plan: "ostrava".into(),
            wave: monitoring_wave::Model {
                id: 3,
                plan_id: 1,
                name: "3. vlna".into(),
                as_of: None,
                opens_on: "2026-01-01".into(),
                deadline: "2026-06-30".into(),
                document_id: 1,
                locator: String::new(),
                version: 1,
            },
            scope,
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
                current: None,
            },
            Expected {
                key: Key::Indicator(2),
                code: "2.1.3".into(),
                name: "Podíl".into(),
                organisation: None,
                unit: Some("%".into()),
                last: None,
                current: Some(Current {
                    id: 70,
                    version: 2,
                    published: true,
                    entry: Some(Entry::Value(10.0)),
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
                current: None,
            },
        ]
    }

    fn row(cells: &[(usize, &str)]) -> Vec<Cell> {
        let mut out = vec![Cell::Empty; COLUMNS.len()];
        for (i, t) in cells {
            out[*i] = Cell::Text((*t).to_owned());
        }
        out
    }

    fn upload(rows: Vec<Vec<Cell>>, meta: Option<Meta>) -> Upload {
        let mut all = vec![(1, COLUMNS.iter().map(|c| Cell::Text((*c).into())).collect())];
        all.extend(rows.into_iter().enumerate().map(|(i, r)| (i as u32 + 2, r)));
        Upload {
            table: Table {
                sheet: "Hlášení".into(),
                rows: all,
            },
            meta,
        }
    }

    fn check(u: &Upload, scope: Scope) -> Result<Preview, FileError> {
        let t = target(scope);
        let items = items();
        let mut all: BTreeSet<Key> = items.iter().map(|e| e.key).collect();
        all.insert(Key::Status {
            measure: 9,
            organisation: Some(6),
        });
        let names = |id: i32| (id == 2).then(|| "2. vlna".to_owned());
        let activity = |_: Key, _: Option<&Current>| Some(ActivityKind::Project);
        preview(
            u,
            &Context {
                target: &t,
                wave_name_of: &names,
                expected: &items,
                all_keys: &all,
                default_activity: &activity,
            },
        )
    }

    #[test]
    fn new_changed_unchanged_and_empty_rows() {
        let u = upload(
            vec![
                row(&[(ID, "U1"), (NEW_VALUE, "1 234")]),
                row(&[(ID, "U2"), (NEW_VALUE, "10")]),
                row(&[(ID, "S9-5")]),
                vec![],
            ],
            None,
        );
        let p = check(&u, Scope::Organisation(5)).unwrap();
        let states: Vec<RowState> = p.rows.iter().map(|r| r.state).collect();
        assert_eq!(
            states,
            vec![RowState::New, RowState::Unchanged, RowState::Empty]
        );
        assert_eq!(p.changes.len(), 1);
        assert_eq!(p.changes[0].entry, Entry::Value(1234.0));
        assert!(p.storable());
        let u2 = upload(vec![row(&[(ID, "U2"), (NEW_VALUE, "12,5")])], None);
        let p2 = check(&u2, Scope::Organisation(5)).unwrap();
        assert_eq!(p2.rows[0].state, RowState::Changed);
        assert_eq!(p2.rows[0].old.as_deref(), Some("10"));
        assert_eq!(p2.changes[0].revises, Some((70, 2)));
        assert_ne!(p.digest, p2.digest);
    }

    #[test]
    fn every_bad_cell_is_named_by_row_and_column() {
        let u = upload(
            vec![
                row(&[(ID, "U1"), (NEW_VALUE, "dvanáct")]),
                row(&[(ID, "U2"), (NEW_VALUE, "150")]),
                row(&[(ID, "S9-5"), (STATUS, "Hotovo"), (FROM, "zítra")]),
                row(&[(ID, "S9-6"), (STATUS, "Dokončeno")]),
                row(&[(ID, "U99"), (NEW_VALUE, "1")]),
                row(&[(NEW_VALUE, "1")]),
                row(&[(ID, "U1"), (NEW_VALUE, "1")]),
                row(&[(ID, "U1"), (STATUS, "Dokončeno")]),
            ],
            None,
        );
        let p = check(&u, Scope::Organisation(5)).unwrap();
        let found: Vec<(u32, Option<&str>, &str)> = p
            .errors
            .iter()
            .map(|e| (e.row, e.column.as_deref(), e.code.as_str()))
            .collect();
        assert_eq!(
            found,
            vec![
                (2, Some("I"), "NOT_A_NUMBER"),
                (3, Some("I"), "TOO_LARGE"),
                (4, Some("J"), "NOT_A_CHOICE"),
                (4, Some("N"), "NOT_A_DATE"),
                (5, Some("A"), "OTHER_ORGANISATION"),
                (6, Some("A"), "UNKNOWN_ROW"),
                (7, Some("A"), "NO_ID"),
                (8, Some("A"), "DUPLICATE"),
                (9, Some("A"), "DUPLICATE"),
            ]
        );
        assert!(p.changes.is_empty() || !p.storable());
        assert_eq!(p.errors[0].message_cs, "Zadejte číslo.");
        assert_eq!(p.errors[0].header.as_deref(), Some("Nová hodnota"));
    }

    #[test]
    fn a_status_row_and_its_rules() {
        let ok = upload(
            vec![row(&[
                (ID, "S9-5"),
                (STATUS, "V realizaci"),
                (REPORTS, "3"),
                (REPORTS_OF, "6"),
                (FROM, "1. 1. 2024"),
                (TO, "2026-12-31"),
            ])],
            None,
        );
        let p = check(&ok, Scope::Organisation(5)).unwrap();
        assert_eq!(p.rows[0].state, RowState::New);
        assert_eq!(
            p.changes[0].entry,
            Entry::Status(StatusEntry {
                status: MeasureStatus::InProgress {
                    reports: Some(3),
                    of: Some(6)
                },
                activity: ActivityKind::Project,
                from: Date::new(2024, 1, 1),
                to: Date::new(2026, 12, 31),
            })
        );
        let bad = upload(
            vec![row(&[
                (ID, "S9-5"),
                (STATUS, "V realizaci"),
                (REPORTS, "7"),
                (REPORTS_OF, "6"),
            ])],
            None,
        );
        let p = check(&bad, Scope::Organisation(5)).unwrap();
        assert_eq!(p.errors[0].column.as_deref(), Some("K"));
        assert_eq!(p.errors[0].code, "OUT_OF_RANGE");
        let reversed = upload(
            vec![row(&[
                (ID, "S9-5"),
                (STATUS, "Dokončeno"),
                (FROM, "2026-01-01"),
                (TO, "2025-01-01"),
            ])],
            None,
        );
        let p = check(&reversed, Scope::Organisation(5)).unwrap();
        assert_eq!(p.errors[0].code, "PERIOD_REVERSED");
        let no_status = upload(vec![row(&[(ID, "S9-5"), (REPORTS, "1")])], None);
        let p = check(&no_status, Scope::Organisation(5)).unwrap();
        assert_eq!(
            (p.errors[0].column.as_deref(), p.errors[0].code.as_str()),
            (Some("J"), "REQUIRED")
        );
    }

    #[test]
    fn a_value_changed_since_the_template_is_a_conflict() {
        let mut versions = HashMap::new();
        versions.insert(Key::Indicator(2), Some((70, 1)));
        versions.insert(Key::Indicator(1), None);
        let meta = Meta {
            plan: "ostrava".into(),
            wave_id: 3,
            organisation_id: Some(5),
            versions,
        };
        let u = upload(
            vec![
                row(&[(ID, "U1"), (NEW_VALUE, "5")]),
                row(&[(ID, "U2"), (NEW_VALUE, "11")]),
            ],
            Some(meta.clone()),
        );
        let p = check(&u, Scope::Organisation(5)).unwrap();
        assert_eq!(p.rows[0].state, RowState::New);
        assert_eq!(p.rows[1].state, RowState::Conflict);
        assert!(!p.storable());
        // The same value as stored is no conflict: nothing would change.
        let same = upload(vec![row(&[(ID, "U2"), (NEW_VALUE, "10")])], Some(meta));
        assert_eq!(
            check(&same, Scope::Organisation(5)).unwrap().rows[0].state,
            RowState::Unchanged
        );
    }

    #[test]
    fn a_template_of_another_wave_or_organisation_is_refused() {
        let meta = |wave_id, org| Meta {
            plan: "ostrava".into(),
            wave_id,
            organisation_id: org,
            versions: HashMap::new(),
        };
        assert_eq!(
            check(
                &upload(vec![], Some(meta(2, Some(5)))),
                Scope::Organisation(5)
            ),
            Err(FileError::OtherWave("2. vlna".into()))
        );
        assert_eq!(
            check(
                &upload(vec![], Some(meta(3, Some(6)))),
                Scope::Organisation(5)
            ),
            Err(FileError::OtherOrganisation)
        );
        assert!(check(&upload(vec![], Some(meta(3, Some(6)))), Scope::All).is_ok());
    }

    #[test]
    fn columns_missing_or_extra() {
        let mut u = upload(vec![], None);
        u.table.rows[0].1.remove(STATUS);
        assert_eq!(
            check(&u, Scope::All),
            Err(FileError::MissingColumns(vec!["Stav".into()]))
        );
        let mut u = upload(vec![], None);
        u.table.rows[0].1.push(Cell::Text("Poznámka".into()));
        assert_eq!(
            check(&u, Scope::All),
            Err(FileError::UnknownColumns(vec!["Poznámka (P)".into()]))
        );
        let mut u = upload(vec![row(&[(ID, "U1")])], None);
        u.table.rows[1].1.push(Cell::Text("x".into()));
        assert!(matches!(
            check(&u, Scope::All),
            Err(FileError::UnknownColumns(_))
        ));
        let u = Upload {
            table: Table {
                sheet: "CSV".into(),
                rows: vec![(1, vec![Cell::Text("Kód".into())])],
            },
            meta: None,
        };
        assert_eq!(check(&u, Scope::All), Err(FileError::NoHeader));
    }

    #[test]
    fn column_letters() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(8), "I");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(27), "AB");
    }
}
