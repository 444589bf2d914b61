//! Automatic persisted queries (Apollo's protocol): a client sends a query's SHA-256 instead of
//! its text, so a `GET /graphql?extensions=…` URL stays short and a CDN can key on it.
//!
//! A request naming a hash without the text is answered from [`Persisted`] or, when the hash is
//! unknown here, with `PERSISTED_QUERY_NOT_FOUND` (the client sends hash and text again). A
//! request with both is checked (the text must hash to the hash) and remembered once its query
//! parsed and passed the cost check, so only queries this server would run are kept. What is
//! kept is bounded in number and bytes, the least recently used leaving first; an attacker
//! filling it only makes clients send their texts again.

use std::collections::HashMap;
use std::sync::Arc;

use crate::lru::Lru;

use async_graphql::Value;
use sha2::{Digest, Sha256};

/// Most queries kept.
pub const MOST: usize = 1024;
/// Most bytes of query text kept together.
pub const MOST_BYTES: usize = 4 << 20;

/// What a request's `extensions.persistedQuery` asks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Named {
    /// The SHA-256 of the query text, lowercase hex.
    pub hash: String,
}

/// Why a persisted-query request is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// Not version 1, or the hash is not 64 hex digits.
    Malformed(&'static str),
    /// The text does not hash to the hash.
    Mismatch,
}

impl Named {
    /// The persisted query a request's extensions name, if any.
    pub fn of(extensions: &HashMap<String, Value>) -> Result<Option<Named>, Refusal> {
        let Some(pq) = extensions.get("persistedQuery") else {
            return Ok(None);
        };
        let Value::Object(pq) = pq else {
            return Err(Refusal::Malformed("persistedQuery is not an object"));
        };
        match pq.get("version") {
            Some(Value::Number(n)) if n.as_i64() == Some(1) => {}
            _ => return Err(Refusal::Malformed("persistedQuery.version must be 1")),
        }
        let hash = match pq.get("sha256Hash") {
            Some(Value::String(h)) if h.len() == 64 && h.bytes().all(|b| b.is_ascii_hexdigit()) => {
                h.to_ascii_lowercase()
            }
            _ => {
                return Err(Refusal::Malformed(
                    "persistedQuery.sha256Hash must be 64 hex digits",
                ));
            }
        };
        Ok(Some(Named { hash }))
    }

    /// Checks that `query` is the text of this hash.
    pub fn check(&self, query: &str) -> Result<(), Refusal> {
        if hash(query) == self.hash {
            Ok(())
        } else {
            Err(Refusal::Mismatch)
        }
    }
}

/// The SHA-256 of a query text, lowercase hex.
pub fn hash(query: &str) -> String {
    Sha256::digest(query.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Query texts by hash, bounded.
pub struct Persisted {
    texts: Lru<Arc<str>>,
}

impl Default for Persisted {
    fn default() -> Self {
        Persisted {
            texts: Lru::new(MOST, MOST_BYTES),
        }
    }
}

impl Persisted {
    /// The text of `hash`, if kept.
    pub fn get(&self, hash: &str) -> Option<String> {
        self.texts.get(hash).map(|t| t.to_string())
    }

    /// Keeps `text` under `hash`, making room by forgetting the least recently used.
    pub fn put(&self, hash: String, text: &str) {
        self.texts.put(&hash, Arc::from(text), text.len());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ext(version: i64, hash: &str) -> HashMap<String, Value> {
        HashMap::from([(
            "persistedQuery".to_owned(),
            async_graphql::value!({ "version": version, "sha256Hash": hash }),
        )])
    }

    #[test]
    fn a_hash_names_its_text_only() {
        let q = "{ __typename }";
        let h = hash(q);
        assert_eq!(h.len(), 64);
        let named = Named::of(&ext(1, &h.to_uppercase())).unwrap().unwrap();
        assert_eq!(named.hash, h);
        assert_eq!(named.check(q), Ok(()));
        assert_eq!(named.check("{ plans { slug } }"), Err(Refusal::Mismatch));
        assert_eq!(Named::of(&HashMap::new()), Ok(None));
        assert!(matches!(Named::of(&ext(2, &h)), Err(Refusal::Malformed(_))));
        assert!(matches!(
            Named::of(&ext(1, "abc")),
            Err(Refusal::Malformed(_))
        ));
    }

    #[test]
    fn kept_texts_stay_bounded_and_the_recent_stay() {
        let p = Persisted::default();
        for i in 0..MOST + 10 {
            let text = format!("{{ a{i}: __typename }}");
            p.put(hash(&text), &text);
        }
        assert_eq!(p.texts.held().0, MOST);
        let last = format!("{{ a{}: __typename }}", MOST + 9);
        assert_eq!(p.get(&hash(&last)), Some(last));
        assert_eq!(p.get(&hash("{ a0: __typename }")), None, "the oldest left");
        let big = "x".repeat(MOST_BYTES / 2 + 1);
        p.put(hash(&big), &big);
        p.put(hash(&format!("{big}y")), &format!("{big}y"));
        assert!(p.texts.held().1 <= MOST_BYTES);
    }
}
