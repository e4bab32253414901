"""IV. 모델 성능 향상(과적합·드롭아웃·규제·기울기 소실·초기화·정규화)의 그림들.

그리는 값은 모두 snippets.regularization / initialization / normalization 의 함수로 계산합니다.
"""
import functools

import numpy as np
from matplotlib import ticker
from matplotlib.lines import Line2D

from scripts.figures import FigureData, figure, figure_data
from scripts.figures.style import color
from snippets.initialization import activations_per_layer, grad_norms_per_layer, make_deep_net
from snippets.normalization import (make_height_income, minmax_fit, minmax_transform, standardize_fit,
                                    standardize_transform)
from snippets.regularization import (Dropout, early_stopping_epoch, fit_poly, make_sine_data,
                                     overfit_experiment, poly_features)

L2_LAMBDA = 3e-3


def _plain_log(*axes):
    """로그 눈금을 mathtext(10^k) 대신 보통 글자로: 보기에 충분하고 그리기가 훨씬 빠릅니다."""
    for axis in axes:
        axis.set_major_formatter(ticker.FuncFormatter(lambda v, _: f"{v:g}"))
        axis.set_minor_formatter(ticker.NullFormatter())


# ---------------------------------------------------------------- IV.1 과적합
@figure("polynomial-fits", size=(8.4, 2.9), grid=(1, 3))
def draw_polynomial_fits(axes):
    x, y = make_sine_data(12, 1)
    grid = np.linspace(-1, 1, 300)
    titles = {1: "1차: 과소적합", 3: "3차: 알맞음", 11: "11차: 과적합"}
    for ax, (deg, title) in zip(axes, titles.items()):
        w = fit_poly(x, y, deg)
        ax.plot(grid, np.sin(np.pi * grid), "--", color=color("ref"), lw=1.4)
        ax.plot(grid, poly_features(grid, deg) @ w, color=color("bad" if deg != 3 else "good"), lw=1.8)
        ax.plot(x, y, "o", color=color("fn"), ms=5)
        ax.set_ylim(-2.2, 2.2)
        ax.set_title(title, fontsize=11)
        ax.set_xlabel("x")
    axes[0].legend([Line2D([], [], ls="--", color=color("ref")), Line2D([], [], ls="", marker="o", color=color("fn"))],
                   ["참 함수 sin(πx)", "훈련 데이터 12개"], fontsize=8.5, loc="upper left")


@functools.cache
def _experiments():
    return overfit_experiment(), overfit_experiment(lam=L2_LAMBDA)


@figure("train-test-error", size=(6.6, 3.5))
def draw_train_test_error(ax):
    plain, l2 = _experiments()
    ep = plain["epoch"]
    ax.loglog(ep, plain["train"], color=color("fn"), label="훈련 오차")
    ax.loglog(ep, plain["val"], color=color("bad"), label="검증 오차")
    ax.loglog(ep, l2["val"], "--", color=color("good"), lw=1.6, label=f"검증 오차, L2 규제(λ = {L2_LAMBDA:g})")
    _, best = early_stopping_epoch(plain["val"], patience=200)
    ax.axvline(ep[best], color=color("muted"), lw=1.2, ls=":")
    ax.annotate(f"조기 종료\n(에포크 {ep[best]})", (ep[best], plain["val"][best]), xytext=(ep[best] * 0.08, 0.012),
                fontsize=9.5, arrowprops={"arrowstyle": "->", "color": color("muted")})
    ax.set_xlabel("에포크")
    ax.set_ylabel("평균 제곱 오차")
    _plain_log(ax.xaxis, ax.yaxis)
    ax.legend(fontsize=9, loc="lower left")


