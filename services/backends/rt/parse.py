"""Pure functions from REST2 JSON to the project's model.

Everything a server sends is untrusted: a wrong type or a missing field raises BadPayload with a
message naming the field; a bad single entry (one ticket of a page, one message of a thread) becomes
a per-entry error or warning, so the rest stays usable. Nothing here does I/O.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TypeVar

from services.backends.base import BadPayload, ChangeKind, RemoteChange
from services.backends.rt.status import display_status, status_from_rt
from services.domain import (
    AttachmentMeta,
    Customer,
    Event,
    Message,
    MessageKind,
    Queue,
    Snippet,
    Ticket,
    TicketHistory,
    TicketPage,
)
from services.ids import is_number
from services.sanitize import clean_body

T = TypeVar("T")

NOBODY = "Nobody"  # RT's placeholder owner of unowned tickets
MESSAGE_TYPES = frozenset({"Create", "Correspond", "Comment"})
OWNER_TYPES = frozenset({"Set", "Take", "Steal", "Give", "Untake", "Force"})
_MAX_SHOWN = 60
_SURROGATES = re.compile("[\ud800-\udfff]")
_HTML_TAG = re.compile(r"</?(p|div|br|span|b|i|u|strong|em|ul|ol|li|a|table|h[1-6])\b[^>]*>", re.I)


# --- small checked readers ----------------------------------------------------------------------


def _show(value: object) -> str:
    text = repr(value)
    return text if len(text) <= _MAX_SHOWN else text[:_MAX_SHOWN] + "..."


def as_dict(value: object, what: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise BadPayload(f"{what} should be a JSON object, got {_show(value)}.")
    return value


def as_list(value: object, what: str) -> list[Any]:
    if not isinstance(value, list):
        raise BadPayload(f"{what} should be a JSON list, got {_show(value)}.")
    return value


def as_str(value: object, what: str, default: str = "") -> str:
    """RT sends most scalars as strings, numbers sometimes as numbers: both are fine."""
    if value is None:
        return default
    if isinstance(value, bool):
        raise BadPayload(f"{what} should be text, got {_show(value)}.")
    if isinstance(value, str | int | float):
        return str(value)
    raise BadPayload(f"{what} should be text, got {_show(value)}.")


def as_int(value: object, what: str, default: int = 0) -> int:
    if value is None or value == "":
        return default
    if isinstance(value, bool):
        raise BadPayload(f"{what} should be a whole number, got {_show(value)}.")
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and re.fullmatch(r"\s*-?\d{1,18}\s*", value):
        return int(value)
    raise BadPayload(f"{what} should be a whole number, got {_show(value)}.")


def as_id(value: object, what: str) -> int:
    number = as_int(value, what, default=-1)
    if number < 0:
        raise BadPayload(f"{what} is missing or negative: {_show(value)}.")
    return number


def parse_datetime(value: object, what: str) -> datetime | None:
    """An RT date as an aware UTC datetime; None for RT's "not set" (the Unix epoch)."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise BadPayload(f"{what} should be a date, got {_show(value)}.")
    text = value.strip()
    if not text or text.lower() == "not set" or text.startswith("1970-01-01"):
        return None
    if len(text) > 40:
        raise BadPayload(f"{what} is not a date: {_show(value)}.")
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
        # RT REST2 sends UTC; a zone-less date is read the same way.
        return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    except (ValueError, OverflowError):  # Overflow: year 1 or 9999 pushed out of range by an offset
        raise BadPayload(f"{what} is not a valid date: {_show(value)}.") from None


def require_datetime(value: object, what: str) -> datetime:
    moment = parse_datetime(value, what)
    if moment is None:
        raise BadPayload(f"{what} is missing.")
    return moment


def clean_text(value: str) -> tuple[str, bool]:
    """Replace lone surrogates (from bad \\u escapes) that cannot be stored or shown."""
    if _SURROGATES.search(value) is None:
        return value, False
    return _SURROGATES.sub("\ufffd", value), True


