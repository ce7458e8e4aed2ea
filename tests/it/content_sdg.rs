//! The SDG 10.7.2 rule set as a subject-matter reviewer reads it: guidance of its own for
//! every sub-category, actions with stakeholders and real tools, the official yes/no coding
//! of domains 2 to 6 (our "partially" hidden under it, through intake and the template),
//! domain 1's three-way answer, and the published categories of a hand-checked case.

use calamine::{Data, Reader as _, Xlsx};
use mgi::aggregate::NodeStatus;
use mgi::intake::{Assessment, Reader, Reading};
use mgi::results::evaluate;
use mgi::rules::{Framework, Rules};
use mgi::score::Status;
use mgi::template::{CellValue, Fill, Prefill, TemplateOptions, template_workbook};
use std::collections::BTreeSet;
use std::io::Cursor;

const SDG: &str = "sdg-10-7-2";

fn prefill(coding: Option<&str>, answers: &[(&str, &str)]) -> Prefill {
    let mut p = Prefill::default();
    p.about.insert("unit_code".into(), "XAA".into());
    p.about.insert("period".into(), "2026".into());
    p.about.insert("round".into(), "1".into());
    if let Some(c) = coding {
        p.context.insert("coding".into(), c.into());
    }
    for (id, text) in answers {
        p.rows.insert(
            id.to_string(),
            Fill {
                answer: Some(CellValue::Text(text.to_string())),
                evidence: Some("Act 1/2026 (fictional)".into()),
                ..Default::default()
            },
        );
    }
    p
}

fn workbook(fw: &Framework, p: Prefill, lang: &str) -> Vec<u8> {
    template_workbook(
        fw,
        &TemplateOptions {
            lang: lang.into(),
            prefill: p,
        },
    )
    .unwrap()
    .0
}

fn read_one(rules: &Rules, name: &str, bytes: &[u8]) -> Assessment {
    let mut list = Reader::new(rules).read_bytes(name, bytes, None).unwrap();
    assert_eq!(list.len(), 1);
    list.remove(0)
}

