//! Precompressed siblings (`.gz`, `.br`) of every file in a directory, and the size table.
//!
//! A static file server (tower-http's `ServeDir` with `precompressed_gzip`/`precompressed_br`)
//! can then send the smallest encoding a browser accepts without compressing on each request.

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use brotli::enc::BrotliEncoderParams;
use flate2::Compression;
use flate2::write::GzEncoder;

use crate::{Context, Error};

/// Brotli's best quality.
const BROTLI_QUALITY: i32 = 11;
/// Brotli's window: 2^22 bytes, larger than any file here.
const BROTLI_WINDOW_BITS: i32 = 22;

/// One file's size raw and in each encoding, in bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileSizes {
    /// The path relative to the compressed directory, with `/` separators.
    pub path: String,
    pub raw: u64,
    pub gzip: u64,
    pub brotli: u64,
}

/// Writes `<file>.gz` and `<file>.br` beside every file under `dir`, sorted by path.
pub fn compress_dir(dir: &Path) -> Result<Vec<FileSizes>, Error> {
    let mut files = Vec::new();
    collect_files(dir, &mut files)?;
    files.sort();
    let mut sizes = Vec::with_capacity(files.len());
    for file in files {
        let data = fs::read(&file).context(|| format!("reading {}", file.display()))?;
        let gzip = gzip(&data).context(|| format!("gzipping {}", file.display()))?;
        let brotli = brotli(&data).context(|| format!("brotli-compressing {}", file.display()))?;
        write_sibling(&file, "gz", &gzip)?;
        write_sibling(&file, "br", &brotli)?;
        let relative = file.strip_prefix(dir).unwrap_or(&file);
        sizes.push(FileSizes {
            path: relative.to_string_lossy().replace('\\', "/"),
            raw: byte_count(data.len()),
            gzip: byte_count(gzip.len()),
            brotli: byte_count(brotli.len()),
        });
    }
    Ok(sizes)
}

/// Every file under `dir`, recursively, except earlier `.gz` and `.br` outputs.
fn collect_files(dir: &Path, files: &mut Vec<PathBuf>) -> Result<(), Error> {
    let entries = fs::read_dir(dir).context(|| format!("listing {}", dir.display()))?;
    for entry in entries {
        let path = entry
            .context(|| format!("listing {}", dir.display()))?
            .path();
        if path.is_dir() {
            collect_files(&path, files)?;
        } else if !matches!(
            path.extension().and_then(|ext| ext.to_str()),
            Some("gz" | "br")
        ) {
            files.push(path);
        }
    }
    Ok(())
}

fn gzip(data: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::best());
    encoder.write_all(data)?;
    encoder.finish()
}

fn brotli(mut data: &[u8]) -> std::io::Result<Vec<u8>> {
    let params = BrotliEncoderParams {
        quality: BROTLI_QUALITY,
        lgwin: BROTLI_WINDOW_BITS,
        ..BrotliEncoderParams::default()
    };
    let mut out = Vec::new();
    brotli::enc::BrotliCompress(&mut data, &mut out, &params)?;
    Ok(out)
}

fn write_sibling(file: &Path, extension: &str, data: &[u8]) -> Result<(), Error> {
    let mut name = file.as_os_str().to_owned();
    name.push(".");
    name.push(extension);
    let path = PathBuf::from(name);
    fs::write(&path, data).context(|| format!("writing {}", path.display()))
}

fn byte_count(len: usize) -> u64 {
    u64::try_from(len).unwrap_or(u64::MAX)
}

/// The table of every file's sizes, then the total of the `first_load` files, in KB
/// (1 KB = 1000 bytes).
pub fn size_table(files: &[FileSizes], first_load: &[&FileSizes]) -> String {
    let width = files
        .iter()
        .map(|file| file.path.len())
        .chain([FIRST_LOAD_LABEL.len()])
        .max()
        .unwrap_or(0);
    let row = |name: &str, raw: &str, gzip: &str, brotli: &str| {
        format!("{name:<width$}  {raw:>9}  {gzip:>9}  {brotli:>9}\n")
    };
    let sizes_row =
        |name: &str, raw: u64, gzip: u64, brotli: u64| row(name, &kb(raw), &kb(gzip), &kb(brotli));
    let mut table = row("file", "raw KB", "gzip KB", "brotli KB");
    for file in files {
        table.push_str(&sizes_row(&file.path, file.raw, file.gzip, file.brotli));
    }
    table.push_str(&"-".repeat(width + 33));
    table.push('\n');
    let sum = |pick: fn(&FileSizes) -> u64| first_load.iter().map(|file| pick(file)).sum::<u64>();
    table.push_str(&sizes_row(
        FIRST_LOAD_LABEL,
        sum(|file| file.raw),
        sum(|file| file.gzip),
        sum(|file| file.brotli),
    ));
    table
}

/// The label of the total row.
const FIRST_LOAD_LABEL: &str = "first load (html+js+wasm+css)";

/// Bytes as KB with one decimal.
fn kb(bytes: u64) -> String {
    let tenths = (bytes + 50) / 100;
    format!("{}.{}", tenths / 10, tenths % 10)
}

#[cfg(test)]
mod tests {
    use std::io::Read as _;

    use super::*;

    #[test]
    fn the_table_lists_every_file_and_totals_the_first_load() {
        let files = [
            FileSizes {
                path: "index.html".into(),
                raw: 1000,
                gzip: 500,
                brotli: 400,
            },
            FileSizes {
                path: "pkg/frontend_bg.wasm".into(),
                raw: 300_000,
                gzip: 120_000,
                brotli: 100_000,
            },
            FileSizes {
                path: "extra.txt".into(),
                raw: 9000,
                gzip: 9000,
                brotli: 9000,
            },
        ];
        let table = size_table(&files, &[&files[0], &files[1]]);
        let last = table.lines().last().unwrap();
        assert!(last.starts_with(FIRST_LOAD_LABEL), "{table}");
        assert!(last.ends_with("301.0      120.5      100.4"), "{table}");
        assert_eq!(table.lines().count(), 1 + files.len() + 2, "{table}");
    }

    #[test]
    fn kb_rounds_to_one_decimal() {
        assert_eq!(kb(0), "0.0");
        assert_eq!(kb(1049), "1.0");
        assert_eq!(kb(1050), "1.1");
        assert_eq!(kb(294_123), "294.1");
    }

    #[test]
    fn both_encodings_round_trip() {
        let data = b"Pl\xc3\xa1n soci\xc3\xa1ln\xc3\xadho za\xc4\x8dle\xc5\x88ov\xc3\xa1n\xc3\xad "
            .repeat(50);
        let mut unzipped = Vec::new();
        flate2::read::GzDecoder::new(gzip(&data).unwrap().as_slice())
            .read_to_end(&mut unzipped)
            .unwrap();
        assert_eq!(unzipped, data);
        let mut unbrotlied = Vec::new();
        brotli::Decompressor::new(brotli(&data).unwrap().as_slice(), 4096)
            .read_to_end(&mut unbrotlied)
            .unwrap();
        assert_eq!(unbrotlied, data);
    }
}
