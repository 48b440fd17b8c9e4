//! One-byte names for the attributes that extraction reads, written by the prescan and restored as the
//! tree is built.
//!
//! html5ever builds every attribute name one character at a time, and each character costs hundreds of
//! instructions (tendril 0.4's `push_char` formats it through `core::fmt`). `class`, `href` and
//! `aria-hidden` are most of the attribute names left after the prescan, so the prescan writes each
//! such name as one control byte and the tree sink (`Dom`) puts the real name back: the tree is the same,
//! and the tokenizer reads one character where it read up to eleven.
//!
//! A control byte is a valid attribute name to the tokenizer, and it is neither whitespace nor changed
//! by lower-casing. To be sure that every control-byte name in the tree came from the prescan, names are
//! shortened only on a page that holds none of these bytes itself (`can_shorten`). Names that steer the
//! tree builder (`type`, `color`, `face`, `size`, `encoding`) keep their spelling.

use crate::bytes::has_control_byte;
use html5ever::{local_name, LocalName};

/// The attributes written short, each as the byte `SHORT[i]`. Every name is one html5ever knows, so
/// restoring it is a copy of a constant.
static FULL: [LocalName; 21] = [
    local_name!("class"),
    local_name!("id"),
    local_name!("href"),
    local_name!("src"),
    local_name!("style"),
    local_name!("hidden"),
    local_name!("aria-hidden"),
    local_name!("role"),
    local_name!("rel"),
    local_name!("itemprop"),
    local_name!("srcset"),
    local_name!("alt"),
    local_name!("content"),
    local_name!("name"),
    local_name!("property"),
    local_name!("http-equiv"),
    local_name!("charset"),
    local_name!("datetime"),
    local_name!("lang"),
    local_name!("start"),
    local_name!("summary"),
];

/// C0 control bytes that the tokenizer treats as ordinary name characters (not NUL, tab, line feed,
/// form feed or carriage return).
const SHORT: [u8; 21] = [0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x0b, 0x0e, 0x0f, 0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19];

/// Whether the prescan may shorten names on this page: it holds no control byte of its own.
pub fn can_shorten(html: &[u8]) -> bool {
    !has_control_byte(html)
}

/// The one-byte name for an attribute, given its name in lower case; `None` for names kept as written.
/// A `match` (compiled to a length switch and a few comparisons) rather than a search of `FULL`, which
/// would compare up to 21 names a call for every attribute of the page; a test ties the two lists.
pub fn short(lower: &[u8]) -> Option<u8> {
    let index = match lower {
        b"class" => 0,
        b"id" => 1,
        b"href" => 2,
        b"src" => 3,
        b"style" => 4,
        b"hidden" => 5,
        b"aria-hidden" => 6,
        b"role" => 7,
        b"rel" => 8,
        b"itemprop" => 9,
        b"srcset" => 10,
        b"alt" => 11,
        b"content" => 12,
        b"name" => 13,
        b"property" => 14,
        b"http-equiv" => 15,
        b"charset" => 16,
        b"datetime" => 17,
        b"lang" => 18,
        b"start" => 19,
        b"summary" => 20,
        _ => return None,
    };
    Some(SHORT[index])
}

/// The real name behind a one-byte name, or `None` when `name` is not one.
pub fn full(name: &LocalName) -> Option<LocalName> {
    let bytes = name.as_bytes();
    if bytes.len() != 1 || bytes[0] >= 0x20 {
        return None;
    }
    SHORT.iter().position(|&b| b == bytes[0]).map(|i| FULL[i].clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_short_name_restores_its_full_name() {
        for full_name in FULL.iter() {
            let byte = short(full_name.as_bytes()).unwrap_or_else(|| panic!("{} has no short name", &**full_name));
            let written = LocalName::from(std::str::from_utf8(&[byte]).unwrap());
            assert_eq!(full(&written).as_ref(), Some(full_name));
        }
        let mut bytes = SHORT.to_vec();
        bytes.sort_unstable();
        bytes.dedup();
        assert_eq!(bytes.len(), SHORT.len(), "one byte per name");
        assert!(SHORT.iter().all(|b| !matches!(b, 0x00 | b'\t' | b'\n' | 0x0c | b'\r') && *b < 0x20));
    }

    #[test]
    fn names_that_steer_the_tree_builder_or_are_unknown_stay_long() {
        for name in ["type", "color", "face", "size", "encoding", "data-src", "title", "x"] {
            assert_eq!(short(name.as_bytes()), None, "{name}");
        }
        assert_eq!(full(&LocalName::from("class")), None);
        assert_eq!(full(&LocalName::from("\u{1f}")), None, "a control byte the prescan never writes");
    }

    #[test]
    fn a_page_with_control_bytes_of_its_own_is_not_shortened() {
        assert!(can_shorten(b"<p class=a>\t\r\n\x0ctext</p>"));
        assert!(!can_shorten(b"<p \x01=a>text</p>"));
        assert!(!can_shorten(&[b'a'; 40].iter().chain(b"\x1f").copied().collect::<Vec<u8>>()));
        assert!(!can_shorten(b"nul\0"));
    }
}
