//! Whole responses of read queries, kept while the data they were computed from is unchanged.
//!
//! The public reads the same few dashboards over and over. A response is kept under its query
//! text, operation name and variables, with the *data version* it was computed at: the number of
//! plans, the sum of their revisions and their largest id, read in one small statement per
//! request. Every write raises its plan's revision (see `FactsCache`), so any write to any plan,
//! on any server instance sharing the database, makes every kept response stale. A response is
//! kept for the date it was computed on as well ([`Clock`], the schema's): answers that depend on
//! today (milestones' `done`) are not served after midnight.
//!
//! A response's `data` is kept as its JSON text, so serving it again copies nothing: every
//! caller gets the same shared bytes (a flood of one large query costs no memory per request).
//! Only responses without errors are kept, at most `capacity` of them, the least recently used
//! leaving first; an answer of more than [`KEPT_BYTES`] is not kept, and all kept answers
//! together hold at most [`ALL_KEPT_BYTES`], so the cache stays small in memory however large
//! the queries it is sent.
//! Mutations and signed-in callers bypass it (the HTTP layer decides).

use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::PoisonError;

use axum::body::Bytes;
use sea_orm::DatabaseConnection;
use shared::Date;

use super::Clock;
pub use crate::store::version::DataVersion;

/// The largest answer kept, as JSON; the app's largest page takes about 150 KB.
pub const KEPT_BYTES: usize = 2 << 20;
/// What all kept answers hold together.
pub const ALL_KEPT_BYTES: usize = 16 << 20;

/// What identifies a request: query text, operation name, variables as JSON.
type Key = (String, Option<String>, String);

struct Entry {
    version: DataVersion,
    /// The day it was computed on.
    day: Date,
    /// The response's `data` as JSON; only responses with nothing else (no errors, extensions
    /// or headers) are kept.
    data: Bytes,
    last_used: u64,
}

/// Kept responses, bounded in number.
pub struct ResponseCache {
    capacity: usize,
    /// Today, as the schema the responses come from sees it.
    clock: Clock,
    inner: Mutex<Inner>,
}

#[derive(Default)]
struct Inner {
    entries: HashMap<Key, Entry>,
    /// The bytes all entries hold.
    bytes: usize,
    clock: u64,
}

impl ResponseCache {
    /// A cache of at most `capacity` responses; 0 keeps none. `clock` must be the schema's.
    pub fn new(capacity: usize, clock: Clock) -> ResponseCache {
        ResponseCache {
            capacity,
            clock,
            inner: Mutex::new(Inner::default()),
        }
    }

    fn get(&self, key: &Key, version: DataVersion, day: Date) -> Option<Bytes> {
        let mut inner = self.inner.lock().unwrap_or_else(PoisonError::into_inner);
        inner.clock += 1;
        let now = inner.clock;
        let entry = inner
            .entries
            .get_mut(key)
            .filter(|e| e.version == version && e.day == day)?;
        entry.last_used = now;
        Some(entry.data.clone())
    }

    fn put(&self, key: Key, version: DataVersion, day: Date, data: Bytes) {
        let bytes = data.len();
        if self.capacity == 0 || bytes > KEPT_BYTES {
            return;
        }
        let mut inner = self.inner.lock().unwrap_or_else(PoisonError::into_inner);
        inner.clock += 1;
        let now = inner.clock;
        if let Some(old) = inner.entries.remove(&key) {
            inner.bytes -= old.data.len();
        }
        while inner.entries.len() >= self.capacity || inner.bytes + bytes > ALL_KEPT_BYTES {
            let oldest = inner
                .entries
                .iter()
                .min_by_key(|(_, e)| e.last_used)
                .map(|(k, _)| k.clone());
            let Some(removed) = oldest.and_then(|k| inner.entries.remove(&k)) else {
                break;
            };
            inner.bytes -= removed.data.len();
        }
        inner.bytes += bytes;
        inner.entries.insert(
            key,
            Entry {
                version,
                day,
                data,
                last_used: now,
            },
        );
    }

