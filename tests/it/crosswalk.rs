//! Crosswalks: hand-built cases for each relationship and combination rule, the bundled
//! mappings, the `mgi.crosswalk/1` document and workbook, and the command line.

use crate::harness::{mgi, mgi_in, root, tmp, write_files};
use calamine::{Data, Reader as _, Xlsx};
use mgi::crosswalk::{Crosswalk, CrosswalkView, MappingCoverage, crosswalk};
use mgi::intake::{Assessment, Meta, Reader};
use mgi::report::crosswalk_json::{CrosswalkJson, crosswalk_json};
use mgi::report::crosswalk_report::{CrosswalkReportOptions, crosswalk_report};
use mgi::results::{Results, Scorer, evaluate};
use mgi::rules::{Framework, Rules, RulesSource};
use mgi::score::{IndicatorScore, Status, Undecided};
use mgi::template::{CellValue, Fill, Prefill, TemplateOptions, template_workbook};
use std::collections::BTreeMap;
use std::io::Cursor;

const LEVELS: &str = r#"levels = [
  { id = "overall", label = { en = "Overall", fr = "Ensemble" } },
  { id = "area", label = { en = "Area", fr = "Domaine" } },
  { id = "indicator", label = { en = "Indicator", fr = "Indicateur" } },
]"#;

const THREE: &str = r#"
[[scale]]
id = "three"
kind = "choice"
[[scale.option]]
code = "yes"
score = 1.0
label = { en = "Yes", fr = "Oui" }
[[scale.option]]
code = "partial"
score = 0.5
label = { en = "Partly", fr = "En partie" }
[[scale.option]]
code = "no"
score = 0.0
label = { en = "No", fr = "Non" }
"#;

/// The source: S1 to S10 on a three-option scale, S11 on a four-option one.
fn source_toml() -> String {
    let mut s = format!(
        "[framework]\nid = \"src\"\nversion = \"1\"\nlanguages = [\"en\", \"fr\"]\ntitle = {{ en = \"Source\", fr = \"Source\" }}\n{LEVELS}\n{THREE}"
    );
    s.push_str(
        r#"
[[scale]]
id = "four"
kind = "choice"
[[scale.option]]
code = "l3"
score = 1.0
label = { en = "Three", fr = "Trois" }
[[scale.option]]
code = "l2"
score = 0.6666666666666666
label = { en = "Two", fr = "Deux" }
[[scale.option]]
code = "l1"
score = 0.3333333333333333
label = { en = "One", fr = "Un" }
[[scale.option]]
code = "l0"
score = 0.0
label = { en = "Zero", fr = "Zéro" }

[[node]]
id = "src"
label = { en = "Source", fr = "Source" }
[[node]]
id = "A"
parent = "src"
label = { en = "A", fr = "A" }
"#,
    );
    for i in 1..=11 {
        let scale = if i == 11 { "four" } else { "three" };
        s.push_str(&format!(
            "\n[[indicator]]\nid = \"S{i}\"\nparent = \"A\"\nscale = \"{scale}\"\nquestion = {{ en = \"Source {i}?\", fr = \"Source {i} ?\" }}\n"
        ));
    }
    s
}

/// The target: nodes X (T1 to T9, T11), Z (T10 unmapped, T12) and Y (min_coverage 1:
/// T13 unmapped, T14).
fn target_toml() -> String {
    let mut s = format!(
        "[framework]\nid = \"tgt\"\nversion = \"1\"\nlanguages = [\"en\", \"fr\"]\ntitle = {{ en = \"Target\", fr = \"Cible\" }}\n{LEVELS}\n{THREE}"
    );
    s.push_str(
        r#"
[[scale]]
id = "five"
kind = "choice"
[[scale.option]]
code = "full"
score = 1.0
label = { en = "Full", fr = "Complet" }
[[scale.option]]
code = "most"
score = 0.75
label = { en = "Most", fr = "Presque" }
[[scale.option]]
code = "half"
score = 0.5
label = { en = "Half", fr = "Moitié" }
[[scale.option]]
code = "some"
score = 0.25
label = { en = "Some", fr = "Un peu" }
[[scale.option]]
code = "none"
score = 0.0
label = { en = "None", fr = "Rien" }

[[node]]
id = "tgt"
label = { en = "Target", fr = "Cible" }
[[node]]
id = "X"
parent = "tgt"
label = { en = "X", fr = "X" }
[[node]]
id = "Z"
parent = "tgt"
label = { en = "Z", fr = "Z" }
[[node]]
id = "Y"
parent = "tgt"
label = { en = "Y", fr = "Y" }
min_coverage = 1.0
"#,
    );
    for (i, parent, scale) in [
        (1, "X", "three"),
        (2, "X", "three"),
        (3, "X", "five"),
        (4, "X", "three"),
        (5, "X", "three"),
        (6, "X", "three"),
        (7, "X", "three"),
        (8, "X", "three"),
        (9, "X", "three"),
        (10, "Z", "three"),
        (11, "X", "five"),
        (12, "Z", "three"),
        (13, "Y", "three"),
        (14, "Y", "three"),
    ] {
        s.push_str(&format!(
            "\n[[indicator]]\nid = \"T{i}\"\nparent = \"{parent}\"\nscale = \"{scale}\"\nquestion = {{ en = \"Target {i}?\", fr = \"Cible {i} ?\" }}\n"
        ));
    }
    s
}

