"""독자용 snippets wheel(scripts/reader_wheel.py): 내용, 메타데이터, 설치 명령, 재현성, 캐시."""
from __future__ import annotations

import base64
import hashlib
import os
import shutil
import subprocess
import sys
import time
import tomllib
import zipfile
from email.parser import Parser
from pathlib import Path

import pytest

from scripts import reader_wheel
from scripts.reader_wheel import DOWNLOAD_DIR, build_wheel, install_command, wheel_filename

ROOT = Path(__file__).resolve().parents[1]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
DIST_INFO = f"dl_basics_ko-{PROJECT['version']}.dist-info"


@pytest.fixture(scope="module")
def cache_root(tmp_path_factory) -> Path:
    """이 모듈만의 캐시 폴더(DLB_CACHE_DIR): 저장소의 .cache 를 건드리지 않고, 첫 빌드는 정말 빌드합니다."""
    path = tmp_path_factory.mktemp("cache")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("DLB_CACHE_DIR", str(path))
        yield path


@pytest.fixture(scope="module")
def wheel(cache_root, tmp_path_factory) -> Path:
    return build_wheel(ROOT, tmp_path_factory.mktemp("site") / DOWNLOAD_DIR)


def _sources() -> dict[str, bytes]:
    return {p.relative_to(ROOT).as_posix(): p.read_bytes() for p in sorted((ROOT / "snippets").glob("*.py"))}


def test_filename_and_install_command():
    assert PROJECT["name"] == "dl-basics-ko"
    name = f"dl_basics_ko-{PROJECT['version']}-py3-none-any.whl"
    assert wheel_filename() == name
    expected = f"pip install https://x.github.io/repo/downloads/{name}"
    assert install_command("https://x.github.io/repo") == expected
    assert install_command("https://x.github.io/repo/") == expected
    assert install_command("http://127.0.0.1:8000/") == f"pip install http://127.0.0.1:8000/downloads/{name}"


def test_wheel_holds_only_snippets(wheel):
    assert wheel.name == wheel_filename() and wheel.parent.name == DOWNLOAD_DIR
    with zipfile.ZipFile(wheel) as zf:
        names = [n for n in zf.namelist() if not n.endswith("/")]
        files = {n: zf.read(n) for n in names}
    assert {n for n in names if n.startswith("snippets/")} == set(_sources())
    assert {n for n in names if not n.startswith("snippets/")} == {
        f"{DIST_INFO}/{f}" for f in ("METADATA", "WHEEL", "RECORD")}
    assert not [n for n in names if n.startswith(("scripts/", "tests/", "hooks/", "docs/"))]
    for path, data in _sources().items():
        assert files[path] == data, path
    # RECORD 의 해시가 실제 파일과 맞습니다(pip 가 검사함).
    for row in files[f"{DIST_INFO}/RECORD"].decode().splitlines():
        path, digest, _ = row.rsplit(",", 2)
        if digest:
            algo, value = digest.split("=", 1)
            assert algo == "sha256"
            assert base64.urlsafe_b64encode(hashlib.sha256(files[path]).digest()).rstrip(b"=").decode() == value


def test_wheel_metadata(wheel):
    with zipfile.ZipFile(wheel) as zf:
        meta = Parser().parsestr(zf.read(f"{DIST_INFO}/METADATA").decode())
        tags = Parser().parsestr(zf.read(f"{DIST_INFO}/WHEEL").decode())
    assert meta["Name"] == "dl-basics-ko"
    assert meta["Version"] == PROJECT["version"]
    assert meta.get_all("Requires-Dist") == ["numpy"]
    assert meta["Requires-Python"] == ">=3.11"
    assert "딥러닝" in meta["Summary"] and "scripts" not in meta["Summary"]
    assert tags["Root-Is-Purelib"] == "true" and tags["Tag"] == "py3-none-any"


def test_build_is_reproducible(wheel, tmp_path, monkeypatch):
    """새 캐시로 다시 빌드해도(다른 SOURCE_DATE_EPOCH 가 환경에 있어도) 바이트가 같습니다."""
    monkeypatch.setenv("DLB_CACHE_DIR", str(tmp_path / "other-cache"))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    again = build_wheel(ROOT, tmp_path / "out")
    assert (tmp_path / "other-cache" / "reader-wheel" / wheel.name).is_file()
    assert again.read_bytes() == wheel.read_bytes()


def test_cache_hit_copies_without_rebuilding(wheel, tmp_path, monkeypatch):
    def no_build(*args, **kwargs):
        raise AssertionError("캐시가 그대로인데 다시 빌드했습니다")

    monkeypatch.setattr(reader_wheel, "_build", no_build)
    start = time.perf_counter()
    out = build_wheel(ROOT, tmp_path / "site" / DOWNLOAD_DIR)
    seconds = time.perf_counter() - start
    assert out.read_bytes() == wheel.read_bytes()
    assert seconds < 0.5, f"캐시에서 복사하는 데 {seconds * 1000:.0f} ms"  # 보통 몇 ms(바쁜 기계 여유)
    # 이미 같은 파일이 있으면 그대로 둡니다.
    mtime = out.stat().st_mtime_ns
    build_wheel(ROOT, out.parent)
    assert out.stat().st_mtime_ns == mtime


def _copy_project(dst: Path) -> Path:
    shutil.copy(ROOT / "pyproject.toml", dst / "pyproject.toml")
    (dst / "snippets").mkdir()
    for path, data in _sources().items():
        (dst / path).write_bytes(data)
    return dst


def test_changed_snippet_or_damaged_cache_rebuilds(tmp_path, monkeypatch):
    monkeypatch.setenv("DLB_CACHE_DIR", ".cache")  # 루트 기준 상대 경로
    root = _copy_project(tmp_path)
    first = build_wheel(root, tmp_path / "out").read_bytes()
    cached = root / ".cache" / "reader-wheel" / wheel_filename(root)
    assert cached.read_bytes() == first
    (root / "snippets" / "activations.py").write_text("# 바뀐 스니펫\n", encoding="utf-8")
    second = build_wheel(root, tmp_path / "out").read_bytes()
    assert second != first and cached.read_bytes() == second
    with zipfile.ZipFile(tmp_path / "out" / cached.name) as zf:
        assert zf.read("snippets/activations.py") == "# 바뀐 스니펫\n".encode()
    cached.write_bytes(b"not a wheel")  # 망가진 캐시는 쓰지 않습니다
    assert build_wheel(root, tmp_path / "out2").read_bytes() == second


def test_build_failure_raises_with_output(tmp_path, monkeypatch):
    monkeypatch.setenv("DLB_CACHE_DIR", str(tmp_path / "cache"))
    root = _copy_project(tmp_path)
    text = (root / "pyproject.toml").read_text(encoding="utf-8")
    (root / "pyproject.toml").write_text(text.replace(f'version = "{PROJECT["version"]}"', 'version = "1.0-?"'))
    with pytest.raises(RuntimeError, match=r"wheel 을 만들지 못했습니다(?s:.*)1\.0-\?"):
        build_wheel(root, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_command_line(cache_root, wheel, tmp_path):
    env = dict(os.environ, DLB_CACHE_DIR=str(cache_root))
    proc = subprocess.run([sys.executable, "-m", "scripts.reader_wheel", str(tmp_path)],
                          cwd=ROOT, env=env, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / wheel.name).read_bytes() == wheel.read_bytes()
    assert f"downloads/{wheel.name}" in proc.stdout
