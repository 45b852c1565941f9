// `node [--expose-gc] bin/run-ts.js test/helpers/discovery-child.ts '<DiscoveryRunOptions JSON>'`:
// one measured crawl of a sitemap site in a process of its own; prints the measure as JSON.
import { crawlSitemapSite, type DiscoveryRunOptions } from './discovery-run.ts';

const options = JSON.parse(process.argv[2] ?? '{}') as DiscoveryRunOptions;
const measure = await crawlSitemapSite(options);
process.stdout.write(JSON.stringify(measure) + '\n');
// An idle keep-alive socket must not hold the process.
process.exit(0);
