"""Events: who did what to whom, when, coded to PLOVER types with modality and time scope."""
