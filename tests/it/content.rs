//! Content checks on the bundled frameworks (issue 10): links that point where the text
//! says, indicators that measure one thing once, a fair share for States of origin, and
//! the fixed terms of the glossary. The checks are functions over any `Framework`, so they
//! can run for every bundled framework; they are asserted for `micic` and report for the
//! others until their lanes switch the assertion on (see `ASSERTED`).

use mgi::Framework;
use mgi::Text;
use mgi::rules::Rules;
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};

/// Frameworks whose content checks fail the test (every bundled one since their reviews
/// landed); a framework not listed is reported on stderr.
const ASSERTED: &[&str] = &["micic", "mgi", "sdg-10-7-2"];

fn bundled() -> Rules {
    let rules = Rules::bundled();
    assert!(!rules.has_errors(), "{:?}", rules.diagnostics);
    rules
}

fn micic(rules: &Rules) -> &Framework {
    rules.get("micic").expect("micic is bundled")
}

/// Fails for an asserted framework, prints for the others.
fn verdict(fw: &Framework, check: &str, problems: &[String]) {
    if ASSERTED.contains(&fw.id.as_str()) {
        assert!(
            problems.is_empty(),
            "{} {check}: {} problem(s):\n{}",
            fw.id,
            problems.len(),
            problems.join("\n")
        );
    } else if !problems.is_empty() {
        eprintln!(
            "[report only] {} {check}: {} problem(s):\n{}",
            fw.id,
            problems.len(),
            problems.join("\n")
        );
    }
}

/// The catalogue guideline an indicator belongs to: its parent node when that node is a
/// guideline of the catalogue (MICIC), else the guidelines it links (MGI's crisis domain).
fn own_guidelines(fw: &Framework, i: usize) -> Vec<String> {
    let ind = &fw.indicators[i];
    let parent = &fw.nodes[ind.parent].id;
    if fw.guideline(parent).is_some() {
        vec![parent.clone()]
    } else {
        ind.links.guidelines.clone()
    }
}

// ---------------------------------------------------------------------------------------
// Practice and tool links
// ---------------------------------------------------------------------------------------

/// Practice links that do not resolve, or whose practice belongs to another guideline
/// than the indicator's and is not an allowed cross-link `(indicator, practice)`.
fn practice_link_problems(fw: &Framework, allowed: &[(&str, &str, &str)]) -> Vec<String> {
    let mut out = Vec::new();
    for (i, ind) in fw.indicators.iter().enumerate() {
        let own = own_guidelines(fw, i);
        for p in &ind.links.practices {
            match fw.catalogues.practices.iter().find(|x| &x.id == p) {
                None => out.push(format!("{}: practice {p} does not resolve", ind.id)),
                Some(x) if own.contains(&x.guideline) => {}
                Some(x) => {
                    if !allowed.iter().any(|(a, b, _)| *a == ind.id && b == p) {
                        out.push(format!(
                            "{}: practice {p} belongs to {}, not to {own:?}",
                            ind.id, x.guideline
                        ));
                    }
                }
            }
        }
    }
    out
}

/// Tool links (of the indicator and of its actions) that do not resolve, tools that do
/// not name the indicator's guideline and are not an allowed cross-link, action tools the
/// indicator does not link, and tools whose roles exclude every role the indicator applies
/// to.
fn tool_link_problems(fw: &Framework, allowed: &[(&str, &str, &str)]) -> Vec<String> {
    let mut out = Vec::new();
    let roles = applicable_roles(fw);
    for (i, ind) in fw.indicators.iter().enumerate() {
        let own = own_guidelines(fw, i);
        for t in &ind.links.tools {
            let Some(tool) = fw.tool(t) else {
                out.push(format!("{}: tool {t} does not resolve", ind.id));
                continue;
            };
            // An indicator outside any guideline (MGI's non-crisis domains, SDG 10.7.2) has
            // no guideline for its tools to match.
            if !own.is_empty()
                && !tool.guidelines.iter().any(|g| own.contains(g))
                && !allowed.iter().any(|(a, b, _)| *a == ind.id && b == t)
            {
                out.push(format!(
                    "{}: tool {t} helps with {:?}, not with {own:?}",
                    ind.id, tool.guidelines
                ));
            }
            if let Some(r) = roles.get(&i)
                && !tool.roles.is_empty()
                && !tool.roles.iter().any(|x| r.contains(x))
            {
                out.push(format!(
                    "{}: tool {t} serves {:?} but the indicator applies to {r:?}",
                    ind.id, tool.roles
                ));
            }
        }
        for a in &ind.actions {
            for t in &a.tools {
                if !ind.links.tools.contains(t) {
                    out.push(format!(
                        "{}: an action names tool {t}, which the indicator does not link",
                        ind.id
                    ));
                }
            }
        }
    }
    out
}

