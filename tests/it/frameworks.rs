//! The bundled frameworks: structural facts from the reference, and every link resolves.

use crate::harness::mgi;
use serde_json::Value;
use std::collections::BTreeSet;

fn show(id: &str) -> Value {
    let run = mgi(&["rules", "show", id, "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.json()
}

fn ids(v: &Value) -> BTreeSet<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x["id"].as_str().unwrap().to_string())
        .collect()
}

/// Every link of every indicator names an entry of the framework's catalogues.
fn links_resolve(j: &Value) {
    let c = &j["catalogues"];
    let known = |k: &str| ids(&c[k]);
    let (g, p, pr, t, s) = (
        known("guidelines"),
        known("principles"),
        known("practices"),
        known("tools"),
        known("stakeholders"),
    );
    for ind in j["indicators"].as_array().unwrap() {
        let l = &ind["links"];
        for (k, set) in [
            ("guidelines", &g),
            ("principles", &p),
            ("practices", &pr),
            ("tools", &t),
        ] {
            for x in l[k].as_array().unwrap() {
                assert!(
                    set.contains(x.as_str().unwrap()),
                    "{} links to unknown {k} {x}",
                    ind["id"]
                );
            }
        }
        for x in ind["stakeholders"].as_array().unwrap() {
            assert!(
                s.contains(x.as_str().unwrap()),
                "{} names unknown stakeholder {x}",
                ind["id"]
            );
        }
        for a in ind["actions"].as_array().unwrap() {
            for x in a["tools"].as_array().unwrap() {
                assert!(t.contains(x.as_str().unwrap()));
            }
        }
        for n in l["gcm"].as_array().unwrap() {
            assert!((1..=23).contains(&n.as_u64().unwrap()));
        }
    }
}

const MICIC_TITLES: [&str; 15] = [
    "Track information on conflicts and natural disasters, and the potential impact on migrants",
    "Collect and share information on migrants, subject to privacy, confidentiality, and the security and safety of migrants",
    "Empower migrants to help themselves, their families, and communities during and in the aftermath of crises",
    "Incorporate migrants in prevention, preparedness, and emergency response systems",
    "Involve migrants in contingency planning and integrate their needs and capacities",
    "Communicate effectively with migrants",
    "Establish coordination agreements in advance to leverage strengths and foster trust",
    "Build capacity and learn lessons for emergency response and post-crisis action",
    "Communicate widely, effectively, and often with migrants on evolving crises and how to access help",
    "Facilitate migrants' ability to move to safety",
    "Provide humanitarian assistance to migrants without discrimination",
    "Establish clear referral procedures among stakeholders",
    "Relocate and evacuate migrants when needed",
    "Address migrants' immediate needs and support migrants to rebuild lives",
    "Support migrants' host communities",
];

#[test]
fn micic_has_the_guidelines_principles_and_indicators() {
    let j = show("micic");
    let gl = j["catalogues"]["guidelines"].as_array().unwrap();
    assert_eq!(gl.len(), 15);
    for (i, g) in gl.iter().enumerate() {
        assert_eq!(g["title"]["en"], MICIC_TITLES[i], "guideline {}", i + 1);
        let phase = match i + 1 {
            1..=8 => "preparedness",
            9..=13 => "response",
            _ => "recovery",
        };
        assert_eq!(g["phase"], phase);
        assert_eq!(g["number"], i + 1);
    }
    assert_eq!(j["catalogues"]["principles"].as_array().unwrap().len(), 10);
    // The tree: phases weigh 8 : 5 : 2 so every guideline weighs the same.
    let nodes = j["nodes"].as_array().unwrap();
    let weight = |id: &str| {
        nodes.iter().find(|n| n["id"] == id).unwrap()["weight"]
            .as_f64()
            .unwrap()
    };
    assert_eq!(
        (
            weight("preparedness"),
            weight("response"),
            weight("recovery")
        ),
        (8.0, 5.0, 2.0)
    );
    for (i, t) in MICIC_TITLES.iter().enumerate() {
        let n = nodes
            .iter()
            .find(|n| n["id"] == format!("G{}", i + 1))
            .unwrap();
        assert_eq!(n["label"]["en"], *t);
        assert_eq!(n["level"], "guideline");
    }
    let inds = j["indicators"].as_array().unwrap();
    assert!(inds.len() >= 50, "{} indicators", inds.len());
    let mut per_guideline = std::collections::BTreeMap::new();
    for ind in inds {
        let own = ind["parent"].as_str().unwrap();
        let links: Vec<&str> = ind["links"]["guidelines"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_str().unwrap())
            .collect();
        assert!(
            links.contains(&own),
            "{} does not link to its guideline {own}",
            ind["id"]
        );
        assert!(
            !ind["actions"].as_array().unwrap().is_empty(),
            "{} has no action",
            ind["id"]
        );
        assert!(!ind["question"]["fr"].as_str().unwrap().is_empty());
        *per_guideline.entry(own.to_string()).or_insert(0) += 1;
    }
    assert_eq!(per_guideline.len(), 15);
    assert!(per_guideline.values().all(|&n| n >= 3), "{per_guideline:?}");
    // Every guideline can be pointed to a practice and a tool.
    let practices = j["catalogues"]["practices"].as_array().unwrap();
    let tools = j["catalogues"]["tools"].as_array().unwrap();
    for i in 1..=15 {
        let g = format!("G{i}");
        assert!(
            practices.iter().any(|p| p["guideline"] == g.as_str()),
            "no practice for {g}"
        );
        assert!(
            tools.iter().any(|t| t["guidelines"]
                .as_array()
                .unwrap()
                .iter()
                .any(|x| x == g.as_str())),
            "no tool for {g}"
        );
    }
    let groups: BTreeSet<&str> = practices
        .iter()
        .map(|p| p["stakeholder"].as_str().unwrap())
        .collect();
    for s in [
        "multiple-stakeholders",
        "host-states",
        "states-of-origin",
        "private-sector",
        "international-organizations",
        "civil-society",
    ] {
        assert!(groups.contains(s), "no practice for {s}");
    }
    // States of origin answer their own indicators; a country can answer as host,
    // origin or both.
    let role = j["context"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["id"] == "role")
        .expect("role question");
    let codes: Vec<&str> = role["options"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["host", "origin", "both"]);
    let origin = inds
        .iter()
        .filter(|i| {
            i["applies_if"] == serde_json::json!({"question": "role", "in": ["origin", "both"]})
        })
        .count();
    assert!(origin >= 8, "{origin} origin-State indicators");
    links_resolve(&j);
}

