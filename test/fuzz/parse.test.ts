// The parsers at the input boundary (src/domain/parse.ts), fuzzed: whatever a user types, they return a
// well-formed value or throw a UsageError (exit 2) - never a TypeError, RangeError or anything else.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/domain/errors.js';
import { cleanText, parseDateTime, parseDay, parseEnum, parseName, parseTag, parseValue } from '../../src/domain/parse.js';
import { CHANNELS, DIRECTIONS, OUTCOMES, STAGES, VALUE_KINDS } from '../../src/domain/types.js';

const RUNS = { numRuns: 400, seed: 20261120 };

/** Runs fn; a thrown UsageError is fine (returned as such), anything else fails the property. */
function usageOrValue<T>(fn: () => T): { ok: true; value: T } | { ok: false; error: UsageError } {
  try {
    return { ok: true, value: fn() };
  } catch (e) {
    if (e instanceof UsageError) return { ok: false, error: e };
    throw new Error(`threw ${(e as Error)?.constructor?.name}: ${(e as Error)?.message}`);
  }
}

/** Anything a terminal could hand us: unicode, control characters, lone surrogates, ISO-looking noise. */
const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: fc.constantFrom(...'0123456789-:TZ+. tz\n\t\u0000'.split('')), maxLength: 32 }),
  fc.string({ unit: 'binary-ascii', maxLength: 40 }),
);

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** A real calendar moment as parts (year 1000..9999; years under 100 collide with Date's 19xx mapping). */
const realParts = fc
  .record({ y: fc.integer({ min: 1000, max: 9999 }), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 31 }), h: fc.integer({ min: 0, max: 23 }), mi: fc.integer({ min: 0, max: 59 }), s: fc.integer({ min: 0, max: 59 }), ms: fc.integer({ min: 0, max: 999 }) })
  .map((p) => ({ ...p, d: Math.min(p.d, daysIn(p.y, p.m)) }));

