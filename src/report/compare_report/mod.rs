//! The comparison workbook: `Matrix`, a Contents sheet, `Statistics`, `Peers` (with a
//! grouping field), `Indicators`, `Uncertainty` and `Sensitivity` (with the analyses),
//! `Diagnostics` and `About`, in the report's language.
//!
//! The sheets are the entries of [`SHEETS`], one writer each in a file of its own: to
//! add a sheet, write its function (`fn(&mut Worksheet, &Ctx) -> Result<(), XlsxError>`)
//! in a new file here and add its [`Sheet`] entry where it belongs in the list; the
//! Contents sheet follows.

mod about;
mod indicators;
mod matrix;
mod peers;
mod sensitivity;
mod statistics;
mod uncertainty;

use super::contents::{SheetEntry, add_sheets};
use super::labels::{Label as L, t};
use super::sheets::write_diagnostics;
use super::style::{Styles, creation_time};
use crate::compare::Comparison;
use crate::diag::Diagnostic;
use crate::i18n::{fmt, msg};
use crate::rules::Framework;
use rust_xlsxwriter::{
    ConditionalFormat3ColorScale, ConditionalFormatType, DocProperties, Workbook, Worksheet,
    XlsxError,
};
use std::collections::BTreeSet;

pub use sensitivity::{sensitivity_note, unit_sentence};
pub use uncertainty::uncertainty_note;

/// One input file of a comparison, as the About sheet lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputFile {
    /// The file as the user named it (or as found in a folder).
    pub path: String,
    /// Its SHA-256 (hex); `None` when it could not be read.
    pub sha256: Option<String>,
}

/// Options of the comparison workbook.
#[derive(Debug, Clone, Default)]
pub struct CompareReportOptions {
    /// Language.
    pub lang: String,
    /// The command line options, recorded in `About`.
    pub options: String,
    /// The input files, in the order read, recorded in `About` with their hashes.
    pub inputs: Vec<InputFile>,
}

/// What every sheet writer of the comparison workbook reads.
pub struct Ctx<'a> {
    /// The framework compared.
    pub fw: &'a Framework,
    /// The comparison.
    pub c: &'a Comparison,
    /// Diagnostics of the inputs, then the comparison's own.
    pub diagnostics: &'a [Diagnostic],
    /// Options.
    pub opts: &'a CompareReportOptions,
    /// Report language.
    pub lang: &'a str,
    /// Cell formats.
    pub st: &'a Styles,
}

/// One sheet of the comparison workbook.
pub struct Sheet {
    /// Its name in a language.
    pub name: fn(&str) -> &'static str,
    /// The catalogue key of what it holds (listed on the Contents sheet).
    pub about: &'static str,
    /// Whether this comparison has the sheet.
    pub present: fn(&Ctx) -> bool,
    /// Writes the sheet.
    pub write: fn(&mut Worksheet, &Ctx) -> Result<(), XlsxError>,
}

/// The sheets of the comparison workbook, in order (the Contents sheet goes after the
/// first).
pub const SHEETS: &[Sheet] = &[
    Sheet {
        name: |l| t(l, L::Matrix),
        about: "compare.sheet_about.matrix",
        present: |_| true,
        write: matrix::write,
    },
    Sheet {
        name: |l| t(l, L::Statistics),
        about: "compare.sheet_about.statistics",
        present: |_| true,
        write: statistics::write,
    },
    Sheet {
        name: |l| t(l, L::Peers),
        about: "compare.sheet_about.peers",
        present: |x| x.c.group_by.is_some(),
        write: peers::write,
    },
    Sheet {
        name: |l| t(l, L::Indicators),
        about: "compare.sheet_about.indicators",
        present: |_| true,
        write: indicators::write,
    },
    Sheet {
        name: |l| t(l, L::Uncertainty),
        about: "compare.sheet_about.uncertainty",
        present: |x| x.c.uncertainty.is_some(),
        write: uncertainty::write,
    },
    Sheet {
        name: sensitivity::name,
        about: "sensitivity.sheet.about",
        present: |x| x.c.sensitivity.is_some(),
        write: sensitivity::write,
    },
    Sheet {
        name: |l| t(l, L::Diagnostics),
        about: "compare.sheet_about.diagnostics",
        present: |_| true,
        write: |ws, x| write_diagnostics(ws, x.diagnostics, x.lang, x.st),
    },
    Sheet {
        name: |l| t(l, L::About),
        about: "compare.sheet_about.about",
        present: |_| true,
        write: about::write,
    },
];

