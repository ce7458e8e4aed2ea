//! Sheets every report carries: the diagnostics of the inputs, and an `About` list of
//! fields and values.

use super::labels::{Label as L, t};
use super::style::{Styles, sheet_setup, wrapped_height};
use crate::cells::TextCells;
use crate::diag::Diagnostic;
use rust_xlsxwriter::{Worksheet, XlsxError};

/// Writes a header row (text and column width per column) from column 0.
pub fn write_headers(
    ws: &mut Worksheet,
    row: u32,
    cols: &[(&str, f64)],
    st: &Styles,
) -> Result<(), XlsxError> {
    for (c, (h, w)) in cols.iter().enumerate() {
        ws.write_text_with_format(row, c as u16, *h, &st.header)?;
        ws.set_column_width(c as u16, *w)?;
    }
    Ok(())
}

/// Writes diagnostics: severity, code, file, sheet, cell, message.
pub fn write_diagnostics(
    ws: &mut Worksheet,
    diags: &[Diagnostic],
    lang: &str,
    st: &Styles,
) -> Result<(), XlsxError> {
    let headers = [
        (t(lang, L::Severity), 10.0),
        (t(lang, L::Code), 8.0),
        ("File", 36.0),
        (t(lang, L::Sheet), 14.0),
        (t(lang, L::Cell), 9.0),
        (t(lang, L::Message), 100.0),
    ];
    write_headers(ws, 0, &headers, st)?;
    for (k, d) in diags.iter().enumerate() {
        let row = k as u32 + 1;
        ws.write_text_with_format(
            row,
            0,
            d.severity.to_string(),
            if d.is_error() { &st.error } else { &st.plain },
        )?;
        ws.write_text_with_format(row, 1, d.code.as_str(), &st.plain)?;
        ws.write_text_with_format(row, 2, d.location.file.as_deref().unwrap_or(""), &st.wrap)?;
        ws.write_text_with_format(row, 3, d.location.sheet.as_deref().unwrap_or(""), &st.plain)?;
        ws.write_text_with_format(row, 4, d.location.cell.as_deref().unwrap_or(""), &st.plain)?;
        ws.write_text_with_format(row, 5, &d.message, &st.wrap)?;
        ws.set_row_height(row, wrapped_height(&d.message, 100.0))?;
    }
    ws.set_freeze_panes(1, 0)?;
    sheet_setup(ws, t(lang, L::Diagnostics), lang, true);
    Ok(())
}

/// Writes a two-column list of fields and values under a header row.
pub fn write_fields(
    ws: &mut Worksheet,
    rows: &[(&str, String)],
    lang: &str,
    st: &Styles,
) -> Result<(), XlsxError> {
    ws.set_column_width(0, 30)?;
    ws.set_column_width(1, 100)?;
    ws.write_text_with_format(0, 0, t(lang, L::Field), &st.header)?;
    ws.write_text_with_format(0, 1, t(lang, L::Value), &st.header)?;
    for (k, (f, v)) in rows.iter().enumerate() {
        let row = k as u32 + 1;
        ws.write_text_with_format(row, 0, *f, &st.bold_wrap)?;
        ws.write_text_with_format(row, 1, v, &st.wrap)?;
        ws.set_row_height(row, wrapped_height(v, 100.0))?;
    }
    sheet_setup(ws, t(lang, L::About), lang, false);
    Ok(())
}