/// Indicators that link no tool and are not listed as having none that fits.
fn tool_coverage_problems(fw: &Framework, no_tool: &[(&str, &str)]) -> Vec<String> {
    let mut out = Vec::new();
    for ind in &fw.indicators {
        let listed = no_tool.iter().any(|(id, _)| *id == ind.id);
        match (ind.links.tools.is_empty(), listed) {
            (true, false) => out.push(format!(
                "{}: links no tool and is not listed as 'no bundled tool fits'",
                ind.id
            )),
            (false, true) => out.push(format!(
                "{}: listed as 'no bundled tool fits' but links {:?}",
                ind.id, ind.links.tools
            )),
            _ => {}
        }
    }
    out
}

/// The roles (codes of a `role` context question, each option standing for its roles)
/// under which each indicator applies; empty map when the framework has no such question.
fn applicable_roles(fw: &Framework) -> BTreeMap<usize, BTreeSet<String>> {
    let mut out = BTreeMap::new();
    let Some(q) = fw.context.iter().find(|q| q.id == "role") else {
        return out;
    };
    for i in 0..fw.indicators.len() {
        let mut set = BTreeSet::new();
        for o in &q.options {
            let ctx = BTreeMap::from([(q.id.clone(), o.code.clone())]);
            if fw.applies(i, &ctx) {
                set.extend(o.stands_for().map(String::from));
            }
        }
        out.insert(i, set);
    }
    out
}

// ---------------------------------------------------------------------------------------
// Actions, stakeholders, tools
// ---------------------------------------------------------------------------------------

/// Indicators without an action that names a stakeholder, or (when the catalogue marks
/// government bodies) without a government body to lead them.
fn action_problems(fw: &Framework) -> Vec<String> {
    let gov: BTreeSet<&str> = fw
        .catalogues
        .stakeholders
        .iter()
        .filter(|s| s.government)
        .map(|s| s.id.as_str())
        .collect();
    let mut out = Vec::new();
    for ind in &fw.indicators {
        if !ind.actions.iter().any(|a| !a.stakeholders.is_empty()) {
            out.push(format!("{}: no action with a stakeholder", ind.id));
        }
        let named = ind
            .stakeholders
            .iter()
            .chain(ind.actions.iter().flat_map(|a| &a.stakeholders));
        if !gov.is_empty() && !named.into_iter().any(|s| gov.contains(s.as_str())) {
            out.push(format!(
                "{}: no government body among its stakeholders",
                ind.id
            ));
        }
    }
    out
}

/// Tools without an audience, or (when the framework has a role question) without roles.
fn tool_problems(fw: &Framework) -> Vec<String> {
    let has_roles = fw.context.iter().any(|q| q.id == "role");
    let mut out = Vec::new();
    for t in &fw.catalogues.tools {
        if t.audience.is_empty() {
            out.push(format!("tool {}: no audience", t.id));
        }
        if has_roles && t.roles.is_empty() {
            out.push(format!("tool {}: no roles", t.id));
        }
        if t.publisher.is_empty() {
            out.push(format!("tool {}: no publisher", t.id));
        }
    }
    out
}

// ---------------------------------------------------------------------------------------
// Near-duplicate questions
// ---------------------------------------------------------------------------------------

/// Character-trigram cosine similarity of two texts (lower case, letters and digits,
/// single spaces).
fn trigram_cosine(a: &str, b: &str) -> f64 {
    fn grams(s: &str) -> BTreeMap<String, f64> {
        let clean: String = s
            .to_lowercase()
            .chars()
            .map(|c| if c.is_alphanumeric() { c } else { ' ' })
            .collect();
        let chars: Vec<char> = clean
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .chars()
            .collect();
        let mut m = BTreeMap::new();
        for w in chars.windows(3) {
            *m.entry(w.iter().collect::<String>()).or_insert(0.0) += 1.0;
        }
        m
    }
    let (x, y) = (grams(a), grams(b));
    let dot: f64 = x.iter().map(|(k, v)| v * y.get(k).unwrap_or(&0.0)).sum();
    let norm = |m: &BTreeMap<String, f64>| m.values().map(|v| v * v).sum::<f64>().sqrt();
    if dot == 0.0 {
        0.0
    } else {
        dot / (norm(&x) * norm(&y))
    }
}

