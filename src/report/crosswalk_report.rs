//! The crosswalk view workbook: `Summary` (an "indicative" banner, the target's areas
//! with mapped scores, how much of the target the mapping reaches), `Items` (every
//! target item with its score, status and sources), `Unmapped` (what the source cannot
//! tell), `Scores` (every target node), `Diagnostics` (of the source assessment) and
//! `About` (both frameworks, the mapping file and its hash). Cells hold values at full
//! precision; the creation time comes from the assessment.
//!
//! Every word of this workbook is named in [`Txt`] and written in the message
//! catalogues (`i18n/messages/<lang>/crosswalk.toml`).

use super::crosswalk_json::{CrosswalkJson, crosswalk_json};
use super::labels::status;
use super::sheets::{band_label, write_diagnostics, write_fields, write_score};
use super::style::{Style, Styles, creation_time, sheet_setup};
use crate::crosswalk::{CrosswalkView, MappingCoverage};
use crate::i18n::{Arg, fmt, msg};
use crate::rules::{Child, Framework};
use crate::sheet::{Font, Grid};
use rust_xlsxwriter::{Color, DocProperties, Format, FormatAlign, Workbook, Worksheet, XlsxError};

/// Every text of the crosswalk workbook.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(missing_docs)]
pub enum Txt {
    View,
    Summary,
    Items,
    Unmapped,
    Scores,
    Diagnostics,
    About,
    Banner,
    Use,
    Overall,
    NotComputed,
    Mapping,
    MappingLine,
    Score,
    Band,
    Coverage,
    Status,
    Id,
    Item,
    Area,
    Level,
    Name,
    Answer,
    MappingCoverage,
    Sources,
    Rationale,
    Full,
    Partial,
    None,
    UnmappedNote,
    NoUnmapped,
    Period,
    Round,
}

impl Txt {
    /// The catalogue key of the text (`i18n/messages/<lang>/crosswalk.toml`).
    pub fn key(self) -> &'static str {
        use Txt::*;
        match self {
            View => "crosswalk.view",
            Summary => "crosswalk.summary",
            Items => "crosswalk.items",
            Unmapped => "crosswalk.unmapped",
            Scores => "crosswalk.scores",
            Diagnostics => "crosswalk.diagnostics",
            About => "crosswalk.about",
            Banner => "crosswalk.banner",
            Use => "crosswalk.use",
            Overall => "crosswalk.overall",
            NotComputed => "crosswalk.not_computed",
            Mapping => "crosswalk.mapping",
            MappingLine => "crosswalk.mapping_line",
            Score => "crosswalk.score",
            Band => "crosswalk.band",
            Coverage => "crosswalk.coverage",
            Status => "crosswalk.status",
            Id => "crosswalk.id",
            Item => "crosswalk.item",
            Area => "crosswalk.area",
            Level => "crosswalk.level",
            Name => "crosswalk.name",
            Answer => "crosswalk.answer",
            MappingCoverage => "crosswalk.mapping_coverage",
            Sources => "crosswalk.sources",
            Rationale => "crosswalk.rationale",
            Full => "crosswalk.full",
            Partial => "crosswalk.partial",
            None => "crosswalk.none",
            UnmappedNote => "crosswalk.unmapped_note",
            NoUnmapped => "crosswalk.no_unmapped",
            Period => "crosswalk.period",
            Round => "crosswalk.round",
        }
    }

    /// The text in a language (English for languages without texts).
    pub fn get(self, lang: &str) -> &'static str {
        msg(lang, self.key())
    }
}

/// Options of the crosswalk workbook.
#[derive(Debug, Clone)]
pub struct CrosswalkReportOptions {
    /// Language of the workbook.
    pub lang: String,
}

