//! The gap report a government acts on: recommendations that fit the assessment, a
//! Summary that names the JSON's top actions in order, nothing in English in a French
//! report, and a profile that says so when nothing is scored.

use crate::harness::{mgi_in, root, tmp, write_files};
use calamine::{Data, Range, Reader as _, open_workbook_auto};
use mgi::guidance::guidance;
use mgi::rules::Rules;
use mgi::template::{CellValue, Fill, Prefill, TemplateOptions, template_workbook};
use std::collections::BTreeMap;
use std::path::Path;

/// A framework whose tools and practices serve host States, States of origin, or both.
const FITTING: &str = r#"
[framework]
id = "fitting"
version = "1"
languages = ["en", "fr"]
title = { en = "Fitting", fr = "Adéquation" }
levels = [
  { id = "overall", label = { en = "Overall", fr = "Ensemble" } },
  { id = "area", label = { en = "Area", fr = "Domaine" } },
  { id = "indicator", label = { en = "Indicator", fr = "Indicateur" } },
]

[[context]]
id = "role"
question = { en = "The country answers as", fr = "Le pays répond en tant que" }
[[context.option]]
code = "host"
label = { en = "Host State", fr = "État d'accueil" }
[[context.option]]
code = "origin"
label = { en = "State of origin", fr = "État d'origine" }
[[context.option]]
code = "both"
roles = ["host", "origin"]
label = { en = "Both", fr = "Les deux" }

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

[[stakeholder]]
id = "civil"
label = { en = "Civil society", fr = "Société civile" }
[[stakeholder]]
id = "ministry"
government = true
label = { en = "Ministry of the interior", fr = "Ministère de l'intérieur" }
[[stakeholder]]
id = "hosts"
roles = ["host"]
label = { en = "Host States", fr = "États d'accueil" }
[[stakeholder]]
id = "origins"
roles = ["origin"]
label = { en = "States of origin", fr = "États d'origine" }

[[guideline]]
id = "G1"
title = { en = "Guideline one", fr = "Ligne directrice un" }
[[guideline]]
id = "G2"
title = { en = "Guideline two", fr = "Ligne directrice deux" }

[[tool]]
id = "t-origin"
roles = ["origin"]
guidelines = ["G1"]
label = { en = "Consular course", fr = "Cours consulaire" }
[[tool]]
id = "t-host"
roles = ["host"]
guidelines = ["G1"]
label = { en = "Host-side manual", fr = "Manuel pour l'accueil" }
[[tool]]
id = "t-any"
guidelines = ["G1"]
label = { en = "General checklist", fr = "Liste générale" }

[[practice]]
id = "p-host"
guideline = "G1"
stakeholder = "hosts"
text = { en = "Hosts open shelters to all.", fr = "Les États d'accueil ouvrent les abris à tous." }
[[practice]]
id = "p-origin"
guideline = "G1"
stakeholder = "origins"
text = { en = "Consulates register nationals.", fr = "Les consulats inscrivent les ressortissants." }
[[practice]]
id = "p-own"
guideline = "G1"
stakeholder = "ministry"
roles = ["origin"]
text = { en = "The ministry briefs embassies.", fr = "Le ministère informe les ambassades." }

[[node]]
id = "root"
label = { en = "Overall", fr = "Ensemble" }
[[node]]
id = "A"
parent = "root"
label = { en = "Area A", fr = "Domaine A" }

[[indicator]]
id = "A.1"
parent = "A"
scale = "yn"
question = { en = "Is there a consular plan?", fr = "Existe-t-il un plan consulaire ?" }
links = { guidelines = ["G1"], tools = ["t-origin"] }
[[indicator.action]]
text = { en = "Write the plan.", fr = "Rédiger le plan." }
stakeholders = ["civil", "ministry"]
tools = ["t-origin"]

[[indicator]]
id = "A.2"
parent = "A"
scale = "yn"
question = { en = "Is there a register?", fr = "Existe-t-il un registre ?" }
links = { guidelines = ["G2"] }
[[indicator.action]]
text = { en = "Open the register.", fr = "Ouvrir le registre." }
stakeholders = ["civil"]

[[band]]
code = "low"
lower = 0
label = { en = "Low", fr = "Bas" }
[[band]]
code = "high"
lower = 50
label = { en = "High", fr = "Élevé" }
"#;

