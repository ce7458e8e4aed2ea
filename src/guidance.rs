//! Guidance: what helps close a gap, chosen for the assessment at hand. For each gap,
//! the recommended actions with their lead and supporting stakeholders, and the
//! capacity-building tools and sample practices that fit the assessment's context
//! answers (a consular tool for States of origin is never recommended to a host-State
//! assessment). Every output (JSON, the gap report's Summary, Action plan and Gaps
//! sheets, the progress workbook) renders this one choice.
//!
//! The rules, in order:
//! - An action's tools are the tools it names that fit ([`Framework::tool_fits`]).
//! - A gap's tools are those of its links and of its actions that fit; when none fits,
//!   the tools of its guidelines that fit (at most [`FALLBACK_TOOLS`], catalogue order).
//! - A gap's practices are those it links that fit ([`Framework::practice_fits`]);
//!   when none fits, its guidelines' practices that fit (at most
//!   [`FALLBACK_PRACTICES`]).
//! - An action's practices are the gap's practices whose stakeholder acts in it, else
//!   none.
//! - The lead of an action (or of a gap) is its first government stakeholder, else its
//!   first stakeholder.
//! - When nothing fits, the lists are empty: the reports say so rather than recommend
//!   something that does not fit.

use crate::i18n::Text;
use crate::rules::{Framework, Indicator};
use std::collections::BTreeMap;

/// At most this many guideline tools are recommended when a gap links none that fits.
pub const FALLBACK_TOOLS: usize = 3;
/// At most this many guideline practices are recommended when a gap links none that fits.
pub const FALLBACK_PRACTICES: usize = 2;

/// One recommended action, with who leads it and what helps.
#[derive(Debug, Clone, PartialEq)]
pub struct PlannedAction {
    /// What to do, per language.
    pub text: Text,
    /// The stakeholder who leads it (id): the first government stakeholder, else the
    /// first; `None` when the action names nobody.
    pub lead: Option<String>,
    /// Every stakeholder of the action (ids, in the rule file's order, lead included).
    pub stakeholders: Vec<String>,
    /// Tools that help and fit the assessment (ids).
    pub tools: Vec<String>,
    /// Sample practices of the gap whose stakeholder acts in this action (ids).
    pub practices: Vec<String>,
}

impl PlannedAction {
    /// The supporting stakeholders: every stakeholder but the lead.
    pub fn supporting(&self) -> impl Iterator<Item = &str> {
        self.stakeholders
            .iter()
            .map(String::as_str)
            .filter(move |s| Some(*s) != self.lead.as_deref())
    }
}

/// What helps close one gap.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Guidance {
    /// Recommended actions, in the rule file's order.
    pub actions: Vec<PlannedAction>,
    /// Tools that fit (ids): the union over the gap's links and actions, or the
    /// guideline fallback.
    pub tools: Vec<String>,
    /// Sample practices that fit (ids).
    pub practices: Vec<String>,
    /// True when the tools come from the gap's guidelines rather than its own links.
    pub tools_from_guidelines: bool,
    /// True when the practices come from the gap's guidelines rather than its own links.
    pub practices_from_guidelines: bool,
    /// Tools the gap or its actions name that do not fit the assessment (ids), left
    /// out.
    pub tools_left_out: Vec<String>,
    /// The lead of the gap: the first government stakeholder of the indicator and its
    /// actions, else the first stakeholder.
    pub lead: Option<String>,
    /// Every stakeholder of the indicator and its actions (ids, first seen first).
    pub stakeholders: Vec<String>,
}

/// The lead among stakeholders: the first government body, else the first.
pub fn lead<'a>(fw: &Framework, stakeholders: impl IntoIterator<Item = &'a str>) -> Option<String> {
    let all: Vec<&str> = stakeholders.into_iter().collect();
    let government = |id: &&&str| {
        fw.catalogues
            .stakeholders
            .iter()
            .any(|s| s.id == **id && s.government)
    };
    all.iter()
        .find(government)
        .or(all.first())
        .map(|s| s.to_string())
}

