import { describe, expect, it } from 'vitest';
import { backoffDelayMs, PolitenessScheduler } from '../../src/fetch/politeness.ts';
import { parseRetryAfter } from '../../src/fetch/failure.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Run tasks that record their start time and how many ran at once. */
function tracker() {
  const starts: Record<string, number[]> = {};
  let inFlight = 0;
  let maxInFlight = 0;
  const task = (host: string, ms = 0) => async () => {
    (starts[host] ??= []).push(Date.now());
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    await sleep(ms);
    inFlight--;
    return host;
  };
  return { starts, task, max: () => maxInFlight };
}

const gaps = (times: number[]) => times.slice(1).map((t, i) => t - (times[i] as number));

describe('backoffDelayMs', () => {
  it('doubles per attempt, with jitter between half and all of it, capped', () => {
    expect(backoffDelayMs(1, 100, 10_000, () => 0)).toBe(50);
    expect(backoffDelayMs(1, 100, 10_000, () => 1)).toBe(100);
    expect(backoffDelayMs(4, 100, 10_000, () => 1)).toBe(800);
    expect(backoffDelayMs(4, 100, 10_000, () => 0)).toBe(400);
    expect(backoffDelayMs(20, 100, 10_000, () => 1)).toBe(10_000);
    for (let i = 0; i < 50; i++) {
      const d = backoffDelayMs(3, 100, 10_000);
      expect(d).toBeGreaterThanOrEqual(200);
      expect(d).toBeLessThanOrEqual(400);
    }
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2024-11-20T00:00:00Z');
  it.each([
    ['120', 120_000],
    ['0', 0],
    ['1.5', 1500],
    ['Wed, 20 Nov 2024 00:10:00 GMT', 600_000],
    ['Tue, 19 Nov 2024 23:00:00 GMT', 0], // a date in the past: go now
    ['999999', 3_600_000], // capped
  ])('%s → %i ms', (value, ms) => expect(parseRetryAfter(value, 3_600_000, now)).toBe(ms));
  it('absent or unreadable → null', () => {
    expect(parseRetryAfter(undefined, 1000)).toBeNull();
    expect(parseRetryAfter('soon', 1000)).toBeNull();
  });
});

describe('PolitenessScheduler', () => {
  it('spaces request starts to one host by its minimum delay', async () => {
    const s = new PolitenessScheduler({ defaultMinDelayMs: 60, defaultHostConcurrency: 4 });
    const t = tracker();
    await Promise.all(Array.from({ length: 5 }, () => s.run('a.vn', t.task('a.vn'))));
    for (const g of gaps(t.starts['a.vn'] as number[])) expect(g).toBeGreaterThanOrEqual(55);
  });

  it('different hosts do not wait for each other', async () => {
    const s = new PolitenessScheduler({ defaultMinDelayMs: 100 });
    const t = tracker();
    const t0 = Date.now();
    await Promise.all(['a.vn', 'b.vn', 'c.vn'].flatMap((h) => [0, 1, 2].map(() => s.run(h, t.task(h)))));
    // Three per host at 100 ms apart: about 200 ms in all, not 800.
    expect(Date.now() - t0).toBeLessThan(450);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(190);
  });

  it('limits requests in flight per host and overall (p-limit)', async () => {
    const perHost = new PolitenessScheduler({ defaultMinDelayMs: 0, defaultHostConcurrency: 2, globalConcurrency: 10 });
    const t1 = tracker();
    await Promise.all(Array.from({ length: 8 }, () => perHost.run('a.vn', t1.task('a.vn', 20))));
    expect(t1.max()).toBe(2);

    const global = new PolitenessScheduler({ defaultMinDelayMs: 0, defaultHostConcurrency: 4, globalConcurrency: 3 });
    const t2 = tracker();
    await Promise.all(['a.vn', 'b.vn', 'c.vn'].flatMap((h) => Array.from({ length: 4 }, () => global.run(h, t2.task(h, 20)))));
    expect(t2.max()).toBe(3);
  });

  it('a host policy and a Crawl-delay floor: the larger wins', () => {
    const s = new PolitenessScheduler({ defaultMinDelayMs: 1000 });
    s.setHostPolicy('a.vn', { minDelayMs: 200 });
    expect(s.delayFor('a.vn')).toBe(200);
    s.setDelayFloor('a.vn', 5000);
    expect(s.delayFor('a.vn')).toBe(5000);
    s.setHostPolicy('a.vn', { minDelayMs: 8000 });
    expect(s.delayFor('a.vn')).toBe(8000);
    expect(s.delayFor('b.vn')).toBe(1000);
  });

  it('retries with backoff up to maxAttempts and counts attempts', async () => {
    const s = new PolitenessScheduler({ defaultMinDelayMs: 0, maxAttempts: 4, backoffBaseMs: 20, backoffMaxMs: 100, random: () => 1 });
    const at: number[] = [];
    const { result, attempts } = await s.withRetries('a.vn', async (n) => { at.push(Date.now()); return n; }, () => ({ action: 'retry' }));
    expect(attempts).toBe(4);
    expect(result).toBe(4);
    const g = gaps(at);
    // 20, 40, 80 ms: exponential
    expect(g[0]).toBeGreaterThanOrEqual(18);
    expect(g[1]).toBeGreaterThanOrEqual(38);
    expect(g[2]).toBeGreaterThanOrEqual(78);
    expect(s.stats().find((h) => h.host === 'a.vn')).toMatchObject({ requests: 4, retries: 3 });

    const ok = await s.withRetries('a.vn', async (n) => n, (n) => ({ action: n < 2 ? 'retry' : 'done' }));
    expect(ok.attempts).toBe(2);
  });

  it('a short Retry-After pauses the whole host, then retries', async () => {
    const s = new PolitenessScheduler({ defaultMinDelayMs: 0, defaultHostConcurrency: 2, maxInRunWaitMs: 1000 });
    const t0 = Date.now();
    const retried = s.withRetries('a.vn', async (n) => n, (n) => (n === 1 ? { action: 'retry-later', retryAfterMs: 200 } : { action: 'done' }));
    await sleep(20);
    // Another request to the same host during the pause waits for it too.
    const otherStart = await s.run('a.vn', async () => Date.now());
    expect(otherStart - t0).toBeGreaterThanOrEqual(190);
    expect((await retried).attempts).toBe(2);
    // Other hosts are not held.
    const b = await s.run('b.vn', async () => Date.now());
    expect(b - t0).toBeLessThan(400);
  });

  it('a long Retry-After is handed back (retry-later) and leaves the host paused', async () => {
    const s = new PolitenessScheduler({ defaultMinDelayMs: 0, maxInRunWaitMs: 1000 });
    const t0 = Date.now();
    const { attempts } = await s.withRetries('a.vn', async () => 0, () => ({ action: 'retry-later', retryAfterMs: 60_000 }));
    expect(attempts).toBe(1);
    expect(Date.now() - t0).toBeLessThan(100);
    expect(s.pausedFor('a.vn')).toBeGreaterThan(59_000);
  });
});

describe('stopping a run', () => {
  it('a request waiting for its turn (a 5 s Crawl-delay) or for its retry leaves at once when the signal fires, and is never sent', async () => {
    const s = new PolitenessScheduler({ defaultMinDelayMs: 5000, backoffBaseMs: 5000, backoffMaxMs: 5000, maxAttempts: 3 });
    const abort = new AbortController();
    const sent: string[] = [];
    const task = (name: string) => async () => { sent.push(name); return name; };
    expect(await s.run('a.vn', task('first'), abort.signal)).toBe('first');
    const queued = s.run('a.vn', task('queued'), abort.signal);
    // A retry: the first attempt asks for one, the backoff waits 2.5–5 s.
    const retrying = s.withRetries('b.vn', task('attempt'), () => ({ action: 'retry' }), abort.signal);
    await sleep(50);
    const started = Date.now();
    abort.abort();
    await expect(queued).rejects.toMatchObject({ name: 'AbortError' });
    await expect(retrying).rejects.toMatchObject({ name: 'AbortError' });
    expect(Date.now() - started).toBeLessThan(500);
    expect(sent).toEqual(['first', 'attempt']);
    // The host's queue is free again for the next run's requests.
    expect(s.stats().find((h) => h.host === 'a.vn')).toMatchObject({ inFlight: 0, queued: 0 });
  });
});
