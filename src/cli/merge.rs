//! `mgi merge FILE... -o MERGED.xlsx [--prefer FILE|latest] [--format json]`.

use super::inputs::display;
use super::{EXIT_FATAL, EXIT_INPUT, EXIT_OK, Global, out, print_json};
use mgi::diag::Diagnostic;
use mgi::merge::{MergeOptions, Prefer, check_identity, json::merge_json, merge, merged_workbook};
use mgi::report::write_atomic;
use std::path::{Path, PathBuf};

/// Output format of `mgi merge` (the workbook is always written to -o).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A summary on stdout.
    Text,
    /// `mgi.merge/1` on stdout.
    Json,
}

/// Arguments of `mgi merge`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The parts of one assessment (workbooks, or folders of them).
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
    /// The merged workbook (.xlsx).
    #[arg(short, long, value_name = "MERGED.xlsx")]
    output: PathBuf,
    /// Resolve conflicts: the answer of this part, or of the part with the latest
    /// About date (`latest`; equal dates: the one given later).
    #[arg(long, value_name = "FILE|latest")]
    prefer: Option<String>,
    /// Read against this framework instead of the one named in each file.
    #[arg(long)]
    framework: Option<String>,
    /// Output format on stdout.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
}

/// Runs `mgi merge`.
pub fn run(g: &Global, args: Args) -> i32 {
    if args.output.extension().is_none_or(|e| e != "xlsx") {
        eprintln!("error: output {} must end in .xlsx", args.output.display());
        return EXIT_FATAL;
    }
    if let Err(code) = g.require_valid_rules() {
        return code;
    }
    let batch =
        match super::inputs::read_batch(g, &args.files, args.framework.as_deref(), "merging") {
            Ok(b) => b,
            Err(code) => return code,
        };
    // Every part must be read: a merge without one would lose its answers.
    let mut diags: Vec<Diagnostic> = Vec::new();
    let mut parts = Vec::new();
    let mut fatal = false;
    for input in batch.inputs {
        match input.result {
            Ok(list) => {
                for mut a in list {
                    // Repeats (F010) are what a merge is for.
                    a.diagnostics.retain(|d| d.code != mgi::Code::F010);
                    diags.extend(a.diagnostics.iter().cloned());
                    parts.push(a);
                }
            }
            Err(e) => {
                fatal = true;
                diags.push(e.diagnostic(&display(&input.path)));
            }
        }
    }
    let mismatched = check_identity(&parts);
    fatal |= !mismatched.is_empty() || parts.is_empty();
    diags.extend(mismatched);
    let paths: Vec<&Path> = batch.paths.iter().map(PathBuf::as_path).collect();
    let prefer = match args.prefer.as_deref() {
        None => Prefer::Nothing,
        Some("latest") => Prefer::Latest,
        Some(f) => match paths.iter().position(|p| same(p, Path::new(f))) {
            Some(k) => Prefer::Part(k),
            None => {
                eprintln!(
                    "error: --prefer {f} is not one of the parts; expected one of: {}, or latest",
                    paths
                        .iter()
                        .map(|p| display(p))
                        .collect::<Vec<_>>()
                        .join(", ")
                );
                return EXIT_FATAL;
            }
        },
    };
    if fatal {
        g.print_diagnostics(&diags);
        eprintln!(
            "error: nothing is merged: every part must be read and belong to one assessment; {} is not written",
            args.output.display()
        );
        return EXIT_FATAL;
    }
    let fw = match g.framework(Some(&parts[0].framework)) {
        Ok(f) => f,
        Err(code) => return code,
    };
    let opts = MergeOptions {
        prefer,
        lang: g.lang.clone(),
        prefer_text: args.prefer.clone().unwrap_or_default(),
    };
    let merged = merge(fw, &parts, &opts);
    diags.extend(merged.diagnostics.iter().cloned());
    let written = merged_workbook(fw, &merged)
        .map_err(|e| e.to_string())
        .and_then(|bytes| write_atomic(&args.output, &bytes, &paths).map_err(|e| e.to_string()));
    if let Err(e) = written {
        eprintln!("error: cannot write {}: {e}", args.output.display());
        return EXIT_FATAL;
    }
    let identity = parts[0].identity();
    match args.format {
        Format::Json => {
            g.print_diagnostics(&[]);
            print_json(&merge_json(
                &identity,
                &merged,
                Some(display(&args.output)),
                &diags,
            ));
        }
        Format::Text => {
            g.print_diagnostics(&diags);
            if !g.quiet {
                out!(
                    "wrote {} ({} {} round {}, {} {}: {} parts, {} answers, {} conflicts, {} unresolved)",
                    args.output.display(),
                    identity.0,
                    identity.1,
                    identity.2,
                    identity.3,
                    identity.4,
                    parts.len(),
                    merged.sources.len(),
                    merged.conflicts.len(),
                    merged.unresolved()
                );
            }
        }
    }
    let errors = diags.iter().any(Diagnostic::is_error);
    let warnings = diags.iter().any(|d| !d.is_error());
    if errors || merged.unresolved() > 0 || (g.strict && warnings) {
        EXIT_INPUT
    } else {
        EXIT_OK
    }
}

/// Whether two paths name the same file (as given, or once made canonical).
fn same(a: &Path, b: &Path) -> bool {
    a == b || matches!((a.canonicalize(), b.canonicalize()), (Ok(x), Ok(y)) if x == y)
}
