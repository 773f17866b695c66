import { describe, expect, it } from 'vitest';
import { msUntilDailySnapshot, SERIES_DEFAULT_DAYS, seriesPeriod } from './analytics-snapshot';

describe('the daily snapshot time', () => {
  it('is the next 00:30 UTC', () => {
    expect(msUntilDailySnapshot(new Date('2031-03-04T00:00:00Z'))).toBe(30 * 60_000);
    expect(msUntilDailySnapshot(new Date('2031-03-04T00:30:00Z'))).toBe(24 * 60 * 60_000);
    expect(msUntilDailySnapshot(new Date('2031-03-04T23:45:00Z'))).toBe(45 * 60_000);
    // The last day of a month rolls over into the next month.
    expect(msUntilDailySnapshot(new Date('2031-02-28T12:00:00Z'))).toBe(12.5 * 60 * 60_000);
  });
});

describe('the period of a series', () => {
  const today = new Date('2031-03-04T15:00:00Z');

  it('is the last 90 days, today included, without one', () => {
    expect(SERIES_DEFAULT_DAYS).toBe(90);
    expect(seriesPeriod({ from: null, to: null }, today)).toEqual({ from: '2030-12-05', to: '2031-03-04' });
  });

  it('runs 90 days back from `to`, and up to today from `from`', () => {
    expect(seriesPeriod({ from: null, to: '2031-01-31' }, today)).toEqual({ from: '2030-11-03', to: '2031-01-31' });
    expect(seriesPeriod({ from: '2031-03-01', to: null }, today)).toEqual({ from: '2031-03-01', to: '2031-03-04' });
    expect(seriesPeriod({ from: '2020-01-01', to: '2020-01-02' }, today)).toEqual({
      from: '2020-01-01',
      to: '2020-01-02',
    });
  });
});
