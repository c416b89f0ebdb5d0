#!/usr/bin/env node
// SPDX-License-Identifier: AGPL-3.0-or-later
// Converts the Office for Local Government's adult social care metrics (ASC_data.csv and
// NN.json from communitiesuk/oflog-automated-text) into the files `civic import dataset`
// reads:
//
//   node scripts/convert/oflog-asc.mjs ASC_data.csv NN.json OUT_DIR
//   civic import dataset oflog-asc --values OUT_DIR/values.csv \
//     --metrics OUT_DIR/metrics.csv --neighbours OUT_DIR/neighbours.json
//
// values.csv   area_code,area_name,metric,period,value: one line for each row with a Value
//              (rows with none are left out), metric = Code (ASC1..ASC7), period = Financial
//              year as written ("2022-23"), the value as written.
// metrics.csv  metric,title,polarity: title = Measure without its "Outcome, " prefix;
//              polarity from rank_order: desc → higher (higher is better), asc → lower,
//              None → blank (Oflog ranks neither way, so Civic gives no quartile or rank).
// neighbours.json  NN.json with only the councils the values name: NN.json covers 348
//              councils, districts among them, but the metrics only the 152-157 councils
//              with adult social care duties, and an import refuses an unknown area.
//
// Only Node's built-in modules; Node 18 or later.

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { csvLine, records } from './csv.mjs';


const POLARITY = { desc: 'higher', asc: 'lower', none: '' };

export function convert(ascFile, nnFile, outDir) {
  const rows = records(ascFile);
  const values = [];
  const areas = new Set();
  const metrics = new Map(); // code → {title, polarity}
  let skipped = 0;
  for (const r of rows) {
    const code = r.Code.trim();
    const order = r.rank_order.trim().toLowerCase();
    if (!metrics.has(code)) metrics.set(code, { title: r.Measure.replace(/^Outcome,\s*/, '').trim(), polarity: undefined });
    const m = metrics.get(code);
    // Some rows leave rank_order blank; the others of the code agree.
    if (order !== '') {
      if (!(order in POLARITY)) throw new Error(`${code}: rank_order "${r.rank_order}" is none of desc, asc or None`);
      if (m.polarity !== undefined && m.polarity !== POLARITY[order]) throw new Error(`${code}: rank_order disagrees between rows`);
      m.polarity = POLARITY[order];
    }
    if (r.Value.trim() === '') {
      skipped++;
      continue;
    }
    areas.add(r['Local authority code']);
    values.push([r['Local authority code'], r['Local authority name'], code, r['Financial year'], r.Value.trim()]);
  }
  // In metric, period and area order, so that the file reads as a table.
  const order = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
  values.sort((a, b) => order(a[2], b[2]) || order(a[3], b[3]) || order(a[0], b[0]));

  const nn = JSON.parse(readFileSync(nnFile, 'utf8'));
  const neighbours = {};
  for (const [area, list] of Object.entries(nn)) {
    if (!areas.has(area)) continue;
    neighbours[area] = list.filter((a) => areas.has(a));
  }

  mkdirSync(outDir, { recursive: true });
  writeFileSync(path.join(outDir, 'values.csv'), csvLine(['area_code', 'area_name', 'metric', 'period', 'value']) + values.map(csvLine).join(''));
  writeFileSync(
    path.join(outDir, 'metrics.csv'),
    csvLine(['metric', 'title', 'polarity']) +
      [...metrics.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([code, m]) => csvLine([code, m.title, m.polarity ?? ''])).join(''),
  );
  // One line for each council's set.
  const sets = Object.entries(neighbours).map(([area, list]) => `  ${JSON.stringify(area)}: ${JSON.stringify(list)}`);
  writeFileSync(path.join(outDir, 'neighbours.json'), `{\n${sets.join(',\n')}\n}\n`);
  return { values: values.length, skipped, metrics: metrics.size, areas: areas.size, neighbours: Object.keys(neighbours).length };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [ascFile, nnFile, outDir] = process.argv.slice(2);
  if (!ascFile || !nnFile || !outDir) {
    console.error('Usage: node scripts/convert/oflog-asc.mjs ASC_data.csv NN.json OUT_DIR');
    process.exit(2);
  }
  const done = convert(ascFile, nnFile, outDir);
  console.log(
    `Wrote ${outDir}: ${done.values} values (${done.skipped} rows with no value left out), ${done.metrics} metrics, ${done.areas} areas, ${done.neighbours} neighbour sets.`,
  );
}
