/** One-tap 签收 (issue 17): the buttons, the cards' titles and how a card reads after a press (zh-CN). */
import type { Colour } from '../tickets/colour.js';
import { mark } from './colours.js';

/** What a press stands for, as the person would have typed it (after the code, where there is one). */
export const SIGN_WORDS = { dispatch: '收到', dual: '签收', digest: '签收' } as const;

/** The button's label. */
export const SIGN_BUTTON = '签收';

/**
 * The card titles (short: the chat shows about 20 characters), with the 三色督办 mark in front on a reminder's or
 * a digest's card (a delivery has none: a new instruction is not yet 督办).
 */
export const CARD_TITLES = {
  dispatch: (code: string, urgent: boolean, colour?: Colour | null) =>
    `${mark(colour)}点对点调度 ${code}${urgent ? '（紧急）' : ''}`,
  dual: (code: string, colour?: Colour | null) => `${mark(colour)}双派单 ${code}`,
  digest: (unitName: string | null, colour?: Colour | null) =>
    `${mark(colour)}${unitName ? `即时督办 · ${unitName}` : '即时督办'}`,
};

/** The card after an accepted press: 已签收（张局长 11月30日09:12）. */
export const SIGNED_TITLE = '已签收';
export const signedText = (name: string, unitName: string, at: string, forUnit: boolean): string =>
  forUnit ? `${unitName}已签收（${name} ${at}）` : `已签收（${name} ${at}）`;

/**
 * The card after a press on an item the unit had signed before: the record that stands, e.g.
 * 此前已签收（徐科长 11月30日09:04）(the title stays SIGNED_TITLE). `name` null: the signer not kept.
 */
export const signedBeforeText = (name: string | null, unitName: string, at: string, forUnit: boolean): string => {
  const record = name ? `${name} ${at}` : at;
  return forUnit ? `${unitName}此前已签收（${record}）` : `此前已签收（${record}）`;
};

/** The card after a refused press (seen by the presser only). */
export const REFUSED_TITLE = '无需您签收';
export const refusedText = {
  /** Another unit's item (or a leader pressing the dispatch they sent). */
  notResponsible: (unitNames: readonly string[]): string =>
    unitNames.length === 1
      ? `该事项应由${unitNames[0]}负责同志签收，本次点击不计为签收。`
      : '该督办应由所列单位负责同志签收，本次点击不计为签收。',
  stranger: '您不在本群督办名单中，本次点击不计为签收。如有疑问，请联系区督导专班。',
  unknownCard: '未能识别这张卡片，本次点击不计为签收。请直接回复“收到”签收。',
};

/** The press could not be recorded (the queue unreachable): nothing was signed. */
export const PRESS_FAILED_TITLE = '暂未签收';
export const PRESS_FAILED_TEXT = '系统繁忙，本次签收未能记录。请稍后再点，或直接回复“收到”。';

/** The press is being recorded (the queue slow to answer): most likely signed, not yet sure. */
export const PRESS_PENDING_TITLE = '签收登记中';
export const PRESS_PENDING_TEXT = '已收到您的签收，系统正在登记。如稍后仍收到未签收提醒，请直接回复“收到”。';

/** After a press on the card of a digest the unit had already signed (or no digest waits). */
export const DIGEST_ALREADY_SIGNED = '本单位的督办通知此前已签收，无需重复签收。';

/** After a press on a card whose dispatch or round no longer takes a 签收 (closed, withdrawn, not the unit's). */
export const CARD_NOTHING_TO_SIGN = '该事项已办结或已撤回，无需再签收。如有疑问，请联系区督导专班。';
