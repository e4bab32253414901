// 표준 입력: [{"where": "...", "tex": "...", "display": true}, ...]
// 표준 출력: 렌더링에 실패한 수식의 목록(JSON). 브라우저와 같은 KaTeX, 같은 옵션을 씁니다.
const fs = require("fs");
const path = require("path");
const katex = require(path.resolve(__dirname, "../node_modules/katex"));
const options = JSON.parse(fs.readFileSync(path.resolve(__dirname, "../docs/javascripts/katex-options.json"), "utf8"));

const items = JSON.parse(fs.readFileSync(0, "utf8"));
const errors = [];
for (const item of items) {
  try {
    katex.renderToString(item.tex, { ...options, displayMode: item.display, throwOnError: true });
  } catch (e) {
    errors.push({ ...item, error: String(e.message || e) });
  }
}
process.stdout.write(JSON.stringify(errors));
