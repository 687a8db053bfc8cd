import * as OpenCC from 'opencc-js';

// OpenCC's Taiwan-standard to mainland conversion: characters and the common phrase variants
// (著力 → 着力). Simplified text passes through unchanged.
const convert = OpenCC.Converter({ from: 'tw', to: 'cn' });

/** The text in simplified characters (社會保障 → 社会保障). */
export function toSimplified(text: string): string {
  return convert(text);
}
