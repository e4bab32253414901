"""수식 훅(어댑터): 페이지의 수식을 빌드 때 KaTeX HTML(+ MathML)로 그려 넣습니다. 그리지 못한 수식이 하나라도
있으면 페이지와 수식을 적은 오류로 빌드를 멈춥니다. 그래서 사이트에는 수식용 자바스크립트가 없습니다.

일은 scripts/katex.py 가 합니다. 검색 색인은 on_page_context 에서 만들어지므로, 그 뒤인 on_post_page 에서
그려 넣어 색인에는 그린 HTML 이 아니라 TeX 가 그대로 들어갑니다(지금까지와 같음).
"""
from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from scripts import katex

_failed: list[dict] = []


def on_pre_build(config) -> None:
    _failed.clear()


def on_page_content(html: str, page, config, files) -> str:
    """페이지를 읽자마자 그 수식을 KaTeX(node)에 미리 보냅니다: 빌드가 다른 페이지를 그리는 동안 node 가 그려 두고,
    on_post_page 는 답을 읽기만 합니다(빌드 속도만)."""
    try:
        katex.renderer(Path(config.config_file_path).resolve().parent).prefetch(katex.formulas(html))
    except katex.UnknownMarkup:
        pass  # on_post_page 가 페이지와 함께 알립니다
    return html


def on_post_page(output: str, page, config) -> str:
    r = katex.renderer(Path(config.config_file_path).resolve().parent)
    where = page.file.src_uri
    if where.endswith(".ipynb"):  # 실습 페이지의 원본은 docs/practice/*.md
        where = where[: -len(".ipynb")] + ".md"
    try:
        output, failed = katex.render_arithmatex(output, where, r.render)
        if page.file.src_uri.endswith(".ipynb"):  # mkdocs-jupyter 가 그린 실습 페이지의 마크다운 셀
            output, more = katex.render_notebook_markdown(output, where, r.render)
            failed += more
    except (katex.UnknownMarkup, RuntimeError) as exc:
        raise PluginError(f"{where}: {exc}") from None
    _failed.extend(failed)
    return output


def on_post_build(config) -> None:
    katex.renderer(Path(config.config_file_path).resolve().parent).save()
    if _failed:
        raise PluginError(katex.report(_failed, "수식"))


def on_shutdown() -> None:
    katex.close_all()
