"""English events: every PLOVER type found in its inflected forms, modality, and the trigger generator."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from marsad.actors import default_lexicon, extract_mentions
from marsad.events.coder import extract_events
from marsad.events.lexicon import default_events

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
import en_triggers  # noqa: E402


def events(text: str) -> list:
    """Events of a one-sentence English text, actors found first as the pipeline does."""
    mentions = extract_mentions(text, "en", default_lexicon())
    return extract_events(text, "en", mentions, default_events()["en"], (0,), None)


def found(text: str) -> dict[str, tuple[str, str]]:
    """trigger -> (event type, modality) of a text's events."""
    return {e.trigger.lower(): (e.trigger_info.event_type, e.modality) for e in events(text)}


@pytest.mark.parametrize("text, trigger, etype", [
    ("Egypt and Jordan agreed on a plan for the border.", "agreed", "AGREE"),
    ("The foreign ministers of Egypt and Jordan met in Amman on Monday.", "met", "CONSULT"),
    ("Iraq is negotiating with Turkey over water.", "negotiating", "CONSULT"),
    ("Saudi Arabia praised Kuwait for its mediation.", "praised", "SUPPORT"),
    ("Sudan conceded to the demands of the protesters.", "conceded", "CONCEDE"),
    ("Israel lifted the ban on Palestinian workers.", "lifted", "CONCEDE"),
    ("Turkey cooperates with Iraq on border security.", "cooperates", "COOPERATE"),
    ("Iraq extradited two suspects to Jordan.", "extradited", "COOPERATE"),
    ("Japan donated food to Yemen.", "donated", "AID"),
    ("Kuwait granted asylum to Iraqi dissidents.", "granted asylum", "AID"),
    ("Russia withdrew its troops from Georgia.", "withdrew", "RETREAT"),          # irregular past
    ("Iraq urged Turkey to respect its sovereignty.", "urged", "REQUEST"),
    ("Egypt demanded an apology from Turkey.", "demanded", "DEMAND"),
    ("Iran accused Israel of sabotage.", "accused", "ACCUSE"),
    ("Iran criticised Britain over the seizure of the tanker.", "criticised", "ACCUSE"),  # British -ise
    ("Syria rejected the proposal by Turkey.", "rejected", "REJECT"),
    ("Russia threatened Ukraine with new attacks.", "threatened", "THREATEN"),
    ("Thousands of workers demonstrated in Cairo against the new law.", "demonstrated", "PROTEST"),
    ("The European Union imposed sanctions on Russia.", "imposed sanctions", "SANCTION"),
    ("Egypt broke off relations with Qatar.", "broke off relations", "SANCTION"),  # irregular phrase
    ("Pakistan mobilised troops along the border with India.", "mobilised", "MOBILIZE"),
    ("Turkish police arrested ten journalists in Istanbul.", "arrested", "COERCE"),
    ("Israeli jets struck Hamas positions in Gaza.", "struck", "ASSAULT"),
    ("Israel shot down a drone from Lebanon.", "shot down", "ASSAULT"),
])
def test_each_type_found_in_its_inflected_form(text, trigger, etype):
    assert found(text).get(trigger, (None,))[0] == etype, found(text)


@pytest.mark.parametrize("text, trigger, modality", [
    ("Syria did not attack Turkey.", "attack", "negated"),
    ("Jordan denied attacking Syria.", "attacking", "negated"),
    ("Russia may deploy troops to Belarus.", "deploy", "possible"),
    ("If Iran attacks Israel, the United States would strike Iran.", "attacks", "possible"),
    ("Egypt will host talks between Israel and Hamas next week.", "talks", "planned"),
    ("Iran demanded that the United States withdraw its forces from Iraq.", "withdraw", "possible"),
    ("Israel launched air strikes on Gaza on Monday.", "air strikes", "asserted"),
])
def test_modality_of_english_events(text, trigger, modality):
    assert found(text).get(trigger, (None, None))[1] == modality, found(text)


