//! Gaps: what is not fully met, ranked by the points the overall score would gain if the
//! indicator reached its best answer (everything else unchanged), then criticality, then
//! framework order; data gaps (missing and don't-know answers); and strengths (nodes in
//! the top band).

use crate::aggregate::{Leaf, NodeScore, Scheme, node_score};
use crate::rules::Framework;
use crate::score::{IndicatorScore, Status};

/// A gap of the ranked register.
#[derive(Debug, Clone, PartialEq)]
pub struct Gap {
    /// Rank, from 1.
    pub rank: usize,
    /// Indicator index.
    pub indicator: usize,
    /// Points (0 to 100) the overall score gains when this indicator is raised to its
    /// best answer; `None` when the overall score cannot be computed.
    pub points: Option<f64>,
    /// Nominal effective weight × (1 − score) × 100, the ranking key when `points` is
    /// `None`.
    pub weighted_gap: f64,
    /// Current score in [0, 1].
    pub score: f64,
    /// Status (`Scored`, or `DontKnow` / `Missing` when scored by policy).
    pub status: Status,
    /// Critical indicator.
    pub critical: bool,
}

/// A missing, don't-know or invalid answer.
#[derive(Debug, Clone, PartialEq)]
pub struct DataGap {
    /// Indicator index.
    pub indicator: usize,
    /// Status (of the undecided criterion, for a criteria indicator scored as a lower
    /// bound).
    pub status: Status,
    /// For a criteria indicator scored as a lower bound: the criterion that leaves a
    /// higher level undecided.
    pub criterion: Option<String>,
}

/// A well-developed area: a node in the top band.
#[derive(Debug, Clone, PartialEq)]
pub struct Strength {
    /// Node index.
    pub node: usize,
    /// Score in [0, 1].
    pub score: f64,
    /// Band code.
    pub band: String,
}

/// Ranks the gaps of one assessment. `effective` holds the framework's nominal
/// effective weights (`Framework::effective_weights`).
pub fn rank(
    fw: &Framework,
    scores: &[IndicatorScore],
    nodes: &[NodeScore],
    scheme: &Scheme,
    effective: &[f64],
) -> Vec<Gap> {
    let overall = nodes[fw.root].score;
    let mut raised: Vec<Leaf> = scores.iter().map(Leaf::of).collect();
    let mut after = nodes.to_vec();
    let mut gaps: Vec<Gap> = Vec::new();
    for (i, s) in scores.iter().enumerate() {
        let Some(x) = s.score else { continue };
        let best = fw.scales[fw.indicators[i].scale].best();
        if x >= best - 1e-12 || s.status == Status::NotApplicable {
            continue;
        }
        // Raise the indicator to its best answer, recompute its ancestors only, read the
        // root, then put both back as they were.
        let points = overall.and_then(|now| {
            let kept = raised[i];
            raised[i].score = Some(best);
            let mut n = Some(fw.indicators[i].parent);
            while let Some(k) = n {
                after[k] = node_score(fw, k, &raised, &after, scheme);
                n = fw.nodes[k].parent;
            }
            let then = after[fw.root].score;
            raised[i] = kept;
            let mut n = Some(fw.indicators[i].parent);
            while let Some(k) = n {
                after[k] = nodes[k];
                n = fw.nodes[k].parent;
            }
            then.map(|then| (then - now) * 100.0)
        });
        gaps.push(Gap {
            rank: 0,
            indicator: i,
            points,
            weighted_gap: effective[i] * (best - x) * 100.0,
            score: x,
            status: s.status,
            critical: fw.indicators[i].critical,
        });
    }
    gaps.sort_by(|a, b| {
        let key = |g: &Gap| g.points.unwrap_or(g.weighted_gap);
        let (ka, kb) = (key(a), key(b));
        if (ka - kb).abs() > 1e-9 {
            kb.total_cmp(&ka)
        } else {
            b.critical
                .cmp(&a.critical)
                .then(a.indicator.cmp(&b.indicator))
        }
    });
    for (k, g) in gaps.iter_mut().enumerate() {
        g.rank = k + 1;
    }
    gaps
}

/// Missing, don't-know and invalid answers, in framework order; a criteria indicator
/// scored as a lower bound is one too, under its undecided criterion.
pub fn data_gaps(scores: &[IndicatorScore]) -> Vec<DataGap> {
    scores
        .iter()
        .enumerate()
        .filter_map(|(i, s)| match (&s.undecided, s.status) {
            (Some(u), _) => Some(DataGap {
                indicator: i,
                status: u.status,
                criterion: Some(u.criterion.clone()),
            }),
            (None, Status::Missing | Status::DontKnow | Status::Invalid) => Some(DataGap {
                indicator: i,
                status: s.status,
                criterion: None,
            }),
            _ => None,
        })
        .collect()
}

/// Nodes (the root aside) whose score is in the top band, in tree order.
pub fn strengths(fw: &Framework, nodes: &[NodeScore], order: &[usize]) -> Vec<Strength> {
    let Some(top) = fw.bands.last() else {
        return Vec::new();
    };
    order
        .iter()
        .filter(|&&n| n != fw.root)
        .filter_map(|&n| {
            let s = nodes[n].score?;
            let band = fw.band_of(s * 100.0)?;
            (band.code == top.code).then(|| Strength {
                node: n,
                score: s,
                band: band.code.clone(),
            })
        })
        .collect()
}
