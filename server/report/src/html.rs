//! The report as an HTML fragment, for the app's preview while a report is drafted: the same
//! [`Report`] the PDF and DOCX lay out, in the same order, as semantic HTML (headings, tables,
//! lists, `<meter>` bars) that the app's style sheet styles, its headings starting at `<h2>`
//! under the page's own `<h1>`. Every text is escaped: the
//! narratives are typed by people and the figures come from the data, so nothing in them may
//! become markup.

use std::fmt::Write;

use shared::report::Block;

use crate::view::{Fact, IndicatorRow, MeasureRow, Part, Report};

pub use shared::format::html_escape as escape;

/// The HTML document being written; `write!` into a `String` cannot fail.
struct Html(String);

impl Html {
    fn raw(&mut self, s: &str) -> &mut Self {
        self.0.push_str(s);
        self
    }

    fn text(&mut self, s: &str) -> &mut Self {
        self.0.push_str(&escape(s));
        self
    }

    /// `<tag>text</tag>` with the text escaped.
    fn el(&mut self, tag: &str, text: &str) -> &mut Self {
        let _ = write!(self.0, "<{tag}>{}</{tag}>", escape(text));
        self
    }

    /// A heading with an anchor id (`id` escaped).
    fn heading(&mut self, level: u8, id: &str, text: &str) -> &mut Self {
        let _ = write!(
            self.0,
            "<h{level} id=\"{}\">{}</h{level}>",
            escape(id),
            escape(text)
        );
        self
    }

    fn facts(&mut self, facts: &[Fact]) -> &mut Self {
        self.raw("<dl class=\"report-facts\">");
        for f in facts {
            self.el("dt", &f.label).el("dd", &f.value);
        }
        self.raw("</dl>")
    }

    fn table_head(&mut self, cells: &[&str]) -> &mut Self {
        self.raw("<thead><tr>");
        for c in cells {
            self.raw("<th scope=\"col\">").text(c).raw("</th>");
        }
        self.raw("</tr></thead>")
    }

    fn row(&mut self, cells: &[&str]) -> &mut Self {
        self.raw("<tr>");
        for c in cells {
            self.el("td", c);
        }
        self.raw("</tr>")
    }

    /// A narrative section; a draft's empty one says it is not written yet.
    fn part(&mut self, p: &Part, level: u8, not_written: &str) -> &mut Self {
        let _ = write!(
            self.0,
            "<section class=\"report-part\" data-section=\"{}\">",
            escape(&p.key)
        );
        self.heading(
            level,
            &format!("cast-{}", p.key.replace('/', "-")),
            &p.title,
        );
        if crate::assemble::is_written(p) {
            for b in &p.blocks {
                match b {
                    Block::Paragraph(text) => {
                        self.el("p", text);
                    }
                    Block::List(items) => {
                        self.raw("<ul>");
                        for i in items {
                            self.el("li", i);
                        }
                        self.raw("</ul>");
                    }
                }
            }
        } else {
            self.raw("<p class=\"not-written\">")
                .text(not_written)
                .raw("</p>");
        }
        self.raw("</section>")
    }

    fn indicators(&mut self, r: &Report, dates: &[String], rows: &[IndicatorRow]) -> &mut Self {
        let l = &r.labels;
        let mut head: Vec<&str> = vec![&l.indicator, &l.unit];
        head.extend(dates.iter().map(String::as_str));
        head.extend([l.change.as_str(), &l.trend, &l.target]);
        self.raw("<div class=\"table-wrap\"><table class=\"report-table\">")
            .table_head(&head)
            .raw("<tbody>");
        for i in rows {
            let mut cells: Vec<&str> = vec![&i.name, &i.unit];
            cells.extend(i.values.iter().map(String::as_str));
            cells.extend([i.change.as_str(), &i.trend, &i.target]);
            self.row(&cells);
        }
        self.raw("</tbody></table></div>")
    }

    fn measures(&mut self, r: &Report, rows: &[MeasureRow]) -> &mut Self {
        let l = &r.labels;
        self.raw("<div class=\"table-wrap\"><table class=\"report-table\">")
            .table_head(&[
                &l.measure,
                &l.status,
                &l.implementer,
                &l.activity,
                &l.project_period,
            ])
            .raw("<tbody>");
        for m in rows {
            self.row(&[
                &format!("{} {}", m.code, m.name),
                &m.status,
                &m.implementer,
                &m.activity,
                &m.period,
            ]);
        }
        self.raw("</tbody></table></div>")
    }
}

