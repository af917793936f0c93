"""Pure REST2 parsing (services/backends/rt/parse.py), TicketSQL building and status mapping.

Whatever a server sends, the parsers answer with domain objects, a BadPayload that names the problem,
or a per-entry warning: never another exception."""

from __future__ import annotations

import base64
import contextlib
import json
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from services.backends.base import BadPayload, ChangeKind
from services.backends.rt import parse, query
from services.backends.rt.parse import Audience, Names, Part, Txn, UserRef
from services.backends.rt.status import status_from_rt, status_to_rt
from services.domain import MessageKind, TicketStatus
from services.sanitize import MAX_BODY_CHARS

NO_NAMES = Names(users={}, queues={})
CUSTOMER = UserRef(31, "carol@customer.example", "carol@customer.example", "Carol")
AGENT = UserRef(27, "agent", "agent@example.com")
AGENT2 = UserRef(29, "agent2", "agent2@example.com")
WHO = Audience(requestors=CUSTOMER.keys(), me=AGENT.keys())


def ticket_json(**changes: Any) -> dict[str, Any]:
    item: dict[str, Any] = {
        "id": "12",
        "type": "ticket",
        "Subject": "Printer on fire",
        "Status": "open",
        "Queue": {"id": "3", "type": "queue", "Name": "Product Alpha"},
        "Owner": {"id": 6, "type": "user", "Name": "Nobody"},
        "Requestor": [
            {
                "id": 31,
                "type": "user",
                "Name": "carol@customer.example",
                "EmailAddress": "carol@customer.example",
                "RealName": "Carol",
                "Organization": "ACME",
            }
        ],
        "Priority": "10",
        "Due": "1970-01-01T00:00:00Z",
        "Created": "2026-11-20T08:00:00Z",
        "LastUpdated": "2026-11-22T19:19:35Z",
        "TimeWorked": "25",
    }
    item.update(changes)
    return {k: v for k, v in item.items() if v is not ...}


def txn(txn_id: int, kind: str, creator: UserRef = AGENT, **more: Any) -> Txn:
    return Txn(
        id=txn_id,
        ticket_id=12,
        type=kind,
        creator=creator,
        created=datetime(2026, 11, 22, 10, 0, txn_id % 60, tzinfo=UTC),
        field=more.get("field", ""),
        old_value=more.get("old", ""),
        new_value=more.get("new", ""),
        time_taken=more.get("time", 0),
    )


def part(
    part_id: int, txn_id: int, content: str, content_type: str = "text/plain", filename: str = ""
) -> Part:
    return Part(
        id=part_id,
        txn_id=txn_id,
        content_type=content_type,
        filename=filename,
        size=len(content),
        content=content,
    )


def history(txns: list[Txn], parts: list[Part], names: Names = NO_NAMES) -> Any:
    ticket = parse.parse_ticket(ticket_json()).ticket
    return parse.build_history(ticket, WHO, txns, parts, names, [])


# --- dates ---------------------------------------------------------------------------------------


def test_dates_are_aware_utc() -> None:
    moment = parse.parse_datetime("2026-11-22T19:19:35Z", "Created")
    assert moment == datetime(2026, 11, 22, 19, 19, 35, tzinfo=UTC)
    assert parse.parse_datetime("2026-11-22 19:19:35", "x") == moment
    assert parse.parse_datetime("2026-11-22T20:19:35+01:00", "x") == moment


@pytest.mark.parametrize("unset", [None, "", "Not set", "1970-01-01T00:00:00Z", "1970-01-01 00:00:00"])
def test_rt_not_set_dates_are_none(unset: str | None) -> None:
    assert parse.parse_datetime(unset, "Due") is None


@pytest.mark.parametrize(
    "bad",
    [
        "2026-02-30T00:00:00Z",
        "2026-13-01T00:00:00Z",
        "2026-11-22T25:00:00Z",
        "yesterday",
        "9" * 5000,
        1700000000,
        ["2026"],
        {"date": 1},
        True,
        "0001-01-01T00:00:00+01:00",
        "9999-12-31T23:59:59-01:00",
    ],
)
def test_impossible_or_mistyped_dates_are_bad_payloads_naming_the_field(bad: object) -> None:
    with pytest.raises(BadPayload, match="Created"):
        parse.parse_datetime(bad, "Created")


