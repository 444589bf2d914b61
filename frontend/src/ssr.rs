//! Rendering a public page to HTML on the server, with the same components the browser runs.
//!
//! The server renders a page twice: first with nothing carried, which tells it the document and
//! variables the page wants ([`Page::wanted`]); it executes them against its schema in-process
//! (no HTTP, anonymous, through the response cache) and renders again with the answer
//! ([`crate::prefetch::Carried`]), which it also writes into the page for the app to take over.
//! Pages that want nothing (not found, the empty search) are done after the first render.
//!
//! Rendering is synchronous: no resource, no suspense, no effect runs on the server.

use leptos::prelude::*;
use leptos::tachys::view::RenderHtml;
use leptos_router::location::RequestUrl;
use shared::Date;
use shared::format::Lang;

use crate::browser::Head;
use crate::prefetch::{Carried, Slot, Wanted};

/// What the server renders: an address of the public app in a language on a day.
#[derive(Debug, Clone)]
pub struct Request<'a> {
    /// Path and query (`/hledat?q=bydleni`).
    pub path: &'a str,
    pub lang: Lang,
    pub today: Date,
    /// The site's address as people reach it (`https://psz.example.org`, no `/` at the end),
    /// for what a page prints of it (the meeting view's address under its QR code).
    pub site: &'a str,
}

/// A rendered page.
#[derive(Debug, Clone)]
pub struct Page {
    /// The inside of `<body>`: the app's HTML, exactly as the app takes it over.
    pub body: String,
    /// The tab's title.
    pub title: String,
    /// Which page it is (`overview`, `measure` …; `not-found`), as its `data-page` says.
    pub kind: String,
    /// Whether it is the not-found page (status 404).
    pub not_found: bool,
    /// The document and variables the page asked for and did not find carried.
    pub wanted: Option<crate::prefetch::Request>,
}

/// Renders the app at `request.path`, the page given `carried` as its data.
pub fn render(request: &Request<'_>, carried: Option<Carried>) -> Page {
    let head = Head::default();
    let wanted = Wanted::default();
    let owner = Owner::new_root(None);
    let body = owner.with(|| {
        provide_context(RequestUrl::new(request.path));
        provide_context(request.lang);
        provide_context(request.today);
        provide_context(crate::browser::SiteAddress(request.site.to_owned()));
        provide_context(Slot::new(carried));
        provide_context(wanted.clone());
        provide_context(head.clone());
        crate::app::App().to_html()
    });
    drop(owner);
    let facts = head.facts();
    Page {
        kind: page_kind(&body),
        body,
        title: facts.title,
        not_found: facts.not_found,
        wanted: wanted.get(),
    }
}

