//! A small bounded memo for pure functions of short strings.
//!
//! Class and id values repeat on most pages (every card of a list shares its class), and reading a value
//! against the word lists costs a pass over its bytes. Looking it up costs a hash of the same bytes at
//! eight a step. The memo outlives one extraction (the function is pure, so old answers stay true) and
//! is emptied when full, so its memory stays bounded whatever the pages hold.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Longer values are seldom repeated; they are computed each time and never stored.
const MAX_KEY: usize = 64;
/// Entries kept before the memo starts again from empty.
const MAX_ENTRIES: usize = 2048;

pub struct Memo<V: Copy> {
    entries: HashMap<Box<str>, V, BuildHasherDefault<ChunkHasher>>,
}

impl<V: Copy> Memo<V> {
    pub fn new() -> Memo<V> {
        Memo { entries: HashMap::default() }
    }

    /// `compute(key)`, from the memo when `key` was seen before.
    pub fn get_or(&mut self, key: &str, compute: impl FnOnce(&str) -> V) -> V {
        if key.len() > MAX_KEY {
            return compute(key);
        }
        if let Some(value) = self.entries.get(key) {
            return *value;
        }
        let value = compute(key);
        if self.entries.len() >= MAX_ENTRIES {
            self.entries.clear();
        }
        self.entries.insert(key.into(), value);
        value
    }
}

impl<V: Copy> Default for Memo<V> {
    fn default() -> Self {
        Memo::new()
    }
}

/// A multiply-and-rotate hash over eight bytes a step. Keys come from the page, but the memo is small
/// and emptied when full, so colliding keys can cost time only within `MAX_ENTRIES` lookups per value.
#[derive(Default)]
pub struct ChunkHasher(u64);

const MULTIPLIER: u64 = 0x9e37_79b9_7f4a_7c15;

impl ChunkHasher {
    fn mix(&mut self, word: u64) {
        self.0 = (self.0 ^ word).wrapping_mul(MULTIPLIER).rotate_left(29);
    }
}

impl Hasher for ChunkHasher {
    fn write(&mut self, bytes: &[u8]) {
        // The length first, so that zero padding of the last chunk cannot make two keys alike.
        self.mix(bytes.len() as u64);
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.mix(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.mix(u64::from_le_bytes(word));
        }
    }

    fn write_u8(&mut self, byte: u8) {
        self.mix(byte as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_seen_key_is_answered_from_the_memo() {
        let mut memo = Memo::new();
        let mut calls = 0;
        for _ in 0..3 {
            assert_eq!(memo.get_or("card card--compact", |k| { calls += 1; k.len() }), 18);
        }
        assert_eq!(calls, 1);
        assert_eq!(memo.get_or("card", |k| k.len()), 4, "another key is computed for itself");
    }

    #[test]
    fn memory_stays_bounded_and_long_keys_are_not_stored() {
        let mut memo = Memo::new();
        for i in 0..(MAX_ENTRIES * 3) {
            memo.get_or(&format!("class-{}", i), |k| k.len());
            assert!(memo.entries.len() <= MAX_ENTRIES);
        }
        let long = "x".repeat(MAX_KEY + 1);
        memo.entries.clear();
        assert_eq!(memo.get_or(&long, |k| k.len()), MAX_KEY + 1);
        assert!(memo.entries.is_empty());
    }

    #[test]
    fn keys_that_differ_only_after_eight_bytes_or_in_length_hash_apart() {
        use std::hash::Hash;
        let hash = |s: &str| {
            let mut h = ChunkHasher::default();
            s.hash(&mut h);
            h.finish()
        };
        assert_ne!(hash("card__media"), hash("card__medib"));
        assert_ne!(hash("card"), hash("card\0"));
    }
}
