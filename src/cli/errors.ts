// Exit codes and the one error type the CLI turns into "one clear line, exit 2".

export const EXIT_OK = 0;
/** A result failed verification or errored, or the run itself failed. */
export const EXIT_FAILED = 1;
/** Bad flags or inputs: nothing was run or written. */
export const EXIT_USAGE = 2;
/** Interrupted by SIGINT (128 + 2, the shell's convention). */
export const EXIT_INTERRUPTED = 130;

/** Bad input on the command line; the message names the flag or path. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export function messageOf(caught: unknown): string {
  return caught instanceof Error ? caught.message : String(caught);
}
