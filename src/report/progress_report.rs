//! The progress workbook of one unit between two rounds: `Summary` (overall and level-1
//! scores of both rounds with signed, coloured changes and band transitions, a chart
//! named by period and round, how many gaps closed and opened), a Contents sheet,
//! `Scores` (every node), `Indicators` (answers by label, scores and what changed),
//! `Remaining gaps` (the gap register of the later round), `Diagnostics` and `About`.
//! When OLD is later than NEW the Summary says so first (`C030`).

use super::contents::{SheetEntry, add_sheets};
use super::gap_register::write_gap_register;
use super::labels::{Label as L, status, t};
use super::sheets::{
    SIGNED, colour_changes, header_height, header_width, text_height, write_diagnostics,
    write_fields, write_headers, write_opt_number,
};
use super::style::{Styles, creation_time, sheet_setup};
use crate::cells::TextCells;
use crate::compare::rounds::{Change, NodeChange, RoundChanges};
use crate::diag::{Code, Diagnostic};
use crate::i18n::{fmt, msg};
use crate::intake::Meta;
use crate::results::Results;
use crate::rules::{Child, Framework};
use rust_xlsxwriter::{
    Chart, ChartFormat, ChartSolidFill, ChartType, Color, DocProperties, Format, FormatAlign,
    FormatBorder, Workbook, Worksheet, XlsxError,
};

/// Builds the progress workbook of one unit between two rounds.
///
///
/// ```
/// # let rules = mgi::Rules::bundled();
/// # let fw = rules.get("micic").unwrap();
/// # let reader = mgi::Reader::new(&rules);
/// # let read = |p: &str| reader.read_path(p.as_ref(), None).unwrap().remove(0);
/// # let results = mgi::evaluate(fw, &read("fixtures/XAA-2026-micic.xlsx"));
/// let again = mgi::evaluate(fw, &read("fixtures/XAA-2026-micic.xlsx"));
/// let changes = mgi::round_changes(fw, &results, &again);
/// let bytes = mgi::progress_report(fw, &results, &again, &changes, "en").unwrap();
/// assert!(bytes.starts_with(b"PK"));
/// // Results of another framework: an error, not wrong labels.
/// let sdg = rules.get("sdg-10-7-2").unwrap();
/// assert!(mgi::progress_report(sdg, &results, &again, &changes, "en").is_err());
/// ```
///
/// # Errors
/// [`Error::FrameworkMismatch`](crate::Error::FrameworkMismatch) when either round was
/// not scored with `fw`; [`Error::Workbook`](crate::Error::Workbook) when the writer
/// fails.
pub fn progress_report(
    fw: &Framework,
    old: &Results,
    new: &Results,
    p: &RoundChanges,
    lang: &str,
) -> crate::Result<Vec<u8>> {
    old.check_framework(fw)?;
    new.check_framework(fw)?;
    build(fw, old, new, p, lang)
        .and_then(|mut wb| wb.save_to_buffer())
        .map_err(crate::error::workbook("progress workbook"))
}

/// A round as headings name it: "2026, round 2".
pub fn round_heading(m: &Meta, lang: &str) -> String {
    fmt(
        lang,
        "progress.round_heading",
        &[
            ("period", m.period.as_str().into()),
            ("round", m.round.as_str().into()),
        ],
    )
}

/// The formats of the progress workbook beyond the shared ones.
struct Extra {
    /// A change with its sign (coloured by [`colour_changes`]).
    signed: Format,
    /// The C030 banner.
    warning: Format,
    /// A band that rose, fell, or stayed.
    up: Format,
    down: Format,
}

fn bordered(f: Format) -> Format {
    f.set_border(FormatBorder::Thin)
        .set_border_color(Color::RGB(0xD9D9D9))
        .set_align(FormatAlign::Top)
}

impl Extra {
    fn new() -> Self {
        Extra {
            // Green and red come from conditional formats ([`colour_changes`]).
            signed: bordered(Format::new().set_num_format(SIGNED)),
            warning: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_font_color(Color::RGB(0xC00000))
                .set_background_color(Color::RGB(0xFCE4D6))
                .set_align(FormatAlign::Top),
            up: bordered(
                Format::new()
                    .set_font_color(Color::RGB(0x00703C))
                    .set_bold()
                    .set_text_wrap(),
            ),
            down: bordered(
                Format::new()
                    .set_font_color(Color::RGB(0xC00000))
                    .set_bold()
                    .set_text_wrap(),
            ),
        }
    }
}

