//! `mgi crosswalk --format json` (`mgi.crosswalk/1`) and `--format csv`: one
//! assessment read through another framework. Scores on 0 to 100 at full precision,
//! `null` where there is none; coverage as a share from 0 to 1.

use super::long_table::neutralise;
use super::score_json::{AssessmentJson, UnitJson};
use crate::crosswalk::{Crosswalk, CrosswalkView, MappingStats};
use crate::error::{Error, Result};
use crate::rules::{Child, Framework};
use serde::{Deserialize, Serialize};

/// A crosswalk in `mgi.rules-list/1` (`crosswalks`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CrosswalkListEntry {
    /// `FROM--TO`.
    pub id: String,
    /// Source framework.
    pub from: String,
    /// Target framework.
    pub to: String,
    /// Version of the mapping.
    pub version: String,
    /// Number of pairs.
    pub pairs: usize,
    /// Target indicators.
    pub target_items: usize,
    /// Target indicators with at least one source.
    pub mapped: usize,
    /// Target indicators with at least one `equal` or `superset` source.
    pub fully_mapped: usize,
    /// SHA-256 of the mapping file.
    pub content_hash: String,
}

/// The `crosswalks` entry of a mapping.
pub fn list_entry(c: &Crosswalk, frameworks: &[Framework]) -> CrosswalkListEntry {
    let stats = frameworks
        .iter()
        .find(|f| f.id == c.to)
        .map(|t| c.stats(t))
        .unwrap_or(MappingStats {
            items: 0,
            mapped: 0,
            fully_mapped: 0,
        });
    CrosswalkListEntry {
        id: c.id.clone(),
        from: c.from.clone(),
        to: c.to.clone(),
        version: c.version.clone(),
        pairs: c.maps.len(),
        target_items: stats.items,
        mapped: stats.mapped,
        fully_mapped: stats.fully_mapped,
        content_hash: c.content_hash.clone(),
    }
}

/// The source side: the assessment as `mgi.score/1` describes it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SourceJson {
    /// Source framework id.
    pub framework: String,
    /// Source framework version.
    pub version: String,
    /// The `mgi.score/1` assessment object.
    pub assessment: AssessmentJson,
}

/// The target side.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TargetJson {
    /// Target framework id.
    pub framework: String,
    /// Target framework version.
    pub version: String,
}

/// The mapping used, and how much of the target it reaches.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MappingJson {
    /// `FROM--TO`.
    pub id: String,
    /// Version of the mapping.
    pub version: String,
    /// SHA-256 of the mapping file.
    pub content_hash: String,
    /// `weakest`, `mean` or `strongest`.
    pub combine: String,
    /// The declared cap of partially mapped items (0 to 1), if any.
    pub partial_cap: Option<f64>,
    /// Target indicators.
    pub items: usize,
    /// Target indicators with at least one source.
    pub mapped: usize,
    /// Target indicators with at least one `equal` or `superset` source.
    pub fully_mapped: usize,
}

/// A score with its band and coverage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OverallJson {
    /// 0 to 100.
    pub score: Option<f64>,
    /// Band code.
    pub band: Option<String>,
    /// 0 to 1.
    pub coverage: f64,
}

/// A target node.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NodeJson {
    /// Id.
    pub id: String,
    /// 0 to 100.
    pub score: Option<f64>,
    /// Band code.
    pub band: Option<String>,
    /// 0 to 1.
    pub coverage: f64,
    /// scored, insufficient_data, not_applicable.
    pub status: String,
}

/// A source of a target item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FromJson {
    /// Source indicator id.
    pub indicator: String,
    /// equal, subset, superset, intersect.
    pub relationship: String,
    /// 1 to 10, informational.
    pub strength: Option<u8>,
    /// The source's score, 0 to 100.
    pub score: Option<f64>,
    /// The source's status (scored, not_applicable, missing, dont_know, invalid).
    pub status: String,
}

/// A target item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ItemJson {
    /// Target indicator id.
    pub id: String,
    /// 0 to 100, `null` without a score.
    pub score: Option<f64>,
    /// scored, not_applicable, missing, dont_know.
    pub status: String,
    /// The target scale's option the score stands for (its code), or the number.
    pub answer: Option<String>,
    /// The sources it came from.
    pub from: Vec<FromJson>,
    /// full, partial or none.
    pub mapping_coverage: String,
}

/// A diagnostic of the source assessment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DiagnosticJson {
    /// error or warning.
    pub severity: String,
    /// Stable code.
    pub code: String,
    /// Message.
    pub message: String,
    /// Sheet.
    pub sheet: Option<String>,
    /// Cell.
    pub cell: Option<String>,
}

