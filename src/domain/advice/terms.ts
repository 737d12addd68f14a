// The scoring terms (taskwarrior-urgency style): each one moves the score and says why,
// quoting the facts. The verdict comes from precedence; the terms explain and grade it, with
// the points of coefficients.ts.
import type { Digest } from '../digest.js';
import type { Rules } from '../rules.js';
import { formatDay, formatMoment, startOfLocalDay } from '../time.js';
import type { Reason, TouchFact } from '../types.js';
import type { CoefficientName } from './coefficients.js';
import { COEFFICIENTS, pointsOf } from './coefficients.js';
import { count, listOf, shellName } from './format.js';
import type { Decision, Planned } from './precedence.js';
import { alreadySent, pastTheWait, welcomeWithoutValue } from './precedence.js';
import { quarterEndNear } from './timing.js';

/** A term whose sentence is written only when it is read: a list row shows the first reason only. */
export interface Term {
  term: string;
  points: number;
  detail: () => string;
}

/**
 * The terms of the advice: those that set the verdict first (`main`, already written out),
 * then the others (`rest`), strongest first.
 */
export function termParts(decision: Decision, digest: Digest, planned: Planned, rules: Rules): { main: Reason[]; rest: Term[] } {
  const T = planned.at;
  const who = digest.prospect.name;

  if (decision.verdict === 'stop') return { main: [stopTerm(decision, digest, rules, T)], rest: [] };

  const main = mainTerms(decision, digest, planned, rules);
  const rest: Term[] = [];
  const has = (term: string) => main.some((r) => r.term === term);
  const asked = welcomeWithoutValue(decision.rule);

  if (!has('value')) {
    const v = valueTerm(digest, planned, rules, asked);
    if (v) rest.push(v);
  }
  if (!has('unanswered') && digest.unanswered > 0) rest.push(unansweredTerm(digest, rules, T, false));
  if (!asked && planned.value.kind === 'none') {
    const end = quarterEndNear(T, rules.quarterEndDays);
    if (end) {
      rest.push({
        ...graded(rules, 'quarter-end'),
        detail: () =>
          `${formatDay(T, T)} is in the last ${count(rules.quarterEndDays, 'day')} of the quarter (it ends ${formatDay(end, T)}): ` +
          `that is your deadline, not ${who}'s, and a check-in timed to it reads as pressure.`,
      });
    }
  }
  // Past the wait the gap was checked and has passed: that speaks for reaching out.
  if (pastTheWait(decision.rule) && decision.gap && !has('gap')) {
    const g = decision.gap;
    rest.push({
      ...graded(rules, 'gap-passed'),
      detail: () =>
        `The last touch went out on ${formatMoment(g.from, T)}; the minimum gap for stage ${g.stage} with ` +
        `${g.unanswered} unanswered (${count(g.days, 'business day')}) ended on ${formatMoment(g.until, T)}.`,
    });
  }
  rest.sort((a, b) => Math.abs(b.points) - Math.abs(a.points));
  return { main, rest };
}

/** The term with its sentence. */
export function written(t: Term): Reason {
  return { term: t.term, points: t.points, detail: t.detail() };
}

function stopTerm(decision: Decision, digest: Digest, rules: Rules, T: Date): Reason {
  const who = digest.prospect.name;
  // A stop scores 0: the single term takes the whole base away, so base + points = 0 too.
  const points = -rules.base;
  switch (decision.rule) {
    case 'do-not-contact': {
      const mark = digest.dnc!;
      const when = formatDay(new Date(mark.at), T);
      let detail =
        mark.scope === 'company'
          ? `${who}'s company${digest.prospect.company ? `, ${digest.prospect.company},` : ''} asked not to be contacted (marked ${when}): no outreach to anyone there, on any channel.`
          : `${who} asked not to be contacted (marked ${when}): no outreach on any channel.`;
      if (digest.buyerMessageAfterDnc) {
        detail +=
          ` ${who} wrote on ${formatDay(new Date(digest.buyerMessageAfterDnc), T)}, after the mark; if they asked to be ` +
          `contacted again, clear it with \`cadence prospect set ${shellName(who)} --clear-do-not-contact\`. Until then, stop.`;
      }
      return { term: 'do-not-contact', points, detail };
    }
    case 'not-interested': {
      const no = digest.latestResponse!;
      const note = digest.debriefSinceResponse!;
      return {
        term: 'not-interested',
        points,
        detail:
          `${who} said not interested on ${formatDay(new Date(no.at), T)} and you closed the loop on ` +
          `${formatDay(new Date(note.at), T)}: stop unless they re-engage.`,
      };
    }
    case 'lost':
      return {
        term: 'lost',
        points,
        detail: `The deal with ${who} is marked lost: no outreach unless the buyer re-engages or a revisit date arrives.`,
      };
    case 'loop-closed': {
      const note = digest.debriefSinceResponse!;
      return {
        term: 'loop-closed',
        points,
        detail:
          `You closed the loop on ${formatDay(new Date(note.at), T)} and ${who} has not responded since: ` +
          `wait for the buyer or a revisit date.`,
      };
    }
    default:
      throw new Error(`the ${decision.rule} rule does not stop`);
  }
}

