//! The psz-monitor server: a GraphQL API over a social inclusion plan's data.
//!
//! `main.rs` only wires [`config::Config`] to [`run`]. The pieces:
//! - [`auth`]: sessions, passwords, CSRF and the role policy.
//! - [`config`]: command line and environment.
//! - [`db`]: connecting (SQLite with WAL, or PostgreSQL), migrating, counting statements.
//! - [`seed`]: loading the transcribed plan data into an empty database.
//! - [`entity`]: sea-orm entities, one per table.
//! - [`store`]: queries and batch loads; the only place that builds SQL.
//! - [`graphql`]: the schema, its limits and resolvers.
//! - [`reminders`]: e-mail reminders of the monitoring cycle (off without an SMTP host).
//! - [`sheet`]: a monitoring wave as a spreadsheet to fill in, and the filled file read back.
//! - [`reports`]: the yearly report's snapshot and files (the `report` crate does the printing).
//! - [`http`]: the axum router (GraphQL, GraphiQL, health, the frontend's files).
//! - [`error`]: the one error type clients see, with stable codes.
//! - [`security`]: the security headers of every response (Content-Security-Policy…).
//! - [`graphiql`]: GraphiQL served from the binary, for the strict policy and offline use.
#![warn(clippy::unwrap_used)]

pub mod analysed;
pub mod auth;
pub mod calendar;
pub mod config;
pub mod db;
pub mod entity;
pub mod error;
pub mod graphiql;
pub mod graphql;
pub mod http;
pub mod live;
pub mod lru;
pub mod monitoring;
pub mod opendata;
pub mod persisted;
pub mod reminders;
pub mod reports;
pub mod security;
pub mod seed;
pub mod sheet;
pub mod store;
