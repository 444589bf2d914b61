//! The tab's one socket.

use std::cell::RefCell;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{CloseEvent, MessageEvent, WebSocket};

use super::{LiveContext, News};
use crate::logic::live::{
    PATH, PROTOCOL, Reply, STEADY_MS, backoff_ms, connection_init, ping, reply,
};

/// The socket's state.
struct Socket {
    live: LiveContext,
    ws: Option<WebSocket>,
    /// Reconnection attempts since the last steady connection.
    attempt: u32,
    /// When the current connection's subscription went live (ms since the epoch).
    acked_at: Option<f64>,
    /// A subscription went live before: the next one going live means a reconnection.
    connected_before: bool,
    retry: Option<TimeoutHandle>,
    /// The page is in the back-forward cache.
    paused: bool,
    handlers: Handlers,
}

/// The socket's event handlers, made once and set on every new socket.
struct Handlers {
    open: Closure<dyn FnMut()>,
    message: Closure<dyn FnMut(MessageEvent)>,
    close: Closure<dyn FnMut(CloseEvent)>,
}

thread_local! {
    static SOCKET: RefCell<Option<Socket>> = const { RefCell::new(None) };
}

/// Opens the tab's socket (once).
pub(super) fn start(live: LiveContext) {
    let started = SOCKET.with_borrow(Option::is_some);
    if started {
        return;
    }
    let handlers = Handlers {
        open: Closure::new(opened),
        message: Closure::new(received),
        close: Closure::new(|_: CloseEvent| lost()),
    };
    SOCKET.set(Some(Socket {
        live,
        ws: None,
        attempt: 0,
        acked_at: None,
        connected_before: false,
        retry: None,
        paused: false,
        handlers,
    }));
    // The back-forward cache keeps no page with an open socket: close it on the way in,
    // open it on the way back (and re-read, as after any reconnection).
    let _ = window_event_listener_untyped("pagehide", |_| pause());
    let _ = window_event_listener_untyped("pageshow", |_| resume());
    // Back online: no need to wait out the backoff.
    let _ = window_event_listener_untyped("online", |_| connect_now());
    connect();
}

/// The socket's address on this page's origin.
fn address() -> Option<String> {
    let location = window().location();
    let scheme = match location.protocol().ok()?.as_str() {
        "https:" => "wss:",
        _ => "ws:",
    };
    Some(format!("{scheme}//{}{PATH}", location.host().ok()?))
}

/// Opens a socket unless one is open or the page is paused.
fn connect() {
    let Some(url) = address() else {
        return;
    };
    let failed = SOCKET.with_borrow_mut(|s| {
        let s = s.as_mut()?;
        if s.paused || s.ws.is_some() {
            return Some(false);
        }
        if let Some(retry) = s.retry.take() {
            retry.clear();
        }
        match WebSocket::new_with_str(&url, PROTOCOL) {
            Ok(ws) => {
                ws.set_onopen(Some(s.handlers.open.as_ref().unchecked_ref()));
                ws.set_onmessage(Some(s.handlers.message.as_ref().unchecked_ref()));
                ws.set_onclose(Some(s.handlers.close.as_ref().unchecked_ref()));
                s.ws = Some(ws);
                s.acked_at = None;
                Some(false)
            }
            Err(_) => Some(true),
        }
    });
    if failed == Some(true) {
        retry_later();
    }
}

/// Reconnects now if a reconnection is waiting.
fn connect_now() {
    let waiting = SOCKET.with_borrow(|s| s.as_ref().is_some_and(|s| s.retry.is_some()));
    if waiting {
        connect();
    }
}

fn send(text: &str) {
    SOCKET.with_borrow(|s| {
        if let Some(ws) = s.as_ref().and_then(|s| s.ws.as_ref()) {
            // A send on a closing socket fails; its close event follows.
            let _ = ws.send_with_str(text);
        }
    });
}

