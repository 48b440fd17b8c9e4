//! Page metadata. Structured sources (JSON-LD, OpenGraph/Twitter, Dublin Core, microdata) come first;
//! heuristics on the `<title>` and the document only fill what they leave empty.

use crate::dom::{Dom, NodeId, DOCUMENT};
use crate::entities;
use crate::text;
use html5ever::local_name;
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};

#[derive(Default)]
pub struct Metadata {
    pub title: Option<String>,
    pub byline: Option<String>,
    pub published: Option<String>,
    pub site_name: Option<String>,
    pub description: Option<String>,
    pub language: Option<String>,
    pub canonical: Option<String>,
    pub categories: Vec<String>,
    /// Every `<meta>` tag with a name or property, as the page wrote it (see [`tags`]).
    pub tags: BTreeMap<String, String>,
}

/// The most `<meta>` tags a document reports, and the longest name and value kept of each: the page decides
/// how many it has and how long they are, so the document's size must not.
const MAX_TAGS: usize = 64;
const MAX_TAG_NAME_CHARS: usize = 100;
const MAX_TAG_VALUE_CHARS: usize = 1000;

/// `h1`s compared with a title, at most.
const MAX_MAIN_HEADINGS: usize = 5;

const TITLE_SEPARATORS: &[&str] = &[" | ", " - ", " – ", " — ", " \\ ", " / ", " > ", " » ", " :: ", " · "];

pub fn read(dom: &Dom) -> Metadata {
    let [metas, links, scripts, times, headings] =
        dom.elements_by_tag(DOCUMENT, [local_name!("meta"), local_name!("link"), local_name!("script"), local_name!("time"), local_name!("h1")]);
    let meta = meta_values(dom, &metas);
    let json_ld = json_ld(dom, &scripts);
    let get = |keys: &[&str]| keys.iter().find_map(|k| meta.get(*k).cloned());

    let byline = json_ld
        .author
        .clone()
        .or_else(|| get(&["dc:creator", "dcterm:creator", "author", "parsely-author", "article:author"]).filter(|a| !a.starts_with("http")))
        .or_else(|| microdata(dom, "author"));
    let published = json_ld
        .published
        .clone()
        .or_else(|| {
            get(&[
                "article:published_time",
                "og:published_time",
                "parsely-pub-date",
                "dc:date",
                "dcterm:date",
                "date",
                "pubdate",
                "publishdate",
                "datepublished",
            ])
        })
        .or_else(|| microdata(dom, "datePublished"))
        .or_else(|| times.iter().find_map(|&t| dom.attr(t, &local_name!("datetime")).map(str::to_string)));
    let site_name = json_ld.site_name.clone().or_else(|| get(&["og:site_name", "application-name"])).map(|s| entities::decode(&s).into_owned());
    let title = json_ld
        .title
        .clone()
        .or_else(|| get(&["dc:title", "dcterm:title", "og:title", "twitter:title", "title"]))
        .map(|t| entities::decode(&t).into_owned())
        .map(|t| without_site_name(&t, site_name.as_deref(), &main_headings(dom, &headings)))
        .or_else(|| document_title(dom).map(|t| strip_site_suffix(&entities::decode(&t))));
    let description = json_ld.description.or_else(|| get(&["dc:description", "dcterm:description", "og:description", "description", "twitter:description"]));
    let language = html_lang(dom).or_else(|| get(&["content-language", "dc:language"])).or_else(|| get(&["og:locale"]).map(|l| l.replace('_', "-")));
    let canonical = links
        .iter()
        .find(|&&l| dom.attr(l, &local_name!("rel")).map_or(false, |r| r.eq_ignore_ascii_case("canonical")))
        .and_then(|&l| dom.attr(l, &local_name!("href")).map(str::to_string))
        .or_else(|| get(&["og:url"]));
    let categories = meta_all(dom, &metas, &["article:section", "article:tag", "keywords"]);

    Metadata {
        title: title.map(|t| text::collapse(&t)).filter(|t| !t.is_empty()),
        byline: byline.map(|b| text::collapse(&entities::decode(&b))).filter(|b| !b.is_empty()),
        published: published.map(|p| crate::dates::to_iso8601(&p)).filter(|p| !p.is_empty()),
        site_name: site_name.map(|s| text::collapse(&s)).filter(|s| !s.is_empty()),
        description: description.map(|d| text::collapse(&entities::decode(&d))).filter(|d| !d.is_empty()),
        language: language.map(|l| l.trim().to_string()).filter(|l| !l.is_empty()),
        canonical,
        categories,
        tags: tags(dom, &metas),
    }
}

