//! What changed between two versions of a framework: indicators and nodes added,
//! removed, moved, re-weighted, rescaled; scales and bands changed; and the effect on
//! every indicator's effective weight. `mgi rules diff` prints it (`mgi.rules-diff/1`),
//! and `progress` can use it to explain framework changes between rounds.

use super::model::*;
use crate::i18n::Text;
use serde::Serialize;
use std::collections::BTreeMap;

/// Tolerance below which two weights are the same.
const EPS: f64 = 1e-12;

/// A framework's identity.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Identity {
    /// Id.
    pub id: String,
    /// Version.
    pub version: String,
    /// Content hash of its files.
    pub content_hash: String,
}

impl Identity {
    /// The identity of a framework.
    pub fn of(fw: &Framework) -> Self {
        Identity {
            id: fw.id.clone(),
            version: fw.version.clone(),
            content_hash: fw.content_hash.clone(),
        }
    }
}

/// An entry added or removed, with its parent.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entry {
    /// Id.
    pub id: String,
    /// Parent node id (`None` for a root).
    pub parent: Option<String>,
}

/// An entry whose parent changed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Moved {
    /// Id.
    pub id: String,
    /// Parent before.
    pub old_parent: Option<String>,
    /// Parent after.
    pub new_parent: Option<String>,
}

/// An entry whose relative weight changed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reweighted {
    /// Id.
    pub id: String,
    /// Weight before.
    pub old: f64,
    /// Weight after.
    pub new: f64,
}

/// An indicator whose scale changed: another scale, or the same scale with other
/// options or scores.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rescaled {
    /// Id.
    pub id: String,
    /// Scale before.
    pub old_scale: String,
    /// Scale after.
    pub new_scale: String,
    /// What changed in the scale itself (empty when only the scale id changed).
    pub scale_changes: Vec<String>,
}

/// An entry that changed otherwise (texts, conditions, links...).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Changed {
    /// Id.
    pub id: String,
    /// The parts that changed (`question`, `applies_if`, `links`...).
    pub what: Vec<String>,
}

/// Changes to one kind of tree entry.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct TreeChanges {
    /// Only in the new framework.
    pub added: Vec<Entry>,
    /// Only in the old framework.
    pub removed: Vec<Entry>,
    /// Under another parent.
    pub moved: Vec<Moved>,
    /// Another relative weight.
    pub reweighted: Vec<Reweighted>,
    /// Another scale (indicators only).
    pub rescaled: Vec<Rescaled>,
    /// Other changes.
    pub changed: Vec<Changed>,
}

impl TreeChanges {
    fn is_empty(&self) -> bool {
        self.added.is_empty()
            && self.removed.is_empty()
            && self.moved.is_empty()
            && self.reweighted.is_empty()
            && self.rescaled.is_empty()
            && self.changed.is_empty()
    }
}

/// Scales added, removed or changed.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ScaleChanges {
    /// Only in the new framework.
    pub added: Vec<String>,
    /// Only in the old framework.
    pub removed: Vec<String>,
    /// In both, with what changed.
    pub changed: Vec<Changed>,
}

/// A band, as compared.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BandEntry {
    /// Code.
    pub code: String,
    /// Lower bound (or the exact value).
    pub lower: f64,
    /// Lower bound excluded.
    pub exclusive: bool,
    /// Exact value.
    pub exact: Option<f64>,
}

/// The bands before and after, when they differ.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BandChanges {
    /// Before.
    pub old: Vec<BandEntry>,
    /// After.
    pub new: Vec<BandEntry>,
}

/// The effect on an indicator's effective weight (the product of relative weights from
/// the root, on 0 to 1).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WeightChange {
    /// Indicator id.
    pub id: String,
    /// Effective weight before (`None`: not in the old framework).
    pub old: Option<f64>,
    /// Effective weight after (`None`: not in the new framework).
    pub new: Option<f64>,
    /// After minus before (an absent side counts 0).
    pub change: f64,
}

/// Everything that differs between two frameworks.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FrameworkDiff {
    /// The old framework.
    pub old: Identity,
    /// The new framework.
    pub new: Identity,
    /// True when nothing that scoring, templates or reports use differs (the files may
    /// still differ in comments or layout: compare the content hashes).
    pub equal: bool,
    /// Identity, languages, levels, defaults, special answers, uncertainty, catalogues,
    /// context questions: one line per change.
    pub framework: Vec<String>,
    /// Nodes.
    pub nodes: TreeChanges,
    /// Indicators.
    pub indicators: TreeChanges,
    /// Scales.
    pub scales: ScaleChanges,
    /// Bands, when they changed.
    pub bands: Option<BandChanges>,
    /// Indicators whose effective weight changed, largest change first.
    pub effective_weights: Vec<WeightChange>,
}

