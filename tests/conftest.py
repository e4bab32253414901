"""공용 픽스처: 실제 사이트를 한 번 빌드하고(--strict), 127.0.0.1 에서 띄웁니다."""
from __future__ import annotations

import functools
import http.server
import os
import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


LOG_LINE = re.compile(r"^(ERROR|WARNING)\s+-\s+|^Aborted|^(\w+\.)*\w*(Error|Exception): ")


def summarize_build_log(log: str, limit: int = 30) -> str:
    """mkdocs 로그에서 고칠 곳을 말하는 줄만: ERROR·WARNING 줄과 예외의 마지막 줄(트레이스백 본문은 뺌)."""
    seen, keep = set(), []
    for line in log.splitlines():
        line = line.rstrip()
        if LOG_LINE.match(line) and line not in seen:
            seen.add(line)
            keep.append(line)
    if len(keep) > limit:
        keep = keep[:limit] + [f"… 그 밖에 {len(keep) - limit}줄"]
    return "\n".join(keep) or "\n".join(log.splitlines()[-limit:])


@pytest.fixture(scope="session")
def build_result(tmp_path_factory):
    site = tmp_path_factory.mktemp("site")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )
    if proc.returncode != 0:
        (site.parent / "mkdocs-build.log").write_text(proc.stdout + proc.stderr, encoding="utf-8")
    return site, proc


@pytest.fixture(scope="session")
def site_dir(build_result) -> Path:
    """빌드된 사이트. 빌드가 실패하면 이것을 쓰는 테스트는 실행하지 않습니다(실패는 test_site 의 빌드 테스트가 한 번만 알림)."""
    site, proc = build_result
    if proc.returncode != 0:
        pytest.skip("실행하지 않음: 사이트 빌드가 실패했습니다(위의 tests/test_site.py::test_build_is_strict_and_clean 참고)")
    return site


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def site_url(site_dir):
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def site_pages(site_dir: Path) -> list[str]:
    """빌드된 사이트의 모든 페이지(상대 URL). 404 페이지는 뺍니다."""
    pages = []
    for html in sorted(site_dir.rglob("index.html")):
        rel = html.parent.relative_to(site_dir).as_posix()
        if rel.startswith("assets"):
            continue
        pages.append("" if rel == "." else rel + "/")
    return pages
