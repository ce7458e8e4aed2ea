//! Catalogues and what resolves against them (links, stakeholders, tools), bands and the
//! uncertainty defaults.

use super::{Ctx, Ids, gather};
use crate::diag::Code;
use crate::rules::causes::Needs;
use crate::rules::model::*;
use crate::rules::parse::Parsed;
use crate::rules::raw::*;
use std::collections::BTreeSet;
use toml::Spanned;

pub(super) fn resolve<'a>(
    ctx: &mut Ctx,
    f: usize,
    ids: &[Spanned<String>],
    known: impl Iterator<Item = &'a str> + Clone,
    kind: &str,
    what: &str,
) -> Vec<String> {
    let mut out = Vec::new();
    for id in ids {
        if known.clone().any(|k| k == id.get_ref()) {
            out.push(id.get_ref().clone());
        } else {
            let list: Vec<&str> = known.clone().collect();
            let expected = if list.is_empty() {
                format!(
                    "expected a {kind} declared in the framework's catalogue (none is declared)"
                )
            } else if list.len() <= 20 {
                format!("expected one of: {}", list.join(", "))
            } else {
                format!(
                    "expected one of the {} {kind} ids of the catalogue ({}, ...)",
                    list.len(),
                    list[..5].join(", ")
                )
            };
            ctx.unresolved(
                Code::R006,
                f,
                id.span(),
                format!(
                    "{what} links to {kind} \"{}\" which is not in the catalogue; {expected}",
                    id.get_ref()
                ),
                Needs::Declared(id.get_ref().clone()),
            );
        }
    }
    out
}

pub(super) fn links(
    ctx: &mut Ctx,
    f: usize,
    raw: Option<&Spanned<RawLinks>>,
    cat: &Catalogues,
    what: &str,
) -> Links {
    let Some(l) = raw else {
        return Links::default();
    };
    let l = l.get_ref();
    let mut gcm = Vec::new();
    for g in &l.gcm {
        let v = *g.get_ref();
        if (1..=23).contains(&v) {
            gcm.push(v as u32);
        } else {
            ctx.error(
                Code::R006,
                f,
                g.span(),
                format!(
                    "{what} links to GCM objective {v}; expected an objective number from 1 to 23"
                ),
            );
        }
    }
    Links {
        guidelines: resolve(
            ctx,
            f,
            &l.guidelines,
            cat.guidelines.iter().map(|x| x.id.as_str()),
            "guideline",
            what,
        ),
        principles: resolve(
            ctx,
            f,
            &l.principles,
            cat.principles.iter().map(|x| x.id.as_str()),
            "principle",
            what,
        ),
        practices: resolve(
            ctx,
            f,
            &l.practices,
            cat.practices.iter().map(|x| x.id.as_str()),
            "practice",
            what,
        ),
        tools: resolve(
            ctx,
            f,
            &l.tools,
            cat.tools.iter().map(|x| x.id.as_str()),
            "tool",
            what,
        ),
        mgi: l.mgi.iter().map(|x| x.get_ref().clone()).collect(),
        sdg: l.sdg.iter().map(|x| x.get_ref().clone()).collect(),
        gcm,
        sendai: l.sendai.iter().map(|x| x.get_ref().clone()).collect(),
    }
}

/// Checks an optional `url`: an absolute http(s) address without spaces.
fn url(ctx: &mut Ctx, f: usize, u: Option<&Spanned<String>>, what: &str) -> Option<String> {
    let u = u?;
    let v = u.get_ref().trim();
    let rest = v
        .strip_prefix("https://")
        .or_else(|| v.strip_prefix("http://"));
    let host_ok = rest.is_some_and(|r| {
        let host = r.split(['/', '?', '#']).next().unwrap_or("");
        host.contains('.') && !host.starts_with('.') && !host.ends_with('.')
    });
    if !host_ok || v.chars().any(char::is_whitespace) {
        ctx.error(
            Code::R029,
            f,
            u.span(),
            format!("{what} url \"{v}\" is not a web address; expected an absolute address such as https://www.iom.int/..."),
        );
        return None;
    }
    Some(v.to_string())
}

