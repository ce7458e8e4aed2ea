//! Report files: names that never collide, written whole or not at all, with the
//! permissions any other file of the user gets.
//!
//! A unit code that is safe in a file name (letters, digits, `-`, `_`, `.`; at most 64
//! characters; not a name Windows reserves) names its report as it is:
//! `XAA-2026-micic-gap-report.xlsx`. Any other code — with a `/` or a space, in another
//! script, too long — is written in its file-name-safe form followed by `-` and the
//! first 8 hexadecimal digits of the SHA-256 of the code, so two codes never share a
//! name and the name does not depend on what else is in the batch.
//!
//! ```
//! use mgi::report::files::unit_file_part;
//! assert_eq!(unit_file_part("XAA"), ("XAA".to_string(), false));
//! let (name, hashed) = unit_file_part("XA/A");
//! assert!(hashed && name.starts_with("XA-A-") && name.len() == "XA-A-".len() + 8);
//! ```

use crate::rules::hex;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Longest unit code used as it is in a file name.
pub const MAX_SAFE_CODE: usize = 64;

/// A file-name-safe form of a text: characters other than ASCII letters, digits, `-`,
/// `_` and `.` become `-`, leading and trailing `-` and `.` are removed.
pub fn file_part(s: &str) -> String {
    let cleaned: String = s
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.' {
                c
            } else {
                '-'
            }
        })
        .collect();
    let trimmed = cleaned.trim_matches(|c| c == '-' || c == '.').to_string();
    if trimmed.is_empty() {
        "unknown".into()
    } else {
        trimmed
    }
}

/// Whether a code can name a file as it is.
pub fn is_safe_code(code: &str) -> bool {
    const RESERVED: [&str; 22] = [
        "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
        "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
    ];
    !code.is_empty()
        && code.len() <= MAX_SAFE_CODE
        && code
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.')
        && !code.starts_with(['.', '-'])
        && !code.ends_with(['.', '-'])
        && !RESERVED.contains(&code.to_ascii_lowercase().as_str())
}

/// The first 8 hexadecimal digits of the SHA-256 of a text.
pub fn short_hash(s: &str) -> String {
    hex(&Sha256::digest(s.as_bytes()))[..8].to_string()
}

/// The part of a file name that stands for a unit code, and whether it carries the
/// hash suffix.
pub fn unit_file_part(code: &str) -> (String, bool) {
    if is_safe_code(code) {
        return (code.to_string(), false);
    }
    let mut base = file_part(code);
    if base.len() > 48 {
        base.truncate(48);
        base = base.trim_end_matches(['-', '.']).to_string();
    }
    (format!("{base}-{}", short_hash(code)), true)
}

/// A report's file name, and why it is not the plain one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Named {
    /// The path.
    pub path: PathBuf,
    /// Set when the unit code is written in another form: the note to print and to
    /// put in the report's `About` sheet.
    pub note: Option<String>,
}

/// One report of a batch to name: unit code, period, round, framework id, version.
pub type ReportKey<'a> = (&'a str, &'a str, &'a str, &'a str, &'a str);

