import { createInterface } from 'node:readline/promises';
import { AppError } from '../../shared/errors';
import type { CliIo, GlobalOptions } from './io';

/**
 * Asks before a destructive step. `--yes` answers for the user; without a terminal there is nobody
 * to ask, so the command fails at once instead of hanging on stdin.
 */
export async function confirm(question: string, io: CliIo, globals: GlobalOptions): Promise<boolean> {
  if (globals.yes) return true;
  if (!io.stdin.isTTY) {
    throw new AppError('invalid_input', `${question} Refusing to ask without a terminal; pass --yes to confirm.`);
  }
  const rl = createInterface({ input: io.stdin, output: io.stderr });
  try {
    const answer = await rl.question(`${question} [y/N] `);
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}
