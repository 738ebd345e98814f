import { readFileSync } from 'node:fs';
import type { App } from '../app.js';
import { weekday } from '../domain/calendar.js';
import { personName, type Roster, unitName } from '../domain/roster.js';
import * as T from '../domain/texts/simulator.js';
import { inZone, localDay } from '../domain/time.js';
import { routines } from '../routines/index.js';
import { advanceTarget, type SimClock } from './clock.js';
import { waitIdle } from './drain.js';
import { type DueRun, RoutineTimes } from './routine-times.js';
import { readScenarioLine } from './scenario.js';
import type { CardUpdateRecord, SentRecord, SimWorld } from './world.js';

export interface SimSessionOptions {
  app: App;
  world: SimWorld;
  clock: SimClock;
  /** Where the session's output goes, one line (possibly with newlines) at a time. */
  print: (line: string) => void;
  /** How long to wait for the bot to finish what a line caused. */
  drainMs?: number;
}

/** Renders what the bot sent, @-mentions by name, with the simulated time when given. */
export function renderSent(s: SentRecord, roster: Roster, at?: string): string {
  const who = (id: string) => personName(roster, id);
  const where = s.to === 'group' ? T.SIM_IN_GROUP : T.simPrivateTo(who(s.to));
  const body = s.card ? T.simCardBody(s.card.title, s.text, s.card.buttons) : s.file ? T.simFileLine(s.file) : s.text;
  // The chat puts "@name " in the text of a mention; name only those it does not show.
  const unseen = s.mentions.filter((id) => !s.text.includes(`@${who(id)}`));
  const mentions = unseen.length > 0 ? `  (@ ${unseen.map(who).join('、')})` : '';
  return T.simSentLine(at, where, body, mentions);
}

/** A card changed after a press, and who sees the change. */
export function renderCardUpdate(u: CardUpdateRecord, roster: Roster, at?: string): string {
  const where = u.to === 'group' ? T.SIM_IN_GROUP : T.simPrivateTo(personName(roster, u.to));
  const who = u.for === 'all' ? T.SIM_CARD_FOR_ALL : u.for.map((id) => personName(roster, id)).join('、');
  return T.simCardUpdateLine(at, where, u.title, u.text ?? '', who, u.status);
}

/** `[签收]`: a press on a card's button (by its text). */
const PRESS = /^\[([^[\]\s]{1,20})\]$/;

const STRANGER_ID = /^wxid_[A-Za-z0-9_-]{1,60}$/;
const ANY_ID = /^[A-Za-z][A-Za-z0-9_-]{2,63}$/;

/**
 * The terminal simulator's command interpreter, apart from the terminal: feed it lines, read
 * what it prints. It owns the simulated clock: routines fire as the clock passes their cron
 * times (as BullMQ's schedulers fire them in production), each once per fire time, in order.
 */
export class SimSession {
  private readonly app: App;
  private readonly world: SimWorld;
  readonly clock: SimClock;
  private readonly print: (line: string) => void;
  private readonly drainMs: number;
  private readonly times: RoutineTimes;
  /** Routines have been run for every fire time up to here. */
  private lastTick: Date;
  private speaker: string | undefined;
  /** A message being typed over several lines (`\` at the end of a line). */
  private continued: string[] | undefined;
  /** A `/paste` block: who it is from (if named) and its lines so far. */
  private paste: { head: string; lines: string[] } | undefined;
  /** While a routine runs, what it sends is collected here and printed under its line. */
  private capture: string[] | undefined;
  private chain: Promise<unknown> = Promise.resolve();
  private seq = 0;
  private readonly announced = new Set<string>();
  private stopped = false;

