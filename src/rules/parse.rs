//! Parsing one rule file: TOML syntax, the serde structures of `raw`, unknown keys, and
//! what kind of file it is (a framework's, a crosswalk, or plain content that another
//! framework may include). Both the loader and the checks use the parsed form defined
//! here, so neither imports the other.

use super::fields;
use super::raw::RawFile;
use crate::diag::{Code, Diagnostic, Location, line_col};
use std::collections::BTreeSet;
use std::ops::Range;
use std::path::PathBuf;
use toml::de::{DeTable, DeValue};

/// One rule file.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path relative to the rules root, `/`-separated (`sdg-10-7-2/framework.toml`).
    pub rel: String,
    /// Path as shown in diagnostics.
    pub display: String,
    /// Content.
    pub text: String,
    /// Where the file is on disk (`None` for the bundled copies).
    pub path: Option<PathBuf>,
    /// A problem met while reading it (not UTF-8): the file cannot be used, and `text`
    /// is a lossy copy kept only to see what it declares.
    pub problem: Option<Diagnostic>,
}

/// What a file is, from its top-level tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// It declares `[framework]`: its folder is a framework folder.
    Framework,
    /// It declares `[crosswalk]`: a mapping between two frameworks.
    Crosswalk,
    /// Neither: content of the framework of its folder, or shared content that another
    /// framework includes.
    Plain,
}

/// A file parsed on its own.
#[derive(Debug, Default)]
pub struct ParsedFile {
    /// Its content, when it could be read (never for a crosswalk file, whose format is
    /// the crosswalk module's).
    pub raw: Option<RawFile>,
    /// What kind of file it is (guessed from its text when it does not parse).
    pub kind: Option<FileKind>,
    /// Its syntax errors, type errors and unknown keys.
    pub diagnostics: Vec<Diagnostic>,
    /// When the file could not be read: the ids and codes it appears to declare, so
    /// that errors which only follow from its absence are summarised, not listed.
    pub declared: BTreeSet<String>,
}

impl ParsedFile {
    /// The kind, `Plain` when unknown.
    pub fn kind(&self) -> FileKind {
        self.kind.unwrap_or(FileKind::Plain)
    }

    /// True when the file could not be read as a rule file.
    pub fn unread(&self) -> bool {
        self.raw.is_none() && self.kind != Some(FileKind::Crosswalk)
    }
}

/// A file of a framework, as the checks see it.
pub struct Parsed<'a> {
    /// The file.
    pub file: &'a SourceFile,
    /// Its content, if it parsed.
    pub raw: Option<&'a RawFile>,
    /// Path of the file relative to the framework folder (for the content hash).
    pub rel_in_framework: String,
    /// True for a file named in `[framework] include` (a catalogue shared by several
    /// frameworks): it may carry more languages than this framework.
    pub included: bool,
}

/// The location of a byte span of a file.
pub fn location(file: &SourceFile, span: Range<usize>) -> Location {
    let (line, column) = line_col(&file.text, span.start);
    Location::text(file.display.clone(), line, column)
}

/// Parses a file: its kind, its content and every problem with it.
pub fn parse_file(file: &SourceFile) -> ParsedFile {
    let mut out = ParsedFile::default();
    if let Some(p) = &file.problem {
        out.diagnostics.push(p.clone());
        out.kind = Some(guess_kind(&file.text));
        out.declared = declared_in_text(&file.text);
        return out;
    }
    let tree = match DeTable::parse(&file.text) {
        Ok(t) => t,
        Err(e) => {
            out.diagnostics.push(toml_error(file, &e));
            let (partial, _) = DeTable::parse_recoverable(&file.text);
            out.kind = Some(kind_of(partial.get_ref()).unwrap_or(guess_kind(&file.text)));
            out.declared = declared_in_text(&file.text);
            collect_ids(partial.get_ref(), &mut out.declared);
            return out;
        }
    };
    let kind = kind_of(tree.get_ref()).unwrap_or(FileKind::Plain);
    out.kind = Some(kind);
    if kind == FileKind::Crosswalk {
        return out;
    }
    let de = toml::de::Deserializer::from(tree);
    let mut unknown: Vec<Vec<Segment>> = Vec::new();
    let result: Result<RawFile, _> =
        serde_ignored::deserialize(de, |path| unknown.push(segments(&path)));
    match result {
        Ok(raw) => out.raw = Some(raw),
        Err(e) => {
            out.diagnostics.push(toml_error(file, &e));
            if let Ok(tree) = DeTable::parse(&file.text) {
                collect_ids(tree.get_ref(), &mut out.declared);
            }
        }
    }
    if !unknown.is_empty() {
        let tree = DeTable::parse(&file.text).ok();
        for path in unknown {
            out.diagnostics
                .push(unknown_key(file, tree.as_ref(), &path));
        }
    }
    out
}

