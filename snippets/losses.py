"""II.4 손실 함수: 오차 제곱합과 교차 엔트로피, 원-핫 인코딩.

배열의 0번 축이 클래스(출력 노드), 1번 축이 샘플입니다(열 = 샘플). 1차원 배열은 샘플 하나로 봅니다.
"""
import numpy as np

from snippets.activations import sigmoid, sigmoid_grad, softmax

# --8<-- [start:one-hot]
def one_hot(labels, k):
    """정수 레이블(길이 m)을 k×m 원-핫 행렬로: 열마다 정답 자리 하나만 1."""
    labels = np.asarray(labels)
    Y = np.zeros((k, labels.size))
    Y[labels, np.arange(labels.size)] = 1.0
    return Y
# --8<-- [end:one-hot]


# --8<-- [start:sse]
def sum_squared_error(y_hat, y):
    """오차 제곱합 E = ½ Σ (ŷ − y)².

    샘플이 여러 개면 샘플마다 구해 평균합니다.
    """
    # 1차원(샘플 하나)이면 K×1 열로 바꿉니다.
    y_hat, y = np.reshape(y_hat, (len(y_hat), -1)), np.reshape(y, (len(y), -1))
    return float(np.mean(0.5 * np.sum((y_hat - y) ** 2, axis=0)))
# --8<-- [end:sse]


# --8<-- [start:cross-entropy]
EPS = 1e-12   # log(0) = −∞ 를 막기 위한 하한


def cross_entropy(y_hat, y):
    """교차 엔트로피 −Σₖ yₖ log ŷₖ.

    클래스에 대해서는 합, 샘플에 대해서는 평균입니다.
    """
    y_hat, y = np.reshape(y_hat, (len(y_hat), -1)), np.reshape(y, (len(y), -1))
    # ŷ 가 0 이면 log 가 −∞: 아주 작은 수 EPS 로 잘라 둡니다.
    return float(np.mean(-np.sum(y * np.log(np.clip(y_hat, EPS, 1.0)), axis=0)))


def binary_cross_entropy(a, y):
    """출력 노드가 하나(시그모이드)일 때의 교차 엔트로피.

    −[y log a + (1 − y) log(1 − a)] 의 샘플 평균입니다.
    """
    a = np.clip(np.asarray(a, dtype=float), EPS, 1 - EPS)
    y = np.asarray(y, dtype=float)
    return float(np.mean(-(y * np.log(a) + (1 - y) * np.log(1 - a))))
# --8<-- [end:cross-entropy]


# --8<-- [start:logit-grads]
def ce_grad_logit(z, y):
    """시그모이드 출력 + 교차 엔트로피: ∂L/∂z = σ(z) − y."""
    return sigmoid(z) - y


def sse_grad_logit(z, y):
    """시그모이드 출력 + 오차 제곱합: ∂L/∂z = (σ(z) − y)·σ'(z).

    σ'(z)가 작으면 기울기도 함께 작아집니다.
    """
    return (sigmoid(z) - y) * sigmoid_grad(z)
# --8<-- [end:logit-grads]


# --8<-- [start:accuracy]
def accuracy(pred, y):
    """맞힌 비율. pred, y 는 같은 길이의 정수 레이블."""
    return float(np.mean(np.asarray(pred) == np.asarray(y)))
# --8<-- [end:accuracy]


# --8<-- [start:softmax-ce-grad]
def softmax_ce_grad_logit(z, y):
    """소프트맥스 + 교차 엔트로피: ∂L/∂z = softmax(z) − y.

    샘플 하나의 기울기입니다(0번 축 = 클래스).
    """
    return softmax(z, axis=0) - np.asarray(y, dtype=float)
# --8<-- [end:softmax-ce-grad]


# --8<-- [start:log-softmax]
def logsumexp(z, axis=0):
    """log Σ e^z 를 넘침 없이: 최댓값 c를 빼고 계산한 뒤 c를 다시 더합니다."""
    z = np.asarray(z, dtype=float)
    c = z.max(axis=axis, keepdims=True)
    return c + np.log(np.sum(np.exp(z - c), axis=axis, keepdims=True))


def log_softmax(z, axis=0):
    """log softmax(z) = z − LogSumExp(z).

    exp가 넘치지도, log(0)이 생기지도 않습니다.
    """
    z = np.asarray(z, dtype=float)
    return z - logsumexp(z, axis=axis)


def cross_entropy_from_logits(z, y):
    """로짓 z에서 바로 구하는 교차 엔트로피 −Σₖ yₖ log softmax(z)ₖ.

    클래스에 대해서는 합, 샘플에 대해서는 평균입니다.
    """
    z, y = np.reshape(z, (len(z), -1)), np.reshape(y, (len(y), -1))
    return float(np.mean(-np.sum(y * log_softmax(z, axis=0), axis=0)))


def binary_cross_entropy_from_logits(z, y):
    """로짓 z에서 바로 구하는 이진 교차 엔트로피의 샘플 평균.

    L = log(1 + e^(−z)) + (1 − y)·z 를 넘치지 않게 쓴 꼴
    max(z, 0) − z·y + log(1 + e^(−|z|)) 로 계산합니다.
    """
    z, y = np.asarray(z, dtype=float), np.asarray(y, dtype=float)
    loss = np.maximum(z, 0) - z * y + np.log1p(np.exp(-np.abs(z)))
    return float(np.mean(loss))
# --8<-- [end:log-softmax]


# --8<-- [start:information]
def entropy(p):
    """엔트로피 H(p) = −Σ p log p (자연로그, 단위 nat).

    0·log 0 은 0으로 셉니다.
    """
    p = np.asarray(p, dtype=float)
    safe = np.where(p > 0, p, 1.0)   # p = 0 인 항은 log(1) = 0 으로
    return float(0.0 - np.sum(p * np.log(safe)))   # −0.0 이 아니라 0.0


def cross_entropy_pq(p, q):
    """교차 엔트로피 H(p, q) = −Σ p log q.

    p에서 나오는 결과를 q에 맞춘 부호로 적을 때의 평균 길이입니다.
    """
    p, q = np.asarray(p, dtype=float), np.asarray(q, dtype=float)
    safe = np.where(p > 0, q, 1.0)   # p = 0 인 항은 0
    return float(0.0 - np.sum(p * np.log(safe)))


def kl_divergence(p, q):
    """KL 발산 D(p‖q) = Σ p log(p/q) ≥ 0: p 대신 q를 써서 더 드는 길이."""
    p, q = np.asarray(p, dtype=float), np.asarray(q, dtype=float)
    ratio = np.where(p > 0, p / np.where(p > 0, q, 1.0), 1.0)
    return float(np.sum(p * np.log(ratio)))
# --8<-- [end:information]
