//! The `About` sheet as intake reads it: known fields by key or label, other rows
//! (context questions, and a part's `contributor` and `scope`) by key or label.

use super::grid::{Grid, Value};
use crate::i18n::fold;
use crate::layout::{AboutField, recognise_about};
use std::collections::BTreeMap;

/// A value of the `About` sheet with its place.
#[derive(Clone)]
pub(super) struct AboutValue {
    pub(super) value: Value,
    pub(super) row: u32,
    pub(super) col: u32,
}

/// What the `About` sheet holds: known fields by key, other rows (possible context
/// questions) by their key or label, and the fields given twice.
pub(super) struct About {
    pub(super) fields: BTreeMap<&'static str, AboutValue>,
    pub(super) others: Vec<(String, AboutValue)>,
    pub(super) repeats: Vec<(&'static str, AboutValue)>,
}

/// Reads the `About` sheet: known fields by key (first column) or by label (any tool
/// language), and other rows as possible context questions.
pub(super) fn read_about(grid: &Grid) -> About {
    let mut about = About {
        fields: BTreeMap::new(),
        others: Vec::new(),
        repeats: Vec::new(),
    };
    for (&row, cells) in &grid.rows {
        let text = |c: u32| {
            cells
                .iter()
                .find(|(k, _)| *k == c)
                .map(|(_, v)| v.display())
                .unwrap_or_default()
        };
        let value = |c: u32| cells.iter().find(|(k, _)| *k == c).map(|(_, v)| v.clone());
        // Layout of the template: key | label | value | help. Users may have dropped
        // the key column (label | value).
        let (field, vcol) =
            if let Some(f) = recognise_about(&text(0)).filter(|f| f.key == text(0).trim()) {
                (Some(f), 2)
            } else if let Some(f) = recognise_about(&text(1)) {
                (Some(f), 2)
            } else if let Some(f) = recognise_about(&text(0)) {
                (Some(f), 1)
            } else {
                (None, 2)
            };
        match field {
            Some(f) => {
                if let Some(v) = value(vcol).filter(|v| !v.is_blank()) {
                    let v = AboutValue {
                        value: v,
                        row,
                        col: vcol,
                    };
                    if about.fields.contains_key(f.key) {
                        about.repeats.push((f.key, v));
                    } else {
                        about.fields.insert(f.key, v);
                    }
                }
            }
            None => {
                let key = text(0);
                let label = text(1);
                if let Some(v) = value(2).filter(|v| !v.is_blank()) {
                    others_push(
                        &mut about.others,
                        &key,
                        &label,
                        AboutValue {
                            value: v,
                            row,
                            col: 2,
                        },
                    );
                } else if fold(&key) == "contributor"
                    && let Some(v) = value(1).filter(|v| !v.is_blank())
                {
                    // A contribution may name its contributor right after the key.
                    about.others.push((
                        key,
                        AboutValue {
                            value: v,
                            row,
                            col: 1,
                        },
                    ));
                }
            }
        }
    }
    about
}

fn others_push(others: &mut Vec<(String, AboutValue)>, key: &str, label: &str, v: AboutValue) {
    if key.trim().is_empty() {
        others.push((label.to_string(), v));
    } else {
        others.push((key.to_string(), v.clone()));
        // The label too, so a context question found by its text resolves.
        if !label.trim().is_empty() {
            others.push((label.to_string(), v));
        }
    }
}

impl About {
    /// A field written after the known ones (a part's `contributor` or `scope`), found
    /// by its key or its label in any language: its text, "" when absent.
    pub(super) fn part_field(&self, f: &AboutField) -> String {
        self.others
            .iter()
            .find(|(k, _)| {
                let k = fold(k);
                k == f.key || f.labels().any(|l| fold(l) == k)
            })
            .map(|(_, v)| v.value.display().trim().to_string())
            .unwrap_or_default()
    }
}
