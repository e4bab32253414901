# 딥러닝 기초 — 빌드·미리보기·테스트
# 준비물: git, make, python3(3.11 이상), node(18 이상)와 npm. 나머지는 처음 실행할 때 설치됩니다.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1
# 파이썬의 .pyc 는 저장소가 아닌 .cache/pycache 한곳에(저장소에 __pycache__ 가 생기지 않게). 끄지는 않습니다:
# .pyc 가 없으면 빌드·테스트 워커·노트북 커널·붙여 넣기 프로세스가 뜰 때마다 mkdocs·numpy·matplotlib 을 다시
# 컴파일합니다(프로세스마다 1~3초). 셸에 PYTHONDONTWRITEBYTECODE 가 있어도 make 안에서는 뺍니다.
unexport PYTHONDONTWRITEBYTECODE
export PYTHONPYCACHEPREFIX := $(CURDIR)/.cache/pycache

.PHONY: setup serve build test test-page new-chapter bench clean lock pdf

setup: $(VENV)/.installed node_modules/.installed

# 파이썬 환경: requirements.lock(해시 고정)을 uv로 그대로 설치하고, 이 저장소(snippets, scripts)를 편집 가능 모드로.
# 끝으로 pip 처럼 설치한 패키지의 .pyc 를 만들어 둡니다(uv 는 기본으로 하지 않음; 위의 PYTHONPYCACHEPREFIX 로 .cache/pycache 에).
# 그러지 않으면 새로 받은 저장소의 첫 make test 에서 워커·빌드·커널이 저마다 같은 모듈을 컴파일합니다(약 26 CPU초).
# 컴파일하지 못하는 파일(다른 파이썬 판 전용 등)은 건너뜁니다: 그 파일은 가져올 때 어차피 오류가 납니다.
$(VENV)/.installed: requirements.lock requirements-bootstrap.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-bootstrap.txt
	$(BIN)/uv pip sync --quiet --python $(BIN)/python requirements.lock
	$(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps -e .
	$(BIN)/python -m compileall -q -j 0 $(VENV)/lib >/dev/null || true
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

# 인쇄용 책: 사이트 전체를 한 권의 PDF(site/$(BOOK_PDF))로. 테스트가 쓰는 chromium 으로 장마다 찍어 합칩니다.
# BOOK_PDF 를 넘겨 빌드하면 홈 페이지에 이 PDF 로 가는 링크가 생깁니다. 이름은 scripts/book.py 의 PDF_NAME 과 같게.
BOOK_PDF := dl-basics-ko.pdf
pdf: setup
	BOOK_PDF=$(BOOK_PDF) $(BIN)/mkdocs build --strict --site-dir site
	$(BIN)/python -m scripts.book site site/$(BOOK_PDF)

# 코어마다 워커 하나(pytest-xdist; 하나 더 두어도 이 2코어 기계에서 빨라지지 않았습니다: 187/187 초 대 187/211 초).
# 파일 단위로 나누되 페이지별 브라우저·그림 검사는 하나씩 나눕니다(tests/conftest.py 의 pytest_xdist_make_scheduler).
# 사이트 빌드는 세션이 시작하자마자 뒤에서 한 번 하고, 그동안 사이트가 필요 없는 테스트가 먼저 돕니다.
# 한 파일만 볼 때는 .venv/bin/python -m pytest 파일.
test: setup
	$(BIN)/python -m pytest -n auto

bench: setup
	$(BIN)/python -m scripts.bench

# 한 페이지만 빠르게: 그 페이지의 코드 블록·스니펫 단위 테스트·그림·용어·제목, 엄격 빌드, 그 페이지의 브라우저 검사와
# 노트북·복사 실행. 예: make test-page PAGE=docs/basics/loss-functions.md
test-page: setup
	@test -n "$(PAGE)" || { echo '사용법: make test-page PAGE=docs/<부>/<슬러그>.md' >&2; exit 2; }
	DLB_PAGE=$(PAGE) $(BIN)/python -m pytest -n 2 -q

# 새 장의 뼈대: make new-chapter PART=cnn SLUG=convolution TITLE="합성곱 연산"
new-chapter: setup
	@test -n "$(PART)" -a -n "$(SLUG)" -a -n "$(TITLE)" || { echo '사용법: make new-chapter PART=<폴더> SLUG=<영어-슬러그> TITLE="<한국어 제목>"' >&2; exit 2; }
	$(BIN)/python -m scripts.new_chapter "$(PART)" "$(SLUG)" "$(TITLE)"

# 잠금 파일 다시 만들기(의존성을 바꿀 때만). 지원하는 모든 파이썬(3.11 이상, pyproject.toml)에 하나의 잠금 파일:
# --universal 은 버전마다 맞는 조건(marker)을 달고, --fork-strategy fewest 는 패키지마다 한 버전만 골라
# 3.11·3.12·3.13 에서 같은 numpy·matplotlib 으로(같은 출력·같은 그림) 돌게 합니다. tests/test_lock.py 가 확인합니다.
LOCK_FLAGS := --universal --fork-strategy fewest --python-version 3.11 --generate-hashes
lock:
	$(BIN)/uv pip compile requirements.in -o requirements.lock $(LOCK_FLAGS) --quiet
	npm install --package-lock-only --no-audit --no-fund

clean:
	rm -rf site .cache .pytest_cache
