//! RipTide's extraction module. `extract` turns HTML bytes and the page URL into the document JSON
//! of the REST contract. Built for `wasm32-unknown-unknown` with no imports; the same code runs natively
//! for unit tests and the corpus harness.

// Every `unsafe` block says why it is sound.
#![deny(clippy::undocumented_unsafe_blocks)]

mod boilerplate;
mod bytes;
mod dates;
mod dom;
mod ends;
mod entities;
mod intro;
// The module's output (`abi.rs`); natively only its tests.
#[cfg(any(target_arch = "wasm32", test))]
mod json;
mod leads;
mod memo;
mod metadata;
mod names;
mod prescan;
mod readability;
mod render;
mod signals;
#[cfg(any(target_arch = "wasm32", test))]
mod small_blocks;
mod stories;
mod tag;
mod tail;
mod text;

#[cfg(target_arch = "wasm32")]
mod abi;

#[cfg(test)]
mod tests;

use dom::{Dom, DOCUMENT};
use html5ever::tendril::{ByteTendril, TendrilSink};
use html5ever::{local_name, parse_document, ParseOpts};
use serde_json::{json, Value};
use url::Url;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Mode {
    /// The main content only.
    Article,
    /// The whole visible body.
    Full,
    /// Metadata, links and media; no text.
    Metadata,
}

#[derive(Clone, Copy, Debug)]
pub struct Options {
    pub mode: Mode,
    pub markdown: bool,
}

impl Options {
    /// Bits 0–1: mode (0 article, 1 full, 2 metadata); bit 2: skip markdown.
    pub fn from_bits(bits: u32) -> Options {
        let mode = match bits & 0b11 {
            1 => Mode::Full,
            2 => Mode::Metadata,
            _ => Mode::Article,
        };
        Options { mode, markdown: bits & 0b100 == 0 }
    }
}

/// Elements nested deeper than this make a page too complex to parse: html5ever's scope checks walk the
/// stack of open elements, so its time grows with the square of the nesting (100,000 nested `<div>`s ran
/// for minutes). Browsers build no tree deeper than 512 either; no page of either corpus reaches it.
pub(crate) const MAX_NESTING: u32 = 512;

/// Input is fed to the parser in pieces of this size, and the nesting checked after each, so that a
/// page too deep is refused after at most one piece of quadratic work.
const PARSE_CHUNK: usize = 16 * 1024;

/// The page nests elements deeper than `MAX_NESTING`.
#[derive(Debug, PartialEq, Eq)]
pub struct TooComplex;

const WORDS_PER_MINUTE: usize = 200;
const MAX_LINKS: usize = 5000;

/// Parses `html`, which is decoded as UTF-8 with invalid sequences replaced. `<noscript>` is parsed
/// as markup (scripting off): its images and text are what a reader without JavaScript sees.
pub(crate) fn parse(html: &[u8]) -> Result<Dom, TooComplex> {
    let mut opts = ParseOpts::default();
    opts.tree_builder.scripting_enabled = false;
    let slim = prescan::slim(html);
    let sink = if slim.short_names { Dom::restoring_short_names() } else { Dom::new() };
    let mut parser = parse_document(sink, opts).from_utf8();
    for chunk in slim.html.chunks(PARSE_CHUNK) {
        parser.process(ByteTendril::from_slice(chunk));
        if parser.inner_sink.tokenizer.sink.sink.deepest_nesting() > MAX_NESTING {
            return Err(TooComplex);
        }
    }
    Ok(parser.finish())
}

pub fn extract(html: &[u8], page_url: &str, options: Options) -> Result<Value, TooComplex> {
    let dom = parse(html)?;
    let nodes = dom.nodes.len();
    let page = Url::parse(page_url).ok();
    let base = base_url(&dom, page.as_ref());
    let meta = metadata::read(&dom);
    let links = links_of(&dom, base.as_ref());

    let (text_out, markdown_out, media, byline, confidence) = match options.mode {
        Mode::Metadata => (String::new(), None, Vec::new(), None, 0.0),
        Mode::Full => {
            let mut full = dom;
            let body = full.first_with_tag(DOCUMENT, &local_name!("body")).unwrap_or(DOCUMENT);
            strip_invisible(&mut full, body);
            let md = if options.markdown { Some(render::markdown(&full, body, base.as_ref())) } else { None };
            (render::plain_text(&full, body), md, media_of(&full, body, base.as_ref()), None, 0.5)
        }
        Mode::Article => match readability::find(dom, html, meta.title.as_deref()) {
            Some(article) => {
                let md = if options.markdown { Some(render::markdown(&article.dom, article.root, base.as_ref())) } else { None };
                (render::plain_text(&article.dom, article.root), md, media_of(&article.dom, article.root, base.as_ref()), article.byline, article.confidence)
            }
            None => (String::new(), None, Vec::new(), None, 0.0),
        },
    };

    let text_out = text::nfc(text_out);
    let markdown_out = markdown_out.map(text::nfc);
    let words = text::count_words(&text_out);
    let byline = meta.byline.clone().or(byline).map(text::nfc);
    let quality = quality_score(&text_out, words, confidence, meta.title.is_some(), options.mode);
    Ok(json!({
        "url": page_url,
        "canonical_url": meta.canonical.as_deref().and_then(|c| render::resolve(base.as_ref(), c)),
        "title": meta.title.map(text::nfc),
        "byline": byline,
        "published_iso": meta.published,
        "site_name": meta.site_name.map(text::nfc),
        "description": meta.description.map(text::nfc),
        "language": meta.language,
        "text": text_out,
        "markdown": markdown_out,
        "links": links,
        "media": media,
        "word_count": words,
        "reading_time_minutes": if words == 0 { 0 } else { (words + WORDS_PER_MINUTE - 1) / WORDS_PER_MINUTE },
        "quality_score": quality,
        "categories": meta.categories,
        "meta": meta.tags,
        "structured": null,
        "html": null,
        // The host fills in what only it can measure: time and memory.
        "extraction": { "engine": "wasm", "processing_time_ms": 0.0, "memory_used_bytes": 0, "nodes_processed": nodes },
    }))
}

