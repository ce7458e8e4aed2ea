//! The cases of the hostile corpus, by family.

use super::build::*;
use super::{Case, Check, Expect, d};
use mgi::intake::{Assessment, Budgets, Reading};
use mgi::rules::Rules;

pub fn all() -> Vec<Case> {
    let mut out = Vec::new();
    csv_truncated(&mut out);
    csv_lines(&mut out);
    csv_rows(&mut out);
    csv_text(&mut out);
    csv_checks(&mut out);
    workbooks(&mut out);
    workbook_xml(&mut out);
    zips(&mut out);
    super::cases_formats::xlsb_cases(&mut out);
    super::cases_formats::xls_cases(&mut out);
    super::cases_formats::ods_cases(&mut out);
    out
}

fn ok(f: impl Fn(&[Assessment]) -> Result<(), String> + 'static) -> Check {
    Box::new(f)
}

fn count(n: usize) -> Check {
    ok(move |a| {
        if a.len() == n {
            Ok(())
        } else {
            Err(format!("{} assessments read; expected {n}", a.len()))
        }
    })
}

const TABLE: &str = "country,year,PD_1.a,PD_1.b,PD_1.c\nXAA,2026,yes,no,partial\nXAB,2026,no,yes,yes\nXAC,2026,partial,partial,no\n";

/// A csv cut at every byte: the rows whose line has begun are read, each with the values
/// it still has; with no row begun there is no table.
fn csv_truncated(out: &mut Vec<Case>) {
    for k in 0..TABLE.len() {
        let text = &TABLE[..k];
        let lines: Vec<&str> = text.split('\n').collect();
        let header_done = lines.len() > 1;
        let rows: Vec<&str> = lines
            .iter()
            .skip(1)
            .copied()
            .filter(|l| !l.trim().is_empty())
            .collect();
        let what = format!("csv cut after {k} bytes");
        if !header_done || rows.is_empty() {
            out.push(
                Case::new(
                    what,
                    "t.csv",
                    text.as_bytes().to_vec(),
                    Expect::Fails("F006", "no Assessment sheet".into()),
                )
                .framework("sdg-10-7-2"),
            );
            continue;
        }
        let want: Vec<(String, Vec<String>)> = rows
            .iter()
            .map(|l| {
                let f: Vec<String> = l.split(',').map(str::to_string).collect();
                (f[0].clone(), f.iter().skip(2).cloned().collect())
            })
            .collect();
        out.push(
            Case::new(
                what,
                "t.csv",
                text.as_bytes().to_vec(),
                Expect::Read(
                    vec![],
                    ok(move |a| {
                        if a.len() != want.len() {
                            return Err(format!("{} rows read; expected {}", a.len(), want.len()));
                        }
                        for (x, (code, answers)) in a.iter().zip(&want) {
                            if x.meta.unit_code != *code {
                                return Err(format!(
                                    "unit {} read; expected {code}",
                                    x.meta.unit_code
                                ));
                            }
                            let given: Vec<&str> = x
                                .answers
                                .iter()
                                .map(|y| y.given.as_str())
                                .filter(|g| !g.is_empty())
                                .collect();
                            let expected: Vec<&str> = answers
                                .iter()
                                .map(String::as_str)
                                .filter(|g| !g.is_empty())
                                .collect();
                            if given != expected {
                                return Err(format!(
                                    "{code}: answers {given:?}; expected {expected:?}"
                                ));
                            }
                        }
                        Ok(())
                    }),
                ),
            )
            .framework("sdg-10-7-2"),
        );
    }
}

/// Line endings (LF, CRLF, CR) and quoted values over several lines: diagnostics name
/// the right line.
fn csv_lines(out: &mut Vec<Case>) {
    for (name, nl) in [("LF", "\n"), ("CRLF", "\r\n"), ("CR", "\r")] {
        let text = format!("country,year,PD_1.a{nl}XAA,2026,yes{nl}XAB,2026,maybe{nl}");
        out.push(Case::new(
            format!("{name} endings, an answer off the scale on line 3"),
            "t.csv",
            text.into_bytes(),
            Expect::Diags(vec![d(
                "W020",
                "3:3",
                "\"maybe\" is not an answer of this scale",
            )]),
        ));
        let text = format!(
            "country,year,PD_1.a,PD_1.a comment{nl}XAA,2026,yes,\"two{nl}lines\"{nl}XAB,2026,maybe,{nl}"
        );
        out.push(Case::new(
            format!("{name} endings, a quoted value over two lines, then a bad answer on line 4"),
            "t.csv",
            text.into_bytes(),
            Expect::Read(
                vec![d("W020", "4:3", "\"maybe\"")],
                ok(move |a| {
                    let c = &a[0].answers[0].comment;
                    if c == &format!("two{nl}lines") {
                        Ok(())
                    } else {
                        Err(format!("comment {c:?}"))
                    }
                }),
            ),
        ));
    }
    // Trailing delimiters, blank lines, spaces around values.
    out.push(Case::new(
        "blank lines and trailing delimiters",
        "t.csv",
        b"country,year,PD_1.a,\n\nXAA,2026, yes ,\n\n\nXAB,2026,no,\n".to_vec(),
        Expect::Read(vec![], count(2)),
    ));
}

