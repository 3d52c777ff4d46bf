//! Gazetteers: dictionaries of names (countries, cities, regions, people, titles,
//! organisations) loaded from TSV files and matched as token sequences.
//!
//! Every entry is tokenised with the article tokeniser, so matches always fall on token
//! boundaries. Lookup is one hash probe per candidate token (a cheap bloom filter on the
//! lowercased first token rejects most tokens first) and then a comparison of the following
//! tokens under the entry's case policy; the longest phrase wins.
//!
//! File format (UTF-8, tab-separated, `#` comments, header line):
//!
//! ```text
//! text<TAB>type<TAB>canonical<TAB>key<TAB>country<TAB>case<TAB>flags<TAB>source
//! Russia<TAB>COUNTRY<TAB>Russia<TAB>RUS<TAB>RUS<TAB>title<TAB><TAB>iso-codes@4.15.0
//! ```

use crate::data::Table;
use crate::error::{Error, Result};
use crate::model::{EntityType, Iso3, Token, TokenKind};
use crate::tokenize::phrase_tokens;
use rustc_hash::FxHashMap;

/// How a gazetteer entry may differ in case from the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CasePolicy {
    /// Only exactly as written (`US`, `PRC`).
    Exact,
    /// As written, or in ALL CAPS inside an all-caps headline or dateline.
    Title,
    /// Any case (`spokesman`, `Defense Minister`).
    Fold,
}

/// Entry flags (bit set), from the `flags` column.
pub mod flags {
    /// Also a common word or a person's name: needs context.
    pub const AMBIGUOUS: u16 = 1;
    /// A capital standing for its government.
    pub const METONYM: u16 = 2;
    /// A former name still in use.
    pub const FORMER: u16 = 4;
    /// A demonym (`Russian`).
    pub const DEMONYM: u16 = 8;
    /// A plural demonym (`Russians`).
    pub const PLURAL: u16 = 16;
    /// An alias.
    pub const ALIAS: u16 = 32;
    /// An abbreviation.
    pub const ABBREV: u16 = 64;
    /// A capital city.
    pub const CAPITAL: u16 = 128;
    /// A surname alone standing for a person.
    pub const SURNAME: u16 = 256;
    /// An honorific (`Mr.`, `Dr.`) introducing a name.
    pub const HONORIFIC: u16 = 512;
    /// A generic organisation head (`Defense Ministry`) that takes a country before it.
    pub const GENERIC: u16 = 1024;
    /// The names of the flags, as written in files.
    pub const NAMES: &[(&str, u16)] = &[
        ("ambiguous", AMBIGUOUS),
        ("metonym", METONYM),
        ("former", FORMER),
        ("demonym", DEMONYM),
        ("plural", PLURAL),
        ("alias", ALIAS),
        ("abbrev", ABBREV),
        ("capital", CAPITAL),
        ("surname", SURNAME),
        ("honorific", HONORIFIC),
        ("generic", GENERIC),
    ];
}

/// One gazetteer entry (one surface form).
#[derive(Clone, Debug)]
pub struct Entry {
    /// Entity type.
    pub kind: EntityType,
    /// Surface form as written in the file.
    pub text: Box<str>,
    /// Canonical name.
    pub canonical: Box<str>,
    /// Stable id (ISO alpha-3, `geonames:…`, Wikidata id, slug).
    pub key: Option<Box<str>>,
    /// Country.
    pub country: Option<Iso3>,
    /// Case policy.
    pub case: CasePolicy,
    /// [`flags`] bits.
    pub flags: u16,
    /// The file and line it came from.
    pub origin: Box<str>,
    tokens: Box<[Box<str>]>,
}

impl Entry {
    /// True when the flag bit is set.
    #[inline]
    pub fn has(&self, flag: u16) -> bool {
        self.flags & flag != 0
    }

    /// Number of tokens of the surface form.
    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    /// True for an entry without tokens (never stored).
    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }
}