fn kind_of(t: &DeTable) -> Option<FileKind> {
    if t.contains_key("crosswalk") {
        Some(FileKind::Crosswalk)
    } else if t.contains_key("framework") {
        Some(FileKind::Framework)
    } else {
        None
    }
}

/// The kind of a file that does not parse, from its table headers.
fn guess_kind(text: &str) -> FileKind {
    let mut kind = FileKind::Plain;
    for line in text.lines() {
        let l = line.split('#').next().unwrap_or("").trim();
        match l.replace(' ', "").as_str() {
            "[crosswalk]" => return FileKind::Crosswalk,
            "[framework]" => kind = FileKind::Framework,
            _ => {}
        }
    }
    kind
}

/// Every string given to a key `id` or `code` at any depth.
fn collect_ids(t: &DeTable, out: &mut BTreeSet<String>) {
    for (k, v) in t.iter() {
        collect_value(k.get_ref(), v.get_ref(), out);
    }
}

fn collect_value(key: &str, v: &DeValue, out: &mut BTreeSet<String>) {
    match v {
        DeValue::String(s) if key == "id" || key == "code" => {
            out.insert(s.to_string());
        }
        DeValue::Table(t) => collect_ids(t, out),
        DeValue::Array(a) => {
            for x in a.iter() {
                collect_value(key, x.get_ref(), out);
            }
        }
        _ => {}
    }
}

/// The strings written as `id = "..."` or `code = "..."` in a text that may not parse.
fn declared_in_text(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let b = text.as_bytes();
    for key in ["id", "code"] {
        let mut from = 0;
        while let Some(pos) = text[from..].find(key) {
            let start = from + pos;
            from = start + key.len();
            let before_ok =
                start == 0 || matches!(b[start - 1], b' ' | b'\t' | b'\n' | b'{' | b',');
            if !before_ok {
                continue;
            }
            let rest = text[from..].trim_start_matches([' ', '\t']);
            let Some(rest) = rest.strip_prefix('=') else {
                continue;
            };
            let rest = rest.trim_start_matches([' ', '\t']);
            if let Some(rest) = rest.strip_prefix('"')
                && let Some(end) = rest.find(['"', '\n'])
            {
                out.insert(rest[..end].to_string());
            }
        }
    }
    out
}

fn toml_error(file: &SourceFile, e: &toml::de::Error) -> Diagnostic {
    let loc = match e.span() {
        Some(span) => location(file, span),
        None => Location::file(file.display.clone()),
    };
    let msg = e.message().trim().replace('\n', " ");
    Diagnostic::error(
        Code::R001,
        loc,
        format!(
            "TOML error: {msg}; expected a valid rule file (see docs/rule-format.md); this file is not used, the other files are still checked"
        ),
    )
}

/// A step of a path into a TOML document.
#[derive(Debug, Clone, PartialEq)]
pub enum Segment {
    /// A key of a table.
    Key(String),
    /// An index of an array.
    Index(usize),
}