# --- tickets -------------------------------------------------------------------------------------


def test_a_ticket_with_nested_names() -> None:
    parsed = parse.parse_ticket(ticket_json())
    t = parsed.ticket
    assert (t.remote_id, t.subject, t.queue, t.status, t.owner, t.priority) == (
        "12",
        "Printer on fire",
        "Product Alpha",
        TicketStatus.OPEN,
        None,
        10,
    )
    assert t.customer is not None and (t.customer.email, t.customer.name, t.customer.organization) == (
        "carol@customer.example",
        "Carol",
        "ACME",
    )
    assert t.due is None and t.time_worked_minutes == 25
    assert t.updated == datetime(2026, 11, 22, 19, 19, 35, tzinfo=UTC)
    assert parsed.queue_id == 3 and parsed.warnings == ()


def test_a_ticket_without_nested_fields_still_parses() -> None:
    t = parse.parse_ticket(ticket_json(Queue={"id": "3"}, Owner={"id": "agent"}, Requestor=[])).ticket
    assert t.queue == "3" and t.owner == "agent" and t.customer is None


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"id": ...}, "ticket.id"),
        ({"id": "twelve"}, "ticket.id"),
        ({"Subject": ["x"]}, "Subject"),
        ({"Priority": "high"}, "Priority"),
        ({"TimeWorked": {"m": 1}}, "TimeWorked"),
        ({"Created": ...}, "Created"),
        ({"LastUpdated": "2026-02-29T00:00:00Z"}, "LastUpdated"),
        ({"Requestor": "carol"}, "Requestor"),
        ({"Requestor": [42]}, "Requestor"),
        ({"Queue": 3}, "Queue"),
        ({"Due": 0}, "Due"),
        ({"Status": None, "Priority": True}, "Priority"),
    ],
)
def test_broken_tickets_are_bad_payloads_naming_the_field(changes: dict[str, Any], field: str) -> None:
    with pytest.raises(BadPayload, match=field):
        parse.parse_ticket(ticket_json(**changes))
    with pytest.raises(BadPayload):
        parse.parse_ticket("not an object")


def test_unknown_statuses_are_guessed_with_a_warning() -> None:
    parsed = parse.parse_ticket(ticket_json(Status="escalated"))
    assert parsed.ticket.status is TicketStatus.OPEN
    assert parsed.warnings and "escalated" in parsed.warnings[0]
    assert parse.parse_ticket(ticket_json(Status="closed")).ticket.status is TicketStatus.RESOLVED
    assert (
        parse.parse_ticket(ticket_json(Status="waiting for customer")).ticket.status is TicketStatus.PENDING
    )


def test_one_bad_ticket_does_not_spoil_the_page() -> None:
    items = [
        ticket_json(id="1"),
        ticket_json(id="2", Created="2026-02-31T00:00:00Z"),
        "junk",
        ticket_json(id="4"),
    ]
    parsed, errors = parse.parse_ticket_items(items)
    assert [p.ticket.remote_id for p in parsed] == ["1", "4"]
    assert len(errors) == 2 and "'2'" in errors[0] and "Created" in errors[0] and "#3" in errors[1]
    page = parse.ticket_page(parsed, errors, 3, True)
    assert page.next_page == 4 and len(page.errors) == 2


# --- collections and small records ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("envelope", "more"),
    [
        ({"items": [1, 2], "total": 5, "pages": 3, "page": 1, "per_page": 2}, True),
        ({"items": [1], "total": 5, "pages": 3.0, "page": 3, "per_page": 2}, False),
        ({"items": [], "total": 0, "pages": 0.0, "page": 1, "per_page": 20}, False),
        ({"items": [1, 2], "total": None, "pages": None, "page": 1, "per_page": 2}, True),
        ({"items": [1], "total": None, "pages": None, "page": 1, "per_page": 2}, False),
        ({"items": [1], "next_page": "https://rt/REST/2.0/tickets?page=2"}, True),
    ],
)
def test_paging(envelope: dict[str, Any], more: bool) -> None:
    assert parse.parse_collection(envelope, "list").has_more is more


