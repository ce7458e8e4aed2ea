//! Diagnostics: findings about the user's data (rule files, workbooks, tables).
//!
//! A diagnostic is never an error of the tool: it says what was found, where, and what
//! was expected, with a stable code that tests and users can rely on.

pub mod codes;
pub mod examples;

use crate::i18n::Arg;
pub use codes::{Code, CodeInfo, REGISTRY, Usual};
use serde::Serialize;
use std::fmt;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing; does not change a result.
    Warning,
    /// The input is wrong: the affected item is not used as given.
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

/// Where a finding is: a place in a text file, a cell of a workbook, or a whole file.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Location {
    /// The file (as the user named it, or `rules/<id>/<file>` for bundled rules).
    pub file: Option<String>,
    /// 1-based line in a text file.
    pub line: Option<usize>,
    /// 1-based column (in characters) in a text file.
    pub column: Option<usize>,
    /// Sheet of a workbook.
    pub sheet: Option<String>,
    /// Cell of a workbook in A1 notation.
    pub cell: Option<String>,
}

impl Location {
    /// A whole file.
    pub fn file(file: impl Into<String>) -> Self {
        Location {
            file: Some(file.into()),
            ..Default::default()
        }
    }

    /// A line and column of a text file.
    pub fn text(file: impl Into<String>, line: usize, column: usize) -> Self {
        Location {
            file: Some(file.into()),
            line: Some(line),
            column: Some(column),
            ..Default::default()
        }
    }

    /// A cell of a workbook sheet (`row` and `col` 0-based).
    pub fn cell(file: impl Into<String>, sheet: impl Into<String>, row: u32, col: u32) -> Self {
        Location {
            file: Some(file.into()),
            sheet: Some(sheet.into()),
            cell: Some(a1(row, col)),
            ..Default::default()
        }
    }

    /// A whole sheet of a workbook.
    pub fn sheet(file: impl Into<String>, sheet: impl Into<String>) -> Self {
        Location {
            file: Some(file.into()),
            sheet: Some(sheet.into()),
            ..Default::default()
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts = Vec::new();
        if let Some(file) = &self.file {
            let mut s = file.clone();
            if let Some(line) = self.line {
                s.push_str(&format!(":{line}"));
                if let Some(col) = self.column {
                    s.push_str(&format!(":{col}"));
                }
            }
            parts.push(s);
        }
        match (&self.sheet, &self.cell) {
            (Some(sheet), Some(cell)) => parts.push(format!("{sheet}!{cell}")),
            (Some(sheet), None) => parts.push(format!("sheet {sheet}")),
            (None, Some(cell)) => parts.push(cell.clone()),
            (None, None) => {}
        }
        f.write_str(&parts.join(" "))
    }
}

/// A message of the catalogues with its parameters: what a [`Diagnostic`] carries so
/// that a report can say it in its own language. The key names an entry of
/// `i18n/messages/<lang>/diagnostics.toml` (`diag.w020`...); the arguments fill its
/// placeholders (a count named `n` chooses the plural form).
#[derive(Debug, Clone, PartialEq)]
pub struct Msg {
    /// Catalogue key.
    pub key: &'static str,
    /// Named arguments.
    pub args: Vec<(&'static str, Arg)>,
}

impl From<Msg> for Arg {
    fn from(m: Msg) -> Arg {
        Arg::Message(m.key, m.args)
    }
}

// Arguments are texts and finite numbers: equality is total in practice.
impl Eq for Msg {}

impl Msg {
    /// A message without arguments yet.
    pub fn new(key: &'static str) -> Msg {
        Msg {
            key,
            args: Vec::new(),
        }
    }

    /// Adds an argument.
    pub fn arg(mut self, name: &'static str, value: impl Into<Arg>) -> Msg {
        self.args.push((name, value.into()));
        self
    }

