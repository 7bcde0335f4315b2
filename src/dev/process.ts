/** Process-level pieces shared by every `tfa dev` host. */

/** A function's stray exception or rejection must not take the server down. */
export function logFunctionCrashes(): void {
  process.on('uncaughtException', (error) => console.error(`Uncaught exception in a function: ${error.stack ?? error}`));
  process.on('unhandledRejection', (reason) => console.error(`Unhandled rejection in a function: ${(reason as Error)?.stack ?? reason}`));
}

/** Resolves on Ctrl+C or SIGTERM. */
export function untilStopped(): Promise<void> {
  return new Promise((resolve) => process.once('SIGINT', resolve).once('SIGTERM', resolve));
}
