//! Opening a spreadsheet of any format calamine reads, and holding its sheets as sparse
//! grids of non-empty cells (a used range that runs to row 1,048,576 with nothing in it
//! costs nothing). Formulas come as their cached values.
//!
//! Before calamine sees a file, [`super::guard`] holds it to the [`Budgets`]; while the
//! cells are read, the count of cells per sheet and the length of each text are held
//! to them too.

use super::budget::{Budgets, count};
use super::guard::{self, Refusal};
use super::scan::{SheetScan, scan, sheet_paths};
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

impl From<&calamine::Dimensions> for Merge {
    fn from(d: &calamine::Dimensions) -> Merge {
        Merge {
            first_row: d.start.0,
            first_col: d.start.1,
            last_row: d.end.0,
            last_col: d.end.1,
        }
    }
}

/// The non-empty cells of one sheet, by row then column, and what was found about
/// cells that are not plain values.
#[derive(Debug, Clone, Default)]
pub struct Grid {
    /// Sheet name.
    pub name: String,
    /// Row → cells sorted by column.
    pub rows: BTreeMap<u32, Vec<(u32, Value)>>,
    /// Merged regions.
    pub merges: Vec<Merge>,
    /// Formula cells without a cached value (0-based row, column).
    pub uncached: Vec<(u32, u32)>,
    /// Cells the sheet gives more than once: position and each later value (the first
    /// is in `rows`).
    pub repeated: Vec<(u32, u32, Value)>,
    /// Texts clipped to the text budget: position and their length in characters.
    pub clipped: Vec<(u32, u32, usize)>,
    cells: usize,
}

impl Grid {
    fn new(name: &str) -> Self {
        Grid {
            name: name.to_string(),
            ..Default::default()
        }
    }

    /// The value at a cell.
    pub fn get(&self, row: u32, col: u32) -> Option<&Value> {
        let cells = self.rows.get(&row)?;
        cells
            .binary_search_by_key(&col, |(c, _)| *c)
            .ok()
            .map(|i| &cells[i].1)
    }

    /// Adds a cell, holding the sheet to the cells budget.
    fn push(&mut self, row: u32, col: u32, v: Value, b: &Budgets) -> Result<(), OpenError> {
        self.cells += 1;
        if self.cells > b.sheet_cells {
            return Err(OpenError::Refused(Refusal::Sheet {
                sheet: self.name.clone(),
                detail: format!(
                    "it holds more than {} non-empty cells, the budget per sheet",
                    count(b.sheet_cells as u64)
                ),
            }));
        }
        let v = match v {
            Value::Text(s) => match clip(s, b.text_chars) {
                (s, Some(len)) => {
                    self.clipped.push((row, col, len));
                    Value::Text(s)
                }
                (s, None) => Value::Text(s),
            },
            other => other,
        };
        self.rows.entry(row).or_default().push((col, v));
        Ok(())
    }

    fn finish(mut self) -> Self {
        let mut repeated = Vec::new();
        for (&r, cells) in self.rows.iter_mut() {
            // Stable: a cell given twice keeps its first value in place.
            cells.sort_by_key(|(c, _)| *c);
            if cells.windows(2).any(|w| w[0].0 == w[1].0) {
                let mut kept: Vec<(u32, Value)> = Vec::with_capacity(cells.len());
                for (c, v) in cells.drain(..) {
                    match kept.last() {
                        Some((k, _)) if *k == c => repeated.push((r, c, v)),
                        _ => kept.push((c, v)),
                    }
                }
                *cells = kept;
            }
        }
        self.repeated = repeated;
        self
    }
}

/// A text cut to `limit` characters, with its length when it was longer.
pub fn clip(s: String, limit: usize) -> (String, Option<usize>) {
    if s.len() <= limit {
        return (s, None);
    }
    let len = s.chars().count();
    if len <= limit {
        return (s, None);
    }
    (s.chars().take(limit).collect(), Some(len))
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
    /// Refused before reading: damage found by the checks, or a budget exceeded.
    Refused(Refusal),
}

