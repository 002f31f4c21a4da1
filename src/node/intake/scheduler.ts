import { resolve } from 'node:path';
import type { PassProgress, Watch } from '../../common/contract/intake';
import type { Logger } from '../platform/log';
import { nextPassDelayMs } from './backoff';
import type { PassState } from './pass-state';
import type { PassResult } from './sync-pass';

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const nodeTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export interface SchedulerDeps {
  watches(): Promise<Watch[]>;
  stateOf(watch: Watch): Promise<PassState>;
  runPass(watch: Watch, signal: AbortSignal, onProgress: (p: PassProgress) => void): Promise<PassResult>;
  /** The watch's runtime status changed (planned, started, progressed, ended). */
  onChange(watchId: string, runtime: WatchRuntime): void;
  onPassEnd?(watch: Watch, result: PassResult): void;
  now(): Date;
  timers?: Timers;
  log?: Logger;
}

/** What only the running scheduler knows of a watch; the rest of its status is in its pass state. */
export interface WatchRuntime {
  nextPassAt?: string;
  running?: PassProgress;
}

interface Slot {
  timer?: unknown;
  nextPassAt?: string;
  running?: { controller: AbortController; progress: PassProgress; done: Promise<void> };
  /** Bumped by every plan(): a plan that finishes after a newer one was made is dropped. */
  generation: number;
}

/** A stop recorded after the person last resumed the watch holds; an earlier one is over. */
export function isStopped(watch: Watch, state: PassState): boolean {
  return state.stop !== undefined && !(watch.resumedAt && watch.resumedAt > state.stop.at);
}

/**
 * The app's intake scheduler (issue 12, item 3): runs each active watch's passes while the app runs — in
 * main, so they go on while the window is closed to the tray. A watch is *idle* until its next pass is due
 * (the interval after its last pass, longer after failures in a row: backoff.ts; due at once when overdue
 * after a restart), *running* during a pass, *paused* by the person, *stopped* by an error a person must fix
 * (failure-kind.ts) until resumed. Passes of one watch never overlap; watches writing to one folder take
 * turns here (other processes: the locks in pass-state.ts and folder-lock.ts).
 */
export class IntakeScheduler {
  private readonly slots = new Map<string, Slot>();
  private readonly folderTurns = new Map<string, Promise<void>>();
  private readonly timers: Timers;
  private started = false;

  constructor(private readonly deps: SchedulerDeps) {
    this.timers = deps.timers ?? nodeTimers;
  }

  get isStarted(): boolean {
    return this.started;
  }

  async start(): Promise<void> {
    this.started = true;
    for (const watch of await this.deps.watches()) await this.plan(watch.id);
  }

  /** Stop running passes (they drain: the files in flight finish, verified; nothing new starts) and plan no more. */
  async stop(): Promise<void> {
    this.started = false;
    const running: Promise<void>[] = [];
    for (const slot of this.slots.values()) {
      if (slot.timer !== undefined) this.timers.clearTimeout(slot.timer);
      slot.timer = undefined;
      slot.nextPassAt = undefined;
      if (slot.running) {
        slot.running.controller.abort();
        running.push(slot.running.done);
      }
    }
    await Promise.all(running);
  }

  runtime(watchId: string): WatchRuntime {
    const slot = this.slots.get(watchId);
    return {
      ...(slot?.nextPassAt ? { nextPassAt: slot.nextPassAt } : {}),
      ...(slot?.running ? { running: slot.running.progress } : {}),
    };
  }

  isRunning(watchId: string): boolean {
    return this.slots.get(watchId)?.running !== undefined;
  }

