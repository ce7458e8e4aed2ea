//! The `Uncertainty` sheet: what the analysis did, what moves the scores (each source of
//! variation on its own, with the mean shift it causes, from
//! [`Comparison::uncertainty_sources`](crate::compare::Comparison::uncertainty_sources)),
//! a chart of every unit's interval and nominal score; then, from a new page, each
//! unit's nominal score, median and 5th–95th percentile interval (and rank intervals
//! with `--rank`).

use super::Ctx;
use crate::cells::TextCells;
use crate::compare::Comparison;
use crate::compare::uncertainty::{Factor, SourceShift};
use crate::i18n::catalogue::{Arg, fmt, msg, number};
use crate::report::labels::{Label as L, t};
use crate::report::sheets::{SIGNED, header_height, header_width, text_height, write_opt_number};
use crate::report::style::sheet_setup;
use crate::rules::Framework;
use rust_xlsxwriter::{
    Chart, ChartFormat, ChartLine, ChartMarker, ChartMarkerType, ChartSolidFill, ChartType, Color,
    Format, FormatAlign, FormatBorder, Worksheet, XlsxError,
};

/// Columns of the units table: unit, period, nominal, median, P05, P95, interval width.
const NOMINAL: u16 = 2;
const P05: u16 = 4;
const WIDTH: u16 = 6;
/// Points of rows an A4 landscape page holds between its margins.
const PAGE_POINTS: f64 = 500.0;

/// What a shift does, in words: "lowers scores by 9.1 points on average".
fn effect(lang: &str, shift: Option<f64>) -> String {
    let Some(x) = shift else {
        return msg(lang, "compare.uncertainty.no_effect").to_string();
    };
    // Shown with one decimal; a shift that rounds to zero leaves scores unchanged.
    if number(lang, x.abs(), 1) == number(lang, 0.0, 1) {
        return msg(lang, "compare.uncertainty.unchanged").to_string();
    }
    let key = if x < 0.0 {
        "compare.uncertainty.lowers"
    } else {
        "compare.uncertainty.raises"
    };
    // The plural form follows the whole part (French: "1,5 point", "2,5 points").
    fmt(
        lang,
        key,
        &[
            ("n", Arg::Count(x.abs().floor() as u64)),
            ("x", Arg::Number(x.abs(), 1)),
        ],
    )
}

/// One sentence per source of variation, naming it and its mean shift in the report
/// language, in the order of `sources`.
pub fn source_sentences(fw: &Framework, sources: &[SourceShift], lang: &str) -> Vec<String> {
    sources
        .iter()
        .map(|s| {
            let effect = effect(lang, s.mean_shift);
            match s.factor {
                Factor::Weights(depth) => fmt(
                    lang,
                    "compare.uncertainty.weights",
                    &[
                        ("level", fw.level_label(depth + 1, lang).into()),
                        ("effect", effect.into()),
                    ],
                ),
                Factor::Aggregation => fmt(
                    lang,
                    "compare.uncertainty.aggregation",
                    &[("effect", effect.into())],
                ),
                Factor::DontKnowPolicy => fmt(
                    lang,
                    "compare.uncertainty.dont_know",
                    &[("effect", effect.into())],
                ),
                Factor::Score(sc, k) => {
                    let scale = &fw.scales[sc];
                    let option = &scale.options[k];
                    let (lo, hi) = option.score_range.unwrap_or((option.score, option.score));
                    fmt(
                        lang,
                        "compare.uncertainty.score",
                        &[
                            ("option", fw.text(&option.label, lang).into()),
                            ("scale", fw.text(&scale.label, lang).into()),
                            ("low", Arg::Number(lo * 100.0, 0)),
                            ("high", Arg::Number(hi * 100.0, 0)),
                            ("effect", effect.into()),
                        ],
                    )
                }
            }
        })
        .collect()
}

/// The note of the `Uncertainty` sheet, paragraph by paragraph, in the report language:
/// what each draw varies, why intervals sit below the nominal scores when the
/// aggregation varies, and one sentence per source of variation with its mean shift.
/// Empty without an uncertainty analysis.
pub fn uncertainty_note(fw: &Framework, c: &Comparison, lang: &str) -> Vec<String> {
    let Some((o, _)) = &c.uncertainty else {
        return Vec::new();
    };
    let mut what: Vec<&str> = Vec::new();
    if o.vary_weights {
        what.push(msg(lang, "compare.uncertainty.vary_weights"));
    }
    if o.vary_aggregation {
        what.push(msg(lang, "compare.uncertainty.vary_aggregation"));
    }
    if o.vary_scores {
        what.push(msg(lang, "compare.uncertainty.vary_scores"));
    }
    let what = match what.as_slice() {
        [] => msg(lang, "compare.uncertainty.vary_nothing").to_string(),
        [one] => one.to_string(),
        [init @ .., last] => format!(
            "{}{}{last}",
            init.join(", "),
            msg(lang, "compare.uncertainty.vary_and")
        ),
    };
    let mut out = vec![fmt(
        lang,
        "compare.uncertainty.run",
        &[
            ("draws", Arg::Count(o.draws as u64)),
            ("seed", Arg::Text(o.seed.to_string())),
            (
                "concentration",
                Arg::Text(number_trim(lang, o.concentration)),
            ),
            ("what", what.into()),
        ],
    )];
    let aggregation_lowers = c
        .uncertainty_sources
        .iter()
        .any(|s| s.factor == Factor::Aggregation && s.mean_shift.is_some_and(|x| x < 0.0));
    if aggregation_lowers {
        out.push(msg(lang, "compare.uncertainty.below_nominal").to_string());
    }
    out.extend(source_sentences(fw, &c.uncertainty_sources, lang));
    out
}

