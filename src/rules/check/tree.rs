//! The tree: nodes and indicators, their parents, roots, cycles, weights and depths.

use super::catalogues::{links, resolve};
use super::{Ctx, Ids, aggregation, condition, gather};
use crate::diag::Code;
use crate::diag::{Diagnostic, Location};
use crate::rules::causes::Needs;
use crate::rules::model::*;
use crate::rules::parse::Parsed;
use crate::rules::raw::*;
use std::collections::{BTreeSet, HashMap};
use toml::Spanned;

/// What the tree needs from the rest of the framework.
pub(super) struct TreeInputs<'a> {
    /// Where `[framework]` is (or the folder's first file when it could not be read).
    pub header_loc: Location,
    /// Where `[framework] levels` is.
    pub levels_loc: Location,
    pub levels: &'a [Level],
    pub default_aggregation: Aggregation,
    pub default_min_coverage: f64,
    pub scales: &'a [Scale],
    pub context: &'a [ContextQuestion],
    pub catalogues: &'a Catalogues,
}

/// The checked tree.
pub(super) struct TreeParts {
    pub nodes: Vec<Node>,
    pub root: Option<usize>,
    pub indicators: Vec<Indicator>,
}

/// Checks and builds the tree.
pub(super) fn tree(ctx: &mut Ctx, files: &[Parsed], inp: &TreeInputs) -> TreeParts {
    let TreeInputs {
        ref header_loc,
        ref levels_loc,
        levels,
        default_aggregation,
        default_min_coverage,
        scales,
        context,
        catalogues,
    } = *inp;
    // Tree: nodes and indicators share one id space (ids are the workbook's row keys).
    let mut tree_ids = Ids::new("node or indicator");
    let raw_nodes = gather(files, |r| r.node.as_slice());
    let raw_inds = gather(files, |r| r.indicator.as_slice());
    let mut nodes: Vec<Node> = Vec::new();
    let mut node_src: Vec<(usize, &Spanned<RawNode>)> = Vec::new();
    for &(f, n) in &raw_nodes {
        let r = n.get_ref();
        if !tree_ids.add(ctx, f, &r.id) {
            continue;
        }
        let what = format!("node \"{}\"", r.id.get_ref());
        let label = ctx.text(f, &r.label, &format!("{what} label"));
        let description =
            ctx.optional_text(f, r.description.as_ref(), &format!("{what} description"));
        let weight = ctx.weight(f, r.weight.as_ref(), &what);
        let aggregation = r
            .aggregation
            .as_ref()
            .map(|a| aggregation(ctx, f, a))
            .unwrap_or(default_aggregation);
        let min_coverage = r
            .min_coverage
            .as_ref()
            .map(|m| ctx.unit_interval(f, m, "min_coverage"))
            .unwrap_or(default_min_coverage);
        nodes.push(Node {
            id: r.id.get_ref().clone(),
            parent: None,
            label,
            description,
            weight,
            aggregation,
            min_coverage,
            depth: 0,
            children: Vec::new(),
        });
        node_src.push((f, n));
    }
    let node_index: HashMap<String, usize> = nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.id.clone(), i))
        .collect();
    let indicator_ids: BTreeSet<String> = raw_inds
        .iter()
        .map(|(_, i)| i.get_ref().id.get_ref().clone())
        .collect();
    let parent_of = |ctx: &mut Ctx, f: usize, p: &Spanned<String>, what: &str| -> Option<usize> {
        match node_index.get(p.get_ref()) {
            Some(&i) => Some(i),
            None => {
                let hint = if indicator_ids.contains(p.get_ref()) {
                    " (it is an indicator)"
                } else {
                    ""
                };
                ctx.unresolved(Code::R004, f, p.span(), format!("{what} has parent \"{}\" which is not a node{hint}; expected the id of a [[node]]", p.get_ref()), Needs::Declared(p.get_ref().clone()));
                None
            }
        }
    };
    let mut roots = Vec::new();
    for (i, (f, n)) in node_src.iter().enumerate() {
        match &n.get_ref().parent {
            None => roots.push(i),
            Some(p) => {
                let what = format!("node \"{}\"", n.get_ref().id.get_ref());
                if let Some(pi) = parent_of(ctx, *f, p, &what) {
                    nodes[i].parent = Some(pi);
                }
            }
        }
    }
    // Cycles: a parent chain that never reaches a root.
    let mut in_cycle = vec![false; nodes.len()];
    for start in 0..nodes.len() {
        let mut seen = vec![start];
        let mut cur = start;
        while let Some(p) = nodes[cur].parent {
            if p == start {
                if !in_cycle[start] {
                    for &s in &seen {
                        in_cycle[s] = true;
                    }
                    let chain: Vec<&str> = seen
                        .iter()
                        .chain(std::iter::once(&start))
                        .map(|&s| nodes[s].id.as_str())
                        .collect();
                    let (f, n) = node_src[start];
                    let span = n
                        .get_ref()
                        .parent
                        .as_ref()
                        .map(|p| p.span())
                        .unwrap_or(n.span());
                    ctx.error(
                        Code::R007,
                        f,
                        span,
                        format!(
                            "cycle in the tree: {}; expected every node to lead up to the root",
                            chain.join(" → ")
                        ),
                    );
                }
                break;
            }
            if seen.contains(&p) {
                break;
            }
            seen.push(p);
            cur = p;
        }
    }
    let root = match roots.as_slice() {
        [r] => Some(*r),
        [] => {
            if !in_cycle.iter().any(|&c| c) {
                ctx.unresolved_at(
                    Diagnostic::error(
                        Code::R015,
                        header_loc.clone(),
                        "the tree has no root; expected exactly one [[node]] without a parent",
                    ),
                    Needs::Anything,
                );
            }
            None
        }
        [first, rest @ ..] => {
            for r in rest {
                let (f, n) = node_src[*r];
                let first_id = nodes[*first].id.clone();
                ctx.error(Code::R015, f, n.get_ref().id.span(), format!("node \"{}\" has no parent, and neither has \"{first_id}\"; expected exactly one root node", n.get_ref().id.get_ref()));
            }
            Some(*first)
        }
    };
    for (i, (_, n)) in node_src.iter().enumerate() {
        if let Some(p) = nodes[i].parent {
            let _ = n;
            nodes[p].children.push(Child::Node(i));
        }
    }

    // Indicators.
    let scale_index: HashMap<&str, usize> = scales
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.as_str(), i))
        .collect();
    let mut indicators: Vec<Indicator> = Vec::new();
    let mut ind_src = Vec::new();
    for &(f, ind) in &raw_inds {
        let r = ind.get_ref();
        if !tree_ids.add(ctx, f, &r.id) {
            continue;
        }
        let what = format!("indicator \"{}\"", r.id.get_ref());
        let parent = parent_of(ctx, f, &r.parent, &what);
        let scale = match scale_index.get(r.scale.get_ref().as_str()) {
            Some(&s) => Some(s),
            None => {
                let known: Vec<&str> = scales.iter().map(|s| s.id.as_str()).collect();
                ctx.unresolved(
                    Code::R005,
                    f,
                    r.scale.span(),
                    format!(
                        "{what} uses scale \"{}\" which is not declared; expected one of: {}",
                        r.scale.get_ref(),
                        known.join(", ")
                    ),
                    Needs::Declared(r.scale.get_ref().clone()),
                );
                None
            }
        };
        let weight = ctx.weight(f, r.weight.as_ref(), &what);
        let question = ctx.text(f, &r.question, &format!("{what} question"));
        let guidance = ctx.optional_text(f, r.guidance.as_ref(), &format!("{what} guidance"));
        let evidence = match r.evidence.as_ref().map(|e| (e, e.get_ref().as_str())) {
            None | Some((_, "none")) => Evidence::None,
            Some((_, "expected")) => Evidence::Expected,
            Some((e, other)) => {
                ctx.error(
                    Code::R023,
                    f,
                    e.span(),
                    format!("{what} has evidence = \"{other}\"; expected \"none\" or \"expected\""),
                );
                Evidence::None
            }
        };
        let applies_if = r
            .applies_if
            .as_ref()
            .and_then(|c| condition(ctx, f, c, context));
        let links = links(ctx, f, r.links.as_ref(), catalogues, &what);
        let stakeholders = resolve(
            ctx,
            f,
            &r.stakeholders,
            catalogues.stakeholders.iter().map(|s| s.id.as_str()),
            "stakeholder",
            &what,
        );
        let mut actions = Vec::new();
        for (k, a) in r.action.iter().enumerate() {
            let ar = a.get_ref();
            let awhat = format!("{what} action {}", k + 1);
            let text = ctx.text(f, &ar.text, &awhat);
            let stakeholders = resolve(
                ctx,
                f,
                &ar.stakeholders,
                catalogues.stakeholders.iter().map(|s| s.id.as_str()),
                "stakeholder",
                &awhat,
            );
            let tools = resolve(
                ctx,
                f,
                &ar.tools,
                catalogues.tools.iter().map(|s| s.id.as_str()),
                "tool",
                &awhat,
            );
            actions.push(Action {
                text,
                stakeholders,
                tools,
            });
        }
        let mut criteria = Vec::new();
        if let Some(s) = scale {
            let sc = &scales[s];
            if sc.cumulative {
                if r.criterion.is_empty() {
                    ctx.error(Code::R027, f, ind.span(), format!("{what} uses cumulative scale \"{}\" but lists no [[indicator.criterion]]; expected the criteria of each level", sc.id));
                }
                for c in &r.criterion {
                    let cr = c.get_ref();
                    if !tree_ids.add(ctx, f, &cr.id) {
                        continue;
                    }
                    let text = ctx.text(f, &cr.text, &format!("criterion \"{}\"", cr.id.get_ref()));
                    match sc
                        .options
                        .iter()
                        .position(|o| &o.code == cr.level.get_ref())
                    {
                        Some(level) => criteria.push(Criterion {
                            id: cr.id.get_ref().clone(),
                            level,
                            text,
                        }),
                        None => {
                            let codes: Vec<&str> =
                                sc.options.iter().map(|o| o.code.as_str()).collect();
                            ctx.error(Code::R005, f, cr.level.span(), format!("criterion \"{}\" names level \"{}\" which scale \"{}\" does not have; expected one of: {}", cr.id.get_ref(), cr.level.get_ref(), sc.id, codes.join(", ")));
                        }
                    }
                }
            } else if let Some(c) = r.criterion.first() {
                ctx.error(Code::R027, f, c.span(), format!("{what} lists criteria but scale \"{}\" is not cumulative; expected criteria only with a levels scale that has cumulative = true", sc.id));
            }
        }
        if let (Some(parent), Some(scale)) = (parent, scale) {
            nodes[parent]
                .children
                .push(Child::Indicator(indicators.len()));
            indicators.push(Indicator {
                id: r.id.get_ref().clone(),
                parent,
                scale,
                weight,
                question,
                guidance,
                evidence,
                applies_if,
                critical: r.critical.unwrap_or(false),
                links,
                stakeholders,
                actions,
                criteria,
                depth: 0,
            });
            ind_src.push((f, ind));
        }
    }

    // Structure: children, sibling weights, depths.
    for (i, (f, n)) in node_src.iter().enumerate() {
        if nodes[i].children.is_empty() && !in_cycle[i] {
            ctx.unresolved(
                Code::R008,
                *f,
                n.get_ref().id.span(),
                format!(
                    "node \"{}\" has no children; expected at least one node or indicator under it",
                    nodes[i].id
                ),
                Needs::Named(nodes[i].id.clone()),
            );
        } else if !nodes[i].children.is_empty() {
            let total: f64 = nodes[i]
                .children
                .iter()
                .map(|c| match c {
                    Child::Node(k) => nodes[*k].weight,
                    Child::Indicator(k) => indicators[*k].weight,
                })
                .sum();
            if total <= 0.0 {
                ctx.error(Code::R009, *f, n.get_ref().id.span(), format!("every child of node \"{}\" weighs 0; expected at least one positive weight", nodes[i].id));
            }
        }
    }
    if let Some(root) = root {
        let mut stack = vec![(root, 0usize)];
        while let Some((n, d)) = stack.pop() {
            nodes[n].depth = d;
            for c in nodes[n].children.clone() {
                match c {
                    Child::Node(k) => stack.push((k, d + 1)),
                    Child::Indicator(k) => indicators[k].depth = d + 1,
                }
            }
        }
        let max_depth = nodes
            .iter()
            .map(|n| n.depth)
            .chain(indicators.iter().map(|i| i.depth))
            .max()
            .unwrap_or(0);
        if !levels.is_empty() && max_depth >= levels.len() {
            let deepest = indicators.iter().position(|i| i.depth == max_depth);
            let msg = format!(
                "the tree is {} levels deep but [framework] levels names {}; expected a name for every depth, root first",
                max_depth + 1,
                levels.len()
            );
            match deepest {
                Some(k) => {
                    let (f, ind) = ind_src[k];
                    ctx.error(Code::R021, f, ind.get_ref().id.span(), msg);
                }
                None => ctx
                    .diags
                    .push(Diagnostic::error(Code::R021, levels_loc.clone(), msg)),
            }
        }
    }
    if raw_inds.is_empty() && root.is_some() {
        ctx.unresolved_at(
            Diagnostic::error(
                Code::R018,
                header_loc.clone(),
                "the framework has no [[indicator]]; expected at least one",
            ),
            Needs::Anything,
        );
    }

    TreeParts {
        nodes,
        root,
        indicators,
    }
}
