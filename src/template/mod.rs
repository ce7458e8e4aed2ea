//! The self-assessment workbook a government fills: `Instructions`, `About`,
//! `Assessment` and a hidden `Lists` sheet holding the dropdown lists.
//!
//! The same writer makes filled workbooks (fixtures, synthetic assessments) when answers
//! are given in [`Prefill`], so every fixture has exactly the template's layout.

mod instructions;
mod rows;

use crate::cells::TextCells;
use crate::i18n::{Text, msg};
use crate::layout::{
    ABOUT_FIELDS, CONTRIBUTOR, Column, SCOPE, SHEET_ABOUT, SHEET_ASSESSMENT, SHEET_INSTRUCTIONS,
    SHEET_LISTS, sheet_name, sheet_ref,
};
use crate::rules::{Framework, ScaleKind, criterion_scale};
use crate::sheet::style::creation_time;
use crate::sheet::{Grid, Style, Styles};
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
    /// Where the answer came from (`contributor | file | cell`), written in the
    /// `Source` column of a merged workbook ([`Prefill::source_column`]).
    pub source: Option<String>,
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
    /// A part of the assessment: only these indicators (ids) get rows, and the `About`
    /// sheet lists them (`scope`). `None`: every indicator. A part's contributor is
    /// `about["contributor"]`.
    pub only: Option<std::collections::BTreeSet<String>>,
    /// Write the `Source` column (a merged workbook).
    pub source_column: bool,
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

/// The prefilled context answers as option codes (a prefill may give a code, a label in
/// any language or an alias); values that match no option are left out.
fn prefilled_context(fw: &Framework, prefill: &Prefill) -> BTreeMap<String, String> {
    use crate::i18n::fold;
    let mut out = BTreeMap::new();
    for q in &fw.context {
        let Some(v) = prefill.context.get(&q.id) else {
            continue;
        };
        let f = fold(v);
        if let Some(o) = q.options.iter().find(|o| {
            fold(&o.code) == f
                || o.label.values().any(|l| fold(l) == f)
                || o.aliases.iter().any(|a| fold(a) == f)
        }) {
            out.insert(q.id.clone(), o.code.clone());
        }
    }
    out
}

pub(super) struct Formats {
    pub(super) title: Style,
    pub(super) heading: Style,
    pub(super) header: Style,
    pub(super) locked: Style,
    pub(super) locked_wrap: Style,
    pub(super) input: Style,
    pub(super) input_wrap: Style,
    pub(super) group: [Style; 3],
    pub(super) computed: Style,
    pub(super) note: Style,
}

impl Formats {
    pub(super) fn new() -> Self {
        let border = |f: Format| {
            Style::new(
                f.set_border(FormatBorder::Thin)
                    .set_border_color(Color::RGB(0xBFBFBF))
                    .set_align(FormatAlign::Top),
            )
        };
        let group = |rgb: u32| {
            border(Format::new().set_background_color(Color::RGB(rgb)))
                .bold()
                .wrapped()
        };
        let input = || {
            border(
                Format::new()
                    .set_unlocked()
                    .set_background_color(Color::RGB(0xFFF9E5)),
            )
        };
        // Titles and headers as in every report.
        let st = Styles::new();
        Formats {
            title: st.title,
            heading: st.heading,
            header: st.header,
            locked: border(Format::new()),
            locked_wrap: border(Format::new()).wrapped(),
            input: input(),
            input_wrap: input().wrapped(),
            group: [group(0xB4C6E7), group(0xD9E1F2), group(0xEDF1F9)],
            computed: border(
                Format::new()
                    .set_font_color(Color::RGB(0x595959))
                    .set_background_color(Color::RGB(0xF2F2F2)),
            )
            .italic()
            .wrapped(),
            note: Style::new(Format::new().set_align(FormatAlign::Top)).wrapped(),
        }
    }
}

