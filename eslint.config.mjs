import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules/", ".next/", ".data/", "lib/generated/", "test-results/", "playwright-report/", "next-env.d.ts"] },
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/ban-ts-comment": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-restricted-properties": [
        "error",
        { object: "process", property: "env", message: "Read configuration through lib/env (house style 10)." },
      ],
    },
  },
  {
    // Files allowed to touch process.env directly: the env module itself, launchers, tests and tooling.
    files: ["lib/env.ts", "bin/**", "cli/**", "test/**", "e2e/**", "scripts/**", "**/*.test.ts", "*.config.*", "lib/services/pg-tools.ts"],
    rules: { "no-restricted-properties": "off" },
  },
  {
    files: ["bin/**/*.js"],
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);