/// Rows shorter or longer than the header.
fn csv_rows(out: &mut Vec<Case>) {
    let header = "country,year,round,PD_1.a,PD_1.b,PD_1.c";
    let full = ["XAA", "2026", "1", "yes", "no", "partial"];
    for j in 1..=full.len() {
        let text = format!("{header}\n{}\n", full[..j].join(","));
        let answers = j.saturating_sub(3);
        let mut want = vec![];
        if j < 2 {
            want.push(d("W002", "2:1", "column \"year\" is empty"));
        }
        out.push(Case::new(
            format!("a row of {j} values under {} headers", full.len()),
            "t.csv",
            text.into_bytes(),
            Expect::Read(
                want,
                ok(move |a| {
                    let n = a[0]
                        .answers
                        .iter()
                        .filter(|x| x.reading != Reading::Blank)
                        .count();
                    if n == answers {
                        Ok(())
                    } else {
                        Err(format!("{n} answers; expected {answers}"))
                    }
                }),
            ),
        ));
    }
    for extra in 1..=3 {
        let vals: Vec<String> = (0..extra).map(|i| format!("stray{i}")).collect();
        let text = format!("{header}\n{},{}\n", full.join(","), vals.join(","));
        out.push(Case::new(
            format!("{extra} values beyond the last header"),
            "t.csv",
            text.into_bytes(),
            Expect::Diags(vec![d(
                "T003",
                "2:7",
                format!(
                    "line 2 has {extra} {} beyond the last header (column 6): column 7=\"stray0\"",
                    if extra == 1 { "value" } else { "values" }
                ),
            )]),
        ));
    }
    out.push(Case::new(
        "a value under an empty header",
        "t.csv",
        b"country,year,,PD_1.a\nXAA,2026,note,yes\n".to_vec(),
        Expect::Diags(vec![d(
            "T003",
            "2:3",
            "\"note\" is in a column without a header",
        )]),
    ));
    for q in 2..=5 {
        let mut lines = vec!["country,year,PD_1.a,PD_1.a comment".to_string()];
        for i in 2..=5 {
            if i == q {
                lines.push(format!(
                    "XA{},2026,yes,\"never closed",
                    (b'A' + i as u8) as char
                ));
            } else {
                lines.push(format!("XA{},2026,no,fine", (b'A' + i as u8) as char));
            }
        }
        let text = lines.join("\n") + "\n";
        out.push(Case::new(
            format!("a quote opened on line {q} and never closed"),
            "t.csv",
            text.into_bytes(),
            Expect::Read(
                vec![d(
                    "T004",
                    format!("{q}:4"),
                    format!("the rest of line {q} is read as it stands"),
                )],
                count(4),
            ),
        ));
    }
    out.push(Case::new(
        "quoted values with delimiters, quotes and line breaks",
        "t.csv",
        b"country,name,year,PD_1.a,PD_1.a evidence\nXAA,\"Alneria, the \"\"fictional\"\"\",2026,yes,\"Law 1,\nart. 2\"\n".to_vec(),
        Expect::Read(
            vec![],
            ok(|a| {
                let x = &a[0];
                if x.meta.unit_name == "Alneria, the \"fictional\"" && x.answers[0].evidence == "Law 1,\nart. 2" {
                    Ok(())
                } else {
                    Err(format!("{:?} {:?}", x.meta.unit_name, x.answers[0].evidence))
                }
            }),
        ),
    ));
    for (name, header, row, sep) in [
        (
            "comma rows under a semicolon header",
            "country;year;PD_1.a",
            "XAB,2026,no",
            ",",
        ),
        (
            "semicolon rows under a comma header",
            "country,year,PD_1.a",
            "XAB;2026;no",
            ";",
        ),
        (
            "tab rows under a comma header",
            "country,year,PD_1.a",
            "XAB\t2026\tno",
            "tab",
        ),
    ] {
        let ok_row = if header.contains(';') {
            "XAA;2026;yes"
        } else {
            "XAA,2026,yes"
        };
        let text = format!("{header}\n{ok_row}\n{row}\n");
        out.push(Case::new(
            name,
            "t.csv",
            text.into_bytes(),
            Expect::Read(
                vec![d(
                    "T005",
                    "3:1",
                    format!("line 3 is separated by \"{sep}\""),
                )],
                ok(|a| {
                    if a.len() == 2 && a[1].meta.unit_code == "XAB" && a[1].answers[0].given == "no"
                    {
                        Ok(())
                    } else {
                        Err("row not read with its delimiter".into())
                    }
                }),
            ),
        ));
    }
    out.push(Case::new(
        "the year header twice, with different values",
        "t.csv",
        b"country,year,PD_1.a,year\nXAA,2026,yes,2025\n".to_vec(),
        Expect::Read(
            vec![
                d(
                    "T006",
                    "1:4",
                    "column \"year\" (column 4) repeats the header of column 2",
                ),
                d("T006", "2:4", "\"2025\" is in a second column \"year\""),
            ],
            ok(|a| {
                if a[0].meta.period == "2026" {
                    Ok(())
                } else {
                    Err(format!("period {}", a[0].meta.period))
                }
            }),
        ),
    ));
    out.push(Case::new(
        "the year header twice, with the same values",
        "t.csv",
        b"country,year,PD_1.a,Year\nXAA,2026,yes,2026\n".to_vec(),
        Expect::Diags(vec![d("T006", "1:4", "repeats the header of column 2")]),
    ));
    out.push(Case::new(
        "an indicator column twice",
        "t.csv",
        b"country,year,PD_1.a,PD_1.a\nXAA,2026,yes,no\n".to_vec(),
        Expect::Diags(vec![d(
            "T006",
            "2:4",
            "\"no\" is in a second column \"PD_1.a\"",
        )]),
    ));
}

