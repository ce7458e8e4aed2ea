//! Carrying one assessment through a crosswalk: per target item, the sources it comes
//! from, how they combine, and the target's own roll-up of the result.

use super::{Combine, Crosswalk, Relationship};
use crate::diag::{Code, Diagnostic, Location};
use crate::error::{Error, Result};
use crate::results::{Results, Scorer};
use crate::rules::{Framework, Rules, Scale, ScaleKind};
use crate::score::{IndicatorScore, Status};
use std::collections::BTreeSet;

/// Tolerance when placing a score on a target scale.
const EPS: f64 = 1e-9;

/// How well a target item is mapped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MappingCoverage {
    /// At least one `equal` or `superset` source: the source can establish the whole
    /// item.
    Full,
    /// Only `subset` or `intersect` sources: at most a partial answer.
    Partial,
    /// No source: the source framework cannot tell.
    None,
}

impl MappingCoverage {
    /// `full`, `partial` or `none` (JSON).
    pub fn name(self) -> &'static str {
        match self {
            MappingCoverage::Full => "full",
            MappingCoverage::Partial => "partial",
            MappingCoverage::None => "none",
        }
    }
}

/// One source of a target item, with what the assessment gave it.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceTerm {
    /// Index into the source framework's indicators.
    pub indicator: usize,
    /// The source relative to the target.
    pub relationship: Relationship,
    /// Informational strength.
    pub strength: Option<u8>,
    /// The source indicator's status in the assessment.
    pub status: Status,
    /// Its score in [0, 1], if any.
    pub score: Option<f64>,
    /// The score is a lower bound (a cumulative level left undecided by a criterion).
    pub lower_bound: bool,
}

/// One target item of a view.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemView {
    /// Index into the target framework's indicators.
    pub indicator: usize,
    /// Its sources, in mapping-file order.
    pub from: Vec<SourceTerm>,
    /// How well it is mapped.
    pub mapping: MappingCoverage,
}

/// One assessment read through another framework.
#[derive(Debug, Clone)]
pub struct CrosswalkView {
    /// The target framework's results: item scores (indexed like the target's
    /// indicators), the target's roll-up, gaps and strengths; the assessment is the
    /// source assessment.
    pub results: Results,
    /// Source framework id.
    pub source_framework: String,
    /// Source framework version.
    pub source_version: String,
    /// Source framework content hash.
    pub source_hash: String,
    /// Per target item (target framework order).
    pub items: Vec<ItemView>,
    /// The mapping used.
    pub mapping: Crosswalk,
}

impl CrosswalkView {
    /// Ids of the target items no source reaches, in target order.
    pub fn unmapped<'a>(&self, target: &'a Framework) -> Vec<&'a str> {
        self.items
            .iter()
            .filter(|i| i.mapping == MappingCoverage::None)
            .map(|i| target.indicators[i.indicator].id.as_str())
            .collect()
    }
}

/// A mapping prepared for many assessments: the sources of every target item resolved
/// once, and the target's scorer.
pub struct Carrier<'a> {
    source: &'a Framework,
    target: &'a Framework,
    mapping: &'a Crosswalk,
    /// Per target indicator: (source index, relationship, strength).
    terms: Vec<Vec<(usize, Relationship, Option<u8>)>>,
    /// Per target indicator: the most a partially mapped item can reach.
    caps: Vec<f64>,
    /// Per target indicator: how its sources combine.
    combines: Vec<Combine>,
    scorer: Scorer<'a>,
}

