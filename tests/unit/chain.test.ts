import { describe, expect, it } from "vitest";
import { canonicalJson, ChainVerifier, GENESIS_HASH, hashEvent, type ChainedEventBody, type StoredEvent } from "~/modules/audit/chain";

function chain(n: number): StoredEvent[] {
  const rows: StoredEvent[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const body: ChainedEventBody = {
      seq,
      occurredAt: new Date(Date.UTC(2026, 0, 1, 0, 0, seq)).toISOString(),
      actorId: "u1",
      actorName: "Ann",
      actorRole: "analyst",
      action: "proposal.updated",
      entityType: "proposal",
      entityId: "p1",
      proposalId: "p1",
      changes: [{ field: "title", from: `t${seq - 1}`, to: `t${seq}` }],
      reason: "",
      requestId: `r${seq}`,
      prevHash: prev,
    };
    const hash = hashEvent(body);
    rows.push({ ...body, changes: JSON.stringify(body.changes), hash });
    prev = hash;
  }
  return rows;
}

const verify = (rows: StoredEvent[]) => {
  const v = new ChainVerifier();
  for (const r of rows) if (!v.push(r)) break;
  return v;
};

describe("canonical serialisation", () => {
  it("does not depend on key order", () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } })).toBe(canonicalJson({ a: { c: null, d: [1, { y: 2, z: 1 }] }, b: 1 }));
  });
});

describe("the verifier", () => {
  it("accepts an intact chain and reports its head", () => {
    const rows = chain(5);
    const v = verify(rows);
    expect(v.problem).toBeNull();
    expect(v.head).toEqual({ seq: 5, hash: rows[4].hash });
  });
  it("finds an altered change at its sequence number", () => {
    const rows = chain(5);
    rows[2] = { ...rows[2], changes: rows[2].changes.replace("t3", "t4") };
    expect(verify(rows).problem?.seq).toBe(3);
  });
  it("finds a deleted event", () => {
    const rows = chain(5);
    rows.splice(2, 1);
    expect(verify(rows).problem?.seq).toBe(3);
  });
});
