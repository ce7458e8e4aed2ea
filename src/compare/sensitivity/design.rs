//! One row of the Saltelli design, for every unit: the roll-ups of A, of B and of each
//! A_B(i), and the outputs of the set.
//!
//! A_B(i) differs from A in factor i only, so most of its roll-up is A's: a unit the
//! factor does not touch (an option score it never answers, a don't-know policy without
//! a don't-know answer), or a factor whose value maps to the same choice in A and B (the
//! same aggregation method, the same policy), has A's outputs; the weights of one level
//! change that level's nodes and their ancestors only; an option score or the policy
//! changes the ancestors of the leaves that carry it. Only those nodes are rolled up
//! again, each with [`node_score`] on the same inputs as a full roll-up, so the numbers
//! are those of rolling every sample up in full.

use super::splitmix64;
use crate::aggregate::{Leaf, NodeScore, Scheme, node_score, roll_up_into};
use crate::compare::uncertainty::Factor;
use crate::results::Results;
use crate::rules::{Aggregation, Framework, Policy};
use crate::score::Status;
use rand_chacha::ChaCha8Rng;
use rand_core::SeedableRng;

/// What a unit's leaf is made of.
#[derive(Debug, Clone, Copy)]
pub(super) enum Source {
    Fixed(Leaf),
    Option(usize, usize),
    DontKnow,
}

pub(super) fn sources(fw: &Framework, r: &Results) -> Vec<Source> {
    r.indicators
        .iter()
        .enumerate()
        .map(|(i, s)| {
            match (
                crate::compare::uncertainty::chosen_option(fw, i, s),
                s.status,
            ) {
                (Some((sc, k)), _) => Source::Option(sc, k),
                (None, Status::DontKnow) if s.level.is_none() => Source::DontKnow,
                _ => Source::Fixed(Leaf::of(s)),
            }
        })
        .collect()
}

/// The scheme, option scores and don't-know policy of one sample.
pub(super) struct Sample {
    pub(super) scheme: Scheme,
    scores: Vec<Vec<f64>>,
    dont_know: Policy,
}

pub(super) fn sample(
    fw: &Framework,
    nominal: &Scheme,
    factors: &[Factor],
    values: &[f64],
    conc: f64,
) -> Sample {
    let mut scheme = nominal.clone();
    let mut scores: Vec<Vec<f64>> = fw
        .scales
        .iter()
        .map(|s| s.options.iter().map(|o| o.score).collect())
        .collect();
    let mut dont_know = fw.special.dont_know_policy;
    for (f, &u) in factors.iter().zip(values) {
        match *f {
            Factor::Weights(depth) => {
                // The uniform value seeds the draw of the whole group.
                let mut rng =
                    ChaCha8Rng::seed_from_u64(splitmix64((u * (1u64 << 53) as f64) as u64));
                for (i, ws) in scheme.weights.iter_mut().enumerate() {
                    if fw.nodes[i].depth != depth {
                        continue;
                    }
                    crate::compare::uncertainty::dirichlet(&mut rng, ws, conc);
                }
            }
            Factor::Aggregation => {
                let method = if u < 0.5 {
                    Aggregation::Geometric
                } else {
                    Aggregation::Arithmetic
                };
                for m in scheme.methods.iter_mut() {
                    if *m != Aggregation::Minimum {
                        *m = method;
                    }
                }
            }
            Factor::Score(s, k) => {
                if let Some((lo, hi)) = fw.scales[s].options[k].score_range {
                    scores[s][k] = lo + (hi - lo) * u;
                }
            }
            Factor::DontKnowPolicy => {
                let p = &fw.uncertainty.dont_know_policies;
                if !p.is_empty() {
                    dont_know = p[((u * p.len() as f64) as usize).min(p.len() - 1)];
                }
            }
        }
    }
    Sample {
        scheme,
        scores,
        dont_know,
    }
}

impl Source {
    fn leaf(self, s: &Sample) -> Leaf {
        match self {
            Source::Fixed(l) => l,
            Source::Option(sc, o) => Leaf {
                applies: true,
                score: Some(s.scores[sc][o]),
            },
            Source::DontKnow => Leaf {
                applies: true,
                score: match s.dont_know {
                    Policy::Missing => None,
                    Policy::Score(v) => Some(v),
                },
            },
        }
    }
}

