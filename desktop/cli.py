"""The `monodesk` command: the window, and the headless commands used by tests and power users.

Every command reads the local replica; changes go through the outbox exactly as the window's do,
and `monodesk sync` sends them. One process pushes a profile at a time: while the window (or a
`monodesk sync`) syncs it, other commands queue their changes and leave the sending to it.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sqlite3
import sys
import time
from collections.abc import Sequence
from dataclasses import asdict, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop import cli_tasks
from desktop.credentials import KEYRING_HELP, CredentialError
from desktop.workspace import Profile, WorkspaceError
from services.backends import registry
from services.backends.base import BackendError
from services.desk import DeskReads
from services.domain import TicketStatus
from services.focus import Why, why_first
from services.outgoing import MAX_ENTRY_MINUTES
from services.pending import Conflict
from services.signin import SignInForm, SignInProblem, check_sign_in
from services.store import OpKind, OutboxOp, StoreError, UnknownTicket
from services.store.faults import classify, damaged
from services.store.profile_lock import Holder, ProfileLock, Role
from services.sync.status import LAST_SYNC_KEY, EngineStatus, SyncState
from services.timefmt import day_bounds, span_minutes, week_bounds

if TYPE_CHECKING:
    from services.store import Account

# `sync --once` waits this long for another short command that syncs the profile to finish.
_ONCE_WAIT_SECONDS = 60.0
_EXIT_BROKEN_PIPE = 141  # as a process killed by SIGPIPE, which is what shells expect of `| head`

_STATUS_CHOICES = {"open": TicketStatus.OPEN, "pending": TicketStatus.PENDING,
                   "resolved": TicketStatus.RESOLVED}


def _folder(text: str) -> Path:
    if not text.strip():
        raise argparse.ArgumentTypeError("needs a folder")
    return Path(text)


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not 0.1 <= value <= 86_400:  # also refuses nan and inf
        raise argparse.ArgumentTypeError("give between 0.1 and 86400 seconds")
    return value


def _minutes(text: str) -> float:
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of minutes") from None
    if not 0 < value < float("inf"):
        raise argparse.ArgumentTypeError("give a positive number of minutes")
    return value


_PERIODS = {"today": "today", "week": "this week (Monday to Sunday)"}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="monodesk", description="One ticket at a time.")
    parser.add_argument("--data-dir", type=_folder, help="keep data, settings and logs in this folder")
    parser.add_argument("--demo", action="store_true", help="use the embedded demo workspace")
    parser.add_argument("-v", "--verbose", action="store_true", help="log details to the terminal")
    parser.add_argument("--smoke", action="store_true",
                        help="open the demo workspace, check the keyring backend, print a line and exit")
    sub = parser.add_subparsers(dest="command")

    account = sub.add_parser("account", help="helpdesk accounts").add_subparsers(dest="action", required=True)
    add = account.add_parser("add", help="connect a helpdesk; the token is read from stdin or a prompt")
    add.add_argument("--backend", choices=[k.name for k in registry.signing_in()], required=True)
    add.add_argument("--url", required=True)
    add.add_argument("--user", required=True)
    add.add_argument("--name", help="a name for this account (default: user@host)")
    add.add_argument("--no-check", action="store_true", help="save without checking against the helpdesk")
    add.add_argument("--insecure-plaintext-token", action="store_true",
                     help="store the token in a plaintext file when no keyring exists (not recommended)")
    account.add_parser("list", help="list accounts")
    use = account.add_parser("use", help="make an account the active one")
    use.add_argument("name")
    remove = account.add_parser("remove", help="forget an account and its token")
    remove.add_argument("name")

    sync = sub.add_parser("sync", help="push queued changes and pull new work")
    sync.add_argument("--once", action="store_true", help="one cycle, then exit")
    sync.add_argument("--interval", type=_seconds, default=60.0, help="seconds between cycles")
    sync.add_argument("--wait", type=float, default=_ONCE_WAIT_SECONDS, metavar="SECONDS",
                      help="with --once: how long to wait for another short command syncing this profile")

    status = sub.add_parser("status", help="last sync, outbox, conflicts")
    status.add_argument("--json", action="store_true")

    nxt = sub.add_parser("next", help="the ticket Next would offer now, and why it comes first")
    nxt.add_argument("--json", action="store_true")

    show = sub.add_parser("show", help="a ticket with its thread and the customer's other tickets")
    show.add_argument("ticket")
    show.add_argument("--json", action="store_true")
    show.add_argument("--full", action="store_true",
                      help="fetch the whole text of very long messages (only their beginning is kept)")

    queues = sub.add_parser("queues", help="list visible queues, or choose the ones you work")
    queues.add_argument("--choose", nargs="+", metavar="NAME")
    queues.add_argument("--all", action="store_true", help="forget the choice: work every visible queue")
    queues.add_argument("--tasks-queue", metavar="NAME",
                        help='the queue that keeps customer tasks (default "Customer tasks")')

    reply = sub.add_parser("reply", help="queue a reply (text from stdin)")
    reply.add_argument("ticket")
    reply.add_argument("--note", action="store_true", help="an internal note instead of a reply")
    reply.add_argument("--time", type=int, default=0, metavar="MINUTES", help="time spent")
    reply.add_argument("--long-time", action="store_true",
                       help=f"accept a time spent over {MAX_ENTRY_MINUTES // 60} hours")
    reply.add_argument("--status", choices=sorted(_STATUS_CHOICES), help="also set the status")

    take = sub.add_parser("take", help="become the ticket's owner")
    take.add_argument("ticket")
    set_status = sub.add_parser("set-status", help="change a ticket's status")
    set_status.add_argument("ticket")
    set_status.add_argument("status", choices=sorted(_STATUS_CHOICES))

    resolve = sub.add_parser("resolve", help="decide on a conflicting or refused change")
    resolve.add_argument("op_id")
    group = resolve.add_mutually_exclusive_group(required=True)
    group.add_argument("--send", action="store_true", help="send it anyway")
    group.add_argument("--discard", action="store_true", help="drop it (its text is printed)")

    time_cmd = sub.add_parser("time", help="time worked: log it, or see today's and this week's")
    time_sub = time_cmd.add_subparsers(dest="action", required=True)
    time_add = time_sub.add_parser("add", help="log time worked on a ticket, with no message to the customer")
    time_add.add_argument("ticket")
    time_add.add_argument("minutes", type=_minutes, help="a positive number of minutes")
    time_add.add_argument("--note", default="", help="a few words for colleagues (a staff-only comment)")
    time_add.add_argument("--long-time", action="store_true",
                          help=f"accept more than {MAX_ENTRY_MINUTES // 60} hours")
    for period in ("today", "week"):
        shown = time_sub.add_parser(period, help=f"time by ticket, customer and queue {_PERIODS[period]}")
        shown.add_argument("--json", action="store_true")

    cli_tasks.add_commands(sub)
    sub.add_parser("repair", help="repair damaged local data: restore the last good copy, keep unsent work")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command is None:
        return _start_window(args)
    try:
        return _run_command(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `monodesk status --json | head`: the reader left. Nothing more to say, nowhere to say it.
        _silence_stdout()
        return _EXIT_BROKEN_PIPE


def _run_command(args: argparse.Namespace) -> int:
    if args.command == "repair":
        return _repair(args)
    try:
        profile = Profile.open(args.data_dir, verbose=args.verbose)
    except StoreError as exc:
        return _fail(_not_queued(args) + str(exc))
    try:
        return int(_COMMANDS[args.command](profile, args))
    except StoreError as exc:
        return _fail(_not_queued(args) + str(exc))
    except SignInProblem as exc:
        from ui.wording import sign_in_problem  # Qt's translation lookup: only when there is one to word

        return _fail(profile.redactor(sign_in_problem(exc)))
    except (BackendError, CredentialError, WorkspaceError, UnknownTicket, ValueError, LookupError) as exc:
        return _fail(profile.redactor(str(exc)))
    except (sqlite3.Error, OSError) as exc:
        fault = classify(exc, profile.paths.replica)
        if fault is None:
            raise
        return _fail(_not_queued(args) + str(fault))
    except KeyboardInterrupt:
        return 130
    finally:
        profile.close()


def _not_queued(args: argparse.Namespace) -> str:
    """A change refused by the disk was not queued: said first, before "nothing queued was lost"."""
    changes = ("reply", "take", "set-status", "resolve")
    writes = getattr(args, "action", "") in ("add", "done", "edit")
    return "Not queued. " if args.command in changes or writes else ""


def _silence_stdout() -> None:
    """Point stdout at /dev/null so that the interpreter's final flush does not fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _start_window(args: argparse.Namespace) -> int:
    from desktop.app import run_app  # Qt is only loaded for the window

    try:
        return run_app(args.data_dir, demo=args.demo, verbose=args.verbose, smoke=args.smoke)
    except StoreError as exc:
        return _fail(str(exc))


