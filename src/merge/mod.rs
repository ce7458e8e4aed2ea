//! Several bodies, one assessment: the parts of an assessment ([`split`]) and their
//! merge into one workbook in the template's layout, keeping for every answer who gave
//! it, from which file and cell (the `Source` column); conflicts between parts are
//! reported and left unresolved unless a preference resolves them ([`Prefer`]); and how
//! complete each part and the whole are ([`status`]).
//!
//! ```no_run
//! use mgi::intake::Reader;
//! use mgi::merge::{MergeOptions, check_identity, merge, merged_workbook};
//! use mgi::rules::Rules;
//!
//! let rules = Rules::bundled();
//! let reader = Reader::new(&rules);
//! let mut parts = Vec::new();
//! for f in ["labour.xlsx", "interior.xlsx"] {
//!     parts.extend(reader.read_path(f.as_ref(), None).unwrap());
//! }
//! assert!(check_identity(&parts).is_empty());
//! let fw = rules.get(&parts[0].framework).unwrap();
//! let merged = merge(fw, &parts, &MergeOptions::default());
//! let bytes = merged_workbook(fw, &merged).unwrap();
//! println!("{} conflicts, {} bytes", merged.unresolved(), bytes.len());
//! ```

pub mod json;
pub mod split;
pub mod status;

use crate::diag::{Code, Diagnostic, Location, Msg};
use crate::i18n::{Arg, fmt, fold};
use crate::intake::{Answer, Assessment, Origin, Reading, answer_rows};
use crate::layout::CONTRIBUTOR;
use crate::rules::{Framework, criterion_scale};
use crate::template::{CellValue, Fill, Prefill, TemplateOptions, template_workbook};
use std::collections::BTreeMap;

/// Which answer wins when parts disagree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Prefer {
    /// None: conflicts stay unresolved.
    #[default]
    Nothing,
    /// The answer of this part (index into the parts), when it is one of them.
    Part(usize),
    /// The part with the latest `About` date; equal or missing dates: the one given
    /// later. Never the file's time.
    Latest,
}

/// Options of [`merge`].
#[derive(Debug, Clone, Default)]
pub struct MergeOptions {
    /// How conflicts are resolved.
    pub prefer: Prefer,
    /// Language of the merged workbook (default: the first part's, when the framework
    /// carries it).
    pub lang: Option<String>,
    /// How `--prefer` was given, for messages (`latest`, a file name).
    pub prefer_text: String,
}

/// One part's answer to a row, as a conflict shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Given {
    /// Index of the part.
    pub part: usize,
    /// The part's contributor.
    pub contributor: String,
    /// Its file.
    pub file: String,
    /// The answer's cell (`Assessment!F12`).
    pub cell: String,
    /// The answer as typed.
    pub answer: String,
    /// As read: an option code, a number, `na`, `dk`, or `invalid`.
    pub read_as: String,
}

/// What a conflict is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConflictKind {
    /// Two answers that differ.
    Different,
    /// An answer and a don't-know.
    DontKnow,
    /// Two answers to a context question.
    Context,
}

impl ConflictKind {
    /// The name in JSON.
    pub fn name(self) -> &'static str {
        match self {
            ConflictKind::Different => "different",
            ConflictKind::DontKnow => "dont_know",
            ConflictKind::Context => "context",
        }
    }
}

/// Parts that answer one row (or context question) differently.
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    /// Indicator, criterion or context question id.
    pub id: String,
    /// What kind.
    pub kind: ConflictKind,
    /// Every part's answer, in argument order.
    pub answers: Vec<Given>,
    /// The answer kept (index into `answers`) when a preference resolved it.
    pub kept: Option<usize>,
}

/// A part that answers an indicator its scope does not hold (W082).
#[derive(Debug, Clone, PartialEq)]
pub struct Outside {
    /// Indicator or criterion id.
    pub id: String,
    /// The answer.
    pub given: Given,
    /// The contributor of a part whose scope holds it, if any.
    pub owner: Option<String>,
}

