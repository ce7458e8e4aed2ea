//! The rule files as written: serde structures that mirror the TOML, with spans kept
//! wherever a later check needs to point at a place in the file.

use crate::i18n::Text;
use serde::Deserialize;
use toml::Spanned;

/// One TOML file of a framework. Every section is optional; the sections of all files of
/// a framework are concatenated in path order.
#[derive(Debug, Default, Deserialize)]
pub struct RawFile {
    pub framework: Option<Spanned<RawHeader>>,
    pub special: Option<Spanned<RawSpecial>>,
    pub uncertainty: Option<Spanned<RawUncertainty>>,
    #[serde(default)]
    pub scale: Vec<Spanned<RawScale>>,
    #[serde(default)]
    pub context: Vec<Spanned<RawContext>>,
    #[serde(default)]
    pub node: Vec<Spanned<RawNode>>,
    #[serde(default)]
    pub indicator: Vec<Spanned<RawIndicator>>,
    #[serde(default)]
    pub band: Vec<Spanned<RawBand>>,
    #[serde(default)]
    pub principle: Vec<Spanned<RawPrinciple>>,
    #[serde(default)]
    pub guideline: Vec<Spanned<RawGuideline>>,
    #[serde(default)]
    pub practice: Vec<Spanned<RawPractice>>,
    #[serde(default)]
    pub tool: Vec<Spanned<RawTool>>,
    #[serde(default)]
    pub stakeholder: Vec<Spanned<RawStakeholder>>,
}

