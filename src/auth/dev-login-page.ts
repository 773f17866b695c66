import { createHash } from 'node:crypto';
import { escapeHtml } from './escape-html';

/**
 * The development identity provider's pages: the list of test people to log in as, and its error
 * page. Every page opens with a banner saying this is not a real login, so a screenshot of it can
 * never pass for MitID. Plain HTML with one stylesheet whose hash the provider's policy names.
 */

export interface DevPerson {
  /** The login's subject, which is also what the login form sends. */
  subject: string;
  kind: 'vendor' | 'staff';
  name: string;
  email: string;
  /** Vendors: the CVR number the login carries. */
  cvr?: string;
  /** Staff: the groups the login carries. */
  groups?: string[];
  /** Who this is, in a few words (the company and whether it is in the directory, or the role). */
  description: string;
}

const STYLE = `
body{font-family:system-ui,sans-serif;margin:0;background:#f4f4f0;color:#1b1b1b}
.dev{background:#8a1c00;color:#fff;padding:.75rem 1rem;font-weight:600}
main{max-width:40rem;margin:1.5rem auto;padding:0 1rem}
ul{list-style:none;padding:0}
li{margin:.5rem 0}
button{width:100%;text-align:left;padding:.75rem 1rem;border:1px solid #777;border-radius:.4rem;background:#fff;font:inherit;cursor:pointer}
button:hover,button:focus{border-color:#0b3a63;outline:2px solid #0b3a63}
small{display:block;color:#555}
.cancel{margin-top:1.5rem}`;

/** The Content-Security-Policy hash of the one inline stylesheet. */
export const DEV_STYLE_HASH = `'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`;

export const DEV_BANNER =
  'Udviklingsudgave: ikke et rigtigt login, kun til udvikling og test. · Development only: not a real identity provider.';

export function devPage(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)} · development identity provider</title>
<style>${STYLE}</style>
</head>
<body>
<p class="dev" role="alert">${escapeHtml(DEV_BANNER)}</p>
<main>
<h1>${escapeHtml(title)}</h1>
${body}
</main>
</body>
</html>`;
}

/** The login page: one button per test person, and a way to cancel as a real person could. */
export function devLoginPage(uid: string, audience: 'vendor' | 'staff', people: readonly DevPerson[]): string {
  const action = `/interaction/${encodeURIComponent(uid)}`;
  const title = audience === 'vendor' ? 'Log in as a company (stands in for MitID Erhverv)' : 'Log in as NCC staff';
  const buttons = people
    .map(
      (person) =>
        `<li><button name="subject" value="${escapeHtml(person.subject)}">${escapeHtml(person.name)}` +
        `<small>${escapeHtml(person.description)}</small></button></li>`,
    )
    .join('\n');
  return devPage(
    title,
    `<p>Choose who to be. Cyberkort receives this person's claims exactly as it would from the real provider.</p>
<form method="post" action="${action}/login"><ul>
${buttons}
</ul></form>
<form method="post" action="${action}/abort" class="cancel"><button>Cancel the login</button></form>`,
  );
}
