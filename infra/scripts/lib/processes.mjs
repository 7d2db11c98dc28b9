// Background processes that outlive the command that started them, tracked by pid files so that
// `npm stop` (or the test run) ends exactly what was started.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export function pidFile(runDir, name) {
  return path.join(runDir, 'pids', `${name}.pid`);
}

export function readPid(runDir, name) {
  try {
    const pid = Number.parseInt(fs.readFileSync(pidFile(runDir, name), 'utf8'), 10);
    return Number.isFinite(pid) ? pid : undefined;
  } catch {
    return undefined;
  }
}

export function isAlive(pid) {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  // An exited child whose parent has not reaped it yet is a zombie: it still "exists", but is gone.
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true;
  }
}

export function spawnDetached(runDir, name, command, args, { env, logFile, uid, gid } = {}) {
  fs.mkdirSync(path.dirname(pidFile(runDir, name)), { recursive: true });
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const out = fs.openSync(logFile, 'a');
  const child = spawn(command, args, {
    detached: true,
    stdio: ['ignore', out, out],
    env,
    ...(uid !== undefined ? { uid, gid } : {}),
  });
  child.unref();
  fs.closeSync(out);
  fs.writeFileSync(pidFile(runDir, name), String(child.pid));
  return child.pid;
}

/** SIGTERM, then SIGKILL after `graceMs`; true if something was running. */
export async function stopProcess(runDir, name, { signal = 'SIGTERM', graceMs = 20_000 } = {}) {
  const pid = readPid(runDir, name);
  const file = pidFile(runDir, name);
  if (!isAlive(pid)) {
    fs.rmSync(file, { force: true });
    return false;
  }
  process.kill(pid, signal);
  const deadline = Date.now() + graceMs;
  while (isAlive(pid) && Date.now() < deadline) await sleep(100);
  if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  while (isAlive(pid)) await sleep(50);
  fs.rmSync(file, { force: true });
  return true;
}

export function tail(file, lines = 30) {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export async function waitFor(
  what,
  check,
  { timeoutMs = 60_000, intervalMs = 250, onTimeout } = {},
) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  while (Date.now() < deadline) {
    try {
      if (await check()) return;
    } catch (error) {
      if (/ exited:/.test(error.message)) throw error;
      lastError = error;
    }
    await sleep(intervalMs);
  }
  const extra = onTimeout ? `\n${onTimeout()}` : '';
  throw new Error(
    `${what} not ready after ${timeoutMs} ms${lastError ? `: ${lastError.message}` : ''}${extra}`,
  );
}

/** Whether anything accepts TCP connections at host:port (whoever it then lets in). */
export function portIsOpen(host, port, timeoutMs = 1_000) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: host.replace(/^\[|\]$/g, ''), port });
    const done = (open) => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}