/// Encodings.
fn csv_text(out: &mut Vec<Case>) {
    let text = "pays,nom,année,PD_1.a\nXAA,Ferdaría € ü,2026,oui\n";
    let name_is = |want: &'static str| {
        ok(move |a: &[Assessment]| {
            if a[0].meta.unit_name == want {
                Ok(())
            } else {
                Err(format!("name {:?}", a[0].meta.unit_name))
            }
        })
    };
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend(text.as_bytes());
    out.push(Case::new(
        "UTF-8 with a byte-order mark",
        "t.csv",
        bom,
        Expect::Read(vec![], name_is("Ferdaría € ü")),
    ));
    out.push(Case::new(
        "UTF-8 without one",
        "t.csv",
        text.as_bytes().to_vec(),
        Expect::Read(vec![], name_is("Ferdaría € ü")),
    ));
    for (name, le) in [("UTF-16 LE", true), ("UTF-16 BE", false)] {
        let mut b = if le {
            vec![0xFF, 0xFE]
        } else {
            vec![0xFE, 0xFF]
        };
        for u in text.encode_utf16() {
            b.extend(if le { u.to_le_bytes() } else { u.to_be_bytes() });
        }
        out.push(Case::new(
            name,
            "t.csv",
            b,
            Expect::Read(vec![], name_is("Ferdaría € ü")),
        ));
    }
    let (cp, _, _) = encoding_rs::WINDOWS_1252.encode(text);
    out.push(Case::new(
        "Windows-1252",
        "t.csv",
        cp.to_vec(),
        Expect::Read(
            vec![d("T007", "", "read as Windows-1252")],
            name_is("Ferdaría € ü"),
        ),
    ));
    let latin = "pays,nom,année,PD_1.a\nXAA,Größe,2026,oui\n";
    let (l1, _, _) = encoding_rs::WINDOWS_1252.encode(latin);
    out.push(Case::new(
        "Latin-1",
        "t.csv",
        l1.to_vec(),
        Expect::Read(vec![d("T007", "", "Windows-1252")], name_is("Größe")),
    ));
    out.push(Case::new(
        "a byte that is no text, on line 3",
        "t.csv",
        b"country,year,PD_1.a\nXAA,2026,yes\nXAB,20\x8126,no\n".to_vec(),
        Expect::Fails(
            "F016",
            "line 3, byte 7: byte 0x81, which is neither UTF-8 nor Windows-1252".into(),
        ),
    ));
    let mut no_bom = Vec::new();
    for u in "country,year\nXAA,2026\n".encode_utf16() {
        no_bom.extend(u.to_le_bytes());
    }
    out.push(Case::new(
        "UTF-16 without its byte-order mark",
        "t.csv",
        no_bom,
        Expect::Fails("F016", "line 1, byte 2: a zero byte".into()),
    ));
    out.push(Case::new(
        "a UTF-8 byte-order mark, then a byte that is not UTF-8 on line 2",
        "t.csv",
        b"\xEF\xBB\xBFcountry,year\nXA\xE9,2026\n".to_vec(),
        Expect::Fails("F016", "line 2, byte 3".into()),
    ));
    let mut odd = vec![0xFF, 0xFE];
    for u in "country,year\nXAA,2026".encode_utf16() {
        odd.extend(u.to_le_bytes());
    }
    odd.push(0x41);
    out.push(Case::new(
        "UTF-16 with half a character at the end",
        "t.csv",
        odd,
        Expect::Fails("F016", "half of a character".into()),
    ));
    out.push(Case::new(
        "an empty file",
        "t.csv",
        Vec::new(),
        Expect::Fails("F006", "no Assessment sheet".into()),
    ));
    out.push(Case::new(
        "a text file named as a workbook",
        "t.xlsx",
        TABLE.as_bytes().to_vec(),
        Expect::Fails("F003", "not a spreadsheet".into()),
    ));
    out.push(Case::new(
        "a table named as text",
        "t.dat",
        TABLE.as_bytes().to_vec(),
        Expect::Read(vec![], count(3)),
    ));
    out.push(
        Case::new(
            "a value over the text budget",
            "t.csv",
            format!(
                "country,year,PD_1.a,PD_1.a evidence\nXAA,2026,yes,{}\n",
                "e".repeat(500)
            )
            .into_bytes(),
            Expect::Diags(vec![d(
                "W051",
                "2:4",
                "the text is 500 characters long, over the budget of 100 per cell",
            )]),
        )
        .budgets(Budgets {
            text_chars: 100,
            ..Budgets::default()
        }),
    );
    out.push(
        Case::new(
            "a table over the values budget",
            "t.csv",
            TABLE.as_bytes().to_vec(),
            Expect::Fails("F014", "the table holds more than 8 values".into()),
        )
        .budgets(Budgets {
            sheet_cells: 8,
            ..Budgets::default()
        }),
    );
}

