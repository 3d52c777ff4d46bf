//! Who made a statement: the speaker of a verb of saying, before it ("Putin said") and after it
//! when the verb follows the quotation (`"…," said David Naude`: the `inv` cue of
//! rules/triggers.tsv). Each case comes from the BBC or Reuters articles, where a third of the
//! STATEMENT events had no speaker before `inv`. One sentence per document.

use newsfacts::model::{EventType, Role};
use newsfacts::{Document, Pipeline};
use std::sync::OnceLock;

fn pipeline() -> &'static Pipeline {
    static P: OnceLock<Pipeline> = OnceLock::new();
    P.get_or_init(|| Pipeline::new().expect("pipeline"))
}

/// The actors of each STATEMENT event of `text`, in order: their text in the sentence, or with
/// `canonical` the name they stand for.
fn actors(text: &str, canonical: bool) -> Vec<Vec<String>> {
    let doc = Document::from_text("t", text);
    let a = pipeline().analyze(&doc);
    a.events
        .iter()
        .filter(|e| e.kind == EventType::Statement)
        .map(|e| {
            e.arguments
                .iter()
                .filter(|x| x.role == Role::Actor)
                .map(|x| {
                    if canonical {
                        x.canonical.to_string()
                    } else {
                        doc.text[x.span].to_string()
                    }
                })
                .collect()
        })
        .collect()
}

/// The actors' texts of each STATEMENT event of `text`, in order.
fn speakers(text: &str) -> Vec<Vec<String>> {
    actors(text, false)
}

/// Each text's statements, if any, have no speaker.
fn no_speaker(texts: &[&str]) {
    for text in texts {
        assert!(
            speakers(text).iter().all(|s| s.is_empty()),
            "{text}: {:?}",
            speakers(text)
        );
    }
}

/// Each text holds one STATEMENT, by this speaker.
fn speaker_is(cases: &[(&str, &str)]) {
    for &(text, who) in cases {
        assert_eq!(speakers(text), [[who]], "{text}");
    }
}

#[test]
fn the_speaker_after_the_quotation() {
    speaker_is(&[
        (
            "\"The numbers are good,\" said David Naude, economist at Deutsche Bank.",
            "David Naude",
        ),
        (
            "\"No end is in sight,\" said a METI official.",
            "a METI official",
        ),
        (
            "\u{201c}Of course we applaud humanitarian initiatives, but why target the airlines?\u{201d} said Ulrich Schulte-Strathaus, secretary general of the Association of European Airlines.",
            "Ulrich Schulte-Strathaus",
        ),
        (
            "\"There should be more space for gains until the end of the year,\" said Paschoal Tadeu Buonomo.",
            "Paschoal Tadeu Buonomo",
        ),
        // a quotation opened in an earlier sentence closes in this one
        (
            "Hundreds of thousands of livelihoods have gone,\" said Jan Egeland, head of the UN Office for the Coordination of Humanitarian Affairs.",
            "Jan Egeland",
        ),
        (
            "The economy will grow by 3% next year, says Gordon Brown.",
            "Gordon Brown",
        ),
        // past a title or a post before the name
        (
            "\"Our work with the French government has been hugely successful,\" said Mr David Blunkett.",
            "David Blunkett",
        ),
        (
            "\"Domestic sales were led by strong catalog sales,\" said Sears chairman Edward Brennan.",
            "Edward Brennan",
        ),
    ]);
}

#[test]
fn the_speaker_before_the_verb_stays() {
    speaker_is(&[
        ("\"We will win,\" Vladimir Putin said.", "Vladimir Putin"),
        // after a comma, a chunk that goes on opens the reported clause: not the speaker
        (
            "Li Shangfu, the minister, said China would send troops.",
            "Li Shangfu",
        ),
        // the comma closes a relative clause: the subject came before it
        (
            "The official, who asked not to be named, said the National Security Council, the Treasury and other agencies held a meeting.",
            "The official",
        ),
    ]);
}

#[test]
fn no_speaker_where_the_clause_goes_on() {
    // "the company" is the subject of what was said, and an opening quotation mark is no end
    // of a quotation
    no_speaker(&[
        "In the statement, said the company would grow.",
        "Studios focus on more \"added value content\", thinks Mr Dean.",
    ]);
}

/// The STATEMENT triggers of `text`.
fn statements(text: &str) -> Vec<String> {
    let doc = Document::from_text("t", text);
    let a = pipeline().analyze(&doc);
    a.events
        .iter()
        .filter(|e| e.kind == EventType::Statement)
        .map(|e| doc.text[e.trigger].to_string())
        .collect()
}

