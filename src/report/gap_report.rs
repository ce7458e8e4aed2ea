//! The country gap report workbook: `Summary` (a one-page profile: what to do first),
//! `Contents` (a link to every sheet), `Action plan`, `Gaps` (the full register), `Scores`, `Data gaps`, `Responses`,
//! `Diagnostics`, `About`, every text in the report's language. Cells hold values
//! (never formulas) at full precision, shown rounded; the creation time comes from the
//! assessment.

use super::action_plan::write_action_plan;
use super::contents::{SheetEntry, add_sheets};
use super::gap_register::{answer_label, areas, write_register};
use super::gap_summary::write_summary;
use super::labels::{Label as L, status, t};
use super::sheets::{band_label, data_bar, write_diagnostics, write_fields, write_score};
use super::style::{Styles, creation_time, sheet_setup};
use crate::guidance::plan;
use crate::i18n::msg;
use crate::results::Results;
use crate::rules::Framework;
use crate::score::row_status;
use crate::sheet::Grid;
use rust_xlsxwriter::{DocProperties, Workbook, Worksheet, XlsxError};

/// Options of the gap report.
#[derive(Debug, Clone, Default)]
pub struct ReportOptions {
    /// Language of the report.
    pub lang: String,
    /// Output format asked for (recorded in `About`).
    pub format: String,
    /// The report's file name, with how the unit code is written in it when not as it is
    /// (recorded in `About`).
    pub file: Option<String>,
}

/// Builds the gap report workbook.
///
/// ```
/// use mgi::intake::Reader;
/// use mgi::report::gap_report::{ReportOptions, gap_report};
/// use mgi::results::evaluate;
/// use mgi::rules::Rules;
///
/// let rules = Rules::bundled();
/// let fw = rules.get("micic").unwrap();
/// let path = "fixtures/XAA-2026-micic.xlsx".as_ref();
/// let assessment = &Reader::new(&rules).read_path(path, None).unwrap()[0];
/// let results = evaluate(fw, assessment);
/// let opts = ReportOptions { lang: "fr".into(), format: "xlsx".into(), file: None };
/// let report: Vec<u8> = gap_report(fw, &results, &opts).unwrap();
/// assert!(report.starts_with(b"PK"));
/// ```
///
/// # Errors
/// [`Error::FrameworkMismatch`](crate::Error::FrameworkMismatch) when `r` was not scored
/// with `fw`; [`Error::Workbook`](crate::Error::Workbook) when the writer fails.
pub fn gap_report(fw: &Framework, r: &Results, opts: &ReportOptions) -> crate::Result<Vec<u8>> {
    r.check_framework(fw)?;
    let what = format!("gap report of {}", r.assessment.source);
    build(fw, r, opts)
        .and_then(|mut wb| wb.save_to_buffer())
        .map_err(crate::error::workbook(what))
}

fn build(fw: &Framework, r: &Results, opts: &ReportOptions) -> Result<Workbook, XlsxError> {
    let lang = opts.lang.as_str();
    let st = Styles::new();
    let mut wb = Workbook::new();
    let m = &r.assessment.meta;
    let title = crate::i18n::fmt(
        lang,
        "gap.title",
        &[
            ("report", t(lang, L::GapReport).into()),
            ("framework", fw.text(&fw.title, lang).into()),
        ],
    );
    wb.set_properties(
        &DocProperties::new()
            .set_title(&title)
            .set_subject(format!("{} {} {}", m.unit_code, m.period, fw.id))
            .set_author("mgi")
            .set_creation_datetime(&creation_time(&m.date, &m.period)),
    );
    // Sheets in their order (a Contents sheet goes right after the Summary).
    let sheets: Vec<SheetEntry> = [
        (t(lang, L::Summary), "summary"),
        (msg(lang, "gap.action_plan"), "action_plan"),
        (t(lang, L::Gaps), "gaps"),
        (t(lang, L::Scores), "scores"),
        (t(lang, L::DataGaps), "data_gaps"),
        (t(lang, L::Responses), "responses"),
        (t(lang, L::Diagnostics), "diagnostics"),
        (t(lang, L::About), "about"),
    ]
    .into_iter()
    .map(|(name, what)| SheetEntry {
        name: name.to_string(),
        about: msg(lang, &format!("gap.contents.{what}")).to_string(),
    })
    .collect();
    add_sheets(&mut wb, &sheets, &title, lang, &st)?;
    let names: Vec<&str> = sheets.iter().map(|s| s.name.as_str()).collect();
    let plan = plan(fw, r);
    write_summary(
        wb.worksheet_from_name(names[0])?,
        fw,
        r,
        &plan,
        lang,
        &title,
    )?;
    write_action_plan(wb.worksheet_from_name(names[1])?, fw, r, &plan, lang)?;
    write_register(wb.worksheet_from_name(names[2])?, fw, r, lang, &st, false)?;
    scores(wb.worksheet_from_name(names[3])?, fw, r, lang, &st)?;
    data_gaps(wb.worksheet_from_name(names[4])?, fw, r, lang, &st)?;
    responses(wb.worksheet_from_name(names[5])?, fw, r, lang, &st)?;
    write_diagnostics(
        wb.worksheet_from_name(names[6])?,
        r.diagnostics(),
        lang,
        &st,
    )?;
    about(wb.worksheet_from_name(names[7])?, fw, r, opts, &st)?;
    wb.worksheet_from_name(names[0])?.set_active(true);
    Ok(wb)
}

