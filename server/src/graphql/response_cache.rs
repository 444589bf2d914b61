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
//! together, with the compressed forms they may make ([`Kept::held`]), hold at most
//! [`ALL_KEPT_BYTES`], so the cache stays small in memory however large the queries it is sent.
//! Mutations and signed-in callers bypass it (the HTTP layer decides).

use std::collections::HashMap;
use std::sync::PoisonError;
use std::sync::{Arc, Mutex, OnceLock};

use axum::body::Bytes;
use shared::Date;

use super::Clock;
pub use crate::store::version::DataVersion;
use crate::store::version::Versions;

/// The largest answer kept, as JSON; the app's largest page takes about 150 KB.
pub const KEPT_BYTES: usize = 2 << 20;
/// What all kept answers hold together, their compressed forms counted (see [`Kept::held`]).
pub const ALL_KEPT_BYTES: usize = 16 << 20;
/// The most an answer adds around its data (`{"data":…,"extensions":{"cost":…}}`).
const ENVELOPE: usize = 128;

/// What identifies a request: query text, operation name, variables as JSON.
type Key = (String, Option<String>, String);

struct Entry {
    version: DataVersion,
    /// The day it was computed on.
    day: Date,
    /// The response's `data` as JSON; only responses with nothing else (no errors, extensions
    /// or headers) are kept.
    kept: Arc<Kept>,
    last_used: u64,
}

/// How an answer may travel compressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Brotli,
    Gzip,
}

impl Encoding {
    /// The `Content-Encoding` name.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Brotli => "br",
            Encoding::Gzip => "gzip",
        }
    }

    /// What the client accepts (`Accept-Encoding`), brotli first; none names neither (or
    /// refuses them with `q=0`).
    pub fn accepted(header: &str) -> Option<Encoding> {
        let accepts = |name: &str| {
            header.split(',').any(|part| {
                let mut params = part.split(';').map(str::trim);
                let named = params.next().is_some_and(|n| n.eq_ignore_ascii_case(name));
                let q = params
                    .find_map(|p| p.strip_prefix("q="))
                    .map_or(Some(1.0), |q| q.trim().parse::<f32>().ok());
                named && q.is_some_and(|q| q > 0.0)
            })
        };
        [Encoding::Brotli, Encoding::Gzip]
            .into_iter()
            .find(|e| accepts(e.name()))
    }

    fn compress(self, body: &[u8]) -> Bytes {
        use std::io::Write;
        let mut out = Vec::with_capacity(body.len() / 4);
        match self {
            Encoding::Brotli => {
                let mut w = brotli::CompressorWriter::new(&mut out, 4096, 5, 22);
                // Writing to a Vec cannot fail.
                let _ = w.write_all(body);
                drop(w);
            }
            Encoding::Gzip => {
                let mut w = flate2::write::GzEncoder::new(&mut out, flate2::Compression::default());
                let _ = w.write_all(body);
                let _ = w.finish();
            }
        }
        Bytes::from(out)
    }
}

/// A kept answer's `data` as JSON and, made on the first request that accepts it, the whole
/// answer compressed: a flood of a kept query costs one compression, not one per request.
pub struct Kept {
    pub data: Bytes,
    brotli: OnceLock<Bytes>,
    gzip: OnceLock<Bytes>,
    etag: OnceLock<String>,
}

impl Kept {
    pub fn new(data: Bytes) -> Arc<Kept> {
        Arc::new(Kept {
            data,
            brotli: OnceLock::new(),
            gzip: OnceLock::new(),
            etag: OnceLock::new(),
        })
    }

    /// A weak entity tag of the data (the same data has the same tag on every instance, in
    /// every encoding), made once.
    pub fn etag(&self) -> &str {
        self.etag.get_or_init(|| {
            use sha2::Digest;
            let digest = sha2::Sha256::digest(&self.data);
            let hex: String = digest[..16].iter().map(|b| format!("{b:02x}")).collect();
            format!("W/\"{hex}\"")
        })
    }

