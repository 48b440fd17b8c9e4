//! The last pass over a chosen article: removes what sits inside article containers without being the
//! article. Readability's cleaning judges containers (`div`, `table`, `ul`) by their score and links; what
//! it leaves are small blocks that read like text but that people leave out: photo credits and short
//! captions, author boxes, post meta (tags, categories, reading time, copyright lines), reply forms,
//! ratings, and "read also" teasers (a short paragraph or heading: a label such as "Read more:", then
//! mostly a link).
//!
//! Every rule is bounded by length: a block long enough to be prose is never removed here, whatever its
//! class says. Measured on trafilatura's evaluation pages (docs/BENCHMARKS.md), each rule removed more
//! boilerplate segments than text segments; captions stay when descriptive, because Readability's own
//! output (the readability set's truth) keeps them and the trafilatura set's judges drop the short ones.

use crate::dom::{Dom, NodeData, NodeId};
use crate::signals::Matches;
use html5ever::{local_name, LocalName};

/// Furniture is removed only below this many characters of text.
const MAX_FURNITURE_CHARS: usize = 400;
/// A caption or credit is removed only below this many characters: longer ones describe the picture (and
/// Readability's output, the readability set's truth, keeps them; 80 → 120 cost that set 0.001 F1 for ten
/// boilerplate segments on the people-judged set, docs/BENCHMARKS.md).
const MAX_CAPTION_CHARS: usize = 120;
/// A paragraph or heading shorter than this whose text is mostly inside links is a teaser for another page.
const MAX_TEASER_CHARS: usize = 200;
const TEASER_LINK_DENSITY: f64 = 0.6;
/// The label before a teaser's link ("Lea también:", "Schon gelesen?") is at most this many characters.
const MAX_TEASER_LABEL_CHARS: usize = 40;

/// Removes furniture and teasers below `article`.
pub fn strip(dom: &mut Dom, article: NodeId) {
    let mut doomed = Vec::new();
    let mut node = dom.nodes[article].first_child;
    while let Some(id) = node {
        let remove = dom.is_element(id) && (is_furniture(dom, id) || is_teaser(dom, id));
        if remove {
            doomed.push(id);
        }
        node = dom.next_below(article, id, remove);
    }
    for id in doomed {
        dom.detach(id);
    }
    strip_emphasised_tail(dom, article);
}

/// A closing line in bold or italics is removed only below this many characters.
const MAX_TAIL_CHARS: usize = 400;
/// The share of a paragraph's text in bold or italics that makes it emphasised.
const EMPHASISED_SHARE: f64 = 0.9;

/// The article's last paragraphs, when each is short, wholly in bold or italics and holds a link, are the
/// site talking, not the story: "Follow us on …", "Subscribe to …", "Read our other story …". The run ends
/// at the first paragraph (from the end) that is not, so emphasis inside the story stays. Without the link
/// condition, sign-offs and closing lines in italics went too, which people count as text.
fn strip_emphasised_tail(dom: &mut Dom, article: NodeId) {
    let paragraphs = dom.descendants_with_tag(article, &[local_name!("p")]);
    let mut tail = Vec::new();
    for &id in paragraphs.iter().rev() {
        let chars = dom.text_stats(id).chars;
        if chars == 0 {
            continue;
        }
        let linked = dom.first_with_tag(id, &local_name!("a")).is_some();
        if chars >= MAX_TAIL_CHARS || !linked || (emphasised_chars(dom, id, false) as f64) < EMPHASISED_SHARE * chars as f64 {
            break;
        }
        tail.push(id);
    }
    // An article that is nothing but such lines is left as it is.
    if tail.len() < paragraphs.len() {
        for id in tail {
            dom.detach(id);
        }
    }
}

/// Characters of text below `id` inside `strong`, `b`, `em` or `i` (`inside`: `id` itself is one of them).
fn emphasised_chars(dom: &Dom, id: NodeId, inside: bool) -> usize {
    let mut chars = 0;
    for child in dom.children(id) {
        match &dom.nodes[child].data {
            NodeData::Text(t) if inside => chars += crate::text::collapsed_len(t),
            NodeData::Element(e) => {
                let emphasis = matches!(e.name.local, local_name!("strong") | local_name!("b") | local_name!("em") | local_name!("i"));
                chars += emphasised_chars(dom, child, inside || emphasis);
            }
            _ => {}
        }
    }
    chars
}

fn is_furniture(dom: &Dom, id: NodeId) -> bool {
    let matches = Matches::of(dom.attr(id, &local_name!("class")), dom.attr(id, &local_name!("id")));
    let limit = if dom.is(id, &local_name!("figcaption")) || matches.is_caption() {
        MAX_CAPTION_CHARS
    } else if matches.is_furniture() || matches.is_unlikely_if_short() {
        MAX_FURNITURE_CHARS
    } else {
        return false;
    };
    dom.text_stats(id).chars < limit
}

fn is_teaser(dom: &Dom, id: NodeId) -> bool {
    if !is_teaser_tag(dom.local(id)) {
        return false;
    }
    let stats = dom.text_stats(id);
    if stats.chars == 0 || stats.chars >= MAX_TEASER_CHARS || stats.link_density() < TEASER_LINK_DENSITY {
        return false;
    }
    // A paragraph that is only a link is too often the article's own (a source, a download): only a
    // labelled one is a teaser.
    let label = label_before_link(dom, id);
    let label = label.trim();
    !label.is_empty() && label.chars().count() <= MAX_TEASER_LABEL_CHARS && (label.ends_with(':') || label.ends_with('?'))
}

fn is_teaser_tag(tag: &LocalName) -> bool {
    matches!(*tag, local_name!("p") | local_name!("h2") | local_name!("h3") | local_name!("h4") | local_name!("h5") | local_name!("h6"))
}

/// The element's text before its first link.
fn label_before_link(dom: &Dom, id: NodeId) -> String {
    let mut label = String::new();
    for n in dom.walk(id) {
        if dom.is(n, &local_name!("a")) {
            break;
        }
        if let NodeData::Text(t) = &dom.nodes[n].data {
            label.push_str(t);
        }
    }
    label
}