#[derive(Debug, Deserialize)]
pub struct RawHeader {
    pub id: Spanned<String>,
    pub version: Spanned<String>,
    pub title: Spanned<Text>,
    #[serde(default)]
    pub about: Option<Spanned<Text>>,
    pub languages: Spanned<Vec<Spanned<String>>>,
    pub levels: Spanned<Vec<Spanned<RawLevel>>>,
    #[serde(default)]
    pub aggregation: Option<Spanned<String>>,
    #[serde(default)]
    pub min_coverage: Option<Spanned<f64>>,
    #[serde(default)]
    pub geometric_floor: Option<Spanned<f64>>,
    #[serde(default)]
    pub weights_reason: Option<Spanned<Text>>,
    #[serde(default)]
    pub include: Vec<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
pub struct RawLevel {
    pub id: Spanned<String>,
    pub label: Spanned<Text>,
}

#[derive(Debug, Deserialize)]
pub struct RawSpecial {
    pub not_applicable: Option<Spanned<RawSpecialAnswer>>,
    pub dont_know: Option<Spanned<RawSpecialAnswer>>,
    pub blank: Option<Spanned<RawBlank>>,
}

#[derive(Debug, Deserialize)]
pub struct RawSpecialAnswer {
    pub code: Spanned<String>,
    pub label: Spanned<Text>,
    #[serde(default)]
    pub aliases: Vec<Spanned<String>>,
    #[serde(default)]
    pub requires_justification: Option<bool>,
    #[serde(default)]
    pub policy: Option<Spanned<String>>,
    #[serde(default)]
    pub score: Option<Spanned<f64>>,
}

#[derive(Debug, Deserialize)]
pub struct RawBlank {
    pub policy: Spanned<String>,
    #[serde(default)]
    pub score: Option<Spanned<f64>>,
}

#[derive(Debug, Deserialize)]
pub struct RawUncertainty {
    #[serde(default)]
    pub concentration: Option<Spanned<f64>>,
    #[serde(default)]
    pub vary_weights: Option<bool>,
    #[serde(default)]
    pub vary_aggregation: Option<bool>,
    #[serde(default)]
    pub vary_scores: Option<bool>,
    /// Don't-know policies the sensitivity analysis may choose among, e.g.
    /// `[{ policy = "missing" }, { policy = "score", score = 0.0 }]`.
    #[serde(default)]
    pub dont_know_policies: Vec<Spanned<RawPolicy>>,
}

/// A policy for a special answer: `missing`, or `score` with its score.
#[derive(Debug, Deserialize)]
pub struct RawPolicy {
    pub policy: Spanned<String>,
    #[serde(default)]
    pub score: Option<Spanned<f64>>,
}

#[derive(Debug, Deserialize)]
pub struct RawScale {
    pub id: Spanned<String>,
    pub kind: Spanned<String>,
    #[serde(default)]
    pub label: Option<Spanned<Text>>,
    #[serde(default)]
    pub option: Vec<Spanned<RawOption>>,
    #[serde(default)]
    pub level: Vec<Spanned<RawOption>>,
    #[serde(default)]
    pub cumulative: Option<bool>,
    #[serde(default)]
    pub min: Option<Spanned<f64>>,
    #[serde(default)]
    pub max: Option<Spanned<f64>>,
    #[serde(default)]
    pub goalposts: Option<Spanned<Vec<Spanned<[f64; 2]>>>>,
    #[serde(default)]
    pub unit: Option<Spanned<Text>>,
}

#[derive(Debug, Deserialize)]
pub struct RawOption {
    pub code: Spanned<String>,
    #[serde(default)]
    pub score: Option<Spanned<f64>>,
    pub label: Spanned<Text>,
    #[serde(default)]
    pub aliases: Vec<Spanned<String>>,
    #[serde(default)]
    pub score_range: Option<Spanned<[f64; 2]>>,
    /// Scale options: the option is offered only when this holds (e.g. "partially" only
    /// when the country does not prepare its official return).
    #[serde(default)]
    pub applies_if: Option<Spanned<RawCondition>>,
    /// Context options: the roles an answer stands for (e.g. "both" stands for host and
    /// origin); by default the option's own code.
    #[serde(default)]
    pub roles: Vec<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
pub struct RawContext {
    pub id: Spanned<String>,
    pub question: Spanned<Text>,
    #[serde(default)]
    pub option: Vec<Spanned<RawOption>>,
    #[serde(default)]
    pub applies_if: Option<Spanned<RawCondition>>,
}

#[derive(Debug, Deserialize)]
pub struct RawNode {
    pub id: Spanned<String>,
    #[serde(default)]
    pub parent: Option<Spanned<String>>,
    pub label: Spanned<Text>,
    #[serde(default)]
    pub description: Option<Spanned<Text>>,
    #[serde(default)]
    pub weight: Option<Spanned<f64>>,
    #[serde(default)]
    pub aggregation: Option<Spanned<String>>,
    #[serde(default)]
    pub min_coverage: Option<Spanned<f64>>,
}

#[derive(Debug, Deserialize)]
pub struct RawIndicator {
    pub id: Spanned<String>,
    pub parent: Spanned<String>,
    pub scale: Spanned<String>,
    #[serde(default)]
    pub weight: Option<Spanned<f64>>,
    pub question: Spanned<Text>,
    #[serde(default)]
    pub guidance: Option<Spanned<Text>>,
    #[serde(default)]
    pub evidence: Option<Spanned<String>>,
    #[serde(default)]
    pub applies_if: Option<Spanned<RawCondition>>,
    #[serde(default)]
    pub critical: Option<bool>,
    #[serde(default)]
    pub links: Option<Spanned<RawLinks>>,
    #[serde(default)]
    pub stakeholders: Vec<Spanned<String>>,
    #[serde(default)]
    pub action: Vec<Spanned<RawAction>>,
    #[serde(default)]
    pub criterion: Vec<Spanned<RawCriterion>>,
}

/// `{ question = "role", in = ["origin", "both"] }`, or `{ any = [...] }` / `{ all = [...] }`
/// over such tests (one level only).
#[derive(Debug, Deserialize)]
pub struct RawCondition {
    #[serde(default)]
    pub question: Option<Spanned<String>>,
    #[serde(default, rename = "in")]
    pub in_: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    pub any: Option<Vec<Spanned<RawTest>>>,
    #[serde(default)]
    pub all: Option<Vec<Spanned<RawTest>>>,
}

#[derive(Debug, Deserialize)]
pub struct RawTest {
    pub question: Spanned<String>,
    #[serde(rename = "in")]
    pub in_: Vec<Spanned<String>>,
}

#[derive(Debug, Default, Deserialize)]
pub struct RawLinks {
    #[serde(default)]
    pub guidelines: Vec<Spanned<String>>,
    #[serde(default)]
    pub principles: Vec<Spanned<String>>,
    #[serde(default)]
    pub practices: Vec<Spanned<String>>,
    #[serde(default)]
    pub tools: Vec<Spanned<String>>,
    #[serde(default)]
    pub mgi: Vec<Spanned<String>>,
    #[serde(default)]
    pub sdg: Vec<Spanned<String>>,
    #[serde(default)]
    pub gcm: Vec<Spanned<i64>>,
    #[serde(default)]
    pub sendai: Vec<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
pub struct RawAction {
    pub text: Spanned<Text>,
    #[serde(default)]
    pub stakeholders: Vec<Spanned<String>>,
    #[serde(default)]
    pub tools: Vec<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
pub struct RawCriterion {
    pub id: Spanned<String>,
    pub level: Spanned<String>,
    pub text: Spanned<Text>,
}

#[derive(Debug, Deserialize)]
pub struct RawBand {
    pub code: Spanned<String>,
    #[serde(default)]
    pub lower: Option<Spanned<f64>>,
    #[serde(default)]
    pub exclusive: Option<bool>,
    #[serde(default)]
    pub exact: Option<Spanned<f64>>,
    pub label: Spanned<Text>,
}

#[derive(Debug, Deserialize)]
pub struct RawPrinciple {
    pub id: Spanned<String>,
    #[serde(default)]
    pub number: Option<u32>,
    pub label: Spanned<Text>,
    #[serde(default)]
    pub description: Option<Spanned<Text>>,
    #[serde(default)]
    pub url: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
pub struct RawGuideline {
    pub id: Spanned<String>,
    #[serde(default)]
    pub number: Option<u32>,
    #[serde(default)]
    pub phase: Option<Spanned<String>>,
    pub title: Spanned<Text>,
    #[serde(default)]
    pub description: Option<Spanned<Text>>,
    #[serde(default)]
    pub url: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
pub struct RawPractice {
    pub id: Spanned<String>,
    pub guideline: Spanned<String>,
    pub stakeholder: Spanned<String>,
    pub text: Spanned<Text>,
    #[serde(default)]
    pub url: Option<Spanned<String>>,
    /// Context codes (roles) the practice is for; empty: its stakeholder's roles.
    #[serde(default)]
    pub roles: Vec<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
pub struct RawTool {
    pub id: Spanned<String>,
    pub label: Spanned<Text>,
    #[serde(default)]
    pub description: Option<Spanned<Text>>,
    #[serde(default)]
    pub kind: Option<Spanned<String>>,
    #[serde(default)]
    pub audience: Vec<Spanned<String>>,
    #[serde(default)]
    pub guidelines: Vec<Spanned<String>>,
    /// Context codes (roles) the tool serves, e.g. ["origin"]; empty: every role.
    #[serde(default)]
    pub roles: Vec<Spanned<String>>,
    #[serde(default)]
    pub publisher: Option<Spanned<Text>>,
    #[serde(default)]
    pub year: Option<Spanned<i64>>,
    #[serde(default)]
    pub url: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
pub struct RawStakeholder {
    pub id: Spanned<String>,
    pub label: Spanned<Text>,
    /// A government body (a ministry, an agency, local government): the first such
    /// stakeholder of an indicator leads it.
    #[serde(default)]
    pub government: Option<bool>,
    /// Context codes (roles) the group stands for, e.g. ["origin"] for States of
    /// origin; empty: every role.
    #[serde(default)]
    pub roles: Vec<Spanned<String>>,
}
