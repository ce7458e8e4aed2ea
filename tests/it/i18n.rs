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
                "error: --lang xx: language \"xx\" is not supported; expected one of: en, fr, es"
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