/// A question pair at or above this trigram cosine reads as the same question. Measured
/// on the bundled sets before the review: the two MGI pairs the issue names as duplicates
/// score 0.75 (published visa information) and 0.63 (return and readmission agreements);
/// after the review, the most similar MICIC pair that measures different things is a host
/// and an origin roster (0.62, allowed below) and every other pair is under 0.60. The
/// check catches wording duplicates, not two differently worded questions on one matter
/// (the old G2.3 / G11.2 firewall pair scored 0.50): those were removed by review.
const NEAR_DUPLICATE: f64 = 0.60;

fn near_duplicates(fw: &Framework, allowed: &[(&str, &str, &str)]) -> Vec<String> {
    let mut out = Vec::new();
    for (i, a) in fw.indicators.iter().enumerate() {
        for b in &fw.indicators[i + 1..] {
            let s = trigram_cosine(fw.text(&a.question, "en"), fw.text(&b.question, "en"));
            let ok = allowed
                .iter()
                .any(|(x, y, _)| (*x == a.id && *y == b.id) || (*x == b.id && *y == a.id));
            if s >= NEAR_DUPLICATE && !ok {
                out.push(format!("{} and {}: similarity {s:.2}", a.id, b.id));
            }
        }
    }
    out
}

// ---------------------------------------------------------------------------------------
// GCM coverage and the share of States of origin
// ---------------------------------------------------------------------------------------

/// Number of indicators linked to each GCM objective.
fn gcm_counts(fw: &Framework) -> BTreeMap<u32, usize> {
    let mut m = BTreeMap::new();
    for ind in &fw.indicators {
        for g in ind.links.gcm.iter().collect::<BTreeSet<_>>() {
            *m.entry(*g).or_insert(0) += 1;
        }
    }
    m
}

/// Per parent node: (indicators that apply to a State of origin, all indicators).
fn origin_share(fw: &Framework) -> BTreeMap<String, (usize, usize)> {
    let roles = applicable_roles(fw);
    let mut m = BTreeMap::new();
    for (i, ind) in fw.indicators.iter().enumerate() {
        let e = m.entry(fw.nodes[ind.parent].id.clone()).or_insert((0, 0));
        e.1 += 1;
        if roles.get(&i).is_none_or(|r| r.contains("origin")) {
            e.0 += 1;
        }
    }
    m
}

// ---------------------------------------------------------------------------------------
// Glossary
// ---------------------------------------------------------------------------------------

#[derive(Deserialize)]
struct Glossary {
    language: String,
    term: Vec<Term>,
}

#[derive(Deserialize)]
struct Term {
    key: String,
    #[serde(default)]
    forms: Vec<String>,
    #[serde(default)]
    r#use: Option<String>,
    #[serde(default)]
    forbid: Vec<String>,
    #[serde(default)]
    forbid_with_term: Vec<String>,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    verified: Option<bool>,
}

fn glossary(lang: &str) -> Glossary {
    let path = format!("{}/i18n/glossary.{lang}.toml", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let g: Glossary = toml::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
    assert_eq!(g.language, lang, "{path}");
    g
}

fn fold(s: &str) -> String {
    s.to_lowercase().replace(['\u{2019}', '\u{2018}'], "'")
}

/// True for a CJK ideograph.
fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{f900}'..='\u{faff}')
}

/// Whether `form` occurs in `text` starting at a word boundary (both already folded).
/// Chinese is written without spaces and an ideograph counts as alphanumeric, so a form
/// starting with an ideograph matches anywhere (保护移民 holds 移民). Arabic attaches
/// the article and particles to the word: its glossary lists the prefixed forms.
fn has_form(text: &str, form: &str) -> bool {
    if form.chars().next().is_some_and(is_cjk) {
        return text.contains(form);
    }
    text.match_indices(form).any(|(i, _)| {
        text[..i]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric())
    })
}

