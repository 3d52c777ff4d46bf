//! Verbs of meeting and welcoming in their other sense: "meet demand", "welcomed the decision"
//! (an object that names a thing: `obj!` in rules/triggers.tsv) make no event; the same verbs
//! with people, groups, pronouns or no object at all still do. One sentence per document, so
//! that no event merges with another.

mod common;

use common::{event_roles, the_event};
use newsfacts::model::EventType;

/// The trigger texts of the events of `kind` in `text`.
fn triggers(text: &str, kind: EventType) -> Vec<String> {
    event_roles(text, kind)
        .into_iter()
        .map(|(t, _)| t)
        .collect()
}

/// Each text yields no event of its kind.
fn no_event(cases: &[(&str, EventType)]) {
    for &(text, kind) in cases {
        assert_eq!(triggers(text, kind), Vec::<String>::new(), "{text}");
    }
}

/// Each text yields one event of its kind, with this trigger.
fn one_event(cases: &[(&str, EventType, &str)]) {
    for &(text, kind, trigger) in cases {
        assert_eq!(triggers(text, kind), [trigger], "{text}");
    }
}

#[test]
fn a_thing_after_meet_or_welcome_is_another_sense() {
    no_event(&[
        ("The company could not meet its debts.", EventType::Meet),
        (
            "Output was raised to meet commercial demand.",
            EventType::Meet,
        ),
        (
            "He asked for more investments to meet the growing demand for water.",
            EventType::Meet,
        ),
        (
            "The bank said it met its main strategic objectives for return on equity.",
            EventType::Meet,
        ),
        (
            "The unit was set up to meet precise group objectives.",
            EventType::Meet,
        ),
        (
            "The processor will execute numeric applications.",
            EventType::Kill,
        ),
        (
            "The company said it executed a definitive agreement with Alza.",
            EventType::Kill,
        ),
        ("Traders welcomed the decision.", EventType::HostVisit),
        (
            "The minister welcomed the move on food prices.",
            EventType::HostVisit,
        ),
        // a thing of something is a thing; a part or an amount of people is people
        (
            "Ken Clarke welcomed a relaxation of the rules governing the euro zone.",
            EventType::HostVisit,
        ),
        (
            "Tokyo failed to meet terms of a 1986 bilateral pact on chips.",
            EventType::Meet,
        ),
    ]);
    one_event(&[
        (
            "Putin welcomed a number of officials from China.",
            EventType::HostVisit,
            "welcomed",
        ),
        (
            "The terrorist who attacked the place of entertainment was captured.",
            EventType::Fight,
            "attacked",
        ),
    ]);
}

#[test]
fn people_groups_and_no_object_still_meet() {
    one_event(&[
        ("Xi met Putin in Moscow.", EventType::Meet, "met"),
        (
            "He will meet private bankers in Tokyo.",
            EventType::Meet,
            "meet",
        ),
        ("Reagan met the press on Monday.", EventType::Meet, "met"),
        (
            "Hundreds of fans greeted the star.",
            EventType::Meet,
            "greeted",
        ),
        (
            "I have met a large number of local authorities.",
            EventType::Meet,
            "met",
        ),
        (
            "The IAAF has met anti-doping officials.",
            EventType::Meet,
            "met",
        ),
        ("She said she had met everyone.", EventType::Meet, "met"),
        (
            "The two leaders met again in March.",
            EventType::Meet,
            "met",
        ),
        (
            "The ministers meet next on May 21.",
            EventType::Meet,
            "meet",
        ),
        (
            "Council members met behind closed doors.",
            EventType::Meet,
            "met",
        ),
        (
            "The president welcomed refugees at the border.",
            EventType::HostVisit,
            "welcomed",
        ),
        (
            "Putin welcomed Xi to the Kremlin.",
            EventType::HostVisit,
            "welcomed",
        ),
        (
            "The regime executed two dissidents on Monday.",
            EventType::Kill,
            "executed",
        ),
        (
            "Militants executed the hostages.",
            EventType::Kill,
            "executed",
        ),
        (
            "Moscow hosted a second round of peace talks.",
            EventType::HostVisit,
            "hosted",
        ),
    ]);
}

/// (trigger, the texts of the `role` arguments) of the events of `kind` in `text`.
fn with_role(text: &str, kind: EventType, role: &str) -> Vec<(String, Vec<String>)> {
    event_roles(text, kind)
        .into_iter()
        .map(|(t, args)| {
            let args = args
                .into_iter()
                .filter(|(r, _)| r == role)
                .map(|(_, x)| x)
                .collect();
            (t, args)
        })
        .collect()
}

#[test]
fn who_starts_a_position_is_the_appointee() {
    for (text, trigger, person) in [
        (
            "The company said it appointed William Quinn as president of the new unit.",
            "appointed",
            "William Quinn",
        ),
        (
            "BankAmerica Corp said it named Richard Rosenberg as vice chairman.",
            "named",
            "Richard Rosenberg",
        ),
        (
            "James Castle has been named president and chief executive officer.",
            "named",
            "James Castle",
        ),
        (
            "Mr Blair's appointment of Paul Boateng surprised many.",
            "appointment",
            "Paul Boateng",
        ),
    ] {
        let got = with_role(text, EventType::StartPosition, "person");
        assert_eq!(
            got,
            [(trigger.to_string(), vec![person.to_string()])],
            "{text}"
        );
    }
}

/// The post an appointment names: after the appointee ("named Eugene Mora its chairman",
/// "appointed John Kearney as president"), or after a passive or noun trigger ("was elected
/// chief executive officer", "his appointment as chairman").
#[test]
fn the_post_follows_the_appointee() {
    for (text, post) in [
        (
            "Phone-A-Gram System Inc said it named Eugene Mora its Chairman.",
            "its Chairman",
        ),
        (
            "Northgate Exploration Ltd said it appointed John Kearney as president of the \
             company.",
            "president",
        ),
        (
            "The company said David Peterson was elected chief executive officer.",
            "chief executive officer",
        ),
        (
            "Mr Kinnock added that a factor was his appointment as chairman of the British Council.",
            "chairman",
        ),
    ] {
        let got = with_role(text, EventType::StartPosition, "position");
        assert_eq!(got.len(), 1, "{text}: {got:?}");
        assert_eq!(got[0].1, [post.to_string()], "{text}");
    }
}

#[test]
fn becoming_is_a_start_only_with_the_post() {
    assert_eq!(
        with_role(
            "Hoch became chairman of the board.",
            EventType::StartPosition,
            "position"
        )
        .len(),
        1
    );
    no_event(&[
        (
            "The world wheat situation has become more bullish recently.",
            EventType::StartPosition,
        ),
        (
            "The problem is likely to become worse as prices rise.",
            EventType::StartPosition,
        ),
        // a person noun that names no post one takes
        (
            "Anthony became Lopez's third husband in June 2004.",
            EventType::StartPosition,
        ),
        (
            "Laurence Tisch became the largest shareholder in CBS.",
            EventType::StartPosition,
        ),
        (
            "Hailey emigrated to Canada in 1947, where he eventually became a citizen.",
            EventType::StartPosition,
        ),
    ]);
    // a noun of a post is one
    assert_eq!(
        with_role(
            "He later became general manager of the plant.",
            EventType::StartPosition,
            "position"
        ),
        [("became".to_string(), vec!["general manager".to_string()])]
    );
}