fn headers(g: &mut Grid, row: u32, cols: &[(&str, f64)], st: &Styles) -> Result<(), XlsxError> {
    for (c, (h, w)) in cols.iter().enumerate() {
        g.width(c as u16, *w);
        g.text(row, c as u16, *h, &st.header)?;
    }
    Ok(())
}

fn scores(
    ws: &mut Worksheet,
    fw: &Framework,
    r: &Results,
    lang: &str,
    st: &Styles,
) -> Result<(), XlsxError> {
    let mut g = Grid::new(ws);
    let cols = [
        (t(lang, L::Id), 14.0),
        (t(lang, L::Name), 70.0),
        (t(lang, L::Level), 16.0),
        (t(lang, L::Score), 14.0),
        (t(lang, L::Band), 24.0),
        (t(lang, L::Coverage), 12.0),
        (t(lang, L::Status), 20.0),
    ];
    headers(&mut g, 0, &cols, st)?;
    let mut row = 1;
    for n in fw.tree_order() {
        let node = &fw.nodes[n];
        let s = &r.nodes[n];
        let fmt = if node.depth <= 1 {
            &st.bold_wrap
        } else {
            &st.wrap
        };
        g.text(row, 0, &node.id, fmt)?;
        let label = format!(
            "{}{}",
            "    ".repeat(node.depth),
            fw.text(&node.label, lang)
        );
        g.text(row, 1, &label, fmt)?;
        g.text(row, 2, fw.level_label(node.depth, lang), &st.wrap)?;
        write_score(
            &mut g,
            row,
            3,
            s.score.map(|x| x * 100.0),
            s.status.name(),
            lang,
            st,
        )?;
        g.text(
            row,
            4,
            band_label(fw, s.score.map(|x| x * 100.0), lang),
            &st.wrap,
        )?;
        g.ws.write_number_with_format(row, 5, s.coverage, &st.percent)?;
        g.text(row, 6, status(lang, s.status.name()), &st.wrap)?;
        row += 1;
    }
    g.ws.add_conditional_format(1, 3, row - 1, 3, &data_bar())?;
    g.ws.set_freeze_panes(1, 2)?;
    g.ws.autofilter(0, 0, row - 1, 6)?;
    g.merge(row + 1, 0, 6, t(lang, L::ScoresNote), &st.note)?;
    g.finish()?;
    sheet_setup(ws, t(lang, L::Scores), lang, true);
    Ok(())
}

fn data_gaps(
    ws: &mut Worksheet,
    fw: &Framework,
    r: &Results,
    lang: &str,
    st: &Styles,
) -> Result<(), XlsxError> {
    let mut g = Grid::new(ws);
    let cols = [
        (t(lang, L::Id), 10.0),
        (t(lang, L::Question), 60.0),
        (t(lang, L::Domain), 24.0),
        (t(lang, L::Status), 16.0),
        (t(lang, L::AnswerGiven), 20.0),
        (t(lang, L::SourceCell), 18.0),
        (t(lang, L::Comment), 40.0),
    ];
    headers(&mut g, 1, &cols, st)?;
    g.merge(0, 0, 6, t(lang, L::DataGapsNote), &st.note)?;
    let answers = r.assessment.answers_by_id();
    let mut row = 2;
    for d in &r.data_gaps {
        let ind = &fw.indicators[d.indicator];
        let a = answers.get(ind.id.as_str());
        g.text(row, 0, &ind.id, &st.plain)?;
        g.text(row, 1, fw.text(&ind.question, lang), &st.wrap)?;
        g.text(
            row,
            2,
            areas(fw, ind)
                .0
                .map(|n| fw.text(&fw.nodes[n].label, lang))
                .unwrap_or(""),
            &st.wrap,
        )?;
        g.text(row, 3, status(lang, d.status.name()), &st.wrap)?;
        g.text(row, 4, a.map(|a| a.given.as_str()).unwrap_or(""), &st.wrap)?;
        g.text(
            row,
            5,
            a.map(|a| a.source_cell()).unwrap_or_default(),
            &st.plain,
        )?;
        let note = r.indicators[d.indicator]
            .note
            .as_ref()
            .map(|n| n.text(lang))
            .unwrap_or_default();
        let comment = a.map(|a| a.comment.clone()).unwrap_or_default();
        let comment = [comment, note]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join("; ");
        g.text(row, 6, &comment, &st.wrap)?;
        row += 1;
    }
    g.ws.set_freeze_panes(2, 1)?;
    if row > 2 {
        g.ws.autofilter(1, 0, row - 1, 6)?;
    }
    g.finish()?;
    sheet_setup(ws, t(lang, L::DataGaps), lang, true);
    // The column headers, not the note above them, repeat on every page.
    ws.set_repeat_rows(1, 1)?;
    Ok(())
}

