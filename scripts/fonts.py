"""본문 글꼴(Pretendard 가변 글꼴)을 빌드된 사이트가 실제로 쓰는 글자만 남긴 woff2 하나로 줄입니다.

훅(hooks/fonts.py)이 빌드가 끝난 사이트에서 부릅니다:

- `site_characters(site)`: 화면에 나올 수 있는 모든 글자. 페이지의 글(노트북 페이지 포함), 제목·대체 텍스트·
  입력란 안내(title, alt, placeholder, aria-label), Material 이 실행 중에 보여 주는 한국어 문구(페이지의
  `__config` 의 translations: 검색 결과 수, 복사 단추 등), 검색 색인, 사이트 자체 스크립트의 문자열, CSS 의
  `content:` 글자. 출력할 수 있는 ASCII 전체는 늘 넣습니다(검색창에 치는 영어·숫자).
- `subset(chars, cache)`: fontTools 로 그 글자와 브라우저가 기본으로 켜는 레이아웃 기능만 남긴 woff2(굵기 축은
  그대로: 제목 300, 본문 400, 굵게 700 을 한 파일이). 결과는 (글자 집합, 원본 글꼴, fontTools 판, 설정) 해시로
  캐시하므로 글자가 그대로인 다시 빌드는 파일을 복사만 합니다.
- `font_face_css(url, codepoints)`: `font-display: swap` 과 실제 글자 범위(unicode-range)의 @font-face.

Pretendard 에 없는 글자(아래 FALLBACK)는 지금처럼 시스템 글꼴로 그려집니다. 새 글자가 Pretendard 에도,
FALLBACK 에도 없으면 tests/test_fonts.py 가 페이지와 글자를 말하며 실패합니다. 독자가 검색창에 직접 치는
글자(사이트에 없는 한글 음절)도 시스템 한글 글꼴(Apple SD Gothic Neo, Malgun Gothic …)로 그려집니다.
그림은 이 글꼴을 쓰지 않습니다: scripts/figures/style.py 가 고정한 Pretendard 정적 글꼴을 곡선으로 넣습니다.
"""
from __future__ import annotations

import functools
import hashlib
import html
import json
import re
import shutil
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "node_modules/pretendard/dist/public/variable/PretendardVariable.ttf"
FAMILY = "Pretendard Variable"
WEIGHTS = "45 920"  # 가변 글꼴의 굵기 축 전체(원래 쓰던 npm 의 CSS 와 같은 범위)

# 사이트에 나오지만 Pretendard 에 없는 글자와 그 글자를 그리는 글꼴. 여기 없는 글자가 Pretendard 에도 없으면
# 테스트가 실패합니다: 다른 글자를 쓰거나, 이 목록에 이유와 함께 더합니다.
FALLBACK = {
    "⊃": "제목 '인공지능 ⊃ 머신러닝 ⊃ 딥러닝'(background/why-deep-learning.md): 시스템 글꼴",
    "⌈⌉": "코드의 독스트링 ⌈N / m⌉(snippets/minibatch.py): 고정폭 글꼴(DejaVu Sans Mono 등)",
    "ᵀ": "코드 주석의 W2ᵀ(snippets/backprop.py): 고정폭 글꼴",
}
FALLBACK_CHARS = frozenset("".join(FALLBACK))

# 글꼴이 필요 없는 글자: 줄바꿈 같은 제어 문자, 너비 없는 서식 문자(방향 표시 등)
_INVISIBLE = {"Cc", "Cf", "Zl", "Zp"}
# 화면에 보이는 속성(Material 의 content.tooltips 는 title 을 페이지 글꼴의 풍선으로 그립니다)
SHOWN_ATTRS = {"title", "alt", "placeholder", "aria-label", "value"}
_CSS_CONTENT = re.compile(r"""content:\s*(?:"([^"]*)"|'([^']*)')""")
_CSS_ESCAPE = re.compile(r"\\([0-9a-fA-F]{1,6})\s?")


