//! `mgi merge --format json` (`mgi.merge/1`) and `mgi status --format json`
//! (`mgi.status/1`). Shares from 0 to 1.

use super::status::{AreaCompletion, AssessmentStatus, Completion, PartStatus};
use super::{Given, Merged};
use crate::diag::{Diagnostic, DiagnosticJson};
use serde::Serialize;
use std::collections::BTreeMap;

/// The assessment merged.
#[derive(Debug, Serialize)]
pub struct IdentityJson {
    /// Unit code.
    pub unit: String,
    /// Period.
    pub period: String,
    /// Round.
    pub round: String,
    /// Framework id.
    pub framework: String,
    /// Framework version.
    pub version: String,
}

impl From<&crate::intake::batch::Identity> for IdentityJson {
    fn from(i: &crate::intake::batch::Identity) -> Self {
        IdentityJson {
            unit: i.0.clone(),
            period: i.1.clone(),
            round: i.2.clone(),
            framework: i.3.clone(),
            version: i.4.clone(),
        }
    }
}

/// A part merged.
#[derive(Debug, Serialize)]
pub struct MergePartJson {
    /// Its file.
    pub file: String,
    /// Its contributor.
    pub contributor: String,
    /// Its About date.
    pub date: String,
    /// Rows it answers.
    pub answered: usize,
    /// Its scope (indicator ids; empty: the whole assessment).
    pub scope: Vec<String>,
}

/// One part's answer.
#[derive(Debug, Serialize)]
pub struct GivenJson {
    /// Contributor.
    pub contributor: String,
    /// File.
    pub file: String,
    /// Cell (`Assessment!F12`; empty for a context answer).
    pub cell: String,
    /// The answer as typed.
    pub answer: String,
    /// As read: an option code, a number, `na`, `dk`, `invalid`.
    pub read_as: String,
}

impl From<&Given> for GivenJson {
    fn from(g: &Given) -> Self {
        GivenJson {
            contributor: g.contributor.clone(),
            file: g.file.clone(),
            cell: g.cell.clone(),
            answer: g.answer.clone(),
            read_as: g.read_as.clone(),
        }
    }
}

/// A conflict.
#[derive(Debug, Serialize)]
pub struct ConflictJson {
    /// Indicator, criterion or context question id.
    pub id: String,
    /// `different`, `dont_know` or `context`.
    pub kind: &'static str,
    /// Whether `--prefer` resolved it.
    pub resolved: bool,
    /// The answer kept, when resolved.
    pub kept: Option<GivenJson>,
    /// Every part's answer.
    pub answers: Vec<GivenJson>,
}

/// An answer outside its part's scope.
#[derive(Debug, Serialize)]
pub struct OutsideJson {
    /// Indicator or criterion id.
    pub id: String,
    /// The answer.
    pub given: GivenJson,
    /// The contributor of the part whose scope holds it, if any.
    pub owner: Option<String>,
}

/// A merged answer's source.
#[derive(Debug, Serialize)]
pub struct SourceJson {
    /// Contributor.
    pub contributor: String,
    /// File.
    pub file: String,
    /// Cell.
    pub cell: String,
}

/// `mgi.merge/1`.
#[derive(Debug, Serialize)]
pub struct MergeJson {
    /// `mgi.merge/1`.
    pub schema: &'static str,
    /// The assessment.
    pub assessment: IdentityJson,
    /// The merged workbook written (`null` when nothing was written).
    pub output: Option<String>,
    /// The parts, in argument order.
    pub parts: Vec<MergePartJson>,
    /// Row id → where its merged answer came from.
    pub sources: BTreeMap<String, SourceJson>,
    /// Every conflict.
    pub conflicts: Vec<ConflictJson>,
    /// Conflicts left unresolved.
    pub unresolved: usize,
    /// Answers outside their part's scope.
    pub outside_scope: Vec<OutsideJson>,
    /// Every diagnostic of the parts and of the merge.
    pub diagnostics: Vec<DiagnosticJson>,
}

