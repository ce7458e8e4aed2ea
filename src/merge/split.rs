//! Splitting a template into parts, one per contributing body: by each indicator's
//! lead government body, by a list of ids (`--only`), or by an assignment file
//! (`--assign FILE.csv`, lines of `id,body`).
//!
//! ```
//! use mgi::merge::split::{by_stakeholder, part_templates};
//! use mgi::rules::Rules;
//! use mgi::template::{Prefill, TemplateOptions};
//!
//! let rules = Rules::bundled();
//! let fw = rules.get("micic").unwrap();
//! let parts = by_stakeholder(fw, "en");
//! let opts = TemplateOptions { lang: "en".into(), prefill: Prefill::default() };
//! let files = part_templates(fw, &opts, &parts).unwrap();
//! assert_eq!(files.len(), parts.len());
//! let total: usize = parts.iter().map(|p| p.indicators.len()).sum();
//! assert_eq!(total, fw.indicators.len());
//! ```

use crate::diag::{Code, Diagnostic, Location, Msg};
use crate::i18n::msg;
use crate::layout::CONTRIBUTOR;
use crate::report::files::file_part;
use crate::rules::{Child, Framework};
use crate::template::{TemplateInfo, TemplateOptions, template_workbook};
use std::collections::{BTreeMap, BTreeSet};

/// The body (and file-name part) of indicators no body was found for.
pub const UNASSIGNED: &str = "unassigned";

/// One part of an assessment: the body that answers it and its indicators.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// The body as a short id: a stakeholder id, an assigned body's name, or
    /// [`UNASSIGNED`]. Names the part's file.
    pub body: String,
    /// What the part's `contributor` field says: the body's label in the template's
    /// language, or the name given.
    pub contributor: String,
    /// Indicator ids.
    pub indicators: BTreeSet<String>,
}

/// The lead government body of an indicator: its first stakeholder whose catalogue
/// entry is a government body (`government = true` in the rule files).
pub fn lead_body(fw: &Framework, indicator: usize) -> Option<&str> {
    fw.indicators[indicator]
        .stakeholders
        .iter()
        .find(|id| {
            fw.catalogues
                .stakeholders
                .iter()
                .any(|s| s.id == **id && s.government)
        })
        .map(String::as_str)
}

/// One part per lead government body, in the order the bodies first lead an indicator
/// in the workbook; indicators without a government stakeholder go to a last part,
/// [`UNASSIGNED`].
pub fn by_stakeholder(fw: &Framework, lang: &str) -> Vec<Part> {
    let mut bodies: Vec<(Option<String>, BTreeSet<String>)> = Vec::new();
    for i in fw.indicators_in_tree_order() {
        let lead = lead_body(fw, i).map(str::to_string);
        let id = fw.indicators[i].id.clone();
        match bodies.iter_mut().find(|(b, _)| *b == lead) {
            Some((_, set)) => {
                set.insert(id);
            }
            None => bodies.push((lead, BTreeSet::from([id]))),
        }
    }
    bodies.sort_by_key(|(b, _)| b.is_none());
    bodies
        .into_iter()
        .map(|(b, indicators)| match b {
            Some(b) => Part {
                contributor: fw.stakeholder_label(&b, lang).to_string(),
                body: b,
                indicators,
            },
            None => unassigned(lang, indicators),
        })
        .collect()
}

fn unassigned(lang: &str, indicators: BTreeSet<String>) -> Part {
    Part {
        body: UNASSIGNED.into(),
        contributor: msg(lang, "merge.unassigned").to_string(),
        indicators,
    }
}

/// The indicators of an indicator or node id (a node: every indicator under it).
pub fn indicators_of(fw: &Framework, id: &str) -> Option<BTreeSet<String>> {
    if fw.indicator_index(id).is_some() {
        return Some(BTreeSet::from([id.to_string()]));
    }
    let n = fw.node_index(id)?;
    let mut out = BTreeSet::new();
    let mut stack = vec![n];
    while let Some(n) = stack.pop() {
        for c in &fw.nodes[n].children {
            match *c {
                Child::Node(k) => stack.push(k),
                Child::Indicator(k) => {
                    out.insert(fw.indicators[k].id.clone());
                }
            }
        }
    }
    Some(out)
}

