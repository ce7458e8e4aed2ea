//! Where the texts of each language of a framework come from: the framework's original
//! wording, our translation, or an official edition, with the few texts whose rendering
//! is taken from an official edition (`[[translation]]` in the rule files).

use super::model::Framework;
use crate::i18n::{self, Text};

/// The kind of source of one language's texts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TranslationSource {
    /// The wording the framework was written in.
    Original,
    /// Our translation (not an official edition).
    Ours,
    /// Taken from an official edition as a whole.
    Official,
}

impl TranslationSource {
    /// The word used in rule files and JSON: `original`, `ours`, `official`.
    pub fn name(self) -> &'static str {
        match self {
            TranslationSource::Original => "original",
            TranslationSource::Ours => "ours",
            TranslationSource::Official => "official",
        }
    }

    /// Parses the word of a rule file.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "original" => Some(TranslationSource::Original),
            "ours" => Some(TranslationSource::Ours),
            "official" => Some(TranslationSource::Official),
            _ => None,
        }
    }
}

/// A text whose rendering in a language is taken from an official edition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfficialText {
    /// The text in the framework's first language.
    pub text: String,
    /// Its rendering in the translation's language (as the rule files carry it).
    pub rendering: String,
    /// The official edition it is taken from.
    pub source: String,
}

/// Where the texts of one language come from.
#[derive(Debug, Clone, PartialEq)]
pub struct Translation {
    /// The language.
    pub lang: String,
    /// Original wording, our translation, or an official edition.
    pub source: TranslationSource,
    /// More about the source, per language (may be empty).
    pub note: Text,
    /// The texts whose rendering is official although the rest is not.
    pub official: Vec<OfficialText>,
}

impl Framework {
    /// Where the framework's texts in `lang` come from, when the framework says.
    pub fn translation(&self, lang: &str) -> Option<&Translation> {
        self.translations.iter().find(|t| t.lang == lang)
    }

    /// One line, written in `lang`, saying where the framework's texts in `lang` come
    /// from: original wording, our translation (to be reviewed by native speakers before
    /// official use) or an official edition, the framework's note, and the texts whose
    /// rendering follows an official edition. For the About sheets of templates and
    /// reports. `None` when the framework states nothing for `lang`.
    pub fn provenance_line(&self, lang: &str) -> Option<String> {
        let t = self.translation(lang)?;
        let subject = i18n::msg(lang, &format!("provenance.subject.{lang}"));
        let key = format!("provenance.{}", t.source.name());
        let mut line = i18n::fmt(lang, &key, &[("subject", subject.into())]);
        if let Some(note) = t
            .note
            .get(lang)
            .or_else(|| self.languages.iter().find_map(|l| t.note.get(l)))
        {
            line.push(' ');
            line.push_str(note);
        }
        if !t.official.is_empty() {
            let texts: Vec<String> = t
                .official
                .iter()
                .map(|o| {
                    i18n::fmt(
                        lang,
                        "provenance.quoted",
                        &[("text", o.rendering.clone().into())],
                    )
                })
                .collect();
            line.push(' ');
            line.push_str(&i18n::fmt(
                lang,
                "provenance.official_texts",
                &[
                    ("n", t.official.len().into()),
                    (
                        "texts",
                        texts.join(i18n::msg(lang, "provenance.separator")).into(),
                    ),
                ],
            ));
        }
        Some(line)
    }
}