/// The About checks of tables.
fn csv_checks(out: &mut Vec<Case>) {
    let row = |year: &str, round: &str| {
        format!("country,year,round,PD_1.a\nXAA,{year},{round},yes\n").into_bytes()
    };
    for r in ["-1", "1.5", "abc", "1e9", "0"] {
        out.push(Case::new(
            format!("a table's round {r}"),
            "t.csv",
            row("2026", r),
            Expect::Diags(vec![d(
                "W043",
                "2:3",
                format!("round \"{r}\" is not a positive whole number"),
            )]),
        ));
    }
    for (p, msg) in [
        ("2026/2025", "does not run forward"),
        ("0000", "names the year 0000"),
        ("9999", "names the year 9999"),
    ] {
        out.push(Case::new(
            format!("a table's period {p}"),
            "t.csv",
            row(p, "1"),
            Expect::Diags(vec![d("W044", "2:2", msg)]),
        ));
    }
    out.push(Case::new(
        "a table's round left empty",
        "t.csv",
        row("2026", ""),
        Expect::Read(
            vec![d("W002", "2:3", "column \"round\" is empty; taken as 1")],
            ok(|a| {
                if a[0].meta.round == "1" {
                    Ok(())
                } else {
                    Err("round".into())
                }
            }),
        ),
    ));
    out.push(Case::new(
        "a table's unit code of another form",
        "t.csv",
        b"country,year,PD_1.a\nX1,2026,yes\n".to_vec(),
        Expect::Diags(vec![d("W003", "2:1", "country code \"X1\"")]),
    ));
    out.push(Case::new(
        "a table row with no answer",
        "t.csv",
        b"country,year,PD_1.a,PD_1.b\nXAA,2026,,\n".to_vec(),
        Expect::Diags(vec![d("W042", "2:1", "line 2 answers no indicator")]),
    ));
    out.push(Case::new(
        "a table row with no answer, from a contributor",
        "t.csv",
        b"country,year,contributor,PD_1.a\nXAA,2026,Ministry of Labour,\n".to_vec(),
        Expect::Without(vec!["W042"], count(1)),
    ));
    out.push(Case::new(
        "a table row naming another framework version",
        "t.csv",
        b"country,year,framework,version,PD_1.a\nXAA,2026,sdg-10-7-2,0.1,yes\n".to_vec(),
        Expect::Diags(vec![d("W032", "2:4", "version 0.1 of \"sdg-10-7-2\"")]),
    ));
    out.push(
        Case::new(
            "a table row naming another framework than asked",
            "t.csv",
            b"country,year,framework,PD_1.a\nXAA,2026,mgi,yes\n".to_vec(),
            Expect::Diags(vec![d(
                "W033",
                "2:3",
                "the row names framework \"mgi\"; it is read as \"sdg-10-7-2\"",
            )]),
        )
        .framework("sdg-10-7-2"),
    );
    out.push(
        Case::new(
            "a table with a context column answered off its options",
            "t.csv",
            b"country,year,role,G1.1\nXAA,2026,neighbour,yes\n".to_vec(),
            Expect::Diags(vec![d(
                "W028",
                "2:3",
                "\"neighbour\" is not an answer to context question \"role\"",
            )]),
        )
        .framework("micic"),
    );
}

fn sdg_about() -> Vec<(&'static str, &'static str)> {
    vec![
        ("Country or unit code", "XAA"),
        ("Period (year or span)", "2026"),
        ("Assessment round", "1"),
        ("Framework", "sdg-10-7-2"),
    ]
}

fn rows(list: &[&[&str]]) -> Vec<Vec<String>> {
    list.iter()
        .map(|r| r.iter().map(|s| s.to_string()).collect())
        .collect()
}