/// Every sub-category answered: domain 1 from `d1`, the others from `rest` (domain by
/// domain, five answers each).
fn all_answers(
    fw: &Framework,
    d1: [&'static str; 5],
    rest: [[&'static str; 5]; 5],
) -> Vec<(String, &'static str)> {
    let mut out = Vec::new();
    for (d, answers) in std::iter::once(d1).chain(rest).enumerate() {
        for (k, a) in answers.iter().enumerate() {
            let id = format!("PD_{}.{}", d + 1, (b'a' + k as u8) as char);
            assert!(fw.indicator_index(&id).is_some(), "{id}");
            out.push((id, *a));
        }
    }
    out
}

#[test]
fn every_sub_category_has_guidance_of_its_own_in_three_languages() {
    let rules = Rules::bundled();
    let fw = rules.get(SDG).unwrap();
    assert_eq!(fw.indicators.len(), 30);
    for lang in ["en", "fr", "es"] {
        let texts: BTreeSet<&str> = fw
            .indicators
            .iter()
            .map(|i| {
                let t = i.guidance.0.get(lang).map(String::as_str).unwrap_or("");
                assert!(
                    t.len() > 80,
                    "{} has no real guidance in {lang}: {t:?}",
                    i.id
                );
                t
            })
            .collect();
        assert_eq!(texts.len(), 30, "30 distinct guidance texts in {lang}");
    }
    // Domains 2 to 6 say what "yes" requires and define our "partially" as an extension.
    for i in &fw.indicators {
        let en = &i.guidance.0["en"];
        if i.id.starts_with("PD_1.") {
            assert!(
                en.contains("'regardless of status'") && en.contains("'regular only'"),
                "{}",
                i.id
            );
        } else {
            assert!(en.starts_with("Answer 'yes' when"), "{}: {en}", i.id);
            assert!(
                en.contains("Self-assessment only: 'partially'"),
                "{}: {en}",
                i.id
            );
        }
    }
}

#[test]
fn every_sub_category_has_an_action_with_a_stakeholder_and_real_tools() {
    let rules = Rules::bundled();
    let fw = rules.get(SDG).unwrap();
    let cat = &fw.catalogues;
    let stakeholders: BTreeSet<&str> = cat.stakeholders.iter().map(|s| s.id.as_str()).collect();
    // The shared list of micic and mgi is included.
    for id in [
        "migration-authority",
        "labour-ministry",
        "consular-services",
    ] {
        assert!(
            stakeholders.contains(id),
            "{id} from ../micic/stakeholders.toml"
        );
    }
    let mut tools_used = BTreeSet::new();
    for i in &fw.indicators {
        assert!(!i.actions.is_empty(), "{} has no action", i.id);
        for a in &i.actions {
            assert!(
                !a.stakeholders.is_empty(),
                "{}: an action without a stakeholder",
                i.id
            );
            for s in &a.stakeholders {
                assert!(
                    stakeholders.contains(s.as_str()),
                    "{}: unknown stakeholder {s}",
                    i.id
                );
            }
            for lang in ["en", "fr", "es"] {
                assert!(
                    a.text.0.get(lang).is_some_and(|t| !t.is_empty()),
                    "{} action in {lang}",
                    i.id
                );
            }
            tools_used.extend(a.tools.iter().cloned());
        }
    }
    // Every tool is a real instrument with a publisher and an official page, and is used.
    assert!(cat.tools.len() >= 15, "{} tools", cat.tools.len());
    for t in &cat.tools {
        assert!(
            t.url.as_deref().is_some_and(|u| u.starts_with("https://")),
            "{} url",
            t.id
        );
        assert!(!t.publisher.0.is_empty(), "{} publisher", t.id);
        assert!(!t.audience.is_empty(), "{} audience", t.id);
        assert!(
            tools_used.contains(&t.id),
            "{} is declared but no action uses it",
            t.id
        );
    }
    // The government bodies this framework declares say so; the national human rights
    // institution is independent of government.
    let gov = |id: &str| {
        cat.stakeholders
            .iter()
            .find(|s| s.id == id)
            .unwrap()
            .government
    };
    for id in [
        "gender-equality-ministry",
        "qualifications-authority",
        "employment-service",
        "anti-trafficking-body",
    ] {
        assert!(gov(id), "{id} is a government body");
    }
    assert!(!gov("human-rights-institution"));
}

#[test]
fn the_official_coding_hides_partially_on_domains_2_to_6_through_intake() {
    let rules = Rules::bundled();
    let fw = rules.get(SDG).unwrap();
    let pd2a = fw.indicator_index("PD_2.a").unwrap();
    // Official coding: "partially" on PD_2.a is reported at its cell and not scored.
    let bytes = workbook(
        fw,
        prefill(Some("official"), &[("PD_2.a", "partial")]),
        "en",
    );
    let a = read_one(&rules, "XAA-official.xlsx", &bytes);
    assert_eq!(a.meta.context["coding"], "official");
    let ans = a.answer("PD_2.a").unwrap();
    assert_eq!(ans.reading, Reading::Invalid);
    let w029: Vec<_> = a.diagnostics.iter().filter(|d| d.code == "W029").collect();
    assert_eq!(w029.len(), 1, "{:?}", a.diagnostics);
    let d = w029[0];
    assert!(d.is_error());
    assert_eq!(d.location.cell, ans.location.cell);
    assert_eq!(d.location.sheet.as_deref(), Some("Assessment"));
    assert!(
        d.message.contains("\"partial\" (Partially)"),
        "{}",
        d.message
    );
    assert!(d.message.contains("coding = official"), "{}", d.message);
    assert!(
        d.message
            .contains("expected one of: Yes, No, Not applicable, Don't know"),
        "{}",
        d.message
    );
    assert!(
        !a.diagnostics.iter().any(|d| d.code == "W020"),
        "not also W020"
    );
    let r = evaluate(fw, &a);
    assert_eq!(r.indicators[pd2a].status, Status::Invalid);
    assert_eq!(r.indicators[pd2a].score, None);
    // The same answer under the self-assessment coding scores 0.5, with no W029.
    let bytes = workbook(fw, prefill(Some("self"), &[("PD_2.a", "partial")]), "en");
    let a = read_one(&rules, "XAA-self.xlsx", &bytes);
    assert!(!a.diagnostics.iter().any(|d| d.code == "W029"));
    let r = evaluate(fw, &a);
    assert_eq!(r.indicators[pd2a].score, Some(0.5));
    // Unanswered coding: every option is offered (and W027 says so).
    let bytes = workbook(fw, prefill(None, &[("PD_2.a", "Partiellement")]), "en");
    let a = read_one(&rules, "XAA-none.xlsx", &bytes);
    assert_eq!(evaluate(fw, &a).indicators[pd2a].score, Some(0.5));
    let w027 = a
        .diagnostics
        .iter()
        .find(|d| d.code == "W027")
        .expect("W027");
    assert!(
        w027.message
            .contains("every answer option that depends on it is offered"),
        "{}",
        w027.message
    );
}

#[test]
fn the_official_coding_hides_partially_in_a_csv_table_too() {
    let rules = Rules::bundled();
    let csv = "iso3,year,coding,PD_1.a,PD_2.a,PD_2.b\nXAA,2026,official,regular,partial,yes\nXAB,2026,self,regular,partial,yes\n";
    let read = Reader::new(&rules)
        .read_bytes("countries.csv", csv.as_bytes(), Some(SDG))
        .unwrap();
    assert_eq!(read.len(), 2);
    let (off, own) = (&read[0], &read[1]);
    let d = off
        .diagnostics
        .iter()
        .find(|d| d.code == "W029")
        .expect("W029 in the table");
    assert_eq!((d.location.line, d.location.column), (Some(2), Some(5)));
    assert_eq!(off.answer("PD_2.a").unwrap().reading, Reading::Invalid);
    assert_eq!(
        off.answer("PD_1.a").unwrap().reading,
        Reading::Option(1),
        "domain 1 keeps 'regular'"
    );
    assert!(!own.diagnostics.iter().any(|d| d.code == "W029"));
    assert_eq!(own.answer("PD_2.a").unwrap().reading, Reading::Option(1));
}

#[test]
fn domain_1_keeps_its_three_way_answer_under_both_codings() {
    let rules = Rules::bundled();
    let fw = rules.get(SDG).unwrap();
    let pd1c = fw.indicator_index("PD_1.c").unwrap();
    let access = &fw.scales[fw.indicators[pd1c].scale];
    let codes: Vec<&str> = access.options.iter().map(|o| o.code.as_str()).collect();
    assert_eq!(codes, ["all", "regular", "none"]);
    let scores: Vec<f64> = access.options.iter().map(|o| o.score).collect();
    assert_eq!(scores, [1.0, 0.5, 0.0]);
    assert!(access.options.iter().all(|o| o.applies_if.is_none()));
    // Domains 2 to 6 use another scale, whose "partially" alone carries the condition.
    for i in fw.indicators.iter().filter(|i| !i.id.starts_with("PD_1.")) {
        assert_ne!(i.scale, fw.indicators[pd1c].scale, "{}", i.id);
    }
    for coding in ["official", "self"] {
        let bytes = workbook(fw, prefill(Some(coding), &[("PD_1.c", "regular")]), "fr");
        let a = read_one(&rules, "XAA.xlsx", &bytes);
        assert!(!a.diagnostics.iter().any(|d| d.code == "W029"), "{coding}");
        assert_eq!(
            evaluate(fw, &a).indicators[pd1c].score,
            Some(0.5),
            "{coding}"
        );
    }
}

/// The values of a column of the hidden Lists sheet, by its header.
fn list_column(bytes: &[u8], header: &str) -> Vec<String> {
    let mut wb: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes.to_vec())).unwrap();
    // The hidden fourth sheet, whatever its name in the workbook's language.
    let lists = wb.sheet_names()[3].clone();
    let range = wb.worksheet_range(&lists).unwrap();
    let rows: Vec<Vec<Data>> = range.rows().map(|r| r.to_vec()).collect();
    let col = rows[0]
        .iter()
        .position(|c| *c == header)
        .unwrap_or_else(|| panic!("no list {header}"));
    rows[1..]
        .iter()
        .filter_map(|r| r.get(col).map(|c| c.to_string()))
        .filter(|s| !s.is_empty())
        .collect()
}

fn instructions_text(bytes: &[u8]) -> String {
    let mut wb: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes.to_vec())).unwrap();
    // The first sheet, whatever its name in the workbook's language.
    let first = wb.sheet_names()[0].clone();
    let range = wb.worksheet_range(&first).unwrap();
    range
        .rows()
        .flat_map(|r| r.iter().map(|c| c.to_string()))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_template_leaves_partially_out_when_official_coding_is_prefilled() {
    let rules = Rules::bundled();
    let fw = rules.get(SDG).unwrap();
    let official = workbook(
        fw,
        prefill(Some("Official yes/no coding, as in the UN Inquiry"), &[]),
        "en",
    );
    assert_eq!(
        list_column(&official, "policy"),
        ["Yes", "No", "Not applicable", "Don't know"]
    );
    assert_eq!(
        list_column(&official, "access"),
        [
            "Yes, regardless of immigration status",
            "Only for migrants in a regular situation",
            "No",
            "Not applicable",
            "Don't know"
        ],
        "domain 1 keeps its middle answer"
    );
    let text = instructions_text(&official);
    assert!(
        text.contains("Policy in place (official coding: yes or no): Yes = 100; No = 0"),
        "{text}"
    );
    // Not prefilled: the dropdown offers it, and the texts explain that it is ours.
    let open = workbook(fw, prefill(None, &[]), "fr");
    assert_eq!(
        list_column(&open, "policy"),
        ["Oui", "Partiellement", "Non", "Sans objet", "Ne sait pas"]
    );
    let text = instructions_text(&open);
    assert!(text.contains("Partiellement = 50 (seulement si Codage des réponses: Auto-évaluation avec réponses partielles)"), "{text}");
    assert!(
        text.contains("ne fait pas partie du codage officiel"),
        "{text}"
    );
}

