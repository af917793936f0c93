"""The demo workspace as one JSON document: the format Monodesk kept it in before services.backends.demo.
storage, read once to bring a user's workspace over (every value is checked: the file may have been
edited or damaged), and written by tests to make such files.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any, TypeVar

from services.backends.demo.workspace import Attachment, TaskRec, TicketRec, Txn, TxnType, Workspace
from services.domain import Customer, Queue, Snippet, TicketStatus

FILE = "demo-workspace.json"
_FORMAT = "monodesk-demo"
_VERSION = 1
# Everything a damaged file can raise while decoding (JSONDecodeError and UnicodeDecodeError are
# ValueErrors); anything else is a bug and should surface.
DECODE_ERRORS = (ValueError, KeyError, TypeError, RecursionError)

T = TypeVar("T")


# --- encoding -------------------------------------------------------------------------------------


def encode(ws: Workspace) -> bytes:
    """The workspace as JSON, as Monodesk wrote it before the demo helpdesk kept an SQLite file."""
    document = {
        "format": _FORMAT,
        "version": _VERSION,
        "next": [ws.next_ticket_id, ws.next_txn_id, ws.next_attachment_id],
        "agents": ws.agents,
        "queues": [[q.remote_id, q.name, q.description] for q in ws.queues],
        "customers": [[c.email, c.name, c.organization] for c in ws.customers.values()],
        "snippets": [[s.remote_id, s.title, s.body, s.language] for s in ws.snippets],
        "tasks": [[t.id, t.customer, t.title, t.done, t.updated.isoformat()] for t in ws.tasks.values()],
    }
    tickets = ",".join(_dumps(_ticket_doc(t)) for t in ws.tickets.values())
    return f'{_dumps(document)[:-1]},"tickets":[{tickets}]}}'.encode()


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _ticket_doc(t: TicketRec) -> dict[str, Any]:
    return {
        "id": t.id, "queue": t.queue, "subject": t.subject, "status": t.status.value,
        "requestor": t.requestor, "owner": t.owner, "priority": t.priority,
        "created": t.created.isoformat(), "due": t.due.isoformat() if t.due else None,
        "lang": t.lang, "topic": t.topic, "txns": [_txn_doc(x) for x in t.txns],
    }


def _txn_doc(x: Txn) -> dict[str, Any]:
    doc: dict[str, Any] = {"id": x.id, "type": x.type.value, "author": x.author, "at": x.created.isoformat()}
    # Defaults are left out: most transactions are either a message or a field change.
    optional = {"content": x.content, "old": x.old, "new": x.new, "minutes": x.minutes}
    doc.update((key, value) for key, value in optional.items() if value)
    if x.content_type != "text/plain":
        doc["ct"] = x.content_type
    if x.attachments:
        doc["files"] = [[a.id, a.filename, a.content_type, a.size] for a in x.attachments]
    return doc


# --- decoding ------------------------------------------------------------------------------------


def decode(raw: bytes) -> Workspace:
    doc = _obj(json.loads(raw))
    if doc.get("format") != _FORMAT or doc.get("version") != _VERSION:
        raise ValueError("not a demo workspace of a known version")
    next_ticket, next_txn, next_attachment = (typed(v, int) for v in _list(doc["next"], 3))
    tickets = [_ticket(_obj(t)) for t in _list(doc["tickets"])]
    if next_ticket <= max((t.id for t in tickets), default=0) or next_txn <= max(
            (x.id for t in tickets for x in t.txns), default=0):
        raise ValueError("the id counters are behind the data")  # new ids would collide
    customers = [Customer(*(typed(v, str) for v in _list(c, 3))) for c in _list(doc["customers"])]
    return Workspace(
        queues=[Queue(*(typed(v, str) for v in _list(q, 3))) for q in _list(doc["queues"])],
        agents=[typed(a, str) for a in _list(doc["agents"])],
        customers={c.email.lower(): c for c in customers},
        tickets={t.id: t for t in tickets},
        snippets=[Snippet(*(typed(v, str) for v in _list(s, 4))) for s in _list(doc["snippets"])],
        tasks={task.id: task for task in (_task(t) for t in _list(doc["tasks"]))},
        next_ticket_id=next_ticket, next_txn_id=next_txn, next_attachment_id=next_attachment,
    )


def _ticket(d: dict[str, Any]) -> TicketRec:
    owner, due = d["owner"], d["due"]
    return TicketRec(
        id=typed(d["id"], int), queue=typed(d["queue"], str), subject=typed(d["subject"], str),
        status=TicketStatus(d["status"]), requestor=typed(d["requestor"], str),
        owner=None if owner is None else typed(owner, str), priority=typed(d["priority"], int),
        created=when(d["created"]), due=None if due is None else when(due),
        lang=typed(d["lang"], str), topic=typed(d["topic"], str),
        txns=[_txn(_obj(x)) for x in _list(d["txns"])],
    )


def _txn(d: dict[str, Any]) -> Txn:
    files = tuple(Attachment(typed(i, int), typed(n, str), typed(ct, str), typed(size, int))
                  for i, n, ct, size in (_list(f, 4) for f in _list(d.get("files", []))))
    return Txn(
        id=typed(d["id"], int), type=TxnType(d["type"]), author=typed(d["author"], str),
        created=when(d["at"]), content=typed(d.get("content", ""), str),
        content_type=typed(d.get("ct", "text/plain"), str), old=typed(d.get("old", ""), str),
        new=typed(d.get("new", ""), str), minutes=typed(d.get("minutes", 0), int), attachments=files,
    )


def _task(value: object) -> TaskRec:
    task_id, customer, title, done, updated = _list(value, 5)
    return TaskRec(typed(task_id, str), typed(customer, str), typed(title, str), typed(done, bool),
                   when(updated))


def typed(value: object, kind: type[T]) -> T:
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise TypeError(f"expected {kind.__name__}, got {type(value).__name__}")
    return value


def _obj(value: object) -> dict[str, Any]:
    return typed(value, dict)


def _list(value: object, size: int | None = None) -> list[Any]:
    items = typed(value, list)
    if size is not None and len(items) != size:
        raise ValueError(f"expected {size} items, got {len(items)}")
    return items


def when(value: object) -> datetime:
    moment = datetime.fromisoformat(typed(value, str))
    if moment.tzinfo is None:
        raise ValueError("a time without a time zone")
    return moment