/// The columns of the `Assessment` sheet in order: id, one column per intermediate
/// level of the tree, then question, guidance, answer, evidence, comment, responsible.
pub struct AssessmentColumns {
    /// Level depths shown as columns (1 to leaf depth - 1).
    pub level_depths: Vec<usize>,
    /// Whether the `Source` column is written (after the responsible entity).
    pub source: bool,
}

impl AssessmentColumns {
    /// Columns for a framework.
    pub fn new(fw: &Framework) -> Self {
        let max_depth = fw.indicators.iter().map(|i| i.depth).max().unwrap_or(1);
        AssessmentColumns {
            level_depths: (1..max_depth).collect(),
            source: false,
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
            Column::Source => 7 + n,
        }
    }

    /// Number of columns.
    pub fn count(&self) -> u16 {
        7 + self.level_depths.len() as u16 + u16::from(self.source)
    }
}

/// Builds the workbook for a framework in a language: its bytes (xlsx) and facts about
/// it.
///
///
/// ```
/// let rules = mgi::Rules::bundled();
/// let fw = rules.get("micic").unwrap();
/// let opts = mgi::TemplateOptions { lang: "fr".into(), prefill: Default::default() };
/// let (bytes, _info) = mgi::template_workbook(fw, &opts).unwrap();
/// // The blank template reads back as an assessment with nothing answered.
/// let a = mgi::Reader::new(&rules).read_bytes("blank.xlsx", &bytes, None).unwrap().remove(0);
/// assert_eq!(a.framework, "micic");
/// ```
///
/// # Errors
/// [`Error::Workbook`](crate::Error::Workbook) when the writer fails.
pub fn template_workbook(
    fw: &Framework,
    opts: &TemplateOptions,
) -> crate::Result<(Vec<u8>, TemplateInfo)> {
    let (mut wb, info) = build(fw, opts).map_err(crate::error::workbook("template"))?;
    let bytes = wb
        .save_to_buffer()
        .map_err(crate::error::workbook("template"))?;
    Ok((bytes, info))
}

