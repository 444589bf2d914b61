//! What a query costs, counted before anything runs.
//!
//! The cost of a query is an upper estimate of the fields its answer holds: every field counts
//! 1 (plus its declared weight, for resolvers that do more than read: search, provenance,
//! history), and a list field multiplies what is selected inside it by its declared size (the
//! most items it returns, or a generous assumption where the data set it). Aliases count each
//! time they appear; a fragment counts wherever it is spread. A fragment's cost is computed once
//! and reused, so measuring a document takes time linear in its size, however its fragments
//! nest (a document whose fragments spread each other twice 25 levels deep measures in
//! microseconds, where expanding it would take 2²⁵ steps).
//!
//! The sizes and weights are declared once, in [`LIST_SIZES`] and [`WEIGHTS`]; they are
//! printed into `schema.graphql` as `@listSize(assumedSize: …)` and `@cost(weight: …)`
//! (the IBM cost-directive convention), and every answer carries its cost in
//! `extensions.cost`. A test fails when a list field of the schema has no declared size.

use std::collections::HashMap;

use async_graphql::parser::types::{
    ExecutableDocument, FragmentDefinition, Selection, SelectionSet,
};
use async_graphql::{Name, Positioned};

/// The most a query may cost.
pub const MAX_COST: u64 = 50_000;
/// Above this cost a query is expensive: only [`EXPENSIVE_AT_ONCE`] run at the same time.
pub const EXPENSIVE_COST: u64 = 3_000;
/// How many expensive queries run at once; more wait a moment, then get `BUSY`.
pub const EXPENSIVE_AT_ONCE: usize = 2;
/// The deepest nesting of fields a query may have (fragments counted as they expand).
pub const MAX_DEPTH: usize = 16;

