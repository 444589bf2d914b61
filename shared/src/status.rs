//! A measure's implementation status at a report date, and whether it is a project.

use serde::{Deserialize, Serialize};

/// The status printed in the implementation report for a measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum MeasureStatus {
    /// "Nerealizováno".
    NotImplemented,
    /// "V realizaci", with "(n/6)" when the status is based on the n-th of six semi-annual
    /// project reports.
    InProgress { reports: Option<u8>, of: Option<u8> },
    /// "Dokončeno".
    Completed,
}

/// The three groups the dashboards count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum StatusKind {
    NotImplemented,
    InProgress,
    Completed,
}

impl MeasureStatus {
    /// The status as the report prints it: `Nerealizováno`, `V realizaci (3/6)`, `Dokončeno`.
    pub fn report_text(self) -> String {
        match self {
            MeasureStatus::NotImplemented => "Nerealizováno".to_owned(),
            MeasureStatus::InProgress {
                reports: Some(n),
                of: Some(of),
            } => format!("V realizaci ({n}/{of})"),
            MeasureStatus::InProgress { .. } => "V realizaci".to_owned(),
            MeasureStatus::Completed => "Dokončeno".to_owned(),
        }
    }

    pub fn kind(self) -> StatusKind {
        match self {
            MeasureStatus::NotImplemented => StatusKind::NotImplemented,
            MeasureStatus::InProgress { .. } => StatusKind::InProgress,
            MeasureStatus::Completed => StatusKind::Completed,
        }
    }

    /// Reports received so far and reports expected, when the status says so.
    pub fn reports(self) -> Option<(u8, u8)> {
        match self {
            MeasureStatus::InProgress {
                reports: Some(n),
                of: Some(of),
            } => Some((n, of)),
            _ => None,
        }
    }
}

impl StatusKind {
    pub const ALL: [StatusKind; 3] = [
        StatusKind::NotImplemented,
        StatusKind::InProgress,
        StatusKind::Completed,
    ];

    /// The stable name used in the database and the API.
    pub fn as_str(self) -> &'static str {
        match self {
            StatusKind::NotImplemented => "NOT_IMPLEMENTED",
            StatusKind::InProgress => "IN_PROGRESS",
            StatusKind::Completed => "COMPLETED",
        }
    }

    pub fn from_db(s: &str) -> Option<StatusKind> {
        StatusKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// Whether a measure runs as an EU or other project, or as ongoing work without one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ActivityKind {
    /// "Projektová aktivita".
    Project,
    /// "Neprojektová aktivita".
    NonProject,
}

impl ActivityKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ActivityKind::Project => "PROJECT",
            ActivityKind::NonProject => "NON_PROJECT",
        }
    }

    pub fn from_db(s: &str) -> Option<ActivityKind> {
        match s {
            "PROJECT" => Some(ActivityKind::Project),
            "NON_PROJECT" => Some(ActivityKind::NonProject),
            _ => None,
        }
    }
}

/// Where a status row stands among the rows of its measure, for [`latest`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StatusRow<'a> {
    /// The report date it refers to (ISO 8601, so later dates compare greater).
    pub ref_date: &'a str,
    /// Its position among the report's rows for the measure (the first row is the lowest).
    pub position: i32,
    /// Its record id: the earlier record wins a tie of date and position.
    pub id: i32,
    /// False for a draft, which never counts.
    pub published: bool,
}

impl StatusRow<'_> {
    /// Whether `self` counts instead of `other`: a later report date, then the report's first
    /// row, then the earlier record.
    pub fn supersedes(&self, other: &StatusRow<'_>) -> bool {
        (other.ref_date, self.position, self.id) < (self.ref_date, other.position, other.id)
    }
}

/// The status that counts for each measure: of its *published* rows, the latest report's
/// first row. Drafts never count, whatever their date. `measure` names a row's measure and
/// `row` where it stands; the answer holds one row per measure that has a published one.
pub fn latest<T, K>(
    rows: impl IntoIterator<Item = T>,
    measure: impl Fn(&T) -> K,
    row: impl Fn(&T) -> StatusRow<'_>,
) -> std::collections::HashMap<K, T>
where
    K: Eq + std::hash::Hash,
{
    let mut out: std::collections::HashMap<K, T> = std::collections::HashMap::new();
    for r in rows {
        if !row(&r).published {
            continue;
        }
        match out.entry(measure(&r)) {
            std::collections::hash_map::Entry::Vacant(v) => {
                v.insert(r);
            }
            std::collections::hash_map::Entry::Occupied(mut o) => {
                if row(&r).supersedes(&row(o.get())) {
                    o.insert(r);
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn report_text_reads_back_as_the_same_status() {
        for st in [
            MeasureStatus::NotImplemented,
            MeasureStatus::InProgress {
                reports: Some(3),
                of: Some(6),
            },
            MeasureStatus::InProgress {
                reports: None,
                of: None,
            },
            MeasureStatus::Completed,
        ] {
            assert_eq!(crate::parse::status(&st.report_text()).unwrap(), st);
        }
    }

    /// Measure, report date, position, id, published, status.
    type Row = (i32, &'static str, i32, i32, bool, &'static str);

    fn latest_of(rows: &[Row]) -> Vec<(i32, &'static str)> {
        let got = latest(
            rows.iter().copied(),
            |r| r.0,
            |r| StatusRow {
                ref_date: r.1,
                position: r.2,
                id: r.3,
                published: r.4,
            },
        );
        let mut got: Vec<(i32, &'static str)> = got.into_iter().map(|(m, r)| (m, r.5)).collect();
        got.sort_unstable();
        got
    }

    #[test]
    fn the_latest_report_counts() {
        let rows = [
            (1, "2024-06-30", 1, 10, true, "old"),
            (1, "2025-06-30", 2, 11, true, "new"),
            (1, "2023-12-31", 0, 12, true, "older"),
        ];
        assert_eq!(latest_of(&rows), [(1, "new")]);
        // The order the rows come in does not matter.
        let mut reversed = rows;
        reversed.reverse();
        assert_eq!(latest_of(&reversed), [(1, "new")]);
    }

    #[test]
    fn of_one_report_the_first_row_then_the_earlier_record_counts() {
        let rows = [
            (1, "2025-06-30", 3, 10, true, "third"),
            (1, "2025-06-30", 1, 12, true, "first, later record"),
            (1, "2025-06-30", 1, 11, true, "first"),
        ];
        assert_eq!(latest_of(&rows), [(1, "first")]);
    }

    #[test]
    fn drafts_never_count() {
        let rows = [
            (1, "2024-06-30", 1, 10, true, "published"),
            (1, "2026-06-30", 0, 11, false, "newer draft"),
            (2, "2026-06-30", 0, 12, false, "only a draft"),
        ];
        assert_eq!(latest_of(&rows), [(1, "published")]);
    }

    #[test]
    fn each_measure_has_its_own() {
        let rows = [
            (2, "2024-06-30", 1, 20, true, "b"),
            (1, "2024-06-30", 1, 10, true, "a"),
            (2, "2023-06-30", 1, 21, true, "b old"),
        ];
        assert_eq!(latest_of(&rows), [(1, "a"), (2, "b")]);
    }

    #[test]
    fn supersedes_is_a_strict_order() {
        let a = StatusRow {
            ref_date: "2025-01-01",
            position: 1,
            id: 1,
            published: true,
        };
        assert!(!a.supersedes(&a));
        let later = StatusRow {
            ref_date: "2025-06-30",
            position: 9,
            id: 9,
            ..a
        };
        assert!(later.supersedes(&a) && !a.supersedes(&later));
    }
}
