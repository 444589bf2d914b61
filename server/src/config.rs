//! Configuration from the command line and the environment (`PSZ_*`), nothing else.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use clap::Parser;

/// psz-monitor: the monitoring system of a social inclusion plan.
#[derive(Debug, Clone, Parser)]
#[command(name = "psz-monitor", version, about)]
pub struct Config {
    /// Address to listen on.
    #[arg(long, env = "PSZ_LISTEN", default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,

    /// Database URL (`sqlite://…` or `postgres://…`). Default: an SQLite file in the data directory.
    #[arg(long, env = "PSZ_DATABASE_URL")]
    pub database_url: Option<String>,

    /// Directory of the default SQLite file (created if missing).
    #[arg(long, env = "PSZ_DATA_DIR", default_value = "var")]
    pub data_dir: PathBuf,

    /// Directory of the built frontend (`cargo xtask dist` writes `dist/`).
    #[arg(long, env = "PSZ_STATIC_DIR", default_value = "dist")]
    pub static_dir: PathBuf,

    /// Log format: `pretty` for people, `json` for machines.
    #[arg(long, env = "PSZ_LOG_FORMAT", default_value = "pretty", value_parser = ["pretty", "json"])]
    pub log_format: String,

    /// Seconds a request may take before it is answered with a timeout.
    #[arg(long, env = "PSZ_REQUEST_TIMEOUT", default_value_t = 10)]
    pub request_timeout_secs: u64,

    /// Largest accepted request body in bytes.
    #[arg(long, env = "PSZ_MAX_BODY_BYTES", default_value_t = 64 * 1024)]
    pub max_body_bytes: usize,

    /// Live-update connections (`/graphql/ws`) one client address may hold at once (a phone
    /// has one per open tab; a meeting room behind one NAT address a few dozen).
    #[arg(long, env = "PSZ_LIVE_PER_CLIENT", default_value_t = 64)]
    pub live_per_client: usize,

    /// Live-update connections the server holds at once.
    #[arg(long, env = "PSZ_LIVE_MAX", default_value_t = 10_000)]
    pub live_max: usize,

    /// Responses of read queries kept while the data are unchanged (0 turns the cache off).
    #[arg(long, env = "PSZ_RESPONSE_CACHE", default_value_t = 256)]
    pub response_cache: usize,

    /// Largest pool of database connections.
    #[arg(long, env = "PSZ_DB_CONNECTIONS", default_value_t = 8)]
    pub db_connections: u32,

    /// Minutes without a request after which a signed-in session ends.
    #[arg(long, env = "PSZ_SESSION_IDLE_MINUTES", default_value_t = 120)]
    pub session_idle_minutes: i64,

    /// Hours after login after which a session ends however busy.
    #[arg(long, env = "PSZ_SESSION_HOURS", default_value_t = 12)]
    pub session_hours: i64,

    /// The site's address as people reach it (`https://psz.ostrava.cz`), for the canonical links,
    /// the sitemap and shared links' previews. Default: `http://` and the listening address.
    #[arg(long, env = "PSZ_PUBLIC_URL")]
    pub public_url: Option<String>,

    /// The licence the open data are published under, as an SPDX identifier (`CC-BY-4.0`,
    /// `CC0-1.0` …): named in the data package, the workbooks and the data page.
    #[arg(long, env = "PSZ_DATA_LICENCE", default_value = crate::opendata::DEFAULT_LICENCE)]
    pub data_licence: String,

    /// Mark the session cookie `Secure` (set it when the server is reached over HTTPS).
    #[arg(long, env = "PSZ_SECURE_COOKIES")]
    pub secure_cookies: bool,

    /// SMTP server for the e-mail reminders of the monitoring cycle; without one no reminder
    /// is sent (see [`crate::reminders`]).
    #[arg(long, env = "PSZ_SMTP_HOST")]
    pub smtp_host: Option<String>,

