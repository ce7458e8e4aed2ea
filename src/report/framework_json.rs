//! The JSON documents about frameworks: `mgi.rules-list/1` and `mgi.framework/1`.

use crate::i18n::Text;
use crate::rules::{Condition, Framework, Policy, ScaleKind};
use serde::Serialize;

/// `mgi rules list --format json`.
#[derive(Debug, Serialize)]
pub struct RulesList {
    /// `mgi.rules-list/1`.
    pub schema: &'static str,
    /// One entry per framework, sorted by id.
    pub frameworks: Vec<RulesListEntry>,
    /// One entry per crosswalk (mapping between two frameworks), sorted by id.
    pub crosswalks: Vec<crate::report::crosswalk_json::CrosswalkListEntry>,
}

/// A framework in `mgi.rules-list/1`.
#[derive(Debug, Serialize)]
pub struct RulesListEntry {
    /// Id.
    pub id: String,
    /// Version.
    pub version: String,
    /// `assessment` or `view`.
    pub kind: &'static str,
    /// Title per language.
    pub title: Text,
    /// Languages.
    pub languages: Vec<String>,
    /// Number of indicators.
    pub indicators: usize,
}

/// Builds `mgi.rules-list/1`.
///
/// ```
/// let rules = mgi::Rules::bundled();
/// let list = mgi::report::framework_json::rules_list(&rules.frameworks, rules.crosswalks());
/// let doc = serde_json::to_value(list).unwrap();
/// assert_eq!(doc["schema"], "mgi.rules-list/1");
/// ```
pub fn rules_list(
    frameworks: &[Framework],
    crosswalks: &[crate::crosswalk::Crosswalk],
) -> RulesList {
    RulesList {
        schema: "mgi.rules-list/1",
        frameworks: frameworks
            .iter()
            .map(|f| RulesListEntry {
                id: f.id.clone(),
                version: f.version.clone(),
                kind: f.kind.name(),
                title: f.title.clone(),
                languages: f.languages.clone(),
                indicators: f.indicators.len(),
            })
            .collect(),
        crosswalks: crosswalks
            .iter()
            .map(|c| crate::report::crosswalk_json::list_entry(c, frameworks))
            .collect(),
    }
}

#[derive(Debug, Serialize)]
struct LevelJson<'a> {
    id: &'a str,
    label: &'a Text,
}

#[derive(Debug, Serialize)]
struct OptionJson<'a> {
    code: &'a str,
    score: f64,
    label: &'a Text,
    aliases: &'a [String],
    score_range: Option<[f64; 2]>,
    /// Scale options: when the option is offered (null: always).
    applies_if: Option<serde_json::Value>,
    /// Context options: the roles the answer stands for (empty: its own code).
    roles: &'a [String],
}

#[derive(Debug, Serialize)]
struct ScaleJson<'a> {
    id: &'a str,
    kind: &'static str,
    label: &'a Text,
    options: Vec<OptionJson<'a>>,
    cumulative: bool,
    min: Option<f64>,
    max: Option<f64>,
    goalposts: Option<Vec<[f64; 2]>>,
}

#[derive(Debug, Serialize)]
struct BandJson<'a> {
    code: &'a str,
    lower: f64,
    exclusive: bool,
    exact: Option<f64>,
    label: &'a Text,
}

#[derive(Debug, Serialize)]
struct SpecialAnswerJson<'a> {
    code: &'a str,
    label: &'a Text,
    aliases: &'a [String],
    policy: Option<PolicyJson>,
    requires_justification: Option<bool>,
}

#[derive(Debug, Serialize)]
struct PolicyJson {
    kind: &'static str,
    score: Option<f64>,
}

fn policy(p: Policy) -> PolicyJson {
    match p {
        Policy::Missing => PolicyJson {
            kind: "missing",
            score: None,
        },
        Policy::Score(s) => PolicyJson {
            kind: "score",
            score: Some(s),
        },
    }
}

#[derive(Debug, Serialize)]
struct SpecialJson<'a> {
    not_applicable: SpecialAnswerJson<'a>,
    dont_know: SpecialAnswerJson<'a>,
    blank: PolicyJson,
}

