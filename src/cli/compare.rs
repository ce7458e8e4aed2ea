//! `mgi compare FILE|DIR... [--framework ID] [--group-by FIELD] [--groups FILE.csv]
//! [--rank] [--uncertainty N] [--sensitivity N] [--seed S] [-o OUT]
//! [--format xlsx|json|csv|parquet]`.
//!
//! Cost: every assessment's results are kept in memory (about 100 KB each for the
//! MGI-aligned framework); the uncertainty analysis keeps draws × units scores.

use super::inputs::display;
use super::{EXIT_FATAL, EXIT_INPUT, EXIT_OK, Global, out, print_json};
use mgi::compare::uncertainty::UncertaintyOptions;
use mgi::compare::{CompareOptions, compare};
use mgi::diag::Diagnostic;
use mgi::report::compare_json::compare_json;
use mgi::report::compare_report::{CompareReportOptions, InputFile, compare_report};
use mgi::report::compare_table::{comparison_table, write_parquet};
use mgi::report::files::file_part;
use mgi::report::long_table::write_csv;
use mgi::report::write_atomic;
use mgi::results::{Results, Scorer};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Output formats of `mgi compare`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// The comparison workbook.
    Xlsx,
    /// `mgi.compare/1`.
    Json,
    /// The long table of scores with grouping fields, and of the analyses (`table`).
    Csv,
    /// The same table as Parquet.
    Parquet,
}

/// Arguments of `mgi compare`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Workbooks, tables of many countries, or folders of them.
    #[arg(required = true, value_name = "FILE|DIR")]
    inputs: Vec<PathBuf>,
    /// Compare against this framework (default: the framework most inputs name).
    #[arg(long)]
    framework: Option<String>,
    /// Compare each unit with the median of its group on this field (region, income_group...).
    #[arg(long, value_name = "FIELD")]
    group_by: Option<String>,
    /// A csv mapping unit codes (first column) to grouping fields (other columns).
    #[arg(long, value_name = "FILE.csv")]
    groups: Option<PathBuf>,
    /// Rank the units (MGI is not a ranking: ranks appear only when asked for).
    #[arg(long)]
    rank: bool,
    /// Monte Carlo draws of the uncertainty analysis.
    #[arg(long, value_name = "N")]
    uncertainty: Option<usize>,
    /// Base samples N of the sensitivity analysis (a Saltelli design: N·(k+2) roll-ups
    /// of every unit for k factors).
    #[arg(long, value_name = "N")]
    sensitivity: Option<usize>,
    /// Seed of the uncertainty and sensitivity analyses (each has its own stream).
    #[arg(long, value_name = "S", default_value_t = 1)]
    seed: u64,
    /// Dirichlet concentration of the weight draws (default: the framework's).
    #[arg(long, value_name = "C")]
    concentration: Option<f64>,
    /// Output file. Default: reports/comparison-<FRAMEWORK>.xlsx (or .parquet); json and
    /// csv go to stdout.
    #[arg(short, long, value_name = "OUT")]
    output: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "xlsx")]
    format: Format,
    /// Compare the units through this framework: each assessment is carried through the
    /// crosswalk from its framework (indicative views, see `mgi crosswalk`).
    #[arg(long, value_name = "FRAMEWORK")]
    view: Option<String>,
}

/// The SHA-256 of a file's bytes, when it can be read.
fn file_sha256(path: &Path) -> Option<String> {
    use sha2::{Digest, Sha256};
    std::fs::read(path)
        .ok()
        .map(|b| mgi::rules::hex(&Sha256::digest(&b)))
}

