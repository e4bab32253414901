"""IV.2 기울기 소실과 가중치 초기화: 깊은 신경망에서 활성값과 기울기가 층마다 어떻게 변하는지 잽니다."""
import numpy as np

from snippets.activations import ReLU, Sigmoid
from snippets.backprop import Dense


# --8<-- [start:init]
# 분산이 같아지도록: 균등분포 U(−r, r)의 분산은 r²/3 이므로 r = √(3·분산)
VARIANCE = {
    "lecun": lambda n_in, n_out: 1 / n_in,
    "xavier": lambda n_in, n_out: 2 / (n_in + n_out),   # Glorot
    "he": lambda n_in, n_out: 2 / n_in,                 # Kaiming
}


def init_weight(n_in, n_out, scheme, dist="normal", rng=None):
    """(n_out, n_in) 가중치 행렬. dist="normal" 이면 N(0, σ²), "uniform" 이면 U(−r, r)."""
    rng = rng or np.random.default_rng(0)
    var = VARIANCE[scheme](n_in, n_out)
    if dist == "normal":
        return rng.normal(0.0, np.sqrt(var), size=(n_out, n_in))        # σ = √분산: 범위가 아님
    if dist == "uniform":
        r = np.sqrt(3 * var)
        return rng.uniform(-r, r, size=(n_out, n_in))
    raise ValueError(f"모르는 분포: {dist!r}")
# --8<-- [end:init]


# --8<-- [start:deep-net]
def make_deep_net(n_layers, width, activation, init, seed=0):
    """폭이 같은 은닉층 n_layers 개. init 은 "xavier"·"he" 같은 이름이거나 고정 표준편차(숫자)입니다."""
    rng = np.random.default_rng(seed)
    layers = []
    for _ in range(n_layers):
        if isinstance(init, str):
            W = init_weight(width, width, init, "normal", rng)
        else:
            W = rng.normal(0.0, init, size=(width, width))
        layers += [Dense(W, np.zeros((width, 1))), Sigmoid() if activation == "sigmoid" else ReLU()]
    return layers


def activations_per_layer(layers, X):
    """순전파하며 각 은닉층의 활성값 A^[l]을 모읍니다."""
    outs, a = [], X
    for layer in layers:
        a = layer.forward(a)
        if not isinstance(layer, Dense):
            outs.append(a)
    return outs


def grad_norms_per_layer(layers, X, seed=1):
    """순전파 뒤, 마지막 층에 무작위 기울기를 넣어 역전파하고 층마다 ‖∂J/∂W^[l]‖ 을 잽니다."""
    out = X
    for layer in layers:
        out = layer.forward(out)
    d = np.random.default_rng(seed).normal(size=out.shape) / out.shape[1]
    for layer in reversed(layers):
        d = layer.backward(d)
    return np.array([np.linalg.norm(l.dW) for l in layers if isinstance(l, Dense)])
# --8<-- [end:deep-net]
