"""III. 딥러닝의 학습(역전파·최적화·미니배치)의 그림들.

그리는 값은 모두 snippets.backprop / optimizers / landscapes / minibatch 의 함수로 계산합니다.
계산이 무거운 것은 functools.cache 로 한 번만 계산해 밝은·어두운 두 테마가 같이 씁니다.
"""
import functools

import numpy as np
from matplotlib import ticker
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch, Rectangle

from scripts.figures import FigureData, figure, figure_data
from scripts.figures.style import color
from snippets import landscapes as ls
from snippets.minibatch import make_regression, mse_loss, train_linreg, updates_per_epoch
from snippets.optimizers import SGD, AdaGrad, Adam, Momentum, RMSProp, run


# ---------------------------------------------------------------- 도형 도우미
def _box(ax, x, y, text, w=1.5, h=0.62, edge="fg", fill="panel", size=11, weight="normal"):
    ax.add_patch(FancyBboxPatch((x - w / 2, y - h / 2), w, h, boxstyle="round,pad=0.02,rounding_size=0.12",
                                fc=color(fill), ec=color(edge), lw=1.4))
    ax.text(x, y, text, ha="center", va="center", fontsize=size, color=color("fg"), weight=weight)


def _arrow(ax, a, b, col="fg", rad=0.0, lw=1.5, style="-|>", ms=12):
    ax.add_patch(FancyArrowPatch(a, b, arrowstyle=style, mutation_scale=ms, color=color(col), lw=lw,
                                 connectionstyle=f"arc3,rad={rad}", shrinkA=0, shrinkB=0))


SUB = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


def _plain_log(axis):
    """로그 눈금을 mathtext(10^k) 대신 보통 글자로: 보기에 충분하고 그리기가 훨씬 빠릅니다."""
    axis.set_major_formatter(ticker.FuncFormatter(lambda v, _: f"{v:g}"))
    axis.set_minor_formatter(ticker.NullFormatter())


def _blank(ax, xlim, ylim):
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    ax.set_aspect("equal")
    ax.axis("off")


# ---------------------------------------------------------------- III.1 역전파
@figure("training-loop", size=(7.2, 2.9))
def draw_training_loop(ax):
    _blank(ax, (-0.2, 10.2), (0.0, 4.0))
    _box(ax, 1.0, 3.4, "① 초기화\nW 무작위, b = 0", w=1.9, h=0.95, size=10)
    steps = [((4.0, 3.4), "② 순전파\n층마다 A = g(WA + b)"),
             ((8.2, 3.4), "③ 손실 계산\nJ(Ŷ, Y)"),
             ((8.2, 0.6), "④ 역전파\n연쇄 법칙으로 dW, db"),
             ((4.0, 0.6), "⑤ 갱신\nW ← W − η·dW")]
    for (x, y), text in steps:
        _box(ax, x, y, text, w=3.3, h=0.95, size=10, edge="fn" if "④" not in text else "bad")
    _arrow(ax, (1.95, 3.4), (2.35, 3.4))
    _arrow(ax, (5.65, 3.4), (6.55, 3.4))
    _arrow(ax, (8.2, 2.92), (8.2, 1.08), col="bad")
    _arrow(ax, (6.55, 0.6), (5.65, 0.6), col="bad")
    _arrow(ax, (4.0, 1.08), (4.0, 2.92), col="good")
    ax.text(3.85, 2.0, "다음 반복", ha="right", va="center", fontsize=10, color=color("good"))
    ax.text(6.1, 2.0, "데이터를 한 바퀴 다 쓰면\n1 에포크", ha="center", va="center", fontsize=9.5,
            color=color("muted"))


