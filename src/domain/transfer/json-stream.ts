// A JSON export read while it is imported: with one record per line (cadence's own export, and
// the bench's), each touch is checked and handed to the store as soon as it is read, so a
// big file's touches are never all held at once: memory stays flat however long the file is,
// and the garbage collector has little to move.
//
// The result must be what planFromDoc gives for the whole file. Where that cannot be told
// line by line (a record over several lines, prospects after touches, keys repeated) the
// reader throws NotLineShaped, at once or at the end, after checking the skeleton (see
// json-lines.ts); the caller then throws away what it wrote and reads the file whole.
import { exportDoc, prospectsOf, restOf, touchChecker } from './json.js';
import { parseSkeleton, recordLine, runOf, runPlaceholder, skeletonLine } from './json-lines.js';
import { checkNames, checkTitles, type ImportSource, type PlanTouch } from './plan.js';

/** The file cannot be read a record per line; read it whole. */
export class NotLineShaped extends Error {}

type Section = 'prospects' | 'touches' | 'values' | 'companyMarks';
const SECTIONS: ReadonlySet<string> = new Set<Section>(['prospects', 'touches', 'values', 'companyMarks']);

/** `"key": [` at the end of a skeleton line opens that key's list. */
const OPENS = /"([A-Za-z]+)"\s*:\s*\[\s*$/;

export function streamExport(lines: Iterable<string>, nowIso: string): ImportSource {
  const it = lines[Symbol.iterator]();
  const skeleton: string[] = [];
  /** Record numbers by the section they were read in, to check against the skeleton. */
  const placed: Record<Section, number[]> = { prospects: [], touches: [], values: [], companyMarks: [] };
  const raw: Record<Exclude<Section, 'touches'>, unknown[]> = { prospects: [], values: [], companyMarks: [] };
  let section: Section | null = null;
  let records = 0;
  /** The run of records the skeleton's last line stands for, if it is one. */
  let run: { first: number; last: number; comma: boolean } | null = null;

  /** The next touch record, keeping every other record and line; undefined at the end of the file. */
  const nextTouch = (): unknown => {
    for (let r = it.next(); !r.done; r = it.next()) {
      const line = r.value;
      const rec = recordLine(line);
      if (rec) {
        if (section === null) throw new NotLineShaped();
        // Consecutive records stand in the skeleton as one run: a million placeholders cost
        // as much to keep and parse as the records.
        if (run?.comma) {
          run.last = records;
          run.comma = rec.comma;
          skeleton[skeleton.length - 1] = runPlaceholder(run.first, run.last, rec.comma);
        } else {
          run = { first: records, last: records, comma: rec.comma };
          skeleton.push(runPlaceholder(records, records, rec.comma));
        }
        placed[section].push(records++);
        if (section === 'touches') return rec.record;
        // A prospect after the first touch would come too late to check that touch.
        if (section === 'prospects' && placed.touches.length) throw new NotLineShaped();
        raw[section].push(rec.record);
        continue;
      }
      if (!skeletonLine(line)) throw new NotLineShaped();
      skeleton.push(line);
      run = null;
      const opens = OPENS.exec(line)?.[1];
      if (opens !== undefined) section = SECTIONS.has(opens) ? (opens as Section) : null;
      else if (line.trim()) section = null;
    }
    return undefined;
  };

  const first = nextTouch();
  const { prospects, ids } = prospectsOf(raw, nowIso);
  checkNames(prospects);
  const check = touchChecker(ids, nowIso);

  function* touches(): Generator<PlanTouch> {
    let i = 0;
    for (let t = first; t !== undefined; t = nextTouch()) yield check(t, i++);
  }

  return {
    prospects,
    touches: touches(),
    rest() {
      // The store reads every touch first; anything left would be a touch nobody checked.
      if (nextTouch() !== undefined) throw new NotLineShaped();
      const doc = parseSkeleton(skeleton);
      if (doc === undefined) throw new NotLineShaped();
      const d = exportDoc(doc);
      // Every record must be where it was read as, in order, and nothing else be in those lists.
      for (const key of SECTIONS as ReadonlySet<Section>) {
        const list = d[key] === undefined ? [] : d[key];
        if (!Array.isArray(list)) throw new NotLineShaped();
        const want = placed[key];
        let i = 0;
        for (const x of list) {
          const r = runOf(x);
          if (!r) throw new NotLineShaped();
          for (let n = r[0]; n <= r[1]; n++) if (want[i++] !== n) throw new NotLineShaped();
        }
        if (i !== want.length) throw new NotLineShaped();
      }
      const rest = restOf({ values: raw.values, companyMarks: raw.companyMarks }, nowIso);
      checkTitles(rest.values);
      return rest;
    },
  };
}
