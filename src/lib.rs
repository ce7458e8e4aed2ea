//! # mgi
//!
//! Migration-governance self-assessments: rule files for frameworks such as the MICIC
//! Guidelines, MGI-aligned indicators and SDG indicator 10.7.2; workbook templates and
//! intake; scoring, aggregation and gap reports; comparisons across countries.
//!
//! The modules follow the pipeline in data-flow order:
//! [`rules`] → [`intake`] → [`score`] → [`aggregate`] → [`gaps`] → [`report`], with
//! [`compare`] over many results, [`crosswalk`] to read one assessment through another
//! framework, and [`cli`] as a thin layer on top.

pub mod aggregate;
pub mod cells;
pub mod cli;
pub mod compare;
pub mod crosswalk;
pub mod diag;
pub mod error;
pub mod fixtures;
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
pub mod synth;
pub mod template;

pub use diag::{Code, Diagnostic, Location, Severity};
pub use error::{Error, NoProgress, Progress, Result};
pub use i18n::Text;
pub use rules::{Framework, Rules, RulesSource};