  constructor(o: SimSessionOptions) {
    this.app = o.app;
    this.world = o.world;
    this.clock = o.clock;
    this.print = o.print;
    this.drainMs = o.drainMs ?? 30_000;
    this.times = new RoutineTimes(
      routines().filter((r) => o.app.scheduler.get(r.name)),
      o.app.config,
    );
    this.lastTick = this.clock.now();
    this.world.clock = this.clock;
    this.world.onSent((s) => this.show(renderSent(s, this.app.roster, this.hhmm(this.clock.now()))));
    this.world.onCardUpdate?.((u) => this.show(renderCardUpdate(u, this.app.roster, this.hhmm(this.clock.now()))));
  }

  /** A line of what the bot did: printed, or collected under the routine that is running. */
  private show(line: string): void {
    if (this.stopped) return;
    if (this.capture) this.capture.push(line);
    else this.print(line);
  }

  /** Stops printing (the terminal is closing). */
  stop(): void {
    this.stopped = true;
  }

  help(): void {
    this.print(T.SIM_HELP);
    if (this.world.kind === 'wecom') this.print(T.simHelpWecom(this.world.botName));
  }

  /** Takes one typed line; resolves when everything it caused was answered. 'quit' to end. */
  feed(raw: string): Promise<'quit' | undefined> {
    return this.serially(() => this.line(raw));
  }

  /** Runs the routines whose times the (running) clock has passed since the last tick. */
  tick(): Promise<void> {
    return this.serially(async () => {
      await this.runDue(this.clock.now(), false);
    });
  }

  private serially<T>(f: () => Promise<T>): Promise<T> {
    const next = this.chain.then(f, f);
    this.chain = next.catch(() => undefined);
    return next;
  }

  private tz(): string {
    return this.app.config.timezone;
  }

  private hhmm(t: Date): string {
    return inZone(t, this.tz()).format('HH:mm');
  }

  private async line(raw: string): Promise<'quit' | undefined> {
    if (this.paste) {
      const t = raw.replace(/\r$/, '');
      if (t.trim() === '/cancel') {
        this.paste = undefined;
        this.print(T.SIM_PASTE_CANCELLED);
      } else if (t.trim() === '.') {
        const { head, lines } = this.paste;
        this.paste = undefined;
        await this.message(`${head}${lines.join('\n')}`);
      } else this.paste.lines.push(t);
      return undefined;
    }
    const trimmed = raw.trim();
    if (/(^|[^\\])\\$/.test(trimmed)) {
      this.continued ??= [];
      this.continued.push(trimmed.slice(0, -1).trimEnd());
      return undefined;
    }
    if (this.continued) {
      const text = [...this.continued, trimmed].join('\n');
      this.continued = undefined;
      await this.message(text);
      return undefined;
    }
    if (trimmed === '') return undefined;
    if (trimmed.startsWith('/')) return this.command(trimmed);
    await this.message(trimmed);
    return undefined;
  }

  private async command(line: string): Promise<'quit' | undefined> {
    const [cmd = '', ...rest] = line.split(/\s+/);
    const arg = rest.join(' ').trim();
    switch (cmd) {
      case '/quit':
      case '/exit':
        return 'quit';
      case '/help':
        this.help();
        return undefined;
      case '/who':
        this.who();
        return undefined;
      case '/clock':
        this.showClock();
        return undefined;
      case '/advance':
        await this.advance(arg);
        return undefined;
      case '/run':
        await this.runNamed(arg);
        return undefined;
      case '/play':
        await this.play(arg);
        return undefined;
      case '/as': {
        const p = this.resolve(arg, true);
        if (p) {
          this.speaker = p.id;
          this.print(T.simSpeakAs(p.name));
        } else this.print(T.SIM_NO_SUCH_PERSON);
        return undefined;
      }
      case '/paste': {
        const m = /^(私聊\s*)?(.*)$/.exec(arg) as RegExpExecArray;
        const name = (m[2] as string).trim();
        this.paste = { head: name ? `${m[1] ? '私聊 ' : ''}${name}: ` : m[1] ? '私聊 ' : '', lines: [] };
        this.print(T.SIM_PASTE_START);
        return undefined;
      }
      case '/recall': {
        const p = arg ? this.resolve(arg, true) : this.speaker ? { id: this.speaker } : undefined;
        if (!p) {
          this.print(T.SIM_NO_SUCH_PERSON);
          return undefined;
        }
        if (!this.world.recall) {
          this.print(T.SIM_NO_RECALL);
          return undefined;
        }
        if (this.world.recall(p.id) === undefined) {
          this.print(T.SIM_NOTHING_TO_RECALL);
          return undefined;
        }
        await this.settle();
        return undefined;
      }
      case '/file': {
        const m = /^(私聊\s*)?([^:：]+)[:：]\s*(.+)$/.exec(arg);
        const p = m ? this.resolve((m[2] as string).trim(), true, m[1] ? 'private' : 'group') : undefined;
        if (!m || !p) {
          this.print(T.SIM_NO_SUCH_PERSON);
          return undefined;
        }
        let id: string;
        try {
          id = this.world.sendFile(p.id, (m[3] as string).trim(), m[1] ? { to: 'bot' } : {});
        } catch (err) {
          this.print(T.simFileError((err as Error).message));
          return undefined;
        }
        if (this.world.notSeen?.(id) === 'group-file') this.print(T.SIM_GROUP_FILE_NOT_SEEN);
        await this.settle();
        return undefined;
      }
      default:
        this.print(T.SIM_UNKNOWN_COMMAND);
        return undefined;
    }
  }