fn responses(
    ws: &mut Worksheet,
    fw: &Framework,
    r: &Results,
    lang: &str,
    st: &Styles,
) -> Result<(), XlsxError> {
    let mut g = Grid::new(ws);
    let cols = [
        (t(lang, L::Id), 11.0),
        (t(lang, L::Question), 55.0),
        (t(lang, L::AnswerGiven), 20.0),
        (t(lang, L::ReadAs), 22.0),
        (t(lang, L::Status), 14.0),
        (t(lang, L::Score), 10.0),
        (t(lang, L::SourceCell), 16.0),
        (t(lang, L::Evidence), 36.0),
        (t(lang, L::Comment), 30.0),
        (t(lang, L::Responsible), 20.0),
        (crate::i18n::msg(lang, "column.source"), 36.0),
    ];
    headers(&mut g, 0, &cols, st)?;
    // Which indicator (and criterion) each answer row belongs to.
    let mut owner: std::collections::HashMap<&str, (usize, Option<&crate::rules::Criterion>)> =
        std::collections::HashMap::new();
    for (i, ind) in fw.indicators.iter().enumerate() {
        owner.insert(ind.id.as_str(), (i, None));
        for c in &ind.criteria {
            owner.insert(c.id.as_str(), (i, Some(c)));
        }
    }
    let mut row = 1;
    for a in &r.assessment.answers {
        let Some(&(i, crit)) = owner.get(a.id.as_str()) else {
            continue;
        };
        let ind = &fw.indicators[i];
        let s = &r.indicators[i];
        let q = match crit {
            Some(c) => format!(
                "{}: {}",
                fw.text(&fw.scale_of(i).options[c.level].label, lang),
                fw.text(&c.text, lang)
            ),
            None => fw.text(&ind.question, lang).to_string(),
        };
        let stat = row_status(fw, s, i, crit.is_some(), a.reading);
        g.text(row, 0, &a.id, &st.plain)?;
        g.text(row, 1, &q, &st.wrap)?;
        g.text(row, 2, &a.given, &st.wrap)?;
        let read = if crit.is_none() && fw.scale_of(i).cumulative {
            s.level
                .map(|l| fw.text(&fw.scale_of(i).options[l].label, lang).to_string())
                .unwrap_or_default()
        } else {
            answer_label(fw, i, a.reading, crit.is_some(), lang)
        };
        g.text(row, 3, &read, &st.wrap)?;
        g.text(row, 4, status(lang, stat.name()), &st.wrap)?;
        match (crit, s.score) {
            (None, Some(x)) if stat != crate::score::Status::NotApplicable => {
                g.number(row, 5, x * 100.0, &st.score)?
            }
            _ => g.blank(row, 5, &st.plain)?,
        };
        g.text(row, 6, a.source_cell(), &st.plain)?;
        g.text(row, 7, &a.evidence, &st.wrap)?;
        g.text(row, 8, &a.comment, &st.wrap)?;
        g.text(row, 9, &a.responsible, &st.wrap)?;
        let origin = r.assessment.origin_of(a).map(|o| o.render());
        g.text(row, 10, origin.unwrap_or_default(), &st.wrap)?;
        row += 1;
    }
    // Indicators without any row in the input.
    let present: std::collections::HashSet<&str> =
        r.assessment.answers.iter().map(|a| a.id.as_str()).collect();
    for (i, ind) in fw.indicators.iter().enumerate() {
        let ids: Vec<&str> = if fw.scale_of(i).cumulative {
            ind.criteria.iter().map(|c| c.id.as_str()).collect()
        } else {
            vec![ind.id.as_str()]
        };
        for id in ids {
            if present.contains(id) {
                continue;
            }
            g.text(row, 0, id, &st.plain)?;
            g.text(row, 1, fw.text(&ind.question, lang), &st.wrap)?;
            g.text(
                row,
                4,
                status(lang, r.indicators[i].status.name()),
                &st.wrap,
            )?;
            g.text(row, 6, "—", &st.muted)?;
            row += 1;
        }
    }
    g.ws.set_freeze_panes(1, 1)?;
    g.ws.autofilter(0, 0, row.max(2) - 1, 10)?;
    g.finish()?;
    sheet_setup(ws, t(lang, L::Responses), lang, true);
    Ok(())
}

