//! M2E2 (ACE-style, VOA news) entity scoring: PER, GPE and ORG.
//!
//! The corpus holds one sentence per line: `sentence_id` (`DOC_index`), the sentence string, its
//! `words` and `golden-entity-mentions` (`entity-type`, token `start`, `end` exclusive). Each
//! document is rebuilt the way the referee scorer rebuilds it: sentences grouped by document
//! and ordered by index, each word found in order inside its sentence string, the trailing
//! words the strings lost put back, sentences joined by newlines; the publication date comes
//! from the id (`VOA_EN_NW_2016.04.19.…`).
//!
//! Metrics (strict: exact token span after dropping a leading determiner and a trailing
//! possessive from gold and predicted spans alike, as the gold has them in some mentions only):
//! - `PER`: gold PER against predicted PERSON.
//! - `GPE`: gold GPE against predicted COUNTRY, CITY and REGION.
//! - `ORG`: gold ORG against predicted ORGANIZATION.
//!
//! Each comes as `all` and `named`: the gold has no mention type, so `all` holds names,
//! nominals (`the director`) and pronouns; `named` keeps mentions with a capitalised word other
//! than a pronoun or determiner, and sets aside predictions that match only a mention outside
//! it. Also set aside unless they match gold: predictions cutting a corpus word, and COUNTRY
//! predictions on a demonym (the gold has `Russian` as GPE but `Russians` as PER).

use super::entities::{metric, predict, GoldDoc, Key, Report};
use crate::error::{Error, Result};
use crate::gazetteer::flags;
use crate::model::EntityType;
use crate::span::Span;
use crate::Pipeline;
use rustc_hash::{FxHashMap, FxHashSet};

const NOT_NAMES: &[&str] = &[
    "the",
    "a",
    "an",
    "this",
    "that",
    "these",
    "those",
    "he",
    "she",
    "it",
    "they",
    "we",
    "you",
    "his",
    "her",
    "hers",
    "its",
    "their",
    "theirs",
    "our",
    "ours",
    "my",
    "mine",
    "your",
    "yours",
    "him",
    "them",
    "us",
    "me",
    "who",
    "whom",
    "whose",
    "which",
    "what",
    "one",
    "some",
    "any",
    "all",
    "both",
    "each",
    "another",
    "other",
    "others",
    "such",
    "no",
    "there",
    "here",
    "everyone",
    "someone",
    "anyone",
    "nobody",
    "himself",
    "herself",
    "itself",
    "themselves",
    "ourselves",
    "myself",
    "yourself",
    "i",
];
const DETERMINERS: &[&str] = &["the", "The", "THE", "a", "A", "an", "An"];
const POSSESSIVES: &[&str] = &["'s", "\u{2019}s", "'", "\u{2019}", "'S"];

/// One corpus sentence as read.
#[derive(serde::Deserialize)]
struct Line {
    sentence_id: String,
    sentence: String,
    words: Vec<String>,
    #[serde(rename = "golden-entity-mentions", default)]
    mentions: Vec<Mention>,
}

#[derive(serde::Deserialize)]
struct Mention {
    #[serde(rename = "entity-type")]
    kind: String,
    start: usize,
    end: usize,
}

/// Reads M2E2 sentence JSON Lines into documents.
pub fn read(name: &str, content: &str) -> Result<Vec<GoldDoc>> {
    let mut by_doc: FxHashMap<String, Vec<(usize, Line)>> = FxHashMap::default();
    let mut order: Vec<String> = Vec::new();
    for (i, l) in content.lines().enumerate() {
        if l.trim().is_empty() {
            continue;
        }
        let line: Line = serde_json::from_str(l)
            .map_err(|e| Error::data(name, i as u64 + 1, format!("not an M2E2 sentence: {e}")))?;
        let (doc, idx) = line
            .sentence_id
            .rsplit_once('_')
            .and_then(|(d, n)| Some((d.to_string(), n.parse::<usize>().ok()?)))
            .ok_or_else(|| {
                Error::data(
                    name,
                    i as u64 + 1,
                    format!("sentence_id {:?} is not DOC_index", line.sentence_id),
                )
            })?;
        if !by_doc.contains_key(&doc) {
            order.push(doc.clone());
        }
        by_doc.entry(doc).or_default().push((idx, line));
    }
    let mut docs = Vec::with_capacity(order.len());
    for id in order {
        let mut sents = by_doc.remove(&id).unwrap_or_default();
        sents.sort_by_key(|(i, _)| *i);
        let date = date_of(&id);
        let mut g = GoldDoc {
            id,
            text: String::new(),
            date,
            tokens: Vec::new(),
            sentence_of: Vec::new(),
            gold: Vec::new(),
        };
        for (si, (_, line)) in sents.iter().enumerate() {
            if si > 0 {
                g.text.push('\n');
            }
            let (sentence, offs) = locate_words(&line.sentence, &line.words);
            let base_byte = g.text.len();
            let base_tok = g.tokens.len();
            g.text.push_str(&sentence);
            for (w, o) in line.words.iter().zip(&offs) {
                g.tokens
                    .push(o.map(|o| Span::new(base_byte + o, base_byte + o + w.len())));
                g.sentence_of.push(si as u32);
            }
            for m in &line.mentions {
                if m.start < m.end && m.end <= line.words.len() {
                    g.gold
                        .push((m.kind.clone(), base_tok + m.start, base_tok + m.end));
                }
            }
        }
        docs.push(g);
    }
    Ok(docs)
}