def _fail(message: str) -> int:
    print(f"monodesk: {message}", file=sys.stderr)
    return 1


# --- commands -------------------------------------------------------------------------------------


def _account(profile: Profile, args: argparse.Namespace) -> int:
    store = profile.store
    if args.action == "list":
        for acc in store.accounts.all():
            mark = "*" if acc.active else " "
            print(f"{mark} {acc.name}\t{acc.backend}\t{acc.url}\t{acc.username}")
        return 0
    if args.action in ("use", "remove"):
        named = store.accounts.by_name(args.name)
        if named is None:
            return _fail(f"No account named {args.name!r}.")
        if args.action == "use":
            store.accounts.activate(named.id)
        else:
            profile.credentials.delete(named.name)
            store.accounts.remove(named.id)
        return 0
    url = args.url.rstrip("/")
    name = args.name or f"{args.user}@{url.split('://')[-1]}"
    token = _read_secret("Token: ").strip()
    if not token:
        return _fail("No token given (pipe it on stdin or type it at the prompt).")
    profile.redactor.add(token)
    if not args.insecure_plaintext_token and not profile.credentials.keyring_usable():
        return _fail(KEYRING_HELP)
    if not args.no_check:
        import asyncio  # only the commands that need it load it: the window paints first

        asyncio.run(_check_account(args.backend, url, args.user, token,
                                   profile.settings.request_deadline_seconds))
    where = profile.credentials.store(name, token, plaintext_opt_in=args.insecure_plaintext_token)
    store.accounts.add(name, args.backend, url, args.user)
    print(f"Account {name} added and active; token stored in {where}.")
    return 0


