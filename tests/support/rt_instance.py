"""A private, throwaway Request Tracker 5 for live tests and benchmarks.

Each :class:`RTInstance` lives in its own work directory: its own site config, its own SQLite
database (a copy of a cached template) and an ``rt-server`` under Starman on 127.0.0.1 with an
ephemeral port. Nothing under /etc or /var is written.

RT-side test operations (create a ticket as a customer, reply as an agent, read the history) go
through RT's Perl API in one long-lived helper process (``rt_helper.pl``): loading RT costs about
1.5 s, so one ``perl`` per call would be far too slow, and only the Perl API can act as an
unprivileged customer.
"""

from __future__ import annotations

import atexit
import contextlib
import fcntl
import hashlib
import json
import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import tempfile
import threading
import time
import weakref
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

RT_HOME = Path("/usr/share/request-tracker5")
RT_SERVER = RT_HOME / "libexec" / "rt-server"
RT_SETUP_DATABASE = Path("/usr/sbin/rt-setup-database-5")
RT_GENERATED_PM = RT_HOME / "lib" / "RT" / "Generated.pm"

SUPPORT_DIR = Path(__file__).resolve().parent
REPO_ROOT = SUPPORT_DIR.parents[1]
DEFAULT_CACHE_DIR = REPO_ROOT / ".bench-cache"
INITIALDATA = SUPPORT_DIR / "rt_initialdata.pl"
HELPER_SCRIPT = SUPPORT_DIR / "rt_helper.pl"
SEED_SCRIPT = SUPPORT_DIR / "rt_seed.pl"

# Bump when the template build steps change, so stale caches are not reused.
TEMPLATE_FORMAT = "1"

ROOT_AUTH = ("root", "password")
AGENT_AUTH = ("agent", "agent-password")  # must match rt_initialdata.pl
AGENT2_AUTH = ("agent2", "agent2-password")

# RT hashes API tokens and passwords with bcrypt and re-checks them on EVERY authenticated REST2
# request: at RT's stock cost (12) that is about 220 ms of server CPU per request (a web session
# cookie avoids it). At cost 4 a token request takes about 8 ms in all. The cost is baked into
# the hashes stored in the template, so it is part of the template key.
STOCK_BCRYPT_COST = 12
FAST_BCRYPT_COST = 4

READY_TIMEOUT = 60.0
STOP_TIMEOUT = 10.0


class RTUnavailableError(RuntimeError):
    """RT is not installed, or an instance could not be built or started."""


class RTOperationError(RuntimeError):
    """RT refused an operation requested by the test helper (the message is RT's)."""


# --- installation checks and small utilities ----------------------------------------------


def missing_rt_components() -> list[str]:
    """What a live RT instance needs that this machine lacks (empty when all is there)."""
    missing = [str(path) for path in (RT_SERVER, RT_SETUP_DATABASE, RT_GENERATED_PM) if not path.exists()]
    if shutil.which("starman") is None:
        missing.append("starman (Debian package starman)")
    if shutil.which("perl") is None:
        missing.append("perl")
    return missing


def require_rt() -> None:
    missing = missing_rt_components()
    if missing:
        raise RTUnavailableError(
            "Request Tracker 5 is not installed (missing: "
            + ", ".join(missing)
            + "). Run tools/install_system_packages.sh as root."
        )


def rt_version() -> str:
    match = re.search(r"\$VERSION\s*=\s*'([^']+)'", RT_GENERATED_PM.read_text())
    return match.group(1) if match else "unknown"


