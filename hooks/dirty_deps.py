"""make serve 는 `mkdocs serve --dirty` 로 바뀐 페이지만 다시 만듭니다(빠른 미리보기).

MkDocs 는 페이지 원본(.md)이 결과(.html)보다 새로울 때만 '바뀜'으로 보므로, 페이지가 포함하는
스니펫(--8<-- "snippets/…")이나 모든 페이지에 쓰이는 용어표(terms.yml)만 고쳤을 때는 다시 만들지
않습니다. 이 훅은 그런 페이지의 낡은 결과 파일을 지워, 다음 빌드에서 다시 만들어지게 합니다.
'원본과 다른 점'(corrections.md)은 어느 페이지가 바뀌어도 다시 만듭니다.
dirty 가 아닌 빌드(make build, make test)에는 아무 일도 하지 않습니다.
"""
from __future__ import annotations

import re
from pathlib import Path

INCLUDE = re.compile(r'--8<--\s+"(?P<path>[^":]+)')
EVERY_PAGE = ["terms.yml"]
_state = {"dirty": False}


def on_startup(*, command, dirty):
    _state["dirty"] = dirty


def _newest(paths) -> float:
    return max((p.stat().st_mtime for p in paths if p.is_file()), default=0.0)


def on_files(files, config):
    if not _state["dirty"]:
        return files
    root = Path(config.config_file_path).resolve().parent
    global_mtime = _newest(root / p for p in EVERY_PAGE)
    for file in files.documentation_pages():
        dest = Path(file.abs_dest_path)
        if not dest.is_file() or not file.abs_src_path:
            continue
        deps = [root / m["path"] for m in INCLUDE.finditer(Path(file.abs_src_path).read_text(encoding="utf-8"))]
        if file.src_uri == "corrections.md":   # 모음 페이지는 모든 페이지의 원본 바로잡기 상자로 만듭니다(hooks/corrections.py)
            deps += [Path(f.abs_src_path) for f in files.documentation_pages() if f.abs_src_path]
        if max(global_mtime, _newest(deps)) > dest.stat().st_mtime:
            dest.unlink()
    return files
