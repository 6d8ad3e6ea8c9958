import fc from 'fast-check';

/** One fuzzed POST /collect: its body (text or raw bytes) and headers. */
export type FuzzRequest = { body: string | Uint8Array; contentType?: string; origin?: string; encoding?: string };

const now = 1_790_000_000_000;
/** Mostly `valid`, now and then `wild`: enough whole batches get through to reach the store. */
const mostly = <T, U>(valid: fc.Arbitrary<T>, wild: fc.Arbitrary<U>) =>
  fc.oneof({ arbitrary: valid, weight: 40 }, { arbitrary: wild, weight: 1 });
const px = mostly(
  fc.integer({ min: 0, max: 5000 }),
  fc.oneof(fc.double(), fc.integer({ min: -10, max: 0 }), fc.constant(1e308)),
);
const size = mostly(fc.integer({ min: 1, max: 20_000 }), fc.oneof(fc.double(), fc.constant(0)));
const short = mostly(fc.string({ minLength: 1, maxLength: 40 }), fc.string({ maxLength: 300 }));
const ts = mostly(fc.constant(now), fc.oneof(fc.double(), fc.integer()));
const idLike = (max: number) =>
  mostly(fc.stringMatching(new RegExp(`^[A-Za-z0-9_-]{1,${max}}$`)), fc.string({ maxLength: 80 }));

/** Events of every type, mostly valid, with out-of-range values now and then. */
const event = fc.oneof(
  fc.record({ type: fc.constant('move'), ts, x: px, y: px, w: size, h: size }),
  fc.record(
    { type: fc.constant('click'), ts, x: px, y: px, w: size, h: size, sel: short, rage: fc.constant(true) },
    { requiredKeys: ['type', 'ts', 'x', 'y', 'w', 'h'] },
  ),
  fc.record({ type: fc.constant('scroll'), ts, depth: mostly(fc.integer({ min: 0, max: 100 }), fc.double()) }),
  fc.record(
    { type: fc.constant('pageview'), ts, vh: mostly(fc.integer({ min: 0, max: 5000 }), fc.integer()), ref: short },
    { requiredKeys: ['type', 'ts', 'vh'] },
  ),
  fc.record({ type: fc.constant('custom'), ts, name: short }),
  fc.record({
    type: fc.constantFrom('form', 'media', 'download', 'nope', '__proto__', 'constructor'),
    ts,
    action: short,
    name: short,
    url: short,
    kind: short,
  }),
);

/** A batch that is valid more often than not, for the mutators below to damage. */
const batch = fc.record({
  v: mostly(fc.constant(1), fc.jsonValue()),
  id: idLike(36),
  site: mostly(fc.constantFrom('shop', 'blog'), fc.constantFrom('nope', '', '__proto__', 'constructor', 'shop|x')),
  sid: idLike(64),
  path: mostly(
    fc.oneof(
      fc.constantFrom('/', '/product/7', '/a?b#c', '/__proto__', '/constructor/prototype'),
      fc.webPath().map((p) => `/${p}`),
    ),
    fc.string(),
  ),
  vw: mostly(fc.integer({ min: 1, max: 4000 }), fc.double()),
  sent: ts,
  events: fc.array(event, { minLength: 1, maxLength: 12 }),
});

/** Number literals JSON.stringify never writes but JSON.parse takes (or refuses). */
const hugeNumber = fc.constantFrom(
  '1e400',
  '-1e400',
  '1e-400',
  '-0',
  '123456789012345678901234567890',
  '9007199254740993',
  '0.1e999999',
  'NaN',
  'Infinity',
  '0x10',
  '01',
);
const pollution = fc.constantFrom(
  '"__proto__":{"polluted":true}',
  '"constructor":{"prototype":{"polluted":true}}',
  '"__proto__":[1,2,3]',
  '"prototype":{"polluted":true}',
  '"__defineGetter__":1',
);

/** Splice `extra` into the first object of a JSON text (`{` + extra + `,` + rest). */
const splice = (json: string, extra: string) =>
  json.startsWith('{') ? `{${extra}${json.length > 2 ? ',' : ''}${json.slice(1)}` : json;

