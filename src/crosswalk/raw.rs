//! A crosswalk file as written: serde structures that mirror the TOML, with spans kept
//! wherever a check needs to point at a place in the file. Their `///` comments are the
//! crosswalk section of the rule-format reference (`docs/rule-format.md`).

use crate::i18n::Text;
use serde::Deserialize;
use toml::Spanned;

/// A crosswalk file: a `[crosswalk]` header, its `[[map]]` pairs and optional
/// `[[target]]` rules. Put it anywhere in a rules folder (the bundled ones are in
/// `crosswalks/`, one file per pair of frameworks, named `FROM--TO.toml`).
#[derive(Debug, Default, Deserialize)]
pub struct RawCrosswalkFile {
    /// What the file maps: the two frameworks, its version and what it is for. Default:
    /// none (a file without it is not a crosswalk).
    pub crosswalk: Option<Spanned<RawHeader>>,
    /// The pairs: one source indicator related to one target indicator. At least one.
    /// Default: none.
    #[serde(default)]
    pub map: Vec<Spanned<RawMap>>,
    /// Target items whose sources combine by another rule than the file's `combine`.
    /// Default: none.
    #[serde(default)]
    pub target: Vec<Spanned<RawTarget>>,
}

/// A combination rule for one target item, other than the file's (e.g. two
/// complementary halves of one target take the `mean`, alternatives the `strongest`).
#[derive(Debug, Deserialize)]
pub struct RawTarget {
    /// The target indicator's id.
    pub id: Spanned<String>,
    /// `weakest`, `mean` or `strongest`.
    pub combine: Spanned<String>,
    /// Why, in every language both frameworks carry (and any other of either's).
    /// Default: none.
    #[serde(default)]
    pub rationale: Option<Spanned<Text>>,
}

/// The header: which framework's assessments are carried to which.
#[derive(Debug, Deserialize)]
pub struct RawHeader {
    /// Id of the framework whose assessments are carried (the source); an assessment
    /// framework, not a view.
    pub from: Spanned<String>,
    /// Id of the framework they are carried to (the target); often a view.
    pub to: Spanned<String>,
    /// The mapping's version, written into every view.
    pub version: Spanned<String>,
    /// What the mapping is and what it may be used for, in every language both
    /// frameworks carry. Default: none.
    #[serde(default)]
    pub about: Option<Spanned<Text>>,
    /// How several applicable sources of one target item combine: `weakest` (the
    /// lowest score), `mean` or `strongest` (the highest). Default: `weakest`.
    #[serde(default)]
    pub combine: Option<Spanned<String>>,
    /// The most a target item mapped only by `subset` or `intersect` sources can reach,
    /// 0 to 1. Default: the target scale's highest score below its maximum.
    #[serde(default)]
    pub partial_cap: Option<Spanned<f64>>,
}

/// One source indicator related to one target indicator.
#[derive(Debug, Deserialize)]
pub struct RawMap {
    /// The source framework's indicator id.
    pub source: Spanned<String>,
    /// The target framework's indicator id.
    pub target: Spanned<String>,
    /// The source relative to the target: `equal` (asks the same), `superset` (asks
    /// all the target asks, and more), `subset` (covers part of the target) or
    /// `intersect` (they overlap). `equal` and `superset` carry the source's score;
    /// `subset` and `intersect` at most a partial answer.
    pub relationship: Spanned<String>,
    /// How close the two are, 1 (weak) to 10 (strong); informational only, never used
    /// in a score. Default: none.
    #[serde(default)]
    pub strength: Option<Spanned<i64>>,
    /// Why, in every language both frameworks carry (and any other of either's).
    /// Default: none.
    #[serde(default)]
    pub rationale: Option<Spanned<Text>>,
}

/// The keys each crosswalk table accepts (for "expected one of" in messages), traced
/// from the structures above so the lists never drift from the format.
pub fn keys_at(table: &[&str]) -> Option<Vec<&'static str>> {
    use crate::rules::{Shape, keys_in, shape_of};
    static SHAPE: std::sync::OnceLock<Shape> = std::sync::OnceLock::new();
    keys_in(SHAPE.get_or_init(shape_of::<RawCrosswalkFile>), table)
}
