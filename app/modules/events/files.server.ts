// Uploaded files, content-addressed (docs/decisions/021-intake.md): a file's bytes are stored once
// per SHA-256, in the database, inside the transaction of the row that cites them. Evidence files
// (issue 16) use the same table.
import { sha256Hex } from "~/lib/hash.server";
import type { Tx } from "~/db.server";

export { sha256Hex };

/** Stores `bytes` unless a file with the same hash is there already; returns the hash. */
export async function storeFile(tx: Tx, bytes: Uint8Array): Promise<{ sha256: string; byteSize: number }> {
  const sha256 = sha256Hex(bytes);
  const existing = await tx.storedFile.findUnique({ where: { sha256 }, select: { byteSize: true } });
  if (!existing) await tx.storedFile.create({ data: { sha256, byteSize: bytes.byteLength, content: Buffer.from(bytes) }, select: { sha256: true } });
  return { sha256, byteSize: bytes.byteLength };
}