@figure("backprop-graph", size=(8.0, 2.9))
def draw_backprop_graph(ax):
    _blank(ax, (-0.6, 11.2), (-1.7, 2.0))
    nodes = {"X": 0.0, "Z1": 2.1, "A1": 4.2, "Z2": 6.3, "A2": 8.4, "J": 10.5}
    labels = {"X": "X", "Z1": "$Z^{[1]}$", "A1": "$A^{[1]}$", "Z2": "$Z^{[2]}$", "A2": "$A^{[2]}$", "J": "J"}
    for k, x in nodes.items():
        _box(ax, x, 0, labels[k], w=1.05, h=0.6, size=12)
    _box(ax, 2.1, 1.55, "$W^{[1]},\\ b^{[1]}$", w=1.6, h=0.55, size=11, edge="muted")
    _box(ax, 6.3, 1.55, "$W^{[2]},\\ b^{[2]}$", w=1.6, h=0.55, size=11, edge="muted")
    _box(ax, 10.5, 1.55, "Y", w=0.8, h=0.55, size=11, edge="muted")
    order = list(nodes.values())
    for a, b in zip(order, order[1:]):
        _arrow(ax, (a + 0.56, 0.08), (b - 0.56, 0.08))
    for x in (2.1, 6.3, 10.5):
        _arrow(ax, (x, 1.27), (x, 0.32))
    for x, t in ((3.15, "g"), (7.35, "σ"), (9.45, "손실")):
        ax.text(x, 0.28, t, ha="center", fontsize=11, color=color("fg"))
    # 역전파: 빨간 화살표가 오른쪽에서 왼쪽으로
    for a, b in zip(order[::-1], order[-2::-1]):
        if b == 0.0:
            continue
        _arrow(ax, (a - 0.4, -0.36), (b + 0.4, -0.36), col="bad", rad=-0.35)
    grads = {6.3: "$dZ^{[2]}=A^{[2]}-Y$", 4.2: "$dA^{[1]}=W^{[2]\\top}dZ^{[2]}$",
             2.1: "$dZ^{[1]}=dA^{[1]}\\odot g'(Z^{[1]})$"}
    for i, (x, t) in enumerate(grads.items()):
        ax.text(x, -1.0 - 0.42 * (i % 2), t, ha="center", va="center", fontsize=10, color=color("bad"))
    for x, t in ((2.1, "$dW^{[1]}=\\frac{1}{m}dZ^{[1]}X^{\\top}$"), (6.3, "$dW^{[2]}=\\frac{1}{m}dZ^{[2]}A^{[1]\\top}$")):
        _arrow(ax, (x + 0.25, 0.32), (x + 0.25, 1.27), col="bad")
        ax.text(x + 0.85, 0.78, t, ha="left", va="center", fontsize=9.5, color=color("bad"))


# ---------------------------------------------------------------- III.2 최적화
@figure("learning-rate", size=(8.4, 2.8), grid=(1, 3))
def draw_learning_rate(axes):
    w = np.linspace(-3, 7, 300)
    cases = [(0.05, "η = 0.05: 너무 작음", "muted"), (0.25, "η = 0.25: 알맞음", "good"), (1.05, "η = 1.05: 너무 큼", "bad")]
    for ax, (lr, title, col) in zip(axes, cases):
        ws = ls.gd_1d(ls.bowl_grad, -1.5, lr, 6 if lr < 1 else 3)
        ax.plot(w, ls.bowl(w), color=color("fn"), lw=1.8)
        ax.plot(ws, ls.bowl(ws), "-o", color=color(col), lw=1.2, ms=5)
        for i in (0, len(ws) - 1):
            ax.annotate(f"w{str(i).translate(SUB)}", (ws[i], ls.bowl(ws[i])), xytext=(0, 7), textcoords="offset points",
                        ha="center", fontsize=10, color=color("fg"))
        ax.set_title(title, fontsize=11)
        ax.set_xlim(-3.2, 7.2)
        ax.set_ylim(-0.5, 29)
        ax.set_xlabel("w")
    axes[0].set_ylabel("손실 L(w)")


