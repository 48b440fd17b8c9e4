//! Text helpers shared by the extraction passes.

use crate::bytes;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// Every character below U+0300 (the combining marks begin there) is already in NFC, and so is text whose
/// UTF-8 has no byte at or above this one.
const FIRST_BYTE_FROM_U0300: u8 = 0xCC;

/// `text` in Unicode Normalization Form C, the form search indexes and people's copies of a text use: pages
/// write the same letter precomposed or as a base and combining marks, and some scripts' precomposed
/// letters (Bengali য়) are decomposed by NFC itself. Checked cheaply first, since almost every text is NFC.
pub fn nfc(text: String) -> String {
    if bytes::all_below(text.as_bytes(), FIRST_BYTE_FROM_U0300) || is_nfc_quick(text.chars()) == IsNormalized::Yes {
        return text;
    }
    text.nfc().collect()
}

/// `text` without the ASCII white space at its ends, when that is what `collapse` makes of it: no white space
/// left at either end and none between words but single spaces. Most text is (a paragraph, a link's words with
/// a space on either side), and this finds it sixteen bytes a step in WebAssembly, where the collapsing loops
/// take a character (and one of Wasmtime's epoch checks) at a time. Characters outside ASCII are decoded, only
/// in the chunks that hold them, in case one is white space (a no-break space, U+3000, …).
fn already_collapsed(text: &str) -> Option<&str> {
    let text = text.trim_matches(|c: char| c.is_ascii() && bytes::is_ascii_white(c as u8));
    let page = text.as_bytes();
    let mut space_before = false;
    let mut i = 0;
    while i < page.len() {
        let mut padded = [b'x'; 16];
        let chunk = if i + 16 <= page.len() {
            &page[i..]
        } else {
            // The last few bytes, padded with a letter (neither white space nor outside ASCII) to a whole chunk.
            padded[..page.len() - i].copy_from_slice(&page[i..]);
            &padded[..]
        };
        let classes = bytes::classes(chunk);
        if classes.other_white != 0 || classes.space & (classes.space << 1 | space_before as u32) != 0 {
            return None;
        }
        if classes.high != 0 && has_white_outside_ascii(text, i, (i + 16).min(page.len())) {
            return None;
        }
        space_before = classes.space & 1 << 15 != 0;
        i += 16;
    }
    Some(text)
}

/// Whether the characters of `text` that overlap bytes `from..to` include white space outside ASCII.
fn has_white_outside_ascii(text: &str, mut from: usize, mut to: usize) -> bool {
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    while !text.is_char_boundary(to) {
        to += 1;
    }
    text[from..to].chars().any(|c| !c.is_ascii() && c.is_whitespace())
}

/// Collapses every run of whitespace to one space and trims both ends.
pub fn collapse(text: &str) -> String {
    if let Some(collapsed) = already_collapsed(text) {
        return collapsed.to_string();
    }
    // Words are copied whole: a character at a time, this was a few percent of all extraction time.
    let mut out = String::with_capacity(text.len());
    for word in text.split(char::is_whitespace).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Length in characters of the collapsed text, without building it.
pub fn collapsed_len(text: &str) -> usize {
    if let Some(collapsed) = already_collapsed(text) {
        return if bytes::all_below(collapsed.as_bytes(), 0x80) { collapsed.len() } else { collapsed.chars().count() };
    }
    let mut len = 0;
    let mut pending_space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            pending_space = len > 0;
        } else {
            if pending_space {
                len += 1;
                pending_space = false;
            }
            len += 1;
        }
    }
    len
}

/// Commas in any script (Latin, CJK, Arabic, …): a cheap signal of running prose.
pub fn count_commas(text: &str) -> usize {
    let ascii = text.bytes().filter(|&b| b == b',').count();
    if text.is_ascii() {
        return ascii;
    }
    ascii + text.chars().filter(|c| matches!(c, '，' | '،' | '﹐' | '︐' | '︑' | '⹀' | '⸲' | '、')).count()
}

pub fn count_words(text: &str) -> usize {
    text.split_whitespace().count()
}

/// Word tokens (letters and digits), lower-cased: used to compare a heading with the title.
pub fn tokens(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|t| !t.is_empty()).map(|t| t.to_lowercase()).collect()
}

/// Share of `b`'s tokens that also appear in `a` (0..1).
pub fn similarity(a: &str, b: &str) -> f64 {
    let ta = tokens(a);
    let tb = tokens(b);
    if ta.is_empty() || tb.is_empty() {
        return 0.0;
    }
    let unique: Vec<&String> = tb.iter().filter(|t| !ta.contains(t)).collect();
    let unique_len: usize = unique.iter().map(|t| t.len()).sum::<usize>() + unique.len().saturating_sub(1);
    let total_len: usize = tb.iter().map(|t| t.len()).sum::<usize>() + tb.len().saturating_sub(1);
    1.0 - (unique_len as f64 / total_len.max(1) as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The definition `collapse` and `collapsed_len` implement, one character at a time.
    fn reference(text: &str) -> String {
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn whitespace_of_every_script_collapses_to_one_space() {
        let samples = [
            "",
            "   ",
            "plain words",
            "  lead\tand\r\n trail \x0c\x0bx",
            "non\u{a0}breaking\u{2003}em\u{3000}ideographic\u{85}next-line\u{2028}end",
            "日本語の 文章、\u{3000}続き",
            "emoji 🦀\u{200a}crab  🦀",
            "\u{a0}\u{a0}x\u{a0}\u{a0}",
            "zero\u{200b}width is not whitespace",
            "a\x1fb",
        ];
        for sample in samples {
            let expected = reference(sample);
            assert_eq!(collapse(sample), expected, "{:?}", sample);
            assert_eq!(collapsed_len(sample), expected.chars().count(), "{:?}", sample);
        }
    }

    /// Texts that are already collapsed are recognised sixteen bytes at a time: white space of every kind, and
    /// characters of several bytes, at every offset around the chunks' edges must read as they do one at a time.
    #[test]
    fn white_space_and_wide_characters_at_any_offset_collapse_as_defined() {
        let prose = "Tide tables for the coast are out and the surge is over now";
        for inserted in [" ", "  ", "\t", "\n", "\x0b", "\u{a0}", "\u{2003}", "\u{3000}", "\u{85}", "é", "🦀", "\u{2019}", "x"] {
            for at in 0..=prose.len() {
                let sample = format!("{}{}{}", &prose[..at], inserted, &prose[at..]);
                let expected = reference(&sample);
                assert_eq!(collapse(&sample), expected, "{:?}", sample);
                assert_eq!(collapsed_len(&sample), expected.chars().count(), "{:?}", sample);
            }
        }
    }
}