/// Runs `mgi compare`.
pub fn run(g: &Global, args: Args) -> i32 {
    if let Err(code) = g.require_valid_rules() {
        return code;
    }
    if let Some(id) = &args.framework
        && let Err(code) = g.framework(Some(id))
    {
        return code;
    }
    let groups = match &args.groups {
        Some(p) => match mgi::compare::groups::read_groups(p) {
            Ok(gr) => gr,
            Err(e) => {
                eprintln!("error: {e}");
                return EXIT_FATAL;
            }
        },
        None => BTreeMap::new(),
    };
    let mgi::intake::Batch {
        paths,
        inputs,
        repeats,
    } = match super::inputs::read_batch(g, &args.inputs, args.framework.as_deref(), "reading") {
        Ok(b) => b,
        Err(code) => return code,
    };
    let mut diagnostics: Vec<Diagnostic> = Vec::new();
    let mut failed = 0;
    let mut assessments = Vec::new();
    let mut files: Vec<InputFile> = Vec::with_capacity(inputs.len());
    for (input, flags) in inputs.into_iter().zip(repeats) {
        let read_sha = match &input.result {
            Ok(list) => list.first().map(|a| a.source_sha256.clone()),
            Err(_) => None,
        };
        files.push(InputFile {
            path: display(&input.path),
            sha256: read_sha.or_else(|| file_sha256(&input.path)),
        });
        match input.result {
            Err(e) => {
                diagnostics.push(e.diagnostic(&display(&input.path)));
                failed += 1;
            }
            Ok(list) => {
                for (a, repeat) in list.into_iter().zip(flags) {
                    diagnostics.extend(a.diagnostics.iter().cloned());
                    if !repeat {
                        assessments.push(a);
                    }
                }
            }
        }
    }
    let any_error = diagnostics.iter().any(Diagnostic::is_error);
    let any_warning = diagnostics.iter().any(|d| !d.is_error());
    for d in diagnostics.iter().filter(|d| d.is_error()) {
        eprintln!("{d}");
    }
    if !g.quiet {
        let warnings = diagnostics.iter().filter(|d| !d.is_error()).count();
        if warnings > 0 {
            eprintln!(
                "{warnings} warning(s) in the inputs (listed in the Diagnostics sheet and the JSON)"
            );
        }
    }
    if assessments.is_empty() {
        eprintln!("error: no assessment could be read");
        return EXIT_FATAL;
    }
    // The framework: asked for, else the one most inputs name.
    let fw_id = args
        .framework
        .clone()
        .or_else(|| mgi::compare::majority_framework(&assessments))
        .unwrap_or_default();
    let mut fw = g.rules.get(&fw_id).expect("framework of an assessment");
    let scorers: BTreeMap<&str, Scorer> = g
        .rules
        .frameworks
        .iter()
        .map(|f| (f.id.as_str(), Scorer::new(f)))
        .collect();
    let mut results: Vec<Results> = assessments
        .into_par_iter()
        .map(|a| scorers[a.framework.as_str()].evaluate(a))
        .collect();
    // Through a view: every assessment carried to the target framework first.
    if let Some(view) = &args.view {
        fw = match g.any_framework(Some(view)) {
            Ok(t) => t,
            Err(code) => return code,
        };
        let (views, carried) = mgi::crosswalk::carry_all(&g.rules, fw, &results);
        for d in &carried {
            if d.is_error() || !g.quiet {
                eprintln!("{d}");
            }
        }
        diagnostics.extend(carried);
        results = views.into_iter().map(|v| v.results).collect();
        if results.is_empty() {
            eprintln!("error: no assessment could be carried to \"{}\"", fw.id);
            return EXIT_FATAL;
        }
    }
    // A grouping field named in another case is the field the inputs have.
    let group_by = args
        .group_by
        .as_ref()
        .map(|f| mgi::compare::groups::group_field(f, &results, &groups));
    let opts = CompareOptions {
        group_by,
        groups: groups.clone(),
        rank: args.rank,
        uncertainty: args.uncertainty.map(|n| {
            let mut u = UncertaintyOptions::from_framework(fw, n, args.seed);
            if let Some(c) = args.concentration {
                u.concentration = c;
            }
            u
        }),
        sensitivity: args.sensitivity.map(|n| {
            let mut s =
                mgi::compare::sensitivity::SensitivityOptions::from_framework(fw, n, args.seed);
            if let Some(c) = args.concentration {
                s.concentration = c;
            }
            s.rank = args.rank;
            s
        }),
    };
    if let Some(c) = args.concentration
        && !(c.is_finite() && c > 0.0)
    {
        eprintln!("error: --concentration {c} is not valid; expected a positive number");
        return EXIT_FATAL;
    }
    if let Some(n) = args.sensitivity
        && n < 2
    {
        eprintln!("error: --sensitivity {n} is too few; expected at least 2 base samples");
        return EXIT_FATAL;
    }
    let work = args.uncertainty.unwrap_or(0) + args.sensitivity.unwrap_or(0);
    let pb = (work > 0)
        .then(|| super::inputs::bar(work, g.quiet, "uncertainty and sensitivity"))
        .flatten();
    let progress: &dyn mgi::Progress = match &pb {
        Some(pb) => pb,
        None => &mgi::NoProgress,
    };
    let comparison = match compare(fw, &results, &opts, progress) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: comparison failed: {e}");
            return EXIT_FATAL;
        }
    };
    if let Some(pb) = pb {
        pb.finish();
    }
    for d in &comparison.diagnostics {
        if d.is_error() || !g.quiet {
            eprintln!("{d}");
        }
    }
    let workbook_langs: Vec<&str> = results
        .iter()
        .map(|r| r.assessment.meta.language.as_str())
        .collect();
    let lang =
        mgi::i18n::catalogue::report_language(g.lang.as_deref(), &workbook_langs, &fw.languages);
    let input_paths: Vec<&Path> = paths.iter().map(PathBuf::as_path).collect();
    let options_text = format!(
        "--framework {}{}{}{}{}{}{}",
        fw_id,
        args.view
            .as_ref()
            .map(|v| format!(" --view {v}"))
            .unwrap_or_default(),
        args.group_by
            .as_ref()
            .map(|f| format!(" --group-by {f}"))
            .unwrap_or_default(),
        if args.rank { " --rank" } else { "" },
        args.uncertainty
            .map(|n| format!(" --uncertainty {n} --seed {}", args.seed))
            .unwrap_or_default(),
        args.sensitivity
            .map(|n| format!(" --sensitivity {n} --seed {}", args.seed))
            .unwrap_or_default(),
        args.concentration
            .map(|c| format!(" --concentration {c}"))
            .unwrap_or_default(),
    );
    let kept: Vec<&Results> = results.iter().filter(|r| r.framework == fw.id).collect();
    let default_path = |ext: &str| {
        PathBuf::from("reports").join(format!("comparison-{}.{ext}", file_part(&fw.id)))
    };
    let written: Result<Option<PathBuf>, String> = match args.format {
        Format::Json => {
            let doc = compare_json(&comparison, &diagnostics);
            match &args.output {
                None => {
                    print_json(&doc);
                    Ok(None)
                }
                Some(p) => {
                    let text = serde_json::to_string_pretty(&doc).expect("serialisable") + "\n";
                    write_atomic(p, text.as_bytes(), &input_paths)
                        .map(|_| Some(p.clone()))
                        .map_err(|e| format!("cannot write {}: {e}", p.display()))
                }
            }
        }
        Format::Csv | Format::Parquet => {
            let mut df = match comparison_table(fw, &kept, &comparison, &groups, &lang) {
                Ok(df) => df,
                Err(e) => {
                    eprintln!("error: {e}");
                    return EXIT_FATAL;
                }
            };
            let bytes = if args.format == Format::Csv {
                write_csv(&mut df)
            } else {
                write_parquet(&mut df)
            };
            match (bytes, &args.output, args.format) {
                (Err(e), _, _) => Err(e.to_string()),
                (Ok(b), None, Format::Csv) => {
                    use std::io::Write;
                    let _ = std::io::stdout().lock().write_all(&b);
                    Ok(None)
                }
                (Ok(b), out_path, _) => {
                    let p = out_path.clone().unwrap_or_else(|| default_path("parquet"));
                    write_atomic(&p, &b, &input_paths)
                        .map(|_| Some(p.clone()))
                        .map_err(|e| format!("cannot write {}: {e}", p.display()))
                }
            }
        }
        Format::Xlsx => {
            let p = args.output.clone().unwrap_or_else(|| default_path("xlsx"));
            compare_report(
                fw,
                &comparison,
                &diagnostics,
                &CompareReportOptions {
                    lang: lang.clone(),
                    options: options_text,
                    inputs: files,
                },
            )
            .map_err(|e| e.to_string())
            .and_then(|b| {
                write_atomic(&p, &b, &input_paths)
                    .map_err(|e| format!("cannot write {}: {e}", p.display()))
            })
            .map(|_| Some(p))
        }
    };
    match written {
        Err(e) => {
            eprintln!("error: {e}");
            return EXIT_FATAL;
        }
        Ok(Some(p)) if !g.quiet => {
            let scored = comparison
                .units
                .iter()
                .filter(|u| u.overall.is_some())
                .count();
            out!(
                "compared {} assessments of {} {} ({scored} with an overall score): {}",
                comparison.units.len(),
                fw.id,
                fw.version,
                p.display()
            );
        }
        Ok(_) => {}
    }
    let left_out = comparison.diagnostics.iter().any(Diagnostic::is_error)
        || diagnostics.iter().any(Diagnostic::is_error);
    let code = if failed > 0 || any_error || left_out || (g.strict && any_warning) {
        EXIT_INPUT
    } else {
        EXIT_OK
    };
    // The process ends next: leave the memory of thousands of assessments to the system
    // instead of freeing it piece by piece (a measurable share of a large batch).
    std::mem::forget(results);
    code
}
