//! The yearly implementation report's narrative parts ("Zpráva o naplňování Plánu"): which
//! sections a coordinator writes, their keys, their titles, and how a plain text with
//! paragraphs and lists is read. The server stores narratives by [`Section::key`]; the report
//! crate and the app read them with [`blocks`].
//!
//! The sections follow the minimum content of the "Monitoring dopadů" chapter of Action Plan I
//! (presentation of the monitoring, its setting and purpose, the link to the plan, people
//! supported per area, reflection per goal, development of social services, sustainability,
//! management summary and recommendations).

use std::fmt;
use std::str::FromStr;

use crate::code::{Code, Level};
use crate::format::Lang;

/// A narrative part of a report.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Section {
    /// "Manažerské shrnutí".
    Summary,
    /// "Představení monitoringu": what the monitoring is.
    Introduction,
    /// "Nastavení monitoringu a účel": how it is set up in the city and why.
    Setting,
    /// "Vazba na Plán".
    PlanLink,
    /// "Rozvoj sociálních služeb".
    Services,
    /// "Předpoklady udržitelnosti".
    Sustainability,
    /// "Doporučení pro další plánování a řízení".
    Recommendations,
    /// An area's "Přehled podpořených osob" (the area's code, `"2"`).
    AreaPeople(Code),
    /// A specific goal's strengths and opportunities.
    Strengths(Code),
    /// A specific goal's weaknesses and threats.
    Weaknesses(Code),
    /// A specific goal's "Shrnutí za rok … a příležitosti v roce …".
    YearSummary(Code),
}

/// The plan-wide sections in the order the report prints them.
pub const PLAN_SECTIONS: [Section; 7] = [
    Section::Summary,
    Section::Introduction,
    Section::Setting,
    Section::PlanLink,
    Section::Services,
    Section::Sustainability,
    Section::Recommendations,
];

/// A key that names no section.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown report section {0:?}")]
pub struct UnknownSection(pub String);

impl Section {
    /// The stable key the section is stored and addressed by (`summary`,
    /// `goal/2.1.3/strengths`, `area/2/people`).
    pub fn key(&self) -> String {
        self.to_string()
    }

    /// The code of the area or goal the section belongs to, if any.
    pub fn code(&self) -> Option<&Code> {
        match self {
            Section::AreaPeople(c)
            | Section::Strengths(c)
            | Section::Weaknesses(c)
            | Section::YearSummary(c) => Some(c),
            _ => None,
        }
    }

    /// The section's heading. `year` is the report's period's last year (for the yearly
    /// summary's "Shrnutí za rok 2024 a příležitosti v roce 2025").
    pub fn title(&self, year: i32, lang: Lang) -> String {
        let cs = lang == Lang::Cs;
        let t = |c: &str, e: &str| if cs { c.to_owned() } else { e.to_owned() };
        match self {
            Section::Summary => t("Manažerské shrnutí", "Management summary"),
            Section::Introduction => t("Představení monitoringu", "About the monitoring"),
            Section::Setting => t(
                "Nastavení monitoringu a účel zpracování",
                "How the monitoring is set up and why",
            ),
            Section::PlanLink => t("Vazba na Plán", "Link to the Plan"),
            Section::Services => t("Rozvoj sociálních služeb", "Development of social services"),
            Section::Sustainability => t("Předpoklady udržitelnosti", "Sustainability"),
            Section::Recommendations => t(
                "Doporučení pro další plánovací a řídicí procesy",
                "Recommendations for further planning and management",
            ),
            Section::AreaPeople(_) => t("Přehled podpořených osob", "People supported"),
            Section::Strengths(_) => t(
                "Silné stránky a příležitosti",
                "Strengths and opportunities",
            ),
            Section::Weaknesses(_) => t("Slabé stránky a hrozby", "Weaknesses and threats"),
            Section::YearSummary(_) => {
                if cs {
                    format!("Shrnutí za rok {year} a příležitosti v roce {}", year + 1)
                } else {
                    format!("Summary of {year} and opportunities in {}", year + 1)
                }
            }
        }
    }
}

impl fmt::Display for Section {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Section::Summary => f.write_str("summary"),
            Section::Introduction => f.write_str("introduction"),
            Section::Setting => f.write_str("setting"),
            Section::PlanLink => f.write_str("plan-link"),
            Section::Services => f.write_str("services"),
            Section::Sustainability => f.write_str("sustainability"),
            Section::Recommendations => f.write_str("recommendations"),
            Section::AreaPeople(c) => write!(f, "area/{c}/people"),
            Section::Strengths(c) => write!(f, "goal/{c}/strengths"),
            Section::Weaknesses(c) => write!(f, "goal/{c}/weaknesses"),
            Section::YearSummary(c) => write!(f, "goal/{c}/summary"),
        }
    }
}

