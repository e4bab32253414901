"""실습(노트북) 페이지를 가볍게: mkdocs-jupyter 가 페이지마다 본문에 넣는 CSS(약 600 KB)와 쓰지 않는 스크립트를
빼고, CSS 는 이 페이지들이 실제로 쓰는 규칙만 남긴 공용 스타일시트 하나(브라우저가 캐시함)로 옮깁니다.
셀이 그린 PNG(base64 로 본문에 박힌 것)는 페이지 옆 파일로 꺼내고, 스크롤해 닿을 때 받게(loading=lazy) 합니다.
코드 셀의 마크업도 보이는 것·읽히는 것은 그대로 두고 줄입니다(`lighten`).

MkDocs 없이 부를 수 있는 함수들이고, hooks/notebooks.py 가 이어 붙입니다.
"""
from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import soupsieve
import tinycss2
from bs4 import BeautifulSoup

STYLESHEET = "assets/stylesheets/notebook.css"
_STYLE = re.compile(r"<style\b[^>]*>(?P<css>.*?)</style>\s*", re.DOTALL)
_SCRIPT = re.compile(r"<script\b(?P<attrs>[^>]*)>(?P<body>.*?)</script>\s*", re.DOTALL)
_PNG = re.compile(r'src="data:image/png;base64,(?P<data>[A-Za-z0-9+/=\s]+)"')


@dataclass
class Extracted:
    html: str
    css: list[str] = field(default_factory=list)
    images: dict[str, bytes] = field(default_factory=dict)   # 페이지 폴더 안의 파일 이름 → 내용


def _useless_script(attrs: str, body: str) -> bool:
    """mkdocs-jupyter 가 늘 넣지만 이 사이트에서는 하는 일이 없는 스크립트: 빈 MathJax 주소, MathJax 설정(수식은 빌드 때
    KaTeX 로 그림), mermaid 그리기(다이어그램 없음)."""
    return ('src=""' in attrs or "text/x-mathjax-config" in attrs
            or ('type="module"' in attrs and "mermaid" in body))


def extract(page_html: str, site_root: str) -> Extracted:
    """본문에서 CSS·쓸모없는 스크립트·박힌 PNG 를 꺼내고, 공용 스타일시트 링크를 맨 앞에 둡니다.

    site_root: 이 페이지에서 사이트 뿌리까지의 상대 주소(예: "../../"). 링크는 본문 안에 두어야 Material 의
    즉시 이동(본문만 바꿈)으로 들어와도 스타일시트가 붙습니다.
    """
    out = Extracted(page_html)
    out.css = [m["css"] for m in _STYLE.finditer(page_html)]
    html = _STYLE.sub("", page_html)
    html = _SCRIPT.sub(lambda m: "" if _useless_script(m["attrs"], m["body"]) else m.group(0), html)

    def png(m: re.Match) -> str:
        data = base64.b64decode(m["data"])
        name = f"cell-{hashlib.sha256(data).hexdigest()[:12]}.png"
        out.images[name] = data
        # 크기를 적어 두면 늦게 받아도 자리가 미리 잡혀 글이 밀리지 않습니다(CSS 가 max-width·height:auto 로 줄임).
        size = f' width="{int.from_bytes(data[16:20], "big")}" height="{int.from_bytes(data[20:24], "big")}"' \
            if data[12:16] == b"IHDR" else ""
        return f'src="{name}" loading="lazy" decoding="async"{size}'

    html = _PNG.sub(png, html)
    out.html = f'<link rel="stylesheet" href="{site_root}{STYLESHEET}">\n' + lighten(html)
    return out


