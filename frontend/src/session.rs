//! Who is signed in: asked of the server (`me`) when the app starts, changed by login and
//! logout, and provided to every component. The CSRF token the server gave the session rides
//! along and goes into the header of every mutation ([`mutate`]).

use leptos::prelude::*;
use leptos::task::spawn_local;
use serde::Deserialize;

use crate::api::{ClientError, send};
use crate::queries;

/// The signed-in user as the app knows them.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Me {
    pub id: i32,
    pub email: String,
    pub name: String,
    /// `ADMIN`, `COORDINATOR`, `IMPLEMENTER` or `VIEWER`.
    pub role: String,
    pub csrf_token: String,
}

impl Me {
    /// Coordinators and admins publish drafts and edit the plan.
    pub fn publishes(&self) -> bool {
        matches!(self.role.as_str(), "ADMIN" | "COORDINATOR")
    }

    pub fn is_admin(&self) -> bool {
        self.role == "ADMIN"
    }

    /// Viewers read everything and change nothing.
    pub fn is_viewer(&self) -> bool {
        self.role == "VIEWER"
    }

    /// Everyone but implementers reads the plan's internal data and its history.
    pub fn reads_internal(&self) -> bool {
        self.role != "IMPLEMENTER"
    }
}

/// What the app knows of the session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SessionState {
    /// The server has not answered `me` yet.
    Unknown,
    Anonymous,
    SignedIn(Me),
}

impl SessionState {
    pub fn me(&self) -> Option<&Me> {
        match self {
            SessionState::SignedIn(me) => Some(me),
            _ => None,
        }
    }
}

#[derive(Deserialize)]
struct MeData {
    me: Option<Me>,
}

/// Provides the session signal and asks the server who is signed in.
pub fn provide_session() -> RwSignal<SessionState> {
    let state = RwSignal::new(SessionState::Unknown);
    provide_context(state);
    spawn_local(async move {
        let answer = send(queries::ME, None, None).await;
        let me = answer
            .ok()
            .and_then(|v| serde_json::from_value::<MeData>(v).ok())
            .and_then(|d| d.me);
        state.set(me.map_or(SessionState::Anonymous, SessionState::SignedIn));
    });
    state
}

/// The session signal (anonymous outside the app's tree).
pub fn use_session() -> RwSignal<SessionState> {
    use_context::<RwSignal<SessionState>>()
        .unwrap_or_else(|| RwSignal::new(SessionState::Anonymous))
}

/// Sends a mutation (or a signed-in query) with the session's CSRF token.
pub async fn mutate(
    query: &str,
    variables: serde_json::Value,
) -> Result<serde_json::Value, ClientError> {
    let token = use_session()
        .get_untracked()
        .me()
        .map(|m| m.csrf_token.clone());
    send(query, Some(variables), token.as_deref()).await
}

/// Sends with a known session signal (for callbacks outside a reactive owner).
pub async fn mutate_as(
    session: RwSignal<SessionState>,
    query: &str,
    variables: serde_json::Value,
) -> Result<serde_json::Value, ClientError> {
    let token = session.get_untracked().me().map(|m| m.csrf_token.clone());
    send(query, Some(variables), token.as_deref()).await
}
