"""한국어 검색 색인: Material 검색 플러그인이 쓴 search_index.json 을 빌드 때 고칩니다(훅은 hooks/search_ko.py).

1. 복합어 나누기. 형태소 분석기 Kiwi(kiwipiepy)로 한글 낱말을 나누고, 내용어(명사·어근·외래어) 사이에만
   `\\u200b`(폭 없는 공백)을 넣습니다. Material 이 중국어에 jieba 로 하는 것과 같은 방식이라 색인 형식은 그대로이고,
   mkdocs.yml 의 search.separator 에 `\\u200b` 가 있어 lunr 가 그 자리에서 낱말을 가릅니다. 조사·어미는 떼지
   않습니다(검색은 앞부분 일치라 `과적합*` 이 `과적합을` 을 찾습니다). 페이지에 보이는 글은 건드리지 않습니다.
   나눈 결과는 낱말마다 캐시합니다(다시 빌드할 때 분석기를 띄우지 않음).
2. 가볍게. 검색이 쓰지 않는 것을 뺍니다: 노트북 페이지의 코드가 두 번(<pre> 와 그 뒤 평문) 들어간 것,
   "In [3]: Copied!" 같은 단추 글자, 겹친 공백. JSON 은 한글을 \\uXXXX(6바이트) 대신 UTF-8(3바이트)로 씁니다.
3. 같은 말(synonyms). terms.yml 의 영어 이름·다른 이름(also)·쓰지 않을 말(avoid)을 표준 용어로 잇는 표를
   만들어, 브라우저의 검색어 처리(scripts/search_query.js)에 넘깁니다.
4. 검색어 처리. Material 의 검색 워커는 한자 검색어만 나눕니다. 워커의 그 한 줄 뒤에 한글 검색어 나누기와
   같은 말 넓히기(scripts/search_query.js)를 부르는 호출을 넣습니다. 워커 파일의 해시를 고정해 두었으므로
   Material 을 올려 워커가 바뀌면 빌드가 무엇을 고칠지 말하며 멈춥니다.
"""
from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path

ZWSP = "\u200b"
HANGUL_RUN = re.compile(r"[가-힣]{3,}")  # 두 음절 이하는 나눌 복합어가 아닙니다
# 이 품사끼리 맞닿은 자리만 나눕니다: 명사·수사·어근·외래어(SL)·한자·숫자, 명사 파생 접미사(화·적 …) 뒤.
CONTENT_TAGS = {"NNG", "NNP", "NNB", "NR", "XR", "SL", "SH", "SN"}
SPLIT_AFTER = CONTENT_TAGS | {"XSN"}

# Material 9.8.2 의 검색 워커. 바뀌면 PATCH_ANCHOR 가 아직 맞는지 보고 해시를 새로 적습니다.
WORKER_GLOB = "assets/javascripts/workers/search.*.min.js"
WORKER_SHA256 = "da1b3df5e5f00cc73083c9e21ff0ec28bde85cd247057bdd05b7a167e5903bd4"
PATCH_ANCHOR = 'e=e.replace(new RegExp("\\\\p{sc=Han}+","gu"),s=>[...fe(s,this.index.invertedIndex)].join("* ")),'
PATCH_CALL = "e=self.dlbKoreanQuery(e,this.index.invertedIndex),"
QUERY_JS = Path(__file__).with_name("search_query.js")
PATCHED_MARK = "/* dl-basics-ko: Korean query segmentation */"


SEGMENTERS: dict = {}  # 캐시 열쇠 → Segmenter. 한 프로세스에서 여러 번 빌드할 때(serve, bench) 분석기를 다시 띄우지 않게


class SearchIndexError(Exception):
    """빌드를 멈출 오류. 메시지는 고칠 파일과 자리를 말합니다."""


# --- 1. 복합어 나누기 ---------------------------------------------------------

def load_kiwi(user_words):
    from kiwipiepy import Kiwi

    kiwi = Kiwi(load_typo_dict=False, load_multi_dict=False)
    for word in user_words:
        kiwi.add_user_word(word, "NNG")
    kiwi.tokenize("")  # 지연 초기화를 여기서 끝냅니다
    return kiwi


def serve_cuts(stdin, stdout):
    """분석기 프로세스의 본체: 첫 줄은 사용자 낱말(JSON 목록), 그다음 줄마다 낱말 목록을 받아 {낱말: 나눌 자리}를 한 줄로."""
    kiwi = load_kiwi(json.loads(stdin.readline()))
    for line in stdin:
        words = json.loads(line)
        cuts = {w: split_points(t) for w, t in zip(words, kiwi.tokenize(words))} if words else {}
        stdout.write(json.dumps(cuts, ensure_ascii=False) + "\n")
        stdout.flush()


