//! The checked framework that every later stage trusts.

use crate::i18n::Text;

/// How a node combines the scores of its children.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Aggregation {
    /// Σwx / Σw over the children that have scores.
    #[default]
    Arithmetic,
    /// exp(Σw ln max(x, floor) / Σw): a zero child is raised to the framework's floor
    /// (default 1 point on the 0 to 100 scale) so it does not erase the node.
    Geometric,
    /// The lowest child score (weakest link); weights are ignored.
    Minimum,
}

impl Aggregation {
    /// The name used in rule files and JSON.
    pub fn name(self) -> &'static str {
        match self {
            Aggregation::Arithmetic => "arithmetic",
            Aggregation::Geometric => "geometric",
            Aggregation::Minimum => "minimum",
        }
    }

    /// Parses a rule-file name.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "arithmetic" => Some(Aggregation::Arithmetic),
            "geometric" => Some(Aggregation::Geometric),
            "minimum" => Some(Aggregation::Minimum),
            _ => None,
        }
    }
}

/// A named depth of the tree (depth 0 is the root).
#[derive(Debug, Clone)]
pub struct Level {
    /// Stable id, e.g. `domain`.
    pub id: String,
    /// Name per language.
    pub label: Text,
}

/// What kind of answers a scale takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScaleKind {
    /// A closed list of options, each with a score.
    Choice,
    /// Ordered levels, each with an explicit score; optionally cumulative.
    Levels,
    /// A number, scored by piecewise-linear goalposts.
    Numeric,
    /// Yes or no.
    Boolean,
}

impl ScaleKind {
    /// The name used in rule files and JSON.
    pub fn name(self) -> &'static str {
        match self {
            ScaleKind::Choice => "choice",
            ScaleKind::Levels => "levels",
            ScaleKind::Numeric => "numeric",
            ScaleKind::Boolean => "boolean",
        }
    }
}

/// One option of a choice or levels scale (or one side of a boolean).
#[derive(Debug, Clone)]
pub struct Choice {
    /// The code written in the workbook and in JSON.
    pub code: String,
    /// Score in [0, 1].
    pub score: f64,
    /// Label per language.
    pub label: Text,
    /// Other spellings accepted on intake (matched case- and accent-insensitively).
    pub aliases: Vec<String>,
    /// Range the uncertainty analysis may draw the score from.
    pub score_range: Option<(f64, f64)>,
    /// Scale options only: the option is offered (in the template's dropdown, and on
    /// intake) only when this condition on the context answers holds.
    pub applies_if: Option<Condition>,
    /// Context options only: the roles an answer stands for (empty: its own code).
    pub roles: Vec<String>,
}

/// A numeric scale: valid range and goalposts.
#[derive(Debug, Clone)]
pub struct Numeric {
    /// Lowest valid answer.
    pub min: Option<f64>,
    /// Highest valid answer.
    pub max: Option<f64>,
    /// (value, score) points, strictly increasing in value; scores are interpolated
    /// linearly between them and held flat outside.
    pub goalposts: Vec<(f64, f64)>,
    /// Unit per language.
    pub unit: Text,
}

impl Numeric {
    /// The score of a value, in [0, 1].
    pub fn score(&self, x: f64) -> f64 {
        let g = &self.goalposts;
        if x <= g[0].0 {
            return g[0].1;
        }
        for w in g.windows(2) {
            let ((x0, y0), (x1, y1)) = (w[0], w[1]);
            if x <= x1 {
                return y0 + (y1 - y0) * (x - x0) / (x1 - x0);
            }
        }
        g[g.len() - 1].1
    }
}

/// How answers become scores.
#[derive(Debug, Clone)]
pub struct Scale {
    /// Id that indicators refer to.
    pub id: String,
    /// Kind.
    pub kind: ScaleKind,
    /// Name per language.
    pub label: Text,
    /// Options (choice), levels from lowest to highest (levels), or yes then no (boolean).
    pub options: Vec<Choice>,
    /// For levels: a level counts only when every lower level is met (criteria per level).
    pub cumulative: bool,
    /// For numeric scales.
    pub numeric: Option<Numeric>,
}

