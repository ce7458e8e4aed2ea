//! Uncertainty analysis: Monte Carlo over the framework's choices. Each draw perturbs
//! the relative weights of every node's children (Dirichlet around the nominal weights),
//! switches the aggregation method between arithmetic and geometric, and draws the score
//! of options that declare a `score_range`; every unit is then rolled up again.
//!
//! Draw `d` uses its own ChaCha8 generator seeded from (seed, d), and the Gamma and
//! normal variates are our own code over that generator: the same seed gives the same
//! numbers on every machine, version of the dependencies, and thread count.

use super::stats::quantile7;
use crate::aggregate::{Leaf, NodeScore, Scheme, roll_up_into};
use crate::results::Results;
use crate::rules::{Aggregation, Framework};
use crate::score::Status;
use rand_chacha::ChaCha8Rng;
use rand_core::{RngCore, SeedableRng};
use rayon::prelude::*;

/// What the analysis varies, and how much.
#[derive(Debug, Clone, PartialEq)]
pub struct UncertaintyOptions {
    /// Number of draws.
    pub draws: usize,
    /// Seed.
    pub seed: u64,
    /// Dirichlet concentration: larger keeps draws closer to the nominal weights.
    pub concentration: f64,
    /// Vary the weights.
    pub vary_weights: bool,
    /// Switch arithmetic and geometric means.
    pub vary_aggregation: bool,
    /// Draw option scores within their `score_range`.
    pub vary_scores: bool,
}

impl UncertaintyOptions {
    /// The framework's defaults for `draws` draws from `seed`.
    pub fn from_framework(fw: &Framework, draws: usize, seed: u64) -> Self {
        let u = &fw.uncertainty;
        UncertaintyOptions {
            draws,
            seed,
            concentration: u.concentration,
            vary_weights: u.vary_weights,
            vary_aggregation: u.vary_aggregation,
            vary_scores: u.vary_scores,
        }
    }
}

/// One source of variation: what a draw may change. The sensitivity analysis treats
/// each as a factor; the uncertainty analysis reports the mean shift each one causes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Factor {
    /// The relative weights of the children of every node at this depth (0 = the
    /// root's children), as one group.
    Weights(usize),
    /// The aggregation method (arithmetic or geometric, for every node that does not
    /// take the minimum).
    Aggregation,
    /// The score of option `.1` of scale `.0`, drawn within its `score_range`.
    Score(usize, usize),
    /// The don't-know policy, chosen among the framework's
    /// `[uncertainty] dont_know_policies` (sensitivity analysis only).
    DontKnowPolicy,
}

impl Factor {
    /// The factor's stable id: `weights:<level>` (the level of the children whose
    /// weights vary), `aggregation`, `score:<scale>.<option>`.
    pub fn id(&self, fw: &Framework) -> String {
        match *self {
            Factor::Weights(depth) => format!(
                "weights:{}",
                fw.levels
                    .get(depth + 1)
                    .map(|l| l.id.as_str())
                    .unwrap_or("indicator")
            ),
            Factor::Aggregation => "aggregation".into(),
            Factor::Score(s, k) => {
                format!("score:{}.{}", fw.scales[s].id, fw.scales[s].options[k].code)
            }
            Factor::DontKnowPolicy => "policy:dont_know".into(),
        }
    }
}

/// The factors that `opts` lets vary in `fw`, in a stable order: weights by depth,
/// aggregation, option scores in framework order. A factor that cannot change anything
/// (no node at that depth with two children; no node that is not a minimum) is left out.
pub fn factors(fw: &Framework, opts: &UncertaintyOptions) -> Vec<Factor> {
    let mut out = Vec::new();
    if opts.vary_weights {
        let mut depths: Vec<usize> = fw
            .nodes
            .iter()
            .filter(|n| n.children.len() >= 2)
            .map(|n| n.depth)
            .collect();
        depths.sort_unstable();
        depths.dedup();
        out.extend(depths.into_iter().map(Factor::Weights));
    }
    if opts.vary_aggregation
        && fw
            .nodes
            .iter()
            .any(|n| n.aggregation != Aggregation::Minimum && n.children.len() >= 2)
    {
        out.push(Factor::Aggregation);
    }
    if opts.vary_scores {
        for (s, scale) in fw.scales.iter().enumerate() {
            for (k, o) in scale.options.iter().enumerate() {
                if o.score_range.is_some_and(|(lo, hi)| hi > lo) {
                    out.push(Factor::Score(s, k));
                }
            }
        }
    }
    out
}

