//! How many units meet each indicator, the shares among the units with a score, and the
//! indicators least often met (where capacity building is most needed), so that the JSON
//! and every workbook order them the same way.

use crate::results::Results;
use crate::rules::Framework;
use crate::score::Status;

/// How many units meet an indicator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndicatorShare {
    /// Indicator id.
    pub id: String,
    /// Scored at the scale's best.
    pub met: usize,
    /// Scored between.
    pub partial: usize,
    /// Scored 0.
    pub not_met: usize,
    /// Does not apply.
    pub not_applicable: usize,
    /// Missing, don't know or invalid.
    pub missing: usize,
}

impl IndicatorShare {
    /// Units with a score on the indicator (met, partly met or not met).
    pub fn scored(&self) -> usize {
        self.met + self.partial + self.not_met
    }

    fn share(&self, n: usize) -> Option<f64> {
        let s = self.scored();
        (s > 0).then(|| n as f64 / s as f64)
    }

    /// Share of the units with a score that meet the indicator (0 to 1); `None` when no
    /// unit has a score.
    pub fn share_met(&self) -> Option<f64> {
        self.share(self.met)
    }

    /// Share of the units with a score that partly meet it.
    pub fn share_partial(&self) -> Option<f64> {
        self.share(self.partial)
    }

    /// Share of the units with a score that do not meet it.
    pub fn share_not_met(&self) -> Option<f64> {
        self.share(self.not_met)
    }
}

/// How many units meet, partly meet or do not meet each indicator.
pub(crate) fn indicator_shares(fw: &Framework, results: &[&Results]) -> Vec<IndicatorShare> {
    fw.indicators
        .iter()
        .enumerate()
        .map(|(i, ind)| {
            let best = fw.scale_of(i).best();
            let mut s = IndicatorShare {
                id: ind.id.clone(),
                met: 0,
                partial: 0,
                not_met: 0,
                not_applicable: 0,
                missing: 0,
            };
            for r in results {
                let x = &r.indicators[i];
                match (x.status, x.score) {
                    (Status::Scored, Some(v)) if v >= best - 1e-12 => s.met += 1,
                    (Status::Scored, Some(v)) if v <= 1e-12 => s.not_met += 1,
                    (Status::Scored, Some(_)) => s.partial += 1,
                    (Status::NotApplicable, _) => s.not_applicable += 1,
                    _ => s.missing += 1,
                }
            }
            s
        })
        .collect()
}

/// The indicators with at least one score, least often met first: by share met
/// (lowest first), then share partly met (lowest first: fewer units on the way), then
/// framework order. Indices into `shares`.
pub fn least_met(shares: &[IndicatorShare]) -> Vec<usize> {
    let mut out: Vec<usize> = (0..shares.len())
        .filter(|&i| shares[i].scored() > 0)
        .collect();
    // Exact comparisons of the counts (a/b < c/d as a·d < c·b) keep ties ties.
    out.sort_by(|&a, &b| {
        let (x, y) = (&shares[a], &shares[b]);
        let (nx, ny) = (x.scored(), y.scored());
        (x.met * ny)
            .cmp(&(y.met * nx))
            .then((x.partial * ny).cmp(&(y.partial * nx)))
            .then(a.cmp(&b))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn share(
        id: &str,
        met: usize,
        partial: usize,
        not_met: usize,
        missing: usize,
    ) -> IndicatorShare {
        IndicatorShare {
            id: id.into(),
            met,
            partial,
            not_met,
            not_applicable: 0,
            missing,
        }
    }

    #[test]
    fn least_met_by_share_then_partial_then_order() {
        let s = [
            share("a", 2, 0, 2, 0), // 1/2 met
            share("b", 1, 1, 0, 2), // 1/2 met, 1/2 partial
            share("c", 0, 0, 0, 4), // nothing scored: left out
            share("d", 1, 0, 3, 0), // 1/4 met
            share("e", 1, 0, 1, 0), // 1/2 met, like a
        ];
        assert_eq!(least_met(&s), [3, 0, 4, 1]);
        assert_eq!(s[3].share_met(), Some(0.25));
        assert_eq!(s[2].share_met(), None);
    }
}
