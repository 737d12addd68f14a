// cadence's CSV: one row per touch with its prospect's fields repeated, and one row with
// empty touch fields for a prospect without touches (SPEC section 5). The value library is
// not in it. Marks, buyer dates and stage history ride along in compact cells so a CSV
// round trip loses no "do not contact" and no date the buyer gave.
import { UsageError } from '../errors.js';
import { CHANNELS, DIRECTIONS, OUTCOMES, STAGES, VALUE_KINDS } from '../types.js';
import * as f from './fields.js';
import type { CompanyMark, ImportPlan, PlanProspect, PlanTouch } from './plan.js';
import type { CsvRecord } from './rfc4180.js';

export const CSV_COLUMNS = [
  'prospect_id',
  'name',
  'company',
  'email',
  'stage',
  'tags',
  'created_at',
  'do_not_contact_at',
  'do_not_contact_cleared_at',
  'company_do_not_contact_at',
  'buyer_dates',
  'stage_history',
  'touch_id',
  'at',
  'channel',
  'direction',
  'outcome',
  'value_kind',
  'value_text',
  'note',
  'buyer_date',
  'touch_created_at',
] as const;

const COL = Object.fromEntries(CSV_COLUMNS.map((c, i) => [c, i])) as Record<(typeof CSV_COLUMNS)[number], number>;

/** True when a header row is cadence's own (as opposed to a CRM's). */
export function isCadenceHeader(header: readonly string[]): boolean {
  return header.includes('prospect_id') && header.includes('touch_id') && header.includes('name');
}

type Cell = string | number | null;

/** The prospect's cells, computed once and repeated on each of its rows. */
export function prospectCells(p: Omit<PlanProspect, 'where'>, companyMark: string | null): Cell[] {
  return [
    p.id,
    p.name,
    p.company,
    p.email,
    p.stage,
    p.tags.join(' '),
    p.createdAt,
    p.doNotContactAt,
    p.doNotContactClearedAt,
    companyMark,
    p.buyerDates.map((b) => `${b.day ?? ''}@${b.setAt}`).join(' '),
    p.stageHistory.map((s) => `${s.from ?? ''}>${s.to}@${s.at}`).join(' '),
  ];
}

const NO_TOUCH: Cell[] = Array(CSV_COLUMNS.length - COL.touch_id).fill(null);

export function touchCells(t: PlanTouch | null): Cell[] {
  if (!t) return NO_TOUCH;
  return [t.id, t.at, t.channel, t.direction, t.outcome, t.kind, t.text, t.note, t.buyerDate, t.createdAt];
}

/** Reads a cadence CSV (header first) into a plan; a bad row throws naming its line. */
export function planFromCadenceCsv(records: Iterable<CsvRecord>, nowIso: string): ImportPlan {
  const it = records[Symbol.iterator]();
  const first = it.next();
  if (first.done) throw new UsageError('the file is empty.');
  const header = first.value.fields.map((h) => h.trim());
  const index = CSV_COLUMNS.map((c) => header.indexOf(c));
  const missing = CSV_COLUMNS.filter((_, i) => index[i]! < 0 && i <= COL.name);
  if (missing.length) throw new UsageError(`line 1: the header lacks ${missing.join(', ')}.`);
  // A header cut short, or mistyped, would otherwise drop a column without a word.
  const unknown = header.find((h) => !(CSV_COLUMNS as readonly string[]).includes(h));
  if (unknown !== undefined) {
    throw new UsageError(`line 1: "${unknown}" is not a column of cadence's CSV; the header takes ${CSV_COLUMNS.join(', ')}.`);
  }
  // Our own export has the columns in order: its rows are used as they are.
  const inOrder = index.every((k, i) => k === i);
  const prospects = new Map<number, PlanProspect>();
  const touches: PlanTouch[] = [];
  const touchIds = new Set<number>();
  const marks = new Map<string, CompanyMark>();
  const rawNames = new Map<number, string>();
  // One try around the loop, not a closure per row: there may be a million rows.
  let line = 1;
  try {
    for (let r = it.next(); !r.done; r = it.next()) {
      line = r.value.line;
      const fields = r.value.fields;
      // A row with fewer cells is most likely a file cut short, which must not import as empty cells.
      if (fields.length !== header.length) {
        throw new UsageError(`${fields.length} cells where the header has ${header.length}; the file may be cut short or a comma out of place.`);
      }
      if (r.value.unended && inOrder && !complete(fields)) {
        throw new UsageError('the file ends in the middle of this row, as if cut short; export it again.');
      }
      // Every row has the header's cells (checked above): a column the header lacks reads as empty.
      const row = inOrder ? fields : index.map((k) => (k < 0 ? '' : fields[k]!));
      const pid = f.optionalId(cell(row, COL.prospect_id), 'prospect_id');
      if (pid === null) throw new UsageError('prospect_id is missing; each row names its prospect.');
      let p = prospects.get(pid);
      const name = cell(row, COL.name);
      if (!p) {
        p = prospectOf(row, pid, `line ${line}`, nowIso);
        prospects.set(pid, p);
        rawNames.set(pid, name);
        const mark = f.optionalDatetime(cell(row, COL.company_do_not_contact_at), 'company_do_not_contact_at');
        if (mark && p.company) marks.set(p.company.toLowerCase(), { company: p.company, markedAt: mark });
      } else if (name !== rawNames.get(pid) && f.name(name) !== p.name) {
        throw new UsageError(`prospect ${pid} is named "${name}" here but "${p.name}" on ${p.where}.`);
      }
      if (cell(row, COL.touch_id) === '' && cell(row, COL.at) === '') continue;
      const t = touchOf(row, pid, nowIso);
      if (t.id !== null) {
        if (touchIds.has(t.id)) throw new UsageError(`touch_id ${t.id} is used twice.`);
        touchIds.add(t.id);
      }
      touches.push(t);
    }
  } catch (e) {
    throw e instanceof UsageError ? new UsageError(`line ${line}: ${e.message}`) : e;
  }
  return { prospects: [...prospects.values()], touches, values: [], companyMarks: [...marks.values()], warnings: [] };
}

