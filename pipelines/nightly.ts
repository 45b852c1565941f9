// The nightly run: every outlet with a site profile in this folder. Edit the list to choose
// which sources a night covers; `vnpress crawl nightly --max-per-source N` caps each one.
import { allSources } from './index.ts';

export default {
  name: 'nightly',
  sources: allSources,
};
