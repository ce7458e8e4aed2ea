//! `mgi explain CODE` covers every code of the registry and of the README's tables, each
//! with its explanation and an example.

use crate::harness::{mgi, root};
use mgi::diag::REGISTRY;
use std::collections::BTreeSet;

/// The codes listed in the README's tables (`| R001 | ...`).
fn readme_codes() -> BTreeSet<String> {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    readme
        .lines()
        .filter_map(|l| l.strip_prefix("| "))
        .filter_map(|l| l.split(' ').next())
        .filter(|c| {
            c.len() == 4 && "RFWTC".contains(&c[..1]) && c[1..].chars().all(|d| d.is_ascii_digit())
        })
        .map(str::to_string)
        .collect()
}

#[test]
fn explain_covers_every_code() {
    let readme = readme_codes();
    assert!(readme.len() >= 60, "README tables lost: {readme:?}");
    let registry: BTreeSet<String> = REGISTRY.iter().map(|i| i.code.to_string()).collect();
    let missing: Vec<&String> = readme.difference(&registry).collect();
    assert!(
        missing.is_empty(),
        "README codes not in the registry: {missing:?}"
    );
    let without_example: Vec<&str> = REGISTRY
        .iter()
        .filter(|i| mgi::diag::examples::example(i.code).is_none())
        .map(|i| i.code.as_str())
        .collect();
    assert!(
        without_example.is_empty(),
        "codes without an example in src/diag/examples.rs: {without_example:?}"
    );
    for i in REGISTRY {
        let code = i.code.as_str();
        let run = mgi(&["explain", &code.to_lowercase()]);
        assert_eq!(run.code, 0, "{code}: {}", run.stderr);
        assert!(
            run.stdout
                .starts_with(&format!("{code} ({}): {}", i.severity.name(), i.summary)),
            "{}",
            run.stdout
        );
        let first_words: String = i
            .explanation
            .split_whitespace()
            .take(4)
            .collect::<Vec<_>>()
            .join(" ");
        assert!(run.stdout.contains(&first_words), "{code}: {}", run.stdout);
        assert!(
            run.stdout.contains("\nExample:\n"),
            "{code}: {}",
            run.stdout
        );
        assert!(
            run.stdout.contains(code) && run.stdout.contains("Fix"),
            "{code}: example names neither the code nor a fix"
        );
    }
}

#[test]
fn explain_lists_codes_and_refuses_unknown_ones() {
    let run = mgi(&["explain"]);
    assert_eq!(run.code, 0);
    assert_eq!(
        run.stdout
            .lines()
            .filter(|l| l.len() > 4 && REGISTRY.iter().any(|i| l.starts_with(i.code.as_str())))
            .count(),
        REGISTRY.len()
    );
    let run = mgi(&["explain", "R999"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("no diagnostic code \"R999\""),
        "{}",
        run.stderr
    );
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    assert!(
        readme.contains("mgi explain CODE"),
        "the README's code tables point to mgi explain"
    );
}
