//! Reading the inputs of a batch: files and folders, each file read on its own (in
//! parallel, results in input order), so one bad file never stops the others; the same
//! assessment given twice is reported (F010) and marked to be skipped.
//!
//! ```no_run
//! use mgi::intake::Reader;
//! use mgi::rules::Rules;
//!
//! let rules = Rules::bundled();
//! let batch = Reader::new(&rules).read_batch(&["inputs/".into()], None, &mgi::NoProgress);
//! for (input, repeats) in batch.inputs.iter().zip(&batch.repeats) {
//!     match &input.result {
//!         Ok(list) => println!("{}: {} assessments, {} repeated", input.path.display(), list.len(), repeats.iter().filter(|r| **r).count()),
//!         Err(e) => println!("{}", e.diagnostic(&input.path.display().to_string())),
//!     }
//! }
//! ```

use super::{Assessment, IntakeError, Meta, Reader};
use crate::diag::{Code, Diagnostic, Location, Msg};
use crate::error::Progress;
use std::collections::HashMap;
use std::path::PathBuf;

/// File extensions read from a folder.
pub const EXTENSIONS: [&str; 6] = ["xlsx", "xlsm", "xls", "xlsb", "ods", "csv"];

/// What identifies an assessment: unit, period, round, framework and version.
pub type Identity = (String, String, String, String, String);

/// What a batch keeps of each assessment read.
pub trait Item: Send {
    /// Its identity.
    fn identity(&self) -> Identity;
    /// Where it was read from.
    fn source(&self) -> &str;
    /// Its diagnostics, to add the repeat diagnostic to.
    fn diagnostics_mut(&mut self) -> &mut Vec<Diagnostic>;
    /// Who contributed it, when it is a part of an assessment ("" otherwise).
    fn contributor(&self) -> &str {
        ""
    }
}

impl Item for Assessment {
    fn identity(&self) -> Identity {
        Assessment::identity(self)
    }
    fn source(&self) -> &str {
        &self.source
    }
    fn diagnostics_mut(&mut self) -> &mut Vec<Diagnostic> {
        &mut self.diagnostics
    }
    fn contributor(&self) -> &str {
        &self.meta.contributor
    }
}

/// An assessment without its answers: what validating needs, at a fraction of the
/// memory (a table of a hundred thousand rows is validated row by row).
#[derive(Debug, Clone)]
pub struct Summary {
    /// Where it was read from.
    pub source: String,
    /// Framework id.
    pub framework: String,
    /// Framework version.
    pub version: String,
    /// Metadata.
    pub meta: Meta,
    /// How many answer rows it had.
    pub answers: usize,
    /// Its diagnostics.
    pub diagnostics: Vec<Diagnostic>,
}

impl From<Assessment> for Summary {
    fn from(a: Assessment) -> Self {
        Summary {
            source: a.source,
            framework: a.framework,
            version: a.version,
            meta: a.meta,
            answers: a.answers.len(),
            diagnostics: a.diagnostics,
        }
    }
}

impl Item for Summary {
    fn identity(&self) -> Identity {
        (
            self.meta.unit_code.clone(),
            self.meta.period.clone(),
            self.meta.round.clone(),
            self.framework.clone(),
            self.version.clone(),
        )
    }
    fn source(&self) -> &str {
        &self.source
    }
    fn diagnostics_mut(&mut self) -> &mut Vec<Diagnostic> {
        &mut self.diagnostics
    }
    fn contributor(&self) -> &str {
        &self.meta.contributor
    }
}

/// One input file and what reading it gave.
#[derive(Debug)]
pub struct Input<T = Assessment> {
    /// The file as named by the user (or found in a folder).
    pub path: PathBuf,
    /// What it gave, or why it could not be read.
    pub result: Result<Vec<T>, IntakeError>,
}

/// A batch read: the files found, what each gave, and which assessments repeat an
/// earlier one (to be skipped).
#[derive(Debug)]
pub struct Batch<T = Assessment> {
    /// Files read, in order.
    pub paths: Vec<PathBuf>,
    /// What each file gave.
    pub inputs: Vec<Input<T>>,
    /// Per input and assessment: a repeat of an earlier assessment.
    pub repeats: Vec<Vec<bool>>,
}

