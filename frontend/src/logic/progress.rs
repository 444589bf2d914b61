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

/// A bar's CSS width, `("width", "42.5%")`. A (property, value) pair, not a `style` attribute:
/// Leptos sets the pair through the element's CSSOM (`style.setProperty`), which the
/// Content-Security-Policy allows without `'unsafe-inline'` styles; a `style="…"` string would
/// be set as an attribute, which it blocks.
pub fn width_style(percent: f64) -> (&'static str, String) {
    ("width", percent_value(percent))
}

/// A marker's CSS left offset on a bar, `("left", "70.0%")` (see [`width_style`]).
pub fn left_style(percent: f64) -> (&'static str, String) {
    ("left", percent_value(percent))
}

fn percent_value(percent: f64) -> String {
    let percent = if percent.is_nan() {
        0.0
    } else {
        percent.clamp(0.0, 100.0)
    };
    // One decimal is finer than a pixel on any screen.
    format!("{:.1}%", percent)
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
    fn styles_are_clamped_css() {
        assert_eq!(width_style(42.46), ("width", "42.5%".to_owned()));
        assert_eq!(width_style(140.0), ("width", "100.0%".to_owned()));
        assert_eq!(width_style(f64::NAN), ("width", "0.0%".to_owned()));
        assert_eq!(left_style(70.0), ("left", "70.0%".to_owned()));
    }
}
