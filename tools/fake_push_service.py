"""Start and drive the local fake push service (tools/fake_push_service.js) from Python.

Used by the push tests (tests/push/) and the fan-out benchmark (benchmarks/push_fanout.py).
Needs node and `make node-deps` (npm web-push-testing).
"""

import json
import os
import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "tools" / "fake_push_service.js"
PACKAGE = ROOT / "node_modules" / "web-push-testing"


def available() -> bool:
    return bool(shutil.which("node")) and PACKAGE.is_dir()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class FakePushService:
    """A running fake push service on 127.0.0.1; stop() ends it (it also ends by itself)."""

    def __init__(self, port: int | None = None, lifetime: int = 600):
        self.port = port or int(os.environ.get("FAKE_PUSH_PORT") or free_port())
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            ["node", str(SCRIPT), str(self.port), str(lifetime)],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        deadline = time.monotonic() + 20
        line = self.process.stdout.readline()
        if not line.startswith("ready") or time.monotonic() > deadline:
            self.stop()
            raise RuntimeError(f"The fake push service did not start: {line}")

    def _post(self, path: str, body: dict | None = None) -> dict:
        request = urllib.request.Request(
            self.url + path,
            data=json.dumps(body or {}).encode(),
            headers={"Content-Type": "application/json"},
            method="POST",
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            text = response.read().decode()
        return json.loads(text)["data"] if text.startswith("{") else {}

    def subscribe(self, public_key: str) -> dict:
        """Return a new PushSubscription JSON (plus `clientHash`) for `public_key`."""
        return self._post(
            "/subscribe", {"applicationServerKey": public_key, "userVisibleOnly": "true"}
        )

    def messages(self, client_hash: str) -> list[dict]:
        """Return the decrypted payloads this subscription received, as JSON."""
        found = self._post("/get-notifications", {"clientHash": client_hash})["messages"]
        return [json.loads(message) for message in found]

    def headers(self, client_hash: str) -> list[dict]:
        return self._post("/recorded-headers", {"clientHash": client_hash})

    def expire(self, client_hash: str) -> None:
        """Make the push service answer 410 Gone to this subscription from now on."""
        self._post(f"/expire-subscription/{client_hash}")

    def fail_next(self, client_hash: str, status: int, count: int = 1) -> None:
        self._post(f"/fail-next/{client_hash}", {"status": status, "count": count})

    def accepted(self) -> int:
        return self._post("/accepted")["accepted"]

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.stdin.close()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process.stdout.close()