def free_port() -> int:
    """An ephemeral port that was free a moment ago (the server binds it right after)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def port_accepts(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(1.0)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def _tail(path: Path, lines: int = 30) -> str:
    try:
        text = path.read_text(errors="replace")
    except FileNotFoundError:
        return "(no log)"
    # RT repeats this harmless warning in every process; hide it so real errors stand out.
    kept = [line for line in text.splitlines() if "internal HTML converter" not in line]
    return "\n".join(kept[-lines:])


def rt_datetime(value: datetime | str | None) -> str | None:
    """RT's own date format (UTC, ``YYYY-MM-DD HH:MM:SS``): RT misreads ISO strings with a T."""
    if value is None or isinstance(value, str):
        return value
    if value.tzinfo is not None:
        value = value.astimezone(UTC).replace(tzinfo=None)
    return value.strftime("%Y-%m-%d %H:%M:%S")


def _file_digest(*parts: bytes | str) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode() if isinstance(part, str) else part)
        digest.update(b"\0")
    return digest.hexdigest()[:16]


# --- site config and template cache --------------------------------------------------------


def write_site_config(workdir: Path, db_path: Path, port: int, bcrypt_cost: int) -> Path:
    """Write the instance's RT_SiteConfig.pm and the (empty) RT_SITE_CONFIG_DIR it needs."""
    for sub in ("site_config.d", "mason", "sessions", "tmp"):
        (workdir / sub).mkdir(parents=True, exist_ok=True)
    config = workdir / "RT_SiteConfig.pm"
    config.write_text(
        f"""# Generated by tests/support/rt_instance.py: a private test instance.
Set($rtname, 'monodesk-test');
Set($Organization, 'monodesk.test');
Set($DatabaseType, 'SQLite');
Set($DatabaseName, '{db_path}');
Set($WebDomain, '127.0.0.1');
Set($WebPort, {port});
Set($WebPath, '');
Set($WebBaseURL, 'http://127.0.0.1:{port}');
Set($Timezone, 'UTC');
Set($LogToSTDERR, 'warning');
Set($LogToSyslog, undef);
Set($LogToFile, undef);
Set($MailCommand, 'testfile');
Set($BcryptCost, {bcrypt_cost});
# Keep Mason's compiled components and web sessions out of /var/cache.
$MasonDataDir = '{workdir / "mason"}';
$MasonSessionDir = '{workdir / "sessions"}';
1;
"""
    )
    return config


def rt_environment(workdir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        RT_SITE_CONFIG=str(workdir / "RT_SiteConfig.pm"),
        # An empty directory, so Debian's /etc/request-tracker5/RT_SiteConfig.d is not read.
        RT_SITE_CONFIG_DIR=str(workdir / "site_config.d"),
        # RT's 'testfile' mailer writes outgoing mail to a temp file: keep it in the work dir.
        TMPDIR=str(workdir / "tmp"),
        LC_ALL="C.UTF-8",
    )
    return env


def _run_rt(args: list[str], workdir: Path, what: str, timeout: float = 600) -> str:
    result = subprocess.run(
        args, env=rt_environment(workdir), cwd=workdir, capture_output=True, text=True, timeout=timeout
    )
    output = result.stdout + result.stderr
    # rt-setup-database reports initialdata problems as log lines but still exits 0.
    errors = [line for line in output.splitlines() if "[error]" in line or "[crit]" in line]
    if result.returncode != 0 or errors:
        raise RTUnavailableError(f"{what} failed (exit {result.returncode}):\n{output[-4000:]}")
    return result.stdout


