//! Reading rule files: from the copies embedded in the binary or from a folder, through
//! one code path. Syntax errors and unknown keys are found here; the checks of meaning
//! are in `check`.

use super::check;
use super::fields;
use super::model::Framework;
use super::raw::RawFile;
use crate::diag::Code;
use crate::diag::{Diagnostic, Location, line_col};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// The framework used when none is named and the bundled set is in use.
pub const DEFAULT_FRAMEWORK: &str = "micic";

/// One rule file.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path relative to the rules root, `/`-separated (`sdg-10-7-2/framework.toml`).
    pub rel: String,
    /// Path as shown in diagnostics.
    pub display: String,
    /// Content.
    pub text: String,
}

/// A set of rule files: the bundled ones or a folder's.
#[derive(Debug, Clone)]
pub struct RulesSource {
    /// Files sorted by relative path.
    pub files: Vec<SourceFile>,
    /// How the root is shown (`rules` for the bundled set).
    pub root_display: String,
    /// Problems met while reading the folder.
    pub diagnostics: Vec<Diagnostic>,
}

impl RulesSource {
    /// The frameworks embedded in the binary at build time.
    pub fn bundled() -> Self {
        let files = super::bundled::FILES
            .iter()
            .map(|(rel, text)| SourceFile {
                rel: rel.to_string(),
                display: format!("rules/{rel}"),
                text: text.to_string(),
            })
            .collect();
        RulesSource {
            files,
            root_display: "rules".into(),
            diagnostics: Vec::new(),
        }
    }

    /// Every `.toml` file under `dir` (recursively). A folder that does not exist, is not
    /// a folder or holds no rule file gives an error diagnostic.
    pub fn from_dir(dir: &Path) -> Self {
        let root_display = dir.display().to_string();
        let mut src = RulesSource {
            files: Vec::new(),
            root_display: root_display.clone(),
            diagnostics: Vec::new(),
        };
        if !dir.exists() {
            src.diagnostics.push(Diagnostic::error(
                Code::R013,
                Location::file(&root_display),
                "rules folder does not exist; expected a folder of framework rule files (TOML)",
            ));
            return src;
        }
        if !dir.is_dir() {
            src.diagnostics.push(Diagnostic::error(
                Code::R013,
                Location::file(&root_display),
                "rules path is not a folder; expected a folder of framework rule files (TOML)",
            ));
            return src;
        }
        let mut paths = Vec::new();
        collect_toml(dir, &mut paths, &mut src.diagnostics);
        for path in paths {
            let rel = path
                .strip_prefix(dir)
                .unwrap_or(&path)
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            let display = path.display().to_string();
            match std::fs::read(&path) {
                Ok(bytes) => match String::from_utf8(bytes) {
                    Ok(text) => src.files.push(SourceFile { rel, display, text }),
                    Err(e) => {
                        let (line, column) = {
                            let ok = &e.as_bytes()[..e.utf8_error().valid_up_to()];
                            line_col(&String::from_utf8_lossy(ok), ok.len())
                        };
                        src.diagnostics.push(Diagnostic::error(
                            Code::R001,
                            Location::text(display, line, column),
                            "file is not valid UTF-8; expected a UTF-8 TOML file",
                        ))
                    }
                },
                Err(e) => src.diagnostics.push(Diagnostic::error(
                    Code::R013,
                    Location::file(display),
                    format!("cannot read rule file: {e}"),
                )),
            }
        }
        src.files.sort_by(|a, b| a.rel.cmp(&b.rel));
        if src.files.is_empty() && src.diagnostics.is_empty() {
            src.diagnostics.push(Diagnostic::error(
                Code::R012,
                Location::file(&root_display),
                "rules folder holds no .toml file; expected at least one framework folder or rule file",
            ));
        }
        src
    }

    fn file(&self, rel: &str) -> Option<&SourceFile> {
        self.files
            .binary_search_by(|f| f.rel.as_str().cmp(rel))
            .ok()
            .map(|i| &self.files[i])
    }

    /// Framework folders: a root holding `.toml` files is one framework; otherwise each
    /// first-level folder with `.toml` files is one. Crosswalk files (those with a
    /// `[crosswalk]` table) belong to no framework.
    fn groups(&self) -> BTreeMap<String, Vec<&SourceFile>> {
        let frameworks: Vec<&SourceFile> = self
            .files
            .iter()
            .filter(|f| !crate::crosswalk::is_crosswalk_file(&f.text))
            .collect();
        let root_level = frameworks.iter().any(|f| !f.rel.contains('/'));
        let mut groups: BTreeMap<String, Vec<&SourceFile>> = BTreeMap::new();
        for f in frameworks {
            let key = if root_level {
                String::new()
            } else {
                f.rel.split('/').next().unwrap_or("").to_string()
            };
            groups.entry(key).or_default().push(f);
        }
        groups
    }
}

