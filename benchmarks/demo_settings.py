"""Production settings plus the demo app: only for `load_demo` in benchmarks/prodlike.py.

The demo (demo/) is installed by the dev and test settings, never by production's; the
benchmarks still want production settings everywhere else, so the one command that fills the
throwaway database runs with these, and the server itself with cms.settings.production.
"""

from cms.settings.production import *  # noqa: F403
from cms.settings.production import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "demo"]
