import type { Channel, Direction, Outcome, Stage, Value } from './types.js';

/** A realistic week of one rep's pipeline, relative to `today` (a weekday morning). */
export interface DemoProspect {
  name: string;
  company: string;
  email: string;
  stage: Stage;
  tags: string[];
  doNotContact?: boolean;
  touches: DemoTouch[];
}

export interface DemoTouch {
  /** Business days before today, at the given local hour. */
  daysAgo: number;
  hour: number;
  channel: Channel;
  direction?: Direction;
  outcome: Outcome;
  value?: Value;
  note?: string;
  /** Days after today that the buyer named as the first day to talk again. */
  buyerDateInDays?: number;
}

const v = (kind: Value['kind'], text: string | null = null): Value => ({ kind, text });

export const DEMO_VALUES = [
  { title: 'Churn benchmark 2026', url: 'https://example.com/churn-2026', tags: ['saas'] },
  { title: 'Warehouse automation ROI calculator', url: 'https://example.com/roi', tags: ['logistics'] },
  { title: 'RevOps customer panel, 10 December', url: null, tags: ['saas', 'logistics'] },
];

export const DEMO_PROSPECTS: DemoProspect[] = [
  {
    name: 'Dana Reyes', company: 'Acme Analytics', email: 'dana@acme.example', stage: 'discovery', tags: ['saas'],
    touches: [
      { daysAgo: 8, hour: 10, channel: 'meeting', outcome: 'connected', note: 'Discovery call: churn is their top worry' },
      { daysAgo: 6, hour: 9, channel: 'email', outcome: 'sent', value: v('resource', 'Discovery call recap') },
      { daysAgo: 1, hour: 16, channel: 'email', direction: 'in', outcome: 'replied', note: 'Asked for pricing for 40 seats' },
    ],
  },
  {
    name: 'Marcus Lee', company: 'Brightwave', email: 'marcus@brightwave.example', stage: 'proposal', tags: ['saas'],
    touches: [
      { daysAgo: 9, hour: 14, channel: 'meeting', outcome: 'meeting-booked' },
      { daysAgo: 2, hour: 11, channel: 'email', outcome: 'sent', value: v('proposal', 'Brightwave proposal v1') },
    ],
  },
  {
    name: 'Priya Nair', company: 'Northwind Logistics', email: 'priya@northwind.example', stage: 'lead', tags: ['logistics'],
    touches: [
      { daysAgo: 14, hour: 9, channel: 'email', outcome: 'sent', value: v('insight', 'Peak-season staffing trends') },
      { daysAgo: 9, hour: 15, channel: 'call', outcome: 'left-message' },
    ],
  },
  {
    name: 'Tom Becker', company: 'Globex', email: 'tom@globex.example', stage: 'negotiation', tags: ['saas'],
    touches: [
      { daysAgo: 3, hour: 13, channel: 'call', outcome: 'not-now', note: 'Budget review; call me after the 15th', buyerDateInDays: 9 },
    ],
  },
  {
    name: 'Sofia Alvarez', company: 'Initech', email: 'sofia@initech.example', stage: 'discovery', tags: ['saas'],
    touches: [
      { daysAgo: 60, hour: 10, channel: 'meeting', outcome: 'connected', note: 'Liked the reporting; worried about migration effort' },
      { daysAgo: 55, hour: 9, channel: 'email', outcome: 'sent', value: v('resource', 'Migration guide') },
      { daysAgo: 50, hour: 11, channel: 'call', outcome: 'no-answer' },
      { daysAgo: 42, hour: 9, channel: 'email', outcome: 'sent', value: v('insight', 'How peers cut migration time') },
      { daysAgo: 30, hour: 10, channel: 'linkedin', outcome: 'sent' },
    ],
  },
  {
    name: 'Ken Okafor', company: 'Umbrella Corp', email: 'ken@umbrella.example', stage: 'lead', tags: [],
    doNotContact: true,
    touches: [{ daysAgo: 20, hour: 10, channel: 'call', outcome: 'do-not-contact', note: 'Please remove me from your list' }],
  },
  {
    name: 'Lena Fischer', company: 'Hooli', email: 'lena@hooli.example', stage: 'won', tags: ['saas'],
    touches: [{ daysAgo: 30, hour: 10, channel: 'meeting', outcome: 'connected', note: 'Quarterly review went well' }],
  },
  {
    name: 'Raj Patel', company: 'Vandelay Imports', email: 'raj@vandelay.example', stage: 'lead', tags: ['logistics'],
    touches: [
      { daysAgo: 1, hour: 9, channel: 'email', outcome: 'sent' },
      { daysAgo: 1, hour: 15, channel: 'call', outcome: 'no-answer' },
      { daysAgo: 0, hour: 8, channel: 'linkedin', outcome: 'sent' },
    ],
  },
  {
    name: 'Mia Chen', company: 'Soylent', email: 'mia@soylent.example', stage: 'discovery', tags: ['saas'],
    touches: [
      { daysAgo: 21, hour: 11, channel: 'call', outcome: 'connected', note: 'Back from parental leave on the date below', buyerDateInDays: 0 },
    ],
  },
];
