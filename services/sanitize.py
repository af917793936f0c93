"""Message bodies: sanitised once at ingest, so every reader can trust what the store holds.

HTML keeps its structure but loses scripts, event handlers, styles that load things, remote images and
javascript: links. Every body also gets a plain-text form for previews, search and terminals.
"""

from __future__ import annotations

import html as htmllib
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import ClassVar

import nh3

# A message body larger than this keeps its head (and is flagged) rather than being dropped or stored
# whole: a pasted log file of 50 MB should not take the thread down with it. Everything up to it is
# stored whole; the rest is fetched from the helpdesk on demand (Connector.message_text).
MAX_BODY_CHARS = 8 * 1024 * 1024

_ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "div", "dl", "dt", "em", "h1", "h2",
    "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "ol", "p", "pre", "q", "s", "small",
    "span", "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
}
_ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan"},
    "ol": {"start"},
}
# Only inline (cid:) images survive: anything else would be loaded from a remote server and
# tell the sender that (and when) the agent read the message.
_URL_SCHEMES = {"http", "https", "mailto", "cid", "tel"}


@dataclass(frozen=True, slots=True)
class Body:
    html: str  # sanitised HTML, "" for plain-text messages
    text: str
    truncated: bool


def _filter_attribute(tag: str, attribute: str, value: str) -> str | None:
    if tag == "img" and attribute == "src" and not value.lower().startswith("cid:"):
        return None
    return value


def sanitize_html(raw: str) -> str:
    cleaned: str = nh3.clean(
        raw,
        tags=_ALLOWED_TAGS,
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes=_URL_SCHEMES,
        attribute_filter=_filter_attribute,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )
    # An <img> whose source was removed is an empty box: drop it entirely.
    return re.sub(r"<img(?![^>]*\ssrc=)[^>]*>", "", cleaned)


class _TextExtractor(HTMLParser):
    _BLOCK: ClassVar[set[str]] = {
        "p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre",
        "table", "ul", "ol", "hr", "dl", "dt", "dd",
    }

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "head", "title"):
            self._skip += 1
        elif tag in self._BLOCK:
            self.parts.append("\n")
        if tag == "li":
            self.parts.append("- ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "head", "title"):
            self._skip = max(0, self._skip - 1)
        elif tag in self._BLOCK and tag != "br":
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_to_text(raw: str) -> str:
    parser = _TextExtractor()
    parser.feed(raw)
    parser.close()
    text = "".join(parser.parts)
    text = re.sub(r"[ \t\r\f\v]+\n", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def _cap(value: str) -> tuple[str, bool]:
    if len(value) <= MAX_BODY_CHARS:
        return value, False
    return value[:MAX_BODY_CHARS], True


def clean_body(content: str, content_type: str, *, whole: bool = False) -> Body:
    """Turn a raw message body of any type into what the store keeps (its head only when it is very
    long, unless `whole`: a message fetched on demand to be read in full)."""
    content = content.replace("\x00", "")
    cap = (lambda value: (value, False)) if whole else _cap
    if content_type.lower().startswith("text/html"):
        content, truncated = cap(content)
        safe = sanitize_html(content)
        return Body(html=safe, text=html_to_text(safe), truncated=truncated)
    text, truncated = cap(content.replace("\r\n", "\n"))
    return Body(html="", text=text.strip("\n"), truncated=truncated)


def text_to_html(text: str) -> str:
    """Plain text shown as HTML: escaped, line breaks kept."""
    return htmllib.escape(text).replace("\n", "<br>\n")
