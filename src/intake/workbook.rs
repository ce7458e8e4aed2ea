//! Reading a self-assessment workbook: the `About` sheet, then the `Assessment` sheet,
//! with every cell of the answer, evidence, comment and responsible columns accounted
//! for. The answer checks are the row model's ([`super::rows`]), shared with tables.

use super::about::{self, Field, Fields};
use super::about_sheet::{About, AboutValue, read_about};
use super::answer::RowKind;
use super::grid::{Book, Grid, Value};
use super::rows::{Cell, Checker, Place, Row, Site, answer_rows, context_answer, none_answered};
use super::table::sheet_notes;
use super::{Answer, Assessment, IntakeError, Meta, Reader};
use crate::diag::{Code, Diagnostic, Location, Msg, a1, column_letter};
use crate::i18n::{Arg, fold};
use crate::layout::{
    ABOUT_FIELDS, CONTRIBUTOR, Column, SCOPE, SHEET_ABOUT, SHEET_ASSESSMENT, is_sheet,
};
use crate::rules::Framework;
use std::collections::{BTreeMap, HashMap, HashSet};

/// What intake reads of a workbook: the first `About` and `Assessment` sheets (and the
/// merged cells of the latter) when there is an `Assessment` sheet, every sheet otherwise
/// (a table of many units).
pub(super) fn read_plan(names: &[String]) -> Vec<super::grid::Read> {
    use super::grid::Read;
    let kinds: Vec<Kind> = names.iter().map(|n| Kind::of(n)).collect();
    if !kinds.contains(&Kind::Assessment) {
        return vec![Read::CellsAndMerges; names.len()];
    }
    let first = |k: Kind| kinds.iter().position(|x| *x == k);
    let (assessment, about) = (first(Kind::Assessment), first(Kind::About));
    (0..names.len())
        .map(|i| {
            if Some(i) == assessment {
                Read::CellsAndMerges
            } else if Some(i) == about {
                Read::Cells
            } else {
                Read::Skip
            }
        })
        .collect()
}

/// What a sheet is, by its name (a sheet that reads as both is an Assessment sheet).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Assessment,
    About,
    Other,
}

impl Kind {
    fn of(name: &str) -> Kind {
        if is_sheet(name, SHEET_ASSESSMENT) {
            Kind::Assessment
        } else if is_sheet(name, SHEET_ABOUT) {
            Kind::About
        } else {
            Kind::Other
        }
    }
}

