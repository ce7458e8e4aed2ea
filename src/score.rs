//! Scoring: each answer becomes a score in [0, 1] or a status (not applicable, missing,
//! don't know, invalid). Per-answer logic in plain Rust; nothing here rolls up.

use crate::intake::{Assessment, Reading};
use crate::rules::{Framework, Policy, criterion_scale};
use std::collections::HashMap;

/// What became of an indicator's answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    /// Answered on the scale (or scored by policy, for a don't-know with a score).
    Scored,
    /// Does not apply (answered so, or excluded by an applicability condition).
    NotApplicable,
    /// No answer.
    Missing,
    /// Don't know.
    DontKnow,
    /// An answer that is not on the scale.
    Invalid,
}

impl Status {
    /// The name used in JSON.
    pub fn name(self) -> &'static str {
        match self {
            Status::Scored => "scored",
            Status::NotApplicable => "not_applicable",
            Status::Missing => "missing",
            Status::DontKnow => "dont_know",
            Status::Invalid => "invalid",
        }
    }
}

/// An indicator's score.
#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorScore {
    /// Status.
    pub status: Status,
    /// Score in [0, 1]; `None` without one (a don't-know or blank scored by policy has
    /// one while keeping its status).
    pub score: Option<f64>,
    /// The answer as read: an option code, a number, `na`, `dk`, or "" when blank.
    pub answer: String,
    /// For cumulative levels: index of the level attained.
    pub level: Option<usize>,
    /// Why it has the status it has, when that is not plain (e.g. a cumulative level
    /// that could not be decided).
    pub note: Option<Note>,
    /// For cumulative levels scored as a lower bound: the first criterion whose answer
    /// leaves a higher level undecided, and that answer's status (don't know, missing
    /// or invalid). The indicator is then also a data gap.
    pub undecided: Option<Undecided>,
}

/// Why an indicator has the status it has, when that is not plain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Note {
    /// Its applicability condition excludes it.
    Excluded,
    /// A cumulative level that cannot be decided: this criterion has no usable answer.
    LevelUndecided(String),
    /// Every criterion is not applicable.
    AllCriteriaNotApplicable,
    /// Even the lowest level's criteria are not met.
    NoLevel,
    /// A note of another stage (e.g. a crosswalk view), as it wrote it.
    Text(String),
    /// A cumulative level scored as a lower bound: `level` (a code) is proven; the
    /// criterion's answer (`status`: don't know, invalid or missing) leaves a higher
    /// level undecided.
    LowerBound {
        /// The level proven (its code).
        level: String,
        /// The criterion.
        criterion: String,
        /// Its answer's status.
        status: Status,
    },
}

impl Note {
    /// The note in a language (the message catalogue's `note.*` keys).
    pub fn text(&self, lang: &str) -> String {
        use crate::i18n::{Arg, fmt};
        match self {
            Note::Excluded => fmt(lang, "note.excluded", &[]),
            Note::LevelUndecided(id) => fmt(
                lang,
                "note.level_undecided",
                &[("criterion", Arg::Text(id.clone()))],
            ),
            Note::AllCriteriaNotApplicable => fmt(lang, "note.all_criteria_na", &[]),
            Note::NoLevel => fmt(lang, "note.no_level", &[]),
            Note::Text(t) => t.clone(),
            Note::LowerBound {
                level,
                criterion,
                status,
            } => fmt(
                lang,
                match status {
                    Status::DontKnow => "note.lower_bound_dk",
                    Status::Invalid => "note.lower_bound_invalid",
                    _ => "note.lower_bound_missing",
                },
                &[
                    ("level", Arg::Text(level.clone())),
                    ("criterion", Arg::Text(criterion.clone())),
                ],
            ),
        }
    }
}

impl std::fmt::Display for Note {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text("en"))
    }
}

