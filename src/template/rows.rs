//! The `Assessment` sheet: heading rows for the tree, one row per indicator (one per
//! criterion for cumulative indicators), dropdown answers, unlocked input cells.

use super::{AssessmentColumns, CellValue, Fill, Formats, TemplateOptions, protection};
use crate::i18n::Text;
use crate::i18n::{fmt, msg};
use crate::layout::Column;
use crate::rules::{Child, Framework, ScaleKind};
use crate::sheet::Grid;
use rust_xlsxwriter::{DataValidation, DataValidationErrorStyle, Formula, XlsxError};
use std::collections::BTreeMap;

pub(super) fn assessment(
    g: &mut Grid<'_>,
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
    g.text(0, idx(Column::Id), Column::Id.header(lang), &fmt.header)?;
    for (k, d) in cols.level_depths.iter().enumerate() {
        let label = fw
            .levels
            .get(*d)
            .map(|l| t(&format!("level.{}", l.id), &l.label))
            .unwrap_or_default();
        g.text(0, 1 + k as u16, label, &fmt.header)?;
        g.width(1 + k as u16, if *d == 1 { 20.0 } else { 11.0 });
    }
    for c in [
        Column::Question,
        Column::Guidance,
        Column::Answer,
        Column::Evidence,
        Column::Comment,
        Column::Responsible,
    ] {
        g.text(0, idx(c), c.header(lang), &fmt.header)?;
    }
    if cols.source {
        g.text(
            0,
            idx(Column::Source),
            Column::Source.header(lang),
            &fmt.header,
        )?;
        g.width(idx(Column::Source), 36.0);
    }
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
        g.width(idx(c), w);
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
    write_node(g, &ctx, fw.root, &mut row, &mut answer_rows, t)?;
    g.ws.set_freeze_panes(1, idx(Column::Question))?;
    g.ws.autofilter(0, 0, row.saturating_sub(1).max(1), cols.count() - 1)?;
    g.ws.protect_with_options(&protection());
    g.ws.set_landscape();
    g.ws.set_paper_size(9);
    g.ws.set_print_fit_to_pages(1, 0);
    g.ws.set_repeat_rows(0, 0)?;
    g.ws.set_margins(0.4, 0.4, 0.6, 0.6, 0.3, 0.3);
    let (start, end) = crate::sheet::style::page_sides(lang);
    g.ws.set_header(format!(
        "&{start}{}&{end}{}",
        escape_hf(fw.text(&fw.title, lang)),
        escape_hf(
            opts.prefill
                .about
                .get("unit_name")
                .map(String::as_str)
                .unwrap_or("")
        )
    ));
    g.ws.set_footer(format!(
        "&{start}{} {}&{end}{} &P / &N",
        fw.id,
        fw.version,
        msg(lang, "template.page")
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
    g: &mut Grid<'_>,
    c: &RowCtx,
    node: usize,
    row: &mut u32,
    answer_rows: &mut usize,
    t: &mut impl FnMut(&str, &Text) -> String,
) -> Result<(), XlsxError> {
    let fw = c.fw;
    let n = &fw.nodes[node];
    if !included(c, node) {
        return Ok(());
    }
    if n.parent.is_some() {
        let f = &c.fmt.group[(n.depth - 1).min(2)];
        let level = fw
            .levels
            .get(n.depth)
            .map(|l| t(&format!("level.{}", l.id), &l.label))
            .unwrap_or_default();
        let lang = c.opts.lang.as_str();
        let name = t(&n.id, &n.label);
        // "Guideline G1: ..." but "Phase: Preparedness", never "Phase preparedness:".
        let label = if n.id.chars().any(|ch| ch.is_ascii_digit()) {
            fmt(
                lang,
                "template.heading.coded",
                &[
                    ("level", level.into()),
                    ("id", n.id.as_str().into()),
                    ("label", name.into()),
                ],
            )
        } else {
            fmt(
                lang,
                "template.heading.named",
                &[("level", level.into()), ("label", name.into())],
            )
        };
        for col in 0..c.cols.count() {
            g.blank(*row, col, f)?;
        }
        g.text(*row, 0, &n.id, f)?;
        g.text(*row, c.cols.index(Column::Question), &label, f)?;
        *row += 1;
    }
    for child in &n.children {
        match *child {
            Child::Node(k) => write_node(g, c, k, row, answer_rows, t)?,
            Child::Indicator(k) => {
                let only = c.opts.prefill.only.as_ref();
                if only.is_none_or(|o| o.contains(&fw.indicators[k].id)) {
                    write_indicator(g, c, k, row, answer_rows, t)?
                }
            }
        }
    }
    Ok(())
}

/// Whether a node has a row in the workbook: some indicator under it is written (every
/// one, unless the workbook is a part).
fn included(c: &RowCtx, node: usize) -> bool {
    let Some(only) = &c.opts.prefill.only else {
        return true;
    };
    c.fw.nodes[node].children.iter().any(|ch| match *ch {
        Child::Node(k) => included(c, k),
        Child::Indicator(k) => only.contains(&c.fw.indicators[k].id),
    })
}

fn write_indicator(
    g: &mut Grid<'_>,
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
            msg(lang, "template.answer_with_a_number")
        );
    }
    let cumulative = scale.cumulative;
    if cumulative {
        guidance = format!(
            "{guidance}\n{}",
            msg(lang, "template.answer_each_criterion_below_the")
        );
    }
    g.text(*row, idx(Column::Id), &ind.id, &c.fmt.locked)?;
    // The first level by name (short: a phase or a domain), deeper ones by id: their
    // names head the group rows above, and ids keep rows short and easy to filter.
    for (j, d) in c.cols.level_depths.iter().enumerate() {
        let label = path
            .get(*d)
            .map(|&p| {
                if *d == 1 {
                    t(&fw.nodes[p].id, &fw.nodes[p].label)
                } else {
                    fw.nodes[p].id.clone()
                }
            })
            .unwrap_or_default();
        g.text(*row, 1 + j as u16, label, &c.fmt.locked_wrap)?;
    }
    let q = if ind.critical {
        format!("{question} ★")
    } else {
        question
    };
    g.text(*row, idx(Column::Question), &q, &c.fmt.locked_wrap)?;
    g.text(
        *row,
        idx(Column::Guidance),
        guidance.trim(),
        &c.fmt.locked_wrap,
    )?;
    if cumulative {
        g.text(*row, idx(Column::Answer), "", &c.fmt.computed)?;
        for col in [Column::Evidence, Column::Comment, Column::Responsible] {
            write_input(g, c, *row, idx(col), c.opts.prefill.rows.get(&ind.id), col)?;
        }
        source_cell(g, c, *row, c.opts.prefill.rows.get(&ind.id))?;
        *row += 1;
        for cr in &ind.criteria {
            let level = &scale.options[cr.level];
            let text = format!("{}: {}", fw.text(&level.label, lang), t(&cr.id, &cr.text));
            g.text(*row, idx(Column::Id), &cr.id, &c.fmt.locked)?;
            for j in 0..c.cols.level_depths.len() {
                g.blank(*row, 1 + j as u16, &c.fmt.locked)?;
            }
            g.text(*row, idx(Column::Question), &text, &c.fmt.locked_wrap)?;
            g.blank(*row, idx(Column::Guidance), &c.fmt.locked)?;
            answer_cell(g, c, *row, "criterion", c.opts.prefill.rows.get(&cr.id))?;
            for col in [Column::Evidence, Column::Comment, Column::Responsible] {
                write_input(g, c, *row, idx(col), c.opts.prefill.rows.get(&cr.id), col)?;
            }
            source_cell(g, c, *row, c.opts.prefill.rows.get(&cr.id))?;
            *row += 1;
            *answer_rows += 1;
        }
        return Ok(());
    }
    answer_cell(g, c, *row, &scale.id, c.opts.prefill.rows.get(&ind.id))?;
    for col in [Column::Evidence, Column::Comment, Column::Responsible] {
        write_input(g, c, *row, idx(col), c.opts.prefill.rows.get(&ind.id), col)?;
    }
    source_cell(g, c, *row, c.opts.prefill.rows.get(&ind.id))?;
    *row += 1;
    *answer_rows += 1;
    Ok(())
}

