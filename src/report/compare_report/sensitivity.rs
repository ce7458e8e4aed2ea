//! The `Sensitivity` sheet (with `--sensitivity`): what the analysis did; for the set
//! as a whole (its mean overall score) the first- and total-order index of every factor
//! with its interval, and a chart of the total-order indices; one sentence per unit that
//! names the factor moving its overall score most and by how much; then, from a new
//! page, every unit's indices per factor. The indices come from
//! [`Comparison::sensitivity`](crate::compare::Comparison::sensitivity); when there are
//! none (every factor fixed, no output varies) the sheet says why.

use super::Ctx;
use crate::compare::sensitivity::{OutputIndices, Sensitivity, factor_name};
use crate::compare::uncertainty::Factor;
use crate::i18n::catalogue::{Arg, fmt, msg};
use crate::report::labels::{Label as L, t};
use crate::report::style::sheet_setup;
use crate::rules::Framework;
use crate::sheet::Grid;
use rust_xlsxwriter::{
    Chart, ChartAxisCrossing, ChartFormat, ChartSolidFill, ChartType, Worksheet, XlsxError,
};

/// Columns: unit, period, factor, first order (estimate, low, high), total order
/// (estimate, low, high), factor id. The set's table merges the first three for the
/// factor's name.
const FACTOR: u16 = 2;
const FIRST: u16 = 3;
const TOTAL: u16 = 6;
const ID: u16 = 9;
/// Points of rows an A4 landscape page holds between its margins.
const PAGE_POINTS: f64 = 500.0;

/// The sheet's name in a language.
pub(super) fn name(lang: &str) -> &'static str {
    msg(lang, "sensitivity.sheet.name")
}

/// The sentence that names what moves one unit's overall score most, in the report
/// language: "XAB: the aggregation method explains 71 % of the variance of its overall
/// score (total order 0.71)". `overall` is the unit's nominal overall score (none: the
/// sentence says there is no score to analyse).
pub fn unit_sentence(
    fw: &Framework,
    s: &Sensitivity,
    unit: &str,
    overall: Option<f64>,
    indices: Option<&OutputIndices>,
    lang: &str,
) -> String {
    if overall.is_none() {
        return fmt(
            lang,
            "sensitivity.sentence.no_score",
            &[("unit", unit.into())],
        );
    }
    let Some((i, st)) = indices.and_then(OutputIndices::strongest) else {
        return fmt(
            lang,
            "sensitivity.sentence.no_variance",
            &[("unit", unit.into())],
        );
    };
    // The share in words stays within 0 to 100 %; the index is shown as estimated.
    let mut args: Vec<(&str, Arg)> = vec![
        ("unit", unit.into()),
        ("percent", Arg::Number(st.clamp(0.0, 1.0) * 100.0, 0)),
        ("total", Arg::Number(st, 2)),
    ];
    let key = match s.factors[i].factor {
        Factor::Weights(depth) => {
            args.push(("level", fw.level_label(depth + 1, lang).into()));
            "sensitivity.sentence.weights"
        }
        Factor::Aggregation => "sensitivity.sentence.aggregation",
        Factor::Score(sc, k) => {
            let scale = &fw.scales[sc];
            args.push(("option", fw.text(&scale.options[k].label, lang).into()));
            args.push(("scale", fw.text(&scale.label, lang).into()));
            "sensitivity.sentence.score"
        }
        Factor::DontKnowPolicy => "sensitivity.sentence.dont_know",
    };
    fmt(lang, key, &args)
}

/// The notes at the top of the sheet, paragraph by paragraph, in the report language:
/// what was run, what the indices mean, and why there are none when there are none.
pub fn sensitivity_note(fw: &Framework, s: &Sensitivity, lang: &str) -> Vec<String> {
    let k = s.factors.len();
    let mut out = vec![fmt(
        lang,
        "sensitivity.sheet.run",
        &[
            ("samples", Arg::Count(s.options.n as u64)),
            ("seed", Arg::Text(s.options.seed.to_string())),
            ("n", Arg::Count(k as u64)),
            ("runs", Arg::Count((s.options.n * (k + 2)) as u64)),
        ],
    )];
    out.push(fmt(
        lang,
        "sensitivity.sheet.explain",
        &[("level", fw.level_label(1, lang).into())],
    ));
    if let Some(key) = s.note_key {
        out.push(msg(lang, key).to_string());
    }
    out
}

