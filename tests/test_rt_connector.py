"""RTConnector against a LIVE Request Tracker 5: every call, checked on the RT side, with the number
of requests each one costs."""

from __future__ import annotations

import json
import time
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import httpx
import pytest

from services.backends.base import (
    BackendError,
    BadPayload,
    ChangeKind,
    NotFound,
    Rejected,
    SignedOut,
)
from services.backends.rt import RTConnector
from services.domain import MessageKind, TicketStatus
from tests.support.rt_fixtures import RTSample
from tests.support.rt_instance import RTInstance

pytestmark = pytest.mark.rt

HIDDEN_TYPES = {"EmailRecord", "CommentEmailRecord", "SetWatcher"}


@pytest.fixture
async def rtc(rt: RTInstance) -> AsyncIterator[RTConnector]:
    connector = RTConnector(rt.url, "agent", rt.agent_token)
    yield connector
    await connector.aclose()


def last_visible_txn(rt: RTInstance, ticket_id: int) -> int:
    return max(int(t["id"]) for t in rt.transactions(ticket_id) if t["type"] not in HIDDEN_TYPES)


def wait_next_second() -> None:
    """RT dates have whole seconds: make sure the next change gets a later time stamp."""
    time.sleep(1.05 - (time.time() % 1))


async def all_pages(connector: RTConnector, queue: str, updated_after: datetime | None) -> list[str]:
    ids: list[str] = []
    page: int | None = 1
    while page is not None:
        listing = await connector.list_tickets([queue], updated_after=updated_after, page=page)
        assert listing.errors == ()
        ids += [t.remote_id for t in listing.tickets]
        page = listing.next_page
    return ids


# --- sign-in -------------------------------------------------------------------------------------


async def test_whoami_returns_the_user_in_one_request(rtc: RTConnector) -> None:
    assert await rtc.whoami() == "agent"
    assert rtc.requests_made == 1


async def test_whoami_with_a_bad_token_is_signed_out_and_never_shows_the_token(rt: RTInstance) -> None:
    token = "1-27-0123456789abcdef0123456789abcdef"
    connector = RTConnector(rt.url, "agent", token)
    try:
        with pytest.raises(SignedOut) as caught:
            await connector.whoami()
    finally:
        await connector.aclose()
    assert token not in str(caught.value) and "0123456789abcdef" not in repr(caught.value)
    assert connector.requests_made == 1  # a 401 is final: no retries


async def test_whoami_on_an_address_without_rt_says_so(rt: RTInstance) -> None:
    connector = RTConnector(f"{rt.url}/not-rt", "agent", rt.agent_token)
    try:
        with pytest.raises(NotFound, match="no Request Tracker 5 REST2 API"):
            await connector.whoami()
    finally:
        await connector.aclose()


async def test_whoami_for_an_unknown_user_names_the_user(rt: RTInstance) -> None:
    connector = RTConnector(rt.url, "no-such-agent", rt.agent_token)
    try:
        with pytest.raises(NotFound, match="no user named 'no-such-agent'"):
            await connector.whoami()
    finally:
        await connector.aclose()


async def test_whoami_on_an_html_server_is_a_clear_bad_payload(rt: RTInstance) -> None:
    html = b"<!DOCTYPE html><html><body>Welcome to nginx!</body></html>"

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=html, headers={"content-type": "text/html"})

    transport = httpx.MockTransport(handler)
    connector = RTConnector("https://helpdesk.example", "agent", "tok", transport=transport)
    try:
        with pytest.raises(BadPayload, match="does not look like Request Tracker 5"):
            await connector.whoami()
    finally:
        await connector.aclose()


# --- queues and ticket lists ---------------------------------------------------------------------


async def test_list_queues_in_one_request(rtc: RTConnector) -> None:
    queues = await rtc.list_queues()
    assert {"Product Alpha", "Product Beta", "Internal"} <= {q.name for q in queues}
    alpha = next(q for q in queues if q.name == "Product Alpha")
    assert alpha.description == "Support for Product Alpha" and alpha.remote_id.isdigit()
    assert rtc.requests_made == 1


