import { describe, expect, it } from 'vitest';
import { NEEDS } from '../../../graph/data/needs';
import { ANSWERS, answerSignalsNeed, NEED_QUESTIONS, needsFromAnswers, questionParam } from './questions';

describe('NEED_QUESTIONS', () => {
  it('asks only catalogue needs that have a question text, each once', () => {
    const catalogue = new Map(NEEDS.map((need) => [need.slug, need]));
    for (const { need } of NEED_QUESTIONS) {
      expect(catalogue.get(need)?.question.da, need).toBeTruthy();
      expect(catalogue.get(need)?.question.en, need).toBeTruthy();
    }
    expect(new Set(NEED_QUESTIONS.map(({ need }) => need)).size).toBe(NEED_QUESTIONS.length);
  });

  it('has at least one answer that signals the need and one that does not, so every answer means something', () => {
    for (const { need, signalledBy } of NEED_QUESTIONS) {
      expect(signalledBy.length, need).toBeGreaterThan(0);
      expect(signalledBy.length, need).toBeLessThan(ANSWERS.length);
    }
  });

  it('reads the questions the way they are worded', () => {
    // "Har I backup, som I har prøvet at gendanne fra?" — no (or not knowing) means help is needed.
    expect(answerSignalsNeed('backup-og-gendannelse', 'no')).toBe(true);
    expect(answerSignalsNeed('backup-og-gendannelse', 'unsure')).toBe(true);
    expect(answerSignalsNeed('backup-og-gendannelse', 'yes')).toBe(false);
    // "Er I omfattet af NIS2, eller har en kunde bedt jer leve op til NIS2?" — yes means help is needed.
    expect(answerSignalsNeed('nis2-krav', 'yes')).toBe(true);
    expect(answerSignalsNeed('nis2-krav', 'no')).toBe(false);
    // "Har en kunde, et forsikringsselskab eller en revisor bedt om en penetrationstest?"
    expect(answerSignalsNeed('penetrationstest', 'yes')).toBe(true);
    expect(answerSignalsNeed('penetrationstest', 'unsure')).toBe(false);
  });

  it('signals nothing for a need that has no question here', () => {
    expect(answerSignalsNeed('dora-krav', 'yes')).toBe(false);
  });
});

describe('needsFromAnswers', () => {
  it('returns the signalled needs in question order, not answer order', () => {
    expect(
      needsFromAnswers({
        'backup-og-gendannelse': 'no',
        'nis2-krav': 'yes',
        'tofaktor-login': 'yes',
        penetrationstest: 'no',
      }),
    ).toEqual(['nis2-krav', 'backup-og-gendannelse']);
  });

  it('returns nothing for no answers', () => {
    expect(needsFromAnswers({})).toEqual([]);
  });
});

describe('questionParam', () => {
  it('names the URL parameter after the need', () => {
    expect(questionParam('backup-og-gendannelse')).toBe('q_backup-og-gendannelse');
  });
});