/// Writes the sheet. Rows and columns are sized from the texts written (a [`Grid`]), so
/// the notes and sentences fit in every language's script.
pub(super) fn write(ws: &mut Worksheet, x: &Ctx) -> Result<(), XlsxError> {
    let (fw, c, lang, st) = (x.fw, x.c, x.lang, x.st);
    let Some(s) = &c.sensitivity else {
        return Ok(());
    };
    let sheet = name(lang);
    let labels: Vec<String> = s
        .factors
        .iter()
        .map(|f| factor_name(fw, f.factor, lang))
        .collect();
    let (low, high) = (
        msg(lang, "sensitivity.sheet.low"),
        msg(lang, "sensitivity.sheet.high"),
    );
    let factor_header = msg(lang, "sensitivity.sheet.factor");
    let headers = [
        (t(lang, L::Unit), 7.0),
        (t(lang, L::Period), 8.0),
        (factor_header, 40.0),
        (msg(lang, "sensitivity.sheet.first"), 9.0),
        (low, 9.0),
        (high, 9.0),
        (msg(lang, "sensitivity.sheet.total"), 9.0),
        (low, 9.0),
        (high, 9.0),
        (t(lang, L::Id), 22.0),
    ];
    let mut g = Grid::new(ws);
    for (k, (_, w)) in headers.iter().enumerate() {
        g.width(k as u16, *w);
    }
    let last = ID;
    g.text(0, 0, msg(lang, "sensitivity.sheet.heading"), &st.heading)?;
    let mut row = 1;
    for p in sensitivity_note(fw, s, lang) {
        g.merge(row, 0, last, &p, &st.note)?;
        row += 1;
    }
    let overall_set = match s.set.first() {
        Some(o) if !s.factors.is_empty() => o,
        _ => {
            g.finish()?;
            sheet_setup(ws, sheet, lang, true);
            return Ok(());
        }
    };
    // The set as a whole: one row per factor.
    row += 1;
    g.text(
        row,
        0,
        msg(lang, "sensitivity.sheet.set_heading"),
        &st.heading,
    )?;
    row += 1;
    let set_head = row;
    g.merge(row, 0, FACTOR, factor_header, &st.header)?;
    for (k, (h, _)) in headers.iter().enumerate().skip(FIRST as usize) {
        g.text(row, k as u16, *h, &st.header)?;
    }
    row += 1;
    for (i, label) in labels.iter().enumerate() {
        g.merge(row, 0, FACTOR, label, &st.wrap)?;
        write_indices(&mut g, row, overall_set, i, st)?;
        g.text(row, ID, &s.factors[i].id, &st.muted)?;
        row += 1;
    }
    let (a, b) = (set_head + 1, row - 1);
    // The chart of the set's total-order indices, under the table (on a page of its own
    // when the notes and the table leave too little room).
    let used: f64 = (0..row).map(|r| g.planned_height(r)).sum();
    let chart_row = row + 1;
    let room = ((PAGE_POINTS - used - 15.0) / 0.75).max(0.0) as u32;
    let want = (90 + 36 * labels.len() as u32).clamp(220, 420);
    let own_page = room < 220;
    let height = if own_page { want } else { want.min(room) };
    let mut breaks = Vec::new();
    let mut used = used;
    if own_page {
        breaks.push(chart_row);
        used = 0.0;
    }
    if overall_set.total.iter().any(Option::is_some) {
        let max = overall_set
            .total
            .iter()
            .flatten()
            .map(|t| t[1])
            .fold(0.0, f64::max);
        let width: f64 = (0..=last).map(|k| g.column_width(k)).sum();
        let chart = total_chart(sheet, (a, b), max, (width, height), lang);
        g.ws.insert_chart(chart_row, 0, &chart)?;
        row = chart_row + 1 + height / 20;
        used += height as f64 * 0.75 + 15.0;
    } else {
        row += 1;
    }
    // One sentence per unit, from a new page when the heading and the first sentences
    // would not fit under the chart.
    row += 1;
    if PAGE_POINTS - used < 80.0 {
        breaks.push(row);
    }
    g.text(
        row,
        0,
        msg(lang, "sensitivity.sheet.units_heading"),
        &st.heading,
    )?;
    row += 1;
    for (u, outs) in c.units.iter().zip(&s.units) {
        let sentence = unit_sentence(fw, s, &u.code, u.overall, outs.first(), lang);
        g.merge(row, 0, last, &sentence, &st.wrap)?;
        row += 1;
    }
    // Every unit's indices, from a new page, its header repeated on later pages.
    let head = row + 1;
    breaks.push(head);
    for (k, (h, _)) in headers.iter().enumerate() {
        g.text(head, k as u16, *h, &st.header)?;
    }
    let mut r = head + 1;
    for (u, outs) in c.units.iter().zip(&s.units) {
        let Some(overall) = outs.first() else {
            continue;
        };
        for (i, label) in labels.iter().enumerate() {
            g.text(r, 0, &u.code, &st.plain)?;
            g.text(r, 1, &u.period, &st.plain)?;
            g.text(r, FACTOR, label, &st.wrap)?;
            write_indices(&mut g, r, overall, i, st)?;
            g.text(r, ID, &s.factors[i].id, &st.muted)?;
            r += 1;
        }
    }
    g.ws.set_page_breaks(&breaks)?;
    g.finish()?;
    sheet_setup(ws, sheet, lang, true);
    ws.set_repeat_rows(head, head)?;
    Ok(())
}

