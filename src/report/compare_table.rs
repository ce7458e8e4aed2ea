//! The long table of a comparison (`mgi compare --format csv|parquet`): the scores of
//! [`long_table`] for every unit with one `group:FIELD` column per grouping field, then
//! the analyses of the comparison as rows of the same table, told apart by its `table`
//! column:
//!
//! - `scores`: one row per unit and node or indicator, as `mgi score --format csv`;
//! - `uncertainty`: per unit, its nominal overall score, median and 5th–95th percentile
//!   (`nominal`, `median`, `p05`, `p95`, with `draws` and `seed`);
//! - `ranks`: per unit, its nominal rank and, with the uncertainty analysis, the median
//!   and 5th–95th percentile of its rank;
//! - `sensitivity`: per output (`overall`, a level-1 node id, `rank`) and factor, for the
//!   set (empty `unit`) and every unit, the first- and total-order indices with their
//!   95 % intervals (`first`, `first_low`, `first_high`, `total`, ...), the output's
//!   `variance`, `samples` (N) and `seed`; when the analysis has no indices, one row with
//!   its `note`;
//! - `shifts`: per source of variation, the mean shift it causes on the overall scores.
//!
//! The columns of the scores table come first, in their order; the analyses' columns
//! follow (null where they do not apply), so a reader of the scores table by column name
//! reads this one too. The numbers are those of `mgi.compare/1`.

use super::long_table::{long_table, neutralise};
use crate::compare::Comparison;
use crate::compare::sensitivity::{OutputIndices, factor_name};
use crate::results::Results;
use crate::rules::Framework;
use polars::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

/// The comparison's long table. `results` are the units compared (any order: the scores
/// rows follow it), `groups` the grouping fields given by unit code (`--groups`), which
/// override those of the inputs.
///
///
/// ```
/// # let rules = mgi::Rules::bundled();
/// # let fw = rules.get("micic").unwrap();
/// # let reader = mgi::Reader::new(&rules);
/// # let read = |p: &str| reader.read_path(p.as_ref(), None).unwrap().remove(0);
/// # let results = mgi::evaluate(fw, &read("fixtures/XAA-2026-micic.xlsx"));
/// let other = mgi::evaluate(fw, &read("fixtures/XAB-2026-micic.xlsx"));
/// let both = [results, other];
/// let c = mgi::compare(fw, &both, &Default::default(), &mgi::NoProgress).unwrap();
/// let groups = Default::default();
/// let mut df = mgi::report::compare_table::comparison_table(fw, &both.iter().collect::<Vec<_>>(), &c, &groups, "en").unwrap();
/// assert!(df.height() >= 2 * (fw.nodes.len() + fw.indicators.len()));
/// let parquet = mgi::report::compare_table::write_parquet(&mut df).unwrap();
/// assert!(parquet.starts_with(b"PAR1"));
/// ```
///
/// # Errors
/// [`Error::FrameworkMismatch`](crate::Error::FrameworkMismatch) when a result was not
/// scored with `fw`; [`Error::Table`](crate::Error::Table) when the frame cannot be built.
pub fn comparison_table(
    fw: &Framework,
    results: &[&Results],
    c: &Comparison,
    groups: &BTreeMap<String, BTreeMap<String, String>>,
    lang: &str,
) -> crate::Result<DataFrame> {
    let mut df = long_table(fw, results, lang)?;
    let fields: Vec<String> = results
        .iter()
        .flat_map(|r| r.assessment.meta.groups.keys().cloned())
        .chain(groups.values().flat_map(|g| g.keys().cloned()))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    build(fw, results, c, groups, &fields, lang, &mut df)
        .map_err(crate::error::table("comparison table"))?;
    Ok(df)
}

