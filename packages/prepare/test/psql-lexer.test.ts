import { describe, expect, it } from 'vitest';
import { SqlrsError } from '@sqlrs/errors';
import { PsqlLexer, scanPsqlCommand } from '../src/psql-lexer.js';
import type { PsqlDependency } from '../src/psql-meta-effects.js';
import { PsqlVariableScope } from '../src/psql-variables.js';

interface ScanOptions {
  vars?: Record<string, string>;
  singleLine?: boolean;
  readsStdin?: boolean;
}

function lexer(options: ScanOptions): PsqlLexer {
  return new PsqlLexer({
    label: '/w/main.sql',
    variables: new PsqlVariableScope(new Map(Object.entries(options.vars ?? {}))),
    singleLine: options.singleLine ?? false,
    readsStdin: options.readsStdin ?? false,
  });
}

/** Scans `text` whole, in 1-byte chunks and in 3-byte chunks; all three must agree. */
function scan(text: string, options: ScanOptions = {}): PsqlDependency[] {
  const bytes = Buffer.from(text, 'utf8');
  const results = [bytes.length, 1, 3].map((size) => {
    const l = lexer(options);
    for (let i = 0; i < bytes.length; i += size) l.write(bytes.subarray(i, i + size));
    l.end();
    return l.dependencies;
  });
  expect(results[1]).toEqual(results[0]);
  expect(results[2]).toEqual(results[0]);
  return results[0] as PsqlDependency[];
}

function scanError(text: string, options: ScanOptions = {}): unknown {
  try {
    scan(text, options);
  } catch (error) {
    return error;
  }
  throw new Error('expected the scan to fail');
}

const include = (path: string, line: number, extra: Partial<PsqlDependency> = {}): PsqlDependency => ({
  kind: 'include',
  path,
  relativeToSource: false,
  line,
  conditional: false,
  ...extra,
});
const data = (path: string, line: number): PsqlDependency => ({ ...include(path, line), kind: 'copy_data' });
const unhashable = (where: string, reason: string, fix: string): SqlrsError =>
  new SqlrsError('invalid_argument', `cannot hash ${where}: ${reason}; ${fix}`);

describe('psql lexer: include commands', () => {
  it('records \\i, \\include, \\ir and \\include_relative in textual order with their lines', () => {
    const text = 'create table t();\n\\i a.sql\n\\include /abs/b.sql\n\\ir sub/c.sql\n\\include_relative d.sql\n';
    expect(scan(text)).toEqual([
      include('a.sql', 2),
      include('/abs/b.sql', 3),
      include('sub/c.sql', 4, { relativeToSource: true }),
      include('d.sql', 5, { relativeToSource: true }),
    ]);
  });

  it('unquotes arguments like psql: single quotes with escapes, double quotes kept, trailing semicolons dropped', () => {
    const text = "\\i 'my file.sql'\n\\i 'it''s\\tx.sql'\n\\i \"q.sql\"\n\\i a.sql;\n\\i 'b;'\n";
    expect(scan(text)).toEqual([
      include('my file.sql', 1),
      include("it's\tx.sql", 2),
      include('"q.sql"', 3),
      include('a.sql', 4),
      include('b;', 5),
    ]);
  });

  it('sees a backslash command anywhere outside quotes and comments, and several on one line', () => {
    const text = 'select 1; \\i a.sql\n\\set x 1 \\i b.sql\n\\echo hi \\\\ select 2; \\i c.sql\nselect 3 \\g\n';
    expect(scan(text)).toEqual([include('a.sql', 1), include('b.sql', 2), include('c.sql', 3)]);
  });

  it('ignores an include without an argument or with an unterminated quote (psql fails it at run time)', () => {
    expect(scan("\\i\n\\i 'open.sql\n")).toEqual([]);
  });
});