/// Blaming a cause ("blamed high fuel prices for a drop in profits") accuses nobody (CAMEO 112
/// accuses an actor: `obj!`); "Those arrested are accused of …" still accuses people.
#[test]
fn blaming_a_cause_is_no_accusation() {
    no_event(&[
        (
            "The UK's biggest coal producer blamed geological problems, industrial action and \
             \"operating flaws\" at its deep mines for its worsening fortunes.",
            EventType::Accuse,
        ),
        (
            "British Airways has blamed high fuel prices for a 40% drop in profits.",
            EventType::Accuse,
        ),
    ]);
    assert_eq!(
        with_role(
            "Those arrested are accused of operating Shadowcrew.com.",
            EventType::Accuse,
            "target"
        )
        .len(),
        1
    );
}

#[test]
fn financial_nouns_of_other_senses_are_no_events() {
    no_event(&[
        (
            "There are signs of recovery in the coming months.",
            EventType::SignAgreement,
        ),
        (
            "It is a sign that prices will fall.",
            EventType::SignAgreement,
        ),
        (
            "The allowance for loan losses was 224.8 mln dlrs.",
            EventType::TransferMoney,
        ),
        (
            "Net includes pretax loan loss provisions of 90,000 dlrs.",
            EventType::TransferMoney,
        ),
        (
            "The country's balance of payments deficit widened.",
            EventType::TransferMoney,
        ),
    ]);
    one_event(&[
        (
            "Venezuela signed a rescheduling accord in February.",
            EventType::SignAgreement,
            "signed",
        ),
        (
            "Bankers approved a loan to Brazil.",
            EventType::TransferMoney,
            "loan",
        ),
    ]);
}

#[test]
fn work_stoppages_are_no_attacks() {
    no_event(&[
        (
            "The seamen's strike began on February 27.",
            EventType::Fight,
        ),
        (
            "A national strike by bankworkers entered its third day.",
            EventType::Fight,
        ),
        (
            "Dockworkers went on strike for an indefinite period today.",
            EventType::Fight,
        ),
        (
            "The union called a one-day strike over pay.",
            EventType::Fight,
        ),
        (
            "Members will vote in a strike ballot next week.",
            EventType::Fight,
        ),
    ]);
    one_event(&[
        (
            "Three aid workers were killed in a missile strike on the town.",
            EventType::Fight,
            "strike",
        ),
        (
            "A retaliatory strike hit the oil platform.",
            EventType::Fight,
            "strike",
        ),
    ]);
}

#[test]
fn a_plan_that_calls_for_something_makes_no_appeal() {
    no_event(&[
        (
            "The plan calls for the sale of substantially all of the assets.",
            EventType::Appeal,
        ),
        (
            "The agreement also calls for Crowley to release its claims.",
            EventType::Appeal,
        ),
        (
            "The average forecast called for an 800 mln dlr rise.",
            EventType::Appeal,
        ),
        // a modifier's rarer sense (WordNet 3.0 current.n.03, a group) is not the head's
        (
            "The current agreement calls for an increase in beef imports.",
            EventType::Appeal,
        ),
        // the plural verb, also after a verb of saying
        (
            "The company said the agreements call for the opening of 83 stores.",
            EventType::Appeal,
        ),
    ]);
    one_event(&[
        (
            "Protesters call for his resignation.",
            EventType::Appeal,
            "call for",
        ),
        (
            "The union calls for a strike ballot.",
            EventType::Appeal,
            "calls for",
        ),
        (
            "Mr Blair repeated calls for the mayor to apologise.",
            EventType::Appeal,
            "calls for",
        ),
        (
            "Opposition members had long called for her removal.",
            EventType::Appeal,
            "called for",
        ),
    ]);
}

#[test]
fn attacking_a_plan_or_striking_a_ball_is_no_attack() {
    no_event(&[
        (
            "Labour and the Tories have attacked his policies as unworkable.",
            EventType::Fight,
        ),
        (
            "I felt like I was striking the ball much better.",
            EventType::Fight,
        ),
        (
            "Venezuela has struck agreement with commercial banks.",
            EventType::Fight,
        ),
        (
            "He added that the legal attacks on BitTorrent had driven people away.",
            EventType::Fight,
        ),
        (
            "Congress is trying to attack the trade deficit on one front.",
            EventType::Fight,
        ),
        (
            "The program is the latest of the viruses produced to attack mobile phones.",
            EventType::Fight,
        ),
    ]);
    one_event(&[
        (
            "Iranian Silkworm missiles were ruled out as a target in the retaliatory attack \
             mounted on Monday.",
            EventType::Fight,
            "attack",
        ),
        (
            "In its first reaction to reports of a new Iranian offensive on the northern front, \
             Iraq said fighting continues.",
            EventType::Fight,
            "offensive",
        ),
    ]);
    one_event(&[
        (
            "Four U.S. destroyers attacked the oil platform on Monday.",
            EventType::Fight,
            "attacked",
        ),
        (
            "Two groups of workers began attacking each other with machetes.",
            EventType::Fight,
            "attacking",
        ),
        (
            "A missile launched from a drone struck a convoy carrying the judge.",
            EventType::Fight,
            "struck",
        ),
        (
            "Russian forces had attacked its military units fighting separatists.",
            EventType::Fight,
            "attacked",
        ),
    ]);
}

#[test]
fn shows_rallies_of_prices_and_stocks_of_loans_are_no_events() {
    no_event(&[
        (
            "Salomon's operation was an attempt to demonstrate its commitment to the market.",
            EventType::Demonstrate,
        ),
        (
            "Many futures prices rallied on Tuesday.",
            EventType::Demonstrate,
        ),
        (
            "A strike by 9,000 miners entered its second week.",
            EventType::Fight,
        ),
        (
            "Charge-offs rose, especially in real estate and consumer loans.",
            EventType::TransferMoney,
        ),
        (
            "Britain and France have become the main forum for coordination.",
            EventType::StartPosition,
        ),
    ]);
    one_event(&[
        (
            "Thousands of Russians demonstrated in cities across the country.",
            EventType::Demonstrate,
            "demonstrated",
        ),
        (
            "The credit is the first foreign commercial loan raised by the company.",
            EventType::TransferMoney,
            "loan",
        ),
        (
            "Clinton could become the country's 45th president in January.",
            EventType::StartPosition,
            "become",
        ),
    ]);
}

#[test]
fn named_in_a_suit_or_after_someone_is_no_post() {
    no_event(&[
        (
            "The products were named in lawsuits dating back to 1984.",
            EventType::StartPosition,
        ),
        (
            "General Dynamics Corp was named as a defendant in a fraud suit.",
            EventType::StartPosition,
        ),
        (
            "A regional manager who spoke on condition that he not be named said so.",
            EventType::StartPosition,
        ),
        (
            "The company named Thomson McKinnon Securities Inc as lead manager.",
            EventType::StartPosition,
        ),
    ]);
    one_event(&[
        (
            "Synercom Technology Inc said it has named Robert Forsyth president.",
            EventType::StartPosition,
            "named",
        ),
        (
            "The automaker named James F. Waters Jr to head the operations.",
            EventType::StartPosition,
            "named",
        ),
        (
            "His replacement will be named after training on Friday morning.",
            EventType::StartPosition,
            "named",
        ),
    ]);
}

