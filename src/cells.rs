//! Writing text cells within Excel's limit: every workbook the tool writes (reports,
//! templates) writes its text cells through [`TextCells`], so a text longer than the
//! 32,767 characters an Excel cell holds is clipped instead of failing the whole
//! workbook. Each clip is recorded; [`collect_clips`] returns those made while a
//! workbook was built, for a warning naming the cell and the original length.
//!
//! ```
//! use mgi::cells::{TextCells, collect_clips, EXCEL_TEXT_LIMIT};
//! let (result, clips) = collect_clips(|| {
//!     let mut wb = rust_xlsxwriter::Workbook::new();
//!     let ws = wb.add_worksheet();
//!     ws.write_text(0, 0, "x".repeat(EXCEL_TEXT_LIMIT + 10)).map(|_| ())
//! });
//! assert!(result.is_ok());
//! assert_eq!(clips[0].cell, "A1");
//! assert_eq!(clips[0].length, EXCEL_TEXT_LIMIT + 10);
//! ```

use rust_xlsxwriter::{ColNum, Format, RowNum, Worksheet, XlsxError};
use std::cell::RefCell;

/// Characters (UTF-16 units, as Excel counts them) one cell holds.
pub const EXCEL_TEXT_LIMIT: usize = 32_767;

/// A text clipped to fit a cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clip {
    /// Sheet name.
    pub sheet: String,
    /// Cell in A1 notation.
    pub cell: String,
    /// The text's length in characters (UTF-16 units) before clipping.
    pub length: usize,
}

thread_local! {
    static CLIPS: RefCell<Option<Vec<Clip>>> = const { RefCell::new(None) };
}

/// Runs `build` (which writes a workbook on this thread) and returns its result with
/// the clips made meanwhile.
pub fn collect_clips<T>(build: impl FnOnce() -> T) -> (T, Vec<Clip>) {
    let outer = CLIPS.with(|c| c.borrow_mut().replace(Vec::new()));
    let out = build();
    let clips = CLIPS.with(|c| {
        let mut slot = c.borrow_mut();
        let mine = slot.take().unwrap_or_default();
        *slot = outer;
        mine
    });
    (out, clips)
}

/// A text cut to `limit` UTF-16 units, whole characters only; its length when longer.
pub fn fit(text: String, limit: usize) -> (String, Option<usize>) {
    // Quick path: a text of at most `limit` bytes has at most that many units.
    if text.len() <= limit {
        return (text, None);
    }
    let units: usize = text.chars().map(char::len_utf16).sum();
    if units <= limit {
        return (text, None);
    }
    let mut used = 0;
    let end = text
        .char_indices()
        .find(|(_, c)| {
            used += c.len_utf16();
            used > limit
        })
        .map(|(i, _)| i)
        .unwrap_or(text.len());
    (text[..end].to_string(), Some(units))
}

/// Text cells within Excel's limit, with the same arguments as the writer's own
/// `write_string` and `write_string_with_format`.
pub trait TextCells {
    /// Writes a text cell with a format, clipped to [`EXCEL_TEXT_LIMIT`].
    ///
    /// # Errors
    /// The writer's errors other than the length of the text.
    fn write_text_with_format(
        &mut self,
        row: RowNum,
        col: ColNum,
        text: impl Into<String>,
        format: &Format,
    ) -> Result<&mut Worksheet, XlsxError>;

    /// Writes a text cell, clipped to [`EXCEL_TEXT_LIMIT`].
    ///
    /// # Errors
    /// The writer's errors other than the length of the text.
    fn write_text(
        &mut self,
        row: RowNum,
        col: ColNum,
        text: impl Into<String>,
    ) -> Result<&mut Worksheet, XlsxError>;
}

fn clipped(ws: &Worksheet, row: RowNum, col: ColNum, text: impl Into<String>) -> String {
    let (text, length) = fit(text.into(), EXCEL_TEXT_LIMIT);
    if let Some(length) = length {
        let clip = Clip {
            sheet: ws.name(),
            cell: crate::diag::a1(row, col as u32),
            length,
        };
        CLIPS.with(|c| {
            if let Some(list) = c.borrow_mut().as_mut() {
                list.push(clip);
            }
        });
    }
    text
}

impl TextCells for Worksheet {
    fn write_text_with_format(
        &mut self,
        row: RowNum,
        col: ColNum,
        text: impl Into<String>,
        format: &Format,
    ) -> Result<&mut Worksheet, XlsxError> {
        let text = clipped(self, row, col, text);
        self.write_string_with_format(row, col, text, format)
    }

    fn write_text(
        &mut self,
        row: RowNum,
        col: ColNum,
        text: impl Into<String>,
    ) -> Result<&mut Worksheet, XlsxError> {
        let text = clipped(self, row, col, text);
        self.write_string(row, col, text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clips_whole_characters_by_utf16_units() {
        assert_eq!(fit("abc".into(), 3), ("abc".to_string(), None));
        assert_eq!(fit("abcd".into(), 3), ("abc".to_string(), Some(4)));
        // "😀" takes two units: it does not fit in the last one.
        assert_eq!(fit("ab😀".into(), 3), ("ab".to_string(), Some(4)));
        assert_eq!(fit("éé".into(), 2), ("éé".to_string(), None));
    }
}
