// Issue 12 item 6: the server listens on 127.0.0.1 unless HOST says otherwise, and says where in
// its start-up log; under `npm start` (DEMO_MODE) the log also lists the demo accounts.
import { expect, test } from "@playwright/test";
import os from "node:os";
import { sidePort, startServer } from "./support-server";

/**
 * Addresses of this machine other than 127.0.0.1: 127.0.0.2 (all of 127/8 is this machine on
 * Linux, so it exists everywhere) and every non-internal IPv4 interface.
 */
const otherAddresses = () => [
  "127.0.0.2",
  ...Object.values(os.networkInterfaces())
    .flat()
    .filter((i) => i !== undefined && i.family === "IPv4" && !i.internal)
    .map((i) => i!.address),
];

async function answers(address: string, port: number): Promise<boolean> {
  try {
    return (await fetch(`http://${address}:${port}/healthz`, { signal: AbortSignal.timeout(3000) })).ok;
  } catch {
    return false;
  }
}

test("by default the server listens on 127.0.0.1 only, and its log says so", async () => {
  const port = sidePort(41);
  // HOST empty is HOST unset, whatever the environment running the tests has.
  const server = await startServer(port, { HOST: "", DEMO_MODE: "" });
  try {
    expect(await answers("127.0.0.1", port)).toBe(true);
    for (const address of otherAddresses()) expect(await answers(address, port), `reachable at ${address}`).toBe(false);
    expect(server.output()).toContain(`Summit Tracker listening on http://127.0.0.1:${port} (this machine only; set HOST=0.0.0.0 to serve other machines)`);
    expect(server.output()).not.toContain("Demo accounts");
  } finally {
    await server.stop();
  }
});

test("HOST=0.0.0.0 listens on every interface; in demo mode the log lists the demo accounts and warns", async () => {
  const port = sidePort(42);
  const server = await startServer(port, { HOST: "0.0.0.0", DEMO_MODE: "1" });
  try {
    for (const address of ["127.0.0.1", ...otherAddresses()]) expect(await answers(address, port), `reachable at ${address}`).toBe(true);
    await expect.poll(() => server.output()).toContain("Warning: the demo accounts' password is published");
    const log = server.output();
    expect(log).toContain(`Summit Tracker listening on http://0.0.0.0:${port} (HOST=0.0.0.0)`);
    expect(log).toContain('Demo accounts, all with the password "summit-demo":');
    for (const who of ["admin", "manager", "analyst", "analyst2", "viewer"]) expect(log).toMatch(new RegExp(`^  ${who}@example\\.org +\\w+$`, "m"));
  } finally {
    await server.stop();
  }
});
