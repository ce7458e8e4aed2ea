//! A csv reader that knows where every value is: each value carries its line (CR, LF
//! and CRLF each end a line, inside quoted values too) and its field number. Quoting is
//! read as spreadsheets write it (`"a ""quoted"" word"`); a quote that never closes is
//! reported with the line it opened on and read as plain text to the end of that line,
//! so the lines after it are still read as rows.

use std::borrow::Cow;

/// One value.
#[derive(Debug, Clone, PartialEq)]
pub struct Field<'a> {
    /// Its text (quotes removed).
    pub text: Cow<'a, str>,
    /// The line it starts on (1-based).
    pub line: usize,
    /// Its field number in the record (1-based).
    pub col: usize,
}

/// One record (row).
#[derive(Debug, Clone, PartialEq)]
pub struct Record<'a> {
    /// The line it starts on.
    pub line: usize,
    /// Its values.
    pub fields: Vec<Field<'a>>,
    /// The record's text, as in the file.
    pub raw: &'a str,
    /// The field number of a quote that never closes, if any.
    pub unclosed: Option<usize>,
}

impl Record<'_> {
    /// True when every value is blank.
    pub fn is_blank(&self) -> bool {
        self.fields.iter().all(|f| f.text.trim().is_empty())
    }
}

/// Reads records one at a time.
pub struct Records<'a> {
    text: &'a str,
    pos: usize,
    line: usize,
    delim: u8,
}

impl<'a> Records<'a> {
    /// Records of `text` separated by `delim` (an ASCII byte).
    pub fn new(text: &'a str, delim: u8) -> Self {
        Records {
            text,
            pos: 0,
            line: 1,
            delim,
        }
    }
}

/// Line breaks in a piece of text (CRLF counts once).
fn breaks(s: &[u8]) -> usize {
    let mut n = 0;
    for (i, b) in s.iter().enumerate() {
        match b {
            b'\n' => n += 1,
            b'\r' if s.get(i + 1) != Some(&b'\n') => n += 1,
            _ => {}
        }
    }
    n
}

impl<'a> Iterator for Records<'a> {
    type Item = Record<'a>;

    fn next(&mut self) -> Option<Record<'a>> {
        let t = self.text;
        let b = t.as_bytes();
        if self.pos >= b.len() {
            return None;
        }
        let start = self.pos;
        let line = self.line;
        let mut fields = Vec::new();
        let mut unclosed = None;
        let mut col = 1;
        loop {
            let field_line = self.line;
            let text: Cow<'a, str> = if b.get(self.pos) == Some(&b'"') {
                let mut buf = String::new();
                let mut i = self.pos + 1;
                let mut closed = false;
                while let Some(q) = memchr::memchr(b'"', &b[i..]).map(|q| i + q) {
                    buf.push_str(&t[i..q]);
                    self.line += breaks(&b[i..q]);
                    if b.get(q + 1) == Some(&b'"') {
                        buf.push('"');
                        i = q + 2;
                        continue;
                    }
                    i = q + 1;
                    closed = true;
                    break;
                }
                if closed {
                    // Text after the closing quote belongs to the value.
                    let end = memchr::memchr3(self.delim, b'\r', b'\n', &b[i..])
                        .map(|e| i + e)
                        .unwrap_or(b.len());
                    buf.push_str(&t[i..end]);
                    self.pos = end;
                    Cow::Owned(buf)
                } else {
                    // Never closed: the rest of its line, quote and all, as plain text.
                    self.line = field_line;
                    let end = memchr::memchr2(b'\r', b'\n', &b[self.pos..])
                        .map(|e| self.pos + e)
                        .unwrap_or(b.len());
                    unclosed = Some(col);
                    let s = &t[self.pos..end];
                    self.pos = end;
                    Cow::Borrowed(s)
                }
            } else {
                let end = memchr::memchr3(self.delim, b'\r', b'\n', &b[self.pos..])
                    .map(|e| self.pos + e)
                    .unwrap_or(b.len());
                let s = &t[self.pos..end];
                self.pos = end;
                Cow::Borrowed(s)
            };
            fields.push(Field {
                text,
                line: field_line,
                col,
            });
            match b.get(self.pos) {
                Some(&d) if d == self.delim && unclosed.is_none() => {
                    self.pos += 1;
                    col += 1;
                }
                Some(&end @ (b'\r' | b'\n')) => {
                    // A line ends at LF, CR or CRLF.
                    let raw_end = self.pos;
                    let crlf = end == b'\r' && b.get(self.pos + 1) == Some(&b'\n');
                    self.pos += if crlf { 2 } else { 1 };
                    self.line += 1;
                    return Some(Record {
                        line,
                        fields,
                        raw: &t[start..raw_end],
                        unclosed,
                    });
                }
                _ => {
                    let raw_end = self.pos.min(b.len());
                    self.pos = b.len();
                    return Some(Record {
                        line,
                        fields,
                        raw: &t[start..raw_end],
                        unclosed,
                    });
                }
            }
        }
    }
}

/// The delimiter of a table: the one of `,`, `;` and tab that splits its first record
/// into the most values (a comma on a tie).
pub fn delimiter(text: &str) -> u8 {
    let mut best = (0, b',');
    for d in [b',', b';', b'\t'] {
        let n = Records::new(text, d)
            .next()
            .map(|r| r.fields.len())
            .unwrap_or(0);
        if n > best.0 {
            best = (n, d);
        }
    }
    best.1
}

/// Splits one record's text by another delimiter (for a row written with another
/// delimiter than its header).
pub fn resplit(raw: &str, delim: u8, line: usize) -> Vec<Field<'_>> {
    let mut r = Records::new(raw, delim);
    r.line = line;
    r.next().map(|rec| rec.fields).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<(usize, Vec<String>)> {
        Records::new(text, b',')
            .map(|r| {
                (
                    r.line,
                    r.fields.iter().map(|f| f.text.to_string()).collect(),
                )
            })
            .collect()
    }

    #[test]
    fn line_endings_and_quotes() {
        let want = vec![
            (1, vec!["a".to_string(), "b".into()]),
            (2, vec!["c".into(), "d".into()]),
            (3, vec!["e".into()]),
        ];
        assert_eq!(lines("a,b\nc,d\ne"), want);
        assert_eq!(lines("a,b\r\nc,d\r\ne\r\n"), want);
        assert_eq!(lines("a,b\rc,d\re"), want);
        let q = lines("x,\"two\r\nlines, \"\"quoted\"\"\"\ny,z");
        assert_eq!(q[0].1[1], "two\r\nlines, \"quoted\"");
        assert_eq!(q[1].0, 3);
        let r: Vec<Record> = Records::new("a,\"open\nb,c\n", b',').collect();
        assert_eq!(r[0].unclosed, Some(2));
        assert_eq!(r[0].fields[1].text, "\"open");
        assert_eq!(r[1].line, 2);
        assert_eq!(r[1].fields[0].text, "b");
        assert_eq!(delimiter("a;b;c\n1,2;3"), b';');
        assert_eq!(resplit("1,2,3", b',', 4)[2].col, 3);
    }
}
