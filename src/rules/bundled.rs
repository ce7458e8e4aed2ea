//! The rule files under `rules/`, embedded at build time by `build.rs`.

include!(concat!(env!("OUT_DIR"), "/bundled_rules.rs"));
