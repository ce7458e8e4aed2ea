//! The ranked gap register: every gap with its guidance (guidelines and principles,
//! sample practices, recommended actions, stakeholders, capacity-building tools), as
//! [`crate::guidance`] chose it for the assessment. Written in the gap report and in
//! the progress report.

use super::labels::{Label as L, t};
use super::style::{Styles, sheet_setup};
use crate::cells::TextCells;
use crate::guidance::{Guidance, plan};
use crate::i18n::msg;
use crate::intake::Reading;
use crate::results::Results;
use crate::rules::{Framework, Indicator};
use crate::sheet::Grid;
use rust_xlsxwriter::{Worksheet, XlsxError};

/// The level-1 ancestor (phase or domain) of an indicator, and the level-2 one if any.
pub fn areas(fw: &Framework, ind: &Indicator) -> (Option<usize>, Option<usize>) {
    let path = fw.path_to(ind.parent);
    (path.get(1).copied(), path.get(2).copied())
}

/// The label of an answer as read, in the report language.
pub fn answer_label(
    fw: &Framework,
    ind: usize,
    reading: Reading,
    criterion: bool,
    lang: &str,
) -> String {
    let scale = if criterion {
        crate::rules::criterion_scale()
    } else {
        fw.scale_of(ind).clone()
    };
    match reading {
        Reading::Option(k) => fw.text(&scale.options[k].label, lang).to_string(),
        Reading::Number(x) => crate::intake::grid::number_text(x),
        Reading::NotApplicable => fw.text(&fw.special.not_applicable.label, lang).to_string(),
        Reading::DontKnow => fw.text(&fw.special.dont_know.label, lang).to_string(),
        Reading::Blank => String::new(),
        Reading::Invalid => format!("({})", t(lang, L::Invalid)),
    }
}

/// The names of tools (by id) in a language.
pub fn tool_labels(fw: &Framework, ids: &[String], lang: &str) -> Vec<String> {
    ids.iter()
        .filter_map(|id| fw.tool(id))
        .map(|tl| fw.text(&tl.label, lang).to_string())
        .collect()
}

/// The texts of practices (by id), each with its stakeholder group, in a language.
pub fn practice_texts(fw: &Framework, ids: &[String], lang: &str) -> Vec<String> {
    ids.iter()
        .filter_map(|id| fw.catalogues.practices.iter().find(|p| &p.id == id))
        .map(|p| {
            format!(
                "[{}] {}",
                fw.stakeholder_label(&p.stakeholder, lang),
                fw.text(&p.text, lang)
            )
        })
        .collect()
}

/// A gap's guidelines and principles, each with its id and title.
pub fn guideline_texts(fw: &Framework, ind: &Indicator, lang: &str) -> Vec<String> {
    let guidelines = ind
        .links
        .guidelines
        .iter()
        .filter_map(|id| fw.guideline(id))
        .map(|gl| format!("{} {}", gl.id, fw.text(&gl.title, lang)));
    let principles = ind
        .links
        .principles
        .iter()
        .filter_map(|id| fw.catalogues.principles.iter().find(|p| &p.id == id))
        .map(|p| format!("{} {}", p.id, fw.text(&p.label, lang)));
    guidelines.chain(principles).collect()
}

/// A list of tools for a cell: bulleted names, the guideline fallback said, or that
/// none fits.
pub fn tools_cell(fw: &Framework, g: &Guidance, lang: &str) -> String {
    if g.tools.is_empty() {
        return msg(lang, "gap.no_tool").to_string();
    }
    let list = bullet(&tool_labels(fw, &g.tools, lang));
    if g.tools_from_guidelines {
        format!("{list}\n{}", msg(lang, "gap.from_guidelines"))
    } else {
        list
    }
}

/// A list of practices for a cell, like [`tools_cell`].
pub fn practices_cell(fw: &Framework, g: &Guidance, lang: &str) -> String {
    if g.practices.is_empty() {
        return msg(lang, "gap.no_practice").to_string();
    }
    let list = bullet(&practice_texts(fw, &g.practices, lang));
    if g.practices_from_guidelines {
        format!("{list}\n{}", msg(lang, "gap.from_guidelines"))
    } else {
        list
    }
}