/// Hand-made workbooks.
fn workbooks(out: &mut Vec<Case>) {
    let about = sdg_about();
    let header: &[&str] = &["ID", "Answer", "Evidence", "Comment"];
    out.push(Case::new(
        "a workbook with no answer at all",
        "w.xlsx",
        xlsx(
            Some(&about),
            &rows(&[header, &["PD_1.a", "", "", ""], &["PD_1.b"]]),
        ),
        Expect::Diags(vec![d(
            "W042",
            "sheet Assessment",
            "the workbook answers no indicator (2 answer rows, all blank)",
        )]),
    ));
    let mut contributor = about.clone();
    contributor.push(("contributor", "Ministry of Labour"));
    out.push(Case::new(
        "a contribution with no answer yet",
        "w.xlsx",
        xlsx(Some(&contributor), &rows(&[header, &["PD_1.a"]])),
        Expect::Without(
            vec!["W042"],
            ok(|a| {
                if a[0].meta.contributor == "Ministry of Labour" {
                    Ok(())
                } else {
                    Err("contributor".into())
                }
            }),
        ),
    ));
    let micic = std::fs::read(crate::harness::root().join("fixtures/XAA-2026-micic.xlsx")).unwrap();
    out.push(
        Case::new(
            "a MICIC workbook read as --framework mgi",
            "XAA-2026-micic.xlsx",
            micic,
            Expect::Diags(vec![
                d("W033", "*", "it is read as \"mgi\""),
                d("W042", "sheet Assessment", "answers no indicator"),
            ]),
        )
        .framework("mgi"),
    );
    for r in ["-1", "1.5", "abc", "1e9"] {
        let mut a = about.clone();
        a[2] = ("Assessment round", r);
        out.push(Case::new(
            format!("round {r} on the About sheet"),
            "w.xlsx",
            xlsx(Some(&a), &rows(&[header, &["PD_1.a", "yes"]])),
            Expect::Diags(vec![d(
                "W043",
                "About!B3",
                format!("round \"{r}\" is not a positive whole number"),
            )]),
        ));
    }
    for (p, msg) in [
        ("2026/2025", "does not run forward"),
        ("0000", "the year 0000"),
        ("9999", "the year 9999"),
    ] {
        let mut a = about.clone();
        a[1] = ("Period (year or span)", p);
        out.push(Case::new(
            format!("period {p} on the About sheet"),
            "w.xlsx",
            xlsx(Some(&a), &rows(&[header, &["PD_1.a", "yes"]])),
            Expect::Diags(vec![d("W044", "About!B2", msg)]),
        ));
    }
    for (v, code_sev) in [("2026", "warning"), ("2025", "error")] {
        let mut a = about.clone();
        a.push(("Period (year or span)", v));
        out.push(Case::new(
            format!("the period given twice ({v} the second time)"),
            "w.xlsx",
            xlsx(Some(&a), &rows(&[header, &["PD_1.a", "yes"]])),
            Expect::Read(
                vec![d("W045", "About!B5", format!("Period (year or span) is given twice, as \"2026\" at B2 and as \"{v}\" here"))],
                ok(move |a| {
                    let x = a[0].diagnostics.iter().find(|x| x.code == "W045").unwrap();
                    if x.severity.to_string() == code_sev { Ok(()) } else { Err(format!("severity {}", x.severity)) }
                }),
            ),
        ));
    }
    {
        let mut wb = rust_xlsxwriter::Workbook::new();
        let ws = wb.add_worksheet();
        ws.set_name("About").unwrap();
        for (r, (k, v)) in about.iter().enumerate() {
            ws.write_string(r as u32, 0, *k).unwrap();
            ws.write_string(r as u32, 1, *v).unwrap();
        }
        for name in ["Assessment", "Evaluación"] {
            let ws = wb.add_worksheet();
            ws.set_name(name).unwrap();
            ws.write_string(0, 0, "ID").unwrap();
            ws.write_string(0, 1, "Answer").unwrap();
            ws.write_string(1, 0, "PD_1.a").unwrap();
            ws.write_string(1, 1, if name == "Assessment" { "yes" } else { "no" })
                .unwrap();
        }
        out.push(Case::new(
            "a second Assessment sheet",
            "w.xlsx",
            wb.save_to_buffer().unwrap(),
            Expect::Read(
                vec![d(
                    "W046",
                    "sheet Evaluación",
                    "sheet \"Evaluación\" is a second Assessment sheet (after \"Assessment\")",
                )],
                ok(|a| {
                    if a[0].answers[0].given == "yes" {
                        Ok(())
                    } else {
                        Err("the first sheet is not the one read".into())
                    }
                }),
            ),
        ));
    }
    out.push(Case::new(
        "a second Answer column holding values",
        "w.xlsx",
        xlsx(
            Some(&about),
            &rows(&[
                &["ID", "Answer", "Evidence", "Comment", "Answer"],
                &["PD_1.a", "yes", "Law 1", "", "no"],
                &["PD_1.b", "no", "", "", ""],
            ]),
        ),
        Expect::Diags(vec![d(
            "W047",
            "Assessment!E1",
            "column E repeats the \"Answer\" header of column B and holds 1 value: E2=\"no\"",
        )]),
    ));
    out.push(Case::new(
        "an empty second Evidence column",
        "w.xlsx",
        xlsx(
            Some(&about),
            &rows(&[
                &["ID", "Answer", "Evidence", "Comment", "Evidence"],
                &["PD_1.a", "yes", "Law 1"],
            ]),
        ),
        Expect::Diags(vec![d("W047", "Assessment!E1", "(it is empty)")]),
    ));
    let mut far = vec!["".to_string(); 52];
    far[0] = "ID".into();
    far[51] = "Answer".into();
    let mut far_row = vec!["".to_string(); 52];
    far_row[0] = "PD_1.a".into();
    far_row[51] = "partial".into();
    out.push(Case::new(
        "the Answer column far to the right (AZ)",
        "w.xlsx",
        xlsx(Some(&about), &[far, far_row]),
        Expect::Read(
            vec![],
            ok(|a| {
                let x = &a[0].answers[0];
                if x.reading == Reading::Option(1) && x.source_cell() == "Assessment!AZ2" {
                    Ok(())
                } else {
                    Err(format!("{:?} at {}", x.reading, x.source_cell()))
                }
            }),
        ),
    ));
    out.push(Case::new(
        "the Answer header moved away from its answers",
        "w.xlsx",
        xlsx(Some(&about), &rows(&[&["ID", "", "Evidence", "Comment", "Answer"], &["PD_1.a", "yes"], &["PD_1.b", "no"]])),
        Expect::Diags(vec![
            d("W048", "Assessment!B2", "column B has no header (row 1) but holds 2 values: B2=\"yes\", B3=\"no\"; expected every value under a header of the template (the Answer header is in column E)"),
            d("W042", "sheet Assessment", "answers no indicator"),
        ]),
    ));
    let long = "x".repeat(2000);
    out.push(
        Case::new(
            "evidence over the text budget",
            "w.xlsx",
            xlsx(Some(&about), &rows(&[header, &["PD_1.a", "yes", &long]])),
            Expect::Read(
                vec![d(
                    "W051",
                    "Assessment!C2",
                    "the text is 2,000 characters long, over the budget of 1,000 per cell",
                )],
                ok(|a| {
                    if a[0].answers[0].evidence.chars().count() == 1000 {
                        Ok(())
                    } else {
                        Err("not clipped".into())
                    }
                }),
            ),
        )
        .budgets(Budgets {
            text_chars: 1000,
            ..Budgets::default()
        }),
    );
    out.push(
        Case::new(
            "a sheet over the cells budget",
            "w.xlsx",
            xlsx(
                Some(&about),
                &rows(&[
                    header,
                    &["PD_1.a", "yes", "a", "b"],
                    &["PD_1.b", "no", "c", "d"],
                ]),
            ),
            Expect::Fails(
                "F014",
                "sheet \"Assessment\": it holds more than 10 non-empty cells".into(),
            ),
        )
        .budgets(Budgets {
            sheet_cells: 10,
            ..Budgets::default()
        }),
    );
}

