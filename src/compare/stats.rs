//! Descriptive statistics per node across units, computed by polars over the long
//! (unit × node) table; the confidence interval of the mean comes from Student's t
//! distribution (statrs). Quantiles use linear interpolation (R type 7, Excel's
//! QUARTILE.INC, numpy's and pandas' default).

use crate::rules::Framework;
use polars::prelude::*;
use statrs::distribution::{ContinuousCDF, StudentsT};

/// Statistics of one node's scores (0 to 100) across units.
#[derive(Debug, Clone, PartialEq)]
pub struct NodeStats {
    /// Node id.
    pub node: String,
    /// Units with a score.
    pub count: usize,
    /// Mean.
    pub mean: Option<f64>,
    /// Median.
    pub median: Option<f64>,
    /// Sample standard deviation (n − 1).
    pub sd: Option<f64>,
    /// First quartile (type 7).
    pub q1: Option<f64>,
    /// Third quartile (type 7).
    pub q3: Option<f64>,
    /// Minimum.
    pub min: Option<f64>,
    /// Maximum.
    pub max: Option<f64>,
    /// 95 % confidence interval of the mean (t distribution, n − 1 degrees of freedom).
    pub ci95: Option<(f64, f64)>,
}

/// How many units fall in each band of the framework on one node (a framework's bands
/// cover 0 to 100, so every score is in one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NodeBands {
    /// Node id.
    pub node: String,
    /// Units per band, in the framework's band order (lowest first).
    pub counts: Vec<usize>,
    /// Units without a score on the node.
    pub unscored: usize,
}

/// Units per band on every node: `scores[u][k]` is unit `u`'s score (0 to 100) on node
/// `node_ids[k]`.
pub fn band_counts(
    fw: &Framework,
    node_ids: &[String],
    scores: &[&[Option<f64>]],
) -> Vec<NodeBands> {
    node_ids
        .iter()
        .enumerate()
        .map(|(k, id)| {
            let mut counts = vec![0; fw.bands.len()];
            let mut unscored = 0;
            for unit in scores {
                let Some(score) = unit[k] else {
                    unscored += 1;
                    continue;
                };
                let band = fw
                    .band_of(score)
                    .and_then(|b| fw.bands.iter().position(|x| std::ptr::eq(x, b)));
                if let Some(b) = band {
                    counts[b] += 1;
                }
            }
            NodeBands {
                node: id.clone(),
                counts,
                unscored,
            }
        })
        .collect()
}

/// The type-7 quantile of sorted values (`p` in [0, 1]).
pub fn quantile7(sorted: &[f64], p: f64) -> Option<f64> {
    if sorted.is_empty() {
        return None;
    }
    let h = (sorted.len() - 1) as f64 * p;
    let lo = h.floor() as usize;
    let hi = h.ceil() as usize;
    Some(sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo]))
}

/// The half-width of the 95 % confidence interval of a mean.
pub fn t_half_width(sd: f64, n: usize) -> Option<f64> {
    if n < 2 {
        return None;
    }
    let t = StudentsT::new(0.0, 1.0, (n - 1) as f64)
        .ok()?
        .inverse_cdf(0.975);
    Some(t * sd / (n as f64).sqrt())
}

/// Statistics per node from a long table with columns `node` (string, in the order nodes
/// should be reported) and `score` (nullable f64).
pub fn node_statistics(long: &DataFrame, node_order: &[String]) -> PolarsResult<Vec<NodeStats>> {
    let agg = long
        .clone()
        .lazy()
        .group_by([col("node")])
        .agg([
            col("score").count().alias("count"),
            col("score").mean().alias("mean"),
            col("score").median().alias("median"),
            col("score").std(1).alias("sd"),
            col("score")
                .quantile(lit(0.25), QuantileMethod::Linear)
                .alias("q1"),
            col("score")
                .quantile(lit(0.75), QuantileMethod::Linear)
                .alias("q3"),
            col("score").min().alias("min"),
            col("score").max().alias("max"),
        ])
        .collect()?;
    let nodes = agg.column("node")?.str()?.clone();
    let f = |name: &str| -> PolarsResult<Vec<Option<f64>>> {
        Ok(agg
            .column(name)?
            .cast(&DataType::Float64)?
            .f64()?
            .iter()
            .collect())
    };
    let count: Vec<Option<f64>> = f("count")?;
    let (mean, median, sd, q1, q3, min, max) = (
        f("mean")?,
        f("median")?,
        f("sd")?,
        f("q1")?,
        f("q3")?,
        f("min")?,
        f("max")?,
    );
    let mut out: Vec<NodeStats> = Vec::with_capacity(node_order.len());
    for id in node_order {
        let Some(i) = nodes.iter().position(|n| n == Some(id.as_str())) else {
            out.push(NodeStats {
                node: id.clone(),
                count: 0,
                mean: None,
                median: None,
                sd: None,
                q1: None,
                q3: None,
                min: None,
                max: None,
                ci95: None,
            });
            continue;
        };
        let n = count[i].unwrap_or(0.0) as usize;
        let keep = |v: Option<f64>| if n == 0 { None } else { v };
        let sd_i = if n >= 2 { sd[i] } else { None };
        let ci95 = match (mean[i], sd_i) {
            (Some(m), Some(s)) => t_half_width(s, n).map(|h| (m - h, m + h)),
            _ => None,
        };
        out.push(NodeStats {
            node: id.clone(),
            count: n,
            mean: keep(mean[i]),
            median: keep(median[i]),
            sd: sd_i,
            q1: keep(q1[i]),
            q3: keep(q3[i]),
            min: keep(min[i]),
            max: keep(max[i]),
            ci95,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_7_quantiles_by_hand() {
        let v = [10.0, 20.0, 40.0, 80.0];
        // h = 3 × 0.25 = 0.75 → 10 + 0.75 × 10 = 17.5; h = 2.25 → 40 + 0.25 × 40 = 50.
        assert_eq!(quantile7(&v, 0.25), Some(17.5));
        assert_eq!(quantile7(&v, 0.75), Some(50.0));
        assert_eq!(quantile7(&v, 0.5), Some(30.0));
        assert_eq!(quantile7(&[5.0], 0.9), Some(5.0));
    }

    #[test]
    fn t_interval_by_hand() {
        // n = 4, sd = 2: t(0.975, 3) = 3.182446305... → half-width 3.182446 × 2 / 2.
        let h = t_half_width(2.0, 4).unwrap();
        assert!((h - 3.182_446_305_284_263).abs() < 1e-9, "{h}");
        assert_eq!(t_half_width(2.0, 1), None);
    }
}
