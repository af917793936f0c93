"""Signing in: every way it can go wrong gets a clear message naming the field to fix, against a live
RT 5, a closed port, and a TLS front with a private CA; a good sign-in keeps the token in a real
Secret Service keyring and nowhere else."""

from __future__ import annotations

import asyncio
from pathlib import Path

import keyring
import keyring.core
import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.accounts import AccountSetup, checking_connector
from desktop.credentials import KEYRING_HELP, SERVICE, Credentials
from desktop.redact import Redactor
from services.backends import registry
from services.signin import Code, Field, SignInForm, SignInProblem, check_sign_in, normalise_url
from services.store import Account, Store
from tests.support.rt_instance import RTInstance, free_port
from tests.support.tls import tls_front
from ui.wording import sign_in_problem


def problem(form: SignInForm) -> SignInProblem:
    with pytest.raises(SignInProblem) as caught:
        asyncio.run(check_sign_in(form, checking_connector))
    return caught.value


@pytest.mark.parametrize(("url", "user", "token", "field", "code"), [
    ("", "agent", "t", Field.URL, "url_empty"),
    ("ftp://helpdesk.example.com", "agent", "t", Field.URL, "url_scheme"),
    ("https://", "agent", "t", Field.URL, "url_invalid"),
    ("https://help desk.example.com", "agent", "t", Field.URL, "url_invalid"),
    ("https://helpdesk.example.com:port", "agent", "t", Field.URL, "url_port"),
    ("https://helpdesk.example.com:", "agent", "t", Field.URL, "url_port"),
    ("htp:/foo", "agent", "t", Field.URL, "url_invalid"),  # not "Could not reach htp:"
    ("https:helpdesk.example.com", "agent", "t", Field.URL, "url_invalid"),
    ("https//helpdesk.example.com", "agent", "t", Field.URL, "url_invalid"),
    ("http://[::1", "agent", "t", Field.URL, "url_invalid"),  # not a raw "Invalid IPv6 URL"
    ("https://helpdesk..example.com", "agent", "t", Field.URL, "url_invalid"),
    ("https://helpdesk.example.com/?x=1", "agent", "t", Field.URL, "url_extra"),
    ("https://helpdesk.example.com", "  ", "t", Field.USER, "user_empty"),
    ("https://helpdesk.example.com", "agent", "", Field.TOKEN, "token_empty"),
    ("https://helpdesk.example.com", "agent", "1-2 3", Field.TOKEN, "token_spaces"),
])
def test_a_form_that_cannot_work_is_refused_before_any_request(
        url: str, user: str, token: str, field: Field, code: str) -> None:
    calls: list[str] = []

    def connect(*args: str) -> object:
        calls.append(args[1])
        raise AssertionError("no connector may be built for an invalid form")

    with pytest.raises(SignInProblem) as caught:
        asyncio.run(check_sign_in(SignInForm("rt", url, user, token), connect))  # type: ignore[arg-type]
    assert (caught.value.field, caught.value.code) == (field, code)
    assert sign_in_problem(caught.value) and not calls


def test_an_address_without_scheme_means_https() -> None:
    assert normalise_url(" helpdesk.example.com/rt/ ") == "https://helpdesk.example.com/rt"
    assert normalise_url("http://127.0.0.1:8080") == "http://127.0.0.1:8080"
    assert normalise_url("rt:8443") == "https://rt:8443"  # a host name and a port, not a scheme
    assert normalise_url("http://[::1]:8080") == "http://[::1]:8080"
    assert normalise_url("support.société.fr") == "https://support.société.fr"


@pytest.mark.rt
def test_a_good_sign_in_names_the_user_and_lists_the_queues(rt: RTInstance) -> None:
    result = asyncio.run(check_sign_in(SignInForm("rt", rt.url + "/", "agent", rt.agent_token),
                                       checking_connector))
    assert result.user == "agent"
    assert {"Product Alpha", "Product Beta"} <= {q.name for q in result.queues}
    assert result.url == rt.url and result.account_name == f"agent@{rt.url.split('://')[1]}"


@pytest.mark.rt
def test_a_wrong_token_says_so_and_never_shows_it(rt: RTInstance) -> None:
    wrong = "1-14-" + "0" * 32
    found = problem(SignInForm("rt", rt.url, "agent", wrong))
    assert (found.field, found.code) == (Field.TOKEN, "token_refused")
    assert wrong not in sign_in_problem(found) and wrong not in found.detail
    assert "refused this token" in sign_in_problem(found) and "agent" in sign_in_problem(found)