/// The crosswalk from src to tgt, with `header_extra` added to `[crosswalk]`.
fn crosswalk_toml(header_extra: &str) -> String {
    let mut s = format!(
        "[crosswalk]\nfrom = \"src\"\nto = \"tgt\"\nversion = \"1\"\nabout = {{ en = \"Test mapping.\", fr = \"Correspondance de test.\" }}\n{header_extra}\n"
    );
    s.push_str(
        r#"
[[target]]
id = "T6"
combine = "mean"
rationale = { en = "Two halves.", fr = "Deux moitiés." }

[[target]]
id = "T7"
combine = "strongest"
rationale = { en = "Either one.", fr = "L'un ou l'autre." }
"#,
    );
    for (src, tgt, rel) in [
        ("S1", "T1", "equal"),
        ("S2", "T2", "superset"),
        ("S3", "T3", "subset"),
        ("S4", "T4", "intersect"),
        ("S5", "T5", "equal"),
        ("S6", "T5", "subset"),
        ("S5", "T6", "equal"),
        ("S7", "T6", "equal"),
        ("S7", "T7", "equal"),
        ("S8", "T7", "equal"),
        ("S9", "T8", "subset"),
        ("S10", "T8", "intersect"),
        ("S11", "T9", "equal"),
        ("S1", "T11", "equal"),
        ("S1", "T12", "equal"),
        ("S1", "T14", "equal"),
    ] {
        s.push_str(&format!(
            "\n[[map]]\nsource = \"{src}\"\ntarget = \"{tgt}\"\nrelationship = \"{rel}\"\nstrength = 5\nrationale = {{ en = \"Why.\", fr = \"Pourquoi.\" }}\n"
        ));
    }
    s
}

/// The hand-built rules, with `header_extra` in the crosswalk's header.
fn hand_rules(header_extra: &str) -> Rules {
    let dir = tmp();
    write_files(
        dir.path(),
        &[
            ("src/framework.toml", &source_toml()),
            ("tgt/framework.toml", &target_toml()),
            ("crosswalks/src--tgt.toml", &crosswalk_toml(header_extra)),
        ],
    );
    let rules = Rules::from_dir(dir.path());
    assert!(
        rules.all_diagnostics().is_empty(),
        "hand-built rules: {:?}",
        rules.all_diagnostics()
    );
    rules
}

fn hand_assessment(fw: &Framework) -> Assessment {
    Assessment {
        source: "hand.xlsx".into(),
        source_sha256: "0".repeat(64),
        format: "xlsx".into(),
        framework: fw.id.clone(),
        version: fw.version.clone(),
        meta: Meta {
            unit_code: "XAA".into(),
            period: "2026".into(),
            round: "1".into(),
            ..Default::default()
        },
        answers: Vec::new(),
        diagnostics: Vec::new(),
        unknown_ids: Vec::new(),
    }
}

/// Source results in which every indicator scores `default` except those given.
fn source_results(src: &Framework, given: &[(&str, Status, Option<f64>)]) -> Results {
    let scores = src
        .indicators
        .iter()
        .map(|ind| {
            let (status, score) = given
                .iter()
                .find(|g| g.0 == ind.id)
                .map(|g| (g.1, g.2))
                .unwrap_or((Status::Scored, Some(1.0)));
            IndicatorScore {
                status,
                score,
                answer: String::new(),
                level: None,
                note: None,
                undecided: None,
            }
        })
        .collect();
    Scorer::new(src).from_scores(hand_assessment(src), scores)
}

/// Carries hand-made source scores through the hand-built crosswalk.
fn carry(rules: &Rules, given: &[(&str, Status, Option<f64>)]) -> CrosswalkView {
    let src = rules.get("src").unwrap();
    let tgt = rules.get("tgt").unwrap();
    let cw = rules.crosswalk("src", "tgt").unwrap();
    crosswalk(src, &source_results(src, given), cw, tgt).unwrap()
}

/// Score and status of a target item.
fn item(v: &CrosswalkView, tgt: &Framework, id: &str) -> (Option<f64>, Status) {
    let s = &v.results.indicators[tgt.indicator_index(id).unwrap()];
    (s.score, s.status)
}

const SCORED: Status = Status::Scored;

#[test]
fn an_equal_item_equals_its_source_score() {
    let rules = hand_rules("");
    let tgt = rules.get("tgt").unwrap();
    for s in [0.0, 0.5, 1.0] {
        let v = carry(&rules, &[("S1", SCORED, Some(s))]);
        assert_eq!(item(&v, tgt, "T1"), (Some(s), SCORED));
        assert_eq!(v.items[0].mapping, MappingCoverage::Full);
    }
}

/// A source scored as a lower bound (a cumulative level a criterion leaves undecided)
/// carries its score, and the view says the target score is a lower bound too.
#[test]
fn a_lower_bound_source_gives_a_lower_bound_view() {
    let rules = hand_rules("");
    let (src, tgt) = (rules.get("src").unwrap(), rules.get("tgt").unwrap());
    let mut results = source_results(src, &[("S1", SCORED, Some(0.5))]);
    let s1 = src.indicator_index("S1").unwrap();
    results.indicators[s1].undecided = Some(Undecided {
        criterion: "S1.c2".into(),
        status: Status::Missing,
    });
    let cw = rules.crosswalk("src", "tgt").unwrap();
    let v = crosswalk(src, &results, cw, tgt).unwrap();
    assert_eq!(item(&v, tgt, "T1"), (Some(0.5), SCORED));
    let t1 = &v.results.indicators[tgt.indicator_index("T1").unwrap()];
    assert!(
        t1.note
            .as_ref()
            .unwrap()
            .to_string()
            .contains("lower bound"),
        "{t1:?}"
    );
    let t2 = &v.results.indicators[tgt.indicator_index("T2").unwrap()];
    assert!(
        !t2.note
            .as_ref()
            .unwrap()
            .to_string()
            .contains("lower bound"),
        "{t2:?}"
    );
}

#[test]
fn superset_carries_the_source_score() {
    let rules = hand_rules("");
    let tgt = rules.get("tgt").unwrap();
    for s in [0.0, 0.5, 1.0] {
        let v = carry(&rules, &[("S2", SCORED, Some(s))]);
        assert_eq!(item(&v, tgt, "T2"), (Some(s), SCORED));
    }
}

