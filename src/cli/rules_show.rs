//! `mgi rules show ID` as text: every section of a framework, in one language.

use super::out;
use mgi::rules::{Child, Choice, Condition, Framework, Policy, ScaleKind};

/// Prints every section of a framework in `lang` (falling back to its first language).
pub fn show_text(fw: &Framework, lang: &str) {
    let t = |x: &mgi::i18n::Text| fw.text(x, lang).to_string();
    out!("{} {} — {}", fw.id, fw.version, t(&fw.title));
    let about = t(&fw.about);
    if !about.is_empty() {
        out!("{about}");
    }
    out!(
        "languages: {}; levels: {}; {} indicators; content hash {}",
        fw.languages.join(", "),
        fw.levels
            .iter()
            .map(|l| t(&l.label))
            .collect::<Vec<_>>()
            .join(" → "),
        fw.indicators.len(),
        &fw.content_hash[..12]
    );
    let reason = t(&fw.weights_reason);
    if !reason.is_empty() {
        out!("weights: {reason}");
    }
    out!(
        "geometric means raise a zero to {} point(s)",
        fw.geometric_floor * 100.0
    );

    out!("\nscales ({}):", fw.scales.len());
    for s in &fw.scales {
        let mut kind = s.kind.name().to_string();
        if s.cumulative {
            kind.push_str(", cumulative");
        }
        out!("  {} ({kind}) {}", s.id, t(&s.label));
        if let Some(n) = s.numeric.as_ref().filter(|_| s.kind == ScaleKind::Numeric) {
            let range = match (n.min, n.max) {
                (Some(a), Some(b)) => format!("from {a} to {b}"),
                (Some(a), None) => format!("from {a}"),
                (None, Some(b)) => format!("up to {b}"),
                (None, None) => "any number".into(),
            };
            let unit = t(&n.unit);
            let points: Vec<String> = n
                .goalposts
                .iter()
                .map(|(x, y)| format!("{x} → {y}"))
                .collect();
            out!(
                "    {range}{}; goalposts {}",
                if unit.is_empty() {
                    String::new()
                } else {
                    format!(" {unit}")
                },
                points.join(", ")
            );
        }
        for o in &s.options {
            out!("    {}", option_line(fw, o, lang, true));
        }
    }

    out!("\nspecial answers:");
    let sp = &fw.special;
    let policy = |p: Policy| match p {
        Policy::Missing => "policy missing (no score, lowers coverage)".to_string(),
        Policy::Score(s) => format!("policy score {s} (scored, still listed as a data gap)"),
    };
    let aliases = |a: &[String]| {
        if a.is_empty() {
            String::new()
        } else {
            format!(" (also: {})", a.join(", "))
        }
    };
    out!(
        "  not applicable: {} \"{}\"{}; {}",
        sp.not_applicable.code,
        t(&sp.not_applicable.label),
        aliases(&sp.not_applicable.aliases),
        if sp.na_requires_justification {
            "a comment must say why"
        } else {
            "no justification needed"
        }
    );
    out!(
        "  don't know: {} \"{}\"{}; {}",
        sp.dont_know.code,
        t(&sp.dont_know.label),
        aliases(&sp.dont_know.aliases),
        policy(sp.dont_know_policy)
    );
    out!("  blank: {}", policy(sp.blank_policy));

    out!("\ncontext questions ({}):", fw.context.len());
    for q in &fw.context {
        out!(
            "  {}: {}{}",
            q.id,
            t(&q.question),
            when(q.applies_if.as_ref(), "asked when")
        );
        for o in &q.options {
            out!("    {}", option_line(fw, o, lang, false));
        }
    }

    out!("\ntree (effective weights are nominal):");
    let eff = fw.effective_weights();
    print_node(fw, fw.root, lang, &eff);

    out!("\nbands ({}):", fw.bands.len());
    for b in &fw.bands {
        let range = match b.exact {
            Some(e) => format!("= {e}"),
            None if b.exclusive => format!("> {}", b.lower),
            None => format!(">= {}", b.lower),
        };
        out!("  {:<4} {:<8} {}", b.code, range, t(&b.label));
    }

    let u = &fw.uncertainty;
    let varies: Vec<&str> = [
        (u.vary_weights, "weights"),
        (u.vary_aggregation, "aggregation"),
        (u.vary_scores, "option scores"),
    ]
    .into_iter()
    .filter_map(|(on, what)| on.then_some(what))
    .collect();
    out!(
        "\nuncertainty: Dirichlet concentration {}; draws vary {}",
        u.concentration,
        if varies.is_empty() {
            "nothing".to_string()
        } else {
            varies.join(", ")
        }
    );

    let c = &fw.catalogues;
    out!("\ncatalogues:");
    out!("  principles ({}):", c.principles.len());
    for p in &c.principles {
        out!(
            "    {}{} {}{}",
            p.id,
            p.number.map(|n| format!(" ({n})")).unwrap_or_default(),
            t(&p.label),
            url(p.url.as_deref())
        );
    }
    out!("  guidelines ({}):", c.guidelines.len());
    for g in &c.guidelines {
        out!(
            "    {}{}{} {}{}",
            g.id,
            g.number.map(|n| format!(" ({n})")).unwrap_or_default(),
            g.phase
                .as_deref()
                .map(|p| format!(" [{p}]"))
                .unwrap_or_default(),
            t(&g.title),
            url(g.url.as_deref())
        );
    }
    out!("  practices ({}):", c.practices.len());
    for p in &c.practices {
        out!(
            "    {} [{}, {}] {}{}",
            p.id,
            p.guideline,
            fw.stakeholder_label(&p.stakeholder, lang),
            t(&p.text),
            url(p.url.as_deref())
        );
    }
    out!("  tools ({}):", c.tools.len());
    for tool in &c.tools {
        let mut extra = Vec::new();
        if !tool.kind.is_empty() {
            extra.push(tool.kind.clone());
        }
        let publisher = t(&tool.publisher);
        if !publisher.is_empty() {
            extra.push(publisher);
        }
        if let Some(y) = tool.year {
            extra.push(y.to_string());
        }
        if !tool.roles.is_empty() {
            extra.push(format!("for {}", tool.roles.join(", ")));
        }
        out!(
            "    {} {}{}{}",
            tool.id,
            t(&tool.label),
            if extra.is_empty() {
                String::new()
            } else {
                format!(" ({})", extra.join(", "))
            },
            url(tool.url.as_deref())
        );
    }
    out!("  stakeholders ({}):", c.stakeholders.len());
    for s in &c.stakeholders {
        out!(
            "    {} {}{}",
            s.id,
            t(&s.label),
            if s.government { " (government)" } else { "" }
        );
    }
}

