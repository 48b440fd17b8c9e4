//! Turns the article subtree into plain text (paragraphs separated by blank lines) and CommonMark.

use crate::dom::{Dom, NodeData, NodeId};
use crate::text;
use html5ever::{local_name, LocalName};
use url::Url;

fn is_block(dom: &Dom, id: NodeId) -> bool {
    matches!(
        *dom.local(id),
        local_name!("address")
            | local_name!("article")
            | local_name!("aside")
            | local_name!("blockquote")
            | local_name!("dd")
            | local_name!("details")
            | local_name!("div")
            | local_name!("dl")
            | local_name!("dt")
            | local_name!("fieldset")
            | local_name!("figcaption")
            | local_name!("figure")
            | local_name!("footer")
            | local_name!("form")
            | local_name!("h1")
            | local_name!("h2")
            | local_name!("h3")
            | local_name!("h4")
            | local_name!("h5")
            | local_name!("h6")
            | local_name!("header")
            | local_name!("hr")
            | local_name!("li")
            | local_name!("main")
            | local_name!("nav")
            | local_name!("ol")
            | local_name!("p")
            | local_name!("pre")
            | local_name!("section")
            | local_name!("summary")
            | local_name!("table")
            | local_name!("tbody")
            | local_name!("thead")
            | local_name!("tfoot")
            | local_name!("tr")
            | local_name!("td")
            | local_name!("th")
            | local_name!("ul")
            | local_name!("caption")
    )
}

/// Plain text: one paragraph per block, blank lines between them, whitespace collapsed inside.
pub fn plain_text(dom: &Dom, root: NodeId) -> String {
    let mut paragraphs: Vec<String> = Vec::new();
    for_each_paragraph(dom, root, &mut |raw, _| {
        let collapsed = text::collapse(raw);
        if !collapsed.is_empty() {
            paragraphs.push(collapsed);
        }
    });
    paragraphs.join("\n\n")
}

/// Walks the text below `root` paragraph by paragraph, as the plain text separates them: `paragraph` gets each
/// one's text with its whitespace not yet collapsed (it may be only whitespace), and the block element that holds
/// exactly that text when one does.
pub(crate) fn for_each_paragraph(dom: &Dom, root: NodeId, paragraph: &mut dyn FnMut(&str, Option<NodeId>)) {
    let mut current = String::new();
    collect_text(dom, root, &mut current, paragraph);
    paragraph(&current, None);
}

/// Answers whether `id` holds a block element.
fn collect_text(dom: &Dom, id: NodeId, current: &mut String, paragraph: &mut dyn FnMut(&str, Option<NodeId>)) -> bool {
    let mut holds_block = false;
    for child in dom.children(id) {
        match &dom.nodes[child].data {
            NodeData::Text(t) => current.push_str(t),
            NodeData::Element(_) => {
                if dom.is(child, &local_name!("br")) {
                    current.push('\n');
                    continue;
                }
                let block = is_block(dom, child);
                if block {
                    paragraph(current, None);
                    current.clear();
                }
                let inner = collect_text(dom, child, current, paragraph);
                if block {
                    // A block with no block inside is one paragraph, all of its own.
                    paragraph(current, if inner { None } else { Some(child) });
                    current.clear();
                }
                holds_block |= block || inner;
            }
            _ => {}
        }
    }
    holds_block
}

/// CommonMark for the article: headings, paragraphs, lists, links, emphasis, code, quotes, tables, images.
pub fn markdown(dom: &Dom, root: NodeId, base: Option<&Url>) -> String {
    let mut blocks: Vec<String> = Vec::new();
    render_blocks(dom, root, base, &mut blocks, 0);
    blocks.join("\n\n")
}

fn render_blocks(dom: &Dom, id: NodeId, base: Option<&Url>, blocks: &mut Vec<String>, list_depth: usize) {
    let mut inline_run = String::new();
    for child in dom.children(id) {
        let media = matches!(*dom.local(child), local_name!("img") | local_name!("picture") | local_name!("video"));
        let block = dom.is_element(child) && (is_block(dom, child) || media);
        if !block {
            inline_run.push_str(&inline(dom, child, base));
            continue;
        }
        push_paragraph(blocks, &mut inline_run);
        render_block(dom, child, base, blocks, list_depth);
    }
    push_paragraph(blocks, &mut inline_run);
}

