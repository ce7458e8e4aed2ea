//! The `Statistics` sheet: first, how many units are in each band overall and in each
//! level-1 area, with a stacked bar chart of those counts (the distribution a reader can
//! act on); then, from a new page, per node, the count, mean, median, standard
//! deviation, quartiles, extremes and the 95 % confidence interval of the mean.

use super::{Ctx, band_color, top_nodes};
use crate::cells::TextCells;
use crate::i18n::{fmt, msg};
use crate::report::labels::{Label as L, t};
use crate::report::sheets::{
    header_height, header_width, text_height, text_width, write_opt_number,
};
use crate::report::style::sheet_setup;
use rust_xlsxwriter::{
    Chart, ChartAxisCrossing, ChartFormat, ChartSolidFill, ChartType, Worksheet, XlsxError,
};

/// The first column of the band counts (after the ID and name columns).
const BAND_COL: u16 = 2;

/// Writes the sheet.
pub(super) fn write(ws: &mut Worksheet, x: &Ctx) -> Result<(), XlsxError> {
    let (fw, c, lang, st) = (x.fw, x.c, x.lang, x.st);
    let headers = [
        (t(lang, L::Id), 10.0),
        (t(lang, L::Name), 44.0),
        (
            t(lang, L::Level),
            (0..fw.levels.len())
                .map(|d| text_width(fw.level_label(d, lang)))
                .fold(8.0, f64::max),
        ),
        (t(lang, L::Count), 8.0),
        (t(lang, L::Mean), 8.0),
        (t(lang, L::Median), 8.0),
        (t(lang, L::Sd), 10.0),
        (t(lang, L::Q1), 10.0),
        (t(lang, L::Q3), 10.0),
        (t(lang, L::Min), 9.0),
        (t(lang, L::Max), 9.0),
        (t(lang, L::Ci95Low), 12.0),
        (t(lang, L::Ci95High), 12.0),
    ];
    let mut cols: Vec<(&str, f64)> = headers
        .iter()
        .map(|(h, w)| (*h, header_width(h, *w)))
        .collect();
    // The band counts sit under the numeric columns: wide enough for the band names.
    let band_names: Vec<&str> = fw
        .bands
        .iter()
        .map(|b| fw.text(&b.label, lang))
        .chain([msg(lang, "compare.statistics.no_score")])
        .collect();
    for (k, name) in band_names.iter().enumerate() {
        if let Some(c) = cols.get_mut(BAND_COL as usize + k) {
            c.1 = c.1.max(header_width(name, 0.0));
        }
    }
    for (k, (_, w)) in cols.iter().enumerate() {
        ws.set_column_width(k as u16, *w)?;
    }
    let top = if fw.bands.is_empty() {
        0
    } else {
        bands(ws, x, &cols, &band_names)?
    };
    if top > 0 {
        ws.set_page_breaks(&[top])?;
    }
    for (k, (h, _)) in cols.iter().enumerate() {
        ws.write_text_with_format(top, k as u16, *h, &st.header)?;
    }
    ws.set_row_height(top, header_height(&cols))?;
    let order = fw.tree_order();
    for (k, s) in c.statistics.iter().enumerate() {
        let row = top + 1 + k as u32;
        let node = &fw.nodes[order[k]];
        let f = if node.depth <= 1 {
            &st.bold_wrap
        } else {
            &st.wrap
        };
        ws.write_text_with_format(row, 0, &s.node, f)?;
        let label = format!("{}{}", "  ".repeat(node.depth), fw.text(&node.label, lang));
        ws.write_text_with_format(row, 1, &label, f)?;
        ws.write_text_with_format(row, 2, fw.level_label(node.depth, lang), &st.plain)?;
        ws.write_number_with_format(row, 3, s.count as f64, &st.plain)?;
        for (col, v) in [
            (4, s.mean),
            (5, s.median),
            (6, s.sd),
            (7, s.q1),
            (8, s.q3),
            (9, s.min),
            (10, s.max),
            (11, s.ci95.map(|x| x.0)),
            (12, s.ci95.map(|x| x.1)),
        ] {
            write_opt_number(ws, row, col, v, &st.score)?;
        }
        ws.set_row_height(row, text_height(&label, cols[1].1))?;
    }
    sheet_setup(ws, t(lang, L::Statistics), lang, true);
    // The table's header repeats on its later pages (not over the bands above it).
    ws.set_repeat_rows(top, top)?;
    if top == 0 {
        ws.set_freeze_panes(1, 2)?;
    }
    Ok(())
}