/// What A_B(i) rolls up again for one unit.
enum Redo {
    /// Every node (the aggregation method).
    All,
    /// The nodes down to this depth (the weights of the children of nodes at it).
    Depth(usize),
    /// These leaves change, and these nodes (children first); none: A's outputs.
    Leaves(Vec<usize>, Vec<usize>),
}

/// A unit of the design.
struct Unit {
    sources: Vec<Source>,
    /// Per factor.
    redo: Vec<Redo>,
}

/// Buffers reused from row to row.
#[derive(Default)]
pub(super) struct Scratch {
    leaves_a: Vec<Leaf>,
    nodes_a: Vec<NodeScore>,
    leaves: Vec<Leaf>,
    nodes: Vec<NodeScore>,
}

/// The design's units and what each factor changes in them.
pub(super) struct Design<'a> {
    fw: &'a Framework,
    factors: &'a [Factor],
    nominal: Scheme,
    order: Vec<usize>,
    /// Per depth, the nodes at that depth or above, children first.
    down_to: Vec<Vec<usize>>,
    areas: &'a [usize],
    units: Vec<Unit>,
    rank: bool,
    nominal_ranks: Vec<Option<usize>>,
    /// Outputs per unit: overall, the areas, and with ranks the rank.
    pub(super) n_out: usize,
}

impl<'a> Design<'a> {
    pub(super) fn new(
        fw: &'a Framework,
        factors: &'a [Factor],
        results: &[&Results],
        areas: &'a [usize],
        rank: bool,
    ) -> Self {
        let order = fw.tree_order();
        let mut pos = vec![0; fw.nodes.len()];
        for (k, &n) in order.iter().enumerate() {
            pos[n] = k;
        }
        let depth = fw.nodes.iter().map(|n| n.depth).max().unwrap_or(0);
        let down_to = (0..=depth)
            .map(|d| {
                order
                    .iter()
                    .rev()
                    .copied()
                    .filter(|&n| fw.nodes[n].depth <= d)
                    .collect()
            })
            .collect();
        let units = results
            .iter()
            .map(|r| {
                let sources = sources(fw, r);
                let redo = factors
                    .iter()
                    .map(|f| match *f {
                        Factor::Aggregation => Redo::All,
                        Factor::Weights(d) => Redo::Depth(d),
                        Factor::Score(..) | Factor::DontKnowPolicy => {
                            let leaves: Vec<usize> = (0..sources.len())
                                .filter(|&i| match (sources[i], *f) {
                                    (Source::Option(s, k), Factor::Score(fs, fk)) => {
                                        (s, k) == (fs, fk)
                                    }
                                    (Source::DontKnow, Factor::DontKnowPolicy) => true,
                                    _ => false,
                                })
                                .collect();
                            let mut nodes: Vec<usize> = Vec::new();
                            for &i in &leaves {
                                let mut n = Some(fw.indicators[i].parent);
                                while let Some(x) = n {
                                    nodes.push(x);
                                    n = fw.nodes[x].parent;
                                }
                            }
                            nodes.sort_unstable_by_key(|&n| std::cmp::Reverse(pos[n]));
                            nodes.dedup();
                            Redo::Leaves(leaves, nodes)
                        }
                    })
                    .collect();
                Unit { sources, redo }
            })
            .collect();
        let nominal_ranks = crate::compare::uncertainty::ranks(
            &results
                .iter()
                .map(|r| r.overall().score.map(|x| x * 100.0))
                .collect::<Vec<_>>(),
        );
        Design {
            fw,
            factors,
            nominal: Scheme::nominal(fw),
            order,
            down_to,
            areas,
            units,
            rank,
            nominal_ranks,
            n_out: 1 + areas.len() + usize::from(rank),
        }
    }

