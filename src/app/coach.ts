// Advice, as every command gives it: the same decision for `next`, `prospect show`, `log`,
// `agenda` and `summary`, from the facts the store keeps and the rules of the config.
import { advise, decide, defaultChannel, type AdviseOptions, type Decision, type Planned } from '../domain/advice/index.js';
import type { Digest } from '../domain/digest.js';
import { beyondOf, digestOf, fold, needsLog, type Beyond, type Facts } from '../domain/fold.js';
import { barrageWindowMs, type Rules } from '../domain/rules.js';
import type { Advice, Channel, Value } from '../domain/types.js';
import type { FactsReader, ProspectFacts } from './kept.js';

export interface PlannedFields {
  at?: Date;
  channel?: Channel;
  value?: Value;
}

const NONE: Value = { kind: 'none', text: null };

/**
 * What the rules read of one prospect at T. The values sent are read only for a planned value
 * (the repeat rule compares it with them); a bare check-in never looks at them.
 */
export async function digestFor(store: FactsReader, rules: Rules, prospectId: number, T: Date, plannedValue?: Value): Promise<Digest> {
  const kept = await store.factsOf(prospectId);
  if (!kept) throw new Error(`prospect ${prospectId} is not in the store`);
  const facts = needsLog(kept.facts, T) ? fold(await store.logOf(prospectId), T) : kept.facts;
  const beyond =
    plannedValue && plannedValue.kind !== 'none'
      ? beyondOf((await store.sentValues([prospectId])).get(prospectId) ?? [], kept.words())
      : listBeyond(kept);
  return digestOf(kept.state, facts, beyond, T, barrageWindowMs(rules));
}

/** The advice for one prospect's planned touch (SPEC section 4). */
export async function adviceFor(store: FactsReader, rules: Rules, prospectId: number, now: Date, planned: PlannedFields = {}): Promise<Advice> {
  return (await adviceWithDigest(store, rules, prospectId, now, planned)).advice;
}

/** The advice, with what the rules read to give it. */
export async function adviceWithDigest(store: FactsReader, rules: Rules, prospectId: number, now: Date, planned: PlannedFields = {}): Promise<Advised> {
  const at = planned.at ?? now;
  const digest = await digestFor(store, rules, prospectId, at, planned.value);
  const advice = advise({
    digest,
    planned: { at, channel: planned.channel ?? defaultChannel(digest), value: planned.value ?? NONE },
    library: await store.valueItems(),
    rules,
  });
  return { advice, digest };
}

/** A prospect's advice, with what the rules read to give it. */
export interface Advised {
  advice: Advice;
  digest: Digest;
}

/** A prospect's digest at T with the touch a list plans for them (a bare check-in on their usual channel), decided. */
export interface Planning {
  digest: Digest;
  planned: Planned;
  decision: Decision;
}

/** Beyond the facts for a bare check-in: the words; a bare check-in never compares itself with the values sent. */
function listBeyond(kept: ProspectFacts): Beyond {
  return {
    values: () => {
      throw new Error('a bare check-in reads no values sent');
    },
    words: () => kept.words(),
  };
}

/**
 * Everyone at T, planned as a list plans them (see Planning), a batch at a time in id order:
 * a list of 10,000 keeps only what it shows of each. The few whose kept facts cannot serve T
 * (see needsLog) have their logs folded up to T.
 */
export async function* planEach(store: FactsReader, rules: Rules, T: Date): AsyncGenerator<Planning[]> {
  const window = barrageWindowMs(rules);
  const plan = (kept: ProspectFacts, facts: Facts): Planning => {
    const digest = digestOf(kept.state, facts, listBeyond(kept), T, window);
    const planned = { at: T, channel: defaultChannel(digest), value: NONE };
    return { digest, planned, decision: decide(digest, planned, rules) };
  };
  for await (const batch of store.eachFacts()) {
    const planned: Planning[] = [];
    for (const kept of batch) planned.push(plan(kept, needsLog(kept.facts, T) ? fold(await store.logOf(kept.state.prospect.id), T) : kept.facts));
    yield planned;
  }
}

/**
 * What `pick` keeps of everyone's advice at T, in id order. `options` cut each advice down to
 * what a list shows (see AdviseOptions).
 */
export async function adviceForAll<R>(
  store: FactsReader,
  rules: Rules,
  T: Date,
  options: AdviseOptions,
  pick: (advice: Advice, digest: Digest) => R,
): Promise<R[]> {
  const library = await store.valueItems();
  const out: R[] = [];
  for await (const batch of planEach(store, rules, T)) {
    for (const { digest, planned, decision } of batch) out.push(pick(advise({ digest, planned, library, rules }, options, decision), digest));
  }
  return out;
}