/// `mgi.crosswalk/1`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CrosswalkJson {
    /// `mgi.crosswalk/1`.
    pub schema: String,
    /// Always true: a view is derived from an assessment of another framework.
    pub indicative: bool,
    /// The assessment carried.
    pub source: SourceJson,
    /// The framework it is read through.
    pub target: TargetJson,
    /// The mapping.
    pub mapping: MappingJson,
    /// The target's root.
    pub overall: OverallJson,
    /// Every target node, in tree order.
    pub nodes: Vec<NodeJson>,
    /// Every target item, in framework order.
    pub items: Vec<ItemJson>,
    /// Target items no source reaches.
    pub unmapped: Vec<String>,
    /// Everything found in the source assessment.
    pub diagnostics: Vec<DiagnosticJson>,
}

/// Builds `mgi.crosswalk/1` for a view of `target` made from an assessment of
/// `source`.
///
///
/// ```
/// # let rules = mgi::Rules::bundled();
/// # let (mgi_fw, sdg) = (rules.get("mgi").unwrap(), rules.get("sdg-10-7-2").unwrap());
/// # let path = "fixtures/XAA-2026-mgi.xlsx".as_ref();
/// # let a = mgi::Reader::new(&rules).read_path(path, None).unwrap().remove(0);
/// # let results = mgi::evaluate(mgi_fw, &a);
/// let mapping = rules.crosswalk("mgi", "sdg-10-7-2").unwrap();
/// let view = mgi::crosswalk::crosswalk(mgi_fw, &results, mapping, sdg).unwrap();
/// let doc = serde_json::to_value(mgi::report::crosswalk_json::crosswalk_json(mgi_fw, sdg, &view).unwrap()).unwrap();
/// assert_eq!(doc["schema"], "mgi.crosswalk/1");
/// ```
///
/// # Errors
/// [`Error::FrameworkMismatch`] when the view was not made with these frameworks.
pub fn crosswalk_json(
    source: &Framework,
    target: &Framework,
    v: &CrosswalkView,
) -> Result<CrosswalkJson> {
    v.results.check_framework(target)?;
    if v.source_framework != source.id || v.source_hash != source.content_hash {
        return Err(Error::FrameworkMismatch {
            expected: format!("{} {}", source.id, source.version),
            found: format!("{} {}", v.source_framework, v.source_version),
        });
    }
    let r = &v.results;
    let m = &r.assessment.meta;
    let band = |s: Option<f64>| {
        s.and_then(|s| target.band_of(s * 100.0))
            .map(|b| b.code.clone())
    };
    let stats = v.mapping.stats(target);
    let overall = r.overall();
    Ok(CrosswalkJson {
        schema: "mgi.crosswalk/1".into(),
        indicative: true,
        source: SourceJson {
            framework: source.id.clone(),
            version: source.version.clone(),
            assessment: AssessmentJson {
                unit: UnitJson {
                    code: m.unit_code.clone(),
                    name: m.unit_name.clone(),
                    level: m.unit_level.clone(),
                },
                period: m.period.clone(),
                round: m.round.clone(),
                framework: source.id.clone(),
                version: source.version.clone(),
                source: r.assessment.source.clone(),
                source_sha256: r.assessment.source_sha256.clone(),
                context: m.context.clone(),
            },
        },
        target: TargetJson {
            framework: target.id.clone(),
            version: target.version.clone(),
        },
        mapping: MappingJson {
            id: v.mapping.id.clone(),
            version: v.mapping.version.clone(),
            content_hash: v.mapping.content_hash.clone(),
            combine: v.mapping.combine.name().into(),
            partial_cap: v.mapping.partial_cap,
            items: stats.items,
            mapped: stats.mapped,
            fully_mapped: stats.fully_mapped,
        },
        overall: OverallJson {
            score: overall.score.map(|s| s * 100.0),
            band: band(overall.score),
            coverage: overall.coverage,
        },
        nodes: target
            .tree_order()
            .into_iter()
            .map(|n| {
                let s = &r.nodes[n];
                NodeJson {
                    id: target.nodes[n].id.clone(),
                    score: s.score.map(|x| x * 100.0),
                    band: band(s.score),
                    coverage: s.coverage,
                    status: s.status.name().into(),
                }
            })
            .collect(),
        items: v
            .items
            .iter()
            .map(|item| {
                let s = &r.indicators[item.indicator];
                ItemJson {
                    id: target.indicators[item.indicator].id.clone(),
                    score: s.score.map(|x| x * 100.0),
                    status: s.status.name().into(),
                    answer: (!s.answer.is_empty()).then(|| s.answer.clone()),
                    from: item
                        .from
                        .iter()
                        .map(|f| FromJson {
                            indicator: source.indicators[f.indicator].id.clone(),
                            relationship: f.relationship.name().into(),
                            strength: f.strength,
                            score: f.score.map(|x| x * 100.0),
                            status: f.status.name().into(),
                        })
                        .collect(),
                    mapping_coverage: item.mapping.name().into(),
                }
            })
            .collect(),
        unmapped: v.unmapped(target).into_iter().map(String::from).collect(),
        diagnostics: r
            .diagnostics()
            .iter()
            .map(|d| DiagnosticJson {
                severity: d.severity.to_string(),
                code: d.code.to_string(),
                message: d.message.clone(),
                sheet: d.location.sheet.clone(),
                cell: d.location.cell.clone(),
            })
            .collect(),
    })
}

