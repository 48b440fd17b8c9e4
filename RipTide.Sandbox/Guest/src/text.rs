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
        let classes = bytes::classes_at(page, i);
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

/// Length in characters of the collapsed text, without building it: its words' characters and a space between
/// each two.
pub fn collapsed_len(text: &str) -> usize {
    let (words, chars) = word_stats(text);
    chars + words.saturating_sub(1)
}

/// Words (runs of characters that are not white space, as `split_whitespace` has them) and the characters in
/// them. Sixteen bytes a step in WebAssembly, from masks of the chunk's white space: a word begins where a
/// byte that is not white space follows one that is. Chunks that hold characters outside ASCII are read a
/// character at a time, so white space such as U+3000 counts as it does in `split_whitespace`.
fn word_stats(text: &str) -> (usize, usize) {
    let page = text.as_bytes();
    let (mut words, mut chars, mut in_word) = (0, 0, false);
    let mut i = 0;
    while i < page.len() {
        let classes = bytes::classes_at(page, i);
        if classes.high == 0 {
            let word = classes.valid & !(classes.space | classes.other_white);
            words += (word & !(word << 1 | in_word as u32)).count_ones() as usize;
            chars += word.count_ones() as usize;
            in_word = word & 1 << 15 != 0;
            i += 16;
            continue;
        }
        // `i` is at a character's start (chunks before were ASCII, or ended with a whole character).
        let end = (i + 16).min(page.len());
        for c in text[i..].chars() {
            if c.is_whitespace() {
                in_word = false;
            } else {
                words += !in_word as usize;
                chars += 1;
                in_word = true;
            }
            i += c.len_utf8();
            if i >= end {
                break;
            }
        }
    }
    (words, chars)
}

/// The parts of a plain text between blank lines (`"\n\n"`), as `text.split("\n\n")` has them, found by a
/// byte search instead of a substring searcher that steps through the text a byte at a time.
pub fn paragraphs(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(text);
    std::iter::from_fn(move || {
        let current = rest?;
        match bytes::find(current.as_bytes(), b"\n\n") {
            Some(at) => {
                rest = Some(&current[at + 2..]);
                Some(&current[..at])
            }
            None => {
                rest = None;
                Some(current)
            }
        }
    })
}

/// Commas in any script (Latin, CJK, Arabic, …): a cheap signal of running prose.
pub fn count_commas(text: &str) -> usize {
    let ascii = bytes::count_byte(text.as_bytes(), b',');
    if bytes::all_below(text.as_bytes(), 0x80) {
        return ascii;
    }
    ascii + text.chars().filter(|c| matches!(c, '，' | '،' | '﹐' | '︐' | '︑' | '⹀' | '⸲' | '、')).count()
}

pub fn count_words(text: &str) -> usize {
    word_stats(text).0
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
    fn paragraphs_are_the_parts_between_blank_lines() {
        for sample in ["", "one", "one\n\ntwo", "\n\n", "a\n\n\nb", "a\n\n\n\nb\n\n", "no\nbreak"] {
            assert_eq!(paragraphs(sample).collect::<Vec<_>>(), sample.split("\n\n").collect::<Vec<_>>(), "{:?}", sample);
        }
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
            assert_eq!(count_words(sample), sample.split_whitespace().count(), "{:?}", sample);
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
                assert_eq!(count_words(&sample), sample.split_whitespace().count(), "{:?}", sample);
            }
        }
    }
}
