//! A small client of the Chrome `DevTools` Protocol: what the browser tests ask of Chromium, and
//! nothing more.
//!
//! Chromium is started with `--remote-debugging-pipe`: it reads commands from its file
//! descriptor 3 and writes answers and events to descriptor 4, each message JSON ending in a NUL
//! byte. `sh` maps the child's stdin and stdout onto those descriptors, so no socket, WebSocket
//! library or generated protocol crate is needed (a generated one cost CI two minutes of
//! compiling). Each tab is a target attached with `flatten`: its commands carry its
//! `sessionId`. When the tests' process ends, the pipe closes and Chromium exits with it.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{Sender, channel};
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// How long one command may take before it is an error.
const COMMAND_TIMEOUT: Duration = Duration::from_secs(30);

/// What went wrong talking to the browser.
#[derive(Debug)]
pub struct Error(pub String);

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

pub type Result<T> = std::result::Result<T, Error>;

/// The connection: commands out, answers matched to them by id, events kept per session.
struct Conn {
    pipe: Mutex<ChildStdin>,
    next: AtomicU64,
    waiting: Mutex<HashMap<u64, Sender<Result<Value>>>>,
    /// The names of the events each session received since it last cleared them.
    events: Mutex<HashMap<String, Vec<String>>>,
    event: Condvar,
}

impl Conn {
    fn call(&self, session: Option<&str>, method: &str, params: Value) -> Result<Value> {
        let id = self.next.fetch_add(1, Ordering::Relaxed);
        let mut message = json!({ "id": id, "method": method, "params": params });
        if let Some(session) = session {
            message["sessionId"] = json!(session);
        }
        let (tx, rx) = channel();
        self.waiting
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(id, tx);
        let mut bytes = serde_json::to_vec(&message).map_err(|e| Error(e.to_string()))?;
        bytes.push(0);
        {
            let mut pipe = self.pipe.lock().unwrap_or_else(PoisonError::into_inner);
            pipe.write_all(&bytes)
                .and_then(|()| pipe.flush())
                .map_err(|e| Error(format!("{method}: writing to Chromium: {e}")))?;
        }
        rx.recv_timeout(COMMAND_TIMEOUT)
            .map_err(|_| Error(format!("{method}: no answer from Chromium")))?
    }

    /// Reads Chromium's messages until the pipe closes, answering callers and noting events.
    fn read(&self, out: impl std::io::Read) {
        let mut reader = BufReader::new(out);
        let mut buf = Vec::new();
        while reader.read_until(0, &mut buf).is_ok_and(|n| n > 0) {
            buf.pop_if(|b| *b == 0);
            if let Ok(message) = serde_json::from_slice::<Value>(&buf) {
                self.dispatch(message);
            }
            buf.clear();
        }
        // Chromium is gone: every caller still waiting gets an error at once.
        for (_, tx) in self
            .waiting
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .drain()
        {
            let _ = tx.send(Err(Error("Chromium closed the pipe".into())));
        }
    }

    fn dispatch(&self, message: Value) {
        if let Some(id) = message["id"].as_u64() {
            let answer = match message.get("error") {
                Some(error) => Err(Error(error.to_string())),
                None => Ok(message["result"].clone()),
            };
            if let Some(tx) = self
                .waiting
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .remove(&id)
            {
                let _ = tx.send(answer);
            }
        } else if let (Some(method), Some(session)) =
            (message["method"].as_str(), message["sessionId"].as_str())
        {
            self.events
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .entry(session.to_owned())
                .or_default()
                .push(method.to_owned());
            self.event.notify_all();
        }
    }
}

/// A running Chromium.
pub struct Browser {
    conn: Arc<Conn>,
    _child: Child,
}

