//! One module per route; each exports its page component.

pub mod area;
pub mod budget;
pub mod goal;
pub mod indicators;
pub mod measure;
pub mod not_found;
pub mod overview;
pub mod risks;
pub mod search;
pub mod timeline;

pub use area::AreaPage;
pub use budget::BudgetPage;
pub use goal::GoalPage;
pub use indicators::IndicatorsPage;
pub use measure::MeasurePage;
pub use not_found::NotFoundPage;
pub use overview::OverviewPage;
pub use risks::RisksPage;
pub use search::SearchPage;
pub use timeline::TimelinePage;
