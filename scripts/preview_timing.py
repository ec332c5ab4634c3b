"""How long an editor waits between saving a YAML file and seeing the change in `mkdocs serve`.

    python -m scripts.preview_timing [--missions N] [--saves 5]

Copies the project (or generates N synthetic missions), starts `mkdocs serve` on a free port, then
saves a changed mission title several times and polls the mission's page until the new title is
served. Prints each wait and the median. Also saves a broken file once and reports how long until
the error page is served, then how long until the site is back.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import yaml

from macros.structure.urls import page_url
from macros.validation.loader import load_content

BIN = Path(sys.executable).parent
ROOT = Path(__file__).resolve().parent.parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.read().decode("utf-8", "replace")
    except OSError:
        return ""


def wait_for(url: str, text: str, since: float, limit: float = 120, absent: str | None = None) -> float:
    """Seconds from `since` until `url` serves a page containing `text` (and not `absent`)."""
    while time.monotonic() - since < limit:
        page = _get(url)
        if text in page and (absent is None or absent not in page):
            return time.monotonic() - since
        time.sleep(0.02)
    raise SystemExit(f"{url} visade inte {text!r} inom {limit:.0f} s")


def _cpu_seconds(pid: int) -> float | None:
    """CPU time (user + system) the server has used so far: what a save costs whatever else the machine
    runs, where the wall time grows with the load. Linux only (None elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


def copy_project(dest: Path) -> Path:
    for part in ("docs", "overrides", "content", "data"):
        shutil.copytree(ROOT / part, dest / part)
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    return dest


def measure(project: Path, saves: int) -> dict[str, float | list[float]]:
    port = _free_port()
    server = subprocess.Popen([str(BIN / "mkdocs"), "serve", "-q", "-a", f"127.0.0.1:{port}", "-f",
                               str(project / "mkdocs.yml")], cwd=project, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"})
    try:
        mission = sorted((project / "content/missions").glob("*.yaml"))[0]
        # mkdocs serve serves under site_url's path: the default in mkdocs.yml's `!ENV [SITE_URL, "…"]`.
        config = (project / "mkdocs.yml").read_text(encoding="utf-8")
        found = re.search(r'^site_url:.*?"https?://[^/"]+(/[^"]*)"', config, re.MULTILINE)
        path = found.group(1) if found else "/"
        base = f"http://127.0.0.1:{port}{path if path.endswith('/') else path + '/'}"
        load_content(project)  # the project's settings: its folder for missions (slugs)
        page = base + page_url("missions", mission.stem)
        original = mission.read_text(encoding="utf-8")
        startup = wait_for(page, "<html", time.monotonic(), limit=600)
        waits, cpu = [], []
        for n in range(saves):
            marker = f"Provrubrik{n}x"
            time.sleep(1.0)  # let the watcher settle between saves
            data = yaml.safe_load(original)
            data["title"] = f"{marker} {data['title']}"
            before = _cpu_seconds(server.pid)
            mission.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
            waits.append(wait_for(page, marker, time.monotonic()))
            after = _cpu_seconds(server.pid)
            if before is not None and after is not None:
                cpu.append(after - before)
        time.sleep(1.0)
        mission.write_text(original.replace("\ngoal:", "\ngoal: finns-inte\n#", 1), encoding="utf-8")
        error = wait_for(page, "Innehållet har fel", time.monotonic())
        time.sleep(1.0)
        mission.write_text(original, encoding="utf-8")
        back = wait_for(page, "</html>", time.monotonic(), absent="Innehållet har fel")
        return {"startup": startup, "waits": waits, "cpu": cpu, "error": error, "back": back}
    finally:
        server.terminate()
        server.wait(timeout=30)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Mät tiden från sparad YAML-fil till uppdaterad förhandsvisning.")
    parser.add_argument("--missions", type=int, help="syntetiskt innehåll med så många uppdrag (standard: projektets)")
    parser.add_argument("--saves", type=int, default=5)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="forhandsvisning-") as tmp:
        if args.missions:
            from scripts.synthetic import generate

            project = generate(Path(tmp) / "project", args.missions)
        else:
            project = copy_project(Path(tmp) / "project")
        result = measure(project, args.saves)
    waits, cpu = result["waits"], result["cpu"]
    load = f"; belastning {os.getloadavg()[0]:.1f}" if hasattr(os, "getloadavg") else ""
    print(f"start: {result['startup']:.1f} s; sparad fil till uppdaterad sida: median {statistics.median(waits):.2f} s "
          f"({', '.join(f'{w:.2f}' for w in waits)})"
          + (f", serverns processortid per sparning: median {statistics.median(cpu):.2f} s" if cpu else "")
          + f"; fel visas efter {result['error']:.2f} s, sidan tillbaka efter {result['back']:.2f} s{load}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
