import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isLoopbackUrl } from './loopback.js';

describe('isLoopbackUrl', () => {
  const cases: Array<[string, boolean]> = [
    ['http://localhost:4000', true],
    ['http://app.localhost', true],
    ['http://127.0.0.1:4000', true],
    ['http://127.1.2.3', true],
    ['http://[::1]:4000', true],
    ['http://0.0.0.0:4000', true],
    ['https://courier.example.com', false],
    ['http://10.0.0.5:4000', false],
    ['http://localhost.example.com', false],
    ['not a url', false],
  ];
  for (const [url, loopback] of cases) {
    it(`${loopback ? 'flags' : 'admits'} ${url}`, () => assert.equal(isLoopbackUrl(url), loopback));
  }
});
