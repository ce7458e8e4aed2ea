//! Reading a table of many units: one row per unit and period, one column per indicator
//! id, plus unit, period and other metadata columns (csv, or a sheet of a workbook).
//! Rows are read and checked one at a time, so a table of a hundred thousand rows
//! never holds more than one row's values at once; every value is either used or named
//! in a diagnostic with its line and column (or cell).

use super::about::{self, Field, Fields};
use super::answer::RowKind;
use super::columns::{Layout, Role, UNIT_HEADERS, guess_framework};
use super::delimited::{self, Records};
use super::grid::{Book, Grid, Value, clip};
use super::rows::{Cell, Checker, Place, Row, Site, answer_rows, context_answer, none_answered};
use super::text::{Encoding, decode};
use super::{Assessment, IntakeError, Meta, Reader};
use crate::diag::{Code, Diagnostic, Location, Msg};
use crate::i18n::Arg;
use crate::i18n::fold;
use crate::rules::Framework;
use std::collections::{BTreeMap, HashSet};

/// One row of a table: its cells (value and place), and values beyond the last header.
struct TableRow {
    /// `line 3` or `Sheet1 row 3`: how the row is named in its assessment's source.
    label: String,
    /// The same, in a message.
    what: Msg,
    cells: Vec<(Option<Value>, Place, bool)>,
    first: Place,
}

/// Reads the rows of one table.
struct TableReader<'r, 'a> {
    reader: &'r Reader<'a>,
    file: &'r str,
    sha: &'r str,
    format: &'r str,
    sheet: Option<&'r str>,
    headers: Vec<String>,
    header_places: Vec<Place>,
    framework: Option<String>,
    layouts: BTreeMap<String, Layout>,
    /// Diagnostics about the table as a whole, given to its first assessment.
    table_diags: Vec<Diagnostic>,
    /// Frameworks whose header checks are reported.
    reported: HashSet<String>,
    count: usize,
    cells: usize,
}

