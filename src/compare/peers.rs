//! Each unit against its peer group on every node: the group's median (polars, the unit
//! itself included, as `mgi.compare/1` has always reported it), the group's size, and
//! the median of the *other* units of the group, which is what a unit is fairly
//! compared with (a unit pulls its own group median towards itself, most in small
//! groups).

use super::UnitRow;
use super::stats::quantile7;
use crate::results::Results;
use crate::rules::Framework;
use polars::prelude::*;
use std::collections::HashMap;

/// A unit against its peer group on one node.
#[derive(Debug, Clone, PartialEq)]
pub struct PeerRow {
    /// Unit code.
    pub unit: String,
    /// Period.
    pub period: String,
    /// Group value ("" for the units without the grouping field, compared together).
    pub group: String,
    /// Node id.
    pub node: String,
    /// Unit's score.
    pub score: Option<f64>,
    /// Median of the group's scores on the node, the unit itself included.
    pub group_median: Option<f64>,
    /// Score minus group median.
    pub difference: Option<f64>,
    /// Units in the group, the unit itself included (with or without a score).
    pub group_size: usize,
    /// Median of the scores of the group's other units on the node (`None` when no other
    /// unit of the group has a score there).
    pub others_median: Option<f64>,
    /// Score minus the others' median.
    pub others_difference: Option<f64>,
}

/// The median of `sorted` with one occurrence of `own` taken out (when given).
fn median_without(sorted: &[f64], own: Option<f64>) -> Option<f64> {
    match own.and_then(|x| sorted.iter().position(|y| *y == x)) {
        Some(k) => {
            let mut rest = sorted.to_vec();
            rest.remove(k);
            quantile7(&rest, 0.5)
        }
        None => quantile7(sorted, 0.5),
    }
}

/// Peer rows of every unit on the nodes `order` (indices into `fw.nodes`), unit by unit
/// in the order of `units`, grouped on `field`.
pub(crate) fn peers(
    fw: &Framework,
    results: &[&Results],
    units: &[UnitRow],
    order: &[usize],
    field: &str,
) -> PolarsResult<Vec<PeerRow>> {
    let mut unit = Vec::new();
    let mut group = Vec::new();
    let mut node = Vec::new();
    let mut score = Vec::new();
    for (u, row) in units.iter().enumerate() {
        let g = row.groups.get(field).cloned().unwrap_or_default();
        for &n in order {
            unit.push(u as u32);
            group.push(g.clone());
            node.push(fw.nodes[n].id.clone());
            score.push(results[u].nodes[n].score.map(|x| x * 100.0));
        }
    }
    let h = unit.len();
    let df = DataFrame::new(
        h,
        vec![
            Column::new("unit".into(), unit),
            Column::new("group".into(), group),
            Column::new("node".into(), node),
            Column::new("score".into(), score),
        ],
    )?;
    let medians = df
        .clone()
        .lazy()
        .group_by([col("group"), col("node")])
        .agg([col("score").median().alias("group_median")]);
    let joined = df
        .lazy()
        .join(
            medians,
            [col("group"), col("node")],
            [col("group"), col("node")],
            JoinArgs::new(JoinType::Left),
        )
        .with_column((col("score") - col("group_median")).alias("difference"))
        .sort(
            ["unit"],
            SortMultipleOptions::default().with_maintain_order(true),
        )
        .collect()?;
    let units_col: Vec<Option<u32>> = joined.column("unit")?.u32()?.iter().collect();
    let groups: Vec<Option<&str>> = joined.column("group")?.str()?.iter().collect();
    let nodes: Vec<Option<&str>> = joined.column("node")?.str()?.iter().collect();
    let f = |c: &str| -> PolarsResult<Vec<Option<f64>>> {
        Ok(joined.column(c)?.f64()?.iter().collect())
    };
    let (s, m, d) = (f("score")?, f("group_median")?, f("difference")?);
    // Sizes and sorted scores per group and node, for the medians of the others.
    let mut size: HashMap<&str, usize> = HashMap::new();
    for u in units {
        *size
            .entry(u.groups.get(field).map(String::as_str).unwrap_or(""))
            .or_default() += 1;
    }
    let mut scores: HashMap<(&str, &str), Vec<f64>> = HashMap::new();
    for i in 0..joined.height() {
        let key = (groups[i].unwrap_or(""), nodes[i].unwrap_or(""));
        let list = scores.entry(key).or_default();
        if let Some(x) = s[i] {
            list.push(x);
        }
    }
    for list in scores.values_mut() {
        list.sort_by(f64::total_cmp);
    }
    Ok((0..joined.height())
        .map(|i| {
            let u = units_col[i].unwrap_or(0) as usize;
            let (g, n) = (groups[i].unwrap_or(""), nodes[i].unwrap_or(""));
            let others = scores
                .get(&(g, n))
                .and_then(|list| median_without(list, s[i]));
            PeerRow {
                unit: units[u].code.clone(),
                period: units[u].period.clone(),
                group: g.to_string(),
                node: n.to_string(),
                score: s[i],
                group_median: m[i],
                difference: d[i],
                group_size: size.get(g).copied().unwrap_or(0),
                others_median: others,
                others_difference: s[i].zip(others).map(|(a, b)| a - b),
            }
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::median_without;

    #[test]
    fn the_median_of_the_others() {
        // Group 0, 50, 100: the unit at 100 is compared with the median of 0 and 50.
        assert_eq!(median_without(&[0.0, 50.0, 100.0], Some(100.0)), Some(25.0));
        assert_eq!(median_without(&[0.0, 50.0, 100.0], None), Some(50.0));
        assert_eq!(median_without(&[70.0], Some(70.0)), None);
        // Ties: one occurrence only is the unit's own.
        assert_eq!(median_without(&[40.0, 40.0], Some(40.0)), Some(40.0));
    }
}