@pytest.mark.parametrize("bad", [[], "x", {"items": "x"}, {"items": {}}, {"items": [], "page": "one"}, None])
def test_broken_envelopes_are_bad_payloads(bad: object) -> None:
    with pytest.raises(BadPayload, match="list"):
        parse.parse_collection(bad, "list")


def test_queues_users_and_snippets() -> None:
    queue = parse.parse_queue({"id": "3", "Name": "Product Alpha", "Description": "Alpha"})
    assert (queue.remote_id, queue.name, queue.description) == ("3", "Product Alpha", "Alpha")
    with pytest.raises(BadPayload):
        parse.parse_queue({"id": "3"})
    assert parse.parse_user_name({"Name": "agent", "_hyperlinks": [{"ref": "self", "id": 27}]}) == (
        27,
        "agent",
    )
    snippet = parse.parse_snippet(
        {
            "id": "4",
            "Name": "Greeting",
            "CustomFields": [
                {"name": "Content", "values": ["<p>Hello <b>there</b></p><script>x()</script>"]}
            ],
        }
    )
    assert (snippet.remote_id, snippet.title, snippet.body) == ("4", "Greeting", "Hello there")
    plain = parse.parse_snippet(
        {"id": "5", "Summary": "Bye", "CustomFields": [{"name": "content", "values": ["a < b"]}]}
    )
    assert (plain.title, plain.body) == ("Bye", "a < b")
    with pytest.raises(BadPayload):
        parse.parse_snippet({"id": "6", "CustomFields": "Content"})


# --- threads -------------------------------------------------------------------------------------


def test_message_kinds_authors_and_events() -> None:
    txns = [
        txn(50, "Create", CUSTOMER),
        txn(51, "Correspond", AGENT2, time=5),
        txn(52, "Comment", AGENT, time=2),
        txn(53, "Correspond", AGENT),
        txn(54, "Status", UserRef(1, "RT_System"), field="Status", old="new", new="stalled"),
        txn(55, "Take", AGENT, field="Owner", old="6", new="27"),
        txn(56, "Set", AGENT, field="Queue", old="3", new="4"),
        txn(57, "AddWatcher", AGENT, field="Cc", new="40"),
    ]
    parts = [part(1, 50, "help"), part(2, 51, "try this"), part(3, 52, "note"), part(4, 53, "done")]
    names = Names(users={6: "Nobody", 27: "agent"}, queues={3: "Product Alpha", 4: "Product Beta"})
    h = history(txns, parts, names)
    assert [(m.kind, m.author, m.text, m.time_taken_minutes) for m in h.messages] == [
        (MessageKind.CUSTOMER, "carol@customer.example", "help", 0),
        (MessageKind.AGENT, "agent2", "try this", 5),
        (MessageKind.NOTE, "agent", "note", 2),
        (MessageKind.AGENT, "agent", "done", 0),
    ]
    assert [(e.field, e.old_value, e.new_value) for e in h.events] == [
        ("Status", "new", "pending"),
        ("Owner", "", "agent"),
        ("Queue", "Product Alpha", "Product Beta"),
    ]
    assert h.last_event_id == "57" and h.warnings == ()


def test_the_signed_in_agent_is_never_the_customer_even_as_requestor() -> None:
    who = Audience(requestors=AGENT.keys() | CUSTOMER.keys(), me=AGENT.keys())
    assert not who.is_customer(AGENT) and who.is_customer(CUSTOMER)
    assert not who.is_customer(UserRef(None, "agent2"))


