//! Scoring, aggregation and gaps: hand-checked cases, properties, and `mgi score`.

use crate::harness::{mgi_in, root, tmp, write_files};
use mgi::aggregate::{Leaf, NodeStatus, Scheme, roll_up};
use mgi::diag::Location;
use mgi::intake::{Answer, Assessment, Meta, Reading};
use mgi::results::evaluate;
use mgi::rules::{Aggregation, Framework, Rules, criterion_scale};
use mgi::score::Status;
use proptest::prelude::*;
use std::collections::BTreeMap;

/// A small framework with every scale kind and every aggregation method.
pub const HAND: &str = r#"
[framework]
id = "hand"
version = "1"
languages = ["en"]
title = { en = "Hand-checked" }
levels = [
  { id = "overall", label = { en = "Overall" } },
  { id = "area", label = { en = "Area" } },
  { id = "indicator", label = { en = "Indicator" } },
]
geometric_floor = 1

[special.dont_know]
code = "dk"
label = { en = "Don't know" }
policy = "missing"

[[context]]
id = "role"
question = { en = "Role" }
[[context.option]]
code = "host"
label = { en = "Host" }
[[context.option]]
code = "origin"
label = { en = "Origin" }

[[scale]]
id = "ypn"
kind = "choice"
[[scale.option]]
code = "yes"
score = 1.0
label = { en = "Yes" }
[[scale.option]]
code = "partial"
score = 0.5
score_range = [0.25, 0.75]
label = { en = "Partially" }
[[scale.option]]
code = "no"
score = 0.0
label = { en = "No" }

[[scale]]
id = "lv"
kind = "levels"
[[scale.level]]
code = "a"
score = 0.0
label = { en = "A" }
[[scale.level]]
code = "b"
score = 0.25
label = { en = "B" }
[[scale.level]]
code = "c"
score = 0.75
label = { en = "C" }
[[scale.level]]
code = "d"
score = 1.0
label = { en = "D" }

[[scale]]
id = "cum"
kind = "levels"
cumulative = true
[[scale.level]]
code = "L0"
score = 0.0
label = { en = "L0" }
[[scale.level]]
code = "L1"
score = 0.5
label = { en = "L1" }
[[scale.level]]
code = "L2"
score = 1.0
label = { en = "L2" }

[[scale]]
id = "num"
kind = "numeric"
min = 0
max = 200
goalposts = [[0, 0.0], [50, 0.5], [100, 1.0]]

[[scale]]
id = "yn"
kind = "boolean"

[[node]]
id = "all"
label = { en = "All" }

[[node]]
id = "A"
parent = "all"
weight = 2
label = { en = "Arithmetic" }

[[node]]
id = "G"
parent = "all"
aggregation = "geometric"
label = { en = "Geometric" }

[[node]]
id = "M"
parent = "all"
aggregation = "minimum"
label = { en = "Minimum" }

[[node]]
id = "C"
parent = "all"
min_coverage = 0.75
label = { en = "Coverage" }

[[indicator]]
id = "A.1"
parent = "A"
scale = "ypn"
question = { en = "A1?" }

[[indicator]]
id = "A.2"
parent = "A"
scale = "lv"
weight = 3
question = { en = "A2?" }

[[indicator]]
id = "A.3"
parent = "A"
scale = "num"
question = { en = "A3?" }

[[indicator]]
id = "G.1"
parent = "G"
scale = "ypn"
question = { en = "G1?" }

[[indicator]]
id = "G.2"
parent = "G"
scale = "ypn"
question = { en = "G2?" }

[[indicator]]
id = "M.1"
parent = "M"
scale = "ypn"
question = { en = "M1?" }

[[indicator]]
id = "M.2"
parent = "M"
scale = "yn"
question = { en = "M2?" }

[[indicator]]
id = "M.3"
parent = "M"
scale = "cum"
critical = true
question = { en = "M3?" }
[[indicator.criterion]]
id = "M.3.a"
level = "L1"
text = { en = "first" }
[[indicator.criterion]]
id = "M.3.b"
level = "L2"
text = { en = "second" }
[[indicator.criterion]]
id = "M.3.c"
level = "L2"
text = { en = "third" }

[[indicator]]
id = "C.1"
parent = "C"
scale = "ypn"
question = { en = "C1?" }

[[indicator]]
id = "C.2"
parent = "C"
scale = "ypn"
question = { en = "C2?" }

[[indicator]]
id = "C.3"
parent = "C"
scale = "ypn"
question = { en = "C3?" }

