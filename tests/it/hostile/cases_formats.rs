//! The corpus's xlsb, xls and ods cases: each format's own ways to break, written
//! record by record.

use super::build::*;
use super::{Case, Expect, d};
use mgi::intake::{Budgets, Reading};

use super::Check;

/// The assessment every well-formed case holds: PD_1.a answered yes, PD_1.b no.
fn two_answers() -> Check {
    Box::new(|a| {
        let got: Vec<(String, Reading)> = a[0]
            .answers
            .iter()
            .map(|x| (x.id.clone(), x.reading))
            .collect();
        let want = vec![
            ("PD_1.a".to_string(), Reading::Option(0)),
            ("PD_1.b".to_string(), Reading::Option(2)),
        ];
        if got == want && a[0].meta.unit_code == "XAA" && a[0].meta.period == "2026" {
            Ok(())
        } else {
            Err(format!(
                "{got:?} for {} {}",
                a[0].meta.unit_code, a[0].meta.period
            ))
        }
    })
}

const ABOUT: [(&str, &str); 4] = [
    ("unit_code", "XAA"),
    ("period", "2026"),
    ("round", "1"),
    ("framework", "sdg-10-7-2"),
];
const SHEET: [[&str; 2]; 3] = [["ID", "Answer"], ["PD_1.a", "yes"], ["PD_1.b", "no"]];

fn bin_rows(rows: &[Vec<&str>]) -> Vec<(u32, Vec<(u32, Bin)>)> {
    rows.iter()
        .enumerate()
        .map(|(r, cells)| {
            (
                r as u32,
                cells
                    .iter()
                    .enumerate()
                    .map(|(c, v)| (c as u32, Bin::Text(v.to_string())))
                    .collect(),
            )
        })
        .collect()
}

fn about_rows() -> Vec<Vec<&'static str>> {
    ABOUT.iter().map(|(k, v)| vec![*k, "", *v]).collect()
}

fn sheet_rows() -> Vec<Vec<&'static str>> {
    SHEET.iter().map(|r| r.to_vec()).collect()
}

/// An xlsb Assessment workbook; `assessment` replaces the Assessment sheet's records.
fn xlsb_book(assessment: Option<Vec<u8>>, shared: Option<Vec<u8>>) -> Vec<u8> {
    let about = xlsb_sheet(&dim(0, 3, 0, 2), &bin_rows(&about_rows()));
    let sheet =
        assessment.unwrap_or_else(|| xlsb_sheet(&dim(0, 2, 0, 1), &bin_rows(&sheet_rows())));
    xlsb(&[("About", about), ("Assessment", sheet)], shared)
}

