//! The intake row model, shared by the workbook reader and the table reader: an answer
//! row is an id with its answer, evidence, comment and responsible-entity cells, and
//! every check of an answer (W020 to W025, W041, W049) and of a context answer (W028)
//! is made here, once, for both.

use super::Answer;
use super::answer::{Matcher, Reading, RowKind};
use super::grid::Value;
use crate::diag::{Code, Diagnostic, Location, Msg};
use crate::i18n::Arg;
use crate::i18n::fold;
use crate::rules::{ContextQuestion, Evidence, Framework};
use std::collections::BTreeMap;

/// Where the cells of a reader are: a sheet of a workbook, or the lines of a text file.
#[derive(Debug, Clone, Copy)]
pub struct Site<'a> {
    /// The file as the user named it.
    pub file: &'a str,
    /// The sheet, or `None` for a text file.
    pub sheet: Option<&'a str>,
}

/// A cell's place: 0-based row and column of a sheet, or 1-based line and field
/// number of a text file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    /// Row (sheet) or line (text).
    pub row: u32,
    /// Column (sheet) or field number (text).
    pub col: u32,
}

impl Site<'_> {
    /// The location of a place.
    pub fn at(&self, p: Place) -> Location {
        match self.sheet {
            Some(s) => Location::cell(self.file, s, p.row, p.col),
            None => Location::text(self.file, p.row as usize, p.col as usize),
        }
    }
}

/// One cell of an answer row.
#[derive(Debug, Clone, Copy)]
pub struct Cell<'a> {
    /// Its value (`None` when empty).
    pub value: Option<&'a Value>,
    /// Where it is.
    pub place: Place,
    /// A formula without a cached value.
    pub uncached: bool,
}

/// An answer row as either reader found it. A text column that the input does not
/// have is `None`.
#[derive(Debug, Clone, Copy)]
pub struct Row<'a> {
    /// Indicator or criterion id, as the framework spells it.
    pub id: &'a str,
    /// What the id names.
    pub kind: RowKind,
    /// The answer cell.
    pub answer: Cell<'a>,
    /// The evidence cell.
    pub evidence: Option<Cell<'a>>,
    /// The comment cell.
    pub comment: Option<Cell<'a>>,
    /// The responsible-entity cell.
    pub responsible: Option<Cell<'a>>,
    /// The `Source` cell of a merged workbook.
    pub source: Option<Cell<'a>>,
}

/// The answer rows of an indicator: its criteria when its level comes from them, else
/// the indicator itself.
pub fn answer_rows(fw: &Framework, i: usize) -> Vec<(&str, RowKind)> {
    let ind = &fw.indicators[i];
    if fw.scales[ind.scale].cumulative {
        ind.criteria
            .iter()
            .map(|c| (c.id.as_str(), RowKind::Criterion(i)))
            .collect()
    } else {
        vec![(ind.id.as_str(), RowKind::Indicator(i))]
    }
}

/// Reads and checks answer rows against one framework.
pub struct Checker<'a> {
    /// The framework.
    pub fw: &'a Framework,
    /// Its matcher.
    pub matcher: &'a Matcher,
    /// Where the cells are.
    pub site: Site<'a>,
    /// Context answers (question → option code).
    pub context: &'a BTreeMap<String, String>,
}

/// The text columns, as named inside a message (catalogue keys).
const COLUMN_WORDS: [&str; 3] = [
    "diag.word.evidence",
    "diag.word.comment",
    "diag.word.responsible",
];

