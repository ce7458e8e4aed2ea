//! Text that fits: in every template and gap report, in every language, no wrapped cell
//! needs more lines than its row holds. Read from the files themselves (the sheet XML:
//! column widths, row heights, merged ranges, each cell's font and wrapping), with the
//! width table of the font the workbook sets.

use mgi::intake::Reader;
use mgi::report::gap_report::{ReportOptions, gap_report};
use mgi::results::evaluate;
use mgi::rules::Rules;
use mgi::sheet::fit::{Font, column_px, height_for_text, lines_in_px, stored_px};
use mgi::template::{Prefill, TemplateOptions, template_workbook};
use std::collections::BTreeMap;
use std::io::Read;

fn part(bytes: &[u8], name: &str) -> Option<String> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut f = zip.by_name(name).ok()?;
    let mut s = String::new();
    f.read_to_string(&mut s).unwrap();
    Some(s)
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let key = format!(" {name}=\"");
    let i = tag.find(&key)? + key.len();
    let j = tag[i..].find('"')?;
    Some(tag[i..i + j].to_string())
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// The elements `<name ...>...</name>` or `<name .../>` of a text, each as (start tag,
/// inner text).
fn elements<'a>(xml: &'a str, name: &str) -> Vec<(&'a str, &'a str)> {
    let open = format!("<{name}");
    let close = format!("</{name}>");
    let mut out = Vec::new();
    let mut rest = xml;
    while let Some(i) = rest.find(&open) {
        let after = &rest[i + open.len()..];
        // `<c` must not match `<col`.
        if !after.starts_with([' ', '>', '/']) {
            rest = after;
            continue;
        }
        let end = after.find('>').unwrap();
        let tag = &rest[i..i + open.len() + end + 1];
        if tag.ends_with("/>") {
            out.push((tag, ""));
            rest = &after[end + 1..];
        } else {
            let body = &after[end + 1..];
            let j = body.find(&close).unwrap();
            out.push((tag, &body[..j]));
            rest = &body[j + close.len()..];
        }
    }
    out
}

fn shared_strings(bytes: &[u8]) -> Vec<String> {
    let Some(xml) = part(bytes, "xl/sharedStrings.xml") else {
        return Vec::new();
    };
    elements(&xml, "si")
        .into_iter()
        .map(|(_, si)| {
            elements(si, "t")
                .into_iter()
                .map(|(_, t)| unescape(t))
                .collect::<String>()
        })
        .collect()
}

/// Per cell format index: its font, whether it wraps and whether it is turned upright.
fn formats(bytes: &[u8]) -> Vec<(Font, bool, bool)> {
    let xml = part(bytes, "xl/styles.xml").unwrap();
    let fonts_xml = &xml[xml.find("<fonts").unwrap()..xml.find("</fonts>").unwrap()];
    let fonts: Vec<Font> = elements(fonts_xml, "font")
        .into_iter()
        .map(|(_, f)| {
            let size = elements(f, "sz")
                .first()
                .and_then(|(t, _)| attr(t, "val"))
                .and_then(|v| v.parse().ok())
                .unwrap_or(11.0);
            let name = elements(f, "name")
                .first()
                .and_then(|(t, _)| attr(t, "val"))
                .unwrap_or_default();
            assert_eq!(name, "Calibri", "the width table is Calibri's (Carlito)");
            Font::new(size, f.contains("<b/>"), f.contains("<i/>"))
        })
        .collect();
    let xfs = &xml[xml.find("<cellXfs").unwrap()..xml.find("</cellXfs>").unwrap()];
    elements(xfs, "xf")
        .into_iter()
        .map(|(tag, body)| {
            let font: usize = attr(tag, "fontId").unwrap().parse().unwrap();
            let upright =
                body.contains("textRotation=\"90\"") || body.contains("textRotation=\"255\"");
            (fonts[font], body.contains("wrapText=\"1\""), upright)
        })
        .collect()
}

fn col_index(cell: &str) -> u32 {
    let letters: String = cell
        .chars()
        .take_while(|c| c.is_ascii_alphabetic())
        .collect();
    letters
        .chars()
        .fold(0, |n, c| n * 26 + (c as u32 - 'A' as u32 + 1))
        - 1
}

