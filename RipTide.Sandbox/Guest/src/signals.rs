//! Word lists that tell content containers from page furniture, read from class, id and role.
//!
//! Every element's class and id is checked against several lists. One pass over a value finds all of
//! them at once: the lists live in one table sorted by first byte, each word tagged with the lists it
//! belongs to, and a word is compared only where the value's next two bytes begin some word. In
//! WebAssembly every loop iteration also pays an epoch check, so a pass per list, and a scan of every
//! word of a list at each candidate position, had made these checks 8 % of an extraction.

use crate::memo::Memo;
use std::cell::RefCell;

/// Lists a value matched, one bit each.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct Matches(u16);

const UNLIKELY: u16 = 1;
const MAYBE_CONTENT: u16 = 1 << 1;
const NEGATIVE: u16 = 1 << 2;
const POSITIVE: u16 = 1 << 3;
const BYLINE: u16 = 1 << 4;
const SHARE: u16 = 1 << 5;
/// "hid" somewhere in the value; it counts as negative only as a whole class word (see `scan`).
const HID: u16 = 1 << 6;
/// Furniture that sits inside article containers: author boxes, post meta, reply forms, ratings,
/// disclaimers, info boxes. Removed from the article when short (`boilerplate.rs`), never used for scoring.
const FURNITURE: u16 = 1 << 7;
/// Furniture words beyond Readability's own list (share rows, cookie and subscription notes): unlikely
/// only for a short block, since sites also put them on the container of the whole text.
const UNLIKELY_IF_SHORT: u16 = 1 << 8;
/// Captions and photo credits: furniture too, but only when shorter than a descriptive caption.
const CAPTION: u16 = 1 << 9;
/// A lead, standfirst or summary: the paragraph before the text, often in the article's header.
const LEAD: u16 = 1 << 10;

/// Every list's words, sorted by first byte. A word inside a longer one counts, as in Readability.
const WORDS: &[(&str, u16)] = &[
    ("-ad-", NEGATIVE),
    ("about-author", FURNITURE),
    ("abstract", LEAD),
    ("ad-break", UNLIKELY),
    ("affiliate", FURNITURE),
    ("agegate", UNLIKELY),
    ("akismet", FURNITURE),
    ("and", MAYBE_CONTENT),
    ("article", MAYBE_CONTENT | POSITIVE),
    ("author", BYLINE),
    ("author-bio", FURNITURE),
    ("author-box", FURNITURE),
    ("author-desc", FURNITURE),
    ("author-info", FURNITURE),
    ("authorbox", FURNITURE),
    ("bajada", LEAD),
    ("banner", UNLIKELY | NEGATIVE),
    ("blog", POSITIVE),
    ("body", MAYBE_CONTENT | POSITIVE),
    ("breadcrumb", UNLIKELY),
    ("byline", BYLINE),
    ("caption", CAPTION),
    ("categories", FURNITURE),
    ("chapo", LEAD),
    ("column", MAYBE_CONTENT),
    ("com-", NEGATIVE),
    ("combx", UNLIKELY | NEGATIVE),
    ("comment", UNLIKELY | NEGATIVE),
    ("community", UNLIKELY),
    ("consent", UNLIKELY_IF_SHORT),
    ("contact", NEGATIVE),
    ("content", MAYBE_CONTENT | POSITIVE),
    ("cookie", UNLIKELY_IF_SHORT | NEGATIVE),
    ("copyright", FURNITURE),
    ("cover-wrap", UNLIKELY),
    ("credit", CAPTION),
    ("dateline", BYLINE),
    ("disclaimer", FURNITURE),
    ("disqus", UNLIKELY),
    ("embedded", FURNITURE),
    ("entry", POSITIVE),
    ("entry-footer", FURNITURE),
    ("entry-meta", FURNITURE),
    ("entry-utility", FURNITURE),
    ("entryfooter", FURNITURE),
    ("excerpt", LEAD),
    ("extra", UNLIKELY),
    ("footer", UNLIKELY | NEGATIVE),
    ("gdpr", UNLIKELY | NEGATIVE),
    ("h-entry", POSITIVE),
    ("header", UNLIKELY),
    ("hentry", POSITIVE),
    ("hid", HID),
    ("hidden", NEGATIVE),
    ("infobox", FURNITURE),
    ("intro", LEAD),
    ("lead", LEAD),
    ("legends", UNLIKELY),
    ("main", MAYBE_CONTENT | POSITIVE),
    ("masthead", NEGATIVE),
    ("media", NEGATIVE),
    ("menu", UNLIKELY),
    ("meta", NEGATIVE | FURNITURE),
    ("modal", UNLIKELY_IF_SHORT),
    ("newsletter", UNLIKELY_IF_SHORT | NEGATIVE),
    ("next-post", FURNITURE),
    ("nextstory", FURNITURE),
    ("noscript", UNLIKELY_IF_SHORT),
    ("outbrain", NEGATIVE),
    ("overlay", UNLIKELY_IF_SHORT),
    ("p-author", BYLINE),
    ("page", POSITIVE),
    ("pager", UNLIKELY),
    ("pagination", UNLIKELY | POSITIVE),
    ("paywall", UNLIKELY_IF_SHORT),
    ("perex", LEAD),
    ("popup", UNLIKELY),
    ("post", POSITIVE),
    ("post-footer", FURNITURE),
    ("post-meta", FURNITURE),
    ("post-nav", FURNITURE),
    ("promo", NEGATIVE),
    ("rating", FURNITURE),
    ("read-time", FURNITURE),
    ("reading-time", FURNITURE),
    ("readingtime", FURNITURE),
    ("related", UNLIKELY | NEGATIVE),
    ("remark", UNLIKELY),
    ("replies", UNLIKELY),
    ("respond", FURNITURE),
    ("rss", UNLIKELY),
    ("sabox", FURNITURE),
    ("scroll", NEGATIVE),
    ("shadow", MAYBE_CONTENT),
    ("share", UNLIKELY_IF_SHORT | NEGATIVE | SHARE),
    ("sharedaddy", SHARE),
    ("sharing", SHARE),
    ("shopping", NEGATIVE),
    ("shoutbox", UNLIKELY | NEGATIVE),
    ("sidebar", UNLIKELY | NEGATIVE),
    ("skyscraper", UNLIKELY | NEGATIVE),
    ("social", UNLIKELY),
    ("social-links", SHARE),
    ("sponsor", UNLIKELY | NEGATIVE),
    ("standfirst", LEAD),
    ("story", POSITIVE),
    ("subheadline", LEAD),
    ("subscribe", UNLIKELY_IF_SHORT | NEGATIVE),
    ("subtitle", LEAD),
    ("summary", LEAD),
    ("supplemental", UNLIKELY),
    ("tag-list", FURNITURE),
    ("tags", NEGATIVE),
    ("teaser-text", LEAD),
    ("text", POSITIVE),
    ("textbox", FURNITURE),
    ("widget", NEGATIVE),
    ("writtenby", BYLINE),
    ("yom-remote", UNLIKELY),
];