impl<'r, 'a> TableReader<'r, 'a> {
    fn site(&self) -> Site<'_> {
        Site {
            file: self.file,
            sheet: self.sheet,
        }
    }

    fn framework_column(&self) -> Option<usize> {
        self.headers
            .iter()
            .position(|h| ["framework", "cadre", "marco"].contains(&fold(h).as_str()))
    }

    /// A cell's name within its row: `column 5` in a csv table, `E3` on a sheet.
    fn cell_name(&self, p: Place) -> Arg {
        match self.sheet {
            Some(_) => Arg::Text(crate::diag::a1(p.row, p.col)),
            None => Msg::new("diag.word.column_n")
                .arg("n", p.col.to_string())
                .into(),
        }
    }

    /// The header's name for messages: `column "year"`.
    fn column_name(&self, c: usize) -> Arg {
        Msg::new("diag.word.column_named")
            .arg("name", self.headers[c].trim())
            .into()
    }

    fn row(&mut self, row: TableRow, each: &mut dyn FnMut(Assessment)) -> Result<(), IntakeError> {
        let site = Site {
            file: self.file,
            sheet: self.sheet,
        };
        let value = |c: usize| row.cells.get(c).and_then(|x| x.0.as_ref());
        let text = |c: usize| {
            value(c)
                .map(|v| v.display().trim().to_string())
                .unwrap_or_default()
        };
        let fw_col = self.framework_column();
        let written = fw_col.map(text).filter(|t| !t.is_empty());
        let asked = self.framework.clone();
        let id = asked.clone().or(written.clone());
        let (fw, matcher) = self.reader.framework(id.as_deref())?;
        if !self.layouts.contains_key(&fw.id) {
            let l = Layout::new(&self.headers, fw);
            if !l.meta.contains_key("unit_code") {
                return Err(IntakeError::NoData);
            }
            self.layouts.insert(fw.id.clone(), l);
        }
        let mut diags = Vec::new();
        if self.reported.insert(fw.id.clone()) {
            self.header_checks(fw, &mut diags);
        }
        let layout = &self.layouts[&fw.id];
        let place_of = |c: usize| row.cells.get(c).map(|x| x.1).unwrap_or(row.first);
        let mut meta = Meta::default();
        for (c, r) in layout.roles.iter().enumerate() {
            let t = text(c);
            match r {
                Role::Meta(key) => {
                    let slot = match *key {
                        "unit_code" => &mut meta.unit_code,
                        "unit_name" => &mut meta.unit_name,
                        "unit_level" => &mut meta.unit_level,
                        "period" => &mut meta.period,
                        "round" => &mut meta.round,
                        "framework" => &mut meta.framework,
                        "version" => &mut meta.version,
                        "language" => &mut meta.language,
                        "agency" => &mut meta.agency,
                        "contact" => &mut meta.contact,
                        "date" => &mut meta.date,
                        "contributor" => &mut meta.contributor,
                        g => {
                            if !t.is_empty() {
                                meta.groups.insert(g.to_string(), t);
                            }
                            continue;
                        }
                    };
                    *slot = t;
                }
                Role::Group(g) if !t.is_empty() => {
                    meta.groups.insert(g.clone(), t);
                }
                Role::Ignored if !t.is_empty() => {
                    diags.push(Diagnostic::warning_msg(
                        Code::T003,
                        site.at(place_of(c)),
                        Msg::new("diag.t003").arg("text", t.as_str()),
                    ));
                }
                Role::Repeat(k) => {
                    let first = text(*k);
                    if !t.is_empty() && t != first {
                        diags.push(Diagnostic::error_msg(
                            Code::T006,
                            site.at(place_of(c)),
                            Msg::new("diag.t006_value")
                                .arg("text", t.as_str())
                                .arg("column", self.column_name(c))
                                .arg("second", self.cell_name(self.header_places[c]))
                                .arg("first_text", first.as_str())
                                .arg("first", self.cell_name(self.header_places[*k])),
                        ));
                    }
                }
                _ => {}
            }
        }
        // Values beyond the last header.
        let extra: Vec<(String, Place)> = row
            .cells
            .iter()
            .skip(self.headers.len())
            .filter_map(|(v, p, _)| v.as_ref().map(|v| (v.display(), *p)))
            .collect();
        if let Some((_, p)) = extra.first() {
            let values: Vec<Arg> = extra
                .iter()
                .map(|(v, p)| {
                    Msg::new("diag.word.cell_value")
                        .arg("cell", self.cell_name(*p))
                        .arg("value", v.as_str())
                        .into()
                })
                .collect();
            diags.push(Diagnostic::warning_msg(
                Code::T003,
                site.at(*p),
                Msg::new("diag.t003_beyond")
                    .arg("row", row.what.clone())
                    .arg("n", extra.len())
                    .arg(
                        "last",
                        self.cell_name(self.header_places.last().copied().unwrap_or(row.first)),
                    )
                    .arg("values", Arg::List(values)),
            ));
        }
        meta.unit_code = meta.unit_code.to_uppercase();
        // The same About checks as a workbook's.
        let field = |key: &str, name: &'static str| {
            let col = layout.meta.get(key).copied();
            Field {
                name: col
                    .map(|c| self.column_name(c))
                    .unwrap_or_else(|| Msg::new(name).into()),
                at: site.at(col.map(place_of).unwrap_or(row.first)),
                present: col.is_some(),
            }
        };
        about::check(
            &mut meta,
            &Fields {
                unit_code: field("unit_code", "diag.word.the_unit_code"),
                period: field("period", "diag.word.the_period"),
                round: field("round", "diag.word.the_round"),
            },
            &mut diags,
        );
        if let (Some(a), Some(w), Some(c)) = (&asked, &written, fw_col)
            && fold(a) != fold(w)
        {
            diags.push(Diagnostic::warning_msg(
                Code::W033,
                site.at(place_of(c)),
                Msg::new("diag.w033_row")
                    .arg("written", w.as_str())
                    .arg("framework", a.as_str()),
            ));
        }
        if !meta.version.is_empty()
            && meta.version != fw.version
            && let Some(&c) = layout.meta.get("version")
        {
            diags.push(Diagnostic::warning_msg(
                Code::W032,
                site.at(place_of(c)),
                Msg::new("diag.w032_row")
                    .arg("old", meta.version.as_str())
                    .arg("framework", fw.id.as_str())
                    .arg("version", fw.version.as_str()),
            ));
        }
        for (c, r) in layout.roles.iter().enumerate() {
            if let Role::Context(q) = r {
                let question = fw.context.iter().find(|x| &x.id == q).expect("context id");
                context_answer(
                    fw,
                    question,
                    &text(c),
                    site.at(place_of(c)),
                    &mut meta.context,
                    &mut diags,
                );
            }
        }
        let checker = Checker {
            fw,
            matcher,
            site,
            context: &meta.context,
        };
        let cell = |c: usize| Cell {
            value: value(c),
            place: place_of(c),
            uncached: row.cells.get(c).is_some_and(|x| x.2),
        };
        let mut answers = Vec::new();
        for i in fw.indicators_in_tree_order() {
            let ind = &fw.indicators[i];
            if fw.scales[ind.scale].cumulative
                && let Some(&c) = layout.answer.get(&ind.id)
            {
                answers.push(checker.row(
                    &Row {
                        id: &ind.id,
                        kind: RowKind::Cumulative,
                        answer: cell(c),
                        evidence: None,
                        comment: None,
                        responsible: None,
                        source: None,
                    },
                    &mut diags,
                ));
            }
            for (id, kind) in answer_rows(fw, i) {
                // Without an answer column, an evidence or comment column of the id still
                // gives an (unanswered) row, so its text is kept.
                let answer = match layout.answer.get(id) {
                    Some(&c) => cell(c),
                    None => match layout.evidence.get(id).or(layout.comment.get(id)) {
                        Some(&k) => Cell {
                            value: None,
                            ..cell(k)
                        },
                        None => continue,
                    },
                };
                answers.push(checker.row(
                    &Row {
                        id,
                        kind,
                        answer,
                        evidence: layout.evidence.get(id).map(|&k| cell(k)),
                        comment: layout.comment.get(id).map(|&k| cell(k)),
                        responsible: None,
                        source: None,
                    },
                    &mut diags,
                ));
            }
        }
        if let Some(d) = none_answered(
            &answers,
            &meta.contributor,
            site.at(row.first),
            row.what.clone(),
        ) {
            diags.push(d);
        }
        if self.count == 0 {
            let mut all = std::mem::take(&mut self.table_diags);
            all.extend(diags);
            diags = all;
        }
        self.count += 1;
        each(Assessment {
            source: format!("{} ({})", self.file, row.label),
            source_sha256: self.sha.to_string(),
            format: self.format.to_string(),
            framework: fw.id.clone(),
            version: fw.version.clone(),
            meta,
            answers,
            diagnostics: diags,
            unknown_ids: Vec::new(),
        });
        Ok(())
    }

    /// Checks of the header row for one framework: grouping columns, repeated headers,
    /// indicators without a column.
    fn header_checks(&self, fw: &Framework, diags: &mut Vec<Diagnostic>) {
        let site = self.site();
        let layout = &self.layouts[&fw.id];
        let first = self
            .header_places
            .first()
            .map(|p| site.at(*p))
            .unwrap_or_else(|| Location::file(self.file));
        let groups: Vec<&str> = layout
            .roles
            .iter()
            .filter_map(|r| match r {
                Role::Group(g) => Some(g.as_str()),
                _ => None,
            })
            .collect();
        if !groups.is_empty() {
            diags.push(Diagnostic::warning_msg(
                Code::T002,
                first.clone(),
                Msg::new("diag.t002")
                    .arg("framework", fw.id.as_str())
                    .arg("columns", groups.join(", ")),
            ));
        }
        for (c, r) in layout.roles.iter().enumerate() {
            if let Role::Repeat(k) = r {
                diags.push(Diagnostic::warning_msg(
                    Code::T006,
                    site.at(self.header_places[c]),
                    Msg::new("diag.t006")
                        .arg("column", self.column_name(c))
                        .arg("second", self.cell_name(self.header_places[c]))
                        .arg("first", self.cell_name(self.header_places[*k])),
                ));
            }
        }
        let mut missing = Vec::new();
        for i in fw.indicators_in_tree_order() {
            for (id, _) in answer_rows(fw, i) {
                if !layout.answer.contains_key(id) {
                    missing.push(id.to_string());
                }
            }
        }
        if !missing.is_empty() {
            diags.push(Diagnostic::warning_msg(
                Code::T001,
                first,
                Msg::new("diag.t001")
                    .arg("missing", missing.len())
                    .arg("count", fw.indicators.len())
                    .arg("framework", fw.id.as_str())
                    .arg("ids", preview(&missing)),
            ));
        }
    }
}

