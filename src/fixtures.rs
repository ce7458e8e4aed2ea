//! Fixture workbooks for fictional countries, made by code so they can be regenerated
//! when the template changes: `cargo run --example fixtures` writes them to `fixtures/`,
//! and the tests build the same bytes in memory.
//!
//! Not part of the library's API: test support written against the library's public
//! API, included with `#[path]` (next to [`crate::synth`], which it uses) by the test
//! crate (`tests/it/main.rs`), the examples that need it and the library's own unit
//! tests.

use crate::synth::{AnswerStyle, SynthOptions, synthetic};
use mgi::diag::Code;
use mgi::rules::Framework;
use mgi::template::{TemplateOptions, template_workbook};
use rust_xlsxwriter::{Format, Formula, Workbook, XlsxError};

/// A filled workbook made with the template writer: unit number `index`, answers typed
/// in `style`, in the template language `lang`.
pub fn styled(
    fw: &Framework,
    index: usize,
    lang: &str,
    style: AnswerStyle,
    options: impl FnOnce(&mut SynthOptions),
) -> mgi::Result<Vec<u8>> {
    let mut o = SynthOptions::clean(7, index);
    o.style = style;
    options(&mut o);
    let prefill = synthetic(fw, &o);
    let (bytes, _) = template_workbook(
        fw,
        &TemplateOptions {
            lang: lang.to_string(),
            prefill,
        },
    )?;
    Ok(bytes)
}

/// Where each planted problem of [`messy`] is, for the tests that look for it.
#[derive(Debug, Clone)]
pub struct Planted {
    /// Diagnostic code.
    pub code: Code,
    /// Sheet and cell (`Assessment!A12`), or the sheet alone.
    pub place: String,
}

/// The columns of the messy workbook's `Assessment` sheet, reordered and in Spanish,
/// with an extra column of the user's own: answer, id, question, notes, evidence,
/// comment, responsible.
pub const MESSY_HEADERS: [&str; 7] = [
    "Respuesta",
    "Identificador",
    "Pregunta",
    "Notas internas",
    "Evidencia o fuente",
    "Comentario",
    "Entidad responsable",
];
/// Column of the answers in the messy workbook.
pub const MESSY_ANSWER: u16 = 0;
/// Column of the ids.
pub const MESSY_ID: u16 = 1;
/// Column of the evidence.
pub const MESSY_EVIDENCE: u16 = 4;
/// Column of the comments.
pub const MESSY_COMMENT: u16 = 5;
/// Row (0-based) of the header.
pub const MESSY_HEADER_ROW: u32 = 2;

