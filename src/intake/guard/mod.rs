//! Checks that run before calamine reads a workbook, so that no input makes it
//! allocate more than the budgets allow or walk a structure that never ends: the parts
//! of a zip package (sizes and ratios, the shared-string count of xlsx), the records of
//! an xlsb package (record lengths, sheet dimensions, shared strings), the cell repeats
//! of an ods `content.xml`, and the compound file and records of an xls workbook
//! (sector chains, sheet list, dimensions, the area its cells span).
//!
//! What these checks find is either damage (the file breaks its format: `F005`) or an
//! exceeded budget (`F013` for a part, `F014` for a sheet).

pub mod cfb;
pub mod ods;
pub mod xls;
pub mod xlsb;
pub mod zip;

/// Why a workbook is not handed to its reader.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The file breaks its format.
    Damaged(String),
    /// Password-protected.
    Encrypted,
    /// A part of a package over a budget.
    Part {
        /// The part's name.
        part: String,
        /// What was found and the budget.
        detail: String,
    },
    /// A sheet over a budget.
    Sheet {
        /// The sheet's name.
        sheet: String,
        /// What was found and the budget.
        detail: String,
    },
}

/// Little-endian reads that never run past the end of the bytes.
pub(crate) fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(
        b.get(at..at.checked_add(2)?)?.try_into().ok()?,
    ))
}

pub(crate) fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(
        b.get(at..at.checked_add(4)?)?.try_into().ok()?,
    ))
}

pub(crate) fn u64_at(b: &[u8], at: usize) -> Option<u64> {
    Some(u64::from_le_bytes(
        b.get(at..at.checked_add(8)?)?.try_into().ok()?,
    ))
}