/// Reads a workbook made by `mgi template` (or edited from one).
pub(super) fn read(
    reader: &Reader,
    file: &str,
    sha: &str,
    book: &Book,
    framework: Option<&str>,
) -> Result<Assessment, IntakeError> {
    let mut diags = Vec::new();
    let limit = reader.budgets.text_chars;
    let kinds: Vec<Kind> = book.sheets.iter().map(|s| Kind::of(&s.name)).collect();
    let of_kind = |k: Kind| {
        book.sheets
            .iter()
            .zip(&kinds)
            .filter(move |(_, x)| **x == k)
            .map(|(s, _)| s)
    };
    // Second sheets of the same kind are named, not read.
    for (kind, word) in [
        (Kind::Assessment, "sheet.assessment"),
        (Kind::About, "sheet.about"),
    ] {
        let mut of_kind = of_kind(kind);
        if let Some(first) = of_kind.next() {
            for s in of_kind {
                diags.push(Diagnostic::warning_msg(
                    Code::W046,
                    Location::sheet(file, &s.name),
                    Msg::new("diag.w046")
                        .arg("sheet", s.name.as_str())
                        .arg("kind", Arg::Message(word, Vec::new()))
                        .arg("first", first.name.as_str()),
                ));
            }
        }
    }
    let about_sheet = of_kind(Kind::About).next();
    let about = match about_sheet {
        Some(g) => {
            diags.extend(sheet_notes(
                Site {
                    file,
                    sheet: Some(&g.name),
                },
                g,
                limit,
            ));
            read_about(g)
        }
        None => {
            diags.push(Diagnostic::error_msg(
                Code::W001,
                Location::file(file),
                Msg::new("diag.w001"),
            ));
            About {
                fields: BTreeMap::new(),
                others: Vec::new(),
                repeats: Vec::new(),
            }
        }
    };
    let about_name = about_sheet.map(|s| s.name.as_str()).unwrap_or(SHEET_ABOUT);
    // A field's label, in the language the message is read in.
    let label = |key: &str| -> Arg {
        match ABOUT_FIELDS.iter().find(|f| f.key == key) {
            Some(f) => super::answer::local(|l| f.label(l).to_string()),
            None => Arg::Text(key.to_string()),
        }
    };
    for (key, v) in &about.repeats {
        let first = &about.fields[key];
        let same = fold(&first.value.display()) == fold(&v.value.display());
        let msg = Msg::new(if same { "diag.w045_same" } else { "diag.w045" })
            .arg("field", label(key))
            .arg("first", first.value.display().trim())
            .arg("at", a1(first.row, first.col))
            .arg("second", v.value.display().trim());
        let at = Location::cell(file, about_name, v.row, v.col);
        diags.push(if same {
            Diagnostic::warning_msg(Code::W045, at, msg)
        } else {
            Diagnostic::error_msg(Code::W045, at, msg)
        });
    }
    let fields = &about.fields;
    let text_of = |key: &str| {
        fields
            .get(key)
            .map(|v| v.value.display().trim().to_string())
            .unwrap_or_default()
    };
    let written_fw = text_of("framework");
    let (fw, matcher) = match (framework, written_fw.as_str()) {
        (Some(id), w) => {
            let r = reader.framework(Some(id))?;
            if !w.is_empty() && w != id {
                let v = &fields["framework"];
                diags.push(Diagnostic::warning_msg(
                    Code::W033,
                    Location::cell(file, about_name, v.row, v.col),
                    Msg::new("diag.w033").arg("written", w).arg("framework", id),
                ));
            }
            r
        }
        (None, "") => {
            let r = reader.framework(None)?;
            if about_sheet.is_some() {
                diags.push(Diagnostic::warning_msg(
                    Code::W034,
                    Location::sheet(file, about_name),
                    Msg::new("diag.w034").arg("framework", r.0.id.as_str()),
                ));
            }
            r
        }
        (None, w) => reader.framework(Some(w))?,
    };
    let contributor = about.part_field(&CONTRIBUTOR);
    let scope: Vec<String> = about
        .part_field(&SCOPE)
        .split([',', ';', '\n'])
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    let mut meta = Meta {
        unit_code: text_of("unit_code").to_uppercase(),
        unit_name: text_of("unit_name"),
        unit_level: text_of("unit_level"),
        period: text_of("period"),
        round: text_of("round"),
        framework: written_fw.clone(),
        version: text_of("version"),
        language: text_of("language"),
        agency: text_of("agency"),
        contact: text_of("contact"),
        date: text_of("date"),
        contributor,
        scope,
        ..Default::default()
    };
    for g in ["region", "income_group"] {
        let v = text_of(g);
        if !v.is_empty() {
            meta.groups.insert(g.to_string(), v);
        }
    }
    if about_sheet.is_some() {
        let field = |key: &str| Field {
            name: label(key),
            at: match fields.get(key) {
                Some(v) => Location::cell(file, about_name, v.row, v.col),
                None => Location::sheet(file, about_name),
            },
            present: true,
        };
        about::check(
            &mut meta,
            &Fields {
                unit_code: field("unit_code"),
                period: field("period"),
                round: field("round"),
            },
            &mut diags,
        );
    } else if meta.round.is_empty() {
        meta.round = "1".into();
    }
    if !meta.version.is_empty() && meta.version != fw.version {
        let v = &fields["version"];
        diags.push(Diagnostic::warning_msg(
            Code::W032,
            Location::cell(file, about_name, v.row, v.col),
            Msg::new("diag.w032")
                .arg("old", meta.version.as_str())
                .arg("framework", fw.id.as_str())
                .arg("version", fw.version.as_str()),
        ));
    }
    read_context(
        file,
        about_name,
        fw,
        &about.others,
        &mut meta,
        &mut diags,
        about_sheet.is_some(),
    );

    let sheet = of_kind(Kind::Assessment)
        .next()
        .expect("caller checked the Assessment sheet");
    diags.extend(sheet_notes(
        Site {
            file,
            sheet: Some(&sheet.name),
        },
        sheet,
        limit,
    ));
    let mut unknown_ids = Vec::new();
    let checker = Checker {
        fw,
        matcher,
        site: Site {
            file,
            sheet: Some(&sheet.name),
        },
        context: &meta.context,
    };
    let (answers, header_found) =
        read_assessment(&checker, sheet, &meta, &mut diags, &mut unknown_ids);
    if header_found
        && let Some(d) = none_answered(
            &answers,
            &meta.contributor,
            Location::sheet(file, &sheet.name),
            Msg::new("diag.word.the_workbook"),
        )
    {
        diags.push(d);
    }
    diags.sort_by_key(|d| location_key(&d.location));
    Ok(Assessment {
        source: file.to_string(),
        source_sha256: sha.to_string(),
        format: book.format.to_string(),
        framework: fw.id.clone(),
        version: fw.version.clone(),
        meta,
        answers,
        diagnostics: diags,
        unknown_ids,
    })
}

