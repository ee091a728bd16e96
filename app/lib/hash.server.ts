import { createHash } from "node:crypto";

/** The SHA-256 of a text (UTF-8) or of bytes, as 64 hex digits: stored tokens, file contents, rate-limit keys. */
export const sha256Hex = (input: string | Uint8Array): string => createHash("sha256").update(input).digest("hex");
