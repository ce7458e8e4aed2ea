//! The `Matrix` sheet: one row per unit (sorted by code), its grouping fields, rank when
//! asked for, overall score, band and coverage, and its score on every node, coloured.
//! On paper it is fitted to the page width (A3 when it is too wide for A4), with the
//! node names turned upright so that the columns stay narrow, and every header wrapped
//! between words only.

use super::{Ctx, field_name, group_fields, heat_map};
use crate::cells::TextCells;
use crate::report::labels::{Label as L, t};
use crate::report::sheets::{header_width, text_height, text_width, write_opt_number};
use crate::report::style::sheet_setup;
use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Worksheet, XlsxError};

/// Width of a node column (a score such as `100.0`; three upright 8-point lines).
const NODE_WIDTH: f64 = 7.0;
/// Font size of the upright node names.
const NODE_FONT: f64 = 8.0;
/// Lines of upright text a node column holds.
const NODE_LINES: usize = 3;
/// Widths (character units) that fit across A4 and A3 landscape at about 65 % or more.
const A4_MAX_WIDTH: f64 = 190.0;

/// The height (points) of the row of upright node names: each name wrapped between
/// words into at most [`NODE_LINES`] lines, measured in the font's metrics (8-point
/// bold, the widest the names are set in), so CJK and Arabic names fit too.
fn upright_height(labels: &[&str]) -> f64 {
    use crate::sheet::fit::{PADDING_PX, lines_in_px, text_px};
    let font = crate::sheet::Font::new(NODE_FONT, true, false);
    let mut longest: f64 = 0.0;
    for l in labels {
        let total = text_px(l, &font) + PADDING_PX;
        let mut px = PADDING_PX + 1.0;
        while lines_in_px(l, px, &font) > NODE_LINES && px < total {
            px += 2.0;
        }
        longest = longest.max(px);
    }
    (longest * 72.0 / 96.0 + 10.0).max(40.0)
}

