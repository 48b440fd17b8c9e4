//! A byte-level pass before parsing that empties `<script>` and `<style>` elements (JSON-LD excepted)
//! and inline `<svg>` drawings.
//!
//! Script and style bodies are nearly half the bytes of a typical page, the tokenizer reads them one
//! character at a time, and extraction discards them anyway. Inline SVG icons are the same story in
//! markup form: hundreds of path elements with long coordinate attributes per page, every one built into
//! the tree and then dropped as invisible. The element tags stay, so the tree keeps its shape.
//! Comments are skipped whole, so a commented-out `<script` cannot swallow real content.

pub fn empty_raw_text_elements(html: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(html.len());
    let mut copied = 0;
    let mut i = 0;
    while let Some(offset) = html[i..].iter().position(|&b| b == b'<') {
        let at = i + offset;
        let rest = &html[at..];
        if rest.starts_with(b"<!--") {
            i = find(&html[at + 4..], b"-->").map_or(html.len(), |end| at + 4 + end + 3);
            continue;
        }
        let close: &[u8] = if starts_with_ignore_case(rest, b"<script") {
            b"</script"
        } else if starts_with_ignore_case(rest, b"<style") {
            b"</style"
        } else if starts_with_ignore_case(rest, b"<svg") {
            b"</svg"
        } else {
            i = at + 1;
            continue;
        };
        let name_end = at + close.len() - 1;
        if name_end >= html.len() || !matches!(html[name_end], b' ' | b'\t' | b'\n' | b'\r' | 0x0c | b'>' | b'/') {
            i = at + 1;
            continue;
        }
        let body_start = match start_tag_end(html, name_end) {
            Some(end) => end,
            None => break,
        };
        let close_at = match find_ignore_case(&html[body_start..], close) {
            Some(found) => body_start + found,
            None => break, // unclosed: the parser decides what the rest means
        };
        if !contains_ignore_case(&html[at..body_start], b"ld+json") {
            out.extend_from_slice(&html[copied..body_start]);
            copied = close_at;
        }
        i = close_at + close.len();
    }
    out.extend_from_slice(&html[copied..]);
    out
}

/// The index just after the `>` that ends a start tag, honouring quoted attribute values.
fn start_tag_end(html: &[u8], from: usize) -> Option<usize> {
    let mut quote: Option<u8> = None;
    for (offset, &b) in html[from..].iter().enumerate() {
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if b == b'"' || b == b'\'' => quote = Some(b),
            None if b == b'>' => return Some(from + offset + 1),
            None => {}
        }
    }
    None
}

fn starts_with_ignore_case(haystack: &[u8], prefix: &[u8]) -> bool {
    haystack.len() >= prefix.len() && haystack[..prefix.len()].eq_ignore_ascii_case(prefix)
}

/// Finds `needle` by scanning for its first byte (a cheap loop) and comparing only there. Every needle
/// here starts with a punctuation byte, which has no case.
fn find_by(haystack: &[u8], needle: &[u8], same: impl Fn(&[u8], &[u8]) -> bool) -> Option<usize> {
    let first = needle[0];
    let mut i = 0;
    while i + needle.len() <= haystack.len() {
        let offset = haystack[i..haystack.len() - needle.len() + 1].iter().position(|&b| b == first)?;
        let at = i + offset;
        if same(&haystack[at..at + needle.len()], needle) {
            return Some(at);
        }
        i = at + 1;
    }
    None
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    find_by(haystack, needle, |a, b| a == b)
}

fn find_ignore_case(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    find_by(haystack, needle, |a, b| a.eq_ignore_ascii_case(b))
}

fn contains_ignore_case(haystack: &[u8], needle: &[u8]) -> bool {
    find_ignore_case(haystack, needle).is_some()
}

#[cfg(test)]
mod tests {
    use super::empty_raw_text_elements;

    fn run(html: &str) -> String {
        String::from_utf8(empty_raw_text_elements(html.as_bytes())).unwrap()
    }

    #[test]
    fn script_and_style_bodies_are_emptied() {
        assert_eq!(run("<p>a</p><SCRIPT type=\"x\">if (a < b) {}</script><style>p{}</STYLE><p>b</p>"), "<p>a</p><SCRIPT type=\"x\"></script><style></STYLE><p>b</p>");
    }

    #[test]
    fn json_ld_comments_and_lookalikes_are_kept() {
        let html = "<script type=\"application/ld+json\">{\"a\":1}</script><!-- <script> --><p>kept</p><scripts>x</scripts><p title='>'>y</p>";
        assert_eq!(run(html), html);
    }

    #[test]
    fn inline_svg_drawings_are_emptied_but_keep_their_tags() {
        assert_eq!(
            run("<a href=\"/x\"><svg viewBox=\"0 0 8 8\"><path d=\"M0 0L8 8\"/><title>icon</title></SVG>Read more</a><svgs>k</svgs>"),
            "<a href=\"/x\"><svg viewBox=\"0 0 8 8\"></SVG>Read more</a><svgs>k</svgs>"
        );
    }

    #[test]
    fn an_unclosed_script_is_left_to_the_parser() {
        assert_eq!(run("<p>a</p><script>never closed"), "<p>a</p><script>never closed");
    }
}