/// The whole report as an HTML fragment: one `<article>` in the report's language.
pub fn render(r: &Report) -> String {
    let l = &r.labels;
    let mut h = Html(String::with_capacity(256 * 1024));
    let _ = write!(
        h.0,
        "<article class=\"report-preview\" lang=\"{}\">",
        escape(r.lang)
    );
    h.raw("<header class=\"report-cover\">")
        .el("p", &r.city)
        .heading(2, "zprava", &r.title)
        .el("p", &r.plan_name)
        .el("p", &r.action_plan);
    h.facts(&r.cover_facts());
    if r.draft {
        h.raw("<p class=\"report-draft\">")
            .text(&l.draft)
            .raw("</p>");
    }
    h.raw("</header>");

    for p in &r.opening {
        h.part(p, 3, &l.not_written);
    }
    h.el("h4", &format!("{} / {} / {}", l.area, l.goal, l.measures))
        .facts(&r.plan_facts);

    h.heading(3, "globalni-indikatory", &l.global_title)
        .el("p", &l.global_intro);
    let mut head: Vec<&str> = vec![&l.indicator];
    head.extend(r.global.columns.iter().map(String::as_str));
    head.extend([l.expected.as_str(), &l.state]);
    h.raw("<div class=\"table-wrap\"><table class=\"report-table\">")
        .table_head(&head)
        .raw("<tbody>");
    for g in &r.global.rows {
        let mut cells: Vec<&str> = vec![&g.name];
        cells.extend(g.cells.iter().map(String::as_str));
        cells.extend([g.expected.as_str(), &g.verdict]);
        h.row(&cells);
    }
    h.raw("</tbody></table></div>");
    let notes = format!("{} {}", l.city_vs_region, r.global.notes.join(" "));
    h.raw("<p class=\"report-note\">").text(&notes).raw("</p>");

    for a in &r.areas {
        h.raw("<section class=\"report-area\">")
            .heading(
                3,
                &format!("oblast-{}", a.code),
                &format!("{} {}", a.code, a.name),
            )
            .raw("<p class=\"report-note\">")
            .text(&format!("{}: {}", l.measures, a.statuses))
            .raw("</p>");
        if !a.bars.is_empty() {
            h.raw("<div class=\"table-wrap\"><table class=\"report-table report-bars\"><caption>")
                .text(&l.goals_progress)
                .raw("</caption>")
                .table_head(&[&l.goal, &l.progress, &l.expected_by_now, &l.state])
                .raw("<tbody>");
            for b in &a.bars {
                let _ = write!(
                    h.0,
                    "<tr><td>{}</td><td><meter min=\"0\" max=\"1\" value=\"{:.3}\"></meter> {}</td><td>{}</td><td>{}</td></tr>",
                    escape(&b.code),
                    b.attainment.clamp(0.0, 1.0),
                    escape(&b.attainment_text),
                    escape(&b.expected_text),
                    escape(&b.state)
                );
            }
            h.raw("</tbody></table></div>");
        }
        h.part(&a.people, 4, &l.not_written);
        for s in &a.strategic_goals {
            h.el(
                "h4",
                &format!("{} {}: {}", l.strategic_goal, s.code, s.name),
            );
            for g in &s.goals {
                h.raw("<section class=\"report-goal\">").heading(
                    5,
                    &format!("cil-{}", g.code),
                    &format!("{} {}: {}", l.specific_goal, g.code, g.target_text),
                );
                if !g.progress.is_empty() {
                    h.raw("<p class=\"report-note\">")
                        .text(&format!("{}: {}", l.progress, g.progress))
                        .raw("</p>");
                }
                if !g.indicators.is_empty() {
                    if g.dates.is_empty() {
                        h.el("p", &l.no_values);
                    }
                    h.indicators(r, &g.dates, &g.indicators);
                }
                if g.measures.is_empty() {
                    h.el("p", &l.no_measures);
                } else {
                    h.measures(r, &g.measures);
                }
                for p in &g.reflection {
                    h.part(p, 6, &l.not_written);
                }
                h.raw("</section>");
            }
        }
        h.raw("</section>");
    }

    for p in &r.closing {
        h.part(p, 3, &l.not_written);
    }

    h.heading(3, "rozpory", &l.conflicts_title)
        .el("p", &l.conflicts_intro)
        .el("h4", &l.open_conflicts);
    if r.conflicts.open.is_empty() {
        h.el("p", &l.none_open);
    }
    for c in &r.conflicts.open {
        h.raw("<div class=\"report-conflict\">")
            .el("strong", &c.title);
        h.raw("<ul>");
        for s in &c.statements {
            h.el("li", &format!("{} ({})", s.value, s.label));
        }
        h.raw("</ul></div>");
    }
    h.el("h4", &l.resolved_conflicts);
    if r.conflicts.resolved.is_empty() {
        h.el("p", &l.none_resolved);
    }
    for c in &r.conflicts.resolved {
        h.raw("<div class=\"report-conflict\">")
            .el("strong", &c.title)
            .el("p", &format!("{}: {}", l.chosen, c.chosen))
            .el("p", &format!("{}: {}", l.reason, c.reason));
        h.raw("<ul>");
        for s in &c.statements {
            h.el("li", &format!("{} ({})", s.value, s.label));
        }
        h.raw("</ul></div>");
    }

    h.heading(3, "priloha-a", &l.annex_a_title)
        .el("p", &l.annex_a_intro)
        .raw("<div class=\"table-wrap\"><table class=\"report-table\">")
        .table_head(&[
            &l.area,
            &l.measure,
            &l.implementer,
            &l.registration,
            &l.budget,
            &l.call,
        ])
        .raw("<tbody>");
    for p in &r.annex_a.rows {
        h.row(&[
            &p.area,
            &p.measure,
            &p.implementer,
            &p.registration,
            &p.budget,
            &p.call,
        ]);
    }
    h.raw("</tbody><tfoot>");
    for t in &r.annex_a.totals {
        h.row(&["", "", "", &t.label, &t.value, ""]);
    }
    h.raw("</tfoot></table></div>");

    h.heading(3, "priloha-b", &l.annex_b_title);
    for g in &r.annex_b {
        h.el(
            "h4",
            &format!("{} {}: {}", l.specific_goal, g.code, g.target_text),
        )
        .raw("<p class=\"report-note\">")
        .text(&format!("{} {}", l.strategic_goal, g.strategic))
        .raw("</p>");
        if !g.indicators.is_empty() {
            h.indicators(r, &g.dates, &g.indicators);
        }
        if !g.measures.is_empty() {
            h.measures(r, &g.measures);
        }
    }

    h.heading(3, "zdroje", &l.sources_title).facts(&r.sources);
    h.raw("</article>");
    h.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assemble::tests::{meta, snapshot};
    use shared::report::Section;

    #[test]
    fn escaping_leaves_no_markup() {
        assert_eq!(
            escape(r#"<img src=x onerror="a('b')">&"#),
            "&lt;img src=x onerror=&quot;a(&#39;b&#39;)&quot;&gt;&amp;"
        );
        assert_eq!(
            escape("Dluhy – 12 170 133,36 Kč"),
            "Dluhy – 12 170 133,36 Kč"
        );
    }

    #[test]
    fn the_preview_shows_the_figures_and_the_narratives_as_text() {
        let mut narratives = crate::Narratives::new();
        narratives.insert(
            Section::Summary,
            "První odstavec <script>alert(1)</script>.\n\n- bod <b>jedna</b>\n- bod dvě".to_owned(),
        );
        let report = crate::assemble(
            &snapshot(),
            &meta(None, shared::format::Lang::Cs),
            &narratives,
        )
        .unwrap();
        let html = render(&report);
        assert!(html.starts_with("<article class=\"report-preview\" lang=\"cs\">"));
        assert!(html.ends_with("</article>"));
        assert!(
            !html.contains("<script>") && !html.contains("<b>"),
            "{html}"
        );
        assert!(html.contains("První odstavec &lt;script&gt;alert(1)&lt;/script&gt;."));
        assert!(html.contains("<li>bod &lt;b&gt;jedna&lt;/b&gt;</li><li>bod dvě</li>"));
        // A draft: every place to write is shown, the empty ones say so.
        assert!(html.contains(&report.labels.draft));
        assert!(html.contains(&report.labels.not_written));
        for p in report.annex_a.rows.iter() {
            assert!(html.contains(&escape(&p.registration)));
            assert!(html.contains(&escape(&p.budget)));
        }
        for t in &report.annex_a.totals {
            assert!(html.contains(&escape(&t.value)), "{}", t.value);
        }
        // Tags balance: every opened element of these kinds is closed.
        for tag in ["article", "section", "table", "ul", "dl", "p", "div"] {
            let open = html.matches(&format!("<{tag}>")).count()
                + html.matches(&format!("<{tag} ")).count();
            let close = html.matches(&format!("</{tag}>")).count();
            assert_eq!(open, close, "<{tag}>");
        }
    }
}