/// A deliberately messy filled SDG 10.7.2 workbook for fictional country XAD, as real
/// filled workbooks come back: an extra sheet first, an `About` sheet without its key
/// column and labels in French, the `Assessment` header in Spanish on row 3 with columns
/// reordered and one extra, blank rows between groups, answers by code, label and alias
/// in any case, numbers and numbers stored as text, a formula, error cells, merged cells,
/// a duplicated row, a deleted row, an unknown id, content without an id, an answer
/// outside the scale, not-applicable without justification, a positive answer without
/// evidence, and a used range that runs to row 1,048,576.
///
/// Returns the bytes and the list of planted problems.
pub fn messy(fw: &Framework) -> Result<(Vec<u8>, Vec<Planted>), XlsxError> {
    assert_eq!(
        fw.id, "sdg-10-7-2",
        "the messy fixture is written for sdg-10-7-2"
    );
    let mut wb = Workbook::new();
    let mut planted = Vec::new();
    let mut plant = |code: Code, place: String| planted.push(Planted { code, place });
    wb.set_properties(
        &rust_xlsxwriter::DocProperties::new()
            .set_creation_datetime(&rust_xlsxwriter::ExcelDateTime::from_ymd(2026, 6, 30)?),
    );
    {
        let notes = wb.add_worksheet();
        notes.set_name("Notes")?;
        notes.write_string(
            0,
            0,
            "Working notes of the inter-ministerial group (ignored by the tool).",
        )?;
    }
    {
        let about = wb.add_worksheet();
        about.set_name("About")?;
        let rows = [
            ("Code du pays ou de l'unité", "xad"),
            ("Nom du pays ou de l'unité", "Ferdaria (fictional)"),
            ("Niveau (pays, province, ville)", "pays"),
            ("Période (année ou intervalle)", "2026"),
            ("Cadre", "sdg-10-7-2"),
            ("Version du cadre", fw.version.as_str()),
            ("Langue", "es"),
            (
                "Organisme responsable",
                "Secrétariat aux migrations (fictif)",
            ),
            ("Région (facultatif)", "Islands"),
        ];
        for (i, (k, v)) in rows.iter().enumerate() {
            about.write_string(i as u32, 0, *k)?;
            about.write_string(i as u32, 1, *v)?;
        }
        plant(Code::W002, "About".into());
        // No row for the context question `coding` (added in 1.1.0): every option is offered.
        plant(Code::W027, "About".into());
    }
    let ws = wb.add_worksheet();
    ws.set_name("Assessment")?;
    ws.write_string(0, 0, "Autoevaluación ODS 10.7.2 — Ferdaria (ficticio)")?;
    for (c, h) in MESSY_HEADERS.iter().enumerate() {
        ws.write_string(MESSY_HEADER_ROW, c as u16, *h)?;
    }
    let cell = |r: u32, c: u16| format!("Assessment!{}", mgi::diag::a1(r, c as u32));
    let mut r = MESSY_HEADER_ROW + 1;
    // (id, answer, evidence, comment)
    let row = |ws: &mut rust_xlsxwriter::Worksheet,
               r: &mut u32,
               id: &str,
               answer: Option<&str>,
               evidence: Option<&str>,
               comment: Option<&str>|
     -> Result<u32, XlsxError> {
        ws.write_string(*r, MESSY_ID, id)?;
        if let Some(a) = answer {
            ws.write_string(*r, MESSY_ANSWER, a)?;
        }
        if let Some(e) = evidence {
            ws.write_string(*r, MESSY_EVIDENCE, e)?;
        }
        if let Some(c) = comment {
            ws.write_string(*r, MESSY_COMMENT, c)?;
        }
        let this = *r;
        *r += 1;
        Ok(this)
    };
    // Domain 1: answers by alias, as a number, by formula, and an error value.
    row(ws, &mut r, "PD_1", None, None, None)?;
    row(
        ws,
        &mut r,
        "PD_1.a",
        Some("  oui "),
        Some("Loi 12/2020 sur la santé"),
        None,
    )?;
    let x = row(ws, &mut r, "PD_1.b", Some("TODOS"), None, None)?;
    plant(Code::W022, cell(x, MESSY_ANSWER));
    let x = row(
        ws,
        &mut r,
        "PD_1.c",
        None,
        Some("Code du travail, art. 3"),
        None,
    )?;
    ws.write_number(x, MESSY_ANSWER, 1.0)?;
    let x = row(ws, &mut r, "PD_1.d", None, Some("Décret 4/2021"), None)?;
    ws.write_formula(
        x,
        MESSY_ANSWER,
        Formula::new("=IF(TRUE,\"Only for migrants in a regular situation\",\"No\")")
            .set_result("Only for migrants in a regular situation"),
    )?;
    let x = row(
        ws,
        &mut r,
        "PD_1.e",
        None,
        Some("Loi sur l'aide juridictionnelle"),
        None,
    )?;
    ws.write_formula(x, MESSY_ANSWER, Formula::new("=NA()").set_result("#N/A"))?;
    plant(Code::W020, cell(x, MESSY_ANSWER));
    r += 1; // blank row between groups
    // Domain 2: heading with content, not applicable without justification, outside the
    // scale, a duplicated row, a deleted row, don't know.
    let x = row(
        ws,
        &mut r,
        "PD_2",
        None,
        None,
        Some("Domain reviewed by the Ministry of Interior"),
    )?;
    plant(Code::W013, cell(x, MESSY_ID));
    let x = row(ws, &mut r, "PD_2.a", Some("Sans objet"), None, None)?;
    plant(Code::W021, cell(x, MESSY_ANSWER));
    let x = row(ws, &mut r, "PD_2.b", Some("maybe"), None, None)?;
    plant(Code::W020, cell(x, MESSY_ANSWER));
    row(
        ws,
        &mut r,
        "PD_2.c",
        Some("Yes"),
        Some("Integration strategy 2024"),
        None,
    )?;
    let x = row(
        ws,
        &mut r,
        "PD_2.c",
        Some("No"),
        None,
        Some("second opinion from the labour ministry"),
    )?;
    plant(Code::W011, cell(x, MESSY_ANSWER));
    plant(Code::W012, "Assessment".into()); // PD_2.d deleted
    row(ws, &mut r, "PD_2.e", Some("Ne sait pas"), None, None)?;
    let x = row(
        ws,
        &mut r,
        "",
        None,
        None,
        Some("Ask the statistics office about PD_2.e"),
    )?;
    plant(Code::W014, cell(x, MESSY_ID));
    let x = row(ws, &mut r, "PD_9.z", Some("yes"), None, None)?;
    plant(Code::W010, cell(x, MESSY_ID));
    r += 1;
    // Domain 3: merged answer cells, justified not applicable, an error in evidence.
    row(ws, &mut r, "PD_3", None, None, None)?;
    let first = row(
        ws,
        &mut r,
        "PD_3.a",
        None,
        Some("Inter-ministerial decree 2019"),
        None,
    )?;
    row(ws, &mut r, "PD_3.b", None, None, None)?;
    row(ws, &mut r, "PD_3.c", None, None, None)?;
    ws.merge_range(
        first,
        MESSY_ANSWER,
        first + 2,
        MESSY_ANSWER,
        "Sí",
        &Format::new(),
    )?;
    plant(Code::W026, cell(first, MESSY_ANSWER));
    row(
        ws,
        &mut r,
        "PD_3.d",
        Some("Not applicable"),
        None,
        Some("No readmission partner countries: landlocked island state"),
    )?;
    let x = row(ws, &mut r, "PD_3.e", Some("parcialmente"), None, None)?;
    ws.write_formula(
        x,
        MESSY_EVIDENCE,
        Formula::new("=#REF!").set_result("#REF!"),
    )?;
    plant(Code::W023, cell(x, MESSY_EVIDENCE));
    r += 1;
    // Domains 4 to 6: numbers stored as text, labels in three languages, codes, aliases.
    let answers: [(&str, &str); 15] = [
        ("PD_4.a", "0.5"),
        ("PD_4.b", " 1 "),
        ("PD_4.c", "partial"),
        ("PD_4.d", "NO"),
        ("PD_4.e", "Partiellement"),
        ("PD_5.a", "yes"),
        ("PD_5.b", "Parcialmente"),
        ("PD_5.c", "OUI"),
        ("PD_5.d", "no"),
        ("PD_5.e", "en partie"),
        ("PD_6.a", "Y"),
        ("PD_6.b", "sí"),
        ("PD_6.c", "Yes"),
        ("PD_6.d", "partly"),
        ("PD_6.e", "non"),
    ];
    let mut group = "";
    for (id, a) in answers {
        let g = &id[..4];
        if g != group {
            row(ws, &mut r, g, None, None, None)?;
            group = g;
        }
        row(
            ws,
            &mut r,
            id,
            Some(a),
            Some("Official gazette (fictional)"),
            None,
        )?;
    }
    ws.write_string(r, 3, "internal note in the extra column, ignored")?;
    // A used range that runs to the last row of the sheet, with nothing in it.
    ws.write_blank(1_048_575, 8, &Format::new().set_bold())?;
    ws.write_string(1_048_575, 9, "")?;
    let bytes = wb.save_to_buffer()?;
    Ok((bytes, planted))
}

