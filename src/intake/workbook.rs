//! Reading a self-assessment workbook: the `About` sheet, then the `Assessment` sheet,
//! with every cell of the answer, evidence and comment columns accounted for.

use super::answer::{Reading, RowKind};
use super::grid::{Book, Grid, Value};
use super::{Answer, Assessment, IntakeError, Meta, Reader};
use crate::diag::Code;
use crate::diag::{Diagnostic, Location, Msg, a1};
use crate::i18n::{Arg, fold};
use crate::layout::{
    ABOUT_FIELDS, Column, SHEET_ABOUT, SHEET_ASSESSMENT, is_sheet, recognise_about,
};
use crate::rules::{Evidence, Framework};
use std::collections::{BTreeMap, HashMap};

/// A value of the `About` sheet with its place.
struct AboutValue {
    value: Value,
    row: u32,
    col: u32,
}

/// Reads the `About` sheet: known fields by key (first column) or by label (any tool
/// language), and other rows as possible context questions.
fn read_about(
    grid: &Grid,
) -> (
    BTreeMap<&'static str, AboutValue>,
    Vec<(String, AboutValue)>,
) {
    let mut fields = BTreeMap::new();
    let mut others = Vec::new();
    for (&row, cells) in &grid.rows {
        let text = |c: u32| {
            cells
                .iter()
                .find(|(k, _)| *k == c)
                .map(|(_, v)| v.display())
                .unwrap_or_default()
        };
        let value = |c: u32| cells.iter().find(|(k, _)| *k == c).map(|(_, v)| v.clone());
        // Layout of the template: key | label | value | help. Users may have dropped
        // the key column (label | value).
        let (field, vcol) =
            if let Some(f) = recognise_about(&text(0)).filter(|f| f.key == text(0).trim()) {
                (Some(f), 2)
            } else if let Some(f) = recognise_about(&text(1)) {
                (Some(f), 2)
            } else if let Some(f) = recognise_about(&text(0)) {
                (Some(f), 1)
            } else {
                (None, 2)
            };
        match field {
            Some(f) => {
                if let Some(v) = value(vcol).filter(|v| !v.is_blank()) {
                    fields.entry(f.key).or_insert(AboutValue {
                        value: v,
                        row,
                        col: vcol,
                    });
                }
            }
            None => {
                let key = text(0);
                let label = text(1);
                if let Some(v) = value(2).filter(|v| !v.is_blank()) {
                    others.push((
                        if key.trim().is_empty() { label } else { key },
                        AboutValue {
                            value: v,
                            row,
                            col: 2,
                        },
                    ));
                    // The label too, so a context question found by its text resolves.
                    if !text(1).is_empty() && !text(0).is_empty() {
                        others.push((
                            text(1),
                            AboutValue {
                                value: value(2).expect("checked"),
                                row,
                                col: 2,
                            },
                        ));
                    }
                }
            }
        }
    }
    (fields, others)
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
    let about_sheet = book.sheets.iter().find(|s| is_sheet(&s.name, SHEET_ABOUT));
    let (fields, others) = match about_sheet {
        Some(g) => read_about(g),
        None => {
            diags.push(Diagnostic::error_msg(
                Code::W001,
                Location::file(file),
                Msg::new("diag.w001"),
            ));
            (BTreeMap::new(), Vec::new())
        }
    };
    let about_name = about_sheet.map(|s| s.name.as_str()).unwrap_or(SHEET_ABOUT);
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
        ..Default::default()
    };
    for g in ["region", "income_group"] {
        let v = text_of(g);
        if !v.is_empty() {
            meta.groups.insert(g.to_string(), v);
        }
    }
    if about_sheet.is_some() {
        check_meta(file, about_name, &fields, &mut meta, &mut diags);
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
        &others,
        &mut meta,
        &mut diags,
        about_sheet.is_some(),
    );

    let sheet = book
        .sheets
        .iter()
        .find(|s| is_sheet(&s.name, SHEET_ASSESSMENT))
        .expect("caller checked the Assessment sheet");
    let mut unknown_ids = Vec::new();
    let answers = read_assessment(
        file,
        sheet,
        fw,
        matcher,
        &meta,
        &mut diags,
        &mut unknown_ids,
    );
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