#[test]
fn payments_not_made_and_the_dying_are_no_events() {
    no_event(&[
        (
            "Brazil last month suspended interest payments on its foreign bank debt.",
            EventType::TransferMoney,
        ),
        (
            "Ecuador is seeking to postpone all payments due to banks for the rest of the year.",
            EventType::TransferMoney,
        ),
        (
            "The discovery prolonged the life of dying AIDS patients.",
            EventType::Kill,
        ),
    ]);
    one_event(&[
        (
            "Brazil was paying about 500 mln dlrs a month to its creditors.",
            EventType::TransferMoney,
            "paying",
        ),
        ("The actress died in hospital.", EventType::Kill, "died"),
    ]);
}

#[test]
fn awards_presenters_coupons_and_compounds_are_no_events() {
    use EventType::*;
    no_event(&[
        // an award, a place in a team, a hyphenated word: no post
        (
            "Virginia Madsen was also named best supporting actress for her performance.",
            StartPosition,
        ),
        (
            "Simon Taylor has been named in the Scotland squad for Saturday's clash with Italy.",
            StartPosition,
        ),
        (
            "Apple is keen to find the source for information about a product code-named \
             Asteroid.",
            StartPosition,
        ),
        // a presenter, a large number: no host of a visit
        (
            "The former chat show host quit the party earlier this month.",
            HostVisit,
        ),
        (
            "A host of mortgage lenders and economists have predicted that prices will fall.",
            HostVisit,
        ),
        // a shot at goal, a compound adjective: no attack
        (
            "Bartlett left the defence standing to sink his right-footed strike.",
            Fight,
        ),
        (
            "He may look at the overworked and injury-hit England squad.",
            Fight,
        ),
        // what a bond or a line carries: no transport
        (
            "Gillette Canada Inc is issuing a 70 mln stg bond due October 30, 1993 carrying a \
             coupon of 9-5/8 pct.",
            Move,
        ),
        (
            "The technology uses billions of short radio pulses every second to carry data.",
            Move,
        ),
        // what a possessor has, and an amount before the noun, is the object
        (
            "Hyundai plans to build a second plant in India to meet the country's growing \
             demand for cars.",
            Meet,
        ),
        (
            "Yukos was forced to sell assets to meet a $27.5bn tax bill.",
            Meet,
        ),
    ]);
    one_event(&[
        (
            "George Elkas has been named president of Flexi-Van Corp.",
            StartPosition,
            "named",
        ),
        ("Celtic host Dundee United on Saturday.", HostVisit, "host"),
        (
            "Women carry the body of a civilian killed in the centre of Malakal.",
            Move,
            "carry",
        ),
        ("Putin will meet his counterpart in Moscow.", Meet, "meet"),
    ]);
}

#[test]
fn prizes_legal_appeals_and_taking_back_an_offer_are_no_events() {
    use EventType::*;
    no_event(&[
        (
            "Tate & Lyle's chief executive has been named European Businessman of the Year by a \
             leading business magazine.",
            StartPosition,
        ),
        (
            "The International Association of Athletics Federations will appeal against the \
             acquittal of Greek athletes Kostas Kenteris and Katerina Thanou.",
            Appeal,
        ),
        (
            "\"While such approaches may have some political appeal, they are impractical,\" he \
             said.",
            Appeal,
        ),
        (
            "Sebastien Sainsbury had been close to a takeover of Leeds but withdrew his £25m \
             offer last week.",
            Move,
        ),
        (
            "Roche won the French Open, reached the Wimbledon and US Open finals and won five \
             Wimbledon doubles titles.",
            Move,
        ),
        (
            "The United States has been considering access to a base in Zaire but no decision \
             has been reached.",
            Move,
        ),
        (
            "A riotous cheer easily drowned out any hecklers lurking in the crowd.",
            Kill,
        ),
        (
            "It is the perfect way to sign off and leave a lasting impression.",
            SignAgreement,
        ),
    ]);
    one_event(&[
        (
            "The troops withdrew from the town on Monday.",
            Move,
            "withdrew",
        ),
        (
            "The UN appealed to both sides to stop the fighting.",
            Appeal,
            "appealed to",
        ),
        (
            "The ship reached the port of Piraeus on Monday.",
            Move,
            "reached",
        ),
    ]);
}

#[test]
fn presenting_a_show_pulling_out_of_a_deal_and_counted_things_are_no_events() {
    use EventType::*;
    no_event(&[
        (
            "She will host the lunchtime show on Saturdays from this week.",
            HostVisit,
        ),
        (
            "Observers said they thought Turkcell was set to pull out of the $3bn deal.",
            Move,
        ),
        (
            "In January, Mitsubishi Motors issued its third profits warning in nine months.",
            Threaten,
        ),
        (
            "The 9 November traffic explosion has continued into December.",
            Fight,
        ),
        (
            "Mr Brown said he was set to meet his two fiscal rules in this economic cycle.",
            Meet,
        ),
        (
            "\"The first minister should withdraw these remarks immediately.\"",
            Move,
        ),
    ]);
    one_event(&[
        (
            "Weizsaecker is hosting a dinner tonight for Paz Estenssoro.",
            HostVisit,
            "hosting",
        ),
        ("Putin met two ministers in Moscow.", Meet, "met"),
    ]);
}

#[test]
fn arriving_at_a_view_and_visiting_a_website_are_no_visits() {
    use EventType::*;
    no_event(&[
        (
            "They have arrived at their own interpretations and assumptions.",
            Visit,
        ),
        (
            "But anyone visiting the website it mentions will be infected.",
            Visit,
        ),
        (
            "The 23-year-old has pulled out of international meets in Madrid and Lievin this \
             week.",
            Move,
        ),
    ]);
    one_event(&[
        (
            "The president arrived at the airport in Moscow on Monday.",
            Visit,
            "arrived",
        ),
        (
            "Xi visited the site of the earthquake on Monday.",
            Visit,
            "visited",
        ),
    ]);
}

/// "Targets were met", "the report was welcomed": a passive of `meet`, `welcome` or
/// `execute` whose subject names a thing, or a passive "met" with no one who met, is the other
/// sense; "was met by Xi" is a meeting, its subject the one met.
#[test]
fn a_passive_with_a_thing_for_subject_is_another_sense() {
    no_event(&[
        (
            "Local councillors would have to show certain conditions had been met before \
             invoking the power.",
            EventType::Meet,
        ),
        (
            "But Ms Jowell insisted his concerns had been met.",
            EventType::Meet,
        ),
        (
            "Lyng is believed to be the first top administration official to publicly express \
             doubts the target would be met.",
            EventType::Meet,
        ),
        (
            "The report was welcomed by Conservative shadow pensions secretary David Willetts.",
            EventType::HostVisit,
        ),
        (
            "Its board approved the merger on Oct 3 and the merger agreement was executed on \
             Oct 7, the complaint said.",
            EventType::Kill,
        ),
    ]);
    one_event(&[(
        "Passengers who tried to use the few sleeper trains running last night were met by \
         angry pickets.",
        EventType::Meet,
        "met",
    )]);
    assert_eq!(
        with_role(
            "Li Shangfu was met by Xi Jinping at the airport.",
            EventType::Meet,
            "actor"
        ),
        [("met".to_string(), vec!["Xi Jinping".to_string()])]
    );
}

