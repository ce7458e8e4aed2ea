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

mod about;
mod about_sheet;
pub mod answer;
pub mod batch;
pub mod budget;
mod columns;
mod delimited;
pub mod grid;
pub mod guard;
mod isolate;
mod rows;
pub mod scan;
mod table;
pub mod text;
mod workbook;

pub use answer::{Matcher, Reading};
pub use batch::{Batch, Input, Summary};
pub use budget::Budgets;
pub use rows::answer_rows;

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
    /// Who contributed this part of an assessment (a `contributor` field in `About`, or
    /// a table column): a contribution is not expected to answer every indicator.
    pub contributor: String,
    /// The indicators a part was made for (the `scope` field of its `About` sheet, as
    /// `mgi template --split-by` writes it); empty for a whole assessment.
    pub scope: Vec<String>,
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
    /// Where a merged answer came from (the `Source` column of a merged workbook).
    pub origin: Option<Origin>,
}

/// Where an answer came from: the body that gave it, its file and its cell. A merged
/// workbook writes it in the `Source` column as `contributor | file | cell`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Origin {
    /// The contributing body.
    pub contributor: String,
    /// The part's file, as it was named to `mgi merge`.
    pub file: String,
    /// The answer's cell in that file (`Assessment!F12`).
    pub cell: String,
}

impl Origin {
    /// Between the three fields of a `Source` cell.
    pub const SEPARATOR: &'static str = " | ";

    /// The `Source` cell's text.
    pub fn render(&self) -> String {
        [&self.contributor, &self.file, &self.cell]
            .map(String::as_str)
            .join(Self::SEPARATOR)
    }

    /// Reads a `Source` cell: the cell is after the last separator, the file before it,
    /// the contributor is the rest (a name may hold the separator); a text without a
    /// separator is a contributor alone. `None` for a blank cell.
    pub fn parse(text: &str) -> Option<Origin> {
        let text = text.trim();
        if text.is_empty() {
            return None;
        }
        let sep = Self::SEPARATOR.trim();
        let mut parts: Vec<&str> = text.rsplitn(3, sep).map(str::trim).collect();
        parts.reverse();
        Some(match parts.as_slice() {
            [c, f, cell] => Origin {
                contributor: c.to_string(),
                file: f.to_string(),
                cell: cell.to_string(),
            },
            [c, f] => Origin {
                contributor: c.to_string(),
                file: f.to_string(),
                cell: String::new(),
            },
            _ => Origin {
                contributor: text.to_string(),
                ..Default::default()
            },
        })
    }
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

    /// Where an answer came from: its `Source` cell in a merged workbook; in a part
    /// (an assessment that names its contributor), the part itself; else unknown.
    pub fn origin_of(&self, a: &Answer) -> Option<Origin> {
        if let Some(o) = &a.origin {
            return Some(o.clone());
        }
        (!self.meta.contributor.is_empty()).then(|| Origin {
            contributor: self.meta.contributor.clone(),
            file: self.source.clone(),
            cell: a.source_cell(),
        })
    }

