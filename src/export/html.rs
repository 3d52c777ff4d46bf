//! The HTML report: one self-contained page (inline CSS and JavaScript, no network) for people
//! to look at what extraction found.
//!
//! - a timeline of events by date (events whose time has a `begin`), by type;
//! - an event table that sorts by any column and filters by type, country, modality, date range
//!   and text;
//! - every article with its entities highlighted by type (as displaCy marks them) and its event
//!   triggers linked to their rows in the table.
//!
//! Articles are formatted in parallel ([`HtmlReport::format`]) and streamed to a temporary file
//! next to the report, so memory holds only one small row per event; [`HtmlReport::finish`]
//! assembles the page and renames it into place.

use super::event_id;
use crate::error::{Error, Result};
use crate::model::{Analysis, Argument, EntityType, Role};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs::File;
use std::io::{BufWriter, Read, Write};
use std::path::{Path, PathBuf};

const CSS: &str = include_str!("html/report.css");
const JS: &str = include_str!("html/report.js");

/// Stands for the document's number in its formatted article: escaped text never holds a raw `<`.
const DOC_NUMBER: &str = "<#>";

/// One document, formatted for the report by a worker thread.
pub struct ReportDoc {
    /// The article's `<article>` element, with [`DOC_NUMBER`] standing for its number.
    article: String,
    /// Its events' table rows, without the document number yet.
    events: Vec<EventRow>,
    entities_by_type: [usize; EntityType::ALL.len()],
    countries: Vec<(String, String)>,
}

/// What the event table shows of one event.
struct EventRow {
    id: String,
    kind: &'static str,
    modality: &'static str,
    begin: Option<String>,
    end: Option<String>,
    time_value: Option<String>,
    actor: String,
    other: String,
    countries: Vec<String>,
    trigger: String,
    evidence: String,
    confidence: f32,
}

/// A report being written.
pub struct HtmlReport {
    path: PathBuf,
    tmp: PathBuf,
    articles: BufWriter<File>,
    rows: String,
    docs: usize,
    events: usize,
    by_type: BTreeMap<&'static str, usize>,
    entities_by_type: [usize; EntityType::ALL.len()],
    countries: BTreeMap<String, (String, usize)>,
    modalities: BTreeMap<&'static str, usize>,
}

fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> Error + '_ {
    move |source| Error::Io {
        path: path.to_path_buf(),
        source,
    }
}

impl HtmlReport {
    /// Starts a report that will be written to `path`.
    pub fn create(path: &Path) -> Result<HtmlReport> {
        let tmp = super::temp_beside(path, "articles");
        let f = File::create(&tmp).map_err(io_err(&tmp))?;
        Ok(HtmlReport {
            path: path.to_path_buf(),
            tmp,
            articles: BufWriter::with_capacity(1 << 16, f),
            rows: String::new(),
            docs: 0,
            events: 0,
            by_type: BTreeMap::new(),
            entities_by_type: [0; EntityType::ALL.len()],
            countries: BTreeMap::new(),
            modalities: BTreeMap::new(),
        })
    }