/// A unit level (country, province, city, as typed in any language) in the report's
/// language; another word as it was typed.
/// A unit level in the report's language when it is one the template offers (country,
/// province, city), else as the workbook has it.
pub(super) fn unit_level(level: &str, lang: &str) -> String {
    let f = crate::i18n::fold(level);
    for k in ["country", "province", "city"] {
        let key = format!("template.level.{k}");
        if f == k
            || crate::i18n::catalogue::LANGUAGES
                .iter()
                .any(|l| crate::i18n::fold(msg(l, &key)) == f)
        {
            return msg(lang, &key).to_string();
        }
    }
    level.to_string()
}

fn about(
    ws: &mut Worksheet,
    fw: &Framework,
    r: &Results,
    opts: &ReportOptions,
    st: &Styles,
) -> Result<(), XlsxError> {
    let lang = opts.lang.as_str();
    let m = &r.assessment.meta;
    // Context answers by their question and option labels, in the report's language.
    let context = m
        .context
        .iter()
        .map(|(k, v)| {
            let q = fw.context.iter().find(|q| &q.id == k);
            let question = q.map(|q| fw.text(&q.question, lang)).unwrap_or(k);
            let answer = q
                .and_then(|q| q.options.iter().find(|o| &o.code == v))
                .map(|o| fw.text(&o.label, lang))
                .unwrap_or(v);
            crate::i18n::fmt(
                lang,
                "template.labelled",
                &[("label", question.into()), ("text", answer.into())],
            )
        })
        .collect::<Vec<_>>()
        .join("; ");
    // Grouping fields by their name in the report's language (region, income group),
    // others by the name the input gave them.
    let groups = m
        .groups
        .iter()
        .map(|(k, v)| {
            let name = match k.as_str() {
                "region" | "income_group" => msg(lang, &format!("report.field.{k}")),
                _ => k.as_str(),
            };
            crate::i18n::fmt(
                lang,
                "template.labelled",
                &[("label", name.into()), ("text", v.as_str().into())],
            )
        })
        .collect::<Vec<_>>()
        .join("; ");
    let f = |k: &str| msg(lang, &format!("report.field.{k}"));
    let rows: Vec<(&str, String)> = vec![
        (f("engine"), format!("mgi {}", env!("CARGO_PKG_VERSION"))),
        (f("schema"), "mgi.score/1".into()),
        (f("framework"), fw.id.clone()),
        (f("framework_version"), fw.version.clone()),
        (f("framework_sha256"), fw.content_hash.clone()),
        (f("framework_title"), fw.text(&fw.title, lang).into()),
        (f("framework_note"), fw.text(&fw.about, lang).into()),
        (f("weights"), fw.text(&fw.weights_reason, lang).into()),
        (f("input_file"), r.assessment.source.clone()),
        (f("input_sha256"), r.assessment.source_sha256.clone()),
        (f("input_format"), r.assessment.format.clone()),
        (f("unit_code"), m.unit_code.clone()),
        (f("unit_name"), m.unit_name.clone()),
        (f("unit_level"), unit_level(&m.unit_level, lang)),
        (f("period"), m.period.clone()),
        (f("round"), m.round.clone()),
        (f("workbook_version"), m.version.clone()),
        (f("workbook_language"), m.language.clone()),
        (f("agency"), m.agency.clone()),
        (f("focal_point"), m.contact.clone()),
        (f("assessment_date"), m.date.clone()),
        (f("context"), context),
        (f("groups"), groups),
        (f("report_language"), opts.lang.clone()),
        (
            f("options"),
            format!("--format {} --lang {}", opts.format, opts.lang),
        ),
    ];
    let mut rows = rows;
    if let Some(file) = &opts.file {
        rows.push((f("report_file"), file.clone()));
    }
    write_fields(ws, &rows, lang, st)?;
    Ok(())
}
