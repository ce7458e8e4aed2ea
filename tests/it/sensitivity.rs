//! The sensitivity analysis in every output: the Sensitivity sheet read back against the
//! JSON (the indices, the sentence naming each unit's strongest factor, the cells the
//! chart reads), built cases whose strongest factor is known, the nominal case (every
//! factor fixed) and the case where nothing varies, the don't-know policy as a factor
//! through a rules folder, and the long table (CSV and Parquet) against the JSON.

use crate::compare::{four, generate};
use crate::harness::{mgi_in, tmp};
use crate::xlsx::{Package, texts};
use calamine::{Data, Range, Reader as _};
use mgi::compare::sensitivity::SensitivityOptions;
use mgi::compare::{CompareOptions, compare};
use mgi::report::compare_report::{CompareReportOptions, compare_report};
use mgi::rules::Rules;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

fn range(path: &Path, sheet: &str) -> Range<Data> {
    let mut wb = calamine::open_workbook_auto(path).unwrap();
    wb.worksheet_range(sheet)
        .unwrap_or_else(|e| panic!("{sheet}: {e}"))
}

fn text(r: &Range<Data>, row: u32, col: u32) -> String {
    r.get_value((row, col))
        .map(|v| v.to_string())
        .unwrap_or_default()
}

fn num(r: &Range<Data>, row: u32, col: u32) -> Option<f64> {
    match r.get_value((row, col)) {
        Some(Data::Float(x)) => Some(*x),
        Some(Data::Int(x)) => Some(*x as f64),
        _ => None,
    }
}

/// The first row whose cells `(column, text)` all match.
fn find(r: &Range<Data>, cells: &[(u32, &str)]) -> Option<u32> {
    (0..r.height() as u32).find(|&row| cells.iter().all(|(c, v)| text(r, row, *c) == *v))
}

/// Whether two numbers are the same double, up to the last bit or two: serde_json's
/// default float parser (without its `float_roundtrip` feature) may land one unit in
/// the last place away from the number written, so JSON numbers are compared this way.
fn same(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(x), Some(y)) => x == y || (x - y).abs() <= 4.0 * f64::EPSILON * x.abs().max(y.abs()),
        (None, None) => true,
        _ => false,
    }
}

/// [`same`] for intervals.
fn same3(a: Option<[f64; 3]>, b: Option<[f64; 3]>) -> bool {
    match (a, b) {
        (Some(x), Some(y)) => (0..3).all(|k| same(Some(x[k]), Some(y[k]))),
        (None, None) => true,
        _ => false,
    }
}

/// `[low, estimate, high]` of a JSON index (none for null).
fn triple(v: &Value) -> Option<[f64; 3]> {
    let a = v.as_array()?;
    Some([a[0].as_f64()?, a[1].as_f64()?, a[2].as_f64()?])
}

/// The sheet's estimate, low and high at columns `col..col + 3`, as `[low, est, high]`.
fn sheet_triple(r: &Range<Data>, row: u32, col: u32) -> Option<[f64; 3]> {
    let (est, lo, hi) = (num(r, row, col), num(r, row, col + 1), num(r, row, col + 2));
    match (lo, est, hi) {
        (Some(lo), Some(est), Some(hi)) => Some([lo, est, hi]),
        (None, None, None) => None,
        other => panic!("row {row}: a partial interval {other:?}"),
    }
}

