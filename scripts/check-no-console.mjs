#!/usr/bin/env node
// Fails when library code under <root>/packages/*/src uses console.* (style.md: pino loggers only).
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(process.argv[2] ?? '.');
const packagesDir = path.join(root, 'packages');
const offences = [];
const walk = (dir) => {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full);
    else if (/\.(ts|js|mjs)$/.test(entry.name)) {
      fs.readFileSync(full, 'utf8').split('\n').forEach((line, i) => {
        if (/\bconsole\.[a-z]+\s*\(/.test(line)) offences.push(`${path.relative(root, full)}:${i + 1}: ${line.trim()}`);
      });
    }
  }
};
for (const pkg of fs.existsSync(packagesDir) ? fs.readdirSync(packagesDir) : []) {
  const src = path.join(packagesDir, pkg, 'src');
  if (fs.existsSync(src)) walk(src);
}
if (offences.length > 0) {
  process.stderr.write(`no-console: library code must log through @sqlrs/telemetry, found:\n${offences.join('\n')}\n`);
  process.exit(1);
}
process.stdout.write('no-console: ok\n');