impl From<Refusal> for OpenError {
    fn from(r: Refusal) -> Self {
        match r {
            Refusal::Damaged(m) => OpenError::Damaged(m),
            Refusal::Encrypted => OpenError::Encrypted,
            other => OpenError::Refused(other),
        }
    }
}

/// An opened workbook: its sheets' grids, in workbook order.
#[derive(Debug, Clone, Default)]
pub struct Book {
    /// Sheets in order.
    pub sheets: Vec<Grid>,
    /// Format name (xlsx, xlsm, xlsb, xls, ods).
    pub format: &'static str,
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
        DataRef::String(s) => (!s.trim().is_empty()).then_some(Value::Text(s)),
        other => convert(&other.into()),
    }
}

/// What to read of a sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Read {
    /// Nothing (the sheet is listed, empty).
    Skip,
    /// Its cells.
    Cells,
    /// Its cells, its merged regions and its formula and error cells (which costs a
    /// second pass over an xlsx sheet).
    CellsAndMerges,
}

/// The container of a workbook, from its first bytes and (for a zip) its parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Container {
    /// A zip package holding `xl/workbook.xml`.
    Xlsx,
    /// A zip package holding `xl/workbook.bin`.
    Xlsb,
    /// A zip package holding `content.xml`.
    Ods,
    /// Another zip package.
    Zip,
    /// A compound (OLE) file: xls, or an encrypted OOXML package.
    Ole,
    /// Neither.
    Other,
}

impl Container {
    /// The reader's name, for messages.
    pub fn reader(self) -> &'static str {
        match self {
            Container::Xlsx | Container::Zip => "xlsx",
            Container::Xlsb => "xlsb",
            Container::Ods => "ods",
            Container::Ole => "xls",
            Container::Other => "csv",
        }
    }
}

const ZIP: &[u8] = b"PK\x03\x04";
const OLE: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// What kind of container the bytes are.
pub fn container(bytes: &[u8]) -> Container {
    if bytes.starts_with(OLE) {
        return Container::Ole;
    }
    if !bytes.starts_with(ZIP) {
        return Container::Other;
    }
    match guard::zip::open(bytes) {
        Some(z) if guard::zip::has(&z, "xl/workbook.xml") => Container::Xlsx,
        Some(z) if guard::zip::has(&z, "xl/workbook.bin") => Container::Xlsb,
        Some(z) if guard::zip::has(&z, "content.xml") => Container::Ods,
        _ => Container::Zip,
    }
}

/// Opens workbook bytes of any format calamine reads; `plan` says, from the sheet names,
/// what to read of each sheet.
pub fn open(
    bytes: &[u8],
    plan: impl Fn(&[String]) -> Vec<Read>,
    b: &Budgets,
) -> Result<Book, OpenError> {
    if bytes.starts_with(OLE) {
        if guard::xls::check(bytes, b)? {
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
                            .map(Merge::from)
                            .collect()
                    })
                    .collect();
                let mut book = read_dense(x, "xls", &plan, b)?;
                for (sheet, m) in book.sheets.iter_mut().zip(merges) {
                    sheet.merges = m;
                }
                Ok(book)
            }
            Err(calamine::XlsError::Password) => Err(OpenError::Encrypted),
            Err(e) => Err(OpenError::Damaged(e.to_string())),
        };
    }
    if !bytes.starts_with(ZIP) {
        return Err(OpenError::NotSpreadsheet);
    }
    let Some(mut zip) = guard::zip::open(bytes) else {
        return Err(OpenError::Damaged(
            "the zip package's directory cannot be read".into(),
        ));
    };
    guard::zip::check_parts(&zip, b)?;
    if guard::zip::has(&zip, "xl/workbook.xml") {
        return read_xlsx(bytes, &mut zip, &plan, b);
    }
    if guard::zip::has(&zip, "xl/workbook.bin") {
        guard::xlsb::check(&mut zip, b)?;
        return match Xlsb::new(Cursor::new(bytes)) {
            Ok(x) => read_xlsb(x, &plan, b),
            Err(calamine::XlsbError::Password) => Err(OpenError::Encrypted),
            Err(e) => Err(OpenError::Damaged(e.to_string())),
        };
    }
    if guard::zip::has(&zip, "content.xml") {
        let facts = guard::ods::check(&mut zip, b)?;
        return match Ods::new(Cursor::new(bytes)) {
            Ok(x) => {
                let mut book = read_dense(x, "ods", &plan, b)?;
                for (sheet, r, c) in facts.uncached {
                    if let Some(g) = book.sheets.iter_mut().find(|g| g.name == sheet) {
                        g.uncached.push((r, c));
                    }
                }
                Ok(book)
            }
            Err(calamine::OdsError::Password) => Err(OpenError::Encrypted),
            Err(e) => Err(OpenError::Damaged(e.to_string())),
        };
    }
    // A zip that is none of the three: calamine says why.
    match Xlsx::new(Cursor::new(bytes)) {
        Err(calamine::XlsxError::Password) => Err(OpenError::Encrypted),
        Err(e) => Err(OpenError::Damaged(e.to_string())),
        Ok(_) => Err(OpenError::Damaged(
            "the zip package holds no workbook part".into(),
        )),
    }
}

