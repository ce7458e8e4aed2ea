//! The checks of what identifies an assessment — unit code, period, round — made once
//! for both readers: on the `About` sheet of a workbook and on each row of a table.

use super::Meta;
use crate::diag::{Code, Diagnostic, Location, Msg};
use crate::i18n::Arg;
use crate::i18n::fold;

/// Years an assessment's period may name.
pub const YEARS: std::ops::RangeInclusive<u32> = 1900..=2100;

/// The highest round taken as plausible.
pub const MAX_ROUND: u32 = 999;

/// How a field is named in messages and where it is.
pub struct Field {
    /// "Country or unit code" (in the message's language), or `column "country"` for
    /// a table.
    pub name: Arg,
    /// Where its value is (or would be).
    pub at: Location,
    /// Whether the field is there at all (a table may have no round column).
    pub present: bool,
}

/// The identifying fields of one assessment.
pub struct Fields {
    /// Unit code.
    pub unit_code: Field,
    /// Period.
    pub period: Field,
    /// Round.
    pub round: Field,
}

/// True when a unit level names a country in one of the tool's languages (the template
/// offers `template.level.country`; "pais" is Spanish typed without its accent).
pub fn is_country_level(level: &str) -> bool {
    let f = fold(level);
    f == "country"
        || f == "pais"
        || crate::i18n::catalogue::LANGUAGES
            .iter()
            .any(|l| fold(crate::i18n::msg(l, "template.level.country")) == f)
}

/// Whether a text is a period of the accepted forms: a year or two years.
fn years(p: &str) -> Option<Vec<u32>> {
    let year = |s: &str| {
        let s = s.trim();
        (s.len() == 4 && s.chars().all(|c| c.is_ascii_digit()))
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    if let Some(y) = year(p) {
        return Some(vec![y]);
    }
    let parts: Vec<&str> = p.split(['/', '-']).collect();
    if parts.len() != 2 {
        return None;
    }
    parts.iter().map(|s| year(s)).collect()
}

/// Checks unit code, period and round, reporting each problem at its field; fills an
/// empty round with 1 and writes a valid round in its plain form (`01` → `1`).
pub fn check(meta: &mut Meta, f: &Fields, diags: &mut Vec<Diagnostic>) {
    if meta.unit_code.is_empty() {
        diags.push(Diagnostic::error_msg(
            Code::W002,
            f.unit_code.at.clone(),
            Msg::new("diag.w002_unit").arg("field", f.unit_code.name.clone()),
        ));
    } else if (meta.unit_level.is_empty() || is_country_level(&meta.unit_level))
        && !(meta.unit_code.len() == 3 && meta.unit_code.chars().all(|c| c.is_ascii_uppercase()))
    {
        diags.push(Diagnostic::warning_msg(
            Code::W003,
            f.unit_code.at.clone(),
            Msg::new("diag.w003").arg("code", meta.unit_code.as_str()),
        ));
    }
    if meta.period.is_empty() {
        diags.push(Diagnostic::error_msg(
            Code::W002,
            f.period.at.clone(),
            Msg::new("diag.w002_period").arg("field", f.period.name.clone()),
        ));
    } else {
        match years(&meta.period) {
            None => diags.push(Diagnostic::warning_msg(
                Code::W004,
                f.period.at.clone(),
                Msg::new("diag.w004").arg("period", meta.period.as_str()),
            )),
            Some(ys) => {
                if let Some(y) = ys.iter().find(|y| !YEARS.contains(y)) {
                    diags.push(Diagnostic::error_msg(
                        Code::W044,
                        f.period.at.clone(),
                        Msg::new("diag.w044_year")
                            .arg("period", meta.period.as_str())
                            .arg("year", format!("{y:04}"))
                            .arg("from", YEARS.start().to_string())
                            .arg("to", YEARS.end().to_string()),
                    ));
                } else if ys.len() == 2 && ys[1] <= ys[0] {
                    diags.push(Diagnostic::error_msg(
                        Code::W044,
                        f.period.at.clone(),
                        Msg::new("diag.w044_backwards")
                            .arg("period", meta.period.as_str())
                            .arg(
                                "example",
                                format!("{}/{}", ys[1].min(ys[0]), ys[1].max(ys[0]).max(ys[0] + 1)),
                            ),
                    ));
                }
            }
        }
    }
    let round = meta.round.trim().to_string();
    if round.is_empty() {
        meta.round = "1".into();
        if f.round.present {
            diags.push(Diagnostic::warning_msg(
                Code::W002,
                f.round.at.clone(),
                Msg::new("diag.w002_round").arg("field", f.round.name.clone()),
            ));
        }
        return;
    }
    let whole = round.chars().all(|c| c.is_ascii_digit());
    match round.parse::<u64>() {
        Ok(n) if whole && (1..=MAX_ROUND as u64).contains(&n) => meta.round = n.to_string(),
        _ => diags.push(Diagnostic::error_msg(
            Code::W043,
            f.round.at.clone(),
            Msg::new("diag.w043")
                .arg("round", round.as_str())
                .arg("max", MAX_ROUND.to_string()),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(code: &str, period: &str, round: &str) -> (Meta, Vec<String>) {
        let mut meta = Meta {
            unit_code: code.into(),
            period: period.into(),
            round: round.into(),
            ..Default::default()
        };
        let field = |n: &str| Field {
            name: n.into(),
            at: Location::file("x"),
            present: true,
        };
        let f = Fields {
            unit_code: field("code"),
            period: field("period"),
            round: field("round"),
        };
        let mut d = Vec::new();
        check(&mut meta, &f, &mut d);
        (meta, d.iter().map(|d| d.code.to_string()).collect())
    }

    #[test]
    fn rounds_and_periods() {
        assert_eq!(run("XAA", "2026", "01").0.round, "1");
        assert!(run("XAA", "2026", "").1.contains(&"W002".to_string()));
        for bad in ["-1", "1.5", "abc", "1e9", "1000000000", "0"] {
            assert_eq!(run("XAA", "2026", bad).1, ["W043"], "{bad}");
        }
        for bad in ["2026/2025", "0000", "9999", "2026-2026"] {
            assert_eq!(run("XAA", bad, "1").1, ["W044"], "{bad}");
        }
        assert!(run("XAA", "2025/2026", "2").1.is_empty());
        assert_eq!(run("XAA", "next year", "1").1, ["W004"]);
    }
}
