//! The text's first paragraph, left outside the chosen container. Many pages put the opening paragraph (a
//! deck, a summary, the first paragraph set in a larger font) in the article's header, beside the title,
//! and the rest in a sibling container that the scoring picks. `leads.rs` finds such a paragraph by its
//! class name; this finds it by where it is when it has none: the last paragraph of prose before the
//! container, with little text between them (a title, a byline, a date) and a near common ancestor.

use crate::dom::{Dom, NodeData, NodeId};
use html5ever::local_name;

/// At most this much text lies between the paragraph and the container.
const MAX_GAP_CHARS: usize = 600;
/// The paragraph and the container share an ancestor at most this many levels above the container.
const MAX_LEVELS_UP: usize = 5;
/// A paragraph of prose: this long at least, and mostly not linked.
const MIN_CHARS: usize = 100;
const MAX_LINK_DENSITY: f64 = 0.2;
/// Nodes looked at, at most: a page of thousands of empty elements before the text costs no more.
const MAX_STEPS: usize = 2000;

/// The last paragraph of prose before `top` in document order, if it is near enough to be the text's opening.
pub fn before(dom: &Dom, top: NodeId) -> Option<NodeId> {
    let mut levels = 0;
    let mut seen = 0usize;
    let mut node = top;
    for _ in 0..MAX_STEPS {
        // One step back in document order: the previous sibling's last descendant, or else the parent.
        node = match dom.nodes[node].prev {
            Some(mut prev) => {
                while let Some(last) = dom.nodes[prev].last_child {
                    prev = last;
                }
                prev
            }
            None => {
                let parent = dom.nodes[node].parent?;
                if dom.ancestors(top).take(MAX_LEVELS_UP).any(|a| a == parent) {
                    levels += 1;
                    if levels >= MAX_LEVELS_UP || matches!(*dom.local(parent), local_name!("body") | local_name!("html")) {
                        return None;
                    }
                    node = parent;
                    continue;
                }
                parent
            }
        };
        match &dom.nodes[node].data {
            // A block's own text is judged with the block, reached after it.
            NodeData::Text(t) if !dom.ancestors(node).any(|a| is_block_of_text(dom, a)) => seen += crate::text::collapsed_len(t),
            NodeData::Element(_) if is_block_of_text(dom, node) => {
                let stats = dom.text_stats(node);
                if stats.chars >= MIN_CHARS && stats.link_density() <= MAX_LINK_DENSITY && !is_aside(dom, node) {
                    return Some(node);
                }
                seen += stats.chars;
            }
            _ => {}
        }
        if seen > MAX_GAP_CHARS {
            return None;
        }
    }
    None
}

/// A paragraph, or a subheading (a long one is a deck: "Engineers spent a year…").
fn is_block_of_text(dom: &Dom, id: NodeId) -> bool {
    matches!(*dom.local(id), local_name!("p") | local_name!("h2") | local_name!("h3") | local_name!("h4") | local_name!("h5") | local_name!("h6"))
}

/// A caption, a quotation or a list item is not the text's opening.
fn is_aside(dom: &Dom, p: NodeId) -> bool {
    dom.ancestors(p).any(|a| matches!(*dom.local(a), local_name!("figure") | local_name!("figcaption") | local_name!("blockquote") | local_name!("li")))
}
