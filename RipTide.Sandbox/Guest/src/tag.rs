//! Tags read byte by byte the way html5ever's tokenizer reads them (the "tag name" to "self-closing start
//! tag" states of the HTML standard), so that the prescan knows where a tag ends and where each of its
//! attributes lies. Character references and NUL bytes do not move any boundary, so they are ordinary
//! bytes here; carriage returns are whitespace, as they are after the tokenizer's newline normalisation.

use crate::bytes::{find_any, find_byte};

/// One attribute of a tag: `start..end` covers its name and, when it has one, its value.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Attribute {
    pub start: usize,
    pub name_end: usize,
    pub end: usize,
}

/// A tag whose name begins at `name_start` (just after `<` or `</`).
pub struct Tag {
    pub name_end: usize,
    /// Just after the closing `>`.
    pub end: usize,
    /// Whether the tag takes the tokenizer's plain path: attributes apart, each either a bare name or
    /// `name=value`, and nothing between the last one and `>` but whitespace and one `/`. Only then can
    /// an attribute be cut out without changing how its neighbours are read.
    pub well_formed: bool,
    /// Ends in `/>`: an empty element, for SVG and MathML elements (HTML elements ignore it).
    pub self_closing: bool,
}

#[derive(Clone, Copy)]
enum State {
    Name,
    BeforeAttributeName,
    AttributeName,
    AfterAttributeName,
    BeforeValue,
    Quoted(u8),
    Unquoted,
    AfterQuoted,
    SelfClosing,
}

/// The tag, once its `>` is found at `gt`.
fn ended(name_end: usize, gt: usize, well_formed: bool, self_closing: bool) -> Option<Tag> {
    Some(Tag { name_end, end: gt + 1, well_formed, self_closing })
}

/// The last index of the run of ordinary name bytes at `i`: just before the next of `stops` (the bytes the
/// name's state acts on), or the page's last byte. The loop's step then lands on that byte; a byte at a time,
/// every name character was a loop iteration (and one of Wasmtime's epoch checks).
fn last_before<const N: usize>(html: &[u8], i: usize, stops: [u8; N]) -> usize {
    find_any(&html[i + 1..], stops).map_or(html.len() - 1, |offset| i + offset)
}

fn is_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | 0x0c | b'\r' | b' ')
}

