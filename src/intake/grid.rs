//! Opening a spreadsheet of any format calamine reads, and holding its sheets as sparse
//! grids of non-empty cells (a used range that runs to row 1,048,576 with nothing in it
//! costs nothing). Formulas come as their cached values.

use calamine::{Data, DataRef, Ods, Reader, Xls, Xlsb, Xlsx};
use std::collections::BTreeMap;
use std::io::Cursor;

/// A cell value as read.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Text (dates come as ISO text).
    Text(String),
    /// A number.
    Number(f64),
    /// TRUE or FALSE.
    Bool(bool),
    /// An error value such as `#N/A`.
    Error(String),
}

impl Value {
    /// The value as a person would read it: whole numbers without a decimal point.
    pub fn display(&self) -> String {
        match self {
            Value::Text(s) => s.clone(),
            Value::Number(x) => number_text(*x),
            Value::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
            Value::Error(e) => e.clone(),
        }
    }

    /// True for blank text.
    pub fn is_blank(&self) -> bool {
        matches!(self, Value::Text(s) if s.trim().is_empty())
    }
}

/// A number as text: `15` not `15.0`, else the shortest form that reads back the same.
pub fn number_text(x: f64) -> String {
    if x.is_finite() && x == x.trunc() && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        format!("{x}")
    }
}

/// A merged region (0-based, inclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Merge {
    /// First row.
    pub first_row: u32,
    /// First column.
    pub first_col: u32,
    /// Last row.
    pub last_row: u32,
    /// Last column.
    pub last_col: u32,
}

/// The non-empty cells of one sheet, by row then column.
#[derive(Debug, Clone, Default)]
pub struct Grid {
    /// Sheet name.
    pub name: String,
    /// Row → cells sorted by column.
    pub rows: BTreeMap<u32, Vec<(u32, Value)>>,
    /// Merged regions.
    pub merges: Vec<Merge>,
}

impl Grid {
    /// The value at a cell.
    pub fn get(&self, row: u32, col: u32) -> Option<&Value> {
        let cells = self.rows.get(&row)?;
        cells
            .binary_search_by_key(&col, |(c, _)| *c)
            .ok()
            .map(|i| &cells[i].1)
    }

    fn push(&mut self, row: u32, col: u32, v: Value) {
        self.rows.entry(row).or_default().push((col, v));
    }

    fn finish(mut self) -> Self {
        for cells in self.rows.values_mut() {
            cells.sort_by_key(|(c, _)| *c);
            cells.dedup_by_key(|(c, _)| *c);
        }
        self
    }
}

/// Why a file could not be opened as a spreadsheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OpenError {
    /// Password-protected (encrypted).
    Encrypted,
    /// Looks like a spreadsheet (zip or OLE container) but cannot be read.
    Damaged(String),
    /// Not a spreadsheet at all.
    NotSpreadsheet,
}

/// An opened workbook: its sheets' grids, in workbook order.
#[derive(Debug, Clone, Default)]
pub struct Book {
    /// Sheets in order.
    pub sheets: Vec<Grid>,
    /// Format name (xlsx, xlsm, xlsb, xls, ods).
    pub format: &'static str,
}

impl Book {
    /// A sheet by exact name.
    pub fn sheet(&self, name: &str) -> Option<&Grid> {
        self.sheets.iter().find(|s| s.name == name)
    }
}

fn convert(d: &Data) -> Option<Value> {
    Some(match d {
        Data::Empty => return None,
        Data::String(s) => {
            if s.trim().is_empty() {
                return None;
            }
            Value::Text(s.clone())
        }
        Data::Int(i) => Value::Number(*i as f64),
        Data::Float(f) => Value::Number(*f),
        Data::Bool(b) => Value::Bool(*b),
        Data::DateTime(dt) => {
            let (y, m, d, h, mi, s, _) = dt.to_ymd_hms_milli();
            if dt.is_datetime() && (h, mi, s) != (0, 0, 0) {
                Value::Text(format!("{y:04}-{m:02}-{d:02}T{h:02}:{mi:02}:{s:02}"))
            } else {
                Value::Text(format!("{y:04}-{m:02}-{d:02}"))
            }
        }
        Data::DateTimeIso(s) | Data::DurationIso(s) => Value::Text(s.clone()),
        Data::Error(e) => Value::Error(e.to_string()),
    })
}

fn convert_ref(d: DataRef<'_>) -> Option<Value> {
    match d {
        DataRef::Empty => None,
        DataRef::SharedString(s) => (!s.trim().is_empty()).then(|| Value::Text(s.to_string())),
        other => convert(&other.into()),
    }
}

