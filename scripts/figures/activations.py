"""II.3 활성화 함수의 그림들. 값은 모두 snippets.activations 의 함수로 계산합니다.

색: 함수 = fn(파랑), 도함수 = deriv(주황), 비교용 = ref(회색)·extra(보라), 강조 = good/bad.
글자는 되도록 유니코드(σ, ′, ², ₁)로 씁니다. mathtext보다 빠르고 본문 글꼴과 같아 보입니다.
"""
import numpy as np
from matplotlib.patches import Circle, FancyArrowPatch, FancyBboxPatch

from scripts.figures import figure
from scripts.figures.style import color
from snippets.activations import (
    gelu, gelu_grad, identity, identity_grad, leaky_relu, leaky_relu_grad, relu, relu_grad, sigmoid, sigmoid_grad,
    silu, silu_grad, softmax, step, step_grad, tanh, tanh_grad, thermometer,
)

X = np.linspace(-6, 6, 601)
X3 = np.linspace(-3, 3, 301)
DOT = 6.5  # 열린·닫힌 점의 크기(pt)


def _dot(ax, x, y, c, filled=True):
    """닫힌 점(그 값을 가짐)과 열린 점(그 값을 갖지 않음)."""
    ax.plot([x], [y], "o", ms=DOT, mew=1.8, color=c, mfc=c if filled else "none", zorder=5, clip_on=False)


def _split(ax, x, y, at, c, gap=0.0, gap_left=0.0, **kw):
    """at에서 끊어지는 함수를 두 조각으로 그립니다(세로선이 생기지 않게). gap만큼 열린 점 자리를 비웁니다."""
    left, right = x <= at - gap_left, x > at + gap
    ax.plot(x[left], y[left], color=c, **kw)
    return ax.plot(x[right], y[right], color=c, **kw)


def _hline(ax, y, c=None, ls=":", lw=1.1):
    ax.axhline(y, color=c or color("muted"), ls=ls, lw=lw, zorder=1)


def _arrow(c):
    return {"arrowstyle": "->", "color": c, "lw": 1.1, "shrinkA": 2, "shrinkB": 4}


def _margins(axes, left=0.6, right=0.15, bottom=0.5, top=0.15, wspace=0.2, hspace=0.2):
    """여백을 인치로 직접 정합니다. constrained layout 계산을 건너뛰면 그림 하나가 30 % 쯤 빨라집니다."""
    fig = np.ravel(axes)[0].figure
    w, h = fig.get_size_inches()
    fig.set_layout_engine("none")
    np.ravel(axes)[0].get_gridspec().update(left=left / w, right=1 - right / w, bottom=bottom / h,
                                            top=1 - top / h, wspace=wspace, hspace=hspace)


# ---------------------------------------------------------------------------------------------
# F03 계단 함수와 체온 측정기
# ---------------------------------------------------------------------------------------------
@figure("step-thermometer", size=(7.0, 3.0), grid=(1, 2))
def draw_step_thermometer(axes):
    ax, bx = axes
    fn, bad = color("fn"), color("bad")

    _split(ax, X3, step(X3), 0.0, fn, gap=0.09)
    _dot(ax, 0, 0, fn, filled=True)
    _dot(ax, 0, 1, fn, filled=False)
    ax.set_title("계단 함수 step(x)", fontsize=11)
    ax.set_xlabel("입력 x")
    ax.set_xticks([-3, 0, 3])
    ax.text(0.25, 0.2, "step(0) = 0", color=color("muted"), fontsize=9.5)

    temp = np.linspace(36.5, 38.5, 401)
    # 37.5 는 '이상'에 들어가므로 (37.5, 1)이 닫힌 점, (37.5, 0)이 열린 점입니다.
    below, above = temp < 37.5 - 0.03, temp >= 37.5
    bx.plot(temp[below], thermometer(temp[below]), color=fn)
    bx.plot(temp[above], thermometer(temp[above]), color=fn)
    _dot(bx, 37.5, 1, fn, filled=True)
    _dot(bx, 37.5, 0, fn, filled=False)
    bx.plot([37.4], [thermometer(37.4)], "o", ms=5, color=bad, zorder=6)
    bx.annotate("37.4℃ → 0", (37.4, 0.02), xytext=(36.55, 0.3), fontsize=9.5, color=bad,
                arrowprops=_arrow(bad))
    bx.annotate("37.49999℃ → 0", (37.47, 0.03), xytext=(36.75, 0.55), fontsize=9.5, color=bad,
                arrowprops=_arrow(bad))
    bx.text(37.58, 0.84, "출입 금지 (y = 1)", fontsize=9.5, va="top")
    bx.text(36.55, -0.07, "출입 가능 (y = 0)", fontsize=9.5, va="top")
    bx.set_title("체온 측정기: 37.5℃ 이상이면 1", fontsize=11)
    bx.set_xlabel("체온 T (℃)")
    bx.set_xticks([36.5, 37.0, 37.5, 38.0, 38.5])
    for a in axes:
        a.set_ylim(-0.26, 1.12)
        a.set_yticks([0, 1])
    _margins(axes, left=0.35, bottom=0.58, top=0.32, wspace=0.14)