fn push_unique(out: &mut Vec<String>, id: &str) {
    if !out.iter().any(|x| x == id) {
        out.push(id.to_string());
    }
}

/// What helps close the gap of indicator `indicator`, given the assessment's context
/// answers (question id → option code).
pub fn guidance(fw: &Framework, indicator: usize, context: &BTreeMap<String, String>) -> Guidance {
    let ind = &fw.indicators[indicator];
    let fits = |id: &str| fw.tool(id).is_some_and(|t| fw.tool_fits(t, context));
    // Tools: own links and the actions', those that fit.
    let mut named: Vec<String> = Vec::new();
    for id in ind
        .links
        .tools
        .iter()
        .chain(ind.actions.iter().flat_map(|a| a.tools.iter()))
    {
        push_unique(&mut named, id);
    }
    let (mut tools, left_out): (Vec<String>, Vec<String>) =
        named.into_iter().partition(|id| fits(id));
    let tools_from_guidelines = tools.is_empty();
    if tools_from_guidelines {
        tools = fw
            .catalogues
            .tools
            .iter()
            .filter(|t| {
                t.guidelines
                    .iter()
                    .any(|g| ind.links.guidelines.contains(g))
            })
            .filter(|t| fw.tool_fits(t, context))
            .take(FALLBACK_TOOLS)
            .map(|t| t.id.clone())
            .collect();
    }
    let (practices, practices_from_guidelines) = practices(fw, ind, context);
    let actions = ind
        .actions
        .iter()
        .map(|a| {
            let practices_here: Vec<String> = practices
                .iter()
                .filter(|p| {
                    fw.catalogues
                        .practices
                        .iter()
                        .find(|x| &x.id == *p)
                        .is_some_and(|x| a.stakeholders.contains(&x.stakeholder))
                })
                .cloned()
                .collect();
            PlannedAction {
                text: a.text.clone(),
                lead: lead(fw, a.stakeholders.iter().map(String::as_str)),
                stakeholders: a.stakeholders.clone(),
                tools: a.tools.iter().filter(|t| fits(t)).cloned().collect(),
                practices: practices_here,
            }
        })
        .collect();
    let mut stakeholders = Vec::new();
    for s in ind
        .stakeholders
        .iter()
        .chain(ind.actions.iter().flat_map(|a| a.stakeholders.iter()))
    {
        push_unique(&mut stakeholders, s);
    }
    Guidance {
        actions,
        lead: lead(fw, stakeholders.iter().map(String::as_str)),
        stakeholders,
        tools,
        practices,
        tools_from_guidelines,
        practices_from_guidelines,
        tools_left_out: left_out,
    }
}

/// Practices of an indicator that fit: its own links, else its guidelines'.
fn practices(
    fw: &Framework,
    ind: &Indicator,
    context: &BTreeMap<String, String>,
) -> (Vec<String>, bool) {
    let c = &fw.catalogues.practices;
    let own: Vec<String> = c
        .iter()
        .filter(|p| ind.links.practices.contains(&p.id))
        .filter(|p| fw.practice_fits(p, context))
        .map(|p| p.id.clone())
        .collect();
    if !own.is_empty() {
        return (own, false);
    }
    let fallback = c
        .iter()
        .filter(|p| ind.links.guidelines.contains(&p.guideline))
        .filter(|p| fw.practice_fits(p, context))
        .take(FALLBACK_PRACTICES)
        .map(|p| p.id.clone())
        .collect();
    (fallback, true)
}

/// The guidance of every gap of an assessment, in rank order.
pub fn plan(fw: &Framework, r: &crate::results::Results) -> Vec<Guidance> {
    let ctx = &r.assessment.meta.context;
    r.gaps
        .iter()
        .map(|g| guidance(fw, g.indicator, ctx))
        .collect()
}
