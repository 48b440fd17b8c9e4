//! Main-content detection: score paragraph-like blocks, let the scores flow to their containers, pick the
//! best container, merge its worthy siblings, then remove what still looks like furniture. When the
//! result is too short, run again with fewer filters and keep the longest attempt.

use crate::dom::{Dom, NodeData, NodeId};
use crate::signals;
use crate::text;
use html5ever::{local_name, namespace_url, ns, LocalName, QualName};
use std::collections::HashMap;

fn is_scored_tag(tag: &LocalName) -> bool {
    matches!(
        *tag,
        local_name!("section")
            | local_name!("h2")
            | local_name!("h3")
            | local_name!("h4")
            | local_name!("h5")
            | local_name!("h6")
            | local_name!("p")
            | local_name!("td")
            | local_name!("pre")
    )
}
/// Elements that make a `div` a container rather than a paragraph (a `match`, not a list scan: this
/// runs for every node below every `div`).
fn is_block_tag(tag: &LocalName) -> bool {
    matches!(
        *tag,
        local_name!("blockquote")
            | local_name!("dl")
            | local_name!("div")
            | local_name!("img")
            | local_name!("ol")
            | local_name!("p")
            | local_name!("pre")
            | local_name!("table")
            | local_name!("ul")
            | local_name!("section")
            | local_name!("article")
            | local_name!("aside")
            | local_name!("header")
            | local_name!("footer")
            | local_name!("nav")
            | local_name!("figure")
            | local_name!("h1")
            | local_name!("h2")
            | local_name!("h3")
            | local_name!("h4")
            | local_name!("h5")
            | local_name!("h6")
            | local_name!("hr")
            | local_name!("form")
            | local_name!("fieldset")
            | local_name!("main")
            | local_name!("address")
            | local_name!("details")
            | local_name!("li")
            | local_name!("iframe")
            | local_name!("video")
            | local_name!("select")
    )
}
fn is_always_removed(tag: &LocalName) -> bool {
    matches!(
        *tag,
        local_name!("script")
            | local_name!("style")
            | local_name!("noscript")
            | local_name!("template")
            | local_name!("link")
            | local_name!("meta")
            | local_name!("object")
            | local_name!("embed")
            | local_name!("button")
            | local_name!("input")
            | local_name!("select")
            | local_name!("textarea")
            | local_name!("dialog")
            // Ruby annotations (furigana) are a reading aid printed above the text, not words of it.
            | local_name!("rt")
            | local_name!("rp")
    )
}
/// An attempt whose text is at least this long is kept; a shorter one makes the next, laxer attempt run.
const MIN_ARTICLE_CHARS: usize = 500;
/// When every attempt comes out short, the earliest one with at least this share of the longest one's text wins.
const EARLIER_ATTEMPT_SHARE: f64 = 0.5;
/// A `<noscript>` block is read, in the last attempt, only with this much text ("enable JavaScript" is shorter).
const MIN_NOSCRIPT_TEXT_CHARS: usize = 200;
/// Blocks with less text than this are not scored.
const MIN_PARAGRAPH_CHARS: usize = 25;
/// Candidates compared when choosing the article container.
const TOP_CANDIDATES: usize = 5;
/// A heading this similar to the page title repeats it.
const TITLE_SIMILARITY: f64 = 0.75;
/// A byline longer than this (in bytes) is prose, not a byline.
const MAX_BYLINE_LEN: usize = 100;
/// A byline-named element that opens a paragraph is a dateline, and stays, when the paragraph has this many
/// characters more than twice its own.
const MIN_PARAGRAPH_AFTER_DATELINE: usize = 40;
/// A `div` wrapping a single paragraph is scored as that paragraph below this link density.
const SINGLE_PARAGRAPH_MAX_LINK_DENSITY: f64 = 0.25;
/// Ancestors of a block that share its points.
const SCORED_ANCESTORS: usize = 5;
/// Points a block earns per this many characters, up to `MAX_LENGTH_POINTS`.
const CHARS_PER_POINT: usize = 100;
const MAX_LENGTH_POINTS: f64 = 3.0;
/// A runner-up scoring at least this share of the top candidate is strong; `STRONG_TO_PROMOTE` strong
/// runners-up inside one ancestor make that ancestor the article.
const STRONG_SHARE: f64 = 0.75;
const STRONG_TO_PROMOTE: usize = 3;
/// Walking up from the chosen container stops at a parent scoring below its score divided by this.
const PARENT_SCORE_DIVISOR: f64 = 3.0;
/// A sibling joins the article when it scores this share of the top candidate, and at least
/// `MIN_SIBLING_SCORE`; one that shares the top candidate's class gets the same share as a bonus.
const SIBLING_SHARE: f64 = 0.2;
const MIN_SIBLING_SCORE: f64 = 10.0;
/// A sibling paragraph longer than this (in characters) joins below `PROSE_MAX_LINK_DENSITY`; a shorter one
/// only without links and when it reads as a sentence.
const LONG_PARAGRAPH_CHARS: usize = 80;
const PROSE_MAX_LINK_DENSITY: f64 = 0.25;
/// A block named by a word in `signals`' "unlikely if short" list is removed, in every attempt, below this many characters.
const MAX_SHORT_FURNITURE_CHARS: usize = 1000;
/// Share rows and the like are removed when their text is shorter than this.
const MAX_SHARE_CHARS: usize = 500;
/// An element with this many commas is prose and stays.
const PROSE_COMMAS: usize = 10;
/// List items count against a block only beyond this many (so lists of links are judged by other tests).
const LIST_ITEM_ALLOWANCE: f64 = 100.0;
/// A block whose text is at least this share lists is a list.
const LIST_SHARE: f64 = 0.9;
/// Link density that removes a block without a positive class weight, and one with it.
const MAX_LINK_DENSITY: f64 = 0.2;
const MAX_LINK_DENSITY_WEIGHTED: f64 = 0.5;
/// Class weight at which a block counts as content-like.
const CONTENT_WEIGHT: f64 = 25.0;
/// A single embed with less text than this is furniture around a player.
const MIN_EMBED_CAPTION_CHARS: usize = 75;
/// Below this many paragraphs per image (with more than one image), a block is a gallery of furniture.
const MIN_PARAGRAPHS_PER_IMAGE: f64 = 0.5;
/// Inputs beyond one per this many paragraphs make a block a form.
const PARAGRAPHS_PER_INPUT: f64 = 3.0;
/// A short block with more images than this is an image strip, not a figure.
const MAX_SHORT_BLOCK_IMAGES: f64 = 2.0;
/// A layout table is read as a data table when it is this large: rows, columns or cells.
const DATA_TABLE_ROWS: usize = 10;
const DATA_TABLE_COLUMNS: usize = 4;
const DATA_TABLE_CELLS: usize = 10;