def test_html_bodies_are_sanitised_and_plain_text_kept() -> None:
    hostile = (
        "<p>Hi <b>there</b></p><script>steal()</script><img src='https://evil.example/p.gif'>"
        "<img src='cid:logo'><a href='javascript:alert(1)'>x</a><a href='https://ok.example'>y</a>"
    )
    parts = [
        part(1, 50, "Hi there", "text/plain"),
        part(2, 50, hostile, "text/html"),
        part(3, 51, "<b>not html</b>\r\nline 2", "text/plain"),
    ]
    h = history([txn(50, "Create", CUSTOMER), txn(51, "Correspond")], parts)
    html = h.messages[0].html
    assert "<b>there</b>" in html and 'src="cid:logo"' in html and 'href="https://ok.example"' in html
    for bad in ("script", "steal", "evil.example", "javascript:"):
        assert bad not in html
    assert h.messages[1].html == "" and h.messages[1].text == "<b>not html</b>\nline 2"


def test_attachments_are_metadata_and_a_file_only_message_is_kept() -> None:
    parts = [
        part(1, 50, "", "multipart/mixed"),
        part(2, 50, "see file"),
        part(3, 50, "%PDF", "application/pdf", "report.pdf"),
        part(4, 51, "\x89PNG", "image/png", "s.png"),
    ]
    h = history([txn(50, "Correspond", CUSTOMER), txn(51, "Correspond", CUSTOMER), txn(52, "Create")], parts)
    assert [(a.remote_id, a.filename, a.content_type) for a in h.messages[0].attachments] == [
        ("3", "report.pdf", "application/pdf")
    ]
    assert h.messages[1].text == "" and h.messages[1].attachments[0].filename == "s.png"
    assert len(h.messages) == 2  # the Create without any text or file is left out


def test_a_five_megabyte_body_is_kept_whole() -> None:
    big = "x" * (5 * 1024 * 1024)
    h = history([txn(50, "Create", CUSTOMER)], [part(1, 50, big)])
    assert not h.messages[0].truncated and h.messages[0].text == big and not h.warnings


def test_a_body_over_eight_megabytes_keeps_its_head_with_a_warning() -> None:
    huge = "x" * (9 * 1024 * 1024)
    h = history([txn(50, "Create", CUSTOMER)], [part(1, 50, huge)])
    assert h.messages[0].truncated and len(h.messages[0].text) == MAX_BODY_CHARS
    assert any("--full" in w for w in h.warnings)


def test_invalid_characters_are_replaced_with_a_warning() -> None:
    h = history([txn(50, "Create", CUSTOMER)], [part(1, 50, "bad \udcff byte")])
    assert h.messages[0].text == "bad \ufffd byte"
    h.messages[0].text.encode("utf-8")
    assert any("invalid characters" in w for w in h.warnings)


def test_bad_entries_become_warnings_not_failures() -> None:
    items = [
        {"id": "50", "Type": "Create", "Creator": {"id": "carol"}, "Created": "2026-11-22T10:00:00Z"},
        {"id": "51", "Type": "Correspond", "Creator": None, "Created": "2026-11-22T10:00:00Z"},
        {"id": "52", "Type": "Comment", "Creator": "agent", "Created": "2026-02-31T10:00:00Z"},
    ]
    txns, problems = parse.parse_entries(items, parse.parse_txn, "history entry")
    assert [t.id for t in txns] == [50]
    assert len(problems) == 2 and "transaction 51" in problems[0] and "Created" in problems[1]


def test_base64_contents_of_single_attachments() -> None:
    assert parse.decode_base64_text(base64.b64encode("Grüße".encode()).decode(), "utf-8", "c") == "Grüße"
    assert (
        parse.decode_base64_text(base64.b64encode("Grüße".encode("latin-1")).decode(), "iso-8859-1", "c")
        == "Grüße"
    )
    with pytest.raises(BadPayload, match="base64"):
        parse.decode_base64_text("!!!not base64===", "utf-8", "attachment 3 Content")
    with pytest.raises(BadPayload, match="not valid utf-8"):
        parse.decode_base64_text(base64.b64encode(b"\xff\xfe\xfa").decode(), "utf-8", "attachment 3 Content")
    with pytest.raises(BadPayload, match="unknown character set"):
        parse.decode_base64_text("aGk=", "x-klingon", "attachment 3 Content")


# --- changes -------------------------------------------------------------------------------------