impl Browser {
    /// Starts `path` headless with these extra flags.
    pub fn launch(path: &Path, args: &[String]) -> Result<Browser> {
        let mut child = Command::new("sh")
            .arg("-c")
            // Descriptor 3 is what Chromium reads (our stdin pipe), 4 what it writes (our
            // stdout pipe); its own stdin and stdout are then nothing.
            .arg("exec \"$0\" \"$@\" 3<&0 4>&1 </dev/null >/dev/null")
            .arg(path)
            .args(["--headless", "--remote-debugging-pipe"])
            .args(args)
            .arg("about:blank")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| Error(format!("starting {}: {e}", path.display())))?;
        let pipe = child.stdin.take().ok_or_else(|| Error("no stdin".into()))?;
        let out = child
            .stdout
            .take()
            .ok_or_else(|| Error("no stdout".into()))?;
        let conn = Arc::new(Conn {
            pipe: Mutex::new(pipe),
            next: AtomicU64::new(1),
            waiting: Mutex::default(),
            events: Mutex::default(),
            event: Condvar::new(),
        });
        let reader = conn.clone();
        std::thread::spawn(move || reader.read(out));
        let browser = Browser {
            conn,
            _child: child,
        };
        browser
            .conn
            .call(None, "Browser.getVersion", json!({}))
            .map_err(|e| Error(format!("{} does not answer: {e}", path.display())))?;
        Ok(browser)
    }

    /// Opens a new tab on `about:blank`.
    pub fn new_tab(&self) -> Result<Tab> {
        self.open_target(json!({ "url": "about:blank" }))
    }

    /// Opens a tab on `about:blank` in a window of its own, so it stays visible (animation
    /// frames keep coming) beside the other tabs: two readers side by side.
    pub fn new_window(&self) -> Result<Tab> {
        self.open_target(json!({ "url": "about:blank", "newWindow": true }))
    }

    fn open_target(&self, params: Value) -> Result<Tab> {
        let target = self.conn.call(None, "Target.createTarget", params)?["targetId"]
            .as_str()
            .ok_or_else(|| Error("no targetId".into()))?
            .to_owned();
        let session = self.conn.call(
            None,
            "Target.attachToTarget",
            json!({ "targetId": target, "flatten": true }),
        )?["sessionId"]
            .as_str()
            .ok_or_else(|| Error("no sessionId".into()))?
            .to_owned();
        let tab = Tab {
            conn: self.conn.clone(),
            target,
            session,
            timeout: Mutex::new(Duration::from_secs(20)),
        };
        tab.call("Page.enable", json!({}))?;
        tab.call("Runtime.enable", json!({}))?;
        Ok(tab)
    }
}

/// One tab, closed when dropped.
pub struct Tab {
    conn: Arc<Conn>,
    target: String,
    session: String,
    timeout: Mutex<Duration>,
}

impl Drop for Tab {
    fn drop(&mut self) {
        let _ = self.conn.call(
            None,
            "Target.closeTarget",
            json!({ "targetId": self.target }),
        );
        self.conn
            .events
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .remove(&self.session);
    }
}

/// A target other than a tab (a service worker), attached by [`Tab::attach_other`].
pub struct Other {
    conn: Arc<Conn>,
    session: String,
}

impl Other {
    /// Sends a command to this target and returns its result.
    pub fn call(&self, method: &str, params: Value) -> Result<Value> {
        self.conn.call(Some(&self.session), method, params)
    }
}

impl Drop for Other {
    fn drop(&mut self) {
        let _ = self.conn.call(
            None,
            "Target.detachFromTarget",
            json!({ "sessionId": self.session }),
        );
    }
}

impl Tab {
    /// Sends a command to this tab and returns its result.
    pub fn call(&self, method: &str, params: Value) -> Result<Value> {
        self.conn.call(Some(&self.session), method, params)
    }

    /// How long [`Tab::navigate_to`], [`Tab::reload`] and [`Tab::wait_for_element`] wait.
    pub fn set_default_timeout(&self, timeout: Duration) {
        *self.timeout.lock().unwrap_or_else(PoisonError::into_inner) = timeout;
    }