def decode_base64_text(value: object, charset: str, what: str) -> str:
    """Content of a single /attachment/{id} record, which REST2 sends base64-encoded."""
    raw = as_str(value, what)
    try:
        data = base64.b64decode(raw, validate=False)
    except (binascii.Error, ValueError):
        raise BadPayload(f"{what} is not valid base64.") from None
    try:
        return data.decode(charset or "utf-8")
    except LookupError:
        raise BadPayload(f"{what} uses an unknown character set {_show(charset)}.") from None
    except UnicodeDecodeError:
        raise BadPayload(f"{what} is not valid {charset or 'utf-8'} text.") from None


# --- references to other records ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class UserRef:
    """A user as nested in another record: numeric id when asked for, else the name as id."""

    number: int | None
    name: str
    email: str = ""
    real_name: str = ""
    organization: str = ""

    def keys(self) -> frozenset[str]:
        """Ways to recognise this user in another payload."""
        found = {k.casefold() for k in (self.name, self.email) if k}
        if self.number is not None:
            found.add(f"#{self.number}")
        return frozenset(found)


def parse_user_ref(value: object, what: str) -> UserRef:
    if isinstance(value, str):  # some fields carry the bare name
        return UserRef(None, value)
    data = as_dict(value, what)
    raw_id = data.get("id")
    number = raw_id if isinstance(raw_id, int) and not isinstance(raw_id, bool) else None
    if isinstance(raw_id, str) and is_number(raw_id):
        number = int(raw_id)
    name = as_str(data.get("Name"), f"{what}.Name") or (raw_id if isinstance(raw_id, str) else "")
    if not name:
        raise BadPayload(f"{what} has no user name.")
    return UserRef(
        number=number,
        name=name,
        email=as_str(data.get("EmailAddress"), f"{what}.EmailAddress"),
        real_name=as_str(data.get("RealName"), f"{what}.RealName"),
        organization=as_str(data.get("Organization"), f"{what}.Organization"),
    )


def _named_ref(value: object, what: str) -> tuple[int | None, str]:
    """A nested queue (or other record): its numeric id, and its Name (or id when unexpanded)."""
    if isinstance(value, str):
        return None, value
    data = as_dict(value, what)
    raw_id = data.get("id")
    number = as_int(raw_id, f"{what}.id", default=-1) if raw_id is not None else -1
    name = as_str(data.get("Name"), f"{what}.Name") or as_str(raw_id, f"{what}.id")
    if not name:
        raise BadPayload(f"{what} has neither a name nor an id.")
    return (number if number >= 0 else None), name


# --- collections ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Collection:
    items: list[Any]
    has_more: bool


def parse_collection(payload: object, what: str) -> Collection:
    """The REST2 list envelope: items plus paging.

    RT omits total/pages when the user may not see every row (then rows hidden by rights are dropped
    after the page is cut, so a short page does not prove the end): only a full page means "more".
    """
    data = as_dict(payload, what)
    items = as_list(data.get("items"), f"{what}.items")
    if isinstance(data.get("next_page"), str):
        return Collection(items, True)
    page = as_int(data.get("page"), f"{what}.page", default=1)
    pages = data.get("pages")
    if data.get("total") is not None and pages is not None:
        return Collection(items, page < as_int(pages, f"{what}.pages"))
    per_page = as_int(data.get("per_page"), f"{what}.per_page", default=0)
    return Collection(items, per_page > 0 and len(items) >= per_page)


# --- queues, users, snippets ---------------------------------------------------------------------


def parse_queue(item: object) -> Queue:
    data = as_dict(item, "queue")
    remote_id = as_str(data.get("id"), "queue.id")
    name = as_str(data.get("Name"), "queue.Name")
    if not remote_id or not name:
        raise BadPayload(f"A queue has no id or name: {_show(item)}.")
    description = as_str(data.get("Description"), "queue.Description")
    return Queue(remote_id=remote_id, name=name, description=description)


