//! A byte-level pass before parsing that removes what extraction never reads but the tokenizer would
//! still read one character at a time:
//!
//! - the bodies of `<script>` and `<style>` elements (JSON-LD excepted): nearly half the bytes of a
//!   typical page;
//! - inline `<svg>` drawings: hundreds of path elements with long coordinate attributes per page, every
//!   one built into the tree and then dropped as invisible (where each of these ends: `ends.rs`);
//! - attributes that nothing reads (`data-*`, `aria-label`, `title`, `onclick`, `width`, …): html5ever
//!   builds each attribute name one character at a time through `core::fmt` (tendril 0.4's `push_char`),
//!   and interns every name. Only the attributes that `kept_attribute` names stay;
//! - the long names of those that stay: `class`, `href`, `aria-hidden` and the other names that
//!   extraction reads are written as one byte each and restored in the tree (`names.rs`);
//! - line breaks in text, which become spaces up to the first `<pre>` or `<listing>`: the tokenizer
//!   makes a token of every line break, and outside preformatted text all whitespace reads the same.
//!
//! Element tags stay, so the tree keeps its shape, and its text but for the kind of whitespace. The pass
//! must never change how the tokenizer reads what remains, so it follows the tokenizer's states where it
//! rewrites: comments, raw-text and RCDATA elements (`<title>`, `<textarea>`, …) are copied as they are;
//! a tag is read with the tokenizer's own attribute rules (`tag.rs`), and attributes are cut or renamed
//! only in tags that take its plain path.

use crate::bytes::{contains_ignore_case, find_byte, find_either};
use crate::ends::{drawing_end, end_tag, markup_declaration_end, script_end};
use crate::names;
use crate::tag;

/// What becomes of an attribute in a tag the prescan may edit.
enum Kept {
    No,
    /// Kept, its name written as this byte when the page allows (`names.rs`).
    Short(u8),
    AsWritten,
}

/// Attributes that extraction reads (every `dom.attr` in this crate) are kept, and so are those that steer
/// html5ever's tree builder: `type` of `<input>` inside tables, `color`, `face` and `size` of `<font>` in
/// foreign content, `encoding` of MathML's `<annotation-xml>`.
fn kept_attribute(name: &[u8]) -> Kept {
    let mut lower = [0u8; 16];
    if name.len() > lower.len() {
        return Kept::No;
    }
    for (l, b) in lower.iter_mut().zip(name) {
        *l = b.to_ascii_lowercase();
    }
    let lower = &lower[..name.len()];
    if let Some(byte) = names::short(lower) {
        return Kept::Short(byte);
    }
    match lower {
        b"data-src" | b"data-original" | b"data-lazy-src" | b"data-url" | b"type" | b"datatable" | b"color" | b"face" | b"size" | b"encoding" => {
            Kept::AsWritten
        }
        _ => Kept::No,
    }
}

/// Formatting elements keep every attribute: the tree builder compares all of them when it limits how
/// many identical ones it reopens (the "Noah's Ark" clause). `<a>` needs no such care: a second `<a>`
/// closes the first, so two are never open together.
///
/// Asked of every start tag with attributes to cut, as `content_of` is of every start tag; so both pick their
/// candidates by length first: a search of the whole list was a loop iteration, and one of Wasmtime's epoch
/// checks, per name for every tag.
fn keeps_every_attribute(name: &[u8]) -> bool {
    let same_length: &[&[u8]] = match name.len() {
        1 => &[b"b", b"i", b"s", b"u"],
        2 => &[b"em", b"tt"],
        3 => &[b"big"],
        4 => &[b"code", b"font", b"nobr"],
        5 => &[b"small"],
        6 => &[b"strike", b"strong"],
        _ => return false,
    };
    same_length.iter().any(|f| name.eq_ignore_ascii_case(f))
}

