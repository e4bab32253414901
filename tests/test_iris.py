"""snippets/iris.py: 데이터, 인코딩, 층화 분할, 역전파(수치 미분과 비교), Adam, 원본 설정의 학습 결과."""
from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pytest

from snippets import iris
from snippets.gradcheck import numerical_gradient, relative_error

ROOT = Path(__file__).resolve().parents[1]
CSV = (ROOT / "data/iris.csv").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def data():
    X, species = iris.load_iris(CSV)
    y = iris.encode_labels(species)
    return X, species, y


def test_the_data_is_fishers_iris(data):
    X, species, y = data
    assert X.shape == (4, 150)
    assert np.bincount(y).tolist() == [50, 50, 50]
    # 널리 알려진 평균(소수 셋째 자리)과 품종별 평균
    np.testing.assert_array_equal(np.round(X.mean(axis=1), 3), [5.843, 3.057, 3.758, 1.199])
    expected = {"setosa": [5.006, 3.428, 1.462, 0.246], "versicolor": [5.936, 2.770, 4.260, 1.326],
                "virginica": [6.588, 2.974, 5.552, 2.026]}
    for name, means in expected.items():
        np.testing.assert_allclose(X[:, species == name].mean(axis=1), means, atol=5e-4)
    np.testing.assert_array_equal(np.round(X.std(axis=1, ddof=1), 3), [0.828, 0.436, 1.765, 0.762])
    # 잘 알려진 중복 한 쌍(102번째와 143번째 줄)
    rows = {tuple(col) + (s,) for col, s in zip(X.T, species)}
    assert len(rows) == 149
    assert X.min() == 0.1 and X.max() == 7.9


def test_load_rejects_unknown_columns():
    with pytest.raises(ValueError):
        iris.load_iris("a,b,c,d,e\n1,2,3,4,setosa")


def test_one_hot_columns(data):
    _, _, y = data
    Y = iris.one_hot(y)
    assert Y.shape == (3, 150)
    np.testing.assert_array_equal(Y.sum(axis=0), 1)
    np.testing.assert_array_equal(Y.argmax(axis=0), y)


def test_stratified_split(data):
    _, _, y = data
    train, test = iris.stratified_split(y, test_frac=0.25, seed=417)
    assert len(set(train) | set(test)) == 150 and not set(train) & set(test)
    assert np.bincount(y[test]).tolist() == [12, 12, 12]
    again = iris.stratified_split(y, test_frac=0.25, seed=417)
    np.testing.assert_array_equal(again[1], test)
    other = iris.stratified_split(y, test_frac=0.25, seed=1)
    assert set(other[1]) != set(test)


def test_standardize_uses_training_statistics(data):
    X, _, y = data
    train, test = iris.stratified_split(y)
    Xtr, Xte = iris.standardize(X[:, train], X[:, test])
    np.testing.assert_allclose(Xtr.mean(axis=1), 0, atol=1e-12)
    np.testing.assert_allclose(Xtr.std(axis=1), 1)
    assert np.abs(Xte.mean(axis=1)).max() > 1e-6  # 테스트 데이터는 자기 통계로 맞추지 않습니다


def test_softmax_is_stable_and_sums_to_one():
    P = iris.softmax(np.array([[1000.0, 1.0], [999.0, 2.0], [998.0, 3.0]]))
    np.testing.assert_allclose(P.sum(axis=0), 1)
    np.testing.assert_allclose(P[:, 0], [0.66524096, 0.24472847, 0.09003057], rtol=1e-7)


def test_parameter_count_matches_keras():
    model = iris.MLP((4, 30, 16, 3))
    assert model.theta.size == 697
    assert [W.shape for W in model.W] == [(30, 4), (16, 30), (3, 16)]
    assert all(np.shares_memory(W, model.theta) for W in model.W)
    assert all(np.shares_memory(db, model.grad) for db in model.db)


@pytest.mark.parametrize("seed, m", [(0, 1), (1, 4), (2, 9)])
def test_backward_matches_numerical_gradient(seed, m):
    rng = np.random.default_rng(seed)
    model = iris.MLP((4, 6, 5, 3), seed=seed)
    model.theta += rng.normal(0, 0.1, model.theta.size)  # 편향도 0이 아니게
    X = rng.normal(size=(4, m))
    Y = iris.one_hot(rng.integers(0, 3, m))
    model.forward(X)
    model.backward(Y)
    analytic = model.grad.copy()
    numeric = numerical_gradient(lambda: iris.cross_entropy(model.forward(X), Y), model.theta, eps=1e-5)
    assert relative_error(numeric, analytic) < 1e-6


