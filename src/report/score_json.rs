//! `mgi score --format json` (`mgi.score/1`). Scores on 0 to 100 at full precision,
//! `null` where there is none; coverage as a share from 0 to 1.

use crate::diag::Code;
use crate::diag::Severity;
use crate::guidance::plan;
use crate::i18n::Text;
use crate::results::Results;
use crate::rules::Framework;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The unit assessed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UnitJson {
    /// Code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Level.
    pub level: String,
}

/// What was assessed and from where.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AssessmentJson {
    /// Unit.
    pub unit: UnitJson,
    /// Period.
    pub period: String,
    /// Round.
    pub round: String,
    /// Framework id.
    pub framework: String,
    /// Framework version.
    pub version: String,
    /// Input file.
    pub source: String,
    /// SHA-256 of the input file.
    pub source_sha256: String,
    /// Context answers: question id → option code.
    #[serde(default)]
    pub context: BTreeMap<String, String>,
}

/// A score with its band and coverage.
#[derive(Debug, Serialize)]
pub struct OverallJson {
    /// 0 to 100.
    pub score: Option<f64>,
    /// Band code.
    pub band: Option<String>,
    /// 0 to 1.
    pub coverage: f64,
    /// Share (0 to 1) of the applicable indicators' weight answered on the scale.
    #[serde(default)]
    pub answered: f64,
}

/// A node.
#[derive(Debug, Serialize)]
pub struct NodeJson {
    /// Id.
    pub id: String,
    /// 0 to 100.
    pub score: Option<f64>,
    /// Band code.
    pub band: Option<String>,
    /// 0 to 1.
    pub coverage: f64,
    /// scored, insufficient_data, not_applicable.
    pub status: &'static str,
}

/// An indicator.
#[derive(Debug, Serialize)]
pub struct IndicatorJson {
    /// Id.
    pub id: String,
    /// Answer as read (code, number, na, dk), `null` when blank or invalid.
    pub answer: Option<String>,
    /// 0 to 100.
    pub score: Option<f64>,
    /// scored, not_applicable, missing, dont_know, invalid.
    pub status: &'static str,
    /// Where the answer was.
    pub source_cell: Option<String>,
    /// Who gave the answer: a merged workbook's `Source` column, or the contributor of
    /// a part scored on its own; absent when unknown.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contributor: Option<String>,
    /// The part's file the answer came from; absent when unknown.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_file: Option<String>,
    /// The answer's cell in `source_file`; absent when unknown.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_file_cell: Option<String>,
}

/// A gap.
#[derive(Debug, Serialize)]
pub struct GapJson {
    /// Rank from 1.
    pub rank: usize,
    /// Indicator id.
    pub indicator: String,
    /// Points to gain (0 to 100).
    pub points: Option<f64>,
    /// Current score (0 to 100).
    pub score: f64,
    /// Status.
    pub status: &'static str,
    /// Critical.
    pub critical: bool,
    /// Recommended actions, with lead, stakeholders and the tools and practices that
    /// fit the assessment.
    #[serde(default)]
    pub actions: Vec<ActionJson>,
    /// Tools that fit (ids): the union of the gap's and its actions', or its
    /// guidelines' when none of those fits.
    #[serde(default)]
    pub tools: Vec<String>,
    /// Sample practices that fit (ids).
    #[serde(default)]
    pub practices: Vec<String>,
}

/// A recommended action of a gap.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActionJson {
    /// What to do, per language.
    pub text: Text,
    /// The lead stakeholder (id): the first government body, else the first.
    pub lead: Option<String>,
    /// Every stakeholder (ids).
    pub stakeholders: Vec<String>,
    /// Tools that help and fit (ids).
    pub tools: Vec<String>,
    /// Practices of the gap whose stakeholder acts in it (ids).
    pub practices: Vec<String>,
}

/// A data gap.
#[derive(Debug, Serialize)]
pub struct DataGapJson {
    /// Indicator id.
    pub indicator: String,
    /// Status.
    pub status: &'static str,
    /// For a criteria indicator scored as a lower bound: the undecided criterion.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub criterion: Option<String>,
}

/// A strength.
#[derive(Debug, Serialize)]
pub struct StrengthJson {
    /// Node id.
    pub node: String,
    /// 0 to 100.
    pub score: f64,
    /// Band code.
    pub band: String,
}

/// A diagnostic as the score contract has it.
#[derive(Debug, Serialize)]
pub struct ScoreDiagnosticJson {
    /// error or warning.
    pub severity: Severity,
    /// Stable code.
    pub code: Code,
    /// Message.
    pub message: String,
    /// Sheet.
    pub sheet: Option<String>,
    /// Cell.
    pub cell: Option<String>,
    /// File, when known.
    pub file: Option<String>,
    /// Line in a text file (a csv table).
    pub line: Option<usize>,
    /// Column in a text file.
    pub column: Option<usize>,
}