@figure("local-global-minimum", size=(6.4, 3.3))
def draw_local_global(ax):
    w = np.linspace(-2.9, 3.15, 400)
    ax.plot(w, ls.two_valleys(w), color=color("fn"), lw=1.8)
    right = ls.gd_1d(ls.two_valleys_grad, 3.0, 0.01, 40)
    left = ls.gd_1d(ls.two_valleys_grad, -0.4, 0.01, 40)
    ax.plot(right, ls.two_valleys(right), "o", color=color("bad"), ms=4, label="w₀ = 3.0에서 출발")
    ax.plot(left, ls.two_valleys(left), "o", color=color("good"), ms=4, label="w₀ = −0.4에서 출발")
    for end, text, dx in ((right[-1], "지역 최솟값", 0.6), (left[-1], "전역 최솟값", 0.2)):
        ax.annotate(text, (end, ls.two_valleys(end)), xytext=(end + dx, 9), ha="center", fontsize=10,
                    arrowprops={"arrowstyle": "->", "color": color("muted")})
    ax.annotate("언덕", (0.06, ls.two_valleys(0.06)), xytext=(0.06, 18), ha="center", fontsize=10,
                color=color("muted"))
    ax.set_ylim(-4, 30)
    ax.set_xlabel("w")
    ax.set_ylabel("손실 L(w)")
    ax.legend(loc="lower center", fontsize=9.5)


@functools.cache
def _regression_paths():
    x, y = make_regression()
    return x, y, {"batch": train_linreg(x, y, 200, 0.3, 60),
                  "mini": train_linreg(x, y, 16, 0.1, 200),
                  "sgd": train_linreg(x, y, 1, 0.05, 600)}


@figure("gd-paths", size=(6.0, 4.4))
def draw_gd_paths(ax):
    x, y, paths = _regression_paths()
    W, B = np.meshgrid(np.linspace(-2.6, 3.4, 70), np.linspace(-3.6, 2.6, 70))
    ax.contour(W, B, mse_loss(W, B, x, y), levels=np.geomspace(0.05, 12, 9), colors=color("ref"), linewidths=0.8)
    style = {"sgd": ("확률적 경사 하강법 (배치 크기 1)", "bad", 0.9),
             "mini": ("미니배치 경사 하강법 (배치 크기 16)", "deriv", 1.3),
             "batch": ("배치 경사 하강법 (배치 크기 200)", "fn", 2.0)}
    for key, (label, col, lw) in style.items():
        p = paths[key]
        ax.plot(p[:, 0], p[:, 1], color=color(col), lw=lw, label=label)
    ax.plot(*paths["batch"][0], "o", color=color("fg"), ms=5)
    ax.annotate("출발 (−2, −3)", paths["batch"][0], xytext=(6, -4), textcoords="offset points", fontsize=9.5)
    ax.set_xlabel("가중치 w")
    ax.set_ylabel("편향 b")
    ax.set_aspect("equal")
    ax.legend(loc="upper left", fontsize=9)


def _point(p) -> str:
    # 칸이 좁으면 좌표와 손실 사이에서만 줄이 바뀌도록 좌표 안은 줄바꿈 없는 공백(U+00A0)으로
    return f"({p[0]:.2f},\u00a0{p[1]:.2f})".replace("-", "−")


@figure_data("gd-paths")
def gd_paths_data() -> FigureData:
    x, y, paths = _regression_paths()
    names = {"batch": ("배치 경사 하강법", x.shape[1]), "mini": ("미니배치 경사 하강법", 16), "sgd": ("확률적 경사 하강법", 1)}
    rows = []
    for key in ("batch", "mini", "sgd"):
        p = paths[key]
        # 흔들림: 지나간 길이 ÷ 출발점과 끝점 사이의 곧은 거리(1이면 곧게 갔습니다)
        walked = np.linalg.norm(np.diff(p, axis=0), axis=1).sum()
        wiggle = walked / np.linalg.norm(p[-1] - p[0])
        label, m = names[key]
        rows.append((label, str(m), str(len(p) - 1), _point(p[-1]), f"{mse_loss(*p[-1], x, y):.3f}", f"{wiggle:.2f}"))
    return FigureData(
        "세 방법 모두 (w, b) = (−2, −3)에서 출발합니다. 흔들림은 지나간 길이를 출발점과 끝점 사이의 곧은 거리로 나눈 값으로, "
        "1이면 곧게 간 것이고 클수록 많이 흔들린 것입니다.",
        ("방법", "배치 크기", "갱신 횟수", "끝 위치 (w, b)", "끝 손실", "흔들림"),
        tuple(rows),
    )


