//! `mgi rules list | check [DIR] | show ID`.

use super::{EXIT_FATAL, EXIT_INPUT, EXIT_OK, Global, TextOrJson, out, print_json};
use crate::crosswalk::Crosswalk;
use crate::diag::{DiagnosticJson, counts};
use crate::report::crosswalk_json::mapping_json;
use crate::report::framework_json::{framework_json, rules_list};
use crate::rules::{Child, Framework, Rules};
use std::path::PathBuf;

/// Arguments of `mgi rules`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    action: Action,
}

#[derive(Debug, clap::Subcommand)]
enum Action {
    /// List the frameworks.
    List {
        /// Output format.
        #[arg(long, value_enum, default_value = "text")]
        format: TextOrJson,
    },
    /// Check frameworks and print every problem with file, line and column.
    Check {
        /// A folder of frameworks to check (default: the rules in use).
        dir: Option<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value = "text")]
        format: TextOrJson,
    },
    /// Show a framework or a crosswalk.
    Show {
        /// Framework id, or crosswalk id (FROM--TO).
        id: String,
        /// Output format.
        #[arg(long, value_enum, default_value = "text")]
        format: TextOrJson,
    },
}

/// Runs `mgi rules`.
pub fn run(g: &Global, args: Args) -> i32 {
    match args.action {
        Action::List { format } => {
            if let Err(code) = g.require_valid_rules() {
                return code;
            }
            match format {
                TextOrJson::Json => {
                    print_json(&rules_list(&g.rules.frameworks, g.rules.crosswalks()))
                }
                TextOrJson::Text => {
                    for f in &g.rules.frameworks {
                        let lang = g.lang.as_deref().unwrap_or(&f.languages[0]);
                        out!(
                            "{:<12} {:<8} {:>4} indicators  [{}]  {}{}",
                            f.id,
                            f.version,
                            f.indicators.len(),
                            f.languages.join(", "),
                            f.text(&f.title, lang),
                            if f.is_view() { " (view)" } else { "" }
                        );
                    }
                    if !g.rules.crosswalks().is_empty() {
                        out!("crosswalks:");
                    }
                    for c in g.rules.crosswalks() {
                        let stats = g.rules.get(&c.to).map(|t| c.stats(t));
                        out!(
                            "  {:<22} {:<8} {:>4} pairs  {}",
                            c.id,
                            c.version,
                            c.maps.len(),
                            stats
                                .map(|s| format!(
                                    "{} of {} target items mapped ({} fully)",
                                    s.mapped, s.items, s.fully_mapped
                                ))
                                .unwrap_or_default()
                        );
                    }
                }
            }
            EXIT_OK
        }
        Action::Check { dir, format } => {
            let owned;
            let (rules, origin) = match &dir {
                Some(d) => {
                    owned = Rules::from_dir(d);
                    (&owned, d.display().to_string())
                }
                None => (&g.rules, g.rules_origin.clone()),
            };
            check(g, rules, &origin, format)
        }
        Action::Show { id, format } => {
            if g.rules.get(&id).is_none()
                && let Some(c) = g.rules.crosswalk_by_id(&id)
            {
                if let Err(code) = g.require_valid_rules() {
                    return code;
                }
                let lang = g.lang.as_deref().unwrap_or("en");
                match format {
                    TextOrJson::Json => print_json(&mapping_json(c, &g.rules)),
                    TextOrJson::Text => show_crosswalk(c, &g.rules, lang),
                }
                return EXIT_OK;
            }
            let fw = match g.any_framework(Some(&id)) {
                Ok(f) => f,
                Err(code) => return code,
            };
            match format {
                TextOrJson::Json => print_json(&framework_json(fw)),
                TextOrJson::Text => show_text(fw, g.lang.as_deref().unwrap_or(&fw.languages[0])),
            }
            EXIT_OK
        }
    }
}

#[derive(serde::Serialize)]
struct CheckJson<'a> {
    schema: &'static str,
    rules: &'a str,
    frameworks: Vec<&'a str>,
    failed: &'a [String],
    errors: usize,
    warnings: usize,
    diagnostics: Vec<DiagnosticJson>,
}