#[test]
fn state_note_claim_and_stress_are_statements_only_after_their_speaker() {
    for (text, want) in [
        // nouns: no statement
        (
            "This has resulted in many different add-ons or extensions for the browser.",
            &[][..],
        ),
        (
            "NOTE: Dividend payable April 10 to shareholders of record March 30.",
            &[][..],
        ),
        (
            "Emerson Radio Corp said it has sold 33 mln dlrs of 8-3/8 pct senior notes due 1997 to institutional investors.",
            &["said"][..],
        ),
        (
            "Responding to another question, Tsai said AIDS-related claims were a small portion of claims.",
            &["said"][..],
        ),
        (
            "The company has grown rapidly, overtaking state-owned flag carrier Indian Airlines.",
            &[][..],
        ),
        (
            "The 22-year-old singer's family came to an undisclosed settlement over a negligence claim in 2003.",
            &[][..],
        ),
        // verbs, right after their speaker
        (
            "Lawson would officially state his position next month.",
            &["state"][..],
        ),
        (
            "Gordon Brown claims the economy is growing.",
            &["claims"][..],
        ),
    ] {
        assert_eq!(statements(text), want, "{text}");
    }
}

#[test]
fn a_verb_of_saying_after_and_or_but_shares_the_first_subject() {
    speaker_is(&[
        (
            "Gordon Brown said prices would rise but added that wages would rise too.",
            "Gordon Brown",
        ),
        // not the nearest phrase before the verb ("Narbonne")
        (
            "Jonathan Davies is on a one-season deal with French club side Narbonne, but said he may retire.",
            "Jonathan Davies",
        ),
        // the subject runs over a possessor and a title to its name
        (
            "Moazzam Begg's Labour MP Roger Godsiff welcomed his release, but said questions remained.",
            "Roger Godsiff",
        ),
        // "which" here opens no relative clause
        (
            "Analysts are divided over which approach is best and say that the deal may fail.",
            "Analysts",
        ),
    ]);
}

#[test]
fn a_name_the_tagger_does_not_know_is_still_the_speaker() {
    speaker_is(&[
        (
            "Clevite Industries Inc said it agreed in principle to form a joint venture.",
            "Clevite Industries Inc",
        ),
        (
            "In a filing with the regulator, Sina said its shares were purchased in January.",
            "Sina",
        ),
        ("But Cairn said estimates had been revised.", "Cairn"),
        (
            "The Blu-Ray Association said on Thursday that games giants had joined.",
            "Blu-Ray Association",
        ),
        (
            "The announcement comes as ONGC said it was in talks to buy the assets.",
            "ONGC",
        ),
        (
            "TVX Broadcast Group Inc <TVXG> said it has completed the purchase.",
            "TVX Broadcast Group Inc",
        ),
    ]);
    // a pronoun or a participle is no name
    no_speaker(&[
        "We have said all along that the rubber is holding up well.",
        "Having said that, the market fell on Monday.",
    ]);
}

#[test]
fn it_said_is_the_company_that_spoke_before() {
    let text =
        "Clevite Industries Inc said it agreed to form a joint venture. It said the venture \
                would start in June. It also said the plant would close.";
    assert_eq!(
        actors(text, true),
        [
            ["Clevite Industries Inc"],
            ["Clevite Industries Inc"],
            ["Clevite Industries Inc"]
        ]
    );
    // not a person's, and not from too far back
    let text = "Gordon Brown said taxes would rise. It said the venture would start in June.";
    assert_eq!(actors(text, true)[1], Vec::<String>::new());
    let text = "Clevite Industries Inc said it agreed to form a joint venture. Prices fell. \
                Rates rose. Markets closed. It said the venture would start in June.";
    assert_eq!(actors(text, true)[1], Vec::<String>::new());
}

#[test]
fn a_description_is_the_speaker_when_no_name_is_given() {
    speaker_is(&[
        // "official" modifies an event noun ("an official visit") but not a verb
        (
            "The harvest will be released in September, an ONIC official said.",
            "an ONIC official",
        ),
        ("Ministers say it will work.", "Ministers"),
        ("The bank said it had lowered rates.", "The bank"),
        ("The firm said sales were down 4% in 2004.", "The firm"),
        (
            "The airline said it will eliminate 464 management positions.",
            "The airline",
        ),
        ("The paper said Toyota would build a plant.", "The paper"),
        // nor before a preposition, which is no trigger word though a head holds it ("in" of
        // "[sworn in]", "for" of "[calling for]"): the official stays a phrase (Reuters-21578)
        (
            "An SEC official in Washington said the case is unrelated.",
            "An SEC official",
        ),
        (
            "An official for Pechiney said an agreement could be signed soon.",
            "An official",
        ),
    ]);
}

