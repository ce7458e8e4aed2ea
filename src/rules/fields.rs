//! The keys each rule-file table accepts, read from the serde structures themselves
//! (through `trace`) so the "expected one of" lists in diagnostics never drift from the
//! format.

use super::raw::RawFile;
use super::trace::{Shape, shape_of};
use std::sync::OnceLock;

/// The shape of a framework's rule file, traced once.
pub fn file_shape() -> &'static Shape {
    static SHAPE: OnceLock<Shape> = OnceLock::new();
    SHAPE.get_or_init(shape_of::<RawFile>)
}

/// Keys of the table found at `path` (segment names, indices removed), or `None` when
/// the table takes any key (texts keyed by language).
pub fn keys_at(path: &[&str]) -> Option<Vec<&'static str>> {
    super::trace::keys_at(file_shape(), path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_come_from_the_structs() {
        assert!(keys_at(&[]).unwrap().contains(&"indicator"));
        assert!(keys_at(&["indicator"]).unwrap().contains(&"question"));
        assert!(
            keys_at(&["scale", "option", "applies_if"])
                .unwrap()
                .contains(&"in")
        );
        assert_eq!(
            keys_at(&["indicator", "links"]).unwrap(),
            vec![
                "guidelines",
                "principles",
                "practices",
                "tools",
                "mgi",
                "sdg",
                "gcm",
                "sendai"
            ]
        );
        assert_eq!(keys_at(&["indicator", "title"]), None);
    }
}
