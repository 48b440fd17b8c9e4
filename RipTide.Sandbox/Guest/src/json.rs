//! The document's JSON, byte for byte what `serde_json::to_vec` writes (compact, keys in the map's order),
//! with strings escaped in runs: serde_json looks at every byte of a string through its escape table, a loop
//! iteration (and one of Wasmtime's epoch checks) per byte of the text and markdown; here the bytes that need
//! no escape, nearly all of them, are found sixteen at a time and copied whole.

use crate::bytes;
use serde_json::Value;

pub fn to_vec(value: &Value) -> Vec<u8> {
    let mut out = Vec::with_capacity(4096);
    write(&mut out, value);
    out
}

fn write(out: &mut Vec<u8>, value: &Value) {
    match value {
        Value::Null => out.extend_from_slice(b"null"),
        Value::Bool(b) => out.extend_from_slice(if *b { b"true" } else { b"false" }),
        Value::Number(n) => serde_json::to_writer(&mut *out, n).expect("writing to a Vec cannot fail"),
        Value::String(s) => write_string(out, s),
        Value::Array(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write(out, item);
            }
            out.push(b']');
        }
        Value::Object(map) => {
            out.push(b'{');
            for (i, (key, item)) in map.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write_string(out, key);
                out.push(b':');
                write(out, item);
            }
            out.push(b'}');
        }
    }
}

/// A JSON string as serde_json escapes it: `"` and `\` with a backslash, the five controls that have one as
/// `\b \t \n \f \r`, the other controls below U+0020 as `\u00xx`; everything else, U+007F and beyond
/// included, as it is.
fn write_string(out: &mut Vec<u8>, text: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let text = text.as_bytes();
    out.reserve(text.len() + 2);
    out.push(b'"');
    let mut from = 0;
    while let Some(offset) = bytes::find_json_escape(&text[from..]) {
        let at = from + offset;
        out.extend_from_slice(&text[from..at]);
        let b = text[at];
        match b {
            b'"' => out.extend_from_slice(b"\\\""),
            b'\\' => out.extend_from_slice(b"\\\\"),
            0x08 => out.extend_from_slice(b"\\b"),
            b'\t' => out.extend_from_slice(b"\\t"),
            b'\n' => out.extend_from_slice(b"\\n"),
            0x0C => out.extend_from_slice(b"\\f"),
            b'\r' => out.extend_from_slice(b"\\r"),
            _ => out.extend_from_slice(&[b'\\', b'u', b'0', b'0', HEX[(b >> 4) as usize], HEX[(b & 0xF) as usize]]),
        }
        from = at + 1;
    }
    out.extend_from_slice(&text[from..]);
    out.push(b'"');
}

#[cfg(test)]
mod tests {
    use super::to_vec;
    use serde_json::json;

    #[test]
    fn writes_what_serde_json_writes() {
        let every_control: String = (0u8..0x20).map(char::from).collect();
        let samples = [
            json!(null),
            json!({"b": true, "a": [1, -2, 3.5, 1e300, 0.1, null, false], "c": {}, "d": []}),
            json!({"text": every_control, "quote": "say \"hi\" \\ back\\", "del": "\u{7f}", "wide": "é 日本 🦀 \u{2028}"}),
            json!(["", " ", "a long run of text without anything to escape, longer than sixteen bytes", "tail\""]),
        ];
        for sample in samples {
            assert_eq!(String::from_utf8(to_vec(&sample)).unwrap(), serde_json::to_string(&sample).unwrap());
        }
        // A byte to escape at every offset around the chunks' edges.
        let prose = "Tide tables for the coast are out and the surge is over";
        for special in ["\"", "\\", "\n", "\u{1}", "\u{1f}", "é"] {
            for at in 0..=prose.len() {
                let sample = json!(format!("{}{}{}", &prose[..at], special, &prose[at..]));
                assert_eq!(String::from_utf8(to_vec(&sample)).unwrap(), serde_json::to_string(&sample).unwrap());
            }
        }
    }
}
