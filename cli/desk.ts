import { healthCommand } from "./commands/health";
import { sandboxCommand } from "./commands/sandbox";

// `desk <command>`: each command returns its exit code. Commands are added by later issues
// (run, report, audit); existing forms stay stable.
const HELP = `Runbook Desk CLI

Usage: npm run -s desk -- <command> [options]   (or: desk <command> once installed)

Commands:
  parse FILE.md [--json]        Show what the desk understands of a runbook (JSON with --json)
  run FILE.md|RUNBOOK_ID --target NAME [--scenario ID] [--database-url URL] [--var NAME=VALUE] [--yes] [--keep-going] [--json]
                                Execute a runbook's runnable steps headless, in order, stopping at the
                                first failure unless --keep-going; progress on stderr, JSON summary on stdout
  report RUN_ID [--format md|json] [--out FILE]
                                A run's report (Markdown or JSON), built from its event log
  health [--url URL]            Check a running desk's app database, S3 and sandbox (exit 1 if not green)
  sandbox reset                 Drop and re-seed the embedded sandbox target database
  audit verify [--json]         Check the audit trail's hash chain (exit 1 if an entry was edited or removed)
  user add EMAIL --role ROLE[@TARGET] [--name NAME]
                                Create a local account (password from DESK_NEW_USER_PASSWORD)
  --help                        This text
`;

type Command = (args: string[]) => Promise<number>;

async function parse(args: string[]): Promise<number> {
  const { parseCommand } = await import("./commands/parse");
  return parseCommand(args);
}

async function run(args: string[]): Promise<number> {
  const { runCommand } = await import("./commands/run");
  return runCommand(args);
}

const commands: Record<string, Command> = {
  parse,
  run,
  report: async (args) => (await import("./commands/report")).reportCommand(args),
  health: healthCommand,
  sandbox: sandboxCommand,
  audit: async (args) => (await import("./commands/audit")).auditCommand(args),
  user: async (args) => (await import("./commands/user")).userCommand(args),
};

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    process.stdout.write(HELP);
    return 0;
  }
  const command = commands[name];
  if (!command) {
    process.stderr.write(`Unknown command "${name}".\n\n${HELP}`);
    return 2;
  }
  return command(rest);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
