//! ods packages, checked before calamine reads them. calamine lays each sheet out
//! densely and repeats a cell as often as `table:number-columns-repeated` and its row's
//! `table:number-rows-repeated` say (and a `text:s` element's `text:c` spaces), so an
//! 800-byte file can ask for a hundred million cells. This pass reads `content.xml` the
//! way calamine does and counts, per sheet, the cells it would push, the cells of the
//! dense area it would lay out and the text it would copy, before calamine runs. It
//! also notes the formula cells that carry no value (for a diagnostic).

use super::Refusal;
use super::zip::Zip;
use crate::intake::budget::{Budgets, bytes, count};
use quick_xml::events::{BytesStart, Event};

/// calamine's own caps.
const MAX_ROWS: u64 = 1_048_576;
const MAX_COLUMNS: u64 = 16_384;

/// What the check learnt of the sheets.
#[derive(Debug, Default)]
pub struct Facts {
    /// Formula cells without a value: sheet, row, column (0-based).
    pub uncached: Vec<(String, u32, u32)>,
}

/// One row as calamine stores it.
struct Row {
    repeats: u64,
    /// Pushed cells (all but a trailing run of empty ones).
    width: u64,
    /// First and last non-empty pushed positions, for values and for formulas.
    values: Option<(u64, u64)>,
    formulas: Option<(u64, u64)>,
}

fn widen(span: &mut Option<(u64, u64)>, first: u64, last: u64) {
    *span = Some(match *span {
        Some((a, b)) => (a.min(first), b.max(last)),
        None => (first, last),
    });
}

/// The dense area calamine lays out for rows whose non-empty span is `pick`.
fn dense(rows: &[Row], pick: fn(&Row) -> Option<(u64, u64)>) -> u64 {
    let (mut first, mut last) = (None, 0);
    let (mut c0, mut c1) = (u64::MAX, 0);
    for (i, r) in rows.iter().enumerate() {
        if let Some((a, b)) = pick(r) {
            first.get_or_insert(i);
            last = i;
            c0 = c0.min(a);
            c1 = c1.max(b);
        }
    }
    let Some(first) = first else { return 0 };
    let width = c1 + 1 - c0;
    rows[first..=last]
        .iter()
        .map(|r| r.repeats.saturating_mul(width))
        .fold(0u64, u64::saturating_add)
}

fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.try_get_attribute(name)
        .ok()
        .flatten()
        .map(|a| a.value.to_string())
}

fn number(e: &BytesStart<'_>, name: &str) -> u64 {
    attr(e, name)
        .and_then(|v| v.trim().parse::<u64>().ok())
        .unwrap_or(1)
}