/// "met with disapproval", "will meet with serious objections": meeting a reaction is no
/// meeting (WordNet 3.0 meet.v.08); "met with senior Chinese officials" still is.
#[test]
fn meeting_with_a_reaction_is_no_meeting() {
    no_event(&[
        (
            "The government's proposals have met with disapproval from fathers' rights groups.",
            EventType::Meet,
        ),
        (
            "In particular, its portrayal of Alexander as a bisexual has met with a hostile \
             reception and the threat of legal action from Greek lawyers.",
            EventType::Meet,
        ),
        (
            "Any such moves could meet with opposition among some CBT members.",
            EventType::Meet,
        ),
    ]);
    assert_eq!(
        with_role(
            "Putin met with senior Chinese officials in Moscow.",
            EventType::Meet,
            "target"
        ),
        [("met".to_string(), vec!["Chinese officials".to_string()])]
    );
}

/// Hosting an event or files, a touring side, storming to a title and ink are no visits,
/// attacks or signings; hosting a president and storming a building still are.
#[test]
fn hosting_a_match_storming_to_a_title_and_ink_are_no_events() {
    no_event(&[
        (
            "Sydney will host a northern versus southern hemisphere charity match in June or July.",
            EventType::HostVisit,
        ),
        (
            "In BitTorrent systems, server sites do not host the files being shared.",
            EventType::HostVisit,
        ),
        (
            "New Zealand were strong enough to crush an Anglo-Welsh touring team in 1908.",
            EventType::Visit,
        ),
        (
            "James McIlroy stormed to his second international victory in less than a week.",
            EventType::Fight,
        ),
        (
            "Moya stormed into a 4-0 lead on his way to taking the first set against Roddick.",
            EventType::Fight,
        ),
        (
            "The Kyrgyz Republic is using invisible ink and ultraviolet readers in the country's \
             elections.",
            EventType::SignAgreement,
        ),
    ]);
    one_event(&[
        (
            "China will host the Russian president next week.",
            EventType::HostVisit,
            "host",
        ),
        (
            "Troops stormed the parliament building.",
            EventType::Fight,
            "stormed",
        ),
        (
            "The two firms inked a deal on Monday.",
            EventType::SignAgreement,
            "inked",
        ),
    ]);
}

/// A plural possessor before the thing met ("the strikers' demands"), "political suicide" and
/// "balance of payments finance" make no events.
#[test]
fn demands_of_a_plural_possessor_and_political_suicide_are_no_events() {
    no_event(&[
        (
            "The miners were willing to negotiate, but only if it showed an intention to meet \
             the strikers' demands.",
            EventType::Meet,
        ),
        (
            "He was quizzed about his decision to commit fraud to meet analysts' profit \
             estimates.",
            EventType::Meet,
        ),
        (
            "The National Association of Probation Officers said the move would be \"political \
             suicide\".",
            EventType::Kill,
        ),
        (
            "Commercial banks cannot be the dominant supplier of balance of payments finance.",
            EventType::TransferMoney,
        ),
    ]);
}

/// Signing up for a service, withdrawing from a contest, being hit by illness, fund-raising and
/// paying tribute are no signings, moves, attacks or payments.
#[test]
fn signing_up_withdrawing_from_games_and_paying_tribute_are_no_events() {
    no_event(&[
        (
            "BT reports that more people signed up for broadband in the last three months.",
            EventType::SignAgreement,
        ),
        (
            "Kenteris and Thanou withdrew from the Athens Olympics last August.",
            EventType::Move,
        ),
        (
            "A member of the star's legal team was hit by family illness.",
            EventType::Fight,
        ),
        (
            "They came together to record their own fund-raising single.",
            EventType::TransferMoney,
        ),
        (
            "Mike Ruddock paid tribute to his Wales side after they beat France.",
            EventType::TransferMoney,
        ),
    ]);
    one_event(&[(
        "The withdrawal of US troops from Iraq began.",
        EventType::Move,
        "withdrawal",
    )]);
}

/// "member states", "state-owned", "the French state": "state" is a verb of saying only
/// before "that" or after a modal or an adverb ("would officially state his position"); a note
/// that is a security or a bank note says nothing, nor does adding an amount or to something, or
/// claiming a title ("critics claim the record is patchy" still says something).
#[test]
fn a_state_is_no_statement() {
    for text in [
        "Diplomats said member states were unable to settle differences.",
        "Italian state-owned bank Banca Commerciale Italiana will sign a pact.",
        "\"The Argentine state responded by taking most of their investments.\"",
        "It takes place in the picturesque southern Indian state of Kerala.",
        "Each note is convertible into one share.",
        "Bank notes in circulation fell 309.1 mln francs to 24.49 billion.",
        "Brent crude also rose in London trading, adding $1.89 to $48.62 at the close.",
        "The Federal Reserve is expected to add temporary reserves via repurchase agreements.",
        "Adding to its woes, Borussia Dortmund was beaten 5-0 by Bayern Munich on Saturday.",
        "But Deacon claimed her first AAAs title over the distance.",
        "Previously, passengers could claim between 150 euros and 300 euros.",
    ] {
        let found = triggers(text, EventType::Statement);
        assert!(
            !found
                .iter()
                .any(|t| t.starts_with("state") || t.starts_with("note")),
            "{text}: {found:?}"
        );
    }
    one_event(&[
        (
            "Lawson would officially state his position when the two meet again.",
            EventType::Statement,
            "state",
        ),
        (
            "Labour sees nuisance behaviour as a key election issue but critics claim the record \
             is at best patchy.",
            EventType::Statement,
            "claim",
        ),
    ]);
}

/// Named the best song, named after a painter, and an elected council are no posts taken; "was
/// elected president" still is.
#[test]
fn named_the_best_and_elected_councils_are_no_posts() {
    no_event(&[
        (
            "Robbie Williams' Angels was named the best song of the past 25 years.",
            EventType::StartPosition,
        ),
        (
            "The Woodsman won the Satyajit Ray Award, named after the Indian director.",
            EventType::StartPosition,
        ),
        (
            "Their powers would be returned to elected local councils or national government.",
            EventType::StartPosition,
        ),
    ]);
    one_event(&[(
        "Nakasone was elected president of the party in 1982.",
        EventType::StartPosition,
        "elected",
    )]);
}

/// A return flight, carrying an injury and a hosting company are no moves or visits hosted.
#[test]
fn a_return_flight_an_injury_carried_and_hosting_firms_are_no_events() {
    no_event(&[
        (
            "He was inspired to write his first screenplay while on a return flight to Toronto.",
            EventType::Move,
        ),
        (
            "The winger is carrying a shoulder injury and needs time on the sidelines.",
            EventType::Move,
        ),
        (
            "BT and DEC's hosting company were also making efforts to get the site shut down.",
            EventType::HostVisit,
        ),
    ]);
}

