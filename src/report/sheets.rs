//! Sheets every report carries: the diagnostics of the inputs, and an `About` list of
//! fields and values. Every text is in the report's language: headers, severities and
//! the messages of diagnostics that carry a catalogue key.

use super::labels::{Label as L, t};
use super::style::{Styles, sheet_setup};
use crate::diag::{Diagnostic, Severity};
use crate::i18n::msg;
use crate::sheet::Grid;
use rust_xlsxwriter::{Worksheet, XlsxError};

/// Writes a header row (text and column width per column) from column 0.
pub fn write_headers(
    ws: &mut Worksheet,
    row: u32,
    cols: &[(&str, f64)],
    st: &Styles,
) -> Result<(), XlsxError> {
    for (c, (h, w)) in cols.iter().enumerate() {
        ws.write_string_with_format(row, c as u16, *h, &st.header)?;
        ws.set_column_width(c as u16, *w)?;
    }
    Ok(())
}

/// The name of a severity in a language.
pub fn severity_label(lang: &str, s: Severity) -> &'static str {
    msg(
        lang,
        match s {
            Severity::Error => "report.severity.error",
            Severity::Warning => "report.severity.warning",
        },
    )
}

/// Writes diagnostics: severity, code, file, sheet, cell, message (in the report's
/// language where the diagnostic carries a catalogue key, else as emitted).
pub fn write_diagnostics(
    ws: &mut Worksheet,
    diags: &[Diagnostic],
    lang: &str,
    st: &Styles,
) -> Result<(), XlsxError> {
    let mut g = Grid::new(ws);
    let headers = [
        (t(lang, L::Severity), 12.0),
        (t(lang, L::Code), 8.0),
        (msg(lang, "report.column.file"), 30.0),
        (t(lang, L::Sheet), 14.0),
        (t(lang, L::Cell), 9.0),
        (t(lang, L::Message), 90.0),
    ];
    for (c, (h, w)) in headers.iter().enumerate() {
        g.width(c as u16, *w);
        g.text(0, c as u16, *h, &st.header)?;
    }
    for (k, d) in diags.iter().enumerate() {
        let row = k as u32 + 1;
        g.text(
            row,
            0,
            severity_label(lang, d.severity),
            if d.is_error() { &st.error } else { &st.plain },
        )?;
        g.text(row, 1, d.code.as_str(), &st.plain)?;
        g.text(row, 2, d.location.file.as_deref().unwrap_or(""), &st.wrap)?;
        g.text(row, 3, d.location.sheet.as_deref().unwrap_or(""), &st.wrap)?;
        g.text(row, 4, d.location.cell.as_deref().unwrap_or(""), &st.plain)?;
        g.text(row, 5, d.message_in(lang), &st.wrap)?;
    }
    if diags.is_empty() {
        g.merge(1, 0, 5, msg(lang, "report.no_diagnostics"), &st.note)?;
    }
    g.ws.set_freeze_panes(1, 0)?;
    g.finish()?;
    sheet_setup(ws, t(lang, L::Diagnostics), lang, true);
    Ok(())
}

/// Writes a `Contents` sheet: every sheet of the workbook (name, what it holds) with a
/// hyperlink to it. Workbooks with more than three sheets put it right after the first.
pub fn write_contents(
    ws: &mut Worksheet,
    title: &str,
    sheets: &[(&str, String)],
    lang: &str,
    st: &Styles,
) -> Result<(), XlsxError> {
    let mut g = Grid::new(ws);
    g.width(0, 28.0);
    g.width(1, 90.0);
    g.merge(0, 0, 1, title, &st.title)?;
    g.text(2, 0, t(lang, L::Sheet), &st.header)?;
    g.text(2, 1, msg(lang, "report.contents_what"), &st.header)?;
    for (k, (name, what)) in sheets.iter().enumerate() {
        let row = k as u32 + 3;
        let target = format!("internal:'{}'!A1", name.replace('\'', "''"));
        let link = rust_xlsxwriter::Format::new()
            .set_font_color(rust_xlsxwriter::Color::RGB(0x0563C1))
            .set_underline(rust_xlsxwriter::FormatUnderline::Single)
            .set_border(rust_xlsxwriter::FormatBorder::Thin)
            .set_border_color(rust_xlsxwriter::Color::RGB(0xD9D9D9))
            .set_align(rust_xlsxwriter::FormatAlign::Top);
        g.ws.write_url_with_options(row, 0, target.as_str(), *name, "", Some(&link))?;
        g.text(row, 1, what, &st.wrap)?;
    }
    g.finish()?;
    sheet_setup(ws, msg(lang, "report.contents"), lang, false);
    Ok(())
}

/// Writes a two-column list of fields and values under a header row.
pub fn write_fields(
    ws: &mut Worksheet,
    rows: &[(&str, String)],
    lang: &str,
    st: &Styles,
) -> Result<(), XlsxError> {
    let mut g = Grid::new(ws);
    g.width(0, 30.0);
    g.width(1, 100.0);
    g.text(0, 0, t(lang, L::Field), &st.header)?;
    g.text(0, 1, t(lang, L::Value), &st.header)?;
    for (k, (f, v)) in rows.iter().enumerate() {
        let row = k as u32 + 1;
        g.text(row, 0, *f, &st.bold_wrap)?;
        g.text(row, 1, v, &st.wrap)?;
    }
    g.finish()?;
    sheet_setup(ws, t(lang, L::About), lang, false);
    Ok(())
}
