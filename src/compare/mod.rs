//! Comparing units: many results of one framework side by side, descriptive statistics
//! per node, each unit against the median of its peer group, how many units meet each
//! indicator, optional ranks, and the uncertainty analysis. Progress between two rounds
//! of one unit (the `mgi progress` command) is in [`rounds`].
//!
//! The long tables (unit × node, unit × indicator) are polars frames; statistics and
//! group medians are polars aggregations. MGI is not a ranking: ranks are computed only
//! when asked for.

pub mod groups;
pub mod indicators;
pub mod peers;
pub mod rounds;
pub mod sensitivity;
pub mod stats;
pub mod uncertainty;

use crate::diag::Code;
use crate::diag::{Diagnostic, Location};
use crate::results::Results;
use crate::rules::Framework;
use polars::prelude::*;
use stats::{NodeBands, NodeStats, band_counts, node_statistics};
use std::collections::BTreeMap;
use uncertainty::{UncertaintyOptions, UnitInterval, analyse, ranks};

pub use indicators::{IndicatorShare, least_met};
pub use peers::PeerRow;

/// The framework a batch is compared against when none is named: the one most
/// assessments name (ties go to the first id in alphabetical order); `None` for no
/// assessment.
///
/// ```
/// use mgi::intake::Reader;
/// let rules = mgi::Rules::bundled();
/// let a = Reader::new(&rules).read_path("fixtures/XAA-2026-micic.xlsx".as_ref(), None).unwrap();
/// assert_eq!(mgi::compare::majority_framework(&a).as_deref(), Some("micic"));
/// ```
pub fn majority_framework(assessments: &[crate::intake::Assessment]) -> Option<String> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for a in assessments {
        *counts.entry(a.framework.as_str()).or_default() += 1;
    }
    counts
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
        .map(|(k, _)| k.to_string())
}

/// Options of a comparison.
#[derive(Debug, Clone, Default)]
pub struct CompareOptions {
    /// Grouping field for peers (`region`, `income_group`, or any field).
    pub group_by: Option<String>,
    /// Grouping fields by unit code, overriding those of the inputs (`--groups FILE`,
    /// read with [`groups::read_groups`]).
    pub groups: groups::Groups,
    /// Compute ranks.
    pub rank: bool,
    /// Run the uncertainty analysis.
    pub uncertainty: Option<UncertaintyOptions>,
    /// Run the sensitivity analysis.
    pub sensitivity: Option<sensitivity::SensitivityOptions>,
}

/// One unit of the comparison.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitRow {
    /// Unit code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Period.
    pub period: String,
    /// Round.
    pub round: String,
    /// Grouping fields.
    pub groups: BTreeMap<String, String>,
    /// Overall score (0 to 100).
    pub overall: Option<f64>,
    /// Overall coverage (0 to 1).
    pub coverage: f64,
    /// Node scores (0 to 100) in tree order, the root first.
    pub nodes: Vec<Option<f64>>,
}

/// A comparison.
#[derive(Debug, Clone)]
pub struct Comparison {
    /// Framework id.
    pub framework: String,
    /// Framework version.
    pub version: String,
    /// Node ids in tree order (the root first).
    pub node_ids: Vec<String>,
    /// Units sorted by code, period and round.
    pub units: Vec<UnitRow>,
    /// Statistics per node, tree order.
    pub statistics: Vec<NodeStats>,
    /// Units per band on every node, tree order (aligned with `statistics`).
    pub bands: Vec<NodeBands>,
    /// The framework's band codes, lowest first (the order of [`NodeBands::counts`]).
    pub band_codes: Vec<String>,
    /// Peer comparison (empty without a grouping field).
    pub peers: Vec<PeerRow>,
    /// The grouping field used.
    pub group_by: Option<String>,
    /// Per indicator, framework order.
    pub indicators: Vec<IndicatorShare>,
    /// The indicators with a score, least often met first ([`least_met`]): indices
    /// into `indicators`.
    pub least_met: Vec<usize>,
    /// Uncertainty intervals, aligned with `units`.
    pub uncertainty: Option<(UncertaintyOptions, Vec<UnitInterval>)>,
    /// With uncertainty: the mean shift each source of variation causes on its own.
    pub uncertainty_sources: Vec<uncertainty::SourceShift>,
    /// The sensitivity analysis (indices aligned with `units`).
    pub sensitivity: Option<sensitivity::Sensitivity>,
    /// Nominal ranks (with `rank`), aligned with `units`.
    pub ranks: Option<Vec<Option<usize>>>,
    /// Findings about the comparison itself.
    pub diagnostics: Vec<Diagnostic>,
}

/// The long unit × node table (columns unit index, node, score on 0 to 100).
fn node_frame(fw: &Framework, results: &[&Results], order: &[usize]) -> PolarsResult<DataFrame> {
    let mut unit = Vec::new();
    let mut node = Vec::new();
    let mut score = Vec::new();
    for (u, r) in results.iter().enumerate() {
        for &n in order {
            unit.push(u as u32);
            node.push(fw.nodes[n].id.clone());
            score.push(r.nodes[n].score.map(|x| x * 100.0));
        }
    }
    let h = unit.len();
    DataFrame::new(
        h,
        vec![
            Column::new("unit".into(), unit),
            Column::new("node".into(), node),
            Column::new("score".into(), score),
        ],
    )
}