# ---------------------------------------------------------------------------------------------
# F09 시그모이드와 계단 함수
# ---------------------------------------------------------------------------------------------
@figure("sigmoid", size=(6.4, 3.1))
def draw_sigmoid(ax):
    _hline(ax, 0.5, ls="--", lw=0.9)
    _split(ax, X, step(X), 0.0, color("ref"), lw=1.6, ls="--")[0].set_label("계단 함수")
    ax.plot(X, sigmoid(X), color=color("fn"), label="시그모이드 σ(x)")
    _dot(ax, 0, 0.5, color("fn"))
    ax.annotate("σ(0) = 0.5", (0, 0.5), xytext=(1.0, 0.3), fontsize=10, arrowprops=_arrow(color("muted")))
    ax.set_xlabel("입력 x")
    ax.set_ylabel("출력")
    ax.set_ylim(-0.08, 1.08)
    ax.set_yticks([0, 0.5, 1])
    ax.legend(loc="upper left")
    _margins(ax, left=0.75, bottom=0.58, top=0.12)


# ---------------------------------------------------------------------------------------------
# F10 tanh와 시그모이드
# ---------------------------------------------------------------------------------------------
@figure("tanh", size=(6.4, 3.4))
def draw_tanh(ax):
    for y in (-1, 0, 1):
        _hline(ax, y)
    ax.plot(X, sigmoid(X), color=color("extra"), lw=1.7, label="시그모이드 σ(x): 중심 0.5")
    ax.plot(X, tanh(X), color=color("fn"), label="tanh x: 중심 0")
    xs = X[::30]
    ax.plot(xs, 2 * sigmoid(2 * xs) - 1, "o", ms=4.5, mfc="none", mew=1.2, color=color("fg"),
            label="2σ(2x) − 1 (점)")
    _dot(ax, 0, 0, color("fn"))
    _dot(ax, 0, 0.5, color("extra"))
    ax.set_xlabel("입력 x")
    ax.set_ylabel("출력")
    ax.set_ylim(-1.15, 1.15)
    ax.set_yticks([-1, -0.5, 0, 0.5, 1])
    ax.legend(loc="upper left", fontsize=9.5)
    _margins(ax, left=0.8, bottom=0.58, top=0.12)


# ---------------------------------------------------------------------------------------------
# F11 시그모이드의 도함수(최댓값 0.25)
# ---------------------------------------------------------------------------------------------
@figure("sigmoid-derivative", size=(6.4, 3.1))
def draw_sigmoid_derivative(ax):
    deriv = color("deriv")
    ax.plot(X, sigmoid(X), color=color("fn"), label="σ(x)")
    ax.plot(X, sigmoid_grad(X), color=deriv, label="σ′(x) = σ(x)(1 − σ(x))")
    _hline(ax, 0.25, deriv, ls=":")
    _dot(ax, 0, sigmoid_grad(0.0), deriv)
    ax.annotate("최댓값 0.25 (x = 0)", (0, 0.25), xytext=(1.4, 0.42), fontsize=10, color=deriv,
                arrowprops=_arrow(deriv))
    ax.set_xlabel("입력 x")
    ax.set_ylim(-0.05, 1.08)
    ax.set_yticks([0, 0.25, 0.5, 0.75, 1])
    ax.legend(loc="upper left")
    _margins(ax, left=0.55, bottom=0.58, top=0.12)