async def _check_account(backend: str, url: str, user: str, token: str, deadline: float) -> None:
    from functools import partial

    from desktop.accounts import checking_connector

    await check_sign_in(SignInForm(backend, url, user, token), partial(checking_connector, deadline=deadline))


def _read_secret(prompt: str) -> str:
    if sys.stdin.isatty():
        return getpass.getpass(prompt)
    return _stdin_text(first_line=True)


def _stdin_text(*, first_line: bool = False) -> str:
    """What was piped in, as text: UTF-8 (a byte-order mark is dropped), or a clear refusal."""
    raw = sys.stdin.buffer.readline() if first_line else sys.stdin.buffer.read()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValueError(
            f"The input is not UTF-8 text (byte {exc.start + 1} is {raw[exc.start]:#04x}). Convert it first, "
            "for example with `iconv -f LATIN1 -t UTF-8`.") from None


def _sync(profile: Profile, args: argparse.Namespace) -> int:
    import asyncio

    return asyncio.run(_run_sync(profile, args))


async def _run_sync(profile: Profile, args: argparse.Namespace) -> int:
    account = profile.account(demo=args.demo)
    lock = profile.pusher_lock(account, Role.ONCE if args.once else Role.DAEMON)
    if args.once and not await _take_turn(lock, args.wait):
        return _leave_to_holder(profile, lock.holder())
    connector = profile.connector(account)
    engine, writer = profile.engine(account, connector, interval=args.interval, lock=lock)
    try:
        if not args.once:
            print(f"Syncing {account.name} every {args.interval:g} s; Ctrl+C to stop.", flush=True)
            engine.observe(_Narrator(account))
            engine.observe(_CopyAfterFirstSync(profile))
            await engine.run()
        report = await engine.sync_once()
        await _keep_good_copy(profile)
        print(f"{account.name}: pulled {report.tickets_pulled} tickets ({report.messages_pulled} messages), "
              f"pushed {report.ops_pushed} changes, {report.conflicts} conflicts.")
        for warning in report.warnings:
            print(f"  warning: {warning}", file=sys.stderr)
        for error in report.errors:
            print(f"  problem: {error}", file=sys.stderr)
        return 0
    finally:
        await engine.connector.aclose()
        writer.close()
        lock.release()


