//! Leads that the container choice leaves behind. Many sites put the standfirst (lead, intro, excerpt,
//! summary) in the article's header, beside the title, and the text in a sibling container: the scoring
//! picks the text's container, and the lead, often the article's first and best paragraph, is lost (or was
//! removed with a header the first attempt read as furniture). A lead is looked for before the tree is
//! cleaned and put back in front of the article when it sits just before the chosen container.

use crate::dom::{Dom, NodeData, NodeId};
use crate::signals::Matches;
use html5ever::{local_name, LocalName};

/// A lead has at least this many characters of text, and at most `MAX_LEAD_CHARS`.
const MIN_LEAD_CHARS: usize = 40;
const MAX_LEAD_CHARS: usize = 1500;
/// A lead is text, not a list of links.
const MAX_LEAD_LINK_DENSITY: f64 = 0.3;
/// Lead-named elements considered, in document order (a page of teaser cards has many).
const MAX_CANDIDATES: usize = 3;
/// The lead and the chosen container share an ancestor at most this many levels above the container.
const MAX_REACH: usize = 4;

/// A lead as found before cleaning: the element and its ancestors then (cleaning may detach them).
pub struct Lead {
    id: NodeId,
    ancestors: Vec<NodeId>,
}

/// The lead-named elements below `body` that read like a lead, before anything is removed.
pub fn find(dom: &Dom, body: NodeId) -> Vec<Lead> {
    dom.walk(body)
        .filter(|&id| can_be_lead(dom.local(id)) && Matches::of(dom.attr(id, &local_name!("class")), dom.attr(id, &local_name!("id"))).is_lead())
        .filter(|&id| {
            let stats = dom.text_stats(id);
            (MIN_LEAD_CHARS..=MAX_LEAD_CHARS).contains(&stats.chars) && stats.link_density() <= MAX_LEAD_LINK_DENSITY
        })
        .take(MAX_CANDIDATES)
        // A div around one paragraph gives way to the paragraph before scoring (readability.rs): the
        // paragraph is the lead that will still be there.
        .map(|id| crate::readability::single_child_paragraph(dom, id).filter(|_| dom.is(id, &local_name!("div"))).unwrap_or(id))
        .map(|id| Lead { id, ancestors: dom.ancestors(id).collect() })
        .collect()
}

/// Leads are paragraphs, their wrappers and subheadings (asking only these keeps the search to a few
/// elements of every page).
fn can_be_lead(tag: &LocalName) -> bool {
    matches!(*tag, local_name!("p") | local_name!("div") | local_name!("h2") | local_name!("section") | local_name!("span"))
}

/// The first lead that comes before the text left in `top` and shared a near ancestor with it before
/// cleaning, unless `top` holds it now. Node ids follow document order for parsed nodes; `first_made` is the
/// first id made after parsing.
pub fn belonging_to(dom: &Dom, top: NodeId, leads: Vec<Lead>, first_made: NodeId) -> Option<NodeId> {
    // Where the chosen text starts: its first parsed text still there (a removed header's is not).
    let top_start = dom.walk(top).filter(|&n| n < first_made && matches!(&dom.nodes[n].data, NodeData::Text(t) if !t.trim().is_empty())).min()?;
    // The container itself counts: the lead may have been inside it, in a header the first attempt removed.
    let near: Vec<NodeId> = std::iter::once(top)
        .chain(dom.ancestors(top))
        .take(MAX_REACH + 1)
        .filter(|&a| dom.is_element(a) && !matches!(*dom.local(a), local_name!("body") | local_name!("html")))
        .collect();
    leads
        .into_iter()
        // Neither inside the container now, nor around it (moving an ancestor would bring its other children).
        .find(|lead| {
            lead.id < top_start
                && lead.ancestors.iter().any(|a| near.contains(a))
                && !dom.ancestors(lead.id).any(|a| a == top)
                && lead.id != top
                && !dom.ancestors(top).any(|a| a == lead.id)
        })
        .map(|lead| lead.id)
}

/// Puts `lead` first in `article`, out of wherever it is now.
pub fn restore(dom: &mut Dom, article: NodeId, lead: NodeId) {
    match dom.nodes[article].first_child {
        Some(first) => {
            use html5ever::tree_builder::{NodeOrText, TreeSink};
            dom.detach(lead);
            dom.append_before_sibling(&first, NodeOrText::AppendNode(lead));
        }
        None => dom.append_child(article, lead),
    }
}
