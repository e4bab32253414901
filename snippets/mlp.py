"""I.2 다층 퍼셉트론: 은닉층 하나로 XOR 을 풀고, 완전 연결 층의 순전파를 계산합니다.

표기법(사이트 공통): 열이 샘플, W[l] 은 n_l × n_(l-1), w[l]_ji 는 앞 층 i번 노드 → 이 층 j번 노드.
"""
import numpy as np

from snippets.activations import step


# --8<-- [start:dense]
def dense(A_prev, W, b, g):
    """완전 연결 층 하나: Z = W A_prev + b, A = g(Z).

    A_prev 는 n_(l-1)×m, 결과는 n_l×m 입니다.
    """
    Z = W @ A_prev + b    # b(n_l×1)는 m개의 열에 똑같이 더해짐(브로드캐스팅)
    return g(Z)


def forward(X, layers):
    """layers = [(W1, b1, g1), (W2, b2, g2), ...] 를 차례로 통과합니다.

    돌려주는 값: 마지막 출력과 각 층의 활성값 목록 [A0, A1, ...].
    """
    A, activations = X, [X]
    for W, b, g in layers:
        A = dense(A, W, b, g)
        activations.append(A)
    return A, activations
# --8<-- [end:dense]


# --8<-- [start:xor-mlp]
# 은닉 노드 1 = OR, 은닉 노드 2 = NAND, 출력 = 두 은닉값의 AND
W1 = np.array([[1.0, 1.0],      # 1행: 은닉 노드 1 로 들어오는 가중치 (w11, w12)
               [-1.0, -1.0]])   # 2행: 은닉 노드 2 로 들어오는 가중치 (w21, w22)
b1 = np.array([[-0.5],
               [1.5]])
W2 = np.array([[1.0, 1.0]])     # 출력 노드 1 로 들어오는 가중치 (w11, w12)
b2 = np.array([[-1.5]])


def xor_mlp(X, g=step, scale=1.0):
    """2-2-1 다층 퍼셉트론.

    g=sigmoid, scale=10 이면 같은 경계를 매끄럽게 만든 판입니다.
    """
    layers = [(scale * W1, scale * b1, g), (scale * W2, scale * b2, g)]
    return forward(X, layers)
# --8<-- [end:xor-mlp]
