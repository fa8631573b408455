import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NinetailedInputError } from '../src/index';
import { NOW, okReply, rejected, setup } from './helpers';

beforeEach(() => {
  vi.useFakeTimers({ now: NOW });
});
afterEach(() => {
  vi.useRealTimers();
});

/** A Proxy whose every read throws (hostile input). */
const trap = new Proxy(
  { a: 1 },
  {
    get() {
      throw new Error('trap');
    },
  },
);

/** Values JSON cannot hold, hostile values, and values that make an event too big to send. */
const poison = fc.oneof(
  fc.constant(undefined),
  fc.constant(() => 1),
  fc.constant(Symbol('s')),
  fc.bigInt(),
  fc.constantFrom(Number.NaN, Infinity, -Infinity),
  fc.constant(new Map([[1, 2]])),
  fc.constant(new (class Thing {})()),
  fc.constant(trap),
  fc.constant({
    get getter() {
      throw Symbol('getter');
    },
  }),
  fc.constant('x'.repeat(40_000)),
);

/** Any argument at all, valid or not. */
const anything = fc.oneof(
  fc.anything({ withBigInt: true, withMap: true, withSet: true, withDate: true }),
  poison,
);

/** A plain object holding exactly one poisoned value somewhere. */
const poisoned = fc
  .tuple(
    fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 4 }),
    fc.array(fc.string({ minLength: 1 }), { minLength: 1, maxLength: 4 }),
    poison,
  )
  .map(([base, path, bad]) => {
    const root: Record<string, unknown> = { ...base };
    let node = root;
    path.slice(0, -1).forEach((key) => {
      const child: Record<string, unknown> = {};
      Object.defineProperty(node, key, {
        value: child,
        enumerable: true,
        writable: true,
        configurable: true,
      });
      node = child;
    });
    Object.defineProperty(node, path.at(-1)!, {
      value: bad,
      enumerable: true,
      writable: true,
      configurable: true,
    });
    return root;
  });

const validProps = fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 5 });

type Call =
  | { kind: 'page'; props: unknown }
  | { kind: 'track'; name: unknown; props: unknown }
  | { kind: 'identify'; uid: unknown; traits: unknown };

const validCall: fc.Arbitrary<Call> = fc.oneof(
  validProps.map((props) => ({ kind: 'page' as const, props })),
  fc
    .tuple(
      fc.string({ minLength: 1 }).filter((s) => s.trim() !== ''),
      validProps,
    )
    .map(([name, props]) => ({ kind: 'track' as const, name, props })),
  fc
    .tuple(
      fc.string().filter((s) => !/@|\d{8}/.test(s)),
      validProps.filter((t) => Object.keys(t).length > 0),
    )
    .map(([uid, traits]) => ({ kind: 'identify' as const, uid, traits })),
);

const badCall: fc.Arbitrary<Call> = fc.oneof(
  poisoned.map((props) => ({ kind: 'page' as const, props })),
  fc
    .tuple(
      anything.filter((x) => typeof x !== 'string' || x.trim() === ''),
      validProps,
    )
    .map(([name, props]) => ({
      kind: 'track' as const,
      name,
      props,
    })),
  fc
    .tuple(fc.string({ minLength: 1 }), poisoned)
    .map(([name, props]) => ({ kind: 'track' as const, name, props })),
  fc
    .tuple(
      anything.filter((x) => typeof x !== 'string'),
      validProps,
    )
    .map(([uid, traits]) => ({
      kind: 'identify' as const,
      uid,
      traits,
    })),
  fc.tuple(fc.string(), poisoned).map(([uid, traits]) => ({ kind: 'identify' as const, uid, traits })),
  // Too long an alias or event name; a hostile Proxy as the whole properties or traits.
  fc.constant({ kind: 'identify' as const, uid: 'u'.repeat(1025), traits: { a: 1 } }),
  fc.constant({ kind: 'track' as const, name: 'e'.repeat(1025), props: undefined }),
  fc.constantFrom<Call>(
    { kind: 'page', props: trap },
    { kind: 'track', name: 'x', props: trap },
    { kind: 'identify', uid: '', traits: trap },
  ),
  anything
    .filter((x) => x !== undefined && (typeof x !== 'object' || x === null || Array.isArray(x)))
    .map((props) => ({ kind: 'page' as const, props })),
);

describe('property: random bad input', () => {
  it('never throws synchronously, rejects every bad call, and loses no valid call', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.boolean(), validCall, badCall), { minLength: 1, maxLength: 12 }),
        async (steps) => {
          const { api, ninetailed, onError } = setup({ privacy: { contactInfo: 'allow' } });
          api.next(...steps.map(() => () => okReply('p1')));
          const valid: Call[] = [];
          const outcomes: Array<Promise<'ok' | 'input-error' | 'other'>> = [];
          for (const [goodFirst, good, bad] of steps) {
            for (const [call, ok] of goodFirst
              ? ([
                  [good, true],
                  [bad, false],
                ] as const)
              : ([
                  [bad, false],
                  [good, true],
                ] as const)) {
              let promise!: Promise<{ success: boolean; error?: Error }>;
              expect(() => {
                promise =
                  call.kind === 'page'
                    ? ninetailed.page(call.props as never)
                    : call.kind === 'track'
                      ? ninetailed.track(call.name as never, call.props as never)
                      : ninetailed.identify(call.uid as never, call.traits as never);
              }).not.toThrow();
              if (ok) valid.push(call);
              outcomes.push(
                rejected(promise).then(
                  () => 'ok' as const,
                  (error: unknown) => (error instanceof NinetailedInputError ? 'input-error' : 'other'),
                ),
              );
            }
            await vi.advanceTimersByTimeAsync(0);
          }
          const results = await Promise.all(outcomes);
          await ninetailed.flush();
          expect(results.filter((r) => r === 'other')).toEqual([]);
          expect(results.filter((r) => r === 'ok')).toHaveLength(valid.length);
          expect(onError).toHaveBeenCalledTimes(results.length - valid.length);
          // Every valid call arrived, in call order, with its data intact.
          const sent = api.events();
          expect(sent.map((e) => e.type)).toEqual(valid.map((c) => c.kind));
          sent.forEach((event, i) => {
            const call = valid[i]!;
            if (call.kind === 'track')
              expect(event).toMatchObject({
                event: call.name,
                properties: JSON.parse(JSON.stringify(call.props)),
              });
            if (call.kind === 'identify')
              expect(event).toMatchObject({
                userId: call.uid,
                traits: JSON.parse(JSON.stringify(call.traits)),
              });
            if (call.kind === 'page')
              expect(event.properties).toMatchObject(JSON.parse(JSON.stringify(call.props)));
          });
          // Drain the replies the double still holds (fewer requests than steps when calls batched).
          const leftover = steps.length - api.requests.length;
          for (let i = 0; i < leftover; i++) await ninetailed.page();
        },
      ),
      { numRuns: 60, seed: 20250301 },
    );
  });
});
