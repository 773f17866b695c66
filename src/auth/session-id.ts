import { createHash, randomBytes } from 'node:crypto';

/**
 * Session ids: 32 random bytes, known only to the browser that holds the cookie. The graph keeps
 * their SHA-256 hash, which is also what the rest of the app calls the session (Viewer.sessionId):
 * it names the session without being able to act as it.
 */
export const newSessionId = (): string => randomBytes(32).toString('base64url');

export const hashSessionId = (id: string): string => createHash('sha256').update(id).digest('hex');
