/** Static assets: ECharts from node_modules (the network is closed: no CDN) and the chart boot script. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { FastifyInstance } from 'fastify';

const BOOT = `(function(){
  var all=[];document.querySelectorAll('[data-chart]').forEach(function(el){
    try{var c=echarts.init(el,null,{renderer:'svg'});c.setOption(JSON.parse(el.getAttribute('data-chart')));all.push(c);el.setAttribute('data-ready','1');}
    catch(e){el.textContent='图表加载失败';}
  });
  window.addEventListener('resize',function(){all.forEach(function(c){c.resize();});});
})();`;

let echartsJs: Buffer | undefined;

function echartsFile(): Buffer {
  if (!echartsJs) {
    const req = createRequire(import.meta.url);
    const pkg = req.resolve('echarts/package.json');
    echartsJs = readFileSync(join(dirname(pkg), 'dist', 'echarts.min.js'));
  }
  return echartsJs;
}

export function registerAssets(app: FastifyInstance): void {
  app.get('/console/assets/echarts.min.js', async (_req, reply) =>
    reply.header('content-type', 'application/javascript; charset=utf-8').header('cache-control', 'public, max-age=86400').send(echartsFile()));
  app.get('/console/assets/console.js', async (_req, reply) =>
    reply.header('content-type', 'application/javascript; charset=utf-8').header('cache-control', 'no-cache').send(BOOT));
}