/// A workbook of a comparison, written with the library.
fn workbook(
    dir: &Path,
    fw: &mgi::rules::Framework,
    c: &mgi::compare::Comparison,
) -> std::path::PathBuf {
    let bytes = compare_report(
        fw,
        c,
        &[],
        &CompareReportOptions {
            lang: "en".into(),
            ..Default::default()
        },
    )
    .unwrap();
    let path = dir.join("s.xlsx");
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn sensitivity_sheet_reads_back_as_the_json() {
    let dir = tmp();
    let wb = generate(dir.path(), 6, "mgi");
    let opts = ["--sensitivity", "150", "--seed", "4", "--rank"];
    let mut args = vec!["compare", wb.as_str(), "-o", "s.xlsx"];
    args.extend(opts);
    let run = mgi_in(dir.path(), &args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut args = vec!["compare", wb.as_str(), "--format", "json"];
    args.extend(opts);
    let run = mgi_in(dir.path(), &args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let j = run.json();
    let s = &j["sensitivity"];
    let path = dir.path().join("s.xlsx");
    let pkg = Package::open(&path);
    let names = pkg.sheet_names();
    let at = names
        .iter()
        .position(|n| n == "Sensitivity")
        .expect("a Sensitivity sheet");
    assert_eq!(names[at + 1], "Diagnostics", "{names:?}");
    let r = range(&path, "Sensitivity");
    let factors = s["factors"].as_array().unwrap();
    assert_eq!(
        factors.len(),
        5,
        "MGI: 3 weight levels, aggregation, one score"
    );

    // The set: every factor's indices on the mean overall score, the JSON's numbers.
    let head = find(&r, &[(0, "Factor"), (3, "First order"), (6, "Total order")])
        .expect("the set's table");
    let set = &s["set"][0];
    assert_eq!(set["output"], "overall");
    for (i, f) in factors.iter().enumerate() {
        let row = head + 1 + i as u32;
        let id = f["id"].as_str().unwrap();
        assert_eq!(text(&r, row, 0), f["label"]["en"].as_str().unwrap());
        assert_eq!(text(&r, row, 9), id);
        let (first, total) = (sheet_triple(&r, row, 3), sheet_triple(&r, row, 6));
        assert!(same3(first, triple(&set["first"][id])), "{id} {first:?}");
        assert!(same3(total, triple(&set["total"][id])), "{id} {total:?}");
        assert!(triple(&set["total"][id]).is_some(), "{id}: the set varies");
    }
    // The chart reads the factors' names and the set's total-order estimates.
    let charts = pkg.charts("Sensitivity");
    assert_eq!(charts.len(), 1);
    let refs: Vec<String> = texts(charts[0], "c:f")
        .iter()
        .map(|f| f.replace('\'', ""))
        .collect();
    let (a, b) = (head + 2, head + 1 + factors.len() as u32);
    for want in [
        format!("Sensitivity!$G${a}:$G${b}"),
        format!("Sensitivity!$A${a}:$A${b}"),
    ] {
        assert!(refs.contains(&want), "no {want} in {refs:?}");
    }

    // Every unit's indices on its overall score, factor by factor.
    let units: Vec<&Value> = s["units"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|u| u["output"] == "overall")
        .collect();
    assert_eq!(units.len(), 6);
    let table = find(&r, &[(0, "Unit"), (1, "Period"), (2, "Factor")]).expect("units table");
    let mut row = table + 1;
    for u in &units {
        let code = u["code"].as_str().unwrap();
        for f in factors {
            let id = f["id"].as_str().unwrap();
            assert_eq!(text(&r, row, 0), code);
            assert_eq!(text(&r, row, 9), id);
            let (first, total) = (sheet_triple(&r, row, 3), sheet_triple(&r, row, 6));
            assert!(same3(first, triple(&u["first"][id])), "{code} {id}");
            assert!(same3(total, triple(&u["total"][id])), "{code} {id}");
            row += 1;
        }
    }
    assert_eq!(text(&r, row, 0), "", "nothing after the last unit");

    // One sentence per unit names its largest total-order index, as a share and as
    // the index, in the language's format.
    for u in &units {
        let code = u["code"].as_str().unwrap();
        let (id, st) = factors
            .iter()
            .map(|f| f["id"].as_str().unwrap())
            .filter_map(|id| triple(&u["total"][id]).map(|t| (id, t[1])))
            .fold(None, |best: Option<(&str, f64)>, (id, t)| match best {
                Some((_, b)) if b >= t => best,
                _ => Some((id, t)),
            })
            .unwrap();
        let row = (0..r.height() as u32)
            .find(|&k| text(&r, k, 0).starts_with(&format!("{code}: ")))
            .unwrap_or_else(|| panic!("no sentence for {code}"));
        let sentence = text(&r, row, 0);
        let what = match id {
            "aggregation" => "the aggregation method explains".to_string(),
            "weights:domain" => "the weights of the Domain level explain".to_string(),
            "weights:sub-area" => "the weights of the Sub-area level explain".to_string(),
            "weights:indicator" => "the weights of the Indicator level explain".to_string(),
            "score:presence.partial" => "the score given to \"Partially present\"".to_string(),
            other => panic!("unexpected factor {other}"),
        };
        assert!(sentence.contains(&what), "{sentence} (strongest {id})");
        let pct = format!(" {:.0}\u{a0}% of the variance", st.clamp(0.0, 1.0) * 100.0);
        assert!(sentence.contains(&pct), "{sentence} lacks {pct:?}");
        assert!(
            sentence.ends_with(&format!("(total order {st:.2})")),
            "{sentence}"
        );
    }
    // The notes say what was run.
    assert!(
        (1..4).any(|k| text(&r, k, 0)
            == "Saltelli design: 150 base samples from seed 4 and 5 factors, so 1,050 roll-ups of every unit (N·(k + 2))."),
        "{:?}",
        (1..4).map(|k| text(&r, k, 0)).collect::<Vec<_>>()
    );
}

#[test]
fn the_sentence_names_the_strongest_factor_of_a_built_case() {
    // SDG 10.7.2, four units: XAA answers "yes" everywhere (100 whatever the choices),
    // XAC "partial" everywhere (its score is that of the partial answers, so the
    // partial scores' ranges move it and nothing else much), in French too.
    let rules = Rules::bundled();
    let fw = rules.get("sdg-10-7-2").unwrap();
    let opts = CompareOptions {
        sensitivity: Some(SensitivityOptions::from_framework(fw, 300, 5)),
        ..Default::default()
    };
    let c = compare(fw, &four(fw), &opts, &mgi::NoProgress).unwrap();
    let s = c.sensitivity.as_ref().unwrap();
    let (i, st) = s.units[2][0].strongest().unwrap();
    assert!(s.factors[i].id.starts_with("score:"), "{}", s.factors[i].id);
    assert!(st > 0.9, "{st}");
    let dir = tmp();
    let path = workbook(dir.path(), fw, &c);
    let r = range(&path, "Sensitivity");
    let sentence = |code: &str| {
        (0..r.height() as u32)
            .map(|k| text(&r, k, 0))
            .find(|t| t.starts_with(&format!("{code}: ")))
            .unwrap_or_else(|| panic!("no sentence for {code}"))
    };
    assert_eq!(
        sentence("XAA"),
        "XAA: its overall score does not vary under these choices, so there is nothing to apportion"
    );
    let (Some(sc), k) = (match s.factors[i].factor {
        mgi::compare::uncertainty::Factor::Score(sc, k) => (Some(sc), k),
        _ => (None, 0),
    }) else {
        unreachable!()
    };
    let option = fw.text(&fw.scales[sc].options[k].label, "en");
    assert_eq!(
        sentence("XAC"),
        format!(
            "XAC: the score given to \"{option}\" ({}) explains {:.0}\u{a0}% of the variance of its overall score (total order {st:.2})",
            fw.text(&fw.scales[sc].label, "en"),
            st.min(1.0) * 100.0
        )
    );
    // The same sentence in French names the same factor, numbers with a decimal comma.
    let bytes = compare_report(
        fw,
        &c,
        &[],
        &CompareReportOptions {
            lang: "fr".into(),
            ..Default::default()
        },
    )
    .unwrap();
    let fr = dir.path().join("fr.xlsx");
    std::fs::write(&fr, bytes).unwrap();
    let r = range(&fr, "Sensibilité");
    let xac = (0..r.height() as u32)
        .map(|k| text(&r, k, 0))
        .find(|t| t.starts_with("XAC : "))
        .expect("a French sentence for XAC");
    let option = fw.text(&fw.scales[sc].options[k].label, "fr");
    assert!(
        xac.starts_with(&format!("XAC : le score attribué à « {option} »")),
        "{xac}"
    );
    assert!(
        xac.contains(&format!(
            "(indice total {})",
            format!("{st:.2}").replace('.', ",")
        )),
        "{xac}"
    );
}

#[test]
fn with_every_factor_fixed_or_nothing_varying_the_sheet_says_so() {
    let rules = Rules::bundled();
    let fw = rules.get("sdg-10-7-2").unwrap();
    let dir = tmp();
    // Every factor fixed: no factor, no indices, the note instead of a division by zero.
    let mut o = SensitivityOptions::from_framework(fw, 50, 5);
    o.vary_weights = false;
    o.vary_aggregation = false;
    o.vary_scores = false;
    let opts = CompareOptions {
        sensitivity: Some(o),
        ..Default::default()
    };
    let c = compare(fw, &four(fw), &opts, &mgi::NoProgress).unwrap();
    let path = workbook(dir.path(), fw, &c);
    let r = range(&path, "Sensitivity");
    let cells: Vec<String> = r.used_cells().map(|(_, _, v)| v.to_string()).collect();
    let fixed = mgi::i18n::msg("en", "sensitivity.note.fixed");
    assert!(cells.iter().any(|c| c == fixed), "{cells:?}");
    assert!(
        r.used_cells()
            .all(|(_, _, v)| !matches!(v, Data::Float(_) | Data::Error(_))),
        "no number where nothing was computed: {cells:?}"
    );
    assert!(find(&r, &[(0, "Factor")]).is_none(), "no table of indices");
    assert!(Package::open(&path).charts("Sensitivity").is_empty());
    let doc = serde_json::to_value(mgi::report::compare_json::compare_json(&c, &[])).unwrap();
    assert_eq!(doc["sensitivity"]["note"], fixed);
    assert_eq!(doc["sensitivity"]["set"], serde_json::json!([]));

    // Factors, but no output varies (one unit answering "yes" everywhere): the sheet
    // says so, lists the factors with blank indices, draws no chart.
    let all_yes: Vec<_> = four(fw)
        .into_iter()
        .filter(|r| r.assessment.meta.unit_code == "XAA")
        .collect();
    let opts = CompareOptions {
        sensitivity: Some(SensitivityOptions::from_framework(fw, 50, 5)),
        ..Default::default()
    };
    let c = compare(fw, &all_yes, &opts, &mgi::NoProgress).unwrap();
    let s = c.sensitivity.as_ref().unwrap();
    assert!(!s.factors.is_empty());
    assert_eq!(s.note_key, Some("sensitivity.note.no_variance"));
    let path = workbook(dir.path(), fw, &c);
    let r = range(&path, "Sensitivity");
    let note = mgi::i18n::msg("en", "sensitivity.note.no_variance");
    assert!((0..6).any(|k| text(&r, k, 0) == note));
    let head = find(&r, &[(0, "Factor"), (3, "First order")]).unwrap();
    for k in 0..s.factors.len() as u32 {
        assert_eq!(sheet_triple(&r, head + 1 + k, 3), None);
        assert_eq!(sheet_triple(&r, head + 1 + k, 6), None);
    }
    assert!(Package::open(&path).charts("Sensitivity").is_empty());
    assert!(
        (0..r.height() as u32).any(|k| text(&r, k, 0)
            == "XAA: its overall score does not vary under these choices, so there is nothing to apportion")
    );
}

#[test]
fn the_dont_know_policy_is_a_factor_when_the_rules_list_policies() {
    let dir = tmp();
    let run = mgi_in(dir.path(), &["rules", "export", "mgi", "rules"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let fw_file = dir.path().join("rules/mgi/framework.toml");
    let mut text = std::fs::read_to_string(&fw_file).unwrap();
    assert!(
        text.trim_end().ends_with("vary_scores = true"),
        "[uncertainty] is the last table"
    );
    text.push_str(
        "dont_know_policies = [{ policy = \"missing\" }, { policy = \"score\", score = 0.0 }]\n",
    );
    std::fs::write(&fw_file, text).unwrap();
    let wb = generate(dir.path(), 12, "mgi");
    // And one unit without a don't-know answer, from the same rules.
    let rules = Rules::from_dir(&dir.path().join("rules"));
    let fw = rules.get("mgi").unwrap();
    let clean =
        crate::fixtures::styled(fw, 40, "en", crate::synth::AnswerStyle::Codes, |_| {}).unwrap();
    std::fs::write(Path::new(&wb).join("clean.xlsx"), clean).unwrap();
    let run = mgi_in(
        dir.path(),
        &[
            "--rules",
            "rules",
            "compare",
            &wb,
            "--sensitivity",
            "200",
            "--format",
            "json",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let j = run.json();
    let s = &j["sensitivity"];
    let ids: Vec<&str> = s["factors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), 6, "{ids:?}");
    assert_eq!(ids.last(), Some(&"policy:dont_know"));
    // Units with a don't-know answer are moved by the policy; units without one are not
    // touched by it at all (its terms are exactly zero).
    let run = mgi_in(
        dir.path(),
        &["--rules", "rules", "compare", &wb, "--format", "csv"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut with_dk: BTreeMap<String, bool> = BTreeMap::new();
    for r in csv_rows(&run.stdout).1 {
        *with_dk.entry(r["unit"].clone()).or_default() |= r["status"] == "dont_know";
    }
    let (mut moved, mut untouched) = (0, 0);
    for u in s["units"].as_array().unwrap() {
        if u["output"] != "overall" {
            continue;
        }
        let t = triple(&u["total"]["policy:dont_know"]).unwrap();
        if with_dk[u["code"].as_str().unwrap()] {
            moved += usize::from(t[1] > 0.0);
        } else {
            assert_eq!(t, [0.0, 0.0, 0.0], "{}", u["code"]);
            untouched += 1;
        }
    }
    assert!(
        moved > 0 && untouched > 0,
        "moved {moved}, untouched {untouched}"
    );
}

/// The comparison's long table as rows of (column → text), from CSV.
fn csv_rows(text: &str) -> (Vec<String>, Vec<BTreeMap<String, String>>) {
    let mut rdr = csv::Reader::from_reader(text.as_bytes());
    let headers: Vec<String> = rdr.headers().unwrap().iter().map(String::from).collect();
    let rows = rdr
        .records()
        .map(|r| {
            headers
                .iter()
                .cloned()
                .zip(r.unwrap().iter().map(String::from))
                .collect()
        })
        .collect();
    (headers, rows)
}

#[test]
fn csv_and_parquet_carry_every_analysis_with_the_json_numbers() {
    let dir = tmp();
    let wb = generate(dir.path(), 5, "mgi");
    let opts = [
        "--rank",
        "--uncertainty",
        "60",
        "--sensitivity",
        "60",
        "--seed",
        "9",
    ];
    let run_with = |format: &[&str]| {
        let mut args = vec!["compare", wb.as_str()];
        args.extend(format);
        args.extend(opts);
        let run = mgi_in(dir.path(), &args);
        assert_eq!(run.code, 0, "{}", run.stderr);
        run
    };
    let j = run_with(&["--format", "json"]).json();
    let csv_text = run_with(&["--format", "csv"]).stdout;
    run_with(&["--format", "parquet", "-o", "t.parquet"]);
    let (headers, rows) = csv_rows(&csv_text);
    // The scores table's columns first, in their order; the grouping fields; then the
    // analyses'.
    let scores_cols = [
        "unit",
        "period",
        "round",
        "framework",
        "version",
        "kind",
        "id",
        "level",
        "parent",
        "label",
        "score",
        "band",
        "coverage",
        "status",
        "answer",
    ];
    assert_eq!(&headers[..15], scores_cols);
    assert_eq!(&headers[15..17], ["group:income_group", "group:region"]);
    assert_eq!(
        &headers[17..],
        [
            "table",
            "output",
            "factor",
            "factor_label",
            "nominal",
            "median",
            "p05",
            "p95",
            "rank",
            "rank_median",
            "rank_p05",
            "rank_p95",
            "variance",
            "first",
            "first_low",
            "first_high",
            "total",
            "total_low",
            "total_high",
            "mean_shift",
            "draws",
            "samples",
            "seed",
            "note"
        ]
    );
    let of = |t: &'static str| rows.iter().filter(move |r| r["table"] == t);
    let f = |r: &BTreeMap<String, String>, c: &str| -> Option<f64> {
        (!r[c].is_empty()).then(|| r[c].parse().unwrap())
    };
    let jf = |v: &Value| v.as_f64();
    let fw_len = {
        let rules = Rules::bundled();
        let fw = rules.get("mgi").unwrap();
        fw.nodes.len() + fw.indicators.len()
    };
    assert_eq!(of("scores").count(), 5 * fw_len);
    // Uncertainty: per unit, as the JSON.
    let unc: Vec<_> = of("uncertainty").collect();
    let ju = j["uncertainty"]["units"].as_array().unwrap();
    assert_eq!(unc.len(), ju.len());
    for (r, u) in unc.iter().zip(ju) {
        assert_eq!(r["unit"], u["code"].as_str().unwrap());
        assert_eq!(r["id"], "mgi");
        for c in ["nominal", "median", "p05", "p95"] {
            assert!(same(f(r, c), jf(&u[c])), "{c}");
        }
        assert_eq!(r["draws"], "60");
        assert_eq!(r["seed"], "9");
    }
    // Ranks.
    let ranks: Vec<_> = of("ranks").collect();
    let jr = j["ranks"].as_array().unwrap();
    assert_eq!(ranks.len(), jr.len());
    for (r, u) in ranks.iter().zip(jr) {
        assert_eq!(r["unit"], u["code"].as_str().unwrap());
        assert_eq!(f(r, "rank"), jf(&u["rank"]));
        for c in ["rank_median", "rank_p05", "rank_p95"] {
            assert!(same(f(r, c), jf(&u[c])), "{c}");
        }
    }
    // Sensitivity: the set, then every unit, per output and factor.
    let s = &j["sensitivity"];
    let ids: Vec<&str> = s["factors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_str().unwrap())
        .collect();
    let expected: Vec<(&str, &Value)> = s["set"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| ("", o))
        .chain(
            s["units"]
                .as_array()
                .unwrap()
                .iter()
                .map(|o| (o["code"].as_str().unwrap(), o)),
        )
        .collect();
    let sens: Vec<_> = of("sensitivity").collect();
    assert_eq!(sens.len(), expected.len() * ids.len());
    for (k, r) in sens.iter().enumerate() {
        let (code, o) = expected[k / ids.len()];
        let id = ids[k % ids.len()];
        assert_eq!(r["unit"], code);
        assert_eq!(r["output"], o["output"].as_str().unwrap());
        assert_eq!(r["factor"], id);
        assert!(same(f(r, "variance"), jf(&o["variance"])));
        for (name, key) in [("first", "first"), ("total", "total")] {
            let want = triple(&o[key][id]);
            let got = match (
                f(r, &format!("{name}_low")),
                f(r, name),
                f(r, &format!("{name}_high")),
            ) {
                (Some(a), Some(b), Some(c)) => Some([a, b, c]),
                _ => None,
            };
            assert!(same3(got, want), "{code} {} {id} {name}", o["output"]);
        }
        assert_eq!(r["samples"], "60");
    }
    // Shifts: per source, as the JSON.
    let shifts: Vec<_> = of("shifts").collect();
    let js = j["uncertainty"]["sources"].as_array().unwrap();
    assert_eq!(shifts.len(), js.len());
    for (r, src) in shifts.iter().zip(js) {
        assert_eq!(r["factor"], src["source"].as_str().unwrap());
        assert!(same(f(r, "mean_shift"), jf(&src["mean_shift"])));
        assert_eq!(r["draws"], src["draws"].to_string());
    }

    // Parquet: the same table, the same numbers.
    use polars_io::SerReader;
    let file = std::fs::File::open(dir.path().join("t.parquet")).unwrap();
    let df = polars_io::parquet::read::ParquetReader::new(file)
        .finish()
        .unwrap();
    let names: Vec<String> = df
        .get_column_names()
        .iter()
        .map(|n| n.to_string())
        .collect();
    assert_eq!(names, headers);
    assert_eq!(df.height(), rows.len());
    let table = df.column("table").unwrap().str().unwrap().clone();
    for c in [
        "nominal",
        "p05",
        "first",
        "total_high",
        "variance",
        "mean_shift",
    ] {
        let col = df.column(c).unwrap().f64().unwrap().clone();
        for (k, r) in rows.iter().enumerate() {
            assert_eq!(table.get(k), Some(r["table"].as_str()));
            assert_eq!(col.get(k), f(r, c), "row {k} {c}");
        }
    }
    let rank = df.column("rank").unwrap().u32().unwrap().clone();
    for (k, r) in rows.iter().enumerate() {
        assert_eq!(rank.get(k).map(f64::from), f(r, "rank"), "row {k}");
    }

    // Without an analysis, the table has only its scores (the analyses' columns empty).
    let run = mgi_in(dir.path(), &["compare", &wb, "--format", "csv"]);
    let (h, rows) = csv_rows(&run.stdout);
    assert_eq!(h, headers);
    assert!(
        rows.iter()
            .all(|r| r["table"] == "scores" && r["first"].is_empty())
    );
    // Too few base samples for any index: refused with what is expected.
    let run = mgi_in(dir.path(), &["compare", &wb, "--sensitivity", "1"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("--sensitivity 1 is too few; expected at least 2 base samples"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_library_builds_the_comparison_table_with_a_note_when_nothing_is_computed() {
    let rules = Rules::bundled();
    let fw = rules.get("sdg-10-7-2").unwrap();
    let mut o = SensitivityOptions::from_framework(fw, 20, 1);
    o.vary_weights = false;
    o.vary_aggregation = false;
    o.vary_scores = false;
    let units = four(fw);
    let c = compare(
        fw,
        &units,
        &CompareOptions {
            sensitivity: Some(o),
            ..Default::default()
        },
        &mgi::NoProgress,
    )
    .unwrap();
    let refs: Vec<&mgi::results::Results> = units.iter().collect();
    let mut df =
        mgi::report::compare_table::comparison_table(fw, &refs, &c, &BTreeMap::new(), "en")
            .unwrap();
    let csv = String::from_utf8(mgi::report::long_table::write_csv(&mut df).unwrap()).unwrap();
    let (_, rows) = csv_rows(&csv);
    let sens: Vec<_> = rows
        .iter()
        .filter(|r| r["table"] == "sensitivity")
        .collect();
    assert_eq!(sens.len(), 1, "one row: the note");
    assert_eq!(
        sens[0]["note"],
        mgi::i18n::msg("en", "sensitivity.note.fixed")
    );
    assert_eq!(sens[0]["factor"], "");
}
