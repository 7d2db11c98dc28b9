import { execFile } from 'node:child_process';
import path from 'node:path';
import { ROOT } from './test-env';

export interface ToolRun {
  status: number;
  stdout: string;
  stderr: string;
}

/**
 * `npm run dlq -- <args> --profile test`, as an operator runs it: the script finds the test
 * broker and its admin's credentials itself, and the compiled tool (global setup builds) does the
 * rest. Resolves with the exit status and what it printed, whatever the status.
 */
export function deadLetterTool(...args: string[]): Promise<ToolRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(ROOT, 'infra/scripts/dlq.mjs'), ...args, '--profile', 'test'],
      { cwd: ROOT, timeout: 120_000 },
      (error, stdout, stderr) => {
        const status = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ status, stdout, stderr });
      },
    );
  });
}

/** The lines a run printed on stdout, without the trailing empty one. */
export const linesOf = (run: ToolRun): string[] => run.stdout.split('\n').filter(Boolean);
