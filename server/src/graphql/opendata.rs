//! The open-data datasets as the schema lists them: what each holds and where it downloads.

use async_graphql::SimpleObject;

use crate::opendata::{self, Kind};

/// A column of a dataset.
#[derive(SimpleObject)]
pub struct DatasetField {
    /// Its name in every format (`registracni_cislo`).
    pub name: &'static str,
    #[graphql(name = "type")]
    pub kind: Kind,
    /// What it is, in Czech.
    pub title: &'static str,
}

/// A dataset of the plan's published figures, downloadable as CSV and JSON.
#[derive(SimpleObject)]
pub struct Dataset {
    /// Its name in the addresses (`projekty`).
    pub slug: &'static str,
    pub title: &'static str,
    pub title_en: &'static str,
    pub description: &'static str,
    pub fields: Vec<DatasetField>,
    /// The fields that identify a row.
    pub key: Vec<&'static str>,
    /// Where it downloads as CSV (`/data/ostrava/projekty.csv`).
    pub csv_url: String,
    /// Where it downloads as JSON.
    pub json_url: String,
}

/// Every dataset of plan `slug`.
pub fn datasets(slug: &str) -> Vec<Dataset> {
    opendata::DATASETS
        .iter()
        .map(|d| Dataset {
            slug: d.slug,
            title: d.title,
            title_en: d.title_en,
            description: d.description,
            fields: d
                .fields
                .iter()
                .map(|f| DatasetField {
                    name: f.name,
                    kind: f.kind,
                    title: f.title,
                })
                .collect(),
            key: d.key.to_vec(),
            csv_url: format!("/data/{slug}/{}.csv", d.slug),
            json_url: format!("/data/{slug}/{}.json", d.slug),
        })
        .collect()
}