/// The indicators named by `--only`: ids of indicators or nodes, separated by commas.
///
/// # Errors
/// The ids that name nothing in the framework.
pub fn only(fw: &Framework, spec: &str) -> Result<BTreeSet<String>, Vec<String>> {
    let mut out = BTreeSet::new();
    let mut unknown = Vec::new();
    for id in spec.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        match indicators_of(fw, id) {
            Some(set) => out.extend(set),
            None => unknown.push(id.to_string()),
        }
    }
    if out.is_empty() && unknown.is_empty() {
        unknown.push(spec.to_string());
    }
    if unknown.is_empty() {
        Ok(out)
    } else {
        Err(unknown)
    }
}

/// Reads an assignment file (`id,body` per line; a first line `id,body` or similar is
/// a header): one part per body in the order the file names them, then the indicators
/// no line covers ([`UNASSIGNED`]). A node's line covers its indicators; an
/// indicator's own line (or a deeper node's) overrides it. Bad lines are diagnostics
/// with their line and column (W083 to W085); with any error, no part should be
/// written.
pub fn assign(fw: &Framework, file: &str, text: &str, lang: &str) -> (Vec<Part>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let delimiter = match text.lines().next() {
        Some(l) if !l.contains(',') && l.contains(';') => b';',
        Some(l) if !l.contains(',') && l.contains('\t') => b'\t',
        _ => b',',
    };
    let mut rd = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    // id → (body, line)
    let mut given: BTreeMap<String, (String, u64)> = BTreeMap::new();
    let mut order: Vec<String> = Vec::new();
    for (k, rec) in rd.records().enumerate() {
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map(|p| p.line()).unwrap_or(k as u64 + 1);
                diags.push(Diagnostic::error_msg(
                    Code::W083,
                    Location::text(file, line as usize, 1),
                    Msg::new("diag.w083_fields").arg("n", 0usize),
                ));
                continue;
            }
        };
        let line = rec.position().map(|p| p.line()).unwrap_or(k as u64 + 1) as usize;
        let fields: Vec<&str> = rec.iter().map(str::trim).collect();
        let used: Vec<&str> = {
            let mut f = fields.clone();
            while f.last().is_some_and(|s| s.is_empty()) {
                f.pop();
            }
            f
        };
        if used.is_empty() || used[0].starts_with('#') {
            continue;
        }
        let at = |col: usize| Location::text(file, line, col);
        if k == 0
            && fw.indicator_index(used[0]).is_none()
            && fw.node_index(used[0]).is_none()
            && ["id", "indicator", "node", "indicateur", "indicador"]
                .contains(&crate::i18n::fold(used[0]).as_str())
        {
            continue;
        }
        if used.len() != 2 {
            let empty_body = used.len() == 1 && !used[0].is_empty();
            diags.push(if empty_body && fields.len() >= 2 {
                Diagnostic::error_msg(
                    Code::W083,
                    at(2),
                    Msg::new("diag.w083_body").arg("id", used[0]),
                )
            } else {
                Diagnostic::error_msg(
                    Code::W083,
                    at(used.len().clamp(1, 3)),
                    Msg::new("diag.w083_fields").arg("n", used.len()),
                )
            });
            continue;
        }
        let (id, body) = (used[0], used[1]);
        if id.is_empty() {
            diags.push(Diagnostic::error_msg(
                Code::W083,
                at(1),
                Msg::new("diag.w083_id").arg("framework", fw.id.as_str()),
            ));
            continue;
        }
        if body.is_empty() {
            diags.push(Diagnostic::error_msg(
                Code::W083,
                at(2),
                Msg::new("diag.w083_body").arg("id", id),
            ));
            continue;
        }
        if fw.indicator_index(id).is_none() && fw.node_index(id).is_none() {
            diags.push(Diagnostic::error_msg(
                Code::W084,
                at(1),
                Msg::new("diag.w084")
                    .arg("id", id)
                    .arg("framework", fw.id.as_str())
                    .arg("version", fw.version.as_str()),
            ));
            continue;
        }
        if let Some((first, first_line)) = given.get(id) {
            let m = |key| {
                Msg::new(key)
                    .arg("id", id)
                    .arg("body", body)
                    .arg("first", first.as_str())
                    .arg("line", first_line.to_string())
            };
            diags.push(if first == body {
                Diagnostic::warning_msg(Code::W085, at(2), m("diag.w085_same"))
            } else {
                Diagnostic::error_msg(Code::W085, at(2), m("diag.w085"))
            });
            continue;
        }
        given.insert(id.to_string(), (body.to_string(), line as u64));
        if !order.iter().any(|b| b == body) {
            order.push(body.to_string());
        }
    }
    // Each indicator: its own line, else its nearest node's.
    let mut sets: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    let mut rest = BTreeSet::new();
    for i in fw.indicators_in_tree_order() {
        let ind = &fw.indicators[i];
        let mut body = given.get(&ind.id).map(|(b, _)| b.as_str());
        let mut n = Some(ind.parent);
        while body.is_none()
            && let Some(k) = n
        {
            body = given.get(&fw.nodes[k].id).map(|(b, _)| b.as_str());
            n = fw.nodes[k].parent;
        }
        match body {
            Some(b) => {
                sets.entry(b).or_default().insert(ind.id.clone());
            }
            None => {
                rest.insert(ind.id.clone());
            }
        }
    }
    let mut parts: Vec<Part> = Vec::new();
    for b in &order {
        if let Some(set) = sets.remove(b.as_str()) {
            parts.push(Part {
                body: b.clone(),
                contributor: b.clone(),
                indicators: set,
            });
        }
    }
    if !rest.is_empty() {
        parts.push(unassigned(lang, rest));
    }
    (parts, diags)
}

