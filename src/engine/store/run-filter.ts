// The history list's filters as SQL: which runs a machine, suite, kind or --since value selects, with
// the user's text escaped for LIKE.
import type { HistoryFilter } from '../../shared/history.js';
import { BadRequestError } from '../service.js';

/** Normalises a --since value to the ISO form run start times are stored in; throws naming the value. */
export function parseSince(since: string): string {
  const time = Date.parse(since);
  if (!/^\d{4}-\d{2}-\d{2}/.test(since) || Number.isNaN(time)) {
    throw new BadRequestError(`since: "${since}" is not an ISO date (YYYY-MM-DD or a date-time)`);
  }
  return new Date(time).toISOString();
}

export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The WHERE clause of the history list for a filter, with its named parameters (machine, suite, kind, since). */
export function listWhere(filter: HistoryFilter): {
  whereSql: string;
  params: Record<string, string | number>;
} {
  const where: string[] = [];
  const params: Record<string, string | number> = {};
  if (filter.machine !== undefined && filter.machine !== '') {
    const clauses = [
      "m.fingerprint LIKE @machinePrefix ESCAPE '\\'",
      "m.label LIKE @machineLike ESCAPE '\\'",
    ];
    params.machinePrefix = `${escapeLike(filter.machine)}%`;
    params.machineLike = `%${escapeLike(filter.machine)}%`;
    if (/^\d+$/.test(filter.machine)) {
      clauses.push('r.machine_id = @machineId');
      params.machineId = Number(filter.machine);
    }
    where.push(`(${clauses.join(' OR ')})`);
  }
  if (filter.suite !== undefined) {
    where.push('r.suite = @suite');
    params.suite = filter.suite;
  }
  if (filter.kind !== undefined) {
    where.push('r.kind = @kind');
    params.kind = filter.kind;
  }
  if (filter.since !== undefined) {
    where.push('r.started_at >= @since');
    params.since = parseSince(filter.since);
  }
  const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
  return { whereSql, params };
}
