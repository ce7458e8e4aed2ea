//! Reading and checking crosswalk files: syntax and unknown keys, then the meaning of
//! every pair against the frameworks it joins. Every problem is reported, with its
//! file, line and column, in one run.

use super::raw::{RawCrosswalkFile, RawMap, keys_at};
use super::{Combine, Crosswalk, Map, Relationship, TargetRule};
use crate::diag::{Code, Diagnostic, Location, line_col};
use crate::i18n::Text;
use crate::rules::{Framework, Rules, SourceFile, hex};
use sha2::{Digest, Sha256};
use std::collections::{BTreeSet, HashMap};
use std::ops::Range;
use toml::Spanned;

fn loc(file: &SourceFile, span: Range<usize>) -> Location {
    let (line, column) = line_col(&file.text, span.start);
    Location::text(file.display.clone(), line, column)
}

/// The crosswalks of a rules set, read and checked once, on first use.
#[derive(Debug, Clone, Default)]
pub struct CrosswalkSet {
    /// Crosswalks without errors, sorted by id.
    pub crosswalks: Vec<Crosswalk>,
    /// Every problem found in the crosswalk files, in file order.
    pub diagnostics: Vec<Diagnostic>,
    /// Crosswalk files with errors (relative paths).
    pub failed: Vec<String>,
}

/// Reads and checks the crosswalk files the loader found (`Rules::crosswalk_sources`)
/// against the frameworks loaded with them.
pub fn load_set(rules: &Rules) -> CrosswalkSet {
    let files: Vec<&SourceFile> = rules.crosswalk_sources.iter().collect();
    let mut diagnostics = Vec::new();
    let (crosswalks, failed) = load_crosswalks(&files, &rules.frameworks, &mut diagnostics);
    CrosswalkSet {
        crosswalks,
        diagnostics,
        failed,
    }
}

/// Loads and checks crosswalk files against `frameworks` (each file is one crosswalk).
/// Returns the crosswalks without errors (sorted by id) and the files with errors;
/// every problem is added to `diags` in file order.
pub fn load_crosswalks(
    files: &[&SourceFile],
    frameworks: &[Framework],
    diags: &mut Vec<Diagnostic>,
) -> (Vec<Crosswalk>, Vec<String>) {
    use rayon::prelude::*;
    let mut out: Vec<Crosswalk> = Vec::new();
    let mut failed_files = Vec::new();
    // Each file on its own (in parallel); results kept in file order.
    let checked: Vec<(Option<Crosswalk>, Vec<Diagnostic>)> = files
        .par_iter()
        .map(|file| {
            let mut own = Vec::new();
            let cw = parse(file, &mut own).and_then(|raw| check(file, &raw, frameworks, &mut own));
            own.sort_by_key(|d| (d.location.line, d.location.column));
            (cw, own)
        })
        .collect();
    for (file, (cw, own)) in files.iter().zip(checked) {
        let failed = own.iter().any(Diagnostic::is_error);
        diags.extend(own);
        if failed {
            failed_files.push(file.rel.clone());
        }
        if let Some(cw) = cw.filter(|_| !failed) {
            if let Some(first) = out.iter().find(|c| c.id == cw.id) {
                diags.push(Diagnostic::error(
                    Code::R059,
                    Location::file(file.display.clone()),
                    format!(
                        "a second crosswalk from \"{}\" to \"{}\" (the first is {}); expected one mapping per pair of frameworks in a rules folder",
                        cw.from, cw.to, first.file
                    ),
                ));
                failed_files.push(file.rel.clone());
            } else {
                out.push(cw);
            }
        }
    }
    out.sort_by(|a, b| a.id.cmp(&b.id));
    (out, failed_files)
}