[[indicator]]
id = "C.4"
parent = "C"
scale = "ypn"
applies_if = { question = "role", in = ["origin"] }
question = { en = "C4?" }

[[band]]
code = "low"
lower = 0
label = { en = "Low" }

[[band]]
code = "mid"
lower = 40
label = { en = "Mid" }

[[band]]
code = "high"
lower = 80
label = { en = "High" }

[[band]]
code = "top"
exact = 100
label = { en = "Top" }
"#;

/// Loads the hand framework, with `edit` applied to its text.
pub fn hand(edit: impl Fn(&str) -> String) -> Framework {
    let dir = tmp();
    write_files(dir.path(), &[("hand/hand.toml", &edit(HAND))]);
    let rules = Rules::from_dir(dir.path());
    assert!(!rules.has_errors(), "{:?}", rules.diagnostics);
    rules.get("hand").unwrap().clone()
}

/// An assessment with answers given as (id, code-or-number) pairs.
pub fn assess(fw: &Framework, answers: &[(&str, &str)], role: &str) -> Assessment {
    let crit = criterion_scale();
    let list = answers
        .iter()
        .map(|(id, given)| {
            let scale = fw
                .indicator_index(id)
                .map(|i| fw.scale_of(i).clone())
                .unwrap_or_else(|| crit.clone());
            let reading = match *given {
                "" => Reading::Blank,
                "na" => Reading::NotApplicable,
                "dk" => Reading::DontKnow,
                "??" => Reading::Invalid,
                g => match scale.options.iter().position(|o| o.code == g) {
                    Some(k) => Reading::Option(k),
                    None => Reading::Number(g.parse().expect("a code or a number")),
                },
            };
            Answer {
                id: id.to_string(),
                given: given.to_string(),
                reading,
                evidence: String::new(),
                comment: String::new(),
                responsible: String::new(),
                location: Location::default(),
                origin: None,
            }
        })
        .collect();
    let mut context = BTreeMap::new();
    context.insert("role".to_string(), role.to_string());
    Assessment {
        source: "test".into(),
        source_sha256: String::new(),
        format: "test".into(),
        framework: fw.id.clone(),
        version: fw.version.clone(),
        meta: Meta {
            unit_code: "XAA".into(),
            period: "2026".into(),
            round: "1".into(),
            context,
            ..Default::default()
        },
        answers: list,
        diagnostics: Vec::new(),
        unknown_ids: Vec::new(),
    }
}

const CASE: [(&str, &str); 14] = [
    ("A.1", "yes"),
    ("A.2", "c"),
    ("A.3", "75"),
    ("G.1", "yes"),
    ("G.2", "no"),
    ("M.1", "partial"),
    ("M.2", "yes"),
    ("M.3.a", "yes"),
    ("M.3.b", "yes"),
    ("M.3.c", "no"),
    ("C.1", "yes"),
    ("C.2", "dk"),
    ("C.3", "no"),
    ("C.4", "yes"),
];

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-12
}

#[test]
fn every_scale_and_method_by_hand() {
    let fw = hand(|s| s.to_string());
    let r = evaluate(&fw, &assess(&fw, &CASE, "host"));
    let node = |id: &str| r.nodes[fw.node_index(id).unwrap()];
    let ind = |id: &str| &r.indicators[fw.indicator_index(id).unwrap()];
    // Scales: choice, levels, numeric goalposts (75 → 0.75), boolean, cumulative.
    assert_eq!(ind("A.1").score, Some(1.0));
    assert_eq!(ind("A.2").score, Some(0.75));
    assert!(close(ind("A.3").score.unwrap(), 0.75));
    assert_eq!(ind("M.2").score, Some(1.0));
    assert_eq!(
        (ind("M.3").score, ind("M.3").answer.as_str()),
        (Some(0.5), "L1"),
        "L2 has a criterion not met"
    );
    // Not applicable by condition; don't know is missing by policy.
    assert_eq!(ind("C.4").status, Status::NotApplicable);
    assert_eq!(
        (ind("C.2").status, ind("C.2").score),
        (Status::DontKnow, None)
    );
    // Arithmetic: (1×1 + 3×0.75 + 1×0.75) / 5 = 0.8.
    assert!(close(node("A").score.unwrap(), 0.8));
    // Geometric with the 1-point floor: sqrt(1 × 0.01) = 0.1.
    assert!(close(node("G").score.unwrap(), 0.1));
    // Minimum: min(0.5, 1, 0.5) = 0.5.
    assert!(close(node("M").score.unwrap(), 0.5));
    // Coverage 2/3 (C.4 does not apply and does not lower it) is below 0.75.
    assert!(close(node("C").coverage, 2.0 / 3.0));
    assert_eq!(
        (node("C").score, node("C").status),
        (None, NodeStatus::InsufficientData)
    );
    // Root: weights renormalised over scored children, (2×0.8 + 0.1 + 0.5) / 4 = 0.55;
    // coverage 4/5 of the weight.
    let o = r.overall();
    assert!(close(o.score.unwrap(), 0.55));
    assert!(close(o.coverage, 0.8));
    assert_eq!(fw.band_of(55.0).unwrap().code, "mid");
    // Data gaps: the don't-know.
    let dg: Vec<&str> = r
        .data_gaps
        .iter()
        .map(|d| fw.indicators[d.indicator].id.as_str())
        .collect();
    assert_eq!(dg, ["C.2"]);
}