# --------------------------------------------------------------------------- 코드 셀 마크업 줄이기
# 복사 단추의 아이콘(GitHub octicon): 셀마다 같은 <svg> 를 넣는 대신 한 번 정의하고 <use> 로 부릅니다.
# href 가 아니라 xlink:href 인 것은 Material 의 즉시 이동이 [href] 요소마다 el.href 에 값을 다시 넣는데, SVG 의 href 는
# 읽기 전용이라 오류가 나기 때문입니다.
COPY_ICON_ID = "nb-copy-icon"
_COPY_SVG = re.compile(r'<svg aria-hidden="true" class="clipboard-copy-icon"[^>]*>(?P<paths>.*?)</svg>', re.DOTALL)
# 복사용으로 코드를 한 번 더 적은 숨은 <div>: 단추가 보이는 <pre> 를 가리키게 하고 뺍니다.
_COPY_TXT = re.compile(r'\s*<div class="clipboard-copy-txt" id="(?P<id>[^"]+)">.*?</div>', re.DOTALL)
_HL_BLOCK = re.compile(r'(?P<open><div class="highlight-ipynb[^"]*"[^>]*><pre[^>]*>)(?P<code>.*?)</pre>', re.DOTALL)
# 이름(n, nv)과 구두점(p)은 코드 기본색(site.css 의 .highlight-ipynb pre 색)과 같은 색이고, 공백(w)은 잉크가 없으므로
# 토큰 <span> 을 벗겨도 보이는 것이 같습니다. 코드 셀 마크업의 절반쯤이 이 태그입니다.
PLAIN_TOKENS = ("n", "nv", "p", "w")
# 셀 옆의 접기 막대(jp-Collapser): 렌더러의 CSS 가 늘 숨기는(display: none) 빈 <div> 입니다.
_COLLAPSER = re.compile(r'<div class="jp-Collapser [^"]*">\s*</div>\s*')
_PLAIN_SPAN = re.compile(r'<span class="(?:%s)">([^<]*)</span>' % "|".join(PLAIN_TOKENS))


def lighten(page_html: str) -> str:
    """노트북 페이지 본문의 코드 셀 마크업을 줄입니다. 화면에 보이는 것, 스크린 리더가 읽는 것, 복사되는 코드는 같습니다.

    - 복사 단추의 아이콘 <svg> 는 한 번만 정의(<symbol>)하고 단추마다 <use> 로 부릅니다.
    - 복사용으로 코드를 한 번 더 적은 숨은 <div class="clipboard-copy-txt"> 를 빼고, 단추(for=…)가 코드의 <pre> 를
      가리키게 합니다(clipboard-copy 는 가리킨 요소의 textContent 를 복사).
    - 코드 기본색과 같은 토큰(PLAIN_TOKENS)의 <span> 을 벗기고, pygments 가 맨 앞에 넣는 빈 <span></span> 을 뺍니다.
    - 늘 숨겨진 빈 접기 막대(jp-Collapser)를 뺍니다.
    """
    page_html = _COLLAPSER.sub("", page_html)
    icons = _COPY_SVG.findall(page_html)
    if icons:
        symbol = (f'<svg aria-hidden="true" width="0" height="0" style="position:absolute">'
                  f'<symbol id="{COPY_ICON_ID}" viewBox="0 0 16 16">{icons[0].strip()}</symbol></svg>\n')
        page_html = symbol + _COPY_SVG.sub(
            f'<svg aria-hidden="true" class="clipboard-copy-icon" height="20" width="20" viewBox="0 0 16 16">'
            f'<use xlink:href="#{COPY_ICON_ID}"></use></svg>', page_html)
    page_html = page_html.replace('<clipboard-copy ,="" ', "<clipboard-copy ")

    # 숨은 복사용 글의 id 를 바로 앞 코드 블록의 <pre> 로 옮깁니다.
    out, pos = [], 0
    for m in _COPY_TXT.finditer(page_html):
        before = page_html[pos:m.start()]
        at = before.rfind("<pre>")
        if at < 0 or "</pre>" not in before[at:]:
            raise ValueError(f"복사용 글 {m['id']} 앞에 코드 블록(<pre>)이 없습니다 — mkdocs-jupyter 의 마크업이 바뀌었습니다")
        out.append(before[:at] + f'<pre id="{m["id"]}">' + before[at + len("<pre>"):])
        pos = m.end()
    out.append(page_html[pos:])
    page_html = "".join(out)

    def plain(m: re.Match) -> str:
        return m["open"] + _PLAIN_SPAN.sub(r"\1", m["code"].removeprefix("<span></span>")) + "</pre>"

    return _HL_BLOCK.sub(plain, page_html)