/// The items each list field is assumed to return at most, as `Type.field`.
///
/// Assumed sizes (as `@listSize(assumedSize:)` means), not enforced page limits: the most items
/// the plan's data have in each list, with room to grow — Ostrava's plan has 6 areas, at most
/// 3 strategic goals per area and 3 specific goals per strategic goal, 6 indicators per goal,
/// 13 measures per area, 42 conflicts, 18 statements per subject; the synthetic plans of the
/// scale benchmark 10 indicators per goal and 12 monitoring dates. Search results are capped.
pub const LIST_SIZES: &[(&str, u32)] = &[
    ("Query.plans", 10),
    ("PlanChange.changes", 64),
    ("Query.measures", 60),
    ("Query.actionPlanDrafts", 5),
    ("CarriedOver.carried", 60),
    ("ActionPlan.draftMeasures", 60),
    ("DraftMeasure.fundingSources", 9),
    ("DraftMeasure.outputIndicators", 20),
    ("ActionPlanComparison.goals", 40),
    ("ActionPlanComparison.costByArea", 8),
    ("ActionPlanComparison.costBySource", 10),
    ("ActionPlanComparison.unimplemented", 20),
    ("GoalComparison.added", 8),
    ("GoalComparison.ended", 8),
    ("GoalComparison.changed", 8),
    ("GoalComparison.unchanged", 8),
    ("ChangedMeasure.fields", 12),
    ("Query.conflicts", 80),
    ("Query.provenance", 20),
    ("Query.users", 100),
    // The measures one caller reports for: at most the plan's (47 in Action Plan I).
    ("Query.reporting", 50),
    ("Query.internalNotes", 50),
    ("Query.history", 100),
    // A plan's yearly reports and their languages.
    ("Query.reports", 10),
    ("Report.downloads", 2),
    // Seven plan-wide sections, one per area, three per specific goal.
    ("Report.narratives", 90),
    // Seven plan-wide sections, one per area, three per specific goal.
    ("Report.parts", 90),
    ("ReportPart.figures", 30),
    ("Mutation.recordIndicatorValues", 10),
    ("Mutation.publishIndicatorValues", 100),
    ("Mutation.publishMeasureStatuses", 100),
    ("Mutation.publishProjects", 100),
    ("Plan.documents", 5),
    ("OpenData.datasets", 21),
    ("Dataset.fields", 15),
    ("Dataset.key", 3),
    ("Plan.actionPlans", 3),
    ("Plan.areas", 8),
    ("Plan.budgetBySource", 10),
    ("Plan.budgetByProgramme", 10),
    ("Plan.conflicts", 80),
    ("Plan.organisations", 30),
    ("Plan.globalIndicators", 15),
    ("Plan.headlines", 8),
    ("Plan.contextIndicators", 20),
    ("ActionPlan.milestones", 20),
    ("ActionPlan.risks", 10),
    ("Area.targetGroups", 20),
    ("Area.strategicGoals", 4),
    ("Area.measures", 16),
    ("StrategicGoal.specificGoals", 4),
    ("SpecificGoal.impactIndicators", 8),
    ("SpecificGoal.measures", 8),
    ("SpecificGoal.summaries", 6),
    ("SpecificGoal.conflicts", 4),
    ("ImpactIndicator.values", 12),
    ("ImpactIndicator.targetRevisions", 4),
    ("IndicatorValue.parts", 4),
    ("GlobalIndicator.values", 5),
    ("Measure.outputIndicators", 6),
    ("Measure.fundingSources", 4),
    ("Measure.links", 4),
    ("Measure.statuses", 4),
    ("Measure.projects", 4),
    ("Measure.allocations", 4),
    ("Measure.conflicts", 4),
    ("Measure.provenance", 20),
    ("Organisation.measures", 20),
    ("Conflict.statements", 4),
    ("Summary.footnotes", 5),
    // A search returns at most 50 of each kind.
    ("SearchResult.areas", 50),
    ("SearchResult.strategicGoals", 50),
    ("SearchResult.specificGoals", 50),
    ("SearchResult.measures", 50),
    ("SearchResult.organisations", 50),
    ("Drafts.indicatorValues", 100),
    ("Drafts.statuses", 100),
    ("Drafts.projects", 50),
    // At most `shared::validate::MAX_WAVES` a plan (each wave's completeness is a matrix).
    ("Monitoring.waves", 50),
    // Organisations with anything to report, and the row without one.
    ("WaveMatrix.rows", 30),
    // A goal's indicators and the organisation's measures, over the goals it serves.
    ("WaveRow.items", 40),
    ("Me.plans", 10),
    ("Me.organisations", 10),
    ("User.plans", 10),
    ("User.organisations", 10),
    // Introspection: the schema has about 85 types with about 7 fields, 2 input fields, 2 enum
    // values each on average, and most fields take no argument. Means, not maxima: a type's
    // list is one of these, so products of maxima would count the schema many times over.
    ("__Schema.types", 90),
    ("__Schema.directives", 8),
    ("__Type.fields", 7),
    ("__Type.inputFields", 2),
    ("__Type.enumValues", 3),
    ("__Type.interfaces", 1),
    ("__Type.possibleTypes", 1),
    ("__Field.args", 1),
    ("__Directive.args", 2),
    ("__Directive.locations", 8),
];

/// Extra cost of fields that do more than read rows already loaded, as `Type.field`.
pub const WEIGHTS: &[(&str, u32)] = &[
    // The wave's matrix, computed over the plan's model (every measure, status and value).
    ("MonitoringWave.completeness", 20),
    ("MonitoringWave.matrix", 20),
    // Eight statements (two action plans' measures, cards and statuses) and the comparison.
    ("Query.actionPlanComparison", 50),
    ("ActionPlan.comparedWithPrevious", 50),
    // Five LIKE scans over the plan's texts.
    ("Query.search", 200),
    // Statements of a subject, matched by key.
    ("Query.provenance", 10),
    ("Measure.provenance", 10),
    // The audit trail of a record, JSON before and after.
    ("Query.history", 20),
    // One statement per report each.
    ("Report.downloads", 5),
    ("Report.narratives", 5),
    ("Report.actionPlan", 5),
    // A snapshot of the plan's published data, assembled: one report's at a time is
    // expensive (limited to a few at once), a list's is over the limit.
    ("Report.parts", 6_000),
    ("Report.preview", 6_000),
];

/// How often a type of this schema is wrapped at most (`[T!]!`: non-null, list, non-null).
const MAX_WRAPPING: usize = 3;

/// What a field is: the type it returns, its list size (1 for a single value) and weight.
#[derive(Debug, Clone)]
struct FieldCost {
    ty: String,
    size: u64,
    weight: u64,
}

/// The cost table of a schema: every field of every object type.
#[derive(Debug, Clone, Default)]
pub struct CostModel {
    fields: HashMap<(String, String), FieldCost>,
    query: String,
    mutation: Option<String>,
    subscription: Option<String>,
}

