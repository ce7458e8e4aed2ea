//! Variance-based sensitivity analysis: which of the framework's choices drives each
//! unit's score and rank.
//!
//! The factors are the sources of variation of the uncertainty analysis
//! ([`Factor`]): the weights of each level of the tree (one group per level), the
//! aggregation method, the score of each option that declares a `score_range`, and,
//! when the framework lists `[uncertainty] dont_know_policies`, the don't-know policy.
//!
//! The design is Saltelli's: two matrices A and B of N rows of independent uniform
//! values, one column per factor, and for each factor i the matrix A_B(i), A with column
//! i taken from B: N·(k+2) roll-ups of every unit. A factor's uniform value becomes its
//! effect: a Dirichlet draw of the group's weights (from a generator seeded by the
//! value), arithmetic (≥ 0.5) or geometric (< 0.5) means, an option score within its
//! range, or one of the declared policies. With V the sample variance of the pooled
//! outputs f(A) and f(B):
//!
//! - first order (Saltelli 2010): S_i = mean_j[ f(B)_j · (f(A_B(i))_j − f(A)_j) ] / V
//! - total order (Jansen 1999): ST_i = mean_j[ (f(A)_j − f(A_B(i))_j)² ] / (2V)
//!
//! Intervals are asymptotic (95 %): the estimator's numerator is a mean of N terms, so
//! its standard error is their standard deviation over √N (V taken as known). With N
//! base samples an index is known to about ±2·sd/(√N·V): N = 1,000 gives about ±0.03 for
//! a smooth model (the Ishigami test shows it).
//!
//! Draws use a seed stream of their own (independent of the uncertainty draws): row j of
//! A and of B come from ChaCha8 generators seeded from (seed, j), rows are computed in
//! parallel in fixed chunks and the sums are added in row order, so the numbers are the
//! same whatever the thread count.

mod design;

use super::uncertainty::{Factor, UncertaintyOptions, factors as uncertainty_factors};
use crate::i18n::Text;
use crate::results::Results;
use crate::rules::{Child, Framework};
use rand_chacha::ChaCha8Rng;
use rand_core::{RngCore, SeedableRng};
use rayon::prelude::*;

/// Options of the analysis.
#[derive(Debug, Clone, PartialEq)]
pub struct SensitivityOptions {
    /// Base samples N (the analysis runs N·(k+2) roll-ups of every unit).
    pub n: usize,
    /// Seed.
    pub seed: u64,
    /// Dirichlet concentration of the weight draws.
    pub concentration: f64,
    /// Vary the weights, the aggregation method, the option scores (the framework's
    /// `[uncertainty]` switches).
    pub vary_weights: bool,
    /// See `vary_weights`.
    pub vary_aggregation: bool,
    /// See `vary_weights`.
    pub vary_scores: bool,
    /// Also analyse each unit's rank.
    pub rank: bool,
}

impl SensitivityOptions {
    /// The framework's defaults for `n` base samples from `seed`.
    pub fn from_framework(fw: &Framework, n: usize, seed: u64) -> Self {
        let u = UncertaintyOptions::from_framework(fw, n, seed);
        SensitivityOptions {
            n,
            seed,
            concentration: u.concentration,
            vary_weights: u.vary_weights,
            vary_aggregation: u.vary_aggregation,
            vary_scores: u.vary_scores,
            rank: false,
        }
    }
}

/// An index with its 95 % interval: `[low, estimate, high]`.
pub type Interval = [f64; 3];

/// Per factor, the first- and total-order indices (none when the output does not vary).
pub type FactorIndices = Vec<(Option<Interval>, Option<Interval>)>;

/// First- and total-order indices of one output, per factor (aligned with
/// [`Sensitivity::factors`]); `None` when the output does not vary (or has too few
/// samples with a value).
#[derive(Debug, Clone, PartialEq)]
pub struct OutputIndices {
    /// `overall`, a level-1 node id, or `rank`.
    pub output: String,
    /// Variance of the pooled outputs.
    pub variance: f64,
    /// First-order indices.
    pub first: Vec<Option<Interval>>,
    /// Total-order indices.
    pub total: Vec<Option<Interval>>,
}

