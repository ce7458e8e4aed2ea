//! Builders of damaged, hostile and unusual inputs, made by code: zip packages member by
//! member (rewritten with correct CRCs, or with sizes that lie), minimal xlsb, xls and
//! ods workbooks written record by record, and small xlsx workbooks.

use std::io::{Cursor, Read, Write};

/// A zip package of `members` (deflated).
pub fn zip_of(members: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in members {
        w.start_file(name.as_str(), opts).unwrap();
        w.write_all(data).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// The members of a zip package, in order.
pub fn members(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut z = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    (0..z.len())
        .map(|i| {
            let mut f = z.by_index(i).unwrap();
            let mut v = Vec::new();
            f.read_to_end(&mut v).unwrap();
            (f.name().unwrap().to_string(), v)
        })
        .collect()
}

/// A zip package with each member passed through `f` (correct CRCs).
pub fn rezip(bytes: &[u8], f: impl Fn(&str, Vec<u8>) -> Vec<u8>) -> Vec<u8> {
    let m: Vec<(String, Vec<u8>)> = members(bytes)
        .into_iter()
        .map(|(n, d)| {
            let d = f(&n, d);
            (n, d)
        })
        .collect();
    zip_of(&m)
}

/// Replaces the first `from` by `to` in a member's text.
pub fn edit(bytes: &[u8], member: &str, from: &str, to: &str) -> Vec<u8> {
    rezip(bytes, |n, d| {
        if n == member {
            let t = String::from_utf8(d).unwrap();
            assert!(t.contains(from), "{member} has no {from:?}");
            t.replacen(from, to, 1).into_bytes()
        } else {
            d
        }
    })
}

/// The text of a member.
pub fn member_text(bytes: &[u8], member: &str) -> String {
    let m = members(bytes);
    String::from_utf8(m.into_iter().find(|(n, _)| n == member).unwrap().1).unwrap()
}

/// Sets the uncompressed size a zip package declares for a member, in its local header
/// and its central directory entry (the data stay as they are).
pub fn declare_size(bytes: &[u8], member: &str, size: u32) -> Vec<u8> {
    let mut out = bytes.to_vec();
    let name = member.as_bytes();
    let mut patched = 0;
    let mut i = 0;
    while i + 4 <= out.len() {
        let sig = &out[i..i + 4];
        let (name_at, size_at) = if sig == b"PK\x03\x04" {
            (i + 30, i + 22)
        } else if sig == b"PK\x01\x02" {
            (i + 46, i + 24)
        } else {
            i += 1;
            continue;
        };
        let len_at = if sig == b"PK\x03\x04" { i + 26 } else { i + 28 };
        let len = u16::from_le_bytes([out[len_at], out[len_at + 1]]) as usize;
        if out.get(name_at..name_at + len) == Some(name) {
            out[size_at..size_at + 4].copy_from_slice(&size.to_le_bytes());
            patched += 1;
        }
        i += 4;
    }
    assert_eq!(patched, 2, "{member}: local header and directory entry");
    out
}

/// A small xlsx workbook: an optional `About` sheet of (label, value) rows and an
/// `Assessment` sheet of rows, every cell a string.
pub fn xlsx(about: Option<&[(&str, &str)]>, rows: &[Vec<String>]) -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    if let Some(about) = about {
        let ws = wb.add_worksheet();
        ws.set_name("About").unwrap();
        for (r, (k, v)) in about.iter().enumerate() {
            ws.write_string(r as u32, 0, *k).unwrap();
            ws.write_string(r as u32, 1, *v).unwrap();
        }
    }
    let ws = wb.add_worksheet();
    ws.set_name("Assessment").unwrap();
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            if !v.is_empty() {
                ws.write_string(r as u32, c as u16, v).unwrap();
            }
        }
    }
    wb.save_to_buffer().unwrap()
}

// ----- xlsb ------------------------------------------------------------------------

fn varint(mut v: u32, max: usize) -> Vec<u8> {
    let mut out = Vec::new();
    for _ in 0..max {
        let b = (v & 0x7F) as u8;
        v >>= 7;
        if v == 0 {
            out.push(b);
            return out;
        }
        out.push(b | 0x80);
    }
    out
}

/// One BIFF12 record.
pub fn rec(typ: u32, data: &[u8]) -> Vec<u8> {
    let mut out = varint(typ, 2);
    out.extend(varint(data.len() as u32, 4));
    out.extend_from_slice(data);
    out
}

