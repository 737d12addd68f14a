// Deterministic, realistic data set for the bench: a cadence JSON export
// ({"version":1,"prospects":[...],"touches":[...],"values":[...]}) written in streaming chunks.
// Plain ESM JavaScript, no dependencies: `node bench/run.js` imports it.
import { closeSync, openSync, writeSync } from 'node:fs';

/** Bump when the generated data changes: a cached bench database is then rebuilt. */
export const GENERATOR_VERSION = 4;

const DAY = 86_400_000;

/** mulberry32: a small, fast, seeded PRNG (never Math.random, so every run builds the same data). */
export function prng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const r = {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (xs) => xs[Math.floor(next() * xs.length)],
    chance: (p) => next() < p,
    gauss: () => {
      const u = Math.max(next(), 1e-12);
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
    },
    /** weights: [[item, weight], ...] */
    weighted: (pairs) => {
      const total = pairs.reduce((s, [, w]) => s + w, 0);
      let x = next() * total;
      for (const [item, w] of pairs) if ((x -= w) < 0) return item;
      return pairs[pairs.length - 1][0];
    },
  };
  return r;
}

const FIRST = [
  'Dana', 'Alex', 'Maria', 'Jonas', 'Priya', 'Chen', 'Fatima', 'Lukas', 'Sofia', 'Mateo', 'Aisha', 'Noah', 'Emma',
  'Liam', 'Olivia', 'Yuki', 'Hiro', 'Ana', 'José', 'Zoë', 'Björn', 'Ingrid', 'Omar', 'Leila', 'Ravi', 'Anika', 'Kofi',
  'Amara', 'Tomás', 'Elena', 'Mikhail', 'Sven', 'Chloé', 'François', 'Wei', 'Min-jun', 'Seo-yeon', 'Arjun', 'Meera',
  'Lucas', 'Isabela', 'Pedro', 'Camila', 'Diego', 'Valentina', 'Nour', 'Karim', 'Hannah', 'Felix', 'Clara', 'Mia',
  'Ethan', 'Ava', 'Ben', 'Grace', 'Sam', 'Jordan', 'Taylor', 'Morgan', 'Casey', 'Riley', 'Quinn', 'Avery', 'Rowan',
  'Sasha', 'Nikolai', 'Irina', 'Dmitri', 'Olga', 'Pavel', 'Agnieszka', 'Piotr', 'Katarzyna', 'Jan', 'Eva', 'Tereza',
  'Lars', 'Freya', 'Niamh', 'Siobhan', 'Cian', 'Aoife', 'Mohammed', 'Yusuf', 'Zeynep', 'Emre', 'Elif', 'Giulia',
  'Marco', 'Francesca', 'Luca', 'Chiara', 'Kenji', 'Aiko', 'Sakura', 'Thabo', 'Naledi', 'Sipho', 'Ayodele', 'Chidi',
];
const LAST = [
  'Reyes', 'Müller', 'Schmidt', 'García', 'Nguyen', 'Kim', 'Patel', 'Singh', 'Okafor', 'Johansson', 'Ødegaard',
  "O'Brien", 'Rossi', 'Bianchi', 'Kowalski', 'Nowak', 'Silva', 'Santos', 'Costa', 'Dubois', 'Martin', 'Bernard',
  'Smith', 'Jones', 'Brown', 'Taylor', 'Wilson', 'Davies', 'Evans', 'Thomas', 'Roberts', 'Walker', 'Wright', 'Hughes',
  'Chen', 'Wang', 'Li', 'Zhang', 'Liu', 'Yamamoto', 'Tanaka', 'Suzuki', 'Sato', 'Park', 'Lee', 'Choi', 'Khan', 'Ali',
  'Hassan', 'Ibrahim', 'Haddad', 'Cohen', 'Levi', 'Friedman', 'Novak', 'Horvat', 'Kovač', 'Popescu', 'Ionescu',
  'Papadopoulos', 'Nielsen', 'Hansen', 'Larsen', 'Andersen', 'Virtanen', 'Korhonen', 'de Vries', 'van Dijk',
  'Jansen', 'Bakker', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Hoffmann', 'Schulz', 'Koch', 'Richter',
  'Klein', 'Wolf', 'Neumann', 'Schwarz', 'Zimmermann', 'Braun', 'Krüger', 'Hartmann', 'Lange', 'Werner', 'Krause',
  'Lehmann', 'Köhler', 'Mensah', 'Boateng', 'Adeyemi', 'Nkosi', 'Dlamini', 'Ferreira', 'Pereira', 'Alves',
];
const CO_A = ['North', 'Blue', 'Bright', 'Iron', 'Silver', 'Cedar', 'Quantum', 'Atlas', 'Nova', 'Summit', 'Harbor',
  'Vertex', 'Lumen', 'Apex', 'Orbit', 'Pine', 'Redwood', 'Stone', 'Tidal', 'Zenith', 'Acme', 'Globex', 'Initech',
  'Umbrella', 'Wayne', 'Stark', 'Hooli', 'Vandelay', 'Cyberdyne', 'Tyrell', 'Soylent', 'Wonka', 'Oscorp', 'Massive',
  'Hyperion', 'Gringotts', 'Aperture', 'Black Mesa', 'Pied Piper', 'Dunder', 'Kreuzberg', 'Fjord', 'Sakura', 'Mistral',
  'Sirocco', 'Monsoon', 'Aurora', 'Borealis', 'Delta', 'Sigma'];
