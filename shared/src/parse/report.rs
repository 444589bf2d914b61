//! Report cells (statuses, activities), funding sources, links and registration numbers.

use super::*;

/// A measure's status in the report: `Nerealizováno`, `V realizaci`, `V realizaci (4/6)`,
/// `Dokončeno`; case-insensitive.
pub fn status(text: &str) -> Result<MeasureStatus, ParseError> {
    let err = || ParseError::new("a measure status", text);
    let s = normalize(text);
    if s.to_lowercase() == "nerealizováno" {
        return Ok(MeasureStatus::NotImplemented);
    }
    if s.to_lowercase() == "dokončeno" {
        return Ok(MeasureStatus::Completed);
    }
    let rest = strip_prefix_ci(&s, "v realizaci").ok_or_else(err)?.trim();
    if rest.is_empty() {
        return Ok(MeasureStatus::InProgress {
            reports: None,
            of: None,
        });
    }
    let inner = rest
        .strip_prefix('(')
        .and_then(|r| r.strip_suffix(')'))
        .ok_or_else(err)?;
    let (n, of) = inner.split_once('/').ok_or_else(err)?;
    let n: u8 = digits(n.trim(), 1..=3).ok_or_else(err)?;
    let of: u8 = digits(of.trim(), 1..=3).ok_or_else(err)?;
    if of == 0 || n > of {
        return Err(err());
    }
    Ok(MeasureStatus::InProgress {
        reports: Some(n),
        of: Some(of),
    })
}

/// The activity column: `Projektová aktivita`, `Projektová aktivita (SAS)`,
/// `Neprojektová aktivita`; the parenthesis (usually the social service) is returned as is.
pub fn activity(text: &str) -> Result<(ActivityKind, Option<String>), ParseError> {
    let err = || ParseError::new("an activity kind", text);
    let s = normalize(text);
    let (kind, rest) = if let Some(rest) = strip_prefix_ci(&s, "projektová aktivita") {
        (ActivityKind::Project, rest)
    } else if let Some(rest) = strip_prefix_ci(&s, "neprojektová aktivita") {
        (ActivityKind::NonProject, rest)
    } else {
        return Err(err());
    };
    let rest = rest.trim();
    if rest.is_empty() {
        return Ok((kind, None));
    }
    let detail = rest
        .strip_prefix('(')
        .and_then(|r| r.strip_suffix(')'))
        .map(str::trim)
        .filter(|d| !d.is_empty() && !d.contains(['(', ')']))
        .ok_or_else(err)?;
    Ok((kind, Some(detail.to_owned())))
}

// ---------------------------------------------------------------------------------------------
// Funding sources and links
// ---------------------------------------------------------------------------------------------

/// The funding source one comma-separated piece names, if any.
fn funding_source(piece: &str) -> Option<FundingSource> {
    let p = normalize(piece).to_lowercase();
    let is_word = |prefix: &str| {
        p.strip_prefix(prefix)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '(']))
    };
    if is_word("opz+") || is_word("opz") || p.contains("zaměstnanost") {
        Some(FundingSource::OpzPlus)
    } else if is_word("irop") {
        Some(FundingSource::Irop)
    } else if p.contains("operační program") && p.contains("jiný") {
        Some(FundingSource::OtherProgramme)
    } else if is_word("rozpočet města") || is_word("rozpočty města") {
        Some(FundingSource::City)
    } else if (p.starts_with("rozpočet městsk") || p.starts_with("rozpočty městsk"))
        && p.contains(" obvod")
    {
        Some(FundingSource::District)
    } else if is_word("rozpočet nno") || is_word("rozpočty nno") {
        Some(FundingSource::Ngo)
    } else if is_word("rozpočet organizace") || is_word("rozpočty organizací") {
        Some(FundingSource::Organisation)
    } else if is_word("rozpočet agentury") {
        Some(FundingSource::Agency)
    } else if is_word("externí zdroje") || is_word("externí zdroj") {
        Some(FundingSource::External)
    } else {
        None
    }
}

/// The pieces of a "Zdroje financování" cell, without "-" placeholders.
fn funding_pieces(text: &str) -> Vec<&str> {
    split_top_level(text, &[','])
        .into_iter()
        .filter(|p| !is_lone_dash(p))
        .collect()
}

/// The funding sources of a "Zdroje financování" cell: `OPZ+, rozpočet města`,
/// `IROP (pravděpodobně mimo KPSV+), případně jiný vhodný operační program, rozpočet NNO`.
///
/// First-seen order, without duplicates; pieces naming no known source are skipped (see
/// [`funding_unknown`]); `-` is no source.
pub fn funding(text: &str) -> Vec<FundingSource> {
    let mut sources = Vec::new();
    for source in funding_pieces(text).into_iter().filter_map(funding_source) {
        if !sources.contains(&source) {
            sources.push(source);
        }
    }
    sources
}

/// The pieces of a "Zdroje financování" cell that name no known source, trimmed, so the loader
/// can refuse them.
pub fn funding_unknown(text: &str) -> Vec<String> {
    funding_pieces(text)
        .into_iter()
        .filter(|p| funding_source(p).is_none())
        .map(normalize)
        .collect()
}

