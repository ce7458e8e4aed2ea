//! Several bodies, one assessment: a template split by lead government body, the parts
//! filled differently (as a person would, cell by cell), merged, and the merge checked
//! answer by answer with its provenance and its conflicts; the merged workbook scores as
//! one workbook filled with the same answers.

use crate::harness::{mgi_in, tmp};
use calamine::{Data, Reader as _};
use mgi::intake::{Reader, Reading, answer_rows};
use mgi::merge::{MergeOptions, Prefer, check_identity, merge};
use mgi::rules::{Framework, Rules, criterion_scale};
use mgi::template::{CellValue, Fill, Prefill, TemplateOptions, template_workbook};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

const FW: &str = "mgi";

/// The reference answer of a row: an option code, the same every time.
fn reference(fw: &Framework, i: usize, row: &str) -> String {
    let h = row
        .bytes()
        .fold(7usize, |a, b| a.wrapping_mul(31).wrapping_add(b as usize));
    if fw.scale_of(i).cumulative {
        let c = criterion_scale();
        c.options[h % c.options.len()].code.clone()
    } else {
        let s = fw.scale_of(i);
        s.options[h % s.options.len()].code.clone()
    }
}

/// Every sheet of a workbook as cells (row, column, text or number).
type Sheets = Vec<(String, BTreeMap<(u32, u32), Data>)>;

fn read_sheets(path: &Path) -> Sheets {
    let mut wb = calamine::open_workbook_auto(path).unwrap();
    let names = wb.sheet_names();
    names
        .into_iter()
        .map(|n| {
            let r = wb.worksheet_range(&n).unwrap();
            let (r0, c0) = r.start().unwrap_or((0, 0));
            let cells = r
                .used_cells()
                .map(|(r, c, v)| ((r as u32 + r0, c as u32 + c0), v.clone()))
                .collect();
            (n, cells)
        })
        .collect()
}

fn write_sheets(path: &Path, sheets: &Sheets) {
    let mut wb = rust_xlsxwriter::Workbook::new();
    for (name, cells) in sheets {
        let ws = wb.add_worksheet();
        ws.set_name(name).unwrap();
        for (&(r, c), v) in cells {
            match v {
                Data::Float(x) => ws.write_number(r, c as u16, *x).map(|_| ()),
                Data::Int(x) => ws.write_number(r, c as u16, *x as f64).map(|_| ()),
                Data::Empty => Ok(()),
                other => ws.write_string(r, c as u16, other.to_string()).map(|_| ()),
            }
            .unwrap();
        }
    }
    wb.save(path).unwrap();
}

fn text(cells: &BTreeMap<(u32, u32), Data>, r: u32, c: u32) -> String {
    cells
        .get(&(r, c))
        .map(|d| d.to_string())
        .unwrap_or_default()
}