#[derive(Debug, Serialize)]
struct ContextJson<'a> {
    id: &'a str,
    question: &'a Text,
    options: Vec<OptionJson<'a>>,
    applies_if: Option<serde_json::Value>,
}

#[derive(Debug, Serialize)]
struct NodeJson<'a> {
    id: &'a str,
    parent: Option<&'a str>,
    level: &'a str,
    label: &'a Text,
    weight: f64,
    aggregation: &'static str,
    min_coverage: f64,
}

#[derive(Debug, Serialize)]
struct LinksJson<'a> {
    guidelines: &'a [String],
    principles: &'a [String],
    practices: &'a [String],
    tools: &'a [String],
    mgi: &'a [String],
    sdg: &'a [String],
    gcm: &'a [u32],
    sendai: &'a [String],
}

#[derive(Debug, Serialize)]
struct ActionJson<'a> {
    text: &'a Text,
    stakeholders: &'a [String],
    tools: &'a [String],
}

#[derive(Debug, Serialize)]
struct CriterionJson<'a> {
    id: &'a str,
    level: &'a str,
    text: &'a Text,
}

#[derive(Debug, Serialize)]
struct IndicatorJson<'a> {
    id: &'a str,
    parent: &'a str,
    scale: &'a str,
    weight: f64,
    effective_weight: f64,
    question: &'a Text,
    guidance: &'a Text,
    evidence: &'static str,
    critical: bool,
    applies_if: Option<serde_json::Value>,
    links: LinksJson<'a>,
    stakeholders: &'a [String],
    actions: Vec<ActionJson<'a>>,
    criteria: Vec<CriterionJson<'a>>,
}

#[derive(Debug, Serialize)]
struct PrincipleJson<'a> {
    id: &'a str,
    number: Option<u32>,
    label: &'a Text,
    description: &'a Text,
    url: Option<&'a str>,
}

#[derive(Debug, Serialize)]
struct GuidelineJson<'a> {
    id: &'a str,
    number: Option<u32>,
    phase: Option<&'a str>,
    title: &'a Text,
    description: &'a Text,
    url: Option<&'a str>,
}

#[derive(Debug, Serialize)]
struct PracticeJson<'a> {
    id: &'a str,
    guideline: &'a str,
    stakeholder: &'a str,
    text: &'a Text,
    url: Option<&'a str>,
}

#[derive(Debug, Serialize)]
struct ToolJson<'a> {
    id: &'a str,
    kind: &'a str,
    label: &'a Text,
    description: &'a Text,
    audience: &'a [String],
    guidelines: &'a [String],
    roles: &'a [String],
    publisher: &'a Text,
    year: Option<i32>,
    url: Option<&'a str>,
}

#[derive(Debug, Serialize)]
struct StakeholderJson<'a> {
    id: &'a str,
    label: &'a Text,
    government: bool,
}

#[derive(Debug, Serialize)]
struct CataloguesJson<'a> {
    principles: Vec<PrincipleJson<'a>>,
    guidelines: Vec<GuidelineJson<'a>>,
    practices: Vec<PracticeJson<'a>>,
    tools: Vec<ToolJson<'a>>,
    stakeholders: Vec<StakeholderJson<'a>>,
}

#[derive(Debug, Serialize)]
struct UncertaintyJson {
    concentration: f64,
    vary_weights: bool,
    vary_aggregation: bool,
    vary_scores: bool,
}

/// `mgi rules show ID --format json` (`mgi.framework/1`).
#[derive(Debug, Serialize)]
pub struct FrameworkJson<'a> {
    schema: &'static str,
    id: &'a str,
    version: &'a str,
    kind: &'static str,
    title: &'a Text,
    about: &'a Text,
    content_hash: &'a str,
    languages: &'a [String],
    levels: Vec<LevelJson<'a>>,
    scales: Vec<ScaleJson<'a>>,
    special: SpecialJson<'a>,
    bands: Vec<BandJson<'a>>,
    context: Vec<ContextJson<'a>>,
    catalogues: CataloguesJson<'a>,
    weights_reason: &'a Text,
    geometric_floor: f64,
    uncertainty: UncertaintyJson,
    nodes: Vec<NodeJson<'a>>,
    indicators: Vec<IndicatorJson<'a>>,
    /// Where each language's texts come from (an addition to `mgi.framework/1`).
    translations: Vec<TranslationJson<'a>>,
}

