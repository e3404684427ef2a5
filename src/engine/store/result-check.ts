// A hand-written check of ModelResult, the hot shape of a bundle: a 1,000-run bundle carries 21,000 results
// and 63,000 samples, and zod spent about 0.35 s on them. It accepts exactly what modelResultSchema in
// schemas.ts accepts (tests/store/result-check-agrees-with-zod.test.ts holds the two together) and reports
// the first problem, depth first in declaration order, as zod would list it. Nothing is allocated unless
// the input is bad: a problem's path is built on the way back out.
import { MATRIX_KERNELS, MEMO_MODES, MODEL_IDS, WORKLOAD_IDS } from '../../shared/results.js';
import {
  arrayOf,
  bool,
  count,
  finite,
  inside,
  isRecord,
  issue,
  kind,
  leafArray,
  notObject,
  oneOf,
  strangerKey,
  text,
  TEXT_MAX,
  textItem,
  type ResultIssue,
} from './value-checks.js';

export type { ResultIssue } from './value-checks.js';

const STATUSES = ['ok', 'failed', 'cancelled'] as const;

const PRIMES_KEYS = ['workload', 'limit', 'memo'];
const IMAGES_KEYS = ['workload', 'inputs', 'width', 'height', 'outDir'];
const MATRIX_KEYS = ['workload', 'size', 'seed', 'kernel'];

function checkParams(value: unknown): ResultIssue | null {
  if (!isRecord(value)) return notObject(value);
  let m: string | null;
  switch (value.workload) {
    case 'primes':
      if ((m = count(value.limit))) return issue(m, 'limit');
      if ((m = oneOf(value.memo, MEMO_MODES))) return issue(m, 'memo');
      return strangerKey(value, 3, PRIMES_KEYS);
    case 'images': {
      const inputs = leafArray(value.inputs, textItem);
      if (inputs) return inside(inputs, 'inputs');
      if ((m = count(value.width))) return issue(m, 'width');
      if ((m = count(value.height))) return issue(m, 'height');
      if (value.outDir !== undefined && (m = text(value.outDir))) return issue(m, 'outDir');
      return strangerKey(value, value.outDir === undefined ? 4 : 5, IMAGES_KEYS);
    }
    case 'matrix':
      if ((m = count(value.size))) return issue(m, 'size');
      if ((m = finite(value.seed))) return issue(m, 'seed');
      if ((m = oneOf(value.kernel, MATRIX_KERNELS))) return issue(m, 'kernel');
      return strangerKey(value, 4, MATRIX_KEYS);
    default:
      return issue(oneOf(value.workload, WORKLOAD_IDS)!, 'workload');
  }
}

const DIGEST_KEYS = ['values', 'approx', 'tolerance'];

function checkDigest(value: unknown): ResultIssue | null {
  if (!isRecord(value)) return notObject(value);
  const values = value.values;
  if (!isRecord(values)) return notObject(values, 'values');
  for (const key in values) {
    const item = values[key];
    if (typeof item !== 'string' && finite(item)) {
      return inside(issue(`expected a string or a finite number, got ${kind(item)}`, key), 'values');
    }
  }
  let present = 1;
  if (value.approx !== undefined) {
    present++;
    const approx = value.approx;
    if (!isRecord(approx)) return notObject(approx, 'approx');
    for (const key in approx) {
      const m = finite(approx[key]);
      if (m) return inside(issue(m, key), 'approx');
    }
  }
  if (value.tolerance !== undefined) {
    present++;
    const m = finite(value.tolerance);
    if (m) return issue(m, 'tolerance');
  }
  return strangerKey(value, present, DIGEST_KEYS);
}

function triple(
  value: unknown,
  a: string,
  b: string,
  c: string,
  known: readonly string[],
): ResultIssue | null {
  if (!isRecord(value)) return notObject(value);
  let m: string | null;
  if ((m = finite(value[a]))) return issue(m, a);
  if ((m = finite(value[b]))) return issue(m, b);
  if ((m = finite(value[c]))) return issue(m, c);
  return strangerKey(value, 3, known);
}

const COMPUTE_KEYS = ['min', 'max', 'sum'];
const DELAY_KEYS = ['p50', 'p99', 'max'];
const WORKER_KEYS = ['index', 'items', 'computeMs'];
const VERIFICATION_KEYS = ['ok', 'reason'];

function checkWorker(value: unknown): ResultIssue | null {
  if (!isRecord(value)) return notObject(value);
  let m: string | null;
  if ((m = count(value.index))) return issue(m, 'index');
  if ((m = count(value.items))) return issue(m, 'items');
  if ((m = finite(value.computeMs))) return issue(m, 'computeMs');
  return strangerKey(value, 3, WORKER_KEYS);
}

const FILE_KEYS = [
  'input',
  'ok',
  'output',
  'inputWidth',
  'inputHeight',
  'inputBytes',
  'format',
  'pixelHash',
  'error',
];
const FILE_TEXTS: Array<[string, number]> = [
  ['output', TEXT_MAX],
  ['inputWidth', -1],
  ['inputHeight', -1],
  ['inputBytes', -1],
  ['format', 100],
  ['pixelHash', 200],
  ['error', TEXT_MAX],
];

function checkFile(value: unknown): ResultIssue | null {
  if (!isRecord(value)) return notObject(value);
  let m: string | null;
  if ((m = text(value.input))) return issue(m, 'input');
  if ((m = bool(value.ok))) return issue(m, 'ok');
  let present = 2;
  // Optional fields in declaration order; a max of -1 marks a count rather than a string.
  for (const [key, max] of FILE_TEXTS) {
    const field = value[key];
    if (field === undefined) continue;
    present++;
    if ((m = max < 0 ? count(field) : text(field, max))) return issue(m, key);
  }
  return strangerKey(value, present, FILE_KEYS);
}

