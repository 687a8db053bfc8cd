/**
 * cyrb53: a fast, well-mixed 53-bit string hash (public domain, by bryc). Record ids need
 * stability and few collisions, not cryptographic strength; a sha1 per record was the
 * parser's single largest cost.
 */
function cyrb53(text: string, seed: number): string {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  // The 53 bits as hex, from two small integers (formatting one large double is slow).
  return ((h2 & 0x1fffff) >>> 0).toString(16).padStart(6, '0') + (h1 >>> 0).toString(16).padStart(8, '0');
}

/**
 * A stable hex digest of a string: the same text gives the same digest on any machine.
 * @param length hex digits wanted: up to 14 from one 53-bit hash, up to 28 from two
 */
export function stableHash(text: string, length: number): string {
  const first = cyrb53(text, 1);
  return (length <= 14 ? first : first + cyrb53(text, 2)).slice(0, length);
}
