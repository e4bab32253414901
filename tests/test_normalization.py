"""snippets/normalization.py: 최소-최대 정규화와 표준화(훈련 데이터에서만 통계)."""
import numpy as np
import pytest

from snippets.normalization import (gd_steps_to_fit, make_height_income, minmax_fit, minmax_transform,
                                    standardize_fit, standardize_transform)


def test_minmax_maps_train_to_unit_interval():
    X = make_height_income(50, seed=3)
    Z = minmax_transform(X, minmax_fit(X))
    np.testing.assert_allclose(Z.min(axis=1), 0.0)
    np.testing.assert_allclose(Z.max(axis=1), 1.0)
    toy = np.array([[150.0, 160.0, 170.0, 180.0], [40.0, 55.0, 70.0, 85.0]])
    np.testing.assert_allclose(minmax_transform(toy, minmax_fit(toy)), [[0, 1 / 3, 2 / 3, 1]] * 2)


def test_test_data_uses_train_statistics_and_may_leave_unit_interval():
    train = np.array([[0.0, 10.0]])
    stats = minmax_fit(train)
    np.testing.assert_allclose(minmax_transform(np.array([[-5.0, 5.0, 20.0]]), stats), [[-0.5, 0.5, 2.0]])


def test_standardize_zero_mean_unit_std_on_train():
    X = make_height_income(80, seed=1)
    Z = standardize_transform(X, standardize_fit(X))
    np.testing.assert_allclose(Z.mean(axis=1), 0.0, atol=1e-12)
    np.testing.assert_allclose(Z.std(axis=1), 1.0)


def test_scaling_speeds_up_gradient_descent():
    X = make_height_income(200, seed=0)
    y = 0.05 * X[0] + 0.001 * X[1] + np.random.default_rng(1).normal(0, 1, 200)
    raw = gd_steps_to_fit(X, y, max_steps=2000)
    scaled = gd_steps_to_fit(standardize_transform(X, standardize_fit(X)), y)
    assert raw == 2000 and scaled < 10
