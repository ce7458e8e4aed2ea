//! Synthetic filled assessments for fictional countries: `mgi generate`, fixtures,
//! examples and benchmarks.
//!
//! Not part of the library's API: a module of the binary (`mgi generate`), written
//! against the library's public API, and included with `#[path]` by the test crate
//! (`tests/it/main.rs`), the examples that need it and the library's own unit tests. Codes come from ISO 3166's user-assigned ranges (XAA–XZZ, then QMA–QZZ,
//! AAA–AAZ and ZZA–ZZZ), so no real country is ever given answers.
//!
//! Draws come from ChaCha8 seeded from (seed, unit index): the same seed gives the same
//! workbooks on every machine and thread count.

use mgi::i18n::{Text, fold};
use mgi::rules::{Framework, ScaleKind};
use mgi::template::{CellValue, Fill, Prefill};
use rand_chacha::ChaCha8Rng;
use rand_core::{RngCore, SeedableRng};

/// The `i`-th user-assigned code (0 → XAA). There are 1,092 of them.
pub fn unit_code(i: usize) -> Option<String> {
    let letter = |k: usize| (b'A' + k as u8) as char;
    let mut i = i;
    if i < 676 {
        return Some(format!("X{}{}", letter(i / 26), letter(i % 26)));
    }
    i -= 676;
    if i < 14 * 26 {
        return Some(format!("Q{}{}", letter(12 + i / 26), letter(i % 26)));
    }
    i -= 14 * 26;
    if i < 26 {
        return Some(format!("AA{}", letter(i)));
    }
    i -= 26;
    (i < 26).then(|| format!("ZZ{}", letter(i)))
}

/// A fictional country name for a code (deterministic).
pub fn unit_name(code: &str) -> String {
    const A: [&str; 13] = [
        "Al", "Bel", "Cor", "Dar", "El", "Fen", "Gal", "Hes", "Ir", "Jor", "Kal", "Lum", "Mor",
    ];
    const B: [&str; 13] = [
        "van", "dor", "mar", "ten", "sel", "ran", "bor", "lin", "ros", "tav", "ner", "quil", "zan",
    ];
    const C: [&str; 6] = ["ia", "a", "ova", "istan", "land", "ea"];
    let b = code.as_bytes();
    let k = |i: usize| (b[i] - b'A') as usize;
    format!(
        "{}{}{} (fictional)",
        A[k(1) % 13],
        B[(k(2) + k(0)) % 13],
        C[(k(1) + k(2)) % 6]
    )
}

/// How a synthetic workbook's answers are typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnswerStyle {
    /// Option codes (`yes`, `partial`...).
    Codes,
    /// Labels in a language.
    Labels(&'static str),
    /// Aliases, odd case, missing accents and stray spaces.
    Messy,
}

/// Options of [`synthetic`].
#[derive(Debug, Clone)]
pub struct SynthOptions {
    /// Seed.
    pub seed: u64,
    /// Index of the unit (decides its code and its draws).
    pub index: usize,
    /// Period written in `About`.
    pub period: String,
    /// Round written in `About`.
    pub round: String,
    /// How answers are typed.
    pub style: AnswerStyle,
    /// Share of answers left blank.
    pub blank: f64,
    /// Share answered not applicable (with a justification).
    pub not_applicable: f64,
    /// Share answered don't know.
    pub dont_know: f64,
}

impl SynthOptions {
    /// Clean, complete answers in codes.
    pub fn clean(seed: u64, index: usize) -> Self {
        SynthOptions {
            seed,
            index,
            period: "2026".into(),
            round: "1".into(),
            style: AnswerStyle::Codes,
            blank: 0.0,
            not_applicable: 0.0,
            dont_know: 0.0,
        }
    }
}

const REGIONS: [&str; 5] = ["North", "South", "East", "West", "Islands"];
const INCOME: [&str; 4] = [
    "Low income",
    "Lower middle income",
    "Upper middle income",
    "High income",
];

