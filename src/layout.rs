//! The self-assessment workbook's layout, shared by the template writer and intake:
//! sheet names, column headers and `About` fields, each in every language the tool
//! speaks, and how a header typed by a person is recognised.

use crate::i18n::fold;

/// Languages the tool's own texts (headers, instructions, report labels) are written in.
pub const TOOL_LANGUAGES: [&str; 3] = ["en", "fr", "es"];

/// Sheet with the instructions.
pub const SHEET_INSTRUCTIONS: &str = "Instructions";
/// Sheet with the assessment's metadata and context questions.
pub const SHEET_ABOUT: &str = "About";
/// Sheet with one row per indicator.
pub const SHEET_ASSESSMENT: &str = "Assessment";
/// Hidden sheet holding the dropdown lists.
pub const SHEET_LISTS: &str = "Lists";

/// Names a sheet may carry once translated by a user (folded forms).
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
    f == fold(sheet) || alts.contains(&f.as_str())
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

    /// The header the template writes, per tool language (en, fr, es).
    pub fn headers(self) -> [&'static str; 3] {
        match self {
            Column::Id => ["ID", "Identifiant", "Identificador"],
            Column::Question => ["Question", "Question", "Pregunta"],
            Column::Guidance => [
                "Guidance: what counts as evidence",
                "Orientations : ce qui fait preuve",
                "Orientación: qué sirve de evidencia",
            ],
            Column::Answer => ["Answer", "Réponse", "Respuesta"],
            Column::Evidence => [
                "Evidence or source",
                "Preuve ou source",
                "Evidencia o fuente",
            ],
            Column::Comment => [
                "Comment (justify any 'Not applicable' here)",
                "Commentaire (justifiez ici tout « Sans objet »)",
                "Comentario (justifique aquí cualquier «No aplica»)",
            ],
            Column::Responsible => [
                "Responsible entity",
                "Entité responsable",
                "Entidad responsable",
            ],
        }
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
        self.headers()[lang_index(lang)]
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

/// Index of a tool language (0 for English and for unknown languages).
pub fn lang_index(lang: &str) -> usize {
    TOOL_LANGUAGES.iter().position(|l| *l == lang).unwrap_or(0)
}

/// A field of the `About` sheet.
#[derive(Debug, Clone, Copy)]
pub struct AboutField {
    /// Stable key, written in the sheet's first column and used as the defined name.
    pub key: &'static str,
    /// Label per tool language.
    pub labels: [&'static str; 3],
    /// Help per tool language.
    pub help: [&'static str; 3],
}

/// The `About` fields in sheet order (context questions follow them).
pub const ABOUT_FIELDS: [AboutField; 13] = [
    AboutField {
        key: "unit_code",
        labels: [
            "Country or unit code",
            "Code du pays ou de l'unité",
            "Código del país o de la unidad",
        ],
        help: [
            "ISO 3166 alpha-3 for a country (e.g. XAA)",
            "ISO 3166 alpha-3 pour un pays (ex. XAA)",
            "ISO 3166 alfa-3 para un país (p. ej. XAA)",
        ],
    },
    AboutField {
        key: "unit_name",
        labels: [
            "Country or unit name",
            "Nom du pays ou de l'unité",
            "Nombre del país o de la unidad",
        ],
        help: ["", "", ""],
    },
    AboutField {
        key: "unit_level",
        labels: [
            "Level (country, province, city)",
            "Niveau (pays, province, ville)",
            "Nivel (país, provincia, ciudad)",
        ],
        help: [
            "country, province or city",
            "pays, province ou ville",
            "país, provincia o ciudad",
        ],
    },
    AboutField {
        key: "period",
        labels: [
            "Period (year or span)",
            "Période (année ou intervalle)",
            "Período (año o intervalo)",
        ],
        help: [
            "e.g. 2026 or 2025/2026",
            "ex. 2026 ou 2025/2026",
            "p. ej. 2026 o 2025/2026",
        ],
    },
    AboutField {
        key: "round",
        labels: [
            "Assessment round",
            "Cycle d'évaluation",
            "Ronda de evaluación",
        ],
        help: [
            "1 for the first assessment",
            "1 pour la première évaluation",
            "1 para la primera evaluación",
        ],
    },
    AboutField {
        key: "framework",
        labels: ["Framework", "Cadre", "Marco"],
        help: [
            "Filled by the tool; do not change",
            "Rempli par l'outil ; ne pas modifier",
            "Completado por la herramienta; no modificar",
        ],
    },
    AboutField {
        key: "version",
        labels: ["Framework version", "Version du cadre", "Versión del marco"],
        help: [
            "Filled by the tool; do not change",
            "Rempli par l'outil ; ne pas modifier",
            "Completado por la herramienta; no modificar",
        ],
    },
    AboutField {
        key: "language",
        labels: ["Language", "Langue", "Idioma"],
        help: [
            "Filled by the tool",
            "Rempli par l'outil",
            "Completado por la herramienta",
        ],
    },
    AboutField {
        key: "agency",
        labels: [
            "Responsible agency",
            "Organisme responsable",
            "Organismo responsable",
        ],
        help: [
            "The government body that coordinates the assessment",
            "L'organisme public qui coordonne l'évaluation",
            "El organismo público que coordina la evaluación",
        ],
    },
    AboutField {
        key: "contact",
        labels: [
            "Focal point (name, e-mail)",
            "Point focal (nom, courriel)",
            "Punto focal (nombre, correo)",
        ],
        help: [
            "Whom colleagues contact with questions",
            "La personne à contacter pour toute question",
            "A quién contactar con preguntas",
        ],
    },
    AboutField {
        key: "date",
        labels: [
            "Date of the assessment",
            "Date de l'évaluation",
            "Fecha de la evaluación",
        ],
        help: ["YYYY-MM-DD", "AAAA-MM-JJ", "AAAA-MM-DD"],
    },
    AboutField {
        key: "region",
        labels: [
            "Region (optional)",
            "Région (facultatif)",
            "Región (opcional)",
        ],
        help: [
            "Used to compare with peers",
            "Sert à comparer avec les pairs",
            "Sirve para comparar con pares",
        ],
    },
    AboutField {
        key: "income_group",
        labels: [
            "Income group (optional)",
            "Groupe de revenu (facultatif)",
            "Grupo de ingresos (opcional)",
        ],
        help: [
            "Used to compare with peers",
            "Sert à comparer avec les pairs",
            "Sirve para comparar con pares",
        ],
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
            t.extend(a.labels.iter().map(|l| (fold(l), i)));
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