/// Writes a frame as Parquet.
///
///
/// ```
/// # let rules = mgi::Rules::bundled();
/// # let fw = rules.get("micic").unwrap();
/// # let reader = mgi::Reader::new(&rules);
/// # let read = |p: &str| reader.read_path(p.as_ref(), None).unwrap().remove(0);
/// # let results = mgi::evaluate(fw, &read("fixtures/XAA-2026-micic.xlsx"));
/// let mut df = mgi::long_table(fw, &[&results], "en").unwrap();
/// let bytes = mgi::report::compare_table::write_parquet(&mut df).unwrap();
/// assert!(bytes.starts_with(b"PAR1") && bytes.ends_with(b"PAR1"));
/// ```
///
/// # Errors
/// [`Error::Table`](crate::Error::Table) when the writer fails.
pub fn write_parquet(df: &mut DataFrame) -> crate::Result<Vec<u8>> {
    let mut buf = Vec::new();
    polars_io::parquet::write::ParquetWriter::new(&mut buf)
        .finish(df)
        .map_err(crate::error::table("Parquet file"))?;
    Ok(buf)
}

/// The rows of the analyses: the scores table's columns (those that apply), the
/// grouping fields, and the analyses' own.
#[derive(Default)]
struct Rows {
    unit: Vec<Option<String>>,
    period: Vec<Option<String>>,
    round: Vec<Option<String>>,
    kind: Vec<Option<String>>,
    id: Vec<Option<String>>,
    level: Vec<Option<String>>,
    parent: Vec<Option<String>>,
    label: Vec<Option<String>>,
    groups: Vec<Vec<Option<String>>>,
    table: Vec<String>,
    output: Vec<Option<String>>,
    factor: Vec<Option<String>>,
    factor_label: Vec<Option<String>>,
    /// nominal, median, p05, p95, rank_median, rank_p05, rank_p95, variance, first,
    /// first_low, first_high, total, total_low, total_high, mean_shift.
    numbers: [Vec<Option<f64>>; NUMBERS.len()],
    rank: Vec<Option<u32>>,
    draws: Vec<Option<u32>>,
    samples: Vec<Option<u32>>,
    seed: Vec<Option<u64>>,
    note: Vec<Option<String>>,
}

/// The analyses' number columns, in [`Rows::numbers`] order.
const NUMBERS: [&str; 15] = [
    "nominal",
    "median",
    "p05",
    "p95",
    "rank_median",
    "rank_p05",
    "rank_p95",
    "variance",
    "first",
    "first_low",
    "first_high",
    "total",
    "total_low",
    "total_high",
    "mean_shift",
];

/// One row of the analyses: what it is about and its values (by [`NUMBERS`] name).
#[derive(Default)]
struct Row<'a> {
    unit: Option<usize>,
    node: Option<usize>,
    output: Option<&'a str>,
    factor: Option<(String, String)>,
    numbers: Vec<(&'static str, Option<f64>)>,
    rank: Option<usize>,
    draws: Option<usize>,
    samples: Option<usize>,
    seed: Option<u64>,
    note: Option<&'a str>,
}

/// What every row reads.
struct Ctx<'a> {
    fw: &'a Framework,
    c: &'a Comparison,
    fields: &'a [String],
    lang: &'a str,
}

impl Rows {
    fn push(&mut self, x: &Ctx, table: &str, r: Row) {
        let (fw, fields) = (x.fw, x.fields);
        let u = r.unit.map(|u| &x.c.units[u]);
        self.unit.push(u.map(|u| neutralise(&u.code)));
        self.period.push(u.map(|u| neutralise(&u.period)));
        self.round.push(u.map(|u| neutralise(&u.round)));
        let node = r.node.map(|n| &fw.nodes[n]);
        self.kind.push(node.map(|_| "node".to_string()));
        self.id.push(node.map(|n| neutralise(&n.id)));
        self.level.push(
            node.and_then(|n| fw.levels.get(n.depth))
                .map(|l| l.id.clone()),
        );
        self.parent.push(
            node.and_then(|n| n.parent)
                .map(|p| neutralise(&fw.nodes[p].id)),
        );
        self.label
            .push(node.map(|n| neutralise(fw.text(&n.label, x.lang))));
        if self.groups.len() < fields.len() {
            self.groups.resize(fields.len(), Vec::new());
        }
        for (col, f) in self.groups.iter_mut().zip(fields) {
            col.push(u.and_then(|u| u.groups.get(f)).map(|v| neutralise(v)));
        }
        self.table.push(table.to_string());
        self.output.push(r.output.map(str::to_string));
        let (id, label) = r.factor.unzip();
        self.factor.push(id);
        self.factor_label.push(label.map(|l| neutralise(&l)));
        for (col, name) in self.numbers.iter_mut().zip(NUMBERS) {
            col.push(r.numbers.iter().find(|(n, _)| *n == name).and_then(|x| x.1));
        }
        let small = |x: Option<usize>| x.map(|x| x.min(u32::MAX as usize) as u32);
        self.rank.push(small(r.rank));
        self.draws.push(small(r.draws));
        self.samples.push(small(r.samples));
        self.seed.push(r.seed);
        self.note.push(r.note.map(neutralise));
    }
}

