//! Passwords, hashed with argon2id (the `argon2` crate's defaults: 19 MiB, 2 passes, 1 lane),
//! stored as PHC strings. Hashing runs on the blocking pool: it is meant to be slow.
//!
//! At most [`CONCURRENT`] hashes or checks run at once (each takes 19 MiB and a core), so a
//! burst of logins cannot take the server's memory; a caller that gets no turn within
//! [`WAIT`] is answered `BUSY` instead of queueing for ever.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use tokio::sync::Semaphore;

use crate::error::ApiError;

/// Argon2 computations at once, server-wide: the cores of the machine it is sized for.
pub const CONCURRENT: usize = 2;
/// How long a caller waits for a turn before it is answered `BUSY`.
pub const WAIT: Duration = Duration::from_secs(2);
/// The `retryAfterSecs` of a `BUSY` answer.
const RETRY_AFTER_SECS: i64 = 2;

static TURNS: Semaphore = Semaphore::const_new(CONCURRENT);

/// Passwords checked since the process started (tests prove with it what a limit let through).
static CHECKED: AtomicU64 = AtomicU64::new(0);

/// How many passwords [`verify`] has checked in this process.
pub fn checked() -> u64 {
    CHECKED.load(Ordering::Relaxed)
}

/// Runs `work` on the blocking pool once one of the [`CONCURRENT`] turns is free, holding the
/// turn until `work` ends (even if the caller has gone); `BUSY` after [`WAIT`].
async fn in_turn<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, ApiError> {
    in_turn_of(&TURNS, work).await
}

/// [`in_turn`] with the turns of `turns`.
async fn in_turn_of<T: Send + 'static>(
    turns: &'static Semaphore,
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, ApiError> {
    let turn = tokio::time::timeout(WAIT, turns.acquire())
        .await
        .map_err(|_| ApiError::Busy {
            retry_after_secs: RETRY_AFTER_SECS,
        })?
        .map_err(|_| ApiError::Internal)?;
    tokio::task::spawn_blocking(move || {
        let _turn = turn;
        work()
    })
    .await
    .map_err(|e| {
        tracing::error!(error = %e, "password task failed");
        ApiError::Internal
    })
}

/// The PHC string of `password` with a fresh random salt.
pub async fn hash(password: String) -> Result<String, ApiError> {
    in_turn(move || hash_now(&password)).await?
}

/// The same, on the calling thread (for the admin command and tests).
pub fn hash_now(password: &str) -> Result<String, ApiError> {
    let mut bytes = [0u8; 16];
    getrandom::getrandom(&mut bytes).map_err(|e| {
        tracing::error!(error = %e, "no randomness for a salt");
        ApiError::Internal
    })?;
    let salt = SaltString::encode_b64(&bytes).map_err(|e| {
        tracing::error!(error = %e, "cannot encode a salt");
        ApiError::Internal
    })?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| {
            tracing::error!(error = %e, "cannot hash a password");
            ApiError::Internal
        })
}

/// Whether `password` matches `phc`. With `phc` absent (no such user) a dummy hash is
/// checked, so an unknown e-mail takes as long as a wrong password. `BUSY` when no turn came.
pub async fn verify(password: String, phc: Option<String>) -> Result<bool, ApiError> {
    in_turn(move || {
        CHECKED.fetch_add(1, Ordering::Relaxed);
        let phc = phc.unwrap_or_else(|| DUMMY.clone());
        PasswordHash::new(&phc).is_ok_and(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
    })
    .await
}

/// The argon2id hash of a password nobody knows, made on first use.
static DUMMY: std::sync::LazyLock<String> =
    std::sync::LazyLock::new(|| hash_now("no account has this password").unwrap_or_default());

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_hash_verifies_only_its_password() {
        let phc = hash("správné heslo".to_owned()).await.unwrap();
        assert!(phc.starts_with("$argon2id$"), "{phc}");
        let ok = |pw: &str, phc: Option<String>| verify(pw.to_owned(), phc);
        assert!(ok("správné heslo", Some(phc.clone())).await.unwrap());
        assert!(!ok("špatné heslo", Some(phc.clone())).await.unwrap());
        assert!(!ok("správné heslo", None).await.unwrap());
        let again = hash("správné heslo".to_owned()).await.unwrap();
        assert_ne!(phc, again, "every hash has its own salt");
    }

    /// A burst waits for the turns; no more than `CONCURRENT` run at once, and those that
    /// wait too long are told `BUSY` (the burst is far longer than `WAIT`).
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_burst_takes_turns_or_is_busy() {
        static OWN: Semaphore = Semaphore::const_new(CONCURRENT);
        static RUNNING: AtomicU64 = AtomicU64::new(0);
        static MOST: AtomicU64 = AtomicU64::new(0);
        let tasks: Vec<_> = (0..12)
            .map(|_| {
                tokio::spawn(in_turn_of(&OWN, || {
                    let now = RUNNING.fetch_add(1, Ordering::SeqCst) + 1;
                    MOST.fetch_max(now, Ordering::SeqCst);
                    std::thread::sleep(Duration::from_millis(600));
                    RUNNING.fetch_sub(1, Ordering::SeqCst);
                }))
            })
            .collect();
        let mut busy = 0;
        for t in tasks {
            match t.await.unwrap() {
                Ok(()) => {}
                Err(ApiError::Busy { retry_after_secs }) => {
                    assert!(retry_after_secs > 0);
                    busy += 1;
                }
                Err(e) => panic!("{e:?}"),
            }
        }
        assert!(MOST.load(Ordering::SeqCst) <= CONCURRENT as u64);
        assert!(busy > 0, "12 × 0.6 s on 2 turns outlasts a 2 s wait");
    }
}