#[test]
fn subset_and_intersect_establish_at_most_a_partial_answer() {
    let rules = hand_rules("");
    let tgt = rules.get("tgt").unwrap();
    let v = carry(
        &rules,
        &[("S3", SCORED, Some(1.0)), ("S4", SCORED, Some(1.0))],
    );
    // The five-option target scale's highest score below its maximum is 0.75.
    assert_eq!(item(&v, tgt, "T3"), (Some(0.75), SCORED));
    assert_eq!(item(&v, tgt, "T4"), (Some(0.5), SCORED));
    let i = tgt.indicator_index("T3").unwrap();
    assert_eq!(v.items[i].mapping, MappingCoverage::Partial);
    // Below the cap the score is carried as it is.
    let v = carry(
        &rules,
        &[("S3", SCORED, Some(0.5)), ("S4", SCORED, Some(0.0))],
    );
    assert_eq!(item(&v, tgt, "T3"), (Some(0.5), SCORED));
    assert_eq!(item(&v, tgt, "T4"), (Some(0.0), SCORED));
    // Two partial sources together are still partial.
    let v = carry(
        &rules,
        &[("S9", SCORED, Some(1.0)), ("S10", SCORED, Some(1.0))],
    );
    assert_eq!(item(&v, tgt, "T8"), (Some(0.5), SCORED));
    // A declared partial_cap replaces the scale's.
    let rules = hand_rules("partial_cap = 0.25");
    let tgt = rules.get("tgt").unwrap();
    let v = carry(&rules, &[("S3", SCORED, Some(1.0))]);
    assert_eq!(item(&v, tgt, "T3"), (Some(0.25), SCORED));
}

#[test]
fn several_sources_combine_by_the_weakest_unless_declared() {
    let rules = hand_rules("");
    let tgt = rules.get("tgt").unwrap();
    // Weakest by default; a full source lifts the partial cap.
    let v = carry(
        &rules,
        &[("S5", SCORED, Some(1.0)), ("S6", SCORED, Some(0.5))],
    );
    assert_eq!(item(&v, tgt, "T5"), (Some(0.5), SCORED));
    let v = carry(
        &rules,
        &[("S5", SCORED, Some(1.0)), ("S6", SCORED, Some(1.0))],
    );
    assert_eq!(item(&v, tgt, "T5"), (Some(1.0), SCORED));
    let v = carry(
        &rules,
        &[("S5", SCORED, Some(0.0)), ("S6", SCORED, Some(1.0))],
    );
    assert_eq!(item(&v, tgt, "T5"), (Some(0.0), SCORED));
    // T6 declares mean, T7 strongest.
    let v = carry(
        &rules,
        &[
            ("S5", SCORED, Some(1.0)),
            ("S7", SCORED, Some(0.0)),
            ("S8", SCORED, Some(1.0)),
        ],
    );
    assert_eq!(item(&v, tgt, "T6"), (Some(0.5), SCORED));
    assert_eq!(item(&v, tgt, "T7"), (Some(1.0), SCORED));
    // The whole file may declare another rule.
    let rules = hand_rules("combine = \"strongest\"");
    let tgt = rules.get("tgt").unwrap();
    let v = carry(
        &rules,
        &[("S5", SCORED, Some(0.0)), ("S6", SCORED, Some(1.0))],
    );
    assert_eq!(item(&v, tgt, "T5"), (Some(1.0), SCORED));
}

#[test]
fn scores_are_placed_on_the_target_scale_through_the_scores() {
    let rules = hand_rules("");
    let tgt = rules.get("tgt").unwrap();
    // 2/3 on a four-option source is 0.5 ("partial") on a three-option target.
    let v = carry(&rules, &[("S11", SCORED, Some(2.0 / 3.0))]);
    assert_eq!(item(&v, tgt, "T9"), (Some(0.5), SCORED));
    let i = tgt.indicator_index("T9").unwrap();
    assert_eq!(v.results.indicators[i].answer, "partial");
    // 0.5 on the source is "half" on the five-option target, by score not by label.
    let v = carry(&rules, &[("S1", SCORED, Some(0.5))]);
    let i = tgt.indicator_index("T11").unwrap();
    assert_eq!(v.results.indicators[i].score, Some(0.5));
    assert_eq!(v.results.indicators[i].answer, "half");
}

#[test]
fn sources_without_scores_and_sources_that_do_not_apply() {
    let rules = hand_rules("");
    let tgt = rules.get("tgt").unwrap();
    let na = Status::NotApplicable;
    // Every source not applicable: the target does not apply.
    let v = carry(&rules, &[("S1", na, None)]);
    assert_eq!(item(&v, tgt, "T1"), (None, na));
    // The full source does not apply: the partial one alone is capped.
    let v = carry(&rules, &[("S5", na, None), ("S6", SCORED, Some(1.0))]);
    assert_eq!(item(&v, tgt, "T5"), (Some(0.5), SCORED));
    // A source without a score leaves the target without one, never 0.
    let v = carry(&rules, &[("S5", Status::Missing, None)]);
    assert_eq!(item(&v, tgt, "T5"), (None, Status::Missing));
    let v = carry(&rules, &[("S6", Status::DontKnow, None)]);
    assert_eq!(item(&v, tgt, "T5"), (None, Status::DontKnow));
    // A don't-know the source's policy scores carries its score.
    let v = carry(&rules, &[("S1", Status::DontKnow, Some(0.0))]);
    assert_eq!(item(&v, tgt, "T1"), (Some(0.0), SCORED));
}

#[test]
fn an_unmapped_item_is_missing_not_zero() {
    let rules = hand_rules("");
    let tgt = rules.get("tgt").unwrap();
    let v = carry(&rules, &[("S1", SCORED, Some(1.0))]);
    assert_eq!(item(&v, tgt, "T10"), (None, Status::Missing));
    assert_eq!(v.unmapped(tgt), vec!["T10", "T13"]);
    let i = tgt.indicator_index("T10").unwrap();
    assert_eq!(v.items[i].mapping, MappingCoverage::None);
    // Z holds T10 (unmapped) and T12 (1.0): 1.0 at half coverage, not 0.5.
    let z = &v.results.nodes[tgt.node_index("Z").unwrap()];
    assert_eq!(z.score, Some(1.0));
    assert!((z.coverage - 0.5).abs() < 1e-12);
    // Y needs full coverage: insufficient data, with its coverage.
    let y = &v.results.nodes[tgt.node_index("Y").unwrap()];
    assert_eq!(y.score, None);
    assert_eq!(y.status.name(), "insufficient_data");
    assert!((y.coverage - 0.5).abs() < 1e-12);
    // The JSON says the same.
    let j = crosswalk_json(rules.get("src").unwrap(), tgt, &v).unwrap();
    assert_eq!(j.unmapped, vec!["T10", "T13"]);
    let t10 = j.items.iter().find(|i| i.id == "T10").unwrap();
    assert_eq!(
        (
            t10.score,
            t10.status.as_str(),
            t10.mapping_coverage.as_str()
        ),
        (None, "missing", "none")
    );
    assert!(j.indicative);
}

