//! Who is signed in: asked of the server (`me`) when the app starts, changed by login and
//! logout, and provided to every component. The CSRF token the server gave the session rides
//! along and goes into the header of every mutation ([`mutate`]).

use leptos::prelude::*;
use leptos::task::spawn_local;
use serde::Deserialize;
use shared::role::Role;

use crate::api::{ClientError, send};
use crate::queries;

/// The signed-in user as the app knows them.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Me {
    pub id: i32,
    pub email: String,
    pub name: String,
    /// Deserialized from the API's enum value (`ADMIN`, `COORDINATOR`…).
    pub role: Role,
    pub csrf_token: String,
}

/// What the signed-in user may do: the role's rights from `shared::role`, the ones the
/// server's `auth::policy` builds on (which then scopes them to plans and organisations).
impl Me {
    /// Publishes drafts and edits the plan (coordinators and admins).
    pub fn publishes(&self) -> bool {
        self.role.publishes()
    }

    /// Creates and changes accounts (admins).
    pub fn manages_users(&self) -> bool {
        self.role.manages_users()
    }

    /// Reads everything and changes nothing (viewers).
    pub fn changes_nothing(&self) -> bool {
        self.role.changes_nothing()
    }

    /// Reads the plan's internal data and its history (everyone but implementers).
    pub fn reads_internal(&self) -> bool {
        self.role.reads_internal()
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
pub(crate) struct MeData {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn me(role: &str) -> Me {
        serde_json::from_value(serde_json::json!({
            "id": 1, "email": "a@psz.test", "name": "A", "role": role, "csrfToken": "t"
        }))
        .expect("`me` as the API sends it")
    }

    #[test]
    fn me_reads_the_apis_role_and_asks_the_shared_rights() {
        for role in Role::ALL {
            let m = me(role.as_str());
            assert_eq!(m.role, role);
            assert_eq!(m.publishes(), role.publishes());
            assert_eq!(m.manages_users(), role.manages_users());
            assert_eq!(m.changes_nothing(), role.changes_nothing());
            assert_eq!(m.reads_internal(), role.reads_internal());
        }
        let unknown = serde_json::from_value::<Me>(serde_json::json!({
            "id": 1, "email": "a@psz.test", "name": "A", "role": "admin", "csrfToken": "t"
        }));
        assert!(unknown.is_err(), "role names are the API's enum values");
    }
}