/// A phrase: entries sharing the same lowercased token sequence.
#[derive(Clone, Debug)]
struct Phrase {
    lower: Box<[Box<str>]>,
    entries: Vec<u32>,
}

/// A gazetteer match: `len` tokens from token `first`; `entries` lists the entries whose case
/// policy accepts the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Match {
    /// First token index.
    pub first: usize,
    /// Number of tokens.
    pub len: usize,
    /// Matching entry ids, in file order.
    pub entries: Vec<u32>,
}

const BLOOM_BITS: usize = 1 << 16;

/// A compiled set of gazetteer entries.
#[derive(Clone, Debug)]
pub struct Gazetteer {
    entries: Vec<Entry>,
    phrases: Vec<Phrase>,
    /// lowercased first token → phrase ids, longest first.
    index: FxHashMap<Box<str>, Vec<u32>>,
    bloom: Box<[u64]>,
}

impl Default for Gazetteer {
    fn default() -> Self {
        Gazetteer {
            entries: Vec::new(),
            phrases: Vec::new(),
            index: FxHashMap::default(),
            bloom: vec![0u64; BLOOM_BITS / 64].into_boxed_slice(),
        }
    }
}

#[inline]
fn bloom_hash(lower: &[u8]) -> usize {
    // Length and first/last bytes: cheap, and enough to reject most function words.
    let n = lower.len();
    let a = lower.first().copied().unwrap_or(0) as usize;
    let b = lower.get(1).copied().unwrap_or(0) as usize;
    let z = lower.last().copied().unwrap_or(0) as usize;
    ((n.min(31) << 11) ^ (a << 6) ^ (b << 3) ^ (z.wrapping_mul(31))) & (BLOOM_BITS - 1)
}

/// Lowercases `s` into `buf` (ASCII fast path); returns the lowercased text.
#[inline]
pub fn lower_into<'b>(s: &str, buf: &'b mut String) -> &'b str {
    buf.clear();
    if s.is_ascii() {
        buf.push_str(s);
        buf.make_ascii_lowercase();
    } else {
        for c in s.chars() {
            buf.extend(c.to_lowercase());
        }
    }
    buf.as_str()
}

/// Where case-insensitive title matching is allowed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CaseContext {
    /// Ordinary running text.
    Normal,
    /// An all-caps headline or a wire dateline: `CHINA`, `MOSCOW` match title entries.
    AllCaps,
}

impl Gazetteer {
    /// An empty gazetteer.
    pub fn new() -> Gazetteer {
        Gazetteer::default()
    }

    /// Adds the rows of a TSV file. Rows whose (text, type) pair is already present replace the
    /// earlier ones when `replace` is true (user files override the defaults).
    pub fn add_table(&mut self, table: &Table, replace: bool) -> Result<usize> {
        let mut added = 0;
        let mut replaced: FxHashMap<(Box<str>, EntityType), ()> = FxHashMap::default();
        for row in table.rows() {
            let text = row.get("text").trim();
            if text.is_empty() {
                return Err(row.error("empty `text`"));
            }
            let kind = EntityType::parse(row.get("type"))
                .filter(|k| *k != EntityType::Date)
                .ok_or_else(|| {
                    row.error(format!(
                        "unknown type `{}` (PERSON, COUNTRY, CITY, REGION, ORGANIZATION, TITLE)",
                        row.get("type")
                    ))
                })?;
            let country = match row.opt("country") {
                None => None,
                Some(c) => Some(Iso3::parse(c).ok_or_else(|| {
                    row.error(format!("country `{c}` is not an ISO alpha-3 code"))
                })?),
            };
            let case = match row.get("case") {
                "exact" => CasePolicy::Exact,
                "title" | "" => CasePolicy::Title,
                "fold" => CasePolicy::Fold,
                other => {
                    return Err(row.error(format!(
                        "unknown case policy `{other}` (exact, title, fold)"
                    )))
                }
            };
            let mut fl = 0u16;
            for f in row
                .get("flags")
                .split(',')
                .map(str::trim)
                .filter(|f| !f.is_empty())
            {
                let bit = flags::NAMES
                    .iter()
                    .find(|(n, _)| *n == f)
                    .map(|(_, b)| *b)
                    .ok_or_else(|| row.error(format!("unknown flag `{f}`")))?;
                fl |= bit;
            }
            let canonical = row.opt("canonical").unwrap_or(text);
            let entry = Entry {
                kind,
                text: text.into(),
                canonical: canonical.into(),
                key: row.opt("key").map(Into::into),
                country,
                case,
                flags: fl,
                origin: format!("{}:{}", table.name, row.line).into(),
                tokens: phrase_tokens(text).into_iter().map(Into::into).collect(),
            };
            if entry.tokens.is_empty() {
                return Err(row.error(format!("`{text}` has no tokens")));
            }
            if replace && replaced.insert((entry.text.clone(), kind), ()).is_none() {
                self.remove(text, kind);
            }
            self.push(entry);
            added += 1;
        }
        Ok(added)
    }

