//! One pass over an xlsx sheet's XML for what calamine's cell reader does not report:
//! merged regions, formula cells that carry no cached value (files written by scripts)
//! and error cells, with their values (calamine refuses an error value it does not
//! know, such as `#SPILL!`, for the whole sheet; this pass names the cell instead).
//! It runs on the sheet whose merges are wanted anyway, so it costs no extra inflate.

use super::grid::Merge;
use std::collections::HashMap;

/// What the pass found in a sheet.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SheetScan {
    /// Merged regions.
    pub merges: Vec<Merge>,
    /// Formula cells without a cached value (0-based row, column).
    pub uncached: Vec<(u32, u32)>,
    /// Error cells: position and the error text (`#SPILL!`).
    pub errors: Vec<(u32, u32, String)>,
}

/// Reads an attribute of an XML tag's text (`name="..."`), unescaped.
pub fn xml_attr(tag: &str, name: &str) -> Option<String> {
    // Attributes follow a space: the tag text may start with the first one.
    let tag = format!(" {tag}");
    let at = [" ", "\n", "\t", "\r"]
        .iter()
        .filter_map(|sep| tag.find(&format!("{sep}{name}=")))
        .min()?;
    let start = at + name.len() + 2;
    let quote = tag[start..].chars().next()?;
    if quote != '"' && quote != '\'' {
        return None;
    }
    let start = start + 1;
    let end = start + tag[start..].find(quote)?;
    Some(
        tag[start..end]
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&apos;", "'")
            .replace("&amp;", "&"),
    )
}

/// The texts of the `<tag ...>` elements of an XML document.
pub fn xml_tags<'x>(xml: &'x str, tag: &str) -> Vec<&'x str> {
    let open = format!("<{tag} ");
    xml.split(open.as_str())
        .skip(1)
        .map(|t| &t[..t.find('>').unwrap_or(t.len())])
        .collect()
}