#[test]
fn a_name_after_its_description_is_the_speaker() {
    speaker_is(&[
        (
            "Finnish security firm F-Secure said that 2004 was the best-ever year.",
            "F-Secure",
        ),
        (
            "Sales have tripled since launch, said market analysts Chart-Track.",
            "Chart-Track",
        ),
        (
            "Dutch salvage firm Smit-Tak said it may take some three weeks to lift the tug.",
            "Smit-Tak",
        ),
    ]);
}

#[test]
fn a_name_set_off_by_dashes_is_the_speaker() {
    speaker_is(&[(
        "Mr Bez - himself a former executive at rival Porsche - said the new car was cheap.",
        "Bez",
    )]);
}

#[test]
fn a_by_phrase_far_after_the_verb_belongs_to_what_was_said() {
    // "by" names the speaker only right after the verb ("announced by the ministry")
    speaker_is(&[
        (
            "Analysts said crop spraying introduced by the government led to the huge crop.",
            "Analysts",
        ),
        (
            "Another 60 mln ECUs could be added if EC ministers switch credits, the Commission said.",
            "Commission",
        ),
    ]);
    no_speaker(&["It said the offering will be managed by Goldman Sachs and Co."]);
}

#[test]
fn he_said_is_the_last_person_who_spoke_when_no_one_else_is_named() {
    let story = |between: &str, pronoun: &str| {
        format!(
            "Games now rival films, Peter Molyneux said on Monday. {between}\"Britain plays a \
             big part in it.\" The industry is worth billions. Sales rose again last year. \
             Consoles sell well in Europe. \"We are very proud,\" {pronoun} said."
        )
    };
    let last = |text: &str| actors(text, true).last().cloned().unwrap_or_default();
    // five sentences after the name: the pronoun rule of the cues looks three back
    assert_eq!(
        last(&story("", "he")),
        ["Peter Molyneux"],
        "{}",
        story("", "he")
    );
    // another person named in between: the antecedent is not clear
    let other = story("Analyst Brian Gammage agrees with him. ", "he");
    assert_eq!(last(&other), Vec::<String>::new(), "{other}");
    // "Mr" is no "she"
    let mr = story("", "she").replace("Peter Molyneux", "Mr Molyneux");
    assert_eq!(last(&mr), Vec::<String>::new(), "{mr}");
}

#[test]
fn an_organisation_named_with_of_and_a_place_is_the_speaker() {
    speaker_is(&[
        (
            "The Bank of England said it provided the market with 104 mln stg.",
            "Bank of England",
        ),
        (
            "The U.S. Agriculture Department said the wheat was sold to China.",
            "U.S. Agriculture Department",
        ),
        (
            "The National Union of Journalists said it stood behind the journalists.",
            "National Union of Journalists",
        ),
        (
            "Jones and Vining Inc said it started a tender offer.",
            "Jones and Vining Inc",
        ),
    ]);
    // two companies are two speakers, not one name
    assert_ne!(
        speakers("Apple and Motorola announced they were getting together."),
        [["Apple and Motorola"]]
    );
}

#[test]
fn according_to_names_the_source() {
    speaker_is(&[
        (
            "By 2008, according to Gartner, 95% of all mobiles sold will have cameras.",
            "Gartner",
        ),
        (
            "Digital music players are the gadget of choice, according to recent research by \
             the Pew Internet and American Life Project.",
            "Pew Internet and American Life Project",
        ),
        (
            "Mobile phone sales passed 167 million, according to a recent report from analysts \
             Gartner.",
            "Gartner",
        ),
        (
            "US firms created only 146,000 jobs in January, according to Labor Department figures.",
            "Labor Department",
        ),
        (
            "The rule was approved in February, according to a CFTC spokeswoman.",
            "CFTC spokeswoman",
        ),
    ]);
    // a name that modifies what is no source, and a "by" after what is no publication
    no_speaker(&[
        "Earnings per share according to U.S. Accounting principles were 1.96 crowns.",
        "Spore displays the creatures according to rules devised by the programmers.",
    ]);
}

#[test]
fn a_name_right_after_the_verb_is_the_speaker() {
    speaker_is(&[
        (
            "The 9 November traffic explosion has continued into December, said Sandvine.",
            "Sandvine",
        ),
        (
            "\"The main issue is that not everyone has the pins they need,\" said Mr Clump.",
            "Mr Clump",
        ),
    ]);
}

#[test]
fn a_phrase_no_participant_heads_is_still_the_subject() {
    // the subject is "the report", which names no one: not a phrase of the reported clause
    no_speaker(&[
        "Half the world's population now has access to a fixed-line telephone, the report said.",
        "Indonesia bought 162,500 tonnes of raw sugar on world markets in late 1986, the report said.",
    ]);
    // a description between commas stands for the name before it
    speaker_is(&[(
        "Judy Bell, the company's founder, said it would cost a huge amount to rebrand.",
        "Judy Bell",
    )]);
}