const textBody = fc.oneof(
  // Random JSON of any shape.
  { arbitrary: fc.json(), weight: 3 },
  // Mostly-valid batches.
  { arbitrary: batch.map((b) => JSON.stringify(b)), weight: 6 },
  // A field replaced by anything at all.
  {
    arbitrary: fc
      .tuple(batch, fc.constantFrom('v', 'id', 'site', 'sid', 'path', 'vw', 'sent', 'events'), fc.anything())
      .map(([b, k, v]) => {
        try {
          return JSON.stringify({ ...b, [k]: v }) ?? 'null';
        } catch {
          return '{}';
        }
      }),
    weight: 3,
  },
  // Prototype-pollution keys at the top level and inside events.
  {
    arbitrary: fc.tuple(batch, pollution, fc.boolean()).map(([b, p, inEvent]) => {
      const json = JSON.stringify(b);
      return inEvent ? json.replace('"events":[{', `"events":[{${p},`) : splice(json, p);
    }),
    weight: 3,
  },
  // Huge and odd numbers in numeric fields.
  {
    arbitrary: fc
      .tuple(batch, hugeNumber, fc.constantFrom('"vw":', '"sent":', '"v":', '"x":', '"depth":'))
      .map(([b, n, k]) => JSON.stringify(b).replace(new RegExp(`${k}[^,}\\]]+`), `${k}${n}`)),
    weight: 2,
  },
  // Deep nesting, in arrays and objects, past any recursion limit.
  { arbitrary: fc.integer({ min: 1, max: 20_000 }).map((n) => '['.repeat(n) + ']'.repeat(n)), weight: 1 },
  {
    arbitrary: fc.integer({ min: 1, max: 5_000 }).map((n) => '{"events":'.repeat(n) + '[]' + '}'.repeat(n)),
    weight: 1,
  },
  // Truncated and garbage text.
  {
    arbitrary: fc.tuple(batch, fc.nat()).map(([b, cut]) => {
      const j = JSON.stringify(b);
      return j.slice(0, cut % (j.length + 1));
    }),
    weight: 2,
  },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 200 }), weight: 1 },
  // Just past the body limit now and then.
  {
    arbitrary: fc.integer({ min: 64 * 1024 - 50, max: 64 * 1024 + 50 }).map((n) => `{"pad":"${'x'.repeat(n)}"}`),
    weight: 1,
  },
);

/** Bytes that are not UTF-8: lone continuation bytes, overlongs, surrogates, spliced into a batch. */
const badUtf8 = fc
  .tuple(
    batch,
    fc.uint8Array({ minLength: 1, maxLength: 8 }).map((a) => a.map((x) => 0x80 | x)),
    fc.nat(),
  )
  .map(([b, bytes, at]) => {
    const json = Buffer.from(JSON.stringify(b));
    const i = at % (json.length + 1);
    return new Uint8Array(
      Buffer.concat([
        json.subarray(0, i),
        Buffer.from(bytes),
        Buffer.from([0xed, 0xa0, 0x80, 0xc0, 0xaf]),
        json.subarray(i),
      ]),
    );
  });

/** Requests for POST /collect: random, mutated and hostile bodies, content types and origins. */
export const collectRequests: fc.Arbitrary<FuzzRequest> = fc.record(
  {
    body: fc.oneof(
      { arbitrary: textBody, weight: 9 },
      { arbitrary: badUtf8, weight: 1 },
      { arbitrary: fc.uint8Array({ maxLength: 300 }), weight: 1 },
    ),
    contentType: fc.oneof(
      { arbitrary: fc.constant('text/plain'), weight: 8 },
      {
        arbitrary: fc.constantFrom(
          'application/json',
          'application/json; charset=utf-8',
          'TEXT/PLAIN;charset=latin1',
          'text/html',
          'multipart/form-data; boundary=x',
          'application/x-www-form-urlencoded',
          '',
        ),
        weight: 2,
      },
    ),
    origin: fc.oneof(
      { arbitrary: fc.constant('https://shop.example'), weight: 8 },
      { arbitrary: fc.constantFrom('https://blog.example', 'https://evil.example', 'null', ''), weight: 2 },
    ),
    encoding: fc.oneof(
      { arbitrary: fc.constant(undefined), weight: 20 },
      { arbitrary: fc.constantFrom('gzip', 'deflate', 'br', 'identity', 'x'), weight: 1 },
    ),
  },
  { requiredKeys: ['body'] },
);