impl<'a> Carrier<'a> {
    /// Prepares `mapping` from `source` to `target`.
    ///
    /// # Errors
    /// [`Error::Invalid`] when the mapping joins other frameworks, or names ids the
    /// frameworks do not hold (a mapping checked against other versions).
    pub fn new(
        source: &'a Framework,
        mapping: &'a Crosswalk,
        target: &'a Framework,
    ) -> Result<Self> {
        if mapping.from != source.id || mapping.to != target.id {
            return Err(Error::Invalid(format!(
                "crosswalk {} maps \"{}\" to \"{}\"; it was given \"{}\" and \"{}\"",
                mapping.id, mapping.from, mapping.to, source.id, target.id
            )));
        }
        let mut terms = vec![Vec::new(); target.indicators.len()];
        let mut stale = Vec::new();
        for m in &mapping.maps {
            match (
                source.indicator_index(&m.source),
                target.indicator_index(&m.target),
            ) {
                (Some(s), Some(t)) => terms[t].push((s, m.relationship, m.strength)),
                _ => stale.push(format!("{} → {}", m.source, m.target)),
            }
        }
        if !stale.is_empty() {
            return Err(Error::Invalid(format!(
                "crosswalk {} names ids that {} {} or {} {} do not hold: {}; expected a mapping checked against these versions (`mgi rules check`)",
                mapping.id,
                source.id,
                source.version,
                target.id,
                target.version,
                stale.join(", ")
            )));
        }
        let caps = target
            .indicators
            .iter()
            .map(|ind| {
                mapping
                    .partial_cap
                    .unwrap_or_else(|| partial_cap(&target.scales[ind.scale]))
            })
            .collect();
        let combines = target
            .indicators
            .iter()
            .map(|ind| mapping.combine_for(&ind.id))
            .collect();
        Ok(Carrier {
            source,
            target,
            mapping,
            terms,
            caps,
            combines,
            scorer: Scorer::new(target),
        })
    }

    /// Carries one assessment's results (scored with the source framework).
    ///
    /// # Errors
    /// [`Error::FrameworkMismatch`] when the results were scored with another framework.
    pub fn carry(&self, results: &Results) -> Result<CrosswalkView> {
        results.check_framework(self.source)?;
        let mut items = Vec::with_capacity(self.terms.len());
        let mut scores = Vec::with_capacity(self.terms.len());
        for (t, terms) in self.terms.iter().enumerate() {
            let from: Vec<SourceTerm> = terms
                .iter()
                .map(|&(s, relationship, strength)| {
                    let r = &results.indicators[s];
                    SourceTerm {
                        indicator: s,
                        relationship,
                        strength,
                        status: r.status,
                        score: r.score,
                        lower_bound: r.undecided.is_some(),
                    }
                })
                .collect();
            let mapping = if from.is_empty() {
                MappingCoverage::None
            } else if from.iter().any(|f| f.relationship.is_full()) {
                MappingCoverage::Full
            } else {
                MappingCoverage::Partial
            };
            let scale = &self.target.scales[self.target.indicators[t].scale];
            scores.push(item_score(&from, self.combines[t], self.caps[t], scale));
            items.push(ItemView {
                indicator: t,
                from,
                mapping,
            });
        }
        Ok(CrosswalkView {
            results: self.scorer.from_scores(results.assessment.clone(), scores),
            source_framework: self.source.id.clone(),
            source_version: self.source.version.clone(),
            source_hash: self.source.content_hash.clone(),
            items,
            mapping: self.mapping.clone(),
        })
    }
}

/// Carries one assessment of `source_fw` through `mapping` to `target_fw` and scores
/// the target with its own rules.
///
///
/// ```
/// # let rules = mgi::Rules::bundled();
/// # let (mgi_fw, sdg) = (rules.get("mgi").unwrap(), rules.get("sdg-10-7-2").unwrap());
/// # let path = "fixtures/XAA-2026-mgi.xlsx".as_ref();
/// # let a = mgi::Reader::new(&rules).read_path(path, None).unwrap().remove(0);
/// # let results = mgi::evaluate(mgi_fw, &a);
/// let mapping = rules.crosswalk("mgi", "sdg-10-7-2").unwrap();
/// let view = mgi::crosswalk::crosswalk(mgi_fw, &results, mapping, sdg).unwrap();
/// assert_eq!(view.results.framework, "sdg-10-7-2");
/// // The wrong source framework: an error.
/// assert!(mgi::crosswalk::crosswalk(sdg, &results, mapping, sdg).is_err());
/// ```
///
/// # Errors
/// [`Error::Invalid`] when the mapping does not join these frameworks;
/// [`Error::FrameworkMismatch`] when `results` were scored with another framework.
pub fn crosswalk(
    source_fw: &Framework,
    results: &Results,
    mapping: &Crosswalk,
    target_fw: &Framework,
) -> Result<CrosswalkView> {
    Carrier::new(source_fw, mapping, target_fw)?.carry(results)
}

