//! The checks of meaning over a framework's parsed files, and the construction of the
//! checked [`Framework`]. Every problem is reported, with its place, in one run.

mod answers;
mod catalogues;
mod provenance;
mod tree;

use super::causes::{Follow, Needs};
use super::model::*;
use super::parse::{Parsed, location};
use super::raw::*;
use crate::diag::Code;
use crate::diag::{Diagnostic, Location};
use crate::i18n::Text;
use answers::{condition, context_cycles, options, scale, special};
use catalogues::{bands, catalogues, uncertainty};
use std::collections::HashMap;
use std::ops::Range;
use toml::Spanned;
use tree::{TreeInputs, TreeParts};

pub(super) struct Ctx<'a> {
    files: &'a [Parsed<'a>],
    diags: &'a mut Vec<Diagnostic>,
    /// The declared languages (empty when `[framework]` could not be read).
    languages: Vec<String>,
    /// Errors that may only follow from a file that could not be read.
    follows: Vec<Follow>,
}

impl Ctx<'_> {
    pub(super) fn loc(&self, file: usize, span: Range<usize>) -> Location {
        location(self.files[file].file, span)
    }

    pub(super) fn error(&mut self, code: Code, file: usize, span: Range<usize>, msg: String) {
        let loc = self.loc(file, span);
        self.diags.push(Diagnostic::error(code, loc, msg));
    }

    /// An error that would vanish if an unread file provided what `needs` says (see
    /// `causes`).
    pub(super) fn unresolved(
        &mut self,
        code: Code,
        file: usize,
        span: Range<usize>,
        msg: String,
        needs: Needs,
    ) {
        self.follows.push(Follow {
            index: self.diags.len(),
            needs,
        });
        self.error(code, file, span, msg);
    }

    /// Like [`Ctx::unresolved`] for an error located by a diagnostic already built.
    pub(super) fn unresolved_at(&mut self, d: Diagnostic, needs: Needs) {
        self.follows.push(Follow {
            index: self.diags.len(),
            needs,
        });
        self.diags.push(d);
    }

    pub(super) fn warning(&mut self, code: Code, file: usize, span: Range<usize>, msg: String) {
        let loc = self.loc(file, span);
        self.diags.push(Diagnostic::warning(code, loc, msg));
    }

    /// A text that must exist: an error when blank in every language, a warning per
    /// declared language that lacks it, a warning per undeclared language (except in a
    /// file included from another folder, which may serve frameworks of more languages).
    pub(super) fn text(&mut self, file: usize, t: &Spanned<RawText>, what: &str) -> Text {
        let value = self.per_language(file, t, what);
        if value.is_empty() {
            self.error(
                Code::R018,
                file,
                t.span(),
                format!("{what} is empty; expected a text in each declared language"),
            );
        }
        self.languages_of(file, t, &value, what);
        value
    }

    /// A text that may be absent; when present it is checked like a required one.
    pub(super) fn optional_text(
        &mut self,
        file: usize,
        t: Option<&Spanned<RawText>>,
        what: &str,
    ) -> Text {
        let Some(t) = t else {
            return Text::default();
        };
        let value = self.per_language(file, t, what);
        self.languages_of(file, t, &value, what);
        value
    }

    /// The text per language: a plain string is the only language of a single-language
    /// framework, and an error in a framework of several languages.
    fn per_language(&mut self, file: usize, t: &Spanned<RawText>, what: &str) -> Text {
        match t.get_ref() {
            RawText::PerLanguage(x) => x.clone(),
            RawText::Plain(s) => {
                let first = self
                    .languages
                    .first()
                    .cloned()
                    .unwrap_or_else(|| "en".into());
                if self.languages.len() > 1 {
                    let example: Vec<String> = self
                        .languages
                        .iter()
                        .enumerate()
                        .map(|(i, l)| {
                            let v = if i == 0 { s.as_str() } else { "..." };
                            format!("{l} = {v:?}")
                        })
                        .collect();
                    self.error(
                        Code::R032,
                        file,
                        t.span(),
                        format!(
                            "{what} is a plain string ({s:?}), but the framework declares {} languages ({}); expected one text per language: {{ {} }}",
                            self.languages.len(),
                            self.languages.join(", "),
                            example.join(", ")
                        ),
                    );
                }
                Text([(first, s.clone())].into_iter().collect())
            }
        }
    }

    fn languages_of(&mut self, file: usize, t: &Spanned<RawText>, value: &Text, what: &str) {
        if value.is_empty() || matches!(t.get_ref(), RawText::Plain(_)) {
            return;
        }
        for lang in self.languages.clone() {
            if value.get(&lang).is_none() {
                self.warning(
                    Code::R011,
                    file,
                    t.span(),
                    format!(
                        "{what} has no \"{lang}\" text; expected one in each declared language ({})",
                        self.languages.join(", ")
                    ),
                );
            }
        }
        // A shared file included from another folder may carry languages this
        // framework does not declare (the frameworks using it declare them): they are
        // simply not shown here.
        if self.languages.is_empty() || self.files[file].included {
            return;
        }
        for lang in value.0.keys() {
            if !self.languages.contains(lang) {
                self.warning(
                    Code::R022,
                    file,
                    t.span(),
                    format!(
                        "{what} has a text in \"{lang}\", a language the framework does not declare; expected one of: {}",
                        self.languages.join(", ")
                    ),
                );
            }
        }
    }

    pub(super) fn weight(&mut self, file: usize, w: Option<&Spanned<f64>>, what: &str) -> f64 {
        match w {
            None => 1.0,
            Some(w) => {
                let v = *w.get_ref();
                if !v.is_finite() || v < 0.0 {
                    self.error(
                        Code::R009,
                        file,
                        w.span(),
                        format!("weight of {what} is {v}; expected a finite number of 0 or more"),
                    );
                    1.0
                } else {
                    v
                }
            }
        }
    }

    pub(super) fn unit_interval(&mut self, file: usize, v: &Spanned<f64>, what: &str) -> f64 {
        let x = *v.get_ref();
        if !(0.0..=1.0).contains(&x) {
            self.error(
                Code::R024,
                file,
                v.span(),
                format!("{what} is {x}; expected a number from 0 to 1"),
            );
        }
        x.clamp(0.0, 1.0)
    }
}

