//! Reading one answer cell against its scale: codes, labels and aliases in any of the
//! framework's languages, any case, with or without accents; numbers stored as text.

use super::grid::{Value, number_text};
use crate::diag::Msg;
use crate::i18n::{Arg, Text, fold};
use crate::rules::{Framework, Scale, ScaleKind, criterion_scale};
use std::collections::HashMap;

/// An answer as read (not yet scored).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Reading {
    /// An option of the scale (index into `Scale::options`).
    Option(usize),
    /// A number (numeric scales).
    Number(f64),
    /// Not applicable.
    NotApplicable,
    /// Don't know.
    DontKnow,
    /// Nothing in the cell.
    Blank,
    /// Something that is not an answer of the scale.
    Invalid,
}

impl Reading {
    /// Whether the cell held anything: every reading but [`Reading::Blank`] (an entry
    /// that is not an answer of the scale, not applicable and don't know were all
    /// written by someone).
    pub fn is_answer(&self) -> bool {
        !matches!(self, Reading::Blank)
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Target {
    Option(usize),
    Na,
    Dk,
}

/// What a row id of the `Assessment` sheet names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    /// An indicator (index) whose scale is not cumulative.
    Indicator(usize),
    /// An indicator whose level comes from its criteria.
    Cumulative,
    /// A criterion of an indicator (the indicator's index).
    Criterion(usize),
    /// A heading row (a node).
    Group,
}

fn row_kinds(fw: &Framework) -> HashMap<String, RowKind> {
    let mut m = HashMap::new();
    for n in &fw.nodes {
        m.insert(n.id.clone(), RowKind::Group);
    }
    for (i, ind) in fw.indicators.iter().enumerate() {
        if fw.scales[ind.scale].cumulative {
            m.insert(ind.id.clone(), RowKind::Cumulative);
            for c in &ind.criteria {
                m.insert(c.id.clone(), RowKind::Criterion(i));
            }
        } else {
            m.insert(ind.id.clone(), RowKind::Indicator(i));
        }
    }
    m
}

/// Matches cell texts to answers, for every scale of a framework (built once).
#[derive(Debug, Clone)]
pub struct Matcher {
    /// What each row id names.
    pub rows: HashMap<String, RowKind>,
    by_scale: Vec<HashMap<String, Target>>,
    criterion: HashMap<String, Target>,
    criterion_scale: Scale,
    expected: Vec<Arg>,
    criterion_expected: Arg,
}

/// A text built from a framework in each interface language (the framework's labels,
/// falling back to its first language), for a diagnostic's argument.
pub fn local(f: impl Fn(&str) -> String) -> Arg {
    Arg::Local(Text(
        crate::i18n::catalogue::LANGUAGES
            .iter()
            .map(|l| (l.to_string(), f(l)))
            .collect(),
    ))
}

impl Matcher {
    /// Builds the lookup tables of a framework.
    pub fn new(fw: &Framework) -> Self {
        let special = |m: &mut HashMap<String, Target>| {
            let na = &fw.special.not_applicable;
            for s in std::iter::once(na.code.as_str())
                .chain(na.label.values())
                .chain(na.aliases.iter().map(String::as_str))
            {
                m.insert(fold(s), Target::Na);
            }
            let dk = &fw.special.dont_know;
            for s in std::iter::once(dk.code.as_str())
                .chain(dk.label.values())
                .chain(dk.aliases.iter().map(String::as_str))
            {
                m.insert(fold(s), Target::Dk);
            }
        };
        let table = |scale: &Scale| {
            let mut m = HashMap::new();
            special(&mut m);
            for (i, o) in scale.options.iter().enumerate() {
                for s in std::iter::once(o.code.as_str())
                    .chain(o.label.values())
                    .chain(o.aliases.iter().map(String::as_str))
                {
                    m.insert(fold(s), Target::Option(i));
                }
            }
            m
        };
        let expected_of = |scale: &Scale| -> Arg {
            let na = local(|l| fw.text(&fw.special.not_applicable.label, l).to_string());
            let dk = local(|l| fw.text(&fw.special.dont_know.label, l).to_string());
            let msg = match (&scale.numeric, scale.kind) {
                (Some(n), ScaleKind::Numeric) => match (n.min, n.max) {
                    (Some(a), Some(b)) => Msg::new("diag.expected.number_between")
                        .arg("min", number_text(a))
                        .arg("max", number_text(b)),
                    (Some(a), None) => {
                        Msg::new("diag.expected.number_at_least").arg("min", number_text(a))
                    }
                    (None, Some(b)) => {
                        Msg::new("diag.expected.number_at_most").arg("max", number_text(b))
                    }
                    (None, None) => Msg::new("diag.expected.number"),
                }
                .arg("na", na)
                .arg("dk", dk),
                _ => Msg::new("diag.expected.one_of").arg(
                    "options",
                    local(|l| {
                        scale
                            .options
                            .iter()
                            .map(|o| fw.text(&o.label, l))
                            .chain([
                                fw.text(&fw.special.not_applicable.label, l),
                                fw.text(&fw.special.dont_know.label, l),
                            ])
                            .collect::<Vec<_>>()
                            .join(", ")
                    }),
                ),
            };
            Arg::Message(msg.key, msg.args)
        };
        let crit = criterion_scale();
        Matcher {
            rows: row_kinds(fw),
            by_scale: fw.scales.iter().map(table).collect(),
            criterion: table(&crit),
            expected: fw.scales.iter().map(expected_of).collect(),
            criterion_expected: expected_of(&crit),
            criterion_scale: crit,
        }
    }

