// A TCP relay between the app and its PostgreSQL server, for fault tests: it can refuse
// connections (a server that is down), swallow them (a network that drops packets: connections
// open and nothing answers) or drop the connections it carries (a failover, a restart).
import net from "node:net";

export type Mode = "relay" | "refuse" | "blackhole";

export type TcpProxy = {
  port: number;
  /** How connections are treated from now on; "refuse" also stops listening and drops what is open. */
  setMode(mode: Mode): Promise<void>;
  /** Ends every connection open through the proxy, as a server restart does. */
  dropConnections(): void;
  close(): Promise<void>;
};

export async function tcpProxy(targetHost: string, targetPort: number): Promise<TcpProxy> {
  const open = new Set<net.Socket>();
  // Connections a black hole swallowed stay silent for good, as a firewall or NAT that dropped
  // their state leaves them: half-open, never closed, never answered.
  const lost = new WeakSet<net.Socket>();
  let mode: Mode = "relay";
  const track = (socket: net.Socket) => {
    open.add(socket);
    socket.on("close", () => open.delete(socket));
    socket.on("error", () => socket.destroy());
  };
  const server = net.createServer((client) => {
    track(client);
    if (mode === "blackhole") return void lost.add(client); // accepted, never answered
    const upstream = net.connect(targetPort, targetHost);
    track(upstream);
    // Bytes pass only while relaying: a black hole swallows them on open connections too.
    const passes = () => mode === "relay" && !lost.has(client);
    client.on("data", (chunk) => void (passes() && upstream.write(chunk)));
    upstream.on("data", (chunk) => void (passes() && client.write(chunk)));
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
  });
  const listen = (port: number) => new Promise<void>((resolve, reject) => server.once("error", reject).listen(port, "127.0.0.1", () => resolve()));
  await listen(0);
  const port = (server.address() as net.AddressInfo).port;
  const dropConnections = () => {
    for (const socket of open) socket.destroy();
  };
  return {
    port,
    async setMode(next) {
      if (next === "refuse" && server.listening) {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        dropConnections();
        await closed;
      }
      if (next !== "refuse" && !server.listening) await listen(port);
      if (next === "blackhole") for (const socket of open) lost.add(socket);
      mode = next;
    },
    dropConnections,
    async close() {
      dropConnections();
      if (server.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
