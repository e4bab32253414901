"""make serve 는 `mkdocs serve --dirty` 로 바뀐 페이지만 다시 만듭니다(빠른 미리보기).

MkDocs 는 페이지 원본(.md)이 결과(.html)보다 새로울 때만 '바뀜'으로 보므로, 페이지가 포함하는
스니펫(--8<-- "snippets/…")이나 모든 페이지에 쓰이는 용어표(terms.yml)만 고쳤을 때는 다시 만들지
않습니다. 이 훅은 그런 페이지의 낡은 결과 파일을 지워, 다음 빌드에서 다시 만들어지게 합니다.
'원본과 다른 점'(corrections.md)은 모든 페이지의 원본 바로잡기 상자로 만들므로, 상자에서 만든 목록이
이 프로세스가 그 페이지를 만들 때와 달라졌을 때 다시 만듭니다(모르면 어느 페이지가 바뀌어도 다시 만듦).
dirty 가 아닌 빌드(make build, make test)에는 아무 일도 하지 않습니다.

serve 는 한 프로세스에서 거듭 빌드하므로, 테마 템플릿을 빌드마다 다시 컴파일하지 않게 컴파일한 것을
프로세스 안에 둡니다(scripts/jinja_cache.py; 원본이 바뀌면 다시 컴파일). 결과 HTML 은 같습니다.
"""
from __future__ import annotations

import re
from pathlib import Path

from scripts import corrections, jinja_cache

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
        listing = None
        if file.src_uri == corrections.PAGE:
            pages = corrections.source_pages(Path(config["docs_dir"]), config["nav"])
            listing = corrections.listing(pages)
            if not corrections.built_with(file.abs_dest_path, listing):
                deps += [Path(config["docs_dir"]) / uri for uri, _ in pages]
        if max(global_mtime, _newest(deps)) > dest.stat().st_mtime:
            dest.unlink()
        elif listing is not None:
            # 어느 원본보다 새 결과: 지금 목록으로 만든 것입니다(다음부터는 목록이 바뀔 때만 다시 만듦).
            corrections.remember_listing(file.abs_dest_path, listing)
    return files


def on_env(env, config, files):
    env.bytecode_cache = jinja_cache.shared()
    return env