def test_adam_matches_textbook_formula():
    rng = np.random.default_rng(0)
    theta = rng.normal(size=5)
    ref = theta.copy()
    opt = iris.Adam(5, lr=0.01)
    v = h = np.zeros(5)
    for t in range(1, 6):
        g = rng.normal(size=5)
        opt.update(theta, g)
        v = 0.9 * v + 0.1 * g
        h = 0.999 * h + 0.001 * g**2
        v_hat, h_hat = v / (1 - 0.9**t), h / (1 - 0.999**t)
        # 케라스 식의 ε̂ 는 보정 전 √h 에 더해집니다. 교과서 식의 ε 으로는 ε = ε̂ / √(1 − β2^t)
        ref -= 0.01 * v_hat / (np.sqrt(h_hat) + 1e-7 / np.sqrt(1 - 0.999**t))
    np.testing.assert_allclose(theta, ref, rtol=1e-12)


def test_confusion_matrix_counts():
    cm = iris.confusion_matrix(np.array([0, 1, 2, 2]), np.array([0, 2, 2, 1]))
    np.testing.assert_array_equal(cm, [[1, 0, 0], [0, 0, 1], [0, 1, 1]])
    assert iris.accuracy(np.array([0, 1]), np.array([0, 0])) == 0.5


def test_original_settings_reach_093_quickly(data):
    """원본 과제의 설정: 4-30-16-3, Adam, 100 에포크, 배치 크기 1, 분할 시드 417."""
    X, _, y = data
    Y = iris.one_hot(y)
    train, test = iris.stratified_split(y, seed=417)
    Xtr, Xte = iris.standardize(X[:, train], X[:, test])
    model = iris.MLP((4, 30, 16, 3), seed=0)
    start = time.process_time()  # CPU 시간: 다른 작업이 몰려도 흔들리지 않게
    history = iris.train(model, Xtr, Y[:, train], epochs=100, batch_size=1, lr=1e-3, seed=417)
    seconds = time.process_time() - start
    acc = iris.accuracy(y[test], model.predict(Xte))
    assert acc >= 0.93, acc
    assert history[-1] < history[0] / 10
    assert history[-10:].mean() < history[10:20].mean() < history[:10].mean()
    assert seconds < 3.0, f"배치 크기 1, 100 에포크가 {seconds:.2f}초"
    cm = iris.confusion_matrix(y[test], model.predict(Xte))
    assert cm.sum() == 36 and cm[0, 0] == 12


@pytest.mark.parametrize("batch_size", [1, 7, 32, 200])
def test_any_batch_size_lowers_the_loss(data, batch_size):
    X, _, y = data
    model = iris.MLP((4, 8, 3), seed=1)
    history = iris.train(model, X, iris.one_hot(y), epochs=15, batch_size=batch_size, lr=0.01)
    assert history[-1] < history[0]


def _accuracy(data, split_seed, init_seed, shuffle_seed):
    X, _, y = data
    train, test = iris.stratified_split(y, seed=split_seed)
    Xtr, Xte = iris.standardize(X[:, train], X[:, test])
    model = iris.MLP((4, 30, 16, 3), seed=init_seed)
    iris.train(model, Xtr, iris.one_hot(y)[:, train], epochs=100, batch_size=1, lr=1e-3, seed=shuffle_seed)
    return iris.accuracy(y[test], model.predict(Xte))


def test_seed_spread_written_on_the_page(data):
    """해석 절의 두 범위(시드 0~9)는 이 측정값입니다. 코드를 바꿔 값이 바뀌면 페이지도 고칩니다."""
    by_split = [_accuracy(data, s, 0, 417) for s in range(10)]
    by_init = [_accuracy(data, 417, s, s) for s in range(10)]
    page = (ROOT / "docs/practice/iris.md").read_text(encoding="utf-8")
    for name, accs in (("분할의 시드만 바꿀 때", by_split), ("초기화·섞기의 시드만 바꿀 때", by_init)):
        written = f"{name} {min(accs):.3f}~{max(accs):.3f}"
        assert written in page.replace("\n  ", " "), (
            f"docs/practice/iris.md 의 해석 절에 '{written}' 이 있어야 합니다(측정값이 바뀌었으면 페이지를 고칩니다)")
    assert max(by_split) - min(by_split) > max(by_init) - min(by_init)   # 분할이 더 크게 흔듭니다


def test_split_sizes_written_on_the_page(data):
    _, _, y = data
    train, test = iris.stratified_split(y, seed=417)
    assert (train.size, test.size) == (114, 36)
    page = (ROOT / "docs/practice/iris.md").read_text(encoding="utf-8")
    assert "36송이(24%)" in page and "114송이" in page
