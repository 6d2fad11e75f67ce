"""Decoding article bytes: encodings recognised, binary and undecodable data refused."""

import codecs

import pytest

from marsad.encodings import DecodeError, decode

ARABIC = "أعلنت وزارة الخارجية العراقية، في بيان، أن بغداد وواشنطن اتفقتا على تشكيل لجنة."
ENGLISH = "The Iraqi foreign ministry said the talks would take “several months” – maybe more."


@pytest.mark.parametrize("data, encoding", [
    (ARABIC.encode("utf-8"), "utf-8"),
    (codecs.BOM_UTF8 + ARABIC.encode("utf-8"), "utf-8-bom"),
    (codecs.BOM_UTF16_LE + ARABIC.encode("utf-16-le"), "utf-16"),
    (codecs.BOM_UTF16_BE + ARABIC.encode("utf-16-be"), "utf-16"),
    (ARABIC.encode("cp1256"), "windows-1256"),
    (ENGLISH.encode("cp1252"), "windows-1252"),
    (b"plain ascii text", "utf-8"),
])
def test_encodings_are_detected_and_decoded(data, encoding):
    text, found = decode(data)
    assert found == encoding
    assert text in (ARABIC, ENGLISH, "plain ascii text")


@pytest.mark.parametrize("data, reason", [
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3 binary", "binary"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "binary"),
    (b"some text\x00\x01\x02 with NUL bytes", "binary"),
    ("中文新闻报道，政府宣布了新的政策。".encode("gbk") * 5, "undecodable"),
    (bytes(range(128, 256)) * 3, "undecodable"),
    (codecs.BOM_UTF8 + b"\xff\xfe broken", "undecodable"),
])
def test_non_text_is_refused_with_a_reason(data, reason):
    with pytest.raises(DecodeError) as caught:
        decode(data)
    assert caught.value.reason == reason
    assert str(caught.value)


@pytest.mark.parametrize("data, encoding", [
    ("خبر ".encode("utf-8") * 20000 + b"\x00\x00 end", "utf-8"),
    ("خبر ".encode("cp1256") * 20000 + b"\x00 end", "windows-1256"),
    (codecs.BOM_UTF16_LE + "خبر \x00end".encode("utf-16-le"), "utf-16"),
])
def test_nul_bytes_past_the_sniffed_head_are_dropped(data, encoding):
    text, found = decode(data)
    assert found == encoding and "\x00" not in text and text.endswith("end")