function mainTerms(decision: Decision, digest: Digest, planned: Planned, rules: Rules): Reason[] {
  const T = planned.at;
  const who = digest.prospect.name;
  switch (decision.rule) {
    case 'buyer-replied': {
      const msg = digest.latestTouch!;
      return [{
        ...graded(rules, 'buyer-replied'),
        detail: `${who} wrote on ${formatMoment(new Date(msg.at), T)} (${msg.channel}) and that is the latest touch: answer promptly, whatever the gap.`,
      }];
    }
    case 'buyer-date-ahead': {
      const bd = digest.buyerDate!;
      return [{
        ...graded(rules, 'buyer-date-ahead'),
        detail:
          `${who} named ${formatDay(startOfLocalDay(bd.date), T)} as the day to get back in touch (noted ` +
          `${formatDay(new Date(bd.setAt), T)}): the buyer's timeline wins, so wait until then.`,
      }];
    }
    case 'buyer-date-arrived': {
      const bd = digest.buyerDate!;
      return [{
        ...graded(rules, 'buyer-date-arrived'),
        detail: `${who} named ${formatDay(startOfLocalDay(bd.date), T)} as the day to get back in touch, it has come, and nothing went out since: the buyer asked for this touch.`,
      }];
    }
    case 'not-now': {
      const r = digest.latestResponse!;
      return [{
        ...graded(rules, 'not-now'),
        detail:
          `${who} said not now on ${formatDay(new Date(r.at), T)} without naming a date: give them ` +
          `${count(rules.notNowDays, 'day')}, until ${formatMoment(decision.waitUntil!, T)}.`,
      }];
    }
    case 'not-interested': {
      const r = digest.latestResponse!;
      return [{
        ...graded(rules, 'not-interested'),
        detail: `${who} said not interested on ${formatDay(new Date(r.at), T)}: send one short close-the-loop note instead of chasing.`,
      }];
    }
    case 'weekend':
      return [{
        ...graded(rules, 'weekend'),
        detail: `${formatDay(T, T)} is a weekend: business outreach waits for ${formatDay(decision.waitUntil!, T)}.`,
      }];
    case 'light-touch': {
      const light = digest.latestLightBeforeT;
      if (decision.verdict === 'wait') {
        return [{
          ...graded(rules, 'light-touch-wait'),
          detail:
            `You made a light touch on social on ${formatMoment(new Date(light!.at), T)}; one every ` +
            `${count(rules.lightTouchDays, 'day')} is attention, more is noise: wait until ${formatMoment(decision.waitUntil!, T)}.`,
        }];
      }
      const last = light ? ` (the last was ${formatDay(new Date(light.at), T)})` : '';
      return [{
        ...graded(rules, 'light-touch-go'),
        detail: `A like, comment or share on social is light attention, not a pitch, and there was none in the last ${count(rules.lightTouchDays, 'day')}${last}.`,
      }];
    }
    case 'fresh-conversation': {
      const c = digest.latestTouch!;
      const what =
        c.outcome === 'connected' ? `You connected with ${who}` : c.outcome === 'replied' ? `${who} replied` : `You booked a meeting with ${who}`;
      return [{
        ...graded(rules, 'fresh-conversation'),
        detail: `${what} on ${formatMoment(new Date(c.at), T)} (${c.channel}) and nothing went out since: deliver what the conversation called for while it is fresh.`,
      }];
    }
    case 'gap-or-barrage':
      return waitTerms(decision, rules, T);
    case 'close-after-silence':
      return [written(unansweredTerm(digest, rules, T, true))];
    case 'no-value':
    case 'repeat':
    case 'new-value':
      return [written(valueTerm(digest, planned, rules, false)!)];
    default:
      // The stop rules: stopTerm speaks for them.
      return [];
  }
}

