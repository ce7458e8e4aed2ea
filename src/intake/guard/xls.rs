//! xls (BIFF) workbooks, checked before calamine reads them: the compound file, then
//! the records calamine relies on. The sheet list (`BOUNDSHEET`) must point inside the
//! workbook stream; a sheet's `DIMENSIONS` must be a well-formed range of an xls sheet
//! (calamine reserves room for the whole range); and the area the sheet's cells span,
//! which calamine lays out cell by cell, must be within the budget.

use super::cfb::Compound;
use super::{Refusal, u16_at, u32_at};
use crate::intake::budget::{Budgets, count};

/// Rows and columns of an xls sheet (BIFF8).
const MAX_ROWS: u64 = 65_536;
const MAX_COLS: u64 = 256;

/// Checks an OLE file. `Ok(true)` when it is a password-protected OOXML package,
/// `Ok(false)` when it is an xls workbook calamine may read.
pub fn check(bytes: &[u8], b: &Budgets) -> Result<bool, Refusal> {
    let c = Compound::open(bytes)?;
    if c.has("EncryptedPackage") || c.has("EncryptionInfo") {
        return Ok(true);
    }
    let stream = match c.stream("Workbook").or_else(|| c.stream("Book")) {
        Some(s) => s?,
        None => return Ok(false), // calamine reports the missing stream
    };
    check_records(&stream, b)?;
    Ok(false)
}

/// One BIFF record: type and data.
fn records(stream: &[u8]) -> impl Iterator<Item = Result<(u16, &[u8]), Refusal>> {
    let mut rest = stream;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let (Some(typ), Some(len)) = (u16_at(rest, 0), u16_at(rest, 2)) else {
            rest = &[];
            return Some(Err(Refusal::Damaged(
                "the xls workbook stream ends inside a record header".into(),
            )));
        };
        let end = 4 + len as usize;
        let Some(data) = rest.get(4..end) else {
            rest = &[];
            return Some(Err(Refusal::Damaged(format!(
                "an xls record (type {typ:#06x}) runs past the end of the workbook stream"
            ))));
        };
        rest = &rest[end..];
        Some(Ok((typ, data)))
    })
}

/// A sheet as listed by `BOUNDSHEET`.
struct Listed {
    pos: usize,
    name: String,
}

fn check_records(stream: &[u8], b: &Budgets) -> Result<(), Refusal> {
    let mut sheets = Vec::new();
    for (k, r) in records(stream).enumerate() {
        let (typ, data) = r?;
        match typ {
            // BOUNDSHEET8: position (4), state, type, name (count, flags, characters).
            0x0085 => {
                let n = sheets.len() + 1;
                if data.len() < 8 {
                    return Err(Refusal::Damaged(format!(
                        "sheet entry {n} of the xls sheet list (record {k}) is {} bytes; expected at least 8",
                        data.len()
                    )));
                }
                let pos = u32_at(data, 0).unwrap_or(0) as usize;
                let name = listed_name(&data[6..]);
                if pos >= stream.len() {
                    return Err(Refusal::Damaged(format!(
                        "sheet entry {n} (\"{name}\") of the xls sheet list points at byte {pos}, past the end of the {}-byte workbook stream",
                        stream.len()
                    )));
                }
                sheets.push(Listed { pos, name });
            }
            // EOF of the workbook globals.
            0x000A => break,
            _ => {}
        }
    }
    for s in &sheets {
        check_sheet(&stream[s.pos..], &s.name, b)?;
    }
    Ok(())
}

/// A sheet name as written in `BOUNDSHEET` (for messages only).
fn listed_name(b: &[u8]) -> String {
    let n = b.first().copied().unwrap_or(0) as usize;
    let wide = b.get(1).is_some_and(|f| f & 1 == 1);
    let chars = b.get(2..).unwrap_or(&[]);
    if wide {
        let units: Vec<u16> = chars
            .chunks_exact(2)
            .take(n)
            .map(|p| u16::from_le_bytes([p[0], p[1]]))
            .collect();
        String::from_utf16_lossy(&units)
    } else {
        chars.iter().take(n).map(|&c| c as char).collect()
    }
}

/// The span of a sheet's cells.
#[derive(Default)]
struct Span {
    rows: Option<(u32, u32)>,
    cols: Option<(u32, u32)>,
}

impl Span {
    fn add(&mut self, row: u32, col: u32) {
        let grow = |s: &mut Option<(u32, u32)>, v: u32| {
            *s = Some(match *s {
                Some((a, b)) => (a.min(v), b.max(v)),
                None => (v, v),
            });
        };
        grow(&mut self.rows, row);
        grow(&mut self.cols, col);
    }

