//! Rule files: loading, checking and the checked [`Framework`] model.
//!
//! A framework is a folder of TOML files (see the rule format in README.md and
//! `docs/rule-format.md`). The bundled frameworks are embedded in the binary and go
//! through the same code path as a folder given with `--rules DIR`.

mod bundled;
mod causes;
mod check;
mod fields;
mod load;
mod model;
mod parse;
mod raw;

pub use fields::fields_of;
pub use load::{BrokenFramework, DEFAULT_FRAMEWORK, Rules, RulesSource, SourceFile, hex, load};
pub use model::*;
pub use parse::FileKind;
