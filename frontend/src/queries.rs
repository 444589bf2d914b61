//! The GraphQL documents the app sends, one file each in `frontend/queries/`.
//!
//! Each file's first line is `# variables: {…}` with variables valid on the Ostrava data (ids as
//! `"@document:/json/pointer"`, taken from another document's answer), so a
//! test can run every document against the real server.

/// `/`: the six areas with their goals' progress, statuses, money and conflicts.
pub const OVERVIEW: &str = include_str!("../queries/overview.graphql");
/// `/oblast/:code`.
pub const AREA: &str = include_str!("../queries/area.graphql");
/// `/cil/:code` for a strategic goal (`2.1`).
pub const STRATEGIC_GOAL: &str = include_str!("../queries/strategic_goal.graphql");
/// `/cil/:code` for a specific goal (`2.1.3`).
pub const SPECIFIC_GOAL: &str = include_str!("../queries/specific_goal.graphql");
/// `/opatreni/:code`.
pub const MEASURE: &str = include_str!("../queries/measure.graphql");
/// `/stul/oblast/:code`: an area's meeting view.
pub const MEETING_AREA: &str = include_str!("../queries/meeting_area.graphql");
/// `/stul/cil/:code`: a specific goal's meeting view.
pub const MEETING_GOAL: &str = include_str!("../queries/meeting_goal.graphql");
/// `/indikatory`.
pub const INDICATORS: &str = include_str!("../queries/indicators.graphql");
/// `/rozpocet`.
pub const BUDGET: &str = include_str!("../queries/budget.graphql");
/// `/rizika`.
pub const RISKS: &str = include_str!("../queries/risks.graphql");
/// `/srovnani/:earlier/:later`: two action plans compared.
pub const COMPARISON: &str = include_str!("../queries/comparison.graphql");
/// `/zpravy`.
pub const REPORTS: &str = include_str!("../queries/reports.graphql");
/// `/data`.
pub const OPEN_DATA: &str = include_str!("../queries/open_data.graphql");
/// `/harmonogram`.
pub const TIMELINE: &str = include_str!("../queries/timeline.graphql");
/// `/hledat?q=…`.
pub const SEARCH: &str = include_str!("../queries/search.graphql");

/// Who is signed in (app start).
pub const ME: &str = include_str!("../queries/me.graphql");
/// `/prihlaseni`.
pub const LOGIN: &str = include_str!("../queries/login.graphql");
/// The header's sign-out button.
pub const LOGOUT: &str = include_str!("../queries/logout.graphql");
/// `/zadavani`: what the user reports for, and the drafts.
pub const REPORTING: &str = include_str!("../queries/reporting.graphql");
/// `/sprava/vlny`: the monitoring waves and who delivered what in one.
pub const WAVES: &str = include_str!("../queries/waves.graphql");
/// `/sprava/vlny`: creating or changing a wave.
pub const SAVE_WAVE: &str = include_str!("../queries/save_wave.graphql");
/// `/zadavani`: a monitoring wave.
pub const RECORD_WAVE: &str = include_str!("../queries/record_wave.graphql");
/// `/zadavani`: a measure's status at a date.
pub const SET_STATUS: &str = include_str!("../queries/set_status.graphql");
/// `/zadavani`: publishing drafts.
pub const PUBLISH: &str = include_str!("../queries/publish.graphql");
/// `/historie/:entity/:id`.
pub const HISTORY: &str = include_str!("../queries/history.graphql");
/// `/uzivatele`.
pub const USERS: &str = include_str!("../queries/users.graphql");
/// `/uzivatele`: a new account.
pub const CREATE_USER: &str = include_str!("../queries/create_user.graphql");
/// `/uzivatele`: (de)activating an account.
pub const UPDATE_USER: &str = include_str!("../queries/update_user.graphql");

/// `/sprava`: conflicts, milestones and risks to edit.
pub const MANAGE: &str = include_str!("../queries/manage.graphql");
/// `/sprava`: the valid value of a conflict.
pub const RESOLVE_CONFLICT: &str = include_str!("../queries/resolve_conflict.graphql");
/// `/sprava`: a risk's probability, impact and mitigation.
pub const UPDATE_RISK: &str = include_str!("../queries/update_risk.graphql");
/// `/sprava`: a milestone's period and text.
pub const UPDATE_MILESTONE: &str = include_str!("../queries/update_milestone.graphql");

