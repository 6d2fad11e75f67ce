"""Imported by the workers' fork server (marsad/forkserver.py) before it forks any worker: loads
the extractor once, so the workers share its lexicons. Importing it anywhere else loads them too."""

from __future__ import annotations

from .extract import default_extractor

default_extractor()     # lexicons loaded, then frozen out of the cyclic GC (see default_extractor)