/// Why a query is refused before it runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// It costs more than [`MAX_COST`].
    TooCostly { cost: u64 },
    /// It nests deeper than [`MAX_DEPTH`].
    TooDeep { depth: usize },
    /// A fragment spreads itself (directly or through others).
    FragmentCycle { name: String },
}

impl Refusal {
    pub fn message(&self) -> String {
        match self {
            Refusal::TooCostly { cost } => format!(
                "the query costs {cost}, more than the limit of {MAX_COST}: select fewer \
                 fields, aliases or nested lists (see `@listSize` in the schema)"
            ),
            Refusal::TooDeep { depth } => {
                format!("the query nests {depth} levels deep, more than the limit of {MAX_DEPTH}")
            }
            Refusal::FragmentCycle { name } => format!("fragment `{name}` spreads itself"),
        }
    }
}

impl CostModel {
    /// The cost table of the schema with this SDL, with [`LIST_SIZES`], [`WEIGHTS`] and the
    /// introspection types.
    pub fn from_sdl(sdl: &str) -> CostModel {
        let mut model = CostModel {
            query: "Query".to_owned(),
            ..CostModel::default()
        };
        for (ty, field, returns, list) in sdl_fields(sdl).chain(introspection_fields()) {
            if ty == "Mutation" {
                model.mutation = Some(ty.clone());
            }
            if ty == "Subscription" {
                model.subscription = Some(ty.clone());
            }
            let key = format!("{ty}.{field}");
            let size = if list { declared(LIST_SIZES, &key) } else { 1 };
            let weight = declared(WEIGHTS, &key).saturating_sub(1);
            model.fields.insert(
                (ty, field),
                FieldCost {
                    ty: returns,
                    size: u64::from(size.max(1)),
                    weight: u64::from(weight),
                },
            );
        }
        model
    }

    /// The cost of every operation of `doc` together (a document is validated whole), or why it
    /// is refused.
    pub fn measure(&self, doc: &ExecutableDocument) -> Result<u64, Refusal> {
        let mut walk = Walk {
            model: self,
            doc,
            fragments: HashMap::new(),
        };
        let mut total: u64 = 0;
        for (_, op) in doc.operations.iter() {
            let root = match op.node.ty {
                async_graphql::parser::types::OperationType::Mutation => {
                    self.mutation.as_deref().unwrap_or("Mutation")
                }
                async_graphql::parser::types::OperationType::Subscription => {
                    self.subscription.as_deref().unwrap_or("Subscription")
                }
                async_graphql::parser::types::OperationType::Query => self.query.as_str(),
            };
            let (cost, depth) = walk.selection_set(&op.node.selection_set.node, root, 0)?;
            if depth > MAX_DEPTH {
                return Err(Refusal::TooDeep { depth });
            }
            total = total.saturating_add(cost);
        }
        if total > MAX_COST {
            return Err(Refusal::TooCostly { cost: total });
        }
        Ok(total)
    }
}

/// A size or weight declared for `key`; 0 when none is.
fn declared(table: &[(&str, u32)], key: &str) -> u32 {
    table.iter().find(|(k, _)| *k == key).map_or(0, |(_, n)| *n)
}

/// One measurement: fragments' (cost, depth) once computed, `None` while being computed.
struct Walk<'a> {
    model: &'a CostModel,
    doc: &'a ExecutableDocument,
    fragments: HashMap<&'a Name, Option<(u64, usize)>>,
}