    /// What it may hold at most: the data and, once made, its two compressed forms of the whole
    /// answer, each at most the answer's size and a little (brotli and gzip never grow data by
    /// more than a few bytes per block). Counted before they are made, so `ALL_KEPT_BYTES`
    /// bounds every kept answer in every encoding.
    pub fn held(&self) -> usize {
        let answer = self.data.len() + ENVELOPE;
        self.data.len() + 2 * (answer + answer / 1024 + 64)
    }

    /// The whole answer (`body` makes it; the same for every caller of this data) compressed
    /// with `encoding`, made once.
    pub fn compressed(&self, encoding: Encoding, body: impl FnOnce() -> Vec<u8>) -> Bytes {
        let cell = match encoding {
            Encoding::Brotli => &self.brotli,
            Encoding::Gzip => &self.gzip,
        };
        cell.get_or_init(|| encoding.compress(&body())).clone()
    }
}

impl PartialEq for Kept {
    fn eq(&self, other: &Kept) -> bool {
        self.data == other.data
    }
}

impl std::fmt::Debug for Kept {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Kept({} bytes)", self.data.len())
    }
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

    fn get(&self, key: &Key, version: DataVersion, day: Date) -> Option<Arc<Kept>> {
        let mut inner = self.inner.lock().unwrap_or_else(PoisonError::into_inner);
        inner.clock += 1;
        let now = inner.clock;
        let entry = inner
            .entries
            .get_mut(key)
            .filter(|e| e.version == version && e.day == day)?;
        entry.last_used = now;
        Some(entry.kept.clone())
    }

    fn put(&self, key: Key, version: DataVersion, day: Date, kept: Arc<Kept>) {
        let bytes = kept.held();
        if self.capacity == 0 || kept.data.len() > KEPT_BYTES {
            return;
        }
        let mut inner = self.inner.lock().unwrap_or_else(PoisonError::into_inner);
        inner.clock += 1;
        let now = inner.clock;
        if let Some(old) = inner.entries.remove(&key) {
            inner.bytes -= old.kept.held();
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
            inner.bytes -= removed.kept.held();
        }
        inner.bytes += bytes;
        inner.entries.insert(
            key,
            Entry {
                version,
                day,
                kept,
                last_used: now,
            },
        );
    }

    /// Answers `request` from the cache when its data and the date are unchanged, else executes
    /// it with `execute` and keeps the answer if it has no errors and neither a write nor
    /// midnight came meanwhile.
    pub async fn answer<F, Fut>(
        &self,
        versions: &Versions,
        request: async_graphql::Request,
        execute: F,
    ) -> Answer
    where
        F: FnOnce(async_graphql::Request) -> Fut,
        Fut: Future<Output = async_graphql::Response>,
    {
        if self.capacity == 0 {
            // Nothing is kept: computed, and given as data when it is plain.
            return Answer::of(execute(request).await);
        }
        let Ok(variables) = serde_json::to_string(&request.variables) else {
            return Answer::of(execute(request).await);
        };
        let key = (
            request.query.clone(),
            request.operation_name.clone(),
            variables,
        );
        let version = versions.current();
        let day = self.clock.today();
        if let Some(kept) = self.get(&key, version, day) {
            return Answer::Data(kept);
        }
        let answer = Answer::of(execute(request).await);
        if let Answer::Data(kept) = &answer
            && self.clock.today() == day
            && versions.current() == version
        {
            self.put(key, version, day, kept.clone());
        }
        answer
    }
}

/// What [`ResponseCache::answer`] gives.
// One per request, moved once: boxing the response would only add an allocation.
#[allow(clippy::large_enum_variant)]
pub enum Answer {
    /// The `data` of an answer without errors, as JSON: kept (and shared with every caller of
    /// the same request, with its compressed forms) or computed now.
    Data(Arc<Kept>),
    /// A response that is not plain data (it has errors, extensions or headers).
    Response(async_graphql::Response),
}

