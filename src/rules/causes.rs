//! Errors that follow from a file that could not be read: a missing include, or a file
//! with a syntax error. The cause is reported first; the errors that would vanish once it
//! is fixed (links to the entries it declares, parents it holds...) are summarised in
//! one line ("and 725 links that need it") instead of being listed one by one.

use crate::diag::{Code, Diagnostic};
use std::collections::{BTreeMap, BTreeSet};

/// What an error depends on, so it can be told apart from an error of its own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Needs {
    /// An entry with this id (a parent, a scale, a catalogue entry, a context question).
    Declared(String),
    /// A file that names this id (a node without children: they may be in that file).
    Named(String),
    /// Anything an unread file may hold (no root, no indicator).
    Anything,
}

/// An error of the checks that may follow from an unread file.
#[derive(Debug, Clone)]
pub struct Follow {
    /// Index of the error in the checks' diagnostics.
    pub index: usize,
    /// What would make it vanish.
    pub needs: Needs,
}

/// A file that could not be read, and the diagnostic that says so.
#[derive(Debug, Clone)]
pub struct Cause {
    /// The diagnostic (R001, R020).
    pub diagnostic: Diagnostic,
    /// What the file declares, as far as can be seen; `None` when it could declare
    /// anything (a missing file).
    pub declared: Option<BTreeSet<String>>,
    /// The file's text when it exists, to find the ids it names.
    pub text: Option<String>,
    /// How the cause is named in the summary ("needs it" / "need it").
    pub missing: bool,
}

impl Cause {
    fn explains(&self, needs: &Needs) -> bool {
        match (&self.declared, needs) {
            (None, _) | (_, Needs::Anything) => true,
            (Some(ids), Needs::Declared(id)) => ids.contains(id),
            (Some(_), Needs::Named(id)) => self
                .text
                .as_deref()
                .is_some_and(|t| t.contains(&format!("\"{id}\""))),
        }
    }
}

/// Orders a framework's diagnostics: each cause first, followed by the summary of the
/// errors it explains, then every other diagnostic (`rest`, already in file order).
/// `checks` are the diagnostics of the checks, `follows` those of them that may follow
/// from an unread file.
pub fn arrange(
    causes: Vec<Cause>,
    rest: Vec<Diagnostic>,
    checks: Vec<Diagnostic>,
    follows: &[Follow],
    order: impl Fn(&Diagnostic) -> (usize, Option<usize>, Option<usize>),
) -> Vec<Diagnostic> {
    let mut explained: Vec<Vec<usize>> = vec![Vec::new(); causes.len()];
    let mut hidden = BTreeSet::new();
    // Files that exist (whose ids are known) claim first; missing files take the rest.
    let mut by_precision: Vec<usize> = (0..causes.len()).collect();
    by_precision.sort_by_key(|&c| causes[c].declared.is_none());
    for f in follows {
        if let Some(&c) = by_precision.iter().find(|&&c| causes[c].explains(&f.needs)) {
            explained[c].push(f.index);
            hidden.insert(f.index);
        }
    }
    let mut others: Vec<Diagnostic> = rest
        .into_iter()
        .chain(
            checks
                .iter()
                .enumerate()
                .filter(|(i, _)| !hidden.contains(i))
                .map(|(_, d)| d.clone()),
        )
        .collect();
    others.sort_by_key(|d| order(d));
    let mut out = Vec::new();
    for (c, cause) in causes.into_iter().enumerate() {
        let loc = cause.diagnostic.location.clone();
        out.push(cause.diagnostic);
        let ids: Vec<&Diagnostic> = explained[c].iter().map(|&i| &checks[i]).collect();
        if !ids.is_empty() {
            out.push(Diagnostic::error(
                Code::R030,
                loc,
                summary(&ids, cause.missing),
            ));
        }
    }
    out.extend(others);
    out
}

/// "and 725 links that need it" (with a break-down when the errors are of several kinds,
/// and the first place).
fn summary(errors: &[&Diagnostic], missing: bool) -> String {
    let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
    for d in errors {
        *kinds.entry(noun(d.code)).or_default() += 1;
    }
    let n = errors.len();
    let verb = if n == 1 { "needs" } else { "need" };
    let what = if kinds.len() == 1 {
        let (k, _) = kinds.iter().next().expect("one kind");
        format!("{n} {}", if n == 1 { singular(k) } else { k })
    } else {
        let parts: Vec<String> = kinds.iter().map(|(k, c)| format!("{c} {k}")).collect();
        format!("{n} errors ({})", parts.join(", "))
    };
    let first = errors[0];
    let fix = if missing {
        "they go once the file is found"
    } else {
        "they go once the file parses"
    };
    format!(
        "and {what} that {verb} it, not listed one by one ({fix}); the first: {}: {}",
        first.location, first.message
    )
}

fn noun(code: Code) -> &'static str {
    match code {
        Code::R004 => "parents",
        Code::R005 => "scales",
        Code::R006 => "links",
        Code::R008 => "nodes without children",
        Code::R015 => "missing roots",
        Code::R016 => "conditions",
        _ => "other errors",
    }
}

fn singular(noun: &str) -> &str {
    match noun {
        "parents" => "parent",
        "scales" => "scale",
        "links" => "link",
        "nodes without children" => "node without children",
        "missing roots" => "missing root",
        "conditions" => "condition",
        _ => "other error",
    }
}