#[test]
fn a_strike_is_an_attack_with_its_target_and_a_stoppage_among_workers() {
    use newsfacts::model::Modality;
    // an attack: its target or its weapon, or no word of work in the document
    one_event(&[
        (
            "The US launched a strike against Iran.",
            EventType::Fight,
            "strike",
        ),
        (
            "A missile strike hit the tanker.",
            EventType::Fight,
            "strike",
        ),
        (
            "Officials said the jihadists could strike at any moment.",
            EventType::Fight,
            "strike",
        ),
    ]);
    no_event(&[
        (
            "The US launched a strike against Iran.",
            EventType::Demonstrate,
        ),
        (
            "Officials said the jihadists could strike at any moment.",
            EventType::Demonstrate,
        ),
    ]);
    // a stoppage of work (CAMEO 143, ACE Conflict:Demonstrate): the words of a strike by
    // workers, or a strike with no target where the document speaks of work
    for (text, trigger) in [
        ("Thousands of miners went on strike in Wales.", "strike"),
        (
            "A national seamen's strike entered its third week.",
            "strike",
        ),
        (
            "The strike began May 9, the union said, and pickets stayed at the gates.",
            "strike",
        ),
        ("Striking miners blocked the road.", "Striking"),
    ] {
        assert_eq!(triggers(text, EventType::Demonstrate), [trigger], "{text}");
        assert_eq!(
            triggers(text, EventType::Fight),
            Vec::<String>::new(),
            "{text}"
        );
    }
    // the phrase after "by" within the row's own words is its actor
    let (_, args) = the_event(
        "A strike by 9,000 miners began on Monday.",
        EventType::Demonstrate,
        "strike",
    );
    assert!(
        args.contains(&("actor".into(), "9,000 miners".into())),
        "{args:?}"
    );
    // a strike that talks aim at averting has not happened
    let (modality, _) = the_event(
        "Talks aimed at averting a strike by miners will resume, the union said.",
        EventType::Demonstrate,
        "strike",
    );
    assert_eq!(modality, Modality::Hypothetical);
    // other senses: a shot at goal, a deal struck, a disaster, an impression, crossing out
    for text in [
        "A late Steven Gerrard strike beat the goalkeeper.",
        "Last week, it struck a $1bn cost-cutting deal with its pilots.",
        "The orchestra strikes up more than 110 times.",
        "Other terms were related to natural disasters that have struck the US.",
        "They have been struck by the level of concern amongst voters.",
        "Voters would strike out the names of those they did not support.",
        "The graphics are among the most striking elements of the game.",
        "Robert Redford cuts a figure through the star-struck crowds.",
    ] {
        assert_eq!(
            triggers(text, EventType::Fight),
            Vec::<String>::new(),
            "{text}"
        );
        assert_eq!(
            triggers(text, EventType::Demonstrate),
            Vec::<String>::new(),
            "{text}"
        );
    }
}

#[test]
fn a_loan_or_a_payment_with_no_giver_or_recipient_is_no_transfer() {
    no_event(&[
        (
            "It said the entire loan is due March 1990.",
            EventType::TransferMoney,
        ),
        (
            "First interest payments will occur Dec 10, 1987, it said.",
            EventType::TransferMoney,
        ),
        (
            "Marine Midland's fourth-quarter loan-loss provisions fell to 44.1 mln dlrs.",
            EventType::TransferMoney,
        ),
    ]);
    one_event(&[
        (
            "Zambia took a loan from China.",
            EventType::TransferMoney,
            "loan",
        ),
        (
            "Three officials were charged with taking bribes from logging companies.",
            EventType::TransferMoney,
            "bribes",
        ),
    ]);
}

/// "a good sign", "encouraging signs", "a compensation fund": after a determiner or a modifier
/// of their kind the words are nouns, no signing or transfer; in a document about a game,
/// "clash", "meet", "visit" and "rallied" name matches and rallies of a ball. The verbs stay.
#[test]
fn signs_funds_and_matches_are_no_events() {
    no_event(&[
        (
            "All in all I'm happy with the match, and I won it - that's a good sign.",
            EventType::SignAgreement,
        ),
        (
            "Volcker said there are encouraging signs, particularly the rising volume of exports.",
            EventType::SignAgreement,
        ),
        (
            "The firm said a previous compensation fund was running out of money.",
            EventType::TransferMoney,
        ),
        (
            "The goalkeeper is fit. The sides meet again at Highbury on 1 February.",
            EventType::Meet,
        ),
        (
            "The striker is fit for Sunday's Six Nations clash with Ireland at Lansdowne Road.",
            EventType::Fight,
        ),
        (
            "The seeded German rallied well at times in the tennis final.",
            EventType::Demonstrate,
        ),
    ]);
    one_event(&[
        (
            "The president signs the bill.",
            EventType::SignAgreement,
            "signs",
        ),
        (
            "The bank agreed to fund the project.",
            EventType::TransferMoney,
            "fund",
        ),
        // no game spoken of
        (
            "The sides meet again in Geneva on 1 February.",
            EventType::Meet,
            "meet",
        ),
        (
            "Police in riot gear battled with football fans in the stand.",
            EventType::Fight,
            "battled",
        ),
    ]);
}

/// "The ruling could threaten the production": a thing that threatens poses a danger (WordNet
/// 3.0 threaten.v.02), no CAMEO threat; "that calls for" and a modal between the thing and
/// the verb too. A country still threatens, and a date before the verb is no subject.
#[test]
fn things_that_threaten_or_call_for_make_no_event() {
    no_event(&[
        (
            "It is concerned that the ruling could threaten the production of other cheeses.",
            EventType::Threaten,
        ),
        (
            "The ban had threatened food shortages of imported wheat.",
            EventType::Threaten,
        ),
        (
            "\"That calls for a radical alliance of the English-speaking nations,\" he said.",
            EventType::Appeal,
        ),
        (
            "Gray said his plan would call for a freeze in spending.",
            EventType::Appeal,
        ),
    ]);
    one_event(&[
        (
            "Iran threatened the United States.",
            EventType::Threaten,
            "threatened",
        ),
        (
            "Angry Labour MPs this week warned Mr Blair about the dangers of disunity.",
            EventType::Threaten,
            "warned",
        ),
    ]);
}

/// A thing that appeals to people attracts them, and an agreement or a plan that calls for
/// something provides for it: no appeal (`subj!` on the rows of "appealed to", "appeal for"
/// and "calling for"); people, groups and the nouns after "a personal", "a direct" still appeal.
#[test]
fn a_thing_that_appeals_or_calls_for_makes_no_appeal() {
    no_event(&[
        (
            "The company points out that this will also appeal to anyone using Opera.",
            EventType::Appeal,
        ),
        (
            "The game appealed to the Kiwi psyche and quickly spread.",
            EventType::Appeal,
        ),
        (
            "They signed a merger agreement calling for Dixie to acquire all of the stock.",
            EventType::Appeal,
        ),
    ]);
    one_event(&[
        (
            "Reynolds urged shareholders to be patient.",
            EventType::Appeal,
            "urged",
        ),
        (
            "He finished with a personal appeal to party activists to go out and win.",
            EventType::Appeal,
            "appeal",
        ),
    ]);
}

