//! The self-assessment workbook a government fills: `Instructions`, `About`,
//! `Assessment` and a hidden `Lists` sheet holding the dropdown lists.
//!
//! The same writer makes filled workbooks (fixtures, synthetic assessments) when answers
//! are given in [`Prefill`], so every fixture has exactly the template's layout.

use crate::i18n::Text;
use crate::layout::{
    ABOUT_FIELDS, Column, SHEET_ABOUT, SHEET_ASSESSMENT, SHEET_INSTRUCTIONS, SHEET_LISTS,
    lang_index,
};
use crate::report::style::{creation_time, wrapped_lines};
use crate::rules::{Child, Framework, Scale, ScaleKind, criterion_scale};
use rust_xlsxwriter::{
    Color, DataValidation, DataValidationErrorStyle, DocProperties, Format, FormatAlign,
    FormatBorder, Formula, ProtectionOptions, Workbook, Worksheet, XlsxError,
};
use std::collections::BTreeMap;

/// A value written into an answer cell.
#[derive(Debug, Clone, PartialEq)]
pub enum CellValue {
    /// Text (a code, a label, an alias...).
    Text(String),
    /// A number.
    Number(f64),
}

/// What one row of the `Assessment` sheet is filled with.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Fill {
    /// The answer cell.
    pub answer: Option<CellValue>,
    /// Evidence or source.
    pub evidence: Option<String>,
    /// Comment.
    pub comment: Option<String>,
    /// Responsible entity.
    pub responsible: Option<String>,
}

/// Values written into the template before anyone opens it.
#[derive(Debug, Clone, Default)]
pub struct Prefill {
    /// `About` fields by key (`unit_code`, `period`...). `framework`, `version` and
    /// `language` are always written by the tool.
    pub about: BTreeMap<String, String>,
    /// Context answers by question id (codes or labels).
    pub context: BTreeMap<String, String>,
    /// Rows by indicator or criterion id.
    pub rows: BTreeMap<String, Fill>,
}

/// Options of [`template_workbook`].
#[derive(Debug, Clone)]
pub struct TemplateOptions {
    /// Language of the workbook (one of the framework's languages).
    pub lang: String,
    /// Prefilled values.
    pub prefill: Prefill,
}

/// Facts about a written template.
#[derive(Debug, Clone, Default)]
pub struct TemplateInfo {
    /// Rows of the `Assessment` sheet that take an answer (indicators and criteria).
    pub answer_rows: usize,
    /// Ids whose text was not available in the chosen language.
    pub untranslated: Vec<String>,
}

fn tr<'a>(lang: &str, t: [&'a str; 3]) -> &'a str {
    t[lang_index(lang)]
}

struct Formats {
    title: Format,
    heading: Format,
    header: Format,
    locked: Format,
    locked_wrap: Format,
    input: Format,
    input_wrap: Format,
    group: [Format; 3],
    computed: Format,
    note: Format,
}

impl Formats {
    fn new() -> Self {
        let border = |f: Format| {
            f.set_border(FormatBorder::Thin)
                .set_border_color(Color::RGB(0xBFBFBF))
        };
        let group = |rgb: u32| {
            border(
                Format::new()
                    .set_bold()
                    .set_background_color(Color::RGB(rgb))
                    .set_text_wrap()
                    .set_align(FormatAlign::Top),
            )
        };
        Formats {
            title: Format::new()
                .set_bold()
                .set_font_size(16)
                .set_font_color(Color::RGB(0x1F3864)),
            heading: Format::new()
                .set_bold()
                .set_font_size(12)
                .set_font_color(Color::RGB(0x1F3864)),
            header: border(
                Format::new()
                    .set_bold()
                    .set_font_color(Color::White)
                    .set_background_color(Color::RGB(0x1F3864))
                    .set_text_wrap()
                    .set_align(FormatAlign::Top),
            ),
            locked: border(Format::new().set_align(FormatAlign::Top)),
            locked_wrap: border(Format::new().set_text_wrap().set_align(FormatAlign::Top)),
            input: border(
                Format::new()
                    .set_unlocked()
                    .set_background_color(Color::RGB(0xFFF9E5))
                    .set_align(FormatAlign::Top),
            ),
            input_wrap: border(
                Format::new()
                    .set_unlocked()
                    .set_text_wrap()
                    .set_background_color(Color::RGB(0xFFF9E5))
                    .set_align(FormatAlign::Top),
            ),
            group: [group(0xB4C6E7), group(0xD9E1F2), group(0xEDF1F9)],
            computed: border(
                Format::new()
                    .set_italic()
                    .set_font_color(Color::RGB(0x595959))
                    .set_background_color(Color::RGB(0xF2F2F2))
                    .set_text_wrap()
                    .set_align(FormatAlign::Top),
            ),
            note: Format::new().set_text_wrap().set_align(FormatAlign::Top),
        }
    }
}