def test_changes_for_conflict_and_delivery_checks() -> None:
    txns = [
        txn(60, "Correspond", CUSTOMER),
        txn(61, "Correspond", AGENT2),
        txn(62, "Correspond", AGENT, time=4),
        txn(63, "Comment", AGENT, time=15),
        txn(64, "Status", AGENT2, field="Status", old="open", new="stalled"),
        txn(65, "Give", AGENT2, field="Owner", old="27", new="29"),
        txn(66, "Untake", AGENT2, field="Owner", old="29", new="6"),
        txn(67, "Set", AGENT, field="TimeWorked", old="10", new="20", time=10),
        txn(68, "Status", AGENT, field="Status", old="open", new="escalated"),
        txn(69, "Set", AGENT, field="Priority", old="1", new="5"),
    ]
    parts = [part(1, 62, "<p>sent</p>", "text/html"), part(2, 62, "sent", "text/plain"), part(3, 63, "call")]
    names = Names(users={6: "Nobody", 27: "agent", 29: "agent2"}, queues={})
    changes = parse.build_changes(list(reversed(txns)), WHO, names, parts)
    assert [(c.event_id, c.kind, c.by_self, c.new_value) for c in changes] == [
        ("60", ChangeKind.CUSTOMER_MESSAGE, False, ""),
        ("61", ChangeKind.REPLY, False, ""),
        ("62", ChangeKind.REPLY, True, ""),
        ("63", ChangeKind.NOTE, True, ""),
        ("64", ChangeKind.STATUS, False, "pending"),
        ("65", ChangeKind.OWNER, False, "agent2"),
        ("66", ChangeKind.OWNER, False, ""),
        ("67", ChangeKind.TIME, True, "20"),
        ("68", ChangeKind.STATUS, True, "open"),
        ("69", ChangeKind.OTHER, True, "5"),
    ]
    assert [c.text for c in changes[2:4]] == ["sent", "call"]
    assert [c.time_taken_minutes for c in changes[2:4]] == [4, 15]
    assert all(c.text == "" for c in parse.build_changes(txns, WHO, names, None))


# --- TicketSQL and statuses ----------------------------------------------------------------------


def test_ticketsql_strings_are_quoted() -> None:
    assert query.quote("o'brien@x.example") == "'o\\'brien@x.example'"
    assert query.quote("back\\slash'") == "'back\\\\slash\\''"
    assert query.customer_tickets("a'b@c") == "Requestor.EmailAddress = 'a\\'b@c'"


def test_ticketsql_dates_are_never_iso() -> None:
    moment = datetime(2026, 11, 22, 20, 19, 35, tzinfo=timezone(timedelta(hours=1)))
    assert query.sql_datetime(moment) == "2026-11-22 19:19:35"
    assert query.sql_datetime(datetime(2026, 11, 22, 19, 19, 35)) == "2026-11-22 19:19:35"  # naive = UTC
    assert query.sql_datetime(moment, "Europe/Paris") == "2026-11-22 20:19:35"
    assert query.sql_datetime(moment, "America/New_York") == "2026-11-22 14:19:35"
    sql = query.queue_tickets(["A"], moment, "UTC")
    assert sql == "(Queue = 'A') AND LastUpdated > '2026-11-22 19:19:35'"
    assert "T" not in sql.split(">")[1] and "Z" not in sql
    assert (
        query.queue_tickets(["A", "B"], None, "UTC")
        == "(Queue = 'A' OR Queue = 'B') AND Status = '__Active__'"
    )


def test_json_filters() -> None:
    limits = json.loads(query.history_filter(55))
    assert {"field": "id", "operator": ">", "value": "55", "entry_aggregator": "AND"} in limits
    assert all(limit.get("entry_aggregator") == "AND" for limit in limits)
    assert "(ObjectId = 3 AND id > 10) OR (ObjectId = 4 AND id > 0)" in query.transactions_since(
        {3: 10, 4: 0}
    )


def test_status_mapping_round_trips() -> None:
    for status in TicketStatus:
        assert status_from_rt(status_to_rt(status)) == (status, None)
    assert status_to_rt(TicketStatus.PENDING) == "stalled"
    assert status_from_rt("Stalled") == (TicketStatus.PENDING, None)


