//! How complete the parts of an assessment and the whole are: per contributor and per
//! level-1 area, the indicators answered (on the scale or not applicable), don't know,
//! invalid and missing, counted over the indicators that apply (given the context
//! answers) and, for a part, over its scope.

use super::{MergeOptions, contributor_of, merge};
use crate::intake::{Assessment, Reading, answer_rows};
use crate::rules::Framework;
use std::collections::BTreeMap;

/// Counts of indicators.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Completion {
    /// Indicators counted (applicable, in scope).
    pub indicators: usize,
    /// Answered on the scale, or not applicable.
    pub answered: usize,
    /// Don't know.
    pub dont_know: usize,
    /// An answer that is not on the scale.
    pub invalid: usize,
    /// No answer (for criteria indicators: some criterion unanswered).
    pub missing: usize,
}

impl Completion {
    /// The share answered (0 to 1); 0 when nothing is counted.
    pub fn share(&self) -> f64 {
        if self.indicators == 0 {
            0.0
        } else {
            self.answered as f64 / self.indicators as f64
        }
    }

    fn add(&mut self, s: State) {
        self.indicators += 1;
        match s {
            State::Answered => self.answered += 1,
            State::DontKnow => self.dont_know += 1,
            State::Invalid => self.invalid += 1,
            State::Missing => self.missing += 1,
        }
    }
}

/// An indicator's state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Answered,
    DontKnow,
    Invalid,
    Missing,
}

/// One area's completion.
#[derive(Debug, Clone, PartialEq)]
pub struct AreaCompletion {
    /// The level-1 node's id.
    pub node: String,
    /// Its counts.
    pub completion: Completion,
}

/// How complete one contribution (a part, or a whole workbook) is.
#[derive(Debug, Clone, PartialEq)]
pub struct PartStatus {
    /// Its file.
    pub file: String,
    /// Its contributor (its file's name when its About names none).
    pub contributor: String,
    /// Its About date.
    pub date: String,
    /// Whether it has a scope (a part made by `mgi template --split-by` or `--only`).
    pub scoped: bool,
    /// Over its scope.
    pub total: Completion,
    /// Per level-1 area with indicators in its scope.
    pub areas: Vec<AreaCompletion>,
}

/// How complete the whole assessment is.
#[derive(Debug, Clone, PartialEq)]
pub struct WholeStatus {
    /// Over every applicable indicator.
    pub total: Completion,
    /// Per level-1 area.
    pub areas: Vec<AreaCompletion>,
    /// Conflicts between parts left unresolved (their rows count as missing).
    pub conflicts: usize,
    /// Indicators whose answer each contributor gave (from the parts, or from a merged
    /// workbook's `Source` column), by contributor.
    pub contributors: BTreeMap<String, usize>,
}

/// The status of one assessment (a group of parts with one identity).
#[derive(Debug, Clone, PartialEq)]
pub struct AssessmentStatus {
    /// Unit, period, round, framework, version.
    pub identity: crate::intake::batch::Identity,
    /// Each contribution, in argument order.
    pub parts: Vec<PartStatus>,
    /// The whole: the parts merged (one workbook: itself).
    pub whole: WholeStatus,
}

/// The level-1 area of each indicator (the root itself for an indicator right under
/// it), in framework order of the areas.
fn areas(fw: &Framework) -> (Vec<usize>, Vec<usize>) {
    let area_of: Vec<usize> = fw
        .indicators
        .iter()
        .map(|ind| fw.path_to(ind.parent).get(1).copied().unwrap_or(fw.root))
        .collect();
    let mut order: Vec<usize> = Vec::new();
    for i in fw.indicators_in_tree_order() {
        if !order.contains(&area_of[i]) {
            order.push(area_of[i]);
        }
    }
    (area_of, order)
}

