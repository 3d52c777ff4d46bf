//! TimeML (TempEval-3) temporal expressions: `newsfacts eval timeml DIR...`.
//!
//! Each `.tml` file becomes one document: the text of `<TEXT>` with its inline tags stripped
//! (XML entities decoded), the gold TIMEX3s inside it as byte spans, and the DCT (the TIMEX3 with
//! `functionInDocument="CREATION_TIME"`) as the publication date. Scoring follows the TempEval-3
//! entity scorer: alignment is one-to-one per document, exact spans first, then a maximum
//! bipartite matching on overlap (larger overlap first); strict = identical span, relaxed = any
//! overlap; type and value accuracy over relaxed matches; value F1 = relaxed F1 × value accuracy.

use super::Prf;
use crate::error::{Error, Result};
use crate::model::{Document, EntityType, TimexType};
use crate::Pipeline;
use rayon::prelude::*;
use serde::Serialize;
use std::fmt::Write as _;

/// A gold or predicted TIMEX3: byte span, type and value.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Timex3 {
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset after the last character.
    pub end: usize,
    /// DATE, TIME, DURATION or SET.
    #[serde(rename = "type")]
    pub kind: String,
    /// The TIMEX3 value.
    pub value: String,
}

/// One TimeML document with its gold TIMEX3s.
#[derive(Clone, Debug)]
pub struct GoldDoc {
    /// The file name without `.tml`.
    pub id: String,
    /// The text of `<TEXT>`, tags stripped.
    pub text: String,
    /// The DCT day (`YYYY-MM-DD`), if any.
    pub date: Option<String>,
    /// Gold TIMEX3s inside `<TEXT>`, sorted by span.
    pub gold: Vec<Timex3>,
}

/// Reads one TimeML file's content.
pub fn read(name: &str, content: &str) -> Result<GoldDoc> {
    let bad = |m: String| Error::Input {
        input: name.to_string(),
        message: m,
    };
    let xml = roxmltree::Document::parse(content).map_err(|e| bad(format!("not XML: {e}")))?;
    let root = xml.root_element();
    let date = root
        .descendants()
        .filter(|n| n.has_tag_name("TIMEX3"))
        .find(|n| n.attribute("functionInDocument") == Some("CREATION_TIME"))
        .and_then(|n| n.attribute("value"))
        .filter(|v| v.len() >= 10 && v.is_char_boundary(10))
        .map(|v| v[..10].to_string())
        .filter(|v| chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d").is_ok());
    let body = root
        .children()
        .find(|n| n.has_tag_name("TEXT"))
        .ok_or_else(|| bad("no <TEXT> element".into()))?;
    let mut text = String::new();
    let mut gold = Vec::new();
    collect(body, &mut text, &mut gold);
    gold.sort_by_key(|t: &Timex3| (t.start, t.end));
    let id = std::path::Path::new(name)
        .file_name()
        .map_or(name.to_string(), |f| f.to_string_lossy().into_owned());
    let id = id.strip_suffix(".tml").map_or(id.clone(), str::to_string);
    Ok(GoldDoc {
        id,
        text,
        date,
        gold,
    })
}

fn collect(node: roxmltree::Node<'_, '_>, text: &mut String, gold: &mut Vec<Timex3>) {
    for child in node.children() {
        if child.is_text() {
            text.push_str(child.text().unwrap_or(""));
        } else if child.is_element() {
            let start = text.len();
            collect(child, text, gold);
            if child.has_tag_name("TIMEX3") {
                gold.push(Timex3 {
                    start,
                    end: text.len(),
                    kind: child.attribute("type").unwrap_or("").to_string(),
                    value: child.attribute("value").unwrap_or("").to_string(),
                });
            }
        }
    }
}

/// The `.tml` files under the given folders (recursively), sorted.
pub fn find_files(dirs: &[std::path::PathBuf]) -> Result<Vec<std::path::PathBuf>> {
    let mut files = Vec::new();
    for d in dirs {
        for e in walkdir::WalkDir::new(d) {
            let e = e.map_err(|e| Error::Io {
                path: d.clone(),
                source: e.into(),
            })?;
            if e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "tml") {
                files.push(e.into_path());
            }
        }
    }
    files.sort();
    Ok(files)
}

