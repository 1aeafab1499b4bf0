import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTimestamp, parseUsageReport } from '../../src/domain/usage.js';

/** The usage API's body rules (docs/usage-api.md), without HTTP. */
const NOW = new Date('2026-11-28T10:00:00.000Z');
const bytes = (text: string) => new TextEncoder().encode(text);
const parse = (text: string) => parseUsageReport(bytes(text), NOW);
const errorOf = (text: string) => {
  const result = parse(text);
  expect(result.ok).toBe(false);
  return result.ok ? '' : result.error;
};

describe('parseUsageReport: accepted bodies', () => {
  it.each([
    ['', null, NOW],
    ['   \n', null, NOW],
    ['{}', null, NOW],
    ['{"user_email": null, "occurred_at": null}', null, NOW],
    ['{"user_email": "Ann.Lee@Example.com"}', 'Ann.Lee@Example.com', NOW],
    ['{"user_email": "  ann@example.com "}', 'ann@example.com', NOW],
    ['{"user_email": "王芳@例子.中国"}', '王芳@例子.中国', NOW],
    ['{"occurred_at": "2026-11-28T09:30:00Z"}', null, new Date('2026-11-28T09:30:00.000Z')],
    ['{"occurred_at": "2026-11-28T17:30:00+08:00"}', null, new Date('2026-11-28T09:30:00.000Z')],
    ['{"occurred_at": "2026-11-28T04:00-05:30"}', null, new Date('2026-11-28T09:30:00.000Z')],
    ['{"occurred_at": "2026-11-28t09:30:00.25z"}', null, new Date('2026-11-28T09:30:00.250Z')],
    ['{"occurred_at": "2026-11-28T09:30:00.123456789Z"}', null, new Date('2026-11-28T09:30:00.123Z')],
    // Up to five minutes ahead of our clock is skew, not the future.
    ['{"occurred_at": "2026-11-28T10:05:00Z"}', null, new Date('2026-11-28T10:05:00.000Z')],
    // Exactly one year (365 days) back is still accepted.
    ['{"occurred_at": "2025-11-28T10:00:00Z"}', null, new Date('2025-11-28T10:00:00.000Z')],
    // Some Windows tools start a body with a byte-order mark; it is not part of the JSON.
    ['\ufeff{"user_email":"a@b.co"}', 'a@b.co', NOW],
  ])('%j', (text, userEmail, occurredAt) => {
    expect(parse(text)).toEqual({ ok: true, report: { userEmail, occurredAt, id: null } });
  });

  it.each([
    ['{"id": "evt-1"}', 'evt-1'],
    ['{"id": null}', null],
    [`{"id": "${'x'.repeat(100)}"}`, 'x'.repeat(100)],
    ['{"id": "报告-7"}', '报告-7'],
  ])('the report id of %j', (text, id) => {
    expect(parse(text)).toEqual({ ok: true, report: { userEmail: null, occurredAt: NOW, id } });
  });
});

