//! The document model: what goes in ([`Document`]) and what every stage adds to it
//! ([`Analysis`]). Stages talk to each other only through these types.

use crate::span::Span;
use serde::{Serialize, Serializer};
use std::borrow::Cow;
use std::fmt;

/// One input article: its text and the metadata its input carried.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Document {
    /// The contract's `doc_id`: the input's own id, else a name derived from the path.
    pub id: String,
    /// Where the document came from: a file path, or `<path>#<line>` for JSON Lines.
    pub source: String,
    /// The text as decoded (UTF-8; invalid bytes replaced by U+FFFD). All offsets point here.
    pub text: String,
    /// The input's own publication date (JSON Lines `date`), unparsed.
    pub date: Option<String>,
    /// The input's own URL.
    pub url: Option<String>,
    /// The input's own title.
    pub title: Option<String>,
    /// True when invalid UTF-8 was replaced while decoding.
    pub lossy: bool,
}

impl Document {
    /// A document from a text alone; its id and source are `id`.
    pub fn from_text(id: impl Into<String>, text: impl Into<String>) -> Document {
        let id = id.into();
        Document {
            source: id.clone(),
            id,
            text: text.into(),
            ..Document::default()
        }
    }
}

/// An ISO 3166-1 alpha-3 country code (`RUS`), as CAMEO actor codes use.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Iso3([u8; 3]);

impl Iso3 {
    /// Parses three ASCII uppercase letters.
    pub fn parse(s: &str) -> Option<Iso3> {
        let b = s.as_bytes();
        if b.len() == 3 && b.iter().all(|c| c.is_ascii_uppercase()) {
            Some(Iso3([b[0], b[1], b[2]]))
        } else {
            None
        }
    }

    /// The code as a string slice.
    pub fn as_str(&self) -> &str {
        // Only ASCII uppercase letters are ever stored.
        std::str::from_utf8(&self.0).unwrap_or("XXX")
    }
}

impl fmt::Debug for Iso3 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Display for Iso3 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Iso3 {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

macro_rules! string_enum {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $var:ident = $s:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name { $($(#[$vm])* $var),+ }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$var),+];

            /// The name used in the output contract.
            pub const fn as_str(&self) -> &'static str {
                match self { $($name::$var => $s),+ }
            }

            /// Parses the contract name (exact).
            pub fn parse(s: &str) -> Option<$name> {
                match s { $($s => Some($name::$var),)+ _ => None }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }
    };
}

string_enum! {
    /// Entity types of the contract.
    EntityType {
        /// A person.
        Person = "PERSON",
        /// A country (names, aliases, demonyms).
        Country = "COUNTRY",
        /// A city (also a capital standing for its government).
        City = "CITY",
        /// A first-level region: state, province, oblast.
        Region = "REGION",
        /// An organization.
        Organization = "ORGANIZATION",
        /// A title of office or role.
        Title = "TITLE",
        /// A temporal expression.
        Date = "DATE",
    }
}

string_enum! {
    /// How an entity was found.
    How {
        /// A gazetteer entry matched.
        Gazetteer = "gazetteer",
        /// A rule over tokens and name lexicons.
        Rule = "rule",
        /// A short name referring back to a full name in the document.
        Coreference = "coreference",
        /// A date rule.
        DateRule = "date_rule",
        /// A user pattern file (spaCy EntityRuler).
        Pattern = "pattern",
    }
}

string_enum! {
    /// The kind of a line or sentence.
    SegmentKind {
        /// `date 2023-04-14 https://…` header line (no entities).
        Header = "header",
        /// A headline (stands alone).
        Title = "title",
        /// A tag line such as `russia` (no entities).
        Tag = "tag",
        /// A dateline: `09:15 GMT 14.04.2023`, `CLEVELAND, Feb 26 -`.
        Dateline = "dateline",
        /// Body text.
        Body = "body",
    }
}

string_enum! {
    /// TIMEX3 types.
    TimexType {
        /// A calendar date or period.
        Date = "DATE",
        /// A time of day.
        Time = "TIME",
        /// A duration.
        Duration = "DURATION",
        /// A recurring time.
        Set = "SET",
    }
}

string_enum! {
    /// Where `published` came from.
    PublishedSource {
        /// The input's own `date` field.
        Input = "input",
        /// A `date …` header line.
        Header = "header",
        /// A dateline in the text.
        Dateline = "dateline",
        /// `--reference-date`.
        Reference = "reference",
    }
}

/// A sentence (or a headline or dateline standing alone).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sentence {
    /// The sentence's bytes (may cross hard-wrapped line breaks).
    pub span: Span,
    /// What part of the article it is.
    pub kind: SegmentKind,
    /// Index of its first token in [`Analysis::tokens`].
    pub first_token: usize,
    /// One past its last token.
    pub end_token: usize,
    /// True when every letter in it is uppercase (ALL-CAPS headlines).
    pub all_caps: bool,
    /// False when the tokeniser saw no word or number in it that can anchor a date (every date
    /// holds one): the date stage skips it. True until the tokeniser has run.
    pub maybe_date: bool,
}

impl Sentence {
    /// True for a headline: a title, or a sentence written in capitals (every word may be
    /// capitalised, and auxiliaries are left out).
    pub fn is_headline(&self) -> bool {
        self.kind == SegmentKind::Title || self.all_caps
    }

