"""Dependencies run one way (../shared/DESIGN.md): content knows no face and no workflow, domain
apps know no screen and no JSON, security knows no domain app, only the demo knows the demo, no
two apps import each other, no module imports one that imports it back, and no module grows
past what one person reads comfortably without saying why.

Read from the source with ast, every import counted, also one inside a function. Migrations are
left out: a migration naming another app's model is Django's own dependency.
"""

import ast
from collections import defaultdict
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
APPS = [
    "cms.complaints",
    "cms.surveys",
    "cms.security",
    "cms.push",
    "pages",
    "frontend",
    "api",
    "open311",
    "demo",
]
JUDGED = APPS
FORBIDDEN = {
    "pages": {"cms.complaints", "cms.surveys", "cms.push", "frontend", "api", "open311", "demo"},
    "cms.complaints": {"cms.surveys", "cms.push", "frontend", "api", "open311", "demo"},
    "cms.surveys": {"cms.push", "frontend", "api", "open311", "demo"},
    "cms.security": {
        "cms.complaints",
        "cms.surveys",
        "cms.push",
        "pages",
        "frontend",
        "api",
        "open311",
        "demo",
    },
    # Push knows the content (announcements) and the complaints it listens to; neither knows it.
    "cms.push": {"cms.surveys", "frontend", "api", "open311", "demo"},
    "frontend": {"api", "open311", "demo"},
    "api": {"frontend", "open311", "demo"},
    # Open311 GeoReport v2, a second face of the complaint services beside api/.
    "open311": {"cms.surveys", "cms.push", "frontend", "api", "demo"},
}
# An application module longer than this says at its top why (migrations and demo data aside).
MAX_LINES = 400
LONG_BECAUSE = "Longer than 400 lines because"


def app_of(module: str) -> str | None:
    for app in APPS:
        if module == app or module.startswith(app + "."):
            return app
    return None


def modules() -> dict[str, Path]:
    found = {}
    for app in APPS:
        for path in (PROJECT / app.replace(".", "/")).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            parts = list(path.relative_to(PROJECT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


def imports(module: str, path: Path, known: dict) -> set[str]:
    """Return the modules of ours that `module` imports (the longest known name of each)."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    names = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parts, base] if base else parts)
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)
    resolved = set()
    for name in names:
        while name and name not in known:
            name = name.rpartition(".")[0]
        if name and name != module:
            resolved.add(name)
    return resolved


def graph() -> dict[str, set[str]]:
    known = modules()
    return {module: imports(module, path, known) for module, path in known.items()}


def app_edges() -> dict[tuple[str, str], list[str]]:
    edges = defaultdict(list)
    for module, targets in graph().items():
        for target in targets:
            if app_of(target) != app_of(module):
                edges[(app_of(module), app_of(target))].append(f"{module} -> {target}")
    return edges


def test_each_app_imports_only_what_is_below_it():
    broken = [
        line
        for (source, target), lines in app_edges().items()
        if target in FORBIDDEN.get(source, ())
        for line in lines
    ]
    assert broken == []


def test_only_the_demo_imports_the_demo():
    edges = app_edges()
    assert [
        line for (source, target), lines in edges.items() if target == "demo" for line in lines
    ] == []


def test_no_two_apps_import_each_other():
    edges = app_edges()
    both_ways = {
        tuple(sorted(pair))
        for pair in edges
        if pair[::-1] in edges and pair[0] in JUDGED and pair[1] in JUDGED
    }
    assert both_ways == set()


def test_no_module_imports_one_that_imports_it_back():
    imports_of = graph()
    judged = {module for module in imports_of if app_of(module) in JUDGED}
    loops = []
    for module in sorted(judged):
        # Every module reachable from `module`; a loop is one that leads back to it. A package
        # handing on its own modules' names is not a loop: its modules never import it.
        seen, todo = set(), list(imports_of[module])
        while todo:
            current = todo.pop()
            if current in seen or current not in judged:
                continue
            seen.add(current)
            todo.extend(imports_of[current])
        if module in seen:
            loops.append(module)
    assert loops == []


def test_modules_stay_short_enough_to_hold_in_ones_head():
    long = []
    for module, path in modules().items():
        if app_of(module) == "demo":
            continue
        text = path.read_text()
        lines = text.count("\n")
        if lines > MAX_LINES and LONG_BECAUSE not in text[:3000]:
            long.append(f"{path.relative_to(PROJECT)}: {lines} lines")
    assert long == []


def test_the_project_package_names_the_apps_only_by_string():
    """cms/urls.py and the settings put the parts together by name (include("frontend.urls"),
    INSTALLED_APPS), so the project package sits below every app rather than above them."""
    project = [PROJECT / "cms" / "urls.py", *sorted((PROJECT / "cms" / "settings").glob("*.py"))]
    known = modules()
    found = []
    for path in project:
        module = ".".join(path.relative_to(PROJECT).with_suffix("").parts)
        found += [f"{module} -> {target}" for target in imports(module, path, known)]
    assert found == []