impl Scale {
    /// Best score an answer on this scale can reach.
    pub fn best(&self) -> f64 {
        match &self.numeric {
            Some(n) => n.goalposts.iter().map(|g| g.1).fold(0.0, f64::max),
            None => self.options.iter().map(|o| o.score).fold(0.0, f64::max),
        }
    }
}

/// A scoring policy for don't-know and blank answers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Policy {
    /// No score: the answer is a data gap and lowers coverage.
    Missing,
    /// Scored as this value in [0, 1] (and still listed as a data gap).
    Score(f64),
}

/// A special answer (not applicable, don't know).
#[derive(Debug, Clone)]
pub struct SpecialAnswer {
    /// Code written in the workbook.
    pub code: String,
    /// Label per language.
    pub label: Text,
    /// Other spellings.
    pub aliases: Vec<String>,
}

/// Special answers and their policies.
#[derive(Debug, Clone)]
pub struct Special {
    /// Not applicable: excluded from denominators.
    pub not_applicable: SpecialAnswer,
    /// Whether not-applicable needs a justification in the comment column.
    pub na_requires_justification: bool,
    /// Don't know.
    pub dont_know: SpecialAnswer,
    /// How don't-know is scored.
    pub dont_know_policy: Policy,
    /// How a blank answer is scored.
    pub blank_policy: Policy,
}

/// A test of an applicability condition: the context answer is one of the codes.
#[derive(Debug, Clone, PartialEq)]
pub struct Test {
    /// Context question id.
    pub question: String,
    /// Accepted codes.
    pub codes: Vec<String>,
}

/// An applicability condition (closed form, at most one level of any / all).
#[derive(Debug, Clone, PartialEq)]
pub enum Condition {
    /// One test.
    Is(Test),
    /// At least one test holds.
    Any(Vec<Test>),
    /// Every test holds.
    All(Vec<Test>),
}

impl Condition {
    /// The tests of the condition.
    pub fn tests(&self) -> &[Test] {
        match self {
            Condition::Is(t) => std::slice::from_ref(t),
            Condition::Any(ts) | Condition::All(ts) => ts,
        }
    }
}

/// An unscored question that applicability conditions refer to.
#[derive(Debug, Clone)]
pub struct ContextQuestion {
    /// Id.
    pub id: String,
    /// Question per language.
    pub question: Text,
    /// Options.
    pub options: Vec<Choice>,
    /// When the question itself applies.
    pub applies_if: Option<Condition>,
}

/// A child of a node: another node or an indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Child {
    /// Index into `Framework::nodes`.
    Node(usize),
    /// Index into `Framework::indicators`.
    Indicator(usize),
}

/// An inner node of the tree.
#[derive(Debug, Clone)]
pub struct Node {
    /// Id.
    pub id: String,
    /// Parent node index; `None` for the root.
    pub parent: Option<usize>,
    /// Label per language.
    pub label: Text,
    /// Description per language.
    pub description: Text,
    /// Relative weight among siblings.
    pub weight: f64,
    /// How its children are combined.
    pub aggregation: Aggregation,
    /// Weight share of children with scores below which the node has no score (0 to 1).
    pub min_coverage: f64,
    /// Depth (0 for the root).
    pub depth: usize,
    /// Children in framework order.
    pub children: Vec<Child>,
}

/// How much evidence an answer is expected to carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Evidence {
    /// None expected.
    None,
    /// A positive answer should cite evidence (a warning when it does not).
    Expected,
}

/// Links from an indicator to catalogues and other frameworks.
#[derive(Debug, Clone, Default)]
pub struct Links {
    /// Guideline ids (resolved).
    pub guidelines: Vec<String>,
    /// Principle ids (resolved).
    pub principles: Vec<String>,
    /// Practice ids (resolved).
    pub practices: Vec<String>,
    /// Tool ids (resolved).
    pub tools: Vec<String>,
    /// MGI domains or indicators.
    pub mgi: Vec<String>,
    /// SDG 10.7.2 sub-categories.
    pub sdg: Vec<String>,
    /// Global Compact for Migration objectives (1 to 23).
    pub gcm: Vec<u32>,
    /// Sendai Framework priorities or targets.
    pub sendai: Vec<String>,
}

