//! Reading the inputs of a batch: files and folders, each read independently, so one
//! bad file never stops the others; repeated assessments are reported and skipped.

use crate::diag::Code;
use crate::diag::{Diagnostic, Location, Msg};
use crate::intake::{Assessment, IntakeError, Reader};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// File extensions read from a folder.
const EXTENSIONS: [&str; 6] = ["xlsx", "xlsm", "xls", "xlsb", "ods", "csv"];

/// One input file and what reading it gave.
pub struct Input {
    /// The file as named by the user (or found in a folder).
    pub path: PathBuf,
    /// Assessments read, or why the file could not be read.
    pub result: Result<Vec<Assessment>, IntakeError>,
}

/// Expands folders into the spreadsheet files they hold (sorted, not recursive; files
/// starting with `~$` or `.` are lock or hidden files and are skipped).
fn expand(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut found: Vec<PathBuf> = std::fs::read_dir(p)
                .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
                .unwrap_or_default();
            found.retain(|f| {
                let name = f
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                f.is_file()
                    && !name.starts_with("~$")
                    && !name.starts_with('.')
                    && f.extension().is_some_and(|e| {
                        EXTENSIONS.contains(&e.to_string_lossy().to_lowercase().as_str())
                    })
            });
            found.sort();
            out.extend(found);
        } else {
            out.push(p.clone());
        }
    }
    out
}

/// Reads every input (in parallel; results keep input order).
fn read_all(
    reader: &Reader,
    paths: &[PathBuf],
    framework: Option<&str>,
    progress: Option<&indicatif::ProgressBar>,
) -> Vec<Input> {
    use rayon::prelude::*;
    let inputs: Vec<Input> = paths
        .par_iter()
        .map(|p| {
            let result = reader.read_path(p, framework);
            if let Some(pb) = progress {
                pb.inc(1);
            }
            Input {
                path: p.clone(),
                result,
            }
        })
        .collect();
    inputs
}

/// Marks repeated identities (unit, period, round, framework, version): the second and
/// later are given an error and must be skipped. Returns, per input and assessment,
/// whether it is a repeat.
fn mark_repeats(inputs: &mut [Input]) -> Vec<Vec<bool>> {
    let mut first: HashMap<(String, String, String, String, String), String> = HashMap::new();
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
                match first.get(&id) {
                    Some(src) => {
                        a.diagnostics.push(Diagnostic::error_msg(
                            Code::F010,
                            Location::file(a.source.clone()),
                            Msg::new("diag.f010")
                                .arg("unit", id.0.as_str())
                                .arg("period", id.1.as_str())
                                .arg("round", id.2.as_str())
                                .arg("framework", id.3.as_str())
                                .arg("version", id.4.as_str())
                                .arg("first", src.as_str()),
                        ));
                        flags.push(true);
                    }
                    None => {
                        first.insert(id, a.source.clone());
                        flags.push(false);
                    }
                }
            }
        }
        out.push(flags);
    }
    out
}

impl crate::Progress for indicatif::ProgressBar {
    fn advance(&self, n: u64) {
        self.inc(n);
    }
}

/// A progress bar on a terminal for batches of more than a few files; `None` when
/// stderr is not a terminal (piped output stays silent) or when quiet.
pub fn progress(len: usize, quiet: bool, what: &str) -> Option<indicatif::ProgressBar> {
    use std::io::IsTerminal;
    if quiet || len < 5 || !std::io::stderr().is_terminal() {
        return None;
    }
    let pb = indicatif::ProgressBar::new(len as u64);
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("{msg} {bar:40} {pos}/{len} [{elapsed_precise}]")
    {
        pb.set_style(style);
    }
    pb.set_message(what.to_string());
    Some(pb)
}

/// A batch read: the files found, what each gave, and which assessments repeat an
/// earlier one (to be skipped).
pub struct Batch {
    /// Files read, in order.
    pub paths: Vec<PathBuf>,
    /// What each file gave.
    pub inputs: Vec<Input>,
    /// Per input and assessment: a repeat of an earlier assessment.
    pub repeats: Vec<Vec<bool>>,
}

/// Expands the arguments, reads every file (with a progress bar named `what` on a
/// terminal), and marks repeated assessments. `Err` holds the exit code when no file was
/// found (the message is printed).
pub fn read_batch(
    g: &super::Global,
    args: &[PathBuf],
    framework: Option<&str>,
    what: &str,
) -> Result<Batch, i32> {
    let reader = Reader::new(&g.rules);
    let paths = expand(args);
    if paths.is_empty() {
        eprintln!(
            "error: no workbook found in {}; expected .xlsx, .xlsm, .xls, .xlsb, .ods or .csv files",
            args.iter()
                .map(|p| display(p))
                .collect::<Vec<_>>()
                .join(", ")
        );
        return Err(super::EXIT_FATAL);
    }
    let pb = progress(paths.len(), g.quiet, what);
    let mut inputs = read_all(&reader, &paths, framework, pb.as_ref());
    if let Some(pb) = pb {
        pb.finish_and_clear();
    }
    let repeats = mark_repeats(&mut inputs);
    Ok(Batch {
        paths,
        inputs,
        repeats,
    })
}

/// The display name of a path.
pub fn display(p: &Path) -> String {
    p.display().to_string()
}
