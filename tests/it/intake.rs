//! The workbook round trip: template, intake and `mgi validate`.

use crate::fixtures::{self, MESSY_ANSWER, MESSY_COMMENT, MESSY_EVIDENCE, MESSY_HEADER_ROW};
use crate::harness::{mgi, root, tmp};
use calamine::{Data, Reader as _, open_workbook_auto};
use mgi::intake::{Reader, Reading};
use mgi::rules::{Framework, Rules, ScaleKind, criterion_scale};
use mgi::template::{CellValue, Fill, Prefill, TemplateOptions, template_workbook};
use std::collections::BTreeMap;
use std::io::Read;

/// Every answer row id of a framework, with the scale it is answered on.
fn answer_rows(fw: &Framework) -> Vec<(String, mgi::rules::Scale)> {
    let mut out = Vec::new();
    for i in fw.indicators_in_tree_order() {
        let ind = &fw.indicators[i];
        let scale = &fw.scales[ind.scale];
        if scale.cumulative {
            for c in &ind.criteria {
                out.push((c.id.clone(), criterion_scale()));
            }
        } else {
            out.push((ind.id.clone(), scale.clone()));
        }
    }
    out
}

#[test]
fn round_trip_every_framework_and_language() {
    let rules = Rules::bundled();
    let reader = Reader::new(&rules);
    assert!(!rules.frameworks.is_empty());
    // A view has no workbook (it is scored through a crosswalk).
    for fw in rules.frameworks.iter().filter(|f| !f.is_view()) {
        for lang in &fw.languages {
            let mut prefill = Prefill::default();
            prefill.about.insert("unit_code".into(), "XAA".into());
            prefill.about.insert("period".into(), "2026".into());
            prefill.about.insert("round".into(), "2".into());
            for q in &fw.context {
                prefill
                    .context
                    .insert(q.id.clone(), q.options.last().unwrap().code.clone());
            }
            let mut expected: BTreeMap<String, Reading> = BTreeMap::new();
            for (n, (id, scale)) in answer_rows(fw).into_iter().enumerate() {
                let (cell, reading) = if scale.kind == ScaleKind::Numeric {
                    let x = scale.numeric.as_ref().unwrap().goalposts[0].0;
                    (CellValue::Number(x), Reading::Number(x))
                } else {
                    let k = n % scale.options.len();
                    let o = &scale.options[k];
                    // The code, the label in each of the framework's languages, an alias
                    // (all of them in turn down the rows); odd case and spaces.
                    let variants = fw.languages.len() + 3;
                    let v = (n / scale.options.len()) % variants;
                    let label = |l: &str| o.label.0.get(l).cloned().unwrap_or(o.code.clone());
                    let text = if v == 0 {
                        o.code.clone()
                    } else if v <= fw.languages.len() {
                        let l = fw.languages[v - 1].as_str();
                        match v % 3 {
                            0 => format!(" {} ", label(l).to_uppercase()),
                            1 => label(l).to_lowercase(),
                            _ => label(l),
                        }
                    } else if v == fw.languages.len() + 1 && !o.aliases.is_empty() {
                        o.aliases[(n / (scale.options.len() * variants)) % o.aliases.len()].clone()
                    } else {
                        o.code.to_uppercase()
                    };
                    (CellValue::Text(text), Reading::Option(k))
                };
                prefill.rows.insert(
                    id.clone(),
                    Fill {
                        answer: Some(cell),
                        evidence: Some(format!("source for {id}")),
                        ..Default::default()
                    },
                );
                expected.insert(id, reading);
            }
            // Rows of indicators whose level comes from criteria are read, blank.
            for ind in &fw.indicators {
                if fw.scales[ind.scale].cumulative {
                    expected.insert(ind.id.clone(), Reading::Blank);
                }
            }
            // A not-applicable (with its justification) and a don't-know in the mix.
            let ids: Vec<String> = expected.keys().cloned().collect();
            prefill.rows.insert(
                ids[0].clone(),
                Fill {
                    answer: Some(CellValue::Text(
                        fw.special.not_applicable.label.0[lang.as_str()].clone(),
                    )),
                    comment: Some("why".into()),
                    ..Default::default()
                },
            );
            expected.insert(ids[0].clone(), Reading::NotApplicable);
            prefill.rows.insert(
                ids[1].clone(),
                Fill {
                    answer: Some(CellValue::Text(fw.special.dont_know.code.clone())),
                    ..Default::default()
                },
            );
            expected.insert(ids[1].clone(), Reading::DontKnow);
            prefill.rows.insert(
                ids[2].clone(),
                Fill {
                    answer: Some(CellValue::Text(
                        fw.special.dont_know.label.0[lang.as_str()].clone(),
                    )),
                    ..Default::default()
                },
            );
            expected.insert(ids[2].clone(), Reading::DontKnow);

            let (bytes, _) = template_workbook(
                fw,
                &TemplateOptions {
                    lang: lang.clone(),
                    prefill: prefill.clone(),
                },
            )
            .unwrap();
            let read = reader.read_bytes("round-trip.xlsx", &bytes, None).unwrap();
            assert_eq!(read.len(), 1);
            let a = &read[0];
            assert_eq!(a.framework, fw.id);
            assert_eq!(a.meta.unit_code, "XAA");
            assert_eq!(a.meta.period, "2026");
            assert_eq!(a.meta.round, "2");
            assert_eq!(a.meta.language, *lang);
            assert_eq!(a.meta.context.len(), fw.context.len());
            let got: BTreeMap<String, Reading> = a
                .answers
                .iter()
                .map(|x| (x.id.clone(), x.reading))
                .collect();
            assert_eq!(got, expected, "{} {lang}", fw.id);
            for x in &a.answers {
                if let Some(Fill {
                    evidence: Some(e), ..
                }) = prefill.rows.get(&x.id)
                {
                    assert_eq!(&x.evidence, e);
                }
            }
            let errors: Vec<String> = a
                .diagnostics
                .iter()
                .filter(|d| d.is_error())
                .map(|d| d.to_string())
                .collect();
            assert!(errors.is_empty(), "{} {lang}: {errors:?}", fw.id);
        }
    }
}