/// The page's description for search engines and shared links' previews: its title and what
/// such a page shows.
pub fn description(kind: &str, title: &str, lang: Lang) -> String {
    let cs = lang == Lang::Cs;
    let what = match kind {
        "overview" if cs => {
            "Jak statutární město Ostrava plní Plán sociálního začleňování 2022–2027: šest oblastí, \
             pokrok cílů, stav opatření, peníze plánované a čerpané, každý údaj se zdrojem."
        }
        "overview" => {
            "How the City of Ostrava implements its Social Inclusion Plan 2022–2027: six areas, \
             goals' progress, measures' status, money planned and drawn, every figure sourced."
        }
        "area" if cs => "Cíle oblasti, jejich pokrok proti cílovým hodnotám, opatření a rozpočet.",
        "area" => "The area's goals, their progress against targets, measures and budget.",
        "goal" if cs => "Cílové hodnoty, indikátory dopadu se všemi měřeními a opatření cíle.",
        "goal" => "Targets, impact indicators with every measurement, and the goal's measures.",
        "measure" if cs => {
            "Stav, realizátoři, náklady, financování a projekty opatření, každý údaj se zdrojem."
        }
        "measure" => "Status, implementers, costs, funding and projects, every figure sourced.",
        "meeting" if cs => {
            "Režim pro jednání: plnění cílů, stav opatření a poslední změny velkým písmem, s QR kódem."
        }
        "meeting" => {
            "Meeting view: progress toward targets, measures' status and the latest changes in large type, with a QR code."
        }
        "indicators" if cs => {
            "Globální a kontextové indikátory: město a kraj, výchozí a očekávané hodnoty."
        }
        "indicators" => {
            "Global and context indicators: city and region, baselines and expectations."
        }
        "budget" if cs => "Odhadované náklady a zdroje financování podle oblastí, projekty EU.",
        "budget" => "Estimated costs and funding sources by area, EU projects.",
        "comparison" if cs => {
            "Srovnání akčních plánů: nová, ukončená a změněná opatření, náklady podle oblastí a zdrojů."
        }
        "comparison" => {
            "Action plans compared: measures added, ended and changed, costs by area and source."
        }
        "risks" if cs => "Rizika realizace plánu, jejich pravděpodobnost, dopad a opatření.",
        "risks" => "Risks to the plan's implementation, their probability, impact and responses.",
        "reports" if cs => "Každoroční zprávy o naplňování Plánu ke stažení (PDF a DOCX).",
        "reports" => "The yearly implementation reports to download (PDF and DOCX).",
        "open-data" if cs => {
            "Všechny zveřejněné údaje Plánu ke stažení v CSV, XLSX a JSON a jako datový balíček."
        }
        "open-data" => {
            "Every published figure of the plan to download as CSV, XLSX, JSON and a data package."
        }
        "timeline" if cs => "Harmonogram plánu: co probíhá, co nastává a co proběhlo.",
        "timeline" => "The plan's timeline: what is under way, upcoming and done.",
        "search" if cs => {
            "Hledání oblastí, cílů, opatření a realizátorů Plánu sociálního začleňování."
        }
        "search" => "Search the plan's areas, goals, measures and implementers.",
        _ if cs => "Plán sociálního začleňování statutárního města Ostravy 2022–2027.",
        _ => "The City of Ostrava's Social Inclusion Plan 2022–2027.",
    };
    let title = title.rsplit_once(" – ").map_or(title, |(page, _site)| page);
    format!("{title}. {what}")
}

/// The `data-page` of the page's article.
fn page_kind(body: &str) -> String {
    const MARK: &str = "data-page=\"";
    body.find("<article ")
        .map(|at| &body[at..])
        .and_then(|article| article.find(MARK).map(|at| &article[at + MARK.len()..]))
        .and_then(|rest| rest.split('"').next())
        .unwrap_or("")
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(path: &str) -> Request<'_> {
        Request {
            path,
            lang: Lang::Cs,
            today: Date::new(2026, 12, 3).expect("date"),
            site: "https://psz.example.org",
        }
    }

    #[test]
    fn a_page_with_data_asks_for_its_document_first() {
        let page = render(&request("/oblast/2"), None);
        let (query, variables) = page.wanted.expect("the area page wants its document");
        assert_eq!(query, crate::queries::AREA);
        assert_eq!(variables, Some(serde_json::json!({ "code": "2" })));
        assert_eq!(page.kind, "area");
        assert!(
            page.body.contains("data-state=\"loading\""),
            "{}",
            page.body
        );
    }

    #[test]
    fn an_unknown_address_is_the_not_found_page_and_wants_nothing() {
        let page = render(&request("/nic/takoveho"), None);
        assert!(page.not_found);
        assert!(page.wanted.is_none());
        assert_eq!(page.kind, "not-found");
        assert!(
            page.title.starts_with("Stránka nenalezena"),
            "{}",
            page.title
        );
    }

    #[test]
    fn the_carried_answer_is_rendered_and_an_error_shows_as_one() {
        let (query, variables) = render(&request("/oblast/2"), None).wanted.expect("wanted");
        let carried = Carried {
            document: crate::prefetch::document_key(query),
            variables,
            status: 200,
            response: serde_json::json!({ "errors": [
                { "message": "no area 2", "extensions": { "code": "NOT_FOUND" } }
            ]}),
            today: Date::new(2026, 12, 3).expect("date"),
        };
        let page = render(&request("/oblast/2"), Some(carried));
        assert!(page.wanted.is_none());
        assert!(page.not_found, "a NOT_FOUND answer is the not-found page");
    }
}
