// Which errors are storage faults (503 "nothing was saved", an episode in /healthz) and which are
// not (docs/decisions/010-storage-faults.md). Errors are shaped as the drivers and Prisma's
// adapters give them: a code on the error, or an adapter's kind on its cause.
import { describe, expect, it } from "vitest";
import { classifyStorageError } from "~/lib/storage.server";

const adapterError = (cause: Record<string, unknown>, message = "driver adapter error") =>
  Object.assign(new Error(message), { name: "DriverAdapterError", cause });

describe("classifyStorageError", () => {
  it("takes a server that cannot be reached, or a lost connection, as a connection fault", () => {
    expect(classifyStorageError(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }))?.kind).toBe("connection");
    expect(classifyStorageError(adapterError({ kind: "DatabaseNotReachable", host: "db", port: 5432 }))?.kind).toBe("connection");
    expect(classifyStorageError(new Error("Connection terminated unexpectedly"))?.kind).toBe("connection");
    expect(classifyStorageError(new Error("timeout exceeded when trying to connect"))?.kind).toBe("connection");
    expect(classifyStorageError(Object.assign(new Error("cannot execute INSERT in a read-only transaction"), { code: "25006" }))?.kind).toBe("readonly");
  });

  it("does not take a busy SQLite lock for one: the SQLite adapter calls it SocketTimeout, and it is a 503 'try again'", () => {
    // Seen with several processes on one SQLite file: "[storage] fault started … SocketTimeout (database is locked)".
    expect(classifyStorageError(adapterError({ kind: "SocketTimeout" }, "database is locked"))).toBeNull();
    expect(classifyStorageError(Object.assign(new Error("database is locked"), { code: "SQLITE_BUSY" }))).toBeNull();
  });

  it("does not take ordinary errors for one", () => {
    expect(classifyStorageError(new Error("Unique constraint failed"))).toBeNull();
    expect(classifyStorageError(Object.assign(new Error("duplicate key"), { code: "23505" }))).toBeNull();
  });
});