#[test]
fn gaps_rank_by_points_then_criticality_then_framework_order() {
    let fw = hand(|s| s.to_string());
    let r = evaluate(&fw, &assess(&fw, &CASE, "host"));
    let gaps: Vec<(&str, f64)> = r
        .gaps
        .iter()
        .map(|g| (fw.indicators[g.indicator].id.as_str(), g.points.unwrap()))
        .collect();
    let ids: Vec<&str> = gaps.iter().map(|g| g.0).collect();
    // G.2 to yes: G = 1, root (1.6 + 1 + 0.5) / 4 = 0.775 → +22.5.
    // A.2 to d: A = 0.95, root 0.625 → +7.5. A.3 to its best: A = 0.85 → +2.5.
    // M.1, M.3 (critical) and C.3 gain nothing (the minimum stays 0.5; C stays below
    // its minimum coverage): M.3 first as critical, then framework order.
    assert_eq!(ids, ["G.2", "A.2", "A.3", "M.3", "M.1", "C.3"]);
    let pts: Vec<f64> = gaps.iter().map(|g| g.1).collect();
    for (got, want) in pts.iter().zip([22.5, 7.5, 2.5, 0.0, 0.0, 0.0]) {
        assert!((got - want).abs() < 1e-9, "{pts:?}");
    }
    assert_eq!(
        r.gaps.iter().map(|g| g.rank).collect::<Vec<_>>(),
        [1, 2, 3, 4, 5, 6]
    );
    assert!(r.gaps[3].critical);
}

#[test]
fn points_equal_effective_weight_times_gap_in_an_arithmetic_tree() {
    let rules = Rules::bundled();
    let fw = rules.get("mgi").unwrap();
    let codes = ["full", "partial", "absent"];
    let answers: Vec<(String, String)> = fw
        .indicators
        .iter()
        .enumerate()
        .map(|(i, ind)| (ind.id.clone(), codes[(i * 7) % 3].to_string()))
        .collect();
    let pairs: Vec<(&str, &str)> = answers
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let r = evaluate(fw, &assess(fw, &pairs, "host"));
    let eff = fw.effective_weights();
    assert!(!r.gaps.is_empty());
    for g in &r.gaps {
        let want = eff[g.indicator] * (1.0 - g.score) * 100.0;
        assert!(
            (g.points.unwrap() - want).abs() < 1e-9,
            "{}: {} vs {want}",
            fw.indicators[g.indicator].id,
            g.points.unwrap()
        );
    }
}

#[test]
fn cumulative_levels_never_guess_a_blank() {
    let fw = hand(|s| s.to_string());
    let m3 = |a: &str, b: &str, c: &str| {
        let r = evaluate(
            &fw,
            &assess(&fw, &[("M.3.a", a), ("M.3.b", b), ("M.3.c", c)], "host"),
        );
        let s = &r.indicators[fw.indicator_index("M.3").unwrap()];
        (s.status, s.score)
    };
    assert_eq!(m3("yes", "yes", "yes"), (Status::Scored, Some(1.0)));
    assert_eq!(m3("yes", "no", "yes"), (Status::Scored, Some(0.5)));
    assert_eq!(
        m3("no", "yes", "yes"),
        (Status::Scored, Some(0.0)),
        "a level counts only when the lower ones are met"
    );
    assert_eq!(
        m3("yes", "", "no"),
        (Status::Scored, Some(0.5)),
        "a criterion not met decides the level"
    );
    assert_eq!(
        m3("yes", "", "yes"),
        (Status::Scored, Some(0.5)),
        "a blank that decides is never guessed: the level proven is a lower bound"
    );
    assert_eq!(m3("", "", ""), (Status::Missing, None));
    assert_eq!(
        m3("", "yes", "yes"),
        (Status::Missing, None),
        "nothing proven"
    );
    assert_eq!(m3("yes", "dk", "yes"), (Status::Scored, Some(0.5)));
    assert_eq!(m3("dk", "yes", "yes").0, Status::DontKnow);
    assert_eq!(m3("na", "na", "na").0, Status::NotApplicable);
    assert_eq!(
        m3("yes", "na", "yes"),
        (Status::Scored, Some(1.0)),
        "a criterion not applicable keeps its meaning: it does not count"
    );
}

