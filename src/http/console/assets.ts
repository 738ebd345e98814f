/** Static assets: ECharts from node_modules (the network is closed: no CDN), the chart boot script and the icon. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { SHELL } from '../../domain/texts/console.js';

const BOOT =
  `(function(){
  var all=[];document.querySelectorAll('[data-chart]').forEach(function(el){
    try{var c=echarts.init(el,null,{renderer:'svg'});c.setOption(JSON.parse(el.getAttribute('data-chart')));` +
  `all.push(c);el.setAttribute('data-ready','1');}
    catch(e){el.textContent='${SHELL.chartFailed}';}
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

const HERE = dirname(fileURLToPath(import.meta.url));
let icons: { png: Buffer; svg: Buffer } | undefined;

/** The console's icon (favicon.svg is the source, favicon.png its 32×32 rendering), read once. */
function iconFiles(): { png: Buffer; svg: Buffer } {
  icons ??= { png: readFileSync(join(HERE, 'favicon.png')), svg: readFileSync(join(HERE, 'favicon.svg')) };
  return icons;
}

export function registerAssets(app: FastifyInstance): void {
  // Browsers (and chat apps' in-app browsers) ask for /favicon.ico whatever the page says: a PNG there is accepted by
  // all.
  app.get('/favicon.ico', async (_req, reply) =>
    reply.header('content-type', 'image/png').header('cache-control', 'public, max-age=604800').send(iconFiles().png),
  );
  app.get('/favicon.svg', async (_req, reply) =>
    reply
      .header('content-type', 'image/svg+xml')
      .header('cache-control', 'public, max-age=604800')
      .send(iconFiles().svg),
  );
  app.get('/console/assets/echarts.min.js', async (_req, reply) =>
    reply
      .header('content-type', 'application/javascript; charset=utf-8')
      .header('cache-control', 'public, max-age=86400')
      .send(echartsFile()),
  );
  app.get('/console/assets/console.js', async (_req, reply) =>
    reply
      .header('content-type', 'application/javascript; charset=utf-8')
      .header('cache-control', 'no-cache')
      .send(BOOT),
  );
}