impl OutputIndices {
    /// The factor with the largest total-order index, if any varies.
    pub fn strongest(&self) -> Option<(usize, f64)> {
        self.total
            .iter()
            .enumerate()
            .filter_map(|(i, t)| t.map(|t| (i, t[1])))
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
    }
}

/// One factor of the analysis.
#[derive(Debug, Clone, PartialEq)]
pub struct FactorInfo {
    /// The factor.
    pub factor: Factor,
    /// Its stable id (`weights:<level>`, `aggregation`, `score:<scale>.<option>`,
    /// `policy:dont_know`).
    pub id: String,
    /// What it is, per language of the framework.
    pub label: Text,
}

/// The results of the analysis.
#[derive(Debug, Clone, PartialEq)]
pub struct Sensitivity {
    /// Options used.
    pub options: SensitivityOptions,
    /// The factors, in a stable order.
    pub factors: Vec<FactorInfo>,
    /// Indices for the set as a whole: the mean overall score (`overall`), the mean
    /// score of each level-1 area, and with ranks the mean absolute rank change from
    /// the nominal ranks (`rank`).
    pub set: Vec<OutputIndices>,
    /// Per unit (aligned with the units of the comparison): its overall score, each
    /// level-1 area, and with ranks its rank.
    pub units: Vec<Vec<OutputIndices>>,
    /// Why there are no indices, when there are none (in English, as `mgi.compare/1`
    /// carries it).
    pub note: Option<String>,
    /// The catalogue key of `note` (`sensitivity.note.*`), for reports in other
    /// languages.
    pub note_key: Option<&'static str>,
}

/// The estimators over one output's samples: `fa` and `fb` the outputs of A and B,
/// `fab[i]` those of A_B(i). Samples that are NaN (no value) are left out of the terms
/// they appear in. Returns per factor the (first, total) intervals, and the variance.
pub fn estimate(fa: &[f64], fb: &[f64], fab: &[Vec<f64>]) -> (f64, FactorIndices) {
    let mut acc = Acc::new(fab.len());
    for j in 0..fa.len() {
        acc.add(fa[j], fb[j], fab.iter().map(|v| v[j]));
    }
    acc.indices()
}

/// Running sums of one output.
#[derive(Debug, Clone, PartialEq)]
struct Acc {
    /// Pooled: count, sum, sum of squares.
    n: f64,
    s: f64,
    ss: f64,
    /// Per factor: count, Σt1, Σt1², Σt2, Σt2².
    f: Vec<[f64; 5]>,
}

impl Acc {
    fn new(k: usize) -> Self {
        Acc {
            n: 0.0,
            s: 0.0,
            ss: 0.0,
            f: vec![[0.0; 5]; k],
        }
    }

    fn add(&mut self, a: f64, b: f64, abs: impl Iterator<Item = f64>) {
        if a.is_nan() || b.is_nan() {
            return;
        }
        self.n += 2.0;
        self.s += a + b;
        self.ss += a * a + b * b;
        for (slot, ab) in self.f.iter_mut().zip(abs) {
            if ab.is_nan() {
                continue;
            }
            let t1 = b * (ab - a);
            let t2 = (a - ab) * (a - ab);
            slot[0] += 1.0;
            slot[1] += t1;
            slot[2] += t1 * t1;
            slot[3] += t2;
            slot[4] += t2 * t2;
        }
    }

    fn merge(&mut self, o: &Acc) {
        self.n += o.n;
        self.s += o.s;
        self.ss += o.ss;
        for (a, b) in self.f.iter_mut().zip(&o.f) {
            for (x, y) in a.iter_mut().zip(b) {
                *x += y;
            }
        }
    }

