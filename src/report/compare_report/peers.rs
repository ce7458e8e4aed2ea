//! The `Peers` sheet: each unit against the other units of its group, on the overall
//! score and the level-1 areas, grouped by group then unit: the group's size, the median
//! of the *other* units (the unit itself left out, as the sheet says), and the
//! difference, coloured beyond ±5 points. Every node is in `mgi.compare/1`.

use super::{Ctx, field_name, top_nodes};
use crate::cells::TextCells;
use crate::i18n::{fmt, msg};
use crate::report::labels::{Label as L, t};
use crate::report::sheets::{header_height, header_width, text_height, write_opt_number};
use crate::report::style::sheet_setup;
use rust_xlsxwriter::{
    ConditionalFormatCell, ConditionalFormatCellRule, Format, Worksheet, XlsxError,
};
use std::collections::{HashMap, HashSet};

/// Writes the sheet.
pub(super) fn write(ws: &mut Worksheet, x: &Ctx) -> Result<(), XlsxError> {
    let (fw, c, lang, st) = (x.fw, x.c, x.lang, x.st);
    let field = c.group_by.clone().unwrap_or_default();
    let field_label = field_name(lang, &field);
    let headers = [
        (field_label.as_str(), 16.0),
        (t(lang, L::Unit), 7.0),
        (t(lang, L::Period), 8.0),
        (t(lang, L::Id), 8.0),
        (t(lang, L::Name), 40.0),
        (t(lang, L::Score), 9.0),
        (msg(lang, "compare.peers.group_size"), 9.0),
        (msg(lang, "compare.peers.others_median"), 10.0),
        (msg(lang, "compare.peers.difference"), 10.0),
    ];
    let cols: Vec<(&str, f64)> = headers
        .iter()
        .map(|(h, w)| (*h, header_width(h, *w)))
        .collect();
    let total: f64 = cols.iter().map(|c| c.1).sum();
    // The note above the table says what the median is.
    let note = fmt(
        lang,
        "compare.peers.note",
        &[
            ("field", field_label.clone().into()),
            ("level", fw.level_label(1, lang).into()),
        ],
    );
    ws.merge_range(0, 0, 0, cols.len() as u16 - 1, &note, &st.note)?;
    ws.set_row_height(0, text_height(&note, total * 0.95))?;
    for (k, (h, w)) in cols.iter().enumerate() {
        ws.write_text_with_format(1, k as u16, *h, &st.header)?;
        ws.set_column_width(k as u16, *w)?;
    }
    ws.set_row_height(1, header_height(&cols))?;
    let labels: HashMap<&str, &str> = fw
        .nodes
        .iter()
        .map(|n| {
            let name = if n.depth == 0 {
                t(lang, L::Overall)
            } else {
                fw.text(&n.label, lang)
            };
            (n.id.as_str(), name)
        })
        .collect();
    let shown: HashSet<&str> = top_nodes(fw)
        .into_iter()
        .map(|k| c.node_ids[k].as_str())
        .collect();
    let mut rows: Vec<&crate::compare::PeerRow> = c
        .peers
        .iter()
        .filter(|p| shown.contains(p.node.as_str()))
        .collect();
    // By group, then unit (the library's order within a unit is the tree's); the units
    // without the field last.
    rows.sort_by(|a, b| {
        (a.group.is_empty(), &a.group, &a.unit, &a.period).cmp(&(
            b.group.is_empty(),
            &b.group,
            &b.unit,
            &b.period,
        ))
    });
    let none = msg(lang, "compare.field.no_value");
    for (k, p) in rows.iter().enumerate() {
        let row = k as u32 + 2;
        let root = c.node_ids.first().is_some_and(|r| *r == p.node);
        let f = if root { &st.bold_wrap } else { &st.plain };
        let group = if p.group.is_empty() { none } else { &p.group };
        ws.write_text_with_format(row, 0, group, &st.plain)?;
        ws.write_text_with_format(row, 1, &p.unit, f)?;
        ws.write_text_with_format(row, 2, &p.period, &st.plain)?;
        ws.write_text_with_format(row, 3, &p.node, &st.plain)?;
        ws.write_text_with_format(
            row,
            4,
            labels.get(p.node.as_str()).copied().unwrap_or(""),
            f,
        )?;
        write_opt_number(ws, row, 5, p.score, &st.score)?;
        ws.write_number_with_format(row, 6, p.group_size as f64, &st.plain)?;
        write_opt_number(ws, row, 7, p.others_median, &st.score)?;
        write_opt_number(ws, row, 8, p.others_difference, &st.score)?;
    }
    if !rows.is_empty() {
        let n = rows.len() as u32 + 1;
        let red = Format::new().set_font_color("#C00000");
        let green = Format::new().set_font_color("#00703C");
        ws.add_conditional_format(
            2,
            8,
            n,
            8,
            &ConditionalFormatCell::new()
                .set_rule(ConditionalFormatCellRule::LessThan(-5))
                .set_format(red),
        )?;
        ws.add_conditional_format(
            2,
            8,
            n,
            8,
            &ConditionalFormatCell::new()
                .set_rule(ConditionalFormatCellRule::GreaterThan(5))
                .set_format(green),
        )?;
        ws.autofilter(1, 0, n, 8)?;
    }
    ws.set_freeze_panes(2, 2)?;
    // Narrow and long: portrait holds more rows a page.
    sheet_setup(ws, t(lang, L::Peers), lang, false);
    ws.set_repeat_rows(1, 1)?;
    Ok(())
}
