//! `mgi rules list | check [DIR] | show ID | export ID|all DIR | new ID DIR | diff OLD NEW
//! | reference`.

use super::help;
use super::rules_diff::diff;
use super::rules_show::show_text;
use super::{EXIT_FATAL, EXIT_INPUT, EXIT_OK, Global, TextOrJson, out, print_json};
use mgi::crosswalk::Crosswalk;
use mgi::diag::{DiagnosticJson, counts};
use mgi::report::crosswalk_json::mapping_json;
use mgi::report::framework_json::{framework_json, rules_list};
use mgi::rules::{
    Framework, Rules, export_files, format_reference, one_document, starter, write_files,
};
use std::path::PathBuf;

/// Arguments of `mgi rules`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    action: Action,
}

/// Output format of `mgi rules show`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ShowFormat {
    /// Every section, readable, in the `--lang` language.
    Text,
    /// `mgi.framework/1`.
    Json,
    /// The framework's rule files joined into one TOML document.
    Toml,
}

#[derive(Debug, clap::Subcommand)]
enum Action {
    /// List the frameworks.
    #[command(after_long_help = help::RULES_LIST)]
    List {
        /// Output format.
        #[arg(long, value_enum, default_value = "text")]
        format: TextOrJson,
    },
    /// Check frameworks and print every problem with file, line and column.
    #[command(after_long_help = help::RULES_CHECK)]
    Check {
        /// A folder of frameworks to check (default: the rules in use).
        dir: Option<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value = "text")]
        format: TextOrJson,
    },
    /// Show a framework or a crosswalk: every section, as JSON, or as one TOML document.
    #[command(after_long_help = help::RULES_SHOW)]
    Show {
        /// Framework id, or crosswalk id (FROM--TO).
        id: String,
        /// Output format.
        #[arg(long, value_enum, default_value = "text")]
        format: ShowFormat,
    },
    /// Write a framework's rule files (with everything they include) to a folder.
    #[command(after_long_help = help::RULES_EXPORT)]
    Export {
        /// Framework id, or `all`.
        id: String,
        /// Folder to write to (a rules folder: `mgi --rules DIR` reads it back).
        dir: PathBuf,
        /// Overwrite files that exist.
        #[arg(long)]
        force: bool,
    },
    /// Write a small, valid, commented framework to start from.
    #[command(after_long_help = help::RULES_NEW)]
    New {
        /// Id of the new framework (letters, digits, '-', '_', '.').
        id: String,
        /// Rules folder to write it in (as DIR/ID/framework.toml).
        dir: PathBuf,
        /// Languages of the framework, comma-separated, the first being the fallback
        /// (`--lang` stays the language of mgi's messages and reports).
        #[arg(
            long,
            value_delimiter = ',',
            default_value = "en",
            value_name = "CODES"
        )]
        languages: Vec<String>,
        /// Overwrite the file if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Compare two versions of a framework: what changed and the effect on weights.
    #[command(after_long_help = help::RULES_DIFF)]
    Diff {
        /// The old version: a rules folder, a framework folder or a bundled id.
        old: String,
        /// The new version: a rules folder, a framework folder or a bundled id.
        new: String,
        /// Output format.
        #[arg(long, value_enum, default_value = "text")]
        format: TextOrJson,
    },
    /// Print the rule-format reference: every key of every table (Markdown).
    #[command(after_long_help = help::RULES_REFERENCE)]
    Reference,
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
                    ShowFormat::Json => print_json(&mapping_json(c, &g.rules)),
                    ShowFormat::Text => show_crosswalk(c, &g.rules, lang),
                    ShowFormat::Toml => match export_files(&g.rules, &id) {
                        Ok(files) => {
                            for f in files {
                                out!("{}", f.text.replace("\r\n", "\n").trim_end());
                            }
                        }
                        Err(e) => {
                            eprintln!("error: {e}");
                            return EXIT_FATAL;
                        }
                    },
                }
                return EXIT_OK;
            }
            let fw = match g.any_framework(Some(&id)) {
                Ok(f) => f,
                Err(code) => return code,
            };
            match format {
                ShowFormat::Json => print_json(&framework_json(fw)),
                ShowFormat::Text => show_text(fw, g.lang.as_deref().unwrap_or(&fw.languages[0])),
                ShowFormat::Toml => match one_document(&g.rules, &fw.id) {
                    Ok(doc) => out!("{}", doc.trim_end()),
                    Err(e) => {
                        eprintln!("error: {e}");
                        return EXIT_FATAL;
                    }
                },
            }
            EXIT_OK
        }
        Action::Export { id, dir, force } => export(g, &id, &dir, force),
        Action::New {
            id,
            dir,
            languages,
            force,
        } => new(g, &id, &dir, &languages, force),
        Action::Diff { old, new, format } => diff(g, &old, &new, format),
        Action::Reference => match format_reference() {
            Ok(doc) => {
                use std::io::Write;
                let _ = std::io::stdout().lock().write_all(doc.as_bytes());
                EXIT_OK
            }
            Err(missing) => {
                eprintln!(
                    "error: the rule format is not fully documented: {}",
                    missing.join("; ")
                );
                EXIT_FATAL
            }
        },
    }
}

fn export(g: &Global, id: &str, dir: &std::path::Path, force: bool) -> i32 {
    if id != "all"
        && g.rules.crosswalk_by_id(id).is_none()
        && let Err(code) = g.any_framework(Some(id))
    {
        return code;
    }
    let files = match export_files(&g.rules, id) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("error: {e}");
            return EXIT_FATAL;
        }
    };
    match write_files(&files, dir, force) {
        Ok(paths) => {
            if !g.quiet {
                for p in &paths {
                    out!("{}", p.display());
                }
                out!(
                    "wrote {} file(s) under {}; use them with `mgi --rules {} ...`",
                    paths.len(),
                    dir.display(),
                    dir.display()
                );
            }
            EXIT_OK
        }
        Err(e) => {
            eprintln!("error: {e}");
            EXIT_FATAL
        }
    }
}

fn new(g: &Global, id: &str, dir: &std::path::Path, languages: &[String], force: bool) -> i32 {
    let languages: Vec<String> = languages
        .iter()
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty())
        .collect();
    let text = match starter(id, &languages) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("error: {e}");
            return EXIT_FATAL;
        }
    };
    let file = mgi::rules::SourceFile {
        rel: format!("{id}/framework.toml"),
        display: String::new(),
        text,
        path: None,
        problem: None,
    };
    match write_files(&[&file], dir, force) {
        Ok(paths) => {
            if !g.quiet {
                out!(
                    "wrote {}; check it with `mgi rules check {}`, try it with `mgi --rules {} template --framework {id} -o {id}.xlsx`",
                    paths[0].display(),
                    dir.display(),
                    dir.display()
                );
            }
            EXIT_OK
        }
        Err(e) => {
            eprintln!("error: {e}");
            EXIT_FATAL
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
            if !rules.shared.is_empty() {
                line.push_str(&format!(", shared: {}", rules.shared.join(", ")));
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