/// `mgi.score/1`.
#[derive(Debug, Serialize)]
pub struct ScoreJson {
    /// `mgi.score/1`.
    pub schema: &'static str,
    /// What was assessed.
    pub assessment: AssessmentJson,
    /// The root.
    pub overall: OverallJson,
    /// Every node, in tree order.
    pub nodes: Vec<NodeJson>,
    /// Every indicator, in framework order.
    pub indicators: Vec<IndicatorJson>,
    /// Ranked gaps.
    pub gaps: Vec<GapJson>,
    /// Missing, don't-know and invalid answers.
    pub data_gaps: Vec<DataGapJson>,
    /// Nodes in the top band.
    pub strengths: Vec<StrengthJson>,
    /// Everything found in the input.
    pub diagnostics: Vec<ScoreDiagnosticJson>,
}

/// Builds `mgi.score/1`.
///
/// ```
/// # let rules = mgi::Rules::bundled();
/// # let fw = rules.get("micic").unwrap();
/// # let reader = mgi::Reader::new(&rules);
/// # let read = |p: &str| reader.read_path(p.as_ref(), None).unwrap().remove(0);
/// # let results = mgi::evaluate(fw, &read("fixtures/XAA-2026-micic.xlsx"));
/// let doc = serde_json::to_value(mgi::score_json(fw, &results)).unwrap();
/// assert_eq!(doc["schema"], "mgi.score/1");
/// assert_eq!(doc["assessment"]["unit"]["code"], "XAA");
/// ```
pub fn score_json(fw: &Framework, r: &Results) -> ScoreJson {
    let m = &r.assessment.meta;
    let band = |s: Option<f64>| {
        s.and_then(|s| fw.band_of(s * 100.0))
            .map(|b| b.code.clone())
    };
    let overall = r.overall();
    let answers = r.assessment.answers_by_id();
    ScoreJson {
        schema: "mgi.score/1",
        assessment: AssessmentJson {
            unit: UnitJson {
                code: m.unit_code.clone(),
                name: m.unit_name.clone(),
                level: m.unit_level.clone(),
            },
            period: m.period.clone(),
            round: m.round.clone(),
            framework: r.framework.clone(),
            version: r.version.clone(),
            source: r.assessment.source.clone(),
            source_sha256: r.assessment.source_sha256.clone(),
            context: m.context.clone(),
        },
        overall: OverallJson {
            score: overall.score.map(|s| s * 100.0),
            band: band(overall.score),
            coverage: overall.coverage,
            answered: r.answered,
        },
        nodes: fw
            .tree_order()
            .into_iter()
            .map(|n| {
                let s = &r.nodes[n];
                NodeJson {
                    id: fw.nodes[n].id.clone(),
                    score: s.score.map(|x| x * 100.0),
                    band: band(s.score),
                    coverage: s.coverage,
                    status: s.status.name(),
                }
            })
            .collect(),
        indicators: fw
            .indicators
            .iter()
            .zip(&r.indicators)
            .map(|(ind, s)| {
                let a = answers.get(ind.id.as_str()).copied().or_else(|| {
                    ind.criteria
                        .first()
                        .and_then(|c| answers.get(c.id.as_str()).copied())
                });
                let origin = a.and_then(|a| r.assessment.origin_of(a));
                let non_empty = |s: &str| (!s.is_empty()).then(|| s.to_string());
                IndicatorJson {
                    contributor: origin.as_ref().and_then(|o| non_empty(&o.contributor)),
                    source_file: origin.as_ref().and_then(|o| non_empty(&o.file)),
                    source_file_cell: origin.as_ref().and_then(|o| non_empty(&o.cell)),
                    id: ind.id.clone(),
                    answer: (!s.answer.is_empty()).then(|| s.answer.clone()),
                    score: s.score.map(|x| x * 100.0),
                    status: s.status.name(),
                    source_cell: a.map(|a| a.source_cell()).filter(|c| !c.is_empty()),
                }
            })
            .collect(),
        gaps: r
            .gaps
            .iter()
            .zip(plan(fw, r))
            .map(|(g, p)| GapJson {
                rank: g.rank,
                indicator: fw.indicators[g.indicator].id.clone(),
                points: g.points,
                score: g.score * 100.0,
                status: g.status.name(),
                critical: g.critical,
                actions: p
                    .actions
                    .into_iter()
                    .map(|a| ActionJson {
                        text: a.text,
                        lead: a.lead,
                        stakeholders: a.stakeholders,
                        tools: a.tools,
                        practices: a.practices,
                    })
                    .collect(),
                tools: p.tools,
                practices: p.practices,
            })
            .collect(),
        data_gaps: r
            .data_gaps
            .iter()
            .map(|d| DataGapJson {
                indicator: fw.indicators[d.indicator].id.clone(),
                status: d.status.name(),
                criterion: d.criterion.clone(),
            })
            .collect(),
        strengths: r
            .strengths
            .iter()
            .map(|s| StrengthJson {
                node: fw.nodes[s.node].id.clone(),
                score: s.score * 100.0,
                band: s.band.clone(),
            })
            .collect(),
        diagnostics: r
            .diagnostics()
            .iter()
            .map(|d| ScoreDiagnosticJson {
                severity: d.severity,
                code: d.code,
                message: d.message.clone(),
                sheet: d.location.sheet.clone(),
                cell: d.location.cell.clone(),
                file: d.location.file.clone(),
                line: d.location.line,
                column: d.location.column,
            })
            .collect(),
    }
}