async def test_list_tickets_initial_returns_active_tickets_with_names_inline(
    rtc: RTConnector, rt_sample: RTSample
) -> None:
    ids = await all_pages(rtc, "Product Alpha", None)
    assert rtc.requests_made == 1  # the sample fits in one page
    assert {str(rt_sample.replied_ticket), str(rt_sample.owned_ticket)} <= set(ids)
    assert str(rt_sample.resolved_ticket) not in ids
    listing = await rtc.list_tickets(["Product Alpha", "Product Beta"], updated_after=None)
    by_id = {t.remote_id: t for t in listing.tickets}
    owned = by_id[str(rt_sample.owned_ticket)]
    assert owned.owner == "agent" and owned.priority == 50 and owned.queue == "Product Alpha"
    assert owned.customer is not None and owned.customer.email == "dave@customer.example"
    assert owned.status is TicketStatus.OPEN
    assert owned.created.tzinfo is not None and owned.updated >= owned.created
    replied = by_id[str(rt_sample.replied_ticket)]
    assert replied.owner is None or replied.owner == "agent"
    assert replied.time_worked_minutes == 7  # 5 on the reply, 2 on the note
    assert any(t.status is TicketStatus.PENDING for t in listing.tickets)  # RT's "stalled"
    assert [int(t.remote_id) for t in listing.tickets] == sorted(int(t.remote_id) for t in listing.tickets)


async def test_list_tickets_updated_after_uses_a_date_rt_understands(
    rt: RTInstance, rtc: RTConnector, rt_unique: str
) -> None:
    before = rt.create_ticket("Internal", f"{rt_unique} before", f"{rt_unique}-a@customer.example", "old")
    wait_next_second()
    watermark = datetime.now(UTC)
    wait_next_second()
    after = rt.create_ticket("Internal", f"{rt_unique} after", f"{rt_unique}-b@customer.example", "new")
    rt.set_status(after, "resolved")  # resolutions must arrive too

    ids = await all_pages(rtc, "Internal", watermark)

    assert str(after) in ids
    assert str(before) not in ids, "a ticket updated before the watermark came back: wrong date format?"
    listing = await rtc.list_tickets(["Internal"], updated_after=watermark)
    resolved = next(t for t in listing.tickets if t.remote_id == str(after))
    assert resolved.status is TicketStatus.RESOLVED and resolved.updated > watermark


async def test_list_tickets_pages_with_a_small_page_size(rt: RTInstance, rt_unique: str) -> None:
    for n in range(5):
        rt.create_ticket("Product Beta", f"{rt_unique} page {n}", f"{rt_unique}@customer.example", "hi")
    connector = RTConnector(rt.url, "agent", rt.agent_token, per_page=2)
    big = RTConnector(rt.url, "agent", rt.agent_token)
    try:
        pages: list[list[str]] = []
        page: int | None = 1
        while page is not None:
            listing = await connector.list_tickets(["Product Beta"], updated_after=None, page=page)
            assert len(listing.tickets) <= 2
            pages.append([t.remote_id for t in listing.tickets])
            page = listing.next_page
        everything = await all_pages(big, "Product Beta", None)
    finally:
        await connector.aclose()
        await big.aclose()
    flat = [i for p in pages for i in p]
    assert len(flat) == len(set(flat)) == len(everything) and set(flat) == set(everything)
    assert connector.requests_made == len(pages) >= 3


async def test_list_tickets_without_queues_sends_nothing(rtc: RTConnector) -> None:
    assert (await rtc.list_tickets([], updated_after=None)).tickets == ()
    assert rtc.requests_made == 0


# --- customers -----------------------------------------------------------------------------------


async def test_customer_tickets_across_queues_newest_first_in_one_request(
    rtc: RTConnector, rt_sample: RTSample
) -> None:
    tickets = await rtc.customer_tickets(rt_sample.multi_queue_customer)
    assert rtc.requests_made == 1
    assert {"Product Alpha", "Product Beta"} <= {t.queue for t in tickets}
    assert all(t.customer and t.customer.email == rt_sample.multi_queue_customer for t in tickets)
    created = [t.created for t in tickets]
    assert created == sorted(created, reverse=True)


async def test_customer_tickets_quotes_addresses_safely(
    rt: RTInstance, rtc: RTConnector, rt_unique: str
) -> None:
    email = f"o'brien-{rt_unique}@customer.example"
    ticket = rt.create_ticket("Product Beta", f"{rt_unique} quote", email, "An apostrophe in my address")
    tickets = await rtc.customer_tickets(email)
    assert [t.remote_id for t in tickets] == [str(ticket)]
    assert await rtc.customer_tickets(f"x' OR Requestor.EmailAddress LIKE '%{rt_unique}") == []


# --- threads -------------------------------------------------------------------------------------


