//! The columns of a table of many units: what each header names (unit code, period,
//! another About field, an indicator's answer, evidence or comment, a context question,
//! a grouping field), which headers repeat an earlier one, and which framework the
//! headers name most.

use super::Reader;
use crate::i18n::fold;
use crate::layout::recognise_about;
use crate::rules::Framework;
use std::collections::{HashMap, HashSet};

/// What a column holds.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(super) enum Role {
    Meta(&'static str),
    Context(String),
    Answer(String),
    Evidence(String),
    Comment(String),
    Group(String),
    /// A header that an earlier column already has: that column.
    Repeat(usize),
    Ignored,
}

pub(super) const UNIT_HEADERS: [&str; 22] = [
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
    if ["framework", "cadre", "marco"].contains(&f.as_str()) {
        return Role::Meta("framework");
    }
    if f == "contributor" {
        return Role::Meta("contributor");
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

/// The columns of a table for one framework.
pub(super) struct Layout {
    pub roles: Vec<Role>,
    pub answer: HashMap<String, usize>,
    pub evidence: HashMap<String, usize>,
    pub comment: HashMap<String, usize>,
    pub meta: HashMap<&'static str, usize>,
}

impl Layout {
    pub fn new(headers: &[String], fw: &Framework) -> Self {
        let mut ids = HashMap::new();
        for ind in &fw.indicators {
            ids.insert(fold(&ind.id), ind.id.clone());
            for c in &ind.criteria {
                ids.insert(fold(&c.id), c.id.clone());
            }
        }
        let mut roles: Vec<Role> = headers.iter().map(|h| role(h, fw, &ids)).collect();
        let mut first: HashMap<Role, usize> = HashMap::new();
        for (c, r) in roles.iter_mut().enumerate() {
            if matches!(r, Role::Ignored) {
                continue;
            }
            let key = match &*r {
                Role::Group(g) => Role::Group(fold(g)),
                other => other.clone(),
            };
            if let Some(&k) = first.get(&key) {
                *r = Role::Repeat(k);
            } else {
                first.insert(key, c);
            }
        }
        let mut l = Layout {
            roles,
            answer: HashMap::new(),
            evidence: HashMap::new(),
            comment: HashMap::new(),
            meta: HashMap::new(),
        };
        for (c, r) in l.roles.iter().enumerate() {
            match r {
                Role::Answer(id) => {
                    l.answer.insert(id.clone(), c);
                }
                Role::Evidence(id) => {
                    l.evidence.insert(id.clone(), c);
                }
                Role::Comment(id) => {
                    l.comment.insert(id.clone(), c);
                }
                Role::Meta(k) => {
                    l.meta.insert(k, c);
                }
                _ => {}
            }
        }
        l
    }
}

/// The framework whose indicator ids the headers name most (the default one on a tie).
pub(super) fn guess_framework(reader: &Reader, headers: &[String]) -> Option<String> {
    let folded: HashSet<String> = headers.iter().map(|h| fold(h)).collect();
    let default = reader.rules.default_framework().map(|f| f.id.clone());
    let mut best: Option<(usize, bool, String)> = None;
    for fw in &reader.rules.frameworks {
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