fn parse(file: &SourceFile, diags: &mut Vec<Diagnostic>) -> Option<RawCrosswalkFile> {
    let toml_error = |e: &toml::de::Error| {
        let l = match e.span() {
            Some(span) => loc(file, span),
            None => Location::file(file.display.clone()),
        };
        let msg = e.message().trim().replace('\n', " ");
        Diagnostic::error(
            Code::R001,
            l,
            format!(
                "TOML error: {msg}; expected a valid crosswalk file (see \"Crosswalks\" in README.md)"
            ),
        )
    };
    let de = match toml::de::Deserializer::parse(&file.text) {
        Ok(de) => de,
        Err(e) => {
            diags.push(toml_error(&e));
            return None;
        }
    };
    let mut unknown: Vec<Vec<String>> = Vec::new();
    let result: Result<RawCrosswalkFile, _> = serde_ignored::deserialize(de, |path| {
        unknown.push(keys_of(&path));
    });
    let raw = match result {
        Ok(raw) => Some(raw),
        Err(e) => {
            diags.push(toml_error(&e));
            None
        }
    };
    if !unknown.is_empty() {
        let tree = toml::de::DeTable::parse(&file.text).ok();
        for path in unknown {
            let key = path.last().cloned().unwrap_or_default();
            let table: Vec<&str> = path[..path.len().saturating_sub(1)]
                .iter()
                .map(String::as_str)
                .collect();
            let where_ = if table.is_empty() {
                "at the top level".to_string()
            } else {
                format!("in [{}]", table.join("."))
            };
            let mut msg = format!("unknown key \"{key}\" {where_}");
            if let Some(expected) = keys_at(&table) {
                if let Some(best) = closest(&key, expected.iter().copied()) {
                    msg.push_str(&format!(" (did you mean \"{best}\"?)"));
                }
                msg.push_str(&format!("; expected one of: {}", expected.join(", ")));
            }
            if table.is_empty() {
                msg.push_str(" (a crosswalk file holds only [crosswalk] and [[map]]; framework sections belong in a framework folder)");
            }
            let l = tree
                .as_ref()
                .and_then(|t| key_span(t, &table, &key))
                .map(|s| loc(file, s))
                .unwrap_or_else(|| Location::file(file.display.clone()));
            diags.push(Diagnostic::error(Code::R002, l, msg));
        }
    }
    raw
}

/// Key names along a path of ignored keys (array indices dropped).
fn keys_of(path: &serde_ignored::Path) -> Vec<String> {
    use serde_ignored::Path as P;
    let mut out = Vec::new();
    let mut cur = path;
    loop {
        match cur {
            P::Root => break,
            P::Seq { parent, .. } => cur = parent,
            P::Map { parent, key } => {
                if !key.starts_with("$__serde_spanned") {
                    out.push(key.clone());
                }
                cur = parent;
            }
            P::Some { parent } | P::NewtypeStruct { parent } | P::NewtypeVariant { parent } => {
                cur = parent
            }
        }
    }
    out.reverse();
    out
}

/// The span of the first `key` in the table at `table` (top level, `[crosswalk]`, or any
/// `[[map]]` entry).
fn key_span(tree: &Spanned<toml::de::DeTable>, table: &[&str], key: &str) -> Option<Range<usize>> {
    use toml::de::DeValue;
    let top = tree.get_ref();
    match table {
        [] => top.get_key_value(key).map(|(k, _)| k.span()),
        [name] => match top.get(*name)?.get_ref() {
            DeValue::Table(t) => t.get_key_value(key).map(|(k, _)| k.span()),
            DeValue::Array(a) => a.iter().find_map(|v| match v.get_ref() {
                DeValue::Table(t) => t.get_key_value(key).map(|(k, _)| k.span()),
                _ => None,
            }),
            _ => None,
        },
        _ => None,
    }
}

/// The candidate closest to a typo (edit distance at most 2).
pub(crate) fn closest<'a>(key: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .map(|c| (crate::rules::edit_distance(key, c), c))
        .filter(|(d, _)| *d <= 2)
        .min()
        .map(|(_, c)| c)
}

/// A suggestion for an indicator id that is not in the framework: the same id written
/// differently (case, separators). Ids like `D2.E.1` are structured, so a near spelling
/// (`D1.E.1`, `D2.A.1`) is another indicator, not a fix, and is never suggested: a stale
/// id after a framework change needs the new framework read, not a guess.
fn id_hint<'a>(id: &str, mut candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let norm = |s: &str| -> String {
        s.chars()
            .filter(char::is_ascii_alphanumeric)
            .map(|c| c.to_ascii_lowercase())
            .collect()
    };
    let key = norm(id);
    candidates.find(|c| norm(c) == key)
}

