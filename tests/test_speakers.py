"""Speakers by structure: participles, unnamed sources tied to a body, groups that speak, agreement."""

from __future__ import annotations

from pathlib import Path

import pytest

from marsad.actors import default_lexicon, extract_mentions
from marsad.claims.attribution import extract_claims
from marsad.claims.lexicon import PhraseGrammar, default_claims, load_speakers
from marsad.claims.speaker import agreement
from marsad.errors import LexiconError
from marsad.normalize import fold
from marsad.extract import DocText, _extract, default_extractor

MARTS = Path(__file__).resolve().parent.parent / "sql" / "marts"


def claims(text: str, language: str = "ar") -> list:
    """Claims of a text, with actor mentions found first (no event coder)."""
    mentions = extract_mentions(text, language, default_lexicon())
    return extract_claims(text, language, mentions, default_claims()[language])


def pipeline_claims(text: str, language: str = "ar") -> list:
    """Claims as the extract stage finds them (the event coder's collectives included)."""
    doc = DocText("d1", text, language, (0,), ("s1",))
    return _extract(doc, default_extractor())[1]


@pytest.mark.parametrize("text", [
    "طالب ائتلاف الوطنية الحكومة باتخاذ خطوات «حازمة» ضد الفساد، محذرة من تصاعد الغضب في الشارع بسبب سوء الخدمات.",
    "دعا التحالف الوطني الحكومة إلى الإسراع في تنفيذ الإصلاحات، محذرة من عواقب التأخير على الاستقرار.",
])
def test_participle_takes_its_main_verbs_subject_whatever_its_gender(text):
    first, second = claims(text)
    assert second.speaker is not None
    assert second.speaker.actor.actor_id == first.speaker.actor.actor_id


def test_participle_in_a_new_sentence_does_not_take_a_disagreeing_speaker():
    text = "دعا التحالف الوطني الحكومة إلى تنفيذ الإصلاحات. ومضت محذرة من عواقب التأخير على الاستقرار."
    assert claims(text)[-1].speaker is None


@pytest.mark.parametrize("text, code, name", [
    ("وقال مصدر في وزارة الداخلية العراقية إن الهجوم أسفر عن مقتل ثلاثة.", "IRQGOV", "source"),
    ("وذكرت مصادر في مكتب رئيس الوزراء العراقي إنه أمر بفتح تحقيق عاجل.", "IRQGOV", "sources"),
    ("وأكدت مصادر مقربة من حزب الله سقوط ثلاثة قتلى من عناصره في المعارك.", "LBNREB", "Hezbollah sources"),
    ("وقال المتحدث باسم الجيش العراقي إن القوات تقدمت نحو المدينة.", "IRQMIL", "spokesperson"),
    ("وقال مصدر بالجيش العراقي إن القوات تقدمت نحو المدينة.", "IRQMIL", "source"),
    ("وقال مسؤول أمني في وزارة الداخلية العراقية إن الهجوم أسفر عن مقتل ثلاثة.", "IRQMIL", "official"),
    ("وقال مسؤول في العراق إن الهجوم أسفر عن مقتل ثلاثة من الجنود.", "IRQGOV", "official"),
])
def test_unnamed_source_speaks_for_the_body_it_is_tied_to(text, code, name):
    [claim] = claims(text)
    assert claim.speaker.actor.code == code
    assert name in claim.speaker.actor.name
    assert claim.content.split()[0] not in ("في", "باسم", "مقربة")     # the body is no part of what was said


def test_a_definite_source_tied_to_a_body_does_not_refer_back():
    text = ("وقال مصدر أمني عراقي إن الهجوم أسفر عن مقتل ثلاثة.\n"
            "وقال المتحدث باسم حزب الله إن الحزب لم يشارك في الهجوم.")
    first, second = claims(text)
    assert second.speaker.actor.code == "LBNREB" != first.speaker.actor.code


def test_feminine_verb_does_not_take_a_masculine_source_noun():
    text = ("وقال علي الأحمدي إن الصواريخ تنطلق من المحافظة وتستهدف المدنيين وتعتبر مصدر إزعاج دائم للسكان.\n"
            "وأضاف: نأمل أن يعود المطار إلى العمل قريبا.")
    assert all(c.speaker is not None and c.speaker.surface == "علي الأحمدي" for c in claims(text))


@pytest.mark.parametrize("text", [
    "وقالت مصادر أمنية إن الهجوم أسفر عن مقتل ثلاثة.",
    "وقالت مسؤولة في الحكومة العراقية إن الهجوم أسفر عن مقتل ثلاثة.",
    "ونقلت وكالة رويترز عن مسؤول أمني عراقي قوله إن الهجوم أسفر عن مقتل خمسة.",
    "وذكرت تقارير إعلامية أن الهجوم أسفر عن مقتل ثلاثة.",
])
def test_feminine_verb_keeps_the_sources_that_agree(text):
    [claim] = claims(text)
    assert claim.speaker is not None and claim.speaker.kind == "role"


@pytest.mark.parametrize("word, agrees", [
    ("مصدر", ("m", "s")), ("المصدر", ("m", "s")), ("شاهد", ("m", "s")), ("مسؤولة", ("f", "s")),
    ("مصادر", ("m", "p")), ("السلطات", ("f", "p")),
])
def test_source_nouns_carry_their_agreement_as_data(word, agrees):
    assert agreement(fold(word), default_claims()["ar"].speakers) == agrees