fn collect_toml(dir: &Path, out: &mut Vec<PathBuf>, diags: &mut Vec<Diagnostic>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            diags.push(Diagnostic::error(
                Code::R013,
                Location::file(dir.display().to_string()),
                format!("cannot read rules folder: {e}"),
            ));
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            collect_toml(&p, out, diags);
        } else if p.extension().is_some_and(|e| e == "toml") {
            out.push(p);
        }
    }
}

/// The frameworks of a rules source, and every problem found in them.
#[derive(Debug, Clone, Default)]
pub struct Rules {
    /// Frameworks without errors, sorted by id.
    pub frameworks: Vec<Framework>,
    /// Every problem (errors and warnings) in path order.
    pub diagnostics: Vec<Diagnostic>,
    /// Folders whose framework had errors.
    pub failed: Vec<String>,
    /// Crosswalks between frameworks of the set (without errors), sorted by id.
    pub crosswalks: Vec<crate::crosswalk::Crosswalk>,
}

impl Rules {
    /// The bundled frameworks.
    pub fn bundled() -> Self {
        load(&RulesSource::bundled())
    }

    /// The frameworks of a folder.
    pub fn from_dir(dir: &Path) -> Self {
        load(&RulesSource::from_dir(dir))
    }

    /// A framework by id.
    pub fn get(&self, id: &str) -> Option<&Framework> {
        self.frameworks.iter().find(|f| f.id == id)
    }

    /// The framework used when none is named: `micic` when present, otherwise the only
    /// assessment framework of the set (a view is never the default).
    pub fn default_framework(&self) -> Option<&Framework> {
        let assessments: Vec<&Framework> =
            self.frameworks.iter().filter(|f| !f.is_view()).collect();
        self.get(DEFAULT_FRAMEWORK)
            .filter(|f| !f.is_view())
            .or(if assessments.len() == 1 {
                assessments.first().copied()
            } else {
                None
            })
    }

    /// True when any rule file has an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Loads and checks every framework of a source.
pub fn load(source: &RulesSource) -> Rules {
    let mut rules = Rules {
        diagnostics: source.diagnostics.clone(),
        ..Default::default()
    };
    // Frameworks are checked in parallel; results are kept in folder order.
    use rayon::prelude::*;
    let groups: Vec<(String, Vec<&SourceFile>)> = source.groups().into_iter().collect();
    let loaded: Vec<(Option<Framework>, Vec<Diagnostic>)> = groups
        .par_iter()
        .map(|(folder, files)| {
            let mut diags = Vec::new();
            let fw = load_framework(source, folder, files, &mut diags);
            (fw, diags)
        })
        .collect();
    for ((folder, files), (fw, mut diags)) in groups.into_iter().zip(loaded) {
        let failed = diags.iter().any(Diagnostic::is_error);
        // In file order, then line and column (files of a framework are in path order).
        let order: Vec<&str> = files.iter().map(|f| f.display.as_str()).collect();
        diags.sort_by_key(|d| {
            let file = d.location.file.as_deref().unwrap_or("");
            let rank = order.iter().position(|f| *f == file).unwrap_or(order.len());
            (rank, d.location.line, d.location.column)
        });
        rules.diagnostics.extend(diags);
        match fw {
            Some(fw) if !failed => {
                if rules.frameworks.iter().any(|f| f.id == fw.id) {
                    rules.diagnostics.push(Diagnostic::error(
                        Code::R003,
                        Location::file(fw.files[0].clone()),
                        format!(
                            "duplicate framework id \"{}\"; expected each framework folder to declare its own id",
                            fw.id
                        ),
                    ));
                    rules.failed.push(folder);
                } else {
                    rules.frameworks.push(fw);
                }
            }
            _ => rules.failed.push(if folder.is_empty() {
                source.root_display.clone()
            } else {
                folder
            }),
        }
    }
    rules.frameworks.sort_by(|a, b| a.id.cmp(&b.id));
    let crosswalk_files: Vec<&SourceFile> = source
        .files
        .iter()
        .filter(|f| crate::crosswalk::is_crosswalk_file(&f.text))
        .collect();
    rules.crosswalks = crate::crosswalk::load_crosswalks(
        &crosswalk_files,
        &rules.frameworks,
        &mut rules.diagnostics,
    );
    rules
}

/// A file of a framework, parsed.
pub struct Parsed<'a> {
    /// The file.
    pub file: &'a SourceFile,
    /// Its content, if it parsed.
    pub raw: Option<RawFile>,
    /// Path of the file relative to the framework folder (for the content hash).
    pub rel_in_framework: String,
}

