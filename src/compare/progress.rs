//! Progress between two rounds of one unit: the change of every node, and of every
//! indicator whether a gap closed, opened, improved, worsened or did not change.
//!
//! An answer without a score (missing, don't know, invalid, not applicable) counts as
//! not meeting the indicator, at 0, for the change category only; both sides without a
//! score is `unchanged`. The scores reported stay the real ones (`None` where none).

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

/// Progress of one unit.
#[derive(Debug, Clone)]
pub struct Progress {
    /// Every node in tree order.
    pub nodes: Vec<NodeChange>,
    /// Every indicator in framework order.
    pub indicators: Vec<IndicatorChange>,
    /// Ids answered in the new round but absent from the old workbook.
    pub added: Vec<String>,
    /// Ids of the old workbook that the framework no longer has.
    pub removed: Vec<String>,
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
pub fn progress(fw: &Framework, old: &Results, new: &Results) -> Progress {
    let pct = |x: Option<f64>| x.map(|v| v * 100.0);
    let nodes = fw
        .tree_order()
        .into_iter()
        .map(|n| {
            let (o, w) = (pct(old.nodes[n].score), pct(new.nodes[n].score));
            NodeChange {
                node: n,
                old: o,
                new: w,
                change: o.zip(w).map(|(a, b)| b - a),
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
    Progress {
        nodes,
        indicators,
        added,
        removed,
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
}