/// What follows a start tag, by its name.
enum Content {
    /// Parsed as markup.
    Markup,
    /// Script or style: dropped up to its end tag (JSON-LD excepted).
    Dropped(&'static [u8]),
    /// An inline `<svg>` drawing: dropped up to its end tag when all of it is the drawing's (`ends.rs`).
    Drawing,
    /// RCDATA or raw text (`<title>`, `<textarea>`, …): copied as it is up to its end tag.
    Text(&'static [u8]),
    /// `<plaintext>`: everything after it is text.
    Rest,
}

fn content_of(name: &[u8]) -> Content {
    let is = |known: &[u8]| name.eq_ignore_ascii_case(known);
    match name.len() {
        3 if is(b"svg") => Content::Drawing,
        3 if is(b"xmp") => Content::Text(b"xmp"),
        5 if is(b"style") => Content::Dropped(b"style"),
        5 if is(b"title") => Content::Text(b"title"),
        6 if is(b"script") => Content::Dropped(b"script"),
        6 if is(b"iframe") => Content::Text(b"iframe"),
        7 if is(b"noembed") => Content::Text(b"noembed"),
        8 if is(b"textarea") => Content::Text(b"textarea"),
        8 if is(b"noframes") => Content::Text(b"noframes"),
        9 if is(b"plaintext") => Content::Rest,
        _ => Content::Markup,
    }
}

/// What the prescan leaves of a page.
pub struct Slim {
    pub html: Vec<u8>,
    /// Whether the names of kept attributes were written short (`names.rs`); the tree sink must then
    /// restore them.
    pub short_names: bool,
}

/// One change to a start tag's attributes.
enum Edit {
    /// The attribute at `start..end` goes.
    Cut(usize, usize),
    /// The name at `start..end` is written as `byte`.
    Shorten(usize, usize, u8),
}

/// The page without what extraction never reads (see the module's comment).
pub fn slim(html: &[u8]) -> Slim {
    slim_with(html, names::can_shorten(html))
}

fn slim_with(page: &[u8], short_names: bool) -> Slim {
    // Line breaks in text are rewritten in place (same length), so the page is copied once up front.
    let mut page = page.to_vec();
    let mut out = Vec::with_capacity(page.len());
    let mut copied = 0;
    let mut edits: Vec<Edit> = Vec::new();
    let mut breaks_to_spaces = true;
    let mut i = 0;
    while let Some(offset) = find_byte(&page[i..], b'<') {
        let at = i + offset;
        if breaks_to_spaces && at > i {
            line_breaks_to_spaces(&mut page[i..at]);
        }
        let html = &page[..];
        let next = match html.get(at + 1) {
            Some(&b) => b,
            None => break,
        };
        if next == b'!' {
            i = markup_declaration_end(html, at);
            continue;
        }
        if next == b'?' || (next == b'/' && !html.get(at + 2).map_or(false, u8::is_ascii_alphabetic)) {
            // A bogus comment (or `</>`), which ends at the first `>`.
            i = find_byte(&html[at..], b'>').map_or(html.len(), |end| at + end + 1);
            continue;
        }
        if next == b'/' {
            // An end tag: copied, but read whole, since a quoted `>` in it does not end it.
            match tag::read(html, at + 2, |_| {}) {
                Some(end_tag) => {
                    i = end_tag.end;
                    continue;
                }
                None => break,
            }
        }
        if !next.is_ascii_alphabetic() {
            i = at + 1;
            continue;
        }

        edits.clear();
        let start_tag = match tag::read(html, at + 1, |a| match kept_attribute(&html[a.start..a.name_end]) {
            Kept::No => edits.push(Edit::Cut(a.start, a.end)),
            Kept::Short(byte) if short_names => edits.push(Edit::Shorten(a.start, a.name_end, byte)),
            Kept::Short(_) | Kept::AsWritten => {}
        }) {
            Some(t) => t,
            None => break, // cut off by the end of the page: the tokenizer drops it
        };
        let name = &html[at + 1..start_tag.name_end];
        if !edits.is_empty() && start_tag.well_formed && !keeps_every_attribute(name) {
            for edit in edits.iter() {
                match *edit {
                    Edit::Cut(start, end) => {
                        out.extend_from_slice(&html[copied..start]);
                        copied = end;
                    }
                    Edit::Shorten(start, end, byte) => {
                        out.extend_from_slice(&html[copied..start]);
                        out.push(byte);
                        copied = end;
                    }
                }
            }
        }
        i = start_tag.end;
        if name.eq_ignore_ascii_case(b"pre") || name.eq_ignore_ascii_case(b"listing") {
            // Preformatted text keeps its line breaks. Which text is inside such an element is the tree
            // builder's call (a `</pre>` in a table cell does not close it), so none after it is rewritten.
            breaks_to_spaces = false;
        }
        match content_of(name) {
            Content::Markup => {}
            // `<svg/>` is an empty SVG element (`<script/>` and `<style/>` still have content), and a drawing
            // that cannot be dropped whole is read on as markup, which it is.
            Content::Drawing if start_tag.self_closing => {}
            Content::Drawing => {
                if let Some(close_at) = drawing_end(html, i) {
                    out.extend_from_slice(&html[copied..start_tag.end]);
                    copied = close_at;
                    i = close_at + b"</svg".len();
                }
            }
            Content::Dropped(name) => {
                let end = if name == b"script" { script_end(html, i) } else { end_tag(html, i, name) };
                let close_at = match end {
                    Some(close_at) => close_at,
                    None => break, // unclosed: the parser decides what the rest means
                };
                if !contains_ignore_case(&html[at..start_tag.end], b"ld+json") {
                    out.extend_from_slice(&html[copied..start_tag.end]);
                    copied = close_at;
                }
                i = close_at + 2 + name.len();
            }
            Content::Text(name) => match end_tag(html, i, name) {
                Some(close_at) => i = close_at + 2 + name.len(),
                None => break,
            },
            Content::Rest => break,
        }
    }
    out.extend_from_slice(&page[copied..]);
    Slim { html: out, short_names }
}

/// Turns the line feeds and carriage returns of text between tags into spaces. The tokenizer emits every
/// line break as a token of its own, built through `core::fmt`, where a run of other text is one token;
/// to the tree builder both are whitespace, and everything the guest reads from text outside
/// preformatted elements collapses whitespace. So the tree keeps its shape and its text reads the same.
fn line_breaks_to_spaces(text: &mut [u8]) {
    let mut from = 0;
    while let Some(offset) = find_either(&text[from..], b'\n', b'\r') {
        text[from + offset] = b' ';
        from += offset + 1;
    }
}

#[cfg(test)]
mod tests {
    use super::{content_of, keeps_every_attribute, kept_attribute, slim, slim_with, Content, Kept};
    use crate::dom::{Dom, NodeData, NodeId, DOCUMENT};
    use html5ever::tendril::TendrilSink;
    use html5ever::{parse_document, ParseOpts};

    /// The prescan with names written as they are, which is easier to read.
    fn run(html: &str) -> String {
        String::from_utf8(slim_with(html.as_bytes(), false).html).unwrap()
    }

    #[test]
    fn line_breaks_in_text_become_spaces_up_to_the_first_preformatted_element() {
        assert_eq!(
            run("<p\nclass='a\nb'>one\ntwo\r\n</p><!--\n--><title>\n</title>\n<pre>\ncode\n</pre>\nafter"),
            "<p\nclass='a\nb'>one two  </p><!--\n--><title>\n</title> <pre>\ncode\n</pre>\nafter"
        );
        assert_eq!(run("a\n<listing>\nb</listing>\nc"), "a <listing>\nb</listing>\nc");
    }

    #[test]
    fn names_that_extraction_reads_are_written_as_one_byte_unless_the_page_has_control_bytes() {
        let page = "<a HREF=\"/x\" data-track=1 class=c type=t>t</a><b class=k>f</b>";
        let slimmed = slim(page.as_bytes());
        assert!(slimmed.short_names);
        assert_eq!(String::from_utf8(slimmed.html).unwrap(), "<a \u{3}=\"/x\"  \u{1}=c type=t>t</a><b class=k>f</b>");
        let with_control = "<a href=x>t</a>\u{2}";
        let slimmed = slim(with_control.as_bytes());
        assert!(!slimmed.short_names);
        assert_eq!(String::from_utf8(slimmed.html).unwrap(), with_control);
    }

    #[test]
    fn formatting_raw_text_and_dropped_elements_are_known_in_any_case_and_only_by_their_whole_name() {
        for name in ["b", "BIG", "Code", "em", "font", "I", "nobr", "s", "small", "STRIKE", "strong", "tt", "u"] {
            assert!(keeps_every_attribute(name.as_bytes()), "{name}");
        }
        for name in ["", "a", "q", "bdi", "div", "span", "bold", "strongs", "underline"] {
            assert!(!keeps_every_attribute(name.as_bytes()), "{name}");
        }
        for (name, end) in [("SCRIPT", "script"), ("Style", "style")] {
            assert!(matches!(content_of(name.as_bytes()), Content::Dropped(n) if n == end.as_bytes()), "{name}");
        }
        for (name, end) in
            [("title", "title"), ("TEXTAREA", "textarea"), ("xmp", "xmp"), ("iFrame", "iframe"), ("noembed", "noembed"), ("NOFRAMES", "noframes")]
        {
            assert!(matches!(content_of(name.as_bytes()), Content::Text(n) if n == end.as_bytes()), "{name}");
        }
        assert!(matches!(content_of(b"SVG"), Content::Drawing));
        assert!(matches!(content_of(b"PlainText"), Content::Rest));
        for name in ["", "div", "xm", "svgs", "styles", "scripts", "noscript", "template", "plaintexts"] {
            assert!(matches!(content_of(name.as_bytes()), Content::Markup), "{name}");
        }
    }

    #[test]
    fn script_and_style_bodies_are_emptied() {
        assert_eq!(
            run("<p>a</p><SCRIPT type=\"x\">if (a < b) {}</script><style>p{}</STYLE><p>b</p>"),
            "<p>a</p><SCRIPT type=\"x\"></script><style></STYLE><p>b</p>"
        );
    }

    #[test]
    fn json_ld_comments_and_lookalikes_are_kept() {
        let html = "<script type=\"application/ld+json\">{\"a\":1}</script><!-- <script> --><p>kept</p><scripts>x</scripts><p class='>'>y</p>";
        assert_eq!(run(html), html);
    }

    #[test]
    fn inline_svg_drawings_are_emptied_but_keep_their_tags() {
        assert_eq!(
            run("<a href=\"/x\"><svg class=\"i\"><path d=\"M0 0L8 8\"/><title>icon</title></SVG>Read more</a><svgs>k</svgs>"),
            "<a href=\"/x\"><svg class=\"i\"></SVG>Read more</a><svgs>k</svgs>"
        );
    }

    #[test]
    fn a_self_closing_svg_drops_nothing_after_it() {
        assert_eq!(run("<svg class=\"i\"/><p>kept</p><svg><path/></svg>"), "<svg class=\"i\"/><p>kept</p><svg></svg>");
        assert_eq!(run("<script/>dropped</script><p>kept</p>"), "<script/></script><p>kept</p>");
    }

    #[test]
    fn an_unclosed_script_is_left_to_the_parser() {
        assert_eq!(run("<p>a</p><script>never closed"), "<p>a</p><script>never closed");
    }

    #[test]
    fn attributes_that_nothing_reads_are_cut_and_the_rest_kept_as_written() {
        assert_eq!(
            run("<a href=\"/x\" data-track='1' TITLE=\"a > b\" class=c onclick=\"f()\">t</a><img data-x=\"1\"/>"),
            "<a href=\"/x\"   class=c >t</a><img />"
        );
    }

    #[test]
    fn json_ld_is_kept_whatever_the_case_of_its_type() {
        let html = "<script type=\"application/LD+JSON\">{\"a\":1}</script><script type=\"Application/Ld+Json\">{}</script>";
        assert_eq!(run(html), html);
    }

    #[test]
    fn a_script_tag_written_inside_a_script_comment_does_not_end_the_script() {
        assert_eq!(run("<script><!-- document.write('<script src=a></script>'); //--></script><p>after</p>"), "<script></script><p>after</p>");
        assert_eq!(run("<script><!--</script><p>ended</p>"), "<script></script><p>ended</p>");
        assert_eq!(run("<script>a<!-->b</script><p>c</p>"), "<script></script><p>c</p>");
    }

    #[test]
    fn a_nested_drawing_is_emptied_whole_and_one_the_parser_leaves_early_is_kept() {
        assert_eq!(run("<svg><svg><path/></svg><path/></svg><p>a</p>"), "<svg></svg><p>a</p>");
        for html in [
            "<svg><path/><p>breaks out</p></svg>",
            "<div><svg><path></div><p>outside</p><svg></svg>",
            "<svg><title><b>read as HTML</b></title></svg>",
            "<svg><!-- a --!> </svg> -->b",
            "<svg><path>unclosed",
        ] {
            assert_eq!(run(html), html);
        }
    }

    #[test]
    fn text_comments_and_tags_off_the_plain_path_are_copied_as_they_are() {
        for html in [
            "<title>a <b data-x=1> c</title>",
            "<textarea><p data-x=1></textarea>",
            "<!-- <p data-x=1> -->",
            "</div title='<p data-x=1>'>",
            "<p x=\"1\"y=2 data-z=3>",
            "<b data-x=1>bold</b>",
            "<plaintext><p data-x=1>",
            "<p data-x='never closed>",
        ] {
            assert_eq!(run(html), html);
        }
    }

    /// The tree html5ever builds, written out: element names with the attributes the prescan keeps, and
    /// text. What is inside scripts, styles and drawings is left out: dropping it is the point. Whitespace
    /// is written as one space per run, except inside elements whose text keeps its line breaks.
    fn tree(html: &[u8], short_names: bool) -> String {
        let mut opts = ParseOpts::default();
        opts.tree_builder.scripting_enabled = false;
        let sink = if short_names { Dom::restoring_short_names() } else { Dom::new() };
        let dom = parse_document(sink, opts).from_utf8().one(html);
        let mut out = String::new();
        write(&dom, DOCUMENT, false, &mut out);
        out
    }

    fn write(dom: &Dom, id: NodeId, exact: bool, out: &mut String) {
        for child in dom.children(id) {
            match &dom.nodes[child].data {
                NodeData::Element(e) => {
                    let mut attributes: Vec<String> = e
                        .attrs
                        .iter()
                        .filter(|a| !matches!(kept_attribute(a.name.local.as_bytes()), Kept::No))
                        .map(|a| format!(" {}={:?}", &*a.name.local, &*a.value))
                        .collect();
                    attributes.sort();
                    out.push('<');
                    out.push_str(&e.name.local);
                    out.push_str(&attributes.concat());
                    out.push('>');
                    if !matches!(&*e.name.local, "script" | "style" | "svg") {
                        let exact = exact || matches!(&*e.name.local, "pre" | "listing" | "textarea" | "title" | "xmp" | "plaintext");
                        write(dom, child, exact, out);
                    }
                    out.push_str("</>");
                }
                NodeData::Text(text) if exact => out.push_str(text),
                NodeData::Text(text) => {
                    let mut in_space = false;
                    for c in text.chars() {
                        if c.is_ascii_whitespace() {
                            if !in_space {
                                out.push(' ');
                            }
                            in_space = true;
                        } else {
                            out.push(c);
                            in_space = false;
                        }
                    }
                }
                _ => {}
            }
        }
    }

    #[test]
    fn the_parsed_tree_is_the_same_with_and_without_the_prescan() {
        let pages = [
            "<a href='/x' data-track=1 title=\"a > b\" class=c onclick=\"f()\">t</a>",
            "<p x=\"1\"y=2 data-z=3 class=k>u</p><p data-a=1 data-b=2 class=c data-c=3>v",
            "<b data-x=1><b data-x=2><b data-x=3><b data-x=4><p>text</b>more",
            "<p><b data-x=1><b data-x=2><b data-x=3><b data-x=4></p>reopened",
            "<i class=a data-x=1><i class=a data-x=2><i class=a data-x=3><i class=a data-x=4><p>x</p>y",
            "<title data-y=2>a <b data-x=1> c</title><p data-x=1 id=i>x</p>",
            "<textarea><p data-x=1></textarea><p data-y=2 class=q>",
            "<!-- <p data-x=1> --><p data-x=1 class=c>x<!--> <p data-y=1> --><!--->-->",
            "</div title='<p data-x=1>'><p data-x=2 id=z>y</p data-x=3>",
            "<plaintext><p data-x=1>",
            "<img data-x=\"1\"/><img src=a data-x=b/><br data-x/><p>after",
            "<table><input type=hidden data-x=1><tr><td data-y=2>c</td></tr></table>",
            "<math><mi data-x=1><font color=red data-y=2>t</font></mi></math><p>z",
            "<svg data-x=1><title>i</title></svg>after<svg class=\"i\"/><p data-x=1>kept</p><svg><path/></svg>",
            "<a href/title>x</a><a =x \"q>y</a><math><mi id=\"a\"/data-x>text</mi></math>",
            "<p class=c data-x='unclosed>never",
            "<![CDATA[ <p data-x=1> ]]><p data-x=1 id=a>",
            "<math><![CDATA[ <p data-x=1> ]]></math><p data-x=1 id=b>",
            "<?php echo '<p data-x=1>' ?><p data-x=2 id=c>",
            "<iframe data-x=1><p data-x=2></iframe><p data-x=3 id=k>",
            "<!DOCTYPE html data-x><html lang=en data-y=1><body data-z=2 class=b>t",
            "<div\r\ndata-x=1\r\nclass=c\r\n>t</div><div\x0cdata-x=1\x0cid=d>u</div><div data-x=\"1\"\tclass=e>",
            "<a data-x=&quot;> &amp; </a><a href=\"?a=1&amp;b=2\" data-y=\"&gt;\">l</a>",
            "<p data-é=1 class=ü>ä</p>",
            "<select><textarea data-x=1>t</textarea></select><p>s",
            "<script src=x data-y=1>var a = '<p data-x=1>';</script><p data-x=2 id=s>",
            "<noscript><p data-x=1 class=n>ns</p></noscript><noframes><p data-x=1></noframes>",
            "<form data-x=1><input data-y=2 name=q type=text></form><xmp><p data-x=1></xmp>",
            "<ul><li data-x=1>a<li data-x=2>b</ul><dl><dt data-x>t<dd data-y>d</dl>",
            "<a href=x data-a=1><div data-b=2><a href=y data-c=3>nested</a></div></a>",
            "<p>1 < 2 <3 <> </> </ x> <!x> <!> text</p>",
            "<p>line\none\r\nline two\rthree</p>\n<ul>\n  <li>a\n</ul>\n<table>\n<tr>\n<td>c\n</td>\n</tr>\n</table>\n",
            "<title>\nt\n</title><textarea>\nkept\n</textarea><xmp>\nx\n</xmp><!--\n-->a\nb",
            "<p>before</p>\n<pre>\nfirst line dropped\n  code\n</pre>\nafter\n<p>x\ny</p>",
            "<pre><table><tr><td></pre>\nstill inside\n</td></tr></table>\n</pre>",
            "<listing>\nl\n</listing>\n<p>\n",
            "<select>\n<option>o\n<option>p\n</select><frameset>\n</frameset>",
            "<math>\n<mi>\nx\n</mi>\n</math>\n<svg>\n</svg>\n<p>\r",
            "\n\n<!DOCTYPE html>\n<html>\n<head>\n<title>t</title>\n</head>\n<body>\ntext\n</body>\n</html>\n",
            "<script><!--<script>x</script>-->y</script><p data-x=1>z",
            "<script><!-- document.write('<script src=a></script>'); //--></script><p>w",
            "<script><!--</script><p>ended</p>",
            "<SCRIPT><!--<SCRIPT>a</SCRIPT>b</SCRIPT>c--></script><p>d",
            "<script><!--<script>never closed</script>--><p>e",
            "<script>a<!-->b</script><p>f",
            "<script>if (a<!--b) x--;</script><p>g",
            "<script><!--<scripts></script><p>h",
            "<script><!-- x --<script>--></script><p>i",
            "<svg><svg><path/></svg><path d=1><text>t</text></svg><p data-x=1>after",
            "<div><svg><path d=1></div><p>outside</p><svg></svg>",
            "<svg><p>breaks out</p></svg><p>after",
            "<svg><!-- </svg> --><path/></svg><p>c",
            "<svg><![CDATA[ </svg> ]]></svg><p>d",
            "<svg><title><b>bold</b></title></svg>after",
            "<svg><title><a href=x>link</title></svg>after",
            "<svg><!-- a --!> </svg> -->b<p>x",
            "<svg><!--> </svg> -->b<p>y",
            "<svg><desc>d</desc><foreignObject><div>html</div></foreignObject></svg><p>e",
            "<p><svg><path></p>after<svg></svg>",
            "<svg><font color=red>x</font></svg>y",
            "<svg><g></G></SVG><p>case",
            "<svg><?x </svg> ?><path/></svg><p>q",
            "<svg></ x </svg> ><path/></svg><p>r",
            "<table><tr><td><svg><g></td><td>next cell</td></tr></table>",
        ];
        for page in pages {
            let slimmed = slim(page.as_bytes());
            assert!(slimmed.short_names);
            assert_eq!(tree(&slimmed.html, true), tree(page.as_bytes(), false), "page: {page}\nslimmed: {}", String::from_utf8_lossy(&slimmed.html));
        }
    }
}
