//! The `Instructions` sheet: what to do, what each answer means and scores, whom to ask.

use super::{Formats, tr};
use crate::report::style::wrapped_lines;
use crate::rules::{Framework, Scale, ScaleKind};
use rust_xlsxwriter::{Worksheet, XlsxError};
use std::collections::BTreeMap;

pub(super) fn instructions(
    ws: &mut Worksheet,
    fw: &Framework,
    lang: &str,
    fmt: &Formats,
    title: &str,
    context: &BTreeMap<String, String>,
) -> Result<u32, XlsxError> {
    ws.set_column_width(0, 110)?;
    ws.write_string_with_format(
        0,
        0,
        format!(
            "{title}: {}",
            tr(
                lang,
                [
                    "self-assessment workbook",
                    "classeur d'auto-évaluation",
                    "libro de autoevaluación"
                ]
            )
        ),
        &fmt.title,
    )?;
    ws.write_string_with_format(
        1,
        0,
        format!(
            "{} {} — {}",
            fw.id,
            fw.version,
            tr(lang, ["made by mgi", "produit par mgi", "generado por mgi"])
        ),
        &fmt.note,
    )?;
    let mut row = 3;
    let about = fw.text(&fw.about, lang);
    if !about.is_empty() {
        ws.write_string_with_format(row, 0, about, &fmt.note)?;
        ws.set_row_height(row, 15.0 * wrapped_lines(about, 110.0) as f64)?;
        row += 2;
    }
    ws.write_string_with_format(
        row,
        0,
        tr(
            lang,
            [
                "How to fill this workbook",
                "Comment remplir ce classeur",
                "Cómo completar este libro",
            ],
        ),
        &fmt.heading,
    )?;
    row += 1;
    let steps: [[&str; 3]; 8] = [
        [
            "1. Fill the About sheet first: country or unit code and name, period, round, responsible agency, focal point and date, and the context questions.",
            "1. Remplissez d'abord la feuille About : code et nom du pays ou de l'unité, période, cycle, organisme responsable, point focal et date, ainsi que les questions de contexte.",
            "1. Complete primero la hoja About: código y nombre del país o de la unidad, período, ronda, organismo responsable, punto focal y fecha, y las preguntas de contexto.",
        ],
        [
            "2. On the Assessment sheet, answer every row in the Answer column with the dropdown. You may also type a code, or a label in English, French or Spanish.",
            "2. Dans la feuille Assessment, répondez à chaque ligne dans la colonne Réponse à l'aide de la liste déroulante. Vous pouvez aussi saisir un code ou un libellé en anglais, en français ou en espagnol.",
            "2. En la hoja Assessment, responda cada fila en la columna Respuesta con la lista desplegable. También puede escribir un código o una etiqueta en inglés, francés o español.",
        ],
        [
            "3. For every positive answer, cite the evidence: the law, plan, decision, report or data source, with its date.",
            "3. Pour chaque réponse positive, citez la preuve : la loi, le plan, la décision, le rapport ou la source de données, avec sa date.",
            "3. Para cada respuesta positiva, cite la evidencia: la ley, el plan, la decisión, el informe o la fuente de datos, con su fecha.",
        ],
        [
            "4. Answer 'Not applicable' only when the question cannot apply to your country, and explain why in the Comment column.",
            "4. Ne répondez « Sans objet » que si la question ne peut pas s'appliquer à votre pays, et expliquez pourquoi dans la colonne Commentaire.",
            "4. Responda «No aplica» solo cuando la pregunta no pueda aplicarse a su país, y explique por qué en la columna Comentario.",
        ],
        [
            "5. Answer 'Don't know' when the information could not be found: it is listed as a data gap. Blank answers are reported as missing, never counted as yes or no.",
            "5. Répondez « Ne sait pas » si l'information est introuvable : elle sera signalée comme lacune de données. Les réponses vides sont signalées comme manquantes, jamais comptées comme oui ou non.",
            "5. Responda «No sabe» cuando no se haya podido obtener la información: se registra como laguna de datos. Las respuestas en blanco se señalan como faltantes y nunca se cuentan como sí o no.",
        ],
        [
            "6. Shaded rows are headings. Where an indicator is answered through criteria, answer each criterion row: the level is computed from them.",
            "6. Les lignes en couleur sont des titres. Lorsqu'un indicateur se remplit par critères, répondez à chaque ligne de critère : le niveau en est déduit.",
            "6. Las filas sombreadas son títulos. Cuando un indicador se responde por criterios, responda cada fila de criterio: el nivel se calcula a partir de ellas.",
        ],
        [
            "7. Do not change the IDs, delete rows or rename the sheets. You may add columns or sheets of your own: they are ignored.",
            "7. Ne modifiez pas les identifiants, ne supprimez pas de lignes et ne renommez pas les feuilles. Vous pouvez ajouter vos propres colonnes ou feuilles : elles sont ignorées.",
            "7. No modifique los identificadores, no elimine filas ni cambie el nombre de las hojas. Puede añadir columnas u hojas propias: se ignoran.",
        ],
        [
            "8. Then check the workbook with `mgi validate FILE.xlsx` and get the gap report with `mgi score FILE.xlsx`.",
            "8. Vérifiez ensuite le classeur avec `mgi validate FICHIER.xlsx` et obtenez le rapport d'écarts avec `mgi score FICHIER.xlsx`.",
            "8. Luego verifique el libro con `mgi validate ARCHIVO.xlsx` y obtenga el informe de brechas con `mgi score ARCHIVO.xlsx`.",
        ],
    ];
    for s in steps {
        let text = tr(lang, s);
        ws.write_string_with_format(row, 0, text, &fmt.note)?;
        ws.set_row_height(row, 15.0 * wrapped_lines(text, 110.0) as f64)?;
        row += 1;
    }
    row += 1;
    ws.write_string_with_format(
        row,
        0,
        tr(
            lang,
            [
                "Answers and the score they give (0 to 100)",
                "Réponses et score correspondant (0 à 100)",
                "Respuestas y la puntuación que otorgan (0 a 100)",
            ],
        ),
        &fmt.heading,
    )?;
    row += 1;
    for (k, s) in fw.scales.iter().enumerate() {
        let text = scale_summary(fw, k, s, lang, context);
        ws.write_string_with_format(row, 0, &text, &fmt.note)?;
        ws.set_row_height(row, 15.0 * wrapped_lines(&text, 110.0) as f64)?;
        row += 1;
    }
    row += 1;
    ws.write_string_with_format(
        row,
        0,
        tr(lang, ["Questions", "Questions", "Preguntas"]),
        &fmt.heading,
    )?;
    row += 1;
    ws.write_string_with_format(row, 0, tr(lang, ["Questions on the content go to the focal point named on the About sheet, who coordinates the ministries that answer.", "Les questions sur le contenu s'adressent au point focal indiqué dans la feuille About, qui coordonne les ministères qui répondent.", "Las preguntas sobre el contenido se dirigen al punto focal indicado en la hoja About, que coordina los ministerios que responden."]), &fmt.note)?;
    ws.set_landscape();
    ws.set_paper_size(9);
    ws.set_print_fit_to_pages(1, 0);
    Ok(row + 1)
}