    /// The message in a language.
    pub fn render(&self, lang: &str) -> String {
        crate::i18n::fmt(lang, self.key, &self.args)
    }
}

/// A finding with a stable code, a location and a message that says what was found and
/// what was expected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// Stable code such as `R004` (rules) or `W012` (workbooks); see [`REGISTRY`].
    pub code: Code,
    /// What was found and what was expected, in English (the CLI and JSON).
    pub message: String,
    /// Where.
    pub location: Location,
    /// The message as a catalogue key and its parameters, when it has one: reports
    /// render it in their language ([`Diagnostic::message_in`]).
    pub text: Option<Msg>,
}

impl Diagnostic {
    /// An error at a location.
    pub fn error(code: Code, location: Location, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            message: message.into(),
            location,
            text: None,
        }
    }

    /// A warning at a location.
    pub fn warning(code: Code, location: Location, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            code,
            message: message.into(),
            location,
            text: None,
        }
    }

    /// An error whose message comes from the catalogues (English in `message`).
    pub fn error_msg(code: Code, location: Location, msg: Msg) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            message: msg.render("en"),
            location,
            text: Some(msg),
        }
    }

    /// A warning whose message comes from the catalogues (English in `message`).
    pub fn warning_msg(code: Code, location: Location, msg: Msg) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            code,
            message: msg.render("en"),
            location,
            text: Some(msg),
        }
    }

    /// The message in a language: from the catalogues when the diagnostic carries a
    /// key, else the English message.
    pub fn message_in(&self, lang: &str) -> String {
        match &self.text {
            Some(m) => m.render(lang),
            None => self.message.clone(),
        }
    }

    /// True for errors.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let loc = self.location.to_string();
        if loc.is_empty() {
            write!(f, "{}[{}]: {}", self.severity, self.code, self.message)
        } else {
            write!(
                f,
                "{}[{}] {}: {}",
                self.severity, self.code, loc, self.message
            )
        }
    }
}

/// The JSON form of a diagnostic (part of every `mgi.*` document).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct DiagnosticJson {
    /// `error` or `warning`.
    pub severity: Severity,
    /// Stable code.
    pub code: Code,
    /// Human-readable message.
    pub message: String,
    /// File, when known.
    pub file: Option<String>,
    /// Line in a text file.
    pub line: Option<usize>,
    /// Column in a text file.
    pub column: Option<usize>,
    /// Sheet of a workbook.
    pub sheet: Option<String>,
    /// Cell of a workbook.
    pub cell: Option<String>,
}

impl From<&Diagnostic> for DiagnosticJson {
    fn from(d: &Diagnostic) -> Self {
        DiagnosticJson {
            severity: d.severity,
            code: d.code,
            message: d.message.clone(),
            file: d.location.file.clone(),
            line: d.location.line,
            column: d.location.column,
            sheet: d.location.sheet.clone(),
            cell: d.location.cell.clone(),
        }
    }
}

/// Counts of errors and warnings.
pub fn counts(diags: &[Diagnostic]) -> (usize, usize) {
    let errors = diags.iter().filter(|d| d.is_error()).count();
    (errors, diags.len() - errors)
}

/// The letters of a 0-based column (`A`, `Z`, `AA`).
pub fn column_letter(col: u32) -> String {
    a1(0, col).trim_end_matches('1').to_string()
}

/// A1 notation for a 0-based row and column (`a1(0, 0)` is `A1`).
pub fn a1(row: u32, col: u32) -> String {
    let mut name = String::new();
    let mut c = col as u64 + 1;
    while c > 0 {
        let rem = ((c - 1) % 26) as u8;
        name.insert(0, (b'A' + rem) as char);
        c = (c - 1) / 26;
    }
    format!("{name}{}", row as u64 + 1)
}

/// 1-based line and column (in characters) of a byte offset in a text.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..floor_char_boundary(text, offset)];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a1_names() {
        assert_eq!(a1(0, 0), "A1");
        assert_eq!(a1(9, 25), "Z10");
        assert_eq!(a1(0, 26), "AA1");
        assert_eq!(a1(1_048_575, 16_383), "XFD1048576");
    }

    #[test]
    fn line_and_column() {
        let t = "ab\ncdé\nf";
        assert_eq!(line_col(t, 0), (1, 1));
        assert_eq!(line_col(t, 3), (2, 1));
        assert_eq!(line_col(t, 7), (2, 4));
        assert_eq!(line_col(t, 8), (3, 1));
    }
}