/// The band counts of the root and the level-1 areas at the top of the sheet, and
/// their chart under them. Returns the row where the statistics table starts.
fn bands(
    ws: &mut Worksheet,
    x: &Ctx,
    cols: &[(&str, f64)],
    band_names: &[&str],
) -> Result<u32, XlsxError> {
    let (fw, c, lang, st) = (x.fw, x.c, x.lang, x.st);
    let sheet = t(lang, L::Statistics);
    let level = fw.level_label(1, lang);
    ws.write_text_with_format(
        0,
        0,
        fmt(
            lang,
            "compare.statistics.bands_heading",
            &[("level", level.into())],
        ),
        &st.heading,
    )?;
    let head = 1;
    let n = fw.bands.len();
    let mut header: Vec<(&str, f64)> =
        vec![(t(lang, L::Id), cols[0].1), (t(lang, L::Name), cols[1].1)];
    ws.write_text_with_format(head, 0, t(lang, L::Id), &st.header)?;
    ws.write_text_with_format(head, 1, t(lang, L::Name), &st.header)?;
    for (k, name) in band_names.iter().enumerate() {
        let col = BAND_COL + k as u16;
        ws.write_text_with_format(head, col, *name, &st.header)?;
        header.push((name, cols.get(col as usize).map(|c| c.1).unwrap_or(10.0)));
    }
    ws.set_row_height(head, header_height(&header))?;
    let rows = top_nodes(fw);
    let order = fw.tree_order();
    for (k, &i) in rows.iter().enumerate() {
        let r = head + 1 + k as u32;
        let node = &fw.nodes[order[i]];
        let name = if node.depth == 0 {
            t(lang, L::Overall)
        } else {
            fw.text(&node.label, lang)
        };
        let f = if node.depth == 0 {
            &st.bold_wrap
        } else {
            &st.wrap
        };
        ws.write_text_with_format(r, 0, &node.id, f)?;
        ws.write_text_with_format(r, 1, name, f)?;
        let b = &c.bands[i];
        for (k, count) in b.counts.iter().enumerate() {
            ws.write_number_with_format(r, BAND_COL + k as u16, *count as f64, &st.plain)?;
        }
        ws.write_number_with_format(r, BAND_COL + n as u16, b.unscored as f64, &st.plain)?;
        ws.set_row_height(r, text_height(name, cols[1].1))?;
    }
    let (a, z) = (head + 1, head + rows.len() as u32);
    let mut chart = Chart::new(ChartType::BarStacked);
    for k in 0..n {
        let col = BAND_COL + k as u16;
        chart
            .add_series()
            .set_categories((sheet, a, 1, z, 1))
            .set_values((sheet, a, col, z, col))
            .set_name((sheet, head, col))
            .set_gap(60)
            .set_format(
                ChartFormat::new()
                    .set_solid_fill(ChartSolidFill::new().set_color(band_color(k, n))),
            );
    }
    chart.title().set_name(&fmt(
        lang,
        "compare.statistics.bands_chart",
        &[("level", level.into())],
    ));
    // Areas top to bottom in tree order (a bar chart's y axis holds the categories),
    // the counts' axis at the bottom, from 0 to the number of units.
    chart
        .y_axis()
        .set_reverse()
        .set_crossing(ChartAxisCrossing::Max);
    chart
        .x_axis()
        .set_min(0)
        .set_max(c.units.len().max(1) as f64);
    chart
        .legend()
        .set_position(rust_xlsxwriter::ChartLegendPosition::Bottom);
    let height = 140 + 34 * rows.len() as u32;
    chart.set_width(760).set_height(height);
    ws.insert_chart(z + 2, 1, &chart)?;
    // The table starts under the chart (rows of 15 points, a margin).
    Ok(z + 4 + height / 20)
}
