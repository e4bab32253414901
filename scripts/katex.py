"""빌드 때 수식을 KaTeX(node, scripts/katex_check.cjs)로 렌더링해 보는 검사기.

페이지 수식(hooks/math_check.py)과 노트북 수식(hooks/notebooks.py)이 함께 씁니다. 이미 통과한
수식은 캐시 폴더의 katex-ok.json 에 기억해 두어 다시 node 를 부르지 않습니다(빠른 make serve).
항목 모양: {"where": 페이지, "tex": TeX, "display": 디스플레이 여부}.
"""
from __future__ import annotations

import hashlib
import json
import os
import subprocess
from pathlib import Path


def cache_file(root: Path) -> Path:
    return root / os.environ.get("DLB_CACHE_DIR", ".cache") / "katex-ok.json"


def _key(item: dict) -> str:
    return hashlib.sha256(f"{item['display']}|{item['tex']}".encode()).hexdigest()[:24]


def errors(items: list[dict], root: Path) -> list[dict]:
    """KaTeX 가 렌더링하지 못한 항목들(각각에 "error" 를 더해서)을 돌려줍니다."""
    path = cache_file(root)
    ok = set(json.loads(path.read_text())) if path.exists() else set()
    todo = [i for i in items if _key(i) not in ok]
    if not todo:
        return []
    proc = subprocess.run(
        ["node", str(root / "scripts/katex_check.cjs")],
        input=json.dumps(todo), capture_output=True, text=True, cwd=root,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"KaTeX 검사기를 실행하지 못했습니다: {proc.stderr.strip()}")
    failed = json.loads(proc.stdout)
    bad = {_key(e) for e in failed}
    ok |= {_key(i) for i in todo} - bad
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(sorted(ok)))
    return failed


def report(failed: list[dict], what: str) -> str:
    lines = [f"  {e['where']}: ${e['tex']}$ → {e['error']}" for e in failed]
    return f"KaTeX가 렌더링하지 못한 {what}이 있습니다:\n" + "\n".join(lines)
