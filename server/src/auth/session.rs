//! Sessions: a random token in an `HttpOnly`, `SameSite=Strict` cookie, stored server-side as its
//! SHA-256 (so several instances share them and a leaked database holds no usable token),
//! expiring after a time without use and after an absolute lifetime.

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set,
};
use sha2::{Digest, Sha256};
use shared::role::Role;

use super::policy::Actor;
use crate::entity::{session, user_account, user_organisation, user_plan};

/// The cookie that carries the session token over plain HTTP (without `--secure-cookies`).
pub const COOKIE: &str = "psz_session";

/// The cookie that carries the session token with `--secure-cookies`. Browsers accept a
/// `__Host-` cookie only when it is `Secure`, has `Path=/` and no `Domain`, so a sibling
/// subdomain or a plain-HTTP man in the middle cannot plant or overwrite it (no session fixation).
pub const SECURE_COOKIE: &str = "__Host-psz_session";

/// How long sessions live.
#[derive(Debug, Clone, Copy)]
pub struct SessionSettings {
    /// Seconds without a request after which a session ends.
    pub idle_secs: i64,
    /// Seconds after login after which a session ends however busy.
    pub absolute_secs: i64,
    /// Mark the cookie `Secure` (when served over HTTPS).
    pub secure_cookie: bool,
}

impl Default for SessionSettings {
    fn default() -> Self {
        SessionSettings {
            idle_secs: 2 * 3600,
            absolute_secs: 12 * 3600,
            secure_cookie: false,
        }
    }
}

/// `last_seen` is written at most this often, so reading pages costs no write each time.
const TOUCH_EVERY_SECS: i64 = 60;

/// Seconds since the Unix epoch.
pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// 32 random bytes as 64 hex digits.
pub fn random_token() -> Result<String, DbErr> {
    let mut bytes = [0u8; 32];
    getrandom::getrandom(&mut bytes)
        .map_err(|e| DbErr::Custom(format!("no randomness for a token: {e}")))?;
    Ok(hex(&bytes))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The SHA-256 of a token, as stored.
pub fn token_hash(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

impl SessionSettings {
    /// The name of the session cookie in this mode.
    pub fn cookie_name(&self) -> &'static str {
        if self.secure_cookie {
            SECURE_COOKIE
        } else {
            COOKIE
        }
    }
}

/// The session token in a `Cookie` header, if any, under the cookie name of the mode: with
/// secure cookies only `__Host-psz_session` counts (a plain `psz_session` may have been planted).
pub fn session_token<'a>(header: &'a str, settings: &SessionSettings) -> Option<&'a str> {
    let wanted = settings.cookie_name();
    header.split(';').find_map(|pair| {
        let (name, value) = pair.trim().split_once('=')?;
        (name == wanted && !value.is_empty()).then_some(value)
    })
}

/// The `Set-Cookie` value that stores `token`: `psz_session=…`, or `__Host-psz_session=…; Secure`
/// with secure cookies (always `Path=/`, never `Domain`).
pub fn set_cookie(token: &str, settings: &SessionSettings) -> String {
    let secure = if settings.secure_cookie {
        "; Secure"
    } else {
        ""
    };
    format!(
        "{}={token}; Path=/; HttpOnly; SameSite=Strict; Max-Age={}{secure}",
        settings.cookie_name(),
        settings.absolute_secs
    )
}

/// The `Set-Cookie` value that removes the session cookie of the mode (a `__Host-` cookie can
/// only be removed by a `Secure` one).
pub fn clear_session_cookie(settings: &SessionSettings) -> String {
    let secure = if settings.secure_cookie {
        "; Secure"
    } else {
        ""
    };
    format!(
        "{}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0{secure}",
        settings.cookie_name()
    )
}

/// A cookie holding no secret, readable by the public bundle, that only says "someone signed in
/// here": its header then links to data entry instead of the login page.
pub const HINT_COOKIE: &str = "psz_staff";

/// The `Set-Cookie` values of the hint: set at login (`on`), removed at logout.
pub fn hint_cookie(on: bool, settings: &SessionSettings) -> String {
    if on {
        format!(
            "{HINT_COOKIE}=1; Path=/; SameSite=Strict; Max-Age={}",
            settings.absolute_secs
        )
    } else {
        format!("{HINT_COOKIE}=; Path=/; SameSite=Strict; Max-Age=0")
    }
}