/// Compares results of one framework. Results of another framework are skipped with a
/// diagnostic. `progress` follows the uncertainty analysis.
///
/// ```
/// # let rules = mgi::Rules::bundled();
/// # let fw = rules.get("micic").unwrap();
/// # let reader = mgi::Reader::new(&rules);
/// # let read = |p: &str| reader.read_path(p.as_ref(), None).unwrap().remove(0);
/// # let results = mgi::evaluate(fw, &read("fixtures/XAA-2026-micic.xlsx"));
/// let other = mgi::evaluate(fw, &read("fixtures/XAB-2026-micic.xlsx"));
/// let opts = mgi::CompareOptions { rank: true, ..Default::default() };
/// let c = mgi::compare(fw, &[results, other], &opts, &mgi::NoProgress).unwrap();
/// assert_eq!(c.units.len(), 2);
/// assert_eq!(c.statistics[0].count, 2);
/// ```
pub fn compare(
    fw: &Framework,
    results: &[Results],
    opts: &CompareOptions,
    progress: &dyn crate::error::Progress,
) -> crate::error::Result<Comparison> {
    let mut diagnostics = Vec::new();
    let mut kept: Vec<&Results> = Vec::new();
    for r in results {
        if r.framework == fw.id {
            r.check_framework(fw)?;
            kept.push(r);
        } else {
            diagnostics.push(Diagnostic::error(
                Code::C001,
                Location::file(r.assessment.source.clone()),
                format!("assessment of framework \"{}\" left out; expected \"{}\" (compare one framework at a time)", r.framework, fw.id),
            ));
        }
    }
    kept.sort_by(|a, b| {
        let k = |r: &Results| {
            (
                r.assessment.meta.unit_code.clone(),
                r.assessment.meta.period.clone(),
                r.assessment.meta.round.clone(),
            )
        };
        k(a).cmp(&k(b))
    });
    let order = fw.tree_order();
    let units: Vec<UnitRow> = kept
        .iter()
        .map(|r| {
            let m = &r.assessment.meta;
            let mut groups = m.groups.clone();
            if let Some(extra) = opts.groups.get(&m.unit_code) {
                groups.extend(extra.clone());
            }
            UnitRow {
                code: m.unit_code.clone(),
                name: m.unit_name.clone(),
                period: m.period.clone(),
                round: m.round.clone(),
                groups,
                overall: r.overall().score.map(|x| x * 100.0),
                coverage: r.overall().coverage,
                nodes: order
                    .iter()
                    .map(|&n| r.nodes[n].score.map(|x| x * 100.0))
                    .collect(),
            }
        })
        .collect();
    let node_ids: Vec<String> = order.iter().map(|&n| fw.nodes[n].id.clone()).collect();
    let statistics = node_frame(fw, &kept, &order)
        .and_then(|frame| node_statistics(&frame, &node_ids))
        .map_err(crate::error::table("node statistics"))?;
    let peer_rows = match &opts.group_by {
        Some(field) => {
            for u in units.iter().filter(|u| !u.groups.contains_key(field)) {
                diagnostics.push(Diagnostic::warning(
                    Code::C002,
                    Location::default(),
                    format!(
                        "{} {} has no \"{field}\"; it is compared with the other units without one",
                        u.code, u.period
                    ),
                ));
            }
            peers::peers(fw, &kept, &units, &order, field)
                .map_err(crate::error::table("peer groups"))?
        }
        None => Vec::new(),
    };
    let uncertainty = opts
        .uncertainty
        .as_ref()
        .map(|u| (u.clone(), analyse(fw, &kept, u, progress)));
    let sensitivity = opts.sensitivity.as_ref().map(|s| {
        let mut s = s.clone();
        s.rank |= opts.rank;
        sensitivity::analyse(fw, &kept, &s, progress)
    });
    let uncertainty_sources = opts
        .uncertainty
        .as_ref()
        .map(|u| uncertainty::source_shifts(fw, &kept, u))
        .unwrap_or_default();
    let bands = band_counts(
        fw,
        &node_ids,
        &units.iter().map(|u| u.nodes.as_slice()).collect::<Vec<_>>(),
    );
    let indicators = indicators::indicator_shares(fw, &kept);
    let least_met = least_met(&indicators);
    let ranks = opts
        .rank
        .then(|| ranks(&units.iter().map(|u| u.overall).collect::<Vec<_>>()));
    Ok(Comparison {
        framework: fw.id.clone(),
        version: fw.version.clone(),
        node_ids,
        units,
        statistics,
        bands,
        band_codes: fw.bands.iter().map(|b| b.code.clone()).collect(),
        peers: peer_rows,
        group_by: opts.group_by.clone(),
        indicators,
        least_met,
        uncertainty,
        uncertainty_sources,
        sensitivity,
        ranks,
        diagnostics,
    })
}
