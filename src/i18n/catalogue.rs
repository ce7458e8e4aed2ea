//! The message catalogues: every text of the tool's own (template headings, report
//! labels, notes, diagnostics a focal point reads) in every interface language: the TOML
//! files of `i18n/messages/<lang>/` (one per area of the tool, e.g. `base.toml`,
//! `compare.toml`), merged per language and embedded in the binary by `build.rs`.
//!
//! A catalogue is a table of keys (`label.gap_report`, `about.unit_code.help`...). A
//! value is a text, with `{name}` placeholders filled by [`fmt`], or a table of plural
//! forms (`{ one = "{n} gap", other = "{n} gaps" }`) chosen by the number given as `n`,
//! with the language's plural rules ([`plural`]). A key missing in a language falls back
//! to English; a test checks that every key of the English catalogue is in every
//! catalogue, with the same placeholders and the plural forms the language needs.
//!
//! To add a language: add its folder (a copy of `en/` translated), its code to
//! [`LANGUAGES`], its plural rule to [`plural`] and its number format to [`number`]. To
//! add texts for a part of the tool: add a file with the same name to every language's
//! folder (a key may be defined in one file only).

use crate::error::{Error, Result};
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// The interface languages, in the order menus list them.
pub const LANGUAGES: &[&str] = &["en", "fr", "es", "ar", "zh", "ru"];

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/messages.rs"));
}

/// The catalogue files, embedded: (language, file name, content).
pub const SOURCES: &[(&str, &str, &str)] = embedded::MESSAGES;

/// A catalogue value: a text, or plural forms by category.
#[derive(Debug, Clone, PartialEq)]
pub enum Entry {
    /// One text.
    Text(String),
    /// Forms by plural category (`zero`, `one`, `two`, `few`, `many`, `other`).
    Plural(BTreeMap<String, String>),
}

/// One language's catalogue: key → entry.
#[derive(Debug, Clone, Default)]
pub struct Catalogue {
    /// The entries, by dotted key.
    pub entries: BTreeMap<String, Entry>,
}

fn flatten(prefix: &str, table: &toml::Table, out: &mut BTreeMap<String, Entry>) {
    const PLURAL: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];
    for (k, v) in table {
        let key = if prefix.is_empty() {
            k.clone()
        } else {
            format!("{prefix}.{k}")
        };
        match v {
            toml::Value::String(s) => {
                out.insert(key, Entry::Text(s.clone()));
            }
            toml::Value::Table(t)
                if t.keys().all(|k| PLURAL.contains(&k.as_str())) && t.contains_key("other") =>
            {
                let forms = t
                    .iter()
                    .filter_map(|(k, v)| v.as_str().map(|s| (k.clone(), s.to_string())))
                    .collect();
                out.insert(key, Entry::Plural(forms));
            }
            toml::Value::Table(t) => flatten(&key, t, out),
            _ => {}
        }
    }
}

impl Catalogue {
    /// Parses a catalogue file.
    ///
    /// # Errors
    /// [`Error::Invalid`] when the text is not TOML.
    pub fn parse(text: &str) -> Result<Catalogue> {
        let table: toml::Table = text
            .parse()
            .map_err(|e| Error::Invalid(format!("message catalogue: {e}")))?;
        let mut entries = BTreeMap::new();
        flatten("", &table, &mut entries);
        Ok(Catalogue { entries })
    }
}

/// The catalogue of each language, its files merged. A key defined in two files of one
/// language is an error.
///
/// # Errors
/// [`Error::Invalid`] naming the file that does not parse or the key defined twice.
pub fn load(sources: &[(&str, &str, &str)]) -> Result<BTreeMap<String, Catalogue>> {
    let mut out: BTreeMap<String, Catalogue> = BTreeMap::new();
    for (lang, file, text) in sources {
        let c = Catalogue::parse(text)
            .map_err(|e| Error::Invalid(format!("i18n/messages/{lang}/{file}: {e}")))?;
        let merged = out.entry(lang.to_string()).or_default();
        for (k, v) in c.entries {
            if merged.entries.insert(k.clone(), v).is_some() {
                return Err(Error::Invalid(format!(
                    "i18n/messages/{lang}/{file}: key {k} is already defined in another file"
                )));
            }
        }
    }
    Ok(out)
}

fn catalogues() -> &'static BTreeMap<String, Catalogue> {
    static ALL: OnceLock<BTreeMap<String, Catalogue>> = OnceLock::new();
    // The embedded catalogues are checked by a test; a broken one is a bug.
    ALL.get_or_init(|| load(SOURCES).expect("embedded catalogues load"))
}

