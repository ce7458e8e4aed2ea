//! `mgi compare --format json` (`mgi.compare/1`) and `mgi progress --format json`
//! (`mgi.progress/1`).

use crate::compare::Comparison;
use crate::compare::rounds::RoundChanges;
use crate::diag::DiagnosticJson;
use crate::results::Results;
use crate::rules::Framework;
use serde::Serialize;
use std::collections::BTreeMap;

/// A unit of `mgi.compare/1`.
#[derive(Debug, Serialize)]
pub struct UnitJson {
    code: String,
    name: String,
    period: String,
    groups: BTreeMap<String, String>,
    overall: Option<f64>,
    nodes: BTreeMap<String, Option<f64>>,
}

/// Statistics of a node.
#[derive(Debug, Serialize)]
pub struct StatJson {
    node: String,
    count: usize,
    mean: Option<f64>,
    median: Option<f64>,
    sd: Option<f64>,
    q1: Option<f64>,
    q3: Option<f64>,
    min: Option<f64>,
    max: Option<f64>,
    ci95: Option<[f64; 2]>,
    /// Units per band, lowest band first (an addition).
    bands: Vec<BandCountJson>,
}

/// How many units are in one band on a node.
#[derive(Debug, Serialize)]
pub struct BandCountJson {
    band: String,
    count: usize,
}

/// A peer row.
#[derive(Debug, Serialize)]
pub struct PeerJson {
    unit: String,
    group: String,
    node: String,
    score: Option<f64>,
    group_median: Option<f64>,
    difference: Option<f64>,
    /// Units in the group, the unit included (an addition).
    group_size: usize,
    /// Median of the group's other units (an addition).
    others_median: Option<f64>,
}

/// An indicator's shares.
#[derive(Debug, Serialize)]
pub struct IndicatorJson {
    id: String,
    met: usize,
    partial: usize,
    not_met: usize,
    not_applicable: usize,
    missing: usize,
    /// Shares among the units with a score (additions).
    share_met: Option<f64>,
    share_partial: Option<f64>,
    share_not_met: Option<f64>,
}

/// A unit's score interval.
#[derive(Debug, Serialize)]
pub struct IntervalJson {
    code: String,
    nominal: Option<f64>,
    median: Option<f64>,
    p05: Option<f64>,
    p95: Option<f64>,
}

/// The uncertainty block.
#[derive(Debug, Serialize)]
pub struct UncertaintyJson {
    draws: usize,
    seed: u64,
    units: Vec<IntervalJson>,
    /// The mean shift each source of variation causes on its own (an addition).
    sources: Vec<SourceJson>,
}

/// One source of variation and the mean shift it causes, in points.
#[derive(Debug, Serialize)]
pub struct SourceJson {
    source: String,
    mean_shift: Option<f64>,
    draws: usize,
}

/// One factor of the sensitivity analysis.
#[derive(Debug, Serialize)]
pub struct FactorJson {
    id: String,
    label: crate::i18n::Text,
}

/// Indices of one output: per factor id, `[low, estimate, high]` or null.
#[derive(Debug, Serialize)]
pub struct IndicesJson {
    #[serde(skip_serializing_if = "Option::is_none")]
    code: Option<String>,
    output: String,
    variance: f64,
    first: std::collections::BTreeMap<String, Option<[f64; 3]>>,
    total: std::collections::BTreeMap<String, Option<[f64; 3]>>,
}

/// The sensitivity block (`sensitivity` of `mgi.compare/1`, an addition).
#[derive(Debug, Serialize)]
pub struct SensitivityJson {
    design: &'static str,
    n: usize,
    seed: u64,
    /// Bootstrap resamples: null, the intervals are asymptotic (see `intervals`).
    bootstrap: Option<usize>,
    intervals: &'static str,
    factors: Vec<FactorJson>,
    set: Vec<IndicesJson>,
    units: Vec<IndicesJson>,
    note: Option<String>,
}

fn indices_json(
    code: Option<&str>,
    o: &crate::compare::sensitivity::OutputIndices,
    ids: &[String],
) -> IndicesJson {
    let map = |v: &[Option<[f64; 3]>]| ids.iter().cloned().zip(v.iter().copied()).collect();
    IndicesJson {
        code: code.map(str::to_string),
        output: o.output.clone(),
        variance: o.variance,
        first: map(&o.first),
        total: map(&o.total),
    }
}

fn sensitivity_json(c: &Comparison) -> Option<SensitivityJson> {
    let s = c.sensitivity.as_ref()?;
    let ids: Vec<String> = s.factors.iter().map(|f| f.id.clone()).collect();
    Some(SensitivityJson {
        design: "saltelli",
        n: s.options.n,
        seed: s.options.seed,
        bootstrap: None,
        intervals: "asymptotic 95 %",
        factors: s
            .factors
            .iter()
            .map(|f| FactorJson {
                id: f.id.clone(),
                label: f.label.clone(),
            })
            .collect(),
        set: s.set.iter().map(|o| indices_json(None, o, &ids)).collect(),
        units: c
            .units
            .iter()
            .zip(&s.units)
            .flat_map(|(u, outs)| {
                let ids = &ids;
                outs.iter()
                    .map(move |o| indices_json(Some(&u.code), o, ids))
            })
            .collect(),
        note: s.note.clone(),
    })
}

