import { eraseAccount, type PersonalData, readPersonalData } from '../../graph/personal-data';
import { inTransaction } from '../../graph/submissions';
import type { Viewer } from '../auth/viewer';
import { ForbiddenError } from './errors';
import { actorId, inOneTransaction, type ListingStore } from './listing-store';

/**
 * A person's own data: what the service stores about them, to see and download, and the deletion
 * of their account. Only the person themself, through their own session: nobody else (not even
 * staff) reads or deletes someone's account here.
 */

function person(viewer: Viewer): Extract<Viewer, { kind: 'vendor' | 'staff' }> {
  if (viewer.kind !== 'vendor' && viewer.kind !== 'staff') throw new ForbiddenError('Log in to see your own data.');
  return viewer;
}

/** The audit events a download holds at most, newest first; how many there are in all is said. */
export const MAX_EVENTS = 10_000;

/** Everything stored about the logged-in person, with their newest `events` audit events. */
export async function readMyData(store: ListingStore, viewer: Viewer, events = MAX_EVENTS): Promise<PersonalData> {
  const id = await actorId(store.executor, person(viewer));
  const data = await readPersonalData(store.executor, id, Math.min(events, MAX_EVENTS));
  if (!data) throw new ForbiddenError('Your login is not known here any more; log in again.');
  return data;
}

/**
 * Deletes the logged-in person's account in one transaction (graph/personal-data.ts says what goes
 * and what stays) and logs it as `account-delete`. Their sessions end with it, this one included.
 */
export async function deleteMyAccount(
  store: ListingStore,
  viewer: Viewer,
): Promise<{ sessions: number; grants: number; drafts: number }> {
  const who = person(viewer);
  return inOneTransaction(store, 'account.delete', async (tx) => {
    const id = await actorId(inTransaction(tx), who);
    const removed = await eraseAccount(tx, id);
    if (!removed) throw new ForbiddenError('Your login is not known here any more; log in again.');
    return removed;
  });
}