@figure("saddle-point", size=(5.6, 4.2), projection="3d")
def draw_saddle(ax):
    g = np.linspace(-2, 2, 21)
    X, Y = np.meshgrid(g, g)
    ax.plot_surface(X, Y, ls.saddle(X, Y), color=color("fn"), alpha=0.25, edgecolor=color("fn"), lw=0.3)
    path = run(SGD(0.1), ls.saddle_grad, (1.8, 1e-3), 60)
    path = path[np.abs(path[:, 1]) <= 2]
    ax.plot(path[:, 0], path[:, 1], ls.saddle(path[:, 0], path[:, 1]), "o-", color=color("bad"), ms=3.5, lw=1.8,
            zorder=10)
    ax.text(1.8, 0, 4.2, "출발", color=color("bad"), fontsize=10, ha="center")
    ax.scatter([0], [0], [0], color=color("fg"), s=18)
    ax.text(0, 0, 1.2, "안장점", color=color("fg"), fontsize=10, ha="center")
    ax.set_xlabel("x")
    ax.set_ylabel("y")
    ax.set_zlabel("f")
    ax.view_init(elev=28, azim=-58)
    for axis in (ax.xaxis, ax.yaxis, ax.zaxis):
        axis.set_pane_color((0, 0, 0, 0))
        axis._axinfo["grid"]["color"] = color("grid")


@figure("plateau", size=(9.6, 3.0), grid=(1, 3))
def draw_plateau(axes):
    ws = ls.gd_1d(ls.plateau_grad, 0.0, 1.0, 250)
    steps = np.arange(len(ws))
    w = np.linspace(-4, 8, 300)
    ax = axes[0]
    ax.plot(w, ls.plateau(w), color=color("fn"), lw=1.8)
    ax.plot(ws[::10], ls.plateau(ws[::10]), "o", color=color("bad"), ms=4, label="10걸음마다 찍은 위치")
    ax.annotate("고원: 기울기 ≈ 0", (0.2, ls.plateau(0.2)), xytext=(-3.6, 0.6), fontsize=9.5,
                arrowprops={"arrowstyle": "->", "color": color("muted")})
    ax.set_xlabel("w")
    ax.set_ylabel("손실 L(w)")
    ax.legend(loc="lower left", fontsize=9)
    ax = axes[1]
    ax.plot(steps, ls.plateau(ws), color=color("bad"))
    ax.set_xlabel("반복 횟수")
    ax.set_ylabel("손실")
    ax.set_title("오래 제자리걸음하다가 갑자기 내려감", fontsize=10.5)
    ax = axes[2]
    grad = np.abs(ls.plateau_grad(ws))
    ax.semilogy(steps[grad > 0], grad[grad > 0], color=color("fn"))
    ax.axhline(0.02, color=color("muted"), lw=1, ls="--")
    ax.set_ylim(1e-4, 1)
    ax.set_xlabel("반복 횟수")
    ax.set_ylabel("|L′(w)| (로그 눈금)")
    ax.set_title("고원에서는 기울기가 0.02 아래", fontsize=10.5)