/// A unit's rank.
#[derive(Debug, Serialize)]
pub struct RankJson {
    code: String,
    rank: Option<usize>,
    rank_median: Option<f64>,
    rank_p05: Option<f64>,
    rank_p95: Option<f64>,
}

/// `mgi.compare/1`.
#[derive(Debug, Serialize)]
pub struct CompareJson {
    schema: &'static str,
    framework: String,
    version: String,
    units: Vec<UnitJson>,
    statistics: Vec<StatJson>,
    peers: Vec<PeerJson>,
    indicators: Vec<IndicatorJson>,
    /// Indicator ids with a score, least often met first (an addition).
    least_met: Vec<String>,
    uncertainty: Option<UncertaintyJson>,
    sensitivity: Option<SensitivityJson>,
    ranks: Option<Vec<RankJson>>,
    diagnostics: Vec<DiagnosticJson>,
}

/// Builds `mgi.compare/1`. `diagnostics` are those of the inputs, followed by the
/// comparison's own.
///
/// ```
/// # let rules = mgi::Rules::bundled();
/// # let fw = rules.get("micic").unwrap();
/// # let reader = mgi::Reader::new(&rules);
/// # let read = |p: &str| reader.read_path(p.as_ref(), None).unwrap().remove(0);
/// # let results = mgi::evaluate(fw, &read("fixtures/XAA-2026-micic.xlsx"));
/// let other = mgi::evaluate(fw, &read("fixtures/XAB-2026-micic.xlsx"));
/// let c = mgi::compare(fw, &[results, other], &Default::default(), &mgi::NoProgress).unwrap();
/// let doc = serde_json::to_value(mgi::compare_json(&c, &[])).unwrap();
/// assert_eq!(doc["schema"], "mgi.compare/1");
/// assert_eq!(doc["units"].as_array().unwrap().len(), 2);
/// ```
pub fn compare_json(c: &Comparison, diagnostics: &[crate::diag::Diagnostic]) -> CompareJson {
    let intervals = c.uncertainty.as_ref().map(|(_, v)| v);
    CompareJson {
        schema: "mgi.compare/1",
        framework: c.framework.clone(),
        version: c.version.clone(),
        units: c
            .units
            .iter()
            .map(|u| UnitJson {
                code: u.code.clone(),
                name: u.name.clone(),
                period: u.period.clone(),
                groups: u.groups.clone(),
                overall: u.overall,
                nodes: c
                    .node_ids
                    .iter()
                    .cloned()
                    .zip(u.nodes.iter().copied())
                    .collect(),
            })
            .collect(),
        statistics: c
            .statistics
            .iter()
            .zip(&c.bands)
            .map(|(s, b)| StatJson {
                node: s.node.clone(),
                count: s.count,
                mean: s.mean,
                median: s.median,
                sd: s.sd,
                q1: s.q1,
                q3: s.q3,
                min: s.min,
                max: s.max,
                ci95: s.ci95.map(|(a, b)| [a, b]),
                bands: c
                    .band_codes
                    .iter()
                    .zip(&b.counts)
                    .map(|(band, n)| BandCountJson {
                        band: band.clone(),
                        count: *n,
                    })
                    .collect(),
            })
            .collect(),
        peers: c
            .peers
            .iter()
            .map(|p| PeerJson {
                unit: p.unit.clone(),
                group: p.group.clone(),
                node: p.node.clone(),
                score: p.score,
                group_median: p.group_median,
                difference: p.difference,
                group_size: p.group_size,
                others_median: p.others_median,
            })
            .collect(),
        indicators: c
            .indicators
            .iter()
            .map(|i| IndicatorJson {
                id: i.id.clone(),
                met: i.met,
                partial: i.partial,
                not_met: i.not_met,
                not_applicable: i.not_applicable,
                missing: i.missing,
                share_met: i.share_met(),
                share_partial: i.share_partial(),
                share_not_met: i.share_not_met(),
            })
            .collect(),
        least_met: c
            .least_met
            .iter()
            .map(|&i| c.indicators[i].id.clone())
            .collect(),
        uncertainty: c.uncertainty.as_ref().map(|(o, v)| UncertaintyJson {
            draws: o.draws,
            seed: o.seed,
            units: c
                .units
                .iter()
                .zip(v)
                .map(|(u, i)| IntervalJson {
                    code: u.code.clone(),
                    nominal: i.nominal,
                    median: i.median,
                    p05: i.p05,
                    p95: i.p95,
                })
                .collect(),
            sources: c
                .uncertainty_sources
                .iter()
                .map(|s| SourceJson {
                    source: s.source.clone(),
                    mean_shift: s.mean_shift,
                    draws: s.draws,
                })
                .collect(),
        }),
        sensitivity: sensitivity_json(c),
        ranks: c.ranks.as_ref().map(|ranks| {
            c.units
                .iter()
                .enumerate()
                .map(|(k, u)| RankJson {
                    code: u.code.clone(),
                    rank: ranks[k],
                    rank_median: intervals.and_then(|v| v[k].rank_median),
                    rank_p05: intervals.and_then(|v| v[k].rank_p05),
                    rank_p95: intervals.and_then(|v| v[k].rank_p95),
                })
                .collect()
        }),
        diagnostics: diagnostics
            .iter()
            .chain(&c.diagnostics)
            .map(DiagnosticJson::from)
            .collect(),
    }
}