/// The bytes of the filled SDG fixture, and the cell of an indicator's answer.
fn filled() -> (Vec<u8>, String) {
    let bytes =
        std::fs::read(crate::harness::root().join("fixtures/XAA-2026-sdg-10-7-2.xlsx")).unwrap();
    let rules = Rules::bundled();
    let a = &mgi::intake::Reader::new(&rules)
        .read_bytes("x.xlsx", &bytes, None)
        .unwrap()[0];
    (
        bytes,
        a.answer("PD_1.a").unwrap().location.cell.clone().unwrap(),
    )
}

/// The member holding the `Assessment` sheet.
pub fn assessment_part(bytes: &[u8]) -> String {
    let w = member_text(bytes, "xl/workbook.xml");
    let r = member_text(bytes, "xl/_rels/workbook.xml.rels");
    mgi::intake::scan::sheet_paths(&w, &r)
        .unwrap()
        .into_iter()
        .find(|(n, _)| n == "Assessment")
        .unwrap()
        .1
}

/// Replaces a cell's element in a sheet's XML.
pub fn with_cell(xml: &str, cell: &str, element: &str) -> String {
    let start = xml
        .find(&format!("<c r=\"{cell}\""))
        .unwrap_or_else(|| panic!("no cell {cell}"));
    let rest = &xml[start..];
    let open_end = rest.find('>').unwrap();
    let end = if rest[..open_end].ends_with('/') {
        start + open_end + 1
    } else {
        start + rest.find("</c>").unwrap() + 4
    };
    format!("{}{element}{}", &xml[..start], &xml[end..])
}

