"""Incremental builds: a run updates only what its new lake files change, and gives the very
tables a full build (--force-build) gives, run after run."""

import dataclasses
from datetime import datetime, timezone
import os
import shutil

import duckdb
import pytest

from marsad.extract import default_extractor, extract_batch, pending, read_documents, write_extraction
from marsad.warehouse import BUILD_TABLE, FILES_TABLE, build, check

from conftest import ARTICLES_DIR, SEED, run_extract, run_ingest

# Short articles written for this test: actors, claims and events in both languages.
OWN = {
    "own_1.txt": "وزير الخارجية السعودي يلتقي نظيره الأردني\n"
                 "بحث الوزيران العلاقات الثنائية.\n"
                 "التقى وزير الخارجية السعودي الأمير فيصل بن فرحان نظيره الأردني أيمن الصفدي في الرياض يوم الأحد.\n"
                 "وقال الصفدي إن البلدين يعملان معا من أجل استقرار المنطقة.\n",
    "own_2.txt": "Protesters rally in Amman\n"
                 "Thousands marched on Friday.\n"
                 "Thousands of protesters marched in Amman on Friday to demand lower prices.\n"
                 "The Jordanian government said it would study the demands, a spokesman told reporters.\n",
    "own_3.txt": "الجيش الإسرائيلي يقصف غزة\n"
                 "غارات جديدة على القطاع.\n"
                 "قصف الجيش الإسرائيلي مواقع في قطاع غزة يوم الثلاثاء، بحسب ما أفادت وكالة الأنباء الفلسطينية.\n"
                 "وأدانت مصر الهجوم وقالت إنه يهدد جهود التهدئة.\n",
    "own_4.txt": "Iran and Iraq sign trade deal\n"
                 "The two neighbours agreed to expand trade.\n"
                 "Iran and Iraq signed a trade agreement in Baghdad on Monday, the Iraqi foreign ministry said.\n"
                 "The United States criticised the deal.\n",
}


def page(text: str) -> str:
    """A saved web page holding an article (saved pages get a simhash; text files do not)."""
    title, *paragraphs = text.strip().split("\n")
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>{body}</article></body></html>"


def tables(path) -> dict[str, list[tuple]]:
    """Every mart's rows, sorted."""
    with duckdb.connect(str(path), read_only=True) as con:
        names = [r[0] for r in con.execute(
            "select table_name from duckdb_tables() where schema_name = 'main' and table_name not in (?, ?)",
            [BUILD_TABLE, FILES_TABLE]).fetchall()]
        return {n: con.execute(f'select * from "{n}" order by all').fetchall() for n in names}


def was_incremental(path) -> bool:
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute(f"select incremental from {BUILD_TABLE}").fetchone()[0]


