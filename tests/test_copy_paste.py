"""독자의 복사·붙여 넣기: 페이지의 설치 명령 한 줄만 실행한 새 파이썬에 블록을 차례로 붙여 넣으면 되는지.

- 환경: tests/reader_env.py 의 새 가상 환경(numpy, matplotlib 만; 저장소의 snippets 는 못 봄).
- 설치: scripts/reader_wheel.py 로 저장소에서 wheel 을 만들어 사이트처럼 <임시>/downloads/ 에 두고
  127.0.0.1 에서 띄운 뒤, 페이지에 보이는 `pip install http://127.0.0.1:PORT/downloads/…whl` 를 그대로
  (앞의 `pip` 만 `환경의 python -m pip` 로) 실행합니다. 패키지 색인은 닫힌 포트로 돌려 두어, numpy 등을
  인터넷에서 받으려 하면 설치가 실패합니다(이미 깔린 numpy 로 충분해야 합니다).
- 페이지마다 새 인터프리터 하나: 펼친(스니펫 포함) python 블록을 페이지 순서대로 한 이름공간에서 실행하고
  (REPL·주피터처럼), 블록마다 찍힌 출력을 페이지에 적힌 출력과 맞춰 봅니다. 작업 폴더는 빈 임시 폴더,
  PYTHONPATH 는 없습니다. 블록은 펜스 하나가 붙여 넣기 한 번입니다. `cont` 표시는 여기서 뜻이 없어(모든
  블록이 이어짐) 지우고 뽑습니다: pytest-codeblocks 는 cont 블록을 앞 블록에 합치므로, 그대로 두면 skip 표시가
  붙은 블록(iris 의 케라스 예)에 이어진 블록들까지 함께 빠집니다. skip 표시가 붙은 블록만 붙여 넣지 않습니다.
- 실패하면 페이지 파일과 블록의 .md 줄 번호, 기대한 출력과 실제 출력 또는 트레이스백을 보여 줍니다.
"""
from __future__ import annotations

import functools
import http.server
import io
import json
import os
import re
import shlex
import socket
import subprocess
import sys
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
from pytest_codeblocks.main import extract_from_buffer

from scripts.snippet_check import include_problems
from scripts.reader_wheel import DOWNLOAD_DIR, build_wheel, install_command
from tests.docblocks import expand
from tests.reader_env import importable, make_env, reader_environ


ROOT = Path(__file__).resolve().parents[1]
PAGES = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "docs").rglob("*.md"))
CONT = re.compile(r"<!--[-\s]*pytest-codeblocks:[-\s]*cont[-\s]*-->")
RESULTS = "@@copy-paste-results@@"
TIMEOUT = 300

# 붙여 넣기 한 번 = exec 한 번. 모든 블록이 이름공간 하나를 나눠 씁니다.
RUNNER = r"""
import contextlib, importlib.util, io, json, linecache, sys, traceback, warnings

# 프로젝트의 pytest 설정(filterwarnings)처럼 matplotlib 경고(빠진 글리프 등)는 오류입니다.
warnings.filterwarnings("error", category=UserWarning, module="matplotlib")
blocks = json.load(sys.stdin)
namespace = {"__name__": "__main__"}
results = []
for block in blocks:
    name = block["filename"]
    if block["importorskip"] and importlib.util.find_spec(block["importorskip"]) is None:
        results.append({"skipped": True})
        continue
    linecache.cache[name] = (len(block["code"]), None, block["code"].splitlines(True), name)
    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out):
            exec(compile(block["code"], name, "exec"), namespace)
    except BaseException as exc:
        tb = "".join(traceback.format_exception(exc))
        start = tb.find(f'File "{name}"')
        results.append({"stdout": out.getvalue(), "error": tb[start - 2:] if start >= 0 else tb})
        break
    results.append({"stdout": out.getvalue()})
print("\n" + {marker!r} + json.dumps(results))
""".replace("{marker!r}", repr(RESULTS))


@dataclass
class Block:
    line: int  # .md 원본에서 펜스가 시작하는 줄
    code: str
    expected: str | None
    ignore_whitespace: bool
    importorskip: str | None


def _without_cont(text: str) -> str:
    """펜스 밖의 cont 표시를 빈 줄로(줄 번호는 그대로): 펜스 하나하나가 따로 붙여 넣는 블록이 됩니다."""
    lines, fence = text.split("\n"), 0
    for i, line in enumerate(lines):
        stripped = line.lstrip()
        if fence:
            if stripped[:fence] == "`" * fence:
                fence = 0
        elif stripped.startswith("```"):
            fence = len(stripped) - len(stripped.lstrip("`"))
        elif CONT.fullmatch(line.strip()):
            lines[i] = ""
    return "\n".join(lines)


