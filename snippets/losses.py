"""II.4 손실 함수: 오차 제곱합과 교차 엔트로피, 원-핫 인코딩.

배열의 0번 축이 클래스(출력 노드), 1번 축이 샘플입니다(열 = 샘플). 1차원 배열은 샘플 하나로 봅니다.
"""
import numpy as np

from snippets.activations import sigmoid, sigmoid_grad

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