class Segmenter:
    """한글 낱말의 나눔 자리. Kiwi 는 따로 띄운 파이썬 프로세스(`python -m scripts.search_index`)에서 돌아,
    모델을 읽는 약 5 s 가 빌드와 겹칩니다(같은 프로세스의 스레드는 GIL 때문에 빌드를 늦춤). 결과는 낱말마다 `cache` 에.

    `prefetch(words)` 는 빌드 초반에 원본(docs/·terms.yml)의 낱말을 미리 보내 둡니다. 캐시에 다 있으면 띄우지 않습니다.
    """

    def __init__(self, user_words=(), cache: dict[str, list[int]] | None = None):
        self.user_words = sorted(set(user_words))
        self.cache = cache if cache is not None else {}
        self._proc: subprocess.Popen | None = None
        self._pending = 0  # 답을 아직 읽지 않은 요청 수

    @property
    def started(self) -> bool:
        return self._proc is not None

    def _start(self):
        if self._proc is None or self._proc.poll() is not None:
            self._proc = subprocess.Popen(
                [sys.executable, "-m", "scripts.search_index"], cwd=Path(__file__).resolve().parents[1],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8")
            self._pending = 0
            self._send(self.user_words)

    def _send(self, words):
        try:
            self._proc.stdin.write(json.dumps(list(words), ensure_ascii=False) + "\n")
            self._proc.stdin.flush()
        except BrokenPipeError:
            self._fail()

    def _fail(self):
        err = self._proc.stderr.read() if self._proc and self._proc.stderr else ""
        self.close()
        raise SearchIndexError(f"형태소 분석기 kiwipiepy 를 띄우지 못했습니다(scripts/search_index.py): {err.strip()[-800:]} "
                               "— requirements.lock 대로 설치했는지(make setup) 보세요")

    def _receive(self):
        while self._pending:
            line = self._proc.stdout.readline()
            if not line:
                self._fail()
            self._pending -= 1
            self.cache.update(json.loads(line))

    def prefetch(self, words):
        """캐시에 없는 낱말을 분석기에 미리 보냅니다(답은 cuts 에서 읽음)."""
        todo = sorted({w for w in words if w not in self.cache})
        if todo:
            self._start()
            self._send(todo)
            self._pending += 1
        return self

    def cuts(self, words) -> dict[str, list[int]]:
        """낱말 → 나눌 자리(글자 위치)의 목록. 캐시에 없는 낱말만 분석기에 묻습니다."""
        words = set(words)
        if self._pending:
            self._receive()
        todo = sorted(w for w in words if w not in self.cache)
        if todo:
            self._start()
            self._send(todo)
            self._pending += 1
            self._receive()
        return {w: self.cache[w] for w in words}

    def close(self):
        if self._proc is not None:
            for stream in (self._proc.stdin, self._proc.stdout, self._proc.stderr):
                try:
                    stream.close()
                except OSError:
                    pass
            try:
                self._proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self._proc.kill()
            self._proc = None
            self._pending = 0


def source_words(root: Path) -> set[str]:
    """빌드 전에 알 수 있는 한글 낱말: 페이지 원본, 스니펫(페이지에 들어감), 용어표(용어집)."""
    paths = [*Path(root, "docs").rglob("*.md"), *Path(root, "snippets").rglob("*.py"), Path(root, "terms.yml")]
    return {w for p in paths if p.is_file() for w in HANGUL_RUN.findall(p.read_text(encoding="utf-8"))}


def split_points(tokens) -> list[int]:
    """Kiwi 토큰(form, tag, start, len)에서 내용어끼리 맞닿은 자리. 글자를 바꾼 분석(가까운 → 가깝+은)은
    위치만 쓰므로 보이는 글자는 그대로입니다."""
    points, prev = [], 0
    for a, b in zip(tokens, tokens[1:]):
        end = a.start + a.len
        # 한 글자 앞 조각(검|산, 첨|자, 원|점)은 떼지 않습니다. 뒤의 한 글자(밀집|층, 손실|값)는 뗍니다.
        if end == b.start and a.tag in SPLIT_AFTER and b.tag in CONTENT_TAGS and end - prev > 1:
            points.append(end)
            prev = end
    return points


def segment_text(text: str, cuts: dict[str, list[int]]) -> str:
    """글 안의 한글 낱말마다 나눌 자리에 `\\u200b` 를 넣습니다. 나머지 글자는 그대로."""
    def repl(m):
        word = m.group(0)
        points = cuts.get(word, [])
        if not points:
            return word
        bounds = [0, *points, len(word)]
        return ZWSP.join(word[i:j] for i, j in zip(bounds, bounds[1:]))
    return HANGUL_RUN.sub(repl, text)


# --- 2. 가볍게 ---------------------------------------------------------------

_PROMPT = re.compile(r"(?:In|Out)\s*\[\s*\d*\s*\]:\s*(?:Copied!\s*)?")
_PRE = re.compile(r"<pre>(.*?)</pre>", re.S)
_SPACES = re.compile(r"[ \t\r\n]+")


def slim_text(text: str) -> str:
    """검색이 쓰지 않는 것을 뺍니다. 코드 블록(<pre>)의 줄바꿈은 결과에 보이므로 그대로 둡니다.

    - 노트북 셀의 "In [3]: Copied!"(입력 번호와 복사 단추 글자)
    - <pre> 바로 뒤에 같은 코드가 평문으로 한 번 더 온 것(노트북 렌더러가 복사용으로 넣은 것)
    - <pre> 밖의 겹친 공백
    """
    text = _PROMPT.sub("", text)
    out, pos = [], 0
    for m in _PRE.finditer(text):
        out.append(_SPACES.sub(" ", text[pos:m.start()]))
        out.append(m.group(0))
        pos = m.end()
        # 뒤따르는 평문을 공백을 무시하고 코드와 맞춰 봅니다(흔한 꼴: 줄바꿈만 공백으로 바뀐 사본은 한 번에).
        same = m.group(1).replace("\n", " ").strip()
        at = pos + len(text[pos:pos + 8]) - len(text[pos:pos + 8].lstrip())
        if same and text.startswith(same, at):
            pos = at + len(same)
            continue
        code = "".join(m.group(1).split())
        i, j, n = pos, 0, len(text)
        while j < len(code) and i < n:
            if text[i].isspace():
                i += 1
            elif text[i] == code[j]:
                i += 1
                j += 1
            else:
                break
        if code and j == len(code):
            pos = i
    out.append(_SPACES.sub(" ", text[pos:]))
    return "".join(out).strip()


def hangul_words(docs) -> set[str]:
    return {w for doc in docs for key in ("title", "text") for w in HANGUL_RUN.findall(doc.get(key, ""))}


def rewrite_index(raw: str, segmenter: Segmenter) -> str:
    """search_index.json 의 글 → 가볍게 하고 복합어를 나눈 글. 설정(config)은 그대로 둡니다."""
    data = json.loads(raw)
    if set(data) - {"config", "docs"} or not isinstance(data.get("docs"), list):
        raise SearchIndexError(f"search_index.json 의 모양이 Material 9.8 과 다릅니다(키: {sorted(data)}) "
                               "— scripts/search_index.py 의 rewrite_index 를 새 형식에 맞추세요")
    separator = data["config"].get("separator", "")
    if ZWSP not in separator and "\\u200b" not in separator:
        raise SearchIndexError("mkdocs.yml: plugins.search.separator 에 \\u200b 가 없습니다. 나눈 복합어가 "
                               "검색에서 한 낱말로 남습니다 — separator 의 [] 안에 \\u200b 를 넣으세요")
    for doc in data["docs"]:
        doc["text"] = slim_text(doc.get("text", ""))
    cuts = segmenter.cuts(hangul_words(data["docs"]))
    for doc in data["docs"]:
        doc["title"] = segment_text(doc["title"], cuts)
        doc["text"] = segment_text(doc["text"], cuts)
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


# --- 3. 같은 말 ---------------------------------------------------------------

GENERIC_AT = 4  # 용어 넷 이상의 끝에 오는 낱말(함수·데이터·하강법·경사)은 머리말로 봅니다
_PAREN = re.compile(r"\s*\([^)]*\)")


def normalize_key(text: str) -> str:
    """같은 말 표의 열쇠: 소문자, 공백·하이픈 없이. 브라우저(search_query.js 의 normalize)와 같은 규칙."""
    return re.sub(r"[\s\-]+", "", text.lower())


def user_words(terms: list[dict]) -> list[str]:
    """분석기가 쪼개지 않게 알려 줄 낱말: 용어(띄어 쓴 것은 낱말마다)."""
    words = set()
    for term in terms:
        for part in term["ko"].split():
            if re.fullmatch(r"[가-힣]{2,}", part):
                words.add(part)
    return sorted(words)


def synonyms(terms: list[dict]) -> dict[str, str]:
    """다른 이름·영어 이름·쓰지 않을 말 → 표준 용어(terms.yml 의 ko). 두 용어에 걸리는 말과 그 자체가 용어인 말은
    뺍니다(어느 쪽으로 보낼지 모름)."""
    canon = {normalize_key(t["ko"]) for t in terms}
    found: dict[str, set[str]] = {}
    for term in terms:
        for name in [term["en"], *term.get("also", []), *term.get("avoid", [])]:
            key = normalize_key(_PAREN.sub("", name))
            if len(key) < 2 or key in canon:
                continue
            found.setdefault(key, set()).add(term["ko"])
    # 여러 용어 끝에 두루 붙는 머리말(함수·하강법 …)은 덧붙여도 검색을 흐리기만 하므로, 다른 낱말이 남으면 뺍니다:
    # "렐루" → "ReLU"(“ReLU 함수” 전체가 아니라), "loss function" → "손실".
    counts: dict[str, int] = {}
    for term in terms:
        for part in set(term["ko"].split()):
            counts[part] = counts.get(part, 0) + 1

    def distinctive(ko: str) -> str:
        parts = ko.split()
        while len(parts) > 1 and counts.get(parts[-1], 0) >= GENERIC_AT:
            parts.pop()  # 끝의 머리말만: "확률적 경사 하강법" → "확률적", "배치 크기" 는 그대로
        return " ".join(parts)

    return {k: distinctive(next(iter(v))) for k, v in sorted(found.items()) if len(v) == 1}


# --- 4. 검색 워커 -------------------------------------------------------------

def patch_worker(source: str, path: str, synonym_map: dict[str, str]) -> str:
    """Material 의 검색 워커에 한글 검색어 처리를 붙입니다. 고정한 해시와 다르면 무엇을 할지 말하며 멈춥니다."""
    digest = hashlib.sha256(source.encode()).hexdigest()
    if digest != WORKER_SHA256:
        raise SearchIndexError(
            f"{path}: Material 의 검색 워커가 바뀌었습니다(sha256 {digest}). scripts/search_index.py 의 "
            f"PATCH_ANCHOR 가 새 워커의 한자 검색어 나누기 줄과 아직 맞는지 확인하고(소스 맵 "
            f"integrations/search/_/index.ts 의 search()), WORKER_SHA256 을 새 값으로 바꾸세요")
    if source.count(PATCH_ANCHOR) != 1:
        raise SearchIndexError(f"{path}: 워커에서 고칠 자리(PATCH_ANCHOR)를 정확히 한 번 찾지 못했습니다 "
                               "— scripts/search_index.py 의 PATCH_ANCHOR 를 고치세요")
    # 워커는 첫 방문마다 받으므로 줄 주석은 빼고 붙입니다(설명은 scripts/search_query.js 에).
    code = "\n".join(line for line in QUERY_JS.read_text(encoding="utf-8").splitlines()
                     if line.strip() and not line.lstrip().startswith("//"))
    prelude = (f"{PATCHED_MARK}\n{code}\n"
               f"self.dlbSynonyms={json.dumps(synonym_map, ensure_ascii=False, separators=(',', ':'))};\n")
    return prelude + source.replace(PATCH_ANCHOR, PATCH_ANCHOR + PATCH_CALL)


def find_theme_worker(theme_dirs, name: str) -> Path:
    """테마 폴더(custom_dir, material)에서 원본 워커. 사이트의 것은 이미 고쳐졌을 수 있습니다(serve)."""
    for base in theme_dirs:
        path = Path(base) / Path(WORKER_GLOB).parent / name
        if path.is_file():
            return path
    raise SearchIndexError(f"테마 폴더 {list(theme_dirs)} 에 {name} 이 없습니다")


def find_worker(site_dir: Path) -> Path:
    found = sorted(Path(site_dir).glob(WORKER_GLOB))
    if len(found) != 1:
        raise SearchIndexError(f"{site_dir}: 검색 워커({WORKER_GLOB})가 {len(found)}개입니다 — 하나여야 합니다. "
                               "Material 의 자산 경로가 바뀌었으면 scripts/search_index.py 의 WORKER_GLOB 을 고치세요")
    return found[0]


# --- 캐시 ---------------------------------------------------------------------

def cache_key(user_word_list) -> str:
    """분석기 판·사용자 낱말·나누는 규칙이 바뀌면 캐시를 새로 씁니다."""
    try:
        from importlib.metadata import version
        kiwi_version = version("kiwipiepy") + "/" + version("kiwipiepy-model")
    except Exception:  # noqa: BLE001
        kiwi_version = "?"
    spec = json.dumps([kiwi_version, sorted(CONTENT_TAGS), sorted(SPLIT_AFTER), HANGUL_RUN.pattern, list(user_word_list)])
    return hashlib.sha256(spec.encode()).hexdigest()[:16]


def load_cache(path: Path, key: str) -> dict[str, list[int]]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data.get("cuts", {}) if data.get("key") == key else {}


def save_cache(path: Path, key: str, cuts: dict[str, list[int]]):
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps({"key": key, "cuts": cuts}, ensure_ascii=False, sort_keys=True), encoding="utf-8")
    tmp.replace(path)


if __name__ == "__main__":
    sys.stdin.reconfigure(encoding="utf-8")
    sys.stdout.reconfigure(encoding="utf-8")
    serve_cuts(sys.stdin, sys.stdout)
