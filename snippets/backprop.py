"""III.1 역전파: 2층 신경망(은닉층 ReLU, 출력층 시그모이드)의 순전파와 역전파.

표기는 사이트 전체와 같습니다: 샘플은 열, X 의 모양은 (n_x, m).
페이지(docs/training/backpropagation.md)는 아래의 이름 붙은 구간을 그대로 보여 줍니다.
"""
import numpy as np

from snippets.activations import relu, relu_grad, sigmoid


# --8<-- [start:init]
def init_params(n_x, n_h, n_y, seed=0):
    """가중치는 평균 0인 정규분포에서 작게 뽑고, 편향은 0으로 둡니다."""
    rng = np.random.default_rng(seed)
    return {
        # 표준편차를 √(2/n_in)으로: ReLU 층에 알맞은 He 초기화(IV.2에서 자세히)
        "W1": rng.normal(0.0, np.sqrt(2 / n_x), size=(n_h, n_x)),
        "b1": np.zeros((n_h, 1)),
        "W2": rng.normal(0.0, np.sqrt(1 / n_h), size=(n_y, n_h)),
        "b2": np.zeros((n_y, 1)),
    }
# --8<-- [end:init]


# --8<-- [start:forward]
def forward(X, params):
    """순전파: 역전파에 다시 쓸 중간값을 cache 에 담아 함께 돌려줍니다."""
    Z1 = params["W1"] @ X + params["b1"]      # (n_h, m)
    A1 = relu(Z1)
    Z2 = params["W2"] @ A1 + params["b2"]     # (n_y, m)
    A2 = sigmoid(Z2)
    return A2, {"X": X, "Z1": Z1, "A1": A1, "A2": A2}


def cost(A2, Y):
    """이진 교차 엔트로피를 m개 샘플에 대해 평균한 비용 J."""
    m = Y.shape[1]
    A2 = np.clip(A2, 1e-12, 1 - 1e-12)  # log(0) 방지
    return float(-np.sum(Y * np.log(A2) + (1 - Y) * np.log(1 - A2)) / m)
# --8<-- [end:forward]


# --8<-- [start:backward]
def backward(params, cache, Y):
    """역전파: 출력층에서 입력층 쪽으로 연쇄 법칙을 한 단계씩 적용합니다."""
    m = Y.shape[1]
    X, Z1, A1, A2 = cache["X"], cache["Z1"], cache["A1"], cache["A2"]
    # 출력층: 시그모이드와 교차 엔트로피를 함께 미분하면 A2 − Y 만 남습니다.
    dZ2 = A2 - Y
    dW2 = dZ2 @ A1.T / m
    db2 = dZ2.sum(axis=1, keepdims=True) / m
    # 은닉층: 오차 신호를 W2ᵀ로 되돌려 보내고, 활성화 함수의 도함수를 곱합니다.
    dA1 = params["W2"].T @ dZ2
    dZ1 = dA1 * relu_grad(Z1)
    dW1 = dZ1 @ X.T / m
    db1 = dZ1.sum(axis=1, keepdims=True) / m
    return {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}
# --8<-- [end:backward]


# --8<-- [start:update]
def gd_step(params, grads, lr):
    """경사 하강법 한 걸음: W ← W − η·dW, b ← b − η·db (제자리에서 바꿈)."""
    for key in params:
        params[key] -= lr * grads[key]


def train(X, Y, params, lr=0.5, steps=1000):
    """순전파 → 비용 → 역전파 → 갱신을 steps 번 되풀이하고, 비용의 기록을 돌려줍니다."""
    history = []
    for _ in range(steps):
        A2, cache = forward(X, params)
        history.append(cost(A2, Y))
        gd_step(params, backward(params, cache, Y), lr)
    return history
# --8<-- [end:update]


# --8<-- [start:dense]
class Dense:
    """완전 연결 층 Z = W·A + b. backward 에 필요한 입력 x 만 기억합니다."""

    def __init__(self, W, b):
        self.W, self.b = W, b

    def forward(self, x):
        self.x = x
        return self.W @ x + self.b

    def backward(self, dout):
        # dout 은 이미 1/m 평균이 들어간 ∂J/∂Z 라고 봅니다.
        self.dW = dout @ self.x.T
        self.db = dout.sum(axis=1, keepdims=True)
        return self.W.T @ dout
# --8<-- [end:dense]