fn load_framework(
    source: &RulesSource,
    folder: &str,
    files: &[&SourceFile],
    diags: &mut Vec<Diagnostic>,
) -> Option<Framework> {
    let prefix = if folder.is_empty() {
        String::new()
    } else {
        format!("{folder}/")
    };
    let mut parsed: Vec<Parsed> = files
        .iter()
        .map(|f| Parsed {
            file: f,
            raw: parse_file(f, diags),
            rel_in_framework: f.rel[prefix.len()..].to_string(),
        })
        .collect();
    // Included files (catalogues shared with another framework), after the own files.
    let includes: Vec<(usize, String, Range<usize>)> = parsed
        .iter()
        .enumerate()
        .filter_map(|(i, p)| p.raw.as_ref().map(|r| (i, r)))
        .filter_map(|(i, r)| r.framework.as_ref().map(|h| (i, h)))
        .flat_map(|(i, h)| {
            h.get_ref()
                .include
                .iter()
                .map(move |inc| (i, inc.get_ref().clone(), inc.span()))
        })
        .collect();
    for (i, inc, span) in includes {
        let target = normalise(&format!("{prefix}{inc}"));
        match target.as_deref().and_then(|t| source.file(t)) {
            Some(f) if parsed.iter().any(|p| std::ptr::eq(p.file, f)) => {}
            Some(f) => parsed.push(Parsed {
                file: f,
                raw: parse_file(f, diags),
                rel_in_framework: inc.clone(),
            }),
            None => diags.push(Diagnostic::error(
                Code::R020,
                location(parsed[i].file, span),
                format!(
                    "included file \"{inc}\" not found; expected a path to a .toml file of the same rules folder, relative to this framework's folder"
                ),
            )),
        }
    }
    if parsed.iter().any(|p| p.raw.is_none()) {
        return None;
    }
    let hash = content_hash(&parsed);
    check::check(&parsed, folder, hash, diags)
}

/// Resolves `.` and `..` in a `/`-separated path; `None` when it leaves the root.
fn normalise(path: &str) -> Option<String> {
    let mut out: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                out.pop()?;
            }
            p => out.push(p),
        }
    }
    Some(out.join("/"))
}

/// SHA-256 over the files in order: for each, its path in the framework, a newline, its
/// text with CRLF turned into LF, and a NUL byte.
fn content_hash(parsed: &[Parsed]) -> String {
    let mut h = Sha256::new();
    for p in parsed {
        h.update(p.rel_in_framework.as_bytes());
        h.update(b"\n");
        h.update(p.file.text.replace("\r\n", "\n").as_bytes());
        h.update([0u8]);
    }
    hex(&h.finalize())
}

/// Lower-case hexadecimal.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The location of a byte span of a file.
pub fn location(file: &SourceFile, span: Range<usize>) -> Location {
    let (line, column) = line_col(&file.text, span.start);
    Location::text(file.display.clone(), line, column)
}

fn parse_file(file: &SourceFile, diags: &mut Vec<Diagnostic>) -> Option<RawFile> {
    let de = match toml::de::Deserializer::parse(&file.text) {
        Ok(de) => de,
        Err(e) => {
            diags.push(toml_error(file, &e));
            return None;
        }
    };
    let mut unknown: Vec<Vec<Segment>> = Vec::new();
    let result: Result<RawFile, _> =
        serde_ignored::deserialize(de, |path| unknown.push(segments(&path)));
    let raw = match result {
        Ok(raw) => Some(raw),
        Err(e) => {
            diags.push(toml_error(file, &e));
            None
        }
    };
    if !unknown.is_empty() {
        let tree = toml::de::DeTable::parse(&file.text).ok();
        for path in unknown {
            diags.push(unknown_key(file, tree.as_ref(), &path));
        }
    }
    raw
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
        format!("TOML error: {msg}; expected a valid rule file (see the rule format in README.md)"),
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
    tree: Option<&toml::Spanned<toml::de::DeTable>>,
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
        if let Some(best) = closest(key, expected) {
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

fn key_span(tree: &toml::Spanned<toml::de::DeTable>, path: &[Segment]) -> Option<Range<usize>> {
    use toml::de::DeValue;
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

fn edit_distance(a: &str, b: &str) -> usize {
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
    fn paths_normalise() {
        assert_eq!(
            normalise("mgi/../micic/a.toml").as_deref(),
            Some("micic/a.toml")
        );
        assert_eq!(normalise("../x.toml"), None);
    }

    #[test]
    fn typos_find_their_key() {
        assert_eq!(
            closest("qestion", &["question", "guidance"]),
            Some("question")
        );
        assert_eq!(closest("zzz", &["question"]), None);
    }
}
