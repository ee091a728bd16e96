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
/**
 * How long a claim holds: a process that dies mid-send gives the message back after this. Longer
 * than a send can take (the SMTP timeouts below), so a claim never runs out while its send goes on.
 */
const CLAIM_MS = 5 * 60_000;
const SMTP_TIMEOUTS = { connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 };
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
    defaultSender = nodemailer.createTransport({ url: env.SMTP_URL, ...SMTP_TIMEOUTS } as Parameters<typeof nodemailer.createTransport>[0]);
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

type Outcome = { id: string; to: string; subject: string; result: "sent" | "retry" | "failed" | "cancelled"; error?: string };

async function markSent(ours: { id: string; status: "sending"; attempts: number }) {
  for (let attempt = 1; ; attempt++) {
    try {
      await writeTransaction((tx) =>
        tx.outboxMessage.updateMany({ where: ours, data: { status: "sent", sentAt: new Date(), lockedUntil: null, lastError: "" } }),
      );
      return;
    } catch (error) {
      if (attempt >= 5) {
        console.error(`outbox: message ${ours.id} was sent but could not be marked sent:`, (error as Error)?.message ?? error);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
    }
  }
}

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
    // Claim it: only the process whose UPDATE matched sends it. The claim runs from the moment
    // it is taken, whatever `now` the batch was asked about.
    const claim = await writeTransaction((tx) =>
      tx.outboxMessage.updateMany({
        where: {
          id: candidate.id,
          OR: [
            { status: "pending", nextAttemptAt: { lte: now } },
            { status: "sending", lockedUntil: { lt: now } },
          ],
        },
        data: { status: "sending", lockedUntil: new Date(Date.now() + CLAIM_MS), attempts: { increment: 1 } },
      }),
    );
    if (claim.count !== 1) continue;
    const m = await readDb.outboxMessage.findUniqueOrThrow({
      where: { id: candidate.id },
      include: { user: { select: { active: true, mailFrequency: true } } },
    });
    // Ours while it is "sending" at this attempt: every later update says so, so a claim taken
    // over by another process is never overwritten.
    const ours = { id: m.id, status: "sending" as const, attempts: m.attempts };
    // Someone who unsubscribed, or was deactivated, since the message was queued gets nothing.
    if (m.user && (!m.user.active || m.user.mailFrequency === "off")) {
      await writeTransaction((tx) =>
        tx.outboxMessage.updateMany({
          where: ours,
          data: { status: "cancelled", lockedUntil: null, lastError: "not sent: the recipient turned e-mail off or was deactivated" },
        }),
      );
      outcomes.push({ id: m.id, to: m.toAddress, subject: m.subject, result: "cancelled" });
      continue;
    }
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
    } catch (error) {
      const text = String((error as Error)?.message ?? error).slice(0, 500);
      const give = permanent(error) || m.attempts >= MAX_ATTEMPTS;
      await writeTransaction((tx) =>
        tx.outboxMessage.updateMany({
          where: ours,
          data: give
            ? { status: "failed", lockedUntil: null, lastError: text }
            : { status: "pending", lockedUntil: null, lastError: text, nextAttemptAt: new Date(Date.now() + backoffMs(m.attempts)) },
        }),
      );
      outcomes.push({ id: m.id, to: m.toAddress, subject: m.subject, result: give ? "failed" : "retry", error: text });
      continue;
    }
    // Sent: recorded as such, tried again a few times if the database is busy. Never put back to
    // "pending" (that would send it again); if it cannot be recorded at all, the claim runs out
    // and it goes once more, under the same Message-ID.
    await markSent(ours);
    outcomes.push({ id: m.id, to: m.toAddress, subject: m.subject, result: "sent" });
  }
  return outcomes;
}
