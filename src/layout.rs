//! The self-assessment workbook's layout, shared by the template writer and intake:
//! sheet names, column headers and `About` fields, each in every language the tool
//! speaks, and how a header typed by a person is recognised.

use crate::i18n::fold;

/// Languages the tool's own texts (headers, instructions, report labels) are written in.
pub use crate::i18n::catalogue::LANGUAGES as TOOL_LANGUAGES;
use crate::i18n::catalogue::LANGUAGES;
use crate::i18n::msg;

/// Sheet with the instructions.
pub const SHEET_INSTRUCTIONS: &str = "Instructions";
/// Sheet with the assessment's metadata and context questions.
pub const SHEET_ABOUT: &str = "About";
/// Sheet with one row per indicator.
pub const SHEET_ASSESSMENT: &str = "Assessment";
/// Hidden sheet holding the dropdown lists.
pub const SHEET_LISTS: &str = "Lists";

/// The catalogue key of a sheet's name (`sheet.about`...).
fn sheet_key(sheet: &str) -> Option<&'static str> {
    match sheet {
        SHEET_INSTRUCTIONS => Some("sheet.instructions"),
        SHEET_ABOUT => Some("sheet.about"),
        SHEET_ASSESSMENT => Some("sheet.assessment"),
        SHEET_LISTS => Some("sheet.lists"),
        _ => None,
    }
}

/// The name of a template sheet (one of the `SHEET_*` names) in a language.
pub fn sheet_name(sheet: &str, lang: &str) -> &'static str {
    match sheet_key(sheet) {
        Some(k) => msg(lang, k),
        None => msg(lang, sheet),
    }
}

/// A sheet name as a formula refers to it: quoted when it holds anything but ASCII
/// letters, digits and `_` (`'À propos'!$C$3`).
pub fn sheet_ref(name: &str) -> String {
    if name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        name.to_string()
    } else {
        format!("'{}'", name.replace('\'', "''"))
    }
}

/// Whether a sheet called `name` is the template's `sheet` (a `SHEET_*` name): its name
/// in any interface language, or a name a person may have given it, in any case and
/// with or without accents.
pub fn is_sheet(name: &str, sheet: &str) -> bool {
    let f = fold(name);
    let alts: &[&str] = match sheet {
        SHEET_ABOUT => &[
            "about",
            "a propos",
            "acerca de",
            "metadata",
            "metadonnees",
            "metadatos",
        ],
        SHEET_ASSESSMENT => &[
            "assessment",
            "evaluation",
            "evaluacion",
            "autoevaluacion",
            "self-assessment",
        ],
        _ => &[],
    };
    f == fold(sheet)
        || alts.contains(&f.as_str())
        || sheet_key(sheet).is_some_and(|k| LANGUAGES.iter().any(|l| fold(msg(l, k)) == f))
}

/// A column of the `Assessment` sheet that intake reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Column {
    /// Indicator, criterion or group id.
    Id,
    /// The question.
    Question,
    /// What counts as evidence.
    Guidance,
    /// The answer.
    Answer,
    /// Evidence or source.
    Evidence,
    /// Comment, and the justification of a not-applicable answer.
    Comment,
    /// Entity responsible.
    Responsible,
}

impl Column {
    /// Columns intake looks for, in template order.
    pub const ALL: [Column; 7] = [
        Column::Id,
        Column::Question,
        Column::Guidance,
        Column::Answer,
        Column::Evidence,
        Column::Comment,
        Column::Responsible,
    ];

