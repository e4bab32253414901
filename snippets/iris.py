"""실습: 붓꽃(iris) 품종 분류 — 원본 과제의 케라스 모델(4 → 30 → 16 → 3)을 numpy만으로 만듭니다.

페이지(docs/practice/iris.md)와 내려받는 노트북은 아래의 이름 붙은 구간을 그대로 씁니다.
노트북은 프로젝트 파일 없이 돌아야 하므로, 이 파일은 numpy 말고는 아무것도 가져오지 않습니다.
표기는 사이트와 같습니다: 샘플이 열(column)입니다. X는 (특성 4, 샘플 m), Y는 (클래스 3, 샘플 m).
"""
# --8<-- [start:setup]
import numpy as np

SPECIES = ("setosa", "versicolor", "virginica")
FEATURES = ("sepal_length", "sepal_width", "petal_length", "petal_width")
# --8<-- [end:setup]
# --8<-- [start:plot-style]
# 노트북 그림은 흰 카드 위에 그립니다. 투명 배경은 노트북 도구가 글자색을 보고 배경을 임의로
# 칠해 버려서(주피터의 needs_background), 밝은·어두운 화면 어디서나 읽히는 흰 바탕을 고릅니다.
PLOT_STYLE = {
    "figure.facecolor": "white", "axes.facecolor": "white", "savefig.facecolor": "white",
    "text.color": "#333333", "axes.labelcolor": "#333333", "axes.edgecolor": "#666666",
    "xtick.color": "#333333", "ytick.color": "#333333", "legend.frameon": False,
    "axes.grid": True, "grid.color": "#e0e0e0", "figure.dpi": 100,
}
# --8<-- [end:plot-style]
# --8<-- [start:colors]
SPECIES_COLORS = ("#2563eb", "#ea8a00", "#059669")  # 품종별 색: 파랑·주황·초록
# --8<-- [end:colors]


# --8<-- [start:load]
def load_iris(text):
    """CSV 글(머리줄 + 150줄)을 읽어 X (4, 150)과 품종 이름 배열 (150,)을 돌려줍니다."""
    lines = text.strip().splitlines()
    header = lines[0].split(",")
    if tuple(header) != FEATURES + ("species",):
        raise ValueError(f"모르는 열 이름: {header}")
    rows = [line.split(",") for line in lines[1:]]
    X = np.array([[float(v) for v in row[:4]] for row in rows]).T  # 샘플이 열이 되도록 전치
    species = np.array([row[4] for row in rows])
    return X, species
# --8<-- [end:load]


# --8<-- [start:encode]
def encode_labels(species, classes=SPECIES):
    """품종 이름 → 정수 번호(0, 1, 2). LabelEncoder가 하는 일은 여기까지입니다."""
    lookup = {name: k for k, name in enumerate(classes)}
    return np.array([lookup[s] for s in species])


def one_hot(codes, n_classes=3):
    """정수 번호 → 원-핫 행렬 (클래스, 샘플): 열마다 정답 자리만 1."""
    Y = np.zeros((n_classes, codes.size))
    Y[codes, np.arange(codes.size)] = 1.0
    return Y
# --8<-- [end:encode]


# --8<-- [start:split]
def stratified_split(codes, test_frac=0.25, seed=417):
    """클래스마다 같은 비율로 테스트 데이터를 떼어 냅니다. (훈련 번호, 테스트 번호)를 돌려줍니다."""
    rng = np.random.default_rng(seed)
    train, test = [], []
    for k in np.unique(codes):
        idx = rng.permutation(np.flatnonzero(codes == k))
        n_test = int(round(idx.size * test_frac))
        test.append(idx[:n_test])
        train.append(idx[n_test:])
    # 클래스 순서로 붙어 있지 않게 한 번 더 섞습니다.
    return rng.permutation(np.concatenate(train)), rng.permutation(np.concatenate(test))


