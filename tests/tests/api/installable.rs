//! Installable and offline (issue 18), as a plain client sees it: the web app manifest and the
//! service worker are served with their types and caching, the manifest names icons that exist
//! (PNG sizes as declared), the pages' head links them, and the worker stores exactly the
//! bundle the pages load. The files only, so SQLite alone.

use serde_json::Value;
use tests::{Db, TestApp};

/// A client with no cookies and no compression negotiated by hand.
fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client")
}

/// Status, `Content-Type`, `Cache-Control` and body of `GET path`.
async fn get(app: &TestApp, path: &str) -> (u16, String, String, Vec<u8>) {
    let response = client()
        .get(format!("{}{path}", app.url))
        .send()
        .await
        .expect("request");
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    let (kind, cache) = (header("content-type"), header("cache-control"));
    let status = response.status().as_u16();
    let body = response.bytes().await.expect("body").to_vec();
    (status, kind, cache, body)
}

/// The width and height a PNG's header declares.
fn png_size(png: &[u8]) -> (u32, u32) {
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "a PNG");
    assert_eq!(&png[12..16], b"IHDR");
    let word = |at: usize| u32::from_be_bytes(png[at..at + 4].try_into().expect("4 bytes"));
    (word(16), word(20))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_manifest_and_the_service_worker_are_served_for_installing_and_offline_use() {
    assert!(
        tests::dist_dir().join("sw.js").is_file(),
        "dist/sw.js is missing: run `cargo xtask dist` first"
    );
    let app = TestApp::spawn(Db::Sqlite).await;

    // The manifest: its type, revalidated on every use, Czech names, standalone from `/`.
    let (status, kind, cache, body) = get(&app, "/manifest.webmanifest").await;
    assert_eq!(status, 200);
    assert_eq!(kind, "application/manifest+json");
    assert_eq!(cache, "no-cache");
    let manifest: Value = serde_json::from_slice(&body).expect("JSON");
    assert!(
        manifest["name"]
            .as_str()
            .is_some_and(|n| n.contains("Plán sociálního začleňování")),
        "{manifest}"
    );
    assert_eq!(manifest["short_name"], "PSZ Ostrava");
    assert_eq!(manifest["lang"], "cs");
    assert_eq!(manifest["start_url"], "/");
    assert_eq!(manifest["display"], "standalone");
    assert_eq!(manifest["theme_color"], "#0b3d6e", "the header's colour");
    assert_eq!(manifest["background_color"], "#ffffff");

    // Every icon it names exists, of its type and size; an SVG, 192 and 512, and a maskable one.
    let icons = manifest["icons"].as_array().expect("icons");
    let mut sizes = Vec::new();
    for icon in icons {
        let src = icon["src"].as_str().expect("src");
        let (status, kind, cache, body) = get(&app, src).await;
        assert_eq!(status, 200, "{src}");
        assert_eq!(kind, icon["type"].as_str().expect("type"), "{src}");
        assert_eq!(cache, "public, max-age=86400", "{src}");
        if kind == "image/png" {
            let (w, h) = png_size(&body);
            assert_eq!(icon["sizes"], format!("{w}x{h}"), "{src}");
            sizes.push((w, icon["purpose"].as_str().unwrap_or("any").to_owned()));
        } else {
            assert!(String::from_utf8_lossy(&body).starts_with("<svg"), "{src}");
        }
    }
    for want in [(192, "any"), (512, "any"), (512, "maskable")] {
        assert!(
            sizes.iter().any(|(w, p)| *w == want.0 && p == want.1),
            "{want:?} in {sizes:?}"
        );
    }
    assert!(icons.iter().any(|i| i["type"] == "image/svg+xml"));

    // The pages' head links the manifest and the home-screen icon; both exist.
    let (status, _, _, home) = get(&app, "/opatreni/2.1.3.4").await;
    assert_eq!(status, 200);
    let home = String::from_utf8(home).expect("UTF-8");
    for tag in [
        "<link rel=\"manifest\" href=\"/manifest.webmanifest\">",
        "<meta name=\"theme-color\" content=\"#0b3d6e\">",
        "<link rel=\"apple-touch-icon\" href=\"/icons/apple-touch-icon.png\">",
        "<meta name=\"apple-mobile-web-app-capable\" content=\"yes\">",
        "<meta name=\"apple-mobile-web-app-title\" content=\"PSZ Ostrava\">",
    ] {
        assert!(home.contains(tag), "{tag} in the page");
    }
    let (status, kind, _, apple) = get(&app, "/icons/apple-touch-icon.png").await;
    assert_eq!((status, kind.as_str()), (200, "image/png"));
    assert_eq!(png_size(&apple), (180, 180));

    // The worker: JavaScript from the root, revalidated on every use (a new build is found at
    // once), with the build's version and the files the pages load.
    let (status, kind, cache, worker) = get(&app, "/sw.js").await;
    assert_eq!(status, 200);
    assert!(kind.starts_with("text/javascript"), "{kind}");
    assert_eq!(cache, "no-cache");
    let worker = String::from_utf8(worker).expect("UTF-8");
    assert!(
        !worker.contains("__PSZ_"),
        "the build filled in the placeholders"
    );
    let shell: Vec<&str> = worker
        .split_once("const SHELL = [")
        .and_then(|(_, rest)| rest.split_once("];"))
        .map(|(list, _)| list)
        .expect("the shell's list")
        .split(',')
        .map(|item| item.trim().trim_matches('\''))
        .filter(|item| !item.is_empty())
        .collect();
    let start = home
        .split("<script type=\"module\" src=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the start script");
    let style = home
        .split("<link rel=\"stylesheet\" href=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the stylesheet");
    let version = start.split("?v=").nth(1).expect("versioned");
    assert!(worker.contains(&format!("const VERSION = '{version}';")));
    let (_, _, _, start_js) = get(&app, start).await;
    let start_js = String::from_utf8(start_js).expect("UTF-8");
    for path in [start, style] {
        assert!(shell.contains(&path), "{path} in {shell:?}");
    }
    for path in &shell {
        let (status, _, _, _) = get(&app, path).await;
        assert_eq!(status, 200, "{path} exists");
        assert!(
            !path.contains("staff"),
            "{path}: nothing of the staff bundle"
        );
        if path.starts_with("/pkg/frontend") && !path.contains("start") {
            assert!(
                start_js.contains(path),
                "{path} is what the start script loads"
            );
        }
    }
    assert_eq!(shell.len(), 4 + 1 + icons.len() + 1, "{shell:?}");

    // The policy allows the worker and the manifest from this origin only.
    let response = client()
        .get(format!("{}/sw.js", app.url))
        .send()
        .await
        .expect("request");
    let policy = response.headers()["content-security-policy"]
        .to_str()
        .expect("policy")
        .to_owned();
    assert!(
        policy.contains("worker-src 'self'") && policy.contains("manifest-src 'self'"),
        "{policy}"
    );
}