def _skipped(marks: list[str]) -> bool:
    """skip·skipif 표시는 붙여 넣지 않음. 그 밖의 표시는 이 테스트가 어떻게 다룰지 모르므로 실패합니다."""
    skip = False
    for text in marks:
        mark = eval(text, {"sys": sys, "pytest": pytest}).mark
        if mark.name == "skip":
            skip = True
        elif mark.name == "skipif":
            skip = skip or any(bool(c) for c in mark.args)
        else:
            raise AssertionError(f"붙여 넣기 테스트가 모르는 표시입니다: <!--{text}-->")
    return skip


def page_blocks(page: str) -> list[Block]:
    """페이지에 보이는 그대로(스니펫 펼침) 독자가 붙여 넣을 python 블록들(tests/docblocks.py 와 같은 파서)."""
    raw = _without_cont((ROOT / page).read_text(encoding="utf-8"))
    blocks = extract_from_buffer(io.StringIO(expand(raw)))
    raw_blocks = extract_from_buffer(io.StringIO(raw))
    raw_lines = [b.lineno for b in raw_blocks] if len(raw_blocks) == len(blocks) else None
    out = []
    for i, b in enumerate(blocks):
        if (b.syntax or "").strip() != "python" or _skipped(b.marks):
            continue
        out.append(Block(raw_lines[i] if raw_lines else b.lineno, b.code, b.expected_output,
                         b.expected_output_ignore_whitespace, b.importorskip))
    return out


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def install_reader_python(tmp: Path) -> Path:
    """설치 명령 한 줄만 실행한 독자의 파이썬. tmp 아래에 환경(env), 사이트(site), 빈 작업 폴더(cwd)를 만듭니다."""
    python = make_env(tmp / "env", ["numpy", "matplotlib"])
    assert not importable(python, "snippets"), "설치 전인데 새 환경에서 snippets 를 가져올 수 있습니다"
    site, cwd = tmp / "site", tmp / "cwd"
    cwd.mkdir()
    wheel = build_wheel(ROOT, site / DOWNLOAD_DIR)
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        line = install_command(f"http://127.0.0.1:{server.server_address[1]}/")
        argv = shlex.split(line)
        assert argv[:2] == ["pip", "install"] and argv[-1].endswith("/" + wheel.name), line
        env = reader_environ(
            PIP_INDEX_URL=f"http://127.0.0.1:{_closed_port()}/simple/",  # 색인에 가면 실패하도록
            PIP_CONFIG_FILE=os.devnull, PIP_NO_CACHE_DIR="1", PIP_DISABLE_PIP_VERSION_CHECK="1",
            PIP_NO_INPUT="1", PIP_RETRIES="0",
        )
        env = {k: v for k, v in env.items() if k not in ("PIP_FIND_LINKS", "PIP_EXTRA_INDEX_URL", "PIP_NO_INDEX")}
        proc = subprocess.run([str(python), "-m", "pip", *argv[1:]], cwd=cwd,
                              env=env, capture_output=True, text=True, timeout=TIMEOUT)
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
    log = proc.stdout + proc.stderr
    if proc.returncode != 0:
        pytest.fail(f"설치 명령이 실패했습니다(종료 코드 {proc.returncode}): {line}\n"
                    f"(패키지 색인은 닫힌 포트로 막아 두었습니다: 환경에 없는 의존성을 받으려 했다면 여기서 실패합니다)\n{log}",
                    pytrace=False)
    # numpy 는 이미 있는 것을 쓰고(색인에 가지 않음), 받은 것은 wheel 하나뿐입니다.
    assert "Requirement already satisfied: numpy" in log, log
    assert re.findall(r"Downloading (\S+)", log) == [wheel.name], log
    assert "Successfully installed dl-basics-ko-" in log, log
    assert importable(python, "snippets") and not importable(python, "scripts")
    return python


