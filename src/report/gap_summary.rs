//! The `Summary` sheet of the gap report: a one-page country profile (A4 landscape,
//! fitted to one page). Unit, period, round and framework; the overall score with its
//! band and what the band means; the share answered beside the coverage rule; the
//! level-1 areas with a chart (radar from three areas, else bars) marking the top band;
//! well-developed areas; what to do first (the priority actions, who leads them, what
//! helps, the gap each closes and the points it gains); data gaps in one line; the band
//! legend.

use super::gap_register::{areas, tool_labels};
use super::labels::{Label as L, t};
use super::sheets::{band_label, data_bar};
use crate::cells::TextCells;
use crate::guidance::Guidance;
use crate::i18n::{Arg, catalogue::number, fmt, msg};
use crate::results::Results;
use crate::rules::{Child, Framework};
use crate::sheet::{Grid, Styles};
use rust_xlsxwriter::{Chart, ChartLineDashType, ChartType, Color, Worksheet, XlsxError};

/// Priority actions shown on the Summary.
pub const SUMMARY_ACTIONS: usize = 5;
/// Tools named per action on the Summary (the Action plan names them all).
pub const SUMMARY_TOOLS: usize = 2;

/// Columns: rank, action (and area names), points (and scores), lead (and bands),
/// what helps, the gap it closes; a hidden helper column holds the top band's bound
/// for the chart.
const WIDTHS: [f64; 6] = [5.0, 44.0, 12.0, 24.0, 36.0, 34.0];
/// Hidden helper columns: the areas' short names and the top band's bound, for the chart.
const SHORT: u16 = 7;
const HELPER: u16 = 8;

/// The text of a band's range: what the band means.
pub fn band_meaning(fw: &Framework, score: f64, lang: &str) -> String {
    let Some(band) = fw.band_of(score * 100.0) else {
        return String::new();
    };
    let label = fw.text(&band.label, lang).to_string();
    let n = |x: f64| number(lang, x, if x.fract().abs() < 1e-9 { 0 } else { 1 });
    if let Some(e) = band.exact {
        return fmt(
            lang,
            "gap.band_exact",
            &[("band", label.into()), ("value", n(e).into())],
        );
    }
    let k = fw
        .bands
        .iter()
        .position(|b| b.code == band.code)
        .unwrap_or(0);
    let next = fw.bands[k + 1..]
        .iter()
        .find(|b| b.exact.is_none())
        .or(fw.bands.get(k + 1));
    let mut out = match next {
        Some(nx) => fmt(
            lang,
            "gap.band_range",
            &[
                ("band", label.into()),
                ("lower", n(band.lower).into()),
                ("upper", n(nx.exact.unwrap_or(nx.lower)).into()),
            ],
        ),
        None => fmt(
            lang,
            "gap.band_top",
            &[("band", label.into()), ("lower", n(band.lower).into())],
        ),
    };
    if let Some(nx) = fw.bands.get(k + 1) {
        let bound = nx.exact.unwrap_or(nx.lower);
        out.push(' ');
        out.push_str(&fmt(
            lang,
            "gap.next_band",
            &[
                ("points", Arg::Number((bound - score * 100.0).max(0.0), 1)),
                ("band", fw.text(&nx.label, lang).into()),
            ],
        ));
    }
    out
}

/// The band legend: every band with its range.
pub fn band_legend(fw: &Framework, lang: &str) -> String {
    let n = |x: f64| number(lang, x, if x.fract().abs() < 1e-9 { 0 } else { 1 });
    let parts: Vec<String> = fw
        .bands
        .iter()
        .enumerate()
        .map(|(k, b)| {
            let label = fw.text(&b.label, lang);
            match b.exact {
                Some(e) => format!("{label} {}", n(e)),
                None => {
                    let upper = fw.bands[k + 1..]
                        .iter()
                        .find(|x| x.exact.is_none())
                        .map(|x| x.lower)
                        .unwrap_or(100.0);
                    format!("{label} {}–{}", n(b.lower), n(upper))
                }
            }
        })
        .collect();
    fmt(lang, "gap.bands", &[("list", parts.join(" · ").into())])
}

/// The gap an action closes, as the Summary names it: the indicator's id and the name of
/// the node it belongs to.
pub fn gap_name(fw: &Framework, indicator: usize, lang: &str) -> String {
    let ind = &fw.indicators[indicator];
    let parent = &fw.nodes[ind.parent];
    let name = fw.text(&parent.label, lang);
    if parent.parent.is_none() || name.is_empty() {
        ind.id.clone()
    } else {
        format!("{} · {} {}", ind.id, parent.id, name)
    }
}

