//! Searches over a whole page or a text, sixteen bytes at a time where WebAssembly SIMD is on.
//!
//! The prescan looks for every `<` of the page and then for the end of each script body, and first checks
//! the page for control bytes (`names.rs`); text is checked for white space to collapse (`text.rs`), markdown
//! characters to escape (`render.rs`) and bytes a JSON string escapes (`json.rs`). Byte by byte
//! in the guest that is a loop iteration, and so one of Wasmtime's epoch checks, per byte of the page;
//! a 16-lane compare does the same work in a sixteenth of the iterations. Debian's `memchr` (2.5) has
//! no WebAssembly SIMD path, hence this helper. Natively (unit tests, the corpus harness) it is the
//! plain loop.

/// The index of the first `byte` in `haystack`.
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
pub fn find_byte(haystack: &[u8], byte: u8) -> Option<usize> {
    use core::arch::wasm32::{u8x16_bitmask, u8x16_eq, u8x16_splat, v128, v128_load};
    let needle = u8x16_splat(byte);
    let mut i = 0;
    while i + 16 <= haystack.len() {
        // SAFETY: the 16 bytes at `i` are inside `haystack`, and v128_load needs no alignment.
        let chunk = unsafe { v128_load(haystack.as_ptr().add(i) as *const v128) };
        let hits = u8x16_bitmask(u8x16_eq(chunk, needle));
        if hits != 0 {
            return Some(i + hits.trailing_zeros() as usize);
        }
        i += 16;
    }
    haystack[i..].iter().position(|&b| b == byte).map(|offset| i + offset)
}

/// The index of the first `byte` in `haystack`.
#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
pub fn find_byte(haystack: &[u8], byte: u8) -> Option<usize> {
    haystack.iter().position(|&b| b == byte)
}

/// The index of the first `a` or `b` in `haystack`.
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
pub fn find_either(haystack: &[u8], a: u8, b: u8) -> Option<usize> {
    use core::arch::wasm32::{u8x16_bitmask, u8x16_eq, u8x16_splat, v128, v128_load, v128_or};
    let (first, second) = (u8x16_splat(a), u8x16_splat(b));
    let mut i = 0;
    while i + 16 <= haystack.len() {
        // SAFETY: the 16 bytes at `i` are inside `haystack`, and v128_load needs no alignment.
        let chunk = unsafe { v128_load(haystack.as_ptr().add(i) as *const v128) };
        let hits = u8x16_bitmask(v128_or(u8x16_eq(chunk, first), u8x16_eq(chunk, second)));
        if hits != 0 {
            return Some(i + hits.trailing_zeros() as usize);
        }
        i += 16;
    }
    haystack[i..].iter().position(|&x| x == a || x == b).map(|offset| i + offset)
}

/// The index of the first `a` or `b` in `haystack`.
#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
pub fn find_either(haystack: &[u8], a: u8, b: u8) -> Option<usize> {
    haystack.iter().position(|&x| x == a || x == b)
}

/// The index of the first byte of `haystack` that is one of `set`.
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
pub fn find_any<const N: usize>(haystack: &[u8], set: [u8; N]) -> Option<usize> {
    use core::arch::wasm32::{u8x16_bitmask, u8x16_eq, u8x16_splat, v128, v128_load, v128_or};
    let mut i = 0;
    while i + 16 <= haystack.len() {
        // SAFETY: the 16 bytes at `i` are inside `haystack`, and v128_load needs no alignment.
        let chunk = unsafe { v128_load(haystack.as_ptr().add(i) as *const v128) };
        let hits = u8x16_bitmask(set.iter().fold(u8x16_splat(0), |hit, &wanted| v128_or(hit, u8x16_eq(chunk, u8x16_splat(wanted)))));
        if hits != 0 {
            return Some(i + hits.trailing_zeros() as usize);
        }
        i += 16;
    }
    haystack[i..].iter().position(|b| set.contains(b)).map(|offset| i + offset)
}

/// The index of the first byte of `haystack` that is one of `set`.
#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
pub fn find_any<const N: usize>(haystack: &[u8], set: [u8; N]) -> Option<usize> {
    haystack.iter().position(|b| set.contains(b))
}