/// Builds the view workbook for a view of `target` made from an assessment of
/// `source`.
///
///
/// ```
/// # let rules = mgi::Rules::bundled();
/// # let (mgi_fw, sdg) = (rules.get("mgi").unwrap(), rules.get("sdg-10-7-2").unwrap());
/// # let path = "fixtures/XAA-2026-mgi.xlsx".as_ref();
/// # let a = mgi::Reader::new(&rules).read_path(path, None).unwrap().remove(0);
/// # let results = mgi::evaluate(mgi_fw, &a);
/// let mapping = rules.crosswalk("mgi", "sdg-10-7-2").unwrap();
/// let view = mgi::crosswalk::crosswalk(mgi_fw, &results, mapping, sdg).unwrap();
/// let opts = mgi::CrosswalkReportOptions { lang: "fr".into() };
/// let bytes = mgi::crosswalk_report(mgi_fw, sdg, &view, &opts).unwrap();
/// assert!(bytes.starts_with(b"PK"));
/// ```
///
/// # Errors
/// [`Error::FrameworkMismatch`](crate::Error::FrameworkMismatch) when the view was not
/// made with these frameworks; [`Error::Workbook`](crate::Error::Workbook) when the
/// writer fails.
pub fn crosswalk_report(
    source: &Framework,
    target: &Framework,
    v: &CrosswalkView,
    opts: &CrosswalkReportOptions,
) -> crate::Result<Vec<u8>> {
    let j = crosswalk_json(source, target, v)?;
    let what = format!("crosswalk view of {}", v.results.assessment.source);
    build(source, target, v, &j, &opts.lang)
        .and_then(|mut wb| wb.save_to_buffer())
        .map_err(crate::error::workbook(what))
}

fn build(
    source: &Framework,
    target: &Framework,
    v: &CrosswalkView,
    j: &CrosswalkJson,
    lang: &str,
) -> Result<Workbook, XlsxError> {
    let st = Styles::new();
    let mut wb = Workbook::new();
    let m = &v.results.assessment.meta;
    let title = format!(
        "{}: {}",
        Txt::View.get(lang),
        target.text(&target.title, lang)
    );
    wb.set_properties(
        &DocProperties::new()
            .set_title(&title)
            .set_subject(format!(
                "{} {} {} -> {}",
                m.unit_code, m.period, source.id, target.id
            ))
            .set_author("mgi")
            .set_creation_datetime(&creation_time(&m.date, &m.period)),
    );
    for n in [
        Txt::Summary,
        Txt::Items,
        Txt::Unmapped,
        Txt::Scores,
        Txt::Diagnostics,
        Txt::About,
    ] {
        wb.add_worksheet().set_name(n.get(lang))?;
    }
    summary(
        wb.worksheet_from_name(Txt::Summary.get(lang))?,
        source,
        target,
        v,
        j,
        lang,
        &st,
        &title,
    )?;
    items(
        wb.worksheet_from_name(Txt::Items.get(lang))?,
        target,
        v,
        j,
        lang,
        &st,
    )?;
    unmapped(
        wb.worksheet_from_name(Txt::Unmapped.get(lang))?,
        target,
        j,
        lang,
        &st,
    )?;
    scores(
        wb.worksheet_from_name(Txt::Scores.get(lang))?,
        target,
        j,
        lang,
        &st,
    )?;
    write_diagnostics(
        wb.worksheet_from_name(Txt::Diagnostics.get(lang))?,
        v.results.diagnostics(),
        lang,
        &st,
    )?;
    about(
        wb.worksheet_from_name(Txt::About.get(lang))?,
        source,
        target,
        v,
        j,
        lang,
        &st,
    )?;
    wb.worksheet_from_name(Txt::Summary.get(lang))?
        .set_active(true);
    Ok(wb)
}

/// Header cells, and the widths of their columns (which may grow to fit a word).
fn grid_headers(
    g: &mut Grid,
    row: u32,
    cols: &[(&str, f64)],
    st: &Styles,
) -> Result<(), XlsxError> {
    for (c, (h, w)) in cols.iter().enumerate() {
        g.text(row, c as u16, *h, &st.header)?;
        g.width(c as u16, *w);
    }
    Ok(())
}

