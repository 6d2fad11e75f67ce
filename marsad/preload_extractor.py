"""Imported by the workers' fork server (marsad/forkserver.py) after marsad.preload when extraction
runs on workers: loads the extractor once, so the workers share its lexicons. Importing it anywhere
else loads them too."""

from __future__ import annotations

try:
    from .extract import default_extractor

    default_extractor()     # lexicons loaded, then frozen out of the cyclic GC (see default_extractor)
except KeyboardInterrupt:   # Ctrl-C while the server loads: the run stops too; end quietly, no traceback
    raise SystemExit(130) from None