def parse_user_name(payload: object) -> tuple[int | None, str]:
    """A /user/{name-or-id} record: its numeric id (from the self link) and its name."""
    data = as_dict(payload, "user")
    name = as_str(data.get("Name"), "user.Name")
    if not name:
        raise BadPayload("The user record has no Name.")
    number = data.get("id")
    if not isinstance(number, int) or isinstance(number, bool):
        number = None
        for link in data.get("_hyperlinks") or []:
            if isinstance(link, dict) and link.get("ref") == "self" and isinstance(link.get("id"), int):
                number = link["id"]
    return number, name


def parse_snippet(item: object) -> Snippet:
    data = as_dict(item, "article")
    remote_id = as_str(data.get("id"), "article.id")
    title = as_str(data.get("Name"), "article.Name") or as_str(data.get("Summary"), "article.Summary")
    body = ""
    for field in as_list(data.get("CustomFields") or [], "article.CustomFields"):
        cf = as_dict(field, "article custom field")
        if as_str(cf.get("name"), "custom field name").casefold() == "content":
            values = as_list(cf.get("values") or [], "article Content values")
            body = "\n".join(as_str(v, "article Content value") for v in values)
    if _HTML_TAG.search(body):  # an HTML-typed Content field: replies are sent as plain text
        body = clean_body(body, "text/html").text
    if not remote_id:
        raise BadPayload(f"An article has no id: {_show(item)}.")
    return Snippet(remote_id=remote_id, title=title or f"Article {remote_id}", body=clean_text(body)[0])


# --- tickets -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ParsedTicket:
    ticket: Ticket
    requestors: tuple[UserRef, ...]
    owner: UserRef | None  # None when the ticket is unowned
    queue_id: int | None
    warnings: tuple[str, ...]


def parse_ticket(item: object) -> ParsedTicket:
    data = as_dict(item, "ticket")
    remote_id = str(as_id(data.get("id"), "ticket.id"))
    where = f"ticket {remote_id}"
    status, warning = status_from_rt(as_str(data.get("Status"), f"{where} Status") or "open")
    raw_requestors = as_list(data.get("Requestor") or [], f"{where} Requestor")
    requestors = tuple(parse_user_ref(r, f"{where} Requestor") for r in raw_requestors)
    owner = parse_user_ref(data["Owner"], f"{where} Owner") if data.get("Owner") else None
    if owner is not None and owner.name == NOBODY:
        owner = None
    queue_id, queue_name = _named_ref(data.get("Queue") or "", f"{where} Queue")
    ticket = Ticket(
        remote_id=remote_id,
        subject=clean_text(as_str(data.get("Subject"), f"{where} Subject"))[0],
        queue=queue_name,
        status=status,
        customer=_customer(requestors[0]) if requestors else None,
        owner=owner.name if owner else None,
        priority=as_int(data.get("Priority"), f"{where} Priority"),
        created=require_datetime(data.get("Created"), f"{where} Created"),
        updated=require_datetime(data.get("LastUpdated"), f"{where} LastUpdated"),
        due=parse_datetime(data.get("Due"), f"{where} Due"),
        time_worked_minutes=as_int(data.get("TimeWorked"), f"{where} TimeWorked"),
    )
    warnings = (f"Ticket {remote_id}: {warning}",) if warning else ()
    return ParsedTicket(ticket, requestors, owner, queue_id, warnings)


def _customer(ref: UserRef) -> Customer:
    return Customer(email=ref.email or ref.name, name=ref.real_name, organization=ref.organization)


