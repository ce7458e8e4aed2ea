//! `mgi crosswalk FILE... --to FRAMEWORK [--framework ID] [-o OUT]
//! [--format xlsx|json|csv]`: each assessment read through another framework, one
//! indicative view per assessment.

use super::inputs::display;
use super::{EXIT_FATAL, EXIT_INPUT, EXIT_OK, Global, out, print_json};
use mgi::crosswalk::{CrosswalkView, carry_all};
use mgi::report::crosswalk_json::{crosswalk_csv, crosswalk_json};
use mgi::report::crosswalk_report::{CrosswalkReportOptions, crosswalk_report};
use mgi::report::files::file_part;
use mgi::report::write_atomic;
use mgi::results::{Results, Scorer};
use mgi::rules::Framework;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Output formats of `mgi crosswalk`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A view workbook per assessment.
    Xlsx,
    /// The `mgi.crosswalk/1` JSON contract.
    Json,
    /// The long table of target node and item scores.
    Csv,
}

/// Arguments of `mgi crosswalk`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Filled workbooks, tables, or folders of them (each read with its own framework).
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
    /// The framework to read them through (the target of a crosswalk: sdg-10-7-2, gcm,
    /// mgi...).
    #[arg(long, value_name = "FRAMEWORK")]
    to: String,
    /// Read the inputs against this framework instead of the one named in each file.
    #[arg(long)]
    framework: Option<String>,
    /// Output file (a folder when several views are written). Default for xlsx:
    /// reports/<COUNTRY>-<YEAR>-<SOURCE>-to-<TARGET>-view.xlsx; json and csv go to
    /// stdout.
    #[arg(short, long, value_name = "OUT")]
    output: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "xlsx")]
    format: Format,
}

/// Runs `mgi crosswalk`.
pub fn run(g: &Global, args: Args) -> i32 {
    let target = match g.any_framework(Some(&args.to)) {
        Ok(t) => t,
        Err(code) => return code,
    };
    if let Some(id) = &args.framework
        && let Err(code) = g.framework(Some(id))
    {
        return code;
    }
    let sources: Vec<&str> = g
        .rules
        .crosswalks()
        .iter()
        .filter(|c| c.to == target.id)
        .map(|c| c.from.as_str())
        .collect();
    if sources.is_empty() {
        let all: Vec<&str> = g.rules.crosswalks().iter().map(|c| c.id.as_str()).collect();
        let broken: Vec<&str> = g
            .rules
            .crosswalks_failed()
            .iter()
            .map(String::as_str)
            .collect();
        eprintln!(
            "error: no crosswalk leads to \"{}\" in {}; expected a target that a crosswalk maps to (crosswalks: {}){}",
            target.id,
            g.rules_origin,
            if all.is_empty() {
                "none".to_string()
            } else {
                all.join(", ")
            },
            if broken.is_empty() {
                String::new()
            } else {
                format!(
                    "; crosswalk files with errors, not used: {} (see `mgi rules check`)",
                    broken.join(", ")
                )
            }
        );
        return EXIT_FATAL;
    }
    let mgi::intake::Batch {
        paths,
        inputs,
        repeats,
    } = match super::inputs::read_batch(g, &args.files, args.framework.as_deref(), "reading") {
        Ok(b) => b,
        Err(code) => return code,
    };
    let input_paths: Vec<&Path> = paths.iter().map(PathBuf::as_path).collect();
    let scorers: BTreeMap<&str, Scorer> = g
        .rules
        .frameworks
        .iter()
        .filter(|f| !f.is_view())
        .map(|f| (f.id.as_str(), Scorer::new(f)))
        .collect();
    let mut failed = 0;
    let mut any_error = false;
    let mut any_warning = false;
    let mut results: Vec<Results> = Vec::new();
    for (input, flags) in inputs.into_iter().zip(&repeats) {
        match input.result {
            Err(e) => {
                eprintln!("{}", e.diagnostic(&display(&input.path)));
                failed += 1;
            }
            Ok(list) => {
                for (a, repeat) in list.into_iter().zip(flags) {
                    g.print_diagnostics(&a.diagnostics);
                    any_error |= a.has_errors();
                    any_warning |= a.diagnostics.iter().any(|d| !d.is_error());
                    if *repeat {
                        continue;
                    }
                    let scorer = &scorers[a.framework.as_str()];
                    results.push(scorer.evaluate(a));
                }
            }
        }
    }
    let (views, diags) = carry_all(&g.rules, target, &results);
    g.print_diagnostics(&diags);
    any_error |= diags.iter().any(|d| d.is_error());
    if views.is_empty() {
        return EXIT_FATAL;
    }
    let pairs: Vec<(&Framework, &CrosswalkView)> = views
        .iter()
        .map(|v| {
            let source = g
                .rules
                .get(&v.source_framework)
                .expect("the source framework of a view");
            (source, v)
        })
        .collect();
    let written = match args.format {
        Format::Json => write_json(&pairs, target, args.output.as_deref(), &input_paths),
        Format::Csv => {
            let lang = g
                .lang
                .clone()
                .filter(|l| target.languages.contains(l))
                .unwrap_or_else(|| target.languages[0].clone());
            crosswalk_csv(target, &pairs, &lang)
                .map_err(|e| e.to_string())
                .and_then(|bytes| match &args.output {
                    None => {
                        use std::io::Write;
                        let _ = std::io::stdout().lock().write_all(&bytes);
                        Ok(())
                    }
                    Some(p) => write_atomic(p, &bytes, &input_paths)
                        .map_err(|e| format!("cannot write {}: {e}", p.display())),
                })
        }
        Format::Xlsx => write_workbooks(
            g,
            &pairs,
            target,
            args.output.as_deref(),
            &input_paths,
            paths.len() > 1,
        ),
    };
    if let Err(e) = written {
        eprintln!("error: {e}");
        return EXIT_FATAL;
    }
    if failed > 0 || any_error || (g.strict && any_warning) {
        EXIT_INPUT
    } else {
        EXIT_OK
    }
}