fn read_xlsx(
    bytes: &[u8],
    zip: &mut guard::zip::Zip<'_>,
    plan: &dyn Fn(&[String]) -> Vec<Read>,
    b: &Budgets,
) -> Result<Book, OpenError> {
    guard::zip::check_shared_strings(zip, "xl/sharedStrings.xml", b)?;
    // Our own pass over the sheets whose merges are wanted.
    let text = |zip: &mut guard::zip::Zip<'_>, name: &str| {
        guard::zip::read(zip, name, b.part_bytes).map(|v| String::from_utf8_lossy(&v).into_owned())
    };
    let paths = match (
        text(zip, "xl/workbook.xml"),
        text(zip, "xl/_rels/workbook.xml.rels"),
    ) {
        (Some(w), Some(r)) => sheet_paths(&w, &r),
        _ => None,
    };
    let mut x = match Xlsx::new(Cursor::new(bytes)) {
        Ok(x) => x,
        Err(calamine::XlsxError::Password) => return Err(OpenError::Encrypted),
        Err(e) => return Err(OpenError::Damaged(e.to_string())),
    };
    let names = x.sheet_names();
    let reads = plan(&names);
    let format = if guard::zip::has(zip, "xl/vbaProject.bin") {
        "xlsm"
    } else {
        "xlsx"
    };
    let mut book = Book {
        sheets: Vec::new(),
        format,
    };
    let path_of = |name: &str| {
        paths
            .as_ref()
            .and_then(|p| p.iter().find(|(n, _)| n == name).map(|(_, p)| p.clone()))
    };
    for (name, read) in names.into_iter().zip(reads) {
        let mut grid = Grid::new(&name);
        if read == Read::Skip {
            book.sheets.push(grid);
            continue;
        }
        let mut scanned: Option<SheetScan> = None;
        if read == Read::CellsAndMerges
            && let Some(p) = path_of(&name)
            && let Some(xml) = guard::zip::read(zip, &p, b.part_bytes)
        {
            scanned = scan(&xml);
        }
        let mut unknown_errors = false;
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
                            grid.push(r, c, v, b)?;
                        }
                    }
                    Ok(None) => break,
                    // An error value calamine does not know: the scan names the cell.
                    Err(calamine::XlsxError::CellError(_)) => unknown_errors = true,
                    Err(e) => return Err(OpenError::Damaged(e.to_string())),
                }
            }
        }
        if unknown_errors && scanned.is_none() {
            scanned = path_of(&name)
                .and_then(|p| guard::zip::read(zip, &p, b.part_bytes))
                .and_then(|xml| scan(&xml));
        }
        match scanned {
            Some(s) => {
                if unknown_errors {
                    for (r, c, e) in &s.errors {
                        if !grid
                            .rows
                            .get(r)
                            .is_some_and(|cells| cells.iter().any(|(k, _)| k == c))
                        {
                            grid.push(*r, *c, Value::Error(e.clone()), b)?;
                        }
                    }
                }
                if read == Read::CellsAndMerges {
                    grid.merges = s.merges;
                    grid.uncached = s.uncached;
                }
            }
            None if read == Read::CellsAndMerges => {
                if let Ok(merges) = x.merge_cells_by_sheet_name(&name) {
                    grid.merges = merges.iter().map(Merge::from).collect();
                }
            }
            None => {}
        }
        book.sheets.push(grid.finish());
    }
    Ok(book)
}