/// A number with as many decimals as it needs (up to 3), in the language's format.
fn number_trim(lang: &str, x: f64) -> String {
    let d = (0..=3)
        .find(|&d| ((x * 10f64.powi(d as i32)).round() - x * 10f64.powi(d as i32)).abs() < 1e-9)
        .unwrap_or(3);
    number(lang, x, d)
}

/// Writes the sheet.
pub(super) fn write(ws: &mut Worksheet, x: &Ctx) -> Result<(), XlsxError> {
    let (fw, c, lang, st) = (x.fw, x.c, x.lang, x.st);
    let Some((_, intervals)) = &c.uncertainty else {
        return Ok(());
    };
    let sheet = t(lang, L::Uncertainty);
    let mut headers = vec![
        (t(lang, L::Unit), 7.0),
        (t(lang, L::Period), 8.0),
        (t(lang, L::Nominal), 9.0),
        (t(lang, L::Median), 9.0),
        (t(lang, L::P05), 9.0),
        (t(lang, L::P95), 9.0),
        (msg(lang, "compare.uncertainty.width"), 10.0),
    ];
    if c.ranks.is_some() {
        headers.extend([
            (t(lang, L::NominalRank), 8.0),
            (t(lang, L::RankMedian), 8.0),
            (t(lang, L::RankP05), 9.0),
            (t(lang, L::RankP95), 9.0),
        ]);
    }
    let mut cols: Vec<(&str, f64)> = headers
        .iter()
        .map(|(h, w)| (*h, header_width(h, *w)))
        .collect();
    let last = cols.len() as u16 - 1;
    // The sources table's shift and draws sit in the last two columns: wide enough for
    // their headers too.
    let shift_header = msg(lang, "compare.uncertainty.mean_shift");
    let draws_header = msg(lang, "compare.uncertainty.draws");
    for (k, h) in [(last - 1, shift_header), (last, draws_header)] {
        let c = &mut cols[k as usize];
        c.1 = c.1.max(header_width(h, 0.0));
    }
    for (k, (_, w)) in cols.iter().enumerate() {
        ws.set_column_width(k as u16, *w)?;
    }
    // Points used on the first page, to fit the chart under the notes or start it on a
    // page of its own.
    let mut used = 20.0;
    // The notes span the table's width.
    let width: f64 = cols.iter().map(|c| c.1).sum();
    ws.write_text_with_format(0, 0, msg(lang, "compare.uncertainty.heading"), &st.heading)?;
    let note = uncertainty_note(fw, c, lang);
    let paragraphs = note.len() - c.uncertainty_sources.len();
    let mut row = 1;
    for p in &note[..paragraphs] {
        ws.merge_range(row, 0, row, last, p, &st.note)?;
        let h = text_height(p, width * 0.9);
        ws.set_row_height(row, h)?;
        used += h;
        row += 1;
    }
    if !c.uncertainty_sources.is_empty() {
        row += 1;
        ws.write_text_with_format(
            row,
            0,
            msg(lang, "compare.uncertainty.sources_heading"),
            &st.heading,
        )?;
        row += 1;
        // The sentence over all columns but the last two; the shift and the draws there.
        let text_last = last - 2;
        ws.merge_range(
            row,
            0,
            row,
            text_last,
            msg(lang, "compare.uncertainty.source"),
            &st.header,
        )?;
        ws.write_text_with_format(row, text_last + 1, shift_header, &st.header)?;
        ws.write_text_with_format(row, text_last + 2, draws_header, &st.header)?;
        let h = header_height(&[
            (shift_header, cols[text_last as usize + 1].1),
            (draws_header, cols[text_last as usize + 2].1),
        ]);
        ws.set_row_height(row, h)?;
        used += h + 45.0;
        row += 1;
        let signed = Format::new()
            .set_num_format(SIGNED)
            .set_border(FormatBorder::Thin)
            .set_border_color(Color::RGB(0xD9D9D9))
            .set_align(FormatAlign::Top);
        let text_width: f64 = cols[..=text_last as usize].iter().map(|c| c.1).sum();
        for (s, sentence) in c.uncertainty_sources.iter().zip(&note[paragraphs..]) {
            ws.merge_range(row, 0, row, text_last, sentence, &st.wrap)?;
            write_opt_number(ws, row, text_last + 1, s.mean_shift, &signed)?;
            ws.write_number_with_format(row, text_last + 2, s.draws as f64, &st.plain)?;
            let h = text_height(sentence, text_width * 0.95);
            ws.set_row_height(row, h)?;
            used += h;
            row += 1;
        }
    }
    // The chart (on a page of its own when the notes leave too little room), then the
    // table it reads from a new page.
    let chart_row = row + 1;
    // Pixels left under the notes (a pixel is three quarters of a point).
    let room = ((PAGE_POINTS - used - 15.0) / 0.75).max(0.0) as u32;
    let own_page = room < 220;
    let height = if own_page { 300 } else { room.min(300) };
    let head = if c.units.is_empty() {
        row + 1
    } else {
        chart_row + 1 + height / 20
    };
    if own_page {
        ws.set_page_breaks(&[chart_row, head])?;
    } else {
        ws.set_page_breaks(&[head])?;
    }
    for (k, (h, _)) in cols.iter().enumerate() {
        ws.write_text_with_format(head, k as u16, *h, &st.header)?;
    }
    ws.set_row_height(head, header_height(&cols))?;
    for (k, (u, i)) in c.units.iter().zip(intervals).enumerate() {
        let r = head + 1 + k as u32;
        ws.write_text_with_format(r, 0, &u.code, &st.plain)?;
        ws.write_text_with_format(r, 1, &u.period, &st.plain)?;
        let spread = i.p05.zip(i.p95).map(|(a, b)| b - a);
        for (col, v) in [
            (NOMINAL, i.nominal),
            (3, i.median),
            (P05, i.p05),
            (5, i.p95),
            (WIDTH, spread),
        ] {
            write_opt_number(ws, r, col, v, &st.score)?;
        }
        if c.ranks.is_some() {
            for (col, v) in [
                (7, i.rank.map(|r| r as f64)),
                (8, i.rank_median),
                (9, i.rank_p05),
                (10, i.rank_p95),
            ] {
                write_opt_number(ws, r, col, v, &st.plain)?;
            }
        }
    }
    if !c.units.is_empty() {
        let (a, b) = (head + 1, head + c.units.len() as u32);
        let chart = interval_chart(sheet, head, (a, b), c.units.len(), height, lang);
        ws.insert_chart(chart_row, 0, &chart)?;
    }
    sheet_setup(ws, sheet, lang, true);
    // The table's header repeats on its later pages (not over the notes above it).
    ws.set_repeat_rows(head, head)?;
    Ok(())
}

