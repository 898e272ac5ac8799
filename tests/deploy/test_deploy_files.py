"""The deployment files in deploy/ are valid for the tools that read them (docs/scale-out.md)."""

import subprocess

from tests.deploy.tools import DEPLOY, ROOT, tool


def test_the_varnish_vcl_compiles(tmp_path):
    varnishd = tool("varnishd")
    result = subprocess.run(
        [
            varnishd,
            "-C",
            "-j",
            "none",
            "-n",
            str(tmp_path),
            "-f",
            str(DEPLOY / "varnish" / "layanan.vcl"),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr[-2000:]


def test_the_nginx_site_is_valid(tmp_path):
    nginx = tool("nginx")
    site = (DEPLOY / "nginx" / "layanan.conf").read_text()
    (tmp_path / "layanan.conf").write_text(site.replace("/var/log/nginx/", f"{tmp_path}/"))
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\nevents {{}}\n"
        f"http {{ include {tmp_path}/layanan.conf; }}\n"
    )
    result = subprocess.run(
        [nginx, "-t", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr


def test_the_systemd_units_verify(tmp_path):
    analyze = tool("systemd-analyze")
    units = sorted((DEPLOY / "systemd").glob("layanan*"))
    assert {unit.name for unit in units} >= {"layanan.service", "layanan-tasks.service"}
    for unit in units:
        # Where the app lives on a server, here this checkout (its programs must exist).
        text = unit.read_text().replace("/srv/layanan/app", str(ROOT))
        (tmp_path / unit.name).write_text(text)
    result = subprocess.run(
        [analyze, "verify", "--man=no", *(str(tmp_path / unit.name) for unit in units)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "Unknown" not in result.stderr and "ignoring" not in result.stderr, result.stderr