/** Gap and barrage terms, the one that sets waitUntil first. */
function waitTerms(decision: Decision, rules: Rules, T: Date): Reason[] {
  const out: { reason: Reason; until: number }[] = [];
  const t = T.getTime();
  const g = decision.gap;
  if (g && g.until.getTime() > t) {
    out.push({
      until: g.until.getTime(),
      reason: {
        ...graded(rules, 'gap'),
        detail:
          `Stage ${g.stage} with ${g.unanswered} unanswered: wait ${count(g.days, 'business day')} after the last touch ` +
          `(${formatMoment(g.from, T)}), until ${formatMoment(g.until, T)}.`,
      },
    });
  }
  const b = decision.barrage;
  const parts: string[] = [];
  let until = 0;
  if (b?.byCount) {
    const n = b.byCount.touches.length;
    parts.push(`${count(n, 'touch', 'touches')} in the last ${rules.barrageHours} hours, none answered (${b.byCount.touches.map((f) => `${f.channel} ${formatMoment(new Date(f.ms), T)}`).join(', ')})`);
    until = Math.max(until, b.byCount.until.getTime());
  }
  if (b?.byChannels) {
    const c = b.byChannels;
    parts.push(`touches on ${count(c.channels.length, 'channel')} (${listOf(c.channels)}) since ${formatDay(new Date(c.touches[0]!.ms), T)}, none answered`);
    until = Math.max(until, c.until.getTime());
  }
  if (parts.length) {
    out.push({
      until,
      reason: {
        ...graded(rules, 'barrage'),
        detail: `${capitalise(parts.join('; and '))}: that is pestering, wait until ${formatMoment(new Date(until), T)}.`,
      },
    });
  }
  return out.sort((a, b2) => b2.until - a.until).map((x) => x.reason);
}

function unansweredTerm(digest: Digest, rules: Rules, T: Date, closing: boolean): Term {
  const n = digest.unanswered;
  return {
    ...graded(rules, 'unanswered', n),
    detail: () => {
      const channels = digest.history.unansweredChannels;
      const on =
        channels.length > 1 ? ` on ${count(channels.length, 'channel')} (${listOf(channels)})` : channels.length ? ` (${channels[0]})` : '';
      const tail = closing
        ? `: at ${rules.closeAfter} the next touch is a short close-the-loop note, not another chase.`
        : `; each one doubles the minimum gap, and at ${rules.closeAfter} it is time to close the loop.`;
      return `${count(n, 'touch', 'touches')}${on}${sinceWhen(digest, T)}, none answered by ${digest.prospect.name}${tail}`;
    },
  };
}

function sinceWhen(digest: Digest, T: Date): string {
  const r: TouchFact | null = digest.latestResponse;
  if (r) {
    const day = formatDay(new Date(r.at), T);
    return r.direction === 'in'
      ? ` since ${digest.prospect.name} last wrote (${r.channel}, ${day})`
      : ` since the last response (${r.outcome} on ${r.channel}, ${day})`;
  }
  const first = digest.history.firstTouchAt;
  return first ? ` since the first touch on ${formatDay(new Date(first), T)}` : '';
}

function valueTerm(digest: Digest, planned: Planned, rules: Rules, asked: boolean): Term | null {
  const v = planned.value;
  const who = digest.prospect.name;
  if (v.kind === 'none') {
    // Answering the buyer, or a touch they asked for, needs no extra payload.
    if (asked) return null;
    return { ...graded(rules, 'value'), detail: () => 'A check-in with nothing for the buyer adds no value.' };
  }
  const label = v.text ? `${v.kind} '${v.text}'` : `a ${v.kind}`;
  if (alreadySent(digest, v)) {
    return {
      ...graded(rules, 'value-repeated'),
      detail: () => `You already sent ${label} to ${who}; sending it again adds nothing new.`,
    };
  }
  const why =
    v.kind === 'debrief'
      ? 'a close-the-loop note gives the buyer a clear, easy way to answer'
      : `not sent to ${who} before, so it gives them something new`;
  return { ...graded(rules, 'value-new'), detail: () => `Carries ${label}: ${why}.` };
}

/** A graded term: its name and its points, as coefficients.ts and the config set them. */
function graded(rules: Rules, name: CoefficientName, unanswered?: number): { term: string; points: number } {
  return { term: COEFFICIENTS[name].term, points: pointsOf(rules.coefficients, name, unanswered) };
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
