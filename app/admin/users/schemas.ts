import { z } from "zod";
import { ROLES } from "@/lib/auth/permissions";

const userId = z.string().min(1).max(100);

export const createUserSchema = z.object({
  email: z.string().trim().email("An email address"),
  name: z.string().trim().max(100),
  password: z.string().min(12, "At least 12 characters").max(200),
});

export const grantRoleSchema = z.object({
  userId,
  role: z.enum(ROLES),
  // Empty: every target.
  targetName: z.string().trim().max(100).transform((v) => v || null),
});

export const revokeRoleSchema = z.object({ grantId: z.string().min(1).max(100) });
export const resetPasswordSchema = z.object({ userId, password: z.string().min(12, "At least 12 characters").max(200) });
export const userRefSchema = z.object({ userId });
