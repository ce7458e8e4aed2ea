//! The Contents sheet: in every workbook of more than three sheets, a sheet right after
//! the first that lists every sheet with a hyperlink and what it holds. Shared by every
//! workbook the tool writes: build the list of [`SheetEntry`] in order and call
//! [`add_sheets`] instead of adding the worksheets one by one.

use super::style::{Styles, sheet_setup};
use crate::i18n::msg;
use crate::sheet::Grid;
use rust_xlsxwriter::{Color, Format, FormatAlign, FormatUnderline, Url, Workbook, XlsxError};

/// One sheet of a workbook as the Contents sheet lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetEntry {
    /// The sheet's name (in the report language).
    pub name: String,
    /// What it holds, in one line.
    pub about: String,
}

/// Workbooks of more than this many sheets (the Contents sheet aside) get one.
pub const CONTENTS_FROM: usize = 4;

/// The name of the Contents sheet in a language.
pub fn contents_name(lang: &str) -> &'static str {
    msg(lang, "contents.sheet")
}

/// A hyperlink target for cell A1 of a sheet (`internal:'Name'!A1`, quotes doubled).
pub fn sheet_link(name: &str) -> String {
    format!("internal:'{}'!A1", name.replace('\'', "''"))
}

/// Adds the worksheets of `sheets` to `wb` in their order; when there are more than
/// three, a Contents sheet goes right after the first, headed by `title`, with a
/// hyperlink to every other sheet and what it holds. Returns the names of the sheets
/// added, in workbook order (the Contents sheet included). Write each sheet afterwards
/// through [`Workbook::worksheet_from_name`].
///
/// # Errors
/// The writer's error when a name is not a valid sheet name or is used twice.
pub fn add_sheets(
    wb: &mut Workbook,
    sheets: &[SheetEntry],
    title: &str,
    lang: &str,
    st: &Styles,
) -> Result<Vec<String>, XlsxError> {
    let with_contents = sheets.len() >= CONTENTS_FROM;
    let mut names = Vec::with_capacity(sheets.len() + 1);
    for (k, s) in sheets.iter().enumerate() {
        wb.add_worksheet().set_name(&s.name)?;
        names.push(s.name.clone());
        if k == 0 && with_contents {
            wb.add_worksheet().set_name(contents_name(lang))?;
            names.push(contents_name(lang).to_string());
        }
    }
    if with_contents {
        let ws = wb.worksheet_from_name(contents_name(lang))?;
        let link = Format::new()
            .set_font_color(Color::RGB(0x0563C1))
            .set_underline(FormatUnderline::Single)
            .set_align(FormatAlign::Top);
        // Rows sized from the text (the descriptions wrap).
        let mut g = Grid::new(ws);
        g.width(0, 4.0);
        g.width(1, 30.0);
        g.width(2, 80.0);
        g.text(0, 0, title, &st.title)?;
        g.text(2, 1, msg(lang, "contents.header_sheet"), &st.header)?;
        g.text(2, 2, msg(lang, "contents.header_about"), &st.header)?;
        for (k, s) in sheets.iter().enumerate() {
            let row = 3 + k as u32;
            g.ws.write_number_with_format(
                row,
                0,
                (k + 1) as f64,
                &Format::new().set_align(FormatAlign::Top),
            )?;
            g.ws.write_url_with_format(
                row,
                1,
                Url::new(sheet_link(&s.name)).set_text(&s.name),
                &link,
            )?;
            g.text(row, 2, &s.about, &st.wrap)?;
        }
        g.finish()?;
        sheet_setup(ws, contents_name(lang), lang, false);
        ws.set_print_fit_to_pages(1, 1);
    }
    Ok(names)
}