const UNLIKELY_ROLES: &[&str] = &["menu", "menubar", "complementary", "navigation", "alert", "alertdialog", "dialog"];

/// `WORDS[FIRST[b] as usize..FIRST[b + 1] as usize]` are the words that begin with byte `b`.
const FIRST: [u8; 257] = first_byte_ranges();

/// A bit for each pair of bytes that begins some word.
const PAIRS: [u64; 1024] = pair_set();

const fn first_byte_ranges() -> [u8; 257] {
    assert!(WORDS.len() < 256, "ranges are bytes");
    let mut ranges = [0u8; 257];
    let mut i = 0;
    while i < WORDS.len() {
        let word = WORDS[i].0.as_bytes();
        assert!(word.len() >= 2, "words are found from their first two bytes");
        assert!(i == 0 || WORDS[i - 1].0.as_bytes()[0] <= word[0], "WORDS must be sorted by first byte");
        let mut b = word[0] as usize + 1;
        while b < 257 {
            ranges[b] = (i + 1) as u8;
            b += 1;
        }
        i += 1;
    }
    ranges
}

const fn pair_set() -> [u64; 1024] {
    let mut pairs = [0u64; 1024];
    let mut i = 0;
    while i < WORDS.len() {
        let word = WORDS[i].0.as_bytes();
        let key = pair_key(word[0], word[1]);
        pairs[key >> 6] |= 1 << (key & 63);
        i += 1;
    }
    pairs
}

const fn pair_key(first: u8, second: u8) -> usize {
    (first as usize) << 8 | second as usize
}

/// Lists whose words occur in `value`, ASCII case-insensitively.
pub fn scan(value: &str) -> Matches {
    SEEN.with(|seen| seen.borrow_mut().get_or(value, read))
}

thread_local! {
    /// Values already read (the guest runs one extraction at a time, on one thread).
    static SEEN: RefCell<Memo<Matches>> = RefCell::new(Memo::new());
}