/// The page's `<meta>` tags by `property`, else `name` (trimmed, lower case), the first of a name winning, their
/// content with white space collapsed: OpenGraph, Twitter cards, keywords, robots and the like, for clients that
/// want them as the page has them. Bounded by [`MAX_TAGS`] and the lengths above.
fn tags(dom: &Dom, metas: &[NodeId]) -> BTreeMap<String, String> {
    let mut tags = BTreeMap::new();
    for &m in metas {
        if tags.len() == MAX_TAGS {
            break;
        }
        let name = dom.attr(m, &local_name!("property")).or_else(|| dom.attr(m, &local_name!("name"))).map(|n| n.trim().to_lowercase());
        let content = dom.attr(m, &local_name!("content")).map(text::collapse);
        if let (Some(name), Some(content)) = (name, content) {
            if !name.is_empty() && name.chars().count() <= MAX_TAG_NAME_CHARS && !content.is_empty() {
                tags.entry(name).or_insert_with(|| content.chars().take(MAX_TAG_VALUE_CHARS).collect());
            }
        }
    }
    tags
}

/// `<meta>` values keyed by lower-case name or property; several space-separated properties may share one.
fn meta_values(dom: &Dom, metas: &[NodeId]) -> HashMap<String, String> {
    let mut values = HashMap::new();
    for &m in metas {
        let content = match dom.attr(m, &local_name!("content")) {
            Some(c) if !c.trim().is_empty() => c.trim().to_string(),
            _ => continue,
        };
        let keys = [local_name!("property"), local_name!("name"), local_name!("itemprop"), local_name!("http-equiv")].map(|k| dom.attr(m, &k));
        for key in keys.iter().flatten() {
            for k in key.split_whitespace() {
                let k = k.to_lowercase().replace("dcterms.", "dcterm:").replace("dc.", "dc:").replace("weibo:article:", "");
                values.entry(k).or_insert_with(|| content.clone());
            }
        }
    }
    values
}

fn meta_all(dom: &Dom, metas: &[NodeId], keys: &[&str]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for &m in metas {
        let key = dom.attr(m, &local_name!("property")).or_else(|| dom.attr(m, &local_name!("name"))).unwrap_or("").to_lowercase();
        if keys.contains(&key.as_str()) {
            if let Some(content) = dom.attr(m, &local_name!("content")) {
                for part in content.split(',') {
                    let p = text::collapse(part);
                    if !p.is_empty() && !out.contains(&p) && out.len() < 50 {
                        out.push(p);
                    }
                }
            }
        }
    }
    out
}

fn document_title(dom: &Dom) -> Option<String> {
    dom.first_with_tag(DOCUMENT, &local_name!("title")).map(|t| text::collapse(&dom.text(t))).filter(|t| !t.is_empty())
}

/// "Story headline | Site name" → "Story headline". When that leaves fewer than three words, the part
/// after the first separator is tried ("Site | Story headline"); failing both, the title stays whole.
pub fn strip_site_suffix(title: &str) -> String {
    for separator in TITLE_SEPARATORS {
        let (first, last) = match (title.find(separator), title.rfind(separator)) {
            (Some(f), Some(l)) => (f, l),
            _ => continue,
        };
        let head = title[..last].trim();
        if text::count_words(head) >= 3 {
            return head.to_string();
        }
        let tail = title[first + separator.len()..].trim();
        if text::count_words(tail) >= 3 {
            return tail.to_string();
        }
        return title.to_string();
    }
    title.to_string()
}

/// Headings that name the page: its `h1`s (at most a few; a page of cards may have many).
fn main_headings(dom: &Dom, headings: &[NodeId]) -> Vec<String> {
    headings.iter().take(MAX_MAIN_HEADINGS).map(|&h| text::collapse(&dom.text(h))).collect()
}

/// A structured title that repeats the site's name after a separator ("Story headline - Site") loses it,
/// but only on evidence: the part cut off is the site's declared name, or the part kept is the page's own
/// heading. (`strip_site_suffix` guesses by word counts, for the bare `<title>` only.)
fn without_site_name(title: &str, site_name: Option<&str>, headings: &[String]) -> String {
    let same = |a: &str, b: &str| !a.is_empty() && a.to_lowercase() == b.to_lowercase();
    let names_site = |part: &str| site_name.map_or(false, |site| same(part, site.trim()));
    let is_heading = |part: &str| headings.iter().any(|h| same(part, h));
    for separator in TITLE_SEPARATORS {
        let last = match title.rfind(separator) {
            Some(at) => at,
            None => continue,
        };
        let (head, tail) = (title[..last].trim(), title[last + separator.len()..].trim());
        if names_site(tail) || is_heading(head) {
            return head.to_string();
        }
        if let Some(first) = title.find(separator) {
            let (site, story) = (title[..first].trim(), title[first + separator.len()..].trim());
            if names_site(site) || is_heading(story) {
                return story.to_string();
            }
        }
    }
    title.to_string()
}

