// The bench's helper processes (the bare server, the floors): forked, ready once they say so,
// stopped with SIGTERM and, should they not exit, SIGKILL; one that dies while measured says so.
import { fork } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';

/** Forks `file` and resolves once it sends its first IPC message; rejects if it exits before. */
export function forkReady(file, { args = [], env = {}, name }) {
  const child = fork(file, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    const early = (code) => reject(new Error(`${name} exited with ${code} before it was ready`));
    child.once('exit', early);
    child.once('message', () => {
      child.off('exit', early);
      let stopping = false;
      child.once('exit', (code, signal) => {
        if (!stopping) console.error(`${name} exited with ${code ?? signal} while in use`);
      });
      resolve({
        pid: child.pid,
        /** SIGTERM, then SIGKILL after `graceMs`; resolves once the process is gone. */
        async stop(graceMs = 5_000) {
          stopping = true;
          if (child.exitCode !== null || child.signalCode !== null) return;
          const exited = new Promise((done) => child.once('exit', done));
          child.kill('SIGTERM');
          const timedOut = await Promise.race([exited.then(() => false), sleep(graceMs, true)]);
          if (timedOut) {
            child.kill('SIGKILL');
            await exited;
          }
        },
      });
    });
  });
}

/**
 * In a helper process: exit on SIGTERM, SIGINT or a lost parent, once `closers` have run one after
 * another (a failing one does not stop the rest), or after 3 s at most.
 */
export function exitOnStop(...closers) {
  const stop = async () => {
    setTimeout(() => process.exit(0), 3_000).unref();
    for (const close of closers)
      await Promise.resolve()
        .then(close)
        .catch(() => undefined);
    process.exit(0);
  };
  for (const signal of ['SIGTERM', 'SIGINT', 'disconnect']) process.once(signal, stop);
}