fn check_meta(
    file: &str,
    sheet: &str,
    fields: &BTreeMap<&'static str, AboutValue>,
    meta: &mut Meta,
    diags: &mut Vec<Diagnostic>,
) {
    // The field's label, in the language the message is read in.
    let label = |key: &str| -> Arg {
        match ABOUT_FIELDS.iter().find(|f| f.key == key) {
            Some(f) => super::answer::local(|l| f.label(l).to_string()),
            None => Arg::Text(key.to_string()),
        }
    };
    let loc = |key: &str| match fields.get(key) {
        Some(v) => Location::cell(file, sheet, v.row, v.col),
        None => Location::sheet(file, sheet),
    };
    if meta.unit_code.is_empty() {
        diags.push(Diagnostic::error_msg(
            Code::W002,
            loc("unit_code"),
            Msg::new("diag.w002_unit").arg("field", label("unit_code")),
        ));
    } else if (meta.unit_level.is_empty() || is_country_level(&meta.unit_level))
        && !(meta.unit_code.len() == 3 && meta.unit_code.chars().all(|c| c.is_ascii_uppercase()))
    {
        diags.push(Diagnostic::warning_msg(
            Code::W003,
            loc("unit_code"),
            Msg::new("diag.w003").arg("code", meta.unit_code.as_str()),
        ));
    }
    if meta.period.is_empty() {
        diags.push(Diagnostic::error_msg(
            Code::W002,
            loc("period"),
            Msg::new("diag.w002_period").arg("field", label("period")),
        ));
    } else if !is_period(&meta.period) {
        diags.push(Diagnostic::warning_msg(
            Code::W004,
            loc("period"),
            Msg::new("diag.w004").arg("period", meta.period.as_str()),
        ));
    }
    if meta.round.is_empty() {
        meta.round = "1".into();
        diags.push(Diagnostic::warning_msg(
            Code::W002,
            loc("round"),
            Msg::new("diag.w002_round").arg("field", label("round")),
        ));
    }
}

fn is_period(p: &str) -> bool {
    let year = |s: &str| s.len() == 4 && s.chars().all(|c| c.is_ascii_digit());
    year(p)
        || p.split(['/', '-'])
            .collect::<Vec<_>>()
            .as_slice()
            .iter()
            .all(|s| year(s.trim()))
            && p.split(['/', '-']).count() == 2
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
        let given = v.value.display();
        let f = fold(&given);
        let hit = q.options.iter().find(|o| {
            fold(&o.code) == f
                || o.label.values().any(|l| fold(l) == f)
                || o.aliases.iter().any(|a| fold(a) == f)
        });
        match hit {
            Some(o) => {
                meta.context.insert(q.id.clone(), o.code.clone());
            }
            None => diags.push(Diagnostic::error_msg(
                Code::W028,
                Location::cell(file, sheet, v.row, v.col),
                Msg::new("diag.w028")
                    .arg("given", given.as_str())
                    .arg("question", q.id.as_str())
                    .arg(
                        "options",
                        super::answer::local(|l| {
                            q.options
                                .iter()
                                .map(|o| fw.text(&o.label, l))
                                .collect::<Vec<_>>()
                                .join(", ")
                        }),
                    ),
            )),
        }
    }
}

/// Where the columns are, found by header.
struct Header {
    row: u32,
    cols: HashMap<Column, u32>,
}

fn find_header(grid: &Grid) -> Option<Header> {
    for (&row, cells) in grid.rows.range(..40) {
        let mut cols = HashMap::new();
        for (c, v) in cells {
            if let Value::Text(t) = v
                && let Some(col) = Column::recognise(t)
            {
                cols.entry(col).or_insert(*c);
            }
        }
        if cols.contains_key(&Column::Id) && cols.contains_key(&Column::Answer) {
            return Some(Header { row, cols });
        }
    }
    None
}