/// Reads a csv (or tab- or semicolon-separated) table.
pub(super) fn read_csv(
    reader: &Reader,
    file: &str,
    sha: &str,
    bytes: &[u8],
    framework: Option<&str>,
    each: &mut dyn FnMut(Assessment),
) -> Result<usize, IntakeError> {
    let decoded = decode(bytes).map_err(|u| IntakeError::Undecodable {
        line: u.line,
        column: u.column,
        detail: u.detail,
    })?;
    let text: &str = &decoded.text;
    let delim = delimited::delimiter(text);
    let mut records = Records::new(text, delim).filter(|r| !r.is_blank() || r.unclosed.is_some());
    let Some(header) = records.next() else {
        return Err(IntakeError::NoData);
    };
    let budgets = reader.budgets;
    let site = Site { file, sheet: None };
    let mut t = TableReader {
        reader,
        file,
        sha,
        format: "csv",
        sheet: None,
        headers: header
            .fields
            .iter()
            .map(|f| f.text.trim().to_string())
            .collect(),
        header_places: header
            .fields
            .iter()
            .map(|f| Place {
                row: f.line as u32,
                col: f.col as u32,
            })
            .collect(),
        framework: framework.map(str::to_string),
        layouts: BTreeMap::new(),
        table_diags: Vec::new(),
        reported: HashSet::new(),
        count: 0,
        cells: 0,
    };
    if framework.is_none() && t.framework_column().is_none() {
        t.framework = guess_framework(reader, &t.headers);
    }
    if decoded.encoding == Encoding::Windows1252 {
        t.table_diags.push(Diagnostic::warning_msg(
            Code::T007,
            Location::file(file),
            Msg::new("diag.t007"),
        ));
    }
    let mut row_diags = Vec::new();
    for rec in std::iter::once(header)
        .chain(&mut records)
        .enumerate()
        .map(|(i, r)| (i == 0, r))
    {
        let (is_header, rec) = rec;
        if let Some(col) = rec.unclosed {
            row_diags.push(Diagnostic::error_msg(
                Code::T004,
                site.at(Place {
                    row: rec.line as u32,
                    col: col as u32,
                }),
                Msg::new("diag.t004").arg("line", rec.line.to_string()),
            ));
        }
        if is_header {
            continue;
        }
        let mut fields = rec.fields;
        let other = [b',', b';', b'\t']
            .into_iter()
            .filter(|d| *d != delim)
            .max_by_key(|d| rec.raw.matches(*d as char).count())
            .unwrap_or(b',');
        if fields.len() == 1 && t.headers.len() > 1 && rec.raw.contains(other as char) {
            let again = delimited::resplit(rec.raw, other, rec.line);
            row_diags.push(Diagnostic::warning_msg(
                Code::T005,
                site.at(Place {
                    row: rec.line as u32,
                    col: 1,
                }),
                Msg::new("diag.t005")
                    .arg("line", rec.line.to_string())
                    .arg("found", show(other))
                    .arg("header", show(delim))
                    .arg("n", again.len()),
            ));
            fields = again;
        }
        t.cells += fields.len();
        if t.cells > budgets.sheet_cells {
            return Err(IntakeError::SheetTooLarge {
                sheet: String::new(),
                detail: format!(
                    "the table holds more than {} values, the budget of one table",
                    super::budget::count(budgets.sheet_cells as u64)
                ),
            });
        }
        let first = Place {
            row: rec.line as u32,
            col: 1,
        };
        let cells = fields
            .into_iter()
            .map(|f| {
                let place = Place {
                    row: f.line as u32,
                    col: f.col as u32,
                };
                let s = f.text.into_owned();
                let v = if s.trim().is_empty() {
                    None
                } else {
                    let (s, clipped) = clip(s, budgets.text_chars);
                    if let Some(len) = clipped {
                        row_diags.push(clipped_diag(site.at(place), len, budgets.text_chars));
                    }
                    Some(Value::Text(s))
                };
                (v, place, false)
            })
            .collect();
        let mut collected: Option<Assessment> = None;
        t.row(
            TableRow {
                label: format!("line {}", rec.line),
                what: Msg::new("diag.word.line").arg("line", rec.line.to_string()),
                cells,
                first,
            },
            &mut |a| collected = Some(a),
        )?;
        if let Some(mut a) = collected {
            if !row_diags.is_empty() {
                row_diags.append(&mut a.diagnostics);
                a.diagnostics = std::mem::take(&mut row_diags);
            }
            each(a);
        }
    }
    if t.count == 0 {
        return Err(IntakeError::NoData);
    }
    Ok(t.count)
}

