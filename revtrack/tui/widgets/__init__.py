"""Widgets of the revtrack TUI."""
