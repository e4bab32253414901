"""독자용 wheel: 페이지의 코드 블록을 새 파이썬(Colab·주피터·REPL)에 붙여 넣어도 돌도록 snippets 패키지만 담습니다.

- 사이트의 downloads/ 에 두고, 페이지마다 설치 명령 한 줄(install_command)을 보여 줍니다.
- wheel 에는 snippets/ 의 .py 파일과 메타데이터(dl-basics-ko, pyproject 의 버전, numpy 의존)만 들어갑니다.
  편집 가능 설치에 함께 들어 있는 scripts/ 와 tests/ 는 넣지 않습니다.
- 빌드는 임시 폴더에 최소 pyproject.toml 을 만들어 `uv build --wheel` 로 합니다. uv_build 백엔드가 uv 에
  들어 있어 네트워크 없이 됩니다(버전 범위를 돌리는 uv 에 맞춥니다). 시각을 고정해 같은 입력이면 같은 바이트입니다.
- 입력(snippets/**/*.py, 이름·버전, 아래 조립법)의 해시가 그대로면 캐시(.cache/reader-wheel/)의 wheel 을
  복사만 합니다(빠른 make serve).

직접 만들기: `python -m scripts.reader_wheel OUT_DIR`
"""
from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOWNLOAD_DIR = "downloads"
PACKAGE = "snippets"
SUMMARY = "딥러닝 기초 스터디 사이트의 예제 코드(snippets) / example code of the Korean deep-learning basics site"
# 1980-01-01: zip 이 담을 수 있는 가장 이른 시각입니다. 빌드 시각이 wheel 에 들어가지 않게 고정합니다.
SOURCE_DATE_EPOCH = "315532800"
# 임시 프로젝트의 pyproject.toml. 바꾸면 캐시 해시도 바뀝니다.
PYPROJECT = """\
[project]
name = {name}
version = {version}
description = {summary}
requires-python = ">=3.11"
dependencies = ["numpy"]

[build-system]
requires = [{backend}]
build-backend = "uv_build"

[tool.uv.build-backend]
module-name = "{package}"
module-root = ""
"""


def _project(root: Path) -> tuple[str, str]:
    """pyproject.toml 의 배포 이름과 버전."""
    with open(root / "pyproject.toml", "rb") as f:
        project = tomllib.load(f)["project"]
    return project["name"], project["version"]


def wheel_filename(root: Path = ROOT) -> str:
    """wheel 파일 이름, 예: dl_basics_ko-0.1.0-py3-none-any.whl"""
    name, version = _project(root)
    return f"{re.sub(r'[-_.]+', '_', name).lower()}-{version}-py3-none-any.whl"


def install_command(site_url: str) -> str:
    """페이지에 보여 줄 설치 명령 한 줄: pip install <사이트 주소>/downloads/<wheel>"""
    return f"pip install {site_url.rstrip('/')}/{DOWNLOAD_DIR}/{wheel_filename()}"


def _sources(root: Path) -> list[Path]:
    return sorted(p for p in (root / PACKAGE).rglob("*.py") if "__pycache__" not in p.parts)


def _inputs_hash(root: Path) -> str:
    h = hashlib.sha256()
    h.update(json.dumps([_project(root), PYPROJECT, SUMMARY, SOURCE_DATE_EPOCH]).encode())
    for path in _sources(root):
        h.update(b"\0" + path.relative_to(root).as_posix().encode() + b"\0")
        h.update(path.read_bytes())
    return h.hexdigest()


def cache_dir(root: Path) -> Path:
    return root / os.environ.get("DLB_CACHE_DIR", ".cache") / "reader-wheel"


def build_wheel(root: Path, out_dir: Path) -> Path:
    """out_dir/<wheel> 을 만들고 그 경로를 돌려줍니다. 입력이 그대로면 캐시의 wheel 을 복사만 합니다."""
    root, out_dir = Path(root), Path(out_dir)
    name = wheel_filename(root)
    cache = cache_dir(root)
    cached, stamp = cache / name, cache / (name + ".json")
    digest = _inputs_hash(root)
    data = None
    if cached.is_file() and stamp.is_file():
        try:
            meta = json.loads(stamp.read_text())
        except ValueError:
            meta = {}
        data = cached.read_bytes()
        # 입력 해시와, 캐시의 wheel 이 그때 만든 그 파일인지(동시에 쓴 다른 빌드와 섞이지 않았는지) 봅니다.
        if meta.get("inputs") != digest or meta.get("wheel") != hashlib.sha256(data).hexdigest():
            data = None
    if data is None:
        data = _build(root, name)
        cache.mkdir(parents=True, exist_ok=True)
        _write_atomic(cached, data)
        _write_atomic(stamp, json.dumps({"inputs": digest, "wheel": hashlib.sha256(data).hexdigest()}).encode())
    out = out_dir / name
    if not (out.is_file() and out.read_bytes() == data):
        out_dir.mkdir(parents=True, exist_ok=True)
        _write_atomic(out, data)
    return out


