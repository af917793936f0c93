"""TicketSQL and REST2 query parameters, built in one place so quoting and dates are always right."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

# Ticket fields fetched inline with every ticket search; the nested ones spare a request per ticket
# for the requester's address, the queue's name and the owner's name.
TICKET_FIELDS = {
    "fields": "Subject,Status,Owner,Requestor,Queue,Priority,Due,Created,LastUpdated,TimeWorked",
    "fields[Requestor]": "id,Name,EmailAddress,RealName,Organization",
    "fields[Queue]": "id,Name",
    "fields[Owner]": "id,Name",
}

HISTORY_FIELDS = {
    "fields": "Type,Creator,Created,Field,OldValue,NewValue,TimeTaken,ObjectId",
    "fields[Creator]": "id,Name,EmailAddress",
}

ATTACHMENT_FIELDS = {"fields": "TransactionId,ContentType,Filename,ContentLength,Content"}

# Never part of the conversation: records of the e-mails RT sent (hidden from agents without
# ShowOutgoingEmail, which would also make page sizes lie) and the role-group twin of every owner
# change. Filtered on the server.
_HIDDEN_TYPES = ("EmailRecord", "CommentEmailRecord", "SetWatcher")

def quote(value: str) -> str:
    """A TicketSQL string literal. RT reads backslash escapes inside single quotes."""
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


def sql_datetime(moment: datetime, timezone: str = "UTC") -> str:
    """A date as TicketSQL wants it: 'YYYY-MM-DD HH:MM:SS' in the RT user's time zone.

    An ISO string with a 'T' or 'Z' is silently read as "no date" by RT and matches every ticket.
    RT reads the plain form in the user's (or the server's) time zone, hence the conversion.
    A naive datetime is taken as UTC.
    """
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(ZoneInfo(timezone)).strftime("%Y-%m-%d %H:%M:%S")


def queue_tickets(queues: Sequence[str], updated_after: datetime | None, timezone: str) -> str:
    in_queues = " OR ".join(f"Queue = {quote(name)}" for name in queues)
    if updated_after is None:
        return f"({in_queues}) AND Status = '__Active__'"
    # Every status, so that resolutions arrive too (RT itself never returns deleted tickets).
    return f"({in_queues}) AND LastUpdated > {quote(sql_datetime(updated_after, timezone))}"


def customer_tickets(email: str) -> str:
    return f"Requestor.EmailAddress = {quote(email)}"


def one_ticket(ticket_id: int) -> str:
    return f"id = {ticket_id}"


def history_filter(after_id: int = 0) -> str:
    """A REST2 JSON search for /ticket/{id}/history; it narrows the ticket's own transactions.

    (A TicketSQL-style 'query=' here would replace the ticket restriction and search every object.)
    """
    limits: list[dict[str, str]] = [
        {"field": "Type", "operator": "!=", "value": kind, "entry_aggregator": "AND"}
        for kind in _HIDDEN_TYPES
    ]
    if after_id:
        limits.append({"field": "id", "operator": ">", "value": str(after_id), "entry_aggregator": "AND"})
    return json.dumps(limits)


def transactions_since(after: Mapping[int, int]) -> str:
    """TransactionSQL for the new history entries of several tickets: {ticket id: last seen id}."""
    hidden = " AND ".join(f"Type != {quote(kind)}" for kind in _HIDDEN_TYPES)
    per_ticket = " OR ".join(f"(ObjectId = {ticket} AND id > {last})" for ticket, last in after.items())
    return f"ObjectType = 'RT::Ticket' AND {hidden} AND ({per_ticket})"


def parts_of(txn_ids: Sequence[int]) -> str:
    return json.dumps([{"field": "TransactionId", "operator": "IN", "value": list(txn_ids)}])


def text_parts_filter(after_txn_id: int) -> str:
    """Text parts of transactions newer than a given one: enough to compare message bodies."""
    return json.dumps([
        {"field": "TransactionId", "operator": ">", "value": str(after_txn_id)},
        {"field": "ContentType", "operator": "STARTSWITH", "value": "text/", "entry_aggregator": "AND"},
    ])


def by_field(field: str, value: str) -> str:
    return json.dumps([{"field": field, "value": value}])
