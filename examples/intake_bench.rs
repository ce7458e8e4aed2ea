//! Intake benchmark: time and peak memory of reading (1) a table of 100,000 rows, (2) a
//! workbook whose used range runs to row 1,048,576, and (3) a batch of 1,000 generated
//! MGI-aligned workbooks, read and scored as `mgi compare` does. Each job runs in its own
//! process, so its peak memory is its own.
//!
//! ```sh
//! cargo run --release --example intake_bench            # all three
//! cargo run --release --example intake_bench -- DIR     # (3) on the workbooks in DIR
//! ```
//!
//! Peak memory is the process's resident high-water mark (`VmHWM`, Linux) and the peak
//! of live heap bytes (any system). Compare (3) with `examples/read_floor` on the same
//! folder (`mgi generate --count 1000 --framework mgi --seed 1 --out DIR`).

#[path = "../src/fixtures.rs"]
#[allow(dead_code)]
mod fixtures;
#[path = "../src/synth.rs"]
#[allow(dead_code)]
mod synth;

use mgi::intake::{Reader, Summary};
use mgi::results::Scorer;
use mgi::rules::Rules;
use std::alloc::{GlobalAlloc, Layout, System};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

struct Counting;
static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        let now = LIVE.fetch_add(l.size(), Ordering::Relaxed) + l.size();
        PEAK.fetch_max(now, Ordering::Relaxed);
        unsafe { System.alloc(l) }
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        LIVE.fetch_sub(l.size(), Ordering::Relaxed);
        unsafe { System.dealloc(p, l) }
    }
    unsafe fn realloc(&self, p: *mut u8, l: Layout, new: usize) -> *mut u8 {
        if new > l.size() {
            let now = LIVE.fetch_add(new - l.size(), Ordering::Relaxed) + new - l.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        } else {
            LIVE.fetch_sub(l.size() - new, Ordering::Relaxed);
        }
        unsafe { System.realloc(p, l, new) }
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

/// The resident high-water mark in MiB, where the system says it.
fn rss_peak_mib() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let kb: f64 = s
        .lines()
        .find(|l| l.starts_with("VmHWM:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()?;
    Some(kb / 1024.0)
}

fn mib(b: usize) -> f64 {
    b as f64 / (1024.0 * 1024.0)
}

/// A table of `rows` units of the SDG 10.7.2 framework (the fixture's six rows, with
/// fictional codes and years to keep every row its own assessment).
fn big_table(rows: usize) -> String {
    let rules = Rules::bundled();
    let fw = rules.get("sdg-10-7-2").expect("bundled");
    let six = fixtures::wide_csv(fw, 6);
    let mut lines = six.lines();
    let header = lines.next().unwrap().to_string();
    let body: Vec<Vec<String>> = lines
        .map(|l| l.split(',').map(str::to_string).collect())
        .collect();
    let mut out = header + "\n";
    for i in 0..rows {
        let mut r = body[i % body.len()].clone();
        let n = i % (26 * 26 * 26);
        r[0] = format!(
            "{}{}{}",
            (b'A' + (n / 676) as u8) as char,
            (b'A' + (n / 26 % 26) as u8) as char,
            (b'A' + (n % 26) as u8) as char
        );
        r[2] = (1950 + i / (26 * 26 * 26)).to_string();
        out.push_str(&r.join(","));
        out.push('\n');
    }
    out
}

fn job(name: &str, arg: Option<&str>) {
    let rules = Rules::bundled();
    let reader = Reader::new(&rules);
    let tmp = std::env::temp_dir().join(format!("mgi-intake-bench-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).unwrap();
    let (secs, what) = match name {
        "table" => {
            let p = tmp.join("table-100000.csv");
            std::fs::write(&p, big_table(100_000)).unwrap();
            let before = PEAK.load(Ordering::Relaxed);
            let _ = before;
            let t = Instant::now();
            // As `mgi validate` reads it: row by row, keeping what validating needs.
            let mut kept: Vec<Summary> = Vec::new();
            let n = reader
                .read_path_each(&p, None, &mut |a| kept.push(Summary::from(a)))
                .expect("table");
            let secs = t.elapsed().as_secs_f64();
            let errors = kept
                .iter()
                .flat_map(|s| &s.diagnostics)
                .filter(|d| d.is_error())
                .count();
            (
                secs,
                format!("a csv table of {n} rows ({errors} errors), read and checked"),
            )
        }
        "range" => {
            let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("fixtures/XAD-2026-sdg-10-7-2-messy.xlsx");
            let t = Instant::now();
            let mut answers = 0;
            for _ in 0..20 {
                answers = reader.read_path(&p, None).expect("messy")[0].answers.len();
            }
            (
                t.elapsed().as_secs_f64() / 20.0,
                format!(
                    "a workbook whose used range runs to row 1,048,576 ({answers} answers), per read"
                ),
            )
        }
        "batch" => {
            let dir = match arg {
                Some(d) => PathBuf::from(d),
                None => {
                    let d = tmp.join("mgi-1000");
                    generate(&rules, &d, 1000);
                    d
                }
            };
            let t = Instant::now();
            let batch = reader.read_batch(std::slice::from_ref(&dir), None, &mgi::NoProgress);
            let read = t.elapsed().as_secs_f64();
            let scorers: std::collections::BTreeMap<&str, Scorer> = rules
                .frameworks
                .iter()
                .map(|f| (f.id.as_str(), Scorer::new(f)))
                .collect();
            use rayon::prelude::*;
            let assessments: Vec<_> = batch
                .inputs
                .into_iter()
                .filter_map(|i| i.result.ok())
                .flatten()
                .collect();
            let n = assessments.len();
            let results: Vec<_> = assessments
                .into_par_iter()
                .map(|a| scorers[a.framework.as_str()].evaluate(a))
                .collect();
            let secs = t.elapsed().as_secs_f64();
            std::mem::forget(results);
            (
                secs,
                format!(
                    "{n} workbooks of {} read ({read:.3} s) and scored",
                    dir.display()
                ),
            )
        }
        _ => unreachable!(),
    };
    let _ = std::fs::remove_dir_all(&tmp);
    println!(
        "{name}: {secs:.3} s, peak heap {:.1} MiB, peak resident {} — {what}",
        mib(PEAK.load(Ordering::Relaxed)),
        rss_peak_mib()
            .map(|m| format!("{m:.1} MiB"))
            .unwrap_or_else(|| "n/a".into())
    );
}

/// Writes `count` synthetic MGI-aligned workbooks, as `mgi generate` does.
fn generate(rules: &Rules, dir: &Path, count: usize) {
    std::fs::create_dir_all(dir).unwrap();
    let fw = rules.get("mgi").expect("bundled");
    use rayon::prelude::*;
    (0..count).into_par_iter().for_each(|i| {
        let code = synth::unit_code(i).expect("code");
        let bytes = fixtures::styled(fw, i, "en", synth::AnswerStyle::Codes, |o| {
            o.seed = 1;
        })
        .expect("workbook");
        std::fs::write(dir.join(format!("{code}-2026-mgi.xlsx")), bytes).unwrap();
    });
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--job") {
        job(&args[1], args.get(2).map(String::as_str));
        return;
    }
    let exe = std::env::current_exe().unwrap();
    for name in ["table", "range", "batch"] {
        let mut c = std::process::Command::new(&exe);
        c.args(["--job", name]);
        if name == "batch"
            && let Some(d) = args.first()
        {
            c.arg(d);
        }
        let status = c.status().expect("run a job");
        assert!(status.success(), "{name} failed");
    }
}