    /// True when any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Why a file could not be read at all.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
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
    /// Not a regular file (a named pipe, a device, a socket): never opened, so it
    /// cannot block the run.
    NotRegularFile(String),
    /// Larger than the input budget.
    FileTooLarge {
        /// Its size in bytes.
        bytes: u64,
        /// The budget.
        budget: u64,
    },
    /// A part of a package over a budget (inflated size, ratio, declared counts).
    PartTooLarge {
        /// The part's name.
        part: String,
        /// What was found and the budget.
        detail: String,
    },
    /// A sheet (or a csv table) over a budget of cells.
    SheetTooLarge {
        /// The sheet's name ("" for a csv table).
        sheet: String,
        /// What was found and the budget.
        detail: String,
    },
    /// The reader of the format failed on the file (a defect it has, caught).
    ReaderFailed {
        /// Which reader (xlsx, xlsb, xls, ods, csv).
        reader: String,
        /// What it reported, and where in its code.
        detail: String,
    },
    /// A text file in none of the encodings tried.
    Undecodable {
        /// Line of the first byte that is not text.
        line: usize,
        /// Its byte column.
        column: usize,
        /// What was found.
        detail: String,
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
            IntakeError::NotRegularFile(_) => Code::F011,
            IntakeError::FileTooLarge { .. } => Code::F012,
            IntakeError::PartTooLarge { .. } => Code::F013,
            IntakeError::SheetTooLarge { .. } => Code::F014,
            IntakeError::ReaderFailed { .. } => Code::F015,
            IntakeError::Undecodable { .. } => Code::F016,
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
            IntakeError::NotRegularFile(kind) => Msg::new("diag.f011").arg("kind", kind.as_str()),
            IntakeError::FileTooLarge { bytes, budget } => Msg::new("diag.f012")
                .arg("size", budget::bytes(*bytes))
                .arg("budget", budget::bytes(*budget)),
            IntakeError::PartTooLarge { part, detail } => Msg::new("diag.f013")
                .arg("part", part.as_str())
                .arg("detail", detail.as_str()),
            IntakeError::SheetTooLarge { sheet, detail } if sheet.is_empty() => {
                Msg::new("diag.f014_table").arg("detail", detail.as_str())
            }
            IntakeError::SheetTooLarge { sheet, detail } => Msg::new("diag.f014")
                .arg("sheet", sheet.as_str())
                .arg("detail", detail.as_str()),
            IntakeError::ReaderFailed { reader, detail } => Msg::new("diag.f015")
                .arg("reader", reader.as_str())
                .arg("detail", detail.as_str()),
            IntakeError::Undecodable {
                line,
                column,
                detail,
            } => Msg::new("diag.f016")
                .arg("line", line.to_string())
                .arg("column", column.to_string())
                .arg("detail", detail.as_str()),
        }
    }

    /// The error as a diagnostic about `file`.
    pub fn diagnostic(&self, file: &str) -> Diagnostic {
        let at = match self {
            IntakeError::Undecodable { line, column, .. } => Location::text(file, *line, *column),
            IntakeError::SheetTooLarge { sheet, .. } if !sheet.is_empty() => {
                Location::sheet(file, sheet)
            }
            _ => Location::file(file),
        };
        Diagnostic::error_msg(self.code(), at, self.msg())
    }
}

impl fmt::Display for IntakeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.msg().render("en"))
    }
}

impl std::error::Error for IntakeError {}

/// Reads workbooks and tables against a set of frameworks.
pub struct Reader<'a> {
    pub(crate) rules: &'a Rules,
    matchers: Vec<Matcher>,
    pub(crate) budgets: Budgets,
}

impl<'a> Reader<'a> {
    /// A reader for the frameworks of `rules`, with the default [`Budgets`].
    pub fn new(rules: &'a Rules) -> Self {
        Reader {
            rules,
            matchers: rules.frameworks.iter().map(Matcher::new).collect(),
            budgets: Budgets::default(),
        }
    }

    /// The same reader held to other budgets.
    pub fn with_budgets(mut self, budgets: Budgets) -> Self {
        self.budgets = budgets;
        self
    }

