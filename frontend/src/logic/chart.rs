//! Geometry of the two inline SVG charts: columns (an impact indicator's values at its monitoring
//! dates, with the target as a line) and lines (a global indicator's series, city and region).
//!
//! Everything is in the SVG's own units ([`Frame`]); the SVG scales to its container with a
//! `viewBox`, so the same numbers serve a phone and a desktop.

/// The drawing area of a chart in SVG units, with the margins kept for labels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Frame {
    pub width: f64,
    pub height: f64,
    /// Room above the plot for value labels.
    pub top: f64,
    /// Room below the plot for category labels.
    pub bottom: f64,
    /// Room left of the plot for axis labels.
    pub left: f64,
    pub right: f64,
}

impl Frame {
    /// The frame both charts use: 320 × 180 units.
    pub const STANDARD: Frame = Frame {
        width: 320.0,
        height: 180.0,
        top: 22.0,
        bottom: 30.0,
        left: 40.0,
        right: 12.0,
    };

    fn plot_width(&self) -> f64 {
        self.width - self.left - self.right
    }

    fn plot_height(&self) -> f64 {
        self.height - self.top - self.bottom
    }

    /// The y of the plot's bottom edge (the value axis' low end).
    pub fn base_y(&self) -> f64 {
        self.height - self.bottom
    }

    /// The x of the plot's left and right edges.
    pub fn x_range(&self) -> (f64, f64) {
        (self.left, self.width - self.right)
    }
}

/// The smallest "round" number (1, 2, 2.5 or 5 times a power of ten) at or above `value`; 1 for
/// zero, negative or not-a-number input.
pub fn nice_ceiling(value: f64) -> f64 {
    if value.is_nan() || value <= 0.0 || value.is_infinite() {
        return 1.0;
    }
    let magnitude = 10f64.powf(value.log10().floor());
    let fraction = value / magnitude;
    let nice = [1.0, 2.0, 2.5, 5.0, 10.0]
        .into_iter()
        .find(|n| fraction <= *n + 1e-9)
        .unwrap_or(10.0);
    nice * magnitude
}

/// A column of the column chart, in SVG units.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Column {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
    /// The x of the column's centre, where its labels go.
    pub centre: f64,
}

/// Where the columns and the target line of a column chart go.
#[derive(Debug, Clone, PartialEq)]
pub struct Columns {
    /// One per value; `None` where the value is missing (the category label still shows).
    pub columns: Vec<Option<Column>>,
    /// The x of each category's centre.
    pub centres: Vec<f64>,
    /// The y of the target line, when there is a target.
    pub target_y: Option<f64>,
    /// The value at the top of the axis (a round number at or above every value and the target).
    pub max: f64,
}

/// Lays out columns for `values` (zero-based axis) with an optional `target` line.
pub fn columns(values: &[Option<f64>], target: Option<f64>, frame: Frame) -> Columns {
    let highest = values
        .iter()
        .flatten()
        .chain(target.iter())
        .copied()
        .filter(|v| v.is_finite())
        .fold(0.0_f64, f64::max);
    let max = nice_ceiling(highest);
    let slot = frame.plot_width() / values.len().max(1) as f64;
    let width = (slot * 0.55).min(56.0);
    let y_of = |v: f64| frame.base_y() - (v.max(0.0) / max) * frame.plot_height();
    let centres: Vec<f64> = (0..values.len())
        .map(|i| frame.left + slot * (i as f64 + 0.5))
        .collect();
    let columns = values
        .iter()
        .zip(&centres)
        .map(|(value, centre)| {
            value.filter(|v| v.is_finite()).map(|v| {
                let y = y_of(v);
                Column {
                    x: centre - width / 2.0,
                    y,
                    width,
                    height: frame.base_y() - y,
                    centre: *centre,
                }
            })
        })
        .collect();
    Columns {
        columns,
        centres,
        target_y: target.filter(|t| t.is_finite()).map(y_of),
        max,
    }
}

/// Where the lines of a line chart go.
#[derive(Debug, Clone, PartialEq)]
pub struct Lines {
    /// The x of each category.
    pub xs: Vec<f64>,
    /// Per series, the point of each category (`None` where the value is missing).
    pub points: Vec<Vec<Option<(f64, f64)>>>,
    /// Per series, an SVG path through its points; a missing value breaks the line.
    pub paths: Vec<String>,
    /// The values at the bottom and top of the axis.
    pub low: f64,
    pub high: f64,
}