# ---------------------------------------------------------------------------------------------
# 기울기 소실: 시그모이드 층 n개를 지날 때 곱해지는 최대 배율 0.25ⁿ
# ---------------------------------------------------------------------------------------------
SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def _power_of_ten(t):
    return "1" if t == 1 else "10" + str(int(round(np.log10(t)))).translate(SUPERSCRIPT)


@figure("vanishing-product", size=(6.4, 3.0))
def draw_vanishing_product(ax):
    n = np.arange(1, 21)
    best_sigmoid = sigmoid_grad(0.0) ** n       # 0.25ⁿ
    best_tanh = tanh_grad(0.0) ** n             # 1ⁿ = 1
    ax.plot(n, best_tanh, "-", color=color("ref"), lw=1.6, label="tanh′ 최댓값(1)의 곱 = 1")
    ax.plot(n, best_sigmoid, "o-", ms=4.5, lw=1.6, color=color("deriv"), label="σ′ 최댓값(0.25)의 곱 = 0.25ⁿ")
    _hline(ax, 1e-6, color("bad"), ls="--")
    ax.text(20.3, 1.6e-6, "10⁻⁶", color=color("bad"), fontsize=9.5, ha="right", va="bottom")
    mant, expo = f"{best_sigmoid[9]:.1e}".split("e")
    ax.annotate(f"n = 10: {mant} × 10{str(int(expo)).translate(SUPERSCRIPT)}", (10, best_sigmoid[9]),
                xytext=(3.2, 2e-9), fontsize=10, arrowprops=_arrow(color("muted")))
    ax.set_yscale("log")
    ax.minorticks_off()
    ticks = [1e0, 1e-3, 1e-6, 1e-9, 1e-12]
    ax.set_yticks(ticks, [_power_of_ten(t) for t in ticks])
    ax.set_ylim(1e-13, 5)
    ax.set_xticks([1, 5, 10, 15, 20])
    ax.set_xlabel("지나온 층의 수 n")
    ax.set_ylabel("곱해지는 최대 배율")
    ax.legend(loc="lower left", fontsize=9.5)
    _margins(ax, left=0.9, bottom=0.58, top=0.12)


# ---------------------------------------------------------------------------------------------
# F12 ReLU와 Leaky ReLU, 그리고 도함수(0에서 열린 점)
# ---------------------------------------------------------------------------------------------
LEAK = 0.1  # 그림에서 잘 보이도록 크게 잡은 a (흔히 쓰는 값은 0.01)


@figure("relu", size=(7.0, 4.6), grid=(2, 2))
def draw_relu(axes):
    fn, deriv = color("fn"), color("deriv")
    (a, b), (c, d) = axes
    a.plot(X3, relu(X3), color=fn)
    a.set_title("ReLU(x) = max(0, x)", fontsize=11)
    c.plot(X3, leaky_relu(X3, LEAK), color=fn)
    c.set_title(f"Leaky ReLU (a = {LEAK})", fontsize=11)

    _split(b, X3, relu_grad(X3), 0.0, deriv, gap=0.07)
    _dot(b, 0, 0, deriv)
    _dot(b, 0, 1, deriv, filled=False)
    b.set_title("ReLU′(x)", fontsize=11)
    b.text(-2.9, 0.22, "x < 0: 도함수 0\n→ 죽은 ReLU 위험", fontsize=9.5, color=color("bad"))

    _split(d, X3, leaky_relu_grad(X3, LEAK), 0.0, deriv, gap=0.07)
    _dot(d, 0, LEAK, deriv)
    _dot(d, 0, 1, deriv, filled=False)
    d.set_title("Leaky ReLU′(x)", fontsize=11)
    d.text(-2.9, 0.3, f"x < 0: 도함수 a = {LEAK}", fontsize=9.5, color=color("good"))

    for ax in (a, c):
        ax.set_ylim(-0.6, 3.1)
        ax.set_yticks([0, 1, 2, 3])
    for ax in (b, d):
        ax.set_ylim(-0.15, 1.15)
        ax.set_yticks([0, 0.5, 1])
    for ax in axes.flat:
        ax.set_xticks([-3, 0, 3])
    for ax in (a, b):
        ax.tick_params(labelbottom=False)
    for ax in (c, d):
        ax.set_xlabel("입력 x")
    _margins(axes, left=0.45, bottom=0.58, top=0.32, wspace=0.16, hspace=0.3)