/// A person fills a part: answers (and evidence) by row id, About fields by key;
/// `extra` rows are appended under the last row (rows copied from another part).
struct Filling<'a> {
    answers: Vec<(&'a str, String, String)>,
    extra: Vec<(&'a str, String, String)>,
    about: Vec<(&'a str, &'a str)>,
}

fn fill(path: &Path, f: &Filling) -> BTreeMap<String, String> {
    let mut sheets = read_sheets(path);
    let mut cells_of_answers = BTreeMap::new();
    for (name, cells) in sheets.iter_mut() {
        if name == "About" {
            for (key, value) in &f.about {
                let row = (0..200)
                    .find(|&r| text(cells, r, 0) == *key)
                    .expect("About key");
                cells.insert((row, 2), Data::String(value.to_string()));
            }
        }
        if name != "Assessment" {
            continue;
        }
        let col = |h: &str| {
            (0..30)
                .find(|&c| {
                    mgi::layout::Column::recognise(&text(cells, 0, c)).map(|x| x.key()) == Some(h)
                })
                .unwrap()
        };
        let (id, ans, ev) = (
            col("column.id"),
            col("column.answer"),
            col("column.evidence"),
        );
        let last = cells.keys().map(|(r, _)| *r).max().unwrap();
        for (rid, answer, evidence) in &f.answers {
            let row = (1..=last)
                .find(|&r| text(cells, r, id) == *rid)
                .expect("row of the part");
            cells.insert((row, ans), Data::String(answer.clone()));
            cells.insert((row, ev), Data::String(evidence.clone()));
            cells_of_answers.insert(rid.to_string(), mgi::diag::a1(row, ans));
        }
        for (k, (rid, answer, evidence)) in f.extra.iter().enumerate() {
            let row = last + 1 + k as u32;
            cells.insert((row, id), Data::String(rid.to_string()));
            cells.insert((row, ans), Data::String(answer.clone()));
            cells.insert((row, ev), Data::String(evidence.clone()));
            cells_of_answers.insert(rid.to_string(), mgi::diag::a1(row, ans));
        }
    }
    write_sheets(path, &sheets);
    cells_of_answers
}

/// The parts split by the CLI, their scopes (from the library) and files.
struct Split {
    dir: tempfile::TempDir,
    /// (file name, contributor, indicator ids)
    parts: Vec<(String, String, BTreeSet<String>)>,
}

fn split() -> Split {
    let dir = tmp();
    let run = mgi_in(
        dir.path(),
        &[
            "template",
            "--framework",
            FW,
            "--unit",
            "XAB",
            "--unit-name",
            "Xanadu B",
            "--period",
            "2026",
            "--round",
            "1",
            "--split-by",
            "stakeholder",
            "-o",
            "parts",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rules = Rules::bundled();
    let fw = rules.get(FW).unwrap();
    let lib = mgi::merge::split::by_stakeholder(fw, "en");
    let mut parts = Vec::new();
    for p in &lib {
        // A body id that starts with the framework's id is named without it.
        let body = p.body.strip_prefix(&format!("{FW}-")).unwrap_or(&p.body);
        let name = format!("XAB-2026-{FW}-{body}.xlsx");
        assert!(dir.path().join("parts").join(&name).exists(), "{name}");
        parts.push((name, p.contributor.clone(), p.indicators.clone()));
    }
    // The planning ministry's id is `mgi-planning-ministry`: its file says `mgi` once.
    assert!(
        dir.path()
            .join("parts/XAB-2026-mgi-planning-ministry.xlsx")
            .exists()
    );
    Split { dir, parts }
}

#[test]
fn a_split_part_holds_its_indicators_the_about_data_and_its_contributor() {
    let s = split();
    let rules = Rules::bundled();
    let fw = rules.get(FW).unwrap();
    assert!(s.parts.len() >= 5, "{} parts", s.parts.len());
    // Every indicator is in exactly one part; the lead government body is each part's.
    let mut all = BTreeSet::new();
    for (_, _, ids) in &s.parts {
        for id in ids {
            assert!(all.insert(id.clone()), "{id} in two parts");
        }
    }
    assert_eq!(all.len(), fw.indicators.len());
    let (name, contributor, ids) = &s.parts[0];
    let sheets = read_sheets(&s.dir.path().join("parts").join(name));
    let about = &sheets.iter().find(|(n, _)| n == "About").unwrap().1;
    let value = |key: &str| {
        let r = (0..200)
            .find(|&r| text(about, r, 0) == key)
            .unwrap_or_else(|| panic!("{key}"));
        text(about, r, 2)
    };
    assert_eq!(value("unit_code"), "XAB");
    assert_eq!(value("unit_name"), "Xanadu B");
    assert_eq!(value("period"), "2026");
    assert_eq!(value("contributor"), *contributor);
    let scope: BTreeSet<String> = value("scope").split(", ").map(String::from).collect();
    assert_eq!(&scope, ids);
    let lead = fw.indicators[fw.indicator_index(ids.iter().next().unwrap()).unwrap()]
        .stakeholders
        .iter()
        .find(|st| {
            fw.catalogues
                .stakeholders
                .iter()
                .any(|c| c.id == **st && c.government)
        })
        .unwrap();
    assert_eq!(fw.stakeholder_label(lead, "en"), contributor);
    // Its Assessment rows: its indicators (and their criteria), and headings.
    let assessment = &sheets.iter().find(|(n, _)| n == "Assessment").unwrap().1;
    let rows: BTreeSet<String> = (1..500)
        .map(|r| text(assessment, r, 0))
        .filter(|t| fw.indicator_index(t).is_some())
        .collect();
    assert_eq!(&rows, ids);
    // It reads as a part: no W042, no W012 for the indicators of other parts.
    let a = &Reader::new(&rules)
        .read_path(&s.dir.path().join("parts").join(name), None)
        .unwrap()[0];
    assert_eq!(a.meta.contributor, *contributor);
    let codes: Vec<&str> = a.diagnostics.iter().map(|d| d.code.as_str()).collect();
    assert!(
        !codes.contains(&"W042") && !codes.contains(&"W012"),
        "{codes:?}"
    );
}

/// The scenario: every part answers its indicators with the reference answers, except
/// that part 1 leaves one (`orphan`) blank, which part 2 answers on a copied row; part
/// 2 also answers `clash` (part 0's) differently, part 3 says don't know to `unsure`
/// (part 1's), and part 4 agrees with part 0 on `agree`.
struct Scenario {
    split: Split,
    files: Vec<String>,
    /// Row id → the answer cell in each part that answered it: (file, cell).
    cells: BTreeMap<String, Vec<(String, String)>>,
    clash: String,
    clash_other: String,
    unsure: String,
    orphan: String,
    agree: String,
}

fn first_plain(fw: &Framework, ids: &BTreeSet<String>, skip: &[&str]) -> String {
    fw.indicators_in_tree_order()
        .into_iter()
        .map(|i| &fw.indicators[i])
        .find(|i| {
            ids.contains(&i.id) && !fw.scales[i.scale].cumulative && !skip.contains(&i.id.as_str())
        })
        .unwrap()
        .id
        .clone()
}

fn scenario() -> Scenario {
    let split = split();
    let rules = Rules::bundled();
    let fw = rules.get(FW).unwrap();
    let p = &split.parts;
    let clash = first_plain(fw, &p[0].2, &[]);
    let agree = first_plain(fw, &p[0].2, &[&clash]);
    let unsure = first_plain(fw, &p[1].2, &[]);
    let orphan = first_plain(fw, &p[1].2, &[&unsure]);
    let i_clash = fw.indicator_index(&clash).unwrap();
    let clash_other = fw
        .scale_of(i_clash)
        .options
        .iter()
        .map(|o| o.code.clone())
        .find(|c| *c != reference(fw, i_clash, &clash))
        .unwrap();
    let mut files = Vec::new();
    let mut cells: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    for (k, (name, _, ids)) in p.iter().enumerate() {
        let path = split.dir.path().join("parts").join(name);
        let file = format!("parts/{name}");
        let mut answers = Vec::new();
        for i in fw.indicators_in_tree_order() {
            if !ids.contains(&fw.indicators[i].id) || fw.indicators[i].id == orphan {
                continue;
            }
            for (row, _) in answer_rows(fw, i) {
                answers.push((row, reference(fw, i, row), format!("Law {row} (part {k})")));
            }
        }
        let mut extra = Vec::new();
        match k {
            2 => {
                extra.push((clash.as_str(), clash_other.clone(), "Decree 9".to_string()));
                let i = fw.indicator_index(&orphan).unwrap();
                extra.push((
                    orphan.as_str(),
                    reference(fw, i, &orphan),
                    "Decree 10".into(),
                ));
            }
            3 => extra.push((unsure.as_str(), "dk".to_string(), String::new())),
            4 => {
                let i = fw.indicator_index(&agree).unwrap();
                extra.push((
                    agree.as_str(),
                    reference(fw, i, &agree),
                    "Law agreed".into(),
                ));
            }
            _ => {}
        }
        let date = format!("2026-05-{:02}", 10 + k);
        let got = fill(
            &path,
            &Filling {
                answers,
                extra,
                about: vec![("date", date.as_str())],
            },
        );
        for (id, cell) in got {
            cells
                .entry(id)
                .or_default()
                .push((file.clone(), format!("Assessment!{cell}")));
        }
        files.push(file);
    }
    Scenario {
        split,
        files,
        cells,
        clash,
        clash_other,
        unsure,
        orphan,
        agree,
    }
}

fn args<'a>(s: &'a Scenario, extra: &[&'a str]) -> Vec<&'a str> {
    let mut a = vec!["merge"];
    a.extend(s.files.iter().map(String::as_str));
    a.extend_from_slice(extra);
    a
}

#[test]
fn merging_keeps_every_answer_with_its_source_and_leaves_conflicts_unresolved() {
    let s = scenario();
    let dir = s.split.dir.path();
    let run = mgi_in(dir, &args(&s, &["-o", "merged.xlsx", "--format", "json"]));
    assert_eq!(
        run.code, 1,
        "conflicts make the exit code 1: {}",
        run.stderr
    );
    let j = run.json();
    assert_eq!(j["schema"], "mgi.merge/1");
    assert_eq!(j["assessment"]["unit"], "XAB");
    assert_eq!(j["unresolved"], 2);
    let conflicts = j["conflicts"].as_array().unwrap();
    assert_eq!(conflicts.len(), 2, "{conflicts:?}");
    let p = &s.split.parts;
    let clash = conflicts
        .iter()
        .find(|c| c["id"] == s.clash.as_str())
        .unwrap();
    assert_eq!(clash["kind"], "different");
    assert_eq!(clash["resolved"], false);
    let answers = clash["answers"].as_array().unwrap();
    assert_eq!(answers.len(), 2);
    assert_eq!(answers[0]["contributor"], p[0].1.as_str());
    assert_eq!(answers[1]["contributor"], p[2].1.as_str());
    assert_eq!(answers[1]["read_as"], s.clash_other.as_str());
    for (a, (file, cell)) in answers.iter().zip(&s.cells[&s.clash]) {
        assert_eq!(a["file"], file.as_str());
        assert_eq!(a["cell"], cell.as_str());
    }
    let unsure = conflicts
        .iter()
        .find(|c| c["id"] == s.unsure.as_str())
        .unwrap();
    assert_eq!(unsure["kind"], "dont_know");
    assert_eq!(unsure["answers"][1]["read_as"], "dk");
    assert_eq!(unsure["answers"][1]["contributor"], p[3].1.as_str());
    // The wrong bodies' answers are named (W082), with the body they belong to.
    let outside: Vec<(&str, &str)> = j["outside_scope"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| (o["id"].as_str().unwrap(), o["owner"].as_str().unwrap()))
        .collect();
    for (id, owner) in [
        (&s.clash, &p[0].1),
        (&s.orphan, &p[1].1),
        (&s.unsure, &p[1].1),
        (&s.agree, &p[0].1),
    ] {
        assert!(
            outside.contains(&(id.as_str(), owner.as_str())),
            "{id}: {outside:?}"
        );
    }
    let codes: Vec<(&str, &str)> = j["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["code"].as_str().unwrap(), d["message"].as_str().unwrap()))
        .collect();
    let w080: Vec<&&str> = codes
        .iter()
        .filter(|(c, _)| *c == "W080")
        .map(|(_, m)| m)
        .collect();
    assert_eq!(w080.len(), 2, "{codes:?}");
    assert!(
        w080.iter()
            .any(|m| m.contains(&s.clash) && m.contains(&p[0].1) && m.contains(&p[2].1))
    );
    assert!(
        w080.iter()
            .any(|m| m.contains(&s.unsure) && m.contains("does not know"))
    );
    assert_eq!(codes.iter().filter(|(c, _)| *c == "W082").count(), 4);

    // The merged workbook, read back: every answer, and where it came from.
    let rules = Rules::bundled();
    let fw = rules.get(FW).unwrap();
    let merged = &Reader::new(&rules)
        .read_path(&dir.join("merged.xlsx"), None)
        .unwrap()[0];
    assert!(merged.meta.contributor.is_empty());
    assert_eq!(merged.meta.unit_code, "XAB");
    assert_eq!(
        merged.meta.date,
        format!("2026-05-{:02}", 10 + p.len() - 1),
        "the latest date"
    );
    let mut checked = 0;
    for i in fw.indicators_in_tree_order() {
        for (row, _) in answer_rows(fw, i) {
            let a = merged
                .answer(row)
                .unwrap_or_else(|| panic!("{row} in the merged workbook"));
            if row == s.clash || row == s.unsure {
                assert_eq!(
                    a.reading,
                    Reading::Blank,
                    "{row}: a conflict is left unanswered"
                );
                assert!(a.origin.is_none());
                assert!(a.comment.contains("Conflict"), "{row}: {}", a.comment);
                for (file, cell) in &s.cells[row] {
                    assert!(
                        a.comment.contains(file.as_str()) && a.comment.contains(cell.as_str()),
                        "{}",
                        a.comment
                    );
                }
                continue;
            }
            let code = match a.reading {
                Reading::Option(o) if fw.scale_of(i).cumulative => {
                    criterion_scale().options[o].code.clone()
                }
                Reading::Option(o) => fw.scale_of(i).options[o].code.clone(),
                other => panic!("{row}: {other:?}"),
            };
            assert_eq!(code, reference(fw, i, row), "{row}");
            let origin = a
                .origin
                .as_ref()
                .unwrap_or_else(|| panic!("{row}: no source"));
            let owner = p
                .iter()
                .position(|(_, _, ids)| ids.contains(&fw.indicators[i].id))
                .unwrap();
            let from = if row == s.orphan { 2 } else { owner };
            assert_eq!(origin.contributor, p[from].1, "{row}");
            assert_eq!(origin.file, s.files[from], "{row}");
            assert_eq!(origin.cell, s.cells[row][0].1, "{row}: the part's own cell");
            checked += 1;
        }
    }
    assert!(checked > 90, "{checked}");
    // Evidence from two bodies is kept with its contributors.
    let clash_row = merged.answer(&s.clash).unwrap();
    assert!(
        clash_row.evidence.contains(&format!("{}: Law", p[0].1)),
        "{}",
        clash_row.evidence
    );
    assert!(
        clash_row
            .evidence
            .contains(&format!("{}: Decree 9", p[2].1)),
        "{}",
        clash_row.evidence
    );
    let plain = merged.answer(&s.orphan).unwrap();
    assert_eq!(
        plain.evidence, "Decree 10",
        "one text, from the answer's own body"
    );

    // The score JSON carries the provenance; it scores as one workbook filled alike.
    let run = mgi_in(dir, &["score", "merged.xlsx", "--format", "json"]);
    let score = run.json();
    let ind = score["indicators"].as_array().unwrap();
    let o = ind.iter().find(|x| x["id"] == s.orphan.as_str()).unwrap();
    assert_eq!(o["contributor"], p[2].1.as_str());
    assert_eq!(o["source_file"], s.files[2].as_str());
    assert_eq!(o["source_file_cell"], s.cells[&s.orphan][0].1.as_str());
    let c = ind.iter().find(|x| x["id"] == s.clash.as_str()).unwrap();
    assert!(
        c.get("contributor").is_none(),
        "a conflict has no source: {c}"
    );

    let mut prefill = Prefill::default();
    for (k, v) in [
        ("unit_code", "XAB"),
        ("unit_name", "Xanadu B"),
        ("period", "2026"),
        ("round", "1"),
    ] {
        prefill.about.insert(k.into(), v.into());
    }
    for i in 0..fw.indicators.len() {
        for (row, _) in answer_rows(fw, i) {
            if row != s.clash && row != s.unsure {
                prefill.rows.insert(
                    row.to_string(),
                    Fill {
                        answer: Some(CellValue::Text(reference(fw, i, row))),
                        ..Default::default()
                    },
                );
            }
        }
    }
    let (bytes, _) = template_workbook(
        fw,
        &TemplateOptions {
            lang: "en".into(),
            prefill,
        },
    )
    .unwrap();
    std::fs::write(dir.join("single.xlsx"), bytes).unwrap();
    let single = mgi_in(dir, &["score", "single.xlsx", "--format", "json"]).json();
    assert_eq!(score["overall"]["score"], single["overall"]["score"]);
    assert!(score["overall"]["score"].as_f64().is_some());
    let nodes = |j: &serde_json::Value| -> Vec<(String, String)> {
        j["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| (n["id"].to_string(), n["score"].to_string()))
            .collect()
    };
    assert_eq!(nodes(&score), nodes(&single));

    // The gap report's Responses sheet names the source.
    let _ = mgi_in(dir, &["score", "merged.xlsx", "-o", "report.xlsx"]);
    let sheets = read_sheets(&dir.join("report.xlsx"));
    let responses = &sheets.iter().find(|(n, _)| n == "Responses").unwrap().1;
    let r = (1..500)
        .find(|&r| text(responses, r, 0) == s.orphan)
        .unwrap();
    assert_eq!(text(responses, 0, 10), "Source (contributor, file, cell)");
    assert_eq!(
        text(responses, r, 10),
        format!("{} | {} | {}", p[2].1, s.files[2], s.cells[&s.orphan][0].1)
    );
}

#[test]
fn prefer_resolves_conflicts_by_file_or_by_the_latest_date() {
    let s = scenario();
    let dir = s.split.dir.path();
    let p = &s.split.parts;
    // Latest: part 2 (dated after part 0) wins the clash, part 3 (after part 1) the dk.
    let run = mgi_in(
        dir,
        &args(
            &s,
            &[
                "-o",
                "latest.xlsx",
                "--prefer",
                "latest",
                "--format",
                "json",
            ],
        ),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let j = run.json();
    assert_eq!(j["unresolved"], 0);
    let clash = j["conflicts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == s.clash.as_str())
        .unwrap();
    assert_eq!(clash["kept"]["contributor"], p[2].1.as_str());
    assert_eq!(j["sources"][&s.clash]["file"], s.files[2].as_str());
    let w081 = j["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "W081")
        .count();
    assert_eq!(w081, 2);
    let rules = Rules::bundled();
    let fw = rules.get(FW).unwrap();
    let a = &Reader::new(&rules)
        .read_path(&dir.join("latest.xlsx"), None)
        .unwrap()[0];
    let i = fw.indicator_index(&s.clash).unwrap();
    assert_eq!(
        a.answer(&s.clash).unwrap().reading,
        Reading::Option(
            fw.scale_of(i)
                .options
                .iter()
                .position(|o| o.code == s.clash_other)
                .unwrap()
        )
    );
    assert_eq!(a.answer(&s.unsure).unwrap().reading, Reading::DontKnow);
    assert!(
        a.answer(&s.clash)
            .unwrap()
            .comment
            .contains("--prefer latest")
    );
    // A file: part 0 wins the clash; the dk conflict (part 0 not in it) stays.
    let run = mgi_in(
        dir,
        &args(
            &s,
            &[
                "-o",
                "first.xlsx",
                "--prefer",
                &s.files[0],
                "--format",
                "json",
            ],
        ),
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    let j = run.json();
    assert_eq!(j["unresolved"], 1);
    assert_eq!(j["sources"][&s.clash]["contributor"], p[0].1.as_str());
    // Library: the dates decide, then argument order (never the file's time).
    let reader = Reader::new(&rules);
    let mut parts: Vec<_> = s
        .files
        .iter()
        .flat_map(|f| reader.read_path(&dir.join(f), None).unwrap())
        .collect();
    parts[2].meta.date = "2026-01-01".into();
    let m = merge(
        fw,
        &parts,
        &MergeOptions {
            prefer: Prefer::Latest,
            ..Default::default()
        },
    );
    assert_eq!(
        m.sources[&s.clash].contributor, p[0].1,
        "part 0 is later now"
    );
    parts[0].meta.date = "2026-01-01".into();
    let m = merge(
        fw,
        &parts,
        &MergeOptions {
            prefer: Prefer::Latest,
            ..Default::default()
        },
    );
    assert_eq!(
        m.sources[&s.clash].contributor, p[2].1,
        "same date: the later argument"
    );
}

#[test]
fn a_part_of_another_unit_stops_the_merge_and_score_asks_to_merge_first() {
    let s = scenario();
    let dir = s.split.dir.path();
    let other = dir.join("parts/other-unit.xlsx");
    std::fs::copy(dir.join(&s.files[1]), &other).unwrap();
    fill(
        &other,
        &Filling {
            answers: vec![],
            extra: vec![],
            about: vec![("unit_code", "XAC")],
        },
    );
    let mut a = args(&s, &["-o", "merged.xlsx"]);
    a.insert(2, "parts/other-unit.xlsx");
    let run = mgi_in(dir, &a);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(!dir.join("merged.xlsx").exists(), "nothing is written");
    assert!(
        run.stderr.contains("error[F030] parts/other-unit.xlsx: this part belongs to another assessment (XAC 2026 round 1"),
        "{}",
        run.stderr
    );
    // Scoring the parts together is refused for the second, with the hint to merge.
    let run = mgi_in(
        dir,
        &["score", &s.files[0], &s.files[1], "--format", "json"],
    );
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("error[F010]")
            && run.stderr.contains("merge the parts first (`mgi merge"),
        "{}",
        run.stderr
    );
    let run = mgi_in(
        dir,
        &["compare", &s.files[0], &s.files[1], "--format", "json"],
    );
    assert!(
        run.stdout.contains("\"F010\"") && run.stdout.contains("merge the parts first"),
        "{}",
        run.stdout
    );
    // The library says the same.
    let rules = Rules::bundled();
    let reader = Reader::new(&rules);
    let parts: Vec<_> = [&s.files[0], &"parts/other-unit.xlsx".to_string()]
        .iter()
        .flat_map(|f| reader.read_path(&dir.join(f), None).unwrap())
        .collect();
    let d = check_identity(&parts);
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].code.as_str(), "F030");
}

#[test]
fn status_shows_each_contribution_and_the_merged_assessment() {
    let s = scenario();
    let dir = s.split.dir.path();
    let mut a = vec!["status"];
    a.extend(s.files.iter().map(String::as_str));
    a.extend(["--format", "json"]);
    let run = mgi_in(dir, &a);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let j = run.json();
    assert_eq!(j["schema"], "mgi.status/1");
    let st = &j["assessments"][0];
    let parts = st["parts"].as_array().unwrap();
    assert_eq!(parts.len(), s.files.len());
    let p = &s.split.parts;
    // Part 1 left `orphan` blank: one missing of its own; the others answered all.
    assert_eq!(parts[1]["contributor"], p[1].1.as_str());
    assert_eq!(parts[1]["indicators"], p[1].2.len());
    assert_eq!(parts[1]["missing"], 1);
    assert_eq!(parts[0]["answered"], p[0].2.len());
    assert_eq!(parts[0]["share"], 1.0);
    let area_sum: u64 = parts[0]["areas"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["indicators"].as_u64().unwrap())
        .sum();
    assert_eq!(area_sum as usize, p[0].2.len());
    // The whole: everything answered but the two conflicts.
    let m = &st["merged"];
    assert_eq!(m["conflicts"], 2);
    assert_eq!(m["indicators"], 100);
    assert_eq!(m["answered"], 98);
    assert_eq!(
        m["contributors"][&p[2].1],
        p[2].2.len() + 1,
        "its own and the orphan"
    );
    // A merged workbook alone gives the same whole, its contributors from its Source.
    let _ = mgi_in(dir, &args(&s, &["-o", "merged.xlsx"]));
    let j = mgi_in(dir, &["status", "merged.xlsx", "--format", "json"]).json();
    let m2 = &j["assessments"][0]["merged"];
    assert_eq!(m2["answered"], 98);
    assert_eq!(m2["contributors"], m["contributors"]);
    let text = mgi_in(dir, &["status", "merged.xlsx"]);
    assert!(
        text.stdout
            .contains("merged assessment: 98/100 answered (98 %)"),
        "{}",
        text.stdout
    );
}

#[test]
fn only_and_assign_make_parts_and_bad_assignment_lines_are_located() {
    let dir = tmp();
    let rules = Rules::bundled();
    let fw = rules.get("sdg-10-7-2").unwrap();
    let domain = &fw.nodes[fw.nodes[fw.root]
        .children
        .iter()
        .find_map(|c| match c {
            mgi::rules::Child::Node(k) => Some(*k),
            _ => None,
        })
        .unwrap()];
    let ind = fw
        .indicators_in_tree_order()
        .into_iter()
        .last()
        .map(|i| fw.indicators[i].id.clone())
        .unwrap();
    // --only: one part.
    let run = mgi_in(
        dir.path(),
        &[
            "template",
            "--framework",
            "sdg-10-7-2",
            "--only",
            &format!("{},{ind}", domain.id),
            "--contributor",
            "Labour",
            "-o",
            "labour.xlsx",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let a = &Reader::new(&rules)
        .read_path(&dir.path().join("labour.xlsx"), None)
        .unwrap()[0];
    assert_eq!(a.meta.contributor, "Labour");
    let expected = mgi::merge::split::indicators_of(fw, &domain.id)
        .unwrap()
        .len()
        + 1;
    assert_eq!(a.meta.scope.len(), expected);
    let run = mgi_in(
        dir.path(),
        &[
            "template",
            "--framework",
            "sdg-10-7-2",
            "--only",
            "NOPE",
            "--contributor",
            "X",
            "-o",
            "x.xlsx",
        ],
    );
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("NOPE"), "{}", run.stderr);
    // --assign: a node to one body, one of its indicators to another; the rest unassigned.
    let first_of_domain = mgi::merge::split::indicators_of(fw, &domain.id)
        .unwrap()
        .into_iter()
        .next()
        .unwrap();
    std::fs::write(
        dir.path().join("bodies.csv"),
        format!(
            "id,body\n{},Ministry of Labour\n{first_of_domain},Interior\n",
            domain.id
        ),
    )
    .unwrap();
    let run = mgi_in(
        dir.path(),
        &[
            "template",
            "--framework",
            "sdg-10-7-2",
            "--unit",
            "XAA",
            "--period",
            "2026",
            "--assign",
            "bodies.csv",
            "-o",
            "parts",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let names: BTreeSet<String> = std::fs::read_dir(dir.path().join("parts"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        BTreeSet::from(
            [
                "XAA-2026-sdg-10-7-2-Ministry-of-Labour.xlsx",
                "XAA-2026-sdg-10-7-2-Interior.xlsx",
                "XAA-2026-sdg-10-7-2-unassigned.xlsx"
            ]
            .map(String::from)
        )
    );
    let labour = &Reader::new(&rules)
        .read_path(
            &dir.path()
                .join("parts/XAA-2026-sdg-10-7-2-Ministry-of-Labour.xlsx"),
            None,
        )
        .unwrap()[0];
    assert_eq!(labour.meta.scope.len(), expected - 2);
    assert!(!labour.meta.scope.contains(&first_of_domain));
    // Bad lines: each located by line and column; nothing written.
    std::fs::write(
        dir.path().join("bad.csv"),
        format!("{ind},Labour\nNOPE,Labour\n,Interior\n{ind},Interior\n{first_of_domain}\n{first_of_domain},A,B\n"),
    )
    .unwrap();
    let run = mgi_in(
        dir.path(),
        &[
            "template",
            "--framework",
            "sdg-10-7-2",
            "--assign",
            "bad.csv",
            "-o",
            "bad",
        ],
    );
    assert_eq!(run.code, 2);
    assert!(!dir.path().join("bad").exists());
    for expected in [
        "error[W084] bad.csv:2:1: \"NOPE\" is not an indicator or node",
        "error[W083] bad.csv:3:1: the id is empty",
        &format!(
            "error[W085] bad.csv:4:2: {ind} is assigned to \"Interior\" here and to \"Labour\" on line 1"
        ),
        "error[W083] bad.csv:5:1: expected two fields (an indicator or node id, and the body that answers it), found 1",
        "error[W083] bad.csv:6:3: expected two fields (an indicator or node id, and the body that answers it), found 3",
    ] {
        assert!(run.stderr.contains(expected), "{expected}\n{}", run.stderr);
    }
}

/// Codes of a merge: F030 (another unit), W080, W081, W082 (for tests/it/codes.rs).
pub fn merge_codes(prefer: bool) -> BTreeSet<String> {
    let rules = Rules::bundled();
    let fw = rules.get("sdg-10-7-2").unwrap();
    let ids: Vec<String> = fw.indicators.iter().map(|i| i.id.clone()).collect();
    let part = |who: &str, unit: &str, scope: &[String], answers: &[(&str, &str)]| {
        let mut p = Prefill::default();
        for (k, v) in [
            ("unit_code", unit),
            ("period", "2026"),
            ("round", "1"),
            ("contributor", who),
        ] {
            p.about.insert(k.into(), v.into());
        }
        p.only = Some(scope.iter().cloned().collect());
        for (id, a) in answers {
            p.rows.insert(
                id.to_string(),
                Fill {
                    answer: Some(CellValue::Text(a.to_string())),
                    ..Default::default()
                },
            );
        }
        let (bytes, _) = template_workbook(
            fw,
            &TemplateOptions {
                lang: "en".into(),
                prefill: p,
            },
        )
        .unwrap();
        Reader::new(&rules)
            .read_bytes(&format!("{who}.xlsx"), &bytes, None)
            .unwrap()
            .remove(0)
    };
    let a = part("A", "XAA", &ids[..2], &[(&ids[0], "yes")]);
    let mut b = part(
        "B",
        "XAA",
        &[ids[0].clone(), ids[2].clone()],
        &[(&ids[0], "no")],
    );
    // B's part was made for ids[2] only: its ids[0] row is a copied one.
    b.meta.scope = vec![ids[2].clone()];
    let c = part("C", "XAB", &ids[..1], &[]);
    let mut out: BTreeSet<String> = BTreeSet::new();
    let mut add = |d: &[mgi::Diagnostic]| {
        for d in d {
            out.insert(d.code.to_string());
            if d.text.is_none() {
                out.insert(format!("{}:untranslated", d.code));
            }
        }
    };
    add(&check_identity(&[a.clone(), c]));
    let opts = MergeOptions {
        prefer: if prefer {
            Prefer::Latest
        } else {
            Prefer::Nothing
        },
        ..Default::default()
    };
    add(&merge(fw, &[a, b], &opts).diagnostics);
    out
}

/// Codes of an assignment file with bad lines (W083, W084, W085).
pub fn assign_codes() -> BTreeSet<String> {
    let rules = Rules::bundled();
    let fw = rules.get("sdg-10-7-2").unwrap();
    let id = &fw.indicators[0].id;
    let text = format!("{id},Labour\n{id},Interior\nNOPE,Labour\n,Labour\n");
    let (_, diags) = mgi::merge::split::assign(fw, "bodies.csv", &text, "en");
    diags.iter().map(|d| d.code.to_string()).collect()
}