# --- properties ----------------------------------------------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=30),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=20,
)
ticket_keys = st.sampled_from(
    [
        "id",
        "Subject",
        "Status",
        "Queue",
        "Owner",
        "Requestor",
        "Priority",
        "Due",
        "Created",
        "LastUpdated",
        "TimeWorked",
    ]
)


@given(st.dictionaries(ticket_keys, json_values))
@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
def test_tickets_with_fields_of_any_type_parse_or_fail_cleanly(changes: dict[str, Any]) -> None:
    try:
        parsed = parse.parse_ticket(ticket_json(**changes))
    except BadPayload as exc:
        assert str(exc)
    else:
        assert parsed.ticket.updated.tzinfo is not None


@given(json_values)
@settings(max_examples=300)
def test_any_json_is_handled_by_every_parser(value: Any) -> None:
    for parser in (
        parse.parse_ticket,
        parse.parse_txn,
        parse.parse_part,
        parse.parse_queue,
        parse.parse_snippet,
        lambda v: parse.parse_collection(v, "list"),
        parse.parse_user_name,
    ):
        with contextlib.suppress(BadPayload):  # anything else fails the test
            parser(value)


@given(st.text(max_size=60))
def test_any_text_as_a_date_is_a_date_none_or_bad_payload(text: str) -> None:
    try:
        moment = parse.parse_datetime(text, "Created")
    except BadPayload:
        return
    assert moment is None or moment.tzinfo is UTC


@given(st.datetimes(min_value=datetime(1971, 1, 1), max_value=datetime(9999, 1, 1), timezones=st.just(UTC)))
def test_dates_round_trip_through_rt_format(moment: datetime) -> None:
    moment = moment.replace(microsecond=0)
    assert parse.parse_datetime(moment.strftime("%Y-%m-%dT%H:%M:%SZ"), "x") == moment
    assert parse.parse_datetime(query.sql_datetime(moment), "x") == moment


message_types = st.sampled_from(
    ["Create", "Correspond", "Comment", "Status", "Set", "Take", "Give", "CustomField"]
)
content_types = st.sampled_from(
    ["text/plain", "text/html", "multipart/mixed", "application/pdf", "image/png"]
)


@given(
    st.lists(
        st.tuples(
            message_types,
            st.sampled_from([CUSTOMER, AGENT, AGENT2]),
            st.text(max_size=8),
            st.text(max_size=8),
        ),
        max_size=8,
    ),
    st.lists(
        st.tuples(st.integers(0, 9), content_types, st.text(max_size=200), st.sampled_from(["", "a.pdf"])),
        max_size=12,
    ),
)
@settings(max_examples=200)
def test_any_thread_builds(
    entries: list[tuple[str, UserRef, str, str]], parts_spec: list[tuple[int, str, str, str]]
) -> None:
    txns = [
        txn(100 + i, kind, who, field="Owner" if kind in ("Take", "Give") else "Status", old=old, new=new)
        for i, (kind, who, old, new) in enumerate(entries)
    ]
    parts = [
        part(i + 1, 100 + n, content, ctype, name) for i, (n, ctype, content, name) in enumerate(parts_spec)
    ]
    h = history(txns, parts)
    assert len(h.messages) + len(h.events) <= len(txns)
    for m in h.messages:
        assert "<script" not in m.html.lower()
    changes = parse.build_changes(txns, WHO, NO_NAMES, parts)
    assert [c.event_id for c in changes] == [str(t.id) for t in txns]


@pytest.mark.parametrize("odd", ["¹", "٣", "²7"])
def test_owner_ids_that_only_look_numeric_are_kept_as_text(odd: str) -> None:
    """str.isdigit() accepts superscripts and other scripts' digits, which int() rejects: such a
    value from the server is shown as it came, and the rest of the thread still builds."""
    txns = [txn(70, "Correspond", CUSTOMER), txn(71, "Give", AGENT2, field="Owner", old="27", new=odd)]
    changes = parse.build_changes(txns, WHO, Names(users={27: "agent"}, queues={}), None)
    assert [(c.event_id, c.new_value) for c in changes] == [("70", ""), ("71", odd)]
    assert parse.owner_ids(txns) == {27}  # the odd one is not looked up
