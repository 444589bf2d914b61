//! Rate limiting of logins, atomic and with growing delays.
//!
//! Before a password is checked, the attempt is *claimed* ([`claim`]): in one serialised
//! transaction (the writer queue on SQLite, an advisory lock on PostgreSQL) the recent
//! attempts of each key are counted and, unless one key must wait, a row per key is inserted.
//! A claimed attempt counts as a failure until the login succeeds ([`succeed`]), so parallel
//! attempts cannot all slip past the count.
//!
//! Three keys, each with its own number of free attempts within [`WINDOW_SECS`]:
//! - the e-mail *and* client address together (5): one person guessing one account;
//! - the client address (30): one address guessing many accounts;
//! - the e-mail from every address (50): many addresses guessing one account.
//!
//! After its free attempts a key makes every further attempt wait since its last one:
//! 30 s, then twice as long each time, at most 15 minutes. A person at one address slows only
//! that address (their attempts cannot reach the e-mail-wide count fast enough to matter), and
//! an admin can forget every failure of an account ([`unlock`]).

use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, DatabaseConnection, DatabaseTransaction, EntityTrait,
    QueryFilter, QuerySelect, Set,
};

use super::session::now;
use crate::db::{LOGIN_LOCK, begin_write, write_error};
use crate::entity::login_failure;
use crate::error::ApiError;

/// Attempts older than this are forgotten.
pub const WINDOW_SECS: i64 = 60 * 60;
/// The wait after the first attempt beyond a key's free ones.
pub const FIRST_DELAY_SECS: i64 = 30;
/// The longest wait between two attempts.
pub const MAX_DELAY_SECS: i64 = 15 * 60;

/// What a key counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// One e-mail from one client address.
    Pair,
    /// One client address, any e-mail.
    Client,
    /// One e-mail, any client address.
    Email,
}

impl Scope {
    /// Attempts within the window before delays begin.
    pub fn free(self) -> usize {
        match self {
            Scope::Pair => 5,
            Scope::Client => 30,
            Scope::Email => 50,
        }
    }
}

/// One counter of attempts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Key {
    pub scope: Scope,
    /// As stored in `login_failure.key`.
    pub name: String,
}

/// The keys an attempt for `email` from client address `ip` counts against (without an
/// address, the pair key stands for "address unknown").
pub fn keys(email: &str, ip: Option<&str>) -> Vec<Key> {
    let key = |scope, name| Key { scope, name };
    let mut keys = vec![key(
        Scope::Pair,
        format!("pair:{} {email}", ip.unwrap_or("-")),
    )];
    if let Some(ip) = ip {
        keys.push(key(Scope::Client, format!("ip:{ip}")));
    }
    keys.push(key(Scope::Email, format!("email:{email}")));
    keys
}

/// The wait after `beyond` attempts past the free ones (the first of them waits
/// [`FIRST_DELAY_SECS`]), doubling, at most [`MAX_DELAY_SECS`].
pub fn delay_secs(beyond: usize) -> i64 {
    if beyond == 0 {
        return 0;
    }
    let doublings = u32::try_from(beyond - 1).unwrap_or(u32::MAX).min(16);
    FIRST_DELAY_SECS
        .saturating_mul(1 << doublings)
        .min(MAX_DELAY_SECS)
}

/// Seconds an attempt at `now` must still wait, given the times of the key's attempts within
/// the window and its free attempts; 0 when it may go ahead.
pub fn wait_secs(attempts: &[i64], free: usize, now: i64) -> i64 {
    let Some(last) = attempts.iter().copied().max() else {
        return 0;
    };
    if attempts.len() < free {
        return 0;
    }
    (last + delay_secs(attempts.len() + 1 - free) - now).max(0)
}

/// An attempt allowed to check its password: the rows that count it.
#[derive(Debug)]
pub struct Claim {
    ids: Vec<i32>,
}

/// Claims an attempt for `email` from `ip`, or `RATE_LIMITED` with the seconds to wait when a
/// key must wait (nothing is stored then). Atomic: concurrent claims are counted one by one.
pub async fn claim(
    db: &DatabaseConnection,
    email: &str,
    ip: Option<&str>,
) -> Result<Claim, ApiError> {
    let w = begin_write(db, LOGIN_LOCK).await?;
    let txn = &w.txn;
    let at = now();
    let keys = keys(email, ip);
    let mut wait = 0;
    for key in &keys {
        let attempts = recent(txn, &key.name, at).await?;
        wait = wait.max(wait_secs(&attempts, key.scope.free(), at));
    }
    if wait > 0 {
        return Err(ApiError::RateLimited {
            retry_after_secs: wait,
        });
    }
    login_failure::Entity::delete_many()
        .filter(login_failure::Column::At.lte(at - WINDOW_SECS))
        .exec(txn)
        .await
        .map_err(write_error)?;
    let mut ids = Vec::new();
    for key in keys {
        let row = login_failure::ActiveModel {
            email: Set((key.scope != Scope::Client).then(|| email.to_owned())),
            key: Set(key.name),
            at: Set(at),
            ..Default::default()
        }
        .insert(txn)
        .await
        .map_err(write_error)?;
        ids.push(row.id);
    }
    w.commit().await?;
    Ok(Claim { ids })
}