@pytest.mark.parametrize("text, trigger, etype", [
    ("Iraqi police raid the offices of a Kurdish party in Baghdad.", "raid", "COERCE"),
    ("Turkey will probe the killing of Iraqi soldiers.", "probe", "ACCUSE"),
])
def test_a_word_both_noun_and_verb_is_a_verb_in_its_base_form(text, trigger, etype):
    """The base form is a verb (read as a noun after a determiner); the -s form stays a plural noun."""
    assert found(text).get(trigger, (None,))[0] == etype, found(text)


@pytest.mark.parametrize("text, trigger, etype", [
    ("Jordan will send aid to Syria, the minister said.", "send aid", "AGREE"),
    ("Egypt said it would withdraw its troops from Yemen.", "withdraw", "AGREE"),
    ("The Iraqi foreign minister will visit Cairo next week.", "visit", "AGREE"),
    ("Iran said it would attack any ship that enters its waters.", "attack", "THREATEN"),
    ("Iraq said it would impose a curfew in Basra.", "impose a curfew", "THREATEN"),
    ("Iraq said it would boycott the summit in Riyadh.", "boycott", "THREATEN"),   # a noun's verb after would
    ("Turkey will expel the Dutch ambassador, the ministry said.", "expel", "THREATEN"),
])
def test_a_stated_intent_is_coded_as_cameo_codes_it(text, trigger, etype):
    """A planned act stated by its actor is an intent (CAMEO 03) or, when hostile, a threat (13)."""
    got = found(text).get(trigger, (None, None))
    assert got == (etype, "planned"), found(text)


@pytest.mark.parametrize("text, head, etype", [
    ("The government threatened to impose a curfew in Baghdad.", "threatened", "THREATEN"),
    ("The government said it is prepared to impose martial law in Cairo.", "prepared to", "THREATEN"),
    ("Syria offered to withdraw its troops from Lebanon.", "offered to", "AGREE"),
])
def test_an_act_announced_after_to_is_the_heads_content(text, head, etype):
    got = found(text)
    assert got.get(head, (None,))[0] == etype and len(got) == 1, got


@pytest.mark.parametrize("text, absent", [
    ("Thousands of students marched through Cairo on Friday to demand reforms.", "demand"),  # a purpose
    ("Ousted President Smith has agreed to leave the country.", "ousted"),  # an adjective, no coup
    ("Jordan accepted responsibility for the error.", "accepted"),
])
def test_no_event_from_an_infinitive_or_adjective(text, absent):
    assert absent not in found(text), found(text)


def test_triggers_file_is_generated_from_its_source():
    assert en_triggers.main(["--check"]) == 0, "run tools/en_triggers.py after editing triggers.src.tsv"


@pytest.mark.parametrize("word, forms", [
    ("attack", ("attacks", "attacked", "attacking")),
    ("seize", ("seizes", "seized", "seizing")),
    ("ban", ("bans", "banned", "banning")),
    ("deny", ("denies", "denied", "denying")),
    ("veto", ("vetoes", "vetoed", "vetoing")),
    ("free", ("frees", "freed", "freeing")),
])
def test_regular_inflection(word, forms):
    assert (en_triggers.third_person(word), en_triggers.past(word), en_triggers.gerund(word)) == forms


def test_phrase_inflects_its_verb_and_irregulars_come_from_the_table():
    got = {s for s, _ in en_triggers.verb_forms("break off relations", en_triggers.irregular(), {})}
    assert {"broke off relations", "broken off relations", "breaking off relations"} <= got


@pytest.mark.parametrize("text, trigger, source", [
    ("Police arrested ten protesters in the city.", "arrested", "COP"),
    ("Rebels attacked the town on Monday.", "attacked", "REB"),
    ("Students demonstrated against the government.", "demonstrated", "EDU"),
    ("Militants fired rockets at the base.", "fired rockets", "UAF"),
])
def test_unnamed_actor_is_the_source(text, trigger, source):
    [event] = [e for e in events(text) if e.trigger.lower() == trigger]
    assert event.source is not None and event.source.actor.code == source


@pytest.mark.parametrize("text, aid", [
    ("Saudi Arabia sent humanitarian aid to Yemen.", True),
    ("The United States provided military aid to Ukraine.", True),
    ("Japan halted its aid to Serbia.", False),              # aid stopped: no aid given
    ("Aid workers left the camp on Monday.", False),
])
def test_aid_only_when_given(text, aid):
    assert any(e.trigger_info.event_type == "AID" for e in events(text)) is aid


