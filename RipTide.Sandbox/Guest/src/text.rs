//! Text helpers shared by the extraction passes.

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// Every character below U+0300 (the combining marks begin there) is already in NFC, and so is text whose
/// UTF-8 has no byte at or above this one.
const FIRST_BYTE_FROM_U0300: u8 = 0xCC;

/// `text` in Unicode Normalization Form C, the form search indexes and people's copies of a text use: pages
/// write the same letter precomposed or as a base and combining marks, and some scripts' precomposed
/// letters (Bengali য়) are decomposed by NFC itself. Checked cheaply first, since almost every text is NFC.
pub fn nfc(text: String) -> String {
    if text.bytes().all(|b| b < FIRST_BYTE_FROM_U0300) || is_nfc_quick(text.chars()) == IsNormalized::Yes {
        return text;
    }
    text.nfc().collect()
}

/// Collapses every run of whitespace to one space and trims both ends.
pub fn collapse(text: &str) -> String {
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
}
