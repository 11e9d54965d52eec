import { randomBytes } from "node:crypto";
import pg from "pg";
import { beforeAll } from "vitest";

// Each test file gets its own app database, cloned from the migrated template made by the global
// setup, so files running in parallel never see each other's runs or queue jobs.
const admin = process.env.TEST_ADMIN_DATABASE_URL;
if (admin && process.env.DESK_TEST_TEMPLATE_DB) {
  const name = `desk_t_${randomBytes(5).toString("hex")}`;
  const u = new URL(admin);
  u.pathname = `/${name}`;
  process.env.DATABASE_URL = u.toString();
  beforeAll(async () => {
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    try {
      for (let attempt = 0; ; attempt++) {
        try {
          await client.query(`CREATE DATABASE ${name} TEMPLATE ${process.env.DESK_TEST_TEMPLATE_DB}`);
          break;
        } catch (e) {
          // Another file cloning the template at the same moment: try again shortly.
          if (attempt > 20) throw e;
          await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
        }
      }
    } finally {
      await client.end();
    }
  });
}