pub fn xlsb_cases(out: &mut Vec<Case>) {
    out.push(Case::new(
        "an xlsb self-assessment",
        "w.xlsb",
        xlsb_book(None, None),
        Expect::Read(vec![], two_answers()),
    ));
    let mut rows = bin_rows(&sheet_rows());
    rows.push((1_048_575, vec![(16_383, Bin::Text("far".into()))]));
    out.push(Case::new(
        "an xlsb sheet with a cell in the last row and column, and a dimension to match",
        "w.xlsb",
        xlsb_book(Some(xlsb_sheet(&dim(0, 1_048_575, 0, 16_383), &rows)), None),
        Expect::Read(
            vec![d(
                "W048",
                "Assessment!XFD1048576",
                "column XFD has no header",
            )],
            two_answers(),
        ),
    ));
    out.push(Case::new(
        "a 1 KB xlsb whose dimension claims the whole sheet",
        "w.xlsb",
        xlsb_book(
            Some(xlsb_sheet(
                &dim(0, 1_048_575, 0, 16_383),
                &bin_rows(&sheet_rows()),
            )),
            None,
        ),
        Expect::Read(vec![], two_answers()),
    ));
    out.push(Case::new(
        "an xlsb sheet whose dimension record is cut short",
        "w.xlsb",
        xlsb_book(Some(xlsb_sheet(&[0u8; 6], &bin_rows(&sheet_rows()))), None),
        Expect::Fails(
            "F005",
            "the sheet dimension record is 6 bytes; expected 16 in part xl/worksheets/sheet2.bin"
                .into(),
        ),
    ));
    let mut short_sst = rec(0x009F, &[1, 0, 0]);
    short_sst.extend(rec(0x00A0, &[]));
    out.push(Case::new(
        "an xlsb shared-string table whose header is cut short",
        "w.xlsb",
        xlsb_book(None, Some(short_sst)),
        Expect::Fails(
            "F005",
            "the shared-string header is 3 bytes; expected 8 in part xl/sharedStrings.bin".into(),
        ),
    ));
    out.push(Case::new(
        "an xlsb shared-string table declaring four billion strings",
        "w.xlsb",
        xlsb_book(None, Some(xlsb_strings(u32::MAX, &["yes"]))),
        Expect::Fails("F013", "part xl/sharedStrings.bin of the workbook declares 4,294,967,295 shared strings, over the budget of 5,000,000".into()),
    ));
    let mut lying = xlsb_sheet(&dim(0, 2, 0, 1), &bin_rows(&sheet_rows()));
    // A record that says it holds 200 MB.
    lying.splice(0..0, [0x13u8, 0x80, 0x80, 0x80, 0x64]);
    out.push(Case::new(
        "an xlsb record that claims 200 MB in a part of a few hundred bytes",
        "w.xlsb",
        xlsb_book(Some(lying), None),
        Expect::Fails("F005", "declares 209715200 bytes, more than the".into()),
    ));
    let mut isst = bin_rows(&sheet_rows());
    isst[1].1[1] = (1, Bin::Shared(7));
    out.push(Case::new(
        "an xlsb cell naming a shared string that does not exist",
        "w.xlsb",
        xlsb_book(
            Some(xlsb_sheet(&dim(0, 2, 0, 1), &isst)),
            Some(xlsb_strings(1, &["yes"])),
        ),
        Expect::Fails(
            "F015",
            "the xlsb reader failed on this file (index out of bounds".into(),
        ),
    ));
    let mut shared = bin_rows(&sheet_rows());
    shared[1].1[1] = (1, Bin::Shared(0));
    shared[2].1[1] = (1, Bin::Number(0.0));
    out.push(Case::new(
        "an xlsb sheet of shared strings and numbers",
        "w.xlsb",
        xlsb_book(
            Some(xlsb_sheet(&dim(0, 2, 0, 1), &shared)),
            Some(xlsb_strings(1, &["yes"])),
        ),
        Expect::Read(vec![], two_answers()),
    ));
    // A sheet list naming a relationship the package does not have: a defect of the
    // reader (an unchecked lookup), caught.
    let book = xlsb_book(None, None);
    let broken = rezip(&book, |n, d| {
        if n == "xl/_rels/workbook.bin.rels" {
            String::from_utf8(d)
                .unwrap()
                .replace("rId2", "rId9")
                .into_bytes()
        } else {
            d
        }
    });
    out.push(Case::new(
        "an xlsb sheet list naming a relationship that is not there",
        "w.xlsb",
        broken,
        Expect::Fails("F015", "the xlsb reader failed on this file".into()),
    ));
}

/// Records of an xls sheet: its dimensions and text cells.
fn xls_sheet(dims: Vec<u8>, rows: &[Vec<&str>]) -> Vec<u8> {
    let mut out = dims;
    for (r, cells) in rows.iter().enumerate() {
        for (c, v) in cells.iter().enumerate() {
            if !v.is_empty() {
                out.extend(label(r as u16, c as u16, v));
            }
        }
    }
    out
}

fn xls_book(assessment: Option<Vec<u8>>, tweak: impl Fn(&mut Vec<u8>)) -> Vec<u8> {
    let about = xls_sheet(xls_dim(0, 4, 0, 3), &about_rows());
    let sheet = assessment.unwrap_or_else(|| xls_sheet(xls_dim(0, 3, 0, 2), &sheet_rows()));
    xls(&[("About", about), ("Assessment", sheet)], tweak)
}