fn hash_of(file: &SourceFile) -> String {
    let name = file.rel.rsplit('/').next().unwrap_or(&file.rel);
    let mut h = Sha256::new();
    h.update(name.as_bytes());
    h.update(b"\n");
    h.update(file.text.replace("\r\n", "\n").as_bytes());
    h.update([0u8]);
    hex(&h.finalize())
}

/// Checks the meaning of a parsed crosswalk file and builds the crosswalk.
fn check(
    file: &SourceFile,
    raw: &RawCrosswalkFile,
    frameworks: &[Framework],
    diags: &mut Vec<Diagnostic>,
) -> Option<Crosswalk> {
    let Some(header) = &raw.crosswalk else {
        diags.push(Diagnostic::error(
            Code::R014,
            Location::file(file.display.clone()),
            "crosswalk file has no [crosswalk] table; expected from, to, version and about",
        ));
        return None;
    };
    let mut errors = Vec::new();
    let mut err = |code: Code, span: Range<usize>, msg: String| {
        errors.push(Diagnostic::error(code, loc(file, span), msg));
    };
    let h = header.get_ref();
    let known: Vec<&str> = frameworks.iter().map(|f| f.id.as_str()).collect();
    let side = |id: &Spanned<String>,
                what: &str,
                err: &mut dyn FnMut(Code, Range<usize>, String)| {
        let found = frameworks.iter().find(|f| &f.id == id.get_ref());
        if found.is_none() {
            let hint = closest(id.get_ref(), known.iter().copied())
                .map(|b| format!(" (did you mean \"{b}\"?)"))
                .unwrap_or_default();
            err(
                Code::R050,
                id.span(),
                format!(
                    "{what} framework \"{}\" is not in these rules, or has errors{hint}; expected one of: {}",
                    id.get_ref(),
                    known.join(", ")
                ),
            );
        }
        found
    };
    let from = side(&h.from, "source", &mut err);
    let to = side(&h.to, "target", &mut err);
    if h.from.get_ref() == h.to.get_ref() {
        err(
            Code::R060,
            h.to.span(),
            format!(
                "crosswalk from \"{}\" to itself; expected two different frameworks",
                h.to.get_ref()
            ),
        );
    }
    if let Some(f) = from.filter(|f| f.is_view()) {
        err(
            Code::R060,
            h.from.span(),
            format!(
                "source framework \"{}\" is a view (it has no assessments of its own to carry); expected an assessment framework as the source",
                f.id
            ),
        );
    }
    if h.version.get_ref().trim().is_empty() {
        err(
            Code::R018,
            h.version.span(),
            "crosswalk version is empty; expected a version such as \"1.0.0\"".into(),
        );
    }
    let combine = match &h.combine {
        None => Combine::Weakest,
        Some(c) => Combine::parse(c.get_ref()).unwrap_or_else(|| {
            err(
                Code::R056,
                c.span(),
                format!(
                    "combination rule \"{}\" is not known; expected one of: weakest, mean, strongest",
                    c.get_ref()
                ),
            );
            Combine::Weakest
        }),
    };
    let partial_cap = h.partial_cap.as_ref().map(|p| {
        let v = *p.get_ref();
        if !(0.0..=1.0).contains(&v) {
            err(
                Code::R057,
                p.span(),
                format!("partial_cap is {v}; expected a score from 0 to 1 (e.g. 0.5)"),
            );
        }
        v.clamp(0.0, 1.0)
    });
    // Languages the texts must carry: those both frameworks carry, the languages a view
    // can be shown in with both sides' texts (a language only one side has shows the
    // other side in its first language, so a rationale in it is welcome, not required).
    // A text may carry any language of either framework.
    let mut allowed: Vec<String> = Vec::new();
    for f in [from, to].into_iter().flatten() {
        for l in &f.languages {
            if !allowed.contains(l) {
                allowed.push(l.clone());
            }
        }
    }
    let languages: Vec<String> = match (from, to) {
        (Some(a), Some(b)) => a
            .languages
            .iter()
            .filter(|l| b.languages.contains(l))
            .cloned()
            .collect(),
        _ => allowed.clone(),
    };
    let langs = Langs {
        required: &languages,
        allowed: &allowed,
    };
    let mut warnings = Vec::new();
    let about = match &h.about {
        Some(a) => {
            text_languages(file, a, "crosswalk about text", &langs, &mut warnings);
            a.get_ref().clone()
        }
        None => {
            warnings.push(Diagnostic::warning(
                Code::R058,
                loc(file, header.span()),
                format!(
                    "crosswalk has no about text; expected what the mapping is and where it comes from, in {}",
                    languages.join(", ")
                ),
            ));
            Text::default()
        }
    };
    if raw.map.is_empty() {
        err(
            Code::R061,
            header.span(),
            "crosswalk has no [[map]] entry; expected at least one pair (source, target, relationship)"
                .into(),
        );
    }
    let mut seen: HashMap<(String, String), Range<usize>> = HashMap::new();
    let mut maps = Vec::new();
    for m in &raw.map {
        if let Some(built) = map(file, m, from, to, &mut seen, &mut err) {
            match &m.get_ref().rationale {
                Some(r) => text_languages(
                    file,
                    r,
                    &format!("rationale of {} → {}", built.source, built.target),
                    &langs,
                    &mut warnings,
                ),
                None => warnings.push(Diagnostic::warning(
                    Code::R058,
                    loc(file, m.span()),
                    format!(
                        "{} → {} has no rationale; expected why the pair holds, in {}",
                        built.source,
                        built.target,
                        languages.join(", ")
                    ),
                )),
            }
            maps.push(built);
        }
    }
    let mut seen_targets: HashMap<String, Range<usize>> = HashMap::new();
    let mut targets = Vec::new();
    for t in &raw.target {
        let r = t.get_ref();
        let mut ok = true;
        if let Some(fw) = to
            && fw.indicator_index(r.id.get_ref()).is_none()
        {
            ok = false;
            let hint = id_hint(r.id.get_ref(), fw.indicators.iter().map(|i| i.id.as_str()))
                .map(|b| format!(" (did you mean \"{b}\"?)"))
                .unwrap_or_default();
            err(
                Code::R052,
                r.id.span(),
                format!(
                    "[[target]] \"{}\" is not an indicator of {} {}{hint}; expected one of its {} indicator ids",
                    r.id.get_ref(),
                    fw.id,
                    fw.version,
                    fw.indicators.len()
                ),
            );
        }
        let combine = Combine::parse(r.combine.get_ref());
        if combine.is_none() {
            ok = false;
            err(
                Code::R056,
                r.combine.span(),
                format!(
                    "combination rule \"{}\" is not known; expected one of: weakest, mean, strongest",
                    r.combine.get_ref()
                ),
            );
        }
        if let Some(first) = seen_targets.get(r.id.get_ref()) {
            ok = false;
            let (line, column) = line_col(&file.text, first.start);
            err(
                Code::R054,
                t.span(),
                format!(
                    "[[target]] \"{}\" is declared twice (first at {}:{line}:{column}); expected one rule per target",
                    r.id.get_ref(),
                    file.display
                ),
            );
        } else {
            seen_targets.insert(r.id.get_ref().clone(), t.span());
        }
        if let Some(rt) = &r.rationale {
            text_languages(
                file,
                rt,
                &format!("rationale of [[target]] {}", r.id.get_ref()),
                &langs,
                &mut warnings,
            );
        }
        if ok {
            targets.push(TargetRule {
                target: r.id.get_ref().clone(),
                combine: combine.expect("checked"),
                rationale: r
                    .rationale
                    .as_ref()
                    .map(|x| x.get_ref().clone())
                    .unwrap_or_default(),
            });
        }
    }
    diags.extend(errors);
    diags.extend(warnings);
    let (from, to) = (from?, to?);
    Some(Crosswalk {
        id: format!("{}--{}", from.id, to.id),
        from: from.id.clone(),
        to: to.id.clone(),
        version: h.version.get_ref().clone(),
        about,
        combine,
        partial_cap,
        maps,
        targets,
        content_hash: hash_of(file),
        file: file.display.clone(),
    })
}

