// Starting and stopping the servers under test: tixd and tixpay, each on a port the kernel
// picks (--listen 127.0.0.1:0 --port-file F), logs kept in files for a failing run.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createWriteStream } from "node:fs";
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

export const kRepoRoot = resolve(import.meta.dirname, "../../..");
const kStartTimeoutMs = 30_000;

export interface Started {
  process: ChildProcess;
  port: number;
  logPath: string;
}

export function BinaryPath(envName: string, fallback: string): string {
  return resolve(kRepoRoot, process.env[envName] ?? fallback);
}

export async function TempDir(prefix: string): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

// Runs a binary that listens and writes its port to `portFile`; resolves once the port is there.
export async function StartListening(binary: string, args: string[], env: NodeJS.ProcessEnv, scratch: string, name: string): Promise<Started> {
  const portFile = join(scratch, `${name}.port`);
  const logPath = join(scratch, `${name}.log`);
  const log = createWriteStream(logPath);
  const child = spawn(binary, [...args, "--port-file", portFile], { env, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  const deadline = Date.now() + kStartTimeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}; log: ${logPath}\n${await Tail(logPath)}`);
    const text = await readFile(portFile, "utf8").catch(() => "");
    const port = Number(text.trim());
    if (port > 0) return { process: child, port, logPath };
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill("SIGKILL");
  throw new Error(`${name} did not listen within ${kStartTimeoutMs} ms; log: ${logPath}`);
}

export function RunToEnd(binary: string, args: string[], env: NodeJS.ProcessEnv): void {
  const result = spawnSync(binary, args, { env, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`${binary} ${args.join(" ")} failed: ${result.stderr}${result.stdout}`);
}

export async function Stop(started: Started | undefined): Promise<void> {
  const child = started?.process;
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
  await exited;
  clearTimeout(timer);
}

async function Tail(path: string): Promise<string> {
  const text = await readFile(path, "utf8").catch(() => "");
  return text.split("\n").slice(-20).join("\n");
}
