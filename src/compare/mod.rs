//! Comparing units: many results of one framework side by side, descriptive statistics
//! per node, each unit against the median of its peer group, how many units meet each
//! indicator, optional ranks, and the uncertainty analysis. Progress between two rounds
//! of one unit is in [`progress`].
//!
//! The long tables (unit × node, unit × indicator) are polars frames; statistics and
//! group medians are polars aggregations. MGI is not a ranking: ranks are computed only
//! when asked for.

pub mod progress;
pub mod sensitivity;
pub mod stats;
pub mod uncertainty;

use crate::diag::Code;
use crate::diag::{Diagnostic, Location};
use crate::results::Results;
use crate::rules::Framework;
use crate::score::Status;
use polars::prelude::*;
use stats::{NodeStats, node_statistics};
use std::collections::BTreeMap;
use uncertainty::{UncertaintyOptions, UnitInterval, analyse, ranks};

/// Options of a comparison.
#[derive(Debug, Clone, Default)]
pub struct CompareOptions {
    /// Grouping field for peers (`region`, `income_group`, or any field).
    pub group_by: Option<String>,
    /// Grouping fields by unit code, overriding those of the inputs (`--groups FILE`).
    pub groups: BTreeMap<String, BTreeMap<String, String>>,
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

/// A unit against its peer group on one node.
#[derive(Debug, Clone, PartialEq)]
pub struct PeerRow {
    /// Unit code.
    pub unit: String,
    /// Period.
    pub period: String,
    /// Group value.
    pub group: String,
    /// Node id.
    pub node: String,
    /// Unit's score.
    pub score: Option<f64>,
    /// Median of the group's scores on the node.
    pub group_median: Option<f64>,
    /// Score minus group median.
    pub difference: Option<f64>,
}

/// How many units meet an indicator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndicatorShare {
    /// Indicator id.
    pub id: String,
    /// Scored at the scale's best.
    pub met: usize,
    /// Scored between.
    pub partial: usize,
    /// Scored 0.
    pub not_met: usize,
    /// Does not apply.
    pub not_applicable: usize,
    /// Missing, don't know or invalid.
    pub missing: usize,
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
    /// Peer comparison (empty without a grouping field).
    pub peers: Vec<PeerRow>,
    /// The grouping field used.
    pub group_by: Option<String>,
    /// Per indicator, framework order.
    pub indicators: Vec<IndicatorShare>,
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

/// Group medians per (group, node), joined back to each unit.
fn peers(
    fw: &Framework,
    results: &[&Results],
    units: &[UnitRow],
    order: &[usize],
    field: &str,
) -> PolarsResult<Vec<PeerRow>> {
    let mut unit = Vec::new();
    let mut group = Vec::new();
    let mut node = Vec::new();
    let mut score = Vec::new();
    for (u, row) in units.iter().enumerate() {
        let g = row.groups.get(field).cloned().unwrap_or_default();
        for &n in order {
            unit.push(u as u32);
            group.push(g.clone());
            node.push(fw.nodes[n].id.clone());
            score.push(results[u].nodes[n].score.map(|x| x * 100.0));
        }
    }
    let h = unit.len();
    let df = DataFrame::new(
        h,
        vec![
            Column::new("unit".into(), unit),
            Column::new("group".into(), group),
            Column::new("node".into(), node),
            Column::new("score".into(), score),
        ],
    )?;
    let medians = df
        .clone()
        .lazy()
        .group_by([col("group"), col("node")])
        .agg([col("score").median().alias("group_median")]);
    let joined = df
        .lazy()
        .join(
            medians,
            [col("group"), col("node")],
            [col("group"), col("node")],
            JoinArgs::new(JoinType::Left),
        )
        .with_column((col("score") - col("group_median")).alias("difference"))
        .sort(
            ["unit"],
            SortMultipleOptions::default().with_maintain_order(true),
        )
        .collect()?;
    let units_col: Vec<Option<u32>> = joined.column("unit")?.u32()?.iter().collect();
    let groups: Vec<Option<&str>> = joined.column("group")?.str()?.iter().collect();
    let nodes: Vec<Option<&str>> = joined.column("node")?.str()?.iter().collect();
    let f = |c: &str| -> PolarsResult<Vec<Option<f64>>> {
        Ok(joined.column(c)?.f64()?.iter().collect())
    };
    let (s, m, d) = (f("score")?, f("group_median")?, f("difference")?);
    Ok((0..joined.height())
        .map(|i| {
            let u = units_col[i].unwrap_or(0) as usize;
            PeerRow {
                unit: units[u].code.clone(),
                period: units[u].period.clone(),
                group: groups[i].unwrap_or("").to_string(),
                node: nodes[i].unwrap_or("").to_string(),
                score: s[i],
                group_median: m[i],
                difference: d[i],
            }
        })
        .collect())
}

/// How many units meet, partly meet or do not meet each indicator.
fn indicator_shares(fw: &Framework, results: &[&Results]) -> Vec<IndicatorShare> {
    fw.indicators
        .iter()
        .enumerate()
        .map(|(i, ind)| {
            let best = fw.scale_of(i).best();
            let mut s = IndicatorShare {
                id: ind.id.clone(),
                met: 0,
                partial: 0,
                not_met: 0,
                not_applicable: 0,
                missing: 0,
            };
            for r in results {
                let x = &r.indicators[i];
                match (x.status, x.score) {
                    (Status::Scored, Some(v)) if v >= best - 1e-12 => s.met += 1,
                    (Status::Scored, Some(v)) if v <= 1e-12 => s.not_met += 1,
                    (Status::Scored, Some(_)) => s.partial += 1,
                    (Status::NotApplicable, _) => s.not_applicable += 1,
                    _ => s.missing += 1,
                }
            }
            s
        })
        .collect()
}

/// Compares results of one framework. Results of another framework are skipped with a
/// diagnostic. `progress` follows the uncertainty analysis.
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
            peers(fw, &kept, &units, &order, field).map_err(crate::error::table("peer groups"))?
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
    let ranks = opts
        .rank
        .then(|| ranks(&units.iter().map(|u| u.overall).collect::<Vec<_>>()));
    Ok(Comparison {
        framework: fw.id.clone(),
        version: fw.version.clone(),
        node_ids,
        units,
        statistics,
        peers: peer_rows,
        group_by: opts.group_by.clone(),
        indicators: indicator_shares(fw, &kept),
        uncertainty,
        uncertainty_sources,
        sensitivity,
        ranks,
        diagnostics,
    })
}
