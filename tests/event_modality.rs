//! Whether an event happened: the modality cues of rules/events.tsv (negation, conditions,
//! plans, what someone hopes, tries, or is urged to do) and how far a cue reaches. Each case
//! comes from the BBC or Reuters articles; one sentence per document.

mod common;

use common::the_event;
use newsfacts::model::{EventType, Modality};

/// The modality of the event of type `kind` whose trigger is `trigger` in `text`.
fn modality(text: &str, kind: EventType, trigger: &str) -> Modality {
    the_event(text, kind, trigger).0
}

/// Each case's event has the modality given.
fn cases(list: &[(&str, EventType, &str, Modality)]) {
    for &(text, kind, trigger, want) in list {
        assert_eq!(modality(text, kind, trigger), want, "{text}");
    }
}

#[test]
fn negation_between_subject_and_verb() {
    use EventType::*;
    use Modality::Negated;
    cases(&[
        (
            "Conte and Anderson were not arrested at that point but federal agents did obtain \
             statements from them.",
            Arrest,
            "arrested",
            Negated,
        ),
        (
            "But those detained cannot be deported if this would mean persecution in their \
             homeland.",
            Move,
            "deported",
            Negated,
        ),
        (
            "Queen have played with many different singers since Mercury's death in 1991 but \
             have reportedly not toured.",
            Visit,
            "toured",
            Negated,
        ),
        // the apostrophe as news often writes it
        ("Putin didn’t meet Xi in Moscow.", Meet, "meet", Negated),
        // "don't", the present's contraction
        (
            "He was expecting a cross from Matthew Taylor and it ended up like a shot, so I \
             don't blame him for what happened.",
            Accuse,
            "blame",
            Negated,
        ),
        // a negative subject
        ("Nobody died.", Kill, "died", Negated),
        // words that look like a negation and negate nothing
        (
            "No fewer than 20 people were killed in the attack.",
            Kill,
            "killed",
            Modality::Asserted,
        ),
    ]);
}

#[test]
fn what_is_hoped_tried_or_urged_has_not_happened() {
    use EventType::*;
    use Modality::{Asserted, Hypothetical};
    cases(&[
        (
            "Gerrard has urged the Anfield board to sign Real Madrid striker Fernando \
             Morientes in the January transfer window.",
            SignAgreement,
            "sign",
            Hypothetical,
        ),
        (
            "Gerrard has urged the Anfield board to sign Real Madrid striker Fernando \
             Morientes in the January transfer window.",
            Appeal,
            "urged",
            Asserted,
        ),
        (
            "Nakasone hopes to meet President Reagan to prepare for the economic summit.",
            Meet,
            "meet",
            Hypothetical,
        ),
        (
            "Marsh's new chief executive, Michael Cherkasky, is trying to negotiate a \
             settlement with Mr Spitzer.",
            Negotiate,
            "negotiate",
            Hypothetical,
        ),
        // "call for … to" asks for what follows
        (
            "A campaign has been waged over lyrics that allegedly call for gay people to be \
             killed or assaulted.",
            Kill,
            "killed",
            Hypothetical,
        ),
        (
            "But Hong Kong Rugby Football Union (HKRFU) chairman John Molloy has called for \
             the territory to host one of the pools and a quarter-final.",
            HostVisit,
            "host",
            Hypothetical,
        ),
        // a pronoun subject opens a clause of its own: "told … to" does not reach over it
        (
            "Entertainment Marketing told the SEC it expects to meet with Crazy Eddie \
             representatives in the near future.",
            Meet,
            "meet",
            Asserted,
        ),
        // "to" before a determiner is a preposition: the cue ends in no infinitive (the
        // conflict and the hostilities are one event, asserted)
        (
            "China has remained neutral in the ongoing conflict between Russia and Ukraine, \
             instead calling for a peaceful resolution to the hostilities.",
            Fight,
            "conflict",
            Asserted,
        ),
        // nor does a finite verb: "called for … to" does not take "were similar" for its doer
        (
            "One official said that while the policy actions called for were similar to those \
             urged by the seven, the study shows it will take years.",
            Appeal,
            "urged",
            Asserted,
        ),
    ]);
}