#[derive(Clone, Copy)]
struct Flags {
    strip_unlikely: bool,
    weight_classes: bool,
    clean_conditionally: bool,
    /// Read `<noscript>` blocks with text as part of the page (they are dropped otherwise).
    read_noscript: bool,
}

/// One candidate container and its score (after link density).
#[derive(Clone, Copy)]
struct Candidate {
    id: NodeId,
    score: f64,
}

/// What one attempt found in the tree: the container it built, and what it learned on the way.
struct Found {
    root: NodeId,
    byline: Option<String>,
    confidence: f64,
}

/// An attempt kept in case no later one reaches `MIN_ARTICLE_CHARS`, with its text length.
struct Short {
    length: usize,
    article: Article,
}

/// What the content finder produced: a container node holding the article, plus what it learned.
pub struct Article {
    pub dom: Dom,
    pub root: NodeId,
    pub byline: Option<String>,
    /// How clearly one container won (its score against the runner-up), 0..1; feeds the quality score.
    pub confidence: f64,
}

/// Finds the article in `dom`, which it consumes. Only when the first attempt comes out too short is the
/// page parsed again (from `html`) for the next: cheaper than cloning every tree for a rare retry.
pub fn find(dom: Dom, html: &[u8], title: Option<&str>) -> Option<Article> {
    let attempts = [
        Flags { strip_unlikely: true, weight_classes: true, clean_conditionally: true, read_noscript: false },
        Flags { strip_unlikely: false, weight_classes: true, clean_conditionally: true, read_noscript: false },
        Flags { strip_unlikely: false, weight_classes: false, clean_conditionally: true, read_noscript: false },
        Flags { strip_unlikely: false, weight_classes: false, clean_conditionally: false, read_noscript: false },
        // Last, for pages that keep their whole text in `<noscript>` for readers without JavaScript (the
        // script builds it otherwise): earlier, such a block is usually a second copy of the text or a
        // notice, and reading it would double or derail the article.
        Flags { strip_unlikely: true, weight_classes: true, clean_conditionally: true, read_noscript: true },
    ];
    let mut tried: Vec<Short> = Vec::new();
    let mut first = Some(dom);
    for flags in attempts.iter() {
        if flags.read_noscript && !crate::bytes::contains_ignore_case(html, b"<noscript") {
            break;
        }
        let mut tree = match first.take() {
            Some(d) => d,
            // The same bytes parsed once already, so they cannot be too complex now.
            None => match crate::parse(html) {
                Ok(dom) => dom,
                Err(_) => break,
            },
        };
        let article = match attempt(&mut tree, *flags, title) {
            Some(found) => Article { dom: tree, root: found.root, byline: found.byline, confidence: found.confidence },
            None => continue,
        };
        let length = text::collapsed_len(&article.dom.text(article.root));
        if length >= MIN_ARTICLE_CHARS {
            return Some(article);
        }
        // Readability takes the longest; but what a later attempt adds is mostly what it no longer removes (an
        // author box, comments, a footer), so an earlier attempt with a fair share of that length is the story.
        // Trees that can no longer win are dropped at once: those under half the longest, and every one after an
        // attempt with half the text of an attempt that would have been kept outright (no short one can outgrow it).
        tried.push(Short { length, article });
        let longest = tried.iter().map(|t| t.length).max().unwrap_or(0);
        tried.retain(|t| may_be_chosen(t.length, longest));
        if let Some(sure) = tried.iter().position(|t| may_be_chosen(t.length, MIN_ARTICLE_CHARS)) {
            tried.truncate(sure + 1);
        }
    }
    tried.into_iter().next().map(|t| t.article)
}