fn read_xlsb(
    mut x: Xlsb<Cursor<&[u8]>>,
    plan: &dyn Fn(&[String]) -> Vec<Read>,
    b: &Budgets,
) -> Result<Book, OpenError> {
    let names = x.sheet_names();
    let reads = plan(&names);
    let mut book = Book {
        sheets: Vec::new(),
        format: "xlsb",
    };
    for (name, read) in names.into_iter().zip(reads) {
        let mut grid = Grid::new(&name);
        if read != Read::Skip {
            let mut reader = x
                .worksheet_cells_reader(&name)
                .map_err(|e| OpenError::Damaged(e.to_string()))?;
            while let Some(cell) = reader
                .next_cell()
                .map_err(|e| OpenError::Damaged(e.to_string()))?
            {
                let (r, c) = cell.get_position();
                if let Some(v) = convert_ref(cell.get_value().clone()) {
                    grid.push(r, c, v, b)?;
                }
            }
        }
        book.sheets.push(grid.finish());
    }
    Ok(book)
}

/// xls and ods: calamine gives each sheet as a dense range (checked beforehand).
fn read_dense<'a, R>(
    mut r: R,
    format: &'static str,
    plan: &dyn Fn(&[String]) -> Vec<Read>,
    b: &Budgets,
) -> Result<Book, OpenError>
where
    R: Reader<Cursor<&'a [u8]>>,
    R::Error: std::fmt::Display,
{
    let mut book = Book {
        sheets: Vec::new(),
        format,
    };
    let names = r.sheet_names();
    let reads = plan(&names);
    for (name, read) in names.into_iter().zip(reads) {
        let mut grid = Grid::new(&name);
        if read == Read::Skip {
            book.sheets.push(grid);
            continue;
        }
        let range = r
            .worksheet_range(&name)
            .map_err(|e| OpenError::Damaged(e.to_string()))?;
        if let Some((r0, c0)) = range.start() {
            for (row, col, v) in range.used_cells() {
                if let Some(v) = convert(v) {
                    grid.push(r0 + row as u32, c0 + col as u32, v, b)?;
                }
            }
        }
        book.sheets.push(grid.finish());
    }
    Ok(book)
}

#[cfg(test)]
mod tests {
    #[test]
    fn merges_found_by_scanning() {
        let mut wb = rust_xlsxwriter::Workbook::new();
        wb.add_worksheet().set_name("Notes").unwrap();
        let ws = wb.add_worksheet();
        ws.set_name("A & B").unwrap();
        ws.merge_range(20, 0, 22, 0, "x", &rust_xlsxwriter::Format::new())
            .unwrap();
        ws.merge_range(1, 2, 1, 4, "y", &rust_xlsxwriter::Format::new())
            .unwrap();
        let bytes = wb.save_to_buffer().unwrap();
        let plan = |names: &[String]| {
            names
                .iter()
                .map(|n| {
                    if n == "A & B" {
                        super::Read::CellsAndMerges
                    } else {
                        super::Read::Cells
                    }
                })
                .collect()
        };
        let book = super::open(&bytes, plan, &Default::default()).unwrap();
        let m = &book.sheets[1].merges;
        assert_eq!(m.len(), 2);
        assert!(m.contains(&super::Merge {
            first_row: 20,
            first_col: 0,
            last_row: 22,
            last_col: 0
        }));
        assert!(m.contains(&super::Merge {
            first_row: 1,
            first_col: 2,
            last_row: 1,
            last_col: 4
        }));
        assert_eq!(
            book.sheets[1].get(20, 0),
            Some(&super::Value::Text("x".into()))
        );
        assert!(book.sheets[0].merges.is_empty());
    }

    #[test]
    fn long_texts_are_clipped() {
        assert_eq!(
            super::clip("abcdé".into(), 4),
            ("abcd".to_string(), Some(5))
        );
        assert_eq!(super::clip("abcé".into(), 4), ("abcé".to_string(), None));
    }
}