_CONFIG = re.compile(r'<script[^>]*type="application/json"[^>]*>(.*?)</script>', re.S)
_HIDDEN = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>|<!--.*?-->", re.S | re.I)
_TAG = re.compile(r"""<(?:[^>"']|"[^"]*"|'[^']*')*>""")
_ATTR = re.compile(r"""\s(%s)\s*=\s*(?:"([^"]*)"|'([^']*)')""" % "|".join(sorted(SHOWN_ATTRS)))


def _json_strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _json_strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _json_strings(v)]
    return []


def visible(chars) -> set[str]:
    """글꼴이 그려야 하는 글자만(제어·서식 문자 빼고)."""
    return {c for c in chars if unicodedata.category(c) not in _INVISIBLE}


def page_text(markup: str) -> str:
    """HTML 한 장에서 화면에 나올 수 있는 글: 본문 글, 보이는 속성, Material 의 실행 중 문구(__config JSON).

    <script>·<style>·주석 안은 빼고(JSON 설정의 문자열만 넣음), 태그는 보이는 속성값만 남깁니다. 정규식으로
    훑는 것은 HTMLParser 보다 열 배쯤 빨라서입니다(노트북 페이지는 한 장에 수백 KB).
    """
    config = [s for block in _CONFIG.findall(markup) for s in _json_strings(json.loads(block))]
    body = _HIDDEN.sub(" ", markup)
    attrs = [a or b for tag in _TAG.findall(body) for _, a, b in _ATTR.findall(tag)]
    return "".join(config) + html.unescape("".join(attrs) + _TAG.sub(" ", body))


def css_content_text(css: str) -> str:
    """CSS 의 content: "…" 글자(\\25B8 같은 이스케이프를 풀어서)."""
    found = "".join(a or b for a, b in _CSS_CONTENT.findall(css))
    return _CSS_ESCAPE.sub(lambda m: chr(int(m[1], 16)), found)


_STYLE = re.compile(r"<style[^>]*>(.*?)</style>", re.S | re.I)
_MATHML = re.compile(r"<math\b.*?</math>", re.S)
_SPAN = re.compile(r"<(/?)span\b")
_KATEX_HTML = '<span class="katex-html"'


def split_math(markup: str) -> tuple[str, str]:
    """빌드 때 렌더링된 KaTeX 수식을 떼어 냅니다: (수식 밖의 HTML, 보이는 수식 HTML(.katex-html)).

    수식의 MathML(<math>, 화면에 그리지 않고 스크린 리더가 읽음)은 버립니다. 보이는 수식은 KaTeX 글꼴이
    그리고, 그 안의 한글(\\text{…}) 같은 KaTeX 에 없는 글자만 Pretendard 로 넘어옵니다(site.css).
    """
    markup = _MATHML.sub("", markup)
    outside, math, pos = [], [], 0
    while (start := markup.find(_KATEX_HTML, pos)) >= 0:
        depth, end = 0, start
        for m in _SPAN.finditer(markup, start):
            depth += -1 if m[1] else 1
            if depth == 0:
                end = markup.index(">", m.end()) + 1
                break
        else:
            end = len(markup)
        outside.append(markup[pos:start])
        math.append(markup[start:end])
        pos = end
    outside.append(markup[pos:])
    return "".join(outside), "".join(math)


# 파일별 결과: (경로) → ((크기, 수정 시각), 글자). make serve 처럼 한 프로세스에서 다시 빌드할 때 바뀐 파일만 다시 읽습니다.
_seen: dict[Path, tuple[tuple[int, int], tuple[frozenset, frozenset, frozenset]]] = {}


def _html_chars(path: Path) -> tuple[frozenset, frozenset, frozenset]:
    """HTML 파일 하나의 (수식 밖에서 화면에 나올 글자, 보이는 수식의 글자, 그 파일 <style> 의 content 글자)."""
    stat = path.stat()
    stamp = (stat.st_size, stat.st_mtime_ns)
    hit = _seen.get(path)
    if hit and hit[0] == stamp:
        return hit[1]
    markup = path.read_text(encoding="utf-8")
    styles = "".join(_STYLE.findall(markup)) if "content:" in markup else ""
    text, math = split_math(markup) if _KATEX_HTML in markup or "<math" in markup else (markup, "")
    found = (frozenset(visible(page_text(text))), frozenset(visible(html.unescape(_TAG.sub("", math)))),
             frozenset(visible(css_content_text(styles))))
    _seen[path] = (stamp, found)
    return found