def parse_ticket_items(items: Iterable[object]) -> tuple[list[ParsedTicket], list[str]]:
    """Every ticket that parses, and one error line per ticket that does not."""
    parsed: list[ParsedTicket] = []
    errors: list[str] = []
    for index, item in enumerate(items):
        try:
            parsed.append(parse_ticket(item))
        except BadPayload as exc:
            label = item.get("id") if isinstance(item, dict) else None
            which = _show(label) if label is not None else f"#{index + 1} of the page"
            errors.append(f"Ticket {which}: {exc}")
    return parsed, errors


def ticket_page(parsed: list[ParsedTicket], errors: list[str], page: int, has_more: bool) -> TicketPage:
    return TicketPage(
        tickets=tuple(p.ticket for p in parsed),
        errors=tuple(errors),
        next_page=page + 1 if has_more else None,
    )


# --- history -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Txn:
    """One RT transaction, as much as the history list tells."""

    id: int
    ticket_id: int | None  # ObjectId: only asked for in searches across tickets
    type: str
    creator: UserRef
    created: datetime
    field: str
    old_value: str
    new_value: str
    time_taken: int


@dataclass(frozen=True, slots=True)
class Part:
    """One MIME part of a transaction's message, as the attachments list tells."""

    id: int
    txn_id: int
    content_type: str
    filename: str
    size: int
    content: str


def parse_txn(item: object) -> Txn:
    data = as_dict(item, "transaction")
    txn_id = as_id(data.get("id"), "transaction.id")
    where = f"transaction {txn_id}"
    object_id = data.get("ObjectId")
    return Txn(
        id=txn_id,
        ticket_id=as_id(object_id, f"{where} ObjectId") if object_id not in (None, "") else None,
        type=as_str(data.get("Type"), f"{where} Type"),
        creator=parse_user_ref(data.get("Creator"), f"{where} Creator"),
        created=require_datetime(data.get("Created"), f"{where} Created"),
        field=as_str(data.get("Field"), f"{where} Field"),
        old_value=as_str(data.get("OldValue"), f"{where} OldValue"),
        new_value=as_str(data.get("NewValue"), f"{where} NewValue"),
        time_taken=as_int(data.get("TimeTaken"), f"{where} TimeTaken"),
    )


def parse_part(item: object) -> Part:
    data = as_dict(item, "attachment")
    part_id = as_id(data.get("id"), "attachment.id")
    where = f"attachment {part_id}"
    return Part(
        id=part_id,
        txn_id=as_id(data.get("TransactionId"), f"{where} TransactionId"),
        content_type=as_str(data.get("ContentType"), f"{where} ContentType").lower() or "text/plain",
        filename=as_str(data.get("Filename"), f"{where} Filename"),
        size=max(0, as_int(data.get("ContentLength"), f"{where} ContentLength")),
        content=as_str(data.get("Content"), f"{where} Content"),
    )


def parse_entries(
    items: Iterable[object], parse: Callable[[object], T], label: str
) -> tuple[list[T], list[str]]:
    """Parse each entry on its own; a bad one becomes a warning instead of failing the thread."""
    good: list[T] = []
    bad: list[str] = []
    for item in items:
        try:
            good.append(parse(item))
        except BadPayload as exc:
            bad.append(f"A {label} was skipped: {exc}")
    return good, bad


def owner_ids(txns: Iterable[Txn], *, previous: bool = True) -> set[int]:
    """User ids in owner changes (RT stores numbers, people want names); previous=False leaves
    out the former owners, which conflict checks do not need."""
    return {int(v) for t in txns if _is_owner_change(t)
            for v in ((t.old_value, t.new_value) if previous else (t.new_value,)) if is_number(v)}


def queue_ids(txns: Iterable[Txn]) -> set[int]:
    return {int(v) for t in txns if t.type == "Set" and t.field == "Queue"
            for v in (t.old_value, t.new_value) if is_number(v)}


def known_user_names(txns: Iterable[Txn], extra: Iterable[UserRef] = ()) -> dict[int, str]:
    """Names of users whose ids the payloads already told, to spare lookups."""
    refs = [t.creator for t in txns] + list(extra)
    return {r.number: r.name for r in refs if r.number is not None}


