"""The Textual terminal UI. Imports the core; the core never imports this package."""