fn fitting() -> (tempfile::TempDir, Rules) {
    let dir = tmp();
    write_files(dir.path(), &[("fitting/fitting.toml", FITTING)]);
    let rules = Rules::from_dir(dir.path());
    assert!(!rules.has_errors(), "{:?}", rules.diagnostics);
    (dir, rules)
}

fn ctx(role: &str) -> BTreeMap<String, String> {
    [("role".to_string(), role.to_string())]
        .into_iter()
        .collect()
}

#[test]
fn tools_and_practices_fit_the_assessment_and_the_fallback_obeys_the_same_rule() {
    let (_dir, rules) = fitting();
    let fw = rules.get("fitting").unwrap();
    // A host-only assessment: the origin tool the indicator names is left out, and the
    // guideline fallback offers the host and general tools, never the origin one.
    let g = guidance(fw, 0, &ctx("host"));
    assert_eq!(g.tools, ["t-host", "t-any"]);
    assert!(g.tools_from_guidelines);
    assert_eq!(g.tools_left_out, ["t-origin"]);
    assert_eq!(g.practices, ["p-host"], "origin practices are left out");
    assert_eq!(g.actions.len(), 1);
    let a = &g.actions[0];
    assert_eq!(
        a.lead.as_deref(),
        Some("ministry"),
        "the government body leads"
    );
    assert_eq!(a.supporting().collect::<Vec<_>>(), ["civil"]);
    assert!(a.tools.is_empty(), "the action's only tool does not fit");
    // A State of origin gets the tool and the practices of its role.
    let g = guidance(fw, 0, &ctx("origin"));
    assert_eq!(g.tools, ["t-origin"]);
    assert!(!g.tools_from_guidelines);
    assert_eq!(g.practices, ["p-origin", "p-own"]);
    assert_eq!(g.actions[0].tools, ["t-origin"]);
    assert_eq!(g.actions[0].practices, ["p-own"], "the ministry acts in it");
    // "Both" stands for both roles; an unanswered question rules nothing out.
    assert_eq!(guidance(fw, 0, &ctx("both")).tools, ["t-origin"]);
    assert_eq!(guidance(fw, 0, &BTreeMap::new()).tools, ["t-origin"]);
    // Nothing fits: empty lists, never something that does not fit.
    let g = guidance(fw, 1, &ctx("host"));
    assert!(g.tools.is_empty() && g.practices.is_empty());
    assert_eq!(
        g.actions[0].lead.as_deref(),
        Some("civil"),
        "else the first"
    );
}

/// Writes a filled workbook of the fitting framework (every answer "no").
fn filled(rules: &Rules, dir: &Path, role: &str, lang: &str) -> String {
    let fw = rules.get("fitting").unwrap();
    let mut prefill = Prefill::default();
    for (k, v) in [
        ("unit_code", "XAA"),
        ("unit_name", "Alneria"),
        ("period", "2026"),
    ] {
        prefill.about.insert(k.into(), v.into());
    }
    prefill.context.insert("role".into(), role.into());
    for ind in &fw.indicators {
        prefill.rows.insert(
            ind.id.clone(),
            Fill {
                answer: Some(CellValue::Text("no".into())),
                ..Default::default()
            },
        );
    }
    let (bytes, _) = template_workbook(
        fw,
        &TemplateOptions {
            lang: lang.into(),
            prefill,
        },
    )
    .unwrap();
    let p = dir.join(format!("XAA-{role}-{lang}.xlsx"));
    std::fs::write(&p, bytes).unwrap();
    p.display().to_string()
}