    /// Formats one document (for a worker thread).
    pub fn format(a: &Analysis<'_>) -> ReportDoc {
        let text = a.text();
        let mut entities_by_type = [0; EntityType::ALL.len()];
        let mut countries = Vec::new();
        for e in &a.entities {
            entities_by_type[e.kind as usize] += 1;
            if e.kind == EntityType::Country {
                if let Some(c) = e.country {
                    countries.push((c.to_string(), e.canonical.to_string()));
                }
            }
        }
        let events = a
            .events
            .iter()
            .enumerate()
            .map(|(i, e)| {
                let mut countries: Vec<String> = e
                    .arguments
                    .iter()
                    .chain(e.mentions.iter().flat_map(|m| m.arguments.iter()))
                    .filter_map(|x| x.country.map(|c| c.to_string()))
                    .collect();
                countries.sort();
                countries.dedup();
                let actor: Vec<String> = e
                    .arguments
                    .iter()
                    .filter(|x| x.role == Role::Actor)
                    .map(|x| argument_html(x))
                    .collect();
                let other: Vec<String> = e
                    .arguments
                    .iter()
                    .filter(|x| x.role != Role::Actor)
                    .map(|x| {
                        format!(
                            "<span class=\"role\">{}</span> {}",
                            x.role.as_str(),
                            argument_html(x)
                        )
                    })
                    .collect();
                EventRow {
                    id: event_id(i),
                    kind: e.kind.as_str(),
                    modality: e.modality.as_str(),
                    begin: e.time.as_ref().and_then(|t| t.begin).map(|d| d.to_string()),
                    end: e.time.as_ref().and_then(|t| t.end).map(|d| d.to_string()),
                    time_value: e.time.as_ref().map(|t| t.value.clone()),
                    actor: actor.join("<br>"),
                    other: other.join("<br>"),
                    countries,
                    trigger: text[e.trigger].to_string(),
                    evidence: text[a.sentences[e.sentence].span]
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" "),
                    confidence: e.confidence,
                }
            })
            .collect();
        ReportDoc {
            article: article_html(a),
            events,
            entities_by_type,
            countries,
        }
    }

    /// Adds one formatted document (in input order).
    pub fn write(&mut self, d: ReportDoc) -> Result<()> {
        self.docs += 1;
        let n = self.docs;
        let article = d.article.replace(DOC_NUMBER, &n.to_string());
        self.articles
            .write_all(article.as_bytes())
            .map_err(io_err(&self.tmp))?;
        for (total, k) in self.entities_by_type.iter_mut().zip(d.entities_by_type) {
            *total += k;
        }
        for (code, name) in d.countries {
            self.countries.entry(code).or_insert((name, 0));
        }
        for e in d.events {
            self.events += 1;
            *self.by_type.entry(e.kind).or_default() += 1;
            *self.modalities.entry(e.modality).or_default() += 1;
            for c in &e.countries {
                self.countries.entry(c.clone()).or_insert((c.clone(), 0)).1 += 1;
            }
            let date = match (&e.begin, &e.end, &e.time_value) {
                (Some(b), Some(x), _) if b != x => format!("{b} – {x}"),
                (Some(b), _, _) => b.clone(),
                // An unresolved value (no publication date to resolve it against).
                (None, _, Some(v)) => format!("<span class=\"unresolved\">{}</span>", esc(v)),
                _ => String::new(),
            };
            let date_title = e.time_value.as_deref().unwrap_or("no time");
            let _ = writeln!(
                self.rows,
                "<tr id=\"ev-{n}-{id}\" data-type=\"{kind}\" data-modality=\"{modality}\" data-countries=\"{countries}\" \
                 data-begin=\"{begin}\" data-end=\"{end}\" data-doc=\"{n}\">\
                 <td data-v=\"{begin}\" title=\"{title}\">{date}</td>\
                 <td><span class=\"type t-{kind}\">{kind}</span></td>\
                 <td class=\"modality m-{modality}\">{modality}</td>\
                 <td>{actor}</td><td>{other}</td>\
                 <td data-v=\"{conf:.2}\"><b>{trigger}</b> <span class=\"evidence\">{evidence}</span></td>\
                 <td data-v=\"{n:08}\"><a href=\"#doc-{n}\">#{n}</a></td></tr>",
                id = e.id,
                kind = e.kind,
                modality = e.modality,
                countries = e.countries.join(" "),
                begin = e.begin.as_deref().unwrap_or(""),
                end = e.end.as_deref().or(e.begin.as_deref()).unwrap_or(""),
                title = esc(date_title),
                actor = e.actor,
                other = e.other,
                conf = e.confidence,
                trigger = esc(&e.trigger),
                evidence = esc(&e.evidence),
            );
        }
        Ok(())
    }

    /// Assembles the page and renames it into place.
    pub fn finish(self) -> Result<()> {
        let HtmlReport {
            path,
            tmp,
            articles,
            rows,
            docs,
            events,
            by_type,
            entities_by_type,
            countries,
            modalities,
        } = self;
        let f = articles.into_inner().map_err(|e| Error::Io {
            path: tmp.clone(),
            source: e.into_error(),
        })?;
        drop(f);
        let result = (|| -> Result<()> {
            let mut page = String::with_capacity(rows.len() + 64 * 1024);
            let entities: usize = entities_by_type.iter().sum();
            let _ = write!(
                page,
                "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
                 <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
                 <meta name=\"generator\" content=\"newsfacts {version}\">\n\
                 <title>newsfacts report: {docs} documents, {events} events</title>\n\
                 <style>\n{CSS}</style>\n</head>\n<body>\n<header>\n<h1>newsfacts report</h1>\n\
                 <p class=\"stats\"><b>{docs}</b> {docs_w} · <b>{entities}</b> entities · <b>{events}</b> events</p>\n\
                 <p class=\"legend\">",
                version = env!("CARGO_PKG_VERSION"),
                docs_w = if docs == 1 { "document" } else { "documents" },
            );
            for (t, n) in EntityType::ALL.iter().zip(entities_by_type) {
                let _ = write!(page, "<mark class=\"ent e-{t}\">{n}</mark> ");
            }
            page.push_str("</p>\n</header>\n<main>\n");
            page.push_str(
                "<section id=\"timeline\"><h2>Timeline <small>events by date of their time, by type; \
                 click a bar to filter the table</small></h2><div id=\"chart\" role=\"img\" \
                 aria-label=\"events by date\"></div></section>\n",
            );
            page.push_str("<section id=\"events\"><h2>Events</h2>\n<form id=\"filters\" autocomplete=\"off\">\n");
            page.push_str(
                "<label>Type <select id=\"f-type\"><option value=\"\">all types</option>",
            );
            let mut types: Vec<(&&str, &usize)> = by_type.iter().collect();
            types.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
            for (t, n) in types {
                let _ = write!(page, "<option value=\"{t}\">{t} ({n})</option>");
            }
            page.push_str("</select></label>\n<label>Country <select id=\"f-country\"><option value=\"\">all countries</option>");
            let mut cs: Vec<(&String, &(String, usize))> =
                countries.iter().filter(|(_, (_, n))| *n > 0).collect();
            cs.sort_by(|a, b| b.1 .1.cmp(&a.1 .1).then(a.0.cmp(b.0)));
            for (code, (name, n)) in cs {
                let label = if name == code {
                    code.clone()
                } else {
                    format!("{name} ({code})")
                };
                let _ = write!(
                    page,
                    "<option value=\"{code}\">{} · {n}</option>",
                    esc(&label)
                );
            }
            page.push_str("</select></label>\n<label>Modality <select id=\"f-modality\"><option value=\"\">any</option>");
            for (m, n) in &modalities {
                let _ = write!(page, "<option value=\"{m}\">{m} ({n})</option>");
            }
            page.push_str(
                "</select></label>\n<label>From <input type=\"date\" id=\"f-from\"></label>\n\
                 <label>To <input type=\"date\" id=\"f-to\"></label>\n\
                 <label>Text <input type=\"search\" id=\"f-text\" placeholder=\"name, word…\"></label>\n\
                 <button type=\"reset\" id=\"f-reset\">Clear</button>\n<output id=\"f-count\"></output>\n</form>\n",
            );
            page.push_str(
                "<div class=\"table-wrap\"><table id=\"event-table\">\n<thead><tr>\
                 <th data-sort=\"date\" aria-sort=\"none\">Date</th>\
                 <th data-sort=\"text\" aria-sort=\"none\">Type</th>\
                 <th data-sort=\"text\" aria-sort=\"none\">Modality</th>\
                 <th data-sort=\"text\" aria-sort=\"none\">Actor</th>\
                 <th data-sort=\"text\" aria-sort=\"none\">Target, place, …</th>\
                 <th data-sort=\"num\" aria-sort=\"none\" title=\"sorts by confidence\">Trigger and evidence</th>\
                 <th data-sort=\"num\" aria-sort=\"none\">Doc</th>\
                 </tr></thead>\n<tbody>\n",
            );
            page.push_str(&rows);
            page.push_str(
                "</tbody></table></div>\n</section>\n<section id=\"articles\"><h2>Articles</h2>\n",
            );
            let mut out = BufWriter::with_capacity(1 << 16, Vec::new());
            out.write_all(page.as_bytes()).map_err(io_err(&path))?;
            let mut articles = Vec::new();
            File::open(&tmp)
                .and_then(|mut f| f.read_to_end(&mut articles))
                .map_err(io_err(&tmp))?;
            out.write_all(&articles).map_err(io_err(&path))?;
            let _ = write!(
                out,
                "</section>\n</main>\n<footer>Made by newsfacts {} (schema newsfacts/1). Offsets, \
                 canonical names and keys are in the JSON Lines output.</footer>\n<script>\n{JS}</script>\n</body>\n</html>\n",
                env!("CARGO_PKG_VERSION")
            );
            let bytes = out.into_inner().map_err(|e| Error::Io {
                path: path.clone(),
                source: e.into_error(),
            })?;
            super::write_atomic(&path, &bytes)
        })();
        let _ = std::fs::remove_file(&tmp);
        result
    }

    /// Removes the temporary file (after a failed run).
    pub fn abort(self) {
        drop(self.articles);
        let _ = std::fs::remove_file(&self.tmp);
    }
}

