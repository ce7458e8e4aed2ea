//! What calamine does not read from a workbook we write: page setup, hyperlinks, charts
//! and number formats, from the package's XML parts (plain text search: the parts are
//! written by rust_xlsxwriter, one element per tag).

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

/// The parts of an xlsx package, by path.
pub struct Package {
    parts: BTreeMap<String, String>,
}

/// The value of attribute `name` in the first tag `text` starts with.
pub fn attr(tag: &str, name: &str) -> Option<String> {
    let key = format!(" {name}=\"");
    let start = tag.find(&key)? + key.len();
    let end = tag[start..].find('"')? + start;
    Some(unescape(&tag[start..end]))
}

/// XML entities back to text.
pub fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// Every tag `<name ...>` (or `<name .../>`) of a part, as its text up to `>`.
pub fn tags<'a>(xml: &'a str, name: &str) -> Vec<&'a str> {
    let open = format!("<{name}");
    let mut out = Vec::new();
    let mut rest = xml;
    while let Some(i) = rest.find(&open) {
        let after = &rest[i + open.len()..];
        // `<c:f` must not match `<c:formatCode`.
        if after.starts_with([' ', '>', '/']) {
            let end = after.find('>').unwrap_or(after.len());
            out.push(&rest[i..i + open.len() + end + 1]);
        }
        rest = after;
    }
    out
}

/// The texts of every element `<name>text</name>` of a part.
pub fn texts(xml: &str, name: &str) -> Vec<String> {
    let (open, close) = (format!("<{name}>"), format!("</{name}>"));
    let mut out = Vec::new();
    let mut rest = xml;
    while let Some(i) = rest.find(&open) {
        let after = &rest[i + open.len()..];
        let Some(end) = after.find(&close) else { break };
        out.push(unescape(&after[..end]));
        rest = &after[end..];
    }
    out
}

fn resolve(base: &str, target: &str) -> String {
    let target = target.trim_start_matches('/');
    if target.starts_with("xl/") {
        return target.to_string();
    }
    let mut dir: Vec<&str> = base.split('/').collect();
    dir.pop();
    for seg in target.split('/') {
        match seg {
            ".." => {
                dir.pop();
            }
            s => dir.push(s),
        }
    }
    dir.join("/")
}

impl Package {
    /// Reads every XML part of a package.
    pub fn open(path: &Path) -> Package {
        let file = std::fs::File::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let mut zip = zip::ZipArchive::new(file).unwrap();
        let mut parts = BTreeMap::new();
        for i in 0..zip.len() {
            let mut f = zip.by_index(i).unwrap();
            let name = f.name().map(|n| n.to_string()).unwrap_or_default();
            let mut text = String::new();
            if f.read_to_string(&mut text).is_ok() {
                parts.insert(name, text);
            }
        }
        Package { parts }
    }

    /// A part by path.
    pub fn part(&self, path: &str) -> &str {
        self.parts
            .get(path)
            .map(String::as_str)
            .unwrap_or_else(|| panic!("no part {path}"))
    }

    /// Targets of the relationships of a part, by id.
    fn rels(&self, part: &str) -> BTreeMap<String, String> {
        let (dir, file) = part.rsplit_once('/').unwrap();
        let rels = format!("{dir}/_rels/{file}.rels");
        let Some(xml) = self.parts.get(&rels) else {
            return BTreeMap::new();
        };
        tags(xml, "Relationship")
            .into_iter()
            .map(|t| {
                (
                    attr(t, "Id").unwrap(),
                    resolve(part, &attr(t, "Target").unwrap()),
                )
            })
            .collect()
    }

    /// Sheet names in workbook order.
    pub fn sheet_names(&self) -> Vec<String> {
        tags(self.part("xl/workbook.xml"), "sheet")
            .into_iter()
            .map(|t| attr(t, "name").unwrap())
            .collect()
    }

    /// The path of a sheet's part.
    pub fn sheet_path(&self, name: &str) -> String {
        let rels = self.rels("xl/workbook.xml");
        let tag = tags(self.part("xl/workbook.xml"), "sheet")
            .into_iter()
            .find(|t| attr(t, "name").as_deref() == Some(name))
            .unwrap_or_else(|| panic!("no sheet {name}"));
        rels[&attr(tag, "r:id").unwrap()].clone()
    }

    /// A sheet's XML.
    pub fn sheet(&self, name: &str) -> &str {
        self.part(&self.sheet_path(name))
    }

    /// The XML of every chart drawn on a sheet.
    pub fn charts(&self, name: &str) -> Vec<&str> {
        let sheet = self.sheet_path(name);
        let mut out = Vec::new();
        for drawing in self
            .rels(&sheet)
            .values()
            .filter(|p| p.contains("drawings/"))
        {
            for chart in self
                .rels(drawing)
                .values()
                .filter(|p| p.contains("charts/"))
            {
                out.push(self.part(chart));
            }
        }
        out
    }

    /// The number format code of a cell (`A1` style), "General" when it has none.
    pub fn format_code(&self, sheet: &str, cell: &str) -> String {
        let xml = self.sheet(sheet);
        let tag = tags(xml, "c")
            .into_iter()
            .find(|t| attr(t, "r").as_deref() == Some(cell))
            .unwrap_or_else(|| panic!("no cell {cell} on {sheet}"));
        let Some(s) = attr(tag, "s") else {
            return "General".into();
        };
        let styles = self.part("xl/styles.xml");
        let xfs = &styles[styles.find("<cellXfs").unwrap()..];
        let xf = tags(xfs, "xf")[s.parse::<usize>().unwrap()];
        let id = attr(xf, "numFmtId").unwrap();
        tags(styles, "numFmt")
            .into_iter()
            .find(|t| attr(t, "numFmtId").as_deref() == Some(id.as_str()))
            .and_then(|t| attr(t, "formatCode"))
            .unwrap_or_else(|| format!("builtin {id}"))
    }
}
