"""The helpdesks Monodesk can work with: one entry per kind, read by sign-in, the command line, the
composition root and the window. Code outside this module asks an entry what it needs to know (does
this kind need a token? is it sample data?) and never compares a kind's name.

What a connector can do beyond the core `Connector` is asked of the connector itself: optional
abilities are small runtime-checkable protocols in services.backends.base (`CannedReplies`, `LogsTime`,
`KeepsTasks`, `StarterTasks`), and the app tests `isinstance(connector, CannedReplies)` before it calls
`snippets()`. New abilities go there the same way once something calls them (the team's time for
reports would be one, implemented by the connectors that can).

Factories import their connector when called: the HTTP stack must not load before the window's first
paint, and this module is imported by the window's start-up code.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from services.backends.base import Connector


@dataclass(frozen=True, slots=True)
class Login:
    """Who connects where: an account's address, user name and token ("" when the kind has none)."""

    url: str
    user: str
    token: str

    def __repr__(self) -> str:  # never show the token
        return f"Login(url={self.url!r}, user={self.user!r})"


@dataclass(frozen=True, slots=True)
class ConnectContext:
    """What the app hands every connector factory besides the login."""

    request_deadline: float = 60.0  # seconds one request may take in all, however the server drips it
    state_dir: Path | None = None  # a folder the connector may keep its own data in (the demo's helpdesk)


Factory = Callable[[Login, ConnectContext], "Connector"]


@dataclass(frozen=True, slots=True)
class BackendKind:
    name: str  # as stored with an account and typed after `--backend`
    label: str  # the product's name, shown in the sign-in form
    connect: Factory  # the connector the sync engine works with
    # The connector used to check a sign-in: the agent is waiting, so it answers fast rather than
    # persists. None for a kind that is not signed in to.
    connect_to_check: Factory | None = None
    needs_url: bool = True
    needs_token: bool = True  # the token is kept in the keyring and read before connecting
    signs_in: bool = True  # offered in the sign-in form and by `monodesk account add --backend`
    sample_data: bool = False  # made-up tickets, nothing is sent to anyone (the demo workspace)
    account_user: str = ""  # the user a kind that is not signed in to works as


class UnknownBackend(LookupError):
    """No entry of that name: an account written by another version, or a mistyped kind."""

    def __init__(self, name: str) -> None:
        known = ", ".join(k.name for k in KINDS)
        super().__init__(f"Monodesk cannot connect to a helpdesk of type {name!r} (it knows: {known}).")
        self.name = name


def _rt(login: Login, context: ConnectContext) -> Connector:
    from services.backends.http import preload
    from services.backends.rt.connector import RTConnector

    connector = RTConnector(login.url, login.user, login.token, deadline=context.request_deadline)
    preload()  # the caller builds connectors off the GUI thread: it pays for httpx's lazy imports too
    return connector


def _rt_check(login: Login, context: ConnectContext) -> Connector:
    from services.backends.http import RetryPolicy
    from services.backends.rt.connector import RTConnector

    # A deadline per request as well: a server that drips its answer must not hold the form.
    return RTConnector(login.url, login.user, login.token, timeout=15.0,
                       deadline=min(context.request_deadline, 20.0),
                       retry=RetryPolicy(attempts=2, base_delay=0.3))


def _demo(login: Login, context: ConnectContext) -> Connector:
    from services.backends.demo.connector import DemoConnector

    if context.state_dir is None:
        raise ValueError("The demo workspace needs a folder to keep its helpdesk in.")
    return DemoConnector(context.state_dir, user=login.user)


RT = BackendKind("rt", "Request Tracker 5", _rt, _rt_check)
DEMO = BackendKind("demo", "Demo workspace", _demo, needs_url=False, needs_token=False, signs_in=False,
                   sample_data=True, account_user="demo.agent")
KINDS: tuple[BackendKind, ...] = (RT, DEMO)


def kind(name: str) -> BackendKind:
    for entry in KINDS:
        if entry.name == name:
            return entry
    raise UnknownBackend(name)


def signing_in() -> tuple[BackendKind, ...]:
    """The kinds an agent signs in to, in the order the form offers them."""
    return tuple(k for k in KINDS if k.signs_in)


def sample() -> BackendKind:
    """The kind that holds sample data: what the app shows before any helpdesk is connected."""
    return next(k for k in KINDS if k.sample_data)
