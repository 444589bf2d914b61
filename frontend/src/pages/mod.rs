//! One module per route; each exports its page component. The staff pages (entry, history,
//! login, users, manage and the edit pages) are only in the `staff` build; the public build routes their paths to
//! [`full_load::FullLoad`], which loads them from the server as a new page.

pub mod area;
pub mod budget;
#[cfg(feature = "staff")]
pub mod edit_goal;
#[cfg(feature = "staff")]
pub mod edit_measure;
#[cfg(feature = "staff")]
pub mod edit_report;
#[cfg(feature = "staff")]
pub mod entry;
pub mod full_load;
pub mod goal;
#[cfg(feature = "staff")]
pub mod history;
pub mod indicators;
#[cfg(feature = "staff")]
pub mod login;
#[cfg(feature = "staff")]
pub mod manage;
#[cfg(feature = "staff")]
pub mod manage_waves;
pub mod measure;
pub mod meeting;
pub mod not_found;
pub mod open_data;
pub mod overview;
pub mod reports;
pub mod risks;
pub mod search;
pub mod timeline;
#[cfg(feature = "staff")]
pub mod users;

pub use area::AreaPage;
pub use budget::BudgetPage;
#[cfg(feature = "staff")]
pub use edit_goal::EditGoalPage;
#[cfg(feature = "staff")]
pub use edit_measure::EditMeasurePage;
#[cfg(feature = "staff")]
pub use edit_report::{EditReportPage, ManageReportsPage, ReportPreviewPage};
#[cfg(feature = "staff")]
pub use entry::EntryPage;
pub use goal::GoalPage;
#[cfg(feature = "staff")]
pub use history::HistoryPage;
pub use indicators::IndicatorsPage;
#[cfg(feature = "staff")]
pub use login::LoginPage;
#[cfg(feature = "staff")]
pub use manage::ManagePage;
#[cfg(feature = "staff")]
pub use manage_waves::ManageWavesPage;
pub use measure::MeasurePage;
pub use not_found::NotFoundPage;
pub use open_data::OpenDataPage;
pub use overview::OverviewPage;
pub use reports::ReportsPage;
pub use risks::RisksPage;
pub use search::SearchPage;
pub use timeline::TimelinePage;
#[cfg(feature = "staff")]
pub use users::UsersPage;
