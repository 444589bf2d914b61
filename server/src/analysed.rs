//! Documents already analysed, by their text: the parsed document, its cost and whether it
//! mutates. Apps and dashboards send the same few query texts over and over; parsing one (the
//! overview's 1.2 KB) was about a tenth of the CPU of answering it, and measuring its cost
//! walks it again. A text seen before skips both and gets a copy of its parsed document.
//!
//! Bounded in entries and bytes (the least recently used go first), and only texts that parsed
//! and passed the cost limits are kept, so unique texts sent to churn it cost what parsing them
//! costs anyway.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use async_graphql::parser::types::ExecutableDocument;

/// Most documents kept.
pub const MOST: usize = 256;
/// Most bytes of query text kept (the documents take a small multiple of it).
pub const MOST_BYTES: usize = 1 << 20;
/// Longer texts are not kept (the app's largest query has under 2 KB).
pub const LONGEST: usize = 8 << 10;

/// What analysing a query text found.
#[derive(Debug)]
pub struct Analysis {
    pub doc: ExecutableDocument,
    pub cost: u64,
    pub mutation: bool,
}

/// The analyses of recent query texts.
#[derive(Default)]
pub struct Analyses {
    inner: Mutex<Inner>,
}

#[derive(Default)]
struct Inner {
    by_text: HashMap<Arc<str>, (Arc<Analysis>, u64)>,
    bytes: usize,
    clock: u64,
}

impl Analyses {
    /// The analysis of `text`, if kept.
    pub fn get(&self, text: &str) -> Option<Arc<Analysis>> {
        let mut inner = self.inner.lock().unwrap_or_else(PoisonError::into_inner);
        inner.clock += 1;
        let now = inner.clock;
        let (analysis, used) = inner.by_text.get_mut(text)?;
        *used = now;
        Some(analysis.clone())
    }

    /// Keeps the analysis of `text`, making room by forgetting the least recently used.
    pub fn put(&self, text: &str, analysis: Analysis) {
        if text.len() > LONGEST {
            return;
        }
        let mut inner = self.inner.lock().unwrap_or_else(PoisonError::into_inner);
        if inner.by_text.contains_key(text) {
            return;
        }
        while inner.by_text.len() >= MOST || inner.bytes + text.len() > MOST_BYTES {
            let Some(oldest) = inner
                .by_text
                .iter()
                .min_by_key(|(_, (_, used))| *used)
                .map(|(k, _)| k.clone())
            else {
                break;
            };
            inner.by_text.remove(&oldest);
            inner.bytes -= oldest.len();
        }
        inner.clock += 1;
        let now = inner.clock;
        inner.bytes += text.len();
        inner
            .by_text
            .insert(Arc::from(text), (Arc::new(analysis), now));
    }

    /// How many texts are kept.
    pub fn len(&self) -> usize {
        self.inner
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .by_text
            .len()
    }

    /// Whether none is kept.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn analysis(text: &str) -> Analysis {
        Analysis {
            doc: async_graphql::parser::parse_query(text).expect("parses"),
            cost: 1,
            mutation: false,
        }
    }

    #[test]
    fn a_kept_text_is_found_and_the_least_recently_used_goes_first() {
        let kept = Analyses::default();
        for i in 0..MOST {
            let text = format!("{{ f{i} }}");
            kept.put(&text, analysis(&text));
        }
        assert_eq!(kept.len(), MOST);
        // Using the first keeps it; the next new text pushes out the second.
        assert!(kept.get("{ f0 }").is_some());
        kept.put("{ g }", analysis("{ g }"));
        assert_eq!(kept.len(), MOST);
        assert!(kept.get("{ f0 }").is_some());
        assert!(kept.get("{ f1 }").is_none());
        assert!(kept.get("{ g }").is_some());
    }

    #[test]
    fn long_texts_and_the_byte_bound_are_respected() {
        let kept = Analyses::default();
        let long = format!("{{ {} }}", "a ".repeat(LONGEST));
        kept.put(&long, analysis("{ a }"));
        assert!(kept.is_empty());
        // Texts just under the longest fill the byte bound before the entry bound.
        let field = "b".repeat(LONGEST - 8);
        for i in 0..(MOST_BYTES / LONGEST + 8) {
            let text = format!("{{ {field}{i:03} }}");
            kept.put(&text, analysis("{ b }"));
        }
        let inner = kept.inner.lock().expect("lock");
        assert!(inner.bytes <= MOST_BYTES);
        assert!(inner.by_text.len() < MOST_BYTES / (LONGEST - 16) + 1);
    }
}