#[test]
fn mgi_has_six_domains_and_enough_indicators() {
    let j = show("mgi");
    let nodes = j["nodes"].as_array().unwrap();
    let domains: Vec<&str> = nodes
        .iter()
        .filter(|n| n["level"] == "domain")
        .map(|n| n["id"].as_str().unwrap())
        .collect();
    assert_eq!(domains, ["D1", "D2", "D3", "D4", "D5", "D6"]);
    let inds = j["indicators"].as_array().unwrap();
    assert!(inds.len() >= 80, "{} indicators", inds.len());
    for ind in inds {
        assert_eq!(ind["scale"], "presence");
        // GCM links (and the few indicators that serve no single objective) are checked in
        // content_mgi.rs.
        if ind["id"].as_str().unwrap().starts_with("D5.") {
            assert!(
                !ind["links"]["guidelines"].as_array().unwrap().is_empty(),
                "{} has no MICIC link",
                ind["id"]
            );
        }
    }
    // Sub-areas under every domain; SDG links name real sub-categories.
    let sdg = show("sdg-10-7-2");
    let subcats = ids(&sdg["indicators"]);
    for ind in inds {
        for s in ind["links"]["sdg"].as_array().unwrap() {
            assert!(
                subcats.contains(s.as_str().unwrap()),
                "{} links to unknown SDG sub-category {s}",
                ind["id"]
            );
        }
    }
    let scale = &j["scales"][0];
    let labels: Vec<&str> = scale["options"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["label"]["en"].as_str().unwrap())
        .collect();
    assert_eq!(labels, ["Fully present", "Partially present", "Absent"]);
    assert!(
        j["about"]["en"]
            .as_str()
            .unwrap()
            .contains("not IOM's official MGI questionnaire")
    );
    links_resolve(&j);
}

#[test]
fn sdg_has_thirty_sub_categories_in_six_domains() {
    let j = show("sdg-10-7-2");
    let inds = j["indicators"].as_array().unwrap();
    assert_eq!(inds.len(), 30);
    for d in 1..=6 {
        let n = inds
            .iter()
            .filter(|i| i["parent"] == format!("PD_{d}"))
            .count();
        assert_eq!(n, 5);
    }
    let codes: Vec<f64> = j["scales"][1]["options"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["score"].as_f64().unwrap())
        .collect();
    assert_eq!(codes, [1.0, 0.5, 0.0]);
    links_resolve(&j);
}

#[test]
fn every_framework_carries_the_six_un_languages() {
    for id in ["micic", "mgi", "sdg-10-7-2"] {
        let j = show(id);
        let six = serde_json::json!(["en", "fr", "es", "ar", "zh", "ru"]);
        assert_eq!(j["languages"], six, "{id}");
        for l in j["levels"].as_array().unwrap() {
            assert!(l["label"]["es"].is_string());
        }
        for b in j["bands"].as_array().unwrap() {
            assert!(b["label"]["es"].is_string());
        }
        for s in j["scales"].as_array().unwrap() {
            for o in s["options"].as_array().unwrap() {
                assert!(o["label"]["es"].is_string(), "{id} {}", o["code"]);
            }
        }
    }
}
