//! The comparison workbook (`Matrix`, `Statistics`, `Peers`, `Indicators`,
//! `Uncertainty`, `Diagnostics`, `About`) and the progress workbook (`Summary`,
//! `Scores`, `Indicators`, `Remaining gaps`, `About`).

use super::gap_register::write_gap_register;
use super::labels::{Label as L, t};
use super::sheets::{write_diagnostics, write_fields, write_headers};
use super::style::{Styles, creation_time, sheet_setup, wrapped_height};
use crate::cells::TextCells;
use crate::compare::Comparison;
use crate::compare::progress::{Change, Progress};
use crate::diag::Diagnostic;
use crate::results::Results;
use crate::rules::{Child, Framework};
use rust_xlsxwriter::{
    Chart, ChartType, ConditionalFormat3ColorScale, ConditionalFormatCell,
    ConditionalFormatCellRule, ConditionalFormatDataBar, ConditionalFormatType, DocProperties,
    Format, Workbook, Worksheet, XlsxError,
};
use std::collections::BTreeSet;

/// Options of the comparison workbook.
#[derive(Debug, Clone)]
pub struct CompareReportOptions {
    /// Language.
    pub lang: String,
    /// The command line options, recorded in `About`.
    pub options: String,
}

fn heat_map() -> ConditionalFormat3ColorScale {
    ConditionalFormat3ColorScale::new()
        .set_minimum(ConditionalFormatType::Number, 0)
        .set_midpoint(ConditionalFormatType::Number, 50)
        .set_maximum(ConditionalFormatType::Number, 100)
        .set_minimum_color("#F8696B")
        .set_midpoint_color("#FFEB84")
        .set_maximum_color("#63BE7B")
}

fn opt_num(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    v: Option<f64>,
    f: &Format,
) -> Result<(), XlsxError> {
    match v {
        Some(x) => ws.write_number_with_format(row, col, x, f)?,
        None => ws.write_blank(row, col, f)?,
    };
    Ok(())
}

/// Builds the comparison workbook. `diagnostics` are those of the inputs.
///
/// # Errors
/// [`Error::FrameworkMismatch`](crate::Error::FrameworkMismatch) when `c` compares
/// another framework; [`Error::Workbook`](crate::Error::Workbook) when the writer fails.
pub fn compare_report(
    fw: &Framework,
    c: &Comparison,
    diagnostics: &[Diagnostic],
    opts: &CompareReportOptions,
) -> crate::Result<Vec<u8>> {
    if c.framework != fw.id || c.version != fw.version {
        return Err(crate::Error::FrameworkMismatch {
            expected: format!("{} {}", fw.id, fw.version),
            found: format!("a comparison of {} {}", c.framework, c.version),
        });
    }
    build_compare(fw, c, diagnostics, opts)
        .and_then(|mut wb| wb.save_to_buffer())
        .map_err(crate::error::workbook("comparison workbook"))
}

