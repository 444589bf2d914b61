//! Components that several pages share.

mod error_view;

pub use error_view::ErrorView;
