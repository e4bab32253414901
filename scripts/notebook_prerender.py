"""실습 노트북 페이지를 빌드 초반에 다른 프로세스에서 미리 실행해 그려 둡니다(빌드 속도만; 결과는 같습니다).

mkdocs-jupyter 는 노트북을 실행해 그린 HTML 을 (노트북 내용, 설정)의 해시로 이름 붙인 캐시 파일에 두고, 그 파일이
있으면 실행하지 않습니다. 차가운 빌드에서는 노트북 두 개를 페이지 차례가 올 때 하나씩 실행하느라(커널 띄우기·셀 실행)
빌드가 그동안 멈춰 있습니다. 이 모듈은 mkdocs-jupyter 의 함수 그대로(_compute_cache_key, _get_cache_path, nb2html,
_get_nb_toc_tokens) 같은 캐시 파일을 미리 씁니다. 빌드는 그동안 다른 페이지를 그리고, 노트북 페이지 차례에 기다립니다.

실패하면(셀 오류 등) 아무것도 쓰지 않습니다. 그러면 mkdocs-jupyter 가 늘 하던 대로 빌드 안에서 실행하고, 실패한 셀도
늘 하던 대로(같은 메시지로) 알립니다.

    python -m scripts.notebook_prerender '<설정 JSON>' <노트북.ipynb>…   # 훅(hooks/notebook_prerender.py)이 띄움
"""
from __future__ import annotations

import atexit
import json
import os
import pathlib
import signal
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# mkdocs-jupyter 의 설정 가운데 그리기에 쓰이는 것(plugin.py 의 on_pre_page 가 nb2html 에 넘기는 것과 캐시 열쇠)
KEYS = ("execute", "execute_ignore", "kernel_name", "theme", "allow_errors", "show_input", "no_input", "no_prompt",
        "remove_tag_config", "highlight_extra_classes", "include_requirejs", "custom_mathjax_url", "toc_depth",
        "cache", "cache_dir")


def settings(plugin_config) -> dict:
    return {k: plugin_config[k] for k in KEYS}


def executes(nb_path: str, config: dict) -> bool:
    """mkdocs-jupyter 와 같은 규칙: execute 이고 execute_ignore 의 어느 무늬에도 맞지 않으면 실행."""
    return config["execute"] and not any(pathlib.PurePath(nb_path).match(p) for p in config["execute_ignore"])


def cache_path(nb_path: str, config: dict) -> Path:
    from mkdocs_jupyter.plugin import _compute_cache_key, _get_cache_path

    return _get_cache_path(config["cache_dir"], _compute_cache_key(nb_path, config, executes(nb_path, config)))


def render(nb_path: str, config: dict) -> dict:
    """mkdocs-jupyter 가 캐시에 쓰는 것과 같은 {"content", "toc_tokens", "title"}(plugin.py 의 new_render 와 같은 인자)."""
    from mkdocs_jupyter import convert
    from mkdocs_jupyter.plugin import _get_nb_toc_tokens

    body = convert.nb2html(
        nb_path, execute=executes(nb_path, config), kernel_name=config["kernel_name"], theme=config["theme"],
        allow_errors=config["allow_errors"], show_input=config["show_input"], no_input=config["no_input"],
        no_prompt=config["no_prompt"], remove_tag_config=config["remove_tag_config"],
        highlight_extra_classes=config["highlight_extra_classes"], include_requirejs=config["include_requirejs"],
        custom_mathjax_url=config["custom_mathjax_url"],
    )
    toc_tokens, title = _get_nb_toc_tokens(nb_path, config["toc_depth"])
    return {"content": body, "toc_tokens": toc_tokens, "title": title}


def write(nb_path: str, config: dict) -> Path:
    """그려서 캐시 파일에 씁니다(다 쓴 뒤에 이름을 바꿔, 빌드가 반쯤 쓴 파일을 읽지 않게)."""
    out = cache_path(nb_path, config)
    data = render(nb_path, config)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_text(json.dumps(data), encoding="utf-8")
    tmp.replace(out)
    return out


class Prerender:
    """노트북들을 차례로 미리 그리는 프로세스 하나(커널이 둘 동시에 돌며 코어를 나누지 않게). 캐시가 이미 있는 노트북은
    빼고, 그릴 것이 없으면 띄우지 않습니다. 프로세스는 노트북 하나를 다 쓸 때마다 그 경로를 한 줄로 알리고, 지켜보는
    스레드가 그것을 받아 둡니다. 프로세스가 끝나면 on_exit 를 부릅니다(그림 프로세스의 우선순위를 되돌리는 데 씀)."""

    def __init__(self, nb_paths: list[str], config: dict):
        self.config = config
        self.todo = [p for p in nb_paths if config["cache"] and not cache_path(p, config).exists()]
        self.done: set[str] = set()
        self.proc: subprocess.Popen | None = None
        self.failed = ""
        self._finished = threading.Event()
        self._finished.set()
        self._changed = threading.Condition()

    def start(self, on_exit=None) -> "Prerender":
        if self.todo:
            log = tempfile.TemporaryFile(mode="w+", encoding="utf-8")
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "scripts.notebook_prerender", json.dumps(self.config), *self.todo],
                cwd=ROOT, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=log, text=True,
                encoding="utf-8", start_new_session=True,  # 멈출 때 커널까지 한 번에 거두도록
            )
            self._finished.clear()
            threading.Thread(target=self._watch, args=(self.proc, log, on_exit), daemon=True).start()
            atexit.register(self.stop)  # 빌드가 중간에 끊겨도(Ctrl-C) 커널까지 거둡니다
        return self

    @property
    def running(self) -> bool:
        return not self._finished.is_set()

    def _watch(self, proc: subprocess.Popen, log, on_exit) -> None:
        for line in proc.stdout:
            with self._changed:
                self.done.add(line.rstrip("\n"))
                self._changed.notify_all()
        code = proc.wait()
        proc.stdout.close()
        log.seek(0)
        failed = log.read() if code != 0 else ""
        log.close()
        with self._changed:
            self.failed = failed
            self._finished.set()
            self._changed.notify_all()
        if on_exit is not None:
            on_exit()

    def wait(self, nb_path: str) -> str:
        """nb_path 가 다 그려질 때까지(또는 프로세스가 끝날 때까지) 기다립니다. 실패했으면 그 출력(빌드는 mkdocs-jupyter 가
        직접 실행하며 같은 오류를 알림), 아니면 빈 글자."""
        with self._changed:
            self._changed.wait_for(lambda: nb_path in self.done or self._finished.is_set())
            return "" if nb_path in self.done or nb_path not in self.todo else self.failed

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        self._finished.wait()


def main(argv: list[str]) -> None:
    config = json.loads(argv[0])
    for nb_path in argv[1:]:
        write(nb_path, config)  # 실패하면 여기서 멈춥니다(남은 노트북은 빌드가 직접 그림)
        print(nb_path, flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