def _is_owner_change(txn: Txn) -> bool:
    return txn.field == "Owner" and txn.type in OWNER_TYPES


def _user_name(value: str, names: Mapping[int, str]) -> str:
    """A user id from an owner change as a name; "" for nobody."""
    if not is_number(value):
        return "" if value in ("", NOBODY) else value
    name = names.get(int(value), f"user #{value}")
    return "" if name == NOBODY else name


@dataclass(frozen=True, slots=True)
class Names:
    """Names for the ids that transactions carry, resolved by the connector before building."""

    users: Mapping[int, str]
    queues: Mapping[int, str]


@dataclass(frozen=True, slots=True)
class Audience:
    """Who is who on one ticket: its requestors, and the signed-in agent."""

    requestors: frozenset[str]
    me: frozenset[str]

    def is_me(self, user: UserRef) -> bool:
        return bool(user.keys() & self.me)

    def is_customer(self, user: UserRef) -> bool:
        """The rule for "who wrote this": a transaction by one of the ticket's requestors is the
        customer's; anyone else (staff, but also a Cc'd third party) is the support side. The
        signed-in agent is always the support side, even on a ticket they requested themselves, so
        their own replies are recognised as theirs. (REST2 shows no "privileged" flag per
        transaction; requestors are what the UI calls the customer.)"""
        return not self.is_me(user) and bool(user.keys() & self.requestors)


def requestor_keys(requestors: Iterable[UserRef]) -> frozenset[str]:
    keys: set[str] = set()
    for ref in requestors:
        keys |= ref.keys()
    return frozenset(keys)


def build_history(
    ticket: Ticket,
    who: Audience,
    txns: list[Txn],
    parts: list[Part],
    names: Names,
    warnings: list[str],
    *,
    after_id: int = 0,
) -> TicketHistory:
    """The thread from these transactions; after_id > 0 builds an increment (only newer entries)."""
    by_txn = _parts_by_txn(parts)
    warnings = list(warnings)
    messages: list[Message] = []
    events: list[Event] = []
    for txn in sorted(txns, key=lambda t: t.id):
        if txn.type in MESSAGE_TYPES:
            message = _message(ticket.remote_id, txn, by_txn.get(txn.id, []), who, warnings)
            if message is not None:
                messages.append(message)
            continue
        event = _event(ticket.remote_id, txn, names)
        if event is not None:
            events.append(event)
    last = max((t.id for t in txns), default=after_id)
    return TicketHistory(
        ticket=ticket,
        messages=tuple(messages),
        events=tuple(events),
        warnings=tuple(warnings),
        last_event_id=str(last) if last else "",
    )


def _parts_by_txn(parts: Iterable[Part]) -> dict[int, list[Part]]:
    grouped: dict[int, list[Part]] = {}
    for part in sorted(parts, key=lambda p: p.id):
        grouped.setdefault(part.txn_id, []).append(part)
    return grouped


def body_part(parts: list[Part], prefer: str = "text/html") -> Part | None:
    """The message text: an unnamed text part, HTML first (a multipart/alternative carries both)."""
    bodies = [p for p in parts if not p.filename and p.content_type in ("text/html", "text/plain")]
    preferred = [p for p in bodies if p.content_type == prefer]
    candidates = preferred or bodies
    return candidates[0] if candidates else None