#[derive(Debug, Serialize)]
struct OfficialTextJson<'a> {
    text: &'a str,
    rendering: &'a str,
    source: &'a str,
}

#[derive(Debug, Serialize)]
struct TranslationJson<'a> {
    lang: &'a str,
    /// `original`, `ours` or `official`.
    source: &'static str,
    note: &'a Text,
    official: Vec<OfficialTextJson<'a>>,
}

fn translations(fw: &Framework) -> Vec<TranslationJson<'_>> {
    fw.translations
        .iter()
        .map(|t| TranslationJson {
            lang: &t.lang,
            source: t.source.name(),
            note: &t.note,
            official: t
                .official
                .iter()
                .map(|o| OfficialTextJson {
                    text: &o.text,
                    rendering: &o.rendering,
                    source: &o.source,
                })
                .collect(),
        })
        .collect()
}

/// The JSON form of an applicability condition.
pub fn condition_json(c: &Condition) -> serde_json::Value {
    let test = |t: &crate::rules::Test| serde_json::json!({"question": t.question, "in": t.codes});
    match c {
        Condition::Is(t) => test(t),
        Condition::Any(ts) => serde_json::json!({"any": ts.iter().map(test).collect::<Vec<_>>()}),
        Condition::All(ts) => serde_json::json!({"all": ts.iter().map(test).collect::<Vec<_>>()}),
    }
}

fn options(opts: &[crate::rules::Choice]) -> Vec<OptionJson<'_>> {
    opts.iter()
        .map(|o| OptionJson {
            code: &o.code,
            score: o.score,
            label: &o.label,
            aliases: &o.aliases,
            score_range: o.score_range.map(|(a, b)| [a, b]),
            applies_if: o.applies_if.as_ref().map(condition_json),
            roles: &o.roles,
        })
        .collect()
}

