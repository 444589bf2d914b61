//! The app and GraphiQL under the server's Content-Security-Policy: both run, with the policy
//! on their responses and no violation reported (a blocked inline script, style attribute or
//! CDN file would be one), and GraphiQL answers a query from files the server itself serves.

use std::time::{Duration, Instant};

use super::{READY_TIMEOUT, Session, page};

impl Session {
    /// Records every Content-Security-Policy violation of the next documents in
    /// `window.__cspViolations` (a script the browser injects, which the policy does not govern).
    fn watch_csp(&self) {
        self.on_every_document("window.__cspViolations = []; document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));");
    }

    fn csp_violations(&self) -> serde_json::Value {
        self.eval_json("window.__cspViolations")
    }

    /// The `Content-Security-Policy` header of a GET of `path`.
    fn policy_of(&self, path: &str) -> String {
        self.eval_string(&format!(
            "fetch({path}).then(r => r.headers.get('content-security-policy') || '')",
            path = serde_json::to_string(path).expect("json")
        ))
    }
}

#[test]
fn the_app_runs_under_the_strict_policy() {
    let p = page();
    p.watch_csp();
    p.open("/", "overview");
    p.open("/rozpocet", "budget");
    let policy = p.policy_of("/");
    assert!(
        policy.contains("script-src 'self' 'wasm-unsafe-eval'")
            && policy.contains("style-src 'self'"),
        "the page comes with the policy: {policy:?}"
    );
    assert!(!policy.contains("unsafe-inline"), "{policy}");
    // Bars are drawn with widths set through the CSSOM, which the policy allows.
    let widths = p.eval_json(
        "[...document.querySelectorAll('.money-fill')].map(e => getComputedStyle(e).width)",
    );
    assert!(
        widths
            .as_array()
            .is_some_and(|w| w.iter().any(|w| w != "0px" && w != "auto")),
        "budget bars have widths: {widths}"
    );
    assert_eq!(p.csp_violations(), serde_json::json!([]), "no violation");
}

#[test]
fn graphiql_is_served_locally_and_answers_a_query() {
    let p = page();
    p.viewport(1280, 800);
    p.watch_csp();
    p.tab
        .navigate_to(&format!("{}/graphql", p.base))
        .expect("navigate");
    p.tab
        .wait_for_element(".graphiql-execute-button")
        .expect("GraphiQL renders");
    let scripts = p.eval_json("[...document.scripts].map(s => s.src)");
    assert!(
        scripts.as_array().is_some_and(|s| !s.is_empty()
            && s.iter().all(|src| src
                .as_str()
                .is_some_and(|src| src.starts_with(&format!("{}/graphql/assets/", p.base))))),
        "every script is the server's own, none inline: {scripts}"
    );
    p.click_link(".graphiql-execute-button", "");
    // The default query lists the plan's areas.
    let deadline = Instant::now() + READY_TIMEOUT;
    while !p.text().contains("Bydlení") {
        assert!(
            Instant::now() < deadline,
            "no answer in GraphiQL: {}",
            p.text()
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    p.screenshot("graphiql");
    let policy = p.policy_of("/graphql");
    assert!(policy.contains("default-src 'self'"), "{policy:?}");
    assert_eq!(p.csp_violations(), serde_json::json!([]), "no violation");
}