describe('psql lexer: text that hides backslashes', () => {
  it.each([
    ['a string', "select '\n\\i no.sql\n';"],
    ['an escape string with \\\'', "select E'it\\'s\n\\i no.sql\n';"],
    ['a dollar quote', 'select $$\n\\i no.sql\n$$;'],
    ['a tagged dollar quote holding another tag', 'do $body$ begin $x$\n\\i no.sql\n$x$; end $body$;'],
    ['a quoted identifier', 'select 1 as "\n\\i no.sql\n";'],
    ['a line comment', '-- \\i no.sql'],
    ['a nested block comment', '/* outer /* inner */\n\\i no.sql\n*/'],
  ])('%s', (_name, hidden) => {
    expect(scan(`${hidden}\n\\i yes.sql\n`)).toEqual([include('yes.sql', hidden.split('\n').length + 1)]);
  });

  it('does not take $ inside an identifier or after a parameter number as a dollar quote', () => {
    expect(scan('select a$b$ from t where x = $1;\n\\i yes.sql\n')).toEqual([include('yes.sql', 2)]);
  });

  it('keeps \\; and \\: in the query instead of starting a command', () => {
    expect(scan("select 1 \\;'\n\\i no.sql\n';\n\\i yes.sql\n")).toEqual([include('yes.sql', 4)]);
  });

  it('leaves ::casts, := and slices such as a[1:2] alone', () => {
    expect(scan('select x::text, a[1:2];\n\\i yes.sql\n', { vars: { text: '\\i no.sql' } })).toEqual([include('yes.sql', 2)]);
  });
});

describe('psql lexer: COPY data', () => {
  it('skips inline COPY … FROM STDIN data up to \\. and scans again after it', () => {
    const text = "COPY t (a, b) FROM stdin;\n1\t\\N\n\\i fake.sql\nit's\n\\.\n\\i real.sql\n";
    expect(scan(text)).toEqual([include('real.sql', 6)]);
  });

  it('treats everything after a binary COPY … FROM STDIN as data', () => {
    expect(scan('\\i a.sql\ncopy t from stdin with (format binary);\n\\i fake.sql\n\\.\n\\i fake2.sql\n')).toEqual([include('a.sql', 1)]);
  });

  it('skips the data of \\copy … from stdin', () => {
    expect(scan("\\copy t from stdin\n'\n\\i fake.sql\n\\.\n\\i real.sql\n")).toEqual([include('real.sql', 5)]);
  });

  it('treats COPY … FROM STDIN without a semicolon as ended by the newline in single-line mode', () => {
    expect(scan('copy t from STDIN\n\\i fake.sql\n\\.\n\\i real.sql\n', { singleLine: true })).toEqual([include('real.sql', 4)]);
  });

  it('takes PSTDIN data inline only when the source is psql standard input', () => {
    const text = 'copy t from pstdin;\n\\i maybe.sql\n\\.\n';
    expect(scan(text)).toEqual([include('maybe.sql', 2)]);
    expect(scan(text, { readsStdin: true })).toEqual([]);
  });

  it('records \\copy FROM files as data files and ignores \\copy TO', () => {
    const text = "\\copy t from 'data one.csv' with csv\n\\copy s.t (a, b) from /abs/d.csv;\n\\copy (select 1) to 'out.csv'\n\\copy t to stdout\n";
    expect(scan(text)).toEqual([data('data one.csv', 1), data('/abs/d.csv', 2)]);
  });

  it('records \\lo_import files as data files', () => {
    expect(scan("\\lo_import '/data/blob.bin' 'a comment'\n")).toEqual([data('/data/blob.bin', 1)]);
  });
});

describe('psql lexer: \\if blocks', () => {
  it('follows both branches and marks what is inside them conditional', () => {
    const text = '\\if :load\n\\i a.sql\n\\elif :other\n\\i b.sql\n\\else\n\\if :x\n\\i c.sql\n\\endif\n\\endif\n\\i d.sql\n';
    expect(scan(text)).toEqual([
      include('a.sql', 2, { conditional: true }),
      include('b.sql', 4, { conditional: true }),
      include('c.sql', 7, { conditional: true }),
      include('d.sql', 10),
    ]);
  });
});

