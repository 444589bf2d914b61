//! The open data as the schema lists them: the licence, the whole plan's files, and each
//! dataset with what it holds and where it downloads.

use async_graphql::SimpleObject;

use crate::opendata::{self, Kind};

/// The licence the open data are published under (an SPDX identifier; schema data).
#[derive(Debug, Clone)]
pub struct Licence(pub String);

/// A plan's open data.
#[derive(SimpleObject)]
pub struct OpenData {
    /// The licence as an SPDX identifier (`CC-BY-4.0`).
    pub licence: String,
    /// The licence's text, for the usual open-data licences.
    pub licence_url: Option<&'static str>,
    /// Every dataset as one workbook, a sheet each (`/data/ostrava.xlsx`).
    pub workbook_url: String,
    /// Every dataset as a Frictionless Data Package: a ZIP of CSV files and `datapackage.json`.
    pub package_url: String,
    pub datasets: Vec<Dataset>,
}

/// The open data of plan `slug`.
pub fn open_data(slug: &str, licence: &str) -> OpenData {
    OpenData {
        licence: licence.to_owned(),
        licence_url: opendata::licence_url(licence),
        workbook_url: format!("/data/{slug}.xlsx"),
        package_url: format!("/data/{slug}.zip"),
        datasets: datasets(slug),
    }
}

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

/// A dataset of the plan's published figures, downloadable as CSV, JSON and XLSX.
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
    /// Where it downloads as CSV separated by semicolons, as Excel in the Czech locale opens it.
    pub csv_semicolon_url: String,
    /// Where it downloads as JSON.
    pub json_url: String,
    /// Where it downloads as an Excel workbook.
    pub xlsx_url: String,
}

/// Every dataset of plan `slug`.
fn datasets(slug: &str) -> Vec<Dataset> {
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
            csv_semicolon_url: format!("/data/{slug}/{}.csv?oddelovac=strednik", d.slug),
            json_url: format!("/data/{slug}/{}.json", d.slug),
            xlsx_url: format!("/data/{slug}/{}.xlsx", d.slug),
        })
        .collect()
}