fn push_paragraph(blocks: &mut Vec<String>, run: &mut String) {
    let paragraph = tidy_inline(run);
    if !paragraph.is_empty() {
        blocks.push(paragraph);
    }
    run.clear();
}

/// Collapses whitespace but keeps the hard line breaks rendered for `<br>`.
fn tidy_inline(run: &str) -> String {
    run.split("  \n").map(text::collapse).filter(|l| !l.is_empty()).collect::<Vec<_>>().join("  \n")
}

fn render_block(dom: &Dom, id: NodeId, base: Option<&Url>, blocks: &mut Vec<String>, list_depth: usize) {
    let tag = dom.tag(id).to_string();
    match tag.as_str() {
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
            let level = tag[1..].parse::<usize>().unwrap_or(2);
            let content = tidy_inline(&inline_children(dom, id, base));
            if !content.is_empty() {
                blocks.push(format!("{} {}", "#".repeat(level), content));
            }
        }
        "hr" => blocks.push("---".to_string()),
        "pre" => {
            let code = dom.text(id);
            let code = code.trim_matches('\n');
            if !code.trim().is_empty() {
                let fence = if code.contains("```") { "~~~~" } else { "```" };
                blocks.push(format!("{}\n{}\n{}", fence, code, fence));
            }
        }
        "blockquote" => {
            let mut inner = Vec::new();
            render_blocks(dom, id, base, &mut inner, list_depth);
            let quoted: Vec<String> = inner.join("\n\n").lines().map(|l| if l.is_empty() { ">".to_string() } else { format!("> {}", l) }).collect();
            if !quoted.is_empty() {
                blocks.push(quoted.join("\n"));
            }
        }
        "ul" | "ol" => {
            let mut items = Vec::new();
            let mut number = dom.attr(id, &local_name!("start")).and_then(|s| s.parse::<i64>().ok()).unwrap_or(1);
            for li in dom.element_children(id) {
                let marker = if tag == "ol" { format!("{}.", number) } else { "-".to_string() };
                number += 1;
                let mut inner = Vec::new();
                render_blocks(dom, li, base, &mut inner, list_depth + 1);
                let body = inner.join("\n\n");
                if body.is_empty() {
                    continue;
                }
                let indent = " ".repeat(marker.len() + 1);
                let mut lines = body.lines();
                let mut item = format!("{} {}", marker, lines.next().unwrap_or(""));
                for line in lines {
                    item.push('\n');
                    if !line.is_empty() {
                        item.push_str(&indent);
                        item.push_str(line);
                    }
                }
                items.push(item);
            }
            if !items.is_empty() {
                blocks.push(items.join("\n"));
            }
        }
        "table" => {
            if let Some(table) = table_markdown(dom, id, base) {
                blocks.push(table);
            }
        }
        "img" | "picture" | "video" => {
            let image = inline(dom, id, base);
            if !image.is_empty() {
                blocks.push(image);
            }
        }
        _ => render_blocks(dom, id, base, blocks, list_depth),
    }
}

fn table_markdown(dom: &Dom, table: NodeId, base: Option<&Url>) -> Option<String> {
    let rows: Vec<Vec<String>> = dom
        .descendants_with_tag(table, &[local_name!("tr")])
        .into_iter()
        .map(|tr| {
            dom.element_children(tr)
                .into_iter()
                .filter(|&c| matches!(*dom.local(c), local_name!("td") | local_name!("th")))
                .map(|c| tidy_inline(&inline_children(dom, c, base)).replace('|', "\\|").replace("  \n", " "))
                .collect::<Vec<String>>()
        })
        .filter(|r: &Vec<String>| !r.is_empty())
        .collect();
    let columns = rows.iter().map(|r| r.len()).max()?;
    let line = |cells: &Vec<String>| {
        let mut padded = cells.clone();
        padded.resize(columns, String::new());
        format!("| {} |", padded.join(" | "))
    };
    let mut out = vec![line(&rows[0]), format!("|{}", " --- |".repeat(columns))];
    out.extend(rows.iter().skip(1).map(line));
    Some(out.join("\n"))
}

