//! A small, valid, commented framework to start from (`mgi rules new`): the README's
//! worked example, in the languages asked for. Texts exist in English, French and
//! Spanish; another language gets the English text, and the file says so.

use crate::error::{Error, Result};

/// Languages the starter's texts are written in.
pub const STARTER_LANGUAGES: &[&str] = &["en", "fr", "es"];

/// One text of the starter: English, French, Spanish.
type T<'a> = [&'a str; 3];

/// The starter framework `id` in `languages` (the first is the fallback language), as
/// the text of one `framework.toml`.
///
/// # Errors
/// [`Error::Invalid`] for an id or a language code of the wrong form, or no language.
pub fn starter(id: &str, languages: &[String]) -> Result<String> {
    if id.is_empty()
        || !id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.')
    {
        return Err(Error::Invalid(format!(
            "framework id \"{id}\" is not valid; expected letters, digits, '-', '_' or '.'"
        )));
    }
    if languages.is_empty() {
        return Err(Error::Invalid(
            "no language given; expected e.g. --languages en,fr".into(),
        ));
    }
    for (i, l) in languages.iter().enumerate() {
        if !(2..=3).contains(&l.len()) || !l.chars().all(|c| c.is_ascii_lowercase()) {
            return Err(Error::Invalid(format!(
                "language \"{l}\" is not a language code; expected a 2 or 3 letter lower-case code such as en, fr, es"
            )));
        }
        if languages[..i].contains(l) {
            return Err(Error::Invalid(format!("language \"{l}\" given twice")));
        }
    }
    let w = Writer { languages };
    Ok(w.document(id))
}

struct Writer<'a> {
    languages: &'a [String],
}

