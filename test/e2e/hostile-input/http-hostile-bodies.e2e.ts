import { sharedSystem, newOffice, type TestSystem } from '../../support/system';

type Answer = { status: number; contentType: string; text: string; code?: string };

async function post(url: string, body: string | Buffer, headers: Record<string, string>): Promise<Answer> {
  // A Buffer is a Uint8Array: a valid fetch body (Node's types only list the DOM BodyInit).
  const res = await fetch(url, { method: 'POST', headers, body: body as string | Uint8Array as BodyInit });
  const text = await res.text();
  const contentType = res.headers.get('content-type') ?? '';
  let code: string | undefined;
  try {
    code = (JSON.parse(text) as { errors?: { extensions?: { code?: string } }[] }).errors?.[0]?.extensions
      ?.code;
  } catch {
    code = undefined;
  }
  return { status: res.status, contentType, text, code };
}

/** A refusal a client can act on: 4xx, JSON, a code, and nothing of the server's insides. */
function expectCleanRefusal(answer: Answer, status: number, code: string): void {
  expect({ status: answer.status, code: answer.code }).toEqual({ status, code });
  expect(answer.contentType).toMatch(/^application\/json/);
  expect(answer.text).not.toMatch(/<html|<pre|stack|node_modules|\/work\/|at [A-Za-z.]+ \(/i);
}

const JSON_TYPE = { 'content-type': 'application/json' };
// Subgraphs take 1 MB, clients 16 MB (bulk imports): this is above them all.
const ABOVE_EVERY_SUBGRAPH_LIMIT = 'x'.repeat(17 * 1024 * 1024);

/** Malformed, oversized and mistyped bodies, straight to each subgraph and to the gateway. */
describe('hostile HTTP bodies: JSON errors only, signature first', () => {
  let sys: TestSystem;
  let signed: () => Promise<Record<string, string>>;

  beforeAll(async () => {
    sys = await sharedSystem();
    signed = async () => ({
      ...JSON_TYPE,
      'x-fidu-principal': await sys.principalHeader(newOffice()),
    });
  }, 120_000);
  afterAll(() => sys?.stop());

  it('refuses an unsigned malformed body with 401 before parsing it', async () => {
    for (const url of Object.values(sys.subgraphUrls)) {
      expectCleanRefusal(await post(url, '{not json', JSON_TYPE), 401, 'UNAUTHENTICATED');
      expectCleanRefusal(await post(url, 'x'.repeat(2_000_000), JSON_TYPE), 401, 'UNAUTHENTICATED');
    }
  });

  it('answers a signed malformed, oversized or mistyped body with a JSON 4xx and a code', async () => {
    for (const url of Object.values(sys.subgraphUrls)) {
      expectCleanRefusal(await post(url, '{not json', await signed()), 400, 'BAD_REQUEST');
      expectCleanRefusal(
        await post(
          url,
          JSON.stringify({ query: `{ _service { sdl } }`, pad: ABOVE_EVERY_SUBGRAPH_LIMIT }),
          await signed(),
        ),
        413,
        'REQUEST_TOO_LARGE',
      );
      expectCleanRefusal(
        await post(url, '{ _service { sdl } }', { ...(await signed()), 'content-type': 'text/plain' }),
        415,
        'UNSUPPORTED_MEDIA_TYPE',
      );
      expectCleanRefusal(
        await post(url, '{"query":"{ __typename }"}', {
          ...(await signed()),
          'content-type': 'application/json; charset=latin1',
        }),
        415,
        'UNSUPPORTED_MEDIA_TYPE',
      );
      const subscription = await post(
        url,
        JSON.stringify({ query: 'subscription { __typename }' }),
        await signed(),
      );
      expect(subscription.status).toBeLessThan(500);
      expect(subscription.code).toEqual(expect.any(String));
      const unknownRoute = await fetch(url.replace(/\/graphql$/, '/nope'));
      expect(unknownRoute.status).toBe(404);
      expect(
        ((await unknownRoute.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions
          .code,
      ).toBe('NOT_FOUND');
    }
  });

  it('answers hostile bodies at the gateway with JSON, a code and a 4xx, never HTML or 500', async () => {
    const gw = sys.gatewayUrl;
    const token = await sys.token(newOffice());
    const auth = { ...JSON_TYPE, authorization: `Bearer ${token}` };
    const cases: [string, string | Buffer, Record<string, string>, number, string][] = [
      ['invalid JSON', '{not json', auth, 400, 'BAD_REQUEST'],
      [
        'wrong content type',
        '{ clients { totalCount } }',
        { ...auth, 'content-type': 'text/plain' },
        415,
        'UNSUPPORTED_MEDIA_TYPE',
      ],
      [
        'latin-1 charset',
        '{"query":"{ __typename }"}',
        { ...auth, 'content-type': 'application/json; charset=latin1' },
        415,
        'UNSUPPORTED_MEDIA_TYPE',
      ],
      [
        'oversized body',
        JSON.stringify({ query: '{ __typename }', pad: 'x'.repeat(200_000) }),
        auth,
        413,
        'REQUEST_TOO_LARGE',
      ],
      ['GraphQL syntax error', JSON.stringify({ query: '{ clients { ' }), auth, 400, 'GRAPHQL_PARSE_FAILED'],
      [
        'more tokens than the limit',
        JSON.stringify({ query: `{ ${'__typename '.repeat(2500)}}` }),
        auth,
        400,
        'GRAPHQL_PARSE_FAILED',
      ],
      [
        'several operations, no operationName',
        JSON.stringify({ query: 'query A { __typename } query B { __typename }' }),
        auth,
        400,
        'OPERATION_RESOLUTION_FAILURE',
      ],
      [
        'unknown operationName',
        JSON.stringify({ query: 'query A { __typename }', operationName: 'Z' }),
        auth,
        400,
        'OPERATION_RESOLUTION_FAILURE',
      ],
      ['query not a string', JSON.stringify({ query: { a: 1 } }), auth, 400, 'BAD_REQUEST'],
      [
        'lone surrogate in the query',
        '{"query":"{ clients(filter: { search: \\"\\ud800\\" }) { totalCount } }"}',
        auth,
        400,
        'GRAPHQL_PARSE_FAILED',
      ],
      [
        'lone surrogate in a variable',
        '{"query":"query($s: String) { clients(filter: { search: $s }) { totalCount } }","variables":{"s":"a\\udc00"}}',
        auth,
        400,
        'INVALID_TEXT',
      ],
      ['invalid UTF-8 bytes', Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]), auth, 400, 'BAD_REQUEST'],
      [
        'a batch (array of operations)',
        JSON.stringify([{ query: '{ __typename }' }]),
        auth,
        400,
        'BAD_REQUEST',
      ],
      ['no query at all', '{}', auth, 400, 'BAD_REQUEST'],
      ['JSON null', 'null', auth, 400, 'BAD_REQUEST'],
      [
        'variables as a string',
        JSON.stringify({ query: '{ __typename }', variables: '{"a":1}' }),
        auth,
        400,
        'BAD_REQUEST',
      ],
      [
        'a subscription over HTTP',
        JSON.stringify({ query: 'subscription { __typename }' }),
        auth,
        400,
        'BAD_REQUEST',
      ],
      [
        "a persisted query whose hash is not its text's",
        JSON.stringify({
          query: '{ __typename }',
          extensions: { persistedQuery: { version: 1, sha256Hash: 'abc' } },
        }),
        auth,
        400,
        'BAD_REQUEST',
      ],
    ];
    for (const [what, body, headers, status, code] of cases) {
      const answer = await post(gw, body, headers);
      expect([what, answer.status, answer.code]).toEqual([what, status, code]);
      expectCleanRefusal(answer, status, code);
    }
    // GET: without a query, and a mutation (GET may only read).
    const get = async (query: string) => {
      const res = await fetch(`${gw}${query}`, { headers: { 'apollo-require-preflight': 'true' } });
      return {
        status: res.status,
        code: ((await res.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions
          .code,
      };
    };
    expect(await get('')).toEqual({ status: 400, code: 'BAD_REQUEST' });
    expect(await get(`?query=${encodeURIComponent('mutation { __typename }')}`)).toEqual({
      status: 405,
      code: 'BAD_REQUEST',
    });
    expect(await get(`?query=${encodeURIComponent('{ clients {')}`)).toEqual({
      status: 400,
      code: 'GRAPHQL_PARSE_FAILED',
    });
    const unknownRoute = await fetch(gw.replace(/\/graphql$/, '/nope'), { method: 'POST' });
    expect(unknownRoute.status).toBe(404);
    expect(unknownRoute.headers.get('content-type')).toMatch(/^application\/json/);
  });
});
