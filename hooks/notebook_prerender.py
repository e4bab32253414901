"""실습 노트북 페이지를 빌드 초반에 미리 그리는 훅(빌드 속도만; 어댑터): 일은 scripts/notebook_prerender.py 가 합니다.

- on_files: hooks/notebooks.py 가 실습 노트북(.ipynb)을 쓴 뒤, mkdocs-jupyter 가 그릴 노트북들 가운데 캐시가 없는 것을
  다른 프로세스 하나에서 차례로 실행해 그리기 시작합니다. 빌드는 그동안 다른 페이지를 그립니다. 커널이 도는 동안
  그림 프로세스(scripts/figures/job.py)는 우선순위를 낮춰 커널에 코어를 양보합니다.
- on_page_markdown: 그 노트북 페이지를 그리기 직전에 기다립니다. 그러면 mkdocs-jupyter 는 캐시를 읽기만 합니다.
  미리 그리기가 실패했으면 mkdocs-jupyter 가 늘 하던 대로 빌드 안에서 실행하고, 오류도 늘 하던 대로 알립니다.
"""
from __future__ import annotations

import logging

from mkdocs.exceptions import PluginError

from scripts.figures import job as figure_job
from scripts.notebook_prerender import Prerender, settings

log = logging.getLogger("mkdocs.hooks.notebook_prerender")
_state: dict = {"dirty": False, "job": None}


def on_startup(*, command, dirty):
    _state["dirty"] = dirty


def on_files(files, config):
    plugin = config["plugins"].get("mkdocs-jupyter")
    if plugin is None:
        raise PluginError("hooks/notebook_prerender.py 에는 mkdocs-jupyter 플러그인이 필요합니다")
    _stop()
    # --dirty(make serve)에서는 이번에 다시 그릴 노트북 페이지만(원본이 결과보다 새것)
    paths = [f.abs_src_path for f in files
             if f.src_uri.endswith(".ipynb") and plugin.should_include(f)
             and not (_state["dirty"] and not f.is_modified())]
    # 커널이 도는 동안만 그림 프로세스가 양보합니다: 노트북 프로세스가 끝나면 곧바로 제 우선순위로.
    job = _state["job"] = Prerender(paths, settings(plugin.config)).start(on_exit=lambda: figure_job.yield_cpu(False))
    if job.running:
        figure_job.yield_cpu(True)
    return files


def on_page_markdown(markdown, page, config, files):
    job = _state["job"]
    if job is not None and page.file.abs_src_path in job.todo:
        if failed := job.wait(page.file.abs_src_path):
            log.debug(f"미리 그리기 실패({page.file.src_uri}), 빌드 안에서 다시 실행합니다:\n{failed[-2000:]}")
    return markdown


def _stop() -> None:
    if _state["job"] is not None:
        _state["job"].stop()
        _state["job"] = None


def on_build_error(error) -> None:
    _stop()


def on_shutdown() -> None:
    _stop()
