//! `GET /graphql/ws`: GraphQL subscriptions (`graphql::Subscription`) over WebSocket with the
//! `graphql-transport-ws` protocol.
//!
//! The protocol is spoken here rather than by async-graphql's own handler, so every limit is
//! ours:
//! - the upgrade: an `Origin` naming another site is refused (403: no page elsewhere may use a
//!   reader's session); without `Origin` (not a browser) the connection is anonymous; the
//!   session cookie otherwise gives the caller, as on `/graphql`; connections per client
//!   address ([`Config::live_per_client`]) and in all ([`Config::live_max`]) are bounded (429);
//! - messages: at most [`MAX_MESSAGE`] bytes; anything not a protocol message closes with
//!   4400; `connection_init` within [`INIT_TIMEOUT`] (else 4408), once (else 4429); a
//!   subscription before it closes with 4401; an id in use with 4409;
//! - subscriptions: only subscription operations, each through the same decoding, parsing
//!   and cost check as `POST /graphql` (`http::analyse`), at most [`MAX_SUBSCRIPTIONS`] at once
//!   (more get an `error` message with `TOO_MANY_SUBSCRIPTIONS`);
//! - sessions: a signed-in connection's session is checked again at every ping; ended, the
//!   connection closes with 4401;
//! - liveness: a `ping` every [`PING_EVERY`]; a client that sends nothing (not even `pong`)
//!   for [`IDLE_TIMEOUT`] is closed (4408), and so is one that does not take what is sent
//!   within [`SEND_TIMEOUT`] (1008): publishing never waits for a slow reader (the events it
//!   misses meanwhile pile up only to `live::BACKLOG`, then its subscription ends with `BUSY`).
//!
//! [`Config::live_per_client`]: crate::config::Config::live_per_client
//! [`Config::live_max`]: crate::config::Config::live_max

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use axum::extract::ws::{CloseFrame, Message, Utf8Bytes, WebSocket, WebSocketUpgrade};
use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use futures_util::stream::{BoxStream, SelectAll};
use futures_util::{SinkExt, StreamExt};
use serde::Deserialize;
use serde_json::{Value, json};

use super::{AppState, analyse, caller};
use crate::auth::RequestAuth;
use crate::error::RequestError;

/// The subprotocol spoken.
pub const PROTOCOL: &str = "graphql-transport-ws";
/// Largest message a client may send.
pub const MAX_MESSAGE: usize = 16 * 1024;
/// Subscriptions one connection may hold at once.
pub const MAX_SUBSCRIPTIONS: usize = 20;
/// How long a new connection has to say `connection_init`.
pub const INIT_TIMEOUT: Duration = Duration::from_secs(10);
/// How often the server pings.
pub const PING_EVERY: Duration = Duration::from_secs(25);
/// A client silent this long (no message, no `pong`) is closed.
pub const IDLE_TIMEOUT: Duration = Duration::from_secs(70);
/// How long one message may take to be taken by the client.
pub const SEND_TIMEOUT: Duration = Duration::from_secs(10);
/// Each connection's read buffer.
const BUFFER: usize = 4 * 1024;
/// What may wait unsent for a client that does not read before its connection fails.
const MAX_UNSENT: usize = 64 * 1024;

/// The live connections open now, per client address.
#[derive(Default)]
pub struct Connections {
    open: Mutex<HashMap<IpAddr, usize>>,
}

impl Connections {
    /// A place for one more connection from `ip`, or `None` over a limit.
    fn take(self: &Arc<Self>, ip: IpAddr, per_client: usize, max: usize) -> Option<Place> {
        let mut open = self.open.lock().unwrap_or_else(PoisonError::into_inner);
        let total: usize = open.values().sum();
        let mine = open.entry(ip).or_default();
        if *mine >= per_client || total >= max {
            return None;
        }
        *mine += 1;
        Some(Place {
            connections: self.clone(),
            ip,
        })
    }