@contextlib.contextmanager
def _cache_lock(cache_dir: Path) -> Iterator[None]:
    """Serialise template builds between processes (parallel test runs, benchmarks)."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    with (cache_dir / ".lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


@dataclass(frozen=True)
class RTTemplate:
    """A ready database (schema, initialdata, tokens) to copy into new instances."""

    directory: Path

    @property
    def db_path(self) -> Path:
        return self.directory / "rt.db"

    @property
    def meta(self) -> dict[str, Any]:
        meta: dict[str, Any] = json.loads((self.directory / "meta.json").read_text())
        return meta

    @property
    def tokens(self) -> dict[str, str]:
        return dict(self.meta["tokens"])

    @property
    def bcrypt_cost(self) -> int:
        return int(self.meta["bcrypt_cost"])

    def is_complete(self) -> bool:
        return self.db_path.exists() and (self.directory / "meta.json").exists()


def template_key(bcrypt_cost: int) -> str:
    return _file_digest(
        TEMPLATE_FORMAT, rt_version(), str(bcrypt_cost), INITIALDATA.read_bytes(), HELPER_SCRIPT.read_bytes()
    )


def ensure_template(cache_dir: Path = DEFAULT_CACHE_DIR, bcrypt_cost: int = STOCK_BCRYPT_COST) -> RTTemplate:
    """Return the cached base template, building it first if needed (about 5 s)."""
    require_rt()
    rt_cache = cache_dir / "rt5"
    template = RTTemplate(rt_cache / f"template-{template_key(bcrypt_cost)}")
    if template.is_complete():
        return template
    with _cache_lock(rt_cache):
        if not template.is_complete():
            _build_template(template.directory, bcrypt_cost)
    return template


def _build_template(target: Path, bcrypt_cost: int) -> None:
    started = time.monotonic()
    build_dir = Path(tempfile.mkdtemp(prefix="build-", dir=target.parent))
    try:
        db_path = build_dir / "rt.db"
        write_site_config(build_dir, db_path, 80, bcrypt_cost)  # the port lives in the config, not the db
        setup = [str(RT_SETUP_DATABASE), "--skip-create"]
        _run_rt([*setup, "--action", "init"], build_dir, "RT schema init")
        _run_rt([*setup, "--action", "insert", "--datafile", str(INITIALDATA)], build_dir, "RT initialdata")
        with _PerlHelper(build_dir) as helper:
            tokens = helper.call("create_tokens", users=["agent", "agent2"])
        _enable_wal(db_path)
        meta = {
            "rt_version": rt_version(),
            "bcrypt_cost": bcrypt_cost,
            "tokens": tokens,
            "built_at": datetime.now(UTC).isoformat(),
            "build_seconds": round(time.monotonic() - started, 2),
        }
        (build_dir / "meta.json").write_text(json.dumps(meta, indent=2))
        _publish(build_dir, target)
    finally:
        shutil.rmtree(build_dir, ignore_errors=True)


def _publish(build_dir: Path, target: Path) -> None:
    """Move a finished build into place atomically: readers never see a half-built template."""
    final = Path(tempfile.mkdtemp(prefix="ready-", dir=target.parent))
    final.chmod(0o755)
    for name in ("rt.db", "meta.json"):
        shutil.move(build_dir / name, final / name)
    final.rename(target)


def _enable_wal(db_path: Path) -> None:
    """WAL lets the test's reads proceed while a Starman worker writes (and vice versa)."""
    with contextlib.closing(sqlite3.connect(db_path)) as db:
        db.execute("PRAGMA journal_mode=WAL")


