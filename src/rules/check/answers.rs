//! Answers: special answers and their policies, scales, alias collisions, context
//! questions and applicability conditions.

use super::{Ctx, gather};
use crate::diag::Code;
use crate::i18n::{Text, fold};
use crate::rules::causes::Needs;
use crate::rules::model::*;
use crate::rules::parse::Parsed;
use crate::rules::raw::*;
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use toml::Spanned;

pub(super) fn special(ctx: &mut Ctx, files: &[Parsed]) -> Special {
    let specials = gather(files, |r| r.special.as_slice());
    for &(f, s) in specials.iter().skip(1) {
        ctx.error(
            Code::R014,
            f,
            s.span(),
            "second [special] table; expected at most one per framework".into(),
        );
    }
    let defaults = Special {
        not_applicable: SpecialAnswer {
            code: "na".into(),
            label: texts(&[
                ("ar", "لا ينطبق"),
                ("en", "Not applicable"),
                ("es", "No aplica"),
                ("fr", "Sans objet"),
                ("ru", "Неприменимо"),
                ("zh", "不适用"),
            ]),
            aliases: [
                "n/a",
                "n.a.",
                "not applicable",
                "non applicable",
                "sans objet",
                "s.o.",
                "no aplica",
                "no aplicable",
                "n/d",
                "لا ينطبق",
                "неприменимо",
                "не применимо",
                "不适用",
            ]
            .map(String::from)
            .to_vec(),
        },
        na_requires_justification: true,
        dont_know: SpecialAnswer {
            code: "dk".into(),
            label: texts(&[
                ("ar", "لا أعرف"),
                ("en", "Don't know"),
                ("es", "No sabe"),
                ("fr", "Ne sait pas"),
                ("ru", "Не знаю"),
                ("zh", "不知道"),
            ]),
            aliases: [
                "do not know",
                "unknown",
                "ne sais pas",
                "inconnu",
                "nsp",
                "no se sabe",
                "desconocido",
                "ns",
                "لا أعرف",
                "не знаю",
                "不知道",
            ]
            .map(String::from)
            .to_vec(),
        },
        dont_know_policy: Policy::Missing,
        blank_policy: Policy::Missing,
    };
    let Some(&(f, s)) = specials.first() else {
        return defaults;
    };
    let s = s.get_ref();
    let mut out = defaults;
    if let Some(na) = &s.not_applicable {
        let r = na.get_ref();
        out.not_applicable = SpecialAnswer {
            code: r.code.get_ref().clone(),
            label: ctx.text(f, &r.label, "not-applicable label"),
            aliases: r.aliases.iter().map(|a| a.get_ref().clone()).collect(),
        };
        out.na_requires_justification = r.requires_justification.unwrap_or(true);
        if let Some(p) = &r.policy {
            ctx.error(Code::R026, f, p.span(), "not_applicable takes no policy (it is always excluded from denominators); expected code, label, aliases, requires_justification".into());
        }
    }
    if let Some(dk) = &s.dont_know {
        let r = dk.get_ref();
        out.dont_know = SpecialAnswer {
            code: r.code.get_ref().clone(),
            label: ctx.text(f, &r.label, "don't-know label"),
            aliases: r.aliases.iter().map(|a| a.get_ref().clone()).collect(),
        };
        out.dont_know_policy = policy(ctx, f, r.policy.as_ref(), r.score.as_ref(), "dont_know");
    }
    if let Some(b) = &s.blank {
        let r = b.get_ref();
        out.blank_policy = policy(ctx, f, Some(&r.policy), r.score.as_ref(), "blank");
    }
    out
}

pub(super) fn policy(
    ctx: &mut Ctx,
    f: usize,
    p: Option<&Spanned<String>>,
    score: Option<&Spanned<f64>>,
    what: &str,
) -> Policy {
    match p.map(|p| (p, p.get_ref().as_str())) {
        None | Some((_, "missing")) => Policy::Missing,
        Some((p, "score")) => match score {
            Some(s) => Policy::Score(ctx.unit_interval(f, s, &format!("{what} score"))),
            None => {
                ctx.error(
                    Code::R018,
                    f,
                    p.span(),
                    format!("{what} policy \"score\" needs a score; expected e.g. score = 0.0"),
                );
                Policy::Missing
            }
        },
        Some((p, other)) => {
            ctx.error(
                Code::R023,
                f,
                p.span(),
                format!(
                    "{what} policy \"{other}\" is not known; expected \"missing\" or \"score\""
                ),
            );
            Policy::Missing
        }
    }
}

pub(super) fn texts(pairs: &[(&str, &str)]) -> Text {
    Text(
        pairs
            .iter()
            .map(|(l, t)| (l.to_string(), t.to_string()))
            .collect(),
    )
}