/// What a progress writer reads.
struct Ctx<'a> {
    fw: &'a Framework,
    old: &'a Results,
    new: &'a Results,
    p: &'a RoundChanges,
    lang: &'a str,
    st: Styles,
    x: Extra,
    /// "2024, round 1" and "2026, round 2".
    old_round: String,
    new_round: String,
}

impl Ctx<'_> {
    /// A column wide enough for the longest band transition in bold ("En développement
    /// → Bien développé"), up to 44 units (longer ones wrap).
    fn transition_width(&self) -> f64 {
        let longest = self
            .fw
            .bands
            .iter()
            .map(|b| self.fw.text(&b.label, self.lang).chars().count())
            .max()
            .unwrap_or(0);
        ((2 * longest + 3) as f64 + 2.0).clamp(16.0, 44.0)
    }

    /// The band transition of a node: "Developing → Developed", or the band alone when
    /// it did not change; with the format that colours a rise or a fall.
    fn transition(&self, n: &NodeChange) -> (String, &Format) {
        let (fw, lang) = (self.fw, self.lang);
        let name = |b: Option<usize>| b.map(|b| fw.text(&fw.bands[b].label, lang)).unwrap_or("");
        match (n.old_band, n.new_band) {
            (Some(a), Some(b)) if a == b => (name(Some(a)).to_string(), &self.st.plain),
            (None, None) => (String::new(), &self.st.plain),
            (a, b) => {
                let text = fmt(
                    lang,
                    "progress.transition",
                    &[("old", name(a).into()), ("new", name(b).into())],
                );
                let f = match (a, b) {
                    (Some(a), Some(b)) if b > a => &self.x.up,
                    (Some(a), Some(b)) if b < a => &self.x.down,
                    _ => &self.st.plain,
                };
                (text, f)
            }
        }
    }

    fn change_label(&self, c: Change) -> &'static str {
        t(
            self.lang,
            match c {
                Change::Closed => L::Closed,
                Change::Opened => L::Opened,
                Change::Improved => L::Improved,
                Change::Worsened => L::Worsened,
                Change::Unchanged => L::Unchanged,
            },
        )
    }

    /// An answer as its label in the report language (an option's label, not-applicable,
    /// don't know, a number), or the status in brackets when there is no answer.
    fn answer(&self, r: &Results, i: usize) -> String {
        let (fw, lang) = (self.fw, self.lang);
        let s = &r.indicators[i];
        let sp = &fw.special;
        if let Some(o) = fw.scale_of(i).options.iter().find(|o| o.code == s.answer) {
            return fw.text(&o.label, lang).to_string();
        }
        if !s.answer.is_empty() && s.answer == sp.not_applicable.code {
            return fw.text(&sp.not_applicable.label, lang).to_string();
        }
        if !s.answer.is_empty() && s.answer == sp.dont_know.code {
            return fw.text(&sp.dont_know.label, lang).to_string();
        }
        if !s.answer.is_empty() {
            return s.answer.clone();
        }
        format!("({})", status(lang, s.status.name()))
    }
}

fn build(
    fw: &Framework,
    old: &Results,
    new: &Results,
    p: &RoundChanges,
    lang: &str,
) -> Result<Workbook, XlsxError> {
    let x = Ctx {
        fw,
        old,
        new,
        p,
        lang,
        st: Styles::new(),
        x: Extra::new(),
        old_round: round_heading(&old.assessment.meta, lang),
        new_round: round_heading(&new.assessment.meta, lang),
    };
    let mut wb = Workbook::new();
    let m = &new.assessment.meta;
    let title = fmt(
        lang,
        "progress.title",
        &[
            ("report", t(lang, L::ProgressReport).into()),
            ("framework", fw.text(&fw.title, lang).into()),
        ],
    );
    wb.set_properties(
        &DocProperties::new()
            .set_title(&title)
            .set_author("mgi")
            .set_creation_datetime(&creation_time(&m.date, &m.period)),
    );
    type Writer = fn(&mut Worksheet, &Ctx, &str) -> Result<(), XlsxError>;
    let sheets: [(L, &str, Writer); 6] = [
        (L::Summary, "progress.sheet_about.summary", summary),
        (L::Scores, "progress.sheet_about.scores", scores),
        (L::Indicators, "progress.sheet_about.indicators", indicators),
        (
            L::RemainingGaps,
            "progress.sheet_about.remaining_gaps",
            |ws, x, _| write_gap_register(ws, x.fw, x.new, x.lang, &x.st),
        ),
        (
            L::Diagnostics,
            "progress.sheet_about.diagnostics",
            |ws, x, _| {
                let all: Vec<Diagnostic> = x
                    .old
                    .diagnostics()
                    .iter()
                    .chain(x.new.diagnostics())
                    .chain(&x.p.diagnostics)
                    .cloned()
                    .collect();
                write_diagnostics(ws, &all, x.lang, &x.st)
            },
        ),
        (L::About, "progress.sheet_about.about", about),
    ];
    let entries: Vec<SheetEntry> = sheets
        .iter()
        .map(|(name, about, _)| SheetEntry {
            name: t(lang, *name).to_string(),
            about: msg(lang, about).to_string(),
        })
        .collect();
    add_sheets(&mut wb, &entries, &title, lang, &x.st)?;
    for (name, _, write) in sheets {
        write(wb.worksheet_from_name(t(lang, name))?, &x, &title)?;
    }
    Ok(wb)
}