    /// The catalogue key of the header the template writes (`column.<name>`).
    pub fn key(self) -> &'static str {
        match self {
            Column::Id => "column.id",
            Column::Question => "column.question",
            Column::Guidance => "column.guidance",
            Column::Answer => "column.answer",
            Column::Evidence => "column.evidence",
            Column::Comment => "column.comment",
            Column::Responsible => "column.responsible",
        }
    }

    /// The header the template writes, in every interface language.
    pub fn headers(self) -> impl Iterator<Item = &'static str> {
        LANGUAGES.iter().map(move |l| msg(l, self.key()))
    }

    /// Short forms a header may start with once edited by a person (folded).
    fn stems(self) -> &'static [&'static str] {
        match self {
            Column::Id => &["id", "identifiant", "identificador", "code", "codigo"],
            Column::Question => &[
                "question",
                "pregunta",
                "indicator",
                "indicateur",
                "indicador",
            ],
            Column::Guidance => &["guidance", "orientation", "orientacion"],
            Column::Answer => &["answer", "reponse", "respuesta", "response"],
            Column::Evidence => &["evidence", "source", "preuve", "evidencia", "fuente"],
            Column::Comment => &[
                "comment",
                "commentaire",
                "comentario",
                "justification",
                "justificacion",
            ],
            Column::Responsible => &[
                "responsible",
                "entite responsable",
                "entidad responsable",
                "responsable",
            ],
        }
    }

    /// The header in a language (English when the language is not one of the tool's).
    pub fn header(self, lang: &str) -> &'static str {
        msg(lang, self.key())
    }

    /// Recognises a header typed in any of the tool's languages, in any case, with or
    /// without accents; edited headers are recognised by their first word(s).
    pub fn recognise(text: &str) -> Option<Column> {
        // Folded headers, computed once.
        static FOLDED: std::sync::OnceLock<Vec<(String, Column)>> = std::sync::OnceLock::new();
        let table = FOLDED.get_or_init(|| {
            Column::ALL
                .iter()
                .flat_map(|c| c.headers().map(|h| (fold(h), *c)))
                .collect()
        });
        let f = fold(text);
        if f.is_empty() {
            return None;
        }
        if let Some((_, c)) = table.iter().find(|(h, _)| *h == f) {
            return Some(*c);
        }
        Column::ALL.into_iter().find(|c| {
            c.stems().iter().any(|s| {
                f.strip_prefix(s)
                    .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', ':', '(']))
            })
        })
    }
}

/// A field of the `About` sheet. Its label and help are in the message catalogues
/// (`about.<key>.label`, `about.<key>.help`).
#[derive(Debug, Clone, Copy)]
pub struct AboutField {
    /// Stable key, written in the sheet's first column and used as the defined name.
    pub key: &'static str,
}

impl AboutField {
    /// The label in a language.
    pub fn label(&self, lang: &str) -> &'static str {
        msg(lang, &format!("about.{}.label", self.key))
    }

    /// The help text in a language.
    pub fn help(&self, lang: &str) -> &'static str {
        msg(lang, &format!("about.{}.help", self.key))
    }

    /// The label in every interface language.
    pub fn labels(&self) -> impl Iterator<Item = &'static str> + '_ {
        LANGUAGES.iter().map(|l| self.label(l))
    }
}

/// The fields of the `About` sheet, in order.
pub const ABOUT_FIELDS: [AboutField; 13] = [
    AboutField { key: "unit_code" },
    AboutField { key: "unit_name" },
    AboutField { key: "unit_level" },
    AboutField { key: "period" },
    AboutField { key: "round" },
    AboutField { key: "framework" },
    AboutField { key: "version" },
    AboutField { key: "language" },
    AboutField { key: "agency" },
    AboutField { key: "contact" },
    AboutField { key: "date" },
    AboutField { key: "region" },
    AboutField {
        key: "income_group",
    },
];

/// The `About` field whose key or label (in any tool language) matches a cell's text.
pub fn recognise_about(text: &str) -> Option<&'static AboutField> {
    // Folded keys and labels, computed once.
    static FOLDED: std::sync::OnceLock<Vec<(String, usize)>> = std::sync::OnceLock::new();
    let table = FOLDED.get_or_init(|| {
        let mut t = Vec::new();
        for (i, a) in ABOUT_FIELDS.iter().enumerate() {
            t.push((a.key.to_string(), i));
            t.extend(a.labels().map(|l| (fold(l), i)));
        }
        t
    });
    let f = fold(text);
    if f.is_empty() {
        return None;
    }
    table
        .iter()
        .find(|(k, _)| *k == f)
        .map(|(_, i)| &ABOUT_FIELDS[*i])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_in_any_language_and_case() {
        assert_eq!(Column::recognise("RÉPONSE"), Some(Column::Answer));
        assert_eq!(Column::recognise("  respuesta "), Some(Column::Answer));
        assert_eq!(
            Column::recognise("Comment (justify any 'Not applicable' here)"),
            Some(Column::Comment)
        );
        assert_eq!(Column::recognise("Commentaire"), Some(Column::Comment));
        assert_eq!(
            Column::recognise("Evidence / source"),
            Some(Column::Evidence)
        );
        assert_eq!(Column::recognise("Phase"), None);
        assert_eq!(
            recognise_about("Código del país o de la unidad").map(|a| a.key),
            Some("unit_code")
        );
        assert_eq!(
            recognise_about("unit_code").map(|a| a.key),
            Some("unit_code")
        );
    }
}
