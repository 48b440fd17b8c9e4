//! Word lists that tell content containers from page furniture, read from class, id and role.

const UNLIKELY: WordList = WordList::new(&[
    "banner", "breadcrumb", "combx", "comment", "community", "cover-wrap", "disqus", "extra", "footer",
    "gdpr", "header", "legends", "menu", "related", "remark", "replies", "rss", "shoutbox", "sidebar",
    "skyscraper", "social", "sponsor", "supplemental", "ad-break", "agegate", "pagination", "pager",
    "popup", "yom-remote", "cookie", "consent", "newsletter", "subscribe", "paywall", "share",
]);

const MAYBE_CONTENT: WordList = WordList::new(&["and", "article", "body", "column", "content", "main", "shadow"]);

const UNLIKELY_ROLES: &[&str] = &["menu", "menubar", "complementary", "navigation", "alert", "alertdialog", "dialog"];

const NEGATIVE: WordList = WordList::new(&[
    "-ad-", "hidden", "banner", "combx", "comment", "com-", "contact", "footer", "gdpr", "masthead",
    "media", "meta", "outbrain", "promo", "related", "scroll", "share", "shoutbox", "sidebar",
    "skyscraper", "sponsor", "shopping", "tags", "widget", "cookie", "newsletter", "subscribe",
]);

const POSITIVE: WordList = WordList::new(&[
    "article", "body", "content", "entry", "hentry", "h-entry", "main", "page", "pagination", "post",
    "text", "blog", "story",
]);

const BYLINE: WordList = WordList::new(&["byline", "author", "dateline", "writtenby", "p-author"]);

const SHARE: WordList = WordList::new(&["share", "sharedaddy", "social-links", "sharing"]);

/// One pass over the haystack for a whole word list: words are compared only where the next two bytes
/// begin one of them. These lists are checked against every element's class and id, and in
/// WebAssembly a slice comparison is a call into a byte-at-a-time `memcmp`: a pass per word made this
/// 40 % of an extraction on class-heavy pages. (One byte is too weak a filter: the words' first letters
/// cover most of the alphabet.)
fn contains_any(haystack: &str, words: &WordList) -> bool {
    let bytes = haystack.as_bytes();
    bytes.windows(2).enumerate().any(|(i, pair)| {
        words.starts_with_pair(pair[0], pair[1])
            && words.words.iter().any(|w| {
                let w = w.as_bytes();
                bytes.len() - i >= w.len() && bytes[i..i + w.len()].iter().zip(w).all(|(a, b)| a == b)
            })
    })
}

/// Words of at least two bytes and a bit set of their first two bytes, built at compile time.
struct WordList {
    words: &'static [&'static str],
    pairs: [u64; 1024],
}

impl WordList {
    const fn new(words: &'static [&'static str]) -> WordList {
        let mut pairs = [0u64; 1024];
        let mut i = 0;
        while i < words.len() {
            let w = words[i].as_bytes();
            assert!(w.len() >= 2, "words are matched from their first two bytes");
            let key = Self::key(w[0], w[1]);
            pairs[key >> 6] |= 1 << (key & 63);
            i += 1;
        }
        WordList { words, pairs }
    }

    const fn key(first: u8, second: u8) -> usize {
        (first as usize) << 8 | second as usize
    }

    fn starts_with_pair(&self, first: u8, second: u8) -> bool {
        let key = Self::key(first, second);
        self.pairs[key >> 6] & (1 << (key & 63)) != 0
    }
}

/// `hid` as a whole class word (but not inside "hidden-xs"-style names handled by NEGATIVE).
fn has_word(haystack: &str, word: &str) -> bool {
    haystack.split(|c: char| c.is_whitespace()).any(|w| w == word)
}

pub fn is_unlikely_candidate(class_and_id: &str) -> bool {
    contains_any(class_and_id, &UNLIKELY) && !contains_any(class_and_id, &MAYBE_CONTENT)
}

pub fn is_unlikely_role(role: &str) -> bool {
    UNLIKELY_ROLES.contains(&role.trim())
}

pub fn is_byline(class_and_id: &str, rel: Option<&str>, itemprop: Option<&str>) -> bool {
    rel == Some("author") || itemprop.map_or(false, |p| p.contains("author")) || contains_any(class_and_id, &BYLINE)
}

pub fn is_share(class_and_id: &str) -> bool {
    contains_any(class_and_id, &SHARE)
}

/// +25 for a content-like class or id, −25 for a furniture-like one, each counted once per attribute.
pub fn class_weight(class: Option<&str>, id: Option<&str>) -> f64 {
    let mut weight = 0.0;
    for value in [class, id].iter().flatten() {
        let v = value.to_lowercase();
        if v.is_empty() {
            continue;
        }
        if contains_any(&v, &NEGATIVE) || has_word(&v, "hid") {
            weight -= 25.0;
        }
        if contains_any(&v, &POSITIVE) {
            weight += 25.0;
        }
    }
    weight
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_found_anywhere_in_class_and_id() {
        assert!(is_share("share"));
        assert!(is_share("post sharedaddy"));
        assert!(is_share("x-sharing"));
        assert!(is_unlikely_candidate("site-footer nav"));
        assert!(is_unlikely_candidate("  rss"));
        assert!(is_byline("meta p-author", None, None));
        assert!(is_byline("authoring-tool", None, None), "a word inside a longer one counts, as in Readability");
    }

    #[test]
    fn partial_words_and_short_values_do_not_match() {
        assert!(!is_share("shar"));
        assert!(!is_share("s"));
        assert!(!is_share(""));
        assert!(!is_unlikely_candidate("rs"));
        assert!(!is_unlikely_candidate("footer article-body"), "a content word keeps the candidate");
    }

    #[test]
    fn class_weight_counts_class_and_id_once_each() {
        assert_eq!(class_weight(Some("Article-Body"), None), 25.0);
        assert_eq!(class_weight(Some("sidebar"), Some("main-content")), 0.0);
        assert_eq!(class_weight(Some("promo hidden"), None), -25.0);
        assert_eq!(class_weight(Some("hid"), None), -25.0);
        assert_eq!(class_weight(None, None), 0.0);
    }
}