/// `/sprava`: a value of a global indicator.
pub const UPDATE_GLOBAL_VALUE: &str = include_str!("../queries/update_global_value.graphql");
/// `/sprava/opatreni/:code`: the card, projects and notes of a measure.
pub const EDIT_MEASURE: &str = include_str!("../queries/edit_measure.graphql");
/// `/sprava/opatreni/:code`: the card's fields.
pub const UPDATE_MEASURE: &str = include_str!("../queries/update_measure.graphql");
/// `/sprava/opatreni/:code`: a project, new or changed.
pub const SAVE_PROJECT: &str = include_str!("../queries/save_project.graphql");
/// `/sprava/cil/:code`: targets, summaries and notes of a specific goal.
pub const EDIT_GOAL: &str = include_str!("../queries/edit_goal.graphql");
/// `/sprava/cil/:code`: an indicator's target.
pub const UPDATE_TARGET: &str = include_str!("../queries/update_target.graphql");
/// `/sprava/akcni-plany`: the action plans, drafts included.
pub const ACTION_PLANS: &str = include_str!("../queries/action_plans.graphql");
/// `/sprava/akcni-plany`: the next action plan, as a draft.
pub const CREATE_ACTION_PLAN: &str = include_str!("../queries/action_plan_create.graphql");
/// `/sprava/akcni-plany`: an earlier action plan's measures carried into a draft.
pub const CARRY_OVER_MEASURES: &str =
    include_str!("../queries/action_plan_draft_add_copies.graphql");
/// `/sprava/akcni-plany`: an earlier measure ended in a draft, with the reason.
pub const END_MEASURE: &str = include_str!("../queries/action_plan_draft_add_ending.graphql");
/// `/sprava/akcni-plany`: a new measure of a draft.
pub const ADD_MEASURE: &str = include_str!("../queries/action_plan_draft_add_measure.graphql");
/// `/sprava/akcni-plany`: a measure's funding sources and output indicators replaced.
pub const SET_MEASURE_LISTS: &str = include_str!("../queries/action_plan_draft_add_lists.graphql");
/// `/sprava/akcni-plany`: approving a draft.
pub const APPROVE_ACTION_PLAN: &str = include_str!("../queries/action_plan_draft_approve.graphql");
/// `/sprava/cil/:code`: an indicator's target revised from a date.
pub const REVISE_TARGET: &str = include_str!("../queries/revise_target.graphql");
/// `/sprava/cil/:code`: a revision withdrawn.
pub const WITHDRAW_REVISION: &str = include_str!("../queries/withdraw_revision.graphql");
/// `/sprava/cil/:code`: a yearly summary, new or changed.
pub const SAVE_SUMMARY: &str = include_str!("../queries/save_summary.graphql");
/// `/sprava/zpravy`: the reports, drafts too.
pub const REPORT_LIST: &str = include_str!("../queries/report_list.graphql");
/// `/sprava/zpravy`: a new report draft.
pub const REPORT_CREATE: &str = include_str!("../queries/report_create.graphql");
/// `/sprava/zpravy/:id`: a report's sections with their figures and texts.
pub const REPORT_EDIT: &str = include_str!("../queries/report_edit.graphql");
/// `/sprava/zpravy/:id`: a section's text.
pub const REPORT_DRAFT: &str = include_str!("../queries/report_draft.graphql");
/// `/sprava/zpravy/:id`: issuing.
pub const REPORT_ISSUE: &str = include_str!("../queries/report_issue.graphql");
/// `/sprava/zpravy/:id/nahled`: the report as HTML.
pub const REPORT_PREVIEW: &str = include_str!("../queries/report_preview.graphql");
/// The staff edit pages: an internal note.
pub const ADD_NOTE: &str = include_str!("../queries/add_note.graphql");

