import type { Prospect, Touch } from '../../domain/types.js';

/** The spec's touch JSON (SPEC section 5), plus the buyer date named at it. */
export function touchJson(t: Touch) {
  return {
    id: t.id,
    at: t.at,
    channel: t.channel,
    direction: t.direction,
    outcome: t.outcome,
    value: { kind: t.value.kind, text: t.value.text },
    note: t.note,
    buyerDate: t.buyerDate,
  };
}

export function prospectJson(p: Prospect, extra: { buyerDate?: string | null; doNotContact?: boolean } = {}) {
  return {
    id: p.id,
    name: p.name,
    company: p.company,
    email: p.email,
    stage: p.stage,
    tags: p.tags,
    createdAt: p.createdAt,
    ...extra,
  };
}

/** "email out, sent, resource: Churn report" */
export function touchLine(t: Touch): string {
  const value = t.value.kind === 'none' ? '' : `, ${t.value.kind}${t.value.text ? `: ${t.value.text}` : ''}`;
  return `${t.channel} ${t.direction === 'in' ? 'from them' : 'out'}, ${t.outcome}${value}`;
}
