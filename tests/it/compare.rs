//! Comparing countries, the uncertainty analysis, and progress between rounds.

use crate::harness::{mgi_in, tmp};
use crate::score::assess;
use mgi::compare::uncertainty::UncertaintyOptions;
use mgi::compare::{CompareOptions, compare};
use mgi::results::{Results, evaluate};
use mgi::rules::{Framework, Rules};
use mgi::template::{CellValue, Fill, Prefill, TemplateOptions, template_workbook};
use std::collections::BTreeMap;
use std::path::Path;

/// SDG answers: the first `yes_domains` domains all yes (or all access), the rest all
/// partial; `all_no` makes every answer no.
pub fn sdg_answers(fw: &Framework, yes_domains: usize, all_no: bool) -> Vec<(String, String)> {
    fw.indicators
        .iter()
        .map(|ind| {
            let domain: usize = fw.nodes[ind.parent].id[3..].parse().unwrap();
            let d1 = domain == 1;
            let code = match (all_no, domain <= yes_domains) {
                (true, _) => {
                    if d1 {
                        "none"
                    } else {
                        "no"
                    }
                }
                (false, true) => {
                    if d1 {
                        "all"
                    } else {
                        "yes"
                    }
                }
                (false, false) => {
                    if d1 {
                        "regular"
                    } else {
                        "partial"
                    }
                }
            };
            (ind.id.clone(), code.to_string())
        })
        .collect()
}

pub fn unit(fw: &Framework, code: &str, region: &str, answers: &[(String, String)]) -> Results {
    let pairs: Vec<(&str, &str)> = answers
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let mut a = assess(fw, &pairs, "");
    a.meta.unit_code = code.into();
    a.meta.groups.insert("region".into(), region.into());
    evaluate(fw, &a)
}

/// Overall scores 100, 0, 50 and 75 for XAA, XAB, XAC, XAD.
pub fn four(fw: &Framework) -> Vec<Results> {
    vec![
        unit(fw, "XAD", "South", &sdg_answers(fw, 3, false)),
        unit(fw, "XAA", "North", &sdg_answers(fw, 6, false)),
        unit(fw, "XAC", "South", &sdg_answers(fw, 0, false)),
        unit(fw, "XAB", "North", &sdg_answers(fw, 0, true)),
    ]
}

#[test]
fn statistics_by_hand_and_by_an_independent_method() {
    let rules = Rules::bundled();
    let fw = rules.get("sdg-10-7-2").unwrap();
    let c = compare(fw, &four(fw), &CompareOptions::default(), &mgi::NoProgress).unwrap();
    let codes: Vec<&str> = c.units.iter().map(|u| u.code.as_str()).collect();
    assert_eq!(
        codes,
        ["XAA", "XAB", "XAC", "XAD"],
        "sorted by code, never by score"
    );
    let overall: Vec<f64> = c.units.iter().map(|u| u.overall.unwrap()).collect();
    assert_eq!(overall, [100.0, 0.0, 50.0, 75.0]);
    assert!(c.ranks.is_none(), "no ranks unless asked for");
    let s = &c.statistics[0];
    assert_eq!(s.node, "overall");
    assert_eq!(s.count, 4);
    assert_eq!(s.mean, Some(56.25));
    assert_eq!(s.median, Some(62.5));
    // Type-7 quartiles of 0, 50, 75, 100: 37.5 and 81.25.
    assert_eq!(s.q1, Some(37.5));
    assert_eq!(s.q3, Some(81.25));
    assert_eq!((s.min, s.max), (Some(0.0), Some(100.0)));
    // Sample standard deviation: sqrt(5468.75 / 3), and independently with statrs.
    let sd = (5468.75f64 / 3.0).sqrt();
    assert!((s.sd.unwrap() - sd).abs() < 1e-9);
    use statrs::statistics::Statistics;
    assert!((s.sd.unwrap() - overall.iter().std_dev()).abs() < 1e-9);
    // 95 % CI: mean ± t(0.975, 3) × sd / 2.
    let h = 3.182_446_305_284_263 * sd / 2.0;
    let (lo, hi) = s.ci95.unwrap();
    assert!(
        (lo - (56.25 - h)).abs() < 1e-6 && (hi - (56.25 + h)).abs() < 1e-6,
        "{lo} {hi}"
    );
    // Indicators: PD_1.a met by XAA and XAD, partial at XAC, not met at XAB.
    let i = &c.indicators[0];
    assert_eq!(
        (
            i.id.as_str(),
            i.met,
            i.partial,
            i.not_met,
            i.not_applicable,
            i.missing
        ),
        ("PD_1.a", 2, 1, 1, 0, 0)
    );
}

