import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";

export type Server = { name: string; port: number; process: ChildProcess; stop(): void };

/** A free TCP port on loopback (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Starts `command` in its own process group (so stop() ends it and any child it spawns, nothing else),
 * with stdout/stderr in `logFile`, and waits until `readyPath` answers on the port.
 */
export async function startServer(
  name: string,
  command: string[],
  env: NodeJS.ProcessEnv,
  port: number,
  ready: { path: string; host: string },
  logFile: string,
): Promise<Server> {
  const log = fs.openSync(logFile, "w");
  const child = spawn(command[0]!, command.slice(1), { env, detached: true, stdio: ["ignore", log, log] });
  const stop = () => {
    if (child.exitCode === null && child.pid) process.kill(-child.pid, "SIGTERM");
  };
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}: see ${logFile}`);
    const status = await request(port, ready.host, ready.path).then((r) => r.status, () => 0);
    if (status >= 200 && status < 500) return { name, port, process: child, stop };
    await new Promise((r) => setTimeout(r, 500));
  }
  stop();
  throw new Error(`${name} did not answer on port ${port} within 120 s: see ${logFile}`);
}

/** One HTTP request to 127.0.0.1 with an explicit Host (Node's fetch cannot resolve *.localhost). */
export function request(
  port: number,
  host: string,
  path: string,
  options: { method?: string; body?: string; contentType?: string } = {},
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { host };
    if (options.body !== undefined) headers["content-type"] = options.contentType ?? "application/json";
    const req = http.request({ host: "127.0.0.1", port, path, method: options.method ?? "GET", headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
    });
    req.on("error", reject);
    req.end(options.body);
  });
}
