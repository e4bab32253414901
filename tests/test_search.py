"""한국어 검색: 색인 쪽(scripts/search_index.py), 검색어 쪽(scripts/search_query.js), 그리고 실제 브라우저.

브라우저 검사(tests/test_browser.py 의 test_public_query_set_in_browser)는 공개 검색어 모음(tests/search_queries.tsv)을
사람이 치듯 입력해 recall·precision 을 알리고, 95% 이상이 첫 3개 안에 기대한 페이지를 (관련 없는 결과가 그 위에 오지
않게) 찾아야 통과합니다.
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml

from scripts import bundle_patch
from scripts import search_index as si
from tests.conftest import ROOT

NODE = shutil.which("node")
MATERIAL_WORKER = next((Path(__import__("material").__file__).parent / "templates").glob(si.WORKER_GLOB))
MATERIAL_BUNDLE = next((Path(__import__("material").__file__).parent / "templates").glob(bundle_patch.BUNDLE_GLOB))


def tok(form, tag, start):
    return SimpleNamespace(form=form, tag=tag, start=start, len=len(form))


# --- 색인 쪽: MkDocs 없이 -------------------------------------------------------

def test_split_points_only_between_content_words():
    # 손실|함수|를: 명사끼리만 나누고 조사(를) 앞은 나누지 않습니다.
    assert si.split_points([tok("손실", "NNG", 0), tok("함수", "NNG", 2), tok("를", "JKO", 4)]) == [2]
    # 활성화|함수: 명사 파생 접미사(화) 뒤는 나눕니다. 한 글자 앞 조각(첨|자)은 떼지 않습니다.
    assert si.split_points([tok("활성", "NNG", 0), tok("화", "XSN", 2), tok("함수", "NNG", 3)]) == [3]
    assert si.split_points([tok("첨", "NNG", 0), tok("자", "NNG", 1)]) == []
    # 글자를 바꾼 분석(가까운 → 가깝+은)은 나누지 않습니다: 보이는 글자는 그대로.
    assert si.split_points([tok("가깝", "VA", 0), tok("은", "ETM", 2)]) == []


def test_segment_text_inserts_zero_width_space_only_at_cuts():
    text = "<p>손실함수를 줄입니다. 함수</p>"
    out = si.segment_text(text, {"손실함수를": [2], "줄입니다": []})
    assert out == "<p>손실\u200b함수를 줄입니다. 함수</p>"
    assert out.replace(si.ZWSP, "") == text


def test_slim_text_drops_notebook_duplicates_and_prompts():
    code = 'def f(x):\n    return x &gt; 0\n'
    text = f"In [3]: Copied! <pre>{code}</pre> def f(x):     return x &gt; 0  <p>다음   문단</p>"
    assert si.slim_text(text) == f"<pre>{code}</pre> <p>다음 문단</p>"
    # 코드 뒤의 평문이 코드와 다르면 그대로 둡니다(본문을 잃지 않음).
    other = "<pre>x = 1\n</pre> 다른 글"
    assert si.slim_text(other) == other


def test_rewrite_index_needs_zero_width_space_in_separator():
    raw = json.dumps({"config": {"separator": "[\\s]+"}, "docs": []})
    with pytest.raises(si.SearchIndexError, match="separator"):
        si.rewrite_index(raw, si.Segmenter(cache={}))


def test_rewrite_index_uses_cache_and_writes_utf8():
    raw = json.dumps({"config": {"separator": "[\\s\\u200b]+"},
                      "docs": [{"location": "a/", "title": "손실함수", "text": "<p>손실함수   값</p>"}]})
    seg = si.Segmenter(cache={"손실함수": [2]})  # 캐시에 다 있으면 분석기를 띄우지 않습니다
    out = si.rewrite_index(raw, seg)
    assert not seg.started
    assert "손실\u200b함수" in out and "\\u" not in out.split('"docs"')[1]
    assert json.loads(out)["docs"][0]["text"] == "<p>손실\u200b함수 값</p>"


def test_cache_round_trip_and_key(tmp_path):
    path = tmp_path / "segments.json"
    si.save_cache(path, "k1", {"손실함수": [2]})
    assert si.load_cache(path, "k1") == {"손실함수": [2]}
    assert si.load_cache(path, "k2") == {}  # 규칙·분석기·용어가 바뀌면 새로
    assert si.cache_key(["가중치"]) != si.cache_key(["가중치", "편향"])


def test_synonyms_from_terms_yml():
    terms = yaml.safe_load((ROOT / "terms.yml").read_text(encoding="utf-8"))
    syn = si.synonyms(terms)
    assert syn["오버피팅"] == "과적합"          # 다른 이름(also)·쓰지 않을 말(avoid)
    assert syn["러닝레이트"] == "학습률"        # 띄어 쓴 것도 붙인 열쇠로
    assert syn["overfitting"] == "과적합"       # 영어 이름
    assert syn["sgd"] == "확률적"               # 약어 → 머리말(경사·하강법)을 뺀 표준 용어
    assert syn["렐루"] == "ReLU"
    assert "경사하강법" not in syn              # 용어를 붙여 쓴 것은 검색어 나누기가 맡습니다
    ko = {si.normalize_key(t["ko"]) for t in terms}
    assert not ko & set(syn), "표준 용어가 다른 용어로 넘어가면 안 됩니다"


def test_user_words_are_term_words():
    words = si.user_words([{"ko": "경사 하강법"}, {"ko": "ReLU 함수"}, {"ko": "층"}])
    assert words == ["경사", "하강법", "함수"]


def test_worker_patch_is_pinned_to_material_worker():
    """Material 을 올려 워커가 바뀌면 이 검사와 빌드가 함께 실패합니다(scripts/search_index.py 의 WORKER_SHA256)."""
    source = MATERIAL_WORKER.read_text(encoding="utf-8")
    patched = si.patch_worker(source, str(MATERIAL_WORKER), {"오버피팅": "과적합"})
    assert patched.count(si.PATCH_CALL) == 1 and patched.startswith(si.PATCHED_MARK)
    assert '"오버피팅":"과적합"' in patched
    with pytest.raises(si.SearchIndexError, match="WORKER_SHA256"):
        si.patch_worker(source.replace("lunr", "lunr ", 1), "worker.js", {})


def test_bundle_patch_is_pinned_to_material_bundle():
    """색인을 처음 쓸 때 받기·팔레트 고치기(scripts/bundle_patch.py): 고칠 자리마다 정확히 한 번 바뀌고, Material 을 올려
    bundle 이 바뀌면 이 검사와 빌드가 함께 실패합니다(BUNDLE_SHA256)."""
    source = MATERIAL_BUNDLE.read_text(encoding="utf-8")
    patched = bundle_patch.patch_bundle(source, str(MATERIAL_BUNDLE))
    assert patched.startswith(bundle_patch.MARK)
    for old, new, _ in bundle_patch.PATCHES:
        assert old not in patched and patched.count(new) == 1
    assert "search/search_index.json" in patched  # 색인 주소는 그대로(받는 때만 바뀜)
    with pytest.raises(bundle_patch.BundlePatchError, match="BUNDLE_SHA256"):
        bundle_patch.patch_bundle(source.replace("search", "search ", 1), "bundle.js")


def test_kiwi_splits_compounds_and_keeps_term_words():
    seg = si.Segmenter(user_words=["가중치"], cache={})
    seg.prefetch(["손실함수를", "가중치초기화"])  # 빌드 초반에 미리 보낸 것과 뒤에 묻는 것을 함께
    try:
        cuts = seg.cuts(["손실함수를", "가중치초기화", "과적합을"])
    finally:
        seg.close()
    assert si.segment_text("손실함수를", cuts) == "손실\u200b함수를"
    assert si.segment_text("가중치초기화", cuts) == "가중치\u200b초기화"
    assert cuts["과적합을"] == []  # 조사는 떼지 않습니다(앞부분 일치로 찾음)


# --- 검색어 쪽: node 로 scripts/search_query.js ----------------------------------

def _node(expr: str):
    if not NODE:
        pytest.skip("node 가 없습니다")
    js = f"const q = require({json.dumps(str(si.QUERY_JS))}); console.log(JSON.stringify({expr}))"
    proc = subprocess.run([NODE, "-e", js], capture_output=True, text=True, timeout=30)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


INDEX = json.dumps({k: {} for k in ["손실", "함수", "함수를", "가중치", "초기화", "과적합", "과적합을", "은닉층",
                                     "은닉층에서", "경사", "하강법", "층", "학습률", "relu"]})


def test_query_segmentation_against_index():
    out = _node(f"""['손실함수', '가중치초기화', '경사하강법', '과적합을', '은닉층에서', '학습률이', '함수',
                   '블록체인', '손실', '층'].map(w => q.segmentWord(w, {INDEX}))""")
    assert out == [["손실", "함수"], ["가중치", "초기화"], ["경사", "하강법"], ["과적합"], ["은닉층"], ["학습률"],
                   ["함수"], ["블록체인"], ["손실"], ["층"]]


def test_query_keeps_words_the_index_does_not_know():
    # 한 글자 조각으로 억지로 나누지 않습니다: 없는 말은 없는 그대로(결과 없음).
    assert _node(f"q.segmentWord('층층층학', {INDEX})") == ["층층층학"]


def test_synonym_expansion():
    syn = json.dumps({"오버피팅": "과적합", "러닝레이트": "학습률", "sgd": "확률적", "ai": "인공지능"})
    out = _node(f"""[q.expandSynonyms('오버피팅', {syn}), q.expandSynonyms('러닝 레이트', {syn}),
                    q.expandSynonyms('SGD', {syn}), q.expandSynonyms('train', {syn}),
                    q.expandSynonyms('과적합', {syn})]""")
    assert out == ["오버피팅 과적합", "러닝 레이트 학습률", "SGD 확률적", "train", "과적합"]


# --- 빌드된 사이트 ---------------------------------------------------------------

def test_built_index_is_segmented_slim_and_pages_untouched(site_dir):
    raw = (site_dir / "search" / "search_index.json").read_text(encoding="utf-8")
    data = json.loads(raw)
    text = "".join(d["text"] for d in data["docs"])
    assert si.ZWSP in text, "색인에 나눈 복합어가 없습니다(hooks/search_ko.py 가 돌았나요?)"
    assert "Copied!" not in text and not re.search(r"In \[\d*\]:", text)
    # 한글은 \uXXXX(6바이트)가 아니라 UTF-8(3바이트)로 씁니다.
    assert re.search("[가-힣]", raw) and not re.search(r"\\u(?:a[c-f]|b[0-9a-f]|c[0-9a-f]|d[0-7])[0-9a-f]{2}", raw)
    assert {k for d in data["docs"] for k in d} <= {"location", "title", "text", "tags", "boost"}
    # 보이는 페이지에는 나누기 표시(한글 사이의 \u200b)를 넣지 않습니다. 빌드 때 그린 KaTeX 의 HTML 은 제 몫의 \u200b 를
    # 빈 칸(<span class="vlist-s">)에 쓰므로, 한글과 한글 사이에 낀 것만 셉니다.
    split_mark = re.compile(f"[가-힣]{si.ZWSP}[가-힣]")
    leaked = [p.parent.relative_to(site_dir).as_posix() for p in site_dir.rglob("index.html")
              if split_mark.search(p.read_text(encoding="utf-8"))]
    assert not leaked, f"페이지 글에 \\u200b 가 들어갔습니다: {leaked}"
    worker = si.find_worker(site_dir).read_text(encoding="utf-8")
    assert worker.startswith(si.PATCHED_MARK) and worker.count(si.PATCH_CALL) == 1
    bundles = sorted(site_dir.glob(bundle_patch.BUNDLE_GLOB))
    assert len(bundles) == 1 and bundles[0].read_text(encoding="utf-8").startswith(bundle_patch.MARK), \
        "사이트의 Material bundle 이 고쳐지지 않았습니다(hooks/search_ko.py 가 scripts/bundle_patch.py 를 불렀나요?)"


# 실제 브라우저로 검색어 모음을 치는 검사와 강조 검사는 tests/test_browser.py 에 있습니다(브라우저 픽스처를 함께 씀).