#[test]
fn peers_against_the_group_median() {
    let rules = Rules::bundled();
    let fw = rules.get("sdg-10-7-2").unwrap();
    let opts = CompareOptions {
        group_by: Some("region".into()),
        ..Default::default()
    };
    let c = compare(fw, &four(fw), &opts, &mgi::NoProgress).unwrap();
    let row = |u: &str, n: &str| {
        c.peers
            .iter()
            .find(|p| p.unit == u && p.node == n)
            .unwrap()
            .clone()
    };
    // North: XAA 100, XAB 0 → median 50. South: XAC 50, XAD 75 → 62.5.
    let p = row("XAA", "overall");
    assert_eq!(
        (p.group.as_str(), p.score, p.group_median, p.difference),
        ("North", Some(100.0), Some(50.0), Some(50.0))
    );
    let p = row("XAC", "overall");
    assert_eq!((p.group_median, p.difference), (Some(62.5), Some(-12.5)));
    assert_eq!(c.peers.len(), 4 * 7);
}

#[test]
fn uncertainty_is_deterministic_and_tight_when_nothing_varies_much() {
    let rules = Rules::bundled();
    let fw = rules.get("sdg-10-7-2").unwrap();
    let units = four(fw);
    let tiny = UncertaintyOptions {
        draws: 200,
        seed: 9,
        concentration: 1e12,
        vary_weights: true,
        vary_aggregation: false,
        vary_scores: false,
    };
    let c = compare(
        fw,
        &units,
        &CompareOptions {
            uncertainty: Some(tiny),
            rank: true,
            ..Default::default()
        },
        &mgi::NoProgress,
    )
    .unwrap();
    for (u, i) in c.units.iter().zip(&c.uncertainty.as_ref().unwrap().1) {
        let n = u.overall.unwrap();
        let (p05, p95) = (i.p05.unwrap(), i.p95.unwrap());
        assert!(
            p05 <= n + 1e-6 && n - 1e-6 <= p95,
            "{}: {n} not in [{p05}, {p95}]",
            u.code
        );
        assert!(p95 - p05 < 1e-4, "{}: interval too wide", u.code);
        assert_eq!(i.rank_median, i.rank.map(|r| r as f64));
    }
    // The full analysis: same seed, same numbers; another seed, other numbers.
    let run = |seed: u64| {
        let opts = CompareOptions {
            uncertainty: Some(UncertaintyOptions::from_framework(fw, 300, seed)),
            ..Default::default()
        };
        compare(fw, &units, &opts, &mgi::NoProgress)
            .unwrap()
            .uncertainty
            .unwrap()
            .1
    };
    assert_eq!(run(4), run(4));
    assert_ne!(run(4), run(5));
    let wide = run(4);
    // XAC answers "partial" everywhere, whose score varies within [0.25, 0.75].
    let xac = &wide[2];
    assert!(
        xac.p05.unwrap() < 50.0 && 50.0 < xac.p95.unwrap(),
        "{xac:?}"
    );
    // XAA (everything met) stays at 100 whatever the weights.
    assert_eq!((wide[0].p05, wide[0].p95), (Some(100.0), Some(100.0)));
}