/// Whether a short attempt with `length` characters of text can be chosen beside one with `longest`: the
/// earliest that can is.
fn may_be_chosen(length: usize, longest: usize) -> bool {
    length as f64 >= longest as f64 * EARLIER_ATTEMPT_SHARE
}

fn attempt(dom: &mut Dom, flags: Flags, title: Option<&str>) -> Option<Found> {
    let body = find_body(dom)?;
    let first_made = dom.nodes.len();
    let leads = crate::leads::find(dom, body);
    let mut byline = None;
    let to_score = prepare(dom, body, flags, title, &mut byline);
    let mut scores: HashMap<NodeId, f64> = HashMap::new();
    score_blocks(dom, &to_score, flags, &mut scores);

    let stats = dom.all_text_stats(body);
    let mut candidates: Vec<Candidate> = scores
        .iter()
        .map(|(&id, &score)| {
            let density = stats.get(id).copied().unwrap_or_default().link_density();
            Candidate { id, score: score * (1.0 - density) }
        })
        .collect();
    for candidate in candidates.iter() {
        scores.insert(candidate.id, candidate.score);
    }
    candidates.sort_by(|a, b| b.score.partial_cmp(&a.score).unwrap_or(std::cmp::Ordering::Equal).then(a.id.cmp(&b.id)));
    candidates.truncate(TOP_CANDIDATES);

    let (top, confidence) = match candidates.first() {
        Some(&Candidate { id, score }) if !dom.is(id, &local_name!("body")) => {
            let id = crate::stories::first_story(dom, id, &scores).unwrap_or(id);
            let runner_up = candidates.get(1).map_or(0.0, |c| c.score);
            let top = promote(dom, id, &candidates, &scores);
            (top, if score <= 0.0 { 0.0 } else { ((score - runner_up) / score).clamp(0.0, 1.0) })
        }
        _ => (wrap_children(dom, body), 0.0),
    };

    let lead = crate::leads::belonging_to(dom, top, leads, first_made);
    let intro = if lead.is_none() { crate::intro::before(dom, top) } else { None };
    let article = gather_siblings(dom, top, &scores);
    if let Some(lead) = lead.or(intro) {
        if !dom.ancestors(lead).any(|a| a == article) {
            crate::leads::restore(dom, article, lead);
        }
    }
    clean_article(dom, article, flags);
    Some(Found { root: article, byline, confidence })
}

fn find_body(dom: &Dom) -> Option<NodeId> {
    dom.first_with_tag(crate::dom::DOCUMENT, &local_name!("body"))
}

/// What an element's class and id say about it.
fn class_and_id(dom: &Dom, id: NodeId) -> signals::Matches {
    signals::Matches::of(dom.attr(id, &local_name!("class")), dom.attr(id, &local_name!("id")))
}

/// What an element's class and id weigh: ±25 each for content-like or furniture-like words.
fn class_weight(dom: &Dom, id: NodeId) -> f64 {
    signals::class_weight(dom.attr(id, &local_name!("class")), dom.attr(id, &local_name!("id")))
}

