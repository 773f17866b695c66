import { useEffect, useState } from 'react';
import { createPortal } from 'react-dom';

interface Props {
  /** The wizard form this enhances; its steps are the elements marked `data-wizard-step`. */
  formId: string;
  /** Empty containers in the form for the progress indicator (top) and the step buttons (bottom). */
  progressId: string;
  navId: string;
  /** Templates from the dictionary: `{step}`, `{total}` and `{title}` are filled in here. */
  text: { progress: string; steps: string; next: string; back: string };
}

interface Step {
  element: HTMLElement;
  heading: HTMLElement | null;
  title: string;
}

function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    values[name] === undefined ? match : String(values[name]),
  );
}

/**
 * Turns the long wizard form into one step at a time with a progress indicator. The server
 * renders the whole form, which works on its own; this island only hides the other steps and
 * adds back/next buttons, so every answer is still a field of the same GET form and the submit
 * button works from any step. It renders nothing until it has found the steps.
 */
export default function Wizard({ formId, progressId, navId, text }: Props) {
  const [steps, setSteps] = useState<Step[]>([]);
  const [targets, setTargets] = useState<{ progress: HTMLElement; nav: HTMLElement } | null>(null);
  const [current, setCurrent] = useState(0);
  // Focus moves only when the reader changes step, never on page load.
  const [moved, setMoved] = useState(false);

  useEffect(() => {
    const form = document.getElementById(formId);
    const progress = document.getElementById(progressId);
    const nav = document.getElementById(navId);
    if (!form || !progress || !nav) return;
    const found = [...form.querySelectorAll<HTMLElement>('[data-wizard-step]')].map((element) => {
      const heading = element.querySelector<HTMLElement>('.step-heading');
      return { element, heading, title: heading?.textContent?.trim() ?? '' };
    });
    if (found.length < 2) return;
    setSteps(found);
    setTargets({ progress, nav });
  }, [formId, progressId, navId]);

  useEffect(() => {
    steps.forEach((step, index) => {
      step.element.hidden = index !== current;
    });
    return () => {
      for (const step of steps) step.element.hidden = false;
    };
  }, [steps, current]);

  useEffect(() => {
    if (moved) steps[current]?.heading?.focus();
  }, [moved, steps, current]);

  if (!targets || steps.length === 0) return null;
  const total = steps.length;
  const go = (index: number) => {
    setCurrent(Math.max(0, Math.min(total - 1, index)));
    setMoved(true);
  };
  const next = steps[current + 1];

  return (
    <>
      {createPortal(
        <>
          <p className="wizard-status">
            {fill(text.progress, { step: current + 1, total, title: steps[current]?.title ?? '' })}
          </p>
          <progress className="wizard-bar" max={total} value={current + 1} aria-hidden="true" />
          <ol className="wizard-steps" aria-label={text.steps}>
            {steps.map((step, index) => (
              <li key={step.title}>
                <button
                  type="button"
                  className="wizard-step-link"
                  aria-current={index === current ? 'step' : undefined}
                  onClick={() => go(index)}
                >
                  {index + 1}. {step.title}
                </button>
              </li>
            ))}
          </ol>
        </>,
        targets.progress,
      )}
      {createPortal(
        <>
          {current > 0 && (
            <button type="button" className="button button-secondary" onClick={() => go(current - 1)}>
              {text.back}
            </button>
          )}
          {next && (
            <button type="button" className="button button-secondary" onClick={() => go(current + 1)}>
              {fill(text.next, { title: next.title })}
            </button>
          )}
        </>,
        targets.nav,
      )}
    </>
  );
}