const CO_B = ['Analytics', 'Logistics', 'Health', 'Systems', 'Labs', 'Retail', 'Bank', 'Energy', 'Foods', 'Robotics',
  'Media', 'Insurance', 'Software', 'Cloud', 'Payments', 'Manufacturing', 'Telecom', 'Pharma', 'Mobility', 'Security'];
const CO_C = ['', ' GmbH', ' Inc.', ' Ltd', ' AG', ' SA', ' BV', ' & Co.', ' Group', ' AB'];
const TAGS = ['saas', 'fintech', 'healthcare', 'retail', 'manufacturing', 'enterprise', 'smb', 'midmarket', 'emea',
  'na', 'apac', 'latam', 'churn', 'security', 'compliance', 'analytics', 'logistics', 'public-sector'];
const TOPICS = ['Churn benchmark', 'SOC 2 checklist', 'Onboarding playbook', 'Pricing teardown', 'Migration guide',
  'ROI calculator', 'Case study', 'Security whitepaper', 'Analyst report', 'Webinar recording', 'Integration map',
  'Peer roundtable invite', 'Cost-of-delay model', 'Implementation timeline', 'Reference call offer',
  'Industry survey', 'Board deck template', 'Forecasting guide', 'Data-retention policy sample', 'Procurement FAQ',
  'Uptime report', 'Renewal checklist', 'Expansion playbook', 'Vendor comparison', 'Customer panel recap'];
const NOTES = ['asked about SSO', 'wants pricing in EUR', 'budget frozen until Q2', 'champion is the VP Ops',
  'procurement involved now', 'mentioned a competitor trial', 'legal review of the DPA', 'prefers email over calls',
  'out of office, back next week', 'new CFO since last month', 'interested in the API', 'team is hiring',
  'asked for a reference in their industry', 'concerned about migration effort', 'wants a pilot first',
  'loved the benchmark', 'forwarded to IT security', 'timing: after the reorg', 'board meeting in two weeks',
  'asked for "the short version"', 'said: call me after the 15th', 'renewal with incumbent in March',
  'Zoë from finance joins next call', 'uses Salesforce + HubSpot', 'needs SOC 2 type II', 'asked: EU data residency?',
  'wants to compare three vendors', 'liked the onboarding demo', 'questions about seats vs usage pricing', 'on parental leave'];
