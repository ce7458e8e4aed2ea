//! `mgi score FILE... [--framework ID] [-o OUT] [--format xlsx|json|csv]`.

use super::inputs::display;
use super::{EXIT_FATAL, EXIT_INPUT, EXIT_OK, Global, out, print_json};
use crate::report::gap_report::{ReportOptions, gap_report};
use crate::report::long_table::{long_table, write_csv};
use crate::report::score_json::score_json;
use crate::report::write_atomic;
use crate::results::{Results, evaluate};
use crate::rules::Framework;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Output formats of `mgi score`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A gap report workbook per assessment.
    Xlsx,
    /// The `mgi.score/1` JSON contract.
    Json,
    /// The long table of node and indicator scores.
    Csv,
}

/// Arguments of `mgi score`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Filled workbooks, tables, or folders of them.
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
    /// Score against this framework instead of the one named in each file.
    #[arg(long)]
    framework: Option<String>,
    /// Output file (a folder when several reports are written). Default for xlsx:
    /// reports/<COUNTRY>-<YEAR>-<FRAMEWORK>-gap-report.xlsx; json and csv go to stdout.
    #[arg(short, long, value_name = "OUT")]
    output: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "xlsx")]
    format: Format,
}

/// The report language ([`crate::i18n::catalogue::report_language`]).
pub fn report_lang(g: &Global, fw: &Framework, workbook_lang: &str) -> String {
    crate::i18n::catalogue::report_language(g.lang.as_deref(), workbook_lang, &fw.languages)
}

/// A file-name-safe form of a text.
pub fn file_part(s: &str) -> String {
    let cleaned: String = s
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.' {
                c
            } else {
                '-'
            }
        })
        .collect();
    let trimmed = cleaned.trim_matches('-').to_string();
    if trimmed.is_empty() {
        "unknown".into()
    } else {
        trimmed
    }
}

