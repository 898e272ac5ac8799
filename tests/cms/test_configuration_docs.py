import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ENV_READ = re.compile(r"""env(?:_bool|_int|_list)?\(\s*["']([A-Z][A-Z0-9_]+)["']""")


def settings_variables() -> set[str]:
    names = set()
    for path in (ROOT / "cms" / "settings").glob("*.py"):
        names |= set(ENV_READ.findall(path.read_text()))
    return names


def test_every_environment_variable_is_documented():
    """Every variable the settings read has a row in docs/configuration.md."""
    documented = set(
        re.findall(
            r"^\| `([A-Z][A-Z0-9_]+)` \|", (ROOT / "docs" / "configuration.md").read_text(), re.M
        )
    )
    variables = settings_variables()

    assert variables, "the settings read no variables: the pattern above is out of date"
    assert variables - documented == set()