fn wide(s: &str) -> Vec<u8> {
    let units: Vec<u16> = s.encode_utf16().collect();
    let mut out = (units.len() as u32).to_le_bytes().to_vec();
    for u in units {
        out.extend(u.to_le_bytes());
    }
    out
}

/// A cell of a binary sheet.
#[derive(Clone)]
pub enum Bin {
    /// Inline text (BrtCellSt).
    Text(String),
    /// A number (BrtCellReal).
    Number(f64),
    /// A shared string by index (BrtCellIsst).
    Shared(u32),
}

/// The records of a binary sheet: its dimension record, then rows of cells.
pub fn xlsb_sheet(dim: &[u8], rows: &[(u32, Vec<(u32, Bin)>)]) -> Vec<u8> {
    let mut out = rec(0x0081, &[]);
    out.extend(rec(0x0094, dim));
    out.extend(rec(0x0091, &[]));
    for (r, cells) in rows {
        let mut hdr = r.to_le_bytes().to_vec();
        hdr.extend([0u8; 8]);
        out.extend(rec(0x0000, &hdr));
        for (c, v) in cells {
            let mut d = c.to_le_bytes().to_vec();
            d.extend([0u8; 4]);
            let typ = match v {
                Bin::Text(s) => {
                    d.extend(wide(s));
                    0x0006
                }
                Bin::Number(x) => {
                    d.extend(x.to_le_bytes());
                    0x0005
                }
                Bin::Shared(i) => {
                    d.extend(i.to_le_bytes());
                    0x0007
                }
            };
            out.extend(rec(typ, &d));
        }
    }
    out.extend(rec(0x0092, &[]));
    out.extend(rec(0x0082, &[]));
    out
}

/// The 16-byte dimension of a sheet: first row, last row, first column, last column.
pub fn dim(r0: u32, r1: u32, c0: u32, c1: u32) -> Vec<u8> {
    [r0, r1, c0, c1]
        .iter()
        .flat_map(|x| x.to_le_bytes())
        .collect()
}

/// A whole xlsb package: named sheets of records, and optional shared-string records.
pub fn xlsb(sheets: &[(&str, Vec<u8>)], shared: Option<Vec<u8>>) -> Vec<u8> {
    let mut wbk = rec(0x0083, &[]);
    wbk.extend(rec(0x008F, &[]));
    let mut rels = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    );
    let mut members = Vec::new();
    for (i, (name, data)) in sheets.iter().enumerate() {
        let rid = format!("rId{}", i + 1);
        let mut d = 0u32.to_le_bytes().to_vec();
        d.extend((i as u32 + 1).to_le_bytes());
        d.extend(wide(&rid));
        d.extend(wide(name));
        wbk.extend(rec(0x009C, &d));
        rels.push_str(&format!(
            r#"<Relationship Id="{rid}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{}.bin"/>"#,
            i + 1
        ));
        members.push((format!("xl/worksheets/sheet{}.bin", i + 1), data.clone()));
    }
    wbk.extend(rec(0x0090, &[]));
    wbk.extend(rec(0x009D, &[0u8; 16]));
    wbk.extend(rec(0x0084, &[]));
    rels.push_str("</Relationships>");
    let mut all = vec![
        (
            "[Content_Types].xml".to_string(),
            br#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="bin" ContentType="application/vnd.ms-excel.sheet.binary.macroEnabled.main"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/></Types>"#.to_vec(),
        ),
        (
            "_rels/.rels".to_string(),
            br#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.bin"/></Relationships>"#.to_vec(),
        ),
        ("xl/workbook.bin".to_string(), wbk),
        ("xl/_rels/workbook.bin.rels".to_string(), rels.into_bytes()),
    ];
    if let Some(s) = shared {
        all.push(("xl/sharedStrings.bin".to_string(), s));
    }
    all.extend(members);
    zip_of(&all)
}

/// Shared-string records: the header (declaring `unique` strings) and the strings.
pub fn xlsb_strings(unique: u32, strings: &[&str]) -> Vec<u8> {
    let mut h = (strings.len() as u32).to_le_bytes().to_vec();
    h.extend(unique.to_le_bytes());
    let mut out = rec(0x009F, &h);
    for s in strings {
        let mut d = vec![0u8];
        d.extend(wide(s));
        out.extend(rec(0x0013, &d));
    }
    out.extend(rec(0x00A0, &[]));
    out
}

// ----- xls -------------------------------------------------------------------------

