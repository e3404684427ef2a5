// Machine rows: one per fingerprint; the label is the user's and survives every re-recording.
import type { MachineInfo, StoredMachine } from '../../shared/history.js';
import type { SqliteDatabase } from './native.js';

interface MachineRow {
  id: number;
  fingerprint: string;
  label: string | null;
  info: string;
  first_seen: string;
  last_seen: string;
}

export function rowToMachine(row: MachineRow): StoredMachine {
  const info = JSON.parse(row.info) as MachineInfo;
  return {
    ...info,
    fingerprint: row.fingerprint,
    label: row.label,
    id: row.id,
    firstSeen: row.first_seen,
    lastSeen: row.last_seen,
  };
}

export class Machines {
  private readonly byId;
  private readonly byFingerprint;
  private readonly insert;
  private readonly update;
  private readonly setLabelStmt;
  private readonly all;

  constructor(db: SqliteDatabase) {
    this.byId = db.prepare<[number], MachineRow>('SELECT * FROM machines WHERE id = ?');
    this.byFingerprint = db.prepare<[string], MachineRow>('SELECT * FROM machines WHERE fingerprint = ?');
    this.insert = db.prepare(
      `INSERT INTO machines (fingerprint, label, cpu_brand, info, first_seen, last_seen)
       VALUES (@fingerprint, @label, @cpuBrand, @info, @now, @now)`,
    );
    this.update = db.prepare(
      'UPDATE machines SET info = @info, cpu_brand = @cpuBrand, last_seen = @now WHERE id = @id',
    );
    this.setLabelStmt = db.prepare('UPDATE machines SET label = ? WHERE id = ?');
    this.all = db.prepare<[], MachineRow>('SELECT * FROM machines ORDER BY last_seen DESC, id DESC');
  }

  get(id: number): StoredMachine | undefined {
    const row = this.byId.get(id);
    return row && rowToMachine(row);
  }

  find(fingerprint: string): StoredMachine | undefined {
    const row = this.byFingerprint.get(fingerprint);
    return row && rowToMachine(row);
  }

  list(): StoredMachine[] {
    return this.all.all().map(rowToMachine);
  }

  /**
   * Records what was seen of a machine. A new fingerprint gets a row (with `info.label`, if any); a known one
   * has its details refreshed when `refresh` is set, and keeps its label either way.
   */
  upsert(info: MachineInfo, now: string, refresh = true): StoredMachine {
    const { label, ...rest } = info;
    const json = JSON.stringify({ ...rest, label: null });
    const existing = this.byFingerprint.get(info.fingerprint);
    if (!existing) {
      this.insert.run({ fingerprint: info.fingerprint, label, cpuBrand: info.cpu.brand, info: json, now });
    } else if (refresh) {
      this.update.run({ id: existing.id, info: json, cpuBrand: info.cpu.brand, now });
    }
    return this.find(info.fingerprint)!;
  }

  setLabel(id: number, label: string | null): StoredMachine {
    this.setLabelStmt.run(label, id);
    return this.get(id)!;
  }

  /** The info as recorded (label included), without the row's bookkeeping. */
  static toInfo(machine: StoredMachine): MachineInfo {
    const { id: _id, firstSeen: _first, lastSeen: _last, ...info } = machine;
    return info;
  }
}
