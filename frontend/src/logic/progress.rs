//! Progress bars: how wide the filled part is and what the bar says to a screen reader.

/// The filled width of a bar for a ratio (1.0 = the whole bar), in percent of the bar's width,
/// clamped to 0–100. Not-a-number fills nothing.
pub fn bar_width(ratio: f64) -> f64 {
    if ratio.is_nan() {
        return 0.0;
    }
    (ratio * 100.0).clamp(0.0, 100.0)
}

/// The whole percentage a progress bar reports as `aria-valuenow` (not capped, so 135 % stays
/// 135; never negative).
pub fn aria_percent(ratio: f64) -> u32 {
    if ratio.is_nan() || ratio <= 0.0 {
        return 0;
    }
    // A ratio is a small positive number; the cast saturates for absurd values.
    (ratio * 100.0).round() as u32
}

/// A bar's width as a class, `w-42` for 42 % (`style.css` has `.w-0` to `.w-100`). A class,
/// not a `style` attribute: the server renders the pages as HTML, and the
/// Content-Security-Policy refuses `style="…"` attributes without `'unsafe-inline'` styles.
/// A whole percent is a few pixels at most on any bar.
pub fn width_class(percent: f64) -> String {
    format!("w-{}", whole_percent(percent))
}

/// A marker's left offset on a bar as a class, `l-70` (see [`width_class`]).
pub fn left_class(percent: f64) -> String {
    format!("l-{}", whole_percent(percent))
}

fn whole_percent(percent: f64) -> u32 {
    if percent.is_nan() {
        return 0;
    }
    // Clamped to 0–100 first, so the cast is exact.
    percent.clamp(0.0, 100.0).round() as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_fill_by_ratio_and_stop_at_the_ends() {
        let cases = [
            (0.0, 0.0),
            (0.5, 50.0),
            (1.0, 100.0),
            (1.35, 100.0),
            (-0.2, 0.0),
            (f64::NAN, 0.0),
        ];
        for (ratio, width) in cases {
            assert_eq!(bar_width(ratio), width, "{ratio}");
        }
    }

    #[test]
    fn screen_readers_hear_the_real_percentage() {
        assert_eq!(aria_percent(1.35), 135);
        assert_eq!(aria_percent(0.367), 37);
        assert_eq!(aria_percent(-1.0), 0);
        assert_eq!(aria_percent(f64::NAN), 0);
    }

    #[test]
    fn widths_are_clamped_whole_percent_classes() {
        assert_eq!(width_class(42.46), "w-42");
        assert_eq!(width_class(42.5), "w-43");
        assert_eq!(width_class(140.0), "w-100");
        assert_eq!(width_class(-3.0), "w-0");
        assert_eq!(width_class(f64::NAN), "w-0");
        assert_eq!(left_class(70.0), "l-70");
    }

    #[test]
    fn the_stylesheet_has_every_width_and_offset_class() {
        let css = include_str!("../../style.css");
        for n in 0..=100 {
            assert!(css.contains(&format!(".w-{n} {{ width: {n}%; }}")), "w-{n}");
            assert!(css.contains(&format!(".l-{n} {{ left: {n}%; }}")), "l-{n}");
        }
    }
}
