"""II.1 깊이의 효과: 노드 2개짜리 층을 쌓으면 꺾인 선의 조각 수가 층마다 두 배가 됩니다."""
import numpy as np

from snippets.activations import relu


# --8<-- [start:params]
def n_params(sizes):
    """층별 노드 수가 [n_0, n_1, ..., n_L] 인 완전 연결 신경망의
    가중치 + 편향 개수."""
    return sum(n_out * n_in + n_out for n_in, n_out in zip(sizes, sizes[1:]))
# --8<-- [end:params]


# --8<-- [start:tent]
# 은닉 노드 2개(ReLU)와 선형 출력 1개:
# [0, 1] 에서 0 → 1 → 0 으로 오르내리는 텐트 모양
W1, b1 = np.array([[1.0], [1.0]]), np.array([[0.0], [-0.5]])
W2, b2 = np.array([[2.0, -4.0]]), np.array([[0.0]])


def tent(x):
    """x: 1×m. 2·relu(x) − 4·relu(x − 0.5)."""
    return W2 @ relu(W1 @ x + b1) + b2


def deep_tent(x, k):
    """텐트를 k번 합성 = 노드 2개짜리 은닉층 k개를 쌓은 신경망."""
    for _ in range(k):
        x = tent(x)
    return x


def count_pieces(x, y):
    """꺾은선 (x, y) 의 직선 조각 수: 꺾이는 곳(직선의 방향이 바뀌는 곳)의 개수 + 1."""
    slopes = np.diff(y) / np.diff(x)
    return 1 + int(np.sum(~np.isclose(slopes[1:], slopes[:-1])))
# --8<-- [end:tent]
