//! Embeds every `.toml` file under `rules/` in the binary, so the bundled frameworks work
//! from any folder. Reruns when anything under `rules/` changes.

use std::fs;
use std::path::{Path, PathBuf};

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            collect(&p, out);
        } else if p.extension().is_some_and(|e| e == "toml") {
            out.push(p);
        }
    }
}

/// "id version, id version, ..." of the bundled frameworks, read from the `[framework]`
/// tables of the files (for `mgi --version`; a test checks it against the loaded set).
fn bundled_frameworks(root: &Path) -> String {
    let mut files = Vec::new();
    collect(root, &mut files);
    let mut found: Vec<(String, String)> = Vec::new();
    for f in files {
        let Ok(text) = fs::read_to_string(&f) else {
            continue;
        };
        let mut in_header = false;
        let (mut id, mut version) = (None, None);
        for line in text.lines() {
            let l = line.split('#').next().unwrap_or("").trim();
            if l.starts_with('[') {
                in_header = l.replace(' ', "") == "[framework]";
                continue;
            }
            if !in_header {
                continue;
            }
            if let Some((k, v)) = l.split_once('=') {
                let v = v.trim().trim_matches('"').to_string();
                match k.trim() {
                    "id" => id = Some(v),
                    "version" => version = Some(v),
                    _ => {}
                }
            }
        }
        if let (Some(id), Some(version)) = (id, version) {
            found.push((id, version));
        }
    }
    found.sort();
    found
        .iter()
        .map(|(id, v)| format!("{id} {v}"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut files = Vec::new();
    collect(&root, &mut files);
    let mut entries: Vec<(String, PathBuf)> = files
        .into_iter()
        .map(|p| {
            let rel = p
                .strip_prefix(&root)
                .expect("file under rules/")
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            (rel, p)
        })
        .collect();
    entries.sort();
    let mut code = String::from(
        "/// Bundled rule files: (path relative to `rules/`, content), sorted by path.\npub static FILES: &[(&str, &str)] = &[\n",
    );
    for (rel, path) in entries {
        code.push_str(&format!(
            "    ({rel:?}, include_str!({:?})),\n",
            path.display().to_string()
        ));
    }
    code.push_str("];\n");
    println!(
        "cargo:rustc-env=MGI_BUNDLED_FRAMEWORKS={}",
        bundled_frameworks(&root)
    );
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("OUT_DIR")).join("bundled_rules.rs");
    fs::write(out, code).expect("write bundled_rules.rs");

    // Message catalogues: i18n/messages/<lang>/*.toml.
    let messages = Path::new(env!("CARGO_MANIFEST_DIR")).join("i18n/messages");
    println!("cargo:rerun-if-changed={}", messages.display());
    let mut files = Vec::new();
    collect(&messages, &mut files);
    files.sort();
    let mut code = String::from(
        "/// Message catalogue files: (language, file name, content), sorted by path.\npub static MESSAGES: &[(&str, &str, &str)] = &[\n",
    );
    for p in files {
        let lang = p
            .parent()
            .and_then(|d| d.file_name())
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let name = p
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        code.push_str(&format!(
            "    ({lang:?}, {name:?}, include_str!({:?})),\n",
            p.display().to_string()
        ));
    }
    code.push_str("];\n");
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("OUT_DIR")).join("messages.rs");
    fs::write(out, code).expect("write messages.rs");
}