/// Names the reports of a batch (`<unit>-<period>-<framework>-<suffix>` in `dir`): codes
/// that are unsafe, or that collide with another code of the batch once case is
/// ignored, get the hash suffix; the same unit, period and framework a second time get
/// the round, then the version, then a counter.
pub fn report_names(dir: &Path, keys: &[ReportKey<'_>], suffix: &str) -> Vec<Named> {
    // Codes whose safe form is shared (ignoring case) by another code.
    let mut by_form: BTreeMap<String, BTreeSet<&str>> = BTreeMap::new();
    for k in keys {
        by_form
            .entry(unit_file_part(k.0).0.to_ascii_lowercase())
            .or_default()
            .insert(k.0);
    }
    let mut used: BTreeSet<String> = BTreeSet::new();
    keys.iter()
        .map(|&(code, period, round, fw, version)| {
            let (mut unit, mut hashed) = unit_file_part(code);
            let shared = by_form[&unit.to_ascii_lowercase()].len() > 1;
            if shared && !hashed {
                unit = format!("{unit}-{}", short_hash(code));
                hashed = true;
            }
            let mut period = file_part(period);
            period.truncate(32);
            let base = format!("{unit}-{period}-{}", file_part(fw));
            let mut name = format!("{base}-{suffix}");
            for extra in [format!("round{}", file_part(round)), format!("v{}", file_part(version))] {
                if !used.contains(&name.to_ascii_lowercase()) {
                    break;
                }
                name = format!("{}-{extra}-{suffix}", name.trim_end_matches(&format!("-{suffix}")));
            }
            let mut n = 2;
            let stem = name.trim_end_matches(&format!("-{suffix}")).to_string();
            while used.contains(&name.to_ascii_lowercase()) {
                name = format!("{stem}-{n}-{suffix}");
                n += 1;
            }
            used.insert(name.to_ascii_lowercase());
            let note = hashed.then(|| {
                format!(
                    "unit code \"{code}\" is written \"{unit}\" in file names ({}; the last 8 characters are the start of the code's SHA-256)",
                    if shared && is_safe_code(code) {
                        "another code of the batch has the same file name when case is ignored"
                    } else {
                        "it is not safe in a file name"
                    }
                )
            });
            Named {
                path: dir.join(name),
                note,
            }
        })
        .collect()
}

/// Whether a path names a folder: one that exists, or a path typed with a trailing
/// separator (`-o reports/2026/`).
pub fn names_folder(p: &Path) -> bool {
    p.is_dir()
        || p.as_os_str()
            .to_string_lossy()
            .ends_with(['/', std::path::MAIN_SEPARATOR])
}

/// Creates a folder (and its parents) for output, or says why it cannot.
pub fn ensure_folder(dir: &Path) -> std::io::Result<()> {
    if dir.as_os_str().is_empty() || dir.is_dir() {
        return Ok(());
    }
    if dir.exists() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::AlreadyExists,
            format!("{} exists and is not a folder", dir.display()),
        ));
    }
    std::fs::create_dir_all(dir)
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}

/// Writes bytes to `path` atomically: a new file in the same folder, then a rename, so
/// a reader never sees half a file. The file is created the ordinary way, so it gets
/// the permissions the user's umask gives (0644 under umask 022). Creates the folder
/// when needed. Refuses to write over one of `inputs` (an input is never overwritten).
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
    if names_folder(path) {
        return Err(std::io::Error::new(
            std::io::ErrorKind::IsADirectory,
            format!("{} is a folder; expected a file name", path.display()),
        ));
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    ensure_folder(&dir)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "out".into());
    static COUNTER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let (tmp, mut file) = loop {
        let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let tmp = dir.join(format!(".{name}.{}.{n}.tmp", std::process::id()));
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)
        {
            Ok(f) => break (tmp, f),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    };
    let written = file
        .write_all(bytes)
        .and_then(|_| file.sync_all())
        .and_then(|_| std::fs::rename(&tmp, path));
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_never_collide() {
        let dir = Path::new("out");
        let keys = [
            ("XAA", "2026", "1", "micic", "1"),
            ("X/A", "2026", "1", "micic", "1"),
            ("X A", "2026", "1", "micic", "1"),
            ("X-A", "2026", "1", "micic", "1"),
            ("XAA", "2026", "2", "micic", "1"),
            ("国家", "2026", "1", "micic", "1"),
        ];
        let names = report_names(dir, &keys, "gap-report.xlsx");
        let paths: BTreeSet<&PathBuf> = names.iter().map(|n| &n.path).collect();
        assert_eq!(paths.len(), keys.len());
        assert_eq!(names[0].path, dir.join("XAA-2026-micic-gap-report.xlsx"));
        assert_eq!(names[3].path, dir.join("X-A-2026-micic-gap-report.xlsx"));
        assert_eq!(
            names[4].path,
            dir.join("XAA-2026-micic-round2-gap-report.xlsx")
        );
        assert!(names[1].note.is_some() && names[0].note.is_none());
        // The name of an unsafe code does not depend on the batch.
        let alone = report_names(dir, &keys[1..2], "gap-report.xlsx");
        assert_eq!(alone[0].path, names[1].path);
        let long = "X".repeat(300);
        let (part, hashed) = unit_file_part(&long);
        assert!(hashed && part.len() < 64);
        assert!(!is_safe_code("CON") && !is_safe_code("..") && !is_safe_code(""));
    }
}