fn read_assessment(
    file: &str,
    grid: &Grid,
    fw: &Framework,
    matcher: &super::Matcher,
    meta: &Meta,
    diags: &mut Vec<Diagnostic>,
    unknown_ids: &mut Vec<String>,
) -> Vec<Answer> {
    let sheet = grid.name.as_str();
    let Some(header) = find_header(grid) else {
        diags.push(Diagnostic::error_msg(
            Code::W005,
            Location::sheet(file, sheet),
            Msg::new("diag.w005"),
        ));
        return Vec::new();
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
    let kinds = &matcher.rows;
    let content = [Column::Answer, Column::Evidence, Column::Comment];
    let mut answers: Vec<Answer> = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    let id_col = col(Column::Id).expect("header has an id column");
    for (&row, cells) in grid.rows.range(header.row + 1..) {
        let get = |c: Option<u32>| {
            c.and_then(|c| {
                cells
                    .binary_search_by_key(&c, |(k, _)| *k)
                    .ok()
                    .map(|i| &cells[i].1)
            })
        };
        // Text columns: an error value is reported (W023) and read as empty.
        let text = |c: Column| {
            get(col(c))
                .filter(|v| !matches!(v, Value::Error(_)))
                .map(|v| v.display().trim().to_string())
                .unwrap_or_default()
        };
        let filled: Vec<(Column, u32, String)> = content
            .iter()
            .filter_map(|&c| col(c).and_then(|k| get(Some(k)).map(|v| (c, k, v.display()))))
            .collect();
        let id = get(Some(id_col))
            .map(|v| v.display().trim().to_string())
            .unwrap_or_default();
        let describe = |filled: &[(Column, u32, String)]| {
            filled
                .iter()
                .map(|(_, k, v)| format!("{}=\"{}\"", a1(row, *k), v))
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
                        .arg("column", a1(0, id_col).trim_end_matches('1')),
                ));
            }
            continue;
        }
        let kind = kinds.get(id.as_str());
        match kind {
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
            Some(_) => {}
        }
        let answer_col = col(Column::Answer).expect("header has an answer column");
        let location = Location::cell(file, sheet, row, answer_col);
        let given = get(Some(answer_col))
            .map(|v| v.display())
            .unwrap_or_default();
        let (mut reading, problem) = match kind {
            Some(RowKind::Indicator(i)) => {
                matcher.read(fw, Some(fw.indicators[*i].scale), get(Some(answer_col)))
            }
            Some(RowKind::Criterion(..)) => matcher.read(fw, None, get(Some(answer_col))),
            Some(RowKind::Cumulative) => {
                if !given.trim().is_empty() {
                    diags.push(Diagnostic::warning_msg(
                        Code::W041,
                        location.clone(),
                        Msg::new("diag.w041")
                            .arg("given", given.as_str())
                            .arg("id", id.as_str()),
                    ));
                }
                (Reading::Blank, None)
            }
            _ => unreachable!("groups and unknown ids handled above"),
        };
        let not_offered = match kind {
            Some(RowKind::Indicator(i)) => super::answer::check_offered(
                fw,
                Some(fw.indicators[*i].scale),
                &mut reading,
                &given,
                &meta.context,
                &id,
            ),
            _ => None,
        };
        let answer = Answer {
            id: id.clone(),
            given: given.clone(),
            reading,
            evidence: text(Column::Evidence),
            comment: text(Column::Comment),
            responsible: text(Column::Responsible),
            location: location.clone(),
        };
        if let Some(&first) = seen.get(&id) {
            let a = &answers[first];
            let same = a.given.trim() == answer.given.trim()
                && a.evidence == answer.evidence
                && a.comment == answer.comment;
            let msg = if filled.is_empty() {
                Msg::new("diag.w011")
            } else {
                Msg::new("diag.w011_content").arg("content", describe(&filled))
            }
            .arg("id", id.as_str())
            .arg("first", a.location.cell.clone().unwrap_or_default());
            diags.push(if same {
                Diagnostic::warning_msg(Code::W011, location, msg)
            } else {
                Diagnostic::error_msg(Code::W011, location, msg)
            });
            continue;
        }
        // Problems with the answer itself.
        if let Some(p) = problem {
            let scale = match kind {
                Some(RowKind::Indicator(i)) => Some(fw.indicators[*i].scale),
                _ => None,
            };
            diags.push(Diagnostic::error_msg(
                Code::W020,
                location.clone(),
                Msg::new("diag.w020")
                    .arg("problem", p)
                    .arg("expected", matcher.expected(scale).clone()),
            ));
        }
        if let Some(m) = not_offered {
            diags.push(Diagnostic::error_msg(Code::W029, location.clone(), m));
        }
        for (c, k, v) in &filled {
            if *c != Column::Answer
                && v.starts_with('#')
                && get(Some(*k)).is_some_and(|x| matches!(x, Value::Error(_)))
            {
                diags.push(Diagnostic::warning_msg(
                    Code::W023,
                    Location::cell(file, sheet, row, *k),
                    Msg::new("diag.w023")
                        .arg("column", cell_name(*c))
                        .arg("value", v.as_str()),
                ));
            }
        }
        let ind = match kind {
            Some(RowKind::Indicator(i)) | Some(RowKind::Criterion(i)) => Some(*i),
            _ => None,
        };
        if let Some(i) = ind {
            if reading == Reading::NotApplicable
                && fw.special.na_requires_justification
                && answer.comment.is_empty()
            {
                diags.push(Diagnostic::error_msg(
                    Code::W021,
                    location.clone(),
                    Msg::new("diag.w021").arg("id", id.as_str()),
                ));
            }
            let positive = match reading {
                Reading::Option(o) => match kind {
                    Some(RowKind::Criterion(..)) => {
                        matcher.criterion_scale().options[o].score > 0.0
                    }
                    _ => fw.scales[fw.indicators[i].scale].options[o].score > 0.0,
                },
                Reading::Number(_) => true,
                _ => false,
            };
            if positive
                && fw.indicators[i].evidence == Evidence::Expected
                && answer.evidence.is_empty()
            {
                diags.push(Diagnostic::warning_msg(
                    Code::W022,
                    location.clone(),
                    Msg::new("diag.w022")
                        .arg("id", id.as_str())
                        .arg("given", given.trim()),
                ));
            }
            if reading.is_answer() && !fw.applies(i, &meta.context) {
                diags.push(Diagnostic::warning_msg(
                    Code::W025,
                    location.clone(),
                    Msg::new("diag.w025")
                        .arg("id", id.as_str())
                        .arg("context", context_text(meta))
                        .arg("given", given.trim()),
                ));
            }
        }
        seen.insert(id, answers.len());
        answers.push(answer);
    }
    // Rows the user deleted (or indicators added since the workbook was made).
    let newer = !meta.version.is_empty() && meta.version != fw.version;
    for i in fw.indicators_in_tree_order() {
        let ind = &fw.indicators[i];
        let ids: Vec<&str> = if fw.scales[ind.scale].cumulative {
            ind.criteria.iter().map(|c| c.id.as_str()).collect()
        } else {
            vec![ind.id.as_str()]
        };
        for id in ids {
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
    diags.sort_by_key(|d| location_key(&d.location));
    answers
}

/// A column of the Assessment sheet as messages name its cells ("the evidence or source
/// cell"), in every language.
fn cell_name(c: Column) -> Arg {
    let key = match c {
        Column::Answer => "diag.column.answer",
        Column::Comment => "diag.column.comment",
        _ => "diag.column.evidence",
    };
    Arg::Message(key, Vec::new())
}

fn context_text(meta: &Meta) -> String {
    meta.context
        .iter()
        .map(|(k, v)| format!("{k} = {v}"))
        .collect::<Vec<_>>()
        .join(", ")
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
    let col = letters
        .bytes()
        .fold(0u32, |acc, b| acc * 26 + (b - b'A' + 1) as u32);
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

/// True when a unit level names a country in one of the tool's languages (the template
/// offers `template.level.country`; "pais" is Spanish typed without its accent).
fn is_country_level(level: &str) -> bool {
    let f = fold(level);
    f == "country"
        || f == "pais"
        || crate::i18n::catalogue::LANGUAGES
            .iter()
            .any(|l| fold(crate::i18n::msg(l, "template.level.country")) == f)
}