#[test]
fn the_library_refuses_a_mapping_of_other_frameworks() {
    let rules = hand_rules("");
    let (src, tgt) = (rules.get("src").unwrap(), rules.get("tgt").unwrap());
    let cw = rules.crosswalk("src", "tgt").unwrap();
    let r = source_results(src, &[]);
    assert!(crosswalk(tgt, &r, cw, src).is_err());
    // A mapping naming an id the framework no longer holds.
    let mut stale: Crosswalk = cw.clone();
    stale.maps[0].source = "S99".into();
    let e = crosswalk(src, &r, &stale, tgt).unwrap_err().to_string();
    assert!(e.contains("S99"), "{e}");
}

// ----- The bundled mappings ----------------------------------------------------------

/// An MGI workbook with every indicator answered `answer`, except those in `blank`.
fn mgi_workbook(answer: &str, blank: &[&str]) -> Vec<u8> {
    let rules = Rules::bundled();
    let fw = rules.get("mgi").unwrap();
    let mut p = Prefill::default();
    for (k, v) in [("unit_code", "XAA"), ("period", "2026"), ("round", "1")] {
        p.about.insert(k.into(), v.into());
    }
    for ind in &fw.indicators {
        if blank.contains(&ind.id.as_str()) {
            continue;
        }
        p.rows.insert(
            ind.id.clone(),
            Fill {
                answer: Some(CellValue::Text(answer.into())),
                evidence: Some("Law 1/2026".into()),
                ..Default::default()
            },
        );
    }
    let opts = TemplateOptions {
        lang: "en".into(),
        prefill: p,
    };
    template_workbook(fw, &opts).unwrap().0
}

/// Reads a workbook of the bundled rules and carries it to `to`.
fn view_of(bytes: &[u8], to: &str) -> (Rules, CrosswalkView) {
    let rules = Rules::bundled();
    let a = Reader::new(&rules)
        .read_bytes("XAA.xlsx", bytes, None)
        .unwrap()
        .remove(0);
    let src = rules.get(&a.framework).unwrap();
    let r = evaluate(src, &a);
    let cw = rules.crosswalk(&src.id, to).unwrap();
    let v = crosswalk(src, &r, cw, rules.get(to).unwrap()).unwrap();
    (rules.clone(), v)
}

#[test]
fn an_mgi_assessment_fully_met_gives_every_fully_mapped_sdg_sub_category_full() {
    let (rules, v) = view_of(&mgi_workbook("full", &[]), "sdg-10-7-2");
    let sdg = rules.get("sdg-10-7-2").unwrap();
    let mut full = 0;
    for it in &v.items {
        let s = &v.results.indicators[it.indicator];
        match it.mapping {
            MappingCoverage::Full => {
                full += 1;
                assert_eq!(s.score, Some(1.0), "{}", sdg.indicators[it.indicator].id);
            }
            MappingCoverage::Partial => assert_eq!(s.score, Some(0.5)),
            MappingCoverage::None => panic!("every sub-category is mapped"),
        }
    }
    assert_eq!(full, 24);
    // Every sub-category has a score: the overall is computed, with full coverage.
    let o = v.results.overall();
    assert_eq!(o.coverage, 1.0);
    assert!(o.score.is_some());
}

