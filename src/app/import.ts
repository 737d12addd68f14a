import { UsageError } from '../domain/errors.js';
import { NotLineShaped } from '../domain/transfer/json-stream.js';
import { checkUnique, sourceOf, type ImportPlan, type ImportSource } from '../domain/transfer/plan.js';
import type { Deps } from './deps.js';
import type { ImportCounts, ImportProgress } from './store.js';

export interface ImportOptions {
  /** The file's name, as messages give it. */
  name: string;
  /**
   * The file read record by record as it is written (a JSON export), when it may be one. A file
   * that is not one record a line, or has a mistake in it, is then read whole (see `whole`),
   * which also words the mistake exactly: the first pass wrote nothing (it was all or nothing).
   */
  stream?: () => ImportSource;
  /** The file read whole, into a plan. */
  whole: () => Promise<ImportPlan>;
  /** Watches each pass (a progress bar, for a big file). */
  watch?: ImportWatch;
}

export interface ImportWatch {
  /** A pass begins: of the stream (no plan), or of the plan read whole. Gives what hears how many touches are written. */
  start(plan?: ImportPlan): ImportProgress | undefined;
  /** The pass is over, written or not. */
  stop(): void;
}

export interface Imported extends ImportCounts {
  /** How many warnings were given (things imported with a guess, such as an unknown CRM stage). */
  warnings: number;
}

/** `cadence import`: a cadence export or a CRM file, all or nothing. */
export async function run(o: ImportOptions, deps: Deps): Promise<Imported> {
  let counts: ImportCounts | undefined;
  let warnings: string[] = [];
  try {
    if (o.stream) counts = await streamed(o.stream, o.watch, deps);
    if (!counts) {
      const plan = await o.whole();
      checkUnique(plan);
      warnings = plan.warnings;
      counts = await pass(sourceOf(plan), plan, o.watch, deps);
    }
  } catch (e) {
    throw e instanceof UsageError ? nothingImported(o.name, e) : e;
  }
  for (const w of warnings) deps.warn(`warning: ${o.name}, ${w}`);
  return { ...counts, warnings: warnings.length };
}

/** The stream's pass; undefined when the file is to be read whole instead. */
async function streamed(stream: () => ImportSource, watch: ImportWatch | undefined, deps: Deps): Promise<ImportCounts | undefined> {
  const progress = watch?.start();
  try {
    return await deps.store.importAll(stream(), progress);
  } catch (e) {
    if (e instanceof UsageError || e instanceof NotLineShaped) return undefined;
    throw e;
  } finally {
    watch?.stop();
  }
}

async function pass(source: ImportSource, plan: ImportPlan, watch: ImportWatch | undefined, deps: Deps): Promise<ImportCounts> {
  const progress = watch?.start(plan);
  try {
    return await deps.store.importAll(source, progress);
  } finally {
    watch?.stop();
  }
}

function nothingImported(name: string, e: UsageError): UsageError {
  return new UsageError(`Cannot import ${name}: ${e.message.replace(/\.?$/, '.')} Nothing was imported.`);
}
