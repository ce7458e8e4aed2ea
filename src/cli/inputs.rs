//! The batch of a command: the library reads it ([`mgi::intake::batch`]); this shows
//! a progress bar on a terminal and says when no file was found.

use mgi::intake::batch::{Batch, Item};
use mgi::intake::{Assessment, Reader};
use std::path::{Path, PathBuf};

/// A progress bar on a terminal: how the command line watches the library's long work
/// (through [`mgi::Progress`]).
pub struct Bar(indicatif::ProgressBar);

impl mgi::Progress for Bar {
    fn advance(&self, n: u64) {
        self.0.inc(n);
    }
}

impl Bar {
    /// Removes the bar from the terminal.
    pub fn finish(self) {
        self.0.finish_and_clear();
    }
}

/// A progress bar on a terminal for batches of more than a few files; `None` when
/// stderr is not a terminal (piped output stays silent) or when quiet.
pub fn bar(len: usize, quiet: bool, what: &str) -> Option<Bar> {
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
    Some(Bar(pb))
}

/// Reads the batch, keeping of each assessment what `keep` makes of it. `Err` holds the
/// exit code when no file was found (the message is printed).
pub fn read_batch_with<T: Item>(
    g: &super::Global,
    args: &[PathBuf],
    framework: Option<&str>,
    what: &str,
    keep: &(dyn Fn(Assessment) -> T + Sync),
) -> Result<Batch<T>, i32> {
    let reader = Reader::new(&g.rules);
    let count = mgi::intake::batch::expand(args).len();
    if count == 0 {
        eprintln!(
            "error: no workbook found in {}; expected .xlsx, .xlsm, .xls, .xlsb, .ods or .csv files",
            args.iter()
                .map(|p| display(p))
                .collect::<Vec<_>>()
                .join(", ")
        );
        return Err(super::EXIT_FATAL);
    }
    let pb = bar(count, g.quiet, what);
    let shown: &dyn mgi::Progress = match &pb {
        Some(pb) => pb,
        None => &mgi::NoProgress,
    };
    let batch = reader.read_batch_with(args, framework, shown, keep);
    if let Some(pb) = pb {
        pb.finish();
    }
    Ok(batch)
}

/// Reads the batch, keeping every assessment whole.
pub fn read_batch(
    g: &super::Global,
    args: &[PathBuf],
    framework: Option<&str>,
    what: &str,
) -> Result<Batch, i32> {
    read_batch_with(g, args, framework, what, &|a| a)
}

/// The display name of a path.
pub fn display(p: &Path) -> String {
    p.display().to_string()
}
