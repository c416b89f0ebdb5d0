#!/usr/bin/env node
// SPDX-License-Identifier: AGPL-3.0-or-later
// Converts Scotland's Local Government Benchmarking Framework (SC-TPP/LGBF: the raw data,
// Indicator Information.csv and Family Groups.csv) into the files `civic import dataset`
// reads:
//
//   node scripts/convert/lgbf-scotland.mjs LGBF_ScotDataReal_ISSpatialHub.csv \
//     "Indicator Information.csv" "Family Groups.csv" OUT_DIR
//   civic import dataset lgbf-scotland --values OUT_DIR/values.csv \
//     --metrics OUT_DIR/metrics.csv --groups OUT_DIR/groups.csv
//
// values.csv   area_code,area_name,metric,period,value,numerator,denominator: one line for
//              each council's row with a value (LA_IndicatorReal, with LA_Numerator_real and
//              LA_Den_Real when given); area_code is the council's GSS code (the LGBF names
//              councils only; the table below maps its names), area_name the LGBF's name,
//              metric = Code, period = Year as written ("2022-23", or "2010-14" for a survey
//              over several years).
// metrics.csv  metric,title,polarity: Ranking_Type Descending → higher (higher is better),
//              Ascending → lower, Goldilocks → blank (best at a midpoint: Civic gives no
//              quartile or rank).
// groups.csv   group,area_code: the LGBF's family groups. There are two sets of four: by
//              deprivation (for children, social work and housing indicators) and by
//              rurality and density (for environment, culture and leisure, economic
//              development, corporate and property indicators), named "Family Group 2
//              (deprivation)" and "Family Group 2 (rurality)".
// family-grouping.csv  metric,grouping: which set each metric's family-group average is
//              taken over (deprivation or rurality). Taken from the raw file's FamilyGroup
//              column (Rural and Urban name the rurality groups' 1 and 4, Least and Most
//              Deprived the deprivation groups'), not from Indicator Information's
//              FamilyGrouping, which says otherwise for 17 indicators (ENV03a, CHN01, …):
//              the published FG_Avg_Indicator_Real follows the raw file. Every row's
//              FamilyGroup is checked against Family Groups.csv.
//
// Only Node's built-in modules; Node 18 or later.

import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { csvLine, records } from './csv.mjs';

// The GSS code of each council as the LGBF names it, from mySociety's
// uk_local_authority_names_and_codes (commit 67ef8b118938678401a452f4f19f669a7221cc73).
const GSS = {
  'Aberdeen City': 'S12000033',
  Aberdeenshire: 'S12000034',
  Angus: 'S12000041',
  'Argyll & Bute': 'S12000035',
  Clackmannanshire: 'S12000005',
  'Dumfries & Galloway': 'S12000006',
  'Dundee City': 'S12000042',
  'East Ayrshire': 'S12000008',
  'East Dunbartonshire': 'S12000045',
  'East Lothian': 'S12000010',
  'East Renfrewshire': 'S12000011',
  'Edinburgh City': 'S12000036',
  'Eilean Siar': 'S12000013',
  Falkirk: 'S12000014',
  Fife: 'S12000047',
  'Glasgow City': 'S12000049',
  Highland: 'S12000017',
  Inverclyde: 'S12000018',
  Midlothian: 'S12000019',
  Moray: 'S12000020',
  'North Ayrshire': 'S12000021',
  'North Lanarkshire': 'S12000050',
  'Orkney Islands': 'S12000023',
  'Perth & Kinross': 'S12000048',
  Renfrewshire: 'S12000038',
  'Scottish Borders': 'S12000026',
  'Shetland Islands': 'S12000027',
  'South Ayrshire': 'S12000028',
  'South Lanarkshire': 'S12000029',
  Stirling: 'S12000030',
  'West Dunbartonshire': 'S12000039',
  'West Lothian': 'S12000040',
};

const POLARITY = { Descending: 'higher', Ascending: 'lower', Goldilocks: '' };
// Family Groups.csv's Type, and the set it names.
const GROUPING = {
  'Children, Social Work and Housing indicators': 'deprivation',
  'Environmental, Culture & Leisure, Economic Development, Corporate and Property indicators': 'rurality',
};
// The raw file's FamilyGroup: the set it shows (when it shows one) and the group's number.
const LABEL = {
  Rural: ['rurality', 1],
  Urban: ['rurality', 4],
  'Least Deprived': ['deprivation', 1],
  'Most Deprived': ['deprivation', 4],
  2: [null, 2],
  3: [null, 3],
};


const order = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
const groupName = (number, grouping) => `Family Group ${number} (${grouping})`;

