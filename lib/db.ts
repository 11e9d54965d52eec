import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";

// One client per process, cached on globalThis outside production so dev reloads reuse it.
const globalForDb = globalThis as unknown as { deskPrisma?: PrismaClient };

function create(): PrismaClient {
  const url = env().DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: start the desk with `npm start`, which provides it.");
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 10 }) });
}

export const db: PrismaClient = globalForDb.deskPrisma ?? create();
if (env().NODE_ENV !== "production") globalForDb.deskPrisma = db;