/// A part as the merge saw it.
#[derive(Debug, Clone, PartialEq)]
pub struct PartInfo {
    /// Its file.
    pub file: String,
    /// Its contributor (the file's name when its About names none).
    pub contributor: String,
    /// Its About date.
    pub date: String,
    /// How many rows it answers (answer cell not blank).
    pub answered: usize,
    /// Its scope (indicator ids; empty: the whole assessment).
    pub scope: Vec<String>,
}

/// The merge of the parts of one assessment.
#[derive(Debug, Clone)]
pub struct Merged {
    /// What the merged workbook holds (written by [`merged_workbook`]).
    pub prefill: Prefill,
    /// Its language.
    pub lang: String,
    /// The parts, in argument order.
    pub parts: Vec<PartInfo>,
    /// Every conflict, in workbook order (context questions first).
    pub conflicts: Vec<Conflict>,
    /// Answers outside their part's scope.
    pub outside: Vec<Outside>,
    /// Each row's merged answer as read (ids without an answer are absent).
    pub readings: BTreeMap<String, Reading>,
    /// Each row's source (ids without an answer are absent).
    pub sources: BTreeMap<String, Origin>,
    /// Merged context answers (question → option code).
    pub context: BTreeMap<String, String>,
    /// W080, W081 and W082, in workbook order.
    pub diagnostics: Vec<Diagnostic>,
}

impl Merged {
    /// How many conflicts are left unresolved.
    pub fn unresolved(&self) -> usize {
        self.conflicts.iter().filter(|c| c.kept.is_none()).count()
    }
}

/// The identity of an assessment as messages show it: `XAA 2026 round 1, micic 1.0.0`.
fn identity_text(a: &Assessment) -> String {
    let (u, p, r, f, v) = a.identity();
    format!("{u} {p} round {r}, {f} {v}")
}

/// F030 for every part whose identity (unit, period, round, framework, version) is not
/// the first part's. A merge with any of them must write nothing.
pub fn check_identity(parts: &[Assessment]) -> Vec<Diagnostic> {
    let Some(first) = parts.first() else {
        return Vec::new();
    };
    parts[1..]
        .iter()
        .filter(|a| a.identity() != first.identity())
        .map(|a| {
            let (u, p, r, f, v) = a.identity();
            Diagnostic::error_msg(
                Code::F030,
                Location::file(a.source.clone()),
                Msg::new("diag.f030")
                    .arg("unit", u)
                    .arg("period", p)
                    .arg("round", r)
                    .arg("framework", f)
                    .arg("version", v)
                    .arg("first", first.source.as_str())
                    .arg("first_identity", identity_text(first)),
            )
        })
        .collect()
}

/// A part's contributor: its About `contributor`, else its file's name.
pub fn contributor_of(a: &Assessment) -> String {
    if !a.meta.contributor.is_empty() {
        return a.meta.contributor.clone();
    }
    std::path::Path::new(&a.source)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| a.source.clone())
}

/// What two answers are compared by.
#[derive(Debug, Clone, PartialEq)]
enum Key {
    Option(usize),
    Number(f64),
    Na,
    Dk,
    Invalid(String),
}

fn key(a: &Answer) -> Option<Key> {
    Some(match a.reading {
        Reading::Blank => return None,
        Reading::Option(o) => Key::Option(o),
        Reading::Number(x) => Key::Number(x),
        Reading::NotApplicable => Key::Na,
        Reading::DontKnow => Key::Dk,
        Reading::Invalid => Key::Invalid(fold(&a.given)),
    })
}

/// The answer as read, in words of JSON: an option code, a number, `na`, `dk`,
/// `invalid`.
fn read_as(fw: &Framework, row: RowOf, r: Reading) -> String {
    match r {
        Reading::Option(o) => match row {
            RowOf::Criterion => criterion_scale().options[o].code.clone(),
            RowOf::Indicator(i) => fw.scale_of(i).options[o].code.clone(),
        },
        Reading::Number(x) => x.to_string(),
        Reading::NotApplicable => "na".into(),
        Reading::DontKnow => "dk".into(),
        Reading::Invalid => "invalid".into(),
        Reading::Blank => String::new(),
    }
}

