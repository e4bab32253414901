// 한글 검색어 처리: Material 검색 워커가 검색 직전에 부릅니다(scripts/search_index.py 의 patch_worker 가 붙임).
// 1. 같은 말 넓히기: terms.yml 의 다른 이름·영어 이름(self.dlbSynonyms)이 보이면 표준 용어를 덧붙입니다.
//    "오버피팅" → "오버피팅 과적합", "러닝 레이트" → "러닝 레이트 학습률".
// 2. 띄어 쓰지 않은 한글 나누기: 색인에 앞부분이 없는 한글 낱말을 색인이 아는 낱말로 나눕니다.
//    "손실함수" → "손실 함수", "가중치초기화" → "가중치 초기화". 끝에 붙은 조사(을·를·은·는 …)는 뗍니다.
//    나눌 수 없으면(색인에 없는 말) 그대로 둡니다: 없는 말은 계속 아무것도 찾지 않습니다.
// node 에서도 불러 시험합니다(tests/test_search_index.py).
(function (root) {
  "use strict"

  // 끝에 붙는 조사·어미(긴 것부터 맞춰 봅니다)
  const PARTICLES = [
    "으로서", "으로는", "에서는", "이라는", "이라고", "입니다", "에서", "에는", "에도", "에게", "으로",
    "로서", "로는", "이란", "라는", "까지", "부터", "보다", "처럼", "마다", "이다", "과의", "와의",
    "을", "를", "은", "는", "이", "가", "의", "에", "로", "와", "과", "도", "만", "란", "인"
  ]

  function normalize(text) {
    return text.toLowerCase().replace(/[\s\-]+/g, "")
  }

  // 같은 말: 검색어 안에서(공백 무시) 찾은 열쇠마다 표준 용어를 덧붙입니다. 영어 열쇠는 낱말 경계에서만.
  function expandSynonyms(query, synonyms) {
    const compact = normalize(query)
    if (!compact) return query
    const keys = Object.keys(synonyms).sort((a, b) => b.length - a.length)
    const used = new Array(compact.length).fill(false)
    const added = []
    for (const key of keys) {
      let from = 0
      for (;;) {
        const at = compact.indexOf(key, from)
        if (at < 0) break
        from = at + 1
        const end = at + key.length
        if (used.slice(at, end).some(Boolean)) continue
        const latin = /[a-z0-9]/
        if (latin.test(key[0]) && at > 0 && latin.test(compact[at - 1])) continue
        if (latin.test(key[key.length - 1]) && end < compact.length && latin.test(compact[end])) continue
        if (latin.test(key[0]) && !wordStartsAt(query, key)) continue
        used.fill(true, at, end)
        const term = synonyms[key]
        if (!added.includes(term) && !compact.includes(normalize(term)) && !normalize(term).includes(key))
          added.push(term)
      }
    }
    return added.length ? `${query} ${added.join(" ")}` : query
  }

  // 영어 열쇠가 원래 검색어의 낱말 첫머리에서 시작하는지(공백을 지운 탓에 생긴 가짜 일치를 막음)
  function wordStartsAt(query, key) {
    const words = query.toLowerCase().split(/[\s\-]+/).filter(Boolean)
    for (let i = 0; i < words.length; i++) {
      let joined = ""
      for (let j = i; j < words.length && joined.length < key.length; j++) joined += words[j]
      if (joined.startsWith(key)) return true
    }
    return false
  }

  // 색인의 낱말(정렬)과, 그중 하나의 앞부분인지 이분 탐색으로 봅니다.
  const sortedKeys = new WeakMap()
  function keysOf(index) {
    let keys = sortedKeys.get(index)
    if (!keys) {
      keys = Object.keys(index).filter(k => /[가-힣]/.test(k)).sort()
      sortedKeys.set(index, keys)
    }
    return keys
  }
  function hasPrefix(keys, prefix) {
    let lo = 0, hi = keys.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (keys[mid] < prefix) lo = mid + 1
      else hi = mid
    }
    return lo < keys.length && keys[lo].startsWith(prefix)
  }

  // 한글 낱말 하나를 색인이 아는 낱말로 나눕니다(조각이 가장 적게, 한 글자 조각은 가장 적게).
  // 조각은 색인의 낱말과 같아야 하고, 마지막 조각은 색인 낱말의 앞부분이어도 됩니다(치는 중).
  // 끝에 조사가 남으면 뗍니다.
  function segmentWord(word, index) {
    const keys = keysOf(index)
    // 조사를 떼어도 색인에 있는 말이면 뗀 쪽으로 찾습니다(앞부분 일치라 "은닉층*" 이 "은닉층에서" 도 찾음).
    for (const particle of PARTICLES) {
      const stem = word.slice(0, word.length - particle.length)
      if (word.endsWith(particle) && stem.length >= 2 && hasPrefix(keys, stem)) return [stem]
    }
    if (hasPrefix(keys, word)) return [word]
    const n = word.length
    const best = new Array(n + 1).fill(null)
    best[0] = { cost: 0, parts: [] }
    for (let i = 0; i < n; i++) {
      if (!best[i]) continue
      for (let j = i + 1; j <= n; j++) {
        const piece = word.slice(i, j)
        const last = j === n
        let cost
        if (Object.prototype.hasOwnProperty.call(index, piece) || (last && piece.length > 1 && hasPrefix(keys, piece)))
          cost = piece.length === 1 ? 3 : 1
        else if (last && i > 0 && PARTICLES.includes(piece))
          cost = 0.5
        else
          continue
        const total = best[i].cost + cost
        if (!best[j] || total < best[j].cost)
          best[j] = { cost: total, parts: [...best[i].parts, { piece, particle: cost === 0.5 }] }
      }
    }
    if (!best[n]) return [word]
    const parts = best[n].parts.filter(p => !p.particle).map(p => p.piece)
    return parts.length ? parts : [word]
  }

  function koreanQuery(query, index) {
    const synonyms = root.dlbSynonyms || {}
    query = expandSynonyms(query, synonyms)
    return query.replace(/[가-힣]+/g, word => segmentWord(word, index).join(" "))
  }

  root.dlbKoreanQuery = koreanQuery
  if (typeof module !== "undefined" && module.exports)
    module.exports = { koreanQuery, segmentWord, expandSynonyms, normalize }
})(typeof self !== "undefined" ? self : globalThis)