/// Compares two frameworks.
pub fn diff(old: &Framework, new: &Framework) -> FrameworkDiff {
    let mut d = FrameworkDiff {
        old: Identity::of(old),
        new: Identity::of(new),
        equal: false,
        framework: header(old, new),
        nodes: nodes(old, new),
        indicators: indicators(old, new),
        scales: scales(old, new),
        bands: None,
        effective_weights: effective(old, new),
    };
    let bands = |fw: &Framework| -> Vec<BandEntry> {
        fw.bands
            .iter()
            .map(|b| BandEntry {
                code: b.code.clone(),
                lower: b.lower,
                exclusive: b.exclusive,
                exact: b.exact,
            })
            .collect()
    };
    let (ob, nb) = (bands(old), bands(new));
    let labels_differ = old.bands.len() == new.bands.len()
        && old
            .bands
            .iter()
            .zip(&new.bands)
            .any(|(a, b)| a.label != b.label);
    if ob != nb {
        d.bands = Some(BandChanges { old: ob, new: nb });
    } else if labels_differ {
        d.framework.push("band labels".into());
    }
    d.equal = d.framework.is_empty()
        && d.nodes.is_empty()
        && d.indicators.is_empty()
        && d.scales.added.is_empty()
        && d.scales.removed.is_empty()
        && d.scales.changed.is_empty()
        && d.bands.is_none()
        && d.effective_weights.is_empty();
    d
}

fn header(old: &Framework, new: &Framework) -> Vec<String> {
    let mut out = Vec::new();
    let mut cmp = |what: &str, a: String, b: String| {
        if a != b {
            out.push(format!("{what}: {a} → {b}"));
        }
    };
    cmp("id", old.id.clone(), new.id.clone());
    cmp("version", old.version.clone(), new.version.clone());
    cmp(
        "languages",
        old.languages.join(", "),
        new.languages.join(", "),
    );
    let levels = |fw: &Framework| {
        fw.levels
            .iter()
            .map(|l| l.id.as_str())
            .collect::<Vec<_>>()
            .join(" → ")
    };
    cmp("levels", levels(old), levels(new));
    cmp(
        "geometric floor",
        format!("{}", old.geometric_floor * 100.0),
        format!("{}", new.geometric_floor * 100.0),
    );
    let policy = |p: Policy| match p {
        Policy::Missing => "missing".to_string(),
        Policy::Score(s) => format!("score {s}"),
    };
    cmp(
        "don't-know policy",
        policy(old.special.dont_know_policy),
        policy(new.special.dont_know_policy),
    );
    cmp(
        "blank policy",
        policy(old.special.blank_policy),
        policy(new.special.blank_policy),
    );
    cmp(
        "not-applicable code",
        old.special.not_applicable.code.clone(),
        new.special.not_applicable.code.clone(),
    );
    cmp(
        "don't-know code",
        old.special.dont_know.code.clone(),
        new.special.dont_know.code.clone(),
    );
    cmp(
        "not-applicable justification required",
        old.special.na_requires_justification.to_string(),
        new.special.na_requires_justification.to_string(),
    );
    let u = |fw: &Framework| {
        let u = &fw.uncertainty;
        let dk: Vec<String> = u.dont_know_policies.iter().map(|p| policy(*p)).collect();
        format!(
            "concentration {}, weights {}, aggregation {}, scores {}, don't-know policies [{}]",
            u.concentration,
            u.vary_weights,
            u.vary_aggregation,
            u.vary_scores,
            dk.join(", ")
        )
    };
    cmp("uncertainty", u(old), u(new));
    let texts = [
        ("title", &old.title, &new.title),
        ("about", &old.about, &new.about),
        ("weights reason", &old.weights_reason, &new.weights_reason),
    ];
    for (what, a, b) in texts {
        if a != b {
            out.push(format!("{what} (text)"));
        }
    }
    if old
        .levels
        .iter()
        .map(|l| &l.label)
        .ne(new.levels.iter().map(|l| &l.label))
    {
        out.push("level names (text)".into());
    }
    // Context questions.
    let q = |fw: &Framework| -> BTreeMap<String, String> {
        fw.context
            .iter()
            .map(|c| {
                let opts: Vec<&str> = c.options.iter().map(|o| o.code.as_str()).collect();
                (c.id.clone(), opts.join(", "))
            })
            .collect()
    };
    let (qa, qb) = (q(old), q(new));
    for (id, a) in &qa {
        match qb.get(id) {
            None => out.push(format!("context question {id} removed")),
            Some(b) if a != b => out.push(format!("context question {id}: options {a} → {b}")),
            _ => {}
        }
    }
    for id in qb.keys().filter(|k| !qa.contains_key(*k)) {
        out.push(format!("context question {id} added"));
    }
    // Catalogues: ids added and removed.
    let cats = |fw: &Framework| -> Vec<(&'static str, Vec<String>)> {
        let c = &fw.catalogues;
        vec![
            (
                "principles",
                c.principles.iter().map(|x| x.id.clone()).collect(),
            ),
            (
                "guidelines",
                c.guidelines.iter().map(|x| x.id.clone()).collect(),
            ),
            (
                "practices",
                c.practices.iter().map(|x| x.id.clone()).collect(),
            ),
            ("tools", c.tools.iter().map(|x| x.id.clone()).collect()),
            (
                "stakeholders",
                c.stakeholders.iter().map(|x| x.id.clone()).collect(),
            ),
        ]
    };
    for ((what, a), (_, b)) in cats(old).into_iter().zip(cats(new)) {
        let added: Vec<&String> = b.iter().filter(|x| !a.contains(x)).collect();
        let removed: Vec<&String> = a.iter().filter(|x| !b.contains(x)).collect();
        if !added.is_empty() {
            out.push(format!("{what} added: {}", join(&added)));
        }
        if !removed.is_empty() {
            out.push(format!("{what} removed: {}", join(&removed)));
        }
    }
    out
}