async def test_ticket_history_of_a_five_message_ticket_costs_three_requests(
    rt: RTInstance, rt_unique: str
) -> None:
    email = f"{rt_unique}@customer.example"
    ticket = rt.create_ticket("Product Alpha", f"{rt_unique} five", email, "1: my printer is on fire")
    rt.agent_reply(ticket, "2: have you tried water?", "agent2", time_taken=4)
    rt.customer_reply(ticket, "3: it is a laser printer", email)
    rt.agent_comment(ticket, "4: escalate to hardware", "agent2", time_taken=1)
    rt.agent_reply(ticket, "5: a technician is on the way", "agent")
    connector = RTConnector(rt.url, "agent", rt.agent_token)
    try:
        history = await connector.ticket_history(str(ticket))
    finally:
        await connector.aclose()
    assert connector.requests_made == 3
    assert [m.text for m in history.messages] == [
        "1: my printer is on fire", "2: have you tried water?", "3: it is a laser printer",
        "4: escalate to hardware", "5: a technician is on the way",
    ]
    assert [m.kind for m in history.messages] == [
        MessageKind.CUSTOMER, MessageKind.AGENT, MessageKind.CUSTOMER, MessageKind.NOTE, MessageKind.AGENT,
    ]
    assert [m.author for m in history.messages] == [email, "agent2", email, "agent2", "agent"]
    assert [m.time_taken_minutes for m in history.messages] == [0, 4, 0, 1, 0]
    assert history.ticket.time_worked_minutes == 5
    assert history.last_event_id == str(last_visible_txn(rt, ticket))
    assert history.warnings == ()


async def test_ticket_history_maps_status_and_owner_changes_to_events(
    rt: RTInstance, rtc: RTConnector, rt_unique: str
) -> None:
    ticket = rt.create_ticket("Product Alpha", f"{rt_unique} events", f"{rt_unique}@customer.example", "hi")
    rt.set_owner(ticket, "agent2")
    rt.set_status(ticket, "stalled")
    rt.set_owner(ticket, "agent")
    history = await rtc.ticket_history(str(ticket))
    changes = [(e.field, e.old_value, e.new_value) for e in history.events]
    assert ("Owner", "", "agent2") in changes
    assert ("Owner", "agent2", "agent") in changes
    assert ("Status", "new", "pending") in changes
    assert history.ticket.owner == "agent" and history.ticket.status is TicketStatus.PENDING
    assert all(e.author == "root" for e in history.events if e.field == "Owner")


async def test_ticket_history_sanitises_html(
    rt: RTInstance, rtc: RTConnector, rt_unique: str
) -> None:
    hostile = (
        "<p>Hello <b>team</b></p><script>alert('x')</script>"
        "<img src='https://tracker.evil.example/pixel.png'><img src='cid:logo@x'>"
        "<a href='javascript:alert(1)'>click</a><p onclick='steal()'>text</p>"
    )
    ticket = rt.create_ticket("Product Beta", f"{rt_unique} html", f"{rt_unique}@customer.example",
                              hostile, content_type="text/html")
    history = await rtc.ticket_history(str(ticket))
    html = history.messages[0].html
    assert "<b>team</b>" in html and 'src="cid:logo@x"' in html
    for bad in ("script", "alert", "evil.example", "javascript:", "onclick"):
        assert bad not in html
    assert "Hello team" in history.messages[0].text


async def test_ticket_history_of_the_sample_html_mail(rtc: RTConnector, rt_sample: RTSample) -> None:
    history = await rtc.ticket_history(str(rt_sample.html_ticket))
    message = history.messages[0]
    assert "<b>dashboard</b>" in message.html and "<li>Chrome</li>" in message.html
    assert "<body" not in message.html and "dashboard" in message.text
    assert message.kind is MessageKind.CUSTOMER


async def test_ticket_history_lists_attachment_metadata(
    rt: RTInstance, rtc: RTConnector, rt_unique: str
) -> None:
    ticket = rt.create_ticket("Product Beta", f"{rt_unique} files", f"{rt_unique}@customer.example", "hi")
    pdf = b"%PDF-1.4 " + bytes(range(256)) * 8
    with rt.rest_client(rt.agent2_token) as client:
        response = client.post(
            f"/ticket/{ticket}/comment",
            data={"JSON": json.dumps({"Content": "Logs attached", "ContentType": "text/plain"})},
            files=[("Attachments", ("report.pdf", pdf, "application/pdf")),
                   ("Attachments", ("notes.txt", b"line 1\nline 2\n", "text/plain"))],
        )
    assert response.status_code == 201, response.text
    history = await rtc.ticket_history(str(ticket))
    note = history.messages[-1]
    assert note.kind is MessageKind.NOTE and note.text == "Logs attached"
    files = {a.filename: a for a in note.attachments}
    assert set(files) == {"report.pdf", "notes.txt"}
    assert files["report.pdf"].content_type == "application/pdf"
    assert files["report.pdf"].size == len(pdf)
    assert all(a.remote_id.isdigit() for a in note.attachments)