    fn remove(&mut self, text: &str, kind: EntityType) {
        let ids: Vec<u32> = (0..self.entries.len() as u32)
            .filter(|&i| {
                let e = &self.entries[i as usize];
                &*e.text == text && e.kind == kind
            })
            .collect();
        if ids.is_empty() {
            return;
        }
        for p in &mut self.phrases {
            p.entries.retain(|e| !ids.contains(e));
        }
    }

    /// Adds an entry.
    pub fn push(&mut self, entry: Entry) {
        let id = self.entries.len() as u32;
        let mut buf = String::new();
        let lower: Box<[Box<str>]> = entry
            .tokens
            .iter()
            .map(|t| lower_into(t, &mut buf).into())
            .collect();
        let first = lower[0].clone();
        self.bloom_insert(&first);
        let list = self.index.entry(first).or_default();
        let phrases = &mut self.phrases;
        if let Some(&p) = list.iter().find(|&&p| phrases[p as usize].lower == lower) {
            phrases[p as usize].entries.push(id);
        } else {
            let pid = phrases.len() as u32;
            let n = lower.len();
            phrases.push(Phrase {
                lower,
                entries: vec![id],
            });
            let pos = list
                .iter()
                .position(|&q| phrases[q as usize].lower.len() < n)
                .unwrap_or(list.len());
            list.insert(pos, pid);
        }
        self.entries.push(entry);
    }

    fn bloom_insert(&mut self, lower: &str) {
        let h = bloom_hash(lower.as_bytes());
        self.bloom[h / 64] |= 1 << (h % 64);
    }

    #[inline]
    fn bloom_has(&self, lower: &[u8]) -> bool {
        let h = bloom_hash(lower);
        self.bloom[h / 64] & (1 << (h % 64)) != 0
    }

    /// The entry with this id.
    #[inline]
    pub fn entry(&self, id: u32) -> &Entry {
        &self.entries[id as usize]
    }

