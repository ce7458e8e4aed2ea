//! The long table of scores: one row per unit and node or indicator, carried by polars
//! and written as CSV (or Parquet by `compare`). Text cells that a spreadsheet could run
//! as a formula are neutralised.

use crate::results::Results;
use crate::rules::Framework;
use polars::prelude::*;
use polars_io::SerWriter;
use polars_io::csv::write::CsvWriter;

/// Neutralises a text that starts with `=`, `+`, `-`, `@`, a tab or a carriage return by
/// prefixing an apostrophe, so no spreadsheet runs it as a formula.
pub fn neutralise(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

/// The long table of node and indicator scores of several results (one framework).
/// Scores on 0 to 100 and coverage from 0 to 1, null where there is none.
///
///
/// ```
/// # let rules = mgi::Rules::bundled();
/// # let fw = rules.get("micic").unwrap();
/// # let reader = mgi::Reader::new(&rules);
/// # let read = |p: &str| reader.read_path(p.as_ref(), None).unwrap().remove(0);
/// # let results = mgi::evaluate(fw, &read("fixtures/XAA-2026-micic.xlsx"));
/// let mut df = mgi::long_table(fw, &[&results], "en").unwrap();
/// assert_eq!(df.height(), fw.nodes.len() + fw.indicators.len());
/// let csv = mgi::write_csv(&mut df).unwrap();
/// assert!(csv.starts_with(b"unit,period,round,framework"));
/// ```
///
/// # Errors
/// [`Error::FrameworkMismatch`](crate::Error::FrameworkMismatch) when a result was not
/// scored with `fw`; [`Error::Table`](crate::Error::Table) when the frame cannot be built.
pub fn long_table(fw: &Framework, results: &[&Results], lang: &str) -> crate::Result<DataFrame> {
    for r in results {
        r.check_framework(fw)?;
    }
    frame(fw, results, lang).map_err(crate::error::table("long table"))
}

fn frame(fw: &Framework, results: &[&Results], lang: &str) -> PolarsResult<DataFrame> {
    let mut unit = Vec::new();
    let mut period = Vec::new();
    let mut round = Vec::new();
    let mut kind = Vec::new();
    let mut id = Vec::new();
    let mut level = Vec::new();
    let mut parent: Vec<Option<String>> = Vec::new();
    let mut label = Vec::new();
    let mut score: Vec<Option<f64>> = Vec::new();
    let mut band: Vec<Option<String>> = Vec::new();
    let mut coverage: Vec<Option<f64>> = Vec::new();
    let mut status = Vec::new();
    let mut answer: Vec<Option<String>> = Vec::new();
    let order = fw.tree_order();
    let level_of = |d: usize| fw.levels.get(d).map(|l| l.id.clone()).unwrap_or_default();
    for r in results {
        let m = &r.assessment.meta;
        let mut push_common = |k: &str, i: &str, lv: String, p: Option<&str>, lb: &str| {
            unit.push(neutralise(&m.unit_code));
            period.push(neutralise(&m.period));
            round.push(neutralise(&m.round));
            kind.push(k.to_string());
            id.push(neutralise(i));
            level.push(lv);
            parent.push(p.map(neutralise));
            label.push(neutralise(lb));
        };
        for &n in &order {
            let node = &fw.nodes[n];
            let s = &r.nodes[n];
            push_common(
                "node",
                &node.id,
                level_of(node.depth),
                node.parent.map(|p| fw.nodes[p].id.as_str()),
                fw.text(&node.label, lang),
            );
            score.push(s.score.map(|x| x * 100.0));
            band.push(
                s.score
                    .and_then(|x| fw.band_of(x * 100.0))
                    .map(|b| b.code.clone()),
            );
            coverage.push(Some(s.coverage));
            status.push(s.status.name().to_string());
            answer.push(None);
        }
        for (i, ind) in fw.indicators.iter().enumerate() {
            let s = &r.indicators[i];
            push_common(
                "indicator",
                &ind.id,
                level_of(ind.depth),
                Some(&fw.nodes[ind.parent].id),
                fw.text(&ind.question, lang),
            );
            score.push(s.score.map(|x| x * 100.0));
            band.push(None);
            coverage.push(None);
            status.push(s.status.name().to_string());
            answer.push((!s.answer.is_empty()).then(|| neutralise(&s.answer)));
        }
    }
    let n = unit.len();
    DataFrame::new(
        n,
        vec![
            Column::new("unit".into(), unit),
            Column::new("period".into(), period),
            Column::new("round".into(), round),
            Column::new("framework".into(), vec![fw.id.clone(); n]),
            Column::new("version".into(), vec![fw.version.clone(); n]),
            Column::new("kind".into(), kind),
            Column::new("id".into(), id),
            Column::new("level".into(), level),
            Column::new("parent".into(), parent),
            Column::new("label".into(), label),
            Column::new("score".into(), score),
            Column::new("band".into(), band),
            Column::new("coverage".into(), coverage),
            Column::new("status".into(), status),
            Column::new("answer".into(), answer),
        ],
    )
}

/// Writes a frame as CSV (UTF-8, comma, header, empty for null).
///
///
/// ```
/// # let rules = mgi::Rules::bundled();
/// # let fw = rules.get("micic").unwrap();
/// # let reader = mgi::Reader::new(&rules);
/// # let read = |p: &str| reader.read_path(p.as_ref(), None).unwrap().remove(0);
/// # let results = mgi::evaluate(fw, &read("fixtures/XAA-2026-micic.xlsx"));
/// let mut df = mgi::long_table(fw, &[&results], "fr").unwrap();
/// let csv = String::from_utf8(mgi::write_csv(&mut df).unwrap()).unwrap();
/// assert_eq!(csv.lines().count(), 1 + df.height());
/// ```
///
/// # Errors
/// [`Error::Table`](crate::Error::Table) when the writer fails.
pub fn write_csv(df: &mut DataFrame) -> crate::Result<Vec<u8>> {
    let mut buf = Vec::new();
    CsvWriter::new(&mut buf)
        .include_header(true)
        .finish(df)
        .map_err(crate::error::table("CSV"))?;
    Ok(buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised() {
        assert_eq!(neutralise("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(neutralise("+1"), "'+1");
        assert_eq!(neutralise("-x"), "'-x");
        assert_eq!(neutralise("@cmd"), "'@cmd");
        assert_eq!(neutralise("\tx"), "'\tx");
        assert_eq!(neutralise("PD_1.a"), "PD_1.a");
    }
}
