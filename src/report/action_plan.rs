//! The `Action plan` sheet of the gap report (A4 landscape, printable): one row per
//! recommended action of every gap, grouped under a heading row per gap in priority
//! order, with the lead and supporting stakeholders, the tools and sample practices
//! that fit the assessment, and owner, target date and status columns for the country
//! to fill (status from a dropdown). A gap without a recommended action still gets a
//! row, so that it can be planned.

use super::gap_register::{bullet, guideline_texts, practice_texts, tool_labels};
use super::labels::{Label as L, t};
use super::style::sheet_setup;
use crate::guidance::Guidance;
use crate::i18n::{Arg, fmt, msg};
use crate::results::Results;
use crate::rules::Framework;
use crate::sheet::{Grid, Styles};
use rust_xlsxwriter::{DataValidation, DataValidationErrorStyle, Worksheet, XlsxError};

/// The columns: rank, action, lead, supporting stakeholders, tools, sample practice,
/// owner, target date, status.
const WIDTHS: [f64; 9] = [5.0, 44.0, 20.0, 24.0, 28.0, 34.0, 16.0, 12.0, 14.0];

/// Writes the Action plan sheet. `plan` is the guidance of every gap, in rank order.
pub fn write_action_plan(
    ws: &mut Worksheet,
    fw: &Framework,
    r: &Results,
    plan: &[Guidance],
    lang: &str,
) -> Result<(), XlsxError> {
    let st = Styles::new();
    let mut g = Grid::new(ws);
    let headers = [
        "#",
        msg(lang, "label.actions"),
        msg(lang, "gap.lead"),
        msg(lang, "gap.supporting"),
        t(lang, L::Tools),
        msg(lang, "gap.plan.practice"),
        t(lang, L::Owner),
        t(lang, L::TargetDate),
        t(lang, L::PlanStatus),
    ];
    let last = headers.len() as u16 - 1;
    for (c, (h, w)) in headers.iter().zip(WIDTHS).enumerate() {
        g.fixed_width(c as u16, w);
        g.text(0, c as u16, *h, &st.header)?;
    }
    let mut row = 1;
    let mut plan_rows: Vec<u32> = Vec::new();
    let stakeholder = |id: &str| fw.stakeholder_label(id, lang).to_string();
    for (gap, guide) in r.gaps.iter().zip(plan) {
        let ind = &fw.indicators[gap.indicator];
        let mut heading = fmt(
            lang,
            "gap.plan.gap_row",
            &[
                ("rank", Arg::Count(gap.rank as u64)),
                ("id", ind.id.as_str().into()),
                ("question", fw.text(&ind.question, lang).into()),
            ],
        );
        if let Some(p) = gap.points {
            heading.push_str(" — ");
            heading.push_str(&fmt(
                lang,
                "gap.plan.gap_row_points",
                &[("points", Arg::Number(p, 2))],
            ));
        }
        if ind.critical {
            heading.push_str(" ★");
        }
        let guidelines = guideline_texts(fw, ind, lang);
        if !guidelines.is_empty() {
            heading.push('\n');
            heading.push_str(&fmt(
                lang,
                "gap.plan.guideline",
                &[("list", guidelines.join("; ").into())],
            ));
        }
        g.merge(row, 0, last, &heading, &st.group)?;
        row += 1;
        let gap_tools = if guide.tools.is_empty() {
            msg(lang, "gap.no_tool").to_string()
        } else {
            bullet(&tool_labels(fw, &guide.tools, lang))
        };
        if guide.actions.is_empty() {
            g.text(row, 0, gap.rank.to_string(), &st.plain)?;
            g.text(row, 1, msg(lang, "gap.no_action"), &st.muted_wrap)?;
            let lead = guide
                .lead
                .as_deref()
                .map(stakeholder)
                .unwrap_or_else(|| msg(lang, "gap.no_lead").to_string());
            g.text(row, 2, &lead, &st.wrap)?;
            let others: Vec<String> = guide
                .stakeholders
                .iter()
                .filter(|s| Some(*s) != guide.lead.as_ref())
                .map(|s| stakeholder(s))
                .collect();
            g.text(row, 3, others.join("; "), &st.wrap)?;
            g.text(row, 4, &gap_tools, &st.wrap)?;
            g.text(
                row,
                5,
                practices_or_none(fw, &guide.practices, lang),
                &st.wrap,
            )?;
            plan_rows.push(row);
            row += 1;
        }
        for (k, a) in guide.actions.iter().enumerate() {
            g.text(row, 0, format!("{}.{}", gap.rank, k + 1), &st.plain)?;
            g.text(row, 1, fw.text(&a.text, lang), &st.wrap)?;
            let lead = a
                .lead
                .as_deref()
                .map(stakeholder)
                .unwrap_or_else(|| msg(lang, "gap.no_lead").to_string());
            g.text(row, 2, &lead, &st.wrap)?;
            let others: Vec<String> = a.supporting().map(stakeholder).collect();
            g.text(row, 3, others.join("; "), &st.wrap)?;
            let tools = if a.tools.is_empty() {
                gap_tools.clone()
            } else {
                bullet(&tool_labels(fw, &a.tools, lang))
            };
            g.text(row, 4, &tools, &st.wrap)?;
            let practices = if a.practices.is_empty() {
                &guide.practices
            } else {
                &a.practices
            };
            g.text(row, 5, practices_or_none(fw, practices, lang), &st.wrap)?;
            plan_rows.push(row);
            row += 1;
        }
    }
    if row == 1 {
        let text = if r.indicators.iter().any(|s| s.score.is_some()) {
            t(lang, L::NoGaps)
        } else {
            msg(lang, "gap.nothing_scored")
        };
        g.merge(1, 0, last, text, &st.note)?;
    }
    for &pr in &plan_rows {
        for c in 6..=8 {
            g.blank(pr, c, &st.input)?;
        }
    }
    if let (Some(&a), Some(&b)) = (plan_rows.first(), plan_rows.last()) {
        let statuses = [
            t(lang, L::NotStarted),
            t(lang, L::InProgress),
            t(lang, L::Done),
            t(lang, L::Dropped),
        ];
        g.ws.add_data_validation(
            a,
            8,
            b,
            8,
            &DataValidation::new()
                .allow_list_strings(&statuses)?
                .set_error_style(DataValidationErrorStyle::Warning),
        )?;
    }
    g.ws.set_freeze_panes(1, 2)?;
    g.finish()?;
    sheet_setup(ws, msg(lang, "gap.action_plan"), lang, true);
    Ok(())
}

fn practices_or_none(fw: &Framework, ids: &[String], lang: &str) -> String {
    if ids.is_empty() {
        msg(lang, "gap.no_practice").to_string()
    } else {
        bullet(&practice_texts(fw, ids, lang))
    }
}