    /// The token index range of the sentence.
    pub fn tokens(&self) -> std::ops::Range<usize> {
        self.first_token..self.end_token
    }
}

/// Token kinds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// Letters (possibly with digits, internal apostrophes): `Shoigu`, `d'Ivoire`, `F-16`'s `F`.
    Word,
    /// Digits, possibly with internal `.,:/` and a letter suffix: `2023`, `14.04.2023`, `16th`.
    Number,
    /// Abbreviation with internal periods: `U.S.`, `a.m.`.
    Abbrev,
    /// A possessive clitic: `’s`, `'s`, `'`.
    Clitic,
    /// Any other single character: punctuation, hyphens, quotes, symbols.
    Punct,
}

/// Token flags (bit set).
pub mod tokflags {
    /// The first character is uppercase.
    pub const CAP: u8 = 1;
    /// All letters are uppercase and there are at least two.
    pub const UPPER: u8 = 2;
    /// Whitespace precedes the token (or it starts its sentence).
    pub const SPACE_BEFORE: u8 = 4;
    /// A line break lies between this token and the previous one.
    pub const LINE_BEFORE: u8 = 8;
    /// All letters are lowercase.
    pub const LOWER: u8 = 16;
    /// The word or abbreviation may be a word of the date lexicon: clear only when it certainly
    /// is not. The tokenizer tests a filter of the lexicon's words with the word's first eight
    /// bytes ([`crate::tokenize::WordHint`]); it sets the bit on every word it cannot test (not
    /// ASCII, or a plain word within eight bytes of the text's end).
    pub const MAYBE_DATE: u8 = 32;
}

/// A token: a span and what kind of characters it holds. Its offsets are 32-bit, so a token is
/// 16 bytes: every stage reads the tokens, a third fewer bytes than with `usize` offsets (the
/// tokeniser leaves text past 4 GiB untokenised: [`crate::tokenize::MAX_TOKEN_END`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// First byte of the token.
    pub start: u32,
    /// One past its last byte.
    pub end: u32,
    /// Its kind.
    pub kind: TokenKind,
    /// [`tokflags`] bits.
    pub flags: u8,
    /// Index of its sentence.
    pub sentence: u32,
}

// The size the docs promise.
const _: () = assert!(std::mem::size_of::<Token>() == 16);

impl Token {
    /// Bytes of the token.
    #[inline]
    pub fn span(&self) -> Span {
        Span::new(self.start as usize, self.end as usize)
    }
    /// True when the given [`tokflags`] bit is set.
    #[inline]
    pub fn has(&self, flag: u8) -> bool {
        self.flags & flag != 0
    }
    /// True for a capitalised word or abbreviation.
    #[inline]
    pub fn is_cap(&self) -> bool {
        self.has(tokflags::CAP)
    }
    /// True for a word token.
    #[inline]
    pub fn is_word(&self) -> bool {
        self.kind == TokenKind::Word
    }
}

/// A resolved or underspecified temporal value, attached to DATE entities.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Timex {
    /// TIMEX3 value: `2023-04-16`, `XXXX-04-16`, `XXXX-WXX-5`, `P4D`, `PAST_REF`, `2023-03`.
    pub value: String,
    /// TIMEX3 type.
    pub timex_type: TimexType,
    /// Inclusive calendar bounds of the period, once resolved.
    pub interval: Option<(chrono::NaiveDate, chrono::NaiveDate)>,
    /// `day`, `week`, `month`, `quarter`, `year`, `decade`, `century`, `time`, `duration`, `vague`, `set`.
    pub granularity: &'static str,
    /// The date rule that produced it.
    pub rule: &'static str,
    /// Which end of a range it is ("April 16 to 19"), if any.
    pub range: Option<crate::dates::RangePart>,
}

/// An entity mention.
#[derive(Clone, Debug, PartialEq)]
pub struct Entity<'a> {
    /// The mention's bytes.
    pub span: Span,
    /// Entity type.
    pub kind: EntityType,
    /// Index of its sentence.
    pub sentence: usize,
    /// Canonical name (for DATE, the text).
    pub canonical: Cow<'a, str>,
    /// Gazetteer id (ISO alpha-3 for countries, `geonames:…` for cities, Wikidata for people).
    pub key: Option<Cow<'a, str>>,
    /// Country of the entity (a country's own code, a city's, a person's).
    pub country: Option<Iso3>,
    /// How it was found.
    pub how: How,
    /// Temporal value for DATE entities (boxed: an entity is then 88 bytes instead of 152, and
    /// the lists of entities that stages merge and sort move that much less).
    pub timex: Option<Box<Timex>>,
}

