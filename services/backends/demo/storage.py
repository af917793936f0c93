"""The demo workspace on disk: one JSON file, written atomically, checked when read.

Blocking functions: the connector calls them through asyncio.to_thread.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

from services.backends.demo.workspace import Attachment, TaskRec, TicketRec, Txn, TxnType, Workspace
from services.domain import Customer, Queue, Snippet, TicketStatus

log = logging.getLogger(__name__)

STATE_FILE = "demo-workspace.json"
_FORMAT = "monodesk-demo"
_VERSION = 1
# Everything a damaged file can raise while decoding (JSONDecodeError and UnicodeDecodeError are
# ValueErrors); anything else is a bug and should surface.
_DECODE_ERRORS = (ValueError, KeyError, TypeError, RecursionError)

T = TypeVar("T")
# Encoded tickets by id, with the id of their last transaction when encoded. Every change to a ticket
# appends a transaction, so a ticket whose last transaction is the same encodes the same.
TicketCache = dict[int, tuple[int, str]]


# --- file I/O -------------------------------------------------------------------------------------


def load_or_seed(path: Path, make: Callable[[], Workspace]) -> Workspace:
    """Read the workspace, or make (and save) a fresh one when there is none or it is unusable."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return _fresh(path, make)
    except OSError as exc:
        return _set_aside(path, make, f"cannot be read ({exc.strerror or exc})")
    try:
        return decode(raw)
    except _DECODE_ERRORS as exc:
        return _set_aside(path, make, f"is damaged ({type(exc).__name__}: {exc})")


def save(path: Path, workspace: Workspace, cache: TicketCache | None = None) -> None:
    """Write to a temporary file next to the target, then rename over it: never half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    data = encode(workspace, cache)
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        tmp.replace(path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _fresh(path: Path, make: Callable[[], Workspace]) -> Workspace:
    workspace = make()
    try:
        save(path, workspace)
    except OSError as exc:
        log.warning("The demo workspace could not be saved to %s (%s); changes last until the app closes.",
                    path, exc.strerror or exc)
    return workspace


def _set_aside(path: Path, make: Callable[[], Workspace], problem: str) -> Workspace:
    aside = path.with_name(path.name + ".corrupt")
    try:
        path.replace(aside)
        log.warning("The demo workspace %s %s; it was moved to %s and a fresh one was made.",
                    path, problem, aside.name)
    except OSError as exc:
        log.warning("The demo workspace %s %s and could not be moved aside (%s); a fresh one was made.",
                    path, problem, exc.strerror or exc)
    return _fresh(path, make)


# --- encoding -------------------------------------------------------------------------------------


def encode(ws: Workspace, cache: TicketCache | None = None) -> bytes:
    """The workspace as JSON. With a cache, only tickets changed since the last call are encoded again:
    a save then holds the interpreter (and the GUI thread waiting for it) for a millisecond, not 20."""
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
    cache = {} if cache is None else cache
    tickets = ",".join(_encoded_ticket(t, cache) for t in ws.tickets.values())
    return f'{_dumps(document)[:-1]},"tickets":[{tickets}]}}'.encode()


def _encoded_ticket(t: TicketRec, cache: TicketCache) -> str:
    version = t.txns[-1].id if t.txns else 0
    cached = cache.get(t.id)
    if cached is None or cached[0] != version:
        cached = cache[t.id] = (version, _dumps(_ticket_doc(t)))
    return cached[1]


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


# --- decoding (every value is checked: the file may have been edited or damaged) --------------------


def decode(raw: bytes) -> Workspace:
    doc = _obj(json.loads(raw))
    if doc.get("format") != _FORMAT or doc.get("version") != _VERSION:
        raise ValueError("not a demo workspace of a known version")
    next_ticket, next_txn, next_attachment = (_typed(v, int) for v in _list(doc["next"], 3))
    tickets = [_ticket(_obj(t)) for t in _list(doc["tickets"])]
    if next_ticket <= max((t.id for t in tickets), default=0) or next_txn <= max(
            (x.id for t in tickets for x in t.txns), default=0):
        raise ValueError("the id counters are behind the data")  # new ids would collide
    customers = [Customer(*(_typed(v, str) for v in _list(c, 3))) for c in _list(doc["customers"])]
    return Workspace(
        queues=[Queue(*(_typed(v, str) for v in _list(q, 3))) for q in _list(doc["queues"])],
        agents=[_typed(a, str) for a in _list(doc["agents"])],
        customers={c.email.lower(): c for c in customers},
        tickets={t.id: t for t in tickets},
        snippets=[Snippet(*(_typed(v, str) for v in _list(s, 4))) for s in _list(doc["snippets"])],
        tasks={task.id: task for task in (_task(t) for t in _list(doc["tasks"]))},
        next_ticket_id=next_ticket, next_txn_id=next_txn, next_attachment_id=next_attachment,
    )


def _ticket(d: dict[str, Any]) -> TicketRec:
    owner, due = d["owner"], d["due"]
    return TicketRec(
        id=_typed(d["id"], int), queue=_typed(d["queue"], str), subject=_typed(d["subject"], str),
        status=TicketStatus(d["status"]), requestor=_typed(d["requestor"], str),
        owner=None if owner is None else _typed(owner, str), priority=_typed(d["priority"], int),
        created=_when(d["created"]), due=None if due is None else _when(due),
        lang=_typed(d["lang"], str), topic=_typed(d["topic"], str),
        txns=[_txn(_obj(x)) for x in _list(d["txns"])],
    )


def _txn(d: dict[str, Any]) -> Txn:
    files = tuple(Attachment(_typed(i, int), _typed(n, str), _typed(ct, str), _typed(size, int))
                  for i, n, ct, size in (_list(f, 4) for f in _list(d.get("files", []))))
    return Txn(
        id=_typed(d["id"], int), type=TxnType(d["type"]), author=_typed(d["author"], str),
        created=_when(d["at"]), content=_typed(d.get("content", ""), str),
        content_type=_typed(d.get("ct", "text/plain"), str), old=_typed(d.get("old", ""), str),
        new=_typed(d.get("new", ""), str), minutes=_typed(d.get("minutes", 0), int), attachments=files,
    )


def _task(value: object) -> TaskRec:
    task_id, customer, title, done, updated = _list(value, 5)
    return TaskRec(_typed(task_id, str), _typed(customer, str), _typed(title, str), _typed(done, bool),
                   _when(updated))


def _typed(value: object, kind: type[T]) -> T:
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise TypeError(f"expected {kind.__name__}, got {type(value).__name__}")
    return value


def _obj(value: object) -> dict[str, Any]:
    return _typed(value, dict)


def _list(value: object, size: int | None = None) -> list[Any]:
    items = _typed(value, list)
    if size is not None and len(items) != size:
        raise ValueError(f"expected {size} items, got {len(items)}")
    return items


def _when(value: object) -> datetime:
    moment = datetime.fromisoformat(_typed(value, str))
    if moment.tzinfo is None:
        raise ValueError("a time without a time zone")
    return moment