@pytest.mark.rt
def test_an_unknown_user_is_told_apart_from_a_wrong_address(rt: RTInstance) -> None:
    found = problem(SignInForm("rt", rt.url, "nobody-here", rt.agent_token))
    assert (found.field, found.code) == (Field.USER, "no_such_user")
    assert "nobody-here" in sign_in_problem(found)

    found = problem(SignInForm("rt", rt.url + "/not-rt", "agent", rt.agent_token))
    assert (found.field, found.code) == (Field.URL, "not_helpdesk")
    assert sign_in_problem(found).startswith(f"No Request Tracker 5 answered at {rt.url.split('://')[1]}.")
    assert sign_in_problem(found).count("Check the address") == 1


def test_no_network_at_the_address() -> None:
    port = free_port()  # nothing listens there
    found = problem(SignInForm("rt", f"http://127.0.0.1:{port}", "agent", "1-2-3"))
    assert (found.field, found.code) == (Field.NETWORK, "unreachable")
    assert f"Could not reach 127.0.0.1:{port}." in sign_in_problem(found)


@pytest.mark.rt
def test_certificate_errors_are_explained_and_a_company_ca_works_once_installed(
        rt: RTInstance, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    monkeypatch.delenv("SSL_CERT_DIR", raising=False)
    with tls_front(rt.url, tmp_path) as front:
        found = problem(SignInForm("rt", front.url, "agent", rt.agent_token))
        assert (found.field, found.code) == (Field.CERTIFICATE, "untrusted")
        assert "not trusted" in sign_in_problem(found) and "certificate" in found.detail

        # https:// to a server that speaks plain HTTP
        found = problem(SignInForm("rt", rt.url.replace("http://", "https://"), "agent", rt.agent_token))
        assert (found.field, found.code) == (Field.CERTIFICATE, "untrusted")
        assert "does not speak HTTPS" in sign_in_problem(found)

        # The company's CA installed in the system's trust store (here: the OpenSSL default file).
        monkeypatch.setenv("SSL_CERT_FILE", str(front.ca_file))
        result = asyncio.run(check_sign_in(SignInForm("rt", front.url, "agent", rt.agent_token),
                                           checking_connector))
        assert result.user == "agent"


@pytest.mark.rt
def test_signing_in_keeps_the_token_in_the_keyring_only_and_records_the_account(
        rt: RTInstance, tmp_path: Path, secret_service: dict[str, str]) -> None:
    redactor = Redactor()
    credentials = Credentials(tmp_path / "config", redactor)
    db = tmp_path / "replica.sqlite"
    store = Store(db)

    async def write(fn):  # type: ignore[no-untyped-def]
        return fn(store)

    setup = AccountSetup(credentials, write)
    wrong = SignInForm("rt", rt.url, "agent", "1-14-" + "0" * 32)
    with pytest.raises(SignInProblem):
        asyncio.run(setup.sign_in(wrong))
    assert store.accounts.all() == []  # nothing kept from a failed attempt

    account: Account = asyncio.run(setup.sign_in(SignInForm("rt", rt.url, "agent", rt.agent_token)))
    assert account.active and account.username == "agent" and account.url == rt.url
    assert keyring.get_password(SERVICE, f"account:{account.name}") == rt.agent_token
    assert {"Product Alpha", "Product Beta"} <= {q.name for q in store.accounts.queues(account.id)}
    store.close()
    needle = rt.agent_token.encode()
    leaked = [p for p in tmp_path.rglob("*") if p.is_file() and needle in p.read_bytes()]
    assert leaked == []


def test_without_a_keyring_nothing_is_checked_or_saved(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from keyring.backends import fail

    monkeypatch.setattr(keyring.core, "_keyring_backend", fail.Keyring())
    store = Store(tmp_path / "replica.sqlite")
    connected: list[str] = []

    def connect(*args: str) -> object:
        connected.append(args[1])
        raise AssertionError("no request without a place to keep the token")

    async def write(fn):  # type: ignore[no-untyped-def]
        return fn(store)

    setup = AccountSetup(Credentials(tmp_path / "config", Redactor()), write, connect)  # type: ignore[arg-type]
    with pytest.raises(SignInProblem) as caught:
        asyncio.run(setup.sign_in(SignInForm("rt", "https://helpdesk.example.com", "agent", "1-2-3")))
    assert caught.value.field is Field.KEYRING and "keyring" in sign_in_problem(caught.value)
    assert connected == [] and store.accounts.all() == [] and not (tmp_path / "config").exists()
    # A typo is said as such first, keyring or not.
    with pytest.raises(SignInProblem) as caught:
        asyncio.run(setup.sign_in(SignInForm("rt", "htp:/helpdesk", "agent", "1-2-3")))
    assert (caught.value.field, caught.value.code) == (Field.URL, Code.URL_INVALID)
    store.close()


@pytest.mark.rt
def test_without_a_keyring_the_dialog_offers_a_plain_file_only_when_asked(
        rt: RTInstance, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot,
        qloop: asyncio.AbstractEventLoop) -> None:
    from keyring.backends import fail

    from ui.sign_in import SignInDialog

    monkeypatch.setattr(keyring.core, "_keyring_backend", fail.Keyring())
    store = Store(tmp_path / "replica.sqlite")
    config = tmp_path / "config"

    async def write(fn):  # type: ignore[no-untyped-def]
        return fn(store)

    credentials = Credentials(config, Redactor())
    dialog = SignInDialog(AccountSetup(credentials, write).sign_in)
    qtbot.addWidget(dialog)
    dialog.open_form()
    dialog.url.setText(rt.url)
    dialog.user.setText("agent")
    dialog.token.setText(rt.agent_token)
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.problem.isVisibleTo(dialog) and not dialog.busy, timeout=10_000)
    # The same explanation as the command line gives, and the way forward in the dialog itself.
    assert dialog.problem.text().startswith(KEYRING_HELP.split(" As a last resort")[0])
    assert dialog.plain_file.isVisibleTo(dialog) and not dialog.plain_file.isChecked()
    assert store.accounts.all() == [] and not config.exists()

    with qtbot.waitSignal(dialog.signed_in, timeout=30_000) as signed:
        qtbot.mouseClick(dialog.plain_file, Qt.MouseButton.LeftButton)  # ticked by the agent, not for them
        dialog.submit()
    account: Account = signed.args[0]  # type: ignore[index]
    assert account.username == "agent"
    plain = config / "insecure-tokens.json"
    assert plain.stat().st_mode & 0o777 == 0o600
    assert Credentials(config, Redactor()).load(account.name) == rt.agent_token
    store.close()


def test_every_problem_has_one_english_sentence_naming_its_facts() -> None:
    worded = {code: sign_in_problem(SignInProblem(Field.SERVER, code, host="h.example", user="ann",
                                                  label="Request Tracker 5", detail="HTTP 502"))
              for code in Code}
    assert len(set(worded.values())) == len(Code) and all(worded.values())
    assert "%" not in "".join(worded.values())
    assert worded[Code.FORBIDDEN].startswith("The token works, but ann may not use")
    assert worded[Code.SERVER_TROUBLE] == ("The helpdesk at h.example is having trouble. Try again in a few "
                                           "minutes. (HTTP 502)")
    assert worded[Code.NOT_HELPDESK] == ("No Request Tracker 5 answered at h.example. Check the address. "
                                         "(HTTP 502)")
    bare = SignInProblem(Field.URL, Code.NOT_HELPDESK, host="h.example", label="Request Tracker 5")
    assert sign_in_problem(bare) == "No Request Tracker 5 answered at h.example. Check the address."


def test_cancel_forgets_the_token_and_the_last_problem(qtbot: QtBot) -> None:
    from ui.sign_in import SignInDialog

    async def submit(_form: object) -> object:
        raise AssertionError("not submitted")

    dialog = SignInDialog(submit)
    qtbot.addWidget(dialog)
    dialog.open_form()
    dialog.url.setText("https://helpdesk.example.com")
    dialog.user.setText("ana")
    dialog.token.setText("1-14-secret")
    dialog._show_problem(SignInProblem(Field.TOKEN, Code.TOKEN_REFUSED, host="helpdesk.example.com"))
    assert dialog.problem.isVisibleTo(dialog)
    dialog._show_problem(SignInProblem(Field.KEYRING, Code.KEYRING))
    dialog.plain_file.setChecked(True)
    qtbot.keyClick(dialog.token, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    dialog.open_form()
    assert dialog.token.text() == "" and not dialog.problem.isVisibleTo(dialog)
    # The plain file is a choice for one attempt on a machine without a keyring, never carried over.
    assert not dialog.plain_file.isChecked() and not dialog.plain_file.isVisibleTo(dialog)
    assert not dialog.form().plaintext_opt_in
    assert (dialog.url.text(), dialog.user.text()) == ("https://helpdesk.example.com", "ana")


def test_the_form_offers_the_kinds_one_signs_in_to(qtbot: QtBot) -> None:
    from ui.sign_in import SignInDialog

    async def submit(_form: object) -> object:
        raise AssertionError("not submitted")

    dialog = SignInDialog(submit)
    qtbot.addWidget(dialog)
    combo = dialog.backend
    offered = [(combo.itemText(i), combo.itemData(i)) for i in range(combo.count())]
    assert offered == [(k.label, k.name) for k in registry.KINDS if k.signs_in]
    assert offered == [("Request Tracker 5", "rt")]
    assert dialog.form().backend == "rt"