/// Checks one `[[map]]`: both ids known on their side, a known relationship, a
/// strength from 1 to 10, not a repeat of an earlier pair.
fn map(
    file: &SourceFile,
    m: &Spanned<RawMap>,
    from: Option<&Framework>,
    to: Option<&Framework>,
    seen: &mut HashMap<(String, String), Range<usize>>,
    err: &mut dyn FnMut(Code, Range<usize>, String),
) -> Option<Map> {
    let r = m.get_ref();
    let mut ok = true;
    for (id, fw, code, what) in [
        (&r.source, from, Code::R051, "source"),
        (&r.target, to, Code::R052, "target"),
    ] {
        let Some(fw) = fw else { continue };
        if fw.indicator_index(id.get_ref()).is_none() {
            ok = false;
            let hint = id_hint(id.get_ref(), fw.indicators.iter().map(|i| i.id.as_str()))
                .map(|b| format!(" (did you mean \"{b}\"?)"))
                .unwrap_or_default();
            let node = if fw.node_index(id.get_ref()).is_some() {
                " (it is a node; a crosswalk maps indicators)"
            } else {
                ""
            };
            err(
                code,
                id.span(),
                format!(
                    "{what} \"{}\" is not an indicator of {} {}{node}{hint}; expected one of its {} indicator ids (a stale id after a framework change?)",
                    id.get_ref(),
                    fw.id,
                    fw.version,
                    fw.indicators.len()
                ),
            );
        }
    }
    let relationship = Relationship::parse(r.relationship.get_ref());
    if relationship.is_none() {
        ok = false;
        err(
            Code::R053,
            r.relationship.span(),
            format!(
                "relationship \"{}\" is not known; expected one of: equal, subset, superset, intersect (the source relative to the target)",
                r.relationship.get_ref()
            ),
        );
    }
    let strength = match &r.strength {
        None => None,
        Some(s) if (1..=10).contains(s.get_ref()) => Some(*s.get_ref() as u8),
        Some(s) => {
            ok = false;
            err(
                Code::R055,
                s.span(),
                format!(
                    "strength is {}; expected a whole number from 1 (weak) to 10 (strong)",
                    s.get_ref()
                ),
            );
            None
        }
    };
    let key = (r.source.get_ref().clone(), r.target.get_ref().clone());
    if let Some(first) = seen.get(&key) {
        ok = false;
        let (line, column) = line_col(&file.text, first.start);
        err(
            Code::R054,
            m.span(),
            format!(
                "{} → {} is mapped twice (first at {}:{line}:{column}); expected each pair once",
                key.0, key.1, file.display
            ),
        );
    } else {
        seen.insert(key, m.span());
    }
    ok.then(|| Map {
        source: r.source.get_ref().clone(),
        target: r.target.get_ref().clone(),
        relationship: relationship.expect("checked"),
        strength,
        rationale: r
            .rationale
            .as_ref()
            .map(|t| t.get_ref().clone())
            .unwrap_or_default(),
    })
}

