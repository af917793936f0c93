"""Making a message readable: long quoted text folded away, every link showing where it really goes.

Qt-free; the thread view renders what these return."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

MIN_QUOTE_LINES = 5  # a short quote stays visible: it is usually the point being answered

_HEADER = re.compile(
    r"^\s*(On .{4,200} wrote:|Le .{4,200} a écrit\s?:|-{2,}\s*Original Message\s*-{2,}"
    r"|-{2,}\s*Message d'origine\s*-{2,}|From: .+|De\s?: .+)\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Split:
    visible: str
    quoted: str  # empty when nothing is folded


def split_quote(text: str) -> Split:
    """The message's own words, and the quoted history below them when it is long.
    `visible + quoted == text` always: nothing is lost, only folded."""
    lines = text.splitlines(keepends=True)
    start = None
    for i, line in enumerate(lines):
        if _HEADER.match(line.rstrip("\r\n")) or line.lstrip().startswith(">"):
            rest = lines[i:]
            quoted_lines = sum(1 for x in rest if x.strip())
            if quoted_lines >= MIN_QUOTE_LINES and _mostly_quote(rest):
                start = i
                break
    if start is None or start == 0:
        return Split(text, "")
    return Split("".join(lines[:start]), "".join(lines[start:]))


def _mostly_quote(rest: list[str]) -> bool:
    if _HEADER.match(rest[0].rstrip("\r\n")):
        return True
    nonblank = [x for x in rest if x.strip()]
    return sum(1 for x in nonblank if x.lstrip().startswith(">")) >= 0.6 * len(nonblank)


_ANCHOR = re.compile(r'<a\s[^>]*?href="([^"]*)"[^>]*>(.*?)</a>', re.IGNORECASE | re.DOTALL)
_TAGS = re.compile(r"<[^>]+>")


def link_host(url: str) -> str:
    try:
        parts = urlsplit(html.unescape(url))
    except ValueError:
        return ""
    if parts.scheme == "mailto":
        return parts.path
    return parts.hostname or ""


def annotate_links(body_html: str) -> str:
    """After each link whose text does not show its real destination, add the host in brackets
    ("click here (evil.example)"), so a link can never pretend to go somewhere else."""

    def annotate(m: re.Match[str]) -> str:
        url, inner = m.group(1), m.group(2)
        host = link_host(url)
        shown = html.unescape(_TAGS.sub("", inner)).strip().lower()
        if not host or host.lower() in shown:
            return m.group(0)
        return f'{m.group(0)} <span class="link-host">({html.escape(host)})</span>'

    return _ANCHOR.sub(annotate, body_html)
