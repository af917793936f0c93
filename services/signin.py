"""Checking a sign-in before anything is saved: the address, the user and the token, against the helpdesk.

Every failure becomes a `SignInProblem` that names the field to correct and says, in words an agent
understands, what went wrong and what to try. The token never appears in a message.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from urllib.parse import urlsplit

from services.backends.base import (
    BackendError,
    BadPayload,
    Connector,
    Forbidden,
    NoSuchUser,
    NotFound,
    Offline,
    RateLimited,
    ServerError,
    SignedOut,
    TooSlow,
    Untrusted,
)
from services.domain import Queue

BACKENDS = {"rt": "Request Tracker 5"}


class Field(StrEnum):
    """Where the agent should look to fix the problem."""

    URL = "url"
    USER = "user"
    TOKEN = "token"  # noqa: S105 (a field name, not a secret)
    NETWORK = "network"
    CERTIFICATE = "certificate"
    SERVER = "server"
    KEYRING = "keyring"


class SignInProblem(Exception):
    """`code` names the problem for the UI, which words it in the agent's language (`message` is the
    English wording, for the command line and the log); `detail` is what the server or TLS said."""

    def __init__(self, field: Field, code: str, message: str, detail: str = "") -> None:
        super().__init__(message)
        self.field = field
        self.code = code
        self.message = message
        self.detail = detail


@dataclass(frozen=True, slots=True)
class SignInForm:
    backend: str
    url: str
    user: str
    token: str

    def __repr__(self) -> str:  # never show the token, even in a debugger or a log line
        return f"SignInForm(backend={self.backend!r}, url={self.url!r}, user={self.user!r})"


@dataclass(frozen=True, slots=True)
class SignInResult:
    backend: str
    url: str  # normalised: scheme, host, optional port and path, no trailing slash
    user: str  # as the helpdesk spells it
    queues: tuple[Queue, ...]

    @property
    def account_name(self) -> str:
        return f"{self.user}@{urlsplit(self.url).netloc}"


ConnectorFactory = Callable[[str, str, str, str], Connector]  # backend, url, user, token


def normalise_url(text: str) -> str:
    """The helpdesk's address as typed, made explicit: https:// when no scheme is given."""
    url = text.strip()
    if not url:
        raise SignInProblem(Field.URL, "url_empty", "Enter your helpdesk's address, e.g. https://helpdesk.example.com.")
    if "://" not in url:
        url = "https://" + url
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise SignInProblem(Field.URL, "url_scheme", f"The address must start with https:// or http://, not {parts.scheme}://.")
    if not parts.hostname or any(ch.isspace() for ch in url):
        raise SignInProblem(Field.URL, "url_invalid", "This is not a web address. Example: https://helpdesk.example.com.")
    try:
        parts.port  # noqa: B018  (raises on a port that is not a number)
    except ValueError:
        raise SignInProblem(Field.URL, "url_port", "The port in the address is not a number.") from None
    if parts.query or parts.fragment:
        raise SignInProblem(Field.URL, "url_extra", "Give the helpdesk's address without ? or # parts.")
    return url.rstrip("/")


def validate(form: SignInForm) -> SignInForm:
    if form.backend not in BACKENDS:
        raise SignInProblem(Field.SERVER, "backend_unknown",
                            f"Monodesk cannot connect to a helpdesk of type {form.backend!r}.")
    url = normalise_url(form.url)
    user = form.user.strip()
    if not user:
        raise SignInProblem(Field.USER, "user_empty", "Enter your user name on the helpdesk.")
    token = form.token.strip()
    if not token:
        raise SignInProblem(Field.TOKEN, "token_empty",
                            "Paste the API token you created in the helpdesk (your profile page).")
    if any(ch.isspace() for ch in token):
        raise SignInProblem(Field.TOKEN, "token_spaces",
                            "The token contains spaces or line breaks: paste it again, exactly.")
    return SignInForm(form.backend, url, user, token)


async def check_sign_in(form: SignInForm, connect: ConnectorFactory) -> SignInResult:
    """Validate the form, then ask the helpdesk who this is and which queues they see."""
    form = validate(form)
    connector = connect(form.backend, form.url, form.user, form.token)
    try:
        user = await connector.whoami()
        queues = await connector.list_queues()
    except BackendError as exc:
        raise _explain(exc, form) from None
    finally:
        await connector.aclose()
    return SignInResult(form.backend, form.url, user or form.user, tuple(queues))


def _explain(exc: BackendError, form: SignInForm) -> SignInProblem:
    host = urlsplit(form.url).netloc
    detail = str(exc)
    if isinstance(exc, SignedOut):
        return SignInProblem(Field.TOKEN, "token_refused", "The helpdesk refused this token. Check that it "
                             f"is complete, belongs to {form.user} and has not expired or been revoked.")
    if isinstance(exc, NoSuchUser):
        return SignInProblem(Field.USER, "no_such_user", f"The helpdesk has no user named {form.user}. "
                             "Check the user name (it is your helpdesk login).", detail)
    if isinstance(exc, Forbidden):
        return SignInProblem(Field.TOKEN, "forbidden", f"The token works, but {form.user} may not use the "
                             "helpdesk's API. Ask an administrator for the rights.", detail)
    if isinstance(exc, Untrusted):
        return SignInProblem(Field.CERTIFICATE, "untrusted", f"Could not connect securely to {host}: "
                             f"{_after_colon(exc)}", _after_colon(exc))
    if isinstance(exc, TooSlow):
        return SignInProblem(Field.NETWORK, "too_slow", f"The helpdesk at {host} answers too slowly (nothing "
                             "complete in the time allowed). Try again later; if it lasts, a proxy or VPN "
                             "may be holding the connection.", detail)
    if isinstance(exc, Offline):
        return SignInProblem(Field.NETWORK, "unreachable", f"Could not reach {host}. Check the address and "
                             "your network (VPN, Wi-Fi), then try again.", detail)
    if isinstance(exc, NotFound | BadPayload):
        return SignInProblem(Field.URL, "not_helpdesk", f"No {BACKENDS[form.backend]} answered at "
                             f"{form.url}. Check the address. ({detail})", detail)
    if isinstance(exc, ServerError | RateLimited):
        return SignInProblem(Field.SERVER, "server_trouble", f"The helpdesk at {host} is having trouble. "
                             f"Try again in a few minutes. ({detail})", detail)
    return SignInProblem(Field.SERVER, "server_trouble", detail, detail)


def _after_colon(exc: BackendError) -> str:
    text = str(exc)
    return text.split(": ", 1)[1] if ": " in text else text
