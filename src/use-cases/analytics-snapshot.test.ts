import { describe, expect, it } from 'vitest';
import {
  msUntilDailySnapshot,
  msUntilNextSnapshotRun,
  SERIES_DEFAULT_DAYS,
  SNAPSHOT_RETRY_MS,
  seriesPeriod,
} from './analytics-snapshot';

describe('the daily snapshot time', () => {
  it('is the next 00:30 UTC', () => {
    expect(msUntilDailySnapshot(new Date('2031-03-04T00:00:00Z'))).toBe(30 * 60_000);
    expect(msUntilDailySnapshot(new Date('2031-03-04T00:30:00Z'))).toBe(24 * 60 * 60_000);
    expect(msUntilDailySnapshot(new Date('2031-03-04T23:45:00Z'))).toBe(45 * 60_000);
    // The last day of a month rolls over into the next month.
    expect(msUntilDailySnapshot(new Date('2031-02-28T12:00:00Z'))).toBe(12.5 * 60 * 60_000);
  });
});

describe('the in-process schedule', () => {
  it('runs again at the next 00:30 UTC after a run that did its work', () => {
    expect(msUntilNextSnapshotRun(new Date('2031-03-04T00:31:00Z'), false)).toBe((24 * 60 - 1) * 60_000);
  });

  it('tries a failed run again 15 minutes later, not the next day, so the day is not lost', () => {
    expect(SNAPSHOT_RETRY_MS).toBe(15 * 60_000);
    expect(msUntilNextSnapshotRun(new Date('2031-03-04T00:31:00Z'), true)).toBe(15 * 60_000);
    // Never past the daily time: a failure at 00:20 is tried again at 00:30.
    expect(msUntilNextSnapshotRun(new Date('2031-03-04T00:20:00Z'), true)).toBe(10 * 60_000);
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

  it('starts at the first day a date can name when `to` is nearer to it than 90 days', () => {
    // Not a day before year 0 (-000001-10-08), which no date parameter could take.
    expect(seriesPeriod({ from: null, to: '0000-01-05' }, today)).toEqual({ from: '0000-01-01', to: '0000-01-05' });
    expect(seriesPeriod({ from: null, to: '0000-03-30' }, today)).toEqual({ from: '0000-01-01', to: '0000-03-30' });
    expect(seriesPeriod({ from: null, to: '0000-03-31' }, today)).toEqual({ from: '0000-01-02', to: '0000-03-31' });
  });
});