def _write_atomic(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix="." + path.name + ".")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def find_uv() -> str:
    """프로젝트 환경의 uv(Makefile 이 고정한 버전). 없으면 PATH 의 uv."""
    try:
        from uv import find_uv_bin

        return find_uv_bin()
    except (ImportError, FileNotFoundError):
        found = shutil.which("uv")
        if not found:
            raise RuntimeError("uv 를 찾지 못했습니다(make setup 으로 .venv 에 설치됩니다).") from None
        return found


def _backend_requirement(uv: str) -> str:
    """돌리는 uv 에 들어 있는 uv_build 를 쓰도록 그 버전을 포함하는 범위(예: uv_build>=0.13.8,<0.14)."""
    proc = subprocess.run([uv, "--version"], capture_output=True, text=True)
    m = re.match(r"uv (\d+)\.(\d+)\.(\d+)", proc.stdout)
    if proc.returncode != 0 or not m:
        raise RuntimeError(f"uv 버전을 읽지 못했습니다: {proc.stdout}{proc.stderr}")
    major, minor, patch = map(int, m.groups())
    return f"uv_build>={major}.{minor}.{patch},<{major}.{minor + 1}"


def _build(root: Path, name: str) -> bytes:
    """임시 프로젝트에 snippets 를 복사하고 uv build --wheel 로 만든 wheel 의 바이트."""
    dist_name, version = _project(root)
    uv = find_uv()
    with tempfile.TemporaryDirectory(prefix="reader-wheel-") as tmp:
        project, dist = Path(tmp) / "project", Path(tmp) / "dist"
        for src in _sources(root):
            dst = project / src.relative_to(root)
            dst.parent.mkdir(parents=True, exist_ok=True)
            dst.write_bytes(src.read_bytes())
        (project / "pyproject.toml").write_text(PYPROJECT.format(
            name=json.dumps(dist_name), version=json.dumps(version), summary=json.dumps(SUMMARY, ensure_ascii=False),
            backend=json.dumps(_backend_requirement(uv)), package=PACKAGE,
        ), encoding="utf-8")
        cmd = [uv, "build", "--wheel", "--out-dir", str(dist), "--python", sys.executable, "--no-progress"]
        env = dict(os.environ, SOURCE_DATE_EPOCH=SOURCE_DATE_EPOCH)
        try:
            proc = subprocess.run(cmd, cwd=project, env=env, capture_output=True, text=True, timeout=300)
        except subprocess.TimeoutExpired as exc:
            raise RuntimeError(f"wheel 빌드가 {exc.timeout}초 안에 끝나지 않았습니다: {' '.join(cmd)}") from None
        built = dist / name
        if proc.returncode != 0 or not built.is_file():
            tail = "\n".join((proc.stdout + proc.stderr).strip().splitlines()[-40:])
            raise RuntimeError(
                f"wheel 을 만들지 못했습니다(종료 코드 {proc.returncode}, {name} 를 기대): {' '.join(cmd)}\n{tail}"
            )
        data = built.read_bytes()
    _check(data, name)
    return data


def _check(data: bytes, name: str) -> None:
    """wheel 에 snippets/ 와 dist-info 말고 다른 것이 들어가지 않았는지."""
    dist_info = "-".join(name.split("-")[:2]) + ".dist-info/"
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        extra = [n for n in zf.namelist() if not n.startswith((PACKAGE + "/", dist_info))]
    if extra:
        raise RuntimeError(f"wheel 에 snippets 밖의 파일이 들어갔습니다: {extra}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="독자용 snippets wheel 을 만듭니다.")
    parser.add_argument("out_dir", type=Path, help="wheel 을 둘 폴더(사이트라면 site/downloads)")
    args = parser.parse_args(argv)
    path = build_wheel(ROOT, args.out_dir)
    print(f"{path} ({path.stat().st_size} 바이트)")
    print(install_command("<사이트 주소>"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
