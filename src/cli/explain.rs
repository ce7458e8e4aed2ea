//! `mgi explain [CODE]`: what a diagnostic code means, why it matters, how to fix it,
//! with an example; without a code, every code on one line.

use super::{EXIT_FATAL, EXIT_OK, out};
use mgi::diag::codes::{Code, REGISTRY};
use mgi::diag::examples::example;

/// Arguments of `mgi explain`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// A code such as R020 or w020 (without one: every code).
    code: Option<String>,
}

/// Runs `mgi explain`.
pub fn run(args: Args) -> i32 {
    let Some(text) = args.code else {
        for i in REGISTRY {
            out!("{}  {:<16} {}", i.code, i.severity.name(), i.summary);
        }
        out!("\nRun `mgi explain CODE` for what a code means and how to fix it.");
        return EXIT_OK;
    };
    let Some(code) = Code::parse(&text) else {
        let prefix = text.trim().chars().next().map(|c| c.to_ascii_uppercase());
        let near: Vec<&str> = REGISTRY
            .iter()
            .map(|i| i.code.as_str())
            .filter(|c| Some(c.chars().next().unwrap_or(' ')) == prefix)
            .collect();
        eprintln!(
            "error: no diagnostic code \"{}\"; expected a code such as R020, F001, W020, T001 or C001{} (`mgi explain` lists them all)",
            text.trim(),
            if near.is_empty() {
                String::new()
            } else {
                format!(" (with this prefix: {})", near.join(", "))
            }
        );
        return EXIT_FATAL;
    };
    let info = code.info();
    out!("{} ({}): {}", info.code, info.severity.name(), info.summary);
    out!("");
    out!("What it means, why it matters, and how to fix it:");
    for line in wrap(info.explanation, 86) {
        out!("  {line}");
    }
    out!("");
    match example(code) {
        Some(e) => {
            out!("Example:");
            for line in e.lines() {
                out!("  {line}");
            }
        }
        None => out!("(no example written yet)"),
    }
    EXIT_OK
}

/// Words of `text` in lines of at most `width` characters.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut cur = String::new();
    for w in text.split_whitespace() {
        if !cur.is_empty() && cur.chars().count() + 1 + w.chars().count() > width {
            lines.push(std::mem::take(&mut cur));
        }
        if !cur.is_empty() {
            cur.push(' ');
        }
        cur.push_str(w);
    }
    if !cur.is_empty() {
        lines.push(cur);
    }
    lines
}
