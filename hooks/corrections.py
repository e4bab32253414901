"""원본 바로잡기 훅(어댑터): 논리는 scripts/corrections.py 에 있습니다.

- 모든 페이지: 원본 바로잡기 상자마다 앞에 앵커, 안의 끝에 '원본과 다른 점' 모음의 항목으로 가는 링크를 넣습니다.
- docs/corrections.md: 표시(<!-- corrections-list -->) 자리에 모든 상자의 목록을 목차(nav) 순서대로 채웁니다.
실습 페이지(노트북)의 상자는 hooks/notebooks.py 가 같은 함수로 처리합니다.
"""
from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from scripts import corrections


def _nav_order(nav) -> list[str]:
    out = []
    for item in nav or []:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        if isinstance(value, list):
            out += _nav_order(value)
        elif isinstance(value, str):
            out.append(value)
    return out


def source_pages(config) -> list[tuple[str, str]]:
    """(docs/ 기준 .md 경로, 원본 마크다운) 을 목차 순서대로. 실습 노트북(.ipynb)은 그 원본 .md 입니다."""
    docs = Path(config["docs_dir"])
    order = [u[: -len(".ipynb")] + ".md" if u.endswith(".ipynb") else u for u in _nav_order(config["nav"])]
    rest = sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md"))
    uris = [u for u in order if (docs / u).is_file()] + [u for u in rest if u not in order]
    return [(u, (docs / u).read_text(encoding="utf-8")) for u in uris]


def on_page_markdown(markdown: str, page, config, files) -> str:
    uri = page.file.src_uri
    n = markdown.count(corrections.MARKER)
    if uri == corrections.PAGE:
        if n != 1:
            raise PluginError(f"docs/{uri}: 표시 {corrections.MARKER} 가 정확히 한 번 있어야 합니다(지금 {n}번)")
        return markdown.replace(corrections.MARKER, corrections.listing(source_pages(config)))
    if n:
        raise PluginError(f"docs/{uri}: 표시 {corrections.MARKER} 는 docs/{corrections.PAGE} 에만 씁니다")
    return corrections.annotate(markdown, uri)
