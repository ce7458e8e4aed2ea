//! The library alone, with no command line: read a filled workbook, score it, and write
//! its gap report (xlsx) and its `mgi.score/1` JSON.
//!
//! ```sh
//! cargo run --example score_report -- fixtures/XAA-2026-micic.xlsx OUT_DIR
//! ```
//!
//! CI runs it on the fixture, and a test (`tests/it/embed.rs`) calls [`score_report`]
//! and reads what it wrote.

use mgi::{Reader, ReportOptions, Rules};
use std::path::{Path, PathBuf};

/// Reads `input`, scores each assessment in it against the bundled frameworks and
/// writes `<UNIT>-<PERIOD>-<FRAMEWORK>-gap-report.xlsx` and `...-score.json` into
/// `out_dir`. Returns the files written, and prints the diagnostics of the input.
pub fn score_report(input: &Path, out_dir: &Path) -> mgi::Result<Vec<PathBuf>> {
    let rules = Rules::bundled();
    let assessments = Reader::new(&rules)
        .read_path(input, None)
        .map_err(|source| mgi::Error::Intake {
            file: input.display().to_string(),
            source,
        })?;
    std::fs::create_dir_all(out_dir).map_err(|source| mgi::Error::Write {
        path: out_dir.to_path_buf(),
        source,
    })?;
    let mut written = Vec::new();
    for assessment in &assessments {
        for d in &assessment.diagnostics {
            eprintln!("{d}");
        }
        let fw = rules
            .get(&assessment.framework)
            .ok_or_else(|| mgi::Error::UnknownFramework {
                id: assessment.framework.clone(),
                known: rules.frameworks.iter().map(|f| f.id.clone()).collect(),
            })?;
        let results = mgi::evaluate(fw, assessment);
        let lang = mgi::i18n::catalogue::report_language(
            None,
            &[assessment.meta.language.as_str()],
            &fw.languages,
        );
        let stem = format!(
            "{}-{}-{}",
            mgi::report::files::file_part(results.unit_code()),
            mgi::report::files::file_part(results.period()),
            fw.id
        );
        let opts = ReportOptions {
            lang,
            format: "xlsx".into(),
            file: None,
        };
        let report = mgi::gap_report(fw, &results, &opts)?;
        let json = serde_json::to_vec_pretty(&mgi::score_json(fw, &results)).map_err(|source| {
            mgi::Error::Json {
                what: "score".into(),
                source,
            }
        })?;
        for (name, bytes) in [
            (format!("{stem}-gap-report.xlsx"), report),
            (format!("{stem}-score.json"), json),
        ] {
            let path = out_dir.join(name);
            std::fs::write(&path, bytes).map_err(|source| mgi::Error::Write {
                path: path.clone(),
                source,
            })?;
            written.push(path);
        }
        let overall = results.overall();
        println!(
            "{} {} · {}: overall {}, coverage {:.0}%, {} gaps",
            results.unit_code(),
            results.period(),
            fw.id,
            overall
                .score
                .map(|s| format!("{:.1}", s * 100.0))
                .unwrap_or_else(|| "none".into()),
            overall.coverage * 100.0,
            results.gaps.len()
        );
    }
    Ok(written)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let input = args
        .first()
        .map(String::as_str)
        .unwrap_or("fixtures/XAA-2026-micic.xlsx");
    let out = args.get(1).map(String::as_str).unwrap_or("reports");
    match score_report(Path::new(input), Path::new(out)) {
        Ok(files) => {
            for f in files {
                println!("wrote {}", f.display());
            }
        }
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(2);
        }
    }
}
