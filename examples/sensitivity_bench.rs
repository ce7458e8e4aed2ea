//! The time of the sensitivity analysis alone (`mgi compare --sensitivity N`): reads and
//! scores every workbook of a folder once, then runs the analysis RUNS times and prints
//! each time and the median, with a checksum of the indices (the same numbers whatever
//! the speed-ups: compare it before and after one).
//!
//! The benchmark of issue 14 (200 countries, 6 factors, N = 2,000), from the MGI-aligned
//! framework with the don't-know policy as a sixth factor:
//!
//! ```sh
//! mgi rules export mgi /tmp/bench/rules
//! echo 'dont_know_policies = [{ policy = "missing" }, { policy = "score", score = 0.0 }]' \
//!     >> /tmp/bench/rules/mgi/framework.toml     # [uncertainty] is its last table
//! mgi --rules /tmp/bench/rules generate --count 200 --framework mgi --seed 1 --out /tmp/bench/wb
//! cargo run --release --example sensitivity_bench -- /tmp/bench/rules /tmp/bench/wb 2000 5
//! ```

use mgi::compare::sensitivity::{SensitivityOptions, analyse};
use mgi::results::Results;
use mgi::rules::Rules;
use rayon::prelude::*;
use std::path::PathBuf;
use std::time::Instant;

fn main() {
    let usage = "usage: sensitivity_bench RULES_DIR WORKBOOKS_DIR [N] [RUNS] [--rank]";
    let args: Vec<String> = std::env::args().skip(1).collect();
    let rank = args.iter().any(|a| a == "--rank");
    let mut args = args.into_iter().filter(|a| a != "--rank");
    let rules_dir = PathBuf::from(args.next().expect(usage));
    let dir = PathBuf::from(args.next().expect(usage));
    let n: usize = args.next().and_then(|v| v.parse().ok()).unwrap_or(2000);
    let runs: usize = args.next().and_then(|v| v.parse().ok()).unwrap_or(5);
    let rules = Rules::from_dir(&rules_dir);
    let fw = rules
        .get("mgi")
        .expect("an mgi framework in the rules folder");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("read the workbooks folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "xlsx"))
        .collect();
    files.sort();
    let reader = mgi::intake::Reader::new(&rules);
    let results: Vec<Results> = files
        .par_iter()
        .flat_map_iter(|f| {
            reader
                .read_path(f, Some("mgi"))
                .expect("a readable workbook")
        })
        .map(|a| mgi::results::evaluate(fw, &a))
        .collect();
    let refs: Vec<&Results> = results.iter().collect();
    let mut opts = SensitivityOptions::from_framework(fw, n, 1);
    opts.rank = rank;
    let mut times = Vec::new();
    let mut checksum = None;
    for run in 0..runs {
        let t = Instant::now();
        let s = analyse(fw, &refs, &opts, &mgi::NoProgress);
        let secs = t.elapsed().as_secs_f64();
        // Every estimate of every unit and output, summed in order.
        let sum: f64 = s
            .set
            .iter()
            .chain(s.units.iter().flatten())
            .flat_map(|o| o.first.iter().chain(&o.total))
            .flatten()
            .map(|i| i[1])
            .sum();
        assert!(
            checksum.is_none_or(|c| c == sum),
            "the same numbers every run"
        );
        checksum = Some(sum);
        println!(
            "run {}: {} units, {} factors ({}), N = {n}: {secs:.3} s",
            run + 1,
            refs.len(),
            s.factors.len(),
            s.factors
                .iter()
                .map(|f| f.id.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        );
        times.push(secs);
    }
    times.sort_by(f64::total_cmp);
    println!(
        "median of {runs}: {:.3} s on {} threads; checksum of the indices {:.12}",
        times[times.len() / 2],
        rayon::current_num_threads(),
        checksum.unwrap_or(0.0)
    );
}
