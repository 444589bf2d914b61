//! A `graphql-transport-ws` client for the live-update tests and the subscribers' benchmark:
//! plain WebSocket messages, no GraphQL client library, so the server's side of the protocol
//! is what is tested.

use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use serde_json::{Value, json};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::http::HeaderValue;
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;
use tokio_tungstenite::tungstenite::{Error, Message};
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

/// The subscription the app makes.
pub const PLAN_CHANGED: &str = "subscription($plan: String) { planChanged(plan: $plan) { plan revision at published changes { kind code goal measure area published } } }";

/// One live connection.
pub struct Live {
    socket: WebSocketStream<MaybeTlsStream<TcpStream>>,
}

/// What the server said.
#[derive(Debug)]
pub enum Heard {
    Message(Value),
    /// The server closed with this code and reason.
    Closed(u16, String),
}

impl Live {
    /// Opens `/graphql/ws` of the server at `base` (`http://…`) with the protocol, this site's
    /// `Origin` unless `origin` says another (`Some("")`: none), and a cookie.
    pub async fn open(base: &str, origin: Option<&str>, cookie: Option<&str>) -> Result<Live, u16> {
        let ws = format!("{}/graphql/ws", base.replacen("http", "ws", 1));
        let mut request = ws.into_client_request().expect("request");
        let headers = request.headers_mut();
        headers.insert(
            "sec-websocket-protocol",
            HeaderValue::from_static("graphql-transport-ws"),
        );
        match origin {
            Some("") => {}
            Some(o) => {
                headers.insert("origin", HeaderValue::from_str(o).expect("origin"));
            }
            None => {
                headers.insert("origin", HeaderValue::from_str(base).expect("origin"));
            }
        }
        if let Some(c) = cookie {
            headers.insert("cookie", HeaderValue::from_str(c).expect("cookie"));
        }
        // Small buffers, so a benchmark's thousands of clients in one process weigh little
        // beside the server's connections.
        let config = tokio_tungstenite::tungstenite::protocol::WebSocketConfig::default()
            .read_buffer_size(4096)
            .write_buffer_size(0);
        match tokio_tungstenite::connect_async_with_config(request, Some(config), false).await {
            Ok((socket, _)) => Ok(Live { socket }),
            Err(Error::Http(response)) => Err(response.status().as_u16()),
            Err(e) => panic!("cannot connect: {e}"),
        }
    }

    /// Opens and initialises (`connection_init` → `connection_ack`).
    pub async fn connect(base: &str, cookie: Option<&str>) -> Live {
        let mut live = Live::open(base, None, cookie).await.expect("upgraded");
        live.send(json!({ "type": "connection_init" })).await;
        match live.next(Duration::from_secs(5)).await {
            Some(Heard::Message(m)) if m["type"] == "connection_ack" => live,
            other => panic!("no connection_ack: {other:?}"),
        }
    }

    pub async fn send(&mut self, message: Value) {
        self.send_text(&message.to_string()).await;
    }

    pub async fn send_text(&mut self, text: &str) {
        self.socket
            .send(Message::Text(text.into()))
            .await
            .expect("sent");
    }

    /// Subscribes `id` to the plan's changes.
    pub async fn subscribe(&mut self, id: &str) {
        self.send(json!({
            "id": id, "type": "subscribe",
            "payload": { "query": PLAN_CHANGED, "variables": {} },
        }))
        .await;
    }

    /// The next protocol message (server pings answered and skipped), or `None` after `wait`.
    pub async fn next(&mut self, wait: Duration) -> Option<Heard> {
        let deadline = tokio::time::Instant::now() + wait;
        loop {
            let got = tokio::time::timeout_at(deadline, self.socket.next())
                .await
                .ok()?;
            match got {
                None => return Some(Heard::Closed(1006, "gone".into())),
                Some(Err(_)) => return Some(Heard::Closed(1006, "error".into())),
                Some(Ok(Message::Text(t))) => {
                    let v: Value = serde_json::from_str(t.as_str()).expect("JSON");
                    if v["type"] == "ping" {
                        self.send(json!({ "type": "pong" })).await;
                        continue;
                    }
                    return Some(Heard::Message(v));
                }
                Some(Ok(Message::Close(frame))) => {
                    return Some(match frame {
                        Some(f) => Heard::Closed(u16::from(f.code), f.reason.to_string()),
                        None => Heard::Closed(u16::from(CloseCode::Status), String::new()),
                    });
                }
                Some(Ok(_)) => {}
            }
        }
    }

    /// The next `next` message's `planChanged`, or `None` after `wait`.
    pub async fn event(&mut self, wait: Duration) -> Option<Value> {
        match self.next(wait).await? {
            Heard::Message(m) if m["type"] == "next" => {
                Some(m["payload"]["data"]["planChanged"].clone())
            }
            other => panic!("expected an event, heard {other:?}"),
        }
    }
}