fn applicability_note(fw: &Framework, ind: &crate::rules::Indicator, lang: &str) -> String {
    let Some(cond) = &ind.applies_if else {
        return String::new();
    };
    format!(
        "{} {}",
        msg(lang, "template.applies_when"),
        condition_text(fw, cond, lang)
    )
}

/// A condition on the context answers in words: "Question: Answer / Answer and ...".
pub(super) fn condition_text(fw: &Framework, cond: &crate::rules::Condition, lang: &str) -> String {
    use crate::rules::Condition;
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
        Condition::Any(_) => msg(lang, "template.or"),
        _ => msg(lang, "template.and"),
    };
    parts.join(joiner)
}

fn answer_cell(
    g: &mut Grid<'_>,
    c: &RowCtx,
    row: u32,
    scale_id: &str,
    fill: Option<&Fill>,
) -> Result<(), XlsxError> {
    let col = c.cols.index(Column::Answer);
    match fill.and_then(|f| f.answer.as_ref()) {
        Some(CellValue::Text(s)) => g.text(row, col, s, &c.fmt.input)?,
        Some(CellValue::Number(x)) => g.number(row, col, *x, &c.fmt.input)?,
        None => g.blank(row, col, &c.fmt.input)?,
    };
    let lang = c.opts.lang.as_str();
    let dv = match c.list_ranges.get(scale_id) {
        Some(range) => DataValidation::new()
            .allow_list_formula(Formula::new(range.clone()))
            .set_error_style(DataValidationErrorStyle::Warning)
            .set_error_title(msg(lang, "template.answer_not_in_the_list"))?
            .set_error_message(msg(lang, "template.choose_an_answer_from_the"))?,
        None => DataValidation::new()
            .allow_any_value()
            .set_input_title(msg(lang, "template.number"))?
            .set_input_message(msg(lang, "template.type_a_number_or_not"))?,
    };
    g.ws.add_data_validation(row, col, row, col, &dv)?;
    Ok(())
}

fn write_input(
    g: &mut Grid<'_>,
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
        Some(s) => g.text(row, col, s, &c.fmt.input_wrap)?,
        None => g.blank(row, col, &c.fmt.input_wrap)?,
    };
    Ok(())
}

/// The `Source` cell of a merged workbook: written by the tool, locked.
fn source_cell(
    g: &mut Grid<'_>,
    c: &RowCtx,
    row: u32,
    fill: Option<&Fill>,
) -> Result<(), XlsxError> {
    if !c.cols.source {
        return Ok(());
    }
    let col = c.cols.index(Column::Source);
    match fill.and_then(|f| f.source.as_ref()) {
        Some(s) => g.text(row, col, s, &c.fmt.locked_wrap)?,
        None => g.blank(row, col, &c.fmt.locked_wrap)?,
    };
    Ok(())
}
