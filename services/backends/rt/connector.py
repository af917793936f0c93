"""The Request Tracker 5 connector, over RT's REST2 API.

Request budget (what the benchmarks count):
- list_tickets: one request per page; requester, queue and owner names come inline (nested fields).
- ticket_history: three requests sent together (ticket, history, all message parts), plus a one-off
  name lookup for an owner or queue id never seen before (then cached).
- thread_updates: two requests for up to 50 tickets (their new history entries in one TransactionSQL
  search, then the parts of the new messages), whatever the number of tickets in the batch.
- changes_after: one request (two with text), plus one for the ticket's requestors when this
  connector has not seen the ticket yet.
- reply / note / set_status / take: one request; one more only when RT's answer does not
  show that a requested status or owner change happened.

Apart from those small name caches the connector keeps no state: the sync engine decides what to fetch.
"""

from __future__ import annotations

import asyncio
import logging
import random
import re
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import UTC, datetime, tzinfo
from typing import Any
from urllib.parse import quote as urlquote
from zoneinfo import ZoneInfo

import httpx

from services.backends import http
from services.backends.base import (
    BackendError,
    BadPayload,
    Forbidden,
    NoSuchUser,
    NotFound,
    Rejected,
    RemoteChange,
)
from services.backends.http import HttpClient, RetryPolicy
from services.backends.rt import parse, query
from services.backends.rt import tasks as rt_tasks
from services.backends.rt.parse import Audience, Names, ParsedTicket, Txn
from services.backends.rt.status import status_to_rt
from services.domain import Queue, Snippet, Ticket, TicketHistory, TicketPage, TicketStatus
from services.ids import is_number, numeric_order
from services.sanitize import clean_body
from services.tasks import NewTask, RemoteTask

log = logging.getLogger(__name__)

_MAX_PAGES = 100  # 10,000 rows: far beyond any real thread, a guard against a server that never ends
_TICKETS_PER_SEARCH = 50  # keeps a TransactionSQL query (about 40 characters a ticket) well inside a URL
# A whole thread is a dozen entries or more: smaller searches for tickets read from the start, so that
# their pages (read one after the other) are spread over parallel searches.
_FRESH_TICKETS_PER_SEARCH = 8
_IDS_PER_SEARCH = 100
_LINKS_READ_AT_MOST = 200  # tasks of one listing whose origin ticket is read (a request each)
_APPLIED = re.compile(
    r"changed from|set to|ticket deleted|can't change status from '([^']*)' to '\1'", re.IGNORECASE
)


