//! The router and the page layout (header, navigation, main) that every route shares.

use leptos::prelude::*;
use leptos_router::components::{A, Route, Router, Routes};
use leptos_router::path;

use crate::pages::{NotFoundPage, OverviewPage};

/// The whole app: a header with the site name and navigation, then the page the URL names.
#[component]
pub fn App() -> impl IntoView {
    view! {
        <Router>
            <header class="site-header">
                <div class="wrap">
                    <A href="/" attr:class="brand">
                        "psz-monitor"
                    </A>
                    <nav aria-label="Hlavní navigace">
                        <ul>
                            <li>
                                <A href="/">"Přehled"</A>
                            </li>
                        </ul>
                    </nav>
                </div>
            </header>
            <main id="obsah" class="wrap">
                <Routes fallback=NotFoundPage>
                    <Route path=path!("/") view=OverviewPage />
                </Routes>
            </main>
        </Router>
    }
}