#[test]
fn a_hand_checked_case_keeps_its_domain_and_overall_categories() {
    let rules = Rules::bundled();
    let fw = rules.get(SDG).unwrap();
    // PD_1 (1 + 1 + 0.5 + 0 + 1) / 5 = 70 → 2; PD_2 4/5 = 80 → 3; PD_3 100 → 4;
    // PD_4 2/5 = 40 → 2; PD_5 0 → 1; PD_6 (4 + 0.5) / 5 = 90 → 3;
    // overall (70 + 80 + 100 + 40 + 0 + 90) / 6 = 63.33 → 2.
    let answers = all_answers(
        fw,
        ["all", "all", "regular", "none", "all"],
        [
            ["yes", "yes", "yes", "yes", "no"],
            ["yes", "yes", "yes", "yes", "yes"],
            ["yes", "no", "no", "no", "yes"],
            ["no", "no", "no", "no", "no"],
            ["yes", "yes", "yes", "yes", "partial"],
        ],
    );
    let refs: Vec<(&str, &str)> = answers.iter().map(|(i, a)| (i.as_str(), *a)).collect();
    let expected = [
        ("PD_1", 70.0, "2"),
        ("PD_2", 80.0, "3"),
        ("PD_3", 100.0, "4"),
        ("PD_4", 40.0, "2"),
        ("PD_5", 0.0, "1"),
        ("PD_6", 90.0, "3"),
        ("overall", 380.0 / 6.0, "2"),
    ];
    let bytes = workbook(fw, prefill(Some("self"), &refs), "en");
    let a = read_one(&rules, "XAA.xlsx", &bytes);
    assert!(!a.has_errors(), "{:?}", a.diagnostics);
    let r = evaluate(fw, &a);
    for (node, value, band) in expected {
        let n = r.nodes[fw.node_index(node).unwrap()];
        let v = n.score.expect(node) * 100.0;
        assert!((v - value).abs() < 1e-9, "{node}: {v}");
        assert_eq!(fw.band_of(v).unwrap().code, band, "{node}");
    }
    // The UN's English labels; "meets" in French is "Satisfait", never "Répond".
    let label = |code: &str, lang: &str| {
        fw.bands.iter().find(|b| b.code == code).unwrap().label.0[lang].clone()
    };
    assert_eq!(label("3", "en"), "Meets");
    assert_eq!(label("3", "fr"), "Satisfait");
    assert_eq!(label("2", "fr"), "Satisfait partiellement");
    assert_eq!(label("4", "fr"), "Satisfait pleinement");
    assert_eq!(label("3", "es"), "Cumple");
    assert!(fw.bands.iter().all(|b| !b.label.0["fr"].contains("Répond")));
    // Under the official coding the one "partially" (PD_6.e) is not scored, so PD_6 and
    // the overall value are withheld rather than computed on a non-official answer.
    let bytes = workbook(fw, prefill(Some("official"), &refs), "en");
    let a = read_one(&rules, "XAA.xlsx", &bytes);
    assert_eq!(a.diagnostics.iter().filter(|d| d.code == "W029").count(), 1);
    let r = evaluate(fw, &a);
    assert_eq!(
        r.nodes[fw.node_index("PD_6").unwrap()].status,
        NodeStatus::InsufficientData
    );
    assert_eq!(r.nodes[fw.root].status, NodeStatus::InsufficientData);
    let pd5 = r.nodes[fw.node_index("PD_5").unwrap()];
    assert_eq!(pd5.score, Some(0.0), "other domains are unchanged");
}