impl Checker<'_> {
    fn is_table(&self) -> bool {
        self.site.sheet.is_none()
    }

    /// A text column's content: error values read as empty (and are reported), so are
    /// formulas without a value.
    fn text(
        &self,
        cell: Option<Cell<'_>>,
        word: &'static str,
        diags: &mut Vec<Diagnostic>,
    ) -> String {
        let Some(c) = cell else {
            return String::new();
        };
        if c.uncached {
            diags.push(Diagnostic::warning_msg(
                Code::W049,
                self.site.at(c.place),
                Msg::new("diag.w049_text").arg("column", Arg::Message(word, Vec::new())),
            ));
        }
        match c.value {
            Some(Value::Error(e)) => {
                diags.push(Diagnostic::warning_msg(
                    Code::W023,
                    self.site.at(c.place),
                    Msg::new("diag.w023")
                        .arg("column", Arg::Message(word, Vec::new()))
                        .arg("value", e.as_str()),
                ));
                String::new()
            }
            Some(v) => v.display().trim().to_string(),
            None => String::new(),
        }
    }

    /// Reads one answer row and reports what is wrong with it.
    pub fn row(&self, row: &Row<'_>, diags: &mut Vec<Diagnostic>) -> Answer {
        let fw = self.fw;
        let id = row.id;
        let location = self.site.at(row.answer.place);
        let given = row.answer.value.map(Value::display).unwrap_or_default();
        let scale = match row.kind {
            RowKind::Indicator(i) => Some(fw.indicators[i].scale),
            _ => None,
        };
        let (reading, problem) = match row.kind {
            RowKind::Cumulative => {
                if !given.trim().is_empty() {
                    let key = if self.is_table() {
                        "diag.w041_table"
                    } else {
                        "diag.w041"
                    };
                    diags.push(Diagnostic::warning_msg(
                        Code::W041,
                        location.clone(),
                        Msg::new(key).arg("given", given.as_str()).arg("id", id),
                    ));
                }
                (Reading::Blank, None)
            }
            _ => self.matcher.read(fw, scale, row.answer.value),
        };
        // An option the scale offers only under other context answers (W029).
        let mut reading = reading;
        let not_offered =
            super::answer::check_offered(fw, scale, &mut reading, &given, self.context, id);
        if let Some(p) = problem {
            diags.push(Diagnostic::error_msg(
                Code::W020,
                location.clone(),
                Msg::new("diag.w020")
                    .arg("problem", p)
                    .arg("expected", self.matcher.expected(scale).clone()),
            ));
        }
        if let Some(m) = not_offered {
            diags.push(Diagnostic::error_msg(Code::W029, location.clone(), m));
        }
        if row.answer.uncached && row.kind != RowKind::Cumulative {
            diags.push(Diagnostic::error_msg(
                Code::W049,
                location.clone(),
                Msg::new("diag.w049").arg("id", id),
            ));
        }
        let answer = Answer {
            id: id.to_string(),
            given: given.clone(),
            reading,
            evidence: self.text(row.evidence, COLUMN_WORDS[0], diags),
            comment: self.text(row.comment, COLUMN_WORDS[1], diags),
            responsible: self.text(row.responsible, COLUMN_WORDS[2], diags),
            location: location.clone(),
            origin: row
                .source
                .and_then(|c| c.value)
                .and_then(|v| super::Origin::parse(&v.display())),
        };
        let i = match row.kind {
            RowKind::Indicator(i) | RowKind::Criterion(i) => i,
            _ => return answer,
        };
        if reading == Reading::NotApplicable
            && fw.special.na_requires_justification
            && answer.comment.is_empty()
            && row.comment.is_some()
        {
            let key = if self.is_table() {
                "diag.w021_table"
            } else {
                "diag.w021"
            };
            diags.push(Diagnostic::error_msg(
                Code::W021,
                location.clone(),
                Msg::new(key).arg("id", id),
            ));
        }
        let positive = match reading {
            Reading::Option(o) => match row.kind {
                RowKind::Criterion(..) => self.matcher.criterion_scale().options[o].score > 0.0,
                _ => fw.scales[fw.indicators[i].scale].options[o].score > 0.0,
            },
            Reading::Number(_) => true,
            _ => false,
        };
        if positive
            && fw.indicators[i].evidence == Evidence::Expected
            && answer.evidence.is_empty()
            && row.evidence.is_some()
        {
            let key = if self.is_table() {
                "diag.w022_table"
            } else {
                "diag.w022"
            };
            diags.push(Diagnostic::warning_msg(
                Code::W022,
                location.clone(),
                Msg::new(key).arg("id", id).arg("given", given.trim()),
            ));
        }
        if reading.is_answer() && !fw.applies(i, self.context) {
            diags.push(Diagnostic::warning_msg(
                Code::W025,
                location,
                Msg::new("diag.w025")
                    .arg("id", id)
                    .arg("context", context_text(self.context))
                    .arg("given", given.trim()),
            ));
        }
        answer
    }
}

fn context_text(context: &BTreeMap<String, String>) -> String {
    context
        .iter()
        .map(|(k, v)| format!("{k} = {v}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Reads a context answer (by option code, label or alias); an answer that is not an
/// option is reported (W028) and left out.
pub fn context_answer(
    fw: &Framework,
    q: &ContextQuestion,
    given: &str,
    at: Location,
    context: &mut BTreeMap<String, String>,
    diags: &mut Vec<Diagnostic>,
) {
    let f = fold(given);
    if f.is_empty() {
        return;
    }
    let hit = q.options.iter().find(|o| {
        fold(&o.code) == f
            || o.label.values().any(|l| fold(l) == f)
            || o.aliases.iter().any(|a| fold(a) == f)
    });
    match hit {
        Some(o) => {
            context.insert(q.id.clone(), o.code.clone());
        }
        None => diags.push(Diagnostic::error_msg(
            Code::W028,
            at,
            Msg::new("diag.w028")
                .arg("given", given.trim())
                .arg("question", q.id.as_str())
                .arg(
                    "options",
                    super::answer::local(|l| {
                        q.options
                            .iter()
                            .map(|o| format!("{} ({})", fw.text(&o.label, l), o.code))
                            .collect::<Vec<_>>()
                            .join(", ")
                    }),
                ),
        )),
    }
}

/// "No indicator answered" (W042), unless the assessment is a contribution (its About
/// names a contributor) or already reported as unreadable in another way.
pub fn none_answered(
    answers: &[Answer],
    contributor: &str,
    at: Location,
    what: Msg,
) -> Option<Diagnostic> {
    if !contributor.trim().is_empty() || answers.iter().any(|a| a.reading.is_answer()) {
        return None;
    }
    Some(Diagnostic::error_msg(
        Code::W042,
        at,
        Msg::new("diag.w042")
            .arg("what", what)
            .arg("n", answers.len()),
    ))
}
