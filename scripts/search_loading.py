"""검색 색인을 처음 쓸 때 받기: Material 의 자바스크립트(bundle)가 페이지를 열자마자 받던 search_index.json(gzip 으로
약 130 KiB, 모든 첫 방문의 3분의 1쯤)을, 독자가 검색창을 처음 열 때(초점·검색 단추·단축키 /·s·f) 받게 합니다.

Material 9.8 의 bundle.ts 는 `const index$ = document.forms.namedItem("search") ? fetchSearchIndex() : NEVER` 로 색인을
만들고, 검색 워커(setupSearchWorker)와 본문 강조(mountSearchHiglight)가 곧바로 구독합니다. 요청은 구독할 때 나가므로,
index$ 를 "검색 토글(__search)이 켜지거나 주소에 ?h=(검색 결과에서 온 강조)가 있을 때 한 번 받아 나눠 쓰는" 것으로 바꿉니다.
파일이 file:// 일 때 Material 이 이미 하는 것(워커 준비를 검색을 열 때까지 미룸)과 같은 방식입니다.

고치는 자리는 압축된 bundle 의 한 문장이라 Material 을 올리면 맞지 않을 수 있습니다. 그래서 원본 파일의 해시를 고정해 두고,
바뀌면 무엇을 확인할지 말하며 빌드를 멈춥니다(scripts/search_index.py 의 워커 고치기와 같은 방식).
"""
from __future__ import annotations

import hashlib
from pathlib import Path

BUNDLE_GLOB = "assets/javascripts/bundle.*.min.js"
# Material 9.8.2 의 bundle.a5f9d56c.min.js
BUNDLE_SHA256 = "b9a1ef14b5e91ad61fa8d7dd42e1f55e6af0ebd224bc8970dff0e7d7311b172f"
# index$ 를 만드는 문장(ks = fetchSearchIndex, tt = NEVER).
ANCHOR = 'zi=document.forms.namedItem("search")?ks():tt'
# L = merge, $ = of, Je = watchToggle, Re = first, b = switchMap, Z = shareReplay(같은 bundle 안의 이름).
LAZY = ('zi=document.forms.namedItem("search")?L($(new URL(location.href).searchParams.has("h")),Je("search"))'
        '.pipe(Re(o=>o),b(()=>ks()),Z(1)):tt')
MARK = "/* dl-basics-ko: search index on first use */"


class SearchLoadingError(Exception):
    """빌드를 멈출 오류. 메시지는 고칠 파일과 자리를 말합니다."""


def patch_bundle(source: str, path: str) -> str:
    """bundle 이 검색 색인을 검색창을 처음 열 때(또는 ?h= 로 왔을 때) 받게 고친 텍스트."""
    digest = hashlib.sha256(source.encode()).hexdigest()
    if digest != BUNDLE_SHA256:
        raise SearchLoadingError(
            f"{path}: Material 의 bundle 이 바뀌었습니다(sha256 {digest}). scripts/search_loading.py 의 ANCHOR 가 "
            "새 bundle 의 index$ 문장(소스 맵 src/templates/assets/javascripts/bundle.ts 의 fetchSearchIndex)과 "
            "아직 맞는지, LAZY 가 쓰는 이름(merge·of·watchToggle·first·switchMap·shareReplay)이 같은지 확인하고 "
            "BUNDLE_SHA256 을 새 값으로 바꾸세요")
    if source.count(ANCHOR) != 1:
        raise SearchLoadingError(f"{path}: bundle 에서 고칠 자리(ANCHOR)를 정확히 한 번 찾지 못했습니다 "
                                 "— scripts/search_loading.py 의 ANCHOR 를 고치세요")
    return MARK + "\n" + source.replace(ANCHOR, LAZY)


def install(site_dir: Path, theme_dirs) -> Path:
    """사이트의 bundle 을 테마 폴더의 원본에서 다시 만들어 고칩니다(serve 로 거듭 빌드해도 한 번만 고침)."""
    found = sorted(Path(site_dir).glob(BUNDLE_GLOB))
    if len(found) != 1:
        raise SearchLoadingError(f"{site_dir}: Material 의 bundle({BUNDLE_GLOB})이 {len(found)}개입니다 — 하나여야 "
                                 "합니다. 자산 경로가 바뀌었으면 scripts/search_loading.py 의 BUNDLE_GLOB 을 고치세요")
    out = found[0]
    for base in theme_dirs:
        original = Path(base) / Path(BUNDLE_GLOB).parent / out.name
        if original.is_file():
            out.write_text(patch_bundle(original.read_text(encoding="utf-8"), str(original)), encoding="utf-8")
            return out
    raise SearchLoadingError(f"테마 폴더 {list(theme_dirs)} 에 {out.name} 이 없습니다")