fn summary(ws: &mut Worksheet, x: &Ctx, title: &str) -> Result<(), XlsxError> {
    let (fw, p, lang, st) = (x.fw, x.p, x.lang, &x.st);
    let level1 = fw.level_label(1, lang).to_string();
    let band_header = fmt(
        lang,
        "progress.band_header",
        &[
            ("old", x.old.assessment.meta.period.as_str().into()),
            ("new", x.new.assessment.meta.period.as_str().into()),
        ],
    );
    let headers = [
        (level1.as_str(), 32.0),
        (x.old_round.as_str(), 11.0),
        (x.new_round.as_str(), 11.0),
        (t(lang, L::Change), 10.0),
        (band_header.as_str(), x.transition_width()),
    ];
    let cols: Vec<(&str, f64)> = headers
        .iter()
        .map(|(h, w)| (*h, header_width(h, *w)))
        .collect();
    let width: f64 = cols.iter().map(|c| c.1).sum();
    for (k, (_, w)) in cols.iter().enumerate() {
        ws.set_column_width(k as u16, *w)?;
    }
    // The title wraps over the table's width (16-point bold: about 1.3 units a letter).
    let last_col = cols.len() as u16 - 1;
    let title_format = st
        .title
        .format
        .clone()
        .set_text_wrap()
        .set_align(FormatAlign::Top);
    ws.merge_range(0, 0, 0, last_col, title, &title_format)?;
    ws.set_row_height(0, crate::sheet::fit::height(title, width, &st.title.font))?;
    let unit = x.new.assessment.meta.display_name();
    ws.write_text_with_format(
        1,
        0,
        fmt(
            lang,
            "progress.unit_line",
            &[
                ("unit", unit.as_str().into()),
                ("old", x.old_round.as_str().into()),
                ("new", x.new_round.as_str().into()),
            ],
        ),
        &st.subtitle,
    )?;
    let mut row = 3;
    if p.diagnostics.iter().any(|d| d.code == Code::C030) {
        let text = fmt(
            lang,
            "progress.later_warning",
            &[
                ("code", Code::C030.as_str().into()),
                ("old", x.old_round.as_str().into()),
                ("new", x.new_round.as_str().into()),
            ],
        );
        ws.merge_range(row, 0, row, cols.len() as u16 - 1, &text, &x.x.warning)?;
        ws.set_row_height(row, text_height(&text, width * 0.85) + 4.0)?;
        row += 2;
    }
    let head = row;
    for (k, (h, _)) in cols.iter().enumerate() {
        ws.write_text_with_format(head, k as u16, *h, &st.header)?;
    }
    ws.set_row_height(head, header_height(&cols))?;
    row += 1;
    let mut nodes: Vec<usize> = vec![fw.root];
    nodes.extend(fw.nodes[fw.root].children.iter().filter_map(|c| match c {
        Child::Node(n) => Some(*n),
        _ => None,
    }));
    for n in nodes {
        let Some(ch) = p.nodes.iter().find(|c| c.node == n) else {
            continue;
        };
        let (name, f) = if n == fw.root {
            (t(lang, L::Overall).to_string(), &st.bold_wrap)
        } else {
            (fw.text(&fw.nodes[n].label, lang).to_string(), &st.wrap)
        };
        ws.write_text_with_format(row, 0, &name, f)?;
        write_opt_number(ws, row, 1, ch.old, &st.score)?;
        write_opt_number(ws, row, 2, ch.new, &st.score)?;
        write_opt_number(ws, row, 3, ch.change, &x.x.signed)?;
        let (band, bf) = x.transition(ch);
        ws.write_text_with_format(row, 4, &band, bf)?;
        ws.set_row_height(
            row,
            text_height(&name, cols[0].1).max(text_height(&band, cols[4].1)),
        )?;
        row += 1;
    }
    colour_changes(ws, head + 1, 3, row - 1)?;
    // The chart of the areas (the overall row aside): one series per round.
    let (a, b) = (head + 2, row - 1);
    let mut chart_end = row;
    if b >= a {
        let sheet = t(lang, L::Summary);
        let mut chart = Chart::new(ChartType::Bar);
        for (col, color) in [(1u16, 0xA6A6A6u32), (2, 0x2F5597)] {
            chart
                .add_series()
                .set_categories((sheet, a, 0, b, 0))
                .set_values((sheet, a, col, b, col))
                .set_name((sheet, head, col))
                .set_gap(60)
                .set_format(
                    ChartFormat::new().set_solid_fill(ChartSolidFill::new().set_color(color)),
                );
        }
        chart.title().set_name(&fmt(
            lang,
            "progress.chart_title",
            &[
                ("level", level1.as_str().into()),
                ("old", x.old_round.as_str().into()),
                ("new", x.new_round.as_str().into()),
            ],
        ));
        chart.x_axis().set_min(0).set_max(100);
        // Areas top to bottom (a bar chart's y axis holds the categories), the scores'
        // axis at the bottom.
        chart
            .y_axis()
            .set_reverse()
            .set_crossing(rust_xlsxwriter::ChartAxisCrossing::Max);
        chart
            .legend()
            .set_position(rust_xlsxwriter::ChartLegendPosition::Bottom);
        let height = 120 + 36 * (b - a + 1);
        chart.set_width(640).set_height(height);
        ws.insert_chart(row + 1, 0, &chart)?;
        // About 20 points a row.
        chart_end = row + 2 + height / 20;
    }
    row = chart_end + 1;
    ws.write_text_with_format(
        row,
        0,
        fmt(
            lang,
            "progress.indicator_changes",
            &[
                ("old", x.old_round.as_str().into()),
                ("new", x.new_round.as_str().into()),
            ],
        ),
        &st.heading,
    )?;
    row += 1;
    for c in [
        Change::Closed,
        Change::Improved,
        Change::Unchanged,
        Change::Worsened,
        Change::Opened,
    ] {
        ws.write_text_with_format(row, 0, x.change_label(c), &st.plain)?;
        ws.write_number_with_format(
            row,
            1,
            p.indicators.iter().filter(|i| i.change == c).count() as f64,
            &st.plain,
        )?;
        row += 1;
    }
    sheet_setup(ws, title, lang, false);
    ws.set_print_fit_to_pages(1, 1);
    Ok(())
}

