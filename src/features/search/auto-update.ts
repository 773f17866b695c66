/**
 * An opt-in "update as I choose filters" switch for the search form, as a custom element:
 * `<search-auto-update data-form="…">` holding a `<template>` with the switch's markup. Submitting
 * on change moves the reader to a new page, which WCAG 3.2.2 allows only when they chose it, so it
 * is off until ticked. Without JavaScript the template stays inert and nothing shows: the switch
 * could not work, and the form's own submit button already does the job.
 *
 * Plain DOM code rather than a UI framework: it is a checkbox and two listeners, and the search
 * page an SME opens on a phone should not download a framework runtime for that.
 */

const STORAGE_KEY = 'cyberkort.search.autoUpdate';

function readPreference(): boolean {
  try {
    return window.localStorage.getItem(STORAGE_KEY) === 'on';
  } catch {
    return false;
  }
}

function savePreference(enabled: boolean): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, enabled ? 'on' : 'off');
  } catch {
    // Private browsing can refuse storage; the choice then lasts for this page only.
  }
}

/**
 * After a submit on change the address names the filter that changed: open the folded panels
 * around it and put focus back on it, where the reader was.
 */
function returnToChangedFilter(form: HTMLFormElement): void {
  let id: string;
  try {
    id = decodeURIComponent(window.location.hash.slice(1));
  } catch {
    return; // A malformed fragment (#%E2) names no filter.
  }
  const target = document.getElementById(id);
  if (!(target instanceof HTMLInputElement) || !form.contains(target)) return;
  for (let panel = target.closest('details'); panel; panel = panel.parentElement?.closest('details') ?? null) {
    panel.open = true;
  }
  target.focus();
}

class SearchAutoUpdate extends HTMLElement {
  #started = false;

  connectedCallback(): void {
    if (this.#started) return;
    const form = document.getElementById(this.dataset.form ?? '');
    const template = this.querySelector('template');
    if (!(form instanceof HTMLFormElement) || !template) return;
    this.#started = true;
    returnToChangedFilter(form);

    const content = template.content.cloneNode(true) as DocumentFragment;
    const toggle = content.querySelector('input[type="checkbox"]');
    if (!(toggle instanceof HTMLInputElement)) return;
    toggle.checked = readPreference();
    toggle.addEventListener('change', () => savePreference(toggle.checked));

    form.addEventListener('change', (event) => {
      const target = event.target;
      // Only named checkboxes are filters (the switch itself has no name); the free-text and
      // price fields wait for the submit button.
      if (!toggle.checked || !(target instanceof HTMLInputElement) || target.type !== 'checkbox' || !target.name) {
        return;
      }
      // The fragment survives a GET submit, so the reloaded page knows which filter to return to.
      const action = new URL(form.action);
      action.hash = target.id;
      form.action = action.href;
      form.requestSubmit();
    });
    template.replaceWith(content);
  }
}

if (!customElements.get('search-auto-update')) customElements.define('search-auto-update', SearchAutoUpdate);