/// A round in `mgi.progress/1`.
#[derive(Debug, Serialize)]
pub struct RoundJson {
    period: String,
    round: String,
    version: String,
}

/// Old, new, change.
#[derive(Debug, Serialize)]
pub struct ChangeJson {
    old: Option<f64>,
    new: Option<f64>,
    change: Option<f64>,
}

/// A node in `mgi.progress/1`.
#[derive(Debug, Serialize)]
pub struct NodeChangeJson {
    id: String,
    old: Option<f64>,
    new: Option<f64>,
    change: Option<f64>,
    /// Band codes before and after (additions).
    old_band: Option<String>,
    new_band: Option<String>,
}

/// An indicator in `mgi.progress/1`.
#[derive(Debug, Serialize)]
pub struct IndicatorChangeJson {
    id: String,
    old_answer: Option<String>,
    new_answer: Option<String>,
    old_score: Option<f64>,
    new_score: Option<f64>,
    change: &'static str,
}

/// Indicators added and removed between the two workbooks.
#[derive(Debug, Serialize)]
pub struct FrameworkChangesJson {
    added: Vec<String>,
    removed: Vec<String>,
}

/// `mgi.progress/1`.
#[derive(Debug, Serialize)]
pub struct ProgressJson {
    schema: &'static str,
    unit: String,
    old: RoundJson,
    new: RoundJson,
    overall: ChangeJson,
    nodes: Vec<NodeChangeJson>,
    indicators: Vec<IndicatorChangeJson>,
    framework_changes: FrameworkChangesJson,
    /// Findings about the pair of rounds, e.g. `C030` (an addition).
    diagnostics: Vec<DiagnosticJson>,
}

/// Builds `mgi.progress/1`.
///
/// ```
/// # let rules = mgi::Rules::bundled();
/// # let fw = rules.get("micic").unwrap();
/// # let reader = mgi::Reader::new(&rules);
/// # let read = |p: &str| reader.read_path(p.as_ref(), None).unwrap().remove(0);
/// # let results = mgi::evaluate(fw, &read("fixtures/XAA-2026-micic.xlsx"));
/// let again = mgi::evaluate(fw, &read("fixtures/XAA-2026-micic.xlsx"));
/// let changes = mgi::round_changes(fw, &results, &again);
/// let doc = serde_json::to_value(mgi::progress_json(fw, &results, &again, &changes)).unwrap();
/// assert_eq!(doc["schema"], "mgi.progress/1");
/// ```
pub fn progress_json(
    fw: &Framework,
    old: &Results,
    new: &Results,
    p: &RoundChanges,
) -> ProgressJson {
    let round = |r: &Results| RoundJson {
        period: r.assessment.meta.period.clone(),
        round: r.assessment.meta.round.clone(),
        version: if r.assessment.meta.version.is_empty() {
            r.version.clone()
        } else {
            r.assessment.meta.version.clone()
        },
    };
    let root = p
        .nodes
        .iter()
        .find(|n| n.node == fw.root)
        .expect("root in progress");
    let answer = |s: &str| (!s.is_empty()).then(|| s.to_string());
    ProgressJson {
        schema: "mgi.progress/1",
        unit: new.assessment.meta.unit_code.clone(),
        old: round(old),
        new: round(new),
        overall: ChangeJson {
            old: root.old,
            new: root.new,
            change: root.change,
        },
        nodes: p
            .nodes
            .iter()
            .map(|n| NodeChangeJson {
                id: fw.nodes[n.node].id.clone(),
                old: n.old,
                new: n.new,
                change: n.change,
                old_band: n.old_band.map(|b| fw.bands[b].code.clone()),
                new_band: n.new_band.map(|b| fw.bands[b].code.clone()),
            })
            .collect(),
        indicators: p
            .indicators
            .iter()
            .map(|i| IndicatorChangeJson {
                id: fw.indicators[i.indicator].id.clone(),
                old_answer: answer(&i.old_answer),
                new_answer: answer(&i.new_answer),
                old_score: i.old_score,
                new_score: i.new_score,
                change: i.change.name(),
            })
            .collect(),
        framework_changes: FrameworkChangesJson {
            added: p.added.clone(),
            removed: p.removed.clone(),
        },
        diagnostics: p.diagnostics.iter().map(DiagnosticJson::from).collect(),
    }
}