async def _keep_good_copy(profile: Profile) -> None:
    """Once a day, the syncing process checks the replica and keeps a copy of it
    (services.store.recovery)."""
    import asyncio

    from services.store import recovery

    replica = profile.paths.replica
    if not recovery.copy_due(replica):
        return
    problem = await asyncio.to_thread(recovery.check, replica)
    if problem is not None:
        raise damaged(replica, problem)
    try:
        await asyncio.to_thread(recovery.keep_good_copy, replica)
    except (OSError, sqlite3.Error) as exc:  # a full disk: the copy waits for another day
        print(f"  warning: no copy of the local data today ({classify(exc, replica) or exc})",
              file=sys.stderr)


class _CopyAfterFirstSync:
    """`monodesk sync` keeps the daily copy once its first cycle has brought the replica up to date."""

    def __init__(self, profile: Profile) -> None:
        self._profile = profile
        self._task: Any = None

    def __call__(self, status: EngineStatus) -> None:
        if status.state is SyncState.IDLE and self._task is None:
            import asyncio

            self._task = asyncio.get_running_loop().create_task(self._copy())

    async def _copy(self) -> None:
        try:
            await _keep_good_copy(self._profile)
        except StoreError as exc:
            print(f"  problem: {exc}", file=sys.stderr, flush=True)


async def _take_turn(lock: ProfileLock, wait: float) -> bool:
    """The pusher lock for a one-off sync. Another short command holding it is waited for (it is done
    in seconds); the window or a `monodesk sync` is not: it keeps the profile for as long as it runs."""
    import asyncio

    deadline = time.monotonic() + max(0.0, wait)
    while not lock.try_acquire():
        holder = lock.holder()
        if holder is not None and holder.role is not Role.ONCE:
            return False
        if time.monotonic() >= deadline:
            return False
        await asyncio.sleep(0.1)
    return True


def _ask_window_to_sync(profile: Profile) -> bool:
    from desktop.instance import tell_window  # sockets and hashing: not for the window's start-up

    return tell_window(profile.paths.data, "sync")


def _leave_to_holder(profile: Profile, holder: Holder | None) -> int:
    who = holder.describe() if holder else "Another Monodesk process"
    if holder is not None and holder.role is Role.WINDOW and _ask_window_to_sync(profile):
        print(f"{who} is syncing this profile: it was asked to send your queued changes now.",
              file=sys.stderr)
        return 0
    if holder is not None and holder.role is not Role.ONCE:
        print(f"{who} is syncing this profile: your queued changes go out with it.", file=sys.stderr)
        return 0
    return _fail(f"{who} has been syncing this profile for a long time; your changes stay queued. "
                 "Try again later, or stop that process.")


class _Narrator:
    """What `monodesk sync` says as it runs: each change of state once, not every retry."""

    def __init__(self, account: Account) -> None:
        self._account = account
        self._said: tuple[SyncState, str | None] | None = None
        self._missing: tuple[str, ...] = ()

    def __call__(self, status: EngineStatus) -> None:
        state = status.state
        if state is SyncState.SYNCING:
            return
        if state in (SyncState.OFFLINE, SyncState.SIGNED_OUT, SyncState.PROBLEM) and status.retry_in is None:
            return  # the retry delay follows in a moment: say both at once
        key = (state, status.last_error if state is not SyncState.IDLE else None)
        if key != self._said:
            self._said = key
            self._say(status)
        if state is SyncState.IDLE and status.missing_queues != self._missing:
            self._missing = status.missing_queues
            for queue in status.missing_queues:
                print(f"  warning: the queue {queue} is not visible to you in the helpdesk any more: it "
                      "stays among your queues and is synced again when it comes back.",
                      file=sys.stderr, flush=True)

    def _say(self, status: EngineStatus) -> None:
        retry = f" Retrying in {status.retry_in:.0f} s." if status.retry_in else ""
        if status.state is SyncState.IDLE:
            when = status.last_sync.astimezone().strftime("%H:%M:%S") if status.last_sync else "now"
            print(f"Synced at {when}.", flush=True)
        elif status.state is SyncState.SIGNED_OUT:
            print(f"Signed out: {status.last_error}{retry} Renew the token with `monodesk account add "
                  f"--backend {self._account.backend} --url {self._account.url} --user "
                  f"{self._account.username}`; this command picks it up by itself.",
                  file=sys.stderr, flush=True)
        elif status.state is SyncState.ELSEWHERE:
            print(f"Waiting: {status.last_error} This command takes over when it stops.",
                  file=sys.stderr, flush=True)
        elif status.state is SyncState.OFFLINE:
            print(f"Offline: {status.last_error}{retry}", file=sys.stderr, flush=True)
        else:
            print(f"Sync problem: {status.last_error}{retry}", file=sys.stderr, flush=True)


