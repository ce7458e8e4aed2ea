//! Interface languages: the message catalogues and the `--lang` rule.

use crate::harness::{mgi, root};

#[test]
fn an_unsupported_language_is_refused_by_every_command() {
    let fixture = root().join("fixtures/XAA-2026-micic.xlsx");
    let f = fixture.to_str().unwrap();
    for args in [
        vec!["score", f, "--lang", "xx"],
        vec!["compare", f, "--lang", "xx"],
        vec!["validate", f, "--lang", "xx"],
        vec!["template", "-o", "t.xlsx", "--lang", "xx"],
        vec!["rules", "list", "--lang", "xx"],
    ] {
        let run = mgi(&args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(
            run.stderr.contains(
                "error: --lang xx: language \"xx\" is not supported; expected one of: en, fr, es, ar, zh, ru\n"
            ),
            "{args:?}: {}",
            run.stderr
        );
    }
}

#[test]
fn numbers_and_plurals_follow_the_language() {
    use mgi::i18n::catalogue::{Arg, fill, plural};
    assert_eq!(
        fill("fr", "{x} points", &[("x", Arg::Signed(-9.06, 1))]),
        "\u{2212}9,1 points"
    );
    assert_eq!(plural("ru", 3), "few");
}

#[test]
fn arabic_chinese_and_russian_are_accepted_by_every_command() {
    use calamine::{Reader as _, open_workbook_auto};
    use mgi::i18n::catalogue::msg;
    let dir = crate::harness::tmp();
    let fixture = root().join("fixtures/XAA-2026-sdg-10-7-2.xlsx");
    let f = fixture.to_str().unwrap();
    for lang in ["ar", "zh", "ru"] {
        let t = format!("t-{lang}.xlsx");
        let r = format!("r-{lang}.xlsx");
        for args in [
            vec![
                "template",
                "--framework",
                "sdg-10-7-2",
                "-o",
                &t,
                "--lang",
                lang,
            ],
            vec!["validate", f, "--lang", lang],
            vec!["score", f, "-o", &r, "--lang", lang],
            vec!["compare", f, "-o", "c.xlsx", "--lang", lang],
            vec!["rules", "list", "--lang", lang],
        ] {
            let run = crate::harness::mgi_in(dir.path(), &args);
            assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
        }
        // The gap report of an English workbook, asked for in the language.
        let mut wb = open_workbook_auto(dir.path().join(&r)).unwrap();
        let names = wb.sheet_names();
        let found = names.iter().any(|n| {
            wb.worksheet_range(n)
                .unwrap()
                .cells()
                .any(|(_, _, c)| c.to_string().contains(msg(lang, "label.gap_report")))
        });
        assert!(
            found,
            "{lang}: no {:?} in the report",
            msg(lang, "label.gap_report")
        );
    }
}
