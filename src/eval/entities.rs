//! What the entity scorers share: annotated documents rebuilt as text with token spans, gold
//! token spans, predictions snapped to tokens, exact-span counting per type (as conlleval counts
//! entities: a prediction is right when its type and its first and last token are the gold
//! mention's), and the error listing.

use super::Prf;
use crate::model::{Analysis, Document, EntityType};
use crate::span::Span;
use crate::Pipeline;
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};
use serde::Serialize;

/// A document rebuilt from an annotated corpus: text, tokens, gold mentions.
#[derive(Clone, Debug)]
pub struct GoldDoc {
    /// Document id.
    pub id: String,
    /// The text the pipeline reads.
    pub text: String,
    /// Publication date, when the corpus gives one (`YYYY-MM-DD`).
    pub date: Option<String>,
    /// Byte spans of the corpus tokens (`None`: a token not found in the text).
    pub tokens: Vec<Option<Span>>,
    /// Sentence index of each token.
    pub sentence_of: Vec<u32>,
    /// Gold mentions: label (`PER`, `LOC`, `GPE`…) and token range.
    pub gold: Vec<(String, usize, usize)>,
}

impl GoldDoc {
    /// The text of tokens `a..b`.
    pub fn span_text(&self, a: usize, b: usize) -> &str {
        let first = self.tokens[a..b].iter().flatten().next();
        let last = self.tokens[a..b].iter().flatten().last();
        match (first, last) {
            (Some(f), Some(l)) => &self.text[f.start..l.end],
            _ => "",
        }
    }

    /// The sentence holding token `t`, with `[[` `]]` around tokens `a..b`.
    pub fn context(&self, a: usize, b: usize) -> String {
        let s = self.sentence_of[a];
        let mut out = String::new();
        for i in 0..self.tokens.len() {
            if self.sentence_of[i] != s {
                continue;
            }
            let Some(sp) = self.tokens[i] else { continue };
            if !out.is_empty() {
                out.push(' ');
            }
            if i == a {
                out.push_str("[[");
            }
            out.push_str(&self.text[sp.start..sp.end]);
            if i + 1 == b {
                out.push_str("]]");
            }
        }
        out
    }
}

/// A predicted entity snapped to corpus tokens.
#[derive(Clone, Debug)]
pub struct Snapped {
    /// The entity type.
    pub kind: EntityType,
    /// First token.
    pub first: usize,
    /// One past the last token.
    pub end: usize,
    /// The prediction starts or ends inside a corpus token (`German` of `German-Israeli`).
    pub partial: bool,
}

/// Runs the pipeline over the documents (in parallel, results in document order) and snaps
/// every predicted entity to the corpus tokens it overlaps.
pub fn predict(pipeline: &Pipeline, docs: &[GoldDoc]) -> Vec<Vec<Snapped>> {
    docs.par_iter()
        .map(|g| {
            let mut doc = Document::from_text(g.id.clone(), g.text.clone());
            doc.date = g.date.clone();
            let a: Analysis<'_> = pipeline.analyze(&doc);
            a.entities
                .iter()
                .filter(|e| e.kind != EntityType::Date)
                .filter_map(|e| {
                    snap(g, e.span).map(|(first, end, partial)| Snapped {
                        kind: e.kind,
                        first,
                        end,
                        partial,
                    })
                })
                .collect()
        })
        .collect()
}

/// The corpus tokens a byte span overlaps: (first, end, partial).
pub fn snap(g: &GoldDoc, span: Span) -> Option<(usize, usize, bool)> {
    let mut first = None;
    let mut last = None;
    for (i, t) in g.tokens.iter().enumerate() {
        let Some(t) = t else { continue };
        if t.end <= span.start {
            continue;
        }
        if t.start >= span.end {
            break;
        }
        first.get_or_insert(i);
        last = Some(i);
    }
    let (f, l) = (first?, last?);
    let (ft, lt) = (g.tokens[f]?, g.tokens[l]?);
    Some((f, l + 1, ft.start < span.start || span.end < lt.end))
}

/// One kind of error, with how often it happened and an example.
#[derive(Clone, Debug, Serialize)]
pub struct ErrorCount {
    /// The mention's text.
    pub text: String,
    /// How many times.
    pub count: usize,
    /// Document id and sentence of the first occurrence, the mention in `[[ ]]`.
    pub example: String,
}

