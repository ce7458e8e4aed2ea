//! `mgi validate FILE... [--framework ID] [--format text|json]`.

use super::inputs::display;
use super::{EXIT_FATAL, EXIT_INPUT, EXIT_OK, Global, TextOrJson, out, print_json};
use mgi::diag::{Diagnostic, DiagnosticJson, counts};
use serde::Serialize;
use std::path::PathBuf;

/// Arguments of `mgi validate`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Workbooks, tables or folders of them.
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
    /// Read against this framework instead of the one named in each file.
    #[arg(long)]
    framework: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: TextOrJson,
}

/// `mgi.validate/1`, one per file.
#[derive(Debug, Serialize)]
pub struct ValidateJson {
    schema: &'static str,
    file: String,
    errors: usize,
    warnings: usize,
    diagnostics: Vec<DiagnosticJson>,
}

/// Runs `mgi validate`.
pub fn run(g: &Global, args: Args) -> i32 {
    if let Err(code) = g.require_valid_rules() {
        return code;
    }
    if let Some(id) = &args.framework
        && let Err(code) = g.framework(Some(id))
    {
        return code;
    }
    // Only what validating needs is kept of each assessment, as soon as it is read: a
    // table of a hundred thousand rows is validated row by row.
    let mgi::intake::Batch { inputs, .. } = match super::inputs::read_batch_with(
        g,
        &args.files,
        args.framework.as_deref(),
        "validating",
        &mgi::intake::Summary::from,
    ) {
        Ok(b) => b,
        Err(code) => return code,
    };
    let mut docs = Vec::new();
    let mut any_error = false;
    let mut any_warning = false;
    let mut unreadable = 0;
    for input in &inputs {
        let file = display(&input.path);
        let diags: Vec<Diagnostic> = match &input.result {
            Ok(list) => list
                .iter()
                .flat_map(|a| a.diagnostics.iter().cloned())
                .collect(),
            Err(e) => {
                unreadable += 1;
                vec![e.diagnostic(&file)]
            }
        };
        let (errors, warnings) = counts(&diags);
        any_error |= errors > 0;
        any_warning |= warnings > 0;
        match args.format {
            TextOrJson::Text => {
                for d in &diags {
                    if d.is_error() || !g.quiet {
                        out!("{d}");
                    }
                }
                if !g.quiet || errors > 0 {
                    let what = match &input.result {
                        Ok(list) if list.len() == 1 => {
                            let a = &list[0];
                            format!(
                                " ({} {} round {}, {} {}, {} answer rows)",
                                a.meta.unit_code,
                                a.meta.period,
                                a.meta.round,
                                a.framework,
                                a.version,
                                a.answers
                            )
                        }
                        Ok(list) => format!(" ({} assessments)", list.len()),
                        Err(_) => String::new(),
                    };
                    out!("{file}: {errors} error(s), {warnings} warning(s){what}");
                }
            }
            TextOrJson::Json => docs.push(ValidateJson {
                schema: "mgi.validate/1",
                file,
                errors,
                warnings,
                diagnostics: diags.iter().map(DiagnosticJson::from).collect(),
            }),
        }
    }
    if args.format == TextOrJson::Json {
        if docs.len() == 1 {
            print_json(&docs[0]);
        } else {
            print_json(&docs);
        }
    }
    if unreadable == inputs.len() {
        EXIT_FATAL
    } else if any_error || (g.strict && any_warning) {
        EXIT_INPUT
    } else {
        EXIT_OK
    }
}
