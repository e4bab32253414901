"""Material 의 자바스크립트(bundle)를 빌드 때 몇 군데 고쳐, 독자의 첫 방문을 가볍고 빠르게 합니다(훅은 hooks/search_ko.py).

1. 검색 색인을 처음 쓸 때 받기. bundle 은 페이지를 열자마자 search_index.json(gzip 으로 약 130 KiB, 모든 첫 방문의
   3분의 1쯤)을 받습니다. Material 9.8 의 bundle.ts 는 `const index$ = document.forms.namedItem("search") ?
   fetchSearchIndex() : NEVER` 로 색인을 만들고, 검색 워커(setupSearchWorker)와 본문 강조(mountSearchHiglight)가 곧바로
   구독합니다. 요청은 구독할 때 나가므로, index$ 를 "검색 토글(__search)이 켜지거나 주소에 ?h=(검색 결과에서 온 강조)가
   있을 때 한 번 받아 나눠 쓰는" 것으로 바꿉니다. 검색창에 초점이 가면(누르기, Tab, 단축키 / s f) 토글이 켜집니다.
   file:// 에서 Material 이 이미 하는 것(워커 준비를 검색을 열 때까지 미룸)과 같은 방식입니다.
2. 팔레트를 처음 정할 때 문서 전체를 다시 계산하지 않기. bundle 은 팔레트를 정할 때마다 <body> 에
   data-md-color-switching 을 달았다 뗍니다(색이 바뀌는 동안 전환 효과를 끔). 이 속성의 규칙이
   `[data-md-color-switching] *` 라 달고 뗄 때마다 문서의 모든 요소를 다시 계산합니다(수식이 많은 장은 1만 개가 넘어
   휴대폰에서 한 번에 0.5초쯤). 페이지를 열 때는 본문 앞의 인라인 스크립트가 이미 같은 팔레트를 달아 두었으므로,
   색이 실제로 바뀔 때(독자가 팔레트를 바꿀 때)만 답니다.

고치는 자리는 압축된 bundle 의 문장이라 Material 을 올리면 맞지 않을 수 있습니다. 그래서 원본 파일의 해시를 고정해 두고,
바뀌면 무엇을 확인할지 말하며 빌드를 멈춥니다(scripts/search_index.py 의 워커 고치기와 같은 방식).
"""
from __future__ import annotations

import hashlib
from pathlib import Path

BUNDLE_GLOB = "assets/javascripts/bundle.*.min.js"
# Material 9.8.2 의 bundle.a5f9d56c.min.js
BUNDLE_SHA256 = "b9a1ef14b5e91ad61fa8d7dd42e1f55e6af0ebd224bc8970dff0e7d7311b172f"
# (고칠 문장, 바꿀 문장, 소스 맵에서 찾아볼 곳)
PATCHES = [
    # 1. index$ (ks = fetchSearchIndex, tt = NEVER; L = merge, $ = of, Je = watchToggle, Re = first, b = switchMap,
    #    Z = shareReplay — 같은 bundle 안의 이름)
    ('zi=document.forms.namedItem("search")?ks():tt',
     'zi=document.forms.namedItem("search")?L($(new URL(location.href).searchParams.has("h")),Je("search"))'
     '.pipe(Re(o=>o),b(()=>ks()),Z(1)):tt',
     "src/templates/assets/javascripts/bundle.ts 의 index$(fetchSearchIndex)"),
    # 2. mountPalette 의 push$.subscribe: s = 새 팔레트. 달려 있는 색과 다를 때만 전환 표시를 답니다.
    ('return i.subscribe(s=>{if(document.body.setAttribute("data-md-color-switching",""),s.color.media===',
     'return i.subscribe(s=>{if(["scheme","primary","accent"].some(k=>document.body.getAttribute("data-md-color-"+k)'
     '!==s.color[k])&&document.body.setAttribute("data-md-color-switching",""),s.color.media===',
     "src/templates/assets/javascripts/components/palette/index.ts 의 mountPalette"),
]
MARK = "/* dl-basics-ko: search index on first use, palette without a full restyle (scripts/bundle_patch.py) */"


class BundlePatchError(Exception):
    """빌드를 멈출 오류. 메시지는 고칠 파일과 자리를 말합니다."""


def patch_bundle(source: str, path: str) -> str:
    """PATCHES 를 모두 적용한 bundle 텍스트."""
    digest = hashlib.sha256(source.encode()).hexdigest()
    if digest != BUNDLE_SHA256:
        raise BundlePatchError(
            f"{path}: Material 의 bundle 이 바뀌었습니다(sha256 {digest}). scripts/bundle_patch.py 의 PATCHES 가 "
            "새 bundle 의 같은 자리(각 항목의 소스 맵 위치)와 아직 맞는지, 바꿀 문장이 쓰는 이름이 같은지 확인하고 "
            "BUNDLE_SHA256 을 새 값으로 바꾸세요")
    for old, new, where in PATCHES:
        if source.count(old) != 1:
            raise BundlePatchError(f"{path}: bundle 에서 고칠 자리({where})를 정확히 한 번 찾지 못했습니다 "
                                   "— scripts/bundle_patch.py 의 PATCHES 를 고치세요")
        source = source.replace(old, new)
    return MARK + "\n" + source


def install(site_dir: Path, theme_dirs) -> Path:
    """사이트의 bundle 을 테마 폴더의 원본에서 다시 만들어 고칩니다(serve 로 거듭 빌드해도 한 번만 고침).
    소스 맵(.map)은 원본 그대로라 고친 두 문장 언저리의 열 위치가 조금 어긋납니다."""
    found = sorted(Path(site_dir).glob(BUNDLE_GLOB))
    if len(found) != 1:
        raise BundlePatchError(f"{site_dir}: Material 의 bundle({BUNDLE_GLOB})이 {len(found)}개입니다 — 하나여야 "
                                 "합니다. 자산 경로가 바뀌었으면 scripts/bundle_patch.py 의 BUNDLE_GLOB 을 고치세요")
    out = found[0]
    for base in theme_dirs:
        original = Path(base) / Path(BUNDLE_GLOB).parent / out.name
        if original.is_file():
            out.write_text(patch_bundle(original.read_text(encoding="utf-8"), str(original)), encoding="utf-8")
            return out
    raise BundlePatchError(f"테마 폴더 {list(theme_dirs)} 에 {out.name} 이 없습니다")
