//! Reading a table of many units: one row per unit and period, one column per indicator
//! id, plus unit, period and other metadata columns (csv, or a sheet of a workbook).

use super::answer::Reading;
use super::grid::{Book, Value};
use super::{Answer, Assessment, IntakeError, Meta, Reader};
use crate::diag::Code;
use crate::diag::{Diagnostic, Location, Msg};
use crate::i18n::fold;
use crate::layout::recognise_about;
use crate::rules::{Evidence, Framework};
use std::collections::{BTreeMap, HashMap};

/// A table as rows of cells with their places.
struct Table {
    headers: Vec<String>,
    header_loc: Vec<Location>,
    rows: Vec<(String, Vec<Option<Value>>, Vec<Location>)>,
}

/// What a column holds.
#[derive(Debug, Clone, PartialEq)]
enum Role {
    Meta(&'static str),
    Context(String),
    Answer(String),
    Evidence(String),
    Comment(String),
    Group(String),
    Ignored,
}

const UNIT_HEADERS: [&str; 22] = [
    "country",
    "unit",
    "code",
    "iso3",
    "iso",
    "country code",
    "iso code",
    "iso3 code",
    "pays",
    "code pays",
    "pais",
    "codigo",
    "codigo pais",
    "codigo del pais",
    "البلد",
    "رمز البلد",
    "国家",
    "国家代码",
    "代码",
    "страна",
    "код страны",
    "код",
];
const NAME_HEADERS: [&str; 12] = [
    "name",
    "country name",
    "unit name",
    "nom",
    "nom du pays",
    "nombre",
    "الاسم",
    "اسم البلد",
    "名称",
    "国家名称",
    "название",
    "название страны",
];
const PERIOD_HEADERS: [&str; 15] = [
    "year",
    "period",
    "annee",
    "ano",
    "periode",
    "periodo",
    "anio",
    "date of data",
    "السنة",
    "الفترة",
    "年份",
    "年度",
    "期间",
    "год",
    "период",
];

fn role(header: &str, fw: &Framework, ids: &HashMap<String, String>) -> Role {
    let f = fold(header);
    if f.is_empty() {
        return Role::Ignored;
    }
    if UNIT_HEADERS.contains(&f.as_str()) {
        return Role::Meta("unit_code");
    }
    if NAME_HEADERS.contains(&f.as_str()) {
        return Role::Meta("unit_name");
    }
    if PERIOD_HEADERS.contains(&f.as_str()) {
        return Role::Meta("period");
    }
    if let Some(a) = recognise_about(header) {
        return Role::Meta(a.key);
    }
    if let Some(id) = ids.get(&f) {
        return Role::Answer(id.clone());
    }
    for (sep, tail) in [
        (":", "evidence"),
        (" ", "evidence"),
        ("_", "evidence"),
        (":", "source"),
        (" ", "source"),
    ] {
        if let Some(stem) = f.strip_suffix(&format!("{sep}{tail}"))
            && let Some(id) = ids.get(stem.trim())
        {
            return Role::Evidence(id.clone());
        }
    }
    for (sep, tail) in [(":", "comment"), (" ", "comment"), ("_", "comment")] {
        if let Some(stem) = f.strip_suffix(&format!("{sep}{tail}"))
            && let Some(id) = ids.get(stem.trim())
        {
            return Role::Comment(id.clone());
        }
    }
    if let Some(q) = fw.context.iter().find(|q| fold(&q.id) == f) {
        return Role::Context(q.id.clone());
    }
    Role::Group(header.trim().to_string())
}

pub(super) fn read_csv(
    reader: &Reader,
    file: &str,
    sha: &str,
    bytes: &[u8],
    framework: Option<&str>,
) -> Result<Vec<Assessment>, IntakeError> {
    let text = String::from_utf8_lossy(bytes);
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let first = text.lines().next().unwrap_or("");
    let delim = [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|d| first.matches(*d as char).count())
        .unwrap_or(b',');
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(delim)
        .flexible(true)
        .has_headers(false)
        .from_reader(text.as_bytes());
    let mut table = Table {
        headers: Vec::new(),
        header_loc: Vec::new(),
        rows: Vec::new(),
    };
    for (i, rec) in rdr.records().enumerate() {
        let rec = rec.map_err(|e| IntakeError::Damaged(format!("csv: {e}")))?;
        let line = rec.position().map(|p| p.line() as usize).unwrap_or(i + 1);
        if i == 0 {
            table.headers = rec.iter().map(str::to_string).collect();
            table.header_loc = (0..rec.len())
                .map(|c| Location::text(file, line, c + 1))
                .collect();
            continue;
        }
        if rec.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let cells = rec
            .iter()
            .map(|c| (!c.trim().is_empty()).then(|| Value::Text(c.to_string())))
            .collect();
        let locs = (0..rec.len())
            .map(|c| Location::text(file, line, c + 1))
            .collect();
        table.rows.push((format!("line {line}"), cells, locs));
    }
    if table.headers.is_empty() {
        return Err(IntakeError::NoData);
    }
    read_table(reader, file, sha, "csv", &table, framework)
}

pub(super) fn read_sheets(
    reader: &Reader,
    file: &str,
    sha: &str,
    book: &Book,
    framework: Option<&str>,
) -> Result<Vec<Assessment>, IntakeError> {
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
        let width = hcells.iter().map(|(c, _)| *c + 1).max().unwrap_or(0) as usize;
        let mut headers = vec![String::new(); width];
        for (c, v) in hcells {
            headers[*c as usize] = v.display();
        }
        let header_loc = (0..width)
            .map(|c| Location::cell(file, &sheet.name, hrow, c as u32))
            .collect();
        let mut rows = Vec::new();
        for (&r, cells) in sheet.rows.range(hrow + 1..) {
            let mut vals = vec![None; width];
            for (c, v) in cells {
                if (*c as usize) < width {
                    vals[*c as usize] = Some(v.clone());
                }
            }
            let locs = (0..width)
                .map(|c| Location::cell(file, &sheet.name, r, c as u32))
                .collect();
            rows.push((format!("{} row {}", sheet.name, r + 1), vals, locs));
        }
        let table = Table {
            headers,
            header_loc,
            rows,
        };
        return read_table(reader, file, sha, book.format, &table, framework);
    }
    Err(IntakeError::NoData)
}

