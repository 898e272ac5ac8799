"""Lighthouse scores (mobile) and Total Blocking Time of the pages residents open most.

    (cd benchmarks/lighthouse && npm ci)           # once: Lighthouse, pinned in its own lock
    .venv/bin/python benchmarks/lighthouse.py [--runs 1] [page ...]

Starts the production-like server of the other benchmarks (benchmarks/prodlike.py: gunicorn,
production settings, demo content) and runs Lighthouse 12 with its mobile defaults (Moto G
Power, slow 4G throttling simulated, 4x CPU slowdown) in Debian's Chromium (CHROME_PATH,
default /usr/bin/chromium; headless, no sandbox, as root in a container needs). Prints the four
category scores of each page and its Total Blocking Time (the median of --runs), and every
audit that lost points. Pages: home, the announcement list, an announcement, an infographic, a
guide and the complaint form. Each page is requested once before (its first render makes the
image renditions).

Not part of CI: timings on a shared machine are noisy (see docs/performance.md). Budgets
(DESIGN.md): Performance at least 98; Accessibility, Best Practices and SEO 100; Total Blocking
Time under 50 ms (issue 14).
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.prodlike import demo_urls, get, production_server  # noqa: E402

HERE = Path(__file__).resolve().parent / "lighthouse"
LIGHTHOUSE = HERE / "node_modules" / ".bin" / "lighthouse"
CHROME = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
PAGES = ["home", "announcements", "announcement", "infographic", "guide", "complaint form"]
BUDGET = {"performance": 98, "accessibility": 100, "best-practices": 100, "seo": 100}
MAX_TBT_MS = 50


def lighthouse(url: str, out: Path) -> dict:
    """Run Lighthouse once on `url`; return its JSON report."""
    command = [
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={out}",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={CHROME_FLAGS}",
        "--max-wait-for-load=60000",
    ]
    env = {**os.environ, "CHROME_PATH": CHROME}
    subprocess.run(command, env=env, check=True, capture_output=True, timeout=600)
    return json.loads(out.read_text())


def long_tasks(reports: list[dict]) -> list[str]:
    """Return the main thread's long tasks of every run (start, duration, the script they run)."""
    lines = []
    for run, report in enumerate(reports, 1):
        for task in report["audits"].get("long-tasks", {}).get("details", {}).get("items", []):
            lines.append(
                f"run {run}: at {task.get('startTime', 0):.0f} ms, {task['duration']:.0f} ms, "
                f"{task.get('url', '')}"
            )
    return lines


def lost_points(report: dict) -> list[str]:
    """Return 'category: audit title (score)' for every weighted audit below full marks."""
    lines = []
    for name in CATEGORIES:
        category = report["categories"][name]
        for ref in category["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                shown = f", {audit['displayValue']}" if audit.get("displayValue") else ""
                lines.append(f"{name}: {audit['title']} ({audit['score']:.2f}{shown})")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=1, help="runs per page; the median is shown")
    parser.add_argument("--port", type=int, default=None, help="on 127.0.0.1 (default: a free one)")
    parser.add_argument(
        "pages", nargs="*", metavar="page", help=f"any of {', '.join(PAGES)} (default: all)"
    )
    args = parser.parse_args()
    unknown = [page for page in args.pages if page not in PAGES]
    if unknown:
        parser.error(f"unknown page: {', '.join(unknown)}")
    if not LIGHTHOUSE.exists():
        print(f"Lighthouse not installed: run `npm ci` in {HERE.relative_to(Path.cwd())}.")
        return 0
    if not Path(CHROME).exists():
        print(f"Chromium not found at {CHROME}: nothing measured (apt-get install chromium).")
        return 0
    print(f"Load average before: {os.getloadavg()[0]:.2f}")
    failures = 0
    with (
        production_server(workers=2, port=args.port) as (base_url, _master),
        tempfile.TemporaryDirectory() as tmp,
    ):
        urls = demo_urls(base_url)
        urls["complaint form"] = "/pengaduan/baru/"
        print(
            f"\n{'page':<16}"
            + "".join(f"{name:>16}" for name in CATEGORIES)
            + f"{'TBT ms':>8}{'TBT runs':>16}  path"
        )
        findings = {}
        tasks = {}
        for name in args.pages or PAGES:
            path = urls.get(name)
            if path is None:
                print(f"{name:<16}not in the demo")
                continue
            # Rendered once first: the first render makes the image renditions (AVIF is slow).
            get(base_url + path)
            reports = [
                lighthouse(base_url + path, Path(tmp) / f"{name}-{run}.json".replace(" ", "-"))
                for run in range(args.runs)
            ]
            scores = {
                category: statistics.median(
                    round(report["categories"][category]["score"] * 100) for report in reports
                )
                for category in CATEGORIES
            }
            blocking = [
                report["audits"]["total-blocking-time"]["numericValue"] for report in reports
            ]
            tasks[name] = long_tasks(reports)
            tbt = statistics.median(blocking)
            broken = [category for category in CATEGORIES if scores[category] < BUDGET[category]]
            if tbt >= MAX_TBT_MS:
                broken.append("total blocking time")
            failures += bool(broken)
            print(
                f"{name:<16}"
                + "".join(f"{scores[category]:>16.0f}" for category in CATEGORIES)
                + f"{tbt:>8.0f}{'/'.join(f'{value:.0f}' for value in blocking):>16}"
                + f"  {path}"
                + (f"  BELOW: {', '.join(broken)}" if broken else "")
            )
            findings[name] = sorted({line for report in reports for line in lost_points(report)})
        for name, lines in tasks.items():
            if lines:
                print(f"\n{name}, long tasks (what blocks the main thread, 4x slower CPU):")
                for line in lines:
                    print(f"  {line}")
        for name, lines in findings.items():
            if lines:
                print(f"\n{name}, points lost:")
                for line in lines:
                    print(f"  {line}")
    print("\nWithin budget." if not failures else f"\n{failures} page(s) below budget.")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
