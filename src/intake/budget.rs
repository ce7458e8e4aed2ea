//! The budgets intake holds every input to, so that no file takes more memory or time
//! than the work it legitimately holds. Each exceeded budget is a diagnostic naming the
//! part, sheet or cell; none is an abort.

/// Limits on what one input may hold. The defaults are far above any real
/// self-assessment or table of countries and far below what a machine runs out of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Budgets {
    /// Bytes of the input file (default 512 MiB).
    pub file_bytes: u64,
    /// Inflated bytes of one part of a zip package (a sheet's XML, the shared strings,
    /// a binary sheet) (default 256 MiB).
    pub part_bytes: u64,
    /// Inflated-to-compressed ratio of one part, checked for parts that inflate to more
    /// than [`Budgets::ratio_floor`] (default 200, real sheets rarely pass 20).
    pub part_ratio: u64,
    /// Parts that inflate to at most this many bytes are never held to the ratio
    /// (default 4 MiB).
    pub ratio_floor: u64,
    /// Non-empty cells of one sheet, or values of one csv table (default 5,000,000).
    pub sheet_cells: usize,
    /// Cells a reader that lays a sheet out densely (xls, ods) would allocate for the
    /// sheet's used area (default 4,000,000).
    pub dense_cells: u64,
    /// Shared strings a workbook may declare (default 5,000,000).
    pub shared_strings: u64,
    /// Characters of one cell or csv value; longer texts are clipped, with a diagnostic
    /// (default 1,000,000).
    pub text_chars: usize,
}

impl Default for Budgets {
    fn default() -> Self {
        Budgets {
            file_bytes: 512 << 20,
            part_bytes: 256 << 20,
            part_ratio: 200,
            ratio_floor: 4 << 20,
            sheet_cells: 5_000_000,
            dense_cells: 4_000_000,
            shared_strings: 5_000_000,
            text_chars: 1_000_000,
        }
    }
}

/// A byte count for messages: `512 MiB`, `3.8 MiB`, `900 bytes`.
pub fn bytes(n: u64) -> String {
    const KIB: f64 = 1024.0;
    let x = n as f64;
    if n < 10_000 {
        format!("{n} bytes")
    } else if x < KIB * KIB {
        format!("{:.1} KiB", x / KIB)
    } else if x < KIB * KIB * KIB {
        format!("{:.1} MiB", x / KIB / KIB)
    } else {
        format!("{:.1} GiB", x / KIB / KIB / KIB)
    }
}

/// A count with thousands separators: `5,000,000`.
pub fn count(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn numbers_for_messages() {
        assert_eq!(super::bytes(900), "900 bytes");
        assert_eq!(super::bytes(256 << 20), "256.0 MiB");
        assert_eq!(super::count(5_000_000), "5,000,000");
        assert_eq!(super::count(12), "12");
    }
}
