"""포함 줄 검사 훅(어댑터): 스니펫 파일·구간이 없으면 .md 의 줄, 파일, 있는 구간, 가까운 이름을 말합니다.
논리는 scripts/snippet_check.py 에 있습니다. pymdownx.snippets 가 펼치기 전에(on_page_markdown 맨 앞) 봅니다.

- make build·make test: 빌드를 멈춥니다.
- make serve: 멈추지 않고 터미널에 오류를 찍고, 그 페이지에는 잘못된 포함 줄 대신 오류 설명을 보여 줍니다.
  다른 페이지는 그대로 보이고, 파일을 고쳐 저장하면 그 페이지가 다시 돌아옵니다.
"""
from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from scripts.snippet_check import INCLUDE, include_problems

log = logging.getLogger("mkdocs.hooks.snippet_check")
_state = {"serve": False}


def on_startup(*, command, dirty):
    _state["serve"] = command == "serve"


@event_priority(100)
def on_page_markdown(markdown, page, config, files):
    root = Path(config.config_file_path).resolve().parent
    if not page.file.abs_src_path or not page.file.src_uri.endswith(".md"):
        return markdown
    name = f"docs/{page.file.src_uri}"
    problems = include_problems(name, markdown, root)
    if not problems:
        return markdown
    if not _state["serve"]:
        raise PluginError("\n".join(problems))
    for problem in problems:
        log.error(problem)
    # 미리보기: 잘못된 포함 줄을 주석으로 바꿔 페이지는 뜨게 하고, 맨 위에 오류를 보여 줍니다.
    lines = markdown.split("\n")
    for i, line in enumerate(lines):
        if INCLUDE.match(line) and include_problems(name, line, root):
            lines[i] = line.replace("--8<--", "# 포함 실패(위 오류 상자 참고):", 1)
    box = '!!! failure "빌드 오류(미리보기에만 보입니다)"\n' + "".join(f"    - {p}\n" for p in problems)
    return box + "\n" + "\n".join(lines)