async def test_ticket_history_of_a_missing_ticket_is_not_found(rtc: RTConnector) -> None:
    with pytest.raises(NotFound, match="999999"):
        await rtc.ticket_history("999999")
    with pytest.raises(NotFound):
        await rtc.ticket_history("not-a-number")
    with pytest.raises(NotFound):
        await rtc.set_status("999999", TicketStatus.OPEN)


async def test_thread_updates_fetch_only_new_entries_of_many_tickets_in_two_requests(
    rt: RTInstance, rtc: RTConnector, rt_unique: str
) -> None:
    email = f"{rt_unique}@customer.example"
    first = rt.create_ticket("Product Alpha", f"{rt_unique} one", email, "first ticket")
    second = rt.create_ticket("Product Beta", f"{rt_unique} two", email, "second ticket")
    quiet = rt.create_ticket("Product Beta", f"{rt_unique} quiet", email, "nothing new here")
    before = {str(t): (await rtc.ticket_history(str(t))).last_event_id for t in (first, second, quiet)}
    rt.customer_reply(first, "any news?", email)
    rt.agent_reply(second, "fixed it", "agent2", time_taken=6)
    rt.agent_comment(second, "root cause: cache", "agent2")
    listing = await rtc.list_tickets(["Product Alpha", "Product Beta"], updated_after=None)
    tickets = [t for t in listing.tickets if t.remote_id in before]

    sent = rtc.requests_made
    updates = {h.ticket.remote_id: h for h in await rtc.thread_updates(tickets, before)}

    assert rtc.requests_made - sent == 2
    assert [(m.kind, m.text) for m in updates[str(first)].messages] == [(MessageKind.CUSTOMER, "any news?")]
    assert [(m.kind, m.text, m.time_taken_minutes) for m in updates[str(second)].messages] == [
        (MessageKind.AGENT, "fixed it", 6), (MessageKind.NOTE, "root cause: cache", 0)]
    assert updates[str(quiet)].messages == () and updates[str(quiet)].last_event_id == before[str(quiet)]
    for t in (first, second):
        assert updates[str(t)].last_event_id == str(last_visible_txn(rt, t))


async def test_changes_after_sees_others_and_self_in_one_request(
    rt: RTInstance, rtc: RTConnector, rt_unique: str
) -> None:
    assert await rtc.whoami() == "agent"
    email = f"{rt_unique}@customer.example"
    ticket = rt.create_ticket("Product Alpha", f"{rt_unique} changes", email, "hello")
    base = (await rtc.ticket_history(str(ticket))).last_event_id
    rt.customer_reply(ticket, "are you there?", email)
    rt.agent_reply(ticket, "yes, agent2 here", "agent2")
    rt.set_owner(ticket, "agent2")
    rt.set_status(ticket, "stalled")
    await rtc.reply(str(ticket), "agent here too", time_minutes=3)

    sent = rtc.requests_made
    changes = await rtc.changes_after(str(ticket), base)
    assert rtc.requests_made - sent == 1
    # RT_System's own reactions (it opens a new ticket when someone writes) are left out here.
    summary = [(c.kind, c.by_self, c.new_value) for c in changes if c.author != "RT_System"]
    assert summary == [
        (ChangeKind.CUSTOMER_MESSAGE, False, ""),
        (ChangeKind.REPLY, False, ""),
        (ChangeKind.OWNER, False, "agent2"),
        (ChangeKind.STATUS, False, "pending"),
        (ChangeKind.REPLY, True, ""),
    ]
    assert all(c.text == "" for c in changes)
    assert [int(c.event_id) for c in changes] == sorted(int(c.event_id) for c in changes)
    assert all(int(c.event_id) > int(base) for c in changes)

    sent = rtc.requests_made
    with_text = await rtc.changes_after(str(ticket), base, with_text=True)
    assert rtc.requests_made - sent == 2
    mine = [c for c in with_text if c.by_self]
    assert [(c.kind, c.text, c.time_taken_minutes) for c in mine] == [(ChangeKind.REPLY, "agent here too", 3)]
    assert await rtc.changes_after(str(ticket), with_text[-1].event_id) == []


