//! Intake: a filled workbook (xlsx, xlsm, xls, xlsb, ods) or a table of many countries
//! (csv, or a sheet of a workbook) becomes typed answers with their source cells, the
//! assessment's metadata, and diagnostics. Intake never scores.
//!
//! ```no_run
//! use mgi::intake::Reader;
//! use mgi::rules::Rules;
//!
//! let rules = Rules::bundled();
//! let reader = Reader::new(&rules);
//! for a in reader.read_path("XAA-2026-sdg.xlsx".as_ref(), None).unwrap() {
//!     println!("{} {}: {} answers, {} diagnostics", a.meta.unit_code, a.meta.period, a.answers.len(), a.diagnostics.len());
//! }
//! ```

pub mod answer;
pub mod grid;
mod table;
mod workbook;

pub use answer::{Matcher, Reading};

use crate::diag::Code;
use crate::diag::{Diagnostic, Location, Msg};
use crate::rules::{Framework, Rules, hex};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

/// The assessment's metadata (from the `About` sheet or the table's columns).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Meta {
    /// Unit code (ISO 3166 alpha-3 for a country).
    pub unit_code: String,
    /// Unit name.
    pub unit_name: String,
    /// Unit level (country, province, city).
    pub unit_level: String,
    /// Period (a year or a span such as 2025/2026).
    pub period: String,
    /// Round.
    pub round: String,
    /// Framework id as written in the workbook.
    pub framework: String,
    /// Framework version as written in the workbook.
    pub version: String,
    /// Language of the workbook.
    pub language: String,
    /// Responsible agency.
    pub agency: String,
    /// Focal point.
    pub contact: String,
    /// Date of the assessment (ISO when it was a date).
    pub date: String,
    /// Grouping fields (region, income_group, and any extra table column).
    pub groups: BTreeMap<String, String>,
    /// Context answers: question id → option code (valid answers only).
    pub context: BTreeMap<String, String>,
}

/// One answer row as read.
#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    /// Indicator or criterion id.
    pub id: String,
    /// The answer cell as given ("" when blank).
    pub given: String,
    /// The answer as read.
    pub reading: Reading,
    /// Evidence or source.
    pub evidence: String,
    /// Comment.
    pub comment: String,
    /// Responsible entity.
    pub responsible: String,
    /// Where the answer cell is.
    pub location: Location,
}

impl Meta {
    /// "Name (CODE)", or the code alone when there is no name.
    pub fn display_name(&self) -> String {
        if self.unit_name.is_empty() {
            self.unit_code.clone()
        } else {
            format!("{} ({})", self.unit_name, self.unit_code)
        }
    }
}

impl Answer {
    /// The answer cell's reference: `Assessment!F12`, or `line 3, column 5` for csv.
    pub fn source_cell(&self) -> String {
        match (
            &self.location.sheet,
            &self.location.cell,
            self.location.line,
            self.location.column,
        ) {
            (Some(s), Some(c), _, _) => format!("{s}!{c}"),
            (None, Some(c), _, _) => c.clone(),
            (_, _, Some(l), Some(c)) => format!("line {l}, column {c}"),
            _ => String::new(),
        }
    }
}

/// One assessment read from a workbook or a table row.
#[derive(Debug, Clone)]
pub struct Assessment {
    /// The input as the user named it (with ` row N` for a table row).
    pub source: String,
    /// SHA-256 of the input file.
    pub source_sha256: String,
    /// Format read (xlsx, xlsm, xls, xlsb, ods, csv).
    pub format: String,
    /// Id of the framework it was read against.
    pub framework: String,
    /// Version of that framework.
    pub version: String,
    /// Metadata.
    pub meta: Meta,
    /// Answer rows in sheet order (one per indicator or criterion found).
    pub answers: Vec<Answer>,
    /// Everything found wrong or worth knowing, in sheet order.
    pub diagnostics: Vec<Diagnostic>,
    /// Row ids the framework does not know (reported as W010), e.g. indicators removed
    /// in a later version of the framework.
    pub unknown_ids: Vec<String>,
}

