//! Progress between two rounds of one unit: the change of every node, and of every
//! indicator whether a gap closed, opened, improved, worsened or did not change.
//!
//! An answer without a score (missing, don't know, invalid, not applicable) counts as
//! not meeting the indicator, at 0, for the change category only; both sides without a
//! score is `unchanged`. The scores reported stay the real ones (`None` where none).
//!
//! OLD is expected to be the earlier round: when its period (or, in the same period, its
//! round) is later than NEW's, the progress is still computed (NEW minus OLD) and carries
//! a `C030` warning.

use crate::diag::{Code, Diagnostic, Location};
use crate::results::Results;
use crate::rules::Framework;

/// What happened to an indicator between rounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// Below its best before, at its best now.
    Closed,
    /// At its best before, below now.
    Opened,
    /// Higher now (and not closed).
    Improved,
    /// Lower now (and not opened).
    Worsened,
    /// The same.
    Unchanged,
}

impl Change {
    /// The name used in JSON.
    pub fn name(self) -> &'static str {
        match self {
            Change::Closed => "closed",
            Change::Opened => "opened",
            Change::Improved => "improved",
            Change::Worsened => "worsened",
            Change::Unchanged => "unchanged",
        }
    }
}

/// A node's scores in both rounds (0 to 100).
#[derive(Debug, Clone, PartialEq)]
pub struct NodeChange {
    /// Node index.
    pub node: usize,
    /// Before.
    pub old: Option<f64>,
    /// After.
    pub new: Option<f64>,
    /// After minus before.
    pub change: Option<f64>,
    /// Band before (index into `Framework::bands`).
    pub old_band: Option<usize>,
    /// Band after.
    pub new_band: Option<usize>,
}

/// An indicator in both rounds.
#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorChange {
    /// Indicator index.
    pub indicator: usize,
    /// Answer before (code, number, na, dk; empty when blank).
    pub old_answer: String,
    /// Answer after.
    pub new_answer: String,
    /// Score before (0 to 100).
    pub old_score: Option<f64>,
    /// Score after.
    pub new_score: Option<f64>,
    /// What happened.
    pub change: Change,
}

/// What changed for one unit between two rounds (what `mgi progress` reports).
#[derive(Debug, Clone)]
pub struct RoundChanges {
    /// Every node in tree order.
    pub nodes: Vec<NodeChange>,
    /// Every indicator in framework order.
    pub indicators: Vec<IndicatorChange>,
    /// Ids answered in the new round but absent from the old workbook.
    pub added: Vec<String>,
    /// Ids of the old workbook that the framework no longer has.
    pub removed: Vec<String>,
    /// Findings about the pair of rounds (`C030` when OLD is later than NEW).
    pub diagnostics: Vec<Diagnostic>,
}

/// The years a period names (`2026`, `2025/2026`, `2025-26` gives 2025 and 2026), in
/// order; empty when it names none.
fn years(period: &str) -> Vec<u32> {
    let mut out: Vec<u32> = Vec::new();
    for part in period.split(|c: char| !c.is_ascii_digit()) {
        match part.len() {
            4 => out.extend(part.parse::<u32>().ok()),
            // A two-digit end of a span (2025-26) continues the century of the start.
            2 => {
                if let (Some(&first), Ok(n)) = (out.first(), part.parse::<u32>()) {
                    out.push(first / 100 * 100 + n);
                }
            }
            _ => {}
        }
    }
    out
}

/// True when round `a` (period, round) comes after round `b`: by the years of the
/// period, then by the round number. Rounds whose periods name no year are not ordered
/// by period.
pub fn later(a: (&str, &str), b: (&str, &str)) -> bool {
    let (ya, yb) = (years(a.0), years(b.0));
    let round = |r: &str| r.trim().parse::<u32>().ok();
    if !ya.is_empty() && !yb.is_empty() && ya != yb {
        return ya > yb;
    }
    if ya.is_empty() != yb.is_empty() || (ya.is_empty() && a.0.trim() != b.0.trim()) {
        return false;
    }
    matches!((round(a.1), round(b.1)), (Some(x), Some(y)) if x > y)
}

/// The change category of two scores (in [0, 1]) against the indicator's best.
pub fn classify(old: Option<f64>, new: Option<f64>, best: f64) -> Change {
    if old.is_none() && new.is_none() {
        return Change::Unchanged;
    }
    let (o, n) = (old.unwrap_or(0.0), new.unwrap_or(0.0));
    let at_best = |x: f64| x >= best - 1e-12;
    match (at_best(o), at_best(n)) {
        (false, true) => Change::Closed,
        (true, false) => Change::Opened,
        _ if n > o + 1e-12 => Change::Improved,
        _ if n < o - 1e-12 => Change::Worsened,
        _ => Change::Unchanged,
    }
}