fn build_compare(
    fw: &Framework,
    c: &Comparison,
    diagnostics: &[Diagnostic],
    opts: &CompareReportOptions,
) -> Result<Workbook, XlsxError> {
    let lang = opts.lang.as_str();
    let st = Styles::new();
    let mut wb = Workbook::new();
    let first_period = c.units.first().map(|u| u.period.as_str()).unwrap_or("");
    wb.set_properties(
        &DocProperties::new()
            .set_title(format!(
                "{}: {}",
                t(lang, L::ComparisonReport),
                fw.text(&fw.title, lang)
            ))
            .set_author("mgi")
            .set_creation_datetime(&creation_time("", first_period)),
    );
    let mut sheets = vec![L::Matrix, L::Statistics];
    if c.group_by.is_some() {
        sheets.push(L::Peers);
    }
    sheets.push(L::Indicators);
    if c.uncertainty.is_some() {
        sheets.push(L::Uncertainty);
    }
    sheets.extend([L::Diagnostics, L::About]);
    for s in &sheets {
        wb.add_worksheet().set_name(t(lang, *s))?;
    }
    matrix(
        wb.worksheet_from_name(t(lang, L::Matrix))?,
        fw,
        c,
        lang,
        &st,
    )?;
    statistics(
        wb.worksheet_from_name(t(lang, L::Statistics))?,
        fw,
        c,
        lang,
        &st,
    )?;
    if c.group_by.is_some() {
        peers(wb.worksheet_from_name(t(lang, L::Peers))?, fw, c, lang, &st)?;
    }
    indicators(
        wb.worksheet_from_name(t(lang, L::Indicators))?,
        fw,
        c,
        lang,
        &st,
    )?;
    if c.uncertainty.is_some() {
        uncertainty(
            wb.worksheet_from_name(t(lang, L::Uncertainty))?,
            c,
            lang,
            &st,
        )?;
    }
    let all: Vec<Diagnostic> = diagnostics.iter().chain(&c.diagnostics).cloned().collect();
    write_diagnostics(
        wb.worksheet_from_name(t(lang, L::Diagnostics))?,
        &all,
        lang,
        &st,
    )?;
    about(wb.worksheet_from_name(t(lang, L::About))?, fw, c, opts, &st)?;
    Ok(wb)
}

fn group_fields(c: &Comparison) -> Vec<String> {
    c.units
        .iter()
        .flat_map(|u| u.groups.keys().cloned())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect()
}

fn matrix(
    ws: &mut Worksheet,
    fw: &Framework,
    c: &Comparison,
    lang: &str,
    st: &Styles,
) -> Result<(), XlsxError> {
    let fields = group_fields(c);
    let mut cols: Vec<(String, f64)> = vec![
        (t(lang, L::Unit).into(), 9.0),
        (t(lang, L::Name).into(), 26.0),
        (t(lang, L::Period).into(), 10.0),
    ];
    cols.extend(fields.iter().map(|f| (f.clone(), 16.0)));
    if c.ranks.is_some() {
        cols.push((t(lang, L::Rank).into(), 7.0));
    }
    cols.extend([
        (t(lang, L::Overall).into(), 10.0),
        (t(lang, L::Band).into(), 18.0),
        (t(lang, L::Coverage).into(), 10.0),
    ]);
    let first_node_col = cols.len() as u16;
    // Node columns: every node but the root, in tree order.
    let node_cols: Vec<usize> = (1..c.node_ids.len()).collect();
    for (c0, (h, w)) in cols.iter().enumerate() {
        ws.merge_range(0, c0 as u16, 1, c0 as u16, h, &st.header)?;
        ws.set_column_width(c0 as u16, *w)?;
    }
    let order = fw.tree_order();
    for (k, &i) in node_cols.iter().enumerate() {
        let col = first_node_col + k as u16;
        let node = &fw.nodes[order[i]];
        ws.write_text_with_format(0, col, &node.id, &st.header)?;
        ws.write_text_with_format(1, col, fw.text(&node.label, lang), &st.header)?;
        ws.set_column_width(col, if node.depth == 1 { 14.0 } else { 10.0 })?;
        // Thousands of score cells take the column's format rather than one each.
        ws.set_column_format(col, &st.score)?;
    }
    ws.set_row_height(1, 90)?;
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
            opt_num(ws, row, next(), r[u].map(|x| x as f64), &st.plain)?;
        }
        opt_num(ws, row, next(), unit.overall, &st.score)?;
        let band = unit
            .overall
            .and_then(|s| fw.band_of(s))
            .map(|b| fw.text(&b.label, lang))
            .unwrap_or("");
        ws.write_text_with_format(row, next(), band, &st.plain)?;
        ws.write_number_with_format(row, next(), unit.coverage, &st.percent)?;
        for (k, &i) in node_cols.iter().enumerate() {
            if let Some(x) = unit.nodes[i] {
                ws.write_number(row, first_node_col + k as u16, x)?;
            }
        }
        row += 1;
    }
    if row > 2 {
        let last_col = first_node_col + node_cols.len() as u16 - 1;
        ws.add_conditional_format(
            2,
            first_node_col - 3,
            row - 1,
            first_node_col - 3,
            &heat_map(),
        )?;
        ws.add_conditional_format(2, first_node_col, row - 1, last_col, &heat_map())?;
        ws.autofilter(1, 0, row - 1, last_col)?;
    }
    ws.set_freeze_panes(2, 3)?;
    sheet_setup(ws, t(lang, L::Matrix), lang, true);
    // Too wide for one page: pages run across, each repeating the unit columns.
    ws.set_print_scale(75);
    ws.set_repeat_rows(0, 1)?;
    ws.set_repeat_columns(0, 2)?;
    Ok(())
}

