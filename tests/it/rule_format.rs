//! The rule-format reference `docs/rule-format.md` is generated from the structures the
//! loader reads; with `MGI_BLESS=1` the test rewrites it.

use crate::harness::{mgi, root};

#[test]
fn rule_format_reference_is_up_to_date() {
    let generated = mgi::rules::format_reference().unwrap_or_else(|missing| {
        panic!(
            "undocumented keys in src/rules/raw.rs:\n{}",
            missing.join("\n")
        )
    });
    let path = root().join("docs/rule-format.md");
    if std::env::var_os("MGI_BLESS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &generated).unwrap();
    }
    let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        on_disk == generated,
        "docs/rule-format.md is not up to date; run MGI_BLESS=1 cargo test --test it rule_format"
    );
    // Every key of the format is in it, in a table row.
    for key in mgi::rules::key_paths() {
        let last = key.rsplit('.').next().unwrap();
        assert!(
            generated.contains(&format!("| `{last}` |")),
            "{key} not documented"
        );
    }
    // Keys the README once left out are there, with their defaults.
    assert!(
        generated.contains("| `exclusive` | boolean | no | `false` |"),
        "{generated}"
    );
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    assert!(
        readme.contains("(docs/rule-format.md)"),
        "README links the reference"
    );
}

#[test]
fn rules_reference_prints_the_document() {
    let run = mgi(&["rules", "reference"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let on_disk = std::fs::read_to_string(root().join("docs/rule-format.md")).unwrap();
    assert_eq!(run.stdout, on_disk);
}