@pytest.fixture
def folder(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    shutil.copy(SEED, folder)
    for path in sorted(ARTICLES_DIR.iterdir()):
        shutil.copy(path, folder)
    (folder / "wire.html").write_text(page((ARTICLES_DIR / "101_jordan_iraq_border.txt").read_text("utf-8")),
                                      encoding="utf-8")
    for name, text in list(OWN.items())[:2]:
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def run(settings, *paths, extractor=None):
    run_ingest(list(paths), settings)
    if extractor is None:
        run_extract(settings)
    else:                   # another extractor: the core steps the extract flow composes
        todo = pending(settings.lake_dir, extractor.fingerprint)
        write_extraction(settings.lake_dir, extract_batch(read_documents(settings.lake_dir, todo), extractor,
                                                          datetime.now(timezone.utc)))
    return build(settings)


def same_as_full(settings) -> dict[str, list[tuple]]:
    """Assert the published (incremental) build equals a full one; keep the incremental file."""
    target = settings.warehouse_path
    assert was_incremental(target)
    incremental = tables(target)
    kept = target.with_name("incremental.duckdb")
    shutil.copyfile(target, kept)
    build(settings, force=True)
    assert not was_incremental(target)
    full = tables(target)
    assert incremental.keys() == full.keys()
    for name in full:
        assert incremental[name] == full[name], name
    os.replace(kept, target)          # the next step builds on the incremental history
    return incremental


def test_runs_build_incrementally_and_match_a_full_build(settings, folder):
    first = run(settings, folder)
    assert not first.skipped and not was_incremental(settings.warehouse_path)
    documents = first.rows["documents"]

    # new articles
    for name, text in list(OWN.items())[2:]:
        (folder / name).write_text(text, encoding="utf-8")
    run(settings, folder)
    after = same_as_full(settings)
    assert len(after["documents"]) == documents + 2

    # an edited article, an exact copy under another name, a near-copy of another
    edited = folder / "own_1.txt"
    edited.write_text(OWN["own_1.txt"] + "وأكد الجانبان أهمية التنسيق المشترك.\n", encoding="utf-8")
    shutil.copy(folder / "own_2.txt", folder / "own_2_copy.txt")
    original = folder / "wire.html"
    story = (ARTICLES_DIR / "101_jordan_iraq_border.txt").read_text("utf-8")
    (folder / "wire_copy.html").write_text(page(story + "Talks resume next week.\n"), encoding="utf-8")
    run(settings, folder)
    after = same_as_full(settings)
    assert len(after["documents"]) == documents + 3
    assert any(row[-1] is not None for row in after["documents"])       # duplicate_of names wire.html's

    # every document re-extracted by another extractor
    other = dataclasses.replace(default_extractor(), fingerprint="test-other-extractor")
    run(settings, folder, extractor=other)
    assert {row[1] for row in same_as_full(settings)["latest_extractions"]} == {"test-other-extractor"}

    # a deleted article (named, so recorded as unreadable): its near-copy names no document now
    original.unlink()
    run(settings, folder, original)
    after = same_as_full(settings)
    assert len(after["documents"]) == documents + 2
    assert all(row[-1] is None for row in after["documents"])

    # a re-run that adds nothing: the build is skipped and the tables stay
    assert run(settings, folder, original).skipped
    assert tables(settings.warehouse_path) == after
    assert check(settings) > 0


def test_incremental_build_reads_only_the_new_documents(settings, folder):
    run(settings, folder)
    (folder / "own_3.txt").write_text(OWN["own_3.txt"], encoding="utf-8")
    run(settings, folder)
    with duckdb.connect(str(settings.warehouse_path), read_only=True) as con:
        changed = con.execute("select count(*) from changes.changed_docs").fetchone()[0]
        total = con.execute("select count(*) from documents").fetchone()[0]
    assert changed == 1 and total > 1


def test_a_removed_lake_file_makes_a_full_build(settings, folder):
    run(settings, folder)
    (folder / "own_3.txt").write_text(OWN["own_3.txt"], encoding="utf-8")
    run(settings, folder)
    victim = max((settings.lake_dir / "events").glob("*.parquet"), key=os.path.getmtime)
    victim.unlink()
    build(settings)
    assert not was_incremental(settings.warehouse_path)


def test_force_build_is_full(settings, folder):
    run(settings, folder)
    (folder / "own_3.txt").write_text(OWN["own_3.txt"], encoding="utf-8")
    run_ingest([folder], settings)
    run_extract(settings)
    build(settings, force=True)
    assert not was_incremental(settings.warehouse_path)


def test_a_renamed_actor_is_renamed_in_every_speakers_top_mentioned(settings, folder):
    """A build that renames an actor updates the top_mentioned of every speaker of a claim naming
    it, new claims or not (the published file is made to hold an older name for it)."""
    run(settings, folder)
    with duckdb.connect(str(settings.warehouse_path)) as con:
        actor, name, name_ar = con.execute("""
            select a.actor_id, a.name, a.name_ar from claims_by_speaker as s, unnest(s.top_mentioned) as t(n)
            join actors as a on a.name = t.n
            where a.kind = 'country' and a.name_ar is not null
            order by a.actor_id limit 1""").fetchone()
        con.execute("update actors set name = 'Old ' || name where actor_id = ?", [actor])
        con.execute("update claims_by_speaker set top_mentioned = "
                    "list_transform(top_mentioned, n -> case when n = $name then 'Old ' || n else n end)",
                    {"name": name})
    # a new article naming the actor: it is a changed actor, and its row is worked out again
    (folder / "own_9.txt").write_text(f"زيارة رسمية\nوصل وفد رسمي إلى {name_ar} صباح اليوم في زيارة تستغرق يومين.\n",
                                      encoding="utf-8")
    run(settings, folder)
    after = same_as_full(settings)
    assert not any("Old " in str(row) for row in after["claims_by_speaker"])
