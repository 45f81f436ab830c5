/**
 * The one digest Depesche uses, for file contents, content entries, cache keys and search parts:
 * SHA-256 in hex. `length` shortens it where a name or a key needs no more (16 hex digits are 64
 * bits, enough to tell a paper's files apart).
 */
import { createHash, hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';

export function hashBytes(data: string | Uint8Array, length?: number): string {
  // The one-shot form: half the cost of a Hash object for the small inputs of page keys.
  const hex = hash('sha256', data, 'hex');
  return length === undefined ? hex : hex.slice(0, length);
}

/** The digest of a file, read as a stream: a deploy target may hold files too large to read whole. */
export async function hashFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(file), hash);
  return hash.digest('hex');
}
