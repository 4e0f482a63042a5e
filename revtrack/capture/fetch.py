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

import contextlib
import signal
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

from revtrack.errors import InputError
from revtrack.extract.decode import DOCUMENT_TYPES


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("revtrack")
    except PackageNotFoundError:
        return "dev"


@dataclass(frozen=True)
class FetchOptions:
    """Limits and manners for fetching."""

    timeout: float = 20.0  # seconds, for a whole request (redirects included) and for each read
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


#: Content types taken as pages (and documents: a statement published as a PDF or a Word
#: file is tracked as a page is); feeds add their own (see ``accept``).
PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain", *DOCUMENT_TYPES)
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
            follow_redirects=False,  # followed by hand, each hop's robots.txt checked
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
        _check_url(url, url)
        if not self._allowed(url):
            raise InputError(url, "disallowed by the site's robots.txt; not fetched")
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        status, final_url, response_headers, body = self._request(url, headers, robots=True)
        if status == 304:
            return None
        if status >= 400:
            raise InputError(url, f"HTTP {status}")
        content_type = response_headers.get("content-type", "").split(";")[0].strip().lower()
        if content_type and content_type not in accept:
            if content_type in (*FEED_TYPES, "application/feed+json"):
                # a feed's entries are summaries: watch fetches each entry's page
                raise InputError(
                    url, f"a feed, not a page ({content_type}); follow it with `revtrack watch {url}`"
                )
            raise InputError(url, f"not a page revtrack reads (content type {content_type})")
        return Page(
            final_url, body, content_type, response_headers.get("etag"), response_headers.get("last-modified")
        )

    # ------------------------------------------------------------------ inside
    def _request(
        self, url: str, headers: dict[str, str], robots: bool = False
    ) -> tuple[int, str, dict[str, str], bytes]:
        """GET ``url``, following redirects one hop at a time (each hop's robots.txt obeyed when
        ``robots``), within the time limit for the whole request and the size limit."""
        httpx = self._httpx
        timeout = self.options.timeout
        deadline = self._clock() + timeout
        current: str | None = url
        try:
            with _alarm(timeout):
                for _ in range(self.options.max_redirects + 1):
                    current, result = self._hop(url, current, headers, robots, deadline)
                    if result is not None:
                        return result
            raise InputError(url, f"too many redirects (more than {self.options.max_redirects})")
        except _Deadline:
            raise InputError(url, f"timed out after {timeout:g} s in all") from None
        except httpx.TimeoutException:
            raise InputError(url, f"timed out after {timeout:g} s") from None
        except httpx.DecodingError as exc:
            raise InputError(url, f"the body does not decompress ({exc})") from None
        except httpx.InvalidURL as exc:
            raise InputError(url, f"not a valid URL ({exc})") from None
        except httpx.HTTPError as exc:  # DNS, refused connections, TLS, protocol errors
            raise InputError(url, f"cannot fetch ({_reason(exc)})") from None
        except (UnicodeError, ValueError) as exc:  # a host name IDNA refuses, a malformed redirect
            raise InputError(url, f"not a valid URL ({_reason(exc)})") from None

    def _hop(
        self, url: str, current: str, headers: dict[str, str], robots: bool, deadline: float
    ) -> tuple[str, tuple[int, str, dict[str, str], bytes] | None]:
        """One request: ``(next URL, None)`` for a redirect, else ``(current, the response)``."""
        self._wait_for_host(current)
        try:
            with self._client.stream("GET", current, headers=headers) as response:
                if not (response.is_redirect and "location" in response.headers):
                    body = self._read_body(url, response, deadline)
                    return current, (response.status_code, str(response.url), dict(response.headers), body)
                target = str(response.url.join(response.headers["location"]))
        finally:
            self._last_request[_host(current)] = self._clock()
        _check_url(url, target, what=f"redirected to {target}, not an http or https URL")
        if robots and not self._allowed(target):
            raise InputError(url, f"redirected to {target}, which its robots.txt disallows; not fetched")
        return target, None

    def _read_body(self, url: str, response, deadline: float) -> bytes:
        """A response's body, refused past the size limit (counted inflated) or the deadline."""
        limit = self.options.max_bytes
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise InputError(url, f"too large ({int(declared)} bytes; the limit is {limit})")
        chunks, size = [], 0
        for chunk in response.iter_bytes():  # decoded: the limit counts inflated bytes
            size += len(chunk)
            if size > limit:
                raise InputError(url, f"too large (over {limit} bytes once decompressed)")
            if self._clock() > deadline:  # a server trickling bytes (where no alarm can ring)
                raise _Deadline
            chunks.append(chunk)
        return b"".join(chunks)

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
            unreachable = exc.problem.startswith(("cannot fetch", "timed out"))
            raise InputError(url, exc.problem if unreachable else f"its robots.txt: {exc.problem}") from None
        if status >= 500:
            rules.disallow_all = True  # robots.txt unavailable: fetch nothing from the host (RFC 9309)
        elif status >= 400:
            rules.allow_all = True  # no robots.txt: no rules
        else:
            rules.parse(body.decode("utf-8", "replace").splitlines())
        return rules


class _Deadline(BaseException):
    """The whole request took longer than its time limit (raised by the alarm or the body loop).

    A BaseException, so that no ``except Exception`` inside the HTTP stack swallows it.
    """


@contextlib.contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    """Interrupt whatever the request is waiting for after ``seconds`` (main thread only).

    httpx bounds each read, not the request: a server sending its headers a byte a
    second is never refused. SIGALRM interrupts the blocking read; elsewhere (a
    thread), the body loop checks the deadline between chunks.
    """
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def ring(signum: int, frame: object) -> None:
        raise _Deadline

    previous = signal.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _check_url(url: str, target: str, what: str = "not an http or https URL") -> None:
    """An :class:`InputError` naming ``url`` unless ``target`` is a well-formed http(s) URL.

    >>> _check_url("http://[::1/x", "http://[::1/x")
    Traceback (most recent call last):
    revtrack.errors.InputError: http://[::1/x: not a valid URL (Invalid IPv6 URL)
    """
    try:
        parts = urlsplit(target)
        host = parts.hostname
        parts.port  # noqa: B018 - raises on a port that is not a number
    except ValueError as exc:
        raise InputError(url, f"not a valid URL ({exc})") from None
    if parts.scheme not in ("http", "https") or not host:
        raise InputError(url, what)


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
