//! Reading rule files: from the copies embedded in the binary or from a folder, through
//! one code path.
//!
//! Every file is parsed once (`parse`), then the first-level folders of the rules root
//! are classified by what their files hold: a framework folder (a file declares
//! `[framework]`), crosswalk files (a file declares `[crosswalk]`, wherever it is), and
//! shared folders whose files only other frameworks include. A root whose own files
//! declare `[framework]` is one framework. Each framework is then checked on its own
//! (`check`), so one broken framework never hides or blocks another.

use super::causes::{self, Cause};
use super::check;
use super::model::Framework;
use super::parse::{FileKind, Parsed, ParsedFile, parse_file};
pub use super::parse::{SourceFile, location};
use crate::diag::Code;
use crate::diag::{Diagnostic, Location, line_col};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::{Path, PathBuf};

/// The framework used when none is named and the bundled set is in use.
pub const DEFAULT_FRAMEWORK: &str = "micic";

/// A set of rule files: the bundled ones or a folder's.
#[derive(Debug, Clone)]
pub struct RulesSource {
    /// Files sorted by relative path.
    pub files: Vec<SourceFile>,
    /// How the root is shown (`rules` for the bundled set).
    pub root_display: String,
    /// The folder on disk (`None` for the bundled set).
    pub root: Option<PathBuf>,
    /// Problems met while reading the folder.
    pub diagnostics: Vec<Diagnostic>,
}

impl RulesSource {
    /// The frameworks embedded in the binary at build time.
    ///
    /// ```
    /// let rules = mgi::Rules::bundled();
    /// assert!(!rules.has_errors());
    /// assert!(rules.get("micic").is_some());
    /// assert_eq!(rules.default_framework().map(|f| f.id.as_str()), Some(mgi::rules::DEFAULT_FRAMEWORK));
    /// ```
    pub fn bundled() -> Self {
        let files = super::bundled::FILES
            .iter()
            .map(|(rel, text)| SourceFile {
                rel: rel.to_string(),
                display: format!("rules/{rel}"),
                text: text.to_string(),
                path: None,
                problem: None,
            })
            .collect();
        RulesSource {
            files,
            root_display: "rules".into(),
            root: None,
            diagnostics: Vec::new(),
        }
    }