  /** (Re)plan a watch from what is stored: after start, an edit, pause, resume, or the end of a pass. */
  async plan(watchId: string): Promise<void> {
    const slot = this.slot(watchId);
    const generation = ++slot.generation;
    if (slot.timer !== undefined) this.timers.clearTimeout(slot.timer);
    slot.timer = undefined;
    slot.nextPassAt = undefined;
    const watch = (await this.deps.watches()).find((w) => w.id === watchId);
    if (!watch) {
      this.forget(watchId);
      return;
    }
    const state = await this.deps.stateOf(watch).catch(() => undefined);
    if (generation !== slot.generation) return;
    if (this.started && !watch.paused && !(state && isStopped(watch, state)) && !slot.running) {
      const interval = watch.intervalMinutes * 60_000;
      const last = state?.lastPassAt ? Date.parse(state.lastPassAt) : Number.NaN;
      const now = this.deps.now().getTime();
      const due = Number.isNaN(last) ? now : last + nextPassDelayMs(interval, state?.consecutiveFailures ?? 0);
      const delay = Math.max(0, Math.min(due - now, interval * 2 ** 10));
      slot.nextPassAt = new Date(now + delay).toISOString();
      slot.timer = this.timers.setTimeout(() => {
        slot.timer = undefined;
        void this.run(watchId);
      }, delay);
    }
    this.deps.onChange(watchId, this.runtime(watchId));
  }

  /**
   * Start a pass now (unless one is running); resolves when it has ended. The watch counts as running from
   * this call on (synchronously), so a second call or a status read in between sees it.
   */
  run(watchId: string): Promise<void> {
    const slot = this.slot(watchId);
    if (slot.running) return slot.running.done;
    if (slot.timer !== undefined) this.timers.clearTimeout(slot.timer);
    slot.timer = undefined;
    slot.nextPassAt = undefined;
    const running: NonNullable<Slot['running']> = {
      controller: new AbortController(),
      progress: {
        startedAt: this.deps.now().toISOString(),
        phase: 'waiting',
        listed: 0,
        instances: { done: 0, failed: 0, total: 0 },
        files: { done: 0, total: 0 },
        bytes: { done: 0, total: 0 },
      },
      done: Promise.resolve(),
    };
    slot.running = running;
    this.deps.onChange(watchId, this.runtime(watchId));
    running.done = this.runInTurn(watchId, running).finally(async () => {
      if (slot.running === running) slot.running = undefined;
      if (this.slots.get(watchId) === slot) await this.plan(watchId).catch(() => {});
    });
    return running.done;
  }

  /** After the passes of other watches into the same folder (in this process) that started earlier. */
  private async runInTurn(watchId: string, running: NonNullable<Slot['running']>): Promise<void> {
    const watch = (await this.deps.watches()).find((w) => w.id === watchId);
    if (!watch) return;
    const folder = resolve(watch.target);
    const before = this.folderTurns.get(folder) ?? Promise.resolve();
    const mine = before.then(() => this.pass(watch, running));
    const turn = mine.catch(() => {});
    this.folderTurns.set(folder, turn);
    try {
      await mine;
    } finally {
      if (this.folderTurns.get(folder) === turn) this.folderTurns.delete(folder);
    }
  }

  /** A removed watch: cancel its pass and forget it. */
  forget(watchId: string): void {
    const slot = this.slots.get(watchId);
    if (!slot) return;
    if (slot.timer !== undefined) this.timers.clearTimeout(slot.timer);
    slot.running?.controller.abort();
    this.slots.delete(watchId);
  }

  private async pass(watch: Watch, running: NonNullable<Slot['running']>): Promise<void> {
    if (running.controller.signal.aborted) return;
    try {
      const result = await this.deps.runPass(watch, running.controller.signal, (progress) => {
        running.progress = progress;
        this.deps.onChange(watch.id, this.runtime(watch.id));
      });
      this.deps.onPassEnd?.(watch, result);
    } catch (error) {
      this.deps.log?.error('intake pass threw', { watchId: watch.id, error: (error as Error)?.message });
    }
  }

  private slot(watchId: string): Slot {
    let slot = this.slots.get(watchId);
    if (!slot) {
      slot = { generation: 0 };
      this.slots.set(watchId, slot);
    }
    return slot;
  }
}