  /**
   * A person by roster name or id; a group stranger by id or name; "陌生人" for the built-in
   * stranger; a `wxid_…` id (or, with `anyId`, any contact id) joins the group on demand.
   */
  /**
   * A name or contact id to a speaker. A contact not on the roster is announced once per channel:
   * as a group member the bot does not know, or, for a private message, as an unknown contact
   * whose private chats the bot does not answer.
   */
  private resolve(
    token: string,
    anyId = false,
    channel: 'group' | 'private' = 'group',
  ): { id: string; name: string } | undefined {
    const t = token.trim();
    if (t === '') return undefined;
    const p = this.app.roster.people.find((x) => x.name === t || x.id === t);
    if (p) return { id: p.id, name: p.name };
    if (t === '陌生人') {
      const s = this.world.strangers()[0];
      if (s) return { id: s.id, name: T.simStrangerName(s.name, s.id) };
    }
    const s = this.world.strangers().find((c) => c.id === t || c.name === t);
    if (s) {
      // A configured stranger in the group needs no word; one the session introduced is told per channel.
      if (channel === 'private' || this.announced.has(`private:${s.id}`)) this.announce(s.id, channel);
      return { id: s.id, name: T.simStrangerName(s.name, s.id) };
    }
    if (STRANGER_ID.test(t) || (anyId && ANY_ID.test(t))) {
      this.world.ensureMember(t);
      this.announce(t, channel);
      return { id: t, name: T.simStrangerName(t) };
    }
    return undefined;
  }

  /** Says once per contact and channel how the bot sees a contact not on the roster. */
  private announce(id: string, channel: 'group' | 'private'): void {
    const key = `${channel}:${id}`;
    if (this.announced.has(key)) return;
    this.announced.add(key);
    this.print(channel === 'private' ? T.simStrangerPrivate(id) : T.simStrangerJoined(id));
  }

  /** A chat message: "姓名: 内容", "私聊 姓名: 内容", or the /as speaker's text. */
  private async message(text: string): Promise<void> {
    const m = /^(私聊\s*)?([^:：\s]{1,64})[:：]\s*(.*)$/s.exec(text);
    const p = m ? this.resolve(m[2] as string, false, m[1] ? 'private' : 'group') : undefined;
    let id: string;
    if (m && p) {
      const body = m[3] as string;
      if (body.trim() === '') return;
      const press = PRESS.exec(body.trim());
      if (press) return this.press(p, press[1] as string);
      id = this.world.say(p.id, body, m[1] ? { to: 'bot' } : { mentions: this.mentionIds(body) });
    } else if (m?.[1]) {
      this.print(T.SIM_NO_SUCH_PERSON);
      return;
    } else if (this.speaker) {
      const press = PRESS.exec(text.trim());
      const name = personName(this.app.roster, this.speaker);
      if (press) return this.press({ id: this.speaker, name }, press[1] as string);
      id = this.world.say(this.speaker, text, { mentions: this.mentionIds(text) });
    } else {
      this.print(T.SIM_NEED_SPEAKER);
      return;
    }
    if (this.world.notSeen?.(id) === 'not-mentioned') this.print(T.simNotMentioned(this.world.botName));
    await this.settle();
  }

