import { describe, expect, it } from 'vitest';
import { prettyLine } from '../src/pretty-line.js';

describe('prettyLine', () => {
  it('prints time, level, component and message, then the other fields', () => {
    const line = JSON.stringify({
      level: 'info',
      time: '2025-06-01T09:30:00.125Z',
      pid: 1,
      hostname: 'h',
      component: 'httpapi',
      request_id: 'abc',
      status: 200,
      route: '/v1/instances/:id',
      note: 'two words',
      msg: 'request done',
    });
    expect(prettyLine(`${line}\n`)).toBe(
      '2025-06-01T09:30:00.125Z INFO  [httpapi] request done request_id=abc status=200 route=/v1/instances/:id note="two words"\n',
    );
  });

  it('passes through lines that are not JSON objects', () => {
    expect(prettyLine('not json\n')).toBe('not json\n');
    expect(prettyLine('[1,2]\n')).toBe('[1,2]\n');
  });
});
