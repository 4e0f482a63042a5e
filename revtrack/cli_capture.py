"""``revtrack fetch`` and ``revtrack watch``: revtrack fetching pages and feeds itself.

Thin: options are parsed here, the work is in :mod:`revtrack.capture`.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from revtrack.cli_support import _fail, _open, _reported, db_option
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


@click.command()
@click.argument("urls", nargs=-1, required=True)
@_with_limits
@db_option
def fetch(urls: tuple[str, ...], delay: float, timeout: float, max_bytes: int, db: str | None) -> None:
    """Fetch pages now and ingest them, the fetch time as the capture time.

    An unchanged page (a 304, or bytes stored before) adds nothing. robots.txt is
    obeyed. Each failure is one line naming the URL; the others go on (exit 2).
    """
    from revtrack.capture.pages import fetch_urls

    with _reported(db), _open(db, create=True) as store:
        report = fetch_urls(store, urls, _fetch_options(delay, timeout, max_bytes))
    _print_errors(report.errors)
    failed = f", {len(report.errors)} failed" if report.errors else ""
    click.echo(
        f"{report.fetched} page(s) stored, {report.unchanged} unchanged{failed}:"
        f" {report.new_revisions} new revision(s)"
    )
    if report.errors:
        sys.exit(2)


def _config(path: str | None) -> dict:
    from revtrack.themes import read_yaml_mapping

    if path is None:
        from platformdirs import user_config_dir

        default = Path(user_config_dir("revtrack", appauthor=False)) / "config.yaml"
        return read_yaml_mapping(default) if default.is_file() else {}
    try:
        return read_yaml_mapping(Path(path))
    except ValueError as exc:
        raise RevtrackError(str(exc)) from None


@click.command()
@click.argument("feeds", nargs=-1)
@click.option("--once", is_flag=True, help="One pass, then exit (for cron and systemd timers).")
@click.option("--every", default="5m", show_default=True, help="How often feeds are read when running on.")
@click.option("--notify-cmd", help="Command run with a story id as its last argument when the story changes.")
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False),
    help="Config file (default: the user config dir's config.yaml).",
)
@_with_limits
@db_option
def watch(
    feeds: tuple[str, ...],
    once: bool,
    every: str,
    notify_cmd: str | None,
    config_path: str | None,
    delay: float,
    timeout: float,
    max_bytes: int,
    db: str | None,
) -> None:
    """Follow RSS/Atom feeds: fetch new articles, re-fetch tracked ones as they age.

    Feeds come from the command line and from config.yaml (``feeds:``); the
    revisit schedule from ``revisit:`` (pairs of until-age and interval, default
    6h/15m, 2d/1h, 14d/1d). Each change found prints one line. Without --once it
    runs until Ctrl-C, safe to stop at any moment.
    """
    from revtrack.capture.fetch import Fetcher
    from revtrack.capture.watch import Revisit, parse_duration

    try:
        config = _config(config_path)
        policy = Revisit.parse(config["revisit"]) if "revisit" in config else Revisit()
        interval = parse_duration(every).total_seconds()
    except (ValueError, RevtrackError) as exc:
        _fail(RevtrackError(str(exc)))
    listed = config.get("feeds") or []
    if not isinstance(listed, list) or not all(isinstance(f, str) for f in listed):
        _fail(RevtrackError("config.yaml: 'feeds' must be a list of URLs"))
    all_feeds = list(dict.fromkeys([*feeds, *listed]))
    if not all_feeds:
        _fail(RevtrackError("no feeds: name them on the command line or under 'feeds:' in config.yaml"))
    notify = notify_cmd or config.get("notify_cmd")
    if notify is not None and not isinstance(notify, str):
        _fail(RevtrackError("config.yaml: 'notify_cmd' must be a command line (text)"))
    failed = False
    with (
        _reported(db),
        _open(db, create=True) as store,
        Fetcher(_fetch_options(delay, timeout, max_bytes)) as fetcher,
    ):
        try:  # Ctrl-C at any moment: the pass stops, the store closes after, not before
            while True:
                failed = _watch_pass(store, all_feeds, fetcher, policy, notify, once, every) or failed
                if once:
                    break
                time.sleep(interval)
        except KeyboardInterrupt:
            click.echo("\nrevtrack: stopped", err=True)
    if failed:
        sys.exit(2)


def _watch_pass(store, feeds: list[str], fetcher, policy, notify: str | None, once: bool, every: str) -> bool:
    """One pass, its errors and changes printed; True when something failed."""
    from revtrack.capture.watch import watch_once

    report = watch_once(store, feeds, fetcher, policy)
    if sys.stderr.isatty() and not once:
        click.echo("\r\x1b[K", err=True, nl=False)  # clear the status line before printing
    _print_errors(report.errors)
    from revtrack.safety import inert_line

    for note in report.notes:
        click.echo(f"revtrack: note: {inert_line(note)}", err=True)
    for line in report.changes:
        click.echo(f"changed  {line}")
        if notify:
            _notify(notify, line.split()[0])
    status = (
        f"{report.feeds}/{len(feeds)} feed(s) read, {report.new_articles} new article(s),"
        f" {store.tracked_count()} tracked, {len(report.changes)} change(s)"
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
