//! Texts in several languages, the folding used to match answers typed by people, and
//! the message catalogues of the tool's own texts ([`catalogue`]).

pub mod catalogue;

pub use catalogue::{Arg, fmt, msg};

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// A text keyed by language code (`en`, `fr`, `es`, ...), in a stable key order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Text(pub BTreeMap<String, String>);

impl Text {
    /// The text in `lang`, if it is there and not blank.
    pub fn get(&self, lang: &str) -> Option<&str> {
        self.0
            .get(lang)
            .map(String::as_str)
            .filter(|s| !s.trim().is_empty())
    }

    /// The text in `lang`, else in the first of `fallbacks` that has it, else any.
    /// The flag is false when the text is not in `lang`.
    pub fn resolve<'a>(&'a self, lang: &str, fallbacks: &[String]) -> (&'a str, bool) {
        if let Some(s) = self.get(lang) {
            return (s, true);
        }
        for f in fallbacks {
            if let Some(s) = self.get(f) {
                return (s, false);
            }
        }
        (
            self.0
                .values()
                .find(|s| !s.trim().is_empty())
                .map(String::as_str)
                .unwrap_or(""),
            false,
        )
    }

    /// All non-blank variants.
    pub fn values(&self) -> impl Iterator<Item = &str> {
        self.0
            .values()
            .map(String::as_str)
            .filter(|s| !s.trim().is_empty())
    }

    /// True when no language has a non-blank text.
    pub fn is_empty(&self) -> bool {
        self.values().next().is_none()
    }
}

/// Folds a text for matching: Unicode compatibility-decomposed (full-width letters,
/// digits and punctuation typed in Chinese input become their ASCII forms), combining
/// marks removed (accents, Arabic vowel signs and hamza, so أ إ آ fold to ا and ئ to ي;
/// Cyrillic ё folds to е), Arabic tatweel removed, alef maksura and Farsi yeh folded to
/// yeh, Arabic-Indic digits to ASCII digits, lower case, inner white space collapsed to
/// one space, trimmed. `"  Sí "`, `"SI"` and `"si"` fold alike; so do `"Partiellement"`
/// and `"partiellement"`, `"نَعَم"` and `"نعم"`, `"Да"` and `"да"`, `"是"` and `" 是 "`.
pub fn fold(s: &str) -> String {
    // Most cells are ASCII: no decomposition needed.
    if s.is_ascii() {
        let mut out = String::with_capacity(s.len());
        for word in s.split_ascii_whitespace() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.extend(word.chars().map(|c| c.to_ascii_lowercase()));
        }
        return out;
    }
    let stripped: String = s
        .nfkd()
        .filter(|c| !is_combining_mark(*c) && *c != '\u{640}')
        .map(|c| match c {
            '\u{649}' | '\u{6cc}' => '\u{64a}',
            '\u{660}'..='\u{669}' => char::from(b'0' + (c as u32 - 0x660) as u8),
            '\u{6f0}'..='\u{6f9}' => char::from(b'0' + (c as u32 - 0x6f0) as u8),
            '\u{3000}' => ' ',
            c => c,
        })
        .collect::<String>()
        .to_lowercase();
    let mut out = String::with_capacity(stripped.len());
    for word in stripped.split(|c: char| c.is_whitespace() || c == '\u{a0}') {
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding() {
        assert_eq!(fold("  Sí "), "si");
        assert_eq!(fold("PARTIELLEMENT"), "partiellement");
        assert_eq!(fold("Non\u{a0} applicable"), "non applicable");
        assert_eq!(fold("Да"), "да");
        assert_eq!(fold("Évalué"), "evalue");
        // Arabic: vowel signs, hamza forms, tatweel, alef maksura, Arabic-Indic digits.
        assert_eq!(fold("نَعَم"), fold("نعم"));
        assert_eq!(fold("أجل"), "اجل");
        assert_eq!(fold("إلى"), "الي");
        assert_eq!(fold("جزئـيـا"), fold("جزئيا"));
        assert_eq!(fold("٣"), "3");
        // Cyrillic ё and е.
        assert_eq!(fold("Ещё"), "еще");
        // Full-width forms from Chinese input.
        assert_eq!(fold("ＹＥＳ"), "yes");
        assert_eq!(fold("０.５"), "0.5");
        assert_eq!(fold("　是　"), "是");
        assert_eq!(fold("部分，是"), "部分,是");
    }

    #[test]
    fn fallback() {
        let mut t = Text(
            [("en".to_string(), "Yes".to_string())]
                .into_iter()
                .collect(),
        );
        t.0.insert("fr".into(), " ".into());
        assert_eq!(t.resolve("fr", &["en".into()]), ("Yes", false));
        assert_eq!(t.resolve("en", &[]), ("Yes", true));
    }
}