async def test_changes_after_on_a_ticket_it_never_saw_reads_its_requestors(
    rt: RTInstance, rt_unique: str
) -> None:
    email = f"{rt_unique}@customer.example"
    ticket = rt.create_ticket("Product Alpha", f"{rt_unique} cold", email, "first words")
    connector = RTConnector(rt.url, "agent", rt.agent_token)
    try:
        changes = await connector.changes_after(str(ticket), "")
    finally:
        await connector.aclose()
    assert connector.requests_made == 2  # history + the ticket, for its requestors
    assert changes[0].kind is ChangeKind.CUSTOMER_MESSAGE and changes[0].author == email


# --- writes --------------------------------------------------------------------------------------


async def test_reply_and_note_add_time_worked_and_reach_rt_once(
    rt: RTInstance, rtc: RTConnector, rt_unique: str
) -> None:
    ticket = rt.create_ticket("Product Alpha", f"{rt_unique} write", f"{rt_unique}@customer.example", "help")
    await rtc.reply(str(ticket), f"Reply {rt_unique}", time_minutes=7)
    await rtc.note(str(ticket), f"Note {rt_unique}", time_minutes=3)
    assert rtc.requests_made == 2
    assert rt.count_transactions(ticket, "Correspond", f"Reply {rt_unique}") == 1
    assert rt.count_transactions(ticket, "Comment", f"Note {rt_unique}") == 1
    info = rt.ticket(ticket)
    assert info["time_worked"] == 10
    correspond = next(t for t in rt.transactions(ticket) if t["type"] == "Correspond")
    assert correspond["creator"] == "agent" and correspond["time_taken"] == 7


async def test_reply_with_a_status_sets_it(
    rt: RTInstance, rtc: RTConnector, rt_unique: str
) -> None:
    ticket = rt.create_ticket("Product Alpha", f"{rt_unique} wait", f"{rt_unique}@customer.example", "help")
    await rtc.reply(str(ticket), "Please send a screenshot.", status=TicketStatus.PENDING)
    assert rt.ticket(ticket)["status"] == "stalled"
    await rtc.note(str(ticket), "still waiting", status=TicketStatus.PENDING)  # already: fine
    assert rtc.requests_made == 2


async def test_set_status_and_the_already_current_value(
    rt: RTInstance, rtc: RTConnector, rt_unique: str
) -> None:
    ticket = rt.create_ticket("Product Beta", f"{rt_unique} status", f"{rt_unique}@customer.example", "help")
    await rtc.set_status(str(ticket), TicketStatus.PENDING)
    assert rt.ticket(ticket)["status"] == "stalled"
    await rtc.set_status(str(ticket), TicketStatus.PENDING)
    await rtc.set_status(str(ticket), TicketStatus.RESOLVED)
    assert rt.ticket(ticket)["status"] == "resolved"
    assert rtc.requests_made == 3  # RT's answers were enough: no read-back


async def test_take_makes_the_agent_owner(
    rt: RTInstance, rtc: RTConnector, rt_unique: str
) -> None:
    ticket = rt.create_ticket("Product Beta", f"{rt_unique} take", f"{rt_unique}@customer.example", "help")
    await rtc.take(str(ticket))
    assert rt.ticket(ticket)["owner"] == "agent"
    await rtc.take(str(ticket))  # already the owner: fine
    assert rtc.requests_made == 2


async def test_writes_to_a_missing_ticket_fail_without_maybe_delivered(rtc: RTConnector) -> None:
    with pytest.raises(BackendError) as caught:
        await rtc.reply("999999", "hello?")
    assert isinstance(caught.value, Rejected | NotFound)
    assert caught.value.maybe_delivered is False


# --- snippets ------------------------------------------------------------------------------------


async def test_snippets_come_from_the_snippets_class(rtc: RTConnector) -> None:
    snippets = {s.title: s for s in await rtc.snippets()}
    assert {"Greeting", "Password reset", "Closing"} <= set(snippets)
    assert snippets["Greeting"].body == "Hello,\n\nThank you for contacting us."
    assert rtc.requests_made == 2  # the class, then its articles
    await rtc.snippets()
    assert rtc.requests_made == 3  # the class id is remembered


async def test_snippets_of_a_missing_class_are_empty(rt: RTInstance) -> None:
    connector = RTConnector(rt.url, "agent", rt.agent_token, snippet_class="No such class")
    try:
        assert await connector.snippets() == []
    finally:
        await connector.aclose()