fn scores(ws: &mut Worksheet, x: &Ctx, _: &str) -> Result<(), XlsxError> {
    let (fw, p, lang, st) = (x.fw, x.p, x.lang, &x.st);
    let band_header = fmt(
        lang,
        "progress.band_header",
        &[
            ("old", x.old.assessment.meta.period.as_str().into()),
            ("new", x.new.assessment.meta.period.as_str().into()),
        ],
    );
    let headers = [
        (t(lang, L::Id), 10.0),
        (t(lang, L::Name), 54.0),
        (x.old_round.as_str(), 11.0),
        (x.new_round.as_str(), 11.0),
        (t(lang, L::Change), 10.0),
        (band_header.as_str(), x.transition_width()),
    ];
    let cols: Vec<(&str, f64)> = headers
        .iter()
        .map(|(h, w)| (*h, header_width(h, *w)))
        .collect();
    write_headers(ws, 0, &cols, st)?;
    ws.set_row_height(0, header_height(&cols))?;
    for (k, n) in p.nodes.iter().enumerate() {
        let row = k as u32 + 1;
        let node = &fw.nodes[n.node];
        let f = if node.depth <= 1 {
            &st.bold_wrap
        } else {
            &st.wrap
        };
        ws.write_text_with_format(row, 0, &node.id, &st.plain)?;
        let name = format!("{}{}", "  ".repeat(node.depth), fw.text(&node.label, lang));
        ws.write_text_with_format(row, 1, &name, f)?;
        write_opt_number(ws, row, 2, n.old, &st.score)?;
        write_opt_number(ws, row, 3, n.new, &st.score)?;
        write_opt_number(ws, row, 4, n.change, &x.x.signed)?;
        let (band, bf) = x.transition(n);
        ws.write_text_with_format(row, 5, &band, bf)?;
        ws.set_row_height(
            row,
            text_height(&name, cols[1].1).max(text_height(&band, cols[5].1)),
        )?;
    }
    colour_changes(ws, 1, 4, p.nodes.len() as u32)?;
    ws.set_freeze_panes(1, 2)?;
    sheet_setup(ws, t(lang, L::Scores), lang, true);
    Ok(())
}

