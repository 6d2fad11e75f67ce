"""Claims: who said what, with the content span, its cue and its speaker."""