impl Assessment {
    /// The answer of an indicator or criterion.
    pub fn answer(&self, id: &str) -> Option<&Answer> {
        self.answers.iter().find(|a| a.id == id)
    }

    /// Answers by indicator or criterion id.
    pub fn answers_by_id(&self) -> std::collections::HashMap<&str, &Answer> {
        self.answers.iter().map(|a| (a.id.as_str(), a)).collect()
    }

    /// What identifies an assessment: unit, period, round, framework and version.
    pub fn identity(&self) -> (String, String, String, String, String) {
        (
            self.meta.unit_code.clone(),
            self.meta.period.clone(),
            self.meta.round.clone(),
            self.framework.clone(),
            self.version.clone(),
        )
    }

    /// True when any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Why a file could not be read at all.
#[derive(Debug, Clone, PartialEq)]
pub enum IntakeError {
    /// The file does not exist.
    NotFound,
    /// The file exists but cannot be read.
    Unreadable(String),
    /// Not a spreadsheet or csv.
    NotSpreadsheet,
    /// Password-protected.
    Encrypted,
    /// Damaged or truncated.
    Damaged(String),
    /// A spreadsheet without an `Assessment` sheet or a table of units.
    NoData,
    /// The framework named in the workbook (or asked for) is not known.
    UnknownFramework {
        /// The id found.
        found: String,
        /// Ids known.
        known: Vec<String>,
    },
    /// The framework named is a view: it has no workbook of its own.
    ViewFramework {
        /// The id found.
        found: String,
        /// Assessment frameworks known.
        known: Vec<String>,
    },
}

impl IntakeError {
    /// Stable code.
    pub fn code(&self) -> Code {
        match self {
            IntakeError::NotFound => Code::F001,
            IntakeError::Unreadable(_) => Code::F002,
            IntakeError::NotSpreadsheet => Code::F003,
            IntakeError::Encrypted => Code::F004,
            IntakeError::Damaged(_) => Code::F005,
            IntakeError::NoData => Code::F006,
            IntakeError::UnknownFramework { .. } | IntakeError::ViewFramework { .. } => Code::F007,
        }
    }

    /// The message, as a catalogue key and its arguments.
    pub fn msg(&self) -> Msg {
        match self {
            IntakeError::NotFound => Msg::new("diag.f001"),
            IntakeError::Unreadable(e) => Msg::new("diag.f002").arg("reason", e.as_str()),
            IntakeError::NotSpreadsheet => Msg::new("diag.f003"),
            IntakeError::Encrypted => Msg::new("diag.f004"),
            IntakeError::Damaged(e) => Msg::new("diag.f005").arg("reason", e.as_str()),
            IntakeError::NoData => Msg::new("diag.f006"),
            IntakeError::UnknownFramework { found, known } => Msg::new("diag.f007")
                .arg("found", found.as_str())
                .arg("known", known.join(", ")),
            IntakeError::ViewFramework { found, known } => Msg::new("diag.f007_view")
                .arg("found", found.as_str())
                .arg("known", known.join(", ")),
        }
    }

    /// The error as a diagnostic about `file`.
    pub fn diagnostic(&self, file: &str) -> Diagnostic {
        Diagnostic::error_msg(self.code(), Location::file(file), self.msg())
    }
}

impl fmt::Display for IntakeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.msg().render("en"))
    }
}

impl std::error::Error for IntakeError {}

/// What intake reads of a workbook: the `About` and `Assessment` sheets (and the merged
/// cells of the latter) when there is an `Assessment` sheet, every sheet otherwise (a
/// table of many units).
fn read_plan(names: &[String]) -> Vec<grid::Read> {
    use crate::layout::{SHEET_ABOUT, SHEET_ASSESSMENT, is_sheet};
    let self_assessment = names.iter().any(|n| is_sheet(n, SHEET_ASSESSMENT));
    names
        .iter()
        .map(|n| {
            match (
                self_assessment,
                is_sheet(n, SHEET_ASSESSMENT),
                is_sheet(n, SHEET_ABOUT),
            ) {
                (false, _, _) => grid::Read::Cells,
                (true, true, _) => grid::Read::CellsAndMerges,
                (true, false, true) => grid::Read::Cells,
                (true, false, false) => grid::Read::Skip,
            }
        })
        .collect()
}

