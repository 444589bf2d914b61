//! The report as a Word document for the city to edit further: the same content as the PDF,
//! headings as Word's own heading styles (navigation pane, contents), tables as real tables,
//! lists as Word lists, the plan and period in the page header and the page number in the
//! footer. Texts are runs of plain text, so nothing in the data can become markup.

use docx_rs::{
    AbstractNumbering, Docx, Footer, Header, IndentLevel, Level, LevelJc, LevelText, NumberFormat,
    Numbering, NumberingId, PageMargin, PageNum, Paragraph, Run, RunFonts, SpecialIndentType,
    Start, Style, StyleType, Table, TableCell, TableOfContents, TableRow, WidthType,
};
use shared::report::Block;

use crate::view::{Fact, IndicatorRow, MeasureRow, Part, Report};

/// Writing the document failed (an I/O error of the in-memory zip: a bug).
#[derive(Debug, thiserror::Error)]
#[error("the report could not be written as DOCX: {0}")]
pub struct DocxError(pub String);

/// The bullet list numbering.
const BULLETS: usize = 1;
/// The text width of an A4 page with 2 cm margins, in twentieths of a point.
const TEXT_WIDTH: usize = 9_638;

fn text(t: &str) -> Paragraph {
    Paragraph::new().add_run(Run::new().add_text(t))
}

fn bold(t: &str) -> Paragraph {
    Paragraph::new().add_run(Run::new().add_text(t).bold())
}

fn heading(level: usize, t: &str) -> Paragraph {
    text(t).style(&format!("Heading{level}"))
}

fn blocks(mut doc: Docx, bs: &[Block]) -> Docx {
    for b in bs {
        match b {
            Block::Paragraph(p) => doc = doc.add_paragraph(text(p)),
            Block::List(items) => {
                for item in items {
                    doc = doc.add_paragraph(
                        text(item).numbering(NumberingId::new(BULLETS), IndentLevel::new(0)),
                    );
                }
            }
        }
    }
    doc
}

fn part(doc: Docx, p: &Part, level: usize, draft: bool, not_written: &str) -> Docx {
    if p.blocks.is_empty() && !draft {
        return doc;
    }
    let doc = doc.add_paragraph(heading(level, &p.title));
    if p.blocks.is_empty() {
        doc.add_paragraph(Paragraph::new().add_run(Run::new().add_text(not_written).italic()))
    } else {
        blocks(doc, &p.blocks)
    }
}

/// A table with a bold header row (repeated on every page) and columns in proportion to
/// `widths`.
fn table(header: &[String], rows: Vec<Vec<String>>, widths: &[usize]) -> Table {
    let total: usize = widths.iter().sum::<usize>().max(1);
    let grid: Vec<usize> = widths.iter().map(|w| w * TEXT_WIDTH / total).collect();
    let cell = |t: &str, w: usize, strong: bool| {
        TableCell::new()
            .width(w, WidthType::Dxa)
            .add_paragraph(if strong { bold(t) } else { text(t) })
    };
    let mut all = vec![TableRow::new(
        header
            .iter()
            .zip(&grid)
            .map(|(h, w)| cell(h, *w, true))
            .collect(),
    )];
    for row in rows {
        all.push(TableRow::new(
            row.iter()
                .zip(&grid)
                .map(|(t, w)| cell(t, *w, false))
                .collect(),
        ));
    }
    Table::new(all)
        .set_grid(grid)
        .width(TEXT_WIDTH, WidthType::Dxa)
}

fn facts(doc: Docx, items: &[Fact]) -> Docx {
    let rows = items
        .iter()
        .map(|f| vec![f.label.clone(), f.value.clone()])
        .collect();
    doc.add_table(table(&[String::new(), String::new()], rows, &[1, 2]))
}

fn indicator_table(r: &Report, dates: &[String], rows: &[IndicatorRow], full: bool) -> Table {
    let l = &r.labels;
    let mut header = vec![l.impact_indicators.clone()];
    header.extend(dates.iter().cloned());
    if full {
        header.extend([l.change.clone(), l.trend.clone(), l.target.clone()]);
    }
    let mut widths = vec![6];
    widths.extend(dates.iter().map(|_| 2));
    if full {
        widths.extend([2, 2, 2]);
    }
    let body = rows
        .iter()
        .map(|i| {
            let mut row = vec![i.name.clone()];
            row.extend(i.values.iter().cloned());
            if full {
                row.extend([i.change.clone(), i.trend.clone(), i.target.clone()]);
            }
            row
        })
        .collect();
    table(&header, body, &widths)
}

