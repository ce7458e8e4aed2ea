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
    // Every name of every template sheet, folded once: intake asks this of every sheet
    // of every workbook, and folding the non-ASCII names costs microseconds each.
    static FOLDED: std::sync::OnceLock<Vec<(&'static str, Vec<String>)>> =
        std::sync::OnceLock::new();
    let folded = FOLDED.get_or_init(|| {
        [
            SHEET_INSTRUCTIONS,
            SHEET_ABOUT,
            SHEET_ASSESSMENT,
            SHEET_LISTS,
        ]
        .into_iter()
        .map(|s| {
            let mut names: Vec<String> = alternatives(s).iter().map(|a| fold(a)).collect();
            names.push(fold(s));
            if let Some(k) = sheet_key(s) {
                names.extend(LANGUAGES.iter().map(|l| fold(msg(l, k))));
            }
            (s, names)
        })
        .collect()
    });
    let f = fold(name);
    match folded.iter().find(|(s, _)| *s == sheet) {
        Some((_, names)) => names.contains(&f),
        None => f == fold(sheet),
    }
}

/// Names a sheet may carry once a person has translated it.
fn alternatives(sheet: &str) -> &'static [&'static str] {
    match sheet {
        SHEET_ABOUT => &[
            "about",
            "a propos",
            "acerca de",
            "metadata",
            "metadonnees",
            "metadatos",
            "حول",
            "نبذة",
            "معلومات",
            "البيانات الوصفية",
            "关于",
            "基本信息",
            "元数据",
            "о документе",
            "об оценке",
            "сведения",
            "метаданные",
        ],
        SHEET_ASSESSMENT => &[
            "assessment",
            "evaluation",
            "evaluacion",
            "autoevaluacion",
            "self-assessment",
            "التقييم",
            "تقييم",
            "التقييم الذاتي",
            "评估",
            "自评估",
            "自我评估",
            "оценка",
            "самооценка",
        ],
        _ => &[],
    }
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
    /// Where a merged answer came from: contributor, file and cell (written by
    /// `mgi merge`; a template that is not a merge has no such column).
    Source,
}

impl Column {
    /// Columns intake looks for, in template order.
    pub const ALL: [Column; 8] = [
        Column::Id,
        Column::Question,
        Column::Guidance,
        Column::Answer,
        Column::Evidence,
        Column::Comment,
        Column::Responsible,
        Column::Source,
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
            Column::Source => "column.source",
        }
    }

    /// The header the template writes, in every interface language.
    pub fn headers(self) -> impl Iterator<Item = &'static str> {
        LANGUAGES.iter().map(move |l| msg(l, self.key()))
    }

    /// Short forms a header may start with once edited by a person, in the six
    /// languages (folded before comparison).
    fn stems(self) -> &'static [&'static str] {
        match self {
            Column::Id => &[
                "id",
                "identifiant",
                "identificador",
                "code",
                "codigo",
                "المعرّف",
                "معرّف",
                "الرمز",
                "رمز",
                "编号",
                "代码",
                "编码",
                "идентификатор",
                "код",
                "ид",
            ],
            Column::Question => &[
                "question",
                "pregunta",
                "indicator",
                "indicateur",
                "indicador",
                "السؤال",
                "سؤال",
                "المؤشر",
                "مؤشر",
                "问题",
                "指标",
                "вопрос",
                "показатель",
            ],
            Column::Guidance => &[
                "guidance",
                "orientation",
                "orientacion",
                "إرشادات",
                "الإرشادات",
                "توجيهات",
                "说明",
                "指导",
                "指南",
                "пояснение",
                "пояснения",
                "указания",
            ],
            Column::Answer => &[
                "answer",
                "reponse",
                "respuesta",
                "response",
                "الإجابة",
                "إجابة",
                "الجواب",
                "جواب",
                "答案",
                "回答",
                "答复",
                "ответ",
            ],
            Column::Evidence => &[
                "evidence",
                "source",
                "preuve",
                "evidencia",
                "fuente",
                "الدليل",
                "دليل",
                "الأدلة",
                "أدلة",
                "المصدر",
                "مصدر",
                "证据",
                "来源",
                "依据",
                "доказательства",
                "доказательство",
                "подтверждение",
                "источник",
            ],
            Column::Comment => &[
                "comment",
                "commentaire",
                "comentario",
                "justification",
                "justificacion",
                "تعليق",
                "التعليق",
                "ملاحظات",
                "تبرير",
                "备注",
                "评论",
                "意见",
                "комментарий",
                "обоснование",
                "примечание",
            ],
            Column::Responsible => &[
                "responsible",
                "entite responsable",
                "entidad responsable",
                "responsable",
                "الجهة المسؤولة",
                "المسؤول",
                "负责单位",
                "负责机构",
                "责任单位",
                "ответственный орган",
                "ответственное ведомство",
                "ответственный",
            ],
            // Not "source" alone: an evidence column is often headed so.
            Column::Source => &[
                "provenance",
                "procedencia",
                "مصدر الإجابة",
                "答案出处",
                "出处",
                "происхождение ответа",
                "происхождение",
            ],
        }
    }

    /// The header in a language (English when the language is not one of the tool's).
    pub fn header(self, lang: &str) -> &'static str {
        msg(lang, self.key())
    }

    /// Recognises a header typed in any of the tool's languages, in any case, with or
    /// without accents; edited headers are recognised by their first word(s). Chinese
    /// has no spaces between words, so a stem ending in a CJK ideograph matches
    /// whatever follows it (`答案（请选择）`, `证据来源`); other stems must end a word.
    pub fn recognise(text: &str) -> Option<Column> {
        // Folded headers and stems, computed once.
        type Table = (Vec<(String, Column)>, Vec<(String, Column)>);
        static FOLDED: std::sync::OnceLock<Table> = std::sync::OnceLock::new();
        let (headers, stems) = FOLDED.get_or_init(|| {
            let headers = Column::ALL
                .iter()
                .flat_map(|c| c.headers().map(|h| (fold(h), *c)))
                .collect();
            let stems = Column::ALL
                .iter()
                .flat_map(|c| c.stems().iter().map(|s| (fold(s), *c)))
                .collect();
            (headers, stems)
        });
        let f = fold(text);
        if f.is_empty() {
            return None;
        }
        if let Some((_, c)) = headers.iter().find(|(h, _)| *h == f) {
            return Some(*c);
        }
        stems
            .iter()
            .find(|(s, _)| {
                f.strip_prefix(s.as_str()).is_some_and(|rest| {
                    rest.is_empty()
                        || rest.starts_with([' ', ':', '(', '/'])
                        || s.chars().last().is_some_and(is_cjk)
                })
            })
            .map(|(_, c)| *c)
    }
}