/// The mean shift one source of variation causes: over the units with a nominal score,
/// the mean of (mean overall score over the draws − nominal overall score), in points.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceShift {
    /// The factor.
    pub factor: Factor,
    /// Its id ([`Factor::id`]).
    pub source: String,
    /// Mean shift in points (negative: the source lowers scores); `None` when no unit
    /// has a score.
    pub mean_shift: Option<f64>,
    /// Draws used for this source.
    pub draws: usize,
}

/// Draws used per source for [`source_shifts`]: the run's own number, capped so that
/// the per-source runs cost at most about as much as the main one for a handful of
/// sources.
pub const SOURCE_DRAWS_CAP: usize = 1000;

/// One unit's intervals (scores on 0 to 100).
#[derive(Debug, Clone, PartialEq)]
pub struct UnitInterval {
    /// Nominal overall score.
    pub nominal: Option<f64>,
    /// Median over the draws.
    pub median: Option<f64>,
    /// 5th percentile.
    pub p05: Option<f64>,
    /// 95th percentile.
    pub p95: Option<f64>,
    /// Nominal rank (1 = highest score).
    pub rank: Option<usize>,
    /// Median rank over the draws.
    pub rank_median: Option<f64>,
    /// 5th percentile of the rank.
    pub rank_p05: Option<f64>,
    /// 95th percentile of the rank.
    pub rank_p95: Option<f64>,
}

/// What a leaf is made of, for one unit.
#[derive(Debug, Clone, Copy)]
enum LeafSource {
    /// Does not apply, or a fixed score (numbers, policy scores) or none.
    Fixed(Leaf),
    /// The score of an option (scale, option), which a draw may vary.
    Option(usize, usize),
}

