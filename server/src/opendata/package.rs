//! The whole plan as a Frictionless Data Package: a ZIP of every dataset's CSV file and a
//! `datapackage.json` that describes them (a table schema per file with field types, primary and
//! foreign keys, the licence and the source documents), so open-data tools can read and validate
//! it without guessing.

use std::io::{Cursor, Write};

use serde_json::{Value, json};
use zip::CompressionMethod;
use zip::write::{SimpleFileOptions, ZipWriter};

use super::{DATASETS, Dataset, Meta, licence_url};
use crate::store::model::PlanModel;

/// Why a package could not be written.
#[derive(Debug, thiserror::Error)]
pub enum PackageError {
    #[error(transparent)]
    Csv(#[from] csv::Error),
    #[error(transparent)]
    Zip(#[from] zip::result::ZipError),
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

/// The ZIP: `datapackage.json`, then each dataset's CSV (comma-separated, UTF-8 with a BOM),
/// each made, compressed and dropped before the next one is made.
pub fn zip(meta: &Meta, model: &PlanModel) -> Result<Vec<u8>, PackageError> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    zip.start_file("datapackage.json", options)?;
    let descriptor = descriptor(meta, model);
    zip.write_all(&serde_json::to_vec_pretty(&descriptor).unwrap_or_default())?;
    for d in &DATASETS {
        let rows = d.rows(model);
        zip.start_file(file_name(d), options)?;
        zip.write_all(&super::csv(d.fields, &rows, b',')?)?;
    }
    Ok(zip.finish()?.into_inner())
}

fn file_name(d: &Dataset) -> String {
    format!("{}.csv", d.slug)
}

/// The `datapackage.json` of a plan's datasets.
pub fn descriptor(meta: &Meta, model: &PlanModel) -> Value {
    let licence = match licence_url(meta.licence) {
        Some(path) => json!({ "name": meta.licence, "path": path }),
        None => json!({ "name": meta.licence }),
    };
    let documents = super::rows::document_rows(model);
    let sources: Vec<Value> = documents
        .iter()
        .filter_map(|row| row.first())
        .map(|title| json!({ "title": title.to_text() }))
        .collect();
    json!({
        "profile": "tabular-data-package",
        "name": format!("psz-{}", meta.plan),
        "title": meta.plan_name,
        "description": "Zveřejněné údaje Plánu sociálního začleňování a jeho akčních plánů: cíle, \
            indikátory a jejich hodnoty, opatření, stavy realizace, projekty, financování, rizika, \
            harmonogram a rozpory mezi zdroji. Koncepty a interní poznámky v nich nejsou.",
        "homepage": meta.source_url,
        "licenses": [licence],
        "sources": sources,
        "resources": DATASETS.iter().map(resource).collect::<Vec<_>>(),
    })
}

fn resource(d: &Dataset) -> Value {
    let fields: Vec<Value> = d
        .fields
        .iter()
        .map(|f| {
            json!({
                "name": f.name,
                "type": f.kind.table_schema_type(),
                "title": f.title,
            })
        })
        .collect();
    let foreign_keys: Vec<Value> = d
        .refs
        .iter()
        .map(|r| {
            json!({
                "fields": r.fields,
                "reference": { "resource": r.dataset, "fields": r.target },
            })
        })
        .collect();
    json!({
        "profile": "tabular-data-resource",
        "name": d.slug,
        "path": file_name(d),
        "title": d.title,
        "description": d.description,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "dialect": { "delimiter": ",", "lineTerminator": "\r\n", "header": true },
        "schema": {
            "fields": fields,
            "primaryKey": d.key,
            "foreignKeys": foreign_keys,
            "missingValues": [""],
        },
    })
}