pub(super) fn options(
    ctx: &mut Ctx,
    f: usize,
    raw: &[Spanned<RawOption>],
    what: &str,
    scored: bool,
) -> Vec<Choice> {
    let mut codes = BTreeSet::new();
    let mut out = Vec::new();
    for o in raw {
        let r = o.get_ref();
        let code = r.code.get_ref().clone();
        if code.trim().is_empty() {
            ctx.error(
                Code::R018,
                f,
                r.code.span(),
                format!("{what} has an option with an empty code; expected a short code"),
            );
            continue;
        }
        if !codes.insert(code.clone()) {
            ctx.error(
                Code::R003,
                f,
                r.code.span(),
                format!("{what} has option code \"{code}\" twice; expected unique codes"),
            );
            continue;
        }
        let label = ctx.text(f, &r.label, &format!("{what} option \"{code}\" label"));
        let score = match (&r.score, scored) {
            (Some(s), true) => ctx.unit_interval(f, s, &format!("score of option \"{code}\"")),
            (None, true) => {
                ctx.error(Code::R018, f, r.code.span(), format!("{what} option \"{code}\" has no score; expected score = a number from 0 to 1"));
                0.0
            }
            (Some(s), false) => {
                ctx.error(Code::R026, f, s.span(), format!("{what} option \"{code}\" has a score but context questions are not scored; expected no score"));
                0.0
            }
            (None, false) => 0.0,
        };
        let score_range = r.score_range.as_ref().and_then(|sr| {
            let [lo, hi] = *sr.get_ref();
            if !(0.0..=1.0).contains(&lo) || !(0.0..=1.0).contains(&hi) || lo > score || score > hi {
                ctx.error(Code::R025, f, sr.span(), format!("score_range [{lo}, {hi}] of option \"{code}\" is not valid; expected 0 ≤ low ≤ score ({score}) ≤ high ≤ 1"));
                None
            } else {
                Some((lo, hi))
            }
        });
        if scored && let Some(first) = r.roles.first() {
            ctx.error(Code::R026, f, first.span(), format!("{what} option \"{code}\" has roles, which only context options take; expected no roles"));
        }
        if !scored && let Some(c) = &r.applies_if {
            ctx.error(Code::R026, f, c.span(), format!("{what} option \"{code}\" has applies_if, which only scale options take; put the condition on the context question"));
        }
        out.push(Choice {
            code,
            score,
            label,
            aliases: r.aliases.iter().map(|a| a.get_ref().clone()).collect(),
            score_range,
            // Set once the context questions are known.
            applies_if: None,
            roles: r.roles.iter().map(|x| x.get_ref().clone()).collect(),
        });
    }
    out
}