# ---------------------------------------------------------------------------------------------
# F13 도함수 다섯 개를 같은 눈금으로
# ---------------------------------------------------------------------------------------------
@figure("derivatives", size=(7.0, 2.5), grid=(1, 5))
def draw_derivatives(axes):
    deriv, muted = color("deriv"), color("muted")
    x = np.linspace(-4, 4, 401)
    panels = [
        ("계단", step_grad, "어디서나 0"),
        ("시그모이드", sigmoid_grad, "최대 0.25"),
        ("tanh", tanh_grad, "최대 1"),
        ("ReLU", relu_grad, "0 또는 1"),
        ("Leaky ReLU", lambda v: leaky_relu_grad(v, LEAK), f"{LEAK} 또는 1"),
    ]
    for i, (ax, (title, grad, note)) in enumerate(zip(axes, panels)):
        _hline(ax, 0.25, muted, ls=":", lw=1.0)
        if title in ("계단", "ReLU", "Leaky ReLU"):
            _split(ax, x, grad(x), 0.0, deriv, gap=0.25, gap_left=0.25 if title == "계단" else 0.0)
            if title == "계단":
                _dot(ax, 0, 0, deriv, filled=False)  # 0에서는 미분이 정의되지 않음
            else:
                _dot(ax, 0, grad(0.0), deriv)
                _dot(ax, 0, 1, deriv, filled=False)
        else:
            ax.plot(x, grad(x), color=deriv)
        ax.set_title(f"{title}\n{note}", fontsize=10, linespacing=1.4)
        ax.set_ylim(-0.1, 1.1)
        ax.set_xlim(-4, 4)
        ax.set_xticks([-3, 0, 3])
        ax.set_yticks([0, 0.25, 1])
        if i:
            ax.tick_params(labelleft=False)
    axes[2].set_xlabel("입력 x")
    _margins(axes, left=0.5, bottom=0.58, top=0.55, wspace=0.1)


# ---------------------------------------------------------------------------------------------
# F14 붓꽃 분류 신경망의 마지막 부분: h → z → 소프트맥스 → 확률
# ---------------------------------------------------------------------------------------------
CLASSES = ["setosa", "versicolor", "virginica"]
PROBS = np.array([0.2, 0.1, 0.7])
# 소프트맥스가 정확히 PROBS를 내는 로짓: log p 에서 setosa의 값을 빼 둡니다(상수를 빼도 결과는 같음).
LOGITS = np.log(PROBS) - np.log(PROBS[0])