@figure("optimizer-family", size=(8.0, 3.4))
def draw_optimizer_family(ax):
    _blank(ax, (-0.9, 11.4), (-2.1, 2.3))
    pos = {"GD": (0, 0), "SGD": (2.0, 0), "Momentum": (4.3, 1.3), "NAG": (6.8, 1.3),
           "AdaGrad": (4.3, -1.3), "RMSProp": (6.8, -1.3), "AdaDelta": (9.4, -1.3),
           "Adam": (7.8, 0), "Nadam": (10.2, 0.9)}
    for name, (x, y) in pos.items():
        hot = name == "Adam"
        _box(ax, x, y, name, w=1.65, h=0.58, size=10.5, edge="deriv" if hot else "fg",
             fill="panel", weight="bold" if hot else "normal")
    edges = [("GD", "SGD", 0), ("SGD", "Momentum", 0), ("SGD", "AdaGrad", 0), ("Momentum", "NAG", 0),
             ("AdaGrad", "RMSProp", 0), ("RMSProp", "AdaDelta", 0), ("Momentum", "Adam", 0),
             ("RMSProp", "Adam", 0), ("Adam", "Nadam", 0), ("NAG", "Nadam", 0)]
    for a, b, rad in edges:
        (x0, y0), (x1, y1) = pos[a], pos[b]
        v = np.array([x1 - x0, y1 - y0])
        u = v / np.linalg.norm(v)
        # 상자 테두리에서 시작·끝나도록 조금씩 줄입니다.
        sx = 0.86 / max(abs(u[0]), 1e-9)
        sy = 0.32 / max(abs(u[1]), 1e-9)
        s = min(sx, sy)
        _arrow(ax, tuple(np.array(pos[a]) + u * s), tuple(np.array(pos[b]) - u * s), rad=rad, lw=1.2, ms=10)
    ax.text(5.55, 2.05, "방향을 다듬기 (관성)", ha="center", fontsize=10, color=color("fn"))
    ax.text(5.55, -2.05, "걸음 크기를 매개변수마다 조절", ha="center", fontsize=10, color=color("fn"))
    ax.text(8.7, -0.45, "가장 널리 쓰임", ha="left", fontsize=9, color=color("deriv"))


@functools.cache
def _optimizer_paths():
    opts = {"SGD (η=0.95)": SGD(0.95), "Momentum (η=0.1, β=0.9)": Momentum(0.1, 0.9),
            "AdaGrad (η=1.5)": AdaGrad(1.5), "RMSProp (η=0.1, ρ=0.99)": RMSProp(0.1, 0.99),
            "Adam (η=0.3)": Adam(0.3)}
    return {name: run(opt, ls.elongated_grad, (-7.0, 2.0), 30) for name, opt in opts.items()}


@figure("optimizer-paths", size=(8.6, 4.6), grid=(2, 3))
def draw_optimizer_paths(axes):
    paths = _optimizer_paths()
    gx, gy = np.meshgrid(np.linspace(-8, 8, 60), np.linspace(-3, 3, 40))
    F = ls.elongated(np.stack([gx, gy], axis=-1))
    cols = ["fn", "deriv", "good", "bad", "extra"]
    for ax, (name, p), col in zip(axes.flat, paths.items(), cols):
        ax.contour(gx, gy, F, levels=[0.2, 0.8, 2, 4, 7], colors=color("ref"), linewidths=0.7)
        ax.plot(p[:, 0], p[:, 1], "o-", color=color(col), ms=2.5, lw=1.1)
        ax.plot([0], [0], "+", color=color("fg"), ms=8)
        ax.set_title(name, fontsize=9.5)
        ax.set_xlim(-8, 8)
        ax.set_ylim(-3, 3)
        ax.set_xticks([])   # 좌표 눈금은 비교에 필요 없고, 그리는 시간만 늘립니다.
        ax.set_yticks([])
        # 눈금 없는 창이므로 네 변을 모두 그려, 등고선이 창 밖으로 이어짐을 보여 줍니다.
        for spine in ax.spines.values():
            spine.set_visible(True)
            spine.set_color(color("muted"))
            spine.set_linewidth(0.6)
    ax = axes.flat[5]
    for (name, p), col in zip(paths.items(), cols):
        ax.semilogy(np.arange(len(p)), ls.elongated(p), color=color(col), lw=1.3, label=name.split(" ")[0])
    ax.set_xlabel("반복 횟수", fontsize=9)
    ax.set_title("손실 f(x, y)", fontsize=9.5)
    _plain_log(ax.yaxis)
    ax.tick_params(labelsize=8)
    ax.legend(fontsize=8, loc="lower left", ncol=2, handlelength=1.2)