/// The indices of one output as named numbers.
fn indices(o: &OutputIndices, i: usize) -> Vec<(&'static str, Option<f64>)> {
    let [fl, f, fh] = o.first[i].map_or([None; 3], |v| v.map(Some));
    let [tl, t, th] = o.total[i].map_or([None; 3], |v| v.map(Some));
    vec![
        ("variance", Some(o.variance)),
        ("first", f),
        ("first_low", fl),
        ("first_high", fh),
        ("total", t),
        ("total_low", tl),
        ("total_high", th),
    ]
}

fn build(
    fw: &Framework,
    results: &[&Results],
    c: &Comparison,
    groups: &BTreeMap<String, BTreeMap<String, String>>,
    fields: &[String],
    lang: &str,
    df: &mut DataFrame,
) -> PolarsResult<()> {
    // The scores rows: grouping fields, then the analyses' columns, empty.
    let per = fw.nodes.len() + fw.indicators.len();
    let height = df.height();
    for f in fields {
        let mut col: Vec<Option<String>> = Vec::with_capacity(height);
        for r in results {
            let m = &r.assessment.meta;
            let v = groups
                .get(&m.unit_code)
                .and_then(|g| g.get(f))
                .or_else(|| m.groups.get(f))
                .map(|s| neutralise(s));
            col.extend(std::iter::repeat_n(v, per));
        }
        df.with_column(Column::new(format!("group:{f}").into(), col))?;
    }
    let mut rows = Rows::default();
    let x = Ctx {
        fw,
        c,
        fields,
        lang,
    };
    let node_of = |id: &str| fw.nodes.iter().position(|n| n.id == id);
    if let Some((o, intervals)) = &c.uncertainty {
        for (u, i) in intervals.iter().enumerate() {
            let row = Row {
                unit: Some(u),
                node: Some(fw.root),
                output: Some("overall"),
                numbers: vec![
                    ("nominal", i.nominal),
                    ("median", i.median),
                    ("p05", i.p05),
                    ("p95", i.p95),
                ],
                draws: Some(o.draws),
                seed: Some(o.seed),
                ..Row::default()
            };
            rows.push(&x, "uncertainty", row);
        }
    }
    if let Some(ranks) = &c.ranks {
        let intervals = c.uncertainty.as_ref().map(|(_, v)| v);
        for (u, rank) in ranks.iter().enumerate() {
            let i = intervals.map(|v| &v[u]);
            let row = Row {
                unit: Some(u),
                output: Some("rank"),
                rank: *rank,
                numbers: vec![
                    ("rank_median", i.and_then(|i| i.rank_median)),
                    ("rank_p05", i.and_then(|i| i.rank_p05)),
                    ("rank_p95", i.and_then(|i| i.rank_p95)),
                ],
                ..Row::default()
            };
            rows.push(&x, "ranks", row);
        }
    }
    if let Some(s) = &c.sensitivity {
        let names: Vec<(String, String)> = s
            .factors
            .iter()
            .map(|f| (f.id.clone(), factor_name(fw, f.factor, lang)))
            .collect();
        if let Some(note) = &s.note {
            let row = Row {
                samples: Some(s.options.n),
                seed: Some(s.options.seed),
                note: Some(note),
                ..Row::default()
            };
            rows.push(&x, "sensitivity", row);
        }
        let outputs = std::iter::once((None, &s.set))
            .chain(s.units.iter().enumerate().map(|(u, o)| (Some(u), o)));
        for (unit, outs) in outputs {
            for o in outs {
                for (i, name) in names.iter().enumerate() {
                    let row = Row {
                        unit,
                        node: if o.output == "overall" {
                            Some(fw.root)
                        } else {
                            node_of(&o.output)
                        },
                        output: Some(&o.output),
                        factor: Some(name.clone()),
                        numbers: indices(o, i),
                        samples: Some(s.options.n),
                        seed: Some(s.options.seed),
                        ..Row::default()
                    };
                    rows.push(&x, "sensitivity", row);
                }
            }
        }
    }
    if let Some((o, _)) = &c.uncertainty {
        for s in &c.uncertainty_sources {
            let row = Row {
                output: Some("overall"),
                node: Some(fw.root),
                factor: Some((s.source.clone(), factor_name(fw, s.factor, lang))),
                numbers: vec![("mean_shift", s.mean_shift)],
                draws: Some(s.draws),
                seed: Some(o.seed),
                ..Row::default()
            };
            rows.push(&x, "shifts", row);
        }
    }
    // The analyses' columns on the scores rows: `scores`, then nulls.
    let mut extra = vec![Column::new("table".into(), vec!["scores"; height])];
    let null = |name: &str, dt: DataType| Column::full_null(name.into(), height, &dt);
    for name in ["output", "factor", "factor_label"] {
        extra.push(null(name, DataType::String));
    }
    for name in &NUMBERS[..4] {
        extra.push(null(name, DataType::Float64));
    }
    extra.push(null("rank", DataType::UInt32));
    for name in &NUMBERS[4..] {
        extra.push(null(name, DataType::Float64));
    }
    for name in ["draws", "samples"] {
        extra.push(null(name, DataType::UInt32));
    }
    extra.push(null("seed", DataType::UInt64));
    extra.push(null("note", DataType::String));
    for col in extra {
        df.with_column(col)?;
    }
    if rows.table.is_empty() {
        return Ok(());
    }
    // The analyses' rows, in the same columns.
    let n = rows.table.len();
    let mut cols = vec![
        Column::new("unit".into(), rows.unit),
        Column::new("period".into(), rows.period),
        Column::new("round".into(), rows.round),
        Column::new("framework".into(), vec![fw.id.clone(); n]),
        Column::new("version".into(), vec![fw.version.clone(); n]),
        Column::new("kind".into(), rows.kind),
        Column::new("id".into(), rows.id),
        Column::new("level".into(), rows.level),
        Column::new("parent".into(), rows.parent),
        Column::new("label".into(), rows.label),
        Column::full_null("score".into(), n, &DataType::Float64),
        Column::full_null("band".into(), n, &DataType::String),
        Column::full_null("coverage".into(), n, &DataType::Float64),
        Column::full_null("status".into(), n, &DataType::String),
        Column::full_null("answer".into(), n, &DataType::String),
    ];
    rows.groups.resize(fields.len(), Vec::new());
    for (f, col) in fields.iter().zip(rows.groups) {
        cols.push(Column::new(format!("group:{f}").into(), col));
    }
    cols.push(Column::new("table".into(), rows.table));
    cols.push(Column::new("output".into(), rows.output));
    cols.push(Column::new("factor".into(), rows.factor));
    cols.push(Column::new("factor_label".into(), rows.factor_label));
    let [nominal, median, p05, p95, rest @ ..] = rows.numbers;
    for (name, col) in NUMBERS[..4].iter().zip([nominal, median, p05, p95]) {
        cols.push(Column::new((*name).into(), col));
    }
    cols.push(Column::new("rank".into(), rows.rank));
    for (name, col) in NUMBERS[4..].iter().zip(rest) {
        cols.push(Column::new((*name).into(), col));
    }
    cols.push(Column::new("draws".into(), rows.draws));
    cols.push(Column::new("samples".into(), rows.samples));
    cols.push(Column::new("seed".into(), rows.seed));
    cols.push(Column::new("note".into(), rows.note));
    df.vstack_mut_owned(DataFrame::new(n, cols)?)?;
    Ok(())
}