/// The catalogue of a language (English for a language the tool does not speak).
pub fn catalogue(lang: &str) -> &'static Catalogue {
    let all = catalogues();
    all.get(lang).unwrap_or_else(|| &all["en"])
}

/// True when `lang` is an interface language.
pub fn supported(lang: &str) -> bool {
    LANGUAGES.contains(&lang)
}

/// Checks an interface language asked for.
///
/// # Errors
/// [`Error::UnsupportedLanguage`] naming the languages supported.
pub fn check(lang: &str) -> Result<()> {
    if supported(lang) {
        Ok(())
    } else {
        Err(Error::UnsupportedLanguage {
            lang: lang.to_string(),
            supported: LANGUAGES.iter().map(|l| l.to_string()).collect(),
        })
    }
}

fn entry(lang: &str, key: &str) -> Option<&'static Entry> {
    catalogue(lang)
        .entries
        .get(key)
        .or_else(|| catalogue("en").entries.get(key))
}

/// The text of `key` in `lang` (English when the language lacks it; the key itself when
/// no catalogue has it, so a missing key is visible rather than blank). A plural entry
/// gives its `other` form.
pub fn msg(lang: &str, key: &str) -> &'static str {
    match entry(lang, key) {
        Some(Entry::Text(s)) => s,
        Some(Entry::Plural(forms)) => forms.get("other").map(String::as_str).unwrap_or(""),
        None => {
            // Leak once per missing key: it only happens for a key typed wrongly in code,
            // which the catalogue test catches.
            static MISSING: OnceLock<std::sync::Mutex<BTreeMap<String, &'static str>>> =
                OnceLock::new();
            let m = MISSING.get_or_init(Default::default);
            let mut m = m.lock().unwrap_or_else(|e| e.into_inner());
            m.entry(key.to_string())
                .or_insert_with(|| Box::leak(key.to_string().into_boxed_str()))
        }
    }
}

/// A value for a placeholder.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    /// Text, inserted as it is.
    Text(String),
    /// A count: chooses the plural form when named `n`; shown as a whole number.
    Count(u64),
    /// A number shown with this many decimals in the language's format.
    Number(f64, usize),
    /// A signed change, shown with its sign (`+2.5`, `−9.1`) in the language's format.
    Signed(f64, usize),
    /// A text per language (e.g. a framework's labels), shown in the language, else in
    /// English, else in any language it has.
    Local(crate::i18n::Text),
    /// Another catalogue message with its own arguments, shown in the language.
    Message(&'static str, Vec<(&'static str, Arg)>),
    /// A list of arguments, joined with the language's list separator (`, `, `、`, `، `).
    List(Vec<Arg>),
}

impl From<&str> for Arg {
    fn from(s: &str) -> Self {
        Arg::Text(s.to_string())
    }
}

impl From<String> for Arg {
    fn from(s: String) -> Self {
        Arg::Text(s)
    }
}

impl From<usize> for Arg {
    fn from(n: usize) -> Self {
        Arg::Count(n as u64)
    }
}

/// The text of `key` in `lang` with its placeholders filled. When an argument named `n`
/// is a count, the plural form is chosen by the language's rules.
pub fn fmt(lang: &str, key: &str, args: &[(&str, Arg)]) -> String {
    let template = match entry(lang, key) {
        Some(Entry::Plural(forms)) => {
            let n = args.iter().find_map(|(k, v)| match (k, v) {
                (&"n", Arg::Count(n)) => Some(*n),
                _ => None,
            });
            let cat = plural(lang, n.unwrap_or(0));
            forms
                .get(cat)
                .or_else(|| forms.get("other"))
                .map(String::as_str)
                .unwrap_or("")
        }
        _ => msg(lang, key),
    };
    fill(lang, template, args)
}