#[test]
fn policies_for_dont_know_and_blank() {
    let scored = hand(|s| {
        s.replace("policy = \"missing\"", "policy = \"score\"\nscore = 0.0")
            + "\n[special.blank]\npolicy = \"score\"\nscore = 0.0\n"
    });
    let r = evaluate(
        &scored,
        &assess(
            &scored,
            &[("C.1", "yes"), ("C.2", "dk"), ("C.3", "")],
            "host",
        ),
    );
    let c = r.nodes[scored.node_index("C").unwrap()];
    // Both counted as 0 by policy: (1 + 0 + 0) / 3, coverage full, and both still listed.
    assert!(close(c.score.unwrap(), 1.0 / 3.0));
    assert!(close(c.coverage, 1.0));
    assert_eq!(
        r.data_gaps.len(),
        scored.indicators.len() - 1 - 1,
        "every unanswered or don't-know indicator is a data gap"
    );
    let c2 = &r.indicators[scored.indicator_index("C.2").unwrap()];
    assert_eq!((c2.status, c2.score), (Status::DontKnow, Some(0.0)));
    assert!(
        r.gaps
            .iter()
            .any(|g| scored.indicators[g.indicator].id == "C.2"),
        "a don't-know scored by policy is a gap"
    );
    // The default: blank is missing, never counted as yes or no.
    let fw = hand(|s| s.to_string());
    let r = evaluate(
        &fw,
        &assess(&fw, &[("C.1", "yes"), ("C.2", ""), ("C.3", "")], "host"),
    );
    let c = r.nodes[fw.node_index("C").unwrap()];
    assert_eq!(c.status, NodeStatus::InsufficientData);
    assert!(close(c.coverage, 1.0 / 3.0));
}

#[test]
fn an_indicator_that_does_not_apply_leaves_its_siblings_alone() {
    let fw = hand(|s| s.to_string());
    let base = [
        ("C.1", "yes"),
        ("C.2", "partial"),
        ("C.3", "no"),
        ("C.4", "yes"),
    ];
    let host = evaluate(&fw, &assess(&fw, &base, "host"));
    let origin = evaluate(&fw, &assess(&fw, &base, "origin"));
    let c = fw.node_index("C").unwrap();
    assert!(
        close(host.nodes[c].score.unwrap(), 0.5),
        "(1 + 0.5 + 0) / 3"
    );
    assert!(
        close(origin.nodes[c].score.unwrap(), 0.625),
        "(1 + 0.5 + 0 + 1) / 4"
    );
    // A node whose children all do not apply does not apply either.
    let na = evaluate(
        &fw,
        &assess(&fw, &[("C.1", "na"), ("C.2", "na"), ("C.3", "na")], "host"),
    );
    assert_eq!(na.nodes[c].status, NodeStatus::NotApplicable);
}

