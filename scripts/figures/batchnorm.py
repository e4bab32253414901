"""IV.2 배치 정규화: 깊은 신경망의 층별 기울기와 활성값. 값은 snippets.batchnorm·initialization 으로 계산합니다."""
import functools

import numpy as np
from matplotlib import ticker

from scripts.figures import figure
from scripts.figures.style import color
from snippets.activations import ReLU, Sigmoid
from snippets.batchnorm import make_deep_net_bn
from snippets.initialization import grad_norms_per_layer, make_deep_net


def _plain_log(axis):
    axis.set_major_formatter(ticker.FuncFormatter(lambda v, _: f"{v:g}"))
    axis.set_minor_formatter(ticker.NullFormatter())


def _activation_stds(layers, X):
    """활성화 층(Sigmoid·ReLU)을 지난 값의 표준편차를 층마다."""
    stds, a = [], X
    for layer in layers:
        a = layer.forward(a)
        if isinstance(layer, (Sigmoid, ReLU)):
            stds.append(a.std())
    return np.array(stds)


@functools.cache
def _values():
    X = np.random.default_rng(0).normal(size=(100, 256))
    grads = [grad_norms_per_layer(make(10, 100, "sigmoid", "xavier"), X) for make in (make_deep_net, make_deep_net_bn)]
    stds = [_activation_stds(make(10, 100, "relu", 1.0), X) for make in (make_deep_net, make_deep_net_bn)]
    return grads, stds


@figure("batchnorm-effect", size=(8.6, 3.3), grid=(1, 2))
def draw_batchnorm_effect(axes):
    grads, stds = _values()
    layers = np.arange(1, 11)
    ax = axes[0]
    ax.bar(layers - 0.2, grads[0], width=0.4, color=color("deriv"), label="배치 정규화 없음")
    ax.bar(layers + 0.2, grads[1], width=0.4, color=color("fn"), label="배치 정규화")
    ax.set_yscale("log")
    ax.set_xticks(layers)
    ax.set_xlabel("층 l  (1 = 입력 쪽)")
    ax.set_ylabel("기울기 크기 ‖∂J/∂W‖")
    ax.set_title("시그모이드 + Xavier 초기화", fontsize=10)
    ax.set_ylim(1e-6, 1e3)
    _plain_log(ax.yaxis)
    ax.legend(fontsize=8.5, loc="upper left", ncol=2)
    ax = axes[1]
    ax.plot(layers, stds[0], "o-", color=color("deriv"), label="배치 정규화 없음")
    ax.plot(layers, stds[1], "o-", color=color("fn"), label="배치 정규화")
    ax.set_yscale("log")
    ax.set_xticks(layers)
    ax.set_xlabel("층 l")
    ax.set_ylabel("활성값의 표준편차")
    ax.set_title("ReLU + 가중치 표준편차 1.0", fontsize=10)
    _plain_log(ax.yaxis)
    ax.legend(fontsize=8.5, loc="center right")