/// `VOA_EN_NW_2016.04.19.3291235` → `2016-04-19`.
fn date_of(id: &str) -> Option<String> {
    let b = id.as_bytes();
    (0..b.len().saturating_sub(9)).find_map(|i| {
        let s = id.get(i..i + 10)?;
        let ok = s.bytes().enumerate().all(|(k, c)| match k {
            4 | 7 => c == b'.',
            _ => c.is_ascii_digit(),
        });
        ok.then(|| format!("{}-{}-{}", &s[..4], &s[5..7], &s[8..10]))
    })
}

/// Finds each word in order in the sentence (byte offsets, `None` when not found nearby) and
/// puts back trailing words the string lost (M2E2 strings drop the final `.` or a final letter).
pub fn locate_words(sentence: &str, words: &[String]) -> (String, Vec<Option<usize>>) {
    let mut s = sentence.to_string();
    let mut offs = Vec::with_capacity(words.len());
    let mut pos = 0;
    for w in words {
        match s[pos..].find(w.as_str()) {
            Some(j) if s[pos..pos + j].trim().chars().count() <= 3 => {
                offs.push(Some(pos + j));
                pos += j + w.len();
            }
            _ => offs.push(None),
        }
    }
    let mut k = words.len();
    while k > 0 && offs[k - 1].is_none() {
        k -= 1;
    }
    for i in k..words.len() {
        let w = &words[i];
        let tail = s[pos..].to_string();
        let t = tail.trim_start();
        if !t.is_empty() && w.starts_with(t) {
            let j = pos + tail.len() - t.len();
            s.truncate(j);
            s.push_str(w);
            offs[i] = Some(j);
            pos = j + w.len();
        } else if t.is_empty() {
            let punct = w
                .chars()
                .all(|c| c.is_ascii_punctuation() || !c.is_alphanumeric());
            if !(punct || s.is_empty()) {
                s.push(' ');
            }
            let j = s.len();
            s.push_str(w);
            offs[i] = Some(j);
            pos = j + w.len();
        } else {
            break;
        }
    }
    (s, offs)
}

fn trim(g: &GoldDoc, mut a: usize, mut b: usize) -> (usize, usize) {
    let word = |i: usize| g.span_text(i, i + 1);
    if b - a > 1 && DETERMINERS.contains(&word(a)) {
        a += 1;
    }
    if b - a > 1 && POSSESSIVES.contains(&word(b - 1)) {
        b -= 1;
    }
    (a, b)
}

fn is_named(g: &GoldDoc, a: usize, b: usize) -> bool {
    (a..b).any(|i| {
        let w = g.span_text(i, i + 1);
        // As the referee: the listed words are excluded only when written capitalised (`He`).
        let capitalised_not_name = NOT_NAMES.iter().any(|n| {
            let mut c = n.chars();
            c.next().is_some_and(|f| {
                w.chars().next() == f.to_uppercase().next()
                    && w.get(f.len_utf8()..) == Some(c.as_str())
            })
        });
        w.chars().next().is_some_and(char::is_uppercase) && !capitalised_not_name
    })
}

