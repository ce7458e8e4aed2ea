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
    // Cells with a formula or an error: only they need a closer look, and a sheet of
    // plain values has neither `<f` nor `t="e"`.
    let has_formula = memmem::find(xml, b"<f").is_some();
    let has_error =
        memmem::find(xml, b"t=\"e\"").is_some() || memmem::find(xml, b"t='e'").is_some();
    if !has_formula && !has_error {
        return Some(out);
    }
    let end_data = memmem::find(xml, b"</sheetData>").unwrap_or(xml.len());
    let mut at = memmem::find(xml, b"<sheetData").unwrap_or(end_data);
    let (mut row, mut col) = (0u32, 0u32);
    while at < end_data {
        let Some(lt) = memchr::memchr(b'<', &xml[at..end_data]) else {
            break;
        };
        let start = at + lt;
        let Some(gt) = memchr::memchr(b'>', &xml[start..end_data]) else {
            break;
        };
        let tag = &xml[start + 1..start + gt];
        at = start + gt + 1;
        if tag.starts_with(b"row") && matches!(tag.get(3), Some(b' ' | b'>' | b'/') | None) {
            let text = String::from_utf8_lossy(tag);
            if let Some(r) = xml_attr(&text[3..], "r").and_then(|r| r.parse::<u32>().ok()) {
                row = r.saturating_sub(1);
            }
            col = 0;
            continue;
        }
        if tag.starts_with(b"/row") {
            row = row.saturating_add(1);
            col = 0;
            continue;
        }
        if !(tag.starts_with(b"c") && matches!(tag.get(1), Some(b' ' | b'/') | None)) {
            continue;
        }
        let text = String::from_utf8_lossy(tag);
        let (r, c) = xml_attr(&text[1..], "r")
            .and_then(|a| parse_a1(&a))
            .unwrap_or((row, col));
        col = c.saturating_add(1);
        if tag.ends_with(b"/") {
            continue;
        }
        // The cell's content, up to `</c>`.
        let close = memmem::find(&xml[at..end_data], b"</c>").map(|i| at + i);
        let Some(close) = close else { break };
        let body = &xml[at..close];
        at = close + 4;
        let value = value_of(body);
        if xml_attr(&text[1..], "t").as_deref() == Some("e") {
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
        let xml = br#"<worksheet><sheetData><row r="2"><c r="A2"><f>1+1</f></c><c r="B2"><f>2</f><v>2</v></c><c r="C2" t="e"><v>#SPILL!</v></c><c r="D2" s="1"/><c><f>3</f><v></v></c></row></sheetData><mergeCells><mergeCell ref="A5:A7"/></mergeCells></worksheet>"#;
        let s = scan(xml).unwrap();
        assert_eq!(s.uncached, vec![(1, 0), (1, 4)]);
        assert_eq!(s.errors, vec![(1, 2, "#SPILL!".to_string())]);
        assert_eq!(s.merges.len(), 1);
        assert_eq!(parse_a1("$AB$12"), Some((11, 27)));
        assert_eq!(parse_a1("ABCD1"), None);
    }
}