def page_characters(site: Path) -> dict[str, set[str]]:
    """사이트의 HTML 파일마다(사이트 기준 경로) 수식 밖에서 화면에 나올 수 있는 글자."""
    return {path.relative_to(site).as_posix(): set(_html_chars(path)[0]) for path in sorted(site.rglob("*.html"))}


def math_characters(site: Path) -> dict[str, set[str]]:
    """사이트의 HTML 파일마다 빌드 때 렌더링된 수식(.katex-html)의 글자(수식이 없으면 빈 집합)."""
    return {path.relative_to(site).as_posix(): set(_html_chars(path)[1]) for path in sorted(site.rglob("*.html"))}


@functools.lru_cache(maxsize=1)
def katex_codepoints() -> frozenset[int]:
    """KaTeX 글꼴(package-lock.json 으로 고정)이 그리는 코드 포인트 전체: 수식 안의 글자는 이 글꼴이 먼저 그립니다."""
    folder = ROOT / "node_modules/katex/dist/fonts"
    return frozenset(cp for f in sorted(folder.glob("*.woff2")) for cp in codepoints(f))


def site_characters(site: Path) -> set[str]:
    """글꼴 부분집합에 넣을 글자 전체: 페이지, 검색 색인, 사이트 스크립트의 글자, CSS content, 출력 가능한 ASCII."""
    chars = set(map(chr, range(0x20, 0x7F)))
    for path in site.rglob("*.html"):
        text, math, styles = _html_chars(path)
        # 수식의 글자도 넣습니다(Pretendard 에 있는 것만 남음): KaTeX 글꼴에 없는 한글 등이 Pretendard 로 넘어옵니다.
        # 노트북 페이지는 렌더러의 CSS 를 <style> 로 품고 있습니다.
        chars |= text | math | styles
    index = site / "search/search_index.json"
    if index.is_file():  # 검색 결과에 보이는 글(페이지 글과 같아야 하지만, 색인이 따로 가공하므로 함께 넣음)
        chars |= set("".join(_json_strings(json.loads(index.read_text(encoding="utf-8")))))
    for script in sorted((site / "javascripts").glob("*.js")):  # docs/javascripts: 사이트가 쓰는 안내 문구
        chars |= set(script.read_text(encoding="utf-8"))
    for css in sorted(site.rglob("*.css")):
        if "katex" not in css.relative_to(site).parts:  # KaTeX 의 content 는 KaTeX 글꼴이 그립니다
            chars |= set(css_content_text(css.read_text(encoding="utf-8")))
    return visible(chars)


def _options():
    from fontTools import subset as ft_subset

    options = ft_subset.Options()
    options.flavor = "woff2"
    # 브라우저가 기본으로 켜는 기능(ccmp, locl, calt, liga, kern, mark …; fontTools 의 기본 목록)만 둡니다.
    # 사이트 CSS 는 그 밖의 기능(ss01, tnum, case …)을 켜지 않으므로 보이는 모양은 같고, 글꼴은 10% 작습니다.
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.glyph_names = False
    return options


def cache_key(chars: set[str], source: Path = SOURCE) -> str:
    import fontTools

    h = hashlib.sha256("".join(sorted(chars)).encode())
    h.update(fontTools.version.encode())
    h.update(hashlib.sha256(source.read_bytes()).digest())
    h.update(repr(sorted(vars(_options()).items())).encode())  # 설정이 바뀌면 다시 만듭니다
    return h.hexdigest()


def subset_path(chars: set[str], cache: Path, source: Path = SOURCE) -> Path:
    """chars 의 부분집합 글꼴이 놓일(또는 이미 있는) 캐시 안의 경로."""
    if not source.is_file():
        raise FileNotFoundError(f"본문 글꼴이 없습니다: {source}. `make setup`(npm ci)을 먼저 실행하세요.")
    return cache / f"pretendard-{cache_key(chars, source)[:16]}.woff2"