/// The cell a reading is written as in the merged workbook: the option's label in its
/// language (intake reads labels of every language), a number, or what was typed when
/// it is not an answer of the scale (so the merged workbook reports it again).
fn cell_value(fw: &Framework, row: RowOf, a: &Answer, lang: &str) -> Option<CellValue> {
    Some(match a.reading {
        Reading::Blank => return None,
        Reading::Option(o) => CellValue::Text(match row {
            RowOf::Criterion => fw
                .text(&criterion_scale().options[o].label, lang)
                .to_string(),
            RowOf::Indicator(i) => fw.text(&fw.scale_of(i).options[o].label, lang).to_string(),
        }),
        Reading::Number(x) => CellValue::Number(x),
        Reading::NotApplicable => {
            CellValue::Text(fw.text(&fw.special.not_applicable.label, lang).to_string())
        }
        Reading::DontKnow => {
            CellValue::Text(fw.text(&fw.special.dont_know.label, lang).to_string())
        }
        Reading::Invalid => CellValue::Text(a.given.trim().to_string()),
    })
}

#[derive(Debug, Clone, Copy)]
enum RowOf {
    Indicator(usize),
    Criterion,
}

/// The part a preference picks among `candidates` (part indices), if any.
fn preferred(prefer: Prefer, parts: &[Assessment], candidates: &[usize]) -> Option<usize> {
    match prefer {
        Prefer::Nothing => None,
        Prefer::Part(k) => candidates.contains(&k).then_some(k),
        Prefer::Latest => candidates
            .iter()
            .copied()
            .max_by_key(|&k| (iso_date(&parts[k].meta.date), k)),
    }
}

/// An About date as (year, month, day) when it starts with an ISO date.
fn iso_date(s: &str) -> Option<(u32, u32, u32)> {
    let s = s.trim();
    let y = s.get(0..4)?.parse().ok()?;
    let m = s.get(5..7)?.parse().ok()?;
    let d = s.get(8..10)?.parse().ok()?;
    (s.as_bytes().get(4) == Some(&b'-') && s.as_bytes().get(7) == Some(&b'-')).then_some((y, m, d))
}

/// Texts of one column from several parts, with their contributors: one text from the
/// answer's own contributor as it is; otherwise each on its line after its
/// contributor's name (the same text from several: once, after every name).
fn join_texts(items: &[(String, String)], source: Option<&str>) -> Option<String> {
    let mut grouped: Vec<(Vec<&str>, &str)> = Vec::new();
    for (who, text) in items {
        let text = text.trim();
        if text.is_empty() {
            continue;
        }
        match grouped.iter_mut().find(|(_, t)| *t == text) {
            Some((names, _)) => {
                if !names.contains(&who.as_str()) {
                    names.push(who)
                }
            }
            None => grouped.push((vec![who.as_str()], text)),
        }
    }
    match grouped.as_slice() {
        [] => None,
        [(names, text)] if names.len() == 1 && Some(names[0]) == source => Some(text.to_string()),
        _ => Some(
            grouped
                .iter()
                .map(|(names, text)| format!("{}: {text}", names.join(", ")))
                .collect::<Vec<_>>()
                .join("\n"),
        ),
    }
}

/// Merges the parts of one assessment (check them with [`check_identity`] first).
/// The `About` data is the first part's (the latest date of all, the first unit name
/// given); every row takes the answer the parts agree on, with its source.
pub fn merge(fw: &Framework, parts: &[Assessment], opts: &MergeOptions) -> Merged {
    let lang = opts
        .lang
        .clone()
        .or_else(|| {
            parts
                .first()
                .map(|p| p.meta.language.clone())
                .filter(|l| fw.languages.contains(l))
        })
        .unwrap_or_else(|| fw.languages[0].clone());
    let names: Vec<String> = parts.iter().map(contributor_of).collect();
    let mut m = Merged {
        prefill: Prefill {
            source_column: true,
            ..Prefill::default()
        },
        lang: lang.clone(),
        parts: parts
            .iter()
            .zip(&names)
            .map(|(p, n)| PartInfo {
                file: p.source.clone(),
                contributor: n.clone(),
                date: p.meta.date.clone(),
                answered: p.answers.iter().filter(|a| a.reading.is_answer()).count(),
                scope: p.meta.scope.clone(),
            })
            .collect(),
        conflicts: Vec::new(),
        outside: Vec::new(),
        readings: BTreeMap::new(),
        sources: BTreeMap::new(),
        context: BTreeMap::new(),
        diagnostics: Vec::new(),
    };
    if parts.is_empty() {
        return m;
    }
    about(&mut m.prefill, parts);
    merge_context(fw, parts, &names, opts, &mut m);
    for i in fw.indicators_in_tree_order() {
        let ind = &fw.indicators[i];
        let mut rows: Vec<(&str, Option<RowOf>)> = Vec::new();
        if fw.scale_of(i).cumulative {
            // The indicator's own row holds texts only; its level comes from criteria.
            rows.push((ind.id.as_str(), None));
            rows.extend(
                answer_rows(fw, i)
                    .into_iter()
                    .map(|(id, _)| (id, Some(RowOf::Criterion))),
            );
        } else {
            rows.push((ind.id.as_str(), Some(RowOf::Indicator(i))));
        }
        for (id, row) in rows {
            merge_row(fw, parts, &names, opts, &mut m, i, id, row);
        }
    }
    m
}