/// Builds `mgi.framework/1`.
///
/// ```
/// let rules = mgi::Rules::bundled();
/// let fw = rules.get("micic").unwrap();
/// let doc = serde_json::to_value(mgi::report::framework_json::framework_json(fw)).unwrap();
/// assert_eq!(doc["schema"], "mgi.framework/1");
/// ```
pub fn framework_json(fw: &Framework) -> FrameworkJson<'_> {
    let eff = fw.effective_weights();
    let level_id = |depth: usize| fw.levels.get(depth).map(|l| l.id.as_str()).unwrap_or("");
    // Nodes in tree order, then indicators in framework order.
    let nodes = fw
        .tree_order()
        .into_iter()
        .map(|i| {
            let n = &fw.nodes[i];
            NodeJson {
                id: &n.id,
                parent: n.parent.map(|p| fw.nodes[p].id.as_str()),
                level: level_id(n.depth),
                label: &n.label,
                weight: n.weight,
                aggregation: n.aggregation.name(),
                min_coverage: n.min_coverage,
            }
        })
        .collect();
    let indicators = fw
        .indicators
        .iter()
        .enumerate()
        .map(|(i, ind)| IndicatorJson {
            id: &ind.id,
            parent: &fw.nodes[ind.parent].id,
            scale: &fw.scales[ind.scale].id,
            weight: ind.weight,
            effective_weight: eff[i],
            question: &ind.question,
            guidance: &ind.guidance,
            evidence: match ind.evidence {
                crate::rules::Evidence::None => "none",
                crate::rules::Evidence::Expected => "expected",
            },
            critical: ind.critical,
            applies_if: ind.applies_if.as_ref().map(condition_json),
            links: LinksJson {
                guidelines: &ind.links.guidelines,
                principles: &ind.links.principles,
                practices: &ind.links.practices,
                tools: &ind.links.tools,
                mgi: &ind.links.mgi,
                sdg: &ind.links.sdg,
                gcm: &ind.links.gcm,
                sendai: &ind.links.sendai,
            },
            stakeholders: &ind.stakeholders,
            actions: ind
                .actions
                .iter()
                .map(|a| ActionJson {
                    text: &a.text,
                    stakeholders: &a.stakeholders,
                    tools: &a.tools,
                })
                .collect(),
            criteria: ind
                .criteria
                .iter()
                .map(|c| CriterionJson {
                    id: &c.id,
                    level: &fw.scales[ind.scale].options[c.level].code,
                    text: &c.text,
                })
                .collect(),
        })
        .collect();
    let c = &fw.catalogues;
    FrameworkJson {
        schema: "mgi.framework/1",
        id: &fw.id,
        version: &fw.version,
        kind: fw.kind.name(),
        title: &fw.title,
        about: &fw.about,
        content_hash: &fw.content_hash,
        languages: &fw.languages,
        levels: fw
            .levels
            .iter()
            .map(|l| LevelJson {
                id: &l.id,
                label: &l.label,
            })
            .collect(),
        scales: fw
            .scales
            .iter()
            .map(|s| ScaleJson {
                id: &s.id,
                kind: s.kind.name(),
                label: &s.label,
                options: options(&s.options),
                cumulative: s.cumulative,
                min: s.numeric.as_ref().and_then(|n| n.min),
                max: s.numeric.as_ref().and_then(|n| n.max),
                goalposts: s
                    .numeric
                    .as_ref()
                    .filter(|_| s.kind == ScaleKind::Numeric)
                    .map(|n| n.goalposts.iter().map(|&(x, y)| [x, y]).collect()),
            })
            .collect(),
        special: SpecialJson {
            not_applicable: SpecialAnswerJson {
                code: &fw.special.not_applicable.code,
                label: &fw.special.not_applicable.label,
                aliases: &fw.special.not_applicable.aliases,
                policy: None,
                requires_justification: Some(fw.special.na_requires_justification),
            },
            dont_know: SpecialAnswerJson {
                code: &fw.special.dont_know.code,
                label: &fw.special.dont_know.label,
                aliases: &fw.special.dont_know.aliases,
                policy: Some(policy(fw.special.dont_know_policy)),
                requires_justification: None,
            },
            blank: policy(fw.special.blank_policy),
        },
        bands: fw
            .bands
            .iter()
            .map(|b| BandJson {
                code: &b.code,
                lower: b.lower,
                exclusive: b.exclusive,
                exact: b.exact,
                label: &b.label,
            })
            .collect(),
        context: fw
            .context
            .iter()
            .map(|q| ContextJson {
                id: &q.id,
                question: &q.question,
                options: options(&q.options),
                applies_if: q.applies_if.as_ref().map(condition_json),
            })
            .collect(),
        catalogues: CataloguesJson {
            principles: c
                .principles
                .iter()
                .map(|p| PrincipleJson {
                    id: &p.id,
                    number: p.number,
                    label: &p.label,
                    description: &p.description,
                    url: p.url.as_deref(),
                })
                .collect(),
            guidelines: c
                .guidelines
                .iter()
                .map(|g| GuidelineJson {
                    id: &g.id,
                    number: g.number,
                    phase: g.phase.as_deref(),
                    title: &g.title,
                    description: &g.description,
                    url: g.url.as_deref(),
                })
                .collect(),
            practices: c
                .practices
                .iter()
                .map(|p| PracticeJson {
                    id: &p.id,
                    guideline: &p.guideline,
                    stakeholder: &p.stakeholder,
                    text: &p.text,
                    url: p.url.as_deref(),
                })
                .collect(),
            tools: c
                .tools
                .iter()
                .map(|t| ToolJson {
                    id: &t.id,
                    kind: &t.kind,
                    label: &t.label,
                    description: &t.description,
                    audience: &t.audience,
                    guidelines: &t.guidelines,
                    roles: &t.roles,
                    publisher: &t.publisher,
                    year: t.year,
                    url: t.url.as_deref(),
                })
                .collect(),
            stakeholders: c
                .stakeholders
                .iter()
                .map(|s| StakeholderJson {
                    id: &s.id,
                    label: &s.label,
                    government: s.government,
                })
                .collect(),
        },
        weights_reason: &fw.weights_reason,
        translations: translations(fw),
        geometric_floor: fw.geometric_floor * 100.0,
        uncertainty: UncertaintyJson {
            concentration: fw.uncertainty.concentration,
            vary_weights: fw.uncertainty.vary_weights,
            vary_aggregation: fw.uncertainty.vary_aggregation,
            vary_scores: fw.uncertainty.vary_scores,
        },
        nodes,
        indicators,
    }
}