/// Every text of a framework, with where it is.
fn texts(fw: &Framework) -> Vec<(String, &Text)> {
    let mut v: Vec<(String, &Text)> = vec![
        ("title".into(), &fw.title),
        ("about".into(), &fw.about),
        ("weights_reason".into(), &fw.weights_reason),
    ];
    for l in &fw.levels {
        v.push((format!("level {}", l.id), &l.label));
    }
    for q in &fw.context {
        v.push((format!("context {}", q.id), &q.question));
        for o in &q.options {
            v.push((format!("context {} option {}", q.id, o.code), &o.label));
        }
    }
    for s in &fw.scales {
        v.push((format!("scale {}", s.id), &s.label));
        for o in &s.options {
            v.push((format!("scale {} option {}", s.id, o.code), &o.label));
        }
    }
    for n in &fw.nodes {
        v.push((format!("node {} label", n.id), &n.label));
        v.push((format!("node {} description", n.id), &n.description));
    }
    for b in &fw.bands {
        v.push((format!("band {}", b.code), &b.label));
    }
    for ind in &fw.indicators {
        v.push((format!("{} question", ind.id), &ind.question));
        v.push((format!("{} guidance", ind.id), &ind.guidance));
        for (k, a) in ind.actions.iter().enumerate() {
            v.push((format!("{} action {}", ind.id, k + 1), &a.text));
        }
        for c in &ind.criteria {
            v.push((format!("criterion {}", c.id), &c.text));
        }
    }
    let c = &fw.catalogues;
    for p in &c.principles {
        v.push((format!("principle {} label", p.id), &p.label));
        v.push((format!("principle {} description", p.id), &p.description));
    }
    for g in &c.guidelines {
        v.push((format!("guideline {} title", g.id), &g.title));
        v.push((format!("guideline {} description", g.id), &g.description));
    }
    for p in &c.practices {
        v.push((format!("practice {}", p.id), &p.text));
    }
    for t in &c.tools {
        v.push((format!("tool {} label", t.id), &t.label));
        v.push((format!("tool {} description", t.id), &t.description));
    }
    for s in &c.stakeholders {
        v.push((format!("stakeholder {}", s.id), &s.label));
    }
    v
}

/// Texts that break the glossary: an English forbidden variant; a text whose English has
/// a term but whose `lang` version lacks the required rendering; a forbidden variant in
/// `lang`.
fn glossary_problems(fw: &Framework, en: &Glossary, other: &[Glossary]) -> Vec<String> {
    let mut out = Vec::new();
    for (where_, t) in texts(fw) {
        let Some(e) = t.get("en") else { continue };
        let e = fold(e);
        for term in &en.term {
            for f in &term.forbid {
                if has_form(&e, &fold(f)) {
                    out.push(format!("{where_} [en]: forbidden \"{f}\""));
                }
            }
        }
        for g in other {
            if !fw.languages.contains(&g.language) {
                continue;
            }
            let Some(x) = t.get(&g.language) else {
                continue;
            };
            let x = fold(x);
            for term in &g.term {
                for f in &term.forbid {
                    if has_form(&x, &fold(f)) {
                        out.push(format!("{where_} [{}]: forbidden \"{f}\"", g.language));
                    }
                }
                let Some(en_term) = en.term.iter().find(|k| k.key == term.key) else {
                    continue;
                };
                if !en_term.forms.iter().any(|f| has_form(&e, &fold(f))) {
                    continue;
                }
                for f in &term.forbid_with_term {
                    if has_form(&x, &fold(f)) {
                        out.push(format!(
                            "{where_} [{}]: \"{f}\" where the English says \"{}\"",
                            g.language, term.key
                        ));
                    }
                }
                let forms: Vec<String> = if term.forms.is_empty() {
                    term.r#use.iter().cloned().collect()
                } else {
                    term.forms.clone()
                };
                if !forms.is_empty() && !forms.iter().any(|f| has_form(&x, &fold(f))) {
                    out.push(format!(
                        "{where_} [{}]: English has \"{}\" but the text lacks \"{}\"",
                        g.language,
                        term.key,
                        term.r#use.as_deref().unwrap_or(&forms[0])
                    ));
                }
            }
        }
    }
    out
}

// ---------------------------------------------------------------------------------------
// The MICIC allow-lists, each entry with its reason
// ---------------------------------------------------------------------------------------

