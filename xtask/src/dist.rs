//! `cargo xtask dist`: the frontend bundle in `dist/`.
//!
//! Steps: build `frontend` twice (public with `hydrate`, taking over the pages the server
//! renders; and with the `staff` feature, rendered in the browser with `csr`) for `wasm32-unknown-unknown` with a child `cargo` (same
//! `CARGO_TARGET_DIR` as this xtask got, else the workspace `target/`); run wasm-bindgen as a
//! library (target `web`, with the default module path kept so `init()` finds the `.wasm`);
//! copy the page shell; write each bundle's start script; write `.gz` and `.br` siblings of
//! every file; print the sizes.
//!
//! ```text
//! dist/index.html  dist/style.css  dist/pkg/frontend.js  dist/pkg/frontend_bg.wasm  (+ .gz, .br)
//!                  dist/pkg/frontend_start.js
//! dist/staff.html  dist/pkg/staff.js  dist/pkg/staff_bg.wasm   (the `staff` feature: sign-in, entry)
//!                  dist/pkg/staff_start.js
//! ```
//!
//! The pages carry no inline script, so the server's Content-Security-Policy needs no
//! `'unsafe-inline'`: `<script type="module" src="/pkg/frontend_start.js">` imports the
//! bundle's glue and calls its `init()`.

use std::env;
use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use wasm_bindgen_cli_support::Bindgen;

use crate::compress::{self, FileSizes};
use crate::icons;
use crate::{Context, Error};

/// The crate that becomes the bundle.
const FRONTEND: &str = "frontend";
/// The target the frontend is built for.
const WASM_TARGET: &str = "wasm32-unknown-unknown";
/// Files copied unchanged from `frontend/` to `dist/` (`sw.js` is then written again with the
/// bundle's version and files, [`worker`]).
const STATIC_FILES: [&str; 4] = ["index.html", "style.css", "manifest.webmanifest", "sw.js"];
/// What a browser loads on a first visit, relative to `dist/`.
const FIRST_LOAD: [&str; 5] = [
    "index.html",
    "pkg/frontend_start.js",
    "pkg/frontend.js",
    "pkg/frontend_bg.wasm",
    "style.css",
];
/// What a first visit to a staff page (sign-in, data entry) loads.
const FIRST_LOAD_STAFF: [&str; 5] = [
    "staff.html",
    "pkg/staff_start.js",
    "pkg/staff.js",
    "pkg/staff_bg.wasm",
    "style.css",
];

/// Which Cargo profile builds the wasm.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Profile {
    /// `wasm-release`: size-optimised, LTO; what gets deployed.
    Release,
    /// `dev`: quick to build, for trying things out.
    Debug,
}

impl Profile {
    /// The name given to `cargo --profile`.
    fn cargo_name(self) -> &'static str {
        match self {
            Self::Release => "wasm-release",
            Self::Debug => "dev",
        }
    }

    /// The directory under `<target>/wasm32-unknown-unknown/` Cargo writes this profile to.
    fn dir_name(self) -> &'static str {
        match self {
            Self::Release => "wasm-release",
            Self::Debug => "debug",
        }
    }
}