/// Writes the sheet.
pub(super) fn write(ws: &mut Worksheet, x: &Ctx) -> Result<(), XlsxError> {
    let (fw, c, lang, st) = (x.fw, x.c, x.lang, x.st);
    let fields = group_fields(c);
    let widest = |it: &mut dyn Iterator<Item = f64>| it.fold(0.0, f64::max);
    let name_width = widest(&mut c.units.iter().map(|u| text_width(&u.name))).clamp(10.0, 26.0);
    let band_width =
        widest(&mut fw.bands.iter().map(|b| text_width(fw.text(&b.label, lang)))).clamp(8.0, 20.0);
    let mut cols: Vec<(String, f64)> = vec![
        (t(lang, L::Unit).into(), 7.0),
        (t(lang, L::Name).into(), name_width),
        (t(lang, L::Period).into(), 8.0),
    ];
    // Grouping values on one line up to about 20 characters ("Upper middle income").
    for f in &fields {
        let values = widest(
            &mut c
                .units
                .iter()
                .map(|u| u.groups.get(f).map(|v| text_width(v)).unwrap_or(0.0)),
        );
        cols.push((field_name(lang, f), values.clamp(8.0, 20.0)));
    }
    if c.ranks.is_some() {
        cols.push((t(lang, L::Rank).into(), 6.0));
    }
    cols.extend([
        (t(lang, L::Overall).into(), 8.0),
        (t(lang, L::Band).into(), band_width),
        (t(lang, L::Coverage).into(), 8.0),
    ]);
    let first_node_col = cols.len() as u16;
    // Node columns: every node but the root, in tree order.
    let order = fw.tree_order();
    let node_cols: Vec<usize> = (1..c.node_ids.len()).collect();
    let mut total_width = 0.0;
    for (c0, (h, w)) in cols.iter().enumerate() {
        let w = header_width(h, *w);
        total_width += w;
        ws.merge_range(0, c0 as u16, 1, c0 as u16, h, &st.header)?;
        ws.set_column_width(c0 as u16, w)?;
    }
    let header = |fill: u32| {
        Format::new()
            .set_bold()
            .set_font_color(Color::White)
            .set_background_color(Color::RGB(fill))
            .set_border(FormatBorder::Thin)
            .set_border_color(Color::RGB(0xD9D9D9))
    };
    // Level-1 areas dark, deeper nodes lighter, so the tree shows in the header.
    let id_format = |depth: usize| {
        header(if depth <= 1 { 0x1F3864 } else { 0x2F5597 })
            .set_font_size(NODE_FONT)
            .set_align(FormatAlign::Center)
    };
    let upright = |depth: usize| {
        id_format(depth)
            .set_rotation(90)
            .set_text_wrap()
            .set_align(FormatAlign::Bottom)
    };
    let mut labels = Vec::new();
    for (k, &i) in node_cols.iter().enumerate() {
        let col = first_node_col + k as u16;
        let node = &fw.nodes[order[i]];
        let label = fw.text(&node.label, lang);
        labels.push(label);
        ws.write_text_with_format(0, col, &node.id, &id_format(node.depth))?;
        ws.write_text_with_format(1, col, label, &upright(node.depth))?;
        // CJK lines are taller: the column holds three of them side by side.
        let lines_width = if crate::sheet::fit::has_wide(label) {
            NODE_WIDTH * crate::sheet::fit::CJK_LINE_FACTOR + 0.5
        } else {
            NODE_WIDTH
        };
        let w = lines_width.max(node.id.chars().count() as f64 * 0.9 + 1.0);
        total_width += w;
        ws.set_column_width(col, w)?;
        // Thousands of score cells take the column's format rather than one each.
        ws.set_column_format(col, &st.score)?;
    }
    ws.set_row_height(1, upright_height(&labels))?;
    let band_format = if band_width < 20.0 {
        &st.plain
    } else {
        &st.wrap
    };
    let mut row = 2;
    for (u, unit) in c.units.iter().enumerate() {
        let mut col = 0u16;
        let mut next = || {
            col += 1;
            col - 1
        };
        ws.write_text_with_format(row, next(), &unit.code, &st.plain)?;
        ws.write_text_with_format(row, next(), &unit.name, &st.plain)?;
        ws.write_text_with_format(row, next(), &unit.period, &st.plain)?;
        for f in &fields {
            ws.write_text_with_format(
                row,
                next(),
                unit.groups.get(f).map(String::as_str).unwrap_or(""),
                &st.plain,
            )?;
        }
        if let Some(r) = &c.ranks {
            write_opt_number(ws, row, next(), r[u].map(|x| x as f64), &st.plain)?;
        }
        write_opt_number(ws, row, next(), unit.overall, &st.score)?;
        let band = unit
            .overall
            .and_then(|s| fw.band_of(s))
            .map(|b| fw.text(&b.label, lang))
            .unwrap_or("");
        ws.write_text_with_format(row, next(), band, band_format)?;
        if band_width >= 20.0 {
            // A wrapped band: the row holds its lines.
            ws.set_row_height(row, text_height(band, band_width).max(15.0))?;
        }
        ws.write_number_with_format(row, next(), unit.coverage, &st.percent)?;
        for (k, &i) in node_cols.iter().enumerate() {
            if let Some(v) = unit.nodes[i] {
                ws.write_number(row, first_node_col + k as u16, v)?;
            }
        }
        row += 1;
    }
    let last_col = first_node_col + node_cols.len() as u16 - 1;
    if row > 2 {
        let overall_col = first_node_col - 3;
        ws.add_conditional_format(2, overall_col, row - 1, overall_col, &heat_map())?;
        ws.add_conditional_format(2, first_node_col, row - 1, last_col, &heat_map())?;
        ws.autofilter(1, 0, row - 1, last_col)?;
    }
    ws.set_freeze_panes(2, 2)?;
    sheet_setup(ws, t(lang, L::Matrix), lang, true);
    // Every column on the width of one page, as many pages down as the units need.
    if total_width > A4_MAX_WIDTH {
        ws.set_paper_size(8);
    }
    ws.set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(0, 1)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::upright_height;

    #[test]
    fn upright_names_wrap_between_words_into_three_lines() {
        let font = crate::sheet::Font::new(super::NODE_FONT, true, false);
        let text = "Institutional transparency and coherence";
        let h = upright_height(&[text]);
        let px = (h - 10.0) * 96.0 / 72.0;
        assert!(crate::sheet::fit::lines_in_px(text, px, &font) <= super::NODE_LINES);
        // Not much more than a third of the name's length (it wraps into three lines).
        let one_line = crate::sheet::fit::text_px(text, &font);
        assert!(px < one_line * 0.6, "{px} of {one_line}");
        // Chinese is wider than Latin of the same number of characters.
        assert!(
            upright_height(&["移民获得基本社会服务和社会保障"])
                > upright_height(&["Migrants access basic"])
        );
        assert_eq!(upright_height(&["D1"]), 40.0);
    }
}