/// Practices of another guideline that an indicator links on purpose.
const MICIC_PRACTICE_CROSS_LINKS: &[(&str, &str, &str)] = &[
    (
        "G1.2",
        "G6-P3",
        "mobile operators broadcasting alerts are an early-warning channel",
    ),
    (
        "G1.4",
        "G5-P3",
        "drills are where the reach of warnings is checked",
    ),
    (
        "G1.4",
        "G8-P3",
        "after-action reviews are where the reach of warnings is checked",
    ),
    (
        "G3.3",
        "G4-P2",
        "trained migrant volunteers sit on local DRR committees",
    ),
    (
        "G4.2",
        "G11-P1",
        "the legal guarantee of G4 is applied at assistance sites (G11)",
    ),
    (
        "G5.5",
        "G13-P2",
        "employers' evacuation duties are what their plans must contain",
    ),
    (
        "G6.3",
        "G2-P1",
        "consular registration is the channel to registered nationals",
    ),
    (
        "G6.5",
        "G2-P1",
        "outreach sessions promote consular registration",
    ),
    (
        "G6.4",
        "G3-P3",
        "migrant associations that relay alerts are trusted intermediaries",
    ),
    (
        "G7.4",
        "G13-P2",
        "labour agreements set the employer duties of an evacuation",
    ),
    (
        "G9.2",
        "G11-P1",
        "messages announce the no-status-check rule of assistance sites",
    ),
    (
        "G10.6",
        "G11-P4",
        "consular teams reach detained and confined nationals",
    ),
    (
        "G11.4",
        "G14-P2",
        "permit extensions for those who cannot return",
    ),
    (
        "G13.4",
        "G12-P1",
        "referral procedures for unaccompanied children during evacuation",
    ),
    (
        "G13.5",
        "G12-P2",
        "screening for protection needs at evacuation points",
    ),
    (
        "G14.6",
        "G7-P2",
        "the standing arrangement covers family tracing",
    ),
];

/// Tools that do not name the indicator's guideline but fit it.
const MICIC_TOOL_CROSS_LINKS: &[(&str, &str, &str)] = &[
    (
        "G5.7",
        "insurance-design",
        "the licensing condition includes insurance for deployed workers",
    ),
    (
        "G12.2",
        "host-training-course",
        "the course teaches front-line protection of migrants",
    ),
    (
        "G12.3",
        "local-authorities-ecourse",
        "its coordination module covers focal-point lists",
    ),
    (
        "G12.4",
        "consular-elearning",
        "its coordination module covers host-country services",
    ),
];

/// Indicators for which no bundled tool fits.
const MICIC_NO_TOOL: &[(&str, &str)] = &[
    (
        "G2.3",
        "rules on personal data are a legal matter; no MICIC tool covers them",
    ),
    (
        "G3.1",
        "document retention is labour law; the ILO recruitment tools are in mgi",
    ),
    (
        "G8.4",
        "evaluations follow each country's own method; no MICIC tool is bundled",
    ),
    (
        "G8.5",
        "an assistance-to-nationals fund is a budget rule; no tool is bundled",
    ),
    ("G10.4", "no MICIC tool covers immigration detention"),
    (
        "G11.4",
        "temporary protection is a legal status; no MICIC tool covers it",
    ),
    (
        "G14.4",
        "claims procedures are court and social-security rules; no tool is bundled",
    ),
    (
        "G14.5",
        "claims assistance is a consular or legal-aid service; no tool is bundled",
    ),
    (
        "G14.6",
        "tracing services belong to the Red Cross and Red Crescent; not bundled",
    ),
];

/// Question pairs that are alike in wording on purpose.
/// MGI questions that are alike on purpose: separate treaties asked in the same words.
const MGI_SIMILAR_PAIRS: &[(&str, &str, &str)] = &[
    (
        "D1.A.2",
        "D1.A.3",
        "two ILO conventions on migrant workers, asked in the same form",
    ),
    (
        "D1.A.4",
        "D1.A.5",
        "the refugee and the statelessness conventions, asked in the same form",
    ),
];