/// Lays out `series` (each with one value per category) on a shared axis that spans their values
/// with a tenth of headroom each side, never below zero when no value is negative.
pub fn lines(series: &[Vec<Option<f64>>], frame: Frame) -> Lines {
    let categories = series.iter().map(Vec::len).max().unwrap_or(0);
    let values: Vec<f64> = series
        .iter()
        .flatten()
        .flatten()
        .copied()
        .filter(|v| v.is_finite())
        .collect();
    let (min, max) = values
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
            (lo.min(*v), hi.max(*v))
        });
    let (low, high) = if values.is_empty() {
        (0.0, 1.0)
    } else {
        let span = if max > min {
            max - min
        } else {
            max.abs().max(1.0)
        };
        let mut low = min - span * 0.15;
        if min >= 0.0 && low < 0.0 {
            low = 0.0;
        }
        (low, max + span * 0.15)
    };
    let (left, right) = frame.x_range();
    let xs: Vec<f64> = match categories {
        0 => Vec::new(),
        1 => vec![(left + right) / 2.0],
        n => (0..n)
            .map(|i| left + 12.0 + (right - left - 24.0) * i as f64 / (n - 1) as f64)
            .collect(),
    };
    let y_of = |v: f64| frame.base_y() - (v - low) / (high - low) * frame.plot_height();
    let points: Vec<Vec<Option<(f64, f64)>>> = series
        .iter()
        .map(|s| {
            s.iter()
                .zip(&xs)
                .map(|(v, x)| v.filter(|v| v.is_finite()).map(|v| (*x, y_of(v))))
                .collect()
        })
        .collect();
    let paths = points.iter().map(|p| path(p)).collect();
    Lines {
        xs,
        points,
        paths,
        low,
        high,
    }
}

/// An SVG path through points, starting a new segment after each gap.
fn path(points: &[Option<(f64, f64)>]) -> String {
    let mut out = String::new();
    let mut pen_down = false;
    for point in points {
        match point {
            Some((x, y)) => {
                out.push_str(if pen_down { "L" } else { "M" });
                out.push_str(&format!("{x:.1} {y:.1}"));
                pen_down = true;
            }
            None => pen_down = false,
        }
    }
    out
}

/// A number as an SVG attribute (one decimal).
pub fn n(value: f64) -> String {
    format!("{value:.1}")
}

#[cfg(test)]
mod tests {
    use super::*;

    const F: Frame = Frame::STANDARD;

    #[test]
    fn axis_tops_are_round_numbers() {
        let cases = [
            (54.0, 100.0),
            (40.0, 50.0),
            (900.0, 1000.0),
            (157.0, 200.0),
            (8.0, 10.0),
            (1.0, 1.0),
            (0.3, 0.5),
            (2.2, 2.5),
            (0.0, 1.0),
            (-5.0, 1.0),
            (f64::NAN, 1.0),
        ];
        for (value, nice) in cases {
            assert!((nice_ceiling(value) - nice).abs() < 1e-9, "{value}");
        }
    }

    #[test]
    fn columns_stand_on_the_axis_and_the_target_is_a_line() {
        let c = columns(&[Some(15.0), Some(43.0)], Some(40.0), F);
        assert_eq!(c.max, 50.0);
        let plot = F.height - F.top - F.bottom;
        let second = c.columns[1].unwrap();
        assert!((second.height - plot * 43.0 / 50.0).abs() < 1e-9);
        assert!((second.y + second.height - F.base_y()).abs() < 1e-9);
        let target = c.target_y.unwrap();
        assert!((F.base_y() - target - plot * 0.8).abs() < 1e-9);
        assert!(c.columns[0].unwrap().centre < second.centre);
    }

    #[test]
    fn missing_values_leave_a_gap_but_keep_their_slot() {
        let c = columns(&[None, Some(0.0)], None, F);
        assert_eq!(c.columns[0], None);
        assert_eq!(c.centres.len(), 2);
        assert_eq!(c.columns[1].unwrap().height, 0.0);
        assert_eq!(c.target_y, None);
        assert_eq!(c.max, 1.0);
    }

    #[test]
    fn lines_share_an_axis_with_headroom() {
        let l = lines(
            &[
                vec![Some(3.01), Some(2.17), Some(2.57)],
                vec![Some(2.28), Some(2.07), Some(2.36)],
            ],
            F,
        );
        assert!(l.low < 2.07 && l.low >= 0.0);
        assert!(l.high > 3.01);
        assert_eq!(l.xs.len(), 3);
        assert!(l.paths[0].starts_with('M'));
        assert_eq!(l.paths[0].matches('L').count(), 2);
        // Higher values sit higher (smaller y).
        let city_first = l.points[0][0].unwrap().1;
        let region_first = l.points[1][0].unwrap().1;
        assert!(city_first < region_first);
    }

    #[test]
    fn a_gap_breaks_the_line_and_counts_stay_above_zero() {
        let l = lines(&[vec![Some(21.0), None, Some(19.0)]], F);
        assert_eq!(l.paths[0].matches('M').count(), 2);
        assert_eq!(l.points[0][1], None);
        let flat = lines(&[vec![Some(3100.0), Some(3100.0)]], F);
        assert!(flat.low >= 0.0 && flat.high > 3100.0);
        let empty = lines(&[vec![None]], F);
        assert_eq!((empty.low, empty.high), (0.0, 1.0));
        assert_eq!(empty.paths, vec![String::new()]);
    }
}
