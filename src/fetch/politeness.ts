// Per-host scheduling: a minimum delay between request starts to one host (raised by
// robots Crawl-delay), a per-host concurrency, one global concurrency (p-limit), and
// retries with exponential backoff and jitter; Retry-After pauses the whole host.
import pLimit, { type LimitFunction } from 'p-limit';

export interface PolitenessOptions {
  /** Requests in flight over all hosts. */
  globalConcurrency?: number;
  /** Delay between request starts to one host unless the host says otherwise. */
  defaultMinDelayMs?: number;
  defaultHostConcurrency?: number;
  /** Attempts of one URL within a run, the first included. */
  maxAttempts?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** A Retry-After up to this long is waited out within the run; longer ones are handed back as `retry-later`. */
  maxInRunWaitMs?: number;
  random?: () => number;
  now?: () => number;
}

export interface HostPolicy {
  minDelayMs?: number;
  concurrency?: number;
}

/** What a finished attempt asks for. */
export interface RetryVerdict {
  action: 'done' | 'retry' | 'retry-later';
  retryAfterMs?: number;
}

export interface HostStats {
  host: string;
  requests: number;
  retries: number;
  inFlight: number;
  queued: number;
  delayMs: number;
  pausedUntil: number;
}

interface HostState {
  host: string;
  minDelayMs: number;
  floorMs: number;
  concurrency: number;
  inFlight: number;
  nextAt: number;
  pausedUntil: number;
  waiters: Array<{ resolve: () => void; reject: (error: Error) => void }>;
  timer: NodeJS.Timeout | undefined;
  requests: number;
  retries: number;
}

/** Exponential backoff with "equal jitter": between half and all of base·2^(attempt-1), capped. */
export function backoffDelayMs(attempt: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const exp = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exp / 2 + (random() * exp) / 2);
}

/** A host asked for a pause longer than a run waits: queued requests to it end with this. */
export class HostPausedError extends Error {
  override name = 'HostPausedError';
  constructor(readonly host: string, readonly pausedForMs: number) {
    super(`${host} is paused for ${Math.round(pausedForMs / 1000)} s by its Retry-After`);
  }
}

/** The caller's signal fired while a request waited for its turn or its retry: nothing more is sent. */
export class WaitAbortedError extends Error {
  override name = 'AbortError';
  constructor() {
    super('stopped while waiting for the host');
  }
}