def _status(profile: Profile, args: argparse.Namespace) -> int:
    account = profile.account(demo=args.demo)
    outbox = profile.store.views.outbox_status(account.id)
    ops = profile.store.outbox.open_ops(account.id)
    holder = profile.pusher_holder(account)
    data: dict[str, Any] = {
        "account": account.name,
        "backend": account.backend,
        "synced_by": holder.describe() if holder else None,
        "last_sync": profile.store.accounts.get_state(account.id, LAST_SYNC_KEY),
        "tickets": profile.store.views.ticket_count(account.id),
        "outbox": outbox.open,
        "conflicts": [{"op": op.op_id, "ticket": op.ticket_remote_id, "kind": op.kind.value,
                       "detail": _conflict_text(op)} | _task_of(op) for op in ops if op.state == "conflict"],
        "failed": [{"op": op.op_id, "ticket": op.ticket_remote_id, "kind": op.kind.value,
                    "error": op.last_error} | _task_of(op) for op in ops if op.state == "failed"],
    }
    if args.json:
        print(json.dumps(data, indent=2))
        return 0
    print(f"Account: {data['account']} ({data['backend']})")
    if holder is not None:
        print(f"Synced now by: {data['synced_by']}")
    print(f"Last sync: {data['last_sync'] or 'never'}")
    print(f"Tickets held: {data['tickets']}")
    print(f"Outbox: {outbox.open} waiting, {outbox.conflicts} conflicts, {outbox.failed} refused")
    for c in data["conflicts"]:
        print(f"  conflict {c['op']} on {_where(c)} ({c['kind']}): {c['detail']}")
    for f in data["failed"]:
        print(f"  refused {f['op']} on {_where(f)} ({f['kind']}): {f['error']}")
    return 0


def _next(profile: Profile, args: argparse.Namespace) -> int:
    """What the window's Next would open now (read from the local data, as the window does)."""
    account = profile.account(demo=args.demo)
    now = datetime.now(UTC)
    reads = DeskReads(profile.store, account.id, account.username, lambda: now)
    remote_id = reads.next_ticket()
    ticket = reads.ticket(remote_id) if remote_id else None
    if ticket is None:
        held = reads.has_tickets()
        reason = "queue_clear" if held else "nothing_held"
        if args.json:
            print(json.dumps({"id": None, "reason": reason, "queues": reads.working_queues()}, indent=2))
        else:
            print("Nothing to offer: the queue is clear." if held else
                  "Nothing held yet: run `monodesk sync` first.")
        return 0
    why = why_first(ticket.due, now, waiting=reads.waits_on_customer(ticket.remote_id))
    explanation = _why_text(why, ticket.due, now, ticket.priority)
    if args.json:
        print(json.dumps({
            "id": ticket.remote_id, "subject": ticket.subject, "queue": ticket.queue,
            "status": ticket.status.value, "owner": ticket.owner, "priority": ticket.priority,
            "created": ticket.created, "due": ticket.due,
            "customer": {"email": ticket.customer_email, "name": ticket.customer_name,
                         "organization": ticket.customer_organization},
            "why": why.value, "explanation": explanation}, indent=2, default=_json_default))
        return 0
    who = ticket.customer_name or ticket.customer_email or "unknown customer"
    print(f"#{ticket.remote_id} {ticket.subject}")
    print(f"  {ticket.queue} · {ticket.status.value} · priority {ticket.priority} · customer: {who}")
    print(f"  first because: {explanation}")
    return 0


