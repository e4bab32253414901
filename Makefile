# 딥러닝 기초 — 빌드·미리보기·테스트
# 준비물: git, make, python3(3.11 이상), node(18 이상)와 npm. 나머지는 처음 실행할 때 설치됩니다.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: setup serve build test bench clean lock

setup: $(VENV)/.installed node_modules/.installed

# 파이썬 환경: requirements.lock(해시 고정)을 uv로 그대로 설치하고, 이 저장소(snippets, scripts)를 편집 가능 모드로.
$(VENV)/.installed: requirements.lock requirements-bootstrap.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-bootstrap.txt
	$(BIN)/uv pip sync --quiet --python $(BIN)/python requirements.lock
	$(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps -e .
	touch $@

# 프런트엔드 자산(KaTeX)과 그림용 한글 글꼴(Pretendard): package-lock.json 그대로.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# --dirty: 바뀐 페이지(와 hooks/dirty_deps.py 가 찾은, 바뀐 스니펫을 포함하는 페이지)만 다시 만듭니다.
# 미리보기는 경고를 보여 주고 계속합니다(--no-strict); 엄격 검사는 make build/test 가 합니다.
serve: setup
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000 --livereload --dirty --no-strict

build: setup
	$(BIN)/mkdocs build --strict --site-dir site

test: setup
	$(BIN)/python -m pytest

bench: setup
	$(BIN)/python -m scripts.bench

# 잠금 파일 다시 만들기(의존성을 바꿀 때만)
lock:
	$(BIN)/uv pip compile requirements.in -o requirements.lock --python-version 3.11 --generate-hashes --quiet
	npm install --package-lock-only --no-audit --no-fund

clean:
	rm -rf site .cache .pytest_cache