fn write_json(
    pairs: &[(&Framework, &CrosswalkView)],
    target: &Framework,
    output: Option<&Path>,
    inputs: &[&Path],
) -> Result<(), String> {
    let mut docs = Vec::with_capacity(pairs.len());
    for (source, v) in pairs {
        docs.push(crosswalk_json(source, target, v).map_err(|e| e.to_string())?);
    }
    match output {
        None if docs.len() == 1 => {
            print_json(&docs[0]);
            Ok(())
        }
        None => {
            print_json(&docs);
            Ok(())
        }
        Some(path) => {
            let text = if docs.len() == 1 {
                serde_json::to_string_pretty(&docs[0])
            } else {
                serde_json::to_string_pretty(&docs)
            }
            .map_err(|e| format!("cannot write the crosswalk JSON: {e}"))?;
            write_atomic(path, format!("{text}\n").as_bytes(), inputs)
                .map_err(|e| format!("cannot write {}: {e}", path.display()))
        }
    }
}

fn write_workbooks(
    g: &Global,
    pairs: &[(&Framework, &CrosswalkView)],
    target: &Framework,
    output: Option<&Path>,
    inputs: &[&Path],
    several_inputs: bool,
) -> Result<(), String> {
    let mut used: BTreeSet<PathBuf> = BTreeSet::new();
    let folder = match output {
        Some(p) if several_inputs || pairs.len() > 1 || p.is_dir() => Some(p.to_path_buf()),
        None => Some(PathBuf::from("reports")),
        _ => None,
    };
    for (source, v) in pairs {
        let m = &v.results.assessment.meta;
        let path = match (&folder, output) {
            (Some(dir), _) => {
                let base = format!(
                    "{}-{}-{}-to-{}-view",
                    file_part(&m.unit_code),
                    file_part(&m.period),
                    file_part(&source.id),
                    file_part(&target.id)
                );
                let mut p = dir.join(format!("{base}.xlsx"));
                if used.contains(&p) {
                    p = dir.join(format!("{base}-round{}.xlsx", file_part(&m.round)));
                }
                p
            }
            (None, Some(p)) => p.to_path_buf(),
            (None, None) => unreachable!("a folder is chosen when no output is given"),
        };
        used.insert(path.clone());
        let lang = mgi::i18n::catalogue::report_language(
            g.lang.as_deref(),
            &[&m.language],
            &target.languages,
        );
        let bytes = crosswalk_report(source, target, v, &CrosswalkReportOptions { lang })
            .map_err(|e| e.to_string())?;
        write_atomic(&path, &bytes, inputs)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        if !g.quiet {
            summary(source, target, v, &path);
        }
    }
    Ok(())
}

/// The short summary printed after a view is written.
fn summary(source: &Framework, target: &Framework, v: &CrosswalkView, path: &Path) {
    let m = &v.results.assessment.meta;
    let o = v.results.overall();
    let overall = match o.score {
        Some(s) => {
            let band = target
                .band_of(s * 100.0)
                .map(|b| format!(" ({})", target.text(&b.label, "en")))
                .unwrap_or_default();
            format!("{:.1}{band}", s * 100.0)
        }
        None => o.status.name().replace('_', " "),
    };
    let stats = v.mapping.stats(target);
    out!(
        "{} {} · {} → {} (indicative): overall {overall}, coverage {:.0}%; {} of {} target items mapped ({} fully)",
        m.unit_code,
        m.period,
        source.id,
        target.id,
        o.coverage * 100.0,
        stats.mapped,
        stats.items,
        stats.fully_mapped
    );
    out!("  view: {}", path.display());
}
