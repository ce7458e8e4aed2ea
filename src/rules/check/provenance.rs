//! `[[translation]]`: where each language's texts come from, and the texts whose
//! rendering is taken from an official edition.

use super::{Ctx, gather};
use crate::diag::Code;
use crate::i18n::Text;
use crate::rules::parse::Parsed;
use crate::rules::{OfficialText, Translation, TranslationSource};
use std::collections::BTreeMap;

pub(super) fn translations(ctx: &mut Ctx, files: &[Parsed]) -> Vec<Translation> {
    let raw = gather(files, |r| r.translation.as_slice());
    let languages = ctx.languages.clone();
    // Without a readable [framework] there is nothing to check the entries against.
    let Some(first) = languages.first().cloned() else {
        return Vec::new();
    };
    // The framework's texts by their text in the first language, read only when some
    // text is said to be official.
    let texts = if raw.iter().any(|(_, t)| !t.get_ref().official.is_empty()) {
        all_texts(files, &first)
    } else {
        BTreeMap::new()
    };
    let mut out: Vec<Translation> = Vec::new();
    for &(f, t) in &raw {
        let r = t.get_ref();
        let lang = r.lang.get_ref();
        if !languages.contains(lang) {
            ctx.error(
                Code::R075,
                f,
                r.lang.span(),
                format!(
                    "[[translation]] for \"{lang}\", a language the framework does not declare; expected one of: {}",
                    languages.join(", ")
                ),
            );
            continue;
        }
        if out.iter().any(|o| &o.lang == lang) {
            ctx.error(
                Code::R003,
                f,
                r.lang.span(),
                format!("second [[translation]] for \"{lang}\"; expected one per language"),
            );
            continue;
        }
        let source = TranslationSource::parse(r.source.get_ref()).unwrap_or_else(|| {
            ctx.error(
                Code::R023,
                f,
                r.source.span(),
                format!(
                    "[[translation]] \"{lang}\" has source \"{}\"; expected one of: original, ours, official",
                    r.source.get_ref()
                ),
            );
            TranslationSource::Ours
        });
        let what = format!("[[translation]] \"{lang}\" note");
        let note = ctx.optional_text(f, r.note.as_ref(), &what);
        let mut official = Vec::new();
        for o in &r.official {
            let o = o.get_ref();
            let text = o.text.get_ref();
            if o.source.get_ref().trim().is_empty() {
                ctx.error(
                    Code::R018,
                    f,
                    o.source.span(),
                    format!("official text \"{text}\" of [[translation]] \"{lang}\" has an empty source; expected the official edition it is taken from"),
                );
            }
            match texts.get(text) {
                None => ctx.error(
                    Code::R076,
                    f,
                    o.text.span(),
                    format!("official text \"{text}\" of [[translation]] \"{lang}\" is not a text of the framework; expected a text exactly as the rule files have it in \"{first}\""),
                ),
                Some(t) => match t.get(lang) {
                    None => ctx.error(
                        Code::R076,
                        f,
                        o.text.span(),
                        format!("official text \"{text}\" has no \"{lang}\" rendering in the rule files; expected the official rendering beside the text"),
                    ),
                    Some(rendering) => official.push(OfficialText {
                        text: text.clone(),
                        rendering: rendering.to_string(),
                        source: o.source.get_ref().clone(),
                    }),
                },
            }
        }
        out.push(Translation {
            lang: lang.clone(),
            source,
            note,
            official,
        });
    }
    if let Some(&(f, t)) = raw.first() {
        let missing: Vec<&str> = languages
            .iter()
            .filter(|l| !out.iter().any(|o| &o.lang == *l))
            .map(String::as_str)
            .collect();
        if !missing.is_empty() {
            ctx.warning(
                Code::R077,
                f,
                t.span(),
                format!(
                    "no [[translation]] for {}; expected one for each declared language once any is given, so every language says where its texts come from",
                    missing.iter().map(|l| format!("\"{l}\"")).collect::<Vec<_>>().join(", ")
                ),
            );
        }
    }
    out
}

/// Every text table of the files (a table whose keys are all language codes and whose
/// values are strings), keyed by its text in `first`. The first occurrence wins.
fn all_texts(files: &[Parsed], first: &str) -> BTreeMap<String, Text> {
    fn is_lang(k: &str) -> bool {
        (2..=3).contains(&k.len()) && k.chars().all(|c| c.is_ascii_lowercase())
    }
    fn walk(v: &toml::Value, first: &str, out: &mut BTreeMap<String, Text>) {
        match v {
            toml::Value::Table(t) => {
                if !t.is_empty() && t.iter().all(|(k, v)| is_lang(k) && v.is_str()) {
                    if let Some(key) = t.get(first).and_then(toml::Value::as_str) {
                        let text = Text(
                            t.iter()
                                .filter_map(|(k, v)| v.as_str().map(|s| (k.clone(), s.to_string())))
                                .collect(),
                        );
                        out.entry(key.to_string()).or_insert(text);
                    }
                    return;
                }
                for v in t.values() {
                    walk(v, first, out);
                }
            }
            toml::Value::Array(a) => {
                for v in a {
                    walk(v, first, out);
                }
            }
            _ => {}
        }
    }
    let mut out = BTreeMap::new();
    for p in files {
        // The files parsed once already; a failure here cannot happen.
        if let Ok(v) = p.file.text.parse::<toml::Table>() {
            walk(&toml::Value::Table(v), first, &mut out);
        }
    }
    out
}