const DEBRIEFS = [
  'Decision: went with the incumbent for now. Liked: onboarding and the churn benchmark. Gaps: no SSO on the starter plan. Next steps: none this year. Follow up: after their renewal.',
  'Decision: signed the annual plan. Liked: fast pilot. Gaps: reporting exports. Next steps: kickoff call. Follow up: quarterly review.',
  'Decision: project shelved. Liked: the ROI model. Gaps: budget timing. Next steps: revisit in the new fiscal year. Follow up: in six months.',
  'Decision: no decision, stakeholders split. Liked: integrations. Gaps: price. Next steps: none. Follow up: only if they reach out.',
];

const STAGE_MIX = [['lead', 28], ['discovery', 24], ['proposal', 14], ['negotiation', 8], ['won', 14], ['lost', 12]];
const OUT_CHANNELS = [['email', 42], ['call', 20], ['linkedin', 10], ['voicemail', 4], ['text', 4], ['meeting', 8], ['social', 9], ['other', 3]];
const IN_CHANNELS = [['email', 60], ['call', 14], ['linkedin', 10], ['text', 10], ['meeting', 6]];
const OUT_OUTCOMES = {
  email: [['sent', 88], ['replied', 12]],
  call: [['no-answer', 45], ['left-message', 25], ['connected', 30]],
  voicemail: [['left-message', 100]],
  text: [['sent', 80], ['replied', 20]],
  linkedin: [['sent', 82], ['replied', 18]],
  meeting: [['connected', 60], ['meeting-booked', 40]],
  social: [['sent', 100]],
  other: [['sent', 100]],
};
const IN_OUTCOMES = [['replied', 62], ['connected', 8], ['meeting-booked', 16], ['not-now', 10], ['not-interested', 4]];
const VALUE_KINDS = [['none', 34], ['insight', 20], ['resource', 20], ['intro', 5], ['answer', 9], ['proposal', 4], ['event', 8]];

const CH = ['call', 'voicemail', 'email', 'text', 'linkedin', 'meeting', 'social', 'other'];
const OUTC = ['no-answer', 'left-message', 'sent', 'connected', 'replied', 'meeting-booked', 'not-now', 'not-interested', 'do-not-contact'];
const KINDS = ['none', 'insight', 'resource', 'intro', 'answer', 'proposal', 'event', 'debrief'];

/** A weekday between 08:00 and 18:00 UTC on or after the day of `ms`. */
function businessHour(ms, r) {
  const d = new Date(ms);
  d.setUTCHours(r.int(8, 17), r.int(0, 59), r.int(0, 59), 0);
  const dow = d.getUTCDay();
  if (dow === 6) d.setTime(d.getTime() + 2 * DAY);
  if (dow === 0) d.setTime(d.getTime() + DAY);
  return d.getTime();
}

const day = (ms) => new Date(ms).toISOString().slice(0, 10);

/**
 * Builds the data set and writes it to `file`. Returns facts the bench needs:
 * the name of the prospect with the longest history (the one `next`/`log`/`show` run on).
 */
