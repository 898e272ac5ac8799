"""The demo stays out of production: not installed by its settings, not shipped in its package."""

import tomllib

from setuptools import find_packages

from tests.security.test_production_hardening import PROJECT, run


def test_production_settings_offer_no_demo_loader():
    process = run("manage.py", "load_demo")
    assert process.returncode != 0
    assert "Unknown command: 'load_demo'" in process.stderr


def test_the_package_ships_no_demo():
    config = tomllib.loads((PROJECT / "pyproject.toml").read_text())
    include = config["tool"]["setuptools"]["packages"]["find"]["include"]
    packages = find_packages(str(PROJECT), include=include)
    assert "pages" in packages and "cms.complaints" in packages
    assert not [name for name in packages if name == "demo" or name.startswith("demo.")]
