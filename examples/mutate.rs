//! Mutation harness: damages the fixtures thousands of ways (bytes flipped, inserted and
//! deleted in the file, and inside its zip members or its xls workbook stream, then
//! packed again with correct checksums) and reads every mutant, each under a memory
//! limit and a time limit. It fails (exit 1) when a mutant makes intake take more
//! memory or time than the limits, crashes the process, or makes our own code fail
//! (a failure caught inside calamine is reported as F015 and listed, not a failure).
//!
//! ```sh
//! cargo run --example mutate -- [--count 2000] [--seed 1] [--memory-mib 512] [--seconds 10]
//! ```
//!
//! The run is supervised: a worker process reads the mutants in order and says which it
//! starts and ends; the supervisor restarts a worker after one that dies (an allocation
//! over the limit aborts it) or stops answering, and names the mutant.

#[path = "../tests/it/hostile/build.rs"]
#[allow(dead_code)]
mod build;

use mgi::intake::Reader;
use mgi::rules::Rules;
use rand_chacha::ChaCha8Rng;
use rand_core::{RngCore, SeedableRng};
use std::alloc::{GlobalAlloc, Layout, System};
use std::io::{BufRead, Read, Write};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

/// The worker's allocator: counts live bytes and refuses any allocation beyond the
/// limit (which aborts the worker: the supervisor names the mutant).
struct Limited;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static LIMIT: AtomicUsize = AtomicUsize::new(usize::MAX);

unsafe impl GlobalAlloc for Limited {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let now = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
        if now > LIMIT.load(Ordering::Relaxed) {
            LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
            return std::ptr::null_mut();
        }
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new: usize) -> *mut u8 {
        if new > layout.size() {
            let grow = new - layout.size();
            let now = LIVE.fetch_add(grow, Ordering::Relaxed) + grow;
            if now > LIMIT.load(Ordering::Relaxed) {
                LIVE.fetch_sub(grow, Ordering::Relaxed);
                return std::ptr::null_mut();
            }
        } else {
            LIVE.fetch_sub(layout.size() - new, Ordering::Relaxed);
        }
        let p = unsafe { System.realloc(ptr, layout, new) };
        if p.is_null() {
            if new > layout.size() {
                LIVE.fetch_sub(new - layout.size(), Ordering::Relaxed);
            } else {
                LIVE.fetch_add(layout.size() - new, Ordering::Relaxed);
            }
        }
        p
    }
}

#[global_allocator]
static ALLOC: Limited = Limited;

/// A fixture to mutate.
struct Seed {
    name: String,
    bytes: Vec<u8>,
}

fn seeds() -> Vec<Seed> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut out: Vec<Seed> = [
        "XAA-2026-sdg-10-7-2.xlsx",
        "XAD-2026-sdg-10-7-2-messy.xlsx",
        "countries-sdg-10-7-2.csv",
        "formats/XAB-2026-sdg-10-7-2.ods",
        "formats/XAB-2026-sdg-10-7-2.xls",
    ]
    .iter()
    .map(|f| Seed {
        name: f.rsplit('/').next().unwrap().to_string(),
        bytes: std::fs::read(root.join(f)).expect("fixture"),
    })
    .collect();
    // An xlsb self-assessment, written record by record.
    use build::*;
    let text = |rows: &[&[&str]]| -> Vec<(u32, Vec<(u32, Bin)>)> {
        rows.iter()
            .enumerate()
            .map(|(r, cells)| {
                (
                    r as u32,
                    cells
                        .iter()
                        .enumerate()
                        .map(|(c, v)| (c as u32, Bin::Text(v.to_string())))
                        .collect(),
                )
            })
            .collect()
    };
    let about = xlsb_sheet(
        &dim(0, 3, 0, 2),
        &text(&[
            &["unit_code", "", "XAA"],
            &["period", "", "2026"],
            &["round", "", "1"],
            &["framework", "", "sdg-10-7-2"],
        ]),
    );
    let mut rows = text(&[&["ID", "Answer", "Evidence"], &["PD_1.a", "yes", "Law"]]);
    rows.push((
        2,
        vec![
            (0, Bin::Text("PD_1.b".into())),
            (1, Bin::Shared(0)),
            (2, Bin::Number(2019.0)),
        ],
    ));
    let sheet = xlsb_sheet(&dim(0, 2, 0, 2), &rows);
    out.push(Seed {
        name: "XAA-2026-sdg-10-7-2.xlsb".into(),
        bytes: xlsb(
            &[("About", about), ("Assessment", sheet)],
            Some(xlsb_strings(1, &["no"])),
        ),
    });
    out
}

