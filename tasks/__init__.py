"""Prefect tasks: thin wrappers around marsad's core, one task per batch of documents."""
