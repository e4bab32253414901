"""II.3 활성화 함수: 함수와 도함수를 나란히 둡니다.

페이지(docs/basics/activation-functions.md)는 아래의 이름 붙은 구간을 그대로 보여 줍니다.
"""
import numpy as np


# --8<-- [start:step]
def step(x):
    """계단 함수: 0 이상이면 1, 아니면 0."""
    return (np.asarray(x) >= 0).astype(float)


def step_grad(x):
    """x = 0 을 뺀 모든 곳에서 기울기는 0 — 학습 신호가 없습니다."""
    return np.zeros_like(np.asarray(x, dtype=float))
# --8<-- [end:step]


# --8<-- [start:sigmoid]
def sigmoid(x):
    """시그모이드 σ(x) = 1 / (1 + e^(-x))."""
    x = np.asarray(x, dtype=float)
    # 큰 음수에서 e^(-x)가 넘치지 않도록 부호에 따라 식을 나눠 씁니다.
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + e), e / (1 + e))


def sigmoid_grad(x):
    """σ'(x) = σ(x)(1 − σ(x)), 최댓값은 x = 0 에서 0.25."""
    s = sigmoid(x)
    return s * (1 - s)
# --8<-- [end:sigmoid]


# --8<-- [start:tanh]
def tanh(x):
    """tanh x = (e^x − e^(−x)) / (e^x + e^(−x)) = 2σ(2x) − 1."""
    return np.tanh(x)


def tanh_grad(x):
    """tanh'(x) = 1 − tanh²(x), 최댓값은 x = 0 에서 1."""
    return 1 - np.tanh(x) ** 2
# --8<-- [end:tanh]


# --8<-- [start:relu]
def relu(x):
    """ReLU: max(0, x)."""
    return np.maximum(0, x)


def relu_grad(x):
    """x > 0 이면 1, 아니면 0 (x = 0 에서는 관례로 0)."""
    return (np.asarray(x) > 0).astype(float)
# --8<-- [end:relu]


# --8<-- [start:leaky-relu]
def leaky_relu(x, a=0.01):
    """Leaky ReLU: 음수 쪽에도 작은 기울기 a를 남깁니다."""
    x = np.asarray(x, dtype=float)
    return np.where(x > 0, x, a * x)


def leaky_relu_grad(x, a=0.01):
    return np.where(np.asarray(x) > 0, 1.0, a)
# --8<-- [end:leaky-relu]


# --8<-- [start:prelu]
def prelu_grad_a(x):
    """PReLU는 a를 학습합니다: ∂y/∂a 는 음수 쪽에서 x, 양수 쪽에서 0."""
    x = np.asarray(x, dtype=float)
    return np.where(x > 0, 0.0, x)
# --8<-- [end:prelu]


# --8<-- [start:softmax]
def softmax(z):
    """소프트맥스: 마지막 축을 따라 합이 1인 확률 벡터로 바꿉니다."""
    z = np.asarray(z, dtype=float)
    # 가장 큰 값을 빼도 결과는 같고, exp가 넘치지 않습니다.
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)
# --8<-- [end:softmax]


# --8<-- [start:softmax-naive]
def softmax_naive(z):
    """교과서 식 그대로: z가 크면 exp가 넘쳐 nan이 됩니다."""
    e = np.exp(np.asarray(z, dtype=float))
    return e / e.sum(axis=-1, keepdims=True)
# --8<-- [end:softmax-naive]


# --8<-- [start:identity]
def identity(x):
    """항등 함수: 받은 값을 그대로 내보냅니다(회귀의 출력층)."""
    return np.asarray(x, dtype=float)


def identity_grad(x):
    return np.ones_like(np.asarray(x, dtype=float))
# --8<-- [end:identity]


# --8<-- [start:layers]
class Sigmoid:
    """시그모이드 층: backward에 필요한 출력 out만 기억합니다."""

    def forward(self, x):
        self.out = sigmoid(x)
        return self.out

    def backward(self, dout):
        return dout * self.out * (1 - self.out)


class ReLU:
    """ReLU 층: backward에 필요한 '양수였던 자리' mask만 기억합니다."""

    def forward(self, x):
        self.mask = np.asarray(x) > 0
        return np.where(self.mask, x, 0.0)

    def backward(self, dout):
        return dout * self.mask
# --8<-- [end:layers]