/// Items of one kind gathered from all files, each with the index of its file.
type Items<'a, T> = Vec<(usize, &'a Spanned<T>)>;

pub(super) fn gather<'a, T>(
    files: &'a [Parsed<'a>],
    pick: impl Fn(&'a RawFile) -> &'a [Spanned<T>],
) -> Items<'a, T> {
    files
        .iter()
        .enumerate()
        .flat_map(|(i, p)| {
            p.raw
                .map(|r| pick(r).iter().map(move |x| (i, x)))
                .into_iter()
                .flatten()
        })
        .collect()
}

/// Records the first place of each id and reports the later ones.
pub(super) struct Ids {
    seen: HashMap<String, (usize, Range<usize>)>,
    what: &'static str,
}

impl Ids {
    pub(super) fn new(what: &'static str) -> Self {
        Ids {
            seen: HashMap::new(),
            what,
        }
    }

    /// True when the id is new.
    pub(super) fn add(&mut self, ctx: &mut Ctx, file: usize, id: &Spanned<String>) -> bool {
        let key = id.get_ref().clone();
        if key.trim().is_empty() {
            ctx.error(
                Code::R018,
                file,
                id.span(),
                format!("{} id is empty; expected a non-empty id", self.what),
            );
            return false;
        }
        if let Some((f, span)) = self.seen.get(&key).cloned() {
            let first = ctx.loc(f, span);
            ctx.error(
                Code::R003,
                file,
                id.span(),
                format!(
                    "duplicate {} id \"{key}\" (first declared at {first}); expected each id to be unique",
                    self.what
                ),
            );
            false
        } else {
            self.seen.insert(key, (file, id.span()));
            true
        }
    }
}