fn is_hidden(dom: &Dom, id: NodeId) -> bool {
    if dom.attr(id, &local_name!("hidden")).is_some() || dom.attr(id, &local_name!("aria-hidden")) == Some("true") {
        // Wikipedia-style math keeps a hidden fallback that readers still want.
        return !dom.attr(id, &local_name!("class")).map_or(false, |c| c.contains("fallback-image"));
    }
    match dom.attr(id, &local_name!("style")) {
        Some(style) => {
            let s: String = style.to_lowercase().chars().filter(|c| !c.is_whitespace()).collect();
            s.contains("display:none") || s.contains("visibility:hidden")
        }
        None => false,
    }
}

/// One pass over the body: drop hidden and unlikely nodes, the byline and a heading that repeats the
/// title; turn text-only `div`s into paragraphs; return the blocks to score.
fn prepare(dom: &mut Dom, body: NodeId, flags: Flags, title: Option<&str>, byline: &mut Option<String>) -> Vec<NodeId> {
    let formula_holders = if dom.has_math && flags.strip_unlikely { formula_holders(dom, body) } else { Vec::new() };
    let mut to_score = Vec::new();
    let mut node = dom.nodes[body].first_child;
    let mut seen_title_heading = false;
    while let Some(id) = node {
        if !dom.is_element(id) {
            node = dom.next_below(body, id, true);
            continue;
        }
        // An atom clone, not a string copy: the tree is mutated below, so the name cannot stay borrowed.
        let atom: LocalName = match dom.element(id) {
            Some(e) => e.name.local.clone(),
            None => continue,
        };
        let tag = &atom;
        let remove = |dom: &mut Dom, id: NodeId| -> Option<NodeId> {
            let next = dom.next_below(body, id, true);
            dom.detach(id);
            next
        };
        let read = flags.read_noscript && *tag == local_name!("noscript") && dom.text_stats(id).chars >= MIN_NOSCRIPT_TEXT_CHARS;
        if (is_always_removed(tag) && !read) || is_hidden(dom, id) {
            node = remove(dom, id);
            continue;
        }
        let matches = class_and_id(dom, id);
        if byline.is_none() && signals::is_byline(matches, dom.attr(id, &local_name!("rel")), dom.attr(id, &local_name!("itemprop"))) {
            let candidate = text::collapse(&dom.text(id));
            // A dateline that opens a paragraph ("KOBE – A total of…") is the paragraph's first words.
            let opens_paragraph = dom.nodes[id].parent.filter(|&p| dom.is(p, &local_name!("p"))).map_or(false, |p| {
                let paragraph = text::collapse(&dom.text(p));
                paragraph.starts_with(&candidate) && paragraph.chars().count() > 2 * candidate.chars().count() + MIN_PARAGRAPH_AFTER_DATELINE
            });
            if !candidate.is_empty() && candidate.len() < MAX_BYLINE_LEN && !opens_paragraph {
                *byline = Some(candidate);
                node = remove(dom, id);
                continue;
            }
        }
        if !seen_title_heading && matches!(*tag, local_name!("h1") | local_name!("h2")) {
            if let Some(t) = title {
                if text::similarity(t, &dom.text(id)) > TITLE_SIMILARITY {
                    seen_title_heading = true;
                    node = remove(dom, id);
                    continue;
                }
            }
        }
        // Notices (share rows, cookies, consent, newsletters, paywalls) are never the article, whatever the attempt: a
        // later attempt that kept them chose a cookie banner over a short story.
        let notice = matches.is_unlikely_if_short() && tag != "body" && dom.text_stats(id).chars < MAX_SHORT_FURNITURE_CHARS;
        if notice {
            node = remove(dom, id);
            continue;
        }
        if flags.strip_unlikely {
            // A formula's wrapper (MathJax's is classed "CtxtMenu") is named for its widget, not its content.
            let unlikely = matches.is_unlikely_candidate()
                && tag != "body"
                && tag != "a"
                && !dom.ancestors(id).any(|a| matches!(*dom.local(a), local_name!("table") | local_name!("code")))
                && !formula_holders.get(id).copied().unwrap_or(false);
            if unlikely || dom.attr(id, &local_name!("role")).map_or(false, signals::is_unlikely_role) {
                node = remove(dom, id);
                continue;
            }
        }
        if matches!(
            *tag,
            local_name!("div")
                | local_name!("section")
                | local_name!("header")
                | local_name!("h1")
                | local_name!("h2")
                | local_name!("h3")
                | local_name!("h4")
                | local_name!("h5")
                | local_name!("h6")
        ) && is_empty_container(dom, id)
        {
            node = remove(dom, id);
            continue;
        }
        if is_scored_tag(tag) {
            to_score.push(id);
        }
        if *tag == local_name!("div") {
            wrap_phrasing_runs(dom, id);
            if let Some(only) = single_child_paragraph(dom, id) {
                // A div that only wraps one paragraph is that paragraph: it takes the div's place, so the
                // paragraph's score goes to the container around it, not to a wrapper of one.
                if link_density(dom, id) < SINGLE_PARAGRAPH_MAX_LINK_DENSITY {
                    insert_before(dom, id, only);
                    dom.detach(id);
                    to_score.push(only);
                    node = dom.next_below(body, only, false);
                    continue;
                }
            } else if !has_block_child(dom, id) {
                dom.rename(id, "p");
                to_score.push(id);
            }
        }
        node = dom.next_below(body, id, false);
    }
    to_score
}