def _copy_db(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(source, target)


# --- Perl helper ---------------------------------------------------------------------------


class _PerlHelper:
    """JSON-lines client for rt_helper.pl, started on first use and kept for the instance's life."""

    def __init__(self, workdir: Path) -> None:
        self._log_path = workdir / "helper.log"
        self._lock = threading.Lock()
        self._log = self._log_path.open("ab")
        self._proc = subprocess.Popen(
            ["perl", str(HELPER_SCRIPT)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._log,
            env=rt_environment(workdir),
            cwd=workdir,
        )

    def call(self, cmd: str, **args: Any) -> Any:
        request = json.dumps({"cmd": cmd, "args": args}).encode() + b"\n"
        with self._lock:
            assert self._proc.stdin is not None and self._proc.stdout is not None
            try:
                self._proc.stdin.write(request)
                self._proc.stdin.flush()
                line = self._proc.stdout.readline()
            except BrokenPipeError:
                line = b""
        if not line:
            raise RTUnavailableError(f"RT helper died during {cmd!r}:\n{_tail(self._log_path)}")
        response = json.loads(line)
        if not response["ok"]:
            raise RTOperationError(f"{cmd}: {response['error']}")
        return response["result"]

    def close(self) -> None:
        with self._lock:
            if self._proc.stdin and not self._proc.stdin.closed:
                self._proc.stdin.close()  # EOF ends the helper's read loop
            try:
                self._proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait()
            if self._proc.stdout:
                self._proc.stdout.close()
            self._log.close()

    def __enter__(self) -> _PerlHelper:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# --- bulk seeding --------------------------------------------------------------------------


@dataclass(frozen=True)
class SeedResult:
    tickets: int
    transactions: int
    customers: list[str]
    agents: list[str]
    seconds: float
    cached: bool = False


def _run_seed(workdir: Path, tickets: int, messages_per_ticket: int, seed: int, active: bool) -> SeedResult:
    args = [
        "perl",
        str(SEED_SCRIPT),
        f"--tickets={tickets}",
        f"--messages={messages_per_ticket}",
        f"--seed={seed}",
        *(["--active"] if active else []),
    ]
    out = _run_rt(args, workdir, "RT bulk seeding", timeout=3600)
    data = json.loads(out.strip().splitlines()[-1])
    return SeedResult(**data)


def seeded_template_key(
    tickets: int, messages_per_ticket: int, seed: int, bcrypt_cost: int, active: bool = False
) -> str:
    return _file_digest(
        template_key(bcrypt_cost),
        SEED_SCRIPT.read_bytes(),
        f"{tickets}/{messages_per_ticket}/{seed}" + ("/active" if active else ""),
    )


def ensure_seeded_template(
    tickets: int,
    messages_per_ticket: int,
    seed: int = 1,
    cache_dir: Path = DEFAULT_CACHE_DIR,
    bcrypt_cost: int = STOCK_BCRYPT_COST,
    active: bool = False,
) -> tuple[RTTemplate, SeedResult]:
    """A cached template already holding the bulk data (built once, then reused across runs)."""
    base = ensure_template(cache_dir, bcrypt_cost)
    rt_cache = cache_dir / "rt5"
    key = seeded_template_key(tickets, messages_per_ticket, seed, bcrypt_cost, active)
    template = RTTemplate(rt_cache / f"seeded-{key}")
    cached = template.is_complete()
    if not cached:
        with _cache_lock(rt_cache):
            cached = template.is_complete()
            if not cached:
                _build_seeded_template(base, template.directory, tickets, messages_per_ticket, seed, active)
    result = SeedResult(**template.meta["seed"])
    return template, SeedResult(**{**result.__dict__, "cached": cached})


def _build_seeded_template(
    base: RTTemplate, target: Path, tickets: int, messages_per_ticket: int, seed: int, active: bool
) -> None:
    build_dir = Path(tempfile.mkdtemp(prefix="build-", dir=target.parent))
    try:
        db_path = build_dir / "rt.db"
        _copy_db(base.db_path, db_path)
        write_site_config(build_dir, db_path, 80, base.bcrypt_cost)
        result = _run_seed(build_dir, tickets, messages_per_ticket, seed, active)
        with contextlib.closing(sqlite3.connect(db_path)) as db:
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # everything in rt.db, safe to copy alone
        meta = {**base.meta, "seed": result.__dict__}
        (build_dir / "meta.json").write_text(json.dumps(meta, indent=2))
        _publish(build_dir, target)
    finally:
        shutil.rmtree(build_dir, ignore_errors=True)


# --- the instance --------------------------------------------------------------------------

_live_instances: weakref.WeakSet[RTInstance] = weakref.WeakSet()


@atexit.register
def _close_leftovers() -> None:
    """Never leave rt-server processes behind, even if a test run is interrupted."""
    for instance in list(_live_instances):
        with contextlib.suppress(Exception):
            instance.close()


class RTInstance:
    """A private RT 5 server plus helpers that act on it through RT itself.

    ``RTInstance(workdir)`` starts from the base template (queues, agents, articles, tokens);
    ``RTInstance.seeded(workdir, tickets, messages_per_ticket)`` from a cached bulk-seeded copy.
    Neither starts the server: call ``start()`` (or use the instance as a context manager).
    ``bcrypt_cost`` defaults to RT's stock 12 (about 220 ms per token/basic-auth request, as in
    production); ``FAST_BCRYPT_COST`` makes authentication nearly free for functional tests.
    """

    def __init__(
        self,
        workdir: Path,
        *,
        workers: int = 2,
        keepalive: bool = False,
        cache_dir: Path = DEFAULT_CACHE_DIR,
        bcrypt_cost: int = STOCK_BCRYPT_COST,
        template: RTTemplate | None = None,
    ) -> None:
        self.workdir = Path(workdir)
        self.workers = workers
        # Starman holds a worker for up to 1 s waiting for the next request on an idle kept-alive
        # connection, so a pooled client with more connections than workers stalls for seconds.
        # Production RT sits behind a web server that keeps client connections itself; closing
        # after each response gives the same worker capacity.
        self.keepalive = keepalive
        self._template = template or ensure_template(cache_dir, bcrypt_cost)
        self.bcrypt_cost = self._template.bcrypt_cost
        self.db_path = self.workdir / "rt.db"
        self.server_log = self.workdir / "server.log"
        self._tokens = self._template.tokens
        # Chosen up front so url/port (and the site config RT's helper reads) are valid before start().
        self._port = free_port()
        self._port_pinned = False  # becomes True once a server has bound the port
        self._server: subprocess.Popen[bytes] | None = None
        self._helper: _PerlHelper | None = None
        self._helper_lock = threading.Lock()
        self.seed_result: SeedResult | None = None
        self.workdir.mkdir(parents=True, exist_ok=True)
        _copy_db(self._template.db_path, self.db_path)
        write_site_config(self.workdir, self.db_path, self._port, self.bcrypt_cost)
        _live_instances.add(self)

    @classmethod
    def seeded(
        cls,
        workdir: Path,
        tickets: int,
        messages_per_ticket: int,
        *,
        seed: int = 1,
        workers: int = 2,
        keepalive: bool = False,
        cache_dir: Path = DEFAULT_CACHE_DIR,
        bcrypt_cost: int = STOCK_BCRYPT_COST,
        active: bool = False,
    ) -> RTInstance:
        """An instance whose database already holds bulk data, reusing a cached seeded template.
        active: every seeded ticket is new, open or stalled (none resolved)."""
        template, result = ensure_seeded_template(
            tickets, messages_per_ticket, seed, cache_dir, bcrypt_cost, active)
        instance = cls(workdir, workers=workers, keepalive=keepalive, cache_dir=cache_dir, template=template)
        instance.seed_result = result
        return instance

    # --- properties ---

    @property
    def port(self) -> int:
        return self._port

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def rest_url(self) -> str:
        return f"{self.url}/REST/2.0"

    @property
    def agent_token(self) -> str:
        return self._tokens["agent"]

    @property
    def agent2_token(self) -> str:
        return self._tokens["agent2"]

    @property
    def root_auth(self) -> tuple[str, str]:
        return ROOT_AUTH

    @property
    def agent_auth(self) -> tuple[str, str]:
        return AGENT_AUTH

    @property
    def agent2_auth(self) -> tuple[str, str]:
        return AGENT2_AUTH

    @property
    def running(self) -> bool:
        return self._server is not None and self._server.poll() is None

    def rest_client(self, token: str | None = None, **kwargs: Any) -> httpx.Client:
        """An httpx client for REST2 authenticated with a token (the agent's by default)."""
        headers = {"Authorization": f"token {token or self.agent_token}"}
        return httpx.Client(base_url=self.rest_url, headers=headers, timeout=30, **kwargs)

    # --- server lifecycle ---

    def start(self) -> None:
        """Start rt-server. Once it has run, the port is fixed: restarts come back on the same one."""
        if self.running:
            return
        for _attempt in range(1 if self._port_pinned else 3):
            if self._spawn_and_wait(self._port):
                self._port_pinned = True
                return
            if not self._port_pinned:  # someone grabbed the port between free_port() and bind
                self._port = free_port()
                write_site_config(self.workdir, self.db_path, self._port, self.bcrypt_cost)
        raise RTUnavailableError(f"rt-server could not bind port {self._port}:\n{_tail(self.server_log)}")

    def _spawn_and_wait(self, port: int) -> bool:
        """Start the server on ``port``; False if the port was taken meanwhile."""
        log_start = self.server_log.stat().st_size if self.server_log.exists() else 0
        with self.server_log.open("ab") as log:
            self._server = subprocess.Popen(
                [
                    str(RT_SERVER),
                    "--server",
                    "Starman",
                    "--workers",
                    str(self.workers),
                    "--host",
                    "127.0.0.1",
                    "--port",
                    str(port),
                    *([] if self.keepalive else ["--keepalive", "0"]),
                ],
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                env=rt_environment(self.workdir),
                cwd=self.workdir,
                start_new_session=True,  # own process group: stop() can signal master and workers
            )
        deadline = time.monotonic() + READY_TIMEOUT
        with httpx.Client(timeout=2) as client:
            while time.monotonic() < deadline:
                if self._server.poll() is not None:
                    self._server = None
                    with self.server_log.open("rb") as log:
                        log.seek(log_start)
                        if b"Address already in use" in log.read():
                            return False
                    raise RTUnavailableError(f"rt-server exited during startup:\n{_tail(self.server_log)}")
                with contextlib.suppress(httpx.TransportError):
                    # 401 from REST2 means RT itself answered (not some other process on the port).
                    if client.get(f"http://127.0.0.1:{port}/REST/2.0/").status_code == 401:
                        return True
                time.sleep(0.05)
        self._kill_server()
        raise RTUnavailableError(
            f"rt-server not ready after {READY_TIMEOUT:.0f} s:\n{_tail(self.server_log)}"
        )

    def stop(self) -> None:
        """Stop the web server only (the database stays): the helpdesk 'goes offline'."""
        if self._server is None:
            return
        self._kill_server()
        # Workers inherit the listening socket: wait until the port really refuses connections.
        deadline = time.monotonic() + STOP_TIMEOUT
        while port_accepts(self._port) and time.monotonic() < deadline:
            time.sleep(0.02)

    def _kill_server(self) -> None:
        server, self._server = self._server, None
        if server is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGTERM)  # the group we created: master and its workers
        try:
            server.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(server.pid, signal.SIGKILL)
            server.wait()

    def restart(self) -> None:
        """Stop and start again on the same port."""
        self.stop()
        self.start()

    def close(self) -> None:
        self.stop()
        with self._helper_lock:
            if self._helper is not None:
                self._helper.close()
                self._helper = None
        _live_instances.discard(self)

    def __enter__(self) -> RTInstance:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- RT operations for tests (real RT API calls through the Perl helper) ---

    def start_helper(self) -> None:
        """Launch the Perl helper now (it loads RT in the background, e.g. while the server starts)."""
        self._ensure_helper()

    def _ensure_helper(self) -> _PerlHelper:
        with self._helper_lock:
            if self._helper is None:
                self._helper = _PerlHelper(self.workdir)
            return self._helper

    def _call(self, cmd: str, **args: Any) -> Any:
        return self._ensure_helper().call(cmd, **args)

    def create_ticket(
        self,
        queue: str,
        subject: str,
        requestor_email: str,
        content: str,
        *,
        priority: int | None = None,
        due: datetime | str | None = None,
        status: str | None = None,
        as_customer: bool = True,
        content_type: str = "text/plain",
    ) -> int:
        """Create a ticket like an incoming customer mail (creator = the customer), or as root."""
        args: dict[str, Any] = {
            "queue": queue,
            "subject": subject,
            "requestor": requestor_email,
            "content": content,
            "content_type": content_type,
            "as_customer": as_customer,
        }
        optional = {"priority": priority, "due": rt_datetime(due), "status": status}
        args.update({key: value for key, value in optional.items() if value is not None})
        return int(self._call("create_ticket", **args))

    def customer_reply(
        self, ticket_id: int, content: str, requestor_email: str, *, content_type: str = "text/plain"
    ) -> int:
        """A Correspond transaction created by the customer's own RT user; returns its id."""
        return int(
            self._call(
                "customer_reply",
                id=ticket_id,
                requestor=requestor_email,
                content=content,
                content_type=content_type,
            )
        )

    def agent_reply(
        self,
        ticket_id: int,
        content: str,
        user: str = "agent2",
        *,
        time_taken: int = 0,
        content_type: str = "text/plain",
    ) -> int:
        return int(
            self._call(
                "agent_reply",
                id=ticket_id,
                user=user,
                content=content,
                time_taken=time_taken,
                content_type=content_type,
            )
        )

    def agent_comment(
        self,
        ticket_id: int,
        content: str,
        user: str = "agent2",
        *,
        time_taken: int = 0,
        content_type: str = "text/plain",
    ) -> int:
        """An internal note (Comment transaction) by an agent; returns its id."""
        return int(
            self._call(
                "agent_comment",
                id=ticket_id,
                user=user,
                content=content,
                time_taken=time_taken,
                content_type=content_type,
            )
        )

    def set_status(self, ticket_id: int, status: str) -> None:
        self._call("set_status", id=ticket_id, status=status)

    def set_owner(self, ticket_id: int, user: str) -> None:
        self._call("set_owner", id=ticket_id, user=user)

    def ticket(self, ticket_id: int) -> dict[str, Any]:
        """id, subject, status, queue, owner, requestors, priority, due, created, last_updated,
        resolved, time_worked (dates as RT's UTC ``YYYY-MM-DD HH:MM:SS``, unset dates None)."""
        result: dict[str, Any] = self._call("ticket", id=ticket_id)
        return result

    def transactions(self, ticket_id: int) -> list[dict[str, Any]]:
        """The ticket's history, oldest first: id, type, creator (user name), created, time_taken,
        field, old, new, and content (plain text) for Create/Correspond/Comment."""
        result: list[dict[str, Any]] = self._call("transactions", id=ticket_id)
        return result

    def agent_rights(self, rights: list[str], *, grant: bool) -> None:
        """Grant or revoke rights of every agent (RT's Privileged group), system-wide."""
        self._call("agent_rights", rights=rights, grant=grant)

    def count_transactions(self, ticket_id: int, type_: str, content: str | None = None) -> int:
        """How many transactions of a type (optionally containing a text) the ticket has."""
        return sum(
            1
            for txn in self.transactions(ticket_id)
            if txn["type"] == type_ and (content is None or content in (txn["content"] or ""))
        )

    def seed_bulk(self, tickets: int, messages_per_ticket: int, seed: int = 1) -> SeedResult:
        """Add bulk data to THIS instance's database (works while the server runs)."""
        self.seed_result = _run_seed(self.workdir, tickets, messages_per_ticket, seed)
        return self.seed_result

    def sql(self, query: str, params: Mapping[str, Any] | tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        """Read-only SQL against the instance database, for assertions RT's API cannot express."""
        with contextlib.closing(sqlite3.connect(f"file:{self.db_path}?mode=ro", uri=True, timeout=30)) as db:
            return db.execute(query, params).fetchall()