fn read(value: &str) -> Matches {
    let bytes = value.as_bytes();
    let mut found = 0;
    let mut previous = match bytes.first() {
        Some(b) => b.to_ascii_lowercase(),
        None => return Matches(0),
    };
    for (i, b) in bytes.iter().enumerate().skip(1) {
        let current = b.to_ascii_lowercase();
        let key = pair_key(previous, current);
        if PAIRS[key >> 6] & (1 << (key & 63)) != 0 {
            found |= words_at(&bytes[i - 1..], previous, current);
        }
        previous = current;
    }
    if found & HID != 0 && !value.split(char::is_whitespace).any(|w| w.eq_ignore_ascii_case("hid")) {
        found &= !HID;
    }
    Matches(found)
}

/// Lists of the words that `rest` begins with; `first` and `second` are its first two bytes, lower-cased.
fn words_at(rest: &[u8], first: u8, second: u8) -> u16 {
    let mut lists = 0;
    for &(word, bits) in &WORDS[FIRST[first as usize] as usize..FIRST[first as usize + 1] as usize] {
        let word = word.as_bytes();
        if word[1] == second && rest.len() >= word.len() && rest[2..word.len()].iter().zip(&word[2..]).all(|(a, b)| a.to_ascii_lowercase() == *b) {
            lists |= bits;
        }
    }
    lists
}

impl Matches {
    /// What a class and an id say together.
    pub fn of(class: Option<&str>, id: Option<&str>) -> Matches {
        Matches(class.map_or(0, |c| scan(c).0) | id.map_or(0, |i| scan(i).0))
    }

    fn has(self, list: u16) -> bool {
        self.0 & list != 0
    }

    pub fn is_unlikely_candidate(self) -> bool {
        self.has(UNLIKELY) && !self.has(MAYBE_CONTENT)
    }

    /// Furniture by a word that also names whole-text containers on some sites: removed only when short.
    pub fn is_unlikely_if_short(self) -> bool {
        self.has(UNLIKELY_IF_SHORT) && !self.has(MAYBE_CONTENT)
    }

    pub fn is_furniture(self) -> bool {
        self.has(FURNITURE)
    }

    pub fn is_lead(self) -> bool {
        self.has(LEAD)
    }

    pub fn is_caption(self) -> bool {
        self.has(CAPTION)
    }

    pub fn is_share(self) -> bool {
        self.has(SHARE)
    }

    /// ±25 for what one attribute says: furniture-like (or the class word "hid") and content-like each count once.
    fn weight(self) -> f64 {
        let negative = if self.has(NEGATIVE | HID) { -25.0 } else { 0.0 };
        let positive = if self.has(POSITIVE) { 25.0 } else { 0.0 };
        negative + positive
    }
}

pub fn is_unlikely_role(role: &str) -> bool {
    UNLIKELY_ROLES.contains(&role.trim())
}

pub fn is_byline(matches: Matches, rel: Option<&str>, itemprop: Option<&str>) -> bool {
    rel == Some("author") || itemprop.map_or(false, |p| p.contains("author")) || matches.has(BYLINE)
}