fn url(u: Option<&str>) -> String {
    u.map(|u| format!(" <{u}>")).unwrap_or_default()
}

/// ` [asked when role in host]`, or nothing.
fn when(c: Option<&Condition>, word: &str) -> String {
    match c {
        None => String::new(),
        Some(c) => format!(" [{word} {}]", condition_text(c)),
    }
}

fn condition_text(c: &Condition) -> String {
    let test = |t: &mgi::rules::Test| format!("{} in {}", t.question, t.codes.join("|"));
    match c {
        Condition::Is(t) => test(t),
        Condition::Any(ts) => ts.iter().map(test).collect::<Vec<_>>().join(" or "),
        Condition::All(ts) => ts.iter().map(test).collect::<Vec<_>>().join(" and "),
    }
}

fn option_line(fw: &Framework, o: &Choice, lang: &str, scored: bool) -> String {
    let mut line = if scored {
        format!("{:<10} {:<5} {}", o.code, o.score, fw.text(&o.label, lang))
    } else {
        format!("{:<10} {}", o.code, fw.text(&o.label, lang))
    };
    if !o.aliases.is_empty() {
        line.push_str(&format!(" (also: {})", o.aliases.join(", ")));
    }
    if let Some((a, b)) = o.score_range {
        line.push_str(&format!(" [draws {a} to {b}]"));
    }
    if !o.roles.is_empty() {
        line.push_str(&format!(" [stands for {}]", o.roles.join(", ")));
    }
    line.push_str(&when(o.applies_if.as_ref(), "offered when"));
    line
}

fn print_node(fw: &Framework, n: usize, lang: &str, eff: &[f64]) {
    let node = &fw.nodes[n];
    let indent = "  ".repeat(node.depth + 1);
    out!(
        "{indent}{} {} [{}, weight {}{}]",
        node.id,
        fw.text(&node.label, lang),
        node.aggregation.name(),
        node.weight,
        if node.min_coverage > 0.0 {
            format!(", min coverage {}", node.min_coverage)
        } else {
            String::new()
        }
    );
    for c in &node.children {
        match c {
            Child::Node(k) => print_node(fw, *k, lang, eff),
            Child::Indicator(k) => {
                let ind = &fw.indicators[*k];
                out!(
                    "{indent}  {} {} ({}, weight {}, effective weight {:.4}{}){}",
                    ind.id,
                    fw.text(&ind.question, lang),
                    fw.scales[ind.scale].id,
                    ind.weight,
                    eff[*k],
                    if ind.critical { ", critical" } else { "" },
                    when(ind.applies_if.as_ref(), "applies when")
                );
                let scale = &fw.scales[ind.scale];
                for cr in &ind.criteria {
                    out!(
                        "{indent}    {} [{}] {}",
                        cr.id,
                        scale.options[cr.level].code,
                        fw.text(&cr.text, lang)
                    );
                }
            }
        }
    }
}