/// Every spelling of every answer of every bundled framework (its code, its label in
/// each language the framework carries, each alias; the special answers and the
/// criteria's yes/no too) reads back as that answer, in any case and with stray spaces.
#[test]
fn every_code_label_and_alias_in_every_language_reads_as_its_answer() {
    use mgi::intake::Matcher;
    use mgi::intake::grid::Value;
    let rules = Rules::bundled();
    let mut problems = Vec::new();
    let mut checked = 0;
    for fw in &rules.frameworks {
        let m = Matcher::new(fw);
        let mut check = |scale: Option<usize>, spelling: &str, want: Reading| {
            for typed in [
                spelling.to_string(),
                format!("  {}  ", spelling.to_uppercase()),
            ] {
                let (got, _) = m.read(fw, scale, Some(&Value::Text(typed.clone())));
                checked += 1;
                if got != want {
                    problems.push(format!(
                        "{} {scale:?}: {typed:?} read as {got:?}, expected {want:?}",
                        fw.id
                    ));
                }
            }
        };
        let crit = criterion_scale();
        let scales: Vec<(Option<usize>, &mgi::rules::Scale)> = fw
            .scales
            .iter()
            .enumerate()
            .map(|(i, s)| (Some(i), s))
            .chain(std::iter::once((None, &crit)))
            .collect();
        for (si, scale) in scales {
            for (k, o) in scale.options.iter().enumerate() {
                check(si, &o.code, Reading::Option(k));
                for l in &fw.languages {
                    let label = o
                        .label
                        .get(l)
                        .unwrap_or_else(|| panic!("{} {}: no {l} label", fw.id, o.code));
                    check(si, label, Reading::Option(k));
                }
                for a in &o.aliases {
                    check(si, a, Reading::Option(k));
                }
            }
            for (sp, want) in [
                (&fw.special.not_applicable, Reading::NotApplicable),
                (&fw.special.dont_know, Reading::DontKnow),
            ] {
                check(si, &sp.code, want);
                for l in &fw.languages {
                    check(si, sp.label.get(l).unwrap(), want);
                }
                for a in &sp.aliases {
                    check(si, a, want);
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(checked > 500, "{checked}");
}

/// The xml of a part of an xlsx.
fn part(bytes: &[u8], name: &str) -> String {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut s = String::new();
    z.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

/// Attributes of every element named `tag` in an xml text (a small scanner: the parts
/// written by rust_xlsxwriter use plain double-quoted attributes).
fn elements(xml: &str, tag: &str) -> Vec<BTreeMap<String, String>> {
    let open = format!("<{tag} ");
    let mut out = Vec::new();
    for chunk in xml.split(&open).skip(1) {
        let head = &chunk[..chunk.find('>').unwrap_or(chunk.len())];
        let mut attrs = BTreeMap::new();
        for pair in head.split('"').collect::<Vec<_>>().chunks(2) {
            if let [k, v] = pair {
                attrs.insert(k.trim().trim_end_matches('=').to_string(), v.to_string());
            }
        }
        out.push(attrs);
    }
    out
}

/// Formula texts of each dataValidation, in order.
fn validation_formulas(xml: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = xml;
    while let Some(i) = rest.find("<dataValidation ") {
        let chunk = &rest[i..];
        let end = chunk.find("</dataValidation>").unwrap_or(chunk.len());
        let dv = &chunk[..end];
        let sqref = dv
            .split("sqref=\"")
            .nth(1)
            .and_then(|s| s.split('"').next())
            .unwrap_or("")
            .to_string();
        let f = dv
            .split("<formula1>")
            .nth(1)
            .and_then(|s| s.split("</formula1>").next())
            .unwrap_or("")
            .to_string();
        out.push((sqref, f));
        rest = &chunk[end.min(chunk.len())..];
        if end == chunk.len() {
            break;
        }
    }
    out
}

#[test]
fn template_sheets_headers_dropdowns_and_locks() {
    let dir = tmp();
    let out = dir.path().join("t.xlsx");
    let run = mgi(&[
        "template",
        "--framework",
        "sdg-10-7-2",
        "--lang",
        "es",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("30 answer rows"), "{}", run.stdout);
    let mut wb = open_workbook_auto(&out).unwrap();
    assert_eq!(
        wb.sheet_names(),
        ["Instrucciones", "Acerca de", "Evaluación", "Listas"],
        "sheet names in the template's language"
    );
    let hidden: Vec<bool> = wb
        .sheets_metadata()
        .iter()
        .map(|s| s.visible != calamine::SheetVisible::Visible)
        .collect();
    assert_eq!(hidden, [false, false, false, true]);
    let a = wb.worksheet_range("Evaluación").unwrap();
    let header: Vec<String> = (0..8)
        .map(|c| {
            a.get_value((0, c))
                .map(|v| v.to_string())
                .unwrap_or_default()
        })
        .collect();
    assert_eq!(
        header,
        [
            "Identificador",
            "Dominio",
            "Pregunta",
            "Orientación: qué sirve de evidencia",
            "Respuesta",
            "Evidencia o fuente",
            "Comentario (justifique aquí cualquier «No aplica»)",
            "Entidad responsable"
        ]
    );
    // Indicator rows, grouped under their domain rows.
    let ids: Vec<String> = (1..a.height() as u32)
        .map(|r| {
            a.get_value((r, 0))
                .map(|v| v.to_string())
                .unwrap_or_default()
        })
        .collect();
    assert_eq!(ids[0], "PD_1");
    assert_eq!(
        &ids[1..6],
        ["PD_1.a", "PD_1.b", "PD_1.c", "PD_1.d", "PD_1.e"]
    );
    assert_eq!(ids[6], "PD_2");
    assert_eq!(ids.len(), 36);
    let about = wb.worksheet_range("Acerca de").unwrap();
    let keys: Vec<String> = (2..15)
        .map(|r| {
            about
                .get_value((r, 0))
                .map(|v| v.to_string())
                .unwrap_or_default()
        })
        .collect();
    assert_eq!(keys[0], "unit_code");
    assert_eq!(
        about.get_value((7, 2)),
        Some(&Data::String("sdg-10-7-2".into()))
    );
    let lists = wb.worksheet_range("Listas").unwrap();
    let col = |c: u32| -> Vec<String> {
        (0..lists.height() as u32)
            .filter_map(|r| lists.get_value((r, c)).map(|v| v.to_string()))
            .filter(|s| !s.is_empty())
            .collect()
    };
    assert_eq!(
        col(0),
        [
            "access",
            "Sí, independientemente de la situación migratoria",
            "Solo para migrantes en situación regular",
            "No",
            "No aplica",
            "No sabe"
        ]
    );
    assert_eq!(
        col(1),
        ["policy", "Sí", "Parcialmente", "No", "No aplica", "No sabe"]
    );

    // Dropdowns: every indicator's answer cell (column E) takes its scale's list.
    let bytes = std::fs::read(&out).unwrap();
    let sheet = part(&bytes, "xl/worksheets/sheet3.xml");
    let dvs = validation_formulas(&sheet);
    for (r, id) in ids.iter().enumerate() {
        let cell = format!("E{}", r + 2);
        let dv = dvs.iter().find(|(s, _)| s.split(' ').any(|x| x == cell));
        if id.contains('.') {
            let (_, f) = dv.unwrap_or_else(|| panic!("no dropdown on {cell} ({id})"));
            let expected = if id.starts_with("PD_1") {
                "Listas!$A$2:$A$6"
            } else {
                "Listas!$B$2:$B$6"
            };
            assert_eq!(f, expected, "{cell}");
        } else {
            assert!(dv.is_none(), "heading row {id} has a dropdown");
        }
    }
    // Locks: the sheet is protected; answer, evidence, comment and responsible cells are
    // unlocked, id, question and guidance are locked.
    assert!(sheet.contains("<sheetProtection"));
    let styles = part(&bytes, "xl/styles.xml");
    let xfs_xml = styles
        .split("<cellXfs")
        .nth(1)
        .unwrap()
        .split("</cellXfs>")
        .next()
        .unwrap();
    let unlocked: Vec<bool> = xfs_xml
        .split("<xf ")
        .skip(1)
        .map(|x| x.split("</xf>").next().unwrap().contains("locked=\"0\""))
        .collect();
    let cells = elements(&sheet, "c");
    let style_of = |r: &str| -> bool {
        let c = cells
            .iter()
            .find(|c| c["r"] == r)
            .unwrap_or_else(|| panic!("no cell {r}"));
        unlocked[c.get("s").map(|s| s.parse::<usize>().unwrap()).unwrap_or(0)]
    };
    for r in [3, 10, 36] {
        for c in ["E", "F", "G", "H"] {
            assert!(style_of(&format!("{c}{r}")), "{c}{r} should be unlocked");
        }
        for c in ["A", "C", "D"] {
            assert!(!style_of(&format!("{c}{r}")), "{c}{r} should be locked");
        }
    }
    let about_xml = part(&bytes, "xl/worksheets/sheet2.xml");
    assert!(about_xml.contains("<sheetProtection"));
}

fn messy_file() -> (
    tempfile::TempDir,
    std::path::PathBuf,
    Vec<fixtures::Planted>,
) {
    let rules = Rules::bundled();
    let (bytes, planted) = fixtures::messy(rules.get("sdg-10-7-2").unwrap()).unwrap();
    let dir = tmp();
    let path = dir.path().join("XAD-messy.xlsx");
    std::fs::write(&path, bytes).unwrap();
    (dir, path, planted)
}

#[test]
fn validate_reports_each_planted_problem_at_its_cell() {
    let (_dir, path, planted) = messy_file();
    let p = path.to_str().unwrap();
    let text = mgi(&["validate", p]);
    assert_eq!(text.code, 1, "{}", text.stdout);
    let json = mgi(&["validate", p, "--format", "json"]);
    assert_eq!(json.code, 1);
    let j = json.json();
    assert_eq!(j["schema"], "mgi.validate/1");
    assert_eq!(j["file"], p);
    let diags = j["diagnostics"].as_array().unwrap();
    assert_eq!(
        j["errors"].as_u64().unwrap() as usize,
        diags.iter().filter(|d| d["severity"] == "error").count()
    );
    for pl in &planted {
        let (sheet, cell) = match pl.place.split_once('!') {
            Some((s, c)) => (s.to_string(), Some(c.to_string())),
            None => (pl.place.clone(), None),
        };
        let hit = diags.iter().any(|d| {
            d["code"] == pl.code.as_str()
                && d["sheet"] == sheet.as_str()
                && cell.as_deref().is_none_or(|c| d["cell"] == c)
        });
        assert!(
            hit,
            "{} at {} not in JSON:\n{}",
            pl.code, pl.place, json.stdout
        );
        let needle = match &cell {
            Some(c) => format!("[{}] {p} {sheet}!{c}:", pl.code),
            None => format!("[{}] {p} sheet {sheet}:", pl.code),
        };
        assert!(
            text.stdout.contains(&needle),
            "{needle} not in text:\n{}",
            text.stdout
        );
    }
    // Messages say what was found and what was expected.
    assert!(text.stdout.contains("Assessment!A13: \"maybe\" is not an answer of this scale; expected one of: Yes, Partially, No, Not applicable, Don't know"), "{}", text.stdout);
    assert!(
        text.stdout
            .contains("Assessment!A9: the cell holds the error value #N/A; expected one of:"),
        "{}",
        text.stdout
    );
    assert!(text.stdout.contains("\"PD_2.a\" is answered not applicable without a justification; expected the reason in the Comment column"));
    assert!(text.stdout.contains("no row for \"PD_2.d\""));
    assert!(
        text.stdout.contains(
            "4 error(s), 10 warning(s) (XAD 2026 round 1, sdg-10-7-2 1.1.0, 29 answer rows)"
        ),
        "{}",
        text.stdout
    );
}

#[test]
fn messy_answers_are_read_as_meant() {
    let (_dir, path, _) = messy_file();
    let rules = Rules::bundled();
    let fw = rules.get("sdg-10-7-2").unwrap();
    let read = Reader::new(&rules).read_path(&path, None).unwrap();
    let a = &read[0];
    let code = |id: &str| -> String {
        let ans = a.answer(id).unwrap_or_else(|| panic!("no answer {id}"));
        let ind = &fw.indicators[fw.indicator_index(id).unwrap()];
        match ans.reading {
            Reading::Option(k) => fw.scales[ind.scale].options[k].code.clone(),
            other => format!("{other:?}"),
        }
    };
    assert_eq!(a.meta.unit_code, "XAD");
    assert_eq!(a.meta.unit_name, "Ferdaria (fictional)");
    assert_eq!(a.meta.groups["region"], "Islands");
    assert_eq!(code("PD_1.a"), "all"); // alias " oui "
    assert_eq!(code("PD_1.b"), "all"); // alias in capitals
    assert_eq!(code("PD_1.c"), "all"); // the number 1
    assert_eq!(code("PD_1.d"), "regular"); // formula: its cached value
    assert_eq!(code("PD_1.e"), "Invalid"); // #N/A
    assert_eq!(code("PD_2.a"), "NotApplicable");
    assert_eq!(code("PD_2.c"), "yes"); // first of the duplicated rows
    assert_eq!(code("PD_2.e"), "DontKnow");
    assert_eq!(code("PD_3.a"), "yes"); // merged cell, first row
    assert_eq!(code("PD_3.b"), "Blank");
    assert_eq!(code("PD_4.a"), "partial"); // "0.5" as text
    assert_eq!(code("PD_4.b"), "yes"); // " 1 "
    assert_eq!(code("PD_5.e"), "partial"); // "en partie"
    assert_eq!(code("PD_6.a"), "yes"); // "Y"
    assert!(a.answer("PD_2.d").is_none());
    assert_eq!(
        a.answer("PD_3.d").unwrap().comment,
        "No readmission partner countries: landlocked island state"
    );
    assert_eq!(
        a.answer("PD_3.e").unwrap().evidence,
        "",
        "an error value is not evidence"
    );
    assert_eq!(a.answer("PD_1.a").unwrap().source_cell(), "Assessment!A5");
}

#[test]
fn nothing_in_answer_evidence_or_comment_columns_is_lost() {
    let (_dir, path, _) = messy_file();
    let rules = Rules::bundled();
    let read = Reader::new(&rules).read_path(&path, None).unwrap();
    let a = &read[0];
    // Read the sheet independently and account for every non-empty cell.
    let mut wb = open_workbook_auto(&path).unwrap();
    let range = wb.worksheet_range("Assessment").unwrap();
    let (r0, c0) = range.start().unwrap();
    let mut checked = 0;
    for (r, c, v) in range.used_cells() {
        let (row, col) = (r0 + r as u32, c0 + c as u32);
        let col = col as u16;
        if row <= MESSY_HEADER_ROW || ![MESSY_ANSWER, MESSY_EVIDENCE, MESSY_COMMENT].contains(&col)
        {
            continue;
        }
        let text = match v {
            Data::Float(x) => mgi::intake::grid::number_text(*x),
            other => other.to_string(),
        };
        if text.trim().is_empty() {
            continue;
        }
        checked += 1;
        let cell = mgi::diag::a1(row, col as u32);
        let row_cell = mgi::diag::a1(row, MESSY_ANSWER as u32);
        let in_answers = a.answers.iter().any(|x| {
            x.location.cell.as_deref() == Some(row_cell.as_str())
                && match col {
                    MESSY_ANSWER => x.given == text,
                    MESSY_EVIDENCE => x.evidence == text.trim(),
                    _ => x.comment == text.trim(),
                }
        });
        let in_diags = a.diagnostics.iter().any(|d| {
            d.message.contains(&cell) || d.location.cell.as_deref() == Some(cell.as_str())
        });
        assert!(
            in_answers || in_diags,
            "cell {cell} = {text:?} is neither an answer nor in a diagnostic"
        );
    }
    assert!(checked >= 40, "only {checked} cells checked");
}

#[test]
fn bad_files_get_clear_errors_and_do_not_stop_a_batch() {
    let dir = tmp();
    let d = dir.path();
    let rules = Rules::bundled();
    let good = fixtures::styled(
        rules.get("sdg-10-7-2").unwrap(),
        0,
        "en",
        crate::synth::AnswerStyle::Codes,
        |_| {},
    )
    .unwrap();
    std::fs::write(d.join("good.xlsx"), &good).unwrap();
    std::fs::write(
        d.join("notes.xlsx"),
        "these are meeting notes, not a workbook",
    )
    .unwrap();
    std::fs::write(d.join("truncated.xlsx"), &good[..good.len() / 2]).unwrap();
    // A password-protected workbook is an OLE container with an EncryptedPackage stream.
    {
        let mut c = cfb::create(d.join("locked.xlsx")).unwrap();
        c.create_stream("EncryptionInfo").unwrap();
        let mut s = c.create_stream("EncryptedPackage").unwrap();
        std::io::Write::write_all(&mut s, &[0u8; 64]).unwrap();
        drop(s);
        c.flush().unwrap();
    }
    let cases = [
        (
            "notes.xlsx",
            "error[F003]",
            "not a spreadsheet; expected a workbook (xlsx, xlsm, xls, xlsb, ods) or a csv table",
        ),
        (
            "truncated.xlsx",
            "error[F005]",
            "the workbook is damaged or truncated",
        ),
        (
            "locked.xlsx",
            "error[F004]",
            "the workbook is password-protected; expected a workbook saved without a password to open",
        ),
        ("missing.xlsx", "error[F001]", "file not found"),
    ];
    for (name, code, msg) in cases {
        let p = d.join(name);
        let run = mgi(&["validate", p.to_str().unwrap()]);
        assert_eq!(run.code, 2, "{name}: {}", run.stdout);
        let line = format!("{code} {}: {msg}", p.display());
        assert!(
            run.stdout.contains(&line),
            "{name}: expected {line}\n{}",
            run.stdout
        );
        assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    }
    // In a batch the good file is still read, and the exit code says something failed.
    let files: Vec<String> = [
        "notes.xlsx",
        "good.xlsx",
        "truncated.xlsx",
        "locked.xlsx",
        "missing.xlsx",
    ]
    .iter()
    .map(|n| d.join(n).display().to_string())
    .collect();
    let mut args = vec!["validate", "--format", "json"];
    args.extend(files.iter().map(String::as_str));
    let run = mgi(&args);
    assert_eq!(run.code, 1);
    let j = run.json();
    let docs = j.as_array().unwrap();
    assert_eq!(docs.len(), 5);
    assert_eq!(docs[1]["file"], files[1].as_str());
    assert_eq!(docs[1]["errors"], 0);
    for i in [0, 2, 3, 4] {
        assert_eq!(docs[i]["errors"], 1, "{}", docs[i]);
    }
}

#[test]
fn a_workbook_without_about_sheet_is_still_read() {
    let rules = Rules::bundled();
    let fw = rules.get("sdg-10-7-2").unwrap();
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Assessment").unwrap();
    ws.write_string(0, 0, "ID").unwrap();
    ws.write_string(0, 1, "Answer").unwrap();
    ws.write_string(1, 0, "PD_1.a").unwrap();
    ws.write_string(1, 1, "yes").unwrap();
    let bytes = wb.save_to_buffer().unwrap();
    let dir = tmp();
    let p = dir.path().join("no-about.xlsx");
    std::fs::write(&p, bytes).unwrap();
    let run = mgi(&["validate", "--framework", "sdg-10-7-2", p.to_str().unwrap()]);
    assert_eq!(run.code, 1);
    assert!(run.stdout.contains(&format!("error[W001] {}: no About sheet; expected the sheet made by `mgi template` with the country code, period and round", p.display())), "{}", run.stdout);
    let read = Reader::new(&rules)
        .read_path(&p, Some("sdg-10-7-2"))
        .unwrap();
    assert_eq!(read[0].answers.len(), 1);
    assert_eq!(read[0].answers[0].reading, Reading::Option(0));
    // 29 rows missing, each reported.
    assert_eq!(
        read[0]
            .diagnostics
            .iter()
            .filter(|d| d.code == "W012")
            .count(),
        fw.indicators.len() - 1
    );
}

#[test]
fn a_table_of_many_countries() {
    let rules = Rules::bundled();
    let fw = rules.get("sdg-10-7-2").unwrap();
    let csv = fixtures::wide_csv(fw, 4);
    let read = Reader::new(&rules)
        .read_bytes("countries.csv", csv.as_bytes(), Some("sdg-10-7-2"))
        .unwrap();
    assert_eq!(read.len(), 4);
    let codes: Vec<&str> = read.iter().map(|a| a.meta.unit_code.as_str()).collect();
    assert_eq!(codes, ["XAA", "XAB", "XAC", "XAD"]);
    for (i, a) in read.iter().enumerate() {
        let p = crate::synth::synthetic(
            fw,
            &crate::synth::SynthOptions {
                blank: 0.03,
                dont_know: 0.02,
                ..crate::synth::SynthOptions::clean(11, i)
            },
        );
        assert_eq!(a.meta.period, "2026");
        assert_eq!(a.meta.groups["region"], p.about["region"]);
        assert_eq!(a.answers.len(), 30);
        for x in &a.answers {
            let written = match p.rows.get(&x.id).and_then(|f| f.answer.as_ref()) {
                Some(CellValue::Text(t)) => t.clone(),
                _ => String::new(),
            };
            assert_eq!(x.given, written, "{} {}", a.meta.unit_code, x.id);
            assert_eq!(x.location.line, Some(i + 2));
        }
        assert!(!a.has_errors(), "{:?}", a.diagnostics);
    }
    // Same through the command line, from a file.
    let dir = tmp();
    let p = dir.path().join("countries.csv");
    std::fs::write(&p, csv).unwrap();
    let run = mgi(&["validate", p.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(run.stdout.contains("(4 assessments)"), "{}", run.stdout);
}

#[test]
fn committed_fixtures_match_the_code_that_makes_them() {
    let rules = Rules::bundled();
    let reader = Reader::new(&rules);
    let dir = root().join("fixtures");
    let fw = rules.get("sdg-10-7-2").unwrap();
    let (messy, _) = fixtures::messy(fw).unwrap();
    let fresh = reader
        .read_bytes("XAD-2026-sdg-10-7-2-messy.xlsx", &messy, None)
        .unwrap();
    let committed = reader
        .read_path(&dir.join("XAD-2026-sdg-10-7-2-messy.xlsx"), None)
        .unwrap();
    assert_eq!(fresh[0].answers.len(), committed[0].answers.len());
    for (x, y) in fresh[0].answers.iter().zip(&committed[0].answers) {
        assert_eq!(
            (&x.id, &x.given, x.reading),
            (&y.id, &y.given, y.reading),
            "run `cargo run --example fixtures`"
        );
    }
    let xaa = fixtures::styled(fw, 0, "en", crate::synth::AnswerStyle::Codes, |o| {
        o.dont_know = 0.03;
        o.not_applicable = 0.02;
    })
    .unwrap();
    let fresh = reader.read_bytes("XAA.xlsx", &xaa, None).unwrap();
    let committed = reader
        .read_path(&dir.join("XAA-2026-sdg-10-7-2.xlsx"), None)
        .unwrap();
    assert_eq!(fresh[0].meta, committed[0].meta);
    let pairs = |a: &mgi::intake::Assessment| {
        a.answers
            .iter()
            .map(|x| (x.id.clone(), x.given.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        pairs(&fresh[0]),
        pairs(&committed[0]),
        "run `cargo run --example fixtures`"
    );
}

#[test]
fn a_used_range_to_the_last_row_reads_quickly_and_empty() {
    // The messy fixture's used range runs to row 1,048,576; intake keeps only the
    // non-empty cells, so the last row adds nothing.
    let (_dir, path, _) = messy_file();
    let rules = Rules::bundled();
    let read = Reader::new(&rules).read_path(&path, None).unwrap();
    assert_eq!(read[0].answers.len(), 29);
    let bytes = std::fs::read(&path).unwrap();
    let sheet = part(&bytes, "xl/worksheets/sheet3.xml");
    assert!(
        sheet.contains("1048576"),
        "the fixture must reach the last row"
    );
}

#[test]
fn ods_and_xls_read_like_the_xlsx_they_were_saved_from() {
    let rules = Rules::bundled();
    let reader = Reader::new(&rules);
    let dir = root().join("fixtures");
    let xlsx = reader
        .read_path(&dir.join("XAB-2026-sdg-10-7-2.xlsx"), None)
        .unwrap();
    let pairs = |a: &mgi::intake::Assessment| {
        a.answers
            .iter()
            .map(|x| {
                (
                    x.id.clone(),
                    x.reading,
                    x.evidence.clone(),
                    x.location.cell.clone(),
                )
            })
            .collect::<Vec<_>>()
    };
    for f in [
        "formats/XAB-2026-sdg-10-7-2.ods",
        "formats/XAB-2026-sdg-10-7-2.xls",
    ] {
        let other = reader.read_path(&dir.join(f), None).unwrap();
        assert_eq!(other[0].meta, xlsx[0].meta, "{f}");
        assert_eq!(pairs(&other[0]), pairs(&xlsx[0]), "{f}");
        assert!(!other[0].has_errors(), "{f}: {:?}", other[0].diagnostics);
    }
}

#[test]
fn a_table_on_a_sheet_of_a_workbook() {
    // No Assessment sheet: the first sheet whose first row names a country column is a
    // table of units. Values keep their cell types (numbers, text).
    let rules = Rules::bundled();
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Countries").unwrap();
    for (c, h) in [
        "iso3",
        "year",
        "region",
        "PD_1.a",
        "PD_1.a evidence",
        "PD_2.a",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    ws.write_string(1, 0, "xaa").unwrap();
    ws.write_number(1, 1, 2026.0).unwrap();
    ws.write_string(1, 2, "North").unwrap();
    ws.write_string(1, 3, "Oui").unwrap();
    ws.write_string(1, 4, "Health law 2019").unwrap();
    ws.write_number(1, 5, 0.5).unwrap();
    ws.write_string(2, 0, "XAB").unwrap();
    ws.write_number(2, 1, 2026.0).unwrap();
    ws.write_string(2, 3, "maybe").unwrap();
    let bytes = wb.save_to_buffer().unwrap();
    let read = Reader::new(&rules)
        .read_bytes("table.xlsx", &bytes, None)
        .unwrap();
    assert_eq!(read.len(), 2);
    let (a, b) = (&read[0], &read[1]);
    assert_eq!(a.framework, "sdg-10-7-2", "guessed from the indicator ids");
    assert_eq!(
        (a.meta.unit_code.as_str(), a.meta.period.as_str()),
        ("XAA", "2026")
    );
    assert_eq!(a.meta.groups["region"], "North");
    let pd1a = a.answer("PD_1.a").unwrap();
    assert_eq!(
        (pd1a.reading, pd1a.evidence.as_str()),
        (Reading::Option(0), "Health law 2019")
    );
    assert_eq!(pd1a.source_cell(), "Countries!D2");
    assert_eq!(
        a.answer("PD_2.a").unwrap().reading,
        Reading::Option(1),
        "0.5 is partial"
    );
    let bad = b
        .diagnostics
        .iter()
        .find(|d| d.code == "W020")
        .expect("invalid answer reported");
    assert_eq!(bad.location.cell.as_deref(), Some("D3"));
}
