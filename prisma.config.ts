import { defineConfig } from "prisma/config";

// Only used by the Prisma CLI on a connected machine (`prisma migrate status|deploy`);
// the app applies migrations itself (lib/migrate.ts) and never needs the schema engine.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/runbook_desk" },
});