/// SDG 10.7.2 sub-categories for which no bundled instrument fits, and why.
const SDG_NO_TOOL: &[(&str, &str)] = &[
    (
        "PD_1.b",
        "no bundled instrument on non-nationals' access to public education",
    ),
    (
        "PD_1.c",
        "equal pay is a matter of ILO Conventions No. 100 and 111, not bundled as a tool of this set",
    ),
    (
        "PD_1.d",
        "no bundled instrument on non-nationals' access to social security",
    ),
    (
        "PD_1.e",
        "no bundled instrument on non-nationals' access to justice",
    ),
    (
        "PD_2.d",
        "no bundled instrument on gender-responsive migration policy",
    ),
    (
        "PD_3.c",
        "regional mobility agreements are regional instruments; none is bundled",
    ),
    (
        "PD_3.e",
        "no bundled instrument on engaging civil society and the private sector",
    ),
    (
        "PD_4.a",
        "no bundled instrument on matching labour demand with immigrants' skills",
    ),
    (
        "PD_4.e",
        "portability rests on bilateral and multilateral social security agreements; none is bundled",
    ),
];

/// SDG 10.7.2 sub-categories that the UN Inquiry asks in one form: domain 1 asks the
/// same equal-access question for five services, and two pairs differ by their object.
const SDG_SIMILAR_PAIRS: &[(&str, &str, &str)] = &[
    (
        "PD_1.a",
        "PD_1.b",
        "domain 1: equal access, asked for each service",
    ),
    (
        "PD_1.a",
        "PD_1.d",
        "domain 1: equal access, asked for each service",
    ),
    (
        "PD_1.a",
        "PD_1.e",
        "domain 1: equal access, asked for each service",
    ),
    (
        "PD_1.b",
        "PD_1.d",
        "domain 1: equal access, asked for each service",
    ),
    (
        "PD_1.b",
        "PD_1.e",
        "domain 1: equal access, asked for each service",
    ),
    (
        "PD_1.d",
        "PD_1.e",
        "domain 1: equal access, asked for each service",
    ),
    (
        "PD_2.b",
        "PD_3.b",
        "regular pathways as national policy (2.b) and in bilateral agreements (3.b)",
    ),
    (
        "PD_6.c",
        "PD_6.d",
        "trafficking (6.c) and smuggling (6.d), two crimes the Inquiry asks apart",
    ),
];

const MICIC_SIMILAR_PAIRS: &[(&str, &str, &str)] = &[(
    "G8.3",
    "G8.6",
    "the host State's roster of responders and interpreters, and the foreign ministry's surge roster for its posts",
)];

/// Guidelines where the Guidelines give States of origin a smaller part, with the minimum
/// number of indicators that apply to them.
const MICIC_ORIGIN_EXCEPTIONS: &[(&str, usize, &str)] = &[(
    "G4",
    1,
    "G4 is about the host State's own prevention and emergency systems; States of origin take part through their consular posts (G4.5)",
)];

// ---------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------

#[test]
fn practice_links_match_the_indicators_guideline() {
    let rules = bundled();
    for fw in &rules.frameworks {
        let allowed: &[(&str, &str, &str)] = if fw.id == "micic" {
            MICIC_PRACTICE_CROSS_LINKS
        } else {
            &[]
        };
        verdict(fw, "practice links", &practice_link_problems(fw, allowed));
    }
    // The two wrong links the issue names are fixed.
    let fw = micic(&rules);
    let ind = |id: &str| &fw.indicators[fw.indicator_index(id).unwrap()];
    assert_eq!(ind("G10.4").links.practices, ["G10-P4"]);
    assert_eq!(ind("G14.1").links.practices, ["G14-P4"]);
    // Every allowed cross-link is still a link (the list does not rot).
    for (i, p, _) in MICIC_PRACTICE_CROSS_LINKS {
        assert!(ind(i).links.practices.iter().any(|x| x == p), "{i} {p}");
    }
}

#[test]
fn tool_links_fit_the_guideline_and_the_role() {
    let rules = bundled();
    for fw in &rules.frameworks {
        let micic = fw.id == "micic";
        let allowed: &[(&str, &str, &str)] = if micic { MICIC_TOOL_CROSS_LINKS } else { &[] };
        let no_tool: &[(&str, &str)] = match fw.id.as_str() {
            "micic" => MICIC_NO_TOOL,
            "mgi" => &crate::content_mgi::NO_TOOL,
            "sdg-10-7-2" => SDG_NO_TOOL,
            _ => &[],
        };
        verdict(fw, "tool links", &tool_link_problems(fw, allowed));
        verdict(fw, "tool coverage", &tool_coverage_problems(fw, no_tool));
    }
    let fw = micic(&rules);
    // A host-State assessment is never pointed to a consular tool.
    let host = BTreeMap::from([("role".to_string(), "host".to_string())]);
    let both = BTreeMap::from([("role".to_string(), "both".to_string())]);
    let app = fw.tool("registration-app").unwrap();
    assert!(!fw.tool_fits(app, &host));
    assert!(fw.tool_fits(app, &both));
}

