import type { PageEnvironment } from '../src/pageEnvironment';

/**
 * A hand-driven {@link PageEnvironment}: animation frames run only on `frame()`, timers only
 * on `tick(ms)`, and `headChanged()` plays a `<head>` mutation. Nothing runs by itself.
 */
export function fakePageEnvironment() {
  let now = 0;
  let nextId = 1;
  let frames: Array<() => void> = [];
  const timers = new Map<number, { at: number; callback: () => void }>();
  const headListeners = new Set<() => void>();
  const environment: PageEnvironment = {
    requestAnimationFrame: (callback) => {
      frames.push(callback);
    },
    setTimeout: (callback, ms) => {
      const id = nextId++;
      timers.set(id, { at: now + ms, callback });
      return id;
    },
    clearTimeout: (handle) => {
      timers.delete(handle as number);
    },
    observeHead: (onChange) => {
      headListeners.add(onChange);
      return () => headListeners.delete(onChange);
    },
  };
  return {
    environment,
    /** Runs the animation frame callbacks queued so far (not the ones they queue). */
    frame() {
      const due = frames;
      frames = [];
      for (const callback of due) callback();
    },
    /** Advances the clock, running due timers in order. */
    tick(ms: number) {
      const until = now + ms;
      for (;;) {
        const due = [...timers.entries()]
          .filter(([, t]) => t.at <= until)
          .sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        timers.delete(due[0]);
        now = due[1].at;
        due[1].callback();
      }
      now = until;
    },
    headChanged() {
      for (const listener of [...headListeners]) listener();
    },
    get headObservers() {
      return headListeners.size;
    },
    get pendingTimers() {
      return timers.size;
    },
  };
}

/** Two frames and a task: what a settled `<head>` takes. */
export function settle(fake: ReturnType<typeof fakePageEnvironment>) {
  fake.frame();
  fake.frame();
  fake.tick(0);
}
