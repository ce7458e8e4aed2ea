//! The groups file of a comparison (`mgi compare --groups FILE.csv`): a csv whose first
//! column holds unit codes and whose other columns are grouping fields (region, income
//! group, ...). The delimiter is `,` or `;`, whichever the header uses more.
//!
//! ```
//! let groups = mgi::compare::groups::parse_groups(
//!     "unit;region\nxaa;North\nXAB;South\n",
//!     "groups.csv",
//! )
//! .unwrap();
//! assert_eq!(groups["XAA"]["region"], "North");
//! assert_eq!(groups["XAB"]["region"], "South");
//! ```

use crate::error::{Error, Result};
use crate::results::Results;
use std::collections::BTreeMap;
use std::path::Path;

/// Grouping fields by unit code (codes upper-cased).
pub type Groups = BTreeMap<String, BTreeMap<String, String>>;

/// Reads a groups file.
pub fn read_groups(path: &Path) -> Result<Groups> {
    let text = std::fs::read_to_string(path).map_err(|source| Error::Read {
        path: path.to_path_buf(),
        source,
    })?;
    parse_groups(&text, &path.display().to_string())
}

/// Parses the text of a groups file; `file` names it in errors.
pub fn parse_groups(text: &str, file: &str) -> Result<Groups> {
    let at = |line: u64, column: u64, message: String| Error::Parse {
        file: file.to_string(),
        line,
        column,
        message,
    };
    let first = text.lines().next().unwrap_or("");
    let delim = if first.matches(';').count() > first.matches(',').count() {
        b';'
    } else {
        b','
    };
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(delim)
        .flexible(true)
        .from_reader(text.as_bytes());
    let csv_error = |e: csv::Error| {
        let line = e.position().map(|p| p.line()).unwrap_or(1);
        at(line, 1, e.to_string())
    };
    let headers: Vec<String> = rdr
        .headers()
        .map_err(csv_error)?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    if headers.len() < 2 {
        return Err(at(
            1,
            1,
            "expected a header with a unit code column and at least one grouping field".into(),
        ));
    }
    let mut out = Groups::new();
    for rec in rdr.records() {
        let rec = rec.map_err(csv_error)?;
        let line = rec.position().map(|p| p.line()).unwrap_or(0);
        let code = rec.get(0).unwrap_or("").trim().to_uppercase();
        if code.is_empty() {
            if rec.iter().any(|c| !c.trim().is_empty()) {
                return Err(at(
                    line,
                    1,
                    "no unit code; expected the unit's code in the first column".into(),
                ));
            }
            continue;
        }
        let fields = out.entry(code).or_default();
        for (h, v) in headers.iter().zip(rec.iter()).skip(1) {
            if !v.trim().is_empty() {
                fields.insert(h.clone(), v.trim().to_string());
            }
        }
    }
    Ok(out)
}

/// The grouping field as the inputs spell it: a field named in another case
/// (`--group-by REGION`) is the field the results or the groups file have (`region`);
/// a field nobody has is kept as given.
pub fn group_field(field: &str, results: &[Results], groups: &Groups) -> String {
    use crate::i18n::fold;
    results
        .iter()
        .flat_map(|r| r.assessment.meta.groups.keys())
        .chain(groups.values().flat_map(|g| g.keys()))
        .find(|k| fold(k) == fold(field))
        .cloned()
        .unwrap_or_else(|| field.to_string())
}
