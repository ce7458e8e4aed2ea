//! The `Instructions` sheet: what to do, what each answer means and scores, whom to ask.

use super::Formats;
use crate::i18n::msg;
use crate::rules::{Framework, Scale, ScaleKind};
use crate::sheet::Grid;
use rust_xlsxwriter::XlsxError;
use std::collections::BTreeMap;

pub(super) fn instructions(
    g: &mut Grid<'_>,
    fw: &Framework,
    lang: &str,
    fmt: &Formats,
    title: &str,
    context: &BTreeMap<String, String>,
) -> Result<u32, XlsxError> {
    g.width(0, 110.0);
    g.text(
        0,
        0,
        crate::i18n::fmt(
            lang,
            "template.labelled",
            &[
                ("label", title.into()),
                (
                    "text",
                    msg(lang, "template.self_assessment_workbook").into(),
                ),
            ],
        ),
        &fmt.title,
    )?;
    g.text(
        1,
        0,
        format!(
            "{} {} — {}",
            fw.id,
            fw.version,
            msg(lang, "template.made_by_mgi")
        ),
        &fmt.note,
    )?;
    let mut row = 3;
    let about = fw.text(&fw.about, lang);
    if !about.is_empty() {
        g.text(row, 0, about, &fmt.note)?;
        row += 2;
    }
    g.text(
        row,
        0,
        msg(lang, "template.how_to_fill_this_workbook"),
        &fmt.heading,
    )?;
    row += 1;
    let steps = [
        "template.step_1",
        "template.step_2",
        "template.step_3",
        "template.step_4",
        "template.step_5",
        "template.step_6",
        "template.step_7",
        "template.step_8",
    ];
    for s in steps {
        let text = msg(lang, s);
        g.text(row, 0, text, &fmt.note)?;
        row += 1;
    }
    row += 1;
    g.text(
        row,
        0,
        msg(lang, "template.answers_and_the_score_they"),
        &fmt.heading,
    )?;
    row += 1;
    for (k, s) in fw.scales.iter().enumerate() {
        let text = scale_summary(fw, k, s, lang, context);
        g.text(row, 0, &text, &fmt.note)?;
        row += 1;
    }
    row += 1;
    g.text(row, 0, msg(lang, "template.questions"), &fmt.heading)?;
    row += 1;
    g.text(
        row,
        0,
        msg(lang, "template.questions_on_the_content_go"),
        &fmt.note,
    )?;
    g.ws.set_landscape();
    g.ws.set_paper_size(9);
    g.ws.set_print_fit_to_pages(1, 0);
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
            crate::i18n::fmt(
                lang,
                "template.labelled",
                &[("label", name.into()), ("text", pts.join("; ").into())],
            )
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
                            msg(lang, "template.only_when"),
                            super::rows::condition_text(fw, c, lang)
                        ),
                        None => line,
                    }
                })
                .collect();
            crate::i18n::fmt(
                lang,
                "template.labelled",
                &[("label", name.into()), ("text", opts.join("; ").into())],
            )
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
