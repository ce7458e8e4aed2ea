//! The batch of a command: the library reads it ([`crate::intake::batch`]); this shows
//! a progress bar on a terminal and says when no file was found.

use crate::intake::batch::{Batch, Item};
use crate::intake::{Assessment, Reader};
use std::path::{Path, PathBuf};

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
    let count = crate::intake::batch::expand(args).len();
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
    let pb = progress(count, g.quiet, what);
    let shown: &dyn crate::Progress = match &pb {
        Some(pb) => pb,
        None => &crate::NoProgress,
    };
    let batch = reader.read_batch_with(args, framework, shown, keep);
    if let Some(pb) = pb {
        pb.finish_and_clear();
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
