"""I.1 퍼셉트론: 가중합 + 계단 함수, 논리 게이트, 그리고 XOR 을 못 푸는 이유.

입력 하나는 길이 2의 벡터 x = (x₁, x₂), 여러 입력을 한꺼번에 넣을 때는 열(column)이 샘플인
2×m 행렬입니다(사이트 표기법과 같음).
"""
import numpy as np

from snippets.activations import step

# 네 가지 입력 (0,0), (0,1), (1,0), (1,1) — 열이 샘플
INPUTS = np.array([[0, 0, 1, 1],
                   [0, 1, 0, 1]])


# --8<-- [start:perceptron]
def perceptron(x, w, b):
    """y = step(w₁x₁ + w₂x₂ + b). x가 2×m 이면 m개의 출력을 한꺼번에 냅니다."""
    z = np.asarray(w) @ np.asarray(x) + b   # 가중합(편향 포함)
    return step(z).astype(int)              # z > 0 이면 1, 아니면 0
# --8<-- [end:perceptron]


# --8<-- [start:gates]
# 손으로 고른 (가중치, 편향). 같은 일을 하는 값은 무수히 많습니다.
GATES = {
    "AND":  (np.array([1.0, 1.0]), -1.5),   # 둘 다 1일 때만 z > 0
    "OR":   (np.array([1.0, 1.0]), -0.5),   # 하나라도 1이면 z > 0
    "NAND": (np.array([-1.0, -1.0]), 1.5),  # AND 의 부호를 모두 뒤집은 것
}


def truth_table(w, b):
    """네 입력에 대한 퍼셉트론의 출력 [y(0,0), y(0,1), y(1,0), y(1,1)]."""
    return perceptron(INPUTS, w, b)
# --8<-- [end:gates]


# --8<-- [start:xor-search]
XOR = np.array([0, 1, 1, 0])


def best_single_perceptron(targets, grid=np.linspace(-2, 2, 41)):
    """격자 위의 w₁, w₂, b 조합을 모두 시험합니다.

    돌려주는 값: 네 점 중 가장 많이 맞힌 개수와 그때의 (w₁, w₂, b).
    """
    w1, w2, b = np.meshgrid(grid, grid, grid, indexing="ij")
    # params: (조합 수, 3), z: (조합 수, 4)
    params = np.stack([w1.ravel(), w2.ravel(), b.ravel()], axis=1)
    z = params[:, :2] @ INPUTS + params[:, 2:]
    correct = ((z > 0).astype(int) == targets).sum(axis=1)
    best = int(np.argmax(correct))
    return int(correct[best]), params[best]
# --8<-- [end:xor-search]