/// Opens workbook bytes of any format calamine reads.
pub fn open(bytes: &[u8]) -> Result<Book, OpenError> {
    const ZIP: &[u8] = b"PK\x03\x04";
    const OLE: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    if bytes.starts_with(ZIP) {
        let mut first_err = None;
        match Xlsx::new(Cursor::new(bytes)) {
            Ok(x) => return read_xlsx(x),
            Err(calamine::XlsxError::Password) => return Err(OpenError::Encrypted),
            Err(e) => first_err = first_err.or(Some(e.to_string())),
        }
        match Xlsb::new(Cursor::new(bytes)) {
            Ok(x) => return read_generic(x, "xlsb"),
            Err(calamine::XlsbError::Password) => return Err(OpenError::Encrypted),
            Err(_) => {}
        }
        match Ods::new(Cursor::new(bytes)) {
            Ok(x) => return read_generic(x, "ods"),
            Err(calamine::OdsError::Password) => return Err(OpenError::Encrypted),
            Err(_) => {}
        }
        return Err(OpenError::Damaged(first_err.unwrap_or_default()));
    }
    if bytes.starts_with(OLE) {
        if let Err(calamine::XlsxError::Password) = Xlsx::new(Cursor::new(bytes)) {
            return Err(OpenError::Encrypted);
        }
        return match Xls::new(Cursor::new(bytes)) {
            Ok(x) => {
                let merges: Vec<Vec<Merge>> = x
                    .sheet_names()
                    .iter()
                    .map(|n| {
                        x.merge_cells_by_sheet_name(n)
                            .unwrap_or_default()
                            .iter()
                            .map(|d| Merge {
                                first_row: d.start.0,
                                first_col: d.start.1,
                                last_row: d.end.0,
                                last_col: d.end.1,
                            })
                            .collect()
                    })
                    .collect();
                let mut book = read_generic(x, "xls")?;
                for (sheet, m) in book.sheets.iter_mut().zip(merges) {
                    sheet.merges = m;
                }
                Ok(book)
            }
            Err(calamine::XlsError::Password) => Err(OpenError::Encrypted),
            Err(e) => Err(OpenError::Damaged(e.to_string())),
        };
    }
    Err(OpenError::NotSpreadsheet)
}

fn read_xlsx(mut x: Xlsx<Cursor<&[u8]>>) -> Result<Book, OpenError> {
    let names = x.sheet_names();
    let format = if x.vba_project().ok().flatten().is_some() {
        "xlsm"
    } else {
        "xlsx"
    };
    let mut book = Book {
        sheets: Vec::new(),
        format,
    };
    for name in names {
        let mut grid = Grid {
            name: name.clone(),
            ..Default::default()
        };
        {
            let mut reader = match x.worksheet_cells_reader(&name) {
                Ok(r) => r,
                // Chart sheets and the like hold no cells.
                Err(calamine::XlsxError::NotAWorksheet(_)) => {
                    book.sheets.push(grid);
                    continue;
                }
                Err(e) => return Err(OpenError::Damaged(e.to_string())),
            };
            loop {
                match reader.next_cell() {
                    Ok(Some(cell)) => {
                        let (r, c) = cell.get_position();
                        if let Some(v) = convert_ref(cell.get_value().clone()) {
                            grid.push(r, c, v);
                        }
                    }
                    Ok(None) => break,
                    Err(e) => return Err(OpenError::Damaged(e.to_string())),
                }
            }
        }
        if let Ok(merges) = x.merge_cells_by_sheet_name(&name) {
            grid.merges = merges
                .iter()
                .map(|d| Merge {
                    first_row: d.start.0,
                    first_col: d.start.1,
                    last_row: d.end.0,
                    last_col: d.end.1,
                })
                .collect();
        }
        book.sheets.push(grid.finish());
    }
    Ok(book)
}

fn read_generic<'a, R>(mut r: R, format: &'static str) -> Result<Book, OpenError>
where
    R: Reader<Cursor<&'a [u8]>>,
    R::Error: std::fmt::Display,
{
    let mut book = Book {
        sheets: Vec::new(),
        format,
    };
    for name in r.sheet_names() {
        let range = r
            .worksheet_range(&name)
            .map_err(|e| OpenError::Damaged(e.to_string()))?;
        let mut grid = Grid {
            name: name.clone(),
            ..Default::default()
        };
        if let Some((r0, c0)) = range.start() {
            for (row, col, v) in range.used_cells() {
                if let Some(v) = convert(v) {
                    grid.push(r0 + row as u32, c0 + col as u32, v);
                }
            }
        }
        book.sheets.push(grid.finish());
    }
    Ok(book)
}
