import { describe, expect, it } from 'vitest';
import {
  demandFigure,
  quarterDays,
  quarterOf,
  quartersBetween,
  SUPPLY_MIN_COMPANIES,
  supplyFigure,
  supplyHidden,
  UNDER_SUPPLY,
} from './analytics-public';

describe('the public "under 5" rule for demand cells', () => {
  it('hides a cell of 4 signals and shows 5 and 6 as numbers', () => {
    expect(demandFigure(4, 'public')).toEqual({ value: null, shown: 'under 5' });
    expect(demandFigure(5, 'public')).toEqual({ value: 5, shown: '5' });
    expect(demandFigure(6, 'public')).toEqual({ value: 6, shown: '6' });
  });

  it('hides 0 and 1 too, so an empty cell cannot be told from a small one', () => {
    expect(demandFigure(0, 'public').shown).toBe('under 5');
    expect(demandFigure(1, 'public').value).toBeNull();
  });

  it('shows staff every number', () => {
    expect(demandFigure(4, 'staff')).toEqual({ value: 4, shown: '4' });
    expect(demandFigure(0, 'staff')).toEqual({ value: 0, shown: '0' });
  });
});

describe('the public "under 3" rule for supply cells', () => {
  it('hides every figure of a cell built from 1 or 2 companies', () => {
    expect(SUPPLY_MIN_COMPANIES).toBe(3);
    expect(supplyFigure(1, 1, 'public')).toEqual({ value: null, shown: UNDER_SUPPLY });
    expect(supplyFigure(2, 2, 'public')).toEqual({ value: null, shown: 'under 3' });
    // A cell's product count is hidden by its companies, however many products there are.
    expect(supplyFigure(17, 2, 'public')).toEqual({ value: null, shown: 'under 3' });
    expect(supplyHidden(2, 'public')).toBe(true);
  });

  it('shows a cell of 0 companies, and of 3 or more, as numbers', () => {
    expect(supplyFigure(0, 0, 'public')).toEqual({ value: 0, shown: '0' });
    expect(supplyFigure(3, 3, 'public')).toEqual({ value: 3, shown: '3' });
    expect(supplyFigure(1, 3, 'public')).toEqual({ value: 1, shown: '1' });
    expect(supplyHidden(0, 'public')).toBe(false);
    expect(supplyHidden(3, 'public')).toBe(false);
  });

  it('shows staff every number', () => {
    expect(supplyFigure(2, 2, 'staff')).toEqual({ value: 2, shown: '2' });
    expect(supplyHidden(1, 'staff')).toBe(false);
  });
});

describe('quarters', () => {
  it('knows each quarter’s first and last day, leap years included', () => {
    expect(quarterDays('2033-Q1')).toEqual({ from: '2033-01-01', to: '2033-03-31' });
    expect(quarterDays('2032-Q1')).toEqual({ from: '2032-01-01', to: '2032-03-31' });
    expect(quarterDays('2033-Q2')).toEqual({ from: '2033-04-01', to: '2033-06-30' });
    expect(quarterDays('2033-Q4')).toEqual({ from: '2033-10-01', to: '2033-12-31' });
    expect(quarterOf('2033-03-31')).toBe('2033-Q1');
    expect(quarterOf('2033-04-01')).toBe('2033-Q2');
    expect(quarterOf('2033-12-31')).toBe('2033-Q4');
  });

  it('splits a period into its quarters, clipped to the period', () => {
    expect(quartersBetween('2033-02-14', '2033-08-02')).toEqual([
      { quarter: '2033-Q1', from: '2033-02-14', to: '2033-03-31' },
      { quarter: '2033-Q2', from: '2033-04-01', to: '2033-06-30' },
      { quarter: '2033-Q3', from: '2033-07-01', to: '2033-08-02' },
    ]);
    expect(quartersBetween('2033-12-01', '2034-01-01').map((span) => span.quarter)).toEqual(['2033-Q4', '2034-Q1']);
    expect(quartersBetween('2033-05-05', '2033-05-05')).toEqual([
      { quarter: '2033-Q2', from: '2033-05-05', to: '2033-05-05' },
    ]);
  });
});