fn coverage_label(c: &str, lang: &str) -> &'static str {
    match c {
        "full" => Txt::Full.get(lang),
        "partial" => Txt::Partial.get(lang),
        _ => Txt::None.get(lang),
    }
}

/// The target's areas: the root's child nodes, or its items when the root holds items
/// only (as the Global Compact's 23 objectives).
enum Area {
    Node(usize),
    Item(usize),
}

fn areas(target: &Framework) -> Vec<Area> {
    let kids = &target.nodes[target.root].children;
    if kids.iter().any(|c| matches!(c, Child::Node(_))) {
        kids.iter()
            .filter_map(|c| match c {
                Child::Node(n) => Some(Area::Node(*n)),
                Child::Indicator(_) => None,
            })
            .collect()
    } else {
        kids.iter()
            .filter_map(|c| match c {
                Child::Indicator(i) => Some(Area::Item(*i)),
                Child::Node(_) => None,
            })
            .collect()
    }
}

#[allow(clippy::too_many_arguments)]
fn summary(
    ws: &mut Worksheet,
    source: &Framework,
    target: &Framework,
    v: &CrosswalkView,
    j: &CrosswalkJson,
    lang: &str,
    st: &Styles,
    title: &str,
) -> Result<(), XlsxError> {
    let mut g = Grid::new(ws);
    let m = &v.results.assessment.meta;
    for (c, w) in [(0u16, 60.0), (1, 14.0), (2, 26.0), (3, 12.0), (4, 22.0)] {
        g.width(c, w);
    }
    g.text(0, 0, title, &st.title)?;
    g.text(
        1,
        0,
        format!(
            "{} · {} {} · {} {}",
            m.display_name(),
            Txt::Period.get(lang),
            m.period,
            Txt::Round.get(lang),
            m.round
        ),
        &st.subtitle,
    )?;
    let banner = fmt(
        lang,
        Txt::Banner.key(),
        &[
            (
                "source",
                format!(
                    "{} {} ({})",
                    source.id,
                    source.version,
                    source.text(&source.title, lang)
                )
                .into(),
            ),
            (
                "mapping",
                format!("{} {}", v.mapping.id, v.mapping.version).into(),
            ),
            ("target", target.text(&target.title, lang).into()),
        ],
    );
    let banner_format = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_font_color(Color::RGB(0x7F3F00))
        .set_background_color(Color::RGB(0xFFF2CC))
        .set_align(FormatAlign::Top);
    let banner_style = Style {
        format: banner_format,
        font: Font::new(11.0, true, false),
        wrap: true,
    };
    g.merge(2, 0, 4, &banner, &banner_style)?;
    let use_text = Txt::Use.get(lang);
    g.merge(3, 0, 4, use_text, &st.note)?;
    // Overall.
    let big = st.with_big();
    g.text(5, 0, Txt::Overall.get(lang), &st.big_label)?;
    let o = &j.overall;
    let root_status = &j.nodes[0].status;
    write_score(&mut g, 5, 1, o.score, root_status, lang, &big)?;
    g.text(5, 2, band_label(target, o.score, lang), &st.big_label)?;
    g.number(5, 3, o.coverage, &st.big_percent)?;
    g.text(5, 4, Txt::Coverage.get(lang), &st.muted)?;
    if o.score.is_none() && root_status == "insufficient_data" {
        let need = target.nodes[target.root].min_coverage;
        let note = fmt(
            lang,
            Txt::NotComputed.key(),
            &[
                ("coverage", Arg::Number(o.coverage * 100.0, 0)),
                ("need", Arg::Number(need * 100.0, 0)),
            ],
        );
        g.text(5, 2, &note, &st.note)?;
    }
    // How much of the target the mapping reaches.
    let line = fmt(
        lang,
        Txt::MappingLine.key(),
        &[
            ("mapped", j.mapping.mapped.into()),
            ("items", j.mapping.items.into()),
            ("fully", j.mapping.fully_mapped.into()),
        ],
    );
    g.text(6, 0, Txt::Mapping.get(lang), &st.bold_wrap)?;
    g.text(6, 1, &line, &st.plain)?;
    // Areas.
    let mut row = 8;
    let level1 = target.level_label(1, lang).to_string();
    grid_headers(
        &mut g,
        row,
        &[
            (level1.as_str(), 60.0),
            (Txt::Score.get(lang), 14.0),
            (Txt::Band.get(lang), 26.0),
            (Txt::Coverage.get(lang), 12.0),
            (Txt::Status.get(lang), 22.0),
        ],
        st,
    )?;
    let node_pos: Vec<usize> = target.tree_order();
    for a in areas(target) {
        row += 1;
        let (label, score, coverage, status_name) = match a {
            Area::Node(n) => {
                let k = node_pos.iter().position(|x| *x == n).unwrap_or(0);
                let nj = &j.nodes[k];
                (
                    target.text(&target.nodes[n].label, lang).to_string(),
                    nj.score,
                    Some(nj.coverage),
                    nj.status.clone(),
                )
            }
            Area::Item(i) => {
                let ij = &j.items[i];
                (
                    format!(
                        "{} {}",
                        ij.id,
                        target.text(&target.indicators[i].question, lang)
                    ),
                    ij.score,
                    None,
                    ij.status.clone(),
                )
            }
        };
        g.text(row, 0, &label, &st.wrap)?;
        write_score(&mut g, row, 1, score, &status_name, lang, st)?;
        g.text(row, 2, band_label(target, score, lang), &st.wrap)?;
        match coverage {
            Some(c) => g.number(row, 3, c, &st.percent)?,
            None => g.text(row, 3, "", &st.plain)?,
        };
        g.text(row, 4, status(lang, &status_name), &st.plain)?;
    }
    sheet_setup(g.ws, Txt::Summary.get(lang), lang, false);
    g.finish()
}