#[test]
fn every_indicator_has_an_action_with_a_stakeholder_and_a_lead() {
    let rules = bundled();
    for fw in &rules.frameworks {
        verdict(fw, "actions", &action_problems(fw));
    }
}

#[test]
fn every_tool_has_an_audience_roles_and_a_publisher() {
    let rules = bundled();
    for fw in &rules.frameworks {
        verdict(fw, "tools", &tool_problems(fw));
    }
    let fw = micic(&rules);
    let consular: Vec<&str> = fw
        .catalogues
        .tools
        .iter()
        .filter(|t| t.audience.iter().any(|a| a == "consular-services") && t.roles == ["origin"])
        .map(|t| t.id.as_str())
        .collect();
    assert!(consular.contains(&"consular-elearning"), "{consular:?}");
    // The "risk index" is the real instrument.
    let inform = fw.tool("risk-index").unwrap();
    assert!(inform.label.get("en").unwrap().contains("INFORM"));
    assert!(
        inform
            .publisher
            .get("en")
            .unwrap()
            .contains("Joint Research Centre")
    );
}

#[test]
fn no_two_questions_are_near_duplicates() {
    let rules = bundled();
    for fw in &rules.frameworks {
        let allowed: &[(&str, &str, &str)] = match fw.id.as_str() {
            "micic" => MICIC_SIMILAR_PAIRS,
            "mgi" => MGI_SIMILAR_PAIRS,
            "sdg-10-7-2" => SDG_SIMILAR_PAIRS,
            _ => &[],
        };
        verdict(
            fw,
            "near-duplicate questions",
            &near_duplicates(fw, allowed),
        );
    }
    // The measure separates the duplicates the issue names from distinct questions.
    let visa_a =
        "Is information on visa and entry requirements published online in several languages?";
    let visa_b = "Are visa and entry requirements published online, in several languages?";
    assert!(trigram_cosine(visa_a, visa_b) >= NEAR_DUPLICATE);
    let fw = micic(&rules);
    let q = |id: &str| {
        fw.text(
            &fw.indicators[fw.indicator_index(id).unwrap()].question,
            "en",
        )
    };
    assert!(trigram_cosine(q("G2.3"), q("G11.2")) < NEAR_DUPLICATE);
}

#[test]
fn micic_links_at_least_fifteen_gcm_objectives_none_on_more_than_a_third() {
    let rules = bundled();
    let fw = micic(&rules);
    let counts = gcm_counts(fw);
    let n = fw.indicators.len();
    assert!(
        counts.len() >= 15,
        "{} distinct objectives: {counts:?}",
        counts.len()
    );
    for (g, c) in &counts {
        assert!(3 * c <= n, "objective {g} on {c} of {n} indicators");
    }
    // Every indicator links at least one objective.
    for ind in &fw.indicators {
        assert!(
            !ind.links.gcm.is_empty(),
            "{} links no GCM objective",
            ind.id
        );
    }
    // The links the issue names.
    let gcm = |id: &str| &fw.indicators[fw.indicator_index(id).unwrap()].links.gcm;
    for (id, obj) in [
        ("G12.2", 12),
        ("G10.4", 13),
        ("G3.1", 6),
        ("G2.1", 1),
        ("G15.4", 17),
        ("G14.4", 22),
        ("G10.2", 5),
        ("G9.3", 14),
        ("G14.3", 21),
    ] {
        assert!(gcm(id).contains(&obj), "{id} should link objective {obj}");
    }
    for other in rules.frameworks.iter().filter(|f| f.id != "micic") {
        eprintln!(
            "[report only] {} GCM links: {:?}",
            other.id,
            gcm_counts(other)
        );
    }
}

