import { useEffect, useState } from 'react';

interface Props {
  /** The id of the search form this enhances. */
  formId: string;
  label: string;
}

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
 * An opt-in "update as I choose filters" switch for the search form. Submitting on change moves
 * the reader to a new page, which WCAG 3.2.2 allows only when they chose it, so it is off until
 * ticked. It renders nothing on the server: without JavaScript it could not work, and the form's
 * own submit button already does the job.
 */
export default function AutoUpdate({ formId, label }: Props) {
  const [mounted, setMounted] = useState(false);
  const [enabled, setEnabled] = useState(false);

  useEffect(() => {
    setMounted(true);
    setEnabled(readPreference());
  }, []);

  useEffect(() => {
    // After a submit on change the address names the filter that changed: open the folded panels
    // around it and put focus back on it, where the reader was.
    const form = document.getElementById(formId);
    const target = document.getElementById(decodeURIComponent(window.location.hash.slice(1)));
    if (!(target instanceof HTMLInputElement) || !form?.contains(target)) return;
    for (let panel = target.closest('details'); panel; panel = panel.parentElement?.closest('details') ?? null) {
      panel.open = true;
    }
    target.focus();
  }, [formId]);

  useEffect(() => {
    const form = document.getElementById(formId);
    if (!enabled || !(form instanceof HTMLFormElement)) return undefined;
    const submitOnChange = (event: Event) => {
      const target = event.target;
      // Only named checkboxes are filters; the free-text and price fields wait for the submit button.
      if (target instanceof HTMLInputElement && target.type === 'checkbox' && target.name) {
        // The fragment survives a GET submit, so the reloaded page knows which filter to return to.
        const action = new URL(form.action);
        action.hash = target.id;
        form.action = action.href;
        form.requestSubmit();
      }
    };
    form.addEventListener('change', submitOnChange);
    return () => form.removeEventListener('change', submitOnChange);
  }, [enabled, formId]);

  if (!mounted) return null;
  return (
    <p className="auto-update">
      <label>
        <input
          type="checkbox"
          checked={enabled}
          onChange={(event) => {
            setEnabled(event.currentTarget.checked);
            savePreference(event.currentTarget.checked);
          }}
        />{' '}
        {label}
      </label>
    </p>
  );
}
