"""A self-contained HTML page: one inline style sheet, nothing else loaded, a strict CSP.

Every page revtrack writes (``diff --format html``, ``report``) goes through
:func:`html_document`: a viewport for phones, the style sheet inline, and a
Content-Security-Policy that allows that one style sheet (by its SHA-256, as
CSP requires) and nothing else: no script, no image, no font, no frame, no
request at all. Scraped text reaches the page only escaped (callers escape it).
"""

from __future__ import annotations

import base64
import hashlib
import html


def csp(css: str) -> str:
    """The page's policy: nothing loads but the inline style sheet ``css``.

    >>> csp("p{}").split("; ")[:2]
    ["default-src 'none'", "style-src 'sha256-gG2yISYereRMiG2lMXrbiUgi0Ubw9p7QCeWcroOvy9Y='"]
    """
    digest = base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode("ascii")
    return f"default-src 'none'; style-src 'sha256-{digest}'; base-uri 'none'; form-action 'none'"


def html_document(title: str, body: str, css: str) -> str:
    """A whole page: ``title`` (plain text, escaped here), ``body`` (HTML, already safe)."""
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en"><head><meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f'<meta http-equiv="Content-Security-Policy" content="{csp(css)}">',
            '<meta name="referrer" content="no-referrer">',
            f"<title>{html.escape(title, quote=True)}</title>",
            f"<style>{css}</style></head><body>",
            body,
            "</body></html>",
        ]
    )
