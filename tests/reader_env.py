"""독자의 새 파이썬 환경: 프로젝트도 snippets 도 모르는 가상 환경을 만듭니다.

- `uv venv --seed` 라서 pip 가 들어 있습니다(독자는 페이지의 `pip install …` 한 줄을 실행합니다).
- 패키지는 requirements.lock 에 고정된 버전으로, 딸린 의존성까지 그 버전으로 설치합니다(프로젝트의 uv 와
  그 캐시를 씁니다: 캐시가 따뜻하면 네트워크 없이 1초 안쪽, CI 처럼 처음이면 PyPI 에서 받습니다).
- 저장소를 편집 가능 모드로 설치하지 않으므로, 빈 폴더에서 `import snippets` 가 실패해야 합니다(확인합니다).
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from scripts.reader_wheel import find_uv

ROOT = Path(__file__).resolve().parents[1]
LOCK = ROOT / "requirements.lock"
PIN = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)==(?P<version>[^\s;\\]+)")


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def lock_pins(lock: Path = LOCK) -> dict[str, str]:
    """requirements.lock 의 `이름==버전` 고정(이름은 PEP 503 정규화)."""
    pins = {}
    for line in lock.read_text(encoding="utf-8").splitlines():
        m = PIN.match(line)
        if m:
            pins[_norm(m["name"])] = m["version"]
    return pins


def reader_environ(**extra: str) -> dict[str, str]:
    """독자의 셸처럼: 이 저장소를 가리키는 파이썬 경로 설정은 뺍니다."""
    drop = {"PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP", "PYTHONSAFEPATH", "PYTHONUSERBASE", "VIRTUAL_ENV"}
    env = {k: v for k, v in os.environ.items() if k not in drop}
    env.update(extra)
    return env


def importable(python: Path, module: str) -> bool:
    """빈 임시 폴더에서 그 파이썬이 module 을 찾을 수 있는지."""
    with tempfile.TemporaryDirectory(prefix="reader-cwd-") as cwd:
        proc = subprocess.run(
            [str(python), "-c", f"import importlib.util, sys; sys.exit(importlib.util.find_spec({module!r}) is None)"],
            cwd=cwd, env=reader_environ(), capture_output=True, text=True,
        )
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"{python} 를 실행하지 못했습니다:\n{proc.stdout}{proc.stderr}")
    return proc.returncode == 0


def _run(cmd: list[str]) -> None:
    proc = subprocess.run(cmd, capture_output=True, text=True, env=reader_environ())
    if proc.returncode != 0:
        raise RuntimeError(f"명령이 실패했습니다: {' '.join(cmd)}\n{proc.stdout}{proc.stderr}")


def make_env(path: Path, packages: list[str]) -> Path:
    """path 에 새 가상 환경을 만들고 packages 를 잠금 파일의 버전으로 설치합니다. 환경의 python 경로를 돌려줍니다.

    path 는 없거나 빈 폴더여야 합니다(이미 있는 환경을 지우고 다시 만들지는 않습니다).
    """
    path = Path(path)
    pins = lock_pins()
    missing = [p for p in packages if _norm(p) not in pins]
    if missing:
        raise KeyError(f"requirements.lock 에 고정되지 않은 패키지: {missing}")
    uv = find_uv()
    # 프로젝트와 같은 파이썬(3.11, 잠금 파일이 그것으로 만들어짐)의 기본 인터프리터로 만듭니다.
    _run([uv, "venv", "--quiet", "--seed", "--python", sys.executable, str(path)])
    python = path / "bin" / "python"
    # 딸린 의존성(matplotlib → pillow …)도 잠금 파일의 버전으로: 잠금 전체를 제약 조건으로 줍니다.
    constraints = path / "lock-constraints.txt"
    constraints.write_text("".join(f"{n}=={v}\n" for n, v in sorted(pins.items())))
    _run([uv, "pip", "install", "--quiet", "--python", str(python), "--constraint", str(constraints),
          *(f"{_norm(p)}=={pins[_norm(p)]}" for p in packages)])
    for module in ("snippets", "scripts"):
        if importable(python, module):
            raise RuntimeError(f"새 환경 {path} 에서 {module} 를 가져올 수 있습니다: 저장소가 새어 들어갔습니다")
    return python


KERNEL = "reader"


def reader_notebook_client(nb, python: Path, workdir: Path, spec_root: Path, **client_options):
    """그 환경의 파이썬으로 커널을 띄워 빈 작업 폴더 workdir 에서 nb 를 실행할 nbclient 클라이언트.

    커널 스펙은 spec_root/reader/kernel.json 에 한 번 쓰고(이 저장소를 가리키는 PYTHONPATH 는 비움), 노트북 테스트와
    make bench 가 함께 씁니다. 실행은 `await client.async_execute(cwd=str(workdir))`.
    """
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import AsyncKernelManager
    from nbclient import NotebookClient

    spec = Path(spec_root) / KERNEL / "kernel.json"
    if not spec.is_file():
        spec.parent.mkdir(parents=True, exist_ok=True)
        spec.write_text(json.dumps({
            "argv": [str(python), "-m", "ipykernel_launcher", "-f", "{connection_file}"],
            "display_name": KERNEL, "language": "python",
            "env": {"PYTHONPATH": "", "MPLBACKEND": "module://matplotlib_inline.backend_inline"},
        }))
    ksm = KernelSpecManager(kernel_dirs=[str(spec_root)])

    class Reader(AsyncKernelManager):
        def __init__(self, **kw):
            super().__init__(kernel_spec_manager=ksm, **kw)

    return NotebookClient(nb, kernel_name=KERNEL, kernel_manager_class=Reader,
                          resources={"metadata": {"path": str(workdir)}}, **client_options)
