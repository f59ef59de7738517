"""Server programs the tests start on free loopback ports (redis-server, nginx), and a TCP relay a test cuts to make
a server go away."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import socket
import subprocess
import threading
from pathlib import Path

from .support import ROOT, free_port, wait_until


def installed(program: str, package: str) -> str:
    """The path of a server program the tests start; a failure, not a skip, when it is missing (CI installs it)."""
    for candidate in (shutil.which(program), f"/usr/bin/{program}", f"/usr/sbin/{program}"):
        if candidate and Path(candidate).exists():
            return candidate
    raise AssertionError(f"{program} is not installed: apt-get install -y {package} (./dev test does it as root)")


class LoopbackServer:
    """A server program on a free loopback port, started by a test and stopped with SIGTERM."""

    greeting: tuple[bytes, bytes] | None = None  # what to send once connected, and how the answer starts

    def __init__(self) -> None:
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    def _launch(self, command: list[str]) -> None:
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        wait_until(self._answers, timeout=10, interval=0.05)

    def _answers(self) -> bool:
        assert self.process.poll() is None, self.process.stderr.read()
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=1) as probe:
                if self.greeting is None:
                    return True
                probe.sendall(self.greeting[0])
                return probe.recv(64).startswith(self.greeting[1])
        except OSError:
            return False

    def stop(self) -> None:
        """Stop it at once (redis-server saves nothing; nginx's graceful stop would wait for the websockets)."""
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)


class RedisServer(LoopbackServer):
    """A real redis-server on a free loopback port, with its own folder and nothing saved."""

    greeting = (b"PING\r\n", b"+PONG")

    def __init__(self, folder: Path):
        super().__init__()
        executable = installed("redis-server", "redis-server")
        folder.mkdir(parents=True, exist_ok=True)
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self._launch(
            [
                executable,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--dir",
                str(folder),
                "--save",
                "",
                "--appendonly",
                "no",
            ]
        )


class NginxServer(LoopbackServer):
    """nginx on a free loopback port in front of cowork processes, with docs/nginx.conf as it is but for the
    ports and the log folder."""

    def __init__(self, folder: Path, upstream_ports: list[int]):
        super().__init__()
        executable = installed("nginx", "nginx")
        folder.mkdir(parents=True, exist_ok=True)
        self.base = f"http://127.0.0.1:{self.port}"
        self.access_log = folder / "cowork-access.log"
        site = (ROOT / "docs" / "nginx.conf").read_text(encoding="utf-8")
        servers = "".join(f"server 127.0.0.1:{port};\n    " for port in upstream_ports).rstrip()
        site = re.sub(r"server 127\.0\.0\.1:5001;\s+server 127\.0\.0\.1:5002;", servers, site)
        site = site.replace("listen 80;", f"listen 127.0.0.1:{self.port};").replace("/var/log/nginx/", f"{folder}/")
        (folder / "cowork.conf").write_text(site, encoding="utf-8")
        temp = " ".join(
            f"{kind}_temp_path {folder}/{kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
        )
        user = "user root;" if os.geteuid() == 0 else ""
        (folder / "nginx.conf").write_text(
            f"daemon off; worker_processes 1; pid {folder}/nginx.pid; error_log {folder}/error.log warn; {user}\n"
            f"events {{ worker_connections 256; }}\nhttp {{ {temp} include {folder}/cowork.conf; }}\n",
            encoding="utf-8",
        )
        self._launch([executable, "-p", str(folder), "-e", str(folder / "error.log"), "-c", str(folder / "nginx.conf")])


class TcpProxy:
    """A TCP relay on a free loopback port to a server (PostgreSQL), which a test cuts to make that server "go
    away" for the app behind it (open connections dropped, new ones closed at once) and then restores."""

    def __init__(self, host: str, port: int):
        self.target = (host, port)
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.up = True
        self._open: list[socket.socket] = []
        self._lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                downstream, _ = self.listener.accept()
            except OSError:
                return  # closed
            if not self.up:
                downstream.close()
                continue
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                downstream.close()
                continue
            with self._lock:
                self._open += [downstream, upstream]
            for source, sink in ((downstream, upstream), (upstream, downstream)):
                threading.Thread(target=self._pipe, args=(source, sink), daemon=True).start()

    @staticmethod
    def _pipe(source: socket.socket, sink: socket.socket) -> None:
        try:
            while chunk := source.recv(65536):
                sink.sendall(chunk)
        except OSError:
            pass
        finally:
            for end in (source, sink):
                with contextlib.suppress(OSError):
                    end.shutdown(socket.SHUT_RDWR)

    def cut(self) -> None:
        """Drop every relayed connection and refuse new ones until `restore`."""
        self.up = False
        with self._lock:
            dropped, self._open = self._open, []
        for end in dropped:
            with contextlib.suppress(OSError):
                end.shutdown(socket.SHUT_RDWR)
            end.close()

    def restore(self) -> None:
        """Relay again."""
        self.up = True

    def close(self) -> None:
        """Stop relaying for good."""
        self.cut()
        self.listener.close()
