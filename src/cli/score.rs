//! `mgi score FILE... [--framework ID] [-o OUT] [--format xlsx|json|csv]`.

use super::inputs::display;
use super::{EXIT_FATAL, EXIT_INPUT, EXIT_OK, Global, out, print_json};
use mgi::report::gap_report::{ReportOptions, gap_report};
use mgi::report::long_table::{long_table, write_csv};
use mgi::report::score_json::score_json;
use mgi::report::write_atomic;
use mgi::results::{Results, evaluate};
use mgi::rules::Framework;
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

/// The report language of one workbook's report ([`mgi::i18n::catalogue::report_language`]).
fn report_lang(g: &Global, fw: &Framework, workbook_lang: &str) -> String {
    mgi::i18n::catalogue::report_language(g.lang.as_deref(), &[workbook_lang], &fw.languages)
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
    let mgi::intake::Batch {
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
    let mut warnings = 0;
    let written = match args.format {
        Format::Json => {
            let docs: Vec<_> = results.iter().map(|(fw, r)| score_json(fw, r)).collect();
            match &args.output {
                None if docs.len() == 1 => {
                    print_json(&docs[0]);
                    Ok(results.len())
                }
                None => {
                    print_json(&docs);
                    Ok(results.len())
                }
                Some(path) => {
                    let text = if docs.len() == 1 {
                        serde_json::to_string_pretty(&docs[0])
                    } else {
                        serde_json::to_string_pretty(&docs)
                    }
                    .expect("serialisable");
                    write_atomic(path, format!("{text}\n").as_bytes(), &input_paths)
                        .map(|_| results.len())
                        .map_err(|e| format!("cannot write {}: {e}", path.display()))
                }
            }
        }
        Format::Csv => {
            write_long_csv(g, &results, args.output.as_deref(), &input_paths).map(|_| results.len())
        }
        Format::Xlsx => {
            let (written, w) = write_reports(
                g,
                &results,
                args.output.as_deref(),
                &input_paths,
                paths.len() > 1,
            );
            warnings = w;
            written
        }
    };
    match written {
        Err(e) => {
            eprintln!("error: {e}");
            return EXIT_FATAL;
        }
        // No report could be written (each said why).
        Ok(0) => return EXIT_FATAL,
        // Some reports could not be written; the others were.
        Ok(n) if n < results.len() => return EXIT_INPUT,
        Ok(_) => {}
    }
    if failed > 0 || any_error || (g.strict && (any_warning || warnings > 0)) {
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

/// Writes one gap report per result. A report that cannot be built or written is
/// reported and the others are still written. Returns how many were written, and how
/// many warnings (clipped texts) were printed.
fn write_reports(
    g: &Global,
    results: &[(&Framework, Results)],
    output: Option<&Path>,
    inputs: &[&Path],
    several_inputs: bool,
) -> (Result<usize, String>, usize) {
    use mgi::cells::collect_clips;
    use mgi::diag::{Code, Diagnostic, Location};
    use mgi::report::files::{ensure_folder, names_folder, report_names};
    let folder = match output {
        Some(p) if several_inputs || results.len() > 1 || names_folder(p) => Some(p.to_path_buf()),
        None => Some(PathBuf::from("reports")),
        _ => None,
    };
    if let Some(dir) = &folder
        && let Err(e) = ensure_folder(dir)
    {
        return (
            Err(format!(
                "cannot create the folder {} for the reports: {e}",
                dir.display()
            )),
            0,
        );
    }
    let keys: Vec<_> = results
        .iter()
        .map(|(fw, r)| {
            let m = &r.assessment.meta;
            (
                m.unit_code.as_str(),
                m.period.as_str(),
                m.round.as_str(),
                fw.id.as_str(),
                fw.version.as_str(),
            )
        })
        .collect();
    let names = match (&folder, output) {
        (Some(dir), _) => report_names(dir, &keys, "gap-report.xlsx"),
        (None, Some(p)) => vec![mgi::report::files::Named {
            path: p.to_path_buf(),
            note: None,
        }],
        (None, None) => unreachable!("a folder is chosen when no output is given"),
    };
    let mut done = 0;
    let mut warnings = 0;
    for ((fw, r), named) in results.iter().zip(names) {
        let path = named.path;
        let m = &r.assessment.meta;
        if let Some(note) = &named.note
            && !g.quiet
        {
            out!("{} {}: {note}", m.unit_code, m.period);
        }
        let lang = report_lang(g, fw, &m.language);
        let opts = ReportOptions {
            lang: lang.clone(),
            format: "xlsx".into(),
            file: Some(match &named.note {
                Some(note) => format!("{} ({note})", display(&path)),
                None => display(&path),
            }),
        };
        let (built, clips) = collect_clips(|| gap_report(fw, r, &opts));
        let written = built.map_err(|e| e.to_string()).and_then(|bytes| {
            write_atomic(&path, &bytes, inputs)
                .map_err(|e| format!("cannot write {}: {e}", path.display()))
        });
        if let Err(e) = written {
            eprintln!(
                "error: the report of {} {} is not written: {e}",
                m.unit_code, m.period
            );
            continue;
        }
        for c in clips {
            warnings += 1;
            let at = Location {
                file: Some(display(&path)),
                sheet: Some(c.sheet.clone()),
                cell: Some(c.cell.clone()),
                ..Default::default()
            };
            let d = Diagnostic::warning_msg(
                Code::W052,
                at,
                mgi::diag::Msg::new("diag.w052")
                    .arg("len", c.length)
                    .arg("limit", mgi::cells::EXCEL_TEXT_LIMIT),
            );
            g.print_diagnostics(&[d]);
        }
        done += 1;
        if !g.quiet {
            summary(fw, r, &lang, &path);
        }
    }
    (Ok(done), warnings)
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