describe('psql lexer: variables', () => {
  it('substitutes -v values in include arguments in every psql form', () => {
    const text = "\\i :dir/a.sql\n\\i :'dir'\n\\i :\"dir\"\n\\i ':dir'\n\\i x:{?dir}\n";
    expect(scan(text, { vars: { dir: "/it's" } })).toEqual([
      include("/it's/a.sql", 1),
      include("'/it''s'", 2),
      include('"/it\'s"', 3),
      include(':dir', 4),
      include('xTRUE', 5),
    ]);
  });

  it('fails an include whose variable no -v option sets', () => {
    expect(scanError('\\i :dir/a.sql\n')).toEqual(unhashable('/w/main.sql:1', '\\i uses :dir, which no -v option sets', 'pass -v dir=…'));
  });

  it('fails an include whose variable the scripts set, even when -v sets it too', () => {
    expect(scanError('\\set dir /other\n\\ir :dir/a.sql\n', { vars: { dir: '/x' } })).toEqual(
      unhashable('/w/main.sql:2', '\\ir uses :dir, which the scripts set', 'pass it with -v instead'),
    );
  });

  it('treats variables a query may set with \\gset as set by the scripts', () => {
    expect(scanError('select 1 as x \\gset\n\\i :dir/a.sql\n', { vars: { dir: '/x' } })).toEqual(
      unhashable('/w/main.sql:2', '\\i uses :dir, which the scripts set', 'pass it with -v instead'),
    );
    expect(scan("select '/y' as dir \\gset p_\n\\i :dir/a.sql\n", { vars: { dir: '/x' } })).toEqual([include('/x/a.sql', 2)]);
  });

  it('scans a -v value interpolated into SQL as psql does, so a backslash command in it counts', () => {
    expect(scan('select 1;\n:cmd\n', { vars: { cmd: '\\i from-var.sql' } })).toEqual([include('from-var.sql', 2)]);
  });

  it('refuses interpolating a \\set value that holds a backslash command', () => {
    expect(scanError("\\set c '\\\\copy t from data.csv'\n:c\n")).toEqual(
      unhashable('/w/main.sql:2', ':c holds a backslash command that psql would run', 'run it directly instead'),
    );
  });
});

describe('psql lexer: opaque constructs', () => {
  const REMOVE = 'remove it from the prepare inputs';
  it.each([
    ['\\! ls', '\\! runs a shell command', REMOVE],
    ['\\set x `date`', 'a backtick in the arguments of \\set runs a shell command', REMOVE],
    ["\\copy t from program 'gzip -dc x.gz'", '\\copy … PROGRAM runs a shell command', 'copy from a file instead'],
    ['\\o | cat', '\\o | sends output to a shell command', REMOVE],
    ['select 1 \\g |cat', '\\g | sends output to a shell command', REMOVE],
    ['\\cd /tmp', '\\cd changes the directory later paths resolve against', 'use absolute paths or \\ir'],
    ['\\e', '\\e starts an editor', REMOVE],
    ['\\i -', '\\i - reads standard input', 'include a file instead'],
    ['\\i ~/x.sql', 'the path ~/x.sql depends on the home directory', 'use an absolute path'],
  ])('%s fails naming file:line', (command, reason, fix) => {
    expect(scanError(`select 1;\n${command}\n`)).toEqual(unhashable('/w/main.sql:2', reason, fix));
  });

  it('allows backticks inside quotes, where psql does not run them', () => {
    expect(scan("\\echo '`not run`'\n\\i a.sql\n")).toEqual([include('a.sql', 2)]);
  });
});

describe('scanPsqlCommand (-c)', () => {
  const options = { label: '-c', variables: new PsqlVariableScope(new Map()), singleLine: false, readsStdin: false };

  it('reads one backslash command when the text starts with a backslash', () => {
    expect(scanPsqlCommand("\\copy t from '/d/x.csv'", options)).toEqual([{ ...data('/d/x.csv', 1) }]);
    expect(scanPsqlCommand('\\ir\n  a.sql', options)).toEqual([include('a.sql', 1, { relativeToSource: true })]);
  });

  it('reads no files from text psql sends to the server as is', () => {
    expect(scanPsqlCommand('select 1; \\i a.sql', options)).toEqual([]);
  });
});