/// Writes the Summary sheet. `plan` is the guidance of every gap, in rank order.
pub fn write_summary(
    ws: &mut Worksheet,
    fw: &Framework,
    r: &Results,
    plan: &[Guidance],
    lang: &str,
    title: &str,
) -> Result<(), XlsxError> {
    let st = Styles::new();
    let sheet = t(lang, L::Summary).to_string();
    let m = &r.assessment.meta;
    let mut g = Grid::new(ws);
    for (c, w) in WIDTHS.iter().enumerate() {
        g.fixed_width(c as u16, *w);
    }
    let last = WIDTHS.len() as u16 - 1;
    g.merge(0, 0, last, title, &st.title)?;
    let subtitle = fmt(
        lang,
        "gap.subtitle",
        &[
            ("unit", m.display_name().into()),
            ("period", m.period.as_str().into()),
            ("round", m.round.as_str().into()),
            ("framework", fw.text(&fw.title, lang).into()),
            ("version", fw.version.as_str().into()),
        ],
    );
    g.merge(1, 0, last, &subtitle, &st.subtitle)?;
    let o = r.overall();
    let nothing = !r.indicators.iter().any(|s| s.score.is_some());
    // The headline: score, band, what the band means, answered and coverage.
    g.text(3, 1, msg(lang, "gap.overall_score"), &st.big_label)?;
    match o.score {
        Some(s) => g.number(3, 2, s * 100.0, &st.big_score)?,
        None => g.text(3, 2, "—", &st.big_score)?,
    }
    g.text(
        3,
        3,
        band_label(fw, o.score.map(|x| x * 100.0), lang),
        &st.big_label,
    )?;
    let meaning = if nothing {
        msg(lang, "gap.nothing_scored").to_string()
    } else {
        match o.score {
            Some(s) => band_meaning(fw, s, lang),
            None => super::labels::status(lang, o.status.name()).to_string(),
        }
    };
    g.merge(4, 1, 3, &meaning, &st.note)?;
    let pct = |x: f64| format!("{} %", number(lang, x * 100.0, 0));
    let answered = format!(
        "{} {}",
        fmt(
            lang,
            "gap.answered",
            &[("answered", pct(r.answered).into())]
        ),
        fmt(
            lang,
            "gap.coverage_rule",
            &[("coverage", pct(o.coverage).into())]
        )
    );
    g.merge(5, 1, 3, &answered, &st.note)?;
    // Areas (level 1) and their chart.
    let level1 = fw.level_label(1, lang).to_string();
    let mut row = 7;
    g.text(row, 1, &level1, &st.header)?;
    g.text(row, 2, t(lang, L::Score), &st.header)?;
    g.text(row, 3, t(lang, L::Band), &st.header)?;
    let top = fw
        .bands
        .iter()
        .rev()
        .find(|b| b.exact.is_none())
        .or(fw.bands.last());
    let top_label = top
        .map(|b| {
            fmt(
                lang,
                "gap.top_band_from",
                &[
                    ("band", fw.text(&b.label, lang).into()),
                    ("lower", number(lang, b.exact.unwrap_or(b.lower), 0).into()),
                ],
            )
        })
        .unwrap_or_default();
    g.ws.write_text(row, HELPER, &top_label)?;
    let first = row + 1;
    for c in &fw.nodes[fw.root].children {
        if let Child::Node(n) = *c {
            row += 1;
            let s = &r.nodes[n];
            let name = fw.text(&fw.nodes[n].label, lang);
            g.text(row, 1, name, &st.wrap)?;
            g.ws.write_text(row, SHORT, short(name, 24))?;
            match s.score {
                Some(x) => g.number(row, 2, x * 100.0, &st.score)?,
                None => g.text(
                    row,
                    2,
                    super::labels::status(lang, s.status.name()),
                    &st.muted_wrap,
                )?,
            }
            g.text(
                row,
                3,
                band_label(fw, s.score.map(|x| x * 100.0), lang),
                &st.wrap,
            )?;
            if let Some(b) = top {
                g.ws.write_number(row, HELPER, b.exact.unwrap_or(b.lower))?;
            }
        }
    }
    let areas_last = row;
    g.ws.set_column_hidden(SHORT)?;
    g.ws.set_column_hidden(HELPER)?;
    if areas_last >= first {
        g.ws.add_conditional_format(first, 2, areas_last, 2, &data_bar())?;
    }
    // The chart covers the rows of the headline and the areas, beside them.
    let rows_px = |g: &Grid, a: u32, b: u32| -> f64 {
        (a..=b).map(|r| g.planned_height(r)).sum::<f64>() * 96.0 / 72.0
    };
    let n_areas = areas_last.saturating_sub(first) + 1;
    let want_px = 250.0 + 12.0 * n_areas as f64;
    while rows_px(&g, 3, row) < want_px {
        row += 1;
    }
    if areas_last >= first && !nothing {
        let chart = area_chart(&sheet, first, areas_last, &level1, n_areas, top.is_some());
        let h = rows_px(&g, 3, row) as u32;
        let mut chart = chart;
        chart.set_width(560).set_height(h.max(200));
        g.ws.insert_chart_with_offset(3, 4, &chart, 10, 0)?;
    }
    row += 2;
    // Well-developed areas, in one line.
    g.merge(row, 0, last, t(lang, L::WellDeveloped), &st.heading)?;
    row += 1;
    let strengths = if r.strengths.is_empty() {
        t(lang, L::NoStrengths).to_string()
    } else {
        r.strengths
            .iter()
            .map(|s| {
                let n = &fw.nodes[s.node];
                format!(
                    "{} ({})",
                    fw.text(&n.label, lang),
                    number(lang, s.score * 100.0, 1)
                )
            })
            .collect::<Vec<_>>()
            .join(" · ")
    };
    g.merge(row, 0, last, &strengths, &st.note)?;
    row += 2;
    // What to do first.
    g.merge(row, 0, last, msg(lang, "gap.priority_actions"), &st.heading)?;
    row += 1;
    if nothing || r.gaps.is_empty() {
        let text = if nothing {
            msg(lang, "gap.nothing_scored")
        } else {
            t(lang, L::NoGaps)
        };
        g.merge(row, 0, last, text, &st.note)?;
        row += 1;
    } else {
        let headers = [
            "#",
            msg(lang, "label.actions"),
            t(lang, L::PointsToGain),
            msg(lang, "gap.lead"),
            msg(lang, "gap.what_helps"),
            msg(lang, "gap.gap_closes"),
        ];
        for (c, h) in headers.iter().enumerate() {
            g.text(row, c as u16, *h, &st.header)?;
        }
        row += 1;
        let mut any_critical = false;
        for (gap, p) in r.gaps.iter().zip(plan).take(SUMMARY_ACTIONS) {
            let critical = fw.indicators[gap.indicator].critical;
            any_critical |= critical;
            let rank = if critical {
                format!("{} ★", gap.rank)
            } else {
                gap.rank.to_string()
            };
            g.text(
                row,
                0,
                &rank,
                if critical { &st.critical } else { &st.plain },
            )?;
            match p.actions.first() {
                Some(a) => {
                    g.text(row, 1, fw.text(&a.text, lang), &st.wrap)?;
                    let lead = a
                        .lead
                        .as_deref()
                        .or(p.lead.as_deref())
                        .map(|s| fw.stakeholder_label(s, lang).to_string())
                        .unwrap_or_else(|| msg(lang, "gap.no_lead").to_string());
                    g.text(row, 3, &lead, &st.wrap)?;
                    let tools = if a.tools.is_empty() {
                        &p.tools
                    } else {
                        &a.tools
                    };
                    g.text(row, 4, helps(fw, tools, lang), &st.wrap)?;
                }
                None => {
                    g.text(row, 1, msg(lang, "gap.no_action"), &st.muted_wrap)?;
                    let lead = p
                        .lead
                        .as_deref()
                        .map(|s| fw.stakeholder_label(s, lang).to_string())
                        .unwrap_or_else(|| msg(lang, "gap.no_lead").to_string());
                    g.text(row, 3, &lead, &st.wrap)?;
                    g.text(row, 4, helps(fw, &p.tools, lang), &st.wrap)?;
                }
            }
            match gap.points {
                Some(x) => g.ws.write_number_with_format(row, 2, x, &st.points)?,
                None => g.ws.write_blank(row, 2, &st.plain)?,
            };
            let closes = gap_name(fw, gap.indicator, lang);
            let area = areas(fw, &fw.indicators[gap.indicator])
                .0
                .map(|a| fw.text(&fw.nodes[a].label, lang).to_string())
                .filter(|a| !closes.contains(a.as_str()))
                .map(|a| format!("\n{a}"))
                .unwrap_or_default();
            g.text(row, 5, format!("{closes}{area}"), &st.wrap)?;
            row += 1;
        }
        let n_actions: usize = plan.iter().map(|p| p.actions.len().max(1)).sum();
        let mut foot = fmt(
            lang,
            "gap.all_actions",
            &[("n", Arg::Count(n_actions as u64))],
        );
        if any_critical {
            foot = format!("{}\n{foot}", msg(lang, "gap.critical_note"));
        }
        g.merge(row, 0, last, &foot, &st.note)?;
        row += 1;
    }
    row += 1;
    // Data gaps in one line, the band legend, how to read the scores.
    let dg = if r.data_gaps.is_empty() {
        msg(lang, "gap.no_data_gaps").to_string()
    } else {
        let mut ids: Vec<&str> = r
            .data_gaps
            .iter()
            .map(|d| fw.indicators[d.indicator].id.as_str())
            .take(12)
            .collect();
        if r.data_gaps.len() > 12 {
            ids.push("…");
        }
        fmt(
            lang,
            "gap.data_gaps",
            &[
                ("n", Arg::Count(r.data_gaps.len() as u64)),
                ("ids", ids.join(", ").into()),
            ],
        )
    };
    g.merge(row, 0, last, &dg, &st.note)?;
    row += 1;
    g.merge(row, 0, last, band_legend(fw, lang), &st.note)?;
    row += 1;
    g.merge(row, 0, last, t(lang, L::ScoresNote), &st.note)?;
    g.finish()?;
    super::style::sheet_setup(
        ws,
        &format!("{} {} {}", m.unit_code, m.period, fw.id),
        lang,
        true,
    );
    // One page: the whole profile on one sheet of A4.
    ws.set_print_fit_to_pages(1, 1);
    ws.set_repeat_rows(0, 0)?;
    Ok(())
}