/// Runs `mgi score`.
pub fn run(g: &Global, args: Args) -> i32 {
    if let Err(code) = g.require_valid_rules() {
        return code;
    }
    if let Some(id) = &args.framework
        && let Err(code) = g.framework(Some(id))
    {
        return code;
    }
    let super::inputs::Batch {
        paths,
        inputs,
        repeats,
    } = match super::inputs::read_batch(g, &args.files, args.framework.as_deref(), "scoring") {
        Ok(b) => b,
        Err(code) => return code,
    };
    let input_paths: Vec<&Path> = paths.iter().map(PathBuf::as_path).collect();
    let mut failed = 0;
    let mut any_error = false;
    let mut any_warning = false;
    let mut results: Vec<(&Framework, Results)> = Vec::new();
    for (input, flags) in inputs.iter().zip(&repeats) {
        match &input.result {
            Err(e) => {
                eprintln!("{}", e.diagnostic(&display(&input.path)));
                failed += 1;
            }
            Ok(list) => {
                for (a, repeat) in list.iter().zip(flags) {
                    g.print_diagnostics(&a.diagnostics);
                    any_error |= a.has_errors();
                    any_warning |= a.diagnostics.iter().any(|d| !d.is_error());
                    if *repeat {
                        continue;
                    }
                    let fw = g
                        .rules
                        .get(&a.framework)
                        .expect("intake read against a known framework");
                    results.push((fw, evaluate(fw, a)));
                }
            }
        }
    }
    if results.is_empty() {
        return if failed > 0 { EXIT_FATAL } else { EXIT_INPUT };
    }
    let written = match args.format {
        Format::Json => {
            let docs: Vec<_> = results.iter().map(|(fw, r)| score_json(fw, r)).collect();
            match &args.output {
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
                    .expect("serialisable");
                    write_atomic(path, format!("{text}\n").as_bytes(), &input_paths)
                        .map_err(|e| format!("cannot write {}: {e}", path.display()))
                }
            }
        }
        Format::Csv => write_long_csv(g, &results, args.output.as_deref(), &input_paths),
        Format::Xlsx => write_reports(
            g,
            &results,
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

fn write_long_csv(
    g: &Global,
    results: &[(&Framework, Results)],
    output: Option<&Path>,
    inputs: &[&Path],
) -> Result<(), String> {
    let mut bytes = Vec::new();
    let mut frameworks: Vec<&str> = results.iter().map(|(fw, _)| fw.id.as_str()).collect();
    frameworks.dedup();
    let mut seen = BTreeSet::new();
    for (fw, _) in results {
        if !seen.insert(fw.id.clone()) {
            continue;
        }
        let rs: Vec<&Results> = results
            .iter()
            .filter(|(f, _)| f.id == fw.id)
            .map(|(_, r)| r)
            .collect();
        let lang = report_lang(g, fw, &rs[0].assessment.meta.language);
        let mut df = long_table(fw, &rs, &lang).map_err(|e| e.to_string())?;
        let csv = write_csv(&mut df).map_err(|e| e.to_string())?;
        // One header for the whole file.
        let text = if bytes.is_empty() {
            csv
        } else {
            csv.splitn(2, |b| *b == b'\n')
                .nth(1)
                .unwrap_or_default()
                .to_vec()
        };
        bytes.extend(text);
    }
    match output {
        None => {
            use std::io::Write;
            let _ = std::io::stdout().lock().write_all(&bytes);
            Ok(())
        }
        Some(p) => write_atomic(p, &bytes, inputs)
            .map_err(|e| format!("cannot write {}: {e}", p.display())),
    }
}

fn write_reports(
    g: &Global,
    results: &[(&Framework, Results)],
    output: Option<&Path>,
    inputs: &[&Path],
    several_inputs: bool,
) -> Result<(), String> {
    let mut used: BTreeSet<PathBuf> = BTreeSet::new();
    let folder = match output {
        Some(p) if several_inputs || results.len() > 1 || p.is_dir() => Some(p.to_path_buf()),
        None => Some(PathBuf::from("reports")),
        _ => None,
    };
    for (fw, r) in results {
        let m = &r.assessment.meta;
        let path = match (&folder, output) {
            (Some(dir), _) => {
                let base = format!(
                    "{}-{}-{}-gap-report",
                    file_part(&m.unit_code),
                    file_part(&m.period),
                    file_part(&fw.id)
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
        let lang = report_lang(g, fw, &m.language);
        let opts = ReportOptions {
            lang: lang.clone(),
            format: "xlsx".into(),
        };
        let bytes = gap_report(fw, r, &opts).map_err(|e| e.to_string())?;
        write_atomic(&path, &bytes, inputs)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        if !g.quiet {
            summary(fw, r, &lang, &path);
        }
    }
    Ok(())
}

/// The short summary printed after a report is written.
fn summary(fw: &Framework, r: &Results, lang: &str, path: &Path) {
    let m = &r.assessment.meta;
    let o = r.overall();
    let overall = match o.score {
        Some(s) => {
            let band = fw
                .band_of(s * 100.0)
                .map(|b| format!(" ({})", fw.text(&b.label, lang)))
                .unwrap_or_default();
            format!("{:.1}{band}", s * 100.0)
        }
        None => o.status.name().replace('_', " "),
    };
    out!(
        "{} {} · {}: overall {overall}, coverage {:.0}%",
        m.unit_code,
        m.period,
        fw.id,
        o.coverage * 100.0
    );
    let top: Vec<String> = r
        .gaps
        .iter()
        .take(5)
        .map(|g| match g.points {
            Some(p) => format!("{} (+{p:.2})", fw.indicators[g.indicator].id),
            None => fw.indicators[g.indicator].id.clone(),
        })
        .collect();
    if !top.is_empty() {
        out!("  biggest gaps: {}", top.join(", "));
    }
    if !r.data_gaps.is_empty() {
        out!("  data gaps: {}", r.data_gaps.len());
    }
    out!("  report: {}", path.display());
}