fn html_lang(dom: &Dom) -> Option<String> {
    dom.first_with_tag(DOCUMENT, &local_name!("html")).and_then(|h| dom.attr(h, &local_name!("lang")).map(str::to_string)).filter(|l| !l.trim().is_empty())
}

fn microdata(dom: &Dom, property: &str) -> Option<String> {
    dom.descendants(DOCUMENT).into_iter().find_map(|id| {
        if dom.attr(id, &local_name!("itemprop")).map_or(false, |p| p.split_whitespace().any(|w| w == property)) {
            let value =
                dom.attr(id, &local_name!("content")).or_else(|| dom.attr(id, &local_name!("datetime"))).map(str::to_string).unwrap_or_else(|| dom.text(id));
            let value = text::collapse(&value);
            if value.is_empty() || value.len() > 200 {
                None
            } else {
                Some(value)
            }
        } else {
            None
        }
    })
}

#[derive(Default)]
struct JsonLd {
    title: Option<String>,
    author: Option<String>,
    published: Option<String>,
    site_name: Option<String>,
    description: Option<String>,
}

const ARTICLE_TYPES: &[&str] = &[
    "Article",
    "AdvertiserContentArticle",
    "NewsArticle",
    "AnalysisNewsArticle",
    "AskPublicNewsArticle",
    "BackgroundNewsArticle",
    "OpinionNewsArticle",
    "ReportageNewsArticle",
    "ReviewNewsArticle",
    "Report",
    "SatiricalArticle",
    "ScholarlyArticle",
    "MedicalScholarlyArticle",
    "SocialMediaPosting",
    "BlogPosting",
    "LiveBlogPosting",
    "DiscussionForumPosting",
    "TechArticle",
    "APIReference",
    "WebPage",
];

fn json_ld(dom: &Dom, scripts: &[NodeId]) -> JsonLd {
    for &script in scripts {
        if !dom.attr(script, &local_name!("type")).map_or(false, |t| t.eq_ignore_ascii_case("application/ld+json")) {
            continue;
        }
        let raw = dom.text(script);
        let raw = raw.trim().trim_start_matches("<![CDATA[").trim_end_matches("]]>");
        let parsed: Value = match serde_json::from_str(raw) {
            Ok(v) => v,
            Err(_) => continue,
        };
        if let Some(article) = find_article(&parsed) {
            return JsonLd {
                title: string_of(article.get("headline")).or_else(|| string_of(article.get("name"))),
                author: person_names(article.get("author")),
                published: string_of(article.get("datePublished")),
                site_name: article.get("publisher").and_then(|p| string_of(p.get("name"))),
                description: string_of(article.get("description")),
            };
        }
    }
    JsonLd::default()
}

fn find_article(value: &Value) -> Option<&Value> {
    match value {
        Value::Array(items) => items.iter().find_map(find_article),
        Value::Object(map) => {
            if let Some(graph) = map.get("@graph") {
                if let Some(found) = find_article(graph) {
                    return Some(found);
                }
            }
            let is_article = match map.get("@type") {
                Some(Value::String(t)) => ARTICLE_TYPES.contains(&t.as_str()) && t != "WebPage",
                Some(Value::Array(ts)) => ts.iter().any(|t| t.as_str().map_or(false, |t| ARTICLE_TYPES.contains(&t) && t != "WebPage")),
                _ => false,
            };
            if is_article {
                Some(value)
            } else {
                None
            }
        }
        _ => None,
    }
}

fn string_of(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        _ => None,
    }
}

fn person_names(value: Option<&Value>) -> Option<String> {
    let names: Vec<String> = match value? {
        Value::String(s) => vec![s.clone()],
        Value::Object(o) => o.get("name").and_then(|n| n.as_str()).map(|n| vec![n.to_string()]).unwrap_or_default(),
        Value::Array(items) => items
            .iter()
            .filter_map(|i| match i {
                Value::String(s) => Some(s.clone()),
                Value::Object(o) => o.get("name").and_then(|n| n.as_str()).map(str::to_string),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    };
    let names: Vec<String> = names.into_iter().map(|n| n.trim().to_string()).filter(|n| !n.is_empty()).collect();
    if names.is_empty() {
        None
    } else {
        Some(names.join(", "))
    }
}
