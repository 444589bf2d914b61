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
}