impl Answer {
    /// A response as data when it is nothing else (no errors, extensions, headers).
    pub fn of(response: async_graphql::Response) -> Answer {
        let plain = response.is_ok()
            && response.extensions.is_empty()
            && response.http_headers.is_empty()
            && response.cache_control == async_graphql::CacheControl::default();
        if !plain {
            return Answer::Response(response);
        }
        match serde_json::to_vec(&response.data) {
            Ok(data) => Answer::Data(Kept::new(Bytes::from(data))),
            Err(_) => Answer::Response(response),
        }
    }
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

    fn response(n: i32) -> Arc<Kept> {
        Kept::new(Bytes::from(n.to_string()))
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
        let text = |n: usize| Kept::new(Bytes::from(vec![b'1'; n]));
        cache.put(key("huge"), v, D, text(KEPT_BYTES + 1));
        assert!(cache.get(&key("huge"), v, D).is_none());
        for i in 0..100 {
            cache.put(key(&i.to_string()), v, D, text(KEPT_BYTES - 1));
        }
        let inner = cache.inner.lock().unwrap();
        assert!(inner.bytes <= ALL_KEPT_BYTES, "{}", inner.bytes);
        let each = text(KEPT_BYTES - 1).held();
        assert_eq!(inner.entries.len(), ALL_KEPT_BYTES / each);
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

    #[test]
    fn accepted_encodings_prefer_brotli_and_honour_q_zero() {
        assert_eq!(
            Encoding::accepted("gzip, deflate, br, zstd"),
            Some(Encoding::Brotli)
        );
        assert_eq!(Encoding::accepted("gzip"), Some(Encoding::Gzip));
        assert_eq!(
            Encoding::accepted("br;q=0, gzip;q=0.5"),
            Some(Encoding::Gzip)
        );
        assert_eq!(Encoding::accepted("BR;q=1.0"), Some(Encoding::Brotli));
        assert_eq!(Encoding::accepted("br;q=0.0, gzip;q=0"), None);
        assert_eq!(Encoding::accepted("identity"), None);
        assert_eq!(Encoding::accepted(""), None);
    }

    #[test]
    fn held_bounds_the_compressed_forms_even_of_incompressible_data() {
        let mut x: u32 = 1;
        let data: Vec<u8> = (0..100_000)
            .map(|_| {
                x = x.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
                b'!' + ((x >> 24) as u8) % 90
            })
            .collect();
        let kept = Kept::new(Bytes::from(data.clone()));
        let body = || {
            [
                b"{\"data\":".as_slice(),
                &data,
                br#","extensions":{"cost":{"requested":1000000,"limit":1000000}}}"#,
            ]
            .concat()
        };
        let br = kept.compressed(Encoding::Brotli, body);
        let gz = kept.compressed(Encoding::Gzip, body);
        assert!(
            data.len() + br.len() + gz.len() <= kept.held(),
            "{} + {} + {} > {}",
            data.len(),
            br.len(),
            gz.len(),
            kept.held()
        );
    }

    #[test]
    fn a_kept_answer_is_compressed_once() {
        let kept = response(1);
        let mut made = 0;
        let body = || b"{\"data\":1}".repeat(100);
        let first = kept.compressed(Encoding::Gzip, || {
            made += 1;
            body()
        });
        let again = kept.compressed(Encoding::Gzip, || {
            made += 1;
            body()
        });
        assert_eq!((made, &first), (1, &again));
        let mut plain = Vec::new();
        std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&first[..]), &mut plain)
            .expect("gzip");
        assert_eq!(plain, body());
        let br = kept.compressed(Encoding::Brotli, body);
        let mut plain = Vec::new();
        std::io::Read::read_to_end(&mut brotli::Decompressor::new(&br[..], 4096), &mut plain)
            .expect("brotli");
        assert_eq!(plain, body());
    }
}