/// The columns of the `Assessment` sheet in order: id, one column per intermediate
/// level of the tree, then question, guidance, answer, evidence, comment, responsible.
pub struct AssessmentColumns {
    /// Level depths shown as columns (1 to leaf depth - 1).
    pub level_depths: Vec<usize>,
}

impl AssessmentColumns {
    /// Columns for a framework.
    pub fn new(fw: &Framework) -> Self {
        let max_depth = fw.indicators.iter().map(|i| i.depth).max().unwrap_or(1);
        AssessmentColumns {
            level_depths: (1..max_depth).collect(),
        }
    }

    /// 0-based column index of a read column.
    pub fn index(&self, c: Column) -> u16 {
        let n = self.level_depths.len() as u16;
        match c {
            Column::Id => 0,
            Column::Question => 1 + n,
            Column::Guidance => 2 + n,
            Column::Answer => 3 + n,
            Column::Evidence => 4 + n,
            Column::Comment => 5 + n,
            Column::Responsible => 6 + n,
        }
    }

    /// Number of columns.
    pub fn count(&self) -> u16 {
        7 + self.level_depths.len() as u16
    }
}

/// Builds the workbook for a framework in a language. Errors only come from the writer.
pub fn template_workbook(
    fw: &Framework,
    opts: &TemplateOptions,
) -> Result<(Workbook, TemplateInfo), XlsxError> {
    let lang = opts.lang.as_str();
    let fmt = Formats::new();
    let mut wb = Workbook::new();
    let mut info = TemplateInfo::default();
    let title = fw.text(&fw.title, lang).to_string();
    wb.set_properties(
        &DocProperties::new()
            .set_title(format!(
                "{title} — {}",
                tr(
                    lang,
                    ["self-assessment", "auto-évaluation", "autoevaluación"]
                )
            ))
            .set_author("mgi")
            .set_comment(format!("framework {} {}", fw.id, fw.version))
            .set_creation_datetime(&creation_time(
                opts.prefill
                    .about
                    .get("date")
                    .map(String::as_str)
                    .unwrap_or(""),
                opts.prefill
                    .about
                    .get("period")
                    .map(String::as_str)
                    .unwrap_or(""),
            )),
    );
    let mut untranslated = Vec::new();
    let mut t = |id: &str, text: &Text| -> String {
        let (s, ok) = text.resolve(lang, &fw.languages);
        if !ok && !s.is_empty() && !untranslated.contains(&id.to_string()) {
            untranslated.push(id.to_string());
        }
        s.to_string()
    };

    // Lists: one column per scale (labels in the chosen language), then special answers.
    let mut list_ranges: BTreeMap<String, String> = BTreeMap::new();
    let mut lists: Vec<(String, Vec<String>)> = Vec::new();
    let special = [
        t("special.na", &fw.special.not_applicable.label),
        t("special.dk", &fw.special.dont_know.label),
    ];
    let crit = criterion_scale();
    for scale in fw.scales.iter().chain(std::iter::once(&crit)) {
        if scale.kind == ScaleKind::Numeric {
            continue;
        }
        let mut items: Vec<String> = scale
            .options
            .iter()
            .map(|o| t(&format!("scale.{}.{}", scale.id, o.code), &o.label))
            .collect();
        items.extend(special.iter().cloned());
        lists.push((scale.id.clone(), items));
    }
    for q in &fw.context {
        let items: Vec<String> = q
            .options
            .iter()
            .map(|o| t(&format!("context.{}.{}", q.id, o.code), &o.label))
            .collect();
        lists.push((format!("context:{}", q.id), items));
    }

    // Sheets in their order; Instructions is filled last, once every text was seen.
    for name in SHEETS {
        wb.add_worksheet().set_name(name)?;
    }
    about(
        wb.worksheet_from_name(SHEET_ABOUT)?,
        fw,
        opts,
        &fmt,
        &lists,
        &mut t,
    )?;
    let cols = AssessmentColumns::new(fw);
    for (i, (id, items)) in lists.iter().enumerate() {
        let col = col_letter(i as u16);
        list_ranges.insert(
            id.clone(),
            format!("={SHEET_LISTS}!${col}$2:${col}${}", items.len() + 1),
        );
    }
    {
        let ws = wb.worksheet_from_name(SHEET_ASSESSMENT)?;
        info.answer_rows = assessment(ws, fw, opts, &fmt, &cols, &list_ranges, &mut t)?;
        ws.set_active(true);
    }
    {
        let ws = wb.worksheet_from_name(SHEET_LISTS)?;
        for (i, (id, items)) in lists.iter().enumerate() {
            let c = i as u16;
            ws.write_string(0, c, id)?;
            for (r, item) in items.iter().enumerate() {
                ws.write_string(r as u32 + 1, c, item)?;
            }
        }
        ws.set_hidden(true);
    }
    // Defined names for the About values.
    for (i, f) in ABOUT_FIELDS.iter().enumerate() {
        wb.define_name(f.key, &format!("={SHEET_ABOUT}!$C${}", i + 3))?;
    }
    for (k, q) in fw.context.iter().enumerate() {
        let name = format!("context_{}", q.id.replace(['-', '.'], "_"));
        wb.define_name(
            name,
            &format!("={SHEET_ABOUT}!$C${}", ABOUT_FIELDS.len() + 5 + k),
        )?;
    }
    info.untranslated = untranslated;
    let ws = wb.worksheet_from_name(SHEET_INSTRUCTIONS)?;
    let row = instructions(ws, fw, lang, &fmt, &title)?;
    if !info.untranslated.is_empty() {
        ws.write_string_with_format(
            row + 1,
            0,
            tr(
                lang,
                [
                    "Texts not yet translated (shown in the framework's first language):",
                    "Textes pas encore traduits (affichés dans la première langue du cadre) :",
                    "Textos aún no traducidos (se muestran en el primer idioma del marco):",
                ],
            ),
            &fmt.heading,
        )?;
        let ids = info.untranslated.join(", ");
        ws.write_string_with_format(row + 2, 0, &ids, &fmt.note)?;
        ws.set_row_height(row + 2, 15.0 * wrapped_lines(&ids, 110.0) as f64)?;
    }
    Ok((wb, info))
}