/**
 * How a row of our own export ends: a touch's row with the whole instant it was logged, as
 * export writes it; a prospect's own row with an empty cell. A file that ends without a line
 * break in anything shorter was cut there.
 */
function complete(fields: string[]): boolean {
  const last = fields[COL.touch_created_at]!;
  return fields[COL.touch_id] === '' ? last === '' : /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(last);
}

function cell(row: string[], c: number): string {
  return row[c] ?? '';
}

function prospectOf(row: string[], id: number, where: string, nowIso: string): PlanProspect {
  const cell = (c: number) => row[c] ?? '';
  const text = (c: number, what: string) => f.optionalText(cell(c), what);
  return {
    where,
    id,
    name: f.name(cell(COL.name)),
    company: text(COL.company, 'company'),
    email: text(COL.email, 'email'),
    stage: cell(COL.stage) === '' ? 'lead' : f.enumField(cell(COL.stage), STAGES, 'stage'),
    tags: f.tags(cell(COL.tags).split(/\s+/).filter(Boolean)),
    createdAt: cell(COL.created_at) === '' ? nowIso : f.datetime(cell(COL.created_at), 'created_at'),
    doNotContactAt: f.optionalDatetime(cell(COL.do_not_contact_at), 'do_not_contact_at'),
    doNotContactClearedAt: f.optionalDatetime(cell(COL.do_not_contact_cleared_at), 'do_not_contact_cleared_at'),
    buyerDates: words(cell(COL.buyer_dates)).map((w) => {
      const [d = '', setAt = ''] = w.split('@');
      return { day: f.optionalDay(d, 'buyer_dates day'), setAt: f.datetime(setAt, 'buyer_dates time') };
    }),
    stageHistory: words(cell(COL.stage_history)).map((w) => {
      const m = /^([a-z]*)>([a-z]+)@(.+)$/.exec(w);
      if (!m) throw new UsageError(`stage_history "${w}" is not of the form from>to@time.`);
      return {
        from: m[1] ? f.enumField(m[1], STAGES, 'stage') : null,
        to: f.enumField(m[2], STAGES, 'stage'),
        at: f.datetime(m[3], 'stage_history time'),
      };
    }),
  };
}

function words(s: string): string[] {
  return s.split(/\s+/).filter(Boolean);
}

function touchOf(row: string[], prospectId: number, nowIso: string): PlanTouch {
  const cell = (c: number) => row[c] ?? '';
  const dir = cell(COL.direction);
  const kind = cell(COL.value_kind);
  return {
    id: f.optionalId(cell(COL.touch_id), 'touch_id'),
    prospectId,
    at: f.datetime(cell(COL.at), 'at'),
    channel: f.enumField(cell(COL.channel), CHANNELS, 'channel'),
    direction: dir === '' ? 'out' : f.enumField(dir, DIRECTIONS, 'direction'),
    outcome: f.enumField(cell(COL.outcome), OUTCOMES, 'outcome'),
    kind: kind === '' ? 'none' : f.enumField(kind, VALUE_KINDS, 'value_kind'),
    text: f.optionalText(cell(COL.value_text), 'value_text'),
    note: f.optionalText(cell(COL.note), 'note'),
    buyerDate: f.optionalDay(cell(COL.buyer_date), 'buyer_date'),
    createdAt: cell(COL.touch_created_at) === '' ? nowIso : f.datetime(cell(COL.touch_created_at), 'touch_created_at'),
  };
}
