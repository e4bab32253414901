"""그림 SVG 최적화(scripts/svg_optimise.py, 고정된 svgo): 작아지고, 결정적이고, 크기·viewBox 를 그대로 둡니다."""
from __future__ import annotations

import re

import pytest

from scripts import figures, svg_optimise
from scripts.figures import build

REGISTRY = figures.load_all()


@pytest.fixture(scope="module")
def raw():
    return build.render_raw(REGISTRY["sigmoid"], "light")


def test_optimised_svg_is_smaller_deterministic_and_keeps_its_size(raw):
    a = svg_optimise.optimise(raw, cache=False)
    b = svg_optimise.optimise(raw, cache=False)
    assert a == b
    assert len(a) < 0.75 * len(raw)
    size = re.compile(rb'<svg[^>]*? width="([\d.]+)pt" height="([\d.]+)pt"[^>]*viewBox="([^"]+)"')
    assert size.search(a).groups() == size.search(raw).groups()  # hooks/figures.py 가 pt 로 img 크기를 정함
    assert b"xlink:" not in a and b"<metadata" not in a


def test_cache_is_used_for_the_same_input(raw, tmp_path, monkeypatch):
    first = svg_optimise.optimise(raw, cache=tmp_path)
    monkeypatch.setattr(svg_optimise, "_run", lambda svg: pytest.fail("캐시가 있는데 svgo 를 다시 불렀습니다"))
    assert svg_optimise.optimise(raw, cache=tmp_path) == first
    assert [p.name for p in tmp_path.iterdir()] == [f"{svg_optimise.cache_key(raw)}.svg"]


def test_broken_svg_is_an_error_naming_svgo():
    with pytest.raises(ValueError, match="svgo"):
        svg_optimise.optimise(b"<svg><g></svg>", cache=False)
