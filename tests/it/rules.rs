//! `mgi rules`: list, check, show, and every kind of broken rule file.

use crate::harness::{mgi, root, tmp, write_files};

const HEADER: &str = r#"
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

[[guideline]]
id = "G1"
title = { en = "Guideline one", fr = "Ligne directrice un" }
"#;

const TREE: &str = r#"
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

[[band]]
code = "high"
lower = 50
label = { en = "High", fr = "Haut" }
"#;

#[test]
fn bundled_frameworks_list_as_json() {
    let run = mgi(&["rules", "list", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let j = run.json();
    assert_eq!(j["schema"], "mgi.rules-list/1");
    let fws = j["frameworks"].as_array().unwrap();
    let sdg = fws
        .iter()
        .find(|f| f["id"] == "sdg-10-7-2")
        .expect("sdg listed");
    assert_eq!(sdg["indicators"], 30);
    assert_eq!(
        sdg["languages"],
        serde_json::json!(["en", "fr", "es", "ar", "zh", "ru"])
    );
    assert_eq!(
        sdg["title"]["en"],
        "SDG indicator 10.7.2: well-managed migration policies"
    );
}

#[test]
fn bundled_frameworks_check_clean() {
    let run = mgi(&["rules", "check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("0 error(s), 0 warning(s)"),
        "{}",
        run.stdout
    );
    assert!(run.stderr.is_empty(), "{}", run.stderr);
}

#[test]
fn bundled_rules_check_the_same_from_disk() {
    // The embedded copies and the folder on disk go through one code path and hash alike.
    let embedded = mgi(&["rules", "show", "sdg-10-7-2", "--format", "json"]).json();
    let dir = root().join("rules");
    let disk = mgi(&[
        "--rules",
        dir.to_str().unwrap(),
        "rules",
        "show",
        "sdg-10-7-2",
        "--format",
        "json",
    ])
    .json();
    assert_eq!(embedded["content_hash"], disk["content_hash"]);
    assert_eq!(embedded, disk);
}

#[test]
fn sdg_shows_as_the_framework_contract() {
    let run = mgi(&["rules", "show", "sdg-10-7-2", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let j = run.json();
    assert_eq!(j["schema"], "mgi.framework/1");
    for key in [
        "id",
        "version",
        "title",
        "languages",
        "levels",
        "scales",
        "bands",
        "context",
        "catalogues",
        "nodes",
        "indicators",
        "translations",
    ] {
        assert!(j.get(key).is_some(), "missing {key}");
    }
    let nodes = j["nodes"].as_array().unwrap();
    assert_eq!(nodes.len(), 7);
    assert_eq!(nodes[0]["id"], "overall");
    assert!(nodes[0]["parent"].is_null());
    assert_eq!(nodes[1]["id"], "PD_1");
    assert_eq!(nodes[1]["parent"], "overall");
    assert_eq!(nodes[1]["level"], "domain");
    assert_eq!(nodes[1]["aggregation"], "arithmetic");
    assert_eq!(nodes[1]["min_coverage"], 1.0);
    let inds = j["indicators"].as_array().unwrap();
    assert_eq!(inds.len(), 30);
    let first = &inds[0];
    assert_eq!(first["id"], "PD_1.a");
    assert_eq!(first["parent"], "PD_1");
    assert_eq!(first["scale"], "access");
    assert!((first["effective_weight"].as_f64().unwrap() - 1.0 / 30.0).abs() < 1e-12);
    assert!(
        first["question"]["fr"]
            .as_str()
            .unwrap()
            .contains("soins de santé")
    );
    let total: f64 = inds
        .iter()
        .map(|i| i["effective_weight"].as_f64().unwrap())
        .sum();
    assert!((total - 1.0).abs() < 1e-12);
    let bands = j["bands"].as_array().unwrap();
    let codes: Vec<&str> = bands.iter().map(|b| b["code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["1", "2", "3", "4"]);
    assert_eq!(bands[1]["lower"], 40.0);
    assert_eq!(bands[2]["lower"], 80.0);
    assert_eq!(bands[3]["exact"], 100.0);
    assert_eq!(bands[3]["label"]["es"], "Cumple plenamente");
}

#[test]
fn unknown_framework_is_fatal() {
    let run = mgi(&["rules", "show", "nope", "--format", "json"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("no framework \"nope\""),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("sdg-10-7-2"), "{}", run.stderr);
}

#[test]
fn a_user_folder_loads_with_rules_flag() {
    let dir = tmp();
    write_files(
        dir.path(),
        &[("tiny/a.toml", HEADER), ("tiny/b.toml", TREE)],
    );
    let run = mgi(&[
        "--rules",
        dir.path().to_str().unwrap(),
        "rules",
        "list",
        "--format",
        "json",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let j = run.json();
    assert_eq!(j["frameworks"][0]["id"], "tiny");
    assert_eq!(j["frameworks"][0]["indicators"], 1);
    assert_eq!(j["frameworks"].as_array().unwrap().len(), 1);
    // A folder that is itself one framework works too.
    let run = mgi(&["rules", "check", dir.path().join("tiny").to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

/// Runs `rules check` on a framework made of HEADER + TREE with a change, and returns
/// stderr (exit code must be 2).
fn check_broken(extra_header: &str, tree: &str) -> String {
    let dir = tmp();
    let header = format!("{HEADER}{extra_header}");
    write_files(
        dir.path(),
        &[("tiny/a.toml", &header), ("tiny/b.toml", tree)],
    );
    let run = mgi(&["rules", "check", dir.path().to_str().unwrap()]);
    assert_eq!(
        run.code, 2,
        "stdout: {}\nstderr: {}",
        run.stdout, run.stderr
    );
    run.stderr
}

#[test]
fn syntax_error_names_file_line_and_column() {
    let dir = tmp();
    write_files(
        dir.path(),
        &[
            ("tiny/a.toml", HEADER),
            ("tiny/b.toml", "[[node]]\nid = \"root\nlabel = 1\n"),
        ],
    );
    let run = mgi(&["rules", "check", dir.path().to_str().unwrap()]);
    assert_eq!(run.code, 2);
    let b = dir.path().join("tiny/b.toml");
    let expected = format!(
        "error[R001] {}:2:11: TOML error: invalid basic string",
        b.display()
    );
    assert!(run.stderr.contains(&expected), "{}", run.stderr);
    assert!(
        run.stderr.contains("expected a valid rule file"),
        "{}",
        run.stderr
    );
}

#[test]
fn unknown_key_is_an_error_with_a_suggestion() {
    let tree = TREE.replace("question = {", "qestion = { en = \"x\" }\nquestion = {");
    let err = check_broken("", &tree);
    assert!(
        err.contains("b.toml:15:1: unknown key \"qestion\" in [indicator] (did you mean \"question\"?); expected one of: id, parent, scale, weight, question,"),
        "{err}"
    );
}

#[test]
fn duplicate_id_names_both_places() {
    let tree = format!(
        "{TREE}\n[[indicator]]\nid = \"A.1\"\nparent = \"A\"\nscale = \"yn\"\nquestion = {{ en = \"Again?\", fr = \"Encore ?\" }}\n"
    );
    let err = check_broken("", &tree);
    assert!(
        err.contains("b.toml:29:6: duplicate node or indicator id \"A.1\" (first declared at "),
        "{err}"
    );
    assert!(
        err.contains("b.toml:12:6); expected each id to be unique"),
        "{err}"
    );
}

#[test]
fn unknown_parent() {
    let err = check_broken("", &TREE.replace("parent = \"A\"", "parent = \"Z\""));
    assert!(err.contains("b.toml:13:10: indicator \"A.1\" has parent \"Z\" which is not a node; expected the id of a [[node]]"), "{err}");
}

#[test]
fn cycle_in_the_tree() {
    let tree = format!(
        "{TREE}\n[[node]]\nid = \"X\"\nparent = \"Y\"\nlabel = {{ en = \"X\", fr = \"X\" }}\n[[node]]\nid = \"Y\"\nparent = \"X\"\nlabel = {{ en = \"Y\", fr = \"Y\" }}\n"
    );
    let err = check_broken("", &tree);
    assert!(
        err.contains("cycle in the tree: X → Y → X; expected every node to lead up to the root"),
        "{err}"
    );
}

#[test]
fn negative_weight() {
    let err = check_broken(
        "",
        &TREE.replace(
            "label = { en = \"A\", fr = \"A\" }",
            "label = { en = \"A\", fr = \"A\" }\nweight = -2",
        ),
    );
    assert!(
        err.contains(
            "b.toml:10:10: weight of node \"A\" is -2; expected a finite number of 0 or more"
        ),
        "{err}"
    );
}

#[test]
fn bands_out_of_order() {
    let err = check_broken(
        "",
        &TREE.replace("lower = 50", "lower = 0").replace(
            "lower = 0\nlabel = { en = \"Low\"",
            "lower = 60\nlabel = { en = \"Low\"",
        ),
    );
    assert!(err.contains("band \"high\" starts at 0, not above the previous band \"low\" (60); expected bands from lowest to highest"), "{err}");
}

#[test]
fn link_to_unknown_guideline() {
    let err = check_broken("", &TREE.replace("[\"G1\"]", "[\"G1\", \"G7\"]"));
    assert!(err.contains("b.toml:16:31: indicator \"A.1\" links to guideline \"G7\" which is not in the catalogue; expected one of: G1"), "{err}");
}

#[test]
fn empty_folder_and_missing_folder() {
    let dir = tmp();
    let run = mgi(&["rules", "check", dir.path().to_str().unwrap()]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains(
            "rules folder holds no .toml file; expected at least one framework folder or rule file"
        ),
        "{}",
        run.stderr
    );
    let missing = dir.path().join("nope");
    let run = mgi(&["rules", "check", missing.to_str().unwrap()]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains(&format!(
            "error[R013] {}: rules folder does not exist",
            missing.display()
        )),
        "{}",
        run.stderr
    );
    // A bad --rules folder stops any command with exit code 2.
    let run = mgi(&["--rules", missing.to_str().unwrap(), "rules", "list"]);
    assert_eq!(run.code, 2);
}

#[test]
fn missing_translation_is_a_warning_not_an_error() {
    let dir = tmp();
    let header = HEADER.replace(
        "title = { en = \"Tiny\", fr = \"Minuscule\" }",
        "title = { en = \"Tiny\" }",
    );
    write_files(
        dir.path(),
        &[("tiny/a.toml", &header), ("tiny/b.toml", TREE)],
    );
    let run = mgi(&["rules", "check", dir.path().to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("warning[R011]")
            && run.stderr.contains("framework title has no \"fr\" text"),
        "{}",
        run.stderr
    );
    let run = mgi(&["--strict", "rules", "check", dir.path().to_str().unwrap()]);
    assert_eq!(run.code, 1);
}

#[test]
fn every_planted_problem_is_reported_in_one_run() {
    let broken_tree = r#"
[[node]]
id = "root"
label = { en = "Root", fr = "Racine" }
colour = "blue"

[[node]]
id = "A"
parent = "root"
label = { en = "A", fr = "A" }
weight = -1

[[node]]
id = "A"
parent = "root"
label = { en = "A again", fr = "A encore" }

[[node]]
id = "B"
parent = "missing"
label = { en = "B", fr = "B" }

[[node]]
id = "C1"
parent = "C2"
label = { en = "C1", fr = "C1" }

[[node]]
id = "C2"
parent = "C1"
label = { en = "C2", fr = "C2" }

[[indicator]]
id = "A.1"
parent = "A"
scale = "nope"
question = { en = "Is it so?", fr = "Est-ce ainsi ?" }
links = { guidelines = ["G9"], principles = ["P1"] }
applies_if = { question = "role", in = ["host"] }

[[indicator]]
id = "A.2"
parent = "A"
scale = "yn"
weight = inf
question = { en = "And this?", fr = "Et ceci ?" }
gudance = { en = "typo" }

[[band]]
code = "high"
lower = 50
label = { en = "High", fr = "Haut" }

[[band]]
code = "low"
lower = 0
label = { en = "Low", fr = "Bas" }
"#;
    let err = check_broken("", broken_tree);
    let planted = [
        "unknown key \"colour\" in [node]",
        "weight of node \"A\" is -1",
        "duplicate node or indicator id \"A\"",
        "node \"B\" has parent \"missing\" which is not a node",
        "cycle in the tree: C1 → C2 → C1",
        "indicator \"A.1\" uses scale \"nope\" which is not declared; expected one of: yn",
        "links to guideline \"G9\" which is not in the catalogue",
        "links to principle \"P1\" which is not in the catalogue",
        "condition names context question \"role\" which is not declared",
        "weight of indicator \"A.2\" is inf",
        "unknown key \"gudance\" in [indicator] (did you mean \"guidance\"?)",
        "node \"B\" has no children",
        "band \"low\" starts at 0, not above the previous band \"high\" (50)",
    ];
    for p in planted {
        assert!(err.contains(p), "not reported: {p}\n{err}");
    }
    assert!(err.contains("13 error(s)"), "{err}");
}

#[test]
fn the_readme_worked_example_is_valid() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let start = readme.find("```toml\n").expect("a toml block in README") + 8;
    let end = start + readme[start..].find("```").unwrap();
    let dir = tmp();
    write_files(dir.path(), &[("tiny/framework.toml", &readme[start..end])]);
    let run = mgi(&[
        "--rules",
        dir.path().to_str().unwrap(),
        "rules",
        "show",
        "tiny",
        "--format",
        "json",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let j = run.json();
    assert_eq!(
        j["indicators"][0]["applies_if"],
        serde_json::json!({"question": "role", "in": ["host"]})
    );
    assert!((j["indicators"][0]["effective_weight"].as_f64().unwrap() - 2.0 / 3.0).abs() < 1e-12);
    assert_eq!(j["nodes"][1]["aggregation"], "geometric");
}

#[test]
fn tools_fit_the_roles_of_the_assessment() {
    let dir = tmp();
    let header = HEADER.replace(
        "[[guideline]]",
        r#"[[context]]
id = "role"
question = { en = "Role", fr = "Rôle" }
[[context.option]]
code = "host"
label = { en = "Host", fr = "Accueil" }
[[context.option]]
code = "origin"
label = { en = "Origin", fr = "Origine" }
[[context.option]]
code = "both"
label = { en = "Both", fr = "Les deux" }
roles = ["host", "origin"]

[[stakeholder]]
id = "consuls"
label = { en = "Consuls", fr = "Consuls" }
government = true

[[tool]]
id = "consular"
label = { en = "Consular course", fr = "Cours consulaire" }
audience = ["consuls"]
roles = ["origin"]
publisher = { en = "IOM", fr = "OIM" }
year = 2016
url = "https://www.example.org/consular"

[[tool]]
id = "any"
label = { en = "Any", fr = "Tout" }

[[guideline]]"#,
    );
    write_files(
        dir.path(),
        &[("tiny/framework.toml", &header), ("tiny/tree.toml", TREE)],
    );
    let rules = mgi::rules::Rules::from_dir(dir.path());
    assert!(!rules.has_errors(), "{:?}", rules.diagnostics);
    let fw = rules.get("tiny").unwrap();
    let consular = fw.tool("consular").unwrap();
    assert_eq!(consular.year, Some(2016));
    assert_eq!(
        consular.url.as_deref(),
        Some("https://www.example.org/consular")
    );
    assert!(fw.catalogues.stakeholders[0].government);
    let ctx = |role: &str| {
        let mut m = std::collections::BTreeMap::new();
        if !role.is_empty() {
            m.insert("role".to_string(), role.to_string());
        }
        m
    };
    assert!(!fw.tool_fits(consular, &ctx("host")));
    assert!(fw.tool_fits(consular, &ctx("origin")));
    assert!(fw.tool_fits(consular, &ctx("both")));
    assert!(
        fw.tool_fits(consular, &ctx("")),
        "unanswered rules nothing out"
    );
    let any = fw.tool("any").unwrap();
    assert!(fw.tool_fits(any, &ctx("host")));
    // A role that no context option stands for is a broken link.
    write_files(
        dir.path(),
        &[(
            "tiny/framework.toml",
            &header.replace("roles = [\"origin\"]", "roles = [\"orgin\"]"),
        )],
    );
    let rules = mgi::rules::Rules::from_dir(dir.path());
    let d = rules
        .diagnostics
        .iter()
        .find(|d| d.code == "R006")
        .expect("R006");
    assert!(
        d.message
            .contains("serves role \"orgin\", which no context option stands for; expected one of: host, origin"),
        "{}",
        d.message
    );
}

#[test]
fn an_option_can_be_offered_only_under_a_context_answer() {
    let dir = tmp();
    let header = HEADER
        .replace(
            "[[guideline]]",
            r#"[[context]]
id = "coding"
question = { en = "Coding", fr = "Codage" }
[[context.option]]
code = "official"
label = { en = "Official yes/no", fr = "Officiel oui/non" }
[[context.option]]
code = "self"
label = { en = "Self-assessment", fr = "Auto-évaluation" }

[[guideline]]"#,
        )
        .replace(
            "code = \"no\"",
            "code = \"partial\"\nscore = 0.5\nlabel = { en = \"Partly\", fr = \"En partie\" }\napplies_if = { question = \"coding\", in = [\"self\"] }\n[[scale.option]]\ncode = \"no\"",
        );
    write_files(
        dir.path(),
        &[("tiny/framework.toml", &header), ("tiny/tree.toml", TREE)],
    );
    let rules = mgi::rules::Rules::from_dir(dir.path());
    assert!(!rules.has_errors(), "{:?}", rules.diagnostics);
    let fw = rules.get("tiny").unwrap();
    let mut ctx = std::collections::BTreeMap::new();
    assert!(fw.option_offered(0, 1, &ctx), "unanswered offers it");
    ctx.insert("coding".to_string(), "official".to_string());
    assert!(!fw.option_offered(0, 1, &ctx));
    assert!(fw.option_offered(0, 0, &ctx));
    ctx.insert("coding".to_string(), "self".to_string());
    assert!(fw.option_offered(0, 1, &ctx));
}

/// The README's table of bundled frameworks gives each one's indicator count: it must be
/// the bundled one (a content change once left it saying 60 for a set of 79).
#[test]
fn readme_framework_table_counts_the_bundled_indicators() {
    let readme = std::fs::read_to_string(crate::harness::root().join("README.md")).unwrap();
    let rules = mgi::rules::Rules::bundled();
    for fw in &rules.frameworks {
        let row = readme
            .lines()
            .find(|l| l.starts_with(&format!("| `{}`", fw.id)))
            .unwrap_or_else(|| panic!("no README row for {}", fw.id));
        let count = row.trim_end_matches('|').rsplit('|').next().unwrap().trim();
        assert_eq!(count, fw.indicators.len().to_string(), "{}: {row}", fw.id);
        assert_eq!(fw.languages.len(), 6, "{} languages", fw.id);
    }
}
