import { z } from "zod";
import { LIMITS, ROLES } from "../proposals/vocabulary";
import { text } from "../proposals/text";

const PASSWORD_MIN = 10;

const password = z
  .string({ error: "Password is required." })
  .min(PASSWORD_MIN, { error: `Password must be at least ${PASSWORD_MIN} characters.` })
  .max(256, { error: "Password must be at most 256 characters." });

const email = z
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

export const changeRoleSchema = z.object({
  intent: z.literal("role"),
  userId: z.string().max(64),
  role: z.enum(ROLES, { error: "Choose a role." }),
  version: z.number().int().min(1),
});

export const setActiveSchema = z.object({
  intent: z.enum(["deactivate", "reactivate"]),
  userId: z.string().max(64),
  version: z.number().int().min(1),
});

export const resetPasswordSchema = z.object({
  intent: z.literal("reset-password"),
  userId: z.string().max(64),
  password,
  version: z.number().int().min(1),
});
