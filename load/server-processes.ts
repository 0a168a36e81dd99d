import { readdirSync, readFileSync, readlinkSync } from "node:fs";

/**
 * CPU and memory of the target when it runs on this machine (Linux /proc): the app = the process listening
 * on the app's port and its descendants; the stack = the process listening on the stack's port (the
 * launcher that also spawned the app, which is not counted twice); the database = the PostgreSQL backends
 * serving connections of those processes (none when the stack runs PGlite in its own process).
 */

export type Role = "app" | "stack" | "db";
export type RoleFigures = Record<Role, number>;
export type ProcessSample = { at: number; cpuMs: RoleFigures; rssMb: RoleFigures };

const CLOCK_TICKS_PER_S = 100; // USER_HZ on Linux

type Socket = { localPort: number; remotePort: number; state: string; inode: string };

function readSockets(): Socket[] {
  const sockets: Socket[] = [];
  for (const file of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    let text = "";
    try {
      text = readFileSync(file, "utf8");
    } catch {
      continue;
    }
    for (const line of text.split("\n").slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols.length < 10) continue;
      const localPort = parseInt(cols[1]!.split(":")[1]!, 16);
      const remotePort = parseInt(cols[2]!.split(":")[1]!, 16);
      sockets.push({ localPort, remotePort, state: cols[3]!, inode: cols[9]! });
    }
  }
  return sockets;
}

const LISTEN = "0A";
const ESTABLISHED = "01";

/** pid → socket inodes, for every process we may read. */
function socketInodesByPid(): Map<number, Set<string>> {
  const map = new Map<number, Set<string>>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${entry}/fd`);
    } catch {
      continue;
    }
    const inodes = new Set<string>();
    for (const fd of fds) {
      try {
        const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${entry}/fd/${fd}`));
        if (match) inodes.add(match[1]!);
      } catch {
        // closed meanwhile
      }
    }
    if (inodes.size) map.set(Number(entry), inodes);
  }
  return map;
}

function childrenOf(pid: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid === pid) children.push(Number(entry));
    } catch {
      // gone
    }
  }
  return children;
}

function descendants(pid: number): number[] {
  const all = [pid];
  for (let i = 0; i < all.length; i++) all.push(...childrenOf(all[i]!));
  return all;
}

function cpuMsOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // fields[11], [12] = utime, stime (fields 14 and 15 of proc(5), counted from after the comm)
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_S;
  } catch {
    return 0;
  }
}

function rssMbOf(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

export class ServerProcesses {
  private constructor(
    private readonly appPort: number,
    private readonly stackPort: number | null,
    private readonly dbPorts: number[],
    private pids: Record<Role, number[]>,
  ) {}

  /** Null when nothing listens on the app's port here (a remote target) or /proc is unreadable. */
  static discover(appPort: number, stackPort: number | null, dbPorts: number[] = [5432]): ServerProcesses | null {
    try {
      const found = new ServerProcesses(appPort, stackPort, dbPorts, { app: [], stack: [], db: [] });
      found.refresh();
      return found.pids.app.length ? found : null;
    } catch {
      return null;
    }
  }

  /** Re-resolves the pids (database backends come and go with the pools). */
  refresh(): void {
    const sockets = readSockets();
    const byPid = socketInodesByPid();
    const listeners = (port: number) => {
      const inodes = new Set(sockets.filter((s) => s.state === LISTEN && s.localPort === port).map((s) => s.inode));
      return [...byPid].filter(([, owned]) => [...owned].some((inode) => inodes.has(inode))).map(([pid]) => pid);
    };
    const app = [...new Set(listeners(this.appPort).flatMap(descendants))];
    const stack = this.stackPort === null ? [] : listeners(this.stackPort).filter((pid) => !app.includes(pid));
    // Backends: the server side of connections whose client side belongs to the app or the stack.
    const ours = new Set([...app, ...stack].flatMap((pid) => [...(byPid.get(pid) ?? [])]));
    const clientPorts = new Set(
      sockets
        .filter((s) => s.state === ESTABLISHED && this.dbPorts.includes(s.remotePort) && ours.has(s.inode))
        .map((s) => s.localPort),
    );
    const backendInodes = new Set(
      sockets
        .filter((s) => s.state === ESTABLISHED && this.dbPorts.includes(s.localPort) && clientPorts.has(s.remotePort))
        .map((s) => s.inode),
    );
    const db = [...byPid]
      .filter(
        ([pid, owned]) => !app.includes(pid) && !stack.includes(pid) && [...owned].some((i) => backendInodes.has(i)),
      )
      .map(([pid]) => pid);
    // Keep pids seen before (a backend that closed still spent its CPU); their reads return 0 when gone.
    this.pids = {
      app: [...new Set([...this.pids.app, ...app])],
      stack: [...new Set([...this.pids.stack, ...stack])],
      db: [...new Set([...this.pids.db, ...db])],
    };
  }

  // The last CPU time read per pid: a process that has exited keeps what it spent (deltas never go negative).
  private readonly lastCpuMs = new Map<number, number>();

  sample(): ProcessSample {
    const sum = (pids: number[], read: (pid: number) => number) => pids.reduce((total, pid) => total + read(pid), 0);
    const cpu = (pid: number) => {
      const value = Math.max(cpuMsOf(pid), this.lastCpuMs.get(pid) ?? 0);
      this.lastCpuMs.set(pid, value);
      return value;
    };
    return {
      at: Date.now(),
      cpuMs: { app: sum(this.pids.app, cpu), stack: sum(this.pids.stack, cpu), db: sum(this.pids.db, cpu) },
      rssMb: { app: sum(this.pids.app, rssMbOf), stack: sum(this.pids.stack, rssMbOf), db: sum(this.pids.db, rssMbOf) },
    };
  }

  describe(): string {
    return `app pids ${this.pids.app.join(",") || "-"}; stack ${this.pids.stack.join(",") || "-"}; db backends ${this.pids.db.length}`;
  }
}

export function isLoopback(hostname: string): boolean {
  return hostname === "localhost" || hostname === "[::1]" || hostname === "::1" || hostname.startsWith("127.");
}