/// The status of one answer row as read (an indicator's own row, or one criterion of a
/// cumulative indicator), the row the `Responses` sheet shows: an answer to an
/// indicator that does not apply is not applicable whatever was typed; a blank
/// indicator row of a cumulative indicator takes the indicator's status (its level
/// comes from the criteria).
pub fn row_status(
    fw: &Framework,
    s: &IndicatorScore,
    indicator: usize,
    criterion: bool,
    reading: Reading,
) -> Status {
    let applies = s.status != Status::NotApplicable || reading == Reading::NotApplicable;
    match (applies, reading) {
        (false, _) => Status::NotApplicable,
        (_, Reading::Option(_) | Reading::Number(_)) => Status::Scored,
        (_, Reading::NotApplicable) => Status::NotApplicable,
        (_, Reading::DontKnow) => Status::DontKnow,
        (_, Reading::Invalid) => Status::Invalid,
        (_, Reading::Blank) if !criterion && fw.scale_of(indicator).cumulative => s.status,
        (_, Reading::Blank) => Status::Missing,
    }
}

/// A criterion whose answer leaves a cumulative level undecided.
#[derive(Debug, Clone, PartialEq)]
pub struct Undecided {
    /// The criterion's id.
    pub criterion: String,
    /// Its answer's status: `DontKnow`, `Missing` or `Invalid`.
    pub status: Status,
}

/// Scores every indicator of a framework (indexed like `fw.indicators`).
pub fn score(fw: &Framework, a: &Assessment) -> Vec<IndicatorScore> {
    let by_id = a.answers_by_id();
    let crit = criterion_scale();
    fw.indicators
        .iter()
        .enumerate()
        .map(|(i, ind)| {
            let scale = &fw.scales[ind.scale];
            if !fw.applies(i, &a.meta.context) {
                return IndicatorScore {
                    status: Status::NotApplicable,
                    score: None,
                    answer: String::new(),
                    level: None,
                    note: Some(Note::Excluded),
                    undecided: None,
                };
            }
            if scale.cumulative {
                return cumulative(fw, i, &by_id, &crit);
            }
            let reading = by_id
                .get(ind.id.as_str())
                .map(|x| x.reading)
                .unwrap_or(Reading::Blank);
            from_reading(
                fw,
                reading,
                |k| (scale.options[k].score, scale.options[k].code.clone()),
                |x| scale.numeric.as_ref().map(|n| n.score(x)).unwrap_or(0.0),
            )
        })
        .collect()
}

fn from_reading(
    fw: &Framework,
    reading: Reading,
    option: impl Fn(usize) -> (f64, String),
    number: impl Fn(f64) -> f64,
) -> IndicatorScore {
    let policy = |p: Policy| match p {
        Policy::Missing => None,
        Policy::Score(s) => Some(s),
    };
    let (status, score, answer) = match reading {
        Reading::Option(k) => {
            let (s, code) = option(k);
            (Status::Scored, Some(s), code)
        }
        Reading::Number(x) => (
            Status::Scored,
            Some(number(x)),
            crate::intake::grid::number_text(x),
        ),
        Reading::NotApplicable => (
            Status::NotApplicable,
            None,
            fw.special.not_applicable.code.clone(),
        ),
        Reading::DontKnow => (
            Status::DontKnow,
            policy(fw.special.dont_know_policy),
            fw.special.dont_know.code.clone(),
        ),
        Reading::Blank => (
            Status::Missing,
            policy(fw.special.blank_policy),
            String::new(),
        ),
        Reading::Invalid => (Status::Invalid, None, String::new()),
    };
    IndicatorScore {
        status,
        score,
        answer,
        level: None,
        note: None,
        undecided: None,
    }
}