/// Damages bytes in place: 1 to 4 flips, inserts, deletes, repeats or number swaps.
fn damage(rng: &mut ChaCha8Rng, b: &mut Vec<u8>) {
    const AWKWARD: &[u8] = b"<>\"'=/&;:,\t\r\n0123456789 #x\xFF\x00";
    const NUMBERS: [&str; 7] = [
        "0",
        "-1",
        "65535",
        "65536",
        "1048576",
        "4294967295",
        "99999999999999999999",
    ];
    let edits = 1 + rng.next_u32() % 4;
    for _ in 0..edits {
        let len = b.len().max(1);
        let at = rng.next_u32() as usize % len;
        match rng.next_u32() % 6 {
            0 if !b.is_empty() => b[at] ^= 1 << (rng.next_u32() % 8),
            1 => {
                let v = if rng.next_u32().is_multiple_of(2) {
                    AWKWARD[rng.next_u32() as usize % AWKWARD.len()]
                } else {
                    rng.next_u32() as u8
                };
                b.insert(at.min(b.len()), v);
            }
            2 if !b.is_empty() => {
                let n = (1 + rng.next_u32() as usize % 16).min(b.len() - at);
                b.drain(at..at + n);
            }
            3 if !b.is_empty() => {
                let n = (1 + rng.next_u32() as usize % 64).min(b.len() - at);
                let piece: Vec<u8> = b[at..at + n].to_vec();
                let to = rng.next_u32() as usize % b.len();
                b.splice(to..to, piece);
            }
            4 if !b.is_empty() => {
                // Replace a run of digits with a boundary number.
                if let Some(start) = (at..b.len()).chain(0..at).find(|&i| b[i].is_ascii_digit()) {
                    let end = (start..b.len())
                        .find(|&i| !b[i].is_ascii_digit())
                        .unwrap_or(b.len());
                    let n = NUMBERS[rng.next_u32() as usize % NUMBERS.len()];
                    b.splice(start..end, n.bytes());
                }
            }
            _ if b.len() >= 4 => {
                // Overwrite a binary field with a boundary value.
                let v: u32 =
                    [0, 1, 0xFFFF, 0x1_0000, 0xFFFF_FFFF, 0x7FFF_FFFF][rng.next_u32() as usize % 6];
                let at = at.min(b.len() - 4);
                let w = if rng.next_u32().is_multiple_of(2) {
                    2
                } else {
                    4
                };
                b[at..at + w].copy_from_slice(&v.to_le_bytes()[..w]);
            }
            _ => {}
        }
    }
}

/// The `n`-th mutant: the file name it is read under, its bytes, and how it was made.
fn mutant(seeds: &[Seed], n: u64, seed: u64) -> (String, Vec<u8>, String) {
    let mut rng = ChaCha8Rng::seed_from_u64(seed.wrapping_mul(1_000_003).wrapping_add(n));
    let s = &seeds[(n as usize) % seeds.len()];
    let mut bytes = s.bytes.clone();
    let is_zip = bytes.starts_with(b"PK\x03\x04");
    let is_ole = bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]);
    let how;
    if is_zip && rng.next_u32() % 3 != 0 {
        let mut members = build::members(&bytes);
        // Prefer the parts readers parse.
        let weights: Vec<u32> = members
            .iter()
            .map(|(name, _)| {
                if name.ends_with(".xml") || name.ends_with(".bin") {
                    4
                } else {
                    1
                }
            })
            .collect();
        let total: u32 = weights.iter().sum();
        let mut pick = rng.next_u32() % total.max(1);
        let mut k = 0;
        for (i, w) in weights.iter().enumerate() {
            if pick < *w {
                k = i;
                break;
            }
            pick -= w;
        }
        damage(&mut rng, &mut members[k].1);
        how = format!("member {} damaged", members[k].0);
        bytes = build::zip_of(&members);
    } else if is_ole && rng.next_u32() % 3 != 0 {
        let mut c = cfb::CompoundFile::open(std::io::Cursor::new(bytes.clone())).expect("seed xls");
        let mut stream = Vec::new();
        c.open_stream("/Workbook")
            .expect("Workbook stream")
            .read_to_end(&mut stream)
            .unwrap();
        damage(&mut rng, &mut stream);
        let mut out = cfb::CompoundFile::create_with_version(
            cfb::Version::V3,
            std::io::Cursor::new(Vec::new()),
        )
        .unwrap();
        out.create_stream("/Workbook")
            .unwrap()
            .write_all(&stream)
            .unwrap();
        out.flush().unwrap();
        bytes = out.into_inner().into_inner();
        how = "workbook stream damaged".to_string();
    } else {
        damage(&mut rng, &mut bytes);
        how = "file damaged".to_string();
    }
    (s.name.clone(), bytes, format!("{} ({how})", s.name))
}

struct Options {
    count: u64,
    seed: u64,
    memory: usize,
    seconds: u64,
}

fn options(args: &[String]) -> Options {
    let mut o = Options {
        count: 2000,
        seed: 1,
        memory: 512,
        seconds: 10,
    };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut v = || {
            it.next()
                .and_then(|v| v.parse::<u64>().ok())
                .expect("a number")
        };
        match a.as_str() {
            "--count" => o.count = v(),
            "--seed" => o.seed = v(),
            "--memory-mib" => o.memory = v() as usize,
            "--seconds" => o.seconds = v(),
            _ => {}
        }
    }
    o
}