/// True for a CJK ideograph (Chinese is written without spaces between words).
fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{f900}'..='\u{faff}')
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

/// The `About` field that names who contributed a part of an assessment (written only
/// in a part, after the context questions; intake reads it by key or label).
pub const CONTRIBUTOR: AboutField = AboutField { key: "contributor" };

/// The `About` field that lists the indicators a part was made for (written only in a
/// part; `mgi merge` reports an answer outside it).
pub const SCOPE: AboutField = AboutField { key: "scope" };

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

    #[test]
    fn headers_sheets_and_about_labels_in_arabic_chinese_and_russian() {
        // The template's headers, as written.
        for lang in ["ar", "zh", "ru"] {
            for c in Column::ALL {
                assert_eq!(Column::recognise(c.header(lang)), Some(c), "{lang} {c:?}");
            }
            for a in &ABOUT_FIELDS {
                assert_eq!(recognise_about(a.label(lang)).map(|f| f.key), Some(a.key));
            }
        }
        // Edited by a person: Arabic with vowel signs or another hamza form, Chinese with
        // text run on after the word, Russian in capitals with a note.
        assert_eq!(Column::recognise("الإجابَة"), Some(Column::Answer));
        assert_eq!(
            Column::recognise("اجابة (من القائمة)"),
            Some(Column::Answer)
        );
        assert_eq!(Column::recognise("الدليل"), Some(Column::Evidence));
        assert_eq!(
            Column::recognise("答案（请从列表中选择）"),
            Some(Column::Answer)
        );
        assert_eq!(Column::recognise("证据来源"), Some(Column::Evidence));
        assert_eq!(Column::recognise("备注"), Some(Column::Comment));
        assert_eq!(Column::recognise("ОТВЕТ (выберите)"), Some(Column::Answer));
        assert_eq!(
            Column::recognise("Ответственный орган"),
            Some(Column::Responsible)
        );
        assert_eq!(Column::recognise("Комментарий"), Some(Column::Comment));
        assert_eq!(Column::recognise("Этап"), None);
        assert_eq!(Column::recognise("阶段"), None);
        assert!(is_sheet("التقييم", SHEET_ASSESSMENT));
        assert!(is_sheet("评估", SHEET_ASSESSMENT));
        assert!(is_sheet("Оценка", SHEET_ASSESSMENT));
        assert!(is_sheet("حول", SHEET_ABOUT));
        assert!(is_sheet("关于", SHEET_ABOUT));
        assert!(is_sheet("О документе", SHEET_ABOUT));
        assert!(!is_sheet("关于", SHEET_ASSESSMENT));
        assert_eq!(
            recognise_about("رمز البلد أو الوحدة").map(|a| a.key),
            Some("unit_code")
        );
        assert_eq!(recognise_about("评估轮次").map(|a| a.key), Some("round"));
        assert_eq!(
            recognise_about("КОД СТРАНЫ ИЛИ ЕДИНИЦЫ").map(|a| a.key),
            Some("unit_code")
        );
    }
}
