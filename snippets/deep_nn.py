"""부록: L층 신경망을 함수 하나씩 — 은닉층은 ReLU, 출력층은 시그모이드(이진 분류).

페이지(docs/practice/from-scratch.md)와 내려받는 노트북이 아래 구간을 그대로 씁니다.
노트북은 프로젝트 파일 없이 돌아야 하므로 numpy 말고는 아무것도 가져오지 않습니다.

기울기 이름의 약속(원본과 같은 관례):
- dA, dZ 는 샘플마다의 기울기(열 하나가 샘플 하나)이고,
- dW, db 는 비용 J(샘플 평균)의 기울기입니다. 그래서 1/m 은 linear_backward 에서 한 번 곱합니다.
"""
# --8<-- [start:setup]
import numpy as np
# --8<-- [end:setup]


# --8<-- [start:activations]
def sigmoid(Z):
    """A = σ(Z). 역전파에 쓸 Z를 cache로 함께 돌려줍니다."""
    e = np.exp(-np.abs(Z))  # |Z|가 커도 넘치지 않도록 부호에 따라 나눠 계산
    A = np.where(Z >= 0, 1 / (1 + e), e / (1 + e))
    return A, Z


def relu(Z):
    """A = max(0, Z). cache는 Z."""
    return np.maximum(0, Z), Z


def sigmoid_backward(dA, cache):
    """dZ = dA · σ(Z)(1 − σ(Z)). 원본의 `da` 오타(NameError)를 바로잡았습니다."""
    s, _ = sigmoid(cache)
    return dA * s * (1 - s)


def relu_backward(dA, cache):
    """Z > 0 인 자리만 기울기를 통과시킵니다(Z ≤ 0 에서는 0)."""
    dZ = np.array(dA, dtype=float, copy=True)
    dZ[cache <= 0] = 0
    return dZ
# --8<-- [end:activations]


# --8<-- [start:softmax]
def softmax(Z):
    """열(샘플)마다 합이 1. 열의 최댓값을 빼서 exp가 넘치지 않게 합니다."""
    E = np.exp(Z - Z.max(axis=0, keepdims=True))
    return E / E.sum(axis=0, keepdims=True), Z
# --8<-- [end:softmax]


# --8<-- [start:init]
def initialize_parameters(layer_dims, method="he", seed=3, scale=0.01):
    """W1, b1, …, WL, bL 을 만듭니다. layer_dims = [n_x, n_1, …, n_L].

    method: "small" — 표준편차 scale(원본의 ×0.01), 얕은 망에서만 무난
            "xavier" — 표준편차 √(2/(n_in + n_out)), 시그모이드·tanh 층에 맞춤
            "he" — 표준편차 √(2/n_in), ReLU 층에 맞춤
    """
    rng = np.random.default_rng(seed)  # 전역 난수 상태를 건드리지 않는 자기만의 생성기
    parameters = {}
    for l in range(1, len(layer_dims)):
        n_in, n_out = layer_dims[l - 1], layer_dims[l]
        std = {"small": scale,
               "xavier": np.sqrt(2 / (n_in + n_out)),
               "he": np.sqrt(2 / n_in)}[method]
        parameters["W" + str(l)] = rng.standard_normal((n_out, n_in)) * std
        parameters["b" + str(l)] = np.zeros((n_out, 1))
    return parameters
# --8<-- [end:init]


# --8<-- [start:linear-forward]
def linear_forward(A_prev, W, b):
    """Z = W A_prev + b. 역전파에 필요한 (A_prev, W, b)를 linear_cache로 남깁니다."""
    Z = W @ A_prev + b
    return Z, (A_prev, W, b)
# --8<-- [end:linear-forward]


# --8<-- [start:linear-activation-forward]
def linear_activation_forward(A_prev, W, b, activation):
    """한 층 전체: 선형 결합 뒤 활성화. cache = (linear_cache, activation_cache)."""
    if activation not in ("relu", "sigmoid"):
        raise ValueError(f"모르는 활성화 함수: {activation!r}")
    Z, linear_cache = linear_forward(A_prev, W, b)
    A, activation_cache = relu(Z) if activation == "relu" else sigmoid(Z)
    return A, (linear_cache, activation_cache)  # 두 갈래 모두에서 cache를 만듭니다