  /**
   * `/play FILE`: a replay scenario (JSON Lines, as `cli replay` reads) played on the simulated clock: the clock is
   * moved to each line's time (the routines on the way run as with /advance, so the file's own `run` lines are
   * left to the clock), then the line is said, withdrawn or its file sent as its person, and answered.
   */
  private async play(path: string): Promise<void> {
    let raw: string;
    try {
      raw = readFileSync(path, 'utf8');
    } catch (err) {
      this.print(T.simFileError((err as Error).message));
      return;
    }
    const lines = raw.split('\n').filter((l) => l.trim() !== '');
    let played = 0;
    for (const [i, text] of lines.entries()) {
      const line = readScenarioLine(text);
      if ('error' in line) {
        this.print(T.simPlayBadLine(i + 1, line.error));
        continue;
      }
      const at = new Date(line.at);
      if (at.getTime() > this.clock.now().getTime()) await this.runDue(at, true);
      if ('run' in line || 'press' in line) continue;
      const who = personName(this.app.roster, line.from);
      if ('recall' in line) {
        if (!this.world.recall || this.world.recall(line.from) === undefined) continue;
        this.print(T.simPlayRecall(this.hhmm(at), who));
      } else if ('file' in line) {
        this.print(T.simPlaySaid(this.hhmm(at), who, line.to === 'bot', line.file));
        this.world.sendFile(line.from, line.file, { to: line.to });
      } else {
        this.print(T.simPlaySaid(this.hhmm(at), who, line.to === 'bot', line.text));
        this.world.say(line.from, line.text, { to: line.to, mentions: line.mentions });
      }
      played++;
      await this.settle();
    }
    this.print(T.simPlayed(played, path));
  }

  /** `姓名: [签收]`: the person presses that button on the latest card they can see with it. */
  private async press(p: { id: string; name: string }, button: string): Promise<void> {
    if (!this.world.pressCard) {
      this.print(T.SIM_NO_CARDS);
      return;
    }
    const r = this.world.pressCard(p.id, button);
    if (!r.ok) {
      this.print(r.why === 'no-card' ? T.simNoCardToPress(button) : T.simCardAlreadyPressed(button));
      return;
    }
    this.print(T.simPressed(p.name, button, r.title));
    await this.settle();
  }

  private mentionIds(text: string): string[] {
    const ids: string[] = [];
    for (const m of text.matchAll(/@([^\s@，,：:]+)/g)) {
      const p = this.app.roster.people.find((x) => x.name === m[1]);
      if (p && !ids.includes(p.id)) ids.push(p.id);
    }
    return ids;
  }

  /** Waits until the bot has answered what was just said. */
  private async settle(): Promise<void> {
    await this.world.flush?.();
    if (!(await waitIdle(this.app, this.drainMs))) this.print(T.SIM_STILL_BUSY);
  }

  private who(): void {
    const r = this.app.roster;
    for (const p of r.people)
      this.print(`  ${p.name}  ${p.id}  ${p.roles.join('/')}${p.unit ? `  ${unitName(r, p.unit)}` : ''}`);
    this.print(T.SIM_WHO_STRANGERS);
    for (const s of this.world.strangers()) this.print(`  ${s.name}  ${s.id}`);
    this.print(T.SIM_WHO_HINT);
  }

  private dayOf(t: Date): { day: string; wd: number; workday: boolean } {
    const day = localDay(t, this.tz());
    return { day, wd: weekday(day), workday: this.app.calendar.isWorkday(day) };
  }

