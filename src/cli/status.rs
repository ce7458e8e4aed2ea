//! `mgi status FILE... [--format text|json]`.

use super::inputs::display;
use super::{EXIT_FATAL, EXIT_INPUT, EXIT_OK, Global, TextOrJson, out, print_json};
use mgi::diag::Diagnostic;
use mgi::merge::json::status_json;
use mgi::merge::status::{AssessmentStatus, Completion, group_by_identity, status};
use std::path::PathBuf;

/// Arguments of `mgi status`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Parts of assessments, merged workbooks, or folders of them.
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
    /// Read against this framework instead of the one named in each file.
    #[arg(long)]
    framework: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: TextOrJson,
}

/// Runs `mgi status`.
pub fn run(g: &Global, args: Args) -> i32 {
    if let Err(code) = g.require_valid_rules() {
        return code;
    }
    let batch =
        match super::inputs::read_batch(g, &args.files, args.framework.as_deref(), "reading") {
            Ok(b) => b,
            Err(code) => return code,
        };
    let mut diags: Vec<Diagnostic> = Vec::new();
    let mut all = Vec::new();
    for input in batch.inputs {
        match input.result {
            Ok(list) => all.extend(list),
            Err(e) => diags.push(e.diagnostic(&display(&input.path))),
        }
    }
    let mut out_list: Vec<AssessmentStatus> = Vec::new();
    for group in group_by_identity(all) {
        let Some(fw) = g.rules.get(&group[0].framework) else {
            continue;
        };
        out_list.push(status(fw, &group));
    }
    match args.format {
        TextOrJson::Json => print_json(&status_json(&out_list, &diags)),
        TextOrJson::Text => {
            g.print_diagnostics(&diags);
            for s in &out_list {
                if let Some(fw) = g.rules.get(&s.identity.3) {
                    print_text(fw, g.lang.as_deref().unwrap_or("en"), s);
                }
            }
        }
    }
    if out_list.is_empty() {
        EXIT_FATAL
    } else if diags.iter().any(Diagnostic::is_error) {
        EXIT_INPUT
    } else {
        EXIT_OK
    }
}

fn share(c: &Completion) -> String {
    format!(
        "{}/{} answered ({:.0} %), {} don't know, {} invalid, {} missing",
        c.answered,
        c.indicators,
        c.share() * 100.0,
        c.dont_know,
        c.invalid,
        c.missing
    )
}

/// An area as the text names it: its id and its title (`D1 Migrants' rights`).
fn area(fw: &mgi::Framework, lang: &str, id: &str) -> String {
    match fw.node_index(id) {
        Some(k) => format!("{id} {}", fw.text(&fw.nodes[k].label, lang)),
        None => id.to_string(),
    }
}

fn print_text(fw: &mgi::Framework, lang: &str, s: &AssessmentStatus) {
    let (u, p, r, f, v) = &s.identity;
    out!("{u} {p} round {r}, {f} {v}");
    for part in &s.parts {
        out!(
            "  {} ({}): {}",
            part.contributor,
            part.file,
            share(&part.total)
        );
        for a in &part.areas {
            out!("    {}: {}", area(fw, lang, &a.node), share(&a.completion));
        }
    }
    out!(
        "  merged assessment: {}; {} unresolved conflicts",
        share(&s.whole.total),
        s.whole.conflicts
    );
    for a in &s.whole.areas {
        out!("    {}: {}", area(fw, lang, &a.node), share(&a.completion));
    }
    for (who, n) in &s.whole.contributors {
        out!("    answered by {who}: {n}");
    }
}
