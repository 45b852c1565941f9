// Who runs a run, and whether it still runs: a crawl records its process id, host and a heartbeat, so
// that a run left "running" by a process that died (kill -9, a reboot, a lost container) can be told
// from one that is alive — for the crawl lock and for what `vnpress runs` shows.
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';

export interface RunOwner {
  pid: number;
  host: string;
}

/** This process. */
export function currentOwner(): RunOwner {
  return { pid: process.pid, host: hostname() };
}

/** How often a running crawl refreshes its heartbeat. */
export const HEARTBEAT_MS = 30_000;
/**
 * A heartbeat older than this means the run's process is gone or hung, whatever its pid says (the pid
 * may have been reused after a crash; the host may be another machine sharing the file). Ten beats.
 */
export const STALE_AFTER_MS = 10 * HEARTBEAT_MS;

/** Whether a process with this id exists on this machine (one we may not signal exists too). */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * When the process with this id started, in ms since the epoch, or null where it cannot be read
 * (not Linux). Read from /proc/<pid>/stat (start time in clock ticks after boot; Linux's USER_HZ is 100)
 * and /proc/stat (boot time).
 */
export function processStartedAt(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces and parentheses): state is field 3, starttime 22.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[19]);
    const boot = Number(/^btime (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'))?.[1]);
    return Number.isFinite(ticks) && Number.isFinite(boot) ? boot * 1000 + ticks * 10 : null;
  } catch {
    return null;
  }
}

/**
 * Whether the owner of a run still runs it: on this host, its process exists, started before the run
 * did (else the pid was reused after a crash) and its heartbeat is fresh; on another host (a shared
 * file), its heartbeat is fresh. A run without an owner (written before runs had one) is not alive.
 */
export function runAlive(
  run: { pid: number | null; host: string | null; heartbeatAt: string | null; startedAt?: string | null },
  now = Date.now(), here = hostname(),
): boolean {
  if (run.pid === null || run.host === null || run.heartbeatAt === null) return false;
  const age = now - Date.parse(run.heartbeatAt);
  if (!(age < STALE_AFTER_MS)) return false;
  if (run.host !== here) return true;
  if (!pidAlive(run.pid)) return false;
  const started = processStartedAt(run.pid);
  // Two seconds of slack: the boot time and the tick are coarse.
  return started === null || !run.startedAt || started <= Date.parse(run.startedAt) + 2000;
}