/// The scores and errors of one metric.
#[derive(Clone, Debug, Serialize)]
pub struct Metric {
    /// Metric name (`PER`, `country-mention`, `GPE named`).
    pub name: String,
    /// Counts.
    #[serde(flatten)]
    pub prf: Prf,
    /// Precision.
    pub precision: f64,
    /// Recall.
    pub recall: f64,
    /// F1.
    pub f1: f64,
    /// Predictions neither right nor wrong under this metric (see the corpus module).
    pub set_aside: usize,
    /// Predictions that are not gold, most frequent first.
    pub false_positives: Vec<ErrorCount>,
    /// Gold mentions not predicted, most frequent first.
    pub false_negatives: Vec<ErrorCount>,
}

/// A scored corpus.
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    /// Corpus file name.
    pub dataset: String,
    /// Documents.
    pub docs: usize,
    /// Corpus tokens.
    pub tokens: usize,
    /// One entry per metric.
    pub metrics: Vec<Metric>,
}

impl Report {
    /// The metric with this name.
    pub fn metric(&self, name: &str) -> Option<&Metric> {
        self.metrics.iter().find(|m| m.name == name)
    }

    /// A plain-text table (gold, pred, tp, P, R, F1 in %), with up to `errors` false positives
    /// and negatives per metric.
    pub fn table(&self, errors: usize) -> String {
        let mut out = format!(
            "{}: {} docs, {} tokens\n{:<24}{:>7}{:>7}{:>7}{:>8}{:>8}{:>8}\n",
            self.dataset, self.docs, self.tokens, "metric", "gold", "pred", "tp", "P%", "R%", "F1%"
        );
        for m in &self.metrics {
            out.push_str(&format!(
                "{:<24}{:>7}{:>7}{:>7}{:>8.2}{:>8.2}{:>8.2}{}\n",
                m.name,
                m.prf.gold,
                m.prf.pred,
                m.prf.tp,
                100.0 * m.precision,
                100.0 * m.recall,
                100.0 * m.f1,
                if m.set_aside > 0 {
                    format!("   ({} set aside)", m.set_aside)
                } else {
                    String::new()
                }
            ));
            if errors > 0 {
                for (label, list, total) in [
                    ("false positives", &m.false_positives, m.prf.pred - m.prf.tp),
                    ("false negatives", &m.false_negatives, m.prf.gold - m.prf.tp),
                ] {
                    out.push_str(&format!("  {label} ({total}):\n"));
                    for e in list.iter().take(errors) {
                        out.push_str(&format!(
                            "    {:>4} {:?}  e.g. {}\n",
                            e.count, e.text, e.example
                        ));
                    }
                }
            }
        }
        out
    }
}

/// A mention key: (document index, first token, end token).
pub type Key = (usize, usize, usize);

/// Scores one metric: exact-span matching of `pred` against `gold`; predictions in `aside` that
/// are not gold count for nothing.
pub fn metric(
    name: &str,
    docs: &[GoldDoc],
    gold: &FxHashSet<Key>,
    pred: &FxHashSet<Key>,
    aside: &FxHashSet<Key>,
    errors: usize,
) -> Metric {
    let kept: FxHashSet<Key> = pred
        .iter()
        .copied()
        .filter(|k| gold.contains(k) || !aside.contains(k))
        .collect();
    let tp = kept.iter().filter(|k| gold.contains(k)).count();
    let prf = Prf {
        tp,
        pred: kept.len(),
        gold: gold.len(),
    };
    let list = |keys: Vec<Key>| -> Vec<ErrorCount> {
        if errors == 0 {
            return Vec::new();
        }
        let mut by_text: FxHashMap<String, (usize, Key)> = FxHashMap::default();
        for k in keys {
            let t = docs[k.0].span_text(k.1, k.2).to_string();
            let e = by_text.entry(t).or_insert((0, k));
            e.0 += 1;
            e.1 = e.1.min(k);
        }
        let mut v: Vec<ErrorCount> = by_text
            .into_iter()
            .map(|(text, (count, k))| ErrorCount {
                text,
                count,
                example: format!("{}: {}", docs[k.0].id, docs[k.0].context(k.1, k.2)),
            })
            .collect();
        v.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.text.cmp(&b.text)));
        v.truncate(errors);
        v
    };
    let mut fp: Vec<Key> = kept.iter().copied().filter(|k| !gold.contains(k)).collect();
    let mut fnk: Vec<Key> = gold.iter().copied().filter(|k| !kept.contains(k)).collect();
    fp.sort_unstable();
    fnk.sort_unstable();
    Metric {
        name: name.to_string(),
        prf,
        precision: prf.precision(),
        recall: prf.recall(),
        f1: prf.f1(),
        set_aside: pred.len() - kept.len(),
        false_positives: list(fp),
        false_negatives: list(fnk),
    }
}
