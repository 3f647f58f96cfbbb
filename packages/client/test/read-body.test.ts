import { StateEntry } from '@sqlrs/contract';
import { describe, expect, it } from 'vitest';
import type { BufferedResponse } from '../src/http-transport.js';
import { expectSuccess, readJson, readList } from '../src/read-body.js';
import { caught, caughtSync } from './caught.js';
import { S1, S2, stateEntry } from './fixtures.js';

function answer(status: number, text: string, contentType = 'application/json'): BufferedResponse {
  return { request: 'GET /v1/states', status, headers: new Headers({ 'content-type': contentType }), text };
}

const child = { ...stateEntry, state_id: S2, parent_state_id: S1 };

describe('readJson', () => {
  it('returns the validated body', () => {
    expect(readJson(answer(200, JSON.stringify(stateEntry)), StateEntry, 'StateEntry')).toEqual(stateEntry);
  });

  it('rejects a body that does not match the contract, naming every issue', () => {
    const body = { ...stateEntry, status: 'gone', use_count: -1 };
    expect(caughtSync(() => readJson(answer(200, JSON.stringify(body)), StateEntry, 'StateEntry'))).toEqual({
      code: 'internal_error',
      message: "the engine's answer to GET /v1/states is not a valid StateEntry; use a client and engine of the same sqlrs version",
      details: 'use_count: Too small: expected number to be >=0; status: Invalid option: expected one of "ready"|"building"|"missing"',
      issues: [
        { path: 'use_count', message: 'Too small: expected number to be >=0' },
        { path: 'status', message: 'Invalid option: expected one of "ready"|"building"|"missing"' },
      ],
      data: { status: 200, body },
    });
  });

  it('rejects a body that is not JSON', () => {
    expect(caughtSync(() => readJson(answer(200, '<html>'), StateEntry, 'StateEntry'))).toEqual({
      code: 'internal_error',
      message: "the engine's answer to GET /v1/states is not JSON; check that the endpoint is an sqlrs engine",
      details: '<html>',
      issues: undefined,
      data: { status: 200, body: '<html>' },
    });
  });
});

describe('readList', () => {
  it('parses a JSON array', async () => {
    expect(await readList(answer(200, JSON.stringify([stateEntry, child])), StateEntry, 'StateEntry')).toEqual([stateEntry, child]);
  });

  it('parses NDJSON when the engine answers application/x-ndjson, an empty body being an empty list', async () => {
    const text = `${JSON.stringify(stateEntry)}\n${JSON.stringify(child)}\n`;
    expect(await readList(answer(200, text, 'application/x-ndjson'), StateEntry, 'StateEntry')).toEqual([stateEntry, child]);
    expect(await readList(answer(200, '', 'application/x-ndjson'), StateEntry, 'StateEntry')).toEqual([]);
  });

  it('names the list position of an invalid item', async () => {
    const bad = { ...child, state_id: 'S2' };
    const text = `${JSON.stringify(stateEntry)}\n${JSON.stringify(bad)}\n`;
    expect(await caught(readList(answer(200, text, 'application/x-ndjson'), StateEntry, 'StateEntry'))).toEqual({
      code: 'internal_error',
      message: "the engine's answer to GET /v1/states is not a valid StateEntry list; use a client and engine of the same sqlrs version",
      details: '[1].state_id: expected 64 lowercase hex characters',
      issues: [{ path: '[1].state_id', message: 'expected 64 lowercase hex characters' }],
      data: { status: 200, body: [stateEntry, bad] },
    });
  });
});

describe('expectSuccess', () => {
  it('passes 2xx answers and throws the error of others', () => {
    const ok = answer(204, '');
    expect(expectSuccess(ok)).toBe(ok);
    expect(caughtSync(() => expectSuccess(answer(404, '{"code":"not_found","message":"state not found"}')))).toEqual({
      code: 'not_found',
      message: 'state not found',
      details: undefined,
      issues: undefined,
      data: { status: 404, body: { code: 'not_found', message: 'state not found' } },
    });
  });
});
