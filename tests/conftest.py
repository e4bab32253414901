"""공용 픽스처: 실제 사이트를 한 번 빌드하고(--strict), 127.0.0.1 에서 띄웁니다."""
from __future__ import annotations

import fcntl
import functools
import http.server
import json
import os
import re
import subprocess
import sys
import threading
from pathlib import Path
from types import SimpleNamespace

import pytest

ROOT = Path(__file__).resolve().parents[1]


LOG_LINE = re.compile(r"^(ERROR|WARNING)\s+-\s+|^Aborted|^(\w+\.)*\w*(Error|Exception): ")


def load_hook(name: str):
    """hooks/<name>.py 를 모듈로 읽습니다(hooks/ 는 패키지가 아니라 MkDocs 가 파일로 읽음). 부를 때마다 새 모듈."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(f"dlb_hook_{name}", ROOT / "hooks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def require_chromium() -> None:
    """브라우저 테스트·책 인쇄에 쓸 chromium(scripts/book.py 의 CHROMIUM)이 없으면 설치 방법을 알리며 건너뜁니다.
    CI=true 이면 건너뛰지 않고 실패합니다."""
    from scripts.book import CHROMIUM

    if Path(CHROMIUM).is_file():
        return
    message = ("chromium 이 없습니다: `sudo apt-get install chromium-headless-shell`(또는 chromium) 으로 "
               "설치하세요(또는 CHROMIUM=경로).")
    if os.environ.get("CI") == "true":
        pytest.fail(message + " CI 에서는 건너뛸 수 없습니다.", pytrace=False)
    pytest.skip(message)


NEW_RECORD = re.compile(r"^(INFO|DEBUG|ERROR|WARNING)\s+-\s+|^Aborted|^Traceback|^\[")


def summarize_build_log(log: str, limit: int = 30) -> str:
    """mkdocs 로그에서 고칠 곳을 말하는 줄만: ERROR·WARNING 줄(여러 줄 메시지는 빈 줄·다음 기록까지 함께)과
    예외의 마지막 줄(트레이스백 본문은 뺌)."""
    seen, keep, following = set(), [], False
    for line in log.splitlines():
        line = line.rstrip()
        if LOG_LINE.match(line):
            fresh = line not in seen
            if fresh:
                seen.add(line)
                keep.append(line)
            following = fresh and not line.startswith("Aborted")
        elif following and line and not NEW_RECORD.match(line):
            keep.append(line)  # 예: KaTeX 오류의 "  페이지: $수식$ → 오류" 줄
        else:
            following = False
    if len(keep) > limit:
        keep = keep[:limit] + [f"… 그 밖에 {len(keep) - limit}줄"]
    return "\n".join(keep) or "\n".join(log.splitlines()[-limit:])


# 테스트가 빌드하는 사이트는 배포되는 모양 그대로입니다: .github/workflows/site.yml 이 make pdf 에 넘기는 변수와 같은
# 종류(주소만 예시). 그래서 브라우저·접근성·책 검사가 독자가 받는 페이지(저장소 링크, Colab·고치기 단추, 책 링크)를
# 봅니다. 변수 없는 로컬 빌드(make build·serve)와의 차이는 설정값뿐이라 tests/test_reader_links.py 가 함수로 확인합니다.
DEPLOY_ENV = {
    "SITE_URL": "https://study.github.io/dl-basics/",
    "REPO_URL": "https://github.com/study/dl-basics",
    "EDIT_URI": "edit/main/docs/",
    "BOOK_PDF": "dl-basics-ko.pdf",
}
# 파이썬 안에서 mkdocs.yml 을 읽는 테스트(load_config)도 빌드와 같은 설정을 보게, 테스트 프로세스 전체에 둡니다.
os.environ.update(DEPLOY_ENV)


def _shared_dir(tmp_path_factory) -> Path:
    """워커들이 함께 쓰는 임시 폴더(사이트와 빌드 결과를 둠)."""
    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        shared = shared.parent  # 워커마다 …/popen-gwN; 그 위 폴더를 함께 씁니다
    return shared


def _build_once(shared: Path) -> dict:
    """사이트를 한 번만 빌드합니다. 워커가 여럿이어도 하나만 빌드하고 나머지는 기다렸다가 그 결과를 씁니다."""
    site, done = shared / "site", shared / "site-build.json"
    # 표준 라이브러리의 파일 잠금(fcntl)으로 충분해 filelock 패키지를 더하지 않았습니다.
    with open(shared / "site-build.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
            proc = subprocess.run(
                [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
                cwd=ROOT, env=env, capture_output=True, text=True,
            )
            log = proc.stdout + proc.stderr
            if proc.returncode != 0:
                (shared / "mkdocs-build.log").write_text(log, encoding="utf-8")
            done.write_text(json.dumps({"returncode": proc.returncode, "log": log}), encoding="utf-8")
    return json.loads(done.read_text(encoding="utf-8"))


def _needs_site(item) -> bool:
    return "build_result" in getattr(item, "fixturenames", ())


@pytest.fixture(scope="session", autouse=True)
def _site_build_in_background(request, tmp_path_factory):
    """사이트가 필요한 테스트가 하나라도 있으면 세션이 시작하자마자 뒤에서 빌드를 시작합니다. 그동안 워커들은
    사이트가 필요 없는 테스트를 돌립니다(pytest_collection_modifyitems 가 그런 파일을 앞에 둠). 빌드는 하위
    프로세스라 스레드는 기다리기만 합니다. 세션이 끝날 때 빌드가 아직 돌고 있으면 끝까지 기다립니다."""
    if not any(_needs_site(item) for item in request.session.items):
        yield
        return
    thread = threading.Thread(target=_build_once, args=(_shared_dir(tmp_path_factory),), daemon=True)
    thread.start()
    yield
    thread.join()


@pytest.fixture(scope="session")
def build_result(tmp_path_factory):
    """빌드된 사이트의 폴더와 빌드 결과(종료 코드, 로그)."""
    shared = _shared_dir(tmp_path_factory)
    result = _build_once(shared)
    return shared / "site", SimpleNamespace(returncode=result["returncode"], stdout=result["log"], stderr="")


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
    scope = page_scope()
    return [p for p in pages if p == scope["url"]] if scope else pages


# --------------------------------------------------------------------------- make test-page: 한 페이지만
PAGE_ENV = "DLB_PAGE"  # 예: docs/cnn/convolution.md (make test-page PAGE=… 가 넘김)
SNIPPET_USE = re.compile(r"snippets[/.](?P<module>[a-z_0-9]+)")
FIGURE_USE = re.compile(r"figures/(?P<name>[a-z0-9-]+)\.svg")


def page_scope() -> dict | None:
    """DLB_PAGE 가 있으면 그 페이지가 쓰는 것: uri(docs/ 기준), url(사이트 주소), 스니펫 모듈, 그림 이름."""
    page = os.environ.get(PAGE_ENV)
    if not page:
        return None
    path = (ROOT / page).resolve()
    docs = ROOT / "docs"
    if docs not in path.parents or path.suffix != ".md" or not path.is_file():
        raise pytest.UsageError(f"{PAGE_ENV}={page!r}: docs/ 아래의 .md 파일을 주세요(예: docs/basics/loss-functions.md)")
    uri = path.relative_to(docs).as_posix()
    text = path.read_text(encoding="utf-8")
    return {
        "uri": uri,
        "url": uri[: -len(".md")] + "/",
        "modules": set(SNIPPET_USE.findall(text)),
        "figures": set(FIGURE_USE.findall(text)),
    }


SITE_WIDE = {"test_math_renders_after_instant_navigation", "test_dark_palette_shows_dark_figures",
             "test_both_variants_differ_in_colour", "test_korean_search_finds_each_section",
             "test_public_query_set_in_browser", "test_highlighting_in_results_and_on_page",
             "test_rendered_text_uses_only_the_font_subset"}


def _wanted(item, scope: dict) -> bool:
    path = Path(str(item.path))
    if path.suffix == ".md":
        return path == ROOT / "docs" / scope["uri"]
    name = path.stem
    if name == "test_pdf" or item.originalname in SITE_WIDE:
        return False  # 책 한 권·사이트 전체를 도는 검사는 make test 에서
    if name.startswith("test_") and (ROOT / "snippets" / f"{name[5:]}.py").is_file():
        return name[5:] in scope["modules"]  # 스니펫 단위 테스트: 이 페이지가 쓰는 모듈만
    params = getattr(getattr(item, "callspec", None), "params", None)
    if not params:
        return True
    values = " ".join(map(str, params.values()))
    return (scope["uri"] in values or scope["url"] in values
            or any(v in scope["figures"] for v in map(str, params.values())))


def pytest_collection_modifyitems(config, items):
    scope = page_scope()
    if scope is not None:
        keep = [item for item in items if _wanted(item, scope)]
        dropped = [item for item in items if item not in keep]
        if dropped:
            config.hook.pytest_deselected(items=dropped)
            items[:] = keep
    # 사이트가 필요 없는 파일을 먼저(순서는 그대로): 그동안 사이트는 _site_build_in_background 가 빌드합니다.
    # 그렇지 않으면 두 워커가 곧바로 빌드를 기다리며 코어 하나가 놉니다(차가운 빌드면 1분 가까이).
    needs: dict[str, bool] = {}
    for item in items:
        path = item.nodeid.split("::", 1)[0]
        needs[path] = needs.get(path, False) or _needs_site(item)
    # 사이트 쪽에서는 빌드 검사(tests/test_site.py)가 맨 앞: 빌드가 실패하면 그 한 줄 요약이 먼저 보입니다.
    # 그다음 한 워커가 통째로 도는 긴 파일, 페이지마다 나눈 짧은 검사(SPREAD)는 맨 뒤에서 두 워커의 끝을 맞춥니다.
    def rank(item) -> tuple:
        path = item.nodeid.split("::", 1)[0]
        spread = any(mark in item.nodeid for mark in SPREAD)
        return (needs[path], path != "tests/test_site.py", spread, path not in LONG_FILES)

    items.sort(key=rank)


# --------------------------------------------------------------------------- make test: 두 코어에 나누기
# 모듈 픽스처가 무거운 파일(노트북 실행, 복사 실행, 책 인쇄, 배포 빌드)은 파일째로 한 워커에 보내 픽스처를 한 번만
# 만들고, 페이지마다 무거운 브라우저 검사와 그림 검사는 하나씩 나눠 두 워커가 고르게 일하게 합니다.
# (pytest-xdist 의 --dist loadgroup 은 pytest 9 에서 묶음을 잃어 직접 나눕니다.)
SPREAD = ("test_every_page_renders_offline_without_errors[", "test_figure_is_deterministic_and_matches_the_build[")
# 한 워커에서 수십 초 도는 파일(모듈 픽스처가 무거움): 먼저 시작해야 끝에 한 워커만 남아 돌지 않습니다.
LONG_FILES = {"tests/test_pdf.py", "tests/test_notebooks.py", "tests/test_iris.py", "tests/test_copy_paste.py"}


def pytest_sessionfinish(session, exitstatus):
    # 수식 검사를 부른 테스트(test_math, test_notebooks)가 띄운 KaTeX node 프로세스를 닫습니다(파이프까지).
    if "scripts.katex" in sys.modules:
        sys.modules["scripts.katex"].close_all()


def pytest_xdist_make_scheduler(config, log):
    from xdist.scheduler import LoadScopeScheduling

    # 파일을 테스트 수가 많은 순서로 바꾸지 말고 pytest_collection_modifyitems 가 정한 순서대로 나눠 줍니다.
    config.option.loadscopereorder = False

    class ByFileSpreadingPages(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return nodeid if any(s in nodeid for s in SPREAD) else nodeid.split("::", 1)[0]

    return ByFileSpreadingPages(config, log)
