import { z } from "zod";
import { LIMITS, ROLES } from "../proposals/vocabulary";
import { text } from "../proposals/text";

export const PASSWORD_MIN = 10;

export const password = z
  .string({ error: "Password is required." })
  .min(PASSWORD_MIN, { error: `Password must be at least ${PASSWORD_MIN} characters.` })
  .max(256, { error: "Password must be at most 256 characters." });

export const email = z
  .string({ error: "Email is required." })
  .trim()
  .toLowerCase()
  .max(LIMITS.email, { error: "Email is too long." })
  .pipe(z.email({ error: "Enter a valid email address." }));

export const createUserSchema = z.object({
  intent: z.literal("create").optional(),
  email,
  name: text("Name", LIMITS.userName),
  role: z.enum(ROLES, { error: "Choose a role." }),
  password,
});