    /// SMTP port. Default: 25 with `--smtp-tls none`, 587 with `starttls`, 465 with `tls`.
    #[arg(long, env = "PSZ_SMTP_PORT")]
    pub smtp_port: Option<u16>,

    /// How the SMTP connection is secured: `none` (plain, for a relay on the same host),
    /// `starttls` (upgrade required, never falls back to plain) or `tls` (TLS from the start).
    #[arg(long, env = "PSZ_SMTP_TLS", default_value = "starttls", value_parser = ["none", "starttls", "tls"])]
    pub smtp_tls: String,

    /// The reminders' sender (`Monitoring PSZ <monitoring@ostrava.cz>`); needed with a host.
    #[arg(long, env = "PSZ_SMTP_FROM")]
    pub smtp_from: Option<String>,

    /// SMTP user name (with `--smtp-password`; none: no authentication).
    #[arg(long, env = "PSZ_SMTP_USER")]
    pub smtp_user: Option<String>,

    /// SMTP password; only from the environment (never on a command line others can read).
    #[arg(skip = std::env::var("PSZ_SMTP_PASSWORD").ok().map(Secret))]
    pub smtp_password: Option<Secret>,

    /// Days before a wave's deadline when implementers still missing something are reminded.
    #[arg(long, env = "PSZ_REMIND_DAYS_BEFORE", default_value_t = 7)]
    pub remind_days_before: i64,

    /// Seconds between two checks for reminders that are due.
    #[arg(long, env = "PSZ_REMIND_CHECK_SECS", default_value_t = 600)]
    pub remind_check_secs: u64,

    #[command(subcommand)]
    pub command: Option<Command>,
}

/// A value never printed (`Debug` shows `***`): the SMTP password.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(pub String);

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("***")
    }
}

/// What to do instead of serving.
#[derive(Debug, Clone, clap::Subcommand)]
pub enum Command {
    /// Creates an admin account (or makes an existing one admin with a new password). The
    /// password is read from `PSZ_ADMIN_PASSWORD` or, if that is unset, the first line of
    /// standard input; there is no default password.
    CreateAdmin {
        /// The admin's e-mail address (their login).
        #[arg(long)]
        email: String,
        /// The admin's name as shown in the app.
        #[arg(long, default_value = "Administrátor")]
        name: String,
    },
    /// Writes a consistent copy of the SQLite database to a new file, also while a server is
    /// running on it. Restore by starting the server on the copy (`--database-url
    /// sqlite://copy.db`, or copy it to `<data-dir>/psz-monitor.db` while no server runs).
    Backup {
        /// The file to write (must not exist).
        #[arg(long)]
        to: std::path::PathBuf,
    },
}

impl Config {
    /// The site's address without a trailing slash ([`Config::public_url`] or the listening
    /// address).
    pub fn public_url(&self) -> String {
        self.public_url
            .clone()
            .unwrap_or_else(|| format!("http://{}", self.listen))
            .trim_end_matches('/')
            .to_owned()
    }

    /// The database URL to use: the configured one or the default SQLite file.
    pub fn database_url(&self) -> String {
        match &self.database_url {
            Some(url) => url.clone(),
            None => format!(
                "sqlite://{}?mode=rwc",
                self.data_dir.join("psz-monitor.db").display()
            ),
        }
    }

    /// How sessions live.
    pub fn sessions(&self) -> crate::auth::session::SessionSettings {
        crate::auth::session::SessionSettings {
            idle_secs: self.session_idle_minutes.max(1) * 60,
            absolute_secs: self.session_hours.max(1) * 3600,
            secure_cookie: self.secure_cookies,
        }
    }

    pub fn request_timeout(&self) -> Duration {
        Duration::from_secs(self.request_timeout_secs)
    }

    /// A configuration for tests and benchmarks: the given database, defaults otherwise.
    pub fn for_database(url: impl Into<String>) -> Config {
        let mut c = Config::parse_from(["psz-monitor"]);
        c.database_url = Some(url.into());
        c
    }
}