/// A recommended action.
#[derive(Debug, Clone)]
pub struct Action {
    /// What to do, per language.
    pub text: Text,
    /// Who acts (stakeholder ids).
    pub stakeholders: Vec<String>,
    /// Tools that help (tool ids).
    pub tools: Vec<String>,
}

/// A criterion of a cumulative-levels indicator.
#[derive(Debug, Clone)]
pub struct Criterion {
    /// Id (its row in the workbook).
    pub id: String,
    /// Index of the level (into the scale's options) the criterion belongs to.
    pub level: usize,
    /// What must hold, per language.
    pub text: Text,
}

/// A leaf of the tree: one question that gets an answer and a score.
#[derive(Debug, Clone)]
pub struct Indicator {
    /// Id.
    pub id: String,
    /// Parent node index.
    pub parent: usize,
    /// Scale index.
    pub scale: usize,
    /// Relative weight among siblings.
    pub weight: f64,
    /// The question per language.
    pub question: Text,
    /// What counts as evidence, per language.
    pub guidance: Text,
    /// Evidence expectation.
    pub evidence: Evidence,
    /// When the indicator applies.
    pub applies_if: Option<Condition>,
    /// Critical indicators are marked in gap reports and rank first among equal gaps.
    pub critical: bool,
    /// Links.
    pub links: Links,
    /// Who acts.
    pub stakeholders: Vec<String>,
    /// Recommended actions.
    pub actions: Vec<Action>,
    /// Criteria (cumulative-levels scales only).
    pub criteria: Vec<Criterion>,
    /// Depth in the tree.
    pub depth: usize,
}

/// A band (category) of scores on 0 to 100.
#[derive(Debug, Clone)]
pub struct Band {
    /// Code (e.g. SDG 10.7.2's published codes 1 to 4).
    pub code: String,
    /// Lower bound on 0 to 100 (inclusive unless `exclusive`).
    pub lower: f64,
    /// Whether the lower bound itself is excluded.
    pub exclusive: bool,
    /// A band that holds exactly one value (e.g. 100).
    pub exact: Option<f64>,
    /// Label per language.
    pub label: Text,
}

/// Tolerance for band comparisons on the 0 to 100 scale.
pub const BAND_TOLERANCE: f64 = 1e-9;

/// A MICIC principle (or any framework's principles).
#[derive(Debug, Clone)]
pub struct Principle {
    /// Id.
    pub id: String,
    /// Number.
    pub number: Option<u32>,
    /// Label per language.
    pub label: Text,
    /// Description per language.
    pub description: Text,
    /// Official page.
    pub url: Option<String>,
}

/// A guideline of the catalogue.
#[derive(Debug, Clone)]
pub struct Guideline {
    /// Id.
    pub id: String,
    /// Number.
    pub number: Option<u32>,
    /// Phase (a node id or a free phase name).
    pub phase: Option<String>,
    /// Title per language.
    pub title: Text,
    /// Description per language.
    pub description: Text,
    /// Official page.
    pub url: Option<String>,
}

/// A sample practice.
#[derive(Debug, Clone)]
pub struct Practice {
    /// Id.
    pub id: String,
    /// Guideline id.
    pub guideline: String,
    /// Stakeholder id.
    pub stakeholder: String,
    /// Text per language.
    pub text: Text,
    /// Where the practice is documented.
    pub url: Option<String>,
    /// Context codes (roles) the practice is for; empty: its stakeholder's roles. See
    /// [`Framework::practice_fits`].
    pub roles: Vec<String>,
}