/// The file name of a part: `<unit>-<period>-<framework>-<body>.xlsx` (unit and period
/// when the template is prefilled with them), the body in a file-name-safe form (without
/// a leading `<framework>-`, which the name already has); names that would repeat get
/// `-2`, `-3`...
pub fn part_file_names(fw: &Framework, opts: &TemplateOptions, parts: &[Part]) -> Vec<String> {
    let about = &opts.prefill.about;
    let mut base: Vec<String> = ["unit_code", "period"]
        .iter()
        .filter_map(|k| about.get(*k))
        .filter(|v| !v.trim().is_empty())
        .map(|v| file_part(v.trim()))
        .collect();
    base.push(file_part(&fw.id));
    let base = base.join("-");
    let mut seen: BTreeSet<String> = BTreeSet::new();
    parts
        .iter()
        .map(|p| {
            // A body id that repeats the framework's id (`mgi-planning-ministry`) is
            // named without it, since the file name already carries it.
            let prefix = format!("{}-", fw.id);
            let body = p.body.strip_prefix(&prefix).unwrap_or(&p.body);
            let stem = format!("{base}-{}", file_part(body));
            let mut name = stem.clone();
            let mut k = 2;
            while !seen.insert(name.to_lowercase()) {
                name = format!("{stem}-{k}");
                k += 1;
            }
            format!("{name}.xlsx")
        })
        .collect()
}

/// The workbook of each part: the template with the same `About` data, the part's
/// `contributor` and `scope`, and only its indicators' rows. Returns (file name,
/// bytes, facts) per part.
///
/// # Errors
/// [`Error::Workbook`](crate::Error::Workbook) when the writer fails.
pub fn part_templates(
    fw: &Framework,
    opts: &TemplateOptions,
    parts: &[Part],
) -> crate::Result<Vec<(String, Vec<u8>, TemplateInfo)>> {
    let names = part_file_names(fw, opts, parts);
    parts
        .iter()
        .zip(names)
        .map(|(p, name)| {
            let mut o = opts.clone();
            o.prefill
                .about
                .insert(CONTRIBUTOR.key.to_string(), p.contributor.clone());
            o.prefill.only = Some(p.indicators.clone());
            let (bytes, info) = template_workbook(fw, &o)?;
            Ok((name, bytes, info))
        })
        .collect()
}