/// The page URL, or `<base href>` resolved against it when the page declares one.
fn base_url(dom: &Dom, page: Option<&Url>) -> Option<Url> {
    let declared = dom.first_with_tag(DOCUMENT, &local_name!("base")).and_then(|b| dom.attr(b, &local_name!("href")));
    match (page, declared) {
        (Some(p), Some(href)) => p.join(href.trim()).ok().or_else(|| Some(p.clone())),
        (Some(p), None) => Some(p.clone()),
        (None, Some(href)) => Url::parse(href.trim()).ok(),
        (None, None) => None,
    }
}

fn strip_invisible(dom: &mut Dom, root: dom::NodeId) {
    for id in dom.descendants_with_tag(
        root,
        &[
            local_name!("script"),
            local_name!("style"),
            local_name!("noscript"),
            local_name!("template"),
            local_name!("svg"),
            local_name!("iframe"),
            local_name!("object"),
            local_name!("embed"),
        ],
    ) {
        dom.detach(id);
    }
}

fn links_of(dom: &Dom, base: Option<&Url>) -> Vec<Value> {
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for a in dom.descendants_with_tag(DOCUMENT, &[local_name!("a")]) {
        if out.len() >= MAX_LINKS {
            break;
        }
        let url = match dom.attr(a, &local_name!("href")).and_then(|h| render::resolve(base, h)) {
            Some(u) => u,
            None => continue,
        };
        if seen.insert(url.clone()) {
            let rel = dom.attr(a, &local_name!("rel")).map(|r| r.trim().to_string()).filter(|r| !r.is_empty());
            out.push(json!({ "url": url, "text": text::collapse(&dom.text(a)), "rel": rel }));
        }
    }
    out
}

fn media_of(dom: &Dom, root: dom::NodeId, base: Option<&Url>) -> Vec<Value> {
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for id in dom.descendants_with_tag(root, &[local_name!("img"), local_name!("video"), local_name!("audio"), local_name!("source"), local_name!("iframe")]) {
        let (kind, src) = match dom.tag(id) {
            "img" => ("image", render::image_source(dom, id)),
            "video" => ("video", dom.attr(id, &local_name!("src")).map(str::to_string)),
            "audio" => ("audio", dom.attr(id, &local_name!("src")).map(str::to_string)),
            "iframe" => ("video", dom.attr(id, &local_name!("src")).map(str::to_string)),
            _ => {
                let parent = dom.nodes[id].parent.map(|p| dom.tag(p)).unwrap_or("");
                (if parent == "audio" { "audio" } else { "video" }, dom.attr(id, &local_name!("src")).map(str::to_string))
            }
        };
        if dom.is(id, &local_name!("source")) && dom.nodes[id].parent.map_or(true, |p| dom.is(p, &local_name!("picture"))) {
            continue;
        }
        if let Some(url) = src.and_then(|s| render::resolve(base, &s)) {
            if seen.insert(url.clone()) && out.len() < MAX_LINKS {
                let alt = dom.attr(id, &local_name!("alt")).map(text::collapse).filter(|a| !a.is_empty());
                out.push(json!({ "type": kind, "url": url, "alt": alt }));
            }
        }
    }
    out
}

/// 0..1: how much this looks like a readable article: enough words in enough paragraphs, a clear
/// winner among the candidate containers, and a title.
fn quality_score(text: &str, words: usize, confidence: f64, titled: bool, mode: Mode) -> f64 {
    if mode == Mode::Metadata {
        return if titled { 0.5 } else { 0.0 };
    }
    if words == 0 {
        return 0.0;
    }
    let paragraphs = text::paragraphs(text).filter(|p| text::count_words(p) >= 8).count();
    let length = (words as f64 / 400.0).min(1.0);
    let structure = (paragraphs as f64 / 5.0).min(1.0);
    let title = if titled { 1.0 } else { 0.0 };
    let score = 0.45 * length + 0.25 * structure + 0.15 * confidence.clamp(0.0, 1.0) + 0.15 * title;
    (score * 1000.0).round() / 1000.0
}
