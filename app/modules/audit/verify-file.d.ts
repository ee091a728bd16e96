import type { ChainHead, ChainProblem } from "./chain";

export type VerifyResult = { ok: true; count: number; head: ChainHead } | { ok: false; count: number; problem: ChainProblem; head: ChainHead };

export declare function verifyChainFile(file: string, options?: { savedHead?: ChainHead; onProgress?: (done: number, total: number) => void }): VerifyResult;

export declare function chainHead(file: string): ChainHead;

/** The head of the chain of a SQLite file path or a PostgreSQL URL. */
export declare function chainHeadOf(target: string): Promise<ChainHead>;

/** Verifies the chain of a SQLite file path or a PostgreSQL URL. */
export declare function verifyChain(
  target: string,
  options?: { savedHead?: ChainHead; onProgress?: (done: number, total: number) => void },
): Promise<VerifyResult>;

export type FileProblem = { subject: string; reason: string };

/** Re-hashes every stored file of a SQLite file path or a PostgreSQL URL against the hash it is stored under, and checks each file evidence item against the hash its audit event recorded. */
export declare function verifyStoredFiles(
  target: string,
  options?: { onProgress?: (done: number, total: number) => void },
): Promise<{ ok: boolean; count: number; problems: FileProblem[] }>;