fn read_context(
    file: &str,
    sheet: &str,
    fw: &Framework,
    others: &[(String, AboutValue)],
    meta: &mut Meta,
    diags: &mut Vec<Diagnostic>,
    have_about: bool,
) {
    for q in &fw.context {
        let found = others.iter().find(|(k, _)| {
            let f = fold(k);
            f == fold(&q.id) || q.question.values().any(|t| fold(t) == f)
        });
        let Some((_, v)) = found else {
            let needed = q
                .applies_if
                .as_ref()
                .is_none_or(|c| c.holds(&meta.context).unwrap_or(true));
            if have_about && needed {
                let ind = fw
                    .indicators
                    .iter()
                    .filter(|i| {
                        i.applies_if
                            .as_ref()
                            .is_some_and(|c| c.tests().iter().any(|t| t.question == q.id))
                    })
                    .count();
                // Answer options offered only under some answers (e.g. SDG 10.7.2's
                // "Partially" under the self-assessment coding) are all offered.
                let options = fw
                    .scales
                    .iter()
                    .flat_map(|s| &s.options)
                    .filter(|o| {
                        o.applies_if
                            .as_ref()
                            .is_some_and(|c| c.tests().iter().any(|t| t.question == q.id))
                    })
                    .count();
                let msg = if ind == 0 && options > 0 {
                    Msg::new("diag.w027_options")
                } else {
                    Msg::new("diag.w027_indicators").arg("n", ind)
                };
                diags.push(Diagnostic::warning_msg(
                    Code::W027,
                    Location::sheet(file, sheet),
                    msg.arg("question", q.id.as_str()).arg(
                        "codes",
                        q.options
                            .iter()
                            .map(|o| o.code.as_str())
                            .collect::<Vec<_>>()
                            .join(", "),
                    ),
                ));
            }
            continue;
        };
        let at = Location::cell(file, sheet, v.row, v.col);
        context_answer(fw, q, &v.value.display(), at, &mut meta.context, diags);
    }
}

/// Where the columns are, found by header.
struct Header {
    row: u32,
    cols: HashMap<Column, u32>,
    /// Columns whose header repeats an earlier column's: (column, which).
    repeats: Vec<(u32, Column)>,
    /// Columns with a header cell of any text.
    headed: HashSet<u32>,
}

