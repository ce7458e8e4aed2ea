//! The floor of `mgi compare`'s wall time: only opening and reading every workbook of a
//! folder with calamine (every sheet, every cell), on all cores, as `mgi compare` reads
//! them. Compare its time with the whole `mgi compare` run on the same folder.
//!
//! ```sh
//! cargo run --release --example read_floor -- DIR [RUNS]
//! ```

use calamine::{Reader, open_workbook_auto};
use rayon::prelude::*;
use std::path::PathBuf;
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(args.next().expect("usage: read_floor DIR [RUNS]"));
    let runs: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(3);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("read dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "xlsx"))
        .collect();
    files.sort();
    let mut best = f64::INFINITY;
    for run in 0..runs {
        let t = Instant::now();
        let cells: usize = files
            .par_iter()
            .map(|f| {
                let mut wb = open_workbook_auto(f).expect("open");
                wb.sheet_names()
                    .iter()
                    .map(|s| {
                        wb.worksheet_range(s)
                            .map(|r| r.used_cells().count())
                            .unwrap_or(0)
                    })
                    .sum::<usize>()
            })
            .sum();
        let secs = t.elapsed().as_secs_f64();
        best = best.min(secs);
        println!(
            "run {}: {} files, {cells} cells read in {secs:.3} s",
            run + 1,
            files.len()
        );
    }
    println!(
        "floor (best of {runs}): {best:.3} s on {} threads",
        rayon::current_num_threads()
    );
}
