//! A small bounded memo for pure functions of short strings.
//!
//! Class and id values repeat on most pages (every card of a list shares its class), and reading a value
//! against the word lists costs a pass over its bytes. Looking it up costs a hash of the same bytes at
//! eight a step. The memo outlives one extraction (the function is pure, so old answers stay true).
//!
//! It is direct-mapped: each key has exactly one slot, chosen by its hash, and a new key takes the slot
//! over. A lookup is therefore one hash and one comparison whatever the keys are. Keys come from the
//! page, so a table that probed on collision could be made slow by values crafted to collide; here such
//! values only miss. Memory is bounded by `SLOTS` keys of at most `MAX_KEY` bytes.

/// Longer values are seldom repeated; they are computed each time and never stored.
const MAX_KEY: usize = 64;
/// The memo has `1 << SLOT_BITS` slots.
const SLOT_BITS: u32 = 10;
const SLOTS: usize = 1 << SLOT_BITS;
const MULTIPLIER: u64 = 0x9e37_79b9_7f4a_7c15;

pub struct Memo<V: Copy> {
    slots: Vec<Option<(Box<str>, V)>>,
}

impl<V: Copy> Memo<V> {
    pub fn new() -> Memo<V> {
        Memo { slots: Vec::new() }
    }

    /// `compute(key)`, from the memo when `key` was the last key seen in its slot.
    pub fn get_or(&mut self, key: &str, compute: impl FnOnce(&str) -> V) -> V {
        if key.len() > MAX_KEY {
            return compute(key);
        }
        if self.slots.is_empty() {
            self.slots.resize_with(SLOTS, || None);
        }
        let slot = &mut self.slots[slot_of(key.as_bytes())];
        if let Some((seen, value)) = slot {
            if **seen == *key {
                return *value;
            }
        }
        let value = compute(key);
        *slot = Some((key.into(), value));
        value
    }
}

impl<V: Copy> Default for Memo<V> {
    fn default() -> Self {
        Memo::new()
    }
}

/// The slot of a key: the top bits of its hash times an odd constant, which depend on every bit of the
/// hash (the low bits of a product depend only on the low bits of its factors).
fn slot_of(key: &[u8]) -> usize {
    (hash(key).wrapping_mul(MULTIPLIER) >> (64 - SLOT_BITS)) as usize
}

/// A multiply-and-rotate hash over eight bytes a step, the length first so that zero padding of the last
/// chunk cannot make two keys alike. It needs to spread keys, not to resist crafted ones (see above).
fn hash(bytes: &[u8]) -> u64 {
    let mix = |h: u64, word: u64| (h ^ word).wrapping_mul(MULTIPLIER).rotate_left(29);
    let mut h = mix(0, bytes.len() as u64);
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        h = mix(h, u64::from_le_bytes(word));
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut word = [0u8; 8];
        word[..rest.len()].copy_from_slice(rest);
        h = mix(h, u64::from_le_bytes(word));
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_seen_key_is_answered_from_the_memo() {
        let mut memo = Memo::new();
        let mut calls = 0;
        for _ in 0..3 {
            assert_eq!(
                memo.get_or("card card--compact", |k| {
                    calls += 1;
                    k.len()
                }),
                18
            );
        }
        assert_eq!(calls, 1);
        assert_eq!(memo.get_or("card", |k| k.len()), 4, "another key is computed for itself");
    }

    #[test]
    fn keys_that_share_a_slot_are_each_answered_for_themselves() {
        let mut memo = Memo::new();
        let keys: Vec<String> = (0..SLOTS * 3).map(|i| format!("class-{}", i)).collect();
        for _ in 0..2 {
            for key in &keys {
                assert_eq!(memo.get_or(key, |k| k.len()), key.len());
            }
        }
        assert_eq!(memo.slots.len(), SLOTS, "memory stays bounded");
        let long = "x".repeat(MAX_KEY + 1);
        assert_eq!(memo.get_or(&long, |k| k.len()), MAX_KEY + 1);
        assert!(memo.slots.iter().flatten().all(|(k, _)| k.len() <= MAX_KEY), "long keys are not stored");
    }

    #[test]
    fn keys_that_differ_only_after_eight_bytes_or_in_length_hash_apart() {
        assert_ne!(hash(b"card__media"), hash(b"card__medib"));
        assert_ne!(hash(b"card"), hash(b"card\0"));
        let slots: std::collections::HashSet<usize> = (0..256).map(|i| slot_of(format!("item-{}", i).as_bytes())).collect();
        assert!(slots.len() > 200, "similar keys spread over the slots: {}", slots.len());
    }
}
