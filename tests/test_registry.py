"""The backend registry: one entry per kind of helpdesk, read by sign-in, the command line and the
composition root instead of comparing kind names; its factories build the real connectors, lazily."""

from __future__ import annotations

import asyncio
import re
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.accounts import checking_connector
from desktop.cli import build_parser
from desktop.workspace import DEMO_ACCOUNT, Profile, WorkspaceError, is_sample, kind_of
from services.backends import registry
from services.backends.demo import DemoConnector
from services.backends.demo.people import DEMO_USER
from services.backends.registry import ConnectContext, Login, UnknownBackend
from services.backends.rt import RTConnector
from services.signin import Code, Field, SignInForm, SignInProblem, check_sign_in
from services.store import Account
from tests.support.cli import monodesk


def test_each_kind_is_found_by_its_name() -> None:
    assert registry.kind("rt") is registry.RT and registry.kind("demo") is registry.DEMO
    assert registry.RT.label == "Request Tracker 5" and registry.RT.needs_token and registry.RT.signs_in
    assert not registry.DEMO.signs_in and not registry.DEMO.needs_token and registry.DEMO.sample_data
    assert registry.sample() is registry.DEMO and DEMO_ACCOUNT == "demo"
    assert registry.DEMO.account_user == DEMO_USER  # the user the demo's seeded tickets belong to


def test_an_unknown_kind_is_a_typed_error_that_names_the_known_ones() -> None:
    with pytest.raises(UnknownBackend) as caught:
        registry.kind("zendesk")
    assert caught.value.name == "zendesk"
    assert str(caught.value) == ("Monodesk cannot connect to a helpdesk of type 'zendesk' "
                                 "(it knows: rt, demo).")
    assert isinstance(caught.value, LookupError)


def test_an_account_of_an_unknown_kind_cannot_connect_but_is_not_sample_data() -> None:
    stranger = Account(7, "a@b", "zendesk", "https://b.example", "a", True)
    with pytest.raises(WorkspaceError, match=r"'zendesk'.*'a@b' cannot be used"):
        kind_of(stranger)
    assert not is_sample(stranger)
    assert is_sample(Account(1, "demo", "demo", "", DEMO_USER, True))


def test_the_cli_offers_exactly_the_kinds_one_signs_in_to() -> None:
    add = build_parser()._subparsers._group_actions[0].choices["account"]  # type: ignore[union-attr]
    backend = next(a for a in add._subparsers._group_actions[0].choices["add"]._actions
                   if a.dest == "backend")
    assert list(backend.choices) == [k.name for k in registry.KINDS if k.signs_in] == ["rt"]


def test_the_cli_refuses_a_kind_that_is_not_signed_in_to(tmp_path: Path) -> None:
    result = monodesk(tmp_path / "profile", "account", "add", "--backend", "demo", "--url", "x",
                      "--user", "y", check=False)
    assert result.returncode == 2 and "invalid choice: 'demo' (choose from 'rt')" in result.stderr


@pytest.mark.parametrize("name", ["demo", "zendesk"])
def test_sign_in_refuses_kinds_that_are_not_signed_in_to(name: str) -> None:
    with pytest.raises(SignInProblem) as caught:
        asyncio.run(check_sign_in(SignInForm(name, "https://h.example", "agent", "t"), checking_connector))
    assert (caught.value.field, caught.value.code, caught.value.label) == (Field.SERVER, Code.BACKEND_UNKNOWN,
                                                                           name)
    with pytest.raises(SignInProblem) as caught:
        checking_connector(name, "https://h.example", "agent", "t")
    assert caught.value.code is Code.BACKEND_UNKNOWN


async def test_the_factories_build_each_kind_s_connector_from_the_login_and_context(tmp_path: Path) -> None:
    rt = registry.RT.connect(Login("https://h.example/", "agent", "1-2-3"),
                             ConnectContext(request_deadline=7))
    checking = registry.RT.connect_to_check  # fast: the agent is waiting at the form
    assert checking is not None
    quick = checking(Login("https://h.example", "agent", "1-2-3"), ConnectContext(request_deadline=60))
    assert isinstance(rt, RTConnector) and isinstance(quick, RTConnector)
    assert rt._http._deadline == 7 and quick._http._deadline == 20  # type: ignore[attr-defined]
    await rt.aclose()
    await quick.aclose()

    demo = registry.DEMO.connect(Login("", "someone", ""), ConnectContext(state_dir=tmp_path / "state"))
    assert isinstance(demo, DemoConnector) and await demo.whoami() == "someone"
    assert (tmp_path / "state").is_dir()
    await demo.aclose()
    with pytest.raises(ValueError, match="folder"):
        registry.DEMO.connect(Login("", "someone", ""), ConnectContext())


def test_the_profile_connects_the_demo_in_its_own_folder_and_needs_no_token(
        tmp_path: Path, secret_service: dict[str, str]) -> None:
    profile = Profile.open(tmp_path / "profile")
    try:
        account = profile.account(demo=True)
        assert (account.name, account.backend, account.username) == ("demo", "demo", DEMO_USER)
        connector = profile.connector(account)
        assert isinstance(connector, DemoConnector)
        assert profile._renewer(account, None) is None  # nothing to renew without a token
        asyncio.run(connector.whoami())
        assert (profile.paths.data / "demo-helpdesk").is_dir()
        rt_account = profile.store.accounts.add("agent@h", "rt", "https://h.example", "agent")
        hint = re.escape("--backend rt --url https://h.example --user agent")
        with pytest.raises(WorkspaceError, match=hint):
            profile.connector(rt_account)  # no token in the keyring for it
    finally:
        profile.close()


def test_importing_the_registry_loads_no_connector_and_no_http() -> None:
    code = ("import sys, services.backends.registry, services.signin; "
            "print(sorted(m for m in sys.modules if m.startswith(('httpx', 'services.backends.rt', "
            "'services.backends.demo', 'asyncio'))))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "[]"