fn opened() {
    send(&connection_init());
}

fn received(event: MessageEvent) {
    let Some(text) = event.data().as_string() else {
        return;
    };
    match reply(&text, None) {
        Reply::Nothing => {}
        Reply::Send(answer) => send(&answer),
        Reply::Acked(subscribe) => {
            send(&subscribe);
            send(&ping());
        }
        Reply::Pong => {
            // The subscription is live: after a reconnection, pages re-read what they may
            // have missed meanwhile.
            let (live, again) = SOCKET
                .with_borrow_mut(|s| {
                    let s = s.as_mut()?;
                    if s.acked_at.is_some() {
                        return None;
                    }
                    s.acked_at = Some(js_sys::Date::now());
                    let again = std::mem::replace(&mut s.connected_before, true);
                    Some((s.live, again))
                })
                .unzip();
            if live.is_some() {
                mark_open(true);
            }
            if again == Some(true)
                && let Some(live) = live
            {
                live.heard.update(|h| h.push(News::Reconnected));
            }
        }
        Reply::Heard(event) => {
            let live = SOCKET.with_borrow(|s| s.as_ref().map(|s| s.live));
            if let Some(live) = live {
                live.heard.update(|h| h.push(News::Changed(event)));
            }
        }
        Reply::Restart => {
            close();
            retry_later();
        }
    }
}

/// The server closed the socket (or it never opened).
fn lost() {
    close();
    retry_later();
}

/// Lets go of the current socket (closing it if open); a connection that was steady
/// resets the backoff.
fn close() {
    let ws = SOCKET.with_borrow_mut(|s| {
        let s = s.as_mut()?;
        let steady = s
            .acked_at
            .take()
            .is_some_and(|at| js_sys::Date::now() - at >= STEADY_MS);
        if steady {
            s.attempt = 0;
        }
        s.ws.take()
    });
    mark_open(false);
    if let Some(ws) = ws {
        ws.set_onopen(None);
        ws.set_onmessage(None);
        ws.set_onclose(None);
        // Closing a socket that is already closing does nothing.
        let _ = ws.close_with_code(1000);
    }
}

/// Waits the backoff, then connects again.
fn retry_later() {
    let delay = SOCKET.with_borrow_mut(|s| {
        let s = s.as_mut()?;
        if s.paused || s.retry.is_some() {
            return None;
        }
        let delay = backoff_ms(s.attempt, js_sys::Math::random());
        s.attempt = s.attempt.saturating_add(1);
        Some(delay)
    });
    let Some(delay) = delay else {
        return;
    };
    let handle = set_timeout_with_handle(
        || {
            SOCKET.with_borrow_mut(|s| {
                if let Some(s) = s.as_mut() {
                    s.retry = None;
                }
            });
            connect();
        },
        std::time::Duration::from_millis(u64::from(delay)),
    );
    if let Ok(handle) = handle {
        SOCKET.with_borrow_mut(|s| {
            if let Some(s) = s.as_mut() {
                s.retry = Some(handle);
            }
        });
    }
}

/// The page leaves (perhaps into the back-forward cache).
fn pause() {
    close();
    SOCKET.with_borrow_mut(|s| {
        if let Some(s) = s.as_mut() {
            s.paused = true;
            if let Some(retry) = s.retry.take() {
                retry.clear();
            }
        }
    });
}

/// The page shows again after [`pause`].
fn resume() {
    let paused = SOCKET.with_borrow_mut(|s| {
        s.as_mut()
            .is_some_and(|s| std::mem::replace(&mut s.paused, false))
    });
    if paused {
        connect();
    }
}

/// `<html data-live-socket="open">` while the subscription is live (tests wait for it).
fn mark_open(open: bool) {
    if let Some(root) = document().document_element() {
        let _ = if open {
            root.set_attribute("data-live-socket", "open")
        } else {
            root.remove_attribute("data-live-socket")
        };
    }
}