def test_progressive_with_its_subject_is_no_complement():
    got = found("Despite warnings by aid agencies, the Egyptian government is refusing to lift the curfew in Cairo.")
    assert got.get("refusing", (None,))[0] == "REJECT", got


def roles(text: str, trigger: str, starts: tuple[int, ...] = (0,)) -> tuple[str | None, str | None]:
    """(source code, target code) of the event a trigger makes in a text of sentences at `starts`."""
    mentions = extract_mentions(text, "en", default_lexicon())
    [event] = [e for e in extract_events(text, "en", mentions, default_events()["en"], starts, None)
               if e.trigger.lower() == trigger]
    return tuple(x.actor.code if x is not None else None for x in (event.source, event.target))


@pytest.mark.parametrize("text, trigger, source, target", [
    # the subject of a passive verb suffers it; the actor after "by" does it
    ("Two Turkish soldiers were killed by Syrian rebels near the border.", "killed", "SYRREB", "TURMIL"),
    ("Egypt has been urged by the United Nations to open the crossing.", "urged", "IGO", "EGY"),
    ("The Iraqi minister was reportedly arrested by Kurdish police in Erbil.", "arrested", "IRQCOP", "IRQGOV"),
    ("Three Egyptian soldiers were killed by a roadside bomb.", "killed", None, "EGYMIL"),
    # active voice, progressive and perfect forms alike: the subject acts
    ("Syrian rebels killed two Turkish soldiers near the border.", "killed", "SYRREB", "TURMIL"),
    ("Kenya has attacked Somalia from the south.", "attacked", "KEN", "SOM"),
    ("Russia is attacking Ukraine from the north.", "attacking", "RUS", "UKR"),
])
def test_passive_voice_turns_the_roles(text, trigger, source, target):
    assert roles(text, trigger) == (source, target)


@pytest.mark.parametrize("text, trigger, source", [
    ("Mali says it is willing to withdraw its troops from the border.", "willing to", "MLI"),
    ("Sudan is prepared to lift the ban on the party.", "prepared to", "SDN"),
])
def test_an_adjective_before_an_infinitive_is_no_passive(text, trigger, source):
    assert roles(text, trigger)[0] == source


def test_a_subject_opening_a_sentence_after_a_place_is_the_source():
    """The words ending the sentence before (talks in Cairo.) are no preposition of the next one's subject."""
    text = "The talks ended in Cairo.\nEgypt accused Israel of sabotage."
    assert roles(text, "accused", (0, text.index("Egypt"))) == ("EGY", "ISR")


@pytest.mark.parametrize("place", ["in", "throughout", "across"])
def test_an_unnamed_crowd_is_of_the_country_its_sentence_places_it_in(place):
    """Not of the country the rest of the document is about."""
    text = f"Jordan closed its border with Syria, Jordan said.\nThousands of students {place} Kenya staged demonstrations."
    assert roles(text, "demonstrations", (0, text.index("Thousands")))[0] == "KENOPP"


@pytest.mark.parametrize("text, trigger, source, target", [
    # a verb joined by "and" after another verb's object is a second act of the first subject
    ("Jordan criticised the decision and urged Israel to stop the raids.", "urged", "JOR", "ISR"),
    ("Egypt welcomed the deal and urged Israel to stop the raids.", "urged", "EGY", "ISR"),
    ("Kenyan police opened fire on the crowd and arrested ten protesters.", "arrested", "KENCOP", "KENOPP"),
])
def test_a_verb_joined_by_and_is_an_act_of_the_first_subject(text, trigger, source, target):
    assert roles(text, trigger) == (source, target)


def test_the_object_of_the_first_verb_is_not_the_subject_of_the_second():
    """A car bomb killed three policemen and wounded ten others: the policemen wounded no one."""
    got = events("A car bomb killed three Iraqi policemen and wounded ten others in Baghdad.")
    assert all(e.source is None or e.source.actor.code != "IRQCOP" for e in got), got
