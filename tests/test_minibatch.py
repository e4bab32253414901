"""snippets/minibatch.py: 미니배치 나누기, 에포크당 반복 수, 미니배치 기울기의 치우침 없음."""
import numpy as np
import pytest

from snippets.minibatch import make_regression, minibatches, mse_grad, mse_loss, train_linreg, updates_per_epoch


def test_updates_per_epoch_is_ceiling():
    assert updates_per_epoch(100_000, 32) == 3125
    assert updates_per_epoch(10, 4) == 3
    assert updates_per_epoch(7, 7) == 1 and updates_per_epoch(7, 1) == 7


def test_every_sample_once_per_epoch_and_reshuffled():
    rng = np.random.default_rng(0)
    first = list(minibatches(103, 10, rng))
    second = list(minibatches(103, 10, rng))
    assert [len(b) for b in first] == [10] * 10 + [3]
    assert sorted(np.concatenate(first).tolist()) == list(range(103))
    assert not np.array_equal(np.concatenate(first), np.concatenate(second))


def test_mean_of_equal_minibatch_gradients_is_full_gradient():
    x, y = make_regression(200, seed=0)
    full = np.array(mse_grad(-2.0, -3.0, x, y))
    batches = list(minibatches(200, 8, np.random.default_rng(3)))
    mean = np.mean([mse_grad(-2.0, -3.0, x[:, i], y[:, i]) for i in batches], axis=0)
    np.testing.assert_allclose(mean, full)


def test_mse_grad_matches_numerical_and_grid_loss():
    x, y = make_regression(50, seed=2)
    w, b, h = 0.7, -0.4, 1e-6
    dw, db = mse_grad(w, b, x, y)
    assert dw == pytest.approx((mse_loss(w + h, b, x, y) - mse_loss(w - h, b, x, y)) / (2 * h), rel=1e-6)
    assert db == pytest.approx((mse_loss(w, b + h, x, y) - mse_loss(w, b - h, x, y)) / (2 * h), rel=1e-6)
    grid = mse_loss(np.array([[w, 0.0]]), np.array([[b, 1.0]]), x, y)
    assert grid.shape == (1, 2) and grid[0, 0] == pytest.approx(float(mse_loss(w, b, x, y)))


@pytest.mark.parametrize("bs, lr, steps", [(200, 0.3, 60), (16, 0.1, 200), (1, 0.05, 600)])
def test_all_three_variants_reach_least_squares(bs, lr, steps):
    x, y = make_regression(200, seed=0)
    path = train_linreg(x, y, bs, lr, steps)
    assert path.shape == (steps + 1, 2)
    np.testing.assert_allclose(path[-1], [1.962, 0.976], atol=0.06)
