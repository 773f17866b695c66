/**
 * Who is asking: the one shape every page, resolver and use case reads to decide what a request
 * may see and do. Built from the session cookie (people) or an API token (analysts' scripts);
 * anyone else is anonymous.
 */

export const STAFF_ROLES = ['reviewer', 'admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export type Viewer =
  | { kind: 'anonymous' }
  | {
      kind: 'vendor';
      /** The identity provider's subject: stable per person. */
      subject: string;
      name: string;
      email: string | null;
      /** The CVR number the login carries (NemLog-in's professional claim). */
      cvr: string;
      /** Slugs of the companies this person may edit: the login's CVR, and grants from NCC. */
      companies: readonly string[];
      /** The session's stored hash (graph/sessions.ts): names the session, cannot act as its cookie. */
      sessionId: string;
      /**
       * The session's `(:User).id`, the pseudonymous reference the audit log keeps. Absent where no
       * session is behind the viewer (tests, benchmarks), where it is looked up by subject.
       */
      userId?: string;
    }
  | {
      kind: 'staff';
      subject: string;
      name: string;
      email: string | null;
      roles: readonly StaffRole[];
      /** As for vendors: the session's stored hash and its User's id. */
      sessionId: string;
      userId?: string;
    }
  | {
      kind: 'token';
      /** The API token's id (never the secret). */
      tokenId: string;
      /** Read-only analytics access, as issued by an admin. */
      roles: readonly ['analyst'];
    };

export const ANONYMOUS: Viewer = { kind: 'anonymous' };

export const isStaff = (viewer: Viewer, role?: StaffRole): boolean =>
  viewer.kind === 'staff' && (role === undefined || viewer.roles.includes(role));

export const canEditCompany = (viewer: Viewer, companySlug: string): boolean =>
  viewer.kind === 'vendor' && viewer.companies.includes(companySlug);