impl Writer<'_> {
    /// A text in the framework's languages: `{ en = "...", fr = "..." }`, or a plain
    /// string when the framework has one language.
    fn t(&self, t: T<'_>) -> String {
        let of = |l: &str| match l {
            "fr" => t[1],
            "es" => t[2],
            _ => t[0],
        };
        if self.languages.len() == 1 {
            return format!("{:?}", of(&self.languages[0]));
        }
        let parts: Vec<String> = self
            .languages
            .iter()
            .map(|l| format!("{l} = {:?}", of(l)))
            .collect();
        format!("{{ {} }}", parts.join(", "))
    }

    fn document(&self, id: &str) -> String {
        let mut out = Lines::default();
        let others: Vec<&str> = self
            .languages
            .iter()
            .map(String::as_str)
            .filter(|l| !STARTER_LANGUAGES.contains(l))
            .collect();
        if !others.is_empty() {
            out.line(&format!(
                "# The {} texts below are copies of the English ones: translate them.",
                others.join(", ")
            ));
            out.blank();
        }
        let langs: Vec<String> = self.languages.iter().map(|l| format!("{l:?}")).collect();
        let aliases: Vec<String> = self
            .languages
            .iter()
            .filter_map(|l| match l.as_str() {
                "en" => Some("\"y\""),
                "fr" => Some("\"o\""),
                "es" => Some("\"s\""),
                _ => None,
            })
            .map(str::to_string)
            .collect();
        out.line("[framework]");
        out.kv("id", &format!("{id:?}"), "letters, digits, '-', '_', '.'");
        out.kv("version", "\"0.1\"", "");
        out.kv(
            "languages",
            &format!("[{}]", langs.join(", ")),
            "the first is the fallback language",
        );
        let mut title: Vec<char> = id.chars().collect();
        if let Some(c) = title.first_mut() {
            *c = c.to_ascii_uppercase();
        }
        let title: String = title.into_iter().collect();
        out.kv("title", &self.t([&title, &title, &title]), "");
        out.kv(
            "about",
            &self.t([
                "What this framework is and where it comes from.",
                "Ce qu'est ce cadre et d'où il vient.",
                "Qué es este marco y de dónde procede.",
            ]),
            "",
        );
        out.kv("levels = [", "", "names of the tree's depths, root first");
        for (lid, label) in [
            ("overall", ["Overall", "Ensemble", "General"]),
            ("area", ["Area", "Domaine", "Área"]),
            ("indicator", ["Indicator", "Indicateur", "Indicador"]),
        ] {
            out.line(&format!("  {{ id = {lid:?}, label = {} }},", self.t(label)));
        }
        out.line("]");
        out.kv(
            "aggregation",
            "\"arithmetic\"",
            "default per node: arithmetic | geometric | minimum",
        );
        out.kv(
            "min_coverage",
            "0.5",
            "default per node, 0 to 1 (default 0)",
        );
        out.kv(
            "geometric_floor",
            "1",
            "points (0 to 100) a zero is raised to in a geometric mean",
        );
        out.kv(
            "weights_reason",
            &self.t([
                "Why the weights are what they are.",
                "Pourquoi les poids sont ce qu'ils sont.",
                "Por qué los pesos son los que son.",
            ]),
            "",
        );
        out.blank();
        out.kv(
            "[special.not_applicable]",
            "",
            "optional; these are the defaults",
        );
        out.kv("code", "\"na\"", "");
        out.kv(
            "label",
            &self.t(["Not applicable", "Sans objet", "No aplica"]),
            "",
        );
        out.kv("aliases", "[\"n/a\"]", "");
        out.kv("requires_justification", "true", "a comment must say why");
        out.blank();
        out.line("[special.dont_know]");
        out.kv("code", "\"dk\"", "");
        out.kv(
            "label",
            &self.t(["Don't know", "Ne sait pas", "No sabe"]),
            "",
        );
        out.kv(
            "policy",
            "\"missing\"",
            "or \"score\" with score = 0.0: scored, still listed",
        );
        out.blank();
        out.line("[special.blank]");
        out.kv(
            "policy",
            "\"missing\"",
            "never counted as yes or no unless you say so",
        );
        out.blank();
        out.line("[[scale]]");
        out.kv("id", "\"yn\"", "");
        out.kv("kind", "\"choice\"", "choice | levels | numeric | boolean");
        out.kv(
            "label",
            &self.t([
                "Yes / partly / no",
                "Oui / en partie / non",
                "Sí / en parte / no",
            ]),
            "",
        );
        out.line("[[scale.option]]");
        out.kv("code", "\"yes\"", "");
        out.kv("score", "1.0", "scores are 0 to 1");
        out.kv("label", &self.t(["Yes", "Oui", "Sí"]), "");
        out.kv(
            "aliases",
            &format!("[{}]", aliases.join(", ")),
            "matched ignoring case, accents and extra spaces",
        );
        out.line("[[scale.option]]");
        out.kv("code", "\"partial\"", "");
        out.kv("score", "0.5", "");
        out.kv(
            "score_range",
            "[0.25, 0.75]",
            "what the uncertainty analysis may draw",
        );
        out.kv(
            "label",
            &self.t(["Partially", "Partiellement", "Parcialmente"]),
            "",
        );
        out.line("[[scale.option]]");
        out.kv("code", "\"no\"", "");
        out.kv("score", "0.0", "");
        out.kv("label", &self.t(["No", "Non", "No"]), "");
        out.blank();
        out.kv("[[context]]", "", "unscored question on the About sheet");
        out.kv("id", "\"role\"", "");
        out.kv(
            "question",
            &self.t([
                "The country answers as",
                "Le pays répond en tant que",
                "El país responde como",
            ]),
            "",
        );
        out.line("[[context.option]]");
        out.kv("code", "\"host\"", "");
        out.kv(
            "label",
            &self.t(["Host State", "État d'accueil", "Estado de acogida"]),
            "",
        );
        out.line("[[context.option]]");
        out.kv("code", "\"origin\"", "");
        out.kv(
            "label",
            &self.t(["State of origin", "État d'origine", "Estado de origen"]),
            "",
        );
        out.blank();
        out.line("[[stakeholder]]");
        out.kv("id", "\"host-states\"", "");
        out.kv(
            "label",
            &self.t(["Host States", "États d'accueil", "Estados de acogida"]),
            "",
        );
        out.blank();
        out.line("[[guideline]]");
        out.kv("id", "\"G1\"", "");
        out.kv("number", "1", "");
        out.kv("phase", "\"preparedness\"", "");
        out.kv(
            "title",
            &self.t(["Guideline one", "Ligne directrice un", "Directriz uno"]),
            "",
        );
        out.blank();
        out.kv("[[node]]", "", "the one node without a parent is the root");
        out.kv("id", "\"root\"", "");
        out.kv("label", &self.t(["Overall", "Ensemble", "General"]), "");
        out.blank();
        out.line("[[node]]");
        out.kv("id", "\"A\"", "");
        out.kv("parent", "\"root\"", "");
        out.kv("label", &self.t(["Area A", "Domaine A", "Área A"]), "");
        out.kv("weight", "1", "relative to siblings (default 1)");
        out.kv("aggregation", "\"geometric\"", "");
        out.blank();
        out.line("[[indicator]]");
        out.kv("id", "\"A.1\"", "");
        out.kv("parent", "\"A\"", "");
        out.kv("scale", "\"yn\"", "");
        out.kv("weight", "2", "");
        out.kv(
            "question",
            &self.t([
                "Is there a plan?",
                "Existe-t-il un plan ?",
                "¿Existe un plan?",
            ]),
            "",
        );
        out.kv(
            "guidance",
            &self.t(["Cite the plan.", "Citez le plan.", "Cite el plan."]),
            "",
        );
        out.kv(
            "evidence",
            "\"expected\"",
            "a positive answer without evidence gets a warning",
        );
        out.kv("critical", "true", "");
        out.kv(
            "applies_if",
            "{ question = \"role\", in = [\"host\"] }",
            "or { any = [...] } / { all = [...] }",
        );
        out.kv(
            "links",
            "{ guidelines = [\"G1\"], gcm = [7], sdg = [\"PD_5.b\"] }",
            "",
        );
        out.kv("stakeholders", "[\"host-states\"]", "");
        out.line("[[indicator.action]]");
        out.kv(
            "text",
            &self.t(["Adopt a plan.", "Adopter un plan.", "Adoptar un plan."]),
            "",
        );
        out.kv("stakeholders", "[\"host-states\"]", "");
        out.blank();
        out.line("[[indicator]]");
        out.kv("id", "\"A.2\"", "");
        out.kv("parent", "\"A\"", "");
        out.kv("scale", "\"yn\"", "");
        out.kv(
            "question",
            &self.t([
                "Is the plan tested?",
                "Le plan est-il testé ?",
                "¿Se ha puesto a prueba el plan?",
            ]),
            "",
        );
        out.blank();
        out.kv("[[band]]", "", "lowest first; lower bounds inclusive");
        out.kv("code", "\"low\"", "");
        out.kv("lower", "0", "");
        out.kv("label", &self.t(["Low", "Bas", "Bajo"]), "");
        out.line("[[band]]");
        out.kv("code", "\"full\"", "");
        out.kv("exact", "100", "holds exactly 100 (tolerance 1e-9)");
        out.kv("label", &self.t(["Full", "Complet", "Completo"]), "");
        out.blank();
        out.line("[uncertainty]");
        out.kv(
            "concentration",
            "50",
            "Dirichlet concentration around the nominal weights",
        );
        out.kv("vary_weights", "true", "");
        out.kv("vary_aggregation", "true", "arithmetic ↔ geometric");
        out.kv(
            "vary_scores",
            "true",
            "draw option scores within score_range",
        );
        out.0
    }
}

/// Lines with their comments aligned.
#[derive(Default)]
struct Lines(String);

impl Lines {
    fn line(&mut self, s: &str) {
        self.0.push_str(s);
        self.0.push('\n');
    }

    fn blank(&mut self) {
        self.0.push('\n');
    }

    /// `key = value`, or `key` alone when `value` is empty (a table header), with an
    /// optional comment from column 35.
    fn kv(&mut self, key: &str, value: &str, comment: &str) {
        let code = if value.is_empty() {
            key.to_string()
        } else {
            format!("{key} = {value}")
        };
        if comment.is_empty() {
            self.line(&code);
        } else if code.chars().count() < 34 {
            self.line(&format!("{code:<34}# {comment}"));
        } else {
            self.line(&format!("{code}   # {comment}"));
        }
    }
}
