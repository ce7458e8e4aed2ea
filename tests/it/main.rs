//! The one integration-test crate: runs the real `mgi` binary and the library API.

mod codes;
mod compare;
mod compare_reports;
mod content;
mod content_mgi;
mod content_sdg;
mod criteria;
mod crosswalk;
mod embed;
mod explain;
mod fit;
mod frameworks;
mod harness;
mod hostile;
mod i18n;
mod intake;
mod languages;
mod loader;
mod merge;
mod methodologist;
mod prop;
mod report;
mod robust;
mod rule_format;
mod rules;
mod score;
mod sensitivity;
mod xlsx;

// Synthetic workbooks and fixtures: not part of the library's API; shared with the
// binary (`mgi generate`) and the examples.
#[path = "../../src/fixtures.rs"]
#[allow(dead_code)]
mod fixtures;
#[path = "../../src/synth.rs"]
#[allow(dead_code)]
mod synth;
