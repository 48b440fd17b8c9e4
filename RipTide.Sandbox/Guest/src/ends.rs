//! Where the elements that the prescan empties end, found as html5ever finds them. The prescan may only
//! drop bytes that the parser would have put inside the element; ending one too late drops the page's
//! own text. Three ways that happens, each handled here:
//!
//! - a script whose text holds `<!--`: the tokenizer's escaped states then skip a `</script>` that
//!   follows `<script` (old `document.write('<script …></script>')` idioms inside comments);
//! - a drawing with a nested `<svg>`: the first `</svg>` closes the inner one;
//! - a drawing that the tree builder leaves early: an HTML start tag such as `<p>` or `<div>` in SVG, or an
//!   end tag of an element outside the drawing (`</div>` around an unclosed `<svg>`), closes it there, and
//!   what follows is the page's. Such a drawing is not dropped at all.

use crate::bytes::{find, find_byte, find_either};
use crate::tag;

/// Where `<!` at `at` ends: after `-->` for a comment (never earlier than the tokenizer ends it: `-->` is
/// one of its endings, and the earlier ones only mean more is copied as it is), after `]]>` for CDATA,
/// else after the first `>` (a doctype or a bogus comment).
pub fn markup_declaration_end(html: &[u8], at: usize) -> usize {
    let (opening, closing): (&[u8], &[u8]) = if html[at..].starts_with(b"<!--") {
        (b"<!--", b"-->")
    } else if html[at..].starts_with(b"<![CDATA[") {
        (b"<![CDATA[", b"]]>")
    } else {
        (b"<!", b">")
    };
    let from = at + opening.len();
    find(&html[from..], closing).map_or(html.len(), |end| from + end + closing.len())
}

/// The index of `</name` (any case) ending the element whose content starts at `from`: followed by
/// whitespace, `/` or `>`, as the tokenizer requires of an end tag there.
pub fn end_tag(html: &[u8], from: usize, name: &[u8]) -> Option<usize> {
    let mut i = from;
    loop {
        let at = i + find(&html[i..], b"</")?;
        if names_end_tag(html, at + 2, name) {
            return Some(at);
        }
        i = at + 2;
    }
}

/// Whether `name` (any case) starts at `at` and is followed by what ends a tag name in raw text.
fn names_end_tag(html: &[u8], at: usize, name: &[u8]) -> bool {
    let name_end = at + name.len();
    html.len() > name_end && html[at..name_end].eq_ignore_ascii_case(name) && ends_raw_name(html[name_end])
}

fn ends_raw_name(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | 0x0c | b'\r' | b' ' | b'/' | b'>')
}

/// The index of the `</script` that ends the script whose text starts at `from`. Usually the first one;
/// when `<!--` comes before it, the tokenizer's script states decide.
pub fn script_end(html: &[u8], from: usize) -> Option<usize> {
    let first = end_tag(html, from, b"script")?;
    match find(&html[from..first], b"<!--") {
        None => Some(first),
        Some(_) => escaped_script_end(html, from),
    }
}

/// The states of the HTML standard's script data: `<!--` escapes, and inside that `<script` escapes
/// twice, until `</script` (back to once) or `-->` (not at all). Only an unescaped or once-escaped
/// `</script` ends the script.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Script {
    Data,
    Escaped,
    DoubleEscaped,
}

fn escaped_script_end(html: &[u8], from: usize) -> Option<usize> {
    use Script::*;
    let mut state = Data;
    let mut i = from;
    loop {
        let at = i + find_either(&html[i..], b'<', b'>')?;
        i = at + 1;
        if html[at] == b'>' {
            // Every `-` of escaped text passes through the tokenizer's dash states, so `-->` there is
            // exactly a `>` after two dashes.
            if state != Data && html[..at].ends_with(b"--") {
                state = Data;
            }
            continue;
        }
        let rest = &html[at + 1..];
        if state == Data && rest.starts_with(b"!--") {
            state = Escaped;
            i = at + 4;
        } else if rest.first() == Some(&b'/') && names_end_tag(html, at + 2, b"script") {
            if state != DoubleEscaped {
                return Some(at);
            }
            state = Escaped;
            i = at + 2 + b"script".len() + 1;
        } else if state == Escaped && names_end_tag(html, at + 1, b"script") {
            state = DoubleEscaped;
            i = at + 1 + b"script".len() + 1;
        }
    }
}