const SAMPLE_KEYS = [
  'rep',
  'wallMs',
  'startupMs',
  'startupInWall',
  'transferMs',
  'computeMs',
  'mergeMs',
  'cpuMs',
  'peakRssBytes',
  'eventLoopDelayMs',
  'workers',
  'digest',
  'verification',
  'files',
];

function checkSample(value: unknown): ResultIssue | null {
  if (!isRecord(value)) return notObject(value);
  let m: string | null;
  let found: ResultIssue | null;
  if ((m = count(value.rep))) return issue(m, 'rep');
  if ((m = finite(value.wallMs))) return issue(m, 'wallMs');
  if ((m = finite(value.startupMs))) return issue(m, 'startupMs');
  if ((m = bool(value.startupInWall))) return issue(m, 'startupInWall');
  if ((m = finite(value.transferMs))) return issue(m, 'transferMs');
  if ((found = triple(value.computeMs, 'min', 'max', 'sum', COMPUTE_KEYS))) return inside(found, 'computeMs');
  if ((m = finite(value.mergeMs))) return issue(m, 'mergeMs');
  if ((m = finite(value.cpuMs))) return issue(m, 'cpuMs');
  if ((m = finite(value.peakRssBytes))) return issue(m, 'peakRssBytes');
  if ((found = triple(value.eventLoopDelayMs, 'p50', 'p99', 'max', DELAY_KEYS))) {
    return inside(found, 'eventLoopDelayMs');
  }
  if ((found = arrayOf(value.workers, checkWorker))) return inside(found, 'workers');
  if ((found = checkDigest(value.digest))) return inside(found, 'digest');
  const verification = value.verification;
  if (!isRecord(verification)) return notObject(verification, 'verification');
  if ((m = bool(verification.ok))) return inside(issue(m, 'ok'), 'verification');
  if (verification.reason !== undefined && (m = text(verification.reason))) {
    return inside(issue(m, 'reason'), 'verification');
  }
  found = strangerKey(verification, verification.reason === undefined ? 1 : 2, VERIFICATION_KEYS);
  if (found) return inside(found, 'verification');
  if (value.files !== undefined && (found = arrayOf(value.files, checkFile))) return inside(found, 'files');
  return strangerKey(value, value.files === undefined ? 13 : 14, SAMPLE_KEYS);
}

const SUMMARY_KEYS = [
  'n',
  'medianMs',
  'madMs',
  'meanMs',
  'minMs',
  'maxMs',
  'ci95Ms',
  'outliers',
  'relativeSpread',
];

function checkSummary(value: unknown): ResultIssue | null {
  if (!isRecord(value)) return notObject(value);
  let m: string | null;
  if ((m = count(value.n))) return issue(m, 'n');
  for (const key of ['medianMs', 'madMs', 'meanMs', 'minMs', 'maxMs']) {
    if ((m = finite(value[key]))) return issue(m, key);
  }
  const ci = value.ci95Ms;
  if (!Array.isArray(ci)) return issue(`expected an array, got ${kind(ci)}`, 'ci95Ms');
  if (ci.length !== 2) return issue(`expected 2 items, got ${ci.length}`, 'ci95Ms');
  if ((m = finite(ci[0]))) return inside(issue(m, 0), 'ci95Ms');
  if ((m = finite(ci[1]))) return inside(issue(m, 1), 'ci95Ms');
  const outliers = leafArray(value.outliers, count);
  if (outliers) return inside(outliers, 'outliers');
  if ((m = finite(value.relativeSpread))) return issue(m, 'relativeSpread');
  return strangerKey(value, 9, SUMMARY_KEYS);
}

const RESULT_KEYS = [
  'caseId',
  'workload',
  'model',
  'params',
  'workers',
  'status',
  'reason',
  'samples',
  'summary',
  'startupMs',
  'warnings',
  'expected',
];

/** Checks one stored model result; null when it is valid, else the first problem with its path. */
export function checkModelResult(value: unknown): ResultIssue | null {
  if (!isRecord(value)) return notObject(value);
  let m: string | null;
  let found: ResultIssue | null;
  if ((m = text(value.caseId, 500))) return issue(m, 'caseId');
  if ((m = oneOf(value.workload, WORKLOAD_IDS))) return issue(m, 'workload');
  if ((m = oneOf(value.model, MODEL_IDS))) return issue(m, 'model');
  if ((found = checkParams(value.params))) return inside(found, 'params');
  if ((m = count(value.workers))) return issue(m, 'workers');
  if ((m = oneOf(value.status, STATUSES))) return issue(m, 'status');
  let present = 8;
  if (value.reason !== undefined) {
    present++;
    if ((m = text(value.reason))) return issue(m, 'reason');
  }
  if ((found = arrayOf(value.samples, checkSample))) return inside(found, 'samples');
  if (value.summary !== undefined) {
    present++;
    if ((found = checkSummary(value.summary))) return inside(found, 'summary');
  }
  if (value.startupMs !== undefined) {
    present++;
    if ((m = finite(value.startupMs))) return issue(m, 'startupMs');
  }
  if ((found = leafArray(value.warnings, textItem))) return inside(found, 'warnings');
  if (value.expected !== undefined) {
    present++;
    if ((found = checkDigest(value.expected))) return inside(found, 'expected');
  }
  return strangerKey(value, present, RESULT_KEYS);
}
