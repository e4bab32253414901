"""빌드가 그림을 기다리지 않게: 그림 프로세스(`python -m scripts.figures.build`)를 빌드 맨 앞에서 띄우고,
그림이 정말 필요한 때에만 기다립니다(hooks/figures.py 가 씁니다. MkDocs 없이 부를 수 있습니다).

- `start()`: 입력(scripts/ 의 .py·.cjs, snippets/, package-lock.json)의 해시가 지난 빌드와 같으면 아무것도 띄우지 않고,
  다르면 그림 프로세스를 띄우기만 하고 돌아옵니다. 그림(2코어에서 십여 초)은 페이지를 그리는 동안 함께 돕니다.
- `names()`: 그림 이름들. 프로세스는 등록소를 읽자마자(그리기 전에) 이름을 한 줄로 알려 주므로, 빌드는 그림 파일을
  목록에 올리고(링크 검사) 곧바로 페이지로 넘어갑니다.
- `wait()`: 그림이 다 그려질 때까지 기다리고, 실패했으면 그 출력을 담은 FigureBuildError. 모든 파일이 있는지도 봅니다.
"""
from __future__ import annotations

import atexit
import hashlib
import json
import os
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

INPUT_GLOBS = ["scripts/**/*.py", "scripts/**/*.cjs", "snippets/**/*.py", "package-lock.json"]
STAMP = "inputs.sha256"
YIELD_NICE = 15
MANIFEST = "manifest.json"


class FigureBuildError(RuntimeError):
    """그림을 만들지 못했습니다. 메시지는 그림 프로세스의 출력(어느 그림·어느 함수인지)입니다."""


def inputs_hash(root: Path) -> str:
    h = hashlib.sha256()
    for pattern in INPUT_GLOBS:
        for path in sorted(root.glob(pattern)):
            h.update(path.relative_to(root).as_posix().encode())
            h.update(path.read_bytes())
    return h.hexdigest()


def variants(name: str) -> tuple[str, str]:
    return f"{name}.svg", f"{name}.dark.svg"


# 지금 돌고 있는 작업(출력 폴더 → FigureJob). make serve 에서 앞 빌드가 도중에 멈췄다면 그 프로세스를 먼저 거둡니다.
_running: dict[Path, "FigureJob"] = {}


class FigureJob:
    def __init__(self, root: Path, out: Path, argv: list[str] | None = None):
        self.root, self.out = Path(root), Path(out)
        # 그리는 명령(테스트는 다른 명령을 줄 수 있음): 이름 한 줄을 먼저 출력하고 그림을 out 에 씁니다.
        self.argv = argv or [sys.executable, "-m", "scripts.figures.build", str(self.out), "--names"]
        self.proc: subprocess.Popen | None = None
        self.digest = ""
        self._names: list[str] | None = None
        self._stderr = None
        self._done = False

    def start(self) -> "FigureJob":
        previous = _running.pop(self.out, None)
        if previous is not None:
            previous.stop()
        self.digest = inputs_hash(self.root)
        stamp = self.out / STAMP
        if (self.out / MANIFEST).exists() and stamp.exists() and stamp.read_text() == self.digest:
            self._done = True
            return self
        self.out.mkdir(parents=True, exist_ok=True)
        # 오류 출력은 파일로: 파이프가 차서 프로세스가 멈추는 일이 없게(표준 출력은 이름 한 줄뿐).
        self._stderr = tempfile.TemporaryFile(mode="w+", encoding="utf-8")
        self.proc = subprocess.Popen(
            self.argv, cwd=self.root, stdout=subprocess.PIPE, stderr=self._stderr, text=True, encoding="utf-8",
            start_new_session=True,  # 멈출 때 그리는 프로세스들(와 svgo)까지 한 번에 거두도록 자기 프로세스 묶음으로
        )
        _running[self.out] = self
        atexit.register(self.stop)  # 빌드가 중간에 끊겨도(Ctrl-C) 그리는 프로세스들을 거둡니다
        return self

    def names(self) -> list[str]:
        if self._names is None:
            running = self.proc is not None and not self._done
            line = self.proc.stdout.readline() if running else ""
            if running and not line:
                self._finish()  # 프로세스가 이름을 알리기 전에 끝났으면(실패) 그 오류를 냅니다
            self._names = json.loads(line) if line else list(json.loads((self.out / MANIFEST).read_text()))
        return self._names

    def wait(self) -> None:
        self.set_nice(0)  # 빌드 본체가 기다리는 동안은 코어를 다 씁니다(노트북 훅이 낮춰 두었을 수 있음)
        self._finish()
        missing = [f for name in self.names() for f in variants(name) if not (self.out / f).is_file()]
        if missing:
            raise FigureBuildError(f"그림 파일이 없습니다: {', '.join(str(self.out / f) for f in missing)}")

    def _finish(self) -> None:
        if self._done:
            return
        self._done = True
        _running.pop(self.out, None)
        rest = self.proc.stdout.read()
        code = self.proc.wait()
        self.proc.stdout.close()
        self._stderr.seek(0)
        err = self._stderr.read()
        self._stderr.close()
        if code != 0:
            raise FigureBuildError(f"그림을 만들지 못했습니다:\n{rest}{err}")
        (self.out / STAMP).write_text(self.digest)

    def set_nice(self, nice: int) -> None:
        """그리는 프로세스들(묶음 전체)의 우선순위. 우선순위를 다시 올리는 것(값을 낮추기)은 권한이 없으면 그대로 둡니다."""
        if self.proc is not None and self.proc.poll() is None:
            try:
                os.setpriority(os.PRIO_PGRP, self.proc.pid, nice)
            except (PermissionError, ProcessLookupError):
                pass

    def stop(self) -> None:
        """끝나지 않은 그림 프로세스를 멈춥니다(빌드가 도중에 실패했을 때)."""
        if self.proc is not None and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()
        self._done = True
        _running.pop(self.out, None)


def yield_cpu(on: bool) -> None:
    """돌고 있는 그림 프로세스들을 잠시 뒤로(on) 또는 제자리로. 노트북 커널이 도는 동안 그림이 코어를 나눠 가지면
    셀의 print 들이 0.2 s 출력 간격을 넘겨 여러 출력 상자로 쪼개져 그려질 수 있어서, 그동안은 커널에 양보합니다
    (hooks/notebook_prerender.py). 그림은 빌드 본체가 기다리기 시작하면(on_env) 어차피 코어를 다 씁니다."""
    for job in list(_running.values()):
        job.set_nice(YIELD_NICE if on else 0)
