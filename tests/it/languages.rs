//! The six UN languages: Arabic, Chinese and Russian workbooks made, filled, validated
//! and scored; where each language's texts come from (`[[translation]]`); a shared file
//! carrying more languages than a framework that includes it.

use crate::harness::{mgi_in, root, tmp, write_files};
use calamine::{Data, Reader as _, open_workbook_auto};
use mgi::i18n::catalogue::msg;
use mgi::intake::{Reader, Reading};
use mgi::rules::{Framework, Rules, TranslationSource};
use mgi::template::{CellValue, Fill, Prefill, TemplateOptions, template_workbook};
use std::collections::BTreeMap;
use std::path::Path;

/// Every row of a sheet as texts.
fn sheet_rows(path: &Path, sheet: &str) -> Vec<Vec<String>> {
    let mut wb = open_workbook_auto(path).unwrap();
    let range = wb.worksheet_range(sheet).unwrap();
    range
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    Data::Empty => String::new(),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect()
}

#[test]
fn the_micic_template_in_arabic_is_written_in_arabic() {
    let dir = tmp();
    let run = mgi_in(
        dir.path(),
        &[
            "template",
            "--framework",
            "micic",
            "--lang",
            "ar",
            "-o",
            "X.xlsx",
            "--unit",
            "XAA",
            "--period",
            "2026",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let path = dir.path().join("X.xlsx");
    let rules = Rules::bundled();
    let fw = rules.get("micic").unwrap();
    // Sheet names in the template's language.
    let rows = sheet_rows(
        &path,
        mgi::layout::sheet_name(mgi::layout::SHEET_ASSESSMENT, "ar"),
    );
    let header = rows
        .iter()
        .find(|r| r.iter().any(|c| c == "الإجابة"))
        .expect("an Arabic header row");
    for key in [
        "column.id",
        "column.question",
        "column.answer",
        "column.evidence",
    ] {
        assert!(
            header.iter().any(|c| c == msg("ar", key)),
            "{key}: {header:?}"
        );
    }
    // The first indicator's question, in Arabic.
    let first = &fw.indicators[fw.indicators_in_tree_order()[0]];
    let question = first.question.get("ar").unwrap();
    assert!(
        rows.iter()
            .any(|r| r.first() == Some(&first.id) && r.iter().any(|c| c == question)),
        "no row {} with its Arabic question",
        first.id
    );
    // About: the Arabic labels and the language; the about text says the translation is ours.
    let about = sheet_rows(
        &path,
        mgi::layout::sheet_name(mgi::layout::SHEET_ABOUT, "ar"),
    );
    assert!(
        about
            .iter()
            .any(|r| r.iter().any(|c| c == msg("ar", "about.unit_code.label")))
    );
    assert!(
        about
            .iter()
            .any(|r| r.first().map(String::as_str) == Some("language")
                && r.iter().any(|c| c == "ar"))
    );
    assert!(fw.about.get("ar").unwrap().contains("متحدثون أصليون"));
    // No text of micic or sdg-10-7-2 falls back to English in any of their languages.
    for id in ["micic", "sdg-10-7-2"] {
        let fw = rules.get(id).unwrap();
        for lang in &fw.languages {
            let (_, facts) = template_workbook(
                fw,
                &TemplateOptions {
                    lang: lang.clone(),
                    prefill: Prefill::default(),
                },
            )
            .unwrap();
            assert!(
                facts.untranslated.is_empty(),
                "{id} {lang}: {:?}",
                facts.untranslated
            );
        }
    }
    // The workbook reads back, Arabic headers and all, with no error but the one an
    // unfilled template has: no indicator answered yet (W042).
    let read = mgi_in(dir.path(), &["validate", "X.xlsx", "--format", "json"]);
    let j = read.json();
    let errors: Vec<&str> = j["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == "error")
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(errors, ["W042"], "{}", read.stdout);
}

/// A Chinese SDG 10.7.2 workbook: Chinese answer labels and aliases, the coding context
/// typed as 官方, read back exactly and scored as the same answers given as codes.
#[test]
fn a_chinese_sdg_workbook_round_trips_and_scores_as_its_codes() {
    let rules = Rules::bundled();
    let fw = rules.get("sdg-10-7-2").unwrap();
    let mut zh = Prefill::default();
    zh.about.insert("unit_code".into(), "XAB".into());
    zh.about.insert("period".into(), "2026".into());
    zh.context.insert("coding".into(), "官方".into());
    let mut codes = zh.clone();
    codes.context.insert("coding".into(), "official".into());
    let mut expected = BTreeMap::new();
    for (n, i) in fw.indicators_in_tree_order().into_iter().enumerate() {
        let ind = &fw.indicators[i];
        let scale = &fw.scales[ind.scale];
        // Under the official coding, "partially" is not offered on domains 2 to 6.
        let offered: Vec<usize> = (0..scale.options.len())
            .filter(|k| scale.options[*k].applies_if.is_none())
            .collect();
        let k = offered[n % offered.len()];
        let o = &scale.options[k];
        let typed = match n % 3 {
            0 => o.label.get("zh").unwrap().to_string(),
            1 => o
                .aliases
                .iter()
                .find(|a| a.chars().any(|c| c > '\u{2e80}'))
                .unwrap()
                .clone(),
            _ => format!("　{}　", o.label.get("zh").unwrap()),
        };
        let fill = |answer: String| Fill {
            answer: Some(CellValue::Text(answer)),
            evidence: Some(format!("法律 {}", ind.id)),
            ..Default::default()
        };
        zh.rows.insert(ind.id.clone(), fill(typed));
        codes.rows.insert(ind.id.clone(), fill(o.code.clone()));
        expected.insert(ind.id.clone(), Reading::Option(k));
    }
    let dir = tmp();
    for (name, lang, prefill) in [("XAB-zh.xlsx", "zh", &zh), ("XAB-codes.xlsx", "en", &codes)] {
        let (bytes, _) = template_workbook(
            fw,
            &TemplateOptions {
                lang: lang.into(),
                prefill: prefill.clone(),
            },
        )
        .unwrap();
        std::fs::write(dir.path().join(name), bytes).unwrap();
    }
    let read = Reader::new(&rules)
        .read_path(&dir.path().join("XAB-zh.xlsx"), None)
        .unwrap();
    let a = &read[0];
    assert_eq!(a.meta.language, "zh");
    assert_eq!(
        a.meta.context.get("coding").map(String::as_str),
        Some("official")
    );
    let got: BTreeMap<String, Reading> = a
        .answers
        .iter()
        .map(|x| (x.id.clone(), x.reading))
        .collect();
    assert_eq!(got, expected);
    assert!(!a.has_errors(), "{:?}", a.diagnostics);
    let score = |f: &str| {
        let run = mgi_in(dir.path(), &["score", f, "--format", "json"]);
        assert_eq!(run.code, 0, "{f}: {}", run.stderr);
        run.json()
    };
    let (z, c) = (score("XAB-zh.xlsx"), score("XAB-codes.xlsx"));
    assert!(z["overall"]["score"].as_f64().is_some());
    assert_eq!(z["overall"], c["overall"]);
    assert_eq!(z["nodes"], c["nodes"]);
}

/// A micic workbook filled in Russian the way people type (да / частично / нет,
/// неприменимо with a reason, не знаю), the role given in Russian: it validates, scores
/// like the same answers in English, and its gap report is in Russian.
#[test]
fn a_russian_filled_workbook_validates_and_scores_with_a_russian_report() {
    let rules = Rules::bundled();
    let fw = rules.get("micic").unwrap();
    let mut ru = Prefill::default();
    ru.about.insert("unit_code".into(), "XAC".into());
    ru.about.insert("period".into(), "2026".into());
    ru.about.insert("round".into(), "1".into());
    ru.context
        .insert("role".into(), "Государство пребывания".into());
    let mut en = ru.clone();
    en.context.insert("role".into(), "host".into());
    let typed_ru = |code: &str| match code {
        "yes" => "Да",
        "partial" => "частично",
        "no" => "НЕТ",
        "0" => "меры не приняты",
        "1" => "запланировано",
        "2" => "действует",
        "3" => "проверено",
        other => panic!("no Russian spelling for {other}"),
    };
    let mut answered = 0;
    for (n, i) in fw.indicators_in_tree_order().into_iter().enumerate() {
        let ind = &fw.indicators[i];
        let scale = &fw.scales[ind.scale];
        let rows: Vec<(String, String, String)> = if scale.cumulative {
            ind.criteria
                .iter()
                .enumerate()
                .map(|(j, c)| {
                    let yes = (n + j) % 2 == 0;
                    (
                        c.id.clone(),
                        (if yes { "да" } else { "нет" }).into(),
                        (if yes { "yes" } else { "no" }).into(),
                    )
                })
                .collect()
        } else {
            let o = &scale.options[n % scale.options.len()];
            vec![(ind.id.clone(), typed_ru(&o.code).into(), o.code.clone())]
        };
        for (id, r, e) in rows {
            let (r, e, comment) = match n % 11 {
                5 => (
                    "неприменимо".to_string(),
                    "na".to_string(),
                    Some("нет таких договоров".to_string()),
                ),
                7 => ("не знаю".to_string(), "dk".to_string(), None),
                _ => (r, e, None),
            };
            let fill = |answer: String| Fill {
                answer: Some(CellValue::Text(answer)),
                evidence: Some(format!("Закон {id}")),
                comment: comment.clone(),
                ..Default::default()
            };
            ru.rows.insert(id.clone(), fill(r));
            en.rows.insert(id.clone(), fill(e));
            answered += 1;
        }
    }
    assert!(answered > 60);
    let dir = tmp();
    for (name, lang, prefill) in [("XAC-ru.xlsx", "ru", &ru), ("XAC-en.xlsx", "en", &en)] {
        let (bytes, _) = template_workbook(
            fw,
            &TemplateOptions {
                lang: lang.into(),
                prefill: prefill.clone(),
            },
        )
        .unwrap();
        std::fs::write(dir.path().join(name), bytes).unwrap();
    }
    let v = mgi_in(dir.path(), &["validate", "XAC-ru.xlsx", "--format", "json"]);
    assert_eq!(v.code, 0, "{}", v.stdout);
    assert_eq!(v.json()["errors"], 0, "{}", v.stdout);
    let score = |f: &str| {
        let run = mgi_in(dir.path(), &["score", f, "--format", "json"]);
        assert_eq!(run.code, 0, "{f}: {}", run.stderr);
        run.json()
    };
    let (r, e) = (score("XAC-ru.xlsx"), score("XAC-en.xlsx"));
    assert!(r["overall"]["score"].as_f64().unwrap() > 0.0);
    assert_eq!(r["overall"], e["overall"]);
    assert_eq!(r["nodes"], e["nodes"]);
    let answers = |j: &serde_json::Value| {
        j["indicators"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| (i["id"].clone(), i["answer"].clone(), i["status"].clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(answers(&r), answers(&e));
    // The gap report, written in the workbook's language.
    let run = mgi_in(dir.path(), &["score", "XAC-ru.xlsx", "-o", "report.xlsx"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut wb = open_workbook_auto(dir.path().join("report.xlsx")).unwrap();
    let names = wb.sheet_names();
    let texts: Vec<String> = names
        .iter()
        .flat_map(|n| {
            wb.worksheet_range(n)
                .unwrap()
                .cells()
                .map(|(_, _, c)| c.to_string())
                .collect::<Vec<_>>()
        })
        .collect();
    for key in ["label.overall", "label.gap_report", "label.points_to_gain"] {
        assert!(
            texts.iter().any(|t| t.contains(msg("ru", key))),
            "the report has no {:?} ({key})",
            msg("ru", key)
        );
    }
}

#[test]
fn every_language_says_where_its_texts_come_from() {
    let rules = Rules::bundled();
    for id in ["micic", "sdg-10-7-2"] {
        let fw: &Framework = rules.get(id).unwrap();
        assert_eq!(fw.languages, ["en", "fr", "es", "ar", "zh", "ru"], "{id}");
        for lang in &fw.languages {
            let t = fw
                .translation(lang)
                .unwrap_or_else(|| panic!("{id} {lang}"));
            let want = if lang == "en" {
                TranslationSource::Original
            } else {
                TranslationSource::Ours
            };
            assert_eq!(t.source, want, "{id} {lang}");
            let line = fw.provenance_line(lang).unwrap();
            assert!(
                line.starts_with(msg(lang, &format!("provenance.subject.{lang}"))),
                "{line}"
            );
        }
    }
    let micic = rules.get("micic").unwrap();
    assert!(micic.translations.iter().all(|t| t.official.is_empty()));
    let line = micic.provenance_line("ar").unwrap();
    assert!(
        line.contains("من ترجمتنا") && line.contains("MICIC"),
        "{line}"
    );
    // SDG: one text per language follows an official edition.
    let sdg = rules.get("sdg-10-7-2").unwrap();
    let ru = sdg.translation("ru").unwrap();
    assert_eq!(ru.official.len(), 1);
    assert_eq!(
        ru.official[0].rendering,
        "Глобальная конвенция о признании квалификаций, относящихся к высшему образованию"
    );
    let line = sdg.provenance_line("ru").unwrap();
    assert!(
        line.contains("1 текст соответствует официальному изданию: «Глобальная конвенция"),
        "{line}"
    );
    let line = sdg.provenance_line("zh").unwrap();
    assert!(
        line.contains("1条文本依据正式版本：“安全、有序和正常移民”"),
        "{line}"
    );
    assert!(
        sdg.provenance_line("ar")
            .unwrap()
            .contains("يتبع نص واحد طبعة رسمية")
    );
    assert_eq!(sdg.provenance_line("de"), None);
    // The same in mgi.framework/1.
    let run = crate::harness::mgi(&["rules", "show", "sdg-10-7-2", "--format", "json"]);
    let j = run.json();
    let tr = j["translations"].as_array().unwrap();
    assert_eq!(tr.len(), 6);
    let zh = tr.iter().find(|t| t["lang"] == "zh").unwrap();
    assert_eq!(zh["source"], "ours");
    assert_eq!(
        zh["official"][0]["text"],
        "Safe, orderly and regular migration"
    );
    assert_eq!(zh["official"][0]["rendering"], "安全、有序和正常移民");
    assert!(
        zh["official"][0]["source"]
            .as_str()
            .unwrap()
            .contains("A-RES-76-266")
    );
    assert!(zh["note"]["zh"].as_str().is_some());
}

/// Checks a rules folder and gives its stderr.
fn check(files: &[(&str, &str)]) -> (i32, String) {
    let dir = tmp();
    write_files(dir.path(), files);
    let run = crate::harness::mgi(&["rules", "check", dir.path().to_str().unwrap()]);
    (run.code, run.stderr)
}

const SHARED: &str = r#"
[[guideline]]
id = "G1"
title = { en = "Guideline one", fr = "Ligne directrice un", ar = "المبدأ التوجيهي الأول" }
"#;

fn tiny(include: &str, own_title: &str) -> String {
    format!(
        r#"
[framework]
id = "tiny"
version = "0.1"
languages = ["en", "fr"]
title = {own_title}
levels = [
  {{ id = "overall", label = {{ en = "Overall", fr = "Ensemble" }} }},
  {{ id = "indicator", label = {{ en = "Indicator", fr = "Indicateur" }} }},
]
{include}

[[scale]]
id = "yn"
kind = "boolean"

[[node]]
id = "root"
label = {{ en = "Root", fr = "Racine" }}

[[indicator]]
id = "A.1"
parent = "root"
scale = "yn"
question = {{ en = "Is it so?", fr = "Est-ce ainsi ?" }}
links = {{ guidelines = ["G1"] }}
"#
    )
}

#[test]
fn an_included_file_may_carry_more_languages_than_the_framework() {
    let title = r#"{ en = "Tiny", fr = "Minuscule" }"#;
    // A framework in three languages owns the catalogue; tiny (two) includes it: the
    // catalogue's Arabic is not tiny's business.
    let big = tiny("", title)
        .replace("id = \"tiny\"", "id = \"big\"")
        .replace(
            "languages = [\"en\", \"fr\"]",
            "languages = [\"en\", \"fr\", \"ar\"]",
        );
    let (code, stderr) = check(&[
        ("big/catalogue.toml", SHARED),
        ("big/framework.toml", &big),
        (
            "tiny/framework.toml",
            &tiny(r#"include = ["../big/catalogue.toml"]"#, title),
        ),
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert!(!stderr.contains("R022"), "{stderr}");
    // The same file as the framework's own: a text in an undeclared language.
    let (_, stderr) = check(&[
        ("tiny/catalogue.toml", SHARED),
        ("tiny/framework.toml", &tiny("", title)),
    ]);
    assert!(
        stderr.contains("warning[R022]") && stderr.contains("tiny/catalogue.toml"),
        "{stderr}"
    );
    // And the framework's own files are still checked.
    let (_, stderr) = check(&[
        ("big/catalogue.toml", SHARED),
        ("big/framework.toml", &big),
        (
            "tiny/framework.toml",
            &tiny(
                r#"include = ["../big/catalogue.toml"]"#,
                r#"{ en = "Tiny", fr = "Minuscule", ru = "Крошечный" }"#,
            ),
        ),
    ]);
    assert!(
        stderr.contains("warning[R022]") && stderr.contains("framework title has a text in \"ru\""),
        "{stderr}"
    );
}

#[test]
fn translation_entries_are_checked() {
    let title = r#"{ en = "Tiny", fr = "Minuscule" }"#;
    let with = |extra: &str| {
        let fw = tiny("", title).replace("links = { guidelines = [\"G1\"] }", "") + extra;
        check(&[("tiny/framework.toml", &fw)])
    };
    let ok = "\n[[translation]]\nlang = \"en\"\nsource = \"original\"\n\n[[translation]]\nlang = \"fr\"\nsource = \"official\"\nnote = { en = \"Read in the official edition.\", fr = \"Lu dans l'édition officielle.\" }\n\n[[translation.official]]\ntext = \"Is it so?\"\nsource = \"The official edition, p. 3\"\n";
    let (code, stderr) = with(ok);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.is_empty(), "{stderr}");
    let (code, stderr) = with(&ok.replace("text = \"Is it so?\"", "text = \"Is it not so?\""));
    assert_eq!(code, 2);
    assert!(
        stderr.contains("error[R076]")
            && stderr.contains("official text \"Is it not so?\" of [[translation]] \"fr\" is not a text of the framework"),
        "{stderr}"
    );
    let (code, stderr) = with(&ok.replace("lang = \"fr\"", "lang = \"de\""));
    assert_eq!(code, 2);
    assert!(
        stderr.contains("error[R075]") && stderr.contains("[[translation]] for \"de\""),
        "{stderr}"
    );
    assert!(
        stderr.contains("warning[R077]") && stderr.contains("no [[translation]] for \"fr\""),
        "{stderr}"
    );
    let (code, stderr) = with(&ok.replace("source = \"official\"", "source = \"theirs\""));
    assert_eq!(code, 2);
    assert!(
        stderr.contains("error[R023]")
            && stderr.contains("expected one of: original, ours, official"),
        "{stderr}"
    );
    let (_, stderr) = with(&ok.replace("fr = \"Lu dans l'édition officielle.\" ", ""));
    assert!(
        stderr.contains("warning[R011]") && stderr.contains("note has no \"fr\" text"),
        "{stderr}"
    );
    let (code, stderr) = with(&format!(
        "{ok}\n[[translation]]\nlang = \"en\"\nsource = \"ours\"\n"
    ));
    assert_eq!(code, 2);
    assert!(
        stderr.contains("error[R003]") && stderr.contains("second [[translation]] for \"en\""),
        "{stderr}"
    );
    let (code, stderr) =
        with(&ok.replace("source = \"The official edition, p. 3\"", "sourc = \"x\""));
    assert_eq!(code, 2);
    assert!(stderr.contains("error[R002]"), "{stderr}");
    let _ = root();
}