    /// The yes/no scale of criteria.
    pub fn criterion_scale(&self) -> &Scale {
        &self.criterion_scale
    }

    /// What an answer on a scale may be, for messages ("one of: Yes, Partially, ..."),
    /// as a message argument in every language.
    pub fn expected(&self, scale: Option<usize>) -> &Arg {
        match scale {
            Some(s) => &self.expected[s],
            None => &self.criterion_expected,
        }
    }

    /// Reads a cell for a scale (`None`: the criterion scale). Returns the reading and,
    /// for an invalid cell, what was wrong.
    pub fn read(
        &self,
        fw: &Framework,
        scale: Option<usize>,
        cell: Option<&Value>,
    ) -> (Reading, Option<Msg>) {
        let (table, sc) = match scale {
            Some(s) => (&self.by_scale[s], &fw.scales[s]),
            None => (&self.criterion, &self.criterion_scale),
        };
        let Some(cell) = cell else {
            return (Reading::Blank, None);
        };
        let text = match cell {
            Value::Error(e) => {
                return (
                    Reading::Invalid,
                    Some(Msg::new("diag.problem.error_value").arg("value", e.to_string())),
                );
            }
            Value::Number(x) if sc.kind == ScaleKind::Numeric => return self.number(sc, *x),
            other => other.display(),
        };
        let key = fold(&text);
        if key.is_empty() {
            return (Reading::Blank, None);
        }
        if let Some(t) = table.get(&key) {
            return (
                match t {
                    Target::Option(i) => Reading::Option(*i),
                    Target::Na => Reading::NotApplicable,
                    Target::Dk => Reading::DontKnow,
                },
                None,
            );
        }
        if sc.kind == ScaleKind::Numeric
            && let Some(x) = parse_number(&key)
        {
            return self.number(sc, x);
        }
        (
            Reading::Invalid,
            Some(Msg::new("diag.problem.not_on_scale").arg("text", text)),
        )
    }

    fn number(&self, sc: &Scale, x: f64) -> (Reading, Option<Msg>) {
        let n = sc.numeric.as_ref().expect("numeric scale");
        let below = n.min.is_some_and(|m| x < m);
        let above = n.max.is_some_and(|m| x > m);
        if !x.is_finite() || below || above {
            return (
                Reading::Invalid,
                Some(Msg::new("diag.problem.out_of_range").arg("value", number_text(x))),
            );
        }
        (Reading::Number(x), None)
    }
}

/// Checks an answer read on `scale` against the options offered under the context
/// answers (`Framework::option_offered`). An option that is not offered (for example
/// "Partially" under the official yes/no coding) is not scored: the reading becomes
/// [`Reading::Invalid`] and the message for W029 is returned, naming the answer found,
/// the context answers it conflicts with and the options offered.
pub fn check_offered(
    fw: &Framework,
    scale: Option<usize>,
    reading: &mut Reading,
    given: &str,
    context: &std::collections::BTreeMap<String, String>,
    id: &str,
) -> Option<Msg> {
    let (Some(s), Reading::Option(k)) = (scale, *reading) else {
        return None;
    };
    if fw.option_offered(s, k, context) {
        return None;
    }
    *reading = Reading::Invalid;
    let sc = &fw.scales[s];
    let offered = local(|l| {
        (0..sc.options.len())
            .filter(|&i| fw.option_offered(s, i, context))
            .map(|i| fw.text(&sc.options[i].label, l))
            .chain([
                fw.text(&fw.special.not_applicable.label, l),
                fw.text(&fw.special.dont_know.label, l),
            ])
            .collect::<Vec<_>>()
            .join(", ")
    });
    let tests = sc.options[k]
        .applies_if
        .as_ref()
        .map(|c| c.tests())
        .unwrap_or_default();
    let mut under: Vec<String> = Vec::new();
    for t in tests {
        if let Some(v) = context.get(&t.question) {
            let pair = format!("{} = {v}", t.question);
            if !under.contains(&pair) {
                under.push(pair);
            }
        }
    }
    Some(
        Msg::new("diag.w029")
            .arg("id", id)
            .arg("given", given.trim())
            .arg(
                "label",
                local(|l| fw.text(&sc.options[k].label, l).to_string()),
            )
            .arg("context", under.join(", "))
            .arg("offered", offered),
    )
}

/// A number typed as text: `"45"`, `" 45.5 "`, `"45,5"`, `"45 %"`, `"1 200"`.
pub fn parse_number(folded: &str) -> Option<f64> {
    let s: String = folded
        .trim()
        .trim_end_matches('%')
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{202f}')
        .collect();
    if s.is_empty() {
        return None;
    }
    let s = if s.contains(',') && !s.contains('.') {
        s.replace(',', ".")
    } else {
        s.replace(',', "")
    };
    s.parse::<f64>().ok().filter(|x| x.is_finite())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_as_text() {
        assert_eq!(parse_number("45"), Some(45.0));
        assert_eq!(parse_number("45,5"), Some(45.5));
        assert_eq!(parse_number("45 %"), Some(45.0));
        assert_eq!(parse_number("1,200.5"), Some(1200.5));
        assert_eq!(parse_number("abc"), None);
    }
}
