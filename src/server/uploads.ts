// Dropped files in web mode: the browser has no paths to give, so it sends the bytes. Each browser session gets
// its own temp folder, capped in size, removed when the session's sockets are gone (after a grace period that
// covers a page reload) and when the server closes.
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { IncomingMessage } from 'node:http';
import type { PathPolicy } from '../engine/path-policy.js';
import type { UploadResponse } from '../shared/wire.js';

export interface UploadLimits {
  /** Largest single file. */
  maxFileBytes: number;
  /** Largest sum of files kept for one browser session. */
  maxSessionBytes: number;
  /** How long a session's files outlive its last socket (a page reload reconnects well within it). */
  graceMs: number;
  /** Most files one session may upload (a page dropping thousands of tiny files fills the disk's inodes). */
  maxSessionFiles: number;
  /** An upload that sends nothing for this long is cut off and its partial file removed. */
  idleMs: number;
}

export const DEFAULT_UPLOAD_LIMITS: UploadLimits = {
  maxFileBytes: 64 * 1024 * 1024,
  maxSessionBytes: 512 * 1024 * 1024,
  graceMs: 30_000,
  // A run takes at most 1000 images (MAX in ipc-schemas), so a session never needs more.
  maxSessionFiles: 1000,
  idleMs: 30_000,
};

/** An upload refused with an HTTP status and a message naming what was wrong. */
export class UploadError extends Error {
  constructor(
    readonly status: 400 | 408 | 413,
    message: string,
  ) {
    super(message);
  }
}

const SESSION_ID = /^[A-Za-z0-9_-]{8,64}$/;

/** Why a session id is unusable, or null. Ids become folder names, so only a safe alphabet is accepted. */
export function checkSessionId(id: string | null | undefined): string | null {
  if (!id) return 'missing session id';
  return SESSION_ID.test(id) ? null : 'session id must be 8-64 characters of A-Z, a-z, 0-9, "_" or "-"';
}

/** A file name safe on every OS: no folders, no control or reserved characters, no leading dots, bounded length. */
export function sanitizeFileName(raw: string): string {
  const base = raw.split(/[/\\]/).pop() ?? '';
  let name = base
    .normalize('NFC')
    .replace(/[^\p{L}\p{N} ._()+,=@-]/gu, '_')
    .replace(/^[.\s]+/, '')
    .replace(/[.\s]+$/, '');
  // Windows reserves these names whatever the extension.
  if (/^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i.test(name)) name = `_${name}`;
  if (Buffer.byteLength(name) > 200) {
    const ext = path.extname(name).slice(0, 20);
    let stem = name.slice(0, name.length - ext.length);
    while (Buffer.byteLength(stem + ext) > 200) stem = stem.slice(0, -1);
    name = stem + ext;
  }
  return name || 'file';
}

function formatMb(bytes: number): string {
  return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
}

interface Session {
  dir: string;
  /** Bytes stored plus bytes of uploads in progress. */
  bytes: number;
  sockets: number;
  removeTimer: ReturnType<typeof setTimeout> | null;
  /** Uploads so far (numbers their folders). */
  uploads: number;
  /** Files stored (plus those streaming), held to maxSessionFiles; refused and failed uploads do not count. */
  files: number;
  /** Uploads still streaming: their folder must not be removed under them. */
  receiving: number;
}

export class UploadStore {
  private readonly sessions = new Map<string, Session>();
  private rootDir: Promise<string> | null = null;
  private rootPath: string | null = null;
  private closed = false;

  constructor(
    private readonly limits: UploadLimits,
    /** Asked before a session's files are removed; while it says yes, removal waits (a run may be reading them). */
    private readonly runInProgress: () => Promise<boolean>,
    /** Told which folder is a session's (the server, not the page, decides it) and when it is gone. */
    private readonly paths?: PathPolicy,
  ) {}

  /** The folder holding every session's files (created on first use). */
  get root(): string | null {
    return this.rootPath;
  }

  /** A socket of this session opened: its files stay. */
  attach(sessionId: string): void {
    const session = this.session(sessionId);
    session.sockets += 1;
    if (session.removeTimer) clearTimeout(session.removeTimer);
    session.removeTimer = null;
  }

  /** A socket of this session closed: when it was the last, the files go after the grace period. */
  detach(sessionId: string): void {
    const session = this.sessions.get(sessionId);
    if (!session) return;
    session.sockets = Math.max(0, session.sockets - 1);
    this.scheduleRemoval(sessionId, session);
  }