/// A trigger word after a hyphen that joins it to a modifier is an adjective ("self-financed
/// debut", "best-paid actor", "life-threatening cruelty", "previously-announced sale"); a verb
/// prefix keeps the event ("re-elected").
#[test]
fn a_hyphenated_adjective_is_no_event() {
    no_event(&[
        (
            "Godzilla star Jean Reno was France's second best-paid actor in 2004.",
            EventType::TransferMoney,
        ),
        (
            "The band released a self-financed debut after designing the artwork.",
            EventType::TransferMoney,
        ),
        (
            "She will make her return from a career-threatening injury in February.",
            EventType::Threaten,
        ),
        (
            "The company completed its previously-announced sale of Heublein.",
            EventType::Statement,
        ),
    ]);
    one_event(&[(
        "Karl Otto Poehl is likely to be re-elected President of the Bundesbank.",
        EventType::StartPosition,
        "elected",
    )]);
}

/// "named" after "a …" or after a noun and its comma, before a name closed by a comma, says
/// what something is called: no appointment; "The company also named Cody Geddes as vice
/// president" and "Reagan, moving to add a conservative to his team, named Kenneth Cribb to be
/// his adviser" still are.
#[test]
fn a_thing_named_so_is_no_appointment() {
    no_event(&[
        (
            "You control a character, on this occasion a youth named CJ, who sets out on \
             missions.",
            EventType::StartPosition,
        ),
        (
            "A Canadian company, named IOG, is reported to have won the contract.",
            EventType::StartPosition,
        ),
    ]);
    one_event(&[
        (
            "The company also named Cody Geddes as vice president.",
            EventType::StartPosition,
            "named",
        ),
        (
            "President Reagan, moving to add a prominent conservative to his team, named \
             Kenneth Cribb to be his domestic affairs adviser.",
            EventType::StartPosition,
            "named",
        ),
    ]);
}

/// A trigger word that a hyphen joins to the next word is the first part of a compound, no
/// trigger ("fly-half", "sign-up"); rows that name the compound match
/// past its hyphen ("sit-in").
#[test]
fn the_first_part_of_a_hyphenated_compound_is_no_trigger() {
    no_event(&[
        (
            "The Tykes have signed Newcastle prop Ed Kalman while fly-half Craig McMullen has \
             joined from Narbonne.",
            EventType::Move,
        ),
        (
            "Analysts look for a 10 to 12 mln acre sign-up in the conservation program.",
            EventType::SignAgreement,
        ),
    ]);
    one_event(&[
        (
            "Students staged a sit-in at the university on Monday.",
            EventType::Demonstrate,
            "sit-in",
        ),
        (
            "He said he would sign the agreement with Canada on Monday.",
            EventType::SignAgreement,
            "sign",
        ),
    ]);
}

/// A thing after a named possessor is still a thing: "meet Iran's demands", "attacked Japan's
/// fiscal policy", "welcomed the CFTC's decision" make no event; "met Putin's envoy" (a person)
/// still does.
#[test]
fn a_thing_after_a_named_possessor_is_another_sense() {
    no_event(&[
        (
            "The results did not meet the Communist Party's exacting demands.",
            EventType::Meet,
        ),
        (
            "The United States has openly attacked Japan's tight-fisted fiscal policy.",
            EventType::Fight,
        ),
        (
            "Hong Kong commodity traders welcomed the CFTC's decision.",
            EventType::HostVisit,
        ),
        (
            "Wayne Rooney met Gary Neville's cross with a low shot.",
            EventType::Meet,
        ),
    ]);
    one_event(&[("Blair met Putin's envoy in London.", EventType::Meet, "met")]);
}

/// "attacks" as a verb of a thing is criticism or sport ("Howard attacks cost of asylum", "he
/// attacks the net"); the noun with its target still attacks.
#[test]
fn attacks_on_a_thing_are_no_attack() {
    no_event(&[
        ("Howard attacks cost of asylum", EventType::Fight),
        ("Corbett attacks cost of dumbed-down TV", EventType::Fight),
    ]);
    one_event(&[(
        "Rebels launched attacks on army posts in the north.",
        EventType::Fight,
        "attacks",
    )]);
}

/// A shell company is no shelling.
#[test]
fn shell_companies_are_no_shelling() {
    no_event(&[(
        "Yugansk was sold to a little-known shell company, which was bought by Rosneft.",
        EventType::Fight,
    )]);
}

/// A host of a show, an event or a conference hosts no visit; a host of people does.
#[test]
fn a_host_of_a_thing_hosts_no_visit() {
    no_event(&[
        (
            "Mr Howard will host a news conference at the party's London HQ every morning.",
            EventType::HostVisit,
        ),
        (
            "He grew up in the Netherlands where he hosted pirate radio shows.",
            EventType::HostVisit,
        ),
    ]);
    one_event(&[(
        "China hosted the Russian delegation in Beijing.",
        EventType::HostVisit,
        "hosted",
    )]);
}

/// "warned that …" foretells (CAMEO 012, a pessimistic comment): a statement, no threat;
/// "warned China against …" and "threatened to sue" still threaten.
#[test]
fn a_warning_of_what_may_come_is_a_statement() {
    no_event(&[
        (
            "Heineken warned that earnings in 2005 may also slide.",
            EventType::Threaten,
        ),
        (
            "Analysts warned there could be thousands of job losses.",
            EventType::Threaten,
        ),
    ]);
    one_event(&[
        (
            "Heineken warned that earnings in 2005 may also slide.",
            EventType::Statement,
            "warned",
        ),
        (
            "Western officials have warned China against providing military aid to Russia.",
            EventType::Threaten,
            "warned",
        ),
        (
            "Yukos has threatened to sue the Russian government for $28bn.",
            EventType::Threaten,
            "threatened",
        ),
    ]);
}

/// A warning is a threat only with who warns and whom (`actor+target`); without them it tells
/// what may come (CAMEO 012): after the quotation (`"…," warned Richards`), with no one
/// warned ("warned recently that", "warned of"), or a clause said ("warned his side will not
/// relinquish": a phrase a modal follows is no object of a verb of saying).
#[test]
fn a_warning_with_no_one_warned_is_a_statement() {
    let cases = [
        "\"You can't change history,\" warned Richards.",
        "A new European directive could put software writers at risk of legal action, warns \
         former programmer and technology analyst Bill Thompson.",
        "Analysts had warned recently that the airline might have to seek Chapter 11 \
         bankruptcy protection.",
        "In a filing to US regulators the airline warned of \"inadequate liquidity\" if it \
         fails to reduce wage costs.",
        "However, Wasps rugby director Warren Gatland warned his side will not relinquish \
         their European title without a fight.",
    ];
    no_event(&cases.map(|t| (t, EventType::Threaten)));
    let speakers: Vec<_> = cases
        .iter()
        .map(|t| with_role(t, EventType::Statement, "actor"))
        .collect();
    assert_eq!(
        speakers,
        [
            vec![("warned".to_string(), vec!["Richards".to_string()])],
            vec![("warns".to_string(), vec!["Bill Thompson".to_string()])],
            vec![("warned".to_string(), vec!["Analysts".to_string()])],
            vec![("warned".to_string(), vec!["the airline".to_string()])],
            vec![("warned".to_string(), vec!["Warren Gatland".to_string()])],
        ]
    );
    // after other verbs, a phrase a verb follows may still be an object ("reports that Iraq
    // attacked Iranian oil fields were supportive")
    assert_eq!(
        with_role(
            "Traders said reports that Iraq attacked Iranian oil fields were also supportive.",
            EventType::Fight,
            "target"
        ),
        [(
            "attacked".to_string(),
            vec!["Iranian oil fields".to_string()]
        )]
    );
}

