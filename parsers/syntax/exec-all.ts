/**
 * Every match of a global pattern in a text, as `text.matchAll(pattern)` gives them. matchAll
 * and split work on a fresh copy of the pattern, and a copy of a large pattern (the department
 * names, the office titles) runs several times slower than the pattern itself, which stays
 * compiled: this runs the pattern itself, from the start of the text.
 */
export function execAll(pattern: RegExp, text: string): RegExpExecArray[] {
  if (!pattern.global) throw new TypeError('execAll needs a global pattern');
  const matches: RegExpExecArray[] = [];
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    matches.push(m);
    // An empty match would be found again: step over it, a whole code point in Unicode mode.
    if (m[0] === '') pattern.lastIndex = nextIndex(text, pattern.lastIndex, pattern.unicode);
  }
  return matches;
}

function nextIndex(text: string, index: number, unicode: boolean): number {
  const pair = unicode && isHighSurrogate(text.charCodeAt(index)) && isLowSurrogate(text.charCodeAt(index + 1));
  return index + (pair ? 2 : 1);
}

export function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

export function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