#[test]
fn a_named_statement_or_report_names_its_source() {
    speaker_is(&[
        (
            "It plans to buy Associated Cement Companies, a Holcim statement said.",
            "Holcim",
        ),
        (
            "The FAO report said that support for farmers was equivalent to 30 times the aid.",
            "FAO",
        ),
        // "Data" in a name is no publication
        (
            "Control Data said the divestiture was part of its strategy.",
            "Control Data",
        ),
    ]);
    no_speaker(&["Media reports said some banks had filed lawsuits against the decision."]);
}

#[test]
fn he_after_what_was_said_is_not_a_person_named_in_it() {
    let text = "Alan Milburn spoke in Leeds on Monday. Mr Blair has the same passion as in 1997, \
                he said.";
    assert_eq!(actors(text, true), [["Alan Milburn"]], "{text}");
    let text = "Quincy Jones spoke on Friday. \"There will never be another musician like Ray \
                Charles,\" he said.";
    assert_eq!(actors(text, true), [["Quincy Jones"]], "{text}");
}

#[test]
fn what_was_announced_or_said_in_a_passive_is_no_speaker() {
    no_speaker(&[
        "The winners will be announced at a ceremony in London on 30 November.",
        "The prime minister is said to believe the refusal is undermining other countries.",
    ]);
    speaker_is(&[(
        "An attachment in the e-mail contains the virus, the FBI said.",
        "FBI",
    )]);
}

/// Reuters names companies in brackets and with a possessive inside ("Moody's Investors
/// Service Inc"); a possessive that ends a name right before its verb is no noun's possessor
/// ("Moody's said" is a statement, not "the said of Moody").
#[test]
fn names_in_brackets_and_with_a_possessive() {
    speaker_is(&[
        (
            "<Chrysler Canada Ltd> said it signed an agreement to import 100,000 small cars.",
            "Chrysler Canada Ltd",
        ),
        (
            "<The Commonwealth Bank of Australia> said it was preparing a 500 mln dlr \
             commercial paper facility.",
            "The Commonwealth Bank of Australia",
        ),
        (
            "Alleghany Corp <Y> said it agreed to buy the unit.",
            "Alleghany Corp",
        ),
        (
            "Moody's Investors Service Inc said it may downgrade 12 billion dlrs of debt.",
            "Moody's Investors Service Inc",
        ),
        (
            "Standard and Poor's Corp said it affirmed about 100 mln dlrs of debt.",
            "Standard and Poor's Corp",
        ),
        (
            "Moody's said it would assess the likely financial consequences.",
            "Moody's",
        ),
        (
            "Britain's Foreign Office said the talks would go ahead.",
            "Foreign Office",
        ),
        (
            "Brazil has so far been unwilling to accept any proposal that would reduce its \
             quota share, delegates said.",
            "delegates",
        ),
    ]);
}

#[test]
fn they_said_is_the_people_that_spoke_before() {
    let text = "The dollar fell against the yen, dealers said. They said the central bank \
                bought dollars. Selling pressure was strong, they said.";
    assert_eq!(
        actors(text, true),
        [["dealers"], ["dealers"], ["dealers"]],
        "{text}"
    );
    // not a company's or a person's, and not from too far back
    let text = "Clevite Industries Inc said it agreed to form a joint venture. They said the \
                venture would start in June.";
    assert_eq!(actors(text, true)[1], Vec::<String>::new());
    let text = "The dollar fell against the yen, dealers said. Prices fell. Rates rose. \
                Markets closed. They said the central bank bought dollars.";
    assert_eq!(actors(text, true)[1], Vec::<String>::new());
}

/// "The agency quoted Dilson Funaro as saying that …": who is quoted speaks, not the paper; "was quoted
/// as saying that …" keeps its subject.
#[test]
fn who_is_quoted_as_saying_speaks() {
    assert_eq!(
        speakers(
            "The Estado de Sao Paulo agency quoted Finance Minister Dilson Funaro as saying that \
             the government was very concerned about the farmers' situation."
        ),
        [["Dilson Funaro"]]
    );
    assert_eq!(
        speakers(
            "But the New York Times today quoted administration sources as saying that the U.S. \
             may be able to lift trade sanctions against Japan by the end of June."
        ),
        [["administration sources"]]
    );
    assert_eq!(
        speakers(
            "Finance Minister Edouard Balladur was quoted today as saying that French 1987 \
             growth will probably be about two pct."
        ),
        [["Edouard Balladur"]]
    );
}