    /// Row `(a, b)` of the design: into `out[0]` the outputs of A per unit and output
    /// (NaN for none), `out[1]` those of B, `out[2 + i]` those of A_B(i); returns the
    /// set's outputs of each, in the same order.
    pub(super) fn row(
        &self,
        (a, b): (&[f64], &[f64]),
        conc: f64,
        scratch: &mut Scratch,
        out: &mut [Vec<f64>],
    ) -> Vec<Vec<f64>> {
        let (fw, k, n_out) = (self.fw, self.factors.len(), self.n_out);
        let sa = sample(fw, &self.nominal, self.factors, a, conc);
        let sb = sample(fw, &self.nominal, self.factors, b, conc);
        let mut v = a.to_vec();
        let sab: Vec<Sample> = (0..k)
            .map(|i| {
                v[i] = b[i];
                let s = sample(fw, &self.nominal, self.factors, &v, conc);
                v[i] = a[i];
                s
            })
            .collect();
        // A_B(i) is A when factor i makes the same choice in A and B.
        let same: Vec<bool> = self
            .factors
            .iter()
            .enumerate()
            .map(|(i, f)| match f {
                Factor::Aggregation => (a[i] < 0.5) == (b[i] < 0.5),
                Factor::DontKnowPolicy => sa.dont_know == sab[i].dont_know,
                _ => false,
            })
            .collect();
        for o in out.iter_mut() {
            o.clear();
            o.resize(self.units.len() * n_out, f64::NAN);
        }
        let Scratch {
            leaves_a,
            nodes_a,
            leaves,
            nodes,
        } = scratch;
        for (u, unit) in self.units.iter().enumerate() {
            let at = u * n_out;
            leaves_a.clear();
            leaves_a.extend(unit.sources.iter().map(|x| x.leaf(&sa)));
            roll_up_into(fw, leaves_a, &sa.scheme, &self.order, nodes_a);
            self.write(nodes_a, &mut out[0][at..at + n_out]);
            leaves.clear();
            leaves.extend(unit.sources.iter().map(|x| x.leaf(&sb)));
            roll_up_into(fw, leaves, &sb.scheme, &self.order, nodes);
            self.write(nodes, &mut out[1][at..at + n_out]);
            for i in 0..k {
                let s = &sab[i];
                let redo = |nodes: &mut Vec<NodeScore>, leaves: &[Leaf], list: &[usize]| {
                    nodes.clone_from(nodes_a);
                    for &n in list {
                        let x = node_score(fw, n, leaves, nodes, &s.scheme);
                        nodes[n] = x;
                    }
                };
                match &unit.redo[i] {
                    _ if same[i] => {}
                    Redo::Leaves(l, _) if l.is_empty() => {}
                    Redo::All => roll_up_into(fw, leaves_a, &s.scheme, &self.order, nodes),
                    Redo::Depth(d) => redo(nodes, leaves_a, &self.down_to[*d]),
                    Redo::Leaves(l, list) => {
                        leaves.clone_from(leaves_a);
                        for &x in l {
                            leaves[x] = unit.sources[x].leaf(s);
                        }
                        redo(nodes, leaves, list);
                    }
                }
                let unchanged =
                    same[i] || matches!(&unit.redo[i], Redo::Leaves(l, _) if l.is_empty());
                let (head, tail) = out.split_at_mut(2 + i);
                let dest = &mut tail[0][at..at + n_out];
                if unchanged {
                    dest.copy_from_slice(&head[0][at..at + n_out]);
                } else {
                    self.write(nodes, dest);
                }
            }
        }
        let mut sets: Vec<Vec<f64>> = Vec::with_capacity(k + 2);
        for x in 0..k + 2 {
            if x >= 2 && same[x - 2] {
                let (head, tail) = out.split_at_mut(x);
                tail[0].copy_from_slice(&head[0]);
                sets.push(sets[0].clone());
            } else {
                sets.push(self.set(&mut out[x]));
            }
        }
        sets
    }

    /// A unit's score outputs (0 to 100, NaN for none): overall, then the areas.
    fn write(&self, nodes: &[NodeScore], dest: &mut [f64]) {
        dest[0] = nodes[self.fw.root]
            .score
            .map(|x| x * 100.0)
            .unwrap_or(f64::NAN);
        for (a, &n) in self.areas.iter().enumerate() {
            dest[1 + a] = nodes[n].score.map(|x| x * 100.0).unwrap_or(f64::NAN);
        }
    }