fn check(g: &Global, rules: &Rules, origin: &str, format: TextOrJson) -> i32 {
    // The frameworks' problems, then the crosswalks' (checked against them).
    let diagnostics = rules.all_diagnostics();
    let mut failed = rules.failed.clone();
    failed.extend(rules.crosswalks_failed().iter().cloned());
    let (errors, warnings) = counts(&diagnostics);
    match format {
        TextOrJson::Json => print_json(&CheckJson {
            schema: "mgi.rules-check/1",
            rules: origin,
            frameworks: rules.frameworks.iter().map(|f| f.id.as_str()).collect(),
            failed: &failed,
            errors,
            warnings,
            diagnostics: diagnostics.iter().map(DiagnosticJson::from).collect(),
        }),
        TextOrJson::Text => {
            g.print_diagnostics(&diagnostics);
            let ok: Vec<&str> = rules.frameworks.iter().map(|f| f.id.as_str()).collect();
            let mut line = format!(
                "checked {origin}: {} framework(s) valid{}",
                ok.len(),
                if ok.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", ok.join(", "))
                }
            );
            if !failed.is_empty() {
                line.push_str(&format!(
                    ", {} with errors ({})",
                    failed.len(),
                    failed.join(", ")
                ));
            }
            line.push_str(&format!("; {errors} error(s), {warnings} warning(s)"));
            if errors > 0 {
                eprintln!("{line}");
            } else if !g.quiet {
                out!("{line}");
            }
        }
    }
    if errors > 0 {
        EXIT_FATAL
    } else if warnings > 0 && g.strict {
        EXIT_INPUT
    } else {
        EXIT_OK
    }
}

fn show_text(fw: &Framework, lang: &str) {
    out!("{} {} — {}", fw.id, fw.version, fw.text(&fw.title, lang));
    let about = fw.text(&fw.about, lang);
    if !about.is_empty() {
        out!("{about}");
    }
    out!(
        "languages: {}; levels: {}; {} indicators; content hash {}",
        fw.languages.join(", "),
        fw.levels
            .iter()
            .map(|l| fw.text(&l.label, lang))
            .collect::<Vec<_>>()
            .join(" → "),
        fw.indicators.len(),
        &fw.content_hash[..12]
    );
    let eff = fw.effective_weights();
    print_node(fw, fw.root, lang, &eff);
    if !fw.bands.is_empty() {
        out!("bands:");
        for b in &fw.bands {
            let range = match b.exact {
                Some(e) => format!("= {e}"),
                None if b.exclusive => format!("> {}", b.lower),
                None => format!(">= {}", b.lower),
            };
            out!("  {:<4} {:<8} {}", b.code, range, fw.text(&b.label, lang));
        }
    }
}

fn print_node(fw: &Framework, n: usize, lang: &str, eff: &[f64]) {
    let node = &fw.nodes[n];
    let indent = "  ".repeat(node.depth);
    out!(
        "{indent}{} {} [{}, weight {}]",
        node.id,
        fw.text(&node.label, lang),
        node.aggregation.name(),
        node.weight
    );
    for c in &node.children {
        match c {
            Child::Node(k) => print_node(fw, *k, lang, eff),
            Child::Indicator(k) => {
                let ind = &fw.indicators[*k];
                out!(
                    "{indent}  {} {} ({}, effective weight {:.4}{})",
                    ind.id,
                    fw.text(&ind.question, lang),
                    fw.scales[ind.scale].id,
                    eff[*k],
                    if ind.critical { ", critical" } else { "" }
                );
            }
        }
    }
}

fn show_crosswalk(c: &Crosswalk, rules: &Rules, lang: &str) {
    let (from, to) = (rules.get(&c.from), rules.get(&c.to));
    let title = |f: Option<&Framework>, id: &str| {
        f.map(|f| f.text(&f.title, lang).to_string())
            .unwrap_or_else(|| id.to_string())
    };
    out!(
        "{} {} — {} → {}",
        c.id,
        c.version,
        title(from, &c.from),
        title(to, &c.to)
    );
    let about = c.text(&c.about, lang);
    if !about.is_empty() {
        out!("{about}");
    }
    let cap = c
        .partial_cap
        .map(|p| p.to_string())
        .unwrap_or_else(|| "the target scale's highest score below its maximum".into());
    out!(
        "combine: {}; partial cap: {cap}; {} pairs; content hash {}",
        c.combine.name(),
        c.maps.len(),
        &c.content_hash[..12]
    );
    let (Some(from), Some(to)) = (from, to) else {
        return;
    };
    let s = c.stats(to);
    out!(
        "{} of {} target items mapped ({:.0}%), {} fully ({:.0}%)",
        s.mapped,
        s.items,
        s.mapped_share() * 100.0,
        s.fully_mapped,
        s.fully_mapped_share() * 100.0
    );
    let mut unmapped = Vec::new();
    for ind in &to.indicators {
        let maps: Vec<_> = c.sources_of(&ind.id).collect();
        if maps.is_empty() {
            unmapped.push(ind.id.as_str());
            continue;
        }
        out!("{} {}", ind.id, to.text(&ind.question, lang));
        for m in maps {
            let source = from
                .indicator_index(&m.source)
                .map(|i| from.text(&from.indicators[i].question, lang))
                .unwrap_or("");
            out!(
                "  <- {} {}{}: {}",
                m.source,
                m.relationship.name(),
                m.strength.map(|s| format!(" ({s})")).unwrap_or_default(),
                source
            );
            let r = c.text(&m.rationale, lang);
            if !r.is_empty() {
                out!("     {r}");
            }
        }
    }
    if !unmapped.is_empty() {
        out!("unmapped (the source cannot tell): {}", unmapped.join(", "));
    }
}