/// One view's counts and scores.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Scores {
    /// Identical spans.
    pub strict: Prf,
    /// Overlapping spans (one-to-one).
    pub relaxed: Prf,
    /// Relaxed matches with the gold type.
    pub type_correct: usize,
    /// Relaxed matches with the gold value.
    pub value_correct: usize,
    /// `type_correct` / relaxed matches.
    pub type_accuracy: f64,
    /// `value_correct` / relaxed matches.
    pub value_accuracy: f64,
    /// Relaxed F1 × value accuracy, as TempEval-3 reports it.
    pub value_f1: f64,
    /// Relaxed F1 × type accuracy.
    pub type_f1: f64,
}

impl Scores {
    fn add(&mut self, gold: &[Timex3], pred: &[Timex3]) {
        let (strict, relaxed) = align(gold, pred);
        self.strict.add(Prf {
            tp: strict.len(),
            pred: pred.len(),
            gold: gold.len(),
        });
        self.relaxed.add(Prf {
            tp: relaxed.len(),
            pred: pred.len(),
            gold: gold.len(),
        });
        for (g, p) in relaxed {
            self.type_correct += usize::from(gold[g].kind == pred[p].kind);
            self.value_correct += usize::from(gold[g].value == pred[p].value);
        }
    }

    fn finish(&mut self) {
        let n = self.relaxed.tp;
        let ratio = |k: usize| if n == 0 { 0.0 } else { k as f64 / n as f64 };
        self.type_accuracy = ratio(self.type_correct);
        self.value_accuracy = ratio(self.value_correct);
        self.value_f1 = self.relaxed.f1() * self.value_accuracy;
        self.type_f1 = self.relaxed.f1() * self.type_accuracy;
    }
}

/// An error example: document, gold and predicted text, type and value.
#[derive(Clone, Debug, Serialize)]
pub struct Example {
    /// Document id.
    pub doc: String,
    /// What went wrong: missed, spurious, value, type, span.
    pub kind: &'static str,
    /// Gold text, type, value (empty for a spurious prediction).
    pub gold: String,
    /// Predicted text, type, value (empty for a miss).
    pub pred: String,
}

/// The report of `newsfacts eval timeml`.
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    /// Documents scored.
    pub documents: usize,
    /// All gold TIMEX3s.
    pub all: Scores,
    /// Gold DATE only (predictions aligned to a non-DATE gold, or unaligned and not DATE, are
    /// set aside).
    pub date_only: Scores,
    /// Error examples (as many as asked).
    pub errors: Vec<Example>,
}

/// Aligned (gold, pred) index pairs.
pub type Pairs = Vec<(usize, usize)>;

/// One-to-one alignment: `(strict, relaxed)` pairs of (gold, pred) indexes.
pub fn align(gold: &[Timex3], pred: &[Timex3]) -> (Pairs, Pairs) {
    let mut used_p = vec![false; pred.len()];
    let mut used_g = vec![false; gold.len()];
    let mut strict = Vec::new();
    for (gi, g) in gold.iter().enumerate() {
        if g.end <= g.start {
            continue;
        }
        if let Some(pi) = (0..pred.len())
            .find(|&pi| !used_p[pi] && pred[pi].start == g.start && pred[pi].end == g.end)
        {
            strict.push((gi, pi));
            used_p[pi] = true;
            used_g[gi] = true;
        }
    }
    let overlap = |g: &Timex3, p: &Timex3| g.end.min(p.end) as i64 - g.start.max(p.start) as i64;
    let adj: Vec<Vec<usize>> = gold
        .iter()
        .enumerate()
        .map(|(gi, g)| {
            if used_g[gi] {
                return Vec::new();
            }
            let mut c: Vec<(i64, usize)> = (0..pred.len())
                .filter(|&pi| !used_p[pi])
                .map(|pi| (overlap(g, &pred[pi]), pi))
                .filter(|(ov, _)| *ov > 0)
                .collect();
            c.sort_by_key(|&(ov, pi)| (-ov, pi));
            c.into_iter().map(|(_, pi)| pi).collect()
        })
        .collect();
    let mut match_p: Vec<Option<usize>> = vec![None; pred.len()];
    fn try_assign(
        gi: usize,
        adj: &[Vec<usize>],
        seen: &mut [bool],
        match_p: &mut [Option<usize>],
    ) -> bool {
        for &pi in &adj[gi] {
            if seen[pi] {
                continue;
            }
            seen[pi] = true;
            if match_p[pi].is_none_or(|g2| try_assign(g2, adj, seen, match_p)) {
                match_p[pi] = Some(gi);
                return true;
            }
        }
        false
    }
    for gi in 0..gold.len() {
        if !used_g[gi] && !adj[gi].is_empty() {
            let mut seen = vec![false; pred.len()];
            try_assign(gi, &adj, &mut seen, &mut match_p);
        }
    }
    let mut extra: Vec<(usize, usize)> = match_p
        .iter()
        .enumerate()
        .filter_map(|(pi, g)| g.map(|g| (g, pi)))
        .collect();
    extra.sort_unstable();
    let mut relaxed = strict.clone();
    relaxed.extend(extra);
    (strict, relaxed)
}

