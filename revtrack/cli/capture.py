"""``revtrack fetch`` and ``revtrack watch``: revtrack fetching pages and feeds itself.

Thin: options are parsed here, the work is in :mod:`revtrack.capture`.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from revtrack.cli.support import _fail, _open, _reported, db_option, need_extra
from revtrack.errors import RevtrackError


def _fetch_options(delay: float, timeout: float, max_bytes: int):
    from revtrack.capture.fetch import FetchOptions

    return FetchOptions(timeout=timeout, max_bytes=max_bytes, host_delay=delay)


fetch_limits = [
    click.option(
        "--delay",
        type=click.FloatRange(0),
        default=1.0,
        show_default=True,
        help="Seconds between requests to one host.",
    ),
    click.option(
        "--timeout",
        type=click.FloatRange(0.1),
        default=20.0,
        show_default=True,
        help="Seconds for a whole request (redirects included), and per read.",
    ),
    click.option(
        "--max-bytes",
        type=click.IntRange(1),
        default=10 * 1024 * 1024,
        show_default=True,
        help="Largest body accepted, after decompression.",
    ),
]


def _with_limits(command):
    for option in reversed(fetch_limits):
        command = option(command)
    return command


def _print_errors(errors: list[str]) -> None:
    from revtrack.safety import inert_line

    for error in errors:
        click.echo(f"revtrack: {inert_line(error)}", err=True)


config_option = click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False),
    help="Config file (default: the user config dir's config.yaml).",
)


@click.command()
@click.argument("urls", nargs=-1)
@click.option("--recheck", is_flag=True, help="Also fetch again now every page fetched before (due or not).")
@config_option
@_with_limits
@db_option
def fetch(
    urls: tuple[str, ...],
    recheck: bool,
    config_path: str | None,
    delay: float,
    timeout: float,
    max_bytes: int,
    db: str | None,
) -> None:
    """Fetch pages now and ingest them, the fetch time as the capture time.

    Each page joins the revisit schedule, so ``watch`` checks it again as it
    ages. An unchanged page (a 304, or bytes stored before) adds nothing.
    robots.txt is obeyed. Each failure is one line naming the URL; the others go
    on (exit 2). ``--recheck`` fetches every tracked page again now and prints a
    line per change.
    """
    need_extra("httpx", "capture", "revtrack fetch")
    from revtrack.capture.fetch import Fetcher
    from revtrack.capture.pages import fetch_urls
    from revtrack.capture.watch import recheck_all

    if not urls and not recheck:
        _fail(RevtrackError("nothing to fetch: name URLs, or give --recheck"))
    policy = _policy(_checked_config(config_path))
    with (
        _reported(db),
        _open(db, create=True) as store,
        Fetcher(_fetch_options(delay, timeout, max_bytes)) as fetcher,
    ):
        report = fetch_urls(store, urls, fetcher=fetcher, policy=policy)
        again = recheck_all(store, fetcher, policy) if recheck else None
    _print_errors(report.errors + (again.errors if again else []))
    failed = f", {len(report.errors)} failed" if report.errors else ""
    if urls:
        click.echo(
            f"{report.fetched} page(s) stored, {report.unchanged} unchanged{failed}:"
            f" {report.new_revisions} new revision(s)"
        )
    if again is not None:
        _print_changes(again.changes)
        click.echo(
            f"{again.rechecked} page(s) re-checked, {len(again.errors)} failed:"
            f" {len(again.changes)} change(s)"
        )
    if report.errors or (again and again.errors):
        sys.exit(2)


def _config(path: str | None) -> dict:
    from revtrack.config import read_config

    try:
        return read_config(Path(path) if path else None)
    except ValueError as exc:
        raise RevtrackError(str(exc)) from None


@click.command()
@click.argument("feeds", nargs=-1)
@click.option("--once", is_flag=True, help="One pass, then exit (for cron and systemd timers).")
@click.option(
    "--now",
    "everything",
    is_flag=True,
    help="One pass that re-checks every tracked page, due or not, then exit.",
)
@click.option("--every", default="5m", show_default=True, help="How often feeds are read when running on.")
@click.option("--notify-cmd", help="Command run with a story id as its last argument when the story changes.")
@click.option(
    "--notify",
    "notify_urls",
    multiple=True,
    metavar="URL",
    help="An Apprise URL (mailto://, slack://, json://...) sent each change with its diff (repeatable;"
    " adds to config.yaml's notify:).",
)
@config_option
@_with_limits
@db_option
def watch(
    feeds: tuple[str, ...],
    once: bool,
    everything: bool,
    every: str,
    notify_cmd: str | None,
    notify_urls: tuple[str, ...],
    config_path: str | None,
    delay: float,
    timeout: float,
    max_bytes: int,
    db: str | None,
) -> None:
    """Follow RSS/Atom feeds: fetch new articles, re-fetch tracked ones as they age.

    Feeds come from the command line and from config.yaml (``feeds:``); the
    revisit schedule from ``revisit:`` (pairs of until-age and interval, default
    6h/15m, 2d/1h, 14d/1d), for every page fetched, by ``fetch`` or from a feed.
    Each change found prints one line, and goes with its diff to every Apprise
    URL of ``notify:`` and ``--notify``. Without --once or --now it runs until
    Ctrl-C, safe to stop at any moment.
    """
    need_extra("httpx", "capture", "revtrack watch")
    need_extra("feedparser", "capture", "revtrack watch")
    from revtrack.capture.fetch import Fetcher
    from revtrack.capture.schedule import parse_duration

    config = _checked_config(config_path)
    policy = _policy(config)
    try:
        interval = parse_duration(every).total_seconds()
    except ValueError as exc:
        _fail(RevtrackError(f"--every: {exc}"))
    once = once or everything
    listed = config.get("feeds") or []
    if not isinstance(listed, list) or not all(isinstance(f, str) for f in listed):
        _fail(RevtrackError("config.yaml: 'feeds' must be a list of URLs"))
    all_feeds = list(dict.fromkeys([*feeds, *listed]))
    if not all_feeds:
        _fail(RevtrackError("no feeds: name them on the command line or under 'feeds:' in config.yaml"))
    notify = notify_cmd or config.get("notify_cmd")
    if notify is not None and not isinstance(notify, str):
        _fail(RevtrackError("config.yaml: 'notify_cmd' must be a command line (text)"))
    notifier = _Notifier(cmd=notify, urls=_notify_urls(config, notify_urls))
    failed = False
    with (
        _reported(db),
        _open(db, create=True) as store,
        Fetcher(_fetch_options(delay, timeout, max_bytes)) as fetcher,
    ):
        try:  # Ctrl-C at any moment: the pass stops, the store closes after, not before
            while True:
                failed = (
                    _watch_pass(store, all_feeds, fetcher, policy, notifier, once, every, everything)
                    or failed
                )
                if once:
                    break
                time.sleep(interval)
        except KeyboardInterrupt:
            click.echo("\nrevtrack: stopped", err=True)
    if failed:
        sys.exit(2)


def _checked_config(path: str | None) -> dict:
    """config.yaml read, or one line and exit 2."""
    try:
        return _config(path)
    except RevtrackError as exc:
        _fail(exc)


def _policy(config: dict):
    """The revisit schedule of config.yaml's ``revisit:``, or the default; one line and exit 2 if bad."""
    from revtrack.capture.schedule import Revisit

    try:
        return Revisit.parse(config["revisit"]) if "revisit" in config else Revisit()
    except ValueError as exc:
        _fail(RevtrackError(f"config.yaml: {exc}"))


