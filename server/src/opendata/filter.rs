//! Selections of a dataset's rows: by field values (`?opatreni=2.1.3.4`) and by the search
//! (`?hledat=bydleni`), as a page's table shows them.

use super::{Cell, DATASETS, Dataset};
use crate::store::model::PlanModel;

/// A selection of a dataset's rows: those whose cells under the given fields read the given
/// values (as CSV writes them), as a page's table shows them (`?opatreni=2.1.3.4`), and those
/// the search finds (`?hledat=bydleni`: every word in the row's search text, at most
/// [`SEARCH_LIMIT`], as the search page lists them).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Filter {
    by: Vec<(usize, String)>,
    /// The search's folded words; none when not searching.
    search: Vec<String>,
    /// The search as asked (for the file name).
    asked: String,
}

/// Most rows of each kind the search gives (the search page's and the API's limit).
pub const SEARCH_LIMIT: usize = 50;

/// The longest search (the API's limit, in characters).
pub const MAX_SEARCH: usize = 200;

impl Filter {
    /// Most conditions a filter has.
    pub const MAX_CONDITIONS: usize = 3;

    /// The query parameter of a search.
    pub const SEARCH: &'static str = "hledat";

    /// The filter of `conditions` (field name, value) on `dataset`, or why there is none: an
    /// unknown field, a field named twice, too many conditions.
    pub fn new<'a>(
        dataset: &Dataset,
        conditions: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Filter, String> {
        let mut by = Vec::new();
        let mut filter = Filter::default();
        for (name, value) in conditions {
            if name == Self::SEARCH {
                if dataset.search_texts.is_none() {
                    return Err(format!(
                        "dataset `{}` cannot be searched (hledat works on {})",
                        dataset.slug,
                        DATASETS
                            .iter()
                            .filter(|d| d.search_texts.is_some())
                            .map(|d| d.slug)
                            .collect::<Vec<_>>()
                            .join(", ")
                    ));
                }
                if !filter.asked.is_empty() {
                    return Err("`hledat` is given twice".to_owned());
                }
                if value.chars().count() > MAX_SEARCH {
                    return Err(format!("`hledat` is at most {MAX_SEARCH} characters"));
                }
                filter.search = shared::search::terms(value);
                if filter.search.is_empty() {
                    return Err("`hledat` needs at least one word".to_owned());
                }
                value.clone_into(&mut filter.asked);
                continue;
            }
            let Some(i) = dataset.fields.iter().position(|f| f.name == name) else {
                return Err(format!(
                    "`{name}` is no field of dataset `{}` (its fields: {})",
                    dataset.slug,
                    dataset
                        .fields
                        .iter()
                        .map(|f| f.name)
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
            };
            if by.iter().any(|(j, _)| *j == i) {
                return Err(format!("`{name}` is given twice"));
            }
            by.push((i, value.to_owned()));
        }
        if by.len() > Self::MAX_CONDITIONS {
            return Err(format!(
                "at most {} fields may be filtered on",
                Self::MAX_CONDITIONS
            ));
        }
        by.sort();
        filter.by = by;
        Ok(filter)
    }

    pub fn is_empty(&self) -> bool {
        self.by.is_empty() && self.search.is_empty()
    }

    /// Whether a row's cells are selected (the search aside).
    pub fn keeps(&self, row: &[Cell]) -> bool {
        self.by
            .iter()
            .all(|(i, value)| row.get(*i).is_some_and(|c| c.to_text() == *value))
    }

    /// The selected rows of `dataset` (made from `model`).
    pub fn apply(
        &self,
        dataset: &Dataset,
        model: &PlanModel,
        mut rows: Vec<Vec<Cell>>,
    ) -> Vec<Vec<Cell>> {
        if !self.search.is_empty() {
            let texts = dataset.search_texts.map(|t| t(model)).unwrap_or_default();
            rows = rows
                .into_iter()
                .zip(texts)
                .filter(|(_, text)| self.search.iter().all(|t| text.contains(t.as_str())))
                .map(|(row, _)| row)
                .take(SEARCH_LIMIT)
                .collect();
        }
        if !self.by.is_empty() {
            rows.retain(|row| self.keeps(row));
        }
        rows
    }

    /// What it selects, for a file name: `-opatreni-2.1.3.4` (only letters, digits, `.`, `-`
    /// and `_`; anything else becomes `_`).
    pub fn suffix(&self, dataset: &Dataset) -> String {
        let mut out = String::new();
        let search = (!self.asked.is_empty()).then_some((Self::SEARCH, self.asked.as_str()));
        let by = self.by.iter().map(|(i, value)| {
            (
                dataset.fields.get(*i).map_or("", |f| f.name),
                value.as_str(),
            )
        });
        for (name, value) in search.into_iter().chain(by) {
            out.push('-');
            out.push_str(name);
            out.push('-');
            out.extend(value.chars().take(40).map(|c| {
                if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                    c
                } else {
                    '_'
                }
            }));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::opendata::find;

    #[test]
    fn a_filter_names_fields_of_its_dataset_and_selects_by_their_text() {
        let d = find("projekty").expect("projects");
        let f = Filter::new(d, [("opatreni", "2.1.3.4")]).expect("a filter");
        let row = |code: &str| {
            let mut row = vec![Cell::Empty; d.fields.len()];
            row[1] = Cell::text(code);
            row
        };
        assert!(f.keeps(&row("2.1.3.4")) && !f.keeps(&row("2.1.3.1")));
        assert_eq!(f.suffix(d), "-opatreni-2.1.3.4");
        let odd = Filter::new(d, [("realizator", "Slezská \"diakonie\"")]).expect("a filter");
        assert_eq!(odd.suffix(d), "-realizator-Slezsk___diakonie_");
        assert!(Filter::new(d, [("nic", "1")]).is_err());
        assert!(Filter::new(d, [("opatreni", "1"), ("opatreni", "2")]).is_err());
        assert!(
            Filter::new(
                d,
                [
                    ("opatreni", "1"),
                    ("vyzva", "2"),
                    ("program", "3"),
                    ("od", "4")
                ]
            )
            .is_err()
        );
        // A search is for the datasets the search finds rows of, with a word.
        let measures = find("opatreni").expect("measures");
        let search = Filter::new(measures, [("hledat", "Bydlení  dluhy")]).expect("a search");
        assert_eq!(search.search, ["bydleni", "dluhy"]);
        assert_eq!(search.suffix(measures), "-hledat-Bydlen___dluhy");
        assert!(Filter::new(measures, [("hledat", " ")]).is_err());
        assert!(Filter::new(measures, [("hledat", "a".repeat(MAX_SEARCH + 1).as_str())]).is_err());
        assert!(
            Filter::new(d, [("hledat", "x")]).is_err(),
            "projects are not searched"
        );
        // Money filters by its text as CSV writes it.
        let budget = Filter::new(d, [("rozpocet", "12170133.36")]).expect("a filter");
        let mut r = row("2.1.3.4");
        r[4] = Cell::Money(1_217_013_336);
        assert!(budget.keeps(&r));
    }
}
