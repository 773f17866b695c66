import { describe, expect, it } from 'vitest';
import { addMonths, confirmationState, isUnconfirmed } from './confirmation';

describe('the yearly confirmation period', () => {
  it('counts calendar months, clamping the day to the month it lands in', () => {
    expect(addMonths(new Date('2026-01-31T10:00:00Z'), 1).toISOString()).toBe('2026-02-28T10:00:00.000Z');
    expect(addMonths(new Date('2027-03-15T00:00:00Z'), 11).toISOString()).toBe('2028-02-15T00:00:00.000Z');
    expect(addMonths(new Date('2026-12-02T00:00:00Z'), 15).toISOString()).toBe('2028-03-02T00:00:00.000Z');
  });

  it('is current for a year, marked from 12 months and out of matching from 15', () => {
    const confirmed = '2026-01-10T12:00:00Z';
    const at = (iso: string) => confirmationState(confirmed, new Date(iso));
    expect(at('2026-12-10T12:00:00Z')).toBe('current');
    expect(at('2027-01-10T11:59:59Z')).toBe('current');
    expect(at('2027-01-10T12:00:00Z')).toBe('unconfirmed');
    expect(at('2027-04-10T11:59:59Z')).toBe('unconfirmed');
    expect(at('2027-04-10T12:00:00Z')).toBe('lapsed');
    expect(isUnconfirmed(confirmed, new Date('2027-05-01T00:00:00Z'))).toBe(true);
    expect(isUnconfirmed(Date.parse(confirmed), new Date('2026-06-01T00:00:00Z'))).toBe(false);
  });

  it('does not mark a listing whose confirmation date is unknown', () => {
    expect(confirmationState(null, new Date('2030-01-01T00:00:00Z'))).toBe('current');
    expect(confirmationState('not a date', new Date('2030-01-01T00:00:00Z'))).toBe('current');
  });
});
