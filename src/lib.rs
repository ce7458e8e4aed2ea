#![deny(missing_docs)]
//! # mgi
//!
//! Migration-governance self-assessments: rule files for frameworks such as the MICIC
//! Guidelines, MGI-aligned indicators and SDG indicator 10.7.2; workbook templates and
//! intake; scoring, aggregation and gap reports; comparisons across countries.
//!
//! ## The pipeline
//!
//! Load the [`Rules`] (the bundled frameworks, or a folder of rule files), read a filled
//! workbook with a [`Reader`] into an [`Assessment`], [`evaluate`] it against its
//! [`Framework`] into [`Results`], and write what a government acts on: the gap report
//! ([`gap_report`]), the `mgi.score/1` JSON ([`score_json`]) or the long table
//! ([`long_table`]). Many results make a [`Comparison`] ([`compare()`]); a [`Crosswalk`]
//! reads one assessment through another framework ([`carry_all`]). Findings about the
//! user's data are [`Diagnostic`]s with their location; a job that cannot be done is an
//! [`Error`].
//!
//! ```
//! use mgi::{CompareOptions, NoProgress, Reader, ReportOptions, Rules};
//!
//! let rules = Rules::bundled();
//! assert!(!rules.has_errors());
//! let reader = Reader::new(&rules);
//! let assessment = reader
//!     .read_path("fixtures/XAA-2026-micic.xlsx".as_ref(), None)?
//!     .remove(0);
//! assert!(!assessment.has_errors(), "{:?}", assessment.diagnostics);
//! let fw = rules.get(&assessment.framework).expect("a bundled framework");
//!
//! // Score, roll up, rank the gaps.
//! let results = mgi::evaluate(fw, &assessment);
//! let overall = results.overall().score.expect("an overall score");
//! assert!((0.0..=1.0).contains(&overall));
//!
//! // The gap report (xlsx bytes) and the JSON contract.
//! let opts = ReportOptions { lang: "en".into(), format: "xlsx".into(), file: None };
//! let report: Vec<u8> = mgi::gap_report(fw, &results, &opts)?;
//! assert!(report.starts_with(b"PK"));
//! let json = serde_json::to_value(mgi::score_json(fw, &results)).unwrap();
//! assert_eq!(json["schema"], "mgi.score/1");
//!
//! // Two countries side by side.
//! let other = reader.read_path("fixtures/XAB-2026-micic.xlsx".as_ref(), None)?.remove(0);
//! let both = [results, mgi::evaluate(fw, &other)];
//! let comparison = mgi::compare(fw, &both, &CompareOptions::default(), &NoProgress)?;
//! assert_eq!(comparison.units.len(), 2);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! The modules follow the pipeline in data-flow order:
//! [`rules`] → [`template`] / [`intake`] → [`score`] → [`aggregate`] → [`gaps`] →
//! [`results`] → [`report`], with [`compare`](mod@compare) over many results and
//! [`crosswalk`](mod@crosswalk) to read one assessment through another framework. The
//! `mgi` command line is a separate binary built on this public API alone.

pub mod aggregate;
pub mod cells;
pub mod compare;
pub mod crosswalk;
pub mod diag;
pub mod error;
pub mod gaps;
pub mod guidance;
pub mod i18n;
pub mod intake;
pub mod layout;
pub mod merge;
pub mod report;
pub mod results;
pub mod rules;
pub mod score;
pub mod sheet;
pub mod template;

pub use compare::rounds::{RoundChanges, changes as round_changes};
pub use compare::{CompareOptions, Comparison, compare};
pub use crosswalk::{Crosswalk, CrosswalkView, carry_all};
pub use diag::{Code, Diagnostic, Location, Severity};
pub use error::{Error, NoProgress, Progress, Result};
pub use i18n::Text;
pub use intake::{Assessment, Batch, IntakeError, Reader};
pub use report::compare_json::{compare_json, progress_json};
pub use report::compare_report::{CompareReportOptions, compare_report};
pub use report::crosswalk_report::{CrosswalkReportOptions, crosswalk_report};
pub use report::gap_report::{ReportOptions, gap_report};
pub use report::long_table::{long_table, write_csv};
pub use report::progress_report::progress_report;
pub use report::score_json::score_json;
pub use results::{Results, Scorer, evaluate};
pub use rules::{Framework, Rules, RulesSource};
pub use template::{TemplateOptions, template_workbook};

// The library's unit tests use the fixture makers, which are written against the
// public API (`mgi::...`) and are not part of it.
#[cfg(test)]
extern crate self as mgi;
#[cfg(test)]
#[allow(dead_code)]
mod fixtures;
#[cfg(test)]
#[allow(dead_code)]
mod synth;
