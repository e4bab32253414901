// 빌드 때 수식을 HTML 로 그리는 KaTeX 프로세스(scripts/katex.py 가 빌드 하나 동안 띄워 둡니다).
// 한 줄에 요청 하나: [{"tex": "...", "display": true}, ...] → 한 줄에 답 하나: [{"html": "..."} 또는 {"error": "..."}, ...]
// KaTeX 는 package-lock.json 에 고정한 node_modules/katex, 옵션은 scripts/katex-options.json.
const fs = require("fs");
const path = require("path");
const readline = require("readline");
const katex = require(path.resolve(__dirname, "../node_modules/katex"));
const options = JSON.parse(fs.readFileSync(path.resolve(__dirname, "katex-options.json"), "utf8"));

function render(item) {
  try {
    // htmlAndMathml: 보이는 HTML(aria-hidden)과 스크린 리더용 MathML 을 함께.
    const html = katex.renderToString(item.tex, {
      ...options, macros: { ...options.macros }, displayMode: item.display, output: "htmlAndMathml", throwOnError: true,
    });
    return { html };
  } catch (e) {
    return { error: String(e.message || e) };
  }
}

readline.createInterface({ input: process.stdin }).on("line", (line) => {
  process.stdout.write(JSON.stringify(JSON.parse(line).map(render)) + "\n");
});