/// HTML-escapes text.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

fn argument_html(x: &Argument<'_>) -> String {
    let mut s = esc(&x.canonical);
    if let Some(c) = x.country {
        let _ = write!(s, " <span class=\"cc\">{c}</span>");
    }
    s
}

/// The `<article>` of a document: header, then its text with entities and triggers marked.
fn article_html(a: &Analysis<'_>) -> String {
    let text = a.text();
    let mut out = String::with_capacity(text.len() * 3 + 1024);
    let _ = write!(
        out,
        "<article id=\"doc-<#>\" data-doc=\"<#>\">\n<h3>{}</h3>\n<p class=\"meta\"><code>{}</code>",
        esc(a.meta.title.as_deref().unwrap_or(&a.doc.id)),
        esc(&a.doc.id)
    );
    if let Some(p) = &a.meta.published {
        let _ = write!(out, " · published {}", esc(p));
        if let Some(s) = a.meta.published_source {
            let _ = write!(out, " <small>(from the {s})</small>");
        }
    }
    if let Some(u) = &a.meta.url {
        if u.starts_with("http://") || u.starts_with("https://") {
            let _ = write!(
                out,
                " · <a href=\"{}\" rel=\"noreferrer noopener\">source</a>",
                esc(u)
            );
        }
    }
    let _ = write!(
        out,
        " · {} entities · {} events</p>\n<div class=\"text\">",
        a.entities.len(),
        a.events.len()
    );
    // Marks: the entities (flat), then event triggers that overlap no entity.
    enum Mark {
        Entity(usize),
        Trigger(usize),
    }
    let mut marks: Vec<(crate::Span, Mark)> = a
        .entities
        .iter()
        .enumerate()
        .map(|(i, e)| (e.span, Mark::Entity(i)))
        .collect();
    for (i, e) in a.events.iter().enumerate() {
        for t in std::iter::once(e.trigger).chain(e.mentions.iter().map(|m| m.trigger)) {
            if !a
                .entities
                .iter()
                .any(|x| x.span.start < t.end && t.start < x.span.end)
            {
                marks.push((t, Mark::Trigger(i)));
            }
        }
    }
    marks.sort_by_key(|(s, _)| (s.start, s.end));
    let mut pos = 0;
    for (span, mark) in marks {
        if span.start < pos {
            continue;
        }
        out.push_str(&esc(&text[pos..span.start]));
        match mark {
            Mark::Entity(i) => {
                let e = &a.entities[i];
                let mut title = format!("{} · {}", e.canonical, e.kind);
                if let Some(c) = e.country {
                    let _ = write!(title, " · {c}");
                }
                if let Some(t) = &e.timex {
                    let _ = write!(title, " · {}", t.value);
                }
                // The type label is drawn by the style sheet (`.e-PERSON::after`): smaller pages.
                let _ = write!(
                    out,
                    "<mark class=\"ent e-{k}\" title=\"{title}\">{t}</mark>",
                    k = e.kind,
                    title = esc(&title),
                    t = esc(&text[span]),
                );
            }
            Mark::Trigger(i) => {
                let e = &a.events[i];
                let _ = write!(
                    out,
                    "<a class=\"trg\" href=\"#ev-<#>-{id}\" title=\"{k} ({m}): see the event table\">{t}</a>",
                    id = event_id(i),
                    k = e.kind,
                    m = e.modality,
                    t = esc(&text[span]),
                );
            }
        }
        pos = span.end;
    }
    out.push_str(&esc(&text[pos..]));
    out.push_str("</div>\n</article>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Document, Pipeline};

    #[test]
    fn a_report_is_one_self_contained_page() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.html");
        let p = Pipeline::builder().build().unwrap();
        let d = Document::from_text(
            "d<1>",
            "Vladimir Putin visited Beijing on Tuesday. <script>alert(1)</script> & more.",
        );
        let mut r = HtmlReport::create(&path).unwrap();
        r.write(HtmlReport::format(&p.analyze(&d))).unwrap();
        r.finish().unwrap();
        let html = std::fs::read_to_string(&path).unwrap();
        // nothing loaded from elsewhere
        for bad in [
            "<script src",
            "<link",
            "@import",
            "url(",
            "http://",
            "https://",
        ] {
            assert!(!html.contains(bad), "{bad} in the page");
        }
        // text is escaped
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; more."));
        assert!(html.contains("<code>d&lt;1&gt;</code>"));
        // entities are marked, triggers link to their rows, rows link to their article
        assert!(html.contains("<mark class=\"ent e-PERSON\" title=\"Vladimir Putin · PERSON"));
        assert!(html.contains("<a class=\"trg\" href=\"#ev-1-ev1\""));
        assert!(html.contains("<tr id=\"ev-1-ev1\" data-type=\"VISIT\""));
        assert!(html.contains("<a href=\"#doc-1\">#1</a>"));
        assert!(html.contains("<article id=\"doc-1\""));
        // only the report is left in the folder
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
