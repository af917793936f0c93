"""Signing in to a helpdesk: check the form with the helpdesk, keep the token in the keyring, record the
account (with the queues it sees) as the active one. Nothing is saved unless every step succeeded."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

from desktop.credentials import CredentialError, Credentials
from services.backends import registry
from services.backends.base import Connector
from services.backends.registry import ConnectContext, Login
from services.signin import Code, Field, SignInForm, SignInProblem, check_sign_in, validate
from services.store import Account, Store

Write = Callable[[Callable[[Store], Account]], Awaitable[Account]]


def checking_connector(backend: str, url: str, user: str, token: str, *, deadline: float = 20.0) -> Connector:
    """A connector for the check only: the agent is waiting, so it answers fast rather than persists."""
    try:
        kind = registry.kind(backend)
    except registry.UnknownBackend:
        kind = None
    if kind is None or kind.connect_to_check is None:
        raise SignInProblem(Field.SERVER, Code.BACKEND_UNKNOWN, label=backend)
    return kind.connect_to_check(Login(url, user, token), ConnectContext(request_deadline=deadline))


class AccountSetup:
    def __init__(self, credentials: Credentials, write: Write,
                 connect: Callable[[str, str, str, str], Connector] = checking_connector) -> None:
        self._credentials = credentials
        self._write = write
        self._connect = connect

    async def sign_in(self, form: SignInForm) -> Account:
        # The form first (a typo is said as such, whatever the machine), then the keyring: there is no
        # point checking a token that cannot be kept. Its calls go through D-Bus (or the OS keychain)
        # and may block: never on the GUI thread.
        validate(form)
        plain = form.plaintext_opt_in
        if not plain and not await asyncio.to_thread(self._credentials.keyring_usable):
            raise SignInProblem(Field.KEYRING, Code.KEYRING)
        result = await check_sign_in(form, self._connect)
        name = result.account_name
        try:
            await asyncio.to_thread(self._credentials.store, name, form.token.strip(), plaintext_opt_in=plain)
        except CredentialError as exc:
            raise SignInProblem(Field.KEYRING, Code.KEYRING, detail=str(exc)) from None

        def record(store: Store) -> Account:
            account = store.accounts.add(name, result.backend, result.url, result.user)
            store.accounts.save_queues(account.id, result.queues)
            return account

        return await self._write(record)
