/**
 * Turns the long needs-wizard form into one step at a time with a progress indicator, as a custom
 * element: `<match-wizard data-form data-progress data-nav data-text-…>`. The server renders the
 * whole form, which works on its own; this only hides the other steps and adds back/next buttons
 * to two empty containers in the form, so every answer is still a field of the same GET form and
 * the submit button works from any step. It does nothing unless it finds two steps or more.
 *
 * Plain DOM code rather than a UI framework: it shows and hides sections and moves focus, and the
 * wizard an SME opens on a phone should not download a framework runtime for that.
 */

interface Step {
  element: HTMLElement;
  heading: HTMLElement | null;
  title: string;
}

/** Fills `{name}` placeholders of a dictionary template; unknown names stay as they are. */
function fillTemplate(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    values[name] === undefined ? match : String(values[name]),
  );
}

function button(className: string, text: string, onClick: () => void): HTMLButtonElement {
  const element = document.createElement('button');
  element.type = 'button';
  element.className = className;
  element.textContent = text;
  element.addEventListener('click', onClick);
  return element;
}

class MatchWizard extends HTMLElement {
  #started = false;

  connectedCallback(): void {
    if (this.#started) return;
    const { form: formId, progress: progressId, nav: navId } = this.dataset;
    const form = document.getElementById(formId ?? '');
    const progress = document.getElementById(progressId ?? '');
    const nav = document.getElementById(navId ?? '');
    if (!form || !progress || !nav) return;
    const steps: Step[] = [...form.querySelectorAll<HTMLElement>('[data-wizard-step]')].map((element) => {
      const heading = element.querySelector<HTMLElement>('.step-heading');
      return { element, heading, title: heading?.textContent?.trim() ?? '' };
    });
    if (steps.length < 2) return;
    this.#started = true;
    this.#run(steps, progress, nav);
  }

  #run(steps: Step[], progress: HTMLElement, nav: HTMLElement): void {
    const text = {
      progress: this.dataset.textProgress ?? '',
      steps: this.dataset.textSteps ?? '',
      next: this.dataset.textNext ?? '',
      back: this.dataset.textBack ?? '',
    };
    const total = steps.length;
    let current = 0;

    const status = document.createElement('p');
    status.className = 'wizard-status';
    // The bar repeats the status line's "step 2 of 4" for the eye; assistive technology reads the line.
    const bar = document.createElement('progress');
    bar.className = 'wizard-bar';
    bar.max = total;
    bar.setAttribute('aria-hidden', 'true');
    const list = document.createElement('ol');
    list.className = 'wizard-steps';
    list.setAttribute('aria-label', text.steps);
    const stepButtons = steps.map((step, index) => {
      const item = document.createElement('li');
      const link = button('wizard-step-link', `${index + 1}. ${step.title}`, () => go(index));
      item.append(link);
      list.append(item);
      return link;
    });
    progress.replaceChildren(status, bar, list);

    const back = button('button button-secondary', text.back, () => go(current - 1));
    const next = button('button button-secondary', '', () => go(current + 1));

    const show = () => {
      steps.forEach((step, index) => {
        step.element.hidden = index !== current;
      });
      status.textContent = fillTemplate(text.progress, {
        step: current + 1,
        total,
        title: steps[current]?.title ?? '',
      });
      bar.value = current + 1;
      stepButtons.forEach((link, index) => {
        if (index === current) link.setAttribute('aria-current', 'step');
        else link.removeAttribute('aria-current');
      });
      const following = steps[current + 1];
      if (following) next.textContent = fillTemplate(text.next, { title: following.title });
      // Buttons that lead nowhere are left out, not disabled: a disabled button is a dead end to tab onto.
      nav.replaceChildren(...(current > 0 ? [back] : []), ...(following ? [next] : []));
    };

    // Focus moves only when the reader changes step, never on page load: the new step's heading
    // takes it, so a screen reader announces where the reader now is.
    const go = (index: number) => {
      current = Math.max(0, Math.min(total - 1, index));
      show();
      steps[current]?.heading?.focus();
    };

    show();
  }
}

if (!customElements.get('match-wizard')) customElements.define('match-wizard', MatchWizard);