fn statistics(
    ws: &mut Worksheet,
    fw: &Framework,
    c: &Comparison,
    lang: &str,
    st: &Styles,
) -> Result<(), XlsxError> {
    let cols = [
        (t(lang, L::Id), 12.0),
        (t(lang, L::Name), 44.0),
        (t(lang, L::Level), 12.0),
        (t(lang, L::Count), 8.0),
        (t(lang, L::Mean), 9.0),
        (t(lang, L::Median), 9.0),
        (t(lang, L::Sd), 11.0),
        (t(lang, L::Q1), 10.0),
        (t(lang, L::Q3), 10.0),
        (t(lang, L::Min), 9.0),
        (t(lang, L::Max), 9.0),
        (t(lang, L::Ci95Low), 12.0),
        (t(lang, L::Ci95High), 12.0),
    ];
    write_headers(ws, 0, &cols, st)?;
    ws.set_row_height(0, 45)?;
    let order = fw.tree_order();
    let mut level1 = Vec::new();
    for (k, s) in c.statistics.iter().enumerate() {
        let row = k as u32 + 1;
        let node = &fw.nodes[order[k]];
        if node.depth == 1 {
            level1.push(row);
        }
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
            opt_num(ws, row, col, v, &st.score)?;
        }
        ws.set_row_height(row, wrapped_height(&label, 44.0))?;
    }
    if !level1.is_empty() {
        // The first level again, in one block, for the chart (its rows are apart above).
        let sheet = t(lang, L::Statistics);
        let top = c.statistics.len() as u32 + 3;
        let level_name = fw.level_label(1, lang);
        ws.write_text_with_format(top, 0, level_name, &st.heading)?;
        // On paper the summary and its chart start a page of their own.
        ws.set_page_breaks(&[top])?;
        for (k, &row) in level1.iter().enumerate() {
            let r = top + 1 + k as u32;
            let s = &c.statistics[row as usize - 1];
            let node = &fw.nodes[order[row as usize - 1]];
            ws.write_text_with_format(r, 0, &s.node, &st.plain)?;
            ws.write_text_with_format(r, 1, fw.text(&node.label, lang), &st.plain)?;
            opt_num(ws, r, 4, s.mean, &st.score)?;
            opt_num(ws, r, 5, s.median, &st.score)?;
        }
        let (a, b) = (top + 1, top + level1.len() as u32);
        let mut chart = Chart::new(ChartType::Column);
        chart
            .add_series()
            .set_categories((sheet, a, 1, b, 1))
            .set_values((sheet, a, 4, b, 4))
            .set_name(t(lang, L::Mean));
        chart
            .add_series()
            .set_categories((sheet, a, 1, b, 1))
            .set_values((sheet, a, 5, b, 5))
            .set_name(t(lang, L::Median));
        chart.title().set_name(level_name);
        chart.y_axis().set_min(0).set_max(100);
        chart.set_width(640).set_height(320);
        ws.insert_chart(b + 2, 1, &chart)?;
    }
    ws.set_freeze_panes(1, 2)?;
    sheet_setup(ws, t(lang, L::Statistics), lang, true);
    Ok(())
}

