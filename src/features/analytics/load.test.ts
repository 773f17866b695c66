import { describe, expect, it } from 'vitest';
import type { Executor } from '../../../graph/executor';
import { analyticsFilterOf } from '../../use-cases/analytics-filter';
import { ValidationError } from '../../use-cases/errors';
import { problemsOf } from './load';

/** The issues the analytics filter gives for a period (no region, sector or need: the graph is not asked). */
async function issuesOf(from: string, to: string) {
  const error = await analyticsFilterOf(undefined as unknown as Executor, { from, to }).then(
    () => null,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof ValidationError)) throw new Error(`expected a ValidationError for ${from}–${to}`);
  return error.issues;
}

describe('the dashboards’ field problems', () => {
  it('says a to date that is not in the calendar is not a date, not that the period is wrong', async () => {
    const issues = await issuesOf('2026-02-01', '2026-02-30');
    expect(issues.map((issue) => [issue.path, issue.code])).toEqual([['to', 'custom']]);
    expect(problemsOf(issues, 'en', { to: '2026-02-30' })).toEqual([
      {
        field: 'to',
        code: 'custom',
        text: 'Write the to date as YYYY-MM-DD, and choose a day that exists in the calendar.',
      },
    ]);
  });

  it('says a to date before the from date, or ten years after it, breaks the period', async () => {
    for (const [from, to] of [
      ['2026-03-01', '2026-02-01'],
      ['2010-01-01', '2026-01-01'],
    ] as const) {
      const problems = problemsOf(await issuesOf(from, to), 'da', { to });
      expect(problems.map((problem) => [problem.field, problem.code, problem.text])).toEqual([
        ['to', 'custom', 'Til-datoen skal ligge på eller efter fra-datoen og højst ti år senere.'],
      ]);
    }
  });
});