/// The target scale's highest score below its maximum: the most a partially mapped
/// item can reach. For a numeric scale, the highest goalpost score below the maximum.
/// 0 when the scale has no score below its maximum.
pub fn partial_cap(scale: &Scale) -> f64 {
    let best = scale.best();
    let scores: Vec<f64> = match (&scale.numeric, scale.kind) {
        (Some(n), ScaleKind::Numeric) => n.goalposts.iter().map(|g| g.1).collect(),
        _ => scale.options.iter().map(|o| o.score).collect(),
    };
    scores
        .into_iter()
        .filter(|s| *s < best - EPS)
        .fold(0.0, f64::max)
}

/// Places a score on a target scale: the highest option score that does not exceed it
/// (the lowest option when all exceed it), with that option's code; a numeric scale
/// takes the score as it is, within its goalposts' scores.
fn place(scale: &Scale, x: f64) -> (f64, String) {
    if let (Some(n), ScaleKind::Numeric) = (&scale.numeric, scale.kind) {
        let lo = n
            .goalposts
            .iter()
            .map(|g| g.1)
            .fold(f64::INFINITY, f64::min);
        let hi = n
            .goalposts
            .iter()
            .map(|g| g.1)
            .fold(f64::NEG_INFINITY, f64::max);
        let v = x.clamp(lo, hi);
        return (v, crate::intake::grid::number_text(v));
    }
    let below = scale
        .options
        .iter()
        .filter(|o| o.score <= x + EPS)
        .max_by(|a, b| a.score.total_cmp(&b.score));
    let chosen = below.or_else(|| {
        scale
            .options
            .iter()
            .min_by(|a, b| a.score.total_cmp(&b.score))
    });
    match chosen {
        Some(o) => (o.score, o.code.clone()),
        None => (x, String::new()),
    }
}

/// The target item's score from its sources.
fn item_score(from: &[SourceTerm], combine: Combine, cap: f64, scale: &Scale) -> IndicatorScore {
    let result = |status: Status, score: Option<f64>, answer: String, note: &str| IndicatorScore {
        status,
        score,
        answer,
        level: None,
        note: Some(crate::score::Note::Text(note.to_string())),
        undecided: None,
    };
    if from.is_empty() {
        return result(
            Status::Missing,
            None,
            String::new(),
            "unmapped: no source indicator reaches this item",
        );
    }
    let applicable: Vec<&SourceTerm> = from
        .iter()
        .filter(|f| f.status != Status::NotApplicable)
        .collect();
    if applicable.is_empty() {
        return result(
            Status::NotApplicable,
            None,
            String::new(),
            "every source indicator does not apply",
        );
    }
    if applicable.iter().any(|f| f.score.is_none()) {
        let unknown_only = applicable
            .iter()
            .filter(|f| f.score.is_none())
            .all(|f| f.status == Status::DontKnow);
        return result(
            if unknown_only {
                Status::DontKnow
            } else {
                Status::Missing
            },
            None,
            String::new(),
            "a source indicator has no score",
        );
    }
    let values: Vec<f64> = applicable.iter().filter_map(|f| f.score).collect();
    let mut x = combine.apply(&values);
    let full = applicable.iter().any(|f| f.relationship.is_full());
    if !full {
        x = x.min(cap);
    }
    let (score, answer) = place(scale, x);
    let lower = applicable.iter().any(|f| f.lower_bound);
    result(
        Status::Scored,
        Some(score),
        answer,
        match (full, lower) {
            (true, false) => "carried from the sources",
            (false, false) => "carried from partial sources only (capped)",
            (true, true) => {
                "carried from the sources; a lower bound: a source's level is undecided"
            }
            (false, true) => {
                "carried from partial sources only (capped); a lower bound: a source's level is undecided"
            }
        },
    )
}