fn indicators(ws: &mut Worksheet, x: &Ctx, _: &str) -> Result<(), XlsxError> {
    let (fw, p, lang, st) = (x.fw, x.p, x.lang, &x.st);
    let answer_in = |r: &str| fmt(lang, "progress.answer_in", &[("round", r.into())]);
    let score_in = |r: &str| fmt(lang, "progress.score_in", &[("round", r.into())]);
    let (ao, an) = (answer_in(&x.old_round), answer_in(&x.new_round));
    let (so, sn) = (score_in(&x.old_round), score_in(&x.new_round));
    let headers = [
        (t(lang, L::Id), 9.0),
        (t(lang, L::Question), 56.0),
        (ao.as_str(), 16.0),
        (an.as_str(), 16.0),
        (so.as_str(), 10.0),
        (sn.as_str(), 10.0),
        (t(lang, L::Change), 10.0),
        (t(lang, L::Progress), 14.0),
    ];
    let cols: Vec<(&str, f64)> = headers
        .iter()
        .map(|(h, w)| (*h, header_width(h, *w)))
        .collect();
    write_headers(ws, 0, &cols, st)?;
    ws.set_row_height(0, header_height(&cols))?;
    for (k, i) in p.indicators.iter().enumerate() {
        let row = k as u32 + 1;
        let ind = &fw.indicators[i.indicator];
        let q = fw.text(&ind.question, lang);
        ws.write_text_with_format(row, 0, &ind.id, &st.plain)?;
        ws.write_text_with_format(row, 1, q, &st.wrap)?;
        let (a, b) = (x.answer(x.old, i.indicator), x.answer(x.new, i.indicator));
        ws.write_text_with_format(row, 2, &a, &st.wrap)?;
        ws.write_text_with_format(row, 3, &b, &st.wrap)?;
        write_opt_number(ws, row, 4, i.old_score, &st.score)?;
        write_opt_number(ws, row, 5, i.new_score, &st.score)?;
        write_opt_number(
            ws,
            row,
            6,
            i.old_score.zip(i.new_score).map(|(o, n)| n - o),
            &x.x.signed,
        )?;
        let f = match i.change {
            Change::Closed | Change::Improved => &x.x.up,
            Change::Opened | Change::Worsened => &x.x.down,
            Change::Unchanged => &st.plain,
        };
        ws.write_text_with_format(row, 7, x.change_label(i.change), f)?;
        let h = text_height(q, cols[1].1)
            .max(text_height(&a, cols[2].1))
            .max(text_height(&b, cols[3].1));
        ws.set_row_height(row, h)?;
    }
    let n = p.indicators.len() as u32;
    colour_changes(ws, 1, 6, n)?;
    ws.autofilter(0, 0, n.max(1), 7)?;
    ws.set_freeze_panes(1, 1)?;
    sheet_setup(ws, t(lang, L::Indicators), lang, true);
    Ok(())
}

fn about(ws: &mut Worksheet, x: &Ctx, _: &str) -> Result<(), XlsxError> {
    let (fw, p, lang) = (x.fw, x.p, x.lang);
    let m = |k: &str| msg(lang, k);
    let file = |r: &Results| {
        format!(
            "{} (SHA-256 {})",
            r.assessment.source, r.assessment.source_sha256
        )
    };
    let rows: Vec<(&str, String)> = vec![
        (
            m("compare.about.engine"),
            format!("mgi {}", env!("CARGO_PKG_VERSION")),
        ),
        (m("compare.about.schema"), "mgi.progress/1".to_string()),
        (m("compare.about.framework"), fw.id.clone()),
        (m("compare.about.framework_version"), fw.version.clone()),
        (m("compare.about.framework_hash"), fw.content_hash.clone()),
        (m("progress.about.old_file"), file(x.old)),
        (m("progress.about.new_file"), file(x.new)),
        (m("progress.about.added"), p.added.join(", ")),
        (m("progress.about.removed"), p.removed.join(", ")),
    ];
    write_fields(ws, &rows, lang, &x.st)
}
