"""수식 검사 훅: 페이지의 모든 수식을 KaTeX(node)로 미리 렌더링해 보고, 하나라도 틀리면
페이지와 수식을 적은 오류로 빌드를 멈춥니다.

검사 대상은 pymdownx.arithmatex 가 만든 `class="arithmatex"` 요소이고, 검사 자체(node 호출과
통과한 수식의 캐시)는 scripts/katex.py 가 합니다.
"""
from __future__ import annotations

import html
import re
from pathlib import Path

from mkdocs.exceptions import PluginError

from scripts import katex

ARITHMATEX = re.compile(
    r'<(?P<tag>span|div) class="arithmatex">(?P<body>.*?)</(?P=tag)>', re.DOTALL
)
DELIMS = [(r"\(", r"\)", False), (r"\[", r"\]", True)]
_pending: list[dict] = []


def formulas(page_html: str) -> list[tuple[str, bool]]:
    """arithmatex 요소에서 (TeX, 디스플레이 여부)를 꺼냅니다. 모르는 모양이면 실패합니다."""
    found = []
    for m in ARITHMATEX.finditer(page_html):
        body = html.unescape(m["body"]).strip()
        for left, right, display in DELIMS:
            if body.startswith(left) and body.endswith(right):
                found.append((body[len(left): -len(right)], display))
                break
        else:
            raise PluginError(f"알 수 없는 arithmatex 출력: {body[:80]!r}")
    return found


def on_pre_build(config) -> None:
    _pending.clear()


def on_page_content(page_html: str, page, config, files) -> str:
    for tex, display in formulas(page_html):
        _pending.append({"where": page.file.src_uri, "tex": tex, "display": display})
    return page_html


def on_post_build(config) -> None:
    root = Path(config.config_file_path).resolve().parent
    try:
        failed = katex.errors(_pending, root)
    except RuntimeError as exc:
        raise PluginError(str(exc)) from None
    if failed:
        raise PluginError(katex.report(failed, "수식"))