function convert(dataFile, infoFile, groupsFile, outDir) {
  const code = (name) => {
    if (!GSS[name]) throw new Error(`"${name}" is not a council this script knows; add its GSS code to the table`);
    return GSS[name];
  };
  // Family Groups.csv: each council's group number in each set.
  const member = new Map(); // `${grouping}|${council}` → number
  const groups = [];
  for (const g of records(groupsFile)) {
    const grouping = GROUPING[g.Type];
    if (!grouping) throw new Error(`Family Groups.csv: the type "${g.Type}" is neither set`);
    const number = Number(g.Family_Group.replace(/^Family Group\s*/, ''));
    member.set(`${grouping}|${g.Local_Authority}`, number);
    groups.push([groupName(number, grouping), code(g.Local_Authority)]);
  }

  const values = [];
  const grouping = new Map(); // metric → deprivation | rurality
  const numbers = new Map(); // metric → [{council, number}] for the rows whose label is 2 or 3
  let skipped = 0;
  for (const r of records(dataFile)) {
    if (r.Code === '') continue; // the file's last line holds only its row number
    if (r.LA_IndicatorReal.trim() === '') {
      skipped++;
      continue;
    }
    const label = LABEL[r.FamilyGroup];
    if (!label) throw new Error(`${r.Code} ${r.Year} ${r.LocalAuthority}: FamilyGroup "${r.FamilyGroup}" is not one the script knows`);
    const [set, number] = label;
    if (set) {
      if (grouping.has(r.Code) && grouping.get(r.Code) !== set) throw new Error(`${r.Code}: its rows name both sets of family groups`);
      grouping.set(r.Code, set);
    }
    if (!numbers.has(r.Code)) numbers.set(r.Code, []);
    numbers.get(r.Code).push({ council: r.LocalAuthority, number, where: `${r.Code} ${r.Year} ${r.LocalAuthority}` });
    values.push([code(r.LocalAuthority), r.LocalAuthority, r.Code, r.Year, r.LA_IndicatorReal.trim(), r.LA_Numerator_real.trim(), r.LA_Den_Real.trim()]);
  }
  // Every row's group number must be the council's in its metric's set.
  for (const [metric, rows] of numbers) {
    const set = grouping.get(metric);
    if (!set) throw new Error(`${metric}: no row says which set of family groups it is compared within`);
    for (const { council, number, where } of rows)
      if (member.get(`${set}|${council}`) !== number) throw new Error(`${where}: FamilyGroup ${number} is not ${council}'s group by ${set} in Family Groups.csv`);
  }
  values.sort((a, b) => order(a[2], b[2]) || order(a[3], b[3]) || order(a[0], b[0]));

  const metrics = [];
  for (const i of records(infoFile)) {
    if (!grouping.has(i.Code)) continue;
    if (!(i.Ranking_Type in POLARITY)) throw new Error(`${i.Code}: Ranking_Type "${i.Ranking_Type}" is none of Descending, Ascending or Goldilocks`);
    metrics.push([i.Code, i.Title.trim(), POLARITY[i.Ranking_Type]]);
  }
  metrics.sort((a, b) => order(a[0], b[0]));
  groups.sort((a, b) => order(a[0], b[0]) || order(a[1], b[1]));

  mkdirSync(outDir, { recursive: true });
  const header = ['area_code', 'area_name', 'metric', 'period', 'value', 'numerator', 'denominator'];
  writeFileSync(path.join(outDir, 'values.csv'), csvLine(header) + values.map(csvLine).join(''));
  writeFileSync(path.join(outDir, 'metrics.csv'), csvLine(['metric', 'title', 'polarity']) + metrics.map(csvLine).join(''));
  writeFileSync(path.join(outDir, 'groups.csv'), csvLine(['group', 'area_code']) + groups.map(csvLine).join(''));
  writeFileSync(
    path.join(outDir, 'family-grouping.csv'),
    csvLine(['metric', 'grouping']) + [...grouping.entries()].sort(([a], [b]) => order(a, b)).map(csvLine).join(''),
  );
  return { values: values.length, skipped, metrics: metrics.length, groups: new Set(groups.map((g) => g[0])).size };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [dataFile, infoFile, groupsFile, outDir] = process.argv.slice(2);
  if (!dataFile || !infoFile || !groupsFile || !outDir) {
    console.error('Usage: node scripts/convert/lgbf-scotland.mjs LGBF_ScotDataReal_ISSpatialHub.csv "Indicator Information.csv" "Family Groups.csv" OUT_DIR');
    process.exit(2);
  }
  const done = convert(dataFile, infoFile, groupsFile, outDir);
  console.log(`Wrote ${outDir}: ${done.values} values (${done.skipped} rows with no value left out), ${done.metrics} metrics, ${done.groups} family groups.`);
}