    /// Connections open now.
    pub fn open(&self) -> usize {
        self.open
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .values()
            .sum()
    }
}

/// One connection's place, given back when it closes.
struct Place {
    connections: Arc<Connections>,
    ip: IpAddr,
}

impl Drop for Place {
    fn drop(&mut self) {
        let mut open = self
            .connections
            .open
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if let Some(n) = open.get_mut(&self.ip) {
            *n -= 1;
            if *n == 0 {
                open.remove(&self.ip);
            }
        }
    }
}

/// The upgrade.
pub async fn upgrade(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    ws: WebSocketUpgrade,
) -> Response {
    let text = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    let origin = text("origin");
    if origin.is_some() && crate::auth::is_cross_site(text("host"), origin, None) {
        return refuse(
            StatusCode::FORBIDDEN,
            "FORBIDDEN",
            "live updates are only for this site's own pages (the Origin names another site)",
        );
    }
    let offered = headers
        .get_all("sec-websocket-protocol")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|p| p.trim() == PROTOCOL);
    if !offered {
        return RequestError::BadRequest(format!(
            "live updates speak the `{PROTOCOL}` subprotocol (Sec-WebSocket-Protocol)"
        ))
        .into_response();
    }
    let Some(place) = state.live.take(
        peer.ip(),
        state.config.live_per_client,
        state.config.live_max,
    ) else {
        return refuse(
            StatusCode::TOO_MANY_REQUESTS,
            "RATE_LIMITED",
            "too many live-update connections from this address",
        );
    };
    // Without Origin, not a browser: no cookie speaks for anybody.
    let auth = if origin.is_some() {
        match caller(&state, &headers, peer, false).await {
            Ok(auth) => auth,
            Err(e) => {
                tracing::error!(error = %e, "cannot resolve a live-update caller");
                return RequestError::Internal.into_response();
            }
        }
    } else {
        RequestAuth::default()
    };
    ws.protocols([PROTOCOL])
        .max_message_size(MAX_MESSAGE)
        .max_frame_size(MAX_MESSAGE)
        // The library's 128 KiB read and write buffers per connection would be most of a
        // connection's memory (benches/live.rs); messages here are small and rare.
        .read_buffer_size(BUFFER)
        .write_buffer_size(0)
        .max_write_buffer_size(MAX_UNSENT)
        .on_upgrade(move |socket| async move {
            Connection::new(state, auth).serve(socket).await;
            drop(place);
        })
}

fn refuse(status: StatusCode, code: &str, message: &str) -> Response {
    (
        status,
        axum::Json(json!({ "errors": [{ "message": message, "extensions": { "code": code } }] })),
    )
        .into_response()
}

/// A message of the client.
#[derive(Debug, Deserialize, PartialEq)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
enum ClientMessage {
    ConnectionInit {
        #[serde(default)]
        payload: Option<Value>,
    },
    Ping {
        #[serde(default)]
        payload: Option<Value>,
    },
    Pong {
        #[serde(default)]
        payload: Option<Value>,
    },
    Subscribe {
        id: String,
        payload: Value,
    },
    Complete {
        id: String,
    },
}

/// Why a connection is closed, as the protocol numbers it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Close {
    Invalid,
    Unauthorized,
    InitTimeout,
    TooManyInits,
    IdInUse,
    Idle,
    Slow,
}

impl Close {
    fn frame(self) -> CloseFrame {
        let (code, reason) = match self {
            Close::Invalid => (4400, "Invalid message"),
            Close::Unauthorized => (4401, "Unauthorized"),
            Close::InitTimeout => (4408, "Connection initialisation timeout"),
            Close::TooManyInits => (4429, "Too many initialisation requests"),
            Close::IdInUse => (4409, "Subscriber for this id already exists"),
            Close::Idle => (4408, "No message within the idle timeout"),
            Close::Slow => (1008, "Messages were not taken in time"),
        };
        CloseFrame {
            code,
            reason: Utf8Bytes::from_static(reason),
        }
    }
}

