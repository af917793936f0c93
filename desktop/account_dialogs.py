"""Signing in to a helpdesk and choosing queues: the two windows, and what follows them.

A new helpdesk: the agent picks their queues first, so the first sync brings only their work; the
window stays on the current workspace meanwhile. Closing the picker means every queue.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from desktop.account_controller import AccountController
from desktop.workspace import demo_account, is_sample
from services.store import Account, Store

if TYPE_CHECKING:  # loaded on first use
    from desktop.accounts import AccountSetup
    from ui.queue_picker import QueuePicker
    from ui.sign_in import SignInDialog

log = logging.getLogger(__name__)
DEMO_CHOICE = -1  # the Account menu's demo entry before the profile has a demo account
QUEUES_OFFERED = "queues_offered"  # account state: the agent has chosen queues once


class AccountDialogs:
    def __init__(self, controller: AccountController) -> None:
        self._controller = controller
        self._setup: AccountSetup | None = None
        self.sign_in_dialog: SignInDialog | None = None
        self.queue_picker: QueuePicker | None = None
        self._picking: tuple[Account, bool] | None = None  # whose queues; switch to it afterwards?
        self._first_ticket_waits: int | None = None  # the account whose first ticket waits for a choice

    @property
    def setup(self) -> AccountSetup:
        if self._setup is None:
            from desktop.accounts import AccountSetup

            self._setup = AccountSetup(self._controller.profile.credentials, self._controller.write)
        return self._setup

    def refresh_accounts(self) -> None:
        """The Account menu: every account, the active one ticked."""
        c = self._controller
        if c.window is None:
            return
        from PySide6.QtCore import QCoreApplication

        demo = QCoreApplication.translate("App", "Demo workspace")
        accounts = c.profile.store.accounts.all()
        entries = [(a.id, demo if is_sample(a) else a.name, c.account is not None and a.id == c.account.id)
                   for a in accounts]
        if not any(is_sample(a) for a in accounts):  # always a way back to the demo
            entries.append((DEMO_CHOICE, demo, False))
        c.window.set_accounts(entries)

    def account_chosen(self, account_id: int) -> None:
        c = self._controller
        if account_id == DEMO_CHOICE:  # the demo workspace, never opened in this profile yet
            async def to_demo() -> None:
                c.switch_to(await c.write(demo_account))

            if c.window is not None:
                c.window.tasks.start(to_demo())
            return
        account = next((a for a in c.profile.store.accounts.all() if a.id == account_id), None)
        if account is not None and (c.account is None or account.id != c.account.id):
            c.switch_to(account)

    # --- sign-in -------------------------------------------------------------------------------------

    def open_sign_in(self) -> SignInDialog:
        window = self._controller.window
        assert window is not None
        if self.sign_in_dialog is None:
            from ui.sign_in import SignInDialog

            self.sign_in_dialog = SignInDialog(self.setup.sign_in, window)
            self.sign_in_dialog.signed_in.connect(self._signed_in)
        self.sign_in_dialog.open_form()
        return self.sign_in_dialog

    def _signed_in(self, account: Account) -> None:
        log.info("signed in as %s", account.name)
        self._open_queue_picker_for(account, switch_after=True)

    # --- queues --------------------------------------------------------------------------------------

    def open_queue_picker(self) -> QueuePicker | None:
        account = self._controller.account
        if account is None:
            return None
        return self._open_queue_picker_for(account, switch_after=False)

    def _open_queue_picker_for(self, account: Account, *, switch_after: bool) -> QueuePicker:
        window = self._controller.window
        assert window is not None
        if self.queue_picker is None:
            from ui.queue_picker import QueuePicker

            self.queue_picker = QueuePicker(window)
            self.queue_picker.chosen.connect(self._queues_chosen)
            self.queue_picker.rejected.connect(self._queue_pick_closed)
        self._picking = (account, switch_after)
        self.queue_picker.open_with(self._controller.profile.store.accounts.queues(account.id))
        return self.queue_picker

    def offer_queue_choice(self, account: Account) -> bool:
        """After an account's first sync: the queue picker, when no choice was ever made for it (an
        account added from the command line without a check), so that Next brings only their work.
        True when it is offered: the first ticket then waits for the answer (it would be taken, maybe
        from a queue the agent is about to leave out)."""
        store = self._controller.profile.store
        if is_sample(account) or store.accounts.get_state(account.id, QUEUES_OFFERED) is not None:
            return False
        queues = store.accounts.queues(account.id)
        if len(queues) <= 1 or any(q.chosen for q in queues):
            return False
        self._first_ticket_waits = account.id
        self._open_queue_picker_for(account, switch_after=False)
        return True

    def _after_first_choice(self, account: Account) -> None:
        """The offered choice is answered (saved or closed): the first ticket, from the queues chosen."""
        c = self._controller
        if self._first_ticket_waits != account.id:
            return
        self._first_ticket_waits = None
        if c.window is not None and c.account is not None and c.account.id == account.id \
                and c.window.is_loading:
            c.window.show_next()

    def _queues_chosen(self, names: list[str]) -> None:
        if self._picking is None:
            return
        account, switch_after = self._picking
        self._picking = (account, False)
        window = self._controller.window
        assert window is not None
        window.tasks.start(self._save_queues(account, names, switch_after))

    def _queue_pick_closed(self) -> None:
        if self._picking is None:
            return
        account, switch_after = self._picking
        c = self._controller
        if c.window is not None:  # offered once: closing it is an answer too ("every queue")
            c.window.tasks.start(c.write(
                lambda store: store.accounts.set_state(account.id, QUEUES_OFFERED, "1")))
        if switch_after:
            self._picking = (account, False)
            c.switch_to(account)
        else:
            self._after_first_choice(account)

    async def _save_queues(self, account: Account, names: list[str], switch_after: bool) -> None:
        c = self._controller
        def save(store: Store) -> None:
            store.accounts.choose_queues(account.id, names)
            store.accounts.set_state(account.id, QUEUES_OFFERED, "1")  # a choice is made, even "all"

        try:
            await c.write(save)
        except ValueError as exc:  # a queue vanished meanwhile
            if c.window is not None:
                c.window.show_error(str(exc))
        if switch_after:
            c.switch_to(account)
        elif c.account is not None and c.account.id == account.id and c.window is not None:
            c.sync_now()  # newly chosen queues bring their tickets
            # The ticket on screen stays (its draft with it): Next takes the new queues from now on.
            if c.window.current_ticket is None and not c.window.is_loading:
                c.window.show_next()
            self._after_first_choice(account)
