//! The loader: folders classified by content (framework, crosswalk, shared), includes
//! relative to the including file, causes before consequences, one broken file or
//! framework never hiding or blocking the rest, plain strings in single-language
//! frameworks.

use crate::harness::{mgi, root, tmp, write_files};
use mgi::rules::Rules;
use std::path::Path;

/// Copies bundled rule files (paths relative to `rules/`) into `dir`.
fn copy_bundled(dir: &Path, rels: &[&str]) {
    for rel in rels {
        let to = dir.join(rel);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(root().join("rules").join(rel), to).unwrap();
    }
}

fn mgi_files() -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(root().join("rules/mgi"))
        .unwrap()
        .map(|e| format!("mgi/{}", e.unwrap().file_name().to_string_lossy()))
        .collect();
    out.sort();
    out
}

fn codes(rules: &Rules) -> Vec<String> {
    rules
        .diagnostics
        .iter()
        .map(|d| d.code.to_string())
        .collect()
}

#[test]
fn a_missing_include_is_the_cause_and_what_follows_is_summarised() {
    let dir = tmp();
    let files = mgi_files();
    let rels: Vec<&str> = files.iter().map(String::as_str).collect();
    copy_bundled(dir.path(), &rels);
    let run = mgi(&["rules", "check", dir.path().to_str().unwrap()]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert!(
        lines[0].starts_with("error[R020]")
            && lines[0].contains("included file \"../micic/stakeholders.toml\" not found"),
        "{}",
        run.stderr
    );
    let looked = dir.path().join("micic").join("stakeholders.toml");
    assert!(
        lines[0].contains(&format!("(looked for {})", looked.display())),
        "{}",
        lines[0]
    );
    // The count is the framework's links into the included catalogues; it moves with the
    // mgi content (824 in mgi 2.0.0), so only its order of magnitude is checked.
    let needing: usize = lines[1]
        .split("and ")
        .nth(1)
        .and_then(|t| t.split(" links that need it").next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    assert!(
        lines[1].starts_with("error[R030]") && needing > 100,
        "{}",
        lines[1]
    );
    // Three errors in all: two missing files and one summary, not hundreds.
    assert!(
        run.stderr.contains("3 error(s), 0 warning(s)"),
        "{}",
        run.stderr
    );
    assert_eq!(run.stderr.matches("error[R006]").count(), 0);
}

#[test]
fn a_folder_of_included_files_is_shared_not_a_broken_framework() {
    let dir = tmp();
    let mut files = mgi_files();
    files.push("micic/stakeholders.toml".into());
    files.push("micic/catalogues.toml".into());
    let rels: Vec<&str> = files.iter().map(String::as_str).collect();
    copy_bundled(dir.path(), &rels);
    let rules = Rules::from_dir(dir.path());
    assert!(rules.diagnostics.is_empty(), "{:?}", rules.diagnostics);
    assert_eq!(rules.shared, vec!["micic".to_string()]);
    let bundled = Rules::bundled();
    assert_eq!(
        rules.get("mgi").unwrap().content_hash,
        bundled.get("mgi").unwrap().content_hash
    );
    // A file of the shared folder that nothing includes is named, not silently dropped.
    copy_bundled(dir.path(), &["micic/tree.toml"]);
    let rules = Rules::from_dir(dir.path());
    assert_eq!(codes(&rules), vec!["R031"]);
    assert!(!rules.has_errors());
    assert!(
        rules.diagnostics[0]
            .message
            .contains("not included by any framework")
    );
}

#[test]
fn an_include_outside_the_rules_folder_is_read_when_it_exists() {
    let dir = tmp();
    let mut files = mgi_files();
    files.push("micic/stakeholders.toml".into());
    files.push("micic/catalogues.toml".into());
    let rels: Vec<&str> = files.iter().map(String::as_str).collect();
    copy_bundled(dir.path(), &rels);
    // The rules folder is the framework folder itself: ../micic lies outside it.
    let inner = dir.path().join("mgi");
    let run = mgi(&[
        "--rules",
        inner.to_str().unwrap(),
        "rules",
        "show",
        "mgi",
        "--format",
        "json",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let bundled = mgi(&["rules", "show", "mgi", "--format", "json"]).json();
    assert_eq!(run.json()["content_hash"], bundled["content_hash"]);
}

const TINY_HEAD: &str = r#"
[framework]
id = "tiny"
version = "0.1"
languages = ["en", "fr"]
title = { en = "Tiny", fr = "Minuscule" }
levels = [
  { id = "overall", label = { en = "Overall", fr = "Ensemble" } },
  { id = "area", label = { en = "Area", fr = "Domaine" } },
  { id = "indicator", label = { en = "Indicator", fr = "Indicateur" } },
]

[[scale]]
id = "yn"
kind = "choice"
[[scale.option]]
code = "yes"
score = 1.0
label = { en = "Yes", fr = "Oui" }
[[scale.option]]
code = "no"
score = 0.0
label = { en = "No", fr = "Non" }
"#;

const TINY_TREE: &str = r#"
[[node]]
id = "root"
label = { en = "Root", fr = "Racine" }

[[node]]
id = "A"
parent = "root"
label = { en = "A", fr = "A" }

[[indicator]]
id = "A.1"
parent = "A"
scale = "yn"
question = { en = "Is it so?", fr = "Est-ce ainsi ?" }
links = { guidelines = ["G1"] }

[[band]]
code = "low"
lower = 0
label = { en = "Low", fr = "Bas" }
"#;

const TINY_CATALOGUE: &str = r#"
[[guideline]]
id = "G1"
title = { en = "Guideline one", fr = "Ligne directrice un" }
"#;

#[test]
fn one_syntax_error_and_three_other_errors_are_all_reported() {
    let dir = tmp();
    let head = TINY_HEAD.replace("kind = \"choice\"", "kind = \"choice\"\ncolour = \"blue\"");
    let tree = TINY_TREE
        .replace("parent = \"root\"", "parent = \"root\"\nweight = -1")
        .replace("guidelines = [\"G1\"]", "guidelines = [\"G1\", \"G9\"]");
    // The catalogue has a syntax error: the link to G1 follows from it, G9 does not.
    let catalogue = TINY_CATALOGUE.replace("id = \"G1\"", "id = \"G1");
    write_files(
        dir.path(),
        &[
            ("tiny/a.toml", &head),
            ("tiny/b.toml", &tree),
            ("tiny/c.toml", &catalogue),
        ],
    );
    let run = mgi(&["rules", "check", dir.path().to_str().unwrap()]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    let err = &run.stderr;
    let c = dir.path().join("tiny/c.toml");
    let first = err.lines().next().unwrap();
    assert!(
        first.starts_with(&format!(
            "error[R001] {}:3:9: TOML error: invalid basic string",
            c.display()
        )),
        "{err}"
    );
    for planted in [
        "unknown key \"colour\" in [scale]",
        "weight of node \"A\" is -1",
        "links to guideline \"G9\" which is not in the catalogue",
    ] {
        assert!(err.contains(planted), "not reported: {planted}\n{err}");
    }
    assert!(
        err.contains("error[R030]") && err.contains("and 1 link that needs it"),
        "{err}"
    );
    assert!(
        !err.lines()
            .any(|l| l.starts_with("error[R006]") && l.contains("\"G1\"")),
        "{err}"
    );
    assert!(err.contains("5 error(s)"), "{err}");
}

#[test]
fn a_broken_framework_file_still_lets_the_others_be_checked() {
    let dir = tmp();
    let head = TINY_HEAD.replace("version = \"0.1\"", "version = 0.1.2");
    let tree = TINY_TREE.replace("question = {", "qestion = { en = \"x\" }\nquestion = {");
    write_files(
        dir.path(),
        &[
            ("tiny/a.toml", &head),
            ("tiny/b.toml", &tree),
            ("tiny/c.toml", TINY_CATALOGUE),
        ],
    );
    let rules = Rules::from_dir(dir.path());
    let got = codes(&rules);
    assert_eq!(got[0], "R001", "{:?}", rules.diagnostics);
    assert!(got.contains(&"R002".to_string()), "{:?}", rules.diagnostics);
    // Not "no [framework]", and the scale declared in the broken file is not missed.
    assert!(
        !got.contains(&"R014".to_string()),
        "{:?}",
        rules.diagnostics
    );
    assert!(
        !got.contains(&"R005".to_string()),
        "{:?}",
        rules.diagnostics
    );
    assert_eq!(rules.failed, vec!["tiny".to_string()]);
}

#[test]
fn a_broken_framework_blocks_only_the_commands_that_use_it() {
    let dir = tmp();
    let broken = TINY_HEAD.replace("id = \"tiny\"", "id = \"other\"");
    write_files(
        dir.path(),
        &[
            ("tiny/a.toml", TINY_HEAD),
            ("tiny/b.toml", TINY_TREE),
            ("tiny/c.toml", TINY_CATALOGUE),
            ("other/a.toml", &broken),
            (
                "other/b.toml",
                &TINY_TREE.replace("parent = \"A\"", "parent = \"nowhere\""),
            ),
            ("other/c.toml", TINY_CATALOGUE),
        ],
    );
    let rules_dir = dir.path().to_str().unwrap();
    let out = dir.path().join("t.xlsx");
    let run = mgi(&[
        "--rules",
        rules_dir,
        "template",
        "--framework",
        "tiny",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(out.exists());
    assert!(
        run.stderr.contains("warning: framework \"other\" (other)")
            && run.stderr.contains("cannot be used; the others can"),
        "{}",
        run.stderr
    );
    let run = mgi(&["--rules", rules_dir, "rules", "list", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.json()["frameworks"][0]["id"], "tiny");
    // The command that uses it is refused, with its errors.
    let run = mgi(&[
        "--rules",
        rules_dir,
        "template",
        "--framework",
        "other",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("has parent \"nowhere\" which is not a node")
            && run.stderr.contains("error: framework \"other\""),
        "{}",
        run.stderr
    );
    let run = mgi(&["--rules", rules_dir, "rules", "show", "other"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
}

#[test]
fn plain_strings_in_a_single_language_framework() {
    let dir = tmp();
    let text = r#"
[framework]
id = "mono"
version = "1"
languages = ["en"]
title = "Mono"
levels = [{ id = "overall", label = "Overall" }, { id = "indicator", label = "Indicator" }]

[[scale]]
id = "pct"
kind = "numeric"
unit = "%"
goalposts = [[0, 0.0], [100, 1.0]]

[[node]]
id = "root"
label = "Overall"

[[indicator]]
id = "I1"
parent = "root"
scale = "pct"
question = "What share?"
"#;
    write_files(dir.path(), &[("mono/framework.toml", text)]);
    let rules = Rules::from_dir(dir.path());
    assert!(rules.diagnostics.is_empty(), "{:?}", rules.diagnostics);
    let fw = rules.get("mono").unwrap();
    assert_eq!(fw.text(&fw.title, "en"), "Mono");
    assert_eq!(
        fw.scales[0].numeric.as_ref().unwrap().unit.get("en"),
        Some("%")
    );
    // The same in a framework of two languages says what is expected.
    let two = text
        .replace("languages = [\"en\"]", "languages = [\"en\", \"fr\"]")
        .replace(
            "title = \"Mono\"",
            "title = { en = \"Mono\", fr = \"Mono\" }",
        );
    write_files(dir.path(), &[("mono/framework.toml", &two)]);
    let rules = Rules::from_dir(dir.path());
    let unit = rules
        .diagnostics
        .iter()
        .find(|d| d.message.starts_with("scale \"pct\" unit"))
        .unwrap_or_else(|| panic!("{:?}", rules.diagnostics));
    assert_eq!(unit.code.to_string(), "R032");
    assert!(
        unit.message.contains(
            "is a plain string (\"%\"), but the framework declares 2 languages (en, fr); expected one text per language: { en = \"%\", fr = \"...\" }"
        ),
        "{}",
        unit.message
    );
}

#[test]
fn crosswalk_files_are_found_not_taken_for_frameworks() {
    let dir = tmp();
    write_files(
        dir.path(),
        &[
            ("tiny/a.toml", TINY_HEAD),
            ("tiny/b.toml", TINY_TREE),
            ("tiny/c.toml", TINY_CATALOGUE),
            (
                "crosswalks/tiny--other.toml",
                "[crosswalk]\nfrom = \"tiny\"\nto = \"other\"\n\n[[map]]\nsource = \"A.1\"\ntarget = \"X\"\n",
            ),
            ("loose.toml", "[crosswalk]\nfrom = \"tiny\"\n"),
            ("crosswalks/broken.toml", "[crosswalk]\nfrom = \"tiny\n"),
        ],
    );
    let rules = Rules::from_dir(dir.path());
    let found: Vec<&str> = rules
        .crosswalk_sources
        .iter()
        .map(|f| f.rel.as_str())
        .collect();
    assert_eq!(found, vec!["crosswalks/tiny--other.toml", "loose.toml"]);
    assert_eq!(rules.frameworks.len(), 1);
    // The broken one is reported (and is not a source); nothing else is an error.
    assert_eq!(codes(&rules), vec!["R001"], "{:?}", rules.diagnostics);
    assert_eq!(rules.failed, vec!["crosswalks/broken.toml".to_string()]);
}

#[test]
fn the_bundled_frameworks_hash_the_same_embedded_and_on_disk() {
    let embedded = Rules::bundled();
    let disk = Rules::from_dir(&root().join("rules"));
    assert!(disk.diagnostics.is_empty(), "{:?}", disk.diagnostics);
    assert_eq!(embedded.frameworks.len(), disk.frameworks.len());
    for fw in &embedded.frameworks {
        assert_eq!(
            disk.get(&fw.id).unwrap().content_hash,
            fw.content_hash,
            "{}",
            fw.id
        );
        let rels = |r: &Rules| -> Vec<String> {
            r.members[&fw.id].iter().map(|f| f.rel.clone()).collect()
        };
        assert_eq!(rels(&embedded), rels(&disk));
    }
    assert_eq!(
        embedded.members["mgi"].last().map(|f| f.rel.as_str()),
        Some("micic/catalogues.toml")
    );
}

#[test]
fn loose_files_without_a_framework_are_an_error_and_stray_ones_a_warning() {
    // Only headerless files: nothing can be used.
    let dir = tmp();
    write_files(dir.path(), &[("tree.toml", TINY_TREE)]);
    let run = mgi(&["rules", "check", dir.path().to_str().unwrap()]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("error[R014]") && run.stderr.contains("declare no [framework]"),
        "{}",
        run.stderr
    );
    // A stray file next to a framework folder: named, not fatal.
    write_files(
        dir.path(),
        &[
            ("tiny/a.toml", TINY_HEAD),
            ("tiny/b.toml", TINY_TREE),
            ("tiny/c.toml", TINY_CATALOGUE),
        ],
    );
    let rules = Rules::from_dir(dir.path());
    assert_eq!(codes(&rules), vec!["R031"], "{:?}", rules.diagnostics);
    assert_eq!(rules.frameworks.len(), 1);
}