/// Scare quotes open a thing ("welcomed his \"gracious apology\"", "meet his \"golden rule\""); a
/// call centre is no call.
#[test]
fn things_in_scare_quotes_and_call_centres_are_no_events() {
    no_event(&[
        (
            "Shadow home secretary David Davis welcomed his \"gracious apology\" and the review.",
            EventType::HostVisit,
        ),
        (
            "Mr Brown insisted he was on course to meet his \"golden rule\" of borrowing.",
            EventType::Meet,
        ),
        (
            "Telephone call centres are expected to be used as never before.",
            EventType::PhoneCall,
        ),
    ]);
}

/// Withdrawing a thing (a video, a bill, an amendment) is no movement; withdrawing troops, or
/// withdrawing from a place, is; a quotation after a noun trigger is none of its object.
#[test]
fn withdrawing_a_thing_is_no_movement() {
    no_event(&[
        (
            "Sony BMG has withdrawn the video and issued replacements to television stations.",
            EventType::Move,
        ),
        (
            "The holders then withdrew a proposed amendment that sought to delay the closing.",
            EventType::Move,
        ),
    ]);
    one_event(&[
        (
            "The US withdrew its troops from Iraq in 2011.",
            EventType::Move,
            "withdrew",
        ),
        (
            "Libyan forces appear to be withdrawing from their last stronghold in Chad.",
            EventType::Move,
            "withdrawing",
        ),
        (
            "Italian forces have announced their imminent withdrawal \"regardless of the \
             situation on the ground\".",
            EventType::Move,
            "withdrawal",
        ),
    ]);
}

/// Set phrases: "maternity pay", "reached number one", "sign up" for a service.
#[test]
fn set_phrases_are_no_events() {
    no_event(&[
        (
            "The service will be free and those who sign up can get e-mail or text alerts.",
            EventType::SignAgreement,
        ),
        (
            "Part of the surge in people signing up was due to BT stretching the reach of ADSL.",
            EventType::SignAgreement,
        ),
        (
            "Other plans include letting maternity pay be given to fathers.",
            EventType::TransferMoney,
        ),
        (
            "Her second album Mind, Body & Soul reached number one in the UK charts last \
             October and went straight into the US charts at number 11.",
            EventType::Move,
        ),
    ]);
}

/// "dead" of a thing is another sense (WordNet 3.0 dead.a.01 is "no longer having … life"):
/// a thing before it or right after it makes no death.
#[test]
fn a_dead_thing_is_no_death() {
    no_event(&[
        (
            "Mardy Fish beat Tommy Robredo 7-6 (8-6) 6-2 in the final dead rubber to cut \
             Spain's winning margin to 3-2.",
            EventType::Kill,
        ),
        (
            "The Glass-Steagall Act separating banking and securities activities in the U.S. \
             is all but dead following decisions by federal and state authorities.",
            EventType::Kill,
        ),
    ]);
    one_event(&[
        ("Two soldiers are dead.", EventType::Kill, "dead"),
        (
            "Barschel was found dead in a hotel bath in Geneva last weekend.",
            EventType::Kill,
            "dead",
        ),
        (
            "The storm left two people dead and 800 others injured.",
            EventType::Kill,
            "dead",
        ),
    ]);
}

/// A name that modifies the noun after it is no head: "meet Wall Street earnings estimates",
/// "did not meet DOT requirements", "attacked Tory plans" name things; a person, a courtesy
/// title, a place or a nationality adjective is no such name ("met Mr Prescott", "attacked
/// Basra injuring dozens", "attacked Iraqi positions").
#[test]
fn a_name_before_a_thing_is_no_participant() {
    no_event(&[
        (
            "Scott Sullivan admitted to jurors he was willing to commit fraud to meet Wall \
             Street earnings projections.",
            EventType::Meet,
        ),
        (
            "USAir said the TWA filing did not meet DOT requirements.",
            EventType::Meet,
        ),
        (
            "But Chief Secretary to the Treasury Paul Boateng attacked the Tory plans.",
            EventType::Fight,
        ),
        (
            "Mine owners in Malaysia have welcomed the ATPC export curb.",
            EventType::HostVisit,
        ),
    ]);
    one_event(&[
        (
            "The five unions which met Mr Prescott want the government to withdraw these \
             regulations.",
            EventType::Meet,
            "met",
        ),
        (
            "Warplanes attacked Basra injuring dozens.",
            EventType::Fight,
            "attacked",
        ),
        (
            "Four Revolutionary Guards divisions attacked Iraqi positions east of Basra.",
            EventType::Fight,
            "attacked",
        ),
        (
            "Santos Alvite last night met Venezuelan energy and mines minister Arturo \
             Hernandez Grisanti.",
            EventType::Meet,
            "met",
        ),
        (
            "Xi will meet Kremlin officials in Moscow.",
            EventType::Meet,
            "meet",
        ),
    ]);
}

/// "which" stands for the phrase before it: a thing there is the subject of a `subj!` verb
/// ("reform which threatened his members' jobs", "the Baker debt initiative, which called for
/// new funding"); a group is no thing ("The army, which attacked the town").
#[test]
fn which_after_a_thing_is_a_thing_subject() {
    no_event(&[
        (
            "He said the union leader was trying to block civil service reform which \
             threatened his members' jobs.",
            EventType::Threaten,
        ),
        (
            "The meetings will also assess the success of the Baker debt initiative, which \
             called for new funding to help debtor countries grow out of their problems.",
            EventType::Appeal,
        ),
    ]);
    one_event(&[(
        "The army, which attacked the town, withdrew.",
        EventType::Fight,
        "attacked",
    )]);
}

/// Attacks on computers, a liability to attack, an explosion of growth and the shooting of a
/// film are no fighting (WordNet 3.0 attack.n.01 uses weapons; explosion.n.03 "a sudden great
/// increase"; shoot.v.04 "make a film").
#[test]
fn attacks_on_computers_growth_and_filming_are_no_fighting() {
    no_event(&[
        (
            "While virus traffic has slowed down, denial of service attacks are on the \
             increase according to the firm.",
            EventType::Fight,
        ),
        (
            "It flagged up eight critical security holes which could leave PCs open to attack \
             if left unpatched.",
            EventType::Fight,
        ),
        (
            "The explosion in consumer technology is to continue into 2005, delegates at the \
             world's largest gadget show, in Las Vegas, have been told.",
            EventType::Fight,
        ),
        (
            "Shooting on the sequel is expected to begin in April.",
            EventType::Fight,
        ),
    ]);
    one_event(&[
        (
            "Europe suffered fewer natural disasters, but 191 people were killed after the \
             terrorist attack on train stations in Madrid.",
            EventType::Fight,
            "attack",
        ),
        (
            "R&B star Beverley Knight was haunted by the fatal 2003 shooting of two teenage \
             girls in Birmingham.",
            EventType::Fight,
            "shooting",
        ),
        (
            "An explosion in Baghdad killed 20 people.",
            EventType::Fight,
            "explosion",
        ),
    ]);
}

