"""한국어 검색 훅(얇은 어댑터): 일은 scripts/search_index.py 가 합니다.

- on_config: terms.yml 에서 분석기에 알려 줄 낱말과 같은 말 표를 만들고, 원본의 낱말 가운데 캐시에 없는 것이 있으면
  형태소 분석기(Kiwi) 프로세스를 띄워 미리 보냅니다(빌드의 다른 일과 겹치게).
- on_post_build: 검색 플러그인이 쓴 search/search_index.json 을 가볍게 하고 복합어를 나눠 다시 쓰고,
  검색 워커에 한글 검색어 처리를 붙입니다. 워커는 늘 테마 폴더의 원본에서 만듭니다(serve 로 거듭 빌드해도 한 번만 붙음).
  Material 의 bundle 은 색인을 페이지를 열자마자가 아니라 검색창을 처음 열 때 받게 고칩니다(scripts/bundle_patch.py).
"""
from __future__ import annotations

import logging
import os
import time
from pathlib import Path

import yaml
from mkdocs.exceptions import PluginError

from scripts import search_index as si
from scripts import bundle_patch

_state: dict = {}
log = logging.getLogger("mkdocs.hooks.search_ko")


def _root(config) -> Path:
    return Path(config.config_file_path).resolve().parent


def on_config(config):
    if not any(name.split("/")[-1] == "search" for name in config.plugins):
        raise PluginError("hooks/search_ko.py 에는 mkdocs.yml 의 plugins 에 search 가 필요합니다")
    terms = yaml.load((_root(config) / "terms.yml").read_text(encoding="utf-8"),  # libyaml: 같은 결과, 빠름
                      Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    words = si.user_words(terms)
    key = si.cache_key(words)
    cache_file = _root(config) / Path(os.environ.get("DLB_CACHE_DIR", ".cache")) / "search" / "segments.json"
    # 같은 프로세스(serve, bench)에서는 띄운 분석기와 캐시를 다시 씁니다.
    segmenter = si.SEGMENTERS.get(key)
    if segmenter is None:
        segmenter = si.SEGMENTERS[key] = si.Segmenter(words, si.load_cache(cache_file, key))
    # 캐시에 없는 원본 낱말이 있으면 분석기 프로세스를 띄워 미리 보냅니다(빌드와 겹쳐 돎).
    segmenter.prefetch(si.source_words(_root(config)))
    _state.update(segmenter=segmenter, key=key, cache_file=cache_file, synonyms=si.synonyms(terms))
    return config


def on_post_build(config):
    site = Path(config.site_dir)
    segmenter = _state["segmenter"]
    start = time.perf_counter()
    try:
        index = site / "search" / "search_index.json"
        before = len(segmenter.cache)
        index.write_text(si.rewrite_index(index.read_text(encoding="utf-8"), segmenter), encoding="utf-8")
        if len(segmenter.cache) != before:
            si.save_cache(_state["cache_file"], _state["key"], segmenter.cache)
        out = si.find_worker(site)
        original = si.find_theme_worker(config.theme.dirs, out.name)
        out.write_text(si.patch_worker(original.read_text(encoding="utf-8"), str(original), _state["synonyms"]),
                       encoding="utf-8")
        bundle_patch.install(site, config.theme.dirs)
    except (si.SearchIndexError, bundle_patch.BundlePatchError) as exc:
        raise PluginError(str(exc)) from exc
    log.info(f"검색 색인: 새로 나눈 한글 낱말 {len(segmenter.cache) - before}개, {time.perf_counter() - start:.2f} s")


def on_shutdown():
    for segmenter in si.SEGMENTERS.values():
        segmenter.close()