/// A capacity-building tool.
#[derive(Debug, Clone)]
pub struct Tool {
    /// Id.
    pub id: String,
    /// Name per language.
    pub label: Text,
    /// Description per language.
    pub description: Text,
    /// Kind (training, e-learning, template, checklist, app...).
    pub kind: String,
    /// Stakeholder ids it is made for.
    pub audience: Vec<String>,
    /// Guideline ids it helps with.
    pub guidelines: Vec<String>,
    /// Context codes (roles such as `host`, `origin`) the tool serves; empty: every
    /// role. See [`Framework::tool_fits`].
    pub roles: Vec<String>,
    /// Publisher per language.
    pub publisher: Text,
    /// Year of publication.
    pub year: Option<i32>,
    /// Official page.
    pub url: Option<String>,
}

/// A stakeholder group.
#[derive(Debug, Clone)]
pub struct Stakeholder {
    /// Id.
    pub id: String,
    /// Label per language.
    pub label: Text,
    /// A government body: the first such stakeholder of an indicator leads it.
    pub government: bool,
    /// Context codes (roles) the group stands for (`["origin"]` for States of origin);
    /// empty: every role.
    pub roles: Vec<String>,
}

/// Catalogues that links resolve against.
#[derive(Debug, Clone, Default)]
pub struct Catalogues {
    /// Principles.
    pub principles: Vec<Principle>,
    /// Guidelines.
    pub guidelines: Vec<Guideline>,
    /// Practices.
    pub practices: Vec<Practice>,
    /// Tools.
    pub tools: Vec<Tool>,
    /// Stakeholder groups.
    pub stakeholders: Vec<Stakeholder>,
}

/// Defaults of the uncertainty analysis.
#[derive(Debug, Clone)]
pub struct UncertaintySettings {
    /// Dirichlet concentration: the draw of a node's weights is Dirichlet(c × w / Σw).
    pub concentration: f64,
    /// Whether weights vary.
    pub vary_weights: bool,
    /// Whether the aggregation method switches between arithmetic and geometric.
    pub vary_aggregation: bool,
    /// Whether option scores vary within their declared `score_range`.
    pub vary_scores: bool,
    /// Don't-know policies the sensitivity analysis chooses among (empty: the policy
    /// is not a factor).
    pub dont_know_policies: Vec<Policy>,
}

/// What a framework is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FrameworkKind {
    /// Answered in its own workbook and scored from those answers (the default).
    #[default]
    Assessment,
    /// Scored only through a crosswalk from an assessment of another framework (the
    /// Global Compact for Migration objectives): no template, no intake, no scoring of
    /// its own.
    View,
}

impl FrameworkKind {
    /// The name used in rule files and JSON.
    pub fn name(self) -> &'static str {
        match self {
            FrameworkKind::Assessment => "assessment",
            FrameworkKind::View => "view",
        }
    }

    /// Parses a rule-file name.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "assessment" => Some(FrameworkKind::Assessment),
            "view" => Some(FrameworkKind::View),
            _ => None,
        }
    }
}

/// A checked framework.
#[derive(Debug, Clone)]
pub struct Framework {
    /// Id.
    pub id: String,
    /// Version.
    pub version: String,
    /// An assessment framework or a view.
    pub kind: FrameworkKind,
    /// Title per language.
    pub title: Text,
    /// What the framework is and where it comes from, per language.
    pub about: Text,
    /// Languages carried, the first being the fallback.
    pub languages: Vec<String>,
    /// Names of the tree's depths, root first.
    pub levels: Vec<Level>,
    /// Scales.
    pub scales: Vec<Scale>,
    /// Special answers.
    pub special: Special,
    /// Context questions.
    pub context: Vec<ContextQuestion>,
    /// Inner nodes in framework order.
    pub nodes: Vec<Node>,
    /// Index of the root node.
    pub root: usize,
    /// Indicators in framework order.
    pub indicators: Vec<Indicator>,
    /// Bands from lowest to highest.
    pub bands: Vec<Band>,
    /// Catalogues.
    pub catalogues: Catalogues,
    /// Uncertainty defaults.
    pub uncertainty: UncertaintySettings,
    /// Floor for the geometric mean, in [0, 1].
    pub geometric_floor: f64,
    /// Why the weights are what they are.
    pub weights_reason: Text,
    /// Where the texts of each language come from (`[[translation]]`), in declaration
    /// order; empty when the framework does not say.
    pub translations: Vec<super::Translation>,
    /// SHA-256 over the framework's files (line endings normalised, path order).
    pub content_hash: String,
    /// Files the framework was read from, as displayed in diagnostics.
    pub files: Vec<String>,
}

