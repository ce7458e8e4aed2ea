//! `mgi progress OLD NEW [-o OUT] [--format xlsx|json]`.

use super::inputs::display;
use super::{EXIT_FATAL, EXIT_INPUT, EXIT_OK, Global, out, print_json};
use mgi::compare::rounds::{Change, changes};
use mgi::intake::{Assessment, Reader};
use mgi::report::compare_json::progress_json;
use mgi::report::files::file_part;
use mgi::report::progress_report::progress_report;
use mgi::report::write_atomic;
use mgi::results::evaluate;
use std::path::{Path, PathBuf};

/// Output formats of `mgi progress`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// The progress workbook.
    Xlsx,
    /// `mgi.progress/1`.
    Json,
}

/// Arguments of `mgi progress`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The earlier round's workbook.
    old: PathBuf,
    /// The later round's workbook.
    new: PathBuf,
    /// Read both against this framework instead of the one named in the files.
    #[arg(long)]
    framework: Option<String>,
    /// Output file. Default: reports/<UNIT>-<OLD>-to-<NEW>-<FRAMEWORK>-progress.xlsx; json
    /// goes to stdout.
    #[arg(short, long, value_name = "OUT")]
    output: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "xlsx")]
    format: Format,
}

fn read_one(
    g: &Global,
    reader: &Reader,
    path: &Path,
    framework: Option<&str>,
) -> Result<Assessment, i32> {
    match reader.read_path(path, framework) {
        Err(e) => {
            eprintln!("{}", e.diagnostic(&display(path)));
            Err(EXIT_FATAL)
        }
        Ok(list) if list.len() != 1 => {
            eprintln!(
                "error: {} holds {} assessments; expected one workbook per round",
                display(path),
                list.len()
            );
            Err(EXIT_FATAL)
        }
        Ok(mut list) => {
            let a = list.remove(0);
            g.print_diagnostics(&a.diagnostics);
            Ok(a)
        }
    }
}

/// Runs `mgi progress`.
pub fn run(g: &Global, args: Args) -> i32 {
    if let Err(code) = g.require_valid_rules() {
        return code;
    }
    let reader = Reader::new(&g.rules);
    let (old, new) = match (
        read_one(g, &reader, &args.old, args.framework.as_deref()),
        read_one(g, &reader, &args.new, args.framework.as_deref()),
    ) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(c), _) | (_, Err(c)) => return c,
    };
    if old.meta.unit_code != new.meta.unit_code {
        eprintln!(
            "error: {} is about {} but {} is about {}; expected two rounds of the same unit",
            display(&args.old),
            old.meta.unit_code,
            display(&args.new),
            new.meta.unit_code
        );
        return EXIT_FATAL;
    }
    if old.framework != new.framework {
        eprintln!(
            "error: {} uses {} but {} uses {}; expected the same framework (name it with --framework)",
            display(&args.old),
            old.framework,
            display(&args.new),
            new.framework
        );
        return EXIT_FATAL;
    }
    let fw = g.rules.get(&new.framework).expect("known framework");
    let (ro, rn) = (evaluate(fw, &old), evaluate(fw, &new));
    let p = changes(fw, &ro, &rn);
    // C030 (OLD later than NEW) is a warning: the report is still written.
    g.print_diagnostics(&p.diagnostics);
    let inputs = [args.old.as_path(), args.new.as_path()];
    let written = match args.format {
        Format::Json => {
            let doc = progress_json(fw, &ro, &rn, &p);
            match &args.output {
                None => {
                    print_json(&doc);
                    Ok(None)
                }
                Some(path) => write_atomic(
                    path,
                    (serde_json::to_string_pretty(&doc).expect("serialisable") + "\n").as_bytes(),
                    &inputs,
                )
                .map(|_| Some(path.clone())),
            }
        }
        Format::Xlsx => {
            let m = &new.meta;
            let path = args.output.clone().unwrap_or_else(|| {
                PathBuf::from("reports").join(format!(
                    "{}-{}-to-{}-{}-progress.xlsx",
                    mgi::report::files::unit_file_part(&m.unit_code).0,
                    file_part(&old.meta.period),
                    file_part(&m.period),
                    file_part(&fw.id)
                ))
            });
            let lang = mgi::i18n::catalogue::report_language(
                g.lang.as_deref(),
                &[&m.language],
                &fw.languages,
            );
            match progress_report(fw, &ro, &rn, &p, &lang) {
                Ok(bytes) => write_atomic(&path, &bytes, &inputs).map(|_| Some(path)),
                Err(e) => {
                    eprintln!("error: {e}");
                    return EXIT_FATAL;
                }
            }
        }
    };
    match written {
        Err(e) => {
            eprintln!("error: cannot write the output: {e}");
            return EXIT_FATAL;
        }
        Ok(Some(path)) if !g.quiet => {
            let root = p.nodes.iter().find(|n| n.node == fw.root).expect("root");
            let fmt = |x: Option<f64>| {
                x.map(|v| format!("{v:.1}"))
                    .unwrap_or_else(|| "insufficient data".into())
            };
            let count = |c: Change| p.indicators.iter().filter(|i| i.change == c).count();
            out!(
                "{} {} → {} · {}: overall {} → {}; gaps closed {}, opened {}, improved {}, worsened {}",
                new.meta.unit_code,
                old.meta.period,
                new.meta.period,
                fw.id,
                fmt(root.old),
                fmt(root.new),
                count(Change::Closed),
                count(Change::Opened),
                count(Change::Improved),
                count(Change::Worsened)
            );
            out!("  report: {}", path.display());
        }
        Ok(_) => {}
    }
    if old.has_errors() || new.has_errors() {
        EXIT_INPUT
    } else {
        EXIT_OK
    }
}