  private showClock(): void {
    const now = this.clock.now();
    const d = this.dayOf(now);
    const next = this.times
      .between(now, new Date(now.getTime() + 86_400_000))
      .filter((r) => !this.times.frequent.has(r.routine))
      .slice(0, 6)
      .map((r) => T.simNextRoutine(localDay(r.at, this.tz()) !== d.day, this.hhmm(r.at), r.routine));
    this.print(T.simClockText(T.simTimeText(d.day, this.hhmm(now), d.wd), d.workday, this.clock.running, next));
  }

  private async advance(arg: string): Promise<void> {
    if (arg === '') {
      this.print(T.SIM_ADVANCE_USAGE);
      return;
    }
    const target = advanceTarget(arg, this.clock.now(), this.tz());
    if (!(target instanceof Date)) {
      this.print(T.simAside(target.error));
      return;
    }
    await this.runDue(target, true);
    const now = this.clock.now();
    const d = this.dayOf(now);
    this.print(T.simNowText(T.simTimeText(d.day, this.hhmm(now), d.wd)));
  }

  /**
   * Runs every routine due in (lastTick, target], each at its own time, then leaves the clock
   * at the target. With `verbose` (an /advance) a new day is announced by a separator line.
   */
  private async runDue(target: Date, verbose: boolean): Promise<void> {
    const runs = this.times.between(this.lastTick, target);
    const silentFrequent = new Map<string, number>();
    let shownDay = localDay(this.clock.now(), this.tz());
    const dayLine = (t: Date) => {
      const d = this.dayOf(t);
      if (verbose && d.day !== shownDay) {
        shownDay = d.day;
        this.print(T.simDayLine(d.day, d.wd, d.workday));
      }
    };
    for (const r of runs) {
      dayLine(r.at);
      // Jump to the run's time (a running clock that is already there is left alone).
      if (this.clock.now().getTime() < r.at.getTime() || this.clock.now().getTime() - r.at.getTime() > 5_000)
        this.clock.set(r.at);
      const sent = await this.runRoutine(r, !this.times.frequent.has(r.routine));
      if (sent === 0 && this.times.frequent.has(r.routine))
        silentFrequent.set(r.routine, (silentFrequent.get(r.routine) ?? 0) + 1);
      this.lastTick = r.at;
    }
    dayLine(target);
    if (this.clock.now().getTime() < target.getTime()) this.clock.set(target);
    this.lastTick = target;
    if (silentFrequent.size > 0)
      this.print(T.simFrequentSilent([...silentFrequent].map(([n, c]) => T.simFrequentPart(n, c))));
  }

  /** `/run <routine>`: now, at the simulated time. */
  private async runNamed(name: string): Promise<void> {
    if (!name || !this.app.scheduler.get(name)) {
      this.print(T.simUnknownRoutine(name, this.app.scheduler.names()));
      return;
    }
    await this.runRoutine({ at: this.clock.now(), routine: name }, true);
  }

  /**
   * Runs a routine as the scheduler would (one job in the routines queue), waits until what it
   * sent has been sent, and prints it under one line naming the routine. Returns how many
   * messages it sent; a silent run prints its line only when `reportSilent`.
   */
  private async runRoutine(r: DueRun, reportSilent: boolean): Promise<number> {
    const at = this.hhmm(r.at);
    const captured: string[] = [];
    this.capture = captured;
    let done: boolean;
    try {
      await this.app.scheduler.runNow(r.routine, `sim-${r.at.getTime()}-${++this.seq}`);
      done = await waitIdle(this.app, this.drainMs);
    } finally {
      this.capture = undefined;
    }
    if (captured.length > 0) {
      this.print(T.simRoutineSent(at, r.routine, captured.length));
      for (const l of captured) this.print(l);
    } else if (!done) this.print(T.simRoutineStuck(at, r.routine));
    else if (reportSilent) this.print(T.simRoutineSilent(at, r.routine));
    return captured.length;
  }
}