impl<'a> Walk<'a> {
    /// The cost and depth of a selection set on type `ty`, `wrapped` levels of `ofType` deep.
    fn selection_set(
        &mut self,
        set: &'a SelectionSet,
        ty: &str,
        wrapped: usize,
    ) -> Result<(u64, usize), Refusal> {
        let mut cost: u64 = 0;
        let mut depth = 0;
        for item in &set.items {
            let (c, d) = match &item.node {
                Selection::Field(field) => {
                    let field = &field.node;
                    let name = field.name.node.as_str();
                    let def = self.model.fields.get(&(ty.to_owned(), name.to_owned()));
                    let (size, weight, inner_ty) = match def {
                        Some(f) => (f.size, f.weight, f.ty.as_str()),
                        // `__typename`, or a field the validation refuses later.
                        None => (1, 0, ""),
                    };
                    // A type is wrapped at most MAX_WRAPPING times (`[T!]!`): deeper `ofType`
                    // fields answer null, whatever they select.
                    let wraps = if ty == "__Type" && name == "ofType" {
                        wrapped + 1
                    } else {
                        0
                    };
                    let (inner, inner_depth) =
                        if field.selection_set.node.items.is_empty() || wraps > MAX_WRAPPING {
                            (0, 0)
                        } else {
                            self.selection_set(&field.selection_set.node, inner_ty, wraps)?
                        };
                    (
                        1u64.saturating_add(weight)
                            .saturating_add(size.saturating_mul(inner)),
                        inner_depth + 1,
                    )
                }
                Selection::FragmentSpread(spread) => {
                    self.fragment(&spread.node.fragment_name.node)?
                }
                Selection::InlineFragment(inline) => {
                    let on = inline
                        .node
                        .type_condition
                        .as_ref()
                        .map_or(ty, |c| c.node.on.node.as_str());
                    let on = on.to_owned();
                    self.selection_set(&inline.node.selection_set.node, &on, wrapped)?
                }
            };
            cost = cost.saturating_add(c);
            depth = depth.max(d);
            // Past the limit the exact figure no longer matters: stop early.
            if cost > MAX_COST.saturating_mul(1_000) {
                return Ok((cost, depth));
            }
        }
        Ok((cost, depth))
    }

    /// The cost and depth of a named fragment, computed once.
    fn fragment(&mut self, name: &'a Name) -> Result<(u64, usize), Refusal> {
        match self.fragments.get(name) {
            Some(Some(known)) => return Ok(*known),
            Some(None) => {
                return Err(Refusal::FragmentCycle {
                    name: name.to_string(),
                });
            }
            None => {}
        }
        let Some(def): Option<&'a Positioned<FragmentDefinition>> = self.doc.fragments.get(name)
        else {
            // An unknown fragment: the validation refuses it later.
            return Ok((0, 0));
        };
        self.fragments.insert(name, None);
        let on = def.node.type_condition.node.on.node.to_string();
        // Measured as if spread outside any `ofType`: the most it can cost anywhere.
        let known = self.selection_set(&def.node.selection_set.node, &on, 0)?;
        self.fragments.insert(name, Some(known));
        Ok(known)
    }
}

/// Every field of the object types of an SDL: (type, field, named type returned, is a list).
fn sdl_fields(sdl: &str) -> impl Iterator<Item = (String, String, String, bool)> + '_ {
    use async_graphql::parser::types::{BaseType, TypeKind, TypeSystemDefinition};
    let doc = async_graphql::parser::parse_schema(sdl).ok();
    let defs = doc.map(|d| d.definitions).unwrap_or_default();
    defs.into_iter()
        .filter_map(|def| match def {
            TypeSystemDefinition::Type(t) => Some(t.node),
            _ => None,
        })
        .flat_map(|t| {
            let ty = t.name.node.to_string();
            let fields = match t.kind {
                TypeKind::Object(o) => o.fields,
                TypeKind::Interface(i) => i.fields,
                _ => Vec::new(),
            };
            fields.into_iter().map(move |f| {
                let f = f.node;
                let mut base = &f.ty.node.base;
                let list = matches!(base, BaseType::List(_));
                while let BaseType::List(inner) = base {
                    base = &inner.base;
                }
                let returns = match base {
                    BaseType::Named(n) => n.to_string(),
                    BaseType::List(_) => String::new(),
                };
                (ty.clone(), f.name.node.to_string(), returns, list)
            })
        })
}

/// The introspection types' fields that select further: (type, field, returns, is a list).
fn introspection_fields() -> impl Iterator<Item = (String, String, String, bool)> {
    const FIELDS: &[(&str, &str, &str, bool)] = &[
        ("Query", "__schema", "__Schema", false),
        ("Query", "__type", "__Type", false),
        ("__Schema", "types", "__Type", true),
        ("__Schema", "queryType", "__Type", false),
        ("__Schema", "mutationType", "__Type", false),
        ("__Schema", "subscriptionType", "__Type", false),
        ("__Schema", "directives", "__Directive", true),
        ("__Type", "fields", "__Field", true),
        ("__Type", "interfaces", "__Type", true),
        ("__Type", "possibleTypes", "__Type", true),
        ("__Type", "enumValues", "__EnumValue", true),
        ("__Type", "inputFields", "__InputValue", true),
        ("__Type", "ofType", "__Type", false),
        ("__Field", "args", "__InputValue", true),
        ("__Field", "type", "__Type", false),
        ("__InputValue", "type", "__Type", false),
        ("__Directive", "args", "__InputValue", true),
        ("__Directive", "locations", "__DirectiveLocation", true),
    ];
    FIELDS
        .iter()
        .map(|(t, f, r, l)| ((*t).to_owned(), (*f).to_owned(), (*r).to_owned(), *l))
}

