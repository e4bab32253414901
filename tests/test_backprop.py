"""snippets/backprop.py: 2층 신경망의 역전파를 수치 미분과 비교하고, 손으로 계산한 값을 확인합니다."""
import numpy as np
import pytest

from snippets.activations import sigmoid
from snippets.backprop import Dense, backward, cost, forward, gd_step, init_params, train
from snippets.gradcheck import numerical_gradient, relative_error


def _random_problem(seed, n_x=3, n_h=5, m=8):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n_x, m))
    Y = (rng.random((1, m)) > 0.5).astype(float)
    params = init_params(n_x, n_h, 1, seed=seed)
    params["b1"] = rng.normal(size=(n_h, 1))   # 0 이 아닌 편향
    params["b2"] = rng.normal(size=(1, 1))
    return X, Y, params


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_backward_matches_numerical_gradient(seed):
    X, Y, params = _random_problem(seed)
    grads = backward(params, forward(X, params)[1], Y)
    J = lambda: cost(forward(X, params)[0], Y)
    for key in params:
        assert params[key].dtype == np.float64
        assert grads[key].shape == params[key].shape
        assert relative_error(grads[key], numerical_gradient(J, params[key])) < 1e-6, key


def test_worked_example_values():
    params = {"W1": np.array([[0.4, -0.2], [0.3, 0.6]]), "b1": np.array([[0.1], [-0.1]]),
              "W2": np.array([[0.7, -0.5]]), "b2": np.array([[0.1]])}
    X = np.array([[1.0, -1.0], [2.0, 1.0]])
    Y = np.array([[1.0, 0.0]])
    A2, cache = forward(X, params)
    np.testing.assert_allclose(cache["Z1"], [[0.1, -0.5], [1.4, 0.2]])
    np.testing.assert_allclose(A2, [[sigmoid(-0.53), 0.5]])
    # 손으로: J = −½[log σ(−0.53) + log(1 − 0.5)]
    assert cost(A2, Y) == pytest.approx(-0.5 * (np.log(sigmoid(-0.53)) + np.log(0.5)))
    g = backward(params, cache, Y)
    dz2 = np.array([[sigmoid(-0.53) - 1.0, 0.5]])
    np.testing.assert_allclose(g["b2"], [[dz2.mean()]])
    np.testing.assert_allclose(g["W2"], dz2 @ cache["A1"].T / 2)
    # 둘째 샘플에서 첫 은닉 노드는 z < 0 → 기울기가 흐르지 않음
    np.testing.assert_allclose(g["b1"][0, 0], 0.7 * dz2[0, 0] / 2)


def test_gd_step_subtracts_for_weights_and_biases():
    params = {"W": np.array([[1.0]]), "b": np.array([[1.0]])}
    gd_step(params, {"W": np.array([[2.0]]), "b": np.array([[4.0]])}, lr=0.5)
    assert params["W"][0, 0] == 0.0 and params["b"][0, 0] == -1.0


def test_training_solves_xor_and_cost_decreases():
    X = np.array([[0.0, 0.0, 1.0, 1.0], [0.0, 1.0, 0.0, 1.0]])
    Y = np.array([[0.0, 1.0, 1.0, 0.0]])
    params = init_params(2, 4, 1, seed=1)
    history = train(X, Y, params, lr=0.5, steps=2000)
    assert history[-1] < 0.01 < history[0]
    assert np.array_equal(forward(X, params)[0] > 0.5, Y > 0.5)


def test_constant_init_keeps_hidden_units_identical():
    X = np.array([[0.0, 0.0, 1.0, 1.0], [0.0, 1.0, 0.0, 1.0]])
    Y = np.array([[0.0, 1.0, 1.0, 0.0]])
    params = {"W1": np.full((3, 2), 0.5), "b1": np.zeros((3, 1)),
              "W2": np.full((1, 3), 0.5), "b2": np.zeros((1, 1))}
    train(X, Y, params, lr=0.5, steps=200)
    assert not np.allclose(params["W1"], 0.5)                 # 움직이기는 하지만
    assert np.allclose(params["W1"], params["W1"][0])          # 모든 행이 같다


def test_dense_backward_matches_numerical_gradient():
    rng = np.random.default_rng(0)
    layer = Dense(rng.normal(size=(4, 3)), rng.normal(size=(4, 1)))
    x, u = rng.normal(size=(3, 6)), rng.normal(size=(4, 6))
    f = lambda: np.sum(layer.forward(x) * u)
    layer.forward(x)
    dx = layer.backward(u)
    assert relative_error(dx, numerical_gradient(f, x)) < 1e-6
    assert relative_error(layer.dW, numerical_gradient(f, layer.W)) < 1e-6
    assert relative_error(layer.db, numerical_gradient(f, layer.b)) < 1e-6


def test_xor_failures_written_on_the_page():
    """역전파 페이지의 '시드 0~49' 문장은 이 측정값입니다(바뀌면 페이지를 고칩니다)."""
    from pathlib import Path
    from snippets.backprop import forward, init_params, train
    X = np.array([[0.0, 0.0, 1.0, 1.0], [0.0, 1.0, 0.0, 1.0]])
    Y = np.array([[0.0, 1.0, 1.0, 0.0]])
    dead = []
    for seed in range(50):
        params = init_params(2, 4, 1, seed=seed)
        train(X, Y, params, lr=0.5, steps=2000)
        A2, cache = forward(X, params)
        if np.any(np.round(A2) != Y):
            dead.append(int(np.sum(np.all(cache["Z1"] <= 0, axis=1))))
    assert len(dead) == 11
    assert sorted(dead) == [1, 1, 2, 2, 2, 2, 2, 3, 3, 3, 4]
    page = (Path(__file__).resolve().parents[1] / "docs/training/backpropagation.md").read_text(encoding="utf-8")
    text = " ".join(page.split())
    assert "50번 중 11번" in text and "보통 2~3개" in text and "11번 중 1번" in text, \
        "docs/training/backpropagation.md 의 '학습 돌려 보기' 절의 측정 문장이 이 값과 맞아야 합니다"