@figure("softmax-iris", size=(7.0, 3.3))
def draw_softmax_iris(ax):
    fg, fn, muted, panel, good = color("fg"), color("fn"), color("muted"), color("panel"), color("good")
    probs = softmax(LOGITS)
    ys = [2.6, 1.6, 0.6]
    x_h, x_z, x_p = 0.6, 3.0, 6.7
    r = 0.33

    def node(x, y, text, edge, lw=1.6):
        ax.add_patch(Circle((x, y), r, facecolor=panel, edgecolor=edge, lw=lw, zorder=3))
        ax.text(x, y, text, ha="center", va="center", fontsize=12, zorder=4)

    for yi in ys:
        for yj in ys:
            strong = yj == ys[0]
            ax.plot([x_h + r, x_z - r], [yi, yj], color=fn if strong else muted,
                    lw=1.4 if strong else 0.8, alpha=1 if strong else 0.6, zorder=2)
    for k, yi in enumerate(ys):
        node(x_h, yi, f"h{'₁₂₃'[k]}", muted)
        node(x_z, yi, f"z{'₁₂₃'[k]}", fn)
    # z₁ 로 들어오는 가중치: 도착 노드 1, 출발 노드 i → w₁ᵢ
    for k, yi in enumerate(ys):
        t = 0.5
        ax.text(x_h + r + t * (x_z - x_h - 2 * r), yi + t * (ys[0] - yi), f"w₁{'₁₂₃'[k]}",
                fontsize=10, color=fn, ha="center", va="center", zorder=4,
                bbox={"boxstyle": "round,pad=0.12", "facecolor": panel, "edgecolor": "none"})

    box = FancyBboxPatch((4.0, 0.25), 1.3, 2.7, boxstyle="round,pad=0.02,rounding_size=0.15",
                         facecolor=panel, edgecolor=color("deriv"), lw=1.6, zorder=3)
    ax.add_patch(box)
    ax.text(4.65, 1.6, "소프트\n맥스", ha="center", va="center", fontsize=12, zorder=4, linespacing=1.3)
    for yi in ys:
        ax.add_patch(FancyArrowPatch((x_z + r, yi), (4.0, yi), arrowstyle="-|>", mutation_scale=10,
                                     color=muted, lw=1.1, zorder=2))
        ax.add_patch(FancyArrowPatch((5.3, yi), (x_p - r, yi), arrowstyle="-|>", mutation_scale=10,
                                     color=muted, lw=1.1, zorder=2))
    best = int(np.argmax(probs))
    for k, (yi, p, name) in enumerate(zip(ys, probs, CLASSES)):
        win = k == best
        node(x_p, yi, f"{p:.1f}", good if win else muted, lw=2.4 if win else 1.6)
        ax.text(x_p + r + 0.15, yi, name + ("  ← 예측" if win else ""), va="center", fontsize=11.5,
                color=good if win else fg, fontweight="bold" if win else "normal")
    # 합 = 1 괄호
    xb = 9.5
    ax.plot([xb - 0.12, xb, xb, xb - 0.12], [ys[0] + r, ys[0] + r, ys[-1] - r, ys[-1] - r], color=muted, lw=1.2)
    ax.text(xb + 0.12, 1.6, "합 = 1", va="center", fontsize=11.5)

    for x, label in [(x_h, "은닉층 출력"), (x_z, "로짓 z"), (4.65, "출력층 활성화"), (x_p, "확률 ŷ")]:
        ax.text(x, 3.25, label, ha="center", fontsize=11, color=muted)
    ax.text(x_h - r, -0.05, "z₁ = w₁₁h₁ + w₁₂h₂ + w₁₃h₃ + b₁", fontsize=11, color=fn, va="top")
    ax.set_xlim(-0.1, 10.4)
    ax.set_ylim(-0.4, 3.5)
    ax.set_aspect("equal")
    ax.axis("off")
    _margins(ax, left=0.05, right=0.05, bottom=0.05, top=0.05)


# ---------------------------------------------------------------------------------------------
# F15 로짓 → 확률 막대그래프
# ---------------------------------------------------------------------------------------------
@figure("softmax-bars", size=(7.0, 2.9), grid=(1, 2))
def draw_softmax_bars(axes):
    ax, bx = axes
    probs = softmax(LOGITS)
    best = int(np.argmax(probs))
    pos = np.arange(3)
    ax.bar(pos, LOGITS, color=color("fn"), width=0.6)
    ax.axhline(0, color=color("muted"), lw=1)
    for k, z in enumerate(LOGITS):
        ax.text(k, z + (0.07 if z >= 0 else -0.07), f"{z:.3f}".replace("-", "−"), ha="center", va="bottom" if z >= 0 else "top",
                fontsize=9.5)
    ax.set_ylim(-1.1, 1.6)
    ax.set_title("로짓 z: 어떤 실수든 될 수 있음", fontsize=11)

    colors = [color("good") if k == best else color("ref") for k in pos]
    bx.bar(pos, probs, color=colors, width=0.6)
    for k, p in enumerate(probs):
        bx.text(k, p + 0.02, f"{p:.2f}", ha="center", va="bottom", fontsize=9.5,
                fontweight="bold" if k == best else "normal")
    bx.set_ylim(0, 0.85)
    bx.set_yticks([0, 0.2, 0.4, 0.6, 0.8])
    bx.set_title(f"소프트맥스 출력: 예측 = {CLASSES[best]} ({probs[best]:.0%})", fontsize=11)
    for a in axes:
        a.set_xticks(pos, CLASSES)
        a.grid(axis="x", visible=False)
        a.set_axisbelow(True)
    _margins(axes, left=0.45, bottom=0.35, top=0.32, wspace=0.2)