@figure_data("optimizer-paths")
def optimizer_paths_data() -> FigureData:
    steps = (5, 10, 20, 30)
    rows = tuple(
        (name, *(f"{_point(p[k])}, f\u00a0=\u00a0{ls.elongated(p[k]):.3f}" for k in steps))
        for name, p in _optimizer_paths().items()
    )
    return FigureData(
        "다섯 기법 모두 (x, y) = (−7, 2)에서 출발해 최솟값 (0, 0)으로 갑니다. 칸마다 그 걸음에서의 위치와 손실 f입니다. "
        "y가 부호를 바꾸며 오가면 지그재그, x가 0을 지나쳤다가 돌아오면 관성으로 지나친 것입니다.",
        ("기법", *(f"{k}걸음" for k in steps)),
        rows,
    )


# ---------------------------------------------------------------- III.3 미니배치
@figure("batch-sizes", size=(8.0, 2.9))
def draw_batch_sizes(ax):
    _blank(ax, (-3.0, 12.8), (-0.2, 4.2))
    N, m = 100_000, 32
    rows = [("배치", 1, f"{updates_per_epoch(N, N):,}번"),
            ("미니배치 (m = 32)", 14, f"{N:,} ÷ {m} = {updates_per_epoch(N, m):,}번"),
            ("확률적 (m = 1)", 56, f"{updates_per_epoch(N, 1):,}번")]
    for i, (label, k, count) in enumerate(rows):
        y = 3.2 - 1.35 * i
        ax.text(-0.2, y, label, ha="right", va="center", fontsize=10.5)
        for j in range(k):
            ax.add_patch(Rectangle((j * 8 / k, y - 0.35), 8 / k, 0.7, fc=color("fn" if j % 2 == 0 else "deriv"),
                                   ec=color("panel"), lw=0.6, alpha=0.85))
        ax.text(8.3, y, count, ha="left", va="center", fontsize=10.5)
    ax.text(4.0, 4.05, f"훈련 데이터 N = {N:,}개 (한 줄 = 1 에포크)", ha="center", fontsize=10, color=color("muted"))
    ax.text(8.3, 4.05, "에포크당 갱신", ha="left", fontsize=10, color=color("muted"))


@functools.cache
def _loss_per_epoch():
    x, y = make_regression()
    out = {}
    for bs, lr in ((200, 0.3), (16, 0.1), (1, 0.05)):
        steps = 3 * updates_per_epoch(200, bs)
        p = train_linreg(x, y, bs, lr, steps)
        out[bs] = (np.arange(steps + 1) / updates_per_epoch(200, bs), mse_loss(p[:, 0], p[:, 1], x, y))
    return out


@figure("loss-per-epoch", size=(6.4, 3.3))
def draw_loss_per_epoch(ax):
    names = {200: ("배치 200 (에포크당 1번 갱신)", "fn"), 16: ("미니배치 16 (13번)", "deriv"),
             1: ("확률적 1 (200번)", "bad")}
    for bs, (ep, loss) in _loss_per_epoch().items():
        label, col = names[bs]
        ax.semilogy(ep, loss, "o-" if bs == 200 else "-", color=color(col), lw=1.4, ms=5, label=label)
    ax.set_xlabel("에포크")
    ax.set_ylabel("훈련 데이터 전체의 손실 J")
    _plain_log(ax.yaxis)
    # 곡선이 오른쪽 가운데를 지나가므로 범례는 그림 위에 한 줄로 둡니다.
    ax.legend(fontsize=9, loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=3, frameon=False)
