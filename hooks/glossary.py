"""용어 훅: 저장소 루트의 terms.yml(사이트 전체의 용어표)로 두 가지를 만듭니다.

1. 풀이 풍선(tooltip): `*[가중치]: weight — 신경망이 학습하는 연결 세기` 꼴의 약어 정의를 abbr 확장의
   glossary 설정으로 모든 페이지에 줍니다(정의 사천여 줄을 페이지마다 붙여 다시 읽지 않게: 빌드 속도).
   abbr 확장은 `\\b용어\\b`로 찾는데, 한글 뒤의 조사(를·는·의 …)도 글자(\\w)라서 `가중치를`은
   `가중치`와 맞지 않습니다. 그래서 흔한 조사를 붙인 꼴도 함께 정의합니다.
   제목과 링크 글자에는 풍선을 달지 않습니다(목차·링크 모양이 깨지지 않게). 수식과 코드는
   원래 AtomicString 이라 abbr 이 건드리지 않습니다.
2. 용어집: docs/glossary.md 의 표시(<!-- glossary-table -->) 자리에 표를 채웁니다.

terms.yml 이 틀리면(빠진 칸, 겹친 용어, 모르는 키) 빌드를 멈춥니다.
"""
from __future__ import annotations

import re
from pathlib import Path

import yaml
from markdown import Extension
from markdown.extensions.abbr import AbbrTreeprocessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString
from mkdocs.exceptions import PluginError

from scripts.word_regex import word_regex

TERMS_FILE = "terms.yml"
MARKER = "<!-- glossary-table -->"
GLOSSARY_PAGE = "glossary.md"
KEYS = {"ko": str, "en": str, "desc": str, "also": list, "avoid": list, "first_use": bool, "tooltip": bool}
REQUIRED = ("ko", "en", "desc")
NO_ABBR_CLASS = "dlb-no-abbr"
_state: dict = {}  # on_config 에서 읽은 용어표(빌드마다 새로 읽음)

# 조사: 받침이 있는 낱말 뒤 / 없는 낱말 뒤 / 어느 쪽이든
_AFTER_CONSONANT = ["은", "이", "을", "으로", "으로는", "으로서", "과", "과는", "과의",
                    "이다", "이고", "이며", "이나", "인", "이라는", "이라고", "이란"]
_AFTER_VOWEL = ["는", "가", "를", "로", "로는", "로서", "와", "와는", "와의",
                "다", "고", "며", "나", "라는", "라고", "란"]
_ANY = ["의", "에", "에서", "에는", "에서는", "에도", "에게", "도", "만", "까지", "부터", "보다",
        "처럼", "마다", "입니다", "들", "들의", "들은", "들이", "들을", "들도"]


