/**
 * Who is writing: a token per open writer (a core's data-folder lock, a sync engine's outbox claims), made of the
 * host, the process id and a random part. Another writer can ask whether the owner of a token is still alive:
 * in this process (a live registry), on this host (the pid still runs), elsewhere (unknown: assumed alive).
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';

const live = new Set<string>();

export interface OwnerInfo {
  host: string;
  pid: number;
}

/** A new token, alive until released. */
export function newOwnerToken(): string {
  const token = `${hostname()}|${process.pid}|${randomUUID()}`;
  live.add(token);
  return token;
}

export function releaseOwnerToken(token: string): void {
  live.delete(token);
}

export function ownerOf(token: string): OwnerInfo | null {
  const parts = token.split('|');
  const pid = Number(parts[1]);
  if (parts.length !== 3 || !Number.isInteger(pid) || pid <= 0) return null;
  return { host: parts[0] as string, pid };
}

/** Whether a process with this id runs on this host (EPERM: it runs, as another user). */
export function processRuns(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Whether the writer behind a token may still be working. Same process: only while registered (a closed or
 * crashed core of this process is gone). Same host: while its pid runs. Another host: cannot tell, so yes.
 */
export function isOwnerAlive(token: string): boolean {
  if (live.has(token)) return true;
  const owner = ownerOf(token);
  if (!owner) return false;
  if (owner.host !== hostname()) return true;
  if (owner.pid === process.pid) return false;
  return processRuns(owner.pid);
}