fn measure_table(r: &Report, rows: &[MeasureRow]) -> Table {
    let l = &r.labels;
    table(
        &[
            l.measure.clone(),
            l.status.clone(),
            l.implementer.clone(),
            l.activity.clone(),
            l.project_period.clone(),
        ],
        rows.iter()
            .map(|m| {
                vec![
                    format!("{} {}", m.code, m.name),
                    m.status.clone(),
                    m.implementer.clone(),
                    m.activity.clone(),
                    m.period.clone(),
                ]
            })
            .collect(),
        &[5, 2, 3, 2, 3],
    )
}

fn styles(doc: Docx) -> Docx {
    let mut doc = doc
        .default_fonts(
            RunFonts::new()
                .ascii("Cambria")
                .hi_ansi("Cambria")
                .cs("Cambria"),
        )
        .default_size(21)
        .add_style(
            Style::new("Title", StyleType::Paragraph)
                .name("Title")
                .size(52)
                .bold()
                .color("1F4E79"),
        );
    for (level, size) in [(1, 34), (2, 28), (3, 24), (4, 22)] {
        doc = doc.add_style(
            Style::new(format!("Heading{level}"), StyleType::Paragraph)
                .name(format!("heading {level}"))
                .based_on("Normal")
                .next("Normal")
                .q_format(true)
                .size(size)
                .bold()
                .color("1F4E79")
                .outline_lvl(level - 1),
        );
    }
    doc.add_abstract_numbering(
        AbstractNumbering::new(BULLETS).add_level(
            Level::new(
                0,
                Start::new(1),
                NumberFormat::new("bullet"),
                LevelText::new("•"),
                LevelJc::new("left"),
            )
            .indent(Some(720), Some(SpecialIndentType::Hanging(360)), None, None),
        ),
    )
    .add_numbering(Numbering::new(BULLETS, BULLETS))
}

