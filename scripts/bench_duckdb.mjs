// DuckDB peer for scripts/bench (not a test): the time DuckDB takes to answer, in the
// SQL a user would write, what `mttx report` answers from native JSON lines - time to
// acknowledge and time to resolve by severity and month.
// Usage:
//   dir=$(scripts/bench_duckdb_setup)          # installs @duckdb/node-api once, prints its node_modules
//   MTTX_DUCKDB_DIR="$dir" node scripts/bench_duckdb.mjs FILE.jsonl THREADS
// Prints one line, `duckdb SECONDS ROWS`: wall time from just before the file is read
// until every result row is fetched, and the number of result rows. Errors: a message
// on stderr, exit status 1 (2 for a usage error).
// Without MTTX_DUCKDB_DIR the package is resolved the ordinary way (a node_modules
// beside or above this file).

// ---------------------------------------------------------------------------------------
// The query. One input line is one event:
//   {"time":"2026-01-01T00:00:00.123Z","incident":"INC-0000001","event":"detected",
//    "severity":"SEV2","title":"..."}
// Only the four keys below are read; any other key is ignored. `time` is read as text
// and cast to TIMESTAMPTZ, which applies its offset (a cast to TIMESTAMP would drop it).
// Per incident (a single scan, grouped by incident):
//   detected      first `detected` time
//   acknowledged  first `acknowledged` time at or after that detection
//   resolved      last `resolved` time
//   severity      the highest severity seen on any of its lines (SEV1 highest)
// Incidents never detected are left out. Then per severity x month of detection (UTC):
// the number of incidents, and p50/p90 (quantile_cont, interpolated) of time to acknowledge
// and time to resolve in seconds (an incident without the milestone is counted but adds no
// value to that quantile). $1 is the file name.
const TIMELINE_SQL = `
WITH events AS (
  SELECT CAST(time AS TIMESTAMPTZ) AS t, incident, event, severity
  FROM read_json($1, format = 'newline_delimited',
                 columns = {time: 'VARCHAR', incident: 'VARCHAR',
                            event: 'VARCHAR', severity: 'VARCHAR'})
),
incidents AS (
  SELECT incident,
         min(t)  FILTER (WHERE event = 'detected')     AS detected,
         list(t) FILTER (WHERE event = 'acknowledged') AS acks,
         max(t)  FILTER (WHERE event = 'resolved')     AS resolved,
         max(CASE severity WHEN 'SEV1' THEN 4 WHEN 'SEV2' THEN 3
                           WHEN 'SEV3' THEN 2 WHEN 'SEV4' THEN 1 END) AS sev_rank
  FROM events
  GROUP BY incident
),
timelines AS (
  SELECT detected,
         list_min(list_filter(acks, lambda a: a >= detected)) AS acknowledged,
         resolved,
         sev_rank
  FROM incidents
  WHERE detected IS NOT NULL
)
SELECT CASE sev_rank WHEN 4 THEN 'SEV1' WHEN 3 THEN 'SEV2'
                     WHEN 2 THEN 'SEV3' WHEN 1 THEN 'SEV4' END    AS severity,
       strftime(detected AT TIME ZONE 'UTC', '%Y-%m')             AS month,
       count(*)                                                   AS incidents,
       quantile_cont(tta, 0.5) AS tta_p50_s, quantile_cont(tta, 0.9) AS tta_p90_s,
       quantile_cont(ttr, 0.5) AS ttr_p50_s, quantile_cont(ttr, 0.9) AS ttr_p90_s
FROM (SELECT *,
             (epoch_us(acknowledged) - epoch_us(detected)) / 1e6 AS tta,
             (epoch_us(resolved)     - epoch_us(detected)) / 1e6 AS ttr
      FROM timelines)
GROUP BY sev_rank, month
ORDER BY sev_rank DESC NULLS LAST, month
`;
// ---------------------------------------------------------------------------------------

import { createRequire } from 'node:module';
import { statSync } from 'node:fs';
import { join } from 'node:path';

function fail(msg, status = 1) {
  process.stderr.write(`bench_duckdb: ${msg}\n`);
  process.exit(status);
}

async function loadDuckDB() {
  const dir = process.env.MTTX_DUCKDB_DIR;
  try {
    if (dir) {
      // @duckdb/node-api is CommonJS: require it from the cache folder. MTTX_DUCKDB_DIR
      // may be the folder or its node_modules (what bench_duckdb_setup prints); Node's
      // lookup from either one finds DIR/node_modules/@duckdb/node-api.
      return createRequire(join(dir, 'bench_duckdb.cjs'))('@duckdb/node-api');
    }
    return await import('@duckdb/node-api');
  } catch (e) {
    fail(`cannot load @duckdb/node-api${dir ? ` from ${dir}` : ''} ` +
         `(run scripts/bench_duckdb_setup and set MTTX_DUCKDB_DIR to what it prints): ${e.message}`);
  }
}

async function main() {
  const [file, threadsArg, ...rest] = process.argv.slice(2);
  if (!file || !threadsArg || rest.length)
    fail('usage: node scripts/bench_duckdb.mjs FILE.jsonl THREADS', 2);
  if (!/^[1-9][0-9]*$/.test(threadsArg)) fail(`THREADS must be a positive integer, not '${threadsArg}'`, 2);
  try {
    if (!statSync(file).isFile()) fail(`${file}: not a regular file`);
  } catch (e) {
    fail(`${file}: ${e.code === 'ENOENT' ? 'no such file' : e.message}`);
  }

  const { DuckDBInstance } = await loadDuckDB();
  // In memory; no extension is ever downloaded (json and icu are built in).
  const instance = await DuckDBInstance.create(':memory:', {
    threads: threadsArg,
    autoinstall_known_extensions: 'false',
  });
  const connection = await instance.connect();

  const start = process.hrtime.bigint();
  const reader = await connection.runAndReadAll(TIMELINE_SQL, [file]);
  const rows = reader.getRows();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;

  if (process.env.MTTX_DUCKDB_SHOW) {  // debugging: the result itself, on stderr
    process.stderr.write(reader.columnNames().join('\t') + '\n');
    for (const r of reader.getRowsJson()) process.stderr.write(r.join('\t') + '\n');
  }
  connection.closeSync();
  instance.closeSync();
  process.stdout.write(`duckdb ${seconds.toFixed(3)} ${rows.length}\n`);
}

main().catch((e) => fail(e && e.message ? e.message : String(e)));