/// The level attained on a cumulative scale: walking up from the lowest level, a level
/// counts when all its criteria (not-applicable ones aside) are met; a criterion not met
/// stops the walk. A criterion unanswered (or don't-know, or invalid) before any stop
/// leaves the next level undecided: the level the answered criteria prove is scored as a
/// lower bound, and the indicator is listed as a data gap naming the criterion. When not
/// even the lowest level is proven, the indicator is missing (or don't know) as any
/// unanswered indicator, never silently counted as met or not met.
fn cumulative(
    fw: &Framework,
    i: usize,
    by_id: &HashMap<&str, &crate::intake::Answer>,
    crit: &crate::rules::Scale,
) -> IndicatorScore {
    let ind = &fw.indicators[i];
    let scale = &fw.scales[ind.scale];
    let mut attained: Option<usize> = None;
    // Whether a criterion answered "met" proves the level attained (a lowest level
    // without criteria is the floor, not proven by anything).
    let mut proven = false;
    let mut any_answer = false;
    let mut all_na = true;
    for level in 0..scale.options.len() {
        let criteria: Vec<_> = ind.criteria.iter().filter(|c| c.level == level).collect();
        let mut met = true;
        let mut met_here = false;
        let mut undecided: Option<(Status, String)> = None;
        for c in &criteria {
            let reading = by_id
                .get(c.id.as_str())
                .map(|x| x.reading)
                .unwrap_or(Reading::Blank);
            match reading {
                Reading::Option(k) => {
                    any_answer = true;
                    all_na = false;
                    if crit.options[k].score < 1.0 {
                        met = false;
                    } else {
                        met_here = true;
                    }
                }
                Reading::NotApplicable => any_answer = true,
                Reading::Number(_) | Reading::Invalid => {
                    all_na = false;
                    undecided.get_or_insert((Status::Invalid, c.id.clone()));
                }
                Reading::DontKnow => {
                    any_answer = true;
                    all_na = false;
                    undecided.get_or_insert((Status::DontKnow, c.id.clone()));
                }
                Reading::Blank => {
                    all_na = false;
                    undecided.get_or_insert((Status::Missing, c.id.clone()));
                }
            }
        }
        if !met {
            break;
        }
        if let Some((status, id)) = undecided {
            if let Some(l) = attained.filter(|_| proven) {
                return IndicatorScore {
                    status: Status::Scored,
                    score: Some(scale.options[l].score),
                    answer: scale.options[l].code.clone(),
                    level: Some(l),
                    note: Some(Note::LowerBound {
                        level: scale.options[l].code.clone(),
                        criterion: id.clone(),
                        status,
                    }),
                    undecided: Some(Undecided {
                        criterion: id,
                        status,
                    }),
                };
            }
            let (status, score) = match status {
                Status::DontKnow => (
                    Status::DontKnow,
                    match fw.special.dont_know_policy {
                        Policy::Missing => None,
                        Policy::Score(s) => Some(s),
                    },
                ),
                Status::Missing if !any_answer => (
                    Status::Missing,
                    match fw.special.blank_policy {
                        Policy::Missing => None,
                        Policy::Score(s) => Some(s),
                    },
                ),
                s => (s, None),
            };
            return IndicatorScore {
                status,
                score,
                answer: String::new(),
                level: None,
                note: Some(Note::LevelUndecided(id.to_string())),
                undecided: None,
            };
        }
        attained = Some(level);
        proven |= met_here;
    }
    if all_na && !ind.criteria.is_empty() {
        return IndicatorScore {
            status: Status::NotApplicable,
            score: None,
            answer: fw.special.not_applicable.code.clone(),
            level: None,
            note: Some(Note::AllCriteriaNotApplicable),
            undecided: None,
        };
    }
    match attained {
        Some(l) => IndicatorScore {
            status: Status::Scored,
            score: Some(scale.options[l].score),
            answer: scale.options[l].code.clone(),
            level: Some(l),
            note: None,
            undecided: None,
        },
        // Even the lowest level's criteria are not met: the scale's floor.
        None => IndicatorScore {
            status: Status::Scored,
            score: Some(0.0),
            answer: String::new(),
            level: None,
            note: Some(Note::NoLevel),
            undecided: None,
        },
    }
}
