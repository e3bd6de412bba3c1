// Keeps the server alive: every handler runs inside a guard that logs failures without their message
// text, because error messages can quote cell contents (passwords, PINs).

export interface Logger {
  error(message: string): void;
}

/** Error name plus stack frames, never the error message itself. */
export function describeError(error: unknown): string {
  if (error instanceof Error) {
    const frames = (error.stack ?? '')
      .split('\n')
      .filter((line) => /^\s+at /.test(line))
      .slice(0, 8)
      .join('\n');
    return frames ? `${error.name}\n${frames}` : error.name;
  }
  return `non-Error value of type ${typeof error}`;
}

export function logFailure(logger: Logger, context: string, error: unknown): void {
  try {
    logger.error(`[pbx-user-csv] ${context} failed: ${describeError(error)}`);
  } catch {
    // Logging must never be the thing that crashes the server.
  }
}

/** Wraps a handler: a throw or a rejection is logged and turned into `fallback`. */
export function guarded<A extends unknown[], R>(
  logger: Logger,
  context: string,
  handler: (...args: A) => R | Promise<R>,
  fallback: R,
): (...args: A) => Promise<R> {
  return async (...args: A) => {
    try {
      return await handler(...args); // spread-ok: forwards a handler's own few parameters
    } catch (error) {
      logFailure(logger, context, error);
      return fallback;
    }
  };
}
