/** An Error as it crosses to another thread: structured clone drops its `code`, so it goes as data. */
export interface WorkerError {
  name: string;
  code?: string;
  message: string;
}

export function toWorkerError(error: unknown): WorkerError {
  const failure = error instanceof Error ? error : new Error(String(error));
  const code = (failure as { code?: unknown }).code;
  return { name: failure.name, message: failure.message, ...(typeof code === 'string' ? { code } : {}) };
}

/** The worker's failure as the error the same failure on this thread would have been (code kept). */
export function fromWorkerError(error: WorkerError): Error {
  return Object.assign(new Error(error.message), { name: error.name, ...(error.code ? { code: error.code } : {}) });
}