/// The merged `About` data: the first part's, the first unit name given and the latest
/// date.
fn about(prefill: &mut Prefill, parts: &[Assessment]) {
    let f = &parts[0].meta;
    let first_given = |get: &dyn Fn(&crate::intake::Meta) -> &str| {
        parts
            .iter()
            .map(|p| get(&p.meta))
            .find(|v| !v.is_empty())
            .unwrap_or("")
            .to_string()
    };
    let date = parts
        .iter()
        .map(|p| p.meta.date.as_str())
        .max_by_key(|d| (iso_date(d), d.to_string()))
        .unwrap_or("")
        .to_string();
    let fields = [
        ("unit_code", f.unit_code.clone()),
        ("unit_name", first_given(&|m| &m.unit_name)),
        ("unit_level", first_given(&|m| &m.unit_level)),
        ("period", f.period.clone()),
        ("round", f.round.clone()),
        ("agency", first_given(&|m| &m.agency)),
        ("contact", first_given(&|m| &m.contact)),
        ("date", date),
        (
            "region",
            first_given(&|m| m.groups.get("region").map(String::as_str).unwrap_or("")),
        ),
        (
            "income_group",
            first_given(&|m| {
                m.groups
                    .get("income_group")
                    .map(String::as_str)
                    .unwrap_or("")
            }),
        ),
    ];
    for (k, v) in fields {
        if !v.is_empty() {
            prefill.about.insert(k.to_string(), v);
        }
    }
    prefill.about.remove(CONTRIBUTOR.key);
}

fn merge_context(
    fw: &Framework,
    parts: &[Assessment],
    names: &[String],
    opts: &MergeOptions,
    m: &mut Merged,
) {
    for q in &fw.context {
        let given: Vec<(usize, &String)> = parts
            .iter()
            .enumerate()
            .filter_map(|(k, p)| p.meta.context.get(&q.id).map(|c| (k, c)))
            .collect();
        let Some(&(_, code)) = given.first() else {
            continue;
        };
        if given.iter().all(|(_, c)| *c == code) {
            m.context.insert(q.id.clone(), code.clone());
            continue;
        }
        let answers: Vec<Given> = given
            .iter()
            .map(|&(k, c)| Given {
                part: k,
                contributor: names[k].clone(),
                file: parts[k].source.clone(),
                cell: String::new(),
                answer: c.clone(),
                read_as: c.clone(),
            })
            .collect();
        let candidates: Vec<usize> = given.iter().map(|(k, _)| *k).collect();
        let kept = preferred(opts.prefer, parts, &candidates);
        let list = answers_text(&answers, &m.lang);
        let at = Location::file(parts[given[1].0].source.clone());
        match kept {
            Some(k) => {
                let code = parts[k].meta.context[&q.id].clone();
                m.context.insert(q.id.clone(), code);
                m.diagnostics.push(Diagnostic::warning_msg(
                    Code::W081,
                    at,
                    Msg::new("diag.w081")
                        .arg("id", q.id.as_str())
                        .arg("answers", list)
                        .arg("prefer", opts.prefer_text.as_str())
                        .arg("kept", names[k].as_str()),
                ));
            }
            None => m.diagnostics.push(Diagnostic::error_msg(
                Code::W080,
                at,
                Msg::new("diag.w080_context")
                    .arg("id", q.id.as_str())
                    .arg("answers", list),
            )),
        }
        m.conflicts.push(Conflict {
            id: q.id.clone(),
            kind: ConflictKind::Context,
            kept: kept.and_then(|k| answers.iter().position(|g| g.part == k)),
            answers,
        });
    }
    for (k, v) in &m.context {
        m.prefill.context.insert(k.clone(), v.clone());
    }
}