/// Compares two rounds scored with one framework.
///
/// ```
/// # let rules = mgi::Rules::bundled();
/// # let fw = rules.get("micic").unwrap();
/// # let reader = mgi::Reader::new(&rules);
/// # let read = |p: &str| reader.read_path(p.as_ref(), None).unwrap().remove(0);
/// # let results = mgi::evaluate(fw, &read("fixtures/XAA-2026-micic.xlsx"));
/// let again = mgi::evaluate(fw, &read("fixtures/XAA-2026-micic.xlsx"));
/// let changes = mgi::round_changes(fw, &results, &again);
/// // The same workbook twice: nothing changed.
/// use mgi::compare::rounds::Change;
/// assert!(changes.indicators.iter().all(|i| i.change == Change::Unchanged));
/// assert!(changes.nodes.iter().all(|n| n.change.is_none_or(|c| c == 0.0)));
/// ```
pub fn changes(fw: &Framework, old: &Results, new: &Results) -> RoundChanges {
    let pct = |x: Option<f64>| x.map(|v| v * 100.0);
    let nodes = fw
        .tree_order()
        .into_iter()
        .map(|n| {
            let (o, w) = (pct(old.nodes[n].score), pct(new.nodes[n].score));
            let band = |x: Option<f64>| {
                x.and_then(|s| fw.band_of(s))
                    .and_then(|b| fw.bands.iter().position(|x| std::ptr::eq(x, b)))
            };
            NodeChange {
                node: n,
                old: o,
                new: w,
                change: o.zip(w).map(|(a, b)| b - a),
                old_band: band(o),
                new_band: band(w),
            }
        })
        .collect();
    let indicators = fw
        .indicators
        .iter()
        .enumerate()
        .map(|(i, _)| {
            let (o, w) = (&old.indicators[i], &new.indicators[i]);
            IndicatorChange {
                indicator: i,
                old_answer: o.answer.clone(),
                new_answer: w.answer.clone(),
                old_score: pct(o.score),
                new_score: pct(w.score),
                change: classify(o.score, w.score, fw.scale_of(i).best()),
            }
        })
        .collect();
    let rows = |r: &Results| {
        r.assessment
            .answers
            .iter()
            .map(|a| a.id.clone())
            .collect::<std::collections::BTreeSet<String>>()
    };
    let (old_rows, new_rows) = (rows(old), rows(new));
    let added = new_rows.difference(&old_rows).cloned().collect();
    let removed = old.assessment.unknown_ids.clone();
    let (om, nm) = (&old.assessment.meta, &new.assessment.meta);
    let mut diagnostics = Vec::new();
    if later((&om.period, &om.round), (&nm.period, &nm.round)) {
        diagnostics.push(Diagnostic::warning(
            Code::C030,
            Location::file(old.assessment.source.clone()),
            format!(
                "the OLD workbook ({} round {}) is later than the NEW one, {} ({} round {}); \
                 changes are NEW minus OLD, so they read backwards: expected the earlier round \
                 first (swap the two files)",
                om.period, om.round, new.assessment.source, nm.period, nm.round
            ),
        ));
    }
    RoundChanges {
        nodes,
        indicators,
        added,
        removed,
        diagnostics,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn categories() {
        assert_eq!(classify(Some(0.5), Some(1.0), 1.0), Change::Closed);
        assert_eq!(classify(Some(1.0), Some(0.5), 1.0), Change::Opened);
        assert_eq!(classify(Some(0.0), Some(0.5), 1.0), Change::Improved);
        assert_eq!(classify(Some(0.5), Some(0.0), 1.0), Change::Worsened);
        assert_eq!(classify(Some(0.5), Some(0.5), 1.0), Change::Unchanged);
        assert_eq!(classify(None, Some(1.0), 1.0), Change::Closed);
        assert_eq!(classify(Some(1.0), None, 1.0), Change::Opened);
        assert_eq!(classify(None, None, 1.0), Change::Unchanged);
    }

    #[test]
    fn which_round_is_later() {
        assert!(later(("2026", "1"), ("2024", "3")));
        assert!(!later(("2024", "1"), ("2026", "1")));
        assert!(later(("2026", "2"), ("2026", "1")));
        assert!(!later(("2026", "1"), ("2026", "1")));
        assert!(later(("2025/2026", "1"), ("2024-25", "1")));
        assert!(!later(("2024-25", "1"), ("2024/2025", "1")));
        // Periods without a year are not ordered; rounds of the same period are.
        assert!(!later(("second", "1"), ("first", "1")));
        assert!(later(("baseline", "2"), ("baseline", "1")));
        assert_eq!(years("2025-26"), [2025, 2026]);
    }
}