/// `roles`: the context codes (roles) the framework's context options stand for; a
/// tool's roles are checked against them when the framework has any.
pub(super) fn catalogues(ctx: &mut Ctx, files: &[Parsed], roles: &[String]) -> Catalogues {
    let mut cat = Catalogues::default();
    let mut ids = Ids::new("stakeholder");
    for (f, s) in gather(files, |r| r.stakeholder.as_slice()) {
        let r = s.get_ref();
        if ids.add(ctx, f, &r.id) {
            let label = ctx.text(
                f,
                &r.label,
                &format!("stakeholder \"{}\" label", r.id.get_ref()),
            );
            cat.stakeholders.push(Stakeholder {
                id: r.id.get_ref().clone(),
                label,
                government: r.government.unwrap_or(false),
                // Groups are shared between frameworks (through `include`): a role
                // that no context option of this one stands for rules nothing out.
                roles: r.roles.iter().map(|x| x.get_ref().clone()).collect(),
            });
        }
    }
    let mut ids = Ids::new("principle");
    for (f, p) in gather(files, |r| r.principle.as_slice()) {
        let r = p.get_ref();
        if ids.add(ctx, f, &r.id) {
            let what = format!("principle \"{}\"", r.id.get_ref());
            let label = ctx.text(f, &r.label, &format!("{what} label"));
            let description =
                ctx.optional_text(f, r.description.as_ref(), &format!("{what} description"));
            let url = url(ctx, f, r.url.as_ref(), &what);
            cat.principles.push(Principle {
                id: r.id.get_ref().clone(),
                number: r.number,
                label,
                description,
                url,
            });
        }
    }
    let mut ids = Ids::new("guideline");
    for (f, g) in gather(files, |r| r.guideline.as_slice()) {
        let r = g.get_ref();
        if ids.add(ctx, f, &r.id) {
            let what = format!("guideline \"{}\"", r.id.get_ref());
            let title = ctx.text(f, &r.title, &format!("{what} title"));
            let description =
                ctx.optional_text(f, r.description.as_ref(), &format!("{what} description"));
            let url = url(ctx, f, r.url.as_ref(), &what);
            cat.guidelines.push(Guideline {
                id: r.id.get_ref().clone(),
                number: r.number,
                phase: r.phase.as_ref().map(|p| p.get_ref().clone()),
                title,
                description,
                url,
            });
        }
    }
    let mut tool_ids = Ids::new("tool");
    let raw_tools = gather(files, |r| r.tool.as_slice());
    for &(f, t) in &raw_tools {
        tool_ids.add(ctx, f, &t.get_ref().id);
    }
    let mut ids = Ids::new("practice");
    for (f, p) in gather(files, |r| r.practice.as_slice()) {
        let r = p.get_ref();
        if ids.add(ctx, f, &r.id) {
            let what = format!("practice \"{}\"", r.id.get_ref());
            let text = ctx.text(f, &r.text, &what);
            let g = resolve(
                ctx,
                f,
                std::slice::from_ref(&r.guideline),
                cat.guidelines.iter().map(|x| x.id.as_str()),
                "guideline",
                &what,
            );
            let s = resolve(
                ctx,
                f,
                std::slice::from_ref(&r.stakeholder),
                cat.stakeholders.iter().map(|x| x.id.as_str()),
                "stakeholder",
                &what,
            );
            let url = url(ctx, f, r.url.as_ref(), &what);
            let practice_roles = known_roles(ctx, f, &r.roles, roles, &what);
            cat.practices.push(Practice {
                roles: practice_roles,
                id: r.id.get_ref().clone(),
                guideline: g.into_iter().next().unwrap_or_default(),
                stakeholder: s.into_iter().next().unwrap_or_default(),
                text,
                url,
            });
        }
    }
    let mut seen = BTreeSet::new();
    for (f, t) in raw_tools {
        let r = t.get_ref();
        if !seen.insert(r.id.get_ref().clone()) {
            continue;
        }
        let what = format!("tool \"{}\"", r.id.get_ref());
        let label = ctx.text(f, &r.label, &format!("{what} label"));
        let description =
            ctx.optional_text(f, r.description.as_ref(), &format!("{what} description"));
        let audience = resolve(
            ctx,
            f,
            &r.audience,
            cat.stakeholders.iter().map(|x| x.id.as_str()),
            "stakeholder",
            &what,
        );
        let guidelines = resolve(
            ctx,
            f,
            &r.guidelines,
            cat.guidelines.iter().map(|x| x.id.as_str()),
            "guideline",
            &what,
        );
        let tool_roles = known_roles(ctx, f, &r.roles, roles, &what);
        let publisher = ctx.optional_text(f, r.publisher.as_ref(), &format!("{what} publisher"));
        let year = r.year.as_ref().and_then(|y| {
            let v = *y.get_ref();
            if (1900..=2100).contains(&v) {
                Some(v as i32)
            } else {
                ctx.error(
                    Code::R024,
                    f,
                    y.span(),
                    format!("{what} year {v} is not a year of publication; expected e.g. 2016"),
                );
                None
            }
        });
        let url = url(ctx, f, r.url.as_ref(), &what);
        cat.tools.push(Tool {
            id: r.id.get_ref().clone(),
            roles: tool_roles,
            publisher,
            year,
            url,
            label,
            description,
            kind: r
                .kind
                .as_ref()
                .map(|k| k.get_ref().clone())
                .unwrap_or_default(),
            audience,
            guidelines,
        });
    }
    cat
}

