#!/usr/bin/env node
// An existing RipTide client, as written against the documented API: it posts {urls, options: {concurrency}}
// and reads total_urls, successful, statistics.avg_processing_time_ms and statistics.cache_hit_rate.
// Usage: node crawl-client.mjs <gateway-base-url> <url> [<url> ...]
// When the gateway has API keys, the key comes from RIPTIDE_API_KEY (sent as Authorization: Bearer).
// Prints one JSON object with what it read; exits 1 (with the reason on stderr) when a field is missing.

const [gateway, ...urls] = process.argv.slice(2);
if (!gateway || urls.length === 0) {
  console.error("usage: node crawl-client.mjs <gateway-base-url> <url> [<url> ...]");
  process.exit(2);
}

const headers = { "content-type": "application/json" };
if (process.env.RIPTIDE_API_KEY) {
  headers.authorization = `Bearer ${process.env.RIPTIDE_API_KEY}`;
}

const response = await fetch(new URL("/crawl", gateway), {
  method: "POST",
  headers,
  body: JSON.stringify({ urls, options: { concurrency: 2 } }),
});
if (!response.ok) {
  console.error(`POST /crawl answered ${response.status}: ${await response.text()}`);
  process.exit(1);
}

const body = await response.json();
const read = {
  total_urls: body.total_urls,
  successful: body.successful,
  avg_processing_time_ms: body.statistics?.avg_processing_time_ms,
  cache_hit_rate: body.statistics?.cache_hit_rate,
  titles: (body.results ?? []).map((r) => r.document?.title ?? null),
};
const missing = Object.entries(read).filter(([, value]) => value === undefined).map(([name]) => name);
if (missing.length > 0) {
  console.error(`missing fields: ${missing.join(", ")}`);
  process.exit(1);
}

console.log(JSON.stringify(read));
