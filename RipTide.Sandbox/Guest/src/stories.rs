//! Pages that hold several stories. Sites that load the next article as the reader scrolls put each story in
//! an `<article>` of the same class, one after the other; the page's own story is the first, and a longer one
//! further down can outscore it. When the chosen text sits in a later one of such articles, the first one's
//! best block is chosen instead, as long as that story has text of its own (a row of same-class teaser cards
//! does not).

use crate::dom::{Dom, NodeId, DOCUMENT};
use html5ever::local_name;
use std::collections::HashMap;

/// The first story has at least this many characters of text.
const MIN_STORY_CHARS: usize = 500;
/// Its best block scores at least this share of the chosen one's.
const MIN_SCORE_SHARE: f64 = 0.2;

/// The best-scoring block of the first same-class `<article>` on the page, when `top` sits in a later one.
pub fn first_story(dom: &Dom, top: NodeId, scores: &HashMap<NodeId, f64>) -> Option<NodeId> {
    let story = std::iter::once(top).chain(dom.ancestors(top)).find(|&a| dom.is(a, &local_name!("article")))?;
    let class = dom.attr(story, &local_name!("class")).filter(|c| !c.trim().is_empty())?;
    // Node ids follow document order: the first article of that class, unless it holds the chosen one.
    let first = dom
        .descendants_with_tag(DOCUMENT, &[local_name!("article")])
        .into_iter()
        .find(|&a| dom.attr(a, &local_name!("class")) == Some(class) && !dom.ancestors(story).any(|x| x == a))
        .filter(|&a| a < story)?;
    if dom.text_stats(first).chars < MIN_STORY_CHARS {
        return None;
    }
    let top_score = scores.get(&top).copied().unwrap_or(0.0);
    std::iter::once(first)
        .chain(dom.walk(first))
        .filter_map(|n| scores.get(&n).map(|&s| (n, s)))
        .filter(|&(_, s)| s >= MIN_SCORE_SHARE * top_score)
        .fold(None, |best: Option<(NodeId, f64)>, (n, s)| if best.map_or(true, |(_, b)| s > b) { Some((n, s)) } else { best })
        .map(|(n, _)| n)
}
