/** The tests' Meilisearch server: the one the benches use too (bench/local-meili.ts). */
export { LocalMeili as TestMeili } from '../../bench/local-meili.js';
