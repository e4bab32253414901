"""그림 SVG 를 보이는 모양 그대로 작게: package-lock.json 으로 고정한 svgo(scripts/svgo_server.cjs).

node 프로세스 하나를 처음 쓸 때 띄워 두고 그림마다 한 줄씩 주고받습니다(그림마다 node 를 새로 띄우지 않게).
같은 입력이면 같은 바이트가 나옵니다(svgo 는 결정적이고 설정은 .cjs 한 곳에 있음). fork 한 자식 프로세스는
부모의 파이프를 나눠 쓰지 않고 자기 node 를 새로 띄웁니다.

결과는 (입력 SVG, 설정 파일, svgo 판)의 해시로 캐시 폴더(.cache/svgo)에 둡니다. 그림 테스트가 그림을 다시
그려 빌드 결과와 견줄 때, 빌드와 같은 SVG 가 나왔으면 svgo 를 다시 돌리지 않고 빌드가 쓴 결과를 씁니다.
"""
from __future__ import annotations

import atexit
import hashlib
import json
import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SERVER = ROOT / "scripts/svgo_server.cjs"
_proc: dict[int, subprocess.Popen] = {}


def _server() -> subprocess.Popen:
    pid = os.getpid()
    proc = _proc.get(pid)
    if proc is None or proc.poll() is not None:
        if not (ROOT / "node_modules/svgo").is_dir():
            raise FileNotFoundError("node_modules/svgo 가 없습니다. `make setup`(npm ci)을 먼저 실행하세요.")
        proc = subprocess.Popen(
            ["node", str(SERVER)], cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            text=True, encoding="utf-8", bufsize=1,
        )
        _proc.clear()  # fork 전에 부모가 띄운 것은 이 프로세스의 것이 아닙니다
        _proc[pid] = proc
        atexit.register(_close, proc)
    return proc


def _close(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.stdin.close()
        proc.wait(timeout=10)


def cache_dir() -> Path:
    return ROOT / os.environ.get("DLB_CACHE_DIR", ".cache") / "svgo"


def _version() -> str:
    return json.loads((ROOT / "node_modules/svgo/package.json").read_text(encoding="utf-8"))["version"]


def cache_key(svg: bytes) -> str:
    h = hashlib.sha256(_version().encode())
    h.update(SERVER.read_bytes())
    h.update(svg)
    return h.hexdigest()


def optimise(svg: bytes, cache: Path | bool | None = None) -> bytes:
    """matplotlib 이 쓴 SVG 를 svgo 로 줄인 바이트(캐시에 있으면 그것). svgo 가 읽지 못하면 그 이유와 함께 ValueError.

    cache=None 이면 기본 캐시 폴더(cache_dir()), 캐시 없이 늘 svgo 를 돌리려면 cache=False.
    """
    folder = cache_dir() if cache is None else cache
    if folder:
        hit = folder / f"{cache_key(svg)}.svg"
        if hit.is_file():
            return hit.read_bytes()
    out = _run(svg)
    if folder:
        folder.mkdir(parents=True, exist_ok=True)
        tmp = hit.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(out)
        tmp.replace(hit)  # 병렬로 그리는 프로세스끼리 반쯤 쓴 파일을 읽지 않게
    return out


def _run(svg: bytes) -> bytes:
    proc = _server()
    try:
        proc.stdin.write(json.dumps({"svg": svg.decode("utf-8")}) + "\n")
        proc.stdin.flush()
        line = proc.stdout.readline()
    except BrokenPipeError:
        line = ""
    if not line:
        raise RuntimeError(f"svgo({SERVER.relative_to(ROOT)})가 답 없이 끝났습니다(종료 코드 {proc.poll()}).")
    reply = json.loads(line)
    if "error" in reply:
        raise ValueError(f"svgo 가 SVG 를 줄이지 못했습니다: {reply['error']}")
    return reply["svg"].encode("utf-8")
