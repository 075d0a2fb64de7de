// The dashboard's ECharts charts: the map of cities or counties by share at 基础级 or above, the levels by year, and the
// goal per region. Their figures come from the page's JSON block (#dashboard-charts); the tables beside each chart carry
// the same figures for readers without script. Tooltips are built as DOM nodes: the page's CSP allows no inline styles.
(function () {
  const source = document.getElementById('dashboard-charts');
  if (!source || typeof echarts === 'undefined') return;
  const data = JSON.parse(source.textContent);
  const percent = v => (v * 100).toFixed(1) + '%';
  const charts = [];
  const init = el => { const chart = echarts.init(el, null, { locale: 'ZH', renderer: 'canvas' }); charts.push(chart); return chart; };
  window.addEventListener('resize', () => charts.forEach(c => c.resize()));

  function tip(title, lines) {
    const box = document.createElement('div');
    box.className = 'chart-tip';
    const head = document.createElement('strong');
    head.textContent = title;
    box.append(head);
    for (const [label, value, colour] of lines) {
      const line = document.createElement('div');
      if (colour) {
        const mark = document.createElement('span');
        mark.className = 'swatch s' + colour;
        line.append(mark);
      }
      line.append(`${label}：${value}`);
      box.append(line);
    }
    return box;
  }

  async function drawMap(el, map) {
    const geo = await fetch(map.geo, { credentials: 'same-origin' }).then(r => {
      if (!r.ok) throw new Error(`${map.geo}: ${r.status}`);
      return r.json();
    });
    echarts.registerMap(map.code, geo);
    const chart = init(el);
    const onMap = new Set(geo.features.map(f => f.properties.name));
    chart.setOption({
      aria: { enabled: true },
      tooltip: {
        trigger: 'item',
        formatter: p => {
          const region = p.data;
          if (!region) return tip(p.name, [['已注册企业', 0]]);
          return tip(region.name, [
            ...map.levelNames.map((name, i) => [name, region.counts[i], i]),
            ['基础级及以上', `${region.atBasic} / ${region.registered}（${percent(region.share)}）`],
          ]);
        },
      },
      visualMap: {
        type: 'piecewise',
        dimension: 0,
        left: 'left', bottom: 10,
        pieces: [
          { gte: 0.5, label: '50% 及以上' },
          { gte: 0.3, lt: 0.5, label: '30%–50%' },
          { gte: 0.1, lt: 0.3, label: '10%–30%' },
          { gte: 0, lt: 0.1, label: '10% 以下' },
        ],
        inRange: { color: ['#e8f1fb', '#8ecae6', '#219ebc', '#126782'] },
        outOfRange: { color: '#eeeeee' },
      },
      series: [{
        type: 'map',
        map: map.code,
        roam: false,
        label: { show: true, fontSize: 11 },
        emphasis: { label: { show: true }, itemStyle: { areaColor: '#fb8500' } },
        select: { disabled: true },
        data: map.regions.filter(r => onMap.has(r.name)).map(r => ({ ...r, value: r.share })),
      }],
    });
    chart.on('click', p => { if (p.data && p.data.url) window.location.assign(p.data.url); });
  }

  function drawTrend(el, trend) {
    const chart = init(el);
    chart.setOption({
      aria: { enabled: true },
      color: trend.colours,
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, formatter: items => tip(items[0].name,
        items.map(i => [i.seriesName, i.value, trend.levelNames.indexOf(i.seriesName) + 1])) },
      legend: { top: 0 },
      grid: { left: 50, right: 20, top: 60, bottom: 30 },
      xAxis: { type: 'category', data: trend.years.map(y => `${y} 年`) },
      yAxis: { type: 'value', name: '企业数', minInterval: 1 },
      series: trend.levelNames.map((name, level) => ({ name, type: 'bar', stack: 'levels', data: trend.counts[level] })),
    });
  }

  function drawGoal(el, goal) {
    const regions = [...goal.regions].reverse();
    const chart = init(el);
    chart.setOption({
      aria: { enabled: true },
      tooltip: { trigger: 'item', formatter: p => {
        const r = regions[p.dataIndex];
        return tip(r.name, [[`${goal.tier}及以上`, r.atGoal], [r.configured ? '规上企业（配置数）' : '规上企业（已注册）', r.of], ['占比', percent(r.share)]]);
      } },
      grid: { left: 90, right: 40, top: 20, bottom: 30 },
      xAxis: { type: 'value', max: 1, axisLabel: { formatter: v => `${v * 100}%` } },
      yAxis: { type: 'category', data: regions.map(r => r.name) },
      series: [{
        type: 'bar',
        data: regions.map(r => r.share),
        itemStyle: { color: '#1f6feb' },
        label: { show: true, position: 'right', formatter: p => percent(p.value) },
        markLine: { symbol: 'none', data: [{ xAxis: goal.target, name: '目标' }], label: { formatter: `${goal.byYear} 年目标 ${percent(goal.target)}` }, lineStyle: { color: '#cf222e' } },
      }],
    });
  }

  const place = id => document.getElementById(id);
  if (data.map && place('region-map')) drawMap(place('region-map'), data.map).catch(e => {
    place('region-map').textContent = '地图加载失败，请查看下方数据表。';
    console.error(e);
  });
  if (place('level-trend')) drawTrend(place('level-trend'), data.trend);
  if (data.goal && place('goal-by-region')) drawGoal(place('goal-by-region'), data.goal);
})();