/// Fills `{name}` placeholders of a template.
pub fn fill(lang: &str, template: &str, args: &[(&str, Arg)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        match after.find('}') {
            Some(end) => {
                let name = &after[..end];
                match args.iter().find(|(k, _)| *k == name) {
                    Some((_, v)) => out.push_str(&render(lang, v)),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = &after[end + 1..];
            }
            None => {
                out.push_str(&rest[start..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

fn render(lang: &str, v: &Arg) -> String {
    match v {
        Arg::Text(s) => s.clone(),
        Arg::Count(n) => number(lang, *n as f64, 0),
        Arg::Number(x, d) => number(lang, *x, *d),
        Arg::Local(t) => t
            .get(lang)
            .or_else(|| t.get("en"))
            .or_else(|| t.values().next())
            .unwrap_or("")
            .to_string(),
        Arg::Message(key, args) => fmt(lang, key, args),
        Arg::List(items) => {
            let sep = match lang {
                "zh" => "、",
                "ar" => "، ",
                _ => ", ",
            };
            items
                .iter()
                .map(|a| render(lang, a))
                .collect::<Vec<_>>()
                .join(sep)
        }
        Arg::Signed(x, d) => {
            let body = number(lang, x.abs(), *d);
            // Zero after rounding has no sign.
            if number(lang, 0.0, *d) == body {
                body
            } else if *x < 0.0 {
                format!("\u{2212}{body}")
            } else {
                format!("+{body}")
            }
        }
    }
}

/// The plural category of a whole number in a language (CLDR rules for integers):
/// `one`, `two`, `few`, `many`, `zero` or `other`.
pub fn plural(lang: &str, n: u64) -> &'static str {
    match lang {
        // French: 0 and 1 are singular.
        "fr" => {
            if n <= 1 {
                "one"
            } else {
                "other"
            }
        }
        // Arabic: six forms.
        "ar" => match (n, n % 100) {
            (0, _) => "zero",
            (1, _) => "one",
            (2, _) => "two",
            (_, 3..=10) => "few",
            (_, 11..=99) => "many",
            _ => "other",
        },
        // Russian: one (1, 21, 31...), few (2-4, 22-24...), many (the rest).
        "ru" => match (n % 10, n % 100) {
            (1, r) if r != 11 => "one",
            (2..=4, r) if !(12..=14).contains(&r) => "few",
            _ => "many",
        },
        // Chinese: no plural.
        "zh" => "other",
        // English, Spanish and the default.
        _ => {
            if n == 1 {
                "one"
            } else {
                "other"
            }
        }
    }
}

/// A number in a language's format, with `decimals` decimals: `1,234.5` (en, zh),
/// `1 234,5` (fr, ru: a narrow no-break space groups thousands), `1234,5` and
/// `12.345,5` (es: grouping from five digits), `1٬234٫5` is not used: Arabic reports use
/// Western digits with `,` and `.` as most ministries do. Negative numbers take U+2212.
pub fn number(lang: &str, x: f64, decimals: usize) -> String {
    let s = format!("{:.*}", decimals, x.abs());
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i.to_string(), Some(f.to_string())),
        None => (s.clone(), None),
    };
    let (group, dec, min_group) = match lang {
        "fr" | "ru" => ("\u{202f}", ",", 4),
        "es" => (".", ",", 5),
        _ => (",", ".", 4),
    };
    let grouped = if int.len() >= min_group {
        let mut out = String::new();
        for (i, c) in int.chars().enumerate() {
            if i > 0 && (int.len() - i) % 3 == 0 {
                out.push_str(group);
            }
            out.push(c);
        }
        out
    } else {
        int
    };
    let neg = x < 0.0 && s.chars().any(|c| c.is_ascii_digit() && c != '0');
    let mut out = String::new();
    if neg {
        out.push('\u{2212}');
    }
    out.push_str(&grouped);
    if let Some(f) = frac {
        out.push_str(dec);
        out.push_str(&f);
    }
    out
}

/// The language a report is written in: the one asked for (an interface language,
/// checked with [`check`] beforehand), else the workbooks' language when they all have
/// the same one and the tool speaks it, else the framework's first language when the
/// tool speaks it, else English. One rule for every report: a gap report passes its one
/// workbook's language, a comparison those of all its inputs. Framework texts missing in
/// that language fall back to the framework's first language.
///
/// ```
/// use mgi::i18n::catalogue::report_language;
/// let fw = ["en".to_string(), "fr".to_string()];
/// assert_eq!(report_language(Some("es"), &["fr"], &fw), "es");
/// assert_eq!(report_language(None, &["fr", "fr"], &fw), "fr");
/// assert_eq!(report_language(None, &["fr", "es"], &fw), "en");
/// assert_eq!(report_language(None, &["xx"], &fw), "en");
/// ```
pub fn report_language(
    asked: Option<&str>,
    workbooks: &[&str],
    framework_languages: &[String],
) -> String {
    if let Some(l) = asked {
        return l.to_string();
    }
    if let Some((first, rest)) = workbooks.split_first()
        && supported(first)
        && rest.iter().all(|l| l == first)
    {
        return first.to_string();
    }
    framework_languages
        .iter()
        .find(|l| supported(l))
        .cloned()
        .unwrap_or_else(|| "en".to_string())
}

/// The placeholders (`{name}`) of a text, sorted.
pub fn placeholders(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find('{') {
        let after = &rest[start + 1..];
        let Some(end) = after.find('}') else { break };
        out.push(after[..end].to_string());
        rest = &after[end + 1..];
    }
    out.sort();
    out.dedup();
    out
}

/// The plural categories a language needs for whole numbers.
pub fn plural_categories(lang: &str) -> &'static [&'static str] {
    match lang {
        "ar" => &["zero", "one", "two", "few", "many", "other"],
        "ru" => &["one", "few", "many"],
        "zh" => &["other"],
        _ => &["one", "other"],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_each_language() {
        assert_eq!(number("en", 1234.5, 1), "1,234.5");
        assert_eq!(number("fr", -9.06, 1), "\u{2212}9,1");
        assert_eq!(number("fr", 12345.0, 0), "12\u{202f}345");
        assert_eq!(number("es", 1234.5, 1), "1234,5");
        assert_eq!(number("es", 12345.0, 0), "12.345");
        assert_eq!(number("en", -0.04, 1), "0.0");
    }

    #[test]
    fn plural_rules() {
        assert_eq!(plural("fr", 0), "one");
        assert_eq!(plural("en", 0), "other");
        assert_eq!(plural("ru", 21), "one");
        assert_eq!(plural("ru", 12), "many");
        assert_eq!(plural("ru", 23), "few");
        assert_eq!(plural("ar", 0), "zero");
        assert_eq!(plural("ar", 2), "two");
        assert_eq!(plural("ar", 105), "few");
        assert_eq!(plural("ar", 111), "many");
        assert_eq!(plural("ar", 100), "other");
    }

    #[test]
    fn filling_and_signs() {
        assert_eq!(
            fill(
                "fr",
                "{what} : {x} points",
                &[
                    ("what", "moyennes géométriques".into()),
                    ("x", Arg::Signed(-9.06, 1))
                ]
            ),
            "moyennes géométriques : \u{2212}9,1 points"
        );
        assert_eq!(fill("en", "{x}", &[("x", Arg::Signed(0.01, 1))]), "0.0");
        assert_eq!(fill("en", "{missing}", &[]), "{missing}");
    }
}

#[cfg(test)]
mod catalogue_tests {
    use super::*;

    /// Every key of the English catalogue is in every catalogue, with the same
    /// placeholders, as a text where English has a text and with the plural forms the
    /// language needs where English has plural forms; no catalogue has a key English
    /// lacks.
    #[test]
    fn every_key_in_every_language() {
        let all = load(SOURCES).unwrap_or_else(|e| panic!("{e}"));
        let en = &all["en"];
        assert!(en.entries.len() > 100);
        let mut problems = Vec::new();
        for (lang, c) in &all {
            for (key, e) in &en.entries {
                let Some(mine) = c.entries.get(key) else {
                    problems.push(format!("{lang}: no {key}"));
                    continue;
                };
                let ph = |e: &Entry| match e {
                    Entry::Text(t) => placeholders(t),
                    Entry::Plural(f) => {
                        placeholders(f.get("other").map(String::as_str).unwrap_or(""))
                    }
                };
                if ph(e) != ph(mine) {
                    problems.push(format!(
                        "{lang}: {key} has placeholders {:?}, English {:?}",
                        ph(mine),
                        ph(e)
                    ));
                }
                match (e, mine) {
                    (Entry::Text(_), Entry::Text(t)) if t.trim().is_empty() => {
                        problems.push(format!("{lang}: {key} is empty"));
                    }
                    (Entry::Text(_), Entry::Text(_)) => {}
                    (Entry::Plural(_), Entry::Plural(f)) => {
                        for cat in plural_categories(lang) {
                            if !f.contains_key(*cat) {
                                problems.push(format!("{lang}: {key} lacks the plural form {cat}"));
                            }
                        }
                    }
                    _ => problems.push(format!(
                        "{lang}: {key} is not of the same kind as in English"
                    )),
                }
            }
            for key in c.entries.keys() {
                if !en.entries.contains_key(key) {
                    problems.push(format!("{lang}: {key} is not in the English catalogue"));
                }
            }
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
        let langs: Vec<&str> = all.keys().map(String::as_str).collect();
        let mut expected = LANGUAGES.to_vec();
        expected.sort();
        assert_eq!(langs, expected, "one folder per interface language");
    }
}