/// A delimiter as named inside a message (the tab by a word of the language).
fn show(d: u8) -> Arg {
    match d {
        b',' => Arg::Text(",".into()),
        b';' => Arg::Text(";".into()),
        _ => Msg::new("diag.word.tab").into(),
    }
}

/// W051: a text longer than the budget, clipped.
pub(super) fn clipped_diag(at: Location, len: usize, limit: usize) -> Diagnostic {
    Diagnostic::warning_msg(
        Code::W051,
        at,
        Msg::new("diag.w051").arg("len", len).arg("limit", limit),
    )
}

/// Reads the first sheet of a workbook whose first row names a unit column.
pub(super) fn read_sheets(
    reader: &Reader,
    file: &str,
    sha: &str,
    book: &Book,
    framework: Option<&str>,
    each: &mut dyn FnMut(Assessment),
) -> Result<usize, IntakeError> {
    for sheet in &book.sheets {
        let Some((&hrow, hcells)) = sheet.rows.iter().next() else {
            continue;
        };
        let headers_have_unit = hcells
            .iter()
            .any(|(_, v)| UNIT_HEADERS.contains(&fold(&v.display()).as_str()));
        if !headers_have_unit {
            continue;
        }
        return read_grid(reader, file, sha, book.format, sheet, hrow, framework, each);
    }
    Err(IntakeError::NoData)
}

