//! Word lists that tell content containers from page furniture, read from class, id and role.

const UNLIKELY: &[&str] = &[
    "banner", "breadcrumb", "combx", "comment", "community", "cover-wrap", "disqus", "extra", "footer",
    "gdpr", "header", "legends", "menu", "related", "remark", "replies", "rss", "shoutbox", "sidebar",
    "skyscraper", "social", "sponsor", "supplemental", "ad-break", "agegate", "pagination", "pager",
    "popup", "yom-remote", "cookie", "consent", "newsletter", "subscribe", "paywall", "share",
];

const MAYBE_CONTENT: &[&str] = &["and", "article", "body", "column", "content", "main", "shadow"];

const UNLIKELY_ROLES: &[&str] = &["menu", "menubar", "complementary", "navigation", "alert", "alertdialog", "dialog"];

const NEGATIVE: &[&str] = &[
    "-ad-", "hidden", "banner", "combx", "comment", "com-", "contact", "footer", "gdpr", "masthead",
    "media", "meta", "outbrain", "promo", "related", "scroll", "share", "shoutbox", "sidebar",
    "skyscraper", "sponsor", "shopping", "tags", "widget", "cookie", "newsletter", "subscribe",
];

const POSITIVE: &[&str] = &[
    "article", "body", "content", "entry", "hentry", "h-entry", "main", "page", "pagination", "post",
    "text", "blog", "story",
];

const BYLINE: &[&str] = &["byline", "author", "dateline", "writtenby", "p-author"];

const SHARE: &[&str] = &["share", "sharedaddy", "social-links", "sharing"];

/// Byte-window search: the needles are short and many, where `str::contains` pays a searcher setup
/// per call.
fn contains_any(haystack: &str, needles: &[&str]) -> bool {
    let bytes = haystack.as_bytes();
    needles.iter().any(|n| {
        let n = n.as_bytes();
        n.len() <= bytes.len() && bytes.windows(n.len()).any(|w| w == n)
    })
}

/// `hid` as a whole class word (but not inside "hidden-xs"-style names handled by NEGATIVE).
fn has_word(haystack: &str, word: &str) -> bool {
    haystack.split(|c: char| c.is_whitespace()).any(|w| w == word)
}

pub fn is_unlikely_candidate(class_and_id: &str) -> bool {
    contains_any(class_and_id, UNLIKELY) && !contains_any(class_and_id, MAYBE_CONTENT)
}

pub fn is_unlikely_role(role: &str) -> bool {
    UNLIKELY_ROLES.contains(&role.trim())
}

pub fn is_byline(class_and_id: &str, rel: Option<&str>, itemprop: Option<&str>) -> bool {
    rel == Some("author") || itemprop.map_or(false, |p| p.contains("author")) || contains_any(class_and_id, BYLINE)
}

pub fn is_share(class_and_id: &str) -> bool {
    contains_any(class_and_id, SHARE)
}

/// +25 for a content-like class or id, −25 for a furniture-like one, each counted once per attribute.
pub fn class_weight(class: Option<&str>, id: Option<&str>) -> f64 {
    let mut weight = 0.0;
    for value in [class, id].iter().flatten() {
        let v = value.to_lowercase();
        if v.is_empty() {
            continue;
        }
        if contains_any(&v, NEGATIVE) || has_word(&v, "hid") {
            weight -= 25.0;
        }
        if contains_any(&v, POSITIVE) {
            weight += 25.0;
        }
    }
    weight
}