pub fn write_sdg(dir: &Path, name: &str, period: &str, answers: &[(&str, &str)]) -> String {
    let rules = Rules::bundled();
    let fw = rules.get("sdg-10-7-2").unwrap();
    let mut p = Prefill::default();
    p.about.insert("unit_code".into(), "XAE".into());
    p.about.insert("period".into(), period.into());
    p.about.insert(
        "round".into(),
        if period == "2024" { "1" } else { "2" }.into(),
    );
    for ind in &fw.indicators {
        let d1 = ind.id.starts_with("PD_1");
        let code = answers
            .iter()
            .find(|(id, _)| *id == ind.id)
            .map(|x| x.1)
            .unwrap_or(if d1 { "regular" } else { "partial" });
        p.rows.insert(
            ind.id.clone(),
            Fill {
                answer: Some(CellValue::Text(code.into())),
                evidence: Some("law".into()),
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
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path.display().to_string()
}

#[test]
fn progress_between_two_rounds() {
    let dir = tmp();
    let old = write_sdg(
        dir.path(),
        "old.xlsx",
        "2024",
        &[
            ("PD_2.a", "no"),
            ("PD_2.b", "partial"),
            ("PD_2.c", "yes"),
            ("PD_2.d", "yes"),
            ("PD_2.e", "yes"),
        ],
    );
    let new = write_sdg(
        dir.path(),
        "new.xlsx",
        "2026",
        &[
            ("PD_2.a", "partial"),
            ("PD_2.b", "yes"),
            ("PD_2.c", "partial"),
            ("PD_2.d", "yes"),
            ("PD_2.e", "no"),
        ],
    );
    let run = mgi_in(dir.path(), &["progress", &old, &new, "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let j = run.json();
    assert_eq!(j["schema"], "mgi.progress/1");
    assert_eq!(j["unit"], "XAE");
    assert_eq!(j["old"]["period"], "2024");
    assert_eq!(j["new"]["round"], "2");
    let change = |id: &str| {
        j["indicators"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["id"] == id)
            .unwrap()["change"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(change("PD_2.a"), "improved");
    assert_eq!(change("PD_2.b"), "closed");
    assert_eq!(change("PD_2.c"), "opened");
    assert_eq!(change("PD_2.d"), "unchanged");
    assert_eq!(change("PD_2.e"), "opened");
    assert_eq!(change("PD_1.a"), "unchanged");
    // PD_2 went from (0 + 50 + 100 × 3) / 5 = 70 to (50 + 100 + 50 + 100 + 0) / 5 = 60.
    let pd2 = j["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["id"] == "PD_2")
        .unwrap();
    assert_eq!(
        (pd2["old"].as_f64(), pd2["new"].as_f64()),
        (Some(70.0), Some(60.0))
    );
    assert!((pd2["change"].as_f64().unwrap() + 10.0).abs() < 1e-9);
    assert!((j["overall"]["change"].as_f64().unwrap() + 10.0 / 6.0).abs() < 1e-9);
    assert_eq!(
        j["framework_changes"],
        serde_json::json!({"added": [], "removed": []})
    );
    // The workbook, with the remaining gaps and their guidance.
    let run = mgi_in(dir.path(), &["progress", &old, &new]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("gaps closed 1, opened 2, improved 1, worsened 0"),
        "{}",
        run.stdout
    );
    let path = dir
        .path()
        .join("reports/XAE-2024-to-2026-sdg-10-7-2-progress.xlsx");
    use calamine::Reader as _;
    let mut wb = calamine::open_workbook_auto(&path).unwrap();
    assert_eq!(
        wb.sheet_names(),
        [
            "Summary",
            "Contents",
            "Scores",
            "Indicators",
            "Gaps that remain",
            "Diagnostics",
            "About"
        ]
    );
    let gaps = wb.worksheet_range("Gaps that remain").unwrap();
    let header: Vec<String> = (0..gaps.width() as u32)
        .map(|c| {
            gaps.get_value((0, c))
                .map(|v| v.to_string())
                .unwrap_or_default()
        })
        .collect();
    for h in [
        "Points to gain",
        "Recommended actions",
        "Capacity-building tools",
        "Owner",
        "Target date",
        "Action status",
    ] {
        assert!(header.iter().any(|x| x == h), "{h} not in {header:?}");
    }
    assert_eq!(
        gaps.get_value((1, 1)).map(|v| v.to_string()).as_deref(),
        Some("PD_2.e"),
        "the biggest remaining gap first"
    );
    // Two different units are refused.
    let other = {
        let rules = Rules::bundled();
        let fw = rules.get("sdg-10-7-2").unwrap();
        let b =
            crate::fixtures::styled(fw, 1, "en", crate::synth::AnswerStyle::Codes, |_| {}).unwrap();
        let p = dir.path().join("xab.xlsx");
        std::fs::write(&p, b).unwrap();
        p.display().to_string()
    };
    let run = mgi_in(dir.path(), &["progress", &old, &other]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("is about XAE but"), "{}", run.stderr);
}

pub fn generate(dir: &Path, n: usize, fw: &str) -> String {
    let out = dir.join("wb");
    let run = mgi_in(
        dir,
        &[
            "generate",
            "--count",
            &n.to_string(),
            "--framework",
            fw,
            "--seed",
            "2",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    out.display().to_string()
}

#[test]
fn compare_a_folder_with_a_broken_file() {
    let dir = tmp();
    let wb = generate(dir.path(), 8, "mgi");
    std::fs::write(
        Path::new(&wb).join("XZZ-broken.xlsx"),
        b"PK\x03\x04 truncated",
    )
    .unwrap();
    let run = mgi_in(
        dir.path(),
        &["compare", &wb, "--format", "json", "--group-by", "Region"],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("XZZ-broken.xlsx: the workbook is damaged or truncated"),
        "{}",
        run.stderr
    );
    let j = run.json();
    assert_eq!(j["schema"], "mgi.compare/1");
    assert_eq!(j["units"].as_array().unwrap().len(), 8);
    assert!(j["ranks"].is_null());
    assert!(j["uncertainty"].is_null());
    assert!(
        j["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["code"] == "F005")
    );
    assert_eq!(
        j["peers"].as_array().unwrap().len(),
        8 * 37,
        "grouped on \"region\" whatever the case asked for"
    );
    assert_eq!(j["statistics"][0]["node"], "mgi");
    assert_eq!(j["statistics"][0]["count"], 8);
}

#[test]
fn uncertainty_is_the_same_whatever_the_thread_count() {
    let dir = tmp();
    let wb = generate(dir.path(), 12, "sdg-10-7-2");
    let run_with = |threads: &str| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_mgi"))
            .args([
                "compare",
                &wb,
                "--format",
                "json",
                "--rank",
                "--uncertainty",
                "500",
                "--seed",
                "7",
            ])
            .env("RAYON_NUM_THREADS", threads)
            .current_dir(dir.path())
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    let one = run_with("1");
    assert_eq!(one, run_with("3"));
    let j: serde_json::Value = serde_json::from_str(&one).unwrap();
    let u = &j["uncertainty"];
    assert_eq!(
        (u["draws"].as_u64(), u["seed"].as_u64()),
        (Some(500), Some(7))
    );
    for (unit, rank) in u["units"]
        .as_array()
        .unwrap()
        .iter()
        .zip(j["ranks"].as_array().unwrap())
    {
        assert_eq!(unit["code"], rank["code"]);
        if let (Some(lo), Some(hi)) = (unit["p05"].as_f64(), unit["p95"].as_f64()) {
            assert!(
                lo <= unit["median"].as_f64().unwrap() && unit["median"].as_f64().unwrap() <= hi
            );
        }
        if let (Some(lo), Some(hi)) = (rank["rank_p05"].as_f64(), rank["rank_p95"].as_f64()) {
            assert!(lo <= hi);
        }
    }
}

#[test]
fn compare_writes_a_workbook_csv_and_parquet() {
    use calamine::Reader as _;
    let dir = tmp();
    let wb = generate(dir.path(), 6, "micic");
    let run = mgi_in(
        dir.path(),
        &[
            "compare",
            &wb,
            "--group-by",
            "region",
            "--rank",
            "--uncertainty",
            "50",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let path = dir.path().join("reports/comparison-micic.xlsx");
    let mut x = calamine::open_workbook_auto(&path).unwrap();
    assert_eq!(
        x.sheet_names(),
        [
            "Matrix",
            "Contents",
            "Statistics",
            "Peers",
            "Indicators",
            "Uncertainty",
            "Diagnostics",
            "About"
        ]
    );
    let j = mgi_in(dir.path(), &["compare", &wb, "--format", "json", "--rank"]).json();
    let m = x.worksheet_range("Matrix").unwrap();
    // Overall column: after code, name, period, the grouping fields, and rank.
    let header: Vec<String> = (0..10)
        .map(|c| {
            m.get_value((0, c))
                .map(|v| v.to_string())
                .unwrap_or_default()
        })
        .collect();
    let overall_col = header.iter().position(|h| h == "Overall").unwrap() as u32;
    assert_eq!(header[overall_col as usize - 1], "Rank");
    for (k, u) in j["units"].as_array().unwrap().iter().enumerate() {
        let row = k as u32 + 2;
        assert_eq!(
            m.get_value((row, 0)).unwrap().to_string(),
            u["code"].as_str().unwrap()
        );
        // The same number, to the precision a workbook stores (its cells are written
        // with 17 significant digits at most, so the last bit may differ).
        let cell = match m.get_value((row, overall_col)) {
            Some(calamine::Data::Float(x)) => *x,
            other => panic!("overall cell {other:?}"),
        };
        let json = u["overall"].as_f64().unwrap();
        assert!(
            (cell - json).abs() < 1e-9 * json.abs().max(1.0),
            "{cell} vs {json}"
        );
    }
    // csv: the long table with one column per grouping field, then the analyses'
    // columns (empty without an analysis).
    let run = mgi_in(dir.path(), &["compare", &wb, "--format", "csv"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let header = run.stdout.lines().next().unwrap().to_string();
    assert!(
        header.contains(",answer,group:income_group,group:region,table,"),
        "{header}"
    );
    let micic = Rules::bundled();
    let micic = micic.get("micic").unwrap();
    let per_unit = micic.nodes.len() + micic.indicators.len();
    assert_eq!(run.stdout.lines().count(), 1 + 6 * per_unit);
    // parquet: the same table, read back with polars.
    let run = mgi_in(
        dir.path(),
        &["compare", &wb, "--format", "parquet", "-o", "cmp.parquet"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let f = std::fs::File::open(dir.path().join("cmp.parquet")).unwrap();
    use polars_io::SerReader;
    let df = polars_io::parquet::read::ParquetReader::new(f)
        .finish()
        .unwrap();
    assert_eq!(df.height(), 6 * per_unit);
    assert!(df.column("score").is_ok() && df.column("group:region").is_ok());
}

#[test]
fn groups_file_and_its_errors() {
    let rules = Rules::bundled();
    let fw = rules.get("sdg-10-7-2").unwrap();
    let dir = tmp();
    let wb = generate(dir.path(), 4, "sdg-10-7-2");
    std::fs::write(
        dir.path().join("groups.csv"),
        "iso3,bloc\nXAA,Alpha\nXAB,Alpha\nXAC,Beta\nXAD,Beta\n",
    )
    .unwrap();
    let run = mgi_in(
        dir.path(),
        &[
            "compare",
            &wb,
            "--groups",
            "groups.csv",
            "--group-by",
            "bloc",
            "--format",
            "json",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let j = run.json();
    assert_eq!(j["units"][2]["groups"]["bloc"], "Beta");
    assert!(
        j["peers"]
            .as_array()
            .unwrap()
            .iter()
            .all(|p| p["group"] == "Alpha" || p["group"] == "Beta")
    );
    std::fs::write(dir.path().join("bad.csv"), "iso3,bloc\n,Alpha\n").unwrap();
    let run = mgi_in(dir.path(), &["compare", &wb, "--groups", "bad.csv"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("bad.csv:2:1: no unit code; expected the unit's code in the first column"),
        "{}",
        run.stderr
    );
    let _ = (fw, BTreeMap::<String, String>::new());
}

#[test]
fn each_source_of_variation_states_its_mean_shift() {
    let rules = Rules::bundled();
    let fw = rules.get("micic").unwrap();
    let units: Vec<_> = (0..6)
        .map(|i| {
            let bytes =
                crate::fixtures::styled(fw, i, "en", crate::synth::AnswerStyle::Codes, |_| {})
                    .unwrap();
            let a = &mgi::intake::Reader::new(&rules)
                .read_bytes("x.xlsx", &bytes, None)
                .unwrap()[0];
            mgi::results::evaluate(fw, a)
        })
        .collect();
    let opts = CompareOptions {
        uncertainty: Some(UncertaintyOptions::from_framework(fw, 400, 3)),
        ..Default::default()
    };
    let c = compare(fw, &units, &opts, &mgi::NoProgress).unwrap();
    let ids: Vec<&str> = c
        .uncertainty_sources
        .iter()
        .map(|s| s.source.as_str())
        .collect();
    // MICIC: weights of phases and of guidelines within a phase, weights of
    // indicators within a guideline, the aggregation method, and the options with a
    // score range.
    assert!(ids.contains(&"weights:phase"), "{ids:?}");
    assert!(ids.contains(&"weights:guideline"), "{ids:?}");
    assert!(ids.contains(&"aggregation"), "{ids:?}");
    assert!(ids.contains(&"score:ypn.partial"), "{ids:?}");
    let shift = |id: &str| {
        c.uncertainty_sources
            .iter()
            .find(|s| s.source == id)
            .unwrap()
            .mean_shift
            .unwrap()
    };
    // Geometric means never exceed arithmetic ones (no zero child here is floored
    // above its arithmetic mean), so half the draws switching lowers scores.
    assert!(shift("aggregation") < -0.5, "{}", shift("aggregation"));
    // Dirichlet weights around the nominal ones barely move the mean.
    assert!(
        shift("weights:phase").abs() < 3.0,
        "{}",
        shift("weights:phase")
    );
    // Same seed, same shifts.
    let again = compare(fw, &units, &opts, &mgi::NoProgress).unwrap();
    assert_eq!(again.uncertainty_sources, c.uncertainty_sources);
    // And the JSON carries them.
    let doc = serde_json::to_value(mgi::report::compare_json::compare_json(&c, &[])).unwrap();
    let sources = doc["uncertainty"]["sources"].as_array().unwrap();
    assert_eq!(sources.len(), c.uncertainty_sources.len());
    assert_eq!(sources[0]["draws"], 400);
}

#[test]
fn sensitivity_names_the_factor_that_moves_each_unit() {
    use mgi::compare::sensitivity::SensitivityOptions;
    let rules = Rules::bundled();
    let fw = rules.get("sdg-10-7-2").unwrap();
    let units = four(fw);
    let mut s = SensitivityOptions::from_framework(fw, 400, 5);
    s.rank = true;
    let opts = CompareOptions {
        sensitivity: Some(s.clone()),
        rank: true,
        ..Default::default()
    };
    let c = compare(fw, &units, &opts, &mgi::NoProgress).unwrap();
    let sens = c.sensitivity.as_ref().unwrap();
    let ids: Vec<&str> = sens.factors.iter().map(|f| f.id.as_str()).collect();
    assert!(ids.contains(&"aggregation"), "{ids:?}");
    // Units in code order: XAA (all yes), XAB (all no), XAC (all partial), XAD.
    let overall = |u: usize| &sens.units[u][0];
    // All "yes": 100 whatever the weights, the method or the partial score: no variance.
    assert!(
        overall(0).total.iter().all(Option::is_none),
        "{:?}",
        overall(0)
    );
    // All "partial": the scores of the partial answers move it (the weights and the
    // method average nearly equal scores: domain 1 has a scale of its own, so weights
    // keep a small interaction).
    let xac = overall(2);
    let (i, st) = xac.strongest().unwrap();
    assert!(
        sens.factors[i].id.starts_with("score:"),
        "{}",
        sens.factors[i].id
    );
    assert!(st > 0.9, "{st}");
    for (f, t) in sens.factors.iter().zip(&xac.total) {
        if !f.id.starts_with("score:") {
            assert!(t.unwrap()[1].abs() < 0.05, "{} {:?}", f.id, t);
        }
    }
    // The set and the ranks are there too.
    assert_eq!(sens.set[0].output, "overall");
    assert_eq!(sens.set.last().unwrap().output, "rank");
    assert!(sens.note.is_none());
}

#[test]
fn sensitivity_with_every_factor_fixed_says_why() {
    use mgi::compare::sensitivity::SensitivityOptions;
    let rules = Rules::bundled();
    let fw = rules.get("sdg-10-7-2").unwrap();
    let mut s = SensitivityOptions::from_framework(fw, 50, 5);
    s.vary_weights = false;
    s.vary_aggregation = false;
    s.vary_scores = false;
    let opts = CompareOptions {
        sensitivity: Some(s),
        ..Default::default()
    };
    let c = compare(fw, &four(fw), &opts, &mgi::NoProgress).unwrap();
    let sens = c.sensitivity.unwrap();
    assert!(sens.factors.is_empty());
    assert!(
        sens.note
            .unwrap()
            .starts_with("every source of variation is fixed")
    );
    let doc = serde_json::to_value(mgi::report::compare_json::compare_json(
        &compare(
            fw,
            &four(fw),
            &CompareOptions {
                sensitivity: Some(SensitivityOptions::from_framework(fw, 50, 5)),
                ..Default::default()
            },
            &mgi::NoProgress,
        )
        .unwrap(),
        &[],
    ))
    .unwrap();
    assert_eq!(doc["sensitivity"]["design"], "saltelli");
    assert!(doc["sensitivity"]["bootstrap"].is_null());
}

#[test]
fn sensitivity_is_the_same_whatever_the_thread_count() {
    let dir = tmp();
    let wb = generate(dir.path(), 8, "micic");
    let run_with = |threads: &str| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_mgi"))
            .args([
                "compare",
                &wb,
                "--format",
                "json",
                "--rank",
                "--sensitivity",
                "100",
                "--seed",
                "7",
            ])
            .env("RAYON_NUM_THREADS", threads)
            .current_dir(dir.path())
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    let one = run_with("1");
    assert_eq!(one, run_with("3"));
    let j: serde_json::Value = serde_json::from_str(&one).unwrap();
    let s = &j["sensitivity"];
    assert_eq!(s["n"], 100);
    let factors: Vec<&str> = s["factors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_str().unwrap())
        .collect();
    assert!(factors.contains(&"weights:guideline"), "{factors:?}");
    assert!(factors.contains(&"aggregation"), "{factors:?}");
    // 8 units × (overall + 3 phases + rank).
    assert_eq!(s["units"].as_array().unwrap().len(), 8 * 5);
}
