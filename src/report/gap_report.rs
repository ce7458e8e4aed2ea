//! The country gap report workbook: `Summary`, `Scores`, `Gaps`, `Data gaps`,
//! `Responses`, `Diagnostics`, `About`. Cells hold values (never formulas) at full
//! precision, shown rounded; the creation time comes from the assessment.

use super::gap_register::{answer_label, areas, write_gap_register};
use super::labels::{Label as L, status, t};
use super::sheets::{write_diagnostics, write_fields, write_headers};
use super::style::{Styles, creation_time, sheet_setup, wrapped_height};
use crate::intake::Reading;
use crate::results::Results;
use crate::rules::Framework;
use crate::score::Status;
use rust_xlsxwriter::{
    Chart, ChartType, ConditionalFormatDataBar, ConditionalFormatType, DocProperties, Workbook,
    Worksheet, XlsxError,
};

/// Options of the gap report.
#[derive(Debug, Clone)]
pub struct ReportOptions {
    /// Language of the report.
    pub lang: String,
    /// Output format asked for (recorded in `About`).
    pub format: String,
}

/// Builds the gap report workbook.
///
/// ```
/// use mgi::fixtures::styled;
/// use mgi::intake::Reader;
/// use mgi::report::gap_report::{ReportOptions, gap_report};
/// use mgi::results::evaluate;
/// use mgi::rules::Rules;
/// use mgi::synth::AnswerStyle;
///
/// let rules = Rules::bundled();
/// let fw = rules.get("micic").unwrap();
/// let bytes = styled(fw, 0, "en", AnswerStyle::Codes, |_| {}).unwrap();
/// let assessment = &Reader::new(&rules).read_bytes("XAA.xlsx", &bytes, None).unwrap()[0];
/// let results = evaluate(fw, assessment);
/// let opts = ReportOptions { lang: "fr".into(), format: "xlsx".into() };
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
    let title = format!("{}: {}", t(lang, L::GapReport), fw.text(&fw.title, lang));
    wb.set_properties(
        &DocProperties::new()
            .set_title(&title)
            .set_subject(format!("{} {} {}", m.unit_code, m.period, fw.id))
            .set_author("mgi")
            .set_creation_datetime(&creation_time(&m.date, &m.period)),
    );
    let names = [
        L::Summary,
        L::Scores,
        L::Gaps,
        L::DataGaps,
        L::Responses,
        L::Diagnostics,
        L::About,
    ];
    for n in names {
        wb.add_worksheet().set_name(t(lang, n))?;
    }
    summary(
        wb.worksheet_from_name(t(lang, L::Summary))?,
        fw,
        r,
        lang,
        &st,
        &title,
    )?;
    scores(
        wb.worksheet_from_name(t(lang, L::Scores))?,
        fw,
        r,
        lang,
        &st,
    )?;
    write_gap_register(wb.worksheet_from_name(t(lang, L::Gaps))?, fw, r, lang, &st)?;
    data_gaps(
        wb.worksheet_from_name(t(lang, L::DataGaps))?,
        fw,
        r,
        lang,
        &st,
    )?;
    responses(
        wb.worksheet_from_name(t(lang, L::Responses))?,
        fw,
        r,
        lang,
        &st,
    )?;
    write_diagnostics(
        wb.worksheet_from_name(t(lang, L::Diagnostics))?,
        r.diagnostics(),
        lang,
        &st,
    )?;
    about(wb.worksheet_from_name(t(lang, L::About))?, fw, r, opts, &st)?;
    wb.worksheet_from_name(t(lang, L::Summary))?
        .set_active(true);
    Ok(wb)
}

fn band_label(fw: &Framework, score: Option<f64>, lang: &str) -> String {
    score
        .and_then(|s| fw.band_of(s * 100.0))
        .map(|b| fw.text(&b.label, lang).to_string())
        .unwrap_or_default()
}

fn write_score(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    score: Option<f64>,
    status_name: &str,
    lang: &str,
    st: &Styles,
) -> Result<(), XlsxError> {
    match score {
        Some(s) => ws.write_number_with_format(row, col, s * 100.0, &st.score)?,
        None => ws.write_string_with_format(row, col, status(lang, status_name), &st.muted)?,
    };
    Ok(())
}