pub(super) fn scale(ctx: &mut Ctx, f: usize, s: &Spanned<RawScale>, special: &Special) -> Scale {
    let r = s.get_ref();
    let what = format!("scale \"{}\"", r.id.get_ref());
    let label = ctx.optional_text(f, r.label.as_ref(), &format!("{what} label"));
    let mut out = Scale {
        id: r.id.get_ref().clone(),
        kind: ScaleKind::Choice,
        label,
        options: Vec::new(),
        cumulative: false,
        numeric: None,
    };
    let misplaced = |ctx: &mut Ctx, key: &str, span: Range<usize>, kind: &str| {
        ctx.error(
            Code::R026,
            f,
            span,
            format!("{what} is a {kind} scale and does not take {key}"),
        );
    };
    match r.kind.get_ref().as_str() {
        "choice" => {
            out.options = options(ctx, f, &r.option, &what, true);
            if out.options.is_empty() {
                ctx.error(
                    Code::R018,
                    f,
                    s.span(),
                    format!("{what} has no [[scale.option]]; expected at least one option"),
                );
            }
            if let Some(l) = r.level.first() {
                misplaced(
                    ctx,
                    "[[scale.level]] (use [[scale.option]])",
                    l.span(),
                    "choice",
                );
            }
        }
        "levels" => {
            out.kind = ScaleKind::Levels;
            out.options = options(ctx, f, &r.level, &what, true);
            out.cumulative = r.cumulative.unwrap_or(false);
            if out.options.len() < 2 {
                ctx.error(Code::R018, f, s.span(), format!("{what} has fewer than two [[scale.level]]; expected its levels from lowest to highest"));
            }
            for w in out.options.windows(2) {
                if w[1].score < w[0].score {
                    ctx.error(Code::R010, f, r.kind.span(), format!("{what}: level \"{}\" scores less than the level below it (\"{}\"); expected scores that do not fall as levels rise", w[1].code, w[0].code));
                }
            }
            if let Some(o) = r.option.first() {
                misplaced(
                    ctx,
                    "[[scale.option]] (use [[scale.level]])",
                    o.span(),
                    "levels",
                );
            }
        }
        "boolean" => {
            out.kind = ScaleKind::Boolean;
            out.options = if r.option.is_empty() {
                default_boolean_options()
            } else {
                let o = options(ctx, f, &r.option, &what, true);
                if o.len() != 2 {
                    ctx.error(Code::R018, f, s.span(), format!("{what} is boolean with {} options; expected exactly two (yes, then no) or none for the defaults", o.len()));
                }
                o
            };
        }
        "numeric" => {
            out.kind = ScaleKind::Numeric;
            let mut goalposts = Vec::new();
            match &r.goalposts {
                None => ctx.error(
                    Code::R018,
                    f,
                    s.span(),
                    format!(
                        "{what} has no goalposts; expected e.g. goalposts = [[0, 0.0], [100, 1.0]]"
                    ),
                ),
                Some(g) => {
                    for p in g.get_ref() {
                        let [x, y] = *p.get_ref();
                        if !x.is_finite() || !(0.0..=1.0).contains(&y) {
                            ctx.error(Code::R024, f, p.span(), format!("goalpost [{x}, {y}] of {what} is not valid; expected a finite value and a score from 0 to 1"));
                        } else if goalposts
                            .last()
                            .is_some_and(|&(px, _): &(f64, f64)| x <= px)
                        {
                            ctx.error(Code::R010, f, p.span(), format!("goalpost value {x} of {what} is not above the previous one; expected goalposts in increasing order of value"));
                        } else {
                            goalposts.push((x, y));
                        }
                    }
                    if g.get_ref().len() < 2 {
                        ctx.error(
                            Code::R018,
                            f,
                            g.span(),
                            format!(
                                "{what} has fewer than two goalposts; expected at least two points"
                            ),
                        );
                    }
                }
            }
            if goalposts.len() < 2 {
                goalposts = vec![(0.0, 0.0), (1.0, 1.0)];
            }
            let min = r.min.as_ref().map(|m| *m.get_ref());
            let max = r.max.as_ref().map(|m| *m.get_ref());
            if let (Some(lo), Some(hi), Some(m)) = (min, max, r.max.as_ref())
                && lo >= hi
            {
                ctx.error(
                    Code::R010,
                    f,
                    m.span(),
                    format!("{what} has min {lo} not below max {hi}; expected min < max"),
                );
            }
            let unit = ctx.optional_text(f, r.unit.as_ref(), &format!("{what} unit"));
            out.numeric = Some(Numeric {
                min,
                max,
                goalposts,
                unit,
            });
            if let Some(o) = r.option.first() {
                misplaced(ctx, "[[scale.option]]", o.span(), "numeric");
            }
        }
        other => {
            ctx.error(
                Code::R023,
                f,
                r.kind.span(),
                format!(
                    "{what} has kind \"{other}\"; expected one of: choice, levels, numeric, boolean"
                ),
            );
        }
    }
    if out.kind != ScaleKind::Levels && r.cumulative.is_some() {
        ctx.error(Code::R027, f, r.kind.span(), format!("{what} sets cumulative but is not a levels scale; expected cumulative only with kind = \"levels\""));
    }
    if out.kind != ScaleKind::Numeric {
        for (key, v) in [("min", &r.min), ("max", &r.max)] {
            if let Some(v) = v {
                misplaced(ctx, key, v.span(), out.kind.name());
            }
        }
    }
    alias_collisions(ctx, f, s, &out, special);
    out
}

/// Every spelling of every option (code, labels, aliases) and of the special answers must
/// fold to one target only.
pub(super) fn alias_collisions(
    ctx: &mut Ctx,
    f: usize,
    s: &Spanned<RawScale>,
    scale: &Scale,
    special: &Special,
) {
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    let mut add = |ctx: &mut Ctx, spelling: &str, target: &str| {
        let key = fold(spelling);
        if key.is_empty() {
            return;
        }
        match seen.get(&key) {
            Some(t) if t != target => {
                ctx.error(Code::R017, f, s.get_ref().id.span(), format!("scale \"{}\": \"{spelling}\" would mean both \"{t}\" and \"{target}\" once case and accents are ignored; expected every code, label and alias to name one answer", scale.id));
            }
            Some(_) => {}
            None => {
                seen.insert(key, target.to_string());
            }
        }
    };
    for sp in [&special.not_applicable, &special.dont_know] {
        for spelling in std::iter::once(sp.code.as_str())
            .chain(sp.label.values())
            .chain(sp.aliases.iter().map(String::as_str))
        {
            add(ctx, spelling, &sp.code);
        }
    }
    for o in &scale.options {
        for spelling in std::iter::once(o.code.as_str())
            .chain(o.label.values())
            .chain(o.aliases.iter().map(String::as_str))
        {
            add(ctx, spelling, &o.code);
        }
    }
}