/// Builds the bundle into `<root>/dist` and prints its size table.
pub fn run(root: &Path, profile: Profile) -> Result<(), Error> {
    ensure_wasm_target(root)?;
    let target_dir = target_dir(root)?;
    // The staff bundle first: both builds write the same file name, so it is copied aside.
    let built = build_wasm(root, &target_dir, profile, "staff,csr")?;
    let staff_wasm = built.with_file_name("staff.wasm");
    fs::copy(&built, &staff_wasm).context(|| format!("copying {}", built.display()))?;
    let wasm = build_wasm(root, &target_dir, profile, "hydrate")?;

    let dist = root.join("dist");
    if dist.exists() {
        fs::remove_dir_all(&dist).context(|| format!("removing the old {}", dist.display()))?;
    }
    let pkg = dist.join("pkg");
    fs::create_dir_all(&pkg).context(|| format!("creating {}", pkg.display()))?;

    let started = Instant::now();
    bindgen(&wasm, &pkg, profile, "frontend")?;
    bindgen(&staff_wasm, &pkg, profile, "staff")?;
    println!("wasm-bindgen: {:.1} s", started.elapsed().as_secs_f64());

    for name in STATIC_FILES {
        let from = root.join(FRONTEND).join(name);
        let to = dist.join(name);
        fs::copy(&from, &to)
            .context(|| format!("copying {} to {}", from.display(), to.display()))?;
    }
    let icons = dist.join("icons");
    fs::create_dir_all(&icons).context(|| format!("creating {}", icons.display()))?;
    for (name, bytes) in icons::files() {
        fs::write(icons.join(name), bytes).context(|| format!("writing icons/{name}"))?;
    }

    let index =
        fs::read_to_string(dist.join("index.html")).context(|| "reading index.html".into())?;
    if !index.contains("/pkg/frontend_start.js") || index.contains("<script>") {
        return Err(Error::new(
            "frontend/index.html must load /pkg/frontend_start.js and have no inline script \
             (the Content-Security-Policy refuses inline scripts)",
        ));
    }
    // Every reference to a file of the bundle names its version, so the server may let
    // browsers keep those files for a year: a new build is a new address.
    let version = bundle_version(&dist)?;
    let index = versioned(&index, &version);
    fs::write(dist.join("index.html"), &index).context(|| "writing index.html".into())?;
    // The staff pages' shell: the same page loading the staff bundle.
    fs::write(dist.join("staff.html"), staff_shell(&index))
        .context(|| "writing staff.html".into())?;
    for bundle in ["frontend", "staff"] {
        let start = pkg.join(format!("{bundle}_start.js"));
        fs::write(&start, start_script(bundle, &version))
            .context(|| format!("writing {}", start.display()))?;
    }
    let template = fs::read_to_string(dist.join("sw.js")).context(|| "reading sw.js".into())?;
    fs::write(dist.join("sw.js"), worker(&template, &version)?)
        .context(|| "writing sw.js".into())?;
    println!("bundle version: {version}");

    let started = Instant::now();
    let sizes = compress::compress_dir(&dist)?;
    println!(
        "compression (gzip best, brotli 11): {:.1} s\n",
        started.elapsed().as_secs_f64()
    );
    print!(
        "{}",
        compress::size_table(&sizes, &first_load(&sizes, &FIRST_LOAD)?)
    );
    let staff = first_load(&sizes, &FIRST_LOAD_STAFF)?;
    let total = |f: fn(&FileSizes) -> u64| staff.iter().map(|s| f(s)).sum::<u64>() as f64 / 1024.0;
    println!(
        "staff pages' first load (staff.html+js+wasm+css): {:.1} KB raw, {:.1} KB gzip, {:.1} KB brotli",
        total(|s| s.raw),
        total(|s| s.gzip),
        total(|s| s.brotli)
    );
    println!("\nwrote {}", dist.display());
    Ok(())
}

/// The target directory: `CARGO_TARGET_DIR` as this process got it (relative to the current
/// directory, as Cargo reads it), else `<root>/target`.
fn target_dir(root: &Path) -> Result<PathBuf, Error> {
    match env::var_os("CARGO_TARGET_DIR").filter(|dir| !dir.is_empty()) {
        Some(dir) => {
            let dir = PathBuf::from(dir);
            if dir.is_absolute() {
                Ok(dir)
            } else {
                let cwd = env::current_dir().context(|| "reading the current directory".into())?;
                Ok(cwd.join(dir))
            }
        }
        None => Ok(root.join("target")),
    }
}

/// Whether the toolchain at `sysroot` has the standard library for [`WASM_TARGET`].
fn has_target(sysroot: &Path) -> bool {
    sysroot
        .join("lib")
        .join("rustlib")
        .join(WASM_TARGET)
        .join("lib")
        .is_dir()
}