/// Which nodes hold a `<math>` below them, by node id: one climb from each formula, stopping where an earlier
/// climb already passed, so the whole page costs one walk however deep the formulas sit.
fn formula_holders(dom: &Dom, body: NodeId) -> Vec<bool> {
    let mut holds = vec![false; dom.nodes.len()];
    for math in dom.walk(body).filter(|&n| dom.is(n, &local_name!("math"))) {
        for ancestor in dom.ancestors(math) {
            if std::mem::replace(&mut holds[ancestor], true) {
                break;
            }
        }
    }
    holds
}

fn is_empty_container(dom: &Dom, id: NodeId) -> bool {
    let has_text = dom.walk(id).any(|n| matches!(&dom.nodes[n].data, NodeData::Text(t) if !t.trim().is_empty()));
    if has_text {
        return false;
    }
    dom.element_children(id).iter().all(|&c| matches!(*dom.local(c), local_name!("br") | local_name!("hr")))
}

fn has_block_child(dom: &Dom, id: NodeId) -> bool {
    dom.walk(id).any(|d| is_block_tag(dom.local(d)))
}

pub(crate) fn single_child_paragraph(dom: &Dom, id: NodeId) -> Option<NodeId> {
    let elements = dom.element_children(id);
    if elements.len() != 1 || !dom.is(elements[0], &local_name!("p")) {
        return None;
    }
    let stray_text = dom.children(id).any(|c| matches!(&dom.nodes[c].data, NodeData::Text(t) if !t.trim().is_empty()));
    if stray_text {
        None
    } else {
        Some(elements[0])
    }
}

/// Inside a `div` that mixes blocks with loose text, each run of loose text and inline elements becomes
/// its own paragraph, so that it can be scored like one.
fn wrap_phrasing_runs(dom: &mut Dom, div: NodeId) {
    if !dom.children(div).any(|c| is_block_tag(dom.local(c))) {
        return;
    }
    let children: Vec<NodeId> = dom.children(div).collect();
    let mut run: Vec<NodeId> = Vec::new();
    let mut runs: Vec<Vec<NodeId>> = Vec::new();
    for child in children {
        let is_block = dom.is_element(child) && (is_block_tag(dom.local(child)) || dom.is(child, &local_name!("br")) && run.is_empty());
        if is_block {
            if !run.is_empty() {
                runs.push(std::mem::take(&mut run));
            }
        } else {
            run.push(child);
        }
    }
    if !run.is_empty() {
        runs.push(run);
    }
    for run in runs {
        let has_text = run.iter().any(|&n| !dom.text(n).trim().is_empty());
        if !has_text {
            continue;
        }
        let paragraph = new_element(dom, "p");
        insert_before(dom, run[0], paragraph);
        for n in run {
            dom.append_child(paragraph, n);
        }
    }
}

fn new_element(dom: &mut Dom, tag: &str) -> NodeId {
    use html5ever::tree_builder::{ElementFlags, TreeSink};
    let name = QualName::new(None, ns!(html), LocalName::from(tag));
    dom.create_element(name, Vec::new(), ElementFlags::default())
}

fn insert_before(dom: &mut Dom, sibling: NodeId, node: NodeId) {
    use html5ever::tree_builder::{NodeOrText, TreeSink};
    dom.append_before_sibling(&sibling, NodeOrText::AppendNode(node));
}