/// Writes factor `i`'s first- and total-order indices (estimate, low, high) of `o` in
/// columns [`FIRST`] to [`TOTAL`] + 2; blank cells where there are none.
fn write_indices(
    g: &mut Grid,
    row: u32,
    o: &OutputIndices,
    i: usize,
    st: &crate::report::style::Styles,
) -> Result<(), XlsxError> {
    for (col, v) in [(FIRST, o.first[i]), (TOTAL, o.total[i])] {
        // The interval's bounds around the estimate: low, estimate, high in the data;
        // estimate, low, high on the sheet.
        let [lo, est, hi] = match v {
            Some(v) => v.map(Some),
            None => [None; 3],
        };
        for (k, x) in [est, lo, hi].into_iter().enumerate() {
            match x {
                Some(x) => g.number(row, col + k as u16, x, &st.points)?,
                None => g.blank(row, col + k as u16, &st.points)?,
            }
        }
    }
    Ok(())
}

/// The bar chart of the set's total-order index per factor: categories the factors'
/// names (column 0, rows `a` to `b`), values their total-order estimates.
fn total_chart(
    sheet: &str,
    (a, b): (u32, u32),
    max: f64,
    (width, height): (f64, u32),
    lang: &str,
) -> Chart {
    let mut chart = Chart::new(ChartType::Bar);
    chart
        .add_series()
        .set_categories((sheet, a, 0, b, 0))
        .set_values((sheet, a, TOTAL, b, TOTAL))
        .set_name(msg(lang, "sensitivity.sheet.total"))
        .set_gap(60)
        .set_format(
            ChartFormat::new()
                .set_solid_fill(ChartSolidFill::new().set_color(0x2E75B6))
                .set_no_border(),
        );
    chart
        .title()
        .set_name(msg(lang, "sensitivity.sheet.chart_title"));
    // The first factor at the top (a bar chart's y axis holds the categories), the
    // indices' axis at the bottom, from 0 to 1 unless an estimate goes beyond.
    chart
        .y_axis()
        .set_reverse()
        .set_crossing(ChartAxisCrossing::Max);
    let x = chart.x_axis().set_min(0).set_num_format("0.0");
    if max <= 1.0 {
        x.set_max(1).set_major_unit(0.2);
    }
    chart.legend().set_hidden();
    // About seven pixels per character unit of the columns.
    let px = (width * 7.0).clamp(640.0, 1400.0) as u32;
    chart.set_width(px).set_height(height);
    chart
}
