// A CRM's contact or lead export (HubSpot, Salesforce, Pipedrive, a spreadsheet): rows
// become prospects. Headers are matched loosely ("Company Name", "company_name",
// "Organization - Name"), and CRM stages map to cadence's as SPEC section 3 lists.
import { UsageError } from '../errors.js';
import type { Stage } from '../types.js';
import { STAGES } from '../types.js';
import * as f from './fields.js';
import type { ImportPlan, PlanProspect } from './plan.js';

/** "Lifecycle Stage", "lifecycle_stage" and "LifecycleStage" all read "lifecyclestage". */
export function normalize(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]/g, '');
}

const NAME = ['name', 'fullname', 'contactname', 'contact', 'personname', 'person', 'leadname', 'displayname'];
const FIRST = ['firstname', 'first', 'givenname', 'personfirstname', 'contactfirstname'];
const LAST = ['lastname', 'last', 'surname', 'familyname', 'personlastname', 'contactlastname'];
const COMPANY = [
  'company', 'companyname', 'accountname', 'account', 'organization', 'organisation', 'organizationname',
  'organisationname', 'org', 'orgname', 'employer',
];
const EMAIL = ['email', 'emailaddress', 'workemail', 'emailwork', 'personemail', 'primaryemail', 'businessemail', 'email1', 'contactemail'];
/** Most specific first: a HubSpot file has both Lifecycle Stage and Lead Status. */
const STAGE = [
  'dealstage', 'opportunitystage', 'pipelinestage', 'stage', 'lifecyclestage', 'leadstage', 'leadstatus', 'dealstatus',
  'status',
];

const STAGE_MAP: Record<string, Stage> = {
  new: 'lead',
  open: 'lead',
  subscriber: 'lead',
  lead: 'lead',
  mql: 'lead',
  marketingqualifiedlead: 'lead',
  opennotcontacted: 'lead',
  sql: 'discovery',
  salesqualifiedlead: 'discovery',
  working: 'discovery',
  workingcontacted: 'discovery',
  contacted: 'discovery',
  qualified: 'discovery',
  opportunity: 'proposal',
  proposal: 'proposal',
  negotiation: 'negotiation',
  customer: 'won',
  closedwon: 'won',
  closedlost: 'lost',
  unqualified: 'lost',
  closednotconverted: 'lost',
};
// cadence's own stage names mean themselves (a spreadsheet kept by a cadence user).
for (const s of STAGES) STAGE_MAP[s] ??= s;

/** The cadence stage for a CRM value, or null when the value is unknown (the caller warns). */
export function mapStage(value: string): Stage | null {
  return STAGE_MAP[normalize(value)] ?? null;
}

export interface CrmColumns {
  name: number;
  first: number;
  last: number;
  company: number;
  email: number;
  stage: number;
}

function find(header: string[], names: string[]): number {
  for (const n of names) {
    const i = header.indexOf(n);
    if (i >= 0) return i;
  }
  return -1;
}

export function crmColumns(rawHeader: readonly string[]): CrmColumns {
  const header = rawHeader.map(normalize);
  const cols = {
    name: find(header, NAME),
    first: find(header, FIRST),
    last: find(header, LAST),
    company: find(header, COMPANY),
    email: find(header, EMAIL),
    stage: find(header, STAGE),
  };
  if (cols.name < 0 && cols.first < 0 && cols.last < 0) {
    throw new UsageError(
      `line 1: no name column; a CRM file needs Name, or First Name and Last Name (its header is: ${rawHeader.join(', ')}).`,
    );
  }
  return cols;
}

/** Rows of a CRM export (header first) into prospects; unknown stages become lead, with a warning. */
export function planFromCrm(records: Iterable<{ fields: string[]; line: number }>, nowIso: string): ImportPlan {
  const it = records[Symbol.iterator]();
  const first = it.next();
  if (first.done) throw new UsageError('the file is empty.');
  const cols = crmColumns(first.value.fields);
  const prospects: PlanProspect[] = [];
  const warnings: string[] = [];
  const cell = (fields: string[], i: number) => (i < 0 ? '' : (fields[i] ?? '').trim());
  for (let r = it.next(); !r.done; r = it.next()) {
    const { fields, line } = r.value;
    if (fields.every((x) => !x.trim())) continue;
    const where = `line ${line}`;
    f.prefixed(where, () => {
      const full = cell(fields, cols.name) || [cell(fields, cols.first), cell(fields, cols.last)].filter(Boolean).join(' ');
      const stageText = cell(fields, cols.stage);
      let stage: Stage = 'lead';
      if (stageText) {
        const mapped = mapStage(stageText);
        if (mapped) stage = mapped;
        else warnings.push(`${where}: stage "${stageText}" is not one cadence knows; imported as lead.`);
      }
      prospects.push({
        where,
        id: null,
        name: f.name(full),
        company: f.optionalText(cell(fields, cols.company), 'company'),
        email: f.optionalText(cell(fields, cols.email), 'email'),
        stage,
        tags: [],
        createdAt: nowIso,
        doNotContactAt: null,
        doNotContactClearedAt: null,
        buyerDates: [],
        stageHistory: [],
      });
    });
  }
  return { prospects, touches: [], values: [], companyMarks: [], warnings };
}