/// Reads workbooks and tables against a set of frameworks.
pub struct Reader<'a> {
    pub(crate) rules: &'a Rules,
    matchers: Vec<Matcher>,
}

impl<'a> Reader<'a> {
    /// A reader for the frameworks of `rules`.
    pub fn new(rules: &'a Rules) -> Self {
        Reader {
            rules,
            matchers: rules.frameworks.iter().map(Matcher::new).collect(),
        }
    }

    /// The framework (and its matcher) for an id, or the default one.
    fn framework(&self, id: Option<&str>) -> Result<(&'a Framework, &Matcher), IntakeError> {
        let fw = match id {
            Some(id) => self.rules.get(id),
            None => self.rules.default_framework(),
        };
        match fw {
            Some(fw) if fw.is_view() => Err(IntakeError::ViewFramework {
                found: fw.id.clone(),
                known: self
                    .rules
                    .frameworks
                    .iter()
                    .filter(|f| !f.is_view())
                    .map(|f| f.id.clone())
                    .collect(),
            }),
            Some(fw) => {
                let i = self
                    .rules
                    .frameworks
                    .iter()
                    .position(|f| f.id == fw.id)
                    .expect("framework of the set");
                Ok((fw, &self.matchers[i]))
            }
            None => Err(IntakeError::UnknownFramework {
                found: id.unwrap_or("(default)").to_string(),
                known: self.rules.frameworks.iter().map(|f| f.id.clone()).collect(),
            }),
        }
    }

    /// Reads a file: one assessment for a workbook, one per row for a table.
    /// `framework` overrides the framework named in the file.
    pub fn read_path(
        &self,
        path: &Path,
        framework: Option<&str>,
    ) -> Result<Vec<Assessment>, IntakeError> {
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(IntakeError::NotFound);
            }
            Err(e) => return Err(IntakeError::Unreadable(e.to_string())),
        };
        self.read_bytes(&path.display().to_string(), &bytes, framework)
    }

    /// Reads a file's content; `name` is how the file is named in diagnostics.
    pub fn read_bytes(
        &self,
        name: &str,
        bytes: &[u8],
        framework: Option<&str>,
    ) -> Result<Vec<Assessment>, IntakeError> {
        let sha = hex(&Sha256::digest(bytes));
        let is_csv = [".csv", ".tsv", ".txt"]
            .iter()
            .any(|e| name.to_lowercase().ends_with(e));
        if is_csv {
            return table::read_csv(self, name, &sha, bytes, framework);
        }
        let book = match grid::open(bytes, read_plan) {
            Ok(b) => b,
            Err(grid::OpenError::Encrypted) => return Err(IntakeError::Encrypted),
            Err(grid::OpenError::Damaged(e)) => return Err(IntakeError::Damaged(e)),
            Err(grid::OpenError::NotSpreadsheet) => {
                // A table saved as text under another name is still a table, but a file
                // named as a workbook must be one.
                let lower = name.to_lowercase();
                let workbook_name = [".xlsx", ".xlsm", ".xls", ".xlsb", ".ods"]
                    .iter()
                    .any(|e| lower.ends_with(e));
                if !workbook_name
                    && std::str::from_utf8(bytes).is_ok_and(|t| {
                        t.lines()
                            .next()
                            .is_some_and(|l| l.contains(',') || l.contains(';'))
                    })
                {
                    return table::read_csv(self, name, &sha, bytes, framework);
                }
                return Err(IntakeError::NotSpreadsheet);
            }
        };
        if book
            .sheets
            .iter()
            .any(|s| crate::layout::is_sheet(&s.name, crate::layout::SHEET_ASSESSMENT))
        {
            return workbook::read(self, name, &sha, &book, framework).map(|a| vec![a]);
        }
        table::read_sheets(self, name, &sha, &book, framework)
    }
}
