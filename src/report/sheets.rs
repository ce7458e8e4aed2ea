//! Sheets every report carries: the diagnostics of the inputs, and an `About` list of
//! fields and values. Every text is in the report's language: headers, severities and
//! the messages of diagnostics that carry a catalogue key.

use super::labels::{Label as L, status, t};
use super::style::{Styles, sheet_setup};
use crate::cells::TextCells;
use crate::diag::{Diagnostic, Severity};
use crate::i18n::msg;
use crate::rules::Framework;
use crate::sheet::Grid;
use rust_xlsxwriter::{ConditionalFormatDataBar, ConditionalFormatType, Worksheet, XlsxError};

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

/// Writes a number, or a blank cell in the same format when there is none.
pub fn write_opt_number(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    v: Option<f64>,
    f: &rust_xlsxwriter::Format,
) -> Result<(), XlsxError> {
    match v {
        Some(x) => ws.write_number_with_format(row, col, x, f)?,
        None => ws.write_blank(row, col, f)?,
    };
    Ok(())
}

/// The words of a text as a wrapped cell breaks it: at spaces, tabs and line breaks,
/// never at a no-break space (U+00A0), which keeps "round 2" together.
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split([' ', '\t', '\n', '\r'])
        .filter(|w| !w.is_empty())
}

/// The length in characters of the longest word of a text: a wrapped cell narrower than
/// this breaks a word in two.
pub fn longest_word(text: &str) -> usize {
    words(text).map(|w| w.chars().count()).max().unwrap_or(0)
}

/// A text wrapped between words into lines of at most `width` characters (a longer
/// word stays whole on its own line).
pub fn wrap_words(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in words(text) {
        let fits = line.chars().count() + 1 + word.chars().count() <= width;
        if !line.is_empty() && !fits {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// The width (Excel character units) of a header column: wide enough for the longest
/// word of its (bold) header so that wrapping happens between words only, and at least
/// `min`. A header with a hyphen inside a word ("Score (0-100)") is given its whole
/// length when that is short, since a spreadsheet also breaks lines after a hyphen.
pub fn header_width(header: &str, min: f64) -> f64 {
    let hyphenated = words(header).any(|w| w.trim_matches('-').contains('-'));
    let chars = header.chars().count();
    // Headers are bold: the longest word (or a short hyphenated header whole) measured
    // in the font's metrics, so a CJK, Arabic or Cyrillic word is not cut.
    let bold = crate::sheet::Font::new(11.0, true, false);
    let need = if hyphenated && chars <= 16 {
        crate::sheet::fit::one_line_width(header, &bold)
    } else {
        crate::sheet::fit::longest_word_width(header, &bold)
    };
    need.max(min)
}

/// The width (character units) a column needs for a plain text on one line: letters
/// average about nine tenths of a digit in Calibri and Carlito.
pub fn text_width(text: &str) -> f64 {
    // From the font's metrics (wide CJK, shaped Arabic), not a count of characters.
    crate::sheet::fit::one_line_width(text, &crate::sheet::Font::BODY) + 1.0
}

/// The height (points) of a header row whose columns are `(text, width)`: the most
/// lines any header wraps into between words.
pub fn header_height(cols: &[(&str, f64)]) -> f64 {
    // Headers are bold; the lines and their height from the font's metrics.
    let bold = crate::sheet::Font::new(11.0, true, false);
    cols.iter()
        .map(|(h, w)| crate::sheet::fit::height(h, *w, &bold))
        .fold(17.0, f64::max)
}

/// A label with its first letter in upper case (status names used as headers).
pub fn capitalised(text: &str) -> String {
    let mut c = text.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// The number format of a signed change with one decimal: `+2.5`, `−9.1` (U+2212), and
/// `0.0` for what rounds to zero.
pub const SIGNED: &str = "[>=0.05]+0.0;[<=-0.05]\"\u{2212}\"0.0;0.0";

/// Colours the changes in a range: green from +0.05, red from −0.05 (conditional
/// formats, which every spreadsheet shows alike).
pub fn colour_changes(
    ws: &mut Worksheet,
    first_row: u32,
    col: u16,
    last_row: u32,
) -> Result<(), XlsxError> {
    use rust_xlsxwriter::{ConditionalFormatCell, ConditionalFormatCellRule, Format};
    if last_row < first_row {
        return Ok(());
    }
    for (rule, colour) in [
        (
            ConditionalFormatCellRule::GreaterThanOrEqualTo(0.05),
            0x00703C,
        ),
        (
            ConditionalFormatCellRule::LessThanOrEqualTo(-0.05),
            0xC00000,
        ),
    ] {
        ws.add_conditional_format(
            first_row,
            col,
            last_row,
            col,
            &ConditionalFormatCell::new()
                .set_rule(rule)
                .set_format(Format::new().set_font_color(colour)),
        )?;
    }
    Ok(())
}

/// The height (points) of a wrapped cell of 11-point text in a column `width` units
/// wide, from the font's metrics (as [`crate::sheet::Grid`] sizes rows), taken bold so
/// that it holds either weight.
pub fn text_height(text: &str, width: f64) -> f64 {
    // Bold is the widest the text may be set in; lines and height from the metrics.
    let bold = crate::sheet::Font::new(11.0, true, false);
    crate::sheet::fit::height(text, width, &bold).max(17.0)
}

/// The label of the band a score (0 to 100) falls in, or nothing without a score.
pub fn band_label(fw: &Framework, score: Option<f64>, lang: &str) -> String {
    score
        .and_then(|s| fw.band_of(s))
        .map(|b| fw.text(&b.label, lang).to_string())
        .unwrap_or_default()
}

/// A score (0 to 100) as a number, or the status in words when there is none.
pub fn write_score(
    g: &mut Grid,
    row: u32,
    col: u16,
    score: Option<f64>,
    status_name: &str,
    lang: &str,
    st: &Styles,
) -> Result<(), XlsxError> {
    match score {
        Some(s) => g.number(row, col, s, &st.score),
        None => g.text(row, col, status(lang, status_name), &st.muted),
    }
}

/// The data bar of a score column (0 to 100).
pub fn data_bar() -> ConditionalFormatDataBar {
    ConditionalFormatDataBar::new()
        .set_minimum(ConditionalFormatType::Number, 0)
        .set_maximum(ConditionalFormatType::Number, 100)
        .set_fill_color("#8EA9DB")
        .set_solid_fill(true)
}