fn find_header(grid: &Grid) -> Option<Header> {
    for (&row, cells) in grid.rows.range(..40) {
        let mut cols = HashMap::new();
        let mut repeats = Vec::new();
        let mut headed = HashSet::new();
        for (c, v) in cells {
            if !v.display().trim().is_empty() {
                headed.insert(*c);
            }
            if let Value::Text(t) = v
                && let Some(col) = Column::recognise(t)
            {
                match cols.entry(col) {
                    std::collections::hash_map::Entry::Occupied(_) => repeats.push((*c, col)),
                    std::collections::hash_map::Entry::Vacant(v) => {
                        v.insert(*c);
                    }
                }
            }
        }
        if cols.contains_key(&Column::Id) && cols.contains_key(&Column::Answer) {
            return Some(Header {
                row,
                cols,
                repeats,
                headed,
            });
        }
    }
    None
}

/// Reads the `Assessment` sheet; the flag says whether its header row was found.
fn read_assessment(
    checker: &Checker<'_>,
    grid: &Grid,
    meta: &Meta,
    diags: &mut Vec<Diagnostic>,
    unknown_ids: &mut Vec<String>,
) -> (Vec<Answer>, bool) {
    let fw = checker.fw;
    let file = checker.site.file;
    let sheet = grid.name.as_str();
    let Some(header) = find_header(grid) else {
        diags.push(Diagnostic::error_msg(
            Code::W005,
            Location::sheet(file, sheet),
            Msg::new("diag.w005"),
        ));
        return (Vec::new(), false);
    };
    let col = |c: Column| header.cols.get(&c).copied();
    for c in [Column::Evidence, Column::Comment] {
        if col(c).is_none() {
            diags.push(Diagnostic::warning_msg(
                Code::W006,
                Location::sheet(file, sheet),
                Msg::new("diag.w006").arg("column", Arg::Message(c.key(), Vec::new())),
            ));
        }
    }
    merged_warnings(file, grid, &header, diags);
    let uncached: HashSet<(u32, u32)> = grid.uncached.iter().copied().collect();
    let kinds = &checker.matcher.rows;
    let content = [
        Column::Answer,
        Column::Evidence,
        Column::Comment,
        Column::Responsible,
        Column::Source,
    ];
    let id_col = col(Column::Id).expect("header has an id column");
    let answer_col = col(Column::Answer).expect("header has an answer column");
    let mut answers: Vec<Answer> = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    // Values in columns the header does not name, and in repeated columns.
    let mut unheaded: BTreeMap<u32, Vec<(u32, String)>> = BTreeMap::new();
    let mut repeated: BTreeMap<u32, Vec<(u32, String)>> = BTreeMap::new();
    let repeat_cols: HashMap<u32, Column> = header.repeats.iter().copied().collect();
    // What each column of the header row is, by index (columns past it have no header).
    const HEADED: u8 = 0;
    const UNHEADED: u8 = 1;
    const REPEATED: u8 = 2;
    let width = header
        .headed
        .iter()
        .max()
        .map(|c| *c as usize + 1)
        .unwrap_or(0);
    let mut column_kind = vec![UNHEADED; width];
    for c in &header.headed {
        column_kind[*c as usize] = HEADED;
    }
    for (c, _) in &header.repeats {
        column_kind[*c as usize] = REPEATED;
    }
    for (&row, cells) in grid.rows.range(header.row + 1..) {
        let get = |c: Option<u32>| {
            c.and_then(|c| {
                cells
                    .binary_search_by_key(&c, |(k, _)| *k)
                    .ok()
                    .map(|i| &cells[i].1)
            })
        };
        for (c, v) in cells {
            // Cells are non-empty (blank text is not kept); only the rare cells of a
            // repeated or unheaded column are looked at further.
            match column_kind.get(*c as usize).copied().unwrap_or(UNHEADED) {
                HEADED => {}
                REPEATED => repeated.entry(*c).or_default().push((row, v.display())),
                _ if !v.is_blank() => unheaded.entry(*c).or_default().push((row, v.display())),
                _ => {}
            }
        }
        let filled: Vec<(u32, String)> = content
            .iter()
            .filter_map(|&c| col(c).and_then(|k| get(Some(k)).map(|v| (k, v.display()))))
            .collect();
        let id = get(Some(id_col))
            .map(|v| v.display().trim().to_string())
            .unwrap_or_default();
        let describe = |filled: &[(u32, String)]| {
            filled
                .iter()
                .map(|(k, v)| format!("{}=\"{}\"", a1(row, *k), v))
                .collect::<Vec<_>>()
                .join(", ")
        };
        if id.is_empty() {
            if !filled.is_empty() {
                diags.push(Diagnostic::warning_msg(
                    Code::W014,
                    Location::cell(file, sheet, row, id_col),
                    Msg::new("diag.w014")
                        .arg("row", (row + 1).to_string())
                        .arg("content", describe(&filled))
                        .arg("column", column_letter(id_col)),
                ));
            }
            continue;
        }
        let kind = match kinds.get(id.as_str()) {
            None => {
                unknown_ids.push(id.clone());
                let msg = if filled.is_empty() {
                    Msg::new("diag.w010")
                } else {
                    Msg::new("diag.w010_content").arg("content", describe(&filled))
                };
                diags.push(Diagnostic::warning_msg(
                    Code::W010,
                    Location::cell(file, sheet, row, id_col),
                    msg.arg("id", id.as_str())
                        .arg("framework", fw.id.as_str())
                        .arg("version", fw.version.as_str()),
                ));
                continue;
            }
            Some(RowKind::Group) => {
                if !filled.is_empty() {
                    diags.push(Diagnostic::warning_msg(
                        Code::W013,
                        Location::cell(file, sheet, row, id_col),
                        Msg::new("diag.w013")
                            .arg("id", id.as_str())
                            .arg("content", describe(&filled)),
                    ));
                }
                continue;
            }
            Some(k) => *k,
        };
        let cell = |c: u32| Cell {
            value: get(Some(c)),
            place: Place { row, col: c },
            uncached: !uncached.is_empty() && uncached.contains(&(row, c)),
        };
        let text_cell = |c: Column| col(c).map(cell);
        let mut found = Vec::new();
        let answer = checker.row(
            &Row {
                id: &id,
                kind,
                answer: cell(answer_col),
                evidence: text_cell(Column::Evidence),
                comment: text_cell(Column::Comment),
                responsible: text_cell(Column::Responsible),
                source: text_cell(Column::Source),
            },
            &mut found,
        );
        if let Some(&first) = seen.get(&id) {
            let a = &answers[first];
            let same = a.given.trim() == answer.given.trim()
                && a.evidence == answer.evidence
                && a.comment == answer.comment
                && a.responsible == answer.responsible;
            let msg = if filled.is_empty() {
                Msg::new("diag.w011")
            } else {
                Msg::new("diag.w011_content").arg("content", describe(&filled))
            }
            .arg("id", id.as_str())
            .arg("first", a.location.cell.clone().unwrap_or_default());
            let location = answer.location;
            diags.push(if same {
                Diagnostic::warning_msg(Code::W011, location, msg)
            } else {
                Diagnostic::error_msg(Code::W011, location, msg)
            });
            continue;
        }
        diags.extend(found);
        seen.insert(id, answers.len());
        answers.push(answer);
    }
    let cells_text = |list: &[(u32, String)], c: u32| {
        list.iter()
            .map(|(r, v)| format!("{}=\"{}\"", a1(*r, c), v.trim()))
            .collect::<Vec<_>>()
            .join(", ")
    };
    for (c, list) in &repeated {
        let which = repeat_cols[c];
        let first = header.cols[&which];
        diags.push(Diagnostic::error_msg(
            Code::W047,
            Location::cell(file, sheet, header.row, *c),
            Msg::new("diag.w047")
                .arg("column", column_letter(*c))
                .arg("header", Arg::Message(which.key(), Vec::new()))
                .arg("first", column_letter(first))
                .arg("n", list.len())
                .arg("values", cells_text(list, *c)),
        ));
    }
    for (c, _) in header
        .repeats
        .iter()
        .filter(|(c, _)| !repeated.contains_key(c))
    {
        let which = repeat_cols[c];
        diags.push(Diagnostic::warning_msg(
            Code::W047,
            Location::cell(file, sheet, header.row, *c),
            Msg::new("diag.w047_empty")
                .arg("column", column_letter(*c))
                .arg("header", Arg::Message(which.key(), Vec::new()))
                .arg("first", column_letter(header.cols[&which])),
        ));
    }
    for (c, list) in &unheaded {
        let (r0, _) = list[0];
        diags.push(Diagnostic::warning_msg(
            Code::W048,
            Location::cell(file, sheet, r0, *c),
            Msg::new("diag.w048")
                .arg("column", column_letter(*c))
                .arg("row", (header.row + 1).to_string())
                .arg("n", list.len())
                .arg("values", cells_text(list, *c))
                .arg("answer", column_letter(answer_col)),
        ));
    }
    // Rows the user deleted (or indicators added since the workbook was made).
    let newer = !meta.version.is_empty() && meta.version != fw.version;
    // A part has rows for its own indicators only.
    let in_scope = |i: usize| meta.scope.is_empty() || meta.scope.contains(&fw.indicators[i].id);
    for i in fw
        .indicators_in_tree_order()
        .into_iter()
        .filter(|&i| in_scope(i))
    {
        for (id, _) in answer_rows(fw, i) {
            if !seen.contains_key(id) {
                let msg = if newer {
                    Msg::new("diag.w012_version").arg("version", meta.version.as_str())
                } else {
                    Msg::new("diag.w012")
                };
                diags.push(Diagnostic::warning_msg(
                    Code::W012,
                    Location::sheet(file, sheet),
                    msg.arg("id", id),
                ));
            }
        }
    }
    (answers, true)
}

