//! Outputs: JSON documents, CSV and Excel workbooks. Nothing upstream knows about them.

pub mod action_plan;
pub mod compare_json;
pub mod compare_report;
pub mod compare_table;
pub mod contents;
pub mod crosswalk_json;
pub mod crosswalk_report;
pub mod framework_json;
pub mod gap_register;
pub mod gap_report;
pub mod gap_summary;
pub mod labels;
pub mod long_table;
pub mod progress_report;
pub mod score_json;
pub mod sheets;
pub mod style;

use std::io::Write;
use std::path::Path;

/// Writes bytes to `path` atomically: a temporary file in the same folder, then a rename,
/// so a reader never sees half a file. Creates the folder when needed. Refuses to write
/// over one of `inputs` (an input is never overwritten).
pub fn write_atomic(path: &Path, bytes: &[u8], inputs: &[&Path]) -> std::io::Result<()> {
    for input in inputs {
        if same_file(path, input) {
            return Err(std::io::Error::new(
                std::io::ErrorKind::AlreadyExists,
                format!(
                    "{} is an input of this run; expected an output path that is not an input",
                    path.display()
                ),
            ));
        }
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    std::fs::create_dir_all(&dir)?;
    let mut tmp = tempfile::NamedTempFile::new_in(&dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}