/// The index of the first byte of `haystack` that a JSON string escapes: `"`, `\\`, or a control below 0x20.
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
pub fn find_json_escape(haystack: &[u8]) -> Option<usize> {
    use core::arch::wasm32::{u8x16_bitmask, u8x16_eq, u8x16_lt, u8x16_splat, v128, v128_load, v128_or};
    let (quote, backslash, space) = (u8x16_splat(b'"'), u8x16_splat(b'\\'), u8x16_splat(b' '));
    let mut i = 0;
    while i + 16 <= haystack.len() {
        // SAFETY: the 16 bytes at `i` are inside `haystack`, and v128_load needs no alignment.
        let chunk = unsafe { v128_load(haystack.as_ptr().add(i) as *const v128) };
        let hits = u8x16_bitmask(v128_or(v128_or(u8x16_eq(chunk, quote), u8x16_eq(chunk, backslash)), u8x16_lt(chunk, space)));
        if hits != 0 {
            return Some(i + hits.trailing_zeros() as usize);
        }
        i += 16;
    }
    haystack[i..].iter().position(|&b| b == b'"' || b == b'\\' || b < b' ').map(|offset| i + offset)
}

/// The index of the first byte of `haystack` that a JSON string escapes: `"`, `\\`, or a control below 0x20.
#[cfg(all(test, not(all(target_arch = "wasm32", target_feature = "simd128"))))]
pub fn find_json_escape(haystack: &[u8]) -> Option<usize> {
    haystack.iter().position(|&b| b == b'"' || b == b'\\' || b < b' ')
}

/// How many times `byte` occurs in `haystack`.
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
pub fn count_byte(haystack: &[u8], byte: u8) -> usize {
    use core::arch::wasm32::{u8x16_bitmask, u8x16_eq, u8x16_splat, v128, v128_load};
    let needle = u8x16_splat(byte);
    let mut count = 0;
    let mut i = 0;
    while i + 16 <= haystack.len() {
        // SAFETY: the 16 bytes at `i` are inside `haystack`, and v128_load needs no alignment.
        let chunk = unsafe { v128_load(haystack.as_ptr().add(i) as *const v128) };
        count += u8x16_bitmask(u8x16_eq(chunk, needle)).count_ones() as usize;
        i += 16;
    }
    count + haystack[i..].iter().filter(|&&b| b == byte).count()
}

/// How many times `byte` occurs in `haystack`.
#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
pub fn count_byte(haystack: &[u8], byte: u8) -> usize {
    haystack.iter().filter(|&&b| b == byte).count()
}

/// Whether every byte of `haystack` is below `limit`.
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
pub fn all_below(haystack: &[u8], limit: u8) -> bool {
    use core::arch::wasm32::{u8x16_all_true, u8x16_lt, u8x16_splat, v128, v128_load};
    let bound = u8x16_splat(limit);
    let mut i = 0;
    while i + 16 <= haystack.len() {
        // SAFETY: the 16 bytes at `i` are inside `haystack`, and v128_load needs no alignment.
        let chunk = unsafe { v128_load(haystack.as_ptr().add(i) as *const v128) };
        if !u8x16_all_true(u8x16_lt(chunk, bound)) {
            return false;
        }
        i += 16;
    }
    haystack[i..].iter().all(|&b| b < limit)
}

/// Whether every byte of `haystack` is below `limit`.
#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
pub fn all_below(haystack: &[u8], limit: u8) -> bool {
    haystack.iter().all(|&b| b < limit)
}

/// White space as `char::is_whitespace` has it in ASCII: tab through carriage return (vertical tab included,
/// unlike `u8::is_ascii_whitespace`), and the space.
pub fn is_ascii_white(b: u8) -> bool {
    matches!(b, b'\t'..=b'\r' | b' ')
}

/// What the 16 bytes at the start of a chunk are, one bit per byte (bit i for byte i).
pub struct Classes {
    /// The bytes that are the text's: all 16 but in a text's last, padded chunk (`classes_at`).
    pub valid: u32,
    pub space: u32,
    /// ASCII white space other than the space (`is_ascii_white`).
    pub other_white: u32,
    /// Bytes outside ASCII: parts of characters that must be decoded to be judged.
    pub high: u32,
}