# --------------------------------------------------------------------------- 쓰는 규칙만 남기기
# 상태에 따라 붙는 의사 클래스·요소: 정적인 HTML 에서는 맞지 않지만 독자가 마우스를 올리면 맞을 수 있으므로 떼고 봅니다.
_DYNAMIC = re.compile(
    r"::?(?:-[a-z]+-)?[a-z-]+(?:\((?:[^()]|\([^()]*\))*\))?"
)
# Material 이 자바스크립트로 바꾸는 팔레트 속성([data-md-color-scheme=slate] 등): 빌드된 HTML 에는 기본값만 있으므로 떼고 봅니다.
_PALETTE = re.compile(r"\[\s*data-md-color-[\w-]+\s*(?:[~|^$*]?=\s*(?:\"[^\"]*\"|'[^']*'|[\w-]+)\s*)?\]")
# Material 이 읽은 뒤에 만드는 요소의 클래스(md-…): 빌드된 HTML 에 없어도 그 규칙은 남깁니다.
_RUNTIME = re.compile(r"\.md-[\w-]+")
_NOT = re.compile(r":not\((?:[^()]|\([^()]*\))*\)")
_KEEP_PSEUDO = re.compile(r":(?:not|is|where|first-child|last-child|only-child|nth-child|nth-last-child|"
                          r"first-of-type|last-of-type|nth-of-type|empty|root)\b")


def _static_selector(selector: str) -> str:
    """soupsieve 로 맞춰 볼 수 있게 상태 의사 클래스(:hover…)와 의사 요소(::before…)를 뗍니다."""
    def drop(m: re.Match) -> str:
        return m.group(0) if _KEEP_PSEUDO.match(m.group(0)) and not m.group(0).startswith("::") else ""
    tokens = re.sub(r"\s*([>+~])\s*", r" \1 ", _DYNAMIC.sub(drop, _PALETTE.sub("", selector))).split()
    # "a > :hover" 처럼 떼고 나서 빈 자리는 아무 요소나(*)
    out: list[str] = []
    for tok in tokens:
        if tok in ">+~" and (not out or out[-1] in ">+~"):
            out.append("*")
        out.append(tok)
    if not out or out[-1] in ">+~":
        out.append("*")
    return " ".join(out)


class _Matcher:
    def __init__(self, pages: list[str]):
        self.soups = [BeautifulSoup(p, "html.parser") for p in pages]
        text = "\n".join(pages)
        self.tokens = set(re.findall(r'class="([^"]*)"', text))
        self.classes = {c for group in self.tokens for c in group.split()}
        self.memo: dict[str, bool] = {}

    def used(self, selector: str) -> bool:
        if selector in self.memo:
            return self.memo[selector]
        # 빠른 거름: 셀렉터의 클래스가 하나라도 페이지에 없으면 맞을 수 없습니다.
        if _RUNTIME.search(selector):  # Material 의 자바스크립트가 만드는 요소(표를 감싸는 md-typeset__scrollwrap 등)
            self.memo[selector] = True
            return True
        positive = _NOT.sub("", selector)  # :not(.x) 의 x 는 없어도 됩니다
        if any(c not in self.classes for c in re.findall(r"\.(-?[_a-zA-Z][\w-]*)", positive)):
            self.memo[selector] = False
            return False
        static = _static_selector(selector)
        try:
            compiled = soupsieve.compile(static)
            hit = any(compiled.select_one(soup) is not None for soup in self.soups)
        except Exception:  # soupsieve 가 모르는 문법: 남겨 둡니다(모양을 바꾸지 않는 쪽으로)
            hit = True
        self.memo[selector] = hit
        return hit


def _rules(nodes, matcher: _Matcher) -> list:
    kept = []
    for node in nodes:
        if node.type == "qualified-rule":
            selectors = [s.strip() for s in tinycss2.serialize(node.prelude).split(",")]
            used = [s for s in selectors if s and matcher.used(s)]
            if used:
                node.prelude = tinycss2.parse_component_value_list(", ".join(used))
                kept.append(node)
        elif node.type == "at-rule" and node.lower_at_keyword in ("media", "supports") and node.content is not None:
            inner = _rules(tinycss2.parse_rule_list(node.content, skip_whitespace=True, skip_comments=True), matcher)
            if inner:
                node.content = inner
                kept.append(node)
        elif node.type == "at-rule" and node.lower_at_keyword in ("font-face", "keyframes", "-webkit-keyframes"):
            kept.append(node)  # 이름으로 쓰이는지는 아래에서 봅니다
    return kept


_VAR = re.compile(r"var\(\s*(--[\w-]+)")


