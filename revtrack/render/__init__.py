"""Rendering: stories, logs, revisions and diffs as terminal text, JSON or HTML.

Every renderer passes article text through :mod:`revtrack.safety` first.
"""