    /// With ranks, every unit's rank into `per`; the set's outputs: the mean of each
    /// score output, the mean absolute rank change from the nominal ranks.
    fn set(&self, per: &mut [f64]) -> Vec<f64> {
        let (n_units, n_out) = (self.units.len(), self.n_out);
        let ranks = self.rank.then(|| {
            let overall: Vec<Option<f64>> = (0..n_units)
                .map(|u| Some(per[u * n_out]).filter(|x| !x.is_nan()))
                .collect();
            crate::compare::uncertainty::ranks(&overall)
        });
        if let Some(r) = &ranks {
            for u in 0..n_units {
                per[u * n_out + n_out - 1] = r[u].map(|x| x as f64).unwrap_or(f64::NAN);
            }
        }
        let mut set = vec![f64::NAN; n_out];
        for (o, slot) in set.iter_mut().enumerate() {
            if self.rank && o == n_out - 1 {
                let changes: Vec<f64> = (0..n_units)
                    .filter_map(|u| {
                        match (ranks.as_ref().and_then(|r| r[u]), self.nominal_ranks[u]) {
                            (Some(a), Some(b)) => Some((a as f64 - b as f64).abs()),
                            _ => None,
                        }
                    })
                    .collect();
                if !changes.is_empty() {
                    *slot = changes.iter().sum::<f64>() / changes.len() as f64;
                }
                continue;
            }
            let vals: Vec<f64> = (0..n_units)
                .map(|u| per[u * n_out + o])
                .filter(|x| !x.is_nan())
                .collect();
            if !vals.is_empty() {
                *slot = vals.iter().sum::<f64>() / vals.len() as f64;
            }
        }
        set
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::sensitivity::{SensitivityOptions, design_row, factors};
    use crate::rules::Rules;

    /// Every output of every sample of a row, rolled up in full.
    fn full(design: &Design, (a, b): (&[f64], &[f64]), conc: f64) -> Vec<Vec<f64>> {
        let (fw, k) = (design.fw, design.factors.len());
        let mut values = vec![a.to_vec(), b.to_vec()];
        for i in 0..k {
            let mut v = a.to_vec();
            v[i] = b[i];
            values.push(v);
        }
        values
            .iter()
            .map(|v| {
                let s = sample(fw, &design.nominal, design.factors, v, conc);
                let mut per = vec![f64::NAN; design.units.len() * design.n_out];
                for (u, unit) in design.units.iter().enumerate() {
                    let leaves: Vec<Leaf> = unit.sources.iter().map(|x| x.leaf(&s)).collect();
                    let mut nodes = Vec::new();
                    roll_up_into(fw, &leaves, &s.scheme, &design.order, &mut nodes);
                    let at = u * design.n_out;
                    design.write(&nodes, &mut per[at..at + design.n_out]);
                }
                design.set(&mut per);
                per
            })
            .collect()
    }

    #[test]
    fn partial_roll_ups_give_the_full_roll_ups_numbers() {
        // MGI-aligned units with don't-know answers, and the don't-know policy as a
        // factor: every kind of partial roll-up (weights of one level, the method, an
        // option's score, the policy; a factor that does not touch a unit; the same
        // choice in A and B).
        let rules = Rules::bundled();
        let mut fw = rules.get("mgi").unwrap().clone();
        fw.uncertainty.dont_know_policies = vec![Policy::Missing, Policy::Score(0.0)];
        let results: Vec<Results> = (0..8)
            .map(|i| {
                let bytes =
                    crate::fixtures::styled(&fw, i, "en", crate::synth::AnswerStyle::Codes, |o| {
                        o.dont_know = if i % 3 == 0 { 0.0 } else { 0.05 }
                    })
                    .unwrap();
                let a = &crate::intake::Reader::new(&rules)
                    .read_bytes("x.xlsx", &bytes, None)
                    .unwrap()[0];
                crate::results::evaluate(&fw, a)
            })
            .collect();
        let refs: Vec<&Results> = results.iter().collect();
        let mut opts = SensitivityOptions::from_framework(&fw, 10, 3);
        opts.rank = true;
        let factors = factors(&fw, &opts);
        assert_eq!(factors.len(), 6, "{factors:?}");
        let areas: Vec<usize> = fw.nodes[fw.root]
            .children
            .iter()
            .filter_map(|c| match c {
                crate::rules::Child::Node(n) => Some(*n),
                crate::rules::Child::Indicator(_) => None,
            })
            .collect();
        let design = Design::new(&fw, &factors, &refs, &areas, true);
        let mut scratch = Scratch::default();
        let mut out = vec![Vec::new(); factors.len() + 2];
        let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
        for j in 0..24 {
            let (a, b) = design_row(3, j, factors.len());
            design.row((&a, &b), opts.concentration, &mut scratch, &mut out);
            for (x, want) in full(&design, (&a, &b), opts.concentration)
                .iter()
                .enumerate()
            {
                assert_eq!(bits(&out[x]), bits(want), "row {j}, sample {x}");
            }
        }
    }
}
