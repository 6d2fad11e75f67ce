"""Actors: recognise, code and link who appears in an article (lexicon + rules per language)."""

from .lexicon import Actor, Lexicon, default_lexicon, load_lexicon
from .resolve import Mention, extract_mentions

__all__ = ["Actor", "Lexicon", "Mention", "default_lexicon", "extract_mentions", "load_lexicon"]