/// One item of a "Vazba na další cíle" cell.
#[derive(Debug, Clone, PartialEq)]
pub enum LinkTarget {
    /// A strategic or specific goal ("Strategický cíl 5.2", "Specifický cíl 4.1.2").
    Goal(Code),
    /// A measure ("Opatření 1.1.1.1").
    Measure(Code),
    /// Anything else, verbatim ("Osoby bez přístřeší").
    Other(String),
}

/// One link: a named goal or measure, a bare code, or anything else as text.
fn link(piece: &str) -> LinkTarget {
    const GOALS: [&str; 4] = [
        "strategický cíl",
        "strategické cíle",
        "specifický cíl",
        "specifické cíle",
    ];
    let code = |rest: &str| rest.trim().parse::<Code>().ok();
    if let Some(code) = GOALS
        .iter()
        .find_map(|p| strip_prefix_ci(piece, p))
        .and_then(code)
    {
        return LinkTarget::Goal(code);
    }
    if let Some(code) = strip_prefix_ci(piece, "opatření").and_then(code) {
        return LinkTarget::Measure(code);
    }
    match code(piece).map(|c| (c.level(), c)) {
        Some((Level::Measure, c)) => LinkTarget::Measure(c),
        Some((Level::StrategicGoal | Level::SpecificGoal, c)) => LinkTarget::Goal(c),
        _ => LinkTarget::Other(piece.to_owned()),
    }
}

