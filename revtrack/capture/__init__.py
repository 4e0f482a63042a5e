"""Capture: pages as they arrive (HTML today), turned into text revtrack can extract.

Imported by ingest and the benchmarks, never by the core's lower layers.
"""