/// The classes of `chunk[..16]`; `chunk` holds at least 16 bytes.
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
pub fn classes(chunk: &[u8]) -> Classes {
    use core::arch::wasm32::{u8x16_bitmask, u8x16_eq, u8x16_le, u8x16_splat, u8x16_sub, v128, v128_load};
    assert!(chunk.len() >= 16);
    // SAFETY: the first 16 bytes of `chunk` exist (checked above), and v128_load needs no alignment.
    let v = unsafe { v128_load(chunk.as_ptr() as *const v128) };
    Classes {
        valid: 0xFFFF,
        space: u8x16_bitmask(u8x16_eq(v, u8x16_splat(b' '))) as u32,
        // Tab (9) through carriage return (13): five values from 9, so one unsigned comparison after the subtraction.
        other_white: u8x16_bitmask(u8x16_le(u8x16_sub(v, u8x16_splat(b'\t')), u8x16_splat(b'\r' - b'\t'))) as u32,
        high: u8x16_bitmask(v) as u32,
    }
}

/// The classes of `chunk[..16]`; `chunk` holds at least 16 bytes.
#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
pub fn classes(chunk: &[u8]) -> Classes {
    let mut classes = Classes { valid: 0xFFFF, space: 0, other_white: 0, high: 0 };
    for (i, &b) in chunk[..16].iter().enumerate() {
        let bit = 1 << i;
        match b {
            b' ' => classes.space |= bit,
            b'\t'..=b'\r' => classes.other_white |= bit,
            0x80..=0xFF => classes.high |= bit,
            _ => {}
        }
    }
    classes
}

/// The classes of the 16 bytes of `text` at `i`; past its end, padding that is in no class and not `valid`.
pub fn classes_at(text: &[u8], i: usize) -> Classes {
    if i + 16 <= text.len() {
        return classes(&text[i..]);
    }
    let mut padded = [b'x'; 16];
    padded[..text.len() - i].copy_from_slice(&text[i..]);
    Classes { valid: (1 << (text.len() - i)) - 1, ..classes(&padded) }
}

/// The index of the first `needle` in `haystack`: a search for its first byte, then one comparison there.
pub fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    let first = needle[0];
    let mut i = 0;
    while i + needle.len() <= haystack.len() {
        let at = i + find_byte(&haystack[i..haystack.len() - needle.len() + 1], first)?;
        if &haystack[at..at + needle.len()] == needle {
            return Some(at);
        }
        i = at + 1;
    }
    None
}

/// Whether `haystack` holds `needle` in any ASCII case.
pub fn contains_ignore_case(haystack: &[u8], needle: &[u8]) -> bool {
    let (lower, upper) = (needle[0].to_ascii_lowercase(), needle[0].to_ascii_uppercase());
    let mut i = 0;
    while i + needle.len() <= haystack.len() {
        let at = match find_either(&haystack[i..haystack.len() - needle.len() + 1], lower, upper) {
            Some(offset) => i + offset,
            None => return false,
        };
        if haystack[at..at + needle.len()].eq_ignore_ascii_case(needle) {
            return true;
        }
        i = at + 1;
    }
    false
}

/// A C0 control byte other than the tokenizer's whitespace (tab, line feed, form feed, carriage return).
fn is_control(b: u8) -> bool {
    b < 0x20 && !matches!(b, b'\t' | b'\n' | 0x0c | b'\r')
}

/// Whether `haystack` holds any control byte (see `is_control`), sixteen bytes a step in WebAssembly.
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
pub fn has_control_byte(haystack: &[u8]) -> bool {
    use core::arch::wasm32::{u8x16_eq, u8x16_lt, u8x16_splat, v128, v128_andnot, v128_any_true, v128_load, v128_or};
    let below_space = u8x16_splat(0x20);
    let (tab, line_feed, form_feed, carriage_return) = (u8x16_splat(b'\t'), u8x16_splat(b'\n'), u8x16_splat(0x0c), u8x16_splat(b'\r'));
    let mut i = 0;
    while i + 16 <= haystack.len() {
        // SAFETY: the 16 bytes at `i` are inside `haystack`, and v128_load needs no alignment.
        let chunk = unsafe { v128_load(haystack.as_ptr().add(i) as *const v128) };
        let white = v128_or(v128_or(u8x16_eq(chunk, tab), u8x16_eq(chunk, line_feed)), v128_or(u8x16_eq(chunk, form_feed), u8x16_eq(chunk, carriage_return)));
        if v128_any_true(v128_andnot(u8x16_lt(chunk, below_space), white)) {
            return true;
        }
        i += 16;
    }
    haystack[i..].iter().any(|&b| is_control(b))
}