/// Reads the tag whose name starts at `name_start`, reporting each attribute to `attribute`. `None`
/// when the page ends inside the tag, which the tokenizer then drops.
pub fn read(html: &[u8], name_start: usize, mut attribute: impl FnMut(Attribute)) -> Option<Tag> {
    use State::*;
    let mut state = Name;
    let mut name_end = html.len();
    let mut well_formed = true;
    let (mut start, mut attribute_name_end) = (0, 0);
    let mut i = name_start;
    while i < html.len() {
        let b = html[i];
        let mut reconsume = false;
        match state {
            Name => match b {
                b'/' => {
                    name_end = i;
                    state = SelfClosing;
                }
                b'>' => return ended(i, i, well_formed, false),
                _ if is_space(b) => {
                    name_end = i;
                    state = BeforeAttributeName;
                }
                _ => i = last_before(html, i, [b'/', b'>', b'\t', b'\n', 0x0c, b'\r', b' ']),
            },
            BeforeAttributeName => match b {
                b'/' => state = SelfClosing,
                b'>' => return ended(name_end, i, well_formed, false),
                _ if is_space(b) => {}
                _ => {
                    well_formed &= !matches!(b, b'=' | b'"' | b'\'' | b'<');
                    start = i;
                    state = AttributeName;
                }
            },
            AttributeName => match b {
                b'/' => {
                    attribute(Attribute { start, name_end: i, end: i });
                    state = SelfClosing;
                }
                b'=' => {
                    attribute_name_end = i;
                    state = BeforeValue;
                }
                b'>' => {
                    attribute(Attribute { start, name_end: i, end: i });
                    return ended(name_end, i, well_formed, false);
                }
                _ if is_space(b) => {
                    attribute_name_end = i;
                    state = AfterAttributeName;
                }
                b'"' | b'\'' | b'<' => well_formed = false,
                _ => i = last_before(html, i, [b'/', b'=', b'>', b'\t', b'\n', 0x0c, b'\r', b' ', b'"', b'\'', b'<']),
            },
            AfterAttributeName => match b {
                b'/' => {
                    attribute(Attribute { start, name_end: attribute_name_end, end: attribute_name_end });
                    state = SelfClosing;
                }
                b'=' => state = BeforeValue,
                b'>' => {
                    attribute(Attribute { start, name_end: attribute_name_end, end: attribute_name_end });
                    return ended(name_end, i, well_formed, false);
                }
                _ if is_space(b) => {}
                _ => {
                    attribute(Attribute { start, name_end: attribute_name_end, end: attribute_name_end });
                    well_formed &= !matches!(b, b'"' | b'\'' | b'<');
                    start = i;
                    state = AttributeName;
                }
            },
            BeforeValue => match b {
                b'"' | b'\'' => state = Quoted(b),
                b'>' => {
                    attribute(Attribute { start, name_end: attribute_name_end, end: i });
                    return ended(name_end, i, well_formed, false);
                }
                _ if is_space(b) => {}
                _ => state = Unquoted,
            },
            Quoted(quote) => {
                // Values are the longest stretches of a tag (URLs, class lists): jump to the closing quote.
                let close = i + find_byte(&html[i..], quote)?;
                attribute(Attribute { start, name_end: attribute_name_end, end: close + 1 });
                state = AfterQuoted;
                i = close;
            }
            Unquoted => match b {
                b'>' => {
                    attribute(Attribute { start, name_end: attribute_name_end, end: i });
                    return ended(name_end, i, well_formed, false);
                }
                _ if is_space(b) => {
                    attribute(Attribute { start, name_end: attribute_name_end, end: i });
                    state = BeforeAttributeName;
                }
                _ => {}
            },
            AfterQuoted => match b {
                b'/' => state = SelfClosing,
                b'>' => return ended(name_end, i, well_formed, false),
                _ if is_space(b) => state = BeforeAttributeName,
                _ => {
                    well_formed = false;
                    state = BeforeAttributeName;
                    reconsume = true;
                }
            },
            SelfClosing => {
                if b == b'>' {
                    return ended(name_end, i, well_formed, true);
                }
                well_formed = false;
                state = BeforeAttributeName;
                reconsume = true;
            }
        }
        if !reconsume {
            i += 1;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each attribute's name and the attribute as written.
    type Attributes = Vec<(String, String)>;

    /// The tag starting at byte 1 of `html`: its name, its attributes, and whether it is well formed.
    fn tag(html: &str) -> Option<(String, Attributes, bool)> {
        let bytes = html.as_bytes();
        let mut attributes = Vec::new();
        let tag = read(bytes, 1, |a| attributes.push(a))?;
        assert_eq!(tag.end, html.len(), "the tag ends at its closing >");
        let text = |range: std::ops::Range<usize>| html[range].to_string();
        Some((text(1..tag.name_end), attributes.iter().map(|a| (text(a.start..a.name_end), text(a.start..a.end))).collect(), tag.well_formed))
    }

    fn pairs(list: &[(&str, &str)]) -> Attributes {
        list.iter().map(|(n, w)| (n.to_string(), w.to_string())).collect()
    }

    #[test]
    fn attributes_with_every_kind_of_value_are_found() {
        let (name, attributes, well_formed) = tag("<a href=\"/x>y\" data-id='7' hidden title=t\r\nclass = \"c\"/>").unwrap();
        assert_eq!(name, "a");
        assert_eq!(
            attributes,
            pairs(&[("href", "href=\"/x>y\""), ("data-id", "data-id='7'"), ("hidden", "hidden"), ("title", "title=t"), ("class", "class = \"c\"")])
        );
        assert!(well_formed);
    }

    #[test]
    fn a_slash_in_an_unquoted_value_is_part_of_it() {
        let (_, attributes, well_formed) = tag("<a href=/x/>").unwrap();
        assert_eq!(attributes, pairs(&[("href", "href=/x/")]));
        assert!(well_formed);
    }

    #[test]
    fn quotes_inside_an_unquoted_value_do_not_open_a_string() {
        let (_, attributes, _) = tag("<p title=it's data-x=a\"b>").unwrap();
        assert_eq!(attributes, pairs(&[("title", "title=it's"), ("data-x", "data-x=a\"b")]));
    }

    #[test]
    fn the_tokenizers_error_paths_are_followed_but_mark_the_tag() {
        let (_, attributes, well_formed) = tag("<a x=\"1\"y=2>").unwrap();
        assert_eq!(attributes, pairs(&[("x", "x=\"1\""), ("y", "y=2")]));
        assert!(!well_formed, "no space between attributes");

        let (_, attributes, well_formed) = tag("<a href/title>").unwrap();
        assert_eq!(attributes, pairs(&[("href", "href"), ("title", "title")]));
        assert!(!well_formed, "a slash that does not close the tag");

        let (_, attributes, well_formed) = tag("<a =x \"q>").unwrap();
        assert_eq!(attributes, pairs(&[("=x", "=x"), ("\"q", "\"q")]));
        assert!(!well_formed);

        let (_, attributes, _) = tag("<a x=>").unwrap();
        assert_eq!(attributes, pairs(&[("x", "x=")]));
    }

    #[test]
    fn end_tags_and_bare_tags_are_read_too() {
        assert_eq!(tag("<br>").unwrap().0, "br");
        assert_eq!(tag("<br/>").unwrap().0, "br");
        assert!(read(b"<br/>", 1, |_| {}).unwrap().self_closing);
        assert!(read(b"<a x='1' />", 1, |_| {}).unwrap().self_closing);
        assert!(!read(b"<a href=/x/>", 1, |_| {}).unwrap().self_closing, "the slash belongs to the value");
        let end = read(b"</div title='>'>", 2, |_| {}).unwrap();
        assert_eq!((end.name_end, end.end), (5, 16));
    }

    #[test]
    fn a_tag_cut_off_by_the_end_of_the_page_is_none() {
        assert!(tag("<a href=\"x>").is_none());
        assert!(tag("<a href=x").is_none());
        assert!(tag("<a").is_none());
    }
}
