//! The one integration-test crate: runs the real `mgi` binary and the library API.

mod codes;
mod compare;
mod crosswalk;
mod frameworks;
mod harness;
mod intake;
mod loader;
mod rules;
mod score;
