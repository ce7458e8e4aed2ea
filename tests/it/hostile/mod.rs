//! The hostile corpus: a few hundred damaged, hostile and merely unusual inputs made by
//! code, each with the outcome it must get — the diagnostic's code, where it is, and
//! what its message says — and none may panic, hang or lose a value.

pub mod build;
pub mod cases;
mod cases_formats;

use mgi::intake::{Assessment, Budgets, IntakeError, Reader};
use mgi::rules::Rules;

/// A check of what was read.
pub type Check = Box<dyn Fn(&[Assessment]) -> Result<(), String>>;

/// What a case must give.
pub enum Expect {
    /// Read, with these diagnostics among the file's: code, location (as
    /// `Location`'s display without the file: `Assessment!F5`, `3:5`, `sheet About`, or
    /// "" for the whole file) and a piece of the message.
    Diags(Vec<(&'static str, String, String)>),
    /// Read, with these diagnostics, and a check of what was read.
    Read(Vec<(&'static str, String, String)>, Check),
    /// Not read: the file's diagnostic has this code and message piece.
    Fails(&'static str, String),
    /// Read, and nothing with these codes is reported.
    Without(Vec<&'static str>, Check),
}

/// One input.
pub struct Case {
    /// What it is (for failure messages).
    pub what: String,
    /// The file name (its extension decides how it is read).
    pub file: String,
    /// Its bytes.
    pub bytes: Vec<u8>,
    /// `--framework`.
    pub framework: Option<&'static str>,
    /// Budgets other than the defaults.
    pub budgets: Option<Budgets>,
    /// The outcome.
    pub expect: Expect,
}

impl Case {
    pub fn new(what: impl Into<String>, file: &str, bytes: Vec<u8>, expect: Expect) -> Self {
        Case {
            what: what.into(),
            file: file.to_string(),
            bytes,
            framework: None,
            budgets: None,
            expect,
        }
    }

    pub fn framework(mut self, id: &'static str) -> Self {
        self.framework = Some(id);
        self
    }

    pub fn budgets(mut self, b: Budgets) -> Self {
        self.budgets = Some(b);
        self
    }
}

/// A diagnostic expectation.
pub fn d(
    code: &'static str,
    at: impl Into<String>,
    msg: impl Into<String>,
) -> (&'static str, String, String) {
    (code, at.into(), msg.into())
}

/// The location of a diagnostic without its file.
fn place(l: &mgi::Location) -> String {
    let mut l = l.clone();
    let file = l.file.take();
    let text = l.to_string();
    match (file, l.line) {
        (Some(_), Some(line)) => format!("{line}:{}", l.column.unwrap_or(0)),
        _ => text,
    }
}

/// Runs one case; `Err` says what is wrong.
pub fn run(rules: &Rules, case: &Case) -> Result<(), String> {
    let reader = match case.budgets {
        Some(b) => Reader::new(rules).with_budgets(b),
        None => Reader::new(rules),
    };
    let got: Result<Vec<Assessment>, IntakeError> =
        reader.read_bytes(&case.file, &case.bytes, case.framework);
    let diags: Vec<mgi::Diagnostic> = match &got {
        Ok(list) => list.iter().flat_map(|a| a.diagnostics.clone()).collect(),
        Err(e) => vec![e.diagnostic(&case.file)],
    };
    for x in &diags {
        if x.message.contains("panicked") {
            return Err(format!("a message says \"panicked\": {x}"));
        }
    }
    let listing = || {
        diags
            .iter()
            .map(|x| {
                format!(
                    "  {}[{}] {}: {}",
                    x.severity,
                    x.code,
                    place(&x.location),
                    x.message
                )
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    let has = |code: &str, at: &str, msg: &str| {
        diags.iter().any(|x| {
            x.code == code && (at == "*" || place(&x.location) == at) && x.message.contains(msg)
        })
    };
    let want = |list: &[(&'static str, String, String)]| -> Result<(), String> {
        for (code, at, msg) in list {
            if !has(code, at, msg) {
                return Err(format!(
                    "no {code} at {at:?} saying {msg:?}; got:\n{}",
                    listing()
                ));
            }
        }
        Ok(())
    };
    match (&case.expect, &got) {
        (Expect::Fails(code, msg), Err(e)) => {
            let x = e.diagnostic(&case.file);
            if x.code != *code || !x.message.contains(msg.as_str()) {
                return Err(format!("failed with {x}; expected {code} saying {msg:?}"));
            }
            Ok(())
        }
        (Expect::Fails(code, _), Ok(_)) => Err(format!(
            "read; expected it to fail with {code}; got:\n{}",
            listing()
        )),
        (_, Err(e)) => Err(format!("not read: {}", e.diagnostic(&case.file))),
        (Expect::Diags(list), Ok(_)) => want(list),
        (Expect::Read(list, check), Ok(a)) => {
            want(list)?;
            check(a).map_err(|e| format!("{e}; diagnostics:\n{}", listing()))
        }
        (Expect::Without(codes, check), Ok(a)) => {
            if let Some(x) = diags.iter().find(|x| codes.contains(&x.code.as_str())) {
                return Err(format!("reported {x}; expected none of {codes:?}"));
            }
            check(a).map_err(|e| format!("{e}; diagnostics:\n{}", listing()))
        }
    }
}

#[test]
fn every_hostile_input_gets_the_outcome_it_must() {
    let rules = Rules::bundled();
    let cases = cases::all();
    assert!(cases.len() >= 200, "the corpus has {} inputs", cases.len());
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|c| {
            run(&rules, c)
                .err()
                .map(|e| format!("{} ({}): {e}", c.what, c.file))
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n\n")
    );
}
