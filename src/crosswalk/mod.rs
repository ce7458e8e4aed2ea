//! Crosswalks: one assessment read through another framework.
//!
//! A crosswalk (a mapping file under `rules/crosswalks/`) relates indicators of a source
//! framework to indicators of a target framework, each pair with a relationship (the
//! source relative to the target: `equal`, `subset`, `superset`, `intersect`), an
//! informational strength and a rationale. [`crosswalk`] carries the scores of one
//! assessment of the source through the mapping to the target, then scores the target
//! with the target's own rules through the same [`Scorer`](crate::results::Scorer) as
//! any assessment (one roll-up, with the target's weights, `min_coverage` and bands).
//!
//! The semantics (README, "Crosswalks"):
//! - `equal` and `superset` carry the source's score (0 to 1), scale to scale through
//!   the scores, not the labels; `subset` and `intersect` can establish at most a
//!   partial answer: a target item whose applicable sources are all `subset` or
//!   `intersect` is capped at the target scale's highest score below its maximum, or at
//!   the mapping's `partial_cap`.
//! - Several sources of one target combine by the mapping's rule: `weakest` (the
//!   default: met only as far as every source shows), `mean` or `strongest`; a
//!   `[[target]]` entry may give one target item another rule. A source
//!   without a score (missing, don't know, invalid) leaves the target without one;
//!   sources that do not apply are left out, and all of them not applying gives
//!   `not_applicable`.
//! - The combined score is placed on the target scale at the highest score the scale
//!   can take that does not exceed it (a numeric scale takes it as it is).
//! - A target item with no source is unmapped: status `missing`, no score, listed in
//!   `unmapped`; it lowers coverage and is never counted as 0.
//!
//! A view is indicative: it says what a source assessment implies for the target, not
//! what an assessment of the target would find.

mod load;
pub(crate) mod raw;
mod view;

pub use load::{CrosswalkSet, load_crosswalks, load_set};
pub use view::{
    Carrier, CrosswalkView, ItemView, MappingCoverage, SourceTerm, carry_all, crosswalk,
    partial_cap,
};

use crate::i18n::Text;
use crate::rules::{Framework, Rules};

/// How a source indicator relates to a target indicator (the source relative to the
/// target).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Relationship {
    /// The source asks the same thing as the target.
    Equal,
    /// The source covers part of what the target asks.
    Subset,
    /// The source covers all the target asks, and more.
    Superset,
    /// The source and the target overlap; neither holds the other.
    Intersect,
}

impl Relationship {
    /// The name used in crosswalk files and JSON.
    pub fn name(self) -> &'static str {
        match self {
            Relationship::Equal => "equal",
            Relationship::Subset => "subset",
            Relationship::Superset => "superset",
            Relationship::Intersect => "intersect",
        }
    }

    /// Parses a crosswalk-file name.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "equal" => Some(Relationship::Equal),
            "subset" => Some(Relationship::Subset),
            "superset" => Some(Relationship::Superset),
            "intersect" => Some(Relationship::Intersect),
            _ => None,
        }
    }

    /// True for `equal` and `superset`: the source can establish the whole target.
    pub fn is_full(self) -> bool {
        matches!(self, Relationship::Equal | Relationship::Superset)
    }
}

/// How the sources of one target item combine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Combine {
    /// The lowest source score: the target is met only as far as every source shows.
    #[default]
    Weakest,
    /// The mean of the source scores.
    Mean,
    /// The highest source score.
    Strongest,
}

impl Combine {
    /// The name used in crosswalk files and JSON.
    pub fn name(self) -> &'static str {
        match self {
            Combine::Weakest => "weakest",
            Combine::Mean => "mean",
            Combine::Strongest => "strongest",
        }
    }

    /// Parses a crosswalk-file name.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "weakest" => Some(Combine::Weakest),
            "mean" => Some(Combine::Mean),
            "strongest" => Some(Combine::Strongest),
            _ => None,
        }
    }

    /// Combines scores (at least one).
    pub fn apply(self, scores: &[f64]) -> f64 {
        match self {
            Combine::Weakest => scores.iter().copied().fold(f64::INFINITY, f64::min),
            Combine::Strongest => scores.iter().copied().fold(f64::NEG_INFINITY, f64::max),
            Combine::Mean => scores.iter().sum::<f64>() / scores.len() as f64,
        }
    }
}

/// One pair of a crosswalk.
#[derive(Debug, Clone, PartialEq)]
pub struct Map {
    /// Indicator id in the source framework.
    pub source: String,
    /// Indicator id in the target framework.
    pub target: String,
    /// The source relative to the target.
    pub relationship: Relationship,
    /// 1 to 10, informational only (never used in a computation).
    pub strength: Option<u8>,
    /// Why, per language.
    pub rationale: Text,
}