class Pages:
    """독자 환경을 만들고, 페이지마다 새 인터프리터에서 블록을 붙여 넣은 결과를 냅니다(풀에서 두 개씩 동시에)."""

    def __init__(self, tmp_path_factory, workers: int):
        self.tmp = tmp_path_factory
        self.pool = ThreadPoolExecutor(max_workers=workers)
        # 환경을 만드는 동안 부르는 스레드는 페이지의 블록을 뽑습니다. 페이지 실행은 환경을 기다립니다.
        self.python: Future = self.pool.submit(install_reader_python, tmp_path_factory.mktemp("reader"))
        self.futures: dict[str, Future] = {}

    def submit(self, page: str) -> Future:
        """블록과 빈 작업 폴더는 부르는 스레드에서 준비하고(마크다운 전처리기는 스레드에 안전하지 않음),
        실행만 풀에 맡깁니다."""
        if page not in self.futures:
            try:
                blocks = page_blocks(page)
            except Exception as exc:  # 지워진 스니펫 구간 …: 그 페이지의 테스트가 이 오류로 실패합니다
                self.futures[page] = Future()
                self.futures[page].set_exception(exc)
            else:
                self.futures[page] = self.pool.submit(self._run, page, blocks, self.tmp.mktemp("cwd"))
        return self.futures[page]

    def _run(self, page: str, blocks: list[Block], cwd: Path):
        if not blocks:
            return blocks, [], ""
        python = self.python.result()
        payload = [{"filename": f"{page}:{b.line}", "code": b.code, "importorskip": b.importorskip} for b in blocks]
        proc = subprocess.run(
            [str(python), "-c", RUNNER], input=json.dumps(payload), cwd=cwd,
            # 페이지 두 개가 코어 두 개를 나눠 쓰므로 BLAS 는 한 스레드로(여러 스레드가 서로 기다리며 몇 배 느려짐).
            env=reader_environ(MPLBACKEND="Agg", OPENBLAS_NUM_THREADS="1"),
            capture_output=True, text=True, timeout=TIMEOUT,
        )
        if RESULTS not in proc.stdout:
            return blocks, None, f"(종료 코드 {proc.returncode})\n{proc.stdout}{proc.stderr}"
        return blocks, json.loads(proc.stdout.rsplit(RESULTS, 1)[1]), proc.stderr


@pytest.fixture(scope="module")
def pages(tmp_path_factory, request):
    # xdist 에서는 테스트가 이미 여러 프로세스로 나뉘므로, 자기 차례의 페이지만 그때 돌립니다.
    under_xdist = "PYTEST_XDIST_WORKER" in os.environ
    runner = Pages(tmp_path_factory, workers=1 if under_xdist else 2)
    if not under_xdist:
        here = Path(__file__).resolve()
        for item in request.session.items:
            callspec = getattr(item, "callspec", None)
            if item.path == here and callspec and "page" in callspec.params:
                runner.submit(callspec.params["page"])
    yield runner
    runner.pool.shutdown(cancel_futures=True)


def test_install_line_installs_the_wheel(pages):
    """새 환경(snippets 없음)에서 페이지의 설치 명령이 색인 없이 wheel 만 받아 설치합니다."""
    pages.python.result()


def _listing(code: str) -> str:
    return "\n".join(f"{i:4d} | {line}" for i, line in enumerate(code.splitlines(), 1))


@pytest.mark.parametrize("page", PAGES, ids=PAGES)
def test_page_pastes(page, pages):
    future = pages.submit(page)
    if future.exception() is None and not future.result()[0]:
        return  # 붙여 넣을 python 블록이 없는 페이지(차례, 용어집 …)
    if pages.python.exception() is not None:
        pytest.fail("독자 환경을 준비하지 못했습니다: test_install_line_installs_the_wheel 을 보세요", pytrace=False)
    if problems := include_problems(page, (ROOT / page).read_text(encoding="utf-8"), ROOT):
        pytest.fail("\n".join(problems), pytrace=False)  # 포함 줄이 틀려 펼치지 못함: 빌드·문서 테스트와 같은 말로
    blocks, results, stderr = future.result()
    if results is None:
        pytest.fail(f"{page}: 붙여 넣기를 실행하던 파이썬이 결과 없이 끝났습니다 {stderr}", pytrace=False)
    problems = []
    for n, (block, result) in enumerate(zip(blocks, results), 1):
        where = f"{page}:{block.line} (붙여 넣은 블록 {n}/{len(blocks)})"
        if "error" in result:
            problems.append(
                f"{where}: 코드 블록이 실패했습니다.\n--- 펼친 코드\n{_listing(block.code)}\n"
                f"--- 트레이스백\n  {result['error']}"
                + (f"--- stderr\n{stderr}" if stderr.strip() else "")
            )
            break
        if block.expected is None or result.get("skipped"):
            continue
        expected, got = block.expected, result["stdout"]
        if block.ignore_whitespace:
            expected, got = re.sub(r"\s+", "", expected), re.sub(r"\s+", "", got)
        if expected != got:
            problems.append(
                f"{where}: 페이지에 적힌 출력과 실제 출력이 다릅니다.\n"
                f"--- 페이지에 적힌 출력\n{block.expected}--- 실제 출력\n{result['stdout']}"
                f"--- 펼친 코드\n{_listing(block.code)}"
            )
    else:
        if len(results) != len(blocks):
            problems.append(f"{page}: 블록 {len(blocks)}개 중 {len(results)}개의 결과만 받았습니다.\n{stderr}")
    if problems:
        pytest.fail("\n\n".join(problems), pytrace=False)
