import { z } from "zod";

export const saveTargetSchema = z.object({
  targetName: z.string().trim().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, "Lower-case letters, digits, - and _"),
  // Empty: keep the stored connection (or the env var it reads).
  url: z
    .string()
    .trim()
    .max(2000)
    .refine((v) => v === "" || /^postgres(ql)?:\/\//.test(v), "A postgres:// URL"),
  protected: z.boolean(),
  description: z.string().trim().max(500),
});