/// Column widths of the Items sheet.
const ITEM_COLS: [f64; 9] = [10.0, 60.0, 30.0, 12.0, 16.0, 22.0, 18.0, 40.0, 70.0];

fn items(
    ws: &mut Worksheet,
    target: &Framework,
    v: &CrosswalkView,
    j: &CrosswalkJson,
    lang: &str,
    st: &Styles,
) -> Result<(), XlsxError> {
    let mut g = Grid::new(ws);
    let heads = [
        Txt::Id,
        Txt::Item,
        Txt::Area,
        Txt::Score,
        Txt::Status,
        Txt::Answer,
        Txt::MappingCoverage,
        Txt::Sources,
        Txt::Rationale,
    ];
    let cols: Vec<(&str, f64)> = heads
        .iter()
        .zip(ITEM_COLS)
        .map(|(h, w)| (h.get(lang), w))
        .collect();
    grid_headers(&mut g, 0, &cols, st)?;
    for (k, (item, ij)) in v.items.iter().zip(&j.items).enumerate() {
        let row = k as u32 + 1;
        let ind = &target.indicators[item.indicator];
        let question = target.text(&ind.question, lang);
        let parent = &target.nodes[ind.parent];
        let area = if ind.parent == target.root {
            String::new()
        } else {
            target.text(&parent.label, lang).to_string()
        };
        let scale = &target.scales[ind.scale];
        let answer = ij
            .answer
            .as_deref()
            .map(|code| {
                scale
                    .options
                    .iter()
                    .find(|o| o.code == code)
                    .map(|o| target.text(&o.label, lang).to_string())
                    .unwrap_or_else(|| code.to_string())
            })
            .unwrap_or_default();
        let sources: Vec<String> = ij
            .from
            .iter()
            .map(|f| match f.score {
                Some(s) => format!("{} ({}, {s:.0})", f.indicator, f.relationship),
                None => format!(
                    "{} ({}, {})",
                    f.indicator,
                    f.relationship,
                    status(lang, &f.status)
                ),
            })
            .collect();
        let rationale: Vec<String> = v
            .mapping
            .sources_of(&ind.id)
            .map(|m| format!("{}: {}", m.source, v.mapping.text(&m.rationale, lang)))
            .filter(|s| !s.ends_with(": "))
            .collect();
        let sources = sources.join("\n");
        let rationale = rationale.join("\n");
        g.text(row, 0, &ij.id, &st.plain)?;
        g.text(row, 1, question, &st.wrap)?;
        g.text(row, 2, &area, &st.wrap)?;
        write_score(&mut g, row, 3, ij.score, &ij.status, lang, st)?;
        g.text(row, 4, status(lang, &ij.status), &st.plain)?;
        g.text(row, 5, &answer, &st.wrap)?;
        let cov = coverage_label(&ij.mapping_coverage, lang);
        let cov_format = if item.mapping == MappingCoverage::None {
            &st.muted
        } else {
            &st.wrap
        };
        g.text(row, 6, cov, cov_format)?;
        g.text(row, 7, &sources, &st.wrap)?;
        g.text(row, 8, &rationale, &st.wrap)?;
    }
    g.ws.set_freeze_panes(1, 2)?;
    g.ws.autofilter(0, 0, j.items.len() as u32, ITEM_COLS.len() as u16 - 1)?;
    sheet_setup(g.ws, Txt::Items.get(lang), lang, true);
    g.finish()
}