fn type_name(t: TimexType) -> &'static str {
    match t {
        TimexType::Date => "DATE",
        TimexType::Time => "TIME",
        TimexType::Duration => "DURATION",
        TimexType::Set => "SET",
    }
}

/// The pipeline's TIMEX3s for one document.
pub fn predict(pipeline: &Pipeline, g: &GoldDoc) -> Vec<Timex3> {
    let mut doc = Document::from_text(g.id.clone(), g.text.clone());
    doc.date = g.date.clone();
    let a = pipeline.analyze(&doc);
    let mut out: Vec<Timex3> = a
        .entities
        .iter()
        .filter(|e| e.kind == EntityType::Date)
        .filter_map(|e| {
            let t = e.timex.as_ref()?;
            Some(Timex3 {
                start: e.span.start,
                end: e.span.end,
                kind: type_name(t.timex_type).to_string(),
                value: t.value.clone(),
            })
        })
        .collect();
    out.sort_by_key(|t| (t.start, t.end));
    out
}

/// Scores the pipeline on the documents, keeping up to `errors` error examples.
pub fn score(pipeline: &Pipeline, docs: &[GoldDoc], errors: usize) -> Report {
    let preds: Vec<Vec<Timex3>> = docs.par_iter().map(|g| predict(pipeline, g)).collect();
    let mut all = Scores::default();
    let mut date_only = Scores::default();
    let mut examples = Vec::new();
    for (g, pred) in docs.iter().zip(&preds) {
        let gold = &g.gold;
        all.add(gold, pred);
        let (strict, relaxed) = align(gold, pred);
        let aligned: Vec<Option<usize>> = (0..pred.len())
            .map(|pi| relaxed.iter().find(|(_, p)| *p == pi).map(|(gi, _)| *gi))
            .collect();
        let g_date: Vec<Timex3> = gold.iter().filter(|t| t.kind == "DATE").cloned().collect();
        let p_date: Vec<Timex3> = pred
            .iter()
            .enumerate()
            .filter(|(pi, p)| match aligned[*pi] {
                Some(gi) => gold[gi].kind == "DATE",
                None => p.kind == "DATE",
            })
            .map(|(_, p)| p.clone())
            .collect();
        date_only.add(&g_date, &p_date);
        if examples.len() < errors {
            let show = |t: &Timex3| {
                format!(
                    "{} {} {}",
                    g.text.get(t.start..t.end).unwrap_or(""),
                    t.kind,
                    t.value
                )
            };
            let mut add = |kind, gold: String, pred: String| {
                examples.push(Example {
                    doc: g.id.clone(),
                    kind,
                    gold,
                    pred,
                })
            };
            for (gi, t) in gold.iter().enumerate() {
                if !relaxed.iter().any(|(x, _)| *x == gi) {
                    add("missed", show(t), String::new());
                }
            }
            for (pi, t) in pred.iter().enumerate() {
                if aligned[pi].is_none() {
                    add("spurious", String::new(), show(t));
                }
            }
            for &(gi, pi) in &relaxed {
                let (a, b) = (&gold[gi], &pred[pi]);
                let kind = if !strict.contains(&(gi, pi)) {
                    "span"
                } else if a.value != b.value {
                    "value"
                } else if a.kind != b.kind {
                    "type"
                } else {
                    continue;
                };
                add(kind, show(a), show(b));
            }
        }
    }
    all.finish();
    date_only.finish();
    examples.truncate(errors);
    Report {
        documents: docs.len(),
        all,
        date_only,
        errors: examples,
    }
}