/// Worker: reads mutants `from..to`, printing `start N` and `end N CODE DETAIL`.
fn worker(from: u64, to: u64, o: &Options) {
    let seeds = seeds();
    let rules = Rules::bundled();
    let reader = Reader::new(&rules);
    let stdout = std::io::stdout();
    // The limit counts from what the worker holds already.
    LIMIT.store(
        LIVE.load(Ordering::Relaxed) + (o.memory << 20),
        Ordering::Relaxed,
    );
    for n in from..to {
        let (file, bytes, how) = mutant(&seeds, n, o.seed);
        let _ = writeln!(stdout.lock(), "start {n}");
        let outcome = match reader.read_bytes(&file, &bytes, None) {
            Ok(list) => {
                let panicked = list
                    .iter()
                    .flat_map(|a| &a.diagnostics)
                    .any(|d| d.message.contains("panicked"));
                if panicked {
                    "BAD a message says panicked".to_string()
                } else {
                    format!("ok {}", list.len())
                }
            }
            Err(e) => {
                let d = e.diagnostic(&file);
                let ours = d.code == "F015" && !d.message.contains("calamine-");
                format!(
                    "{} {}{}",
                    if ours { "BAD" } else { "err" },
                    d.code,
                    if d.code == "F015" {
                        format!(" {}: {}", how, d.message)
                    } else {
                        String::new()
                    }
                )
            }
        };
        let _ = writeln!(stdout.lock(), "end {n} {outcome}");
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let o = options(&args);
    if args.first().map(String::as_str) == Some("--worker") {
        let from: u64 = args[1].parse().unwrap();
        let to: u64 = args[2].parse().unwrap();
        worker(from, to, &options(&args[3..]));
        return;
    }
    let seeds = seeds();
    let exe = std::env::current_exe().unwrap();
    let mut next = 0u64;
    let mut failures: Vec<String> = Vec::new();
    let mut counts: std::collections::BTreeMap<String, u64> = Default::default();
    let mut caught: Vec<String> = Vec::new();
    let started = std::time::Instant::now();
    while next < o.count {
        let mut child = std::process::Command::new(&exe)
            .args(["--worker", &next.to_string(), &o.count.to_string()])
            .args([
                "--seed",
                &o.seed.to_string(),
                "--memory-mib",
                &o.memory.to_string(),
            ])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("start a worker");
        let out = child.stdout.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel::<String>();
        std::thread::spawn(move || {
            for line in std::io::BufReader::new(out).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let mut current: Option<u64> = None;
        loop {
            match rx.recv_timeout(Duration::from_secs(o.seconds)) {
                Ok(line) => {
                    let mut parts = line.splitn(4, ' ');
                    let what = parts.next().unwrap_or("");
                    let n: u64 = parts.next().and_then(|x| x.parse().ok()).unwrap_or(0);
                    if what == "start" {
                        current = Some(n);
                        continue;
                    }
                    current = None;
                    next = n + 1;
                    let status = parts.next().unwrap_or("");
                    let rest = parts.next().unwrap_or("");
                    let code = rest.split(' ').next().unwrap_or("").to_string();
                    *counts
                        .entry(if status == "ok" {
                            "read".into()
                        } else {
                            code.clone()
                        })
                        .or_default() += 1;
                    if status == "BAD" {
                        failures.push(format!("mutant {n}: {rest}"));
                    } else if code == "F015" {
                        caught.push(format!(
                            "mutant {n}: {}",
                            rest.chars().take(300).collect::<String>()
                        ));
                    }
                }
                Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
                    let _ = child.kill();
                    let n = current.unwrap_or(next);
                    let (_, _, how) = mutant(&seeds, n, o.seed);
                    failures.push(format!("mutant {n} ({how}) took more than {} s", o.seconds));
                    next = n + 1;
                    break;
                }
                Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => {
                    let status = child.wait().ok();
                    if let Some(n) = current {
                        let (_, _, how) = mutant(&seeds, n, o.seed);
                        failures.push(format!(
                            "mutant {n} ({how}) ended the worker ({}): an allocation over {} MiB, or a crash",
                            status.map(|s| s.to_string()).unwrap_or_default(),
                            o.memory
                        ));
                        next = n + 1;
                    }
                    break;
                }
            }
        }
        let _ = child.wait();
    }
    println!(
        "{} mutants of {} fixtures in {:.1} s (memory limit {} MiB, time limit {} s per input)",
        o.count,
        seeds.len(),
        started.elapsed().as_secs_f64(),
        o.memory,
        o.seconds
    );
    for (k, v) in &counts {
        println!("  {k}: {v}");
    }
    if !caught.is_empty() {
        println!(
            "failures inside calamine, caught and reported as F015 ({}):",
            caught.len()
        );
        for c in caught.iter().take(10) {
            println!("  {c}");
        }
    }
    if failures.is_empty() {
        println!("no mutant crashed, hung, ran out of its memory limit or made our code fail");
    } else {
        println!("{} mutants failed:", failures.len());
        for f in &failures {
            println!("  {f}");
        }
        std::process::exit(1);
    }
}
