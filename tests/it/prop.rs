//! Property tests of intake: arbitrary csv text and arbitrary cell grids never make a
//! reader fail (F015 is a caught defect), and every non-empty value of a table, and
//! every non-empty cell of an answer, evidence, comment or responsible-entity column,
//! is either read or named in a diagnostic.

use mgi::diag::a1;
use mgi::intake::{Assessment, IntakeError, Reader};
use mgi::rules::Rules;
use proptest::prelude::*;
use std::sync::OnceLock;

fn rules() -> &'static Rules {
    static R: OnceLock<Rules> = OnceLock::new();
    R.get_or_init(Rules::bundled)
}

fn read(name: &str, bytes: &[u8]) -> Result<Vec<Assessment>, IntakeError> {
    Reader::new(rules()).read_bytes(name, bytes, Some("sdg-10-7-2"))
}

/// Pieces csv text is made of, the awkward ones often.
fn csv_char() -> impl Strategy<Value = char> {
    prop_oneof![
        4 => prop::sample::select(vec![',', ';', '\t', '"', '\n', '\r', ' ']),
        4 => prop::sample::select(vec!['a', 'X', 'y', 'e', 's', '1', '2', '0', '.', '#', 'é', '€', '国']),
        1 => any::<char>(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    /// Any text at all, and any bytes, read as a csv: never a reader failure.
    #[test]
    fn arbitrary_csv_text_never_fails_the_reader(
        body in prop::collection::vec(csv_char(), 0..300),
        bytes in prop::collection::vec(any::<u8>(), 0..200),
        header in prop::sample::select(vec!["", "country,year,PD_1.a\n", "pays;année;PD_1.a;PD_1.b\r\n", "country\tyear\tPD_1.a\tPD_1.a comment\r"]),
    ) {
        let text: String = body.into_iter().collect();
        for input in [format!("{header}{text}").into_bytes(), [header.as_bytes(), &bytes].concat()] {
            if let Err(e) = read("t.csv", &input) {
                prop_assert!(e.code() != "F015", "the csv reader failed: {}", e);
            }
        }
    }
}

/// A value of a generated table.
fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => Just(String::new()),
        3 => prop::sample::select(vec!["yes", "no", "partial", "all", "Sí", "n/a", "dk", "maybe", "0.5", "2026", "XAA", "xab", "1", "-1", "#N/A"]).prop_map(str::to_string),
        2 => prop::collection::vec(csv_char(), 1..12).prop_map(|v| v.into_iter().collect::<String>()),
    ]
}

const HEADERS: [&str; 14] = [
    "country",
    "year",
    "round",
    "name",
    "region",
    "PD_1.a",
    "PD_1.b",
    "PD_2.a",
    "PD_1.a evidence",
    "PD_1.a comment",
    "PD_2.a:comment",
    "",
    "notes",
    "year",
];

fn quote(v: &str, delim: char) -> String {
    if v.contains(delim)
        || v.contains('"')
        || v.contains('\n')
        || v.contains('\r')
        || v.starts_with(' ')
        || v.ends_with(' ')
    {
        format!("\"{}\"", v.replace('"', "\"\""))
    } else {
        v.to_string()
    }
}

/// Whether a value of a table is read or named: in the assessment of its row (which
/// starts on line `start` and ends on `end`), or in a diagnostic at its place, of its row
/// naming it, or of its column's header.
fn accounted(list: &[Assessment], start: usize, end: usize, col: usize, v: &str) -> bool {
    let v = v.trim();
    let diags = || list.iter().flat_map(|a| a.diagnostics.iter());
    let in_row = |l: Option<usize>| l.is_some_and(|l| (start..=end).contains(&l));
    if diags().any(|d| {
        in_row(d.location.line) && (d.location.column == Some(col) || d.message.contains(v))
    }) {
        return true;
    }
    if diags()
        .any(|d| d.location.line == Some(1) && d.location.column == Some(col) && d.code == "T006")
    {
        return true;
    }
    let Some(a) = list
        .iter()
        .find(|a| a.source.ends_with(&format!("(line {start})")))
    else {
        return false;
    };
    let m = &a.meta;
    let same = |x: &str| x.trim().eq_ignore_ascii_case(v);
    let round = |x: &str| {
        x.parse::<u64>()
            .ok()
            .is_some_and(|n| v.parse::<u64>().ok() == Some(n))
    };
    a.answers.iter().any(|x| {
        (x.location.column == Some(col) && in_row(x.location.line) && x.given.trim() == v)
            || same(&x.evidence)
            || same(&x.comment)
    }) || [
        &m.unit_code,
        &m.unit_name,
        &m.period,
        &m.framework,
        &m.version,
        &m.contributor,
    ]
    .iter()
    .any(|x| same(x))
        || round(&m.round)
        || m.groups.values().any(|x| same(x))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    /// Tables written the way spreadsheets write csv, with awkward headers, values and
    /// row lengths: every non-empty value is read or named.
    #[test]
    fn no_table_value_is_lost(
        headers in prop::collection::vec(prop::sample::select(HEADERS.to_vec()), 1..9),
        rows in prop::collection::vec(prop::collection::vec(value(), 0..11), 0..6),
        delim in prop::sample::select(vec![',', ';', '\t']),
        newline in prop::sample::select(vec!["\n", "\r\n", "\r"]),
    ) {
        let mut headers = headers;
        headers.insert(0, "country");
        let mut text = headers.iter().map(|h| quote(h, delim)).collect::<Vec<_>>().join(&delim.to_string());
        text.push_str(newline);
        // The line each row starts on: 2, then after the line breaks of quoted values.
        let mut line = 2;
        let mut starts = Vec::new();
        for r in &rows {
            starts.push(line);
            let fields: Vec<String> = r.iter().map(|v| quote(v, delim)).collect();
            let row = fields.join(&delim.to_string());
            line += 1 + row.matches("\r\n").count() + row.replace("\r\n", "").matches(['\r', '\n']).count();
            text.push_str(&row);
            text.push_str(newline);
        }
        let got = read("t.csv", text.as_bytes());
        let list = match got {
            Ok(list) => list,
            Err(e) => {
                prop_assert!(e.code() == "F006" || e.code() == "F016", "{}", e);
                return Ok(());
            }
        };
        for (k, (r, start)) in rows.iter().zip(&starts).enumerate() {
            if r.iter().all(|v| v.trim().is_empty()) {
                continue;
            }
            let end = starts.get(k + 1).map(|n| n - 1).unwrap_or(line);
            for (c, v) in r.iter().enumerate() {
                if !v.trim().is_empty() {
                    prop_assert!(
                        accounted(&list, *start, end, c + 1, v),
                        "value {:?} of line {}, column {} is neither read nor named:\n{}\n{:#?}",
                        v, start, c + 1, text,
                        list.iter().map(|a| (&a.source, &a.diagnostics)).collect::<Vec<_>>()
                    );
                }
            }
        }
    }
}

