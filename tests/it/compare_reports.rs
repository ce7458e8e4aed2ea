//! The comparison and progress workbooks read back: page setup, charts and what their
//! series read, the uncertainty note against the JSON, peers by hand, the least-met
//! order against the library's, the Contents sheet's links, the About sheet's inputs,
//! the report language in every cell, and the OLD-later-than-NEW warning.

use crate::compare::{four, generate, write_sdg};
use crate::harness::{mgi_in, tmp};
use crate::xlsx::{Package, attr, tags, texts};
use calamine::{Data, Range, Reader as _};
use mgi::compare::{CompareOptions, compare};
use mgi::i18n::catalogue::{Entry, catalogue, number};
use mgi::report::compare_report::{CompareReportOptions, compare_report};
use mgi::rules::Rules;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// A comparison of `n` generated MGI workbooks with every option, as a workbook in
/// `lang` and as JSON.
fn comparison(dir: &Path, n: usize, lang: &str) -> (PathBuf, Value, String) {
    let wb = generate(dir, n, "mgi");
    let opts = [
        "--uncertainty",
        "200",
        "--sensitivity",
        "40",
        "--seed",
        "3",
        "--rank",
        "--group-by",
        "region",
    ];
    let out = dir.join(format!("cmp-{lang}.xlsx"));
    let mut args = vec![
        "compare",
        wb.as_str(),
        "-o",
        out.to_str().unwrap(),
        "--lang",
        lang,
    ];
    args.extend(opts);
    let run = mgi_in(dir, &args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut args = vec!["compare", wb.as_str(), "--format", "json"];
    args.extend(opts);
    let run = mgi_in(dir, &args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    (out, run.json(), wb)
}

fn range(path: &Path, sheet: &str) -> Range<Data> {
    let mut wb = calamine::open_workbook_auto(path).unwrap();
    wb.worksheet_range(sheet)
        .unwrap_or_else(|e| panic!("{sheet}: {e}"))
}

fn text(r: &Range<Data>, row: u32, col: u32) -> String {
    r.get_value((row, col))
        .map(|v| v.to_string())
        .unwrap_or_default()
}

fn num(r: &Range<Data>, row: u32, col: u32) -> Option<f64> {
    match r.get_value((row, col)) {
        Some(Data::Float(x)) => Some(*x),
        Some(Data::Int(x)) => Some(*x as f64),
        _ => None,
    }
}

/// Asserts a cell holds the JSON's number, to the precision a workbook cell stores.
#[track_caller]
fn assert_close(cell: Option<f64>, json: Option<f64>) {
    match (cell, json) {
        (Some(a), Some(b)) => assert!((a - b).abs() <= 1e-9 * b.abs().max(1.0), "{a} vs {b}"),
        (a, b) => assert_eq!(a, b),
    }
}

/// The first row whose cells from column 0 start with `cells`.
fn find_row(r: &Range<Data>, cells: &[&str]) -> u32 {
    (0..r.height() as u32)
        .find(|&row| {
            cells
                .iter()
                .enumerate()
                .all(|(c, v)| text(r, row, c as u32) == *v)
        })
        .unwrap_or_else(|| panic!("no row starting {cells:?}"))
}

/// Column letters of a 0-based index.
fn col_name(c: u32) -> String {
    let mut n = c + 1;
    let mut s = String::new();
    while n > 0 {
        s.insert(0, (b'A' + ((n - 1) % 26) as u8) as char);
        n = (n - 1) / 26;
    }
    s
}

/// Column widths of a sheet, by 0-based column.
fn widths(pkg: &Package, sheet: &str) -> Vec<(u32, f64)> {
    tags(pkg.sheet(sheet), "col")
        .into_iter()
        .flat_map(|t| {
            let (a, b): (u32, u32) = (
                attr(t, "min").unwrap().parse().unwrap(),
                attr(t, "max").unwrap().parse().unwrap(),
            );
            let w: f64 = attr(t, "width").unwrap().parse().unwrap();
            (a..=b).map(move |c| (c - 1, w))
        })
        .collect()
}

#[test]
fn comparison_workbook_prints_charts_and_explains_in_english() {
    let dir = tmp();
    let (path, j, _) = comparison(dir.path(), 8, "en");
    let pkg = Package::open(&path);
    assert_eq!(
        pkg.sheet_names(),
        [
            "Matrix",
            "Contents",
            "Statistics",
            "Peers",
            "Indicators",
            "Uncertainty",
            "Sensitivity",
            "Diagnostics",
            "About"
        ]
    );

    // Matrix: every column on the width of one page, landscape; headers wrap between
    // words (each column at least as wide as the longest word of its header).
    let xml = pkg.sheet("Matrix");
    assert!(
        tags(xml, "pageSetUpPr")
            .iter()
            .any(|t| attr(t, "fitToPage").as_deref() == Some("1")),
        "no fit to page"
    );
    let setup = tags(xml, "pageSetup")[0];
    assert_eq!(attr(setup, "fitToHeight").as_deref(), Some("0"), "{setup}");
    assert_eq!(attr(setup, "orientation").as_deref(), Some("landscape"));
    assert!(
        attr(setup, "fitToWidth").is_none_or(|w| w == "1"),
        "{setup}"
    );
    let m = range(&path, "Matrix");
    let width = widths(&pkg, "Matrix");
    let overall = (0..m.width() as u32)
        .find(|&c| text(&m, 0, c) == "Overall")
        .unwrap();
    for c in 0..=overall + 2 {
        let h = text(&m, 0, c);
        let longest = h.split(' ').map(|w| w.chars().count()).max().unwrap();
        let w = width.iter().find(|x| x.0 == c).map(|x| x.1).unwrap_or(8.43);
        assert!(w >= longest as f64 + 1.0, "{h:?} in a column {w} wide");
    }
    // Grouping fields by their names in the report language, ranks when asked for.
    let headers: Vec<String> = (0..overall).map(|c| text(&m, 0, c)).collect();
    assert!(headers.contains(&"Region".into()) && headers.contains(&"Income group".into()));
    assert_eq!(headers.last().map(String::as_str), Some("Rank"));

    // Uncertainty: the chart's series read the 5th percentile, the interval width and
    // the nominal score, whose values are the JSON's.
    let u = range(&path, "Uncertainty");
    let head = find_row(&u, &["Unit", "Period", "Nominal score"]);
    let col_of = |name: &str| {
        (0..u.width() as u32)
            .find(|&c| text(&u, head, c) == name)
            .unwrap_or_else(|| panic!("no column {name}"))
    };
    let (p05, p95, width_col, nominal) = (
        col_of("5th percentile"),
        col_of("95th percentile"),
        col_of("Interval width (points)"),
        col_of("Nominal score"),
    );
    let units = j["uncertainty"]["units"].as_array().unwrap();
    for (k, unit) in units.iter().enumerate() {
        let row = head + 1 + k as u32;
        assert_eq!(text(&u, row, 0), unit["code"].as_str().unwrap());
        assert_close(num(&u, row, nominal), unit["nominal"].as_f64());
        assert_close(num(&u, row, p05), unit["p05"].as_f64());
        let w = unit["p95"].as_f64().unwrap() - unit["p05"].as_f64().unwrap();
        assert!((num(&u, row, width_col).unwrap() - w).abs() < 1e-9);
        assert_close(num(&u, row, p95), unit["p95"].as_f64());
    }
    let charts = pkg.charts("Uncertainty");
    assert_eq!(charts.len(), 1, "one interval chart");
    let refs = texts(charts[0], "c:f");
    let (a, b) = (head + 2, head + 1 + units.len() as u32);
    for c in [p05, width_col, nominal] {
        let want = format!("Uncertainty!${0}${a}:${0}${b}", col_name(c));
        assert!(
            refs.iter().any(|r| r.replace('\'', "") == want),
            "no series reading {want} in {refs:?}"
        );
    }

    // The note names each source of variation and its mean shift, as the JSON has it.
    let rules = Rules::bundled();
    let fw = rules.get("mgi").unwrap();
    let sources = j["uncertainty"]["sources"].as_array().unwrap();
    assert!(sources.len() >= 3, "{sources:?}");
    let sources_head = find_row(&u, &["Source of variation"]);
    let shift_col = (0..u.width() as u32)
        .find(|&c| text(&u, sources_head, c) == "Mean shift (points)")
        .unwrap();
    for s in sources {
        let id = s["source"].as_str().unwrap();
        let shift = s["mean_shift"].as_f64().unwrap();
        // serde_json reads the JSON's decimals to within an ulp.
        let row = (sources_head + 1..u.height() as u32)
            .find(|&r| num(&u, r, shift_col).is_some_and(|x| (x - shift).abs() < 1e-12))
            .unwrap_or_else(|| panic!("no row with the shift of {id} ({shift})"));
        let sentence = text(&u, row, 0);
        let shown = number("en", shift.abs(), 1);
        if shown == "0.0" {
            assert!(sentence.contains("unchanged"), "{sentence}");
        } else {
            let verb = if shift < 0.0 { "lowers" } else { "raises" };
            assert!(
                sentence.contains(&format!("{verb} scores by {shown} points on average")),
                "{id}: {sentence}"
            );
        }
        let names = match id.split_once(':') {
            Some(("weights", level)) => {
                let l = fw.levels.iter().find(|l| l.id == level).unwrap();
                format!("“{}”", fw.text(&l.label, "en"))
            }
            Some(("score", so)) => {
                let (scale, option) = so.split_once('.').unwrap();
                let sc = fw.scales.iter().find(|x| x.id == scale).unwrap();
                let o = sc.options.iter().find(|o| o.code == option).unwrap();
                format!("“{}”", fw.text(&o.label, "en"))
            }
            _ => "geometric means".into(),
        };
        assert!(sentence.contains(&names), "{id}: {sentence} lacks {names}");
    }
    assert!(
        (0..u.height() as u32).any(|r| text(&u, r, 0).starts_with("Geometric means never exceed")),
        "the note says why intervals sit below the nominal scores"
    );

    // The least-met table and chart follow the library's order, labelled by text.
    let ind = range(&path, "Indicators");
    let top = find_row(&ind, &["ID", "Indicator", "% met"]);
    let least: Vec<&str> = j["least_met"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert!(least.len() >= 15);
    for (k, id) in least.iter().take(15).enumerate() {
        let row = top + 1 + k as u32;
        assert_eq!(text(&ind, row, 0), *id, "row {k}");
        let label = text(&ind, row, 1);
        assert!(
            label.starts_with(&format!("{id} ")) && label.chars().count() > id.len() + 10,
            "{label:?}"
        );
        let share = j["indicators"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["id"] == *id)
            .unwrap()["share_met"]
            .as_f64();
        assert_close(num(&ind, row, 2), share);
    }
    let chart = pkg.charts("Indicators");
    assert_eq!(chart.len(), 1);
    let cats = format!("$B${}:$B${}", top + 2, top + 16);
    assert!(
        texts(chart[0], "c:f").iter().any(|f| f.ends_with(&cats)),
        "categories are the labels {cats}: {:?}",
        texts(chart[0], "c:f")
    );

    // Statistics: how many units are in each band, overall and per domain, charted.
    let st = range(&path, "Statistics");
    let first_band = {
        let rules = mgi::rules::Rules::bundled();
        let fw = rules.get("mgi").unwrap();
        fw.text(&fw.bands[0].label, "en").to_string()
    };
    let head = find_row(&st, &["ID", "Name", &first_band]);
    let overall_bands: f64 = (2..6).map(|c| num(&st, head + 1, c).unwrap()).sum();
    assert_eq!(overall_bands, 8.0, "every unit in one band");
    let bands = j["statistics"][0]["bands"].as_array().unwrap();
    for (k, b) in bands.iter().enumerate() {
        assert_close(num(&st, head + 1, 2 + k as u32), b["count"].as_f64());
    }
    let chart = pkg.charts("Statistics");
    assert_eq!(chart.len(), 1);
    assert_eq!(tags(chart[0], "c:ser").len(), 4, "one series per band");

    // Contents: right after the first sheet, a link to every other sheet.
    let links: Vec<String> = tags(pkg.sheet("Contents"), "hyperlink")
        .into_iter()
        .map(|t| attr(t, "location").unwrap())
        .collect();
    let names = pkg.sheet_names();
    let expected: Vec<String> = names
        .iter()
        .filter(|n| *n != "Contents")
        .map(|n| format!("'{n}'!A1"))
        .collect();
    assert_eq!(links, expected);
}

#[test]
fn peers_against_the_other_units_of_the_group_by_hand() {
    let rules = Rules::bundled();
    let fw = rules.get("sdg-10-7-2").unwrap();
    let opts = CompareOptions {
        group_by: Some("region".into()),
        ..Default::default()
    };
    let c = compare(fw, &four(fw), &opts, &mgi::NoProgress).unwrap();
    // North: XAA 100, XAB 0. South: XAC 50, XAD 75.
    let row = |u: &str| {
        c.peers
            .iter()
            .find(|p| p.unit == u && p.node == "overall")
            .unwrap()
            .clone()
    };
    let p = row("XAA");
    assert_eq!(
        (
            p.group_size,
            p.group_median,
            p.others_median,
            p.others_difference
        ),
        (2, Some(50.0), Some(0.0), Some(100.0))
    );
    let p = row("XAC");
    assert_eq!(
        (p.others_median, p.others_difference),
        (Some(75.0), Some(-25.0))
    );
    let doc = serde_json::to_value(mgi::report::compare_json::compare_json(&c, &[])).unwrap();
    let xaa = doc["peers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["unit"] == "XAA" && p["node"] == "overall")
        .unwrap();
    assert_eq!(
        (
            &xaa["group_median"],
            &xaa["group_size"],
            &xaa["others_median"]
        ),
        (&Value::from(50.0), &Value::from(2), &Value::from(0.0))
    );
    // The sheet: the group, its size, the median of the others and the difference.
    let bytes = compare_report(
        fw,
        &c,
        &[],
        &CompareReportOptions {
            lang: "en".into(),
            ..Default::default()
        },
    )
    .unwrap();
    let dir = tmp();
    let path = dir.path().join("peers.xlsx");
    std::fs::write(&path, bytes).unwrap();
    let r = range(&path, "Peers");
    assert!(
        text(&r, 0, 0).contains("leaves the unit itself out"),
        "{}",
        text(&r, 0, 0)
    );
    let head = find_row(&r, &["Region", "Unit", "Period", "ID"]);
    let col = |name: &str| {
        (0..r.width() as u32)
            .find(|&c| text(&r, head, c) == name)
            .unwrap_or_else(|| panic!("no column {name}"))
    };
    let (size, others, diff) = (
        col("Units in the group"),
        col("Median of the other units"),
        col("Difference from the others"),
    );
    let xac = (head + 1..r.height() as u32)
        .find(|&k| text(&r, k, 1) == "XAC" && text(&r, k, 3) == "overall")
        .unwrap();
    assert_eq!(text(&r, xac, 0), "South");
    assert_eq!(
        (num(&r, xac, size), num(&r, xac, others), num(&r, xac, diff)),
        (Some(2.0), Some(75.0), Some(-25.0))
    );
    // Grouped by group: North's two units first.
    let units: Vec<String> = (head + 1..r.height() as u32)
        .filter(|&k| text(&r, k, 3) == "overall")
        .map(|k| text(&r, k, 1))
        .collect();
    assert_eq!(units, ["XAA", "XAB", "XAC", "XAD"]);
}

#[test]
fn about_lists_every_input_with_its_hash() {
    use sha2::{Digest, Sha256};
    let dir = tmp();
    let wb = generate(dir.path(), 3, "sdg-10-7-2");
    std::fs::write(
        Path::new(&wb).join("XZZ-broken.xlsx"),
        b"PK\x03\x04 truncated",
    )
    .unwrap();
    let run = mgi_in(
        dir.path(),
        &["compare", &wb, "missing.xlsx", "-o", "cmp.xlsx"],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    let r = range(&dir.path().join("cmp.xlsx"), "About");
    let head = find_row(&r, &["Input file", "SHA-256 of the file"]);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&wb)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert_eq!(files.len(), 4);
    for (k, f) in files.iter().enumerate() {
        let row = head + 1 + k as u32;
        assert_eq!(text(&r, row, 0), f.display().to_string());
        let hash = mgi::rules::hex(&Sha256::digest(std::fs::read(f).unwrap()));
        assert_eq!(text(&r, row, 1), hash, "{}", f.display());
    }
    let last = head + 5;
    assert_eq!(text(&r, last, 0), "missing.xlsx");
    assert_eq!(text(&r, last, 1), "(the file could not be read)");
}

/// The English catalogue's texts that a French cell must not be, and the longer
/// English phrases (and the fixed parts of English templates) a French cell must not
/// contain. Texts French shares (Diagnostics, Code...) are left out.
fn english_only() -> (BTreeSet<String>, BTreeSet<String>) {
    let all = |lang: &str| -> Vec<String> {
        catalogue(lang)
            .entries
            .values()
            .flat_map(|e| match e {
                Entry::Text(t) => vec![t.clone()],
                Entry::Plural(f) => f.values().cloned().collect(),
            })
            .collect()
    };
    let fr: BTreeSet<String> = all("fr").into_iter().collect();
    let fr_text = fr.iter().cloned().collect::<Vec<_>>().join("\n");
    let mut whole = BTreeSet::new();
    let mut parts = BTreeSet::new();
    for t in all("en") {
        if fr.contains(&t) {
            continue;
        }
        if !t.contains('{') {
            whole.insert(t.clone());
            if t.split(' ').count() >= 3 {
                parts.insert(t.clone());
            }
        }
        // The fixed parts of a template: "{period}, round {round}" gives ", round ".
        for piece in t.split(['{', '}']).step_by(2) {
            let letters = piece.chars().filter(|c| c.is_alphabetic()).count();
            if letters >= 5 && piece.trim().contains(' ') && !fr_text.contains(piece) {
                parts.insert(piece.to_string());
            }
        }
    }
    (whole, parts)
}

/// Every English label found in a workbook's sheet names and cells. The Diagnostics
/// sheet's file and sheet columns are locations in the user's own files (an English
/// template's `About` sheet), not labels: they are not scanned.
fn english_in(path: &Path, lang: &str) -> Vec<String> {
    let (whole, parts) = english_only();
    let mut wb = calamine::open_workbook_auto(path).unwrap();
    let mut found = Vec::new();
    let diagnostics = mgi::i18n::msg(lang, "label.diagnostics");
    let locations = [
        mgi::i18n::msg(lang, "label.sheet"),
        mgi::i18n::msg(lang, "label.cell"),
    ];
    for name in wb.sheet_names() {
        if whole.contains(&name) {
            found.push(format!("sheet name {name}"));
        }
        let r = wb.worksheet_range(&name).unwrap();
        let skip: Vec<u32> = if name == diagnostics {
            (0..r.width() as u32)
                .filter(|&c| locations.contains(&text(&r, 0, c).as_str()))
                .collect()
        } else {
            Vec::new()
        };
        for (row, col, v) in r.used_cells() {
            let Data::String(s) = v else { continue };
            if row > 0 && skip.contains(&(col as u32)) {
                continue;
            }
            if whole.contains(s) {
                found.push(format!("{name}!{}{}: {s}", col_name(col as u32), row + 1));
            } else if let Some(p) = parts.iter().find(|p| s.contains(p.as_str())) {
                found.push(format!(
                    "{name}!{}{}: {s:?} contains {p:?}",
                    col_name(col as u32),
                    row + 1
                ));
            }
        }
    }
    found
}

#[test]
fn french_comparison_and_progress_workbooks_have_no_english_label() {
    let dir = tmp();
    let (path, _, _) = comparison(dir.path(), 6, "fr");
    let found = english_in(&path, "fr");
    assert!(
        found.is_empty(),
        "English in the French comparison:\n{}",
        found.join("\n")
    );
    let r = range(&path, "Matrice");
    let headers: Vec<String> = (0..12).map(|c| text(&r, 0, c)).collect();
    assert!(
        headers.contains(&"Région".into()) && headers.contains(&"Groupe de revenu".into()),
        "{headers:?}"
    );
    let u = range(&path, "Incertitude");
    assert!(
        (0..u.height() as u32).any(|k| text(&u, k, 0).contains("points en moyenne")
            || text(&u, k, 0).contains("point en moyenne")),
        "the uncertainty note is in French"
    );
    // Progress, in French, from two English workbooks.
    let old = write_sdg(dir.path(), "old.xlsx", "2024", &[("PD_2.a", "no")]);
    let new = write_sdg(dir.path(), "new.xlsx", "2026", &[("PD_2.a", "yes")]);
    let run = mgi_in(
        dir.path(),
        &["progress", &old, &new, "-o", "p.xlsx", "--lang", "fr"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let found = english_in(&dir.path().join("p.xlsx"), "fr");
    assert!(
        found.is_empty(),
        "English in the French progress:\n{}",
        found.join("\n")
    );
    // The scan finds English where there is some.
    let run = mgi_in(
        dir.path(),
        &["progress", &old, &new, "-o", "p-en.xlsx", "--lang", "en"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let english = english_in(&dir.path().join("p-en.xlsx"), "en");
    for label in ["sheet name Summary", "Answer, 2024, round"] {
        assert!(
            english.iter().any(|f| f.contains(label)),
            "the scan misses {label:?}: {english:?}"
        );
    }
    let s = range(&dir.path().join("p.xlsx"), "Synthèse");
    assert!(
        (0..s.width() as u32).any(|c| (0..8).any(|k| text(&s, k, c) == "2024, cycle\u{a0}1")),
        "rounds named in French"
    );
}

#[test]
fn progress_names_rounds_signs_changes_and_shows_band_transitions() {
    let dir = tmp();
    let old = write_sdg(
        dir.path(),
        "old.xlsx",
        "2024",
        &[
            ("PD_2.a", "no"),
            ("PD_2.b", "no"),
            ("PD_2.c", "yes"),
            ("PD_2.d", "no"),
        ],
    );
    // PD_2 from (0 + 0 + 100 + 0 + 50) / 5 = 30 to (100 + 100 + 0 + 100 + 50) / 5 = 70.
    let new = write_sdg(
        dir.path(),
        "new.xlsx",
        "2026",
        &[
            ("PD_2.a", "yes"),
            ("PD_2.b", "yes"),
            ("PD_2.c", "no"),
            ("PD_2.d", "yes"),
        ],
    );
    let run = mgi_in(dir.path(), &["progress", &old, &new, "-o", "p.xlsx"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("C030"), "{}", run.stderr);
    let path = dir.path().join("p.xlsx");
    let j = mgi_in(dir.path(), &["progress", &old, &new, "--format", "json"]).json();
    let pkg = Package::open(&path);
    assert_eq!(pkg.sheet_names()[..2], ["Summary", "Contents"]);
    let links: Vec<String> = tags(pkg.sheet("Contents"), "hyperlink")
        .into_iter()
        .map(|t| attr(t, "location").unwrap())
        .collect();
    let expected: Vec<String> = pkg
        .sheet_names()
        .iter()
        .filter(|n| *n != "Contents")
        .map(|n| format!("'{n}'!A1"))
        .collect();
    assert_eq!(
        links, expected,
        "the Contents sheet links every other sheet"
    );
    let s = range(&path, "Summary");
    let rules = Rules::bundled();
    let fw = rules.get("sdg-10-7-2").unwrap();
    let head = find_row(
        &s,
        &[
            fw.level_label(1, "en"),
            "2024, round\u{a0}1",
            "2026, round\u{a0}2",
            "Change",
        ],
    );
    assert_eq!(text(&s, head + 1, 0), "Overall");
    assert_close(num(&s, head + 1, 3), j["overall"]["change"].as_f64());
    // Signed changes: a plus and a true minus in the number format, green and red by
    // conditional formats on the column.
    let cell = format!("D{}", head + 2);
    let code = pkg.format_code("Summary", &cell);
    assert!(code.contains("+0.0") && code.contains('\u{2212}'), "{code}");
    let cf = tags(pkg.sheet("Summary"), "conditionalFormatting");
    assert!(
        cf.iter()
            .any(|t| attr(t, "sqref").is_some_and(|r| r.starts_with(&format!("D{}", head + 2)))),
        "{cf:?}"
    );
    // The chart's series are named by the round headings.
    let chart = pkg.charts("Summary");
    assert_eq!(chart.len(), 1);
    let names = texts(chart[0], "c:f");
    for col in ["B", "C"] {
        let want = format!("${col}${}", head + 1);
        assert!(
            names.iter().any(|f| f.ends_with(&want)),
            "{want} in {names:?}"
        );
    }
    // Band transitions per node; PD_2 went up.
    let sc = range(&path, "Scores");
    let band_col = (0..sc.width() as u32)
        .find(|&c| text(&sc, 0, c) == "Band, 2024 → 2026")
        .expect("band transition column");
    let pd2 = find_row(&sc, &["PD_2"]);
    let node = j["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["id"] == "PD_2")
        .unwrap();
    let label = |code: &Value| {
        let b = fw
            .bands
            .iter()
            .find(|b| b.code == code.as_str().unwrap())
            .unwrap();
        fw.text(&b.label, "en").to_string()
    };
    let (ob, nb) = (label(&node["old_band"]), label(&node["new_band"]));
    assert_ne!(ob, nb, "the case must change band");
    assert_eq!(text(&sc, pd2, band_col), format!("{ob} → {nb}"));
    // Answers by label, not by code.
    let ind = range(&path, "Indicators");
    let row = find_row(&ind, &["PD_2.c"]);
    assert_eq!(text(&ind, row, 2), "Yes");
    assert_eq!(text(&ind, row, 3), "No");
    assert_eq!(text(&ind, 0, 2), "Answer, 2024, round\u{a0}1");
}

#[test]
fn old_later_than_new_is_a_warning_in_the_workbook_and_on_stderr() {
    let dir = tmp();
    let old = write_sdg(dir.path(), "a.xlsx", "2024", &[]);
    let new = write_sdg(dir.path(), "b.xlsx", "2026", &[]);
    // Swapped: the later round first.
    let run = mgi_in(dir.path(), &["progress", &new, &old, "-o", "p.xlsx"]);
    assert_eq!(run.code, 0, "the command still runs: {}", run.stderr);
    assert!(
        run.stderr.contains("C030") && run.stderr.contains("is later than the NEW one"),
        "{}",
        run.stderr
    );
    let path = dir.path().join("p.xlsx");
    let s = range(&path, "Summary");
    assert!(
        text(&s, 3, 0).starts_with("Warning C030: the first file (2026, round\u{a0}2) is later than the second (2024, round\u{a0}1)"),
        "{}",
        text(&s, 3, 0)
    );
    let d = range(&path, "Diagnostics");
    assert!((1..d.height() as u32).any(|k| text(&d, k, 1) == "C030"));
    let j = mgi_in(dir.path(), &["progress", &new, &old, "--format", "json"]).json();
    assert_eq!(j["diagnostics"][0]["code"], "C030");
    // In order, no warning.
    let run = mgi_in(dir.path(), &["progress", &old, &new, "--format", "json"]);
    assert!(!run.stderr.contains("C030"));
    assert_eq!(run.json()["diagnostics"], serde_json::json!([]));
}