/// Makes sure the pinned toolchain can build for [`WASM_TARGET`]: a toolchain installed
/// without it (as `rust-toolchain.toml` names it, not every installer adds it) gets it from
/// `rustup`; without `rustup`, the error says the one command to run.
fn ensure_wasm_target(root: &Path) -> Result<(), Error> {
    let rustc = env::var_os("RUSTC").unwrap_or_else(|| OsString::from("rustc"));
    let out = Command::new(&rustc)
        .current_dir(root)
        .args(["--print", "sysroot"])
        .output()
        .context(|| format!("starting {}", rustc.to_string_lossy()))?;
    let sysroot = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
    if has_target(&sysroot) {
        return Ok(());
    }
    let add = format!("rustup target add {WASM_TARGET}");
    println!(
        "the toolchain at {} lacks {WASM_TARGET}: {add}",
        sysroot.display()
    );
    let added = Command::new("rustup")
        .current_dir(root)
        .args(["target", "add", WASM_TARGET])
        .status();
    match added {
        Ok(status) if status.success() && has_target(&sysroot) => Ok(()),
        _ => Err(Error::new(format!(
            "the Rust standard library for {WASM_TARGET} is not installed in {} and could not be \
             added; run `{add}` in {}",
            sysroot.display(),
            root.display()
        ))),
    }
}

/// Runs `cargo build` for the frontend and returns the path of the `.wasm` it wrote.
fn build_wasm(
    root: &Path,
    target_dir: &Path,
    profile: Profile,
    features: &str,
) -> Result<PathBuf, Error> {
    let cargo = env::var_os("CARGO").unwrap_or_else(|| OsString::from("cargo"));
    let mut command = Command::new(&cargo);
    command
        .current_dir(root)
        .env("CARGO_TARGET_DIR", target_dir)
        .args([
            "build",
            "--package",
            FRONTEND,
            "--lib",
            "--target",
            WASM_TARGET,
        ])
        .args(["--profile", profile.cargo_name()]);
    command.args(["--features", features]);
    println!(
        "building {FRONTEND} ({}, {WASM_TARGET}, features: {}) into {}",
        profile.cargo_name(),
        features,
        target_dir.display()
    );
    let started = Instant::now();
    let status = command
        .status()
        .context(|| format!("starting {}", cargo.to_string_lossy()))?;
    if !status.success() {
        return Err(Error::new(format!(
            "cargo build of {FRONTEND} for {WASM_TARGET} failed ({status}); its output is above"
        )));
    }
    println!("cargo build: {:.1} s", started.elapsed().as_secs_f64());

    let wasm = target_dir
        .join(WASM_TARGET)
        .join(profile.dir_name())
        .join(format!("{FRONTEND}.wasm"));
    if !wasm.is_file() {
        return Err(Error::new(format!(
            "cargo build succeeded but {} is missing",
            wasm.display()
        )));
    }
    Ok(wasm)
}

/// Writes `<name>.js` and `<name>_bg.wasm` into `out_dir`.
fn bindgen(wasm: &Path, out_dir: &Path, profile: Profile, name: &str) -> Result<(), Error> {
    let release = profile == Profile::Release;
    let mut bindgen = Bindgen::new();
    bindgen
        .input_path(wasm)
        .out_name(name)
        .web(true)
        .context(|| "choosing wasm-bindgen's web target".into())?
        // The library's default is `true`, which leaves `init()` without a URL for the .wasm.
        .omit_default_module_path(false)
        .typescript(false)
        .debug(!release)
        .keep_debug(!release)
        .remove_name_section(release)
        .remove_producers_section(release);
    bindgen
        .generate(out_dir)
        .context(|| format!("running wasm-bindgen on {}", wasm.display()))
}

