/**
 * Associates numbers with keywords, clause by clause: 受理12件 / 3件已办结 / 超期：无 /
 * 无超期、重办工单 / 退办、不再办理各1件 / 受理、办结分别为5、4件, with period markers
 * (累计, 本月…) that disqualify figures and sub-count contexts (重办2件，已办结1件). Pure.
 */
import { type CountField, type RateField, TICKET_OBJECT } from './fields.js';
import type { ReportFigures } from './figures.js';
import type { KwTok, NumTok, RateTok, Tok } from './tokens.js';

export interface Binding {
  field: CountField | RateField;
  value: number;
  pos: number;
  /** Read from an everyday verb (收了, 结了, 在弄). */
  colloquial?: true;
}

export interface Figures extends ReportFigures {
  bindings: Binding[];
}

interface Entry {
  tok: KwTok;
  zero: boolean;
  all: boolean;
}

const SUBJECTS = new Set<CountField>(['reopened', 'unsatisfied', 'overdue', 'returned']);
const CLEAN_GAP = /^[\s\uE000：:、]*$/;

class Assigner {
  readonly f: Record<Exclude<CountField, 'returned'> | RateField, number | null> = {
    received: null,
    completed: null,
    inProgress: null,
    overdue: null,
    reopened: null,
    unsatisfied: null,
    onTimeRate: null,
    satisfactionRate: null,
  };
  tuiban: number | null = null;
  buzai: number | null = null;
  readonly bindings: Binding[] = [];

  private run: Entry[] = [];
  private carried = false;
  private rateRun: RateTok[] = [];
  private waiting: NumTok | null = null;
  private zeroActive = false;
  private flagAll = false;
  private flagEach = false;
  private flagResp = false;
  private respIdx = 0;
  private allInClause = false;
  private cumul = false;
  private cumulClause = false;
  /** Open brackets: the period state before each, whether a marker and a figure came inside. */
  private brackets: Array<{ cumul: boolean; marked: boolean; figures: number }> = [];
  private figuresSeen = 0;
  private compare = false;
  private subject: { field: CountField; value: number } | null = null;
  private savedSubject: { field: CountField; value: number } | null = null;
  private sentenceStart = true;
  private lastBound: { field: CountField; value: number } | null = null;

  constructor(
    private readonly s: string,
    private readonly toks: readonly Tok[],
  ) {}

  runAll(): void {
    for (let idx = 0; idx < this.toks.length; idx++) {
      const t = this.toks[idx] as Tok;
      const next = this.toks[idx + 1];
      const atStart = this.sentenceStart;
      this.sentenceStart = false;
      switch (t.k) {
        case 'sep':
          if (t.level === 2) this.endSentence();
          else this.endClause();
          this.bracket(this.s[t.pos] as string);
          break;
        case 'mark':
          this.mark(t.kind, atStart);
          break;
        case 'zero':
          this.zero(t, next);
          break;
        case 'kw':
          this.keyword(t, next);
          break;
        case 'rate':
          this.flushRun();
          this.rateRun.push(t);
          break;
        case 'num':
          this.figuresSeen++;
          this.number(t, next);
          break;
      }
    }
    this.endSentence();
  }

  private gap(a: number, b: number): string {
    return this.s.slice(a, b);
  }

  private mark(kind: string, atStart: boolean): void {
    switch (kind) {
      case 'cumul': {
        this.cumul = true;
        this.cumulClause = true;
        const top = this.brackets[this.brackets.length - 1];
        if (top !== undefined) top.marked = true;
        break;
      }
      case 'compare':
        this.compare = true;
        break;
      case 'reset':
        this.cumul = false;
        this.cumulClause = false;
        break;
      case 'all':
        this.flagAll = true;
        this.allInClause = true;
        break;
      case 'each':
        this.flagEach = true;
        break;
      case 'resp':
        this.flagResp = true;
        this.respIdx = 0;
        break;
      case 'sub':
        if (atStart && this.savedSubject !== null) this.subject = this.savedSubject;
        break;
    }
  }

