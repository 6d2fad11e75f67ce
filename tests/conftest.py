"""Shared fixtures: paths, the seed and its gold reading, settings in a temp dir, file makers."""

from __future__ import annotations

import json
import logging
import os
import shutil
import tempfile
from pathlib import Path

import pytest
import yaml

from marsad import prefect_env
from marsad.settings import Settings

# Before any test imports Prefect: marsad's loggers reach flow-run logs, as with the CLI.
os.environ.update({k: v for k, v in prefect_env.RUN_LOGS.items() if k not in os.environ})
# Runs in tests report to a temporary API that ends with them, unless a test asks for the kept
# server (tests/test_local_server.py), which then lives in a state dir of the session's own, never
# the user's, and is stopped at the end (pytest_sessionfinish): no server outlives the suite.
os.environ.setdefault("MARSAD_PREFECT_SERVER", "temporary")
STATE_DIR = Path(tempfile.mkdtemp(prefix="marsad-test-state-"))
os.environ["MARSAD_STATE_DIR"] = str(STATE_DIR)
# The extractor cache of the tests' own processes and of the runs they start with the session's
# environment: a folder of the tests, kept between sessions (loading the lexicons takes ~6 s),
# never the user's ~/.cache/marsad (marsad/extractor_cache.py).
os.environ.setdefault("MARSAD_CACHE_DIR", str(Path(tempfile.gettempdir()) / f"marsad-tests-{os.getuid()}" / "cache"))

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "data" / "seeds" / "000_41b2fde5789d507b.txt"
GOLD_DIR = Path(__file__).resolve().parent / "gold"
ARTICLES_DIR = Path(__file__).resolve().parent / "data" / "articles"
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus" / "saudinewsnet" / "saudinewsnet_all_31030.jsonl.gz"


@pytest.fixture(scope="session")
def seed_text() -> str:
    """The bundled seed article as text."""
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def gold() -> dict:
    """The gold reading of the seed (a copy of ../shared/gold kept in the repo)."""
    return yaml.safe_load((GOLD_DIR / f"{SEED.stem}.yaml").read_text(encoding="utf-8"))


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings writing under a fresh temp data dir."""
    return Settings.load({"data_dir": tmp_path / "data"}, environ={})


@pytest.fixture
def marsad_warnings(caplog):
    """caplog holding marsad's warnings, even once Prefect's logging set-up has taken the `marsad`
    logger as one of its extra loggers (it then stops passing records up to the root's capture)."""
    logger = logging.getLogger("marsad")
    logger.addHandler(caplog.handler)
    try:
        with caplog.at_level(logging.WARNING, logger="marsad"):
            yield caplog
    finally:
        logger.removeHandler(caplog.handler)


@pytest.fixture
def articles(tmp_path: Path):
    """A folder and a function writing an article (text or bytes) and an optional sidecar."""
    folder = tmp_path / "articles"
    folder.mkdir()

    def write(name: str, content: str | bytes, meta: dict | None = None) -> Path:
        path = folder / name
        data = content.encode("utf-8") if isinstance(content, str) else content
        path.write_bytes(data)
        if meta is not None:
            sidecar = path.with_name(path.name.removesuffix(path.suffix) + ".meta.json")
            sidecar.write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
        return path

    write.folder = folder
    return write


@pytest.fixture(scope="session")
def built_warehouse(tmp_path_factory) -> Settings:
    """Settings of a warehouse built once a session from the seed and the test articles."""
    from flows.pipeline import pipeline
    from marsad.ingest import Sources

    settings = Settings.load({"data_dir": tmp_path_factory.mktemp("built") / "data"}, environ={})
    harness()
    pipeline(Sources((str(SEED), str(ARTICLES_DIR))), settings)
    return settings


def run_ingest(paths: list, settings: Settings, web=None):
    """The ingest flow on these paths and the page URLs, feeds and sitemaps of `web` (WebSources)."""
    from flows.ingest import ingest
    from marsad.ingest import Sources
    from marsad.web.sources import WebSources

    web = web or WebSources()
    harness()
    return ingest(Sources(tuple(str(p) for p in [*paths, *web.urls]), (), web.feeds, web.sitemaps,
                          web.refresh, web.reparse), settings)


def run_extract(settings: Settings):
    """The extract flow."""
    from flows.extract import extract

    harness()
    return extract(settings)


@pytest.fixture(scope="session")
def corpus_path() -> Path:
    """The saudinewsnet corpus in ../shared, or a skip when this clone has no ../shared."""
    if not CORPUS.exists():
        pytest.skip(f"needs the corpus at {CORPUS} (../shared is absent on a user's clone)")
    return CORPUS


_HARNESS: list = []       # the session's Prefect test harness, once started


def harness() -> None:
    """Start the session's Prefect test harness (a temporary server with its own database) once."""
    if _HARNESS:
        return
    prefect_env.configure()
    os.environ.setdefault("PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL", "CRITICAL")
    from prefect.testing.utilities import prefect_test_harness

    from flows.runner import without_heartbeats

    context = prefect_test_harness(server_startup_timeout=120)
    context.__enter__()
    _HARNESS.append(context)
    quiet = without_heartbeats()     # as `marsad run`: each flow run's end would wait up to 1 s
    quiet.__enter__()
    _HARNESS.append(quiet)


def pytest_sessionfinish(session, exitstatus) -> None:
    """Stop the harness, if a test started it (quietly: no "Stopping temporary server" line)."""
    if _HARNESS:
        logging.getLogger("prefect").setLevel(logging.WARNING)
    while _HARNESS:
        _HARNESS.pop().__exit__(None, None, None)
    from marsad import local_server
    from marsad.errors import MarsadError

    try:
        local_server.stop(STATE_DIR)
    except MarsadError:             # a `marsad serve` of a test still runs: it ends with that test
        pass
    shutil.rmtree(STATE_DIR, ignore_errors=True)


@pytest.fixture(scope="session")
def prefect_harness():
    """The session's Prefect test harness, for tests that call flows themselves."""
    harness()