    /// Every `.toml` file under `dir` (recursively). A folder that does not exist, is not
    /// a folder or holds no rule file gives an error diagnostic.
    ///
    /// ```
    /// // Loading checks: a folder that does not exist is an error diagnostic, not a panic.
    /// let rules = mgi::Rules::from_dir("no/such/folder".as_ref());
    /// assert!(rules.has_errors() && rules.frameworks.is_empty());
    /// let d = rules.diagnostics.iter().find(|d| d.is_error()).unwrap();
    /// println!("{d}");
    /// ```
    pub fn from_dir(dir: &Path) -> Self {
        let root_display = dir.display().to_string();
        let mut src = RulesSource {
            files: Vec::new(),
            root_display: root_display.clone(),
            root: Some(dir.to_path_buf()),
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
            match read_file(&path) {
                Ok(mut f) => {
                    f.rel = rel;
                    src.files.push(f);
                }
                Err(d) => src.diagnostics.push(*d),
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

    fn index_of(&self, rel: &str) -> Option<usize> {
        self.files
            .binary_search_by(|f| f.rel.as_str().cmp(rel))
            .ok()
    }
}

/// Reads one rule file from disk (`rel` left empty). A file that is not UTF-8 is kept,
/// with its problem, so its framework knows a file is missing.
fn read_file(path: &Path) -> Result<SourceFile, Box<Diagnostic>> {
    let display = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| {
        Box::new(Diagnostic::error(
            Code::R013,
            Location::file(display.clone()),
            format!("cannot read rule file: {e}"),
        ))
    })?;
    let (text, problem) = match String::from_utf8(bytes) {
        Ok(text) => (text, None),
        Err(e) => {
            let ok = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let (line, column) = line_col(&String::from_utf8_lossy(ok), ok.len());
            let d = Diagnostic::error(
                Code::R001,
                Location::text(display.clone(), line, column),
                "file is not valid UTF-8; expected a UTF-8 TOML file",
            );
            (String::from_utf8_lossy(e.as_bytes()).into_owned(), Some(d))
        }
    };
    Ok(SourceFile {
        rel: String::new(),
        display,
        text,
        path: Some(path.to_path_buf()),
        problem,
    })
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

/// A framework folder whose framework has errors: it cannot be used, and only the
/// commands that use it are blocked.
#[derive(Debug, Clone)]
pub struct BrokenFramework {
    /// Its folder (relative to the rules root; the root's display for a root that is
    /// one framework).
    pub folder: String,
    /// Its id, when `[framework]` could be read.
    pub id: Option<String>,
    /// Its diagnostics (errors and warnings), causes first.
    pub diagnostics: Vec<Diagnostic>,
}

/// The frameworks of a rules source, and every problem found in them.
#[derive(Debug, Clone, Default)]
pub struct Rules {
    /// Frameworks without errors, sorted by id.
    pub frameworks: Vec<Framework>,
    /// Every problem (errors and warnings), folder by folder in path order.
    pub diagnostics: Vec<Diagnostic>,
    /// Folders (and crosswalk files) with errors.
    pub failed: Vec<String>,
    /// The crosswalks read from `crosswalk_sources` and checked against the frameworks,
    /// on first use (`Rules::crosswalks`): commands that need none do not pay for them
    /// (boxed, so `Rules` stays small).
    pub crosswalk_set: std::sync::OnceLock<Box<crate::crosswalk::CrosswalkSet>>,
    /// Frameworks with errors, in folder order.
    pub broken: Vec<BrokenFramework>,
    /// Shared folders: folders without `[framework]` whose files other frameworks
    /// include.
    pub shared: Vec<String>,
    /// The crosswalk seam: every file that declares a `[crosswalk]` table and parses as
    /// TOML, in path order. The loader only finds them (a crosswalk file is not part of a
    /// framework, and its syntax errors are reported here); reading and checking the
    /// mappings is the crosswalk module's, run over these files after the frameworks
    /// are loaded.
    pub crosswalk_sources: Vec<SourceFile>,
    /// The files each framework was read from, by framework id, in reading order (its
    /// own files, then the included ones). `rel` is relative to the rules root; for an
    /// included file outside the rules folder it starts with `..`. What `mgi rules
    /// export` writes and `mgi rules show --format toml` joins.
    pub members: BTreeMap<String, Vec<SourceFile>>,
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

    /// A framework with errors, by id.
    pub fn broken_framework(&self, id: &str) -> Option<&BrokenFramework> {
        self.broken.iter().find(|b| b.id.as_deref() == Some(id))
    }

    /// The framework used when none is named: `micic` when present (and valid),
    /// otherwise the only assessment framework of the set (a view is never the
    /// default). `None` when the one it would be has errors.
    pub fn default_framework(&self) -> Option<&Framework> {
        if self.broken_framework(DEFAULT_FRAMEWORK).is_some() {
            return None;
        }
        let assessments: Vec<&Framework> =
            self.frameworks.iter().filter(|f| !f.is_view()).collect();
        self.get(DEFAULT_FRAMEWORK).filter(|f| !f.is_view()).or(
            if assessments.len() == 1 && self.broken.is_empty() {
                assessments.first().copied()
            } else {
                None
            },
        )
    }

    /// True when any rule file has an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// How the files of a source are grouped.
enum Group {
    /// A framework folder ("" for a root that is one framework) and its files.
    Framework(String, Vec<usize>),
    /// A folder without `[framework]` (or the root's loose files, folder "").
    Other(String, Vec<usize>),
}

fn classify(source: &RulesSource, parsed: &[ParsedFile]) -> (Vec<Group>, Vec<usize>) {
    let crosswalks: Vec<usize> = (0..parsed.len())
        .filter(|&i| parsed[i].kind() == FileKind::Crosswalk)
        .collect();
    let content = |i: &usize| parsed[*i].kind() != FileKind::Crosswalk;
    let root_framework = (0..parsed.len())
        .any(|i| !source.files[i].rel.contains('/') && parsed[i].kind() == FileKind::Framework);
    if root_framework {
        let files = (0..parsed.len()).filter(content).collect();
        return (vec![Group::Framework(String::new(), files)], crosswalks);
    }
    let mut folders: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for i in (0..parsed.len()).filter(content) {
        let rel = &source.files[i].rel;
        let folder = match rel.split_once('/') {
            Some((f, _)) => f.to_string(),
            None => String::new(),
        };
        folders.entry(folder).or_default().push(i);
    }
    let groups = folders
        .into_iter()
        .map(|(folder, files)| {
            let framework = !folder.is_empty()
                && files
                    .iter()
                    .any(|&i| parsed[i].kind() == FileKind::Framework);
            if framework {
                Group::Framework(folder, files)
            } else {
                Group::Other(folder, files)
            }
        })
        .collect();
    (groups, crosswalks)
}

/// A framework loaded: the framework or its errors, and the source files it included.
struct Loaded {
    framework: Option<Framework>,
    id: Option<String>,
    diagnostics: Vec<Diagnostic>,
    included: Vec<usize>,
    members: Vec<SourceFile>,
}

/// Loads and checks every framework of a source.
///
/// ```
/// // The bundled MICIC set written to a folder and loaded (and checked) from there.
/// let dir = tempfile::tempdir().unwrap();
/// let rules = mgi::Rules::bundled();
/// let files: Vec<_> = rules.members["micic"].iter().collect();
/// mgi::rules::write_files(&files, dir.path(), false).unwrap();
/// let rules = mgi::rules::load(&mgi::RulesSource::from_dir(dir.path()));
/// assert!(!rules.has_errors(), "{:?}", rules.diagnostics);
/// assert_eq!(rules.get("micic").unwrap().content_hash, mgi::Rules::bundled().get("micic").unwrap().content_hash);
/// ```
pub fn load(source: &RulesSource) -> Rules {
    use rayon::prelude::*;
    let mut rules = Rules {
        diagnostics: source.diagnostics.clone(),
        ..Default::default()
    };
    let parsed: Vec<ParsedFile> = source.files.par_iter().map(parse_file).collect();
    let (groups, crosswalks) = classify(source, &parsed);
    let any_framework = groups.iter().any(|g| matches!(g, Group::Framework(..)));
    let loaded: Vec<Option<Loaded>> = groups
        .par_iter()
        .map(|g| match g {
            Group::Framework(folder, files) => Some(load_framework(source, &parsed, folder, files)),
            Group::Other(..) => None,
        })
        .collect();
    let included: BTreeSet<usize> = loaded
        .iter()
        .flatten()
        .flat_map(|l| l.included.iter().copied())
        .collect();
    let mut seen: HashSet<String> = HashSet::new();
    let mut push = |rules: &mut Rules, d: &Diagnostic| {
        if seen.insert(format!("{}|{}|{}", d.code, d.location, d.message)) {
            rules.diagnostics.push(d.clone());
        }
    };
    // Crosswalk files come first in their folder's place: report them in path order
    // among the groups.
    let mut crosswalk_diags: BTreeMap<String, Vec<Diagnostic>> = BTreeMap::new();
    for &i in &crosswalks {
        let f = &source.files[i];
        if parsed[i].diagnostics.iter().any(Diagnostic::is_error) {
            rules.failed.push(f.rel.clone());
        } else {
            rules.crosswalk_sources.push(f.clone());
        }
        let folder = f
            .rel
            .split_once('/')
            .map(|(a, _)| a)
            .unwrap_or("")
            .to_string();
        crosswalk_diags
            .entry(folder)
            .or_default()
            .extend(parsed[i].diagnostics.iter().cloned());
    }
    for (group, l) in groups.into_iter().zip(loaded) {
        match (group, l) {
            (Group::Framework(folder, _), Some(l)) => {
                for d in crosswalk_diags.remove(&folder).unwrap_or_default() {
                    push(&mut rules, &d);
                }
                for d in &l.diagnostics {
                    push(&mut rules, d);
                }
                let folder_name = if folder.is_empty() {
                    source.root_display.clone()
                } else {
                    folder
                };
                match l.framework {
                    Some(fw) if rules.frameworks.iter().any(|f| f.id == fw.id) => {
                        let d = Diagnostic::error(
                            Code::R003,
                            Location::file(fw.files[0].clone()),
                            format!(
                                "duplicate framework id \"{}\"; expected each framework folder to declare its own id",
                                fw.id
                            ),
                        );
                        push(&mut rules, &d);
                        rules.failed.push(folder_name.clone());
                        rules.broken.push(BrokenFramework {
                            folder: folder_name,
                            id: None,
                            diagnostics: vec![d],
                        });
                    }
                    Some(fw) => {
                        rules.members.insert(fw.id.clone(), l.members);
                        rules.frameworks.push(fw);
                    }
                    None => {
                        rules.failed.push(folder_name.clone());
                        rules.broken.push(BrokenFramework {
                            folder: folder_name,
                            id: l.id,
                            diagnostics: l.diagnostics,
                        });
                    }
                }
            }
            (Group::Other(folder, files), _) => {
                for d in crosswalk_diags.remove(&folder).unwrap_or_default() {
                    push(&mut rules, &d);
                }
                let place = Place {
                    folder: &folder,
                    files: &files,
                    included: &included,
                    frameworks: any_framework,
                };
                other_folder(&mut rules, &mut push, source, &parsed, &place);
            }
            (Group::Framework(..), None) => unreachable!("every framework group is loaded"),
        }
    }
    for d in crosswalk_diags.into_values().flatten() {
        push(&mut rules, &d);
    }
    rules.frameworks.sort_by(|a, b| a.id.cmp(&b.id));
    rules
}

/// A folder without `[framework]` (or the loose files at the top of the rules folder).
struct Place<'a> {
    folder: &'a str,
    files: &'a [usize],
    included: &'a BTreeSet<usize>,
    /// Whether the rules folder has any framework folder.
    frameworks: bool,
}

/// A folder without `[framework]`: shared content when other frameworks include its
/// files (the others are reported as unused), an error when none is included. Loose
/// files at the top of the rules folder are unused (a warning) next to framework
/// folders, and an error when there is no framework at all.
fn other_folder(
    rules: &mut Rules,
    push: &mut impl FnMut(&mut Rules, &Diagnostic),
    source: &RulesSource,
    parsed: &[ParsedFile],
    place: &Place,
) {
    let Place {
        folder,
        files,
        included,
        frameworks,
    } = *place;
    let any_included = files.iter().any(|i| included.contains(i));
    let top = folder.is_empty();
    for &i in files {
        let f = &source.files[i];
        if included.contains(&i) {
            // Its problems were reported with the framework that includes it.
            continue;
        }
        for d in &parsed[i].diagnostics {
            push(rules, d);
        }
        if any_included || (top && frameworks) {
            let where_ = if top {
                "at the top of the rules folder, outside any framework folder,".to_string()
            } else {
                format!("in the shared folder \"{folder}\"")
            };
            push(
                rules,
                &Diagnostic::warning(
                    Code::R031,
                    Location::file(f.display.clone()),
                    format!(
                        "rule file {where_} is not included by any framework, so it is not used; expected it to be named in a framework's [framework] include, or moved into a framework folder"
                    ),
                ),
            );
        }
    }
    if any_included {
        if !top {
            rules.shared.push(folder.to_string());
        }
    } else if !top || !frameworks {
        let first = files
            .first()
            .map(|&i| source.files[i].display.clone())
            .unwrap_or_else(|| folder.to_string());
        let what = if top {
            "the rules folder's own files declare no [framework] table and it holds no framework folder".to_string()
        } else {
            format!(
                "folder \"{folder}\" has no [framework] table and no framework includes its files"
            )
        };
        push(
            rules,
            &Diagnostic::error(
                Code::R014,
                Location::file(first),
                format!(
                    "{what}; expected one file to declare [framework] (id, version, title, languages, levels), or a framework to include these files"
                ),
            ),
        );
        rules.failed.push(if top {
            source.root_display.clone()
        } else {
            folder.to_string()
        });
    }
}

/// A file of a framework before the checks: where it comes from.
enum Member {
    /// A file of the source, by index.
    Source(usize),
    /// A file outside the rules folder, read for an include.
    Outside(Box<(SourceFile, ParsedFile)>),
}

fn load_framework(
    source: &RulesSource,
    parsed: &[ParsedFile],
    folder: &str,
    own: &[usize],
) -> Loaded {
    let prefix = if folder.is_empty() {
        String::new()
    } else {
        format!("{folder}/")
    };
    let rel_in = |i: usize| source.files[i].rel[prefix.len()..].to_string();
    let mut members: Vec<(Member, String)> = own
        .iter()
        .map(|&i| (Member::Source(i), rel_in(i)))
        .collect();
    let mut causes: Vec<Cause> = Vec::new();
    let mut included = Vec::new();
    // Included files (catalogues shared with another framework), after the own files,
    // each resolved relative to the file that names it.
    for &i in own {
        let Some(h) = parsed[i].raw.as_ref().and_then(|r| r.framework.as_ref()) else {
            continue;
        };
        let file = &source.files[i];
        for inc in &h.get_ref().include {
            let name = inc.get_ref();
            let rel_in_framework = join_relative(&rel_in(i), name);
            let in_source =
                normalise(&join_relative(&file.rel, name)).and_then(|rel| source.index_of(&rel));
            let member = match in_source {
                Some(k) if own.contains(&k) || included.contains(&k) => continue,
                Some(k) => {
                    included.push(k);
                    Some(Member::Source(k))
                }
                None => outside(file, name).map(|f| {
                    let p = parse_file(&f);
                    Member::Outside(Box::new((f, p)))
                }),
            };
            match member {
                Some(m) => members.push((m, rel_in_framework)),
                None => {
                    let looked = match &file.path {
                        Some(p) => format!(
                            " (looked for {})",
                            lexical(&p.parent().unwrap_or(Path::new("")).join(name)).display()
                        ),
                        None => String::new(),
                    };
                    causes.push(Cause {
                        diagnostic: Diagnostic::error(
                            Code::R020,
                            location(file, inc.span()),
                            format!(
                                "included file \"{name}\" not found{looked}; expected a path to a TOML file relative to this file (copy the shared folder with the framework: `mgi rules export` writes both)"
                            ),
                        ),
                        declared: None,
                        text: None,
                        missing: true,
                    });
                }
            }
        }
    }
    let views: Vec<Parsed> = members
        .iter()
        .enumerate()
        .map(|(k, (m, rel))| {
            let (f, p) = member_files(source, parsed, m);
            Parsed {
                file: f,
                raw: p.raw.as_ref(),
                rel_in_framework: rel.clone(),
                // The own files come first, then the included ones.
                included: k >= own.len(),
            }
        })
        .collect();
    // Files that could not be read are causes; their other problems are listed as usual.
    let mut rest = Vec::new();
    let mut header_unread = false;
    for (m, _) in &members {
        let (f, p) = member_files(source, parsed, m);
        if p.unread() {
            header_unread |= p.kind() == FileKind::Framework
                && matches!(m, Member::Source(i) if own.contains(i));
            let mut diags = p.diagnostics.iter();
            if let Some(first) = diags.next() {
                causes.push(Cause {
                    diagnostic: first.clone(),
                    declared: Some(p.declared.clone()),
                    text: Some(f.text.clone()),
                    missing: false,
                });
            }
            rest.extend(diags.cloned());
        } else {
            rest.extend(p.diagnostics.iter().cloned());
        }
    }
    let hash = content_hash(&views);
    let mut checks = Vec::new();
    let (framework, follows) = check::check(&views, folder, hash, header_unread, &mut checks);
    let id = views
        .iter()
        .find_map(|p| p.raw.and_then(|r| r.framework.as_ref()))
        .map(|h| h.get_ref().id.get_ref().clone());
    let order: Vec<String> = views.iter().map(|p| p.file.display.clone()).collect();
    let rank = |d: &Diagnostic| {
        let file = d.location.file.as_deref().unwrap_or("");
        let r = order.iter().position(|f| f == file).unwrap_or(order.len());
        (r, d.location.line, d.location.column)
    };
    causes.sort_by_key(|c| rank(&c.diagnostic));
    let diagnostics = causes::arrange(causes, rest, checks, &follows, rank);
    let failed = diagnostics.iter().any(Diagnostic::is_error);
    let members = if failed {
        Vec::new()
    } else {
        members
            .iter()
            .map(|(m, _)| member_files(source, parsed, m).0.clone())
            .collect()
    };
    Loaded {
        framework: framework.filter(|_| !failed),
        id,
        diagnostics,
        included,
        members,
    }
}

fn member_files<'a>(
    source: &'a RulesSource,
    parsed: &'a [ParsedFile],
    m: &'a Member,
) -> (&'a SourceFile, &'a ParsedFile) {
    match m {
        Member::Source(i) => (&source.files[*i], &parsed[*i]),
        Member::Outside(b) => (&b.0, &b.1),
    }
}

/// An included file outside the rules folder (or the bundled set): read from disk,
/// relative to the including file, when it exists.
fn outside(including: &SourceFile, name: &str) -> Option<SourceFile> {
    let dir = including.path.as_ref()?.parent()?;
    let path = dir.join(name);
    if !path.is_file() {
        return None;
    }
    read_file(&path).ok().map(|mut f| {
        f.rel = join_relative(&including.rel, name);
        f
    })
}

/// A path with `.` and `..` resolved without asking the file system.
fn lexical(p: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir
                if matches!(out.components().next_back(), Some(Component::Normal(_))) =>
            {
                out.pop();
            }
            c => out.push(c),
        }
    }
    out
}

