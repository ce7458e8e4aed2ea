//! A framework's rule files out of the loaded set: written to a folder exactly as they
//! were read (`mgi rules export`), or joined into one TOML document (`mgi rules show
//! --format toml`).

use super::load::{Rules, SourceFile};
use crate::error::{Error, Result};
use std::path::{Path, PathBuf};

/// The files `mgi rules export` writes for `which`: the files of that framework and
/// everything it includes, the file of a crosswalk (`FROM--TO`), or with `"all"` every
/// framework's and every crosswalk file (each file once, in path order).
///
/// # Errors
/// [`Error::UnknownFramework`] when `which` names no framework or crosswalk of `rules`.
pub fn export_files<'a>(rules: &'a Rules, which: &str) -> Result<Vec<&'a SourceFile>> {
    let crosswalk_file = || {
        let c = rules.crosswalk_by_id(which)?;
        rules.crosswalk_sources.iter().find(|f| f.display == c.file)
    };
    let mut out: Vec<&SourceFile> = if which == "all" {
        rules
            .members
            .values()
            .flatten()
            .chain(&rules.crosswalk_sources)
            .collect()
    } else if !rules.members.contains_key(which)
        && let Some(f) = crosswalk_file()
    {
        vec![f]
    } else {
        rules
            .members
            .get(which)
            .ok_or_else(|| Error::UnknownFramework {
                id: which.to_string(),
                known: rules.members.keys().cloned().collect(),
            })?
            .iter()
            .collect()
    };
    out.sort_by(|a, b| a.rel.cmp(&b.rel));
    out.dedup_by(|a, b| a.rel == b.rel);
    Ok(out)
}

/// Writes files under `dir` at their paths relative to the rules root, byte for byte.
/// Nothing is written when a file exists already, unless `force`.
///
/// # Errors
/// [`Error::Invalid`] naming the files that exist (without `force`) or a file outside
/// the rules folder; [`Error::Write`] when a file cannot be written.
pub fn write_files(files: &[&SourceFile], dir: &Path, force: bool) -> Result<Vec<PathBuf>> {
    let mut targets = Vec::new();
    for f in files {
        if f.rel.split('/').any(|p| p == "..") || f.rel.is_empty() {
            return Err(Error::Invalid(format!(
                "{} lies outside the rules folder, so it has no place under {}; expected to export from the folder that holds every file the framework includes",
                f.display,
                dir.display()
            )));
        }
        targets.push(dir.join(&f.rel));
    }
    let existing: Vec<String> = targets
        .iter()
        .filter(|p| p.exists())
        .map(|p| p.display().to_string())
        .collect();
    if !existing.is_empty() && !force {
        return Err(Error::Invalid(format!(
            "{} already exist{}: {}; nothing was written (use --force to overwrite)",
            if existing.len() == 1 {
                "a file"
            } else {
                "files"
            },
            if existing.len() == 1 { "s" } else { "" },
            existing.join(", ")
        )));
    }
    for (f, target) in files.iter().zip(&targets) {
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(|source| Error::Write {
                path: parent.to_path_buf(),
                source,
            })?;
        }
        std::fs::write(target, f.text.as_bytes()).map_err(|source| Error::Write {
            path: target.clone(),
            source,
        })?;
    }
    Ok(targets)
}

/// A framework as one TOML document: its files in reading order, each after a comment
/// naming it, with `include` lists commented out (the included files follow). The
/// document loads as the same framework (only its content hash and file list differ).
///
/// # Errors
/// [`Error::UnknownFramework`] when `id` names no framework of `rules`.
pub fn one_document(rules: &Rules, id: &str) -> Result<String> {
    let files = rules
        .members
        .get(id)
        .ok_or_else(|| Error::UnknownFramework {
            id: id.to_string(),
            known: rules.members.keys().cloned().collect(),
        })?;
    let fw = rules.get(id);
    let mut out = String::new();
    if let Some(fw) = fw {
        out.push_str(&format!(
            "# Framework {} {}, as one document (content hash of its files: {}).\n",
            fw.id, fw.version, fw.content_hash
        ));
    }
    for f in files {
        out.push_str(&format!(
            "\n# ---------------------------------------------------------------- {}\n",
            f.rel
        ));
        let text = f.text.replace("\r\n", "\n");
        out.push_str(&without_include(&text));
        if !text.ends_with('\n') {
            out.push('\n');
        }
    }
    Ok(out)
}

/// The text with the `include = [...]` entry of `[framework]` turned into comments.
fn without_include(text: &str) -> String {
    let Ok(tree) = toml::de::DeTable::parse(text) else {
        return text.to_string();
    };
    let span = tree
        .get_ref()
        .get("framework")
        .and_then(|h| h.get_ref().as_table())
        .and_then(|t| t.get_key_value("include"))
        .map(|(k, v)| k.span().start..v.span().end);
    let Some(span) = span else {
        return text.to_string();
    };
    let start = text[..span.start].rfind('\n').map(|i| i + 1).unwrap_or(0);
    let end = text[span.end..]
        .find('\n')
        .map(|i| span.end + i)
        .unwrap_or(text.len());
    let commented: Vec<String> = text[start..end]
        .lines()
        .map(|l| format!("# (the included files follow below) {l}"))
        .collect();
    format!("{}{}{}", &text[..start], commented.join("\n"), &text[end..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn include_lists_become_comments() {
        let t = "[framework]\nid = \"x\"\ninclude = [\n  \"../a.toml\",\n]\nversion = \"1\"\n";
        let out = without_include(t);
        assert_eq!(
            out,
            "[framework]\nid = \"x\"\n# (the included files follow below) include = [\n# (the included files follow below)   \"../a.toml\",\n# (the included files follow below) ]\nversion = \"1\"\n"
        );
        assert_eq!(
            without_include("[[node]]\nid = \"a\"\n"),
            "[[node]]\nid = \"a\"\n"
        );
    }
}