/// A combination rule for one target item, other than the mapping's.
#[derive(Debug, Clone, PartialEq)]
pub struct TargetRule {
    /// Target indicator id.
    pub target: String,
    /// How its sources combine.
    pub combine: Combine,
    /// Why, per language.
    pub rationale: Text,
}

/// A checked crosswalk.
#[derive(Debug, Clone, PartialEq)]
pub struct Crosswalk {
    /// `FROM--TO`, e.g. `mgi--sdg-10-7-2`.
    pub id: String,
    /// Source framework id.
    pub from: String,
    /// Target framework id.
    pub to: String,
    /// Version of the mapping.
    pub version: String,
    /// What the mapping is and where it comes from, per language.
    pub about: Text,
    /// How several sources of one target combine.
    pub combine: Combine,
    /// The most a target mapped only partially can reach (0 to 1); `None`: the target
    /// scale's highest score below its maximum.
    pub partial_cap: Option<f64>,
    /// Pairs in file order.
    pub maps: Vec<Map>,
    /// Target items whose sources combine by another rule than `combine`.
    pub targets: Vec<TargetRule>,
    /// SHA-256 over the file name and its text (line endings normalised).
    pub content_hash: String,
    /// The file, as shown in diagnostics.
    pub file: String,
}

/// How much of a target framework a mapping reaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MappingStats {
    /// Indicators of the target.
    pub items: usize,
    /// Target indicators with at least one source.
    pub mapped: usize,
    /// Target indicators with at least one `equal` or `superset` source.
    pub fully_mapped: usize,
}

impl MappingStats {
    /// Share of target items mapped (0 to 1).
    pub fn mapped_share(&self) -> f64 {
        if self.items == 0 {
            0.0
        } else {
            self.mapped as f64 / self.items as f64
        }
    }

    /// Share of target items fully mapped (0 to 1).
    pub fn fully_mapped_share(&self) -> f64 {
        if self.items == 0 {
            0.0
        } else {
            self.fully_mapped as f64 / self.items as f64
        }
    }
}

impl Crosswalk {
    /// The pairs whose target is `target`, in file order.
    pub fn sources_of<'a>(&'a self, target: &'a str) -> impl Iterator<Item = &'a Map> + 'a {
        self.maps.iter().filter(move |m| m.target == target)
    }

    /// How the sources of `target` combine: its own rule, else the mapping's.
    pub fn combine_for(&self, target: &str) -> Combine {
        self.targets
            .iter()
            .find(|t| t.target == target)
            .map(|t| t.combine)
            .unwrap_or(self.combine)
    }

    /// How much of `target` (the `to` framework) the mapping reaches.
    pub fn stats(&self, target: &Framework) -> MappingStats {
        let mut mapped = 0;
        let mut fully = 0;
        for ind in &target.indicators {
            let mut any = false;
            let mut full = false;
            for m in self.sources_of(&ind.id) {
                any = true;
                full |= m.relationship.is_full();
            }
            mapped += usize::from(any);
            fully += usize::from(full);
        }
        MappingStats {
            items: target.indicators.len(),
            mapped,
            fully_mapped: fully,
        }
    }

    /// The text in `lang`, else in English, else any.
    pub fn text<'a>(&self, t: &'a Text, lang: &str) -> &'a str {
        t.resolve(lang, &["en".to_string()]).0
    }
}

impl Rules {
    fn crosswalk_set(&self) -> &CrosswalkSet {
        self.crosswalk_set.get_or_init(|| Box::new(load_set(self)))
    }

    /// The crosswalks between frameworks of the set (those without errors), sorted by
    /// id. Read and checked on first use, so commands that need none do not pay for
    /// them.
    pub fn crosswalks(&self) -> &[Crosswalk] {
        &self.crosswalk_set().crosswalks
    }

    /// Every problem found in the crosswalk files.
    pub fn crosswalk_diagnostics(&self) -> &[crate::diag::Diagnostic] {
        &self.crosswalk_set().diagnostics
    }

    /// Crosswalk files with errors (relative paths).
    pub fn crosswalks_failed(&self) -> &[String] {
        &self.crosswalk_set().failed
    }

    /// Every problem of the rules: the frameworks' (`diagnostics`), then the
    /// crosswalks'.
    pub fn all_diagnostics(&self) -> Vec<crate::diag::Diagnostic> {
        let mut all = self.diagnostics.clone();
        all.extend(self.crosswalk_diagnostics().iter().cloned());
        all
    }

    /// The crosswalk from one framework to another, if the rules hold one.
    pub fn crosswalk(&self, from: &str, to: &str) -> Option<&Crosswalk> {
        self.crosswalks()
            .iter()
            .find(|c| c.from == from && c.to == to)
    }

    /// A crosswalk by id (`FROM--TO`).
    pub fn crosswalk_by_id(&self, id: &str) -> Option<&Crosswalk> {
        self.crosswalks().iter().find(|c| c.id == id)
    }
}
