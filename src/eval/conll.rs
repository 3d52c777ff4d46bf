//! CoNLL-2003 (English NER) scoring: PER, LOC, country mentions and ORG.
//!
//! The file has one token per line (`token POS chunk NER`, IOB1 tags), a blank line after each
//! sentence and `-DOCSTART-` lines between documents (they may sit at the end of the file). Each
//! document is rebuilt the way the referee scorer rebuilds it: tokens joined by single spaces,
//! sentences by newlines; ids are `<file name>-NNN`. Gold mentions are chunked as conlleval
//! chunks IOB tags.
//!
//! Metrics (exact token span, entity level):
//! - `PER`: gold PER against predicted PERSON.
//! - `LOC`: gold LOC against predicted COUNTRY, CITY and REGION. A COUNTRY prediction that is
//!   exactly a gold MISC mention is set aside: CoNLL tags nationality words (`German`) MISC,
//!   newsfacts tags them COUNTRY.
//! - `country-mention`: gold LOC or MISC mentions whose text is a country name or demonym of the
//!   newsfacts gazetteer, against predicted COUNTRY.
//! - `ORG`: gold ORG against predicted ORGANIZATION.
//!
//! A prediction that starts or ends inside a corpus token (`Bergamo` of `Bergamo-based`) covers
//! the whole token; unless that is exactly a gold mention it is set aside.

use super::entities::{metric, predict, GoldDoc, Key, Report};
use crate::error::{Error, Result};
use crate::model::EntityType;
use crate::span::Span;
use crate::Pipeline;
use rustc_hash::FxHashSet;

/// Reads a CoNLL-2003 file into documents. `name` is the file name used in the ids.
pub fn read(name: &str, content: &str) -> Result<Vec<GoldDoc>> {
    let base = std::path::Path::new(name)
        .file_name()
        .map_or(name.to_string(), |f| f.to_string_lossy().into_owned());
    let mut docs = Vec::new();
    let mut sents: Vec<Vec<(String, String)>> = Vec::new();
    let mut cur: Vec<(String, String)> = Vec::new();
    let flush_doc = |sents: &mut Vec<Vec<(String, String)>>, docs: &mut Vec<GoldDoc>| {
        if !sents.is_empty() {
            docs.push(build_doc(format!("{base}-{:03}", docs.len() + 1), sents));
            sents.clear();
        }
    };
    for (i, line) in content.lines().enumerate() {
        let parts: Vec<&str> = line.split_whitespace().collect();
        if parts.is_empty() {
            if !cur.is_empty() {
                sents.push(std::mem::take(&mut cur));
            }
        } else if parts[0] == "-DOCSTART-" {
            if !cur.is_empty() {
                sents.push(std::mem::take(&mut cur));
            }
            flush_doc(&mut sents, &mut docs);
        } else {
            if parts.len() < 2 {
                return Err(Error::data(
                    name,
                    i as u64 + 1,
                    format!("expected `token … TAG`, got {line:?}"),
                ));
            }
            cur.push((parts[0].to_string(), parts[parts.len() - 1].to_string()));
        }
    }
    if !cur.is_empty() {
        sents.push(cur);
    }
    flush_doc(&mut sents, &mut docs);
    Ok(docs)
}

fn build_doc(id: String, sents: &[Vec<(String, String)>]) -> GoldDoc {
    let mut g = GoldDoc {
        id,
        text: String::new(),
        date: None,
        tokens: Vec::new(),
        sentence_of: Vec::new(),
        gold: Vec::new(),
    };
    for (si, s) in sents.iter().enumerate() {
        if si > 0 {
            g.text.push('\n');
        }
        let base = g.tokens.len();
        for (k, (tok, _)) in s.iter().enumerate() {
            if k > 0 {
                g.text.push(' ');
            }
            let start = g.text.len();
            g.text.push_str(tok);
            g.tokens.push(Some(Span::new(start, g.text.len())));
            g.sentence_of.push(si as u32);
        }
        let tags: Vec<&str> = s.iter().map(|(_, t)| t.as_str()).collect();
        for (label, a, b) in iob_chunks(&tags) {
            g.gold.push((label, base + a, base + b));
        }
    }
    g
}

/// conlleval chunking of IOB1/IOB2 tags → (label, first, end).
pub fn iob_chunks(tags: &[&str]) -> Vec<(String, usize, usize)> {
    let mut out = Vec::new();
    let mut cur: Option<(String, usize)> = None;
    for (i, tag) in tags.iter().chain(std::iter::once(&"O")).enumerate() {
        let (prefix, label) = match *tag {
            "O" | "-X-" => ("O", None),
            t => match t.split_once('-') {
                Some((p, l)) => (p, Some(l)),
                None => ("I", Some(t)),
            },
        };
        let begins = label.is_some_and(|l| prefix == "B" || cur.as_ref().is_none_or(|c| c.0 != l));
        if cur.is_some() && (label.is_none() || begins) {
            let (l, s) = cur.take().unwrap_or_default();
            out.push((l, s, i));
        }
        if begins {
            cur = label.map(|l| (l.to_string(), i));
        }
    }
    out
}

