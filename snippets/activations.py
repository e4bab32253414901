"""II.3 활성화 함수: 함수와 도함수(미분)를 나란히 둡니다.

페이지(docs/basics/activation-functions.md)는 아래의 이름 붙은 구간을 그대로 보여 줍니다.
모든 함수는 스칼라와 배열을 다 받고, 입력과 같은 모양의 배열을 돌려줍니다.
"""
import math

import numpy as np


# --8<-- [start:step]
def step(x):
    """계단 함수: x > 0 이면 1, x ≤ 0 이면 0."""
    return (np.asarray(x) > 0).astype(float)


def step_grad(x):
    """x = 0 을 뺀 모든 곳에서 기울기가 0입니다.

    그래서 역전파로 전할 학습 신호가 없습니다.
    """
    return np.zeros_like(np.asarray(x, dtype=float))
# --8<-- [end:step]


# --8<-- [start:thermometer]
def thermometer(temp, threshold=37.5):
    """체온 측정기: threshold 이상이면 1(출입 금지), 미만이면 0(출입 가능)."""
    return (np.asarray(temp) >= threshold).astype(float)
# --8<-- [end:thermometer]


# --8<-- [start:sigmoid]
def sigmoid(x):
    """시그모이드 σ(x) = 1 / (1 + e^(−x)), 출력은 0과 1 사이."""
    x = np.asarray(x, dtype=float)
    # x가 큰 음수이면 e^(−x)가 넘칩니다.
    # 언제나 e^(−|x|) ≤ 1 만 계산하도록 부호에 따라 식을 나눕니다.
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + e), e / (1 + e))


def sigmoid_grad(x):
    """σ'(x) = σ(x)(1 − σ(x)), 최댓값은 x = 0 에서 0.25."""
    s = sigmoid(x)
    return s * (1 - s)
# --8<-- [end:sigmoid]


# --8<-- [start:tanh]
def tanh(x):
    """tanh x = (e^x − e^(−x)) / (e^x + e^(−x)) = 2σ(2x) − 1.

    출력은 −1과 1 사이입니다.
    """
    return np.tanh(np.asarray(x, dtype=float))


def tanh_grad(x):
    """tanh'(x) = 1 − tanh²(x), 최댓값은 x = 0 에서 1."""
    return 1 - tanh(x) ** 2
# --8<-- [end:tanh]


# --8<-- [start:relu]
def relu(x):
    """ReLU: max(0, x)."""
    return np.maximum(0.0, np.asarray(x, dtype=float))


def relu_grad(x):
    """x > 0 이면 1, x < 0 이면 0.

    x = 0 에서는 미분이 없어 관례로 0을 씁니다.
    """
    return (np.asarray(x) > 0).astype(float)
# --8<-- [end:relu]


# --8<-- [start:leaky-relu]
def leaky_relu(x, a=0.01):
    """Leaky ReLU: 음수 쪽에도 작은 배율 a를 남깁니다(y = a·x)."""
    x = np.asarray(x, dtype=float)
    return np.where(x > 0, x, a * x)


def leaky_relu_grad(x, a=0.01):
    """x > 0 이면 1, 아니면 a — 음수 쪽 도함수도 0이 아닙니다."""
    return np.where(np.asarray(x) > 0, 1.0, a)
# --8<-- [end:leaky-relu]


# --8<-- [start:prelu]
def prelu(x, a):
    """PReLU: 모양은 Leaky ReLU와 같지만 a가 학습되는 매개변수입니다."""
    x = np.asarray(x, dtype=float)
    return np.where(x > 0, x, a * x)


def prelu_grad(x, a):
    """∂y/∂x: x > 0 이면 1, 아니면 a."""
    return np.where(np.asarray(x) > 0, 1.0, a)


def prelu_grad_a(x):
    """∂y/∂a: x > 0 이면 0, 아니면 x — a를 학습할 때 쓰는 기울기."""
    x = np.asarray(x, dtype=float)
    return np.where(x > 0, 0.0, x)
# --8<-- [end:prelu]


# --8<-- [start:gelu]
# numpy 에는 erf 가 없어 표준 라이브러리의 math.erf 를 원소마다 씁니다.
_erf = np.vectorize(math.erf, otypes=[float])