fn unmapped(
    ws: &mut Worksheet,
    target: &Framework,
    j: &CrosswalkJson,
    lang: &str,
    st: &Styles,
) -> Result<(), XlsxError> {
    let mut g = Grid::new(ws);
    grid_headers(
        &mut g,
        0,
        &[
            (Txt::Id.get(lang), 10.0),
            (Txt::Item.get(lang), 70.0),
            (Txt::Area.get(lang), 40.0),
        ],
        st,
    )?;
    for (k, id) in j.unmapped.iter().enumerate() {
        let row = k as u32 + 1;
        let Some(i) = target.indicator_index(id) else {
            continue;
        };
        let ind = &target.indicators[i];
        let question = target.text(&ind.question, lang);
        let area = if ind.parent == target.root {
            String::new()
        } else {
            target
                .text(&target.nodes[ind.parent].label, lang)
                .to_string()
        };
        g.text(row, 0, id, &st.plain)?;
        g.text(row, 1, question, &st.wrap)?;
        g.text(row, 2, &area, &st.wrap)?;
    }
    let note_row = j.unmapped.len() as u32 + 2;
    let note = if j.unmapped.is_empty() {
        Txt::NoUnmapped.get(lang)
    } else {
        Txt::UnmappedNote.get(lang)
    };
    g.merge(note_row, 0, 2, note, &st.note)?;
    g.ws.set_freeze_panes(1, 0)?;
    sheet_setup(g.ws, Txt::Unmapped.get(lang), lang, false);
    g.finish()
}

fn scores(
    ws: &mut Worksheet,
    target: &Framework,
    j: &CrosswalkJson,
    lang: &str,
    st: &Styles,
) -> Result<(), XlsxError> {
    let mut g = Grid::new(ws);
    grid_headers(
        &mut g,
        0,
        &[
            (Txt::Id.get(lang), 10.0),
            (Txt::Name.get(lang), 60.0),
            (Txt::Level.get(lang), 16.0),
            (Txt::Score.get(lang), 12.0),
            (Txt::Band.get(lang), 26.0),
            (Txt::Coverage.get(lang), 12.0),
            (Txt::Status.get(lang), 20.0),
        ],
        st,
    )?;
    for (k, (n, nj)) in target.tree_order().into_iter().zip(&j.nodes).enumerate() {
        let row = k as u32 + 1;
        let node = &target.nodes[n];
        let name = format!(
            "{}{}",
            "   ".repeat(node.depth),
            target.text(&node.label, lang)
        );
        g.text(row, 0, &nj.id, &st.plain)?;
        g.text(row, 1, &name, &st.wrap)?;
        g.text(row, 2, target.level_label(node.depth, lang), &st.plain)?;
        write_score(&mut g, row, 3, nj.score, &nj.status, lang, st)?;
        g.text(row, 4, band_label(target, nj.score, lang), &st.wrap)?;
        g.number(row, 5, nj.coverage, &st.percent)?;
        g.text(row, 6, status(lang, &nj.status), &st.plain)?;
    }
    g.ws.set_freeze_panes(1, 0)?;
    sheet_setup(g.ws, Txt::Scores.get(lang), lang, false);
    g.finish()
}