def subset(chars: set[str], cache: Path, source: Path = SOURCE) -> Path:
    """chars 만 남긴 woff2 파일의 경로(캐시 폴더 안). 같은 글자 집합이면 다시 만들지 않습니다."""
    out = subset_path(chars, cache, source)
    if out.is_file():
        return out
    # lazy: 표(특히 가변 글꼴의 gvar)를 남기는 글리프만 풀어 읽습니다. 결과 바이트는 같고 시간은 절반입니다.
    return _write_subset(source, out, lambda font: sorted(map(ord, chars)), lazy=True)


def _write_subset(source: Path, out: Path, unicodes, lazy: bool) -> Path:
    """source 에서 unicodes(font) 가 고른 코드 포인트만 남긴 woff2 를 out 에 씁니다(임시 파일을 거쳐 한 번에)."""
    from fontTools import subset as ft_subset
    from fontTools.ttLib import TTFont

    # lazy 로 읽으면 원본 파일을 열어 둔 채 읽으므로 with 로 닫습니다.
    with TTFont(str(source), recalcTimestamp=False, lazy=lazy) as font:
        subsetter = ft_subset.Subsetter(_options())
        subsetter.populate(unicodes=unicodes(font))
        subsetter.subset(font)
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = out.with_suffix(".tmp")
        font.flavor = "woff2"
        font.save(str(tmp))
    tmp.replace(out)
    return out


def codepoints(font_file: Path) -> set[int]:
    """글꼴 파일(woff2 도)이 그릴 수 있는 코드 포인트."""
    from fontTools.ttLib import TTFont

    with TTFont(str(font_file)) as font:
        return set(font.getBestCmap())


def unicode_range(points: set[int]) -> str:
    """코드 포인트 집합 → CSS unicode-range(이어지는 것은 U+AC00-AC01 처럼 묶어서)."""
    spans, ordered = [], sorted(points)
    start = prev = ordered[0]
    for cp in ordered[1:] + [None]:
        if cp is not None and cp == prev + 1:
            prev = cp
            continue
        spans.append(f"U+{start:X}" if start == prev else f"U+{start:X}-{prev:X}")
        if cp is not None:
            start = prev = cp
    return ", ".join(spans)


def font_face_css(url: str, points: set[int]) -> str:
    """부분집합 글꼴 하나의 @font-face. unicode-range 가 실제 글자와 같아, 그 밖의 글자는 바로 다음 글꼴로 넘어갑니다."""
    return (
        "/* Pretendard (SIL Open Font License 1.1, https://github.com/orioncactus/pretendard):\n"
        "   빌드된 사이트가 쓰는 글자만 남긴 부분집합입니다(scripts/fonts.py). */\n"
        "@font-face {\n"
        f"  font-family: '{FAMILY}';\n"
        "  font-style: normal;\n"
        "  font-display: swap;\n"
        f"  font-weight: {WEIGHTS};\n"
        f"  src: url({url}) format('woff2-variations'), url({url}) format('woff2');\n"
        f"  unicode-range: {unicode_range(points)};\n"
        "}\n"
    )


def served(site: Path, folder: str = "assets/fonts") -> tuple[str, Path, set[int]]:
    """빌드된 사이트가 내려보내는 본문 글꼴: (CSS 텍스트, woff2 경로, 그 글꼴이 그리는 코드 포인트)."""
    css = (site / folder / "pretendard.css").read_text(encoding="utf-8")
    urls = set(re.findall(r"url\(([^)]+)\)", css))
    if len(urls) != 1:
        raise ValueError(f"{folder}/pretendard.css 가 글꼴 파일 하나를 가리키지 않습니다: {sorted(urls)}")
    font = site / folder / urls.pop()
    return css, font, codepoints(font)