    fn indices(&self) -> (f64, FactorIndices) {
        let v = if self.n > 1.0 {
            ((self.ss - self.s * self.s / self.n) / (self.n - 1.0)).max(0.0)
        } else {
            0.0
        };
        // No variance (relative to the outputs' size): nothing to apportion.
        let scale = (self.ss / self.n.max(1.0)).max(1e-300);
        let varies = self.n > 3.0 && v > 1e-12 * scale;
        let out = self
            .f
            .iter()
            .map(|&[n, s1, q1, s2, q2]| {
                if !varies || n < 2.0 {
                    return (None, None);
                }
                let interval = |sum: f64, sq: f64, div: f64| {
                    let mean = sum / n;
                    let var = ((sq - sum * sum / n) / (n - 1.0)).max(0.0);
                    let half = 1.96 * (var / n).sqrt();
                    [(mean - half) / div, mean / div, (mean + half) / div]
                };
                (Some(interval(s1, q1, v)), Some(interval(s2, q2, 2.0 * v)))
            })
            .collect();
        (v, out)
    }
}

fn splitmix64(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = x;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Salt of the sensitivity seed stream (independent of the uncertainty draws).
const STREAM: u64 = 0x5E45_0000_0000_0001;

fn uniform(rng: &mut ChaCha8Rng) -> f64 {
    ((rng.next_u64() >> 11) as f64 + 0.5) / (1u64 << 53) as f64
}

/// Row `j` of the design: the uniform values of A and of B (k each).
pub fn design_row(seed: u64, j: usize, k: usize) -> (Vec<f64>, Vec<f64>) {
    let mut a = ChaCha8Rng::seed_from_u64(splitmix64(seed ^ STREAM ^ splitmix64(2 * j as u64)));
    let mut b = ChaCha8Rng::seed_from_u64(splitmix64(seed ^ STREAM ^ splitmix64(2 * j as u64 + 1)));
    (
        (0..k).map(|_| uniform(&mut a)).collect(),
        (0..k).map(|_| uniform(&mut b)).collect(),
    )
}

/// The factors of a framework under `opts`, with the don't-know policy when the
/// framework declares policies to choose among.
pub fn factors(fw: &Framework, opts: &SensitivityOptions) -> Vec<Factor> {
    let mut f = uncertainty_factors(
        fw,
        &UncertaintyOptions {
            draws: opts.n,
            seed: opts.seed,
            concentration: opts.concentration,
            vary_weights: opts.vary_weights,
            vary_aggregation: opts.vary_aggregation,
            vary_scores: opts.vary_scores,
        },
    );
    if fw.uncertainty.dont_know_policies.len() >= 2 {
        f.push(Factor::DontKnowPolicy);
    }
    f
}

/// A factor's label in each language of the framework.
pub fn factor_label(fw: &Framework, f: Factor) -> Text {
    let mut t = Text::default();
    for lang in &fw.languages {
        if crate::i18n::catalogue::supported(lang) {
            t.0.insert(lang.clone(), factor_name(fw, f, lang));
        }
    }
    t
}

/// A factor's label in one language (any interface language; the framework's texts
/// fall back to its first language).
pub fn factor_name(fw: &Framework, f: Factor, lang: &str) -> String {
    match f {
        Factor::Weights(d) => crate::i18n::fmt(
            lang,
            "sensitivity.factor.weights",
            &[("level", fw.level_label(d + 1, lang).into())],
        ),
        Factor::Aggregation => crate::i18n::msg(lang, "sensitivity.factor.aggregation").into(),
        Factor::Score(s, k) => {
            let scale = &fw.scales[s];
            let name = fw.text(&scale.label, lang);
            let name = if name.is_empty() {
                scale.id.as_str()
            } else {
                name
            };
            crate::i18n::fmt(
                lang,
                "sensitivity.factor.score",
                &[
                    ("option", fw.text(&scale.options[k].label, lang).into()),
                    ("scale", name.into()),
                ],
            )
        }
        Factor::DontKnowPolicy => crate::i18n::msg(lang, "sensitivity.factor.dont_know").into(),
    }
}

/// Rows per chunk: chunks run in parallel, their sums are added in row order.
const CHUNK: usize = 32;

/// Runs the analysis over units scored with one framework. `progress` advances once per
/// base sample.
pub fn analyse(
    fw: &Framework,
    results: &[&Results],
    opts: &SensitivityOptions,
    progress: &dyn crate::error::Progress,
) -> Sensitivity {
    let factors = factors(fw, opts);
    let infos: Vec<FactorInfo> = factors
        .iter()
        .map(|&f| FactorInfo {
            factor: f,
            id: f.id(fw),
            label: factor_label(fw, f),
        })
        .collect();
    let areas: Vec<usize> = fw.nodes[fw.root]
        .children
        .iter()
        .filter_map(|c| match c {
            Child::Node(n) => Some(*n),
            Child::Indicator(_) => None,
        })
        .collect();
    let mut outputs: Vec<String> = vec!["overall".into()];
    outputs.extend(areas.iter().map(|&n| fw.nodes[n].id.clone()));
    if opts.rank {
        outputs.push("rank".into());
    }
    let k = factors.len();
    let empty = |key: &'static str| Sensitivity {
        options: opts.clone(),
        factors: infos.clone(),
        set: Vec::new(),
        units: vec![Vec::new(); results.len()],
        note: Some(crate::i18n::msg("en", key).to_string()),
        note_key: Some(key),
    };
    if k == 0 {
        return empty("sensitivity.note.fixed");
    }
    if opts.n < 2 || results.is_empty() {
        return empty("sensitivity.note.too_few");
    }
    let design = design::Design::new(fw, &factors, results, &areas, opts.rank);
    let n_units = results.len();
    let n_out = design.n_out;
    let chunks: Vec<(Vec<Acc>, Vec<Acc>)> = (0..opts.n.div_ceil(CHUNK))
        .into_par_iter()
        .map_init(
            || (design::Scratch::default(), vec![Vec::new(); k + 2]),
            |(scratch, out), c| {
                let mut unit_acc = vec![Acc::new(k); n_units * n_out];
                let mut set_acc = vec![Acc::new(k); n_out];
                for j in c * CHUNK..((c + 1) * CHUNK).min(opts.n) {
                    let (a, b) = design_row(opts.seed, j, k);
                    let sets = design.row((&a, &b), opts.concentration, scratch, out);
                    let (fa, fb, fab) = (&out[0], &out[1], &out[2..]);
                    for (x, acc) in unit_acc.iter_mut().enumerate() {
                        acc.add(fa[x], fb[x], fab.iter().map(|f| f[x]));
                    }
                    for (o, acc) in set_acc.iter_mut().enumerate() {
                        acc.add(sets[0][o], sets[1][o], sets[2..].iter().map(|f| f[o]));
                    }
                    progress.advance(1);
                }
                (unit_acc, set_acc)
            },
        )
        .collect();
    let mut unit_acc = vec![Acc::new(k); n_units * n_out];
    let mut set_acc = vec![Acc::new(k); n_out];
    for (u, s) in &chunks {
        for (a, b) in unit_acc.iter_mut().zip(u) {
            a.merge(b);
        }
        for (a, b) in set_acc.iter_mut().zip(s) {
            a.merge(b);
        }
    }
    let indices = |output: &str, acc: &Acc| {
        let (variance, idx) = acc.indices();
        OutputIndices {
            output: output.to_string(),
            variance,
            first: idx.iter().map(|x| x.0).collect(),
            total: idx.iter().map(|x| x.1).collect(),
        }
    };
    let set: Vec<OutputIndices> = outputs
        .iter()
        .zip(&set_acc)
        .map(|(o, acc)| indices(o, acc))
        .collect();
    let units_out: Vec<Vec<OutputIndices>> = (0..n_units)
        .map(|u| {
            outputs
                .iter()
                .enumerate()
                .map(|(o, name)| indices(name, &unit_acc[u * n_out + o]))
                .collect()
        })
        .collect();
    let note_key = set
        .iter()
        .all(|o| o.total.iter().all(Option::is_none))
        .then_some("sensitivity.note.no_variance");
    Sensitivity {
        options: opts.clone(),
        factors: infos,
        set,
        units: units_out,
        note: note_key.map(|k| crate::i18n::msg("en", k).to_string()),
        note_key,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The Ishigami function (a = 7, b = 0.1) on [−π, π]³, whose indices are known:
    /// S = (0.314, 0.442, 0), ST = (0.558, 0.442, 0.244).
    fn ishigami(x: &[f64]) -> f64 {
        let p = |u: f64| std::f64::consts::PI * (2.0 * u - 1.0);
        let (x1, x2, x3) = (p(x[0]), p(x[1]), p(x[2]));
        x1.sin() + 7.0 * x2.sin().powi(2) + 0.1 * x3.powi(4) * x1.sin()
    }

    fn run(
        f: impl Fn(&[f64]) -> f64,
        k: usize,
        n: usize,
    ) -> Vec<(Option<Interval>, Option<Interval>)> {
        let mut fa = Vec::new();
        let mut fb = Vec::new();
        let mut fab = vec![Vec::new(); k];
        for j in 0..n {
            let (a, b) = design_row(11, j, k);
            fa.push(f(&a));
            fb.push(f(&b));
            for (i, col) in fab.iter_mut().enumerate() {
                let mut v = a.clone();
                v[i] = b[i];
                col.push(f(&v));
            }
        }
        estimate(&fa, &fb, &fab).1
    }

    #[test]
    fn ishigami_indices() {
        // N = 20,000: the interval half-widths are about 0.02-0.03; the tolerance is
        // 0.04 (and each true value lies in its interval).
        let idx = run(ishigami, 3, 20_000);
        let s = [0.314, 0.442, 0.0];
        let st = [0.558, 0.442, 0.244];
        for i in 0..3 {
            let (f, t) = (idx[i].0.unwrap(), idx[i].1.unwrap());
            assert!((f[1] - s[i]).abs() < 0.04, "S{} = {:?}", i + 1, f);
            assert!((t[1] - st[i]).abs() < 0.04, "ST{} = {:?}", i + 1, t);
            assert!(
                f[0] - 0.01 <= s[i] && s[i] <= f[2] + 0.01,
                "S{} interval {:?}",
                i + 1,
                f
            );
            assert!(
                t[0] - 0.01 <= st[i] && st[i] <= t[2] + 0.01,
                "ST{} interval {:?}",
                i + 1,
                t
            );
        }
    }

    #[test]
    fn additive_model_and_a_factor_without_effect() {
        // f = 2 x1 + x2 (+ 0 x3) on uniforms: V = (4 + 1)/12; S1 = ST1 = 0.8, S2 = ST2 = 0.2,
        // and x3 has no effect: its terms are exactly zero.
        let idx = run(|x| 2.0 * x[0] + x[1], 3, 20_000);
        let (s1, t1) = (idx[0].0.unwrap()[1], idx[0].1.unwrap()[1]);
        let (s2, t2) = (idx[1].0.unwrap()[1], idx[1].1.unwrap()[1]);
        assert!(
            (s1 - 0.8).abs() < 0.03 && (t1 - 0.8).abs() < 0.03,
            "{s1} {t1}"
        );
        assert!(
            (s2 - 0.2).abs() < 0.03 && (t2 - 0.2).abs() < 0.03,
            "{s2} {t2}"
        );
        assert_eq!(idx[2].0.unwrap()[1], 0.0);
        assert_eq!(idx[2].1.unwrap(), [0.0, 0.0, 0.0]);
    }

    #[test]
    fn no_variance_gives_no_indices() {
        let idx = run(|_| 42.0, 2, 100);
        assert!(idx.iter().all(|(a, b)| a.is_none() && b.is_none()));
    }
}