fn peers(
    ws: &mut Worksheet,
    fw: &Framework,
    c: &Comparison,
    lang: &str,
    st: &Styles,
) -> Result<(), XlsxError> {
    let group = c.group_by.clone().unwrap_or_default();
    let cols = [
        (t(lang, L::Unit), 9.0),
        (t(lang, L::Period), 10.0),
        (group.as_str(), 18.0),
        (t(lang, L::Id), 12.0),
        (t(lang, L::Name), 44.0),
        (t(lang, L::Score), 11.0),
        (t(lang, L::GroupMedian), 12.0),
        (t(lang, L::Difference), 12.0),
    ];
    write_headers(ws, 0, &cols, st)?;
    let labels: std::collections::HashMap<&str, &str> = fw
        .nodes
        .iter()
        .map(|n| (n.id.as_str(), fw.text(&n.label, lang)))
        .collect();
    for (k, p) in c.peers.iter().enumerate() {
        let row = k as u32 + 1;
        ws.write_text_with_format(row, 0, &p.unit, &st.plain)?;
        ws.write_text_with_format(row, 1, &p.period, &st.plain)?;
        ws.write_text_with_format(row, 2, &p.group, &st.plain)?;
        ws.write_text_with_format(row, 3, &p.node, &st.plain)?;
        ws.write_text_with_format(
            row,
            4,
            labels.get(p.node.as_str()).copied().unwrap_or(""),
            &st.plain,
        )?;
        opt_num(ws, row, 5, p.score, &st.score)?;
        opt_num(ws, row, 6, p.group_median, &st.score)?;
        opt_num(ws, row, 7, p.difference, &st.score)?;
    }
    if !c.peers.is_empty() {
        let n = c.peers.len() as u32;
        let red = Format::new().set_font_color("#C00000");
        let green = Format::new().set_font_color("#00703C");
        ws.add_conditional_format(
            1,
            7,
            n,
            7,
            &ConditionalFormatCell::new()
                .set_rule(ConditionalFormatCellRule::LessThan(-5))
                .set_format(red),
        )?;
        ws.add_conditional_format(
            1,
            7,
            n,
            7,
            &ConditionalFormatCell::new()
                .set_rule(ConditionalFormatCellRule::GreaterThan(5))
                .set_format(green),
        )?;
        ws.autofilter(0, 0, n, 7)?;
    }
    ws.set_freeze_panes(1, 1)?;
    sheet_setup(ws, t(lang, L::Peers), lang, true);
    Ok(())
}

