//! The app's icons for home screens and the web app manifest, drawn from one description: the
//! brand's dark blue (`--brand` in `style.css`) with three rising bars, the last one in the
//! focus amber (`--focus`). [`svg`] writes it as SVG; [`png`] rasterises it (4×4 samples per
//! pixel) into a PNG of any size, written with `flate2`'s zlib and CRC-32 and nothing else.
//!
//! `cargo xtask dist` writes `dist/icons/`: `icon.svg`, `icon-192.png`, `icon-512.png`,
//! `icon-maskable-512.png` (the bars inside the central circle that launchers may crop to) and
//! `apple-touch-icon.png` (180 px, what iOS puts on the home screen). Every PNG is opaque and
//! full-bleed: launchers round the corners themselves.

use std::io::Write as _;

use flate2::Compression;
use flate2::write::ZlibEncoder;

/// The background: `--brand` (#0b3d6e), also the manifest's `theme_color`.
pub const BACKGROUND: [u8; 3] = [0x0b, 0x3d, 0x6e];
/// The first two bars.
const BAR: [u8; 3] = [0xff, 0xff, 0xff];
/// The last bar: `--focus` (#f2a900).
const ACCENT: [u8; 3] = [0xf2, 0xa9, 0x00];

/// The bars in a unit square (x from the left, y from the top): left, top, right, bottom, and
/// whether it is the accent bar.
const BARS: [(f64, f64, f64, f64, bool); 3] = [
    (0.06, 0.56, 0.30, 1.0, false),
    (0.38, 0.30, 0.62, 1.0, false),
    (0.70, 0.0, 0.94, 1.0, true),
];

/// How much of the icon's side the bars' square takes: a plain icon, and a maskable one whose
/// content must stay inside the central circle of 80 % diameter (the square's corners are then
/// at 0.5 × 0.5 × √2 ≈ 0.35 of the side from the centre, inside the radius 0.4).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Kind {
    Plain,
    Maskable,
}

impl Kind {
    fn scale(self) -> f64 {
        match self {
            Kind::Plain => 0.62,
            Kind::Maskable => 0.5,
        }
    }
}

/// The colour at a point of the icon (coordinates in units of the icon's side).
fn colour_at(x: f64, y: f64, kind: Kind) -> [u8; 3] {
    let scale = kind.scale();
    let origin = (1.0 - scale) / 2.0;
    let (u, v) = ((x - origin) / scale, (y - origin) / scale);
    BARS.iter()
        .find(|(l, t, r, b, _)| u >= *l && u < *r && v >= *t && v < *b)
        .map_or(BACKGROUND, |bar| if bar.4 { ACCENT } else { BAR })
}

/// The icon as SVG (a square of side 512).
pub fn svg(kind: Kind) -> String {
    let side = 512.0;
    let scale = kind.scale() * side;
    let origin = (side - scale) / 2.0;
    let hex = |c: [u8; 3]| format!("#{:02x}{:02x}{:02x}", c[0], c[1], c[2]);
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 512 512\" width=\"512\" height=\"512\">\n  <rect width=\"512\" height=\"512\" fill=\"{}\"/>\n",
        hex(BACKGROUND)
    );
    for (l, t, r, b, accent) in BARS {
        out.push_str(&format!(
            "  <rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"{}\"/>\n",
            origin + l * scale,
            origin + t * scale,
            (r - l) * scale,
            (b - t) * scale,
            hex(if accent { ACCENT } else { BAR })
        ));
    }
    out.push_str("</svg>\n");
    out
}

/// The icon as RGB pixels, `side` × `side`, each the mean of 4×4 samples.
pub fn pixels(side: u32, kind: Kind) -> Vec<u8> {
    const SAMPLES: u32 = 4;
    let mut out = Vec::with_capacity((side * side * 3) as usize);
    let step = 1.0 / f64::from(side * SAMPLES);
    for py in 0..side {
        for px in 0..side {
            let mut sum = [0u32; 3];
            for sy in 0..SAMPLES {
                for sx in 0..SAMPLES {
                    let x = (f64::from(px * SAMPLES + sx) + 0.5) * step;
                    let y = (f64::from(py * SAMPLES + sy) + 0.5) * step;
                    let c = colour_at(x, y, kind);
                    for (s, v) in sum.iter_mut().zip(c) {
                        *s += u32::from(v);
                    }
                }
            }
            let n = SAMPLES * SAMPLES;
            // The mean of 16 bytes is a byte.
            out.extend(sum.map(|s| ((s + n / 2) / n) as u8));
        }
    }
    out
}

/// A PNG of the icon, `side` pixels square (8-bit RGB, no filter).
pub fn png(side: u32, kind: Kind) -> Vec<u8> {
    let rgb = pixels(side, kind);
    let row = side as usize * 3;
    let mut raw = Vec::with_capacity(rgb.len() + side as usize);
    for line in rgb.chunks(row) {
        raw.push(0); // filter: none
        raw.extend_from_slice(line);
    }
    let mut zlib = ZlibEncoder::new(Vec::new(), Compression::best());
    // Writing into a Vec cannot fail.
    let _ = zlib.write_all(&raw);
    let data = zlib.finish().unwrap_or_default();

    let mut header = Vec::with_capacity(13);
    header.extend(side.to_be_bytes());
    header.extend(side.to_be_bytes());
    header.extend([8, 2, 0, 0, 0]); // 8 bits, RGB, deflate, adaptive filters, no interlace

    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    chunk(&mut out, b"IHDR", &header);
    chunk(&mut out, b"IDAT", &data);
    chunk(&mut out, b"IEND", &[]);
    out
}

