//! The risk register as a 5 × 5 matrix of probability × impact, and a significance's level.

/// How serious a risk's significance (probability × impact, 1–25) is. The documents give the
/// number only; these bands are the app's reading of it and are printed in the legend.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    /// 1–4.
    Low,
    /// 5–9.
    Medium,
    /// 10–16.
    High,
    /// 17–25.
    Critical,
}

impl Level {
    /// The band a significance falls in.
    pub fn of(significance: u32) -> Level {
        match significance {
            0..=4 => Level::Low,
            5..=9 => Level::Medium,
            10..=16 => Level::High,
            _ => Level::Critical,
        }
    }

    /// The CSS class that colours the band.
    pub fn class(self) -> &'static str {
        match self {
            Level::Low => "risk-low",
            Level::Medium => "risk-medium",
            Level::High => "risk-high",
            Level::Critical => "risk-critical",
        }
    }
}

/// The matrix: `cells[impact - 1][probability - 1]` lists the 1-based numbers of the risks in
/// that cell, in list order. Risks with a probability or impact outside 1–5 are left out.
pub type Matrix = [[Vec<usize>; 5]; 5];

/// Places risks, given as `(probability, impact)` in list order, into the matrix.
pub fn matrix(risks: &[(i32, i32)]) -> Matrix {
    let mut cells: Matrix = Default::default();
    for (i, (probability, impact)) in risks.iter().enumerate() {
        let (Ok(p), Ok(m)) = (usize::try_from(*probability), usize::try_from(*impact)) else {
            continue;
        };
        if (1..=5).contains(&p) && (1..=5).contains(&m) {
            cells[m - 1][p - 1].push(i + 1);
        }
    }
    cells
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn significance_falls_into_bands() {
        let cases = [
            (1, Level::Low),
            (4, Level::Low),
            (5, Level::Medium),
            (9, Level::Medium),
            (10, Level::High),
            (16, Level::High),
            (17, Level::Critical),
            (25, Level::Critical),
        ];
        for (significance, level) in cases {
            assert_eq!(Level::of(significance), level, "{significance}");
        }
    }

    #[test]
    fn risks_land_in_their_cells_in_list_order() {
        // The Ostrava register: (probability, impact).
        let risks = [(3, 5), (3, 5), (3, 4), (3, 3), (2, 4), (2, 3)];
        let cells = matrix(&risks);
        assert_eq!(cells[4][2], vec![1, 2], "impact 5, probability 3");
        assert_eq!(cells[3][2], vec![3]);
        assert_eq!(cells[2][1], vec![6]);
        let placed: usize = cells.iter().flatten().map(Vec::len).sum();
        assert_eq!(placed, 6);
    }

    #[test]
    fn out_of_scale_risks_are_left_out() {
        let cells = matrix(&[(0, 3), (6, 1), (-1, 2), (1, 1)]);
        let placed: usize = cells.iter().flatten().map(Vec::len).sum();
        assert_eq!(placed, 1);
        assert_eq!(cells[0][0], vec![4]);
    }
}