/// Whether `haystack` holds any control byte (see `is_control`).
#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
pub fn has_control_byte(haystack: &[u8]) -> bool {
    haystack.iter().any(|&b| is_control(b))
}

#[cfg(test)]
mod tests {
    use super::{all_below, classes, classes_at, count_byte, find_any, find_byte, find_either, has_control_byte};

    #[test]
    fn a_byte_is_counted_wherever_it_is() {
        let mut text = vec![b'a'; 40];
        assert_eq!(count_byte(&text, b','), 0);
        for (n, at) in [0, 15, 16, 17, 39].into_iter().enumerate() {
            text[at] = b',';
            assert_eq!(count_byte(&text, b','), n + 1);
        }
    }

    #[test]
    fn any_byte_of_a_set_is_found_first_at_any_offset() {
        let mut text = vec![b'a'; 40];
        assert_eq!(find_any(&text, [b'*', b'_']), None);
        for at in [0, 15, 16, 17, 39] {
            text[at] = b'_';
            assert_eq!(find_any(&text, [b'*', b'_']), Some(at));
            text[39] = b'*';
            assert_eq!(find_any(&text[at..], [b'*', b'_']), Some(0));
            text[at] = b'a';
            text[39] = b'a';
        }
    }

    #[test]
    fn a_byte_at_or_over_the_limit_is_seen_at_any_offset() {
        let mut text = vec![b'a'; 40];
        assert!(all_below(&text, 0x80));
        for at in [0, 15, 16, 17, 39] {
            text[at] = 0xC3;
            assert!(!all_below(&text, 0x80) && all_below(&text, 0xCC), "{at}");
            text[at] = b'a';
        }
    }

    #[test]
    fn classes_mark_spaces_other_white_space_and_bytes_outside_ascii() {
        let chunk = b" a\tb\x0bc\rd\x0ce\nf\xc3\xa9g \x7f\x08";
        let found = classes(chunk);
        assert_eq!(found.space, 1 | 1 << 15);
        assert_eq!(found.other_white, 1 << 2 | 1 << 4 | 1 << 6 | 1 << 8 | 1 << 10);
        assert_eq!(found.high, 1 << 12 | 1 << 13);
        let last = classes_at(b"0123456789 \xc3\xa9\t", 8);
        assert_eq!((last.valid, last.space, last.high, last.other_white), (0b11_1111, 1 << 2, 1 << 3 | 1 << 4, 1 << 5));
    }

    #[test]
    fn either_byte_is_found_first_wherever_it_is() {
        let mut text = vec![b'a'; 40];
        assert_eq!(find_either(&text, b'\n', b'\r'), None);
        text[33] = b'\r';
        assert_eq!(find_either(&text, b'\n', b'\r'), Some(33));
        text[17] = b'\n';
        assert_eq!(find_either(&text, b'\n', b'\r'), Some(17));
        assert_eq!(find_either(&text[18..], b'\n', b'\r'), Some(15));
    }

    #[test]
    fn control_bytes_are_found_at_any_offset_and_whitespace_is_not_one() {
        let mut page = b"\t\n\x0c\r text ".repeat(5);
        assert!(!has_control_byte(&page));
        for at in [0, 15, 16, 17, 40, page.len() - 1] {
            let kept = page[at];
            for control in [0x00, 0x01, 0x0b, 0x1f] {
                page[at] = control;
                assert!(has_control_byte(&page), "{control:#x} at {at}");
            }
            page[at] = kept;
        }
        assert!(!has_control_byte(&[0x20, 0x7f, 0xc3, 0xa9]));
    }

    #[test]
    fn finds_the_first_occurrence_at_any_offset_or_none() {
        let mut page = vec![b'a'; 70];
        assert_eq!(find_byte(&page, b'<'), None);
        assert_eq!(find_byte(&[], b'<'), None);
        for at in [0, 1, 15, 16, 17, 31, 32, 63, 69] {
            page[at] = b'<';
            assert_eq!(find_byte(&page, b'<'), Some(at), "only one at {at}");
            page[69] = b'<';
            assert_eq!(find_byte(&page, b'<'), Some(at), "first of two, at {at}");
            page[at] = b'a';
            page[69] = b'a';
        }
    }
}