def _notify_urls(config: dict, given: tuple[str, ...]) -> list[str]:
    """config.yaml's ``notify:`` (a URL or a list) and ``--notify``, checked by Apprise before
    any pass; one line and exit 2 when one cannot be used (naming its service, not its secrets)."""
    listed = config.get("notify") or []
    if isinstance(listed, str):
        listed = [listed]
    if not isinstance(listed, list) or not all(isinstance(u, str) for u in listed):
        _fail(RevtrackError("config.yaml: 'notify' must be an Apprise URL or a list of them"))
    urls = list(dict.fromkeys([*listed, *given]))
    if urls:
        need_extra("apprise", "capture", "notify: (Apprise URLs)")
        from revtrack.capture.notify import check_urls, service

        bad = check_urls(urls)
        if bad is not None:
            _fail(RevtrackError(f"notify: Apprise cannot use this {service(bad)} URL"))
    return urls


class _Notifier:
    """What ``watch`` does with each change: ``--notify-cmd`` and Apprise messages."""

    def __init__(self, cmd: str | None, urls: list[str]) -> None:
        self.cmd, self.urls = cmd, urls

    def changed(self, store, line: str) -> None:
        story = line.split()[0]
        if self.cmd:
            _notify(self.cmd, story)
        if self.urls:
            from revtrack.capture.notify import change_message, send

            message = change_message(store, story)
            if message is not None:
                for failed in send(self.urls, message):
                    click.echo(f"revtrack: notification via {failed} failed for story {story}", err=True)


def _print_changes(changes: list[str], store=None, notifier: _Notifier | None = None) -> None:
    for line in changes:
        click.echo(f"changed  {line}")
        if notifier is not None:
            notifier.changed(store, line)


def _watch_pass(
    store, feeds: list[str], fetcher, policy, notifier: _Notifier, once: bool, every: str, everything: bool
) -> bool:
    """One pass, its errors and changes printed; True when something failed."""
    from revtrack.capture.watch import tracked_count, watch_once

    report = watch_once(store, feeds, fetcher, policy, everything=everything)
    if sys.stderr.isatty() and not once:
        click.echo("\r\x1b[K", err=True, nl=False)  # clear the status line before printing
    _print_errors(report.errors)
    from revtrack.safety import inert_line

    for note in report.notes:
        click.echo(f"revtrack: note: {inert_line(note)}", err=True)
    _print_changes(report.changes, store, notifier)
    status = (
        f"{report.feeds}/{len(feeds)} feed(s) read, {report.new_articles} new article(s),"
        f" {report.rechecked} re-checked, {tracked_count(store, policy)} tracked,"
        f" {len(report.changes)} change(s)"
    )
    if once:
        click.echo(status)
    elif sys.stderr.isatty():
        click.echo(f"\r\x1b[K{status}; next pass in {every}", err=True, nl=False)
    return bool(report.errors)


def _notify(command: str, story_id: str) -> None:
    import shlex
    import subprocess

    try:
        subprocess.run([*shlex.split(command), story_id], check=False, timeout=60)
    except (OSError, subprocess.TimeoutExpired, ValueError) as exc:
        click.echo(f"revtrack: --notify-cmd failed ({exc})", err=True)