fn join(ids: &[&String]) -> String {
    ids.iter()
        .map(|s| s.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

fn parent_of_node(fw: &Framework, n: &Node) -> Option<String> {
    n.parent.map(|p| fw.nodes[p].id.clone())
}

fn nodes(old: &Framework, new: &Framework) -> TreeChanges {
    let mut out = TreeChanges::default();
    for n in &new.nodes {
        match old.nodes.iter().find(|o| o.id == n.id) {
            None => out.added.push(Entry {
                id: n.id.clone(),
                parent: parent_of_node(new, n),
            }),
            Some(o) => {
                let (pa, pb) = (parent_of_node(old, o), parent_of_node(new, n));
                if pa != pb {
                    out.moved.push(Moved {
                        id: n.id.clone(),
                        old_parent: pa,
                        new_parent: pb,
                    });
                }
                if (o.weight - n.weight).abs() > EPS {
                    out.reweighted.push(Reweighted {
                        id: n.id.clone(),
                        old: o.weight,
                        new: n.weight,
                    });
                }
                let mut what = Vec::new();
                if o.aggregation != n.aggregation {
                    what.push(format!(
                        "aggregation {} → {}",
                        o.aggregation.name(),
                        n.aggregation.name()
                    ));
                }
                if (o.min_coverage - n.min_coverage).abs() > EPS {
                    what.push(format!(
                        "min_coverage {} → {}",
                        o.min_coverage, n.min_coverage
                    ));
                }
                text_changed(&mut what, "label", &o.label, &n.label);
                text_changed(&mut what, "description", &o.description, &n.description);
                if !what.is_empty() {
                    out.changed.push(Changed {
                        id: n.id.clone(),
                        what,
                    });
                }
            }
        }
    }
    for o in &old.nodes {
        if !new.nodes.iter().any(|n| n.id == o.id) {
            out.removed.push(Entry {
                id: o.id.clone(),
                parent: parent_of_node(old, o),
            });
        }
    }
    out
}

fn text_changed(what: &mut Vec<String>, name: &str, a: &Text, b: &Text) {
    if a != b {
        what.push(name.to_string());
    }
}

/// What differs between two scales (options, scores, kind, cumulative, numeric range).
fn scale_changes(a: &Scale, b: &Scale) -> Vec<String> {
    let mut what = Vec::new();
    if a.kind != b.kind {
        what.push(format!("kind {} → {}", a.kind.name(), b.kind.name()));
    }
    if a.cumulative != b.cumulative {
        what.push(format!("cumulative {} → {}", a.cumulative, b.cumulative));
    }
    let opts = |s: &Scale| -> Vec<String> {
        s.options
            .iter()
            .map(|o| format!("{} = {}", o.code, o.score))
            .collect()
    };
    let (oa, ob) = (opts(a), opts(b));
    if oa != ob {
        what.push(format!("options {} → {}", oa.join(", "), ob.join(", ")));
    }
    let ranges = |s: &Scale| -> Vec<Option<(f64, f64)>> {
        s.options.iter().map(|o| o.score_range).collect()
    };
    if ranges(a) != ranges(b) {
        what.push("score ranges".into());
    }
    let num = |s: &Scale| {
        s.numeric
            .as_ref()
            .map(|n| format!("{:?} {:?} {:?}", n.min, n.max, n.goalposts))
    };
    if num(a) != num(b) {
        what.push("numeric range or goalposts".into());
    }
    let labels = |s: &Scale| -> Vec<Text> { s.options.iter().map(|o| o.label.clone()).collect() };
    if labels(a) != labels(b) || a.label != b.label {
        what.push("labels".into());
    }
    let aliases =
        |s: &Scale| -> Vec<Vec<String>> { s.options.iter().map(|o| o.aliases.clone()).collect() };
    if aliases(a) != aliases(b) {
        what.push("aliases".into());
    }
    what
}

fn scales(old: &Framework, new: &Framework) -> ScaleChanges {
    let mut out = ScaleChanges::default();
    for s in &new.scales {
        match old.scales.iter().find(|o| o.id == s.id) {
            None => out.added.push(s.id.clone()),
            Some(o) => {
                let what = scale_changes(o, s);
                if !what.is_empty() {
                    out.changed.push(Changed {
                        id: s.id.clone(),
                        what,
                    });
                }
            }
        }
    }
    for o in &old.scales {
        if !new.scales.iter().any(|s| s.id == o.id) {
            out.removed.push(o.id.clone());
        }
    }
    out
}

fn indicators(old: &Framework, new: &Framework) -> TreeChanges {
    let mut out = TreeChanges::default();
    for n in &new.indicators {
        let parent = new.nodes[n.parent].id.clone();
        let Some(o) = old.indicators.iter().find(|o| o.id == n.id) else {
            out.added.push(Entry {
                id: n.id.clone(),
                parent: Some(parent),
            });
            continue;
        };
        let old_parent = old.nodes[o.parent].id.clone();
        if old_parent != parent {
            out.moved.push(Moved {
                id: n.id.clone(),
                old_parent: Some(old_parent),
                new_parent: Some(parent),
            });
        }
        if (o.weight - n.weight).abs() > EPS {
            out.reweighted.push(Reweighted {
                id: n.id.clone(),
                old: o.weight,
                new: n.weight,
            });
        }
        let (sa, sb) = (&old.scales[o.scale], &new.scales[n.scale]);
        let scale_changes = scale_changes(sa, sb)
            .into_iter()
            .filter(|w| w != "labels" && w != "aliases")
            .collect::<Vec<_>>();
        if sa.id != sb.id || !scale_changes.is_empty() {
            out.rescaled.push(Rescaled {
                id: n.id.clone(),
                old_scale: sa.id.clone(),
                new_scale: sb.id.clone(),
                scale_changes,
            });
        }
        let mut what = Vec::new();
        text_changed(&mut what, "question", &o.question, &n.question);
        text_changed(&mut what, "guidance", &o.guidance, &n.guidance);
        if o.evidence != n.evidence {
            what.push("evidence".into());
        }
        if o.critical != n.critical {
            what.push(format!("critical {} → {}", o.critical, n.critical));
        }
        if o.applies_if != n.applies_if {
            what.push("applies_if".into());
        }
        let links = |i: &Indicator| {
            let l = &i.links;
            (
                l.guidelines.clone(),
                l.principles.clone(),
                l.practices.clone(),
                l.tools.clone(),
                l.mgi.clone(),
                l.sdg.clone(),
                l.gcm.clone(),
                l.sendai.clone(),
            )
        };
        if links(o) != links(n) {
            what.push("links".into());
        }
        if o.stakeholders != n.stakeholders {
            what.push("stakeholders".into());
        }
        let actions = |i: &Indicator| -> Vec<(Text, Vec<String>, Vec<String>)> {
            i.actions
                .iter()
                .map(|a| (a.text.clone(), a.stakeholders.clone(), a.tools.clone()))
                .collect()
        };
        if actions(o) != actions(n) {
            what.push("actions".into());
        }
        let criteria = |fw: &Framework, i: &Indicator| -> Vec<(String, String, Text)> {
            i.criteria
                .iter()
                .map(|c| {
                    (
                        c.id.clone(),
                        fw.scales[i.scale].options[c.level].code.clone(),
                        c.text.clone(),
                    )
                })
                .collect()
        };
        if criteria(old, o) != criteria(new, n) {
            what.push("criteria".into());
        }
        if !what.is_empty() {
            out.changed.push(Changed {
                id: n.id.clone(),
                what,
            });
        }
    }
    for o in &old.indicators {
        if !new.indicators.iter().any(|n| n.id == o.id) {
            out.removed.push(Entry {
                id: o.id.clone(),
                parent: Some(old.nodes[o.parent].id.clone()),
            });
        }
    }
    out
}

fn effective(old: &Framework, new: &Framework) -> Vec<WeightChange> {
    let (ea, eb) = (old.effective_weights(), new.effective_weights());
    let a: BTreeMap<&str, f64> = old
        .indicators
        .iter()
        .zip(&ea)
        .map(|(i, w)| (i.id.as_str(), *w))
        .collect();
    let mut out = Vec::new();
    for (i, w) in new.indicators.iter().zip(&eb) {
        let before = a.get(i.id.as_str()).copied();
        let change = w - before.unwrap_or(0.0);
        if before.is_none() || change.abs() > EPS {
            out.push(WeightChange {
                id: i.id.clone(),
                old: before,
                new: Some(*w),
                change,
            });
        }
    }
    for (i, w) in old.indicators.iter().zip(&ea) {
        if !new.indicators.iter().any(|n| n.id == i.id) {
            out.push(WeightChange {
                id: i.id.clone(),
                old: Some(*w),
                new: None,
                change: -w,
            });
        }
    }
    // Largest change first; ties in framework order (the sort is stable).
    out.sort_by(|x, y| y.change.abs().total_cmp(&x.change.abs()));
    out
}

/// `mgi rules diff --format json`: the frameworks compared on each side and what differs.
#[derive(Debug, Clone, Serialize)]
pub struct RulesDiff {
    /// `mgi.rules-diff/1`.
    pub schema: &'static str,
    /// The old side as named (a folder or a bundled id) and its frameworks.
    pub old: Side,
    /// The new side.
    pub new: Side,
    /// True when every framework compared is equal and none was added or removed.
    pub equal: bool,
    /// One entry per pair of frameworks compared.
    pub frameworks: Vec<FrameworkDiff>,
    /// Framework ids only on the new side.
    pub added: Vec<String>,
    /// Framework ids only on the old side.
    pub removed: Vec<String>,
}

/// One side of `mgi rules diff`.
#[derive(Debug, Clone, Serialize)]
pub struct Side {
    /// As named on the command line.
    pub source: String,
    /// Its frameworks.
    pub frameworks: Vec<Identity>,
}

fn find<'a>(fws: &[&'a Framework], id: &str) -> Option<&'a Framework> {
    fws.iter().find(|f| f.id == id).copied()
}