/// A name cut at a word to at most `max` characters, with an ellipsis when cut.
fn short(name: &str, max: usize) -> String {
    if name.chars().count() <= max {
        return name.to_string();
    }
    let mut out = String::new();
    for w in name.split(' ') {
        if out.chars().count() + w.chars().count() + 1 > max {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    if out.is_empty() {
        out = name.chars().take(max).collect();
    }
    format!("{}…", out.trim_end_matches([',', ';', ':']))
}

fn helps(fw: &Framework, tools: &[String], lang: &str) -> String {
    if tools.is_empty() {
        msg(lang, "gap.no_tool").to_string()
    } else {
        let mut names = tool_labels(fw, tools, lang);
        if names.len() > SUMMARY_TOOLS {
            names.truncate(SUMMARY_TOOLS);
            names.push("…".into());
        }
        names.join("\n")
    }
}

fn area_chart(sheet: &str, first: u32, last: u32, level1: &str, n: u32, top: bool) -> Chart {
    let radar = n >= 3;
    let mut chart = Chart::new(if radar {
        ChartType::RadarWithMarkers
    } else {
        ChartType::Bar
    });
    if radar {
        chart
            .add_series()
            .set_categories((sheet, first, SHORT, last, SHORT))
            .set_values((sheet, first, 2, last, 2))
            .set_name((sheet, first - 1, 2))
            .set_format(
                rust_xlsxwriter::ChartFormat::new().set_line(
                    rust_xlsxwriter::ChartLine::new()
                        .set_color(Color::RGB(0x2F5597))
                        .set_width(2.25),
                ),
            );
        if top {
            chart
                .add_series()
                .set_categories((sheet, first, SHORT, last, SHORT))
                .set_values((sheet, first, HELPER, last, HELPER))
                .set_name((sheet, first - 1, HELPER))
                .set_format(
                    rust_xlsxwriter::ChartFormat::new().set_line(
                        rust_xlsxwriter::ChartLine::new()
                            .set_color(Color::RGB(0x548235))
                            .set_dash_type(ChartLineDashType::Dash),
                    ),
                )
                .set_marker(rust_xlsxwriter::ChartMarker::new().set_none());
        }
        chart.y_axis().set_min(0).set_max(100).set_major_unit(25);
    } else {
        if top {
            chart
                .add_series()
                .set_categories((sheet, first, SHORT, last, SHORT))
                .set_values((sheet, first, HELPER, last, HELPER))
                .set_name((sheet, first - 1, HELPER))
                .set_format(
                    rust_xlsxwriter::ChartFormat::new()
                        .set_solid_fill(
                            rust_xlsxwriter::ChartSolidFill::new().set_color(Color::RGB(0xE2EFDA)),
                        )
                        .set_border(
                            rust_xlsxwriter::ChartLine::new()
                                .set_color(Color::RGB(0x548235))
                                .set_dash_type(ChartLineDashType::Dash),
                        ),
                );
        }
        chart
            .add_series()
            .set_categories((sheet, first, SHORT, last, SHORT))
            .set_values((sheet, first, 2, last, 2))
            .set_name((sheet, first - 1, 2))
            .set_overlap(100)
            .set_gap(60)
            .set_format(rust_xlsxwriter::ChartFormat::new().set_solid_fill(
                rust_xlsxwriter::ChartSolidFill::new().set_color(Color::RGB(0x2F5597)),
            ));
        // In a bar chart the value axis is x and the category axis is y.
        chart.y_axis().set_reverse();
        chart.x_axis().set_min(0).set_max(100).set_major_unit(20);
    }
    // The top band's bound sits in a hidden helper column: plot it all the same.
    chart.show_hidden_data();
    chart.title().set_name(level1);
    chart
        .legend()
        .set_position(rust_xlsxwriter::ChartLegendPosition::Bottom);
    chart
}