string_enum! {
    /// Event types (DESIGN.md's first set).
    EventType {
        /// A visit to a place or host.
        Visit = "VISIT",
        /// Movement of people or things.
        Move = "MOVE",
        /// Hosting a visitor.
        HostVisit = "HOST_VISIT",
        /// A meeting or talks.
        Meet = "MEET",
        /// A phone call or letter.
        PhoneCall = "PHONE_CALL",
        /// A public statement.
        Statement = "STATEMENT",
        /// A vow, pledge, promise.
        ExpressIntent = "EXPRESS_INTENT",
        /// Signing an agreement.
        SignAgreement = "SIGN_AGREEMENT",
        /// Military cooperation, joint exercises.
        MilitaryCooperation = "MILITARY_COOPERATION",
        /// Providing aid or weapons.
        ProvideAid = "PROVIDE_AID",
        /// Paying, funding, lending.
        TransferMoney = "TRANSFER_MONEY",
        /// Warning, threatening.
        Threaten = "THREATEN",
        /// Protests, rallies.
        Demonstrate = "DEMONSTRATE",
        /// Sanctions, embargoes.
        Sanction = "SANCTION",
        /// Arrests, detentions.
        Arrest = "ARREST",
        /// Attacks, fighting.
        Fight = "FIGHT",
        /// Killings, deaths.
        Kill = "KILL",
        /// Taking up a position.
        StartPosition = "START_POSITION",
        /// Negotiating.
        Negotiate = "NEGOTIATE",
        /// Appeals, requests.
        Appeal = "APPEAL",
        /// Accusations.
        Accuse = "ACCUSE",
        /// Rejections.
        Reject = "REJECT",
    }
}

impl EventType {
    /// A speech act: a statement, threat, appeal, accusation, rejection or expressed intent.
    /// Two by one speaker are two events (merged only when the same sentence is repeated, as a
    /// lede repeated in the body), and none is merged across documents.
    pub fn is_speech_act(self) -> bool {
        matches!(
            self,
            EventType::Statement
                | EventType::Threaten
                | EventType::Appeal
                | EventType::Accuse
                | EventType::Reject
                | EventType::ExpressIntent
        )
    }
}

string_enum! {
    /// Argument roles.
    Role {
        /// Who does it.
        Actor = "actor",
        /// Whom it is done to (host, counterpart, sanctioned party).
        Target = "target",
        /// Where to.
        Destination = "destination",
        /// Where from.
        Origin = "origin",
        /// Where.
        Location = "location",
        /// A position taken.
        Position = "position",
        /// An organization involved.
        Organization = "organization",
        /// Who moves something.
        Agent = "agent",
        /// A vehicle.
        Vehicle = "vehicle",
        /// An instrument or weapon.
        Instrument = "instrument",
        /// Who died or was killed.
        Victim = "victim",
        /// A person arrested or appointed.
        Person = "person",
        /// An object: an agreement, weapons.
        Artifact = "artifact",
        /// Who benefits.
        Beneficiary = "beneficiary",
        /// What it is about.
        Topic = "topic",
        /// Whom a statement addresses.
        Addressee = "addressee",
        /// Why.
        Reason = "reason",
    }
}

string_enum! {
    /// Whether an event happened.
    Modality {
        /// Reported as having happened or happening.
        Asserted = "asserted",
        /// Scheduled, expected, announced for the future.
        Planned = "planned",
        /// Refused, denied, did not happen.
        Negated = "negated",
        /// Conditional, warned against, possible.
        Hypothetical = "hypothetical",
        /// Attributed to a source without being asserted.
        Reported = "reported",
    }
}

string_enum! {
    /// Where an event's time came from.
    TimeSource {
        /// A date expression in the event's clause.
        Expression = "expression",
        /// A start date plus a duration.
        Duration = "duration",
        /// The publication date, as a fallback.
        Published = "published",
    }
}

/// An event argument.
#[derive(Clone, Debug, PartialEq)]
pub struct Argument<'a> {
    /// Its role.
    pub role: Role,
    /// The mention in the event's own sentence ("he", "Li", "The Chinese defense minister").
    pub span: Span,
    /// Index into [`Analysis::entities`] of the entity it names, if any.
    pub entity: Option<usize>,
    /// Who it is, after coreference.
    pub canonical: Cow<'a, str>,
    /// The entity's key.
    pub key: Option<Cow<'a, str>>,
    /// The entity's country.
    pub country: Option<Iso3>,
}

