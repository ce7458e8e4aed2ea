//! Results: one assessment scored, rolled up, its gaps ranked. Every output format
//! (workbook, JSON, CSV) renders the same `Results`, computed once.
//!
//! ```
//! use mgi::intake::Reader;
//! use mgi::results::evaluate;
//! use mgi::rules::Rules;
//!
//! let rules = Rules::bundled();
//! let fw = rules.get("sdg-10-7-2").unwrap();
//! let path = "fixtures/XAA-2026-sdg-10-7-2.xlsx".as_ref();
//! let assessment = &Reader::new(&rules).read_path(path, None).unwrap()[0];
//! let results = evaluate(fw, assessment);
//! let overall = results.overall().score.unwrap() * 100.0;
//! assert!((0.0..=100.0).contains(&overall));
//! println!("{} {}: {overall:.1}, {} gaps", results.unit_code(), results.period(), results.gaps.len());
//! ```

use crate::aggregate::{Leaf, NodeScore, Scheme, roll_up};
use crate::diag::Diagnostic;
use crate::error::{Error, Result};
use crate::gaps::{DataGap, Gap, Strength, data_gaps, rank, strengths};
use crate::intake::Assessment;
use crate::rules::Framework;
use crate::score::{IndicatorScore, Status, score};

/// One assessment's results.
#[derive(Debug, Clone)]
pub struct Results {
    /// The assessment as read (metadata, answers, intake diagnostics).
    pub assessment: Assessment,
    /// Id of the framework.
    pub framework: String,
    /// Version of the framework.
    pub version: String,
    /// Content hash of the framework.
    pub framework_hash: String,
    /// Per indicator (framework order).
    pub indicators: Vec<IndicatorScore>,
    /// Per node (index of `Framework::nodes`).
    pub nodes: Vec<NodeScore>,
    /// Ranked gaps.
    pub gaps: Vec<Gap>,
    /// Missing, don't-know and invalid answers.
    pub data_gaps: Vec<DataGap>,
    /// Nodes in the top band.
    pub strengths: Vec<Strength>,
    /// The share (0 to 1) of the applicable indicators' nominal effective weight whose
    /// indicators have an answer on the scale ([`answered_share`]). Coverage is
    /// counted per node over its direct children; this one figure says how much of the
    /// whole assessment was answered.
    pub answered: f64,
    /// Index of the root node.
    pub root: usize,
}

impl Results {
    /// The root's roll-up.
    pub fn overall(&self) -> &NodeScore {
        &self.nodes[self.root]
    }

    /// Unit code.
    pub fn unit_code(&self) -> &str {
        &self.assessment.meta.unit_code
    }

    /// Period.
    pub fn period(&self) -> &str {
        &self.assessment.meta.period
    }

    /// Checks that these results were scored with `fw` (same id, version and content
    /// hash): labels and tree positions are taken from the framework by index, so a
    /// result paired with another framework would be mislabelled.
    ///
    /// # Errors
    /// [`Error::FrameworkMismatch`] naming both frameworks.
    pub fn check_framework(&self, fw: &Framework) -> Result<()> {
        if self.framework == fw.id
            && self.version == fw.version
            && self.framework_hash == fw.content_hash
        {
            return Ok(());
        }
        let short = |h: &str| h.chars().take(12).collect::<String>();
        Err(Error::FrameworkMismatch {
            expected: format!("{} {} ({})", fw.id, fw.version, short(&fw.content_hash)),
            found: format!(
                "{} {} ({})",
                self.framework,
                self.version,
                short(&self.framework_hash)
            ),
        })
    }

    /// The diagnostics of the assessment, found when it was read (scoring adds none).
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.assessment.diagnostics
    }
}

/// The share of indicator weight answered: Σ effective weight of the indicators
/// answered on their scale (status `Scored`) over Σ effective weight of the indicators
/// that apply. Missing, don't-know (even when scored by policy) and invalid answers
/// count as unanswered; indicators that do not apply leave both sums. 0 when nothing
/// applies.
pub fn answered_share(indicators: &[IndicatorScore], effective: &[f64]) -> f64 {
    let (mut done, mut all) = (0.0, 0.0);
    for (s, w) in indicators.iter().zip(effective) {
        if s.status == Status::NotApplicable {
            continue;
        }
        all += w;
        if s.status == Status::Scored {
            done += w;
        }
    }
    if all > 0.0 { done / all } else { 0.0 }
}

/// Scores an assessment against its framework with the framework's own weights.
///
/// ```
/// let rules = mgi::Rules::bundled();
/// let fw = rules.get("micic").unwrap();
/// let path = "fixtures/XAA-2026-micic.xlsx".as_ref();
/// let a = mgi::Reader::new(&rules).read_path(path, None).unwrap().remove(0);
/// let results = mgi::evaluate(fw, &a);
/// assert_eq!(results.framework, "micic");
/// assert_eq!(results.indicators.len(), fw.indicators.len());
/// assert!(results.check_framework(fw).is_ok());
/// ```
pub fn evaluate(fw: &Framework, assessment: &Assessment) -> Results {
    Scorer::new(fw).evaluate(assessment.clone())
}

/// Scores many assessments of one framework: what depends only on the framework (its
/// nominal weights, tree order and effective weights) is worked out once.
pub struct Scorer<'a> {
    fw: &'a Framework,
    scheme: Scheme,
    order: Vec<usize>,
    effective: Vec<f64>,
}

impl<'a> Scorer<'a> {
    /// A scorer for a framework.
    ///
    /// ```
    /// let rules = mgi::Rules::bundled();
    /// let fw = rules.get("micic").unwrap();
    /// let reader = mgi::Reader::new(&rules);
    /// let scorer = mgi::Scorer::new(fw);
    /// let both: Vec<mgi::Results> = ["fixtures/XAA-2026-micic.xlsx", "fixtures/XAB-2026-micic.xlsx"]
    ///     .iter()
    ///     .map(|p| scorer.evaluate(reader.read_path(p.as_ref(), None).unwrap().remove(0)))
    ///     .collect();
    /// assert_eq!(both[1].unit_code(), "XAB");
    /// ```
    pub fn new(fw: &'a Framework) -> Self {
        Scorer {
            fw,
            scheme: Scheme::nominal(fw),
            order: fw.tree_order(),
            effective: fw.effective_weights(),
        }
    }

    /// Scores an assessment, keeping it in the results.
    pub fn evaluate(&self, assessment: Assessment) -> Results {
        let indicators = score(self.fw, &assessment);
        self.from_scores(assessment, indicators)
    }

    /// Results from indicator scores worked out elsewhere (indexed like
    /// `fw.indicators`): the same roll-up, gaps, data gaps and strengths as
    /// [`Scorer::evaluate`]. A crosswalk view carries another framework's assessment to
    /// this one and is scored here, with this framework's own rules.
    pub fn from_scores(&self, assessment: Assessment, indicators: Vec<IndicatorScore>) -> Results {
        let fw = self.fw;
        let leaves: Vec<Leaf> = indicators.iter().map(Leaf::of).collect();
        let nodes = roll_up(fw, &leaves, &self.scheme, &self.order);
        let gaps = rank(fw, &indicators, &nodes, &self.scheme, &self.effective);
        Results {
            answered: answered_share(&indicators, &self.effective),
            data_gaps: data_gaps(&indicators),
            strengths: strengths(fw, &nodes, &self.order),
            assessment,
            framework: fw.id.clone(),
            version: fw.version.clone(),
            framework_hash: fw.content_hash.clone(),
            indicators,
            nodes,
            gaps,
            root: fw.root,
        }
    }
}