fn cells(range: &Range<Data>) -> Vec<String> {
    range
        .rows()
        .flat_map(|r| r.iter())
        .filter_map(|c| match c {
            Data::String(s) => Some(s.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn a_host_assessment_is_never_told_to_use_an_origin_tool() {
    let (rules_dir, rules) = fitting();
    let dir = tmp();
    let file = filled(&rules, dir.path(), "host", "en");
    let rules_arg = rules_dir.path().display().to_string();
    let run = mgi_in(
        dir.path(),
        &["--rules", &rules_arg, "score", &file, "--format", "json"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let j = run.json();
    assert_eq!(j["assessment"]["context"]["role"], "host");
    assert_eq!(j["overall"]["answered"], 1.0);
    let gaps = j["gaps"].as_array().unwrap();
    let a1 = gaps.iter().find(|g| g["indicator"] == "A.1").unwrap();
    assert_eq!(a1["tools"], serde_json::json!(["t-host", "t-any"]));
    assert_eq!(a1["practices"], serde_json::json!(["p-host"]));
    assert_eq!(a1["actions"][0]["lead"], "ministry");
    assert_eq!(
        a1["actions"][0]["stakeholders"],
        serde_json::json!(["civil", "ministry"])
    );
    assert_eq!(a1["actions"][0]["text"]["fr"], "Rédiger le plan.");
    let a2 = gaps.iter().find(|g| g["indicator"] == "A.2").unwrap();
    assert_eq!(a2["tools"], serde_json::json!([]));
    // The workbook says the same: no consular course anywhere, and that nothing fits.
    let run = mgi_in(
        dir.path(),
        &["--rules", &rules_arg, "score", &file, "-o", "r.xlsx"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut wb = open_workbook_auto(dir.path().join("r.xlsx")).unwrap();
    for sheet in wb.sheet_names() {
        let all = cells(&wb.worksheet_range(&sheet).unwrap());
        assert!(
            !all.iter().any(|c| c.contains("Consular course")),
            "{sheet} recommends an origin tool"
        );
    }
    let summary = cells(&wb.worksheet_range("Summary").unwrap());
    assert!(summary.iter().any(|c| c.contains("Host-side manual")));
    assert!(
        summary
            .iter()
            .any(|c| c == "No tool in the framework fits this assessment."),
        "{summary:?}"
    );
}

#[test]
fn bundled_micic_for_a_host_state_recommends_nothing_for_states_of_origin() {
    // Today's bundled content: whatever roles its tools and groups carry, every tool
    // and practice recommended to a host-only assessment fits it.
    let rules = Rules::bundled();
    let fw = rules.get("micic").unwrap();
    let host = ctx("host");
    for i in 0..fw.indicators.len() {
        let g = guidance(fw, i, &host);
        for t in &g.tools {
            assert!(fw.tool_fits(fw.tool(t).unwrap(), &host), "{t}");
        }
        for p in &g.practices {
            let p = fw.catalogues.practices.iter().find(|x| &x.id == p).unwrap();
            assert_ne!(p.stakeholder, "states-of-origin", "{}", p.id);
        }
    }
}

fn fixture(name: &str) -> String {
    root().join("fixtures").join(name).display().to_string()
}

/// The rows under the Summary's "what to do first" header: (rank, action text).
fn summary_actions(range: &Range<Data>, header: &str) -> Vec<(String, String)> {
    let start = (0..range.height() as u32)
        .find(|&r| range.get_value((r, 1)).map(|v| v.to_string()).as_deref() == Some(header))
        .unwrap_or_else(|| panic!("no {header} header on the Summary"));
    (start + 1..range.height() as u32)
        .map_while(|r| {
            let rank = range.get_value((r, 0))?.to_string();
            let rank = rank.trim_end_matches(" ★").to_string();
            rank.parse::<usize>().ok()?;
            Some((rank, range.get_value((r, 1))?.to_string()))
        })
        .collect()
}

#[test]
fn the_summary_names_the_top_actions_of_the_json_in_order() {
    for (fx, lang, header) in [
        ("XAA-2026-micic.xlsx", "fr", "Actions recommandées"),
        ("XAC-2026-mgi.xlsx", "en", "Recommended actions"),
        ("XAA-2026-sdg-10-7-2.xlsx", "es", "Acciones recomendadas"),
    ] {
        let dir = tmp();
        let run = mgi_in(
            dir.path(),
            &["score", &fixture(fx), "--lang", lang, "-o", "r.xlsx"],
        );
        assert_eq!(run.code, 0, "{}", run.stderr);
        let j = mgi_in(dir.path(), &["score", &fixture(fx), "--format", "json"]).json();
        let mut wb = open_workbook_auto(dir.path().join("r.xlsx")).unwrap();
        let sheet = wb.sheet_names()[0].clone();
        let shown = summary_actions(&wb.worksheet_range(&sheet).unwrap(), header);
        assert!(!shown.is_empty(), "{fx}: no action on the Summary");
        let gaps = j["gaps"].as_array().unwrap();
        assert_eq!(shown.len(), gaps.len().min(5), "{fx}");
        for ((rank, text), g) in shown.iter().zip(gaps) {
            assert_eq!(rank, &g["rank"].to_string(), "{fx}");
            match g["actions"][0]["text"]
                .get(lang)
                .or(g["actions"][0]["text"].get("en"))
            {
                Some(t) => assert_eq!(text, t.as_str().unwrap(), "{fx} rank {rank}"),
                None => assert_eq!(
                    text,
                    mgi::i18n::msg(lang, "gap.no_action"),
                    "{fx} rank {rank}: a gap without action says so"
                ),
            }
        }
    }
}

/// The English catalogue's texts that a French report must not show: every text (and
/// every fixed part of a text with placeholders) long enough to be a label whose
/// French text differs.
fn english_texts() -> Vec<String> {
    use mgi::i18n::catalogue::{Entry, SOURCES, load};
    let all = load(SOURCES).unwrap();
    let (en, fr) = (&all["en"], &all["fr"]);
    let forms = |e: &Entry| -> Vec<String> {
        match e {
            Entry::Text(t) => vec![t.clone()],
            Entry::Plural(f) => f.values().cloned().collect(),
        }
    };
    let mut out = Vec::new();
    for (key, e) in &en.entries {
        let french: Vec<String> = fr.entries.get(key).map(forms).unwrap_or_default();
        for text in forms(e) {
            for part in text.split(['{', '}']).step_by(2) {
                let part = part.trim();
                // Five letters for one word (it must then fill a cell), eight for a
                // phrase ("of the" between two placeholders is no label).
                let letters = part.chars().filter(|c| c.is_alphabetic()).count();
                let enough = if part.contains(' ') {
                    letters >= 8
                } else {
                    letters >= 5
                };
                if enough && !french.iter().any(|f| f.contains(part)) {
                    out.push(part.to_string());
                }
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

#[test]
fn no_english_label_remains_in_a_french_report() {
    let english = english_texts();
    assert!(english.iter().any(|t| t == "Recommended actions"));
    for fx in [
        "XAA-2026-micic.xlsx",
        "XAB-2026-sdg-10-7-2.xlsx",
        "XAA-2026-mgi.xlsx",
        "XAD-2026-sdg-10-7-2-messy.xlsx",
    ] {
        let dir = tmp();
        let run = mgi_in(
            dir.path(),
            &["score", &fixture(fx), "--lang", "fr", "-o", "r.xlsx"],
        );
        assert!(run.code <= 1, "{}", run.stderr);
        let mut wb = open_workbook_auto(dir.path().join("r.xlsx")).unwrap();
        let mut found = Vec::new();
        for sheet in wb.sheet_names() {
            for e in &english {
                if sheet.contains(e.as_str()) {
                    found.push(format!("sheet name {sheet}: {e:?}"));
                }
            }
            for cell in cells(&wb.worksheet_range(&sheet).unwrap()) {
                // A source cell names the input's own sheet: an id, not a label.
                let is_ref = cell.split_once('!').is_some_and(|(_, c)| {
                    c.chars()
                        .all(|x| x.is_ascii_uppercase() || x.is_ascii_digit())
                });
                // So is the name of one of the input's sheets (the Diagnostics sheet's
                // Sheet column).
                let input_sheet = ["about", "assessment", "instructions"]
                    .iter()
                    .any(|k| cell == mgi::i18n::msg("en", &format!("sheet.{k}")));
                if is_ref || input_sheet {
                    continue;
                }
                // A one-word label must be the whole cell (a word inside a sentence the
                // focal point typed is their data); longer ones may sit inside a cell.
                for e in &english {
                    let hit = if e.contains(' ') {
                        cell.contains(e.as_str())
                    } else {
                        cell.trim() == e
                    };
                    if hit {
                        found.push(format!("{sheet}: {e:?} in {cell:?}"));
                    }
                }
            }
        }
        assert!(found.is_empty(), "{fx}:\n{}", found.join("\n"));
    }
}

#[test]
fn a_report_of_an_unfilled_workbook_says_nothing_is_scored_yet() {
    let dir = tmp();
    let run = mgi_in(
        dir.path(),
        &[
            "template",
            "--framework",
            "micic",
            "--lang",
            "en",
            "-o",
            "t.xlsx",
            "--unit",
            "XAA",
            "--period",
            "2026",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = mgi_in(dir.path(), &["score", "t.xlsx", "-o", "r.xlsx"]);
    assert!(run.code <= 1, "{}", run.stderr);
    let mut wb = open_workbook_auto(dir.path().join("r.xlsx")).unwrap();
    let summary = cells(&wb.worksheet_range("Summary").unwrap());
    let nothing = mgi::i18n::msg("en", "gap.nothing_scored");
    assert!(summary.iter().any(|c| c == nothing), "{summary:?}");
    assert!(
        !summary.iter().any(|c| c.starts_with("No gap")),
        "never 'No gap: every scored indicator is fully met' at 0 % coverage"
    );
}