def install(site: Path, cache: Path, folder: str = "assets/fonts", source: Path = SOURCE,
            chars: set[str] | None = None) -> tuple[Path, Path]:
    """사이트에 부분집합 글꼴과 그 CSS(folder/pretendard.css)를 씁니다. (글꼴, CSS) 경로를 돌려줍니다.
    chars: 이미 모은 site_characters(site)(없으면 여기서 모음).

    글꼴 파일 이름에 글자 집합의 해시가 들어가므로 글자가 바뀌면 주소도 바뀌어 낡은 캐시를 쓰지 않습니다.
    """
    font = subset(site_characters(site) if chars is None else chars, cache, source)
    dest = site / folder
    dest.mkdir(parents=True, exist_ok=True)
    for old in dest.glob("pretendard-*.woff2"):
        if old.name != font.name:
            old.unlink()
    target = dest / font.name
    if not target.is_file() or target.stat().st_size != font.stat().st_size:
        shutil.copyfile(font, target)
    face = font.with_suffix(".css")  # 캐시: 다시 빌드할 때 woff2 를 풀어 cmap 을 읽지 않게
    if not face.is_file():
        face.write_text(font_face_css(font.name, codepoints(font)), encoding="utf-8")
    css = dest / "pretendard.css"
    shutil.copyfile(face, css)
    return target, css


def install_all(site: Path, cache: Path) -> Path:
    """빌드 끝(hooks/fonts.py)의 일 전부: 본문 글꼴(install), KaTeX 글꼴(install_katex), 미리 받기 링크(add_preloads).
    본문 글꼴 부분집합을 새로 만들어야 하면(차가운 빌드, 글자가 바뀜) 가장 오래 걸리는 그 일(fontTools, 몇 초)을 다른
    프로세스에서 하고, 그동안 이 프로세스는 KaTeX 글꼴을 만듭니다. 빌드의 이 끝부분은 다른 일이 없어 코어 하나가 놀기
    때문입니다. 결과 파일은 한 프로세스에서 차례로 만든 것과 같습니다(같은 함수 subset, 같은 캐시 경로). 본문 글꼴
    경로를 돌려줍니다."""
    import subprocess
    import sys

    chars = site_characters(site)
    proc = None
    if not subset_path(chars, cache).is_file():
        # multiprocessing 이 아닌 새 인터프리터: spawn 은 부른 쪽의 __main__ 을 다시 읽고, fork 는 빌드 프로세스의
        # 스레드(노트북 미리 그리기의 감시)가 쥔 잠금을 물려받을 수 있습니다. 글자는 표준 입력으로 넘깁니다.
        proc = subprocess.Popen(
            [sys.executable, "-c", "import json, sys; from pathlib import Path; from scripts.fonts import subset; "
                                   "subset(set(json.load(sys.stdin)), Path(sys.argv[1]))", str(cache)],
            cwd=ROOT, stdin=subprocess.PIPE, text=True, encoding="utf-8")
        proc.stdin.write(json.dumps(sorted(chars), ensure_ascii=False))
        proc.stdin.close()
    try:
        install_katex(site, cache / "katex")
    finally:
        if proc is not None and proc.wait() != 0:
            raise RuntimeError(f"본문 글꼴 부분집합을 만들지 못했습니다(scripts/fonts.py 의 subset, 종료 코드 {proc.returncode}; "
                               "오류는 바로 위에 나온 것)")
    body_font, _ = install(site, cache, chars=chars)  # 이제 캐시에 있으므로 복사와 CSS 만
    add_preloads(site, body_font)
    return body_font


# --------------------------------------------------------------------------- KaTeX 글꼴
# 수식 글꼴(KaTeX, package-lock.json 으로 고정)도 사이트의 수식이 쓰는 글자만 남깁니다. 수식 페이지의 첫 방문에서
# KaTeX 글꼴 몫(약 85 KiB)이 가장 큰 몫 가운데 하나였습니다. 글꼴마다 원래 그리던 글자 가운데 사이트의 수식 글자
# (빌드 때 그린 .katex-html 의 글)와 KaTeX CSS 가 그리는 식 번호 "(1)" 의 글자만 남기므로, 수식에 나오는
# 글자는 모두 원래 글꼴 그대로 그려집니다. 파일 이름에 글자 집합의 해시를 넣고 katex.min.css 의 주소를 바꿔,
# 글자가 바뀌면 주소도 바뀝니다(낡은 캐시를 쓰지 않음).
KATEX_DIR = "assets/katex"
KATEX_CSS_CHARS = " ()0123456789"  # katex.min.css 의 content: "(" counter(katexEqnNo) ")"
_KATEX_URL = re.compile(r"url\(fonts/(?P<name>KaTeX_[A-Za-z0-9-]+?)(?:\.[0-9a-f]{10})?\.woff2\)")


