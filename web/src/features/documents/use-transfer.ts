import { useCallback, useEffect, useRef, useState } from 'react';
import { isAbortError } from '../../lib/vault/rpc';
import type { TransferProgress } from '../../lib/vault/protocol';

/** The state of one transfer (upload or download) the page started. */
export type TransferState<R> =
  | { status: 'idle' }
  | { status: 'running'; progress: TransferProgress }
  | { status: 'done'; result: R }
  | { status: 'cancelled' }
  | { status: 'failed'; error: unknown };

/**
 * Runs a cancellable transfer with progress. Leaving the page cancels it (an upload is then
 * deleted on the server by the worker).
 */
export function useTransfer<A, R>(
  run: (
    args: A,
    options: { signal: AbortSignal; onProgress: (p: TransferProgress) => void },
  ) => Promise<R>,
) {
  const [state, setState] = useState<TransferState<R>>({ status: 'idle' });
  const controller = useRef<AbortController | null>(null);

  useEffect(() => () => controller.current?.abort(), []);

  const start = useCallback(
    async (args: A): Promise<R | null> => {
      controller.current?.abort();
      const current = new AbortController();
      controller.current = current;
      setState({ status: 'running', progress: { done: 0, total: 0, bytesPerSecond: 0 } });
      try {
        const result = await run(args, {
          signal: current.signal,
          onProgress: (progress) => {
            if (!current.signal.aborted) setState({ status: 'running', progress });
          },
        });
        if (current.signal.aborted) {
          setState({ status: 'cancelled' });
          return null;
        }
        setState({ status: 'done', result });
        return result;
      } catch (error) {
        if (controller.current === current) {
          setState(
            isAbortError(error) || current.signal.aborted
              ? { status: 'cancelled' }
              : { status: 'failed', error },
          );
        }
        return null;
      } finally {
        if (controller.current === current) controller.current = null;
      }
    },
    [run],
  );

  const cancel = useCallback(() => controller.current?.abort(), []);
  const reset = useCallback(() => setState({ status: 'idle' }), []);
  return { state, start, cancel, reset };
}
