import { z } from "zod";

export const setupSchema = z.object({
  token: z.string().min(10).max(200),
  name: z.string().trim().min(1, "Your name").max(100),
  email: z.string().trim().email("An email address"),
  password: z.string().min(12, "At least 12 characters").max(200),
});
