//! Documents already analysed, by their text: the parsed document, its cost and whether it
//! mutates. Apps and dashboards send the same few query texts over and over; parsing one (the
//! overview's 1.2 KB) was about a tenth of the CPU of answering it, and measuring its cost
//! walks it again. A text seen before skips both and gets a copy of its parsed document.
//!
//! Bounded in entries and text bytes (the least recently used go first), and only texts that parsed
//! and passed the cost limits are kept, so unique texts sent to churn it cost what parsing them
//! costs anyway.

use std::sync::Arc;

use async_graphql::parser::types::ExecutableDocument;

use crate::lru::Lru;

/// Most documents kept.
pub const MOST: usize = 256;
/// Most bytes of query text kept. A parsed document takes a multiple of its text (up to some
/// hundred bytes a field for a text of nothing but short fields), so this bounds the documents
/// to a few tens of MB at worst.
pub const MOST_BYTES: usize = 256 << 10;
/// Longer texts are not kept (the app's largest query has under 2 KB).
pub const LONGEST: usize = 4 << 10;

/// What analysing a query text found.
#[derive(Debug)]
pub struct Analysis {
    pub doc: ExecutableDocument,
    pub cost: u64,
    pub mutation: bool,
}

/// The analyses of recent query texts.
pub struct Analyses {
    by_text: Lru<Arc<Analysis>>,
}

impl Default for Analyses {
    fn default() -> Self {
        Analyses {
            by_text: Lru::new(MOST, MOST_BYTES),
        }
    }
}

impl Analyses {
    /// The analysis of `text`, if kept.
    pub fn get(&self, text: &str) -> Option<Arc<Analysis>> {
        self.by_text.get(text)
    }

    /// Keeps the analysis of `text`, making room by forgetting the least recently used.
    pub fn put(&self, text: &str, analysis: Analysis) {
        if text.len() <= LONGEST {
            self.by_text.put(text, Arc::new(analysis), text.len());
        }
    }

    /// How many texts are kept, and their bytes.
    pub fn held(&self) -> (usize, usize) {
        self.by_text.held()
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
        assert_eq!(kept.held().0, MOST);
        // Using the first keeps it; the next new text pushes out the second.
        assert!(kept.get("{ f0 }").is_some());
        kept.put("{ g }", analysis("{ g }"));
        assert_eq!(kept.held().0, MOST);
        assert!(kept.get("{ f0 }").is_some());
        assert!(kept.get("{ f1 }").is_none());
        assert!(kept.get("{ g }").is_some());
    }

    #[test]
    fn long_texts_and_the_byte_bound_are_respected() {
        let kept = Analyses::default();
        let long = format!("{{ {} }}", "a ".repeat(LONGEST));
        kept.put(&long, analysis("{ a }"));
        assert_eq!(kept.held(), (0, 0));
        // Texts just under the longest fill the byte bound before the entry bound.
        let field = "b".repeat(LONGEST - 8);
        for i in 0..(MOST_BYTES / LONGEST + 8) {
            let text = format!("{{ {field}{i:03} }}");
            kept.put(&text, analysis("{ b }"));
        }
        let (entries, bytes) = kept.held();
        assert!(bytes <= MOST_BYTES);
        assert!(entries < MOST_BYTES / (LONGEST - 16) + 1);
    }
}
