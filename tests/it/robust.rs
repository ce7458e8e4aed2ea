//! The command line with inputs that used to crash, hang or lose things: a named pipe, a
//! reader that fails inside a batch, unit codes that make bad file names, texts longer
//! than a cell, reports that cannot be written.

use crate::harness::{mgi_in, tmp};
use calamine::{Reader as _, open_workbook_auto};
use std::path::Path;
use std::time::{Duration, Instant};

/// Runs `mgi` in `dir`, killing it after `limit` (a hang fails the test instead of
/// blocking it).
fn mgi_within(dir: &Path, args: &[&str], limit: Duration) -> crate::harness::Run {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_mgi"))
        .args(args)
        .current_dir(dir)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            panic!("mgi {args:?} did not finish within {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    crate::harness::Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

#[test]
fn a_named_pipe_is_reported_not_waited_for() {
    let dir = tmp();
    let p = dir.path().join("inbox.csv");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&p)
            .status()
            .unwrap()
            .success()
    );
    let run = mgi_within(
        dir.path(),
        &["validate", "inbox.csv"],
        Duration::from_secs(20),
    );
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(
        run.stdout.contains("error[F011] inbox.csv: not a regular file (a named pipe); expected a workbook or csv file: it is not opened"),
        "{}",
        run.stdout
    );
    // In a folder too: the pipe is named and the rest is read.
    std::fs::copy(
        crate::harness::root().join("fixtures/countries-sdg-10-7-2.csv"),
        dir.path().join("countries.csv"),
    )
    .unwrap();
    let run = mgi_within(dir.path(), &["validate", "."], Duration::from_secs(20));
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(
        run.stdout.contains("./countries.csv: 0 error(s)"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("error[F011] ./inbox.csv"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_reader_that_fails_on_one_file_does_not_stop_a_batch() {
    use crate::hostile::build::*;
    let dir = tmp();
    let rows = vec![
        (
            0,
            vec![(0, Bin::Text("ID".into())), (1, Bin::Text("Answer".into()))],
        ),
        (
            1,
            vec![(0, Bin::Text("PD_1.a".into())), (1, Bin::Shared(9))],
        ),
    ];
    let broken = xlsb(
        &[("Assessment", xlsb_sheet(&dim(0, 1, 0, 1), &rows))],
        Some(xlsb_strings(1, &["yes"])),
    );
    std::fs::write(dir.path().join("a-broken.xlsb"), broken).unwrap();
    for f in ["XAA-2026-sdg-10-7-2.xlsx", "XAB-2026-sdg-10-7-2.xlsx"] {
        std::fs::copy(
            crate::harness::root().join("fixtures").join(f),
            dir.path().join(f),
        )
        .unwrap();
    }
    let run = mgi_in(
        dir.path(),
        &[
            "compare",
            ".",
            "--format",
            "json",
            "--framework",
            "sdg-10-7-2",
        ],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("error[F015] ./a-broken.xlsb: the xlsb reader failed on this file (index out of bounds: the len is 1 but the index is 9 at calamine-0.38.0/src/xlsb/cells_reader.rs:"),
        "{}",
        run.stderr
    );
    assert!(
        !run.stderr.contains("panicked") && !run.stderr.contains("thread '"),
        "{}",
        run.stderr
    );
    let j = run.json();
    assert_eq!(j["units"].as_array().unwrap().len(), 2);
}

#[test]
fn csv_diagnostics_keep_their_line_and_column_in_score_json() {
    let dir = tmp();
    std::fs::write(
        dir.path().join("t.csv"),
        "country,year,PD_1.a\r\nXAA,2026,yes\r\nXAB,2026,maybe\r\n",
    )
    .unwrap();
    let run = mgi_in(dir.path(), &["score", "t.csv", "--format", "json"]);
    let j = run.json();
    let d = j[1]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "W020")
        .cloned()
        .unwrap();
    assert_eq!(
        (d["file"].as_str(), d["line"].as_u64(), d["column"].as_u64()),
        (Some("t.csv"), Some(3), Some(3))
    );
}

/// A table of units whose codes make bad file names, and one long text.
fn awkward_table() -> String {
    let long_code = "X".repeat(300);
    let mut t = String::from("country,year,PD_1.a,PD_1.a evidence\n");
    for code in ["X/A", "X A", "X.A", "X-A", "国家", long_code.as_str()] {
        t.push_str(&format!("\"{code}\",2026,yes,Law\n"));
    }
    t.push_str(&format!("XAA,2026,yes,{}\n", "e".repeat(40_000)));
    t
}

#[test]
fn reports_never_collide_and_long_texts_are_clipped_with_a_warning() {
    let dir = tmp();
    std::fs::write(dir.path().join("t.csv"), awkward_table()).unwrap();
    let run = mgi_in(dir.path(), &["score", "t.csv", "-o", "new/folder/"]);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    let mut names: Vec<String> = std::fs::read_dir(dir.path().join("new/folder"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names.len(), 7, "{names:?}");
    let hash = |code: &str| mgi::report::files::short_hash(code);
    for (code, base) in [("X/A", "X-A"), ("X A", "X-A"), ("国家", "unknown")] {
        let want = format!("{base}-{}-2026-sdg-10-7-2-gap-report.xlsx", hash(code));
        assert!(names.contains(&want), "{want} not in {names:?}");
        assert!(
            run.stdout.contains(&format!(
                "unit code \"{code}\" is written \"{base}-{}\"",
                hash(code)
            )),
            "{}",
            run.stdout
        );
    }
    assert!(names.contains(&"X.A-2026-sdg-10-7-2-gap-report.xlsx".to_string()));
    assert!(names.contains(&"X-A-2026-sdg-10-7-2-gap-report.xlsx".to_string()));
    assert!(names.contains(&"XAA-2026-sdg-10-7-2-gap-report.xlsx".to_string()));
    assert!(names.iter().all(|n| n.len() < 120), "{names:?}");
    // Ordinary permissions.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(
            dir.path()
                .join("new/folder/XAA-2026-sdg-10-7-2-gap-report.xlsx"),
        )
        .unwrap()
        .permissions()
        .mode();
        assert_eq!(mode & 0o777, 0o644, "{mode:o}");
    }
    // The clipped text is named with its cell and length; the report holds 32,767.
    assert!(
        run.stderr.contains("warning[W052] new/folder/XAA-2026-sdg-10-7-2-gap-report.xlsx Responses!H2: the text of this cell is 40,000 characters long; the workbook holds its first 32,767 (Excel's limit per cell)"),
        "{}",
        run.stderr
    );
    let mut wb = open_workbook_auto(
        dir.path()
            .join("new/folder/XAA-2026-sdg-10-7-2-gap-report.xlsx"),
    )
    .unwrap();
    let responses = wb.worksheet_range("Responses").unwrap();
    assert_eq!(
        responses
            .get_value((1, 7))
            .unwrap()
            .to_string()
            .chars()
            .count(),
        32_767
    );
    // The report of an awkward code says how its file is named.
    let awkward = format!("X-A-{}-2026-sdg-10-7-2-gap-report.xlsx", hash("X/A"));
    let mut wb = open_workbook_auto(dir.path().join("new/folder").join(&awkward)).unwrap();
    let about = wb.worksheet_range("About").unwrap();
    let note = about
        .rows()
        .find(|r| r[0] == "Report file")
        .map(|r| r[1].to_string())
        .unwrap();
    assert!(note.contains("unit code \"X/A\" is written"), "{note}");
    // The JSON keeps the whole text.
    let run = mgi_in(dir.path(), &["score", "t.csv", "--format", "json"]);
    let j = run.json();
    assert!(
        j.as_array()
            .unwrap()
            .iter()
            .any(|d| d["assessment"]["unit"]["code"] == "XAA")
    );
}

#[test]
fn a_report_that_cannot_be_written_does_not_stop_the_others() {
    let dir = tmp();
    std::fs::write(
        dir.path().join("t.csv"),
        "country,year,PD_1.a\nXAA,2026,yes\nXAB,2026,no\nXAC,2026,yes\n",
    )
    .unwrap();
    // Where XAB's report would go, a folder stands in the way.
    std::fs::create_dir_all(dir.path().join("out/XAB-2026-sdg-10-7-2-gap-report.xlsx")).unwrap();
    let run = mgi_in(dir.path(), &["score", "t.csv", "-o", "out"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("error: the report of XAB 2026 is not written: cannot write out/XAB-2026-sdg-10-7-2-gap-report.xlsx"), "{}", run.stderr);
    for ok in ["XAA", "XAC"] {
        assert!(
            dir.path()
                .join(format!("out/{ok}-2026-sdg-10-7-2-gap-report.xlsx"))
                .is_file(),
            "{ok}"
        );
    }
    // A folder that cannot be made is said so.
    std::fs::write(dir.path().join("blocker"), "a file").unwrap();
    let run = mgi_in(dir.path(), &["score", "t.csv", "-o", "blocker/reports/"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("error: cannot create the folder blocker/reports/ for the reports"),
        "{}",
        run.stderr
    );
}

#[test]
fn an_unanswered_workbook_is_an_error_but_still_gets_its_report() {
    let dir = tmp();
    let rules = mgi::rules::Rules::bundled();
    let fw = rules.get("sdg-10-7-2").unwrap();
    let mut prefill = mgi::template::Prefill::default();
    for (k, v) in [("unit_code", "XAA"), ("period", "2026"), ("round", "1")] {
        prefill.about.insert(k.into(), v.into());
    }
    let (bytes, _) = mgi::template::template_workbook(
        fw,
        &mgi::template::TemplateOptions {
            lang: "en".into(),
            prefill,
        },
    )
    .unwrap();
    std::fs::write(dir.path().join("blank.xlsx"), bytes).unwrap();
    let run = mgi_in(dir.path(), &["validate", "blank.xlsx"]);
    assert_eq!(run.code, 1);
    assert!(run.stdout.contains("error[W042] blank.xlsx sheet Assessment: the workbook answers no indicator (30 answer rows, all blank); expected at least one answer: nothing can be scored yet"), "{}", run.stdout);
    let run = mgi_in(dir.path(), &["score", "blank.xlsx"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        dir.path()
            .join("reports/XAA-2026-sdg-10-7-2-gap-report.xlsx")
            .is_file()
    );
}