/// `name` relative to the folder of the file `rel` (both `/`-separated), with `.` and
/// `..` resolved as far as they go (leading `..` are kept).
fn join_relative(rel: &str, name: &str) -> String {
    let dir = rel.rsplit_once('/').map(|(d, _)| d).unwrap_or("");
    let mut out: Vec<&str> = Vec::new();
    for part in dir.split('/').chain(name.split('/')) {
        match part {
            "" | "." => {}
            ".." if out.last().is_some_and(|l| *l != "..") => {
                out.pop();
            }
            p => out.push(p),
        }
    }
    out.join("/")
}

/// A path without `..` left over; `None` when it leaves the root.
fn normalise(path: &str) -> Option<String> {
    (!path.split('/').any(|p| p == "..")).then(|| path.to_string())
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn includes_resolve_relative_to_the_including_file() {
        assert_eq!(
            join_relative("mgi/framework.toml", "../micic/a.toml"),
            "micic/a.toml"
        );
        assert_eq!(
            join_relative("framework.toml", "../micic/a.toml"),
            "../micic/a.toml"
        );
        assert_eq!(
            join_relative("mgi/sub/f.toml", "./../../x/./a.toml"),
            "x/a.toml"
        );
        assert_eq!(normalise("../x.toml"), None);
        assert_eq!(normalise("micic/a.toml").as_deref(), Some("micic/a.toml"));
    }
}
