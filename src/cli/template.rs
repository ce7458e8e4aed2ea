//! `mgi template [--framework ID] [--lang CODE] -o FILE.xlsx`, and the parts of an
//! assessment: `--split-by stakeholder -o DIR`, `--assign FILE.csv -o DIR`,
//! `--only IDS --contributor NAME -o FILE.xlsx`.

use super::{EXIT_FATAL, EXIT_OK, Global, out};
use mgi::merge::split;
use mgi::report::write_atomic;
use mgi::template::{Prefill, TemplateOptions, template_workbook};
use std::path::PathBuf;

/// How a template is split into parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SplitBy {
    /// One part per lead government body: each indicator's first stakeholder whose
    /// catalogue entry is a government body.
    Stakeholder,
}

/// Arguments of `mgi template`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Framework id (default: the bundled default).
    #[arg(long)]
    framework: Option<String>,
    /// Output workbook (.xlsx); a folder with --split-by or --assign.
    #[arg(short, long, value_name = "FILE.xlsx|DIR")]
    output: PathBuf,
    /// Write one part per contributing body into the folder -o.
    #[arg(long, value_enum, conflicts_with_all = ["assign", "only"])]
    split_by: Option<SplitBy>,
    /// Split by this mapping of indicator or node ids to bodies (lines of `id,body`).
    #[arg(long, value_name = "FILE.csv", conflicts_with = "only")]
    assign: Option<PathBuf>,
    /// Write one part holding only these indicators (ids of indicators or nodes,
    /// separated by commas); needs --contributor.
    #[arg(long, value_name = "IDS|NODE", requires = "contributor")]
    only: Option<String>,
    /// The body that fills this workbook (its About `contributor` field).
    #[arg(long, value_name = "NAME")]
    contributor: Option<String>,
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
    let split = args.split_by.is_some() || args.assign.is_some();
    if !split && args.output.extension().is_none_or(|e| e != "xlsx") {
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
    if let Some(c) = &args.contributor {
        prefill
            .about
            .insert(mgi::layout::CONTRIBUTOR.key.into(), c.clone());
    }
    if let Some(spec) = &args.only {
        match split::only(fw, spec) {
            Ok(set) => prefill.only = Some(set),
            Err(unknown) => {
                eprintln!(
                    "error: --only {spec}: {} not an indicator or node of {} {}; expected ids as `mgi rules show {}` lists them",
                    unknown.join(", "),
                    fw.id,
                    fw.version,
                    fw.id
                );
                return EXIT_FATAL;
            }
        }
    }
    let opts = TemplateOptions { lang, prefill };
    if split {
        return parts(g, fw, &args, &opts);
    }
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

/// Writes one part per body into the folder `-o`.
fn parts(g: &Global, fw: &mgi::Framework, args: &Args, opts: &TemplateOptions) -> i32 {
    let parts = match &args.assign {
        Some(file) => {
            let name = file.display().to_string();
            let bytes = match std::fs::read(file) {
                Ok(b) => b,
                Err(e) => {
                    eprintln!("error: cannot read {name}: {e}");
                    return EXIT_FATAL;
                }
            };
            let text = match mgi::intake::text::decode(&bytes) {
                Ok(t) => t.text.into_owned(),
                Err(e) => {
                    eprintln!(
                        "error: {name}: line {}, byte {}: not text; expected a csv file in UTF-8",
                        e.line, e.column
                    );
                    return EXIT_FATAL;
                }
            };
            let (parts, diags) = split::assign(fw, &name, &text, &opts.lang);
            g.print_diagnostics(&diags);
            if diags.iter().any(|d| d.is_error()) {
                eprintln!("error: {name} has errors; no part is written");
                return EXIT_FATAL;
            }
            parts
        }
        None => split::by_stakeholder(fw, &opts.lang),
    };
    let files = match split::part_templates(fw, opts, &parts) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("error: {e}");
            return EXIT_FATAL;
        }
    };
    if let Err(e) = std::fs::create_dir_all(&args.output) {
        eprintln!("error: cannot create {}: {e}", args.output.display());
        return EXIT_FATAL;
    }
    for ((name, bytes, _), part) in files.iter().zip(&parts) {
        let path = args.output.join(name);
        if let Err(e) = write_atomic(&path, bytes, &[]) {
            eprintln!("error: cannot write {}: {e}", path.display());
            return EXIT_FATAL;
        }
        if !g.quiet {
            let n = part.indicators.len();
            out!(
                "wrote {} ({}: {n} indicator{})",
                path.display(),
                part.contributor,
                if n == 1 { "" } else { "s" }
            );
        }
    }
    if !g.quiet {
        let dir = args.output.display().to_string();
        let dir = dir.trim_end_matches('/');
        out!(
            "{} parts of {} {} in {dir}; merge them with `mgi merge {dir}/*.xlsx -o MERGED.xlsx`",
            parts.len(),
            fw.id,
            fw.version,
        );
    }
    EXIT_OK
}