fn initial_score(dom: &Dom, id: NodeId, flags: Flags) -> f64 {
    let base = match *dom.local(id) {
        local_name!("div") => 5.0,
        local_name!("pre") | local_name!("td") | local_name!("blockquote") => 3.0,
        local_name!("address")
        | local_name!("ol")
        | local_name!("ul")
        | local_name!("dl")
        | local_name!("dd")
        | local_name!("dt")
        | local_name!("li")
        | local_name!("form") => -3.0,
        local_name!("h1") | local_name!("h2") | local_name!("h3") | local_name!("h4") | local_name!("h5") | local_name!("h6") | local_name!("th") => -5.0,
        _ => 0.0,
    };
    base + if flags.weight_classes { class_weight(dom, id) } else { 0.0 }
}

fn score_blocks(dom: &Dom, blocks: &[NodeId], flags: Flags, scores: &mut HashMap<NodeId, f64>) {
    for &block in blocks {
        if dom.nodes[block].parent.map_or(true, |p| !dom.is_element(p)) {
            continue;
        }
        let content = dom.text(block);
        let length = text::collapsed_len(&content);
        if length < MIN_PARAGRAPH_CHARS {
            continue;
        }
        let ancestors: Vec<NodeId> = dom.ancestors(block).filter(|&a| dom.is_element(a)).take(SCORED_ANCESTORS).collect();
        if ancestors.is_empty() {
            continue;
        }
        let points = 1.0 + text::count_commas(&content) as f64 + ((length / CHARS_PER_POINT) as f64).min(MAX_LENGTH_POINTS);
        for (level, &ancestor) in ancestors.iter().enumerate() {
            let divider = match level {
                0 => 1.0,
                1 => 2.0,
                n => n as f64 * 3.0,
            };
            let entry = scores.entry(ancestor).or_insert_with(|| initial_score(dom, ancestor, flags));
            *entry += points / divider;
        }
    }
}

/// Share of the text inside links; in-page anchors count less, since tables of contents are content.
fn link_density(dom: &Dom, id: NodeId) -> f64 {
    dom.text_stats(id).link_density()
}

/// When several strong candidates sit inside one ancestor, the ancestor is the article; a parent that
/// outscores its child is too.
fn promote(dom: &Dom, top: NodeId, candidates: &[Candidate], scores: &HashMap<NodeId, f64>) -> NodeId {
    let top_score = scores.get(&top).copied().unwrap_or(0.0);
    let strong: Vec<NodeId> = candidates.iter().skip(1).filter(|c| top_score > 0.0 && c.score / top_score >= STRONG_SHARE).map(|c| c.id).collect();
    let mut chosen = top;
    if strong.len() >= STRONG_TO_PROMOTE {
        for ancestor in dom.ancestors(top) {
            if dom.is(ancestor, &local_name!("body")) || !dom.is_element(ancestor) {
                break;
            }
            let containing = strong.iter().filter(|&&s| dom.ancestors(s).any(|a| a == ancestor)).count();
            if containing >= STRONG_TO_PROMOTE {
                chosen = ancestor;
                break;
            }
        }
    }

    let mut last_score = scores.get(&chosen).copied().unwrap_or(0.0);
    let threshold = last_score / PARENT_SCORE_DIVISOR;
    let mut parent = dom.nodes[chosen].parent;
    while let Some(p) = parent {
        if dom.is(p, &local_name!("body")) || !dom.is_element(p) {
            break;
        }
        match scores.get(&p) {
            None => {}
            Some(&s) if s < threshold => break,
            Some(&s) => {
                if s > last_score {
                    chosen = p;
                    break;
                }
                last_score = s;
            }
        }
        parent = dom.nodes[p].parent;
    }

    while let Some(p) = dom.nodes[chosen].parent {
        if dom.is(p, &local_name!("body")) || !dom.is_element(p) || dom.element_children(p).len() != 1 {
            break;
        }
        chosen = p;
    }
    chosen
}

fn wrap_children(dom: &mut Dom, body: NodeId) -> NodeId {
    let wrapper = new_element(dom, "div");
    let children: Vec<NodeId> = dom.children(body).collect();
    for c in children {
        dom.append_child(wrapper, c);
    }
    dom.append_child(body, wrapper);
    wrapper
}

