#!/usr/bin/env node
// The `desk` CLI: runs cli/desk.ts with tsx from the project root (migrations, seeds and demo
// runbooks are found relative to it); file arguments stay relative to where you called it from.
const { spawn } = require("node:child_process");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const child = spawn(
  process.execPath,
  ["--conditions=react-server", "--import", "tsx", path.join(root, "cli", "desk.ts"), ...process.argv.slice(2)],
  {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, DESK_CALLER_CWD: process.cwd(), TSX_TSCONFIG_PATH: path.join(root, "tsconfig.json") },
  },
);
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