def katex_characters(site: Path) -> set[str]:
    """KaTeX 글꼴에 남길 글자: 모든 페이지의 보이는 수식 글자와 KaTeX CSS 가 그리는 식 번호("(12)")의 글자."""
    chars = set(KATEX_CSS_CHARS)
    for path in site.rglob("*.html"):
        chars |= _html_chars(path)[1]
    return chars


def katex_subset(source: Path, chars: set[str], cache: Path) -> Path:
    """KaTeX 글꼴 하나를 chars 가운데 그 글꼴에 있는 글자만 남긴 woff2 로(캐시 폴더 안, 해시 이름)."""
    key = cache_key(chars, source)[:10]
    out = cache / f"{source.stem}.{key}.woff2"
    if out.is_file():
        return out
    return _write_subset(source, out, lambda font: sorted(cp for cp in font.getBestCmap() if chr(cp) in chars),
                         lazy=False)


def install_katex(site: Path, cache: Path, folder: str = KATEX_DIR) -> dict[str, str]:
    """사이트의 KaTeX 글꼴을 부분집합(해시 이름)으로 바꾸고 katex.min.css 가 그것을 가리키게 합니다.

    {원래 파일 이름: 새 파일 이름} 을 돌려줍니다. CSS 가 이미 고쳐져 있어도(다시 빌드) 원본 글꼴(node_modules)에서
    다시 만듭니다."""
    css_path = site / folder / "katex.min.css"
    css = css_path.read_text(encoding="utf-8")
    source_dir = ROOT / "node_modules/katex/dist/fonts"
    chars = katex_characters(site)
    renamed: dict[str, str] = {}
    for name in sorted({m["name"] for m in _KATEX_URL.finditer(css)}):
        source = source_dir / f"{name}.woff2"
        if not source.is_file():
            raise FileNotFoundError(f"KaTeX 글꼴이 없습니다: {source}. `make setup`(npm ci)을 먼저 실행하세요.")
        subset_file = katex_subset(source, chars, cache)
        renamed[f"{name}.woff2"] = subset_file.name
    dest = site / folder / "fonts"
    for old in dest.glob("KaTeX_*.woff2"):  # 원본과 지난 빌드의 부분집합
        if old.name not in renamed.values():
            old.unlink()
    for new in renamed.values():
        target = dest / new
        if not target.is_file():
            shutil.copyfile(cache / new, target)
    css_path.write_text(_KATEX_URL.sub(lambda m: f"url(fonts/{renamed[m['name'] + '.woff2']})", css), encoding="utf-8")
    return renamed


def katex_served(site: Path, folder: str = KATEX_DIR) -> dict[str, Path]:
    """katex.min.css 가 가리키는 woff2: {글꼴 이름(KaTeX_Main-Regular): 사이트 안의 파일}."""
    css = (site / folder / "katex.min.css").read_text(encoding="utf-8")
    return {m["name"]: site / folder / "fonts" / m.group(0)[len("url(fonts/"):-1] for m in _KATEX_URL.finditer(css)}