fn segments(path: &serde_ignored::Path) -> Vec<Segment> {
    use serde_ignored::Path as P;
    let mut out = Vec::new();
    let mut cur = path;
    loop {
        match cur {
            P::Root => break,
            P::Seq { parent, index } => {
                out.push(Segment::Index(*index));
                cur = parent;
            }
            P::Map { parent, key } => {
                if !key.starts_with("$__serde_spanned") {
                    out.push(Segment::Key(key.clone()));
                }
                cur = parent;
            }
            P::Some { parent } | P::NewtypeStruct { parent } | P::NewtypeVariant { parent } => {
                cur = parent
            }
        }
    }
    out.reverse();
    out
}

fn unknown_key(
    file: &SourceFile,
    tree: Option<&toml::Spanned<DeTable>>,
    path: &[Segment],
) -> Diagnostic {
    let names: Vec<&str> = path
        .iter()
        .filter_map(|s| match s {
            Segment::Key(k) => Some(k.as_str()),
            Segment::Index(_) => None,
        })
        .collect();
    let key = names.last().copied().unwrap_or("");
    let table = &names[..names.len().saturating_sub(1)];
    let where_ = if table.is_empty() {
        "at the top level".to_string()
    } else {
        format!("in [{}]", table.join("."))
    };
    let mut msg = format!("unknown key \"{key}\" {where_}");
    if let Some(expected) = fields::keys_at(table) {
        if let Some(best) = closest(key, &expected) {
            msg.push_str(&format!(" (did you mean \"{best}\"?)"));
        }
        msg.push_str(&format!("; expected one of: {}", expected.join(", ")));
    }
    let loc = tree
        .and_then(|t| key_span(t, path))
        .map(|span| location(file, span))
        .unwrap_or_else(|| Location::file(file.display.clone()));
    Diagnostic::error(Code::R002, loc, msg)
}

fn key_span(tree: &toml::Spanned<DeTable>, path: &[Segment]) -> Option<Range<usize>> {
    let (last, init) = path.split_last()?;
    let mut table = tree.get_ref();
    let mut value: Option<&DeValue> = None;
    for seg in init {
        let next = match (seg, value) {
            (Segment::Key(k), None) => table.get(k.as_str())?.get_ref(),
            (Segment::Key(k), Some(DeValue::Table(t))) => t.get(k.as_str())?.get_ref(),
            (Segment::Index(i), Some(DeValue::Array(a))) => a.get(*i)?.get_ref(),
            _ => return None,
        };
        value = Some(next);
        if let DeValue::Table(t) = next {
            table = t;
        }
    }
    let Segment::Key(k) = last else { return None };
    let t = match value {
        None => table,
        Some(DeValue::Table(t)) => t,
        _ => return None,
    };
    t.get_key_value(k.as_str()).map(|(key, _)| key.span())
}

/// The expected key closest to a typo (edit distance at most 2).
fn closest<'a>(key: &str, expected: &[&'a str]) -> Option<&'a str> {
    expected
        .iter()
        .map(|e| (edit_distance(key, e), *e))
        .filter(|(d, _)| *d <= 2)
        .min()
        .map(|(_, e)| e)
}

/// The Levenshtein distance of two texts, in characters (for "did you mean" hints).
pub(crate) fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut cur = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typos_find_their_key() {
        assert_eq!(
            closest("qestion", &["question", "guidance"]),
            Some("question")
        );
        assert_eq!(closest("zzz", &["question"]), None);
    }

    #[test]
    fn a_broken_file_still_says_what_it_declares() {
        let text = "[framework]\nid = \"tiny\"\n[[node]\nid = \"A\"\n[[band]]\ncode=\"low\"\nlabel = { id = \"x\" }\nparent_id = \"no\"\n";
        assert_eq!(guess_kind(text), FileKind::Framework);
        let ids = declared_in_text(text);
        for id in ["tiny", "A", "low", "x"] {
            assert!(ids.contains(id), "{id} in {ids:?}");
        }
        assert!(!ids.contains("no"));
        assert_eq!(guess_kind("[ crosswalk ] # a map\n"), FileKind::Crosswalk);
    }
}