/// The article: the top candidate plus siblings that score well, share its class, or read as prose.
fn gather_siblings(dom: &mut Dom, top: NodeId, scores: &HashMap<NodeId, f64>) -> NodeId {
    let article = new_element(dom, "div");
    let parent = match dom.nodes[top].parent {
        Some(p) if dom.is_element(p) => p,
        _ => {
            dom.append_child(article, top);
            return article;
        }
    };
    let top_score = scores.get(&top).copied().unwrap_or(0.0);
    let threshold = (top_score * SIBLING_SHARE).max(MIN_SIBLING_SCORE);
    let top_class = dom.attr(top, &local_name!("class")).unwrap_or("").to_string();
    for sibling in dom.element_children(parent) {
        let keep = if sibling == top {
            true
        } else {
            let same_class = !top_class.is_empty() && dom.attr(sibling, &local_name!("class")) == Some(top_class.as_str());
            let bonus = if same_class { top_score * SIBLING_SHARE } else { 0.0 };
            // A sibling of the same class (a repeated component: a field item, a forum post) counts with the
            // best block inside it, as the top did before it climbed to its wrapper (`promote`): a wrapper's own
            // score is only a share of what it holds.
            let score = if same_class { best_score_within(dom, sibling, scores) } else { scores.get(&sibling).copied() };
            if score.map_or(false, |s| s + bonus >= threshold) {
                true
            } else if dom.is(sibling, &local_name!("p")) {
                let density = link_density(dom, sibling);
                let content = text::collapse(&dom.text(sibling));
                let length = content.chars().count();
                // Only asked of short link-free paragraphs: the scan is skipped for every other sibling.
                let reads_as_sentence = || content.contains(". ") || content.ends_with('.');
                (length > LONG_PARAGRAPH_CHARS && density < PROSE_MAX_LINK_DENSITY)
                    || (length > 0 && length <= LONG_PARAGRAPH_CHARS && density == 0.0 && reads_as_sentence())
            } else {
                false
            }
        };
        if keep {
            dom.append_child(article, sibling);
        }
    }
    article
}

/// The highest score of `id` or anything below it; None when nothing there was scored.
fn best_score_within(dom: &Dom, id: NodeId, scores: &HashMap<NodeId, f64>) -> Option<f64> {
    std::iter::once(id).chain(dom.walk(id)).filter_map(|n| scores.get(&n).copied()).fold(None, |best, s| Some(best.map_or(s, |b: f64| b.max(s))))
}

fn clean_article(dom: &mut Dom, article: NodeId, flags: Flags) {
    for tag in [local_name!("form"), local_name!("fieldset")] {
        clean_conditionally(dom, article, &tag, flags);
    }
    remove_all(dom, article, &[local_name!("footer"), local_name!("aside"), local_name!("iframe"), local_name!("nav")]);
    for id in dom.descendants(article) {
        if dom.nodes[id].parent.is_none() || !dom.is_element(id) {
            continue;
        }
        if class_and_id(dom, id).is_share() && text::collapsed_len(&dom.text(id)) < MAX_SHARE_CHARS {
            dom.detach(id);
        }
    }
    for tag in [local_name!("table"), local_name!("ul"), local_name!("div")] {
        clean_conditionally(dom, article, &tag, flags);
    }
    // A heading that repeats the title was removed while preparing; a later one like it names a section.
    for id in dom.descendants_with_tag(article, &[local_name!("h1"), local_name!("h2"), local_name!("h3")]) {
        if flags.weight_classes && class_weight(dom, id) < 0.0 {
            dom.detach(id);
        }
    }
    for id in dom.descendants_with_tag(article, &[local_name!("p")]) {
        let media = !dom
            .descendants_with_tag(
                id,
                &[local_name!("img"), local_name!("embed"), local_name!("object"), local_name!("iframe"), local_name!("picture"), local_name!("video")],
            )
            .is_empty();
        if !media && dom.text(id).trim().is_empty() {
            dom.detach(id);
        }
    }
    crate::boilerplate::strip(dom, article);
    crate::tail::strip_short_tail(dom, article);
}

fn remove_all(dom: &mut Dom, root: NodeId, tags: &[LocalName]) {
    for id in dom.descendants_with_tag(root, tags) {
        let keep_video = dom.is(id, &local_name!("iframe")) && dom.attr(id, &local_name!("src")).map_or(false, is_video_url);
        if !keep_video {
            dom.detach(id);
        }
    }
}

fn is_video_url(src: &str) -> bool {
    ["youtube", "vimeo", "dailymotion", "twitch", "youtu.be", "player."].iter().any(|v| src.contains(v))
}