/// The times of the attempts of `key` within the window before `at`.
async fn recent(txn: &DatabaseTransaction, key: &str, at: i64) -> Result<Vec<i64>, ApiError> {
    login_failure::Entity::find()
        .select_only()
        .column(login_failure::Column::At)
        .filter(login_failure::Column::Key.eq(key))
        .filter(login_failure::Column::At.gt(at - WINDOW_SECS))
        .into_tuple::<i64>()
        .all(txn)
        .await
        .map_err(write_error)
}

/// Gives a claim back when its password was never checked (the server was busy).
pub async fn release(db: &DatabaseConnection, claim: Claim) -> Result<(), ApiError> {
    forget(
        db,
        Condition::all().add(login_failure::Column::Id.is_in(claim.ids)),
    )
    .await
}

/// After a successful login: forgets this attempt and the failures of the e-mail from this
/// address and from everywhere (an attacker's own address keeps its count).
pub async fn succeed(
    db: &DatabaseConnection,
    claim: Claim,
    email: &str,
    ip: Option<&str>,
) -> Result<(), ApiError> {
    let names: Vec<String> = keys(email, ip)
        .into_iter()
        .filter(|k| k.scope != Scope::Client)
        .map(|k| k.name)
        .collect();
    forget(
        db,
        Condition::any()
            .add(login_failure::Column::Id.is_in(claim.ids))
            .add(login_failure::Column::Key.is_in(names)),
    )
    .await
}

/// Forgets every failure of an e-mail address, from every client address (an admin's
/// `unlockLogin`), in the write `txn`; how many attempts were forgotten.
pub async fn unlock(txn: &DatabaseTransaction, email: &str) -> Result<u64, ApiError> {
    let done = login_failure::Entity::delete_many()
        .filter(login_failure::Column::Email.eq(email))
        .exec(txn)
        .await
        .map_err(write_error)?;
    Ok(done.rows_affected)
}

async fn forget(db: &DatabaseConnection, which: Condition) -> Result<(), ApiError> {
    let w = begin_write(db, LOGIN_LOCK).await?;
    login_failure::Entity::delete_many()
        .filter(which)
        .exec(&w.txn)
        .await
        .map_err(write_error)?;
    w.commit().await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delays_double_from_thirty_seconds_to_a_quarter_hour() {
        let delays: Vec<i64> = (0..8).map(delay_secs).collect();
        assert_eq!(delays, [0, 30, 60, 120, 240, 480, 900, 900]);
        assert_eq!(delay_secs(usize::MAX), MAX_DELAY_SECS);
    }

    #[test]
    fn free_attempts_go_ahead_then_each_waits_longer() {
        let now = 10_000;
        let four = [now - 5; 4];
        assert_eq!(wait_secs(&four, 5, now), 0, "under the free attempts");
        let five = [now - 10; 5];
        assert_eq!(wait_secs(&five, 5, now), 20, "30 s since the last one");
        assert_eq!(wait_secs(&five, 5, now + 20), 0, "the wait is over");
        let mut six = five.to_vec();
        six.push(now);
        assert_eq!(wait_secs(&six, 5, now), 60, "then twice as long");
        assert_eq!(wait_secs(&[], 0, now), 0);
    }

    #[test]
    fn the_latest_attempt_starts_the_wait() {
        let now = 5_000;
        let attempts = [now - 3000, now - 100, now - 2000, now - 1000, now - 400];
        assert_eq!(
            wait_secs(&attempts, 5, now),
            0,
            "100 s ago, the wait was 30 s"
        );
        assert_eq!(wait_secs(&attempts, 5, now - 90), 20);
    }

    #[test]
    fn each_key_counts_its_own_scope() {
        let k = keys("a@b.cz", Some("10.0.0.1"));
        let names: Vec<&str> = k.iter().map(|k| k.name.as_str()).collect();
        assert_eq!(
            names,
            ["pair:10.0.0.1 a@b.cz", "ip:10.0.0.1", "email:a@b.cz"]
        );
        let scopes: Vec<Scope> = k.iter().map(|k| k.scope).collect();
        assert_eq!(scopes, [Scope::Pair, Scope::Client, Scope::Email]);
        let unknown = keys("a@b.cz", None);
        assert_eq!(unknown.len(), 2, "no address key without an address");
        assert_eq!(unknown[0].name, "pair:- a@b.cz");
    }

    /// The keys of an admin's own address stay free while someone elsewhere fails: the
    /// attacker's pair and address keys are not the admin's, and one address cannot fill the
    /// e-mail-wide count within the window.
    #[test]
    fn another_address_does_not_lock_the_admins_address() {
        let now = 100_000;
        let attacker = keys("admin@psz.cz", Some("203.0.113.9"));
        let admin = keys("admin@psz.cz", Some("192.0.2.1"));
        assert_ne!(attacker[0], admin[0]);
        assert_ne!(attacker[1], admin[1]);
        assert_eq!(attacker[2], admin[2], "only the e-mail-wide key is shared");
        // The most one address can try on one account within the window: its free attempts
        // and then one after every wait.
        let mut at = now - WINDOW_SECS + 1;
        let mut attempts = Vec::new();
        while at < now {
            let wait = wait_secs(&attempts, Scope::Pair.free(), at);
            if wait == 0 {
                attempts.push(at);
            } else {
                at += wait;
            }
        }
        assert!(
            attempts.len() < Scope::Email.free(),
            "{} attempts from one address reach the e-mail-wide limit",
            attempts.len()
        );
        assert_eq!(
            wait_secs(&attempts, Scope::Email.free(), now),
            0,
            "the admin's e-mail-wide key lets them in"
        );
        assert_eq!(wait_secs(&[], Scope::Pair.free(), now), 0);
    }
}