    fn timeout(&self) -> Duration {
        *self.timeout.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Runs `command`, then waits until the tab's new document has fired its `load` event.
    fn until_loaded(&self, what: &str, command: impl FnOnce() -> Result<()>) -> Result<()> {
        self.conn
            .events
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(self.session.clone(), Vec::new());
        command()?;
        let deadline = Instant::now() + self.timeout();
        let mut events = self
            .conn
            .events
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        loop {
            if events
                .get(&self.session)
                .is_some_and(|e| e.iter().any(|m| m == "Page.loadEventFired"))
            {
                return Ok(());
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return Err(Error(format!("{what}: the page did not load")));
            }
            events = self
                .conn
                .event
                .wait_timeout(events, left)
                .unwrap_or_else(PoisonError::into_inner)
                .0;
        }
    }

    /// Loads `url` and waits for its `load` event.
    pub fn navigate_to(&self, url: &str) -> Result<()> {
        self.until_loaded(url, || {
            let r = self.call("Page.navigate", json!({ "url": url }))?;
            match r["errorText"].as_str() {
                Some(e) if !e.is_empty() => Err(Error(format!("{url}: {e}"))),
                _ => Ok(()),
            }
        })
    }

    /// Reloads the page, bypassing the cache, and waits for its `load` event.
    pub fn reload(&self) -> Result<()> {
        self.until_loaded("reload", || {
            self.call("Page.reload", json!({ "ignoreCache": true }))
                .map(|_| ())
        })
    }

    /// Reloads the page as a person would (the HTTP cache and the service worker take part),
    /// and waits for its `load` event.
    pub fn reload_normally(&self) -> Result<()> {
        self.until_loaded("reload", || self.call("Page.reload", json!({})).map(|_| ()))
    }

    /// Attaches to another target of the browser, the first of type `kind` (`service_worker`)
    /// whose address starts with `url`: its own commands (a service worker's network is not
    /// the page's), detached when dropped.
    pub fn attach_other(&self, kind: &str, url: &str) -> Result<Other> {
        let targets = self.conn.call(None, "Target.getTargets", json!({}))?;
        let target = targets["targetInfos"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|t| t["type"] == kind && t["url"].as_str().is_some_and(|u| u.starts_with(url)))
            .and_then(|t| t["targetId"].as_str())
            .ok_or_else(|| Error(format!("no {kind} target at {url}: {targets}")))?
            .to_owned();
        let session = self.conn.call(
            None,
            "Target.attachToTarget",
            json!({ "targetId": target, "flatten": true }),
        )?["sessionId"]
            .as_str()
            .ok_or_else(|| Error("no sessionId".into()))?
            .to_owned();
        Ok(Other {
            conn: self.conn.clone(),
            session,
        })
    }

    /// The value of a JavaScript expression (a promise awaited), as JSON.
    pub fn evaluate(&self, expression: &str) -> Result<Value> {
        let r = self.call(
            "Runtime.evaluate",
            json!({ "expression": expression, "returnByValue": true, "awaitPromise": true }),
        )?;
        if let Some(e) = r.get("exceptionDetails") {
            return Err(Error(format!("{expression}: {e}")));
        }
        Ok(r["result"]["value"].clone())
    }

    /// Whether an element matches `selector`.
    pub fn exists(&self, selector: &str) -> Result<bool> {
        let js = format!(
            "!!document.querySelector({})",
            serde_json::to_string(selector).map_err(|e| Error(e.to_string()))?
        );
        Ok(self.evaluate(&js)? == Value::Bool(true))
    }

    /// Waits until an element matches `selector`.
    pub fn wait_for_element(&self, selector: &str) -> Result<()> {
        let deadline = Instant::now() + self.timeout();
        while !self.exists(selector)? {
            if Instant::now() >= deadline {
                return Err(Error(format!("no {selector}")));
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        Ok(())
    }

    /// Clicks the middle of the first element matching `selector` with the mouse, as a person
    /// would (scrolled into view first; whatever lies on top of it gets the click). A link that
    /// wraps onto several lines is clicked in its first line (the middle of its whole box may
    /// be beside the text).
    pub fn click(&self, selector: &str) -> Result<()> {
        let js = format!(
            "(() => {{ const e = document.querySelector({}); if (!e) return null; e.scrollIntoView({{ block: 'center' }}); const r = e.getClientRects()[0] || e.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; }})()",
            serde_json::to_string(selector).map_err(|e| Error(e.to_string()))?
        );
        let at = self.evaluate(&js)?;
        let (Some(x), Some(y)) = (at[0].as_f64(), at[1].as_f64()) else {
            return Err(Error(format!("no {selector} to click")));
        };
        for (kind, button) in [
            ("mouseMoved", "none"),
            ("mousePressed", "left"),
            ("mouseReleased", "left"),
        ] {
            self.call(
                "Input.dispatchMouseEvent",
                json!({ "type": kind, "x": x, "y": y, "button": button, "clickCount": 1 }),
            )?;
        }
        Ok(())
    }

    /// The address of the page shown.
    pub fn get_url(&self) -> String {
        self.evaluate("location.href")
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default()
    }

    /// A PNG of the page as shown.
    pub fn capture_screenshot(&self) -> Result<Vec<u8>> {
        use base64::Engine;
        let r = self.call("Page.captureScreenshot", json!({ "format": "png" }))?;
        base64::engine::general_purpose::STANDARD
            .decode(r["data"].as_str().unwrap_or_default())
            .map_err(|e| Error(format!("screenshot: {e}")))
    }
}