fn uniform(rng: &mut ChaCha8Rng) -> f64 {
    (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64
}

fn label(t: &Text, lang: &str) -> String {
    t.get(lang)
        .or_else(|| t.values().next())
        .unwrap_or("")
        .to_string()
}

/// Messes a text up the way people do: odd case, accents dropped, stray spaces.
fn messy(s: &str, k: u64) -> String {
    match k % 4 {
        0 => format!("  {}", s.to_uppercase()),
        1 => format!("{} ", fold(s)),
        2 => s.to_lowercase(),
        _ => format!(" {s}  "),
    }
}

/// A filled workbook's content for one fictional unit: `About` fields, context answers
/// and every row's answer, evidence and comment.
pub fn synthetic(fw: &Framework, o: &SynthOptions) -> Prefill {
    let mut rng =
        ChaCha8Rng::seed_from_u64(o.seed ^ (o.index as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15));
    let code = unit_code(o.index).unwrap_or_else(|| format!("X{:02}", o.index % 100));
    let mut p = Prefill::default();
    p.about.insert("unit_code".into(), code.clone());
    p.about.insert("unit_name".into(), unit_name(&code));
    p.about.insert("unit_level".into(), "country".into());
    p.about.insert("period".into(), o.period.clone());
    p.about.insert("round".into(), o.round.clone());
    p.about.insert(
        "agency".into(),
        "Ministry of the Interior (fictional)".into(),
    );
    p.about.insert(
        "contact".into(),
        format!("focal.point@{}.example", code.to_lowercase()),
    );
    p.about.insert(
        "date".into(),
        format!("{}-06-30", o.period.get(..4).unwrap_or("2026")),
    );
    p.about.insert(
        "region".into(),
        REGIONS[(rng.next_u32() % 5) as usize].into(),
    );
    p.about.insert(
        "income_group".into(),
        INCOME[(rng.next_u32() % 4) as usize].into(),
    );
    for q in &fw.context {
        let k = (rng.next_u32() as usize) % q.options.len();
        p.context.insert(q.id.clone(), q.options[k].code.clone());
    }
    // A latent capacity per unit and per top-level area gives realistic profiles.
    let capacity = 0.1 + 0.85 * uniform(&mut rng);
    let mut area_shift = vec![0.0; fw.nodes.len()];
    for s in area_shift.iter_mut() {
        *s = 0.5 * (uniform(&mut rng) - 0.5);
    }
    let lang_of_style = match o.style {
        AnswerStyle::Labels(l) => l,
        _ => fw.languages[0].as_str(),
    };
    let context = p.context.clone();
    let mut write = |id: &str,
                     scale_kind: ScaleKind,
                     options: &[mgi::rules::Choice],
                     numeric: Option<&mgi::rules::Numeric>,
                     area: usize,
                     rng: &mut ChaCha8Rng| {
        let u = uniform(rng);
        let mut fill = Fill::default();
        if u < o.blank {
            p.rows.insert(id.to_string(), fill);
            return;
        }
        if u < o.blank + o.not_applicable {
            fill.answer = Some(CellValue::Text(label(
                &fw.special.not_applicable.label,
                lang_of_style,
            )));
            fill.comment = Some("Does not arise in this country (fictional justification).".into());
            p.rows.insert(id.to_string(), fill);
            return;
        }
        if u < o.blank + o.not_applicable + o.dont_know {
            fill.answer = Some(CellValue::Text(label(
                &fw.special.dont_know.label,
                lang_of_style,
            )));
            p.rows.insert(id.to_string(), fill);
            return;
        }
        let level = (capacity + area_shift[area] + 0.8 * (uniform(rng) - 0.5)).clamp(0.0, 1.0);
        if let (ScaleKind::Numeric, Some(n)) = (scale_kind, numeric) {
            let lo = n.min.unwrap_or(n.goalposts[0].0);
            let hi = n.max.unwrap_or(n.goalposts[n.goalposts.len() - 1].0);
            let x = (lo + level * (hi - lo)).round();
            fill.answer = Some(if o.style == AnswerStyle::Messy {
                CellValue::Text(format!(" {x} "))
            } else {
                CellValue::Number(x)
            });
            fill.evidence = Some(format!(
                "National statistics yearbook {} (fictional)",
                o.period
            ));
            p.rows.insert(id.to_string(), fill);
            return;
        }
        // The option whose score is closest to the drawn level.
        let k = options
            .iter()
            .enumerate()
            .min_by(|a, b| {
                (a.1.score - level)
                    .abs()
                    .total_cmp(&(b.1.score - level).abs())
            })
            .map(|(k, _)| k)
            .unwrap_or(0);
        let opt = &options[k];
        let text = match o.style {
            AnswerStyle::Codes => opt.code.clone(),
            AnswerStyle::Labels(l) => label(&opt.label, l),
            AnswerStyle::Messy => {
                let r = rng.next_u64();
                let choices: Vec<String> = std::iter::once(opt.code.clone())
                    .chain(opt.label.values().map(str::to_string))
                    .chain(opt.aliases.iter().cloned())
                    .collect();
                messy(&choices[(r as usize / 7) % choices.len()], r)
            }
        };
        fill.answer = Some(CellValue::Text(text));
        if opt.score > 0.0 {
            fill.evidence = Some(format!(
                "Decree {}/{} of {} (fictional)",
                10 + rng.next_u32() % 90,
                o.period.get(..4).unwrap_or("2026"),
                code
            ));
        }
        if rng.next_u32().is_multiple_of(5) {
            fill.responsible = Some("Migration directorate".into());
        }
        p.rows.insert(id.to_string(), fill);
    };
    let crit = mgi::rules::criterion_scale();
    for i in fw.indicators_in_tree_order() {
        let ind = &fw.indicators[i];
        let scale = &fw.scales[ind.scale];
        // Rows that do not apply given the context are left blank, as a focal point would.
        if !fw.applies(i, &context) {
            continue;
        }
        let area = fw.path_to(ind.parent).get(1).copied().unwrap_or(fw.root);
        if scale.cumulative {
            for c in &ind.criteria {
                write(
                    &c.id,
                    ScaleKind::Boolean,
                    &crit.options,
                    None,
                    area,
                    &mut rng,
                );
            }
        } else {
            // Only the options offered under the context answers (no "Partially" under
            // SDG 10.7.2's official coding).
            let offered: Vec<mgi::rules::Choice>;
            let options = if scale.options.iter().any(|o| o.applies_if.is_some()) {
                offered = (0..scale.options.len())
                    .filter(|&k| fw.option_offered(ind.scale, k, &context))
                    .map(|k| scale.options[k].clone())
                    .collect();
                &offered[..]
            } else {
                &scale.options[..]
            };
            write(
                &ind.id,
                scale.kind,
                options,
                scale.numeric.as_ref(),
                area,
                &mut rng,
            );
        }
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_user_assigned_and_distinct() {
        assert_eq!(unit_code(0).as_deref(), Some("XAA"));
        assert_eq!(unit_code(675).as_deref(), Some("XZZ"));
        assert_eq!(unit_code(676).as_deref(), Some("QMA"));
        assert_eq!(unit_code(1091).as_deref(), Some("ZZZ"));
        assert_eq!(unit_code(1092), None);
        let all: std::collections::BTreeSet<String> = (0..1092).filter_map(unit_code).collect();
        assert_eq!(all.len(), 1092);
    }
}