/// The chart of the intervals: per unit, a bar from its 5th to its 95th percentile (a
/// transparent bar up to the 5th, stacked with one as long as the interval: the P05
/// and interval-width columns) and its nominal score as a diamond (the nominal column),
/// rows `a` to `b` of the units table.
fn interval_chart(
    sheet: &str,
    head: u32,
    (a, b): (u32, u32),
    units: usize,
    height: u32,
    lang: &str,
) -> Chart {
    let mut chart = Chart::new(ChartType::ColumnStacked);
    chart
        .add_series()
        .set_categories((sheet, a, 0, b, 0))
        .set_values((sheet, a, P05, b, P05))
        .set_name((sheet, head, P05))
        .set_format(ChartFormat::new().set_no_fill().set_no_border());
    chart
        .add_series()
        .set_categories((sheet, a, 0, b, 0))
        .set_values((sheet, a, WIDTH, b, WIDTH))
        .set_name(msg(lang, "compare.uncertainty.interval"))
        .set_gap(40)
        .set_format(
            ChartFormat::new()
                .set_solid_fill(ChartSolidFill::new().set_color(0x9DC3E6))
                .set_no_border(),
        );
    let mut nominal = Chart::new(ChartType::Line);
    nominal
        .add_series()
        .set_categories((sheet, a, 0, b, 0))
        .set_values((sheet, a, NOMINAL, b, NOMINAL))
        .set_name((sheet, head, NOMINAL))
        .set_format(ChartFormat::new().set_no_line())
        .set_marker(
            ChartMarker::new()
                .set_type(ChartMarkerType::Diamond)
                .set_size(7)
                .set_format(
                    ChartFormat::new()
                        .set_solid_fill(ChartSolidFill::new().set_color(0xC00000))
                        .set_line(ChartLine::new().set_color(0xC00000)),
                ),
        );
    chart.combine(&nominal);
    chart
        .title()
        .set_name(msg(lang, "compare.uncertainty.chart_title"));
    chart.y_axis().set_min(0).set_max(100).set_major_unit(20);
    let legend = chart.legend();
    legend.set_position(rust_xlsxwriter::ChartLegendPosition::Bottom);
    // The transparent series has nothing to show in the legend.
    legend.delete_entries(&[0]);
    let width = (80 + 22 * units as u32).clamp(640, 1600);
    chart.set_width(width).set_height(height);
    chart
}