/// Starts a session for `user_id`; returns the token for the cookie and the stored row.
pub async fn start<C: ConnectionTrait>(
    db: &C,
    user_id: i32,
    settings: &SessionSettings,
) -> Result<(String, session::Model), DbErr> {
    let token = random_token()?;
    let at = now();
    let row = session::ActiveModel {
        token_hash: Set(token_hash(&token)),
        user_id: Set(user_id),
        csrf_token: Set(random_token()?),
        created_at: Set(at),
        last_seen: Set(at),
        expires_at: Set(at + settings.absolute_secs),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok((token, row))
}

/// Ends the session of `token`, if it exists.
pub async fn end<C: ConnectionTrait>(db: &C, token: &str) -> Result<(), DbErr> {
    session::Entity::delete_many()
        .filter(session::Column::TokenHash.eq(token_hash(token)))
        .exec(db)
        .await?;
    Ok(())
}

/// Ends every session of a user (password change, deactivation).
pub async fn end_all<C: ConnectionTrait>(db: &C, user_id: i32) -> Result<(), DbErr> {
    session::Entity::delete_many()
        .filter(session::Column::UserId.eq(user_id))
        .exec(db)
        .await?;
    Ok(())
}

/// The live session of `token` and its user, or `None` when it is unknown, expired or its user
/// is deactivated (an expired session is deleted).
pub async fn resolve<C: ConnectionTrait>(
    db: &C,
    token: &str,
    settings: &SessionSettings,
) -> Result<Option<(session::Model, Actor)>, DbErr> {
    let Some(row) = session::Entity::find()
        .filter(session::Column::TokenHash.eq(token_hash(token)))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let at = now();
    if at >= row.expires_at || at - row.last_seen >= settings.idle_secs {
        session::Entity::delete_by_id(row.id).exec(db).await?;
        return Ok(None);
    }
    let Some(actor) = actor(db, row.user_id).await? else {
        return Ok(None);
    };
    if at - row.last_seen >= TOUCH_EVERY_SECS {
        session::Entity::update_many()
            .col_expr(session::Column::LastSeen, at.into())
            .filter(session::Column::Id.eq(row.id))
            .exec(db)
            .await?;
    }
    Ok(Some((row, actor)))
}

/// Whether the session of `token` still lasts, for `actor`'s rights as they were: read only,
/// so asking (a live connection, every ping) never keeps an idle session alive.
pub async fn lasts<C: ConnectionTrait>(
    db: &C,
    token: &str,
    settings: &SessionSettings,
    as_was: &Actor,
) -> Result<bool, DbErr> {
    let Some(row) = session::Entity::find()
        .filter(session::Column::TokenHash.eq(token_hash(token)))
        .one(db)
        .await?
    else {
        return Ok(false);
    };
    let at = now();
    if at >= row.expires_at || at - row.last_seen >= settings.idle_secs {
        return Ok(false);
    }
    Ok(actor(db, row.user_id).await?.as_ref() == Some(as_was))
}

/// How long a resolved session answers reads without asking the database again.
pub const CACHED_FOR: std::time::Duration = std::time::Duration::from_secs(2);
/// Most sessions remembered; when full, all are forgotten (they are resolved again).
const CACHED_MOST: usize = 4096;

/// Sessions resolved lately, so a signed-in reader's request does not cost the four statements
/// of [`resolve`]. A remembered session answers only reads, for at most [`CACHED_FOR`], and only
/// while nothing changed accounts or sessions in this process (`generation`: every account
/// write, sign-in and sign-out raises it); mutations always resolve anew. Another instance's
/// sign-out or account change reaches readers here within [`CACHED_FOR`].
#[derive(Default)]
pub struct SessionCache {
    entries: std::sync::Mutex<std::collections::HashMap<String, Remembered>>,
}

struct Remembered {
    at: std::time::Instant,
    generation: u64,
    session: session::Model,
    actor: Actor,
}

impl SessionCache {
    /// [`resolve`], answered from memory when the session was resolved in the last
    /// [`CACHED_FOR`] at this `generation`.
    pub async fn resolve<C: ConnectionTrait>(
        &self,
        db: &C,
        token: &str,
        settings: &SessionSettings,
        generation: u64,
    ) -> Result<Option<(session::Model, Actor)>, DbErr> {
        let hash = token_hash(token);
        {
            let entries = self
                .entries
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            if let Some(r) = entries.get(&hash).filter(|r| {
                r.generation == generation
                    && r.at.elapsed() < CACHED_FOR
                    && now() < r.session.expires_at
            }) {
                return Ok(Some((r.session.clone(), r.actor.clone())));
            }
        }
        let fresh = resolve(db, token, settings).await?;
        let mut entries = self
            .entries
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        match &fresh {
            Some((session, actor)) => {
                if entries.len() >= CACHED_MOST {
                    entries.clear();
                }
                entries.insert(
                    hash,
                    Remembered {
                        at: std::time::Instant::now(),
                        generation,
                        session: session.clone(),
                        actor: actor.clone(),
                    },
                );
            }
            None => {
                entries.remove(&hash);
            }
        }
        Ok(fresh)
    }
}

/// The active user `user_id` with their plans and organisations.
pub async fn actor<C: ConnectionTrait>(db: &C, user_id: i32) -> Result<Option<Actor>, DbErr> {
    let Some(user) = user_account::Entity::find_by_id(user_id)
        .filter(user_account::Column::Active.eq(true))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let Some(role) = Role::from_db(&user.role) else {
        tracing::error!(user = user.id, role = %user.role, "unknown role in the database");
        return Ok(None);
    };
    let plans = user_plan::Entity::find()
        .filter(user_plan::Column::UserId.eq(user.id))
        .all(db)
        .await?
        .into_iter()
        .map(|p| p.plan_id)
        .collect();
    let organisations = user_organisation::Entity::find()
        .filter(user_organisation::Column::UserId.eq(user.id))
        .all(db)
        .await?
        .into_iter()
        .map(|o| o.organisation_id)
        .collect();
    Ok(Some(Actor {
        user_id: user.id,
        email: user.email,
        name: user.name,
        role,
        plans,
        organisations,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secure() -> SessionSettings {
        SessionSettings {
            secure_cookie: true,
            ..SessionSettings::default()
        }
    }

    #[test]
    fn the_cookie_is_found_among_others() {
        let plain = SessionSettings::default();
        assert_eq!(
            session_token("a=1; psz_session=abc; b=2", &plain),
            Some("abc")
        );
        assert_eq!(session_token("psz_session=", &plain), None);
        assert_eq!(session_token("xpsz_session=abc", &plain), None);
        let plain = SessionSettings::default();
        assert_eq!(session_token("a=1; psz_session=abc", &plain), Some("abc"));
        assert_eq!(session_token("__Host-psz_session=abc", &plain), None);
    }

    #[test]
    fn secure_mode_reads_only_the_host_prefixed_cookie() {
        let s = secure();
        assert_eq!(
            session_token("a=1; __Host-psz_session=abc; b=2", &s),
            Some("abc")
        );
        assert_eq!(
            session_token("psz_session=planted", &s),
            None,
            "a cookie without the prefix may have been planted by a subdomain"
        );
        assert_eq!(
            session_token("psz_session=planted; __Host-psz_session=real", &s),
            Some("real")
        );
        assert_eq!(session_token("__host-psz_session=abc", &s), None);
    }

    #[test]
    fn cookies_are_http_only_and_same_site() {
        let c = set_cookie("t", &SessionSettings::default());
        assert!(c.starts_with("psz_session=t; Path=/;"), "{c}");
        assert!(
            c.contains("HttpOnly") && c.contains("SameSite=Strict"),
            "{c}"
        );
        assert!(!c.contains("Secure"));
        let plain = SessionSettings::default();
        assert!(clear_session_cookie(&plain).starts_with("psz_session=;"));
        assert!(clear_session_cookie(&plain).contains("Max-Age=0"));
    }

    #[test]
    fn secure_cookies_carry_the_host_prefix() {
        let c = set_cookie("t", &secure());
        assert!(c.starts_with("__Host-psz_session=t; Path=/;"), "{c}");
        assert!(c.ends_with("; Secure"), "{c}");
        assert!(!c.to_ascii_lowercase().contains("domain"), "{c}");
        let clear = clear_session_cookie(&secure());
        assert!(clear.starts_with("__Host-psz_session=;"), "{clear}");
        assert!(
            clear.contains("Path=/") && clear.contains("Max-Age=0") && clear.ends_with("; Secure"),
            "{clear}"
        );
    }

    #[test]
    fn tokens_are_random_and_stored_hashed() {
        let a = random_token().unwrap();
        let b = random_token().unwrap();
        assert_eq!(a.len(), 64);
        assert_ne!(a, b);
        assert_eq!(token_hash(&a).len(), 64);
        assert_ne!(token_hash(&a), a);
        assert_eq!(token_hash(&a), token_hash(&a));
    }
}