/// The roles of a tool, practice or stakeholder, each checked against the roles the
/// framework's context options stand for (when it has any): an unknown one is an R006.
fn known_roles(
    ctx: &mut Ctx,
    f: usize,
    given: &[Spanned<String>],
    roles: &[String],
    what: &str,
) -> Vec<String> {
    if !roles.is_empty() {
        for role in given {
            if !roles.contains(role.get_ref()) {
                let mut known = roles.to_vec();
                known.sort();
                known.dedup();
                ctx.unresolved(
                    Code::R006,
                    f,
                    role.span(),
                    format!("{what} serves role \"{}\", which no context option stands for; expected one of: {}", role.get_ref(), known.join(", ")),
                    Needs::Declared(role.get_ref().clone()),
                );
            }
        }
    }
    given.iter().map(|x| x.get_ref().clone()).collect()
}

pub(super) fn bands(ctx: &mut Ctx, files: &[Parsed]) -> Vec<Band> {
    let mut out: Vec<Band> = Vec::new();
    let mut codes = Ids::new("band");
    for (f, b) in gather(files, |r| r.band.as_slice()) {
        let r = b.get_ref();
        if !codes.add(ctx, f, &r.code) {
            continue;
        }
        let what = format!("band \"{}\"", r.code.get_ref());
        let label = ctx.text(f, &r.label, &format!("{what} label"));
        let (value, span, exact) = match (&r.lower, &r.exact) {
            (Some(l), None) => (*l.get_ref(), l.span(), false),
            (None, Some(e)) => (*e.get_ref(), e.span(), true),
            (Some(_), Some(e)) => {
                ctx.error(Code::R026, f, e.span(), format!("{what} has both lower and exact; expected one of them, e.g. lower = 40 or exact = 100"));
                continue;
            }
            (None, None) => {
                ctx.error(Code::R018, f, b.span(), format!("{what} has neither lower nor exact; expected one of them, e.g. lower = 40 or exact = 100"));
                continue;
            }
        };
        if !(0.0..=100.0).contains(&value) {
            ctx.error(Code::R024, f, span.clone(), format!("{what} bound {value} is outside the score range; expected a value from 0 to 100"));
        }
        let exclusive = r.exclusive.unwrap_or(false);
        if exact && r.exclusive.is_some() {
            ctx.error(
                Code::R026,
                f,
                span.clone(),
                format!(
                    "{what} is exact and cannot be exclusive; expected exclusive only with lower"
                ),
            );
        }
        if let Some(prev) = out.last() {
            let pv = prev.exact.unwrap_or(prev.lower);
            let ordered = value > pv || (value == pv && prev.exact.is_some() && exclusive);
            if !ordered {
                ctx.error(Code::R010, f, span.clone(), format!("{what} starts at {value}, not above the previous band \"{}\" ({pv}); expected bands from lowest to highest", prev.code));
            }
        }
        out.push(Band {
            code: r.code.get_ref().clone(),
            lower: value,
            exclusive,
            exact: exact.then_some(value),
            label,
        });
    }
    out
}

pub(super) fn uncertainty(ctx: &mut Ctx, files: &[Parsed]) -> UncertaintySettings {
    let mut out = UncertaintySettings {
        concentration: 50.0,
        vary_weights: true,
        vary_aggregation: true,
        vary_scores: true,
        dont_know_policies: Vec::new(),
    };
    let all = gather(files, |r| r.uncertainty.as_slice());
    for &(f, u) in all.iter().skip(1) {
        ctx.error(
            Code::R014,
            f,
            u.span(),
            "second [uncertainty] table; expected at most one per framework".into(),
        );
    }
    if let Some(&(f, u)) = all.first() {
        let r = u.get_ref();
        if let Some(c) = &r.concentration {
            let v = *c.get_ref();
            if !(v.is_finite() && v > 0.0) {
                ctx.error(Code::R024, f, c.span(), format!("concentration is {v}; expected a positive number (larger means draws closer to the nominal weights)"));
            } else {
                out.concentration = v;
            }
        }
        out.vary_weights = r.vary_weights.unwrap_or(true);
        out.vary_aggregation = r.vary_aggregation.unwrap_or(true);
        out.vary_scores = r.vary_scores.unwrap_or(true);
        for p in &r.dont_know_policies {
            let p = p.get_ref();
            let policy = super::answers::policy(
                ctx,
                f,
                Some(&p.policy),
                p.score.as_ref(),
                "[uncertainty] dont_know_policies entry",
            );
            if !out.dont_know_policies.contains(&policy) {
                out.dont_know_policies.push(policy);
            }
        }
    }
    out
}