pub fn xls_cases(out: &mut Vec<Case>) {
    out.push(Case::new(
        "an xls self-assessment",
        "w.xls",
        xls_book(None, |_| {}),
        Expect::Read(vec![], two_answers()),
    ));
    out.push(Case::new(
        "an xls sheet list pointing past the end of the workbook stream",
        "w.xls",
        xls_book(None, |s| {
            // The second BOUNDSHEET's position (after BOF and the first BOUNDSHEET).
            let at = 4 + 16 + 4 + 8 + 5 + 4;
            s[at..at + 4].copy_from_slice(&900_000u32.to_le_bytes());
        }),
        Expect::Fails("F005", "sheet entry 2 (\"Assessment\") of the xls sheet list points at byte 900000, past the end".into()),
    ));
    out.push(Case::new(
        "an xls sheet list entry cut short",
        "w.xls",
        xls_book(None, |s| {
            // Shorten the first BOUNDSHEET to 5 bytes.
            let at = 4 + 16;
            s[at + 2..at + 4].copy_from_slice(&5u16.to_le_bytes());
        }),
        Expect::Fails(
            "F005",
            "sheet entry 1 of the xls sheet list (record 1) is 5 bytes; expected at least 8".into(),
        ),
    ));
    out.push(Case::new(
        "xls dimensions that run backwards",
        "w.xls",
        xls_book(Some(xls_sheet(xls_dim(9, 3, 0, 2), &sheet_rows())), |_| {}),
        Expect::Fails(
            "F005",
            "the dimensions of sheet \"Assessment\" run backwards (rows 10 to 3".into(),
        ),
    ));
    out.push(Case::new(
        "xls dimensions beyond an xls sheet",
        "w.xls",
        xls_book(
            Some(xls_sheet(xls_dim(0, 4_000_000_000, 0, 2), &sheet_rows())),
            |_| {},
        ),
        Expect::Fails("F005", "are beyond an xls sheet's 65536 rows".into()),
    ));
    let mut far = xls_sheet(xls_dim(0, 65_536, 0, 256), &sheet_rows());
    far.extend(label(65_535, 255, "far"));
    out.push(Case::new(
        "xls cells spanning the whole sheet",
        "w.xls",
        xls_book(Some(far), |_| {}),
        Expect::Fails("F014", "sheet \"Assessment\": its cells span A1:IV65536 (16,777,216 cells, which the xls reader lays out one by one), over the budget of 4,000,000 cells".into()),
    ));
    let book = xls_book(None, |_| {});
    let mut looping = book.clone();
    // The directory sector's allocation entry, pointed at itself.
    let dir = u32::from_le_bytes(looping[48..52].try_into().unwrap()) as usize;
    let fat = u32::from_le_bytes(looping[76..80].try_into().unwrap()) as usize;
    let at = (fat + 1) * 512 + dir * 4;
    looping[at..at + 4].copy_from_slice(&(dir as u32).to_le_bytes());
    out.push(Case::new(
        "an xls whose directory chain loops",
        "w.xls",
        looping,
        Expect::Fails(
            "F005",
            "the directory chain of the compound file loops back to sector".into(),
        ),
    ));
    out.push(Case::new(
        "an xls cut in half",
        "w.xls",
        book[..book.len() / 2].to_vec(),
        Expect::Fails("F005", "".into()),
    ));
    out.push(Case::new(
        "an xls cut inside its header",
        "w.xls",
        book[..300].to_vec(),
        Expect::Fails("F005", "shorter than its 512-byte header".into()),
    ));
}

fn ods_book(assessment: &str) -> Vec<u8> {
    ods(&format!(
        "{}{assessment}",
        ods_table("About", &about_rows())
    ))
}

pub fn ods_cases(out: &mut Vec<Case>) {
    let sheet = ods_table("Assessment", &sheet_rows());
    out.push(Case::new(
        "an ods self-assessment",
        "w.ods",
        ods_book(&sheet),
        Expect::Read(vec![], two_answers()),
    ));
    let repeated = format!(
        r#"{}<table:table-row table:number-rows-repeated="6000"><table:table-cell table:number-columns-repeated="16384" office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row></table:table>"#,
        sheet.trim_end_matches("</table:table>")
    );
    out.push(Case::new(
        "an 800-byte ods asking for 98 million cells",
        "w.ods",
        ods_book(&repeated),
        Expect::Fails(
            "F014",
            "sheet \"Assessment\": its repeated rows and columns span 98,353,152 cells".into(),
        ),
    ));
    let spaces = format!(
        r#"{}<table:table-row><table:table-cell office:value-type="string"><text:p>a<text:s text:c="2000000000"/></text:p></table:table-cell></table:table-row></table:table>"#,
        sheet.trim_end_matches("</table:table>")
    );
    out.push(Case::new(
        "an ods cell of two billion spaces",
        "w.ods",
        ods_book(&spaces),
        Expect::Fails("F014", "would make 1.9 GiB of text".into()),
    ));
    let trailing = format!(
        r#"{}<table:table-row table:number-rows-repeated="1048573"><table:table-cell table:number-columns-repeated="1024"/></table:table-row></table:table>"#,
        sheet.trim_end_matches("</table:table>")
    );
    out.push(Case::new(
        "an ods whose empty rows run to the last row",
        "w.ods",
        ods_book(&trailing),
        Expect::Read(vec![], two_answers()),
    ));
    let formula = sheet.replacen(
        r#"<table:table-cell office:value-type="string"><text:p>yes</text:p></table:table-cell>"#,
        r#"<table:table-cell table:formula="of:=1"/>"#,
        1,
    );
    out.push(Case::new(
        "an ods answer that is a formula without a value",
        "w.ods",
        ods_book(&formula),
        Expect::Diags(vec![d(
            "W049",
            "Assessment!B2",
            "the answer to \"PD_1.a\" is a formula without a computed value",
        )]),
    ));
    out.push(
        Case::new(
            "an ods over the dense cells budget",
            "w.ods",
            ods_book(&sheet),
            Expect::Fails("F014", "over the budget of 5 cells".into()),
        )
        .budgets(Budgets {
            dense_cells: 5,
            ..Budgets::default()
        }),
    );
}