impl Framework {
    /// True for a view: a framework scored only through a crosswalk.
    pub fn is_view(&self) -> bool {
        self.kind == FrameworkKind::View
    }

    /// Index of an indicator by id.
    pub fn indicator_index(&self, id: &str) -> Option<usize> {
        self.indicators.iter().position(|i| i.id == id)
    }

    /// Index of a node by id.
    pub fn node_index(&self, id: &str) -> Option<usize> {
        self.nodes.iter().position(|n| n.id == id)
    }

    /// The text in `lang`, falling back to the framework's first language.
    pub fn text<'a>(&self, t: &'a Text, lang: &str) -> &'a str {
        t.resolve(lang, &self.languages).0
    }

    /// Nominal effective weight of every indicator: the product of relative weights
    /// (normalised among siblings) from the root.
    pub fn effective_weights(&self) -> Vec<f64> {
        let mut node_w = vec![0.0; self.nodes.len()];
        let mut ind_w = vec![0.0; self.indicators.len()];
        node_w[self.root] = 1.0;
        for n in self.tree_order() {
            let node = &self.nodes[n];
            let total: f64 = node.children.iter().map(|c| self.child_weight(*c)).sum();
            for c in &node.children {
                let share = if total > 0.0 {
                    self.child_weight(*c) / total
                } else {
                    0.0
                };
                match c {
                    Child::Node(i) => node_w[*i] = node_w[n] * share,
                    Child::Indicator(i) => ind_w[*i] = node_w[n] * share,
                }
            }
        }
        ind_w
    }

    /// Relative weight of a child.
    pub fn child_weight(&self, c: Child) -> f64 {
        match c {
            Child::Node(i) => self.nodes[i].weight,
            Child::Indicator(i) => self.indicators[i].weight,
        }
    }

    /// Inner nodes, parents before children (depth-first, framework order).
    pub fn tree_order(&self) -> Vec<usize> {
        let mut out = Vec::with_capacity(self.nodes.len());
        let mut stack = vec![self.root];
        while let Some(n) = stack.pop() {
            out.push(n);
            for c in self.nodes[n].children.iter().rev() {
                if let Child::Node(i) = c {
                    stack.push(*i);
                }
            }
        }
        out
    }

    /// Indicators in tree order (depth-first, framework order among siblings): the row
    /// order of the workbook.
    pub fn indicators_in_tree_order(&self) -> Vec<usize> {
        let mut out = Vec::with_capacity(self.indicators.len());
        self.walk(self.root, &mut out);
        out
    }

    fn walk(&self, n: usize, out: &mut Vec<usize>) {
        for c in &self.nodes[n].children {
            match c {
                Child::Node(i) => self.walk(*i, out),
                Child::Indicator(i) => out.push(*i),
            }
        }
    }

    /// The name of a depth of the tree in a language ("" past the declared levels).
    pub fn level_label(&self, depth: usize, lang: &str) -> &str {
        self.levels
            .get(depth)
            .map(|l| self.text(&l.label, lang))
            .unwrap_or("")
    }

    /// The band of a score on 0 to 100.
    pub fn band_of(&self, score: f64) -> Option<&Band> {
        if let Some(b) = self
            .bands
            .iter()
            .find(|b| b.exact.is_some_and(|e| (score - e).abs() <= BAND_TOLERANCE))
        {
            return Some(b);
        }
        self.bands.iter().filter(|b| b.exact.is_none()).rfind(|b| {
            if b.exclusive {
                score > b.lower + BAND_TOLERANCE
            } else {
                score >= b.lower - BAND_TOLERANCE
            }
        })
    }

    /// The ancestors of a node from the root down to the node itself.
    pub fn path_to(&self, node: usize) -> Vec<usize> {
        let mut path = vec![node];
        let mut cur = node;
        while let Some(p) = self.nodes[cur].parent {
            path.push(p);
            cur = p;
        }
        path.reverse();
        path
    }

    /// The scale of an indicator.
    pub fn scale_of(&self, indicator: usize) -> &Scale {
        &self.scales[self.indicators[indicator].scale]
    }

    /// A guideline by id.
    pub fn guideline(&self, id: &str) -> Option<&Guideline> {
        self.catalogues.guidelines.iter().find(|g| g.id == id)
    }

    /// A tool by id.
    pub fn tool(&self, id: &str) -> Option<&Tool> {
        self.catalogues.tools.iter().find(|t| t.id == id)
    }

    /// A stakeholder label by id (the id itself when unknown).
    pub fn stakeholder_label<'a>(&'a self, id: &'a str, lang: &str) -> &'a str {
        self.catalogues
            .stakeholders
            .iter()
            .find(|s| s.id == id)
            .map(|s| self.text(&s.label, lang))
            .unwrap_or(id)
    }
}