/** Waits `ms`, or less when the signal fires (then rejects with WaitAbortedError). */
function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(new WaitAbortedError());
    const onAbort = () => {
      clearTimeout(timer);
      reject(new WaitAbortedError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export class PolitenessScheduler {
  private readonly hosts = new Map<string, HostState>();
  private readonly limit: LimitFunction;
  readonly options: Required<Omit<PolitenessOptions, 'random' | 'now'>>;
  private readonly random: () => number;
  private readonly now: () => number;

  constructor(options: PolitenessOptions = {}) {
    this.options = {
      globalConcurrency: options.globalConcurrency ?? 8,
      defaultMinDelayMs: options.defaultMinDelayMs ?? 1000,
      defaultHostConcurrency: options.defaultHostConcurrency ?? 1,
      maxAttempts: options.maxAttempts ?? 3,
      backoffBaseMs: options.backoffBaseMs ?? 1000,
      backoffMaxMs: options.backoffMaxMs ?? 60_000,
      maxInRunWaitMs: options.maxInRunWaitMs ?? 30_000,
    };
    this.limit = pLimit(this.options.globalConcurrency);
    this.random = options.random ?? Math.random;
    this.now = options.now ?? Date.now;
  }

  private state(host: string): HostState {
    const key = host.toLowerCase();
    let h = this.hosts.get(key);
    if (!h) {
      h = {
        host: key, minDelayMs: this.options.defaultMinDelayMs, floorMs: 0, concurrency: this.options.defaultHostConcurrency,
        inFlight: 0, nextAt: 0, pausedUntil: 0, waiters: [], timer: undefined, requests: 0, retries: 0,
      };
      this.hosts.set(key, h);
    }
    return h;
  }

  /** Set a host's own delay and concurrency (from the source's rate limit). */
  setHostPolicy(host: string, policy: HostPolicy): void {
    const h = this.state(host);
    if (policy.minDelayMs !== undefined) h.minDelayMs = Math.max(0, policy.minDelayMs);
    if (policy.concurrency !== undefined) h.concurrency = Math.max(1, Math.floor(policy.concurrency));
    this.pump(h);
  }

  /** Raise the host's delay to at least `ms` (robots Crawl-delay). */
  setDelayFloor(host: string, ms: number): void {
    this.state(host).floorMs = Math.max(0, ms);
  }

  /** The delay in force between two request starts to the host. */
  delayFor(host: string): number {
    const h = this.state(host);
    return Math.max(h.minDelayMs, h.floorMs);
  }

  /** Hold every request to the host for `ms` (Retry-After). */
  pauseHost(host: string, ms: number): void {
    const h = this.state(host);
    const until = this.now() + Math.max(0, ms);
    h.pausedUntil = Math.max(h.pausedUntil, until);
    h.nextAt = Math.max(h.nextAt, until);
    this.pump(h);
  }

  /** Milliseconds the host is still paused for. */
  pausedFor(host: string): number {
    return Math.max(0, this.state(host).pausedUntil - this.now());
  }

  private pump(h: HostState): void {
    // A pause longer than a run waits: release the queue now instead of holding it for hours.
    const paused = h.pausedUntil - this.now();
    if (paused > this.options.maxInRunWaitMs && h.waiters.length) {
      if (h.timer) clearTimeout(h.timer);
      h.timer = undefined;
      for (const waiter of h.waiters.splice(0)) waiter.reject(new HostPausedError(h.host, paused));
      return;
    }
    if (h.timer) return;
    while (h.waiters.length && h.inFlight < h.concurrency) {
      const now = this.now();
      if (now < h.nextAt) {
        h.timer = setTimeout(() => {
          h.timer = undefined;
          this.pump(h);
        }, h.nextAt - now);
        return;
      }
      h.inFlight++;
      h.nextAt = now + Math.max(h.minDelayMs, h.floorMs);
      h.waiters.shift()?.resolve();
    }
  }

  /**
   * Run one request to `host` when the host's delay, its concurrency and the global limit allow. With a
   * signal, a request still waiting for its turn when the signal fires leaves the queue (WaitAbortedError).
   */
  async run<T>(host: string, task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const h = this.state(host);
    await new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(new WaitAbortedError());
      const onAbort = () => {
        const at = h.waiters.indexOf(waiter);
        if (at < 0) return;
        h.waiters.splice(at, 1);
        reject(new WaitAbortedError());
      };
      const waiter = {
        resolve: () => { signal?.removeEventListener('abort', onAbort); resolve(); },
        reject: (error: Error) => { signal?.removeEventListener('abort', onAbort); reject(error); },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      h.waiters.push(waiter);
      this.pump(h);
    });
    try {
      return await this.limit(() => {
        if (signal?.aborted) throw new WaitAbortedError();
        // The global queue may have held us: count the delay from the real start.
        h.nextAt = Math.max(h.nextAt, this.now() + Math.max(h.minDelayMs, h.floorMs));
        h.requests++;
        return task();
      });
    } finally {
      h.inFlight--;
      this.pump(h);
    }
  }

  /**
   * Run `attempt` under `run` until `judge` says done, the attempts are spent, or a
   * Retry-After is longer than `maxInRunWaitMs`. `retry` waits a jittered exponential
   * backoff (other URLs of the host go on meanwhile); `retry-later` pauses the whole host.
   */
  async withRetries<T>(
    host: string,
    attempt: (n: number) => Promise<T>,
    judge: (result: T) => RetryVerdict,
    signal?: AbortSignal,
  ): Promise<{ result: T; attempts: number }> {
    const h = this.state(host);
    let previous: T | undefined;
    for (let n = 1; ; n++) {
      let result: T;
      try {
        result = await this.run(host, () => attempt(n), signal);
      } catch (error) {
        // Paused while waiting to retry: the last answer stands, and a later run retries.
        if (error instanceof HostPausedError && n > 1) return { result: previous as T, attempts: n - 1 };
        throw error;
      }
      previous = result;
      const verdict = judge(result);
      if (verdict.action === 'done' || n >= this.options.maxAttempts || signal?.aborted) return { result, attempts: n };
      const backoff = backoffDelayMs(n, this.options.backoffBaseMs, this.options.backoffMaxMs, this.random);
      if (verdict.action === 'retry-later') {
        const wait = verdict.retryAfterMs ?? backoff;
        this.pauseHost(host, wait);
        if (wait > this.options.maxInRunWaitMs) return { result, attempts: n };
        h.retries++;
        continue; // run() waits for the pause
      }
      h.retries++;
      await sleep(backoff, signal);
    }
  }

  stats(): HostStats[] {
    return [...this.hosts.values()].map((h) => ({
      host: h.host, requests: h.requests, retries: h.retries, inFlight: h.inFlight, queued: h.waiters.length,
      delayMs: Math.max(h.minDelayMs, h.floorMs), pausedUntil: h.pausedUntil,
    }));
  }
}