/// +25 for a content-like class or id, −25 for a furniture-like one, each counted once per attribute.
pub fn class_weight(class: Option<&str>, id: Option<&str>) -> f64 {
    class.map_or(0.0, |c| scan(c).weight()) + id.map_or(0.0, |i| scan(i).weight())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words_of(list: u16) -> Vec<&'static str> {
        let mut words: Vec<&str> = WORDS.iter().filter(|(_, bits)| bits & list != 0).map(|(w, _)| *w).collect();
        words.sort_unstable();
        words
    }

    fn sorted(mut words: Vec<&'static str>) -> Vec<&'static str> {
        words.sort_unstable();
        words
    }

    #[test]
    fn the_table_is_sorted_so_a_reader_finds_a_word_where_it_belongs() {
        // Matching needs only the first bytes in order (checked when compiling); the whole order is for people.
        let out_of_order: Vec<_> = WORDS.windows(2).filter(|pair| pair[0].0 >= pair[1].0).map(|pair| (pair[0].0, pair[1].0)).collect();
        assert!(out_of_order.is_empty(), "{:?}", out_of_order);
    }

    #[test]
    fn the_table_holds_each_list_exactly() {
        assert_eq!(
            words_of(UNLIKELY),
            sorted(vec![
                "banner",
                "breadcrumb",
                "combx",
                "comment",
                "community",
                "cover-wrap",
                "disqus",
                "extra",
                "footer",
                "gdpr",
                "header",
                "legends",
                "menu",
                "related",
                "remark",
                "replies",
                "rss",
                "shoutbox",
                "sidebar",
                "skyscraper",
                "social",
                "sponsor",
                "supplemental",
                "ad-break",
                "agegate",
                "pagination",
                "pager",
                "popup",
                "yom-remote",
            ])
        );
        assert_eq!(
            words_of(UNLIKELY_IF_SHORT),
            sorted(vec!["consent", "cookie", "modal", "newsletter", "noscript", "overlay", "paywall", "share", "subscribe"])
        );
        assert_eq!(words_of(CAPTION), sorted(vec!["caption", "credit"]));
        assert_eq!(
            words_of(LEAD),
            sorted(vec!["abstract", "bajada", "chapo", "excerpt", "intro", "lead", "perex", "standfirst", "subheadline", "subtitle", "summary", "teaser-text"])
        );
        assert_eq!(
            words_of(FURNITURE),
            sorted(vec![
                "about-author",
                "affiliate",
                "akismet",
                "author-bio",
                "author-box",
                "author-desc",
                "author-info",
                "authorbox",
                "categories",
                "copyright",
                "disclaimer",
                "embedded",
                "entry-footer",
                "entry-meta",
                "entry-utility",
                "entryfooter",
                "infobox",
                "meta",
                "next-post",
                "nextstory",
                "post-footer",
                "post-meta",
                "post-nav",
                "rating",
                "read-time",
                "reading-time",
                "readingtime",
                "respond",
                "sabox",
                "tag-list",
                "textbox",
            ])
        );
        assert_eq!(words_of(MAYBE_CONTENT), sorted(vec!["and", "article", "body", "column", "content", "main", "shadow"]));
        assert_eq!(
            words_of(NEGATIVE),
            sorted(vec![
                "-ad-",
                "hidden",
                "banner",
                "combx",
                "comment",
                "com-",
                "contact",
                "footer",
                "gdpr",
                "masthead",
                "media",
                "meta",
                "outbrain",
                "promo",
                "related",
                "scroll",
                "share",
                "shoutbox",
                "sidebar",
                "skyscraper",
                "sponsor",
                "shopping",
                "tags",
                "widget",
                "cookie",
                "newsletter",
                "subscribe",
            ])
        );
        assert_eq!(
            words_of(POSITIVE),
            sorted(vec!["article", "body", "content", "entry", "hentry", "h-entry", "main", "page", "pagination", "post", "text", "blog", "story"])
        );
        assert_eq!(words_of(BYLINE), sorted(vec!["byline", "author", "dateline", "writtenby", "p-author"]));
        assert_eq!(words_of(SHARE), sorted(vec!["share", "sharedaddy", "social-links", "sharing"]));
    }

    #[test]
    fn words_are_found_anywhere_in_class_and_id_in_any_case() {
        assert!(scan("share").is_share());
        assert!(scan("post SharedAddy").is_share());
        assert!(scan("x-sharing").is_share());
        assert!(scan("site-footer nav").is_unlikely_candidate());
        assert!(scan("share-row").is_unlikely_if_short() && !scan("share-row").is_unlikely_candidate());
        assert!(!scan("share article-body").is_unlikely_if_short(), "a content word keeps the candidate");
        assert!(scan("wp-caption-text").is_caption() && scan("entry-meta").is_furniture());
        assert!(scan("  rss").is_unlikely_candidate());
        assert!(Matches::of(Some("x"), Some("RSS")).is_unlikely_candidate());
        assert!(is_byline(scan("meta p-author"), None, None));
        assert!(is_byline(scan("authoring-tool"), None, None), "a word inside a longer one counts, as in Readability");
        assert!(is_byline(Matches::default(), Some("author"), None));
    }

    #[test]
    fn partial_words_and_short_values_do_not_match() {
        assert!(!scan("shar").is_share());
        assert!(!scan("s").is_share());
        assert!(!scan("").is_share());
        assert!(!scan("rs").is_unlikely_candidate());
        assert!(!scan("footer article-body").is_unlikely_candidate(), "a content word keeps the candidate");
        assert_eq!(scan("é-ñ ü"), Matches::default());
    }

    #[test]
    fn class_weight_counts_class_and_id_once_each() {
        assert_eq!(class_weight(Some("Article-Body"), None), 25.0);
        assert_eq!(class_weight(Some("sidebar"), Some("main-content")), 0.0);
        assert_eq!(class_weight(Some("promo hidden"), None), -25.0);
        assert_eq!(class_weight(Some("hid"), None), -25.0);
        assert_eq!(class_weight(Some("x HID"), Some("hid")), -50.0);
        assert_eq!(class_weight(Some("hide-me"), None), 0.0, "hid counts only as a whole word");
        assert_eq!(class_weight(None, None), 0.0);
    }
}
