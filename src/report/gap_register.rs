//! The ranked gap register: every gap with its guidance (guidelines and principles,
//! sample practices, recommended actions, stakeholders, capacity-building tools) and
//! empty action-plan columns. Written in the gap report and in the progress report.

use super::labels::{Label as L, t};
use super::sheets::write_headers;
use super::style::{Styles, sheet_setup, wrapped_height};
use crate::cells::TextCells;
use crate::intake::Reading;
use crate::results::Results;
use crate::rules::{Framework, Indicator};
use rust_xlsxwriter::{DataValidation, Worksheet, XlsxError};

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

/// Practices an indicator points to: its own links, else its guidelines' practices.
pub fn practices<'a>(fw: &'a Framework, ind: &Indicator) -> Vec<&'a crate::rules::Practice> {
    let c = &fw.catalogues.practices;
    let own: Vec<_> = c
        .iter()
        .filter(|p| ind.links.practices.contains(&p.id))
        .collect();
    if !own.is_empty() {
        return own;
    }
    c.iter()
        .filter(|p| ind.links.guidelines.contains(&p.guideline))
        .take(2)
        .collect()
}

/// Tools an indicator points to: its links and its actions', else its guidelines' tools.
pub fn tools<'a>(fw: &'a Framework, ind: &Indicator) -> Vec<&'a crate::rules::Tool> {
    let mut ids: Vec<&str> = ind.links.tools.iter().map(String::as_str).collect();
    for a in &ind.actions {
        for tl in &a.tools {
            if !ids.contains(&tl.as_str()) {
                ids.push(tl);
            }
        }
    }
    let mut out: Vec<_> = ids.iter().filter_map(|id| fw.tool(id)).collect();
    if out.is_empty() {
        out = fw
            .catalogues
            .tools
            .iter()
            .filter(|tl| {
                tl.guidelines
                    .iter()
                    .any(|g| ind.links.guidelines.contains(g))
            })
            .take(3)
            .collect();
    }
    out
}