/// One BIFF8 record.
pub fn biff(typ: u16, data: &[u8]) -> Vec<u8> {
    let mut out = typ.to_le_bytes().to_vec();
    out.extend((data.len() as u16).to_le_bytes());
    out.extend_from_slice(data);
    out
}

/// A text cell (LABEL) of an xls sheet.
pub fn label(row: u16, col: u16, s: &str) -> Vec<u8> {
    let mut d = row.to_le_bytes().to_vec();
    d.extend(col.to_le_bytes());
    d.extend(0u16.to_le_bytes());
    d.extend((s.len() as u16).to_le_bytes());
    d.push(0);
    d.extend(s.bytes());
    biff(0x0204, &d)
}

/// A BIFF8 DIMENSIONS record (first row, last row + 1, first column, last column + 1).
pub fn xls_dim(rf: u32, rl: u32, cf: u16, cl: u16) -> Vec<u8> {
    let mut d = rf.to_le_bytes().to_vec();
    d.extend(rl.to_le_bytes());
    d.extend(cf.to_le_bytes());
    d.extend(cl.to_le_bytes());
    d.extend(0u16.to_le_bytes());
    biff(0x0200, &d)
}

/// An xls workbook of sheets, each given as its records between BOF and EOF. `tweak`
/// may change the workbook stream (globals and sheets) before it is stored.
pub fn xls(sheets: &[(&str, Vec<u8>)], tweak: impl Fn(&mut Vec<u8>)) -> Vec<u8> {
    let bof = |dt: u16| {
        let mut d = 0x0600u16.to_le_bytes().to_vec();
        d.extend(dt.to_le_bytes());
        d.extend([0u8; 12]);
        biff(0x0809, &d)
    };
    // Globals: BOF, one BOUNDSHEET per sheet (positions filled in below), EOF.
    let mut globals = bof(0x0005);
    let mut bound_at = Vec::new();
    for (name, _) in sheets {
        bound_at.push(globals.len() + 4);
        let mut d = 0u32.to_le_bytes().to_vec();
        d.extend([0u8, 0u8]);
        d.push(name.len() as u8);
        d.push(0);
        d.extend(name.bytes());
        globals.extend(biff(0x0085, &d));
    }
    globals.extend(biff(0x000A, &[]));
    let mut stream = globals;
    for (k, (_, records)) in sheets.iter().enumerate() {
        let pos = stream.len() as u32;
        stream[bound_at[k]..bound_at[k] + 4].copy_from_slice(&pos.to_le_bytes());
        stream.extend(bof(0x0010));
        stream.extend_from_slice(records);
        stream.extend(biff(0x000A, &[]));
    }
    tweak(&mut stream);
    // Pad so the stream lives in regular sectors (at least 4096 bytes).
    while stream.len() < 4096 {
        stream.extend(biff(0x0000, &[]));
    }
    let mut c =
        cfb::CompoundFile::create_with_version(cfb::Version::V3, Cursor::new(Vec::new())).unwrap();
    c.create_stream("/Workbook")
        .unwrap()
        .write_all(&stream)
        .unwrap();
    c.flush().unwrap();
    c.into_inner().into_inner()
}

// ----- ods -------------------------------------------------------------------------

/// An ods package whose `content.xml` body (inside `office:spreadsheet`) is `tables`.
pub fn ods(tables: &str) -> Vec<u8> {
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet>{tables}</office:spreadsheet></office:body></office:document-content>"#
    );
    let manifest = r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let deflated = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    w.start_file("mimetype", stored).unwrap();
    w.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .unwrap();
    w.start_file("META-INF/manifest.xml", deflated).unwrap();
    w.write_all(manifest.as_bytes()).unwrap();
    w.start_file("content.xml", deflated).unwrap();
    w.write_all(content.as_bytes()).unwrap();
    w.finish().unwrap().into_inner()
}

/// An ods table of rows of text cells.
pub fn ods_table(name: &str, rows: &[Vec<&str>]) -> String {
    let mut t = format!(r#"<table:table table:name="{name}">"#);
    for row in rows {
        t.push_str("<table:table-row>");
        for v in row {
            if v.is_empty() {
                t.push_str("<table:table-cell/>");
            } else {
                t.push_str(&format!(
                    r#"<table:table-cell office:value-type="string"><text:p>{v}</text:p></table:table-cell>"#
                ));
            }
        }
        t.push_str("</table:table-row>");
    }
    t.push_str("</table:table>");
    t
}