fn read_table(
    reader: &Reader,
    file: &str,
    sha: &str,
    format: &str,
    table: &Table,
    framework: Option<&str>,
) -> Result<Vec<Assessment>, IntakeError> {
    // A framework column decides per row; otherwise --framework or the default.
    let fw_col = table
        .headers
        .iter()
        .position(|h| fold(h) == "framework" || fold(h) == "cadre" || fold(h) == "marco");
    // Without a framework column or --framework: the framework whose indicator ids the
    // headers name most (the default one on a tie).
    let guessed = match (framework, fw_col) {
        (None, None) => guess_framework(reader, &table.headers),
        _ => None,
    };
    let framework = framework.or(guessed.as_deref());
    let mut out = Vec::new();
    let mut cache: BTreeMap<String, Vec<Role>> = BTreeMap::new();
    for (label, cells, locs) in &table.rows {
        let written = fw_col
            .and_then(|c| cells.get(c).cloned().flatten())
            .map(|v| v.display().trim().to_string());
        let id = framework.map(str::to_string).or(written.clone());
        let (fw, matcher) = reader.framework(id.as_deref())?;
        let roles = cache.entry(fw.id.clone()).or_insert_with(|| {
            let mut ids = HashMap::new();
            for ind in &fw.indicators {
                ids.insert(fold(&ind.id), ind.id.clone());
                for c in &ind.criteria {
                    ids.insert(fold(&c.id), c.id.clone());
                }
            }
            table.headers.iter().map(|h| role(h, fw, &ids)).collect()
        });
        if !roles.contains(&Role::Meta("unit_code")) {
            return Err(IntakeError::NoData);
        }
        let mut diags = Vec::new();
        if out.is_empty() {
            let groups: Vec<&str> = roles
                .iter()
                .filter_map(|r| {
                    if let Role::Group(g) = r {
                        Some(g.as_str())
                    } else {
                        None
                    }
                })
                .collect();
            if !groups.is_empty() {
                diags.push(Diagnostic::warning_msg(
                    Code::T002,
                    table
                        .header_loc
                        .first()
                        .cloned()
                        .unwrap_or_else(|| Location::file(file)),
                    Msg::new("diag.t002")
                        .arg("framework", fw.id.as_str())
                        .arg("columns", groups.join(", ")),
                ));
            }
        }
        let mut meta = Meta::default();
        let mut found: HashMap<String, (usize, Option<&Value>)> = HashMap::new();
        let mut evidence: HashMap<String, String> = HashMap::new();
        let mut comment: HashMap<String, String> = HashMap::new();
        for (c, r) in roles.iter().enumerate() {
            let v = cells.get(c).and_then(Option::as_ref);
            let text = v
                .map(|v| v.display().trim().to_string())
                .unwrap_or_default();
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
                        g => {
                            if !text.is_empty() {
                                meta.groups.insert(g.to_string(), text.clone());
                            }
                            continue;
                        }
                    };
                    *slot = text;
                }
                Role::Context(q) => {
                    if !text.is_empty() {
                        let question = fw.context.iter().find(|x| &x.id == q).expect("context id");
                        let f = fold(&text);
                        match question.options.iter().find(|o| {
                            fold(&o.code) == f
                                || o.label.values().any(|l| fold(l) == f)
                                || o.aliases.iter().any(|a| fold(a) == f)
                        }) {
                            Some(o) => {
                                meta.context.insert(q.clone(), o.code.clone());
                            }
                            None => diags.push(Diagnostic::error_msg(
                                Code::W028,
                                locs[c].clone(),
                                Msg::new("diag.w028")
                                    .arg("given", text.as_str())
                                    .arg("question", q.as_str())
                                    .arg(
                                        "options",
                                        question
                                            .options
                                            .iter()
                                            .map(|o| o.code.as_str())
                                            .collect::<Vec<_>>()
                                            .join(", "),
                                    ),
                            )),
                        }
                    }
                }
                Role::Answer(id) => {
                    found.insert(id.clone(), (c, v));
                }
                Role::Evidence(id) => {
                    evidence.insert(id.clone(), text);
                }
                Role::Comment(id) => {
                    comment.insert(id.clone(), text);
                }
                Role::Group(g) => {
                    if !text.is_empty() {
                        meta.groups.insert(g.clone(), text);
                    }
                }
                Role::Ignored => {
                    if !text.is_empty() {
                        diags.push(Diagnostic::warning_msg(
                            Code::T003,
                            locs[c].clone(),
                            Msg::new("diag.t003").arg("text", text.as_str()),
                        ));
                    }
                }
            }
        }
        meta.unit_code = meta.unit_code.to_uppercase();
        let first = locs
            .first()
            .cloned()
            .unwrap_or_else(|| Location::file(file));
        if meta.unit_code.is_empty() {
            diags.push(Diagnostic::error_msg(
                Code::W002,
                first.clone(),
                Msg::new("diag.w002_table_unit").arg("row", label.as_str()),
            ));
        }
        if meta.period.is_empty() {
            diags.push(Diagnostic::error_msg(
                Code::W002,
                first.clone(),
                Msg::new("diag.w002_table_period").arg("row", label.as_str()),
            ));
        }
        if meta.round.is_empty() {
            meta.round = "1".into();
        }
        let mut answers = Vec::new();
        let mut missing_cols = Vec::new();
        for i in fw.indicators_in_tree_order() {
            let ind = &fw.indicators[i];
            let rows: Vec<(&str, Option<usize>)> = if fw.scales[ind.scale].cumulative {
                ind.criteria.iter().map(|c| (c.id.as_str(), None)).collect()
            } else {
                vec![(ind.id.as_str(), Some(ind.scale))]
            };
            for (id, scale) in rows {
                let Some(&(c, v)) = found.get(id) else {
                    missing_cols.push(id.to_string());
                    continue;
                };
                let (mut reading, problem) = matcher.read(fw, scale, v);
                let given = v.map(Value::display).unwrap_or_default();
                let not_offered = super::answer::check_offered(
                    fw,
                    scale,
                    &mut reading,
                    &given,
                    &meta.context,
                    id,
                );
                let a = Answer {
                    id: id.to_string(),
                    given: given.clone(),
                    reading,
                    evidence: evidence.get(id).cloned().unwrap_or_default(),
                    comment: comment.get(id).cloned().unwrap_or_default(),
                    responsible: String::new(),
                    location: locs[c].clone(),
                };
                if let Some(p) = problem {
                    diags.push(Diagnostic::error_msg(
                        Code::W020,
                        locs[c].clone(),
                        Msg::new("diag.w020")
                            .arg("problem", p)
                            .arg("expected", matcher.expected(scale).clone()),
                    ));
                }
                if let Some(m) = not_offered {
                    diags.push(Diagnostic::error_msg(Code::W029, locs[c].clone(), m));
                }
                if reading == Reading::NotApplicable
                    && fw.special.na_requires_justification
                    && a.comment.is_empty()
                    && comment_column_exists(&comment, id)
                {
                    diags.push(Diagnostic::error_msg(
                        Code::W021,
                        locs[c].clone(),
                        Msg::new("diag.w021_table").arg("id", id),
                    ));
                }
                let positive = matches!(reading, Reading::Option(o) if scale.map(|s| fw.scales[s].options[o].score > 0.0).unwrap_or(o == 0));
                if positive
                    && ind.evidence == Evidence::Expected
                    && a.evidence.is_empty()
                    && evidence.contains_key(id)
                {
                    diags.push(Diagnostic::warning_msg(
                        Code::W022,
                        locs[c].clone(),
                        Msg::new("diag.w022_table")
                            .arg("id", id)
                            .arg("given", given.trim()),
                    ));
                }
                if reading.is_answer() && !fw.applies(i, &meta.context) {
                    diags.push(Diagnostic::warning_msg(
                        Code::W025,
                        locs[c].clone(),
                        Msg::new("diag.w025_table")
                            .arg("id", id)
                            .arg("given", given.trim()),
                    ));
                }
                answers.push(a);
            }
        }
        if out.is_empty() && !missing_cols.is_empty() {
            diags.push(Diagnostic::warning_msg(
                Code::T001,
                table
                    .header_loc
                    .first()
                    .cloned()
                    .unwrap_or_else(|| Location::file(file)),
                Msg::new("diag.t001")
                    .arg("missing", missing_cols.len())
                    .arg("count", fw.indicators.len())
                    .arg("framework", fw.id.as_str())
                    .arg("ids", preview(&missing_cols)),
            ));
        }
        out.push(Assessment {
            source: format!("{file} ({label})"),
            source_sha256: sha.to_string(),
            format: format.to_string(),
            framework: fw.id.clone(),
            version: fw.version.clone(),
            meta,
            answers,
            diagnostics: diags,
            unknown_ids: Vec::new(),
        });
    }
    if out.is_empty() {
        return Err(IntakeError::NoData);
    }
    Ok(out)
}

fn guess_framework(reader: &Reader, headers: &[String]) -> Option<String> {
    let folded: std::collections::HashSet<String> = headers.iter().map(|h| fold(h)).collect();
    let default = reader.rules.default_framework().map(|f| f.id.clone());
    let mut best: Option<(usize, bool, String)> = None;
    for fw in reader.rules.frameworks.iter().filter(|f| !f.is_view()) {
        let hits = fw
            .indicators
            .iter()
            .flat_map(|i| std::iter::once(&i.id).chain(i.criteria.iter().map(|c| &c.id)))
            .filter(|id| folded.contains(&fold(id)))
            .count();
        let key = (
            hits,
            default.as_deref() == Some(fw.id.as_str()),
            fw.id.clone(),
        );
        if hits > 0 && best.as_ref().is_none_or(|b| (key.0, key.1) > (b.0, b.1)) {
            best = Some(key);
        }
    }
    best.map(|b| b.2)
}

fn comment_column_exists(comments: &HashMap<String, String>, id: &str) -> bool {
    comments.contains_key(id)
}

fn preview(ids: &[String]) -> String {
    if ids.len() <= 6 {
        ids.join(", ")
    } else {
        format!("{}, ...", ids[..6].join(", "))
    }
}
