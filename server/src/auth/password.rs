//! Passwords, hashed with argon2id (the `argon2` crate's defaults: 19 MiB, 2 passes, 1 lane),
//! stored as PHC strings. Hashing runs on its own few threads, off the async runtime: it is
//! meant to be slow.
//!
//! At most [`CONCURRENT`] hashes or checks run at once (each takes 19 MiB and a core), so a
//! burst of logins cannot take the server's memory; a caller that gets no turn within
//! [`WAIT`] is answered `BUSY` instead of queueing for ever.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use std::cell::{Cell, RefCell};

use argon2::password_hash::{Output, ParamsString, PasswordHash, SaltString};
use argon2::{Algorithm, Argon2, Block, Params, Version};
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

/// Runs `work` on one of the [`CONCURRENT`] argon2 threads once a turn is free, holding the
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
    let (done, result) = tokio::sync::oneshot::channel();
    let job: Job = Box::new(move || {
        let out = std::panic::catch_unwind(std::panic::AssertUnwindSafe(work));
        drop(turn);
        let _ = done.send(out.ok());
    });
    let sent = WORKERS
        .lock()
        .map_err(|_| ApiError::Internal)?
        .send(job)
        .is_ok();
    match (sent, result.await) {
        (true, Ok(Some(out))) => Ok(out),
        _ => {
            tracing::error!("password task failed");
            Err(ApiError::Internal)
        }
    }
}

type Job = Box<dyn FnOnce() + Send>;

/// The threads argon2 runs on: a fixed few, not the blocking pool. Each thread keeps the
/// memory of its last computation for the next (glibc keeps a freed 19 MiB block in the
/// thread's arena), so new threads for every burst would each keep another 19 MiB.
static WORKERS: std::sync::LazyLock<std::sync::Mutex<std::sync::mpsc::Sender<Job>>> =
    std::sync::LazyLock::new(|| {
        let (jobs, queue) = std::sync::mpsc::channel::<Job>();
        let queue = std::sync::Arc::new(std::sync::Mutex::new(queue));
        for i in 0..CONCURRENT {
            let queue = std::sync::Arc::clone(&queue);
            let started = std::thread::Builder::new()
                .name(format!("argon2-{i}"))
                .spawn(move || work_through(&queue));
            if let Err(e) = started {
                tracing::error!(error = %e, "cannot start an argon2 thread");
            }
        }
        std::sync::Mutex::new(jobs)
    });

/// One argon2 thread: runs jobs until the queue closes.
fn work_through(queue: &std::sync::Mutex<std::sync::mpsc::Receiver<Job>>) {
    ARGON2_THREAD.set(true);
    loop {
        let job = match queue.lock() {
            Ok(q) => q.recv(),
            Err(_) => return,
        };
        match job {
            Ok(job) => job(),
            Err(_) => return,
        }
    }
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
    let failed = |e: &dyn std::fmt::Display| {
        tracing::error!(error = %e, "cannot hash a password");
        ApiError::Internal
    };
    let salt = SaltString::encode_b64(&bytes).map_err(|e| failed(&e))?;
    let argon = Argon2::default();
    let mut out = [0u8; Params::DEFAULT_OUTPUT_LEN];
    compute(&argon, password.as_bytes(), &bytes, &mut out).map_err(|e| failed(&e))?;
    let phc = PasswordHash {
        algorithm: Algorithm::Argon2id.ident(),
        version: Some(Version::V0x13.into()),
        params: ParamsString::try_from(argon.params()).map_err(|e| failed(&e))?,
        salt: Some(salt.as_salt()),
        hash: Some(Output::new(&out).map_err(|e| failed(&e))?),
    };
    Ok(phc.to_string())
}

/// Whether `password` matches `phc`. With `phc` absent (no such user) a dummy hash is
/// checked, so an unknown e-mail takes as long as a wrong password. `BUSY` when no turn came.
pub async fn verify(password: String, phc: Option<String>) -> Result<bool, ApiError> {
    in_turn(move || {
        CHECKED.fetch_add(1, Ordering::Relaxed);
        verify_now(&password, phc.as_deref().unwrap_or(&DUMMY))
    })
    .await
}

/// Whether `password` matches the PHC string `phc` (any argon2 variant and parameters).
fn verify_now(password: &str, phc: &str) -> bool {
    let Ok(parsed) = PasswordHash::new(phc) else {
        return false;
    };
    let (Some(salt), Some(expected)) = (parsed.salt, parsed.hash) else {
        return false;
    };
    let (Ok(algorithm), Ok(version), Ok(params)) = (
        Algorithm::try_from(parsed.algorithm),
        parsed
            .version
            .map_or(Ok(Version::default()), Version::try_from),
        Params::try_from(&parsed),
    ) else {
        return false;
    };
    let mut salt_bytes = [0u8; 64];
    let Ok(salt) = salt.decode_b64(&mut salt_bytes) else {
        return false;
    };
    let mut out = vec![0u8; expected.len()];
    let argon = Argon2::new(algorithm, version, params);
    compute(&argon, password.as_bytes(), salt, &mut out).is_ok()
        // `Output`'s comparison takes constant time.
        && Output::new(&out).is_ok_and(|computed| computed == expected)
}

thread_local! {
    /// Whether this thread is one of the argon2 threads.
    static ARGON2_THREAD: Cell<bool> = const { Cell::new(false) };
    /// An argon2 thread's working memory, kept for its next computation: memory allocated
    /// and freed per computation is not reused by glibc (every check kept another 19 MiB).
    static MEMORY: RefCell<Vec<Block>> = const { RefCell::new(Vec::new()) };
}

/// Argon2 of `password` and `salt` into `out`: on an argon2 thread in its kept memory,
/// elsewhere (the admin command) in memory of its own.
fn compute(argon: &Argon2<'_>, password: &[u8], salt: &[u8], out: &mut [u8]) -> argon2::Result<()> {
    let blocks = argon.params().block_count();
    if !ARGON2_THREAD.get() {
        let mut memory = vec![Block::default(); blocks];
        return argon.hash_password_into_with_memory(password, salt, out, &mut memory);
    }
    MEMORY.with_borrow_mut(|memory| {
        if memory.len() < blocks {
            memory.resize(blocks, Block::default());
        }
        argon.hash_password_into_with_memory(password, salt, out, &mut memory[..blocks])
    })
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
        assert!(verify_now(
            "správné heslo",
            &hash_now("správné heslo").unwrap()
        ));
        assert_ne!(phc, again, "every hash has its own salt");
    }

    /// Hashes stored before (by the argon2 crate's own hasher, other parameters) still verify.
    #[test]
    fn hashes_of_the_argon2_crate_verify() {
        use argon2::password_hash::PasswordHasher;
        let salt = SaltString::encode_b64(b"sixteen byte slt").unwrap();
        let params = Params::new(8 * 1024, 1, 1, None).unwrap();
        let argon = Argon2::new(Algorithm::Argon2id, Version::V0x13, params);
        let phc = argon.hash_password(b"heslo", &salt).unwrap().to_string();
        assert!(verify_now("heslo", &phc));
        assert!(!verify_now("heslO", &phc));
        let default = Argon2::default().hash_password(b"heslo", &salt).unwrap();
        assert!(verify_now("heslo", &default.to_string()));
        assert!(!verify_now("heslo", "not a hash"));
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