#[test]
fn sdg_bands_at_their_edges() {
    let rules = Rules::bundled();
    let fw = rules.get("sdg-10-7-2").unwrap();
    let band = |x: f64| fw.band_of(x).unwrap().code.clone();
    assert_eq!(band(0.0), "1");
    assert_eq!(band(39.99), "1");
    assert_eq!(band(40.0), "2");
    assert_eq!(band(79.99), "2");
    assert_eq!(band(80.0), "3");
    assert_eq!(band(99.99), "3");
    assert_eq!(band(100.0), "4");
    assert_eq!(band(100.0 - 1e-12), "4", "within the 1e-9 tolerance");
    // Everything yes: exactly 100, "Fully meets", code 4.
    let yes: Vec<(String, String)> = fw
        .indicators
        .iter()
        .map(|i| {
            (
                i.id.clone(),
                if i.parent == fw.node_index("PD_1").unwrap() {
                    "all"
                } else {
                    "yes"
                }
                .to_string(),
            )
        })
        .collect();
    let pairs: Vec<(&str, &str)> = yes.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let r = evaluate(fw, &assess(fw, &pairs, ""));
    assert_eq!(r.overall().score, Some(1.0));
    assert_eq!(fw.band_of(100.0).unwrap().label.0["en"], "Fully meets");
    assert_eq!(r.strengths.len(), 6, "every domain is a strength");
    // One sub-category at partial: that domain is 90 ("Meets"), overall (5×100 + 90)/6.
    let mut pairs = pairs.clone();
    pairs[7].1 = "partial";
    let r = evaluate(fw, &assess(fw, &pairs, ""));
    let d2 = r.nodes[fw.node_index("PD_2").unwrap()].score.unwrap();
    assert!(close(d2, 0.9));
    assert_eq!(fw.band_of(d2 * 100.0).unwrap().code, "3");
    assert!(close(r.overall().score.unwrap(), (5.0 + 0.9) / 6.0));
}

/// Random answers for a framework: option index per indicator, some not applicable or
/// missing.
fn answers_strategy(n: usize) -> impl Strategy<Value = Vec<u8>> {
    proptest::collection::vec(0u8..10, n)
}

fn to_pairs(fw: &Framework, picks: &[u8]) -> Vec<(String, String)> {
    let crit = criterion_scale();
    let mut out = Vec::new();
    for (i, ind) in fw.indicators.iter().enumerate() {
        let p = picks[i % picks.len()];
        let scale = fw.scale_of(i);
        let pick = |opts: &[mgi::rules::Choice]| match p {
            8 => "na".to_string(),
            9 => String::new(),
            k => opts[k as usize % opts.len()].code.clone(),
        };
        if scale.cumulative {
            for (k, c) in ind.criteria.iter().enumerate() {
                out.push((
                    c.id.clone(),
                    crit.options[(p as usize + k) % 2].code.clone(),
                ));
            }
        } else {
            out.push((ind.id.clone(), pick(&scale.options)));
        }
    }
    out
}

fn pairs(v: &[(String, String)]) -> Vec<(&str, &str)> {
    v.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn every_score_is_between_0_and_100(picks in answers_strategy(60), geo in any::<bool>()) {
        let rules = Rules::bundled();
        // A view has no answers of its own (it is scored through a crosswalk).
        for fw in rules.frameworks.iter().filter(|f| !f.is_view()) {
            let a = assess(fw, &pairs(&to_pairs(fw, &picks)), "both");
            let mut r = evaluate(fw, &a);
            if geo {
                let mut scheme = Scheme::nominal(fw);
                scheme.methods = vec![Aggregation::Geometric; fw.nodes.len()];
                let leaves: Vec<Leaf> = r.indicators.iter().map(Leaf::of).collect();
                r.nodes = roll_up(fw, &leaves, &scheme, &fw.tree_order());
            }
            for n in &r.nodes {
                if let Some(s) = n.score { prop_assert!((0.0..=1.0).contains(&s)); }
                prop_assert!((0.0..=1.0).contains(&n.coverage));
            }
            for g in &r.gaps {
                if let Some(p) = g.points { prop_assert!((-1e-9..=100.0).contains(&p)); }
            }
        }
    }

    #[test]
    fn a_better_answer_never_lowers_a_node(picks in answers_strategy(92), which in 0usize..92, method in 0usize..3) {
        let rules = Rules::bundled();
        let fw = rules.get("mgi").unwrap();
        let mut v = to_pairs(fw, &picks);
        let i = which % v.len();
        // The "presence" scale lists full, partial, absent: a lower index is better.
        let better = match v[i].1.as_str() { "absent" => "partial", "partial" => "full", _ => return Ok(()) };
        let scheme = {
            let mut s = Scheme::nominal(fw);
            s.methods = vec![[Aggregation::Arithmetic, Aggregation::Geometric, Aggregation::Minimum][method]; fw.nodes.len()];
            s
        };
        let roll = |v: &[(String, String)]| {
            let r = evaluate(fw, &assess(fw, &pairs(v), ""));
            let leaves: Vec<Leaf> = r.indicators.iter().map(Leaf::of).collect();
            roll_up(fw, &leaves, &scheme, &fw.tree_order())
        };
        let before = roll(&v);
        v[i].1 = better.to_string();
        let after = roll(&v);
        for (b, a) in before.iter().zip(&after) {
            if let (Some(b), Some(a)) = (b.score, a.score) { prop_assert!(a >= b - 1e-12, "{b} → {a}"); }
            prop_assert_eq!(b.status, a.status);
        }
    }

    #[test]
    fn scaling_a_nodes_child_weights_changes_nothing(picks in answers_strategy(60), node in 0usize..100, c in 0.01f64..100.0) {
        let rules = Rules::bundled();
        let fw = rules.get("micic").unwrap();
        let r = evaluate(fw, &assess(fw, &pairs(&to_pairs(fw, &picks)), "both"));
        let leaves: Vec<Leaf> = r.indicators.iter().map(Leaf::of).collect();
        let order = fw.tree_order();
        let mut scheme = Scheme::nominal(fw);
        let n = node % fw.nodes.len();
        for w in &mut scheme.weights[n] { *w *= c; }
        let scaled = roll_up(fw, &leaves, &scheme, &order);
        for (a, b) in r.nodes.iter().zip(&scaled) {
            prop_assert_eq!(a.status, b.status);
            match (a.score, b.score) {
                (Some(x), Some(y)) => prop_assert!((x - y).abs() < 1e-12),
                (x, y) => prop_assert_eq!(x, y),
            }
            prop_assert!((a.coverage - b.coverage).abs() < 1e-12);
        }
    }

    #[test]
    fn not_applicable_only_renormalises_its_siblings(picks in proptest::collection::vec(0u8..3, 30), which in 0usize..30) {
        let rules = Rules::bundled();
        let fw = rules.get("sdg-10-7-2").unwrap();
        let mut v = to_pairs(fw, &picks);
        v[which].1 = "na".into();
        let r = evaluate(fw, &assess(fw, &pairs(&v), ""));
        let ind = &fw.indicators[which];
        let parent = ind.parent;
        // The parent's score is the plain mean of the other four sub-categories.
        let others: Vec<f64> = fw.nodes[parent].children.iter().filter_map(|c| match c {
            mgi::rules::Child::Indicator(k) if *k != which => r.indicators[*k].score,
            _ => None,
        }).collect();
        prop_assert_eq!(others.len(), 4);
        let want = others.iter().sum::<f64>() / 4.0;
        prop_assert!((r.nodes[parent].score.unwrap() - want).abs() < 1e-12);
        prop_assert!((r.nodes[parent].coverage - 1.0).abs() < 1e-12);
    }
}