/// What one subscription's stream yields: the next answer, or the end.
type Item = (String, Option<async_graphql::Response>);

struct Connection {
    state: AppState,
    auth: RequestAuth,
    /// The open subscriptions: their ids and the senders that stop them.
    active: HashMap<String, tokio::sync::oneshot::Sender<()>>,
}

impl Connection {
    fn new(state: AppState, auth: RequestAuth) -> Connection {
        Connection {
            state,
            auth,
            active: HashMap::new(),
        }
    }

    async fn serve(mut self, socket: WebSocket) {
        let (mut sink, mut source) = socket.split();
        let outcome = self.run(&mut sink, &mut source).await;
        if let Err(close) = outcome {
            // A slow client is not waited for again.
            if close != Close::Slow {
                let _ = tokio::time::timeout(
                    SEND_TIMEOUT,
                    sink.send(Message::Close(Some(close.frame()))),
                )
                .await;
            }
        }
    }

    async fn run(
        &mut self,
        sink: &mut (impl futures_util::Sink<Message> + Unpin),
        source: &mut (impl futures_util::Stream<Item = Result<Message, axum::Error>> + Unpin),
    ) -> Result<(), Close> {
        // The first message must be connection_init.
        match tokio::time::timeout(INIT_TIMEOUT, next_message(source)).await {
            Err(_) => return Err(Close::InitTimeout),
            Ok(None) => return Ok(()),
            Ok(Some(Err(close))) => return Err(close),
            Ok(Some(Ok(ClientMessage::ConnectionInit { .. }))) => {}
            Ok(Some(Ok(ClientMessage::Ping { .. }))) => {
                // Allowed before init by the protocol; still expect init next.
                send(sink, json!({ "type": "pong" })).await?;
                return Box::pin(self.run(sink, source)).await;
            }
            Ok(Some(Ok(_))) => return Err(Close::Unauthorized),
        }
        send(sink, json!({ "type": "connection_ack" })).await?;

        let mut streams: SelectAll<BoxStream<'static, Item>> = SelectAll::new();
        let mut ping = tokio::time::interval(PING_EVERY);
        ping.tick().await;
        let idle = tokio::time::sleep(IDLE_TIMEOUT);
        tokio::pin!(idle);
        loop {
            tokio::select! {
                heard = next_message(source) => {
                    idle.as_mut().reset(tokio::time::Instant::now() + IDLE_TIMEOUT);
                    match heard {
                        None => return Ok(()),
                        Some(Err(close)) => return Err(close),
                        Some(Ok(message)) => self.on_message(message, sink, &mut streams).await?,
                    }
                }
                Some((id, answer)) = streams.next(), if !streams.is_empty() => {
                    match answer {
                        Some(answer) => {
                            let message = next(&id, answer);
                            if message["type"] == "error" {
                                // An error ends the operation: no `complete` follows.
                                self.active.remove(&id);
                            }
                            send(sink, message).await?;
                        }
                        None => {
                            // Ended by the server (or stopped by the client, who is not told).
                            if self.active.remove(&id).is_some() {
                                send(sink, json!({ "type": "complete", "id": id })).await?;
                            }
                        }
                    }
                }
                _ = ping.tick() => {
                    self.still_signed_in().await?;
                    send(sink, json!({ "type": "ping" })).await?;
                }
                () = &mut idle => return Err(Close::Idle),
            }
        }
    }

    /// A signed-in connection hears drafts only while its session lasts: it is checked again
    /// at every ping (without keeping it alive), and a connection whose session ended (signed
    /// out, expired, the account's rights changed) is closed (4401); the app reconnects as
    /// what it is now.
    async fn still_signed_in(&self) -> Result<(), Close> {
        let (Some(token), Some(actor)) = (&self.auth.token, &self.auth.actor) else {
            return Ok(());
        };
        let settings = self.state.config.sessions();
        match crate::auth::session::lasts(&self.state.db, token, &settings, actor).await {
            Ok(true) => Ok(()),
            Ok(false) => Err(Close::Unauthorized),
            Err(e) => {
                tracing::warn!(error = %e, "cannot check a live connection's session");
                Ok(())
            }
        }
    }

