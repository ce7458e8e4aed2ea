//! The rule-format reference (`docs/rule-format.md`, `mgi rules reference`): every key
//! of every table with its type, whether it is required, its default and its meaning.
//!
//! Keys, types and required keys come from the serde structures the loader uses (see
//! `trace`); meanings and defaults from the `///` comments on their fields, read from the
//! source files embedded below. A key without a comment, or an optional key whose
//! comment gives no `Default:`, is an error, so a new key cannot go undocumented. To
//! document another kind of rule file (a crosswalk's), add a [`FileFormat`] to
//! [`formats`].

use super::raw::RawFile;
use super::trace::{FieldShape, Shape, StructShape, shape_of};
use std::collections::{BTreeMap, BTreeSet};

/// One kind of rule file.
pub(crate) struct FileFormat {
    /// Section title.
    pub title: &'static str,
    /// What the file is, in Markdown.
    pub intro: &'static str,
    /// How its top-level tables are named in headings (`[framework]`...).
    pub shape: Shape,
    /// Rust source files whose `///` comments document the structures of `shape`.
    pub sources: Vec<&'static str>,
}

/// The kinds of rule files the reference documents.
pub(crate) fn formats() -> Vec<FileFormat> {
    vec![
        FileFormat {
            title: "Framework files",
            intro: "A framework is a folder of TOML files. Every file may hold any of the tables below; the tables of all files of a framework are read in path order and concatenated (\"framework order\" is that order, then declaration order). Exactly one file declares `[framework]`.",
            shape: shape_of::<RawFile>(),
            sources: vec![include_str!("raw.rs")],
        },
        FileFormat {
            title: "Crosswalk files",
            intro: "A crosswalk carries the scores of an assessment of one framework (`from`) to another (`to`), pair by pair; `mgi crosswalk FILE --to ID` reads it, `mgi rules show FROM--TO` prints it. It is a file of its own, anywhere in a rules folder, that declares `[crosswalk]` (the bundled ones are `crosswalks/FROM--TO.toml`). Texts are in every language both frameworks carry. The README's crosswalk section explains how scores are carried, capped and combined.",
            shape: shape_of::<crate::crosswalk::raw::RawCrosswalkFile>(),
            sources: vec![include_str!("../crosswalk/raw.rs")],
        },
    ]
}

const INTRO: &str = r#"# The rule format

<!-- Generated from the structures the loader reads (src/rules/raw.rs): do not edit by
hand. Regenerate with `MGI_BLESS=1 cargo test --test it rule_format`; `mgi rules
reference` prints the same text. -->

Every key of every table of a rule file: its type, whether it is required, its default
and its meaning. Unknown keys are errors (`mgi rules check` reports all of them, each
with a suggestion), so a typo never passes silently. The README's rule-format section
has a complete worked example (`mgi rules new ID DIR` writes it), and `mgi rules export
ID DIR` writes a bundled framework to start from.

Types:

- **text**: a text per language, `{ en = "Yes", fr = "Oui", es = "Sí" }`, in the
  languages the framework declares (a missing one is a warning, and the first language
  is shown instead). In a framework that declares one language, a plain string
  (`unit = "%"`) is taken as that language.
- **string**, **number** (integer or decimal), **integer**, **boolean**: TOML values.
- **list of ...**: a TOML array, `["a", "b"]`.
- **table**: a TOML table, written `[name]` or inline `name = { key = value }`; **list
  of tables**: `[[name]]` entries, or an inline array of tables.
- Ids are compared exactly; answers typed in a workbook are matched ignoring case,
  accents and extra spaces.

How a rules folder is read: a folder whose top holds `.toml` files, one of which declares
`[framework]`, is one framework; otherwise each first-level folder is classified by what
its files hold: a folder where a file declares `[framework]` is a framework; a file that
declares `[crosswalk]` is a crosswalk; a folder without `[framework]` whose files other
frameworks include is shared content.
"#;