/// The "Vazba na další cíle" cell: `Strategický cíl 5.2`, `Opatření 1.1.1.1`, several separated
/// by `,` or `;`; `""` and `-` are no links. A bare code is a measure (four parts) or a goal.
pub fn links(text: &str) -> Vec<LinkTarget> {
    let s = normalize(text);
    split_top_level(&s, &[',', ';'])
        .into_iter()
        .filter(|p| !is_lone_dash(p))
        .map(link)
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Registration numbers
// ---------------------------------------------------------------------------------------------

/// The registration number of an EU project, `CZ.03.02.01/00/22_018/0001145`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegistrationNumber(String);

/// The shape of a registration number: `9` is an ASCII digit, anything else itself.
const REGISTRATION_PATTERN: &str = "CZ.99.99.99/99/99_999/9999999";

/// Where the call number sits in a registration number.
const CALL_DIGITS: std::ops::Range<usize> = 18..21;

impl RegistrationNumber {
    /// The number as printed.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The number of the call the project was funded from (`18` for `…/22_018/…`).
    pub fn call(&self) -> u16 {
        // The constructor checked these are three ASCII digits.
        self.0.as_bytes()[CALL_DIGITS]
            .iter()
            .fold(0, |n, b| n * 10 + u16::from(b - b'0'))
    }
}

impl std::fmt::Display for RegistrationNumber {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A registration number `CZ.dd.dd.dd/dd/dd_ddd/ddddddd`; anything else is refused.
pub fn registration_number(text: &str) -> Result<RegistrationNumber, ParseError> {
    let s = text.trim();
    let matches = s.len() == REGISTRATION_PATTERN.len()
        && s.bytes()
            .zip(REGISTRATION_PATTERN.bytes())
            .all(|(c, p)| match p {
                b'9' => c.is_ascii_digit(),
                p => c == p,
            });
    if matches {
        Ok(RegistrationNumber(s.to_owned()))
    } else {
        Err(ParseError::new("a registration number", text))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(s: &str) -> Code {
        s.parse().unwrap()
    }

    #[test]
    fn reads_statuses() {
        let cases = [
            ("Nerealizováno", MeasureStatus::NotImplemented),
            ("NEREALIZOVÁNO", MeasureStatus::NotImplemented),
            (
                "V realizaci (4/6)",
                MeasureStatus::InProgress {
                    reports: Some(4),
                    of: Some(6),
                },
            ),
            (
                "V realizaci (0/6)",
                MeasureStatus::InProgress {
                    reports: Some(0),
                    of: Some(6),
                },
            ),
            (
                "v realizaci ( 6 / 6 )",
                MeasureStatus::InProgress {
                    reports: Some(6),
                    of: Some(6),
                },
            ),
            (
                "V realizaci",
                MeasureStatus::InProgress {
                    reports: None,
                    of: None,
                },
            ),
            (
                "v realizaci",
                MeasureStatus::InProgress {
                    reports: None,
                    of: None,
                },
            ),
            ("Dokončeno", MeasureStatus::Completed),
            ("dokončeno", MeasureStatus::Completed),
        ];
        for (text, expected) in cases {
            assert_eq!(status(text), Ok(expected), "{text}");
        }
        for bad in [
            "",
            "Hotovo",
            "V realizaci (7/6)",
            "V realizaci (1/0)",
            "V realizaci (4)",
            "V realizaci (a/6)",
            "V realizaci 4/6",
            "V realizaci (4/6",
            "V realizacix",
        ] {
            assert!(status(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn reads_activities() {
        let cases = [
            ("Projektová aktivita", (ActivityKind::Project, None)),
            (
                "Projektová aktivita (SAS)",
                (ActivityKind::Project, Some("SAS".to_owned())),
            ),
            (
                "Projektová aktivita (Krizová pomoc)",
                (ActivityKind::Project, Some("Krizová pomoc".to_owned())),
            ),
            ("Neprojektová aktivita", (ActivityKind::NonProject, None)),
            ("neprojektová aktivita", (ActivityKind::NonProject, None)),
        ];
        for (text, expected) in cases {
            assert_eq!(activity(text), Ok(expected), "{text}");
        }
        for bad in [
            "",
            "Aktivita",
            "Projektová aktivita SAS",
            "Projektová aktivita ()",
            "Projektová aktivita (SAS",
            "Projektová aktivitax",
        ] {
            assert!(activity(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn reads_funding_sources() {
        use FundingSource::*;
        let cases: [(&str, &[FundingSource]); 13] = [
            ("OPZ+", &[OpzPlus]),
            ("OPZ+, rozpočet města", &[OpzPlus, City]),
            ("IROP, rozpočet NNO", &[Irop, Ngo]),
            (
                "IROP (pravděpodobně mimo KPSV+), případně jiný vhodný operační program, rozpočet NNO",
                &[Irop, OtherProgramme, Ngo],
            ),
            ("OPZ+, rozpočet městského obvodu", &[OpzPlus, District]),
            ("OPZ+, rozpočet organizace", &[OpzPlus, Organisation]),
            ("Rozpočet Agentury", &[Agency]),
            ("Rozpočet města, rozpočet Agentury", &[City, Agency]),
            (
                "Rozpočet města Ostravy, rozpočty městských obvodů, externí zdroje",
                &[City, District, External],
            ),
            (
                "opz+, OPZ+, rozpočet města, Rozpočet města Ostravy",
                &[OpzPlus, City],
            ),
            ("OPZ+, neznámý zdroj", &[OpzPlus]),
            ("-", &[]),
            ("", &[]),
        ];
        for (text, expected) in cases {
            assert_eq!(funding(text), expected, "{text}");
        }
    }

    #[test]
    fn lists_unknown_funding_pieces() {
        let cases: [(&str, &[&str]); 6] = [
            ("OPZ+, rozpočet města", &[]),
            ("-", &[]),
            ("OPZ+, neznámý zdroj", &["neznámý zdroj"]),
            ("sponzoři, OPZ, dary", &["sponzoři", "dary"]),
            ("rozpočet městečka", &["rozpočet městečka"]),
            ("IROPX", &["IROPX"]),
        ];
        for (text, expected) in cases {
            assert_eq!(funding_unknown(text), expected, "{text}");
        }
    }

    #[test]
    fn reads_links() {
        use LinkTarget::*;
        let cases: [(&str, Vec<LinkTarget>); 9] = [
            ("Strategický cíl 5.2", vec![Goal(code("5.2"))]),
            ("Specifický cíl 4.1.2", vec![Goal(code("4.1.2"))]),
            ("Opatření 1.1.1.1", vec![Measure(code("1.1.1.1"))]),
            ("", vec![]),
            ("-", vec![]),
            (
                "Osoby bez přístřeší",
                vec![Other("Osoby bez přístřeší".into())],
            ),
            (
                "Strategický cíl 5.2, Opatření 1.1.1.1; Specifický cíl 3.2.1",
                vec![
                    Goal(code("5.2")),
                    Measure(code("1.1.1.1")),
                    Goal(code("3.2.1")),
                ],
            ),
            (
                "Specifické cíle 3.2.1, 3.2.2",
                vec![Goal(code("3.2.1")), Goal(code("3.2.2"))],
            ),
            ("Strategický cíl x", vec![Other("Strategický cíl x".into())]),
        ];
        for (text, expected) in cases {
            assert_eq!(links(text), expected, "{text}");
        }
    }

    #[test]
    fn reads_registration_numbers() {
        let cases = [
            ("CZ.03.02.01/00/22_018/0001145", 18),
            ("CZ.06.04.02/00/22_014/0002527", 14),
            ("CZ.03.02.01/00/24_065/0004876", 65),
            (" CZ.03.02.01/00/22_018/0000328 ", 18),
        ];
        for (text, call) in cases {
            let number = registration_number(text).unwrap();
            assert_eq!(number.as_str(), text.trim());
            assert_eq!(number.to_string(), text.trim());
            assert_eq!(number.call(), call, "{text}");
        }
        for bad in [
            "",
            "CZ.03.02.01/00/22_018/000114",
            "CZ.03.02.01/00/22_018/00011450",
            "CZ.3.02.01/00/22_018/0001145",
            "CZ.03.02.01/00/22_18/0001145",
            "CZ.03.02.01/00/22-018/0001145",
            "CZ.03.02.01/00/22_018/000114a",
            "cz.03.02.01/00/22_018/0001145",
            "SK.03.02.01/00/22_018/0001145",
            "CZ.03.02.01/00/22_018 /0001145",
            "CZ.03.02.01/00/22_018/0001145/1",
            "CZ.03.02.01/00/22_0١8/0001145",
        ] {
            assert!(registration_number(bad).is_err(), "{bad}");
        }
    }
}
