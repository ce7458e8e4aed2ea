//! Rule files: loading, checking and the checked [`Framework`] model; the files of a
//! framework written out or joined ([`export_files`], [`one_document`]), a framework to
//! start from ([`starter`]), what changed between two versions ([`diff`]), and the
//! rule-format reference ([`format_reference`]).
//!
//! A framework is a folder of TOML files (see the rule format in README.md and
//! `docs/rule-format.md`). The bundled frameworks are embedded in the binary and go
//! through the same code path as a folder given with `--rules DIR`.

mod bundled;
mod causes;
mod check;
pub mod diff;
mod fields;
mod files;
mod load;
mod model;
mod parse;
mod provenance;
mod raw;
mod reference;
mod starter;
mod trace;

pub use files::{export_files, one_document, write_files};
pub use load::{BrokenFramework, DEFAULT_FRAMEWORK, Rules, RulesSource, SourceFile, hex, load};
pub use model::*;
pub use parse::FileKind;
pub(crate) use parse::edit_distance;
pub use provenance::{OfficialText, Translation, TranslationSource};
pub use reference::{key_paths, markdown as format_reference};
pub use starter::{STARTER_LANGUAGES, starter};
pub(crate) use trace::{Shape, keys_at as keys_in, shape_of};
