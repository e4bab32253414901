"""원본 바로잡기 훅(어댑터): 논리는 scripts/corrections.py 에 있습니다.

- 모든 페이지: 원본 바로잡기 상자마다 앞에 앵커, 안의 끝에 '원본과 다른 점' 모음의 항목으로 가는 링크를 넣습니다.
- docs/corrections.md: 표시(<!-- corrections-list -->) 자리에 모든 상자의 목록을 목차(nav) 순서대로 채웁니다.
실습 페이지(노트북)의 상자는 hooks/notebooks.py 가 같은 함수로 처리합니다.
"""
from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from scripts import corrections


def source_pages(config) -> list[tuple[str, str]]:
    return corrections.source_pages(Path(config["docs_dir"]), config["nav"])


def on_page_markdown(markdown: str, page, config, files) -> str:
    uri = page.file.src_uri
    n = markdown.count(corrections.MARKER)
    if uri == corrections.PAGE:
        if n != 1:
            raise PluginError(f"docs/{uri}: 표시 {corrections.MARKER} 가 정확히 한 번 있어야 합니다(지금 {n}번)")
        text = corrections.listing(source_pages(config))
        _listed[page.file.abs_dest_path] = text
        return markdown.replace(corrections.MARKER, text)
    if n:
        raise PluginError(f"docs/{uri}: 표시 {corrections.MARKER} 는 docs/{corrections.PAGE} 에만 씁니다")
    return corrections.annotate(markdown, uri)


_listed: dict[str, str] = {}  # 이번 빌드에서 만든 모음 페이지 → 그 목록


def on_post_page(output: str, page, config) -> str:
    """모음 페이지를 다 만들었으면 그 목록을 기억해 둡니다(make serve 가 목록이 그대로면 다시 만들지 않게: hooks/dirty_deps.py)."""
    if page.file.abs_dest_path in _listed:
        corrections.remember_listing(page.file.abs_dest_path, _listed.pop(page.file.abs_dest_path))
    return output
