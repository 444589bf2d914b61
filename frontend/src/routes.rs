//! The only place the app's URLs are spelled: every link goes through [`Route::href`].
//!
//! Czech paths, because the links are shared at Czech round tables: `/oblast/2`, `/cil/2.1.3`,
//! `/opatreni/2.1.3.4`, the meeting views `/stul/oblast/2` and `/stul/cil/2.1.3`, `/indikatory`, `/rozpocet`, `/rizika`, `/harmonogram`, `/zpravy`, `/hledat?q=…`;
//! for staff `/prihlaseni`, `/zadavani`, `/uzivatele`, `/sprava`, `/sprava/opatreni/2.1.3.4`,
//! `/sprava/cil/2.1.3`, `/sprava/zpravy`, `/sprava/vlny`, `/sprava/zpravy/3`, `/sprava/zpravy/3/nahled`,
//! `/historie/indicator_value/12`.

use shared::Code;
use shared::code::Level;

/// A page of the app with what it needs to be addressed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    Overview,
    Area(Code),
    /// A strategic (`2.1`) or specific (`2.1.3`) goal.
    Goal(Code),
    Measure(Code),
    /// An area's meeting view (`/stul/oblast/2`).
    MeetingArea(Code),
    /// A specific goal's meeting view (`/stul/cil/2.1.3`).
    MeetingGoal(Code),
    Indicators,
    Budget,
    Risks,
    /// Two action plans compared (`/srovnani/1/2`).
    Comparison(i32, i32),
    /// The issued implementation reports.
    Reports,
    /// The open data: every dataset to download.
    OpenData,
    Timeline,
    /// The search page with its query (empty for the bare form).
    Search(String),
    /// Signing in.
    Login,
    /// Entering monitoring data (signed in).
    Entry,
    /// Accounts (admins).
    Users,
    /// Conflicts, risks and milestones to edit (coordinators and admins).
    Manage,
    /// Editing a measure's card, projects and notes.
    EditMeasure(Code),
    /// Editing a specific goal's targets, summaries and notes.
    EditGoal(Code),
    /// The reports' drafts and issued reports, and a new draft (coordinators and admins).
    ManageReports,
    /// The monitoring waves and who delivered what (coordinators and admins).
    ManageWaves,
    /// `/sprava/akcni-plany`.
    ActionPlans,
    /// Writing a report draft's narratives beside its figures, and issuing it.
    EditReport(i32),
    /// A report as it would be issued now.
    ReportPreview(i32),
    /// The audit trail of one record: its table and id.
    History(&'static str, i32),
}

impl Route {
    /// The page a plan code names: an area, a goal or a measure.
    pub fn for_code(code: &Code) -> Route {
        match code.level() {
            Level::Area => Route::Area(code.clone()),
            Level::StrategicGoal | Level::SpecificGoal => Route::Goal(code.clone()),
            Level::Measure => Route::Measure(code.clone()),
        }
    }

    /// The path (and query) of the page, relative to the site's root.
    pub fn href(&self) -> String {
        match self {
            Route::Overview => "/".to_owned(),
            Route::Area(code) => format!("/oblast/{code}"),
            Route::Goal(code) => format!("/cil/{code}"),
            Route::Measure(code) => format!("/opatreni/{code}"),
            Route::MeetingArea(code) => format!("/stul/oblast/{code}"),
            Route::MeetingGoal(code) => format!("/stul/cil/{code}"),
            Route::Indicators => "/indikatory".to_owned(),
            Route::Budget => "/rozpocet".to_owned(),
            Route::Risks => "/rizika".to_owned(),
            Route::Comparison(earlier, later) => format!("/srovnani/{earlier}/{later}"),
            Route::Reports => "/zpravy".to_owned(),
            Route::OpenData => "/data".to_owned(),
            Route::Timeline => "/harmonogram".to_owned(),
            Route::Search(q) if q.trim().is_empty() => "/hledat".to_owned(),
            Route::Search(q) => format!("/hledat?q={}", encode_query(q.trim())),
            Route::Login => "/prihlaseni".to_owned(),
            Route::Entry => "/zadavani".to_owned(),
            Route::Users => "/uzivatele".to_owned(),
            Route::Manage => "/sprava".to_owned(),
            Route::EditMeasure(code) => format!("/sprava/opatreni/{code}"),
            Route::EditGoal(code) => format!("/sprava/cil/{code}"),
            Route::ManageReports => "/sprava/zpravy".to_owned(),
            Route::ManageWaves => "/sprava/vlny".to_owned(),
            Route::ActionPlans => "/sprava/akcni-plany".to_owned(),
            Route::EditReport(id) => format!("/sprava/zpravy/{id}"),
            Route::ReportPreview(id) => format!("/sprava/zpravy/{id}/nahled"),
            Route::History(entity, id) => format!("/historie/{entity}/{id}"),
        }
    }
}