/// Workbooks edited in their XML: formulas without values, unknown error values, cells
/// given twice.
fn workbook_xml(out: &mut Vec<Case>) {
    let (bytes, cell) = filled();
    let part = assessment_part(&bytes);
    let col: String = cell.chars().take_while(char::is_ascii_alphabetic).collect();
    let row: u32 = cell[col.len()..].parse().unwrap();
    let evidence = format!("{}{row}", (col.as_bytes()[0] + 1) as char);
    let edited = |f: &dyn Fn(String) -> String| {
        rezip(&bytes, |n, d| {
            if n == part {
                f(String::from_utf8(d).unwrap()).into_bytes()
            } else {
                d
            }
        })
    };
    let c = cell.clone();
    out.push(Case::new(
        "an answer that is a formula without a computed value",
        "w.xlsx",
        edited(&|x| {
            with_cell(
                &x,
                &c,
                &format!("<c r=\"{c}\"><f>IF(TRUE,\"yes\",\"no\")</f></c>"),
            )
        }),
        Expect::Diags(vec![d(
            "W049",
            format!("Assessment!{cell}"),
            "the answer to \"PD_1.a\" is a formula without a computed value",
        )]),
    ));
    let c = cell.clone();
    out.push(Case::new(
        "an answer that is a formula with an empty value",
        "w.xlsx",
        edited(&|x| {
            with_cell(
                &x,
                &c,
                &format!("<c r=\"{c}\" t=\"str\"><f>A1</f><v></v></c>"),
            )
        }),
        Expect::Diags(vec![d(
            "W049",
            format!("Assessment!{cell}"),
            "formula without a computed value",
        )]),
    ));
    let (e, c) = (evidence.clone(), cell.clone());
    out.push(Case::new(
        "evidence that is a formula without a computed value",
        "w.xlsx",
        edited(&|x| {
            let f = format!("<c r=\"{e}\"><f>1</f></c>");
            if x.contains(&format!("<c r=\"{e}\"")) {
                with_cell(&x, &e, &f)
            } else {
                insert_after(&x, &c, &f)
            }
        }),
        Expect::Diags(vec![d(
            "W049",
            format!("Assessment!{evidence}"),
            "the evidence cell holds a formula without a computed value",
        )]),
    ));
    for err in ["#SPILL!", "#GETTING_DATA", "#CALC!"] {
        let c = cell.clone();
        out.push(Case::new(
            format!("an answer holding the error value {err}, unknown to the reader"),
            "w.xlsx",
            edited(&|x| with_cell(&x, &c, &format!("<c r=\"{c}\" t=\"e\"><v>{err}</v></c>"))),
            Expect::Diags(vec![d(
                "W020",
                format!("Assessment!{cell}"),
                format!("the cell holds the error value {err}"),
            )]),
        ));
    }
    let c = cell.clone();
    out.push(Case::new(
        "a cell given twice with different values",
        "w.xlsx",
        edited(&|x| {
            let start = x.find(&format!("<c r=\"{c}\"")).unwrap();
            format!(
                "{}<c r=\"{c}\" t=\"inlineStr\"><is><t>no</t></is></c>{}",
                &x[..start],
                &x[start..]
            )
        }),
        Expect::Diags(vec![d(
            "W050",
            format!("Assessment!{cell}"),
            format!("cell {cell} is given twice in the sheet's XML, as \"no\" and as"),
        )]),
    ));
    let c = cell.clone();
    out.push(Case::new(
        "a cell given twice with the same value",
        "w.xlsx",
        edited(&|x| {
            let start = x.find(&format!("<c r=\"{c}\"")).unwrap();
            let rest = &x[start..];
            let end = start + rest.find("</c>").unwrap() + 4;
            let el = x[start..end].to_string();
            format!("{}{el}{}", &x[..end], &x[end..])
        }),
        Expect::Diags(vec![d(
            "W050",
            format!("Assessment!{cell}"),
            "the first is used",
        )]),
    ));
    // The About sheet: an unknown error value in the period.
    let about = mgi::intake::scan::sheet_paths(
        &member_text(&bytes, "xl/workbook.xml"),
        &member_text(&bytes, "xl/_rels/workbook.xml.rels"),
    )
    .unwrap()
    .into_iter()
    .find(|(n, _)| n == "About")
    .unwrap()
    .1;
    let plan = |names: &[String]| vec![mgi::intake::grid::Read::Cells; names.len()];
    let book = mgi::intake::grid::open(&bytes, plan, &Budgets::default()).unwrap();
    let grid = book.sheets.iter().find(|g| g.name == "About").unwrap();
    let row = grid
        .rows
        .iter()
        .find(|(_, cells)| cells.first().is_some_and(|(_, v)| v.display() == "period"))
        .map(|(r, _)| *r)
        .unwrap();
    let period_cell = mgi::diag::a1(row, 2);
    let pc = period_cell.clone();
    out.push(Case::new(
        "the About period holding #SPILL!",
        "w.xlsx",
        rezip(&bytes, |n, d| {
            if n == about {
                with_cell(
                    &String::from_utf8(d).unwrap(),
                    &pc,
                    &format!("<c r=\"{pc}\" t=\"e\"><v>#SPILL!</v></c>"),
                )
                .into_bytes()
            } else {
                d
            }
        }),
        Expect::Diags(vec![d(
            "W004",
            format!("About!{period_cell}"),
            "period \"#SPILL!\" is not a year",
        )]),
    ));
}

