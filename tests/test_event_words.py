"""Trigger words are whole words of the published text: a letter folded for matching is not a pronoun."""

import pytest

from test_events import events


@pytest.mark.parametrize("text", [
    "استقبل وزير الخارجية السعودي نظيره الأردني في مقر وزارة الخارجية بالرياض.",
    "التقى الأمير محمد بن سلمان بوزير الخارجية الأمريكي في وزارة الدفاع.",
])
def test_a_ministry_is_no_visit(text):
    """وزارة folds to وزاره for matching; ة is never the pronoun ه, so no «زار» (visited) is read in it."""
    found = events(text)
    assert found and all(e.trigger != "زار" for e in found)


def test_a_visit_with_its_pronoun_is_still_read():
    found = events("زاره وزير الخارجية الأمريكي في الرياض أمس.")
    assert [e.trigger for e in found] == ["زار"]