def _message(
    ticket_id: str, txn: Txn, parts: list[Part], who: Audience, warnings: list[str]
) -> Message | None:
    files = tuple(
        AttachmentMeta(remote_id=str(p.id), filename=p.filename, content_type=p.content_type, size=p.size)
        for p in parts if p.filename
    )
    text_part = body_part(parts)
    if text_part is None and not files and txn.type == "Create":
        return None  # a ticket opened without any text: nothing to show
    content, had_surrogates = clean_text(text_part.content) if text_part else ("", False)
    if had_surrogates:
        warnings.append(f"Message {txn.id}: invalid characters were replaced.")
    body = clean_body(content, text_part.content_type if text_part else "text/plain")
    if body.truncated:
        warnings.append(f"Message {txn.id} is very long: only its beginning is kept here; "
                        f"`monodesk show {ticket_id} --full` (or the window) fetches all of it.")
    if txn.type == "Comment":
        kind = MessageKind.NOTE
    else:
        kind = MessageKind.CUSTOMER if who.is_customer(txn.creator) else MessageKind.AGENT
    return Message(
        remote_id=str(txn.id),
        ticket_id=ticket_id,
        kind=kind,
        author=txn.creator.name,
        created=txn.created,
        html=body.html,
        text=body.text,
        time_taken_minutes=txn.time_taken,
        attachments=files,
        truncated=body.truncated,
    )


def _event(ticket_id: str, txn: Txn, names: Names) -> Event | None:
    if txn.type == "Status":
        field, old, new = "Status", display_status(txn.old_value), display_status(txn.new_value)
    elif _is_owner_change(txn):
        field = "Owner"
        old, new = (_user_name(v, names.users) for v in (txn.old_value, txn.new_value))
    elif txn.type == "Set" and txn.field == "Queue":
        field = "Queue"
        old, new = (_queue_name(v, names.queues) for v in (txn.old_value, txn.new_value))
    elif txn.type == "Set" and txn.field:
        field, old, new = txn.field, txn.old_value, txn.new_value
    else:
        return None  # watchers, links, custom fields...: not part of the agent's view
    return Event(
        remote_id=str(txn.id),
        ticket_id=ticket_id,
        author=txn.creator.name,
        created=txn.created,
        field=field,
        old_value=old,
        new_value=new,
        time_taken_minutes=txn.time_taken,
    )


def _queue_name(value: str, names: Mapping[int, str]) -> str:
    return names.get(int(value), f"queue #{value}") if is_number(value) else value


# --- changes for conflict and delivery checks ----------------------------------------------------


def build_changes(
    txns: list[Txn], who: Audience, names: Names, parts: list[Part] | None
) -> list[RemoteChange]:
    """Changes oldest first; parts (text parts of the same transactions) only when text was asked."""
    by_txn = _parts_by_txn(parts or [])
    changes = []
    for txn in sorted(txns, key=lambda t: t.id):
        kind, new_value = _change_kind(txn, who, names)
        text, cut = "", False
        if parts is not None and txn.type in MESSAGE_TYPES:
            # Plain first: it is what Monodesk sends, so a delivery check compares like with like.
            text_part = body_part(by_txn.get(txn.id, []), prefer="text/plain")
            if text_part is not None:
                body = clean_body(clean_text(text_part.content)[0], text_part.content_type)
                text, cut = body.text, body.truncated
        changes.append(RemoteChange(
            event_id=str(txn.id),
            kind=kind,
            by_self=who.is_me(txn.creator),
            author=txn.creator.name,
            created=txn.created,
            new_value=new_value,
            text=text,
            time_taken_minutes=txn.time_taken,
            text_cut=cut,
        ))
    return changes


def _change_kind(txn: Txn, who: Audience, names: Names) -> tuple[ChangeKind, str]:
    if txn.type == "Comment":
        return ChangeKind.NOTE, ""
    if txn.type in ("Create", "Correspond"):
        customer = who.is_customer(txn.creator)
        return (ChangeKind.CUSTOMER_MESSAGE if customer else ChangeKind.REPLY), ""
    if txn.type == "Status":
        return ChangeKind.STATUS, status_from_rt(txn.new_value)[0].value
    if _is_owner_change(txn):
        return ChangeKind.OWNER, _user_name(txn.new_value, names.users)
    if txn.type == "Set" and txn.field == "TimeWorked":
        return ChangeKind.TIME, txn.new_value
    return ChangeKind.OTHER, txn.new_value
