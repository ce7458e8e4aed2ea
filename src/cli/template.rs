//! `mgi template [--framework ID] [--lang CODE] -o FILE.xlsx`.

use super::{EXIT_FATAL, EXIT_OK, Global, out};
use mgi::report::write_atomic;
use mgi::template::{Prefill, TemplateOptions, template_workbook};
use std::path::PathBuf;

/// Arguments of `mgi template`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Framework id (default: the bundled default).
    #[arg(long)]
    framework: Option<String>,
    /// Output workbook (.xlsx).
    #[arg(short, long, value_name = "FILE.xlsx")]
    output: PathBuf,
    /// Prefill the country or unit code (ISO 3166 alpha-3 for a country).
    #[arg(long, value_name = "CODE")]
    unit: Option<String>,
    /// Prefill the country or unit name.
    #[arg(long, value_name = "NAME")]
    unit_name: Option<String>,
    /// Prefill the period (a year or a span such as 2025/2026).
    #[arg(long)]
    period: Option<String>,
    /// Prefill the assessment round.
    #[arg(long)]
    round: Option<String>,
}

/// Runs `mgi template`.
pub fn run(g: &Global, args: Args) -> i32 {
    let fw = match g.framework(args.framework.as_deref()) {
        Ok(f) => f,
        Err(code) => return code,
    };
    let lang = g.lang.clone().unwrap_or_else(|| fw.languages[0].clone());
    if !fw.languages.contains(&lang) {
        eprintln!(
            "error: framework \"{}\" does not carry language \"{lang}\"; expected one of: {}",
            fw.id,
            fw.languages.join(", ")
        );
        return EXIT_FATAL;
    }
    if args.output.extension().is_none_or(|e| e != "xlsx") {
        eprintln!("error: output {} must end in .xlsx", args.output.display());
        return EXIT_FATAL;
    }
    let mut prefill = Prefill::default();
    for (key, v) in [
        ("unit_code", &args.unit),
        ("unit_name", &args.unit_name),
        ("period", &args.period),
        ("round", &args.round),
    ] {
        if let Some(v) = v {
            prefill.about.insert(key.to_string(), v.clone());
        }
    }
    if args.unit.is_some() {
        prefill.about.insert("unit_level".into(), "country".into());
    }
    let opts = TemplateOptions { lang, prefill };
    let bytes = template_workbook(fw, &opts);
    let (bytes, info) = match bytes {
        Ok(x) => x,
        Err(e) => {
            eprintln!("error: {e}");
            return EXIT_FATAL;
        }
    };
    if let Err(e) = write_atomic(&args.output, &bytes, &[]) {
        eprintln!("error: cannot write {}: {e}", args.output.display());
        return EXIT_FATAL;
    }
    if !g.quiet {
        out!(
            "wrote {} ({} {}, {} answer rows, language {})",
            args.output.display(),
            fw.id,
            fw.version,
            info.answer_rows,
            opts.lang
        );
        if !info.untranslated.is_empty() {
            out!(
                "note: {} texts are not translated into {} and are shown in {}",
                info.untranslated.len(),
                opts.lang,
                fw.languages[0]
            );
        }
    }
    EXIT_OK
}