/// Start tags that make the tree builder leave SVG for HTML (the HTML standard's foreign-content
/// breakout list; `<font>` only with some attributes, taken here always).
fn leaves_svg(name: &[u8]) -> bool {
    const NAMES: [&str; 45] = [
        "b",
        "big",
        "blockquote",
        "body",
        "br",
        "center",
        "code",
        "dd",
        "div",
        "dl",
        "dt",
        "em",
        "embed",
        "font",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "head",
        "hr",
        "i",
        "img",
        "li",
        "listing",
        "menu",
        "meta",
        "nobr",
        "ol",
        "p",
        "pre",
        "ruby",
        "s",
        "small",
        "span",
        "strong",
        "strike",
        "sub",
        "sup",
        "table",
        "tt",
        "u",
        "ul",
        "var",
    ];
    NAMES.iter().any(|n| name.eq_ignore_ascii_case(n.as_bytes()))
}

/// SVG elements whose content the tree builder reads as HTML (the standard's HTML integration points).
fn reads_html_inside(name: &[u8]) -> bool {
    ["foreignobject", "desc", "title"].iter().any(|n| name.eq_ignore_ascii_case(n.as_bytes()))
}

/// The index of the `</svg` that closes the drawing whose content starts at `from`, when everything up to
/// it is the drawing's. None when that is not certain: unclosed, left early (see the module's comment), a
/// tag inside `<foreignObject>`, `<desc>` or `<title>` (read as HTML there), or a comment that the
/// tokenizer might end before its `-->`. The caller then drops nothing.
pub fn drawing_end(html: &[u8], from: usize) -> Option<usize> {
    // The drawing's open elements, as the tree builder stacks them: foreign elements stay open until an
    // end tag of the same name (any case) or `/>`.
    let mut open: Vec<&[u8]> = vec![b"svg"];
    let mut i = from;
    loop {
        let at = i + find_byte(&html[i..], b'<')?;
        let next = *html.get(at + 1)?;
        if next == b'!' {
            i = markup_declaration_end(html, at);
            if html[at..].starts_with(b"<!--") && !comment_ends_plainly(&html[at + 4..i]) {
                return None;
            }
        } else if next == b'/' && html.get(at + 2).map_or(false, u8::is_ascii_alphabetic) {
            let end_tag = tag::read(html, at + 2, |_| {})?;
            let name = &html[at + 2..end_tag.name_end];
            // An end tag pops to the innermost open element of its name; one not open inside the drawing
            // reaches the page's elements.
            let depth = open.iter().rposition(|open_name| open_name.eq_ignore_ascii_case(name))?;
            open.truncate(depth);
            if open.is_empty() {
                return Some(at);
            }
            i = end_tag.end;
        } else if next.is_ascii_alphabetic() {
            let start_tag = tag::read(html, at + 1, |_| {})?;
            let name = &html[at + 1..start_tag.name_end];
            if leaves_svg(name) || open.last().map_or(false, |parent| reads_html_inside(parent)) {
                return None;
            }
            if !start_tag.self_closing {
                open.push(name);
            }
            i = start_tag.end;
        } else if next == b'?' || next == b'/' {
            // A bogus comment (or `</>`), which ends at the first `>`.
            i = find_byte(&html[at..], b'>').map_or(html.len(), |end| at + end + 1);
        } else {
            i = at + 1; // a `<` of text
        }
    }
}

/// Whether the comment text before the `-->` found for it (`body`) holds none of the tokenizer's earlier
/// endings: `<!-->`, `<!--->` and `--!>`.
fn comment_ends_plainly(body: &[u8]) -> bool {
    let text = body.strip_suffix(b"-->").unwrap_or(body);
    !(text.starts_with(b">") || text.starts_with(b"->") || find(text, b"--!>").is_some())
}
