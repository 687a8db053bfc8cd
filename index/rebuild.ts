import type { Meilisearch } from 'meilisearch';
import type { IssueDocument, SearchDocument } from './documents.js';
import { ensureIndexes, forgetEnsured, indexExists } from './ensure-indexes.js';
import type { IndexNames } from './index-names.js';
import { waitForWrite } from './tasks.js';

/**
 * A rebuild of every index into new ones beside the live ones: documents go into the staging
 * indexes, then `swapIn` exchanges live and staging in one atomic Meilisearch task. Searches
 * during the rebuild keep answering from the old indexes.
 */
export class IndexRebuild {
  private constructor(
    private readonly client: Meilisearch,
    private readonly live: IndexNames,
    /** The staging indexes: `<live uid>-rebuild`. */
    readonly staging: IndexNames,
  ) {}

  /** Starts a rebuild: empty staging indexes with the current settings. */
  static async begin(client: Meilisearch, live: IndexNames): Promise<IndexRebuild> {
    const staging = { records: `${live.records}-rebuild`, issues: `${live.issues}-rebuild` };
    for (const uid of Object.values(staging)) await deleteIfExists(client, uid);
    forgetEnsured(client);
    await ensureIndexes(client, staging);
    return new IndexRebuild(client, live, staging);
  }

  /** Adds one issue's records and its issue document to the staging indexes. */
  async addIssue(issue: IssueDocument, documents: SearchDocument[]): Promise<void> {
    for (let i = 0; i < documents.length; i += 2000) {
      await waitForWrite(
        this.staging.records,
        this.client.index(this.staging.records).addDocuments(documents.slice(i, i + 2000), { primaryKey: 'id' }),
        600_000,
      );
    }
    await waitForWrite(
      this.staging.issues,
      this.client.index(this.staging.issues).addDocuments([issue], { primaryKey: 'id' }),
    );
  }

  /** Swaps the staging indexes in, atomically, then drops the old ones. */
  async swapIn(): Promise<void> {
    forgetEnsured(this.client);
    await ensureIndexes(this.client, this.live); // a swap needs both sides to exist
    const swaps = (['records', 'issues'] as const).map((key) => ({
      indexes: [this.live[key], this.staging[key]] as [string, string],
      rename: false,
    }));
    await waitForWrite(this.live.records, this.client.swapIndexes(swaps));
    for (const uid of Object.values(this.staging)) await deleteIfExists(this.client, uid);
    forgetEnsured(this.client);
  }

  /** Drops the staging indexes without swapping (after a failed rebuild). */
  async abandon(): Promise<void> {
    for (const uid of Object.values(this.staging)) await deleteIfExists(this.client, uid);
    forgetEnsured(this.client);
  }
}

async function deleteIfExists(client: Meilisearch, uid: string): Promise<void> {
  if (await indexExists(client, uid)) await waitForWrite(uid, client.deleteIndex(uid));
}