/// A cell of a generated Assessment sheet.
fn cell_text() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => Just(String::new()),
        3 => prop::sample::select(vec!["yes", "no", "Partially", "all", "n/a", "Don't know", "maybe", "1", "0.5", "Law 12/2020", "#REF!", "  "]).prop_map(str::to_string),
        1 => "[ -~]{1,10}",
    ]
}

fn row_id() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "PD_1.a", "PD_1.b", "PD_1.c", "PD_2.a", "PD_1", "PD_2", "overall", "PD_9.z", "", "pd_1.a",
        "PD_1.a",
    ])
    .prop_map(str::to_string)
}

const COLUMNS: [&str; 9] = [
    "ID",
    "Answer",
    "Evidence",
    "Comment",
    "Responsible entity",
    "Question",
    "",
    "Answer",
    "Notes",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, failure_persistence: None, ..ProptestConfig::default() })]

    /// Arbitrary grids on an Assessment sheet: every non-empty cell of an answer,
    /// evidence, comment or responsible column (and of a column without a header, or a
    /// repeated one) is read or named.
    #[test]
    fn no_answer_cell_is_lost(
        header_row in 0u32..3,
        columns in prop::collection::vec(prop::sample::select(COLUMNS.to_vec()), 2..8),
        rows in prop::collection::vec((row_id(), prop::collection::vec(cell_text(), 0..8)), 1..10),
    ) {
        let mut columns = columns;
        columns.insert(0, "ID");
        columns.insert(1, "Answer");
        let mut wb = rust_xlsxwriter::Workbook::new();
        let ws = wb.add_worksheet();
        ws.set_name("Assessment").unwrap();
        for (c, h) in columns.iter().enumerate() {
            if !h.is_empty() {
                ws.write_string(header_row, c as u16, *h).unwrap();
            }
        }
        // Rows start under the header; column 0 is the ID.
        let mut cells = Vec::new();
        for (k, (id, values)) in rows.iter().enumerate() {
            let r = header_row + 1 + k as u32;
            if !id.is_empty() {
                ws.write_string(r, 0, id).unwrap();
            }
            for (j, v) in values.iter().enumerate() {
                let c = (j + 1) as u16;
                if !v.is_empty() {
                    ws.write_string(r, c, v).unwrap();
                    cells.push((r, c as u32, v.clone()));
                }
            }
        }
        let bytes = wb.save_to_buffer().unwrap();
        let list = read("w.xlsx", &bytes).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let a = &list[0];
        prop_assert!(!a.diagnostics.iter().any(|d| d.code == "F015"));
        // Which columns intake reads or must name: the first of each content header,
        // repeated headers, and columns without a header.
        let kind = |c: u32| -> Option<&'static str> {
            let h = columns.get(c as usize).copied().unwrap_or("");
            let first = columns.iter().position(|x| *x == h) == Some(c as usize);
            match h {
                "" => Some("unheaded"),
                "Answer" | "Evidence" | "Comment" | "Responsible entity" | "ID" if !first => Some("repeat"),
                "Answer" | "Evidence" | "Comment" | "Responsible entity" => Some("content"),
                _ => None,
            }
        };
        for (r, c, v) in &cells {
            if v.trim().is_empty() || kind(*c).is_none() {
                continue;
            }
            let name = a1(*r, *c);
            let named = a.diagnostics.iter().any(|d| d.location.cell.as_deref() == Some(name.as_str()) || d.message.contains(&format!("{name}=")));
            let read = a.answers.iter().any(|x| {
                x.location.cell.as_deref() == Some(name.as_str())
                    || (x.location.cell.as_deref().and_then(|l| l.trim_start_matches(char::is_alphabetic).parse::<u32>().ok()) == Some(r + 1)
                        && [&x.evidence, &x.comment, &x.responsible].iter().any(|t| t.as_str() == v.trim()))
            });
            prop_assert!(named || read, "cell {} = {:?} is neither read nor named; columns {:?}:\n{:#?}", name, v, columns, a.diagnostics);
        }
    }
}