/// The query parameter naming the action plan a page reads (`?ap=2`); without it, the one in
/// force today.
pub const ACTION_PLAN_PARAM: &str = "ap";

/// The action plan number an `?ap=` value names (1 to 20, as the API allows).
pub fn parse_action_plan(value: &str) -> Option<i32> {
    value.parse::<i32>().ok().filter(|n| (1..=20).contains(n))
}

/// `href` naming action plan `number` (before any `#`, after any other query), so a followed
/// link shows the same action plan; unchanged for `None`.
pub fn with_action_plan(href: String, number: Option<i32>) -> String {
    let Some(number) = number else {
        return href;
    };
    let (path, fragment) = match href.find('#') {
        Some(at) => href.split_at(at),
        None => (href.as_str(), ""),
    };
    let join = if path.contains('?') { '&' } else { '?' };
    format!("{path}{join}{ACTION_PLAN_PARAM}={number}{fragment}")
}

/// The action plan the current page reads, as its address names it (`None`: the one in
/// force). Inside a route, its address; outside the router (none there), `None`.
pub fn chosen_action_plan() -> Option<i32> {
    use leptos::prelude::*;
    let url = use_context::<ArcRwSignal<leptos_router::location::Url>>()?;
    url.with_untracked(|u| u.search_params().get(ACTION_PLAN_PARAM))
        .as_deref()
        .and_then(parse_action_plan)
}

/// `href` carrying the action plan the current page reads ([`chosen_action_plan`]).
pub fn carry(href: String) -> String {
    with_action_plan(href, chosen_action_plan())
}

/// The anchor id of a goal on its area's page: `cil-2.1.3`.
pub fn goal_anchor(code: &Code) -> String {
    format!("cil-{code}")
}

/// A plan code from a URL segment, if it is one of the wanted level.
pub fn code_at(segment: &str, level: Level) -> Option<Code> {
    segment
        .parse::<Code>()
        .ok()
        .filter(|code| code.level() == level && code.to_string() == segment)
}

/// A goal code (strategic or specific) from a URL segment.
pub fn goal_code(segment: &str) -> Option<Code> {
    code_at(segment, Level::StrategicGoal).or_else(|| code_at(segment, Level::SpecificGoal))
}

/// The plan the app shows (its slug in the API's addresses).
pub const PLAN: &str = "ostrava";