/// The reference document, or the keys whose documentation is missing.
pub fn markdown() -> Result<String, Vec<String>> {
    let mut out = String::from(INTRO);
    let mut problems = Vec::new();
    for format in formats() {
        let docs = Docs::read(&format.sources);
        let Some(top) = format.shape.table() else {
            problems.push(format!("{}: not a table", format.title));
            continue;
        };
        out.push_str(&format!("\n## {}\n\n{}\n", format.title, format.intro));
        // The contents, then one section per table, nested tables after their parent.
        let mut sections = Vec::new();
        let mut seen = BTreeMap::new();
        collect(top, "", &mut sections, &mut seen);
        out.push('\n');
        for (heading, s) in &sections {
            out.push_str(&format!("- [`{heading}`](#{})\n", anchor(heading, s)));
        }
        out.push_str(&format!(
            "\n### The top level\n\n{}\n\n",
            docs.of_struct(top.name, &mut problems)
        ));
        table(&mut out, top, "", &seen, &docs, &mut problems);
        for (heading, s) in &sections {
            out.push_str(&format!(
                "\n<a id=\"{}\"></a>\n### `{heading}`\n\n{}\n\n",
                anchor(heading, s),
                docs.of_struct(s.name, &mut problems)
            ));
            let path = heading.trim_matches(['[', ']']);
            table(&mut out, s, path, &seen, &docs, &mut problems);
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}

fn anchor(heading: &str, _s: &StructShape) -> String {
    heading.trim_matches(['[', ']']).replace(['.', '_'], "-")
}

/// Every table under `s`, depth first, each structure once: at its shallowest place
/// (the first one found breadth first), so `applies_if` is documented under `[[context]]`
/// rather than deep under a scale option.
fn collect<'a>(
    s: &'a StructShape,
    path: &str,
    out: &mut Vec<(String, &'a StructShape)>,
    seen: &mut BTreeMap<&'static str, String>,
) {
    // Homes, breadth first.
    let mut queue: std::collections::VecDeque<(&StructShape, String)> =
        std::collections::VecDeque::from([(s, path.to_string())]);
    while let Some((t, p)) = queue.pop_front() {
        for f in &t.fields {
            let Some(inner) = f.shape.table() else {
                continue;
            };
            if seen.contains_key(inner.name) {
                continue;
            }
            let full = if p.is_empty() {
                f.key.to_string()
            } else {
                format!("{p}.{}", f.key)
            };
            let heading = if f.shape.is_list_of_tables() {
                format!("[[{full}]]")
            } else {
                format!("[{full}]")
            };
            seen.insert(inner.name, heading);
            queue.push_back((inner, full));
        }
    }
    // Sections, depth first, each at its home.
    fn walk<'a>(
        s: &'a StructShape,
        path: &str,
        out: &mut Vec<(String, &'a StructShape)>,
        seen: &BTreeMap<&'static str, String>,
    ) {
        for f in &s.fields {
            let Some(t) = f.shape.table() else { continue };
            let full = if path.is_empty() {
                f.key.to_string()
            } else {
                format!("{path}.{}", f.key)
            };
            let home = &seen[t.name];
            if home.trim_matches(['[', ']']) == full && !out.iter().any(|(h, _)| h == home) {
                out.push((home.clone(), t));
                walk(t, &full, out, seen);
            }
        }
    }
    walk(s, path, out, seen);
}

fn table(
    out: &mut String,
    s: &StructShape,
    path: &str,
    seen: &BTreeMap<&'static str, String>,
    docs: &Docs,
    problems: &mut Vec<String>,
) {
    out.push_str("| key | type | required | default | meaning |\n|---|---|---|---|---|\n");
    for f in &s.fields {
        let (meaning, default) = docs.of_field(s.name, f, problems);
        let ty = match f.shape.table() {
            Some(t) => {
                let heading = &seen[t.name];
                let own = heading.trim_matches(['[', ']'])
                    == if path.is_empty() {
                        f.key.to_string()
                    } else {
                        format!("{path}.{}", f.key)
                    };
                let kind = if f.shape.is_list_of_tables() {
                    "list of tables"
                } else {
                    "table"
                };
                let anchor = anchor(heading, t);
                if own {
                    format!("{kind}, see [below](#{anchor})")
                } else {
                    format!("{kind}, as [`{heading}`](#{anchor})")
                }
            }
            None => type_name(&f.shape),
        };
        out.push_str(&format!(
            "| `{}` | {ty} | {} | {} | {} |\n",
            f.key,
            if f.required { "yes" } else { "no" },
            default.unwrap_or_else(|| "—".into()),
            meaning.replace('|', "\\|")
        ));
    }
}

fn type_name(shape: &Shape) -> String {
    match shape {
        Shape::Option(x) => type_name(x),
        Shape::Bool => "boolean".into(),
        Shape::Int => "integer".into(),
        Shape::Float => "number".into(),
        Shape::Str => "string".into(),
        Shape::Text => "text".into(),
        Shape::Unknown => "any".into(),
        Shape::Tuple(xs) => format!(
            "[{}]",
            xs.iter().map(type_name).collect::<Vec<_>>().join(", ")
        ),
        Shape::Seq(x) => match &**x {
            Shape::Tuple(_) => format!("list of {}", type_name(x)),
            other => format!("list of {}s", type_name(other)),
        },
        Shape::Struct(_) => "table".into(),
    }
}

/// The `///` comments of the structures and their fields, read from Rust source.
struct Docs {
    structs: BTreeMap<String, String>,
    fields: BTreeMap<(String, String), String>,
}

impl Docs {
    fn read(sources: &[&str]) -> Self {
        let mut docs = Docs {
            structs: BTreeMap::new(),
            fields: BTreeMap::new(),
        };
        for src in sources {
            let mut pending: Vec<&str> = Vec::new();
            let mut rename: Option<String> = None;
            let mut current: Option<String> = None;
            for line in src.lines() {
                let t = line.trim();
                if let Some(doc) = t.strip_prefix("///") {
                    pending.push(doc.trim());
                } else if t.starts_with("#[") {
                    if let Some(r) = t.split("rename = \"").nth(1) {
                        rename = r.split('"').next().map(str::to_string);
                    }
                } else if let Some(rest) = t.strip_prefix("pub struct ") {
                    let name = rest
                        .split(|c: char| !c.is_alphanumeric() && c != '_')
                        .next()
                        .unwrap_or("")
                        .to_string();
                    docs.structs.insert(name.clone(), pending.join(" "));
                    current = Some(name);
                    pending.clear();
                    rename = None;
                } else if let (Some(s), Some(rest)) = (&current, t.strip_prefix("pub ")) {
                    if let Some((field, _)) = rest.split_once(':') {
                        let key = rename.take().unwrap_or_else(|| field.trim().to_string());
                        docs.fields.insert((s.clone(), key), pending.join(" "));
                    }
                    pending.clear();
                } else {
                    if t == "}" && !line.starts_with(' ') {
                        current = None;
                    }
                    pending.clear();
                    rename = None;
                }
            }
        }
        docs
    }

    fn of_struct(&self, name: &str, problems: &mut Vec<String>) -> String {
        match self.structs.get(name).filter(|d| !d.is_empty()) {
            Some(d) => d.clone(),
            None => {
                problems.push(format!("structure {name} has no /// comment"));
                String::new()
            }
        }
    }

    /// The meaning and the default of a key.
    fn of_field(
        &self,
        name: &str,
        f: &FieldShape,
        problems: &mut Vec<String>,
    ) -> (String, Option<String>) {
        let Some(doc) = self
            .fields
            .get(&(name.to_string(), f.key.to_string()))
            .filter(|d| !d.is_empty())
        else {
            problems.push(format!(
                "key `{}` of {name} has no /// comment saying what it means",
                f.key
            ));
            return (String::new(), None);
        };
        match doc.split_once("Default:") {
            Some((meaning, default)) => (
                meaning.trim().to_string(),
                Some(default.trim().trim_end_matches('.').to_string()),
            ),
            None => {
                if !f.required {
                    problems.push(format!(
                        "optional key `{}` of {name} has no \"Default:\" in its /// comment",
                        f.key
                    ));
                }
                (doc.trim().to_string(), None)
            }
        }
    }
}

/// Every key path of the framework format (`indicator.links.gcm`), for tests.
pub fn key_paths() -> BTreeSet<String> {
    fn walk(s: &StructShape, path: &str, out: &mut BTreeSet<String>, depth: usize) {
        for f in &s.fields {
            let p = if path.is_empty() {
                f.key.to_string()
            } else {
                format!("{path}.{}", f.key)
            };
            out.insert(p.clone());
            if let Some(t) = f.shape.table()
                && depth < 8
            {
                walk(t, &p, out, depth + 1);
            }
        }
    }
    let mut out = BTreeSet::new();
    if let Some(t) = shape_of::<RawFile>().table() {
        walk(t, "", &mut out, 0);
    }
    out
}