/// Checks a framework and builds it (`None` when it has errors). `header_unread`: the
/// file that declares `[framework]` could not be read, so the other files are checked
/// without what it declares (its languages, its levels). Also returns the errors that may
/// only follow from a file that could not be read, as indices into `diags`.
pub fn check(
    files: &[Parsed],
    folder: &str,
    hash: String,
    header_unread: bool,
    diags: &mut Vec<Diagnostic>,
) -> (Option<Framework>, Vec<Follow>) {
    let errors_before = diags.iter().filter(|d| d.is_error()).count();
    let headers = gather(files, |r| r.framework.as_slice());
    let folder_loc = Location::file(
        files
            .first()
            .map(|p| p.file.display.clone())
            .unwrap_or_else(|| folder.to_string()),
    );
    if headers.is_empty() && !header_unread {
        diags.push(Diagnostic::error(
            Code::R014,
            folder_loc,
            format!(
                "framework folder \"{folder}\" has no [framework] table; expected one file to declare id, version, title, languages and levels"
            ),
        ));
        return (None, Vec::new());
    }
    let mut ctx = Ctx {
        files,
        diags,
        languages: Vec::new(),
        follows: Vec::new(),
    };
    let header = headers.first().copied();
    if let Some((hfile, header)) = header {
        for &(f, h) in &headers[1..] {
            let first = ctx.loc(hfile, header.span());
            ctx.error(
                Code::R014,
                f,
                h.span(),
                format!(
                    "second [framework] table (first at {first}); expected exactly one per framework"
                ),
            );
        }
    }
    let (header_loc, levels_loc) = match header {
        Some((hfile, h)) => (
            ctx.loc(hfile, h.span()),
            ctx.loc(hfile, h.get_ref().levels.span()),
        ),
        None => (folder_loc.clone(), folder_loc),
    };
    let HeaderParts {
        id,
        version,
        kind,
        title,
        about,
        weights_reason,
        languages,
        levels,
        default_aggregation,
        default_min_coverage,
        geometric_floor,
    } = match header {
        Some((hfile, h)) => header_parts(&mut ctx, hfile, h),
        None => HeaderParts::default(),
    };

    // Special answers.
    let special = special(&mut ctx, files);

    // Scales.
    let mut scale_ids = Ids::new("scale");
    let mut scales = Vec::new();
    for (f, s) in gather(files, |r| r.scale.as_slice()) {
        if scale_ids.add(&mut ctx, f, &s.get_ref().id) {
            scales.push(scale(&mut ctx, f, s, &special));
        }
    }

    // Context questions.
    let mut context_ids = Ids::new("context question");
    let raw_context = gather(files, |r| r.context.as_slice());
    let mut context = Vec::new();
    for &(f, c) in &raw_context {
        let c_ref = c.get_ref();
        if context_ids.add(&mut ctx, f, &c_ref.id) {
            let what = format!("context question \"{}\"", c_ref.id.get_ref());
            let question = ctx.text(f, &c_ref.question, &what);
            let options = options(&mut ctx, f, &c_ref.option, &what, false);
            if options.is_empty() {
                ctx.error(
                    Code::R018,
                    f,
                    c.span(),
                    format!("{what} has no [[context.option]]; expected the answers it accepts"),
                );
            }
            context.push(ContextQuestion {
                id: c_ref.id.get_ref().clone(),
                question,
                options,
                applies_if: None,
            });
        }
    }
    for &(f, c) in &raw_context {
        if let Some(cond) = &c.get_ref().applies_if {
            let parsed = condition(&mut ctx, f, cond, &context);
            if let Some(q) = context
                .iter_mut()
                .find(|q| &q.id == c.get_ref().id.get_ref())
            {
                q.applies_if = parsed;
            }
        }
    }
    context_cycles(&mut ctx, &raw_context, &context);
    // Conditions on scale options, now that the context questions are known.
    for (f, s) in gather(files, |r| r.scale.as_slice()) {
        let r = s.get_ref();
        let Some(i) = scales.iter().position(|x| &x.id == r.id.get_ref()) else {
            continue;
        };
        for o in r.option.iter().chain(&r.level) {
            let o = o.get_ref();
            if let Some(cond) = &o.applies_if {
                let parsed = condition(&mut ctx, f, cond, &context);
                if let Some(c) = scales[i]
                    .options
                    .iter_mut()
                    .find(|c| &c.code == o.code.get_ref())
                {
                    c.applies_if = parsed;
                }
            }
        }
    }

    // Catalogues first, so links can be resolved.
    let roles: Vec<String> = context
        .iter()
        .flat_map(|q| {
            q.options
                .iter()
                .flat_map(|o| o.stands_for().map(str::to_string))
        })
        .collect();
    let catalogues = catalogues(&mut ctx, files, &roles);

    let TreeParts {
        nodes,
        root,
        indicators,
    } = tree::tree(
        &mut ctx,
        files,
        &TreeInputs {
            header_loc,
            levels_loc,
            levels: &levels,
            default_aggregation,
            default_min_coverage,
            scales: &scales,
            context: &context,
            catalogues: &catalogues,
        },
    );

    let bands = bands(&mut ctx, files);
    let uncertainty = uncertainty(&mut ctx, files);
    let translations = provenance::translations(&mut ctx, files);

    let errors_after = ctx.diags.iter().filter(|d| d.is_error()).count();
    let follows = std::mem::take(&mut ctx.follows);
    if errors_after > errors_before || header.is_none() {
        return (None, follows);
    }
    let Some(root) = root else {
        return (None, follows);
    };
    let fw = Framework {
        id,
        version,
        kind,
        title,
        about,
        languages,
        levels,
        scales,
        special,
        context,
        nodes,
        root,
        indicators,
        bands,
        catalogues,
        uncertainty,
        geometric_floor,
        weights_reason,
        translations,
        content_hash: hash,
        files: files.iter().map(|p| p.file.display.clone()).collect(),
    };
    (Some(fw), follows)
}