/// Percent-encodes a query value: unreserved ASCII stays, everything else (UTF-8 bytes) becomes
/// `%XX`, a space `+`.
pub fn encode_query(value: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(char::from(byte));
            }
            b' ' => out.push('+'),
            _ => {
                out.push('%');
                out.push(char::from(HEX[usize::from(byte >> 4)]));
                out.push(char::from(HEX[usize::from(byte & 0x0f)]));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_carry_the_action_plan_before_the_fragment() {
        assert_eq!(
            with_action_plan("/oblast/2".into(), Some(2)),
            "/oblast/2?ap=2"
        );
        assert_eq!(with_action_plan("/oblast/2".into(), None), "/oblast/2");
        assert_eq!(
            with_action_plan("/oblast/2#cil-2.1.3".into(), Some(1)),
            "/oblast/2?ap=1#cil-2.1.3"
        );
        assert_eq!(
            with_action_plan("/hledat?q=byt".into(), Some(2)),
            "/hledat?q=byt&ap=2"
        );
        assert_eq!(parse_action_plan("2"), Some(2));
        for bad in ["0", "21", "-1", "x", "", "2.0", "99999999999"] {
            assert_eq!(parse_action_plan(bad), None, "{bad}");
        }
    }

    fn code(s: &str) -> Code {
        s.parse().unwrap()
    }

    #[test]
    fn every_route_has_its_czech_path() {
        let cases = [
            (Route::Overview, "/"),
            (Route::Area(code("2")), "/oblast/2"),
            (Route::Goal(code("2.1.3")), "/cil/2.1.3"),
            (Route::Measure(code("2.1.3.4")), "/opatreni/2.1.3.4"),
            (Route::MeetingArea(code("2")), "/stul/oblast/2"),
            (Route::MeetingGoal(code("2.1.3")), "/stul/cil/2.1.3"),
            (Route::Indicators, "/indikatory"),
            (Route::Budget, "/rozpocet"),
            (Route::Risks, "/rizika"),
            (Route::Comparison(1, 2), "/srovnani/1/2"),
            (Route::Reports, "/zpravy"),
            (Route::OpenData, "/data"),
            (Route::Timeline, "/harmonogram"),
            (Route::Search(String::new()), "/hledat"),
            (Route::Search("  ".to_owned()), "/hledat"),
            (
                Route::Search("bydlení".to_owned()),
                "/hledat?q=bydlen%C3%AD",
            ),
            (
                Route::Search("Slezská diakonie".to_owned()),
                "/hledat?q=Slezsk%C3%A1+diakonie",
            ),
            (Route::Search("a&b=c".to_owned()), "/hledat?q=a%26b%3Dc"),
            (Route::Login, "/prihlaseni"),
            (Route::Entry, "/zadavani"),
            (Route::Users, "/uzivatele"),
            (Route::Manage, "/sprava"),
            (
                Route::EditMeasure(code("2.1.3.4")),
                "/sprava/opatreni/2.1.3.4",
            ),
            (Route::EditGoal(code("2.1.3")), "/sprava/cil/2.1.3"),
            (Route::ManageReports, "/sprava/zpravy"),
            (Route::ManageWaves, "/sprava/vlny"),
            (Route::ActionPlans, "/sprava/akcni-plany"),
            (Route::EditReport(3), "/sprava/zpravy/3"),
            (Route::ReportPreview(3), "/sprava/zpravy/3/nahled"),
            (
                Route::History("indicator_value", 12),
                "/historie/indicator_value/12",
            ),
        ];
        for (route, href) in cases {
            assert_eq!(route.href(), href, "{route:?}");
        }
    }

    #[test]
    fn a_code_picks_its_page() {
        assert_eq!(Route::for_code(&code("3")).href(), "/oblast/3");
        assert_eq!(Route::for_code(&code("3.1")).href(), "/cil/3.1");
        assert_eq!(Route::for_code(&code("3.1.2")).href(), "/cil/3.1.2");
        assert_eq!(
            Route::for_code(&code("3.1.2.1")).href(),
            "/opatreni/3.1.2.1"
        );
        assert_eq!(goal_anchor(&code("2.1.3")), "cil-2.1.3");
    }

    #[test]
    fn url_segments_must_be_codes_of_the_right_level() {
        assert_eq!(code_at("2", Level::Area), Some(code("2")));
        assert_eq!(code_at("2.1", Level::Area), None);
        assert_eq!(code_at("x", Level::Area), None);
        assert_eq!(
            code_at("02", Level::Area),
            None,
            "only the canonical spelling"
        );
        assert_eq!(code_at("2.1.3.4", Level::Measure), Some(code("2.1.3.4")));
        assert_eq!(goal_code("2.1"), Some(code("2.1")));
        assert_eq!(goal_code("2.1.3"), Some(code("2.1.3")));
        assert_eq!(goal_code("2"), None);
        assert_eq!(goal_code("2.1.3.4"), None);
    }
}