/// Checks `content.xml`.
pub fn check(zip: &mut Zip<'_>, b: &Budgets) -> Result<Facts, Refusal> {
    let Ok(f) = zip.by_name("content.xml") else {
        return Ok(Facts::default()); // calamine reports the missing part
    };
    let mut xml = quick_xml::Reader::from_reader(std::io::BufReader::new(f));
    xml.config_mut().check_end_names = false;
    let mut buf = Vec::new();
    let mut facts = Facts::default();
    // The sheet being read.
    let mut sheet: Option<String> = None;
    let mut rows: Vec<Row> = Vec::new();
    let mut total_rows = 0u64;
    let mut pushed = 0u64;
    let mut text = 0u64;
    // The row being read.
    let mut row: Option<Row> = None;
    let mut pending_empty = 0u64;
    // The cell being read (its content counts as text when it is a string).
    let mut cell: Option<(u64, u64, bool, u64)> = None; // repeats, column, string, text
    let mut depth_in_cell = 0usize;
    loop {
        buf.clear();
        let ev = match xml.read_event_into(&mut buf) {
            Ok(ev) => ev,
            Err(_) => break, // calamine reports broken markup
        };
        let (is_start, e) = match &ev {
            Event::Start(e) => (true, Some(e)),
            Event::Empty(e) => (false, Some(e)),
            _ => (false, None),
        };
        if let Some(e) = e {
            let name = e.name();
            let name = name.as_ref();
            if cell.is_some() {
                if name == "text:s"
                    && let Some((_, _, true, t)) = cell.as_mut()
                {
                    *t = t.saturating_add(number(e, "text:c"));
                }
                if is_start {
                    depth_in_cell += 1;
                }
                continue;
            }
            match name {
                "table:table" if is_start => {
                    sheet = Some(attr(e, "table:name").unwrap_or_default());
                    rows.clear();
                    total_rows = 0;
                    pushed = 0;
                    text = 0;
                }
                "table:table-row" if sheet.is_some() => {
                    let asked = number(e, "table:number-rows-repeated");
                    let repeats = asked.min(MAX_ROWS.saturating_sub(total_rows));
                    total_rows += repeats;
                    let r = Row {
                        repeats,
                        width: 0,
                        values: None,
                        formulas: None,
                    };
                    pending_empty = 0;
                    if is_start {
                        row = Some(r);
                    } else {
                        rows.push(r);
                    }
                }
                "table:table-cell" | "table:covered-table-cell" if row.is_some() => {
                    let r = row.as_mut().expect("checked");
                    let asked = number(e, "table:number-columns-repeated");
                    // Empty cells before this one are pushed now (capped).
                    let flushed = pending_empty.min(MAX_COLUMNS.saturating_sub(r.width));
                    r.width += flushed;
                    pending_empty = 0;
                    let repeats = asked.min(MAX_COLUMNS.saturating_sub(r.width));
                    let has = |k: &str| attr(e, k).is_some();
                    let string = attr(e, "office:value-type").as_deref() == Some("string")
                        && !has("office:string-value");
                    let value = string
                        || [
                            "office:value",
                            "office:string-value",
                            "office:date-value",
                            "office:time-value",
                            "office:boolean-value",
                        ]
                        .iter()
                        .any(|k| has(k));
                    let formula = has("table:formula");
                    let col = r.width;
                    if value || formula {
                        if repeats > 0 {
                            let last = col + repeats - 1;
                            if value {
                                widen(&mut r.values, col, last);
                            }
                            if formula {
                                widen(&mut r.formulas, col, last);
                            }
                        }
                        r.width += repeats;
                        if formula
                            && !value
                            && let Some(s) = &sheet
                        {
                            facts.uncached.push((
                                s.clone(),
                                (total_rows - r.repeats).min(u32::MAX as u64) as u32,
                                col.min(u32::MAX as u64) as u32,
                            ));
                        }
                    } else {
                        pending_empty = repeats;
                    }
                    let attr_text = attr(e, "office:string-value").map(|s| s.len() as u64);
                    let t = attr_text.unwrap_or(0);
                    if is_start {
                        cell = Some((repeats, col, string, t));
                        depth_in_cell = 1;
                    } else {
                        text = text
                            .saturating_add(t.saturating_mul(repeats).saturating_mul(r.repeats));
                    }
                }
                _ => {}
            }
            continue;
        }
        match ev {
            Event::Text(t) => {
                if let Some((_, _, true, n)) = cell.as_mut() {
                    *n = n.saturating_add(t.len() as u64);
                }
            }
            Event::End(e) => {
                let name = e.name();
                let name = name.as_ref();
                if cell.is_some() {
                    depth_in_cell -= 1;
                    if depth_in_cell == 0 {
                        let (repeats, _, _, t) = cell.take().expect("checked");
                        let rr = row.as_ref().map(|r| r.repeats).unwrap_or(1);
                        text = text.saturating_add(t.saturating_mul(repeats).saturating_mul(rr));
                    }
                    continue;
                }
                match name {
                    "table:table-row" => {
                        if let Some(r) = row.take() {
                            pushed = pushed.saturating_add(r.width);
                            rows.push(r);
                        }
                    }
                    "table:table" => {
                        if let Some(s) = sheet.take() {
                            check_sheet(&s, &rows, pushed, text, b)?;
                        }
                    }
                    _ => {}
                }
            }
            Event::Eof => break,
            _ => {}
        }
        if let Some(s) = &sheet
            && text > b.part_bytes
        {
            return Err(too_much_text(s, text, b));
        }
    }
    Ok(facts)
}

fn too_much_text(sheet: &str, text: u64, b: &Budgets) -> Refusal {
    Refusal::Sheet {
        sheet: sheet.to_string(),
        detail: format!(
            "its repeated cells and spaces would make {} of text, over the budget of {}",
            bytes(text),
            bytes(b.part_bytes)
        ),
    }
}

fn check_sheet(
    name: &str,
    rows: &[Row],
    pushed: u64,
    text: u64,
    b: &Budgets,
) -> Result<(), Refusal> {
    if pushed > b.sheet_cells as u64 {
        return Err(Refusal::Sheet {
            sheet: name.to_string(),
            detail: format!(
                "its rows hold {} cells (empty ones before a value included), over the budget of {}",
                count(pushed),
                count(b.sheet_cells as u64)
            ),
        });
    }
    let area = dense(rows, |r| r.values).max(dense(rows, |r| r.formulas));
    if area > b.dense_cells {
        return Err(Refusal::Sheet {
            sheet: name.to_string(),
            detail: format!(
                "its repeated rows and columns span {} cells, which the ods reader lays out one by one, over the budget of {} cells",
                count(area),
                count(b.dense_cells)
            ),
        });
    }
    if text > b.part_bytes {
        return Err(too_much_text(name, text, b));
    }
    Ok(())
}
