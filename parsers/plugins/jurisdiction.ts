import type { GazetteRoot, NoticeNode } from '../nodes.js';
import { type Jurisdiction, jurisdictionOfDocPrefix, jurisdictionOfIssuer } from '../syntax/jurisdiction.js';
import { issuerFromTitle } from '../syntax/titles.js';

/** A notice's own jurisdiction: from its issuer, else the issuer its title opens with, else its number's prefix. */
function ownJurisdiction(notice: NoticeNode): Jurisdiction | null {
  const titleIssuer = notice.title ? issuerFromTitle(notice.title) : null;
  return (
    (notice.issuer ? jurisdictionOfIssuer(notice.issuer) : null) ??
    (titleIssuer ? jurisdictionOfIssuer(titleIssuer) : null) ??
    (notice.docNumber ? jurisdictionOfDocPrefix(notice.docNumber.prefix) : null)
  );
}

/** The most frequent of the jurisdictions, the first seen on a tie; null when there are none. */
function mostFrequent(found: Jurisdiction[]): Jurisdiction | null {
  const counts = new Map<string, { jurisdiction: Jurisdiction; count: number }>();
  for (const jurisdiction of found) {
    const entry = counts.get(jurisdiction.name);
    if (entry) entry.count++;
    else counts.set(jurisdiction.name, { jurisdiction, count: 1 });
  }
  let best: { jurisdiction: Jurisdiction; count: number } | null = null;
  for (const entry of counts.values()) if (!best || entry.count > best.count) best = entry;
  return best?.jurisdiction ?? null;
}

/**
 * Tells the government each notice's departments belong to (its jurisdiction): from the
 * notice's issuer (青山县人民政府办公室 → 青山县), or the issuer its title opens with, or its
 * document-number prefix through a jurisdiction profile (海政办发 → 南通市海门区). A notice that
 * tells none takes the file's main jurisdiction, the most frequent of its notices', which is
 * also set on the root for the chronicle's events. Runs after notice-parts (which finds the
 * issuer) and before the plugins that resolve department names.
 */
export default function jurisdiction() {
  return (tree: GazetteRoot): void => {
    const notices = tree.children.filter((node): node is NoticeNode => node.type === 'notice');
    const own = notices.map(ownJurisdiction);
    const main = mostFrequent(own.filter((j): j is Jurisdiction => j !== null));
    notices.forEach((notice, i) => {
      notice.jurisdiction = own[i] ?? main;
    });
    tree.data = { ...tree.data, jurisdiction: main };
  };
}
