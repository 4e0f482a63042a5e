"""Fetching pages over HTTP: polite, bounded, and one line per failure.

:class:`Fetcher` wraps one httpx client. Every request names revtrack in its
User-Agent, obeys the host's robots.txt (read once per host: a 4xx means no
rules, an unreachable one means no fetching, as RFC 9309 says), waits a delay
between requests to one host, and sends the validators of the last fetch
(ETag, Last-Modified) so an unchanged page costs a 304 and nothing is stored.
Only http and https; bodies are read as they arrive and refused past a size
limit counted after decompression (a gzip bomb stops at the limit); redirects
and time are bounded. Every failure is an :class:`~revtrack.errors.InputError`
naming the URL and the cause.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

from revtrack.errors import InputError


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("revtrack")
    except PackageNotFoundError:
        return "dev"


@dataclass(frozen=True)
class FetchOptions:
    """Limits and manners for fetching."""

    timeout: float = 20.0  # seconds, for connecting and for each read
    max_bytes: int = 10 * 1024 * 1024  # of a body, after decompression
    max_redirects: int = 5
    host_delay: float = 1.0  # seconds between two requests to one host
    user_agent: str = ""

    def agent(self) -> str:
        """The User-Agent sent: revtrack, its version and what it is."""
        return self.user_agent or f"revtrack/{_version()} (news revision tracker; respects robots.txt)"


@dataclass(frozen=True)
class Page:
    """A fetched response body and what is needed to fetch it again cheaply."""

    url: str  # after redirects
    body: bytes
    content_type: str
    etag: str | None
    last_modified: str | None


#: Content types taken as pages; feeds add their own (see ``accept``).
PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
FEED_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/xml",
    "text/xml",
    "application/rdf+xml",
)


class Fetcher:
    """One HTTP client with robots.txt, a per-host delay and limits (use as a context manager)."""

    def __init__(
        self,
        options: FetchOptions | None = None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        import httpx  # only the fetching commands load it

        options = options or FetchOptions()
        self.options = options
        self._httpx = httpx
        self._client = httpx.Client(
            headers={"User-Agent": options.agent()},
            timeout=httpx.Timeout(options.timeout),
            follow_redirects=True,
            max_redirects=options.max_redirects,
        )
        self._robots: dict[str, RobotFileParser] = {}
        self._last_request: dict[str, float] = {}
        self._clock, self._sleep = clock, sleep

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self._client.close()

    def get(
        self,
        url: str,
        etag: str | None = None,
        last_modified: str | None = None,
        accept: tuple[str, ...] = PAGE_TYPES,
    ) -> Page | None:
        """The page at ``url``, or None when the server says it has not changed (304)."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise InputError(url, "not an http or https URL")
        if not self._allowed(url):
            raise InputError(url, "disallowed by the site's robots.txt; not fetched")
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        status, final_url, response_headers, body = self._request(url, headers)
        if status == 304:
            return None
        if status >= 400:
            raise InputError(url, f"HTTP {status}")
        content_type = response_headers.get("content-type", "").split(";")[0].strip().lower()
        if content_type and content_type not in accept:
            raise InputError(url, f"not a page revtrack reads (content type {content_type})")
        return Page(
            final_url, body, content_type, response_headers.get("etag"), response_headers.get("last-modified")
        )

    # ------------------------------------------------------------------ inside
    def _request(self, url: str, headers: dict[str, str]) -> tuple[int, str, dict[str, str], bytes]:
        httpx = self._httpx
        self._wait_for_host(url)
        limit = self.options.max_bytes
        try:
            with self._client.stream("GET", url, headers=headers) as response:
                declared = response.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > limit:
                    raise InputError(url, f"too large ({int(declared)} bytes; the limit is {limit})")
                chunks, size = [], 0
                for chunk in response.iter_bytes():  # decoded: the limit counts inflated bytes
                    size += len(chunk)
                    if size > limit:
                        raise InputError(url, f"too large (over {limit} bytes once decompressed)")
                    chunks.append(chunk)
                return response.status_code, str(response.url), dict(response.headers), b"".join(chunks)
        except httpx.TooManyRedirects:
            raise InputError(url, f"too many redirects (more than {self.options.max_redirects})") from None
        except httpx.TimeoutException:
            raise InputError(url, f"timed out after {self.options.timeout:g} s") from None
        except httpx.DecodingError as exc:
            raise InputError(url, f"the body does not decompress ({exc})") from None
        except httpx.InvalidURL as exc:
            raise InputError(url, f"not a valid URL ({exc})") from None
        except httpx.HTTPError as exc:  # DNS, refused connections, TLS, protocol errors
            raise InputError(url, f"cannot fetch ({_reason(exc)})") from None
        finally:
            self._last_request[_host(url)] = self._clock()

    def _wait_for_host(self, url: str) -> None:
        last = self._last_request.get(_host(url))
        if last is not None:
            wait = self.options.host_delay - (self._clock() - last)
            if wait > 0:
                self._sleep(wait)

    def _allowed(self, url: str) -> bool:
        host = _host(url)
        rules = self._robots.get(host)
        if rules is None:
            rules = self._robots[host] = self._read_robots(url)
        return rules.can_fetch(self.options.agent(), url)

    def _read_robots(self, url: str) -> RobotFileParser:
        parts = urlsplit(url)
        robots_url = f"{parts.scheme}://{parts.netloc}/robots.txt"
        rules = RobotFileParser(robots_url)
        try:
            status, _, _, body = self._request(robots_url, {})
        except InputError as exc:  # the host is unreachable: so is the page; asked again next time
            raise InputError(url, exc.problem) from None
        if status >= 500:
            rules.disallow_all = True  # robots.txt unavailable: fetch nothing from the host (RFC 9309)
        elif status >= 400:
            rules.allow_all = True  # no robots.txt: no rules
        else:
            rules.parse(body.decode("utf-8", "replace").splitlines())
        return rules


def _host(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def _reason(exc: Exception) -> str:
    """An httpx error's cause in a few words (the innermost message).

    >>> _reason(OSError("[Errno -2] Name or service not known"))
    '[Errno -2] Name or service not known'
    """
    text = str(exc) or type(exc).__name__
    return " ".join(text.split())[:200]
