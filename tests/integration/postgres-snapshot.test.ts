// The proposal page's snapshot read on PostgreSQL (app/db/postgres.server.ts, snapshotQuery): a
// read that fails inside its REPEATABLE READ, READ ONLY transaction must not hand the pool a
// connection still inside that transaction. A query that times out keeps running on the server
// with its transaction open; a connection returned to the pool then would give the next
// borrower a read-only, frozen snapshot (writes refused as if the database were read-only).
import pg from "pg";
import { parse } from "pg-connection-string";
import { afterAll, describe, expect, it } from "vitest";
import { snapshotQuery } from "~/db/postgres.server";
import { onPostgres } from "../support/postgres";

const pools: pg.Pool[] = [];
afterAll(async () => {
  await Promise.all(pools.map((p) => p.end()));
});

describe.skipIf(!onPostgres)("snapshotQuery", () => {
  it("gives every query's rows from one snapshot", async () => {
    const pool = new pg.Pool({ ...(parse(process.env.DATABASE_URL!) as pg.PoolConfig), max: 1 });
    pools.push(pool);
    const [a, b] = await snapshotQuery(pool, [
      { text: "SELECT txid_current_snapshot()::text AS s, current_setting('transaction_isolation') AS i", values: [] },
      { text: "SELECT txid_current_snapshot()::text AS s, $1::int AS n", values: [7] },
    ]);
    expect(a).toEqual([{ s: (b as { s: string }[])[0].s, i: "repeatable read" }]);
    expect((b as { n: number }[])[0].n).toBe(7);
  });

  it("a query that times out destroys its connection: the next borrower is outside any transaction and may write", async () => {
    // One connection, and a query timeout far shorter than the query: the pool's only connection
    // is the one the failed snapshot held.
    const pool = new pg.Pool({ ...(parse(process.env.DATABASE_URL!) as pg.PoolConfig), max: 1, query_timeout: 200 });
    pools.push(pool);
    pool.on("error", () => {});
    await expect(snapshotQuery(pool, [{ text: "SELECT pg_sleep(1.5)", values: [] }])).rejects.toThrow(/timeout/i);
    const after = await pool.query<{ ro: string; tx: string | null }>(
      "SELECT current_setting('transaction_read_only') AS ro, txid_current_if_assigned()::text AS tx",
    );
    expect(after.rows[0]).toEqual({ ro: "off", tx: null });
    // A write in its own transaction works on the connection the pool now gives.
    await pool.query("CREATE TEMP TABLE snapshot_probe (n int)");
    expect((await pool.query("INSERT INTO snapshot_probe VALUES (1)")).rowCount).toBe(1);
  });
});
