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
        if again != built:  # pytest 의 바이트 diff(수백 줄) 대신 짧은 요약만
            pytest.fail(_difference(name, theme, built, again), pytrace=False)
        assert b"<svg" in again and b"Date" not in again.split(b"<svg", 1)[0]


def _difference(name: str, theme: str, built: bytes, again: bytes) -> str:
    """긴 SVG diff 대신: 그림 함수의 자리, 달라진 줄 수, 처음 달라진 줄 하나."""
    spec = REGISTRY[name]
    a, b = built.decode(errors="replace").splitlines(), again.decode(errors="replace").splitlines()
    diff = [(i, x, y) for i, (x, y) in enumerate(zip(a, b), 1) if x != y]
    first = diff[0] if diff else (min(len(a), len(b)) + 1, "(끝)", "(끝)")
    return (f"{spec.module.replace('.', '/')}.py:{spec.draw.__name__}: 그림 '{name}'({theme})을 다시 그렸더니 빌드 결과와 "
            f"다릅니다 — 줄 {len(a)}→{len(b)}개, 다른 줄 {len(diff)}개. 처음 다른 줄 {first[0]}:\n"
            f"  빌드: {first[1][:120]}\n  다시: {first[2][:120]}\n"
            "난수에 고정 시드를 주고(np.random.default_rng(0)), 시각·순서에 기대는 값이 없는지 보세요.")


def test_determinism_message_names_the_figure_function():
    name = sorted(REGISTRY)[0]
    message = _difference(name, "light", b"<svg>\n<path d='1'/>\n</svg>", b"<svg>\n<path d='2'/>\n</svg>")
    assert message.startswith(f"{REGISTRY[name].module.replace('.', '/')}.py:{REGISTRY[name].draw.__name__}:")
    assert "다른 줄 1개" in message and "빌드: <path d='1'/>" in message


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