fn texts(pairs: &[(&str, &str)]) -> Text {
    Text(
        pairs
            .iter()
            .map(|(l, t)| (l.to_string(), t.to_string()))
            .collect(),
    )
}

/// The options of a boolean scale that declares none: yes (1) then no (0), with labels
/// and aliases in the six languages of the tool (the Arabic, Chinese and Russian ones
/// are our translation).
pub fn default_boolean_options() -> Vec<Choice> {
    vec![
        Choice {
            code: "yes".into(),
            score: 1.0,
            label: texts(&[
                ("ar", "نعم"),
                ("en", "Yes"),
                ("es", "Sí"),
                ("fr", "Oui"),
                ("ru", "Да"),
                ("zh", "是"),
            ]),
            aliases: [
                "y",
                "true",
                "1",
                "o",
                "s",
                "si",
                "met",
                "atteint",
                "cumplido",
                "مستوفى",
                "ن",
                "满足",
                "已满足",
                "выполнен",
                "да",
            ]
            .map(String::from)
            .to_vec(),
            score_range: None,
            applies_if: None,
            roles: Vec::new(),
        },
        Choice {
            code: "no".into(),
            score: 0.0,
            label: texts(&[
                ("ar", "لا"),
                ("en", "No"),
                ("es", "No"),
                ("fr", "Non"),
                ("ru", "Нет"),
                ("zh", "否"),
            ]),
            aliases: [
                "n",
                "false",
                "0",
                "not met",
                "non atteint",
                "no cumplido",
                "غير مستوفى",
                "未满足",
                "不满足",
                "не выполнен",
            ]
            .map(String::from)
            .to_vec(),
            score_range: None,
            applies_if: None,
            roles: Vec::new(),
        },
    ]
}

/// The yes/no scale on which the criteria of cumulative indicators are answered.
pub fn criterion_scale() -> Scale {
    Scale {
        id: "criterion".into(),
        kind: ScaleKind::Boolean,
        label: texts(&[
            ("ar", "هل المعيار مستوفى؟"),
            ("en", "Criterion met?"),
            ("es", "¿Criterio cumplido?"),
            ("fr", "Critère rempli ?"),
            ("ru", "Критерий выполнен?"),
            ("zh", "是否满足该标准？"),
        ]),
        options: default_boolean_options(),
        cumulative: false,
        numeric: None,
    }
}