def standardize(X_train, X_test):
    """훈련 데이터의 평균·표준편차로 두 데이터를 함께 표준화합니다(테스트 데이터 정보는 쓰지 않음)."""
    mean = X_train.mean(axis=1, keepdims=True)
    std = X_train.std(axis=1, keepdims=True)
    return (X_train - mean) / std, (X_test - mean) / std
# --8<-- [end:split]


# --8<-- [start:model]
def softmax(Z):
    """열(샘플)마다 소프트맥스. 최댓값을 빼서 exp가 넘치지 않게 합니다."""
    E = np.exp(Z - Z.max(axis=0, keepdims=True))
    return E / E.sum(axis=0, keepdims=True)


def cross_entropy(P, Y):
    """원-핫 정답 Y에 대한 평균 교차 엔트로피. log(0)을 막으려고 아주 작은 값으로 자릅니다."""
    return float(-np.sum(Y * np.log(np.clip(P, 1e-12, 1.0))) / Y.shape[1])


class MLP:
    """ReLU 은닉층들과 소프트맥스 출력층을 가진 완전 연결 신경망.

    모든 가중치·편향은 긴 배열 하나(theta)의 조각(view)이고, 기울기도 grad 하나에 모입니다.
    그래서 옵티마이저는 배열 하나만 갱신하면 되고, 배치 크기 1에서도 빠릅니다.
    """

    def __init__(self, sizes, seed=0):
        rng = np.random.default_rng(seed)
        pairs = list(zip(sizes[:-1], sizes[1:]))
        n = sum(n_out * n_in + n_out for n_in, n_out in pairs)
        self.theta, self.grad = np.zeros(n), np.zeros(n)
        self.W, self.b, self.dW, self.db = [], [], [], []
        k = 0
        for n_in, n_out in pairs:
            for store, arr in ((self.W, self.theta), (self.dW, self.grad)):
                store.append(arr[k:k + n_out * n_in].reshape(n_out, n_in))
            k += n_out * n_in
            for store, arr in ((self.b, self.theta), (self.db, self.grad)):
                store.append(arr[k:k + n_out].reshape(n_out, 1))
            k += n_out
            # 케라스 Dense의 기본값과 같은 Glorot 균등 초기화, 편향은 0.
            r = np.sqrt(6 / (n_in + n_out))
            self.W[-1][...] = rng.uniform(-r, r, (n_out, n_in))

    def forward(self, X):
        """확률 P (클래스, 샘플)를 돌려주고, backward에 필요한 A·Z를 기억합니다."""
        self.A, self.Z = [X], []
        for l, (W, b) in enumerate(zip(self.W, self.b)):
            Z = W @ self.A[-1] + b
            self.Z.append(Z)
            self.A.append(softmax(Z) if l == len(self.W) - 1 else np.maximum(Z, 0))
        return self.A[-1]

    def backward(self, Y):
        """평균 교차 엔트로피의 기울기를 self.grad(= dW, db 조각들)에 씁니다."""
        m = Y.shape[1]
        dZ = (self.A[-1] - Y) / m  # 소프트맥스 + 교차 엔트로피를 한 번에 미분한 결과
        for l in reversed(range(len(self.W))):
            np.matmul(dZ, self.A[l].T, out=self.dW[l])
            np.sum(dZ, axis=1, keepdims=True, out=self.db[l])
            if l > 0:
                dZ = (self.W[l].T @ dZ) * (self.Z[l - 1] > 0)  # ReLU: 양수였던 자리만 통과

    def predict(self, X):
        """가장 확률이 큰 클래스 번호."""
        return self.forward(X).argmax(axis=0)
# --8<-- [end:model]


