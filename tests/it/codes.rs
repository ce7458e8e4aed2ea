//! The registry of diagnostic codes: every code is reported by at least one input made
//! here, and the README's code tables are the registry's.
//!
//! To add a code: add it to the registry (`src/diag/codes.rs`), then a case to `CASES`
//! below whose input must report it.

use crate::harness::{mgi, root, tmp, write_files};
use crate::synth::AnswerStyle;
use mgi::diag::{Code, Diagnostic, REGISTRY};
use mgi::intake::Reader;
use mgi::rules::Rules;
use mgi::template::{CellValue, Fill, Prefill, TemplateOptions, template_workbook};
use std::collections::BTreeSet;

/// A minimal valid framework (the README's worked example, cut down), split so a case
/// can change one part.
const HEAD: &str = r#"
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
"#;

const SCALE: &str = r#"
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

[[context]]
id = "role"
question = { en = "Role", fr = "Rôle" }
[[context.option]]
code = "host"
label = { en = "Host", fr = "Accueil" }

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
"#;

const BANDS: &str = r#"
[[band]]
code = "low"
lower = 0
label = { en = "Low", fr = "Bas" }

[[band]]
code = "high"
lower = 50
label = { en = "High", fr = "Haut" }
"#;

/// The diagnostics of a rules folder holding `files` (paths relative to the folder).
fn rules_with(files: &[(&str, &str)]) -> Vec<Diagnostic> {
    let dir = tmp();
    write_files(dir.path(), files);
    Rules::from_dir(dir.path()).diagnostics
}

/// The diagnostics of the tiny framework with `from` replaced by `to` in its text.
fn tiny_with(from: &str, to: &str) -> Vec<Diagnostic> {
    let text = format!("{HEAD}{SCALE}{TREE}{BANDS}");
    assert!(text.contains(from), "the tiny framework has no {from:?}");
    rules_with(&[("tiny/framework.toml", &text.replacen(from, to, 1))])
}

/// The tiny framework with `extra` appended.
fn tiny_plus(extra: &str) -> Vec<Diagnostic> {
    rules_with(&[(
        "tiny/framework.toml",
        &format!("{HEAD}{SCALE}{TREE}{BANDS}{extra}"),
    )])
}

/// Diagnostics of reading `bytes` named `name` against the bundled rules; an input that
/// cannot be read at all gives its one file diagnostic.
fn read(name: &str, bytes: &[u8], framework: Option<&str>) -> Vec<Diagnostic> {
    let rules = Rules::bundled();
    match Reader::new(&rules).read_bytes(name, bytes, framework) {
        Ok(list) => list.into_iter().flat_map(|a| a.diagnostics).collect(),
        Err(e) => vec![e.diagnostic(name)],
    }
}

/// A template of a bundled framework, filled with `prefill`.
fn filled(framework: &str, prefill: Prefill) -> Vec<u8> {
    let rules = Rules::bundled();
    let fw = rules.get(framework).unwrap();
    let (bytes, _) = template_workbook(
        fw,
        &TemplateOptions {
            lang: "en".into(),
            prefill,
        },
    )
    .unwrap();
    bytes
}

/// A prefill with a valid unit, period and round.
fn about() -> Prefill {
    let mut p = Prefill::default();
    p.about.insert("unit_code".into(), "XAA".into());
    p.about.insert("period".into(), "2026".into());
    p.about.insert("round".into(), "1".into());
    p
}

fn answer(p: &mut Prefill, id: &str, text: &str) {
    p.rows.insert(
        id.into(),
        Fill {
            answer: Some(CellValue::Text(text.into())),
            ..Default::default()
        },
    );
}

/// A hand-made workbook: an optional About sheet of (label, value) rows, then an
/// Assessment sheet of rows.
fn hand_made(about: Option<&[(&str, &str)]>, rows: &[&[&str]]) -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    if let Some(about) = about {
        let ws = wb.add_worksheet();
        ws.set_name("About").unwrap();
        for (r, (k, v)) in about.iter().enumerate() {
            ws.write_string(r as u32, 0, *k).unwrap();
            ws.write_string(r as u32, 1, *v).unwrap();
        }
    }
    let ws = wb.add_worksheet();
    ws.set_name("Assessment").unwrap();
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            ws.write_string(r as u32, c as u16, *v).unwrap();
        }
    }
    wb.save_to_buffer().unwrap()
}

const SDG_ABOUT: &[(&str, &str)] = &[
    ("Country or unit code", "XAA"),
    ("Period (year or span)", "2026"),
    ("Assessment round", "1"),
    ("Framework", "sdg-10-7-2"),
];