/// Builds `mgi.merge/1`.
pub fn merge_json(
    identity: &crate::intake::batch::Identity,
    m: &Merged,
    output: Option<String>,
    diagnostics: &[Diagnostic],
) -> MergeJson {
    MergeJson {
        schema: "mgi.merge/1",
        assessment: identity.into(),
        output,
        parts: m
            .parts
            .iter()
            .map(|p| MergePartJson {
                file: p.file.clone(),
                contributor: p.contributor.clone(),
                date: p.date.clone(),
                answered: p.answered,
                scope: p.scope.clone(),
            })
            .collect(),
        sources: m
            .sources
            .iter()
            .map(|(id, o)| {
                (
                    id.clone(),
                    SourceJson {
                        contributor: o.contributor.clone(),
                        file: o.file.clone(),
                        cell: o.cell.clone(),
                    },
                )
            })
            .collect(),
        conflicts: m
            .conflicts
            .iter()
            .map(|c| ConflictJson {
                id: c.id.clone(),
                kind: c.kind.name(),
                resolved: c.kept.is_some(),
                kept: c.kept.map(|k| (&c.answers[k]).into()),
                answers: c.answers.iter().map(Into::into).collect(),
            })
            .collect(),
        unresolved: m.unresolved(),
        outside_scope: m
            .outside
            .iter()
            .map(|o| OutsideJson {
                id: o.id.clone(),
                given: (&o.given).into(),
                owner: o.owner.clone(),
            })
            .collect(),
        diagnostics: diagnostics.iter().map(DiagnosticJson::from).collect(),
    }
}

/// Counts and share.
#[derive(Debug, Serialize)]
pub struct CompletionJson {
    /// Indicators counted.
    pub indicators: usize,
    /// Answered (on the scale, or not applicable).
    pub answered: usize,
    /// Don't know.
    pub dont_know: usize,
    /// Not on the scale.
    pub invalid: usize,
    /// Missing.
    pub missing: usize,
    /// answered / indicators (0 to 1).
    pub share: f64,
}

impl From<&Completion> for CompletionJson {
    fn from(c: &Completion) -> Self {
        CompletionJson {
            indicators: c.indicators,
            answered: c.answered,
            dont_know: c.dont_know,
            invalid: c.invalid,
            missing: c.missing,
            share: c.share(),
        }
    }
}

/// An area.
#[derive(Debug, Serialize)]
pub struct AreaJson {
    /// Level-1 node id.
    pub node: String,
    /// Its counts.
    #[serde(flatten)]
    pub completion: CompletionJson,
}

fn areas(list: &[AreaCompletion]) -> Vec<AreaJson> {
    list.iter()
        .map(|a| AreaJson {
            node: a.node.clone(),
            completion: (&a.completion).into(),
        })
        .collect()
}

/// A contribution.
#[derive(Debug, Serialize)]
pub struct StatusPartJson {
    /// File.
    pub file: String,
    /// Contributor.
    pub contributor: String,
    /// About date.
    pub date: String,
    /// Whether it is a part with a scope.
    pub scoped: bool,
    /// Over its scope.
    #[serde(flatten)]
    pub total: CompletionJson,
    /// Per level-1 area.
    pub areas: Vec<AreaJson>,
}

impl From<&PartStatus> for StatusPartJson {
    fn from(p: &PartStatus) -> Self {
        StatusPartJson {
            file: p.file.clone(),
            contributor: p.contributor.clone(),
            date: p.date.clone(),
            scoped: p.scoped,
            total: (&p.total).into(),
            areas: areas(&p.areas),
        }
    }
}

/// The whole assessment.
#[derive(Debug, Serialize)]
pub struct WholeJson {
    /// Over every applicable indicator.
    #[serde(flatten)]
    pub total: CompletionJson,
    /// Conflicts left unresolved.
    pub conflicts: usize,
    /// Per level-1 area.
    pub areas: Vec<AreaJson>,
    /// Contributor → indicators whose answer it gave.
    pub contributors: BTreeMap<String, usize>,
}

/// One assessment.
#[derive(Debug, Serialize)]
pub struct StatusAssessmentJson {
    /// Identity.
    pub assessment: IdentityJson,
    /// Contributions, in argument order.
    pub parts: Vec<StatusPartJson>,
    /// The parts merged.
    pub merged: WholeJson,
}

/// `mgi.status/1`.
#[derive(Debug, Serialize)]
pub struct StatusJson {
    /// `mgi.status/1`.
    pub schema: &'static str,
    /// Every assessment, in the order its first part was given.
    pub assessments: Vec<StatusAssessmentJson>,
    /// Diagnostics of inputs that could not be read.
    pub diagnostics: Vec<DiagnosticJson>,
}

/// Builds `mgi.status/1`.
pub fn status_json(list: &[AssessmentStatus], diagnostics: &[Diagnostic]) -> StatusJson {
    StatusJson {
        schema: "mgi.status/1",
        assessments: list
            .iter()
            .map(|s| StatusAssessmentJson {
                assessment: (&s.identity).into(),
                parts: s.parts.iter().map(Into::into).collect(),
                merged: WholeJson {
                    total: (&s.whole.total).into(),
                    conflicts: s.whole.conflicts,
                    areas: areas(&s.whole.areas),
                    contributors: s.whole.contributors.clone(),
                },
            })
            .collect(),
        diagnostics: diagnostics.iter().map(DiagnosticJson::from).collect(),
    }
}
