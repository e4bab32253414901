"""그림 검사: 다시 그려도 바이트 단위로 같고, 한글 글리프가 빠지면 실패합니다."""
from __future__ import annotations

import pytest

from scripts import figures
from scripts.figures import build, style

REGISTRY = figures.load_all()


@pytest.mark.parametrize("name", sorted(REGISTRY))
def test_figure_is_deterministic_and_matches_the_build(name, site_dir):
    for theme in style.THEMES:
        suffix = ".svg" if theme == "light" else f".{theme}.svg"
        built = (site_dir / "figures" / f"{name}{suffix}").read_bytes()
        again = build.render(REGISTRY[name], theme)
        assert again == built, f"그림 '{name}' ({theme})을 다시 그렸더니 빌드 결과와 다릅니다(비결정적이거나 캐시가 낡음)"
        assert b"<svg" in again and b"Date" not in again.split(b"<svg", 1)[0]


def test_both_variants_differ_in_colour():
    name = sorted(REGISTRY)[0]
    assert build.render(REGISTRY[name], "light") != build.render(REGISTRY[name], "dark")


def test_missing_glyph_is_an_error():
    def draw(ax):
        ax.set_title("활성화 함수 \U0001F9E0")  # Pretendard 에 없는 글리프(이모지)

    spec = figures.FigureSpec("glyph-probe", draw, __name__)
    with pytest.raises(UserWarning, match="Glyph"):
        build.render(spec, "light")


def test_hangul_renders_with_the_pinned_font():
    def draw(ax):
        ax.set_title("시그모이드 함수의 도함수 −0.25")

    spec = figures.FigureSpec("hangul-probe", draw, __name__)
    assert b"<path" in build.render(spec, "light")
    assert style.register_fonts() == "Pretendard"


def test_figure_names_are_slugs():
    with pytest.raises(ValueError):
        figures.figure("시그모이드")