/// A list in one cell: one item a line, each after a bullet.
///
/// ```
/// let items = ["one".to_string(), "two".to_string()];
/// assert_eq!(mgi::report::gap_register::bullet(&items), "• one\n• two");
/// ```
pub fn bullet(items: &[String]) -> String {
    items
        .iter()
        .map(|s| format!("• {s}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Writes the ranked gap register (with its guidance, chosen for the assessment by
/// [`crate::guidance`]) on a sheet, with owner, target date and status columns (the
/// progress workbook's register; the gap report has its Action plan sheet for them).
pub fn write_gap_register(
    ws: &mut Worksheet,
    fw: &Framework,
    r: &Results,
    lang: &str,
    st: &Styles,
) -> Result<(), XlsxError> {
    write_register(ws, fw, r, lang, st, true)
}

/// Writes the ranked gap register; with `plan_columns`, also owner, target date and
/// status columns (status from a dropdown).
pub fn write_register(
    ws: &mut Worksheet,
    fw: &Framework,
    r: &Results,
    lang: &str,
    st: &Styles,
    plan_columns: bool,
) -> Result<(), XlsxError> {
    let plan = plan(fw, r);
    let level1 = fw.level_label(1, lang).to_string();
    let level2 = fw
        .levels
        .get(2)
        .filter(|_| fw.levels.len() > 3)
        .map(|l| fw.text(&l.label, lang).to_string());
    let mut headers: Vec<(String, f64)> = vec![
        (t(lang, L::Rank).into(), 7.0),
        (t(lang, L::Id).into(), 10.0),
        (t(lang, L::Question).into(), 50.0),
        (t(lang, L::Answer).into(), 18.0),
        (t(lang, L::Score).into(), 10.0),
        (t(lang, L::PointsToGain).into(), 11.0),
        (level1, 20.0),
    ];
    if let Some(l2) = &level2 {
        headers.push((l2.clone(), 24.0));
    }
    let rest = [
        (L::Critical, 9.0),
        (L::Guidelines, 36.0),
        (L::Practices, 44.0),
        (L::Actions, 48.0),
        (L::Stakeholders, 26.0),
        (L::Tools, 32.0),
    ];
    for (l, w) in rest {
        headers.push((t(lang, l).into(), w));
    }
    if plan_columns {
        for (l, w) in [
            (L::Owner, 16.0),
            (L::TargetDate, 12.0),
            (L::PlanStatus, 14.0),
        ] {
            headers.push((t(lang, l).into(), w));
        }
    }
    let mut g = Grid::new(ws);
    for (c, (h, w)) in headers.iter().enumerate() {
        g.width(c as u16, *w);
        g.text(0, c as u16, h, &st.header)?;
    }
    let answers = r.assessment.answers_by_id();
    let mut row = 1;
    for (gap, guide) in r.gaps.iter().zip(&plan) {
        let ind = &fw.indicators[gap.indicator];
        let (a1, a2) = areas(fw, ind);
        let answer = if fw.scale_of(gap.indicator).cumulative {
            let s = &r.indicators[gap.indicator];
            s.level
                .map(|l| {
                    fw.text(&fw.scale_of(gap.indicator).options[l].label, lang)
                        .to_string()
                })
                .unwrap_or_default()
        } else {
            answers
                .get(ind.id.as_str())
                .map(|a| answer_label(fw, gap.indicator, a.reading, false, lang))
                .unwrap_or_default()
        };
        let actions: Vec<String> = guide
            .actions
            .iter()
            .map(|a| fw.text(&a.text, lang).to_string())
            .collect();
        let who: Vec<String> = guide
            .stakeholders
            .iter()
            .map(|s| {
                let l = fw.stakeholder_label(s, lang).to_string();
                if Some(s) == guide.lead.as_ref() {
                    format!("{l} ({})", msg(lang, "gap.lead"))
                } else {
                    l
                }
            })
            .collect();
        let mut c: u16 = 0;
        let mut next = || {
            c += 1;
            c - 1
        };
        g.number(row, next(), gap.rank as f64, &st.plain)?;
        g.text(row, next(), &ind.id, &st.plain)?;
        g.text(row, next(), fw.text(&ind.question, lang), &st.wrap)?;
        g.text(row, next(), &answer, &st.wrap)?;
        g.number(row, next(), gap.score * 100.0, &st.score)?;
        match gap.points {
            Some(p) => g.ws.write_number_with_format(row, next(), p, &st.points)?,
            None => g.ws.write_text_with_format(row, next(), "", &st.plain)?,
        };
        g.text(
            row,
            next(),
            a1.map(|n| fw.text(&fw.nodes[n].label, lang)).unwrap_or(""),
            &st.wrap,
        )?;
        if level2.is_some() {
            g.text(
                row,
                next(),
                a2.map(|n| format!("{} {}", fw.nodes[n].id, fw.text(&fw.nodes[n].label, lang)))
                    .unwrap_or_default(),
                &st.wrap,
            )?;
        }
        g.text(
            row,
            next(),
            if ind.critical { "★" } else { "" },
            &st.critical,
        )?;
        let actions = if actions.is_empty() {
            msg(lang, "gap.no_action").to_string()
        } else {
            bullet(&actions)
        };
        let texts = [
            bullet(&guideline_texts(fw, ind, lang)),
            practices_cell(fw, guide, lang),
            actions,
            who.join("; "),
            tools_cell(fw, guide, lang),
        ];
        for txt in &texts {
            g.text(row, next(), txt, &st.wrap)?;
        }
        if plan_columns {
            for _ in 0..3 {
                g.blank(row, next(), &st.input)?;
            }
        }
        row += 1;
    }
    let ncols = headers.len() as u16;
    if plan_columns && row > 1 {
        let statuses = [
            t(lang, L::NotStarted),
            t(lang, L::InProgress),
            t(lang, L::Done),
            t(lang, L::Dropped),
        ];
        g.ws.add_data_validation(
            1,
            ncols - 1,
            row - 1,
            ncols - 1,
            &rust_xlsxwriter::DataValidation::new().allow_list_strings(&statuses)?,
        )?;
    }
    if row > 1 {
        g.ws.autofilter(0, 0, row - 1, ncols - 1)?;
    }
    g.ws.set_freeze_panes(1, 3)?;
    g.finish()?;
    sheet_setup(ws, t(lang, L::Gaps), lang, true);
    // The register is wide: A3 landscape keeps it legible on paper.
    ws.set_paper_size(8);
    Ok(())
}
