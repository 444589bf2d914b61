//! Funding sources named in the measure cards and the financing table.

use serde::{Deserialize, Serialize};

/// Where a measure's money comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum FundingSource {
    /// Operační program Zaměstnanost plus (ESF+).
    OpzPlus,
    /// Integrovaný regionální operační program.
    Irop,
    /// Another operational programme ("případně jiný vhodný operační program").
    OtherProgramme,
    /// The city's budget ("rozpočet města", "Rozpočet města Ostravy").
    City,
    /// A city district's budget ("rozpočet městského obvodu", "rozpočty městských obvodů").
    District,
    /// The implementing NGO's own budget ("rozpočet NNO").
    Ngo,
    /// The implementing organisation's budget ("rozpočet organizace").
    Organisation,
    /// The Agency for Social Inclusion ("rozpočet Agentury").
    Agency,
    /// "externí zdroje".
    External,
}

impl FundingSource {
    pub const ALL: [FundingSource; 9] = [
        FundingSource::OpzPlus,
        FundingSource::Irop,
        FundingSource::OtherProgramme,
        FundingSource::City,
        FundingSource::District,
        FundingSource::Ngo,
        FundingSource::Organisation,
        FundingSource::Agency,
        FundingSource::External,
    ];

    /// The stable name used in the database and the API.
    pub fn as_str(self) -> &'static str {
        match self {
            FundingSource::OpzPlus => "OPZ_PLUS",
            FundingSource::Irop => "IROP",
            FundingSource::OtherProgramme => "OTHER_PROGRAMME",
            FundingSource::City => "CITY",
            FundingSource::District => "DISTRICT",
            FundingSource::Ngo => "NGO",
            FundingSource::Organisation => "ORGANISATION",
            FundingSource::Agency => "AGENCY",
            FundingSource::External => "EXTERNAL",
        }
    }

    pub fn from_db(s: &str) -> Option<FundingSource> {
        FundingSource::ALL.into_iter().find(|f| f.as_str() == s)
    }

    /// Whether money from this source is drawn from EU calls (and shows up as projects).
    pub fn is_eu(self) -> bool {
        matches!(
            self,
            FundingSource::OpzPlus | FundingSource::Irop | FundingSource::OtherProgramme
        )
    }
}