fn indicators(
    ws: &mut Worksheet,
    fw: &Framework,
    c: &Comparison,
    lang: &str,
    st: &Styles,
) -> Result<(), XlsxError> {
    let cols = [
        (t(lang, L::Id), 10.0),
        (t(lang, L::Question), 60.0),
        (t(lang, L::Domain), 22.0),
        (t(lang, L::Met), 9.0),
        (t(lang, L::Partial), 10.0),
        (t(lang, L::NotMet), 9.0),
        (t(lang, L::NotApplicable), 10.0),
        (t(lang, L::Missing), 10.0),
        ("% met", 9.0),
        ("% partly", 9.0),
        ("% not met", 10.0),
    ];
    write_headers(ws, 0, &cols, st)?;
    ws.set_row_height(0, 30)?;
    for (k, s) in c.indicators.iter().enumerate() {
        let row = k as u32 + 1;
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
        let assessed = (s.met + s.partial + s.not_met) as f64;
        for (col, v) in [(8, s.met), (9, s.partial), (10, s.not_met)] {
            opt_num(
                ws,
                row,
                col,
                (assessed > 0.0).then(|| v as f64 / assessed),
                &st.percent,
            )?;
        }
        ws.set_row_height(row, wrapped_height(q, 60.0))?;
    }
    let n = c.indicators.len() as u32;
    if n > 0 {
        ws.add_conditional_format(
            1,
            10,
            n,
            10,
            &ConditionalFormatDataBar::new()
                .set_fill_color("#F4B183")
                .set_solid_fill(true),
        )?;
        ws.add_conditional_format(
            1,
            8,
            n,
            8,
            &ConditionalFormatDataBar::new()
                .set_fill_color("#A9D08E")
                .set_solid_fill(true),
        )?;
        ws.autofilter(0, 0, n, 10)?;
        // Where capacity building is most needed: the indicators least often met.
        let mut worst: Vec<usize> = (0..c.indicators.len()).collect();
        let not_met_share = |i: usize| {
            let s = &c.indicators[i];
            let a = (s.met + s.partial + s.not_met) as f64;
            if a > 0.0 {
                (s.not_met as f64 + 0.5 * s.partial as f64) / a
            } else {
                0.0
            }
        };
        worst.sort_by(|&a, &b| {
            not_met_share(b)
                .total_cmp(&not_met_share(a))
                .then(a.cmp(&b))
        });
        worst.truncate(15);
        let top = n + 3;
        ws.write_text_with_format(top, 0, t(lang, L::LeastMet), &st.heading)?;
        for (col, h) in [
            (12u16, t(lang, L::Id)),
            (13, t(lang, L::Met)),
            (14, t(lang, L::Partial)),
            (15, t(lang, L::NotMet)),
        ] {
            ws.write_text_with_format(top, col, h, &st.header)?;
        }
        for (k, &i) in worst.iter().enumerate() {
            let row = top + 1 + k as u32;
            let s = &c.indicators[i];
            ws.write_text(row, 12, &s.id)?;
            ws.write_number(row, 13, s.met as f64)?;
            ws.write_number(row, 14, s.partial as f64)?;
            ws.write_number(row, 15, s.not_met as f64)?;
        }
        let sheet = t(lang, L::Indicators);
        let (a, b) = (top + 1, top + worst.len() as u32);
        let mut chart = Chart::new(ChartType::BarPercentStacked);
        for (col, name, color) in [
            (13u16, t(lang, L::Met), "#63BE7B"),
            (14, t(lang, L::Partial), "#FFEB84"),
            (15, t(lang, L::NotMet), "#F8696B"),
        ] {
            chart
                .add_series()
                .set_categories((sheet, a, 12, b, 12))
                .set_values((sheet, a, col, b, col))
                .set_name(name)
                .set_format(
                    rust_xlsxwriter::ChartFormat::new()
                        .set_solid_fill(rust_xlsxwriter::ChartSolidFill::new().set_color(color)),
                );
        }
        chart.title().set_name(t(lang, L::LeastMet));
        chart.y_axis().set_reverse();
        chart.set_width(640).set_height(420);
        ws.insert_chart(top + 1, 1, &chart)?;
    }
    ws.set_freeze_panes(1, 1)?;
    sheet_setup(ws, t(lang, L::Indicators), lang, true);
    Ok(())
}

