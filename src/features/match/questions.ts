/**
 * Plain-language questions as a second way to reach the needs: an SME owner who cannot name
 * what they need can still say whether their backup has been tested. Each question is the
 * need's own `question` text from the catalogue, so it is identified by the need's slug (the
 * URL parameter is `q_<slug>`). Questions are worded both ways round ("Har I backup …?" is a
 * need when the answer is no, "Har en kunde bedt om en penetrationstest?" when it is yes), so
 * which answers signal the need is stated here, per question.
 */

export const ANSWERS = ['yes', 'no', 'unsure'] as const;
export type Answer = (typeof ANSWERS)[number];

export interface NeedQuestion {
  /** The need the question leads to; its catalogue `question` is the text shown. */
  need: string;
  /** The answers that mean "you need help with this". */
  signalledBy: readonly Answer[];
}

/**
 * A few questions, not all of the catalogue's: the ones an owner can answer without knowing
 * any security terms, in the order a conversation would take them. "Ved ikke" counts as a
 * need where not knowing is itself the problem (nobody knows whether the backup works).
 */
export const NEED_QUESTIONS: readonly NeedQuestion[] = [
  { need: 'nis2-krav', signalledBy: ['yes', 'unsure'] },
  { need: 'sikkerhedskrav-fra-stor-kunde', signalledBy: ['yes'] },
  { need: 'penetrationstest', signalledBy: ['yes'] },
  { need: 'backup-og-gendannelse', signalledBy: ['no', 'unsure'] },
  { need: 'tofaktor-login', signalledBy: ['no', 'unsure'] },
  { need: 'e-mail-og-phishing-beskyttelse', signalledBy: ['yes'] },
  { need: 'awareness-traening', signalledBy: ['no', 'unsure'] },
  { need: 'akut-hjaelp-ved-angreb', signalledBy: ['no', 'unsure'] },
];

export const QUESTION_PARAM_PREFIX = 'q_';

export function questionParam(need: string): string {
  return `${QUESTION_PARAM_PREFIX}${need}`;
}

export function isAnswer(value: string): value is Answer {
  return (ANSWERS as readonly string[]).includes(value);
}

export function questionFor(need: string): NeedQuestion | undefined {
  return NEED_QUESTIONS.find((question) => question.need === need);
}

/** True when this answer to the need's question means the SME needs help with it. */
export function answerSignalsNeed(need: string, answer: Answer): boolean {
  return questionFor(need)?.signalledBy.includes(answer) ?? false;
}

/** The needs the answers point to, in question order (the order the reader met them). */
export function needsFromAnswers(answers: Readonly<Record<string, Answer>>): string[] {
  return NEED_QUESTIONS.filter(({ need }) => {
    const answer = answers[need];
    return answer !== undefined && answerSignalsNeed(need, answer);
  }).map(({ need }) => need);
}
