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

/// What to read of a sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Read {
    /// Nothing (the sheet is listed, empty).
    Skip,
    /// Its cells.
    Cells,
    /// Its cells and its merged regions (which costs a second pass over the sheet).
    CellsAndMerges,
}

/// Opens workbook bytes of any format calamine reads; `plan` says, from the sheet names,
/// what to read of each sheet.
pub fn open(bytes: &[u8], plan: impl Fn(&[String]) -> Vec<Read>) -> Result<Book, OpenError> {
    const ZIP: &[u8] = b"PK\x03\x04";
    const OLE: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    if bytes.starts_with(ZIP) {
        let mut first_err = None;
        match Xlsx::new(Cursor::new(bytes)) {
            Ok(x) => return read_xlsx(x, &plan, &xlsx_merges(bytes, &plan).unwrap_or_default()),
            Err(calamine::XlsxError::Password) => return Err(OpenError::Encrypted),
            Err(e) => first_err = first_err.or(Some(e.to_string())),
        }
        match Xlsb::new(Cursor::new(bytes)) {
            Ok(x) => return read_generic(x, "xlsb", &plan),
            Err(calamine::XlsbError::Password) => return Err(OpenError::Encrypted),
            Err(_) => {}
        }
        match Ods::new(Cursor::new(bytes)) {
            Ok(x) => return read_generic(x, "ods", &plan),
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
                let mut book = read_generic(x, "xls", &plan)?;
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

fn read_xlsx(
    mut x: Xlsx<Cursor<&[u8]>>,
    plan: &dyn Fn(&[String]) -> Vec<Read>,
    known: &std::collections::HashMap<String, Vec<Merge>>,
) -> Result<Book, OpenError> {
    let names = x.sheet_names();
    let reads = plan(&names);
    let format = if x.vba_project().ok().flatten().is_some() {
        "xlsm"
    } else {
        "xlsx"
    };
    let mut book = Book {
        sheets: Vec::new(),
        format,
    };
    for (name, read) in names.into_iter().zip(reads) {
        let mut grid = Grid {
            name: name.clone(),
            ..Default::default()
        };
        if read == Read::Skip {
            book.sheets.push(grid);
            continue;
        }
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
        if read == Read::CellsAndMerges
            && let Some(found) = known.get(&name)
        {
            grid.merges = found.clone();
        } else if read == Read::CellsAndMerges
            && let Ok(merges) = x.merge_cells_by_sheet_name(&name)
        {
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

/// Reads an attribute of an XML tag's text (`name="..."`), unescaped.
fn xml_attr(tag: &str, name: &str) -> Option<String> {
    // Attributes follow a space: the tag text may start with the first one.
    let tag = format!(" {tag}");
    let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    let end = start + tag[start..].find('"')?;
    Some(
        tag[start..end]
            .replace("&amp;", "&")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&apos;", "'"),
    )
}

/// The texts of the `<tag ...>` elements of an XML document.
fn xml_tags<'x>(xml: &'x str, tag: &str) -> Vec<&'x str> {
    let open = format!("<{tag} ");
    xml.split(open.as_str())
        .skip(1)
        .map(|t| &t[..t.find('>').unwrap_or(t.len())])
        .collect()
}

/// Sheet names and their part paths in an xlsx package, in workbook order.
fn xlsx_sheet_paths(zip: &mut zip::ZipArchive<Cursor<&[u8]>>) -> Option<Vec<(String, String)>> {
    use std::io::Read;
    let mut text = |name: &str| -> Option<String> {
        let mut s = String::new();
        zip.by_name(name).ok()?.read_to_string(&mut s).ok()?;
        Some(s)
    };
    let workbook = text("xl/workbook.xml")?;
    let rels = text("xl/_rels/workbook.xml.rels")?;
    let targets: std::collections::HashMap<String, String> = xml_tags(&rels, "Relationship")
        .into_iter()
        .filter_map(|t| Some((xml_attr(t, "Id")?, xml_attr(t, "Target")?)))
        .collect();
    xml_tags(&workbook, "sheet")
        .into_iter()
        .map(|t| {
            let target = targets.get(&xml_attr(t, "r:id")?)?;
            let path = match target.strip_prefix('/') {
                Some(abs) => abs.to_string(),
                None => format!("xl/{target}"),
            };
            Some((xml_attr(t, "name")?, path))
        })
        .collect()
}

/// The merged regions named by `<mergeCell ref="...">` in a sheet's XML.
fn scan_merges(xml: &[u8]) -> Option<Vec<Merge>> {
    let mut out = Vec::new();
    for tag_start in memchr::memmem::find_iter(xml, b"<mergeCell ") {
        let tag_end = tag_start + memchr::memchr(b'>', &xml[tag_start..])?;
        let tag = std::str::from_utf8(&xml[tag_start..tag_end]).ok()?;
        let r = xml_attr(tag, "ref")?;
        let (a, b) = r.split_once(':').unwrap_or((&r, &r));
        let (r0, c0) = parse_a1(a)?;
        let (r1, c1) = parse_a1(b)?;
        out.push(Merge {
            first_row: r0,
            first_col: c0,
            last_row: r1,
            last_col: c1,
        });
    }
    Some(out)
}

/// The merged regions of the sheets whose merges are wanted, found by decompressing
/// each such sheet and scanning it for `<mergeCell ref="...">` (cheaper than calamine's
/// second full XML parse). `None` when the package is laid out in a way this does not
/// follow (the caller then asks calamine).
fn xlsx_merges(
    bytes: &[u8],
    plan: &dyn Fn(&[String]) -> Vec<Read>,
) -> Option<std::collections::HashMap<String, Vec<Merge>>> {
    use std::io::Read as _;
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let sheets = xlsx_sheet_paths(&mut zip)?;
    let names: Vec<String> = sheets.iter().map(|s| s.0.clone()).collect();
    let mut merges = std::collections::HashMap::new();
    for ((name, path), read) in sheets.into_iter().zip(plan(&names)) {
        if read == Read::CellsAndMerges {
            let mut xml = Vec::new();
            zip.by_name(&path).ok()?.read_to_end(&mut xml).ok()?;
            merges.insert(name, scan_merges(&xml)?);
        }
    }
    Some(merges)
}

/// 0-based (row, column) of an A1 reference.
fn parse_a1(s: &str) -> Option<(u32, u32)> {
    let s = s.replace('$', "");
    let letters = s.chars().take_while(char::is_ascii_alphabetic).count();
    if letters == 0 {
        return None;
    }
    let col = s[..letters].bytes().try_fold(0u32, |acc, b| {
        Some(acc * 26 + (b.to_ascii_uppercase().checked_sub(b'A')? as u32 + 1))
    })?;
    let row: u32 = s[letters..].parse().ok()?;
    Some((row.checked_sub(1)?, col - 1))
}

fn read_generic<'a, R>(
    mut r: R,
    format: &'static str,
    plan: &dyn Fn(&[String]) -> Vec<Read>,
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
        let mut grid = Grid {
            name: name.clone(),
            ..Default::default()
        };
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
                    grid.push(r0 + row as u32, c0 + col as u32, v);
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
        let book = super::open(&bytes, plan).unwrap();
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
        assert_eq!(super::parse_a1("$AB$12"), Some((11, 27)));
    }
}