/// Normalises a mention for list look-ups: straight apostrophes, single spaces, lowercase, a
/// leading `the ` dropped.
pub fn norm(s: &str) -> String {
    let t = s.replace(['\u{2019}', '\u{2018}'], "'");
    let t = t
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    t.strip_prefix("the ").map(str::to_string).unwrap_or(t)
}

/// Scores the pipeline on CoNLL documents; `errors` caps the error listing of each metric.
pub fn score(pipeline: &Pipeline, dataset: &str, docs: &[GoldDoc], errors: usize) -> Report {
    let country_words: FxHashSet<String> = pipeline
        .tagger()
        .gazetteer()
        .entries()
        .filter(|e| e.kind() == EntityType::Country)
        .map(|e| norm(e.text()))
        .collect();
    let preds = predict(pipeline, docs);
    let mut gold: [FxHashSet<Key>; 4] = Default::default();
    let mut pred: [FxHashSet<Key>; 4] = Default::default();
    let (mut loc_aside, mut partial) = (FxHashSet::default(), FxHashSet::default());
    for (di, (g, ps)) in docs.iter().zip(&preds).enumerate() {
        let mut misc = FxHashSet::default();
        for (label, a, b) in &g.gold {
            let key = (di, *a, *b);
            match label.as_str() {
                "PER" => {
                    gold[0].insert(key);
                }
                "LOC" => {
                    gold[1].insert(key);
                }
                "ORG" => {
                    gold[3].insert(key);
                }
                "MISC" => {
                    misc.insert(key);
                }
                _ => {}
            }
            if (label == "LOC" || label == "MISC")
                && country_words.contains(&norm(g.span_text(*a, *b)))
            {
                gold[2].insert(key);
            }
        }
        for p in ps {
            let key = (di, p.first, p.end);
            if p.partial {
                partial.insert(key);
            }
            match p.kind {
                EntityType::Person => {
                    pred[0].insert(key);
                }
                EntityType::Country | EntityType::City | EntityType::Region => {
                    pred[1].insert(key);
                    if p.kind == EntityType::Country {
                        pred[2].insert(key);
                        if misc.contains(&key) {
                            loc_aside.insert(key);
                        }
                    }
                }
                EntityType::Organization => {
                    pred[3].insert(key);
                }
                _ => {}
            }
        }
    }
    let loc_aside: FxHashSet<Key> = loc_aside.union(&partial).copied().collect();
    let names = ["PER", "LOC", "country-mention", "ORG"];
    let metrics = (0..4)
        .map(|k| {
            let aside = if k == 1 { &loc_aside } else { &partial };
            metric(names[k], docs, &gold[k], &pred[k], aside, errors)
        })
        .collect();
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

    const DOC: &str = "-DOCSTART- -X- O O\n\nU.S. NNP I-NP I-LOC\nPresident NNP I-NP O\nBill NNP I-NP I-PER\nClinton NNP I-NP I-PER\nmet VBD I-VP O\nGerman JJ I-NP I-MISC\nofficials NNS I-NP O\n. . O O\n\nMoscow NNP I-NP I-LOC\nsaid VBD I-VP O\n. . O O\n";

    #[test]
    fn rebuilds_text_and_chunks_iob1() {
        let docs = read("dir/eng.x", DOC).unwrap();
        assert_eq!(docs.len(), 1);
        let d = &docs[0];
        assert_eq!(d.id, "eng.x-001");
        assert_eq!(
            d.text,
            "U.S. President Bill Clinton met German officials .\nMoscow said ."
        );
        let gold: Vec<(&str, &str)> = d
            .gold
            .iter()
            .map(|(l, a, b)| (l.as_str(), d.span_text(*a, *b)))
            .collect();
        assert_eq!(
            gold,
            [
                ("LOC", "U.S."),
                ("PER", "Bill Clinton"),
                ("MISC", "German"),
                ("LOC", "Moscow")
            ]
        );
        assert_eq!(
            iob_chunks(&["B-PER", "I-PER", "B-PER", "O", "I-LOC", "I-ORG"]),
            [
                ("PER".to_string(), 0, 2),
                ("PER".to_string(), 2, 3),
                ("LOC".to_string(), 4, 5),
                ("ORG".to_string(), 5, 6)
            ]
        );
    }

    #[test]
    fn scores_exact_spans() {
        let p = Pipeline::new().unwrap();
        let docs = read("eng.x", DOC).unwrap();
        let r = score(&p, "eng.x", &docs, 5);
        let per = r.metric("PER").unwrap();
        assert_eq!((per.prf.gold, per.prf.pred, per.prf.tp), (1, 1, 1));
        let cm = r.metric("country-mention").unwrap();
        assert_eq!((cm.prf.gold, cm.prf.tp), (2, 2), "{}", r.table(5));
        let loc = r.metric("LOC").unwrap();
        assert_eq!(
            (loc.prf.gold, loc.prf.tp, loc.set_aside),
            (2, 2, 1),
            "{}",
            r.table(5)
        );
        assert!(r.table(5).contains("country-mention"));
    }
}