impl FromStr for Section {
    type Err = UnknownSection;

    fn from_str(key: &str) -> Result<Section, UnknownSection> {
        let unknown = || UnknownSection(key.chars().take(80).collect());
        if let Some(s) = PLAN_SECTIONS.iter().find(|s| s.key() == key) {
            return Ok(s.clone());
        }
        let mut parts = key.split('/');
        let (Some(kind), Some(code), Some(part), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(unknown());
        };
        let code: Code = code.parse().map_err(|_| unknown())?;
        match (kind, part, code.level()) {
            ("area", "people", Level::Area) => Ok(Section::AreaPeople(code)),
            ("goal", "strengths", Level::SpecificGoal) => Ok(Section::Strengths(code)),
            ("goal", "weaknesses", Level::SpecificGoal) => Ok(Section::Weaknesses(code)),
            ("goal", "summary", Level::SpecificGoal) => Ok(Section::YearSummary(code)),
            _ => Err(unknown()),
        }
    }
}

/// A piece of a narrative: a paragraph or a bulleted list.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "kind", content = "text", rename_all = "lowercase")]
pub enum Block {
    Paragraph(String),
    List(Vec<String>),
}

/// Reads a plain narrative: paragraphs are separated by empty lines, and lines within one are
/// joined with a space (texts pasted from a PDF keep their breaks); a line starting with `- `,
/// `* `, `• ` or `– ` is a list item, and the lines after it that are not items continue it.
pub fn blocks(text: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut paragraph = String::new();
    let mut items: Vec<String> = Vec::new();
    let flush_paragraph = |p: &mut String, out: &mut Vec<Block>| {
        if !p.is_empty() {
            out.push(Block::Paragraph(std::mem::take(p)));
        }
    };
    let flush_items = |i: &mut Vec<String>, out: &mut Vec<Block>| {
        if !i.is_empty() {
            out.push(Block::List(std::mem::take(i)));
        }
    };
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() {
            flush_paragraph(&mut paragraph, &mut out);
            flush_items(&mut items, &mut out);
            continue;
        }
        let item = ["- ", "* ", "• ", "– "]
            .iter()
            .find_map(|bullet| line.strip_prefix(bullet));
        match item {
            Some(rest) => {
                flush_paragraph(&mut paragraph, &mut out);
                items.push(rest.trim().to_owned());
            }
            None => match items.last_mut() {
                Some(last) => {
                    last.push(' ');
                    last.push_str(line);
                }
                None => {
                    if !paragraph.is_empty() {
                        paragraph.push(' ');
                    }
                    paragraph.push_str(line);
                }
            },
        }
    }
    flush_paragraph(&mut paragraph, &mut out);
    flush_items(&mut items, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(s: &str) -> Code {
        s.parse().expect("code")
    }

    #[test]
    fn keys_round_trip() {
        let all = [
            Section::Summary,
            Section::Introduction,
            Section::Setting,
            Section::PlanLink,
            Section::Services,
            Section::Sustainability,
            Section::Recommendations,
            Section::AreaPeople(code("2")),
            Section::Strengths(code("2.1.3")),
            Section::Weaknesses(code("2.1.3")),
            Section::YearSummary(code("6.2.3")),
        ];
        for s in all {
            assert_eq!(s.key().parse::<Section>(), Ok(s.clone()), "{s}");
        }
        assert_eq!(
            Section::Strengths(code("2.1.3")).key(),
            "goal/2.1.3/strengths"
        );
    }

    #[test]
    fn unknown_keys_are_refused() {
        for key in [
            "",
            "summary/",
            "goal/2.1/strengths",
            "goal/2.1.3.4/strengths",
            "area/2.1/people",
            "goal/2.1.3/other",
            "goal/x/strengths",
            "goal/2.1.3/strengths/more",
            "area/2/strengths",
        ] {
            assert!(key.parse::<Section>().is_err(), "{key}");
        }
    }

    #[test]
    fn year_summary_title_names_both_years() {
        assert_eq!(
            Section::YearSummary(code("1.1.1")).title(2024, Lang::Cs),
            "Shrnutí za rok 2024 a příležitosti v roce 2025"
        );
    }

    #[test]
    fn paragraphs_and_lists() {
        let text = "První řádek\npokračuje.\n\nDruhý odstavec.\n- bod jedna\n  pokračuje\n• bod dva\n\n\nKonec.";
        assert_eq!(
            blocks(text),
            vec![
                Block::Paragraph("První řádek pokračuje.".into()),
                Block::Paragraph("Druhý odstavec.".into()),
                Block::List(vec!["bod jedna pokračuje".into(), "bod dva".into()]),
                Block::Paragraph("Konec.".into()),
            ]
        );
        assert!(blocks("  \n\n ").is_empty());
    }
}