/// The header of the crosswalk CSV.
pub const CSV_HEADER: [&str; 18] = [
    "unit",
    "period",
    "round",
    "source_framework",
    "source_version",
    "target_framework",
    "target_version",
    "kind",
    "id",
    "level",
    "parent",
    "label",
    "score",
    "band",
    "coverage",
    "status",
    "mapping_coverage",
    "sources",
];

/// The long table of views (one row per view and target node or item), as CSV bytes
/// with one header. `views` pairs each view with its source framework.
///
///
/// ```
/// # let rules = mgi::Rules::bundled();
/// # let (mgi_fw, sdg) = (rules.get("mgi").unwrap(), rules.get("sdg-10-7-2").unwrap());
/// # let path = "fixtures/XAA-2026-mgi.xlsx".as_ref();
/// # let a = mgi::Reader::new(&rules).read_path(path, None).unwrap().remove(0);
/// # let results = mgi::evaluate(mgi_fw, &a);
/// let mapping = rules.crosswalk("mgi", "sdg-10-7-2").unwrap();
/// let view = mgi::crosswalk::crosswalk(mgi_fw, &results, mapping, sdg).unwrap();
/// let csv = mgi::report::crosswalk_json::crosswalk_csv(sdg, &[(mgi_fw, &view)], "en").unwrap();
/// assert!(String::from_utf8(csv).unwrap().lines().count() > 1);
/// ```
///
/// # Errors
/// [`Error::FrameworkMismatch`] when a view was not made with these frameworks.
pub fn crosswalk_csv(
    target: &Framework,
    views: &[(&Framework, &CrosswalkView)],
    lang: &str,
) -> Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let csv_err = |e: csv::Error| Error::Invalid(format!("cannot write the crosswalk CSV: {e}"));
    w.write_record(CSV_HEADER).map_err(csv_err)?;
    let num = |x: Option<f64>| x.map(|x| x.to_string()).unwrap_or_default();
    for (source, v) in views {
        let j = crosswalk_json(source, target, v)?;
        let m = &j.source.assessment;
        let lead = [
            neutralise(&m.unit.code),
            neutralise(&m.period),
            neutralise(&m.round),
            source.id.clone(),
            source.version.clone(),
            target.id.clone(),
            target.version.clone(),
        ];
        for (n, node) in target.tree_order().into_iter().zip(&j.nodes) {
            let tn = &target.nodes[n];
            let mut row: Vec<String> = lead.to_vec();
            row.extend([
                "node".into(),
                node.id.clone(),
                target.level_label(tn.depth, lang).to_string(),
                tn.parent
                    .map(|p| target.nodes[p].id.clone())
                    .unwrap_or_default(),
                neutralise(target.text(&tn.label, lang)),
                num(node.score),
                node.band.clone().unwrap_or_default(),
                node.coverage.to_string(),
                node.status.clone(),
                String::new(),
                String::new(),
            ]);
            w.write_record(&row).map_err(csv_err)?;
        }
        for (i, item) in j.items.iter().enumerate() {
            let ind = &target.indicators[i];
            let mut row: Vec<String> = lead.to_vec();
            let sources: Vec<String> = item
                .from
                .iter()
                .map(|f| format!("{} ({})", f.indicator, f.relationship))
                .collect();
            row.extend([
                "item".into(),
                item.id.clone(),
                target.level_label(ind.depth, lang).to_string(),
                target.nodes[ind.parent].id.clone(),
                neutralise(target.text(&ind.question, lang)),
                num(item.score),
                item.score
                    .and_then(|s| target.band_of(s))
                    .map(|b| b.code.clone())
                    .unwrap_or_default(),
                String::new(),
                item.status.clone(),
                item.mapping_coverage.clone(),
                neutralise(&sources.join("; ")),
            ]);
            w.write_record(&row).map_err(csv_err)?;
        }
    }
    w.into_inner()
        .map_err(|e| Error::Invalid(format!("cannot write the crosswalk CSV: {e}")))
}

