"""Screens of the revtrack TUI."""