# --8<-- [end:linear-activation-forward]


# --8<-- [start:forward-model]
def forward_model(X, parameters):
    """[선형 → ReLU] × (L−1) 다음 [선형 → 시그모이드]. (AL, caches)를 돌려줍니다."""
    L = len(parameters) // 2  # 층마다 W와 b 두 개씩
    caches = []
    A = X
    for l in range(1, L):
        A, cache = linear_activation_forward(A, parameters["W" + str(l)], parameters["b" + str(l)], "relu")
        caches.append(cache)
    AL, cache = linear_activation_forward(A, parameters["W" + str(L)], parameters["b" + str(L)], "sigmoid")
    caches.append(cache)
    return AL, caches
# --8<-- [end:forward-model]


# --8<-- [start:cost]
def compute_cost(AL, Y, eps=1e-12):
    """이진 교차 엔트로피의 평균. log(0)이 나오지 않도록 AL을 [eps, 1 − eps]로 자릅니다."""
    m = Y.shape[1]
    AL = np.clip(AL, eps, 1 - eps)
    cost = -np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)) / m
    return float(cost)
# --8<-- [end:cost]


# --8<-- [start:linear-backward]
def linear_backward(dZ, linear_cache):
    """Z = W A_prev + b 를 거꾸로: dW, db 는 샘플 평균(1/m), dA_prev 는 샘플마다."""
    A_prev, W, b = linear_cache
    m = A_prev.shape[1]
    dW = dZ @ A_prev.T / m
    db = np.sum(dZ, axis=1, keepdims=True) / m  # keepdims: b와 같은 (n, 1) 모양 유지
    dA_prev = W.T @ dZ
    return dA_prev, dW, db
# --8<-- [end:linear-backward]


# --8<-- [start:linear-activation-backward]
def linear_activation_backward(dA, cache, activation):
    """활성화 → 선형 순서로 한 층을 거꾸로 지납니다."""
    linear_cache, activation_cache = cache
    if activation == "relu":
        dZ = relu_backward(dA, activation_cache)
    elif activation == "sigmoid":
        dZ = sigmoid_backward(dA, activation_cache)
    else:
        raise ValueError(f"모르는 활성화 함수: {activation!r}")
    return linear_backward(dZ, linear_cache)
# --8<-- [end:linear-activation-backward]


# --8<-- [start:backward-model]
def backward_model(AL, Y, caches):
    """모든 층의 기울기. grads["dW3"]처럼 층 번호 l은 W·b와 같게, grads["dA2"]는 A^[2]의 기울기."""
    grads = {}
    L = len(caches)
    Y = Y.reshape(AL.shape)
    # 출력층: 시그모이드 + 교차 엔트로피를 함께 미분하면 dZ = AL − Y (0으로 나누는 일이 없음)
    linear_cache, _ = caches[L - 1]
    grads["dA" + str(L - 1)], grads["dW" + str(L)], grads["db" + str(L)] = linear_backward(AL - Y, linear_cache)
    # 은닉층 l = L−1, …, 1: 바로 위층이 넘겨준 dA^[l]에서 시작합니다.
    for l in reversed(range(1, L)):
        dA_prev, dW, db = linear_activation_backward(grads["dA" + str(l)], caches[l - 1], "relu")
        grads["dA" + str(l - 1)], grads["dW" + str(l)], grads["db" + str(l)] = dA_prev, dW, db
    return grads
# --8<-- [end:backward-model]


# --8<-- [start:update]
def update_parameters(parameters, grads, learning_rate):
    """경사 하강법 한 걸음: W ← W − η dW, b ← b − η db. 딕셔너리를 제자리에서 고칩니다."""
    L = len(parameters) // 2
    for l in range(1, L + 1):
        parameters["W" + str(l)] -= learning_rate * grads["dW" + str(l)]
        parameters["b" + str(l)] -= learning_rate * grads["db" + str(l)]
    return parameters
