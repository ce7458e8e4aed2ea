//! `mgi rules diff OLD NEW`: each side a rules folder, a framework folder or a framework
//! id of the rules in use; exit 0 when equal, 1 when they differ.

use super::{EXIT_FATAL, EXIT_INPUT, EXIT_OK, Global, TextOrJson, out, print_json};
use mgi::rules::diff::{FrameworkDiff, RulesDiff, TreeChanges, diff_sets};
use mgi::rules::{Framework, Rules};
use std::path::Path;

/// A side of the comparison: its own rules (a folder) or the rules in use.
enum Side<'a> {
    Folder(Rules),
    Id(&'a Framework),
}

fn side<'a>(g: &'a Global, arg: &str) -> Result<Side<'a>, i32> {
    let path = Path::new(arg);
    if path.exists() {
        let rules = Rules::from_dir(path);
        if rules.has_errors() {
            g.print_diagnostics(&rules.diagnostics);
            eprintln!(
                "error: the rules in {arg} have errors; fix them before comparing (see `mgi rules check {arg}`)"
            );
            return Err(EXIT_FATAL);
        }
        if rules.frameworks.is_empty() {
            eprintln!("error: {arg} holds no framework");
            return Err(EXIT_FATAL);
        }
        return Ok(Side::Folder(rules));
    }
    match g.framework(Some(arg)) {
        Ok(fw) => Ok(Side::Id(fw)),
        Err(_) => {
            eprintln!(
                "error: {arg} is neither a folder nor a framework of {}",
                g.rules_origin
            );
            Err(EXIT_FATAL)
        }
    }
}

fn frameworks<'a>(s: &'a Side) -> Vec<&'a Framework> {
    match s {
        Side::Folder(r) => r.frameworks.iter().collect(),
        Side::Id(fw) => vec![*fw],
    }
}

/// Runs `mgi rules diff`.
pub fn diff(g: &Global, old: &str, new: &str, format: TextOrJson) -> i32 {
    let (a, b) = match (side(g, old), side(g, new)) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(c), _) | (_, Err(c)) => return c,
    };
    let d = diff_sets(old, &frameworks(&a), new, &frameworks(&b));
    match format {
        TextOrJson::Json => print_json(&d),
        TextOrJson::Text => print_text(&d),
    }
    if d.equal { EXIT_OK } else { EXIT_INPUT }
}

fn print_text(d: &RulesDiff) {
    for id in &d.removed {
        out!("framework {id} only in {}", d.old.source);
    }
    for id in &d.added {
        out!("framework {id} only in {}", d.new.source);
    }
    for f in &d.frameworks {
        framework_text(f);
    }
    if d.equal {
        out!("no difference");
    }
}

fn short(h: &str) -> &str {
    &h[..h.len().min(12)]
}

fn framework_text(f: &FrameworkDiff) {
    out!(
        "{} {} → {} {} (content hash {} → {}){}",
        f.old.id,
        f.old.version,
        f.new.id,
        f.new.version,
        short(&f.old.content_hash),
        short(&f.new.content_hash),
        if f.equal {
            if f.old.content_hash == f.new.content_hash {
                ": the same files"
            } else {
                ": the same framework (the files differ only in comments or layout)"
            }
        } else {
            ""
        }
    );
    for line in &f.framework {
        out!("  {line}");
    }
    tree_text("indicators", &f.indicators);
    tree_text("nodes", &f.nodes);
    let s = &f.scales;
    for id in &s.added {
        out!("  scale + {id}");
    }
    for id in &s.removed {
        out!("  scale - {id}");
    }
    for c in &s.changed {
        out!("  scale ~ {}: {}", c.id, c.what.join("; "));
    }
    if let Some(b) = &f.bands {
        let show = |bands: &[mgi::rules::diff::BandEntry]| {
            bands
                .iter()
                .map(|b| match b.exact {
                    Some(e) => format!("{} = {e}", b.code),
                    None if b.exclusive => format!("{} > {}", b.code, b.lower),
                    None => format!("{} >= {}", b.code, b.lower),
                })
                .collect::<Vec<_>>()
                .join(", ")
        };
        out!("  bands: {}  →  {}", show(&b.old), show(&b.new));
    }
    if !f.effective_weights.is_empty() {
        out!(
            "  effective weights ({} indicator(s) change; largest first):",
            f.effective_weights.len()
        );
        let pct = |w: Option<f64>| match w {
            Some(w) => format!("{:.2} %", w * 100.0),
            None => "—".into(),
        };
        for w in f.effective_weights.iter().take(20) {
            out!(
                "    {:<14} {:>9} → {:>9} ({:+.2} points)",
                w.id,
                pct(w.old),
                pct(w.new),
                w.change * 100.0
            );
        }
        if f.effective_weights.len() > 20 {
            out!(
                "    ... and {} more (see --format json)",
                f.effective_weights.len() - 20
            );
        }
    }
}

fn tree_text(what: &str, t: &TreeChanges) {
    let counts = [
        (t.added.len(), "added"),
        (t.removed.len(), "removed"),
        (t.moved.len(), "moved"),
        (t.reweighted.len(), "re-weighted"),
        (t.rescaled.len(), "rescaled"),
        (t.changed.len(), "changed otherwise"),
    ];
    let parts: Vec<String> = counts
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, w)| format!("{n} {w}"))
        .collect();
    if parts.is_empty() {
        return;
    }
    out!("  {what}: {}", parts.join(", "));
    let parent = |p: &Option<String>| p.clone().unwrap_or_else(|| "(root)".into());
    for e in &t.added {
        out!("    + {} under {}", e.id, parent(&e.parent));
    }
    for e in &t.removed {
        out!("    - {} (was under {})", e.id, parent(&e.parent));
    }
    for m in &t.moved {
        out!(
            "    ~ {} moved {} → {}",
            m.id,
            parent(&m.old_parent),
            parent(&m.new_parent)
        );
    }
    for r in &t.reweighted {
        out!("    ~ {} weight {} → {}", r.id, r.old, r.new);
    }
    for r in &t.rescaled {
        let detail = if r.scale_changes.is_empty() {
            String::new()
        } else {
            format!(" ({})", r.scale_changes.join("; "))
        };
        out!(
            "    ~ {} scale {} → {}{detail}",
            r.id,
            r.old_scale,
            r.new_scale
        );
    }
    for c in &t.changed {
        out!("    ~ {} {}", c.id, c.what.join(", "));
    }
}