/// Appends one PNG chunk: length, type, data, CRC-32 of type and data.
fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend((data.len() as u32).to_be_bytes());
    out.extend(kind);
    out.extend(data);
    let mut crc = flate2::Crc::new();
    crc.update(kind);
    crc.update(data);
    out.extend(crc.sum().to_be_bytes());
}

/// Every icon file `dist/icons/` gets: its name and bytes.
pub fn files() -> Vec<(&'static str, Vec<u8>)> {
    vec![
        ("icon.svg", svg(Kind::Plain).into_bytes()),
        ("icon-192.png", png(192, Kind::Plain)),
        ("icon-512.png", png(512, Kind::Plain)),
        ("icon-maskable-512.png", png(512, Kind::Maskable)),
        ("apple-touch-icon.png", png(180, Kind::Plain)),
    ]
}

#[cfg(test)]
mod tests {
    use std::io::Read as _;

    use super::*;

    /// The chunks of a PNG, their CRCs checked.
    fn chunks(png: &[u8]) -> Vec<([u8; 4], Vec<u8>)> {
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
        let mut at = 8;
        let mut out = Vec::new();
        while at < png.len() {
            let len = u32::from_be_bytes(png[at..at + 4].try_into().unwrap()) as usize;
            let kind: [u8; 4] = png[at + 4..at + 8].try_into().unwrap();
            let data = png[at + 8..at + 8 + len].to_vec();
            let crc = u32::from_be_bytes(png[at + 8 + len..at + 12 + len].try_into().unwrap());
            let mut want = flate2::Crc::new();
            want.update(&kind);
            want.update(&data);
            assert_eq!(crc, want.sum(), "CRC of {}", String::from_utf8_lossy(&kind));
            out.push((kind, data));
            at += 12 + len;
        }
        out
    }

    #[test]
    fn a_png_decodes_to_its_pixels() {
        let png = png(48, Kind::Plain);
        let chunks = chunks(&png);
        let names: Vec<&[u8]> = chunks.iter().map(|(k, _)| k.as_slice()).collect();
        assert_eq!(names, [b"IHDR".as_slice(), b"IDAT", b"IEND"]);
        assert_eq!(&chunks[0].1[..8], [0, 0, 0, 48, 0, 0, 0, 48]);
        let mut raw = Vec::new();
        flate2::read::ZlibDecoder::new(chunks[1].1.as_slice())
            .read_to_end(&mut raw)
            .unwrap();
        assert_eq!(raw.len(), 48 * (1 + 48 * 3));
        let rgb: Vec<u8> = raw
            .chunks(1 + 48 * 3)
            .flat_map(|line| line[1..].to_vec())
            .collect();
        assert_eq!(rgb, pixels(48, Kind::Plain));
    }

    #[test]
    fn the_corners_are_the_brand_colour_and_the_bars_show() {
        for kind in [Kind::Plain, Kind::Maskable] {
            let side = 64;
            let px = pixels(side, kind);
            let at = |x: u32, y: u32| {
                let i = ((y * side + x) * 3) as usize;
                [px[i], px[i + 1], px[i + 2]]
            };
            assert_eq!(at(0, 0), BACKGROUND);
            assert_eq!(at(side - 1, side - 1), BACKGROUND);
            assert!(px.chunks(3).any(|c| c == ACCENT), "{kind:?}: the amber bar");
            assert!(px.chunks(3).any(|c| c == BAR), "{kind:?}: the white bars");
        }
    }

    #[test]
    fn the_maskable_icon_keeps_its_bars_inside_the_safe_circle() {
        let side = 200;
        let px = pixels(side, Kind::Maskable);
        for y in 0..side {
            for x in 0..side {
                let i = ((y * side + x) * 3) as usize;
                let (dx, dy) = (
                    (f64::from(x) + 0.5) / f64::from(side) - 0.5,
                    (f64::from(y) + 0.5) / f64::from(side) - 0.5,
                );
                if (dx * dx + dy * dy).sqrt() > 0.4 {
                    assert_eq!(px[i..i + 3], BACKGROUND, "({x}, {y}) outside the circle");
                }
            }
        }
    }

    #[test]
    fn the_svg_draws_the_same_bars() {
        let svg = svg(Kind::Plain);
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assert_eq!(svg.matches("<rect").count(), 1 + BARS.len());
        assert!(svg.contains("fill=\"#0b3d6e\"") && svg.contains("fill=\"#f2a900\""));
        // The amber bar is the tallest: from the top of the bars' square to its bottom.
        let origin = (512.0 - 0.62 * 512.0) / 2.0;
        assert!(svg.contains(&format!("y=\"{origin:.1}\"")), "{svg}");
    }
}