# ---------------------------------------------------------------------------------------------
# 항등 함수와 그 도함수
# ---------------------------------------------------------------------------------------------
@figure("identity", size=(6.4, 2.7))
def draw_identity(ax):
    ax.plot(X3, identity(X3), color=color("fn"), label="항등 함수 y = x")
    ax.plot(X3, identity_grad(X3), color=color("deriv"), label="도함수 y′ = 1")
    ax.set_xlabel("입력 x")
    ax.text(3, -2.9, "출력 범위: 제한 없음", ha="right", fontsize=10, color=color("muted"))
    ax.set_ylim(-3.2, 3.2)
    ax.set_xticks([-3, -2, -1, 0, 1, 2, 3])
    ax.legend(loc="upper left")
    _margins(ax, left=0.45, bottom=0.58, top=0.12)


# ---------------------------------------------------------------------------------------------
# GELU와 SiLU: ReLU를 매끄럽게 이은 요즘의 은닉층 활성화 함수, 그리고 도함수
# ---------------------------------------------------------------------------------------------
@figure("gelu-silu", size=(7.0, 3.2), grid=(1, 2))
def draw_gelu_silu(axes):
    ax, bx = axes
    x = np.linspace(-4, 3, 701)
    curves = [("GELU", gelu, gelu_grad, color("fn")), ("SiLU", silu, silu_grad, color("extra"))]
    _split(ax, x, relu(x), 0.0, color("ref"), lw=1.6, ls="--")[0].set_label("ReLU")
    _split(bx, x, relu_grad(x), 0.0, color("ref"), gap=0.06, lw=1.6, ls="--")[0].set_label("ReLU′")
    _dot(bx, 0, 0, color("ref"))
    _dot(bx, 0, 1, color("ref"), filled=False)
    for name, f, df, c in curves:
        ax.plot(x, f(x), color=c, label=name)
        bx.plot(x, df(x), color=c, label=f"{name}′")
        k = np.argmin(f(x))                   # 음수 쪽의 작은 골짜기
        _dot(ax, x[k], f(x)[k], c)
    ax.annotate("최솟값 −0.17", (-0.75, -0.17), xytext=(-3.9, 0.9), fontsize=9.5, color=color("fn"),
                arrowprops=_arrow(color("fn")))
    ax.annotate("최솟값 −0.28", (-1.28, -0.28), xytext=(-3.9, -0.75), fontsize=9.5, color=color("extra"),
                arrowprops=_arrow(color("extra")))
    _hline(ax, 0)
    for y in (0, 1):
        _hline(bx, y)
    ax.set_title("함수", fontsize=11)
    bx.set_title("도함수: 0에서 끊기지 않음", fontsize=11)
    ax.set_ylim(-1.0, 3.1)
    ax.set_yticks([0, 1, 2, 3])
    bx.set_ylim(-0.25, 1.3)
    bx.set_yticks([0, 0.5, 1])
    for a in axes:
        a.set_xticks([-4, -2, 0, 2])
        a.set_xlabel("입력 x")
    ax.legend(loc="upper left", fontsize=9.5)
    bx.legend(loc="upper left", fontsize=9.5)
    _margins(axes, left=0.45, bottom=0.58, top=0.32, wspace=0.18)