/// Diagnostics of `mgi validate --format json` over `files` written to one folder.
fn validate(files: &[(&str, &[u8])]) -> Vec<(String, String)> {
    let dir = tmp();
    let mut args = vec!["validate".to_string(), "--format".into(), "json".into()];
    for (name, bytes) in files {
        let p = dir.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        args.push(p.display().to_string());
    }
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    let run = mgi(&refs);
    let j = run.json();
    let docs = j.as_array().cloned().unwrap_or_else(|| vec![j.clone()]);
    docs.iter()
        .flat_map(|d| d["diagnostics"].as_array().cloned().unwrap_or_default())
        .map(|d| {
            (
                d["code"].as_str().unwrap_or("").to_string(),
                d["message"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

/// The codes of diagnostics; a workbook, file or table code (W, F, T: what a focal
/// point meets) whose message has no catalogue key is also marked `CODE:untranslated`,
/// since reports could not say it in their language.
fn codes_of(diags: &[Diagnostic]) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for d in diags {
        out.insert(d.code.to_string());
        if d.code.as_str().starts_with(['W', 'F', 'T']) && d.text.is_none() {
            out.insert(format!("{}:untranslated", d.code));
        }
    }
    out
}

fn sdg_filled(index: usize) -> Vec<u8> {
    let rules = Rules::bundled();
    crate::fixtures::styled(
        rules.get("sdg-10-7-2").unwrap(),
        index,
        "en",
        AnswerStyle::Codes,
        |_| {},
    )
    .unwrap()
}

/// Each case: the code, and a function whose input must report it.
type Case = (Code, fn() -> BTreeSet<String>);

const CASES: &[Case] = &[
    (Code::R001, || {
        codes_of(&tiny_with("[[node]]\nid = \"A\"", "[[node]\nid = \"A\""))
    }),
    (Code::R002, || {
        codes_of(&tiny_with(
            "parent = \"root\"",
            "parent = \"root\"\nweigth = 2",
        ))
    }),
    (Code::R003, || {
        codes_of(&tiny_plus(
            "[[node]]\nid = \"A\"\nparent = \"root\"\nlabel = { en = \"A\", fr = \"A\" }\n",
        ))
    }),
    (Code::R004, || {
        codes_of(&tiny_with("parent = \"A\"", "parent = \"nowhere\""))
    }),
    (Code::R005, || {
        codes_of(&tiny_with("scale = \"yn\"", "scale = \"nope\""))
    }),
    (Code::R006, || {
        codes_of(&tiny_with("guidelines = [\"G1\"]", "guidelines = [\"G9\"]"))
    }),
    (Code::R007, || {
        codes_of(&tiny_plus(
            "[[node]]\nid = \"X\"\nparent = \"Y\"\nlabel = { en = \"X\", fr = \"X\" }\n[[node]]\nid = \"Y\"\nparent = \"X\"\nlabel = { en = \"Y\", fr = \"Y\" }\n",
        ))
    }),
    (Code::R008, || {
        codes_of(&tiny_plus(
            "[[node]]\nid = \"B\"\nparent = \"root\"\nlabel = { en = \"B\", fr = \"B\" }\n",
        ))
    }),
    (Code::R009, || {
        codes_of(&tiny_with(
            "parent = \"root\"",
            "parent = \"root\"\nweight = -1",
        ))
    }),
    (Code::R010, || {
        codes_of(&tiny_with("lower = 50", "lower = 0\nexclusive = false"))
    }),
    (Code::R011, || {
        codes_of(&tiny_with(
            "question = { en = \"Is it so?\", fr = \"Est-ce ainsi ?\" }",
            "question = { en = \"Is it so?\" }",
        ))
    }),
    (Code::R012, || codes_of(&rules_with(&[("notes.txt", "x")]))),
    (Code::R013, || {
        codes_of(&Rules::from_dir("/nonexistent/mgi-rules".as_ref()).diagnostics)
    }),
    (Code::R014, || {
        codes_of(&rules_with(&[(
            "tiny/tree.toml",
            &format!("{SCALE}{TREE}"),
        )]))
    }),
    (Code::R015, || codes_of(&tiny_with("parent = \"root\"", ""))),
    (Code::R016, || {
        codes_of(&tiny_with(
            "scale = \"yn\"",
            "scale = \"yn\"\napplies_if = { question = \"nope\", in = [\"x\"] }",
        ))
    }),
    (Code::R017, || {
        codes_of(&tiny_with(
            "code = \"no\"",
            "code = \"no\"\naliases = [\"YES\"]",
        ))
    }),
    (Code::R018, || {
        codes_of(&tiny_with(
            "question = { en = \"Is it so?\", fr = \"Est-ce ainsi ?\" }",
            "question = { en = \"\", fr = \" \" }",
        ))
    }),
    (Code::R019, || {
        codes_of(&tiny_with(
            "question = { en = \"Role\", fr = \"Rôle\" }",
            "question = { en = \"Role\", fr = \"Rôle\" }\napplies_if = { question = \"role\", in = [\"host\"] }",
        ))
    }),
    (Code::R020, || {
        codes_of(&tiny_with(
            "version = \"0.1\"",
            "version = \"0.1\"\ninclude = [\"../shared/missing.toml\"]",
        ))
    }),
    (Code::R021, || {
        codes_of(&tiny_with(
            "[[indicator]]\nid = \"A.1\"\nparent = \"A\"",
            "[[node]]\nid = \"A1\"\nparent = \"A\"\nlabel = { en = \"A1\", fr = \"A1\" }\n[[indicator]]\nid = \"A.1\"\nparent = \"A1\"",
        ))
    }),
    (Code::R022, || {
        codes_of(&tiny_with(
            "fr = \"Est-ce ainsi ?\"",
            "fr = \"Est-ce ainsi ?\", de = \"Ist es so?\"",
        ))
    }),
    (Code::R023, || {
        codes_of(&tiny_with("kind = \"choice\"", "kind = \"choices\""))
    }),
    (Code::R024, || {
        codes_of(&tiny_with(
            "version = \"0.1\"",
            "version = \"0.1\"\nmin_coverage = 2",
        ))
    }),
    (Code::R025, || {
        codes_of(&tiny_with(
            "score = 0.0",
            "score = 0.0\nscore_range = [0.2, 0.4]",
        ))
    }),
    (Code::R026, || {
        codes_of(&tiny_with("lower = 50", "lower = 50\nexact = 100"))
    }),
    (Code::R027, || {
        codes_of(&tiny_with(
            "kind = \"choice\"",
            "kind = \"choice\"\ncumulative = true",
        ))
    }),
    (Code::R028, || {
        codes_of(&tiny_with("id = \"tiny\"", "id = \"tiny one!\""))
    }),
    (Code::R029, || {
        codes_of(&tiny_with(
            "title = { en = \"Guideline one\", fr = \"Ligne directrice un\" }",
            "title = { en = \"Guideline one\", fr = \"Ligne directrice un\" }\nurl = \"www.example.org/g1\"",
        ))
    }),
    (Code::R030, || {
        // The guideline catalogue is in an include that is missing: the link to G1
        // follows from it and is summarised.
        let text = format!("{HEAD}include = [\"../shared/missing.toml\"]\n{SCALE}{TREE}{BANDS}");
        let text = text.replace(
            "[[guideline]]\nid = \"G1\"\ntitle = { en = \"Guideline one\", fr = \"Ligne directrice un\" }",
            "",
        );
        codes_of(&rules_with(&[("tiny/framework.toml", &text)]))
    }),
    (Code::R031, || {
        codes_of(&rules_with(&[
            (
                "tiny/framework.toml",
                &format!("{HEAD}include = [\"../shared/a.toml\"]\n{SCALE}{TREE}{BANDS}"),
            ),
            (
                "shared/a.toml",
                "[[stakeholder]]\nid = \"s\"\nlabel = { en = \"S\", fr = \"S\" }\n",
            ),
            (
                "shared/unused.toml",
                "[[stakeholder]]\nid = \"t\"\nlabel = { en = \"T\", fr = \"T\" }\n",
            ),
        ]))
    }),
    (Code::R032, || {
        codes_of(&tiny_with(
            "title = { en = \"Tiny\", fr = \"Minuscule\" }",
            "title = \"Tiny\"",
        ))
    }),
    // Crosswalks.
    (Code::R050, || {
        codes_of(&crosswalk_case(
            &CW_HEAD.replace("\"other\"", "\"nope\""),
            MAP,
            &[],
        ))
    }),
    (Code::R051, || {
        codes_of(&crosswalk_case(
            CW_HEAD,
            &MAP.replace("source = \"A.1\"", "source = \"A.9\""),
            &[],
        ))
    }),
    (Code::R052, || {
        codes_of(&crosswalk_case(
            CW_HEAD,
            &MAP.replace("target = \"A.1\"", "target = \"A\""),
            &[],
        ))
    }),
    (Code::R053, || {
        codes_of(&crosswalk_case(
            CW_HEAD,
            &MAP.replace("\"equal\"", "\"same\""),
            &[],
        ))
    }),
    (Code::R054, || {
        codes_of(&crosswalk_case(CW_HEAD, &format!("{MAP}{MAP}"), &[]))
    }),
    (Code::R055, || {
        codes_of(&crosswalk_case(
            CW_HEAD,
            &MAP.replace("strength = 5", "strength = 11"),
            &[],
        ))
    }),
    (Code::R056, || {
        codes_of(&crosswalk_case(
            &format!("{CW_HEAD}\ncombine = \"average\""),
            MAP,
            &[],
        ))
    }),
    (Code::R057, || {
        codes_of(&crosswalk_case(
            &format!("{CW_HEAD}\npartial_cap = 2"),
            MAP,
            &[],
        ))
    }),
    (Code::R058, || {
        codes_of(&crosswalk_case(
            CW_HEAD,
            &MAP.replace(", fr = \"Pourquoi.\"", ""),
            &[],
        ))
    }),
    (Code::R059, || {
        let second = format!("[crosswalk]\n{CW_HEAD}\n{MAP}");
        codes_of(&crosswalk_case(
            CW_HEAD,
            MAP,
            &[("crosswalks/again.toml", &second)],
        ))
    }),
    (Code::R060, || {
        codes_of(&crosswalk_case(
            &CW_HEAD.replace("\"other\"", "\"tiny\""),
            MAP,
            &[],
        ))
    }),
    (Code::R061, || codes_of(&crosswalk_case(CW_HEAD, "", &[]))),
    (Code::R075, || {
        codes_of(&tiny_plus(
            "\n[[translation]]\nlang = \"en\"\nsource = \"original\"\n[[translation]]\nlang = \"fr\"\nsource = \"ours\"\n[[translation]]\nlang = \"ar\"\nsource = \"ours\"\n",
        ))
    }),
    (Code::R076, || {
        codes_of(&tiny_plus(
            "\n[[translation]]\nlang = \"en\"\nsource = \"original\"\n[[translation]]\nlang = \"fr\"\nsource = \"ours\"\n[[translation.official]]\ntext = \"Guideline 1\"\nsource = \"An official edition\"\n",
        ))
    }),
    (Code::R077, || {
        codes_of(&tiny_plus(
            "\n[[translation]]\nlang = \"en\"\nsource = \"original\"\n",
        ))
    }),
    (Code::F001, || {
        let rules = Rules::bundled();
        let e = Reader::new(&rules)
            .read_path("/nonexistent/XAA.xlsx".as_ref(), None)
            .unwrap_err();
        codes_of(&[e.diagnostic("XAA.xlsx")])
    }),
    (Code::F002, || {
        // A folder named as a file cannot be read as one.
        let dir = tmp();
        let rules = Rules::bundled();
        let e = Reader::new(&rules).read_path(dir.path(), None).unwrap_err();
        codes_of(&[e.diagnostic("dir")])
    }),
    (Code::F003, || {
        codes_of(&read("notes.xlsx", b"meeting notes, not a workbook", None))
    }),
    (Code::F004, || {
        let dir = tmp();
        let p = dir.path().join("locked.xlsx");
        let mut c = cfb::create(&p).unwrap();
        c.create_stream("EncryptionInfo").unwrap();
        let mut s = c.create_stream("EncryptedPackage").unwrap();
        std::io::Write::write_all(&mut s, &[0u8; 64]).unwrap();
        drop(s);
        c.flush().unwrap();
        drop(c);
        codes_of(&read("locked.xlsx", &std::fs::read(&p).unwrap(), None))
    }),
    (Code::F005, || {
        let good = sdg_filled(0);
        codes_of(&read("cut.xlsx", &good[..good.len() / 2], None))
    }),
    (Code::F006, || {
        let mut wb = rust_xlsxwriter::Workbook::new();
        wb.add_worksheet()
            .write_string(0, 0, "meeting notes")
            .unwrap();
        codes_of(&read("notes.xlsx", &wb.save_to_buffer().unwrap(), None))
    }),
    (Code::F007, || {
        codes_of(&read("XAA.xlsx", &sdg_filled(0), Some("no-such-framework")))
    }),
    (Code::F010, || {
        let good = sdg_filled(0);
        validate(&[("a.xlsx", &good), ("b.xlsx", &good)])
            .into_iter()
            .map(|(c, _)| c)
            .collect()
    }),
    (Code::F011, || {
        let dir = tmp();
        let p = dir.path().join("pipe.xlsx");
        let status = std::process::Command::new("mkfifo")
            .arg(&p)
            .status()
            .unwrap();
        assert!(status.success());
        let rules = Rules::bundled();
        let e = Reader::new(&rules).read_path(&p, None).unwrap_err();
        codes_of(&[e.diagnostic("pipe.xlsx")])
    }),
    (Code::F012, || {
        let rules = Rules::bundled();
        let budgets = mgi::intake::Budgets {
            file_bytes: 10,
            ..Default::default()
        };
        match Reader::new(&rules).with_budgets(budgets).read_bytes(
            "t.csv",
            b"country,year\nXAA,2026\n",
            None,
        ) {
            Err(e) => codes_of(&[e.diagnostic("t.csv")]),
            Ok(_) => BTreeSet::new(),
        }
    }),
    (Code::F013, || {
        let good = sdg_filled(0);
        let clean = crate::hostile::build::rezip(&good, |_, d| d);
        codes_of(&read(
            "x.xlsx",
            &crate::hostile::build::declare_size(&clean, "xl/sharedStrings.xml", u32::MAX),
            None,
        ))
    }),
    (Code::F014, || {
        let rules = Rules::bundled();
        let budgets = mgi::intake::Budgets {
            sheet_cells: 3,
            ..Default::default()
        };
        match Reader::new(&rules)
            .with_budgets(budgets)
            .read_bytes("x.xlsx", &sdg_filled(0), None)
        {
            Err(e) => codes_of(&[e.diagnostic("x.xlsx")]),
            Ok(_) => BTreeSet::new(),
        }
    }),
    (Code::F015, || {
        use crate::hostile::build::*;
        let rows = vec![
            (
                0,
                vec![(0, Bin::Text("ID".into())), (1, Bin::Text("Answer".into()))],
            ),
            (
                1,
                vec![(0, Bin::Text("PD_1.a".into())), (1, Bin::Shared(9))],
            ),
        ];
        let book = xlsb(
            &[("Assessment", xlsb_sheet(&dim(0, 1, 0, 1), &rows))],
            Some(xlsb_strings(1, &["yes"])),
        );
        codes_of(&read("x.xlsb", &book, Some("sdg-10-7-2")))
    }),
    (Code::F016, || {
        codes_of(&read("t.csv", b"country,year\nXA\x81,2026\n", None))
    }),
    (Code::W001, || {
        codes_of(&read(
            "x.xlsx",
            &hand_made(None, &[&["ID", "Answer"], &["PD_1.a", "yes"]]),
            Some("sdg-10-7-2"),
        ))
    }),
    (Code::W002, || {
        let mut p = about();
        p.about.insert("period".into(), String::new());
        codes_of(&read("x.xlsx", &filled("sdg-10-7-2", p), None))
    }),
    (Code::W003, || {
        let mut p = about();
        p.about.insert("unit_code".into(), "XA1".into());
        codes_of(&read("x.xlsx", &filled("sdg-10-7-2", p), None))
    }),
    (Code::W004, || {
        let mut p = about();
        p.about.insert("period".into(), "next year".into());
        codes_of(&read("x.xlsx", &filled("sdg-10-7-2", p), None))
    }),
    (Code::W005, || {
        codes_of(&read(
            "x.xlsx",
            &hand_made(Some(SDG_ABOUT), &[&["PD_1.a", "yes"]]),
            None,
        ))
    }),
    (Code::W006, || {
        codes_of(&read(
            "x.xlsx",
            &hand_made(Some(SDG_ABOUT), &[&["ID", "Answer"], &["PD_1.a", "yes"]]),
            None,
        ))
    }),
    (Code::W010, || messy_codes()),
    (Code::W011, || messy_codes()),
    (Code::W012, || messy_codes()),
    (Code::W013, || messy_codes()),
    (Code::W014, || messy_codes()),
    (Code::W020, || messy_codes()),
    (Code::W021, || messy_codes()),
    (Code::W022, || messy_codes()),
    (Code::W023, || messy_codes()),
    (Code::W025, || {
        let mut p = about();
        p.context.insert("role".into(), "origin".into());
        // G1.2 applies to host States only.
        answer(&mut p, "G1.2", "yes");
        codes_of(&read("x.xlsx", &filled("micic", p), None))
    }),
    (Code::W026, || messy_codes()),
    (Code::W027, || {
        codes_of(&read("x.xlsx", &filled("micic", about()), None))
    }),
    (Code::W028, || {
        let mut p = about();
        p.context.insert("role".into(), "neighbour".into());
        codes_of(&read("x.xlsx", &filled("micic", p), None))
    }),
    (Code::W029, || {
        // Under the official yes/no coding, "Partially" is not offered on domains 2 to 6.
        let mut p = about();
        p.context.insert("coding".into(), "official".into());
        answer(&mut p, "PD_2.a", "partial");
        codes_of(&read("x.xlsx", &filled("sdg-10-7-2", p), None))
    }),
    (Code::W032, || {
        let mut a = SDG_ABOUT.to_vec();
        a.push(("Framework version", "0.0.1"));
        codes_of(&read(
            "x.xlsx",
            &hand_made(Some(&a), &[&["ID", "Answer"], &["PD_1.a", "yes"]]),
            None,
        ))
    }),
    (Code::W033, || {
        codes_of(&read("x.xlsx", &sdg_filled(0), Some("micic")))
    }),
    (Code::W034, || {
        codes_of(&read(
            "x.xlsx",
            &hand_made(
                Some(&SDG_ABOUT[..3]),
                &[&["ID", "Answer"], &["PD_1.a", "yes"]],
            ),
            None,
        ))
    }),
    (Code::W041, || {
        let rules = Rules::bundled();
        let fw = rules.get("micic").unwrap();
        let cumulative = fw
            .indicators
            .iter()
            .find(|i| !i.criteria.is_empty())
            .expect("micic has a criteria indicator");
        let about = [
            ("Country or unit code", "XAA"),
            ("Period (year or span)", "2026"),
            ("Assessment round", "1"),
            ("Framework", "micic"),
        ];
        codes_of(&read(
            "x.xlsx",
            &hand_made(
                Some(&about),
                &[&["ID", "Answer"], &[cumulative.id.as_str(), "L2"]],
            ),
            None,
        ))
    }),
    (Code::W042, || {
        codes_of(&read(
            "x.xlsx",
            &hand_made(Some(SDG_ABOUT), &[&["ID", "Answer"], &["PD_1.a", ""]]),
            None,
        ))
    }),
    (Code::W043, || {
        let mut p = about();
        p.about.insert("round".into(), "1.5".into());
        codes_of(&read("x.xlsx", &filled("sdg-10-7-2", p), None))
    }),
    (Code::W044, || {
        let mut p = about();
        p.about.insert("period".into(), "2026/2025".into());
        codes_of(&read("x.xlsx", &filled("sdg-10-7-2", p), None))
    }),
    (Code::W045, || {
        let mut a = SDG_ABOUT.to_vec();
        a.push(("Period (year or span)", "2025"));
        codes_of(&read(
            "x.xlsx",
            &hand_made(Some(&a), &[&["ID", "Answer"], &["PD_1.a", "yes"]]),
            None,
        ))
    }),
    (Code::W046, || {
        let mut wb = rust_xlsxwriter::Workbook::new();
        for name in ["Assessment", "Evaluación"] {
            let ws = wb.add_worksheet();
            ws.set_name(name).unwrap();
            ws.write_string(0, 0, "ID").unwrap();
            ws.write_string(0, 1, "Answer").unwrap();
            ws.write_string(1, 0, "PD_1.a").unwrap();
            ws.write_string(1, 1, "yes").unwrap();
        }
        codes_of(&read(
            "x.xlsx",
            &wb.save_to_buffer().unwrap(),
            Some("sdg-10-7-2"),
        ))
    }),
    (Code::W047, || {
        codes_of(&read(
            "x.xlsx",
            &hand_made(
                Some(SDG_ABOUT),
                &[&["ID", "Answer", "Answer"], &["PD_1.a", "yes", "no"]],
            ),
            None,
        ))
    }),
    (Code::W048, || {
        codes_of(&read(
            "x.xlsx",
            &hand_made(
                Some(SDG_ABOUT),
                &[&["ID", "", "Answer"], &["PD_1.a", "yes"]],
            ),
            None,
        ))
    }),
    (Code::W049, || {
        let good = hand_made(Some(SDG_ABOUT), &[&["ID", "Answer"], &["PD_1.a", "yes"]]);
        let part = crate::hostile::cases::assessment_part(&good);
        let bytes = crate::hostile::build::rezip(&good, |n, d| {
            if n == part {
                crate::hostile::cases::with_cell(
                    &String::from_utf8(d).unwrap(),
                    "B2",
                    "<c r=\"B2\"><f>1</f></c>",
                )
                .into_bytes()
            } else {
                d
            }
        });
        codes_of(&read("x.xlsx", &bytes, None))
    }),
    (Code::W050, || {
        let good = hand_made(Some(SDG_ABOUT), &[&["ID", "Answer"], &["PD_1.a", "yes"]]);
        let part = crate::hostile::cases::assessment_part(&good);
        let bytes = crate::hostile::build::rezip(&good, |n, d| {
            if n == part {
                String::from_utf8(d)
                    .unwrap()
                    .replacen(
                        "<c r=\"B2\"",
                        "<c r=\"B2\" t=\"inlineStr\"><is><t>no</t></is></c><c r=\"B2\"",
                        1,
                    )
                    .into_bytes()
            } else {
                d
            }
        });
        codes_of(&read("x.xlsx", &bytes, None))
    }),
    (Code::W051, || {
        let rules = Rules::bundled();
        let budgets = mgi::intake::Budgets {
            text_chars: 3,
            ..Default::default()
        };
        Reader::new(&rules)
            .with_budgets(budgets)
            .read_bytes("t.csv", b"country,year,PD_1.a\nXAA,2026,yes please\n", None)
            .map(|l| codes_of(&l[0].diagnostics))
            .unwrap_or_default()
    }),
    (Code::W052, || {
        let dir = tmp();
        let csv = format!(
            "country,year,PD_1.a,PD_1.a evidence\nXAA,2026,yes,{}\n",
            "e".repeat(40_000)
        );
        std::fs::write(dir.path().join("x.csv"), csv).unwrap();
        let run = crate::harness::mgi_in(dir.path(), &["score", "x.csv", "-o", "out/"]);
        run.stderr
            .lines()
            .filter_map(|l| {
                l.split_once('[')
                    .and_then(|(_, r)| r.split_once(']'))
                    .map(|(c, _)| c.to_string())
            })
            .collect()
    }),
    (Code::T001, || {
        codes_of(&read(
            "t.csv",
            b"country,year,PD_1.a\nXAA,2026,yes\n",
            Some("sdg-10-7-2"),
        ))
    }),
    (Code::T002, || {
        codes_of(&read(
            "t.csv",
            b"country,year,PD_1.a,ministry\nXAA,2026,yes,interior\n",
            Some("sdg-10-7-2"),
        ))
    }),
    (Code::T003, || {
        codes_of(&read(
            "t.csv",
            b"country,year,PD_1.a,\nXAA,2026,yes,stray\n",
            Some("sdg-10-7-2"),
        ))
    }),
    (Code::T004, || {
        codes_of(&read(
            "t.csv",
            b"country,year,PD_1.a\nXAA,2026,\"yes\n",
            None,
        ))
    }),
    (Code::T005, || {
        codes_of(&read("t.csv", b"country,year,PD_1.a\nXAA;2026;yes\n", None))
    }),
    (Code::T006, || {
        codes_of(&read(
            "t.csv",
            b"country,year,PD_1.a,year\nXAA,2026,yes,2025\n",
            None,
        ))
    }),
    (Code::T007, || {
        codes_of(&read(
            "t.csv",
            b"pays,ann\xe9e,PD_1.a\nXAA,2026,oui\n",
            None,
        ))
    }),
    (Code::C001, || compare_codes(true)),
    (Code::C002, || compare_codes(false)),
    (Code::C010, || {
        crosswalk_batch_codes(&["XAA-2026-mgi.xlsx"], "mgi")
    }),
    (Code::C011, || {
        crosswalk_batch_codes(&["XAA-2026-mgi.xlsx", "XAA-2026-micic.xlsx"], "gcm")
    }),
    (Code::C030, progress_codes_swapped),
    (Code::F030, || crate::merge::merge_codes(false)),
    (Code::W080, || crate::merge::merge_codes(false)),
    (Code::W081, || crate::merge::merge_codes(true)),
    (Code::W082, || crate::merge::merge_codes(false)),
    (Code::W083, crate::merge::assign_codes),
    (Code::W084, crate::merge::assign_codes),
    (Code::W085, crate::merge::assign_codes),
];

/// The `[crosswalk]` header of a mapping from the tiny framework to a second one.
const CW_HEAD: &str =
    "from = \"tiny\"\nto = \"other\"\nversion = \"1\"\nabout = { en = \"Test.\", fr = \"Test.\" }";

/// One pair of that mapping.
const MAP: &str = "\n[[map]]\nsource = \"A.1\"\ntarget = \"A.1\"\nrelationship = \"equal\"\nstrength = 5\nrationale = { en = \"Why.\", fr = \"Pourquoi.\" }\n";

/// The diagnostics of the tiny framework, a copy of it named `other`, and a crosswalk
/// with `header` and `maps` (plus `extra` files).
fn crosswalk_case(header: &str, maps: &str, extra: &[(&str, &str)]) -> Vec<Diagnostic> {
    let tiny = format!("{HEAD}{SCALE}{TREE}{BANDS}");
    let other = tiny.replacen("id = \"tiny\"", "id = \"other\"", 1);
    let mapping = format!("[crosswalk]\n{header}\n{maps}");
    let mut files: Vec<(&str, &str)> = vec![
        ("tiny/framework.toml", &tiny),
        ("other/framework.toml", &other),
        ("crosswalks/tiny--other.toml", &mapping),
    ];
    files.extend_from_slice(extra);
    let dir = tmp();
    write_files(dir.path(), &files);
    Rules::from_dir(dir.path()).all_diagnostics()
}

/// Codes found carrying bundled fixtures to `to` (library: a C010 for an input without
/// a crosswalk, a C011 for inputs of different frameworks).
fn crosswalk_batch_codes(fixtures: &[&str], to: &str) -> BTreeSet<String> {
    let rules = Rules::bundled();
    let reader = Reader::new(&rules);
    let results: Vec<mgi::results::Results> = fixtures
        .iter()
        .map(|f| {
            let bytes = std::fs::read(root().join("fixtures").join(f)).unwrap();
            let a = reader.read_bytes(f, &bytes, None).unwrap().remove(0);
            mgi::results::evaluate(rules.get(&a.framework).unwrap(), &a)
        })
        .collect();
    let (_, diags) = mgi::crosswalk::carry_all(&rules, rules.get(to).unwrap(), &results);
    codes_of(&diags)
}

/// Codes of `mgi progress OLD NEW --format json` with the later round given first.
fn progress_codes_swapped() -> BTreeSet<String> {
    let dir = tmp();
    for (name, period) in [("old.xlsx", "2026"), ("new.xlsx", "2024")] {
        let mut p = about();
        p.about.insert("period".into(), period.into());
        std::fs::write(dir.path().join(name), filled("sdg-10-7-2", p)).unwrap();
    }
    let run = crate::harness::mgi_in(
        dir.path(),
        &["progress", "old.xlsx", "new.xlsx", "--format", "json"],
    );
    run.json()["diagnostics"]
        .as_array()
        .unwrap_or_else(|| panic!("no diagnostics: {}", run.stderr))
        .iter()
        .map(|d| d["code"].as_str().unwrap_or("").to_string())
        .collect()
}

/// The codes the messy SDG 10.7.2 fixture reports.
fn messy_codes() -> BTreeSet<String> {
    let bytes = std::fs::read(root().join("fixtures/XAD-2026-sdg-10-7-2-messy.xlsx")).unwrap();
    codes_of(&read("messy.xlsx", &bytes, None))
}

/// Codes of `mgi compare --format json`: with an input of another framework, or
/// grouped by a field one unit lacks.
fn compare_codes(other_framework: bool) -> BTreeSet<String> {
    let dir = tmp();
    let a = sdg_filled(0);
    let b = sdg_filled(1);
    std::fs::write(dir.path().join("a.xlsx"), a).unwrap();
    std::fs::write(dir.path().join("b.xlsx"), b).unwrap();
    let mut args = vec!["compare", "--format", "json", "a.xlsx", "b.xlsx"];
    if other_framework {
        std::fs::copy(
            root().join("fixtures/XAA-2026-micic.xlsx"),
            dir.path().join("c.xlsx"),
        )
        .unwrap();
        args.push("c.xlsx");
    } else {
        args.extend(["--group-by", "ministry"]);
    }
    let run = crate::harness::mgi_in(dir.path(), &args);
    let j = run.json();
    j["diagnostics"]
        .as_array()
        .unwrap_or_else(|| panic!("no diagnostics in {j}\n{}", run.stderr))
        .iter()
        .map(|d| d["code"].as_str().unwrap_or("").to_string())
        .collect()
}

#[test]
fn every_registered_code_is_reported_by_an_input() {
    let cased: BTreeSet<Code> = CASES.iter().map(|(c, _)| *c).collect();
    let registered: BTreeSet<Code> = REGISTRY.iter().map(|i| i.code).collect();
    let untested: Vec<&str> = registered.difference(&cased).map(|c| c.as_str()).collect();
    assert!(
        untested.is_empty(),
        "codes without a case in tests/it/codes.rs: {untested:?}"
    );
    let mut failures = Vec::new();
    for (code, case) in CASES {
        let got = case();
        if !got.contains(code.as_str()) {
            failures.push(format!("{code}: the case reported {got:?}"));
        }
        for g in got.iter().filter(|g| g.ends_with(":untranslated")) {
            failures.push(format!(
                "{g}: the message has no catalogue key (Diagnostic::error_msg / warning_msg)"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The README's code tables are generated from the registry. With `MGI_BLESS=1` the
/// test rewrites them.
#[test]
fn readme_code_tables_are_the_registry() {
    let path = root().join("README.md");
    let text = std::fs::read_to_string(&path).unwrap();
    let mut out = String::new();
    let mut rest = text.as_str();
    let mut blocks = 0;
    while let Some(start) = rest.find("<!-- codes:") {
        let open_end = start + rest[start..].find("-->").unwrap() + 3;
        let prefixes = rest[start + "<!-- codes:".len()..open_end - 3].trim();
        let close = open_end + rest[open_end..].find("<!-- /codes -->").unwrap();
        out.push_str(&rest[..open_end]);
        out.push('\n');
        out.push_str(&mgi::diag::codes::markdown_table(prefixes));
        rest = &rest[close..];
        blocks += 1;
    }
    out.push_str(rest);
    assert!(blocks >= 2, "README has lost its code tables");
    if std::env::var_os("MGI_BLESS").is_some() {
        std::fs::write(&path, &out).unwrap();
    }
    assert!(
        out == text,
        "README code tables differ from the registry; run MGI_BLESS=1 cargo test readme_code_tables"
    );
    // Every code appears in one of the tables.
    for i in REGISTRY {
        assert!(
            text.contains(&format!("| {} |", i.code)),
            "{} not in README",
            i.code
        );
    }
}
