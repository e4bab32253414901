# 문서의 코드 블록 수집기(tests/docblocks.py)를 docs/ 에도 적용하려고 루트에서 플러그인으로 불러옵니다.
# (tests/conftest.py 의 훅은 tests/ 폴더에만 적용됩니다.)
pytest_plugins = ["tests.docblocks"]