/// The staff pages' shell: the public one loading the staff bundle, its markers (where the
/// server puts a rendered page's head and body) dropped, their defaults kept.
fn staff_shell(index: &str) -> String {
    index
        .replace("/pkg/frontend", "/pkg/staff")
        .replace("<!--psz:head-->", "")
        .replace("<!--/psz:head-->", "")
        .replace("<!--psz:body-->", "")
        .replace("<!--/psz:body-->", "")
}

/// The module that starts a bundle: imports its wasm-bindgen glue and runs `init()` with the
/// `.wasm` beside it, both at the bundle's `version`. A file, not an inline script, for the
/// Content-Security-Policy.
fn start_script(bundle: &str, version: &str) -> String {
    // Leptos's hydration reads these (resources and errors the server sent); this app sends
    // its page's data in its own `<script id="psz-data">`, so they start empty.
    const HYDRATION_GLOBALS: &str = "for (const name of [\"__RESOLVED_RESOURCES\", \"__SERIALIZED_ERRORS\", \"__INCOMPLETE_CHUNKS\"]) globalThis[name] ??= [];\n";
    // The app starts after the page's first paint: the server's HTML is readable without it,
    // and its download must not hold up the page's own.
    format!(
        "{HYDRATION_GLOBALS}requestAnimationFrame(() => setTimeout(async () => {{\n  const {{ default: init }} = await import(\"/pkg/{bundle}.js?v={version}\");\n  await init({{ module_or_path: \"/pkg/{bundle}_bg.wasm?v={version}\" }});\n}}, 0));\n"
    )
}