fn is_data_table(dom: &Dom, table: NodeId) -> bool {
    if dom.attr(table, &local_name!("role")) == Some("presentation") || dom.attr(table, &LocalName::from("datatable")) == Some("0") {
        return false;
    }
    if dom.attr(table, &local_name!("summary")).is_some()
        || !dom
            .descendants_with_tag(
                table,
                &[local_name!("caption"), local_name!("th"), local_name!("thead"), local_name!("tfoot"), local_name!("colgroup"), local_name!("col")],
            )
            .is_empty()
    {
        return true;
    }
    if !dom.descendants_with_tag(table, &[local_name!("table")]).is_empty() {
        return false;
    }
    let rows = dom.descendants_with_tag(table, &[local_name!("tr")]);
    let columns = rows.iter().map(|&r| dom.element_children(r).len()).max().unwrap_or(0);
    rows.len() >= DATA_TABLE_ROWS || columns > DATA_TABLE_COLUMNS || rows.len() * columns > DATA_TABLE_CELLS
}

/// What `clean_conditionally` weighs below an element.
#[derive(Default)]
struct Contents {
    paragraphs: f64,
    images: f64,
    list_items: f64,
    inputs: f64,
    /// Objects, embeds and iframes that are not known video players.
    embeds: usize,
}

/// Counts every kind in one walk of the subtree, where a walk per kind had walked it five times.
fn contents(dom: &Dom, id: NodeId) -> Contents {
    let mut found = Contents::default();
    for d in dom.walk(id) {
        match *dom.local(d) {
            local_name!("p") => found.paragraphs += 1.0,
            local_name!("img") => found.images += 1.0,
            local_name!("li") => found.list_items += 1.0,
            local_name!("input") => found.inputs += 1.0,
            local_name!("object") | local_name!("embed") | local_name!("iframe") => {
                if !dom.attr(d, &local_name!("src")).map_or(false, is_video_url) {
                    found.embeds += 1;
                }
            }
            _ => {}
        }
    }
    found
}

/// Removes `tag` elements that look like furniture: negative class weight, few commas together with too
/// many images, list items, inputs or links for their text.
fn clean_conditionally(dom: &mut Dom, root: NodeId, tag: &LocalName, flags: Flags) {
    if !flags.clean_conditionally {
        return;
    }
    let mut elements = dom.descendants_with_tag(root, std::slice::from_ref(tag));
    elements.reverse();
    for id in elements {
        if dom.nodes[id].parent.is_none() {
            continue;
        }
        let in_data_table =
            (*tag == local_name!("table") && is_data_table(dom, id)) || dom.ancestors(id).any(|a| dom.is(a, &local_name!("table")) && is_data_table(dom, a));
        if in_data_table || dom.ancestors(id).any(|a| dom.is(a, &local_name!("code"))) {
            continue;
        }
        let weight = if flags.weight_classes { class_weight(dom, id) } else { 0.0 };
        if weight < 0.0 {
            dom.detach(id);
            continue;
        }
        let content = dom.text(id);
        if text::count_commas(&content) >= PROSE_COMMAS {
            continue;
        }
        let length = text::collapsed_len(&content);
        let Contents { paragraphs, images, list_items, inputs, embeds } = contents(dom, id);
        let list_items = list_items - LIST_ITEM_ALLOWANCE;
        let is_list = matches!(*tag, local_name!("ul") | local_name!("ol")) || {
            let list_length: usize =
                dom.descendants_with_tag(id, &[local_name!("ul"), local_name!("ol")]).iter().map(|&l| text::collapsed_len(&dom.text(l))).sum();
            length > 0 && list_length as f64 / length as f64 > LIST_SHARE
        };
        let in_figure = dom.ancestors(id).any(|a| dom.is(a, &local_name!("figure")));
        let density = link_density(dom, id);
        let remove = (images > 1.0 && paragraphs / images < MIN_PARAGRAPHS_PER_IMAGE && !in_figure)
            || (!is_list && list_items > paragraphs)
            || (inputs > (paragraphs / PARAGRAPHS_PER_INPUT).floor())
            || (!is_list && length < MIN_PARAGRAPH_CHARS && (images == 0.0 || images > MAX_SHORT_BLOCK_IMAGES) && !in_figure)
            || (!is_list && weight < CONTENT_WEIGHT && density > MAX_LINK_DENSITY)
            || (weight >= CONTENT_WEIGHT && density > MAX_LINK_DENSITY_WEIGHTED)
            || ((embeds == 1 && length < MIN_EMBED_CAPTION_CHARS) || embeds > 1);
        if remove {
            dom.detach(id);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn of_short_attempts_the_earliest_with_half_the_longest_ones_text_is_chosen() {
        // A story of 283 characters found by the first attempt, against an author box of 387 that a laxer
        // attempt chose once the first had removed it (Readability keeps the longest).
        assert!(may_be_chosen(283, 387));
        assert!(!may_be_chosen(150, 387));
        assert!(may_be_chosen(387, 387));
    }
}
