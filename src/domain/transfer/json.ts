// The JSON export (SPEC section 5): {"version": 1, "prospects", "touches", "values"} plus
// what an exact round trip needs (company marks; per prospect the do-not-contact marks,
// buyer dates and stage history). One record per line: readable, diffable, streamable.
import { UsageError } from '../errors.js';
import { CHANNELS, DIRECTIONS, OUTCOMES, STAGES, VALUE_KINDS } from '../types.js';
import * as f from './fields.js';
import type { CompanyMark, ExportData, ImportPlan, PlanProspect, PlanTouch, PlanValue } from './plan.js';

export const FORMAT_VERSION = 1;

type Obj = Record<string, unknown>;

export function prospectJson(p: Omit<PlanProspect, 'where'>) {
  return {
    id: p.id,
    name: p.name,
    company: p.company,
    email: p.email,
    stage: p.stage,
    tags: p.tags,
    createdAt: p.createdAt,
    doNotContactAt: p.doNotContactAt,
    doNotContactClearedAt: p.doNotContactClearedAt,
    buyerDates: p.buyerDates,
    stageHistory: p.stageHistory,
  };
}

export function touchJson(t: PlanTouch) {
  return {
    id: t.id,
    prospectId: t.prospectId,
    at: t.at,
    channel: t.channel,
    direction: t.direction,
    outcome: t.outcome,
    value: { kind: t.kind, text: t.text },
    note: t.note,
    buyerDate: t.buyerDate,
    createdAt: t.createdAt,
  };
}

export function valueJson(v: Omit<PlanValue, 'where'>) {
  return { id: v.id, title: v.title, url: v.url, tags: v.tags, createdAt: v.createdAt };
}

/** The export as chunks of text, so a million touches never sit in one string; the touches come a batch at a time. */
export async function* exportJson(
  data: Omit<ExportData, 'touches'> & { touches: AsyncIterable<readonly PlanTouch[]> },
  chunkSize = 1 << 20,
): AsyncGenerator<string> {
  let buf = `{\n  "version": ${FORMAT_VERSION},\n`;
  const flush = function* (force: boolean) {
    if (buf.length >= chunkSize || (force && buf)) {
      yield buf;
      buf = '';
    }
  };
  let first = true;
  const item = (x: unknown) => {
    buf += `${first ? '\n' : ',\n'}    ${JSON.stringify(x)}`;
    first = false;
  };
  const open = (key: string) => {
    buf += `  "${key}": [`;
    first = true;
  };
  const close = (last = false) => {
    buf += `${first ? '' : '\n  '}]${last ? '' : ','}\n`;
  };
  const list = function* <T>(key: string, items: Iterable<T>, toJson: (x: T) => unknown, last = false) {
    open(key);
    for (const x of items) {
      item(toJson(x));
      yield* flush(false);
    }
    close(last);
  };
  yield* list('prospects', data.prospects, prospectJson);
  open('touches');
  for await (const batch of data.touches) {
    for (const t of batch) item(touchJson(t));
    yield* flush(false);
  }
  close();
  yield* list('values', data.values, valueJson);
  yield* list('companyMarks', data.companyMarks, (m: CompanyMark) => ({ company: m.company, markedAt: m.markedAt }), true);
  buf += '}\n';
  yield* flush(true);
}

/** Parses and checks a JSON export; any bad record throws a UsageError naming its array index. */
export function planFromJson(text: string, nowIso: string): ImportPlan {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`the file is not valid JSON (${whereInJson(text, (e as Error).message)}).`);
  }
  return planFromDoc(doc, nowIso);
}

/** As planFromJson, from the parsed document (see parseJsonLines). */
export function planFromDoc(doc: unknown, nowIso: string): ImportPlan {
  const d = exportDoc(doc);
  const { prospects, ids } = prospectsOf(d, nowIso);
  const check = touchChecker(ids, nowIso);
  const raw = list(d.touches, 'touches');
  const touches: PlanTouch[] = new Array(raw.length);
  for (let i = 0; i < raw.length; i++) touches[i] = check(raw[i], i);
  return { prospects, touches, ...restOf(d, nowIso), warnings: [] };
}

/** The document, if it is a cadence export this version reads; its prospects list is checked to be a list. */
export function exportDoc(doc: unknown): Obj & { prospects: unknown[] } {
  if (!isObj(doc) || !Array.isArray(doc.prospects)) {
    throw new UsageError('the JSON is not a cadence export: it needs {"version": 1, "prospects": [...], "touches": [...]}.');
  }
  if (doc.version !== FORMAT_VERSION) {
    throw new UsageError(`the export is version ${f.show(doc.version)}; this cadence reads version ${FORMAT_VERSION}.`);
  }
  return doc as Obj & { prospects: unknown[] };
}

/** The checked prospects of an export, and their file ids (each used once). */
export function prospectsOf(doc: { prospects: unknown[] }, nowIso: string): { prospects: PlanProspect[]; ids: Set<number> } {
  const prospects = doc.prospects.map((p, i) => f.prefixed(`prospects[${i}]`, () => prospect(p, `prospects[${i}]`, nowIso)));
  const ids = new Set<number>();
  prospects.forEach((p) => {
    if (p.id === null) return;
    if (ids.has(p.id)) throw new UsageError(`${p.where}: id ${p.id} is used by two prospects.`);
    ids.add(p.id);
  });
  return { prospects, ids };
}

/**
 * Checks the touches of an export one at a time, in file order: `check(raw, i)` is the
 * touch at touches[i], which must belong to one of `prospectIds` and not repeat an id.
 */