/// Writes `r` as a DOCX file.
pub fn render(r: &Report) -> Result<Vec<u8>, DocxError> {
    let l = &r.labels;
    let mut doc =
        styles(Docx::new())
            .page_size(11_906, 16_838)
            .page_margin(PageMargin {
                top: 1_134,
                left: 1_134,
                bottom: 1_134,
                right: 1_134,
                header: 567,
                footer: 567,
                gutter: 0,
            })
            .header(Header::new().add_paragraph(
                Paragraph::new().add_run(Run::new().add_text(&r.running_head).size(16)),
            ))
            .footer(
                Footer::new().add_paragraph(
                    Paragraph::new()
                        .add_run(Run::new().add_text(format!("{} ", l.page)).size(16))
                        .add_page_num(PageNum::new()),
                ),
            );

    // The cover.
    doc = doc
        .add_paragraph(text(&r.city))
        .add_paragraph(text(&r.title).style("Title"))
        .add_paragraph(text(&r.plan_name))
        .add_paragraph(text(&r.action_plan));
    let cover = r.cover_facts();
    doc = facts(doc, &cover);
    if r.draft {
        doc = doc.add_paragraph(bold(&l.draft));
    }
    doc = doc.add_table_of_contents(
        TableOfContents::new()
            .heading_styles_range(1, 2)
            .alias(&l.contents)
            .auto(),
    );

    for p in &r.opening {
        doc = part(doc, p, 1, r.draft, &l.not_written);
    }
    doc = facts(doc, &r.plan_facts);

    doc = doc
        .add_paragraph(heading(1, &l.global_title))
        .add_paragraph(text(&l.global_intro));
    let mut header = vec![l.indicator.clone()];
    header.extend(r.global.columns.iter().cloned());
    header.extend([l.expected.clone(), l.state.clone()]);
    let mut widths = vec![5];
    widths.extend(r.global.columns.iter().map(|_| 3));
    widths.extend([3, 2]);
    let rows = r
        .global
        .rows
        .iter()
        .map(|g| {
            let mut row = vec![g.name.clone()];
            row.extend(g.cells.iter().cloned());
            row.extend([g.expected.clone(), g.verdict.clone()]);
            row
        })
        .collect();
    doc = doc
        .add_table(table(&header, rows, &widths))
        .add_paragraph(text(&format!(
            "{} {}",
            l.city_vs_region,
            r.global.notes.join(" ")
        )));

    for a in &r.areas {
        doc = doc
            .add_paragraph(heading(1, &format!("{} {}", a.code, a.name)))
            .add_paragraph(text(&format!("{}: {}", l.measures, a.statuses)));
        if !a.bars.is_empty() {
            doc = doc.add_paragraph(bold(&l.goals_progress)).add_table(table(
                &[
                    l.goal.clone(),
                    l.progress.clone(),
                    l.expected_by_now.clone(),
                    l.state.clone(),
                ],
                a.bars
                    .iter()
                    .map(|b| {
                        vec![
                            b.code.clone(),
                            b.attainment_text.clone(),
                            b.expected_text.clone(),
                            b.state.clone(),
                        ]
                    })
                    .collect(),
                &[2, 2, 2, 3],
            ));
        }
        doc = part(doc, &a.people, 2, r.draft, &l.not_written);
        for s in &a.strategic_goals {
            doc = doc.add_paragraph(heading(
                2,
                &format!("{} {}: {}", l.strategic_goal, s.code, s.name),
            ));
            for g in &s.goals {
                doc = doc.add_paragraph(heading(
                    3,
                    &format!("{} {}: {}", l.specific_goal, g.code, g.target_text),
                ));
                if !g.progress.is_empty() {
                    doc = doc.add_paragraph(text(&format!("{}: {}", l.progress, g.progress)));
                }
                if !g.indicators.is_empty() {
                    doc = doc.add_table(indicator_table(r, &g.dates, &g.indicators, true));
                }
                doc = if g.measures.is_empty() {
                    doc.add_paragraph(text(&l.no_measures))
                } else {
                    doc.add_table(measure_table(r, &g.measures))
                };
                for p in &g.reflection {
                    doc = part(doc, p, 4, r.draft, &l.not_written);
                }
            }
        }
    }

    for p in &r.closing {
        doc = part(doc, p, 1, r.draft, &l.not_written);
    }

    doc = doc
        .add_paragraph(heading(1, &l.conflicts_title))
        .add_paragraph(text(&l.conflicts_intro))
        .add_paragraph(heading(2, &l.open_conflicts));
    if r.conflicts.open.is_empty() {
        doc = doc.add_paragraph(text(&l.none_open));
    }
    for c in &r.conflicts.open {
        doc = doc.add_paragraph(bold(&c.title));
        for s in &c.statements {
            doc = doc.add_paragraph(
                text(&format!("{} ({})", s.value, s.label))
                    .numbering(NumberingId::new(BULLETS), IndentLevel::new(0)),
            );
        }
    }
    doc = doc.add_paragraph(heading(2, &l.resolved_conflicts));
    if r.conflicts.resolved.is_empty() {
        doc = doc.add_paragraph(text(&l.none_resolved));
    }
    for c in &r.conflicts.resolved {
        doc = doc
            .add_paragraph(bold(&c.title))
            .add_paragraph(text(&format!("{}: {}", l.chosen, c.chosen)))
            .add_paragraph(text(&format!("{}: {}", l.reason, c.reason)));
        for s in &c.statements {
            doc = doc.add_paragraph(
                text(&format!("{} ({})", s.value, s.label))
                    .numbering(NumberingId::new(BULLETS), IndentLevel::new(0)),
            );
        }
    }

    doc = doc
        .add_paragraph(heading(1, &l.annex_a_title))
        .add_paragraph(text(&l.annex_a_intro));
    let mut rows = Vec::new();
    let mut last_area = "";
    for p in &r.annex_a.rows {
        if p.area != last_area {
            rows.push(vec![
                p.area.clone(),
                String::new(),
                String::new(),
                String::new(),
            ]);
            last_area = &p.area;
        }
        rows.push(vec![
            p.measure.clone(),
            format!("{} ({})", p.implementer, p.registration),
            p.budget.clone(),
            p.call.clone(),
        ]);
    }
    for t in &r.annex_a.totals {
        rows.push(vec![
            t.label.clone(),
            String::new(),
            t.value.clone(),
            String::new(),
        ]);
    }
    doc = doc.add_table(table(
        &[
            l.measure.clone(),
            format!("{} ({})", l.implementer, l.registration),
            l.budget.clone(),
            l.call.clone(),
        ],
        rows,
        &[5, 5, 3, 2],
    ));

    doc = doc.add_paragraph(heading(1, &l.annex_b_title));
    for g in &r.annex_b {
        doc = doc
            .add_paragraph(heading(
                2,
                &format!("{} {}: {}", l.specific_goal, g.code, g.target_text),
            ))
            .add_paragraph(text(&format!("{} {}", l.strategic_goal, g.strategic)));
        if !g.indicators.is_empty() {
            doc = doc.add_table(indicator_table(r, &g.dates, &g.indicators, false));
        }
        if !g.measures.is_empty() {
            doc = doc.add_table(measure_table(r, &g.measures));
        }
    }

    doc = doc.add_paragraph(heading(1, &l.sources_title));
    doc = facts(doc, &r.sources);

    let mut out = std::io::Cursor::new(Vec::new());
    doc.build()
        .pack(&mut out)
        .map_err(|e| DocxError(e.to_string()))?;
    Ok(out.into_inner())
}