/// Compares two sets of frameworks: when either side holds a single framework, it is
/// compared with the framework of the same id on the other side (or with the other
/// side's only framework); otherwise frameworks are paired by id, and those on one side
/// only are listed as added or removed.
pub fn diff_sets(
    old_source: &str,
    old: &[&Framework],
    new_source: &str,
    new: &[&Framework],
) -> RulesDiff {
    let side = |source: &str, fws: &[&Framework]| Side {
        source: source.to_string(),
        frameworks: fws.iter().map(|f| Identity::of(f)).collect(),
    };
    let mut pairs: Vec<(&Framework, &Framework)> = Vec::new();
    let (mut added, mut removed) = (Vec::new(), Vec::new());
    if old.len() == 1 || new.len() == 1 {
        let (single_old, one) = if old.len() == 1 {
            (true, old[0])
        } else {
            (false, new[0])
        };
        let others = if single_old { new } else { old };
        let other = find(others, &one.id).or(if others.len() == 1 {
            Some(others[0])
        } else {
            None
        });
        match (other, single_old) {
            (Some(o), true) => pairs.push((one, o)),
            (Some(o), false) => pairs.push((o, one)),
            (None, true) => removed.push(one.id.clone()),
            (None, false) => added.push(one.id.clone()),
        }
    } else {
        for o in old {
            match find(new, &o.id) {
                Some(n) => pairs.push((o, n)),
                None => removed.push(o.id.clone()),
            }
        }
        for n in new {
            if find(old, &n.id).is_none() {
                added.push(n.id.clone());
            }
        }
    }
    let frameworks: Vec<FrameworkDiff> = pairs.into_iter().map(|(a, b)| diff(a, b)).collect();
    RulesDiff {
        schema: "mgi.rules-diff/1",
        old: side(old_source, old),
        new: side(new_source, new),
        equal: added.is_empty() && removed.is_empty() && frameworks.iter().all(|f| f.equal),
        frameworks,
        added,
        removed,
    }
}