def normal_cdf(x):
    """표준정규분포의 누적 분포 함수 Φ(x) = ½(1 + erf(x/√2))."""
    return 0.5 * (1 + _erf(np.asarray(x, dtype=float) / math.sqrt(2)))


def gelu(x):
    """GELU(x) = x·Φ(x): 입력을 '표준정규 값보다 클 확률'만큼 통과시킵니다."""
    x = np.asarray(x, dtype=float)
    return x * normal_cdf(x)


def gelu_grad(x):
    """GELU'(x) = Φ(x) + x·φ(x), φ는 표준정규분포의 밀도 함수."""
    x = np.asarray(x, dtype=float)
    return normal_cdf(x) + x * np.exp(-x**2 / 2) / math.sqrt(2 * math.pi)


def gelu_tanh(x):
    """tanh 로 어림한 GELU: erf 가 느리던 시절의 식(BERT·GPT-2 코드가 씀)."""
    x = np.asarray(x, dtype=float)
    inner = math.sqrt(2 / math.pi) * (x + 0.044715 * x**3)
    return 0.5 * x * (1 + np.tanh(inner))
# --8<-- [end:gelu]


# --8<-- [start:silu]
def silu(x):
    """SiLU(x) = x·σ(x) (β = 1 인 Swish)."""
    x = np.asarray(x, dtype=float)
    return x * sigmoid(x)


def silu_grad(x):
    """SiLU'(x) = σ(x) + x·σ(x)(1 − σ(x)) = σ(x)(1 + x(1 − σ(x)))."""
    s = sigmoid(x)
    return s * (1 + np.asarray(x, dtype=float) * (1 - s))
# --8<-- [end:silu]


# --8<-- [start:softmax]
def softmax(z, axis=0):
    """소프트맥스: axis를 따라 합이 1인 값으로 바꿉니다.

    기본 axis=0: 행 = 클래스, 열 = 샘플.
    """
    z = np.asarray(z, dtype=float)
    # 최댓값을 빼도 결과는 같고(분자·분모에 같은 e^(−c)가 곱해짐),
    # exp는 1을 넘지 않아 넘침이 생기지 않습니다.
    e = np.exp(z - z.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def softmax_jacobian(z):
    """로짓 벡터 하나(1차원)에 대한 야코비 행렬 ∂y_i/∂z_j = y_i(δ_ij − y_j)."""
    y = softmax(np.asarray(z, dtype=float).ravel())
    return np.diag(y) - np.outer(y, y)
# --8<-- [end:softmax]


# --8<-- [start:softmax-naive]
def softmax_naive(z, axis=0):
    """교과서 식 그대로: z가 크면 exp가 넘쳐 inf/inf = nan이 됩니다."""
    e = np.exp(np.asarray(z, dtype=float))
    return e / e.sum(axis=axis, keepdims=True)
# --8<-- [end:softmax-naive]


# --8<-- [start:identity]
def identity(x):
    """항등 함수: 받은 값을 그대로 내보냅니다(회귀의 출력층)."""
    return np.asarray(x, dtype=float)


def identity_grad(x):
    """도함수는 어디서나 1."""
    return np.ones_like(np.asarray(x, dtype=float))
# --8<-- [end:identity]


# --8<-- [start:layers]
class Sigmoid:
    """시그모이드 층: backward에 필요한 출력 out만 기억합니다.

    σ' = out·(1 − out) 이므로 입력은 필요 없습니다.
    """

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


class PReLU:
    """PReLU 층: 음수 쪽 배율 a를 매개변수로 갖습니다.

    backward에서 a에 대한 기울기 da도 구합니다.
    """

    def __init__(self, a=0.25):
        self.a = a

    def forward(self, x):
        self.x = np.asarray(x, dtype=float)
        return prelu(self.x, self.a)

    def backward(self, dout):
        # a는 모든 원소가 함께 쓰므로 원소별 기여 dout·∂y/∂a 를 모두 더합니다.
        self.da = np.sum(dout * prelu_grad_a(self.x))
        return dout * prelu_grad(self.x, self.a)
# --8<-- [end:layers]