/// Hitting a thing is another sense (`obj!`: "European losses hit GM's profits"); killing
/// keeps its object whatever it is, since a victim's noun may be missing from the list
/// ("killed the general", "killing two soliders" in WikiEvents); "person" is a person noun
/// (WordNet 3.0 person.n.01 sits in noun.Tops, which the noun list now reads too).
#[test]
fn hitting_a_thing_is_another_sense() {
    no_event(&[("European losses hit GM's profits", EventType::Fight)]);
    one_event(&[("A bomb killed the general.", EventType::Kill, "killed")]);
    // a participle right after the trigger opens a clause, no object that is a thing
    one_event(&[
        (
            "He recently saw a woman killed trying to cross the road.",
            EventType::Kill,
            "killed",
        ),
        (
            "The war has entailed World War I-style infantry attacks resulting in horrific \
             casualties.",
            EventType::Fight,
            "attacks",
        ),
    ]);
    assert_eq!(
        with_role(
            "Malaysian police denied rumours of race riots after an armed man killed one \
             person and injured two others.",
            EventType::Kill,
            "victim"
        ),
        [("killed".to_string(), vec!["one person".to_string()])]
    );
}

/// A battle in court, for a company or for votes is no fighting (WordNet 3.0 battle.n.01 is
/// military; battle.n.02 "an energetic attempt to achieve something").
#[test]
fn legal_and_takeover_battles_are_no_fighting() {
    no_event(&[
        (
            "Texaco filed for protection from creditors while it fights a legal battle with \
             Pennzoil Co over the purchase of Getty Petroleum.",
            EventType::Fight,
        ),
        (
            "Texaco appealed the decision that it had to post a bond to continue its court \
             battles with Pennzoil Co.",
            EventType::Fight,
        ),
    ]);
    one_event(&[(
        "The battle between Iran and Iraq continued near Basra.",
        EventType::Fight,
        "battle",
    )]);
}

/// A bomb that explodes, goes off or is detonated, a bomber who blows himself up and what is
/// blown up are attacks (CAMEO 183; WikiEvents Conflict.Attack.DetonateExplode, 43 of its 62
/// missed Conflict.Attack triggers before these rows); other things that explode or blow up
/// ("sales exploded", "her cable modem blew up", "I blew up in the end") and a bomb "due to
/// explode" (a cue between the weapon and the verb) are none.
#[test]
fn bombs_that_explode_are_attacks() {
    one_event(&[
        (
            "A car bomb exploded in a street outside the stadium.",
            EventType::Fight,
            "exploded",
        ),
        (
            "The 100-kg bomb went off outside an officers' mess.",
            EventType::Fight,
            "went off",
        ),
        (
            "Quoting military sources, it said a bomb had exploded at the academy.",
            EventType::Fight,
            "exploded",
        ),
        (
            "Huge explosive devices were detonated at bus termini and railway stations.",
            EventType::Fight,
            "detonated",
        ),
        (
            "The attacker detonated a bomb in the market.",
            EventType::Fight,
            "detonated",
        ),
        (
            "A suicide bomber blew himself up in the market on Monday.",
            EventType::Fight,
            "blew",
        ),
        (
            "Guerrillas blew up a railway line on Tuesday.",
            EventType::Fight,
            "blew up",
        ),
    ]);
    no_event(&[
        (
            "Sales of broadband have exploded over the past year.",
            EventType::Fight,
        ),
        (
            "Her cable modem blew up and she was offline.",
            EventType::Fight,
        ),
        ("I blew up in the end.", EventType::Fight),
        ("A friend of mine went off to college.", EventType::Fight),
        (
            "A caller said a bomb was due to explode at 2100 local time.",
            EventType::Fight,
        ),
    ]);
}

/// "There was an explosion" (WikiEvents dev, scenario_en_kairos_60): an event noun that an
/// existential clause introduces with "a" or "an" is one particular event, not a generic
/// mention, though it names no participant; without that clause it stays generic.
#[test]
fn there_was_an_explosion_is_an_event() {
    one_event(&[
        (
            "\"There was an explosion and I thought it was a car crash,\" said Eva.",
            EventType::Fight,
            "explosion",
        ),
        (
            "There has been an attack on the base.",
            EventType::Fight,
            "attack",
        ),
    ]);
    no_event(&[("Nobody likes an explosion of that size.", EventType::Fight)]);
}

/// "Appeal" is a request (WordNet 3.0 appeal.v.02, appeal.n.01: CAMEO 02) only with what it asks
/// ("appealed for calm") or whom it asks and what ("appealed to fans to calm down"), or as a
/// noun someone makes; a legal appeal (appeal.v.01, v.04), the sense of being attractive
/// (appeal.v.03) and a bare "appeal" make no APPEAL event (BBC and Reuters-21578 sentences).
#[test]
fn an_appeal_is_a_request_only_with_what_it_asks() {
    one_event(&[
        (
            "Police appealed for public help to find the perpetrators.",
            EventType::Appeal,
            "appealed for",
        ),
        (
            "Doherty appealed to fans to calm down.",
            EventType::Appeal,
            "appealed to",
        ),
        (
            "Sri Lanka has appealed to 24 countries for emergency aid.",
            EventType::Appeal,
            "appealed to",
        ),
        (
            "Gordon Brown has made an appeal for unity.",
            EventType::Appeal,
            "appeal",
        ),
        (
            "Labour MPs took the step of making a direct appeal to the two men.",
            EventType::Appeal,
            "appeal",
        ),
    ]);
    no_event(&[
        ("The company said it would appeal the ruling.", EventType::Appeal),
        ("The Justice Department refused to say if it would appeal.", EventType::Appeal),
        ("The bank has made no decision on whether to appeal.", EventType::Appeal),
        (
            "The Mac mini will appeal to PC users looking for an attractive computer.",
            EventType::Appeal,
        ),
        (
            "The programme aimed to appeal to both middle England voters who switched to the party.",
            EventType::Appeal,
        ),
        (
            "All parties will have the right to appeal to the Court of Arbitration for Sport.",
            EventType::Appeal,
        ),
        (
            "Its efforts to make the US marque appeal to European drivers failed.",
            EventType::Appeal,
        ),
    ]);
    let with = |text: &str, role: &str| with_role(text, EventType::Appeal, role);
    assert_eq!(
        with("Mozambique appealed for emergency aid.", "actor"),
        [("appealed for".to_string(), vec!["Mozambique".to_string()])]
    );
    assert_eq!(
        with("The minister appealed to voters to stay home.", "target"),
        [("appealed to".to_string(), vec!["voters".to_string()])]
    );
}
