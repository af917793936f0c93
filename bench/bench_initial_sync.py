"""Initial and incremental sync against a live Request Tracker 5 under Starman.

RT is seeded through its own Perl API with 2,000 active tickets x 5 messages (cached after the first
run). Each round times, in the same run and against the same server:

- sync: `SyncEngine.sync_once()` into an empty replica (queues, snippets, every active thread, the
  customers' histories), recording every request it makes;
- bare: the very same requests replayed with a bare httpx client at the same concurrency, all known up
  front and only decoded as JSON: the floor for fetching that data over HTTP.

Rounds alternate so that both see the same server state; medians are reported. Then 20 tickets get a
customer reply and an incremental sync is timed and its requests counted. Targets: sync <= 1.15x bare,
<= 3 requests per ticket, a handful of requests for the incremental sync.

Token checks use a low bcrypt cost (see tests/support/rt_instance.py): at RT's stock cost every REST2
request costs about 220 ms of server CPU, which would make both sides wait on bcrypt alone.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

from services.backends.rt.connector import RTConnector
from services.store import Store
from services.store.asyncstore import AsyncStore
from services.sync.engine import SyncEngine
from tests.support.rt_instance import FAST_BCRYPT_COST, RTInstance

CONCURRENCY = 8


@dataclass(frozen=True, slots=True)
class Recorded:
    method: str
    url: str
    content: bytes
    headers: dict[str, str]


class RecordingTransport(httpx.AsyncBaseTransport):
    """Passes requests through and remembers them, to replay them bare."""

    def __init__(self) -> None:
        self._inner = httpx.AsyncHTTPTransport()
        self.requests: list[Recorded] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        content = await request.aread()
        headers = {k: v for k, v in request.headers.items() if k.lower() in ("authorization", "content-type")}
        self.requests.append(Recorded(request.method, str(request.url), content, headers))
        return await self._inner.handle_async_request(request)

    async def aclose(self) -> None:
        await self._inner.aclose()


@dataclass(slots=True)
class SyncRun:
    seconds: float
    requests: list[Recorded]
    tickets: int
    messages: int
    engine: SyncEngine
    store: Store
    writer: AsyncStore
    connector: RTConnector
    transport: RecordingTransport
    account_id: int


async def initial_sync(rt: RTInstance, workdir: Path) -> SyncRun:
    path = workdir / "replica.sqlite"
    store = Store(path)
    account = store.accounts.add("agent@rt", "rt", rt.url, "agent")
    writer = AsyncStore(path)
    transport = RecordingTransport()
    connector = RTConnector(rt.url, "agent", rt.agent_token, transport=transport, concurrency=CONCURRENCY)
    engine = SyncEngine(connector, writer, account.id, "agent")
    started = time.perf_counter()
    report = await engine.sync_once()
    seconds = time.perf_counter() - started
    return SyncRun(seconds, list(transport.requests), report.tickets_pulled, report.messages_pulled,
                   engine, store, writer, connector, transport, account.id)


async def close(run: SyncRun) -> None:
    await run.connector.aclose()
    run.writer.close()
    run.store.close()


async def bare_fetch(requests: list[Recorded]) -> float:
    gate = asyncio.Semaphore(CONCURRENCY)
    async with httpx.AsyncClient(timeout=60) as client:

        async def one(r: Recorded) -> None:
            async with gate:
                response = await client.request(r.method, r.url, content=r.content or None, headers=r.headers)
                response.raise_for_status()
                response.json()

        started = time.perf_counter()
        await asyncio.gather(*(one(r) for r in requests))
        return time.perf_counter() - started




async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=2000)
    parser.add_argument("--messages", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--changed", type=int, default=20)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="monodesk-bench-") as tmp:
        root = Path(tmp)
        seed_started = time.perf_counter()
        rt = RTInstance.seeded(root / "rt", args.tickets, args.messages, workers=args.workers,
                               bcrypt_cost=FAST_BCRYPT_COST, active=True)
        seeding = time.perf_counter() - seed_started
        seed = rt.seed_result
        assert seed is not None
        print(f"RT seeded with {seed.tickets} tickets, {seed.transactions} transactions "
              f"({'cached' if seed.cached else f'{seeding:.0f} s'}); Starman, {args.workers} workers")
        with rt:
            # Warm-up: RT's first requests load code and caches into each worker.
            warm = await initial_sync(rt, root)
            await bare_fetch(warm.requests)
            await close(warm)

            sync_times: list[float] = []
            bare_times: list[float] = []
            last: SyncRun | None = None
            for n in range(args.rounds):
                workdir = root / f"round{n}"
                workdir.mkdir()
                run = await initial_sync(rt, workdir)
                sync_times.append(run.seconds)
                bare_times.append(await bare_fetch(run.requests))
                if last is not None:
                    await close(last)
                last = run
            assert last is not None
            threads = last.tickets
            requests = len(last.requests)
            sync_med, bare_med = statistics.median(sync_times), statistics.median(bare_times)
            print(f"initial sync: {threads} threads, {last.messages} messages, {requests} requests "
                  f"({requests / max(threads, 1):.2f} per ticket)")
            print(f"  sync  median {sync_med:6.2f} s  (runs: {', '.join(f'{t:.2f}' for t in sync_times)})")
            print(f"  bare  median {bare_med:6.2f} s  (runs: {', '.join(f'{t:.2f}' for t in bare_times)})")
            print(f"  ratio sync / bare fetch of the same requests: {sync_med / bare_med:.2f}x "
                  "(target <= 1.15x)")

            # Incremental: a customer reply on N tickets the replica holds.
            held = [str(row[0]) for row in last.store.conn.execute(
                "SELECT remote_id FROM tickets WHERE thread_updated IS NOT NULL ORDER BY random() LIMIT ?",
                (args.changed,))]
            for remote_id in held:
                ticket = rt.ticket(int(remote_id))
                requestor = ticket["requestors"][0] if ticket.get("requestors") else "customer@example.com"
                rt.customer_reply(int(remote_id), "One more thing: it happened again today.", requestor)
            before = len(last.transport.requests)
            started = time.perf_counter()
            report = await last.engine.sync_once()
            seconds = time.perf_counter() - started
            made = len(last.transport.requests) - before
            print(f"incremental sync, {args.changed} changed tickets: {report.tickets_pulled} pulled, "
                  f"{report.messages_pulled} messages, {made} requests, {seconds:.2f} s")
            await close(last)


if __name__ == "__main__":
    asyncio.run(main())