export function touchChecker(prospectIds: ReadonlySet<number>, nowIso: string): (raw: unknown, i: number) => PlanTouch {
  const touchIds = new Set<number>();
  return (raw, i) => {
    try {
      const touch = touchOf(raw, nowIso);
      if (!prospectIds.has(touch.prospectId)) throw new UsageError(`prospectId ${touch.prospectId} is no prospect in the file.`);
      if (touch.id !== null) {
        if (touchIds.has(touch.id)) throw new UsageError(`id ${touch.id} is used by two touches.`);
        touchIds.add(touch.id);
      }
      return touch;
    } catch (e) {
      throw e instanceof UsageError ? new UsageError(`touches[${i}]: ${e.message}`) : e;
    }
  };
}

/** What an export holds besides prospects and touches: the library and the company marks. */
export function restOf(doc: Obj, nowIso: string): { values: PlanValue[]; companyMarks: CompanyMark[] } {
  const values = list(doc.values, 'values').map((v, i) => f.prefixed(`values[${i}]`, () => value(v, `values[${i}]`, nowIso)));
  const companyMarks = list(doc.companyMarks, 'companyMarks').map((m, i) =>
    f.prefixed(`companyMarks[${i}]`, () => {
      const o = obj(m);
      const company = f.optionalText(o.company, 'company');
      if (!company) throw new UsageError('the company is missing.');
      return { company, markedAt: f.datetime(o.markedAt, 'markedAt') };
    }),
  );
  return { values, companyMarks };
}

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function obj(v: unknown): Obj {
  if (!isObj(v)) throw new UsageError(`expected an object, not ${f.show(v)}.`);
  return v;
}

function list(v: unknown, key: string): unknown[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw new UsageError(`"${key}" must be a list.`);
  return v;
}

function prospect(v: unknown, where: string, nowIso: string): PlanProspect {
  const o = obj(v);
  return {
    where,
    id: f.optionalId(o.id, 'id'),
    name: f.name(o.name),
    company: f.optionalText(o.company, 'company'),
    email: f.optionalText(o.email, 'email'),
    stage: o.stage === undefined ? 'lead' : f.enumField(o.stage, STAGES, 'stage'),
    tags: f.tags(o.tags),
    createdAt: o.createdAt === undefined ? nowIso : f.datetime(o.createdAt, 'createdAt'),
    doNotContactAt: f.optionalDatetime(o.doNotContactAt, 'doNotContactAt'),
    doNotContactClearedAt: f.optionalDatetime(o.doNotContactClearedAt, 'doNotContactClearedAt'),
    buyerDates: list(o.buyerDates, 'buyerDates').map((b, i) => {
      const e = obj(b);
      return { day: f.optionalDay(e.day, `buyerDates[${i}].day`), setAt: f.datetime(e.setAt, `buyerDates[${i}].setAt`) };
    }),
    stageHistory: list(o.stageHistory, 'stageHistory').map((s, i) => {
      const e = obj(s);
      return {
        from: e.from === null || e.from === undefined ? null : f.enumField(e.from, STAGES, `stageHistory[${i}].from`),
        to: f.enumField(e.to, STAGES, `stageHistory[${i}].to`),
        at: f.datetime(e.at, `stageHistory[${i}].at`),
      };
    }),
  };
}

function touchOf(v: unknown, nowIso: string): PlanTouch {
  const o = obj(v);
  const value = o.value === undefined || o.value === null ? {} : obj(o.value);
  const prospectId = f.optionalId(o.prospectId, 'prospectId');
  if (prospectId === null) throw new UsageError('prospectId is missing; every touch belongs to a prospect.');
  return {
    id: f.optionalId(o.id, 'id'),
    prospectId,
    at: f.datetime(o.at, 'at'),
    channel: f.enumField(o.channel, CHANNELS, 'channel'),
    direction: o.direction === undefined ? 'out' : f.enumField(o.direction, DIRECTIONS, 'direction'),
    outcome: f.enumField(o.outcome, OUTCOMES, 'outcome'),
    kind: value.kind === undefined ? 'none' : f.enumField(value.kind, VALUE_KINDS, 'value kind'),
    text: f.optionalText(value.text, 'value text'),
    note: f.optionalText(o.note, 'note'),
    buyerDate: f.optionalDay(o.buyerDate, 'buyerDate'),
    createdAt: o.createdAt === undefined ? nowIso : f.datetime(o.createdAt, 'createdAt'),
  };
}

function value(v: unknown, where: string, nowIso: string): PlanValue {
  const o = obj(v);
  const title = f.optionalText(o.title, 'title');
  if (!title) throw new UsageError('the title is missing; every library item needs one.');
  return {
    where,
    id: f.optionalId(o.id, 'id'),
    title,
    url: f.optionalText(o.url, 'url'),
    tags: f.tags(o.tags),
    createdAt: o.createdAt === undefined ? nowIso : f.datetime(o.createdAt, 'createdAt'),
  };
}

/** V8 names a character position; people want a line. */
function whereInJson(text: string, message: string): string {
  const m = /position (\d+)/.exec(message);
  if (!m) return message.replace(/\.$/, '');
  const pos = Number(m[1]);
  const before = text.slice(0, pos);
  const line = before.split('\n').length;
  return `line ${line}, column ${pos - before.lastIndexOf('\n')}: ${message.replace(/ in JSON at position \d+.*$/, '').replace(/\.$/, '')}`;
}
