//! Rule files: loading, checking and the checked [`Framework`] model.
//!
//! A framework is a folder of TOML files (see the rule format in README.md). The bundled
//! frameworks are embedded in the binary and go through the same code path as a folder
//! given with `--rules DIR`.

mod bundled;
mod check;
mod fields;
mod load;
mod model;
mod raw;

pub use fields::fields_of;
pub use load::{DEFAULT_FRAMEWORK, Rules, RulesSource, SourceFile, hex, load};
pub use model::*;
