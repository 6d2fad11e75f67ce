"""Content ids: the canonical JSON hashed is json.dumps's, byte for byte, so ids never change."""

import json
from datetime import datetime, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.ids import _canonical, content_id

PARTS = [
    (), ("abc",), ("",), ('a "quoted" \\ line\nnext\ttab\x00\x1f\x7f',), ("عنوان الخبر «قال»",),
    ("sentences", ["0123456789abcdef-0000", "x"]), (["a", None, 3, ["b", []]], None, 0, -7, 10 ** 30),
    (True, False), (1.5,), ({"b": 1, "a": [2]},), (("t", "u"),), (datetime(2024, 1, 2, tzinfo=timezone.utc),),
    ("\u2028\u2029\ud7ff\U0001f600",),
]


@pytest.mark.parametrize("parts", PARTS)
def test_canonical_is_json_dumps(parts):
    assert _canonical(parts) == json.dumps(parts, ensure_ascii=False, sort_keys=True, default=str)


JSONISH = st.recursive(st.none() | st.booleans() | st.integers() | st.text(),
                       lambda inner: st.lists(inner, max_size=4), max_leaves=12)


@settings(max_examples=300, deadline=None)
@given(st.lists(JSONISH, max_size=5).map(tuple))
def test_canonical_is_json_dumps_on_any_parts(parts):
    assert _canonical(parts) == json.dumps(parts, ensure_ascii=False, sort_keys=True, default=str)


@pytest.mark.parametrize("parts, expected", [
    (("0123456789abcdef-0007",), "dfb52b04e4b26d0d"),
    (("documents", ["a", "b"]), "4dcb92a86caaa14a"),
    ((["h"], "ar", None, None, None, None, "سطر\nسطر", "عنوان", None), "bd4cd0d1c593c99b"),
])
def test_ids_are_stable_across_versions(parts, expected):
    assert content_id(*parts) == expected
