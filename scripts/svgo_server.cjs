// 그림 SVG 최적화기: package-lock.json 으로 고정한 svgo 를 한 프로세스에서 계속 씁니다(scripts/svg_optimise.py).
// 표준 입력: 줄마다 {"svg": "..."}; 표준 출력: 줄마다 {"svg": "..."} 또는 {"error": "..."}.
// 보이는 모양은 그대로 두고 바이트만 줄이는 설정입니다:
// - 기본 묶음(preset-default): 좌표를 소수 셋째 자리(1/1000 pt)까지, 상대 좌표·짧은 경로 명령, 빈 속성·주석 지우기.
// - cleanupNumericValues.convertToPx: false — 크기를 pt 그대로 둡니다(hooks/figures.py 가 pt 로 읽어 img 크기를 정함).
// - cleanupIds.force: matplotlib 의 <style>(선 끝 모양 한 줄, id 를 가리키지 않음)이 있어도 긴 글리프 id 를 짧게.
// - removeXlink: xlink:href → href (SVG 2; 사이트가 지원하는 브라우저 모두).
const path = require("path");
const readline = require("readline");
const { optimize } = require(require.resolve("svgo", { paths: [path.resolve(__dirname, "..")] }));

const CONFIG = {
  multipass: false,
  plugins: [
    { name: "preset-default", params: { overrides: { cleanupNumericValues: { convertToPx: false }, cleanupIds: { force: true } } } },
    "removeXlink",
  ],
};

const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
lines.on("line", (line) => {
  let reply;
  try {
    reply = { svg: optimize(JSON.parse(line).svg, CONFIG).data };
  } catch (e) {
    reply = { error: String((e && e.message) || e) };
  }
  process.stdout.write(JSON.stringify(reply) + "\n");
});
