"""수식 검사 훅: 페이지의 모든 수식을 KaTeX(node)로 미리 렌더링해 보고, 하나라도 틀리면
페이지와 수식을 적은 오류로 빌드를 멈춥니다.

검사 대상은 pymdownx.arithmatex 가 만든 `class="arithmatex"` 요소입니다. 이미 통과한 수식은
.cache/katex-ok.json 에 기억해 두어 다시 검사하지 않습니다(빠른 make serve).
"""
from __future__ import annotations

import hashlib
import html
import json
import os
import re
import subprocess
from pathlib import Path

from mkdocs.exceptions import PluginError

CACHE = Path(os.environ.get("DLB_CACHE_DIR", ".cache")) / "katex-ok.json"
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


def _key(tex: str, display: bool) -> str:
    return hashlib.sha256(f"{display}|{tex}".encode()).hexdigest()[:24]


def on_pre_build(config) -> None:
    _pending.clear()


def on_page_content(page_html: str, page, config, files) -> str:
    for tex, display in formulas(page_html):
        _pending.append({"where": page.file.src_uri, "tex": tex, "display": display})
    return page_html


def check(items: list[dict], root: Path) -> list[dict]:
    """KaTeX로 렌더링에 실패한 항목들을 돌려줍니다."""
    cache_path = root / CACHE
    ok = set(json.loads(cache_path.read_text())) if cache_path.exists() else set()
    todo = [i for i in items if _key(i["tex"], i["display"]) not in ok]
    if not todo:
        return []
    proc = subprocess.run(
        ["node", str(root / "scripts/katex_check.cjs")],
        input=json.dumps(todo), capture_output=True, text=True, cwd=root,
    )
    if proc.returncode != 0:
        raise PluginError(f"KaTeX 검사기를 실행하지 못했습니다: {proc.stderr.strip()}")
    errors = json.loads(proc.stdout)
    bad = {_key(e["tex"], e["display"]) for e in errors}
    ok |= {_key(i["tex"], i["display"]) for i in todo} - bad
    cache_path.parent.mkdir(parents=True, exist_ok=True)
    cache_path.write_text(json.dumps(sorted(ok)))
    return errors


def on_post_build(config) -> None:
    root = Path(config.config_file_path).resolve().parent
    errors = check(_pending, root)
    if errors:
        lines = [f"  {e['where']}: ${e['tex']}$ → {e['error']}" for e in errors]
        raise PluginError("KaTeX가 렌더링하지 못한 수식이 있습니다:\n" + "\n".join(lines))