    /// Answers `request` from the cache when its data and the date are unchanged, else executes
    /// it with `execute` and keeps the answer if it has no errors and neither a write nor
    /// midnight came meanwhile.
    pub async fn answer<F, Fut>(
        &self,
        db: &DatabaseConnection,
        request: async_graphql::Request,
        execute: F,
    ) -> Answer
    where
        F: FnOnce(async_graphql::Request) -> Fut,
        Fut: Future<Output = async_graphql::Response>,
    {
        if self.capacity == 0 {
            return Answer::Response(execute(request).await);
        }
        let Ok(variables) = serde_json::to_string(&request.variables) else {
            return Answer::Response(execute(request).await);
        };
        let key = (
            request.query.clone(),
            request.operation_name.clone(),
            variables,
        );
        let Ok(version) = DataVersion::read(db).await else {
            return Answer::Response(execute(request).await);
        };
        let day = self.clock.today();
        if let Some(data) = self.get(&key, version, day) {
            return Answer::Data(data);
        }
        let response = execute(request).await;
        let plain = response.is_ok()
            && response.extensions.is_empty()
            && response.http_headers.is_empty()
            && response.cache_control == async_graphql::CacheControl::default();
        if !plain {
            return Answer::Response(response);
        }
        let Ok(data) = serde_json::to_vec(&response.data).map(Bytes::from) else {
            return Answer::Response(response);
        };
        drop(response);
        if self.clock.today() == day && DataVersion::read(db).await.is_ok_and(|now| now == version)
        {
            self.put(key, version, day, data.clone());
        }
        Answer::Data(data)
    }
}

/// What [`ResponseCache::answer`] gives.
pub enum Answer {
    /// The `data` of an answer without errors, as JSON: kept (and shared with every caller of
    /// the same request) or computed now.
    Data(Bytes),
    /// A response that is not kept (it has errors, or nothing is kept).
    Response(async_graphql::Response),
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The day the tests keep responses on.
    const D: Date = match Date::new_const(2025, 6, 30) {
        Some(d) => d,
        None => panic!("a date"),
    };

    fn key(q: &str) -> Key {
        (q.to_owned(), None, "{}".to_owned())
    }

    fn response(n: i32) -> Bytes {
        Bytes::from(n.to_string())
    }

    #[test]
    fn a_kept_response_serves_only_its_data_version() {
        let cache = ResponseCache::new(4, Clock::system());
        let v1 = DataVersion(1, 0, 1);
        let v2 = DataVersion(1, 1, 1);
        cache.put(key("{ a }"), v1, D, response(1));
        assert_eq!(cache.get(&key("{ a }"), v1, D), Some(response(1)));
        assert!(
            cache.get(&key("{ a }"), v2, D).is_none(),
            "a write makes it stale"
        );
        assert!(cache.get(&key("{ b }"), v1, D).is_none());
    }

    #[test]
    fn the_least_recently_used_leaves_first() {
        let cache = ResponseCache::new(2, Clock::system());
        let v = DataVersion(1, 0, 1);
        cache.put(key("a"), v, D, response(1));
        cache.put(key("b"), v, D, response(2));
        assert!(cache.get(&key("a"), v, D).is_some());
        cache.put(key("c"), v, D, response(3));
        assert!(cache.get(&key("a"), v, D).is_some());
        assert!(cache.get(&key("b"), v, D).is_none());
        assert!(cache.get(&key("c"), v, D).is_some());
    }

    #[test]
    fn large_answers_are_not_kept_and_all_kept_stay_bounded() {
        let cache = ResponseCache::new(1_000, Clock::system());
        let v = DataVersion(1, 0, 1);
        let text = |n: usize| Bytes::from(vec![b'1'; n]);
        cache.put(key("huge"), v, D, text(KEPT_BYTES + 1));
        assert!(cache.get(&key("huge"), v, D).is_none());
        for i in 0..100 {
            cache.put(key(&i.to_string()), v, D, text(KEPT_BYTES - 1));
        }
        let inner = cache.inner.lock().unwrap();
        assert!(inner.bytes <= ALL_KEPT_BYTES, "{}", inner.bytes);
        assert_eq!(inner.entries.len(), ALL_KEPT_BYTES / KEPT_BYTES);
    }

    #[test]
    fn capacity_zero_keeps_nothing() {
        let cache = ResponseCache::new(0, Clock::system());
        let v = DataVersion(1, 0, 1);
        cache.put(key("a"), v, D, response(1));
        assert!(cache.get(&key("a"), v, D).is_none());
    }

    #[test]
    fn a_kept_response_serves_only_its_day() {
        let cache = ResponseCache::new(4, Clock::system());
        let v = DataVersion(1, 0, 1);
        let next = Date::from_days_since_epoch(D.days_since_epoch() + 1);
        cache.put(key("{ milestones }"), v, D, response(1));
        assert!(cache.get(&key("{ milestones }"), v, D).is_some());
        assert!(
            cache.get(&key("{ milestones }"), v, next).is_none(),
            "after midnight it is computed again"
        );
    }
}