/// Expands folders into the spreadsheet files they hold (sorted, not recursive; names
/// starting with `~$` or `.` are lock or hidden files and are skipped). A folder that
/// cannot be listed is kept as an input, so it is reported.
pub fn expand(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for p in paths {
        if !p.is_dir() {
            out.push(p.clone());
            continue;
        }
        let Ok(rd) = std::fs::read_dir(p) else {
            out.push(p.clone());
            continue;
        };
        let mut found: Vec<PathBuf> = rd
            .filter_map(|e| e.ok())
            .filter(|e| e.file_type().is_ok_and(|t| !t.is_dir()))
            .map(|e| e.path())
            .filter(|f| {
                let name = f
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                !f.is_dir()
                    && !name.starts_with("~$")
                    && !name.starts_with('.')
                    && f.extension().is_some_and(|e| {
                        EXTENSIONS.contains(&e.to_string_lossy().to_lowercase().as_str())
                    })
            })
            .collect();
        found.sort();
        out.extend(found);
    }
    out
}

/// Marks repeated identities: the second and later are given an error (F010) and must
/// be skipped. Returns, per input and assessment, whether it is a repeat.
fn mark_repeats<T: Item>(inputs: &mut [Input<T>]) -> Vec<Vec<bool>> {
    // The first of each identity: its source, and whether it is a part.
    let mut first: HashMap<Identity, (String, bool)> = HashMap::new();
    let mut out = Vec::new();
    for input in inputs.iter_mut() {
        let mut flags = Vec::new();
        if let Ok(list) = &mut input.result {
            for a in list.iter_mut() {
                let id = a.identity();
                if id.0.is_empty() {
                    flags.push(false);
                    continue;
                }
                let part = !a.contributor().is_empty();
                match first.get(&id) {
                    Some((src, first_part)) => {
                        // Parts of one assessment are merged before they are scored.
                        let key = if part || *first_part {
                            "diag.f010_part"
                        } else {
                            "diag.f010"
                        };
                        let d = Diagnostic::error_msg(
                            Code::F010,
                            Location::file(a.source().to_string()),
                            Msg::new(key)
                                .arg("unit", id.0.as_str())
                                .arg("period", id.1.as_str())
                                .arg("round", id.2.as_str())
                                .arg("framework", id.3.as_str())
                                .arg("version", id.4.as_str())
                                .arg("first", src.as_str()),
                        );
                        a.diagnostics_mut().push(d);
                        flags.push(true);
                    }
                    None => {
                        first.insert(id, (a.source().to_string(), part));
                        flags.push(false);
                    }
                }
            }
        }
        out.push(flags);
    }
    out
}

impl Reader<'_> {
    /// Expands `paths` (folders into their workbooks), reads every file on its own, in
    /// parallel (results in input order), and marks repeated assessments. `progress`
    /// advances by one per file.
    pub fn read_batch(
        &self,
        paths: &[PathBuf],
        framework: Option<&str>,
        progress: &dyn Progress,
    ) -> Batch {
        self.read_batch_with(paths, framework, progress, &|a| a)
    }

    /// [`Reader::read_batch`], keeping of each assessment what `keep` makes of it as
    /// soon as it is read (a [`Summary`] to validate a large table in little memory).
    pub fn read_batch_with<T: Item>(
        &self,
        paths: &[PathBuf],
        framework: Option<&str>,
        progress: &dyn Progress,
        keep: &(dyn Fn(Assessment) -> T + Sync),
    ) -> Batch<T> {
        use rayon::prelude::*;
        let paths = expand(paths);
        let mut inputs: Vec<Input<T>> = paths
            .par_iter()
            .map(|p| {
                let mut kept = Vec::with_capacity(1);
                let result = self
                    .read_path_each(p, framework, &mut |a| kept.push(keep(a)))
                    .map(|_| kept);
                progress.advance(1);
                Input {
                    path: p.clone(),
                    result,
                }
            })
            .collect();
        let repeats = mark_repeats(&mut inputs);
        Batch {
            paths,
            inputs,
            repeats,
        }
    }
}