/// Sheet names and their part paths in an xlsx package, in workbook order.
pub fn sheet_paths(workbook: &str, rels: &str) -> Option<Vec<(String, String)>> {
    let targets: HashMap<String, String> = xml_tags(rels, "Relationship")
        .into_iter()
        .filter_map(|t| Some((xml_attr(t, "Id")?, xml_attr(t, "Target")?)))
        .collect();
    xml_tags(workbook, "sheet")
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

/// 0-based (row, column) of an A1 reference.
pub fn parse_a1(s: &str) -> Option<(u32, u32)> {
    let s = s.replace('$', "");
    let letters = s.chars().take_while(char::is_ascii_alphabetic).count();
    if letters == 0 || letters > 3 {
        return None;
    }
    let col = s[..letters].bytes().try_fold(0u32, |acc, b| {
        Some(acc * 26 + (b.to_ascii_uppercase().checked_sub(b'A')? as u32 + 1))
    })?;
    let row: u32 = s[letters..].parse().ok()?;
    Some((row.checked_sub(1)?, col - 1))
}

/// Scans a sheet's XML. `None` when the markup is not of the form this follows (the
/// caller then asks calamine for the merges).
pub fn scan(xml: &[u8]) -> Option<SheetScan> {
    use memchr::memmem;
    let mut out = SheetScan::default();
    for tag_start in memmem::find_iter(xml, b"<mergeCell ") {
        let tag_end = tag_start + memchr::memchr(b'>', &xml[tag_start..])?;
        let tag = std::str::from_utf8(&xml[tag_start..tag_end]).ok()?;
        let r = xml_attr(tag, "ref")?;
        let (a, b) = r.split_once(':').unwrap_or((&r, &r));
        let (r0, c0) = parse_a1(a)?;
        let (r1, c1) = parse_a1(b)?;
        out.merges.push(Merge {
            first_row: r0,
            first_col: c0,
            last_row: r1,
            last_col: c1,
        });
    }
    // Cells with a formula or an error: only they need a closer look, so the pass goes
    // from each `<f>` or `t="e"` back to its cell (a sheet of plain values costs two
    // searches; `<formula1>` of a data validation is not a formula cell).
    let end_data = memmem::rfind(xml, b"</sheetData>").unwrap_or(xml.len());
    let start_data = memmem::find(xml, b"<sheetData")
        .unwrap_or(end_data)
        .min(end_data);
    let data = &xml[..end_data];
    let mut marks: Vec<usize> = memmem::find_iter(&data[start_data..], b"<f")
        .map(|i| start_data + i)
        .filter(|&i| matches!(data.get(i + 2), Some(b'>' | b' ' | b'/')))
        .collect();
    for needle in [&b"t=\"e\""[..], b"t='e'"] {
        marks.extend(memmem::find_iter(&data[start_data..], needle).map(|i| start_data + i));
    }
    if marks.is_empty() {
        return Some(out);
    }
    marks.sort_unstable();
    let mut done_until = 0;
    for at in marks {
        if at < done_until {
            continue;
        }
        // The cell the mark is in: the last `<c ` (or `<c>`) before it.
        let Some(start) = [&b"<c "[..], b"<c>"]
            .iter()
            .filter_map(|n| memmem::rfind(&data[start_data..at], n).map(|i| start_data + i))
            .max()
        else {
            continue;
        };
        let Some(gt) = memchr::memchr(b'>', &data[start..]).map(|g| start + g) else {
            break;
        };
        let tag = String::from_utf8_lossy(&data[start + 2..gt]);
        let Some((r, c)) = xml_attr(&tag, "r").and_then(|a| parse_a1(&a)) else {
            done_until = gt + 1;
            continue;
        };
        let (body, next) = if data[..gt].ends_with(b"/") {
            (&data[gt..gt], gt + 1)
        } else {
            match memmem::find(&data[gt..], b"</c>") {
                Some(e) => (&data[gt + 1..gt + e], gt + e + 4),
                None => break,
            }
        };
        // A mark past the cell's end belongs to a later cell.
        if at >= next {
            continue;
        }
        done_until = next;
        let value = value_of(body);
        if xml_attr(&tag, "t").as_deref() == Some("e") {
            out.errors.push((r, c, value.clone().unwrap_or_default()));
        }
        let formula = memmem::find(body, b"<f")
            .is_some_and(|i| matches!(body.get(i + 2), Some(b'>' | b' ' | b'/')));
        if formula
            && value.as_deref().is_none_or(str::is_empty)
            && memmem::find(body, b"<is>").is_none()
        {
            out.uncached.push((r, c));
        }
    }
    Some(out)
}

/// The text of a cell's `<v>` element, if any.
fn value_of(body: &[u8]) -> Option<String> {
    let i = memchr::memmem::find(body, b"<v")?;
    let rest = &body[i + 2..];
    match rest.first() {
        Some(b'/') => return Some(String::new()),
        Some(b'>') => {}
        Some(b' ') => {}
        _ => return None,
    }
    let open_end = memchr::memchr(b'>', rest)?;
    if rest[..open_end].ends_with(b"/") {
        return Some(String::new());
    }
    let rest = &rest[open_end + 1..];
    let end = memchr::memmem::find(rest, b"</v>")?;
    Some(String::from_utf8_lossy(&rest[..end]).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_without_values_and_errors() {
        let xml = br#"<worksheet><sheetData><row r="2"><c r="A2"><f>1+1</f></c><c r="B2"><f>2</f><v>2</v></c><c r="C2" t="e"><v>#SPILL!</v></c><c r="D2" s="1"/><c><f>3</f><v></v></c></row><row r="3"><c r="A3" s="2"><f t="shared" si="0"/></c></row></sheetData><dataValidations><dataValidation><formula1>Lists!$A$1</formula1></dataValidation></dataValidations><mergeCells><mergeCell ref="A5:A7"/></mergeCells></worksheet>"#;
        let s = scan(xml).unwrap();
        // A cell without its `r` attribute cannot be placed, and is left to calamine.
        assert_eq!(s.uncached, vec![(1, 0), (2, 0)]);
        assert_eq!(s.errors, vec![(1, 2, "#SPILL!".to_string())]);
        assert_eq!(s.merges.len(), 1);
        assert_eq!(parse_a1("$AB$12"), Some((11, 27)));
        assert_eq!(parse_a1("ABCD1"), None);
    }
}