/// Scores the pipeline on M2E2 documents; `errors` caps the error listing of each metric.
pub fn score(pipeline: &Pipeline, dataset: &str, docs: &[GoldDoc], errors: usize) -> Report {
    let demonyms: FxHashSet<String> = pipeline
        .tagger()
        .gazetteer()
        .entries()
        .filter(|e| e.kind() == EntityType::Country && e.has(flags::DEMONYM | flags::PLURAL))
        .map(|e| super::conll::norm(e.text()))
        .collect();
    let preds = predict(pipeline, docs);
    let labels = ["PER", "GPE", "ORG"];
    let mut all: [FxHashSet<Key>; 3] = Default::default();
    let mut named: [FxHashSet<Key>; 3] = Default::default();
    let mut pred: [FxHashSet<Key>; 3] = Default::default();
    let mut aside = FxHashSet::default();
    for (di, (g, ps)) in docs.iter().zip(&preds).enumerate() {
        for (label, a, b) in &g.gold {
            let Some(k) = labels.iter().position(|l| l == label) else {
                continue;
            };
            let (x, y) = trim(g, *a, *b);
            all[k].insert((di, x, y));
            if is_named(g, *a, *b) {
                named[k].insert((di, x, y));
            }
        }
        for p in ps {
            let k = match p.kind {
                EntityType::Person => 0,
                EntityType::Country | EntityType::City | EntityType::Region => 1,
                EntityType::Organization => 2,
                _ => continue,
            };
            let (x, y) = trim(g, p.first, p.end);
            let key = (di, x, y);
            pred[k].insert(key);
            let demonym = p.kind == EntityType::Country
                && demonyms.contains(&super::conll::norm(g.span_text(x, y)));
            if p.partial || demonym {
                aside.insert((k, key));
            }
        }
    }
    let mut metrics = Vec::new();
    for k in 0..3 {
        let extra = if k == 2 { " (extra)" } else { "" };
        let mine: FxHashSet<Key> = aside
            .iter()
            .filter(|(j, _)| *j == k)
            .map(|(_, key)| *key)
            .collect();
        metrics.push(metric(
            &format!("{} all{extra}", labels[k]),
            docs,
            &all[k],
            &pred[k],
            &mine,
            errors,
        ));
        let outside: FxHashSet<Key> = all[k].difference(&named[k]).copied().collect();
        let aside_named: FxHashSet<Key> = mine.union(&outside).copied().collect();
        metrics.push(metric(
            &format!("{} named{extra}", labels[k]),
            docs,
            &named[k],
            &pred[k],
            &aside_named,
            errors,
        ));
    }
    Report {
        dataset: dataset.to_string(),
        docs: docs.len(),
        tokens: docs.iter().map(|d| d.tokens.len()).sum(),
        metrics,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rebuilds_documents_and_restores_lost_words() {
        let l0 = r#"{"sentence_id": "VOA_EN_NW_2016.04.19.1_1", "sentence": "He met Putin in Moscow", "words": ["He", "met", "Putin", "in", "Moscow", "."], "golden-entity-mentions": [{"entity-type": "PER", "text": "Putin", "start": 2, "end": 3}, {"entity-type": "GPE", "text": "Moscow", "start": 4, "end": 5}]}"#;
        let l1 = r#"{"sentence_id": "VOA_EN_NW_2016.04.19.1_0", "sentence": "Xi's visit to Ferguson, Missour", "words": ["Xi", "'s", "visit", "to", "Ferguson", ",", "Missouri"], "golden-entity-mentions": [{"entity-type": "PER", "text": "Xi 's", "start": 0, "end": 2}]}"#;
        let docs = read("dev.jsonl", &format!("{l0}\n{l1}\n")).unwrap();
        assert_eq!(docs.len(), 1);
        let d = &docs[0];
        assert_eq!(
            d.text,
            "Xi's visit to Ferguson, Missouri\nHe met Putin in Moscow."
        );
        assert_eq!(d.date.as_deref(), Some("2016-04-19"));
        assert_eq!(trim(d, 0, 2), (0, 1));
        let p = Pipeline::new().unwrap();
        let r = score(&p, "dev.jsonl", &docs, 3);
        let per = r.metric("PER named").unwrap();
        assert_eq!((per.prf.gold, per.prf.tp), (2, 2), "{}", r.table(3));
        let gpe = r.metric("GPE all").unwrap();
        assert_eq!((gpe.prf.gold, gpe.prf.tp), (1, 1), "{}", r.table(3));
    }

    #[test]
    fn bad_lines_name_file_and_line() {
        let e = read("dev.jsonl", "{\"x\": 1}\n").unwrap_err().to_string();
        assert!(e.starts_with("dev.jsonl:1: not an M2E2 sentence"), "{e}");
    }
}
