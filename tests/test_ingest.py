"""Ingesting files into the lake: rejects, idempotence, versions, duplicates, sidecars, crashes."""

import os
from pathlib import Path

import duckdb
import pytest

from conftest import run_ingest
from marsad.warehouse import build

GOOD = "عنوان الخبر\nوقال المسؤول إن المحادثات ستستمر. وأضاف أن النتائج مشجعة.\n"
GOOD_EN = "Talks resume\nThe talks will resume on Monday, officials said.\n"


def query(settings, sql):
    with duckdb.connect(str(settings.warehouse_path), read_only=True) as con:
        return con.execute(sql).fetchall()


def ingest_and_build(settings, *paths):
    report = run_ingest([str(p) for p in paths], settings)
    build(settings)
    return report


def make_bad(articles, kind: str, settings) -> Path:
    """Write one bad input of a kind; return its path."""
    if kind == "empty":
        return articles("empty.txt", b"")
    if kind == "whitespace":
        return articles("blank.txt", "  \n\t\n   \n")
    if kind == "binary":
        return articles("scan.txt", b"%PDF-1.5\n\x00\x01binary")
    if kind == "undecodable":
        return articles("garbled.txt", bytes(range(128, 256)) * 4)
    if kind == "too_large":
        return articles("huge.txt", "كلمة " * (settings.max_file_bytes // 4))
    if kind == "bad_sidecar":
        path = articles("meta.txt", GOOD)
        path.with_name("meta.meta.json").write_text("{not json", encoding="utf-8")
        return path
    if kind == "dangling_symlink":
        path = articles.folder / "gone.txt"
        os.symlink(articles.folder / "nowhere.txt", path)
        return path
    raise ValueError(kind)


@pytest.mark.parametrize("kind, reason", [
    ("empty", "empty"), ("whitespace", "empty"), ("binary", "binary"),
    ("undecodable", "undecodable"), ("too_large", "too_large"), ("bad_sidecar", "bad_sidecar"),
    ("dangling_symlink", "unreadable"),
])
def test_bad_input_is_rejected_and_good_input_still_lands(articles, settings, kind, reason):
    bad = make_bad(articles, kind, settings)
    articles("good.txt", GOOD)
    report = ingest_and_build(settings, articles.folder)
    assert [(o.uri, o.reason) for o in report.rejects] == [(bad.absolute().as_uri(), reason)]
    assert report.rejects[0].message
    assert query(settings, "select count(*) from documents") == [(1,)]
    assert query(settings, "select reason from rejects") == [(reason,)]


def test_missing_path_is_rejected(settings, articles):
    articles("good.txt", GOOD)
    report = ingest_and_build(settings, articles.folder, articles.folder / "missing.txt")
    assert [o.reason for o in report.rejects] == ["unreadable"]
    assert "no such file" in report.rejects[0].message


def test_rerun_adds_nothing(settings, articles):
    articles("good.txt", GOOD)
    articles("empty.txt", b"")
    ingest_and_build(settings, articles.folder)
    files = sorted(p.name for p in settings.lake_dir.rglob("*.parquet"))
    again = ingest_and_build(settings, articles.folder)
    assert again.counts == {"unchanged": 1, "rejected": 1}
    assert sorted(p.name for p in settings.lake_dir.rglob("*.parquet")) == files
    assert query(settings, "select count(*) from rejects") == [(1,)]


def test_touched_file_is_unchanged(settings, articles):
    path = articles("good.txt", GOOD)
    ingest_and_build(settings, articles.folder)
    os.utime(path, ns=(1, 1))
    assert run_ingest([articles.folder], settings).counts == {"unchanged": 1}


def test_changed_file_is_a_new_version_and_the_warehouse_keeps_the_latest(settings, articles):
    path = articles("story.txt", GOOD)
    ingest_and_build(settings, articles.folder)
    path.write_text(GOOD.replace("مشجعة", "ممتازة"), encoding="utf-8")
    os.utime(path, ns=(10**18, 10**18))
    report = ingest_and_build(settings, articles.folder)
    assert report.counts == {"changed": 1}
    assert query(settings, "select count(*) from documents where text like '%ممتازة%'") == [(1,)]
    assert query(settings, "select count(*) from documents") == [(1,)]
    assert query(settings, "select count(*) from document_sources") == [(2,)]
    assert query(settings, "select count(*) from sentences s join documents d using (doc_id)") == \
        query(settings, "select count(*) from sentences")


def test_same_article_in_two_files_is_one_document(settings, articles):
    articles("a.txt", GOOD)
    articles("b.txt", GOOD.encode("cp1256"))
    report = ingest_and_build(settings, articles.folder)
    assert report.counts == {"new": 1, "duplicate": 1}
    assert query(settings, "select count(*) from documents") == [(1,)]
    assert query(settings, "select count(distinct source_uri) from document_sources") == [(2,)]


def test_sidecar_wins_over_inference(settings, articles):
    meta = {"url": "https://example.com/a", "published": "2024-01-25", "outlet": "Al-Ain",
            "language": "ar", "title": "عنوان من الملف الجانبي"}
    articles("a.txt", GOOD_EN, meta)
    ingest_and_build(settings, articles.folder)
    row = query(settings, "select title, language, url, outlet, published_at::date::varchar, "
                          "published_precision from documents")
    assert row == [("عنوان من الملف الجانبي", "ar", "https://example.com/a", "Al-Ain",
                    "2024-01-25", "day")]


@pytest.mark.parametrize("published, stored", [
    ("2024-01-25T10:30:00+03:00", "2024-01-25 07:30:00+00"),
    ("2024-01-25T10:30:00Z", "2024-01-25 10:30:00+00"),
    ("2024-01-25 10:30", "2024-01-25 10:30:00+00"),
])
def test_published_datetimes_are_utc(settings, articles, published, stored):
    articles("a.txt", GOOD, {"published": published})
    ingest_and_build(settings, articles.folder)
    assert query(settings, "set timezone = 'UTC'; select published_at::varchar from documents") == [(stored,)]


@pytest.mark.parametrize("meta, problem", [
    ({"published": "last Thursday"}, "published"),
    ({"url": 42}, "url must be a string"),
    ({"title": "ع" * 3_000_000}, "larger than 65,536 bytes"),
    ({"title": "x" * 5000}, "title is 5,000 characters, over the limit"),
    ({"published": "0001-01-01T00:00:00+14:00"}, "published"),
])
def test_bad_sidecar_values_are_named(settings, articles, meta, problem):
    articles("a.txt", GOOD, meta)
    report = run_ingest([articles.folder], settings)
    assert problem in report.rejects[0].message and "a.meta.json" in report.rejects[0].message


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1256"])
def test_encoding_is_recorded(settings, articles, encoding):
    articles("a.txt", GOOD.encode(encoding))
    ingest_and_build(settings, articles.folder)
    expected = {"utf-8": "utf-8", "utf-8-sig": "utf-8-bom", "utf-16": "utf-16", "cp1256": "windows-1256"}
    assert query(settings, "select encoding, title from documents") == [(expected[encoding], "عنوان الخبر")]


def test_crash_between_files_is_recovered_by_rerunning(settings, articles, monkeypatch):
    articles("a.txt", GOOD)
    import marsad.lake as lake

    real = lake.write_rows

    def crash_on_documents(lake_dir, table, rows, keys):
        if table == "documents" and rows:
            raise OSError("disk full (simulated)")
        return real(lake_dir, table, rows, keys)

    monkeypatch.setattr("marsad.ingest.write_rows", crash_on_documents)
    with pytest.raises(OSError):
        run_ingest([articles.folder], settings)
    monkeypatch.setattr("marsad.ingest.write_rows", real)
    torn = settings.data_dir / ".staging" / "half-written.parquet"
    torn.write_bytes(b"PAR1 torn")
    os.utime(torn, (0, 0))
    assert ingest_and_build(settings, articles.folder).counts == {"new": 1}
    assert query(settings, "select count(*) from documents") == [(1,)]
    assert query(settings, "select count(*), count(distinct sentence_id) from sentences") == [(3, 3)]
    assert not torn.exists()


def test_unexpected_parse_error_rejects_only_that_document(settings, articles, monkeypatch):
    articles("a.txt", GOOD)
    articles("b.txt", GOOD_EN)
    import marsad.ingest

    real = marsad.ingest.parse

    def fragile(raw, ingested_at):
        if raw.ref.path.endswith("a.txt"):
            raise IndexError("boom")
        return real(raw, ingested_at)

    monkeypatch.setattr(marsad.ingest, "parse", fragile)
    report = run_ingest([articles.folder], settings)
    assert report.counts == {"new": 1, "rejected": 1}
    assert report.rejects[0].reason == "parse_error" and "IndexError: boom" in report.rejects[0].message


@pytest.mark.parametrize("paths, tags", [
    (["https://example.com/a", "HTTP://example.com/b"], ["web"]),
    (["crawl.warc.gz", "old/CRAWL.WARC", "notes/"], ["files", "warc"]),
    (["articles", "https://example.com/feed.xml"], ["files", "web"]),
    (["ftp://example.com/a.txt"], ["files"]),
])
def test_source_tags_name_the_kinds_a_run_reads(paths, tags):
    from marsad.sources import source_tags
    assert source_tags(paths) == tags


@pytest.mark.parametrize("parts", [("a",), ("doc-0001", "x y"), ("قال",), ('a"b',), ("a\\b",), ("a\nb", "c"),
                                   ("\x7f\u2028",), ("é", "\x1f"), (None,), (1, "a"), (["a"],), ("",), ()])
def test_content_ids_are_the_hash_of_the_parts_canonical_json(parts):
    import hashlib
    import json
    from marsad.ids import content_id
    canonical = json.dumps(parts, ensure_ascii=False, sort_keys=True, default=str)
    assert content_id(*parts) == hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]
