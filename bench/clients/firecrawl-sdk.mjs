// Runs Firecrawl's own JavaScript SDK (@mendable/firecrawl-js, pinned in package-lock.json) against RipTide's
// gateway and prints what the SDK returned as JSON, for the whole-app tests to check.
//
//   node firecrawl-sdk.mjs <gateway-url> <scenario> [args...]      (FIRECRAWL_API_KEY: a RipTide API key)
//
// Scenarios: scrape <url> | map <url> | crawl <url> <limit> | start-cancel <url> | batch <url>... | refused <url>
import Firecrawl from "@mendable/firecrawl-js";

const [apiUrl, scenario, ...args] = process.argv.slice(2);
const firecrawl = new Firecrawl({ apiUrl, apiKey: process.env.FIRECRAWL_API_KEY ?? "" });

const scenarios = {
  scrape: async ([url]) => firecrawl.scrape(url, { formats: ["markdown", "html", "links", "rawHtml"] }),

  map: async ([url]) => firecrawl.map(url, { limit: 100 }),

  // The waiter: start, poll until done, follow every `next` page of the answer.
  crawl: async ([url, limit]) => {
    const job = await firecrawl.crawl(url, { limit: Number(limit), pollInterval: 1, timeout: 120 });
    return { status: job.status, completed: job.completed, total: job.total, next: job.next, data: job.data };
  },

  "start-cancel": async ([url]) => {
    const started = await firecrawl.startCrawl(url, { limit: 1000 });
    const before = await firecrawl.getCrawlStatus(started.id, { autoPaginate: false });
    const cancelled = await firecrawl.cancelCrawl(started.id);
    const after = await firecrawl.getCrawlStatus(started.id, { autoPaginate: false });
    return { id: started.id, url: started.url, before: before.status, cancelled, after: after.status };
  },

  batch: async (urls) => {
    const job = await firecrawl.batchScrape(urls, { options: { formats: ["markdown", "links"] }, pollInterval: 1, timeout: 120 });
    return { status: job.status, completed: job.completed, total: job.total, data: job.data };
  },

  // An address the crawler must not reach: the SDK's error, with the status and message it carries.
  refused: async ([url]) => {
    try {
      const document = await firecrawl.scrape(url, { formats: ["markdown"] });
      return { refused: false, document };
    } catch (error) {
      return { refused: true, name: error.name, status: error.status ?? null, message: error.message };
    }
  },
};

if (!scenarios[scenario]) {
  console.error(`unknown scenario '${scenario}'; one of ${Object.keys(scenarios).join(", ")}`);
  process.exit(2);
}

try {
  console.log(JSON.stringify(await scenarios[scenario](args)));
} catch (error) {
  console.error(`${scenario} failed: ${error.name} ${error.status ?? ""} ${error.message} ${JSON.stringify(error.details ?? null)}`);
  process.exit(1);
}
