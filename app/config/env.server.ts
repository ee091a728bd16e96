import { z } from "zod";
import { DEFAULT_DATABASE_URL } from "./database-url.js";

// All configuration the server reads, validated once. Documented in README "Configuration".
const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().default(DEFAULT_DATABASE_URL),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  SESSION_SECRET: z.string().min(16).optional(),
  COOKIE_SECURE: z.enum(["true", "false"]).optional(),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .positive()
    .default(8 * 60),
  SQLITE_BUSY_TIMEOUT_MS: z.coerce.number().int().min(0).default(5000),
  /** Connections each app process keeps to a PostgreSQL server (DATABASE_URL=postgresql://…). */
  PG_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /** How long a PostgreSQL connection may take to open before the request is answered 503. */
  PG_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).default(5000),
  /** How long one PostgreSQL query may go unanswered before its connection is given up as dead (a network that swallows packets). */
  PG_QUERY_TIMEOUT_MS: z.coerce.number().int().min(100).default(20_000),
  /** /healthz reports storage as degraded when the database's filesystem has less free than this. */
  STORAGE_MIN_FREE_MB: z.coerce.number().min(0).default(200),
  TRUST_PROXY: z.enum(["true", "false"]).default("false"),
  SIGNIN_LIMIT_PER_IP: z.coerce.number().int().min(1).default(10),
  SIGNIN_LIMIT_PER_ACCOUNT: z.coerce.number().int().min(1).default(10),
  /** The exact read cache (docs/decisions/008-read-cache.md); off makes every read load, for measuring pages uncached. */
  READ_CACHE: z.enum(["on", "off"]).default("on"),
  /** Audit chain verifications one user may ask for in ten minutes (results are reused for a minute). */
  AUDIT_VERIFY_LIMIT_PER_USER: z.coerce.number().int().min(1).default(5),
  /** The address people reach the app at: links in e-mail and the calendar feed start with it. Default http://localhost:PORT. */
  APP_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** SMTP server for e-mail (smtp://user:pass@host:587, smtps://…); unset, messages are written to MAIL_OUTBOX_DIR. */
  SMTP_URL: z.string().min(1).optional(),
  MAIL_FROM: z.string().min(3).default("Summit Tracker <no-reply@summit-tracker.invalid>"),
  /** Where messages go when SMTP_URL is unset: one .eml file each. Relative to the working directory. */
  MAIL_OUTBOX_DIR: z.string().min(1).default("data/outbox"),
  /** Signs unsubscribe links (at least 16 characters). Unset, the app makes a key once and keeps it in the database. */
  MAIL_SECRET: z.string().min(16).optional(),
  /** The in-process scheduler (digests, due/overdue scan, delivery); off for a process that should only serve pages. */
  NOTIFY_SCHEDULER: z.enum(["on", "off"]).default("on"),
  /** Hour of the day (0–23, in NOTIFY_TIMEZONE) the daily digests go out; weekly ones on Mondays at the same hour. */
  DIGEST_HOUR: z.coerce.number().int().min(0).max(23).default(7),
  /** The time zone of the schedule and of the digests' days (an IANA name). */
  NOTIFY_TIMEZONE: z.string().min(1).default("UTC"),
  /** Offers the pseudo-locale en-XA (accented English in ⟦ ⟧) for finding untranslated text; never on for users. */
  I18N_PSEUDO: z.enum(["on", "off"]).default("off"),
});

export const env = schema.parse(process.env);

const isProduction = env.NODE_ENV === "production";
/** Secure cookies (and the __Host- prefix) unless explicitly turned off for plain-HTTP demos. */
export const cookieSecure = env.COOKIE_SECURE ? env.COOKIE_SECURE === "true" : isProduction;
