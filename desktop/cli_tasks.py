"""`monodesk tasks`: the customers' task lists from the command line (list, add, done, edit)."""

from __future__ import annotations

import argparse
import json
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from desktop.workspace import Profile
    from services.store import Account
    from services.tasks import Task

# services.tasks is imported when a tasks command runs: building the parser is part of every start.


def add_commands(sub: Any) -> None:
    tasks = sub.add_parser("tasks", help="customers' task lists: list, add, complete, edit")
    actions = tasks.add_subparsers(dest="action", required=True)
    listing = actions.add_parser("list", help="tasks, open ones first")
    listing.add_argument("--customer", metavar="EMAIL")
    shown = listing.add_mutually_exclusive_group()
    shown.add_argument("--open", action="store_true", help="only open tasks (the default)")
    shown.add_argument("--all", action="store_true", help="done ones too")
    listing.add_argument("--json", action="store_true")
    add = actions.add_parser("add", help="a task for a customer")
    add.add_argument("--customer", metavar="EMAIL", required=True)
    add.add_argument("text")
    add.add_argument("--due", metavar="YYYY-MM-DD", type=_due)
    add.add_argument("--ticket", metavar="ID", help="the ticket it comes from")
    done = actions.add_parser("done", help="complete a task")
    done.add_argument("task_id")
    edit = actions.add_parser("edit", help="change a task's text or due day")
    edit.add_argument("task_id")
    edit.add_argument("--text")
    edit.add_argument("--due", metavar="YYYY-MM-DD", help='a day, or "" for none')


def run(profile: Profile, args: argparse.Namespace) -> int:
    from services.tasks import TaskProblem, parse_due

    account = profile.account(demo=args.demo)
    tasks = profile.store.tasks
    now = datetime.now(UTC)
    if args.action == "list":
        found = tasks.all(account.id, customer=args.customer.lower() if args.customer else None,
                          done=None if args.all else False)
        if args.json:
            print(json.dumps([_as_json(t) for t in found], indent=2))
            return 0
        if not found:
            print("No tasks." if args.all else "No open tasks.")
        for t in found:
            print(_line(t, now))
        return 0
    if args.action == "add":
        if args.ticket and profile.store.views.ticket(account.id, args.ticket.lstrip("#")) is None:
            raise LookupError(f"Ticket {args.ticket} is not in the local data; run a sync first.")
        task = tasks.add(account.id, args.customer, args.text, agent=account.username, now=now, due=args.due,
                         ticket=args.ticket.lstrip("#") if args.ticket else None)
        print(f"Added task {_short(task)} for {task.customer}; {_who_sends(profile, account)}.")
        return 0
    task = _one(profile, account.id, args.task_id)
    if args.action == "done":
        if task.done:
            print(f"Task {_short(task)} was already done.")
            return 0
        tasks.set_done(account.id, task.key, True, agent=account.username, now=now)
        print(f"Done: {task.text} ({_who_sends(profile, account)}).")
        return 0
    if args.text is None and args.due is None:
        raise TaskProblem("Say what to change: --text, --due, or both.")
    if args.due is None:
        changed = tasks.edit(account.id, task.key, text=args.text)
    else:
        changed = tasks.edit(account.id, task.key, text=args.text, due=parse_due(args.due))
    due = f" (due {changed.due})" if changed.due else ""
    print(f"Task {_short(changed)}: {changed.text}{due}; {_who_sends(profile, account)}.")
    return 0


def _who_sends(profile: Profile, account: Account) -> str:
    from desktop.cli import _who_sends as who_sends
    from services.store.accounts import TASKS_HOME_KEY
    from services.tasks import Home

    if profile.store.accounts.get_state(account.id, TASKS_HOME_KEY) == Home.HERE.value:
        return "kept on this computer (this helpdesk has no place for tasks)"
    return who_sends(profile, account)


def _one(profile: Profile, account_id: int, ident: str) -> Task:
    found = profile.store.tasks.find(account_id, ident)
    if not found:
        raise LookupError(f"No task {ident[:40]} here (see `monodesk tasks list --all`).")
    if len(found) > 1:
        raise LookupError(f"{ident[:40]} could be {len(found)} tasks: give more of its id.")
    return found[0]


def _due(text: str) -> date | None:
    from services.tasks import TaskProblem, parse_due

    try:
        return parse_due(text)
    except TaskProblem as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _short(task: Task) -> str:
    return f"#{task.remote_id}" if task.remote_id else task.key[:8]


def _as_json(task: Task) -> dict[str, object]:
    return {"id": task.key, "remote_id": task.remote_id, "text": task.text, "customer": task.customer,
            "due": task.due.isoformat() if task.due else None, "done": task.done,
            "done_at": task.done_at.isoformat() if task.done_at else None, "done_by": task.done_by or None,
            "ticket": task.ticket, "created_by": task.created_by, "conflict": task.conflict or None}


def _line(task: Task, now: datetime) -> str:
    from services.tasks import DueState, due_state

    zone = now.astimezone().tzinfo or UTC
    state = due_state(task, now, zone)
    mark = "x" if task.done else "!" if state is DueState.OVERDUE else " "
    due = f"  due {task.due}" + (" (overdue)" if state is DueState.OVERDUE else
                                 " (today)" if state is DueState.TODAY else "") if task.due else ""
    origin = f"  from #{task.ticket}" if task.ticket else ""
    held = "  [held: changed elsewhere too]" if task.conflict else ""
    return f"[{mark}] {_short(task):<9} {task.customer:<28} {task.text}{due}{origin}{held}"


def held_text(encoded: str | None) -> str:
    """Why a task's change is held, in a sentence."""
    from services.tasks import held_detail

    field, theirs = held_detail(encoded)
    if field == "deleted":
        return "the task was deleted in the helpdesk meanwhile"
    what = {"text": "its text", "due": "its due day"}.get(field, "it")
    return f"{what} was changed elsewhere meanwhile, to {theirs!r}"