/// Every document with its file name.
pub const ALL: [(&str, &str); 55] = [
    ("overview.graphql", OVERVIEW),
    ("area.graphql", AREA),
    ("strategic_goal.graphql", STRATEGIC_GOAL),
    ("specific_goal.graphql", SPECIFIC_GOAL),
    ("measure.graphql", MEASURE),
    ("meeting_area.graphql", MEETING_AREA),
    ("meeting_goal.graphql", MEETING_GOAL),
    ("indicators.graphql", INDICATORS),
    ("budget.graphql", BUDGET),
    ("risks.graphql", RISKS),
    ("comparison.graphql", COMPARISON),
    ("reports.graphql", REPORTS),
    ("open_data.graphql", OPEN_DATA),
    ("timeline.graphql", TIMELINE),
    ("search.graphql", SEARCH),
    ("me.graphql", ME),
    ("login.graphql", LOGIN),
    ("logout.graphql", LOGOUT),
    ("reporting.graphql", REPORTING),
    ("record_wave.graphql", RECORD_WAVE),
    ("set_status.graphql", SET_STATUS),
    ("publish.graphql", PUBLISH),
    ("history.graphql", HISTORY),
    ("users.graphql", USERS),
    ("create_user.graphql", CREATE_USER),
    ("update_user.graphql", UPDATE_USER),
    ("manage.graphql", MANAGE),
    ("resolve_conflict.graphql", RESOLVE_CONFLICT),
    ("update_risk.graphql", UPDATE_RISK),
    ("update_milestone.graphql", UPDATE_MILESTONE),
    ("update_global_value.graphql", UPDATE_GLOBAL_VALUE),
    ("edit_measure.graphql", EDIT_MEASURE),
    ("update_measure.graphql", UPDATE_MEASURE),
    ("save_project.graphql", SAVE_PROJECT),
    ("edit_goal.graphql", EDIT_GOAL),
    ("update_target.graphql", UPDATE_TARGET),
    ("revise_target.graphql", REVISE_TARGET),
    ("withdraw_revision.graphql", WITHDRAW_REVISION),
    ("action_plans.graphql", ACTION_PLANS),
    ("action_plan_create.graphql", CREATE_ACTION_PLAN),
    ("action_plan_draft_add_copies.graphql", CARRY_OVER_MEASURES),
    ("action_plan_draft_add_ending.graphql", END_MEASURE),
    ("action_plan_draft_add_measure.graphql", ADD_MEASURE),
    ("action_plan_draft_add_lists.graphql", SET_MEASURE_LISTS),
    ("action_plan_draft_approve.graphql", APPROVE_ACTION_PLAN),
    ("save_summary.graphql", SAVE_SUMMARY),
    ("add_note.graphql", ADD_NOTE),
    ("report_list.graphql", REPORT_LIST),
    ("report_create.graphql", REPORT_CREATE),
    ("report_edit.graphql", REPORT_EDIT),
    ("report_draft.graphql", REPORT_DRAFT),
    ("report_issue.graphql", REPORT_ISSUE),
    ("report_preview.graphql", REPORT_PREVIEW),
    ("waves.graphql", WAVES),
    ("save_wave.graphql", SAVE_WAVE),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_document_opens_with_example_variables_as_json() {
        for (name, document) in ALL {
            let first = document.lines().next().unwrap_or_default();
            let json = first
                .strip_prefix("# variables: ")
                .unwrap_or_else(|| panic!("{name}: first line is `{first}`"));
            let value: serde_json::Value =
                serde_json::from_str(json).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert!(value.is_object(), "{name}: variables must be an object");
            for (variable, _) in value.as_object().unwrap() {
                assert!(
                    document.contains(&format!("${variable}")),
                    "{name}: example variable `{variable}` is not used"
                );
            }
        }
    }

    #[test]
    fn every_file_in_the_folder_is_sent_by_the_app() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/queries");
        let mut files: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".graphql"))
            .collect();
        files.sort();
        let mut known: Vec<String> = ALL.iter().map(|(n, _)| (*n).to_owned()).collect();
        known.sort();
        assert_eq!(files, known);
    }
}