pub(super) fn condition(
    ctx: &mut Ctx,
    f: usize,
    c: &Spanned<RawCondition>,
    context: &[ContextQuestion],
) -> Option<Condition> {
    let r = c.get_ref();
    let form = "expected { question = \"ID\", in = [\"CODE\", ...] } or { any = [...] } or { all = [...] }";
    let test = |ctx: &mut Ctx, q: &Spanned<String>, codes: &[Spanned<String>]| -> Option<Test> {
        let Some(cq) = context.iter().find(|x| &x.id == q.get_ref()) else {
            let known: Vec<&str> = context.iter().map(|x| x.id.as_str()).collect();
            ctx.unresolved(Code::R016, f, q.span(), format!("condition names context question \"{}\" which is not declared; expected one of: {}", q.get_ref(), if known.is_empty() { "(no [[context]] declared)".to_string() } else { known.join(", ") }), Needs::Declared(q.get_ref().clone()));
            return None;
        };
        let mut ok = true;
        for code in codes {
            if !cq.options.iter().any(|o| &o.code == code.get_ref()) {
                let known: Vec<&str> = cq.options.iter().map(|o| o.code.as_str()).collect();
                ctx.error(Code::R016, f, code.span(), format!("condition names code \"{}\" which context question \"{}\" does not have; expected one of: {}", code.get_ref(), cq.id, known.join(", ")));
                ok = false;
            }
        }
        if codes.is_empty() {
            ctx.error(
                Code::R016,
                f,
                q.span(),
                format!(
                    "condition on \"{}\" lists no code; expected at least one in `in`",
                    cq.id
                ),
            );
            ok = false;
        }
        ok.then(|| Test {
            question: cq.id.clone(),
            codes: codes.iter().map(|c| c.get_ref().clone()).collect(),
        })
    };
    match (&r.question, &r.in_, &r.any, &r.all) {
        (Some(q), Some(codes), None, None) => test(ctx, q, codes).map(Condition::Is),
        (None, None, Some(list), None) | (None, None, None, Some(list)) => {
            let mut tests = Vec::new();
            for t in list {
                tests.push(test(ctx, &t.get_ref().question, &t.get_ref().in_)?);
            }
            if tests.is_empty() {
                ctx.error(
                    Code::R016,
                    f,
                    c.span(),
                    format!("condition has an empty list; {form}"),
                );
                return None;
            }
            Some(if r.any.is_some() {
                Condition::Any(tests)
            } else {
                Condition::All(tests)
            })
        }
        _ => {
            ctx.error(
                Code::R016,
                f,
                c.span(),
                format!("condition is not of a known form; {form}"),
            );
            None
        }
    }
}

pub(super) fn context_cycles(
    ctx: &mut Ctx,
    raw: &[(usize, &Spanned<RawContext>)],
    context: &[ContextQuestion],
) {
    let deps = |q: &ContextQuestion| -> Vec<String> {
        q.applies_if
            .as_ref()
            .map(|c| c.tests().iter().map(|t| t.question.clone()).collect())
            .unwrap_or_default()
    };
    let mut reported = BTreeSet::new();
    for start in context {
        let mut stack = vec![(start.id.clone(), vec![start.id.clone()])];
        while let Some((cur, path)) = stack.pop() {
            let Some(q) = context.iter().find(|q| q.id == cur) else {
                continue;
            };
            for d in deps(q) {
                if d == start.id {
                    let mut key: Vec<String> = path.clone();
                    key.sort();
                    if reported.insert(key) {
                        let (f, c) = raw
                            .iter()
                            .find(|(_, c)| c.get_ref().id.get_ref() == &start.id)
                            .copied()
                            .expect("context question from raw");
                        let span = c
                            .get_ref()
                            .applies_if
                            .as_ref()
                            .map(|a| a.span())
                            .unwrap_or(c.span());
                        let chain = path
                            .iter()
                            .chain(std::iter::once(&start.id))
                            .cloned()
                            .collect::<Vec<_>>()
                            .join(" → ");
                        ctx.error(Code::R019, f, span, format!("cycle in applicability conditions: {chain}; expected conditions that do not depend on themselves"));
                    }
                } else if !path.contains(&d) && path.len() <= context.len() {
                    let mut p = path.clone();
                    p.push(d.clone());
                    stack.push((d, p));
                }
            }
        }
    }
}