/// An indicator's state from the readings of its rows.
fn state(fw: &Framework, i: usize, reading: &dyn Fn(&str) -> Reading) -> State {
    let rows = answer_rows(fw, i);
    let readings: Vec<Reading> = rows.iter().map(|(id, _)| reading(id)).collect();
    if readings.contains(&Reading::Blank) {
        State::Missing
    } else if readings.contains(&Reading::Invalid) {
        State::Invalid
    } else if readings.contains(&Reading::DontKnow) {
        State::DontKnow
    } else {
        State::Answered
    }
}

fn count(
    fw: &Framework,
    context: &BTreeMap<String, String>,
    keep: &dyn Fn(usize) -> bool,
    reading: &dyn Fn(&str) -> Reading,
) -> (Completion, Vec<AreaCompletion>) {
    let (area_of, order) = areas(fw);
    let mut total = Completion::default();
    let mut per: BTreeMap<usize, Completion> = BTreeMap::new();
    for (i, &area) in area_of.iter().enumerate() {
        if !keep(i) || !fw.applies(i, context) {
            continue;
        }
        let s = state(fw, i, reading);
        total.add(s);
        per.entry(area).or_default().add(s);
    }
    let areas = order
        .into_iter()
        .filter_map(|n| {
            per.get(&n).map(|c| AreaCompletion {
                node: fw.nodes[n].id.clone(),
                completion: *c,
            })
        })
        .collect();
    (total, areas)
}

/// How complete one contribution is.
pub fn part_status(fw: &Framework, a: &Assessment) -> PartStatus {
    let by_id = a.answers_by_id();
    let scope = &a.meta.scope;
    let keep = |i: usize| scope.is_empty() || scope.contains(&fw.indicators[i].id);
    let reading = |id: &str| by_id.get(id).map(|a| a.reading).unwrap_or(Reading::Blank);
    let (total, areas) = count(fw, &a.meta.context, &keep, &reading);
    PartStatus {
        file: a.source.clone(),
        contributor: contributor_of(a),
        date: a.meta.date.clone(),
        scoped: !scope.is_empty(),
        total,
        areas,
    }
}

/// The status of the parts of one assessment (same identity) and of their merge. One
/// whole workbook (a merged one) is its own whole, with its contributors read from its
/// `Source` column.
pub fn status(fw: &Framework, parts: &[Assessment]) -> AssessmentStatus {
    let statuses: Vec<PartStatus> = parts.iter().map(|a| part_status(fw, a)).collect();
    let identity = parts.first().map(|a| a.identity()).unwrap_or_default();
    let merged = merge(fw, parts, &MergeOptions::default());
    let reading = |id: &str| merged.readings.get(id).copied().unwrap_or(Reading::Blank);
    let (total, areas) = count(fw, &merged.context, &|_| true, &reading);
    let mut contributors: BTreeMap<String, usize> = BTreeMap::new();
    for i in 0..fw.indicators.len() {
        let rows = answer_rows(fw, i);
        let Some((first, _)) = rows.first() else {
            continue;
        };
        // A merged workbook's Source names who gave each answer; a part is its own.
        let who = merged.sources.get(*first).map(|o| {
            let part = parts.iter().position(|p| p.source == o.file);
            let inner = part
                .and_then(|k| parts[k].answer(first))
                .and_then(|a| a.origin.as_ref());
            inner
                .map(|x| x.contributor.clone())
                .unwrap_or(o.contributor.clone())
        });
        if let Some(w) = who {
            *contributors.entry(w).or_default() += 1;
        }
    }
    AssessmentStatus {
        identity,
        parts: statuses,
        whole: WholeStatus {
            total,
            areas,
            conflicts: merged.unresolved(),
            contributors,
        },
    }
}

/// Groups assessments by identity, in the order each identity first appears.
pub fn group_by_identity(list: Vec<Assessment>) -> Vec<Vec<Assessment>> {
    let mut groups: Vec<Vec<Assessment>> = Vec::new();
    for a in list {
        match groups.iter_mut().find(|g| g[0].identity() == a.identity()) {
            Some(g) => g.push(a),
            None => groups.push(vec![a]),
        }
    }
    groups
}