def _declarations(rule) -> list:
    return tinycss2.parse_declaration_list(rule.content, skip_whitespace=True, skip_comments=True)


def _walk(rules):
    for r in rules:
        if r.type == "at-rule" and r.lower_at_keyword in ("media", "supports"):
            yield from _walk([n for n in r.content if n.type in ("qualified-rule", "at-rule")])
        else:
            yield r


def trim(css_blocks: list[str], pages: list[str]) -> str:
    """css_blocks 를 이어 붙인 CSS 에서 pages(빌드된 HTML) 의 요소에 맞을 수 있는 규칙만, 그 규칙이 쓰는
    사용자 속성(--jp-…)만 남깁니다. 상태 의사 클래스(:hover 등)는 떼고 맞춰 보므로 그런 규칙도 남습니다."""
    blocks = list(dict.fromkeys(css_blocks))  # 페이지마다 같은 블록은 한 번만
    matcher = _Matcher(pages)
    rules = _rules(tinycss2.parse_stylesheet("\n".join(blocks), skip_whitespace=True, skip_comments=True), matcher)
    # 사용자 속성: 남은 규칙의 보통 속성이 부르는 var(--x) 에서 시작해, 그 정의가 부르는 것까지 따라갑니다.
    defs: dict[str, set[str]] = {}
    used: set[str] = set()
    for rule in _walk(rules):
        if rule.type != "qualified-rule":
            continue
        for d in _declarations(rule):
            if d.type != "declaration":
                continue
            refs = set(_VAR.findall(tinycss2.serialize(d.value)))
            if d.name.startswith("--"):
                defs.setdefault(d.name, set()).update(refs)
            else:
                used |= refs
    todo = list(used)
    while todo:
        for ref in defs.get(todo.pop(), ()):
            if ref not in used:
                used.add(ref)
                todo.append(ref)
    text = "\n".join(tinycss2.serialize([r]) for r in rules)
    names = set(re.findall(r"animation(?:-name)?\s*:\s*([\w-]+)", text))
    font_families = text

    out = []

    def emit(rule) -> str:
        if rule.type == "at-rule" and rule.lower_at_keyword in ("media", "supports"):
            inner = [emit(r) for r in rule.content if r.type in ("qualified-rule", "at-rule")]
            inner = [i for i in inner if i]
            return f"@{rule.at_keyword} {tinycss2.serialize(rule.prelude).strip()}{{{''.join(inner)}}}" if inner else ""
        if rule.type == "at-rule":
            if "keyframes" in rule.lower_at_keyword:
                name = tinycss2.serialize(rule.prelude).strip()
                return tinycss2.serialize([rule]) if name in names else ""
            family = re.search(r"font-family\s*:\s*['\"]?([^;'\"]+)", tinycss2.serialize(rule.content or []))
            return tinycss2.serialize([rule]) if family and family[1].strip() in font_families.replace(tinycss2.serialize([rule]), "") else ""
        decls = [d for d in _declarations(rule) if d.type == "declaration" and (not d.name.startswith("--") or d.name in used)]
        if not decls:
            return ""
        body = ";".join(f"{d.name}:{tinycss2.serialize(d.value).strip()}{'!important' if d.important else ''}" for d in decls)
        return f"{tinycss2.serialize(rule.prelude).strip()}{{{body}}}"

    for rule in rules:
        if piece := emit(rule):
            out.append(piece)
    return "\n".join(out) + "\n"


def write_trimmed(css_blocks: list[str], pages: list[str], out: Path, cache: Path) -> None:
    """trim 의 결과를 out 에 씁니다. 같은 입력(CSS, 페이지, 이 파일)이면 cache 폴더에 둔 지난 결과를 씁니다."""
    code = Path(__file__).read_text(encoding="utf-8")  # 거르는 규칙이 바뀌면 다시 계산
    key = hashlib.sha256("\0".join([code, *dict.fromkeys(css_blocks), *pages]).encode()).hexdigest()[:24]
    cached = cache / f"{key}.css"
    if cached.is_file():
        text = cached.read_text(encoding="utf-8")
    else:
        text = trim(css_blocks, pages)
        cache.mkdir(parents=True, exist_ok=True)
        for old in cache.glob("*.css"):
            old.unlink()
        cached.write_text(text, encoding="utf-8")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
