//! Character references left in metadata strings. JSON-LD is JSON, not HTML, so a headline written by a
//! CMS as `Storms &#8211; and floods` arrives with its reference undecoded; some sites also encode meta
//! content twice (`&amp;raquo;`). What a reader is shown is the character, so titles, bylines and names
//! decode these once more. Only numeric references and the named ones that occur in titles are known;
//! anything else stays as written.

use std::borrow::Cow;

/// Named references decoded here: punctuation, quotes and spaces that titles use.
const NAMED: &[(&str, char)] = &[
    ("amp", '&'),
    ("lt", '<'),
    ("gt", '>'),
    ("quot", '"'),
    ("apos", '\''),
    ("nbsp", '\u{a0}'),
    ("ndash", '–'),
    ("mdash", '—'),
    ("hellip", '…'),
    ("lsquo", '‘'),
    ("rsquo", '’'),
    ("sbquo", '‚'),
    ("ldquo", '“'),
    ("rdquo", '”'),
    ("bdquo", '„'),
    ("laquo", '«'),
    ("raquo", '»'),
    ("middot", '·'),
    ("bull", '•'),
    ("copy", '©'),
    ("reg", '®'),
    ("trade", '™'),
    ("euro", '€'),
];

/// A reference is at most this long between `&` and `;` (`#x10FFFF`, `hellip`).
const MAX_REFERENCE: usize = 8;

/// `text` with its character references decoded; borrowed when it has none.
pub fn decode(text: &str) -> Cow<'_, str> {
    if !text.contains('&') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        // Only the next few bytes are searched for the `;`: a string of many `&` stays linear.
        let end = rest.as_bytes()[1..].iter().take(MAX_REFERENCE + 1).position(|&b| b == b';');
        let decoded = end.and_then(|end| reference(&rest[1..1 + end]).map(|c| (c, end + 2)));
        match decoded {
            Some((c, consumed)) => {
                out.push(c);
                rest = &rest[consumed..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// The character a reference's name (without `&` and `;`) stands for.
fn reference(name: &str) -> Option<char> {
    let number = match name.strip_prefix('#') {
        Some(n) => n,
        None => return NAMED.iter().find(|(known, _)| *known == name).map(|&(_, c)| c),
    };
    let value = match number.strip_prefix(['x', 'X']) {
        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
        None => number.parse().ok()?,
    };
    // NUL and surrogates are not characters a title can show.
    char::from_u32(value).filter(|&c| c != '\0')
}

#[cfg(test)]
mod tests {
    use super::decode;

    #[test]
    fn numeric_and_title_punctuation_references_decode_and_others_stay() {
        assert_eq!(decode("Storms &#8211; and floods"), "Storms – and floods");
        assert_eq!(decode("Wohngew&#x00E4;chshaus&#x20;selber"), "Wohngewächshaus selber");
        assert_eq!(decode("News &raquo; Sport &amp; more"), "News » Sport & more");
        assert_eq!(decode("R&D; &unknown; &#xD800; &#0; a & b &#12345678901;"), "R&D; &unknown; &#xD800; &#0; a & b &#12345678901;");
        assert_eq!(decode("trailing &"), "trailing &");
        assert!(matches!(decode("no references"), std::borrow::Cow::Borrowed(_)));
        assert_eq!(decode("&é;&#233;"), "&é;é", "a multi-byte character after & is left whole");
    }

    #[test]
    fn a_hostile_string_of_ampersands_decodes_in_linear_time() {
        let hostile = "&".repeat(200_000) + ";";
        let started = std::time::Instant::now();
        assert_eq!(decode(&hostile).len(), hostile.len());
        // Quadratic scanning took tens of seconds here; linear takes milliseconds.
        assert!(started.elapsed() < std::time::Duration::from_secs(2), "{:?}", started.elapsed());
    }
}