    /// All entries.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when there is no entry.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The longest phrase starting at token `i` of `tokens[..end]` whose entries accept the
    /// text, if any.
    pub fn match_at(
        &self,
        text: &str,
        tokens: &[Token],
        i: usize,
        end: usize,
        ctx: CaseContext,
        buf: &mut String,
    ) -> Option<Match> {
        let t = &tokens[i];
        if !matches!(
            t.kind,
            TokenKind::Word | TokenKind::Abbrev | TokenKind::Number
        ) {
            return None;
        }
        let s = &text[t.span];
        // Bloom check on the lowercased token, without allocating for ASCII.
        let mut small = [0u8; 32];
        let lowered: &str = if s.is_ascii() && s.len() <= 32 {
            let b = &mut small[..s.len()];
            b.copy_from_slice(s.as_bytes());
            b.make_ascii_lowercase();
            if !self.bloom_has(b) {
                return None;
            }
            // SAFETY-free: ASCII bytes are valid UTF-8.
            std::str::from_utf8(b).ok()?
        } else {
            let l = lower_into(s, buf);
            if !self.bloom_has(l.as_bytes()) {
                return None;
            }
            l
        };
        let list = self.index.get(lowered)?;
        for &pid in list {
            let p = &self.phrases[pid as usize];
            let n = p.lower.len();
            if i + n > end {
                continue;
            }
            // Lowercase comparison of the rest of the phrase.
            let mut ok = true;
            for k in 1..n {
                let tk = &tokens[i + k];
                let ts = &text[tk.span];
                if !eq_lower(ts, &p.lower[k]) {
                    ok = false;
                    break;
                }
                // A phrase never spans a line break inside a headline-less token run? It may
                // (hard-wrapped sentences), so no check here.
            }
            if !ok {
                continue;
            }
            let entries: Vec<u32> = p
                .entries
                .iter()
                .copied()
                .filter(|&e| self.case_ok(&self.entries[e as usize], text, &tokens[i..i + n], ctx))
                .collect();
            if !entries.is_empty() {
                return Some(Match {
                    first: i,
                    len: n,
                    entries,
                });
            }
        }
        None
    }

    fn case_ok(&self, e: &Entry, text: &str, toks: &[Token], ctx: CaseContext) -> bool {
        match e.case {
            CasePolicy::Fold => true,
            CasePolicy::Exact => toks
                .iter()
                .zip(e.tokens.iter())
                .all(|(t, w)| text[t.span] == **w),
            CasePolicy::Title => toks.iter().zip(e.tokens.iter()).all(|(t, w)| {
                let s = &text[t.span];
                s == &**w || (ctx == CaseContext::AllCaps && s.chars().all(|c| !c.is_lowercase()))
            }),
        }
    }
}

#[inline]
fn eq_lower(s: &str, lower: &str) -> bool {
    if s.is_ascii() {
        s.len() == lower.len()
            && s.bytes()
                .zip(lower.bytes())
                .all(|(a, b)| a.to_ascii_lowercase() == b)
    } else {
        s.chars().flat_map(char::to_lowercase).eq(lower.chars())
    }
}