fn inline_children(dom: &Dom, id: NodeId, base: Option<&Url>) -> String {
    dom.children(id).map(|c| inline(dom, c, base)).collect()
}

fn escape(text: &str) -> String {
    // Every character markdown would read is ASCII, so the text between them is copied in runs of bytes.
    let mut out = String::with_capacity(text.len());
    let mut from = 0;
    let mut search = 0;
    while let Some(offset) = crate::bytes::find_any(&text.as_bytes()[search..], [b'\\', b'`', b'*', b'_', b'[', b']', b'<', b'>']) {
        let at = search + offset;
        out.push_str(&text[from..at]);
        out.push('\\');
        from = at;
        search = at + 1;
    }
    out.push_str(&text[from..]);
    out
}

fn inline(dom: &Dom, id: NodeId, base: Option<&Url>) -> String {
    match &dom.nodes[id].data {
        NodeData::Text(t) => escape(t),
        NodeData::Element(_) => match *dom.local(id) {
            local_name!("br") => "  \n".to_string(),
            local_name!("a") => {
                let label = tidy_inline(&inline_children(dom, id, base));
                match dom.attr(id, &local_name!("href")).and_then(|h| resolve(base, h)) {
                    Some(href) if !label.is_empty() => format!("[{}]({})", label, href.replace(')', "%29").replace(' ', "%20")),
                    _ => label,
                }
            }
            local_name!("em") | local_name!("i") | local_name!("cite") => wrap(&inline_children(dom, id, base), "*"),
            local_name!("strong") | local_name!("b") => wrap(&inline_children(dom, id, base), "**"),
            local_name!("code") | local_name!("kbd") | local_name!("samp") => {
                let code = text::collapse(&dom.text(id));
                if code.is_empty() {
                    String::new()
                } else if code.contains('`') {
                    format!("`` {} ``", code)
                } else {
                    format!("`{}`", code)
                }
            }
            local_name!("img") => match image_source(dom, id).and_then(|s| resolve(base, &s)) {
                Some(src) => {
                    let alt = text::collapse(dom.attr(id, &local_name!("alt")).unwrap_or(""));
                    format!("![{}]({})", escape(&alt), src.replace(')', "%29").replace(' ', "%20"))
                }
                None => String::new(),
            },
            _ => inline_children(dom, id, base),
        },
        _ => String::new(),
    }
}

fn wrap(content: &str, marker: &str) -> String {
    let trimmed = content.trim();
    if trimmed.is_empty() {
        content.to_string()
    } else {
        let lead = if content.starts_with(char::is_whitespace) { " " } else { "" };
        let trail = if content.ends_with(char::is_whitespace) { " " } else { "" };
        format!("{}{}{}{}{}", lead, marker, trimmed, marker, trail)
    }
}

/// The image URL a reader would see, including common lazy-loading attributes.
pub fn image_source(dom: &Dom, id: NodeId) -> Option<String> {
    for attribute in ["src", "data-src", "data-original", "data-lazy-src", "data-url"] {
        if let Some(value) = dom.attr(id, &LocalName::from(attribute)) {
            let value = value.trim();
            if !value.is_empty() && !value.starts_with("data:") {
                return Some(value.to_string());
            }
        }
    }
    dom.attr(id, &local_name!("srcset")).and_then(|s| s.split(',').next()).and_then(|c| c.split_whitespace().next()).map(str::to_string)
}

/// Absolute http(s) URL of `reference` against `base`, without the fragment; None for other schemes.
pub fn resolve(base: Option<&Url>, reference: &str) -> Option<String> {
    let reference = reference.trim();
    if reference.is_empty() || reference.starts_with('#') {
        return None;
    }
    let mut url = match base {
        Some(b) => b.join(reference).ok()?,
        None => Url::parse(reference).ok()?,
    };
    if url.scheme() != "http" && url.scheme() != "https" {
        return None;
    }
    url.set_fragment(None);
    // The serialisation itself: `to_string` would copy it through the formatting machinery.
    Some(url.into())
}