fn splitmix64(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = x;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The generator of draw `d`.
fn draw_rng(seed: u64, d: usize) -> ChaCha8Rng {
    ChaCha8Rng::seed_from_u64(splitmix64(seed ^ splitmix64(d as u64)))
}

/// A uniform variate in (0, 1).
fn uniform(rng: &mut ChaCha8Rng) -> f64 {
    ((rng.next_u64() >> 11) as f64 + 0.5) / (1u64 << 53) as f64
}

/// A standard normal variate (Box–Muller).
fn normal(rng: &mut ChaCha8Rng) -> f64 {
    let (u1, u2) = (uniform(rng), uniform(rng));
    (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
}

/// Draws one sibling group's weights from a Dirichlet distribution centred on the
/// nominal weights `ws` (which it replaces), with the given concentration; a group of
/// one child, or of zero weight, is left as it is.
pub(crate) fn dirichlet(rng: &mut ChaCha8Rng, ws: &mut [f64], concentration: f64) {
    let total: f64 = ws.iter().sum();
    if ws.len() < 2 || total <= 0.0 {
        return;
    }
    let mut sum = 0.0;
    for w in ws.iter_mut() {
        let alpha = concentration * *w / total;
        *w = if alpha > 0.0 { gamma(rng, alpha) } else { 0.0 };
        sum += *w;
    }
    if sum > 0.0 {
        for w in ws.iter_mut() {
            *w /= sum;
        }
    }
}

/// A Gamma(shape, 1) variate (Marsaglia and Tsang; shape < 1 by the boost
/// Gamma(shape + 1) × U^(1/shape)).
pub fn gamma(rng: &mut ChaCha8Rng, shape: f64) -> f64 {
    if shape < 1.0 {
        let u = uniform(rng);
        return gamma(rng, shape + 1.0) * u.powf(1.0 / shape);
    }
    let d = shape - 1.0 / 3.0;
    let c = 1.0 / (9.0 * d).sqrt();
    loop {
        let x = normal(rng);
        let v = (1.0 + c * x).powi(3);
        if v <= 0.0 {
            continue;
        }
        let u = uniform(rng);
        if u.ln() < 0.5 * x * x + d - d * v + d * v.ln() {
            return d * v;
        }
    }
}

/// Draws the scheme of one draw, and the option scores.
fn draw_scheme(
    fw: &Framework,
    nominal: &Scheme,
    opts: &UncertaintyOptions,
    rng: &mut ChaCha8Rng,
    only: Option<Factor>,
) -> (Scheme, Vec<Vec<f64>>) {
    let vary = |f: Factor| only.is_none_or(|o| o == f);
    let mut scheme = nominal.clone();
    if opts.vary_weights {
        for (i, ws) in scheme.weights.iter_mut().enumerate() {
            if !vary(Factor::Weights(fw.nodes[i].depth)) {
                continue;
            }
            dirichlet(rng, ws, opts.concentration);
        }
    }
    if opts.vary_aggregation && vary(Factor::Aggregation) {
        let method = if uniform(rng) < 0.5 {
            Aggregation::Arithmetic
        } else {
            Aggregation::Geometric
        };
        for m in scheme.methods.iter_mut() {
            if *m != Aggregation::Minimum {
                *m = method;
            }
        }
    }
    let scores = fw
        .scales
        .iter()
        .enumerate()
        .map(|(s, scale)| {
            scale
                .options
                .iter()
                .enumerate()
                .map(|(k, o)| match (opts.vary_scores, o.score_range) {
                    (true, Some((lo, hi))) if vary(Factor::Score(s, k)) => {
                        lo + (hi - lo) * uniform(rng)
                    }
                    _ => o.score,
                })
                .collect()
        })
        .collect();
    (scheme, scores)
}

/// The option (scale, option) a scored answer of indicator `i` chose, whose score a draw
/// or a sensitivity sample may vary; `None` for numbers and unscored answers.
pub(crate) fn chosen_option(
    fw: &Framework,
    i: usize,
    s: &crate::score::IndicatorScore,
) -> Option<(usize, usize)> {
    let scale = fw.scale_of(i);
    let option = match (s.status, s.level) {
        (Status::Scored, Some(l)) => Some(l),
        (Status::Scored, None) if scale.numeric.is_none() => {
            scale.options.iter().position(|o| o.code == s.answer)
        }
        _ => None,
    };
    option.map(|k| (fw.indicators[i].scale, k))
}

fn sources(fw: &Framework, r: &Results) -> Vec<LeafSource> {
    r.indicators
        .iter()
        .enumerate()
        .map(|(i, s)| match chosen_option(fw, i, s) {
            Some((sc, k)) => LeafSource::Option(sc, k),
            None => LeafSource::Fixed(Leaf::of(s)),
        })
        .collect()
}

/// Ranks of scores (1 = highest; ties share the best rank); `None` without a score.
/// A unit's rank is one more than the number of scores above its own by more than
/// 1e-12, found by binary search in the sorted scores (n log n: the analyses rank every
/// draw).
pub fn ranks(scores: &[Option<f64>]) -> Vec<Option<usize>> {
    let mut sorted: Vec<f64> = scores.iter().flatten().copied().collect();
    sorted.sort_by(f64::total_cmp);
    scores
        .iter()
        .map(|s| s.map(|x| 1 + sorted.len() - sorted.partition_point(|&y| y <= x + 1e-12)))
        .collect()
}

/// Every unit's overall score (NaN for none) in each of `count` draws from `seed`,
/// varying only `only` when it is given.
fn draws(
    fw: &Framework,
    units: &[Vec<LeafSource>],
    opts: &UncertaintyOptions,
    count: usize,
    seed: u64,
    only: Option<Factor>,
    progress: &dyn crate::error::Progress,
) -> Vec<Vec<f64>> {
    let nominal = Scheme::nominal(fw);
    let order = fw.tree_order();
    (0..count)
        .into_par_iter()
        .map_init(
            || (Vec::<Leaf>::new(), Vec::<NodeScore>::new()),
            |(leaves, nodes), d| {
                let mut rng = draw_rng(seed, d);
                let (scheme, scores) = draw_scheme(fw, &nominal, opts, &mut rng, only);
                let out = units
                    .iter()
                    .map(|src| {
                        leaves.clear();
                        leaves.extend(src.iter().map(|s| match *s {
                            LeafSource::Fixed(l) => l,
                            LeafSource::Option(sc, k) => Leaf {
                                applies: true,
                                score: Some(scores[sc][k]),
                            },
                        }));
                        roll_up_into(fw, leaves, &scheme, &order, nodes);
                        nodes[fw.root].score.map(|x| x * 100.0).unwrap_or(f64::NAN)
                    })
                    .collect();
                if d % 100 == 99 {
                    progress.advance(100);
                }
                out
            },
        )
        .collect()
}

/// The mean shift each source of variation causes on its own: for every factor of
/// [`factors`], min(draws, [`SOURCE_DRAWS_CAP`]) draws that vary only that factor, each
/// factor from its own seed stream (derived from the run's seed and the factor's
/// position), so the numbers do not depend on the thread count.
pub fn source_shifts(
    fw: &Framework,
    results: &[&Results],
    opts: &UncertaintyOptions,
) -> Vec<SourceShift> {
    let units: Vec<Vec<LeafSource>> = results.iter().map(|r| sources(fw, r)).collect();
    let nominal: Vec<Option<f64>> = results
        .iter()
        .map(|r| r.overall().score.map(|x| x * 100.0))
        .collect();
    let count = opts.draws.min(SOURCE_DRAWS_CAP);
    factors(fw, opts)
        .into_iter()
        .enumerate()
        .map(|(i, f)| {
            let seed = splitmix64(opts.seed ^ splitmix64(0x5EED_0000 + i as u64));
            let per_draw = draws(fw, &units, opts, count, seed, Some(f), &crate::NoProgress);
            let mut shifts = Vec::new();
            for (u, nom) in nominal.iter().enumerate() {
                let Some(nom) = nom else { continue };
                let s: Vec<f64> = per_draw
                    .iter()
                    .map(|d| d[u])
                    .filter(|x| !x.is_nan())
                    .collect();
                if !s.is_empty() {
                    shifts.push(s.iter().sum::<f64>() / s.len() as f64 - nom);
                }
            }
            SourceShift {
                factor: f,
                source: f.id(fw),
                mean_shift: (!shifts.is_empty())
                    .then(|| shifts.iter().sum::<f64>() / shifts.len() as f64),
                draws: count,
            }
        })
        .collect()
}

/// Runs the analysis over units scored with one framework. `progress` is advanced once
/// per 100 draws.
pub fn analyse(
    fw: &Framework,
    results: &[&Results],
    opts: &UncertaintyOptions,
    progress: &dyn crate::error::Progress,
) -> Vec<UnitInterval> {
    let units: Vec<Vec<LeafSource>> = results.iter().map(|r| sources(fw, r)).collect();
    let n = results.len();
    let per_draw = draws(fw, &units, opts, opts.draws, opts.seed, None, progress);
    let nominal_scores: Vec<Option<f64>> = results
        .iter()
        .map(|r| r.overall().score.map(|x| x * 100.0))
        .collect();
    let nominal_ranks = ranks(&nominal_scores);
    // Ranks per draw.
    let draw_ranks: Vec<Vec<Option<usize>>> = per_draw
        .par_iter()
        .map(|scores| {
            ranks(
                &scores
                    .iter()
                    .map(|x| (!x.is_nan()).then_some(*x))
                    .collect::<Vec<_>>(),
            )
        })
        .collect();
    (0..n)
        .map(|u| {
            let mut s: Vec<f64> = per_draw
                .iter()
                .map(|d| d[u])
                .filter(|x| !x.is_nan())
                .collect();
            s.sort_by(f64::total_cmp);
            let mut r: Vec<f64> = draw_ranks
                .iter()
                .filter_map(|d| d[u].map(|x| x as f64))
                .collect();
            r.sort_by(f64::total_cmp);
            UnitInterval {
                nominal: nominal_scores[u],
                median: quantile7(&s, 0.5),
                p05: quantile7(&s, 0.05),
                p95: quantile7(&s, 0.95),
                rank: nominal_ranks[u],
                rank_median: quantile7(&r, 0.5),
                rank_p05: quantile7(&r, 0.05),
                rank_p95: quantile7(&r, 0.95),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gamma_has_its_mean() {
        let mut rng = draw_rng(1, 0);
        for shape in [0.5, 2.0, 12.5] {
            let n = 20_000;
            let mean: f64 = (0..n).map(|_| gamma(&mut rng, shape)).sum::<f64>() / n as f64;
            assert!(
                (mean - shape).abs() < 0.05 * shape.max(1.0),
                "shape {shape}: mean {mean}"
            );
        }
    }

    #[test]
    fn ranks_by_search_are_ranks_by_counting() {
        let scores: Vec<Option<f64>> = (0..200u64)
            .map(|i| {
                (i % 13 != 0).then(|| ((i * 7919) % 101) as f64 * 0.5 + 1e-13 * (i % 3) as f64)
            })
            .collect();
        let counted: Vec<Option<usize>> = scores
            .iter()
            .map(|s| {
                s.map(|x| {
                    1 + scores
                        .iter()
                        .filter(|o| o.is_some_and(|y| y > x + 1e-12))
                        .count()
                })
            })
            .collect();
        assert_eq!(ranks(&scores), counted);
    }

    #[test]
    fn ranks_share_ties() {
        assert_eq!(
            ranks(&[Some(50.0), Some(70.0), None, Some(50.0)]),
            [Some(2), Some(1), None, Some(2)]
        );
    }
}