def load_terms(path: Path) -> list[dict]:
    """terms.yml 을 읽고 검사합니다. 틀리면 무엇이 틀렸는지 적어 PluginError."""
    try:
        # libyaml 이 있으면 그것으로(같은 결과, 열 배쯤 빠름: make serve 는 빌드마다 읽음)
        entries = yaml.load(Path(path).read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (OSError, yaml.YAMLError) as exc:
        raise PluginError(f"{path}: 용어표를 읽지 못했습니다: {exc}") from exc
    if not isinstance(entries, list) or not entries:
        raise PluginError(f"{path}: 용어표는 항목의 목록이어야 합니다")
    seen: dict[str, int] = {}
    for i, entry in enumerate(entries, 1):
        where = f"{path}: {i}번째 항목 {entry!r}"
        if not isinstance(entry, dict):
            raise PluginError(f"{where}: 사전(dict)이 아닙니다")
        unknown = set(entry) - set(KEYS)
        if unknown:
            raise PluginError(f"{where}: 모르는 키 {sorted(unknown)} (쓸 수 있는 키: {sorted(KEYS)})")
        for key in REQUIRED:
            if not isinstance(entry.get(key), str) or not entry[key].strip():
                raise PluginError(f"{where}: '{key}' 칸이 비었습니다")
        for key, kind in KEYS.items():
            if key in entry and not isinstance(entry[key], kind):
                raise PluginError(f"{where}: '{key}'는 {kind.__name__}이어야 합니다")
        for key in ("also", "avoid"):
            if not all(isinstance(x, str) and x.strip() for x in entry.get(key, [])):
                raise PluginError(f"{where}: '{key}'에는 빈 칸 없는 글자만 넣습니다")
        if entry["ko"] in seen:
            raise PluginError(f"{where}: 한국어 용어 '{entry['ko']}'가 {seen[entry['ko']]}번째 항목과 겹칩니다")
        seen[entry["ko"]] = i
    return entries


def _has_final_consonant(word: str) -> bool | None:
    last = word[-1]
    if "가" <= last <= "힣":
        return (ord(last) - 0xAC00) % 28 != 0
    return None  # 한글이 아니면 모릅니다: 두 꼴을 모두 만듭니다.


def surface_forms(ko: str) -> list[str]:
    """용어 자신과 흔한 조사를 붙인 꼴."""
    final = _has_final_consonant(ko)
    particles = list(_ANY)
    if final is not False:
        particles += _AFTER_CONSONANT
    if final is not True:
        particles += _AFTER_VOWEL
    if final and (ord(ko[-1]) - 0xAC00) % 28 == 8:  # ㄹ 받침: '로'
        particles += ["로", "로는"]
    return [ko] + [ko + p for p in dict.fromkeys(particles)]


def abbreviation_map(entries: list[dict]) -> dict[str, str]:
    """낱말(조사 붙은 꼴 포함) → 풀이. abbr 확장의 glossary 설정으로 넘깁니다(차례도 그대로: 같은 길이면 앞의 것)."""
    out: dict[str, str] = {}
    for entry in entries:
        if not entry.get("tooltip", True):
            continue
        title = f"{entry['en']} — {entry['desc']}".replace("\n", " ").strip()
        for form in surface_forms(entry["ko"]):
            out[form] = title
    return out


def abbreviations(entries: list[dict]) -> str:
    """같은 정의를 마크다운 글(`*[낱말]: 풀이`)로. 정의마다 빈 줄로 띄워 블록 하나씩."""
    return "\n\n".join(f"*[{k}]: {v}" for k, v in abbreviation_map(entries).items()) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def glossary_tables(entries: list[dict]) -> str:
    """용어집 본문: 한국어 가나다순 표와 영어 알파벳순 찾아보기."""
    def ko_key(e):
        return (not ("가" <= e["ko"][0] <= "힣"), e["ko"].lower())

    rows = ["| 한국어 | English | 뜻 | 다른 이름 |", "|---|---|---|---|"]
    for e in sorted(entries, key=ko_key):
        also = ", ".join(e.get("also", []))
        rows.append(f"| **{_cell(e['ko'])}** | {_cell(e['en'])} | {_cell(e['desc'])} | {_cell(also)} |")
    by_en = sorted(entries, key=lambda e: e["en"].lower())
    index = ["| English | 한국어 |", "|---|---|"]
    index += [f"| {_cell(e['en'])} | {_cell(e['ko'])} |" for e in by_en]
    # 표 안에는 풍선을 달지 않습니다(뜻이 바로 옆 칸에 있으므로): _NoAbbrInside 가 이 div 를 건너뜁니다.
    return (
        f'## 용어표 {{ #terms }}\n\n<div class="{NO_ABBR_CLASS}" markdown>\n\n' + "\n".join(rows) + "\n\n</div>\n\n"
        f'## 영어로 찾기 {{ #by-english }}\n\n<div class="{NO_ABBR_CLASS}" markdown>\n\n' + "\n".join(index) + "\n\n</div>\n"
    )


class _NoAbbrInside(Treeprocessor):
    """제목·링크(와 class="dlb-no-abbr" 인 블록) 안의 글자를 AtomicString 으로 바꿔
    abbr(우선순위 7)이 건너뛰게 합니다. attr_list(8)가 제목의 { #id }를 떼어 낸 뒤, abbr 보다 먼저 돕니다."""

    TAGS = {"h1", "h2", "h3", "h4", "h5", "h6", "a"}

    def run(self, root):
        for el in root.iter():
            if el.tag in self.TAGS or NO_ABBR_CLASS in el.get("class", "").split():
                self._freeze(el)

    def _freeze(self, el, top=True):
        if el.text:
            el.text = AtomicString(el.text)
        for child in el:
            self._freeze(child, top=False)
        if not top and el.tail:
            el.tail = AtomicString(el.tail)


class _FastAbbr(AbbrTreeprocessor):
    """abbr 확장의 약어 찾기와 같되, 사천여 낱말을 글자 나무로 묶은 정규식으로(scripts/word_regex.py; 빌드 속도만)."""

    def run(self, root):
        if not self.abbrs:
            return
        self.RE = word_regex(frozenset(self.abbrs))
        self.iter_element(root)


class NoAbbrInHeadingsAndLinks(Extension):
    def extendMarkdown(self, md):
        md.treeprocessors.register(_NoAbbrInside(md), "dlb_no_abbr", 7.5)
        if "abbr" in md.treeprocessors:  # abbr 확장 뒤에 붙으므로 같은 약어 사전을 그대로 물려받습니다
            md.treeprocessors.register(_FastAbbr(md, md.treeprocessors["abbr"].abbrs), "abbr", 7)


def _root(config) -> Path:
    return Path(config.config_file_path).resolve().parent


def on_config(config):
    root = _root(config)
    entries = load_terms(root / TERMS_FILE)
    exts = [e for e in config.markdown_extensions if isinstance(e, str)]
    for needed in ("abbr", "attr_list", "pymdownx.snippets"):
        if needed not in exts:
            raise PluginError(f"용어 훅에는 마크다운 확장 '{needed}'가 필요합니다(mkdocs.yml)")
    if "content.tooltips" not in config.theme.get("features", []):
        raise PluginError("용어 훅에는 theme.features 의 content.tooltips 가 필요합니다")

    # 페이지마다 정의 글을 붙여 읽는 대신(pymdownx.snippets 의 auto_append) 사전을 한 번 넘깁니다. 결과는 정의를
    # 페이지 끝에 붙인 것과 같습니다. 다른 점은 페이지가 같은 낱말을 따로 정의했을 때 페이지의 것이 이긴다는 것뿐입니다.
    config.mdx_configs.setdefault("abbr", {})["glossary"] = abbreviation_map(entries)

    config.markdown_extensions.append(NoAbbrInHeadingsAndLinks())
    _state["terms"] = entries
    return config


def on_serve(server, config, builder):
    server.watch(str(_root(config) / TERMS_FILE))
    return server


def on_page_markdown(markdown: str, page, config, files):
    count = markdown.count(MARKER)
    if page.file.src_uri == GLOSSARY_PAGE:
        if count != 1:
            raise PluginError(f"{GLOSSARY_PAGE}: 표시 {MARKER} 가 정확히 한 번 있어야 합니다(지금 {count}번)")
        return markdown.replace(MARKER, glossary_tables(_state["terms"]))
    if count:
        raise PluginError(f"{page.file.src_uri}: 용어집 표시 {MARKER} 는 {GLOSSARY_PAGE} 에만 씁니다")
    return markdown


_ABBR = re.compile(r'<abbr title="(?P<title>[^"]*)">(?P<text>.*?)</abbr>', re.DOTALL)


def first_tooltips_only(html: str) -> str:
    """용어마다 페이지에서 처음 나온 자리에만 풍선을 남깁니다(밑줄이 본문을 뒤덮지 않게)."""
    seen: set[str] = set()

    def keep_first(m: re.Match) -> str:
        if m["title"] in seen:
            return m["text"]
        seen.add(m["title"])
        return m[0]

    return _ABBR.sub(keep_first, html)


def on_page_content(html: str, page, config, files) -> str:
    return first_tooltips_only(html)