#[allow(clippy::too_many_arguments)]
fn read_grid(
    reader: &Reader,
    file: &str,
    sha: &str,
    format: &str,
    sheet: &Grid,
    hrow: u32,
    framework: Option<&str>,
    each: &mut dyn FnMut(Assessment),
) -> Result<usize, IntakeError> {
    let hcells = &sheet.rows[&hrow];
    let width = hcells.iter().map(|(c, _)| *c + 1).max().unwrap_or(0) as usize;
    let mut headers = vec![String::new(); width];
    for (c, v) in hcells {
        headers[*c as usize] = v.display().trim().to_string();
    }
    let site = Site {
        file,
        sheet: Some(&sheet.name),
    };
    let mut t = TableReader {
        reader,
        file,
        sha,
        format,
        sheet: Some(&sheet.name),
        header_places: (0..width)
            .map(|c| Place {
                row: hrow,
                col: c as u32,
            })
            .collect(),
        headers,
        framework: framework.map(str::to_string),
        layouts: BTreeMap::new(),
        table_diags: sheet_notes(site, sheet, reader.budgets.text_chars),
        reported: HashSet::new(),
        count: 0,
        cells: 0,
    };
    if framework.is_none() && t.framework_column().is_none() {
        t.framework = guess_framework(reader, &t.headers);
    }
    let uncached: HashSet<(u32, u32)> = sheet.uncached.iter().copied().collect();
    for (&r, cells) in sheet.rows.range(hrow + 1..) {
        let span = cells
            .last()
            .map(|(c, _)| *c as usize + 1)
            .unwrap_or(0)
            .max(width);
        let mut row: Vec<(Option<Value>, Place, bool)> = (0..span)
            .map(|c| {
                (
                    None,
                    Place {
                        row: r,
                        col: c as u32,
                    },
                    uncached.contains(&(r, c as u32)),
                )
            })
            .collect();
        for (c, v) in cells {
            row[*c as usize].0 = Some(v.clone());
        }
        t.row(
            TableRow {
                label: format!("{} row {}", sheet.name, r + 1),
                what: Msg::new("diag.word.sheet_row")
                    .arg("sheet", sheet.name.as_str())
                    .arg("row", (r + 1).to_string()),
                cells: row,
                first: Place { row: r, col: 0 },
            },
            each,
        )?;
    }
    if t.count == 0 {
        return Err(IntakeError::NoData);
    }
    Ok(t.count)
}

/// Diagnostics about cells of a sheet that are not plain values: texts clipped to the
/// budget and cells the sheet gives twice.
pub(super) fn sheet_notes(site: Site<'_>, sheet: &Grid, limit: usize) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for &(r, c, len) in &sheet.clipped {
        out.push(clipped_diag(site.at(Place { row: r, col: c }), len, limit));
    }
    for (r, c, v) in &sheet.repeated {
        let first = sheet.get(*r, *c).map(Value::display).unwrap_or_default();
        let same = first == v.display();
        let msg = Msg::new(if same { "diag.w050_same" } else { "diag.w050" })
            .arg("cell", crate::diag::a1(*r, *c))
            .arg("first", first.as_str())
            .arg("second", v.display());
        let at = site.at(Place { row: *r, col: *c });
        out.push(if same {
            Diagnostic::warning_msg(Code::W050, at, msg)
        } else {
            Diagnostic::error_msg(Code::W050, at, msg)
        });
    }
    out
}

fn preview(ids: &[String]) -> String {
    if ids.len() <= 6 {
        ids.join(", ")
    } else {
        format!("{}, ...", ids[..6].join(", "))
    }
}
