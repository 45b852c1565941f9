// Whether a run's process still runs it: what the crawl lock and `vnpress runs` rely on.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { pidAlive, processStartedAt, runAlive, STALE_AFTER_MS } from '../../src/core/owner.ts';

const now = Date.now();
const fresh = new Date(now - 1000).toISOString();
const here = hostname();

describe('runAlive', () => {
  // A process that has exited: its pid is free.
  const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  const deadPid = Number(dead.stdout);

  it.each([
    ['this process, beating', { pid: process.pid, host: here, heartbeatAt: fresh, startedAt: fresh }, true],
    ['a process that exited', { pid: deadPid, host: here, heartbeatAt: fresh, startedAt: fresh }, false],
    ['this process, silent for too long (hung, or a reused pid)', { pid: process.pid, host: here, heartbeatAt: new Date(now - STALE_AFTER_MS - 1000).toISOString(), startedAt: fresh }, false],
    ['a run older than the process with its pid (the pid was reused)', { pid: process.pid, host: here, heartbeatAt: fresh, startedAt: '2001-01-01T00:00:00Z' }, false],
    ['another host, beating', { pid: 1, host: `not-${here}`, heartbeatAt: fresh, startedAt: fresh }, true],
    ['another host, silent', { pid: 1, host: `not-${here}`, heartbeatAt: new Date(now - STALE_AFTER_MS - 1000).toISOString(), startedAt: fresh }, false],
    ['a run written before runs had owners', { pid: null, host: null, heartbeatAt: null, startedAt: fresh }, false],
  ])('%s → %s', (_what, run, alive) => {
    if (process.platform !== 'linux' && String(_what).includes('reused')) return;
    expect(runAlive(run, now, here)).toBe(alive);
  });

  it('reads pids and process start times', () => {
    expect(pidAlive(process.pid)).toBe(true);
    expect(pidAlive(deadPid)).toBe(false);
    if (process.platform === 'linux') {
      const started = processStartedAt(process.pid)!;
      expect(started).toBeLessThanOrEqual(Date.now());
      expect(started).toBeGreaterThan(Date.now() - process.uptime() * 1000 - 5000);
    }
  });
});
