//! Cumulative criteria: the level the answered criteria prove is scored as a lower bound,
//! and the indicator is a data gap naming the undecided criterion.

use crate::harness::{mgi_in, tmp};
use crate::score::{assess, hand};
use mgi::results::evaluate;
use mgi::rules::Rules;
use mgi::score::Status;
use mgi::template::{CellValue, Fill, Prefill, TemplateOptions, template_workbook};

#[test]
fn a_proven_level_is_a_lower_bound_and_the_undecided_criterion_a_data_gap() {
    // Under the default policy (missing) and under a "score 0" policy alike.
    for policy in ["", "score"] {
        let fw = hand(|s| {
            if policy.is_empty() {
                s.to_string()
            } else {
                s.replace("policy = \"missing\"", "policy = \"score\"\nscore = 0.0")
            }
        });
        let r = evaluate(
            &fw,
            &assess(
                &fw,
                &[("M.3.a", "yes"), ("M.3.b", "yes"), ("M.3.c", "dk")],
                "host",
            ),
        );
        let i = fw.indicator_index("M.3").unwrap();
        let s = &r.indicators[i];
        assert_eq!((s.status, s.score), (Status::Scored, Some(0.5)), "{policy}");
        assert_eq!(s.answer, "L1");
        let u = s.undecided.as_ref().unwrap();
        assert_eq!(
            (u.criterion.as_str(), u.status),
            ("M.3.c", Status::DontKnow)
        );
        let gap = r.data_gaps.iter().find(|d| d.indicator == i).unwrap();
        assert_eq!(gap.criterion.as_deref(), Some("M.3.c"));
        assert_eq!(gap.status, Status::DontKnow);
        // Below its best, it is a gap too.
        assert!(r.gaps.iter().any(|g| g.indicator == i));
    }
}

#[test]
fn the_score_json_names_the_undecided_criterion() {
    let rules = Rules::bundled();
    let fw = rules.get("micic").unwrap();
    let mut p = Prefill::default();
    for (k, v) in [("unit_code", "XAA"), ("period", "2026"), ("round", "1")] {
        p.about.insert(k.into(), v.into());
    }
    p.context.insert("role".into(), "both".into());
    for (id, answer) in [
        ("G5.2.c1", "yes"),
        ("G5.2.c2", "yes"),
        ("G5.2.c3", "yes"),
        ("G5.2.c4", "dk"),
        ("G5.2.c5", "yes"),
    ] {
        p.rows.insert(
            id.into(),
            Fill {
                answer: Some(CellValue::Text(answer.into())),
                ..Default::default()
            },
        );
    }
    let (bytes, _) = template_workbook(
        fw,
        &TemplateOptions {
            lang: "en".into(),
            prefill: p,
        },
    )
    .unwrap();
    let dir = tmp();
    std::fs::write(dir.path().join("XAA.xlsx"), bytes).unwrap();
    let run = mgi_in(dir.path(), &["score", "XAA.xlsx", "--format", "json"]);
    let j = run.json();
    let ind = j["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["id"] == "G5.2")
        .unwrap();
    assert_eq!(ind["status"], "scored");
    assert_eq!(ind["answer"], "L2");
    assert!(
        (ind["score"].as_f64().unwrap() - 200.0 / 3.0).abs() < 1e-9,
        "{ind}"
    );
    let gap = j["data_gaps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["indicator"] == "G5.2")
        .unwrap();
    assert_eq!(
        gap,
        &serde_json::json!({"indicator": "G5.2", "status": "dont_know", "criterion": "G5.2.c4"})
    );
    // Other data gaps keep their form.
    let other = j["data_gaps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["indicator"] != "G5.2")
        .unwrap();
    assert!(other.get("criterion").is_none(), "{other}");
}
