/** 百日攻坚's weekly card: PNG bytes made server-side (ECharts SSR → SVG → resvg), no browser. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type CampaignCardInput, campaignCardSvg, renderCampaignCard } from '../src/render/campaign-card.js';
import { REPO } from './helpers.js';

const input: CampaignCardInput = {
  campaign: '百日攻坚',
  district: '示范区',
  week: '11月23日至11月27日',
  counter: '百日攻坚第40天，剩60天',
  rows: [
    {
      field: '城市建设和老旧小区改造',
      name: '老旧小区改造',
      unitName: '区住房和城乡建设局',
      target: '16个',
      done: '6个',
      donePct: 37.5,
      timePct: 40,
      state: 'on-track',
    },
    {
      field: '城市建设和老旧小区改造',
      name: '加装电梯',
      unitName: '区住房和城乡建设局',
      target: '30部',
      done: '14部',
      donePct: 46.7,
      timePct: 40,
      state: 'behind',
    },
    {
      field: '基本医疗',
      name: '家庭医生签约',
      unitName: '区卫生健康局',
      target: '5000人',
      done: '2045人',
      donePct: 40.9,
      timePct: 40,
      state: 'on-track',
    },
    {
      field: '基础教育',
      name: '新增学位',
      unitName: '区教育局',
      target: '1600个',
      done: '-',
      donePct: null,
      timePct: 40,
      state: 'unreported',
    },
  ],
};

describe('百日攻坚 weekly card', () => {
  it('a row per item under its field (behind in red), the chart of done against time', async () => {
    const svg = campaignCardSvg(input);
    expect(svg).toContain('百日攻坚周报');
    expect(svg).toContain('示范区 · 11月23日至11月27日 · 百日攻坚第40天，剩60天');
    expect(svg).toContain('城市建设和老旧小区改造');
    expect(svg.match(/城市建设和老旧小区改造/g)?.length).toBe(1); // one field row for its two items
    expect(svg).toContain('>滞后<');
    expect(svg).toContain('完成进度与时间进度（%）');
    const png = await renderCampaignCard(input);
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(960);
    expect(png.readUInt32BE(20)).toBeGreaterThan(400);
    mkdirSync(join(REPO, 'test-artifacts'), { recursive: true });
    writeFileSync(join(REPO, 'test-artifacts', 'campaign-card.png'), png);
    if (process.env.UPDATE_SCREENSHOTS === '1') writeFileSync(join(REPO, 'docs', 'campaign-card.png'), png);
  });
});