fn build(fw: &Framework, opts: &TemplateOptions) -> Result<(Workbook, TemplateInfo), XlsxError> {
    let lang = opts.lang.as_str();
    let fmt = Formats::new();
    let mut wb = Workbook::new();
    let mut info = TemplateInfo::default();
    let title = fw.text(&fw.title, lang).to_string();
    wb.set_properties(
        &DocProperties::new()
            .set_title(format!(
                "{title} — {}",
                msg(lang, "template.self_assessment")
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
    // Options offered only under some context answers (SDG 10.7.2's "Partially" under
    // the self-assessment coding) leave the dropdown when the prefilled answers rule
    // them out; an unanswered question keeps them.
    let context = prefilled_context(fw, &opts.prefill);
    for (s, scale) in fw.scales.iter().chain(std::iter::once(&crit)).enumerate() {
        if scale.kind == ScaleKind::Numeric {
            continue;
        }
        let mut items: Vec<String> = scale
            .options
            .iter()
            .enumerate()
            .filter(|&(k, _)| s >= fw.scales.len() || fw.option_offered(s, k, &context))
            .map(|(_, o)| t(&format!("scale.{}.{}", scale.id, o.code), &o.label))
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
    let names: [&str; 4] = SHEETS.map(|s| sheet_name(s, lang));
    let lists_ref = sheet_ref(names[3]);
    let about_ref = sheet_ref(names[1]);
    for name in names {
        let ws = wb.add_worksheet().set_name(name)?;
        // Arabic reads from right to left: so do its sheets (as the reports').
        if lang == "ar" {
            ws.set_right_to_left(true);
        }
    }
    about(
        wb.worksheet_from_name(names[1])?,
        &lists_ref,
        fw,
        opts,
        &fmt,
        &lists,
        &mut t,
    )?;
    let mut cols = AssessmentColumns::new(fw);
    cols.source = opts.prefill.source_column;
    for (i, (id, items)) in lists.iter().enumerate() {
        let col = crate::diag::column_letter(i as u32);
        list_ranges.insert(
            id.clone(),
            format!("={lists_ref}!${col}$2:${col}${}", items.len() + 1),
        );
    }
    {
        let ws = wb.worksheet_from_name(names[2])?;
        ws.set_active(true);
        let mut g = Grid::new(ws);
        info.answer_rows = rows::assessment(&mut g, fw, opts, &fmt, &cols, &list_ranges, &mut t)?;
        g.finish()?;
    }
    {
        let ws = wb.worksheet_from_name(names[3])?;
        for (i, (id, items)) in lists.iter().enumerate() {
            let c = i as u16;
            ws.write_text(0, c, id)?;
            for (r, item) in items.iter().enumerate() {
                ws.write_text(r as u32 + 1, c, item)?;
            }
        }
        ws.set_hidden(true);
    }
    // Defined names for the About values.
    for (i, f) in ABOUT_FIELDS.iter().enumerate() {
        wb.define_name(f.key, &format!("={about_ref}!$C${}", i + 3))?;
    }
    for (k, q) in fw.context.iter().enumerate() {
        let name = format!("context_{}", q.id.replace(['-', '.'], "_"));
        wb.define_name(
            name,
            &format!("={about_ref}!$C${}", ABOUT_FIELDS.len() + 5 + k),
        )?;
    }
    info.untranslated = untranslated;
    let ws = wb.worksheet_from_name(names[0])?;
    let mut g = Grid::new(ws);
    let row = instructions::instructions(&mut g, fw, lang, &fmt, &title, &context)?;
    if !info.untranslated.is_empty() {
        g.text(
            row + 1,
            0,
            msg(lang, "template.texts_not_yet_translated_shown"),
            &fmt.heading,
        )?;
        let ids = info.untranslated.join(", ");
        g.text(row + 2, 0, &ids, &fmt.note)?;
    }
    g.finish()?;
    Ok((wb, info))
}

#[allow(clippy::too_many_arguments)]
fn about(
    ws: &mut Worksheet,
    lists_ref: &str,
    fw: &Framework,
    opts: &TemplateOptions,
    fmt: &Formats,
    lists: &[(String, Vec<String>)],
    t: &mut impl FnMut(&str, &Text) -> String,
) -> Result<(), XlsxError> {
    let lang = opts.lang.as_str();
    let mut g = Grid::new(ws);
    g.width(0, 14.0);
    g.width(1, 38.0);
    g.width(2, 40.0);
    g.width(3, 50.0);
    g.text(
        0,
        0,
        msg(lang, "template.about_this_assessment"),
        &fmt.title,
    )?;
    let headers = [
        "template.about_header.key",
        "template.about_header.field",
        "template.about_header.value",
        "template.about_header.help",
    ];
    for (c, h) in headers.iter().enumerate() {
        g.text(1, c as u16, msg(lang, h), &fmt.header)?;
    }
    let levels = [
        msg(lang, "template.level.country"),
        msg(lang, "template.level.province"),
        msg(lang, "template.level.city"),
    ];
    for (i, f) in ABOUT_FIELDS.iter().enumerate() {
        let row = i as u32 + 2;
        g.text(row, 0, f.key, &fmt.locked)?;
        g.text(row, 1, f.label(lang), &fmt.locked)?;
        let fixed = match f.key {
            "framework" => Some(fw.id.clone()),
            "version" => Some(fw.version.clone()),
            "language" => Some(opts.lang.clone()),
            _ => None,
        };
        match fixed {
            Some(v) => g.text(row, 2, v, &fmt.locked)?,
            None => match opts.prefill.about.get(f.key) {
                // A level given in English is written in the template's language.
                Some(v) if f.key == "unit_level" => {
                    let k = ["country", "province", "city"].iter().position(|l| l == v);
                    g.text(row, 2, k.map(|k| levels[k]).unwrap_or(v), &fmt.input)?
                }
                Some(v) => g.text(row, 2, v, &fmt.input)?,
                None => g.blank(row, 2, &fmt.input)?,
            },
        };
        g.text(row, 3, f.help(lang), &fmt.note)?;
    }
    let level_row = 2 + ABOUT_FIELDS
        .iter()
        .position(|f| f.key == "unit_level")
        .unwrap_or(2) as u32;
    g.ws.add_data_validation(
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
        g.text(
            row,
            0,
            msg(lang, "template.context_questions"),
            &fmt.heading,
        )?;
        row += 1;
        for q in &fw.context {
            g.text(row, 0, &q.id, &fmt.locked)?;
            g.text(
                row,
                1,
                t(&format!("context.{}", q.id), &q.question),
                &fmt.locked_wrap,
            )?;
            match opts.prefill.context.get(&q.id) {
                Some(v) => g.text(row, 2, v, &fmt.input)?,
                None => g.blank(row, 2, &fmt.input)?,
            };
            let options: Vec<String> = q
                .options
                .iter()
                .map(|o| t(&format!("context.{}.{}", q.id, o.code), &o.label))
                .collect();
            g.text(row, 3, options.join(" / "), &fmt.note)?;
            if let Some(i) = lists
                .iter()
                .position(|(id, _)| id == &format!("context:{}", q.id))
            {
                let col = crate::diag::column_letter(i as u32);
                let n = lists[i].1.len() + 1;
                g.ws.add_data_validation(
                    row,
                    2,
                    row,
                    2,
                    &DataValidation::new().allow_list_formula(Formula::new(format!(
                        "={lists_ref}!${col}$2:${col}${n}"
                    ))),
                )?;
            }
            row += 1;
        }
    }
    part_fields(&mut g, fw, opts, fmt, row)?;
    g.ws.set_freeze_panes(2, 0)?;
    g.ws.protect_with_options(&protection());
    g.ws.set_landscape();
    g.ws.set_paper_size(9);
    g.ws.set_print_fit_to_pages(1, 0);
    g.finish()
}

/// The rows of the `About` sheet that mark a part of an assessment, after the context
/// questions: `contributor` (the body that fills it) and `scope` (its indicators).
/// Written only in a part, so a whole template keeps its layout.
fn part_fields(
    g: &mut Grid<'_>,
    fw: &Framework,
    opts: &TemplateOptions,
    fmt: &Formats,
    row: u32,
) -> Result<(), XlsxError> {
    let lang = opts.lang.as_str();
    let contributor = opts.prefill.about.get(CONTRIBUTOR.key);
    if contributor.is_none() && opts.prefill.only.is_none() {
        return Ok(());
    }
    let mut row = row + 1;
    g.text(row, 0, msg(lang, "template.this_part"), &fmt.heading)?;
    row += 1;
    g.text(row, 0, CONTRIBUTOR.key, &fmt.locked)?;
    g.text(row, 1, CONTRIBUTOR.label(lang), &fmt.locked)?;
    match contributor {
        Some(v) => g.text(row, 2, v, &fmt.input)?,
        None => g.blank(row, 2, &fmt.input)?,
    };
    g.text(row, 3, CONTRIBUTOR.help(lang), &fmt.note)?;
    if let Some(only) = &opts.prefill.only {
        row += 1;
        let ids: Vec<&str> = fw
            .indicators_in_tree_order()
            .into_iter()
            .map(|i| fw.indicators[i].id.as_str())
            .filter(|id| only.contains(*id))
            .collect();
        g.text(row, 0, SCOPE.key, &fmt.locked)?;
        g.text(row, 1, SCOPE.label(lang), &fmt.locked)?;
        g.text(row, 2, ids.join(", "), &fmt.locked_wrap)?;
        g.text(row, 3, SCOPE.help(lang), &fmt.note)?;
    }
    Ok(())
}

pub(super) fn protection() -> ProtectionOptions {
    ProtectionOptions {
        format_columns: true,
        format_rows: true,
        use_autofilter: true,
        ..ProtectionOptions::default()
    }
}

/// The sheet names of a template, in order.
pub const SHEETS: [&str; 4] = [
    SHEET_INSTRUCTIONS,
    SHEET_ABOUT,
    SHEET_ASSESSMENT,
    SHEET_LISTS,
];
