import { describe, expect, it } from 'vitest';
import { checkLiquibaseVersion, parseLiquibaseVersion } from '../src/version.js';

describe('Liquibase version check', () => {
  it('reads X.Y.Z from the Liquibase Version line', () => {
    expect(parseLiquibaseVersion('Starting Liquibase\nLiquibase Version: 4.28.0\nOther')).toBe('4.28.0');
    expect(parseLiquibaseVersion('no version here')).toBeUndefined();
  });

  it('accepts 4.x and answers unavailable for anything else', () => {
    expect(checkLiquibaseVersion('Liquibase Version: 4.31.1', 'x')).toBe('4.31.1');
    expect(() => checkLiquibaseVersion('Liquibase Version: 5.0.0', '/opt/lb')).toThrow(expect.objectContaining({ code: 'unavailable', message: expect.stringMatching(/supports Liquibase 4\.x only/) }));
    expect(() => checkLiquibaseVersion('garbage', '/opt/lb')).toThrow(expect.objectContaining({ code: 'unavailable' }));
  });
});