# --8<-- [end:update]


# --8<-- [start:train]
def train(X, Y, layer_dims, learning_rate=0.1, epochs=1000, batch_size=32, method="he", seed=3):
    """초기화 → (미니배치마다) 순전파 → 비용 → 역전파 → 갱신. (parameters, 에포크별 비용)."""
    rng = np.random.default_rng(seed)
    parameters = initialize_parameters(layer_dims, method=method, seed=seed)
    m = X.shape[1]
    costs = []
    for epoch in range(epochs):
        order = rng.permutation(m)  # 에포크마다 새로 섞어 미니배치를 나눕니다
        for start in range(0, m, batch_size):
            idx = order[start:start + batch_size]
            AL, caches = forward_model(X[:, idx], parameters)
            grads = backward_model(AL, Y[:, idx], caches)
            update_parameters(parameters, grads, learning_rate)
        costs.append(compute_cost(forward_model(X, parameters)[0], Y))
    return parameters, np.array(costs)


def predict(X, parameters, threshold=0.5):
    """출력 확률이 threshold 이상이면 1, 아니면 0."""
    AL, _ = forward_model(X, parameters)
    return (AL >= threshold).astype(int)
# --8<-- [end:train]


# --8<-- [start:data]
def xor_data():
    """XOR 네 점: X (2, 4), Y (1, 4)."""
    X = np.array([[0, 0, 1, 1], [0, 1, 0, 1]], dtype=float)
    Y = np.array([[0, 1, 1, 0]], dtype=float)
    return X, Y


def make_moons(m=200, noise=0.15, seed=0):
    """맞물린 반달 두 개: X (2, m), Y (1, m). 직선 하나로는 나눌 수 없습니다."""
    rng = np.random.default_rng(seed)
    half = m // 2
    t = rng.uniform(0, np.pi, m)
    upper = np.stack([np.cos(t[:half]), np.sin(t[:half])])
    lower = np.stack([1 - np.cos(t[half:]), 0.5 - np.sin(t[half:])])
    X = np.concatenate([upper, lower], axis=1) + rng.normal(0, noise, (2, m))
    Y = np.concatenate([np.zeros(half), np.ones(m - half)])[None, :]
    return X, Y
# --8<-- [end:data]


# --8<-- [start:plots]
def plot_boundary(ax, X, Y, parameters, colors=("#3b82f6", "#f59e0b")):
    """격자 위의 예측 확률을 칠하고(결정 경계 = 0.5 등고선) 데이터 점을 겹쳐 그립니다."""
    pad = 0.5
    xs = np.linspace(X[0].min() - pad, X[0].max() + pad, 200)
    ys = np.linspace(X[1].min() - pad, X[1].max() + pad, 200)
    gx, gy = np.meshgrid(xs, ys)
    P, _ = forward_model(np.stack([gx.ravel(), gy.ravel()]), parameters)
    ax.contourf(gx, gy, P.reshape(gx.shape), levels=np.linspace(0, 1, 11), cmap="coolwarm", alpha=0.35)
    ax.contour(gx, gy, P.reshape(gx.shape), levels=[0.5], colors="#808080", linewidths=2)
    size = 90 if X.shape[1] < 20 else 18  # 점이 몇 개 없으면 크게
    for k in (0, 1):
        mask = Y[0] == k
        ax.scatter(X[0, mask], X[1, mask], s=size, color=colors[k], edgecolors="#404040",
                   linewidths=0.4, label=f"y = {k}")
    ax.legend(loc="upper right")
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")


def plot_costs(ax, costs, color="#3b82f6"):
    ax.plot(np.arange(1, costs.size + 1), costs, color=color)
    ax.set_xlabel("epoch")
    ax.set_ylabel("cost J")
# --8<-- [end:plots]
