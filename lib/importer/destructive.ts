// Whether one shell command (program + arguments) needs the operator's confirmation: it removes
// or overwrites data, stops a service, moves code or schema to another version, or kills
// processes. Restarts and starts are recovery actions and do not count; neither do reads.

const ALWAYS = new Set(["rm", "rmdir", "shred", "dd", "wipefs", "unlink", "truncate", "kill", "pkill", "killall", "dropdb", "dropuser", "fdisk", "parted"]);

const SCRIPT_WORDS = /(stop|kill|drop|delete|destroy|restore|rollback|downgrade|wipe|purge|reset|truncate|teardown|revert|migrate|cleanup)/i;

function has(args: string[], ...flags: string[]): boolean {
  return args.some((a) => flags.some((f) => a === f || (f.startsWith("--") && a.startsWith(`${f}=`))));
}

function sub(args: string[]): string {
  return args.find((a) => !a.startsWith("-")) ?? "";
}

export function isDestructiveProgram(program: string, args: string[]): boolean {
  const p = program.toLowerCase();
  if (ALWAYS.has(p) || /^mkfs(\.|$)/.test(p)) return true;
  const first = sub(args);
  const lower = args.map((a) => a.toLowerCase());
  switch (p) {
    case "pg_restore":
      // Restoring into a database overwrites what is there; listing an archive does not.
      return args.some((a) => /^(-c|--clean|-d|--dbname(=.*)?|-d\S+|-(?!F)[a-zA-Z]*c[a-zA-Z]*)$/.test(a));
    case "git":
      if (["checkout", "switch", "restore", "rebase"].includes(first)) return true;
      if (first === "reset") return has(args, "--hard", "--merge", "--keep");
      if (first === "clean") return args.some((a) => /^-\w*f/.test(a) || a === "--force");
      if (first === "push") return args.some((a) => /^(-f|--force.*|--delete|-d|\+.*)$/.test(a));
      if (first === "branch") return has(args, "-D", "-d", "--delete");
      if (first === "stash") return ["drop", "clear"].includes(args[1] ?? "");
      return false;
    case "alembic":
    case "flask":
      return lower.some((a) => ["downgrade", "upgrade", "stamp", "merge"].includes(a));
    case "prisma":
      if (first === "migrate") return ["resolve", "reset", "deploy", "dev"].includes(args[1] ?? "");
      if (first === "db") return ["push", "execute", "seed"].includes(args[1] ?? "");
      return false;
    case "knex":
    case "sequelize":
    case "sequelize-cli":
    case "typeorm":
    case "rake":
    case "rails":
    case "flyway":
    case "liquibase":
    case "goose":
    case "migrate":
    case "dbmate":
    case "diesel":
      return lower.some((a) => /(rollback|undo|revert|down|migrate|clean|drop|reset|update|up\b)/.test(a) && !/(status|info|validate|history|current|list)/.test(a));
    case "manage.py":
      return lower.some((a) => ["migrate", "flush", "sqlflush", "reset_db"].includes(a));
    case "pm2":
      return ["stop", "delete", "kill", "del", "flush"].includes(first);
    case "systemctl":
      return ["stop", "disable", "kill", "mask", "poweroff", "reboot", "halt"].includes(first);
    case "service":
      return ["stop", "kill"].includes(args[1] ?? "");
    case "docker":
    case "podman":
      if (["rm", "rmi", "stop", "kill"].includes(first)) return true;
      if (first === "compose" || first === "system" || first === "volume" || first === "container" || first === "image" || first === "network")
        return lower.some((a) => ["down", "rm", "prune", "stop", "kill"].includes(a));
      return false;
    case "docker-compose":
      return ["down", "rm", "stop", "kill"].includes(first);
    case "kubectl":
      if (["delete", "drain", "replace"].includes(first)) return true;
      if (first === "scale") return args.some((a) => /^--replicas=0$/.test(a));
      if (first === "rollout") return args[1] === "undo";
      return false;
    case "helm":
      return ["uninstall", "delete", "rollback"].includes(first);
    case "terraform":
    case "tofu":
      return ["destroy", "apply", "import", "taint"].includes(first) || (first === "state" && ["rm", "mv"].includes(args[1] ?? ""));
    case "aws":
      if (first === "s3") return ["rm", "rb", "mv"].includes(args[1] ?? "") || (args[1] === "sync" && has(args, "--delete"));
      return args.some((a) => /^(delete|terminate|remove|stop|purge|deregister|revoke|reboot|failover)-/.test(a));
    case "gcloud":
    case "az":
      return lower.some((a) => ["delete", "stop", "reset", "restore", "failover"].includes(a));
    case "redis-cli":
      return lower.some((a) => ["flushall", "flushdb", "del", "unlink", "shutdown"].includes(a));
    case "curl":
      return args.some((a, i) => (/^(-X|--request)$/.test(a) && /^delete$/i.test(args[i + 1] ?? "")) || /^(-XDELETE|--request=DELETE)$/i.test(a));
    case "wget":
      return has(args, "--method=DELETE");
    case "find":
      return has(args, "-delete") || args.some((a, i) => a === "-exec" && ["rm", "shred"].includes(args[i + 1] ?? ""));
    case "crontab":
      return has(args, "-r");
    case "iptables":
      return has(args, "-F", "--flush", "-X", "-D");
    case "supervisorctl":
      return ["stop", "remove"].includes(first);
    case "pg_ctl":
    case "pg_ctlcluster":
      return lower.includes("stop") || lower.includes("promote");
    case "npm":
    case "yarn":
    case "pnpm":
      // `npm run db:rollback` and friends: judge by the script name.
      return (first === "run" || p !== "npm") && SCRIPT_WORDS.test(args[first === "run" ? 1 : 0] ?? "");
    default:
      // Project scripts (./scripts/stop.sh, restore_enum_migration.sh): judge by their name.
      if (/\.(sh|bash|py|rb|js|ts|pl)$/.test(p) || program.includes("/")) return SCRIPT_WORDS.test(p);
      return false;
  }
}
