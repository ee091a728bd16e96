// Sending the outbox (issue 17, docs/decisions/023-notifications.md). Any process may deliver:
// a message is claimed by a conditional UPDATE (pending and due, or "sending" with its claim run
// out), so two processes never send it at the same time; it is "sent" once the SMTP server took
// it, retried with backoff after a temporary refusal or a dead connection, and "failed" after a
// permanent refusal (5xx) or MAX_ATTEMPTS. Each message keeps one Message-ID over its retries, so a
// mail system that sees it twice (a process that died between the server's "250" and our UPDATE)
// can tell. Without SMTP_URL, messages are written as .eml files to MAIL_OUTBOX_DIR.
import fs from "node:fs/promises";
import path from "node:path";
import nodemailer, { type Transporter } from "nodemailer";
import { env } from "~/config/env.server";
import { readDb, writeTransaction } from "~/db.server";
import { appUrl } from "./tokens.server";

export const MAX_ATTEMPTS = 8;
/** Minutes to wait after the nth failed attempt (1-based); the last repeats. */
const BACKOFF_MINUTES = [1, 5, 15, 60, 180, 360, 720];
/** How long a claim holds: a process that dies mid-send gives the message back after this. */
const CLAIM_MS = 2 * 60_000;
const BATCH = 20;

export function backoffMs(attempt: number): number {
  return BACKOFF_MINUTES[Math.min(Math.max(attempt, 1), BACKOFF_MINUTES.length) - 1] * 60_000;
}

/** What sends: nodemailer's sendMail, or anything shaped like it (tests). */
export type MailSender = Pick<Transporter, "sendMail">;

let defaultSender: MailSender | null = null;

/** SMTP when SMTP_URL is set; otherwise a transport that writes each message to the outbox folder. */
export function mailSender(): MailSender {
  if (defaultSender) return defaultSender;
  if (env.SMTP_URL) {
    defaultSender = nodemailer.createTransport(env.SMTP_URL);
    return defaultSender;
  }
  const dir = path.resolve(process.cwd(), env.MAIL_OUTBOX_DIR);
  const stream = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  defaultSender = {
    async sendMail(message) {
      const info = await stream.sendMail(message);
      await fs.mkdir(dir, { recursive: true });
      const name = `${String(message.messageId ?? Date.now()).replace(/[^A-Za-z0-9@._-]/g, "")}.eml`;
      const file = path.join(dir, name);
      // Written whole or not at all: a reader of the folder never sees half a message.
      await fs.writeFile(`${file}.tmp`, info.message as Buffer);
      await fs.rename(`${file}.tmp`, file);
      return info;
    },
  } as MailSender;
  return defaultSender;
}

const messageIdOf = (id: string) => `<${id}@${new URL(appUrl()).hostname || "summit-tracker"}>`;

type Outcome = { id: string; to: string; subject: string; result: "sent" | "retry" | "failed"; error?: string };

/** Whether an SMTP error is a permanent refusal (5xx), not worth trying again. */
function permanent(error: unknown): boolean {
  const code = (error as { responseCode?: number })?.responseCode;
  return typeof code === "number" && code >= 500 && code < 600;
}

/** Messages due for an attempt now (pending and due, or a claim that ran out). */
export function dueMessages(now: Date, take = BATCH) {
  return readDb.outboxMessage.findMany({
    where: {
      OR: [
        { status: "pending", nextAttemptAt: { lte: now } },
        { status: "sending", lockedUntil: { lt: now } },
      ],
    },
    orderBy: [{ nextAttemptAt: "asc" }, { id: "asc" }],
    take,
    select: { id: true, toAddress: true, subject: true, attempts: true, kind: true },
  });
}

/** Sends what is due, one message at a time; returns what happened to each. */
export async function deliverDue(options: { now?: Date; sender?: MailSender } = {}): Promise<Outcome[]> {
  const now = options.now ?? new Date();
  const sender = options.sender ?? mailSender();
  const outcomes: Outcome[] = [];
  for (const candidate of await dueMessages(now)) {
    // Claim it: only the process whose UPDATE matched sends it.
    const claim = await writeTransaction((tx) =>
      tx.outboxMessage.updateMany({
        where: {
          id: candidate.id,
          OR: [
            { status: "pending", nextAttemptAt: { lte: now } },
            { status: "sending", lockedUntil: { lt: now } },
          ],
        },
        data: { status: "sending", lockedUntil: new Date(now.getTime() + CLAIM_MS), attempts: { increment: 1 } },
      }),
    );
    if (claim.count !== 1) continue;
    const m = await readDb.outboxMessage.findUniqueOrThrow({ where: { id: candidate.id } });
    try {
      await sender.sendMail({
        from: env.MAIL_FROM,
        to: m.toAddress,
        subject: m.subject,
        text: m.text,
        html: m.html,
        messageId: messageIdOf(m.id),
        headers: m.unsubscribeUrl
          ? { "List-Unsubscribe": `<${m.unsubscribeUrl}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click", "Content-Language": m.locale }
          : { "Content-Language": m.locale },
      });
      await writeTransaction((tx) =>
        tx.outboxMessage.update({ where: { id: m.id }, data: { status: "sent", sentAt: new Date(), lockedUntil: null, lastError: "" }, select: { id: true } }),
      );
      outcomes.push({ id: m.id, to: m.toAddress, subject: m.subject, result: "sent" });
    } catch (error) {
      const text = String((error as Error)?.message ?? error).slice(0, 500);
      const give = permanent(error) || m.attempts >= MAX_ATTEMPTS;
      await writeTransaction((tx) =>
        tx.outboxMessage.update({
          where: { id: m.id },
          data: give
            ? { status: "failed", lockedUntil: null, lastError: text }
            : { status: "pending", lockedUntil: null, lastError: text, nextAttemptAt: new Date(now.getTime() + backoffMs(m.attempts)) },
          select: { id: true },
        }),
      );
      outcomes.push({ id: m.id, to: m.toAddress, subject: m.subject, result: give ? "failed" : "retry", error: text });
    }
  }
  return outcomes;
}