impl Condition {
    /// Whether the condition holds for context answers (question id → option code);
    /// `None` when a question it needs is unanswered and the others do not decide.
    pub fn holds(&self, context: &std::collections::BTreeMap<String, String>) -> Option<bool> {
        let test = |t: &Test| context.get(&t.question).map(|v| t.codes.contains(v));
        match self {
            Condition::Is(t) => test(t),
            Condition::Any(ts) => {
                let r: Vec<Option<bool>> = ts.iter().map(test).collect();
                if r.contains(&Some(true)) {
                    Some(true)
                } else if r.iter().all(|x| *x == Some(false)) {
                    Some(false)
                } else {
                    None
                }
            }
            Condition::All(ts) => {
                let r: Vec<Option<bool>> = ts.iter().map(test).collect();
                if r.contains(&Some(false)) {
                    Some(false)
                } else if r.iter().all(|x| *x == Some(true)) {
                    Some(true)
                } else {
                    None
                }
            }
        }
    }
}

impl Framework {
    /// Whether an indicator applies given the context answers. An indicator whose
    /// condition cannot be decided (a context question unanswered) applies: it is
    /// assessed rather than silently dropped.
    pub fn applies(
        &self,
        indicator: usize,
        context: &std::collections::BTreeMap<String, String>,
    ) -> bool {
        self.indicators[indicator]
            .applies_if
            .as_ref()
            .is_none_or(|c| c.holds(context).unwrap_or(true))
    }

    /// Whether option `option` of scale `scale` is offered given the context answers
    /// (an option's condition that cannot be decided, because a question is
    /// unanswered, offers it).
    pub fn option_offered(
        &self,
        scale: usize,
        option: usize,
        context: &std::collections::BTreeMap<String, String>,
    ) -> bool {
        self.scales[scale].options[option]
            .applies_if
            .as_ref()
            .is_none_or(|c| c.holds(context).unwrap_or(true))
    }

    /// Whether a tool fits an assessment with these context answers. A tool without
    /// `roles` fits every assessment. Otherwise, for each context question whose
    /// options stand for any of the tool's roles (an option stands for its `roles`, or
    /// for its own code when it declares none), the answer given must stand for one of
    /// them; an unanswered question rules nothing out. So a tool for States of origin
    /// does not fit a host-State assessment, and fits one that answers "both".
    pub fn tool_fits(
        &self,
        tool: &Tool,
        context: &std::collections::BTreeMap<String, String>,
    ) -> bool {
        self.roles_fit(&tool.roles, context)
    }

    /// Whether a sample practice fits an assessment with these context answers: the
    /// rule of [`Framework::tool_fits`] applied to the practice's `roles`, or, when it
    /// declares none, to its stakeholder's (a practice of "States of origin" does not
    /// fit a host-State assessment).
    pub fn practice_fits(
        &self,
        practice: &Practice,
        context: &std::collections::BTreeMap<String, String>,
    ) -> bool {
        if !practice.roles.is_empty() {
            return self.roles_fit(&practice.roles, context);
        }
        self.catalogues
            .stakeholders
            .iter()
            .find(|s| s.id == practice.stakeholder)
            .is_none_or(|s| self.roles_fit(&s.roles, context))
    }

    /// Whether something that serves `roles` fits the context answers (the rule of
    /// [`Framework::tool_fits`]); no roles fit every assessment.
    pub fn roles_fit(
        &self,
        roles: &[String],
        context: &std::collections::BTreeMap<String, String>,
    ) -> bool {
        if roles.is_empty() {
            return true;
        }
        let serves = |o: &Choice| o.stands_for().any(|r| roles.iter().any(|t| t == r));
        for q in &self.context {
            if !q.options.iter().any(serves) {
                continue;
            }
            let answer = context
                .get(&q.id)
                .and_then(|code| q.options.iter().find(|o| &o.code == code));
            if let Some(o) = answer
                && !serves(o)
            {
                return false;
            }
        }
        true
    }
}

impl Choice {
    /// The roles a context answer stands for: its `roles`, or its own code.
    pub fn stands_for(&self) -> impl Iterator<Item = &str> {
        let own = self.roles.is_empty().then_some(self.code.as_str());
        self.roles.iter().map(String::as_str).chain(own)
    }
}