class RTConnector:
    def event_order(self, event_id: str) -> int:
        """History ids are RT's transaction ids: numbers that grow with time."""
        return numeric_order(event_id)

    def __init__(
        self,
        base_url: str,
        user: str,
        token: str,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        concurrency: int = 8,
        per_page: int = 100,
        snippet_class: str = "Snippets",
        timezone: str = "UTC",
        connect_timeout: float = 10.0,
        read_timeout: float = 60.0,
        timeout: float | None = None,
        deadline: float | None = None,
        retry: RetryPolicy | None = None,
        retry_base_delay: float | None = None,
        sleep: http.Sleep = asyncio.sleep,
        rand: Callable[[], float] = random.random,
    ) -> None:
        """timezone: the time zone RT reads TicketSQL dates in (the RT user's preference, else the
        server's $Timezone). Wrong, it shifts the sync watermark by hours.
        timeout: shorthand that caps both the connect and the read timeout (seconds).
        deadline: the most one request may take in all, however the server drips its answer
        (default: twice the read timeout).
        retry_base_delay: shorthand for the first back-off step of the default RetryPolicy."""
        if timeout is not None:
            connect_timeout, read_timeout = min(connect_timeout, timeout), timeout
        if deadline is None:
            deadline = 2 * read_timeout
        if retry is None and retry_base_delay is not None:
            retry = RetryPolicy(base_delay=retry_base_delay)
        self.user = user
        self._base_url = _rest_base(base_url)
        self._per_page = max(1, min(per_page, 100))  # RT caps pages at 100 rows
        self._snippet_class = snippet_class
        self._timezone = timezone
        ZoneInfo(timezone)  # fail at start, not at the first sync
        self._http = HttpClient(
            self._base_url,
            headers={"Authorization": f"token {token}", "Accept": "application/json"},
            secrets=(token,),
            service="Request Tracker",
            transport=transport,
            concurrency=concurrency,
            connect_timeout=connect_timeout,
            read_timeout=read_timeout,
            deadline=deadline,
            retry=retry,
            sleep=sleep,
            rand=rand,
        )
        self._self_id: int | None = None
        self._user_names: dict[int, str] = {}
        self._queue_names: dict[int, str] = {}
        self._requestors: dict[str, frozenset[str]] = {}
        self._snippet_class_id: str | None = None

    @property
    def requests_made(self) -> int:
        return self._http.requests_made

    async def aclose(self) -> None:
        await self._http.aclose()

    # --- account and queues ---------------------------------------------------------------------

    async def whoami(self) -> str:
        try:
            payload = await self._http.get_json(f"/user/{_segment(self.user)}")
        except NotFound:
            raise await self._explain_not_found() from None
        except BadPayload as exc:
            if exc.http_status == 404:  # a web server's own "not found" page: is RT there at all?
                raise await self._explain_not_found() from None
            raise BadPayload(
                f"{self._base_url} does not look like Request Tracker 5's REST2 API. {exc}"
            ) from None
        number, name = parse.parse_user_name(payload)
        self._self_id = number
        if number is not None:
            self._user_names[number] = name
        return name

    async def _explain_not_found(self) -> BackendError:
        """A 404 for our own user: either no such user, or no RT at that address."""
        try:
            version = parse.as_dict(await self._http.get_json("/rt"), "RT version").get("Version")
        except BackendError:
            version = None
        if isinstance(version, str):
            return NoSuchUser(f"Request Tracker {version[:40]} has no user named '{self.user}'.")
        return NotFound(f"There is no Request Tracker 5 REST2 API at {self._base_url}. Check the address.")

    async def list_queues(self) -> list[Queue]:
        items = await self._all_pages("/queues/all", {"fields": "Name,Description"}, "queue list")
        queues, problems = parse.parse_entries(items, parse.parse_queue, "queue")
        _log_problems(problems)
        for q in queues:
            if is_number(q.remote_id):
                self._queue_names[int(q.remote_id)] = q.name
        return queues

    # --- tickets --------------------------------------------------------------------------------

    async def list_tickets(
        self, queues: Sequence[str], *, updated_after: datetime | None, page: int = 1
    ) -> TicketPage:
        if not queues:
            return TicketPage(tickets=())
        params = {
            **query.TICKET_FIELDS,
            "query": query.queue_tickets(queues, updated_after, self._timezone),
            # By id: unlike the update time it does not change while we page, so no ticket moves
            # from a page not yet read to one already read.
            "orderby": "id",
            "order": "ASC",
            "per_page": str(self._per_page),
            "page": str(page),
        }
        payload = await self._http.get_json("/tickets", params)
        collection = parse.parse_collection(payload, "ticket list")
        parsed, errors = parse.parse_ticket_items(collection.items)
        self._remember(parsed)
        _log_problems(w for p in parsed for w in p.warnings)
        return parse.ticket_page(parsed, errors, page, collection.has_more and bool(collection.items))

    async def customer_tickets(self, email: str) -> list[Ticket]:
        params = {
            **query.TICKET_FIELDS,
            "query": query.customer_tickets(email),
            "orderby": ["Created", "id"],
            "order": ["DESC", "DESC"],
        }
        items = await self._all_pages("/tickets", params, "customer's tickets", max_pages=10)
        parsed, errors = parse.parse_ticket_items(items)
        _log_problems(errors)
        self._remember(parsed)
        return [p.ticket for p in parsed]

    async def ticket_history(self, ticket_id: str) -> TicketHistory:
        number = _ticket_number(ticket_id)
        ticket_payload, txn_items, part_items = await _together(
            self._ticket_search(number),
            self._all_pages(
                f"/ticket/{number}/history",
                {**query.HISTORY_FIELDS, "query": query.history_filter()},
                "ticket history",
            ),
            self._all_pages(f"/ticket/{number}/attachments", query.ATTACHMENT_FIELDS, "message parts"),
        )
        parsed = self._one_ticket(ticket_payload, number)
        txns, bad_txns = parse.parse_entries(txn_items, parse.parse_txn, "history entry")
        parts, bad_parts = parse.parse_entries(part_items, parse.parse_part, "message part")
        names = await self._names(txns)
        warnings = list(parsed.warnings) + bad_txns + bad_parts
        who = self._audience(parsed.ticket)
        return parse.build_history(parsed.ticket, who, txns, parts, names, warnings)

    async def thread_updates(
        self, tickets: Sequence[Ticket], after_event_ids: Mapping[str, str]
    ) -> list[TicketHistory]:
        """New entries of many threads at once. Any unreadable entry fails the whole batch with
        BadPayload: it cannot always be told which ticket it belongs to, and the sync engine then
        reads those tickets one by one, where a bad entry is only a warning."""
        if not tickets:
            return []
        after = {_ticket_number(t.remote_id): _event_number(after_event_ids.get(t.remote_id, ""))
                 for t in tickets}
        txns = await self._new_transactions(after)
        message_ids = [t.id for t in txns if t.type in parse.MESSAGE_TYPES]
        parts = await self._parts_of(message_ids)
        names = await self._names(txns)
        audiences = {t.remote_id: self._audience(t) for t in tickets}

        def build() -> list[TicketHistory]:
            by_ticket: dict[int, list[Txn]] = {}
            for txn in txns:
                by_ticket.setdefault(txn.ticket_id or 0, []).append(txn)
            histories = []
            for ticket in tickets:
                number = _ticket_number(ticket.remote_id)
                own = by_ticket.get(number, [])
                ids = {t.id for t in own}
                own_parts = [p for p in parts if p.txn_id in ids]
                histories.append(parse.build_history(ticket, audiences[ticket.remote_id], own, own_parts,
                                                     names, [], after_id=after[number]))
            return histories

        # Decoding and sanitising hundreds of messages takes tens of ms: off the event loop (the
        # GUI thread), which then keeps painting while it runs.
        return await asyncio.to_thread(build)

    async def _new_transactions(self, after: Mapping[int, int]) -> list[Txn]:
        fresh = [n for n, last in after.items() if last == 0]
        grown = [n for n, last in after.items() if last != 0]
        chunks = [*_chunks(fresh, _FRESH_TICKETS_PER_SEARCH), *_chunks(grown, _TICKETS_PER_SEARCH)]
        searches = [
            self._all_pages(
                "/transactions",
                {
                    **query.HISTORY_FIELDS,
                    "query": query.transactions_since({n: after[n] for n in chunk}),
                    "orderby": "id",
                    "order": "ASC",
                },
                "history of several tickets",
            )
            for chunk in chunks
        ]
        items = [item for found in await _together(*searches) for item in found]
        # BadPayload fails the batch, see above. Parsed off the event loop, as the histories are.
        txns = await asyncio.to_thread(lambda: [parse.parse_txn(item) for item in items])
        if any(t.ticket_id not in after for t in txns):
            raise BadPayload("A history entry of the batch belongs to none of the tickets asked for.")
        return txns

    async def _parts_of(self, txn_ids: list[int]) -> list[parse.Part]:
        searches = [
            self._all_pages(
                "/attachments", {**query.ATTACHMENT_FIELDS, "query": query.parts_of(chunk)}, "message parts"
            )
            for chunk in _chunks(txn_ids, _IDS_PER_SEARCH)
        ]
        found = await _together(*searches)
        return await asyncio.to_thread(lambda: [parse.parse_part(item) for page in found for item in page])

    async def changes_after(
        self, ticket_id: str, after_event_id: str, *, with_text: bool = False
    ) -> list[RemoteChange]:
        number = _ticket_number(ticket_id)
        after = _event_number(after_event_id)
        history = self._all_pages(
            f"/ticket/{number}/history",
            {**query.HISTORY_FIELDS, "query": query.history_filter(after)},
            "ticket history",
        )
        texts = (
            self._all_pages(
                f"/ticket/{number}/attachments",
                {**query.ATTACHMENT_FIELDS, "query": query.text_parts_filter(after)},
                "message parts",
            )
            if with_text
            else _nothing()
        )
        txn_items, part_items, requestors = await _together(history, texts, self._requestor_keys(number))
        txns, problems = parse.parse_entries(txn_items, parse.parse_txn, "history entry")
        parts, bad_parts = parse.parse_entries(part_items, parse.parse_part, "message part")
        _log_problems(problems + bad_parts)
        who = Audience(requestors=requestors, me=self._self_keys())
        names = await self._names(txns, previous=False)  # a change only tells the new owner
        return parse.build_changes(txns, who, names, parts if with_text else None)

    async def message_text(self, ticket_id: str, message_id: str) -> str:
        _ticket_number(ticket_id)
        txn = _event_number(message_id)
        items = await self._all_pages(
            "/attachments", {**query.ATTACHMENT_FIELDS, "query": query.parts_of([txn])}, "message parts")
        parts, problems = parse.parse_entries(items, parse.parse_part, "message part")
        _log_problems(problems)
        part = parse.body_part([p for p in parts if p.txn_id == txn])
        if part is None:
            return ""
        return clean_body(parse.clean_text(part.content)[0], part.content_type, whole=True).text

    # --- writes ---------------------------------------------------------------------------------

    async def reply(self, ticket_id: str, text: str, *, time_minutes: int = 0,
                    status: TicketStatus | None = None) -> None:
        await self._post_message(ticket_id, "correspond", text, time_minutes, status)

    async def note(self, ticket_id: str, text: str, *, time_minutes: int = 0,
                   status: TicketStatus | None = None) -> None:
        await self._post_message(ticket_id, "comment", text, time_minutes, status)

    async def log_time(self, ticket_id: str, minutes: int, note: str = "") -> None:
        """A comment (staff only) holding the time and, when there is one, the agent's note."""
        if minutes <= 0:
            raise Rejected(f"Time worked on ticket {ticket_id} must be at least a minute, not {minutes}.")
        number = _ticket_number(ticket_id)
        body: dict[str, Any] = {"ContentType": "text/plain", "TimeTaken": minutes}
        if note.strip():
            body["Content"] = note
        # Not idempotent either: the sync engine looks for it in the history before sending it again.
        await self._http.request_json("POST", f"/ticket/{number}/comment", json=body, idempotent=False)

    async def set_status(self, ticket_id: str, status: TicketStatus) -> None:
        number = _ticket_number(ticket_id)
        wanted = status_to_rt(status)
        payload = await self._http.request_json("PUT", f"/ticket/{number}", json={"Status": wanted})
        await self._confirm(number, "Status", wanted, _messages(payload), delivered=False)

    async def take(self, ticket_id: str) -> None:
        number = _ticket_number(ticket_id)
        payload = await self._http.request_json("PUT", f"/ticket/{number}", json={"Owner": self.user})
        await self._confirm(number, "Owner", self.user, _messages(payload), delivered=False)

    async def release(self, ticket_id: str) -> None:
        number = _ticket_number(ticket_id)
        payload = await self._http.request_json("PUT", f"/ticket/{number}", json={"Owner": parse.NOBODY})
        await self._confirm(number, "Owner", parse.NOBODY, _messages(payload), delivered=False)

    async def _post_message(
        self, ticket_id: str, kind: str, text: str, minutes: int, status: TicketStatus | None
    ) -> None:
        number = _ticket_number(ticket_id)
        body: dict[str, Any] = {"Content": text, "ContentType": "text/plain"}
        if minutes:
            body["TimeTaken"] = minutes
        if status is not None:
            body["Status"] = status_to_rt(status)
        # Not idempotent: sent twice, the customer gets the reply twice. The HTTP layer never
        # resends it once it may have arrived; the sync engine checks changes_after instead.
        payload = await self._http.request_json(
            "POST", f"/ticket/{number}/{kind}", json=body, idempotent=False
        )
        if status is not None:
            # The first message is "Correspondence added"/"Comments added"; the rest are the status.
            await self._confirm(number, "Status", body["Status"], _messages(payload)[1:], delivered=True)

    async def _confirm(
        self, number: int, field: str, wanted: str, messages: list[str], *, delivered: bool
    ) -> None:
        """RT answers a change with messages, 200 even when it refused: check what happened.

        No message means nothing had to change. Messages RT uses for success are trusted; anything
        else (a refusal, or messages in another language) is settled by reading the ticket.
        """
        if all(_APPLIED.search(m) for m in messages):
            return
        ticket = self._one_ticket(await self._ticket_search(number), number).ticket
        current = (ticket.owner or parse.NOBODY) if field == "Owner" else status_to_rt(ticket.status)
        if current.casefold() == wanted.casefold():
            return
        reason = "; ".join(m[:200] for m in messages)
        done = "The message was added, but " if delivered else ""
        raise Rejected(
            f"{done}Request Tracker did not set {field} of ticket {number} to '{wanted}': {reason}",
            maybe_delivered=delivered,
        )

    # --- customer tasks (services.backends.rt.tasks) ----------------------------------------------

    async def tasks(self, queue: str, *, updated_after: datetime | None) -> list[RemoteTask]:
        now = datetime.now(UTC)
        params = {**rt_tasks.TASK_FIELDS, "orderby": "id", "order": "ASC",
                  "query": rt_tasks.listing_query(queue, updated_after, now, self._timezone)}
        items = await self._all_pages("/tickets", params, "task list")
        zone = _local_zone()
        found, problems = parse.parse_entries(items, lambda item: rt_tasks.parse_task(item, zone), "task")
        _log_problems(problems)
        if len(found) > _LINKS_READ_AT_MOST:  # one request each: left unknown (kept as known here)
            return found
        links = await asyncio.gather(*(self._task_record(t.remote_id) for t in found))
        return [replace(t, ticket=rt_tasks.refers_to(record)) if record is not None else t
                for t, record in zip(found, links, strict=True)]

    async def task(self, remote_id: str) -> RemoteTask | None:
        record = await self._task_record(remote_id)
        if record is None:
            return None
        task = rt_tasks.parse_task(record, _local_zone(), rt_tasks.refers_to(record))
        return None if task.deleted else task

    async def find_task(self, queue: str, task: NewTask, since: datetime) -> RemoteTask | None:
        params = {**rt_tasks.TASK_FIELDS, "orderby": "id", "order": "ASC",
                  "query": rt_tasks.found_query(queue, task, self.user, since, self._timezone)}
        items = await self._all_pages("/tickets", params, "task search", max_pages=2)
        for item in items:  # (the same words, by the same user, lately: the key says which it is)
            found = dict(parse.as_dict(item, "task"))
            number = parse.as_id(found.get("id"), "task id")
            parts = await self._all_pages(f"/ticket/{number}/attachments", query.ATTACHMENT_FIELDS,
                                          "task creation", max_pages=1)
            if not any(rt_tasks.marker(task.key) in str(parse.as_dict(p, "part").get("Content") or "")
                       for p in parts):
                continue
            if not found.get("Requestor"):  # the attempt ended before the requestor was set
                found["Requestor"] = [{"id": "", "Name": "-"}]
            return rt_tasks.parse_task(found, _local_zone(), task.ticket)
        return None

    async def create_task(self, queue: str, task: NewTask) -> str:
        # Not idempotent: the sync engine looks for an earlier attempt (find_task) before a new one.
        payload = await self._http.request_json("POST", "/ticket", json=rt_tasks.creation_body(queue, task),
                                                idempotent=False)
        remote_id = str(parse.as_id(parse.as_dict(payload, "created task").get("id"), "created task id"))
        try:
            await self.update_task(remote_id, {"customer": task.customer})
        except BackendError as exc:
            exc.maybe_delivered = True  # the task exists: found and completed on the next attempt
            raise
        return remote_id

    async def update_task(self, remote_id: str, changes: Mapping[str, object]) -> None:
        number = _ticket_number(remote_id)
        body = rt_tasks.update_body(changes)
        if not body:
            return
        await self._http.request_json("PUT", f"/ticket/{number}", json=body)
        # RT answers 200 with a refusal among its messages: read the task back to be sure.
        record = await self._task_record(remote_id)
        if record is None:
            raise NotFound(f"Task {number} is not in Request Tracker any more.")
        now = rt_tasks.parse_task({**record, "Requestor": record.get("Requestor") or [{"id": "-"}]},
                                  _local_zone())
        wrong = [f for f, v in changes.items() if not _task_has(now, f, v)]
        if wrong:
            raise Rejected(f"Request Tracker did not change {', '.join(wrong)} of task {number}.")

    async def _task_record(self, remote_id: str) -> dict[str, Any] | None:
        try:
            return parse.as_dict(await self._http.get_json(f"/ticket/{_ticket_number(remote_id)}"), "task")
        except NotFound:
            return None

    # --- snippets -------------------------------------------------------------------------------

    async def snippets(self) -> list[Snippet]:
        class_id = await self._find_snippet_class()
        if class_id is None:
            log.warning("RT has no article class named %r: no snippets.", self._snippet_class)
            return []
        params = {
            "query": query.by_field("Class", class_id),
            "fields": "Name,Summary,CustomFields,Disabled",
            "orderby": "Name",
        }
        items = await self._all_pages("/articles", params, "snippet list")
        active = [i for i in items if not (isinstance(i, dict) and str(i.get("Disabled", "0")) == "1")]
        snippets, problems = parse.parse_entries(active, parse.parse_snippet, "snippet")
        _log_problems(problems)
        return snippets

    async def _find_snippet_class(self) -> str | None:
        if self._snippet_class_id is None:
            params = {"query": query.by_field("Name", self._snippet_class), "fields": "Name"}
            found = parse.parse_collection(await self._http.get_json("/classes", params), "class search")
            if not found.items:
                return None
            first = parse.as_dict(found.items[0], "class")
            self._snippet_class_id = parse.as_str(first.get("id"), "class.id")
        return self._snippet_class_id

    # --- helpers --------------------------------------------------------------------------------

    async def _all_pages(
        self, path: str, params: dict[str, Any], what: str, *, max_pages: int = _MAX_PAGES
    ) -> list[Any]:
        items: list[Any] = []
        for page in range(1, max_pages + 1):
            page_params = {**params, "per_page": str(self._per_page), "page": str(page)}
            collection = parse.parse_collection(await self._http.get_json(path, page_params), what)
            items.extend(collection.items)
            if not collection.has_more or not collection.items:
                return items
        log.warning("Stopped reading %s after %d pages.", what, max_pages)
        return items

    async def _ticket_search(self, number: int) -> Any:
        params = {**query.TICKET_FIELDS, "query": query.one_ticket(number)}
        return await self._http.get_json("/tickets", params)

    def _one_ticket(self, payload: Any, number: int) -> ParsedTicket:
        collection = parse.parse_collection(payload, f"ticket {number}")
        if not collection.items:
            raise NotFound(f"Ticket {number} does not exist in Request Tracker, or is not visible to you.")
        parsed = parse.parse_ticket(collection.items[0])
        self._remember([parsed])
        return parsed

    def _remember(self, tickets: Iterable[ParsedTicket]) -> None:
        for p in tickets:
            self._requestors[p.ticket.remote_id] = parse.requestor_keys(p.requestors)
            if p.owner is not None and p.owner.number is not None:
                self._user_names[p.owner.number] = p.owner.name
            for ref in p.requestors:
                if ref.number is not None:
                    self._user_names[ref.number] = ref.name
            if p.queue_id is not None:
                self._queue_names[p.queue_id] = p.ticket.queue

    async def _requestor_keys(self, number: int) -> frozenset[str]:
        known = self._requestors.get(str(number))
        if known is not None:
            return known
        return parse.requestor_keys(self._one_ticket(await self._ticket_search(number), number).requestors)

    def _audience(self, ticket: Ticket) -> Audience:
        requestors = self._requestors.get(ticket.remote_id)
        if requestors is None:  # a ticket this connector has not listed: its first requestor will do
            email = ticket.customer.email.casefold() if ticket.customer else ""
            requestors = frozenset({email} - {""})
        return Audience(requestors=requestors, me=self._self_keys())

    def _self_keys(self) -> frozenset[str]:
        keys = {self.user.casefold()}
        if self._self_id is not None:
            keys.add(f"#{self._self_id}")
        return frozenset(keys)

    async def _names(self, txns: list[Txn], *, previous: bool = True) -> Names:
        """Names for the user and queue ids in owner and queue changes, looked up once each."""
        self._user_names.update(parse.known_user_names(txns))
        users = parse.owner_ids(txns, previous=previous) - self._user_names.keys()
        queues = (parse.queue_ids(txns) if previous else set()) - self._queue_names.keys()
        await asyncio.gather(
            *(self._lookup(f"/user/{i}", i, self._user_names) for i in users),
            *(self._lookup(f"/queue/{i}", i, self._queue_names) for i in queues),
        )
        return Names(users=dict(self._user_names), queues=dict(self._queue_names))

    async def _lookup(self, path: str, number: int, cache: dict[int, str]) -> None:
        try:
            payload = parse.as_dict(await self._http.get_json(path), path)
            name = parse.as_str(payload.get("Name"), f"{path} Name")
        except (NotFound, Forbidden, BadPayload) as exc:
            log.info("No name for %s: %s", path, exc)
            return
        if name:
            cache[number] = name