#[test]
fn the_sdg_overall_needs_the_coverage_the_sdg_rules_require() {
    // D4.E.3 (the ban on recruitment fees) is one of the three MGI sources of PD_4.c:
    // blank, it leaves PD_4.c without a score (a source without a score is never
    // guessed), so PD_4 falls short of its min_coverage of 1.
    let dir = tmp();
    let p = dir.path().join("XAA-2026-mgi.xlsx");
    std::fs::write(&p, mgi_workbook("full", &["D4.E.3"])).unwrap();
    let run = mgi(&[
        "crosswalk",
        p.to_str().unwrap(),
        "--to",
        "sdg-10-7-2",
        "--format",
        "json",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let j: CrosswalkJson = serde_json::from_str(&run.stdout).unwrap();
    let item = j.items.iter().find(|i| i.id == "PD_4.c").unwrap();
    assert_eq!((item.score, item.status.as_str()), (None, "missing"));
    let pd4 = j.nodes.iter().find(|n| n.id == "PD_4").unwrap();
    assert_eq!(pd4.status, "insufficient_data");
    assert!((pd4.coverage - 0.8).abs() < 1e-12);
    assert_eq!(j.overall.score, None);
    assert_eq!(j.nodes[0].status, "insufficient_data");
    assert!((j.overall.coverage - 5.0 / 6.0).abs() < 1e-12);
    assert!(j.unmapped.is_empty());
}

#[test]
fn the_done_when_commands_work_from_any_folder() {
    let dir = tmp();
    let fixtures = root().join("fixtures");
    for (file, to) in [
        ("XAA-2026-mgi.xlsx", "sdg-10-7-2"),
        ("XAA-2026-mgi.xlsx", "gcm"),
        ("XAA-2026-micic.xlsx", "mgi"),
    ] {
        let input = fixtures.join(file);
        let run = mgi_in(
            dir.path(),
            &["crosswalk", input.to_str().unwrap(), "--to", to],
        );
        assert_eq!(run.code, 0, "{file} --to {to}: {}", run.stderr);
        assert!(run.stdout.contains("(indicative)"), "{}", run.stdout);
        let source = file
            .trim_start_matches("XAA-2026-")
            .trim_end_matches(".xlsx");
        let out = dir
            .path()
            .join("reports")
            .join(format!("XAA-2026-{source}-to-{to}-view.xlsx"));
        assert!(out.exists(), "{} not written", out.display());
        let json = mgi_in(
            dir.path(),
            &[
                "crosswalk",
                input.to_str().unwrap(),
                "--to",
                to,
                "--format",
                "json",
            ],
        );
        let j: CrosswalkJson = serde_json::from_str(&json.stdout).unwrap();
        assert_eq!(j.schema, "mgi.crosswalk/1");
        assert_eq!(j.target.framework, to);
        assert_eq!(j.source.assessment.unit.code, "XAA");
    }
}

#[test]
fn the_json_round_trips() {
    let fixtures = root().join("fixtures");
    let run = mgi(&[
        "crosswalk",
        fixtures.join("XAA-2026-micic.xlsx").to_str().unwrap(),
        "--to",
        "gcm",
        "--format",
        "json",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let j: CrosswalkJson = serde_json::from_str(&run.stdout).unwrap();
    let again: CrosswalkJson =
        serde_json::from_str(&serde_json::to_string_pretty(&j).unwrap()).unwrap();
    assert_eq!(j, again);
    // The document's keys, as the contract gives them.
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    for k in [
        "schema",
        "indicative",
        "source",
        "target",
        "overall",
        "nodes",
        "items",
        "unmapped",
        "diagnostics",
    ] {
        assert!(v.get(k).is_some(), "no {k}");
    }
    for k in ["framework", "version", "assessment"] {
        assert!(v["source"].get(k).is_some(), "no source.{k}");
    }
    for k in ["id", "score", "status", "from", "mapping_coverage"] {
        assert!(v["items"][0].get(k).is_some(), "no items[].{k}");
    }
    for k in ["indicator", "relationship", "strength", "score"] {
        assert!(v["items"][0]["from"][0].get(k).is_some(), "no from[].{k}");
    }
    // The same bytes twice.
    let twice = mgi(&[
        "crosswalk",
        fixtures.join("XAA-2026-micic.xlsx").to_str().unwrap(),
        "--to",
        "gcm",
        "--format",
        "json",
    ]);
    assert_eq!(run.stdout, twice.stdout);
}

fn cell_text(d: &Data) -> String {
    match d {
        Data::String(s) => s.clone(),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Empty => String::new(),
        other => other.to_string(),
    }
}

fn status_label(name: &str) -> &str {
    match name {
        "not_applicable" => "not applicable",
        "dont_know" => "don't know",
        "insufficient_data" => "insufficient data",
        other => other,
    }
}

#[test]
fn the_workbook_read_back_equals_the_json() {
    let bytes = std::fs::read(root().join("fixtures/XAA-2026-mgi.xlsx")).unwrap();
    for to in ["sdg-10-7-2", "gcm"] {
        let (rules, v) = view_of(&bytes, to);
        let (src, tgt) = (rules.get("mgi").unwrap(), rules.get(to).unwrap());
        let j = crosswalk_json(src, tgt, &v).unwrap();
        let book =
            crosswalk_report(src, tgt, &v, &CrosswalkReportOptions { lang: "en".into() }).unwrap();
        let mut wb: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(book)).unwrap();
        // Items: id, score or status, status, mapping coverage, sources.
        let items = wb.worksheet_range("Items").unwrap();
        let rows: Vec<&[Data]> = items.rows().skip(1).collect();
        assert_eq!(rows.len(), j.items.len());
        for (row, it) in rows.iter().zip(&j.items) {
            assert_eq!(cell_text(&row[0]), it.id);
            match it.score {
                Some(s) => assert_eq!(row[3], Data::Float(s), "{}", it.id),
                None => assert_eq!(cell_text(&row[3]), status_label(&it.status)),
            }
            assert_eq!(cell_text(&row[4]), status_label(&it.status));
            let cov = cell_text(&row[6]);
            assert!(cov.starts_with(&it.mapping_coverage), "{cov} {}", it.id);
            for f in &it.from {
                assert!(cell_text(&row[7]).contains(&f.indicator), "{}", it.id);
            }
        }
        // Scores: every node.
        let scores = wb.worksheet_range("Scores").unwrap();
        let rows: Vec<&[Data]> = scores.rows().skip(1).collect();
        assert_eq!(rows.len(), j.nodes.len());
        for (row, n) in rows.iter().zip(&j.nodes) {
            assert_eq!(cell_text(&row[0]), n.id);
            match n.score {
                Some(s) => assert_eq!(row[3], Data::Float(s)),
                None => assert_eq!(cell_text(&row[3]), status_label(&n.status)),
            }
            assert_eq!(row[5], Data::Float(n.coverage));
        }
        // Unmapped.
        let unmapped = wb.worksheet_range("Unmapped").unwrap();
        let ids: Vec<String> = unmapped
            .rows()
            .skip(1)
            .take(j.unmapped.len())
            .map(|r| cell_text(&r[0]))
            .collect();
        assert_eq!(ids, j.unmapped);
        // Summary: the banner and the overall coverage.
        let summary = wb.worksheet_range("Summary").unwrap();
        let banner = cell_text(summary.get_value((2, 0)).unwrap());
        assert!(
            banner.starts_with("Indicative: derived from a mgi"),
            "{banner}"
        );
        assert_eq!(
            summary.get_value((5, 3)),
            Some(&Data::Float(j.overall.coverage))
        );
        // About: both frameworks and the mapping with its hash.
        let about = wb.worksheet_range("About").unwrap();
        let fields: BTreeMap<String, String> = about
            .rows()
            .map(|r| (cell_text(&r[0]), cell_text(&r[1])))
            .collect();
        assert_eq!(fields["Mapping"], j.mapping.id);
        assert_eq!(fields["Mapping content SHA-256"], j.mapping.content_hash);
        assert_eq!(fields["Source framework"], "mgi");
        assert_eq!(fields["Target framework"], to);
        assert_eq!(fields["Target framework content SHA-256"], tgt.content_hash);
    }
}

#[test]
fn a_view_is_refused_by_template_validate_and_score() {
    let fixture = root().join("fixtures/XAA-2026-mgi.xlsx");
    let f = fixture.to_str().unwrap();
    for args in [
        vec!["template", "--framework", "gcm", "-o", "gcm.xlsx"],
        vec!["validate", f, "--framework", "gcm"],
        vec!["score", f, "--framework", "gcm"],
    ] {
        let run = mgi(&args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(run.stderr.contains("is a view"), "{}", run.stderr);
        assert!(run.stderr.contains("mgi crosswalk"), "{}", run.stderr);
    }
    // A workbook that names the view is not read against it.
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("About").unwrap();
    for (r, (k, v)) in [("Country or unit code", "XAA"), ("Framework", "gcm")]
        .iter()
        .enumerate()
    {
        ws.write_string(r as u32, 0, *k).unwrap();
        ws.write_string(r as u32, 1, *v).unwrap();
    }
    let ws = wb.add_worksheet();
    ws.set_name("Assessment").unwrap();
    ws.write_string(0, 0, "ID").unwrap();
    ws.write_string(0, 1, "Answer").unwrap();
    let dir = tmp();
    let p = dir.path().join("gcm.xlsx");
    std::fs::write(&p, wb.save_to_buffer().unwrap()).unwrap();
    let run = mgi(&["score", p.to_str().unwrap()]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("F007") && run.stderr.contains("is a view"),
        "{}",
        run.stderr
    );
}

#[test]
fn rules_list_and_show_carry_kind_and_crosswalks() {
    let run = mgi(&["rules", "list", "--format", "json"]);
    assert_eq!(run.code, 0);
    let j = run.json();
    let kinds: BTreeMap<String, String> = j["frameworks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["id"].as_str().unwrap().to_string(),
                f["kind"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(kinds["gcm"], "view");
    assert_eq!(kinds["mgi"], "assessment");
    let ids: Vec<&str> = j["crosswalks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "mgi--gcm",
            "mgi--sdg-10-7-2",
            "micic--gcm",
            "micic--mgi",
            "sdg-10-7-2--mgi"
        ]
    );
    let show = mgi(&["rules", "show", "gcm", "--format", "json"]);
    assert_eq!(show.json()["kind"], "view");
    assert_eq!(show.json()["indicators"].as_array().unwrap().len(), 23);
    let show = mgi(&["rules", "show", "mgi--sdg-10-7-2", "--format", "json"]);
    assert_eq!(show.code, 0, "{}", show.stderr);
    let m = show.json();
    assert_eq!(m["schema"], "mgi.mapping/1");
    assert_eq!(
        (m["mapped"].as_u64(), m["fully_mapped"].as_u64()),
        (Some(30), Some(24))
    );
    let text = mgi(&["rules", "show", "micic--mgi"]);
    assert_eq!(text.code, 0);
    assert!(text.stdout.contains("D5.A.2") && text.stdout.contains("<- G1.1 equal"));
    assert!(text.stdout.contains("unmapped (the source cannot tell)"));
}

/// The bundled rules written to a folder, with `edit` applied to each file's text.
fn bundled_copy(edit: impl Fn(&str, &str) -> String) -> tempfile::TempDir {
    let dir = tmp();
    for f in RulesSource::bundled().files {
        let p = dir.path().join(&f.rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, edit(&f.rel, &f.text)).unwrap();
    }
    dir
}

#[test]
fn rules_check_catches_stale_ids_on_either_side() {
    // An MGI indicator renamed, as a content revision might: every mapping that names
    // it is reported with its place.
    let dir = bundled_copy(|rel, text| {
        if rel.starts_with("mgi/") {
            text.replace("id = \"D1.B.1\"", "id = \"D1.B.10\"")
        } else {
            text.to_string()
        }
    });
    let run = mgi(&["rules", "check", dir.path().to_str().unwrap()]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    for (code, file) in [
        ("R051", "mgi--sdg-10-7-2.toml"),
        ("R051", "mgi--gcm.toml"),
        ("R052", "sdg-10-7-2--mgi.toml"),
    ] {
        let line = run
            .stderr
            .lines()
            .find(|l| l.contains(code) && l.contains(file))
            .unwrap_or_else(|| panic!("no {code} in {file}:\n{}", run.stderr));
        assert!(line.contains("\"D1.B.1\""), "{line}");
        // Ids are structured: another number is another indicator, never suggested.
        assert!(!line.contains("did you mean"), "{line}");
        // file:line:col
        let after = line.split(file).nth(1).unwrap();
        let parts: Vec<&str> = after.trim_start_matches(':').splitn(3, ':').collect();
        assert!(
            parts[0].parse::<usize>().is_ok() && parts[1].parse::<usize>().is_ok(),
            "{line}"
        );
    }
    // The same id written differently is suggested.
    let dir = bundled_copy(|rel, text| {
        if rel == "crosswalks/mgi--gcm.toml" {
            text.replacen("source = \"D1.B.2\"", "source = \"d1.b.2\"", 1)
        } else {
            text.to_string()
        }
    });
    let run = mgi(&["rules", "check", dir.path().to_str().unwrap()]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("source \"d1.b.2\" is not an indicator of mgi")
            && run.stderr.contains("(did you mean \"D1.B.2\"?)"),
        "{}",
        run.stderr
    );
    // The unchanged bundled rules are clean.
    let run = mgi(&["rules", "check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("0 error(s), 0 warning(s)"),
        "{}",
        run.stdout
    );
}

#[test]
fn the_bundled_mappings_load_with_rules_from_a_folder() {
    let dir = bundled_copy(|_, t| t.to_string());
    let from_dir = Rules::from_dir(dir.path());
    let bundled = Rules::bundled();
    assert_eq!(from_dir.crosswalks().len(), 5);
    for (a, b) in from_dir.crosswalks().iter().zip(bundled.crosswalks()) {
        assert_eq!(a.content_hash, b.content_hash, "{}", a.id);
        assert_eq!(a.maps, b.maps);
    }
    let fixture = root().join("fixtures/XAA-2026-mgi.xlsx");
    let a = mgi(&[
        "crosswalk",
        fixture.to_str().unwrap(),
        "--to",
        "gcm",
        "--format",
        "json",
    ]);
    let b = mgi(&[
        "--rules",
        dir.path().to_str().unwrap(),
        "crosswalk",
        fixture.to_str().unwrap(),
        "--to",
        "gcm",
        "--format",
        "json",
    ]);
    assert_eq!(b.code, 0, "{}", b.stderr);
    assert_eq!(a.stdout, b.stdout);
}

#[test]
fn compare_through_a_view() {
    let fixtures = root().join("fixtures");
    let xaa = fixtures.join("XAA-2026-mgi.xlsx");
    let xac = fixtures.join("XAC-2026-mgi.xlsx");
    let run = mgi(&[
        "compare",
        xaa.to_str().unwrap(),
        xac.to_str().unwrap(),
        "--view",
        "sdg-10-7-2",
        "--format",
        "json",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let j = run.json();
    assert_eq!(j["framework"], "sdg-10-7-2");
    assert_eq!(j["units"].as_array().unwrap().len(), 2);
    // Each unit's view is the one `mgi crosswalk` gives.
    let one = mgi(&[
        "crosswalk",
        xaa.to_str().unwrap(),
        "--to",
        "sdg-10-7-2",
        "--format",
        "json",
    ]);
    let v: CrosswalkJson = serde_json::from_str(&one.stdout).unwrap();
    let pd1 = v.nodes.iter().find(|n| n.id == "PD_1").unwrap().score;
    let unit = j["units"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["code"] == "XAA")
        .unwrap();
    assert_eq!(unit["nodes"]["PD_1"].as_f64(), pd1);
    // Assessments of two frameworks: compared, with a warning; one without a mapping
    // to the target is left out with C010.
    let micic = fixtures.join("XAA-2026-micic.xlsx");
    let sdg = fixtures.join("XAA-2026-sdg-10-7-2.xlsx");
    let run = mgi(&[
        "compare",
        xac.to_str().unwrap(),
        micic.to_str().unwrap(),
        sdg.to_str().unwrap(),
        "--view",
        "gcm",
        "--format",
        "json",
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("C010"), "{}", run.stderr);
    assert!(run.stderr.contains("C011"), "{}", run.stderr);
    assert_eq!(run.json()["units"].as_array().unwrap().len(), 2);
}

#[test]
fn a_batch_gives_one_view_per_assessment_and_reports_the_rest() {
    let fixtures = root().join("fixtures");
    let dir = tmp();
    let run = mgi_in(
        dir.path(),
        &[
            "crosswalk",
            fixtures.join("XAA-2026-mgi.xlsx").to_str().unwrap(),
            fixtures.join("XAC-2026-mgi.xlsx").to_str().unwrap(),
            fixtures.join("XAA-2026-micic.xlsx").to_str().unwrap(),
            "--to",
            "gcm",
            "--format",
            "json",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let docs: Vec<CrosswalkJson> = serde_json::from_str(&run.stdout).unwrap();
    let pairs: Vec<(&str, &str)> = docs
        .iter()
        .map(|d| {
            (
                d.source.assessment.unit.code.as_str(),
                d.source.framework.as_str(),
            )
        })
        .collect();
    assert_eq!(pairs, [("XAA", "mgi"), ("XAC", "mgi"), ("XAA", "micic")]);
    // CSV: one header, rows of every view.
    let csv = mgi_in(
        dir.path(),
        &[
            "crosswalk",
            fixtures.join("XAA-2026-mgi.xlsx").to_str().unwrap(),
            "--to",
            "sdg-10-7-2",
            "--format",
            "csv",
        ],
    );
    assert_eq!(csv.code, 0, "{}", csv.stderr);
    let lines: Vec<&str> = csv.stdout.lines().collect();
    assert!(lines[0].starts_with("unit,period,round,source_framework"));
    assert_eq!(lines.len(), 1 + 7 + 30);
    // An assessment of the target itself has no crosswalk: exit 2 when it is the only one.
    let run = mgi(&[
        "crosswalk",
        fixtures.join("XAA-2026-mgi.xlsx").to_str().unwrap(),
        "--to",
        "mgi",
    ]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("C010"), "{}", run.stderr);
    // A target no crosswalk leads to.
    let run = mgi(&[
        "crosswalk",
        fixtures.join("XAA-2026-mgi.xlsx").to_str().unwrap(),
        "--to",
        "micic",
    ]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("no crosswalk leads to"),
        "{}",
        run.stderr
    );
}

/// The README's table of the bundled mappings and their coverage.
fn coverage_table(rules: &Rules) -> String {
    let mut out = String::from(
        "| mapping | pairs | target items | mapped | fully mapped |\n|---|---|---|---|---|\n",
    );
    for c in rules.crosswalks() {
        let s = c.stats(rules.get(&c.to).unwrap());
        out.push_str(&format!(
            "| `{}` | {} | {} | {} ({:.0}%) | {} ({:.0}%) |\n",
            c.id,
            c.maps.len(),
            s.items,
            s.mapped,
            s.mapped_share() * 100.0,
            s.fully_mapped,
            s.fully_mapped_share() * 100.0
        ));
    }
    out
}

#[test]
fn readme_crosswalk_table_is_the_bundled_mappings() {
    let path = root().join("README.md");
    let text = std::fs::read_to_string(&path).unwrap();
    let open = "<!-- crosswalks -->";
    let close = "<!-- /crosswalks -->";
    let start = text.find(open).expect("README has no crosswalk table") + open.len();
    let end = text.find(close).unwrap();
    let table = coverage_table(&Rules::bundled());
    let out = format!("{}\n{table}{}", &text[..start], &text[end..]);
    if std::env::var_os("MGI_BLESS").is_some() {
        std::fs::write(&path, &out).unwrap();
        return;
    }
    assert!(
        out == text,
        "README crosswalk table differs from the bundled mappings; run MGI_BLESS=1 cargo test readme_crosswalk"
    );
}

#[test]
fn the_readme_crosswalk_example_is_valid() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let section = readme.find("### Crosswalk files").expect("README section");
    let start = section + readme[section..].find("```toml\n").unwrap() + 8;
    let end = start + readme[start..].find("```").unwrap();
    let dir = bundled_copy(|_, t| t.to_string());
    std::fs::remove_file(dir.path().join("crosswalks/mgi--sdg-10-7-2.toml")).unwrap();
    write_files(
        dir.path(),
        &[("crosswalks/example.toml", &readme[start..end])],
    );
    let rules = Rules::from_dir(dir.path());
    let all = rules.all_diagnostics();
    let errors: Vec<_> = all.iter().filter(|d| d.is_error()).collect();
    assert!(errors.is_empty(), "{errors:?}");
    let c = rules.crosswalk("mgi", "sdg-10-7-2").unwrap();
    assert_eq!(c.maps.len(), 1);
    assert_eq!(c.partial_cap, Some(0.5));
}

/// `rules export all` writes the crosswalk files too (the exported folder carries the
/// same views); a crosswalk or a view exports on its own; `rules show FROM--TO --format
/// toml` is the file as written.
#[test]
fn crosswalks_and_views_export_like_frameworks() {
    let all = tmp();
    let run = mgi(&["rules", "export", "all", all.path().to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let exported = Rules::from_dir(all.path());
    assert!(exported.all_diagnostics().is_empty());
    let bundled = Rules::bundled();
    let hashes = |r: &Rules| -> Vec<(String, String)> {
        r.crosswalks()
            .iter()
            .map(|c| (c.id.clone(), c.content_hash.clone()))
            .collect()
    };
    assert_eq!(hashes(&exported), hashes(&bundled));
    assert_eq!(hashes(&bundled).len(), 5);

    let one = tmp();
    for id in ["micic--mgi", "gcm"] {
        let run = mgi(&["rules", "export", id, one.path().to_str().unwrap()]);
        assert_eq!(run.code, 0, "{id}: {}", run.stderr);
    }
    let mut files: Vec<String> = walk(one.path());
    files.sort();
    assert_eq!(
        files,
        [
            "crosswalks/micic--mgi.toml",
            "gcm/framework.toml",
            "gcm/objectives.toml"
        ]
    );
    let on_disk = std::fs::read_to_string(root().join("rules/crosswalks/micic--mgi.toml")).unwrap();
    assert_eq!(
        std::fs::read_to_string(one.path().join("crosswalks/micic--mgi.toml")).unwrap(),
        on_disk
    );
    let show = mgi(&["rules", "show", "micic--mgi", "--format", "toml"]);
    assert_eq!(show.code, 0, "{}", show.stderr);
    assert_eq!(
        show.stdout.trim_end(),
        on_disk.replace("\r\n", "\n").trim_end()
    );
}

/// Files under `dir`, relative, `/`-separated.
fn walk(dir: &std::path::Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p.strip_prefix(dir).unwrap();
                out.push(rel.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    out
}

/// Texts must carry every language both frameworks carry (the languages a view can be
/// shown in with both sides' texts): MICIC and MGI both carry the six UN languages, so a
/// MICIC-to-MGI rationale without its Spanish text warns, with its place.
#[test]
fn crosswalk_texts_need_the_languages_both_frameworks_carry() {
    let rules = Rules::bundled();
    let (micic, mgi_fw) = (rules.get("micic").unwrap(), rules.get("mgi").unwrap());
    assert_eq!(micic.languages, mgi_fw.languages);
    let dir = bundled_copy(|rel, text| {
        if rel == "crosswalks/micic--mgi.toml" {
            // The first rationale loses its Spanish text.
            let mut seen = 0;
            let lines: Vec<String> = text
                .lines()
                .map(|l| {
                    if !l.starts_with("rationale = {") {
                        return l.to_string();
                    }
                    seen += 1;
                    if seen != 1 {
                        return l.to_string();
                    }
                    // Drop `, es = "..."` (the text has no quote inside).
                    let start = l.find(", es = \"").unwrap();
                    let value = start + ", es = \"".len();
                    let end = value + l[value..].find('"').unwrap() + 1;
                    format!("{}{}", &l[..start], &l[end..])
                })
                .collect();
            lines.join("\n") + "\n"
        } else {
            text.to_string()
        }
    });
    let from_dir = Rules::from_dir(dir.path());
    let warnings: Vec<String> = from_dir
        .all_diagnostics()
        .iter()
        .map(|d| d.to_string())
        .collect();
    assert_eq!(warnings.len(), 1, "{warnings:#?}");
    assert!(
        warnings[0].contains("[R058]")
            && warnings[0].contains("micic--mgi.toml:22:")
            && warnings[0].contains("has no text in es")
            && warnings[0].contains("each language both frameworks carry (en, fr, es, ar, zh, ru)"),
        "{}",
        warnings[0]
    );
}

#[test]
fn the_about_sheet_of_a_view_names_its_fields_in_the_report_language() {
    let fixture = root().join("fixtures/XAA-2026-mgi.xlsx");
    let fields = |lang: &str| -> Vec<String> {
        let dir = tmp();
        let run = mgi_in(
            dir.path(),
            &[
                "--lang",
                lang,
                "crosswalk",
                fixture.to_str().unwrap(),
                "--to",
                "sdg-10-7-2",
                "-o",
                "v.xlsx",
            ],
        );
        assert_eq!(run.code, 0, "{}", run.stderr);
        let mut wb: Xlsx<_> = calamine::open_workbook(dir.path().join("v.xlsx")).unwrap();
        let about = mgi::i18n::msg(lang, "crosswalk.about");
        let range = wb.worksheet_range(about).unwrap();
        range.rows().skip(1).map(|r| cell_text(&r[0])).collect()
    };
    let en = fields("en");
    assert!(
        en.contains(&"Mapping content SHA-256".to_string()),
        "{en:?}"
    );
    for lang in ["fr", "es", "ar", "zh", "ru"] {
        let local = fields(lang);
        assert_eq!(local.len(), en.len());
        // A field name that stays English is one the language writes the same way.
        for (l, e) in local.iter().zip(&en) {
            assert!(l != e, "{lang}: {e:?} is English");
        }
    }
}