describe('parseDateTime', () => {
  it('never throws anything but UsageError, and what it accepts is a valid Date', () => {
    fc.assert(
      fc.property(anyText, (s) => {
        const r = usageOrValue(() => parseDateTime(s, '--at'));
        if (r.ok) expect(Number.isNaN(r.value.getTime())).toBe(false);
        else expect(r.error.message).toContain('--at');
      }),
      RUNS,
    );
  });

  it('a local date and time round-trips to the same moment as the Date constructor gives (env TZ)', () => {
    fc.assert(
      fc.property(realParts, fc.constantFrom('T', ' '), fc.integer({ min: 0, max: 2 }), ({ y, m, d, h, mi, s }, sep, form) => {
        const date = `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
        const text = form === 0 ? date : form === 1 ? `${date}${sep}${pad(h)}:${pad(mi)}` : `${date}${sep}${pad(h)}:${pad(mi)}:${pad(s)}`;
        const want = form === 0 ? new Date(y, m - 1, d) : new Date(y, m - 1, d, h, mi, form === 2 ? s : 0);
        expect(parseDateTime(text).getTime()).toBe(want.getTime());
      }),
      RUNS,
    );
  });

  it('a UTC or offset datetime is that exact instant, and toISOString() output parses back to itself', () => {
    fc.assert(
      fc.property(realParts, fc.integer({ min: -14 * 60, max: 14 * 60 }), ({ y, m, d, h, mi, s, ms }, off) => {
        const utc = Date.UTC(y, m - 1, d, h, mi, s, ms);
        const iso = new Date(utc).toISOString();
        expect(parseDateTime(iso).toISOString()).toBe(iso);
        const sign = off < 0 ? '-' : '+';
        const zone = `${sign}${pad(Math.floor(Math.abs(off) / 60))}:${pad(Math.abs(off) % 60)}`;
        const text = `${pad(y, 4)}-${pad(m)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}${zone}`;
        expect(parseDateTime(text).getTime()).toBe(Date.UTC(y, m - 1, d, h, mi, s) - off * 60_000);
      }),
      RUNS,
    );
  });

  it('impossible dates and times are rejected, not rolled over (2026-02-30, 2025-02-29, 24:00, 10:60)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1000, max: 9999 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 20 }),
        fc.boolean(),
        (y, m, over, withTime) => {
          const d = daysIn(y, m) + over; // past the month's last day
          if (d > 99) return;
          const text = `${pad(y, 4)}-${pad(m)}-${pad(d)}${withTime ? 'T10:00' : ''}`;
          expect(() => parseDateTime(text)).toThrow(UsageError);
        },
      ),
      RUNS,
    );
    for (const bad of ['2026-02-29', '2026-02-30', '2025-02-29', '2100-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-01-00', '2026-03-15T24:00', '2026-03-15T10:60', '2026-03-15T10:00:60', '2026-03-15T10:00+24:00']) {
      expect(() => parseDateTime(bad), bad).toThrow(UsageError);
    }
    for (const good of ['2024-02-29', '2000-02-29', '2026-03-15', '2026-03-15T14:30', '2026-03-15T14:30:00Z', '2026-03-15T14:30:00.5+05:30']) {
      expect(() => parseDateTime(good), good).not.toThrow();
    }
  });

  it('parseDay gives the local calendar day of what parseDateTime accepts, as YYYY-MM-DD', () => {
    fc.assert(
      fc.property(anyText, (s) => {
        const r = usageOrValue(() => parseDay(s, '--buyer-date'));
        if (r.ok) expect(r.value).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      }),
      RUNS,
    );
    fc.assert(
      fc.property(realParts, ({ y, m, d }) => {
        expect(parseDay(`${pad(y, 4)}-${pad(m)}-${pad(d)}`)).toBe(`${pad(y, 4)}-${pad(m)}-${pad(d)}`);
      }),
      RUNS,
    );
  });
});

describe('parseValue (KIND or KIND:text)', () => {
  it('never throws anything but UsageError; what it returns is a known kind with clean text', () => {
    fc.assert(
      fc.property(anyText, (s) => {
        const r = usageOrValue(() => parseValue(s));
        if (!r.ok) return;
        expect(VALUE_KINDS).toContain(r.value.kind);
        if (r.value.kind === 'none') expect(r.value.text).toBeNull();
        if (r.value.text !== null) {
          expect(r.value.text.length).toBeGreaterThan(0);
          expect(r.value.text).toBe(r.value.text.trim());
          // eslint-disable-next-line no-control-regex
          expect(r.value.text).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/);
        }
      }),
      RUNS,
    );
  });

  it('KIND:text in any case keeps the kind and the text (colons in the text included)', () => {
    const kind = fc.constantFrom(...VALUE_KINDS.filter((k) => k !== 'none'));
    const text = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }).filter((t) => t.trim().length > 0 && !/[\u0000-\u001f\u007f]/.test(t));
    fc.assert(
      fc.property(kind, fc.boolean(), text, (k, upper, t) => {
        const v = parseValue(`${upper ? k.toUpperCase() : k}:${t}`);
        expect(v).toEqual({ kind: k, text: t.trim() });
      }),
      RUNS,
    );
    expect(parseValue('resource:Churn report: 2026 edition')).toEqual({ kind: 'resource', text: 'Churn report: 2026 edition' });
    expect(parseValue('none')).toEqual({ kind: 'none', text: null });
    expect(parseValue('insight:')).toEqual({ kind: 'insight', text: null });
    expect(() => parseValue('none:hello')).toThrow(UsageError);
    expect(() => parseValue('checkin:hello')).toThrow(UsageError);
    expect(() => parseValue('')).toThrow(UsageError);
  });
});

describe('parseName', () => {
  const NASTY = [
    "Robert'); DROP TABLE prospects;--",
    "' OR '1'='1",
    '%_\\',
    '"; .quit',
    'Zoë Ødegaard',
    'e\u0301',
    '李小龙',
    'مرحبا',
    '👩‍💻 Dev',
    '\u200bzero width',
    'a'.repeat(200),
    'a'.repeat(201),
    '   ',
    '12345',
    '007 Bond',
    'tab\tname',
    'new\nline',
    'bell\u0007',
    'esc\u001b[31mred',
    'del\u007f',
    '\ud800 lone surrogate',
  ];

  it('never throws anything but UsageError; accepted names are trimmed, collapsed, NFC, 1..200 chars, not only digits', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, fc.constantFrom(...NASTY), fc.string({ unit: 'grapheme', minLength: 190, maxLength: 260 })), (s) => {
        const r = usageOrValue(() => parseName(s));
        if (!r.ok) return;
        const n = r.value;
        expect(n.length).toBeGreaterThan(0);
        expect(n.length).toBeLessThanOrEqual(200);
        expect(n).toBe(n.trim());
        expect(n).not.toMatch(/\s\s/);
        expect(n).toBe(n.normalize('NFC'));
        expect(n).not.toMatch(/^\d+$/);
        // eslint-disable-next-line no-control-regex
        expect(n).not.toMatch(/[\u0000-\u001f\u007f]/);
        // Idempotent: a stored name parses to itself.
        expect(parseName(n)).toBe(n);
      }),
      RUNS,
    );
  });

  it('the nasty ones: SQL metacharacters and unicode are just names; control characters, empty, digits-only and >200 are refused', () => {
    for (const s of NASTY) {
      const r = usageOrValue(() => parseName(s));
      const refused = /^\s*$/.test(s) || /^\d+$/.test(s.trim()) || s.trim().length > 200 || /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s);
      expect(r.ok, s).toBe(!refused);
    }
  });
});

describe('parseEnum', () => {
  const lists = [STAGES, CHANNELS, DIRECTIONS, OUTCOMES, VALUE_KINDS] as readonly (readonly string[])[];

  it('never throws anything but UsageError, and only ever returns a member of the list', () => {
    fc.assert(
      fc.property(fc.constantFrom(...lists), anyText, (list, s) => {
        const r = usageOrValue(() => parseEnum(s, list, 'thing', '--flag'));
        if (r.ok) expect(list).toContain(r.value);
        else expect(r.error.message).toContain(list.join(', '));
      }),
      RUNS,
    );
  });

  it('a member in any case with surrounding spaces is that member', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...lists).chain((l) => fc.tuple(fc.constant(l), fc.constantFrom(...l))),
        fc.array(fc.boolean(), { minLength: 20, maxLength: 20 }),
        fc.constantFrom('', ' ', '  '),
        ([list, member], caps, space) => {
          const mixed = [...member].map((c, i) => (caps[i % caps.length] ? c.toUpperCase() : c)).join('');
          expect(parseEnum(`${space}${mixed}${space}`, list, 'thing')).toBe(member);
        },
      ),
      RUNS,
    );
  });

  it('a near miss suggests the member ("emial" -> "email")', () => {
    expect(() => parseEnum('emial', CHANNELS, 'channel', '--channel')).toThrow(/Did you mean "email"\?/);
  });
});

describe('parseTag and cleanText', () => {
  it('never throw anything but UsageError; a tag is one lower-case word', () => {
    fc.assert(
      fc.property(anyText, (s) => {
        const t = usageOrValue(() => parseTag(s));
        if (t.ok) {
          expect(t.value).toBe(t.value.toLowerCase());
          expect(t.value).not.toMatch(/[\s,]/);
          expect(t.value.length).toBeGreaterThan(0);
        }
        const c = usageOrValue(() => cleanText(s, 'note'));
        if (c.ok) expect(c.value).toBe(c.value.trim());
      }),
      RUNS,
    );
  });
});