/// What `[framework]` declares, checked.
#[derive(Default)]
struct HeaderParts {
    id: String,
    version: String,
    kind: FrameworkKind,
    title: Text,
    about: Text,
    weights_reason: Text,
    languages: Vec<String>,
    levels: Vec<Level>,
    default_aggregation: Aggregation,
    default_min_coverage: f64,
    geometric_floor: f64,
}

fn header_parts(ctx: &mut Ctx, hf: usize, header: &Spanned<RawHeader>) -> HeaderParts {
    let h = header.get_ref();
    let mut languages = Vec::new();
    for l in h.languages.get_ref() {
        let code = l.get_ref();
        let valid = (2..=3).contains(&code.len()) && code.chars().all(|c| c.is_ascii_lowercase());
        if !valid {
            ctx.error(Code::R028, hf, l.span(), format!("language \"{code}\" is not a language code; expected a 2 or 3 letter lower-case code such as en, fr, es"));
        } else if languages.contains(code) {
            ctx.error(
                Code::R003,
                hf,
                l.span(),
                format!("language \"{code}\" declared twice; expected each language once"),
            );
        } else {
            languages.push(code.clone());
        }
    }
    if languages.is_empty() {
        ctx.error(
            Code::R018,
            hf,
            h.languages.span(),
            "no language declared; expected at least one, e.g. languages = [\"en\"]".into(),
        );
        languages.push("en".into());
    }
    ctx.languages = languages.clone();
    let id = h.id.get_ref().clone();
    if id.is_empty()
        || !id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.')
    {
        ctx.error(
            Code::R028,
            hf,
            h.id.span(),
            format!(
                "framework id \"{id}\" is not valid; expected letters, digits, '-', '_' or '.'"
            ),
        );
    }
    let kind = match &h.kind {
        None => FrameworkKind::Assessment,
        Some(k) => FrameworkKind::parse(k.get_ref()).unwrap_or_else(|| {
            ctx.error(
                Code::R023,
                hf,
                k.span(),
                format!(
                    "framework kind \"{}\" is not known; expected one of: assessment, view",
                    k.get_ref()
                ),
            );
            FrameworkKind::Assessment
        }),
    };
    let title = ctx.text(hf, &h.title, "framework title");
    let about = ctx.optional_text(hf, h.about.as_ref(), "framework about text");
    let weights_reason = ctx.optional_text(hf, h.weights_reason.as_ref(), "weights reason");
    let mut levels = Vec::new();
    for l in h.levels.get_ref() {
        let lv = l.get_ref();
        let label = ctx.text(
            hf,
            &lv.label,
            &format!("level \"{}\" label", lv.id.get_ref()),
        );
        levels.push(Level {
            id: lv.id.get_ref().clone(),
            label,
        });
    }
    if levels.is_empty() {
        ctx.error(
            Code::R018,
            hf,
            h.levels.span(),
            "no level declared; expected the names of the tree's depths, root first".into(),
        );
    }
    let default_aggregation = match &h.aggregation {
        None => Aggregation::Arithmetic,
        Some(a) => aggregation(ctx, hf, a),
    };
    let default_min_coverage = h
        .min_coverage
        .as_ref()
        .map(|m| ctx.unit_interval(hf, m, "min_coverage"))
        .unwrap_or(0.0);
    let geometric_floor = match &h.geometric_floor {
        None => 0.01,
        Some(g) => {
            let v = *g.get_ref();
            if !(v > 0.0 && v <= 100.0) {
                ctx.error(Code::R024, hf, g.span(), format!("geometric_floor is {v}; expected points above 0 and at most 100 (default 1)"));
            }
            v.clamp(1e-9, 100.0) / 100.0
        }
    };

    HeaderParts {
        id,
        version: h.version.get_ref().clone(),
        kind,
        title,
        about,
        weights_reason,
        languages,
        levels,
        default_aggregation,
        default_min_coverage,
        geometric_floor,
    }
}

pub(super) fn aggregation(ctx: &mut Ctx, f: usize, a: &Spanned<String>) -> Aggregation {
    Aggregation::parse(a.get_ref()).unwrap_or_else(|| {
        ctx.error(
            Code::R023,
            f,
            a.span(),
            format!(
                "aggregation \"{}\" is not known; expected one of: arithmetic, geometric, minimum",
                a.get_ref()
            ),
        );
        Aggregation::Arithmetic
    })
}