/// Reads a spaCy EntityRuler `patterns.jsonl` (`{"label", "pattern", "id"}`) into gazetteer
/// entries. String patterns match exactly; token patterns may use `ORTH` (exact) or `LOWER`
/// (any case) per token. Labels: PERSON/PER, ORG, GPE/COUNTRY, CITY, LOC/REGION, TITLE.
pub fn add_spacy_patterns(g: &mut Gazetteer, name: &str, content: &str) -> Result<usize> {
    let mut n = 0;
    for (i, line) in content.lines().enumerate() {
        let line_no = i as u64 + 1;
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value = serde_json::from_str(line)
            .map_err(|e| Error::data(name, line_no, format!("not JSON: {e}")))?;
        let label = v
            .get("label")
            .and_then(|l| l.as_str())
            .ok_or_else(|| Error::data(name, line_no, "missing `label`"))?;
        let kind = match label {
            "PERSON" | "PER" => EntityType::Person,
            "ORG" | "ORGANIZATION" => EntityType::Organization,
            "GPE" | "COUNTRY" | "NORP" => EntityType::Country,
            "CITY" => EntityType::City,
            "LOC" | "REGION" => EntityType::Region,
            "TITLE" => EntityType::Title,
            other => {
                return Err(Error::data(
                    name,
                    line_no,
                    format!("label `{other}` has no newsfacts type"),
                ))
            }
        };
        let (text, case) = match v.get("pattern") {
            Some(serde_json::Value::String(s)) => (s.clone(), CasePolicy::Exact),
            Some(serde_json::Value::Array(toks)) => {
                let mut words = Vec::new();
                let mut fold = false;
                for t in toks {
                    if let Some(w) = t.get("ORTH").and_then(|w| w.as_str()) {
                        words.push(w.to_string());
                    } else if let Some(w) = t.get("LOWER").and_then(|w| w.as_str()) {
                        fold = true;
                        words.push(w.to_string());
                    } else {
                        return Err(Error::data(
                            name,
                            line_no,
                            "only ORTH and LOWER token patterns are supported",
                        ));
                    }
                }
                (
                    words.join(" "),
                    if fold {
                        CasePolicy::Fold
                    } else {
                        CasePolicy::Exact
                    },
                )
            }
            _ => {
                return Err(Error::data(
                    name,
                    line_no,
                    "missing `pattern` (a string or a list of token patterns)",
                ))
            }
        };
        let id = v.get("id").and_then(|l| l.as_str()).map(|s| s.to_string());
        let tokens: Box<[Box<str>]> = phrase_tokens(&text).into_iter().map(Into::into).collect();
        if tokens.is_empty() {
            return Err(Error::data(name, line_no, "empty pattern"));
        }
        g.push(Entry {
            kind,
            canonical: text.clone().into(),
            text: text.into(),
            key: id.map(Into::into),
            country: None,
            case,
            flags: 0,
            origin: format!("{name}:{line_no}").into(),
            tokens,
        });
        n += 1;
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::Span;
    use crate::tokenize::tokenize_span;

    const T: &str = "text\ttype\tcanonical\tkey\tcountry\tcase\tflags\tsource\n\
US\tCOUNTRY\tUnited States\tUSA\tUSA\texact\talias\tx\n\
United States\tCOUNTRY\tUnited States\tUSA\tUSA\ttitle\t\tx\n\
United States of America\tCOUNTRY\tUnited States\tUSA\tUSA\ttitle\t\tx\n\
Russian\tCOUNTRY\tRussia\tRUS\tRUS\ttitle\tdemonym\tx\n\
Defense Minister\tTITLE\tDefense Minister\tdefense_minister\t\tfold\t\tx\n";

    fn matches(g: &Gazetteer, text: &str, ctx: CaseContext) -> Vec<(String, usize)> {
        let mut toks = Vec::new();
        tokenize_span(text, Span::new(0, text.len()), 0, &mut toks);
        let mut out = Vec::new();
        let mut i = 0;
        let mut buf = String::new();
        while i < toks.len() {
            if let Some(m) = g.match_at(text, &toks, i, toks.len(), ctx, &mut buf) {
                let s = Span::new(toks[m.first].span.start, toks[m.first + m.len - 1].span.end);
                out.push((text[s].to_string(), m.entries.len()));
                i += m.len;
            } else {
                i += 1;
            }
        }
        out
    }

    #[test]
    fn longest_match_and_case_policies() {
        let mut g = Gazetteer::new();
        g.add_table(&Table::parse("t.tsv", T, &["text", "type"]).unwrap(), false)
            .unwrap();
        let m = matches(
            &g,
            "the United States of America and us and the US, anti-Russian defense minister",
            CaseContext::Normal,
        );
        assert_eq!(
            m,
            [
                ("United States of America".into(), 1),
                ("US".into(), 1),
                ("Russian".into(), 1),
                ("defense minister".into(), 1)
            ]
        );
        assert!(matches(&g, "RUSSIAN troops", CaseContext::Normal).is_empty());
        assert_eq!(matches(&g, "RUSSIAN troops", CaseContext::AllCaps).len(), 1);
    }

    #[test]
    fn bad_rows_name_file_and_line() {
        let mut g = Gazetteer::new();
        let bad = "text\ttype\tcanonical\tkey\tcountry\tcase\tflags\tsource\nX\tCOUNTRY\tX\tX\tXX\texact\t\tx\n";
        let e = g
            .add_table(
                &Table::parse("bad.tsv", bad, &["text", "type"]).unwrap(),
                false,
            )
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "bad.tsv:2: country `XX` is not an ISO alpha-3 code"
        );
    }
}