# --- module helpers ------------------------------------------------------------------------------


def _rest_base(base_url: str) -> str:
    url = base_url.strip().rstrip("/")
    if not re.match(r"https?://[^/]+", url):
        raise ValueError(f"Not an http(s) address: {base_url!r}")
    return url if url.endswith("/REST/2.0") else url + "/REST/2.0"


def _segment(value: str) -> str:
    return urlquote(value, safe="@")


def _ticket_number(ticket_id: str) -> int:
    text = str(ticket_id).strip()
    if not is_number(text) or int(text) == 0:
        raise NotFound(f"'{text[:40]}' is not a Request Tracker ticket number.")
    return int(text)


def _event_number(event_id: str) -> int:
    text = str(event_id).strip()
    if not text:
        return 0
    if not is_number(text):
        raise Rejected(f"'{text[:40]}' is not a Request Tracker transaction id.")
    return int(text)


def _messages(payload: Any) -> list[str]:
    """RT's answer to a write: a list of human-readable result lines."""
    if isinstance(payload, list):
        return [str(m) for m in payload if isinstance(m, str | int | float)]
    if isinstance(payload, dict) and isinstance(payload.get("message"), str):
        return [payload["message"]]
    return []


def _local_zone() -> tzinfo:
    """The agent's time zone, where a due day set by hand in RT is read."""
    return datetime.now().astimezone().tzinfo or UTC


def _task_has(task: RemoteTask, field: str, value: object) -> bool:
    match field:
        case "deleted":
            return task.deleted == bool(value)
        case "customer":
            return task.customer.lower() == str(value).lower()
        case "due":
            return task.due == value
        case "done":
            return task.done == bool(value)
        case _:
            return task.value(field) == value


def _log_problems(problems: Iterable[str]) -> None:
    for problem in problems:
        log.warning("%s", problem)


def _chunks(values: Sequence[int], size: int) -> list[list[int]]:
    return [list(values[i:i + size]) for i in range(0, len(values), size)]


async def _nothing() -> list[Any]:
    return []


async def _together(*aws: Awaitable[Any]) -> list[Any]:
    """Run requests side by side; when one fails, cancel the others instead of leaving them running."""
    tasks = [asyncio.ensure_future(a) for a in aws]
    try:
        return list(await asyncio.gather(*tasks))
    except BaseException:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        raise