pub fn bullet(items: &[String]) -> String {
    items
        .iter()
        .map(|s| format!("• {s}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Writes the ranked gap register (with guidance and action-plan columns) on a sheet.
pub fn write_gap_register(
    ws: &mut Worksheet,
    fw: &Framework,
    r: &Results,
    lang: &str,
    st: &Styles,
) -> Result<(), XlsxError> {
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
        (L::Critical, 8.0),
        (L::Guidelines, 36.0),
        (L::Practices, 44.0),
        (L::Actions, 48.0),
        (L::Stakeholders, 26.0),
        (L::Tools, 32.0),
        (L::Owner, 16.0),
        (L::TargetDate, 12.0),
        (L::PlanStatus, 14.0),
    ];
    for (l, w) in rest {
        headers.push((t(lang, l).into(), w));
    }
    let headers: Vec<(&str, f64)> = headers.iter().map(|(h, w)| (h.as_str(), *w)).collect();
    write_headers(ws, 0, &headers, st)?;
    ws.set_row_height(0, 30)?;
    let answers = r.assessment.answers_by_id();
    let mut row = 1;
    for g in &r.gaps {
        let ind = &fw.indicators[g.indicator];
        let (a1, a2) = areas(fw, ind);
        let answer = if fw.scale_of(g.indicator).cumulative {
            let s = &r.indicators[g.indicator];
            s.level
                .map(|l| {
                    fw.text(&fw.scale_of(g.indicator).options[l].label, lang)
                        .to_string()
                })
                .unwrap_or_default()
        } else {
            answers
                .get(ind.id.as_str())
                .map(|a| answer_label(fw, g.indicator, a.reading, false, lang))
                .unwrap_or_default()
        };
        let guidelines: Vec<String> = ind
            .links
            .guidelines
            .iter()
            .filter_map(|id| fw.guideline(id))
            .map(|gl| format!("{} {}", gl.id, fw.text(&gl.title, lang)))
            .collect();
        let principles: Vec<String> = ind
            .links
            .principles
            .iter()
            .filter_map(|id| fw.catalogues.principles.iter().find(|p| &p.id == id))
            .map(|p| format!("{} {}", p.id, fw.text(&p.label, lang)))
            .collect();
        let practices: Vec<String> = practices(fw, ind)
            .iter()
            .map(|p| {
                format!(
                    "[{}] {}",
                    fw.stakeholder_label(&p.stakeholder, lang),
                    fw.text(&p.text, lang)
                )
            })
            .collect();
        let actions: Vec<String> = ind
            .actions
            .iter()
            .map(|a| fw.text(&a.text, lang).to_string())
            .collect();
        let mut who: Vec<String> = Vec::new();
        for s in ind
            .stakeholders
            .iter()
            .chain(ind.actions.iter().flat_map(|a| a.stakeholders.iter()))
        {
            let l = fw.stakeholder_label(s, lang).to_string();
            if !who.contains(&l) {
                who.push(l);
            }
        }
        let tools: Vec<String> = tools(fw, ind)
            .iter()
            .map(|tl| fw.text(&tl.label, lang).to_string())
            .collect();
        let q = fw.text(&ind.question, lang);
        let mut c: u16 = 0;
        let mut next = || {
            c += 1;
            c - 1
        };
        ws.write_number_with_format(row, next(), g.rank as f64, &st.plain)?;
        ws.write_text_with_format(row, next(), &ind.id, &st.plain)?;
        ws.write_text_with_format(row, next(), q, &st.wrap)?;
        ws.write_text_with_format(row, next(), &answer, &st.wrap)?;
        ws.write_number_with_format(row, next(), g.score * 100.0, &st.score)?;
        match g.points {
            Some(p) => ws.write_number_with_format(row, next(), p, &st.points)?,
            None => ws.write_text_with_format(row, next(), "", &st.plain)?,
        };
        ws.write_text_with_format(
            row,
            next(),
            a1.map(|n| fw.text(&fw.nodes[n].label, lang)).unwrap_or(""),
            &st.wrap,
        )?;
        if level2.is_some() {
            ws.write_text_with_format(
                row,
                next(),
                a2.map(|n| format!("{} {}", fw.nodes[n].id, fw.text(&fw.nodes[n].label, lang)))
                    .unwrap_or_default(),
                &st.wrap,
            )?;
        }
        ws.write_text_with_format(
            row,
            next(),
            if ind.critical { "★" } else { "" },
            &st.critical,
        )?;
        let guidance: Vec<String> = guidelines.into_iter().chain(principles).collect();
        let texts = [
            bullet(&guidance),
            bullet(&practices),
            bullet(&actions),
            who.join("; "),
            bullet(&tools),
        ];
        let widths = [36.0, 44.0, 48.0, 26.0, 32.0];
        let mut height = wrapped_height(q, 50.0);
        for (txt, w) in texts.iter().zip(widths) {
            ws.write_text_with_format(row, next(), txt, &st.wrap)?;
            height = height.max(wrapped_height(txt, w));
        }
        for _ in 0..3 {
            ws.write_blank(row, next(), &st.input)?;
        }
        ws.set_row_height(row, height.min(409.0))?;
        row += 1;
    }
    let ncols = headers.len() as u16;
    if row > 1 {
        let statuses = [
            t(lang, L::NotStarted),
            t(lang, L::InProgress),
            t(lang, L::Done),
            t(lang, L::Dropped),
        ];
        ws.add_data_validation(
            1,
            ncols - 1,
            row - 1,
            ncols - 1,
            &DataValidation::new().allow_list_strings(&statuses)?,
        )?;
        ws.autofilter(0, 0, row - 1, ncols - 1)?;
    }
    ws.set_freeze_panes(1, 3)?;
    sheet_setup(ws, t(lang, L::Gaps), lang, true);
    // The register is wide: A3 landscape keeps it legible on paper.
    ws.set_paper_size(8);
    Ok(())
}