@figure("dropout-network", size=(7.6, 3.2), grid=(1, 2))
def draw_dropout_network(axes):
    sizes = [3, 5, 5, 2]
    ys = [np.linspace(-(n - 1) / 2, (n - 1) / 2, n) for n in sizes]
    drop = Dropout(p=0.5, seed=3)
    kept = [np.ones(n, bool) for n in sizes]
    for l in (1, 2):  # 은닉층만 끕니다
        kept[l] = drop.forward(np.ones(sizes[l])) > 0
    for ax, title, mask in ((axes[0], "기본 신경망 (추론할 때)", None), (axes[1], "학습 중 한 번의 반복 (p = 0.5)", kept)):
        on = mask or [np.ones(n, bool) for n in sizes]
        for l in range(len(sizes) - 1):
            for i, y0 in enumerate(ys[l]):
                for j, y1 in enumerate(ys[l + 1]):
                    if on[l][i] and on[l + 1][j]:
                        ax.plot([l, l + 1], [y0, y1], color=color("muted"), lw=0.8, zorder=1)
        for l, col in enumerate(ys):
            for i, y in enumerate(col):
                alive = on[l][i]
                ax.scatter(l, y, s=260, zorder=2, color=color("fn") if alive else color("panel"),
                           edgecolors=color("fg") if alive else color("muted"), linewidths=1.2)
                if not alive:
                    ax.plot(l, y, marker="x", ms=11, color=color("bad"), mew=2, zorder=3)
        ax.set_title(title, fontsize=10.5)
        ax.set_xlim(-0.4, 3.4)
        ax.set_ylim(-2.7, 2.7)
        ax.axis("off")


@figure("l2-effect", size=(8.2, 3.1), grid=(1, 2))
def draw_l2_effect(axes):
    plain, l2 = _experiments()
    x, y = make_sine_data(12, 1)
    grid = np.linspace(-1, 1, 300)
    P = poly_features(grid, 12)
    ax = axes[0]
    ax.plot(grid, np.sin(np.pi * grid), "--", color=color("ref"), lw=1.3, label="참 함수")
    ax.plot(grid, P @ plain["w"], color=color("bad"), lw=1.7, label="규제 없음")
    ax.plot(grid, P @ l2["w"], color=color("good"), lw=1.7, label="L2 규제")
    ax.plot(x, y, "o", color=color("fn"), ms=4.5)
    ax.set_ylim(-1.8, 1.8)
    ax.set_xlabel("x")
    ax.set_title("5,000 에포크 뒤 맞춘 곡선", fontsize=10.5)
    ax.legend(fontsize=8.5, loc="upper left")
    ax = axes[1]
    k = np.arange(13)
    ax.bar(k - 0.2, np.abs(plain["w"]), width=0.4, color=color("bad"), label="규제 없음")
    ax.bar(k + 0.2, np.abs(l2["w"]), width=0.4, color=color("good"), label="L2 규제")
    ax.set_xticks(k)
    ax.set_xlabel("계수의 차수 k")
    ax.set_title("가중치 크기 |wₖ|", fontsize=10.5)
    ax.legend(fontsize=8.5)


# ---------------------------------------------------------------- IV.2 기울기 소실·초기화·정규화
@functools.cache
def _grad_norms():
    X = np.random.default_rng(0).normal(size=(100, 256))
    return (grad_norms_per_layer(make_deep_net(10, 100, "sigmoid", "xavier"), X),
            grad_norms_per_layer(make_deep_net(10, 100, "relu", "he"), X))


@figure("vanishing-gradient", size=(6.6, 3.3))
def draw_vanishing_gradient(ax):
    sig, rel = _grad_norms()
    layers = np.arange(1, 11)
    ax.bar(layers - 0.2, sig, width=0.4, color=color("deriv"), label="시그모이드 + Xavier 초기화")
    ax.bar(layers + 0.2, rel, width=0.4, color=color("fn"), label="ReLU + He 초기화")
    ax.set_yscale("log")
    ax.set_xticks(layers)
    ax.set_xlabel("층 l  (1 = 입력 쪽, 10 = 출력 쪽)")
    ax.set_ylabel("기울기 크기 ‖∂J/∂W‖")
    _plain_log(ax.yaxis)
    ax.legend(fontsize=9, loc="lower left", bbox_to_anchor=(0, 1.0), ncol=2)


HIST_ROWS = (("sigmoid", 1.0, "시그모이드\nN(0, 1²)"), ("sigmoid", 0.01, "시그모이드\nN(0, 0.01²)"),
             ("sigmoid", "xavier", "시그모이드\nXavier"), ("relu", "he", "ReLU\nHe"))


@functools.cache
def _activations():
    X = np.random.default_rng(0).normal(size=(100, 1000))
    return [activations_per_layer(make_deep_net(5, 100, act, init), X) for act, init, _ in HIST_ROWS]


HIST_LAYERS = (1, 3, 5)


