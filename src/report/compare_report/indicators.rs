//! The `Indicators` sheet: first the indicators least often met (the library's order,
//! [`crate::compare::least_met`]) in a stacked bar chart labelled by a short text of
//! their question, then (from the next page) their counts and how many units meet, partly
//! meet or do not meet every indicator, with the shares among the units that have a
//! score.

use super::Ctx;
use crate::cells::TextCells;
use crate::i18n::msg;
use crate::report::labels::{Label as L, t};
use crate::report::sheets::{
    capitalised, header_height, header_width, text_height, write_opt_number,
};
use crate::report::style::sheet_setup;
use rust_xlsxwriter::{
    Chart, ChartAxisCrossing, ChartFormat, ChartSolidFill, ChartType, ConditionalFormatDataBar,
    Worksheet, XlsxError,
};

/// How many of the least-met indicators the chart shows.
pub const LEAST_MET_SHOWN: usize = 15;

/// A short label of an indicator for a chart axis: its id and the start of its
/// question, cut between words to about `max` characters with an ellipsis.
pub fn short_label(id: &str, text: &str, max: usize) -> String {
    let room = max.saturating_sub(id.chars().count() + 1);
    let text = text.trim();
    if text.chars().count() <= room {
        return format!("{id} {text}");
    }
    let mut out = String::new();
    for word in text.split_whitespace() {
        if out.chars().count() + word.chars().count() + 1 > room.saturating_sub(1) {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    if out.is_empty() {
        out = text.chars().take(room.saturating_sub(1)).collect();
    }
    let out = out.trim_end_matches([',', ';', ':', '.']);
    format!("{id} {out}…")
}

/// Writes the sheet.
pub(super) fn write(ws: &mut Worksheet, x: &Ctx) -> Result<(), XlsxError> {
    let (fw, c, lang, st) = (x.fw, x.c, x.lang, x.st);
    let (na, missing) = (
        capitalised(t(lang, L::NotApplicable)),
        capitalised(t(lang, L::Missing)),
    );
    let headers = [
        (t(lang, L::Id), 9.0),
        (t(lang, L::Question), 56.0),
        (t(lang, L::Domain), 20.0),
        (t(lang, L::Met), 8.0),
        (t(lang, L::Partial), 8.0),
        (t(lang, L::NotMet), 8.0),
        (na.as_str(), 8.0),
        (missing.as_str(), 8.0),
        (msg(lang, "compare.indicators.share_met"), 8.0),
        (msg(lang, "compare.indicators.share_partial"), 8.0),
        (msg(lang, "compare.indicators.share_not_met"), 8.0),
    ];
    let cols: Vec<(&str, f64)> = headers
        .iter()
        .map(|(h, w)| (*h, header_width(h, *w)))
        .collect();
    for (k, (_, w)) in cols.iter().enumerate() {
        ws.set_column_width(k as u16, *w)?;
    }
    let top = least_met(ws, x, &cols)?;
    for (k, (h, _)) in cols.iter().enumerate() {
        ws.write_text_with_format(top, k as u16, *h, &st.header)?;
    }
    ws.set_row_height(top, header_height(&cols))?;
    for (k, s) in c.indicators.iter().enumerate() {
        let row = top + 1 + k as u32;
        let ind = &fw.indicators[k];
        let q = fw.text(&ind.question, lang);
        ws.write_text_with_format(row, 0, &s.id, &st.plain)?;
        ws.write_text_with_format(row, 1, q, &st.wrap)?;
        let area = fw
            .path_to(ind.parent)
            .get(1)
            .map(|&n| fw.text(&fw.nodes[n].label, lang))
            .unwrap_or("");
        ws.write_text_with_format(row, 2, area, &st.wrap)?;
        for (col, v) in [
            (3, s.met),
            (4, s.partial),
            (5, s.not_met),
            (6, s.not_applicable),
            (7, s.missing),
        ] {
            ws.write_number_with_format(row, col, v as f64, &st.plain)?;
        }
        for (col, v) in [
            (8, s.share_met()),
            (9, s.share_partial()),
            (10, s.share_not_met()),
        ] {
            write_opt_number(ws, row, col, v, &st.percent)?;
        }
        let h = text_height(q, cols[1].1).max(text_height(area, cols[2].1));
        ws.set_row_height(row, h)?;
    }
    let n = c.indicators.len() as u32;
    if n > 0 {
        let (a, z) = (top + 1, top + n);
        for (col, color) in [(10u16, "#F4B183"), (8, "#A9D08E")] {
            ws.add_conditional_format(
                a,
                col,
                z,
                col,
                &ConditionalFormatDataBar::new()
                    .set_fill_color(color)
                    .set_solid_fill(true),
            )?;
        }
        ws.autofilter(top, 0, z, 10)?;
    }
    sheet_setup(ws, t(lang, L::Indicators), lang, true);
    // The table's header repeats on its later pages (not over the chart above it).
    ws.set_repeat_rows(top, top)?;
    if top == 0 {
        ws.set_freeze_panes(1, 1)?;
    }
    Ok(())
}

/// The least-met block at the top of the sheet: heading, note, chart, and a table
/// (id, short label, share met, met, partly met, not met) that the chart reads. Returns
/// the row where the indicators table starts (0 when nothing is scored).
fn least_met(ws: &mut Worksheet, x: &Ctx, cols: &[(&str, f64)]) -> Result<u32, XlsxError> {
    let (fw, c, lang, st) = (x.fw, x.c, x.lang, x.st);
    let worst: Vec<usize> = c.least_met.iter().take(LEAST_MET_SHOWN).copied().collect();
    if worst.is_empty() {
        return Ok(0);
    }
    ws.write_text_with_format(0, 0, t(lang, L::LeastMet), &st.heading)?;
    let note = msg(lang, "compare.indicators.least_met_note");
    ws.merge_range(1, 0, 1, 2, note, &st.note)?;
    let width: f64 = cols[..3].iter().map(|c| c.1).sum();
    ws.set_row_height(1, text_height(note, width * 0.9))?;
    // The chart first, the table it reads under it from the next page (with the
    // indicators table after it).
    let chart_row = 2;
    let height = 110 + 26 * worst.len() as u32;
    let head = chart_row + 1 + height / 20;
    ws.set_page_breaks(&[head])?;
    let label_header = t(lang, L::Indicator);
    let share_header = msg(lang, "compare.indicators.share_met");
    let table: [(u16, &str); 6] = [
        (0, t(lang, L::Id)),
        (1, label_header),
        (2, share_header),
        (3, t(lang, L::Met)),
        (4, t(lang, L::Partial)),
        (5, t(lang, L::NotMet)),
    ];
    for (col, h) in table {
        ws.write_text_with_format(head, col, h, &st.header)?;
    }
    let header: Vec<(&str, f64)> = table
        .iter()
        .map(|(col, h)| (*h, cols[*col as usize].1))
        .collect();
    ws.set_row_height(head, header_height(&header))?;
    for (k, &i) in worst.iter().enumerate() {
        let row = head + 1 + k as u32;
        let s = &c.indicators[i];
        let q = fw.text(&fw.indicators[i].question, lang);
        ws.write_text_with_format(row, 0, &s.id, &st.plain)?;
        ws.write_text_with_format(row, 1, short_label(&s.id, q, 48), &st.plain)?;
        write_opt_number(ws, row, 2, s.share_met(), &st.percent)?;
        ws.write_number_with_format(row, 3, s.met as f64, &st.plain)?;
        ws.write_number_with_format(row, 4, s.partial as f64, &st.plain)?;
        ws.write_number_with_format(row, 5, s.not_met as f64, &st.plain)?;
    }
    let sheet = t(lang, L::Indicators);
    let (a, b) = (head + 1, head + worst.len() as u32);
    let mut chart = Chart::new(ChartType::BarPercentStacked);
    for (col, color) in [(3u16, 0x63BE7B), (4, 0xFFEB84), (5, 0xF8696B)] {
        chart
            .add_series()
            .set_categories((sheet, a, 1, b, 1))
            .set_values((sheet, a, col, b, col))
            .set_name((sheet, head, col))
            .set_gap(50)
            .set_format(ChartFormat::new().set_solid_fill(ChartSolidFill::new().set_color(color)));
    }
    chart.title().set_name(t(lang, L::LeastMet));
    // The least met at the top (a bar chart's y axis holds the categories), the shares'
    // axis at the bottom.
    chart
        .y_axis()
        .set_reverse()
        .set_crossing(ChartAxisCrossing::Max);
    chart.x_axis().set_num_format("0%");
    chart
        .legend()
        .set_position(rust_xlsxwriter::ChartLegendPosition::Bottom);
    chart.set_width(860).set_height(height);
    ws.insert_chart(chart_row, 0, &chart)?;
    Ok(b + 2)
}

#[cfg(test)]
mod tests {
    use super::short_label;

    #[test]
    fn short_labels_cut_between_words() {
        assert_eq!(short_label("A.1", "Is it so?", 40), "A.1 Is it so?");
        let s = short_label(
            "D1.A.1",
            "Has the country ratified the main international conventions on migrant workers?",
            40,
        );
        assert_eq!(s, "D1.A.1 Has the country ratified the…");
        assert!(s.chars().count() <= 40, "{s}");
    }
}
