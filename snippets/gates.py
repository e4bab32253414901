"""III.1 역전파를 게이트로 보기: 덧셈·곱셈·max 게이트가 위에서 온 기울기를 입력들에 나눠 주는 방식과,
수치 미분이 ReLU 의 꺾인 점을 건너뛸 때 기울기 검사가 틀리는 까닭.

게이트마다 forward 바로 아래에 backward 를 둡니다. backward(dout)는 위에서 온 기울기 dout 에
국소 미분을 곱해 입력마다 하나씩 돌려줍니다.
"""
import numpy as np


# --8<-- [start:gates]
class AddGate:
    """x + y: 국소 미분이 둘 다 1이라 기울기를 그대로 나눠 줍니다."""

    def forward(self, x, y):
        return x + y

    def backward(self, dout):
        return dout, dout


class MulGate:
    """x · y: 각 입력은 상대편 입력의 값을 곱한 기울기를 받습니다."""

    def forward(self, x, y):
        self.x, self.y = x, y   # backward 에 필요한 것만 기억
        return x * y

    def backward(self, dout):
        return dout * self.y, dout * self.x


class MaxGate:
    """max(x, y): 기울기가 더 컸던 입력으로만 가고, 진 입력은 0."""

    def forward(self, x, y):
        self.x_won = np.asarray(x) >= np.asarray(y)   # 같으면 x 쪽(관례)
        return np.maximum(x, y)

    def backward(self, dout):
        return dout * self.x_won, dout * ~self.x_won
# --8<-- [end:gates]


# --8<-- [start:kinks]
def kinks_crossed(z, eps):
    """z 를 ±eps 만큼 움직일 때 ReLU 의 꺾인 점 0을 건너는 원소 수.

    0이 아니면 그 자리의 수치 미분은 꺾인 점 양쪽의 기울기를
    섞은 값이라 검사에 쓸 수 없습니다.
    """
    return int(np.sum(np.abs(np.asarray(z)) < eps))
# --8<-- [end:kinks]