/// The SDL with every declared list size and weight as a directive on its field, and the
/// directives' definitions first: what `schema.graphql` publishes.
pub fn annotate_sdl(sdl: &str) -> String {
    let mut out = String::from(
        "\"\"\"\nThe most items a list field returns (or is assumed to return); a query's cost \
         multiplies what it selects inside the list by this. A query may cost at most 50000; \
         its cost is in `extensions.cost` of every answer.\n\"\"\"\n\
         directive @listSize(assumedSize: Int!) on FIELD_DEFINITION\n\n\
         \"\"\"\nWhat a field costs beyond the 1 every field costs.\n\"\"\"\n\
         directive @cost(weight: Int!) on FIELD_DEFINITION\n\n",
    );
    let mut ty: Option<&str> = None;
    for line in sdl.lines() {
        if let Some(rest) = line.strip_prefix("type ") {
            ty = rest.split_whitespace().next();
        } else if !line.starts_with('\t') && !line.is_empty() && !line.starts_with('"') {
            ty = None;
        }
        out.push_str(line);
        if let (Some(ty), Some(field)) = (ty, line.strip_prefix('\t')) {
            let name: String = field
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() && field[name.len()..].starts_with(['(', ':']) {
                let key = format!("{ty}.{name}");
                let size = declared(LIST_SIZES, &key);
                if size > 0 {
                    out.push_str(&format!(" @listSize(assumedSize: {size})"));
                }
                let weight = declared(WEIGHTS, &key);
                if weight > 0 {
                    out.push_str(&format!(" @cost(weight: {weight})"));
                }
            }
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model() -> CostModel {
        CostModel::from_sdl(&crate::graphql::plain_sdl())
    }

    fn cost(query: &str) -> Result<u64, Refusal> {
        let doc = async_graphql::parser::parse_query(query).expect("parses");
        model().measure(&doc)
    }

    #[test]
    fn every_list_field_of_the_schema_declares_its_size() {
        let undeclared: Vec<String> = sdl_fields(&crate::graphql::plain_sdl())
            .filter(|(_, _, _, list)| *list)
            .map(|(t, f, _, _)| format!("{t}.{f}"))
            .filter(|key| declared(LIST_SIZES, key) == 0)
            .collect();
        assert!(
            undeclared.is_empty(),
            "declare these in LIST_SIZES: {undeclared:?}"
        );
        let fields: Vec<String> = sdl_fields(&crate::graphql::plain_sdl())
            .chain(introspection_fields())
            .map(|(t, f, _, _)| format!("{t}.{f}"))
            .collect();
        for (key, _) in LIST_SIZES.iter().chain(WEIGHTS) {
            assert!(
                fields.iter().any(|f| f == key) || key.starts_with("__"),
                "{key} is declared but the schema has no such field"
            );
        }
    }

    #[test]
    fn fields_count_once_and_lists_multiply() {
        assert_eq!(cost("{ plan { name slug } }"), Ok(3));
        // plan 1 + areas (1 + 8 × (code 1 + measures (1 + 16 × 1))).
        assert_eq!(
            cost("{ plan { areas { code measures { code } } } }"),
            Ok(1 + 1 + 8 * (1 + 1 + 16))
        );
        // Aliases count each time.
        assert_eq!(cost("{ a: plan { name } b: plan { name } }"), Ok(4));
        // Weights add to the field's 1.
        assert_eq!(
            cost("{ search(text: \"x\") { areas { name } } }"),
            Ok(200 + 51)
        );
    }

    #[test]
    fn fragments_cost_what_they_expand_to_but_measure_in_linear_time() {
        let mut q = String::from("{ plan { ...F30 } } fragment F0 on Plan { name slug } ");
        for i in 1..=30 {
            q.push_str(&format!(
                "fragment F{i} on Plan {{ ...F{0} ...F{0} }} ",
                i - 1
            ));
        }
        let doc = async_graphql::parser::parse_query(&q).expect("parses");
        let started = std::time::Instant::now();
        let refused = model().measure(&doc);
        assert!(
            matches!(refused, Err(Refusal::TooCostly { cost }) if cost > MAX_COST),
            "{refused:?}"
        );
        // Generous for a debug build on a busy machine; expanding would take minutes.
        assert!(started.elapsed() < std::time::Duration::from_secs(1));
        // A small fragment costs what it expands to.
        assert_eq!(
            cost(
                "{ plan { ...F2 } } fragment F0 on Plan { name } \
                  fragment F1 on Plan { ...F0 ...F0 } fragment F2 on Plan { ...F1 ...F1 }"
            ),
            Ok(1 + 4)
        );
    }

    #[test]
    fn fragment_cycles_and_depth_are_refused() {
        assert_eq!(
            cost("{ plan { ...A } } fragment A on Plan { ...B } fragment B on Plan { ...A }"),
            Err(Refusal::FragmentCycle { name: "A".into() })
        );
        let deep = format!(
            "{{ plan {{ areas {{ {}code{} }} }} }}",
            "measures { specificGoal { ".repeat(10),
            " } }".repeat(10)
        );
        assert!(matches!(cost(&deep), Err(Refusal::TooDeep { .. })));
    }

    #[test]
    fn alias_bombs_are_refused_and_the_app_and_graphiql_fit() {
        let one = "plan { areas { measures { code name description provenance { value source { locator } } } } }";
        let bomb: String = (0..150).map(|i| format!("a{i}: {one} ")).collect();
        assert!(matches!(
            cost(&format!("{{ {bomb} }}")),
            Err(Refusal::TooCostly { .. })
        ));
        let searches: String = (0..660)
            .map(|i| format!("s{i}: search(text: \"a\") {{ measures {{ code }} }} "))
            .collect();
        assert!(matches!(
            cost(&format!("{{ {searches} }}")),
            Err(Refusal::TooCostly { .. })
        ));
        // GraphiQL's introspection query fits, with room.
        let introspection = cost(INTROSPECTION).expect("introspection fits");
        eprintln!("GraphiQL's introspection costs {introspection}");
        assert!(
            introspection < MAX_COST * 3 / 4,
            "introspection costs {introspection}"
        );
    }

    #[test]
    fn every_query_of_the_app_fits_with_room() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../frontend/queries");
        let mut costs = Vec::new();
        for entry in std::fs::read_dir(&dir).expect("frontend/queries") {
            let path = entry.expect("entry").path();
            if path.extension().is_some_and(|e| e == "graphql") {
                let text = std::fs::read_to_string(&path).expect("query text");
                let c = cost(&text).unwrap_or_else(|r| panic!("{}: {r:?}", path.display()));
                costs.push((
                    c,
                    path.file_name().map(|n| n.to_string_lossy().into_owned()),
                ));
            }
        }
        costs.sort();
        let largest = costs.last().cloned().unwrap_or_default();
        eprintln!("the app's queries cost: {costs:?}");
        assert!(costs.len() > 20, "{costs:?}");
        assert!(
            largest.0 <= MAX_COST / 2,
            "the app's costliest query leaves too little room: {largest:?}; all: {costs:?}"
        );
    }

    #[test]
    fn the_published_sdl_names_sizes_and_weights() {
        let sdl = annotate_sdl(&crate::graphql::plain_sdl());
        assert!(
            sdl.contains("\tareas: [Area!]! @listSize(assumedSize: 8)"),
            "{sdl}"
        );
        assert!(sdl.contains("@cost(weight: 200)"));
        assert!(sdl.contains("directive @listSize"));
    }

    /// The query GraphiQL sends to learn the schema.
    const INTROSPECTION: &str = r"
    query IntrospectionQuery {
      __schema {
        queryType { name } mutationType { name } subscriptionType { name }
        types { ...FullType }
        directives { name description locations args { ...InputValue } }
      }
    }
    fragment FullType on __Type {
      kind name description
      fields(includeDeprecated: true) {
        name description args { ...InputValue } type { ...TypeRef } isDeprecated deprecationReason
      }
      inputFields { ...InputValue }
      interfaces { ...TypeRef }
      enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason }
      possibleTypes { ...TypeRef }
    }
    fragment InputValue on __InputValue { name description type { ...TypeRef } defaultValue }
    fragment TypeRef on __Type {
      kind name
      ofType { kind name ofType { kind name ofType { kind name ofType { kind name
        ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } } }
    }";
}
