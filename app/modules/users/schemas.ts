import { z } from "zod";
import { zodMessage } from "~/i18n/message";
import { choice, id, text, version } from "~/lib/schema-fields";
import { hasForbiddenCharacter } from "../proposals/text";
import { LIMITS } from "../proposals/vocabulary";
import { ROLES } from "./roles";

export const PASSWORD_MIN = 10;
const PASSWORD_MAX = 256;
const passwordField = { field: { key: "field.password" } } as const;

export const password = z
  .string({ error: zodMessage("v.required", passwordField) })
  .min(PASSWORD_MIN, { error: zodMessage("v.tooShort", { ...passwordField, min: PASSWORD_MIN }) })
  .max(PASSWORD_MAX, { error: zodMessage("v.tooLong", { ...passwordField, max: PASSWORD_MAX }) });

export const email = z
  .string({ error: zodMessage("v.required", { field: { key: "field.email" } }) })
  .trim()
  .toLowerCase()
  .max(LIMITS.email, { error: zodMessage("v.emailTooLong") })
  .pipe(z.email({ error: zodMessage("v.email") }));

export const createUserSchema = z.object({
  intent: z.literal("create").optional(),
  email,
  name: text("field.name", LIMITS.userName),
  role: choice(ROLES, "v.chooseRole"),
  password,
});

export const changeRoleSchema = z.object({
  intent: z.literal("role"),
  userId: id,
  role: choice(ROLES, "v.chooseRole"),
  version,
});

export const setActiveSchema = z.object({
  intent: z.enum(["deactivate", "reactivate"]),
  userId: id,
  version,
});

export const resetPasswordSchema = z.object({
  intent: z.literal("reset-password"),
  userId: id,
  password,
  version,
});

/** Sign-in asks only that both were typed; whether they match is the service's answer. */
export const signInSchema = z.object({
  email: z
    .string({ error: zodMessage("login.v.email") })
    .trim()
    .min(1, { error: zodMessage("login.v.email") })
    .max(254, { error: zodMessage("login.v.emailTooLong") })
    // No stored address holds one, and PostgreSQL refuses NUL in any text it is given.
    .refine((s) => !hasForbiddenCharacter(s), { error: zodMessage("v.control", { field: { key: "field.email" } }) }),
  password: z
    .string({ error: zodMessage("login.v.password") })
    .min(1, { error: zodMessage("login.v.password") })
    .max(1024, { error: zodMessage("login.v.passwordTooLong") }),
  redirectTo: z.string().max(2048).optional(),
});

/** The account page's password change: the current password, the new one, and the new one again. */
export const changePasswordSchema = z
  .object({
    intent: z.literal("change-password"),
    current: z
      .string({ error: zodMessage("account.v.current") })
      .min(1, { error: zodMessage("account.v.current") })
      .max(1024, { error: zodMessage("account.v.current") }),
    password,
    confirm: z.string({ error: zodMessage("account.v.confirm") }).max(PASSWORD_MAX, { error: zodMessage("account.v.confirm") }),
  })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], error: zodMessage("account.v.confirm") });

/** Ends one of the user's own sessions (by its id, the token's hash: never a usable token). */
export const endSessionSchema = z.object({
  intent: z.literal("end-session"),
  sessionId: z.string({ error: zodMessage("v.invalid") }).regex(/^[0-9a-f]{64}$/, { error: zodMessage("v.invalid") }),
});

export const endOtherSessionsSchema = z.object({ intent: z.literal("end-other-sessions") });
