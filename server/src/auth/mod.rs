//! Who is asking and what they may do.
//!
//! The HTTP layer turns the session cookie and the request's headers into a [`RequestAuth`]
//! and hands it to the schema; resolvers call [`RequestAuth::require`] with what they
//! [`Need`], and mutations call [`RequestAuth::check_csrf`] first.
//!
//! - [`session`]: tokens, cookies, expiry, the signed-in [`Actor`].
//! - [`password`]: argon2id hashes.
//! - [`policy`]: the one function deciding what a role may do.
//! - [`limit`]: failed logins counted per e-mail and per client address.

pub mod admin;
pub mod limit;
pub mod password;
pub mod policy;
pub mod session;

pub use policy::{Actor, Need, allows};

use crate::entity::session as session_row;
use crate::error::ApiError;

/// The header the app sends with every mutation: any value before login, the session's CSRF
/// token after. A cross-site form cannot set a header, and a cross-site script cannot read the
/// token.
pub const CSRF_HEADER: &str = "x-psz-csrf";

/// What the HTTP layer learned about a request's caller.
#[derive(Debug, Clone, Default)]
pub struct RequestAuth {
    pub actor: Option<Actor>,
    pub session: Option<session_row::Model>,
    /// The session token of the cookie, as sent (to end it on logout or login).
    pub token: Option<String>,
    pub csrf_header: Option<String>,
    /// `Origin` names another host, or `Sec-Fetch-Site` says `cross-site`.
    pub cross_site: bool,
    /// The client's address, for rate limiting.
    pub client_ip: Option<String>,
    /// The language the `psz_lang` cookie chose, if it names one: signing in records it as the
    /// account's language (of its e-mails).
    pub lang: Option<shared::format::Lang>,
}

impl RequestAuth {
    /// Refuses a mutation that may come from another site.
    pub fn check_csrf(&self) -> Result<(), ApiError> {
        if self.cross_site {
            return Err(ApiError::Forbidden(
                "cross-site requests may not change data",
            ));
        }
        match (&self.session, &self.csrf_header) {
            (_, None) => Err(ApiError::Forbidden(
                "a mutation needs the X-PSZ-CSRF header",
            )),
            (Some(s), Some(h)) if !same(&s.csrf_token, h) => Err(ApiError::Forbidden(
                "the X-PSZ-CSRF header does not match the session",
            )),
            _ => Ok(()),
        }
    }

    /// The signed-in user, or `UNAUTHENTICATED`.
    pub fn signed_in(&self) -> Result<&Actor, ApiError> {
        self.actor.as_ref().ok_or(ApiError::Unauthenticated)
    }

    /// The signed-in user if the policy allows them `need`: else `UNAUTHENTICATED` for an
    /// anonymous caller and `FORBIDDEN` for a signed-in one.
    pub fn require(&self, need: &Need) -> Result<&Actor, ApiError> {
        let actor = self.signed_in()?;
        if allows(Some(actor), need) {
            Ok(actor)
        } else {
            Err(ApiError::Forbidden("your role does not allow this"))
        }
    }

    /// Whether the caller may read a plan's internal notes and drafts.
    pub fn reads_internal(&self, plan_id: i32) -> bool {
        allows(self.actor.as_ref(), &Need::ReadInternal { plan_id })
    }
}

/// Compares two tokens in time independent of where they differ.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// Whether a request with these headers comes from another site than `host`.
pub fn is_cross_site(host: Option<&str>, origin: Option<&str>, fetch_site: Option<&str>) -> bool {
    if fetch_site == Some("cross-site") {
        return true;
    }
    match (origin, host) {
        (None | Some("null"), _) => origin == Some("null"),
        (Some(origin), Some(host)) => {
            let origin_host = origin.split_once("://").map_or(origin, |(_, rest)| rest);
            !origin_host.eq_ignore_ascii_case(host)
        }
        (Some(_), None) => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cross_site_requests_are_recognised() {
        let host = Some("127.0.0.1:8080");
        assert!(!is_cross_site(host, None, None), "no Origin: same site");
        assert!(!is_cross_site(
            host,
            Some("http://127.0.0.1:8080"),
            Some("same-origin")
        ));
        assert!(is_cross_site(host, Some("https://evil.example"), None));
        assert!(is_cross_site(host, Some("null"), None));
        assert!(is_cross_site(host, None, Some("cross-site")));
        assert!(is_cross_site(None, Some("http://a"), None));
    }

    #[test]
    fn the_csrf_header_must_match_the_session() {
        let mut auth = RequestAuth::default();
        assert!(auth.check_csrf().is_err(), "no header");
        auth.csrf_header = Some("x".into());
        assert!(auth.check_csrf().is_ok(), "before login any value does");
        auth.session = Some(session_row::Model {
            id: 1,
            token_hash: String::new(),
            user_id: 1,
            csrf_token: "secret".into(),
            created_at: 0,
            last_seen: 0,
            expires_at: 0,
        });
        assert!(
            auth.check_csrf().is_err(),
            "a signed-in request needs the token"
        );
        auth.csrf_header = Some("secret".into());
        assert!(auth.check_csrf().is_ok());
        auth.cross_site = true;
        assert!(auth.check_csrf().is_err());
    }
}