  /** Streams one request body to the session's folder; over a cap, the partial file is removed. */
  async receive(req: IncomingMessage, sessionId: string, rawName: string): Promise<UploadResponse> {
    if (this.closed) throw new UploadError(400, 'the server is closing');
    const name = sanitizeFileName(rawName);
    const { maxFileBytes, maxSessionBytes } = this.limits;
    const declared =
      req.headers['content-length'] === undefined ? null : Number(req.headers['content-length']);
    if (declared !== null && declared > maxFileBytes) {
      throw new UploadError(
        413,
        `"${name}" is ${formatMb(declared)}; the limit is ${formatMb(maxFileBytes)} per file`,
      );
    }
    const session = this.session(sessionId);
    if (declared !== null && session.bytes + declared > maxSessionBytes) {
      throw new UploadError(
        413,
        `"${name}" would take this session's uploads past ${formatMb(maxSessionBytes)}; reload the page to start afresh`,
      );
    }
    if (session.files >= this.limits.maxSessionFiles) {
      throw new UploadError(
        413,
        `"${name}": this session already holds ${session.files} files, the limit (reload the page to start afresh)`,
      );
    }
    session.uploads += 1;
    session.files += 1;
    session.receiving += 1;
    try {
      return await this.store(req, sessionId, session, name);
    } catch (error) {
      session.files -= 1;
      throw error;
    } finally {
      session.receiving -= 1;
      if (session.sockets === 0) this.scheduleRemoval(sessionId, session);
    }
  }

  private async store(
    req: IncomingMessage,
    sessionId: string,
    session: Session,
    name: string,
  ): Promise<UploadResponse> {
    const { maxFileBytes, maxSessionBytes, idleMs } = this.limits;
    // One folder per upload keeps the original name (shown by the GUI) without clashes between same-named files.
    const dir = path.join(await this.sessionDir(sessionId, session), String(session.uploads));
    await mkdir(dir, { recursive: true });
    const file = path.join(dir, name);
    let received = 0;
    // A sender that stalls (or vanishes without closing) must not hold a partial file and a slot forever.
    let idle: ReturnType<typeof setTimeout> | null = null;
    const armIdle = (): void => {
      if (idle) clearTimeout(idle);
      idle = setTimeout(() => {
        counter.destroy(
          new UploadError(
            408,
            `upload of "${name}" stopped after ${received} bytes: nothing arrived for ${idleMs} ms`,
          ),
        );
      }, idleMs);
      idle.unref();
    };
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        armIdle();
        received += chunk.length;
        session.bytes += chunk.length;
        if (received > maxFileBytes) {
          callback(
            new UploadError(413, `"${name}" is larger than the limit of ${formatMb(maxFileBytes)} per file`),
          );
        } else if (session.bytes > maxSessionBytes) {
          callback(
            new UploadError(413, `"${name}" takes this session's uploads past ${formatMb(maxSessionBytes)}`),
          );
        } else {
          callback(null, chunk);
        }
      },
    });
    armIdle();
    try {
      await pipeline(req, counter, createWriteStream(file, { flags: 'wx' }));
    } catch (error) {
      if (idle) clearTimeout(idle);
      session.bytes -= received;
      await rm(dir, { recursive: true, force: true });
      if (error instanceof UploadError) throw error;
      throw new UploadError(400, `upload of "${name}" did not complete: ${(error as Error).message}`);
    }
    if (idle) clearTimeout(idle);
    return { path: file, name, bytes: received };
  }

  /** Removes every session's files; later uploads are refused. */
  async close(): Promise<void> {
    this.closed = true;
    for (const session of this.sessions.values()) {
      if (session.removeTimer) clearTimeout(session.removeTimer);
    }
    this.sessions.clear();
    if (this.rootDir) await rm(await this.rootDir, { recursive: true, force: true });
  }

  private session(sessionId: string): Session {
    let session = this.sessions.get(sessionId);
    if (!session) {
      session = { dir: '', bytes: 0, sockets: 0, removeTimer: null, uploads: 0, files: 0, receiving: 0 };
      this.sessions.set(sessionId, session);
    }
    return session;
  }

  /** Creates the folder holding every session's files, once; concurrent callers share it. */
  ensureRoot(): Promise<string> {
    this.rootDir ??= mkdtemp(path.join(os.tmpdir(), 'cbench-serve-')).then((dir) => (this.rootPath = dir));
    return this.rootDir;
  }

  private async sessionDir(sessionId: string, session: Session): Promise<string> {
    const root = await this.ensureRoot();
    if (!session.dir) {
      session.dir = path.join(root, sessionId);
      await mkdir(session.dir, { recursive: true });
      await this.paths?.grant(sessionId, [session.dir]);
    }
    return session.dir;
  }

  private scheduleRemoval(sessionId: string, session: Session): void {
    if (session.sockets > 0 || session.receiving > 0 || session.removeTimer || this.closed) return;
    session.removeTimer = setTimeout(() => {
      session.removeTimer = null;
      void this.removeIfIdle(sessionId, session);
    }, this.limits.graceMs);
    // Cleanup must never be what keeps the process alive.
    session.removeTimer.unref();
  }

  private async removeIfIdle(sessionId: string, session: Session): Promise<void> {
    if (session.sockets > 0 || session.receiving > 0 || this.closed) return;
    if (await this.runInProgress()) {
      this.scheduleRemoval(sessionId, session);
      return;
    }
    if (session.sockets > 0 || session.receiving > 0 || this.sessions.get(sessionId) !== session) return;
    this.sessions.delete(sessionId);
    this.paths?.revoke(sessionId);
    if (session.dir) await rm(session.dir, { recursive: true, force: true });
  }
}
