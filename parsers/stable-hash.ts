/** ASCII codes of the hex digits. */
const HEX_DIGITS = Array.from('0123456789abcdef', (c) => c.charCodeAt(0));

/**
 * cyrb53: a fast, well-mixed 53-bit string hash (public domain, by bryc). Record ids need
 * stability and few collisions, not cryptographic strength; a sha1 per record was the
 * parser's single largest cost.
 *
 * Text can be fed in pieces: feeding `a` then `b` gives the digest of `a + b`, so that the
 * hash of a key can be reused for the key with a suffix.
 */
export class StableHasher {
  private h1: number;
  private h2: number;

  constructor(seed: number) {
    this.h1 = 0xdeadbeef ^ seed;
    this.h2 = 0x41c6ce57 ^ seed;
  }

  /** Feeds more text. */
  update(text: string): this {
    let { h1, h2 } = this;
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ ch, 2654435761);
      h2 = Math.imul(h2 ^ ch, 1597334677);
    }
    this.h1 = h1;
    this.h2 = h2;
    return this;
  }

  /** A number that equal texts fed share (and different ones seldom do): a bucket for lookups. */
  bucket(): number {
    return this.h1 & 0x3fffffff;
  }

  /** The other half of the state (32 bits): with the bucket, a check that two texts fed are the same. */
  check(): number {
    return this.h2;
  }

  /** The 53-bit digest of the text fed so far, as 14 hex digits; more text may still be fed. */
  digest(): string {
    let { h1, h2 } = this;
    h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
    h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
    h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
    h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    // 21 bits of h2 as six digits, then h1 as eight, built in one string: formatting with
    // Number.prototype.toString(16) and padding was the costliest step of the hash.
    const high = h2 & 0x1fffff;
    const d = (value: number, shift: number): number => HEX_DIGITS[(value >>> shift) & 0xf]!;
    return String.fromCharCode(
      d(high, 20),
      d(high, 16),
      d(high, 12),
      d(high, 8),
      d(high, 4),
      d(high, 0),
      d(h1, 28),
      d(h1, 24),
      d(h1, 20),
      d(h1, 16),
      d(h1, 12),
      d(h1, 8),
      d(h1, 4),
      d(h1, 0),
    );
  }
}

/**
 * A stable hex digest of a string: the same text gives the same digest on any machine.
 * @param length hex digits wanted: up to 14 from one 53-bit hash, up to 28 from two
 */
export function stableHash(text: string, length: number): string {
  const first = new StableHasher(1).update(text).digest();
  return (length <= 14 ? first : first + new StableHasher(2).update(text).digest()).slice(0, length);
}
