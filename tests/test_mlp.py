"""snippets/mlp.py, snippets/depth.py: 순전파의 모양·첨자 규칙, XOR, 깊이의 조각 수."""
import numpy as np

from snippets.activations import relu, sigmoid, step
from snippets.depth import count_pieces, deep_tent, n_params, tent
from snippets.mlp import W1, W2, b1, b2, dense, forward, xor_mlp
from snippets.perceptron import INPUTS, XOR


def test_dense_follows_site_convention():
    rng = np.random.default_rng(0)
    A_prev, W, b = rng.normal(size=(3, 5)), rng.normal(size=(4, 3)), rng.normal(size=(4, 1))
    Z = dense(A_prev, W, b, lambda z: z)
    assert Z.shape == (4, 5)
    # w_ji: 앞 층 i → 이 층 j. 노드 2의 가중합을 원소로 직접 더한 값과 비교
    j, k = 2, 3
    manual = sum(W[j, i] * A_prev[i, k] for i in range(3)) + b[j, 0]
    assert np.isclose(Z[j, k], manual)


def test_forward_returns_every_activation():
    X = INPUTS.astype(float)
    Y, acts = forward(X, [(W1, b1, step), (W2, b2, step)])
    assert [a.shape for a in acts] == [(2, 4), (2, 4), (1, 4)]
    assert acts[-1] is Y


def test_step_mlp_computes_xor_and_hidden_nodes_are_or_and_nand():
    Y, acts = xor_mlp(INPUTS)
    assert Y[0].tolist() == XOR.tolist()
    assert acts[1][0].tolist() == [0, 1, 1, 1]
    assert acts[1][1].tolist() == [1, 1, 1, 0]


def test_sigmoid_mlp_is_close_to_xor_and_sharpens_with_scale():
    y10 = xor_mlp(INPUTS, g=sigmoid, scale=10.0)[0][0]
    y20 = xor_mlp(INPUTS, g=sigmoid, scale=20.0)[0][0]
    assert np.all(np.abs(y10 - XOR) < 0.01)
    assert np.all(np.abs(y20 - XOR) < np.abs(y10 - XOR))


def test_parameter_counts():
    assert n_params([2, 2, 1]) == 9
    assert n_params([2, 100, 1]) == 401
    assert n_params([2] + [2] * 50 + [1]) == 303


def test_tent_values_and_pieces_double_with_depth():
    x = np.array([[0.0, 0.25, 0.5, 0.75, 1.0]])
    assert np.allclose(tent(x), [[0, 0.5, 1, 0.5, 0]])
    grid = np.linspace(0, 1, 2**10 + 1)[None, :]
    assert [count_pieces(grid[0], deep_tent(grid, k)[0]) for k in range(1, 6)] == [2, 4, 8, 16, 32]


def test_shallow_relu_net_has_at_most_n_plus_one_pieces():
    """은닉 노드마다 꺾이는 곳은 하나. (count_pieces 가 정확하도록 꺾이는 곳을 격자 위에 둡니다.)"""
    rng = np.random.default_rng(4)
    x = np.linspace(-3, 3, 6001)[None, :]
    for n in (2, 5, 9):
        W = rng.choice([-1.0, 1.0], size=(n, 1)) * rng.uniform(0.5, 2, size=(n, 1))
        kinks = rng.choice(x[0, 100:-100], size=(n, 1), replace=False)
        v = rng.choice([-1.0, 1.0], size=(1, n)) * rng.uniform(0.5, 2, size=(1, n))
        y = v @ relu(W * (x - kinks))       # 노드 i 는 x = kinks[i] 에서 꺾임
        assert count_pieces(x[0], y[0]) == n + 1