/// The letters of a column (`A`, `AB`).
/// A column of the template, as named inside a message.
fn cell_name(c: Column) -> Arg {
    let key = match c {
        Column::Answer => "diag.column.answer",
        Column::Comment => "diag.column.comment",
        _ => "diag.column.evidence",
    };
    Arg::Message(key, Vec::new())
}

/// Sort key: sheet-less first, then by sheet, row, column.
fn location_key(l: &Location) -> (u8, String, u32, u32) {
    match (&l.sheet, &l.cell) {
        (Some(s), Some(c)) => {
            let (col, row) = split_a1(c);
            (1, s.clone(), row, col)
        }
        (Some(s), None) => (1, s.clone(), u32::MAX, 0),
        _ => (0, String::new(), 0, 0),
    }
}

fn split_a1(c: &str) -> (u32, u32) {
    let letters: String = c.chars().take_while(|c| c.is_ascii_alphabetic()).collect();
    let row: u32 = c[letters.len()..].parse().unwrap_or(0);
    let col = letters.bytes().fold(0u32, |acc, b| {
        acc.saturating_mul(26).saturating_add((b - b'A' + 1) as u32)
    });
    (col, row)
}

fn merged_warnings(file: &str, grid: &Grid, header: &Header, diags: &mut Vec<Diagnostic>) {
    for m in &grid.merges {
        if m.last_row == m.first_row || m.last_row <= header.row {
            continue;
        }
        for c in [Column::Answer, Column::Evidence, Column::Comment] {
            if let Some(&k) = header.cols.get(&c)
                && m.first_col <= k
                && k <= m.last_col
            {
                diags.push(Diagnostic::warning_msg(
                    Code::W026,
                    Location::cell(file, &grid.name, m.first_row, m.first_col),
                    Msg::new("diag.w026")
                        .arg("first", a1(m.first_row, m.first_col))
                        .arg("last", a1(m.last_row, m.last_col))
                        .arg("column", cell_name(c))
                        .arg("from", (m.first_row + 1).to_string())
                        .arg("to", (m.last_row + 1).to_string()),
                ));
            }
        }
    }
}
