//! The article's end. After the story's last paragraph of prose, what a chosen container still holds is
//! mostly the site again: "More on this topic", "Back to the list", "Share this article?", a related
//! headline, a date or credit line, a contact label. Such blocks are short and are not sentences. The
//! short blocks people do keep there are: sentences (a sign-off, a closing remark, a source line), numbered
//! or measured items (steps, ingredients, "5. …"), code and table cells.
//!
//! So: below the chosen article, every text block (the paragraphs of the plain text) that comes after the
//! last block of prose (`PROSE_CHARS` or more) is removed when it is shorter than `SHORT_CHARS`, does not end
//! as a sentence, does not start with a number, holds no picture, and is not code or part of a table; a list
//! item only when it is mostly a link, and a heading only when what follows it goes too. It uses no words, so
//! it reads every language alike. On trafilatura's evaluation pages it removed 76 of the 323 boilerplate
//! segments we kept, for 24 text segments (docs/BENCHMARKS.md, "The article's end").

use crate::dom::{Dom, NodeId};
use crate::render::for_each_paragraph;
use crate::text;
use html5ever::local_name;

/// A block of at least this many characters is prose: the article's text runs at least to the last one.
const PROSE_CHARS: usize = 300;
/// After the last block of prose, a block shorter than this that is not a sentence is the site's.
const SHORT_CHARS: usize = 100;
/// A list item in the tail is the site's only when at least this share of its text is linked.
const LINKED_ITEM: f64 = 0.5;

/// One paragraph of the article's plain text: its length, its text when short (only a short one is read
/// again), and the block element that holds exactly this text when one does (only such a paragraph can be
/// removed whole).
struct TextBlock {
    chars: usize,
    short_text: Option<String>,
    leaf: Option<NodeId>,
}

/// Removes the short, sentence-less blocks after the last block of prose below `article`.
pub fn strip_short_tail(dom: &mut Dom, article: NodeId) {
    let mut blocks = Vec::new();
    for_each_paragraph(dom, article, &mut |raw, leaf| {
        let chars = text::collapsed_len(raw);
        if chars > 0 {
            blocks.push(TextBlock { chars, short_text: (chars < SHORT_CHARS).then(|| text::collapse(raw)), leaf });
        }
    });
    let last_prose = match blocks.iter().rposition(|b| b.chars >= PROSE_CHARS) {
        Some(i) => i,
        None => return,
    };
    let tail = &blocks[last_prose + 1..];
    let mut doomed: Vec<Option<NodeId>> = tail
        .iter()
        .map(|b| b.leaf.zip(b.short_text.as_deref()).filter(|&(leaf, text)| is_site_block(dom, leaf, article, text)).map(|(leaf, _)| leaf))
        .collect();
    // A heading over something that stays introduces it ("The takeaway", "Getting there").
    for i in (0..doomed.len().saturating_sub(1)).rev() {
        if doomed[i].map_or(false, |id| is_heading(dom, id)) && doomed[i + 1].is_none() {
            doomed[i] = None;
        }
    }
    for id in doomed.into_iter().flatten() {
        dom.detach(id);
    }
}

fn is_site_block(dom: &Dom, leaf: NodeId, article: NodeId, text: &str) -> bool {
    // A list item in the tail may be the article's (a feature, a step); one that is mostly a link is not.
    is_site_line(text)
        && !is_code_or_table(dom, leaf, article)
        && !holds_media(dom, leaf)
        && (!dom.is(leaf, &local_name!("li")) || dom.text_stats(leaf).link_density() >= LINKED_ITEM)
}

/// A closing picture or video is the article's even when its caption is short.
fn holds_media(dom: &Dom, leaf: NodeId) -> bool {
    dom.walk(leaf).any(|id| {
        matches!(
            *dom.local(id),
            local_name!("img")
                | local_name!("picture")
                | local_name!("video")
                | local_name!("audio")
                | local_name!("iframe")
                | local_name!("embed")
                | local_name!("object")
        )
    })
}

fn is_heading(dom: &Dom, id: NodeId) -> bool {
    matches!(*dom.local(id), local_name!("h1") | local_name!("h2") | local_name!("h3") | local_name!("h4") | local_name!("h5") | local_name!("h6"))
}

/// Short, not a sentence, and not a numbered or measured item.
fn is_site_line(text: &str) -> bool {
    text.chars().count() < SHORT_CHARS && !ends_as_sentence(text) && !text.chars().next().map_or(false, char::is_numeric)
}

/// Ends with a full stop or a semicolon (Latin, CJK, Devanagari), closing quotes and brackets aside. Not
/// `!` or `?`: "Liked the article? Share it!" is how sites talk, and people leave those lines out.
fn ends_as_sentence(text: &str) -> bool {
    let end = text.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '»' | '«' | '“' | '”' | '’' | ')' | ']'));
    end.ends_with(|c: char| matches!(c, '.' | ';' | '。' | '．' | '।'))
}

fn is_code_or_table(dom: &Dom, leaf: NodeId, article: NodeId) -> bool {
    std::iter::once(leaf)
        .chain(dom.ancestors(leaf).take_while(|&a| a != article))
        .any(|id| matches!(*dom.local(id), local_name!("pre") | local_name!("code") | local_name!("table") | local_name!("td") | local_name!("th")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_site_line_is_short_and_not_a_sentence() {
        assert!(is_site_line("More on this topic"));
        assert!(is_site_line("Liked the article? Share it!"));
        assert!(is_site_line("Back to the list »"));
        assert!(!is_site_line("See you tomorrow."));
        assert!(!is_site_line("„Wir sehen uns morgen.“"));
        assert!(!is_site_line("谢谢阅读。"));
        assert!(!is_site_line("3. Add the flour"));
        assert!(!is_site_line("120 g Butter"));
        assert!(!is_site_line(&"A long closing line without a full stop that still reads as part of the story ".repeat(2)));
    }
}