    async fn on_message(
        &mut self,
        message: ClientMessage,
        sink: &mut (impl futures_util::Sink<Message> + Unpin),
        streams: &mut SelectAll<BoxStream<'static, Item>>,
    ) -> Result<(), Close> {
        match message {
            ClientMessage::ConnectionInit { .. } => Err(Close::TooManyInits),
            ClientMessage::Ping { .. } => send(sink, json!({ "type": "pong" })).await,
            ClientMessage::Pong { .. } => Ok(()),
            ClientMessage::Complete { id } => {
                if let Some(stop) = self.active.remove(&id) {
                    let _ = stop.send(());
                }
                Ok(())
            }
            ClientMessage::Subscribe { id, payload } => {
                if self.active.contains_key(&id) {
                    return Err(Close::IdInUse);
                }
                if self.active.len() >= MAX_SUBSCRIPTIONS {
                    return send(
                        sink,
                        error(
                            &id,
                            "TOO_MANY_SUBSCRIPTIONS",
                            &format!(
                                "at most {MAX_SUBSCRIPTIONS} subscriptions per connection; complete one first"
                            ),
                        ),
                    )
                    .await;
                }
                match self.start(&payload).await {
                    Err(refused) => {
                        send(sink, error(&id, refused.code(), &refused.message())).await
                    }
                    Ok(answers) => {
                        let (stop, stopped) = tokio::sync::oneshot::channel();
                        self.active.insert(id.clone(), stop);
                        let mine = id.clone();
                        let stream = answers
                            .map(move |a| (mine.clone(), Some(a)))
                            .take_until(stopped)
                            .chain(futures_util::stream::once(async move { (id, None) }));
                        streams.push(stream.boxed());
                        Ok(())
                    }
                }
            }
        }
    }

    /// The answers of a subscription, or why it is refused before it runs.
    async fn start(
        &self,
        payload: &Value,
    ) -> Result<BoxStream<'static, async_graphql::Response>, RequestError> {
        let body = serde_json::to_vec(payload).map_err(|_| RequestError::Internal)?;
        let state = &self.state;
        let mut analysed = analyse(&state.costs, &state.persisted, &state.analysed, &body)?;
        let subscription = analysed
            .request
            .parsed_query()
            .map_err(|e| RequestError::BadRequest(e.to_string()))?
            .operations
            .iter()
            .all(|(_, op)| op.node.ty == async_graphql::parser::types::OperationType::Subscription);
        if !subscription || analysed.mutation {
            return Err(RequestError::BadRequest(
                "only subscriptions are served here; send queries and mutations to POST /graphql"
                    .to_owned(),
            ));
        }
        let request = analysed.request.data(self.auth.clone());
        Ok(state
            .schema
            .execute_stream(request)
            .map(|mut answer| {
                for e in &mut answer.errors {
                    super::answer::ensure_code(e);
                }
                answer
            })
            .boxed())
    }
}

/// The next protocol message, `None` when the client closed; anything else closes with 4400.
async fn next_message(
    source: &mut (impl futures_util::Stream<Item = Result<Message, axum::Error>> + Unpin),
) -> Option<Result<ClientMessage, Close>> {
    loop {
        return match source.next().await? {
            Err(_) => None,
            Ok(Message::Text(text)) => Some(parse(text.as_str())),
            Ok(Message::Close(_)) => None,
            // WebSocket-level pings are answered by the library.
            Ok(Message::Ping(_) | Message::Pong(_)) => continue,
            Ok(Message::Binary(_)) => Some(Err(Close::Invalid)),
        };
    }
}

