//! The one integration-test crate: runs the real `mgi` binary and the library API.

mod codes;
mod compare;
mod content;
mod content_sdg;
mod crosswalk;
mod frameworks;
mod harness;
mod i18n;
mod intake;
mod loader;
mod rules;
mod score;
