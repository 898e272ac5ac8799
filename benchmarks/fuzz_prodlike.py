"""Schemathesis against a production-like server: `st run --checks all` on /api/schema/.

    .venv/bin/python -m benchmarks.fuzz_prodlike [--port 8000] [-- extra st run options]

Starts the server of benchmarks/prodlike.py (gunicorn, production settings, DEBUG off, the
demo content, the per-client rate limits on: set REDIS_URL to share them between workers as in
production), runs schemathesis over every operation of /api/v1/ and /api/v2/ (one schema,
`/api/schema/?format=json`) and prints its report; the exit status is schemathesis's. Unlike
tests/api/test_fuzz.py (in-process, rate limits off, a fixed seed) this goes through real
HTTP, gunicorn's request parsing and the production middleware. docs/testing.md has the last
result.
"""

import argparse
import subprocess
import sys

from benchmarks.prodlike import VENV_BIN, production_server


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=None)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("extra", nargs="*", help="more options for `st run` (after --)")
    args = parser.parse_args()
    with production_server(workers=args.workers, port=args.port) as (base_url, _pid):
        command = [
            str(VENV_BIN / "st"),
            "run",
            f"{base_url}/api/schema/?format=json",
            "--checks",
            "all",
            *args.extra,
        ]
        print(" ".join(command), flush=True)
        return subprocess.run(command).returncode


if __name__ == "__main__":
    sys.exit(main())