/// When an event happens.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventTime {
    /// Index into [`Analysis::entities`] of the DATE it comes from.
    pub entity: Option<usize>,
    /// TIMEX value.
    pub value: String,
    /// First day, inclusive.
    pub begin: Option<chrono::NaiveDate>,
    /// Last day, inclusive.
    pub end: Option<chrono::NaiveDate>,
    /// Where it came from.
    pub source: TimeSource,
}

/// Another place in the document telling the same event.
#[derive(Clone, Debug, PartialEq)]
pub struct EventMention<'a> {
    /// Its trigger.
    pub trigger: Span,
    /// Its sentence.
    pub sentence: usize,
    /// The arguments found in its own sentence.
    pub arguments: Vec<Argument<'a>>,
    /// Its own time, if it gives one.
    pub time: Option<EventTime>,
}

/// Two places disagreeing on a field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Conflict {
    /// The field: `time.end`, `time.begin`.
    pub field: &'static str,
    /// The values, first the event's own.
    pub values: Vec<String>,
}

/// An event record.
#[derive(Clone, Debug, PartialEq)]
pub struct Event<'a> {
    /// Event type.
    pub kind: EventType,
    /// CAMEO code (planned variants already applied).
    pub cameo: Cow<'a, str>,
    /// The trigger word or phrase.
    pub trigger: Span,
    /// Its sentence.
    pub sentence: usize,
    /// Arguments.
    pub arguments: Vec<Argument<'a>>,
    /// Time.
    pub time: Option<EventTime>,
    /// Modality.
    pub modality: Modality,
    /// 0.0–1.0.
    pub confidence: f32,
    /// Rule id.
    pub rule: Cow<'a, str>,
    /// Other mentions of the same event in the document.
    pub mentions: Vec<EventMention<'a>>,
    /// Disagreements between mentions.
    pub conflicts: Vec<Conflict>,
    /// For a speech act: indices (into [`Analysis::events`]) of the events it reports.
    pub reports: Vec<usize>,
}

/// Publication date and other document-level metadata found by the segmenter.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Meta<'a> {
    /// The title: the input's own, else the headline line.
    pub title: Option<Cow<'a, str>>,
    /// The URL: the input's own, else the header's.
    pub url: Option<Cow<'a, str>>,
    /// The publication date or date-time as it will be exported.
    pub published: Option<String>,
    /// Where `published` came from.
    pub published_source: Option<PublishedSource>,
    /// The publication day, the reference for relative dates.
    pub reference: Option<chrono::NaiveDate>,
    /// A problem with the input's own date field, if any (the document goes on without it).
    pub date_warning: Option<String>,
}

/// A line-level segment of the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Segment {
    /// Its bytes (trimmed).
    pub span: Span,
    /// Its kind.
    pub kind: SegmentKind,
}

/// Everything the pipeline found in one document.
#[derive(Clone, Debug)]
pub struct Analysis<'a> {
    /// The input document.
    pub doc: &'a Document,
    /// Metadata: title, url, publication date.
    pub meta: Meta<'a>,
    /// Line-level segments (header, title, tags, datelines, body paragraphs).
    pub segments: Vec<Segment>,
    /// Sentences in text order.
    pub sentences: Vec<Sentence>,
    /// Tokens of all sentences, in text order.
    pub tokens: Vec<Token>,
    /// Entities, flat (no two overlap), in text order.
    pub entities: Vec<Entity<'a>>,
    /// Events, in order of their first trigger.
    pub events: Vec<Event<'a>>,
}

impl<'a> Analysis<'a> {
    /// A fresh analysis with nothing found yet.
    pub fn new(doc: &'a Document) -> Analysis<'a> {
        Analysis {
            doc,
            meta: Meta::default(),
            segments: Vec::new(),
            sentences: Vec::new(),
            tokens: Vec::new(),
            entities: Vec::new(),
            events: Vec::new(),
        }
    }

    /// The document's text.
    #[inline]
    pub fn text(&self) -> &'a str {
        &self.doc.text
    }

    /// The text of a token.
    #[inline]
    pub fn tok(&self, i: usize) -> &'a str {
        &self.doc.text[self.tokens[i].span()]
    }

    /// Index of the entity that covers token `i`, if any (entities are sorted and flat).
    pub fn entity_at_token(&self, i: usize) -> Option<usize> {
        let span = self.tokens.get(i)?.span();
        self.entity_covering(span)
    }

    /// Index of the entity whose span contains `span`.
    pub fn entity_covering(&self, span: Span) -> Option<usize> {
        let idx = self.entities.partition_point(|e| e.span.end <= span.start);
        let e = self.entities.get(idx)?;
        e.span.contains(span).then_some(idx)
    }
}