export function generate({ file, prospects: nProspects, touches: nTouches, now, seed = 20261120 }) {
  const r = prng(seed);
  const nowMs = now.getTime();
  const start = nowMs - 3 * 365 * DAY;

  // Value library: ~50 items, tagged.
  const values = [];
  const titles = new Set();
  while (values.length < 50) {
    const title = `${r.pick(TOPICS)} ${r.int(2023, 2026)}${r.chance(0.3) ? ` (${r.pick(TAGS)})` : ''}`;
    if (titles.has(title.toLowerCase())) continue;
    titles.add(title.toLowerCase());
    const tags = [...new Set([r.pick(TAGS), ...(r.chance(0.5) ? [r.pick(TAGS)] : [])])].sort();
    const slug = title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
    values.push({ id: values.length + 1, title, url: r.chance(0.85) ? `https://example.com/library/${slug}` : null, tags, createdAt: new Date(start + r.int(0, 400) * DAY).toISOString() });
  }

  // Companies: about four prospects each.
  const companies = [];
  const coNames = new Set();
  while (companies.length < Math.max(1, Math.ceil(nProspects / 4))) {
    const name = `${r.pick(CO_A)} ${r.pick(CO_B)}${r.pick(CO_C)}`;
    if (coNames.has(name)) {
      if (coNames.size > CO_A.length * CO_B.length * CO_C.length * 0.8) companies.push({ name: `${name} ${companies.length}`, domain: `co${companies.length}.example` });
      continue;
    }
    coNames.add(name);
    companies.push({ name, domain: `${name.toLowerCase().replace(/[^a-z0-9]+/g, '')}.example` });
  }

  // How many touches each prospect gets: log-normal (a few long-running accounts, many short threads),
  // 3% brand-new leads with none, summing exactly to nTouches.
  const counts = new Int32Array(nProspects);
  const weights = new Float64Array(nProspects);
  let wsum = 0;
  for (let i = 0; i < nProspects; i++) {
    weights[i] = r.chance(0.03) ? 0 : Math.exp(0.7 * r.gauss());
    wsum += weights[i];
  }
  let assigned = 0;
  for (let i = 0; i < nProspects; i++) {
    counts[i] = Math.floor((weights[i] / wsum) * nTouches);
    assigned += counts[i];
  }
  for (let i = 0; assigned < nTouches; i = (i + 1) % nProspects) {
    if (weights[i] > 0) {
      counts[i]++;
      assigned++;
    }
  }

  // Touches in columns (1M objects would cost far more memory than the bench should).
  const T = nTouches;
  const tPid = new Int32Array(T);
  const tAt = new Float64Array(T);
  const tCh = new Uint8Array(T);
  const tDir = new Uint8Array(T); // 0 out, 1 in
  const tOut = new Uint8Array(T);
  const tKind = new Uint8Array(T);
  const tText = new Int16Array(T).fill(-1); // >= 0 library index; -2 free text (answer/proposal/intro); -3 debrief
  const tNote = new Int16Array(T).fill(-1);
  const tBuyer = new Float64Array(T); // 0: none

  const prospects = [];
  const names = new Set();
  let k = 0;
  let heaviest = 0;
  for (let i = 0; i < nProspects; i++) {
    const n = counts[i];
    if (n > counts[heaviest]) heaviest = i;
    let name = `${FIRST[i % FIRST.length]} ${LAST[Math.floor(i / FIRST.length) % LAST.length]}`;
    for (let s = 2; names.has(name.toLowerCase()); s++) name = `${FIRST[i % FIRST.length]} ${LAST[Math.floor(i / FIRST.length) % LAST.length]} ${s}`;
    names.add(name.toLowerCase());
    const co = r.chance(0.92) ? r.pick(companies) : null;
    const stage = r.weighted(STAGE_MIX);
    const tags = [...new Set(Array.from({ length: r.int(0, 3) }, () => r.pick(TAGS)))].sort();
    const dnc = r.chance(0.02);
    // A history spans time in proportion to its length, ending recently unless the deal is over.
    const spanDays = n === 0 ? r.int(0, 14) : Math.min(3 * 365 - 1, Math.max(14, Math.round(n * (4 + 8 * r.next()))));
    const over = stage === 'lost' || dnc;
    const endMs = n === 0 ? nowMs - r.int(0, 14) * DAY : over ? nowMs - r.int(20, 400) * DAY : nowMs - r.int(1, 45) * DAY;
    const createdMs = Math.max(start, endMs - spanDays * DAY);
    const email = co
      ? `${name.split(' ')[0].toLowerCase().normalize('NFD').replace(/[^a-z]/g, '') || 'contact'}.${i}@${co.domain}`
      : r.chance(0.5) ? `p${i}@mail.example` : null;
    const createdAt = new Date(Math.floor(createdMs / DAY) * DAY - DAY + r.int(8, 17) * 3600_000).toISOString();
    // How the prospect got to its stage: lead, then each stage on the way, spread over its history.
    const path = stage === 'lost' ? ['lead', 'discovery', ...(r.chance(0.5) ? ['proposal'] : []), 'lost'] : STAGE_MIX.map(([s]) => s).slice(0, STAGE_MIX.findIndex(([s]) => s === stage) + 1);
    const stageHistory = [];
    for (let h = 1; h < path.length; h++) {
      const at = createdMs + ((endMs - createdMs) * h) / path.length;
      stageHistory.push({ from: path[h - 1], to: path[h], at: new Date(businessHour(at, r)).toISOString() });
    }
    // A few buyer dates set with `prospect set --buyer-date` (some in the future), a few do-not-contact flags.
    const buyerDates = r.chance(0.03) ? [{ day: day(endMs + r.int(-20, 60) * DAY), setAt: new Date(endMs).toISOString() }] : [];
    const flagDnc = !dnc && r.chance(0.005);
    prospects.push({
      id: i + 1,
      name,
      company: co?.name ?? null,
      email,
      stage,
      tags,
      // The day before the first touch could be, during office hours.
      createdAt,
      doNotContactAt: flagDnc ? new Date(endMs + DAY).toISOString() : null,
      doNotContactClearedAt: null,
      buyerDates,
      stageHistory,
    });

    // Times: n random moments in [created, end] on business hours, in order.
    const times = new Float64Array(n);
    for (let j = 0; j < n; j++) times[j] = businessHour(createdMs + r.next() * (endMs - createdMs), r);
    times.sort();
    let lastIn = false;
    for (let j = 0; j < n; j++, k++) {
      tPid[k] = i + 1;
      tAt[k] = Math.min(times[j], nowMs - 3600_000);
      const last = j === n - 1;
      // Responses interleave: the buyer answers about one touch in five, more often right after a value touch.
      const inbound = !last && j > 0 && r.chance(lastIn ? 0.05 : 0.17);
      if (inbound) {
        tDir[k] = 1;
        const ch = r.weighted(IN_CHANNELS);
        tCh[k] = CH.indexOf(ch);
        const o = r.weighted(IN_OUTCOMES);
        tOut[k] = OUTC.indexOf(o);
        tKind[k] = 0;
        if (o === 'not-now' && r.chance(0.5)) tBuyer[k] = tAt[k] + r.int(10, 90) * DAY;
        else if (r.chance(0.02)) tBuyer[k] = tAt[k] + r.int(3, 20) * DAY;
      } else {
        tDir[k] = 0;
        const ch = lastIn && r.chance(0.6) ? 'email' : r.weighted(OUT_CHANNELS);
        tCh[k] = CH.indexOf(ch);
        const outcome = r.weighted(OUT_OUTCOMES[ch]);
        tOut[k] = OUTC.indexOf(outcome);
        const kind = ch === 'social' || outcome === 'no-answer' ? 'none' : lastIn && r.chance(0.5) ? 'answer' : r.weighted(VALUE_KINDS);
        tKind[k] = KINDS.indexOf(kind);
        if (kind === 'insight' || kind === 'resource' || kind === 'event') tText[k] = r.chance(0.8) ? r.int(0, values.length - 1) : -2;
        else if (kind !== 'none') tText[k] = -2;
      }
      if (r.chance(0.08)) tNote[k] = r.int(0, NOTES.length - 1);
      lastIn = inbound;
    }
    // How the story ends: a close-the-loop debrief for deals that are over, a "no" for some, do-not-contact for a few.
    if (n >= 2) {
      const lastK = k - 1;
      if (dnc) {
        tDir[lastK] = 1;
        tCh[lastK] = CH.indexOf(r.pick(['email', 'call']));
        tOut[lastK] = OUTC.indexOf('do-not-contact');
        tKind[lastK] = 0;
        tText[lastK] = -1;
        tBuyer[lastK] = 0;
      } else if (stage === 'lost' || stage === 'won' || r.chance(0.04)) {
        if (stage === 'lost' && r.chance(0.5)) {
          const prev = lastK - 1;
          tDir[prev] = 1;
          tCh[prev] = CH.indexOf('email');
          tOut[prev] = OUTC.indexOf('not-interested');
          tKind[prev] = 0;
          tText[prev] = -1;
          tBuyer[prev] = 0;
        }
        tDir[lastK] = 0;
        tCh[lastK] = CH.indexOf('other');
        tOut[lastK] = OUTC.indexOf('sent');
        tKind[lastK] = KINDS.indexOf('debrief');
        tText[lastK] = -3;
        tBuyer[lastK] = stage === 'won' || r.chance(0.3) ? tAt[lastK] + r.int(60, 240) * DAY : 0;
      }
    }
  }

  // Ids follow the order the rep logged them in: by time across all prospects.
  const order = new Uint32Array(T);
  for (let i = 0; i < T; i++) order[i] = i;
  order.sort((a, b) => tAt[a] - tAt[b] || tPid[a] - tPid[b] || a - b);

  const fd = openSync(file, 'w');
  let buf = '';
  const put = (s) => {
    buf += s;
    if (buf.length > 1 << 20) {
      writeSync(fd, buf);
      buf = '';
    }
  };
  try {
    put('{"version":1,"prospects":[\n');
    prospects.forEach((p, i) => put(`${i ? ',\n' : ''}${JSON.stringify(p)}`));
    put('\n],"touches":[\n');
    const freeText = { intro: 'Intro to a peer at a similar company', answer: 'Answer to their question', proposal: 'Proposal' };
    for (let j = 0; j < T; j++) {
      const i = order[j];
      const kind = KINDS[tKind[i]];
      let text = null;
      if (tText[i] >= 0) text = values[tText[i]].title;
      else if (tText[i] === -2) text = kind === 'proposal' ? `Proposal v${1 + (j % 3)}` : (freeText[kind] ?? `${TOPICS[j % TOPICS.length]} notes`);
      else if (tText[i] === -3) text = DEBRIEFS[j % DEBRIEFS.length];
      const note = tNote[i] >= 0 ? NOTES[tNote[i]] : null;
      put(
        `${j ? ',\n' : ''}{"id":${j + 1},"prospectId":${tPid[i]},"at":"${new Date(tAt[i]).toISOString()}","channel":"${CH[tCh[i]]}",` +
          `"direction":"${tDir[i] ? 'in' : 'out'}","outcome":"${OUTC[tOut[i]]}","value":{"kind":"${kind}","text":${text === null ? 'null' : JSON.stringify(text)}},` +
          `"note":${note === null ? 'null' : JSON.stringify(note)},"buyerDate":${tBuyer[i] ? `"${day(tBuyer[i])}"` : 'null'}}`,
      );
    }
    put('\n],"values":[\n');
    values.forEach((v, i) => put(`${i ? ',\n' : ''}${JSON.stringify(v)}`));
    // "Don't contact me or anyone in my company": three companies marked.
    const marks = [0, 1, 2].map((j) => companies[(j * 97) % companies.length]).map((co, j) => ({ company: co.name, markedAt: new Date(nowMs - (30 + j * 40) * DAY).toISOString() }));
    put('\n],"companyMarks":[\n');
    marks.forEach((m, i) => put(`${i ? ',\n' : ''}${JSON.stringify(m)}`));
    put('\n]}\n');
    writeSync(fd, buf);
  } finally {
    closeSync(fd);
  }
  return {
    heaviest: { name: prospects[heaviest].name, touches: counts[heaviest] },
    stages: Object.fromEntries(STAGE_MIX.map(([s]) => [s, prospects.filter((p) => p.stage === s).length])),
  };
}
