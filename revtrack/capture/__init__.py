"""Capture: revtrack fetching pages and feeds itself, the only package that uses the network.

``fetch.py`` (one polite, bounded HTTP client: robots.txt, a per-host delay,
conditional GETs, size and time limits), ``pages.py`` (a fetched page stored as
a capture), ``schedule.py`` (the revisit schedule every fetched page follows)
and ``watch.py`` (RSS and Atom feeds, new entries fetched, tracked pages
re-checked). What a page's bytes become is :mod:`revtrack.ingest`'s work.
"""