/// The noun and adjective of refusing negate what follows, as "refused to" does.
#[test]
fn a_refusal_negates_what_follows() {
    use EventType::*;
    use Modality::Negated;
    cases(&[
        (
            "The prime minister is said to believe the United States' refusal to sign the \
             Kyoto Protocol on emissions is undermining other countries' resolve.",
            SignAgreement,
            "sign",
            Negated,
        ),
        (
            "Texaco filed for protection, saying it had no choice because of Pennzoil's refusal \
             to negotiate a reasonable settlement.",
            Negotiate,
            "negotiate",
            Negated,
        ),
        (
            "Texaco, he said, was unwilling to pledge the stock of its other foreign \
             subsidiaries as security.",
            ExpressIntent,
            "pledge",
            Negated,
        ),
    ]);
}

#[test]
fn a_cue_reaches_no_further_than_its_clause() {
    use EventType::*;
    use Modality::{Asserted, Negated, Planned};
    cases(&[
        (
            "Euronext declined to comment after the talks ended on Friday.",
            Meet,
            "talks",
            Asserted,
        ),
        (
            "Mercedes is hoping to increase productivity by 3bn euros, having negotiated 500m \
             euros in annual savings with German workers last year.",
            Negotiate,
            "negotiated",
            Asserted,
        ),
        (
            "Seven men who refused to leave the land were arrested after the shootings.",
            Arrest,
            "arrested",
            Asserted,
        ),
        (
            "Mr Brown, who was not at the Downing Street meeting, says he has been in talks \
             with other G8 finance ministers.",
            Meet,
            "meeting",
            Asserted,
        ),
        // a hyphen inside a word is no dash
        (
            "They plan to hold an anti-sectarian summit next month with officials from the \
             clubs.",
            Meet,
            "summit",
            Planned,
        ),
        // scare quotes are no quotation of their own
        (
            "Tony Blair has pledged to \"never, ever, ever\" attack Tory leader Michael Howard \
             over his Jewish beliefs.",
            Fight,
            "attack",
            Negated,
        ),
        // a month is no "may"
        (
            "The May Department Stores Co said it has signed an agreement to sell its Sycamore \
             Specialty Store Division.",
            SignAgreement,
            "signed",
            Asserted,
        ),
    ]);
}

#[test]
fn what_was_said_does_not_negate_the_saying() {
    use EventType::Statement;
    use Modality::Asserted;
    cases(&[
        (
            "\"They are not an efficient way of spreading viruses,\" said Mr Hogan.",
            Statement,
            "said",
            Asserted,
        ),
        (
            "Many of the affected countries do not usually buy insurance for these kinds of \
             disasters, said a US-based insurance expert.",
            Statement,
            "said",
            Asserted,
        ),
        (
            "Merrill Lynch denied Ms Villalba's claims and said she was removed from her post \
             because of the extensive losses the firm was suffering.",
            Statement,
            "said",
            Asserted,
        ),
        (
            "\"The smaller iPod will hold about 120 songs,\" said Mr Jobs.",
            Statement,
            "said",
            Asserted,
        ),
        (
            "The company did not say when the talks would resume.",
            Statement,
            "say",
            Modality::Negated,
        ),
    ]);
}

/// A condition opens its clause before the subject ("if he left Britain"); what is likely or
/// probable is not asserted; a cue before a subject that stands elsewhere in the sentence does
/// not reach the trigger ("if America went ahead with its threatened tariffs").
#[test]
fn conditions_before_the_subject_and_likelihood() {
    use EventType::*;
    use Modality::*;
    cases(&[
        (
            "A letter to Martin Mubanga said his passport would not be issued. This suggested \
             he was likely to take part in action if he left Britain, it said.",
            Move,
            "left",
            Hypothetical,
        ),
        (
            "Argentina could suspend payments if creditor banks reject a loan request.",
            Reject,
            "reject",
            Hypothetical,
        ),
        (
            "Police said he was likely to attack targets.",
            Fight,
            "attack",
            Hypothetical,
        ),
        (
            "The official refused to rule out retaliation if America went ahead with its \
             threatened tariffs.",
            Threaten,
            "threatened",
            Asserted,
        ),
    ]);
}

/// "can" gives what is possible or allowed, not what happened (FactBank's possibility markers).
#[test]
fn what_can_happen_is_not_asserted() {
    use EventType::*;
    use Modality::Hypothetical;
    cases(&[
        (
            "Under the Act, foreign terror suspects can be detained in British jails without \
             trial or charge.",
            Arrest,
            "detained",
            Hypothetical,
        ),
        (
            "Foreign investors can enter any construction development area.",
            Move,
            "enter",
            Hypothetical,
        ),
    ]);
}