/// The areas of a framework: the root's children that are nodes (tree order).
pub fn areas(fw: &Framework) -> Vec<usize> {
    fw.nodes[fw.root]
        .children
        .iter()
        .filter_map(|c| match c {
            Child::Node(i) => Some(*i),
            Child::Indicator(_) => None,
        })
        .collect()
}

/// A pair in `mgi.mapping/1`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MapJson {
    /// Source indicator id.
    pub source: String,
    /// Target indicator id.
    pub target: String,
    /// equal, subset, superset, intersect.
    pub relationship: String,
    /// 1 to 10, informational.
    pub strength: Option<u8>,
    /// Why, per language.
    pub rationale: crate::i18n::Text,
}

/// A target item's own combination rule in `mgi.mapping/1`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TargetRuleJson {
    /// Target indicator id.
    pub id: String,
    /// weakest, mean or strongest.
    pub combine: String,
    /// Why, per language.
    pub rationale: crate::i18n::Text,
}

/// `mgi rules show FROM--TO --format json` (`mgi.mapping/1`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MappingDocJson {
    /// `mgi.mapping/1`.
    pub schema: String,
    /// `FROM--TO`.
    pub id: String,
    /// Source framework.
    pub from: String,
    /// Target framework.
    pub to: String,
    /// Version of the mapping.
    pub version: String,
    /// What the mapping is, per language.
    pub about: crate::i18n::Text,
    /// weakest, mean or strongest.
    pub combine: String,
    /// The declared cap of partially mapped items, if any.
    pub partial_cap: Option<f64>,
    /// SHA-256 of the file.
    pub content_hash: String,
    /// The file.
    pub file: String,
    /// Target indicators.
    pub items: usize,
    /// Target indicators with at least one source.
    pub mapped: usize,
    /// Target indicators with at least one `equal` or `superset` source.
    pub fully_mapped: usize,
    /// Every pair in file order.
    pub maps: Vec<MapJson>,
    /// Target items whose sources combine by their own rule.
    pub targets: Vec<TargetRuleJson>,
    /// Target indicators no pair reaches.
    pub unmapped: Vec<String>,
}

/// Builds `mgi.mapping/1`.
///
/// ```
/// let rules = mgi::Rules::bundled();
/// let mapping = rules.crosswalk("mgi", "sdg-10-7-2").unwrap();
/// let doc = serde_json::to_value(mgi::report::crosswalk_json::mapping_json(mapping, &rules)).unwrap();
/// assert_eq!(doc["from"], "mgi");
/// ```
pub fn mapping_json(c: &Crosswalk, rules: &crate::rules::Rules) -> MappingDocJson {
    let target = rules.get(&c.to);
    let stats = target.map(|t| c.stats(t)).unwrap_or(MappingStats {
        items: 0,
        mapped: 0,
        fully_mapped: 0,
    });
    MappingDocJson {
        schema: "mgi.mapping/1".into(),
        id: c.id.clone(),
        from: c.from.clone(),
        to: c.to.clone(),
        version: c.version.clone(),
        about: c.about.clone(),
        combine: c.combine.name().into(),
        partial_cap: c.partial_cap,
        content_hash: c.content_hash.clone(),
        file: c.file.clone(),
        items: stats.items,
        mapped: stats.mapped,
        fully_mapped: stats.fully_mapped,
        maps: c
            .maps
            .iter()
            .map(|m| MapJson {
                source: m.source.clone(),
                target: m.target.clone(),
                relationship: m.relationship.name().into(),
                strength: m.strength,
                rationale: m.rationale.clone(),
            })
            .collect(),
        targets: c
            .targets
            .iter()
            .map(|t| TargetRuleJson {
                id: t.target.clone(),
                combine: t.combine.name().into(),
                rationale: t.rationale.clone(),
            })
            .collect(),
        unmapped: target
            .map(|t| {
                t.indicators
                    .iter()
                    .filter(|i| c.sources_of(&i.id).next().is_none())
                    .map(|i| i.id.clone())
                    .collect()
            })
            .unwrap_or_default(),
    }
}
