//! `mgi generate --count N --framework ID --seed S --out DIR` (hidden): synthetic filled
//! workbooks for fictional countries, for demonstrations and benchmarks.

use super::{EXIT_FATAL, EXIT_OK, Global, out};
use crate::synth::{AnswerStyle, SynthOptions, synthetic, unit_code};
use mgi::template::{TemplateOptions, template_workbook};
use rayon::prelude::*;
use std::path::PathBuf;

/// Arguments of `mgi generate`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Number of workbooks (at most 1,092: the ISO user-assigned codes).
    #[arg(long)]
    count: usize,
    /// Framework id (default: the bundled default).
    #[arg(long)]
    framework: Option<String>,
    /// Seed.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Output folder.
    #[arg(long)]
    out: PathBuf,
    /// Period written in the workbooks.
    #[arg(long, default_value = "2026")]
    period: String,
}

/// Runs `mgi generate`.
pub fn run(g: &Global, args: Args) -> i32 {
    let fw = match g.framework(args.framework.as_deref()) {
        Ok(f) => f,
        Err(code) => return code,
    };
    if unit_code(args.count.saturating_sub(1)).is_none() {
        eprintln!(
            "error: --count {} is more than the 1,092 user-assigned codes available for fictional countries",
            args.count
        );
        return EXIT_FATAL;
    }
    if let Err(e) = std::fs::create_dir_all(&args.out) {
        eprintln!("error: cannot create {}: {e}", args.out.display());
        return EXIT_FATAL;
    }
    let results: Vec<Result<(), String>> = (0..args.count)
        .into_par_iter()
        .map(|i| {
            // Realistic variety: languages and answer styles rotate; some blanks,
            // not-applicables and don't-knows.
            let lang = fw.languages[i % fw.languages.len()].clone();
            let style = match i % 7 {
                0 => AnswerStyle::Messy,
                1 | 2 => AnswerStyle::Codes,
                _ => match lang.as_str() {
                    "fr" => AnswerStyle::Labels("fr"),
                    "es" => AnswerStyle::Labels("es"),
                    _ => AnswerStyle::Labels("en"),
                },
            };
            let o = SynthOptions {
                style,
                blank: 0.02,
                not_applicable: 0.02,
                dont_know: 0.02,
                period: args.period.clone(),
                ..SynthOptions::clean(args.seed, i)
            };
            let prefill = synthetic(fw, &o);
            let code = unit_code(i).expect("checked count");
            let path = args.out.join(format!(
                "{code}-{}-{}.xlsx",
                args.period.replace('/', "-"),
                fw.id
            ));
            template_workbook(fw, &TemplateOptions { lang, prefill })
                .map_err(|e| e.to_string())
                .and_then(|(b, _)| {
                    std::fs::write(&path, b).map_err(|e| format!("{}: {e}", path.display()))
                })
        })
        .collect();
    let errors: Vec<String> = results.into_iter().filter_map(Result::err).collect();
    for e in &errors {
        eprintln!("error: {e}");
    }
    if !g.quiet {
        out!(
            "wrote {} synthetic {} workbooks to {}",
            args.count - errors.len(),
            fw.id,
            args.out.display()
        );
    }
    if errors.is_empty() {
        EXIT_OK
    } else {
        EXIT_FATAL
    }
}
