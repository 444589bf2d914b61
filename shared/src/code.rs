//! Plan codes: `1` (area), `1.1` (strategic goal), `1.1.1` (specific goal), `1.1.1.1` (measure).
//!
//! Codes order numerically (`1.10` after `1.9`) and know their level and parent, so a record's
//! place in the tree follows from its code alone.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// The level of the plan tree a code names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Level {
    Area,
    StrategicGoal,
    SpecificGoal,
    Measure,
}

/// The largest number one part of a code may be (three digits).
pub const MAX_PART: u16 = 999;

/// A validated plan code of one to four dot-separated positive numbers.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Code(Vec<u16>);

/// Why a text is not a plan code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a plan code like 1.1.1.1")]
pub struct CodeError(pub String);

impl Code {
    /// The level this code names.
    pub fn level(&self) -> Level {
        match self.0.len() {
            1 => Level::Area,
            2 => Level::StrategicGoal,
            3 => Level::SpecificGoal,
            _ => Level::Measure,
        }
    }

    /// The code one level up (`1.1.1` for `1.1.1.1`), `None` for an area.
    pub fn parent(&self) -> Option<Code> {
        (self.0.len() > 1).then(|| Code(self.0[..self.0.len() - 1].to_vec()))
    }

    /// The code of the area this code belongs to.
    pub fn area(&self) -> Code {
        Code(vec![self.0[0]])
    }

    /// Whether `self` is `other` or lies below it in the tree.
    pub fn is_within(&self, other: &Code) -> bool {
        self.0.starts_with(&other.0)
    }

    /// The `n`-th code one level down (`2.1.3.5` for `2.1.3` and 5); `None` below a measure
    /// or for a number a code cannot hold (0, more than three digits).
    pub fn child(&self, n: u16) -> Option<Code> {
        (self.0.len() < 4 && (1..=MAX_PART).contains(&n)).then(|| {
            let mut parts = self.0.clone();
            parts.push(n);
            Code(parts)
        })
    }

    /// The last number (`4` of `2.1.3.4`).
    pub fn last(&self) -> u16 {
        self.0.last().copied().unwrap_or_default()
    }

    /// The numeric parts.
    pub fn parts(&self) -> &[u16] {
        &self.0
    }

    /// A key that sorts codes numerically as text (`001.002.010`), for `ORDER BY` in SQL.
    pub fn sort_key(&self) -> String {
        self.0
            .iter()
            .map(|p| format!("{p:03}"))
            .collect::<Vec<_>>()
            .join(".")
    }
}

impl FromStr for Code {
    type Err = CodeError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let trimmed = s.trim().trim_end_matches('.');
        let parts: Option<Vec<u16>> = trimmed
            .split('.')
            .map(|p| {
                p.parse::<u16>()
                    .ok()
                    .filter(|n| (1..=MAX_PART).contains(n) && p.len() <= 3)
            })
            .collect();
        match parts {
            Some(parts) if (1..=4).contains(&parts.len()) => Ok(Code(parts)),
            _ => Err(CodeError(s.to_owned())),
        }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(".")?;
            }
            write!(f, "{p}")?;
        }
        Ok(())
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Code {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(s: &str) -> Code {
        s.parse().unwrap()
    }

    #[test]
    fn parses_levels_and_parents() {
        assert_eq!(code("2.1.3.4").level(), Level::Measure);
        assert_eq!(code("2.1.3").level(), Level::SpecificGoal);
        assert_eq!(code("2.1").level(), Level::StrategicGoal);
        assert_eq!(code("2").level(), Level::Area);
        assert_eq!(code("2.1.3.4").parent(), Some(code("2.1.3")));
        assert_eq!(code("2").parent(), None);
        assert_eq!(code("2.1.3.4").area(), code("2"));
        assert_eq!(code("3.2.1.1.").to_string(), "3.2.1.1");
    }

    #[test]
    fn rejects_what_is_not_a_code() {
        for bad in ["", "a", "1..2", "0.1", "1.2.3.4.5", "1.-2", "1.2x", "1234"] {
            assert!(bad.parse::<Code>().is_err(), "{bad} should be rejected");
        }
    }

    #[test]
    fn orders_numerically() {
        let mut codes = [code("1.10"), code("1.9"), code("1.1.1"), code("1")];
        codes.sort();
        let shown: Vec<String> = codes.iter().map(ToString::to_string).collect();
        assert_eq!(shown, ["1", "1.1.1", "1.9", "1.10"]);
        assert!(code("1.9").sort_key() < code("1.10").sort_key());
    }

    #[test]
    fn makes_children_within_the_rules() {
        assert_eq!(code("2.1.3").child(5), Some(code("2.1.3.5")));
        assert_eq!(code("2.1.3").child(999).map(|c| c.last()), Some(999));
        assert_eq!(code("2.1.3").child(0), None);
        assert_eq!(code("2.1.3").child(1000), None);
        assert_eq!(code("2.1.3.4").child(1), None);
    }

    #[test]
    fn knows_containment() {
        assert!(code("2.1.3.4").is_within(&code("2.1")));
        assert!(!code("2.1.3.4").is_within(&code("2.2")));
    }
}