    fn area(&self) -> u64 {
        match (self.rows, self.cols) {
            (Some((r0, r1)), Some((c0, c1))) => (r1 - r0 + 1) as u64 * (c1 - c0 + 1) as u64,
            _ => 0,
        }
    }
}

fn check_sheet(sub: &[u8], name: &str, b: &Budgets) -> Result<(), Refusal> {
    let mut span = Span::default();
    let mut formulas = Span::default();
    let mut depth = 0usize;
    let mut seen_bof = false;
    for r in records(sub) {
        let (typ, d) = r?;
        if depth > 0 {
            match typ {
                0x0809 => depth += 1,
                0x000A => depth -= 1,
                _ => {}
            }
            continue;
        }
        let rc = || {
            (
                u16_at(d, 0).unwrap_or(0) as u32,
                u16_at(d, 2).unwrap_or(0) as u32,
            )
        };
        match typ {
            0x0809 => {
                if seen_bof {
                    depth += 1;
                } else {
                    seen_bof = true;
                }
            }
            0x0200 => dimensions(d, name)?,
            // Number, Label, RString, BoolErr, RK, LabelSst: row and column first.
            0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E | 0x00FD if d.len() >= 4 => {
                let (row, col) = rc();
                span.add(row, col);
            }
            // MulRk: row, first column, ..., last column.
            0x00BD if d.len() >= 6 => {
                let row = u16_at(d, 0).unwrap_or(0) as u32;
                let first = u16_at(d, 2).unwrap_or(0) as u32;
                let last = u16_at(d, d.len() - 2).unwrap_or(0) as u32;
                if last < first {
                    return Err(Refusal::Damaged(format!(
                        "a row of numbers on sheet \"{name}\" of the xls workbook runs from column {} back to column {}",
                        first + 1,
                        last + 1
                    )));
                }
                span.add(row, first);
                span.add(row, last);
            }
            // Formula: row and column first.
            0x0006 if d.len() >= 4 => {
                let (row, col) = rc();
                span.add(row, col);
                formulas.add(row, col);
            }
            0x000A => break,
            _ => {}
        }
    }
    for (what, s) in [("cells", &span), ("formulas", &formulas)] {
        let area = s.area();
        if area > b.dense_cells {
            let (r0, r1) = s.rows.unwrap_or_default();
            let (c0, c1) = s.cols.unwrap_or_default();
            return Err(Refusal::Sheet {
                sheet: name.to_string(),
                detail: format!(
                    "its {what} span {}:{} ({} cells, which the xls reader lays out one by one), over the budget of {} cells",
                    crate::diag::a1(r0, c0),
                    crate::diag::a1(r1, c1),
                    count(area),
                    count(b.dense_cells)
                ),
            });
        }
    }
    Ok(())
}

/// `DIMENSIONS`: the sheet's used range, for which calamine reserves room. It must be
/// a range of an xls sheet, first before last.
fn dimensions(d: &[u8], name: &str) -> Result<(), Refusal> {
    let (rf, rl, cf, cl) = match d.len() {
        10 => (
            u16_at(d, 0).unwrap_or(0) as u64,
            u16_at(d, 2).unwrap_or(0) as u64,
            u16_at(d, 4).unwrap_or(0) as u64,
            u16_at(d, 6).unwrap_or(0) as u64,
        ),
        14 | 16 => (
            u32_at(d, 0).unwrap_or(0) as u64,
            u32_at(d, 4).unwrap_or(0) as u64,
            u16_at(d, 8).unwrap_or(0) as u64,
            u16_at(d, 10).unwrap_or(0) as u64,
        ),
        // calamine refuses other lengths itself.
        _ => return Ok(()),
    };
    // As calamine reads them: a first column past the last is taken as 0.
    let cf = if cf > 0xFF || cl < cf { 0 } else { cf };
    if rl == 0 || cl == 0 {
        return Ok(());
    }
    let range = format!("rows {} to {}, columns {} to {}", rf + 1, rl, cf + 1, cl);
    if rl - 1 < rf || cl - 1 < cf {
        return Err(Refusal::Damaged(format!(
            "the dimensions of sheet \"{name}\" run backwards ({range})"
        )));
    }
    if rl > MAX_ROWS || cl > MAX_COLS {
        return Err(Refusal::Damaged(format!(
            "the dimensions of sheet \"{name}\" ({range}) are beyond an xls sheet's {MAX_ROWS} rows and {MAX_COLS} columns"
        )));
    }
    Ok(())
}