    /// The budgets inputs are held to.
    pub fn budgets(&self) -> &Budgets {
        &self.budgets
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
    ///
    ///
    /// ```
    /// let rules = mgi::Rules::bundled();
    /// let reader = mgi::Reader::new(&rules);
    /// let list = reader.read_path("fixtures/XAA-2026-micic.xlsx".as_ref(), None).unwrap();
    /// assert_eq!(list.len(), 1);
    /// assert_eq!(list[0].meta.unit_code, "XAA");
    /// assert_eq!(list[0].framework, "micic");
    /// // A table of countries gives one assessment per row.
    /// let rows = reader.read_path("fixtures/countries-sdg-10-7-2.csv".as_ref(), None).unwrap();
    /// assert!(rows.len() > 1);
    /// ```
    ///
    /// # Errors
    /// An [`IntakeError`] when the file cannot be read as an assessment at all (not
    /// found, not a regular file, not a spreadsheet, damaged, over a budget...).
    pub fn read_path(
        &self,
        path: &Path,
        framework: Option<&str>,
    ) -> Result<Vec<Assessment>, IntakeError> {
        let mut out = Vec::new();
        self.read_path_each(path, framework, &mut |a| out.push(a))?;
        Ok(out)
    }

    /// Reads a file's content; `name` is how the file is named in diagnostics.
    ///
    ///
    /// ```
    /// let rules = mgi::Rules::bundled();
    /// let bytes = std::fs::read("fixtures/XAB-2026-micic.xlsx").unwrap();
    /// let list = mgi::Reader::new(&rules).read_bytes("XAB.xlsx", &bytes, None).unwrap();
    /// assert_eq!(list[0].meta.unit_code, "XAB");
    /// // Not a spreadsheet: an error, not a panic.
    /// assert!(mgi::Reader::new(&rules).read_bytes("x.xlsx", b"hello", None).is_err());
    /// ```
    ///
    /// # Errors
    /// As [`Reader::read_path`].
    pub fn read_bytes(
        &self,
        name: &str,
        bytes: &[u8],
        framework: Option<&str>,
    ) -> Result<Vec<Assessment>, IntakeError> {
        let mut out = Vec::new();
        self.read_bytes_each(name, bytes, framework, &mut |a| out.push(a))?;
        Ok(out)
    }

    /// Reads a file and hands each assessment to `each` as soon as it is read (a
    /// table's rows one by one, so a large table is never held whole). Returns how many
    /// there were. Only regular files are opened.
    ///
    /// # Errors
    /// As [`Reader::read_path`]; assessments handed over before an error stay handed.
    pub fn read_path_each(
        &self,
        path: &Path,
        framework: Option<&str>,
        each: &mut dyn FnMut(Assessment),
    ) -> Result<usize, IntakeError> {
        let bytes = read_file(path, self.budgets.file_bytes)?;
        self.read_bytes_each(&path.display().to_string(), &bytes, framework, each)
    }

    /// [`Reader::read_bytes`], handing each assessment over as it is read.
    ///
    /// # Errors
    /// As [`Reader::read_path`].
    pub fn read_bytes_each(
        &self,
        name: &str,
        bytes: &[u8],
        framework: Option<&str>,
        each: &mut dyn FnMut(Assessment),
    ) -> Result<usize, IntakeError> {
        if bytes.len() as u64 > self.budgets.file_bytes {
            return Err(IntakeError::FileTooLarge {
                bytes: bytes.len() as u64,
                budget: self.budgets.file_bytes,
            });
        }
        match isolate::guarded(|| self.read_inner(name, bytes, framework, each)) {
            Ok(r) => r,
            Err(detail) => {
                let container = grid::container(bytes);
                let is_csv = csv_name(name) || container == grid::Container::Other;
                Err(IntakeError::ReaderFailed {
                    reader: if is_csv { "csv" } else { container.reader() }.to_string(),
                    detail,
                })
            }
        }
    }

    fn read_inner(
        &self,
        name: &str,
        bytes: &[u8],
        framework: Option<&str>,
        each: &mut dyn FnMut(Assessment),
    ) -> Result<usize, IntakeError> {
        let sha = hex(&Sha256::digest(bytes));
        // A workbook saved under a text name is still read as the workbook it is.
        let packed = bytes.starts_with(b"PK\x03\x04")
            || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
        if csv_name(name) && !packed {
            return table::read_csv(self, name, &sha, bytes, framework, each);
        }
        let book = match grid::open(bytes, workbook::read_plan, &self.budgets) {
            Ok(b) => b,
            Err(grid::OpenError::Encrypted) => return Err(IntakeError::Encrypted),
            Err(grid::OpenError::Damaged(e)) => return Err(IntakeError::Damaged(e)),
            Err(grid::OpenError::Refused(guard::Refusal::Part { part, detail })) => {
                return Err(IntakeError::PartTooLarge { part, detail });
            }
            Err(grid::OpenError::Refused(guard::Refusal::Sheet { sheet, detail })) => {
                return Err(IntakeError::SheetTooLarge { sheet, detail });
            }
            Err(grid::OpenError::Refused(guard::Refusal::Damaged(e))) => {
                return Err(IntakeError::Damaged(e));
            }
            Err(grid::OpenError::Refused(guard::Refusal::Encrypted)) => {
                return Err(IntakeError::Encrypted);
            }
            Err(grid::OpenError::NotSpreadsheet) => {
                // A table saved as text under another name is still a table, but a file
                // named as a workbook must be one.
                let lower = name.to_lowercase();
                let workbook_name = [".xlsx", ".xlsm", ".xls", ".xlsb", ".ods"]
                    .iter()
                    .any(|e| lower.ends_with(e));
                if !workbook_name
                    && text::decode(bytes).is_ok_and(|t| {
                        t.text
                            .lines()
                            .next()
                            .is_some_and(|l| l.contains(',') || l.contains(';') || l.contains('\t'))
                    })
                {
                    return table::read_csv(self, name, &sha, bytes, framework, each);
                }
                return Err(IntakeError::NotSpreadsheet);
            }
        };
        if book
            .sheets
            .iter()
            .any(|s| crate::layout::is_sheet(&s.name, crate::layout::SHEET_ASSESSMENT))
        {
            each(workbook::read(self, name, &sha, &book, framework)?);
            return Ok(1);
        }
        table::read_sheets(self, name, &sha, &book, framework, each)
    }
}

/// Whether a file is named as a text table.
fn csv_name(name: &str) -> bool {
    let lower = name.to_lowercase();
    [".csv", ".tsv", ".txt"].iter().any(|e| lower.ends_with(e))
}

/// What kind of thing a path is when it is not a regular file.
fn kind_of(t: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a named pipe";
        }
        if t.is_socket() {
            return "a socket";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
    }
    if t.is_dir() { "a folder" } else { "not a file" }
}