/// Every wrapped text cell of a workbook whose row is lower than its lines need:
/// (sheet, cell, lines, row height, needed height).
fn overflows(bytes: &[u8]) -> Vec<String> {
    let strings = shared_strings(bytes);
    let fmts = formats(bytes);
    let wb = part(bytes, "xl/workbook.xml").unwrap();
    let names: Vec<String> = elements(&wb, "sheet")
        .into_iter()
        .map(|(t, _)| unescape(&attr(t, "name").unwrap()))
        .collect();
    let mut problems = Vec::new();
    for (k, sheet) in names.iter().enumerate() {
        let xml = part(bytes, &format!("xl/worksheets/sheet{}.xml", k + 1)).unwrap();
        let mut widths: BTreeMap<u32, f64> = BTreeMap::new();
        for (tag, _) in elements(&xml, "col") {
            let a: u32 = attr(tag, "min").unwrap().parse().unwrap();
            let b: u32 = attr(tag, "max").unwrap().parse().unwrap();
            let w: f64 = attr(tag, "width").unwrap().parse().unwrap();
            for c in a..=b {
                widths.insert(c - 1, w);
            }
        }
        let px = |c: u32| -> f64 {
            match widths.get(&c) {
                Some(&w) => stored_px(w),
                None => column_px(8.43),
            }
        };
        // Merged ranges: (first row, first column) -> (last row, last column).
        let mut merged: BTreeMap<(u32, u32), (u32, u32)> = BTreeMap::new();
        let row_of = |a: &str| -> u32 {
            a.trim_start_matches(|c: char| c.is_ascii_alphabetic())
                .parse()
                .unwrap()
        };
        for (tag, _) in elements(&xml, "mergeCell") {
            let r = attr(tag, "ref").unwrap();
            let (a, b) = r.split_once(':').unwrap();
            merged.insert((row_of(a), col_index(a)), (row_of(b), col_index(b)));
        }
        let mut heights: BTreeMap<u32, f64> = BTreeMap::new();
        for (rtag, _) in elements(&xml, "row") {
            let row: u32 = attr(rtag, "r").unwrap().parse().unwrap();
            let ht = attr(rtag, "ht").and_then(|h| h.parse().ok());
            heights.insert(row, ht.unwrap_or(15.0));
        }
        for (rtag, rbody) in elements(&xml, "row") {
            let row: u32 = attr(rtag, "r").unwrap().parse().unwrap();
            let row_ht: f64 = heights[&row];
            for (ctag, cbody) in elements(rbody, "c") {
                if attr(ctag, "t").as_deref() != Some("s") {
                    continue;
                }
                let s: usize = attr(ctag, "s").map(|s| s.parse().unwrap()).unwrap_or(0);
                let (font, wrap, upright) = fmts[s];
                if !wrap {
                    continue;
                }
                let v: usize = elements(cbody, "v")[0].1.parse().unwrap();
                let text = &strings[v];
                let cell = attr(ctag, "r").unwrap();
                let c = col_index(&cell);
                let (last_row, last) = merged.get(&(row, c)).copied().unwrap_or((row, c));
                // A range merged down holds the rows' heights together.
                let ht: f64 = row_ht
                    + (row + 1..=last_row)
                        .map(|r| heights.get(&r).copied().unwrap_or(15.0))
                        .sum::<f64>();
                let width: f64 = (c..=last).map(px).sum();
                if width == 0.0 {
                    continue;
                }
                if upright {
                    // Lines run up the row: the row's height is their length, the
                    // column's width holds them side by side.
                    let lines = lines_in_px(text, ht * 96.0 / 72.0, &font);
                    let need = height_for_text(text, lines, &font) * 96.0 / 72.0;
                    if width + 1.0 < need {
                        problems.push(format!(
                            "{sheet}!{cell}: {lines} upright lines need {need} px, the column holds {width} px: {:?}",
                            text.chars().take(60).collect::<String>()
                        ));
                    }
                    continue;
                }
                let lines = lines_in_px(text, width, &font);
                let need = height_for_text(text, lines, &font);
                if ht + 0.5 < need {
                    problems.push(format!(
                        "{sheet}!{cell}: {lines} lines need {need} pt, the row holds {ht} pt: {:?}",
                        text.chars().take(60).collect::<String>()
                    ));
                }
            }
        }
    }
    problems
}