/// The version of the built files: 64-bit FNV-1a of every file under `dist` (in path order),
/// hexadecimal.
fn bundle_version(dist: &Path) -> Result<String, Error> {
    let mut files = Vec::new();
    let mut dirs = vec![dist.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        for entry in fs::read_dir(&dir).context(|| format!("listing {}", dir.display()))? {
            let path = entry
                .context(|| format!("listing {}", dir.display()))?
                .path();
            if path.is_dir() {
                dirs.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files.sort();
    let mut hash = 0xcbf2_9ce4_8422_2325_u64;
    for file in files {
        let data = fs::read(&file).context(|| format!("reading {}", file.display()))?;
        for byte in data {
            hash = (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    Ok(format!("{hash:016x}"))
}

/// `html` with every reference to a bundle file carrying `?v=version`.
fn versioned(html: &str, version: &str) -> String {
    let mut out = html.to_owned();
    for file in [
        "/style.css",
        "/pkg/frontend.js",
        "/pkg/frontend_bg.wasm",
        "/pkg/frontend_start.js",
    ] {
        out = out.replace(&format!("\"{file}\""), &format!("\"{file}?v={version}\""));
    }
    out
}

/// The service worker: `template` (`frontend/sw.js`) with the bundle's `version` and the public
/// app shell it stores on install: the versioned files the public pages load (as
/// [`versioned`] and [`start_script`] name them), the manifest and the icons.
fn worker(template: &str, version: &str) -> Result<String, Error> {
    const VERSION: &str = "'__PSZ_VERSION__'";
    const SHELL: &str = "[/*__PSZ_SHELL__*/]";
    if !template.contains(VERSION) || !template.contains(SHELL) {
        return Err(Error::new(format!(
            "frontend/sw.js must hold {VERSION} and {SHELL}, where the build writes the bundle's version and files"
        )));
    }
    let mut shell: Vec<String> = [
        "/style.css",
        "/pkg/frontend_start.js",
        "/pkg/frontend.js",
        "/pkg/frontend_bg.wasm",
    ]
    .iter()
    .map(|file| format!("{file}?v={version}"))
    .collect();
    shell.push("/manifest.webmanifest".to_owned());
    shell.extend(
        icons::files()
            .iter()
            .map(|(name, _)| format!("/icons/{name}")),
    );
    let list = shell
        .iter()
        .map(|path| format!("\n  '{path}'"))
        .collect::<Vec<_>>()
        .join(",");
    Ok(template
        .replace(VERSION, &format!("'{version}'"))
        .replace(SHELL, &format!("[{list},\n]")))
}

/// The sizes of the files a first visit loads; an error names any that are missing.
fn first_load<'a>(sizes: &'a [FileSizes], files: &[&str]) -> Result<Vec<&'a FileSizes>, Error> {
    files
        .iter()
        .map(|name| {
            sizes
                .iter()
                .find(|file| file.path == *name)
                .ok_or_else(|| Error::new(format!("dist/{name} was not written")))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sysroot_without_the_wasm_library_lacks_the_target() {
        let root = std::env::temp_dir().join(format!("psz-xtask-sysroot-{}", std::process::id()));
        assert!(!has_target(&root));
        let lib = root.join("lib/rustlib").join(WASM_TARGET).join("lib");
        fs::create_dir_all(&lib).expect("create");
        assert!(has_target(&root));
        fs::remove_dir_all(&root).expect("remove");
    }

    #[test]
    fn the_page_shell_starts_the_bundle_from_a_file() {
        let start = start_script("staff", "abc");
        assert!(
            start.contains("await import(\"/pkg/staff.js?v=abc\")")
                && start.contains("init({ module_or_path: \"/pkg/staff_bg.wasm?v=abc\" })"),
            "{start}"
        );
        let shell = Path::new(env!("CARGO_MANIFEST_DIR")).join("../frontend/index.html");
        let html = fs::read_to_string(shell).unwrap();
        assert!(html.contains(r#"<script type="module" src="/pkg/frontend_start.js"></script>"#));
        for marker in [
            "<!--psz:head-->",
            "<!--/psz:head-->",
            "<!--psz:body-->",
            "<!--/psz:body-->",
        ] {
            assert!(
                html.contains(marker),
                "the server fills the page at {marker}"
            );
        }
        let page = versioned(&html, "abc");
        for file in ["/style.css", "/pkg/frontend_start.js"] {
            assert!(
                page.contains(&format!("\"{file}?v=abc\"")),
                "{file} is versioned: {page}"
            );
        }
        let staff = staff_shell(&page);
        assert!(staff.contains("/pkg/staff_start.js?v=abc") && !staff.contains("psz:"));
        assert!(
            staff.contains("<noscript>"),
            "the staff shell says it needs JavaScript"
        );
        assert!(
            !html.contains("<script>") && !html.contains("<script type=\"module\">"),
            "no inline script"
        );
        assert!(
            !html.contains("<style") && !html.contains("style="),
            "no inline style"
        );
    }

    #[test]
    fn the_worker_gets_the_version_and_the_shell_it_stores() {
        let template =
            fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../frontend/sw.js"))
                .unwrap();
        let worker = worker(&template, "abc").expect("placeholders");
        assert!(worker.contains("const VERSION = 'abc';"), "{worker}");
        assert!(!worker.contains("__PSZ_"));
        for path in [
            "'/style.css?v=abc'",
            "'/pkg/frontend_start.js?v=abc'",
            "'/pkg/frontend.js?v=abc'",
            "'/pkg/frontend_bg.wasm?v=abc'",
            "'/manifest.webmanifest'",
            "'/icons/icon-512.png'",
        ] {
            assert!(worker.contains(path), "{path} in the shell");
        }
        // The shell the start script loads is the one stored.
        let start = start_script("frontend", "abc");
        assert!(
            start.contains("/pkg/frontend.js?v=abc")
                && start.contains("/pkg/frontend_bg.wasm?v=abc")
        );
        let shell = worker
            .split_once("const SHELL = [")
            .and_then(|(_, rest)| rest.split_once("];"))
            .map(|(list, _)| list)
            .expect("the shell's list");
        assert!(
            !shell.contains("staff"),
            "nothing of the staff bundle is stored: {shell}"
        );
        assert!(super::worker("no placeholders", "abc").is_err());
    }
}
