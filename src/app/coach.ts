// Advice, as every command gives it: the same decision for `next`, `prospect show`, `log`,
// `agenda` and `summary`, from the facts the store keeps and the rules of the config.
import { advise, decide, defaultChannel, type AdviseOptions, type Decision, type Planned } from '../domain/advice/index.js';
import type { Digest } from '../domain/digest.js';
import { digestOf, fold, needsLog, sentOf, type Facts, type Sent } from '../domain/fold.js';
import { barrageWindowMs, type Rules } from '../domain/rules.js';
import type { Advice, Channel, Value } from '../domain/types.js';
import type { ProspectFacts, StoreReader } from './store.js';

export interface PlannedFields {
  at?: Date;
  channel?: Channel;
  value?: Value;
}

const NONE: Value = { kind: 'none', text: null };

/** The kept facts, or for the rare planned time they cannot serve, the log folded up to it. */
async function factsAt(store: StoreReader, kept: ProspectFacts, T: Date): Promise<Facts> {
  return needsLog(kept.facts, T) ? fold(await store.logOf(kept.state.prospect.id), T) : kept.facts;
}

/** What the rules read of one prospect at T. */
export async function digestFor(store: StoreReader, rules: Rules, prospectId: number, T: Date): Promise<Digest> {
  const kept = await store.factsOf(prospectId);
  if (!kept) throw new Error(`prospect ${prospectId} is not in the store`);
  const sent = sentOf((await store.sentValues([prospectId])).get(prospectId) ?? []);
  return digestOf(kept.state, await factsAt(store, kept, T), sent, T, barrageWindowMs(rules));
}

/** The advice for one prospect's planned touch (SPEC section 4). */
export async function adviceFor(store: StoreReader, rules: Rules, prospectId: number, now: Date, planned: PlannedFields = {}): Promise<Advice> {
  const at = planned.at ?? now;
  const digest = await digestFor(store, rules, prospectId, at);
  return advise({
    digest,
    planned: { at, channel: planned.channel ?? defaultChannel(digest), value: planned.value ?? NONE },
    library: await store.valueItems(),
    rules,
  });
}

/** What was sent, as a list's digests read it: the texts, filled in for those the list suggests to. */
function listSent(id: number, texts: Map<number, ReadonlySet<string>>): Sent {
  return {
    values: () => {
      throw new Error('a list plans a bare check-in: its digests read no values sent');
    },
    texts: () => texts.get(id) ?? new Set(),
  };
}

/** A prospect's advice, with what the rules read to give it. */
export interface Advised {
  digest: Digest;
  advice: Advice;
}

/** A prospect's digest at T with the touch a list plans for them (a bare check-in on their usual channel), decided. */
export interface Planning {
  digest: Digest;
  planned: Planned;
  decision: Decision;
}

/** Everyone's verdict at T, planned as a list plans it (see Planning), in id order. */
export async function planAll(store: StoreReader, rules: Rules, T: Date, sent: Map<number, ReadonlySet<string>> = new Map()): Promise<Planning[]> {
  const window = barrageWindowMs(rules);
  const all: Planning[] = [];
  for (const kept of await store.factsOfAll()) {
    const id = kept.state.prospect.id;
    // What was sent is read only by suggestions, which come later (see adviseSome); a list
    // plans a bare check-in, which never compares itself with the values sent.
    const digest = digestOf(kept.state, await factsAt(store, kept, T), listSent(id, sent), T, window);
    const planned = { at: T, channel: defaultChannel(digest), value: NONE };
    all.push({ digest, planned, decision: decide(digest, planned, rules) });
  }
  return all;
}

/**
 * Advice for everyone at T. `options` cut each down to what a list shows; the values sent,
 * which only suggestions compare with the library, are read only for those the list
 * suggests something to (see AdviseOptions.suggestFor).
 */
export async function adviceForAll(store: StoreReader, rules: Rules, T: Date, options: AdviseOptions = {}): Promise<Advised[]> {
  const sent = new Map<number, ReadonlySet<string>>();
  const all = await planAll(store, rules, T, sent);
  return adviseSome(store, rules, all, options, sent);
}

/** The advice of these plannings; `sent` is the map their digests read values sent from (filled here). */
export async function adviseSome(
  store: StoreReader,
  rules: Rules,
  plannings: readonly Planning[],
  options: AdviseOptions,
  sent: Map<number, ReadonlySet<string>>,
): Promise<Advised[]> {
  const library = await store.valueItems();
  if (library.length) {
    const suggested = plannings.filter((p) => !options.suggestFor || options.suggestFor.has(p.decision.verdict));
    for (const [id, texts] of await store.sentTexts(suggested.map((p) => p.digest.prospect.id))) sent.set(id, new Set(texts));
  }
  return plannings.map(({ digest, planned, decision }) => ({ digest, advice: advise({ digest, planned, library, rules }, options, decision) }));
}
