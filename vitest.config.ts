import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: { "@": fileURLToPath(new URL("./", import.meta.url)) },
    // Service modules import "server-only"; under the react-server condition it is an empty module.
    conditions: ["react-server"],
  },
  test: {
    include: ["{lib,app,components,scripts}/**/*.test.{ts,tsx}"],
    globalSetup: ["./test/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: "forks",
  },
});