fn about(
    ws: &mut Worksheet,
    source: &Framework,
    target: &Framework,
    v: &CrosswalkView,
    j: &CrosswalkJson,
    lang: &str,
    st: &Styles,
) -> Result<(), XlsxError> {
    let a = &j.source.assessment;
    let f = |k: &str| msg(lang, &format!("report.field.{k}"));
    let c = |k: &str| msg(lang, &format!("crosswalk.field.{k}"));
    let rows: Vec<(&str, String)> = vec![
        (f("engine"), format!("mgi {}", env!("CARGO_PKG_VERSION"))),
        (f("schema"), j.schema.clone()),
        (c("indicative"), c("yes").into()),
        (c("source_framework"), source.id.clone()),
        (c("source_framework_version"), source.version.clone()),
        (c("source_framework_sha256"), source.content_hash.clone()),
        (
            c("source_framework_title"),
            source.text(&source.title, lang).into(),
        ),
        (c("target_framework"), target.id.clone()),
        (c("target_framework_version"), target.version.clone()),
        (c("target_framework_sha256"), target.content_hash.clone()),
        (
            c("target_framework_title"),
            target.text(&target.title, lang).into(),
        ),
        (
            c("target_framework_note"),
            target.text(&target.about, lang).into(),
        ),
        (c("mapping"), v.mapping.id.clone()),
        (c("mapping_version"), v.mapping.version.clone()),
        (c("mapping_file"), v.mapping.file.clone()),
        (c("mapping_sha256"), v.mapping.content_hash.clone()),
        (
            c("mapping_note"),
            v.mapping.text(&v.mapping.about, lang).into(),
        ),
        (c("combination_rule"), {
            // The rule's name in the language, and the word the rule file uses.
            let name = c(&format!("combine_{}", j.mapping.combine));
            if name == j.mapping.combine {
                name.to_string()
            } else {
                format!("{name} ({})", j.mapping.combine)
            }
        }),
        (
            c("partial_cap"),
            j.mapping
                .partial_cap
                .map(|cap| crate::i18n::catalogue::number(lang, cap, 2))
                .unwrap_or_else(|| c("partial_cap_default").to_string()),
        ),
        (
            c("items_mapped"),
            crate::i18n::fmt(
                lang,
                "crosswalk.field.items_mapped_value",
                &[
                    ("mapped", j.mapping.mapped.into()),
                    ("items", j.mapping.items.into()),
                    ("fully", j.mapping.fully_mapped.into()),
                ],
            ),
        ),
        (f("input_file"), a.source.clone()),
        (f("input_sha256"), a.source_sha256.clone()),
        (f("unit_code"), a.unit.code.clone()),
        (f("unit_name"), a.unit.name.clone()),
        (
            f("unit_level"),
            super::gap_report::unit_level(&a.unit.level, lang),
        ),
        (f("period"), a.period.clone()),
        (f("round"), a.round.clone()),
        (f("report_language"), lang.to_string()),
    ];
    write_fields(ws, &rows, lang, st)?;
    sheet_setup(ws, Txt::About.get(lang), lang, false);
    Ok(())
}