@figure("activation-histograms", size=(7.6, 5.2), grid=(4, 3))
def draw_activation_histograms(axes):
    for r, (acts, (act, _, label)) in enumerate(zip(_activations(), HIST_ROWS)):
        rng = (0, 1) if act == "sigmoid" else (0, 3)
        for c, layer in enumerate(HIST_LAYERS):
            a = acts[layer - 1]
            ax = axes[r, c]
            if act == "relu":
                a = a[a > 0]   # 절반쯤인 정확한 0은 빼고 양수 쪽 모양만 봅니다.
            counts, edges = np.histogram(a, bins=30, range=rng)
            ax.stairs(counts / a.size, edges, fill=True, color=color("fn" if act == "sigmoid" else "good"))
            ax.set_ylim(0, counts.max() / a.size * 1.4)
            ax.set_yticks([])
            ax.set_xticks(rng if r in (2, 3) else [])
            ax.tick_params(labelsize=8)
            ax.grid(False)
            ax.text(0.5, 0.97, f"표준편차 {acts[layer - 1].std():.3f}", transform=ax.transAxes, ha="center", va="top",
                    fontsize=7.5, color=color("muted"))
            if r == 0:
                ax.set_title(f"{layer}층의 활성값", fontsize=10)
        axes[r, 0].set_ylabel(label, fontsize=8.5)


@figure_data("vanishing-gradient")
def vanishing_gradient_data() -> FigureData:
    sig, rel = _grad_norms()
    rows = tuple((f"{l}층", f"{s:.2e}", f"{r:.2e}") for l, s, r in zip(range(1, 11), sig, rel))
    return FigureData(
        "층마다 가중치 기울기의 크기 ‖∂J/∂W‖입니다. 1층이 입력 쪽, 10층이 출력 쪽입니다.",
        ("층", "시그모이드 + Xavier", "ReLU + He"),
        rows,
    )


@figure_data("activation-histograms")
def activation_histograms_data() -> FigureData:
    rows = []
    for acts, (act, _, label) in zip(_activations(), HIST_ROWS):
        for layer in HIST_LAYERS:
            a = acts[layer - 1]
            if act == "sigmoid":   # 양 끝(포화)에 몰린 몫
                edge = f"{np.mean((a < 0.05) | (a > 0.95)):.0%}"
            else:                  # ReLU 는 정확히 0 인 몫
                edge = f"{np.mean(a == 0):.0%}"
            rows.append((f"{label.replace(chr(10), ' ')}, {layer}층", f"{a.mean():.3f}", f"{a.std():.3f}", edge))
    return FigureData(
        "설정마다 1, 3, 5층 활성값의 평균, 표준편차, 그리고 끝에 몰린 몫입니다. 시그모이드는 0.05 미만이나 0.95 초과인 "
        "값(기울기가 거의 0인 포화 영역)의 몫, ReLU는 정확히 0인 값의 몫입니다.",
        ("설정과 층", "평균", "표준편차", "끝에 몰린 몫 (시그모이드: 포화, ReLU: 0)"),
        tuple(rows),
    )


@figure("feature-scaling", size=(8.6, 3.0), grid=(1, 3))
def draw_feature_scaling(axes):
    X = make_height_income(60, seed=0)
    train, test = X[:, :45], X[:, 45:]
    mm, st = minmax_fit(train), standardize_fit(train)
    panels = [("원래 값", train, test), ("최소-최대 정규화", minmax_transform(train, mm), minmax_transform(test, mm)),
              ("표준화", standardize_transform(train, st), standardize_transform(test, st))]
    jitter = np.random.default_rng(1).uniform(-0.18, 0.18, size=X.shape)
    for ax, (title, a, b) in zip(axes, panels):
        for f in (0, 1):   # 특성마다 한 줄: 같은 세로축 위에 놓고 크기를 비교합니다.
            ax.scatter(f + jitter[f, :45], a[f], s=12, color=color("fn"), label="훈련" if f == 0 else None)
            ax.scatter(f + jitter[f, 45:], b[f], s=20, marker="^", color=color("deriv"),
                       label="테스트" if f == 0 else None)
        ax.set_xticks([0, 1], ["키", "연 소득"])
        ax.set_xlim(-0.6, 1.6)
        ax.set_title(title, fontsize=10.5)
        ax.tick_params(labelsize=8.5)
    axes[0].set_ylabel("값", fontsize=9.5)
    axes[1].axhspan(0, 1, color=color("panel"), zorder=0)
    axes[0].legend(fontsize=8.5, loc="upper left")