// ---- mgi score through the command line ----

fn fixture(name: &str) -> String {
    root().join("fixtures").join(name).display().to_string()
}

#[test]
fn score_writes_the_default_report_and_a_summary() {
    let dir = tmp();
    let run = mgi_in(dir.path(), &["score", &fixture("XAB-2026-sdg-10-7-2.xlsx")]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("XAB 2026 · sdg-10-7-2: overall 19.2 (Nécessite des progrès supplémentaires), coverage 100%"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("biggest gaps: "), "{}", run.stdout);
    assert!(
        run.stdout
            .contains("report: reports/XAB-2026-sdg-10-7-2-gap-report.xlsx")
    );
    assert!(
        dir.path()
            .join("reports/XAB-2026-sdg-10-7-2-gap-report.xlsx")
            .is_file()
    );
}

#[test]
fn score_json_is_the_contract() {
    let run = crate::harness::mgi(&[
        "score",
        "--format",
        "json",
        &fixture("XAB-2026-sdg-10-7-2.xlsx"),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let j = run.json();
    assert_eq!(j["schema"], "mgi.score/1");
    let keys: Vec<&str> = j.as_object().unwrap().keys().map(String::as_str).collect();
    for k in [
        "assessment",
        "overall",
        "nodes",
        "indicators",
        "gaps",
        "data_gaps",
        "strengths",
        "diagnostics",
    ] {
        assert!(keys.contains(&k), "{k}");
    }
    let a = &j["assessment"];
    assert_eq!(a["unit"]["code"], "XAB");
    assert_eq!(a["period"], "2026");
    assert_eq!(a["framework"], "sdg-10-7-2");
    assert_eq!(a["source_sha256"].as_str().unwrap().len(), 64);
    let overall = j["overall"]["score"].as_f64().unwrap();
    // Since framework 1.1.0 XAB answers under the official coding: the mean of its six
    // domain values is 115 / 6.
    assert!((overall - 115.0 / 6.0).abs() < 1e-9);
    assert_eq!(j["overall"]["band"], "1");
    assert_eq!(j["overall"]["coverage"], 1.0);
    assert_eq!(j["nodes"][0]["id"], "overall");
    let ind = &j["indicators"][0];
    assert_eq!(ind["id"], "PD_1.a");
    assert!(
        [
            "scored",
            "not_applicable",
            "missing",
            "dont_know",
            "invalid"
        ]
        .contains(&ind["status"].as_str().unwrap())
    );
    // A French workbook: its sheets carry French names.
    assert_eq!(ind["source_cell"], "Évaluation!E3");
    // Additions to the contract: context answers, the share answered, and per gap the
    // actions with their lead, and the tools and practices that fit.
    assert!(a["context"].is_object());
    let answered = j["overall"]["answered"].as_f64().unwrap();
    assert!((0.0..=1.0).contains(&answered));
    let g = &j["gaps"][0];
    assert_eq!(g["rank"], 1);
    for k in [
        "indicator",
        "points",
        "score",
        "status",
        "critical",
        "actions",
        "tools",
        "practices",
    ] {
        assert!(g.get(k).is_some(), "{k}");
    }
    // Deterministic: the same input gives the same bytes.
    let again = crate::harness::mgi(&[
        "score",
        "--format",
        "json",
        &fixture("XAB-2026-sdg-10-7-2.xlsx"),
    ]);
    assert_eq!(run.stdout, again.stdout);
    // Several inputs: an array in input order.
    let two = crate::harness::mgi(&[
        "score",
        "--format",
        "json",
        &fixture("XAB-2026-sdg-10-7-2.xlsx"),
        &fixture("XAA-2026-micic.xlsx"),
    ]);
    let arr = two.json();
    assert_eq!(arr.as_array().unwrap().len(), 2);
    assert_eq!(arr[1]["assessment"]["framework"], "micic");
}

#[test]
fn score_csv_neutralises_formulas() {
    let dir = tmp();
    // A unit code that a spreadsheet would run as a formula.
    let rules = Rules::bundled();
    let fw = rules.get("sdg-10-7-2").unwrap();
    let csv = crate::fixtures::wide_csv(fw, 2)
        .replacen("XAA,", "=1+2,", 1)
        .replace("XAB (fictional)", "@SUM(A1) (fictional)");
    let p = dir.path().join("t.csv");
    std::fs::write(&p, csv).unwrap();
    let run = mgi_in(
        dir.path(),
        &["score", "--format", "csv", p.to_str().unwrap()],
    );
    assert!(run.code <= 1, "{}", run.stderr);
    let text = run.stdout;
    let header = text.lines().next().unwrap();
    assert_eq!(
        header,
        "unit,period,round,framework,version,kind,id,level,parent,label,score,band,coverage,status,answer"
    );
    assert!(
        text.lines()
            .any(|l| l.starts_with("'=1+2,2026,1,sdg-10-7-2")),
        "{}",
        &text[..400]
    );
    assert!(!text.lines().any(|l| l.starts_with("=1+2")));
    let rows = text.lines().count() - 1;
    assert_eq!(rows, 2 * (7 + 30));
    assert!(
        text.contains(",node,overall,overall,,SDG 10.7.2 overall,"),
        "{}",
        &text[..300]
    );
}

#[test]
fn one_bad_file_does_not_stop_the_others() {
    let dir = tmp();
    std::fs::write(dir.path().join("broken.xlsx"), "not a workbook").unwrap();
    let run = mgi_in(
        dir.path(),
        &[
            "score",
            "broken.xlsx",
            &fixture("XAB-2026-sdg-10-7-2.xlsx"),
            "-o",
            "out",
        ],
    );
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("error[F003] broken.xlsx: not a spreadsheet"),
        "{}",
        run.stderr
    );
    assert!(
        dir.path()
            .join("out/XAB-2026-sdg-10-7-2-gap-report.xlsx")
            .is_file()
    );
    // The only input unreadable: nothing could be done.
    let run = mgi_in(dir.path(), &["score", "broken.xlsx"]);
    assert_eq!(run.code, 2);
}

#[test]
fn the_report_reads_back_with_the_json_values() {
    use calamine::{Data, Reader as _, open_workbook_auto};
    let dir = tmp();
    let fx = fixture("XAA-2026-micic.xlsx");
    let run = mgi_in(dir.path(), &["score", &fx, "-o", "r.xlsx", "--lang", "en"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let j = crate::harness::mgi(&["score", &fx, "--format", "json"]).json();
    let mut wb = open_workbook_auto(dir.path().join("r.xlsx")).unwrap();
    assert_eq!(
        wb.sheet_names(),
        [
            "Summary",
            "Contents",
            "Action plan",
            "Gaps",
            "Scores",
            "Data gaps",
            "Responses",
            "Diagnostics",
            "About"
        ]
    );
    // Scores: every node's score cell equals the JSON score.
    let scores = wb.worksheet_range("Scores").unwrap();
    let header: Vec<String> = (0..7)
        .map(|c| scores.get_value((0, c)).unwrap().to_string())
        .collect();
    assert_eq!(
        header,
        [
            "ID",
            "Name",
            "Level",
            "Score (0-100)",
            "Band",
            "Coverage",
            "Status"
        ]
    );
    let nodes = j["nodes"].as_array().unwrap();
    // The nodes, a blank row and the note on how to read the scores.
    assert_eq!(scores.height() - 3, nodes.len());
    for (k, n) in nodes.iter().enumerate() {
        let row = k as u32 + 1;
        assert_eq!(
            scores.get_value((row, 0)).unwrap().to_string(),
            n["id"].as_str().unwrap()
        );
        match (scores.get_value((row, 3)), n["score"].as_f64()) {
            (Some(Data::Float(x)), Some(y)) => assert_eq!(*x, y, "{}", n["id"]),
            (cell, want) => panic!("{}: {cell:?} vs {want:?}", n["id"]),
        }
        match scores.get_value((row, 5)) {
            Some(Data::Float(x)) => assert_eq!(*x, n["coverage"].as_f64().unwrap()),
            other => panic!("{other:?}"),
        }
    }
    // Gaps: ranks, ids and points as in JSON.
    let gaps = wb.worksheet_range("Gaps").unwrap();
    for (k, g) in j["gaps"].as_array().unwrap().iter().enumerate() {
        let row = k as u32 + 1;
        assert_eq!(
            gaps.get_value((row, 1)).unwrap().to_string(),
            g["indicator"].as_str().unwrap()
        );
        assert_eq!(
            gaps.get_value((row, 5)),
            Some(&Data::Float(g["points"].as_f64().unwrap()))
        );
    }
    let last_header = gaps
        .get_value((0, gaps.width() as u32 - 1))
        .unwrap()
        .to_string();
    assert_eq!(
        last_header, "Capacity-building tools",
        "owner, date and status are on the Action plan sheet"
    );
    // Contents links every sheet, right after the Summary.
    let contents = wb.worksheet_range("Contents").unwrap();
    let listed: Vec<String> = (3..contents.height() as u32)
        .filter_map(|r| contents.get_value((r, 1)).map(|v| v.to_string()))
        .collect();
    let others: Vec<String> = wb
        .sheet_names()
        .into_iter()
        .filter(|n| n != "Contents")
        .collect();
    assert_eq!(listed, others);
    let plan = wb.worksheet_range("Action plan").unwrap();
    let plan_header: Vec<String> = (0..plan.width() as u32)
        .map(|c| plan.get_value((0, c)).unwrap().to_string())
        .collect();
    assert_eq!(
        plan_header[plan_header.len() - 3..],
        ["Owner", "Target date", "Action status"]
    );
    // Responses: every answered indicator appears with its source cell.
    let responses = wb.worksheet_range("Responses").unwrap();
    let listed: Vec<(String, String)> = (1..responses.height() as u32)
        .map(|r| {
            (
                responses.get_value((r, 0)).unwrap().to_string(),
                responses
                    .get_value((r, 6))
                    .map(|v| v.to_string())
                    .unwrap_or_default(),
            )
        })
        .collect();
    for ind in j["indicators"].as_array().unwrap() {
        if let Some(cell) = ind["source_cell"].as_str() {
            assert!(
                listed
                    .iter()
                    .any(|(id, c)| id == ind["id"].as_str().unwrap() && c == cell),
                "{} at {cell} not in Responses",
                ind["id"]
            );
        }
    }
    // About: engine, framework hash and input hash.
    let about = wb.worksheet_range("About").unwrap();
    let field = |name: &str| {
        (0..about.height() as u32)
            .find(|r| about.get_value((*r, 0)).map(|v| v.to_string()) == Some(name.into()))
            .map(|r| about.get_value((r, 1)).unwrap().to_string())
    };
    assert_eq!(
        field("Input SHA-256").as_deref(),
        j["assessment"]["source_sha256"].as_str()
    );
    assert_eq!(field("Framework").as_deref(), Some("micic"));
    assert_eq!(field("Framework content SHA-256").unwrap().len(), 64);
}
