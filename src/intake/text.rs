//! Text files as government offices produce them: UTF-8 with or without a byte-order
//! mark, UTF-16 with one, or Windows-1252 (which covers Latin-1) from older systems.
//! Bytes that are none of these are reported with their line.

use std::borrow::Cow;

/// The encoding a text was read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8 (with or without a byte-order mark).
    Utf8,
    /// UTF-16, little- or big-endian, with a byte-order mark.
    Utf16,
    /// Windows-1252 (a superset of the printable Latin-1).
    Windows1252,
}

/// A text read, and how.
#[derive(Debug)]
pub struct Decoded<'a> {
    /// The text, without a byte-order mark.
    pub text: Cow<'a, str>,
    /// The encoding it was read in.
    pub encoding: Encoding,
}

/// Bytes that are not text in any encoding tried.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Undecodable {
    /// 1-based line of the first such byte.
    pub line: usize,
    /// 1-based byte of that line.
    pub column: usize,
    /// What was found.
    pub detail: String,
}

/// Bytes Windows-1252 leaves undefined.
const UNDEFINED_1252: [u8; 5] = [0x81, 0x8D, 0x8F, 0x90, 0x9D];

/// Line and byte column of an offset, counting CR, LF and CRLF each as one line break.
pub fn line_of(bytes: &[u8], offset: usize) -> (usize, usize) {
    let mut line = 1;
    let mut start = 0;
    let mut i = 0;
    let end = offset.min(bytes.len());
    while i < end {
        match bytes[i] {
            b'\n' => {
                line += 1;
                start = i + 1;
            }
            b'\r' => {
                if bytes.get(i + 1) == Some(&b'\n') && i + 1 < end {
                    i += 1;
                }
                line += 1;
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    (line, end - start + 1)
}

/// Reads bytes as text in the first encoding that fits.
pub fn decode(bytes: &[u8]) -> Result<Decoded<'_>, Undecodable> {
    let undecodable = |offset: usize, what: &str| {
        let (line, column) = line_of(bytes, offset);
        Undecodable {
            line,
            column,
            detail: what.to_string(),
        }
    };
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return match std::str::from_utf8(rest) {
            Ok(t) => Ok(Decoded {
                text: Cow::Borrowed(t),
                encoding: Encoding::Utf8,
            }),
            Err(e) => Err(undecodable(
                3 + e.valid_up_to(),
                &format!(
                    "byte {:#04x} is not UTF-8, although the file starts with UTF-8's byte-order mark",
                    rest[e.valid_up_to()]
                ),
            )),
        };
    }
    for (bom, enc) in [
        (&b"\xFF\xFE"[..], encoding_rs::UTF_16LE),
        (&b"\xFE\xFF"[..], encoding_rs::UTF_16BE),
    ] {
        if let Some(rest) = bytes.strip_prefix(bom) {
            let (text, had_errors) = enc.decode_without_bom_handling(rest);
            if had_errors || rest.len() % 2 == 1 {
                // Find the line of the first unpaired unit, counting in UTF-16.
                let units: Vec<u16> = rest
                    .chunks(2)
                    .map(|p| {
                        let pair = [p[0], *p.get(1).unwrap_or(&0)];
                        if enc == encoding_rs::UTF_16LE {
                            u16::from_le_bytes(pair)
                        } else {
                            u16::from_be_bytes(pair)
                        }
                    })
                    .collect();
                let bad = char::decode_utf16(units.iter().copied())
                    .position(|r| r.is_err())
                    .unwrap_or(units.len().saturating_sub(1));
                let prefix = String::from_utf16_lossy(&units[..bad.min(units.len())]);
                let (line, column) = line_of(prefix.as_bytes(), prefix.len());
                return Err(Undecodable {
                    line,
                    column,
                    detail: "a UTF-16 unit that is half of a character, although the file starts with UTF-16's byte-order mark".into(),
                });
            }
            return Ok(Decoded {
                text: Cow::Owned(text.into_owned()),
                encoding: Encoding::Utf16,
            });
        }
    }
    // A zero byte is no text in any of these encodings (though it is valid UTF-8).
    if let Some(i) = memchr::memchr(0, bytes) {
        return Err(undecodable(
            i,
            "a zero byte: this is binary data or UTF-16 without its byte-order mark",
        ));
    }
    match std::str::from_utf8(bytes) {
        Ok(t) => Ok(Decoded {
            text: Cow::Borrowed(t),
            encoding: Encoding::Utf8,
        }),
        Err(_) => {
            if let Some(i) = bytes.iter().position(|b| UNDEFINED_1252.contains(b)) {
                return Err(undecodable(
                    i,
                    &format!(
                        "byte {:#04x}, which is neither UTF-8 nor Windows-1252",
                        bytes[i]
                    ),
                ));
            }
            let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
            Ok(Decoded {
                text: Cow::Owned(text.into_owned()),
                encoding: Encoding::Windows1252,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings() {
        assert_eq!(decode(b"\xEF\xBB\xBFa,b").unwrap().text, "a,b");
        let latin = decode(b"pays,ann\xe9e\nXAA,2026").unwrap();
        assert_eq!(latin.encoding, Encoding::Windows1252);
        assert_eq!(latin.text, "pays,année\nXAA,2026");
        let mut utf16 = vec![0xFF, 0xFE];
        for u in "país\n".encode_utf16() {
            utf16.extend(u.to_le_bytes());
        }
        assert_eq!(decode(&utf16).unwrap().text, "país\n");
        let bad = decode(b"a,b\r\nc,d\r\ne\x81f").unwrap_err();
        assert_eq!((bad.line, bad.column), (3, 2));
        assert_eq!(line_of(b"a\rb\rc", 4), (3, 1));
        assert_eq!(line_of(b"a\r\nb", 3), (2, 1));
    }
}
