//! The one integration-test crate: runs the real `mgi` binary and the library API.

mod codes;
mod compare;
mod compare_reports;
mod content;
mod content_sdg;
mod criteria;
mod explain;
mod frameworks;
mod harness;
mod i18n;
mod intake;
mod loader;
mod methodologist;
mod rule_format;
mod rules;
mod score;
mod sensitivity;
mod xlsx;
