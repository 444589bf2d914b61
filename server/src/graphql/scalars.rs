//! Value types shared by the objects: money, progress, provenance sources.

use async_graphql::{Context, Enum, Object, SimpleObject};
use shared::Czk;
use shared::format::{self, Lang};

use crate::entity::document;
use crate::error::{ApiError, ApiResult};

/// An amount of Czech crowns.
pub struct Amount(pub Czk);

#[Object]
impl Amount {
    /// The amount in crowns (for charts and arithmetic; use `hellers` for exact sums).
    async fn crowns(&self) -> f64 {
        self.0.crowns_f64()
    }

    /// The exact amount in hellers (1/100 Kč), as a decimal string.
    async fn hellers(&self) -> String {
        self.0.hellers().to_string()
    }

    /// Czech text: `12 170 133,36 Kč`.
    async fn formatted(&self) -> String {
        format::czk(self.0, Lang::Cs)
    }

    /// Czech compact text: `12,2 mil. Kč`.
    async fn short(&self) -> String {
        format::czk_short(self.0, Lang::Cs)
    }
}

/// Money planned, allocated and drawn for a measure or a group of measures.
///
/// Each figure is a checked sum: one that would leave the range of an amount is an `INTERNAL`
/// error on that field (and logged), never a wrapped figure. Entered amounts are bounded
/// (`shared::validate::MAX_AMOUNT_HELLERS`), so only rows written around the API can do that.
pub struct MoneyObj(pub crate::store::facts::Money);

/// A sum of money, or `INTERNAL` (logged) when it overflowed.
fn total(t: shared::money::Total, figure: &'static str) -> ApiResult<Amount> {
    t.get().map(Amount).map_err(|e| overflow(e, figure))
}

fn overflow(e: shared::money::Overflow, figure: &'static str) -> async_graphql::Error {
    tracing::error!(error = %e, figure, "money sum overflow");
    ApiError::Internal.into()
}

#[Object(name = "Money")]
impl MoneyObj {
    /// Sum of the measure cards' estimated costs ("Předpokládané náklady").
    async fn planned(&self) -> ApiResult<Amount> {
        total(self.0.planned, "planned")
    }

    /// Sum of the KPSV+ allocations of Tabulka 6 (bracketed amounts excluded, as the table's own
    /// total does).
    async fn allocated(&self) -> ApiResult<Amount> {
        total(self.0.allocated, "allocated")
    }

    /// Sum of the budgets of the EU projects funded (report annex A).
    async fn drawn(&self) -> ApiResult<Amount> {
        total(self.0.drawn, "drawn")
    }

    /// Drawn as a share of planned; null when nothing is planned.
    async fn drawn_share(&self) -> ApiResult<Option<f64>> {
        self.0.drawn_share().map_err(|e| overflow(e, "drawnShare"))
    }

    /// Measures whose card gives an amount (others say "Viz opatření …" or "-").
    async fn measures_with_cost(&self) -> usize {
        self.0.measures_with_cost
    }
}

/// Counts of measures by status.
#[derive(SimpleObject)]
pub struct StatusCounts {
    /// "Nerealizováno".
    pub not_implemented: usize,
    /// "V realizaci".
    pub in_progress: usize,
    /// "Dokončeno".
    pub completed: usize,
    /// Measures the report gives no status for.
    pub unknown: usize,
    pub total: usize,
}

impl From<crate::store::facts::StatusCounts> for StatusCounts {
    fn from(c: crate::store::facts::StatusCounts) -> Self {
        StatusCounts {
            not_implemented: c.not_implemented,
            in_progress: c.in_progress,
            completed: c.completed,
            unknown: c.unknown,
            total: c.total(),
        }
    }
}

/// Where a goal stands against its target.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "shared::progress::GoalState")]
pub enum GoalState {
    Achieved,
    OnTrack,
    Behind,
    NoData,
}

/// Progress of a specific goal (see ARCHITECTURE.md, "Progress").
#[derive(SimpleObject)]
pub struct GoalProgress {
    /// Mean of the counted indicators' value / target, not capped (1.35 = 135 %).
    pub ratio: Option<f64>,
    /// `ratio` capped at 1.
    pub attainment: Option<f64>,
    /// The share expected by the date of the latest value, on a linear path to the due date.
    pub expected: Option<f64>,
    /// Date of the latest value counted (ISO 8601).
    pub as_of: Option<String>,
    pub state: GoalState,
}

impl From<shared::progress::GoalProgress> for GoalProgress {
    fn from(p: shared::progress::GoalProgress) -> Self {
        GoalProgress {
            ratio: p.ratio,
            attainment: p.attainment,
            expected: p.expected,
            as_of: p.as_of.map(|d| d.to_string()),
            state: p.state.into(),
        }
    }
}

/// Progress of a group of specific goals: the mean attainment of those with data.
#[derive(SimpleObject)]
pub struct Rollup {
    pub attainment: Option<f64>,
    pub goals: usize,
    pub goals_with_data: usize,
    pub achieved: usize,
    pub on_track: usize,
    pub behind: usize,
}

impl From<shared::progress::Rollup> for Rollup {
    fn from(r: shared::progress::Rollup) -> Self {
        Rollup {
            attainment: r.attainment,
            goals: r.goals,
            goals_with_data: r.goals_with_data,
            achieved: r.achieved,
            on_track: r.on_track,
            behind: r.behind,
        }
    }
}

/// Where a figure comes from.
pub struct Source {
    pub document_id: i32,
    pub locator: String,
    pub ref_date: Option<String>,
}

#[Object]
impl Source {
    /// The source document.
    async fn document(&self, ctx: &Context<'_>) -> ApiResult<Option<Document>> {
        Ok(super::one(&super::loaders(ctx).documents, self.document_id)
            .await?
            .map(Document))
    }

    /// The place in the document ("příloha B, SC 1.1.1, Data k 28. 2. 2025").
    async fn locator(&self) -> &str {
        &self.locator
    }

    /// The date the figure refers to, when known (ISO 8601).
    async fn ref_date(&self) -> Option<&str> {
        self.ref_date.as_deref()
    }
}

/// A source document of a plan.
pub struct Document(pub document::Model);

#[Object]
impl Document {
    /// Short key: `ap1`, `zprava`, `sociopoint`.
    async fn key(&self) -> &str {
        &self.0.key
    }
    async fn title(&self) -> &str {
        &self.0.title
    }
    /// When it was issued, as printed ("Září 2022").
    async fn issued(&self) -> &str {
        &self.0.issued
    }
    /// `ACTION_PLAN`, `IMPLEMENTATION_REPORT` or `CONTEXT`.
    async fn kind(&self) -> &str {
        &self.0.kind
    }
    async fn description(&self) -> &str {
        &self.0.description
    }
}