fn uncertainty(
    ws: &mut Worksheet,
    c: &Comparison,
    lang: &str,
    st: &Styles,
) -> Result<(), XlsxError> {
    let Some((o, v)) = &c.uncertainty else {
        return Ok(());
    };
    let mut cols = vec![
        (t(lang, L::Unit), 9.0),
        (t(lang, L::Period), 10.0),
        (t(lang, L::Nominal), 12.0),
        (t(lang, L::Median), 10.0),
        (t(lang, L::P05), 12.0),
        (t(lang, L::P95), 12.0),
    ];
    if c.ranks.is_some() {
        cols.extend([
            (t(lang, L::NominalRank), 10.0),
            (t(lang, L::RankMedian), 10.0),
            (t(lang, L::RankP05), 12.0),
            (t(lang, L::RankP95), 12.0),
        ]);
    }
    write_headers(ws, 0, &cols, st)?;
    ws.set_row_height(0, 30)?;
    for (k, (u, i)) in c.units.iter().zip(v).enumerate() {
        let row = k as u32 + 1;
        ws.write_text_with_format(row, 0, &u.code, &st.plain)?;
        ws.write_text_with_format(row, 1, &u.period, &st.plain)?;
        for (col, x) in [(2, i.nominal), (3, i.median), (4, i.p05), (5, i.p95)] {
            opt_num(ws, row, col, x, &st.score)?;
        }
        if c.ranks.is_some() {
            for (col, x) in [
                (6, i.rank.map(|r| r as f64)),
                (7, i.rank_median),
                (8, i.rank_p05),
                (9, i.rank_p95),
            ] {
                opt_num(ws, row, col, x, &st.plain)?;
            }
        }
    }
    let note = format!(
        "{} draws, seed {}, concentration {}; weights {}, aggregation {}, scores {}.",
        o.draws,
        o.seed,
        o.concentration,
        if o.vary_weights { "varied" } else { "fixed" },
        if o.vary_aggregation {
            "arithmetic or geometric"
        } else {
            "fixed"
        },
        if o.vary_scores {
            "varied within their ranges"
        } else {
            "fixed"
        }
    );
    let row = c.units.len() as u32 + 2;
    ws.write_text_with_format(row, 0, &note, &st.note)?;
    ws.set_freeze_panes(1, 1)?;
    sheet_setup(ws, t(lang, L::Uncertainty), lang, true);
    Ok(())
}

fn about(
    ws: &mut Worksheet,
    fw: &Framework,
    c: &Comparison,
    opts: &CompareReportOptions,
    st: &Styles,
) -> Result<(), XlsxError> {
    let rows: Vec<(&str, String)> = vec![
        ("engine", format!("mgi {}", env!("CARGO_PKG_VERSION"))),
        ("schema", "mgi.compare/1".into()),
        ("framework", fw.id.clone()),
        ("framework version", fw.version.clone()),
        ("framework content sha256", fw.content_hash.clone()),
        ("framework note", fw.text(&fw.about, &opts.lang).into()),
        ("units", c.units.len().to_string()),
        ("options", opts.options.clone()),
        (
            "note",
            "Units are sorted by code; ranks appear only when asked for (--rank).".into(),
        ),
    ];
    write_fields(ws, &rows, &opts.lang, st)
}

/// Builds the progress workbook of one unit between two rounds.
///
/// # Errors
/// [`Error::FrameworkMismatch`](crate::Error::FrameworkMismatch) when either round was
/// not scored with `fw`; [`Error::Workbook`](crate::Error::Workbook) when the writer
/// fails.
pub fn progress_report(
    fw: &Framework,
    old: &Results,
    new: &Results,
    p: &Progress,
    lang: &str,
) -> crate::Result<Vec<u8>> {
    old.check_framework(fw)?;
    new.check_framework(fw)?;
    build_progress(fw, old, new, p, lang)
        .and_then(|mut wb| wb.save_to_buffer())
        .map_err(crate::error::workbook("progress workbook"))
}

