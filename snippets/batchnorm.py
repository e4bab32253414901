"""IV.2 배치 정규화: 층 하나(순전파·역전파), 학습 때와 추론 때의 통계, 깊은 신경망에서의 효과.

표기는 사이트 전체와 같습니다: 샘플이 열이므로 x 의 모양은 (특성 수, m)이고, 평균·분산은 행마다(axis=1) 구합니다.
"""
import numpy as np

from snippets.backprop import Dense
from snippets.initialization import make_deep_net


# --8<-- [start:layer]
class BatchNorm:
    """배치 정규화 층: x̂ = (x − μ_B)/√(σ²_B + ε), y = γ x̂ + β. γ, β 는 학습하는 매개변수입니다.

    backward 에 필요한 x̂ 과 √(σ² + ε) 만 기억합니다.
    """

    def __init__(self, n, momentum=0.9, eps=1e-5):
        self.gamma, self.beta = np.ones((n, 1)), np.zeros((n, 1))
        self.momentum, self.eps = momentum, eps
        self.running_mean, self.running_var = np.zeros((n, 1)), np.ones((n, 1))

    def forward(self, x, train=True):
        if train:
            mu, var = x.mean(axis=1, keepdims=True), x.var(axis=1, keepdims=True)   # 이 미니배치의 통계
            # 추론 때 쓸 통계: 미니배치 통계의 지수 이동 평균
            self.running_mean = self.momentum * self.running_mean + (1 - self.momentum) * mu
            self.running_var = self.momentum * self.running_var + (1 - self.momentum) * var
        else:
            mu, var = self.running_mean, self.running_var                            # 고정된 상수
        self.train = train
        self.std = np.sqrt(var + self.eps)
        self.xhat = (x - mu) / self.std
        return self.gamma * self.xhat + self.beta

    def backward(self, dout):
        self.dgamma = np.sum(dout * self.xhat, axis=1, keepdims=True)
        self.dbeta = np.sum(dout, axis=1, keepdims=True)
        dxhat = dout * self.gamma
        if not self.train:              # 추론: μ, σ 가 상수이므로 원소별 일차 함수
            return dxhat / self.std
        # 학습: μ_B, σ_B 도 x 에 달려 있으므로 두 평균 항이 빠집니다.
        return (dxhat - dxhat.mean(axis=1, keepdims=True)
                - self.xhat * np.mean(dxhat * self.xhat, axis=1, keepdims=True)) / self.std
# --8<-- [end:layer]


# --8<-- [start:deep-net-bn]
def make_deep_net_bn(n_layers, width, activation, init, seed=0):
    """기울기 소실 절의 make_deep_net 과 같은 가중치에, Dense 와 활성화 사이마다 BatchNorm 을 끼웁니다."""
    layers = []
    for layer in make_deep_net(n_layers, width, activation, init, seed):
        layers.append(layer)
        if isinstance(layer, Dense):
            layers.append(BatchNorm(width))
    return layers
# --8<-- [end:deep-net-bn]

