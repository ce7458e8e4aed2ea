//! A sheet writer that sizes rows and columns from the text written: every text cell is
//! recorded with its font, and [`Grid::finish`] widens a column where a word (or a
//! cell that may not overflow) would not fit, then gives every row the height its
//! wrapped texts need in the final widths. Writers never guess a row height.

use super::fit::{self, Font};
use super::style::Style;
use crate::cells::TextCells;
use rust_xlsxwriter::{Format, Worksheet, XlsxError};
use std::collections::{BTreeMap, BTreeSet};

/// The widest a column is made to show a word or an unwrapped cell (characters).
pub const MAX_AUTO_WIDTH: f64 = 60.0;

/// Excel's highest row (points).
pub const MAX_ROW_HEIGHT: f64 = 409.0;

struct Placed {
    row: u32,
    first: u16,
    last: u16,
    text: String,
    font: Font,
    wrap: bool,
}

/// A worksheet being written, with what is needed to size its rows and columns.
pub struct Grid<'a> {
    /// The worksheet (for what the grid does not do: validations, charts, setup).
    pub ws: &'a mut Worksheet,
    widths: BTreeMap<u16, f64>,
    placed: Vec<Placed>,
    filled: BTreeSet<(u32, u16)>,
    floors: BTreeMap<u32, f64>,
    fixed: BTreeSet<u16>,
}

impl<'a> Grid<'a> {
    /// A grid over a worksheet.
    pub fn new(ws: &'a mut Worksheet) -> Grid<'a> {
        Grid {
            ws,
            widths: BTreeMap::new(),
            placed: Vec::new(),
            filled: BTreeSet::new(),
            floors: BTreeMap::new(),
            fixed: BTreeSet::new(),
        }
    }

    /// Sets a column's width (characters); it may grow to fit a word.
    pub fn width(&mut self, col: u16, width: f64) {
        self.widths.insert(col, width);
    }

    /// Sets a column's width and keeps it: wrapped words that do not fit break.
    pub fn fixed_width(&mut self, col: u16, width: f64) {
        self.widths.insert(col, width);
        self.fixed.insert(col);
    }

    /// A column's width as set so far (Excel's default 8.43 when unset).
    pub fn column_width(&self, col: u16) -> f64 {
        self.widths.get(&col).copied().unwrap_or(8.43)
    }

    /// Writes a text.
    pub fn text(
        &mut self,
        row: u32,
        col: u16,
        text: impl AsRef<str>,
        st: &Style,
    ) -> Result<(), XlsxError> {
        let text = text.as_ref();
        self.ws.write_text_with_format(row, col, text, st)?;
        self.place(row, col, col, text, st);
        Ok(())
    }

    /// Writes a number, shown as `shown` would be (for the column's width).
    pub fn number(&mut self, row: u32, col: u16, x: f64, st: &Style) -> Result<(), XlsxError> {
        self.ws.write_number_with_format(row, col, x, st)?;
        let shown = format!("{x:.1}");
        self.place(
            row,
            col,
            col,
            &shown,
            &Style {
                wrap: false,
                ..st.clone()
            },
        );
        Ok(())
    }

    /// Writes a blank cell with a format.
    pub fn blank(&mut self, row: u32, col: u16, format: &Format) -> Result<(), XlsxError> {
        self.ws.write_blank(row, col, format)?;
        Ok(())
    }

    /// Writes a text across the columns `first` to `last` of a row (merged).
    pub fn merge(
        &mut self,
        row: u32,
        first: u16,
        last: u16,
        text: impl AsRef<str>,
        st: &Style,
    ) -> Result<(), XlsxError> {
        let text = text.as_ref();
        if first == last {
            return self.text(row, first, text, st);
        }
        self.ws.merge_range(row, first, row, last, text, st)?;
        self.place(row, first, last, text, st);
        Ok(())
    }

    /// Keeps a row at least this high (points), e.g. under a chart's title.
    pub fn min_height(&mut self, row: u32, points: f64) {
        let h = self.floors.entry(row).or_insert(0.0);
        *h = h.max(points);
    }

    fn place(&mut self, row: u32, first: u16, last: u16, text: &str, st: &Style) {
        for c in first..=last {
            self.filled.insert((row, c));
        }
        self.placed.push(Placed {
            row,
            first,
            last,
            text: text.to_string(),
            font: st.font,
            wrap: st.wrap,
        });
    }

    /// The height a row will have (points) with the column widths set so far: the
    /// tallest of its texts, at least its floor and the default 15 points.
    pub fn planned_height(&self, row: u32) -> f64 {
        let mut h = self.floors.get(&row).copied().unwrap_or(15.0).max(15.0);
        for p in self.placed.iter().filter(|p| p.row == row) {
            h = h.max(self.needed(p));
        }
        h.min(MAX_ROW_HEIGHT)
    }

    fn needed(&self, p: &Placed) -> f64 {
        if p.wrap {
            let px: f64 = (p.first..=p.last)
                .map(|c| fit::column_px(self.widths.get(&c).copied().unwrap_or(8.43)))
                .sum();
            fit::height_for_text(&p.text, fit::lines_in_px(&p.text, px, &p.font), &p.font)
        } else {
            fit::height_for_text(&p.text, 1, &p.font)
        }
    }

    /// Widens columns where needed, sets every column width and row height.
    pub fn finish(mut self) -> Result<(), XlsxError> {
        // Widths: a wrapped cell's longest word; an unwrapped cell that may not spill
        // into the next one (it is filled) its whole text.
        for p in &self.placed {
            if p.first != p.last || self.fixed.contains(&p.first) {
                continue;
            }
            let blocked = self.filled.contains(&(p.row, p.first + 1));
            let need = if p.wrap {
                fit::longest_word_width(&p.text, &p.font)
            } else if blocked || p.text.chars().all(|c| c.is_ascii_digit() || c == '.') {
                fit::one_line_width(&p.text, &p.font)
            } else {
                continue;
            };
            let w = self.widths.entry(p.first).or_insert(8.43);
            if need > *w {
                *w = need.min(MAX_AUTO_WIDTH).max(*w);
            }
        }
        for (&c, &w) in &self.widths {
            self.ws.set_column_width(c, w)?;
        }
        // Heights.
        let mut heights: BTreeMap<u32, f64> = self.floors.clone();
        for p in &self.placed {
            let h = self.needed(p);
            let e = heights.entry(p.row).or_insert(0.0);
            *e = e.max(h);
        }
        for (row, h) in heights {
            if h > 15.0 + 1e-9 || self.floors.contains_key(&row) {
                self.ws.set_row_height(row, h.min(MAX_ROW_HEIGHT))?;
            }
        }
        Ok(())
    }
}
