"""Reading an article file's layout into title, subtitle, headings and paragraphs."""

import pytest

from marsad.structure import BODY, HEADING, SUBTITLE, TITLE, read_layout

LONG = ("وقال المتحدث باسم الحكومة في مؤتمر صحفي عقده في العاصمة بغداد إن المحادثات مع الجانب "
        "الأمريكي ستستمر خلال الأسابيع المقبلة حتى التوصل إلى اتفاق نهائي يرضي الطرفين ويحفظ "
        "سيادة البلاد ويضمن أمنها واستقرارها على المدى البعيد.")


def parts(text):
    return [block.part for block in read_layout(text).blocks]


def test_seed_layout_matches_gold(seed_text, gold):
    layout = read_layout(seed_text)
    assert layout.first(TITLE) == gold["title"]
    assert layout.first(SUBTITLE) == gold["subtitle"]
    assert layout.headings == gold["headings"]
    assert len(layout.blocks) == len(seed_text.strip().splitlines())


@pytest.mark.parametrize("text, expected", [
    ("عنوان الخبر\nعنوان فرعي قصير\n" + LONG, [TITLE, SUBTITLE, BODY]),
    ("عنوان الخبر\n" + LONG + "\n" + LONG, [TITLE, BODY, BODY]),              # lede is a paragraph
    ("عنوان الخبر\nفرعي\n" + LONG + "\nمحور قصير\n" + LONG, [TITLE, SUBTITLE, BODY, HEADING, BODY]),
    ("عنوان\nفرعي\n" + LONG + "\nفكيف استقبلت القوى المحلية الاتفاق؟\n" + LONG,
     [TITLE, SUBTITLE, BODY, HEADING, BODY]),                                    # a short question
    ("عنوان\nفرعي\n" + LONG + "\nوأضاف:\n" + LONG, [TITLE, SUBTITLE, BODY, BODY, BODY]),
    ("Headline\nA short standfirst\nFirst paragraph of the story, which is long enough. "
     "It has two sentences.\nBackground\nMore text here.", [TITLE, SUBTITLE, BODY, HEADING, BODY]),
    ("عنوان\nفرعي\n" + LONG + "\nوكان المتظاهرون يهتفون «ماذا نريد؟»\n" + LONG,
     [TITLE, SUBTITLE, BODY, BODY, BODY]),                                      # a quoted question is body
    ("عنوان\nفرعي\n" + LONG + "\nمن يقف وراء الهجوم؟", [TITLE, SUBTITLE, BODY, BODY]),  # the last line heads nothing
    ("Only a headline", [TITLE]),
    ("Headline\nThe one and only paragraph.", [TITLE, BODY]),
])
def test_lines_are_classified(text, expected):
    assert parts(text) == expected


def test_plain_text_takes_first_line_as_title():
    layout = read_layout(LONG + "\n" + LONG)
    assert not layout.shaped
    assert [b.part for b in layout.blocks] == [TITLE, BODY]
    assert layout.first(TITLE) == LONG


def test_blank_line_paragraphs_are_unwrapped():
    layout = read_layout("Title\n\nfirst part of a\nwrapped paragraph.\n\n\nSecond paragraph.\r\n")
    assert [b.text for b in layout.blocks] == ["Title", "first part of a wrapped paragraph.",
                                               "Second paragraph."]


@pytest.mark.parametrize("text", ["", "   \n\t\n  ", "\n\n\n"])
def test_whitespace_has_no_blocks(text):
    assert read_layout(text).blocks == ()


def test_a_headline_line_stays_apart_from_the_paragraph_under_it():
    """Paragraph-per-line text with a blank line further on: the headline is not joined to the
    first paragraph (whose events would be taken for the headline's restatement)."""
    layout = read_layout("عنوان الخبر\n" + LONG + "\n" + LONG + "\n\nتحديث: تابعت الصحيفة الخبر.\n")
    assert [b.part for b in layout.blocks] == [TITLE, BODY, BODY, BODY]
    assert layout.first(TITLE) == "عنوان الخبر"


PARAGRAPH = " ".join([LONG, "وأضاف: «لن نقبل بأي اتفاق يمس سيادتنا.", "الجيش مستعد لكل الاحتمالات»، مشيرا إلى "
                      "أن المحادثات ستستأنف الأسبوع المقبل.", LONG])


@pytest.mark.parametrize("width", range(40, 101, 3))
def test_wrapped_paragraphs_are_joined_at_any_width(width):
    """Rows ending at a sentence end or after a colon are joined too: a quotation runs on."""
    import textwrap
    wrapped = "\n\n".join(["Headline of the story"] + [textwrap.fill(PARAGRAPH, width)] * 2)
    layout = read_layout(wrapped)
    assert [b.text for b in layout.blocks] == ["Headline of the story", PARAGRAPH, PARAGRAPH]


@pytest.mark.parametrize("width", [60, 72, 80])
def test_a_headline_right_above_a_wrapped_paragraph_stays_the_title(width):
    import textwrap
    layout = read_layout("\n \n\nعنوان الخبر\n" + textwrap.fill(PARAGRAPH, width) + "\n\n" + textwrap.fill(LONG, width))
    assert [b.text for b in layout.blocks] == ["عنوان الخبر", PARAGRAPH, LONG]


@pytest.mark.parametrize("text, lines", [
    ("Headline\n\nRows of\nuneven length, as a wrapper\nthat balances them\nleaves them.",
     ["Headline", "Rows of uneven length, as a wrapper that balances them leaves them."]),
    ("\n\nHeadline\nShort paragraph one.\nShort paragraph two.\n\n\n",            # blank lines only around
     ["Headline", "Short paragraph one.", "Short paragraph two."]),
    ("Headline\n\nFirst sentence.\nSecond sentence.\n\nThird one.",              # one sentence a row
     ["Headline", "First sentence. Second sentence.", "Third one."]),
    ("Headline\n\nBAGHDAD, March 3 (Reuters) -\nThe minister said the talks would resume\nnext week.",
     ["Headline", "BAGHDAD, March 3 (Reuters) - The minister said the talks would resume next week."]),
    ("Headline\n\nThe ministry listed its demands\nin a statement:\n• an end to the strikes\n• talks",
     ["Headline", "The ministry listed its demands in a statement:", "• an end to the strikes", "• talks"]),
    ("عنوان\n\nجمع 11.4 مليون دولار لصالح حملته خلال الربع الأخير\n- تحديدا 388 ألف دولار - لتغطية النفقات.",
     ["عنوان", "جمع 11.4 مليون دولار لصالح حملته خلال الربع الأخير - تحديدا 388 ألف دولار - لتغطية النفقات."]),
])
def test_rows_between_blank_lines(text, lines):
    assert [b.text for b in read_layout(text).blocks] == lines


def test_a_file_without_headline_is_all_body():
    """A first line longer than any headline is a paragraph: no title, read like the rest."""
    layout = read_layout(LONG + " " + LONG + "\n" + LONG)
    assert [b.part for b in layout.blocks] == [BODY, BODY]
    assert layout.first(TITLE) is None
