//! The plan's model: plans and action plans, the tree of areas, goals and measures, indicators
//! and their values, organisations and projects, statuses, summaries, global and context
//! indicators, milestones, risks, and the sourced statements behind every figure.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// A foreign key column `<table>_id` referencing `table.id`, deleted with its parent.
pub(crate) fn fk(
    table: &mut TableCreateStatement,
    column: &'static str,
    parent: &'static str,
    nullable: bool,
) {
    if nullable {
        table.col(integer_null(column));
    } else {
        table.col(integer(column));
    }
    table.foreign_key(
        ForeignKey::create()
            .from_col(column)
            .to(parent, "id")
            .on_delete(if nullable {
                ForeignKeyAction::SetNull
            } else {
                ForeignKeyAction::Cascade
            }),
    );
}

/// Where a figure comes from: the document, the place in it, and the date the figure refers to.
pub(crate) fn provenance(table: &mut TableCreateStatement) {
    fk(table, "document_id", "document", false);
    table.col(string("locator"));
}

pub(crate) async fn create(m: &SchemaManager<'_>, t: TableCreateStatement) -> Result<(), DbErr> {
    m.create_table(t).await
}

pub(crate) async fn index(
    m: &SchemaManager<'_>,
    table: &'static str,
    cols: &[&'static str],
    unique: bool,
) -> Result<(), DbErr> {
    let name = format!("ix_{}_{}", table, cols.join("_"));
    let mut ix = Index::create();
    ix.name(name).table(table);
    for c in cols {
        ix.col(*c);
    }
    if unique {
        ix.unique();
    }
    m.create_index(ix.to_owned()).await
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // Plans and their documents.
        create(
            m,
            table_auto_plain("plan")
                .col(string_uniq("slug"))
                .col(string("city"))
                .col(string("name"))
                .col(integer("period_from"))
                .col(integer("period_to"))
                .col(text("description"))
                .to_owned(),
        )
        .await?;

        let mut t = table_auto_plain("document");
        fk(&mut t, "plan_id", "plan", false);
        t.col(string("key"))
            .col(string("title"))
            .col(string("issued"))
            .col(string("kind"))
            .col(text("description"));
        create(m, t).await?;
        index(m, "document", &["plan_id", "key"], true).await?;

        let mut t = table_auto_plain("action_plan");
        fk(&mut t, "plan_id", "plan", false);
        t.col(integer("number"))
            .col(string("name"))
            .col(integer("period_from"))
            .col(integer("period_to"));
        fk(&mut t, "document_id", "document", false);
        create(m, t).await?;
        index(m, "action_plan", &["plan_id", "number"], true).await?;

        // The tree: area > strategic goal > specific goal > measure.
        let mut t = table_auto_plain("area");
        fk(&mut t, "plan_id", "plan", false);
        t.col(string("code"))
            .col(string("sort_key"))
            .col(string("name"))
            .col(string("name_en"))
            .col(text("search_text"))
            .col(text("target_group_intro"))
            .col(text("target_group_outro"))
            .col(text("structure_note"));
        create(m, t).await?;
        index(m, "area", &["plan_id", "code"], true).await?;

        let mut t = table_auto_plain("target_group");
        fk(&mut t, "area_id", "area", false);
        t.col(integer("position"))
            .col(text("text"))
            .col(string("kind"));
        create(m, t).await?;
        index(m, "target_group", &["area_id"], false).await?;

        let mut t = table_auto_plain("strategic_goal");
        fk(&mut t, "plan_id", "plan", false);
        fk(&mut t, "area_id", "area", false);
        t.col(string("code"))
            .col(string("sort_key"))
            .col(text("name"))
            .col(text("search_text"));
        create(m, t).await?;
        index(m, "strategic_goal", &["plan_id", "code"], true).await?;
        index(m, "strategic_goal", &["area_id"], false).await?;

        let mut t = table_auto_plain("specific_goal");
        fk(&mut t, "plan_id", "plan", false);
        fk(&mut t, "action_plan_id", "action_plan", false);
        fk(&mut t, "area_id", "area", false);
        fk(&mut t, "strategic_goal_id", "strategic_goal", false);
        t.col(string("code"))
            .col(string("sort_key"))
            .col(text("target_text"))
            .col(text("expected_impact"))
            .col(string("target_kind"))
            .col(string_null("due"))
            .col(integer_null("declared_measures"))
            .col(text("search_text"));
        create(m, t).await?;
        index(m, "specific_goal", &["plan_id", "code"], true).await?;
        index(m, "specific_goal", &["strategic_goal_id"], false).await?;
        index(m, "specific_goal", &["area_id"], false).await?;

        let mut t = table_auto_plain("impact_indicator");
        fk(&mut t, "specific_goal_id", "specific_goal", false);
        t.col(integer("position"))
            .col(text("name"))
            .col(text_null("report_name"))
            .col(text_null("note"))
            .col(boolean("is_key"))
            .col(boolean("in_plan"))
            .col(string("unit"))
            .col(double_null("target_value"))
            .col(string_null("target_text"));
        create(m, t).await?;
        index(m, "impact_indicator", &["specific_goal_id"], false).await?;

        let mut t = table_auto_plain("indicator_value");
        fk(&mut t, "impact_indicator_id", "impact_indicator", false);
        t.col(string("ref_date"))
            .col(string("ref_label"))
            .col(double_null("value"))
            .col(string_null("parts"))
            .col(string("value_text"))
            .col(boolean("published"));
        provenance(&mut t);
        create(m, t).await?;
        index(
            m,
            "indicator_value",
            &["impact_indicator_id", "ref_date"],
            false,
        )
        .await?;

        let mut t = table_auto_plain("summary");
        fk(&mut t, "specific_goal_id", "specific_goal", false);
        t.col(integer("year"))
            .col(string("title"))
            .col(text("text"))
            .col(text("footnotes"));
        provenance(&mut t);
        create(m, t).await?;
        index(m, "summary", &["specific_goal_id"], false).await?;

        let mut t = table_auto_plain("measure");
        fk(&mut t, "plan_id", "plan", false);
        fk(&mut t, "action_plan_id", "action_plan", false);
        fk(&mut t, "area_id", "area", false);
        fk(&mut t, "strategic_goal_id", "strategic_goal", false);
        fk(&mut t, "specific_goal_id", "specific_goal", false);
        t.col(string("code"))
            .col(string("sort_key"))
            .col(string_null("code_as_written"))
            .col(text("name"))
            .col(text("description"))
            .col(text("target_group"))
            .col(text("responsible_body"))
            .col(string("schedule_text"))
            .col(string_null("schedule_from"))
            .col(string_null("schedule_to"))
            .col(string("estimated_cost_text"))
            .col(big_integer_null("estimated_cost"))
            .col(boolean("cost_approximate"))
            .col(string_null("cost_see_measure"))
            .col(text("funding_text"))
            .col(text("links_text"))
            .col(string_null("service_type"))
            .col(boolean("is_social_service"))
            .col(text("search_text"));
        create(m, t).await?;
        index(m, "measure", &["plan_id", "code"], true).await?;
        index(m, "measure", &["specific_goal_id"], false).await?;
        index(m, "measure", &["area_id"], false).await?;

        let mut t = table_auto_plain("output_indicator");
        fk(&mut t, "measure_id", "measure", false);
        t.col(integer("position")).col(text("name"));
        create(m, t).await?;
        index(m, "output_indicator", &["measure_id"], false).await?;

        let mut t = table_auto_plain("measure_funding");
        fk(&mut t, "measure_id", "measure", false);
        t.col(integer("position")).col(string("source"));
        create(m, t).await?;
        index(m, "measure_funding", &["measure_id"], false).await?;
        index(m, "measure_funding", &["source"], false).await?;

        let mut t = table_auto_plain("measure_link");
        fk(&mut t, "measure_id", "measure", false);
        t.col(integer("position"))
            .col(string("target_kind"))
            .col(string_null("target_code"))
            .col(text("text"));
        create(m, t).await?;
        index(m, "measure_link", &["measure_id"], false).await?;

        // Who implements, with what money.
        let mut t = table_auto_plain("organisation");
        fk(&mut t, "plan_id", "plan", false);
        t.col(string("name")).col(text("search_text"));
        create(m, t).await?;
        index(m, "organisation", &["plan_id", "name"], true).await?;

        let mut t = table_auto_plain("project");
        fk(&mut t, "measure_id", "measure", false);
        fk(&mut t, "organisation_id", "organisation", false);
        t.col(string("registration_number"))
            .col(string("call"))
            .col(integer("call_number"))
            .col(string("programme"))
            .col(big_integer("budget"))
            .col(string("budget_text"))
            .col(string_null("period_from"))
            .col(string_null("period_to"));
        provenance(&mut t);
        create(m, t).await?;
        index(m, "project", &["measure_id"], false).await?;
        index(m, "project", &["registration_number"], true).await?;

        let mut t = table_auto_plain("allocation");
        fk(&mut t, "measure_id", "measure", false);
        t.col(big_integer("amount"))
            .col(string("amount_text"))
            .col(boolean("bracketed"))
            .col(string("programme"))
            .col(string("priority"))
            .col(string("programme_goal"));
        provenance(&mut t);
        create(m, t).await?;
        index(m, "allocation", &["measure_id"], false).await?;

        let mut t = table_auto_plain("measure_status");
        fk(&mut t, "measure_id", "measure", false);
        fk(&mut t, "organisation_id", "organisation", true);
        t.col(string("ref_date"))
            .col(integer("position"))
            .col(string("status"))
            .col(string("status_text"))
            .col(integer_null("reports"))
            .col(integer_null("reports_of"))
            .col(string("activity"))
            .col(string_null("service"))
            .col(text_null("implementer_text"))
            .col(string_null("period_text"))
            .col(string_null("period_from"))
            .col(string_null("period_to"))
            .col(string_null("code_as_written"))
            .col(text_null("name_as_written"))
            .col(text_null("footnote"))
            .col(boolean("published"));
        provenance(&mut t);
        create(m, t).await?;
        index(m, "measure_status", &["measure_id", "ref_date"], false).await?;
        index(m, "measure_status", &["organisation_id"], false).await?;

        // City-level indicators and context.
        let mut t = table_auto_plain("global_indicator");
        fk(&mut t, "plan_id", "plan", false);
        t.col(integer("position"))
            .col(text("name"))
            .col(text_null("note"))
            .col(string("expected_text"))
            .col(string("target_kind"))
            .col(double_null("target_value"))
            .col(boolean("lower_is_better"));
        provenance(&mut t);
        create(m, t).await?;
        index(m, "global_indicator", &["plan_id"], false).await?;

        let mut t = table_auto_plain("global_indicator_value");
        fk(&mut t, "global_indicator_id", "global_indicator", false);
        t.col(integer("position"))
            .col(string("column_label"))
            .col(boolean("is_baseline"))
            .col(string_null("period"))
            .col(string_null("area_text"))
            .col(integer_null("year"))
            .col(double_null("value"))
            .col(string("value_text"))
            .col(double_null("region_value"))
            .col(string_null("region_value_text"))
            .col(string_null("rank"));
        provenance(&mut t);
        create(m, t).await?;
        index(m, "global_indicator_value", &["global_indicator_id"], false).await?;

        let mut t = table_auto_plain("context_indicator");
        fk(&mut t, "plan_id", "plan", false);
        t.col(integer("position"))
            .col(integer("year"))
            .col(string("group_name"))
            .col(text("label"))
            .col(double_null("value"))
            .col(string("value_text"))
            .col(text_null("note"));
        provenance(&mut t);
        create(m, t).await?;
        index(m, "context_indicator", &["plan_id"], false).await?;

        let mut t = table_auto_plain("milestone");
        fk(&mut t, "action_plan_id", "action_plan", false);
        t.col(integer("position"))
            .col(string("period_text"))
            .col(string("period_from"))
            .col(string("period_to"))
            .col(text("text"));
        provenance(&mut t);
        create(m, t).await?;
        index(m, "milestone", &["action_plan_id"], false).await?;

        let mut t = table_auto_plain("risk");
        fk(&mut t, "action_plan_id", "action_plan", false);
        t.col(integer("position"))
            .col(text("name"))
            .col(integer("probability"))
            .col(integer("impact"))
            .col(integer("significance"))
            .col(text("mitigation"));
        provenance(&mut t);
        create(m, t).await?;
        index(m, "risk", &["action_plan_id"], false).await?;

        // Every sourced figure and what disagrees.
        let mut t = table_auto_plain("statement");
        fk(&mut t, "plan_id", "plan", false);
        t.col(string("subject_type"))
            .col(string("subject_code"))
            .col(string("field"))
            .col(text("value_text"))
            .col(string("value_key"))
            .col(string_null("ref_date"));
        provenance(&mut t);
        create(m, t).await?;
        index(
            m,
            "statement",
            &["plan_id", "subject_type", "subject_code"],
            false,
        )
        .await?;

        let mut t = table_auto_plain("conflict");
        fk(&mut t, "plan_id", "plan", false);
        t.col(string("subject_type"))
            .col(string("subject_code"))
            .col(string("field"))
            .col(string("severity"))
            .col(text("description"))
            .col(integer_null("resolved_statement_id"))
            .col(text_null("resolution_reason"));
        create(m, t).await?;
        index(
            m,
            "conflict",
            &["plan_id", "subject_type", "subject_code"],
            false,
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            "conflict",
            "statement",
            "risk",
            "milestone",
            "context_indicator",
            "global_indicator_value",
            "global_indicator",
            "measure_status",
            "allocation",
            "project",
            "organisation",
            "measure_link",
            "measure_funding",
            "output_indicator",
            "measure",
            "summary",
            "indicator_value",
            "impact_indicator",
            "specific_goal",
            "strategic_goal",
            "target_group",
            "area",
            "action_plan",
            "document",
            "plan",
        ] {
            m.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}

/// A table with an auto-increment integer `id` primary key.
pub(crate) fn table_auto_plain(name: &'static str) -> TableCreateStatement {
    Table::create().table(name).col(pk_auto("id")).to_owned()
}