fn col_letter(col: u16) -> String {
    let a1 = crate::diag::a1(0, col as u32);
    a1.trim_end_matches('1').to_string()
}

fn instructions(
    ws: &mut Worksheet,
    fw: &Framework,
    lang: &str,
    fmt: &Formats,
    title: &str,
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
    for s in &fw.scales {
        let text = scale_summary(fw, s, lang);
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

fn scale_summary(fw: &Framework, s: &Scale, lang: &str) -> String {
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
                .map(|o| format!("{} = {}", fw.text(&o.label, lang), fmt_points(o.score)))
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

fn about(
    ws: &mut Worksheet,
    fw: &Framework,
    opts: &TemplateOptions,
    fmt: &Formats,
    lists: &[(String, Vec<String>)],
    t: &mut impl FnMut(&str, &Text) -> String,
) -> Result<(), XlsxError> {
    let lang = opts.lang.as_str();
    ws.set_column_width(0, 14)?;
    ws.set_column_width(1, 38)?;
    ws.set_column_width(2, 40)?;
    ws.set_column_width(3, 50)?;
    ws.write_string_with_format(
        0,
        0,
        tr(
            lang,
            [
                "About this assessment",
                "À propos de cette évaluation",
                "Acerca de esta evaluación",
            ],
        ),
        &fmt.title,
    )?;
    let headers = [
        ["Key", "Clé", "Clave"],
        ["Field", "Champ", "Campo"],
        ["Value", "Valeur", "Valor"],
        ["Help", "Aide", "Ayuda"],
    ];
    for (c, h) in headers.iter().enumerate() {
        ws.write_string_with_format(1, c as u16, tr(lang, *h), &fmt.header)?;
    }
    for (i, f) in ABOUT_FIELDS.iter().enumerate() {
        let row = i as u32 + 2;
        ws.write_string_with_format(row, 0, f.key, &fmt.locked)?;
        ws.write_string_with_format(row, 1, tr(lang, f.labels), &fmt.locked)?;
        let fixed = match f.key {
            "framework" => Some(fw.id.clone()),
            "version" => Some(fw.version.clone()),
            "language" => Some(opts.lang.clone()),
            _ => None,
        };
        match fixed {
            Some(v) => ws.write_string_with_format(row, 2, v, &fmt.locked)?,
            None => match opts.prefill.about.get(f.key) {
                Some(v) => ws.write_string_with_format(row, 2, v, &fmt.input)?,
                None => ws.write_blank(row, 2, &fmt.input)?,
            },
        };
        ws.write_string_with_format(row, 3, tr(lang, f.help), &fmt.note)?;
    }
    let level_row = 2 + ABOUT_FIELDS
        .iter()
        .position(|f| f.key == "unit_level")
        .unwrap_or(2) as u32;
    let levels = match lang {
        "fr" => ["pays", "province", "ville"],
        "es" => ["país", "provincia", "ciudad"],
        _ => ["country", "province", "city"],
    };
    ws.add_data_validation(
        level_row,
        2,
        level_row,
        2,
        &DataValidation::new()
            .allow_list_strings(&levels)?
            .set_error_style(DataValidationErrorStyle::Warning),
    )?;
    let mut row = ABOUT_FIELDS.len() as u32 + 3;
    if !fw.context.is_empty() {
        ws.write_string_with_format(
            row,
            0,
            tr(
                lang,
                [
                    "Context questions",
                    "Questions de contexte",
                    "Preguntas de contexto",
                ],
            ),
            &fmt.heading,
        )?;
        row += 1;
        for (k, q) in fw.context.iter().enumerate() {
            ws.write_string_with_format(row, 0, &q.id, &fmt.locked)?;
            ws.write_string_with_format(
                row,
                1,
                t(&format!("context.{}", q.id), &q.question),
                &fmt.locked_wrap,
            )?;
            match opts.prefill.context.get(&q.id) {
                Some(v) => ws.write_string_with_format(row, 2, v, &fmt.input)?,
                None => ws.write_blank(row, 2, &fmt.input)?,
            };
            let options: Vec<String> = q
                .options
                .iter()
                .map(|o| t(&format!("context.{}.{}", q.id, o.code), &o.label))
                .collect();
            ws.write_string_with_format(row, 3, options.join(" / "), &fmt.note)?;
            if let Some(i) = lists
                .iter()
                .position(|(id, _)| id == &format!("context:{}", q.id))
            {
                let col = col_letter(i as u16);
                let n = lists[i].1.len() + 1;
                ws.add_data_validation(
                    row,
                    2,
                    row,
                    2,
                    &DataValidation::new().allow_list_formula(Formula::new(format!(
                        "={SHEET_LISTS}!${col}$2:${col}${n}"
                    ))),
                )?;
            }
            let _ = k;
            row += 1;
        }
    }
    ws.set_freeze_panes(2, 0)?;
    ws.protect_with_options(&protection());
    ws.set_landscape();
    ws.set_paper_size(9);
    ws.set_print_fit_to_pages(1, 0);
    Ok(())
}

fn protection() -> ProtectionOptions {
    ProtectionOptions {
        format_columns: true,
        format_rows: true,
        use_autofilter: true,
        ..ProtectionOptions::default()
    }
}

fn assessment(
    ws: &mut Worksheet,
    fw: &Framework,
    opts: &TemplateOptions,
    fmt: &Formats,
    cols: &AssessmentColumns,
    list_ranges: &BTreeMap<String, String>,
    t: &mut impl FnMut(&str, &Text) -> String,
) -> Result<usize, XlsxError> {
    let lang = opts.lang.as_str();
    let idx = |c: Column| cols.index(c);
    // Headers.
    ws.write_string_with_format(0, idx(Column::Id), Column::Id.header(lang), &fmt.header)?;
    for (k, d) in cols.level_depths.iter().enumerate() {
        let label = fw
            .levels
            .get(*d)
            .map(|l| t(&format!("level.{}", l.id), &l.label))
            .unwrap_or_default();
        ws.write_string_with_format(0, 1 + k as u16, label, &fmt.header)?;
        ws.set_column_width(1 + k as u16, 22)?;
    }
    for c in [
        Column::Question,
        Column::Guidance,
        Column::Answer,
        Column::Evidence,
        Column::Comment,
        Column::Responsible,
    ] {
        ws.write_string_with_format(0, idx(c), c.header(lang), &fmt.header)?;
    }
    ws.set_row_height(0, 32)?;
    let widths = [
        (Column::Id, 11.0),
        (Column::Question, 58.0),
        (Column::Guidance, 46.0),
        (Column::Answer, 22.0),
        (Column::Evidence, 34.0),
        (Column::Comment, 30.0),
        (Column::Responsible, 20.0),
    ];
    for (c, w) in widths {
        ws.set_column_width(idx(c), w)?;
    }
    let mut row: u32 = 1;
    let mut answer_rows = 0;
    let ctx = RowCtx {
        fw,
        opts,
        fmt,
        cols,
        list_ranges,
    };
    write_node(ws, &ctx, fw.root, &mut row, &mut answer_rows, t)?;
    ws.set_freeze_panes(1, idx(Column::Question))?;
    ws.autofilter(0, 0, row.saturating_sub(1).max(1), cols.count() - 1)?;
    ws.protect_with_options(&protection());
    ws.set_landscape();
    ws.set_paper_size(9);
    ws.set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(0, 0)?;
    ws.set_margins(0.4, 0.4, 0.6, 0.6, 0.3, 0.3);
    ws.set_header(format!(
        "&L{}&R{}",
        escape_hf(fw.text(&fw.title, lang)),
        escape_hf(
            opts.prefill
                .about
                .get("unit_name")
                .map(String::as_str)
                .unwrap_or("")
        )
    ));
    ws.set_footer(format!(
        "&L{} {}&R{} &P / &N",
        fw.id,
        fw.version,
        tr(lang, ["Page", "Page", "Página"])
    ));
    Ok(answer_rows)
}

fn escape_hf(s: &str) -> String {
    s.replace('&', "&&")
}

struct RowCtx<'a> {
    fw: &'a Framework,
    opts: &'a TemplateOptions,
    fmt: &'a Formats,
    cols: &'a AssessmentColumns,
    list_ranges: &'a BTreeMap<String, String>,
}

fn write_node(
    ws: &mut Worksheet,
    c: &RowCtx,
    node: usize,
    row: &mut u32,
    answer_rows: &mut usize,
    t: &mut impl FnMut(&str, &Text) -> String,
) -> Result<(), XlsxError> {
    let fw = c.fw;
    let n = &fw.nodes[node];
    if n.parent.is_some() {
        let f = &c.fmt.group[(n.depth - 1).min(2)];
        let level = fw
            .levels
            .get(n.depth)
            .map(|l| t(&format!("level.{}", l.id), &l.label))
            .unwrap_or_default();
        let label = format!("{level} {}: {}", n.id, t(&n.id, &n.label));
        for col in 0..c.cols.count() {
            ws.write_blank(*row, col, f)?;
        }
        ws.write_string_with_format(*row, 0, &n.id, f)?;
        ws.write_string_with_format(*row, c.cols.index(Column::Question), &label, f)?;
        ws.set_row_height(*row, 15.0 * wrapped_lines(&label, 58.0) as f64 + 2.0)?;
        *row += 1;
    }
    for child in &n.children {
        match *child {
            Child::Node(k) => write_node(ws, c, k, row, answer_rows, t)?,
            Child::Indicator(k) => write_indicator(ws, c, k, row, answer_rows, t)?,
        }
    }
    Ok(())
}

fn write_indicator(
    ws: &mut Worksheet,
    c: &RowCtx,
    k: usize,
    row: &mut u32,
    answer_rows: &mut usize,
    t: &mut impl FnMut(&str, &Text) -> String,
) -> Result<(), XlsxError> {
    let fw = c.fw;
    let lang = c.opts.lang.as_str();
    let ind = &fw.indicators[k];
    let scale = &fw.scales[ind.scale];
    let idx = |col: Column| c.cols.index(col);
    let path = fw.path_to(ind.parent);
    let question = t(&ind.id, &ind.question);
    let mut guidance = t(&format!("{}.guidance", ind.id), &ind.guidance);
    if ind.applies_if.is_some() {
        let cond = applicability_note(fw, ind, lang);
        guidance = if guidance.is_empty() {
            cond
        } else {
            format!("{guidance}\n{cond}")
        };
    }
    if let (Some(n), ScaleKind::Numeric) = (&scale.numeric, scale.kind) {
        let unit = fw.text(&n.unit, lang);
        let range = match (n.min, n.max) {
            (Some(a), Some(b)) => format!(" ({a}–{b} {unit})"),
            _ => format!(" ({unit})"),
        };
        guidance = format!(
            "{guidance}\n{}{range}",
            tr(
                lang,
                [
                    "Answer with a number",
                    "Répondez par un nombre",
                    "Responda con un número"
                ]
            )
        );
    }
    let cumulative = scale.cumulative;
    if cumulative {
        guidance = format!(
            "{guidance}\n{}",
            tr(
                lang,
                [
                    "Answer each criterion below; the level is computed from them.",
                    "Répondez à chaque critère ci-dessous ; le niveau en est déduit.",
                    "Responda cada criterio a continuación; el nivel se calcula a partir de ellos."
                ]
            )
        );
    }
    ws.write_string_with_format(*row, idx(Column::Id), &ind.id, &c.fmt.locked)?;
    for (j, d) in c.cols.level_depths.iter().enumerate() {
        let label = path
            .get(*d)
            .map(|&p| t(&fw.nodes[p].id, &fw.nodes[p].label))
            .unwrap_or_default();
        ws.write_string_with_format(*row, 1 + j as u16, label, &c.fmt.locked_wrap)?;
    }
    let q = if ind.critical {
        format!("{question} ★")
    } else {
        question
    };
    ws.write_string_with_format(*row, idx(Column::Question), &q, &c.fmt.locked_wrap)?;
    ws.write_string_with_format(
        *row,
        idx(Column::Guidance),
        guidance.trim(),
        &c.fmt.locked_wrap,
    )?;
    let lines = wrapped_lines(&q, 58.0).max(wrapped_lines(guidance.trim(), 46.0));
    ws.set_row_height(*row, (15.0 * lines as f64).min(300.0))?;
    if cumulative {
        ws.write_string_with_format(*row, idx(Column::Answer), "", &c.fmt.computed)?;
        for col in [Column::Evidence, Column::Comment, Column::Responsible] {
            write_input(ws, c, *row, idx(col), c.opts.prefill.rows.get(&ind.id), col)?;
        }
        *row += 1;
        for cr in &ind.criteria {
            let level = &scale.options[cr.level];
            let text = format!("{}: {}", fw.text(&level.label, lang), t(&cr.id, &cr.text));
            ws.write_string_with_format(*row, idx(Column::Id), &cr.id, &c.fmt.locked)?;
            for j in 0..c.cols.level_depths.len() {
                ws.write_blank(*row, 1 + j as u16, &c.fmt.locked)?;
            }
            ws.write_string_with_format(*row, idx(Column::Question), &text, &c.fmt.locked_wrap)?;
            ws.write_blank(*row, idx(Column::Guidance), &c.fmt.locked)?;
            ws.set_row_height(*row, 15.0 * wrapped_lines(&text, 58.0) as f64)?;
            answer_cell(ws, c, *row, "criterion", c.opts.prefill.rows.get(&cr.id))?;
            for col in [Column::Evidence, Column::Comment, Column::Responsible] {
                write_input(ws, c, *row, idx(col), c.opts.prefill.rows.get(&cr.id), col)?;
            }
            *row += 1;
            *answer_rows += 1;
        }
        return Ok(());
    }
    answer_cell(ws, c, *row, &scale.id, c.opts.prefill.rows.get(&ind.id))?;
    for col in [Column::Evidence, Column::Comment, Column::Responsible] {
        write_input(ws, c, *row, idx(col), c.opts.prefill.rows.get(&ind.id), col)?;
    }
    *row += 1;
    *answer_rows += 1;
    Ok(())
}

fn applicability_note(fw: &Framework, ind: &crate::rules::Indicator, lang: &str) -> String {
    use crate::rules::Condition;
    let Some(cond) = &ind.applies_if else {
        return String::new();
    };
    let describe = |t: &crate::rules::Test| -> String {
        let q = fw.context.iter().find(|q| q.id == t.question);
        let labels: Vec<String> = t
            .codes
            .iter()
            .map(|code| {
                q.and_then(|q| q.options.iter().find(|o| &o.code == code))
                    .map(|o| fw.text(&o.label, lang).to_string())
                    .unwrap_or_else(|| code.clone())
            })
            .collect();
        let qtext = q
            .map(|q| fw.text(&q.question, lang).to_string())
            .unwrap_or_else(|| t.question.clone());
        format!("{qtext}: {}", labels.join(" / "))
    };
    let parts: Vec<String> = cond.tests().iter().map(describe).collect();
    let joiner = match cond {
        Condition::Any(_) => tr(lang, [" or ", " ou ", " o "]),
        _ => tr(lang, [" and ", " et ", " y "]),
    };
    format!(
        "{} {}",
        tr(lang, ["Applies when", "S'applique si", "Se aplica si"]),
        parts.join(joiner)
    )
}

fn answer_cell(
    ws: &mut Worksheet,
    c: &RowCtx,
    row: u32,
    scale_id: &str,
    fill: Option<&Fill>,
) -> Result<(), XlsxError> {
    let col = c.cols.index(Column::Answer);
    match fill.and_then(|f| f.answer.as_ref()) {
        Some(CellValue::Text(s)) => ws.write_string_with_format(row, col, s, &c.fmt.input)?,
        Some(CellValue::Number(x)) => ws.write_number_with_format(row, col, *x, &c.fmt.input)?,
        None => ws.write_blank(row, col, &c.fmt.input)?,
    };
    let lang = c.opts.lang.as_str();
    let dv = match c.list_ranges.get(scale_id) {
        Some(range) => DataValidation::new()
            .allow_list_formula(Formula::new(range.clone()))
            .set_error_style(DataValidationErrorStyle::Warning)
            .set_error_title(tr(
                lang,
                [
                    "Answer not in the list",
                    "Réponse hors liste",
                    "Respuesta fuera de la lista",
                ],
            ))?
            .set_error_message(tr(
                lang,
                [
                    "Choose an answer from the list (or type a known code).",
                    "Choisissez une réponse dans la liste (ou saisissez un code connu).",
                    "Elija una respuesta de la lista (o escriba un código conocido).",
                ],
            ))?,
        None => DataValidation::new()
            .allow_any_value()
            .set_input_title(tr(lang, ["Number", "Nombre", "Número"]))?
            .set_input_message(tr(
                lang,
                [
                    "Type a number, or Not applicable / Don't know.",
                    "Saisissez un nombre, ou Sans objet / Ne sait pas.",
                    "Escriba un número, o No aplica / No sabe.",
                ],
            ))?,
    };
    ws.add_data_validation(row, col, row, col, &dv)?;
    Ok(())
}

fn write_input(
    ws: &mut Worksheet,
    c: &RowCtx,
    row: u32,
    col: u16,
    fill: Option<&Fill>,
    which: Column,
) -> Result<(), XlsxError> {
    let text = fill.and_then(|f| match which {
        Column::Evidence => f.evidence.as_ref(),
        Column::Comment => f.comment.as_ref(),
        Column::Responsible => f.responsible.as_ref(),
        _ => None,
    });
    match text {
        Some(s) => ws.write_string_with_format(row, col, s, &c.fmt.input_wrap)?,
        None => ws.write_blank(row, col, &c.fmt.input_wrap)?,
    };
    Ok(())
}

/// The column index of a read column in a template made for `fw` (0-based).
pub fn column_index(fw: &Framework, c: Column) -> u16 {
    AssessmentColumns::new(fw).index(c)
}

/// The sheet names of a template, in order.
pub const SHEETS: [&str; 4] = [
    SHEET_INSTRUCTIONS,
    SHEET_ABOUT,
    SHEET_ASSESSMENT,
    SHEET_LISTS,
];