def _why_text(why: Why, due: datetime | None, now: datetime, priority: int) -> str:
    if why is Why.OVERDUE and due is not None:
        return f"overdue by {_span(now - due)} (the most urgent first, then priority and age)"
    if why is Why.AT_RISK and due is not None:
        return f"due in {_span(due - now)} (due soon comes before the rest)"
    if why is Why.ONLY_WAITING:
        return "only tickets waiting on the customer are left (its last message is a reply)"
    return f"nothing is due soon: priority {priority}, the highest waiting (then the oldest)"


def _span(delta: timedelta) -> str:
    """"1 d 11 h", as the window's countdown has it (services.timefmt: the two largest units)."""
    span = span_minutes(int(delta.total_seconds() // 60))
    return " ".join(f"{n} {unit}" for n, unit in ((span.days, "d"), (span.hours, "h"), (span.minutes, "min"))
                    if n) or "0 min"


def _show(profile: Profile, args: argparse.Namespace) -> int:
    account = profile.account(demo=args.demo)
    views = profile.store.views
    ticket = views.ticket(account.id, args.ticket)
    if ticket is None:
        return _fail(f"Ticket {args.ticket} is not in the local data (run `monodesk sync`).")
    thread = views.thread(ticket.id)
    if args.full and any(m.truncated and m.remote_id for m in thread):
        thread = _whole_messages(profile, account, ticket.remote_id, thread)
    others = [t for t in views.customer_tickets(ticket.customer_id) if t.remote_id != ticket.remote_id] \
        if ticket.customer_id else []
    if args.json:
        print(json.dumps({"ticket": asdict(ticket), "thread": [asdict(m) for m in thread],
                          "customer_tickets": [asdict(t) for t in others]}, indent=2, default=_json_default))
        return 0
    print(f"#{ticket.remote_id} {ticket.subject}")
    print(f"  {ticket.queue} · {ticket.status.value} · priority {ticket.priority} · "
          f"owner {ticket.owner or 'nobody'}")
    print(f"  customer: {ticket.customer_name} <{ticket.customer_email}> {ticket.customer_organization}")
    if ticket.sync_error:
        print(f"  problem: {ticket.sync_error}")
    for m in thread:
        pending = f" [{m.outbox_state.value}]" if m.outbox_state else ""
        print(f"\n--- {m.kind.value} · {m.author} · {m.created:%Y-%m-%d %H:%M}{pending}")
        print(m.text)
        if m.truncated:
            print(f"[only the beginning of this message is kept here: `monodesk show {ticket.remote_id} "
                  "--full` fetches all of it]")
    if others:
        print("\nThe customer's other tickets:")
        for t in others:
            print(f"  #{t.remote_id} {t.created:%Y-%m-%d} {t.status.value:9} {t.queue}: {t.subject}")
    return 0


def _whole_messages(profile: Profile, account: Account, ticket: str, thread: list[Any]) -> list[Any]:
    """The thread with very long messages fetched whole from the helpdesk (marked truncated=False)."""
    import asyncio

    async def fetch() -> list[Any]:
        connector = profile.connector(account)
        try:
            whole = []
            for m in thread:
                if m.truncated and m.remote_id:
                    m = replace(m, text=await connector.message_text(ticket, m.remote_id), truncated=False)
                whole.append(m)
            return whole
        finally:
            await connector.aclose()

    return asyncio.run(fetch())


def _json_default(value: object) -> str:
    if isinstance(value, datetime):
        return value.isoformat()
    return str(value)


def _queues(profile: Profile, args: argparse.Namespace) -> int:
    account = profile.account(demo=args.demo)
    if args.tasks_queue is not None:
        profile.store.accounts.set_tasks_queue(account.id, args.tasks_queue)
    if args.choose or args.all:
        tasks_queue = profile.store.accounts.tasks_queue_name(account.id)
        if args.choose and tasks_queue in args.choose:
            raise ValueError(f"{tasks_queue} is where customer tasks are kept: it cannot be one of the "
                             "queues you work.")
        profile.store.accounts.choose_queues(account.id, [] if args.all else args.choose)
    queues = profile.store.accounts.queues(account.id)
    if not queues:
        print("No queues known yet: run `monodesk sync --once` first.")
    working = set(profile.store.accounts.working_queues(account.id))
    for q in queues:
        gone = "   (chosen, but not visible to you in the helpdesk now: not synced)" if not q.visible else ""
        if q.tasks:
            print(f"T {q.name}   (the tasks queue: customer tasks live here; never worked)")
            continue
        print(f"{'*' if q.name in working else '!' if gone else ' '} {q.name}{gone}")
    return 0


def _reply(profile: Profile, args: argparse.Namespace) -> int:
    account = profile.account(demo=args.demo)
    text = _stdin_text()
    op = profile.store.outbox.queue_message(
        account.id, args.ticket, text, author=account.username, note=args.note, time_minutes=args.time,
        status=_STATUS_CHOICES[args.status] if args.status else None, allow_long_time=args.long_time)
    print(f"Queued {'note' if args.note else 'reply'} {op}; {_who_sends(profile, account)}.")
    return 0


def _take(profile: Profile, args: argparse.Namespace) -> int:
    account = profile.account(demo=args.demo)
    op = profile.store.outbox.queue_take(account.id, args.ticket, account.username)
    print(f"Queued {op}; {_who_sends(profile, account)}.")
    return 0


def _set_status(profile: Profile, args: argparse.Namespace) -> int:
    account = profile.account(demo=args.demo)
    op = profile.store.outbox.queue_status(account.id, args.ticket, _STATUS_CHOICES[args.status])
    print(f"Queued {op}; {_who_sends(profile, account)}.")
    return 0


def _time(profile: Profile, args: argparse.Namespace) -> int:
    account = profile.account(demo=args.demo)
    timelog = profile.store.timelog
    if args.action == "add":
        if profile.store.views.ticket(account.id, args.ticket) is None:
            raise UnknownTicket(f"Ticket {args.ticket} is not in the local data; run a sync first.")
        queued = profile.store.outbox.queue_time(account.id, args.ticket, agent=account.username,
                                                 minutes=args.minutes, note=args.note,
                                                 allow_long=args.long_time)
        rest = args.minutes - int(args.minutes)
        kept = f" {round(rest * 60)} s are kept for the next entry." if rest >= 1 / 120 else ""
        if queued is None:
            print(f"Kept {round(args.minutes * 60)} s on #{args.ticket}: less than a minute is logged with "
                  "the next message or entry.")
            return 0
        op_id, minutes = queued
        print(f"Queued {minutes} min on #{args.ticket} ({op_id}); {_who_sends(profile, account)}.{kept}")
        return 0
    bounds = day_bounds if args.action == "today" else week_bounds
    start, end = bounds(datetime.now(UTC))
    summary = timelog.summary(account.id, account.username, start, end)
    if args.json:
        entries = timelog.entries(account.id, account.username, start, end)
        print(json.dumps({
            "period": args.action, "start": start.isoformat(), "end": end.isoformat(),
            "seconds": round(summary.seconds, 1),
            "tickets": [{"id": t.key, "subject": t.label, "seconds": round(t.seconds, 1)}
                        for t in summary.tickets],
            "customers": [{"email": c.key, "name": c.label, "seconds": round(c.seconds, 1)}
                          for c in summary.customers],
            "queues": [{"queue": q.key, "seconds": round(q.seconds, 1)} for q in summary.queues],
            "entries": [{"ticket": e.ticket, "kind": e.kind.value, "began": e.began.isoformat(),
                         "ended": e.ended.isoformat(), "seconds": round(e.seconds, 1), "reason": e.reason,
                         "choice": e.choice} for e in entries],
        }, indent=2))
        return 0
    last_day = end - timedelta(hours=12)
    period = f"Today ({start:%a %d %b})" if args.action == "today" else \
        f"This week ({start:%a %d %b} – {last_day:%a %d %b})"
    print(f"{period}: {_duration(summary.seconds)}")
    if not summary.tickets:
        print("No time tracked yet.")
        return 0
    for heading, lines in (("By ticket", [(f"#{t.key}", t.label, t.seconds) for t in summary.tickets]),
                           ("By customer", [(c.label or c.key or "(unknown)", c.key if c.label else "",
                                             c.seconds) for c in summary.customers]),
                           ("By queue", [(q.key or "(unknown)", "", q.seconds) for q in summary.queues])):
        print(f"\n{heading}:")
        for name, detail, seconds in lines:
            print(f"  {_duration(seconds):>12}  {name}{'  ' + detail if detail else ''}")
    return 0


def _duration(seconds: float) -> str:
    minutes = int(abs(seconds) // 60)
    sign = "-" if seconds < 0 else ""
    return f"{sign}{minutes // 60} h {minutes % 60:02d} min" if minutes >= 60 else f"{sign}{minutes} min"


def _who_sends(profile: Profile, account: Account) -> str:
    """Who sends a change just queued: the open window is asked to, at once."""
    holder = profile.pusher_holder(account)
    if holder is not None and holder.role is Role.WINDOW and _ask_window_to_sync(profile):
        return "the open window sends it now"
    if holder is not None and holder.role is Role.DAEMON:
        return "the running `monodesk sync` sends it"
    return "the next sync sends it"


def _repair(args: argparse.Namespace) -> int:
    """Repair needs the profile to itself: no window, no `monodesk sync` using the file meanwhile."""
    from services.store.recovery import check, repair

    paths = Profile.paths_for(args.data_dir)
    try:
        Profile.start_logging(paths, verbose=args.verbose)
    except StoreError as exc:
        return _fail(str(exc))
    window = ProfileLock(paths.window_lock, Role.ONCE)
    users = ProfileLock.users(paths.replica, Role.ONCE, exclusive=True)
    try:
        if not window.try_acquire():
            holder = window.holder()
            return _fail(f"{holder.describe() if holder else 'The Monodesk window'} is open on this profile: "
                         "close it first (it repairs damaged data itself when it starts).")
        if not users.try_acquire():
            return _fail("Another Monodesk process (a `monodesk sync`, or a command still running) has this "
                         "profile's local data open: stop it first, then repair.")
        problem = check(paths.replica)
        if problem is None:
            print(f"The local data ({paths.replica}) is sound: nothing to repair.")
            return 0
        print(f"The local data is damaged ({problem}); repairing.")
        print(repair(paths.replica).summary())
        return 0
    except (StoreError, OSError, sqlite3.Error) as exc:
        return _fail(str(classify(exc, paths.replica) or exc))
    finally:
        users.release()
        window.release()


def _resolve(profile: Profile, args: argparse.Namespace) -> int:
    held = profile.store.outbox.get(args.op_id)
    if held is not None and held.kind is OpKind.TASK:  # a task's edit held against one made elsewhere
        profile.store.tasks.decide(held.account_id, held.op_id, keep_mine=args.send)
        print("Your change to the task will be sent at the next sync." if args.send else
              "The task keeps the change made elsewhere; yours is dropped.")
        return 0
    op = profile.store.outbox.resolve(args.op_id, send=args.send)
    if args.discard:
        print(f"Discarded {op.kind.value} on ticket {op.ticket_remote_id}.")
        if "text" in op.payload:
            print(op.payload["text"])
    else:
        print(f"{op.kind.value} on ticket {op.ticket_remote_id} will be sent at the next sync.")
    return 0


_COMMANDS = {
    "account": _account, "sync": _sync, "status": _status, "next": _next, "show": _show, "queues": _queues,
    "reply": _reply, "take": _take, "set-status": _set_status, "resolve": _resolve, "time": _time,
    "tasks": cli_tasks.run,
}


def _conflict_text(op: OutboxOp) -> str:
    if op.kind is OpKind.TASK:
        return cli_tasks.held_text(op.conflict)
    conflict = Conflict.decode(op.conflict)
    return conflict.english() if conflict else ""


def _task_of(op: OutboxOp) -> dict[str, Any]:
    if op.kind is not OpKind.TASK:
        return {}
    return {"task": op.payload.get("task"), "customer": op.payload.get("customer")}


def _where(change: dict[str, Any]) -> str:
    if change.get("task"):
        return f"the task {str(change['task'])[:8]} for {change.get('customer')}"
    return f"ticket {change['ticket']}"