describe('parseUsageReport: refused bodies say why', () => {
  it.each([
    ['{', 'body is not valid JSON'],
    ['user_email=a@b.co', 'body is not valid JSON'],
    ["{'user_email': 'a@b.co'}", 'body is not valid JSON'],
    ['[]', 'body must be a JSON object'],
    ['null', 'body must be a JSON object'],
    ['"a@b.co"', 'body must be a JSON object'],
    ['42', 'body must be a JSON object'],
    ['{"user": "a@b.co"}', 'unknown field "user"; allowed fields are user_email, occurred_at and id'],
    ['{"id": ""}', 'id must be a string of 1 to 100 characters'],
    ['{"id": 7}', 'id must be a string of 1 to 100 characters'],
    [`{"id": "${'x'.repeat(101)}"}`, 'id must be a string of 1 to 100 characters'],
    ['{"user_email": "a@b.co", "count": 3}', 'unknown field "count"'],
    ['{"__proto__": {}}', 'unknown field "__proto__"'],
    ['{"user_email": 42}', 'user_email must be a string'],
    ['{"user_email": ["a@b.co"]}', 'user_email must be a string'],
    ['{"user_email": ""}', 'user_email must be an email address'],
    ['{"user_email": "ann"}', 'user_email must be an email address'],
    ['{"user_email": "ann @example.com"}', 'user_email must be an email address'],
    [`{"user_email": "${'a'.repeat(250)}@b.co"}`, 'user_email must be an email address'],
    ['{"occurred_at": 1764323400}', 'occurred_at must be a string'],
    ['{"occurred_at": "yesterday"}', 'occurred_at must be an ISO 8601 time with a time zone'],
    ['{"occurred_at": "2026-11-28T09:30:00"}', 'occurred_at must be an ISO 8601 time with a time zone'],
    ['{"occurred_at": "2026-11-28"}', 'occurred_at must be an ISO 8601 time with a time zone'],
    ['{"occurred_at": "2026-02-30T09:30:00Z"}', 'occurred_at must be an ISO 8601 time with a time zone'],
    ['{"occurred_at": "2026-11-28T10:05:01Z"}', 'occurred_at is in the future'],
    ['{"occurred_at": "2027-01-01T00:00:00Z"}', 'occurred_at is in the future'],
    ['{"occurred_at": "2025-11-28T09:59:59Z"}', 'occurred_at is more than one year ago'],
    ['{"occurred_at": "1970-01-01T00:00:00Z"}', 'occurred_at is more than one year ago'],
  ])('%j', (text, message) => {
    expect(errorOf(text)).toContain(message);
  });

  it('refuses a body that is not UTF-8', () => {
    const result = parseUsageReport(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), NOW);
    expect(result).toEqual({ ok: false, error: 'body is not valid UTF-8' });
  });

  it('shortens a very long unknown field name in the error', () => {
    const error = errorOf(`{"${'x'.repeat(5000)}": 1}`);
    expect(error.length).toBeLessThan(200);
  });
});

describe('parseTimestamp', () => {
  it.each([
    ['2024-02-29T00:00:00Z', '2024-02-29T00:00:00.000Z'],
    ['2026-12-31T23:59:59+00:00', '2026-12-31T23:59:59.000Z'],
    ['2026-01-01T00:30:00+01:00', '2025-12-31T23:30:00.000Z'],
    ['2026-11-28T09:30:00-00:00', '2026-11-28T09:30:00.000Z'],
  ])('%j is %s', (text, iso) => {
    expect(parseTimestamp(text)?.toISOString()).toBe(iso);
  });

  it.each([
    '2026-02-29T00:00:00Z',
    '2026-04-31T00:00:00Z',
    '2026-13-01T00:00:00Z',
    '2026-00-10T00:00:00Z',
    '2026-11-00T00:00:00Z',
    '2026-11-28T24:00:00Z',
    '2026-11-28T23:60:00Z',
    '2026-11-28T23:59:60Z',
    '2026-11-28T10:00:00+24:00',
    '2026-11-28T10:00:00+05:60',
    '2026-11-28 10:00:00Z',
    '2026-11-28T10:00:00.Z',
    '2026-11-28T10:00:00.1234567890Z',
    ' 2026-11-28T10:00:00Z',
    '+002026-11-28T10:00:00Z',
    '2026-11-28T10:00:00+0800',
  ])('%j is refused', (text) => {
    expect(parseTimestamp(text)).toBeNull();
  });

  it('reads back every millisecond-precision time JavaScript writes', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('1000-01-01T00:00:00Z'),
          max: new Date('9999-12-31T23:59:59Z'),
          noInvalidDate: true,
        }),
        (date) => {
          expect(parseTimestamp(date.toISOString())?.getTime()).toBe(date.getTime());
        },
      ),
    );
  });

  it('never throws, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const result = parseTimestamp(text);
        expect(result === null || !Number.isNaN(result.getTime())).toBe(true);
      }),
    );
  });
});

describe('parseUsageReport: any bytes', () => {
  it('never throws and always gives a report or a reason', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 200 }),
          fc.json().map(bytes),
          fc.jsonValue().map((v) => bytes(JSON.stringify(v))),
        ),
        (body) => {
          const result = parseUsageReport(body, NOW);
          if (result.ok) expect(result.report.occurredAt).toBeInstanceOf(Date);
          else expect(result.error.trim()).not.toBe('');
        },
      ),
    );
  });
});
