//! Passwords, hashed with argon2id (the `argon2` crate's defaults: 19 MiB, 2 passes, 1 lane),
//! stored as PHC strings. Hashing runs on the blocking pool: it is meant to be slow.

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};

use crate::error::ApiError;

/// The PHC string of `password` with a fresh random salt.
pub async fn hash(password: String) -> Result<String, ApiError> {
    tokio::task::spawn_blocking(move || hash_now(&password))
        .await
        .map_err(|e| {
            tracing::error!(error = %e, "password hashing task failed");
            ApiError::Internal
        })?
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
/// checked, so an unknown e-mail takes as long as a wrong password.
pub async fn verify(password: String, phc: Option<String>) -> bool {
    tokio::task::spawn_blocking(move || {
        let phc = phc.unwrap_or_else(|| DUMMY.clone());
        PasswordHash::new(&phc).is_ok_and(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
    })
    .await
    .unwrap_or(false)
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
        assert!(verify("správné heslo".to_owned(), Some(phc.clone())).await);
        assert!(!verify("špatné heslo".to_owned(), Some(phc.clone())).await);
        assert!(!verify("správné heslo".to_owned(), None).await);
        let again = hash("správné heslo".to_owned()).await.unwrap();
        assert_ne!(phc, again, "every hash has its own salt");
    }
}
