"""Varnish from Debian with deploy/varnish/layanan.vcl in front of the app: what it keeps, what
it passes, and that a publish purges it (the next request a miss with the new page, then a hit).

A fast slice of benchmarks/cluster.py for CI: one app server (the test's live server), Varnish
on a loopback port of its own, stopped after the test (and bounded by `timeout` regardless).
"""

import http.client
import subprocess
import time

import pytest
from django.test import override_settings

from tests.deploy.tools import DEPLOY, tool
from tests.factories import AnnouncementIndexPageFactory, AnnouncementPageFactory, HomePageFactory
from tests.object_store import free_port, listening


def get(port, path, cookie=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Host": "localhost"}
    if cookie:
        headers["Cookie"] = cookie
    try:
        connection.request("GET", path, headers=headers)
        answer = connection.getresponse()
        return answer.status, answer.getheader("X-Front-Cache"), answer.read().decode()
    finally:
        connection.close()


@pytest.fixture
def varnish(live_server, tmp_path):
    varnishd = tool("varnishd")
    backend_port = int(live_server.url.rsplit(":", 1)[1])
    vcl = (DEPLOY / "varnish" / "layanan.vcl").read_text()
    (tmp_path / "test.vcl").write_text(vcl.replace('.port = "8080"', f'.port = "{backend_port}"'))
    port = free_port()
    process = subprocess.Popen(
        ["timeout", "300", varnishd, "-F", "-j", "none", "-n", str(tmp_path / "work")]
        + ["-a", f"127.0.0.1:{port}", "-f", str(tmp_path / "test.vcl"), "-s", "malloc,32m"]
        + ["-p", "ban_lurker_sleep=0.1"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while not listening(port):
        assert process.poll() is None and time.monotonic() < deadline, "varnishd did not start"
        time.sleep(0.05)
    purge = {
        "varnish": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{port}",
        }
    }
    with override_settings(WAGTAILFRONTENDCACHE=purge, SHARED_CACHE_SECONDS=300):
        yield port
    process.terminate()
    process.wait(20)


# Restores the migrations' data afterwards (Wagtail's root, groups, starter categories): later
# tests need it. SQLite's migration tests, which flush without it, run last (tests/conftest.py).
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_varnish_keeps_public_pages_passes_personal_ones_and_is_purged_on_publish(varnish):
    home = HomePageFactory(site_root=True, title="Beranda")
    index = AnnouncementIndexPageFactory(parent=home, title="Pengumuman", slug="pengumuman")
    AnnouncementPageFactory(parent=index, title="Posyandu bulan ini")

    answers = [get(varnish, "/pengumuman/") for _ in range(4)]
    assert all(status == 200 for status, _state, _body in answers)
    assert answers[-1][1] == "hit"  # kept (the first renders may still change settings)

    # A form (its CSRF token) and a signed-in session are never served from the cache.
    assert [get(varnish, "/pengaduan/baru/")[1] for _ in range(2)] == ["miss", "miss"]
    assert get(varnish, "/pengumuman/", cookie="sessionid=abc")[1] == "miss"

    AnnouncementPageFactory(parent=index, title="Kerja bakti Minggu")  # committed: purged

    first, then = get(varnish, "/pengumuman/"), get(varnish, "/pengumuman/")
    assert first[1] == "miss" and "Kerja bakti Minggu" in first[2]
    assert then[1] == "hit" and "Kerja bakti Minggu" in then[2]
