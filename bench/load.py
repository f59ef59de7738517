"""The load generator: many python-socketio asyncio clients in one process, driven by the coordinator.

    python -m bench.load SPEC.json OUT_PREFIX

Protocol on stdin/stdout, one line each: it prints `ready {...}` once every tablet is connected (and every
drawing tablet has its design); then each `go {phase}` line runs one phase and prints `done N` after writing
`OUT_PREFIX.N.json`; `end` fetches each workshop's final `seq`, writes `OUT_PREFIX.end.json` (gaps and
duplicates per tablet) and exits. A phase is `{"index", "mode": "open"|"closed", "rate", "start", "duration"}`:
`rate` is each drawing tablet's edits a second (open loop), `start` a time.monotonic() instant, the same clock
in every process of this machine, so several generators start together and latency needs no clock sync.
Each element carries its send instant in `note`: every receiver measures its own fan-out latency.
"""

from __future__ import annotations

import asyncio
import json
import random
import sys
import time
import uuid
from collections import Counter
from pathlib import Path
from typing import Any

import aiohttp
import socketio

from bench.shapes import polygons

POOL = polygons(400)


class Phase:
    """What one phase saw in this process."""

    def __init__(self, index: int):
        self.index = index
        self.deliveries: list[float] = []
        self.element_max: dict[str, float] = {}
        self.element_receipts: Counter = Counter()
        self.sent: dict[str, str] = {}
        self.acks: list[float] = []
        self.accepted = 0
        self.refused: Counter = Counter()
        self.outstanding = 0
        self.last_ack = 0.0
        self.last_delivery = 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "deliveries_ms": [round(x, 2) for x in self.deliveries],
            "element_max_ms": self.element_max,
            "element_receipts": dict(self.element_receipts),
            "sent": self.sent,
            "acks_ms": [round(x, 2) for x in self.acks],
            "accepted": self.accepted,
            "refused": dict(self.refused),
            "unacked": self.outstanding,
            "last_ack": self.last_ack,
        }


class Tablet:
    """One tablet: a socket in a workshop, counting every numbered event it gets; maybe drawing."""

    def __init__(self, generator: Generator, spec: dict[str, Any]):
        self.generator = generator
        self.url = spec["url"]
        self.code = spec["code"]
        self.workshop = spec["workshop"]
        self.draws = bool(spec.get("sender"))
        self.design_id: str | None = None
        self.base: int | None = None
        self.seqs: set[int] = set()
        self.duplicates = 0
        self.out_of_order = 0
        self.highest = 0
        self.early: list[int] = []
        self.overtaken = 0
        self.snapshot = asyncio.Event()
        # Browsers offer permessage-deflate, and the server then compresses every message for every socket.
        extra = {"max_msg_size": 0, **({"compress": 15} if generator.spec.get("deflate") else {})}
        self.sio = socketio.AsyncClient(reconnection=False, websocket_extra_options=extra)
        self.sio.on("snapshot", self._on_snapshot)
        self.sio.on("element:added", self._on_element)
        self.sio.on("*", self._on_other)

    def _count(self, seq: Any) -> None:
        if not isinstance(seq, int):
            return
        if self.base is None:
            # A broadcast can overtake the snapshot (it is emitted while the snapshot is being built).
            self.early.append(seq)
            return
        if seq <= self.base:
            return
        if seq in self.seqs:
            self.duplicates += 1
            return
        if seq < self.highest:
            self.out_of_order += 1
        self.highest = max(self.highest, seq)
        self.seqs.add(seq)

    async def _on_snapshot(self, data: dict[str, Any]) -> None:
        if self.base is None:
            self.base = int(data.get("seq", 0))
            self.overtaken = sum(1 for seq in self.early if seq > self.base)
            for seq in self.early:
                self._count(seq)
        self.snapshot.set()

    async def _on_element(self, data: dict[str, Any]) -> None:
        now = time.monotonic()
        self._count(data.get("seq"))
        element = data.get("element") or {}
        stamp = str(element.get("note") or "")
        if "|" not in stamp:
            return
        index, sent = stamp.split("|", 1)
        phase = self.generator.phases.get(int(index))
        if phase is None:
            return
        latency = (now - float(sent)) * 1000
        phase.deliveries.append(latency)
        element_id = element["id"]
        phase.element_receipts[element_id] += 1
        if latency > phase.element_max.get(element_id, -1.0):
            phase.element_max[element_id] = round(latency, 2)
        phase.last_delivery = now

    async def _on_other(self, _event: str, data: Any = None) -> None:
        if isinstance(data, dict):
            self._count(data.get("seq"))

    async def connect(self, http: aiohttp.ClientSession, name: str) -> None:
        """Join by code over HTTP, open the websocket, wait for the snapshot, start a design if drawing."""
        async with http.post(self.url + "/api/join", json={"code": self.code, "name": name}) as answer:
            joined = await answer.json()
        await self.sio.connect(self.url, auth={"token": joined["token"]}, transports=["websocket"], wait_timeout=60)
        await asyncio.wait_for(self.snapshot.wait(), 120)
        if self.draws:
            ack = await self.sio.call("design:create", {"id": str(uuid.uuid4()), "title": name}, timeout=120)
            self.design_id = ack["design"]["id"]

    def _payload(self, phase: Phase) -> tuple[dict[str, Any], float]:
        sent = time.monotonic()
        element_id = str(uuid.uuid4())
        phase.sent[element_id] = self.workshop
        return {
            "id": element_id,
            "design_id": self.design_id,
            "kind": "green_area",
            "geometry": random.choice(POOL),
            "note": f"{phase.index}|{sent:.6f}",
        }, sent

    def _acked(self, phase: Phase, sent: float, ack: Any) -> None:
        now = time.monotonic()
        phase.outstanding -= 1
        phase.last_ack = now
        phase.acks.append((now - sent) * 1000)
        if isinstance(ack, dict) and ack.get("ok"):
            phase.accepted += 1
        else:
            code = (ack or {}).get("error", {}).get("code", "?") if isinstance(ack, dict) else "timeout"
            phase.refused[code] += 1

    async def draw_open(self, phase: Phase, rate: float, start: float, end: float) -> None:
        """Send at a fixed rate whatever the acks do (a hall of people drawing)."""
        interval = 1.0 / rate
        due = start + random.uniform(0, interval)
        while due < end:
            await asyncio.sleep(max(0.0, due - time.monotonic()))
            payload, sent = self._payload(phase)
            phase.outstanding += 1
            await self.sio.emit("element:add", payload, callback=lambda ack=None, s=sent: self._acked(phase, s, ack))
            due += interval

    async def draw_closed(self, phase: Phase, start: float, end: float) -> None:
        """Send the next element as soon as the last one's ack is back."""
        await asyncio.sleep(max(0.0, start - time.monotonic()))
        while time.monotonic() < end:
            payload, sent = self._payload(phase)
            phase.outstanding += 1
            try:
                ack = await self.sio.call("element:add", payload, timeout=60)
            except socketio.exceptions.TimeoutError:
                ack = None
            self._acked(phase, sent, ack)

    def counts(self, final: int) -> dict[str, Any]:
        """Gaps (numbers after the snapshot never received), duplicates and reordering seen by this tablet."""
        base = self.base or 0
        missing = [seq for seq in range(base + 1, final + 1) if seq not in self.seqs]
        return {
            "workshop": self.workshop,
            "base": base,
            "final": final,
            "received": len(self.seqs),
            "gaps": len(missing),
            "missing": missing[:20],
            "duplicates": self.duplicates,
            "out_of_order": self.out_of_order,
            "overtook_snapshot": self.overtaken,
        }