fn build_progress(
    fw: &Framework,
    old: &Results,
    new: &Results,
    p: &Progress,
    lang: &str,
) -> Result<Workbook, XlsxError> {
    let st = Styles::new();
    let mut wb = Workbook::new();
    let m = &new.assessment.meta;
    let title = format!(
        "{}: {}",
        t(lang, L::ProgressReport),
        fw.text(&fw.title, lang)
    );
    wb.set_properties(
        &DocProperties::new()
            .set_title(&title)
            .set_author("mgi")
            .set_creation_datetime(&creation_time(&m.date, &m.period)),
    );
    for s in [
        L::Summary,
        L::Scores,
        L::Indicators,
        L::RemainingGaps,
        L::About,
    ] {
        wb.add_worksheet().set_name(t(lang, s))?;
    }
    let label = |c: Change| {
        t(
            lang,
            match c {
                Change::Closed => L::Closed,
                Change::Opened => L::Opened,
                Change::Improved => L::Improved,
                Change::Worsened => L::Worsened,
                Change::Unchanged => L::Unchanged,
            },
        )
    };
    {
        let ws = wb.worksheet_from_name(t(lang, L::Summary))?;
        for (c0, w) in [(0u16, 34.0), (1, 12.0), (2, 12.0), (3, 12.0)] {
            ws.set_column_width(c0, w)?;
        }
        ws.write_text_with_format(0, 0, &title, &st.title)?;
        let om = &old.assessment.meta;
        let unit = m.display_name();
        ws.write_text_with_format(
            1,
            0,
            format!(
                "{unit} · {} {} → {}",
                t(lang, L::Period),
                om.period,
                m.period
            ),
            &st.subtitle,
        )?;
        let level1 = fw.level_label(1, lang).to_string();
        let hdr = [
            level1.as_str(),
            t(lang, L::Old),
            t(lang, L::New),
            t(lang, L::Change),
        ];
        for (c0, h) in hdr.iter().enumerate() {
            ws.write_text_with_format(3, c0 as u16, *h, &st.header)?;
        }
        let mut row = 4;
        let mut rows: Vec<usize> = vec![fw.root];
        rows.extend(fw.nodes[fw.root].children.iter().filter_map(|c| {
            if let Child::Node(n) = c {
                Some(*n)
            } else {
                None
            }
        }));
        for n in rows {
            let ch = p.nodes.iter().find(|x| x.node == n).expect("every node");
            let name = if n == fw.root {
                t(lang, L::Overall).to_string()
            } else {
                fw.text(&fw.nodes[n].label, lang).to_string()
            };
            ws.write_text_with_format(
                row,
                0,
                &name,
                if n == fw.root {
                    &st.bold_wrap
                } else {
                    &st.wrap
                },
            )?;
            opt_num(ws, row, 1, ch.old, &st.score)?;
            opt_num(ws, row, 2, ch.new, &st.score)?;
            opt_num(ws, row, 3, ch.change, &st.score)?;
            row += 1;
        }
        let (a, b) = (5, row - 1);
        if b >= a {
            let sheet = t(lang, L::Summary);
            let mut chart = Chart::new(ChartType::Bar);
            chart
                .add_series()
                .set_categories((sheet, a, 0, b, 0))
                .set_values((sheet, a, 1, b, 1))
                .set_name(t(lang, L::Old));
            chart
                .add_series()
                .set_categories((sheet, a, 0, b, 0))
                .set_values((sheet, a, 2, b, 2))
                .set_name(t(lang, L::New));
            chart.x_axis().set_min(0).set_max(100);
            chart.y_axis().set_reverse();
            chart.set_width(520).set_height(80 + 40 * (b - a + 1));
            ws.insert_chart(3, 5, &chart)?;
        }
        row += 1;
        ws.write_text_with_format(row, 0, t(lang, L::Progress), &st.heading)?;
        row += 1;
        for c0 in [
            Change::Closed,
            Change::Improved,
            Change::Unchanged,
            Change::Worsened,
            Change::Opened,
        ] {
            ws.write_text_with_format(row, 0, label(c0), &st.plain)?;
            ws.write_number_with_format(
                row,
                1,
                p.indicators.iter().filter(|i| i.change == c0).count() as f64,
                &st.plain,
            )?;
            row += 1;
        }
        sheet_setup(ws, &title, lang, true);
        ws.set_print_fit_to_pages(1, 1);
    }
    {
        let ws = wb.worksheet_from_name(t(lang, L::Scores))?;
        write_headers(
            ws,
            0,
            &[
                (t(lang, L::Id), 14.0),
                (t(lang, L::Name), 60.0),
                (t(lang, L::Old), 10.0),
                (t(lang, L::New), 10.0),
                (t(lang, L::Change), 10.0),
            ],
            &st,
        )?;
        for (k, n) in p.nodes.iter().enumerate() {
            let row = k as u32 + 1;
            let node = &fw.nodes[n.node];
            ws.write_text_with_format(row, 0, &node.id, &st.plain)?;
            ws.write_text_with_format(
                row,
                1,
                format!("{}{}", "  ".repeat(node.depth), fw.text(&node.label, lang)),
                &st.wrap,
            )?;
            opt_num(ws, row, 2, n.old, &st.score)?;
            opt_num(ws, row, 3, n.new, &st.score)?;
            opt_num(ws, row, 4, n.change, &st.score)?;
        }
        ws.set_freeze_panes(1, 1)?;
        sheet_setup(ws, t(lang, L::Scores), lang, true);
    }
    {
        let ws = wb.worksheet_from_name(t(lang, L::Indicators))?;
        write_headers(
            ws,
            0,
            &[
                (t(lang, L::Id), 10.0),
                (t(lang, L::Question), 60.0),
                (t(lang, L::Old), 14.0),
                (t(lang, L::New), 14.0),
                (t(lang, L::Score), 10.0),
                (t(lang, L::Score), 10.0),
                (t(lang, L::Change), 16.0),
            ],
            &st,
        )?;
        ws.write_text_with_format(
            0,
            4,
            format!("{} ({})", t(lang, L::Score), t(lang, L::Old).to_lowercase()),
            &st.header,
        )?;
        ws.write_text_with_format(
            0,
            5,
            format!("{} ({})", t(lang, L::Score), t(lang, L::New).to_lowercase()),
            &st.header,
        )?;
        for (k, i) in p.indicators.iter().enumerate() {
            let row = k as u32 + 1;
            let ind = &fw.indicators[i.indicator];
            let q = fw.text(&ind.question, lang);
            ws.write_text_with_format(row, 0, &ind.id, &st.plain)?;
            ws.write_text_with_format(row, 1, q, &st.wrap)?;
            ws.write_text_with_format(row, 2, &i.old_answer, &st.plain)?;
            ws.write_text_with_format(row, 3, &i.new_answer, &st.plain)?;
            opt_num(ws, row, 4, i.old_score, &st.score)?;
            opt_num(ws, row, 5, i.new_score, &st.score)?;
            ws.write_text_with_format(row, 6, label(i.change), &st.plain)?;
            ws.set_row_height(row, wrapped_height(q, 60.0))?;
        }
        let n = p.indicators.len() as u32;
        ws.autofilter(0, 0, n.max(1), 6)?;
        ws.set_freeze_panes(1, 1)?;
        sheet_setup(ws, t(lang, L::Indicators), lang, true);
    }
    write_gap_register(
        wb.worksheet_from_name(t(lang, L::RemainingGaps))?,
        fw,
        new,
        lang,
        &st,
    )?;
    {
        let ws = wb.worksheet_from_name(t(lang, L::About))?;
        let rows: Vec<(&str, String)> = vec![
            ("engine", format!("mgi {}", env!("CARGO_PKG_VERSION"))),
            ("schema", "mgi.progress/1".to_string()),
            (
                "framework",
                format!("{} {} ({})", fw.id, fw.version, fw.content_hash),
            ),
            (
                "before",
                format!(
                    "{} (sha256 {})",
                    old.assessment.source, old.assessment.source_sha256
                ),
            ),
            (
                "after",
                format!(
                    "{} (sha256 {})",
                    new.assessment.source, new.assessment.source_sha256
                ),
            ),
            ("added", p.added.join(", ")),
            ("removed", p.removed.join(", ")),
        ];
        write_fields(ws, &rows, lang, &st)?;
    }
    Ok(wb)
}