fn summary(
    ws: &mut Worksheet,
    fw: &Framework,
    r: &Results,
    lang: &str,
    st: &Styles,
    title: &str,
) -> Result<(), XlsxError> {
    let m = &r.assessment.meta;
    for (c, w) in [(0u16, 34.0), (1, 12.0), (2, 24.0), (3, 12.0), (4, 70.0)] {
        ws.set_column_width(c, w)?;
    }
    ws.write_string_with_format(0, 0, title, &st.title)?;
    let unit = m.display_name();
    ws.write_string_with_format(
        1,
        0,
        format!(
            "{unit} · {} {} · {} {}",
            t(lang, L::Period),
            m.period,
            t(lang, L::Round),
            m.round
        ),
        &st.subtitle,
    )?;
    let o = r.overall();
    ws.write_string_with_format(3, 0, t(lang, L::Overall), &st.big_label)?;
    write_score(ws, 3, 1, o.score, o.status.name(), lang, &st.with_big())?;
    ws.write_string_with_format(3, 2, band_label(fw, o.score, lang), &st.big_label)?;
    ws.write_number_with_format(3, 3, o.coverage, &st.big_percent)?;
    ws.write_string_with_format(3, 4, t(lang, L::Coverage), &st.muted)?;
    ws.set_row_height(3, 30)?;
    // Areas (level 1).
    let mut row = 5;
    let level1 = fw
        .levels
        .get(1)
        .map(|l| fw.text(&l.label, lang).to_string())
        .unwrap_or_else(|| t(lang, L::Domain).to_string());
    for (c, h) in [
        level1.as_str(),
        t(lang, L::Score),
        t(lang, L::Band),
        t(lang, L::Coverage),
    ]
    .iter()
    .enumerate()
    {
        ws.write_string_with_format(row, c as u16, *h, &st.header)?;
    }
    let first = row + 1;
    for c in &fw.nodes[fw.root].children {
        if let crate::rules::Child::Node(n) = *c {
            row += 1;
            let s = &r.nodes[n];
            ws.write_string_with_format(row, 0, fw.text(&fw.nodes[n].label, lang), &st.wrap)?;
            write_score(ws, row, 1, s.score, s.status.name(), lang, st)?;
            ws.write_string_with_format(row, 2, band_label(fw, s.score, lang), &st.wrap)?;
            ws.write_number_with_format(row, 3, s.coverage, &st.percent)?;
            ws.set_row_height(row, wrapped_height(fw.text(&fw.nodes[n].label, lang), 34.0))?;
        }
    }
    let last = row;
    if last >= first {
        ws.add_conditional_format(first, 1, last, 1, &data_bar())?;
        let mut chart = Chart::new(ChartType::Bar);
        let sheet = t(lang, L::Summary);
        chart
            .add_series()
            .set_categories((sheet, first, 0, last, 0))
            .set_values((sheet, first, 1, last, 1))
            .set_name(t(lang, L::Score));
        chart.title().set_name(&level1);
        // In a bar chart the value axis is x and the category axis is y.
        chart.y_axis().set_reverse();
        chart.x_axis().set_min(0).set_max(100).set_major_unit(20);
        chart.legend().set_hidden();
        chart
            .set_width(520)
            .set_height(80 + 40 * (last - first + 1));
        ws.insert_chart(5, 4, &chart)?;
    }
    row = row.max(5 + 2 + ((80 + 40 * (last.saturating_sub(first) + 1)) / 20)) + 2;
    // Strengths.
    ws.write_string_with_format(row, 0, t(lang, L::WellDeveloped), &st.heading)?;
    row += 1;
    if r.strengths.is_empty() {
        ws.write_string_with_format(row, 0, t(lang, L::NoStrengths), &st.muted)?;
        row += 1;
    }
    for s in &r.strengths {
        let n = &fw.nodes[s.node];
        let lv = fw.level_label(n.depth, lang);
        ws.write_string_with_format(row, 0, format!("{lv} {}", n.id), &st.plain)?;
        ws.write_number_with_format(row, 1, s.score * 100.0, &st.score)?;
        ws.write_string_with_format(row, 2, band_label(fw, Some(s.score), lang), &st.plain)?;
        ws.write_string_with_format(row, 4, fw.text(&n.label, lang), &st.wrap)?;
        row += 1;
    }
    row += 1;
    // Top gaps.
    ws.write_string_with_format(row, 0, t(lang, L::TopGaps), &st.heading)?;
    row += 1;
    if r.gaps.is_empty() {
        ws.write_string_with_format(row, 0, t(lang, L::NoGaps), &st.muted)?;
        row += 1;
    } else {
        for (c, h) in [
            t(lang, L::Indicator),
            t(lang, L::PointsToGain),
            &level1,
            t(lang, L::Critical),
            t(lang, L::Question),
        ]
        .iter()
        .enumerate()
        {
            ws.write_string_with_format(row, c as u16, *h, &st.header)?;
        }
        ws.set_row_height(row, 30)?;
        row += 1;
        for g in r.gaps.iter().take(10) {
            let ind = &fw.indicators[g.indicator];
            ws.write_string_with_format(row, 0, format!("{}. {}", g.rank, ind.id), &st.plain)?;
            match g.points {
                Some(p) => ws.write_number_with_format(row, 1, p, &st.points)?,
                None => ws.write_string_with_format(row, 1, "", &st.plain)?,
            };
            let area = areas(fw, ind)
                .0
                .map(|a| fw.text(&fw.nodes[a].label, lang))
                .unwrap_or("");
            ws.write_string_with_format(row, 2, area, &st.wrap)?;
            ws.write_string_with_format(row, 3, if ind.critical { "★" } else { "" }, &st.critical)?;
            let q = fw.text(&ind.question, lang);
            ws.write_string_with_format(row, 4, q, &st.wrap)?;
            ws.set_row_height(row, wrapped_height(q, 70.0).max(wrapped_height(area, 24.0)))?;
            row += 1;
        }
    }
    row += 1;
    let dg = r.data_gaps.len();
    ws.write_string_with_format(
        row,
        0,
        format!("{dg} {}", t(lang, L::CountDataGaps)),
        &st.plain,
    )?;
    row += 2;
    ws.merge_range(row, 0, row, 4, t(lang, L::ScoresNote), &st.note)?;
    ws.set_row_height(row, wrapped_height(t(lang, L::ScoresNote), 140.0))?;
    sheet_setup(
        ws,
        &format!("{} {} {}", m.unit_code, m.period, fw.id),
        lang,
        true,
    );
    ws.set_print_fit_to_pages(1, 1);
    ws.set_repeat_rows(0, 0)?;
    Ok(())
}