class Generator:
    """All the tablets of this process and the phases they run."""

    def __init__(self, spec: dict[str, Any], out_prefix: str):
        self.spec = spec
        self.out_prefix = out_prefix
        self.tablets = [Tablet(self, t) for t in spec["tablets"]]
        self.phases: dict[int, Phase] = {}

    async def connect_all(self) -> dict[str, Any]:
        started = time.monotonic()
        limit = asyncio.Semaphore(int(self.spec.get("connect_concurrency", 20)))
        connector = aiohttp.TCPConnector(limit=64)
        async with aiohttp.ClientSession(connector=connector) as http:

            async def one(index: int, tablet: Tablet) -> None:
                async with limit:
                    await tablet.connect(http, f"{self.spec.get('name', 'T')}{index}")

            await asyncio.gather(*(one(i, t) for i, t in enumerate(self.tablets)))
        return {"tablets": len(self.tablets), "connect_s": round(time.monotonic() - started, 2)}

    async def run_phase(self, order: dict[str, Any]) -> None:
        phase = Phase(order["index"])
        self.phases[phase.index] = phase
        start, duration = order["start"], order["duration"]
        end = start + duration
        cpu0, wall0 = time.process_time(), time.monotonic()
        drawers = [t for t in self.tablets if t.draws]
        if order["mode"] == "open":
            tasks = [t.draw_open(phase, order["rate"], start, end) for t in drawers]
        else:
            tasks = [t.draw_closed(phase, start, end) for t in drawers]
        await asyncio.gather(*tasks)
        # Drain: every ack back, then no delivery for a quiet moment (or the drain time runs out).
        deadline = time.monotonic() + float(order.get("drain", 15))
        while time.monotonic() < deadline and (
            phase.outstanding > 0 or time.monotonic() - max(phase.last_delivery, end) < 0.7
        ):
            await asyncio.sleep(0.05)
        cpu = (time.process_time() - cpu0) / max(1e-6, time.monotonic() - wall0)
        result = {
            **phase.as_dict(),
            "start": start,
            "duration": duration,
            "generator_cpu": round(cpu, 3),
            "drawers": len(drawers),
        }
        with open(f"{self.out_prefix}.{phase.index}.json", "w") as handle:
            json.dump(result, handle)
        # What was measured is written: keep this process's memory flat over a long ramp.
        phase.deliveries, phase.acks = [], []

    async def finish(self) -> None:
        finals: dict[str, int] = {}
        async with aiohttp.ClientSession() as http:
            for tablet in self.tablets:
                if tablet.workshop not in finals:
                    async with http.get(f"{tablet.url}/api/workshops/{tablet.workshop}") as answer:
                        finals[tablet.workshop] = int((await answer.json())["seq"])
        counts = [t.counts(finals[t.workshop]) for t in self.tablets]
        with open(f"{self.out_prefix}.end.json", "w") as handle:
            json.dump({"tablets": counts}, handle)

    async def main(self) -> None:
        loop = asyncio.get_running_loop()
        ready = await self.connect_all()
        print("ready " + json.dumps(ready), flush=True)
        while True:
            line = (await loop.run_in_executor(None, sys.stdin.readline)).strip()
            if not line or line == "end":
                break
            if line.startswith("go "):
                order = json.loads(line[3:])
                await self.run_phase(order)
                print(f"done {order['index']}", flush=True)
        await self.finish()
        print("end", flush=True)


def main() -> None:
    spec = json.loads(Path(sys.argv[1]).read_text())
    random.seed(spec.get("seed", 1))
    asyncio.run(Generator(spec, sys.argv[2]).main())
    # Hundreds of sockets need no orderly goodbye: the servers notice the closed connections.
    sys.stdout.flush()


if __name__ == "__main__":
    main()
    import os

    os._exit(0)