  /**
   * Brackets: a 累计 / 本月 / 本周 inside （…） or (…) that holds a figure ends with the bracket
   * (办结10件（本月累计120件），在办2件); a bracket with the marker alone (（累计）受理120件) marks
   * what follows, as before.
   */
  private bracket(c: string): void {
    if (c === '（' || c === '(') {
      if (this.brackets.length < 32)
        this.brackets.push({ cumul: this.cumul, marked: false, figures: this.figuresSeen });
      return;
    }
    if (c !== '）' && c !== ')') return;
    const top = this.brackets.pop();
    if (top === undefined || !top.marked || this.figuresSeen === top.figures) return;
    this.cumul = top.cumul;
    this.cumulClause = false;
  }

  private zero(t: { pos: number; end: number }, next: Tok | undefined): void {
    const gapNext = next === undefined ? this.s.slice(t.end) : this.gap(t.end, next.pos);
    const prefixLike = next?.k === 'kw' && /^[\s\uE000新任何一件的发生出现有]{0,3}$/.test(gapNext);
    if (prefixLike) {
      this.zeroActive = true;
      return;
    }
    const open = this.run.length > 0 && !this.carried;
    const suffixLike =
      (next === undefined || next.k === 'sep' || next.k === 'kw' || next.k === 'rate' || next.k === 'mark') &&
      /^[\s\uE000件个单工单的情况]*$/.test(gapNext);
    if (open && suffixLike) {
      for (const e of this.run) this.bind(e.tok, 0, { zeroForm: true });
      this.run = [];
      this.zeroActive = false;
    }
  }

  private keyword(kw: KwTok, next: Tok | undefined): void {
    const adjacentKw = next?.k === 'kw' && next.pos - kw.end <= 1 && CLEAN_GAP.test(this.gap(kw.end, next.pos));
    if (kw.field === 'received' && kw.zero && adjacentKw) {
      // 无新增超期工单: the "no new" phrase qualifies the next keyword.
      this.zeroActive = true;
      return;
    }
    if (kw.field === 'received' && kw.weak && adjacentKw) return; // 新增受理 → 受理
    if ((kw.field === 'received' || kw.field === 'completed') && !kw.zero) {
      const before = this.s.slice(Math.max(0, kw.pos - 3), kw.pos);
      if (/(?:未|不|没|未能|无法|不能|不予|未按时|未按期)$/.test(before)) return;
    }
    if (this.carried) this.flushRun();
    if (this.waiting !== null && this.run.length === 0 && !kw.zero) {
      const g = this.gap(this.waiting.end, kw.pos).replace(/[\s\uE000]/g, '');
      if (g.length <= 6) {
        const w = this.waiting;
        this.waiting = null;
        this.bindNumber(kw, w, g);
        return;
      }
    }
    this.run.push({ tok: kw, zero: this.zeroActive || kw.zero, all: this.allInClause });
  }

  private number(n: NumTok, next: Tok | undefined): void {
    if (this.carried) {
      if ((n.unit === 'count' || n.unit === 'bare') && this.rateRun.length === 0) {
        this.carried = false;
        this.bindRun(n);
        return;
      }
      this.flushRun();
    }
    if (this.rateRun.length > 0 && this.compare) return; // 满意率较昨日提升2个百分点，达98%
    if (this.rateRun.length > 0 && (n.unit === 'pct' || n.unit === 'bare')) {
      this.bindRates(n.value);
      return;
    }
    this.rateRun = [];
    if (n.unit === 'pct') {
      this.flushRun();
      return;
    }
    if (n.unit === 'other') {
      this.flushRun();
      this.waiting = null;
      return;
    }
    if (this.run.length > 0) {
      const last = this.run[this.run.length - 1] as Entry;
      const g = this.gap(last.tok.end, n.pos).replace(/[\s\uE000]/g, '');
      if (n.unit === 'bare' && g.length > 4 && !this.flagResp) {
        this.flushRun();
        return;
      }
      this.bindRun(n);
      return;
    }
    const adjacentKw = next?.k === 'kw' && CLEAN_GAP.test(this.gap(n.end, next.pos));
    if (n.unit === 'count' || (n.unit === 'bare' && adjacentKw)) this.waiting = n;
  }