/// Inserts an element right after a cell's element.
fn insert_after(xml: &str, cell: &str, element: &str) -> String {
    let start = xml.find(&format!("<c r=\"{cell}\"")).unwrap();
    let rest = &xml[start..];
    let open_end = rest.find('>').unwrap();
    let end = if rest[..open_end].ends_with('/') {
        start + open_end + 1
    } else {
        start + rest.find("</c>").unwrap() + 4
    };
    format!("{}{element}{}", &xml[..end], &xml[end..])
}

/// Zip packages: sizes and ratios, declared counts, lies, truncation.
fn zips(out: &mut Vec<Case>) {
    let (bytes, _) = filled();
    let part = assessment_part(&bytes);
    let clean = rezip(&bytes, |_, d| d);
    out.push(Case::new(
        "a sheet that declares 4 GB",
        "w.xlsx",
        declare_size(&clean, &part, u32::MAX),
        Expect::Fails("F013", format!("part {part} of the workbook inflates to 4.0 GiB, over the budget of 256.0 MiB per part")),
    ));
    out.push(Case::new(
        "shared strings that declare 300 MB",
        "w.xlsx",
        declare_size(&clean, "xl/sharedStrings.xml", 300 << 20),
        Expect::Fails(
            "F013",
            "part xl/sharedStrings.xml of the workbook inflates to 300.0 MiB".into(),
        ),
    ));
    out.push(Case::new(
        "a sheet that declares less than it holds",
        "w.xlsx",
        declare_size(&clean, &part, 100),
        Expect::Fails("F005", "damaged".into()),
    ));
    // A real bomb, small: 2 MiB of spaces in the sheet's XML, held to a small budget.
    let bomb = rezip(&bytes, |n, d| {
        if n == part {
            let t = String::from_utf8(d).unwrap();
            t.replacen(
                "<sheetData>",
                &format!("<sheetData>{}", " ".repeat(2 << 20)),
                1,
            )
            .into_bytes()
        } else {
            d
        }
    });
    out.push(
        Case::new(
            "a sheet of whitespace that inflates 1,000 times",
            "w.xlsx",
            bomb.clone(),
            Expect::Fails("F013", "(a ratio of".into()),
        )
        .budgets(Budgets {
            ratio_floor: 1 << 20,
            ..Budgets::default()
        }),
    );
    out.push(
        Case::new(
            "the same bomb, over the size budget",
            "w.xlsx",
            bomb,
            Expect::Fails("F013", "over the budget of 1.0 MiB per part".into()),
        )
        .budgets(Budgets {
            part_bytes: 1 << 20,
            ..Budgets::default()
        }),
    );
    for (n, count) in [("a trillion", "1000000000000"), ("ten million", "10000000")] {
        out.push(Case::new(
            format!("shared strings declaring {n} strings"),
            "w.xlsx",
            edit(
                &bytes,
                "xl/sharedStrings.xml",
                "uniqueCount=\"",
                &format!("uniqueCount=\"{count}0"),
            ),
            Expect::Fails(
                "F013",
                "part xl/sharedStrings.xml of the workbook declares".into(),
            ),
        ));
    }
    for cut in [30, 200, bytes.len() / 3, bytes.len() / 2, bytes.len() - 10] {
        let expect = if cut < 100 {
            Expect::Fails("F005", "".into())
        } else {
            Expect::Fails("F005", "damaged or truncated".into())
        };
        out.push(Case::new(
            format!("a workbook cut after {cut} bytes"),
            "w.xlsx",
            bytes[..cut].to_vec(),
            expect,
        ));
    }
    out.push(Case::new(
        "a zip that holds no workbook",
        "w.xlsx",
        zip_of(&[("notes.txt".into(), b"minutes".to_vec())]),
        Expect::Fails("F005", "".into()),
    ));
    let mut with_vba = members(&bytes);
    with_vba.push((
        "xl/vbaProject.bin".into(),
        vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 1, 2, 3],
    ));
    out.push(Case::new(
        "a macro workbook whose macros are damaged",
        "w.xlsm",
        zip_of(&with_vba),
        Expect::Read(
            vec![],
            ok(|a| {
                if a[0].format == "xlsm" {
                    Ok(())
                } else {
                    Err(a[0].format.clone())
                }
            }),
        ),
    ));
}
