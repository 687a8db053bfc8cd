import type { RecordHit } from '../index/index.js';

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Notices as an Atom feed (RFC 4287), newest first; each entry links to its notice view. */
export function toAtom(notices: RecordHit[], feed: { title: string; selfUrl: string; base: string }): string {
  const updated = notices.find((n) => 'date' in n && n.date)?.['date' as never] ?? '1970-01-01';
  const entries = notices.map((n) => {
    const notice = n as Extract<RecordHit, { kind: 'notice' }>;
    const link = `${feed.base}/?notice=${encodeURIComponent(notice.id)}`;
    return [
      '  <entry>',
      `    <id>urn:gazette:${escapeXml(notice.id)}</id>`,
      `    <title>${escapeXml(`${notice.title ?? ''}${notice.docNumber ? ` ${notice.docNumber}` : ''}`)}</title>`,
      `    <updated>${notice.date ?? updated}T00:00:00Z</updated>`,
      `    <link href="${escapeXml(link)}"/>`,
      notice.issuer ? `    <author><name>${escapeXml(notice.issuer)}</name></author>` : '',
      `    <summary>${escapeXml(notice.text.slice(0, 300))}</summary>`,
      '  </entry>',
    ]
      .filter(Boolean)
      .join('\n');
  });
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <title>${escapeXml(feed.title)}</title>`,
    `  <id>${escapeXml(feed.selfUrl)}</id>`,
    `  <link rel="self" href="${escapeXml(feed.selfUrl)}"/>`,
    `  <updated>${updated}T00:00:00Z</updated>`,
    ...entries,
    '</feed>',
    '',
  ].join('\n');
}