#[test]
fn every_wrapped_cell_fits_its_row_in_every_template_and_gap_report() {
    let rules = Rules::bundled();
    let reader = Reader::new(&rules);
    let mut problems = Vec::new();
    // Views (derived through a crosswalk) have no workbook of their own.
    for fw in rules.frameworks.iter().filter(|f| !f.is_view()) {
        for &lang in mgi::i18n::catalogue::LANGUAGES {
            let opts = TemplateOptions {
                lang: lang.into(),
                prefill: Prefill::default(),
            };
            let (bytes, _) = template_workbook(fw, &opts).unwrap();
            problems.extend(
                overflows(&bytes)
                    .into_iter()
                    .map(|p| format!("template {} {lang}: {p}", fw.id)),
            );
            let filled =
                crate::fixtures::styled(fw, 0, lang, crate::synth::AnswerStyle::Codes, |_| {})
                    .unwrap();
            let a = &reader.read_bytes("x.xlsx", &filled, None).unwrap()[0];
            let r = evaluate(fw, a);
            let report = gap_report(
                fw,
                &r,
                &ReportOptions {
                    lang: lang.into(),
                    format: "xlsx".into(),
                    file: None,
                },
            )
            .unwrap();
            problems.extend(
                overflows(&report)
                    .into_iter()
                    .map(|p| format!("gap report {} {lang}: {p}", fw.id)),
            );
        }
    }
    assert!(
        problems.is_empty(),
        "{} cells do not fit:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn the_checker_sees_a_row_that_is_too_low() {
    // A wrapped text in a narrow column with the default row height: the check must
    // catch it, or the test above proves nothing.
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    let f = rust_xlsxwriter::Format::new().set_text_wrap();
    ws.set_column_width(0, 10).unwrap();
    ws.write_string_with_format(0, 0, "a text far too long for its narrow column", &f)
        .unwrap();
    let bytes = wb.save_to_buffer().unwrap();
    let p = overflows(&bytes);
    assert_eq!(p.len(), 1, "{p:?}");
    assert!(p[0].starts_with("Sheet1!A1: "), "{p:?}");
}

/// The comparison, progress and crosswalk workbooks of the command line, in every
/// interface language (CJK and Arabic text is wider, CJK lines taller).
fn other_workbooks(dir: &std::path::Path, lang: &str) -> Vec<(String, Vec<u8>)> {
    use crate::compare::{generate, write_sdg};
    use crate::harness::{mgi_in, root};
    let inputs = generate(dir, 6, "mgi");
    let old = write_sdg(dir, "old.xlsx", "2024", &[("PD_2.a", "no")]);
    let new = write_sdg(dir, "new.xlsx", "2026", &[("PD_2.a", "yes")]);
    let cmp = format!("cmp-{lang}.xlsx");
    let prog = format!("prog-{lang}.xlsx");
    let cw = format!("cw-{lang}.xlsx");
    let fixture = root().join("fixtures/XAA-2026-mgi.xlsx");
    let runs: [Vec<&str>; 3] = [
        vec![
            "compare",
            &inputs,
            "-o",
            &cmp,
            "--lang",
            lang,
            "--uncertainty",
            "50",
            "--seed",
            "1",
            "--rank",
            "--group-by",
            "region",
        ],
        vec!["progress", &old, &new, "-o", &prog, "--lang", lang],
        vec![
            "crosswalk",
            "--to",
            "sdg-10-7-2",
            fixture.to_str().unwrap(),
            "-o",
            &cw,
            "--lang",
            lang,
        ],
    ];
    for args in &runs {
        let run = mgi_in(dir, args);
        assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
    }
    [cmp, prog, cw]
        .into_iter()
        .map(|f| {
            let bytes = std::fs::read(dir.join(&f)).unwrap();
            (f, bytes)
        })
        .collect()
}

#[test]
fn every_wrapped_cell_fits_its_row_in_comparison_progress_and_crosswalk_workbooks() {
    let dir = crate::harness::tmp();
    let mut problems = Vec::new();
    for &lang in mgi::i18n::catalogue::LANGUAGES {
        for (f, bytes) in other_workbooks(dir.path(), lang) {
            problems.extend(overflows(&bytes).into_iter().map(|p| format!("{f}: {p}")));
        }
    }
    assert!(
        problems.is_empty(),
        "{} cells do not fit:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// The sheets of a workbook that are not right to left.
fn left_to_right_sheets(bytes: &[u8]) -> Vec<String> {
    let wb = part(bytes, "xl/workbook.xml").unwrap();
    elements(&wb, "sheet")
        .into_iter()
        .enumerate()
        .filter(|(_, (t, _))| attr(t, "state").as_deref() != Some("hidden"))
        .filter(|(k, _)| {
            let xml = part(bytes, &format!("xl/worksheets/sheet{}.xml", k + 1)).unwrap();
            !xml.contains("rightToLeft=\"1\"")
        })
        .map(|(_, (t, _))| unescape(&attr(t, "name").unwrap()))
        .collect()
}

#[test]
fn every_arabic_workbook_reads_right_to_left_and_no_other_does() {
    let rules = Rules::bundled();
    let reader = Reader::new(&rules);
    let dir = crate::harness::tmp();
    for lang in ["ar", "fr"] {
        let mut books: Vec<(String, Vec<u8>)> = Vec::new();
        for fw in rules.frameworks.iter().filter(|f| !f.is_view()) {
            let opts = TemplateOptions {
                lang: lang.into(),
                prefill: Prefill::default(),
            };
            books.push((
                format!("template {}", fw.id),
                template_workbook(fw, &opts).unwrap().0,
            ));
            let filled =
                crate::fixtures::styled(fw, 0, lang, crate::synth::AnswerStyle::Codes, |_| {})
                    .unwrap();
            let a = &reader.read_bytes("x.xlsx", &filled, None).unwrap()[0];
            let report = gap_report(
                fw,
                &evaluate(fw, a),
                &ReportOptions {
                    lang: lang.into(),
                    format: "xlsx".into(),
                    file: None,
                },
            )
            .unwrap();
            books.push((format!("gap report {}", fw.id), report));
        }
        books.extend(other_workbooks(dir.path(), lang));
        assert_eq!(
            books.len(),
            9,
            "three templates, three reports, three others"
        );
        for (name, bytes) in &books {
            let ltr = left_to_right_sheets(bytes);
            if lang == "ar" {
                assert!(ltr.is_empty(), "{name} ({lang}): left to right: {ltr:?}");
            } else {
                let wb = part(bytes, "xl/workbook.xml").unwrap();
                let shown = elements(&wb, "sheet")
                    .into_iter()
                    .filter(|(t, _)| attr(t, "state").as_deref() != Some("hidden"))
                    .count();
                assert_eq!(ltr.len(), shown, "{name} ({lang}) has right-to-left sheets");
            }
        }
    }
}

/// The comparison workbook's Sensitivity sheet sizes its rows with `sheet::Grid`: every
/// wrapped cell fits, in every interface language (the notes, the factors' names and
/// one sentence per unit are long, and CJK and Arabic text is wider).
#[test]
fn every_wrapped_cell_fits_its_row_in_the_sensitivity_sheet() {
    use crate::compare::generate;
    use crate::harness::{mgi_in, tmp};
    let dir = tmp();
    let inputs = generate(dir.path(), 5, "mgi");
    let mut problems = Vec::new();
    for &lang in mgi::i18n::catalogue::LANGUAGES {
        let cmp = format!("cmp-{lang}.xlsx");
        let run = mgi_in(
            dir.path(),
            &[
                "compare",
                &inputs,
                "-o",
                &cmp,
                "--lang",
                lang,
                "--sensitivity",
                "30",
                "--rank",
            ],
        );
        assert_eq!(run.code, 0, "{}", run.stderr);
        let sheet = format!("{}!", mgi::i18n::msg(lang, "sensitivity.sheet.name"));
        let bytes = std::fs::read(dir.path().join(&cmp)).unwrap();
        let all = overflows(&bytes);
        problems.extend(
            all.into_iter()
                .filter(|p| p.starts_with(&sheet))
                .map(|p| format!("{lang}: {p}")),
        );
    }
    assert!(
        problems.is_empty(),
        "{} cells do not fit:\n{}",
        problems.len(),
        problems.join("\n")
    );
}
