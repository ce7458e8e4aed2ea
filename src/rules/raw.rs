//! The rule files as written: serde structures that mirror the TOML, with spans kept
//! wherever a later check needs to point at a place in the file.
//!
//! These structures are the rule format. The loader's lists of expected keys
//! (`fields.rs`) and the reference document `docs/rule-format.md` (`reference.rs`) are
//! both derived from them: the keys and their types through serde, the meanings from
//! the `///` comments on the fields below. So adding a key means adding a field here
//! with a comment that says what it means; a sentence starting with `Default:` gives the
//! default of an optional key. `MGI_BLESS=1 cargo test --test it rule_format` then
//! rewrites the document (a test fails until it is up to date).

use crate::i18n::Text;
use serde::Deserialize;
use serde::de::{self, MapAccess, Visitor};
use std::collections::BTreeMap;
use std::fmt;
use toml::Spanned;

/// A text as written: per language (`{ en = "...", fr = "..." }`), or a plain string,
/// which a single-language framework takes as its only language.
#[derive(Debug, Clone, PartialEq)]
pub enum RawText {
    /// A plain string.
    Plain(String),
    /// A text per language.
    PerLanguage(Text),
}

impl<'de> Deserialize<'de> for RawText {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawText;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(
                    "a text per language such as { en = \"...\", fr = \"...\" } (a plain string only in a single-language framework)",
                )
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawText, E> {
                Ok(RawText::Plain(v.to_string()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<RawText, E> {
                Ok(RawText::Plain(v))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<RawText, A::Error> {
                let mut out = BTreeMap::new();
                while let Some((k, v)) = m.next_entry::<String, String>()? {
                    out.insert(k, v);
                }
                Ok(RawText::PerLanguage(Text(out)))
            }
        }
        // `deserialize_any`: a string or a table. The reference tracer reads this call
        // as "a text" (no other raw type deserializes through `deserialize_any`).
        d.deserialize_any(V)
    }
}

/// One TOML file of a framework. Every section is optional; the sections of all files of
/// a framework are concatenated in path order.
#[derive(Debug, Default, Deserialize)]
pub struct RawFile {
    /// The framework's identity, languages and tree levels; exactly one file of a
    /// framework folder declares it (it is what makes a folder a framework). Default:
    /// none in the other files.
    pub framework: Option<Spanned<RawHeader>>,
    /// Special answers (not applicable, don't know, blank) and how they are scored; at
    /// most once per framework. Default: the defaults of each of its tables.
    pub special: Option<Spanned<RawSpecial>>,
    /// Defaults of the uncertainty analysis (`mgi compare --uncertainty`); at most once
    /// per framework. Default: the defaults of each of its keys.
    pub uncertainty: Option<Spanned<RawUncertainty>>,
    /// Scales: how an answer becomes a score in 0 to 1. Default: none.
    #[serde(default)]
    pub scale: Vec<Spanned<RawScale>>,
    /// Context questions: unscored questions on the About sheet (such as the State's
    /// role) that applicability conditions refer to. Default: none.
    #[serde(default)]
    pub context: Vec<Spanned<RawContext>>,
    /// Inner nodes of the tree; the one node without a parent is the root. Default:
    /// none.
    #[serde(default)]
    pub node: Vec<Spanned<RawNode>>,
    /// Indicators: the leaves of the tree, one question each. Default: none.
    #[serde(default)]
    pub indicator: Vec<Spanned<RawIndicator>>,
    /// Bands (categories) of scores on 0 to 100, lowest first. Default: none.
    #[serde(default)]
    pub band: Vec<Spanned<RawBand>>,
    /// Catalogue of principles that indicators link to. Default: none.
    #[serde(default)]
    pub principle: Vec<Spanned<RawPrinciple>>,
    /// Catalogue of guidelines that indicators link to. Default: none.
    #[serde(default)]
    pub guideline: Vec<Spanned<RawGuideline>>,
    /// Catalogue of sample practices, each under a guideline and a stakeholder group.
    /// Default: none.
    #[serde(default)]
    pub practice: Vec<Spanned<RawPractice>>,
    /// Catalogue of capacity-building tools (trainings, handbooks, templates...).
    /// Default: none.
    #[serde(default)]
    pub tool: Vec<Spanned<RawTool>>,
    /// Catalogue of stakeholder groups: who acts on an indicator or an action. Default:
    /// none.
    #[serde(default)]
    pub stakeholder: Vec<Spanned<RawStakeholder>>,
    /// Where the texts of each declared language come from: the original wording, our
    /// translation, or an official edition, with the texts taken from an official
    /// edition. Default: none (the framework does not say).
    #[serde(default)]
    pub translation: Vec<Spanned<RawTranslation>>,
}

/// `[framework]`: identity, languages and levels.
#[derive(Debug, Deserialize)]
pub struct RawHeader {
    /// The framework's id: letters, digits, `-`, `_` or `.`; what `--framework` and the
    /// workbook's About sheet name.
    pub id: Spanned<String>,
    /// The framework's version, written into every workbook and result.
    pub version: Spanned<String>,
    /// What the framework is for: `assessment` (answered in its own workbook) or `view`
    /// (scored only through a crosswalk from an assessment of another framework; no
    /// template, intake or scoring of its own). Default: `assessment`.
    #[serde(default)]
    pub kind: Option<Spanned<String>>,
    /// The framework's title.
    pub title: Spanned<RawText>,
    /// What the framework is and where it comes from. Default: none.
    #[serde(default)]
    pub about: Option<Spanned<RawText>>,
    /// Language codes the framework carries (2 or 3 lower-case letters); the first is
    /// the fallback for a text missing in another language.
    pub languages: Spanned<Vec<Spanned<String>>>,
    /// Names of the tree's depths, root first (`overall`, `domain`, `indicator`...).
    pub levels: Spanned<Vec<Spanned<RawLevel>>>,
    /// How a node combines its children unless it says otherwise: `arithmetic`
    /// (weighted mean), `geometric` (weighted geometric mean) or `minimum` (weakest
    /// link). Default: `arithmetic`.
    #[serde(default)]
    pub aggregation: Option<Spanned<String>>,
    /// Weight share (0 to 1) of a node's applicable children that must have a score for
    /// the node to have one, unless the node says otherwise. Default: `0`.
    #[serde(default)]
    pub min_coverage: Option<Spanned<f64>>,
    /// Points (above 0, at most 100) a zero is raised to in a geometric mean, so one
    /// zero does not erase the node. Default: `1`.
    #[serde(default)]
    pub geometric_floor: Option<Spanned<f64>>,
    /// Why the weights are what they are. Default: none.
    #[serde(default)]
    pub weights_reason: Option<Spanned<RawText>>,
    /// Other rule files read as part of this framework (catalogues shared with another
    /// framework), as paths relative to this file; a file outside the rules folder is
    /// read when it exists. Default: none.
    #[serde(default)]
    pub include: Vec<Spanned<String>>,
}

/// An entry of `[framework] levels`: the name of one depth of the tree.
#[derive(Debug, Deserialize)]
pub struct RawLevel {
    /// Stable id of the depth (`domain`).
    pub id: Spanned<String>,
    /// Its name, as templates and reports show it.
    pub label: Spanned<RawText>,
}

/// `[special]`: the special answers.
#[derive(Debug, Deserialize)]
pub struct RawSpecial {
    /// "Not applicable": the indicator leaves every denominator. Default: code `na`,
    /// labels in English, French and Spanish, common aliases, a justification required.
    pub not_applicable: Option<Spanned<RawSpecialAnswer>>,
    /// "Don't know": a data gap, scored by its policy and always listed. Default: code
    /// `dk`, labels in English, French and Spanish, common aliases, policy `missing`.
    pub dont_know: Option<Spanned<RawSpecialAnswer>>,
    /// A blank answer: a data gap, never silently counted as yes or no. Default: policy
    /// `missing`.
    pub blank: Option<Spanned<RawBlank>>,
}

/// `[special.not_applicable]` and `[special.dont_know]`.
#[derive(Debug, Deserialize)]
pub struct RawSpecialAnswer {
    /// The code written in the workbook (`na`, `dk`).
    pub code: Spanned<String>,
    /// Its label in the dropdown.
    pub label: Spanned<RawText>,
    /// Other spellings accepted on intake, matched ignoring case, accents and extra
    /// spaces. Default: none.
    #[serde(default)]
    pub aliases: Vec<Spanned<String>>,
    /// Not applicable only: whether the comment must say why the indicator does not
    /// apply. Default: `true`.
    #[serde(default)]
    pub requires_justification: Option<bool>,
    /// Don't know only: `missing` (no score; lowers coverage) or `score` (scored as
    /// `score`, still listed as a data gap). Default: `missing`.
    #[serde(default)]
    pub policy: Option<Spanned<String>>,
    /// Don't know only, with policy `score`: the score (0 to 1) it gets. Default: none
    /// (required by policy `score`).
    #[serde(default)]
    pub score: Option<Spanned<f64>>,
}

/// `[special.blank]`.
#[derive(Debug, Deserialize)]
pub struct RawBlank {
    /// `missing` (no score; lowers coverage) or `score` (scored as `score`, still listed
    /// as a data gap).
    pub policy: Spanned<String>,
    /// With policy `score`: the score (0 to 1) a blank answer gets. Default: none
    /// (required by policy `score`).
    #[serde(default)]
    pub score: Option<Spanned<f64>>,
}

/// `[uncertainty]`.
#[derive(Debug, Deserialize)]
pub struct RawUncertainty {
    /// Dirichlet concentration around the nominal weights: larger values draw weights
    /// closer to them. Default: `50`.
    #[serde(default)]
    pub concentration: Option<Spanned<f64>>,
    /// Whether the draws vary the weights. Default: `true`.
    #[serde(default)]
    pub vary_weights: Option<bool>,
    /// Whether the draws switch each node between arithmetic and geometric means.
    /// Default: `true`.
    #[serde(default)]
    pub vary_aggregation: Option<bool>,
    /// Whether the draws take option scores from their `score_range`. Default: `true`.
    #[serde(default)]
    pub vary_scores: Option<bool>,
    /// Don't-know policies the sensitivity analysis may choose among, e.g.
    /// `[{ policy = "missing" }, { policy = "score", score = 0.0 }]`. Default: none (the
    /// policy is not a factor of the analysis).
    #[serde(default)]
    pub dont_know_policies: Vec<Spanned<RawPolicy>>,
}

/// A policy for a special answer: `missing`, or `score` with its score.
#[derive(Debug, Deserialize)]
pub struct RawPolicy {
    /// `missing` (no score; lowers coverage) or `score` (scored as `score`).
    pub policy: Spanned<String>,
    /// With policy `score`: the score (0 to 1). Default: none (required by policy
    /// `score`).
    #[serde(default)]
    pub score: Option<Spanned<f64>>,
}

/// `[[scale]]`.
#[derive(Debug, Deserialize)]
pub struct RawScale {
    /// Id that indicators name in `scale`.
    pub id: Spanned<String>,
    /// `choice` (options with scores), `levels` (ordered levels, optionally
    /// cumulative), `numeric` (a number scored by goalposts) or `boolean` (yes or no).
    pub kind: Spanned<String>,
    /// The scale's name. Default: none.
    #[serde(default)]
    pub label: Option<Spanned<RawText>>,
    /// Choice and boolean scales: the answers, each with its score (a boolean scale
    /// takes none, for yes = 1 and no = 0, or exactly two: yes, then no). Default: none.
    #[serde(default)]
    pub option: Vec<Spanned<RawOption>>,
    /// Levels scales: the levels from lowest to highest, each with its score. Default:
    /// none.
    #[serde(default)]
    pub level: Vec<Spanned<RawOption>>,
    /// Levels scales: the level attained is computed from yes/no criteria listed by
    /// each indicator (`[[indicator.criterion]]`), WHO SPAR style. Default: `false`.
    #[serde(default)]
    pub cumulative: Option<bool>,
    /// Numeric scales: the lowest valid answer. Default: none.
    #[serde(default)]
    pub min: Option<Spanned<f64>>,
    /// Numeric scales: the highest valid answer. Default: none.
    #[serde(default)]
    pub max: Option<Spanned<f64>>,
    /// Numeric scales: `[[value, score], ...]` points in increasing order of value;
    /// scores are interpolated linearly between them and held flat outside. Required by
    /// numeric scales. Default: none.
    #[serde(default)]
    pub goalposts: Option<Spanned<Vec<Spanned<[f64; 2]>>>>,
    /// Numeric scales: the unit of the answer (`%`, `days`). Default: none.
    #[serde(default)]
    pub unit: Option<Spanned<RawText>>,
}

/// `[[scale.option]]`, `[[scale.level]]` and `[[context.option]]`.
#[derive(Debug, Deserialize)]
pub struct RawOption {
    /// The code written in the workbook and in JSON.
    pub code: Spanned<String>,
    /// Scale options: the score, 0 to 1 (required); context options take none.
    /// Default: none.
    #[serde(default)]
    pub score: Option<Spanned<f64>>,
    /// The label in the dropdown.
    pub label: Spanned<RawText>,
    /// Other spellings accepted on intake, matched ignoring case, accents and extra
    /// spaces. Default: none.
    #[serde(default)]
    pub aliases: Vec<Spanned<String>>,
    /// Scale options: `[low, high]` around the score, from which the uncertainty
    /// analysis may draw it. Default: none (the score never varies).
    #[serde(default)]
    pub score_range: Option<Spanned<[f64; 2]>>,
    /// Scale options: the option is offered only when this condition on the context
    /// answers holds (e.g. "partially" only when the country does not prepare its
    /// official return). Same form as an indicator's `applies_if`. Default: always
    /// offered.
    #[serde(default)]
    pub applies_if: Option<Spanned<RawCondition>>,
    /// Context options: the roles an answer stands for (`both` stands for `host` and
    /// `origin`), which tools' `roles` are matched against. Default: the option's own
    /// code.
    #[serde(default)]
    pub roles: Vec<Spanned<String>>,
}

/// `[[context]]`.
#[derive(Debug, Deserialize)]
pub struct RawContext {
    /// Id that conditions name in `question`.
    pub id: Spanned<String>,
    /// The question, as the About sheet asks it.
    pub question: Spanned<RawText>,
    /// Its answers (`[[context.option]]`: code, label, aliases, roles); at least one.
    /// Default: none.
    #[serde(default)]
    pub option: Vec<Spanned<RawOption>>,
    /// When the question itself applies. Default: always.
    #[serde(default)]
    pub applies_if: Option<Spanned<RawCondition>>,
}

/// `[[node]]`.
#[derive(Debug, Deserialize)]
pub struct RawNode {
    /// Id, unique among nodes, indicators and criteria.
    pub id: Spanned<String>,
    /// Id of the parent node. Default: none (the root; there must be exactly one).
    #[serde(default)]
    pub parent: Option<Spanned<String>>,
    /// Its name.
    pub label: Spanned<RawText>,
    /// A longer description. Default: none.
    #[serde(default)]
    pub description: Option<Spanned<RawText>>,
    /// Weight relative to its siblings (0 or more). Default: `1`.
    #[serde(default)]
    pub weight: Option<Spanned<f64>>,
    /// How it combines its children: `arithmetic`, `geometric` or `minimum`. Default:
    /// the framework's `aggregation`.
    #[serde(default)]
    pub aggregation: Option<Spanned<String>>,
    /// Weight share (0 to 1) of its applicable children that must have a score for it
    /// to have one; below it reports insufficient data. Default: the framework's
    /// `min_coverage`.
    #[serde(default)]
    pub min_coverage: Option<Spanned<f64>>,
}

/// `[[indicator]]`.
#[derive(Debug, Deserialize)]
pub struct RawIndicator {
    /// Id, unique among nodes, indicators and criteria: the row key of the workbook.
    pub id: Spanned<String>,
    /// Id of the node it sits under.
    pub parent: Spanned<String>,
    /// Id of the scale its answer is on.
    pub scale: Spanned<String>,
    /// Weight relative to its siblings (0 or more). Default: `1`.
    #[serde(default)]
    pub weight: Option<Spanned<f64>>,
    /// The question the workbook asks.
    pub question: Spanned<RawText>,
    /// What counts as evidence and how to choose the answer. Default: none.
    #[serde(default)]
    pub guidance: Option<Spanned<RawText>>,
    /// `expected` (a positive answer without evidence gets a warning) or `none`.
    /// Default: `none`.
    #[serde(default)]
    pub evidence: Option<Spanned<String>>,
    /// When the indicator applies, given the context answers. Default: always.
    #[serde(default)]
    pub applies_if: Option<Spanned<RawCondition>>,
    /// A critical indicator is starred in gap reports and ranks first among equal gaps.
    /// Default: `false`.
    #[serde(default)]
    pub critical: Option<bool>,
    /// Links to catalogue entries and other frameworks. Default: none.
    #[serde(default)]
    pub links: Option<Spanned<RawLinks>>,
    /// Stakeholder ids of who acts on it (the first government body leads). Default:
    /// none.
    #[serde(default)]
    pub stakeholders: Vec<Spanned<String>>,
    /// Recommended actions (`[[indicator.action]]`), shown with its gap. Default: none.
    #[serde(default)]
    pub action: Vec<Spanned<RawAction>>,
    /// Criteria (`[[indicator.criterion]]`), on a cumulative scale only: one yes/no
    /// row each in the workbook. Default: none.
    #[serde(default)]
    pub criterion: Vec<Spanned<RawCriterion>>,
}

/// `applies_if`: `{ question = "role", in = ["origin", "both"] }`, or `{ any = [...] }` /
/// `{ all = [...] }` over such tests (one level only).
#[derive(Debug, Deserialize)]
pub struct RawCondition {
    /// Id of the context question tested (with `in`). Default: none.
    #[serde(default)]
    pub question: Option<Spanned<String>>,
    /// The option codes of `question` for which the condition holds. Default: none.
    #[serde(default, rename = "in")]
    pub in_: Option<Vec<Spanned<String>>>,
    /// Holds when at least one of these tests holds. Default: none.
    #[serde(default)]
    pub any: Option<Vec<Spanned<RawTest>>>,
    /// Holds when every one of these tests holds. Default: none.
    #[serde(default)]
    pub all: Option<Vec<Spanned<RawTest>>>,
}

/// A test of `applies_if.any` or `applies_if.all`.
#[derive(Debug, Deserialize)]
pub struct RawTest {
    /// Id of the context question tested.
    pub question: Spanned<String>,
    /// The option codes for which the test holds.
    #[serde(rename = "in")]
    pub in_: Vec<Spanned<String>>,
}

/// `links`: where an indicator's guidance comes from and what it corresponds to.
#[derive(Debug, Default, Deserialize)]
pub struct RawLinks {
    /// Guideline ids of the catalogue. Default: none.
    #[serde(default)]
    pub guidelines: Vec<Spanned<String>>,
    /// Principle ids of the catalogue. Default: none.
    #[serde(default)]
    pub principles: Vec<Spanned<String>>,
    /// Practice ids of the catalogue. Default: none.
    #[serde(default)]
    pub practices: Vec<Spanned<String>>,
    /// Tool ids of the catalogue. Default: none.
    #[serde(default)]
    pub tools: Vec<Spanned<String>>,
    /// MGI domains or indicators (free references). Default: none.
    #[serde(default)]
    pub mgi: Vec<Spanned<String>>,
    /// SDG 10.7.2 sub-categories (free references). Default: none.
    #[serde(default)]
    pub sdg: Vec<Spanned<String>>,
    /// Global Compact for Migration objectives, numbers 1 to 23. Default: none.
    #[serde(default)]
    pub gcm: Vec<Spanned<i64>>,
    /// Sendai Framework priorities or targets (free references). Default: none.
    #[serde(default)]
    pub sendai: Vec<Spanned<String>>,
}

/// `[[indicator.action]]`.
#[derive(Debug, Deserialize)]
pub struct RawAction {
    /// What to do.
    pub text: Spanned<RawText>,
    /// Stakeholder ids of who acts. Default: none.
    #[serde(default)]
    pub stakeholders: Vec<Spanned<String>>,
    /// Tool ids of what helps. Default: none.
    #[serde(default)]
    pub tools: Vec<Spanned<String>>,
}

/// `[[indicator.criterion]]`.
#[derive(Debug, Deserialize)]
pub struct RawCriterion {
    /// Id, unique among nodes, indicators and criteria: the criterion's workbook row.
    pub id: Spanned<String>,
    /// Code of the level (of the indicator's scale) the criterion belongs to.
    pub level: Spanned<String>,
    /// What must hold.
    pub text: Spanned<RawText>,
}

/// `[[band]]`.
#[derive(Debug, Deserialize)]
pub struct RawBand {
    /// The band's code (SDG 10.7.2 uses the published codes).
    pub code: Spanned<String>,
    /// Lower bound on 0 to 100, inclusive unless `exclusive`; a band has `lower` or
    /// `exact`. Default: none.
    #[serde(default)]
    pub lower: Option<Spanned<f64>>,
    /// With `lower`: the bound itself belongs to the band below. Default: `false`.
    #[serde(default)]
    pub exclusive: Option<bool>,
    /// The band holds exactly this value (tolerance 1e-9), e.g. 100; a band has `lower`
    /// or `exact`. Default: none.
    #[serde(default)]
    pub exact: Option<Spanned<f64>>,
    /// Its name.
    pub label: Spanned<RawText>,
}

/// `[[principle]]`.
#[derive(Debug, Deserialize)]
pub struct RawPrinciple {
    /// Id that `links.principles` name.
    pub id: Spanned<String>,
    /// Its number. Default: none.
    #[serde(default)]
    pub number: Option<u32>,
    /// Its name.
    pub label: Spanned<RawText>,
    /// A longer description. Default: none.
    #[serde(default)]
    pub description: Option<Spanned<RawText>>,
    /// The official page, an absolute `https://` address. Default: none.
    #[serde(default)]
    pub url: Option<Spanned<String>>,
}

/// `[[guideline]]`.
#[derive(Debug, Deserialize)]
pub struct RawGuideline {
    /// Id that `links.guidelines` and practices name.
    pub id: Spanned<String>,
    /// Its number. Default: none.
    #[serde(default)]
    pub number: Option<u32>,
    /// The phase it belongs to (a node id or a free phase name). Default: none.
    #[serde(default)]
    pub phase: Option<Spanned<String>>,
    /// Its title.
    pub title: Spanned<RawText>,
    /// A longer description. Default: none.
    #[serde(default)]
    pub description: Option<Spanned<RawText>>,
    /// The official page, an absolute `https://` address. Default: none.
    #[serde(default)]
    pub url: Option<Spanned<String>>,
}

/// `[[practice]]`.
#[derive(Debug, Deserialize)]
pub struct RawPractice {
    /// Id that `links.practices` name.
    pub id: Spanned<String>,
    /// Id of the guideline it illustrates.
    pub guideline: Spanned<String>,
    /// Id of the stakeholder group that carries it out.
    pub stakeholder: Spanned<String>,
    /// What the practice is.
    pub text: Spanned<RawText>,
    /// Where it is documented, an absolute `https://` address. Default: none.
    #[serde(default)]
    pub url: Option<Spanned<String>>,
    /// Context codes (roles) the practice is for, e.g. `["origin"]`: it is left out of
    /// the reports of an assessment whose context answers stand for none of them.
    /// Default: its stakeholder group's roles.
    #[serde(default)]
    pub roles: Vec<Spanned<String>>,
}

/// `[[tool]]`.
#[derive(Debug, Deserialize)]
pub struct RawTool {
    /// Id that `links.tools` and actions name.
    pub id: Spanned<String>,
    /// Its name.
    pub label: Spanned<RawText>,
    /// What it is and who it helps. Default: none.
    #[serde(default)]
    pub description: Option<Spanned<RawText>>,
    /// Its kind (training, e-learning, template, checklist, app...). Default: none.
    #[serde(default)]
    pub kind: Option<Spanned<String>>,
    /// Stakeholder ids of who it is made for. Default: none.
    #[serde(default)]
    pub audience: Vec<Spanned<String>>,
    /// Guideline ids it helps with. Default: none.
    #[serde(default)]
    pub guidelines: Vec<Spanned<String>>,
    /// Context codes (roles) the tool serves, e.g. `["origin"]`: it is left out of the
    /// reports of an assessment whose context answers stand for none of them.
    /// Default: every role.
    #[serde(default)]
    pub roles: Vec<Spanned<String>>,
    /// Who published it. Default: none.
    #[serde(default)]
    pub publisher: Option<Spanned<RawText>>,
    /// Year of publication (1900 to 2100). Default: none.
    #[serde(default)]
    pub year: Option<Spanned<i64>>,
    /// The official page, an absolute `https://` address. Default: none.
    #[serde(default)]
    pub url: Option<Spanned<String>>,
}

/// `[[stakeholder]]`.
#[derive(Debug, Deserialize)]
pub struct RawStakeholder {
    /// Id that indicators, actions, practices and tools name.
    pub id: Spanned<String>,
    /// Its name.
    pub label: Spanned<RawText>,
    /// A government body (a ministry, an agency, local government): the first such
    /// stakeholder of an indicator leads it. Default: `false`.
    #[serde(default)]
    pub government: Option<bool>,
    /// Context codes (roles) the group stands for, e.g. `["origin"]` for States of
    /// origin: its sample practices fit only assessments that stand for one of them (a
    /// role no context option of the framework names rules nothing out). Default:
    /// every role.
    #[serde(default)]
    pub roles: Vec<Spanned<String>>,
}

/// Where the texts of one language come from (`[[translation]]`).
#[derive(Debug, Deserialize)]
pub struct RawTranslation {
    /// The language, one of the framework's `languages`.
    pub lang: Spanned<String>,
    /// `original` (the wording the framework is written in), `ours` (our translation)
    /// or `official` (taken from an official edition as a whole).
    pub source: Spanned<String>,
    /// More about the source, per language (shown on the About sheets). Default: none.
    #[serde(default)]
    pub note: Option<Spanned<RawText>>,
    /// Texts whose rendering in `lang` is taken from an official edition although the
    /// rest is not. Default: none.
    #[serde(default)]
    pub official: Vec<Spanned<RawOfficialText>>,
}

/// One text of a `[[translation]]` whose rendering is official.
#[derive(Debug, Deserialize)]
pub struct RawOfficialText {
    /// The text in the framework's first language, as the rule files have it.
    pub text: Spanned<String>,
    /// The official edition it is taken from (title, publisher, address).
    pub source: Spanned<String>,
}
