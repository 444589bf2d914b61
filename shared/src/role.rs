//! The roles of psz-monitor's accounts, as the API and the app name them.

use serde::{Deserialize, Serialize};

/// What an account may do. Anonymous visitors have no role: they read the published plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Role {
    /// Manages users and may change everything.
    Admin,
    /// May change everything in the plans they coordinate, and publishes drafts.
    Coordinator,
    /// Enters data of the measures their organisations implement.
    Implementer,
    /// Reads internal notes and unpublished data; changes nothing.
    Viewer,
}

impl Role {
    pub const ALL: [Role; 4] = [
        Role::Admin,
        Role::Coordinator,
        Role::Implementer,
        Role::Viewer,
    ];

    /// The stable name used in the database and the API.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "ADMIN",
            Role::Coordinator => "COORDINATOR",
            Role::Implementer => "IMPLEMENTER",
            Role::Viewer => "VIEWER",
        }
    }

    pub fn from_db(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for r in Role::ALL {
            assert_eq!(Role::from_db(r.as_str()), Some(r));
        }
        assert_eq!(Role::from_db("admin"), None);
    }
}