/// A client's text message.
fn parse(text: &str) -> Result<ClientMessage, Close> {
    let message: ClientMessage = serde_json::from_str(text).map_err(|_| Close::Invalid)?;
    match &message {
        ClientMessage::Subscribe { id, payload }
            if id.is_empty() || id.len() > 128 || !payload.is_object() =>
        {
            Err(Close::Invalid)
        }
        _ => Ok(message),
    }
}

/// A `next` message; an answer refused before it ran (no data) is an `error` message.
fn next(id: &str, answer: async_graphql::Response) -> Value {
    let refused = answer.data == async_graphql::Value::Null && !answer.errors.is_empty();
    if refused {
        return json!({ "type": "error", "id": id, "payload": answer.errors });
    }
    json!({ "type": "next", "id": id, "payload": answer })
}

fn error(id: &str, code: &str, message: &str) -> Value {
    json!({
        "type": "error",
        "id": id,
        "payload": [{ "message": message, "extensions": { "code": code } }],
    })
}

async fn send(
    sink: &mut (impl futures_util::Sink<Message> + Unpin),
    message: Value,
) -> Result<(), Close> {
    match tokio::time::timeout(
        SEND_TIMEOUT,
        sink.send(Message::Text(message.to_string().into())),
    )
    .await
    {
        Ok(Ok(())) => Ok(()),
        // The client is gone: nothing more to say.
        Ok(Err(_)) => Err(Close::Slow),
        Err(_) => Err(Close::Slow),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn protocol_messages_are_read_and_anything_else_refused() {
        assert_eq!(
            parse(r#"{"type":"connection_init"}"#),
            Ok(ClientMessage::ConnectionInit { payload: None })
        );
        assert_eq!(
            parse(r#"{"type":"complete","id":"1"}"#),
            Ok(ClientMessage::Complete { id: "1".into() })
        );
        assert!(matches!(
            parse(
                r#"{"type":"subscribe","id":"a","payload":{"query":"subscription{planChanged{revision}}"}}"#
            ),
            Ok(ClientMessage::Subscribe { .. })
        ));
        for bad in [
            "",
            "not json",
            "[]",
            r#"{"type":"start","id":"1"}"#,
            r#"{"type":"subscribe","payload":{}}"#,
            r#"{"type":"subscribe","id":"","payload":{}}"#,
            r#"{"type":"subscribe","id":"1","payload":"query"}"#,
            r#"{"type":"complete"}"#,
            r#"{"type":"ping","extra":1}"#,
        ] {
            assert_eq!(parse(bad), Err(Close::Invalid), "{bad}");
        }
        let long = format!(
            r#"{{"type":"subscribe","id":"{}","payload":{{}}}}"#,
            "x".repeat(200)
        );
        assert_eq!(parse(&long), Err(Close::Invalid));
    }

    #[test]
    fn connections_are_bounded_per_address_and_in_all() {
        let c = Arc::new(Connections::default());
        let (a, b): (IpAddr, IpAddr) = ("10.0.0.1".parse().unwrap(), "10.0.0.2".parse().unwrap());
        let first = c.take(a, 2, 3).expect("one");
        let second = c.take(a, 2, 3).expect("two");
        assert!(c.take(a, 2, 3).is_none(), "a third from one address");
        let other = c.take(b, 2, 3).expect("another address");
        assert!(c.take(b, 2, 3).is_none(), "three in all");
        assert_eq!(c.open(), 3);
        drop((first, second, other));
        assert_eq!(c.open(), 0, "places come back");
        assert!(c.take(a, 2, 3).is_some());
    }

    #[test]
    fn answers_refused_before_running_are_errors() {
        let refused = async_graphql::Response::from_errors(vec![async_graphql::ServerError::new(
            "unknown field",
            None,
        )]);
        assert_eq!(next("1", refused)["type"], "error");
        let answer = async_graphql::Response::new(
            async_graphql::value!({ "planChanged": { "revision": 3 } }),
        );
        let sent = next("1", answer);
        assert_eq!(sent["type"], "next");
        assert_eq!(sent["payload"]["data"]["planChanged"]["revision"], 3);
    }
}