  private bindRun(n: NumTok): void {
    const entries = this.run;
    if (entries.length === 0) return;
    if (this.flagResp && entries.length > 1) {
      const e = entries[this.respIdx] as Entry;
      this.bindNumber(e.tok, n, this.gap(e.tok.end, n.pos));
      this.respIdx++;
      if (this.respIdx >= entries.length) this.resetRun();
      return;
    }
    const dist = this.flagAll || this.flagEach || n.dist || n.value === 0;
    const last = entries[entries.length - 1] as Entry;
    for (const e of entries) {
      if (dist || e === last) {
        if (e.tok.zero) this.bind(e.tok, 0, { zeroForm: true });
        else this.bindNumber(e.tok, n, this.gap(e.tok.end, n.pos));
      } else {
        this.resolve(e);
      }
    }
    this.resetRun();
  }

  private bindNumber(kw: KwTok, n: NumTok, gapText: string): void {
    if (kw.field === 'received' && kw.weak) {
      const obj = gapText.replace(/[\s\uE000：:，、的了共计为是有约达]/g, '');
      if (obj !== '' && !TICKET_OBJECT.test(obj)) return;
    }
    if (!Number.isInteger(n.value) || n.value < 0) return;
    this.bind(kw, n.value, {});
  }

  private resetRun(): void {
    this.run = [];
    this.carried = false;
    this.flagAll = false;
    this.flagEach = false;
    this.flagResp = false;
    this.zeroActive = false;
  }

  private resolve(e: Entry): void {
    if (e.zero) {
      this.bind(e.tok, 0, { zeroForm: true });
      return;
    }
    if (e.tok.field !== 'completed') return;
    if (e.all || this.allInClause) {
      if (this.f.received !== null) this.bind(e.tok, this.f.received, { derived: true });
      return;
    }
    if (this.lastBound?.field === 'received') this.bind(e.tok, this.lastBound.value, { derived: true });
  }

  private flushRun(): void {
    for (const e of this.run) this.resolve(e);
    this.resetRun();
  }

  private bindRates(v: number): void {
    const ok = !this.compare && !this.cumul && v >= 0 && v <= 100;
    for (const r of this.rateRun) {
      if (!ok || r.field === null) continue;
      if (this.f[r.field] === null) this.f[r.field] = v;
      this.bindings.push({ field: r.field, value: v, pos: r.pos });
    }
    this.rateRun = [];
  }

  private bind(kw: KwTok, value: number, opts: { derived?: boolean; zeroForm?: boolean }): void {
    if (this.compare) return;
    if (opts.zeroForm === true ? this.cumulClause : this.cumul) return;
    const field = kw.field;
    const sub = this.subject;
    if (
      (field === 'completed' || field === 'inProgress') &&
      sub !== null &&
      sub.value > 0 &&
      (opts.derived === true || value <= sub.value)
    )
      return;
    if (field === 'returned') {
      if (kw.part === 'buzai') this.buzai ??= value;
      else this.tuiban ??= value;
    } else {
      this.f[field] ??= value;
    }
    this.bindings.push({ field, value, pos: kw.pos, ...(kw.colloquial ? { colloquial: true as const } : {}) });
    this.subject = SUBJECTS.has(field) ? { field, value } : null;
    this.lastBound = { field, value };
  }

  private endClause(): void {
    const keep: Entry[] = [];
    for (const e of this.run) {
      if (e.zero || e.all || e.tok.field === 'completed') this.resolve(e);
      // 收到，5个都结了: a weak receiving verb (收到, 接到) before a break is an acknowledgement, not a figure's name.
      else if (!(e.tok.field === 'received' && e.tok.weak)) keep.push(e);
    }
    this.run = keep;
    this.carried = keep.length > 0;
    this.waiting = null;
    this.zeroActive = false;
    if (this.compare) this.cumul = false; // 较上周同期: the marker belonged to the comparison
    if (!this.compare) this.rateRun = [];
    this.compare = false;
    this.cumulClause = false;
    this.flagAll = false;
    this.flagEach = false;
    this.flagResp = false;
    this.allInClause = false;
  }

  private endSentence(): void {
    this.endClause();
    this.flushRun();
    this.cumul = false;
    if (this.subject !== null) this.savedSubject = this.subject;
    else this.savedSubject = null;
    this.subject = null;
    this.lastBound = null;
    this.sentenceStart = true;
  }
}

export function assignFigures(s: string, toks: readonly Tok[]): Figures {
  const a = new Assigner(s, toks);
  a.runAll();
  const returned = a.tuiban === null && a.buzai === null ? null : (a.tuiban ?? 0) + (a.buzai ?? 0);
  return { ...a.f, returned, bindings: a.bindings };
}