/// "Name: Label = points; ...". An option offered only under some context answers is
/// left out when the prefilled answers rule it out, and otherwise says when it is offered.
fn scale_summary(
    fw: &Framework,
    index: usize,
    s: &Scale,
    lang: &str,
    context: &BTreeMap<String, String>,
) -> String {
    let name = fw.text(&s.label, lang);
    let name = if name.is_empty() { s.id.as_str() } else { name };
    match (&s.numeric, s.kind) {
        (Some(n), ScaleKind::Numeric) => {
            let pts: Vec<String> = n
                .goalposts
                .iter()
                .map(|(x, y)| format!("{x} → {}", fmt_points(*y)))
                .collect();
            format!("{name}: {}", pts.join("; "))
        }
        _ => {
            let opts: Vec<String> = s
                .options
                .iter()
                .enumerate()
                .filter(|&(k, _)| fw.option_offered(index, k, context))
                .map(|(_, o)| {
                    let line = format!("{} = {}", fw.text(&o.label, lang), fmt_points(o.score));
                    match &o.applies_if {
                        Some(c) => format!(
                            "{line} ({} {})",
                            tr(lang, ["only when", "seulement si", "solo si"]),
                            super::rows::condition_text(fw, c, lang)
                        ),
                        None => line,
                    }
                })
                .collect();
            format!("{name}: {}", opts.join("; "))
        }
    }
}

fn fmt_points(score: f64) -> String {
    let p = score * 100.0;
    if (p - p.round()).abs() < 1e-9 {
        format!("{}", p.round() as i64)
    } else {
        format!("{p:.1}")
    }
}