# --------------------------------------------------------------------------- 미리 받기(preload)
# 글꼴은 브라우저가 본문을 배치하다 그 글꼴이 필요하다는 것을 알아야 요청하고, 하나씩 도착할 때마다 그 글꼴로 그린 글을
# 모두 다시 배치합니다. 수식이 많은 장은 요소가 1만 개를 넘어, 본문을 다 읽은 뒤에 도착하는 글꼴마다 휴대폰에서 1초 가까이
# 듭니다. 그래서 페이지가 쓰는 글꼴을 <head> 에서 미리 받게(preload) 해, 본문이 아직 짧을 때 도착하게 합니다.
# KaTeX 는 katex.min.css 의 규칙(클래스 → 글꼴)을 읽어 페이지의 수식에 있는 클래스로 고릅니다.
PRELOAD_START, PRELOAD_END = "<!-- fonts:preload -->", "<!-- /fonts:preload -->"
_PRELOAD_BLOCK = re.compile(re.escape(PRELOAD_START) + ".*?" + re.escape(PRELOAD_END) + r"\n?", re.S)
_KATEX_RULE = re.compile(r"(?P<sel>[^{}]+)\{(?P<body>[^{}]*font-family:(?P<family>KaTeX_[A-Za-z0-9]+)[^{}]*)\}")
_CLASS_ATTR = re.compile(r'class="([^"]*)"')


def katex_faces(css: str) -> list[tuple[tuple[frozenset[str], ...], str]]:
    """katex.min.css 에서 (그 글꼴을 쓰게 하는 셀렉터의 클래스 묶음들, 글꼴 파일 이름 KaTeX_Main-Bold) 목록.

    묶음 하나는 한 요소에 함께 있어야 하는 클래스들입니다(.delimsizing.size1). .katex 자체는 KaTeX_Main 을 씁니다."""
    out = [((frozenset({"katex"}),), "KaTeX_Main-Regular")]
    for m in _KATEX_RULE.finditer(css):
        if m["sel"].strip().startswith("@font-face"):
            continue
        bold, italic = "font-weight:700" in m["body"] or "font-weight:bold" in m["body"], "font-style:italic" in m["body"]
        style = ("Bold" if bold else "") + ("Italic" if italic else "") or "Regular"
        for sel in m["sel"].split(","):
            compounds = tuple(frozenset(c) for part in re.split(r"[\s>+~]+", sel.strip())
                              if (c := set(re.findall(r"\.([\w-]+)", part)) - {"katex"}))
            if compounds:
                out.append((compounds, f"{m['family']}-{style}"))
    return out


def page_katex_faces(markup: str, faces) -> list[str]:
    """페이지(HTML)의 수식이 쓸 KaTeX 글꼴 파일 이름: 셀렉터의 클래스 묶음마다 그것을 다 가진 요소가 페이지에 있으면."""
    if 'class="katex' not in markup:
        return []
    elements = {frozenset(attr.split()) for attr in _CLASS_ATTR.findall(markup)}
    return sorted({face for compounds, face in faces
                   if all(any(group <= el for el in elements) for group in compounds)})


def preload_block(urls: list[str]) -> str:
    links = "".join(f'<link rel="preload" href="{u}" as="font" type="font/woff2" crossorigin>' for u in urls)
    return f"{PRELOAD_START}{links}{PRELOAD_END}\n"


def add_preloads(site: Path, body_font: Path, folder: str = KATEX_DIR) -> int:
    """사이트의 페이지마다 <head> 맨 앞(문자 집합 다음)에 본문 글꼴과 그 페이지의 KaTeX 글꼴을 미리 받는 링크를 넣습니다.
    다시 빌드하면 지난 링크를 바꿉니다. 고친 페이지 수를 돌려줍니다(404.html 은 주소 기준이 달라 빼고)."""
    faces = katex_faces((site / folder / "katex.min.css").read_text(encoding="utf-8"))
    katex_files = katex_served(site, folder)
    changed = 0
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site)
        if rel.as_posix() == "404.html" or rel.parts[0] == "assets":
            continue
        markup = path.read_text(encoding="utf-8")
        up = "../" * (len(rel.parts) - 1)
        urls = [up + body_font.relative_to(site).as_posix()]
        urls += [up + katex_files[f].relative_to(site).as_posix() for f in page_katex_faces(markup, faces) if f in katex_files]
        clean = _PRELOAD_BLOCK.sub("", markup)
        anchor = '<meta charset="utf-8">'
        if anchor not in clean:
            continue
        new = clean.replace(anchor, anchor + "\n" + preload_block(urls), 1)
        if new != markup:
            path.write_text(new, encoding="utf-8")
            changed += 1
    return changed
