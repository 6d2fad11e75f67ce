"""Article text and metadata from test pages: boilerplate stripped, paragraphs kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from marsad.web.article import extract_article, paragraphs
from marsad.web.charset import decode_html

PAGES = Path(__file__).resolve().parent / "data" / "web"


def page(name: str) -> str:
    """A test page decoded as the fetcher's caller would."""
    return decode_html((PAGES / name).read_bytes(), None)[0]


@pytest.mark.parametrize("name, first, last, stripped", [
    ("article_en.html", "Ministers agree on port reopening after talks in Amman",
     "reroute vessels around Africa.",
     ["Subscribe now", "Oil prices fall", "truck drivers", "Copyright 2024", "Privacy policy"]),
    ("article_ar.html", "وزير الخارجية يبحث في القاهرة ملف المياه مع نظيره المصري",
     "تجاوز عشرة مليارات دولار في العام الماضي.",
     ["مقالات الرأي", "الأكثر قراءة", "ارتفاع أسعار الذهب", "نتمنى أن تنعكس", "جميع الحقوق", "واتساب"]),
    ("article_ar_1256.html", "أمطار غزيرة تغلق الطرق في جنوب المملكة",
     "على أجزاء من المرتفعات الجنوبية.", ["الصفحة الرئيسية", "حقوق النشر"]),
])
def test_text_without_boilerplate(name, first, last, stripped):
    article = extract_article(page(name), "https://example.com/x")
    lines = article.text.split("\n")
    assert lines[0] == first and lines[-1].endswith(last)
    assert all(line.strip() == line and line for line in lines)
    assert not [s for s in stripped if s in article.text]


@pytest.mark.parametrize("name, heading, n_lines", [
    ("article_en.html", "Inspections and convoys", 7),
    ("article_ar.html", "لجنة فنية مشتركة", 6),
])
def test_paragraph_structure_and_headings(name, heading, n_lines):
    lines = extract_article(page(name), None).text.split("\n")
    assert heading in lines and len(lines) == n_lines


@pytest.mark.parametrize("name, expected", [
    ("article_en.html", dict(title="Ministers agree on port reopening after talks in Amman",
                             author="Sara Haddad", published="2024-03-14",
                             sitename="The Levant Courier", language="en",
                             canonical_url="https://courier.example.com/news/2024/03/port-reopening-amman")),
    ("article_ar.html", dict(title="وزير الخارجية يبحث في القاهرة ملف المياه مع نظيره المصري",
                             author="محمد العتيبي", published="2024-05-02", sitename="صحيفة الرصد",
                             language="ar",
                             canonical_url="https://alrasd.example.com/news/2024/05/water-talks-cairo")),
])
def test_metadata(name, expected):
    article = extract_article(page(name), "http://127.0.0.1:1/news/x.html")
    assert {k: getattr(article, k) for k in expected} == expected
    assert article.description


def test_repeated_extraction_is_stable():
    html = page("article_en.html")
    texts = {extract_article(html, "https://example.com/a").text for _ in range(6)}
    assert len(texts) == 1  # deduplicate=False: no process-global cache emptying the page


@pytest.mark.parametrize("html", [
    "", "<html><body></body></html>",
    "<html><body><nav><a href='/'>Home</a> | <a href='/a'>About</a></nav></body></html>",
])
def test_no_article_text(html):
    assert extract_article(html, "https://example.com/") is None


def test_paragraphs_normalises_lines():
    assert paragraphs("  one   two \n\n\n three\t four \n") == "one two\nthree four"


@pytest.mark.parametrize("depth", [10, 300, 1000])
def test_text_past_hundreds_of_nested_elements_is_kept(depth):
    para = "<p>" + "قال وزير الخارجية إن الوفد سيصل يوم الأحد في زيارة رسمية تستمر ثلاثة أيام. " * 2 + "</p>"
    html = ("<html><head><title>عنوان</title></head><body>" + para.replace("الوفد", "الوفد الأول")
            + "<div>" * depth + para.replace("الوفد", "الوفد الثاني") + "</div>" * depth + "</body></html>")
    article = extract_article(html, "https://example.com/x")
    assert "الوفد الأول" in article.text and "الوفد الثاني" in article.text