/// Carries every result through the crosswalk from its framework to `target`: the
/// views' target results in input order, with a C010 error for each result whose
/// framework has no crosswalk to the target (it is left out) and a C011 warning when
/// the views come from assessments of different frameworks.
///
/// ```
/// # let rules = mgi::Rules::bundled();
/// # let (mgi_fw, sdg) = (rules.get("mgi").unwrap(), rules.get("sdg-10-7-2").unwrap());
/// # let path = "fixtures/XAA-2026-mgi.xlsx".as_ref();
/// # let a = mgi::Reader::new(&rules).read_path(path, None).unwrap().remove(0);
/// # let results = mgi::evaluate(mgi_fw, &a);
/// let other = mgi::Reader::new(&rules).read_path("fixtures/XAC-2026-mgi.xlsx".as_ref(), None).unwrap().remove(0);
/// let both = [results, mgi::evaluate(mgi_fw, &other)];
/// let (views, diagnostics) = mgi::carry_all(&rules, sdg, &both);
/// assert_eq!(views.len(), 2);
/// assert!(diagnostics.iter().all(|d| !d.is_error()));
/// assert_eq!(views[0].results.framework, "sdg-10-7-2");
/// ```
pub fn carry_all(
    rules: &Rules,
    target: &Framework,
    results: &[Results],
) -> (Vec<CrosswalkView>, Vec<Diagnostic>) {
    use rayon::prelude::*;
    let mut diags = Vec::new();
    let mut carriers: Vec<(String, Carrier)> = Vec::new();
    let mut sources: BTreeSet<&str> = BTreeSet::new();
    for r in results {
        if carriers.iter().any(|(id, _)| *id == r.framework) {
            sources.insert(&r.framework);
            continue;
        }
        let carrier = rules
            .get(&r.framework)
            .zip(rules.crosswalk(&r.framework, &target.id))
            .and_then(|(source, mapping)| Carrier::new(source, mapping, target).ok());
        if let Some(c) = carrier {
            sources.insert(&r.framework);
            carriers.push((r.framework.clone(), c));
        }
    }
    let known: Vec<&str> = rules
        .crosswalks()
        .iter()
        .filter(|c| c.to == target.id)
        .map(|c| c.from.as_str())
        .collect();
    let mut kept = Vec::new();
    for r in results {
        match carriers.iter().find(|(id, _)| *id == r.framework) {
            Some((_, c)) => kept.push((c, r)),
            None => diags.push(Diagnostic::error(
                Code::C010,
                Location::file(r.assessment.source.clone()),
                format!(
                    "{} {}: no crosswalk from \"{}\" to \"{}\", so this assessment is left out; expected an assessment of a framework mapped to {} ({})",
                    r.unit_code(),
                    r.period(),
                    r.framework,
                    target.id,
                    target.id,
                    if known.is_empty() {
                        "none is".to_string()
                    } else {
                        known.join(", ")
                    }
                ),
            )),
        }
    }
    if sources.len() > 1 {
        diags.push(Diagnostic::warning(
            Code::C011,
            Location::default(),
            format!(
                "the views through \"{}\" come from assessments of different frameworks ({}); each is indicative and reaches the target differently: compare coverage before scores",
                target.id,
                sources.into_iter().collect::<Vec<_>>().join(", ")
            ),
        ));
    }
    let carried: Vec<Result<CrosswalkView>> = kept.par_iter().map(|(c, r)| c.carry(r)).collect();
    let mut views = Vec::with_capacity(carried.len());
    for (v, (_, r)) in carried.into_iter().zip(&kept) {
        match v {
            Ok(v) => views.push(v),
            Err(e) => diags.push(Diagnostic::error(
                Code::C010,
                Location::file(r.assessment.source.clone()),
                format!(
                    "{} {}: {e}; this assessment is left out",
                    r.unit_code(),
                    r.period()
                ),
            )),
        }
    }
    (views, diags)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Choice;

    fn scale(scores: &[f64]) -> Scale {
        Scale {
            id: "s".into(),
            kind: ScaleKind::Choice,
            label: Default::default(),
            options: scores
                .iter()
                .enumerate()
                .map(|(i, s)| Choice {
                    code: format!("o{i}"),
                    score: *s,
                    label: Default::default(),
                    aliases: Vec::new(),
                    score_range: None,
                    applies_if: None,
                    roles: Vec::new(),
                })
                .collect(),
            cumulative: false,
            numeric: None,
        }
    }

    #[test]
    fn placing_takes_the_highest_option_not_above() {
        let s = scale(&[1.0, 0.5, 0.0]);
        assert_eq!(place(&s, 2.0 / 3.0).0, 0.5);
        assert_eq!(place(&s, 1.0).0, 1.0);
        assert_eq!(place(&s, 0.49).0, 0.0);
        assert_eq!(partial_cap(&s), 0.5);
        assert_eq!(partial_cap(&scale(&[1.0, 0.0])), 0.0);
    }
}