#[test]
fn states_of_origin_answer_a_fair_share_of_each_guideline() {
    let rules = bundled();
    let fw = micic(&rules);
    let share = origin_share(fw);
    assert_eq!(share.len(), 15);
    for (g, (origin, all)) in &share {
        let min = MICIC_ORIGIN_EXCEPTIONS
            .iter()
            .find(|(x, _, _)| x == g)
            .map_or(2, |(_, m, _)| *m);
        assert!(
            *origin >= min,
            "{g}: {origin} of {all} indicators apply to States of origin"
        );
        if min >= 2 {
            assert!(
                10 * origin >= 3 * all,
                "{g}: {origin} of {all} for States of origin"
            );
        }
    }
    // The weight an origin-State answer covers, out of the whole.
    let w = fw.effective_weights();
    let roles = applicable_roles(fw);
    let covered: f64 = (0..fw.indicators.len())
        .filter(|i| roles[i].contains("origin"))
        .map(|i| w[i])
        .sum();
    assert!(
        covered >= 0.45,
        "origin States answer {covered:.2} of the weight"
    );
}

#[test]
fn bundled_texts_use_the_glossary_terms() {
    let en = glossary("en");
    let others = [
        glossary("fr"),
        glossary("es"),
        glossary("ar"),
        glossary("zh"),
        glossary("ru"),
    ];
    // Every rendering names its English key and a source.
    let keys: BTreeSet<&str> = en.term.iter().map(|t| t.key.as_str()).collect();
    for g in &others {
        for t in &g.term {
            assert!(
                keys.contains(t.key.as_str()),
                "{}: unknown key {}",
                g.language,
                t.key
            );
            assert!(t.r#use.is_some(), "{} {}: no rendering", g.language, t.key);
            assert!(
                t.source.is_some() && t.verified.is_some(),
                "{} {}",
                g.language,
                t.key
            );
        }
        for k in &keys {
            assert!(
                g.term.iter().any(|t| t.key == *k),
                "{}: no rendering of {k}",
                g.language
            );
        }
    }
    for k in [
        "migrant",
        "host State",
        "State of origin",
        "crisis",
        "preparedness",
        "emergency response",
        "post-crisis action",
        "whole-of-government approach",
        "partnership",
        "overstay",
        "consular assistance",
        "evacuation",
    ] {
        assert!(keys.contains(k), "glossary lacks {k}");
    }
    let rules = bundled();
    for fw in &rules.frameworks {
        let problems = glossary_problems(fw, &en, &others);
        // Every bundled framework, in all six languages.
        if ["micic", "sdg-10-7-2", "mgi"].contains(&fw.id.as_str()) {
            for lang in ["en", "fr", "es", "ar", "zh", "ru"] {
                assert!(
                    fw.languages.iter().any(|l| l == lang),
                    "{} lacks {lang}",
                    fw.id
                );
            }
            assert!(
                problems.is_empty(),
                "{} glossary: {} problem(s):\n{}",
                fw.id,
                problems.len(),
                problems.join("\n")
            );
        } else {
            verdict(fw, "glossary", &problems);
        }
    }
    // The check bites: a French text that says "intervention d'urgence" for "emergency
    // response" is reported.
    let mut fw = micic(&rules).clone();
    fw.title.0.insert("en".into(), "Emergency response".into());
    fw.title
        .0
        .insert("fr".into(), "Intervention d'urgence".into());
    let p = glossary_problems(&fw, &en, &others);
    assert!(p.iter().any(|x| x.starts_with("title [fr]")), "{p:?}");
    // In Chinese, a term inside a run of ideographs counts (支持东道国 has 东道国), a
    // missing one is reported; in Arabic, a prefixed form counts (للدولة المضيفة).
    fw.title
        .0
        .insert("en".into(), "Support the host State".into());
    fw.title.0.insert("zh".into(), "支持东道国".into());
    fw.title
        .0
        .insert("ar".into(), "الدعم للدولة المضيفة".into());
    fw.title
        .0
        .insert("ru".into(), "Поддержка принимающего государства".into());
    let p = glossary_problems(&fw, &en, &others);
    assert!(!p.iter().any(|x| x.starts_with("title [zh]")), "{p:?}");
    assert!(!p.iter().any(|x| x.starts_with("title [ar]")), "{p:?}");
    assert!(p.iter().any(|x| x.starts_with("title [ru]")), "{p:?}");
    fw.title.0.insert("zh".into(), "支持接待国".into());
    let p = glossary_problems(&fw, &en, &others);
    assert!(p.iter().any(|x| x.starts_with("title [zh]")), "{p:?}");
}