/// "A answered "Yes" (a.xlsx, Assessment!F5); B answered ..." in a language.
fn answers_text(answers: &[Given], lang: &str) -> String {
    answers
        .iter()
        .map(|g| {
            fmt(
                lang,
                "merge.answered",
                &[
                    ("contributor", Arg::Text(g.contributor.clone())),
                    ("answer", Arg::Text(g.answer.clone())),
                    ("file", Arg::Text(g.file.clone())),
                    ("cell", Arg::Text(g.cell.clone())),
                ],
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

#[allow(clippy::too_many_arguments)]
fn merge_row(
    fw: &Framework,
    parts: &[Assessment],
    names: &[String],
    opts: &MergeOptions,
    m: &mut Merged,
    indicator: usize,
    id: &str,
    row: Option<RowOf>,
) {
    let lang = m.lang.clone();
    let found: Vec<(usize, &Answer)> = parts
        .iter()
        .enumerate()
        .filter_map(|(k, p)| p.answer(id).map(|a| (k, a)))
        .collect();
    let given_of = |k: usize, a: &Answer| Given {
        part: k,
        contributor: names[k].clone(),
        file: parts[k].source.clone(),
        cell: a.source_cell(),
        answer: a.given.trim().to_string(),
        read_as: row.map(|r| read_as(fw, r, a.reading)).unwrap_or_default(),
    };
    // Answers outside a part's scope.
    let ind_id = &fw.indicators[indicator].id;
    let answering: Vec<(usize, &Answer)> = match row {
        Some(_) => found
            .iter()
            .copied()
            .filter(|(_, a)| key(a).is_some())
            .collect(),
        None => Vec::new(),
    };
    for &(k, a) in &answering {
        let scope = &parts[k].meta.scope;
        if scope.is_empty() || scope.contains(ind_id) {
            continue;
        }
        let owner = parts
            .iter()
            .enumerate()
            .find(|(j, p)| *j != k && p.meta.scope.contains(ind_id))
            .map(|(j, _)| names[j].clone());
        let msg = match &owner {
            Some(o) => Msg::new("diag.w082_owner").arg("owner", o.as_str()),
            None => Msg::new("diag.w082"),
        }
        .arg("id", id)
        .arg("contributor", names[k].as_str());
        m.diagnostics
            .push(Diagnostic::warning_msg(Code::W082, a.location.clone(), msg));
        m.outside.push(Outside {
            id: id.to_string(),
            given: given_of(k, a),
            owner,
        });
    }
    // The answer.
    let mut fill = Fill::default();
    let mut note: Option<String> = None;
    let mut chosen: Option<(usize, &Answer)> = None;
    if let Some(row) = row
        && let Some(&(k0, a0)) = answering.first()
    {
        let k0key = key(a0);
        let differs: Vec<&(usize, &Answer)> =
            answering.iter().filter(|(_, a)| key(a) != k0key).collect();
        if differs.is_empty() {
            chosen = Some((k0, a0));
        } else {
            let answers: Vec<Given> = answering.iter().map(|&(k, a)| given_of(k, a)).collect();
            let dk = answering
                .iter()
                .any(|(_, a)| a.reading == Reading::DontKnow)
                && answering
                    .iter()
                    .any(|(_, a)| a.reading != Reading::DontKnow);
            let candidates: Vec<usize> = answering.iter().map(|(k, _)| *k).collect();
            let kept = preferred(opts.prefer, parts, &candidates);
            let list = answers_text(&answers, &lang);
            let at = differs[0].1.location.clone();
            match kept {
                Some(k) => {
                    chosen = answering.iter().copied().find(|(j, _)| *j == k);
                    note = Some(fmt(
                        &lang,
                        "merge.resolved",
                        &[
                            ("answers", Arg::Text(list.clone())),
                            ("kept", Arg::Text(names[k].clone())),
                            ("prefer", Arg::Text(opts.prefer_text.clone())),
                        ],
                    ));
                    m.diagnostics.push(Diagnostic::warning_msg(
                        Code::W081,
                        at,
                        Msg::new("diag.w081")
                            .arg("id", id)
                            .arg("answers", list)
                            .arg("prefer", opts.prefer_text.as_str())
                            .arg("kept", names[k].as_str()),
                    ));
                }
                None => {
                    note = Some(fmt(
                        &lang,
                        "merge.conflict",
                        &[("answers", Arg::Text(list.clone()))],
                    ));
                    m.diagnostics.push(Diagnostic::error_msg(
                        Code::W080,
                        at,
                        Msg::new(if dk { "diag.w080_dk" } else { "diag.w080" })
                            .arg("id", id)
                            .arg("answers", list),
                    ));
                }
            }
            m.conflicts.push(Conflict {
                id: id.to_string(),
                kind: if dk {
                    ConflictKind::DontKnow
                } else {
                    ConflictKind::Different
                },
                kept: kept.and_then(|k| answers.iter().position(|g| g.part == k)),
                answers,
            });
        }
        if let Some((k, a)) = chosen {
            fill.answer = cell_value(fw, row, a, &lang);
            let origin = Origin {
                contributor: names[k].clone(),
                file: parts[k].source.clone(),
                cell: a.source_cell(),
            };
            fill.source = Some(origin.render());
            m.readings.insert(id.to_string(), a.reading);
            m.sources.insert(id.to_string(), origin);
        }
    }
    // Texts, with their contributors.
    let source = chosen.map(|(k, _)| names[k].as_str());
    let texts = |get: &dyn Fn(&Answer) -> &str| -> Vec<(String, String)> {
        found
            .iter()
            .map(|&(k, a)| (names[k].clone(), get(a).to_string()))
            .collect()
    };
    fill.evidence = join_texts(&texts(&|a| &a.evidence), source);
    fill.responsible = join_texts(&texts(&|a| &a.responsible), source);
    let comment = join_texts(&texts(&|a| &a.comment), source);
    fill.comment = match (note, comment) {
        (Some(n), Some(c)) => Some(format!("{n}\n{c}")),
        (n, c) => n.or(c),
    };
    if fill != Fill::default() {
        m.prefill.rows.insert(id.to_string(), fill);
    }
}

/// The merged workbook: the template of the framework in the merge's language, with
/// the `Source` column.
///
/// # Errors
/// [`Error::Workbook`](crate::Error::Workbook) when the writer fails.
pub fn merged_workbook(fw: &Framework, m: &Merged) -> crate::Result<Vec<u8>> {
    let (bytes, _) = template_workbook(
        fw,
        &TemplateOptions {
            lang: m.lang.clone(),
            prefill: m.prefill.clone(),
        },
    )?;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_keep_their_contributors() {
        let items = vec![
            ("Labour".to_string(), "Law 1".to_string()),
            ("Interior".to_string(), String::new()),
        ];
        assert_eq!(join_texts(&items, Some("Labour")).as_deref(), Some("Law 1"));
        assert_eq!(
            join_texts(&items, Some("Interior")).as_deref(),
            Some("Labour: Law 1")
        );
        let both = vec![
            ("Labour".to_string(), "Law 1".to_string()),
            ("Interior".to_string(), "Decree 2".to_string()),
            ("Health".to_string(), "Law 1".to_string()),
        ];
        assert_eq!(
            join_texts(&both, Some("Labour")).as_deref(),
            Some("Labour, Health: Law 1\nInterior: Decree 2")
        );
        assert_eq!(iso_date("2026-05-01"), Some((2026, 5, 1)));
        assert_eq!(iso_date("May 2026"), None);
    }

    #[test]
    fn origin_round_trips() {
        let o = Origin {
            contributor: "Ministry | of Labour".into(),
            file: "parts/labour.xlsx".into(),
            cell: "Assessment!F5".into(),
        };
        assert_eq!(Origin::parse(&o.render()), Some(o));
        assert_eq!(Origin::parse("  "), None);
    }
}
