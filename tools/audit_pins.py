"""Audit requirements.lock with PyPI's project JSON, for when pip-audit cannot (`make audit`).

pip-audit's PyPI service reads one JSON document per release (/pypi/NAME/VERSION/json). Some
package indexes serve only the project's document (/pypi/NAME/json), whose `vulnerabilities`
are those of the project's latest release. So this script can vouch for a pin only when it is
the latest release: then every vulnerability PyPI lists for it applies to us. A pin behind the
latest release cannot be checked this way and must be held back on purpose, with the reason
in HELD_BACK (and docs/privacy.md).

Exit status: 0 when every pin is the latest release with no known vulnerability (or one
accepted in ACCEPTED), or held back with a reason; 1 otherwise, also when PyPI cannot be
reached (unless AUDIT_OFFLINE_OK is set: CI). Standard library only: any Python 3.11.
"""

import json
import os
import sys
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

INDEX = "https://pypi.org/pypi/{name}/json"
# Pins older than the latest release: the release series they are held to, and why. A held pin
# must still be the newest stable release of its series (security fixes reach a series as patch
# releases: Django 5.2.x), or the audit fails. docs/privacy.md says the same.
HELD_BACK = {
    "django": (
        "5.2",
        "5.2 LTS: Django 6 needs Python 3.12. Security fixes reach 5.2 in the same release as 6.x.",
    ),
    "django-treebeard": ("5", "Wagtail 8.0 requires django-treebeard<6."),
    "django-tasks-db": (
        "0.12",
        "0.13 moves to Django 6's built-in tasks (on 5.2 only through its `compat` extra) and "
        "adds two migrations: an upgrade of the production task queue that needs its own test "
        "with a worker, not a pin bump.",
    ),
    "xmltodict": (
        "0.14",
        "Tests only (georeport 0.3.1, the Open311 client of tests/open311/, requires <0.15); "
        "never installed in production.",
    ),
    "jsonschema-rs": (
        "0.60",
        "Tests only (schemathesis 4.32 requires <0.61); never installed in production.",
    ),
    "python-dateutil": ("2.9", "botocore (object storage, boto3) requires python-dateutil<3."),
    "mpmath": ("1.3", "Tests only (moto's server, through sympy 1.14, requires mpmath<1.4)."),
    "networkx": ("3.6", "Tests only (moto's server, through cfn-lint); 3.7 needs Python 3.12."),
}


def stable_key(version: str) -> tuple[int, ...] | None:
    """Return a sortable key of a final release ("5.2.19", or a post-release "2.9.0.post0",
    which sorts after its release), None for a pre-release or odd one."""
    release, marker, post = version.partition(".post")
    parts = release.split(".")
    if not all(part.isdigit() for part in parts) or (marker and not post.isdigit()):
        return None
    return (*(int(part) for part in parts), int(post) if marker else -1)


def newest_in_series(releases: dict, series: str) -> str | None:
    """Return the newest final, not yanked release of `releases` whose version is `series`.x."""
    found = []
    for version, files in releases.items():
        key = stable_key(version)
        if key is None or not (version == series or version.startswith(series + ".")):
            continue
        if files and all(file.get("yanked") for file in files):
            continue
        found.append((key, version))
    return max(found)[1] if found else None


# Known vulnerabilities accepted for now, by id, and why they do not apply (none today). Also
# handed to pip-audit (`--ignore-vuln`) by `make audit`.
ACCEPTED: dict[str, str] = {}


def normalise(name: str) -> str:
    return name.lower().replace("_", "-").replace(".", "-")


def pins(lock: Path) -> list[tuple[str, str]]:
    found = []
    for line in lock.read_text().splitlines():
        line = line.split("#")[0].strip()
        if line:
            name, _, version = line.partition("==")
            found.append((name, version))
    return found


def project(pin: tuple[str, str]) -> tuple[str, str, dict | str]:
    name, version = pin
    try:
        with urllib.request.urlopen(INDEX.format(name=name), timeout=60) as response:
            return name, version, json.load(response)
    except OSError as error:
        return name, version, f"not reachable: {error}"


def main(lock: Path) -> int:
    with ThreadPoolExecutor(max_workers=4) as pool:
        answers = list(pool.map(project, pins(lock)))
    problems = unreachable = 0
    for name, version, data in answers:
        if isinstance(data, str):
            print(f"FAIL {name} {version}: {data}")
            unreachable += 1
            continue
        latest = data["info"]["version"]
        if version != latest:
            series, reason = HELD_BACK.get(normalise(name), (None, None))
            newest = newest_in_series(data.get("releases") or {}, series) if series else None
            if reason and newest == version:
                print(f"held {name} {version} (latest {latest}; newest of {series}.x): {reason}")
                continue
            if reason:
                why = f"held to {series}.x, whose newest release is {newest}: upgrade within it"
            else:
                why = "behind the latest release: upgrade, or say why in HELD_BACK"
            print(f"FAIL {name} {version} (latest {latest}): {why}")
            problems += 1
            continue
        for vulnerability in data.get("vulnerabilities") or []:
            ids = {vulnerability["id"], *(vulnerability.get("aliases") or [])}
            accepted = [ACCEPTED[i] for i in sorted(ids) if i in ACCEPTED]
            fixed = ", ".join(vulnerability.get("fixed_in") or []) or "no fix yet"
            verdict = f"accepted: {accepted[0]}" if accepted else f"fixed in {fixed}"
            mark = "ok  " if accepted else "FAIL"
            print(f"{mark} {name} {version}: {vulnerability['id']} ({verdict})")
            problems += not accepted
    audited = sum(1 for _n, v, d in answers if isinstance(d, dict) and d["info"]["version"] == v)
    print(
        f"{len(answers)} pins: {audited} are the latest release, checked against PyPI's "
        f"vulnerability data; {problems} problem(s), {unreachable} not reachable."
    )
    if problems:
        return 1
    if unreachable and os.environ.get("AUDIT_OFFLINE_OK"):
        print("WARNING: PyPI was not reachable for every pin (AUDIT_OFFLINE_OK is set).")
        return 0
    return 1 if unreachable else 0


if __name__ == "__main__":
    if sys.argv[1:] == ["--ignore-args"]:  # ACCEPTED, as pip-audit options
        print(" ".join(f"--ignore-vuln {vulnerability}" for vulnerability in ACCEPTED))
        sys.exit(0)
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "requirements.lock")))
