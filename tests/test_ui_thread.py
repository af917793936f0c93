"""The conversation as the agent sees it: who wrote what (notes look different), long quotes folded,
links that show where they go, no remote image ever fetched, attachments and unsent states listed,
long threads built a chunk at a time, and cards reused from ticket to ticket."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QPalette
from pytestqt.qtbot import QtBot

from services.domain import AttachmentMeta, MessageKind
from services.store import MessageView, OpState, Store
from services.store.views import ThreadPage
from ui.thread_view import CHUNK, ThreadView

T0 = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
QUOTE = "\n".join(["On Mon, Nov 16, 2026 at 9:12 AM Ana wrote:"] + [f"> earlier line {i}" for i in range(8)])


def message(n: int, *, kind: MessageKind = MessageKind.CUSTOMER, text: str = "", body_html: str = "",
            attachments: list[dict[str, Any]] | None = None, state: OpState | None = None,
            truncated: bool = False) -> MessageView:
    return MessageView(id=n, remote_id=str(n), kind=kind, author=f"author{n}@example.com",
                       created=T0 + timedelta(minutes=n), html=body_html, text=text or f"Message number {n}.",
                       time_taken_minutes=0,
                       attachments=tuple(AttachmentMeta("", str(a.get("filename") or ""), "",
                                                        int(a.get("size") or 0)) for a in attachments or []),
                       truncated=truncated,
                       outbox_state=state)


@pytest.fixture
def view(qtbot: QtBot) -> Iterator[tuple[ThreadView, list[QUrl]]]:
    opened: list[QUrl] = []
    v = ThreadView(open_link=opened.append)
    v.resize(700, 500)
    qtbot.addWidget(v)
    v.show()
    yield v, opened


def visible_text(v: ThreadView) -> str:
    return " ".join(" ".join(label.text() for label in (c.author, c.heading, c.body)) for c in v.cards())


def test_customer_reply_and_note_look_different(view: tuple[ThreadView, list[QUrl]]) -> None:
    v, _ = view
    v.set_messages([message(1), message(2, kind=MessageKind.AGENT), message(3, kind=MessageKind.NOTE)])
    cards = v.cards()
    assert [c.objectName() for c in cards] == ["message_customer", "message_agent", "message_note"]
    backgrounds = {c.palette().color(QPalette.ColorRole.Window).name() for c in cards}
    assert len(backgrounds) == 3
    assert "Internal note" in cards[2].heading.text() and "Customer" in cards[0].heading.text()


def test_time_logged_on_its_own_reads_as_time_worked(view: tuple[ThreadView, list[QUrl]]) -> None:
    from dataclasses import replace

    v, _ = view
    entry = replace(message(1, kind=MessageKind.NOTE), text="", time_taken_minutes=9)
    noted = replace(message(2, kind=MessageKind.NOTE), text="Called them", time_taken_minutes=4)
    v.set_messages([entry, noted])
    cards = v.cards()
    assert "Time worked" in cards[0].heading.text() and "9 min spent" in cards[0].heading.text()
    assert "Internal note" in cards[1].heading.text()  # a note with words stays a note


def test_a_long_quote_is_folded_until_asked(view: tuple[ThreadView, list[QUrl]], qtbot: QtBot) -> None:
    v, _ = view
    v.set_messages([message(1, text="Thanks, that worked.\n\n" + QUOTE)])
    card = v.cards()[0]
    assert "Thanks, that worked." in card.body.text() and "earlier line" not in card.body.text()
    assert card.quote_toggle is not None and card.quoted is not None
    assert card.quote_toggle.isVisible() and not card.quoted.isVisible()
    card.quote_toggle.click()
    assert card.quoted.isVisible() and "earlier line 7" in card.quoted.text()
    assert card.quote_toggle.text() == "Hide quoted text"
    # The same card, reused for a message without a quote: nothing of the old one shows.
    v.set_messages([message(2, text="A short question.")])
    assert v.cards()[0] is card
    assert not card.quote_toggle.isVisible() and not card.quoted.isVisible()
    assert "A short question." in card.body.text()


def test_links_say_where_they_go_and_open_through_the_app(view: tuple[ThreadView, list[QUrl]]) -> None:
    v, opened = view
    v.set_messages([message(1, body_html='<p>Please <a href="https://pay.evil.example/x">log in to '
                                         'your bank</a> or <a href="https://docs.example.com/a">'
                                         'docs.example.com</a></p>')])
    body = v.cards()[0].body
    assert "(pay.evil.example)" in body.text()  # the real destination, beside the text that hides it
    assert "(docs.example.com)" not in body.text()  # already says where it goes
    assert not body.openExternalLinks()  # never straight to the browser: through the app's handler
    body.linkActivated.emit("https://pay.evil.example/x")
    assert opened == [QUrl("https://pay.evil.example/x")]


def test_plain_text_shows_as_written_and_is_selectable_once_reached(view: tuple[ThreadView, list[QUrl]],
                                                                    qtbot: QtBot) -> None:
    v, _ = view
    v.set_messages([message(1, text="Order <A-17> & co:\n  two spaces kept"),
                    message(2, body_html='<p>See <a href="https://docs.example.com/a">the guide</a></p>')])
    plain, rich = (c.body for c in v.cards())
    assert plain.textFormat() == Qt.TextFormat.PlainText
    assert plain.text() == "Order <A-17> & co:\n  two spaces kept"
    assert rich.textFormat() == Qt.TextFormat.RichText
    assert plain.focusPolicy() == Qt.FocusPolicy.StrongFocus  # Tab reaches it, as any selectable text
    qtbot.mouseMove(plain)  # the pointer comes: it can be selected before the press
    flags = Qt.TextInteractionFlag
    qtbot.waitUntil(lambda: bool(plain.textInteractionFlags() & flags.TextSelectableByMouse))
    rich.setFocus(Qt.FocusReason.TabFocusReason)  # the keyboard comes: its links can be followed
    qtbot.waitUntil(lambda: bool(rich.textInteractionFlags() & flags.LinksAccessibleByKeyboard))


class _Counting(BaseHTTPRequestHandler):
    hits = 0

    def do_GET(self) -> None:
        type(self).hits += 1
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()

    def log_message(self, *args: Any) -> None:
        pass


def test_remote_images_are_never_fetched(view: tuple[ThreadView, list[QUrl]], qtbot: QtBot) -> None:
    """Bodies are sanitised at sync time; the view is the second line of defence: a QLabel never
    loads a remote resource, so a tracking pixel that slipped through still cannot call home."""
    v, _ = view
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Counting)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/pixel.png"
        v.set_messages([message(1, body_html=f'<p>Hello</p><img src="{url}" width="20" height="20">')])
        v.grab()  # rendered for real
        qtbot.wait(0)
        assert url in v.cards()[0].body.text() and _Counting.hits == 0
    finally:
        server.shutdown()
        server.server_close()


def test_attachments_truncation_and_unsent_state_are_listed(view: tuple[ThreadView, list[QUrl]]) -> None:
    v, _ = view
    v.set_messages([
        message(1, attachments=[{"filename": "invoice.pdf", "size": 2048}], truncated=True),
        message(2, kind=MessageKind.AGENT, state=OpState.PENDING),
    ])
    first, second = v.cards()
    assert first.attachments is not None and "invoice.pdf (2.0 KB)" in first.attachments.text()
    assert first.truncated is not None and first.truncated.isVisible()
    assert second.state_label is not None and "Queued" in second.state_label.text()
    # Reused for messages without them: the labels hide.
    v.set_messages([message(3), message(4, kind=MessageKind.AGENT)])
    assert not first.attachments.isVisible() and not first.truncated.isVisible()
    assert not second.state_label.isVisible()


def test_five_hundred_messages_open_a_chunk_at_a_time(view: tuple[ThreadView, list[QUrl]],
                                                      qtbot: QtBot) -> None:
    v, _ = view
    messages = [message(n) for n in range(500)]
    v.set_messages(messages)
    assert [c.message for c in v.cards()] == messages[-CHUNK:]  # newest last
    assert v.earlier.isVisible() and "475" in v.earlier.text()
    bar = v.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0 and bar.value() == bar.maximum())  # scrolled to the newest
    v.earlier.click()
    assert [c.message for c in v.cards()] == messages[-2 * CHUNK:]
    assert "450" in v.earlier.text()
    # The next ticket: a short thread; the pool shrinks back to one chunk, the rest is hidden.
    v.set_messages([message(1000), message(1001)])
    assert [c.message.id for c in v.cards()] == [1000, 1001]
    assert len(v._cards) <= CHUNK
    assert sum(c.isVisible() for c in v._cards) == 2 and not v.earlier.isVisible()


def test_cards_are_reused_between_tickets(view: tuple[ThreadView, list[QUrl]]) -> None:
    v, _ = view
    v.set_messages([message(1), message(2, kind=MessageKind.NOTE)])
    before = v.cards()
    v.set_messages([message(7, kind=MessageKind.NOTE), message(8), message(9)])
    after = v.cards()
    assert after[:2] == before  # the same widgets, refilled
    assert [c.objectName() for c in after] == ["message_note", "message_customer", "message_customer"]
    assert after[0].author.text() == "author7@example.com" and "author1" not in visible_text(v)
    v.set_messages([])
    assert v.cards() == [] and v.empty.isVisible()


def test_the_newest_message_ends_the_view_without_a_blank_band(view: tuple[ThreadView, list[QUrl]],
                                                               qtbot: QtBot) -> None:
    v, _ = view
    v.resize(420, 300)  # narrow: headings and bodies wrap
    v.set_messages([message(n, text="A sentence long enough to wrap at this width. " * 4) for n in range(6)])
    bar = v.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0 and bar.value() == bar.maximum())
    last = v.cards()[-1]
    below = v._container.height() - last.geometry().bottom()
    assert below <= v._layout.contentsMargins().bottom() + 1
    assert last.visibleRegion().boundingRect().bottom() == last.height() - 1  # fully on screen


def test_a_long_thread_is_read_a_page_at_a_time_as_the_agent_goes_back(
        view: tuple[ThreadView, list[QUrl]], tmp_path: Path) -> None:
    """Opening reads the thread's tail from the replica; "Show earlier" reads the page before it only
    when the messages held run out, and every message comes once, in order."""
    from tests.test_store import make_history, make_ticket

    v, _ = view
    store = Store(tmp_path / "replica.sqlite")
    account = store.accounts.add("a", "demo", "", "agent").id
    store.replica.apply_histories(account, [make_history(make_ticket("7"), *range(11, 131))])  # 120
    ticket = store.views.ticket(account, "7")
    assert ticket is not None
    whole = store.views.thread(ticket.id)
    pages: list[tuple[int, int]] = []

    def read_before(start: tuple[int, int]) -> ThreadPage:
        pages.append(start)
        return store.views.thread_before(ticket.id, *start, limit=50)

    v.show_page(store.views.thread_tail(ticket.id, 50), read_before)
    assert [c.message.id for c in v.cards()] == [m.id for m in whole[-CHUNK:]]
    assert "95" in v.earlier.text()  # the whole thread's length is known without reading it
    v.earlier.click()  # still within the 50 read at opening
    assert pages == [] and [c.message.id for c in v.cards()] == [m.id for m in whole[-2 * CHUNK:]]
    v.earlier.click()  # now the page before is read
    assert len(pages) == 1 and [c.message.id for c in v.cards()] == [m.id for m in whole[-3 * CHUNK:]]
    while v.earlier.isVisible():
        v.earlier.click()
    assert [c.message.id for c in v.cards()] == [m.id for m in whole]
    assert len(pages) == 2  # 50 + 50 + 20: two pages read on demand
    store.close()