/// The languages of a crosswalk's texts: those each text must carry, and those it may.
struct Langs<'a> {
    required: &'a [String],
    allowed: &'a [String],
}

/// Warns (R058) when a text lacks a required language, is empty, or carries a language
/// neither framework declares.
fn text_languages(
    file: &SourceFile,
    t: &Spanned<Text>,
    what: &str,
    langs: &Langs,
    out: &mut Vec<Diagnostic>,
) {
    let value = t.get_ref();
    let missing: Vec<&str> = langs
        .required
        .iter()
        .filter(|l| value.get(l).is_none())
        .map(String::as_str)
        .collect();
    if !missing.is_empty() {
        out.push(Diagnostic::warning(
            Code::R058,
            loc(file, t.span()),
            format!(
                "{what} has no text in {}; expected one in each language both frameworks carry ({})",
                missing.join(", "),
                langs.required.join(", ")
            ),
        ));
    }
    let extra: BTreeSet<&str> = value
        .0
        .keys()
        .map(String::as_str)
        .filter(|l| !langs.allowed.iter().any(|x| x == l))
        .collect();
    if !extra.is_empty() && !langs.allowed.is_empty() {
        out.push(Diagnostic::warning(
            Code::R058,
            loc(file, t.span()),
            format!(
                "{what} has a text in {}, a language neither framework declares; expected only: {}",
                extra.into_iter().collect::<Vec<_>>().join(", "),
                langs.allowed.join(", ")
            ),
        ));
    }
}
