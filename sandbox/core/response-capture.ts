import type { ServerResponse } from 'node:http';

type Call = { method: 'writeHead' | 'write' | 'end'; args: unknown[] };

export type CapturedResponse = {
  /** Sends what the handler wrote, as it wrote it. */
  replay: () => void;
  /** Forgets what the handler wrote (headers included), leaving `res` free for another answer. */
  discard: () => void;
};

/**
 * Lets a handler run to completion while its answer is held back, for faults that fire after
 * TikTok did the work. Only the methods handlers use are recorded; no sandbox handler streams into
 * `res`, which would wait for a `finish` that never comes.
 */
export function captureResponse(res: ServerResponse): CapturedResponse {
  const calls: Call[] = [];
  const original = { writeHead: res.writeHead, write: res.write, end: res.end };
  let headWritten = false;
  let ended = false;
  const target = res as unknown as Record<string, unknown>;
  target.writeHead = (...args: unknown[]) => {
    headWritten = true;
    calls.push({ method: 'writeHead', args });
    return res;
  };
  target.write = (...args: unknown[]) => {
    headWritten = true;
    calls.push({ method: 'write', args });
    return true;
  };
  target.end = (...args: unknown[]) => {
    headWritten = true;
    ended = true;
    calls.push({ method: 'end', args });
    return res;
  };
  // Handlers check these to avoid answering twice.
  Object.defineProperty(res, 'headersSent', { configurable: true, get: () => headWritten });
  Object.defineProperty(res, 'writableEnded', { configurable: true, get: () => ended });

  const restore = () => {
    Object.assign(target, original);
    delete target.headersSent;
    delete target.writableEnded;
  };
  return {
    replay: () => {
      restore();
      for (const call of calls) (original[call.method] as (...a: unknown[]) => unknown).apply(res, call.args);
    },
    discard: () => {
      restore();
      for (const name of res.getHeaderNames()) res.removeHeader(name);
    },
  };
}
