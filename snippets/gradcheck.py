"""수치 미분으로 해석적 기울기를 검사하는 도구(모든 장의 테스트와 역전파 페이지가 함께 씁니다)."""
import numpy as np


# --8<-- [start:numerical-gradient]
def numerical_gradient(f, x, eps=1e-6):
    """중앙 차분 (f(x+h) − f(x−h)) / 2h 로 스칼라 함수 f의 기울기를 x의 원소마다 구합니다.

    x는 float64 배열이어야 하며, 잠깐 바꿨다가 원래 값으로 되돌립니다.
    """
    grad = np.zeros_like(x, dtype=float)
    it = np.nditer(x, flags=["multi_index"])
    for _ in it:
        i = it.multi_index
        saved = x[i]
        x[i] = saved + eps
        f_plus = f()
        x[i] = saved - eps
        f_minus = f()
        x[i] = saved  # 값 복원
        grad[i] = (f_plus - f_minus) / (2 * eps)
    return grad


def relative_error(a, b):
    """두 기울기의 상대 오차: 0에 가까울수록 일치합니다(float64에서 1e-7 아래면 좋음)."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return np.max(np.abs(a - b) / np.maximum(1e-12, np.abs(a) + np.abs(b)))
# --8<-- [end:numerical-gradient]
