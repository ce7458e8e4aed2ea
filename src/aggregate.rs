//! Aggregation: indicator scores rolled up the framework's tree with weights, methods,
//! coverage rules and bands. One roll-up serves one assessment and a thousand (the
//! comparison and the uncertainty analysis call it with other weights and methods).
//!
//! A node's score is computed on the raw weights as Σwx / Σw over the children that have
//! a score (so weights renormalise over what applies and what is answered). Coverage is
//! the weight share, among the node's applicable children, of those with a score. Below
//! the node's minimum coverage it has no score ("insufficient data"); a node whose
//! children all do not apply does not apply either.

use crate::rules::{Aggregation, Child, Framework};
use crate::score::{IndicatorScore, Status};

/// The state of a node after roll-up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NodeStatus {
    /// Has a score.
    Scored,
    /// Too little of its weight is answered.
    InsufficientData,
    /// None of its children applies.
    NotApplicable,
}

impl NodeStatus {
    /// The name used in JSON.
    pub fn name(self) -> &'static str {
        match self {
            NodeStatus::Scored => "scored",
            NodeStatus::InsufficientData => "insufficient_data",
            NodeStatus::NotApplicable => "not_applicable",
        }
    }
}

/// A node's roll-up.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NodeScore {
    /// Score in [0, 1] when scored.
    pub score: Option<f64>,
    /// Weight share of applicable children that have a score (1 for a node that does not
    /// apply).
    pub coverage: f64,
    /// Status.
    pub status: NodeStatus,
}

/// What a leaf brings to the roll-up.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Leaf {
    /// False when the indicator does not apply.
    pub applies: bool,
    /// Its score in [0, 1], if any.
    pub score: Option<f64>,
}

impl Leaf {
    /// The leaf of a scored indicator.
    pub fn of(s: &IndicatorScore) -> Leaf {
        Leaf {
            applies: s.status != Status::NotApplicable,
            score: s.score,
        }
    }
}

/// The choices a roll-up depends on: weights of every node's children (aligned with
/// `Node::children`), the method of every node, and the geometric floor.
#[derive(Debug, Clone, PartialEq)]
pub struct Scheme {
    /// Per node, the weights of its children in order.
    pub weights: Vec<Vec<f64>>,
    /// Per node, its aggregation method.
    pub methods: Vec<Aggregation>,
    /// Floor for geometric means, in [0, 1].
    pub floor: f64,
}

impl Scheme {
    /// The framework's own weights and methods.
    pub fn nominal(fw: &Framework) -> Scheme {
        Scheme {
            weights: fw
                .nodes
                .iter()
                .map(|n| n.children.iter().map(|c| fw.child_weight(*c)).collect())
                .collect(),
            methods: fw.nodes.iter().map(|n| n.aggregation).collect(),
            floor: fw.geometric_floor,
        }
    }
}

/// Tolerance for coverage comparisons.
const EPS: f64 = 1e-12;

/// Rolls leaf scores up the tree. `order` is `fw.tree_order()` (parents first), passed in
/// so callers that roll up many times compute it once.
pub fn roll_up(
    fw: &Framework,
    leaves: &[Leaf],
    scheme: &Scheme,
    order: &[usize],
) -> Vec<NodeScore> {
    let mut out = Vec::new();
    roll_up_into(fw, leaves, scheme, order, &mut out);
    out
}

/// [`roll_up`] into a buffer that is reused between calls (no allocation once it has
/// grown): the uncertainty analysis rolls up millions of times.
pub fn roll_up_into(
    fw: &Framework,
    leaves: &[Leaf],
    scheme: &Scheme,
    order: &[usize],
    out: &mut Vec<NodeScore>,
) {
    out.clear();
    out.resize(
        fw.nodes.len(),
        NodeScore {
            score: None,
            coverage: 0.0,
            status: NodeStatus::NotApplicable,
        },
    );
    for &n in order.iter().rev() {
        out[n] = node_score(fw, n, leaves, out, scheme);
    }
}

/// One node's roll-up from its children's current values (leaves, and `nodes` for inner
/// children). Changing one leaf only changes its ancestors: recomputing them with this
/// is a full roll-up's result at a fraction of its cost.
pub fn node_score(
    fw: &Framework,
    n: usize,
    leaves: &[Leaf],
    nodes: &[NodeScore],
    scheme: &Scheme,
) -> NodeScore {
    let node = &fw.nodes[n];
    let method = scheme.methods[n];
    let (mut applicable_w, mut applicable_n) = (0.0, 0usize);
    let (mut scored_w, mut scored_n) = (0.0, 0usize);
    // Σwx, Σw ln max(x, floor), min x: one pass, whatever the method.
    let (mut sum, mut log_sum, mut min) = (0.0, 0.0, f64::INFINITY);
    for (k, c) in node.children.iter().enumerate() {
        let w = scheme.weights[n][k];
        let (applies, score) = match *c {
            Child::Indicator(i) => (leaves[i].applies, leaves[i].score),
            Child::Node(j) => (nodes[j].status != NodeStatus::NotApplicable, nodes[j].score),
        };
        if !applies {
            continue;
        }
        applicable_w += w;
        applicable_n += 1;
        if let Some(x) = score {
            scored_w += w;
            scored_n += 1;
            match method {
                Aggregation::Arithmetic => sum += w * x,
                Aggregation::Geometric => log_sum += w * x.max(scheme.floor).ln(),
                Aggregation::Minimum => min = min.min(x),
            }
        }
    }
    if applicable_n == 0 {
        return NodeScore {
            score: None,
            coverage: 1.0,
            status: NodeStatus::NotApplicable,
        };
    }
    let coverage = if applicable_w > 0.0 {
        scored_w / applicable_w
    } else {
        scored_n as f64 / applicable_n as f64
    };
    let enough = scored_n > 0 && coverage + EPS >= node.min_coverage;
    let score = match method {
        _ if !enough => None,
        Aggregation::Arithmetic => (scored_w > 0.0).then(|| (sum / scored_w).clamp(0.0, 1.0)),
        Aggregation::Geometric => {
            (scored_w > 0.0).then(|| (log_sum / scored_w).exp().clamp(0.0, 1.0))
        }
        Aggregation::Minimum => Some(min),
    };
    NodeScore {
        score,
        coverage,
        status: if score.is_some() {
            NodeStatus::Scored
        } else {
            NodeStatus::InsufficientData
        },
    }
}