/// Reads a regular file whole, within the budget. Anything else (a named pipe, a
/// device) is refused before it is opened, so it cannot block.
fn read_file(path: &Path, budget: u64) -> Result<Vec<u8>, IntakeError> {
    use std::io::Read as _;
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(IntakeError::NotFound),
        Err(e) => return Err(IntakeError::Unreadable(e.to_string())),
    };
    if meta.is_dir() {
        return Err(IntakeError::Unreadable(
            "it is a folder; a folder given as input is searched for workbooks, but this one was named as a file".into(),
        ));
    }
    if !meta.is_file() {
        return Err(IntakeError::NotRegularFile(
            kind_of(&meta.file_type()).into(),
        ));
    }
    if meta.len() > budget {
        return Err(IntakeError::FileTooLarge {
            bytes: meta.len(),
            budget,
        });
    }
    let file = std::fs::File::open(path).map_err(|e| IntakeError::Unreadable(e.to_string()))?;
    // The same file, checked again now that it is open.
    match file.metadata() {
        Ok(m) if m.is_file() => {}
        Ok(m) => return Err(IntakeError::NotRegularFile(kind_of(&m.file_type()).into())),
        Err(e) => return Err(IntakeError::Unreadable(e.to_string())),
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(budget + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| IntakeError::Unreadable(e.to_string()))?;
    if bytes.len() as u64 > budget {
        return Err(IntakeError::FileTooLarge {
            bytes: bytes.len() as u64,
            budget,
        });
    }
    Ok(bytes)
}