# --8<-- [start:adam]
class Adam:
    """케라스 Adam과 같은 식(기본값 lr=0.001, β1=0.9, β2=0.999, ε=1e-7)."""

    def __init__(self, size, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-7):
        self.lr, self.beta1, self.beta2, self.eps = lr, beta1, beta2, eps
        self.v, self.h, self.tmp = np.zeros(size), np.zeros(size), np.zeros(size)
        self.t = 0

    def update(self, theta, grad):
        """theta를 제자리에서 갱신합니다. 임시 배열도 미리 만들어 둔 것을 씁니다."""
        self.t += 1
        self.v *= self.beta1
        self.v += (1 - self.beta1) * grad          # 1차 모멘트: 기울기의 이동 평균
        np.multiply(grad, grad, out=self.tmp)
        self.h *= self.beta2
        self.h += (1 - self.beta2) * self.tmp      # 2차 모멘트: 기울기 제곱의 이동 평균
        # 처음 몇 걸음의 0 쪽 치우침을 학습률 쪽에서 한꺼번에 보정합니다.
        step = self.lr * np.sqrt(1 - self.beta2 ** self.t) / (1 - self.beta1 ** self.t)
        np.sqrt(self.h, out=self.tmp)
        self.tmp += self.eps                       # ε̂: 보정 전 √h 에 더함(케라스와 같음)
        np.divide(self.v, self.tmp, out=self.tmp)
        self.tmp *= step
        theta -= self.tmp
# --8<-- [end:adam]


# --8<-- [start:train]
def train(model, X, Y, epochs=100, batch_size=1, lr=1e-3, seed=417):
    """미니배치 학습. 에포크마다 순서를 섞고, 에포크의 평균 손실을 기록해 돌려줍니다."""
    rng = np.random.default_rng(seed)
    opt = Adam(model.theta.size, lr=lr)
    m = X.shape[1]
    history = np.zeros(epochs)
    for epoch in range(epochs):
        order = rng.permutation(m)
        Xs, Ys = X[:, order], Y[:, order]
        total = 0.0
        for start in range(0, m, batch_size):
            xb, yb = Xs[:, start:start + batch_size], Ys[:, start:start + batch_size]
            total += cross_entropy(model.forward(xb), yb) * xb.shape[1]
            model.backward(yb)
            opt.update(model.theta, model.grad)
        history[epoch] = total / m
    return history
# --8<-- [end:train]


# --8<-- [start:evaluate]
def confusion_matrix(true, pred, n_classes=3):
    """행 = 실제 클래스, 열 = 예측 클래스인 개수 표."""
    cm = np.zeros((n_classes, n_classes), dtype=int)
    np.add.at(cm, (true, pred), 1)
    return cm


def accuracy(true, pred):
    return float(np.mean(true == pred))
# --8<-- [end:evaluate]


# --8<-- [start:plots]
def plot_pairs(axes, X, codes):
    """특성 여섯 쌍의 산점도를 품종별 색으로. axes는 2×3 Axes 배열."""
    pairs = [(i, j) for i in range(X.shape[0]) for j in range(i + 1, X.shape[0])]
    for ax, (i, j) in zip(axes.ravel(), pairs):
        for k, name in enumerate(SPECIES):
            mask = codes == k
            ax.scatter(X[i, mask], X[j, mask], s=10, color=SPECIES_COLORS[k], label=name)
        ax.set_xlabel(FEATURES[i])
        ax.set_ylabel(FEATURES[j])
    handles, labels = axes.flat[0].get_legend_handles_labels()
    axes.flat[0].figure.legend(handles, labels, loc="outside upper center", ncol=3)


def plot_history(ax, history):
    ax.plot(np.arange(1, history.size + 1), history, color=SPECIES_COLORS[0])
    ax.set_xlabel("epoch")
    ax.set_ylabel("mean cross-entropy")


def plot_confusion(ax, cm):
    ax.imshow(cm, cmap="Blues", vmin=0)
    ax.grid(False)
    for (i, j), count in np.ndenumerate(cm):
        ax.text(j, i, str(count), ha="center", va="center",
                color="white" if count > cm.max() / 2 else "#404040")
    ax.set_xticks(range(len(SPECIES)), SPECIES)
    ax.set_yticks(range(len(SPECIES)), SPECIES)
    ax.set_xlabel("predicted")
    ax.set_ylabel("true")
# --8<-- [end:plots]
