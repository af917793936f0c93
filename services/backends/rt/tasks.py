"""Customer tasks on Request Tracker: one ticket per task in the account's tasks queue.

- the customer is the ticket's requestor, set in a second request after the creation: RT's default
  "On Create Autoreply To Requestors" scrip would otherwise mail the customer about an internal task;
- the text is the Subject; the due day is Due, written at 12:00 UTC so that it reads as the same day in
  every time zone from UTC-11 to UTC+11 (a Due set by hand elsewhere reads as its day in the agent's zone);
- done is resolved (reopened: open); a deleted task is a deleted ticket;
- the order is the Priority, the highest first (`ORDER BY Priority DESC` reads it in RT's own search);
- the ticket it came from is a RefersTo link; who created it is the ticket's Creator, who completed it
  the last one to update a resolved task.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any

from services.backends.base import BadPayload
from services.backends.rt import parse
from services.backends.rt.query import quote, sql_datetime
from services.tasks import NewTask, RemoteTask

TASK_FIELDS = {
    "fields": "Subject,Status,Requestor,Priority,Due,Created,Creator,LastUpdated,LastUpdatedBy,Resolved",
    "fields[Requestor]": "id,Name,EmailAddress",
    "fields[Creator]": "id,Name",
    "fields[LastUpdatedBy]": "id,Name",
}
RECENTLY_DONE = timedelta(days=30)  # what a complete listing holds of the done tasks
_NOON = time(12, 0)
_DONE = ("resolved", "rejected")


def listing_query(queue: str, updated_after: datetime | None, now: datetime, timezone: str) -> str:
    if updated_after is not None:
        return f"Queue = {quote(queue)} AND LastUpdated > {quote(sql_datetime(updated_after, timezone))}"
    since = sql_datetime(now - RECENTLY_DONE, timezone)
    return f"Queue = {quote(queue)} AND (Status = '__Active__' OR Resolved > {quote(since)})"


def found_query(queue: str, task: NewTask, creator: str, since: datetime, timezone: str) -> str:
    return (f"Queue = {quote(queue)} AND Creator = {quote(creator)} AND Subject = {quote(task.text)} "
            f"AND Created > {quote(sql_datetime(since, timezone))}")


def due_value(due: date | None) -> str:
    """Due as REST2 takes it; RT's own "not set" clears it (an empty string is not a date to every
    database RT runs on)."""
    return f"{due.isoformat()} 12:00:00" if due else "1970-01-01 00:00:00"


def marker(key: str) -> str:
    """What the creation's text holds of the task's key: how an earlier attempt is recognised."""
    return f"(task {key})"


def due_day(value: datetime | None, zone: tzinfo) -> date | None:
    if value is None:
        return None
    utc = value.astimezone(UTC)
    if utc.time() == _NOON:
        return utc.date()
    return value.astimezone(zone).date()


def creation_body(queue: str, task: NewTask) -> dict[str, Any]:
    body: dict[str, Any] = {
        "Queue": queue, "Subject": task.text, "Priority": task.position, "ContentType": "text/plain",
        "Content": f"A task for {task.customer}, kept by Monodesk {marker(task.key)}.",
    }
    if task.due:
        body["Due"] = due_value(task.due)
    if task.ticket:
        body["RefersTo"] = task.ticket
    return body


def update_body(changes: Mapping[str, object]) -> dict[str, Any]:
    body: dict[str, Any] = {}
    for field, value in changes.items():
        match field:
            case "text":
                body["Subject"] = str(value)
            case "due":
                body["Due"] = due_value(value if isinstance(value, date) else None)
            case "position":
                body["Priority"] = int(str(value))
            case "customer":
                body["Requestor"] = str(value)
            case "done" | "deleted":
                pass  # one status for both, below
            case _:
                raise ValueError(f"not a task field: {field}")
    if changes.get("deleted"):
        body["Status"] = "deleted"
    elif "done" in changes or "deleted" in changes:  # done, reopened, or brought back as it was
        body["Status"] = "resolved" if changes.get("done") else "open"
    return body


def parse_task(item: object, zone: tzinfo, ticket: str | None = None) -> RemoteTask:
    data = parse.as_dict(item, "task")
    remote_id = str(parse.as_id(data.get("id"), "task.id"))
    where = f"task {remote_id}"
    requestors = [parse.parse_user_ref(r, f"{where} Requestor")
                  for r in parse.as_list(data.get("Requestor") or [], f"{where} Requestor")]
    if not requestors:
        raise BadPayload(f"Task {remote_id} has no requestor: whose task it is is unknown.")
    customer = requestors[0].email or requestors[0].name
    status = parse.as_str(data.get("Status"), f"{where} Status").lower()
    done = status in _DONE
    updated = parse.require_datetime(data.get("LastUpdated"), f"{where} LastUpdated")
    updated_by = parse.parse_user_ref(data["LastUpdatedBy"], f"{where} LastUpdatedBy").name \
        if data.get("LastUpdatedBy") else ""
    creator = parse.parse_user_ref(data["Creator"], f"{where} Creator").name if data.get("Creator") else ""
    resolved = parse.parse_datetime(data.get("Resolved"), f"{where} Resolved")
    return RemoteTask(
        remote_id=remote_id, customer=customer.lower(),
        text=parse.clean_text(parse.as_str(data.get("Subject"), f"{where} Subject"))[0],
        due=due_day(parse.parse_datetime(data.get("Due"), f"{where} Due"), zone),
        done=done, done_at=(resolved or updated) if done else None, done_by=updated_by if done else "",
        position=parse.as_int(data.get("Priority"), f"{where} Priority"), ticket=ticket,
        created=parse.require_datetime(data.get("Created"), f"{where} Created"), created_by=creator,
        updated=updated, deleted=status == "deleted")


def refers_to(payload: object) -> str | None:
    """The ticket a task came from, out of the task ticket's own record (its hyperlinks)."""
    data = parse.as_dict(payload, "task")
    for link in parse.as_list(data.get("_hyperlinks") or [], "task links"):
        if isinstance(link, dict) and link.get("ref") == "refers-to" and link.get("type") == "ticket":
            return str(link.get("id") or "") or None
    return None
