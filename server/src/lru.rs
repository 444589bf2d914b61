//! A small map bounded in entries and bytes, whose least recently used entries leave first: the
//! shape of the persisted query texts and of the analysed documents. Eviction scans the map, so
//! it is meant for a few hundred or thousand entries, where a scan costs less than what an entry
//! saves.

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};

/// Values by string key, at most `most` of them and `most_bytes` of their stated sizes.
pub struct Lru<V> {
    most: usize,
    most_bytes: usize,
    inner: Mutex<Inner<V>>,
}

struct Inner<V> {
    entries: HashMap<String, Entry<V>>,
    bytes: usize,
    clock: u64,
}

struct Entry<V> {
    value: V,
    size: usize,
    used: u64,
}

impl<V: Clone> Lru<V> {
    pub fn new(most: usize, most_bytes: usize) -> Lru<V> {
        Lru {
            most,
            most_bytes,
            inner: Mutex::new(Inner {
                entries: HashMap::new(),
                bytes: 0,
                clock: 0,
            }),
        }
    }

    /// The value of `key`, if kept; it becomes the most recently used.
    pub fn get(&self, key: &str) -> Option<V> {
        let mut inner = self.inner.lock().unwrap_or_else(PoisonError::into_inner);
        inner.clock += 1;
        let now = inner.clock;
        let entry = inner.entries.get_mut(key)?;
        entry.used = now;
        Some(entry.value.clone())
    }

    /// Keeps `value` of `size` bytes under `key` (unless it is kept already or larger than the
    /// bound), making room by forgetting the least recently used.
    pub fn put(&self, key: &str, value: V, size: usize) {
        if size > self.most_bytes {
            return;
        }
        let mut inner = self.inner.lock().unwrap_or_else(PoisonError::into_inner);
        if inner.entries.contains_key(key) {
            return;
        }
        while inner.entries.len() >= self.most || inner.bytes + size > self.most_bytes {
            let Some(oldest) = inner
                .entries
                .iter()
                .min_by_key(|(_, e)| e.used)
                .map(|(k, _)| k.clone())
            else {
                break;
            };
            if let Some(e) = inner.entries.remove(&oldest) {
                inner.bytes -= e.size;
            }
        }
        inner.clock += 1;
        let used = inner.clock;
        inner.bytes += size;
        inner
            .entries
            .insert(key.to_owned(), Entry { value, size, used });
    }

    /// How many entries are kept, and their bytes.
    pub fn held(&self) -> (usize, usize) {
        let inner = self.inner.lock().unwrap_or_else(PoisonError::into_inner);
        (inner.entries.len(), inner.bytes)
    }
}