/// Builds the comparison workbook. `diagnostics` are those of the inputs.
///
///
/// ```
/// # let rules = mgi::Rules::bundled();
/// # let fw = rules.get("micic").unwrap();
/// # let reader = mgi::Reader::new(&rules);
/// # let read = |p: &str| reader.read_path(p.as_ref(), None).unwrap().remove(0);
/// # let results = mgi::evaluate(fw, &read("fixtures/XAA-2026-micic.xlsx"));
/// let other = mgi::evaluate(fw, &read("fixtures/XAB-2026-micic.xlsx"));
/// let c = mgi::compare(fw, &[results, other], &Default::default(), &mgi::NoProgress).unwrap();
/// let opts = mgi::CompareReportOptions { lang: "es".into(), ..Default::default() };
/// let bytes = mgi::compare_report(fw, &c, &[], &opts).unwrap();
/// assert!(bytes.starts_with(b"PK"));
/// ```
///
/// # Errors
/// [`Error::FrameworkMismatch`](crate::Error::FrameworkMismatch) when `c` compares
/// another framework; [`Error::Workbook`](crate::Error::Workbook) when the writer fails.
pub fn compare_report(
    fw: &Framework,
    c: &Comparison,
    diagnostics: &[Diagnostic],
    opts: &CompareReportOptions,
) -> crate::Result<Vec<u8>> {
    if c.framework != fw.id || c.version != fw.version {
        return Err(crate::Error::FrameworkMismatch {
            expected: format!("{} {}", fw.id, fw.version),
            found: format!("a comparison of {} {}", c.framework, c.version),
        });
    }
    build(fw, c, diagnostics, opts)
        .and_then(|mut wb| wb.save_to_buffer())
        .map_err(crate::error::workbook("comparison workbook"))
}

fn build(
    fw: &Framework,
    c: &Comparison,
    diagnostics: &[Diagnostic],
    opts: &CompareReportOptions,
) -> Result<Workbook, XlsxError> {
    let lang = opts.lang.as_str();
    let st = Styles::new();
    let all: Vec<Diagnostic> = diagnostics.iter().chain(&c.diagnostics).cloned().collect();
    let ctx = Ctx {
        fw,
        c,
        diagnostics: &all,
        opts,
        lang,
        st: &st,
    };
    let mut wb = Workbook::new();
    let first_period = c.units.first().map(|u| u.period.as_str()).unwrap_or("");
    let title = fmt(
        lang,
        "compare.title",
        &[
            ("report", t(lang, L::ComparisonReport).into()),
            ("framework", fw.text(&fw.title, lang).into()),
        ],
    );
    wb.set_properties(
        &DocProperties::new()
            .set_title(&title)
            .set_author("mgi")
            .set_creation_datetime(&creation_time("", first_period)),
    );
    let sheets: Vec<&Sheet> = SHEETS.iter().filter(|s| (s.present)(&ctx)).collect();
    let entries: Vec<SheetEntry> = sheets
        .iter()
        .map(|s| SheetEntry {
            name: (s.name)(lang).to_string(),
            about: msg(lang, s.about).to_string(),
        })
        .collect();
    add_sheets(&mut wb, &entries, &title, lang, &st)?;
    for s in sheets {
        (s.write)(wb.worksheet_from_name((s.name)(lang))?, &ctx)?;
    }
    Ok(wb)
}

/// The red-yellow-green colour scale of scores from 0 to 100.
pub(crate) fn heat_map() -> ConditionalFormat3ColorScale {
    ConditionalFormat3ColorScale::new()
        .set_minimum(ConditionalFormatType::Number, 0)
        .set_midpoint(ConditionalFormatType::Number, 50)
        .set_maximum(ConditionalFormatType::Number, 100)
        .set_minimum_color("#F8696B")
        .set_midpoint_color("#FFEB84")
        .set_maximum_color("#63BE7B")
}

/// The colour of band `k` of `n` (lowest first), on the heat map's scale.
pub(crate) fn band_color(k: usize, n: usize) -> u32 {
    let stops = [(0xF8, 0x69, 0x6B), (0xFF, 0xEB, 0x84), (0x63, 0xBE, 0x7B)];
    let x = if n <= 1 {
        1.0
    } else {
        k as f64 / (n - 1) as f64
    };
    let (a, b, f) = if x <= 0.5 {
        (stops[0], stops[1], x * 2.0)
    } else {
        (stops[1], stops[2], (x - 0.5) * 2.0)
    };
    let mix = |p: u8, q: u8| (p as f64 + (q as f64 - p as f64) * f).round() as u32;
    (mix(a.0, b.0) << 16) | (mix(a.1, b.1) << 8) | mix(a.2, b.2)
}

/// The grouping fields of the units, sorted.
pub(crate) fn group_fields(c: &Comparison) -> Vec<String> {
    c.units
        .iter()
        .flat_map(|u| u.groups.keys().cloned())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect()
}

/// The name of a grouping field in the report language: the About sheet's fields
/// (`region`, `income_group`) by their translated names, any other field as given.
pub(crate) fn field_name(lang: &str, field: &str) -> String {
    match field {
        "region" => msg(lang, "compare.field.region").to_string(),
        "income_group" => msg(lang, "compare.field.income_group").to_string(),
        _ => field.to_string(),
    }
}

/// The nodes shown where the whole tree would be too much: the root and level 1, as
/// indices into `c.node_ids` (tree order).
pub(crate) fn top_nodes(fw: &Framework) -> Vec<usize> {
    fw.tree_order()
        .iter()
        .enumerate()
        .filter(|(_, n)| fw.nodes[**n].depth <= 1)
        .map(|(k, _)| k)
        .collect()
}