fn data_bar() -> ConditionalFormatDataBar {
    ConditionalFormatDataBar::new()
        .set_minimum(ConditionalFormatType::Number, 0)
        .set_maximum(ConditionalFormatType::Number, 100)
        .set_fill_color("#8EA9DB")
        .set_solid_fill(true)
}

fn scores(
    ws: &mut Worksheet,
    fw: &Framework,
    r: &Results,
    lang: &str,
    st: &Styles,
) -> Result<(), XlsxError> {
    let headers = [
        t(lang, L::Id),
        t(lang, L::Name),
        t(lang, L::Level),
        t(lang, L::Score),
        t(lang, L::Band),
        t(lang, L::Coverage),
        t(lang, L::Status),
    ];
    for (c, (h, w)) in headers
        .iter()
        .zip([14.0, 70.0, 16.0, 14.0, 24.0, 12.0, 20.0])
        .enumerate()
    {
        ws.write_string_with_format(0, c as u16, *h, &st.header)?;
        ws.set_column_width(c as u16, w)?;
    }
    let mut row = 1;
    for n in fw.tree_order() {
        let node = &fw.nodes[n];
        let s = &r.nodes[n];
        let fmt = if node.depth <= 1 {
            &st.bold_wrap
        } else {
            &st.wrap
        };
        ws.write_string_with_format(row, 0, &node.id, fmt)?;
        let label = format!(
            "{}{}",
            "    ".repeat(node.depth),
            fw.text(&node.label, lang)
        );
        ws.write_string_with_format(row, 1, &label, fmt)?;
        ws.write_string_with_format(row, 2, fw.level_label(node.depth, lang), &st.plain)?;
        write_score(ws, row, 3, s.score, s.status.name(), lang, st)?;
        ws.write_string_with_format(row, 4, band_label(fw, s.score, lang), &st.plain)?;
        ws.write_number_with_format(row, 5, s.coverage, &st.percent)?;
        ws.write_string_with_format(row, 6, status(lang, s.status.name()), &st.plain)?;
        ws.set_row_height(row, wrapped_height(&label, 70.0))?;
        row += 1;
    }
    ws.add_conditional_format(1, 3, row - 1, 3, &data_bar())?;
    ws.set_freeze_panes(1, 2)?;
    ws.autofilter(0, 0, row - 1, 6)?;
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
    ws.merge_range(0, 0, 0, 6, t(lang, L::DataGapsNote), &st.note)?;
    ws.set_row_height(0, 30)?;
    let headers = [
        (L::Id, 10.0),
        (L::Question, 60.0),
        (L::Domain, 24.0),
        (L::Status, 16.0),
        (L::AnswerGiven, 20.0),
        (L::SourceCell, 18.0),
        (L::Comment, 40.0),
    ];
    let headers: Vec<(&str, f64)> = headers.iter().map(|(h, w)| (t(lang, *h), *w)).collect();
    write_headers(ws, 1, &headers, st)?;
    let answers = r.assessment.answers_by_id();
    let mut row = 2;
    for d in &r.data_gaps {
        let ind = &fw.indicators[d.indicator];
        let a = answers.get(ind.id.as_str());
        let q = fw.text(&ind.question, lang);
        ws.write_string_with_format(row, 0, &ind.id, &st.plain)?;
        ws.write_string_with_format(row, 1, q, &st.wrap)?;
        ws.write_string_with_format(
            row,
            2,
            areas(fw, ind)
                .0
                .map(|n| fw.text(&fw.nodes[n].label, lang))
                .unwrap_or(""),
            &st.wrap,
        )?;
        ws.write_string_with_format(row, 3, status(lang, d.status.name()), &st.plain)?;
        ws.write_string_with_format(row, 4, a.map(|a| a.given.as_str()).unwrap_or(""), &st.wrap)?;
        ws.write_string_with_format(
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
        ws.write_string_with_format(row, 6, &comment, &st.wrap)?;
        ws.set_row_height(
            row,
            wrapped_height(q, 60.0).max(wrapped_height(&comment, 40.0)),
        )?;
        row += 1;
    }
    ws.set_freeze_panes(2, 1)?;
    if row > 2 {
        ws.autofilter(1, 0, row - 1, 6)?;
    }
    sheet_setup(ws, t(lang, L::DataGaps), lang, true);
    Ok(())
}

fn responses(
    ws: &mut Worksheet,
    fw: &Framework,
    r: &Results,
    lang: &str,
    st: &Styles,
) -> Result<(), XlsxError> {
    let headers = [
        (L::Id, 11.0),
        (L::Question, 55.0),
        (L::AnswerGiven, 20.0),
        (L::ReadAs, 22.0),
        (L::Status, 14.0),
        (L::Score, 10.0),
        (L::SourceCell, 16.0),
        (L::Evidence, 36.0),
        (L::Comment, 30.0),
        (L::Responsible, 20.0),
    ];
    let headers: Vec<(&str, f64)> = headers.iter().map(|(h, w)| (t(lang, *h), *w)).collect();
    write_headers(ws, 0, &headers, st)?;
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
        let applies = s.status != Status::NotApplicable || a.reading == Reading::NotApplicable;
        let stat = match (applies, a.reading) {
            (false, _) => status(lang, "not_applicable"),
            (_, Reading::Option(_) | Reading::Number(_)) => status(lang, "scored"),
            (_, Reading::NotApplicable) => status(lang, "not_applicable"),
            (_, Reading::DontKnow) => status(lang, "dont_know"),
            (_, Reading::Invalid) => status(lang, "invalid"),
            (_, Reading::Blank) if crit.is_none() && fw.scale_of(i).cumulative => {
                status(lang, s.status.name())
            }
            (_, Reading::Blank) => status(lang, "missing"),
        };
        ws.write_string_with_format(row, 0, &a.id, &st.plain)?;
        ws.write_string_with_format(row, 1, &q, &st.wrap)?;
        ws.write_string_with_format(row, 2, &a.given, &st.wrap)?;
        let read = if crit.is_none() && fw.scale_of(i).cumulative {
            s.level
                .map(|l| fw.text(&fw.scale_of(i).options[l].label, lang).to_string())
                .unwrap_or_default()
        } else {
            answer_label(fw, i, a.reading, crit.is_some(), lang)
        };
        ws.write_string_with_format(row, 3, &read, &st.wrap)?;
        ws.write_string_with_format(row, 4, stat, &st.plain)?;
        match (crit, s.score) {
            (None, Some(x)) if applies => {
                ws.write_number_with_format(row, 5, x * 100.0, &st.score)?
            }
            _ => ws.write_blank(row, 5, &st.plain)?,
        };
        ws.write_string_with_format(row, 6, a.source_cell(), &st.plain)?;
        ws.write_string_with_format(row, 7, &a.evidence, &st.wrap)?;
        ws.write_string_with_format(row, 8, &a.comment, &st.wrap)?;
        ws.write_string_with_format(row, 9, &a.responsible, &st.wrap)?;
        let h = wrapped_height(&q, 55.0)
            .max(wrapped_height(&a.evidence, 36.0))
            .max(wrapped_height(&a.comment, 30.0));
        ws.set_row_height(row, h.min(300.0))?;
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
            ws.write_string_with_format(row, 0, id, &st.plain)?;
            ws.write_string_with_format(row, 1, fw.text(&ind.question, lang), &st.wrap)?;
            ws.write_string_with_format(
                row,
                4,
                status(lang, r.indicators[i].status.name()),
                &st.plain,
            )?;
            ws.write_string_with_format(row, 6, "—", &st.muted)?;
            ws.set_row_height(row, wrapped_height(fw.text(&ind.question, lang), 55.0))?;
            row += 1;
        }
    }
    ws.set_freeze_panes(1, 1)?;
    ws.autofilter(0, 0, row.max(2) - 1, 9)?;
    sheet_setup(ws, t(lang, L::Responses), lang, true);
    Ok(())
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
    let context = m
        .context
        .iter()
        .map(|(k, v)| format!("{k} = {v}"))
        .collect::<Vec<_>>()
        .join("; ");
    let groups = m
        .groups
        .iter()
        .map(|(k, v)| format!("{k} = {v}"))
        .collect::<Vec<_>>()
        .join("; ");
    let rows: Vec<(&str, String)> = vec![
        ("engine", format!("mgi {}", env!("CARGO_PKG_VERSION"))),
        ("schema", "mgi.score/1".into()),
        ("framework", fw.id.clone()),
        ("framework version", fw.version.clone()),
        ("framework content sha256", fw.content_hash.clone()),
        ("framework title", fw.text(&fw.title, lang).into()),
        ("framework note", fw.text(&fw.about, lang).into()),
        ("weights", fw.text(&fw.weights_reason, lang).into()),
        ("input file", r.assessment.source.clone()),
        ("input sha256", r.assessment.source_sha256.clone()),
        ("input format", r.assessment.format.clone()),
        ("unit code", m.unit_code.clone()),
        ("unit name", m.unit_name.clone()),
        ("unit level", m.unit_level.clone()),
        ("period", m.period.clone()),
        ("round", m.round.clone()),
        ("workbook framework version", m.version.clone()),
        ("workbook language", m.language.clone()),
        ("agency", m.agency.clone()),
        ("focal point", m.contact.clone()),
        ("assessment date", m.date.clone()),
        ("context", context),
        ("groups", groups),
        ("report language", opts.lang.clone()),
        (
            "options",
            format!("--format {} --lang {}", opts.format, opts.lang),
        ),
    ];
    write_fields(ws, &rows, lang, st)?;
    Ok(())
}
