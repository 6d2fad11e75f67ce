"""Imported by the workers' fork server (marsad/forkserver.py) after marsad.preload when extraction
runs on workers: loads the extractor once, so the workers share its lexicons, and extracts each
language's warm-up paragraph, so they share what extraction loads on first use too. Importing it
anywhere else does the same.

The warm-up, 2 workers on 10,000 corpus articles: each worker's private memory after its first
500 documents 146 -> 49 MiB (the server +63 MiB, shared), and the lists loaded once instead of
once a worker (2026-12-07, /tmp measurements quoted in the README's cold-run figures)."""

from __future__ import annotations

import gc

try:
    from .extract import default_extractor, warm_up

    warm_up(default_extractor())    # lexicons loaded and frozen out of the cyclic GC (default_extractor)
    gc.collect()                    # the warm-up's garbage (the frozen lexicons are not walked)
    gc.freeze()                     # and what it loaded, frozen too
except KeyboardInterrupt:   # Ctrl-C while the server loads: the run stops too; end quietly, no traceback
    raise SystemExit(130) from None
