//! The library embedded with no command line: `examples/score_report.rs` (included
//! here) reads a fixture, scores it and writes its gap report and JSON through the
//! public API alone; what it writes matches what `mgi score` writes.

#[path = "../../examples/score_report.rs"]
#[allow(dead_code)]
mod score_report;

use crate::harness::{mgi_in, root, tmp};
use calamine::Reader as _;

#[test]
fn the_example_scores_and_reports_through_the_library_alone() {
    let dir = tmp();
    let input = root().join("fixtures/XAA-2026-micic.xlsx");
    let files = score_report::score_report(&input, &dir.path().join("out")).unwrap();
    let names: Vec<String> = files
        .iter()
        .map(|f| f.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        [
            "XAA-2026-micic-gap-report.xlsx",
            "XAA-2026-micic-score.json"
        ]
    );

    // The JSON is the command line's, value for value.
    let ours: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&files[1]).unwrap()).unwrap();
    let cli = mgi_in(
        dir.path(),
        &["score", input.to_str().unwrap(), "--format", "json"],
    );
    assert_eq!(cli.code, 0, "{}", cli.stderr);
    assert_eq!(ours, cli.json());
    assert_eq!(ours["assessment"]["unit"]["code"], "XAA");

    // The report has the sheets of the command line's report, in the same order.
    let cli_report = dir.path().join("cli.xlsx");
    let run = mgi_in(
        dir.path(),
        &[
            "score",
            input.to_str().unwrap(),
            "-o",
            cli_report.to_str().unwrap(),
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let sheets = |p: &std::path::Path| {
        calamine::open_workbook_auto(p)
            .unwrap()
            .sheet_names()
            .to_vec()
    };
    let ours = sheets(&files[0]);
    assert!(ours.len() > 3, "{ours:?}");
    assert_eq!(ours, sheets(&cli_report));
}

#[test]
fn the_example_reports_a_file_it_cannot_read_as_an_error() {
    let dir = tmp();
    let err = score_report::score_report(&dir.path().join("missing.xlsx"), dir.path()).unwrap_err();
    assert!(matches!(err, mgi::Error::Intake { .. }), "{err}");
    assert!(err.to_string().contains("missing.xlsx"), "{err}");
}
