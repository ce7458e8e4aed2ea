//! A crosswalk file as written: serde structures that mirror the TOML, with spans kept
//! wherever a check needs to point at a place in the file.

use crate::i18n::Text;
use serde::Deserialize;
use toml::Spanned;

/// One crosswalk file: a `[crosswalk]` header and its `[[map]]` entries.
#[derive(Debug, Default, Deserialize)]
pub struct RawCrosswalkFile {
    pub crosswalk: Option<Spanned<RawHeader>>,
    #[serde(default)]
    pub map: Vec<Spanned<RawMap>>,
    #[serde(default)]
    pub target: Vec<Spanned<RawTarget>>,
}

/// `[[target]]`: a combination rule for one target item, other than the file's.
#[derive(Debug, Deserialize)]
pub struct RawTarget {
    /// Target indicator id.
    pub id: Spanned<String>,
    /// `weakest`, `mean` or `strongest`.
    pub combine: Spanned<String>,
    /// Why, in the languages of both frameworks.
    #[serde(default)]
    pub rationale: Option<Spanned<Text>>,
}

/// `[crosswalk]`.
#[derive(Debug, Deserialize)]
pub struct RawHeader {
    /// Id of the framework whose assessments are carried (the source).
    pub from: Spanned<String>,
    /// Id of the framework they are carried to (the target).
    pub to: Spanned<String>,
    pub version: Spanned<String>,
    #[serde(default)]
    pub about: Option<Spanned<Text>>,
    /// How several sources of one target combine: `weakest` (default), `mean`,
    /// `strongest`.
    #[serde(default)]
    pub combine: Option<Spanned<String>>,
    /// The most a target item mapped only by `subset` or `intersect` sources can reach,
    /// 0 to 1 (default: the target scale's highest score below its maximum).
    #[serde(default)]
    pub partial_cap: Option<Spanned<f64>>,
}

/// `[[map]]`: one source indicator related to one target indicator.
#[derive(Debug, Deserialize)]
pub struct RawMap {
    pub source: Spanned<String>,
    pub target: Spanned<String>,
    /// The source relative to the target: `equal`, `subset`, `superset`, `intersect`.
    pub relationship: Spanned<String>,
    /// 1 to 10, informational only.
    #[serde(default)]
    pub strength: Option<Spanned<i64>>,
    /// Why, in the languages of both frameworks.
    #[serde(default)]
    pub rationale: Option<Spanned<Text>>,
}

/// The keys each crosswalk table accepts (for "expected one of" in messages).
pub fn keys_at(table: &[&str]) -> Option<&'static [&'static str]> {
    use crate::rules::fields_of;
    match table {
        [] => Some(fields_of::<RawCrosswalkFile>()),
        ["crosswalk"] => Some(fields_of::<RawHeader>()),
        ["map"] => Some(fields_of::<RawMap>()),
        ["target"] => Some(fields_of::<RawTarget>()),
        _ => None,
    }
}