@pytest.mark.parametrize("row, reason", [
    ("مصدر\tsource\t-\tsource\tx\ts", "gender must be"),
    ("مصدر\tsource\t-\tsource", "expected 6 tab-separated fields"),
])
def test_a_malformed_speaker_row_names_the_file_and_line(tmp_path, row, reason):
    path = tmp_path / "speakers.tsv"
    path.write_text("# comment\n" + row + "\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=rf"speakers.tsv:2: {reason}"):
        load_speakers(path, "ال")


@pytest.mark.parametrize("text, named", [
    ('sector_endings = ["ين"]\nvowel_endings = ["ا"]\n', "vowel_endings"),     # an unknown key
    ('sector_endings = "ين"\n', "sector_endings must be lists of strings"),      # not split into letters
    ("plural_endings = [1]\n", "plural_endings must be lists of strings"),
])
def test_a_malformed_phrase_grammar_names_its_file(tmp_path, text, named):
    (tmp_path / "grammar.toml").write_text(text, encoding="utf-8")
    with pytest.raises(LexiconError, match=rf"grammar.toml: .*{named}"):
        PhraseGrammar.load(tmp_path / "grammar.toml")


@pytest.mark.parametrize("code, key, value", [
    ("ar", "name_nisba_endings", ("ي",)),
    ("ar", "feminine_endings", ("ه", "ات")),          # ة folded to ه on load
    ("ar", "plural_endings", ("ون", "ين")),
    ("ar", "that_words", ("ان",)),                    # أن folded
    ("ar", "that_pronouns", ("ه", "ها", "هم", "هما", "هن", "نا", "ني")),
    ("en", "name_nisba_endings", ()),                 # no claims grammar.toml: none
    ("en", "feminine_endings", ()),
    ("en", "that_pronouns", ()),
])
def test_phrase_grammar_keys_are_read_from_the_language_file(code, key, value):
    assert getattr(default_claims()[code].speakers.shape, key) == value


@pytest.mark.parametrize("shape, word, opens", [
    (default_claims()["ar"].speakers.shape, "بانهم", True),
    (default_claims()["ar"].speakers.shape, "انكم", False),      # كم is no listed pronoun
    (default_claims()["ar"].speakers.shape, "مكان", False),
    (PhraseGrammar(that_words=("ان",)), "بانه", False),           # no proclitics nor pronouns listed
    (PhraseGrammar(that_words=("ان",)), "ان", True),
    (default_claims()["en"].speakers.shape, "ان", False),         # a language without that-words: never
    (PhraseGrammar(), "", False),
])
def test_the_that_pattern_is_built_from_the_grammar(shape, word, opens):
    assert (shape.that.fullmatch(word) is not None) is opens


def test_a_title_is_no_part_of_a_name_read_by_structure():
    [claim] = claims("وقال مدير شركة النفط إن الإنتاج سيرتفع في العام المقبل.")
    assert claim.speaker.actor.kind != "person" or "مدير" not in claim.speaker.actor.name


@pytest.mark.parametrize("text, group", [
    ("وقال المحتجون إن مطالبهم بتحسين الخدمات لم تتحقق حتى الآن.", "protesters"),
    ("وأكد السكان أن القصف استمر طوال الليل على الأحياء الشرقية.", "residents"),
])
def test_a_collective_speaks(text, group):
    [claim] = pipeline_claims(text)
    assert claim.speaker is not None and claim.speaker.actor.kind == "collective"
    assert group in claim.speaker.actor.name.lower()


@pytest.mark.parametrize("mart, key", [
    ("claims", "claim_id"), ("actor_mentions", '"end"'), ("events", "event_id"),
    ("claims_by_speaker", "speaker_actor_id"), ("document_sources", "doc_id"),
])
def test_marts_users_read_come_in_one_order(mart, key):
    """The final order by ends on a unique key: a reader (and a scorer breaking ties) sees one row order."""
    last = (MARTS / f"{mart}.sql").read_text(encoding="utf-8").strip().splitlines()[-1]
    assert last.startswith("order by") and last.endswith(key)


def test_a_bodys_part_speaks_for_the_body_named_before():
    text = ("أكدت مصادر مقربة من حزب الله سقوط خمسة قتلى من عناصره، "
            "فيما زعمت قيادة الحزب أن عنصرين فقط قتلا في المعارك.")
    last = claims(text)[-1]
    assert last.speaker is not None and last.speaker.actor.code == "LBNREB"


@pytest.mark.parametrize("text, surface", [
    ("والتقى الوزير رئيس اللجنة الدكتور هادي السالم، حيث دعا د.السالم كافة الهيئات إلى التحرك الفوري.",
     "السالم"),                                                     # a one-letter abbreviation ends no sentence
    ("من جانبه، دعا مفتي طرابلس الشيخ مالك الشعار كل السياسيين إلى إعلاء مصالح الوطن العليا.",
     "مالك الشعار"),                                                # an honorific opens the subject's name
])
def test_the_subject_after_an_abbreviation_or_an_honorific(text, surface):
    last = pipeline_claims(text)[-1]
    assert last.speaker is not None and last.speaker.surface == surface


@pytest.mark.parametrize("second, speaker", [
    ("The ministry on Tuesday said the border would reopen.", "The ministry"),
    ("Kenyan officials late yesterday said the road was closed.", "Kenyan officials"),
    ("The army last week said the road was closed.", "The army"),
])
def test_a_time_between_subject_and_verb_keeps_the_subject(second, speaker):
    """Not the speaker of the sentence before (the words of "on Tuesday" used to end the subject)."""
    last = claims("Senator Smith said the vote would be close.\n" + second, "en")[-1]
    assert (last.speaker.surface if last.speaker else last.speaker_text) == speaker