impl Report {
    /// The report as a text table, P/R/F1 in percent.
    pub fn table(&self) -> String {
        let mut s = format!(
            "TempEval-3 TIMEX3 scores on {} documents\n\n{:<10} {:>6} {:>6} | {:>7} {:>7} {:>7} | {:>7} {:>7} {:>7} | {:>8} {:>8} | {:>8}\n",
            self.documents, "view", "gold", "pred", "strictP", "R", "F1", "relaxP", "R", "F1",
            "type acc", "val acc", "value F1"
        );
        for (name, v) in [("all", &self.all), ("DATE only", &self.date_only)] {
            let _ = writeln!(
                s,
                "{:<10} {:>6} {:>6} | {:>7.2} {:>7.2} {:>7.2} | {:>7.2} {:>7.2} {:>7.2} | {:>8.2} {:>8.2} | {:>8.2}",
                name,
                v.relaxed.gold,
                v.relaxed.pred,
                100.0 * v.strict.precision(),
                100.0 * v.strict.recall(),
                100.0 * v.strict.f1(),
                100.0 * v.relaxed.precision(),
                100.0 * v.relaxed.recall(),
                100.0 * v.relaxed.f1(),
                100.0 * v.type_accuracy,
                100.0 * v.value_accuracy,
                100.0 * v.value_f1,
            );
        }
        if !self.errors.is_empty() {
            s.push_str("\nerrors (kind | doc | gold | predicted):\n");
            for e in &self.errors {
                let _ = writeln!(s, "  {:<8} | {} | {} | {}", e.kind, e.doc, e.gold, e.pred);
            }
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(start: usize, end: usize) -> Timex3 {
        Timex3 {
            start,
            end,
            kind: "DATE".into(),
            value: String::new(),
        }
    }

    #[test]
    fn reads_inline_tags_as_offsets() {
        let xml = r#"<?xml version="1.0" ?>
<TimeML><DOCID>x</DOCID><DCT><TIMEX3 tid="t0" type="DATE" value="1998-08-07" functionInDocument="CREATION_TIME">08/07/98</TIMEX3></DCT>
<TEXT>Bombs &amp; more <EVENT eid="e1">exploded</EVENT> <TIMEX3 tid="t1" type="DATE" value="1998-08-07">Friday</TIMEX3>.</TEXT></TimeML>"#;
        let d = read("dir/x.tml", xml).unwrap();
        assert_eq!(d.id, "x");
        assert_eq!(d.date.as_deref(), Some("1998-08-07"));
        assert_eq!(d.text, "Bombs & more exploded Friday.");
        assert_eq!(d.gold.len(), 1);
        assert_eq!(&d.text[d.gold[0].start..d.gold[0].end], "Friday");
        assert_eq!(d.gold[0].value, "1998-08-07");
    }

    #[test]
    fn alignment_is_one_to_one() {
        // One long prediction cannot claim two gold spans; exact spans pair first.
        let gold = [t(0, 5), t(6, 10)];
        let pred = [t(0, 10)];
        let (s, r) = align(&gold, &pred);
        assert!(s.is_empty());
        assert_eq!(r.len(), 1);
        let pred = [t(0, 10), t(6, 10)];
        let (s, r) = align(&gold, &pred);
        assert_eq!(s, vec![(1, 1)]);
        assert_eq!(r, vec![(1, 1), (0, 0)]);
    }
}