/// A table of several fictional countries for `fw` (one row per country, one column per
/// indicator id), as csv text.
pub fn wide_csv(fw: &Framework, count: usize) -> String {
    let ids: Vec<String> = fw
        .indicators_in_tree_order()
        .into_iter()
        .flat_map(|i| {
            let ind = &fw.indicators[i];
            if fw.scales[ind.scale].cumulative {
                ind.criteria
                    .iter()
                    .map(|c| c.id.clone())
                    .collect::<Vec<_>>()
            } else {
                vec![ind.id.clone()]
            }
        })
        .collect();
    let mut out = String::from("country,name,year,region,income_group");
    for q in &fw.context {
        out.push(',');
        out.push_str(&q.id);
    }
    for id in &ids {
        out.push(',');
        out.push_str(id);
    }
    out.push('\n');
    for i in 0..count {
        let p = synthetic(
            fw,
            &SynthOptions {
                blank: 0.03,
                dont_know: 0.02,
                ..SynthOptions::clean(11, i)
            },
        );
        let field = |s: &str| {
            if s.contains(',') || s.contains('"') {
                format!("\"{}\"", s.replace('"', "\"\""))
            } else {
                s.to_string()
            }
        };
        let about = |k: &str| p.about.get(k).cloned().unwrap_or_default();
        out.push_str(
            &[
                about("unit_code"),
                field(&about("unit_name")),
                about("period"),
                about("region"),
                about("income_group"),
            ]
            .join(","),
        );
        for q in &fw.context {
            out.push(',');
            out.push_str(p.context.get(&q.id).map(String::as_str).unwrap_or(""));
        }
        for id in &ids {
            out.push(',');
            if let Some(mgi::template::CellValue::Text(t)) =
                p.rows.get(id).and_then(|f| f.answer.as_ref())
            {
                out.push_str(&field(t));
            }
        }
        out.push('\n');
    }
    out
}
