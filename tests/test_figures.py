"""그림 검사: 다시 그려도 바이트 단위로 같고, 한글 글리프가 빠지면 실패합니다."""
from __future__ import annotations

import gc
import warnings

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
    # svgo 를 거친 SVG 는 한 줄이 길므로, 줄의 처음이 아니라 처음 다른 글자 언저리를 보여 줍니다.
    at = next((k for k, (x, y) in enumerate(zip(first[1], first[2])) if x != y), min(len(first[1]), len(first[2])))
    lo = max(0, at - 50)
    return (f"{spec.module.replace('.', '/')}.py:{spec.draw.__name__}: 그림 '{name}'({theme})을 다시 그렸더니 빌드 결과와 "
            f"다릅니다 — 줄 {len(a)}→{len(b)}개, 다른 줄 {len(diff)}개. 처음 다른 줄 {first[0]}, {at + 1}번째 글자부터:\n"
            f"  빌드: …{first[1][lo:lo + 120]}\n  다시: …{first[2][lo:lo + 120]}\n"
            "난수에 고정 시드를 주고(np.random.default_rng(0)), 시각·순서에 기대는 값이 없는지 보세요.")


def test_determinism_message_names_the_figure_function():
    name = sorted(REGISTRY)[0]
    message = _difference(name, "light", b"<svg>\n<path d='1'/>\n</svg>", b"<svg>\n<path d='2'/>\n</svg>")
    assert message.startswith(f"{REGISTRY[name].module.replace('.', '/')}.py:{REGISTRY[name].draw.__name__}:")
    assert "다른 줄 1개" in message and "빌드: …<path d='1'/>" in message
    # 한 줄짜리 긴 SVG(svgo): 처음 다른 글자 언저리가 보입니다
    long_a, long_b = b"<svg>" + b"x" * 500 + b"A" + b"y" * 500, b"<svg>" + b"x" * 500 + b"B" + b"y" * 500
    message = _difference(name, "light", long_a, long_b)
    assert "506번째 글자부터" in message and "xA" in message and "xB" in message


def test_both_variants_differ_in_colour():
    name = sorted(REGISTRY)[0]
    assert build.render(REGISTRY[name], "light") != build.render(REGISTRY[name], "dark")


def test_missing_glyph_is_an_error():
    def draw(ax):
        ax.set_title("활성화 함수 \U0001F9E0")  # Pretendard 에 없는 글리프(이모지)

    spec = figures.FigureSpec("glyph-probe", draw, __name__)
    with pytest.raises(UserWarning, match="Glyph") as raised:
        build.render(spec, "light")
    # 그리다 만 matplotlib 의 글꼴 파일이 예외의 트레이스백에 묶여 남습니다. 나중의 가비지 수집이 다른 테스트 중에
    # ResourceWarning 을 내지 않게 여기서 거둡니다(일부러 낸 예외의 뒷정리라 경고는 볼 것이 없음).
    del raised
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        gc.collect()


def test_hangul_renders_with_the_pinned_font():
    def draw(ax):
        ax.set_title("시그모이드 함수의 도함수 −0.25")

    spec = figures.FigureSpec("hangul-probe", draw, __name__)
    assert b"<path" in build.render(spec, "light")
    assert style.register_fonts() == "Pretendard"


def test_figure_names_are_slugs():
    with pytest.raises(ValueError):
        figures.figure("시그모이드")


# ------------------------------------------------------------------ 복잡한 그림의 수치 표
def test_figure_data_is_attached_after_its_figure_and_described_by_it():
    from scripts.figures import FigureData, attach_data, data_html

    table = data_html("paths", FigureData("요약입니다.", ("기법", "값"), (("SGD", "1 < 2"),)))
    assert 'id="figure-data-paths"' in table and "<th scope=\"row\">SGD</th><td>1 &lt; 2</td>" in table
    page = ('<p>앞</p><figure><img alt="경로" src="../figures/paths.svg#only-light" loading="lazy">'
            '<img alt="경로" src="../figures/paths.dark.svg#only-dark" loading="lazy"><figcaption>그림 1</figcaption>'
            '</figure><figure><img alt="다른" src="../figures/other.svg"></figure>')
    out = attach_data(page, {"paths": table})
    assert out.count('aria-describedby="figure-data-paths"') == 2, out
    assert out.index("</figure>") < out.index(table) < out.index('<figure><img alt="다른"')
    assert 'alt="다른" src="../figures/other.svg">' in out, "수치 표가 없는 그림은 그대로"


def test_complex_figures_have_data_tables_computed_from_the_drawn_data():
    from scripts import figures as reg
    from snippets import landscapes as ls
    from snippets.optimizers import SGD, run

    reg.load_all()
    assert {"optimizer-paths", "gd-paths", "activation-histograms", "vanishing-gradient"} <= set(reg.DATA)
    assert set(reg.DATA) <= set(reg.REGISTRY), "수치 표는 등록된 그림에만"
    paths = reg.DATA["optimizer-paths"]()
    sgd = run(SGD(0.95), ls.elongated_grad, (-7.0, 2.0), 30)  # 그림과 같은 설정으로 따로 계산
    row = next(r for r in paths.rows if r[0].startswith("SGD"))
    want = f"({sgd[30][0]:.2f}, {sgd[30][1]:.2f}), f = {ls.elongated(sgd[30]):.3f}".replace("-", "−")
    assert row[-1].replace("\u00a0", " ") == want
    for name, make in reg.DATA.items():
        data = make()
        assert data.rows and all(len(r) == len(data.columns) for r in data.rows), name
        assert data.summary.rstrip().endswith("다."), f"{name}: 요약은 합니다체 문장으로"


def test_figure_inputs_follow_snippet_imports_transitively():
    """그림이 쓰는 snippets 모듈이 다시 가져다 쓰는 모듈(예: Dropout 이 든 regularization)을 고쳐도 그림이 다시 그려지도록,
    입력 해시에 거쳐 가는 모듈까지 들어갑니다. 다른 그림 모듈은 들어가지 않습니다."""
    import sys

    from scripts import figures as reg
    from scripts.figures import build as fb

    reg.load_all()
    files = {p.relative_to(fb.ROOT).as_posix() for p in fb.input_files(sys.modules[reg.REGISTRY["mlp-overfitting"].module])}
    assert {"snippets/overfit_mlp.py", "snippets/regularization.py", "snippets/backprop.py"} <= files, files
    assert "scripts/figures/training.py" not in files
