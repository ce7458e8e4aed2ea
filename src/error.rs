//! The crate's error type. Findings about the user's data are [`Diagnostic`]s, never
//! errors; an [`Error`] says that a job could not be done (a file that cannot be
//! written, a workbook that cannot be built, results paired with the wrong framework),
//! with what and where.
//!
//! [`Diagnostic`]: crate::diag::Diagnostic

use crate::intake::IntakeError;
use std::path::PathBuf;

/// What went wrong, and where.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A file or folder could not be read.
    #[error("cannot read {}: {source}", path.display())]
    Read {
        /// The path.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// A file or folder could not be written.
    #[error("cannot write {}: {source}", path.display())]
    Write {
        /// The path.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// An input could not be read as an assessment.
    #[error("{file}: {source}")]
    Intake {
        /// The input as the user named it.
        file: String,
        /// Why.
        #[source]
        source: IntakeError,
    },
    /// A text file (a groups file, ...) that cannot be used, with where and why.
    #[error("{file}:{line}:{column}: {message}")]
    Parse {
        /// The file as the user named it.
        file: String,
        /// The line (from 1).
        line: u64,
        /// The column (from 1).
        column: u64,
        /// What was found and what was expected.
        message: String,
    },
    /// A workbook (report or template) could not be built.
    #[error("cannot build the {what}: {source}")]
    Workbook {
        /// Which workbook, and the part being written when it failed.
        what: String,
        /// The writer's error.
        #[source]
        source: rust_xlsxwriter::XlsxError,
    },
    /// A table (statistics, the long table, CSV or Parquet) could not be built.
    #[error("cannot build the {what}: {source}")]
    Table {
        /// Which table.
        what: String,
        /// The table engine's error.
        #[source]
        source: polars::error::PolarsError,
    },
    /// A JSON document could not be written.
    #[error("cannot write the {what} JSON: {source}")]
    Json {
        /// Which document.
        what: String,
        /// The serialiser's error.
        #[source]
        source: serde_json::Error,
    },
    /// Results (or an assessment) paired with another framework than the one they were
    /// made with.
    #[error(
        "results of {found} paired with framework {expected}; expected the framework they were scored with (same id, version and content hash)"
    )]
    FrameworkMismatch {
        /// The framework given: `id version (hash prefix)`.
        expected: String,
        /// The framework of the results.
        found: String,
    },
    /// A framework id that the rules do not hold.
    #[error("no framework \"{id}\"; expected one of: {}", known.join(", "))]
    UnknownFramework {
        /// The id asked for.
        id: String,
        /// The ids known.
        known: Vec<String>,
    },
    /// The rules have errors, so nothing can be scored against them.
    #[error("the rules have {errors} error(s); fix them (see `mgi rules check`)")]
    InvalidRules {
        /// How many errors.
        errors: usize,
    },
    /// A language that `mgi` has no interface texts for.
    #[error("language \"{lang}\" is not supported; expected one of: {}", supported.join(", "))]
    UnsupportedLanguage {
        /// The code asked for.
        lang: String,
        /// The codes supported.
        supported: Vec<String>,
    },
    /// A value given to a library function that it cannot use (an option out of range,
    /// an empty list where one item is needed), with what was expected.
    #[error("{0}")]
    Invalid(String),
}

/// `Result` with the crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Wraps a workbook writer's error with the workbook it was building.
pub(crate) fn workbook(
    what: impl Into<String>,
) -> impl FnOnce(rust_xlsxwriter::XlsxError) -> Error {
    let what = what.into();
    move |source| Error::Workbook { what, source }
}

/// Wraps a table engine's error with the table it was building.
pub(crate) fn table(what: impl Into<String>) -> impl FnOnce(polars::error::PolarsError) -> Error {
    let what = what.into();
    move |source| Error::Table { what, source }
}

/// Reports progress of long batch work (reading a thousand files, ten thousand draws).
/// The command line shows a progress bar; a library user may count, log, or pass
/// [`NoProgress`].
pub trait Progress: Sync {
    /// `n` more units of work are done.
    fn advance(&self, n: u64);
}

/// Progress that nobody watches.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoProgress;

impl Progress for NoProgress {
    fn advance(&self, _: u64) {}
}
